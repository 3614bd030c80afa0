"""`e`: change an item's title, person, due date, tags, note, kind, priority or external flag.

Fields are shown with control characters escaped (`visible`), and a change is what differs from
what was shown: a field the user did not touch is never rewritten into its escaped form.

Nothing typed is lost to a refusal: what was typed is checked before the dialog closes
(`Service.check_edit`), and a field refused (a due phrase that is no date, an ask with nobody to ask)
keeps every field as typed, is marked and focused, and the reason is shown. A write the data refuses
after the dialog closed opens it again with what was typed and the reason (see `IctrackApp.action_edit`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from ictrack.core.model import PRIORITIES, Item
from ictrack.errors import IctrackError
from ictrack.text import visible
from ictrack.tui.safe import PlainInput
from ictrack.tui.screens.form import Form, hint, problem

if TYPE_CHECKING:
    from ictrack.service import Service

TEXTS = ("title", "person", "due", "tags", "note")  # the text boxes, by id
CHOICES = ("kind", "priority")  # the selectors, by id
KINDS = [("commitment", "commitment"), ("ask", "ask"), ("help received", "help")]


def _due_text(item: Item, now) -> str:
    return f"{item.due.astimezone(now.tzinfo):%Y-%m-%d %H:%M}" if item.due else ""


class EditScreen(Form):
    """Dismisses with the keyword arguments of `Service.edit` for what changed ({} if nothing), or None.

    `typed` (by field id) is shown instead of what is stored, and `refused` marks its field: how the dialog
    opens again after a write was refused.
    """

    AUTO_FOCUS = "#title"
    BINDINGS = [Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    EditScreen #problem { display: none; color: $error; text-style: bold; margin-bottom: 1; }
    EditScreen .row { height: auto; }
    EditScreen .row Label { width: 9; height: 3; content-align: left middle; color: $text-muted; }
    EditScreen .row Input, EditScreen .row Select { width: 1fr; }
    EditScreen Select.-invalid > SelectCurrent { border: tall $error; }
    """

    def __init__(self, service: Service, item: Item, *, typed: dict[str, Any] | None = None,
                 refused: IctrackError | None = None) -> None:  # fmt: skip
        super().__init__()
        self.service, self.item = service, item
        self.shown_tags = {visible(tag): tag for tag in item.tags}
        self.shown = {"title": visible(item.title), "person": visible(item.person or ""),
                      "due": _due_text(item, service.clock()), "tags": " ".join(self.shown_tags),
                      "note": visible(item.note or "")}  # fmt: skip
        self.typed = typed or {}
        self.refused = refused
        self._marked: tuple[str, object] | None = None  # the field marked refused, and its value then

    def compose(self) -> ComposeResult:
        item, shown, typed = self.item, self.shown, self.typed
        placeholders = {"person": "empty for nobody", "due": "any WHEN phrase: fri 3pm; empty for no date",
                        "tags": "space-separated: finance q3"}  # fmt: skip
        with VerticalScroll(id="dialog"):
            yield Label(f"Edit {item.id}", classes="title")
            yield Static(id="problem")
            for name in TEXTS:
                with Horizontal(classes="row"):
                    yield Label(name.capitalize())
                    yield PlainInput(typed.get(name, shown[name]), placeholder=placeholders.get(name, ""), id=name)
            with Horizontal(classes="row"):
                yield Label("Kind")
                yield Select(KINDS, value=typed.get("kind", item.kind), allow_blank=False, id="kind")
                yield Label(" Priority")
                yield Select([(p, p) for p in PRIORITIES], value=typed.get("priority", item.priority),
                             allow_blank=False, id="priority")  # fmt: skip
            yield Checkbox("An external customer is waiting on this", typed.get("external", item.external),
                           id="external")  # fmt: skip
            yield hint("enter or ctrl+s saves", "esc cancels")

    def on_mount(self) -> None:
        if self.refused is not None:
            self.refuse(self.refused)

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def _changed(self, name: str) -> bool:
        return self._value(name) != self.shown[name].strip()

    def typed_values(self) -> dict[str, Any]:
        """Every field as it stands, by id: what the dialog shows again if the write is refused."""
        values: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value for name in TEXTS}
        values.update({name: self.query_one(f"#{name}", Select).value for name in CHOICES})
        values["external"] = self.query_one("#external", Checkbox).value
        return values

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
        for name in CHOICES:
            value = self.query_one(f"#{name}", Select).value
            if value != getattr(item, name):
                changes[name] = value
        external = self.query_one("#external", Checkbox).value
        if external != item.external:
            changes["external"] = external
        return changes

    def refuse(self, error: IctrackError) -> None:
        """Show why what was typed can't be saved; mark and focus the field at fault, if the error names one."""
        shown = self.query_one("#problem", Static)
        shown.update(problem(str(error)))
        shown.display = True
        for marked in self.query(".-invalid"):
            marked.remove_class("-invalid")
        self._marked = None
        if error.field in (*TEXTS, *CHOICES):
            field = self.query_one(f"#{error.field}")
            field.add_class("-invalid")
            field.focus()
            self._marked = (error.field, self._now(error.field))
        self.app.bell()

    def _now(self, name: str) -> object:
        return self.query_one(f"#{name}", Input).value if name in TEXTS else self.query_one(f"#{name}", Select).value

    @on(Input.Changed)
    @on(Select.Changed)
    def _retyped(self) -> None:
        """A marked field stays marked until it is changed."""
        if self._marked is not None and self._now(self._marked[0]) != self._marked[1]:
            self.query_one(f"#{self._marked[0]}").remove_class("-invalid")
            self._marked = None

    @on(Input.Submitted)
    def action_save(self) -> None:
        changes = self.changes()
        if changes:
            try:
                self.service.check_edit(self.item, **changes)
            except IctrackError as error:
                self.refuse(error)
                return
        self.dismiss(changes)
