"""The data folder's files as tests read them: records as stored, named as ictrack names them in memory.

On disk, records are keyed by uuid (care checks by day), and an item's or check-in's person is the
person's uuid (`person_id`); these helpers give items by ID and people by handle, with the person's
handle where the record names one, so a test can say what it means.
"""

from __future__ import annotations

import json
from pathlib import Path


def read(path: Path) -> dict:
    """A data or archive file's tables, exactly as stored."""
    return json.loads(Path(path).read_text())


def _named(record: dict, handles: dict[str, str]) -> dict:
    if "person_id" not in record:
        return record
    return {("person" if key == "person_id" else key): (handles.get(value, value) if key == "person_id" else value)
            for key, value in record.items()}  # fmt: skip


def handles(data: dict) -> dict[str, str]:
    """uuid -> handle, for the people in a data file's tables."""
    return {uuid: record["handle"] for uuid, record in data.get("people", {}).items()}


def items(path: Path, people_from: Path | None = None) -> dict[int, dict]:
    """A file's items by ID, each with its person's handle; an archive's people are in `people_from`."""
    data = read(path)
    names = handles(read(people_from) if people_from else data)
    return {record["id"]: _named(record, names) for record in data.get("items", {}).values()}


def checkins(path: Path, people_from: Path | None = None) -> list[dict]:
    """A file's check-ins, each with its person's handle."""
    data = read(path)
    names = handles(read(people_from) if people_from else data)
    return [_named(record, names) for record in data.get("checkins", {}).values()]


def key_of(data: dict, item_id: int) -> str:
    """The key item `item_id` is stored under in a file's tables (its uuid)."""
    return next(key for key, record in data["items"].items() if record["id"] == item_id)


def journal(home: Path) -> dict[str, dict]:
    """The undo journal's entries by key, oldest first, as they stand with the data file (see storage.journal)."""
    return _journal(home).entries


def redo(home: Path) -> dict[str, dict]:
    """What redo holds, by key, the last undone last."""
    return _journal(home).redo


def edit_journal(home: Path, change) -> None:
    """Rewrite the journal file whole after `change(entries, redo)` has edited its two sides in place."""
    from ictrack.storage.journal import rewrite

    held = _journal(home)
    change(held.entries, held.redo)
    rewrite(Path(home) / "journal.jsonl", held, _commit(home))


def _commit(home: Path) -> int:
    return read(Path(home) / "ictrack.json")["meta"]["1"].get("commit", 0)


def _journal(home: Path):
    from ictrack.storage.journal import read as read_journal

    return read_journal(Path(home) / "journal.jsonl", _commit(home))
