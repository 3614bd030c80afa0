"""`z`: snooze a promise you can't act on yet: out of the review and the counts until a day, with a preview of
that day as it is typed (docs/reach.md#snooze)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ictrack.core.model import Item
from ictrack.errors import IctrackError
from ictrack.service import Service
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, problem


class SnoozeScreen(Form):
    """Dismisses with the day typed (a date phrase), or None."""

    AUTO_FOCUS = "#when"

    def __init__(self, service: Service, item: Item) -> None:
        super().__init__()
        self.service, self.item = service, item

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(plain(f"Snooze {self.item.id}: {self.item.title}"), classes="title")
            yield Label("Out of the review and the counts until that morning; it comes back on its own.")
            yield Label("Back on", classes="field")
            yield PlainInput(placeholder="mon, next week, dec 1, in 3 days", id="when")
            yield Static(id="preview", classes="preview")
            yield hint("enter snoozes", "esc keeps it here")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> bool:
        when = self.query_one("#when", Input).value
        preview = self.query_one("#preview", Static)
        if not when.strip():
            preview.update(Text("Type the day it comes back.", style="dim"))
            return False
        try:
            day = self.service.due_from(when).date()
        except IctrackError as error:
            preview.update(problem(str(error)))
            return False
        if day <= self.service.clock().date():
            preview.update(problem("That is today; give a later day."))
            return False
        due = self.item.due.astimezone(self.service.clock().tzinfo).date() if self.item.due else None
        late = " (after its due date: it comes back overdue)" if due is not None and due < day else ""
        preview.update(Text(f"Back on {day:%a} {day.day} {day:%b %Y}{late}", style="bold"))
        return True

    @on(Input.Changed)
    def _typed(self) -> None:
        self._show()

    @on(Input.Submitted)
    def _save(self) -> None:
        if self._show():
            self.dismiss(self.query_one("#when", Input).value)
        else:
            self.query_one("#when", Input).focus()
            self.app.bell()
