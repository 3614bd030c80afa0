"""Weekly figures, pure: what was delivered, on time, renegotiated, thanked and looked after in an ISO week.

A week is an ISO week, Monday 00:00 to the next Monday 00:00 local time, so
a week with a daylight-saving change is 167 or 169 hours long. "At the end of
the week" means Sunday 23:59:59. The week holding now is summed up so far: as of now, with
its days up to today (`Cut`). Everything counted is counted here, into typed records
(`WeekFigures`, `PersonFigures`: NamedTuples whose `to_json()` is docs/week.md's form); the
renderings (Markdown, JSON, CSV, HTML) are in `ictrack.reports` and only show them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from ictrack.core.dates import YEARS, check_year, local_moment
from ictrack.core.model import CareCheck, CheckIn, Item, soonest_due_first
from ictrack.core.relations import timing
from ictrack.errors import BadInput

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$", re.ASCII)


def parse_week(text: str) -> tuple[int, int]:
    """`2026-W48` -> (2026, 48); a week that does not exist, or falls outside dates.YEARS, is BadInput."""
    match = _WEEK.match(text.strip().lower())
    if match:
        year, week = int(match[1]), int(match[2])
        check_year(year, f"the week {text.strip()}")
        try:
            date.fromisocalendar(year, week, 1)
            return year, week
        except ValueError:
            raise BadInput(f"{year} has no ISO week {week}; weeks run from 1 to 52 or 53.") from None
    raise BadInput(f'"{text}" is not an ISO week; write it like 2026-W48 (in {YEARS}).')


class Week:
    """An ISO week in a time zone: its label and its bounds."""

    def __init__(self, year: int, number: int, zone):
        self.year, self.number = year, number
        self.first = date.fromisocalendar(year, number, 1)
        self.last = self.first + timedelta(days=6)
        self.start = local_moment(self.first, time(0), zone)
        self.after = local_moment(self.first + timedelta(days=7), time(0), zone)  # exclusive
        self.end = local_moment(self.last, time(23, 59, 59), zone)

    @classmethod
    def containing(cls, moment: datetime) -> Week:
        year, number, _ = moment.date().isocalendar()
        return cls(year, number, moment.tzinfo)

    def previous(self) -> Week:
        year, number, _ = (self.first - timedelta(days=7)).isocalendar()
        return Week(year, number, self.start.tzinfo)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start.timestamp() <= moment.timestamp() < self.after.timestamp()

    def by_end(self, moment: datetime | None) -> bool:
        """Whether `moment` had happened by the end of the week."""
        return moment is not None and moment.timestamp() < self.after.timestamp()

    def cut(self, now: datetime | None = None) -> Cut:
        """Where the week's figures are taken: now, while `now` is before its end (the week so far), else at
        the end of Sunday."""
        if now is None or now.timestamp() >= self.after.timestamp():
            return Cut(False, self.end, self.start, self.after, 7)
        days = (now.astimezone(self.start.tzinfo).date() - self.first).days + 1
        return Cut(True, now, self.start, now, max(0, days))


class Cut(NamedTuple):
    """The moment a week's figures are taken at: the end of the week, or now for the week so far."""

    so_far: bool
    as_of: datetime  # now, or Sunday 23:59:59
    start: datetime  # the week's Monday 00:00
    limit: datetime  # now, or the next Monday 00:00
    days: int  # the week's days up to as_of, today's included: 7 for a week gone by, 0 for one to come

    def holds(self, moment: datetime | None) -> bool:
        """Whether `moment` falls in the week, and by then: what counts as done in the week so far."""
        return moment is not None and moment.timestamp() >= self.start.timestamp() and self.reached(moment)

    def reached(self, moment: datetime | None) -> bool:
        """Whether `moment` had happened by then: by now (itself included), or before the next Monday."""
        if moment is None:
            return False
        if self.so_far:
            return moment.timestamp() <= self.limit.timestamp()
        return moment.timestamp() < self.limit.timestamp()

    def overdue(self, due: datetime | None) -> bool:
        """Whether a due date had passed by then; due exactly now is not overdue yet."""
        return due is not None and due.timestamp() < self.limit.timestamp()

    def phrase(self) -> str:
        """`so far (Mon–Wed)`, `so far (Mon)`, `not begun`; empty for a week gone by."""
        if not self.so_far:
            return ""
        if self.days == 0:
            return "not begun"
        return "so far (Mon)" if self.days == 1 else f"so far (Mon–{DAYS[min(self.days, 7) - 1]})"


