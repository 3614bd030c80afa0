"""Safe storage on TinyDB. The only module that imports tinydb.

The data folder holds `ictrack.json` (open items, recent history, people, care checks, check-ins,
the undo journal), one `archive-YEAR.json` per year of settled history, and `backups/`. Every
change is one whole operation: take an exclusive lock (`ictrack.lock`), read the file by path,
apply the change in memory, then write a temp file in the same folder, fsync it and `os.replace`
it over the data file, so a reader or a crash only ever sees the old file or the new one. Reads
take no lock for the same reason. Each change journals the records it replaced, which is what
`undo` restores.

Settled items (closed more than `archive_days` ago, thanked if they were owed thanks), and care
checks and check-ins as old, move to the archive inside an ordinary write. A care check in the
current unbroken run of days stays, and so does each person's latest check-in, so the streak and
"check-in due" are counted from the data file alone. The archive is written first, then the data
file, so a crash between the two leaves a record in both, never in neither; the data file's copy
wins on reading, and the next write finishes the move.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import stat as modes
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from ictrack.errors import NotFound, StorageProblem
from ictrack.model import CareCheck, CheckIn, Item, Person, owes_thanks, stamp

SCHEMA = 3
DATA_FILE = "ictrack.json"
LOCK_FILE = "ictrack.lock"
BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 7
JOURNAL_LIMIT = 100
DEFAULT_LOCK_TIMEOUT = 5.0


class Damaged(Exception):
    """A file that can't be used as it is; the message says what is wrong with it."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """json's object hook: a key given twice (two items with one ID) is damage, not last-one-wins."""
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        raise Damaged(f"holds the same key twice ({', '.join(repeated[:3])})")
    return result


def parse_data(raw: bytes) -> dict:
    """The tables in a data or archive file; Damaged if it is not one."""
    if not raw.strip():
        raise Damaged("is empty")
    try:
        data = json.loads(raw, object_pairs_hook=_unique_keys)
    except (ValueError, UnicodeDecodeError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise Damaged(f"is not valid JSON{where}") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise Damaged("is not an ictrack data file")
    for key, record in data.get("items", {}).items():
        if record.get("id") != (int(key) if key.isdigit() else key):
            raise Damaged(f"holds item {key} under the ID {record.get('id')!r}")
    return data


def read_data_file(path: Path) -> dict | None:
    """The file's tables, or None when it does not exist yet; Damaged if it can't be used."""
    if path.is_symlink():
        raise Damaged("is a symbolic link; ictrack writes by replacing the file, which would break the link")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Damaged(f"can't be read: {error.strerror}") from None
    return parse_data(raw)


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
        raise StorageProblem(f"can't write {path}: {error.strerror}; nothing was changed.") from None


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
                 checkins: dict[str, CheckIn], archived: Callable[[int], Item | None] | None = None,
                 next_id: int | None = None):  # fmt: skip
        self.items = items
        self.people = people
        self.care = care
        self.checkins = checkins
        self._next_id = next_id
        self._archived = archived  # looks up one item in the archives, read only when it is asked for

    @property
    def next_id(self) -> int | None:
        """The ID the next new item gets: IDs are never reused."""
        return self._next_id

    def item(self, item_id: int) -> Item:
        """The item with this ID, from the data file or, if it has been archived, from its archive."""
        found = self.items.get(item_id) or (self._archived(item_id) if self._archived else None)
        if found is None:
            raise NotFound(f"there is no item {item_id}; `ictrack list --all` shows every item.")
        return found


class Change(State):
    """An operation in progress under the lock. Save what you change; the store does the rest."""

    def __init__(self, tables: dict[str, dict], next_id: int, archived: Callable[[int], Item | None] | None = None):
        super().__init__(**tables, archived=archived, next_id=next_id)
        self.summary = ""  # what `undo` will say it undid
        self.saved: dict[str, dict] = {name: {} for name in TABLES}

    def new_id(self) -> int:
        item_id, self._next_id = self._next_id, self._next_id + 1
        return item_id

    def _save(self, table: str, key, record) -> None:
        getattr(self, table)[key] = self.saved[table][key] = record

    def save_item(self, item: Item) -> None:
        self._save("items", item.id, item)
        self._next_id = max(self._next_id, item.id + 1)

    def keep_ids_from(self, next_id: int) -> None:
        """New items get IDs from `next_id` on (or later): for an import that brings its own."""
        self._next_id = max(self._next_id, next_id)

    def save_person(self, person: Person) -> None:
        self._save("people", person.handle, person)

    def save_care(self, care: CareCheck) -> None:
        self._save("care", care.day, care)

    def save_checkin(self, checkin: CheckIn) -> None:
        self._save("checkins", checkin.uuid, checkin)


def _migrate_1_to_2(data: dict) -> None:
    """Schema 2 lists the archive files, so a missing one is noticed rather than read as no history."""
    meta = data.setdefault("meta", {}).setdefault("1", {})
    meta.setdefault("archives", [])


def _migrate_2_to_3(data: dict) -> None:
    """Schema 3 items may repeat (`recur`). Nothing to convert: the number is raised so that an
    ictrack that reads only schema 2, and would drop `recur` on its next write, refuses the file."""


# MIGRATIONS[n] turns a schema-n file into a schema n+1 one, in place; they run in order.
MIGRATIONS: dict[int, Callable[[dict], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def schema_of(data: dict | None) -> int:
    if not data:
        return SCHEMA
    schema = data.get("meta", {}).get("1", {}).get("schema", 1)
    if not isinstance(schema, int) or schema < 1:
        raise Damaged(f"has a schema number that makes no sense ({schema!r})")
    return schema


def migrate(data: dict | None, path: Path) -> bool:
    """Bring `data` up to SCHEMA in place; whether anything changed. A newer file is refused."""
    schema = schema_of(data)
    if schema > SCHEMA:
        raise StorageProblem(
            f"the data file {path} was written by a newer ictrack (schema {schema}; this one reads up to "
            f"{SCHEMA}); upgrade ictrack to use it. Nothing was changed."
        )
    for version in range(schema, SCHEMA):
        MIGRATIONS[version](data)
    if schema < SCHEMA:
        data["meta"]["1"]["schema"] = SCHEMA
    return schema < SCHEMA


def _load_state(db: TinyDB) -> tuple[dict[str, dict], int]:
    """Model objects for every table; Damaged if a record can't be read."""
    meta = db.table("meta").get(doc_id=1) or {}
    tables = {}
    try:
        for name, field in TABLES.items():
            model = _MODELS[name]
            documents = db.table(name).all()
            tables[name] = {doc.doc_id if field is None else doc[field]: model.from_record(doc) for doc in documents}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Damaged("holds a damaged record") from None
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


