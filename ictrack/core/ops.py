"""Every change ictrack makes, as a named operation: a plain function of the change, its arguments and `now`.

An operation reads and saves records on a `Change` (the state under the store's lock) and returns what
it made; it parses nothing (the shells turn words into arguments first), reads no clock and touches no
file. Its arguments are plain JSON values (IDs, handles, ISO 8601 times, lists), so the store can write
an operation down in the undo journal with the records it replaced, and what it replaced is its inverse.
New records get the uuids they are given, or uuids derived from what they follow, so applying the same
operation to the same state gives the same result.

A refused operation raises one of ictrack's errors before anything is saved, and the store then writes
nothing. To add one: write the function here, with a test in tests/test_ops.py, and call it from the
service with `Service.apply(ops.NAME, …)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ictrack.core.dates import describe_moment, zone_of
from ictrack.core.model import (
    KINDS,
    MAX_MERGED,
    MAX_NAME,
    MAX_TITLE,
    PRIORITIES,
    RELATIONS,
    CareCheck,
    CheckIn,
    Item,
    Note,
    Person,
    merged_problem,
    stamp,
    unstamp,
    uuid_text,
)
from ictrack.core.quickadd import check_title
from ictrack.core.recurrence import beyond_the_years, next_due
from ictrack.core.state import Change, State
from ictrack.errors import BadInput, NotAllowed, NotFound
from ictrack.text import plural

Closed = tuple[Item, Item | None]  # an item done or dropped, and the next occurrence it made if it repeats
DEFAULT_RELATION = RELATIONS[0]  # colleague: what someone is until told otherwise
_NAMESPACE = bytes.fromhex("5b6a1f7e2c4d4e8a9f3b1d2c3b4a5e6f")  # ictrack's own uuid, for uuids derived from names


def derived_uuid(name: str) -> str:
    """`uuid.uuid5` in ictrack's namespace, through the interpreter's built-in SHA-1: uuid5 imports hashlib,
    which loads OpenSSL, a third of the imports of a quick add that makes a person."""
    try:
        from _sha1 import sha1  # type: ignore[import-not-found]  # CPython's, without stubs
    except ImportError:  # an interpreter built without it
        from hashlib import sha1
    return uuid_text(sha1(_NAMESPACE + name.encode()).digest()[:16], 5)


def person_uuid(handle: str, taken: Iterable[str] = ()) -> str:
    """The uuid a new person gets: derived from the handle, so @dana made on two machines is one person,
    unless someone (renamed since, or imported with it) already has that one: then one derived from it in turn."""
    taken = set(taken)
    derived = derived_uuid(f"person:{handle}")
    while derived in taken:
        derived = derived_uuid(f"person:{handle}:{derived}")
    return derived


def taken_uuids(people: Iterable[Person]) -> list[str]:
    """Every uuid `people` may be named by (their own and those merged into them): none a new person may get."""
    return [uuid for person in people for uuid in person.uuids]


def describe(item: Item) -> str:
    """`12 "send Q3 figures"`: how an item is named in a reply or an error."""
    return f'{item.id} "{item.title}"'


def ensure_person(change: Change, handle: str | None, now: datetime) -> None:
    """A handle nobody has yet becomes a person."""
    if handle and handle not in change.people:
        change.save_person(Person(handle, now, uuid=person_uuid(handle, taken_uuids(change.people.values()))))


def _open_items(state: State, ids: Iterable[int], verb: str) -> list[Item]:
    """The items with these IDs, each open and not help received; NotAllowed saying why one is not."""
    items = [state.item(item_id) for item_id in dict.fromkeys(ids)]
    for item in items:
        if item.kind == "help":
            raise NotAllowed(f"{describe(item)} is help you received; there is nothing to {verb}.")
        if not item.is_open:
            raise NotAllowed(f"{describe(item)} is already {item.status}; `ictrack undo` reverts a change.")
    return items


def open_item(state: State, item_id: int, verb: str) -> Item:
    """The item with this ID if it can be marked done, dropped or moved; NotAllowed saying why not otherwise."""
    return _open_items(state, [item_id], verb)[0]


def _follow_on(change: Change, item: Item, now: datetime) -> Item | None:
    """The next occurrence of a repeating item, due by its rule after this one's scheduled date; None, and the
    series marked ended, when that date falls after the years ictrack keeps.

    Its uuid is derived from this occurrence's, so one occurrence closed twice makes one next one.
    """
    repeat = item.repeat
    if repeat is None or item.scheduled is None:
        return None
    due = next_due(repeat, item.scheduled, zone_of(now))
    if due is None:  # a rule with an end
        return None
    if beyond_the_years(due):  # a date no file may hold: the series ends with this occurrence
        assert item.recur is not None  # item.repeat is read from it
        item.recur = {**item.recur, "ended": stamp(now)}
        change.save_item(item)
        return None
    following = Item(
        id=change.new_id(), uuid=derived_uuid(f"next:{item.uuid}"), kind=item.kind, title=item.title,
        person=item.person, tags=item.tags, external=item.external, priority=item.priority, note=item.note,
        created=now, due=due, recur=item.recur,
    )  # fmt: skip
    change.save_item(following)
    return following


def add(change: Change, now: datetime, *, uuid: str, kind: str, title: str, person: str | None = None,
        tags: Iterable[str] = (), external: bool = False, priority: str = "normal", note: str | None = None,
        due: str | None = None, recur: dict | None = None, received: str | None = None,
        wait: str | None = None) -> Item:  # fmt: skip
    """A new commitment, ask or help received (which has already happened: `received`, else now); one that
    `wait`s (an ISO date) stays out of the review until that day."""
    is_help = kind == "help"
    if wait is not None and is_help:
        raise BadInput("help you received has already happened; there is nothing to wait for.")
    item = Item(
        id=change.new_id(), uuid=uuid, kind=kind, title=title, person=person, tags=list(tags), external=external,
        priority=priority, note=note, created=now, due=None if is_help else unstamp(due),
        status="done" if is_help else "open", done_at=(unstamp(received) or now) if is_help else None, recur=recur,
        wait=_wait_day(wait, now),
    )  # fmt: skip
    ensure_person(change, person, now)
    change.save_item(item)
    change.summary = f"added {kind} {describe(item)}"
    return item


def listed(ids: list[int]) -> str:
    """How a change names the items it acted on: `12, 14, 15`, or `5 items (12, 14, 15, …)` for more than three."""
    if len(ids) <= 3:
        return ", ".join(map(str, ids))
    return f"{len(ids)} items ({', '.join(map(str, ids[:3]))}, …)"


def done(
    change: Change, now: datetime, *, ids: list[int], at: str | None = None, asks_only: bool = False
) -> list[Closed]:
    """Mark delivered (a commitment) or received (an ask), `at` a past moment or now; each repeat makes its next."""
    change.summary = f"marked {listed(ids)} done"
    items = _open_items(change, ids, "mark done")
    if asks_only and (other := next((item for item in items if item.kind != "ask"), None)):
        raise NotAllowed(f"{describe(other)} is a {other.kind}, not an ask; use `ictrack done {other.id}`.")
    closed = []
    for item in items:
        item.status, item.done_at = "done", unstamp(at) or now
        change.save_item(item)
        closed.append((item, _follow_on(change, item, now)))
    return closed


def drop(
    change: Change, now: datetime, *, ids: list[int], reason: str | None = None, series: bool = False
) -> list[Closed]:
    """Drop items; a repeating one makes its next occurrence, unless `series` ends the series here."""
    change.summary = f"dropped {listed(ids)}" + (" and ended the series" if series else "")
    items = _open_items(change, ids, "drop")
    if series and (single := next((item for item in items if not item.recur), None)):
        raise NotAllowed(f"{describe(single)} does not repeat; drop it without --series.")
    closed = []
    for item in items:
        item.status, item.done_at, item.drop_reason = "dropped", now, reason
        if series:
            assert item.recur is not None  # every item dropped with --series repeats, as checked above
            item.recur = {**item.recur, "ended": stamp(now)}
        change.save_item(item)
        closed.append((item, None if series else _follow_on(change, item, now)))
    return closed


def move(change: Change, now: datetime, *, item_id: int, due: str, reason: str | None = None) -> Item:
    """Renegotiate a due date; the old one is kept in `moves`."""
    change.summary = f"moved {item_id}"
    (item,) = _open_items(change, [item_id], "move")
    check_new_due(item, unstamp(due), now)
    _move(item, unstamp(due), now, reason)
    change.save_item(item)
    return item


def move_many(change: Change, now: datetime, *, ids: list[int], due: str, reason: str | None = None) -> list[Item]:
    """Give several items one new due date, with one reason, as one change: every old date kept in `moves`."""
    change.summary = f"moved {listed(ids)}"
    if not ids:
        raise BadInput("no items to move.")
    new_due = unstamp(due)
    items = _open_items(change, ids, "move")
    for item in items:
        _move(item, new_due, now, reason)
        change.save_item(item)
    return items


def check_new_due(item: Item, due: datetime | None, now: datetime) -> None:
    """NotAllowed if `due` is the date `item` has: a move to it would record a renegotiation that changed nothing."""
    if due is not None and item.due is not None and due == item.due:
        raise NotAllowed(f"{describe(item)} is already due then ({describe_moment(due, now)}); nothing was moved.")


def _move(item: Item, due: datetime, now: datetime, reason: str | None) -> None:
    """Give `item` its new due date, keeping the old one in `moves`: when, from what, to what, and why."""
    item.moves.append({"at": now.isoformat(), "from": stamp(item.due), "to": stamp(due), "reason": reason})
    item.due = due


def _wait_day(wait: str | None, now: datetime) -> date | None:
    """The day an item waits until (an ISO date), if it is after today; BadInput otherwise."""
    if wait is None:
        return None
    day = date.fromisoformat(wait)
    if day <= now.date():
        raise BadInput(f"an item waits until a later day than today; {day:%a} {day.day} {day:%b %Y} is not.")
    return day


def snooze(change: Change, now: datetime, *, item_id: int, until: str | None) -> Item:
    """Keep an open item out of the review, the brief and the counts until a day (an ISO date); with `until`
    None, bring it back now."""
    change.summary = f"snoozed {item_id}" if until else f"brought {item_id} back from its snooze"
    (item,) = _open_items(change, [item_id], "snooze")
    if until is None and item.wait is None:
        raise NotAllowed(f"{describe(item)} is not waiting; there is nothing to bring back.")
    day = _wait_day(until, now)
    if day is not None and day == item.wait:
        raise BadInput(f"nothing changed: {describe(item)} already waits until {day:%a} {day.day} {day:%b}.")
    item.wait = day
    change.save_item(item)
    return item


EDITS = ("title", "person", "due", "add_tags", "remove_tags", "note", "priority", "external", "kind")


def edit(change: Change, now: datetime, *, item_id: int, changes: dict) -> Item:
    """Change an item's fields: each key of `changes` present (see EDITS) is set; `person` and `due` may be None.

    A new `kind` is checked against the item as the other changes leave it (see `_rekind`). Each refusal
    names the field at fault (`IctrackError.field`), so a form can mark it.
    """
    change.summary = f"edited {item_id}"
    item = change.item(item_id)
    was = item.to_record()
    if "title" in changes:
        if not changes["title"].strip():
            raise BadInput("the title can't be empty.").about("title")
        try:
            item.title = check_title(changes["title"].strip())
        except BadInput as error:
            raise error.about("title") from None
    if "person" in changes:
        item.person = changes["person"]
        ensure_person(change, item.person, now)
    if "due" in changes:
        due = unstamp(changes["due"])
        if item.due is not None and due is not None and item.due < now and due != item.due:
            _move(item, due, now, "changed with edit")  # a correction once the date has passed would hide the miss
        else:
            item.due = due
    for tag in changes.get("add_tags", ()):
        if tag not in item.tags:
            item.tags.append(tag)
    for tag in changes.get("remove_tags", ()):
        if tag not in item.tags:
            raise NotFound(f"{describe(item)} has no tag #{tag}.").about("tags")
        item.tags.remove(tag)
    if "note" in changes:
        item.note = changes["note"] or None
    if "priority" in changes:
        if changes["priority"] not in PRIORITIES:
            raise BadInput(f'"{changes["priority"]}" is not a priority; use high, normal or low.').about("priority")
        item.priority = changes["priority"]
    if "external" in changes:
        item.external = changes["external"]
    if "kind" in changes:
        _rekind(item, changes["kind"], now)
    if item.to_record() == was:  # an undo step that undoes nothing would only hide the one before it
        raise BadInput(f"nothing changed: {describe(item)} already reads so.")
    change.save_item(item)
    return item


def _rekind(item: Item, kind: str, now: datetime) -> None:
    """Make `item` a commitment, an ask or help received, keeping everything it holds; BadInput, about the field
    that stands in the way, if what it holds does not fit the kind.

    An ask names the person who promised it. A commitment is never thanked. Help received has happened: it
    is not dropped, has no due date and does not repeat; an open item becomes help received now.
    """
    if kind not in KINDS:
        raise BadInput(f'"{kind}" is not a kind; use one of {", ".join(KINDS)}.').about("kind")
    if kind == item.kind:
        return
    named = describe(item)
    if kind == "ask" and item.person is None:
        raise BadInput(f"{named} names nobody, and an ask needs the person who promised it; give the person too "
                       "(--to NAME).").about("person")  # fmt: skip
    if kind == "commitment" and item.thanked_at is not None:
        raise BadInput(f"{named} was thanked on {item.thanked_at:%a %d %b}, and a commitment is a promise you made, "
                       "never thanked.").about("kind")  # fmt: skip
    if kind == "help":
        if item.status == "dropped":
            raise BadInput(f"{named} was dropped, and help is something you received.").about("kind")
        if item.recur is not None:
            raise BadInput(f"{named} repeats, and help you received does not; `ictrack drop {item.id} --series` "
                           "ends the series.").about("kind")  # fmt: skip
        if item.due is not None:
            raise BadInput(f"{named} has a due date, and help you received has none; remove it too "
                           "(--no-due).").about("due")  # fmt: skip
        if item.is_open:
            item.status, item.done_at = "done", now
    item.kind = kind


def retitle(change: Change, now: datetime, *, item_id: int, title: str) -> Item:
    """Give an item a new title, and nothing else: any item, open, closed or archived."""
    item = edit(change, now, item_id=item_id, changes={"title": title})
    change.summary = f"retitled {describe(item)}"
    return item


def thankable(item: Item) -> Item:
    """`item`, if it can be thanked for now; NotAllowed saying why not otherwise."""
    if item.kind == "commitment":
        raise NotAllowed(f"{describe(item)} is a commitment you made; thank-yous are for asks and help.")
    if item.thanked_at is not None:
        raise NotAllowed(f"{describe(item)} was already thanked on {item.thanked_at:%a %d %b}.")
    if item.kind == "ask" and item.status != "done":
        raise NotAllowed(f"{describe(item)} has not been received yet; `ictrack got {item.id}` first.")
    return item


def thank(change: Change, now: datetime, *, item_id: int, note: str | None = None) -> Item:
    """Record that the help or the ask delivered was thanked, with what was said."""
    change.summary = f"thanked {item_id}"
    item = thankable(change.item(item_id))
    item.thanked_at, item.thank_note = now, (note or "").strip() or None
    change.save_item(item)
    return item


def known(state: State, handle: str) -> Person:
    """The person with this handle; NotFound, with the nearest handle as a suggestion, if there is none."""
    if handle not in state.people:
        from difflib import get_close_matches

        close = get_close_matches(handle, list(state.people), n=1)
        raise NotFound(f"nobody called @{handle}" + (f"; did you mean @{close[0]}?" if close else "."))
    return state.people[handle]


PERSON_VERBS = ("add", "rename", "merge", "remove", "note")  # `person VERB …`: a handle spelt so is typed `@add`


def typed_handle(handle: str) -> str:
    """A handle as typed after `ictrack person`: with its `@` where the bare word would be read as a verb."""
    return f"@{handle}" if handle in PERSON_VERBS else handle


def person_add(change: Change, now: datetime, *, handle: str, name: str | None = None, kind: str | None = None,
               team: str | None = None, cadence: int | None = None) -> Person:  # fmt: skip
    """Someone new, before any item names them: their handle, and how to address them, relate and check in.
    NotAllowed if someone has the handle, with the command that changes them instead."""
    change.summary = f"added @{handle}"
    if handle in change.people:
        import shlex

        given = [(option, value) for option, value in (("--name", name), ("--kind", kind), ("--team", team),
                                                        ("--cadence", cadence)) if value is not None]  # fmt: skip
        command = f"ictrack person {typed_handle(handle)}"
        if given:
            options = " ".join(f"{option} {shlex.quote(str(value))}" for option, value in given)
            raise NotAllowed(f"@{handle} already exists; `{command} {options}` changes them.")
        raise NotAllowed(f"@{handle} already exists; `{command}` shows them, and `{command} --name …` (or --kind, "
                         "--team, --cadence) changes them.")  # fmt: skip
    person = Person(handle, now, kind or DEFAULT_RELATION, (team or "").strip() or None, cadence,
                    uuid=person_uuid(handle, taken_uuids(change.people.values())), name=display_name(name))  # fmt: skip
    change.save_person(person)
    return person


def display_name(name: str | None) -> str | None:
    """A display name as typed, its spaces tidied; None for none ("" clears one). BadInput if it is too long, or
    holds nothing to see (only control or invisible characters: it would greet them with escapes)."""
    if name is None:
        return None
    tidy = " ".join(name.split())
    if len(tidy) > MAX_NAME:
        raise BadInput(f"a name is at most {MAX_NAME} characters; that one is {len(tidy)}.")
    if tidy and not any(_seen(character) for character in tidy):
        raise BadInput('a name needs a letter, digit or mark you can see; that one has none ("" clears a name).')
    return tidy or None


def _seen(character: str) -> bool:
    """Whether a character shows: a letter, digit, punctuation or symbol, not a control, format or space."""
    import unicodedata

    return unicodedata.category(character)[0] in "LNPS"


def update_person(change: Change, now: datetime, *, handle: str, kind: str | None = None, team: str | None = None,
                  cadence: int | None = None, name: str | None = None) -> Person:  # fmt: skip
    """Set a person's relation, team ("" clears it), check-in cadence or display name ("" clears it). BadInput if
    that changes nothing: an undo step that undoes nothing would only hide the one before it."""
    change.summary = f"updated @{handle}"
    person = known(change, handle)
    was = person.to_record()
    person.kind = kind or person.kind
    person.team = person.team if team is None else (team.strip() or None)
    person.cadence = cadence or person.cadence
    person.name = person.name if name is None else display_name(name)
    if person.to_record() == was:
        raise BadInput(f"that changes nothing: @{handle} already reads so.")
    change.save_person(person)
    return person


def person_rename(change: Change, now: datetime, *, handle: str, new: str) -> Person:
    """Give someone a new handle. They keep their uuid, so every item and check-in, archived or not, follows."""
    change.summary = f"renamed @{handle} to @{new}"
    person = known(change, handle)
    if new == handle:
        raise NotAllowed(f"@{handle} already has that handle.")
    if new in change.people:
        raise NotAllowed(f"@{new} already exists; `ictrack person merge {handle} {new}` folds @{handle} into them.")
    person.handle = new
    change.save_person(person, was=handle)
    records: list[Item | CheckIn] = [*change.items.values(), *change.checkins.values()]
    for record in records:  # each names the person by uuid when stored: nothing to write
        if record.person == handle:
            record.person = new
    return person


def person_merge(change: Change, now: datetime, *, handle: str, into: str) -> Person:
    """Fold a person (a typo, a second handle) into another: their items, check-ins and notes become the other's,
    and records in the archives that still name them are read as the other's (`merged`). The one kept keeps
    every field they have set and takes only what they lack (`merged_fields`)."""
    change.summary = f"merged @{handle} into @{into}"
    if handle == into:
        raise NotAllowed(f"@{handle} can't be merged into themselves.")
    source, target = known(change, handle), known(change, into)
    folded = [*target.merged, *source.uuids]
    if len(folded) > MAX_MERGED:
        raise NotAllowed(f"@{into} has {len(target.merged)} people merged into them already; at most {MAX_MERGED} "
                         "uuids can be kept.")  # fmt: skip
    problem = merged_problem(folded, target.uuid)
    if problem is not None:  # an imported uuid from before they were checked: it could not be read back
        raise NotAllowed(f"@{handle} can't be merged into @{into}: {problem}.")
    for item in list(change.items.values()):
        if item.person == handle:
            item.person = into
            change.save_item(item)
    for checked in list(change.checkins.values()):
        if checked.person == handle:
            checked.person = into
            change.save_checkin(checked)
    target.notes = sorted([*target.notes, *source.notes], key=lambda note: note.at.timestamp())
    target.merged = folded
    for field in merged_fields(source, target):
        setattr(target, field, getattr(source, field))
    change.forget_person(source)
    change.save_person(target)
    return target


def merged_fields(source: Person, target: Person) -> list[str]:
    """The fields `target` takes from `source` in a merge: a name, team or cadence `source` has and `target` has
    none of, and `source`'s kind while `target`'s is the default (colleague)."""
    taken = [field for field in ("name", "team", "cadence") if getattr(target, field) is None
             and getattr(source, field) is not None]  # fmt: skip
    if target.kind == DEFAULT_RELATION and source.kind != DEFAULT_RELATION:
        taken.insert(1, "kind")
    return taken


def person_remove(change: Change, now: datetime, *, handle: str) -> Person:
    """Take out someone with no history at all: no item or check-in, here or archived, no note, nobody merged in.
    A refusal counts what they have, the archives' too."""
    change.summary = f"removed @{handle}"
    person = known(change, handle)
    archived_items, archived_checkins = change.archived_history(handle)
    items = {item.id for item in change.items.values() if item.person == handle} | archived_items
    checkins = {checked.uuid for checked in change.checkins.values() if checked.person == handle} | archived_checkins
    counts = ((len(items), "item"), (len(checkins), "check-in"), (len(person.notes), "note"))
    held = [plural(count, what) for count, what in counts if count]
    if person.merged:
        held.append("someone merged into them")
    if held:
        listed = ", ".join(held[:-1]) + " and " + held[-1] if len(held) > 1 else held[0]
        raise NotAllowed(f"@{handle} has {listed}; only someone with no history can be removed. "
                         f"`ictrack person merge {handle} OTHER` folds them into someone else.")  # fmt: skip
    change.forget_person(person)
    return person


