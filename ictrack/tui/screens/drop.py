"""`x`: drop a promise that no longer stands, saying why; with rows marked, all of them, after one question."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from ictrack.core.model import Item
from ictrack.text import mention
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.form import Form, hint, lines_of

SHOWN = 6  # the items named when several are dropped, before "and N more"


class DropScreen(Form):
    """Drops `items` (one, or the rows marked); dismisses with the reason ("" for none), or None."""

    AUTO_FOCUS = "#reason"

    def __init__(self, items: list[Item], undo_key: str = "u") -> None:
        super().__init__()
        self.items, self.undo_key = items, undo_key

    def compose(self) -> ComposeResult:
        whom = sorted({mention(item.person) for item in self.items if item.person})
        told = f"Have you told {', '.join(whom)}? " if whom else ""
        with Vertical(id="dialog"):
            if len(self.items) == 1:
                (item,) = self.items
                yield Label(plain(f"Drop {item.id}: {item.title}"), classes="title")
                yield Label(
                    plain(f"{told}Dropping closes it without delivering; {self.undo_key} undoes."), classes="note"
                )
            else:
                count = len(self.items)
                yield Label(f"Drop {count} items?", classes="title")
                lines = [f"{item.id:>4}  {item.title}" for item in self.items[:SHOWN]]
                if count > SHOWN:
                    lines.append(f"      and {count - SHOWN} more")
                yield Label(lines_of(lines), id="items", classes="note")
                yield Label(plain(f"{told}Dropping closes them without delivering; {self.undo_key} undoes all "
                                  f"{count} at once."), classes="note")  # fmt: skip
            yield Label("Reason (optional)", classes="field")
            yield PlainInput(placeholder="no longer needed", id="reason")
            many = len(self.items) > 1
            yield hint(f"enter drops all {len(self.items)}" if many else "enter drops",
                       "esc keeps them" if many else "esc keeps it")  # fmt: skip

    @on(Input.Submitted)
    def _drop(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())
