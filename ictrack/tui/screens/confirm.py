"""`u` on a change this session did not make: which change it is, when and where it was made, and a yes or no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from ictrack import render
from ictrack.core.history import Step
from ictrack.tui.safe import plain
from ictrack.tui.screens.form import Form, hint


class ConfirmUndo(Form):
    """Dismisses with True to undo `step`, False to keep it (n, Escape). The machine it was made on is named if it
    is not `here`."""

    BINDINGS = [Binding("y", "answer(True)", "Undo it"), Binding("n,escape", "answer(False)", "Keep it")]

    def __init__(self, step: Step, elsewhere: bool, now, here: str | None) -> None:
        super().__init__()
        self.step, self.elsewhere, self.now, self.here = step, elsewhere, now, here

    def compose(self) -> ComposeResult:
        made = "by another process" if self.elsewhere else "before this session"
        with Vertical(id="dialog"):
            yield Label(f"Undo a change made {made}?", classes="title")
            yield Label(plain(render.step(self.step, self.now, self.here)), id="change")
            yield hint("y undoes it", "n or esc keeps it")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)
