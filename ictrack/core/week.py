"""Weekly figures, pure: what was delivered, on time, renegotiated, thanked and looked after in an ISO week.

A week is an ISO week, Monday 00:00 to the next Monday 00:00 local time, so
a week with a daylight-saving change is 167 or 169 hours long. "At the end of
the week" means Sunday 23:59:59. Everything counted is counted here, into typed records
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


class WeekFigures(NamedTuple):
    """The week's figures (docs/week.md), in the order `week --format json` writes them."""

    week: str  # the ISO week's label, 2026-W48
    start: datetime
    end: datetime
    delivered: int
    on_time: int
    early: int
    late: int
    on_time_rate: float | None  # of the deliveries with a due date; None without any
    renegotiated: int
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
        return {**self._asdict(), "start": self.start.isoformat(), "end": self.end.isoformat()}


class PersonFigures(NamedTuple):
    """One person's share of the week."""

    delivered: int
    on_time: int
    late: int
    asks_received: int
    help_received: int
    thanks_sent: int

    def to_json(self) -> dict:
        return self._asdict()


class WeekSummary:
    """The week's figures; `items` are the delivered and dropped commitments.

    Everything is as it stood at the end of the week: help thanked later still shows as owed.
    """

    def __init__(self, week: Week, figures: WeekFigures, by_person: dict[str, PersonFigures], items: list[Item],
                 per_day: list, open_items: list[Item], help_items: list[Item]):  # fmt: skip
        self.week, self.figures, self.by_person, self.items = week, figures, by_person, items
        self.per_day, self.open_items, self.help_items = per_day, open_items, help_items

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


def summarize(items: Iterable[Item], care: Iterable[CareCheck], checkins: Iterable[CheckIn], week: Week) -> WeekSummary:
    items = sorted(items, key=lambda item: item.id)  # listed in the order they were made, whatever the file's order
    commitments = [item for item in items if item.kind == "commitment"]
    delivered = [i for i in commitments if i.status == "done" and week.holds(i.done_at)]
    timings = {item.id: timing(item) for item in delivered}
    on_time = [i for i in delivered if timings[i.id][0]]
    late = [i for i in delivered if timings[i.id][2]]
    dropped = [i for i in commitments if i.status == "dropped" and week.holds(i.done_at)]
    open_at_end = [
        i for i in commitments
        if week.by_end(i.created) and (i.status == "open" or not week.by_end(i.done_at))
    ]  # fmt: skip
    asks_received = [i for i in items if i.kind == "ask" and i.status == "done" and week.holds(i.done_at)]
    help_received = [i for i in items if i.kind == "help" and week.holds(i.done_at or i.created)]
    received_by_end = [
        i for i in items
        if (i.kind == "help" and week.by_end(i.created))
        or (i.kind == "ask" and i.status == "done" and week.by_end(i.done_at))
    ]  # fmt: skip
    care_days = [c for c in care if week.first.isoformat() <= c.day <= week.last.isoformat()]
    energies = [c.energy for c in care_days if c.energy]
    thanked = [i for i in items if week.holds(i.thanked_at)]
    judged = len(on_time) + len(late)
    figures = WeekFigures(
        week=week.label,
        start=week.start,
        end=week.end,
        delivered=len(delivered),
        on_time=len(on_time),
        early=sum(bool(timings[i.id][1]) for i in delivered),
        late=len(late),
        on_time_rate=round(len(on_time) / judged, 4) if judged else None,
        renegotiated=sum(any(week.holds(datetime.fromisoformat(m["at"])) for m in i.moves) for i in commitments),
        dropped=len(dropped),
        opened=sum(week.holds(i.created) for i in items),
        open_at_end=len(open_at_end),
        overdue_at_end=sum(week.by_end(i.due) for i in open_at_end),
        asks_received=len(asks_received),
        help_received=len(help_received),
        thanks_sent=len(thanked),
        thanks_owed=sum(not week.by_end(i.thanked_at) for i in received_by_end),
        care_days=len(care_days),
        mean_energy=round(sum(energies) / len(energies), 2) if energies else None,
        checkins=sum(week.holds(c.at) for c in checkins),
    )
    groups = (delivered, on_time, late, asks_received, help_received, thanked)  # in PersonFigures' order
    credits = [Counter(item.person for item in group if item.person) for group in groups]
    by_person = {
        handle: PersonFigures(*(credited[handle] for credited in credits)) for handle in sorted(set().union(*credits))
    }
    per_day = [[0, 0] for _ in DAYS]  # [on time, late] by weekday of delivery
    for item in on_time + late:
        assert item.done_at is not None  # delivered this week
        per_day[item.done_at.astimezone(week.start.tzinfo).weekday()][0 if item in on_time else 1] += 1
    return WeekSummary(
        week, figures, by_person, delivered + dropped, per_day,
        sorted(open_at_end, key=soonest_due_first),
        asks_received + help_received,
    )  # fmt: skip
