"""`e`: change an item's title, person, due date, tags, note, priority or external flag.

Fields are shown with control characters escaped (`visible`), and a change is what differs from
what was shown: a field the user did not touch is never rewritten into its escaped form.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select

from ictrack.core.model import PRIORITIES, Item
from ictrack.text import visible
from ictrack.tui.safe import PlainInput
from ictrack.tui.screens.form import Form, hint


def _due_text(item: Item, now) -> str:
    return f"{item.due.astimezone(now.tzinfo):%Y-%m-%d %H:%M}" if item.due else ""


class EditScreen(Form):
    """Dismisses with the keyword arguments of `Service.edit` for what changed ({} if nothing), or None."""

    AUTO_FOCUS = "#title"
    BINDINGS = [Binding("ctrl+s", "save", "Save")]

    def __init__(self, item: Item, now) -> None:
        super().__init__()
        self.item, self.now = item, now
        self.shown_tags = {visible(tag): tag for tag in item.tags}
        self.shown = {"title": visible(item.title), "person": visible(item.person or ""), "due": _due_text(item, now),
                      "tags": " ".join(self.shown_tags), "note": visible(item.note or "")}  # fmt: skip

    def compose(self) -> ComposeResult:
        item, shown = self.item, self.shown
        with Vertical(id="dialog"):
            yield Label(f"Edit {item.id}", classes="title")
            yield Label("Title", classes="field")
            yield PlainInput(shown["title"], id="title")
            yield Label("Person (empty for nobody)", classes="field")
            yield PlainInput(shown["person"], placeholder="dana", id="person")
            yield Label("Due (any WHEN phrase; empty for no date)", classes="field")
            yield PlainInput(shown["due"], placeholder="fri 3pm", id="due")
            yield Label("Tags (space-separated)", classes="field")
            yield PlainInput(shown["tags"], placeholder="finance q3", id="tags")
            yield Label("Note", classes="field")
            yield PlainInput(shown["note"], id="note")
            yield Select([(p, p) for p in PRIORITIES], value=item.priority, allow_blank=False, id="priority")
            yield Checkbox("An external customer is waiting on this", item.external, id="external")
            yield hint("enter or ctrl+s saves", "esc cancels")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def _changed(self, name: str) -> bool:
        return self._value(name) != self.shown[name].strip()

    def changes(self) -> dict:
        item = self.item
        changes: dict[str, object] = {}
        if self._changed("title"):
            changes["title"] = self._value("title")
        person = self._value("person").lstrip("@")
        if person != self.shown["person"].strip():
            changes.update({"to": person} if person else {"no_person": True})
        due = self._value("due")
        if self._changed("due"):
            changes.update({"due": due} if due else {"no_due": True})
        if self._changed("tags"):  # an imported tag may hold spaces: split only what the user changed
            tags = [tag.lstrip("#") for tag in self._value("tags").split()]
            if added := [tag for tag in tags if tag not in self.shown_tags]:
                changes["tags"] = added
            if removed := [tag for shown, tag in self.shown_tags.items() if shown not in tags]:
                changes["untags"] = removed
        if self._changed("note"):
            changes["note"] = self._value("note")
        priority = self.query_one("#priority", Select).value
        if priority != item.priority:
            changes["priority"] = priority
        external = self.query_one("#external", Checkbox).value
        if external != item.external:
            changes["external"] = external
        return changes

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(self.changes())