def person_note(change: Change, now: datetime, *, handle: str, text: str) -> Person:
    """A dated note on someone: what to remember about working with them."""
    change.summary = f"noted @{handle}"
    person = known(change, handle)
    tidy = text.strip()
    if not tidy:
        raise BadInput("the note is empty; write what to remember.")
    if len(tidy) > MAX_TITLE:
        raise BadInput(f"a note is at most {MAX_TITLE} characters; that one is {len(tidy)}.")
    person.notes.append(Note(now, tidy))
    change.save_person(person)
    return person


def checkin(change: Change, now: datetime, *, uuid: str, handle: str, rating: int | None = None,
            note: str | None = None) -> CheckIn:  # fmt: skip
    """A check-in with someone: how they said we are doing, and what to get better at."""
    change.summary = f"checked in with @{handle}"
    checked = CheckIn(uuid, known(change, handle).handle, now, rating, (note or "").strip() or None)
    change.save_checkin(checked)
    return checked


def care(change: Change, now: datetime, *, checks: list[str], done: Iterable[str] = (), energy: int | None = None,
         note: str | None = None, replace_done: bool = False, asked: list[str] | None = None) -> CareCheck:  # fmt: skip
    """Today's care check; a second one the same day updates it. `done` adds to what is ticked (or replaces it:
    all of it, or with `asked`, only the answers to those checks), kept in the order of `checks`."""
    change.summary = "care check"
    day = now.date().isoformat()
    today = change.care.get(day) or CareCheck(day, now)
    if replace_done:
        ticked = list(done) + [name for name in today.done if asked is not None and name not in asked]
    else:
        ticked = today.done + list(done)
    today.done = [name for name in checks if name in ticked]
    today.energy = today.energy if energy is None else energy
    today.note = today.note if note is None else (note.strip() or None)
    today.at = now
    change.save_care(today)
    return today


