"""The data folder's health: what `doctor` checks, and how `doctor --restore` repairs what is damaged.

`--restore` plans its whole repair before it writes anything, and reads the planned files as the store
reads them: a repair that would leave a file the store refuses is not made. `doctor` shows the same plan,
so what it says `--restore` would do is what `--restore` does.
"""

from __future__ import annotations

from datetime import datetime
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from ictrack.errors import NotAllowed, StorageProblem
from ictrack.storage.archive import archive_key, by_year, closed_for_good, month_of
from ictrack.storage.files import (
    DATA_FILE,
    Damaged,
    FileStorage,
    OperationBuffer,
    linked_message,
    read_bytes,
    read_data_file,
    write_atomically,
)
from ictrack.storage.journal import (
    JOURNAL,
    JOURNAL_FILE,
    REDO,
    Journal,
    entry_problem,
    numbered,
    redo_problem,
    replay,
    rewrite,
)
from ictrack.storage.journal import problems as journal_problems
from ictrack.storage.migrations import APART, SCHEMA, migrate, schema_of
from ictrack.storage.tables import (
    ARCHIVED,
    UNKNOWN,
    Database,
    commit_of,
    document_number,
    keyed,
    load_state,
    meta_problem,
    people_handles,
    put_all,
    record_problems,
    set_meta,
    unknown_people,
)

if TYPE_CHECKING:
    from ictrack.storage.store import Store


class Examined:
    """What `examine` found: what is damaged and why, by file; the tables of every file that could be parsed,
    sound or not (brought up to SCHEMA in memory where that works); the schema each of those has on disk."""

    __slots__ = ("damaged", "parsed", "schemas", "people", "journal", "journal_raw", "layout")

    def __init__(self) -> None:
        self.damaged: dict[Path, str] = {}
        self.parsed: dict[Path, dict] = {}
        self.schemas: dict[Path, int] = {}
        self.people = 0  # in the data file on disk: an upgrade may make more
        self.journal = Journal()  # the undo journal and redo stack that go with a sound data file
        self.journal_raw: bytes | None = None  # the journal file's bytes, if it was read (for a repair)
        self.layout = SCHEMA  # the data file's schema on disk, which says whether archives hold months or years


def examine(store: Store) -> Examined:
    """Read every file as the store reads it, and note what it refuses."""
    found = Examined()
    damaged, parsed = found.damaged, found.parsed
    try:
        data = read_data_file(store.path)
        if data is None:
            if store.had_data():
                damaged[store.path] = "is missing, but archives or backups of it are there"
        else:
            parsed[store.path] = data
            found.schemas[store.path], found.people = schema_of(data), len(data.get("people", {}))
            if schema_of(data) <= SCHEMA:
                migrate(data, store.path)
                load_state(data)
    except Damaged as damage:
        damaged[store.path] = str(damage)
    data = parsed.get(store.path)
    if data is not None and store.path not in damaged:
        found.journal, found.journal_raw = _journal(store, data, found.schemas[store.path], damaged)
    handles = _handles(store, damaged, parsed)
    found.layout = found.schemas.get(store.path, SCHEMA)
    if store.path not in found.schemas and not any(not by_year(key) for key in store._on_disk()):
        found.layout = APART - 1  # no data file to say: archives by year, and none by month, are the folder's
    for key in store.archives(parsed.get(store.path), found.layout)[1]:
        path = store.archive_path(key)
        try:
            archive = read_data_file(path)
            if archive is None:
                damaged[path] = "is missing"
                continue
            parsed[path] = archive
            found.schemas[path] = schema_of(archive)
            if schema_of(archive) > SCHEMA:
                damaged[path] = f"was written by a newer ictrack (schema {schema_of(archive)})"
                continue
            migrate(archive, path)
            load_state(archive, handles)
        except Damaged as damage:
            damaged[path] = str(damage)
    return found


