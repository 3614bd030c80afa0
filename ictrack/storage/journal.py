"""The undo journal and the redo stack: their entries, and the file that keeps them beside the data file.

A journal entry holds the records one change replaced; a redo entry, those an undo put back (`before`)
and the ones it replaced (`after`), so `redo` can lay the change over them again.

An entry is undone only if it is as ictrack writes it: numbered "1", "2", …; a summary; the schema it was
written at; and `before`, the records it replaced by table and key (None for a record it added). One that is
not can't be undone, and `undo` stops there rather than guess; doctor names it. A damaged entry does not stop
other changes: the journal is a way back, not the data, so the user's work goes on while undo waits.

Both live in `journal.jsonl`, one JSON object a line, so a change adds its entry without reading the file.
Each line is what one write of the data file did to them, under the data file's commit number (`commit`
in its meta, one higher at each change, undo and redo): `{"commit": 8, "journal": {"8": ENTRY}, "redo":
null}` for a change (null: the redo stack emptied), `{"commit": 9, "journal": {"8": null}, "redo": {"9":
ENTRY}}` for its undo. A line with `"whole": true` holds both whole (the first line, once the file is
compacted). The line goes to the file before the data file is written: the data file's commit number is
what puts it in effect. A line numbered above it is from a write killed in between, which changed nothing,
and is passed over; the next write takes the same number again, and of two lines with one number the later
counts. A last line cut short by a kill is passed over, and cut off by the next write. So a kill between
the two writes neither loses an entry for a change that was made nor leaves one for a change that was not.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from ictrack.core.model import RecordError
from ictrack.storage.files import Damaged, Linked, read_bytes, sync_folder, write_all, write_atomically
from ictrack.storage.migrations import SCHEMA
from ictrack.storage.tables import MODELS, TABLES, document_number, from_stored, shown

JOURNAL_FILE = "journal.jsonl"
JOURNAL = "journal"  # the side of the changes `undo` takes back
REDO = "redo"  # the side of what `undo` took back, which `redo` puts back
SIDES = (JOURNAL, REDO)
JOURNAL_LIMIT = 100  # entries kept on each side, the newest


def entry_problem(entry: Mapping) -> str | None:
    """Why an entry can't be undone, in words; None if it can."""
    schema = entry.get("schema", 3)  # entries from before schema 4 carried no number
    if isinstance(schema, bool) or not isinstance(schema, int) or not 1 <= schema <= SCHEMA:
        return f"its schema number makes no sense ({shown(schema)})"
    if not isinstance(entry.get("summary"), str):
        return "it does not say what the change was"
    before = entry.get("before")
    if not isinstance(before, dict):
        return "it holds no record of what the change replaced"
    for table, records in before.items():
        if table not in TABLES:
            return f"it would put back records in {shown(table)}, which is not a table of records"
        if not isinstance(records, dict) or not all(record is None or isinstance(record, dict)
                                                    for record in records.values()):  # fmt: skip
            return f"what it replaced in {table} is not a set of records"
        for key, record in records.items():
            why = None if record is None else _record_problem(table, key, record, schema)
            if why is not None:
                return f"what it would put back in {table} is damaged ({shown(key)}: {why})"
    return None


def redo_problem(entry: Mapping) -> str | None:
    """Why a redo entry can't be redone, in words; None if it can. It is written at SCHEMA, never older."""
    if entry.get("schema") != SCHEMA:
        return f"its schema number is not {SCHEMA} ({shown(entry.get('schema'))})"
    why = entry_problem(entry)
    if why is None and not isinstance(entry.get("after"), dict):
        return "it holds no record of what the undo replaced"
    why = why or entry_problem({**entry, "before": entry["after"]})
    if why is None and _named(entry["before"]) != _named(entry["after"]):
        # else undoing the redo would put back records other than those the redo replaced
        return "what it would put back and what it would replace are not the same records"
    return why


def _named(records: Mapping[str, Mapping]) -> set[tuple[str, str]]:
    return {(table, key) for table, rows in records.items() for key in rows}


def _record_problem(table: str, key: str, record: dict, schema: int) -> str | None:
    """What is wrong with one record an entry would put back, as the reader checks it alone (who it names is
    checked with the rest of the file, when it is put back)."""
    if schema < 4 and table == "items" and not isinstance(record.get("uuid"), str):
        return "it has no uuid"  # schema 4 finds the item by it
    person_id = record.get("person_id")
    anyone = {person_id: "someone"} if isinstance(person_id, str) else {}  # a check-in must name someone
    try:
        loaded = from_stored(table, record, anyone) if schema >= 4 else MODELS[table].from_record(record)
    except RecordError as error:
        return str(error)
    if schema >= 4 and str(getattr(loaded, TABLES[table])) != key:
        return f"it is kept under that key, not its {TABLES[table]}"
    return None


def numbered(journal: Mapping[str, Mapping]) -> list[tuple[int, str]]:
    """(number, key) of every numbered entry, oldest first (as `Journal` orders them); an entry with any other key
    has no place in it."""
    return [(number, key) for key in journal if (number := document_number(key)) is not None]


def problems(journal: Mapping[str, Mapping]) -> list[str]:
    """Every entry `undo` would refuse, named, newest first: undo stops at the newest of them."""
    found = [f"undo journal entry {number} can't be undone: {why}"
             for number, key in reversed(numbered(journal)) if (why := entry_problem(journal[key]))]  # fmt: skip
    unnumbered = sorted(key for key in journal if document_number(key) is None)
    found += [f"undo journal entry {shown(key)} is not numbered, so it can't be undone" for key in unnumbered]
    return found


