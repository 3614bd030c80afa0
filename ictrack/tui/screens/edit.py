"""`e`: change an item's title, person, due date, tags, note, priority or external flag."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select

from ictrack.model import PRIORITIES, Item
from ictrack.tui.screens.form import Form


def _due_text(item: Item, now) -> str:
    return f"{item.due.astimezone(now.tzinfo):%Y-%m-%d %H:%M}" if item.due else ""


class EditScreen(Form):
    """Dismisses with the keyword arguments of `Service.edit` for what changed ({} if nothing), or None."""

    AUTO_FOCUS = "#title"
    BINDINGS = [Binding("ctrl+s", "save", "Save")]

    def __init__(self, item: Item, now) -> None:
        super().__init__()
        self.item, self.now = item, now

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(id="dialog"):
            yield Label(f"Edit {item.id}", classes="title")
            yield Label("Title", classes="field")
            yield Input(item.title, id="title")
            yield Label("Person (empty for nobody)", classes="field")
            yield Input(item.person or "", placeholder="dana", id="person")
            yield Label("Due (any WHEN phrase; empty for no date)", classes="field")
            yield Input(_due_text(item, self.now), placeholder="fri 3pm", id="due")
            yield Label("Tags (space-separated)", classes="field")
            yield Input(" ".join(item.tags), placeholder="finance q3", id="tags")
            yield Label("Note", classes="field")
            yield Input(item.note or "", id="note")
            yield Select([(p, p) for p in PRIORITIES], value=item.priority, allow_blank=False, id="priority")
            yield Checkbox("An external customer is waiting on this", item.external, id="external")
            yield Label("enter or ctrl+s saves · esc cancels", classes="hint")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def changes(self) -> dict:
        item, changes = self.item, {}
        if self._value("title") != item.title:
            changes["title"] = self._value("title")
        person = self._value("person").lstrip("@")
        if person != (item.person or ""):
            changes.update({"to": person} if person else {"no_person": True})
        due = self._value("due")
        if due != _due_text(item, self.now):
            changes.update({"due": due} if due else {"no_due": True})
        tags = [tag.lstrip("#") for tag in self._value("tags").split()]
        if added := [tag for tag in tags if tag not in item.tags]:
            changes["tags"] = added
        if removed := [tag for tag in item.tags if tag not in tags]:
            changes["untags"] = removed
        if self._value("note") != (item.note or ""):
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
