"""The tables of a data or archive file, read into model objects and written back in bulk."""

from __future__ import annotations

from itertools import count

from tinydb import TinyDB
from tinydb.table import Document

from ictrack.core.model import CareCheck, CheckIn, Item, Person, RecordError
from ictrack.storage.files import Damaged

# Each table of records and the field that names a record in it; items are named by their TinyDB doc_id.
TABLES = {"items": None, "people": "handle", "care": "day", "checkins": "uuid"}

MODELS = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}

# The tables whose old records move to the archives.
ARCHIVED = ("items", "care", "checkins")


def record_problems(data: dict) -> list[str]:
    """Every record in a file's tables that is not the shape ictrack writes, each named."""
    problems = []
    for name, field in TABLES.items():
        seen: dict[object, str] = {}
        uuids: dict[str, int] = {}
        for doc_id, record in data.get(name, {}).items():
            try:
                loaded = MODELS[name].from_record(record)
            except RecordError as error:
                what = f"item {doc_id}" if field is None else f"{name} record {doc_id}"
                problems.append(f"{what}: {error}")
                continue
            key = loaded.id if field is None else getattr(loaded, field)
            if field is not None and key in seen:
                problems.append(f"two {name} records have the {field} {key!r}")
            seen[key] = doc_id
            if name == "items":
                if loaded.uuid in uuids:
                    problems.append(f"items {uuids[loaded.uuid]} and {loaded.id} share the uuid {loaded.uuid!r}")
                uuids[loaded.uuid] = loaded.id
    return problems


def load_state(data: dict | None) -> tuple[dict[str, dict], int]:
    """Model objects for every table; Damaged naming the first record that can't be read."""
    data = data or {}
    tables: dict[str, dict] = {}
    for name, field in TABLES.items():
        model, records = MODELS[name], {}
        for doc_id, record in data.get(name, {}).items():
            try:
                loaded = model.from_record(record)
            except RecordError as error:
                what = f"item {doc_id}" if field is None else f"a {name} record"
                raise Damaged(f"holds a damaged record ({what}: {error})") from None
            key = loaded.id if field is None else getattr(loaded, field)
            if key in records:
                raise Damaged(f"holds two {name} records for {key!r}")
            records[key] = loaded
        tables[name] = records
    if len({item.uuid for item in tables["items"].values()}) != len(tables["items"]):
        raise Damaged("holds two items with one uuid")
    meta = data.get("meta", {}).get("1", {})
    stored_next = meta.get("next_id", 1)
    if isinstance(stored_next, bool) or not isinstance(stored_next, int):
        raise Damaged(f"has a next ID that makes no sense ({stored_next!r})")
    return tables, max(stored_next, max(tables["items"], default=0) + 1)


def keyed(db: TinyDB, table: str) -> dict[str, Document]:
    """Every record of a table by its key as text, in one pass."""
    field = TABLES.get(table)
    return {str(doc.doc_id) if field is None else str(doc[field]): doc for doc in db.table(table).all()}


def put_all(db: TinyDB, table: str, records: dict[str, dict | None], held: dict[str, Document] | None = None) -> None:
    """Write many records of one table at once (None removes one): two table writes, whatever their number."""
    if not records:
        return
    documents, field = db.table(table), TABLES[table]
    held = keyed(db, table) if held is None else held
    gone = [held[key].doc_id for key in records if key in held]
    if gone:
        documents.remove(doc_ids=gone)
    fresh = count(max((doc.doc_id for doc in held.values()), default=0) + 1)
    written = [
        Document(record, doc_id=int(key) if field is None else held[key].doc_id if key in held else next(fresh))
        for key, record in records.items()
        if record is not None
    ]
    if written:
        documents.insert_multiple(written)


def meta_of(db: TinyDB) -> dict:
    return dict(db.table("meta").get(doc_id=1) or {})


def set_meta(db: TinyDB, meta: dict) -> None:
    table = db.table("meta")
    if table.contains(doc_id=1):
        table.remove(doc_ids=[1])
    table.insert(Document(meta, doc_id=1))
