"""A data folder someone tampered with, or an older release left odd: every command answers in one line, the
store never writes what it would refuse to read, doctor reports whatever the store refuses, and
`doctor --restore` claims only repairs that leave the folder readable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictrack.core.ops import person_uuid
from ictrack.storage import SCHEMA
from tests import ondisk

FIXTURES = Path(__file__).parent / "fixtures"


def data_file(home: Path) -> Path:
    return home / "ictrack.json"


def edit(path: Path, change) -> None:
    """Change a file's tables as a hand with a text editor would."""
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def one_line(result) -> bool:
    return result.err.count("\n") == 1 and result.err.startswith("ictrack: ") and "Traceback" not in result.err


class TestArchiveNames:
    @pytest.mark.parametrize("name", ["archive-02031.json", "archive-0999.json", "archive-2026-11.json.bak",
                                      "archive-12026.json", "archive-٢٠٢٦.json", "archive-2026-13.json",
                                      "archive-2026-1.json", "archive-2026-00.json",
                                      "archive-2026-11-01.json"])  # fmt: skip
    def test_a_stray_file_named_almost_like_an_archive_is_not_taken_for_one(self, cli, with_archive, name):
        (with_archive / name).write_text("anything at all")
        assert cli("list", "--all").code == 0
        assert cli("show", "1").code == 0
        assert cli("doctor").code == 0
        restored = cli("doctor", "--restore", now="2027-01-05T11:00")
        assert restored.code == 1
        assert sorted(path.name for path in with_archive.glob("archive-*")) == sorted(["archive-2026-11.json", name])


def an_export(next_id, *ids: int) -> dict:
    items = [{"id": item_id, "uuid": f"u-{item_id}", "kind": "commitment", "title": f"task {item_id}",
              "created": "2026-11-23T09:00:00+00:00"} for item_id in ids]  # fmt: skip
    return {"format": "ictrack-export", "version": 1, "next_id": next_id, "items": items}


class TestItemIds:
    def test_the_cli_and_the_store_give_item_ids_the_same_bound(self):
        from ictrack.cli.common import MAX_ID as TYPED
        from ictrack.core.model import MAX_ID as STORED

        assert TYPED == STORED == 999_999_999

    @pytest.mark.parametrize(("next_id", "ids"), [(10**30, [1]), (2**53 + 1, []), (1_000_000_001, [3])])
    def test_import_refuses_a_next_id_beyond_the_last_item_id(self, cli, home, tmp_path, next_id, ids):
        document = tmp_path / "in.json"
        document.write_text(json.dumps(an_export(next_id, *ids)))
        result = cli("import", "json", str(document))
        assert result.code == 2 and one_line(result), result.err
        assert f"next_id {next_id} is beyond the last item ID, 999999999; nothing was imported." in result.err
        assert not home.exists()

    def test_import_refuses_an_item_id_no_one_could_type(self, cli, home, tmp_path):
        document = tmp_path / "in.json"
        document.write_text(json.dumps(an_export(None, 1_000_000_000)))
        result = cli("import", "json", str(document))
        assert result.code == 2 and "id 1000000000 is not a whole number from 1 to 999999999" in result.err
        assert not home.exists()

    def test_once_the_last_id_is_given_out_add_refuses_and_the_folder_stays_readable(self, cli, home, tmp_path):
        document = tmp_path / "in.json"
        document.write_text(json.dumps(an_export(1_000_000_000, 999_999_999)))
        assert cli("import", "json", str(document)).code == 0
        before = data_file(home).read_bytes()
        result = cli("add", "one more")
        assert result.code == 1 and one_line(result)
        assert "every item ID up to 999999999 has been given out" in result.err
        assert data_file(home).read_bytes() == before
        assert cli("show", "999999999").code == 0 and cli("doctor").code == 0

    @pytest.mark.parametrize("next_id", [10**30, 1_000_000_001, 0, -5, "7", 2.0])
    def test_a_stored_next_id_out_of_range_is_damage_that_doctor_reports_and_restore_repairs(
        self, cli, with_archive, next_id
    ):
        edit(data_file(with_archive), lambda data: data["meta"]["1"].update(next_id=next_id))
        broken = data_file(with_archive).read_bytes()
        for command in (["add", "one more"], ["list"], ["undo"]):
            result = cli(*command, now="2027-01-05T11:00")
            assert result.code == 3 and one_line(result), (command, result.err)
            assert "has a next ID that makes no sense" in result.err
        assert data_file(with_archive).read_bytes() == broken
        checked = cli("doctor")
        assert checked.code == 3
        assert f"problem: {data_file(with_archive)} has a next ID that makes no sense" in checked.out
        assert cli("doctor", "--restore", now="2027-01-05T11:00").code == 0
        assert cli("doctor").code == 0
        # the newest good backup was taken before item 2 was added: what came after it is lost
        assert cli("add", "after the restore", "--json", now="2027-01-05T11:05").json()["id"] == 2


