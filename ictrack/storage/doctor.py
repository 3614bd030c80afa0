"""The data folder's health: what `doctor` checks, and how `doctor --restore` repairs what is damaged."""

from __future__ import annotations

from datetime import datetime
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from ictrack.errors import NotAllowed, StorageProblem
from ictrack.storage.archive import archive_year, closed_for_good, year_of
from ictrack.storage.files import Damaged, FileStorage, OperationBuffer, read_bytes, read_data_file, write_atomically
from ictrack.storage.migrations import SCHEMA, migrate, schema_of
from ictrack.storage.tables import (
    ARCHIVED,
    UNKNOWN,
    Database,
    keyed,
    load_state,
    people_handles,
    put_all,
    record_problems,
    set_meta,
)

if TYPE_CHECKING:
    from ictrack.storage.store import Store


def examine(store: Store) -> tuple[dict[Path, str], dict[Path, dict]]:
    """(what is damaged and why, by file; the tables of every file that could be parsed, sound or not).

    The data file's tables are brought up to SCHEMA in memory, unless it is from a newer ictrack.
    """
    damaged: dict[Path, str] = {}
    parsed: dict[Path, dict] = {}
    try:
        data = read_data_file(store.path)
        if data is None:
            if store.had_data():
                damaged[store.path] = "is missing, but archives or backups of it are there"
        else:
            parsed[store.path] = data
            if schema_of(data) <= SCHEMA:
                migrate(data, store.path)
                load_state(data)
    except Damaged as damage:
        damaged[store.path] = str(damage)
    handles = _handles(store, damaged, parsed)
    for year in store.archive_years(parsed.get(store.path))[1]:
        path = store.archive_path(year)
        try:
            archive = read_data_file(path)
            if archive is None:
                damaged[path] = "is missing"
                continue
            parsed[path] = archive
            if schema_of(archive) > SCHEMA:
                damaged[path] = f"was written by a newer ictrack (schema {schema_of(archive)})"
                continue
            migrate(archive, path)
            load_state(archive, handles)
        except Damaged as damage:
            damaged[path] = str(damage)
    return damaged, parsed


def _handles(store: Store, damaged: dict[Path, str], parsed: dict[Path, dict]) -> dict[str, str]:
    """The people archived records name: the data file's, if it is sound; otherwise they can't be known."""
    data = parsed.get(store.path)
    if data is None or store.path in damaged or schema_of(data) > SCHEMA:
        return UNKNOWN
    return people_handles(data)


