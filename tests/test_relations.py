"""The pure relationship rules: thanks owed, check-ins due, streaks, on-time rates (drafts: test_drafts.py)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import shift
from ictrack.core.model import CareCheck, CheckIn, Item, Person
from ictrack.core.relations import care_streak, checkin_due, on_time_rate, thanks_owed
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


@pytest.mark.parametrize(
    ("days", "expected"),
    [([], 0), ([0], 1), ([0, 1, 2], 3), ([1, 2], 2), ([0, 2, 3], 1), ([2, 3], 0)],
)
def test_the_streak_counts_consecutive_days_up_to_today_or_yesterday(days, expected):
    today = date(2026, 11, 23)
    care = {(today - timedelta(d)).isoformat(): CareCheck((today - timedelta(d)).isoformat(), NOW) for d in days}
    assert care_streak(care, today) == expected
