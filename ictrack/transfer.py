"""Everything stored, as one JSON document, and back. Pure.

The document (`ictrack export json`):

    {"format": "ictrack-export", "version": 1, "exported_at": "<ISO 8601>", "next_id": 42,
     "items": [<item record>, …], "people": [<person>, …], "care": [<care check>, …],
     "checkins": [<check-in>, …]}

Items are stored records (SPEC §6 fields without `risk`, plus `drop_reason` and `recur`), archived
ones included, by ID; people by handle; care checks by day; check-ins by time. `next_id` keeps IDs
from being reused. The undo journal is not part of it: it is a way back, not data.
"""

from __future__ import annotations

from datetime import datetime

from ictrack.errors import BadInput
from ictrack.model import KINDS, STATUSES, CareCheck, CheckIn, Item, Person, stamp

FORMAT, VERSION = "ictrack-export", 1
TABLES = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}


def to_document(state, now: datetime) -> dict:
    """The export of a State loaded with its history."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": stamp(now),
        "next_id": state.next_id,
        "items": [state.items[key].to_record() for key in sorted(state.items)],
        "people": [state.people[key].to_record() for key in sorted(state.people)],
        "care": [state.care[key].to_record() for key in sorted(state.care)],
        "checkins": [c.to_record() for c in sorted(state.checkins.values(), key=lambda c: (c.at.timestamp(), c.uuid))],
    }


class Imported:
    """The records of a document, as model objects, checked."""

    __slots__ = ("items", "people", "care", "checkins", "next_id")

    def __init__(self, items: list[Item], people: list[Person], care: list[CareCheck], checkins: list[CheckIn],
                 next_id: int):  # fmt: skip
        self.items, self.people, self.care, self.checkins, self.next_id = items, people, care, checkins, next_id


def _check_item(item: Item) -> None:
    if not isinstance(item.id, int) or item.id < 1:
        raise ValueError("its id is not a positive whole number")
    if item.kind not in KINDS or item.status not in STATUSES:
        raise ValueError(f"kind {item.kind!r} or status {item.status!r} is not one ictrack knows")
    if not isinstance(item.title, str) or not item.title.strip() or not isinstance(item.uuid, str):
        raise ValueError("it has no title or no uuid")
    if item.created is None:
        raise ValueError("it has no created time")


def from_document(data, source: str) -> Imported:
    """Read an export; BadInput naming the first thing that is wrong with it."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(f'{source} is not an ictrack export (no "format": "{FORMAT}"); `ictrack export json` '
                       "writes one.")  # fmt: skip
    if data.get("version") != VERSION:
        raise BadInput(f"{source} is an export of version {data.get('version')!r}; this ictrack reads version "
                       f"{VERSION}.")  # fmt: skip
    tables: dict[str, list] = {}
    for name, model in TABLES.items():
        records = data.get(name, [])
        if not isinstance(records, list):
            raise BadInput(f'{source}: "{name}" is not a list.')
        tables[name] = []
        for index, record in enumerate(records):
            try:
                if not isinstance(record, dict):
                    raise ValueError("it is not an object")
                loaded = model.from_record(record)
                if name == "items":
                    _check_item(loaded)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                why = f"it has no {error}" if isinstance(error, KeyError) else str(error)
                raise BadInput(f"{source}: {name} record {index + 1} can't be read ({why}).") from None
            tables[name].append(loaded)
    ids = [item.id for item in tables["items"]]
    if len(set(ids)) != len(ids):
        raise BadInput(f"{source} holds two items with one ID; nothing was imported.")
    next_id = data.get("next_id")
    highest = max(ids, default=0)
    if not isinstance(next_id, int) or next_id <= highest:
        next_id = highest + 1
    return Imported(**tables, next_id=next_id)
