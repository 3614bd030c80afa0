"""People as records: add, rename, merge, remove and name someone, through the command line, on a folder whose
history reaches into an archive (tests/fixtures/schema-4: @lee is a typo for @lee.k, with an archived ask and
check-in, a live check-in and an open ask)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictrack.core.ops import person_uuid
from tests import ondisk

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def typo(home) -> Path:
    shutil.copytree(FIXTURES / "schema-4", home)
    return home


def everything(cli) -> dict:
    """What `export json` holds: every item, person, care check and check-in, archived ones included."""
    result = cli("export", "json")
    assert result.code == 0, result.err
    document = result.json()
    document.pop("exported_at")
    return document


def whose(document: dict) -> dict[str, list]:
    """Each handle's item IDs and check-in times, from an export."""
    held: dict[str, list] = {}
    for item in document["items"]:
        held.setdefault(item["person"], []).append(item["id"])
    for checked in document["checkins"]:
        held.setdefault(checked["person"], []).append(checked["at"])
    return held


def test_rename_moves_every_item_and_checkin_archived_ones_too_and_undo_restores_it(cli, typo):
    before = everything(cli)
    result = cli("person", "rename", "@lee", "lee.kim")
    assert (result.code, result.out) == (0, "Renamed @lee to @lee.kim; every item and check-in follows.\n")
    after = everything(cli)
    assert whose(after)["lee.kim"] == whose(before)["lee"] and "lee" not in whose(after)
    assert [json.dumps(record) for record in after["items"]] == [
        json.dumps(record).replace('"person": "lee"', '"person": "lee.kim"') for record in before["items"]
    ]  # nothing else about an item changed
    renamed = next(person for person in after["people"] if person["handle"] == "lee.kim")
    assert renamed["uuid"] == person_uuid("lee")  # who they are stays
    assert cli("show", "2", "--json").json()["person"] == "lee.kim"  # item 2 is archived
    assert cli("doctor").code == 0
    assert cli("undo").out == "Undid: renamed @lee to @lee.kim\n"
    assert everything(cli) == before


def test_merge_folds_a_typo_into_the_real_person_in_one_undoable_change(cli, typo):
    before = everything(cli)
    result = cli("person", "merge", "lee", "lee.k")
    assert result.code == 0 and result.out.startswith("Merged @lee into @lee.k:")
    after = everything(cli)
    assert sorted(map(str, whose(after)["lee.k"])) == sorted(map(str, whose(before)["lee"] + whose(before)["lee.k"]))
    assert [person["handle"] for person in after["people"]] == ["dana", "kim", "lee.k", "sam"]
    assert len(after["items"]) == len(before["items"]) and len(after["checkins"]) == len(before["checkins"])
    agenda = cli("person", "lee.k", "--json").json()
    assert [item["id"] for item in agenda["they_owe"]] == [4, 6] and len(agenda["checkins"]) == 3
    assert cli("doctor").code == 0
    journal = ondisk.journal(typo)
    assert journal[max(journal, key=int)]["op"] == "person_merge"
    assert cli("undo").out == "Undid: merged @lee into @lee.k\n"
    assert everything(cli) == before and cli("doctor").code == 0


def test_after_a_merge_archived_records_still_name_the_old_uuid_and_read_as_the_person_kept(cli, typo):
    assert cli("person", "merge", "lee", "lee.k").code == 0
    archive = ondisk.read(typo / "archive-2026-09.json")
    (september,) = [record for record in archive["checkins"].values() if record["at"].startswith("2026-09-05")]
    assert september["person_id"] == person_uuid("lee")  # archived before the merge, and not rewritten
    assert cli("show", "2", "--json").json()["person"] == "lee.k"
    data = ondisk.read(typo / "ictrack.json")
    live = {record["id"]: record["person_id"] for record in data["items"].values()}
    assert live[6] == live[4] == person_uuid("lee.k")  # the live ones are
    assert cli("list", "--person", "lee").code == 1  # nobody by that handle any more


