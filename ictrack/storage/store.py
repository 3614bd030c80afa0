"""The store: one data folder, read without a lock and changed one locked operation at a time.

Every change is one whole operation: take an exclusive lock (`ictrack.lock`), read the data file by
path, apply the change in memory, then write it atomically (see `files`). Reads take no lock for the
same reason. Each change journals the records it replaced, which is what `undo` restores.

The undo journal and the redo stack live in `journal.jsonl` (see `journal`), which only `undo`, `redo`
and doctor read. A change adds its line there first, then writes the data file with its commit number
one higher, which is what puts the line in effect: killed between the two, the line is passed over and
the data file is as before, so the journal never holds a change that was not made, nor lacks one that was.

A move between the data file and an archive is written as an intent first: the data file is saved
with the change and a `pending` note of what moves where (the records still in it), then the
archives are written, then the data file again without the records and the note. A crash at any
point leaves every record in the data file, or in both with the data file's copy winning, and the
next write (or `undo`) finishes what the note says before doing anything else. `undo` of a record
archived since brings it back the same way. So no record is ever in neither file, and an archive
never keeps a copy that outlives its record.

`undo` keeps what it took back on the redo stack (in the journal file's line for its write): the records
it put back and the ones it replaced. `redo` puts the latter back, only if the records are
still exactly as the undo left them, and journals that like any change, so it can be undone in turn.
Any new change empties the stack: what was undone before it can't be laid over it.
"""

from __future__ import annotations

import os
import stat as modes
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ictrack.core.history import History, Step
from ictrack.core.model import Item, stamp, unstamp
from ictrack.core.ops import person_uuid, taken_uuids
from ictrack.core.settings import WORKWEEK
from ictrack.core.state import Change, State
from ictrack.errors import NotAllowed, StorageProblem
from ictrack.storage.archive import archive_key, archive_name, by_year, month_of, settled_for_good, settled_records
from ictrack.storage.backups import BACKUP_FOLDER, Backups
from ictrack.storage.files import (
    DATA_FILE,
    LOCK_FILE,
    Damaged,
    FileStorage,
    Linked,
    OperationBuffer,
    exclusive_lock,
    linked_message,
    read_data_file,
    remove_stale_temps,
    sync_folder,
)
from ictrack.storage.index import (
    INDEX_FILE,
    Index,
    add_tallies,
    changed_since,
    holds_id,
    may_count,
    spans,
    tallies,
)
from ictrack.storage.journal import (
    JOURNAL,
    JOURNAL_FILE,
    JOURNAL_LIMIT,
    REDO,
    Journal,
    append,
    entry_problem,
    numbered,
    redo_problem,
    rewrite,
)
from ictrack.storage.journal import read as read_journal
from ictrack.storage.migrations import APART, SCHEMA, migrate, schema_of
from ictrack.storage.tables import (
    ARCHIVED,
    Database,
    NamesNobody,
    check_meta,
    commit_of,
    keyed,
    listed_archives,
    load_state,
    meta_of,
    people_handles,
    put_all,
    set_meta,
    to_stored,
)

if TYPE_CHECKING:
    from ictrack.core.views import Tally

DEFAULT_LOCK_TIMEOUT = 5.0


