"""The archive index: what each archive holds, so that a read opens only the archives it needs.

`index.json`, beside the archives, holds for each archive (by month, as "2026-10"): the file it
describes (its size and modification time, to the nanosecond: a write replaces the file, which changes
the time, and a copy that keeps the time, as backups and `cp -a` do, is the same file), the item
IDs it holds (as a few runs, `[[1, 517], [830, 830]]`), the first and last day any of its records
names (created, closed, thanked, moved, checked, held), the people its records name (by uuid), what its
items add to each person's row in `people` (`tally`, by uuid: commitments delivered against a due date,
on time, renegotiated in time, moved after the date, and when the first item was made; see
`views.tally`), and the commit number of the data file's write that last changed it (`changed`, from
the archive's own meta).

It is a summary of the archives, never the data. Each write that moves records into or out of archives
writes the index after them; an entry whose file is no longer the one it describes (a write killed in
between, a file restored, copied or edited) is passed over and its archive read whole, and so is an
archive without an entry: with the index missing or unreadable, every archive is read, as before there
was one. The day's first change writes the entries that are out of date anew, and so does `doctor
--restore`. Nothing here decides what a command needs: the store asks, with a test on an entry.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ictrack.storage.files import read_bytes, write_atomically

if TYPE_CHECKING:
    from ictrack.core.model import Item

INDEX_FILE = "index.json"
RUNS = 8  # item ID runs an entry keeps: the IDs of a month are mostly one run, with a few long-open items apart
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def identity(path: Path) -> list[int] | None:
    """What tells one version of a file from another: [size, modification time in ns]; None if it is not there or
    not a regular file."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns] if info.st_mode & 0o170000 == 0o100000 else None


def _runs(ids: list[int]) -> list[list[int]]:
    """Sorted IDs as at most RUNS [first, last] runs: split at the widest gaps, so every ID is inside a run."""
    ids = sorted(set(ids))
    if not ids:
        return []
    gaps = sorted(range(1, len(ids)), key=lambda at: ids[at] - ids[at - 1], reverse=True)[: RUNS - 1]
    cuts = sorted(at for at in gaps if ids[at] - ids[at - 1] > 1)
    starts, ends = [0, *cuts], [*cuts, len(ids)]
    return [[ids[start], ids[end - 1]] for start, end in zip(starts, ends, strict=True)]


def _days(table: str, record: dict) -> Iterable[object]:
    if table == "care":
        return [record.get("day")]
    if table == "checkins":
        return [record.get("at")]
    moves = record.get("moves")
    moved = [move.get("at") if isinstance(move, dict) else None for move in moves] if isinstance(moves, list) else []
    return [record.get("created"), record.get("done_at"), record.get("thanked_at"), *moved]


def summary(tables: dict, changed: object) -> dict | None:
    """An archive's entry (without its file) from its tables as stored; None if a record is not as ictrack writes
    it, so the archive is read whole by every command that might need it, and the damage named there."""
    ids, days, people = [], [], set()
    for table in ("items", "care", "checkins"):
        for record in tables.get(table, {}).values():
            if not isinstance(record, dict):
                return None
            if table == "items":
                if not isinstance(record.get("id"), int) or isinstance(record.get("id"), bool):
                    return None
                ids.append(record["id"])
            for moment in _days(table, record):
                if moment is None:
                    continue
                if not isinstance(moment, str) or not _DAY.match(moment):
                    return None
                days.append(moment[:10])
            person = record.get("person_id")
            if person is not None:
                if not isinstance(person, str):
                    return None
                people.add(person)
    return {"changed": changed if isinstance(changed, int) and not isinstance(changed, bool) else None,
            "ids": _runs(ids), "span": [min(days), max(days)] if days else None, "people": sorted(people)}  # fmt: skip


def tallies(tables: dict, items: dict[int, Item]) -> dict[str, list]:
    """What an archive's items add to each person's row, by the uuid they name (see `views.tally`): [delivered
    against a due date, on time, renegotiated in time, moved after the date, when the first was made]. `items`
    are the model objects of its `tables`, by ID."""
    from ictrack.core.model import stamp
    from ictrack.core.views import tally

    theirs: dict[str, list[Item]] = {}
    for stored in tables.get("items", {}).values():
        item, person = items.get(stored.get("id")), stored.get("person_id")
        if item is not None and isinstance(person, str):
            theirs.setdefault(person, []).append(item)
    counted = {person: tally(held) for person, held in sorted(theirs.items())}
    return {person: [*row[:4], stamp(row.first)] for person, row in counted.items()}


def add_tallies(one: dict[str, list], other: dict[str, list]) -> dict[str, list]:
    """Two `tallies` of items by person, summed (the first item made being the earlier of the two)."""
    from datetime import datetime

    summed = dict(one)
    for person, row in other.items():
        held = summed.get(person)
        if held is None:
            summed[person] = row
            continue
        firsts = [moment for moment in (held[4], row[4]) if moment is not None]
        first = min(firsts, key=lambda moment: datetime.fromisoformat(moment).timestamp()) if firsts else None
        summed[person] = [*(a + b for a, b in zip(held[:4], row[:4], strict=True)), first]
    return summed


