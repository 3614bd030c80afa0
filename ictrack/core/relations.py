"""The relationship side, pure: thanks owed, check-ins due, care streaks, on-time rates (drafts: drafts.py)."""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Iterable
from datetime import date, datetime, timedelta

from ictrack.core.dates import until
from ictrack.core.model import CheckIn, Item, Person
from ictrack.core.settings import WORKWEEK, Config


def thanks_owed(items: Iterable[Item]) -> list[Item]:
    """Every ask received or help given that still awaits a thank-you, oldest first."""
    owed = [item for item in items if item.owes_thanks]
    return sorted(owed, key=lambda item: ((item.done_at or item.created).timestamp(), item.id))


EARLY = timedelta(hours=2)


def timing(item: Item) -> tuple[bool | None, bool | None, bool | None]:
    """(on time, early, late) for something done against a due date; all None without either.

    The date is the one it is held to: a due date moved only after it had passed still counts (`Item.held_to`).
    Early means at least two hours before that moment, and is also on time.
    """
    held_to = item.held_to
    if held_to is None or item.done_at is None:
        return None, None, None
    margin = until(held_to, item.done_at)
    on_time = margin.total_seconds() >= 0
    return on_time, margin >= EARLY, not on_time


def on_time(item: Item) -> bool | None:
    """Whether a delivered commitment was on time; None when it had no due date or is not done."""
    return timing(item)[0] if item.status == "done" else None


def on_time_rate(items: Iterable[Item]) -> float | None:
    """Share of delivered, dated commitments that were on time; None when there are none."""
    results = [on_time(item) for item in items if item.kind == "commitment"]
    judged = [result for result in results if result is not None]
    return sum(judged) / len(judged) if judged else None


def by_person(records: Iterable) -> dict[str, list]:
    """Items or check-ins grouped by their person, in one pass."""
    groups: dict[str, list] = {}
    for record in records:
        if record.person:
            groups.setdefault(record.person, []).append(record)
    return groups


def last_checkin(checkins: Iterable[CheckIn]) -> CheckIn | None:
    return max(checkins, key=lambda checkin: checkin.at.timestamp(), default=None)


def cadence(person: Person, config: Config) -> int | None:
    """Days between check-ins: the person's own, else their relation's (`kind_cadence`); None for `checkin_days`,
    which applies only while something is open between you."""
    return person.cadence or config.kind_cadence.get(person.kind)


def checkin_due(person: Person, theirs: list[Item], checkins: list[CheckIn], config: Config,
                now: datetime, first: datetime | None = None) -> bool:  # fmt: skip
    """Due when they have open items or a cadence, and it has been longer than that since we last talked.

    `theirs` and `checkins` are this person's own (see `by_person`); `first`, when their first item not among
    `theirs` was made.
    """
    every = cadence(person, config)
    if not every and not any(item.is_open for item in theirs):
        return False
    last = last_checkin(checkins)
    # the person is created with their first item, which may since have gone to the archive
    made = (person.created, *(item.created for item in theirs), *([first] if first else []))
    since = last.at if last else min(made, key=datetime.timestamp)
    return until(now, since) > timedelta(days=every or config.checkin_days)


def streak_days(days: Container[str], last: date, workdays: Collection[int] = WORKWEEK) -> list[str]:
    """The days of the care streak that ends at `last`, newest first, as ISO dates.

    Going back from `last`, a working day (`workdays`, Monday = 0) without a check ends the streak; any other
    day without one is passed over, so a weekend off does not break it, and a check on any day counts.
    """
    run: list[str] = []
    day, unchecked = last, 0
    while unchecked < 7:  # a week without a check ends it, whatever the working days
        if day.isoformat() in days:
            run.append(day.isoformat())
            unchecked = 0
        elif day.weekday() in workdays:
            break
        else:
            unchecked += 1
        day -= timedelta(days=1)
    return run


def care_streak(care: Container[str], today: date, workdays: Collection[int] = WORKWEEK) -> int:
    """Care checks in a row over the working days, up to today (or yesterday, while today's is still to do)."""
    last = today if today.isoformat() in care else today - timedelta(days=1)
    return len(streak_days(care, last, workdays))


LUNCH_HOUR = timedelta(hours=1)
BREAK_AFTER = timedelta(hours=2)  # of work before a question about a break makes sense
_LUNCH = re.compile(r"\blunch")
_BREAK = re.compile(r"\bbreaks?\b")


def care_questions(checks: Iterable[str], moment: datetime, config: Config) -> list[str]:
    """The care checks worth asking about at `moment` (docs/config.md#the-care-check), in the order given.

    A check about lunch is asked once the lunch hour (from `lunch_time`) is over, one about a break two hours
    after `workday_start`, any other at any time; from `workday_end` on, every one is asked.
    """
    day, zone = moment.date(), moment.tzinfo
    end = datetime.combine(day, config.workday_end, zone)

    def asked_from(name: str) -> datetime | None:
        if _LUNCH.search(name):
            return min(datetime.combine(day, config.lunch_time, zone) + LUNCH_HOUR, end)
        if _BREAK.search(name):
            return min(datetime.combine(day, config.workday_start, zone) + BREAK_AFTER, end)
        return None

    return [name for name in checks if (start := asked_from(name)) is None or moment >= start]
