"""The relationship side, pure: thanks owed, check-ins due, care streaks, on-time rates (drafts: drafts.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ictrack.core.dates import until
from ictrack.core.model import CareCheck, CheckIn, Item, Person
from ictrack.core.settings import Config


def thanks_owed(items: Iterable[Item]) -> list[Item]:
    """Every ask received or help given that still awaits a thank-you, oldest first."""
    owed = [item for item in items if item.owes_thanks]
    return sorted(owed, key=lambda item: ((item.done_at or item.created).timestamp(), item.id))


EARLY = timedelta(hours=2)


def timing(item: Item) -> tuple[bool | None, bool | None, bool | None]:
    """(on time, early, late) for something done against a due date; all None without either.

    Early means at least two hours before the due moment, and is also on time.
    """
    if item.due is None or item.done_at is None:
        return None, None, None
    margin = until(item.due, item.done_at)
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
                now: datetime) -> bool:  # fmt: skip
    """Due when they have open items or a cadence, and it has been longer than that since we last talked.

    `theirs` and `checkins` are this person's own (see `by_person`).
    """
    every = cadence(person, config)
    if not every and not any(item.is_open for item in theirs):
        return False
    last = last_checkin(checkins)
    # the person is created with their first item, which may since have gone to the archive
    since = last.at if last else min((person.created, *(item.created for item in theirs)), key=datetime.timestamp)
    return until(now, since) > timedelta(days=every or config.checkin_days)


def care_streak(care: dict[str, CareCheck], today: date) -> int:
    """Consecutive days with a care check, up to today (or yesterday, while today's is still to do)."""
    day = today if today.isoformat() in care else today - timedelta(days=1)
    streak = 0
    while day.isoformat() in care:
        streak += 1
        day -= timedelta(days=1)
    return streak