def _archive_year(path: Path) -> int | None:
    name = path.name
    if name.startswith("archive-") and name.endswith(".json") and name[8:-5].isdigit():
        return int(name[8:-5])
    return None


def _settled(record: dict, before: datetime) -> bool:
    """Closed before `before`, and not still owed a thank-you: history that can leave the data file.

    Read from the raw record: this runs over every live item on every write.
    """
    if record["status"] == "open" or not record.get("done_at"):
        return False
    if owes_thanks(record["kind"], record["status"], record.get("thanked_at")):
        return False
    return datetime.fromisoformat(record["done_at"]) < before


def _care_to_archive(care: list[dict], before: datetime) -> list[dict]:
    """Care checks from before `before`, except the unbroken run of days that ends at the newest one,
    which stays whole so the current streak can be counted from the data file alone."""
    days = sorted((record["day"] for record in care), reverse=True)
    run = set(days[:1])
    for newer, older in pairwise(days):
        if (date.fromisoformat(newer) - date.fromisoformat(older)).days != 1:
            break
        run.add(older)
    cutoff = before.date().isoformat()
    return [record for record in care if record["day"] < cutoff and record["day"] not in run]


def _checkins_to_archive(checkins: list[dict], before: datetime) -> list[dict]:
    """Check-ins from before `before`, except each person's latest, which says when a check-in is due."""
    latest: dict[str, dict] = {}
    for record in checkins:
        held = latest.get(record["person"])
        if held is None or datetime.fromisoformat(record["at"]) > datetime.fromisoformat(held["at"]):
            latest[record["person"]] = record
    kept = {id(record) for record in latest.values()}
    return [record for record in checkins
            if id(record) not in kept and datetime.fromisoformat(record["at"]) < before]  # fmt: skip


def _year_of(table: str, record: dict) -> int:
    """The archive a settled record goes to: the year it was closed, checked or held."""
    if table == "care":
        return int(record["day"][:4])
    return datetime.fromisoformat(record["done_at" if table == "items" else "at"]).year


# The tables whose old records move to the archives.
ARCHIVED = ("items", "care", "checkins")


