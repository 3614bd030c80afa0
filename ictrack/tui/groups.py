"""How the dashboard sorts open items into groups, and what the filter matches. Pure: no Textual."""

from __future__ import annotations

from datetime import datetime, timedelta

from ictrack.model import Item, Risk, soonest_due_first

GROUPS = ("Overdue", "At risk", "Today", "This week", "Later", "No date")


def group_of(item: Item, risk: Risk, now: datetime) -> str:
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


def grouped(items: list[Item], risks: dict[int, Risk], now: datetime) -> list[tuple[str, list[Item]]]:
    """The non-empty groups in order, each soonest due first."""
    groups: dict[str, list[Item]] = {name: [] for name in GROUPS}
    for item in sorted(items, key=soonest_due_first):
        groups[group_of(item, risks[item.id], now)].append(item)
    return [(name, members) for name, members in groups.items() if members]


def matches(item: Item, query: str) -> bool:
    """Every word must match: `@da` a person, `#fin` a tag (both by prefix), other words the title or note."""
    text = f"{item.title} {item.note or ''}".lower()
    for word in query.lower().split():
        if word.startswith("@"):
            if not (item.person or "").startswith(word[1:]):
                return False
        elif word.startswith("#"):
            if not any(tag.startswith(word[1:]) for tag in item.tags):
                return False
        elif word not in text:
            return False
    return True
