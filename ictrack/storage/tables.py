"""The tables of a data or archive file, read into model objects and written back in bulk.

Each record is stored under the key that is its identity, never a number one machine handed out:
items, people and check-ins under their uuid, care checks under their day. An item's or a check-in's
person is stored as the person's uuid (`person_id`), so a person keeps their history whatever their
handle becomes; in memory it is the handle, as everywhere else. Someone merged into another person keeps
their uuid in that person's `merged`, so archived records that name them are read as the other's.
`meta` is a numbered document ("1"), as the undo `journal` was before schema 7 (see `journal`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinydb import TinyDB
from tinydb.table import Document, Table

from ictrack.core.model import FIRST_YEAR, LAST_YEAR, MAX_ID, CareCheck, CheckIn, Item, Person, RecordError
from ictrack.storage.archive import is_archive_key
from ictrack.storage.files import Damaged

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ictrack.core.model import Model
    from ictrack.storage.files import OperationBuffer

# Each table of records, and the field whose value is a record's key in it
TABLES = {"items": "uuid", "people": "uuid", "care": "day", "checkins": "uuid"}
MODELS: dict[str, type[Model]] = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}
NAMED = {"items": "id", "people": "handle", "care": "day", "checkins": "uuid"}  # what names a record in memory
REFERS = ("items", "checkins")  # the tables whose records name a person
ARCHIVED = ("items", "care", "checkins")  # the tables whose old records move to the archives


class TextKeyed(Table):
    """A table whose documents are named by text: a uuid, a day, or a number for meta and the journal.

    TinyDB's annotations say a document ID is an int; `document_id_class` is how TinyDB lets it be
    another type, which its annotations can't follow, so the calls that pass a text ID say so.
    """

    document_id_class = str  # type: ignore[assignment]  # TinyDB's annotations allow only int IDs


class Database(TinyDB):
    """One file's tables, held in memory by the storage for one operation (see `files.OperationBuffer`)."""

    table_class = TextKeyed

    if TYPE_CHECKING:  # every Database is opened on an OperationBuffer, whose `data` is the file's tables

        @property
        def storage(self) -> OperationBuffer: ...


def to_stored(table: str, record: Model, person_ids: Mapping[str, str | None]) -> tuple[str, dict]:
    """(key, stored record) for a model object: the person named by uuid rather than by handle."""
    stored = record.to_record()
    if table in REFERS:
        stored = {("person_id" if field == "person" else field): (person_ids[value] if field == "person" and value
                  else value) for field, value in stored.items()}  # fmt: skip
    return str(stored[TABLES[table]]), stored


def from_stored(table: str, stored: dict, handles: dict[str, str] | None) -> Model:
    """The model object a stored record holds; RecordError if it is not as ictrack writes it.

    With `handles` (uuid -> handle), a person named by uuid becomes their handle and an unknown one is an
    error; without, the person is left out (doctor reading an archive without a sound data file).
    """
    if table in REFERS and isinstance(stored, dict):
        person_id = stored.get("person_id")
        if person_id is not None and not isinstance(person_id, str):
            raise RecordError(f"person_id {person_id!r} is nobody among the people")
        if person_id is not None and handles is not None and person_id not in handles:
            raise Nobody(person_id)
        handle = handles.get(person_id) if handles is not None and person_id is not None else None
        if "person_id" in stored:
            stored = {**stored, "person": handle}  # a copy made in C: this runs for every record a command reads
            del stored["person_id"]
    return MODELS[table].from_record(stored)


class Nobody(RecordError):
    """A record naming a person by a uuid no person answers to: nobody's own, nor in anyone's `merged`."""

    def __init__(self, uuid: str) -> None:
        super().__init__(f"person_id {uuid!r} is nobody among the people")
        self.uuid = uuid