class WeekFigures(NamedTuple):
    """The week's figures (docs/week.md), in the order `week --json` writes them."""

    week: str  # the ISO week's label, 2026-W48
    start: datetime
    end: datetime
    so_far: bool  # the week holds now (or is still to come): figures as of now, not as at its end
    as_of: datetime  # now for the week so far, else the end of Sunday
    days: int  # the week's days up to `as_of`: 7 for a week gone by
    delivered: int
    on_time: int
    early: int
    late: int
    on_time_rate: float | None  # of the deliveries with a due date; None without any
    renegotiated: int  # commitments moved in the week: in time, after the date, or both
    renegotiated_in_time: int
    moved_after_date: int
    dropped: int
    opened: int
    open_at_end: int
    overdue_at_end: int
    asks_received: int
    help_received: int
    thanks_sent: int
    thanks_owed: int
    care_days: int
    mean_energy: float | None  # None without a care check that gave one
    checkins: int

    @property
    def judged(self) -> int:
        """Deliveries with a due date to judge them by: on time or late."""
        return self.on_time + self.late

    @property
    def undated(self) -> int:
        """Deliveries without a due date."""
        return self.delivered - self.judged

    def to_json(self) -> dict:
        times = {"start": self.start.isoformat(), "end": self.end.isoformat(), "as_of": self.as_of.isoformat()}
        return {**self._asdict(), **times}


class PersonFigures(NamedTuple):
    """One person's share of the week."""

    delivered: int
    on_time: int
    late: int
    renegotiated_in_time: int
    moved_after_date: int
    asks_received: int
    help_received: int
    thanks_sent: int

    def to_json(self) -> dict:
        return self._asdict()


class WeekSummary:
    """The week's figures; `items` are the delivered and dropped commitments.

    Everything is as it stood at the end of the week (help thanked later still shows as owed), or for the
    week so far, as it stands now.
    """

    def __init__(self, week: Week, cut: Cut, figures: WeekFigures, by_person: dict[str, PersonFigures],
                 items: list[Item], per_day: list, open_items: list[Item], asks_items: list[Item],
                 help_items: list[Item]):  # fmt: skip
        self.week, self.cut, self.figures, self.by_person, self.items = week, cut, figures, by_person, items
        self.per_day, self.open_items = per_day, open_items
        self.asks_items, self.help_items = asks_items, help_items  # received in the week: counted apart

    @property
    def delivered_items(self) -> list[Item]:
        return [item for item in self.items if item.status == "done"]

    @property
    def dropped_items(self) -> list[Item]:
        return [item for item in self.items if item.status == "dropped"]

    def served_most(self, count: int = 5) -> list[tuple[str, int]]:
        """The people delivered to most, with how often: most first, then by handle."""
        delivered = Counter({handle: row.delivered for handle, row in self.by_person.items() if row.delivered})
        return delivered.most_common(count)


def active_since(items: Iterable[Item], start: datetime) -> list[Item]:
    """The items that can count in any week from `start` on; the rest were settled before it began.

    Settled means closed, renegotiated and, for asks and help, thanked before `start`.
    """
    moment = start.timestamp()

    def since(when: datetime | None) -> bool:
        return when is not None and when.timestamp() >= moment

    return [
        item for item in items
        if item.is_open or since(item.created) or since(item.done_at)
        or (item.kind != "commitment" and (item.thanked_at is None or since(item.thanked_at)))
        or any(since(datetime.fromisoformat(move["at"])) for move in item.moves)
    ]  # fmt: skip


def moves_in(item: Item, cut: Cut) -> tuple[bool, bool]:
    """(renegotiated in time, moved after the date) by the moves of `item` made in the week, by then."""
    made = [move.after_due for move in item.renegotiations if cut.holds(move.at)]
    return False in made, True in made