def _journal(store: Store, data: dict, schema: int, damaged: dict[Path, str]) -> tuple[Journal, bytes | None]:
    """The journal that goes with a sound data file (at `schema` on disk), and the journal file's bytes; a journal
    file that can't be read at all is noted in `damaged`."""
    if schema < APART:
        return Journal(data.get(JOURNAL, {}), data.get(REDO, {})), None
    if store.journal_path.is_symlink():
        damaged[store.journal_path] = "is a symbolic link, which ictrack neither reads nor writes"
        return Journal(), None
    try:
        raw = read_bytes(store.journal_path)
    except FileNotFoundError:
        return Journal(), None
    except OSError as error:
        damaged[store.journal_path] = f"can't be read: {error.strerror}"
        return Journal(), None
    return replay(raw, commit_of(data)), raw


def _handles(store: Store, damaged: dict[Path, str], parsed: dict[Path, dict]) -> dict[str, str]:
    """The people archived records name: the data file's, if it is sound; otherwise they can't be known."""
    data = parsed.get(store.path)
    if data is None or store.path in damaged or schema_of(data) > SCHEMA:
        return UNKNOWN
    return people_handles(data)


def _readable_schema(data: dict) -> bool:
    """Whether a parsed file's schema is one this ictrack reads (its records are then worth naming)."""
    try:
        return schema_of(data) <= SCHEMA
    except Damaged:
        return False


def _upgraded_later(schema: int) -> str:
    return f"schema {schema}" if schema >= SCHEMA else f"schema {schema}; the next change upgrades it to {SCHEMA}"


def checkup(store: Store) -> tuple[list[str], list[str], list[str]]:
    """(problems, facts, what `--restore` would do about the problems) for every file: JSON, schema, every
    record's shape, unique IDs, references, the meta and the undo journal."""
    problems, facts = [], []
    examined = examine(store)
    damaged, parsed = examined.damaged, examined.parsed
    handles = _handles(store, damaged, parsed)
    for path, why in damaged.items():
        named = []
        if path in parsed and _readable_schema(parsed[path]):
            meta = meta_problem(parsed[path])
            named = [f"{path} {meta}."] if meta else []
            named += [f"{path}: {problem}." for problem in
                      record_problems(parsed[path], None if path == store.path else handles)]  # fmt: skip
        problems += named or [f"{path} {why}."]
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
        schema = _upgraded_later(examined.schemas[store.path])
        made = len(live["people"]) - examined.people
        people = f"{len(live['people'])} people" + (f" ({made} of them to be made by the upgrade, for the records "
                                                    "that name them)" if made > 0 else "")  # fmt: skip
        facts.append(f"{store.path}: {len(live['items'])} items, {people}, {schema}.")
        if data.get("meta", {}).get("1", {}).get("pending"):
            facts.append("a move to or from an archive was cut short; the next change finishes it.")
        journal = examined.journal
        where = store.path if examined.schemas[store.path] < APART else store.journal_path
        if journal.damaged:
            problems.append(f"{where}: {_unreadable(journal)}, so undo goes no further back than the line after "
                            "it.")  # fmt: skip
        if journal.cut_short:
            facts.append(f"{where}: its last line was cut short by a write that did not finish, and was never in "
                         "effect; the next change cuts it off.")  # fmt: skip
        named = journal_problems(journal.entries)
        stuck = store.undo_problem(data, journal.entries, examined.schemas[store.path])  # what undo would find
        undo = f"undo journal entry {stuck[0]} can't be undone: {stuck[1]}" if stuck else None
        problems += [f"{where}: {problem}." for problem in [*named, *([undo] if undo not in named else [])]
                     if problem]  # fmt: skip
        redo = journal.redo
        # a way forward, not the data, and the next change empties it: worth knowing, not a problem to repair
        facts += [f"redo entry {number} can't be redone: {damage}; the next change empties what redo holds."
                  for number, key in reversed(numbered(redo)) if (damage := redo_problem(redo[key]))][:1]  # fmt: skip
    listed, kept = store.archives(data, examined.layout)
    stale, among = store.index_out_of_date() if data is not None and store.path not in damaged else (0, 0)
    if stale:
        facts.append(f"{store.index_path} does not describe {stale} of the {among} archives as they are now: the reads "
                     "that would open only some open those whole, until the day's first change or `ictrack doctor "
                     "--restore` writes it anew.")  # fmt: skip
    for key in sorted(store._on_disk() - set(kept)):  # the other kind: what an upgrade to schema 7 left
        facts.append(
            f"{store.archive_path(key)} is left from an upgrade to schema 7 that was cut short; ictrack "
            f"does not read it, and the next change {'removes it' if by_year(key) else 'writes it anew'}."
        )
    archived: dict[int, str] = {}
    uuids = {item.uuid: item.id for item in live["items"].values()} if live else {}
    for path, archive in parsed.items():
        if path == store.path or path in damaged:
            continue
        held = load_state(archive, handles)[0]
        counts = f"{len(held['items'])} items, {len(held['care'])} care checks, {len(held['checkins'])} check-ins"
        older = f", {_upgraded_later(examined.schemas[path])}" if examined.schemas[path] < SCHEMA else ""
        unlisted = "" if archive_key(path) in listed or live is None else (
            " (not yet listed in the data file: a move cut short; the next change lists it)")  # fmt: skip
        facts.append(f"{path}: {counts}{older}.{unlisted}")
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
        highest = max([*live["items"], *archived], default=0)
        if next_id <= highest:
            problems.append(f"the next ID ({next_id}) is not above the highest ID in use ({highest}).")
    good = store.backups.newest_good()
    taken = len(store.backups.all())
    facts.append(f"newest good backup: {good}" if good else f"no good backup among the {taken} in "
                 f"{store.backups.folder}." if taken else "no backup yet (one is taken before the first change of "
                 "each day).")  # fmt: skip
    return problems, facts, _advice(store) if problems else []