BAD_META = {
    "archives as text": ("archives", "2026", "lists archives that make no sense ('2026'"),
    "archives as a number": ("archives", 2026, "lists archives that make no sense (2026;"),
    "archives with a word": ("archives", [2026, "x"], "lists archives that make no sense ([2026, 'x']"),
    "archives of no year": ("archives", [-1, 10**30], "lists archives that make no sense ([-1, 1000000"),
    "a move to no year": ("pending", {"abc": {"out": {"items": ["nope"]}}}, "notes a move to or from the archives"),
    "a move that is a list": ("pending", ["x"], "notes a move to or from the archives that makes no sense (['x'])"),
    "a move of the people": (
        "pending",
        lambda data: {"2031": {"out": {"people": list(data["people"])}}},
        "notes a move to or from the archives",
    ),
    "a move of the meta": ("pending", {"2026": {"out": {"meta": ["1"]}}}, "notes a move to or from the archives"),
    "a move of a year as 02026": ("pending", {"02026": {"out": {}}}, "notes a move to or from the archives"),
}


class TestDamagedMeta:
    @pytest.mark.parametrize("flaw", BAD_META)
    def test_a_meta_not_as_ictrack_writes_it_stops_every_command_in_one_line_and_restore_repairs_it(
        self, cli, with_archive, flaw
    ):
        field, value, words = BAD_META[flaw]
        edit(
            data_file(with_archive),
            lambda data: data["meta"]["1"].update({field: value(data) if callable(value) else value}),
        )
        broken = data_file(with_archive).read_bytes()
        for command in (["list"], ["list", "--all"], ["show", "1"], ["add", "x @dana"], ["undo"], ["done", "2"]):
            result = cli(*command, now="2027-01-05T11:00")
            assert result.code == 3 and one_line(result), (command, result.err)
            assert f"{data_file(with_archive)} {words}" in result.err, result.err
        assert data_file(with_archive).read_bytes() == broken
        assert sorted(path.name for path in with_archive.glob("archive-*")) == ["archive-2026-11.json"]
        checked = cli("doctor")
        assert checked.code == 3 and "Traceback" not in checked.err
        assert f"problem: {data_file(with_archive)} {words}" in checked.out, checked.out
        assert cli("doctor", "--restore", now="2027-01-05T11:00").code == 0
        assert cli("doctor").code == 0 and cli("list", "--all").code == 0