def test_the_typo_typed_again_is_a_new_person_not_the_one_merged(cli, typo):
    assert cli("person", "merge", "lee", "lee.k").code == 0
    assert cli("ask", "@lee one more thing").code == 0
    assert cli("person", "lee", "--json").json()["they_owe"][0]["title"] == "one more thing"
    assert cli("show", "2", "--json").json()["person"] == "lee.k" and cli("doctor").code == 0


def test_merge_after_the_archive_moves_more_of_their_history_out_reads_the_same(cli, typo):
    assert cli("person", "merge", "lee", "lee.k").code == 0
    assert cli("got", "6", now="2026-11-24T09:00").code == 0
    assert cli("thank", "6", "--note", "thanks", now="2026-11-24T09:10").code == 0
    assert cli("add", "later", now="2027-01-10T09:00").code == 0  # archives item 6 under lee.k's uuid
    assert 6 in ondisk.items(typo / "archive-2026-11.json", people_from=typo / "ictrack.json")
    assert cli("show", "6", "--json", now="2027-01-10T09:00").json()["person"] == "lee.k"
    assert cli("doctor", now="2027-01-10T09:00").code == 0


def test_remove_refuses_someone_whose_only_history_is_archived_and_counts_it(cli, with_archive):
    refused = cli("person", "remove", "dana")
    assert refused.code == 1
    assert refused.err == ("ictrack: @dana has 1 item; only someone with no history can be removed. "
                           "`ictrack person merge dana OTHER` folds them into someone else.\n")  # fmt: skip


def test_adding_someone_called_like_a_verb_twice_hints_the_command_that_changes_them(cli):
    assert cli("person", "add", "note").code == 0
    refused = cli("person", "add", "note", "--team", "ops")
    assert refused.code == 1 and "`ictrack person @note --team ops` changes them." in refused.err
    assert cli("person", "@note", "--team", "ops").code == 0


def test_remove_takes_out_someone_added_by_mistake_and_undo_brings_them_back(cli):
    assert cli("person", "add", "kim", "--kind", "client").code == 0
    assert cli("person", "remove", "kim").out == "Removed @kim.\n"
    assert cli("people", "--json").json() == []
    assert cli("undo").out == "Undid: removed @kim\n"
    assert [row["kind"] for row in cli("people", "--json").json()] == ["client"]


def test_someone_added_before_any_item_can_be_checked_in_with_and_is_then_named_by_quick_add(cli):
    added = cli("person", "add", "@Lee.K", "--name", "Lee Kim", "--kind", "report", "--cadence", "7")
    assert (added.code, added.out) == (0, "Added @lee.k (Lee Kim), report.\n")
    assert cli("checkin", "lee.k", "--rating", "4").code == 0
    asked = cli("ask", "@lee.k review the deck by thu")
    assert asked.code == 0 and "is new" not in asked.err
    row = cli("people", "--json").json()[0]
    assert (row["handle"], row["name"], row["cadence"], row["open_asks"]) == ("lee.k", "Lee Kim", 7, 1)


def test_a_display_name_is_set_later_and_cleared_with_an_empty_one(cli):
    assert cli("ask", "@lee.k review the deck").code == 0
    assert cli("person", "lee.k", "--name", "Lee Kim").out.startswith("Lee Kim (@lee.k)")
    assert cli("people", "--json").json()[0]["name"] == "Lee Kim"
    assert cli("person", "lee.k", "--name", "").code == 0
    assert cli("people", "--json").json()[0]["name"] is None


