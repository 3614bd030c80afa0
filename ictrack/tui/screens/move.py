"""`m`: renegotiate a due date before it slips, with a live preview and an optional reason."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ictrack.core.dates import describe_due
from ictrack.core.model import Item
from ictrack.errors import IctrackError
from ictrack.service import Service
from ictrack.text import NO_DUE_DATE, TO
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, problem


class MoveScreen(Form):
    """Dismisses with (when, reason or None), or None."""

    AUTO_FOCUS = "#when"

    def __init__(self, service: Service, item: Item) -> None:
        super().__init__()
        self.service, self.item = service, item

    def compose(self) -> ComposeResult:
        now = self.service.clock()
        due = describe_due(self.item.due, now) if self.item.due else NO_DUE_DATE
        with Vertical(id="dialog"):
            yield Label(plain(f"Move {self.item.id}: {self.item.title}"), classes="title")
            yield Label(plain(f"Now due {due}. Tell them before it slips."))
            yield Label("New due date", classes="field")
            yield PlainInput(placeholder="mon 10am, next fri, in 2 days, dec 3", id="when")
            yield Static(id="preview", classes="preview")
            yield Label("Reason (optional, kept in the item's history)", classes="field")
            yield PlainInput(placeholder="waiting on finance", id="reason")
            yield hint("enter saves", "esc cancels")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> bool:
        when = self.query_one("#when", Input).value
        if not when.strip():
            self.query_one("#preview", Static).update(Text("Type when it will be done.", style="dim"))
            return False
        try:
            due = self.service.due_from(when)
        except IctrackError as error:
            self.query_one("#preview", Static).update(problem(str(error)))
            return False
        self.query_one("#preview", Static).update(Text(f"{TO} {describe_due(due, self.service.clock())}", style="bold"))
        return True

    @on(Input.Changed, "#when")
    def _typed(self) -> None:
        self._show()

    @on(Input.Submitted)
    def _save(self) -> None:
        if self._show():
            reason = self.query_one("#reason", Input).value.strip() or None
            self.dismiss((self.query_one("#when", Input).value, reason))
        else:
            self.query_one("#when", Input).focus()
            self.app.bell()
