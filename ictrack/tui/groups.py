"""The dashboard's groups in order, and what the filter matches. Pure: no Textual."""

from __future__ import annotations

from datetime import datetime

from ictrack.core.model import Item, Risk, soonest_due_first
from ictrack.core.risk import GROUPS, group_of


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
