"""The footer: how many rows are marked, then the keys that apply now, as many as fit on one line.

Textual's footer lists every shown binding and lets the rest run off the edge. This one drops keys,
least needed first (`DROPPED_FIRST`), until the line fits; every key is still in the help (`?`) and
the command palette. The count of marked rows (`5 marked`) is never dropped: the keys make room for it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

# actions whose keys go first when the footer is too narrow, least needed first
DROPPED_FIRST = ("view('week')", "filter", "search", "command_palette", "leave", "undo", "care", "add", "checkin",
                 "thank", "edit", "drop", "move")  # fmt: skip


def key_width(key: FooterKey) -> int:
    """The cells a key takes in a compact footer: `d Done` and the space after it (the palette's, a border)."""
    return len(key.key_display) + (1 + len(key.description) if key.description else 0) + 1


class FittedFooter(Footer):
    DEFAULT_CSS = """
    FittedFooter FooterLabel.-marked { padding: 0 1; margin: 0 1 0 0; text-style: bold; color: $text-accent; }
    """

    marked = reactive(0, recompose=True)  # the rows marked in the list on screen

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        room = self.app.size.width - 1
        if self.marked and keys:
            label = f"{self.marked} marked"
            room -= len(label) + 3
            yield FooterLabel(label, classes="-marked")
        for action in ("", *DROPPED_FIRST):
            keys = [key for key in keys if not isinstance(key, FooterKey) or key.action != action]
            if sum(key_width(key) for key in keys if isinstance(key, FooterKey)) <= room:
                break
        yield from keys

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