@pytest.mark.parametrize(("args", "code", "message"), [
    (("person", "add"), 2, "use `ictrack person add P` (someone whose handle is add is `ictrack person @add`)."),
    (("person", "add", "sam", "extra"), 2, "use `ictrack person add P`."),
    (("person", "rename", "lee"), 2, "use `ictrack person rename OLD NEW`."),
    (("person", "merge", "lee", "lee.k", "--kind", "manager"), 2, "--kind goes with `person P` or `person add P`"),
    (("person", "note", "lee"), 2, "use `ictrack person note P TEXT`."),
    (("person", "dana", "lee"), 2, "`person dana` takes one handle"),
    (("person", "rename", "lee", "Lee K"), 2, '"Lee K" is not a handle'),
    (("person", "rename", "lee", "lee.k"), 1, "@lee.k already exists; `ictrack person merge lee lee.k`"),
    (("person", "merge", "lee", "nobody"), 1, "nobody called @nobody"),
    (("person", "add", "zed", "--name", "x" * 101), 2, "a name is at most 100 characters"),
    (("person", "add", "@lee.k"), 1, "@lee.k already exists; `ictrack person lee.k` shows them, and `ictrack "
     "person lee.k --name …` (or --kind, --team, --cadence) changes them."),
    (("person", "add", "lee.k", "--name", "Lee Kim", "--kind", "report"), 1, "@lee.k already exists; `ictrack "
     "person lee.k --name 'Lee Kim' --kind report` changes them."),
])  # fmt: skip
def test_a_person_command_that_cannot_be_done_says_why_in_one_line_and_changes_nothing(cli, typo, args, code,
                                                                                     message):  # fmt: skip
    before = everything(cli)
    result = cli(*args)
    assert result.code == code and message in result.err and result.err.count("\n") == 1
    assert everything(cli) == before


# -- a person's page: the agenda for a 1:1 -------------------------------------------------------------------------


@pytest.fixture
def dana(cli):
    """Dana Scully, my manager: three check-ins rated lower each time, a note, one thing each way, help to thank."""
    for now, *args in [
        (
            "2026-10-01T09:00",
            "person",
            "add",
            "dana",
            "--name",
            "Dana Scully",
            "--kind",
            "manager",
            "--team",
            "finance",
        ),
        ("2026-10-01T09:00", "checkin", "dana", "--rating", "4", "--note", "wants figures a day earlier"),
        ("2026-10-15T09:00", "checkin", "dana", "--rating", "3", "--note", "board pack was late"),
        ("2026-10-29T09:00", "checkin", "dana", "--rating", "2", "--note", "too many surprises"),
        ("2026-11-02T09:00", "person", "note", "dana", "prefers", "figures", "a", "day", "early"),
        ("2026-11-20T09:00", "add", "@dana send Q3 figures by fri 3pm #finance"),
        ("2026-11-20T09:00", "ask", "@dana approve the budget by wed"),
        ("2026-11-21T09:00", "helped", "@dana covered the board call"),
    ]:
        assert cli(*args, now=now).code == 0, args
    cli("people", now="2026-11-23T09:00")  # the clock back to the pinned Monday
    return cli


AGENDA_MD = """\
# 1:1 with Dana Scully (@dana)

Monday 23 November 2026 · manager · finance · check in every 14 days · on time —

## What I owe them (1)

- [ ] send Q3 figures, due Fri 20 Nov 15:00 — overdue (#1)

## What they owe me (1)

- [ ] approve the budget, due Wed 25 Nov 17:00 (#2)

## Thank-yous owed (1)

- covered the board call: helped Sat 21 Nov 09:00 (#3)

## Check-ins (3)

Ratings 4 → 3 → 2: falling.

- Thu 1 Oct 09:00 — 4/5: wants figures a day earlier
- Thu 15 Oct 09:00 — 3/5: board pack was late
- Thu 29 Oct 09:00 — 2/5: too many surprises

## Notes (1)

- Mon 2 Nov 09:00: prefers figures a day early

## To ask

> Last time you rated us 2/5. What would make it a 3?
"""


def test_the_agenda_in_markdown_for_a_person_holds_everything_for_a_1_1(dana):
    assert dana("person", "dana", "--md").out == AGENDA_MD