class Store:
    """The data folder: the data file, its archives and backups, one operation at a time."""

    def __init__(self, home: Path, lock_timeout: float | None = None):
        self.home = Path(home)
        self.path = self.home / DATA_FILE
        self.journal_path = self.home / JOURNAL_FILE
        self.index_path = self.home / INDEX_FILE
        self.lock_path = self.home / LOCK_FILE
        self.backups = Backups(self.home / BACKUP_FOLDER)
        self.lock_timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self.notices: list[str] = []  # things worth telling the user that are not errors

    def stamp(self) -> tuple[int, int, int] | None:
        """What identifies the data file's current version (a write replaces it); None if there is none."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def archive_path(self, key: str) -> Path:
        return self.home / archive_name(key)

    def _read(self, path: Path) -> dict | None:
        """A file's tables (None if it does not exist); a damaged one is a StorageProblem saying what to do."""
        try:
            return read_data_file(path)
        except Linked:
            raise StorageProblem(linked_message(path)) from None
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None

    def _damage_message(self, path: Path, damage: str) -> str:
        """What went wrong with `path`, and the way on: a backup does not bring back what was written since."""
        good = self.backups.newest_good()
        way_on = (f"the newest good backup is {good}; `ictrack doctor --restore` puts it back." if good
                  else "there is no good backup; `ictrack doctor` says more.")  # fmt: skip
        return f"{path} {damage}; nothing was changed. {way_on[0].upper()}{way_on[1:]}"

    def _state(
        self, data: dict | None, path: Path, handles: dict[str, str] | None = None,
        keep: Callable[[str, dict], bool] | None = None,
    ) -> tuple[dict[str, dict], int]:  # fmt: skip
        try:
            return load_state(data, handles, keep)
        except NamesNobody as damage:  # the archive may be sound: the data file may have lost who they are
            raise StorageProblem(
                f"{path} names someone {self.path} does not hold: no person there has the uuid {damage.uuid!r} or "
                f"lists it in their `merged` ({damage.what}); nothing was changed. If a `merged` list was edited, put "
                "the uuid back in it; `ictrack doctor` says more."
            ) from None
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None

    def _archive(self, key: str) -> dict | None:
        """An archive's tables brought up to SCHEMA in memory (None if the file is not there)."""
        path = self.archive_path(key)
        archive = self._read(path)
        try:
            migrate(archive, path)
        except Damaged as damage:
            raise StorageProblem(self._damage_message(path, str(damage))) from None
        return archive

    def had_data(self) -> bool:
        """Whether the folder has held data: an archive or a backup is there."""
        return bool(self._on_disk() or self.backups.all())

    def _live(self) -> tuple[dict | None, int]:
        """The data file's tables brought up to SCHEMA in memory, and the schema it has on disk (SCHEMA if none).

        A missing data file beside archives or backups is damage, not a fresh start: starting again
        at ID 1 would overwrite archived items.
        """
        data = self._read(self.path)
        if data is None and self.had_data():
            raise StorageProblem(self._damage_message(self.path, "is missing, but archives or backups of it are there"))
        try:
            schema = schema_of(data)
            migrate(data, self.path)
            check_meta(data or {})  # before a move it notes is carried out
            return data, schema
        except Damaged as damage:
            raise StorageProblem(self._damage_message(self.path, str(damage))) from None

    def _on_disk(self) -> set[str]:
        """Every archive in the folder, by month or by year."""
        try:
            return {key for entry in os.scandir(self.home) if (key := archive_key(entry.name))}
        except OSError:
            return set()

    def archives(self, data: dict | None, schema: int = SCHEMA) -> tuple[list[str], list[str]]:
        """(the archives the data file lists, every archive to read: those and any a cut-short move left unlisted),
        for a data file at `schema` on disk. Its archives are by month since schema 7, by year before: one of the
        other kind is what an upgrade cut short left (see `_upgrade`), and no archive of the data file's."""
        listed = listed_archives(data)
        yearly = schema < APART
        on_disk = {key for key in self._on_disk() if by_year(key) == yearly}
        return listed, sorted(set(listed) | on_disk)

    def _needed(self, data: dict | None, schema: int, test: Callable[[dict], bool]) -> list[str]:
        """The archives a read must open: those whose index entry passes `test` (may hold what it needs), and every
        one the index does not describe as it is now (see `index`)."""
        index = Index.read(self.home) if schema >= APART else Index(self.home)
        return [key for key in self.archives(data, schema)[1]
                if (entry := index.fresh(key, self.archive_path(key))) is None or test(entry)]  # fmt: skip

    def _archived(self, data: dict | None, schema: int, keys: list[str] | None = None,
                  keep: Callable[[str, dict], bool] | None = None) -> dict[str, dict]:  # fmt: skip
        """Archived records, by table (items, care, check-ins), from the archives `keys` (every one if None); with
        `keep`, only the stored records it passes."""
        tables: dict[str, dict] = {table: {} for table in ARCHIVED}
        handles = people_handles(data)
        for key in self.archives(data, schema)[1] if keys is None else keys:
            path = self.archive_path(key)
            held = self._state(self._held(key), path, handles, keep)[0]
            for table in ARCHIVED:
                tables[table].update(held[table])
        return tables

    def _held(self, key: str) -> dict:
        """An archive's tables, which must be there."""
        archive = self._archive(key)
        if archive is None:
            raise StorageProblem(self._damage_message(self.archive_path(key), "is missing"))
        return archive

    def _archived_history(self, data: dict | None, schema: int, handle: str) -> tuple[set[int], set[str]]:
        """The IDs of the archived items and the uuids of the archived check-ins that name someone: only the
        archives that may name them are read (by the index, where it is up to date)."""
        uuids = {uuid for uuid, named in people_handles(data).items() if named == handle}  # theirs, merged ones too
        index = Index.read(self.home) if schema >= APART else Index(self.home)
        keys = [
            key
            for key in self.archives(data, schema)[1]
            if (entry := index.fresh(key, self.archive_path(key))) is None or not uuids.isdisjoint(entry["people"])
        ]
        archived = self._archived(data, schema, keys)
        return (
            {item.id for item in archived["items"].values() if item.person == handle},
            {checked.uuid for checked in archived["checkins"].values() if checked.person == handle},
        )

    def _archived_item(self, data: dict | None, schema: int, item_id: int) -> tuple[Item, str] | None:
        """One item from the archives, and the archive that holds it (only for an ID the data file does not hold):
        only the archives that may hold it are read, and of those only that record."""
        for key in reversed(self._needed(data, schema, holds_id(item_id))):  # the newest copy counts, as in `_archived`
            found = self._archived(data, schema, [key], lambda table, stored: stored.get("id") == item_id)["items"]
            if item_id in found:
                return found[item_id], key
        return None

    def load(self, *, history: bool = False, since: datetime | None = None, until: datetime | None = None,
             settled: bool = True, tallies: bool = False) -> State:  # fmt: skip
        """A consistent snapshot, without the lock: writes replace files whole.

        Only the data file by default; with `history`, archived items, care checks and check-ins too (the data
        file's copy wins). Without `settled`, the items settled for good (closed, and thanked if owed) are left
        unread: what shows open work and what is owed needs none. With `since`, only the items and, from the
        archives the index says may hold one, the archived records that may count in the days from `since` to
        `until` (or that day alone); whoever reads them weighs each exactly (see `index.may_count`). An item
        read or not, archived or not, can be looked up by ID (`State.item`); `State.every_item` reads the rest.
        With `tallies`, what each person's archived items add to their row (`State.tallies`, see `_tallies`).
        """
        data, schema = self._live()  # a migration stays in memory: reading never writes
        keep = None if settled and since is None else self._open_work(data, since, until)
        tables, next_id = self._state(data, self.path, None, keep)
        if history or since is not None:
            keys = counts = None
            if since is not None:
                first, last = since.date().isoformat(), (until or since).date().isoformat()
                keys, counts = self._needed(data, schema, spans(first, last)), may_count(first, last)
            for table, records in self._archived(data, schema, keys, counts).items():
                tables[table] = {**records, **tables[table]}
        items, people, care, checkins = (tables[table] for table in ("items", "people", "care", "checkins"))
        if history:
            return State(items, people, care, checkins, next_id=max(next_id, max(items, default=0) + 1))

        def lookup(item_id: int) -> Item | None:
            unread = self._unread(data, keep, lambda stored: stored.get("id") == item_id)
            if item_id in unread:
                return unread[item_id]
            found = self._archived_item(data, schema, item_id)
            return found[0] if found else None

        return State(items, people, care, checkins, lookup, next_id, unread=lambda: self._unread(data, keep),
                     tallies=self._tallies(data, schema) if tallies else None)  # fmt: skip

    def _tallies(self, data: dict | None, schema: int) -> dict[str, Tally]:
        """What each person's archived items add to their row, by handle: from the index for each archive it
        describes as it is, else from the archive, read whole."""
        from ictrack.core.relations import by_person
        from ictrack.core.views import Tally, tally

        handles = people_handles(data)
        index = Index.read(self.home) if schema >= APART else Index(self.home)
        counted: dict[str, Tally] = {}
        unread = []
        for key in self.archives(data, schema)[1]:
            entry = index.fresh(key, self.archive_path(key))
            try:
                rows = {
                    handles[uuid]: Tally(row[0], row[1], row[2], row[3], unstamp(row[4]))
                    for uuid, row in (entry or {})["tally"].items()
                }
            except (AttributeError, KeyError, TypeError, ValueError):  # no entry or tally, someone lost: read it
                unread.append(key)
                continue
            for handle, row in rows.items():
                counted[handle] = counted.get(handle, Tally()) + row
        for handle, theirs in by_person(self._archived(data, schema, unread)["items"].values()).items():
            counted[handle] = counted.get(handle, Tally()) + tally(theirs)
        return counted

    def _unread(self, data: dict | None, keep: Callable[[str, dict], bool] | None,
                which: Callable[[dict], bool] | None = None) -> dict[int, Item]:  # fmt: skip
        """The items of the data file's tables `data` that `keep` left out (those `which` passes), by ID."""
        if keep is None:
            return {}
        left = self._state(data, self.path, None, lambda table, stored: table == "items" and not keep(table, stored)
                           and (which is None or which(stored)))  # fmt: skip
        return left[0]["items"]

    @staticmethod
    def _open_work(data: dict | None, since: datetime | None, until: datetime | None) -> Callable[[str, dict], bool]:
        """A test on the data file's stored records: whether a read that shows open work and what is owed (and,
        with `since`, what may count in the days from then to `until`) needs it. Items settled for good are left
        out, but for one made before its person (so when a check-in falls due is counted as from every item)."""
        counts = None if since is None else may_count(since.date().isoformat(), (until or since).date().isoformat())
        made = {uuid: person.get("created") for uuid, person in (data or {}).get("people", {}).items()
                if isinstance(person, dict)}  # fmt: skip

        def keep(table: str, stored: dict) -> bool:
            if table != "items" or not settled_for_good(stored) or (counts is not None and counts(table, stored)):
                return True
            person = made.get(stored.get("person_id"))
            try:
                return person is not None and datetime.fromisoformat(stored["created"]) < datetime.fromisoformat(person)
            except (KeyError, TypeError, ValueError):
                return True  # not as ictrack writes it: read, to be named

        return keep

    def journal(self, data: dict | None, schema: int) -> Journal:
        """The undo journal and redo stack that go with the data file's tables `data`, as it is on disk at `schema`:
        in its own tables before schema 7 (until the first write moves them), in the journal file since."""
        if schema < APART:
            return Journal((data or {}).get(JOURNAL, {}), (data or {}).get(REDO, {}))
        try:
            return read_journal(self.journal_path, commit_of(data))
        except Linked:
            raise StorageProblem(linked_message(self.journal_path)) from None
        except Damaged as damage:
            raise StorageProblem(f"{self.journal_path} {damage}; nothing was changed.") from None

    def _write_journal(self, db: Database, schema: int, line: dict | None) -> None:
        """Write what an operation does to the undo journal, before the data file that puts it in effect. The first
        write at schema 7 moves the data file's journal tables to the journal file; every hundredth change writes
        the file anew, without what is no longer in effect."""
        data = db.storage.data
        try:
            if schema < APART:
                held = self.journal(data, schema)
                for table in (JOURNAL, REDO):
                    if table in db.tables():
                        db.drop_table(table)
                rewrite(self.journal_path, held, commit_of(data) - (1 if line else 0), *([line] if line else []))
            elif line is not None and line["commit"] % JOURNAL_LIMIT == 0:
                try:
                    held = read_journal(self.journal_path, line["commit"] - 1)  # as it stands before this write
                except Damaged:
                    held = None
                if held is None or held.damaged:
                    append(self.journal_path, line)  # what can't be read is doctor's to repair, not to drop here
                else:
                    rewrite(self.journal_path, held, line["commit"] - 1, line)
            elif line is not None:
                append(self.journal_path, line)
        except OSError as error:
            if self.journal_path.is_symlink():
                raise StorageProblem(linked_message(self.journal_path)) from None
            raise StorageProblem(f"can't write {self.journal_path}: {error.strerror}; nothing was changed.") from None

    @contextmanager
    def locked(self) -> Iterator[None]:
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._keep_private()
        except OSError as error:
            raise StorageProblem(f"can't use the data folder {self.home}: {error.strerror}.") from None
        busy = (f"the data file {self.path} is locked by another ictrack process (waited {self.lock_timeout:g}s); "
                "try again in a moment. Nothing was changed.")  # fmt: skip
        with exclusive_lock(self.lock_path, self.lock_timeout, busy):
            remove_stale_temps(self.home)
            yield

    def _keep_private(self) -> None:
        """Notes about colleagues are private: a folder others can read is tightened to 0700."""
        mode = modes.S_IMODE(os.stat(self.home).st_mode)
        if mode & 0o077:
            os.chmod(self.home, 0o700)
            self.notices.append(f"the data folder {self.home} was open to others ({mode:04o}); it is now 0700.")

    def _finish_moves(self, db: Database) -> bool:
        """Carry out the moves the data file notes as pending (see the module's notes); whether there were any.

        Archives are written here, then the index that describes them (a move to archives by year, before
        schema 7, is left for the upgrade to index); the data file in `db` loses the records that went to them,
        and the note, and is written by the caller.
        """
        meta = meta_of(db)
        pending = meta.pop("pending", None)
        if not pending:
            return False
        index = Index.read(self.home)
        archives = set(meta.get("archives", []))
        people = db.storage.data.get("people", {})
        for key, moves in sorted(pending.items()):
            path = self.archive_path(key)
            archive = Database(storage=OperationBuffer, data=self._archive(key))
            for table, keys in moves.get("out", {}).items():
                live = keyed(db, table)
                leaving = {record: dict(live[record]) for record in keys if record in live}
                self._state({table: leaving, "people": people}, self.path)  # what leaves the data file reads
                put_all(archive, table, leaving)
            for table, keys in moves.get("back", {}).items():
                held = keyed(archive, table)
                put_all(archive, table, {record: None for record in keys if record in held}, held)
            # an archive is checked whole, as its readers will read it, before it is written
            items = self._state(archive.storage.data, path, people_handles(db.storage.data))[0]["items"]
            set_meta(archive, {"schema": SCHEMA, "archive": key, "changed": commit_of(db.storage.data)})
            FileStorage(path).write(archive.storage.data)
            index.note(key, path, archive.storage.data, tallies(archive.storage.data, items))
            archives.add(key)
        if not any(by_year(key) for key in pending):
            self._write_index(index, sorted(archives | self._on_disk()))
        for moves in pending.values():
            for table, keys in moves.get("out", {}).items():
                put_all(db, table, dict.fromkeys(keys))
        meta["archives"] = sorted(archives)
        set_meta(db, meta)
        return True

    def _write_index(self, index: Index, keys: list[str]) -> None:
        """Write the archive index for the archives `keys`; one that can't be written is left as it was: a summary,
        not the data, whose entries for the archives just written no longer describe them (see `index`)."""
        with suppress(OSError):
            index.write(key for key in keys if not by_year(key))

    def index_out_of_date(self) -> tuple[int, int]:
        """(how many of the archives the index does not describe as they are now, how many there are): what doctor
        says. Archives by year, before schema 7, have no index: (0, 0)."""
        data, schema = self._live()
        if schema < APART:
            return 0, 0
        index, keys = Index.read(self.home), self.archives(data)[1]
        return sum(index.fresh(key, self.archive_path(key)) is None for key in keys), len(keys)

    def refresh_index(self) -> None:
        """Describe anew in the index each archive it does not describe as it is now (under the lock)."""
        data, schema = self._live()
        if data is not None and schema >= APART:
            self._refresh_index(data)

    def _refresh_index(self, data: dict) -> None:
        """Describe anew in the index each archive of a data file at SCHEMA that it does not describe as it is now,
        reading it; one that can't be read is left without an entry, for the reads that need it to name."""
        index = Index.read(self.home)
        keys = self.archives(data)[1]
        stale = [key for key in keys if index.fresh(key, self.archive_path(key)) is None]
        if not stale and set(index.entries) <= set(keys):
            return
        handles = people_handles(data)
        for key in stale:
            path = self.archive_path(key)
            try:
                tables = self._held(key)
                index.note(key, path, tables, tallies(tables, self._state(tables, path, handles)[0]["items"]))
            except StorageProblem:
                index.entries.pop(key, None)
        self._write_index(index, keys)

    def _move(self, db: Database, pending: dict) -> None:
        """Note a move in the data file and write it, then carry it out (see the module's notes)."""
        set_meta(db, {**meta_of(db), "pending": pending})
        FileStorage(self.path).write(db.storage.data)
        self._finish_moves(db)

    @contextmanager
    def change(self, summary: str, now: datetime, *, archive_before: datetime | None = None,
               workdays: Collection[int] = WORKWEEK, operation: tuple[str, dict] | None = None,
               where: dict | None = None,
               reads: Callable[[str, dict], bool] | None = None) -> Iterator[Change]:  # fmt: skip
        """Run one read-modify-write under the lock; commit and journal it if nothing raised.

        The journal keeps the `operation` (its name and arguments), if given, and `where` it was made (see
        `ictrack.core.history`) beside the records it replaced; the redo stack is emptied. With
        `archive_before`, records settled before then move to the monthly archives in the same operation
        (care checks in the streak over the `workdays` stay). With `reads`, a test on stored records, the change
        holds as model objects only the data file's records it passes (an operation that goes through every item
        needs them all); any other item is read when it is looked up by ID.
        """
        with self.locked():
            data, schema = self._live()  # a migration is stored by this write, after a backup
            migrated = data is not None and schema < SCHEMA
            db = Database(storage=OperationBuffer, data=data)
            finished = self._finish_moves(db)
            tables, next_id = self._state(db.storage.data, self.path, None, reads)
            # items taken from an archive, by uuid: what undo must put back for them, and the archive that holds them
            fetched: dict[str, tuple[dict, str]] = {}

            def from_archive(item_id: int) -> Item | None:
                unread = self._unread(db.storage.data, reads, lambda stored: stored.get("id") == item_id)
                if item_id in unread:
                    return unread[item_id]
                found = self._archived_item(db.storage.data, schema, item_id)
                if found is None:
                    return None
                ids = {handle: person.uuid for handle, person in tables["people"].items()}
                fetched[found[0].uuid] = (to_stored("items", found[0], ids)[1], found[1])
                return found[0]

            change = Change(
                tables,
                next_id,
                lookup=from_archive,
                archives=lambda: self.archives(db.storage.data, schema)[1],
                archived_history=lambda handle: self._archived_history(db.storage.data, schema, handle),
            )
            change.summary = summary
            yield change
            saved = {table: records for table, records in change.saved.items() if records}
            if change.gone:
                saved.setdefault("people", {})
            if not saved and not migrated and not finished:
                return
            before: dict[str, dict] = {}
            for person in saved.get("people", {}).values():  # a person made without one gets the uuid ops would give
                person.uuid = person.uuid or person_uuid(person.handle, taken_uuids(change.people.values()))
            person_ids = {handle: person.uuid for handle, person in change.people.items()}
            for table, records in saved.items():
                held = keyed(db, table)
                written: dict[str, dict | None] = dict(
                    to_stored(table, record, person_ids) for record in records.values()
                )
                if table == "people":
                    written.update((person.uuid, None) for person in change.gone if person.uuid)  # None removes
                before[table] = {
                    key: dict(held[key]) if key in held else fetched[key][0] if table == "items" and key in fetched
                    else None for key in written
                }  # fmt: skip
                put_all(db, table, written, held)
            settled = settled_records(db, archive_before, workdays) if archive_before is not None else {}
            meta = meta_of(db)
            meta.update(schema=SCHEMA, next_id=change.next_id, archives=meta.get("archives", []))
            line = None
            if saved:
                entry = {"summary": change.summary, "at": stamp(now), "schema": SCHEMA, "before": before}
                if operation is not None:
                    entry.update(op=operation[0], args=operation[1])
                if where is not None:
                    entry["where"] = where
                commit = commit_of(db.storage.data) + 1
                line = {"commit": commit, JOURNAL: {str(commit): entry}, REDO: None}
            set_meta(db, meta)
            pending: dict[str, dict] = {}
            for table, records in settled.items():
                for key, record in records.items():
                    out = pending.setdefault(month_of(table, record), {}).setdefault("out", {})
                    out.setdefault(table, []).append(key)
            # an archived item changed so it is no longer settled (help now owed thanks) leaves its archive, so
            # it is in one place only, as undo does it
            for key in before.get("items", {}):
                if key in fetched and key not in settled.get("items", {}):
                    back = pending.setdefault(fetched[key][1], {}).setdefault("back", {})
                    back.setdefault("items", []).append(key)
            backup = None if data is None else "before-archiving" if settled else "daily"
            self._commit(db, now, schema, pending, line, backup)

    def history(self) -> History:
        """What `undo` and `redo` would take back and put back, newest first, read without the lock."""
        journal = self.journal(*self._live())
        readable = not journal.damaged  # a line that can't be read may be a change undo would have to pass

        def steps(entries: dict[str, dict], problem) -> list[Step]:
            return [Step.of(number, entries[key], sound=readable and problem(entries[key]) is None)
                    for number, key in reversed(numbered(entries))]  # fmt: skip

        return History(steps(journal.entries, entry_problem), steps(journal.redo, redo_problem))

    def undo(self, now: datetime | None = None, *, expect: Step | None = None) -> str | None:
        """Put back the records the last change replaced; the summary of what was undone, or None.

        With `expect`, only if the last change is still that one (NotAllowed otherwise). A record archived
        since is taken out of its archive, so it is in one place only. What was undone goes on the redo
        stack. An entry that is damaged, or whose records put back would leave a file the store refuses to
        read, is a StorageProblem, and nothing is written.
        """
        now = now or datetime.now().astimezone()
        with self.locked():
            data, schema = self._live()
            db = Database(storage=OperationBuffer, data=data)
            finished = self._finish_moves(db)
            journal = self.journal(db.storage.data, schema)
            damage = journal.damage(self.journal_path)
            if damage:
                raise StorageProblem(f"can't undo the last change: {damage}, so a change may be missing from it; "
                                     "nothing was changed. `ictrack doctor` says more.")  # fmt: skip
            entries = journal.entries
            if not numbered(entries):
                self._state(db.storage.data, self.path)  # a damaged file is named, whatever there is to undo
                if entries:
                    raise StorageProblem(f"nothing can be undone: the undo journal of {self.path} holds only "
                                         "entries that are not numbered. `ictrack doctor` says more.")  # fmt: skip
                if finished:
                    self._commit(db, now, schema, {}, None)
                return None
            number, undone_key = numbered(entries)[-1]
            entry = entries[undone_key]
            summary = entry.get("summary")
            if expect is not None and Step.of(number, entry) != expect:
                raise NotAllowed(f"another change was made meanwhile ({summary}); nothing was undone.")
            try:
                before, after = self._put_back(db, entry, schema)
            except Damaged as why:
                self._state(self._live()[0], self.path)  # damage already in the file is named as such
                raise StorageProblem(
                    f"can't undo the last change: {why} (undo journal entry {number} of "
                    f"{self.path}); nothing was changed. `ictrack doctor` says more."
                ) from None
            restored = {table: set(before[table]) for table in ARCHIVED if before.get(table)}
            pending: dict[str, dict] = {}
            for archive_key_ in self._needed(db.storage.data, schema, changed_since(number)) if restored else []:
                archive = Database(storage=OperationBuffer, data=self._archive(archive_key_))
                for table, keys in restored.items():
                    archived = keyed(archive, table)
                    held = [key for key in archived if key in keys]
                    if held:
                        pending.setdefault(archive_key_, {}).setdefault("back", {})[table] = held
                    for key in held:  # what redo puts back is where it was: here, in the archive
                        after[table][key] = after[table][key] or dict(archived[key])
            undone = {field: entry[field] for field in ("summary", "at", "op", "args", "where") if field in entry}
            commit = commit_of(db.storage.data) + 1
            line = {"commit": commit, JOURNAL: {undone_key: None},
                    REDO: {str(commit): {**undone, "schema": SCHEMA, "before": before, "after": after}}}  # fmt: skip
            self._commit(db, now, schema, pending, line)
            return summary

    def redo(self, now: datetime | None = None, *, where: dict | None = None) -> str | None:
        """Put back what the last `undo` took back, as a new change made `where` (so `undo` takes it back again);
        its summary, or None when there is nothing to redo.

        NotAllowed if the records it would replace are no longer as the undo left them (a change since, by
        an older ictrack that leaves the redo stack alone). A damaged entry is a StorageProblem, and nothing
        is written.
        """
        now = now or datetime.now().astimezone()
        with self.locked():
            data, schema = self._live()
            db = Database(storage=OperationBuffer, data=data)
            finished = self._finish_moves(db)
            entries = self.journal(db.storage.data, schema).redo
            if not numbered(entries):
                self._state(db.storage.data, self.path)  # a damaged file is named, whatever there is to redo
                if finished:
                    self._commit(db, now, schema, {}, None)
                return None
            number, key = numbered(entries)[-1]
            entry = entries[key]
            why = redo_problem(entry)
            if why is not None:
                raise StorageProblem(f"can't redo the last undo: {why} (redo entry {number} of {self.path}); nothing "
                                     "was changed. The next change empties what redo holds.")  # fmt: skip
            summary = entry["summary"]
            if not self._as_undone(db, entry["before"], schema, number):
                raise NotAllowed(f"can't redo {summary}: what it changed was changed again since it was undone; "
                                 "nothing was changed.")  # fmt: skip
            for table, records in entry["after"].items():
                put_all(db, table, records)
            try:
                load_state(db.storage.data)  # what the reader would refuse is never written
            except Damaged as damage:
                self._state(self._live()[0], self.path)  # damage already in the file is named as such
                raise StorageProblem(f"can't redo {summary}: with it put back, {self.path.name} {damage}; nothing "
                                     "was changed.") from None  # fmt: skip
            redone = {field: entry[field] for field in ("op", "args") if field in entry}
            commit = commit_of(db.storage.data) + 1
            journaled = {"summary": summary, "at": stamp(now), "schema": SCHEMA, "before": entry["before"], **redone,
                         **({"where": where} if where is not None else {})}  # fmt: skip
            self._commit(db, now, schema, {}, {"commit": commit, JOURNAL: {str(commit): journaled}, REDO: {key: None}})
            return summary

    def _as_undone(self, db: Database, records: dict, schema: int, since: int) -> bool:
        """Whether the data file holds `records` (by table and key) exactly, and neither it nor an archive holds
        any of those that are None: the state an undo left, which redo may lay its change over."""
        absent: dict[str, set[str]] = {}
        for table, expected in records.items():
            held = keyed(db, table)
            for key, record in expected.items():
                if (dict(held[key]) if key in held else None) != record:
                    return False
                if record is None and table in ARCHIVED:
                    absent.setdefault(table, set()).add(key)
        for key in self._needed(db.storage.data, schema, changed_since(since)) if absent else []:
            archive = self._archive(key) or {}
            if any(keys & set(archive.get(table, {})) for table, keys in absent.items()):
                return False
        return True

    def _commit(self, db: Database, now: datetime, schema: int, pending: dict, line: dict | None,
                backup: str | None = "daily") -> None:  # fmt: skip
        """Write one operation, read from a data file at `schema` on disk: a backup first (before an upgrade, for
        `backup`, or the day's first if that is "daily"; None for a folder with nothing to copy yet), then its
        journal line (`line`, with the commit number it takes) and the archives by month an upgrade makes, then a
        `pending` move to or from the archives as an intent (see the module's notes), then the data file, and
        last what the upgrade leaves to remove or raise."""
        migrated = schema < SCHEMA
        backed_up = backup is not None and (migrated or backup != "daily" or self.backups.due(now))
        if backed_up:
            self.backups.take(now, "before-upgrade" if migrated else backup or "daily", self._files())
        set_meta(db, {**meta_of(db), "schema": SCHEMA, **({"commit": line["commit"]} if line else {})})
        if schema < APART:
            pending = self._upgrade(db, pending)
        elif migrated:
            self._check_archives(db.storage.data, schema)
        self._write_journal(db, schema, line)
        if pending:
            self._move(db, pending)
        FileStorage(self.path).write(db.storage.data)
        if schema >= APART and migrated:
            self._upgrade_archives(db.storage.data)
        self._remove_yearly()
        if backed_up:  # once a day: an index a write cut short, or a copied folder, left out of date is made right
            self._refresh_index(db.storage.data)

    def _upgrade(self, db: Database, pending: dict) -> dict:
        """Write the archives by year (before schema 7) anew by month, and list those in the data file in `db`,
        before it is written; the `pending` moves by the months the records they name are now in.

        Each is read and checked before anything is written: a damaged one stops the upgrade. A month left by
        an upgrade cut short is written again, or removed if no record goes there now. The archives by year stay
        until the data file that lists the months is written (see `_remove_yearly`): a crash before then leaves
        the folder read by year, as it was."""
        data = db.storage.data
        handles = people_handles(data)
        months: dict[str, dict[str, dict]] = {}
        placed: dict[tuple[str, str], str] = {}  # (table, key) -> the month a record went to
        counted: dict[str, dict[str, list]] = {}  # by month, what its items add to each person's row
        for year in self.archives(data, APART - 1)[1]:
            path = self.archive_path(year)
            archive = self._held(year)
            items = self._state(archive, path, handles)[0]["items"]  # checked whole, so every record can be placed
            moved: dict[str, dict[str, dict]] = {}
            for table in ARCHIVED:
                for key, record in archive.get(table, {}).items():
                    placed[table, key] = month = month_of(table, record)
                    moved.setdefault(month, {}).setdefault(table, {})[key] = record
            for month, tables in moved.items():
                for table, records in tables.items():
                    months.setdefault(month, {}).setdefault(table, {}).update(records)
                counted[month] = add_tallies(counted.get(month, {}), tallies(tables, items))
        try:
            for leftover in sorted(key for key in self._on_disk() - set(months) if not by_year(key)):
                os.unlink(self.archive_path(leftover))
        except OSError as error:
            raise StorageProblem(f"can't remove {error.filename}: {error.strerror}; nothing was changed.") from None
        meta = {"schema": SCHEMA, "changed": commit_of(data)}
        index = Index(self.home)
        for month, tables in sorted(months.items()):
            written = {**tables, "meta": {"1": {**meta, "archive": month}}}
            FileStorage(self.archive_path(month)).write(written)
            index.note(month, self.archive_path(month), written, counted.get(month, {}))
        self._write_index(index, sorted(months))
        set_meta(db, {**meta_of(db), "archives": sorted(months)})
        moves: dict[str, dict] = {}
        for key, ways in pending.items():
            for way, held in ways.items():
                for table, keys in held.items():
                    for record in keys:
                        month = placed.get((table, record), key) if by_year(key) else key
                        moves.setdefault(month, {}).setdefault(way, {}).setdefault(table, []).append(record)
        return moves

    def _remove_yearly(self) -> None:
        """Remove the archives by year an upgrade to schema 7 left, once a data file that lists months is written:
        their records are in the archives by month."""
        yearly = sorted(key for key in self._on_disk() if by_year(key))
        try:
            for year in yearly:
                os.unlink(self.archive_path(year))
            if yearly:
                sync_folder(self.home)
        except OSError as error:
            self.notices.append(f"{error.filename} is left from the upgrade to schema 7 and could not be removed "
                                f"({error.strerror}); ictrack no longer reads it.")  # fmt: skip

    def _put_back(self, db: Database, entry: dict, schema: int) -> tuple[dict, dict]:
        """Undo a journal entry in `db`, in memory: its records put back. (The records put back, the ones they
        replaced in the data file), under schema 4's keys. Damaged saying why if the entry can't be undone (`db`
        is then to be dropped)."""
        why = entry_problem(entry)
        if why is not None:
            raise Damaged(why)
        before = entry["before"] if entry.get("schema", 3) >= 4 else self._rekeyed(entry["before"], db, schema)
        after: dict[str, dict] = {}
        for table, records in before.items():
            held = keyed(db, table)
            after[table] = {key: dict(held[key]) if key in held else None for key in records}
            put_all(db, table, records, held)
        try:
            load_state(db.storage.data)  # what the reader would refuse is never written
        except Damaged as damage:
            raise Damaged(f"with what it replaced put back, {self.path.name} {damage}") from None
        return before, after

    def undo_problem(self, data: dict, entries: dict[str, dict], schema: int) -> tuple[int, str] | None:
        """(the number of the newest journal entry, why `undo` would refuse it on the sound data file `data`), if it
        would."""
        if not numbered(entries):
            return None
        from copy import deepcopy  # only doctor asks this: no command that writes pays for the import

        number, key = numbered(entries)[-1]
        try:
            self._put_back(Database(storage=OperationBuffer, data=deepcopy(data)), entries[key], schema)
        except Damaged as why:
            return number, str(why)
        except StorageProblem:
            return None  # an archive it reads is damaged: named on its own
        return None

    def _check_archives(self, data: dict, schema: int) -> None:
        """Read every archive before an upgrade writes anything: a damaged one stops it (see `_upgrade_archives`)."""
        for key in self.archives(data, schema)[1]:
            self._archive(key)

    def _upgrade_archives(self, data: dict) -> None:
        """Write every archive at SCHEMA, after the upgraded data file that lists them: the data file's upgrade
        reads the archives as they were, for the people their records name (see `migrations`), so a crash
        between leaves archives that still upgrade on their own to name the people the data file now holds."""
        for key in self.archives(data)[1]:
            path = self.archive_path(key)
            archive = self._read(path)
            if archive is not None and migrate(archive, path):
                FileStorage(path).write(archive)

    def _rekeyed(self, before: dict, db: Database, schema: int) -> dict:
        """A journal entry from before schema 4 under schema 4's keys: its items were named by ID and its
        people by handle. An item it made (nothing before it) is found by its ID where it is now."""
        from ictrack.core.ops import person_uuid

        def named(record: dict) -> dict:
            return {("person_id" if field == "person" else field): (person_uuid(value) if field == "person" and value
                    else value) for field, value in record.items()}  # fmt: skip

        live = {str(doc["id"]): doc.doc_id for doc in db.table("items").all()}
        archived: dict[str, str] | None = None
        rekeyed: dict[str, dict] = {}
        for table, records in before.items():
            into = rekeyed.setdefault(table, {})
            for key, record in records.items():
                if table == "items":
                    uuid = record["uuid"] if record else live.get(key)
                    if uuid is None:
                        if archived is None:
                            archived = {str(item.id): item.uuid for item in self._archived(db.storage.data, schema)
                                        ["items"].values()}  # fmt: skip
                        uuid = archived.get(key)
                    if uuid is not None:
                        into[uuid] = named(record) if record else None
                elif table == "people":
                    uuid = person_uuid(key)
                    into[uuid] = {"uuid": uuid, **record} if record else None
                else:
                    into[key] = named(record) if record and table == "checkins" else record
        return rekeyed

    def _files(self) -> list[Path]:
        """The data file, the journal file, every archive and their index: what a backup copies."""
        archives = [self.archive_path(key) for key in sorted(self._on_disk())]
        return [self.path, self.journal_path, *archives, self.index_path]

    def checkup(self) -> tuple[list[str], list[str], list[str]]:
        """(problems, facts, what `doctor --restore` would do) about every file: see `doctor.checkup`."""
        from ictrack.storage import doctor

        return doctor.checkup(self)

    def restore(self, now: datetime) -> list[str]:
        """Repair what is damaged from the backups: see `doctor.restore`."""
        from ictrack.storage import doctor

        return doctor.restore(self, now)
