"""The operations both shells call: add, done, move, drop, edit, undo, list, brief.

Each write is one store change (one lock, one atomic write, one undo step).
Checks come before any change, so a refused command leaves the data untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ictrack.core import ops
from ictrack.core.dates import parse_past, parse_when, zone_of
from ictrack.core.history import History, Origin, Step
from ictrack.core.model import (
    KINDS,
    RELATIONS,
    CareCheck,
    CheckIn,
    Item,
    Person,
    Risk,
    soonest_due_first,
    stamp,
    uuid_text,
)
from ictrack.core.quickadd import (
    QuickAdd,
    check_priority,
    normalize_handle,
    normalize_tag,
    parse_quick_add,
    similar_handles,
)
from ictrack.core.recurrence import first_due, new_series
from ictrack.core.relations import by_person, care_questions, care_streak, checkin_due, thanks_owed
from ictrack.core.risk import ATTENTION, assess_all, attention
from ictrack.core.settings import CHECKIN_DAYS, Config
from ictrack.core.state import Change, State
from ictrack.errors import BadInput, NotAllowed, NotFound
from ictrack.storage import Store, write_atomically
from ictrack.storage.tables import due_about
from ictrack.text import plural

if TYPE_CHECKING:
    from ictrack.core.nudges import Nudge
    from ictrack.core.search import Found
    from ictrack.core.views import Agenda, PersonRow
    from ictrack.interop.transfer import Imported

T = TypeVar("T")
LIST_STATUSES = {"open": ("open",), "waiting": ("open",), "done": ("done",), "all": ("open", "done", "dropped")}


def new_uuid() -> str:
    """A random uuid (version 4) for a new record."""
    return uuid_text(os.urandom(16), 4)


class Brief:
    """The morning brief: what needs me today."""

    __slots__ = ("now", "overdue", "at_risk", "today", "follow_up", "risks", "thanks", "checkins_due", "care",
                 "streak", "stale", "nudges", "waiting")  # fmt: skip

    def __init__(self, now, overdue, at_risk, today, follow_up, risks, thanks, checkins_due, care, streak,
                 stale=(), nudges=None, waiting=()):  # fmt: skip
        self.now, self.overdue, self.at_risk, self.today = now, overdue, at_risk, today
        self.follow_up, self.risks, self.thanks, self.checkins_due = follow_up, risks, thanks, checkins_due
        self.care, self.streak = care, streak
        self.stale: list[Item] = list(stale)  # asks with no due date, unchanged for stale_days
        self.nudges: dict[int, str] = nudges or {}  # the nudge draft of each ask to follow up, by ID
        self.waiting: list[Item] = list(waiting)  # open items snoozed until a later day, left out of the rest

    @property
    def sections(self) -> list[tuple[str, list[Item]]]:
        """The commitments in the status line's disjoint groups (docs/brief.md), then the asks to follow up."""
        commitments = zip(ATTENTION, (self.overdue, self.at_risk, self.today), strict=True)
        return [*commitments, ("Follow up (asks past due)", self.follow_up),
                ("Gone quiet (asks with no due date)", self.stale)]  # fmt: skip


class Glance:
    """The counts of `ictrack status`, each a field its `--format` may name (docs/reach.md#status)."""

    __slots__ = ("overdue", "at_risk", "today", "follow_up", "thanks", "checkins", "waiting", "care")
    FIELDS = __slots__

    def __init__(self, overdue: int, at_risk: int, today: int, follow_up: int, thanks: int, checkins: int,
                 waiting: int, care: bool) -> None:  # fmt: skip
        self.overdue, self.at_risk, self.today, self.follow_up = overdue, at_risk, today, follow_up
        self.thanks, self.checkins, self.waiting, self.care = thanks, checkins, waiting, care


class Overview:
    """Everything the morning review shows, from one read of the data."""

    __slots__ = ("now", "items", "risks", "thanks", "people", "care", "streak", "nudges")

    def __init__(self, now, items, risks, thanks, people, care, streak, nudges=None):
        self.now, self.items, self.risks, self.thanks, self.people = now, items, risks, thanks, people
        self.care, self.streak = care, streak
        self.nudges: dict[int, str] = nudges or {}  # the nudge draft of each ask past due or gone quiet, by ID

    @property
    def empty(self) -> bool:
        return not self.items and not self.people


class Logged:
    """What a quick add saved: the item and its risk, and what the text was understood as."""

    __slots__ = ("item", "risk", "understood")

    def __init__(self, item: Item, risk: Risk, understood: QuickAdd) -> None:
        self.item, self.risk, self.understood = item, risk, understood


class TaskReport:
    """What an import from Taskwarrior did, for its summary line."""

    def __init__(self, source: str, added: list[Item], skipped: list[tuple[str, str]], notes: list[str]):
        self.source, self.added, self.skipped, self.notes = source, added, skipped, notes

    def summary(self) -> str:
        """`Imported 9 tasks from tasks.json (6 open, 2 done, 1 dropped); skipped 6: 5 already imported, …`"""
        counts = {status: sum(item.status == status for item in self.added) for status in ("open", "done", "dropped")}
        shown = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
        line = f"Imported {plural(len(self.added), 'task')} from {self.source}"
        line += f" ({shown})" if shown else ""
        if self.skipped:
            reasons: dict[str, int] = {}
            for _, why in self.skipped:
                reasons[why] = reasons.get(why, 0) + 1
            line += f"; skipped {len(self.skipped)}: " + ", ".join(f"{n} {why}" for why, n in reasons.items())
        return line + "." + "".join(f"\nNote: {note}." for note in self.notes)