def _advice(store: Store) -> list[str]:
    """What `--restore` would do about the problems found, in words: exactly what `plan` says."""
    try:
        repairs = plan(store)
    except NotAllowed:
        return ["Every file still reads, so `ictrack doctor --restore` leaves this as it is: it repairs only "
                "what the store refuses."]  # fmt: skip
    except CantRepair as why:
        return [f"`ictrack doctor --restore` can't repair this: {why}."]
    return [f"`ictrack doctor --restore` would restore {path} {where}." for path, (_, where) in repairs.items()]


class CantRepair(Exception):
    """Why `--restore` can't make the folder readable, in words."""


def plan(store: Store) -> dict[Path, tuple[object, str]]:
    """What `--restore` would write, by file (archives first, the data file last): its tables (the journal's as a
    `JournalRepair`), and how they were made, in words. NotAllowed if nothing is damaged; CantRepair if no repair
    leaves every file readable.

    The data file comes back from the newest backup that holds a sound one (the newest
    whose people every readable archive names, if one does), with its next ID raised above
    every archived item, and the journal file with it from the same backup. An archive is rebuilt from the
    newest copy in a backup that reads with the people of the data file it will sit beside, plus the settled
    records of its year that the newest backup's data file held and the data file no longer does: they moved
    after that backup was taken. An archive that reads alone but names someone the data file (put back) does
    not hold is rebuilt the same way. Undo journal entries that undo could not get past are left out, and so
    are those before a line of the journal file that can't be read. A data file from before schema 7 keeps its
    schema and its journal (the next change upgrades it, archives included). The result is read as the store
    reads it first.
    """
    examined = examine(store)
    damaged, parsed = dict(examined.damaged), examined.parsed
    data = parsed.get(store.path) if store.path not in damaged else None
    if data is not None and schema_of(data) > SCHEMA:
        raise CantRepair(f"{store.path} was written by a newer ictrack; upgrade ictrack rather than restore an "
                         "older backup")  # fmt: skip
    journal = examined.journal
    archives = {path: tables for path, tables in parsed.items() if path != store.path and path not in damaged}
    if data is not None and load_state(data)[1] <= highest_item(archives.values()):
        damaged[store.path] = "has a next ID not above every archived item"
    if not damaged and (data is None or not (journal.damaged or _stuck_journal(store, data, journal))):
        raise NotAllowed("nothing is damaged, so nothing was restored; `ictrack undo` takes back a change.")
    backups = store.backups.all()
    repaired: dict[Path, str] = {}
    if data is None:
        sound = [(folder, tables) for folder in backups if (tables := store.backups.sound(folder)) is not None]
        if not sound:
            raise CantRepair(f"there is no good backup in {store.backups.folder}")
        # the newest whose people every readable archive names, so a sound archive stays as it is
        found = next((folder for folder, tables in sound
                      if all(_reads_with(archive, people_handles(tables)) for archive in archives.values())),
                     sound[0][0])  # fmt: skip
        data = _as_kept(read_data_file(found / DATA_FILE) or {}, store.path)
        repaired[store.path] = f"from the backup {found}"
        journal = _backup_journal(found, data)
        if schema_of(data) >= APART:
            repaired[store.journal_path] = f"from the backup {found}"
    elif examined.schemas[store.path] < APART:
        data = _as_kept(read_data_file(store.path) or {}, store.path)  # read above: it reads again
    elif store.journal_path in damaged:
        journal, repaired[store.journal_path] = Journal(), "as an empty journal: it could not be read"
    elif journal.damaged and examined.journal_raw is not None:
        after = journal.damaged[-1]
        journal = replay(examined.journal_raw, commit_of(data), after=after)
        repaired[store.journal_path] = f"without the entries before its line {after}, which can't be read"
    apart = schema_of(data) >= APART
    people = people_handles(data)
    for path, tables in list(archives.items()):
        try:
            load_state(tables, people)
        except Damaged:
            del archives[path]
            damaged[path] = "names someone the data file does not hold"
    for path in sorted(damaged.keys() - {store.path, store.journal_path}):
        if store.path not in repaired and path in parsed and _reads_alone(parsed[path], people):
            # it reads, but not with the data file kept as it is: that, not the archive, may have lost them
            _only_from_a_copy(store, path, backups, data, unknown_people(parsed[path], people))
        key = archive_key(path)
        assert key is not None  # every file examined but the data file and the journal file is an archive
        archives[path], repaired[path] = _rebuild_archive(store, key, backups, data)
    if store.path in damaged:
        meta = data.setdefault("meta", {}).setdefault("1", {})
        meta["next_id"] = max(load_state(data)[1], highest_item(archives.values()) + 1)
        repaired.setdefault(store.path, "with its next ID raised above every archived item")
    stuck = _stuck_journal(store, data, journal)
    if stuck:
        journal = Journal({key: entry for key, entry in journal.entries.items() if key not in stuck[0]}, journal.redo)
        where = store.journal_path if apart else store.path
        repaired[where] = f"{repaired[where]}, and without {stuck[1]}" if where in repaired else f"without {stuck[1]}"
    if not apart:
        data[JOURNAL], data[REDO] = journal.entries, journal.redo
        if not data[REDO]:
            del data[REDO]
    for path, tables in [(store.path, data), *archives.items()]:
        try:
            load_state(tables, None if path == store.path else people_handles(data))
        except Damaged as damage:
            raise CantRepair(f"even repaired, {path} {damage}") from None
    written: dict[Path, object] = {store.path: data, store.journal_path: JournalRepair(journal, commit_of(data)),
                                   **archives}  # fmt: skip
    return {path: (written[path], repaired[path]) for path in sorted(repaired, key=lambda path: path == store.path)}


