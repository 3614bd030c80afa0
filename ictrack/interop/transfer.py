"""Everything stored, as one JSON document, and back. Pure.

The document (`ictrack export json`):

    {"format": "ictrack-export", "version": 1, "exported_at": "<ISO 8601>", "next_id": 42,
     "items": [<item record>, …], "people": [<person>, …], "care": [<care check>, …],
     "checkins": [<check-in>, …]}

Items are stored records (docs/json.md's item fields without `risk`, plus `drop_reason` and `recur`), archived
ones included, by ID; people by handle; care checks by day; check-ins by time. `next_id` keeps IDs
from being reused. The undo journal is not part of it: it is a way back, not data.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ictrack.core.model import MAX_ID, MAX_TITLE, CareCheck, CheckIn, Item, Person, RecordError, is_uuid, stamp
from ictrack.errors import BadInput

if TYPE_CHECKING:
    from ictrack.core.model import Model

FORMAT, VERSION = "ictrack-export", 1
TABLES: dict[str, type[Model]] = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}
# (table, field, words): what no two records of a table may share: every key a record is stored or named by
# (storage.tables), so that no record of the document silently replaces another. A person without a uuid gets one.
UNIQUE = [("items", "id", "items with the ID"), ("items", "uuid", "items with the uuid"),
          ("people", "handle", "people with the handle"), ("people", "uuid", "people with the uuid"),
          ("care", "day", "care checks for the day"), ("checkins", "uuid", "check-ins with the uuid")]  # fmt: skip


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
                loaded = model.from_record(record)
                if isinstance(loaded, Item) and len(loaded.title) > MAX_TITLE:  # as for any new title (quick add)
                    raise RecordError(f"title is {len(loaded.title)} characters long; at most {MAX_TITLE}")
                # a person's uuid may end up in another's `merged`, which holds only uuids
                if isinstance(loaded, Person) and loaded.uuid is not None and not is_uuid(loaded.uuid):
                    raise RecordError(f"uuid {loaded.uuid[:40]!r} is not a uuid")
            except RecordError as error:
                raise BadInput(
                    f"{source}: {name} record {index + 1} can't be read ({error}); nothing was imported."
                ) from None
            tables[name].append(loaded)
    for name, key, what in UNIQUE:
        seen: set = set()
        for record in tables[name]:
            # a person answers to their own uuid and those merged into them: no two may share one
            values = record.uuids if name == "people" and key == "uuid" else [getattr(record, key)]
            for value in values:
                if value in seen:
                    raise BadInput(f"{source} holds two {what} {value!r}; nothing was imported.")
                if value:
                    seen.add(value)
    handles = {person.handle for person in tables["people"]}
    for name in ("items", "checkins"):
        stranger = next((record for record in tables[name] if record.person and record.person not in handles), None)
        if stranger is not None:
            what = f"item {stranger.id}" if name == "items" else "a check-in"
            raise BadInput(f"{source}: {what} names @{stranger.person}, who is not among its people; nothing was "
                           "imported.")  # fmt: skip
    next_id = data.get("next_id")
    if isinstance(next_id, int) and not isinstance(next_id, bool) and next_id > MAX_ID + 1:
        raise BadInput(f"{source}: next_id {next_id} is beyond the last item ID, {MAX_ID}; nothing was imported.")
    highest = max((item.id for item in tables["items"]), default=0)
    if isinstance(next_id, bool) or not isinstance(next_id, int) or next_id <= highest:
        next_id = highest + 1
    return Imported(**tables, next_id=next_id)
