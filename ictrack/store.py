"""Safe storage on TinyDB. The only module that imports tinydb.

One data file, `ictrack.json`, in the data folder. Every change is one whole
operation: take an exclusive lock (`ictrack.lock`), read the file by path,
apply the change in memory, then write a temp file in the same folder, fsync
it and `os.replace` it over the data file, so a reader or a crash only ever
sees the old file or the new one. Reads take no lock for the same reason.
Each change journals the records it replaced, which is what `undo` restores.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from ictrack.errors import NotFound, StorageProblem
from ictrack.model import CareCheck, CheckIn, Item, Person, stamp

SCHEMA = 1
DATA_FILE = "ictrack.json"
LOCK_FILE = "ictrack.lock"
JOURNAL_LIMIT = 100
DEFAULT_LOCK_TIMEOUT = 5.0


def read_data_file(path: Path) -> dict | None:
    """The file's tables, or None when it does not exist yet; unreadable data is a StorageProblem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageProblem(f"can't read the data file {path}: {error.strerror}.") from None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise StorageProblem(f"the data file {path} is not valid JSON{where}; nothing was changed.") from None
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise StorageProblem(f"the data file {path} is not an ictrack data file; nothing was changed.")
    return data


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old file or the new one."""
    temp = path.with_name(f".{path.name}.tmp")
    content = text.encode("utf-8")  # before touching the disk: bad text must leave nothing behind
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StorageProblem(f"can't write the data file {path}: {error.strerror}; nothing was changed.") from None


class FileStorage(Storage):
    """TinyDB storage that opens the data file by path on every call and writes atomically."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> dict | None:
        return read_data_file(self.path)

    def write(self, data: dict) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


class OperationBuffer(Storage):
    """The file's tables for one operation under the lock: read once, written once at the end."""

    def __init__(self, data: dict | None):
        self.data = data

    def read(self) -> dict | None:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data


# Each table of records and the field that names a record in it; items are named by their TinyDB doc_id.
TABLES = {"items": None, "people": "handle", "care": "day", "checkins": "uuid"}
_MODELS = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}


class State:
    """Everything stored, as model objects, each table a dict by key."""

    def __init__(self, items: dict[int, Item], people: dict[str, Person], care: dict[str, CareCheck],
                 checkins: dict[str, CheckIn]):  # fmt: skip
        self.items = items
        self.people = people
        self.care = care
        self.checkins = checkins

    def item(self, item_id: int) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFound(f"there is no item {item_id}; `ictrack list --all` shows every item.") from None


class Change(State):
    """An operation in progress under the lock. Save what you change; the store does the rest."""

    def __init__(self, tables: dict[str, dict], next_id: int):
        super().__init__(**tables)
        self.summary = ""  # what `undo` will say it undid
        self._next_id = next_id
        self.saved: dict[str, dict] = {name: {} for name in TABLES}

    @property
    def next_id(self) -> int:
        return self._next_id

    def new_id(self) -> int:
        item_id, self._next_id = self._next_id, self._next_id + 1
        return item_id

    def _save(self, table: str, key, record) -> None:
        getattr(self, table)[key] = self.saved[table][key] = record

    def save_item(self, item: Item) -> None:
        self._save("items", item.id, item)

    def save_person(self, person: Person) -> None:
        self._save("people", person.handle, person)

    def save_care(self, care: CareCheck) -> None:
        self._save("care", care.day, care)

    def save_checkin(self, checkin: CheckIn) -> None:
        self._save("checkins", checkin.uuid, checkin)


def _load_state(db: TinyDB, path: Path) -> tuple[dict[str, dict], int]:
    meta = db.table("meta").get(doc_id=1) or {}
    schema = meta.get("schema", SCHEMA)
    if not isinstance(schema, int) or schema > SCHEMA:
        raise StorageProblem(
            f"the data file {path} was written by a newer ictrack (schema {schema}; this one reads up to "
            f"{SCHEMA}); upgrade ictrack to use it. Nothing was changed."
        )
    tables = {}
    try:
        for name, field in TABLES.items():
            model = _MODELS[name]
            documents = db.table(name).all()
            tables[name] = {doc.doc_id if field is None else doc[field]: model.from_record(doc) for doc in documents}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise StorageProblem(f"the data file {path} holds a damaged record; nothing was changed.") from None
    next_id = max(meta.get("next_id", 1), max(tables["items"], default=0) + 1)
    return tables, next_id