def _tally_sound(value: object) -> bool:
    return value is None or (isinstance(value, dict) and all(
        isinstance(row, list) and len(row) == 5 and all(isinstance(n, int) for n in row[:4])
        and (row[4] is None or isinstance(row[4], str)) for row in value.values()))  # fmt: skip


def _sound(entry: object) -> bool:
    """Whether an entry read from the file is as `summary` makes them, with its file."""
    if not isinstance(entry, dict) or set(entry) != {"file", "changed", "ids", "span", "people", "tally"}:
        return False
    if not _tally_sound(entry["tally"]):
        return False
    file, changed, ids, span = entry["file"], entry["changed"], entry["ids"], entry["span"]
    return (
        isinstance(file, list) and len(file) == 2 and all(isinstance(number, int) for number in file)
        and (changed is None or isinstance(changed, int))
        and isinstance(ids, list) and all(isinstance(run, list) and len(run) == 2
                                          and all(isinstance(n, int) for n in run) for run in ids)
        and (span is None or (isinstance(span, list) and len(span) == 2 and all(isinstance(day, str) for day in span)))
        and isinstance(entry["people"], list) and all(isinstance(uuid, str) for uuid in entry["people"])
    )  # fmt: skip


class Index:
    """The entries of a folder's index file, by archive."""

    def __init__(self, home: Path, entries: dict[str, dict] | None = None) -> None:
        self.path = home / INDEX_FILE
        self.entries = entries or {}

    @classmethod
    def read(cls, home: Path) -> Index:
        """The index of the folder `home`: empty if there is none or it can't be read (each archive is then read
        whole), leaving out any entry that is not as ictrack writes them."""
        try:
            held = json.loads(read_bytes(home / INDEX_FILE))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return cls(home)
        entries = held.get("archives") if isinstance(held, dict) else None
        if not isinstance(entries, dict):
            return cls(home)
        return cls(home, {key: entry for key, entry in entries.items() if _sound(entry)})

    def fresh(self, key: str, path: Path) -> dict | None:
        """The entry of the archive `key` at `path`, if it describes the file as it is now."""
        entry = self.entries.get(key)
        return entry if entry is not None and entry["file"] == identity(path) else None

    def note(self, key: str, path: Path, tables: dict, tally: dict[str, list] | None) -> None:
        """Describe the archive `key`, just written to `path` with `tables` (and, if known, the `tally` of its items
        by person: see `tallies`)."""
        entry = summary(tables, tables.get("meta", {}).get("1", {}).get("changed"))
        file = identity(path)
        if entry is None or file is None:
            self.entries.pop(key, None)
        else:
            self.entries[key] = {"file": file, **entry, "tally": tally}

    def write(self, keep: Iterable[str]) -> None:
        """Write the index with the entries of the archives `keep` (the folder's), atomically."""
        kept = set(keep)
        entries = {key: self.entries[key] for key in sorted(self.entries) if key in kept}
        write_atomically(self.path, json.dumps({"archives": entries}, separators=(",", ":")))


def holds_id(item_id: int) -> Callable[[dict], bool]:
    """A test on an entry: whether its archive may hold the item with this ID."""
    return lambda entry: any(first <= item_id <= last for first, last in entry["ids"])


def changed_since(commit: int) -> Callable[[dict], bool]:
    """A test on an entry: whether its archive was written at or after the data file's write number `commit` (or
    may have been)."""
    return lambda entry: entry["changed"] is None or entry["changed"] >= commit


def spans(first: str, last: str) -> Callable[[dict], bool]:
    """A test on an entry: whether its archive may hold a record that names a day from `first` to `last` (ISO
    days), a day either side included: a moment's day in its own offset may be the next or last day elsewhere."""
    from datetime import date, timedelta

    low = (date.fromisoformat(first) - timedelta(days=1)).isoformat()
    high = (date.fromisoformat(last) + timedelta(days=1)).isoformat()
    return lambda entry: entry["span"] is not None and entry["span"][1] >= low and entry["span"][0] <= high


def may_count(first: str, last: str) -> Callable[[str, dict], bool]:
    """A test on a stored record: whether it may count in the days `first` to `last` (ISO days): it names a day
    in them or after, and was made by their end (a day either side included, as in `spans`). What it passes is
    weighed exactly by whoever reads it; a record that is not as ictrack writes it passes, to be named."""
    from datetime import date, timedelta

    low = (date.fromisoformat(first) - timedelta(days=1)).isoformat()
    high = (date.fromisoformat(last) + timedelta(days=1)).isoformat()

    def test(table: str, record: dict) -> bool:
        days = [moment[:10] for moment in _days(table, record) if isinstance(moment, str)]
        if len(days) != sum(moment is not None for moment in _days(table, record)):
            return True
        return not days or (max(days) >= low and min(days) <= high)

    return test
