"""The operations both shells call: add, done, move, drop, edit, undo, list, brief.

Each write is one store change (one lock, one atomic write, one undo step).
Checks come before any change, so a refused command leaves the data untouched.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from ictrack.config import Config
from ictrack.dates import parse_past, parse_when
from ictrack.errors import BadInput, NotAllowed, NotFound
from ictrack.model import KINDS, Item, Person, Risk
from ictrack.quickadd import QuickAdd, check_priority, normalize_handle, normalize_tag, parse_quick_add
from ictrack.risk import assess_all
from ictrack.store import Change, State, Store

LIST_STATUSES = {"open": ("open",), "done": ("done",), "all": ("open", "done", "dropped")}


class Brief:
    """The morning brief: what needs me today."""

    __slots__ = ("now", "overdue", "at_risk", "today", "follow_up", "risks")

    def __init__(self, now, overdue, at_risk, today, follow_up, risks):
        self.now, self.overdue, self.at_risk, self.today = now, overdue, at_risk, today
        self.follow_up, self.risks = follow_up, risks

    @property
    def sections(self) -> list[tuple[str, list[Item]]]:
        return [("Overdue", self.overdue), ("At risk", self.at_risk), ("Due today", self.today),
                ("Follow up (asks past due)", self.follow_up)]  # fmt: skip


def soonest_due_first(item: Item) -> tuple:
    return (item.due is None, item.due.timestamp() if item.due else 0, item.id)


def _describe(item: Item) -> str:
    return f'{item.id} "{item.title}"'


class Service:
    def __init__(self, store: Store, config: Config, clock: Callable[[], datetime]):
        self.store = store
        self.config = config
        self.clock = clock

    def _when(self, text: str, now: datetime) -> datetime:
        return parse_when(text, now, workday_end=self.config.workday_end, dayfirst=self.config.dayfirst)

    def risks(self, state: State, now: datetime) -> dict[int, Risk]:
        return assess_all(state.items.values(), now, self.config)

    # -- writing -------------------------------------------------------------

    def understand(self, text: str, **options) -> QuickAdd:
        """What quick add would make of `text`, without saving anything."""
        return parse_quick_add(
            text, self.clock(), workday_end=self.config.workday_end, dayfirst=self.config.dayfirst, **options
        )

    def add(self, kind: str, text: str, **options) -> tuple[Item, Risk]:
        if kind not in KINDS:
            raise BadInput(f'"{kind}" is not a kind; use one of {", ".join(KINDS)}.')
        now = self.clock()
        parsed = parse_quick_add(
            text, now, workday_end=self.config.workday_end, dayfirst=self.config.dayfirst, **options
        )
        received = kind == "help"  # help has already happened when it is logged
        with self.store.change(f"added {kind}", now) as change:
            item = Item(
                id=change.new_id(), uuid=str(uuid.uuid4()), kind=kind, title=parsed.title, person=parsed.person,
                tags=parsed.tags, external=parsed.external, priority=parsed.priority, note=parsed.note,
                created=now, due=None if received else parsed.due,
                status="done" if received else "open", done_at=now if received else None,
            )  # fmt: skip
            self._ensure_person(change, item.person, now)
            change.save_item(item)
            change.summary = f"added {kind} {_describe(item)}"
        return item, self.risks(change, now)[item.id]

    def _ensure_person(self, change: Change, handle: str | None, now: datetime) -> None:
        if handle and handle not in change.people:
            change.save_person(Person(handle, now))

    def _open_items(self, change: Change, ids: Iterable[int], verb: str) -> list[Item]:
        items = [change.item(item_id) for item_id in dict.fromkeys(ids)]
        for item in items:
            if item.kind == "help":
                raise NotAllowed(f"{_describe(item)} is help you received; there is nothing to {verb}.")
            if not item.is_open:
                raise NotAllowed(f"{_describe(item)} is already {item.status}; `ictrack undo` reverts a change.")
        return items

    def done(self, ids: list[int], at: str | None = None, *, asks_only: bool = False) -> list[Item]:
        """Mark delivered (a commitment) or received (an ask), now or at a past moment."""
        now = self.clock()
        with self.store.change(f"marked {', '.join(map(str, ids))} done", now) as change:
            items = self._open_items(change, ids, "mark done")
            if asks_only:
                for item in items:
                    if item.kind != "ask":
                        raise NotAllowed(
                            f"{_describe(item)} is a {item.kind}, not an ask; use `ictrack done {item.id}`."
                        )
            done_at = now
            if at is not None:
                done_at = parse_past(at, now, workday_end=self.config.workday_end, dayfirst=self.config.dayfirst)
            for item in items:
                item.status, item.done_at = "done", done_at
                change.save_item(item)
        return items

    def drop(self, ids: list[int], reason: str | None = None) -> list[Item]:
        now = self.clock()
        with self.store.change(f"dropped {', '.join(map(str, ids))}", now) as change:
            items = self._open_items(change, ids, "drop")
            for item in items:
                item.status, item.done_at, item.drop_reason = "dropped", now, reason
                change.save_item(item)
        return items

    def move(self, item_id: int, when: str, reason: str | None = None) -> tuple[Item, Risk]:
        """Renegotiate a due date; the old one is kept in `moves`."""
        now = self.clock()
        with self.store.change(f"moved {item_id}", now) as change:
            (item,) = self._open_items(change, [item_id], "move")
            due = self._when(when, now)
            item.moves.append({"at": now.isoformat(), "from": item.due.isoformat() if item.due else None,
                               "to": due.isoformat(), "reason": reason})  # fmt: skip
            item.due = due
            change.save_item(item)
        return item, self.risks(change, now)[item.id]

    def edit(
        self,
        item_id: int,
        *,
        title: str | None = None,
        to: str | None = None,
        no_person: bool = False,
        due: str | None = None,
        no_due: bool = False,
        tags: list[str] = (),
        untags: list[str] = (),
        note: str | None = None,
        priority: str | None = None,
        external: bool | None = None,
    ) -> tuple[Item, Risk]:
        now = self.clock()
        if not any([title is not None, to, no_person, due, no_due, tags, untags, note is not None,
                    priority, external is not None]):  # fmt: skip
            raise BadInput(
                "nothing to change; give --title, --to, --due, --tag, --untag, --note, --priority or --external."
            )
        with self.store.change(f"edited {item_id}", now) as change:
            item = change.item(item_id)
            if title is not None:
                if not title.strip():
                    raise BadInput("the title can't be empty.")
                item.title = title.strip()
            if to or no_person:
                item.person = None if no_person else normalize_handle(to)
                self._ensure_person(change, item.person, now)
            if due or no_due:
                item.due = None if no_due else self._when(due, now)
            for tag in map(normalize_tag, tags):
                if tag not in item.tags:
                    item.tags.append(tag)
            for tag in map(normalize_tag, untags):
                if tag not in item.tags:
                    raise NotFound(f"{_describe(item)} has no tag #{tag}.")
                item.tags.remove(tag)
            if note is not None:
                item.note = note or None
            if priority is not None:
                item.priority = check_priority(priority)
            if external is not None:
                item.external = external
            change.save_item(item)
        return item, self.risks(change, now)[item.id]

    def undo(self) -> str:
        summary = self.store.undo()
        if summary is None:
            raise NotFound("there is nothing to undo.")
        return summary

    # -- reading -------------------------------------------------------------

    def show(self, item_id: int) -> tuple[Item, Risk]:
        state, now = self.store.load(), self.clock()
        return state.item(item_id), self.risks(state, now)[item_id]

    def list(
        self,
        *,
        status: str = "open",
        kind: str | None = None,
        person: str | None = None,
        tag: str | None = None,
        at_risk: bool = False,
    ) -> tuple[list[Item], dict[int, Risk]]:
        state, now = self.store.load(), self.clock()
        if person is not None:
            person = normalize_handle(person)
            if person not in state.people:
                raise NotFound(f"nobody called @{person}{_suggestion(person, state.people)}")
        tag = normalize_tag(tag) if tag is not None else None
        risks = self.risks(state, now)
        chosen = [
            item
            for item in state.items.values()
            if item.status in LIST_STATUSES[status]
            and (kind is None or item.kind == kind)
            and (person is None or item.person == person)
            and (tag is None or tag in item.tags)
            and (not at_risk or risks[item.id].needs_attention)
        ]
        return sorted(chosen, key=soonest_due_first), risks

    def brief(self) -> Brief:
        state, now = self.store.load(), self.clock()
        risks = self.risks(state, now)
        open_items = sorted((item for item in state.items.values() if item.is_open), key=soonest_due_first)
        commitments = [item for item in open_items if item.kind == "commitment"]
        overdue = [item for item in commitments if risks[item.id].level == "overdue"]
        at_risk = [item for item in commitments if risks[item.id].level == "at-risk"]
        today = [
            item for item in commitments
            if item.due and item.due.astimezone(now.tzinfo).date() == now.date() and item not in at_risk + overdue
        ]  # fmt: skip
        follow_up = [item for item in open_items if item.kind == "ask" and risks[item.id].level == "overdue"]
        return Brief(now, overdue, at_risk, today, follow_up, risks)


def _suggestion(handle: str, people: Iterable[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(handle, list(people), n=1)
    return f"; did you mean @{close[0]}?" if close else "."
