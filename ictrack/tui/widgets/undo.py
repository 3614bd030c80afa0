"""The line above the footer: what `u` would undo (and whether it asks first), and what `U` would redo."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from ictrack import render
from ictrack.core.history import History, Origin
from ictrack.text import SEPARATOR, visible


def undo_hint(history: History, origin: Origin | None, now: datetime) -> Text:
    """`u undoes: marked 2 done · U redoes: …`; a change this session did not make is named with when and where,
    as `u asks first: …`."""
    step, again = history.next_undo, history.next_redo
    line = Text(no_wrap=True, overflow="ellipsis")
    if step is None:
        line.append("u: nothing to undo", style="dim")
    elif origin is not None and step.made_by(origin):
        line.append("u undoes: ", style="dim").append(visible(step.summary))
    else:
        line.append("u asks first: ", style="dim").append(render.step(step, now, origin.host if origin else None))
    if again is not None:
        line.append(SEPARATOR, style="dim").append("U redoes: ", style="dim").append(visible(again.summary))
    return line


class UndoLine(Static):
    DEFAULT_CSS = """
    UndoLine { height: 1; padding: 0 1; }
    """

    def show(self, history: History, origin: Origin | None, now: datetime) -> None:
        self.update(undo_hint(history, origin, now))
