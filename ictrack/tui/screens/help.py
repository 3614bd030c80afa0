"""`?`: every key, and how quick add reads a line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ictrack.tui.screens.form import Form, hint

HELP = """\
[b]Keys[/b]
  [b]a[/b] add          [b]d[/b] done / received (u undoes)   [b]m[/b] move the due date   [b]x[/b] drop
  [b]e[/b] edit         [b]t[/b] thank                        [b]c[/b] care check          [b]k[/b] check in
  [b]/[/b] filter       [b]u[/b] undo the last change         [b]U[/b] redo what u undid
  [b]?[/b] this help    [b]q[/b] quit
  [b]y[/b] copy the draft beside the item (a thank-you, a nudge); [b]ctrl+o[/b] in a dialog copies its words
  [b]enter[/b] on someone in People: their page, the agenda for your next 1:1
  [b]1[/b]–[b]5[/b] views: commitments, waiting on others, thanks owed, people, week ([b]w[/b])
  [b]ctrl+p[/b] every action by name

[b]Quick add[/b]   @dana send Q3 figures by fri 3pm +finance +ext +high
  [b]@name[/b] the person · [b]+tag[/b] tags · [b]+ext[/b] an external customer · [b]+high[/b]/[b]+low[/b] priority
  (#tag, !ext, !high and !low work too; the + forms need no quotes in a shell)
  [b]by[/b]/[b]due[/b] WHEN, or a date phrase at the end: fri 3pm, tomorrow, next mon, in 2 days, dec 3, eom

[b]Filter[/b]   @da (person)  #fin (tag)  other words match the title or note; esc clears

[b]Undo[/b]   u takes back this session's changes at once, and asks first about an
  older change or another process's. The line above the keys says what u
  (undo) and U (redo) would do.

[b]From the shell[/b]   alias ia='ictrack add'    ia "@lee review the deck by thu"
"""


class HelpScreen(Form):
    BINDINGS = [Binding("question_mark,q", "cancel", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(HELP)
            yield hint("esc, q or ? closes")
