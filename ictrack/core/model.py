"""The things ictrack keeps: items (commitments, asks, help) and people.

Plain slotted classes rather than dataclasses: `dataclasses` imports `inspect`,
which would cost every quick add about 10 ms. The records of an item's stored
parts (`Move`, `Repeat`) are `Fields`, not NamedTuples, for the same reason: each
NamedTuple class costs about half a millisecond to make at import.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ictrack.text import HIDDEN

TYPE_CHECKING = False  # importing typing costs ~4 ms on `ictrack --help`; type checkers treat this name as True
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, overload

KINDS = ("commitment", "ask", "help")
STATUSES = ("open", "done", "dropped")
PRIORITIES = ("high", "normal", "low")
RELATIONS = ("colleague", "manager", "report", "client", "client-staff", "vendor")
RISK_LEVELS = ("overdue", "at-risk", "soon", "ok")
HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]*")
TAG = re.compile(r"[^\s#@!\x00-\x1f\x7f-\x9f]+")  # a stored tag: one word, no control characters
# a tag given anew (typed, or from another tool): no character that hides or reorders text either (see ictrack.text)
NEW_TAG = re.compile(rf"[^\s#@!\x00-\x1f\x7f-\x9f{HIDDEN}]+")
MAX_TITLE = 1000  # characters in a title, however it comes in (quick add, edit, import); longer text is a note
FIRST_YEAR, LAST_YEAR = 1900, 2999  # every stored time falls in these years, far from datetime's limits
MAX_CADENCE = 3650  # days between check-ins: ten years
MAX_NAME = 100  # characters in a person's display name
MAX_HANDLE = 64  # characters in a handle, however it comes in (typed, imported, read): a word to type, not a text
MAX_MERGED = 1000  # people folded into one person: each merge adds one or more; a thousand typos is already many
UUID = r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # text: compiled when first used
MAX_ID = 999_999_999  # item IDs are typed: nine digits, everywhere (the CLI's bound, cli.common.MAX_ID, is this one)
# The repeat rules ictrack writes: RFC 5545 parts in a fixed grammar, so a stored rule is checked without dateutil.
_WEEKDAY_CODE = r"(?:[+-]?[1-5])?(?:MO|TU|WE|TH|FR|SA|SU)"
_MONTH_DAY = r"-?(?:[1-9]|[12]\d|3[01])"
_RRULE = re.compile(
    r"FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=[1-9]\d{0,3})?"
    rf"(?:;BYDAY={_WEEKDAY_CODE}(?:,{_WEEKDAY_CODE})*)?(?:;BYMONTHDAY={_MONTH_DAY}(?:,{_MONTH_DAY})*)?"
    r"(?:;BYHOUR=(?:1?\d|2[0-3]))?(?:;BYMINUTE=[1-5]?\d)?(?:;BYSECOND=[1-5]?\d)?"
)


def uuid_text(raw: bytes, version: int) -> str:
    """16 bytes as the text of a uuid of `version` (RFC 9562), as `str(uuid.UUID(bytes=raw, version=version))`
    writes it: the uuid module imports platform, a tenth of a quick add's start-up."""
    octets = bytearray(raw)
    octets[6] = octets[6] & 0x0F | version << 4
    octets[8] = octets[8] & 0x3F | 0x80  # the RFC's variant
    text = octets.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


if TYPE_CHECKING:  # a stamp gives a moment, None gives None

    @overload
    def unstamp(text: str) -> datetime: ...

    @overload
    def unstamp(text: None) -> None: ...

    @overload
    def unstamp(text: str | None) -> datetime | None: ...


def unstamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


class RecordError(ValueError):
    """A stored or imported record that is not the shape ictrack writes; the message names the field."""


def _time(value: object, field: str) -> datetime | None:
    return None if value is None else _required_time(value, field)