class NamesNobody(Damaged):
    """An archive whose records name someone the data file's people do not hold. The archive may be sound: the
    data file may have lost them (a `merged` list edited by hand)."""

    def __init__(self, what: str, uuid: str) -> None:
        super().__init__(f"names someone the data file does not hold ({what}: person_id {uuid!r})")
        self.what, self.uuid = what, uuid


def _read(
    data: dict,
    handles: dict[str, str] | None,
    problems: list[str] | None,
    keep: Callable[[str, dict], bool] | None = None,
) -> dict[str, dict]:
    """Every table as model objects by their in-memory names; each bad record Damaged, or noted in `problems`.

    `handles`: the people an archive's records name (the data file's); None for a data file, whose own people
    they are, or `UNKNOWN` for an archive read without a sound data file (each person its records name stands in
    as STAND_IN). A person record that can't be read is one problem: the records naming them add none.
    With `keep`, only the records of items, care checks and check-ins it passes (by table, as stored) are read.
    """

    def bad(message: str) -> None:
        if problems is None:
            raise Damaged(f"holds a damaged record ({message})")
        problems.append(message)

    tables: dict[str, dict] = {}
    theirs = handles is not None and handles is not UNKNOWN  # the records' people are another file's: the data file's
    if handles is UNKNOWN:  # whoever its records name stands in as someone, so the rest of each record is checked
        handles = dict.fromkeys(unknown_people(data, {}), STAND_IN)
    people: dict[str, str] = {}  # every person read, by uuid: two with one handle are one problem, not more
    unread: set[object] = set()  # the uuids of people records that can't be read: records naming them say no more
    for name in ("people", "items", "care", "checkins"):
        records: dict = {}
        uuids: dict[str, object] = {}
        for key, stored in data.get(name, {}).items():
            if keep is not None and name != "people" and isinstance(stored, dict) and not keep(name, stored):
                continue
            what = f"item {stored.get('id', key)}" if name == "items" and isinstance(stored, dict) else f"{name} {key}"
            try:
                loaded = from_stored(name, stored, handles)
            except Nobody as error:
                if theirs and problems is None:
                    raise NamesNobody(what, error.uuid) from None
                among = "the data file's people (no one's uuid there, nor in a `merged`)" if theirs else "the people"
                if error.uuid not in unread:
                    bad(f"{what}: person_id {error.uuid!r} is nobody among {among}")
                continue
            except RecordError as error:
                if name == "people":
                    unread.update((key, stored.get("uuid") if isinstance(stored, dict) else None))
                bad(f"{what}: {error}")
                continue
            if str(getattr(loaded, TABLES[name])) != key:
                if name == "people":
                    unread.update((key, getattr(loaded, "uuid", None)))
                bad(f"{what}: it is kept under {key!r}, not its {TABLES[name]} {shown(getattr(loaded, TABLES[name]))}")
                continue
            named = getattr(loaded, NAMED[name])
            if named in records:
                bad(f"two {name} records have the {NAMED[name]} {named!r}")
            records[named] = loaded
            if isinstance(loaded, Person):
                for uuid in loaded.uuids:
                    if people.setdefault(uuid, loaded.handle) != loaded.handle:
                        bad(f"@{people[uuid]} and @{loaded.handle} are both named by the uuid {uuid!r}")
            if isinstance(loaded, Item) and uuids.setdefault(loaded.uuid, loaded.id) != loaded.id:
                bad(f"items {uuids[loaded.uuid]} and {loaded.id} share the uuid {loaded.uuid!r}")
        tables[name] = records
        if name == "people" and handles is None:
            handles = people
    return tables


UNKNOWN: dict[str, str] = {}  # as `handles`: an archive's people can't be known (see `_read`)
STAND_IN = "someone"  # the handle an archive's records are read with when their people can't be known


def meta_problem(data: dict) -> str | None:
    """What is wrong with a file's meta (see `check_meta`), if anything."""
    try:
        check_meta(data)
    except Damaged as damage:
        return str(damage)
    return None


