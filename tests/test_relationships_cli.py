"""Thank-yous, people, check-ins and the care check through the CLI, with pinned clocks."""

import pytest

from tests.conftest import PINNED_NOW
from tests.test_cli import stored


def owed_ids(cli) -> list[int]:
    return [entry["id"] for entry in cli("thanks", "--json").json()]


def test_an_ask_owes_thanks_once_received_and_not_after_thanking(cli):
    cli("ask", "@lee review the deck by thu")
    assert owed_ids(cli) == []
    cli("got", "1", now="2026-11-25T11:00")
    (entry,) = cli("thanks", "--json", now="2026-11-25T12:00").json()
    assert entry["id"] == 1
    assert (
        "Lee" in entry["draft"] and "your help today" in entry["draft"] and '"review the deck"' in entry["draft"]
    )  # received today
    result = cli("thank", "1", "--note", "Thanked Lee in the review", now="2026-11-25T13:00")
    assert result.out == "Thanked 1: @lee for review the deck\n"
    assert owed_ids(cli) == []
    item = cli("show", "1", "--json").json()
    assert (item["thanked_at"], item["thank_note"]) == ("2026-11-25T13:00:00+00:00", "Thanked Lee in the review")


def test_help_owes_thanks_at_once_and_thanking_clears_it(cli):
    cli("helped", "@sam fixed the build")
    text = cli("thanks").out
    assert "@sam helped: fixed the build" in text and "Hi Sam" in text and "your help today" in text
    assert cli("thank", "1").code == 0  # not a terminal: no editor, no note
    assert owed_ids(cli) == []
    assert cli("show", "1", "--json").json()["thank_note"] is None


def test_thanks_are_listed_oldest_first(cli):
    cli("helped", "@sam second", now="2026-11-23T10:00")
    cli("ask", "@lee first", now="2026-11-20T10:00")
    cli("got", "2", now="2026-11-21T10:00")
    assert owed_ids(cli) == [2, 1]


@pytest.mark.parametrize(
    ("setup", "message"),
    [(["add", "send figures"], "is a commitment you made"), (["ask", "@lee deck"], "has not been received yet")],
)
def test_thanking_what_cannot_be_thanked_is_refused(cli, home, setup, message):
    cli(*setup)
    before = stored(home)
    result = cli("thank", "1")
    assert result.code == 1 and message in result.err
    assert stored(home) == before


def test_thanking_twice_is_refused(cli):
    cli("helped", "@sam fixed the build")
    cli("thank", "1")
    result = cli("thank", "1")
    assert result.code == 1 and "already thanked" in result.err


def test_the_thank_you_template_comes_from_config(cli, tmp_path):
    (tmp_path / "config.toml").write_text('thank_you_template = "Cheers {name} for {what} ({when}, {date})"\n')
    cli("helped", "@sam fixed the build")
    assert cli("thanks", "--json").json()[0]["draft"] == "Cheers Sam for fixed the build (today, Monday 23 November)"


@pytest.fixture
def team(cli):
    cli("add", "@dana send figures by fri", now="2026-11-02T09:00")  # 1
    cli("done", "1", now="2026-11-05T09:00")  # on time
    cli("add", "@dana budget notes by 2026-11-10", now="2026-11-02T09:00")  # 2
    cli("done", "2", now="2026-11-11T09:00")  # late
    cli("add", "@dana plan by dec 3")  # 3 open
    cli("ask", "@dana numbers by fri")  # 4 open ask
    cli("helped", "@lee covered my on-call")  # 5 thanks owed
    return cli


def test_people_has_one_row_per_person_with_their_figures(team):
    rows = {row["handle"]: row for row in team("people", "--json").json()}
    assert rows["dana"] == {"handle": "dana", "name": None, "kind": "colleague", "team": None, "cadence": None,
                            "open_commitments": 1, "open_asks": 1, "thanks_owed": 0, "last_checkin": None,
                            "on_time_rate": 0.5, "renegotiated_in_time": 0, "moved_after_date": 0,
                            "checkin_due": False}  # fmt: skip
    assert (rows["lee"]["thanks_owed"], rows["lee"]["on_time_rate"]) == (1, None)
    text = team("people").out
    assert text.splitlines()[0].startswith("person") and "50%" in text