def _as_kept(data: dict, path: Path) -> dict:
    """A data file's tables as `--restore` writes them: brought up to SCHEMA, or, from before schema 7, to the
    last schema that keeps the undo journal in the data file (upgrading further moves files: a change does it)."""
    migrate(data, path, upto=SCHEMA if schema_of(data) >= APART else APART - 1)
    return data


class JournalRepair:
    """What `--restore` writes as the journal file: the journal whole, at the data file's commit number."""

    __slots__ = ("journal", "commit")

    def __init__(self, journal: Journal, commit: int) -> None:
        self.journal, self.commit = journal, commit


def _backup_journal(folder: Path, data: dict) -> Journal:
    """The journal that goes with a backup's data file (as `_as_kept` left it): its own tables before schema 7,
    else the journal file beside it in the backup (an empty journal if there is none, or it can't be read)."""
    if schema_of(data) < APART:
        return Journal(data.get(JOURNAL, {}), data.get(REDO, {}))
    try:
        return replay(read_bytes(folder / JOURNAL_FILE), commit_of(data))
    except OSError:
        return Journal()


def _unreadable(journal: Journal) -> str:
    lines = ", ".join(map(str, journal.damaged[:3])) + (" and more" if len(journal.damaged) > 3 else "")
    return f"{'lines' if len(journal.damaged) > 1 else 'line'} {lines} can't be read"


