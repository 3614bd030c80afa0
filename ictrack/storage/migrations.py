"""Schema numbers and the migrations between them: a file is brought up to SCHEMA in memory when read,
and stored upgraded by the next write, after a backup. A file from a newer ictrack is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ictrack.errors import StorageProblem
from ictrack.storage.files import Damaged

SCHEMA = 3


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