def test_person_sets_kind_team_and_cadence_and_shows_the_agenda(team):
    view = team("person", "Dana", "--kind", "manager", "--team", "finance", "--cadence", "14", "--json").json()
    assert (view["person"]["kind"], view["person"]["team"], view["person"]["cadence"]) == ("manager", "finance", 14)
    assert [i["id"] for i in view["owe_them"]] == [3]
    assert [i["id"] for i in view["they_owe"]] == [4]
    assert view["checkins"] == []
    text = team("person", "dana").out
    assert text.startswith("@dana — manager, finance, check in every 14 days; on time 50%")


def test_an_unknown_person_suggests_the_closest_handle(team, home):
    before = stored(home)
    for command in (["person", "dan"], ["checkin", "dan"], ["person", "dan", "--kind", "client"]):
        result = team(*command)
        assert (result.code, result.err) == (1, "ictrack: nobody called @dan; did you mean @dana?\n")
    assert stored(home) == before


def test_bad_person_options_are_bad_input(team):
    assert team("person", "dana", "--kind", "boss").code == 2
    assert team("person", "dana", "--cadence", "0").code == 2
    assert team("checkin", "dana", "--rating", "6").code == 2


def test_checkins_are_recorded_and_reset_the_due_clock(team):
    assert team("people", "--json", now="2026-12-03T10:00").json()[0]["checkin_due"] is True  # 31 days since item 1
    assert team("checkin", "dana", "--rating", "4", "--note", "figures a day earlier", now="2026-12-03T10:00").out == (
        "Checked in with @dana (rating 4/5).\n"
    )
    row = team("people", "--json", now="2026-12-03T11:00").json()[0]
    assert (row["checkin_due"], row["last_checkin"]) == (False, "2026-12-03T10:00:00+00:00")
    checkins = team("person", "dana", "--json").json()["checkins"]
    assert [(c["rating"], c["note"]) for c in checkins] == [(4, "figures a day earlier")]


def test_care_re_run_on_the_same_day_updates_in_place(cli, home):
    cli("care", "--done", "slept", "--energy", "3", now="2026-11-23T08:00")
    cli("care", "--done", "lunch,Break", "--note", "long day", now="2026-11-23T13:00")
    today = cli("care", "--json", now="2026-11-23T14:00").json()
    assert today["today"] == {"day": "2026-11-23", "done": ["slept", "break", "lunch"], "energy": 3,
                              "note": "long day", "at": "2026-11-23T13:00:00+00:00"}  # fmt: skip
    assert len(stored_care(home)) == 1


def stored_care(home) -> dict:
    import json

    return json.loads((home / "ictrack.json").read_text())["care"]


def test_the_care_streak_counts_consecutive_days(cli):
    for day in ("20", "21", "22"):
        cli("care", "--done", "slept", now=f"2026-11-{day}T08:00")
    assert cli("care", "--json", now="2026-11-23T07:00").json() == {"today": None, "checks": [
        "slept", "break", "lunch", "moved"], "streak": 3}  # fmt: skip
    assert cli("care", "--energy", "4", "--json", now="2026-11-23T08:00").json()["streak"] == 4
    assert cli("care", "--json", now="2026-11-25T08:00").json()["streak"] == 0


def test_the_care_streak_runs_on_over_a_weekend_without_a_check(cli):
    for day in ("19", "20"):  # Thursday and Friday
        cli("care", "--done", "slept", now=f"2026-11-{day}T08:00")
    assert cli("care", "--json", now="2026-11-23T07:00").json()["streak"] == 2  # Monday's still to do
    assert cli("care", "--done", "slept", "--json", now="2026-11-23T08:00").json()["streak"] == 3
    assert "streak 3 days" in cli("brief", now="2026-11-23T09:00").out