def _reads_with(tables: dict, people: dict[str, str]) -> bool:
    """Whether an archive's tables read with the people (uuid -> handle) of a data file."""
    try:
        load_state(tables, people)
    except Damaged:
        return False
    return True


def _reads_alone(tables: dict, people: dict[str, str]) -> bool:
    """Whether an archive's tables read with `people` (uuid -> handle), were someone to answer to each uuid its
    records name that none of them does: whether that is all that is wrong with it."""
    if not _readable_schema(tables):
        return False
    try:
        load_state(tables, {**people, **dict.fromkeys(unknown_people(tables, people), "someone")})
    except Damaged:
        return False
    return True


def _only_from_a_copy(store: Store, path: Path, backups: list[Path], live: dict, nobody: list[str]) -> None:
    """CantRepair, saying what to do by hand, unless a backup holds a copy of the archive at `path` that reads with
    the people of the data file `live`. The archive reads on its own but names `nobody`, whom the data file does
    not hold: either the archive was edited (a copy from before puts it right), or the data file lost them, most
    likely from a `merged` list, which no backup of the archive can put right: rebuilding it would lose records."""
    people = people_handles(live)
    if any(store.backups.sound(folder, path.name, people) is not None for folder in backups):
        return
    named = ", ".join(repr(uuid) for uuid in nobody[:3]) + (f" and {len(nobody) - 3} more" if len(nobody) > 3 else "")
    them, it = ("the uuids", "them") if len(nobody) > 1 else ("the uuid", "it")
    raise CantRepair(
        f"{path} reads, but names someone {store.path} does not hold: no person there has {them} {named} or lists "
        f"{it} in `merged`, and no backup holds a copy of {path.name} without {it}. If a `merged` list was edited, "
        f"put {it} back in the `merged` list of the person {it} was merged into, in {store.path}"
    )


def _stuck_journal(store: Store, data: dict, journal: Journal) -> tuple[set[str], str] | None:
    """The undo journal entries undo could never undo (the newest it would stop at and every older one, and any
    that is not numbered), and them in words; None if there are none."""
    entries = journal.entries
    ordered = numbered(entries)
    stuck = store.undo_problem(data, entries, schema_of(data)) or next(
        ((number, why) for number, key in reversed(ordered) if (why := entry_problem(entries[key]))), None
    )
    unnumbered = {key for key in entries if document_number(key) is None}
    if stuck is None and not unnumbered:
        return None
    dropped = unnumbered | {key for number, key in ordered if stuck and number <= stuck[0]}
    words = (f"the undo journal from entry {stuck[0]} back, which undo could not get past ({stuck[1]})"
             if stuck else "the undo journal entries that are not numbered")  # fmt: skip
    return dropped, words


