"""Safe storage on TinyDB. The only module that imports tinydb.

The data folder holds `ictrack.json` (open items, recent history, people, care checks, check-ins,
the undo journal), one `archive-YEAR.json` per year of settled history, and `backups/`. Every
change is one whole operation: take an exclusive lock (`ictrack.lock`), read the file by path,
apply the change in memory, then write a temp file in the same folder (created exclusively, under
a random name, never through a link), fsync it and `os.replace` it over the data file, so a reader
or a crash only ever sees the old file or the new one. Reads take no lock for the same reason.
Each change journals the records it replaced, which is what `undo` restores.

Settled items (closed more than `archive_days` ago, thanked if they were owed thanks), and care
checks and check-ins as old, move to the archive inside an ordinary write. A care check in the
current unbroken run of days stays, and so does each person's latest check-in, so the streak and
"check-in due" are counted from the data file alone.

A move between the data file and an archive is written as an intent first: the data file is saved
with the change and a `pending` note of what moves where (the records still in it), then the
archives are written, then the data file again without the records and the note. A crash at any
point leaves every record in the data file, or in both with the data file's copy winning, and the
next write (or `undo`) finishes what the note says before doing anything else. `undo` of a record
archived since brings it back the same way. So no record is ever in neither file, and an archive
never keeps a copy that outlives its record.

Backups are taken before the first change of each day (by the command's clock or a day of real
time, whichever comes first), before an upgrade and before archiving. Each is numbered, so the
newest is the last one taken whatever the clocks said; each is built in a hidden folder and
renamed into place, so a backup cut short is never mistaken for one.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat as modes
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from itertools import count, pairwise
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from ictrack.errors import NotAllowed, NotFound, StorageProblem
from ictrack.model import CareCheck, CheckIn, Item, Person, RecordError, owes_thanks, stamp

SCHEMA = 3
DATA_FILE = "ictrack.json"
LOCK_FILE = "ictrack.lock"
BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 7
JOURNAL_LIMIT = 100
DEFAULT_LOCK_TIMEOUT = 5.0
DAY_SECONDS = 24 * 3600
CLOCK_SLACK = 300  # a backup dated this far ahead of the real clock is from a clock that was wrong


class Damaged(Exception):
    """A file that can't be used as it is; the message says what is wrong with it."""


# -- file primitives: every write in the data folder goes through these ------------------------

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _temp_beside(path: Path) -> Path:
    """A fresh hidden name beside `path`, which nobody can have prepared: it is created exclusively."""
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def _write_new(path: Path, content: bytes) -> None:
    """Create `path` (never an existing file or a link), private, with `content`, flushed to disk."""
    fd = os.open(path, _CREATE, 0o600)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename or a new entry in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing a link (FileNotFoundError if there is none)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        return file.read()


def write_atomically(path: Path, content: bytes | str, *, replace: bool = True) -> None:
    """Put `content` at `path` so that a crash leaves the old file or the new one, never a part; 0600.

    Without `replace`, an existing file is kept and FileExistsError raised (for `-o FILE` without
    --force). Any other failure is an OSError, with nothing left behind.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")  # before touching the disk: bad text must leave nothing behind
    temp = _temp_beside(path)
    try:
        _write_new(temp, content)
        if replace:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
        _sync_folder(path.parent)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _link_new(temp: Path, path: Path) -> None:
    """Give `temp`'s content the name `path` only if nothing has that name yet, in one step."""
    try:
        os.link(temp, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS) or os.path.lexists(path):
            raise
        os.rename(temp, path)  # a file system without hard links: checked just before, which is the best it allows
        return
    os.unlink(temp)


def _remove_folder(folder: Path) -> None:
    """Remove a flat folder (a backup): first renamed out of sight, so a crash never leaves half of one listed."""
    trash = folder.with_name(f".trash-{os.urandom(6).hex()}")
    os.rename(folder, trash)
    _empty_and_remove(trash)


def _empty_and_remove(folder: Path) -> None:
    for entry in os.scandir(folder):
        os.unlink(entry.path)
    os.rmdir(folder)


def _remove_stale_temps(folder: Path) -> None:
    """Temp files a killed writer left behind; only called under the lock, when nobody else is writing."""
    with suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