def fill(change: Change, now: datetime, *, items: list[Item], people: list[Person], care: list[CareCheck],
         checkins: list[CheckIn], next_id: int, source: str) -> None:  # fmt: skip
    """Fill an empty data folder with what an export held, every ID kept."""
    change.summary = f"imported {len(items)} items from {source}"
    if change.holds_anything:
        raise NotAllowed("import json fills an empty data folder, and this one holds data; point ICTRACK_HOME at "
                         "a new folder to import there.")  # fmt: skip
    taken = set(taken_uuids(people))  # the document's own uuids, checked unique
    for person in people:
        if not person.uuid:
            person.uuid = person_uuid(person.handle, taken)
            taken.add(person.uuid)
        change.save_person(person)
    for item in items:
        change.save_item(item)
    for day in care:
        change.save_care(day)
    for checked in checkins:
        change.save_checkin(checked)
    change.keep_ids_from(next_id)


def add_tasks(change: Change, now: datetime, *, items: list[Item], source: str) -> list[Item]:
    """Add what another tool exported, each under a new ID, leaving out uuids the data already holds."""
    change.summary = f"imported {len(items)} tasks from {source}"
    held = {item.uuid for item in change.items.values()}
    added = []
    for item in items:
        if item.uuid in held:
            continue
        item.id = change.new_id()
        ensure_person(change, item.person, now)
        change.save_item(item)
        added.append(item)
    return added