def open_service(home: Path | None = None, config: Config | None = None, clock: Callable[[], datetime] | None = None,
                 *, lock_timeout: float | None = None, running: bool = False) -> Service:  # fmt: skip
    """The service on a data folder, for either shell; what is not given comes from the environment.

    A command sees one moment from start to end; with `running` (the TUI), the clock moves on, and the
    changes it makes are noted as the TUI's.
    """
    from ictrack import environment

    home = environment.data_home() if home is None else home
    config = environment.load_config() if config is None else config
    lock_timeout = environment.lock_timeout() if lock_timeout is None else lock_timeout
    if clock is None:
        zone = environment.local_zone()
        moment = environment.current_time(zone)  # a bad ICTRACK_NOW is an error before anything else happens
        clock = (lambda: environment.current_time(zone)) if running else (lambda: moment)
    origin = environment.origin("tui" if running else "cli")
    return Service(Store(home, lock_timeout=lock_timeout), config, clock, origin)


def write_output(path: Path, text: str, *, replace: bool) -> None:
    """Write a file the user asked for (an export, a report) whole or not at all, private; for the shells.

    FileExistsError if `path` exists and not `replace`; any other failure is an OSError, with nothing left behind.
    """
    write_atomically(path, text, replace=replace)


def remove_output(path: Path) -> bool:
    """Remove a file ictrack wrote outside its data folder (a timer it installed); whether it was there."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def save_setting(path: Path, key: str, value: str) -> Path:
    """Set the top-level `key` of the config file at `path` to `value`, keeping every other line as written.

    A link (a dotfiles folder) stays a link: the file it names is rewritten, atomically, keeping its mode;
    a missing file is created, private. The file written; NotAllowed or BadInput if it can't be.
    """
    from ictrack.core.settings import with_setting

    target, found = _config_file(path, f"the {key} can't be saved in it")
    try:
        text = target.read_bytes().decode("utf-8") if found else ""
    except UnicodeDecodeError:
        raise BadInput(f"the config file {path} is not UTF-8 text.") from None
    except OSError as error:
        raise NotAllowed(f"can't read the config file {path}: {error.strerror or error}.") from None
    _write_config(path, target, found, with_setting(text, key, value, str(path)))
    return target


def write_config_template(path: Path, *, replace: bool = False) -> Path:
    """Write the commented template of every setting (`ictrack config --init`) to the config file at `path`,
    atomically, as `save_setting` writes; one that exists is kept (NotAllowed) unless `replace`. The file written.
    """
    from ictrack.core.settings_toml import template

    target, found = _config_file(path, "the template is not written over it")
    if found is not None and not replace:
        raise NotAllowed(f"the config file {path} already exists; add --force to replace it with the template.")
    _write_config(path, target, found, template(), replace=replace)
    return target


def edit_config(path: Path, editor: str) -> tuple[Config, dict | None, bool]:
    """Open the config file at `path` in `editor` (the template written first if there is none), then read it
    back: (the settings, the table the file holds, whether the template was written). BadInput names the first
    bad value, and the file is kept as saved, to be fixed; NotAllowed if the editor can't run or fails."""
    import shlex
    import subprocess

    from ictrack import environment

    created = not path.exists()
    if created:
        write_config_template(path)
    try:
        finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError):
        raise BadInput(f'can\'t run the editor "{editor}"; set $EDITOR to one that works, or edit {path} '
                       "yourself.") from None  # fmt: skip
    if finished.returncode != 0:
        raise NotAllowed(f'the editor "{editor}" exited with status {finished.returncode}, so the config file '
                         f"{path} was not checked.")  # fmt: skip
    config, table = environment.read_config(path)
    return config, table, created


def _config_file(path: Path, refusal: str):
    """(The file `path` names, links followed, so a dotfiles link is never replaced by a copy; its stat, or None
    if there is none yet). NotAllowed, ending in `refusal`, for anything but a regular file."""
    import stat

    target = path.resolve()
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise NotAllowed(f"can't read the config file {path}: {error.strerror}.") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise NotAllowed(f"the config file {path} is not a regular file, so {refusal}.")
    return target, found


def _write_config(path: Path, target: Path, found, text: str, *, replace: bool = True) -> None:
    """Write the config file atomically, keeping its mode; a new one is private, in a private folder."""
    import stat

    try:
        if found is None:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(target, text, replace=replace, mode=stat.S_IMODE(found.st_mode) if found else 0o600)
    except FileExistsError:
        raise NotAllowed(f"the config file {path} already exists; add --force to replace it with the "
                         "template.") from None  # fmt: skip
    except OSError as error:
        raise NotAllowed(f"can't write the config file {path}: {error.strerror or error}.") from None


