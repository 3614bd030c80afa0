"""The line above the footer: what undo would undo (and whether it asks first), and what redo would redo.

The keys are named as bound (a [keymap] may move them). The line is one row at any width, and both keys
stay on it: where it would not fit, the words before each change shorten (`u:` for `u undoes:`), then the
longer change is cut with `…`.
"""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ictrack import render
from ictrack.core.history import History, Origin
from ictrack.text import SEPARATOR, visible

# (label, short label, change): what a key would do, as the line puts it
Part = tuple[str, str, str]


def _parts(history: History, origin: Origin | None, now: datetime, undo: str, redo: str) -> list[Part]:
    step, again = history.next_undo, history.next_redo
    if step is None:
        parts = [(f"{undo}: nothing to undo", f"{undo}: nothing to undo", "")]
    elif origin is not None and step.made_by(origin):
        parts = [(f"{undo} undoes: ", f"{undo}: ", visible(step.summary))]
    else:
        here = origin.host if origin else None
        parts = [(f"{undo} asks first: ", f"{undo} asks: ", render.step(step, now, here))]
    if again is not None:
        parts.append((f"{redo} redoes: ", f"{redo}: ", visible(again.summary)))
    return parts


def _shortened(text: str, room: int) -> str:
    """`text` in `room` cells, ending in `…` when cut."""
    if cell_len(text) <= room:
        return text
    while text and cell_len(text) > room - 1:
        text = text[:-1]
    return text.rstrip() + "…" if room > 0 else ""


def undo_hint(history: History, origin: Origin | None, now: datetime, undo: str = "u", redo: str = "U",
              width: int | None = None) -> Text:  # fmt: skip
    """`u undoes: marked 2 done · U redoes: …` in `width` cells; a change this session did not make is named with
    when and where, as `u asks first: …`."""
    parts = _parts(history, origin, now, undo, redo)
    gaps = cell_len(SEPARATOR) * (len(parts) - 1)
    shown = [[label, change] for label, _, change in parts]
    if width is not None and gaps + sum(cell_len(label + change) for label, change in shown) > width:
        shown = [[short, change] for _, short, change in parts]
        room = width - gaps - sum(cell_len(label) for label, _ in shown)
        # the shorter change keeps what it needs, up to its even share of the room; the longer has the rest
        for left, part in enumerate(sorted(shown, key=lambda part: cell_len(part[1]))):
            part[1] = _shortened(part[1], room // (len(shown) - left))
            room -= cell_len(part[1])
    line = Text(no_wrap=True, overflow="ellipsis")
    for n, (label, change) in enumerate(shown):
        if n:
            line.append(SEPARATOR, style="dim")
        line.append(label, style="dim").append(change)
    return line


class UndoLine(Static):
    DEFAULT_CSS = """
    UndoLine { height: 1; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[History, Origin | None, datetime, str, str] | None = None

    def show(self, history: History, origin: Origin | None, now: datetime, keys: tuple[str, str] = ("u", "U")) -> None:
        self._shown = (history, origin, now, *keys)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._shown is not None:
            history, origin, now, undo, redo = self._shown
            width = self.content_size.width or self.app.size.width - 2
            self.update(undo_hint(history, origin, now, undo, redo, width))
