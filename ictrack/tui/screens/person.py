"""Enter on someone in People: their page, the agenda for a 1:1 (shown with control characters escaped).

ctrl+o copies it as Markdown, to paste into a 1:1 document; esc closes.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ictrack import render
from ictrack.core.views import Agenda
from ictrack.tui.safe import plain
from ictrack.tui.screens.form import Form, Page, hint


class PersonScreen(Form):
    """Shows one person's page; dismisses with None. `checkin_key` is the check-in key as bound."""

    AUTO_FOCUS = "#dialog"
    BINDINGS = [Binding("ctrl+o", "copy_agenda", "Copy as Markdown"), Binding("q", "cancel", "Close")]
    DEFAULT_CSS = """
    PersonScreen > #dialog { width: 100; }
    """

    def __init__(self, view: Agenda, now: datetime, checkin_key: str) -> None:
        super().__init__()
        self.view, self.now, self.checkin_key = view, now, checkin_key

    def compose(self) -> ComposeResult:
        with Page(id="dialog"):
            yield Static(plain(render.agenda(self.view, self.now), newlines=True), id="page")
            yield hint("ctrl+o copies it as Markdown", f"{self.checkin_key} checks in (from People)", "esc closes")

    def action_copy_agenda(self) -> None:
        copy_text = getattr(self.app, "copy_text", None)
        if copy_text is not None:
            copy_text(render.agenda_markdown(self.view, self.now))
