"""`?`: every key as bound now (a [keymap] table included), and how quick add reads a line.

The keys come from the bindings in force (`keys.help_rows`), in three sections side by side on a wide
terminal and one under another on a narrow one; every line wraps between words.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ictrack.tui.screens.form import Form, hint

ABOUT = [
    ("Quick add", "@dana send Q3 figures by fri 3pm #finance !ext !high — @name the person, #tag tags, "
     "!ext an external customer, !high or !low the priority; by or due WHEN, or a date phrase at the end: "
     "fri 3pm, tomorrow, next mon, in 2 days, dec 3, eom."),
    ("Filter", "@da a person, #fin a tag (both by how they start), other words the title or note."),
    ("Dialogs", "enter saves, tab moves between fields, esc cancels."),
    ("Everything by name", "ctrl+p opens the command palette: every action, the themes, a screenshot."),
    ("From the shell", "alias ia='ictrack add', then ia \"@lee review the deck by thu\"."),
]  # fmt: skip


def section(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.title, table.title_style, table.title_justify = title, "bold", "left"
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for keys, words in rows:
        table.add_row(Text(keys), Text(words))
    return table


def about() -> Text:
    text = Text()
    for title, words in ABOUT:
        text.append(f"{title}  ", style="bold").append(words + "\n")
    return text


class HelpScreen(Form):
    """The keys by section: [(section, [(keys, what they do)])]."""

    BINDINGS = [Binding("question_mark,q", "cancel", "Close")]
    DEFAULT_CSS = """
    HelpScreen > #dialog { width: 112; }
    HelpScreen #keys { height: auto; }
    HelpScreen #keys > Static { width: 1fr; height: auto; margin-right: 2; }
    HelpScreen.-narrow #keys { layout: vertical; }
    HelpScreen.-narrow #keys > Static { width: 100%; margin: 0 0 1 0; }
    HelpScreen #about { margin-top: 1; }
    """

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            with Horizontal(id="keys"):
                for title, rows in self.sections:
                    yield Static(section(title, rows))
            yield Static(about(), id="about")
            yield hint("esc, q or ? closes", "the footer shows the keys that apply to the row")