class Store:
    """The data folder: the data file, its archives and backups, one operation at a time."""

    def __init__(self, home: Path, lock_timeout: float | None = None):
        self.home = Path(home)
        self.path = self.home / DATA_FILE
        self.lock_path = self.home / LOCK_FILE
        self.backup_folder = self.home / BACKUP_FOLDER
        self.lock_timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self.notices: list[str] = []  # things worth telling the user that are not errors

    def stamp(self) -> tuple[int, int, int] | None:
        """What identifies the data file's current version (a write replaces it); None if there is none."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def archive_path(self, year: int) -> Path:
        return self.home / f"archive-{year}.json"

    # -- reading -------------------------------------------------------------

    def _read(self, path: Path) -> dict | None:
        """A file's tables (None if it does not exist); a damaged one is a StorageProblem saying what to do."""
        try:
            return read_data_file(path)
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None

    def _damage_message(self, path: Path, damage: str) -> str:
        good = self.newest_good_backup()
        way_on = (f"the newest good backup is {good}; `ictrack doctor --restore` puts it back." if good
                  else "there is no good backup; `ictrack doctor` says more.")  # fmt: skip
        return f"{path} {damage}; nothing was changed. {way_on[0].upper()}{way_on[1:]}"

    def _state(self, data: dict | None, path: Path) -> tuple[dict[str, dict], int]:
        try:
            return _load_state(TinyDB(storage=OperationBuffer, data=data))
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None

    def _live(self) -> tuple[dict | None, bool]:
        """The data file's tables brought up to SCHEMA in memory, and whether that took a migration."""
        data = self._read(self.path)
        try:
            return data, migrate(data, self.path)
        except Damaged as damage:
            raise StorageProblem(self._damage_message(self.path, str(damage))) from None

    def _archive_years(self, data: dict | None) -> tuple[list[int], list[int]]:
        """(years the data file lists, every year to read: those and any archive a cut-short move left unlisted)."""
        listed = (data or {}).get("meta", {}).get("1", {}).get("archives", [])
        on_disk = {year for path in self.home.glob("archive-*.json") if (year := _archive_year(path))}
        return listed, sorted(set(listed) | on_disk)

    def _archived(self, data: dict | None) -> dict[str, dict]:
        """Every archived record, by table (items, care, check-ins)."""
        tables: dict[str, dict] = {table: {} for table in ARCHIVED}
        for year in self._archive_years(data)[1]:
            path = self.archive_path(year)
            archive = self._read(path)
            if archive is None:
                raise StorageProblem(f"the archive {path} is missing; nothing was changed. `ictrack doctor` says more.")
            held = self._state(archive, path)[0]
            for table in ARCHIVED:
                tables[table].update(held[table])
        return tables

    def _archived_item(self, data: dict | None, item_id: int) -> Item | None:
        """One item from the archives (reads them all: only for an ID the data file does not hold)."""
        return self._archived(data)["items"].get(item_id)

    def load(self, *, history: bool = False) -> State:
        """A consistent snapshot, without the lock: writes replace files whole.

        Only the data file by default; with `history`, archived items, care checks and check-ins too
        (the data file's copy wins).
        """
        data, _ = self._live()  # a migration stays in memory: reading never writes
        tables, next_id = self._state(data, self.path)
        if history:
            for table, records in self._archived(data).items():
                tables[table] = {**records, **tables[table]}
            return State(**tables, next_id=max(next_id, max(tables["items"], default=0) + 1))
        return State(**tables, archived=lambda item_id: self._archived_item(data, item_id), next_id=next_id)

    # -- writing -------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._keep_private()
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

    def _keep_private(self) -> None:
        """Notes about colleagues are private: a folder others can read is tightened to 0700."""
        mode = modes.S_IMODE(os.stat(self.home).st_mode)
        if mode & 0o077:
            os.chmod(self.home, 0o700)
            self.notices.append(f"the data folder {self.home} was open to others ({mode:04o}); it is now 0700.")

    @contextmanager
    def change(self, summary: str, now: datetime, *, archive_before: datetime | None = None) -> Iterator[Change]:
        """Run one read-modify-write under the lock; commit and journal it if nothing raised.

        With `archive_before`, items settled before then move to the yearly archives in the same write.
        """
        with self._locked():
            data, migrated = self._live()  # a migration is stored by this write, after a backup
            buffer_db = TinyDB(storage=OperationBuffer, data=data)
            tables, next_id = self._state(data, self.path)
            fetched: dict[str, dict] = {}  # "items:ID" taken from an archive: what undo must put back for them

            def from_archive(item_id: int) -> Item | None:
                item = self._archived_item(data, item_id)
                if item is not None:
                    fetched[f"items:{item_id}"] = item.to_record()
                return item

            change = Change(tables, next_id, archived=from_archive)
            change.summary = summary
            yield change
            if not any(change.saved.values()) and not migrated:
                return
            # the buffer still holds the records as read, which are what undo must put back
            before = {
                table: {
                    str(key): _plain(_find(buffer_db, table, key)) or fetched.get(f"{table}:{key}") for key in saved
                }
                for table, saved in change.saved.items()
                if saved
            }
            for table, saved in change.saved.items():
                for key, record in saved.items():
                    _put(buffer_db, table, key, record.to_record())
            meta = buffer_db.table("meta").get(doc_id=1) or {}
            archives = sorted(meta.get("archives", []))
            settled = self._settled(buffer_db, archive_before) if archive_before is not None else {}
            if data is not None and (migrated or settled or self._backup_due(now)):
                self._backup(now, "before-upgrade" if migrated else "before-archiving" if settled else "daily")
            if settled:
                archives = self._archive(settled, archives)
                for table, records in settled.items():
                    for key in records:
                        _put(buffer_db, table, key, None)
            buffer_db.table("meta").upsert(
                Document({"schema": SCHEMA, "next_id": change.next_id, "archives": archives}, doc_id=1)
            )
            if any(change.saved.values()):
                journal = buffer_db.table("journal")
                journal.insert({"summary": change.summary, "at": stamp(now), "before": before})
                surplus = sorted(doc.doc_id for doc in journal.all())[:-JOURNAL_LIMIT]
                if surplus:
                    journal.remove(doc_ids=surplus)
            FileStorage(self.path).write(buffer_db.storage.data)

    @staticmethod
    def _settled(db: TinyDB, before: datetime) -> dict[str, dict]:
        """What can leave the data file, by table and key: settled items, old care checks and check-ins."""
        items = {doc.doc_id: dict(doc) for doc in db.table("items").all() if _settled(doc, before)}
        care = {record["day"]: dict(record) for record in _care_to_archive(db.table("care").all(), before)}
        checkins = {record["uuid"]: dict(record)
                    for record in _checkins_to_archive(db.table("checkins").all(), before)}  # fmt: skip
        settled = {"items": items, "care": care, "checkins": checkins}
        return {table: records for table, records in settled.items() if records}

    def _archive(self, settled: dict[str, dict], archives: list[int]) -> list[int]:
        """Add settled records to their year's archive (written before the data file lets them go)."""
        by_year: dict[int, dict[str, dict]] = {}
        for table, records in settled.items():
            for key, record in records.items():
                by_year.setdefault(_year_of(table, record), {}).setdefault(table, {})[key] = record
        for year, tables in sorted(by_year.items()):
            path = self.archive_path(year)
            db = TinyDB(storage=OperationBuffer, data=self._read(path))
            self._state(db.storage.data, path)  # an archive is checked like the data file before it grows
            for table, records in tables.items():
                for key, record in records.items():
                    _put(db, table, key, record)
            db.table("meta").upsert(Document({"schema": SCHEMA, "year": year}, doc_id=1))
            FileStorage(path).write(db.storage.data)
        return sorted(set(archives) | set(by_year))

    def undo(self) -> str | None:
        """Put back the records the last change replaced; the summary of what was undone, or None.

        A record archived since is taken out of its archive, so it is in one place only.
        """
        with self._locked():
            data, _ = self._live()
            db = TinyDB(storage=OperationBuffer, data=data)
            self._state(data, self.path)
            journal = db.table("journal")
            entries = journal.all()
            if not entries:
                return None
            last = max(entries, key=lambda doc: doc.doc_id)
            for table, records in last["before"].items():
                for key, record in records.items():
                    _put(db, table, key, record)
            restored = {table: set(last["before"][table]) for table in ARCHIVED if last["before"].get(table)}
            for year in self._archive_years(data)[1] if restored else []:
                path = self.archive_path(year)
                archive = TinyDB(storage=OperationBuffer, data=self._read(path))
                held = [(table, key) for table, keys in restored.items() for key in keys if _find(archive, table, key)]
                for table, key in held:
                    _put(archive, table, key, None)
                if held:
                    FileStorage(path).write(archive.storage.data)
            journal.remove(doc_ids=[last.doc_id])
            FileStorage(self.path).write(db.storage.data)
            return last["summary"]

    # -- backups and repair --------------------------------------------------

    def backups(self) -> list[Path]:
        """Backup folders, newest first."""
        try:
            return sorted((path for path in self.backup_folder.iterdir() if path.is_dir()), reverse=True)
        except OSError:
            return []

    def _backup_due(self, now: datetime) -> bool:
        """Whether today has no backup yet (names start with the local date they were taken)."""
        newest = self.backups()[:1]
        return not newest or newest[0].name[:10] < now.date().isoformat()

    def _backup(self, now: datetime, reason: str) -> Path:
        """Copy the data file and archives, as they are before this write; keep the newest few."""
        name = f"{now:%Y-%m-%dT%H%M%S}-{reason}"
        folder, count = self.backup_folder / name, 1
        while folder.exists():
            count += 1
            folder = self.backup_folder / f"{name}-{count}"
        try:
            folder.mkdir(mode=0o700, parents=True)
            for path in [self.path, *sorted(self.home.glob("archive-*.json"))]:
                if path.exists():
                    shutil.copy2(path, folder / path.name)
            for old in self.backups()[BACKUPS_KEPT:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as error:
            raise StorageProblem(f"can't write the backup {folder}: {error.strerror}; nothing was changed.") from None
        return folder

    def _good(self, folder: Path) -> bool:
        try:
            data = read_data_file(folder / DATA_FILE)
            if data is None or schema_of(data) > SCHEMA:
                return False
            _load_state(TinyDB(storage=OperationBuffer, data=data))
        except Damaged:
            return False
        return True

    def newest_good_backup(self) -> Path | None:
        return next((folder for folder in self.backups() if self._good(folder)), None)

    def checkup(self) -> tuple[list[str], list[str]]:
        """(problems, facts) about every file: JSON, schema, unique IDs, references to people."""
        problems, facts = [], []
        try:
            data = read_data_file(self.path)
        except Damaged as damage:
            return [f"{self.path} {damage}."], facts
        if data is None:
            return [], [f"{self.path} does not exist yet: nothing stored."]
        schema = schema_of(data)
        if schema > SCHEMA:
            return [f"{self.path} was written by a newer ictrack (schema {schema})."], facts
        if schema < SCHEMA:
            facts.append(f"{self.path} has schema {schema}; the next change upgrades it to {SCHEMA}.")
            migrate(data, self.path)
        try:
            tables, next_id = _load_state(TinyDB(storage=OperationBuffer, data=data))
        except Damaged as damage:
            return [f"{self.path} {damage}."], facts
        live = tables["items"]
        facts.append(f"{self.path}: {len(live)} items, {len(tables['people'])} people, schema {SCHEMA}.")
        archived: dict[int, str] = {}
        listed, years = self._archive_years(data)
        for year in years:
            path = self.archive_path(year)
            try:
                archive = read_data_file(path)
                if archive is None:
                    problems.append(f"{path} is missing; its items can't be shown.")
                    continue
                held = _load_state(TinyDB(storage=OperationBuffer, data=archive))[0]
            except Damaged as damage:
                problems.append(f"{path} {damage}.")
                continue
            items = held["items"]
            counts = f"{len(items)} items, {len(held['care'])} care checks, {len(held['checkins'])} check-ins."
            facts.append(f"{path}: {counts}" + ("" if year in listed else " (not yet listed in the data file: a move "
                         "cut short; the next change lists it)"))  # fmt: skip
            for item_id in items:
                if item_id in archived:
                    problems.append(f"item {item_id} is in both {archived[item_id]} and {path.name}.")
                archived[item_id] = path.name
        leftovers = sorted(set(live) & set(archived))
        if leftovers:
            facts.append(f"{len(leftovers)} items are in the data file and an archive (a move cut short); "
                         "the data file's copy counts, and the next change finishes the move.")  # fmt: skip
        everyone = tables["people"]
        for item in [*live.values()]:
            if item.person and item.person not in everyone:
                problems.append(f"item {item.id} names @{item.person}, who is not among the people.")
        highest = max([*live, *archived], default=0)
        if next_id <= highest:
            problems.append(f"the next ID ({next_id}) is not above the highest ID in use ({highest}).")
        good = self.newest_good_backup()
        facts.append(f"newest good backup: {good}" if good else "no backup yet (one is taken before the first "
                     "change of each day).")  # fmt: skip
        return problems, facts

    def restore(self, now: datetime) -> tuple[Path, Path | None]:
        """Put back the newest good backup, keeping the current data file aside; (backup, where it was kept)."""
        with self._locked():
            good = self.newest_good_backup()
            if good is None:
                raise StorageProblem(f"there is no good backup in {self.backup_folder}; nothing was changed.")
            kept = None
            if self.path.exists() or self.path.is_symlink():
                kept = self.path.with_name(f"{DATA_FILE}.broken-{now:%Y-%m-%dT%H%M%S}")
                os.replace(self.path, kept)
            for path in sorted(good.glob("*.json")):
                write_atomically(self.home / path.name, path.read_text(encoding="utf-8"))
            return good, kept