class Journal:
    """The undo journal and the redo stack as they stand with a data file at its commit number: each side's entries
    by key, oldest first, and what kept any line of the file from being read."""

    __slots__ = ("entries", "redo", "damaged", "cut_short")

    def __init__(self, entries: dict[str, dict] | None = None, redo: dict[str, dict] | None = None) -> None:
        self.entries = _ordered(entries or {})
        self.redo = _ordered(redo or {})
        self.damaged: list[int] = []  # the numbers of the lines that can't be read (a last line cut short aside)
        self.cut_short = False  # the file ends in a line a killed write cut short, which was never in effect

    def side(self, name: str) -> dict[str, dict]:
        return self.entries if name == JOURNAL else self.redo

    def damage(self, path: Path) -> str | None:
        """Why undo can't trust the file, in words: a line that can't be read, where a change may be missing."""
        if not self.damaged:
            return None
        lines = ", ".join(map(str, self.damaged[:3])) + (" and more" if len(self.damaged) > 3 else "")
        return f"{path.name} has {'lines' if len(self.damaged) > 1 else 'line'} {lines} that can't be read"


def _ordered(entries: Mapping[str, dict]) -> dict[str, dict]:
    """A side's entries as a file holds them whole: the ones that are not numbered first, then by number."""
    loose = [key for key in entries if document_number(key) is None]
    by_number = sorted((number, key) for key in entries if (number := document_number(key)) is not None)
    return {key: entries[key] for key in [*loose, *(key for _, key in by_number)]}


def _trim(entries: dict[str, dict]) -> None:
    """After an entry is added: keep the newest JOURNAL_LIMIT numbered ones; one under a key that is no number has
    no place in the order, so it can never be used, and goes too."""
    kept = {key for _, key in numbered(entries)[-JOURNAL_LIMIT:]}
    for key in [key for key in entries if key not in kept]:
        del entries[key]


def _line(text: bytes) -> dict | None:
    """A line of the journal file, if it is one as ictrack writes it."""
    try:
        line = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(line, dict) or set(line) - {"commit", "whole", *SIDES}:
        return None
    commit, whole = line.get("commit"), line.get("whole", False)
    if isinstance(commit, bool) or not isinstance(commit, int) or commit < 0 or whole not in (True, False):
        return None
    for side in SIDES:
        changes = line.get(side, {})
        if changes is None and not whole:
            continue  # the side emptied
        if not isinstance(changes, dict) or not all(
            isinstance(entry, dict) or (entry is None and not whole) for entry in changes.values()
        ):
            return None
    return line


def replay(raw: bytes, commit: int, after: int = 0) -> Journal:
    """The journal and redo stack a file's lines (those after line `after`) give at the data file's `commit`."""
    journal = Journal()
    texts = raw.split(b"\n")
    last = texts.pop()  # what follows the last newline: a line a killed write cut short, if anything
    lines: dict[int, dict] = {}  # by commit number: the later of two lines with one number counts
    for number, text in enumerate(texts, 1):
        if number <= after or not text.strip():
            continue
        line = _line(text)
        if line is None:
            journal.damaged.append(number)
        else:
            lines[line["commit"]] = line
    if last.strip():
        line = _line(last)
        if line is None:
            journal.cut_short = True
        else:
            lines[line["commit"]] = line
    in_effect = sorted(number for number in lines if number <= commit)
    start = max((number for number in in_effect if lines[number].get("whole")), default=0)
    for number in in_effect:
        if number >= start:
            _apply(journal, lines[number])
    return journal


def _apply(journal: Journal, line: dict) -> None:
    if line.get("whole"):
        journal.entries, journal.redo = _ordered(line.get(JOURNAL, {})), _ordered(line.get(REDO, {}))
        return
    for side in SIDES:
        if side not in line:
            continue
        held, changes = journal.side(side), line[side]
        if changes is None:
            held.clear()
            continue
        for key, entry in changes.items():
            held.pop(key, None)
            if entry is not None:
                held[key] = entry
        if any(entry is not None for entry in changes.values()):
            _trim(held)


def read(path: Path, commit: int) -> Journal:
    """The journal file at `path` as it stands with a data file at `commit` (empty if there is no file); Damaged
    if it can't be read at all."""
    if path.is_symlink():
        raise Linked("is a symbolic link; ictrack writes by replacing the file, which would break the link")
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        return Journal()
    except OSError as error:
        raise Damaged(f"can't be read: {error.strerror}") from None
    return replay(raw, commit)


def encode(line: dict) -> bytes:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def append(path: Path, line: dict) -> None:
    """Add `line` at the end of the journal file (made if there is none), flushed to disk. A last line a killed
    write cut short is cut off first; one that reads (its newline lost) is ended instead."""
    content = encode(line)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC)
        made = False
    except FileNotFoundError:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        made = True
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            content = _end_last_line(fd, size) + content
        write_all(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    if made:
        sync_folder(path.parent)


def _end_last_line(fd: int, size: int) -> bytes:
    """What to write before a new line when the file's last one has no newline: the newline it lacks if it reads,
    else nothing, the unreadable part cut off."""
    start, tail = size, b""
    while start > 0:
        chunk = os.pread(fd, min(start, 1 << 16), max(start - (1 << 16), 0))
        start -= len(chunk)
        tail = chunk + tail
        if b"\n" in chunk:
            break
    cut = tail.rfind(b"\n") + 1
    if _line(tail[cut:]) is not None:
        return b"\n"
    os.ftruncate(fd, start + cut)
    return b""


def rewrite(path: Path, journal: Journal, commit: int, *lines: dict) -> None:
    """Replace the journal file with `journal` whole, as at `commit`, and `lines` after it (atomically)."""
    whole = {"commit": commit, "whole": True, JOURNAL: journal.entries, REDO: journal.redo}
    write_atomically(path, b"".join(encode(line) for line in (whole, *lines)))
