"""`a`: quick add, showing live what the text means before it is saved."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from ictrack.core.dates import describe_due
from ictrack.errors import IctrackError
from ictrack.service import Service
from ictrack.text import NO_DUE_DATE, mention, visible
from ictrack.tui.safe import PlainInput
from ictrack.tui.screens.form import Form, hint, problem

KIND_CHOICES = [("commitment — I promised", "commitment"), ("ask — they promised me", "ask"),
                ("help — someone helped me", "help")]  # fmt: skip
PLACEHOLDERS = {"commitment": "@dana send Q3 figures by fri 3pm #finance", "ask": "@lee review the deck by thu",
                "help": "@sam fixed the build for the release"}  # fmt: skip


def understood(service: Service, kind: str, text: str) -> tuple[Text, bool]:
    """What quick add makes of `text` (or why it can't), and whether it can be saved."""
    if not text.strip():
        return Text("Type what, @who, when, #tags, !ext, !high or !low.", style="dim"), False
    try:
        parsed = service.understand(text, kind)
    except IctrackError as error:
        return problem(str(error)), False
    lines = Text()
    lines.append("what    ", style="dim").append(visible(parsed.title) + "\n", style="bold")
    lines.append("who     ", style="dim").append(f"{mention(parsed.person)}\n" if parsed.person else "nobody named\n",
                                                 style="cyan" if parsed.person else "dim")  # fmt: skip
    if kind == "help":
        lines.append("when    ", style="dim").append("received now\n")
    else:
        due = describe_due(parsed.due, service.clock()) if parsed.due else NO_DUE_DATE
        lines.append("due     ", style="dim").append(due + "\n", style="" if parsed.due else "dim")
        if parsed.rule is not None:
            lines.append("repeats ", style="dim").append(visible(parsed.rule.text) + "\n")
    flags = [f"#{visible(tag)}" for tag in parsed.tags] + (["external customer"] if parsed.external else [])
    flags += [f"{parsed.priority} priority"] if parsed.priority != "normal" else []
    if flags:
        lines.append("flags   ", style="dim").append(" ".join(flags) + "\n")
    return lines, True


class AddScreen(Form):
    """Dismisses with (kind, text), or None."""

    AUTO_FOCUS = "#text"

    def __init__(self, service: Service, kind: str = "commitment") -> None:
        super().__init__()
        self.service, self.kind = service, kind

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Add a promise", classes="title")
            yield Select(KIND_CHOICES, value=self.kind, allow_blank=False, id="kind")
            yield PlainInput(placeholder=PLACEHOLDERS[self.kind], id="text")
            yield Static(id="preview", classes="preview")
            yield hint("enter saves", "tab to the kind", "esc cancels")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> bool:
        text, ok = understood(self.service, self.kind, self.query_one("#text", Input).value)
        self.query_one("#preview", Static).update(text)
        return ok

    @on(Input.Changed, "#text")
    def _typed(self) -> None:
        self._show()

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.query_one("#text", Input).placeholder = PLACEHOLDERS[self.kind]
        self._show()

    @on(Input.Submitted, "#text")
    def _save(self) -> None:
        if self._show():
            self.dismiss((self.kind, self.query_one("#text", Input).value))
        else:
            self.app.bell()