def _required_time(value: object, field: str) -> datetime:
    if value is None:
        raise RecordError(f"has no {field}")
    if not isinstance(value, str):
        raise RecordError(f"{field} is not a time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{field} {value!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise RecordError(f"{field} {value!r} has no UTC offset")
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise RecordError(f"{field} {value!r} is outside the years {FIRST_YEAR}–{LAST_YEAR}")
    return moment


def _text(value: object, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{field} is not a string")
    return value


def _required_text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{field} is not a non-empty string")
    return value


def _choice(value: object, field: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        raise RecordError(f"{field} {value!r} is not one of {', '.join(choices)}")
    return value


def _whole(value: object, field: str, low: int, high: int) -> int | None:
    return None if value is None else _required_whole(value, field, low, high)


def _required_whole(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordError(f"{field} {value!r} is not a whole number from {low} to {high}")
    return value


def _handle(value: object, field: str = "person") -> str | None:
    return None if value is None else _required_handle(value, field)


def _required_handle(value: object, field: str = "person") -> str:
    if isinstance(value, str) and len(value) > MAX_HANDLE:
        raise RecordError(f"{field} is not a handle of at most {MAX_HANDLE} characters (it has {len(value)})")
    if not isinstance(value, str) or not HANDLE.fullmatch(value):
        raise RecordError(f"{field} {value!r} is not a handle")
    return value


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(f"{field} {value!r} is not true or false")
    return value


def _tags(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(tag, str) and TAG.fullmatch(tag) for tag in value):
        raise RecordError("tags is not a list of tags")
    return list(value)


def _moves(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise RecordError("moves is not a list")
    moves = []
    for move in value:
        if not isinstance(move, dict):
            raise RecordError("a move is not an object")
        _required_time(move.get("at"), "a move's at")
        _time(move.get("from"), "a move's from")
        _required_time(move.get("to"), "a move's to")
        _text(move.get("reason"), "a move's reason")
        moves.append(dict(move))
    return moves


def _day(value: object, field: str) -> date | None:
    """An ISO date (`2026-11-30`) in the years ictrack keeps; None for none."""
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{field} {value!r} is not a date like 2026-11-30") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RecordError(f"{field} {value!r} is outside the years {FIRST_YEAR}–{LAST_YEAR}")
    return day


def _recur(value: object) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError("recur is not an object")
    _required_text(value.get("rule"), "recur's rule")
    rrule = value.get("rrule")
    if not isinstance(rrule, str) or not _RRULE.fullmatch(rrule):
        raise RecordError(f"recur's rrule {rrule!r} is not a rule ictrack writes")
    _required_time(value.get("start"), "recur's start")
    _required_text(value.get("series"), "recur's series")
    _time(value.get("ended"), "recur's ended")
    _text(value.get("zone"), "recur's zone")
    return dict(value)


class Fields:
    """Named fields, compared and shown by their values: a stored part read into typed fields."""

    __slots__ = ()

    def values(self) -> tuple:
        names: tuple[str, ...] = self.__slots__
        return tuple(getattr(self, name) for name in names)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fields) and type(other) is type(self) and self.values() == other.values()

    def __hash__(self) -> int:
        return hash(self.values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self.values()!r}"


class Move(Fields):
    """One renegotiation of a due date: a stored move (docs/json.md), read into typed fields."""

    __slots__ = ("at", "old_due", "new_due", "reason")
    at: datetime  # when it was renegotiated
    old_due: datetime | None  # None when it had no due date
    new_due: datetime
    reason: str | None

    def __init__(self, at: datetime, old_due: datetime | None, new_due: datetime, reason: str | None = None) -> None:
        self.at, self.old_due, self.new_due, self.reason = at, old_due, new_due, reason

    @classmethod
    def of(cls, record: dict) -> Move:
        """The fields of a record as `_moves` accepts it."""
        return cls(unstamp(record["at"]), unstamp(record.get("from")), unstamp(record["to"]), record.get("reason"))

    @property
    def after_due(self) -> bool:
        """Made after the due date it moved: that date was missed, not renegotiated in time (docs/week.md)."""
        return self.old_due is not None and self.at > self.old_due


class Repeat(Fields):
    """How an item repeats: its stored `recur` record (docs/json.md), read into typed fields.

    The item keeps the record itself, as written, so a record with fields ictrack does not know keeps them.
    """

    __slots__ = ("rule", "rrule", "start", "series", "zone", "ended")
    rule: str  # as ictrack shows it: `every fri 13:00`
    rrule: str  # RFC 5545, with the time of day
    start: datetime  # the first occurrence's due date
    series: str  # the uuid every occurrence shares
    zone: str | None  # the IANA zone the series was made in, if it had a name
    ended: datetime | None  # when `drop --series` ended it

    def __init__(self, rule: str, rrule: str, start: datetime, series: str, zone: str | None = None,
                 ended: datetime | None = None) -> None:  # fmt: skip
        self.rule, self.rrule, self.start, self.series, self.zone, self.ended = rule, rrule, start, series, zone, ended

    @classmethod
    def of(cls, record: dict) -> Repeat:
        """The fields of a record as `_recur` accepts it."""
        return cls(record["rule"], record["rrule"], datetime.fromisoformat(record["start"]), record["series"],
                   record.get("zone"), unstamp(record.get("ended")))  # fmt: skip


def owes_thanks(kind: str, status: str, thanked_at) -> bool:
    """An ask received, or help given, that I have not yet thanked anyone for."""
    received = kind == "help" or (kind == "ask" and status == "done")
    return received and thanked_at is None


class Item:
    """One promise: a commitment I made, an ask I made of someone, or help I received."""

    __slots__ = (
        "id", "uuid", "kind", "title", "person", "tags", "external", "priority", "note",
        "created", "due", "status", "done_at", "moves", "thanked_at", "thank_note", "recur", "wait", "drop_reason",
    )  # fmt: skip
    id: int
    uuid: str
    kind: str
    title: str
    person: str | None
    tags: list[str]
    external: bool
    priority: str
    note: str | None
    created: datetime
    due: datetime | None
    status: str
    done_at: datetime | None
    moves: list[dict[str, Any]]
    thanked_at: datetime | None
    thank_note: str | None
    recur: dict[str, Any] | None
    wait: date | None  # the day it comes back into the review (`snooze`); stored only when set
    drop_reason: str | None
    TIMES = ("created", "due", "done_at", "thanked_at")
    # docs/json.md's order; `recur` only if it repeats, `wait` only if set; `risk` is added by the caller
    JSON_FIELDS = __slots__[:-1]

    def __init__(self, **fields: Any) -> None:
        defaults: dict[str, Any] = {"person": None, "tags": [], "external": False, "priority": "normal", "note": None,
                                    "due": None, "status": "open", "done_at": None, "moves": [], "thanked_at": None,
                                    "thank_note": None, "recur": None, "wait": None,
                                    "drop_reason": None}  # fmt: skip
        for name in self.__slots__:
            value = fields[name] if name in fields else defaults[name]
            if name == "moves":
                value = [dict(move) for move in value]
            elif name == "tags":
                value = list(value)
            elif name == "recur" and value is not None:
                value = dict(value)
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"Item({self.id}, {self.kind}, {self.title!r}, status={self.status})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Item) and self.to_record() == other.to_record()

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def scheduled(self) -> datetime | None:
        """The due date this occurrence was first given, before any renegotiation."""
        return unstamp(self.moves[0]["from"]) if self.moves and self.moves[0]["from"] else self.due

    @property
    def owes_thanks(self) -> bool:
        return owes_thanks(self.kind, self.status, self.thanked_at)

    def waiting(self, now: datetime) -> bool:
        """Snoozed and not back yet: open, with a `wait` day after `now`'s date (in now's zone)."""
        return self.wait is not None and self.status == "open" and self.wait > now.date()

    @property
    def renegotiations(self) -> list[Move]:
        """Each move of the due date, oldest first, read from `moves`."""
        return [Move.of(move) for move in self.moves]

    @property
    def missed(self) -> datetime | None:
        """The first due date moved only after it had passed: the date a delivery is held to for good."""
        for move in self.moves:
            missed = unstamp(move.get("from"))
            if missed is not None and unstamp(move["at"]) > missed:  # as Move.after_due, reading only two times
                return missed
        return None

    @property
    def held_to(self) -> datetime | None:
        """The due date a delivery is judged by: the date missed, if a move came after one, else the due date."""
        missed = self.missed if self.moves else None
        return missed or self.due

    @property
    def repeat(self) -> Repeat | None:
        """How it repeats, read from `recur`; None for a one-off."""
        return Repeat.of(self.recur) if self.recur else None

    def to_record(self) -> dict:
        """The stored form: JSON-ready, times as ISO 8601 strings."""
        record = {name: getattr(self, name) for name in self.__slots__}
        for name in self.TIMES:
            record[name] = stamp(record[name])
        record["tags"] = list(self.tags)
        record["moves"] = [dict(move) for move in self.moves]
        record["recur"] = dict(self.recur) if self.recur else None
        if self.wait is None:
            del record["wait"]  # a record that never waited stays as older releases wrote it
        else:
            record["wait"] = self.wait.isoformat()
        return record

    @classmethod
    def from_record(cls, record: dict) -> Item:
        """The item a stored record holds; RecordError if any field is not as ictrack writes it."""
        if not isinstance(record, dict):
            raise RecordError("is not an object")
        get = record.get
        item = cls.__new__(cls)
        item.id = _required_whole(get("id"), "id", 1, MAX_ID)
        item.uuid = _required_text(get("uuid"), "uuid")
        item.kind = _choice(get("kind"), "kind", KINDS)
        item.title = _required_text(get("title"), "title")
        item.person = _handle(get("person"))
        item.tags = _tags(get("tags", []))
        item.external = _flag(get("external", False), "external")
        item.priority = _choice(get("priority", "normal"), "priority", PRIORITIES)
        item.note = _text(get("note"), "note")
        item.created = _required_time(get("created"), "created")
        item.due = _time(get("due"), "due")
        item.status = _choice(get("status", "open"), "status", STATUSES)
        item.done_at = _time(get("done_at"), "done_at")
        if (item.status == "open") != (item.done_at is None):
            raise RecordError(f"is {item.status} but done_at is {'set' if item.done_at else 'missing'}")
        item.moves = _moves(get("moves", []))
        item.thanked_at = _time(get("thanked_at"), "thanked_at")
        item.thank_note = _text(get("thank_note"), "thank_note")
        item.recur = _recur(get("recur"))
        item.wait = _day(get("wait"), "wait")
        item.drop_reason = _text(get("drop_reason"), "drop_reason")
        return item

    def to_json(self, risk: Risk) -> dict:
        record = self.to_record()
        data = {name: record[name] for name in self.JSON_FIELDS if name in record and (name != "recur" or self.recur)}
        data["risk"] = {"level": risk.level, "reasons": list(risk.reasons)}
        return data


def soonest_due_first(item: Item) -> tuple:
    """Sort key: the soonest due first, items without a due date last, then by ID."""
    return (item.due is None, item.due.timestamp() if item.due else 0, item.id)


class Note(Fields):
    """A dated note on a person (`person note dana "prefers figures a day early"`)."""

    __slots__ = ("at", "text")
    at: datetime
    text: str

    def __init__(self, at: datetime, text: str) -> None:
        self.at, self.text = at, text

    def to_record(self) -> dict:
        return {"at": stamp(self.at), "text": self.text}


def _notes(value: object) -> list[Note]:
    if not isinstance(value, list):
        raise RecordError("notes is not a list")
    notes = []
    for note in value:
        if not isinstance(note, dict):
            raise RecordError("a note is not an object")
        notes.append(
            Note(_required_time(note.get("at"), "a note's at"), _required_text(note.get("text"), "a note's text"))
        )
    return notes


def is_uuid(value: object) -> bool:
    """Whether `value` is a uuid in its text form (8-4-4-4-12 hex digits), as ictrack and its imports write one."""
    return isinstance(value, str) and re.fullmatch(UUID, value) is not None


def merged_problem(merged: list[str], own: str | None) -> str | None:
    """What is wrong with a person's `merged` (the uuids of people folded into them), if anything: more than
    MAX_MERGED, an entry that is not a uuid, their own uuid, or one uuid twice."""
    if len(merged) > MAX_MERGED:
        return f"merged holds {len(merged)} uuids; at most {MAX_MERGED}"
    seen: set[str] = set()
    for uuid in merged:
        if not is_uuid(uuid):
            return f"merged holds {_cut(uuid)}, which is not a uuid"
        if uuid == own:
            return "merged holds their own uuid"
        if uuid in seen:
            return f"merged holds {uuid!r} twice"
        seen.add(uuid)
    return None


def _cut(value: object) -> str:
    """A value as a message quotes it: a hand-edited file can hold anything, of any length."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:59]}…"


def _merged(value: object, own: str | None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(uuid, str) and uuid for uuid in value):
        raise RecordError("merged is not a list of uuids")
    problem = merged_problem(value, own)
    if problem is not None:
        raise RecordError(problem)
    return list(value)


class Person:
    """Someone I serve: a colleague, my manager, a report, a client, a vendor.

    The handle is what people type; the uuid is who they are, and stays when the handle changes. `name` is
    how they are addressed (`Lee Kim`), if given; `merged` holds the uuids of people folded into this one,
    so records that still name them (in the archives) are this person's.
    """

    __slots__ = ("uuid", "handle", "name", "kind", "team", "cadence", "created", "notes", "merged")
    uuid: str | None
    handle: str
    name: str | None
    kind: str
    team: str | None
    cadence: int | None
    created: datetime
    notes: list[Note]  # oldest first
    merged: list[str]

    def __init__(self, handle: str, created: datetime, kind: str = "colleague", team=None, cadence=None, *,
                 uuid: str | None = None, name: str | None = None, notes: Iterable[Note] = (),
                 merged: Iterable[str] = ()):  # fmt: skip
        self.handle, self.created, self.kind, self.team, self.cadence = handle, created, kind, team, cadence
        self.uuid, self.name, self.notes, self.merged = uuid, name, list(notes), list(merged)

    def __repr__(self) -> str:
        return f"Person({self.handle!r}, uuid={self.uuid!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Person) and self.to_record() == other.to_record()

    @property
    def uuids(self) -> list[str]:
        """Every uuid a record may name this person by: their own, then those of the people merged into them."""
        return [self.uuid, *self.merged] if self.uuid else list(self.merged)

    def to_record(self) -> dict:
        """The stored form; `name`, `notes` and `merged` only when there are any (as an item's `recur`)."""
        record: dict[str, Any] = {"uuid": self.uuid} if self.uuid else {}
        record["handle"] = self.handle
        if self.name is not None:
            record["name"] = self.name
        record.update(kind=self.kind, team=self.team, cadence=self.cadence, created=stamp(self.created))
        if self.notes:
            record["notes"] = [note.to_record() for note in self.notes]
        if self.merged:
            record["merged"] = list(self.merged)
        return record

    @classmethod
    def from_record(cls, record: dict) -> Person:
        if not isinstance(record, dict):
            raise RecordError("is not an object")
        get = record.get
        name = _text(get("name"), "name")
        if name is not None and (not name.strip() or len(name) > MAX_NAME):
            raise RecordError(f"name {name!r} is not a name of 1 to {MAX_NAME} characters")
        uuid = _text(get("uuid"), "uuid")
        return cls(_required_handle(get("handle"), "handle"), _required_time(get("created"), "created"),
                   _choice(get("kind", "colleague"), "kind", RELATIONS), _text(get("team"), "team"),
                   _whole(get("cadence"), "cadence", 1, MAX_CADENCE), uuid=uuid, name=name,
                   notes=_notes(get("notes", [])), merged=_merged(get("merged", []), uuid))  # fmt: skip


class Risk:
    """How an open item stands: a level from RISK_LEVELS and the reasons for it."""

    __slots__ = ("level", "reasons")
    level: str
    reasons: list[str]

    def __init__(self, level: str = "ok", reasons: list[str] | None = None):
        self.level, self.reasons = level, reasons or []

    def __repr__(self) -> str:
        return f"Risk({self.level!r}, {self.reasons!r})"

    @property
    def needs_attention(self) -> bool:
        return self.level in ("overdue", "at-risk")


OK = Risk()


class CareCheck:
    """The daily self-care check: one per local date (`day` is ISO, e.g. "2026-11-23")."""

    __slots__ = ("day", "done", "energy", "note", "at")
    day: str
    done: list[str]
    energy: int | None
    note: str | None
    at: datetime

    def __init__(self, day: str, at: datetime, done=(), energy: int | None = None, note: str | None = None):
        self.day, self.at, self.done, self.energy, self.note = day, at, list(done), energy, note

    def to_record(self) -> dict:
        return {
            "day": self.day,
            "done": list(self.done),
            "energy": self.energy,
            "note": self.note,
            "at": stamp(self.at),
        }

    @classmethod
    def from_record(cls, record: dict) -> CareCheck:
        if not isinstance(record, dict):
            raise RecordError("is not an object")
        day = record.get("day")
        try:
            if (
                not isinstance(day, str)
                or len(day) != 10
                or not FIRST_YEAR <= date.fromisoformat(day).year <= LAST_YEAR
            ):
                raise ValueError
        except ValueError:
            raise RecordError(f"day {day!r} is not a date like 2026-11-23") from None
        done = record.get("done", [])
        if not isinstance(done, list) or not all(isinstance(name, str) for name in done):
            raise RecordError("done is not a list of names")
        at = _required_time(record.get("at"), "at")
        return cls(day, at, done, _whole(record.get("energy"), "energy", 1, 5), _text(record.get("note"), "note"))


class CheckIn:
    """Asking someone "How are we doing? How can we get better?", with what they said."""

    __slots__ = ("uuid", "person", "at", "rating", "note")
    uuid: str
    person: str
    at: datetime
    rating: int | None
    note: str | None

    def __init__(self, uuid: str, person: str, at: datetime, rating: int | None = None, note: str | None = None):
        self.uuid, self.person, self.at, self.rating, self.note = uuid, person, at, rating, note

    def to_record(self) -> dict:
        return {"uuid": self.uuid, "person": self.person, "at": stamp(self.at), "rating": self.rating,
                "note": self.note}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict) -> CheckIn:
        if not isinstance(record, dict):
            raise RecordError("is not an object")
        return cls(_required_text(record.get("uuid"), "uuid"), _required_handle(record.get("person")),
                   _required_time(record.get("at"), "at"), _whole(record.get("rating"), "rating", 1, 5),
                   _text(record.get("note"), "note"))  # fmt: skip


if TYPE_CHECKING:
    Model = Item | Person | CareCheck | CheckIn  # any one of the records a table holds in memory