def record_problems(data: dict, handles: dict[str, str] | None = None) -> list[str]:
    """Every record in a file's tables that is not the shape ictrack writes, each named."""
    problems: list[str] = []
    _read(data, handles, problems)
    return problems


def load_state(
    data: dict | None, handles: dict[str, str] | None = None, keep: Callable[[str, dict], bool] | None = None
) -> tuple[dict[str, dict], int]:
    """Model objects for every table, by their in-memory names, and the next free item ID; Damaged naming the
    first record that can't be read. An archive's people are the data file's: give them as `handles`. With `keep`,
    only the records it passes are read (see `_read`)."""
    data = data or {}
    check_meta(data)
    tables = _read(data, handles, None, keep)
    ids = tables["items"] if keep is None else (record.get("id") for record in data.get("items", {}).values())
    return tables, max(stored_next_id(data), max((n for n in ids if _whole(n)), default=0) + 1)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_year(value: object) -> bool:
    """A year an archive can be for: every stored time falls in FIRST_YEAR..LAST_YEAR."""
    return isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR


def shown(value: object) -> str:
    """A value in a message, cut short: a hand-edited file can hold anything."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def stored_next_id(data: dict) -> int:
    return data.get("meta", {}).get("1", {}).get("next_id", 1)


def commit_of(data: dict | None) -> int:
    """How many writes of the data file have changed the undo journal (see `journal`): 0 before the first."""
    return (data or {}).get("meta", {}).get("1", {}).get("commit", 0)


def listed_archives(data: dict | None) -> list[str]:
    """The archives the data file lists (see `archive.archive_key`), leaving out any entry that names none (damage
    that `check_meta` names)."""
    listed = (data or {}).get("meta", {}).get("1", {}).get("archives", [])
    return [key for key in listed if is_archive_key(key)] if isinstance(listed, list) else []


def _sound_moves(pending: object) -> bool:
    """Whether a pending move is as ictrack notes one: by archive, records going "out" to or "back" from it, by
    table (of the archived ones) and key."""
    return isinstance(pending, dict) and all(
        is_archive_key(archive)
        and isinstance(moves, dict) and set(moves) <= {"out", "back"}
        and all(isinstance(tables, dict) and set(tables) <= set(ARCHIVED) and all(
            isinstance(keys, list) and all(isinstance(key, str) for key in keys) for keys in tables.values())
            for tables in moves.values())
        for archive, moves in pending.items()
    )  # fmt: skip


def check_meta(data: dict) -> None:
    """Damaged if a file's meta is not as ictrack writes it: the next ID, the archives listed, a move noted."""
    meta = data.get("meta", {}).get("1", {})
    next_id = meta.get("next_id", 1)
    if not _whole(next_id) or not 1 <= next_id <= MAX_ID + 1:
        raise Damaged(f"has a next ID that makes no sense ({shown(next_id)}; item IDs go from 1 to {MAX_ID})")
    commit = meta.get("commit", 0)
    if not _whole(commit) or commit < 0:
        raise Damaged(f"has a commit number that makes no sense ({shown(commit)})")
    archives = meta.get("archives", [])
    if not isinstance(archives, list) or not all(is_archive_key(key) for key in archives):
        raise Damaged(f"lists archives that make no sense ({shown(archives)}; each is a month, as \"2026-10\", "
                      f"{FIRST_YEAR} to {LAST_YEAR})")  # fmt: skip
    if not _sound_moves(meta.get("pending", {})):
        raise Damaged(f"notes a move to or from the archives that makes no sense ({shown(meta['pending'])})")


