"""What a search found, a row each: risk, ID, due date, status and when it was closed, person, title, tags.

Rows are Rich Text built from `visible` fields, one line whatever the width (what does not fit ends in
`…`), the words searched for marked in bold underline. Enter opens the row under the cursor (the
screen's `open_result`); the moving keys move as in every list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text

from ictrack.core.dates import short_due
from ictrack.core.search import highlights
from ictrack.text import MARKERS, NOTHING, mention, visible
from ictrack.tui.keys import bind, moves
from ictrack.tui.widgets.item_list import MARKED, ItemList

if TYPE_CHECKING:
    from ictrack.core.model import Item, Risk
    from ictrack.tui.colours import Ink

FOUND = Style(bold=True, underline=True)  # a word searched for: no colour, so it reads on every theme
HANDLE = 12  # the longest @handle shown whole; a longer one ends in …


class Widths(NamedTuple):
    """The columns' widths for the rows shown: each as wide as its longest cell or its name, and two spaces."""

    id: int
    due: int
    status: int
    person: int


def day(moment: datetime, now: datetime) -> str:
    """`12 Nov`, or `12 Nov 2024` in another year: a date in the past, where the hour adds little."""
    local = moment.astimezone(now.tzinfo)
    return f"{local.day} {local:%b}" + (f" {local.year}" if local.year != now.year else "")


def cells(item: Item, now: datetime) -> tuple[str, str, str]:
    """(due, status, person) as a row shows them: `2d ago`, `open`, `@dana`; closed, `3 Nov`, `done 12 Nov`."""
    if item.is_open:
        due, status = short_due(item.due, now) if item.due else NOTHING, "open"
    else:
        due = day(item.due, now) if item.due else NOTHING
        status = f"{item.status} {day(item.done_at, now)}" if item.done_at else item.status
    handle = mention(item.person) if item.person else ""
    return due, status, handle if len(handle) <= HANDLE else handle[: HANDLE - 1] + "…"


def widths(items: Iterable[Item], now: datetime) -> Widths:
    shown = [(str(item.id), *cells(item, now)) for item in items]
    longest = [max((len(row[column]) for row in shown), default=0) for column in range(4)]
    return Widths(max(longest[0], 2), max(longest[1], 3) + 2, max(longest[2], 6) + 2, max(longest[3], 6) + 2)


def marked(text: str, query: str, style: Style | str = "") -> Text:
    """`text` (already shown safe) in `style`, the words of `query` in it marked."""
    shown = Text(text, style=style)
    for start, end in highlights(text, query):
        shown.stylize(FOUND, start, end)
    return shown


def found_row(item: Item, risk: Risk, now: datetime, ink: Ink, query: str, width: Widths) -> Text:
    """`!!   3  2d ago  open  @dana  call the bank  #finance`, in columns of `width`; a closed item shows its
    due day and `done 12 Nov 2024` (or `dropped …`)."""
    due, status, handle = cells(item, now)
    style = ink.level(risk.level) if item.is_open else Style(dim=True)
    marker = MARKERS[risk.level] if item.is_open else MARKERS["ok"]
    row = Text.assemble(
        (marker, style), (f" {item.id:>{width.id}}  ", "dim"), (due.ljust(width.due), style),
        status.ljust(width.status), marked(handle, query, ink("person")), " " * (width.person - len(handle)),
        marked(visible(item.title), query), no_wrap=True, overflow="ellipsis",
    )  # fmt: skip
    if item.tags:
        row.append("  ").append_text(marked(" ".join(f"#{visible(tag)}" for tag in item.tags), query, "dim"))
    return row


def heading(width: Widths) -> str:
    """The columns' names, over the rows (after the room a list keeps for its marks)."""
    return (" " * (len(MARKED) + 3) + "ID".rjust(width.id) + "  " + "due".ljust(width.due)
            + "status".ljust(width.status) + "person".ljust(width.person) + "title")  # fmt: skip


class ResultList(ItemList, inherit_bindings=False):
    """A search's results, grouped: the open ones, then the closed ones, the latest closed first."""

    BINDINGS = [*moves("cursor_down", "cursor_up", "first", "last"), bind("open", "screen.open_result", "Open")]
