"""Everyone you serve, with what is open between you and whether a check-in is due.

The columns fit the width: a relation or team longer than `LONGEST` ends in `…` (the detail pane has it
whole), and where the columns still would not fit, the least needed go (team first), never the person
or the last check-in. Cells from data are plain Text (a str cell would be read as markup), control
characters escaped.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ictrack.core.dates import describe_moment
from ictrack.core.views import PersonRow
from ictrack.text import NOTHING, mention, percent
from ictrack.tui.colours import Ink
from ictrack.tui.keys import bind, moves
from ictrack.tui.safe import plain

COLUMNS = ("person", "relation", "team", "I owe", "owe me", "thanks", "on time", "last check-in")
DROPPED_FIRST = ("team", "relation", "thanks", "on time", "owe me", "I owe")  # when they do not all fit
SCROLLBAR = 2  # columns kept for the vertical scroll bar, which comes and goes with the rows
LONGEST = 20  # cells of a relation or a team


def _short(text: Text) -> Text:
    text.truncate(LONGEST, overflow="ellipsis")
    return text


def cells(row: PersonRow, now: datetime, ink: Ink) -> dict[str, Text]:
    checkin = Text(describe_moment(row.last_checkin, now) if row.last_checkin else "none yet")
    if row.checkin_due:
        checkin.append(" · due", style=ink("risk-at-risk", bold=True))
    return {"person": plain(mention(row.handle), ink("person")), "relation": _short(plain(row.kind)),  # type: ignore[arg-type]
            "team": _short(plain(row.team or NOTHING)), "I owe": Text(str(row.open_commitments)),
            "owe me": Text(str(row.open_asks)), "thanks": Text(str(row.thanks_owed)),
            "on time": Text(percent(row.on_time_rate)), "last check-in": checkin}  # fmt: skip


def fitting(widths: dict[str, int], room: int) -> list[str]:
    """The columns to show in `room` cells, each `widths[column]` wide plus a cell's padding either side."""
    shown = list(COLUMNS)
    for column in DROPPED_FIRST:
        if sum(widths[name] + 2 for name in shown) <= room:
            break
        shown.remove(column)
    return shown


class PeopleTable(DataTable, inherit_bindings=False):
    BINDINGS = [*moves("cursor_down", "cursor_up", "first", "last"), bind("open", "app.open")]
    DEFAULT_CSS = """
    PeopleTable { height: 1fr; }
    PeopleTable > .datatable--cursor, PeopleTable:focus > .datatable--cursor {
        color: $row-cursor-text; background: $row-cursor; text-style: bold;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self._cells: list[tuple[str, dict[str, Text]]] = []
        self._shown: list[str] = []

    def show(self, rows: list[PersonRow], now: datetime, ink: Ink) -> None:
        self._cells = [(row.handle, cells(row, now, ink)) for row in rows]
        self._fill(force=True)

    def on_resize(self) -> None:
        self._fill()

    def _fill(self, *, force: bool = False) -> None:
        widths = {name: max([len(name), *(row[name].cell_len for _, row in self._cells)]) for name in COLUMNS}
        shown = fitting(widths, self.size.width - SCROLLBAR)
        if shown == self._shown and not force:
            return
        keep = self.selected_handle
        self.clear(columns=True)
        self._shown = shown
        for name in shown:  # widths given, not measured as rows arrive: a refill during a resize sized them short
            self.add_column(name, width=widths[name], key=name)
        for handle, row in self._cells:
            self.add_row(*(row[name] for name in shown), key=handle)
        if keep is not None and keep in {handle for handle, _ in self._cells}:
            self.move_cursor(row=self.get_row_index(keep))

    @property
    def selected_handle(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)
