"""`a`: quick add, showing live what the text means before it is saved."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from ictrack.core.dates import describe_due
from ictrack.core.quickadd import QuickAdd
from ictrack.errors import IctrackError
from ictrack.service import Service
from ictrack.text import NO_DUE_DATE, did_you_mean, mention, stayed_in_title, visible
from ictrack.tui.safe import PlainInput
from ictrack.tui.screens.form import Form, hint, problem

KIND_CHOICES = [("commitment — I promised", "commitment"), ("ask — they promised me", "ask"),
                ("help — someone helped me", "help")]  # fmt: skip
PLACEHOLDERS = {"commitment": "@dana send Q3 figures by fri 3pm +finance", "ask": "@lee review the deck by thu",
                "help": "@sam fixed the build for the release"}  # fmt: skip
HINT = "Type what, @who, when, +tags, +ext, +high or +low."
LEFTOVER = "bold yellow underline"  # a title word that looks like a date but was not read as one
_ENDS = ",;:?!"  # quick add may take these off, or put them on, the title's last word


def _title(title: str, leftovers: list[str]) -> Text:
    """The title in bold, with each word quick add left in it that looks like a date marked, in order, once each."""
    shown, waiting = Text(style="bold"), list(leftovers)
    for index, word in enumerate(title.split(" ")):
        if index:
            shown.append(" ")
        start = len(shown)
        shown.append(visible(word))
        if waiting and word.rstrip(_ENDS) == waiting[0].rstrip(_ENDS):
            waiting.pop(0)
            shown.stylize(LEFTOVER, start, len(shown))
    return shown


def understood(service: Service, kind: str, text: str, known: Iterable[str] = ()) -> tuple[Text, bool]:
    """What quick add makes of `text` (or why it can't), and whether it can be saved; with the `known`
    handles, a new person close to one of them is pointed out, as `ictrack add` does on stderr."""
    if not text.strip():
        return Text(HINT, style="dim"), False
    try:
        parsed = service.understand(text, kind, known=known)
    except IctrackError as error:
        return problem(str(error)), False
    lines = Text()
    lines.append("what    ", style="dim").append_text(_title(parsed.title, parsed.leftovers)).append("\n")
    lines.append("who     ", style="dim").append(f"{mention(parsed.person)}\n" if parsed.person else "nobody named\n",
                                                 style="cyan" if parsed.person else "dim")  # fmt: skip
    if kind == "help":
        when = f"received {describe_due(parsed.happened, service.clock())}" if parsed.happened else "received now"
        lines.append("when    ", style="dim").append(when + "\n")
    else:
        due = describe_due(parsed.due, service.clock()) if parsed.due else NO_DUE_DATE
        lines.append("due     ", style="dim").append(due + "\n", style="" if parsed.due else "dim")
        if parsed.rule is not None:
            lines.append("repeats ", style="dim").append(visible(parsed.rule.text) + "\n")
    flags = [f"#{visible(tag)}" for tag in parsed.tags] + (["external customer"] if parsed.external else [])
    flags += [f"{parsed.priority} priority"] if parsed.priority != "normal" else []
    if flags:
        lines.append("flags   ", style="dim").append(" ".join(flags) + "\n")
    for note in notes(parsed, kind):
        lines.append("note    ", style="dim").append(note + "\n", style="yellow")
    return lines, True


def notes(parsed: QuickAdd, kind: str) -> list[str]:
    """What to check before saving: the words left in the title that look like a date, and a new person
    whose handle is close to a known one; the CLI says the same once the item is added."""
    found = []
    if parsed.leftovers:
        note = stayed_in_title(parsed.leftovers, "when it happened" if kind == "help" else "a date")
        if kind != "help" and parsed.rule is None and parsed.due_phrase:
            note += f'; the due date is from "{visible(parsed.due_phrase)}"'
        found.append(note)
    if parsed.similar and parsed.person is not None:
        found.append(did_you_mean(parsed.person, parsed.similar))
    return found


class AddScreen(Form):
    """Dismisses with (kind, text), or None."""

    AUTO_FOCUS = "#text"

    def __init__(self, service: Service, kind: str = "commitment", known: Iterable[str] = ()) -> None:
        super().__init__()
        self.service, self.kind = service, kind
        self.known = frozenset(known)  # the people already in the data, for "did you mean"

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
        text, ok = understood(self.service, self.kind, self.query_one("#text", Input).value, self.known)
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
