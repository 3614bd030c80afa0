"""What `ictrack remind` (and the open review) says now: the nudges due at a moment, each under a key that names
its item or person and its reason, so that saying it once is enough (docs/reach.md#remind). Pure: the records,
their risks, the config and `now` are parameters; what was already said is the caller's to keep.

The reasons, each once per key:

- `soon`, `at-risk`, `overdue`: an open commitment as it reaches each level, for its current due date (a move
  starts again), with the risk's reasons;
- `follow-up`: an open ask past its due date;
- `thanks`: a thank-you owed for more than a day;
- `checkin`: a check-in due with someone, once per last check-in;
- `care`: today's care check not done by `care_reminder`.

Outside working days and hours (`workdays`, `workday_start` to `workday_end`) nothing is due: the nudges wait
for the working day, and then only what still holds is said.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ictrack.core.model import CareCheck, CheckIn, Item, Person, Risk, soonest_due_first, stamp
from ictrack.core.relations import by_person, checkin_due, last_checkin, thanks_owed
from ictrack.core.settings import Config

REASONS = ("overdue", "at-risk", "soon", "follow-up", "thanks", "checkin", "care")
THANKS_AFTER = timedelta(days=1)
ITEM_LEVELS = ("overdue", "at-risk", "soon")  # a commitment's risk levels that nudge


class Nudge:
    """One thing to say: why (a REASONS entry), about which item or person, and the key it is kept under."""

    __slots__ = ("key", "reason", "item", "person", "detail", "since")
    key: str
    reason: str
    item: Item | None
    person: str | None  # the handle, for a check-in
    detail: list[str]  # the risk's reasons, for an item's level
    since: datetime | None  # the last check-in, or when a thank-you became owed

    def __init__(self, key: str, reason: str, item: Item | None = None, person: str | None = None,
                 detail: Iterable[str] = (), since: datetime | None = None) -> None:  # fmt: skip
        self.key, self.reason, self.item, self.person = key, reason, item, person
        self.detail, self.since = list(detail), since

    def __repr__(self) -> str:
        return f"Nudge({self.key!r})"


def level_key(item: Item, level: str) -> str:
    """The key a commitment's level is said under: for its current due date, so a move starts again."""
    return f"{item.uuid}:{level}:{stamp(item.due)}"


def working(now: datetime, config: Config) -> bool:
    """Whether `now` falls on a working day, within the working hours (which may run past midnight)."""
    start, end, clock = config.workday_start, config.workday_end, now.time().replace(tzinfo=None)
    if start <= end:
        inside = start <= clock < end
        day = now.weekday()
    else:  # a night shift: its small hours belong to the day it started
        inside = clock >= start or clock < end
        day = now.weekday() if clock >= start else (now.weekday() - 1) % 7
    return inside and day in config.workdays


def due_nudges(items: Iterable[Item], people: dict[str, Person], checkins: Iterable[CheckIn], care: CareCheck | None,
               risks: dict[int, Risk], config: Config, now: datetime) -> list[Nudge]:  # fmt: skip
    """Every nudge that holds at `now`, most urgent first; none outside working days and hours."""
    if not working(now, config):
        return []
    items = list(items)
    nudges: list[Nudge] = []
    live = sorted((item for item in items if item.is_open and not item.waiting(now)), key=soonest_due_first)
    for item in live:
        risk = risks.get(item.id)
        if risk is None or item.due is None:
            continue
        if item.kind == "commitment" and risk.level in ITEM_LEVELS:
            nudges.append(Nudge(level_key(item, risk.level), risk.level, item, detail=risk.reasons))
        elif item.kind == "ask" and risk.level == "overdue":
            nudges.append(Nudge(f"{item.uuid}:follow-up:{stamp(item.due)}", "follow-up", item, detail=risk.reasons))
    for item in thanks_owed(items):
        owed_since = item.done_at or item.created
        if now - owed_since > THANKS_AFTER:
            nudges.append(Nudge(f"{item.uuid}:thanks", "thanks", item, since=owed_since))
    theirs, talks = by_person(items), by_person(checkins)
    for handle in sorted(people):
        person = people[handle]
        if checkin_due(person, theirs.get(handle, []), talks.get(handle, []), config, now):
            last = last_checkin(talks.get(handle, []))
            since = last.at if last else None
            nudges.append(Nudge(f"{person.uuid}:checkin:{stamp(since) or 'never'}", "checkin", person=handle,
                                since=since))  # fmt: skip
    reminder = config.care_reminder
    if care is None and reminder is not None and now.time().replace(tzinfo=None) >= reminder:
        nudges.append(Nudge(f"care:{now.date().isoformat()}", "care"))
    return sorted(nudges, key=lambda nudge: REASONS.index(nudge.reason))


def unsaid(nudges: list[Nudge], said: Iterable[str]) -> list[Nudge]:
    """The nudges not `said` before: by key, and for a commitment's level, neither it nor a graver one for the same
    due date (a clock set back makes an overdue item at risk again; it was already said worse)."""
    known = set(said)
    fresh = []
    for nudge in nudges:
        if nudge.reason in ITEM_LEVELS and nudge.item is not None:
            graver = ITEM_LEVELS[: ITEM_LEVELS.index(nudge.reason) + 1]
            if any(level_key(nudge.item, level) in known for level in graver):
                continue
        elif nudge.key in known:
            continue
        fresh.append(nudge)
    return fresh