def summarize(items: Iterable[Item], care: Iterable[CareCheck], checkins: Iterable[CheckIn], week: Week,
              now: datetime | None = None) -> WeekSummary:  # fmt: skip
    """The week's figures, as at the end of Sunday; with `now` before then, as they stand now (the week so far)."""
    cut = week.cut(now)
    items = sorted(items, key=lambda item: item.id)  # listed in the order they were made, whatever the file's order
    commitments = [item for item in items if item.kind == "commitment"]
    delivered = [i for i in commitments if i.status == "done" and cut.holds(i.done_at)]
    timings = {item.id: timing(item) for item in delivered}
    on_time = [i for i in delivered if timings[i.id][0]]
    late = [i for i in delivered if timings[i.id][2]]
    dropped = [i for i in commitments if i.status == "dropped" and cut.holds(i.done_at)]
    open_at_end = [
        i for i in commitments
        if cut.reached(i.created) and (i.status == "open" or not cut.reached(i.done_at))
    ]  # fmt: skip
    moved = {item.id: moves_in(item, cut) for item in commitments if item.moves}
    in_time = [i for i in commitments if moved.get(i.id, (False, False))[0]]
    after_date = [i for i in commitments if moved.get(i.id, (False, False))[1]]
    asks_received = [i for i in items if i.kind == "ask" and i.status == "done" and cut.holds(i.done_at)]
    help_received = [i for i in items if i.kind == "help" and cut.holds(i.done_at or i.created)]
    received_by_end = [
        i for i in items
        if (i.kind == "help" and cut.reached(i.created))
        or (i.kind == "ask" and i.status == "done" and cut.reached(i.done_at))
    ]  # fmt: skip
    last_day = (week.first + timedelta(days=cut.days - 1)).isoformat()
    care_days = [c for c in care if week.first.isoformat() <= c.day <= last_day]
    energies = [c.energy for c in care_days if c.energy]
    thanked = [i for i in items if cut.holds(i.thanked_at)]
    judged = len(on_time) + len(late)
    figures = WeekFigures(
        week=week.label,
        start=week.start,
        end=week.end,
        so_far=cut.so_far,
        as_of=cut.as_of,
        days=cut.days,
        delivered=len(delivered),
        on_time=len(on_time),
        early=sum(bool(timings[i.id][1]) for i in delivered),
        late=len(late),
        on_time_rate=round(len(on_time) / judged, 4) if judged else None,
        renegotiated=sum(any(found) for found in moved.values()),
        renegotiated_in_time=len(in_time),
        moved_after_date=len(after_date),
        dropped=len(dropped),
        opened=sum(cut.holds(i.created) for i in items),
        open_at_end=len(open_at_end),
        overdue_at_end=sum(cut.overdue(i.due) for i in open_at_end),
        asks_received=len(asks_received),
        help_received=len(help_received),
        thanks_sent=len(thanked),
        thanks_owed=sum(not cut.reached(i.thanked_at) for i in received_by_end),
        care_days=len(care_days),
        mean_energy=round(sum(energies) / len(energies), 2) if energies else None,
        checkins=sum(cut.holds(c.at) for c in checkins),
    )
    # in PersonFigures' order
    groups = (delivered, on_time, late, in_time, after_date, asks_received, help_received, thanked)
    credits = [Counter(item.person for item in group if item.person) for group in groups]
    by_person = {
        handle: PersonFigures(*(credited[handle] for credited in credits)) for handle in sorted(set().union(*credits))
    }
    per_day = [[0, 0] for _ in DAYS]  # [on time, late] by weekday of delivery
    kept = {item.id for item in on_time}  # by ID: comparing items whole would cost two records a pair
    for item in on_time + late:
        assert item.done_at is not None  # delivered this week
        per_day[item.done_at.astimezone(week.start.tzinfo).weekday()][0 if item.id in kept else 1] += 1
    return WeekSummary(
        week, cut, figures, by_person, delivered + dropped, per_day,
        sorted(open_at_end, key=soonest_due_first), asks_received, help_received,
    )  # fmt: skip
