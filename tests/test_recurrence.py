"""Recurring promises: the rules, the next occurrence on done (on time, late, early), month ends,
daylight saving, drop and drop --series, show, undo and the weekly summary."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ictrack.errors import BadInput
from ictrack.quickadd import parse_quick_add
from ictrack.recurrence import first_due, next_due, parse_rule

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def series(phrase: str, now: str) -> tuple[dict, datetime]:
    """A series as `add` starts it at `now`: its record and its first due date."""
    rule = parse_rule(phrase)
    first = first_due(rule, at(now))
    return {"rule": rule.text, "rrule": rule.rrule, "start": first.isoformat(), "series": "s"}, first


# Monday 23 Nov 2026, 09:00: (phrase, first due, the one after it)
RULES = {
    "every fri 1pm": ("2026-11-27T13:00", "2026-12-04T13:00"),
    "ev fri 1pm": ("2026-11-27T13:00", "2026-12-04T13:00"),
    "every weekday": ("2026-11-23T17:00", "2026-11-24T17:00"),
    "every monday": ("2026-11-23T17:00", "2026-11-30T17:00"),
    "every 2 weeks": ("2026-11-23T17:00", "2026-12-07T17:00"),
    "every month on the 1st": ("2026-12-01T17:00", "2027-01-01T17:00"),
    "every last friday": ("2026-11-27T17:00", "2026-12-25T17:00"),
    "every mon and thu at 9:30am": ("2026-11-23T09:30", "2026-11-26T09:30"),
    "every other week": ("2026-11-23T17:00", "2026-12-07T17:00"),
    "every day 8am": ("2026-11-24T08:00", "2026-11-25T08:00"),
    "every month on the last day": ("2026-11-30T17:00", "2026-12-31T17:00"),
    "every first monday of the month": ("2026-12-07T17:00", "2027-01-04T17:00"),
}


@pytest.mark.parametrize("phrase", RULES)
def test_each_rule_gives_its_first_date_and_the_one_after(phrase):
    record, first = series(phrase, "2026-11-23T09:00")
    expected_first, expected_next = RULES[phrase]
    assert first == at(expected_first)
    assert next_due(record, first, LONDON) == at(expected_next)


@pytest.mark.parametrize("phrase", ["every", "every blah", "every month on the 40th", "every 3pm"])
def test_a_phrase_that_is_not_a_repeat_is_a_clear_error(phrase):
    with pytest.raises(BadInput, match="as a repeat; try"):
        parse_rule(phrase)


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [
        ("every 0 days", "days"),
        ("every 1000 weeks", "weeks"),
        ("every 99999999999 years", "years"),
        ("every 9999 months", "months"),
    ],
)
def test_a_repeat_is_1_to_999_units_apart(phrase, unit):
    with pytest.raises(BadInput, match=f"a repeat is 1 to 999 {unit} apart"):
        parse_rule(phrase)


def test_digits_other_than_ascii_are_not_a_repeat():
    with pytest.raises(BadInput, match="as a repeat; try"):
        parse_rule("every ٢ weeks")


def test_weekdays_skip_the_weekend_across_a_month_end():
    record, _ = series("every weekday 9am", "2026-11-23T08:00")
    assert next_due(record, at("2026-11-27T09:00"), LONDON) == at("2026-11-30T09:00")  # Fri -> Mon
    assert next_due(record, at("2026-11-30T09:00"), LONDON) == at("2026-12-01T09:00")  # across the month end


def test_a_rule_keeps_its_wall_clock_time_across_a_daylight_saving_change():
    record, first = series("every fri 1pm", "2026-10-19T09:00")  # Friday 23 Oct is still summer time
    assert first == at("2026-10-23T13:00") and first.utcoffset().total_seconds() == 3600
    following = next_due(record, first, LONDON)  # clocks go back on Sunday 25 Oct
    assert following == at("2026-10-30T13:00") and following.utcoffset().total_seconds() == 0
    assert following.astimezone(ZoneInfo("UTC")).hour == 13


def test_quick_add_takes_the_repeat_out_of_the_title_and_leaves_other_words_alone():
    now = at("2026-11-23T09:00")
    parsed = parse_quick_add("@payroll send time sheet every fri 1pm #admin", now)
    assert (parsed.title, parsed.person, parsed.tags, parsed.rule.text) == (
        "send time sheet", "payroll", ["admin"], "every fri 13:00")  # fmt: skip
    parsed = parse_quick_add("install the ev charger by fri", now)
    assert parsed.title == "install the ev charger" and parsed.rule is None and parsed.due == at("2026-11-27T17:00")
    assert parse_quick_add("status note", now, every="monday 10am").rule.text == "every monday 10:00"


class TestSeries:
    @pytest.fixture
    def timesheet(self, cli) -> None:
        added = cli("add", "@payroll send time sheet every fri 1pm #admin !ext", now="2026-11-23T09:00")
        assert added.out.startswith("Added 1: send time sheet → @payroll, due Fri 27 Nov 13:00 (in 4 days), "
                                    "every fri 13:00 #admin !ext")  # fmt: skip

    def shown(self, cli, item_id: int) -> dict:
        return cli("show", str(item_id), "--json").json()

    def test_done_on_time_makes_the_next_occurrence_from_the_rule(self, cli, timesheet):
        result = cli("done", "1", now="2026-11-27T12:00")
        assert result.out == "Done 1: send time sheet — on time; next is 2, due Fri 4 Dec 13:00 (in 7 days)\n"
        following = self.shown(cli, 2)
        assert (following["due"], following["status"], following["person"]) == (
            "2026-12-04T13:00:00+00:00", "open", "payroll")  # fmt: skip
        assert (following["tags"], following["external"]) == (["admin"], True)
        assert following["uuid"] != self.shown(cli, 1)["uuid"]
        assert following["recur"]["series"] == self.shown(cli, 1)["recur"]["series"]

    def test_done_late_follows_the_schedule_not_the_moment_it_was_done(self, cli, timesheet):
        assert cli("done", "1", now="2026-11-30T10:00").code == 0  # Monday after
        assert self.shown(cli, 2)["due"] == "2026-12-04T13:00:00+00:00"

    def test_done_early_does_not_ask_for_the_same_friday_again(self, cli, timesheet):
        assert cli("done", "1", now="2026-11-24T10:00").code == 0  # Tuesday before
        assert self.shown(cli, 2)["due"] == "2026-12-04T13:00:00+00:00"

    def test_a_renegotiated_occurrence_keeps_the_series_on_its_schedule(self, cli, timesheet):
        assert cli("move", "1", "mon 10am", "--reason", "payroll closed friday").code == 0
        assert cli("done", "1", now="2026-11-30T09:00").code == 0
        assert self.shown(cli, 2)["due"] == "2026-12-04T13:00:00+00:00"

    def test_drop_skips_one_occurrence_and_drop_series_ends_it(self, cli, timesheet):
        assert cli("drop", "1", "--reason", "on leave").out == (
            "Dropped 1: send time sheet; next is 2, due Fri 4 Dec 13:00 (in 11 days)\n")  # fmt: skip
        result = cli("drop", "2", "--series", "--reason", "new payroll system")
        assert result.out == "Dropped 2: send time sheet, and ended the series\n"
        assert [item["id"] for item in cli("list", "--json").json()] == []
        assert "the series ended" in cli("show", "2").out
        assert cli("add", "one-off", now="2026-11-23T09:10").code == 0
        refused = cli("drop", "3", "--series")
        assert (refused.code, refused.err) == (1, 'ictrack: 3 "one-off" does not repeat; drop it without --series.\n')

    def test_show_gives_the_rule_and_the_next_dates(self, cli, timesheet):
        assert "  repeats   every fri 13:00; then Fri 4 Dec 2026, Fri 11 Dec 2026, Fri 18 Dec 2026\n" in cli(
            "show", "1").out  # fmt: skip

    def test_undo_of_a_done_takes_back_the_next_occurrence_too(self, cli, timesheet):
        assert cli("done", "1", now="2026-11-27T12:00").code == 0
        assert cli("undo").out == "Undid: marked 1 done\n"
        assert [(item["id"], item["status"]) for item in cli("list", "--all", "--json").json()] == [(1, "open")]

    def test_the_weekly_summary_counts_each_occurrence(self, cli):
        assert cli("add", "stand-up notes every weekday 9:30am", now="2026-11-23T08:00").code == 0
        for day, item_id in ((23, 1), (24, 2), (25, 3)):
            assert cli("done", str(item_id), now=f"2026-11-{day}T09:00").code == 0
        week = cli("week", "--week", "2026-W48", "--format", "json").json()
        assert (week["delivered"], week["on_time"]) == (3, 3)

    def test_help_does_not_repeat_and_a_bad_rule_writes_nothing(self, cli, home):
        assert cli("add", "status note", "--every", "blah").code == 2
        assert cli("ask", "@lee figures", "--every", "fortnightly-ish").code == 2
        assert not (home / "ictrack.json").exists()