def due_about(day: str | None) -> Callable[[str, dict], bool]:
    """A test on stored records, for a change that weighs one item due on `day` (ISO; None: no due date) against
    the others due then (see `risk.left_out`): the open commitments due a day either side of it (a due time's day
    in its own offset may be the next or last day in another), care checks and check-ins, and any item whose
    fields are not as ictrack writes them, so its damage is named."""
    from datetime import date, timedelta

    near = set()
    if day is not None:
        around = date.fromisoformat(day)
        near = {(around + timedelta(days=shift)).isoformat() for shift in (-1, 0, 1)}

    def test(table: str, stored: dict) -> bool:
        if table != "items":
            return True
        status, kind, due = stored.get("status"), stored.get("kind"), stored.get("due")
        if status not in ("open", "done", "dropped") or kind not in ("commitment", "ask", "help"):
            return True
        if due is not None and not isinstance(due, str):
            return True
        return status == "open" and kind == "commitment" and due is not None and due[:10] in near

    return test


def unknown_people(data: dict, handles: dict[str, str]) -> list[str]:
    """The uuids a file's records name that no one in `handles` (uuid -> handle) answers to, sorted."""
    named = {record.get("person_id") for table in REFERS for record in data.get(table, {}).values()
             if isinstance(record, dict)}  # fmt: skip
    return sorted(uuid for uuid in named if isinstance(uuid, str) and uuid not in handles)


def handles_of(tables: dict[str, dict]) -> dict[str, str]:
    """uuid -> handle for the people of loaded tables, the uuids of the people merged into them included."""
    return {uuid: handle for handle, person in tables["people"].items() for uuid in person.uuids}


def people_handles(data: dict | None) -> dict[str, str]:
    """uuid -> handle for the people in a data file's tables (already checked, or checked by whoever reads them),
    the uuids of the people merged into them included."""
    handles: dict[str, str] = {}
    for uuid, record in (data or {}).get("people", {}).items():
        merged = record.get("merged", [])
        for alias in merged if isinstance(merged, list) else []:
            if isinstance(alias, str):
                handles.setdefault(alias, record.get("handle"))
        handles[uuid] = record.get("handle")
    return handles


def keyed(db: TinyDB, table: str) -> dict[str, Document]:
    """Every record of a table by its key, in one pass."""
    return {doc.doc_id: doc for doc in db.table(table).all()}  # type: ignore[misc]  # text IDs (TextKeyed)


def put_all(
    db: TinyDB, table: str, records: Mapping[str, dict | None], held: dict[str, Document] | None = None
) -> None:
    """Write many records of one table at once (None removes one): two table writes, whatever their number."""
    if not records:
        return
    documents = db.table(table)
    held = keyed(db, table) if held is None else held
    gone = [key for key in records if key in held]
    if gone:
        documents.remove(doc_ids=gone)  # type: ignore[arg-type]  # text IDs (TextKeyed)
    written = [_document(record, key) for key, record in records.items() if record is not None]
    if written:
        documents.insert_multiple(written)


def meta_of(db: TinyDB) -> dict:
    return dict(db.table("meta").get(doc_id="1") or {})  # type: ignore[call-overload]  # text IDs (TextKeyed)


def set_meta(db: TinyDB, meta: dict) -> None:
    table = db.table("meta")
    if table.contains(doc_id="1"):  # type: ignore[arg-type]  # text IDs (TextKeyed)
        table.remove(doc_ids=["1"])  # type: ignore[list-item]  # text IDs (TextKeyed)
    table.insert(_document(meta, "1"))


def document_number(key: str) -> int | None:
    """The number a numbered document (meta, a journal entry) is kept under: "1", "2", …; None for any other key."""
    return int(key) if key.isascii() and key.isdigit() and not key.startswith("0") else None


def append(db: TinyDB, table: str, record: dict) -> str:
    """Add a numbered document (a journal entry) after the last one; its number. A document under any other
    key is left where it is."""
    documents = db.table(table)
    numbers = (document_number(doc.doc_id) for doc in documents.all())  # type: ignore[arg-type]  # text IDs
    number = str(max((number for number in numbers if number is not None), default=0) + 1)
    documents.insert(_document(record, number))
    return number


def _document(record: dict, key: str) -> Document:
    return Document(record, doc_id=key)  # type: ignore[arg-type]  # text IDs (TextKeyed)
