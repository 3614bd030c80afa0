"""What the shells show of the people you serve, as typed records built from the model. Pure.

- `PersonRow`: one person at a glance (`people`, the brief's check-ins due, the TUI's People view).
- `Agenda`: one person's open items both ways, thank-yous owed and check-ins (`person P`).

Each `to_json()` is its form in docs/json.md, keys in that order. The records are NamedTuples: immutable
and compared by value, without the `dataclasses` import; this module is loaded only when a view is built,
never by a quick add.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ictrack.core.model import CheckIn, Item, Person, Risk, soonest_due_first, stamp
from ictrack.core.relations import cadence, checkin_due, last_checkin, on_time_rate, thanks_owed
from ictrack.core.settings import Config


class PersonRow(NamedTuple):
    """One person's figures: who they are, what is open between us, thanks owed, on-time rate, check-ins."""

    handle: str
    name: str | None  # how they are addressed, if given
    kind: str
    team: str | None
    cadence: int | None  # days between check-ins, theirs or their relation's; None for the config's checkin_days
    open_commitments: int
    open_asks: int
    thanks_owed: int
    last_checkin: datetime | None
    on_time_rate: float | None  # None when nothing dated was delivered to them
    checkin_due: bool

    def to_json(self) -> dict:
        return {**self._asdict(), "last_checkin": stamp(self.last_checkin)}


def person_row(person: Person, theirs: list[Item], checkins: list[CheckIn], config: Config,
               now: datetime) -> PersonRow:  # fmt: skip
    """One person's row, from their own items and check-ins (see `relations.by_person`)."""
    last = last_checkin(checkins)
    return PersonRow(
        person.handle, person.name, person.kind, person.team, cadence(person, config),
        open_commitments=sum(item.is_open and item.kind == "commitment" for item in theirs),
        open_asks=sum(item.is_open and item.kind == "ask" for item in theirs),
        thanks_owed=sum(item.owes_thanks for item in theirs),
        last_checkin=last.at if last else None,
        on_time_rate=on_time_rate(theirs),
        checkin_due=checkin_due(person, theirs, checkins, config, now),
    )  # fmt: skip


class Agenda(NamedTuple):
    """One person's agenda: what I owe them, what they owe me, thank-yous owed, and our check-ins."""

    person: PersonRow
    owe_them: list[Item]  # open commitments, soonest due first
    they_owe: list[Item]  # open asks, soonest due first
    thanks_owed: list[Item]  # oldest first
    checkins: list[CheckIn]  # oldest first
    risks: dict[int, Risk]  # by item ID, for every item above

    def to_json(self) -> dict:
        def shown(items: list[Item]) -> list[dict]:
            return [item.to_json(self.risks[item.id]) for item in items]

        return {"person": self.person.to_json(), "owe_them": shown(self.owe_them), "they_owe": shown(self.they_owe),
                "thanks_owed": shown(self.thanks_owed),
                "checkins": [checkin.to_record() for checkin in self.checkins]}  # fmt: skip


def agenda(person: Person, theirs: list[Item], checkins: list[CheckIn], risks: dict[int, Risk], config: Config,
           now: datetime) -> Agenda:  # fmt: skip
    """One person's agenda from their own items and check-ins, in any order; `risks` holds every item's risk."""
    theirs = sorted(theirs, key=soonest_due_first)
    checkins = sorted(checkins, key=lambda checkin: checkin.at.timestamp())
    return Agenda(
        person_row(person, theirs, checkins, config, now),
        owe_them=[item for item in theirs if item.is_open and item.kind == "commitment"],
        they_owe=[item for item in theirs if item.is_open and item.kind == "ask"],
        thanks_owed=thanks_owed(theirs),
        checkins=checkins,
        risks=risks,
    )
