"""`t`: say thank you, starting from a drafted note you can change (shown with control characters escaped)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from ictrack.core.model import Item
from ictrack.text import mention, visible
from ictrack.tui.safe import PlainTextArea, plain
from ictrack.tui.screens.form import Form, hint


class ThankScreen(Form):
    """Dismisses with the note as sent, or None."""

    AUTO_FOCUS = "#note"
    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("ctrl+o", "copy_note", "Copy")]
    DEFAULT_CSS = """
    ThankScreen #note { height: 8; }
    """

    def __init__(self, item: Item, draft: str) -> None:
        super().__init__()
        self.item, self.draft = item, draft

    def compose(self) -> ComposeResult:
        who = mention(self.item.person) if self.item.person else "them"
        with Vertical(id="dialog"):
            yield Label(plain(f"Thank {who} for: {self.item.title}"), classes="title")
            yield Label("Send this (or your own words) to them, then save it here as sent.")
            yield PlainTextArea(visible(self.draft, newlines=True), id="note", soft_wrap=True)
            yield hint("ctrl+o copies it", "ctrl+s records the thank-you", "esc cancels")

    def action_copy_note(self) -> None:
        copy_text = getattr(self.app, "copy_text", None)
        if copy_text is not None:
            copy_text(self.query_one("#note", TextArea).text.strip())

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text.strip()
        if note:
            self.dismiss(note)
        else:
            self.notify("The note is empty; write a line of thanks first.", severity="warning")
