"""Risk of open items (`risk` in docs/json.md). Pure: `now`, config and the day's load are parameters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ictrack.core.dates import describe_span, until
from ictrack.core.model import OK, Item, Risk
from ictrack.core.settings import Config

URGENT = timedelta(hours=4)
EXTERNAL_WINDOW = timedelta(hours=48)
LOW_ENERGY = 2


def due_load(items: Iterable[Item], zone) -> Counter[date]:
    """How many open commitments fall due on each local date."""
    return Counter(
        item.due.astimezone(zone).date()
        for item in items
        if item.kind == "commitment" and item.is_open and item.due is not None
    )


def assess(item: Item, now: datetime, config: Config, load: Counter[date], energy: int | None = None) -> Risk:
    """The level and reasons for one item; only open commitments (and overdue asks) carry risk."""
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
    if left <= URGENT:
        reasons.append(f"due in {describe_span(left)}")
    due_day = item.due.astimezone(now.tzinfo).date()
    if soon and load[due_day] > config.daily_capacity:
        reasons.append(f"{load[due_day]} commitments due {due_day:%a}")
    if len(item.moves) >= 2:
        reasons.append("moved twice" if len(item.moves) == 2 else f"moved {len(item.moves)} times")
    if item.external and left <= EXTERNAL_WINDOW:
        reasons.append(f"external customer waiting, due in {describe_span(left)}")
    if soon and energy is not None and energy <= LOW_ENERGY:
        reasons.append("low energy today")
    if reasons:
        return Risk("at-risk", reasons)
    if soon:
        return Risk("soon", [f"due in {describe_span(left)}"])
    return OK


def assess_all(items: Iterable[Item], now: datetime, config: Config, energy: int | None = None) -> dict[int, Risk]:
    items = list(items)
    load = due_load(items, now.tzinfo)
    return {item.id: assess(item, now, config, load, energy) for item in items}


GROUPS = ("Overdue", "At risk", "Today", "This week", "Later", "No date")


def group_of(item: Item, risk: Risk, now: datetime) -> str:
    """Where an open item stands: the brief's sections and the dashboard's groups."""
    if risk.level == "overdue":
        return "Overdue"
    if risk.level == "at-risk":
        return "At risk"
    if item.due is None:
        return "No date"
    day = item.due.astimezone(now.tzinfo).date()
    if day <= now.date():
        return "Today"
    sunday = now.date() + timedelta(days=6 - now.weekday())
    return "This week" if day <= sunday else "Later"