def restore(store: Store, now: datetime) -> list[str]:
    """Repair what is damaged, and only that, as `plan` says; one line for each file repaired.

    A damaged file is first copied aside; each repaired file then replaces its damaged one in one step,
    archives before the data file, so a crash at any point leaves each file damaged or repaired and
    `--restore` can run again.
    """
    with store.locked():
        for path in [store.path, store.journal_path, *map(store.archive_path, sorted(store._on_disk()))]:
            if path.is_symlink():  # not damage: a backup in its place would hide what the link's target holds
                raise StorageProblem(linked_message(path))
        try:
            repairs = plan(store)
        except CantRepair as why:
            raise StorageProblem(f"{why}; nothing was changed.") from None
        except NotAllowed:
            if not store.index_out_of_date()[0] or checkup(store)[0]:
                raise  # a problem `--restore` does not repair is a refusal: the index waits for the next change
            store.refresh_index()  # a summary of the archives, not a repair: all there was to do, done
            return [f"Nothing is damaged; {store.index_path} was out of date, and was written anew from the archives."]
        lines = []
        for path, (_, where) in repairs.items():
            kept = _keep_aside(path, now)
            lines.append(f"Restored {path} {where}." + (f" The damaged file is kept as {kept}." if kept else ""))
        for path, (tables, _) in repairs.items():
            if isinstance(tables, JournalRepair):
                _write_journal(path, tables)
            else:
                FileStorage(path).write(tables)  # type: ignore[arg-type]  # every other repair is a file's tables
        store.refresh_index()  # the archives written are no longer what it described
        return lines


def _write_journal(path: Path, repair: JournalRepair) -> None:
    try:
        rewrite(path, repair.journal, repair.commit)
    except OSError as error:
        raise StorageProblem(f"can't write {path}: {error.strerror}; nothing more was changed.") from None


def _rebuild_archive(store: Store, key: str, backups: list[Path], live: dict) -> tuple[dict, str]:
    """An archive's tables rebuilt from the backups, to sit beside the data file `live`, and how, in words (see
    `plan`). A month's copy may be in a backup from before schema 7, inside its year's archive."""
    people = people_handles(live)
    copy = next(((folder, tables) for folder in backups
                 if (tables := _copy_of(store, folder, key, people)) is not None), None)  # fmt: skip
    rebuilt = Database(storage=OperationBuffer, data=copy[1] if copy else {})
    set_meta(rebuilt, {"schema": SCHEMA, "archive": key})
    source = next((tables for folder in backups if (tables := store.backups.sound(folder)) is not None), None)
    gained = 0

    def within(table: str, record: dict) -> bool:
        return month_of(table, record)[: len(key)] == key

    for table in ARCHIVED if source is not None else ():
        held = keyed(rebuilt, table)
        still_live = keyed(Database(storage=OperationBuffer, data=live), table)
        moved = {name: dict(record) for name, record in keyed(Database(storage=OperationBuffer, data=source),
                                                                 table).items()
                 if name not in held and name not in still_live and within(table, record)
                 and (table != "items" or closed_for_good(record))}  # fmt: skip
        put_all(rebuilt, table, moved, held)
        gained += len(moved)
    if copy is None and not gained:
        return rebuilt.storage.data, ("as an empty archive: no backup held a copy that reads, so its records could "
                                      "not be recovered")  # fmt: skip
    where = f"from the backup {copy[0]}" if copy else "from what the backups' data files held"
    since = f", with {gained} record{'' if gained == 1 else 's'} that moved there since" if gained else ""
    return rebuilt.storage.data, where + since


def _copy_of(store: Store, folder: Path, key: str, people: dict[str, str]) -> dict | None:
    """The archive `key`'s tables as a backup holds them, if they read with `people`: its own file, or a month's
    records in its year's archive, in a backup from before schema 7."""
    tables = store.backups.sound(folder, store.archive_path(key).name, people)
    if tables is not None or by_year(key):
        return tables
    year = store.backups.sound(folder, store.archive_path(key[:4]).name, people)
    if year is None:
        return None
    return {table: {name: record for name, record in year.get(table, {}).items() if month_of(table, record) == key}
            for table in ARCHIVED}  # fmt: skip


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
