"""`c`: the daily care check — you are one of your own customers.

The note is shown with control characters escaped; left as shown, it is not rewritten.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from ictrack.core.model import CareCheck
from ictrack.text import plural, visible
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint

ENERGY = ("1 empty", "2 low", "3 okay", "4 good", "5 full")


class CareScreen(Form):
    """Dismisses with (checks done, energy or None, note or None if left as it was), or None."""

    AUTO_FOCUS = "Checkbox"
    BINDINGS = [Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    CareScreen #checks { height: auto; }
    CareScreen Checkbox, CareScreen Checkbox:focus { width: auto; border: none; padding: 0 1 0 0; }
    CareScreen RadioSet, CareScreen RadioSet:focus { layout: horizontal; width: auto; height: auto; border: none;
                                                     padding: 0; }
    CareScreen RadioButton { padding: 0 1 0 0; }
    """

    def __init__(self, checks: list[str], today: CareCheck | None, streak: int) -> None:
        super().__init__()
        self.checks, self.today, self.streak = checks, today, streak
        self.shown_note = visible(today.note) if today and today.note else ""

    def compose(self) -> ComposeResult:
        today = self.today
        done = today.done if today else []
        streak = f"{plural(self.streak, 'day')} in a row" if self.streak else "a fresh start"
        with Vertical(id="dialog"):
            yield Label(f"Today's care check — {streak}", classes="title")
            yield Label("What have you done for yourself today?")
            with Horizontal(id="checks"):
                for name in self.checks:
                    yield Checkbox(plain(name.capitalize()), name in done, name=name)
            yield Label("Energy today", classes="field")
            with RadioSet(id="energy"):
                for level, words in enumerate(ENERGY, start=1):
                    yield RadioButton(words, today is not None and today.energy == level, name=str(level))
            yield Label("Note (optional)", classes="field")
            yield PlainInput(self.shown_note, placeholder="short night; no meetings after 4", id="note")
            yield hint("space ticks", "ctrl+s or enter in the note saves", "esc skips for now")

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        done = [box.name for box in self.query(Checkbox) if box.value]
        pressed = self.query_one("#energy", RadioSet).pressed_button
        energy = int(pressed.name) if pressed is not None and pressed.name is not None else None
        note = self.query_one("#note", Input).value.strip()
        self.dismiss((done, energy, None if note == self.shown_note.strip() else note))