AT = "2026-11-23T09:00:00+00:00"
BAD_ENTRIES = {
    "no record of what it replaced": ({"summary": "x", "at": AT}, "it holds no record of what the change replaced"),
    "a schema number as text": ({"summary": "x", "schema": "4", "before": {}}, "its schema number makes no sense"),
    "a list for what it replaced": ({"summary": "x", "schema": 4, "before": []}, "it holds no record of what"),
    "no summary": ({"summary": 5, "schema": 4, "before": {}}, "it does not say what the change was"),
    "a table that is no table": (
        {"summary": "x", "schema": 4, "before": {"evil": {"1": {"a": 1}}, "meta": {"1": {"schema": 99}}}},
        "it would put back records in 'evil', which is not a table of records"),
    "an item that is no item": ({"summary": "x", "schema": 4, "before": {"items": {"zzz": {"id": "oops"}}}},
                                "what it would put back in items is damaged ('zzz': id 'oops' is not a whole"),
    "an item from before the upgrade without its uuid": ({"summary": "old", "before": {"items": {"42": {"id": 42}}}},
                                                         "what it would put back in items is damaged ('42': it has"),
    "records that are not records": ({"summary": "x", "schema": 4, "before": {"care": {"2026-11-23": 7}}},
                                     "what it replaced in care is not a set of records"),
}  # fmt: skip


@pytest.fixture
def two_items(cli, home) -> Path:
    """Two items, over two days (so a backup was taken), each add in the undo journal."""
    assert cli("add", "@dana send Q3 figures", now="2026-11-22T09:00").code == 0
    assert cli("add", "book the venue", now="2026-11-23T09:00").code == 0
    return home


def journal_keys(home: Path) -> list[str]:
    return list(ondisk.journal(home))


def journal_file(home: Path) -> Path:
    return home / "journal.jsonl"


class TestDamagedJournal:
    @pytest.mark.parametrize("flaw", BAD_ENTRIES)
    def test_a_damaged_newest_entry_is_not_undone_in_one_line_doctor_names_it_and_other_changes_go_on(
        self, cli, two_items, flaw
    ):
        entry, why = BAD_ENTRIES[flaw]
        ondisk.edit_journal(two_items, lambda journal, redo: journal.update({"99": entry}))
        broken = data_file(two_items).read_bytes()
        backups = sorted((two_items / "backups").iterdir())
        undone = cli("undo", now="2026-11-24T09:00")
        assert undone.code == 3 and one_line(undone), undone.err
        assert f"ictrack: can't undo the last change: {why}" in undone.err
        assert f"(undo journal entry 99 of {data_file(two_items)}); nothing was changed." in undone.err
        assert data_file(two_items).read_bytes() == broken
        assert sorted((two_items / "backups").iterdir()) == backups  # refused before anything is written
        checked = cli("doctor")
        assert checked.code == 3
        assert f"problem: {journal_file(two_items)}: undo journal entry 99 can't be undone: {why}" in checked.out
        # the journal is a way back, not the data: the user's work goes on, and its own undo works
        assert cli("add", "call the bank", now="2026-11-24T09:00").code == 0
        assert cli("undo", now="2026-11-24T09:00").out == 'Undid: added commitment 3 "call the bank"\n'
        assert cli("undo", now="2026-11-24T09:00").code == 3
        assert [item["id"] for item in cli("list", "--json").json()] == [1, 2]

    def test_what_an_entry_puts_back_is_checked_with_the_rest_of_the_file_before_it_is_written(self, cli, two_items):
        data = ondisk.read(data_file(two_items))
        record = dict(data["items"][ondisk.key_of(data, 2)], person_id="00000000-0000-4000-8000-00000000000f")
        ondisk.edit_journal(two_items, lambda journal, redo: journal.update(
            {"99": {"summary": "x", "schema": 4, "before": {"items": {record["uuid"]: record}}}}))  # fmt: skip
        broken = data_file(two_items).read_bytes()
        undone = cli("undo", "--yes")  # the entry does not say when it was made
        assert undone.code == 3 and one_line(undone), undone.err
        assert (
            "can't undo the last change: with what it replaced put back, ictrack.json holds a damaged record "
            "(item 2: person_id '00000000-0000-4000-8000-00000000000f' is nobody among the people)"
        ) in undone.err
        assert data_file(two_items).read_bytes() == broken
        checked = cli("doctor")
        assert checked.code == 3 and "undo journal entry 99 can't be undone: with what it replaced put back" in (
            checked.out)  # fmt: skip

    def test_an_entry_under_a_key_that_is_no_number_never_stops_a_change_or_undo_and_the_next_change_drops_it(
        self, cli, two_items
    ):
        entry = {"summary": "x", "at": AT, "schema": 4, "before": {}}
        ondisk.edit_journal(two_items, lambda journal, redo: journal.update({"abc": entry, "007": entry}))
        checked = cli("doctor")
        assert checked.code == 3
        assert "undo journal entry 'abc' is not numbered, so it can't be undone." in checked.out
        assert cli("undo").out == 'Undid: added commitment 2 "book the venue"\n'
        assert sorted(journal_keys(two_items)) == ["007", "1", "abc"]
        assert cli("add", "call the bank").code == 0
        assert sorted(journal_keys(two_items), key=int) == ["1", "4"]  # numbered by the data file's writes
        assert cli("doctor").code == 0

    def test_a_journal_of_entries_that_are_not_numbered_is_nothing_undo_can_take_back(self, cli, two_items):
        def only_unnumbered(journal, redo):
            journal.clear()
            journal["abc"] = {"summary": "x", "before": {}}

        ondisk.edit_journal(two_items, only_unnumbered)
        undone = cli("undo")
        assert undone.code == 3 and one_line(undone) and "nothing can be undone" in undone.err