# -- reading files ------------------------------------------------------------------------------


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
    except RecursionError:
        raise Damaged("is nested far too deeply to be an ictrack file") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise Damaged("is not an ictrack data file")
    for key, record in data.get("items", {}).items():
        if record.get("id") != (int(key) if key.isascii() and key.isdigit() else key):
            raise Damaged(f"holds item {key} under the ID {record.get('id')!r}")
    return data


def read_data_file(path: Path) -> dict | None:
    """The file's tables, or None when it does not exist yet; Damaged if it can't be used."""
    if path.is_symlink():
        raise Damaged("is a symbolic link; ictrack writes by replacing the file, which would break the link")
    try:
        raw = _read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Damaged(f"can't be read: {error.strerror}") from None
    return parse_data(raw)


class FileStorage(Storage):
    """TinyDB storage that opens the data file by path on every call and writes atomically."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> dict | None:
        return read_data_file(self.path)

    def write(self, data: dict) -> None:
        try:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError as error:
            raise StorageProblem(f"can't write {self.path}: {error.strerror}; nothing was changed.") from None


class OperationBuffer(Storage):
    """The file's tables for one operation under the lock: read once, written once at the end."""

    def __init__(self, data: dict | None):
        self.data = data

    def read(self) -> dict | None:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data


# -- records ------------------------------------------------------------------------------------

# Each table of records and the field that names a record in it; items are named by their TinyDB doc_id.
TABLES = {"items": None, "people": "handle", "care": "day", "checkins": "uuid"}
_MODELS = {"items": Item, "people": Person, "care": CareCheck, "checkins": CheckIn}
# The tables whose old records move to the archives.
ARCHIVED = ("items", "care", "checkins")


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

    def __init__(self, tables: dict[str, dict], next_id: int, archived: Callable[[int], Item | None] | None = None,
                 archive_years: Callable[[], list[int]] | None = None):  # fmt: skip
        super().__init__(**tables, archived=archived, next_id=next_id)
        self.summary = ""  # what `undo` will say it undid
        self.saved: dict[str, dict] = {name: {} for name in TABLES}
        self._archive_years = archive_years  # the years with an archive, looked up only when asked

    @property
    def holds_anything(self) -> bool:
        """Whether the folder holds any record at all, in the data file or an archive."""
        archived = self._archive_years() if self._archive_years else []
        return bool(self.items or self.people or self.care or self.checkins or archived)

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
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
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


def _record_problems(data: dict) -> list[str]:
    """Every record in a file's tables that is not the shape ictrack writes, each named."""
    problems = []
    for name, field in TABLES.items():
        seen: dict[object, str] = {}
        uuids: dict[str, int] = {}
        for doc_id, record in data.get(name, {}).items():
            try:
                loaded = _MODELS[name].from_record(record)
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


def _load_state(data: dict | None) -> tuple[dict[str, dict], int]:
    """Model objects for every table; Damaged naming the first record that can't be read."""
    data = data or {}
    tables: dict[str, dict] = {}
    for name, field in TABLES.items():
        model, records = _MODELS[name], {}
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


def _keyed(db: TinyDB, table: str) -> dict[str, Document]:
    """Every record of a table by its key as text, in one pass."""
    field = TABLES.get(table)
    return {str(doc.doc_id) if field is None else str(doc[field]): doc for doc in db.table(table).all()}


def _put_all(db: TinyDB, table: str, records: dict[str, dict | None], held: dict[str, Document] | None = None) -> None:
    """Write many records of one table at once (None removes one): two table writes, whatever their number."""
    if not records:
        return
    documents, field = db.table(table), TABLES[table]
    held = _keyed(db, table) if held is None else held
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


def _meta(db: TinyDB) -> dict:
    return dict(db.table("meta").get(doc_id=1) or {})


def _set_meta(db: TinyDB, meta: dict) -> None:
    table = db.table("meta")
    if table.contains(doc_id=1):
        table.remove(doc_ids=[1])
    table.insert(Document(meta, doc_id=1))


def _archive_year(path: Path) -> int | None:
    name = path.name
    if name.startswith("archive-") and name.endswith(".json") and name[8:-5].isascii() and name[8:-5].isdigit():
        return int(name[8:-5])
    return None


def _closed_for_good(record: dict) -> bool:
    """Closed, and not still owed a thank-you: nothing left to do for it."""
    if record["status"] == "open" or not record.get("done_at"):
        return False
    return not owes_thanks(record["kind"], record["status"], record.get("thanked_at"))


