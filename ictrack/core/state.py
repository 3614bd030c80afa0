"""What is stored, in memory: every record as a model object, and the change an operation is making to it.

Storage reads the files into a `State` (or, under its lock, a `Change`), an operation changes the
`Change` by saving records, and storage writes what was saved. Nothing here touches a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ictrack.core.model import MAX_ID, CareCheck, CheckIn, Item, Person
from ictrack.errors import NotAllowed, NotFound

if TYPE_CHECKING:
    from ictrack.core.views import Tally

TABLE_NAMES = ("items", "people", "care", "checkins")


class State:
    """Everything stored, as model objects, each table a dict by key."""

    def __init__(self, items: dict[int, Item], people: dict[str, Person], care: dict[str, CareCheck],
                 checkins: dict[str, CheckIn], lookup: Callable[[int], Item | None] | None = None,
                 next_id: int | None = None, unread: Callable[[], dict[int, Item]] | None = None,
                 tallies: dict[str, Tally] | None = None):  # fmt: skip
        self.items = items  # those read: every item of the data file, or those a command needs (see `every_item`)
        self.people = people
        self.care = care
        self.checkins = checkins
        self._next_id = next_id
        self._lookup = lookup  # finds one item not among `items` (left unread, or archived) only when asked for
        self._unread = unread  # reads the items of the data file left out of `items`
        self.tallies = tallies or {}  # what each person's archived items add to their row, by handle, if read

    @property
    def next_id(self) -> int | None:
        """The ID the next new item gets: IDs are never reused."""
        return self._next_id

    def item(self, item_id: int) -> Item:
        """The item with this ID, from the data file or, if it has been archived, from its archive."""
        found = self.items.get(item_id) or (self._lookup(item_id) if self._lookup else None)
        if found is None:
            raise NotFound(f"there is no item {item_id}; `ictrack list --all` shows every item.")
        return found

    def every_item(self) -> dict[int, Item]:
        """`items`, with every item of the data file a read left out for the command (settled for good) read now."""
        if self._unread is not None:
            self.items = {**self._unread(), **self.items}
            self._unread = None
        return self.items


class Change(State):
    """An operation in progress under the lock. Save what you change; the store does the rest."""

    _next_id: int  # a change always knows the next ID

    def __init__(self, tables: dict[str, dict], next_id: int, lookup: Callable[[int], Item | None] | None = None,
                 archives: Callable[[], list[str]] | None = None,
                 archived_history: Callable[[str], tuple[set[int], set[str]]] | None = None):  # fmt: skip
        super().__init__(tables["items"], tables["people"], tables["care"], tables["checkins"], lookup, next_id)
        self.summary = ""  # what `undo` will say it undid
        self.saved: dict[str, dict] = {name: {} for name in TABLE_NAMES}
        self.gone: list[Person] = []  # people taken out (merged or removed): the store deletes their records
        self._archives = archives  # the archives there are, looked up only when asked
        self._archived_history = archived_history  # what archived records name someone, read only when asked

    @property
    def holds_anything(self) -> bool:
        """Whether the folder holds any record at all, in the data file or an archive."""
        archived = self._archives() if self._archives else []
        return bool(self.items or self.people or self.care or self.checkins or archived)

    def archived_history(self, handle: str) -> tuple[set[int], set[str]]:
        """The IDs of the archived items and the uuids of the archived check-ins that name someone (reads the
        archives that may name them)."""
        return self._archived_history(handle) if self._archived_history else (set(), set())

    def new_id(self) -> int:
        if self._next_id > MAX_ID:
            raise NotAllowed(f"every item ID up to {MAX_ID} has been given out; no new item can be added.")
        item_id, self._next_id = self._next_id, self._next_id + 1
        return item_id

    def _save(self, table: str, key, record) -> None:
        getattr(self, table)[key] = self.saved[table][key] = record

    def save_item(self, item: Item) -> None:
        self._save("items", item.id, item)
        self._next_id = max(self._next_id, item.id + 1)

    def keep_ids_from(self, next_id: int) -> None:
        """New items get IDs from `next_id` on (or later): for an import that brings its own."""
        self._next_id = max(self._next_id, next_id)

    def save_person(self, person: Person, *, was: str | None = None) -> None:
        """Save a person; `was` is the handle they had, if it changed (a rename: the uuid stays)."""
        if was is not None and was != person.handle:
            del self.people[was]
            self.saved["people"].pop(was, None)
        self._save("people", person.handle, person)

    def forget_person(self, person: Person) -> None:
        """Take a person out: merged into someone, or removed having no history."""
        del self.people[person.handle]
        self.saved["people"].pop(person.handle, None)
        self.gone.append(person)

    def save_care(self, care: CareCheck) -> None:
        self._save("care", care.day, care)

    def save_checkin(self, checkin: CheckIn) -> None:
        self._save("checkins", checkin.uuid, checkin)