def named_nowhere(cli, home: Path) -> None:
    """The schema-3 release's folder, with an open item for @ghost and an archived one for @phantom, neither
    among the people: that release's doctor called each a problem, and read every file."""
    shutil.copytree(FIXTURES / "schema-3", home)

    def rename(handle: str, to: str):
        def change(data):
            for record in data["items"].values():
                if record["person"] == handle:
                    record["person"] = to

        return change

    edit(data_file(home), rename("kim", "ghost"))
    edit(home / "archive-2026.json", rename("lee", "phantom"))


class TestTheSchema3Release:
    def test_an_item_naming_nobody_among_the_people_is_read_and_upgraded_with_that_person_made(self, cli, home):
        from ictrack.core.ops import person_uuid

        named_nowhere(cli, home)
        assert (
            "7 people (2 of them to be made by the upgrade, for the records that name them), schema 3; the "
            f"next change upgrades it to {SCHEMA}."
        ) in cli("doctor").out
        assert cli("show", "7", "--json").json()["person"] == "ghost"
        assert cli("show", "2", "--json").json()["person"] == "phantom"  # archived
        assert cli("doctor").code == 0
        assert cli("add", "one more").code == 0  # the upgrade
        data, archive = ondisk.read(data_file(home)), ondisk.read(home / "archive-2026-09.json")
        assert data["meta"]["1"]["schema"] == archive["meta"]["1"]["schema"] == SCHEMA
        people = {record["handle"]: record for record in data["people"].values()}
        assert people["ghost"] == {"uuid": person_uuid("ghost"), "handle": "ghost", "kind": "colleague", "team": None,
                                   "cadence": None, "created": "2026-11-20T09:30:00+00:00"}  # fmt: skip
        assert people["phantom"]["uuid"] == person_uuid("phantom")
        assert people["phantom"]["created"] == "2026-09-01T09:05:00+01:00"  # when the archived item was made
        assert people["kim"]["uuid"] == person_uuid("kim")  # named by a check-in still
        assert [record["person_id"] for record in archive["items"].values() if record["id"] == 2] == [
            person_uuid("phantom")]  # fmt: skip
        for command in (["list", "--all"], ["show", "2"], ["person", "phantom"], ["people"], ["week"]):
            assert cli(*command).code == 0, command
        assert cli("doctor").code == 0
        assert cli("doctor", "--restore").code == 1  # nothing to repair
        assert cli("undo").code == 0 and cli("doctor").code == 0


NOBODY = "00000000-0000-4000-8000-00000000dead"


