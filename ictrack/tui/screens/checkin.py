"""`k`: record a check-in — "How are we doing? How can we get better?" """

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ictrack.text import mention
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, problem


class CheckinScreen(Form):
    """Dismisses with (rating or None, note), or None."""

    AUTO_FOCUS = "#rating"

    def __init__(self, handle: str) -> None:
        super().__init__()
        self.handle = handle

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(f"Check in with {mention(self.handle)}"), classes="title")
            yield Label("Ask them: How are we doing? How can we get better?")
            yield Label("How are we doing, 1 to 5 (optional)", classes="field")
            yield PlainInput(placeholder="4", id="rating", max_length=1)
            yield Label("What they said (optional)", classes="field")
            yield PlainInput(placeholder="wants the figures a day earlier", id="note")
            yield Label("", id="error")
            yield hint("enter saves", "esc cancels")

    @on(Input.Submitted)
    def _save(self) -> None:
        rating = self.query_one("#rating", Input).value.strip()
        if rating and rating not in "12345":
            self.query_one("#error", Label).update(problem("the rating is a number from 1 to 5, or empty."))
            self.query_one("#rating", Input).focus()
            return
        self.dismiss((int(rating) if rating else None, self.query_one("#note", Input).value.strip()))
