"""What every modal shares: a centred dialog, a title line, a hint line, and Escape to cancel.

A dialog is never wider or taller than the terminal: what does not fit scrolls, and the focused field
is scrolled into view. A dialog to read rather than fill in (`Page`) takes the focus, so the moving keys
scroll it.

A title or label that holds data is given as `plain` Text: never read as markup, controls escaped.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ictrack.text import SEPARATOR, visible
from ictrack.tui.keys import moves


class Form(ModalScreen):
    """A dialog that dismisses with its result, or with None when cancelled."""

    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > #dialog {
        width: 84; max-width: 95%; height: auto; max-height: 95%; overflow-y: auto; scrollbar-gutter: stable;
        padding: 1 2; border: round $accent; background: $surface;
    }
    Form #dialog > Label { width: 100%; }  /* a long title or line wraps, never cut */
    Form .title { text-style: bold; margin-bottom: 1; }
    Form .hint { color: $text-muted; margin-top: 1; }
    Form .field { color: $text-muted; margin-top: 1; }
    Form .note { width: 100%; }  /* a sentence that holds data wraps within the dialog */
    Form .preview { margin: 1 0 0 1; height: auto; min-height: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def on_mount(self) -> None:
        # focusing the first field scrolls before the dialog has its height; a dialog opens at its top
        self.call_after_refresh(self._to_the_top)

    def _to_the_top(self) -> None:
        for dialog in self.query("#dialog"):  # none if a quick Escape has closed it already
            dialog.scroll_home(animate=False)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Page(VerticalScroll, inherit_bindings=False):
    """A dialog's body that is read, not filled in (the help, a person's page): the moving keys scroll it."""

    BINDINGS = moves("scroll_down", "scroll_up", "scroll_home", "scroll_end")


def hint(*keys: str) -> Label:
    """A dialog's last line: what the keys do, `enter saves · esc cancels`."""
    return Label(SEPARATOR.join(keys), classes="hint")


def problem(message: str) -> Text:
    return Text(f"✗ {visible(message)}", style="bold red")


def lines_of(lines: list[str]) -> Text:
    """Data shown a line each (the items a dialog acts on): each line plain, cut with `…` rather than wrapped."""
    return Text("\n", no_wrap=True, overflow="ellipsis").join(Text(visible(line)) for line in lines)