def point_nowhere(path: Path, item_id: int) -> None:
    """Make an item in a file name a person nobody is (an archive checked alone still reads)."""

    def change(data):
        for record in data["items"].values():
            if record["id"] == item_id:
                record["person_id"] = NOBODY

    edit(path, change)


class TestArchivesInBackups:
    def test_an_archive_in_a_backup_is_sound_only_with_the_people_of_that_backups_data_file(self, cli, with_archive):
        from ictrack.storage.backups import Backups

        assert cli("add", "a day later", now="2027-01-06T09:00").code == 0
        (backup,) = [folder for folder in (with_archive / "backups").iterdir() if "2027-01-06" in folder.name]
        assert Backups.sound(backup, "archive-2026-11.json") is not None
        (backup / "archive-2026-11.json").unlink()  # a link to the previous backup's copy, which is not to change
        shutil.copy(with_archive / "archive-2026-11.json", backup)
        point_nowhere(backup / "archive-2026-11.json", 1)
        assert Backups.sound(backup, "archive-2026-11.json") is None
        (backup / "ictrack.json").write_text("{")
        assert Backups.sound(backup, "archive-2026-11.json") is None  # no people to check it with

    def test_restore_passes_over_backups_that_copied_the_damage_to_the_newest_copy_that_reads(self, cli, with_archive):
        archive = with_archive / "archive-2026-11.json"
        assert cli("add", "a day later", now="2027-01-06T09:00").code == 0  # its backup: the archive as it was
        point_nowhere(archive, 1)
        assert cli("add", "two days later", now="2027-01-07T09:00").code == 0  # writes never read the archives
        assert cli("add", "three days later", now="2027-01-08T09:00").code == 0  # so each backup copies the damage
        assert cli("list", "--all").code == 3
        checked = cli("doctor")
        assert checked.code == 3 and f"problem: {archive}: item 1: person_id '{NOBODY}' is nobody" in checked.out
        good = next(folder for folder in (with_archive / "backups").iterdir() if "2027-01-06" in folder.name)
        assert f"`ictrack doctor --restore` would restore {archive} from the backup {good}." in checked.out
        restored = cli("doctor", "--restore", now="2027-01-08T10:00")
        assert restored.code == 0 and restored.out.startswith(f"Restored {archive} from the backup {good}.")
        assert cli("show", "1", "--json").json()["person"] == "dana"
        assert cli("doctor").code == 0

    def test_a_sound_archive_naming_someone_the_restored_data_file_lacks_is_rebuilt_too(self, cli, home):
        assert cli("add", "first", now="2026-11-01T09:00").code == 0
        assert cli("add", "@kim send figures", now="2026-11-02T09:00").code == 0  # backup: no @kim yet
        assert cli("done", "2", now="2026-11-03T09:00").code == 0
        assert cli("add", "later", now="2026-12-05T09:00").code == 0  # item 2, for @kim, to the archive
        backups = sorted((home / "backups").iterdir())
        for folder in backups[1:]:  # every backup since @kim came is damaged, and so is the data file
            (folder / "ictrack.json").write_text("{")
        data_file(home).write_text("{")
        checked = cli("doctor")
        archive = home / "archive-2026-11.json"
        assert checked.code == 3 and f"would restore {archive} as an empty archive" in checked.out
        restored = cli("doctor", "--restore", now="2026-12-05T10:00")
        assert restored.code == 0
        assert f"Restored {data_file(home)} from the backup {backups[0]}" in restored.out
        assert f"Restored {archive} as an empty archive" in restored.out
        assert restored.out.endswith("No problems found.\n")
        assert [item["id"] for item in cli("list", "--all", "--json").json()] == [1]
        assert (home / "archive-2026-11.json.broken-2026-12-05T100000").exists()  # item 2 is kept aside


