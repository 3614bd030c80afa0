"""The undo journal and the redo stack: numbered entries in the data file, newest last.

A journal entry holds the records one change replaced; a redo entry, those an undo put back (`before`)
and the ones it replaced (`after`), so `redo` can lay the change over them again.

An entry is undone only if it is as ictrack writes it: numbered "1", "2", …; a summary; the schema it was
written at; and `before`, the records it replaced by table and key (None for a record it added). One that is
not can't be undone, and `undo` stops there rather than guess; doctor names it. A damaged entry does not stop
other changes: the journal is a way back, not the data, so the user's work goes on while undo waits.
"""

from __future__ import annotations

from collections.abc import Mapping

from ictrack.core.model import RecordError
from ictrack.storage.migrations import SCHEMA
from ictrack.storage.tables import MODELS, TABLES, document_number, from_stored, shown

REDO = "redo"  # the data file's table of what `undo` took back, which `redo` puts back


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
    """(number, key) of every numbered entry, oldest first; an entry with any other key has no place in it."""
    return sorted((number, key) for key in journal if (number := document_number(key)) is not None)


def problems(journal: Mapping[str, Mapping]) -> list[str]:
    """Every entry `undo` would refuse, named, newest first: undo stops at the newest of them."""
    found = [f"undo journal entry {number} can't be undone: {why}"
             for number, key in reversed(numbered(journal)) if (why := entry_problem(journal[key]))]  # fmt: skip
    unnumbered = sorted(key for key in journal if document_number(key) is None)
    found += [f"undo journal entry {shown(key)} is not numbered, so it can't be undone" for key in unnumbered]
    return found