class Service:
    """What both shells call: queries, and changes as one locked operation each."""

    def __init__(self, store: Store, config: Config, clock: Callable[[], datetime], origin: Origin | None = None):
        self.store = store
        self.config = config
        self.clock = clock
        self.origin = origin  # where this service's changes are made, noted in the journal (None: not noted)

    @property
    def notices(self) -> list[str]:
        """What the store did that the user should know, though nothing failed (e.g. it tightened a folder's mode)."""
        return self.store.notices

    def data_stamp(self) -> tuple[int, int, int] | None:
        """What changes whenever the data file does: cheap to ask, for noticing another process's write."""
        return self.store.stamp()

    def apply(self, operation: Callable[..., T], *, journal: dict | None = None,
              reads: Callable[[str, dict], bool] | None = None, **arguments) -> tuple[T, Change]:  # fmt: skip
        """Run one operation (see `ictrack.core.ops`) as one locked write; (what it returned, the change it made).

        The journal keeps the operation's name and `arguments` (or `journal`, where the arguments are too big
        to keep) beside the records it replaced. History settled `archive_days` ago leaves the data file in
        the same write. With `reads` (see `Store.change`), the change holds only the items the operation and
        what is said of it need; by default, every item.
        """
        now = self.clock()
        noted = (operation.__name__, arguments if journal is None else journal)
        archive_before = now - timedelta(days=self.config.archive_days)
        where = self.origin.to_record() if self.origin is not None else None
        with self.store.change(operation.__name__, now, archive_before=archive_before, workdays=self.config.workdays,
                               operation=noted, where=where, reads=reads) as change:  # fmt: skip
            result = operation(change, now, **arguments)
        return result, change

    def _reading(self) -> dict[str, Any]:
        """The settings every date phrase is read with: working hours and day-first dates."""
        config = self.config
        return {"workday_start": config.workday_start, "workday_end": config.workday_end, "dayfirst": config.dayfirst}

    def _when(self, text: str, now: datetime) -> datetime:
        return parse_when(text, now, **self._reading())

    def risks(self, state: State, now: datetime, *also: Item) -> dict[int, Risk]:
        """The risk of every item the state holds, and of items `also` looked up beside them (an archived one)."""
        today = _care_on(state, now)
        items = [*state.items.values(), *(item for item in also if item.id not in state.items)]
        return assess_all(items, now, self.config, today.energy if today else None)

    def _risk(self, change: Change, item: Item) -> tuple[Item, Risk]:
        return item, self.risks(change, self.clock())[item.id]

    def _drafts(self, state: State, now: datetime) -> list[tuple[Item, str]]:
        """Thank-yous owed, oldest first, each with its drafted note."""
        from ictrack.core.drafts import thank_you

        return [(item, thank_you(item, _person_of(state, item), self.config, now))
                for item in thanks_owed(state.items.values())]  # fmt: skip

    # -- writing -------------------------------------------------------------

    def understand(self, text: str, kind: str = "commitment", *, known: Iterable[str] | None = None,
                   **options: Any) -> QuickAdd:  # fmt: skip
        """What quick add would make of `text` for an item of `kind`, without saving anything; with the
        `known` handles, a new person's handle is checked against them (`similar`)."""
        if kind not in KINDS:
            raise BadInput(f'"{kind}" is not a kind; use one of {", ".join(KINDS)}.')
        if kind == "help" and options.get("due"):
            raise BadInput("help you received has no due date; leave out --due.")
        if kind == "help" and options.get("every"):
            raise BadInput("help you received does not repeat; leave out --every.")
        if kind == "help" and options.get("wait"):
            raise BadInput("help you received has already happened; leave out --wait.")
        now = self.clock()
        parsed = parse_quick_add(text, now, past=kind == "help", **self._reading(), **options)
        if parsed.rule is not None:
            parsed.due = first_due(parsed.rule, now, parsed.due)
        if known is not None and parsed.person is not None:
            names = set(known)
            parsed.similar = [] if parsed.person in names else similar_handles(parsed.person, names)
        return parsed

    def log(self, kind: str, text: str, **options: Any) -> Logged:
        """Add what quick add makes of `text`: the item, its risk, and what was understood (with the known
        handles close to the person's, if the person is new)."""
        now = self.clock()
        parsed = self.understand(text, kind, **options)
        made = new_uuid()
        recur = None
        if parsed.rule is not None:
            assert parsed.due is not None  # understand gives a repeat its first date
            recur = new_series(parsed.rule, parsed.due, made, zone_of(now))
        waits: dict[str, Any] = {"wait": parsed.wait.isoformat()} if parsed.wait else {}  # journalled only if set
        # an add reads only the items its risk is weighed with: the commitments due about when it is
        day = parsed.due.astimezone(now.tzinfo).date().isoformat() if parsed.due and kind == "commitment" else None
        item, change = self.apply(
            ops.add, uuid=made, kind=kind, title=parsed.title, person=parsed.person, tags=parsed.tags,
            external=parsed.external, priority=parsed.priority, note=parsed.note, due=stamp(parsed.due), recur=recur,
            received=stamp(parsed.happened), reads=due_about(day), **waits,
        )  # fmt: skip
        if parsed.person is not None and parsed.person in change.saved["people"]:  # a person this add made
            parsed.similar = similar_handles(parsed.person, [handle for handle in change.people
                                                             if handle != parsed.person])  # fmt: skip
        return Logged(*self._risk(change, item), parsed)

    def add(self, kind: str, text: str, **options: Any) -> tuple[Item, Risk]:
        logged = self.log(kind, text, **options)
        return logged.item, logged.risk

    def done(self, ids: list[int], at: str | None = None, *, asks_only: bool = False) -> list[ops.Closed]:
        """Mark delivered (a commitment) or received (an ask), now or at a past moment.

        Each closed item comes with the next occurrence it made, if it repeats.
        """
        now, when = self.clock(), None
        if at is not None:
            when = stamp(parse_past(at, now, **self._reading()))
        return self.apply(ops.done, ids=list(ids), at=when, asks_only=asks_only)[0]

    def drop(self, ids: list[int], reason: str | None = None, *, series: bool = False) -> list[ops.Closed]:
        """Drop items; a repeating one makes its next occurrence, unless `series` ends the series here."""
        return self.apply(ops.drop, ids=list(ids), reason=reason, series=series)[0]

    def move(self, item_id: int, when: str, reason: str | None = None) -> tuple[Item, Risk]:
        """Renegotiate a due date; the old one is kept in `moves`."""
        due = self._when(when, self.clock())
        item, change = self.apply(ops.move, item_id=item_id, due=stamp(due), reason=reason)
        return self._risk(change, item)

    def move_many(self, ids: list[int], when: str, reason: str | None = None) -> list[Item]:
        """Give several items one new due date, as one change (one undo takes them all back)."""
        due = self._when(when, self.clock())
        return self.apply(ops.move_many, ids=list(ids), due=stamp(due), reason=reason)[0]

    def edit(
        self,
        item_id: int,
        *,
        title: str | None = None,
        to: str | None = None,
        no_person: bool = False,
        due: str | None = None,
        no_due: bool = False,
        tags: Sequence[str] = (),
        untags: Sequence[str] = (),
        note: str | None = None,
        priority: str | None = None,
        external: bool | None = None,
        kind: str | None = None,
    ) -> tuple[Item, Risk]:
        """Change an item's fields, its kind included (see `ops.edit`); a refusal names the field at fault."""
        changes = self._edit_changes(title=title, to=to, no_person=no_person, due=due, no_due=no_due,
                                     tags=tags, untags=untags, note=note, priority=priority, external=external,
                                     kind=kind)  # fmt: skip
        item, change = self.apply(ops.edit, item_id=item_id, changes=changes)
        return self._risk(change, item)

    def check_edit(self, item: Item, **options: Any) -> None:
        """Raise what `edit` with these options would refuse for `item` as it was read, naming the field at
        fault; it reads and writes nothing, so a form can check what was typed before it closes."""
        changes = self._edit_changes(**options)
        trial = Item.from_record(item.to_record())
        tables: dict[str, dict] = {"items": {trial.id: trial}, "people": {}, "care": {}, "checkins": {}}
        ops.edit(Change(tables, trial.id + 1), self.clock(), item_id=trial.id, changes=changes)

    def _edit_changes(self, *, title: str | None = None, to: str | None = None, no_person: bool = False,
                      due: str | None = None, no_due: bool = False, tags: Sequence[str] = (),
                      untags: Sequence[str] = (), note: str | None = None, priority: str | None = None,
                      external: bool | None = None, kind: str | None = None) -> dict:  # fmt: skip
        """The arguments of `ops.edit` for what the user typed; BadInput naming the field that can't be read."""
        if not any([title is not None, to, no_person, due, no_due, tags, untags, note is not None,
                    priority, external is not None, kind]):  # fmt: skip
            raise BadInput("nothing to change; give --title, --to, --due, --tag, --untag, --note, --priority, "
                           "--external or --kind.")  # fmt: skip
        changes: dict = {}
        if title is not None:
            changes["title"] = title
        if to or no_person:
            changes["person"] = _about("person", normalize_handle, to) if to and not no_person else None
        if due or no_due:
            changes["due"] = stamp(_about("due", self._when, due, self.clock())) if due and not no_due else None
        if tags:
            changes["add_tags"] = [_about("tags", normalize_tag, tag) for tag in tags]
        if untags:
            changes["remove_tags"] = [_about("tags", normalize_tag, tag) for tag in untags]
        if note is not None:
            changes["note"] = note
        if priority is not None:
            changes["priority"] = _about("priority", check_priority, priority)
        if external is not None:
            changes["external"] = external
        if kind is not None:
            changes["kind"] = kind
        return changes

    def history(self) -> History:
        """What `undo` would take back and `redo` put back, newest first, with when and where each was made."""
        return self.store.history()

    def undo(self, expect: Step | None = None) -> str:
        """Take back the last change (only if it is still `expect`, when given); what was undone."""
        summary = self.store.undo(self.clock(), expect=expect)
        if summary is None:
            raise NotFound("there is nothing to undo.")
        return summary

    def redo(self) -> str:
        """Put back what the last undo took back, as a new change; what was redone."""
        where = self.origin.to_record() if self.origin is not None else None
        summary = self.store.redo(self.clock(), where=where)
        if summary is None:
            raise NotFound("there is nothing to redo; only an undo with no change since can be redone.")
        return summary

    # -- data in and out -----------------------------------------------------

    def export_all(self) -> dict:
        """Every item (archived too), person, care check and check-in, as one document (see transfer)."""
        from ictrack.interop.transfer import to_document

        return to_document(self.store.load(history=True), self.clock())

    def names(self, what: str) -> list[str]:
        """Every person's handle, or every tag on a live item, sorted: what shell completion offers."""
        state = self.store.load()
        if what == "handles":
            return sorted(state.people)
        return sorted({tag for item in state.items.values() for tag in item.tags})

    def calendar_items(self) -> list[Item]:
        """Open commitments with a due date, soonest first: what `export ics` writes."""
        state = self.store.load(settled=False)
        items = [item for item in state.items.values() if item.kind == "commitment" and item.is_open and item.due]
        return sorted(items, key=soonest_due_first)

    def import_all(self, data, source: str) -> Imported:
        """Fill an empty data folder from an export, keeping every ID; one change, so `undo` takes it back."""
        from ictrack.interop.transfer import from_document

        imported = from_document(data, source)
        # the folder is checked for emptiness under the lock, by the operation: two imports at once can't both succeed
        self.apply(ops.fill, journal={"source": source, "items": len(imported.items)}, items=imported.items,
                   people=imported.people, care=imported.care, checkins=imported.checkins, next_id=imported.next_id,
                   source=source)  # fmt: skip
        return imported

    def import_taskwarrior(self, data, source: str) -> TaskReport:
        """Add what `task export` wrote, skipping tasks imported before (matched by uuid); one undo step."""
        from ictrack.interop.taskwarrior import plan, read_tasks

        tasks, now = read_tasks(data, source), self.clock()
        known = {item.uuid for item in self.store.load(history=True).items.values()}
        planned = plan(tasks, known, now, self.config.workday_end)
        added: list[Item] = []
        if planned.items:
            # the uuids held are asked again under the lock: a second import may have run meanwhile
            added, _ = self.apply(ops.add_tasks, journal={"source": source, "tasks": len(planned.items)},
                                  items=planned.items, source=source)  # fmt: skip
            kept = {item.uuid for item in added}  # by uuid: comparing items whole would cost a record per pair
            planned.skipped += [(item.title, "already imported") for item in planned.items if item.uuid not in kept]
        return TaskReport(source, added, planned.skipped, planned.notes)

    # -- reading -------------------------------------------------------------

    def show(self, item_id: int) -> tuple[Item, Risk]:
        state, now = self.store.load(settled=False), self.clock()  # an item left unread or archived is looked up
        item = state.item(item_id)
        return item, self.risks(state, now, item)[item_id]

    def items(
        self,
        *,
        status: str = "open",
        kind: str | None = None,
        person: str | None = None,
        tag: str | None = None,
        at_risk: bool = False,
        grep: str | None = None,
    ) -> tuple[list[Item], dict[int, Risk]]:
        """The items of a `status` (open, waiting, done, all), soonest due first; those of a kind, a person or a tag,
        at risk, or holding every word of `grep` in their title, note, person or tags (`core.search`)."""
        past = status not in ("open", "waiting")
        state, now = self.store.load(history=past, settled=past), self.clock()
        if person is not None:
            person = self._known(state, person)
        tag = normalize_tag(tag) if tag is not None else None
        risks = self.risks(state, now)
        chosen = [
            item
            for item in state.items.values()
            if item.status in LIST_STATUSES[status]
            and (status == "all" or item.waiting(now) == (status == "waiting"))
            and (kind is None or item.kind == kind)
            and (person is None or item.person == person)
            and (tag is None or tag in item.tags)
            and (not at_risk or risks[item.id].needs_attention)
        ]
        if grep is not None:
            from ictrack.core.search import matching

            chosen = matching(chosen, state.people, grep)
        return sorted(chosen, key=soonest_due_first), risks

    def search(self, text: str, *, include_closed: bool = False) -> Found:
        """The items holding every word of `text` in their title, note, person (handle or name) or tags: the open
        ones, soonest due first, or with `include_closed` every item, archived ones too, the closed ones after the
        open ones, the latest closed first.

        A search box searches again in what it found (`Found.corpus`, in that order), without reading the data
        on each key.
        """
        from ictrack.core.search import Corpus, Found, open_first

        state, now = self.store.load(history=include_closed), self.clock()  # the archives only when asked
        corpus = Corpus(open_first(item for item in state.items.values() if include_closed or item.is_open),
                        state.people)  # fmt: skip
        return Found(text, corpus.find(text), self.risks(state, now), now, corpus)

    def brief(self) -> Brief:
        state, now = self.store.load(settled=False), self.clock()  # open work and what is owed
        risks = self.risks(state, now)
        open_items = sorted((item for item in state.items.values() if item.is_open), key=soonest_due_first)
        waiting = [item for item in open_items if item.waiting(now)]
        open_items = [item for item in open_items if not item.waiting(now)]
        groups = attention(open_items, risks, now)
        overdue, at_risk, today = (groups[name] for name in ATTENTION)
        follow_up = [item for item in open_items if item.kind == "ask" and risks[item.id].level == "overdue"]
        stale = self._stale(open_items, now)
        owed = self._drafts(state, now)
        due = {row.handle for row in self._people_rows(state, now) if row.checkin_due}
        # their rows count every item of the data file (docs/json.md): read the settled ones only then
        rows = [row for row in self._people_rows(state, now) if row.handle in due] if due and state.every_item() else []
        streak = care_streak(state.care, now.date(), self.config.workdays)
        return Brief(now, overdue, at_risk, today, follow_up, risks, owed, rows, _care_on(state, now), streak, stale,
                     self._nudges(state, [*follow_up, *stale], now), waiting)  # fmt: skip

    def glance(self) -> Glance:
        """The brief's counts alone, from the data file alone and without the lock: for a prompt or a status bar.

        It reads what the brief reads, and imports nothing more (no drafts, no people's pages)."""
        state, now = self.store.load(settled=False), self.clock()  # open work and what is owed
        risks = self.risks(state, now)
        live = [item for item in state.items.values() if item.is_open and not item.waiting(now)]
        groups = attention(live, risks, now)
        follow_up = sum(item.kind == "ask" and risks[item.id].level == "overdue" for item in live)
        waiting = sum(item.is_open and item.waiting(now) for item in state.items.values())
        items, checkins = by_person(state.items.values()), by_person(state.checkins.values())
        due = sum(checkin_due(person, items.get(handle, []), checkins.get(handle, []), self.config, now)
                  for handle, person in state.people.items())  # fmt: skip
        overdue, at_risk, today = (len(groups[name]) for name in ATTENTION)
        return Glance(overdue, at_risk, today, follow_up, len(thanks_owed(state.items.values())), due, waiting,
                      _care_on(state, now) is not None)  # fmt: skip

    @contextmanager
    def reminding(self) -> Iterator[list[Nudge]]:
        """The nudges due now that were not said before (docs/reach.md#remind), most urgent first; when the block
        ends without an error they are recorded as said, so no later run (nor the review) says them again."""
        from ictrack.core.nudges import due_nudges, unsaid
        from ictrack.storage.reminded import Reminded

        now = self.clock()
        with Reminded(self.store.home, self.store.lock_timeout).said(now) as said:
            state = self.store.load(settled=False)  # open work and what is owed
            nudges = due_nudges(state.items.values(), state.people, state.checkins.values(), _care_on(state, now),
                                self.risks(state, now), self.config, now)  # fmt: skip
            fresh = unsaid(nudges, said)
            yield fresh
            said.update((nudge.key, stamp(now) or "") for nudge in fresh)

    def _stale(self, items: Iterable[Item], now: datetime) -> list[Item]:
        """Open asks with no due date, unchanged for `stale_days`, the longest quiet first."""
        from ictrack.core.drafts import is_stale, stale_since

        quiet = [item for item in items if is_stale(item, self.config, now)]
        return sorted(quiet, key=lambda item: (stale_since(item).timestamp(), item.id))

    def _nudges(self, state: State, asks: Iterable[Item], now: datetime) -> dict[int, str]:
        from ictrack.core.drafts import nudge

        return {item.id: nudge(item, _person_of(state, item), self.config, now) for item in asks}

    def overview(self) -> Overview:
        """What the review shows: every item but those snoozed until a later day."""
        state, now = self.store.load(), self.clock()
        risks = self.risks(state, now)
        shown = {item_id: item for item_id, item in state.items.items() if not item.waiting(now)}
        asks = [item for item in shown.values() if item.kind == "ask" and item.is_open]
        follow = [item for item in asks if risks[item.id].level == "overdue"] + self._stale(asks, now)
        return Overview(
            now, shown, risks, self._drafts(state, now), self._people_rows(state, now), _care_on(state, now),
            care_streak(state.care, now.date(), self.config.workdays), self._nudges(state, follow, now),
        )  # fmt: skip

    def snooze(self, item_id: int, when: str | None) -> tuple[Item, Risk]:
        """Keep an open item out of the review, the brief and the counts until the day `when` names (its start,
        in your zone); None brings it back now."""
        until = None
        if when is not None:
            until = self._when(when, self.clock()).date().isoformat()
        item, change = self.apply(ops.snooze, item_id=item_id, until=until)
        return self._risk(change, item)

    def due_from(self, when: str) -> datetime:
        """What a WHEN phrase means now (BadWhen if nothing), without saving anything."""
        return self._when(when, self.clock())

    def weeks(self, count: int = 8):
        """This week's summary, and the on-time rate of the last `count` weeks (oldest first, this one last)."""
        from ictrack.core.week import Week, active_since, summarize

        now = self.clock()
        week, summaries = Week.containing(now), []
        oldest = Week.containing(now - timedelta(weeks=count - 1))
        state = self.store.load(since=oldest.start, until=now)  # the archives that hold those weeks' records
        items = active_since(state.items.values(), oldest.start)  # years of settled history count in none
        care, checkins = list(state.care.values()), list(state.checkins.values())
        for _ in range(count):
            summaries.append(summarize(items, care, checkins, week, now))  # this week so far, as the CLI's
            week = week.previous()
        return summaries[0], [(done.week.label, done.figures.on_time_rate) for done in reversed(summaries)]

    def week(self, label: str | None = None, *, last: bool = False):
        """The weekly summary of an ISO week: this one (so far, as of now), the last one, or `2026-W48`."""
        from ictrack.core.week import Week, active_since, parse_week, summarize

        now = self.clock()
        if label is not None:
            week = Week(*parse_week(label), now.tzinfo)
        else:
            week = Week.containing(now).previous() if last else Week.containing(now)
        state = self.store.load(since=week.start, until=week.end)  # the archives that hold the week's records
        items = active_since(state.items.values(), week.start)  # history settled before it counts for nothing
        return summarize(items, state.care.values(), state.checkins.values(), week, now)

    # -- thank-yous ----------------------------------------------------------

    def thank_draft(self, item_id: int) -> str:
        """The drafted note for an item that can be thanked now."""
        from ictrack.core.drafts import thank_you

        state, now = self.store.load(settled=False), self.clock()
        item = ops.thankable(state.item(item_id))
        return thank_you(item, _person_of(state, item), self.config, now)

    def nudge_draft(self, item_id: int) -> tuple[Item, str]:
        """An open ask and the nudge to send about it."""
        from ictrack.core.drafts import nudge

        state, now = self.store.load(settled=False), self.clock()
        item = state.item(item_id)
        if item.kind != "ask":
            what = "a commitment you made" if item.kind == "commitment" else "help you received"
            raise NotAllowed(f"{ops.describe(item)} is {what}; nudges are for asks you are waiting on.")
        if not item.is_open:
            raise NotAllowed(f"{ops.describe(item)} is already {item.status}; there is nothing to nudge about.")
        return item, nudge(item, _person_of(state, item), self.config, now)

    def move_draft(self, item_id: int, when: str, reason: str | None = None) -> tuple[str, str]:
        """What to send before moving an item's due date, without moving it: (its kind, the draft). The kind is
        one of `drafts.MOVE_KINDS` (see `drafts.move_kind`): to a later date, "renegotiate" before the date,
        "heads_up" when an external customer's commitment, due no later, comes first, "renegotiate_late" (an
        apology) for a commitment past its date, "renegotiate_ask" for an ask; to an earlier one, "earlier" (good
        news) or "earlier_ask" (a request to bring it forward). NotAllowed for the date it already has."""
        from ictrack.core.drafts import move_kind, renegotiation

        state, now = self.store.load(settled=False), self.clock()
        new_due = self._when(when, now)
        item = self._movable(state, item_id)
        ops.check_new_due(item, new_due, now)
        kind = move_kind(item, [other for other in state.items.values() if other.is_open], now, new_due)
        return kind, renegotiation(item, _person_of(state, item), new_due, reason, self.config, now, kind=kind)

    @staticmethod
    def _movable(state: State, item_id: int, *, told: bool = False) -> Item:
        """An open item with a due date to move from; NotAllowed saying why not (`told`: for the note of a move)."""
        item = ops.open_item(state, item_id, "move")
        if item.due is None:
            what = ", so there is no new date to tell them of" if told else " to renegotiate"
            raise NotAllowed(f"{ops.describe(item)} has no due date{what}; `ictrack move {item.id} WHEN` gives it "
                             "one.")  # fmt: skip
        return item

    def move_and_tell(self, item_id: int, when: str, reason: str | None = None) -> tuple[Item, Risk, str]:
        """Move a due date already agreed, and the words that tell them the new one (`drafts.moved_notice`).
        NotAllowed, with nothing moved, for an item without a due date: there is no change to tell of."""
        from ictrack.core.drafts import moved_notice

        state = self.store.load()
        person = _person_of(state, self._movable(state, item_id, told=True))
        item, risk = self.move(item_id, when, reason)
        return item, risk, moved_notice(item, person, self.config, self.clock())

    def thank(self, item_id: int, note: str | None = None) -> Item:
        return self.apply(ops.thank, item_id=item_id, note=note)[0]

    def thanks(self) -> list[tuple[Item, str]]:
        """Every thank-you owed, oldest first, each with its draft."""
        return self._drafts(self.store.load(settled=False), self.clock())

    # -- people and check-ins ------------------------------------------------

    def _known(self, state: State, handle: str) -> str:
        return ops.known(state, normalize_handle(handle)).handle

    def _people_rows(self, state: State, now: datetime) -> list[PersonRow]:
        from ictrack.core.views import person_row

        items, checkins = by_person(state.items.values()), by_person(state.checkins.values())
        return [
            person_row(
                state.people[handle],
                items.get(handle, []),
                checkins.get(handle, []),
                self.config,
                now,
                state.tallies.get(handle),
            )
            for handle in sorted(state.people)
        ]

    def people(self) -> list[PersonRow]:
        """Everyone's row; what archived items add to it is counted from the archive index (see `Store.load`)."""
        return self._people_rows(self.store.load(tallies=True), self.clock())

    @staticmethod
    def _check_person(kind: str | None, cadence: int | None) -> None:
        if kind is not None and kind not in RELATIONS:
            raise BadInput(f'"{kind}" is not a relation; use one of {", ".join(RELATIONS)}.')
        if cadence is not None and not CHECKIN_DAYS[0] <= cadence <= CHECKIN_DAYS[1]:
            raise BadInput("the cadence is a number of days, {} to {}.".format(*CHECKIN_DAYS))

    def person(self, handle: str, *, kind: str | None = None, team: str | None = None,
               cadence: int | None = None, name: str | None = None) -> Agenda:  # fmt: skip
        """One person's agenda; with kind, team, cadence or display name, set those first."""
        now = self.clock()
        self._check_person(kind, cadence)
        if kind is not None or team is not None or cadence is not None or name is not None:
            self.apply(ops.update_person, handle=normalize_handle(handle), kind=kind, team=team, cadence=cadence,
                       name=name)  # fmt: skip
        from ictrack.core.views import agenda

        state = self.store.load(history=True)
        handle = self._known(state, handle)
        theirs = [item for item in state.items.values() if item.person == handle]
        checkins = [checkin for checkin in state.checkins.values() if checkin.person == handle]
        return agenda(state.people[handle], theirs, checkins, self.risks(state, now), self.config, now)

    def add_person(self, handle: str, *, name: str | None = None, kind: str | None = None, team: str | None = None,
                   cadence: int | None = None) -> Person:  # fmt: skip
        """Someone new, before any item names them."""
        self._check_person(kind, cadence)
        return self.apply(ops.person_add, handle=normalize_handle(handle), name=name, kind=kind, team=team,
                          cadence=cadence)[0]  # fmt: skip

    def rename_person(self, handle: str, new: str) -> Person:
        """A new handle for someone; every item and check-in, archived ones too, follows them."""
        return self.apply(ops.person_rename, handle=normalize_handle(handle), new=normalize_handle(new))[0]

    def merge_people(self, handle: str, into: str) -> tuple[Person, list[str]]:
        """Fold one person into another (a typo into the real one): one change, one undo. The person kept, and the
        fields they took from the one folded in (`ops.merged_fields`), as they stood just before."""
        handle, into = normalize_handle(handle), normalize_handle(into)
        people = self.store.load().people
        taken = ops.merged_fields(people[handle], people[into]) if handle in people and into in people else []
        return self.apply(ops.person_merge, handle=handle, into=into)[0], taken

    def remove_person(self, handle: str) -> Person:
        """Take out someone with no history (a person added by mistake)."""
        return self.apply(ops.person_remove, handle=normalize_handle(handle))[0]

    def note_person(self, handle: str, text: str) -> Person:
        """A dated note on someone."""
        return self.apply(ops.person_note, handle=normalize_handle(handle), text=text)[0]

    def checkin(self, handle: str, rating: int | None = None, note: str | None = None) -> CheckIn:
        if rating is not None and not 1 <= rating <= 5:
            raise BadInput(f"the rating is 1 to 5, not {rating}.")
        made = new_uuid()
        return self.apply(ops.checkin, uuid=made, handle=normalize_handle(handle), rating=rating, note=note)[0]

    # -- the daily care check ------------------------------------------------

    # -- the data's health ---------------------------------------------------

    def checkup(self) -> tuple[list[str], list[str], list[str]]:
        """(problems, facts, what `doctor --restore` would do) about the data files."""
        return self.store.checkup()

    def restore(self) -> list[str]:
        """Repair the damaged files from the backups; a line for each file repaired."""
        return self.store.restore(self.clock())

    def care_today(self) -> tuple[CareCheck | None, int]:
        state, now = self.store.load(settled=False), self.clock()
        return _care_on(state, now), care_streak(state.care, now.date(), self.config.workdays)

    def care_questions(self) -> list[str]:
        """The care checks worth asking about now: lunch after lunch, a break once the day has run a while."""
        return care_questions(self.config.care_checks, self.clock(), self.config)

    def care(self, *, done: list[str] | None = None, energy: int | None = None, note: str | None = None,
             replace_done: bool = False, asked: list[str] | None = None) -> tuple[CareCheck, int]:  # fmt: skip
        """Write today's care check; a second run the same day updates it. `done` adds to what is ticked, or
        with `replace_done` replaces it: all of it, or only the checks `asked` about."""
        names = [name.strip().lower() for name in done or [] if name.strip()]
        unknown = [name for name in names if name not in self.config.care_checks]
        if unknown:
            raise BadInput(f'unknown care check "{unknown[0]}"; the checks are {", ".join(self.config.care_checks)}.')
        if energy is not None and not 1 <= energy <= 5:
            raise BadInput(f"energy is 1 to 5, not {energy}.")
        care, change = self.apply(ops.care, checks=self.config.care_checks, done=names, energy=energy, note=note,
                                  replace_done=replace_done, asked=asked)  # fmt: skip
        return care, care_streak(change.care, self.clock().date(), self.config.workdays)


def _person_of(state: State, item: Item) -> Person | None:
    """The person an item names, if any: drafts address them by their display name."""
    return state.people.get(item.person) if item.person else None


def _about(field: str, read: Callable[..., T], *arguments: Any) -> T:
    """What `read` makes of the arguments; its BadInput marked as about `field` (see `IctrackError.field`)."""
    try:
        return read(*arguments)
    except BadInput as error:
        raise error.about(field) from None


def _care_on(state: State, now: datetime) -> CareCheck | None:
    """Today's care check, if there is one yet."""
    return state.care.get(now.date().isoformat())