def checkup(store: Store) -> tuple[list[str], list[str]]:
    """(problems, facts) about every file: JSON, schema, every record's shape, unique IDs, references."""
    problems, facts = [], []
    damaged, parsed = examine(store)
    handles = _handles(store, damaged, parsed)
    for path, why in damaged.items():
        named = record_problems(parsed[path], None if path == store.path else handles) if path in parsed else []
        problems += [f"{path}: {problem}." for problem in named] or [f"{path} {why}."]
    data = parsed.get(store.path) if store.path not in damaged else None
    if data is not None and schema_of(data) > SCHEMA:
        problems.append(f"{store.path} was written by a newer ictrack (schema {schema_of(data)}); upgrade ictrack.")
        data = None
    if store.path not in parsed and store.path not in damaged:
        facts.append(f"{store.path} does not exist yet: nothing stored.")
    live: dict[str, dict] | None = None
    next_id = 0
    if data is not None:
        live, next_id = load_state(data)
        facts.append(f"{store.path}: {len(live['items'])} items, {len(live['people'])} people, schema {SCHEMA}.")
        if data.get("meta", {}).get("1", {}).get("pending"):
            facts.append("a move to or from an archive was cut short; the next change finishes it.")
    listed = store.archive_years(data)[0]
    archived: dict[int, str] = {}
    uuids = {item.uuid: item.id for item in live["items"].values()} if live else {}
    for path, archive in parsed.items():
        if path == store.path or path in damaged:
            continue
        held = load_state(archive, handles)[0]
        counts = f"{len(held['items'])} items, {len(held['care'])} care checks, {len(held['checkins'])} check-ins."
        unlisted = "" if archive_year(path) in listed or live is None else (
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
    good = store.backups.newest_good()
    facts.append(f"newest good backup: {good}" if good else "no backup yet (one is taken before the first "
                 "change of each day).")  # fmt: skip
    return problems, facts


def restore(store: Store, now: datetime) -> list[str]:
    """Repair what is damaged, and only that, from the backups; one line for each file repaired.

    The data file comes back from the newest backup that holds a sound one, with its next ID raised
    above every archived item. An archive is rebuilt from the newest sound copy in a backup, plus the
    settled records of its year that the newest backup's data file held and the data file no longer
    does: they moved after that backup was taken. A damaged file is first copied aside; each repaired
    file then replaces its damaged one in one step, archives before the data file, so a crash at any
    point leaves each file damaged or repaired and `--restore` can run again.
    """
    with store.locked():
        damaged, parsed = examine(store)
        data = parsed.get(store.path) if store.path not in damaged else None
        if data is not None and schema_of(data) > SCHEMA:
            raise StorageProblem(f"{store.path} was written by a newer ictrack; upgrade ictrack rather than "
                                 "restore an older backup. Nothing was changed.")  # fmt: skip
        archives = {path: tables for path, tables in parsed.items() if path != store.path and path not in damaged}
        if data is not None and load_state(data)[1] <= highest_item(archives.values()):
            damaged[store.path] = "has a next ID not above every archived item"
        if not damaged:
            raise NotAllowed("nothing is damaged, so nothing was restored; `ictrack undo` takes back a change.")
        backups = store.backups.all()
        repaired: dict[Path, str] = {}
        if data is None:
            found = next(((folder, tables) for folder in backups
                          if (tables := store.backups.sound(folder)) is not None), None)  # fmt: skip
            if found is None:
                raise StorageProblem(f"there is no good backup in {store.backups.folder}; nothing was changed.")
            data, repaired[store.path] = found[1], f"from the backup {found[0]}"
            migrate(data, store.path)
        for path in sorted(damaged.keys() - {store.path}):
            year = archive_year(path)
            assert year is not None  # every file examined but the data file is an archive
            archives[path], repaired[path] = _rebuild_archive(store, year, backups, data)
        if store.path in damaged:
            meta = data.setdefault("meta", {}).setdefault("1", {})
            meta["next_id"] = max(load_state(data)[1], highest_item(archives.values()) + 1)
            repaired.setdefault(store.path, "with its next ID raised above every archived item")
        lines = []
        for path, where in repaired.items():
            kept = _keep_aside(path, now)
            lines.append(f"Restored {path} {where}." + (f" The damaged file is kept as {kept}." if kept else ""))
        for path in sorted(repaired.keys() - {store.path}):
            FileStorage(path).write(archives[path])
        if store.path in repaired:
            FileStorage(store.path).write(data)
        return lines


def _rebuild_archive(store: Store, year: int, backups: list[Path], live: dict) -> tuple[dict, str]:
    """An archive's tables rebuilt from the backups, and how, in words (see `restore`)."""
    name = store.archive_path(year).name
    copy = next(
        ((folder, tables) for folder in backups if (tables := store.backups.sound(folder, name)) is not None), None
    )
    rebuilt = Database(storage=OperationBuffer, data=copy[1] if copy else {})
    set_meta(rebuilt, {"schema": SCHEMA, "year": year})
    source = next((tables for folder in backups if (tables := store.backups.sound(folder)) is not None), None)
    gained = 0
    for table in ARCHIVED if source is not None else ():
        held = keyed(rebuilt, table)
        still_live = keyed(Database(storage=OperationBuffer, data=live), table)
        moved = {key: dict(record) for key, record in keyed(Database(storage=OperationBuffer, data=source),
                                                               table).items()
                 if key not in held and key not in still_live and year_of(table, record) == year
                 and (table != "items" or closed_for_good(record))}  # fmt: skip
        put_all(rebuilt, table, moved, held)
        gained += len(moved)
    if copy is None and not gained:
        return rebuilt.storage.data, "as an empty archive: no backup held it, so its records could not be recovered"
    where = f"from the backup {copy[0]}" if copy else "from what the backups' data files held"
    since = f", with {gained} record{'' if gained == 1 else 's'} that moved there since" if gained else ""
    return rebuilt.storage.data, where + since


def _keep_aside(path: Path, now: datetime) -> Path | None:
    """Copy a damaged file aside before it is replaced (a new file: the damaged one stays until then)."""
    try:
        raw = read_bytes(path)
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


def highest_item(tables) -> int:
    """The highest item ID in some files' tables."""
    return max((record["id"] for data in tables for record in data.get("items", {}).values()), default=0)