def test_the_working_days_of_the_care_streak_come_from_the_config(cli, tmp_path):
    (tmp_path / "config.toml").write_text('workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n')
    for day in ("19", "20"):
        cli("care", "--done", "slept", now=f"2026-11-{day}T08:00")
    assert cli("care", "--done", "slept", "--json", now="2026-11-23T08:00").json()["streak"] == 1


def test_unknown_care_checks_and_energy_out_of_range_are_bad_input(cli, home):
    cli("care", "--done", "slept")
    before = stored_care(home)
    result = cli("care", "--done", "nap")
    assert (result.code, result.err) == (2, 'ictrack: unknown care check "nap"; the checks are slept, break, lunch, '
                                            "moved.\n")  # fmt: skip
    assert cli("care", "--energy", "0").code == 2
    assert stored_care(home) == before


def test_care_checks_come_from_config(cli, tmp_path):
    (tmp_path / "config.toml").write_text('care_checks = ["walked", "water"]\n')
    assert cli("care", "--done", "water", "--json").json()["today"]["done"] == ["water"]
    assert cli("care", "--done", "slept").code == 2


def test_low_energy_turns_a_commitment_due_in_six_hours_at_risk(cli):
    cli("add", "@dana send figures in 6 hours")
    assert cli("show", "1", "--json").json()["risk"] == {"level": "soon", "reasons": ["due in 6h"]}
    cli("care", "--energy", "2")
    assert cli("show", "1", "--json").json()["risk"] == {"level": "at-risk", "reasons": ["low energy today"]}
    assert "low energy today" in cli("brief").out
    assert cli("show", "1", "--json", now="2026-11-24T08:00").json()["risk"]["level"] == "overdue"  # a new day


def test_the_brief_shows_thanks_check_ins_and_care(team):
    brief = team("brief", "--json", now="2026-12-03T10:00").json()
    assert [entry["id"] for entry in brief["thanks_owed"]] == [5]
    assert [row["handle"] for row in brief["checkins_due"]] == ["dana"]
    assert brief["care"] == {"today": None, "streak": 0}
    text = team("brief", now="2026-12-03T10:00").out
    assert "Thank-yous owed (1)" in text and "@lee helped: covered my on-call" in text
    assert "Check-ins due (1)" in text and "@dana, no check-in yet" in text
    assert text.endswith("Care: not done yet today — run ictrack care (streak 0 days).\n")
    team("care", "--done", "slept,lunch", "--energy", "4", now="2026-12-03T10:30")
    text = team("brief", now="2026-12-03T11:00").out
    assert text.endswith("Care: done today (slept, lunch; energy 4/5) — streak 1 day.\n")


@pytest.mark.parametrize(
    "command",
    [["thank", "2"], ["checkin", "dana", "--rating", "3"], ["care", "--done", "slept", "--energy", "2"],
     ["person", "dana", "--kind", "client", "--team", "ops"]],
)  # fmt: skip
def test_undo_reverts_thanks_checkins_care_and_person_changes(cli, home, command):
    import json

    cli("add", "@dana send figures")
    cli("helped", "@sam fixed the build")
    cli("care", "--done", "lunch", now="2026-11-22T12:00")
    before = json.loads((home / "ictrack.json").read_text())
    assert cli(*command).code == 0
    assert cli("undo").code == 0
    after = json.loads((home / "ictrack.json").read_text())
    assert records(after) == records(before)


def records(data: dict) -> dict:
    """The stored records; an empty table and a missing one hold the same (nothing)."""
    return {name: table for name, table in data.items() if table and name not in ("journal", "redo", "meta")}


def test_help_text_is_never_read_as_a_due_date(cli):
    cli("helped", "@sam fixed the build on a sunday")
    assert cli("show", "1", "--json").json()["title"] == "fixed the build on a sunday"
    result = cli("helped", "@sam covered for me", "--due", "fri")
    assert (result.code, result.err) == (2, "ictrack: help you received has no due date; leave out --due.\n")


