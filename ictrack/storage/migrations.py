"""Schema numbers and the migrations between them: a file is brought up to SCHEMA in memory when read,
and stored upgraded by the next write, after a backup. A file from a newer ictrack is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ictrack.errors import StorageProblem
from ictrack.storage.files import Damaged

SCHEMA = 4


def _migrate_1_to_2(data: dict) -> None:
    """Schema 2 lists the archive files, so a missing one is noticed rather than read as no history."""
    meta = data.setdefault("meta", {}).setdefault("1", {})
    meta.setdefault("archives", [])


def _migrate_2_to_3(data: dict) -> None:
    """Schema 3 items may repeat (`recur`). Nothing to convert: the number is raised so that an
    ictrack that reads only schema 2, and would drop `recur` on its next write, refuses the file."""


def _migrate_3_to_4(data: dict) -> None:
    """Schema 4 keys every record by its identity, not by a number one machine handed out: items, people and
    check-ins by uuid, care checks by day. An item's or check-in's person is named by the person's uuid
    (`person_id`), derived from their handle, so a person keeps their history when renamed. The same file
    gives the same uuids, so a data file and its archives can be upgraded one at a time. The journal's entries
    keep the older keys; `undo` reads them as they are."""
    from ictrack.core.ops import person_uuid

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


# MIGRATIONS[n] turns a schema-n file into a schema n+1 one, in place; they run in order.
MIGRATIONS: dict[int, Callable[[dict], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4}


def schema_of(data: dict | None) -> int:
    if not data:
        return SCHEMA
    schema = data.get("meta", {}).get("1", {}).get("schema", 1)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise Damaged(f"has a schema number that makes no sense ({schema!r})")
    return schema


def migrate(data: dict | None, path: Path) -> bool:
    """Bring `data` up to SCHEMA in place; whether anything changed. A newer file is refused."""
    if data is None:  # no file yet
        return False
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
