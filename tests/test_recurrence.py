"""Recurring promises: the rules, the next occurrence on done (on time, late, early), month ends,
daylight saving, drop and drop --series, show, undo and the weekly summary."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.model import Repeat
from ictrack.core.quickadd import parse_quick_add
from ictrack.core.recurrence import Rule, first_due, new_series, next_due, parse_rule, upcoming
from ictrack.errors import BadInput

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
    assert next_due(Repeat.of(record), first, LONDON) == at(expected_next)


@pytest.mark.parametrize(
    ("phrase", "same_as"),
    [("on the 1st of every month", "every month on the 1st"), ("the last friday of each month", "every last friday"),
     ("on the last day of every month", "every month on the last day"), ("each fri 1pm", "every fri 1pm"),
     ("weekly on fri", "every fri"), ("monthly on the 1st", "every month on the 1st"), ("daily at 9", "every day 9am"),
     ("at 10 every monday", "every monday 10am"), ("every morning", "every day 9am"),
     ("every fri at 2", "every fri 2pm"), ("every month on the first monday", "every first monday")],
)  # fmt: skip
def test_other_word_orders_give_the_same_rule(phrase, same_as):
    assert parse_rule(phrase).rrule == parse_rule(same_as).rrule


def test_every_other_weekday_and_every_n_weeks_on_a_day():
    assert parse_rule("every other fri").rrule.startswith("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;")
    assert parse_rule("every 3 weeks on mon and thu").rrule.startswith("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;")


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


def test_a_rule_whose_dates_have_all_passed_has_no_first_date():
    once = Rule("once on a monday", "FREQ=DAILY;COUNT=1;BYHOUR=8;BYMINUTE=0;BYSECOND=0", time(8))
    with pytest.raises(BadInput, match='"once on a monday" has no date after now'):
        first_due(once, at("2026-11-23T09:00"))


def test_weekdays_skip_the_weekend_across_a_month_end():
    record, _ = series("every weekday 9am", "2026-11-23T08:00")
    assert next_due(Repeat.of(record), at("2026-11-27T09:00"), LONDON) == at("2026-11-30T09:00")  # Fri -> Mon
    assert next_due(Repeat.of(record), at("2026-11-30T09:00"), LONDON) == at("2026-12-01T09:00")  # across the month end


def test_a_rule_keeps_its_wall_clock_time_across_a_daylight_saving_change():
    record, first = series("every fri 1pm", "2026-10-19T09:00")  # Friday 23 Oct is still summer time
    assert first == at("2026-10-23T13:00") and first.utcoffset().total_seconds() == 3600
    following = next_due(Repeat.of(record), first, LONDON)  # clocks go back on Sunday 25 Oct
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

    def test_a_repeat_whose_first_date_falls_after_2999_is_refused(self, cli, home):
        result = cli("add", "y every day 9am", now="2999-12-31T20:00")
        assert (result.code, result.out) == (2, "")
        assert result.err == 'ictrack: "every day 09:00" (first on 3000-01-01) is outside the years 1900 to 2999.\n'
        assert not (home / "ictrack.json").exists()

    def test_done_when_the_next_date_falls_after_2999_ends_the_series_and_says_so(self, cli):
        assert cli("add", "y every day 9am", now="2999-12-30T20:00").code == 0
        assert "then" not in cli("show", "1", now="2999-12-31T08:00").out  # no date after 2999 is shown
        result = cli("done", "1", now="2999-12-31T20:00")
        assert result.out == "Done 1: y — late; that was the last: the next date would fall after 2999\n"
        assert self.shown(cli, 1)["recur"]["ended"] == "2999-12-31T20:00:00+00:00"
        assert cli("list", "--all", "--json").code == 0 and cli("doctor").code == 0  # the file is still readable
        assert [item["id"] for item in cli("list", "--all", "--json").json()] == [1]

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


NEW_YORK = ZoneInfo("America/New_York")


def made_in(zone: ZoneInfo, phrase: str, now: str) -> tuple[dict, datetime]:
    """A series as `add` starts it at `now` (wall-clock time in `zone`): its record and its first due date."""
    rule = parse_rule(phrase)
    first = first_due(rule, datetime.fromisoformat(now).replace(tzinfo=zone))
    return new_series(rule, first, "s", zone), first


class TestZones:
    def test_a_new_series_keeps_the_name_of_the_zone_it_was_made_in(self):
        record, _ = made_in(LONDON, "every fri 1pm", "2026-11-23T09:00")
        assert record == {"rule": "every fri 13:00", "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0",
                          "start": "2026-11-27T13:00:00+00:00", "series": "s", "zone": "Europe/London"}  # fmt: skip
        fixed = datetime.fromisoformat("2026-11-23T09:00+02:00")  # a zone with no name has none to keep
        assert "zone" not in new_series(parse_rule("every fri 1pm"), fixed, "s", fixed.tzinfo)

    def test_made_in_london_done_in_new_york_the_next_is_the_following_friday_at_13_london_time(self):
        record, first = made_in(LONDON, "every fri 1pm", "2026-11-23T09:00")
        following = next_due(Repeat.of(record), first, NEW_YORK)
        assert following == datetime(2026, 12, 4, 13, tzinfo=LONDON)
        assert (following.tzinfo, following.hour) == (NEW_YORK, 8)  # shown in the zone you are in

    def test_13_london_time_holds_while_london_and_new_york_change_clocks_on_different_sundays(self):
        record, first = made_in(LONDON, "every fri 1pm", "2026-10-19T09:00")  # London goes back 25 Oct, NY 1 Nov
        dates = [first, *upcoming(Repeat.of(record), first, NEW_YORK)]
        assert [moment.astimezone(LONDON).strftime("%a %d %b %H:%M") for moment in dates] == [
            "Fri 23 Oct 13:00", "Fri 30 Oct 13:00", "Fri 06 Nov 13:00", "Fri 13 Nov 13:00"]  # fmt: skip
        assert [moment.strftime("%H:%M") for moment in dates[1:]] == ["09:00", "08:00", "08:00"]

    def test_a_record_without_a_zone_runs_in_the_current_zone_when_its_offset_agrees(self):
        record = {"rule": "every fri 13:00", "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0",
                  "start": "2027-03-19T13:00:00+00:00", "series": "s"}  # fmt: skip
        scheduled = datetime(2027, 3, 26, 13, tzinfo=LONDON)  # clocks go forward 28 Mar
        following = next_due(Repeat.of(record), scheduled, LONDON)
        assert following == datetime(2027, 4, 2, 13, tzinfo=LONDON) and following.utcoffset().total_seconds() == 3600

    def test_a_record_without_a_zone_asked_elsewhere_keeps_its_start_offset_and_never_the_same_day(self):
        record = {"rule": "every fri 13:00", "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0",
                  "start": "2026-11-27T13:00:00+00:00", "series": "s"}  # fmt: skip
        following = next_due(Repeat.of(record), datetime(2026, 11, 27, 13, tzinfo=LONDON), NEW_YORK)
        assert following == datetime(2026, 12, 4, 13, tzinfo=ZoneInfo("UTC")) and following.tzinfo == NEW_YORK

    def test_a_zone_this_machine_does_not_know_is_read_as_a_record_without_one(self):
        record, first = made_in(LONDON, "every fri 1pm", "2026-11-23T09:00")
        record["zone"] = "Nowhere/Atlantis"
        assert next_due(Repeat.of(record), first, NEW_YORK) == datetime(2026, 12, 4, 13, tzinfo=LONDON)

    def test_done_after_moving_to_new_york_and_shown_there(self, cli, monkeypatch):
        assert cli("add", "@payroll send time sheet every fri 1pm", now="2026-11-23T09:00").code == 0
        monkeypatch.setenv("TZ", "America/New_York")
        result = cli("done", "1", now="2026-11-27T07:30")
        assert result.out == "Done 1: send time sheet — on time; next is 2, due Fri 4 Dec 08:00 (in 7 days)\n"
        following = cli("show", "2", "--json").json()
        assert (following["due"], following["recur"]["zone"]) == ("2026-12-04T08:00:00-05:00", "Europe/London")
        assert ("  repeats   every fri 13:00 Europe/London; then Fri 11 Dec 2026, Fri 18 Dec 2026, Fri 25 Dec 2026\n"
                in cli("show", "2").out)  # fmt: skip
        monkeypatch.setenv("TZ", "Europe/London")
        assert "  repeats   every fri 13:00; then" in cli("show", "2").out

    def test_a_calendar_writes_a_series_in_its_own_zone_and_a_single_event_in_yours(self, cli, tmp_path, monkeypatch):
        icalendar = pytest.importorskip("icalendar")
        assert cli("add", "@payroll send time sheet every fri 1pm", now="2026-11-23T09:00").code == 0
        monkeypatch.setenv("TZ", "America/New_York")
        assert cli("add", "call the bank by fri 10am", now="2026-11-23T09:00").code == 0
        out = tmp_path / "promises.ics"
        assert cli("export", "ics", "-o", str(out), now="2026-11-23T09:00").code == 0
        calendar = icalendar.Calendar.from_ical(out.read_bytes())
        starts = {str(e["summary"]): (str(e["dtstart"].params["TZID"]), e["dtstart"].dt.replace(tzinfo=None))
                  for e in calendar.walk("VEVENT")}  # fmt: skip
        assert starts == {"send time sheet → @payroll": ("Europe/London", datetime(2026, 11, 27, 13)),
                          "call the bank": ("America/New_York", datetime(2026, 11, 27, 10))}  # fmt: skip
        assert {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")} == {"Europe/London", "America/New_York"}

    def test_repeats_imported_from_taskwarrior_run_in_the_current_zone(self, cli):
        fixture = Path(__file__).parent / "fixtures" / "taskwarrior-2.6.2.json"
        assert cli("import", "taskwarrior", str(fixture)).code == 0
        zones = {item["recur"].get("zone") for item in cli("list", "--json").json() if item.get("recur")}
        assert zones == {"Europe/London"}