@pytest.fixture
def crowd(team):
    """People whose handles, teams and check-ins are long: the listing must still fit its width."""
    for now, *args in [
        ("2025-10-01T09:00", "person", "add", "alexandra.montgomery-smythe", "--kind", "client-staff", "--team",
         "customer success and onboarding, EMEA"),
        ("2025-10-01T09:00", "checkin", "alexandra.montgomery-smythe"),  # last year's: the date has its year
        ("2026-11-02T09:00", "checkin", "dana"),
        (PINNED_NOW, "ask", "@alexandra.montgomery-smythe the signed contract"),
        (PINNED_NOW, "person", "dana", "--kind", "manager", "--team", "finance", "--cadence", "14"),  # due
    ]:  # fmt: skip
        assert team(*args, now=now).code == 0, args
    return team


def width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def test_people_fits_80_columns_by_default_and_the_terminal_s_width_when_given(crowd, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # stdout is not a terminal here: 80 columns
    lines = crowd("people").out.splitlines()
    assert max(map(width, lines)) <= 80, "\n".join(lines)
    assert lines[0].split() == ["person", "kind", "I", "owe", "owe", "me", "thanks", "on", "time", "check-in"]
    assert lines[1].split() == ["@alexandra.montgo…", "client-staff", "0", "1", "0", "—", "1", "Oct", "2025", "(due)"]
    assert lines[2].split() == ["@dana", "manager", "1", "1", "0", "50%", "2", "Nov", "(due)"]
    monkeypatch.setenv("COLUMNS", "200")
    wide = crowd("people").out.splitlines()
    assert max(map(width, wide)) > 80 and wide[0].split()[:3] == ["person", "kind", "team"]
    assert wide[1].startswith("@alexandra.montgomery-smythe client-staff customer success and onboarding, EMEA ")


@pytest.mark.parametrize(("columns", "header", "alexandra"), [
    ("60", "person I owe owe me thanks on time check-in", "@alexandra.mo… 0 1 0 — 1 Oct 2025 (due)"),
    ("40", "person I owe owe me thanks check-in", "@alexan… 0 1 0 1 Oct 202…"),
])  # fmt: skip
def test_people_leaves_out_the_team_then_the_kind_before_it_overflows_a_narrow_terminal(crowd, monkeypatch, columns,
                                                                                      header, alexandra):  # fmt: skip
    monkeypatch.setenv("COLUMNS", columns)
    lines = crowd("people").out.splitlines()
    assert max(map(width, lines)) <= int(columns), "\n".join(lines)
    assert " ".join(lines[0].split()) == header and " ".join(lines[1].split()) == alexandra


def test_people_json_is_the_same_whatever_the_width(crowd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    narrow = crowd("people", "--json").out
    monkeypatch.setenv("COLUMNS", "200")
    assert crowd("people", "--json").out == narrow
    assert "customer success and onboarding, EMEA" in narrow


def test_people_cuts_a_long_handle_before_it_leaves_out_the_team(cli, monkeypatch):
    assert cli("person", "add", "alexandra.montgomery", "--kind", "client-staff", "--team", "onboarding, EMEA",
               now="2026-10-01T09:00").code == 0  # fmt: skip
    assert cli("checkin", "alexandra.montgomery", now="2026-10-01T09:00").code == 0  # due again by now
    assert cli("person", "add", "dana", "--team", "finance", now=PINNED_NOW).code == 0
    monkeypatch.setenv("COLUMNS", "80")
    lines = cli("people").out.splitlines()
    assert max(map(width, lines)) <= 80, "\n".join(lines)
    assert lines[0].split()[:3] == ["person", "kind", "team"], "\n".join(lines)
    assert lines[1].split()[:3] == ["@alexandra.mon…", "client-staff", "onboardin…"], "\n".join(lines)