def _find(db: TinyDB, table: str, key) -> dict | None:
    field = TABLES[table]
    return db.table(table).get(doc_id=int(key)) if field is None else db.table(table).get(Query()[field] == key)


def _put(db: TinyDB, table: str, key, record: dict | None) -> None:
    """Write one record (None removes it), found by its key."""
    field, documents = TABLES[table], db.table(table)
    if field is None:
        if record is None:
            documents.remove(doc_ids=[int(key)])
        else:
            documents.upsert(Document(record, doc_id=int(key)))
    elif record is None:
        documents.remove(Query()[field] == key)
    else:
        documents.upsert(record, Query()[field] == key)


def _plain(document: dict | None) -> dict | None:
    return json.loads(json.dumps(document)) if document is not None else None


class Store:
    """The data folder: one data file, one lock file, one operation at a time."""

    def __init__(self, home: Path, lock_timeout: float | None = None):
        self.home = Path(home)
        self.path = self.home / DATA_FILE
        self.lock_path = self.home / LOCK_FILE
        if lock_timeout is None:
            lock_timeout = float(os.environ.get("ICTRACK_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
        self.lock_timeout = lock_timeout

    def stamp(self) -> tuple[int, int, int] | None:
        """What identifies the data file's current version (a write replaces it); None if there is none."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def load(self) -> State:
        """A consistent snapshot, without the lock: writes replace the file whole."""
        db = TinyDB(storage=OperationBuffer, data=read_data_file(self.path))
        tables, _ = _load_state(db, self.path)
        return State(**tables)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StorageProblem(f"can't use the data folder {self.home}: {error.strerror}.") from None
        try:
            deadline = clock.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES) or clock.monotonic() >= deadline:
                        raise StorageProblem(
                            f"the data file {self.path} is locked by another ictrack process "
                            f"(waited {self.lock_timeout:g}s); try again in a moment. Nothing was changed."
                        ) from None
                    clock.sleep(0.005)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @contextmanager
    def change(self, summary: str, now: datetime) -> Iterator[Change]:
        """Run one read-modify-write under the lock; commit and journal it if nothing raised."""
        with self._locked():
            buffer_db = TinyDB(storage=OperationBuffer, data=read_data_file(self.path))
            tables, next_id = _load_state(buffer_db, self.path)
            change = Change(tables, next_id)
            change.summary = summary
            yield change
            if not any(change.saved.values()):
                return
            # the buffer still holds the records as read, which are what undo must put back
            before = {
                table: {str(key): _plain(_find(buffer_db, table, key)) for key in saved}
                for table, saved in change.saved.items()
                if saved
            }
            for table, saved in change.saved.items():
                for key, record in saved.items():
                    _put(buffer_db, table, key, record.to_record())
            buffer_db.table("meta").upsert(Document({"schema": SCHEMA, "next_id": change.next_id}, doc_id=1))
            journal = buffer_db.table("journal")
            journal.insert({"summary": change.summary, "at": stamp(now), "before": before})
            surplus = sorted(doc.doc_id for doc in journal.all())[:-JOURNAL_LIMIT]
            if surplus:
                journal.remove(doc_ids=surplus)
            FileStorage(self.path).write(buffer_db.storage.data)

    def undo(self) -> str | None:
        """Put back the records the last change replaced; the summary of what was undone, or None."""
        with self._locked():
            db = TinyDB(storage=OperationBuffer, data=read_data_file(self.path))
            _load_state(db, self.path)
            journal = db.table("journal")
            entries = journal.all()
            if not entries:
                return None
            last = max(entries, key=lambda doc: doc.doc_id)
            for table, records in last["before"].items():
                for key, record in records.items():
                    _put(db, table, key, record)
            journal.remove(doc_ids=[last.doc_id])
            FileStorage(self.path).write(db.storage.data)
            return last["summary"]
