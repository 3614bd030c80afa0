"""The things ictrack keeps: items (commitments, asks, help) and people.

Plain slotted classes rather than dataclasses: `dataclasses` imports `inspect`,
which would cost every quick add about 10 ms.
"""

from __future__ import annotations

import re
from datetime import datetime

KINDS = ("commitment", "ask", "help")
STATUSES = ("open", "done", "dropped")
PRIORITIES = ("high", "normal", "low")
RELATIONS = ("colleague", "manager", "report", "client", "client-staff", "vendor")
RISK_LEVELS = ("overdue", "at-risk", "soon", "ok")
HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]*")
TAG = re.compile(r"[^\s#@!]+")


def stamp(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def unstamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


def owes_thanks(kind: str, status: str, thanked_at) -> bool:
    """An ask received, or help given, that I have not yet thanked anyone for."""
    received = kind == "help" or (kind == "ask" and status == "done")
    return received and thanked_at is None


class Item:
    """One promise: a commitment I made, an ask I made of someone, or help I received."""

    __slots__ = (
        "id", "uuid", "kind", "title", "person", "tags", "external", "priority", "note",
        "created", "due", "status", "done_at", "moves", "thanked_at", "thank_note", "recur", "drop_reason",
    )  # fmt: skip
    TIMES = ("created", "due", "done_at", "thanked_at")
    JSON_FIELDS = __slots__[:-1]  # SPEC §6 in its order, `recur` only if it repeats; `risk` is added by the caller

    def __init__(self, **fields):
        defaults = {"person": None, "tags": [], "external": False, "priority": "normal", "note": None,
                    "due": None, "status": "open", "done_at": None, "moves": [], "thanked_at": None,
                    "thank_note": None, "recur": None, "drop_reason": None}  # fmt: skip
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

    def to_record(self) -> dict:
        """The stored form: JSON-ready, times as ISO 8601 strings."""
        record = {name: getattr(self, name) for name in self.__slots__}
        for name in self.TIMES:
            record[name] = stamp(record[name])
        record["tags"] = list(self.tags)
        record["moves"] = [dict(move) for move in self.moves]
        record["recur"] = dict(self.recur) if self.recur else None
        return record

    @classmethod
    def from_record(cls, record: dict) -> Item:
        fields = {name: record.get(name) for name in cls.__slots__ if name in record}
        for name in cls.TIMES:
            fields[name] = unstamp(record.get(name))
        return cls(**fields)

    def to_json(self, risk: Risk) -> dict:
        record = self.to_record()
        data = {name: record[name] for name in self.JSON_FIELDS if name != "recur" or self.recur}
        data["risk"] = {"level": risk.level, "reasons": list(risk.reasons)}
        return data


def soonest_due_first(item: Item) -> tuple:
    """Sort key: the soonest due first, items without a due date last, then by ID."""
    return (item.due is None, item.due.timestamp() if item.due else 0, item.id)


class Person:
    """Someone I serve: a colleague, my manager, a report, a client, a vendor."""

    __slots__ = ("handle", "kind", "team", "cadence", "created")

    def __init__(self, handle: str, created: datetime, kind: str = "colleague", team=None, cadence=None):
        self.handle, self.created, self.kind, self.team, self.cadence = handle, created, kind, team, cadence

    def __eq__(self, other) -> bool:
        return isinstance(other, Person) and self.to_record() == other.to_record()

    def to_record(self) -> dict:
        return {"handle": self.handle, "kind": self.kind, "team": self.team, "cadence": self.cadence,
                "created": stamp(self.created)}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict) -> Person:
        return cls(record["handle"], unstamp(record["created"]), record.get("kind", "colleague"),
                   record.get("team"), record.get("cadence"))  # fmt: skip


class Risk:
    """How an open item stands: a level from RISK_LEVELS and the reasons for it."""

    __slots__ = ("level", "reasons")

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
        return cls(record["day"], unstamp(record["at"]), record.get("done", []), record.get("energy"),
                   record.get("note"))  # fmt: skip


class CheckIn:
    """Asking someone "How are we doing? How can we get better?", with what they said."""

    __slots__ = ("uuid", "person", "at", "rating", "note")

    def __init__(self, uuid: str, person: str, at: datetime, rating: int | None = None, note: str | None = None):
        self.uuid, self.person, self.at, self.rating, self.note = uuid, person, at, rating, note

    def to_record(self) -> dict:
        return {"uuid": self.uuid, "person": self.person, "at": stamp(self.at), "rating": self.rating,
                "note": self.note}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict) -> CheckIn:
        return cls(record["uuid"], record["person"], unstamp(record["at"]), record.get("rating"), record.get("note"))