def test_the_agenda_as_text_shows_the_rating_trend_the_notes_and_the_question(dana):
    page = dana("person", "dana").out
    assert page.startswith("Dana Scully (@dana) — manager, finance, check in every 14 days; on time —; "
                           "renegotiated 0 in time, moved 0 after the date\n")  # fmt: skip
    assert "Check-ins (3) — ratings 4 → 3 → 2, falling — one is due\n" in page
    assert "Notes (1)\n        Mon 2 Nov 09:00  prefers figures a day early\n" in page
    assert page.endswith("Ask at the check-in: Last time you rated us 2/5. What would make it a 3?\n")


def test_the_agenda_in_json_holds_the_notes_the_trend_and_the_question(dana):
    view = dana("person", "dana", "--json").json()
    assert view["notes"] == [{"at": "2026-11-02T09:00:00+00:00", "text": "prefers figures a day early"}]
    assert view["trend"] == {"ratings": [4, 3, 2], "direction": "falling"}
    assert view["question"] == "Last time you rated us 2/5. What would make it a 3?"
    assert list(view) == ["person", "owe_them", "they_owe", "thanks_owed", "checkins", "trend", "notes", "question"]


def test_no_question_is_suggested_until_a_check_in_is_due(dana):
    assert dana("checkin", "dana", "--rating", "4").code == 0
    view = dana("person", "dana", "--json").json()
    assert view["question"] is None and view["trend"]["direction"] == "rising"
    assert "Ask at the check-in" not in dana("person", "dana").out