def _settled(record: dict, before: datetime) -> bool:
    """Closed for good before `before`: history that can leave the data file.

    Read from the raw record: this runs over every live item on every write.
    """
    return _closed_for_good(record) and datetime.fromisoformat(record["done_at"]) < before


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


_BACKUP_NAME = re.compile(r"^(\d+)-(\d{4}-\d{2}-\d{2})T\d{6}-[a-z-]+(?:-\d+)?$")
_OLD_BACKUP_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{6}-[a-z-]+(?:-\d+)?$")  # before backups were numbered


def _backup_order(folder: Path) -> tuple[int, int, str]:
    """Sort key, oldest first: numbered backups by number, after the unnumbered ones an older ictrack made."""
    numbered = _BACKUP_NAME.match(folder.name)
    return (1, int(numbered[1]), "") if numbered else (0, 0, folder.name)


def _backup_day(folder: Path) -> str | None:
    """The date (by the clock of the command that took it) in a backup's name."""
    match = _BACKUP_NAME.match(folder.name) or _OLD_BACKUP_NAME.match(folder.name)
    return match[match.lastindex] if match else None


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
            return _load_state(data)
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None

    def _had_data(self) -> bool:
        """Whether the folder has held data: an archive or a backup is there."""
        return bool(self._archive_years(None)[1] or self.backups())

    def _live(self) -> tuple[dict | None, bool]:
        """The data file's tables brought up to SCHEMA in memory, and whether that took a migration.

        A missing data file beside archives or backups is damage, not a fresh start: starting again
        at ID 1 would overwrite archived items.
        """
        data = self._read(self.path)
        if data is None and self._had_data():
            raise StorageProblem(self._damage_message(self.path, "is missing, but archives or backups of it are there"))
        try:
            return data, migrate(data, self.path)
        except Damaged as damage:
            raise StorageProblem(self._damage_message(self.path, str(damage))) from None

    def _archive_years(self, data: dict | None) -> tuple[list[int], list[int]]:
        """(years the data file lists, every year to read: those and any archive a cut-short move left unlisted)."""
        listed = (data or {}).get("meta", {}).get("1", {}).get("archives", [])
        try:
            on_disk = {year for entry in os.scandir(self.home) if (year := _archive_year(Path(entry.name)))}
        except OSError:
            on_disk = set()
        return listed, sorted(set(listed) | on_disk)

    def _archived(self, data: dict | None) -> dict[str, dict]:
        """Every archived record, by table (items, care, check-ins)."""
        tables: dict[str, dict] = {table: {} for table in ARCHIVED}
        for year in self._archive_years(data)[1]:
            path = self.archive_path(year)
            archive = self._read(path)
            if archive is None:
                raise StorageProblem(self._damage_message(path, "is missing"))
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
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
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
            _remove_stale_temps(self.home)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _keep_private(self) -> None:
        """Notes about colleagues are private: a folder others can read is tightened to 0700."""
        mode = modes.S_IMODE(os.stat(self.home).st_mode)
        if mode & 0o077:
            os.chmod(self.home, 0o700)
            self.notices.append(f"the data folder {self.home} was open to others ({mode:04o}); it is now 0700.")

    def _finish_moves(self, db: TinyDB) -> bool:
        """Carry out the moves the data file notes as pending (see the module's notes); whether there were any.

        Archives are written here; the data file in `db` loses the records that went to them, and the
        note, and is written by the caller.
        """
        meta = _meta(db)
        pending = meta.pop("pending", None)
        if not pending:
            return False
        archives = set(meta.get("archives", []))
        for year_text, moves in sorted(pending.items()):
            year = int(year_text)
            path = self.archive_path(year)
            archive = TinyDB(storage=OperationBuffer, data=self._read(path))
            self._state(archive.storage.data, path)  # an archive is checked like the data file before it changes
            for table, keys in moves.get("out", {}).items():
                live = _keyed(db, table)
                _put_all(archive, table, {key: dict(live[key]) for key in keys if key in live})
            for table, keys in moves.get("back", {}).items():
                held = _keyed(archive, table)
                _put_all(archive, table, {key: None for key in keys if key in held}, held)
            _set_meta(archive, {"schema": SCHEMA, "year": year})
            FileStorage(path).write(archive.storage.data)
            archives.add(year)
        for moves in pending.values():
            for table, keys in moves.get("out", {}).items():
                _put_all(db, table, dict.fromkeys(keys))
        meta["archives"] = sorted(archives)
        _set_meta(db, meta)
        return True

    def _move(self, db: TinyDB, pending: dict) -> None:
        """Note a move in the data file and write it, then carry it out (see the module's notes)."""
        _set_meta(db, {**_meta(db), "pending": pending})
        FileStorage(self.path).write(db.storage.data)
        self._finish_moves(db)

    @contextmanager
    def change(self, summary: str, now: datetime, *, archive_before: datetime | None = None) -> Iterator[Change]:
        """Run one read-modify-write under the lock; commit and journal it if nothing raised.

        With `archive_before`, records settled before then move to the yearly archives in the same operation.
        """
        with self._locked():
            data, migrated = self._live()  # a migration is stored by this write, after a backup
            db = TinyDB(storage=OperationBuffer, data=data)
            finished = self._finish_moves(db)
            tables, next_id = self._state(db.storage.data, self.path)
            fetched: dict[str, dict] = {}  # items taken from an archive: what undo must put back for them

            def from_archive(item_id: int) -> Item | None:
                item = self._archived_item(data, item_id)
                if item is not None:
                    fetched[str(item_id)] = item.to_record()
                return item

            change = Change(
                tables, next_id, archived=from_archive, archive_years=lambda: self._archive_years(db.storage.data)[1]
            )
            change.summary = summary
            yield change
            saved = {table: records for table, records in change.saved.items() if records}
            if not saved and not migrated and not finished:
                return
            before: dict[str, dict] = {}
            for table, records in saved.items():
                held = _keyed(db, table)
                written = {str(key): record.to_record() for key, record in records.items()}
                before[table] = {
                    key: dict(held[key]) if key in held else fetched.get(key) if table == "items" else None
                    for key in written
                }
                _put_all(db, table, written, held)
            settled = self._settled(db, archive_before) if archive_before is not None else {}
            if data is not None and (migrated or settled or self._backup_due(now)):
                self._backup(now, "before-upgrade" if migrated else "before-archiving" if settled else "daily")
            meta = _meta(db)
            meta.update(schema=SCHEMA, next_id=change.next_id, archives=meta.get("archives", []))
            _set_meta(db, meta)
            if saved:
                journal = db.table("journal")
                journal.insert({"summary": change.summary, "at": stamp(now), "before": before})
                surplus = sorted(doc.doc_id for doc in journal.all())[:-JOURNAL_LIMIT]
                if surplus:
                    journal.remove(doc_ids=surplus)
            if settled:
                pending: dict[str, dict] = {}
                for table, records in settled.items():
                    for key, record in records.items():
                        out = pending.setdefault(str(_year_of(table, record)), {}).setdefault("out", {})
                        out.setdefault(table, []).append(key)
                self._move(db, pending)
            FileStorage(self.path).write(db.storage.data)

    @staticmethod
    def _settled(db: TinyDB, before: datetime) -> dict[str, dict]:
        """What can leave the data file, by table and key: settled items, old care checks and check-ins."""
        items = {str(doc.doc_id): dict(doc) for doc in db.table("items").all() if _settled(doc, before)}
        care = {record["day"]: dict(record) for record in _care_to_archive(db.table("care").all(), before)}
        checkins = {record["uuid"]: dict(record)
                    for record in _checkins_to_archive(db.table("checkins").all(), before)}  # fmt: skip
        settled = {"items": items, "care": care, "checkins": checkins}
        return {table: records for table, records in settled.items() if records}

    def undo(self, now: datetime | None = None) -> str | None:
        """Put back the records the last change replaced; the summary of what was undone, or None.

        A record archived since is taken out of its archive, so it is in one place only.
        """
        now = now or datetime.now().astimezone()
        with self._locked():
            data, migrated = self._live()
            db = TinyDB(storage=OperationBuffer, data=data)
            finished = self._finish_moves(db)
            self._state(db.storage.data, self.path)
            journal = db.table("journal")
            entries = journal.all()
            if not entries:
                if finished:
                    FileStorage(self.path).write(db.storage.data)
                return None
            if migrated or self._backup_due(now):
                self._backup(now, "before-upgrade" if migrated else "daily")
            if migrated:
                _set_meta(db, {**_meta(db), "schema": SCHEMA})
            last = max(entries, key=lambda doc: doc.doc_id)
            for table, records in last["before"].items():
                _put_all(db, table, records)
            journal.remove(doc_ids=[last.doc_id])
            restored = {table: set(last["before"][table]) for table in ARCHIVED if last["before"].get(table)}
            pending: dict[str, dict] = {}
            for year in self._archive_years(db.storage.data)[1] if restored else []:
                path = self.archive_path(year)
                archive = TinyDB(storage=OperationBuffer, data=self._read(path))
                for table, keys in restored.items():
                    held = [key for key in _keyed(archive, table) if key in keys]
                    if held:
                        pending.setdefault(str(year), {}).setdefault("back", {})[table] = held
            if pending:
                self._move(db, pending)
            FileStorage(self.path).write(db.storage.data)
            return last["summary"]

    # -- backups -------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backup folders, newest first (by the order they were taken, whatever the clocks said)."""
        try:
            folders = [Path(entry.path) for entry in os.scandir(self.backup_folder)
                       if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)]  # fmt: skip
        except OSError:
            return []
        return sorted(folders, key=_backup_order, reverse=True)

    def _backup_due(self, now: datetime) -> bool:
        """Whether a backup is due: the newest is from another day by `now`, or not from the last day of real time."""
        newest = self.backups()[:1]
        if not newest:
            return True
        if _backup_day(newest[0]) != now.date().isoformat():
            return True
        try:
            age = clock.time() - os.lstat(newest[0]).st_mtime
        except OSError:
            return True
        return not -CLOCK_SLACK <= age < DAY_SECONDS

    def _backup_root(self) -> None:
        """The backups folder, private and real: a link there would send copies of the data elsewhere."""
        try:
            os.mkdir(self.backup_folder, 0o700)
        except FileExistsError:
            info = os.lstat(self.backup_folder)
            if modes.S_ISLNK(info.st_mode) or not modes.S_ISDIR(info.st_mode):
                raise StorageProblem(
                    f"{self.backup_folder} is not a folder of its own (a link or a file); ictrack keeps its backups "
                    "in a private folder there. Move it away and try again; nothing was changed."
                ) from None
            if modes.S_IMODE(info.st_mode) & 0o077:
                os.chmod(self.backup_folder, 0o700)
        for entry in os.scandir(self.backup_folder):
            if entry.name.startswith((".new-", ".trash-")) and entry.is_dir(follow_symlinks=False):
                _empty_and_remove(Path(entry.path))  # a backup or a removal a crash cut short

    def _backup(self, now: datetime, reason: str) -> Path:
        """Copy the data file and archives, as they are before this write; keep the newest few."""
        try:
            self._backup_root()
            taken = self.backups()
            number = max((_backup_order(folder)[1] for folder in taken), default=0) + 1
            folder = self.backup_folder / f"{number:05d}-{now:%Y-%m-%dT%H%M%S}-{reason}"
            building = self.backup_folder / f".new-{os.urandom(6).hex()}"
            os.mkdir(building, 0o700)
            try:
                for path in [self.path, *(self.archive_path(year) for year in self._archive_years(None)[1])]:
                    try:
                        _write_new(building / path.name, _read_bytes(path))
                    except FileNotFoundError:
                        continue
                _sync_folder(building)
                os.rename(building, folder)
            except OSError:
                with suppress(OSError):
                    _empty_and_remove(building)  # nothing half-made stays; the next change tries again
                raise
            _sync_folder(self.backup_folder)
            for old in [folder, *taken][BACKUPS_KEPT:]:
                _remove_folder(old)
        except OSError as error:
            raise StorageProblem(
                f"can't write a backup in {self.backup_folder}: {error.strerror}; nothing was changed."
            ) from None
        return folder

    def _good(self, folder: Path, name: str = DATA_FILE) -> dict | None:
        """The tables of `name` in a backup, if it is there and sound."""
        try:
            data = read_data_file(folder / name)
            if data is None or schema_of(data) > SCHEMA:
                return None
            _load_state(data)
        except Damaged:
            return None
        return data

    def newest_good_backup(self) -> Path | None:
        return next((folder for folder in self.backups() if self._good(folder) is not None), None)

    # -- health and repair ---------------------------------------------------

    def _examine(self) -> tuple[dict[Path, str], dict[Path, dict]]:
        """(what is damaged and why, by file; the tables of every file that could be parsed, sound or not).

        The data file's tables are brought up to SCHEMA in memory, unless it is from a newer ictrack.
        """
        damaged: dict[Path, str] = {}
        parsed: dict[Path, dict] = {}
        try:
            data = read_data_file(self.path)
            if data is None:
                if self._had_data():
                    damaged[self.path] = "is missing, but archives or backups of it are there"
            else:
                parsed[self.path] = data
                if schema_of(data) <= SCHEMA:
                    migrate(data, self.path)
                    _load_state(data)
        except Damaged as damage:
            damaged[self.path] = str(damage)
        for year in self._archive_years(parsed.get(self.path))[1]:
            path = self.archive_path(year)
            try:
                archive = read_data_file(path)
                if archive is None:
                    damaged[path] = "is missing"
                    continue
                parsed[path] = archive
                _load_state(archive)
            except Damaged as damage:
                damaged[path] = str(damage)
        return damaged, parsed

    def checkup(self) -> tuple[list[str], list[str]]:
        """(problems, facts) about every file: JSON, schema, every record's shape, unique IDs, references."""
        problems, facts = [], []
        damaged, parsed = self._examine()
        for path, why in damaged.items():
            named = _record_problems(parsed[path]) if path in parsed else []
            problems += [f"{path}: {problem}." for problem in named] or [f"{path} {why}."]
        data = parsed.get(self.path) if self.path not in damaged else None
        if data is not None and schema_of(data) > SCHEMA:
            problems.append(f"{self.path} was written by a newer ictrack (schema {schema_of(data)}); upgrade ictrack.")
            data = None
        if self.path not in parsed and self.path not in damaged:
            facts.append(f"{self.path} does not exist yet: nothing stored.")
        live, next_id = _load_state(data) if data is not None else (None, 0)
        if live is not None:
            facts.append(f"{self.path}: {len(live['items'])} items, {len(live['people'])} people, schema {SCHEMA}.")
            if data.get("meta", {}).get("1", {}).get("pending"):
                facts.append("a move to or from an archive was cut short; the next change finishes it.")
        listed = self._archive_years(data)[0]
        archived: dict[int, str] = {}
        uuids = {item.uuid: item.id for item in live["items"].values()} if live else {}
        for path, archive in parsed.items():
            if path == self.path or path in damaged:
                continue
            held = _load_state(archive)[0]
            counts = f"{len(held['items'])} items, {len(held['care'])} care checks, {len(held['checkins'])} check-ins."
            unlisted = "" if _archive_year(path) in listed or live is None else (
                " (not yet listed in the data file: a move cut short; the next change lists it)")  # fmt: skip
            facts.append(f"{path}: {counts}{unlisted}")
            for item_id, item in held["items"].items():
                if item_id in archived:
                    problems.append(f"item {item_id} is in both {archived[item_id]} and {path.name}.")
                archived[item_id] = path.name
                if uuids.setdefault(item.uuid, item_id) != item_id:
                    problems.append(f"items {uuids[item.uuid]} and {item_id} share the uuid {item.uuid!r}.")
        if live is not None:
            leftovers = sorted(set(live["items"]) & set(archived))
            if leftovers:
                facts.append(f"{len(leftovers)} items are in the data file and an archive (a move cut short); "
                             "the data file's copy counts, and the next change finishes the move.")  # fmt: skip
            for item in live["items"].values():
                if item.person and item.person not in live["people"]:
                    problems.append(f"item {item.id} names @{item.person}, who is not among the people.")
            highest = max([*live["items"], *archived], default=0)
            if next_id <= highest:
                problems.append(f"the next ID ({next_id}) is not above the highest ID in use ({highest}).")
        good = self.newest_good_backup()
        facts.append(f"newest good backup: {good}" if good else "no backup yet (one is taken before the first "
                     "change of each day).")  # fmt: skip
        return problems, facts

    def restore(self, now: datetime) -> list[str]:
        """Repair what is damaged, and only that, from the backups; one line for each file repaired.

        The data file comes back from the newest backup that holds a sound one, with its next ID raised
        above every archived item. An archive is rebuilt from the newest sound copy in a backup, plus the
        settled records of its year that the newest backup's data file held and the data file no longer
        does: they moved after that backup was taken. A damaged file is first copied aside; each repaired
        file then replaces its damaged one in one step, archives before the data file, so a crash at any
        point leaves each file damaged or repaired and `--restore` can run again.
        """
        with self._locked():
            damaged, parsed = self._examine()
            data = parsed.get(self.path) if self.path not in damaged else None
            if data is not None and schema_of(data) > SCHEMA:
                raise StorageProblem(f"{self.path} was written by a newer ictrack; upgrade ictrack rather than "
                                     "restore an older backup. Nothing was changed.")  # fmt: skip
            archives = {path: tables for path, tables in parsed.items() if path != self.path and path not in damaged}
            if data is not None and _load_state(data)[1] <= _highest_item(archives.values()):
                damaged[self.path] = "has a next ID not above every archived item"
            if not damaged:
                raise NotAllowed("nothing is damaged, so nothing was restored; `ictrack undo` takes back a change.")
            backups = self.backups()
            repaired: dict[Path, str] = {}
            if data is None:
                found = next(((folder, tables) for folder in backups
                              if (tables := self._good(folder)) is not None), None)  # fmt: skip
                if found is None:
                    raise StorageProblem(f"there is no good backup in {self.backup_folder}; nothing was changed.")
                data, repaired[self.path] = found[1], f"from the backup {found[0]}"
                migrate(data, self.path)
            for path in sorted(damaged.keys() - {self.path}):
                archives[path], repaired[path] = self._rebuild_archive(_archive_year(path), backups, data)
            if self.path in damaged:
                meta = data.setdefault("meta", {}).setdefault("1", {})
                meta["next_id"] = max(_load_state(data)[1], _highest_item(archives.values()) + 1)
                repaired.setdefault(self.path, "with its next ID raised above every archived item")
            lines = []
            for path, where in repaired.items():
                kept = self._keep_aside(path, now)
                lines.append(f"Restored {path} {where}." + (f" The damaged file is kept as {kept}." if kept else ""))
            for path in sorted(repaired.keys() - {self.path}):
                FileStorage(path).write(archives[path])
            if self.path in repaired:
                FileStorage(self.path).write(data)
            return lines

    def _rebuild_archive(self, year: int, backups: list[Path], live: dict) -> tuple[dict, str]:
        """An archive's tables rebuilt from the backups, and how, in words (see `restore`)."""
        name = self.archive_path(year).name
        copy = next(((folder, tables) for folder in backups if (tables := self._good(folder, name)) is not None), None)
        rebuilt = TinyDB(storage=OperationBuffer, data=copy[1] if copy else {})
        _set_meta(rebuilt, {"schema": SCHEMA, "year": year})
        source = next((tables for folder in backups if (tables := self._good(folder)) is not None), None)
        gained = 0
        for table in ARCHIVED if source is not None else ():
            held = _keyed(rebuilt, table)
            still_live = _keyed(TinyDB(storage=OperationBuffer, data=live), table)
            moved = {key: dict(record) for key, record in _keyed(TinyDB(storage=OperationBuffer, data=source),
                                                                   table).items()
                     if key not in held and key not in still_live and _year_of(table, record) == year
                     and (table != "items" or _closed_for_good(record))}  # fmt: skip
            _put_all(rebuilt, table, moved, held)
            gained += len(moved)
        if copy is None and not gained:
            return rebuilt.storage.data, "as an empty archive: no backup held it, so its records could not be recovered"
        where = f"from the backup {copy[0]}" if copy else "from what the backups' data files held"
        moved = f", with {gained} record{'' if gained == 1 else 's'} that moved there since" if gained else ""
        return rebuilt.storage.data, where + moved

    def _keep_aside(self, path: Path, now: datetime) -> Path | None:
        """Copy a damaged file aside before it is replaced (a new file: the damaged one stays until then)."""
        try:
            raw = _read_bytes(path)
        except FileNotFoundError:
            return None
        except OSError:
            raw = b""  # a link or an unreadable file: its name is kept, with nothing in it
        stem = f"{path.name}.broken-{now:%Y-%m-%dT%H%M%S}"
        for number in count(1):
            kept = path.with_name(stem if number == 1 else f"{stem}-{number}")
            try:
                write_atomically(kept, raw, replace=False)
                return kept
            except FileExistsError:
                continue
            except OSError as error:
                raise StorageProblem(f"can't keep {path} aside: {error.strerror}; nothing was changed.") from None
        return None


def _highest_item(tables) -> int:
    """The highest item ID in some files' tables."""
    return max((int(key) for data in tables for key in data.get("items", {})), default=0)
