"""`m`: renegotiate a due date before it slips, with a live preview, an optional reason, and the words to send.

The draft (for a later date a renegotiation, a heads-up when an external customer comes first, an apology once
the date has passed, or for an ask the words of the one waiting; for an earlier one good news, or for an ask a
request to bring it forward) is read in a worker as the date and reason are typed, since it reads the data file;
ctrl+o copies it. The date the item already has is refused where the preview shows, as the command refuses it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ictrack.core.dates import describe_due
from ictrack.core.model import Item
from ictrack.core.ops import check_new_due
from ictrack.errors import IctrackError
from ictrack.service import Service
from ictrack.text import NO_DUE_DATE, TO, visible
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, problem

DRAFT_HEADINGS = {"renegotiate": "Ask them first (ctrl+o copies):",
                  "renegotiate_late": "It has slipped: say sorry and offer the new date (ctrl+o copies):",
                  "renegotiate_ask": "Agree the new date with them (ctrl+o copies):",
                  "heads_up": "A customer comes first: give them a heads-up (ctrl+o copies):",
                  "earlier": "Sooner than promised: tell them the good news (ctrl+o copies):",
                  "earlier_ask": "Ask them to bring it forward (ctrl+o copies):"}  # fmt: skip


class MoveScreen(Form):
    """Dismisses with (when, reason or None), or None."""

    AUTO_FOCUS = "#when"
    BINDINGS = [Binding("ctrl+o", "copy_draft", "Copy the draft")]

    def __init__(self, service: Service, item: Item) -> None:
        super().__init__()
        self.service, self.item = service, item
        self.draft: str | None = None

    def compose(self) -> ComposeResult:
        now = self.service.clock()
        due = describe_due(self.item.due, now) if self.item.due else NO_DUE_DATE
        with Vertical(id="dialog"):
            yield Label(plain(f"Move {self.item.id}: {self.item.title}"), classes="title")
            yield Label(plain(self._prompt(due, now)))
            yield Label("New due date", classes="field")
            yield PlainInput(placeholder="mon 10am, next fri, in 2 days, dec 3", id="when")
            yield Static(id="preview", classes="preview")
            yield Label("Reason (optional, kept in the item's history)", classes="field")
            yield PlainInput(placeholder="waiting on finance", id="reason")
            yield Static(id="draft", classes="preview")
            yield hint("enter saves", "ctrl+o copies the draft", "esc cancels")

    def _prompt(self, due: str, now) -> str:
        """What to do before moving: ask first; for an ask, agree it; past the date, own up to it."""
        if self.item.kind == "ask":
            return f"Now due {due}. Agree a new date with them: the words are below."
        if self.item.due is not None and self.item.due < now:
            return f"It was due {due}. Tell them now, with a new date: the words are below."
        return f"Now due {due}. Tell them before it slips: the words are below."

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> bool:
        when = self.query_one("#when", Input).value
        if not when.strip():
            self.query_one("#preview", Static).update(Text("Type when it will be done.", style="dim"))
            return False
        try:
            due = self.service.due_from(when)
            check_new_due(self.item, due, self.service.clock())
        except IctrackError as error:
            self.query_one("#preview", Static).update(problem(str(error)))
            return False
        self.query_one("#preview", Static).update(Text(f"{TO} {describe_due(due, self.service.clock())}", style="bold"))
        return True

    @on(Input.Changed)
    def _typed(self) -> None:
        if self._show() and self.item.due is not None:
            self._draft(self.query_one("#when", Input).value, self.query_one("#reason", Input).value.strip() or None)
        else:
            self.draft = None
            self.query_one("#draft", Static).update("")

    @work(thread=True, exclusive=True, group="draft")
    def _draft(self, when: str, reason: str | None) -> None:
        try:
            kind, draft = self.service.move_draft(self.item.id, when, reason)
        except IctrackError:
            return  # the preview above says what is wrong with the date
        self.app.call_from_thread(self._show_draft, kind, draft)

    def _show_draft(self, kind: str, draft: str) -> None:
        self.draft = draft
        shown = Text.assemble((DRAFT_HEADINGS[kind], "bold"), "\n", (visible(draft, newlines=True), "italic"))
        self.query_one("#draft", Static).update(shown)

    def action_copy_draft(self) -> None:
        if self.draft is None:
            self.notify("Type the new date first: the draft asks for it.", severity="warning")
            return
        copy_text = getattr(self.app, "copy_text", None)
        if copy_text is not None:
            copy_text(self.draft)

    @on(Input.Submitted)
    def _save(self) -> None:
        if self._show():
            reason = self.query_one("#reason", Input).value.strip() or None
            self.dismiss((self.query_one("#when", Input).value, reason))
        else:
            self.query_one("#when", Input).focus()
            self.app.bell()