class TestDoctorSaysWhatIsTrue:
    def test_on_a_folder_not_yet_upgraded_it_says_the_schema_on_disk_and_that_the_next_change_upgrades_it(
        self, cli, home
    ):
        shutil.copytree(FIXTURES / "schema-3", home)
        checked = cli("doctor")
        assert checked.code == 0
        assert (
            f"{data_file(home)}: 2 items, 5 people, schema 3; the next change upgrades it to {SCHEMA}." in checked.out
        )
        assert f"{home / 'archive-2026.json'}: 5 items, 1 care checks, 0 check-ins, schema 3; the next change " in (
            checked.out)  # fmt: skip
        assert cli("care", "--done", "slept").code == 0
        assert f"{data_file(home)}: 2 items, 5 people, schema {SCHEMA}." in cli("doctor").out

    def test_without_a_good_backup_it_does_not_offer_one(self, cli, home):
        assert cli("add", "send figures").code == 0
        data_file(home).write_text("{")
        checked = cli("doctor")
        assert checked.code == 3 and "no backup yet" in checked.out
        assert "puts back" not in checked.out and "would restore" not in checked.out
        assert checked.out.endswith(f"`ictrack doctor --restore` can't repair this: there is no good backup in "
                                    f"{home / 'backups'}.\n")  # fmt: skip

    def test_what_it_says_restore_would_do_is_what_restore_does(self, cli, home):
        assert cli("add", "send figures", now="2026-11-22T09:00").code == 0
        assert cli("add", "book the venue", now="2026-11-23T09:00").code == 0
        data_file(home).write_text("{")
        (backup,) = (home / "backups").iterdir()
        said = cli("doctor").out.splitlines()[-2:]
        assert said == [
            f"`ictrack doctor --restore` would restore {path} from the backup {backup}."
            for path in (home / "journal.jsonl", data_file(home))
        ]  # the journal that goes with it
        done = cli("doctor", "--restore", now="2026-11-23T10:00").out.splitlines()[:2]
        assert done[0].startswith(f"Restored {home / 'journal.jsonl'} from the backup {backup}.")
        assert done[1].startswith(f"Restored {data_file(home)} from the backup {backup}.")

    def test_two_people_with_one_handle_are_one_problem_not_also_an_item_naming_nobody(self, cli, home):
        assert cli("add", "@dana send figures").code == 0
        assert cli("add", "@sam book the venue").code == 0

        def twin(data):
            for record in data["people"].values():
                record["handle"] = "dana"

        edit(data_file(home), twin)
        problems = [line for line in cli("doctor").out.splitlines() if line.startswith("problem:")]
        assert problems == [f"problem: {data_file(home)}: two people records have the handle 'dana'."]

    def test_problems_that_leave_every_file_readable_are_not_offered_to_restore(self, cli, with_archive):
        shutil.copy(with_archive / "archive-2026-11.json", with_archive / "archive-2026-10.json")
        checked = cli("doctor")
        assert checked.code == 3 and "item 1 is in both archive-2026-10.json and archive-2026-11.json." in checked.out
        assert checked.out.endswith("`ictrack doctor --restore` leaves this as it is: it repairs only what the "
                                    "store refuses.\n")  # fmt: skip
        assert cli("doctor", "--restore").code == 1

    def test_restore_leaves_out_the_journal_entries_undo_could_not_get_past_and_keeps_the_file_aside(
        self, cli, two_items
    ):
        ondisk.edit_journal(two_items, lambda journal, redo: journal.update({"99": {"summary": "x", "schema": 4}}))
        checked = cli("doctor")
        assert checked.out.endswith(f"`ictrack doctor --restore` would restore {journal_file(two_items)} without the "
                                    "undo journal from entry 99 back, which undo could not get past (it holds no "
                                    "record of what the change replaced).\n")  # fmt: skip
        items = cli("list", "--json").out
        restored = cli("doctor", "--restore", now="2026-11-23T10:00")
        assert restored.code == 0 and restored.out.endswith("No problems found.\n")
        kept = two_items / "journal.jsonl.broken-2026-11-23T100000"
        assert '"99":' in kept.read_text() and ondisk.journal(two_items) == {}
        assert cli("list", "--json").out == items  # the data itself is untouched
        assert cli("undo").code == 1  # nothing to undo


