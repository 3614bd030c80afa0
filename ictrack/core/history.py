"""The changes `undo` can take back and `redo` can put back, as people see them: what, when and where.

Each undo journal entry notes when its change was made (`at`) and where (`where`: the machine's host name,
the shell that made it, "cli" or "tui", and that shell's session: a process ID, or the TUI's own id). That
is enough for the TUI to tell its own changes from another process's, and for a machine to be named. An
entry from before these fields, or with a value that is not one ictrack writes, shows "—" for what it lacks.
Nothing here reads a file, the clock or the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ictrack.text import NOTHING

SHELLS = ("cli", "tui")
MAX_NAME = 64  # characters of a host name or session kept: a name that long is no name ictrack wrote


class Origin:
    """Where changes are being made now: this machine, this shell, this session."""

    __slots__ = ("host", "shell", "session")

    def __init__(self, host: str, shell: str, session: str) -> None:
        self.host, self.shell, self.session = host, shell, session

    def to_record(self) -> dict[str, str]:
        """What a journal entry keeps as its `where`."""
        return {"host": self.host, "origin": self.shell, "session": self.session}


class Step:
    """One change the journal holds, newest first in a list: its number there, what it was, when and where.

    Two steps are the same change when all of that is the same: what `undo` checks before it takes back
    a change someone confirmed, so a change made meanwhile is never the one undone.
    """

    __slots__ = ("number", "summary", "at", "host", "shell", "session", "sound")

    def __init__(self, number: int, summary: str, at: datetime | None = None, host: str | None = None,
                 shell: str | None = None, session: str | None = None, *, sound: bool = True) -> None:  # fmt: skip
        self.number, self.summary, self.at = number, summary, at
        self.host, self.shell, self.session = host, shell, session
        self.sound = sound  # whether its entry is as ictrack writes it: one that is not can't be used

    def _key(self) -> tuple:
        return self.number, self.summary, self.at, self.host, self.shell, self.session

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Step) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Step({self.number}, {self.summary!r}, at={self.at}, {self.shell}@{self.host}/{self.session})"

    @classmethod
    def of(cls, number: int, entry: Mapping, *, sound: bool = True) -> Step:
        """A journal (or redo) entry as shown; whatever it lacks, or holds in a shape ictrack never writes, is None."""
        where = entry.get("where")
        where = where if isinstance(where, Mapping) else {}
        summary, shell = entry.get("summary"), where.get("origin")
        return cls(number, summary if isinstance(summary, str) else NOTHING, _moment(entry.get("at")),
                   _name(where.get("host")), shell if shell in SHELLS else None, _name(where.get("session")),
                   sound=sound)  # fmt: skip

    def to_json(self) -> dict:
        """What `undo --list --json` shows of it (docs/json.md): what, when, where, and whether it can be used."""
        return {"summary": self.summary, "at": self.at.isoformat() if self.at else None, "host": self.host,
                "shell": self.shell, "session": self.session, "sound": self.sound}  # fmt: skip

    def made_by(self, origin: Origin) -> bool:
        """Whether this change was made by that very session (a TUI's own change, say)."""
        return (self.host, self.shell, self.session) == (origin.host, origin.shell, origin.session)

    def before_today(self, now: datetime) -> bool:
        """Whether it was made on an earlier day than `now`'s, in now's zone; a change of unknown time may
        have been, so it counts as one."""
        return self.at is None or self.at.astimezone(now.tzinfo).date() < now.date()

    def place(self, here: str | None = None) -> str:
        """Where it was made: `cli` or `tui` on the machine named `here`, `cli on laptop` on another, "—" when
        the entry does not say."""
        if self.shell is None and self.host is None:
            return NOTHING
        return (self.shell or NOTHING) + (f" on {self.host}" if self.host not in (None, here) else "")


def _name(value: object) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= MAX_NAME else None


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class History:
    """What can be undone (newest first) and what can be redone (the last undone first)."""

    __slots__ = ("undo", "redo")

    def __init__(self, undo: list[Step], redo: list[Step]) -> None:
        self.undo, self.redo = undo, redo

    @property
    def next_undo(self) -> Step | None:
        return self.undo[0] if self.undo else None

    @property
    def next_redo(self) -> Step | None:
        return self.redo[0] if self.redo else None