def test_the_agenda_is_written_to_a_file_as_markdown_by_its_name(dana, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = dana("person", "dana", "-o", "dana.md")
    assert result.out == f"Wrote @dana's agenda (md) to {tmp_path / 'dana.md'}\n"
    assert (tmp_path / "dana.md").read_text() == AGENDA_MD
    assert dana("person", "dana", "-o", "dana.md").code == 1  # not replaced without --force
    assert dana("person", "dana", "--md", "--json").code == 2
    assert "--md goes with `person P`, not `person note`" in dana("person", "note", "dana", "x", "--md").err
    refused = dana("person", "dana", "--name", "Dana S", "-o", "other.md")
    assert refused.code == 2 and "give --name in a command of its own first" in refused.err
    assert not (tmp_path / "other.md").exists() and dana("people", "--json").json()[0]["name"] == "Dana Scully"


def test_an_export_after_a_merge_imports_whole_into_a_new_folder(cli, typo, tmp_path, monkeypatch):
    assert cli("person", "merge", "lee", "lee.k").code == 0
    assert cli("person", "note", "lee.k", "was @lee too").code == 0
    document = everything(cli)
    (tmp_path / "export.json").write_text(json.dumps({**document, "exported_at": "2026-11-23T09:00:00+00:00"}))
    monkeypatch.setenv("ICTRACK_HOME", str(tmp_path / "new"))
    assert cli("import", "json", str(tmp_path / "export.json")).code == 0
    assert everything(cli) == document and cli("doctor").code == 0
    kept = next(person for person in document["people"] if person["handle"] == "lee.k")
    assert kept["merged"] == [person_uuid("lee")] and kept["notes"][0]["text"] == "was @lee too"


def test_an_import_where_a_merged_uuid_is_someone_else_s_is_refused(cli, tmp_path):
    people = [{"uuid": canonical(1), "handle": "dana", "created": "2026-11-01T09:00:00+00:00",
               "merged": [canonical(2)]},
              {"uuid": canonical(2), "handle": "lee", "created": "2026-11-01T09:00:00+00:00"}]  # fmt: skip
    (tmp_path / "export.json").write_text(json.dumps({"format": "ictrack-export", "version": 1, "people": people}))
    refused = cli("import", "json", str(tmp_path / "export.json"))
    assert refused.code == 2 and f"holds two people with the uuid {canonical(2)!r}" in refused.err


def test_a_data_file_where_a_merged_uuid_is_someone_else_s_is_damage_doctor_names(cli, typo):
    data = ondisk.read(typo / "ictrack.json")
    dana = next(record for record in data["people"].values() if record["handle"] == "dana")
    dana["merged"] = [person_uuid("kim")]
    (typo / "ictrack.json").write_text(json.dumps(data))
    checked = cli("doctor")
    assert checked.code == 3 and f"@dana and @kim are both named by the uuid {person_uuid('kim')!r}" in checked.out


# -- how long a handle may be --------------------------------------------------------------------------------------

LONG = "a" * 65  # one over the bound
HUGE = "b" * 100_000


@pytest.mark.parametrize("args", [
    ("add", f"@{LONG} send the figures"),
    ("ask", f"review the deck @{LONG}"),
    ("helped", f"@{HUGE} fixed the build"),
    ("add", "send the figures", "--to", LONG),
    ("edit", "1", "--to", LONG),
    ("person", "add", LONG),
    ("person", "add", HUGE),
    ("person", "rename", "dana", HUGE),
    ("person", "merge", LONG, "dana"),
    ("person", "merge", "dana", LONG),
    ("person", LONG, "--kind", "client"),
    ("checkin", HUGE),
])  # fmt: skip
def test_a_handle_longer_than_64_characters_is_refused_in_one_short_line_wherever_it_is_typed(cli, args):
    assert cli("add", "@dana send the report").code == 0
    before = everything(cli)
    result = cli(*args)
    assert result.code == 2 and result.err.count("\n") == 1 and len(result.err) < 200, result.err[:300]
    assert "a handle is at most 64 characters" in result.err
    assert everything(cli) == before


def test_a_handle_of_64_characters_is_fine(cli):
    assert cli("person", "add", "a" * 64).code == 0
    assert cli("add", f"@{'c' * 64} call back").code == 0
    assert sorted(row["handle"] for row in cli("people", "--json").json()) == ["a" * 64, "c" * 64]


def test_an_import_with_a_handle_too_long_is_refused_whole(cli, tmp_path):
    people = [{"uuid": "7c1b4b0e-0c56-4b0b-8d7c-2a1c3f2f9a11", "handle": LONG, "created": "2026-11-01T09:00:00+00:00"}]
    (tmp_path / "export.json").write_text(json.dumps({"format": "ictrack-export", "version": 1, "people": people}))
    refused = cli("import", "json", str(tmp_path / "export.json"))
    assert refused.code == 2 and "people record 1 can't be read" in refused.err and "at most 64" in refused.err
    assert len(refused.err) < 300 and cli("people", "--json").json() == []


def test_a_taskwarrior_task_naming_a_handle_too_long_comes_in_without_them_and_says_so(cli, tmp_path):
    task = {"uuid": "c46c8e7b-1176-4a85-a9a7-ef515cb91cfa", "description": "Send Q3 figures", "status": "pending",
            "entry": "20261122T202743Z", "tags": [f"@{LONG}", "@dana"]}  # fmt: skip
    (tmp_path / "tasks.json").write_text(json.dumps([task, {**task, "uuid": "c46c8e7b-1176-4a85-a9a7-ef515cb91cfb",
                                                             "tags": [f"@{LONG}"]}]))  # fmt: skip
    result = cli("import", "taskwarrior", str(tmp_path / "tasks.json"))
    assert result.code == 0, result.err
    assert "Note: 2 tasks name a person by a handle longer than 64 characters" in result.out
    assert [item["person"] for item in cli("list", "--json").json()] == ["dana", None]


def test_a_data_file_holding_a_handle_too_long_is_damage_doctor_names(cli, typo):
    data = ondisk.read(typo / "ictrack.json")
    dana = next(record for record in data["people"].values() if record["handle"] == "dana")
    dana["handle"] = LONG
    (typo / "ictrack.json").write_text(json.dumps(data))
    refused = cli("list")
    assert refused.code == 3 and refused.err.count("\n") == 1 and "a handle of at most 64 characters" in refused.err
    checked = cli("doctor")
    assert checked.code == 3 and "handle is not a handle of at most 64 characters" in checked.out


# -- what `merged` may hold ----------------------------------------------------------------------------------------


def canonical(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012x}"


@pytest.mark.parametrize(("merged", "problem"), [
    (lambda own: [own], "merged holds their own uuid"),
    (lambda own: ["not-a-uuid"], "merged holds 'not-a-uuid', which is not a uuid"),
    (lambda own: [12], "merged is not a list of uuids"),
    (lambda own: [canonical(7), canonical(7)], f"merged holds {canonical(7)!r} twice"),
    (lambda own: [canonical(n) for n in range(1001)], "merged holds 1001 uuids; at most 1000"),
    (lambda own: [canonical(n) for n in range(200_000)], "merged holds 200000 uuids; at most 1000"),
])  # fmt: skip
def test_a_merged_list_that_makes_no_sense_is_damage_in_one_short_line_that_doctor_names(cli, typo, merged, problem):
    data = ondisk.read(typo / "ictrack.json")
    dana = next(record for record in data["people"].values() if record["handle"] == "dana")
    dana["merged"] = merged(dana["uuid"])
    (typo / "ictrack.json").write_text(json.dumps(data))
    refused = cli("list")
    assert refused.code == 3 and refused.err.count("\n") == 1 and problem in refused.err and len(refused.err) < 600
    checked = cli("doctor")
    assert checked.code == 3 and problem in checked.out


def test_a_merged_list_of_well_formed_uuids_nobody_else_has_reads_and_doctor_is_content(cli, typo):
    data = ondisk.read(typo / "ictrack.json")
    dana = next(record for record in data["people"].values() if record["handle"] == "dana")
    dana["merged"] = [canonical(n) for n in range(1000)]  # a thousand typos folded in: the most there may be
    (typo / "ictrack.json").write_text(json.dumps(data))
    assert cli("list").code == 0 and cli("doctor").code == 0
    refused = cli("person", "merge", "kim", "dana")
    assert refused.code == 1 and "@dana has 1000 people merged into them already" in refused.err
    assert cli("doctor").code == 0


def test_an_import_with_a_merged_list_holding_the_person_s_own_uuid_or_a_person_uuid_that_is_none_is_refused(
    cli, tmp_path
):
    for people, problem in (
        ([{"uuid": canonical(1), "handle": "dana", "created": "2026-11-01T09:00:00+00:00",
           "merged": [canonical(1)]}], "merged holds their own uuid"),
        ([{"uuid": "u-1", "handle": "dana", "created": "2026-11-01T09:00:00+00:00"}], "uuid 'u-1' is not a uuid"),
    ):  # fmt: skip
        (tmp_path / "export.json").write_text(json.dumps({"format": "ictrack-export", "version": 1, "people": people}))
        refused = cli("import", "json", str(tmp_path / "export.json"))
        assert refused.code == 2 and problem in refused.err and "nothing was imported" in refused.err


def test_a_merged_list_emptied_by_hand_is_said_to_be_the_data_file_s_and_doctor_says_how_to_put_it_back(cli, typo):
    assert cli("person", "merge", "lee", "lee.k").code == 0
    data = ondisk.read(typo / "ictrack.json")
    kept = next(record for record in data["people"].values() if record["handle"] == "lee.k")
    assert kept["merged"] == [person_uuid("lee")]
    kept["merged"] = []  # archived records still name @lee's uuid: now nobody answers to it
    (typo / "ictrack.json").write_text(json.dumps(data))
    broken = (typo / "ictrack.json").read_bytes(), (typo / "archive-2026-09.json").read_bytes()
    data_file, archive = typo / "ictrack.json", typo / "archive-2026-09.json"

    refused = cli("people")
    assert refused.code == 3 and refused.err.count("\n") == 1
    assert f"{archive} names someone {data_file} does not hold: no person there has the uuid " in refused.err
    assert person_uuid("lee") in refused.err and "`merged`" in refused.err
    assert "damaged record" not in refused.err and "--restore" not in refused.err

    checked = cli("doctor")
    assert checked.code == 3 and "would restore" not in checked.out and "even repaired" not in checked.out
    advice = checked.out.splitlines()[-1]
    assert advice.startswith("`ictrack doctor --restore` can't repair this:") and person_uuid("lee") in advice
    assert f"put it back in the `merged` list of the person it was merged into, in {data_file}" in advice
    restored = cli("doctor", "--restore")
    assert restored.code == 3 and restored.err.count("\n") == 1 and "nothing was changed" in restored.err
    assert ((typo / "ictrack.json").read_bytes(), (typo / "archive-2026-09.json").read_bytes()) == broken

    kept["merged"] = [person_uuid("lee")]  # as the advice says
    (typo / "ictrack.json").write_text(json.dumps(data))
    assert cli("show", "2", "--json").json()["person"] == "lee.k" and cli("doctor").code == 0


# -- edits that change nothing, a merge's fields, names that show ---------------------------------------------------


@pytest.mark.parametrize("option", [("--kind", "colleague"), ("--team", ""), ("--name", ""), ("--kind", "manager")])
def test_a_person_edit_that_changes_nothing_is_refused_and_leaves_no_undo_step(cli, option):
    assert cli("person", "add", "dana", "--kind", "manager" if option[1] == "manager" else "colleague").code == 0
    before = cli("undo", "--list", "--json").out
    refused = cli("person", "dana", *option)
    assert (refused.code, refused.err) == (2, "ictrack: that changes nothing: @dana already reads so.\n")
    assert cli("undo", "--list", "--json").out == before


def test_merge_keeps_every_field_the_person_kept_has_and_takes_only_what_they_lack(cli):
    assert cli("person", "add", "lee", "--name", "Lee Kim", "--kind", "report", "--team", "data", "--cadence",
               "7").code == 0  # fmt: skip
    assert cli("person", "add", "lee.k", "--team", "platform").code == 0
    merged = cli("person", "merge", "lee", "lee.k")
    assert merged.out == ("Merged @lee into @lee.k: their items, check-ins and notes are now one person's, and @lee.k "
                          "takes @lee's name, kind and cadence, which they had not set. `ictrack undo` takes it "
                          "back.\n")  # fmt: skip
    kept = cli("people", "--json").json()[0]
    assert (kept["name"], kept["kind"], kept["team"], kept["cadence"]) == ("Lee Kim", "report", "platform", 7)


def test_merge_into_someone_with_every_field_set_changes_none_of_them_and_says_so(cli):
    assert cli("person", "add", "lee", "--name", "Lee", "--kind", "report", "--team", "a", "--cadence", "7").code == 0
    assert cli("person", "add", "lee.k", "--name", "Lee Kim", "--kind", "client", "--team", "b", "--cadence",
               "30").code == 0  # fmt: skip
    merged = cli("person", "merge", "lee", "lee.k")
    assert "; @lee.k keeps their own name, kind, team and cadence." in merged.out
    kept = cli("people", "--json").json()[0]
    assert (kept["name"], kept["kind"], kept["team"], kept["cadence"]) == ("Lee Kim", "client", "b", 30)


@pytest.mark.parametrize("name", ["\x1b", "\u200b\u200b", " \u2060 ", "\x07\x1b\x9b"])
def test_a_display_name_with_nothing_to_see_is_refused(cli, name):
    refused = cli("person", "add", "dana", "--name", name)
    assert refused.code == 2 and "a name needs a letter, digit or mark you can see" in refused.err
    assert cli("people", "--json").json() == []


def test_remove_counts_archived_check_ins_as_well_as_live_ones(cli):
    assert cli("person", "add", "dana", now="2026-09-01T09:00").code == 0
    for day in ("2026-09-01T09:00", "2026-09-02T09:00", "2026-09-03T09:00"):
        assert cli("checkin", "dana", now=day).code == 0
    assert cli("add", "later", now="2026-11-23T09:00").code == 0  # the two older check-ins go to the archive
    refused = cli("person", "remove", "dana")
    assert refused.code == 1 and refused.err.startswith("ictrack: @dana has 3 check-ins;"), refused.err