@pytest.fixture
def archived_checkins(cli, home) -> Path:
    """@dana's September check-ins and a delivered item in the archive; the backups hold the data file alone
    (no copy of the archive), as after a day whose first backup came before the archive was made."""
    assert cli("person", "add", "dana", now="2026-09-01T09:00").code == 0
    for day in ("2026-09-01T09:00", "2026-09-02T09:00", "2026-09-03T09:00"):
        assert cli("checkin", "dana", "--rating", "3", now=day).code == 0
    assert cli("add", "@dana send Q3 figures", now="2026-11-23T09:00").code == 0
    assert cli("add", "@lee book the venue", now="2026-11-23T09:00").code == 0
    assert cli("done", "1", now="2026-11-24T09:00").code == 0
    assert cli("add", "plan january", now="2027-01-05T09:00").code == 0
    for copy in (home / "backups").glob("*/archive-*.json"):
        copy.unlink()
    assert ondisk.read(home / "archive-2026-09.json")["checkins"] and cli("doctor").code == 0
    return home


class TestDamagedPeopleInTheDataFile:
    """The data file's people damaged by hand: doctor blames the data file alone, once, and `--restore` leaves a
    sound archive as it is."""

    @pytest.mark.parametrize("damage", ["two people share a handle", "a merged list holds their own uuid"])
    def test_only_the_data_file_is_at_fault_and_the_sound_archive_is_left_alone(self, cli, archived_checkins,
                                                                                damage):  # fmt: skip
        def damaged(data):
            for uuid, person in data["people"].items():
                if damage.startswith("two") and person["handle"] == "lee":
                    person["handle"] = "dana"
                if damage.startswith("a merged") and person["handle"] == "dana":
                    person["merged"] = [uuid]

        edit(data_file(archived_checkins), damaged)
        archive = archived_checkins / "archive-2026-09.json"
        kept = archive.read_bytes()
        checked = cli("doctor", now="2027-01-05T10:00")
        problems = [line for line in checked.out.splitlines() if line.startswith("problem: ")]
        assert checked.code == 3 and len(problems) == 1 and str(data_file(archived_checkins)) in problems[0], (
            checked.out)  # fmt: skip
        assert "archive-2026-09.json" not in checked.out.split("problem: ")[1] and "empty archive" not in checked.out
        assert f"{archive}: 0 items, 0 care checks, 2 check-ins." in checked.out
        restored = cli("doctor", "--restore", now="2027-01-05T10:00")
        assert restored.code == 0 and f"Restored {data_file(archived_checkins)} from the backup" in restored.out
        assert "archive" not in restored.out.split("\n")[0]
        assert archive.read_bytes() == kept and not list(archived_checkins.glob("archive-2026-09.json.broken-*"))

    def test_a_person_record_that_cannot_be_read_is_one_problem_not_one_per_record_naming_them(
        self, cli, archived_checkins
    ):
        def renamed(data):
            for person in data["people"].values():
                if person["handle"] == "dana":
                    person["handle"] = "Dana Smith"

        edit(data_file(archived_checkins), renamed)
        checked = cli("doctor", now="2027-01-05T10:00")
        problems = [line for line in checked.out.splitlines() if line.startswith("problem: ")]
        assert len(problems) == 1 and "handle 'Dana Smith' is not a handle" in problems[0], checked.out

    def test_a_record_kept_under_another_key_says_both(self, cli, archived_checkins):
        def moved(data):
            (uuid,) = [key for key, person in data["people"].items() if person["handle"] == "lee"]
            data["people"]["not-" + uuid] = data["people"].pop(uuid)

        edit(data_file(archived_checkins), moved)
        checked = cli("doctor", now="2027-01-05T10:00")
        uuid = person_uuid("lee")
        assert f"it is kept under 'not-{uuid}', not its uuid '{uuid}'." in checked.out
        assert checked.out.count("problem: ") == 1, checked.out
