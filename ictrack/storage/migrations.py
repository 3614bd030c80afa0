"""Schema numbers and the migrations between them: a file is brought up to SCHEMA in memory when read,
and stored upgraded by the next write, after a backup. A file from a newer ictrack is refused.

Each file is upgraded on its own, with one exception: upgrading a data file to schema 4 reads the archives
beside it, as they are, for the people their records name (see `_migrate_3_to_4`). So the store writes an
upgraded data file before it upgrades the archives beside it.

Schema 6 moves things between files (see `_migrate_5_to_6`): that part is the store's, at the first write.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ictrack.errors import StorageProblem
from ictrack.storage.archive import archive_key, by_year
from ictrack.storage.files import DATA_FILE, Damaged, read_data_file

SCHEMA = 7
APART = 7  # the first schema with the undo journal in its own file and archives by month (see `_migrate_6_to_7`)


def _migrate_1_to_2(data: dict, archives: list[dict] | None) -> None:
    """Schema 2 lists the archive files, so a missing one is noticed rather than read as no history."""
    meta = data.setdefault("meta", {}).setdefault("1", {})
    meta.setdefault("archives", [])


def _migrate_2_to_3(data: dict, archives: list[dict] | None) -> None:
    """Schema 3 items may repeat (`recur`). Nothing to convert: the number is raised so that an
    ictrack that reads only schema 2, and would drop `recur` on its next write, refuses the file."""


def _named_nowhere(data: dict, archives: list[dict]) -> dict[str, str]:
    """The handles that items and check-ins (in the data file or its archives) name and the data file's people
    do not, each with the earliest time one of them was made: when that person must have been known."""
    from ictrack.core.model import HANDLE

    people = {record.get("handle") for record in data.get("people", {}).values()}
    named: dict[str, tuple[datetime, str]] = {}
    for tables in (data, *archives):
        for table, field in (("items", "created"), ("checkins", "at")):
            for record in tables.get(table, {}).values():
                handle, made = record.get("person"), record.get(field)
                if not isinstance(handle, str) or not HANDLE.fullmatch(handle) or handle in people:
                    continue
                try:
                    moment = datetime.fromisoformat(made)
                except (TypeError, ValueError):
                    continue  # the record is damaged, and named as such when it is read
                if moment.tzinfo is not None and (handle not in named or moment < named[handle][0]):
                    named[handle] = (moment, made)
    return {handle: made for handle, (_, made) in sorted(named.items())}


def _migrate_3_to_4(data: dict, archives: list[dict] | None) -> None:
    """Schema 4 keys every record by its identity, not by a number one machine handed out: items, people and
    check-ins by uuid, care checks by day. An item's or check-in's person is named by the person's uuid
    (`person_id`), derived from their handle, so a person keeps their history when renamed. The same file
    gives the same uuids, so a data file and its archives can be upgraded one at a time. The journal's entries
    keep the older keys; `undo` reads them as they are.

    Schema 3 let an item or check-in name a handle nobody among the people had (doctor called it a problem,
    every file stayed readable). Schema 4 can't name a person who is not there, so that person is made, in
    the data file, for records there and in `archives`, as `ensure_person` would have: the uuid derived from
    the handle, made when the first record naming them was. (An archive, `archives` None, has no people.)"""
    from ictrack.core.ops import person_uuid

    if archives is not None:  # a data file: the people are here
        missing = _named_nowhere(data, archives)
        if missing:
            people = data.setdefault("people", {})
            for handle, made in missing.items():
                people[f"named-{handle}"] = {"handle": handle, "kind": "colleague", "team": None, "cadence": None,
                                             "created": made}  # fmt: skip

    def person_id(handle):
        return person_uuid(handle) if isinstance(handle, str) and handle else handle  # a bad value stays, to be named

    def by(table: str, field: str) -> dict:
        records = {}
        for key, record in data.get(table, {}).items():
            name = record.get(field) if isinstance(record, dict) else None
            if not isinstance(name, str) or not name:
                raise Damaged(f"holds a {table} record ({key}) without its {field}")
            if table in ("items", "checkins"):
                record = {("person_id" if k == "person" else k): (person_id(v) if k == "person" else v)
                          for k, v in record.items()}  # fmt: skip
            if name in records and field != "uuid":
                raise Damaged(f"holds two {table} records with the {field} {name!r}")
            if name in records:  # two records, one uuid (an import once let that in): the later one gets its own
                record = {**record, field: person_uuid(f"{name}#{key}")}
                name = record[field]
            records[name] = record
        return records

    if "people" in data:
        data["people"] = {person_id(record["handle"]): {"uuid": person_id(record["handle"]), **record}
                          for record in by("people", "handle").values()}  # fmt: skip
    for table, field in (("items", "uuid"), ("care", "day"), ("checkins", "uuid")):
        if table in data:
            data[table] = by(table, field)


def _migrate_4_to_5(data: dict, archives: list[dict] | None) -> None:
    """Schema 5 people may have a display `name`, dated `notes`, and the uuids of the people `merged` into them,
    which records (archived ones above all) may still name. Nothing to convert: the number is raised so that
    an ictrack that reads only schema 4, which would drop those fields on its next write and find archived
    records naming nobody, refuses the file."""


def _migrate_5_to_6(data: dict, archives: list[dict] | None) -> None:
    """Schema 6 items may wait until a day (`wait`, set by `snooze`), kept only on the records that have one.
    Nothing to convert: the number is raised so that an ictrack that reads only schema 5, which accepts such a
    record but would drop its `wait` on the next write of it (bringing a snoozed item back early), refuses
    the file."""
    if archives is not None:
        _raise_redo(data, 5)


def _raise_redo(data: dict, schema: int) -> None:
    """What redo holds must be at the schema it is put back at: raise the entries written at `schema` by one
    (records do not change between the two)."""
    for entry in data.get("redo", {}).values():
        if isinstance(entry, dict) and entry.get("schema") == schema:
            entry["schema"] = schema + 1


def _migrate_6_to_7(data: dict, archives: list[dict] | None) -> None:
    """Schema 7 keeps the undo journal and the redo stack in their own file, `journal.jsonl` (see `journal`), so
    a command that does not undo never reads them; the data file counts its writes (`commit`), which is what
    puts a line of that file in effect. The count starts at the highest number an entry has, so every entry
    made from now on is newer. The tables stay in `data` in memory, where the store reads them until its first
    write moves them: the journal file first, then the data file without them. Nothing about records changes,
    so what redo holds, which must be at the schema it is put back at, is raised to it.

    Schema 7 archives hold a month each (see `archive`), named in the data file's list as "2026-10"; in memory
    the yearly ones a data file lists until then are named "2026". The store's first write writes them anew by
    month before the data file that lists those, and removes the yearly ones after it. An archive's own tables
    do not change."""
    from ictrack.storage.tables import document_number

    if archives is None:
        return
    _raise_redo(data, 6)
    meta = data.setdefault("meta", {}).setdefault("1", {})
    numbers = [number for table in ("journal", "redo") for key in data.get(table, {})
               if (number := document_number(key)) is not None]  # fmt: skip
    meta["commit"] = max(numbers, default=0)
    listed = meta.get("archives", [])
    if isinstance(listed, list):  # anything that is not a year stays as it is, for `check_meta` to name
        meta["archives"] = [str(year) if isinstance(year, int) and not isinstance(year, bool) else year
                            for year in listed]  # fmt: skip


# MIGRATIONS[n] turns a schema-n file into a schema n+1 one, in place, given the archives beside a data file as
# they are on disk (None: the file is an archive); they run in order.
Migration = Callable[[dict, "list[dict] | None"], None]
MIGRATIONS: dict[int, Migration] = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4, 4: _migrate_4_to_5,
                                     5: _migrate_5_to_6, 6: _migrate_6_to_7}  # fmt: skip


def _archives_beside(path: Path) -> list[dict]:
    """The archives in a data file's folder that are older than schema 4 (the ones whose records name people
    by handle), as they are; a damaged one is left out, to be named when it is read."""
    archives = []
    try:
        names = [entry.name for entry in os.scandir(path.parent)
                 if (key := archive_key(Path(entry.name))) is not None and by_year(key)]  # fmt: skip
    except OSError:
        return []
    for name in sorted(names):
        try:
            archive = read_data_file(path.parent / name)
            if archive is not None and schema_of(archive) < 4:
                archives.append(archive)
        except Damaged:
            continue
    return archives


def schema_of(data: dict | None) -> int:
    if not data:
        return SCHEMA
    schema = data.get("meta", {}).get("1", {}).get("schema", 1)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise Damaged(f"has a schema number that makes no sense ({schema!r})")
    return schema


def migrate(data: dict | None, path: Path, upto: int = SCHEMA) -> bool:
    """Bring `data` up to SCHEMA (or `upto`) in place; whether anything changed. A newer file is refused."""
    if data is None:  # no file yet
        return False
    schema = schema_of(data)
    if schema > SCHEMA:
        raise StorageProblem(
            f"the data file {path} was written by a newer ictrack (schema {schema}; this one reads up to "
            f"{SCHEMA}); upgrade ictrack to use it. Nothing was changed."
        )
    archives = (_archives_beside(path) if schema < 4 else []) if path.name == DATA_FILE else None
    for version in range(schema, upto):
        MIGRATIONS[version](data, archives)
    if schema < upto:
        data["meta"]["1"]["schema"] = upto
    return schema < upto
