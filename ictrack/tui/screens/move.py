"""`m`: renegotiate a due date before it slips, with a live preview, an optional reason, and the words to send.

The draft (for a later date a renegotiation, a heads-up when an external customer comes first, an apology once
the date has passed, or for an ask the words of the one waiting; for an earlier one good news, or for an ask a
request to bring it forward) is read in a worker as the date and reason are typed, since it reads the data file;
ctrl+o copies it. The date the item already has is refused where the preview shows, as the command refuses it.
Several items (the rows marked) move to one date with one reason, and the title says where:
`Move 5 items to Fri 27 Nov 17:00`; a draft is one person's words about one item, so there is none for several.
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
from ictrack.text import NO_DUE_DATE, TO, mention, visible
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, lines_of, problem

DRAFT_HEADINGS = {"renegotiate": "Ask them first (ctrl+o copies):",
                  "renegotiate_late": "It has slipped: say sorry and offer the new date (ctrl+o copies):",
                  "renegotiate_ask": "Agree the new date with them (ctrl+o copies):",
                  "heads_up": "A customer comes first: give them a heads-up (ctrl+o copies):",
                  "earlier": "Sooner than promised: tell them the good news (ctrl+o copies):",
                  "earlier_ask": "Ask them to bring it forward (ctrl+o copies):"}  # fmt: skip


SHOWN = 6  # the items a dialog for several names, before "and N more"


class MoveScreen(Form):
    """Moves `items` (one, or the rows marked); dismisses with (when, reason or None), or None."""

    AUTO_FOCUS = "#when"
    BINDINGS = [Binding("ctrl+o", "copy_draft", "Copy the draft")]

    def __init__(self, service: Service, items: list[Item]) -> None:
        super().__init__()
        self.service, self.items = service, items
        self.item = items[0] if len(items) == 1 else None  # the one item a draft can be written about
        self.draft: str | None = None

    def compose(self) -> ComposeResult:
        now = self.service.clock()
        with Vertical(id="dialog"):
            if self.item is not None:
                due = describe_due(self.item.due, now) if self.item.due else NO_DUE_DATE
                yield Label(plain(f"Move {self.item.id}: {self.item.title}"), classes="title")
                yield Label(plain(self._prompt(due, now)))
            else:
                yield Label(plain(self._title()), classes="title", id="title")
                yield Label(self._listing(now), id="items", classes="note")
                whom = sorted({mention(item.person) for item in self.items if item.person})
                told = f"Tell {', '.join(whom)} before it slips." if whom else "One date for all of them."
                yield Label(plain(told), classes="note")
            yield Label("New due date", classes="field")
            yield PlainInput(placeholder="mon 10am, next fri, in 2 days, dec 3", id="when")
            yield Static(id="preview", classes="preview")
            yield Label("Reason (optional, kept in the item's history)", classes="field")
            yield PlainInput(placeholder="waiting on finance", id="reason")
            if self.item is not None:
                yield Static(id="draft", classes="preview")
                yield hint("enter saves", "ctrl+o copies the draft", "esc cancels")
            else:
                yield hint(f"enter moves all {len(self.items)}", "one undo takes them all back", "esc cancels")

    def _title(self, due: str = "…") -> str:
        return f"Move {len(self.items)} items to {due}"

    def _listing(self, now) -> Text:
        """A line for each item (the first few): its ID, title, person and due date now."""
        lines = []
        for item in self.items[:SHOWN]:
            who = f" {mention(item.person)}" if item.person else ""
            due = describe_due(item.due, now) if item.due else NO_DUE_DATE
            lines.append(f"{item.id:>4}  {item.title}{who}, due {due}")
        if len(self.items) > SHOWN:
            lines.append(f"      and {len(self.items) - SHOWN} more")
        return lines_of(lines)

    def _prompt(self, due: str, now) -> str:
        """What to do before moving one item: ask first; for an ask, agree it; past the date, own up to it."""
        assert self.item is not None  # only one item has a prompt: several have the people to tell
        if self.item.kind == "ask":
            return f"Now due {due}. Agree a new date with them: the words are below."
        if self.item.due is not None and self.item.due < now:
            return f"It was due {due}. Tell them now, with a new date: the words are below."
        return f"Now due {due}. Tell them before it slips: the words are below."

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> bool:
        when = self.query_one("#when", Input).value
        due = None
        if not when.strip():
            self.query_one("#preview", Static).update(Text("Type when it will be done.", style="dim"))
        else:
            try:
                moment = self.service.due_from(when)
                if self.item is not None:
                    check_new_due(self.item, moment, self.service.clock())
                due = describe_due(moment, self.service.clock())
            except IctrackError as error:
                self.query_one("#preview", Static).update(problem(str(error)))
            else:
                self.query_one("#preview", Static).update(Text(f"{TO} {due}", style="bold"))
        if self.item is None:
            self.query_one("#title", Label).update(plain(self._title(due or "…")))
        return due is not None

    @on(Input.Changed)
    def _typed(self) -> None:
        if self.item is None:
            self._show()
        elif self._show() and self.item.due is not None:
            self._draft(self.query_one("#when", Input).value, self.query_one("#reason", Input).value.strip() or None)
        else:
            self.draft = None
            self.query_one("#draft", Static).update("")

    @work(thread=True, exclusive=True, group="draft")
    def _draft(self, when: str, reason: str | None) -> None:
        assert self.item is not None  # drafts are for one item
        try:
            kind, draft = self.service.move_draft(self.item.id, when, reason)
        except IctrackError:
            return  # the preview above says what is wrong with the date
        self.app.call_from_thread(self._show_draft, kind, draft)

    def _show_draft(self, kind: str, draft: str) -> None:
        self.draft = draft
        shown = Text.assemble((DRAFT_HEADINGS[kind], "bold"), "\n", (visible(draft, newlines=True), "italic"))
        self.query_one("#draft", Static).update(shown)
        self.call_after_refresh(self._draft_in_view)

    def _draft_in_view(self) -> None:
        """On a short screen, as much of the draft as fits below the field being typed in: it is the point."""
        dialog = self.query_one("#dialog")
        dialog.scroll_end(animate=False, immediate=True)
        if self.focused is not None:
            dialog.scroll_to_widget(self.focused, animate=False, immediate=True)

    def action_copy_draft(self) -> None:
        if self.item is None:
            self.notify("A draft is one person's words about one item: move them one at a time for each one's.",
                        severity="warning")  # fmt: skip
            return
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
