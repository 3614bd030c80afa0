"""What the shells show of the people you serve, as typed records built from the model. Pure.

- `PersonRow`: one person at a glance (`people`, the brief's check-ins due, the TUI's People view).
- `Tally`: what a person's settled history adds to that row, so `people` need not read every archived item.
- `Agenda`: one person's page, the agenda for a 1:1 (`person P`): open items both ways, thank-yous owed,
  check-ins with the trend of their ratings, notes, and a question to ask when a check-in is due.

Each `to_json()` is its form in docs/json.md, keys in that order. The records are NamedTuples: immutable
and compared by value, without the `dataclasses` import; this module is loaded only when a view is built,
never by a quick add.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ictrack.core.model import CheckIn, Item, Note, Person, Risk, soonest_due_first, stamp
from ictrack.core.relations import cadence, checkin_due, last_checkin, on_time, thanks_owed
from ictrack.core.settings import Config


class PersonRow(NamedTuple):
    """One person's figures: who they are, what is open between us, thanks owed, on-time rate and moves,
    check-ins."""

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
    renegotiated_in_time: int  # commitments to them moved before their due date
    moved_after_date: int  # commitments to them moved only after a due date had passed
    checkin_due: bool

    def to_json(self) -> dict:
        return {**self._asdict(), "last_checkin": stamp(self.last_checkin)}


class Tally(NamedTuple):
    """What some items add to a person's row: the commitments delivered against a due date and how many of them
    on time, those renegotiated in time and those moved only after the date, and when the first was made."""

    judged: int = 0
    on_time: int = 0
    renegotiated_in_time: int = 0
    moved_after_date: int = 0
    first: datetime | None = None

    def __add__(self, other: tuple) -> Tally:  # a sum of tallies, not a longer tuple
        assert isinstance(other, Tally)
        firsts = [moment for moment in (self.first, other.first) if moment is not None]
        return Tally(self.judged + other.judged, self.on_time + other.on_time,
                     self.renegotiated_in_time + other.renegotiated_in_time,
                     self.moved_after_date + other.moved_after_date,
                     min(firsts, key=datetime.timestamp) if firsts else None)  # fmt: skip


def tally(items: list[Item]) -> Tally:
    """What `items` add to their person's row (see `person_row`)."""
    results = [on_time(item) for item in items if item.kind == "commitment"]
    moved = [item for item in items if item.moves and item.kind == "commitment"]
    return Tally(
        judged=sum(result is not None for result in results), on_time=sum(result is True for result in results),
        renegotiated_in_time=sum(any(not move.after_due for move in item.renegotiations) for item in moved),
        moved_after_date=sum(item.missed is not None for item in moved),
        first=min((item.created for item in items), key=datetime.timestamp, default=None),
    )  # fmt: skip


def person_row(person: Person, theirs: list[Item], checkins: list[CheckIn], config: Config,
               now: datetime, archived: Tally | None = None) -> PersonRow:  # fmt: skip
    """One person's row, from their own items and check-ins (see `relations.by_person`), and with the `archived`
    tally of their items that are not among those."""
    last = last_checkin(checkins)
    counted = tally(theirs) + (archived or Tally())
    return PersonRow(
        person.handle, person.name, person.kind, person.team, cadence(person, config),
        open_commitments=sum(item.is_open and item.kind == "commitment" for item in theirs),
        open_asks=sum(item.is_open and item.kind == "ask" for item in theirs),
        thanks_owed=sum(item.owes_thanks for item in theirs),
        last_checkin=last.at if last else None,
        on_time_rate=counted.on_time / counted.judged if counted.judged else None,
        renegotiated_in_time=counted.renegotiated_in_time,
        moved_after_date=counted.moved_after_date,
        checkin_due=checkin_due(person, theirs, checkins, config, now, archived.first if archived else None),
    )  # fmt: skip


class Trend(NamedTuple):
    """How check-in ratings have gone: the last few, oldest first, and which way."""

    ratings: list[int]
    direction: str  # "rising", "falling" or "steady"

    def to_json(self) -> dict:
        return self._asdict()


TREND_RATINGS = 5  # the ratings a trend reads, the newest


def rating_trend(checkins: list[CheckIn]) -> Trend | None:
    """The trend of the last ratings (check-ins oldest first): the newest against the mean of those before it,
    half a point either way being a change; None with fewer than two ratings."""
    ratings = [checked.rating for checked in checkins if checked.rating is not None][-TREND_RATINGS:]
    if len(ratings) < 2:
        return None
    earlier = sum(ratings[:-1]) / len(ratings[:-1])
    change = ratings[-1] - earlier
    return Trend(ratings, "rising" if change >= 0.5 else "falling" if change <= -0.5 else "steady")


def platinum_question(owe_them: list[Item], checkins: list[CheckIn], trend: Trend | None) -> str:
    """A question to ask at a check-in, after the platinum rule (treat people as they want to be treated): what
    they want, in their words, from what stands between you."""
    if not checkins:
        return "How do you like to work with people: what helps you most, and what gets in your way?"
    if trend is not None and trend.direction == "falling":
        last = trend.ratings[-1]
        return f"Last time you rated us {last}/5. What would make it a {min(last + 1, 5)}?"
    if owe_them:
        return (f'Is "{owe_them[0].title}" still the most useful thing I can do for you, or has something '
                "else come up?")  # fmt: skip
    return "What is one thing I could do differently that would make working with me easier for you?"


class Agenda(NamedTuple):
    """One person's page, the agenda for a 1:1: what I owe them, what they owe me, thank-yous owed, our
    check-ins and the trend of their ratings, my notes on them, and a question when a check-in is due."""

    person: PersonRow
    owe_them: list[Item]  # open commitments, soonest due first
    they_owe: list[Item]  # open asks, soonest due first
    thanks_owed: list[Item]  # oldest first
    checkins: list[CheckIn]  # oldest first
    risks: dict[int, Risk]  # by item ID, for every item above
    notes: list[Note]  # oldest first
    trend: Trend | None  # of the check-in ratings; None with fewer than two
    question: str | None  # to ask, when a check-in is due

    def to_json(self) -> dict:
        def shown(items: list[Item]) -> list[dict]:
            return [item.to_json(self.risks[item.id]) for item in items]

        return {"person": self.person.to_json(), "owe_them": shown(self.owe_them), "they_owe": shown(self.they_owe),
                "thanks_owed": shown(self.thanks_owed),
                "checkins": [checkin.to_record() for checkin in self.checkins],
                "trend": self.trend.to_json() if self.trend else None,
                "notes": [note.to_record() for note in self.notes], "question": self.question}  # fmt: skip


def agenda(person: Person, theirs: list[Item], checkins: list[CheckIn], risks: dict[int, Risk], config: Config,
           now: datetime) -> Agenda:  # fmt: skip
    """One person's agenda from their own items and check-ins, in any order; `risks` holds every item's risk."""
    theirs = sorted(theirs, key=soonest_due_first)
    checkins = sorted(checkins, key=lambda checkin: checkin.at.timestamp())
    row = person_row(person, theirs, checkins, config, now)
    owe_them = [item for item in theirs if item.is_open and item.kind == "commitment"]
    trend = rating_trend(checkins)
    return Agenda(
        row,
        owe_them=owe_them,
        they_owe=[item for item in theirs if item.is_open and item.kind == "ask"],
        thanks_owed=thanks_owed(theirs),
        checkins=checkins,
        risks=risks,
        notes=sorted(person.notes, key=lambda note: note.at.timestamp()),
        trend=trend,
        question=platinum_question(owe_them, checkins, trend) if row.checkin_due else None,
    )
