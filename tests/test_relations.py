"""The pure relationship rules: thanks owed, check-ins due, streaks, on-time rates (drafts: test_drafts.py)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import shift
from ictrack.core.model import CareCheck, CheckIn, Item, Person
from ictrack.core.relations import care_questions, care_streak, checkin_due, on_time_rate, thanks_owed, timing
from ictrack.core.settings import Config

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def item(id: int, **fields) -> Item:
    fields.setdefault("kind", "commitment")
    fields.setdefault("created", NOW - timedelta(days=60))
    return Item(id=id, uuid=str(id), title=fields.pop("title", f"thing {id}"), **fields)


def test_thanks_owed_are_asks_received_and_help_not_yet_thanked_oldest_first():
    items = [
        item(1, kind="help", status="done", done_at=NOW - timedelta(days=1)),
        item(2, kind="ask", status="done", done_at=NOW - timedelta(days=3)),
        item(3, kind="ask", status="open"),
        item(4, kind="help", status="done", done_at=NOW - timedelta(days=5), thanked_at=NOW),
        item(5, kind="commitment", status="done", done_at=NOW),
    ]
    assert [i.id for i in thanks_owed(items)] == [2, 1]


def test_on_time_rate_counts_dated_deliveries_only():
    due = NOW - timedelta(days=2)
    items = [item(1, status="done", due=due, done_at=due), item(2, status="done", due=due, done_at=due + timedelta(1)),
             item(3, status="done", done_at=due), item(4, due=due), item(5, kind="ask", status="done", due=due,
             done_at=due + timedelta(1))]  # fmt: skip
    assert on_time_rate(items) == 0.5
    assert on_time_rate([item(6, status="done", done_at=due)]) is None


def moved_once(at: str, done: str) -> Item:
    """Due Mon 10:00, moved at `at` to 14:00, done at `done` (all Mon 23 Nov)."""
    move = {"at": f"2026-11-23T{at}:00+00:00", "from": "2026-11-23T10:00:00+00:00", "to": "2026-11-23T14:00:00+00:00",
            "reason": None}  # fmt: skip
    return item(1, status="done", due=datetime(2026, 11, 23, 14, tzinfo=LONDON), moves=[move],
                done_at=datetime.fromisoformat(f"2026-11-23T{done}:00+00:00"))  # fmt: skip


def test_a_delivery_after_a_move_made_past_the_due_date_is_late_against_the_date_missed():
    late = moved_once("12:00", "13:00")
    assert late.missed == datetime(2026, 11, 23, 10, tzinfo=LONDON) == late.held_to
    assert timing(late) == (False, False, True)
    assert on_time_rate([late]) == 0.0


def test_a_delivery_after_a_move_made_before_the_due_date_is_judged_by_the_new_date():
    renegotiated = moved_once("09:00", "13:00")
    assert renegotiated.missed is None and renegotiated.held_to == renegotiated.due
    assert timing(renegotiated) == (True, False, False)
    assert on_time_rate([renegotiated]) == 1.0


class TestCheckInDue:
    def due(self, *, days_since: float, cadence=None, open_item=True, checked_in=True):
        since = shift(NOW, -timedelta(days=days_since))  # elapsed time: 30 days back crosses the October change
        person = Person("dana", since, cadence=cadence)  # people arrive with their first item
        items = [item(1, person="dana", created=since, status="open" if open_item else "done")]
        checkins = [CheckIn("c", "dana", since)] if checked_in else []
        return checkin_due(person, items, checkins, Config(checkin_days=30), NOW)

    def test_just_inside_checkin_days_is_not_due(self):
        assert not self.due(days_since=30)

    def test_just_past_checkin_days_is_due(self):
        assert self.due(days_since=30 + 1 / 24)

    def test_the_cadence_wins_over_checkin_days(self):
        assert not self.due(days_since=7, cadence=7)
        assert self.due(days_since=7 + 1 / 24, cadence=7)

    def test_without_a_check_in_the_first_item_starts_the_clock(self):
        assert not self.due(days_since=29, checked_in=False)
        assert self.due(days_since=31, checked_in=False)

    def test_without_a_check_in_the_clock_starts_when_the_person_arrived_even_if_that_item_is_archived(self):
        person = Person("dana", NOW - timedelta(days=40))
        later = [item(2, person="dana", created=NOW - timedelta(days=3))]  # the first item is in the archive
        assert checkin_due(person, later, [], Config(checkin_days=30), NOW)

    def test_nobody_is_due_without_open_items_or_a_cadence(self):
        assert not self.due(days_since=100, open_item=False)
        assert self.due(days_since=100, open_item=False, cadence=14)


def checks_on(*days: date) -> dict[str, CareCheck]:
    return {day.isoformat(): CareCheck(day.isoformat(), NOW) for day in days}


@pytest.mark.parametrize(
    ("days", "expected"),
    [([], 0), ([0], 1), ([0, 1, 2], 3), ([1, 2], 2), ([0, 2, 3], 1), ([2, 3], 0)],
)
def test_with_every_day_a_working_day_the_streak_counts_consecutive_days_up_to_today_or_yesterday(days, expected):
    today = date(2026, 11, 23)
    care = checks_on(*(today - timedelta(d) for d in days))
    assert care_streak(care, today, workdays=range(7)) == expected


THU, FRI, SAT, SUN, MON, TUE, WED = (date(2026, 11, 19) + timedelta(days=n) for n in range(7))


def test_a_weekend_without_a_check_does_not_break_the_streak():
    assert care_streak(checks_on(THU, FRI, MON), MON) == 3
    assert care_streak(checks_on(THU, FRI), MON) == 2  # Monday's still to do
    assert care_streak(checks_on(THU, FRI), TUE) == 0  # Monday, a working day, went without


def test_a_check_on_a_weekend_day_still_counts():
    assert care_streak(checks_on(FRI, SAT, MON), MON) == 3
    assert care_streak(checks_on(FRI, SUN), SUN) == 2


def test_a_working_day_without_a_check_breaks_the_streak_whatever_the_weekend():
    assert care_streak(checks_on(THU, SAT, SUN, MON), MON) == 3  # Friday went without
    assert care_streak(checks_on(WED, FRI, MON), MON) == 2


def test_the_working_days_come_from_the_config():
    sunday_to_thursday = (6, 0, 1, 2, 3)
    assert care_streak(checks_on(THU, SUN, MON), MON, sunday_to_thursday) == 3  # Fri and Sat are the weekend
    assert care_streak(checks_on(THU, FRI, MON), MON, sunday_to_thursday) == 1  # Sunday went without


def test_the_streak_ends_after_a_week_without_any_check_even_without_working_days():
    assert care_streak(checks_on(THU - timedelta(days=8), THU), FRI, workdays=()) == 1


def at(clock: str, day: date = MON) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=LONDON)


def test_before_work_the_care_check_asks_nothing_about_lunch_or_a_break():
    assert care_questions(Config().care_checks, at("08:50"), Config()) == ["slept", "moved"]


def test_after_lunch_the_care_check_asks_every_question():
    assert care_questions(Config().care_checks, at("14:00"), Config()) == ["slept", "break", "lunch", "moved"]


@pytest.mark.parametrize(
    ("clock", "asked"),
    [("10:59", ["slept", "moved"]), ("11:00", ["slept", "break", "moved"]), ("12:59", ["slept", "break", "moved"]),
     ("13:00", ["slept", "break", "lunch", "moved"])],
)  # fmt: skip
def test_a_break_is_asked_two_hours_into_the_day_and_lunch_once_the_lunch_hour_is_over(clock, asked):
    assert care_questions(Config().care_checks, at(clock), Config()) == asked


def test_the_times_follow_the_working_hours_and_lunch_time_in_the_config():
    config = Config(workday_start=time(7), lunch_time=time(11, 30))
    assert care_questions(config.care_checks, at("09:00"), config) == ["slept", "break", "moved"]
    assert care_questions(config.care_checks, at("12:30"), config) == ["slept", "break", "lunch", "moved"]


def test_by_the_end_of_the_working_day_everything_is_asked_even_with_lunch_set_after_it():
    config = Config(lunch_time=time(18), workday_end=time(17))
    assert care_questions(["lunch"], at("16:59"), config) == []
    assert care_questions(["lunch"], at("17:00"), config) == ["lunch"]


def test_own_checks_are_asked_by_what_they_name():
    checks = ["walked", "lunch away from the desk", "took breaks", "breakfast"]
    assert care_questions(checks, at("08:50"), Config()) == ["walked", "breakfast"]
    assert care_questions(checks, at("14:00"), Config()) == checks
