"""`?`: every key as bound now (a [keymap] table included), and how quick add reads a line.

The keys come from the bindings in force (`keys.help_rows`), in three sections side by side on a wide
terminal and one under another on a narrow one; every line wraps between words.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from ictrack.tui.screens.form import Form, Page, hint

# (title, words): `{undo}` and the like are the keys as bound
ABOUT = [
    ("Quick add", "@dana send Q3 figures by fri 3pm +finance +ext +high — @name the person, +tag tags, "
     "+ext an external customer, +high or +low the priority (#tag, !ext, !high and !low work too; the + forms "
     "need no quotes in a shell); by or due WHEN, or a date phrase at the end: fri 3pm, tomorrow, next mon, "
     "in 2 days, dec 3, eom."),
    ("Search", "{search} finds every word in titles, notes, people and tags of every item, archived ones too."),
    ("Filter", "@da a person, #fin a tag (both by how they start), other words the title or note."),
    ("Marks", "{mark} marks a row, {mark_down} and {mark_up} a range; then {done}, {move} and {drop} act on every "
     "marked row as one change, which {undo} takes back. {back} clears the marks."),
    ("Undo", "{undo} takes back this session's changes at once, and asks first about an older change or another "
     "process's. The line above the keys says what {undo} would undo and {redo} would redo."),
    ("Dialogs", "enter saves, tab moves between fields, ctrl+o copies the words to send (a draft, a person's "
     "page), esc cancels."),
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


def about(keys: dict[str, str]) -> Text:
    text = Text()
    for title, words in ABOUT:
        text.append(f"{title}  ", style="bold").append(words.format(**keys) + "\n")
    return text


class HelpScreen(Form):
    """The keys by section: [(section, [(keys, what they do)])]; `keys` names the keys the notes below mention
    (`undo`, `redo`, `search`, `mark`, …) as bound."""

    AUTO_FOCUS = "#dialog"
    BINDINGS = [Binding("question_mark,q", "cancel", "Close")]
    DEFAULT_CSS = """
    HelpScreen > #dialog { width: 112; }
    HelpScreen #keys { height: auto; }
    HelpScreen #keys > Static { width: 1fr; height: auto; margin-right: 2; }
    HelpScreen.-narrow #keys { layout: vertical; }
    HelpScreen.-narrow #keys > Static { width: 100%; margin: 0 0 1 0; }
    HelpScreen #about { margin-top: 1; }
    """

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], keys: dict[str, str]) -> None:
        super().__init__()
        self.sections, self.keys = sections, keys

    def compose(self) -> ComposeResult:
        with Page(id="dialog"):
            with Horizontal(id="keys"):
                for title, rows in self.sections:
                    yield Static(section(title, rows))
            yield Static(about(self.keys), id="about")
            yield hint("esc, q or ? closes", "the footer shows the keys that apply to the row")
