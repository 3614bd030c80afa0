"""`x`: drop a promise that no longer stands, saying why."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ictrack.core.model import Item
from ictrack.text import mention
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint


class DropScreen(Form):
    """Dismisses with the reason ("" for none), or None."""

    AUTO_FOCUS = "#reason"

    def __init__(self, item: Item, undo_key: str = "u") -> None:
        super().__init__()
        self.item, self.undo_key = item, undo_key

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(f"Drop {self.item.id}: {self.item.title}"), classes="title")
            who = f"Have you told {mention(self.item.person)}? " if self.item.person else ""
            yield Label(plain(f"{who}Dropping closes it without delivering; {self.undo_key} undoes."))
            yield Label("Reason (optional)", classes="field")
            yield PlainInput(placeholder="no longer needed", id="reason")
            yield hint("enter drops", "esc keeps it")

    @on(Input.Submitted)
    def _drop(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())
