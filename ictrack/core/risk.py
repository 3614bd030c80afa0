"""Risk of open items (`risk` in docs/json.md, defined in docs/brief.md). Pure: `now` and config are parameters.

Each rule adds its reason once; the time left is named once, with the external customer when one is waiting.
On a day with more open commitments due than `daily_capacity`, only those that do not fit are at risk: the
least important (low < normal < high priority, then internal < external), ties going to the latest created.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ictrack.core.dates import describe_span, until
from ictrack.core.model import OK, Item, Risk
from ictrack.core.settings import Config

URGENT = timedelta(hours=4)
EXTERNAL_WINDOW = timedelta(hours=48)
LOW_ENERGY = 2
RANK = {"low": 0, "normal": 1, "high": 2}


def importance(item: Item) -> tuple[int, bool]:
    """What keeps an item in a full day: its priority first, then an external customer waiting."""
    return RANK[item.priority], item.external


class Overflow:
    """A day with more commitments due than fit: which day, how many are due, and the capacity."""

    __slots__ = ("day", "due", "capacity")

    def __init__(self, day: date, due: int, capacity: int) -> None:
        self.day, self.due, self.capacity = day, due, capacity

    def __repr__(self) -> str:
        return f"Overflow({self.day!r}, {self.due!r}, {self.capacity!r})"

    @property
    def reason(self) -> str:
        """`over capacity on Wed 25 Nov: 5 due, capacity 4`"""
        return f"over capacity on {self.day:%a} {self.day.day} {self.day:%b}: {self.due} due, capacity {self.capacity}"


def left_out(items: Iterable[Item], zone, capacity: int) -> dict[int, Overflow]:
    """The open commitments that do not fit their day, by ID: on a day with M > capacity due, the M − capacity
    least important, ties going to the latest created (then the highest ID)."""
    days: dict[date, list[Item]] = {}
    for item in items:
        if item.kind == "commitment" and item.is_open and item.due is not None:
            days.setdefault(item.due.astimezone(zone).date(), []).append(item)
    out: dict[int, Overflow] = {}
    for day, due in days.items():
        if len(due) <= capacity:
            continue
        latest_first = sorted(due, key=lambda item: (item.created, item.id), reverse=True)
        overflow = Overflow(day, len(due), capacity)
        for item in sorted(latest_first, key=importance)[: len(due) - capacity]:  # a stable sort keeps latest first
            out[item.id] = overflow
    return out


def assess(item: Item, now: datetime, config: Config, crowded: dict[int, Overflow], energy: int | None = None) -> Risk:
    """The level and reasons for one item; only open commitments (and overdue asks) carry risk.

    `crowded` is what `left_out` gives for all the open items.
    """
    if not item.is_open or item.due is None:
        return OK
    left = until(item.due, now)
    if item.kind != "commitment":
        if item.kind == "ask" and left.total_seconds() < 0:
            return Risk("overdue", [f"follow up: was due {describe_span(left)} ago"])
        return OK
    if left.total_seconds() < 0:
        return Risk("overdue", [f"overdue by {describe_span(left)}"])

    soon = left <= timedelta(hours=config.soon_hours)
    reasons = []
    if item.external and left <= EXTERNAL_WINDOW:
        reasons.append(f"external customer waiting, due in {describe_span(left)}")
    elif left <= URGENT:
        reasons.append(f"due in {describe_span(left)}")
    if soon and item.id in crowded:
        reasons.append(crowded[item.id].reason)
    if len(item.moves) >= 2:
        reasons.append("moved twice" if len(item.moves) == 2 else f"moved {len(item.moves)} times")
    if soon and energy is not None and energy <= LOW_ENERGY:
        reasons.append("low energy today")
    if reasons:
        return Risk("at-risk", reasons)
    if soon:
        return Risk("soon", [f"due in {describe_span(left)}"])
    return OK


def assess_all(items: Iterable[Item], now: datetime, config: Config, energy: int | None = None) -> dict[int, Risk]:
    items = list(items)
    crowded = left_out(items, now.tzinfo, config.daily_capacity)
    return {item.id: assess(item, now, config, crowded, energy) for item in items}


GROUPS = ("Overdue", "At risk", "Also due today", "This week", "Later", "No date")
ATTENTION = GROUPS[:3]  # the brief's commitments and the status line's counts


def group_of(item: Item, risk: Risk, now: datetime) -> str:
    """Where an open item stands, in exactly one group: the brief's sections and the dashboard's groups.

    Overdue and at risk come first, whatever the day; "Also due today" is the rest due by the end of today.
    """
    if risk.level == "overdue":
        return "Overdue"
    if risk.level == "at-risk":
        return "At risk"
    if item.due is None:
        return "No date"
    day = item.due.astimezone(now.tzinfo).date()
    if day <= now.date():
        return "Also due today"
    sunday = now.date() + timedelta(days=6 - now.weekday())
    return "This week" if day <= sunday else "Later"


def attention(items: Iterable[Item], risks: dict[int, Risk], now: datetime) -> dict[str, list[Item]]:
    """The open commitments in each of the ATTENTION groups, in the order given: disjoint, so their counts add up."""
    groups: dict[str, list[Item]] = {name: [] for name in ATTENTION}
    for item in items:
        if item.kind == "commitment" and item.is_open:
            group = group_of(item, risks[item.id], now)
            if group in groups:
                groups[group].append(item)
    return groups
