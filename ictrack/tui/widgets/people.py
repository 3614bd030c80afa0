"""Everyone you serve, with what is open between you and whether a check-in is due.

The columns fit the width as the CLI's `people` does (`render.fitted`): a relation or team longer than
`LONGEST` ends in `…` (the detail pane has it whole); narrower, a long handle and then a long team are cut with
`…` before any column goes, and where the columns still would not fit, the least needed go (team first), never
the person or the last check-in. Cells from data are plain Text (a str cell would be read as markup), control
characters escaped.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ictrack.core.dates import describe_moment
from ictrack.core.views import PersonRow
from ictrack.render import fitted
from ictrack.text import NOTHING, mention, percent
from ictrack.tui.colours import Ink
from ictrack.tui.keys import bind, moves
from ictrack.tui.safe import plain

COLUMNS = ("person", "relation", "team", "I owe", "owe me", "thanks", "on time", "last check-in")
# what the table gives up, in order, while it is too wide: long handles and teams are cut before a column goes
STEPS = [("cut", "person", 18), ("cut", "team", 10), ("trim", "person", 14), ("drop", "team", 0),
         ("trim", "person", 14), ("drop", "relation", 0), ("cut", "person", 10), ("drop", "thanks", 0),
         ("drop", "on time", 0), ("drop", "owe me", 0), ("drop", "I owe", 0)]  # fmt: skip
SCROLLBAR = 2  # columns kept for the vertical scroll bar, which comes and goes with the rows
PADDING = 2  # a cell's padding, one either side
LONGEST = 20  # cells of a relation or a team


def _short(text: Text, width: int = LONGEST) -> Text:
    text.truncate(width, overflow="ellipsis")
    return text


def cells(row: PersonRow, now: datetime, ink: Ink) -> dict[str, Text]:
    checkin = Text(describe_moment(row.last_checkin, now) if row.last_checkin else "none yet")
    if row.checkin_due:
        checkin.append(" · due", style=ink("risk-at-risk", bold=True))
    return {"person": plain(mention(row.handle), ink("person")), "relation": _short(plain(row.kind)),  # type: ignore[arg-type]
            "team": _short(plain(row.team or NOTHING)), "I owe": Text(str(row.open_commitments)),
            "owe me": Text(str(row.open_asks)), "thanks": Text(str(row.thanks_owed)),
            "on time": Text(percent(row.on_time_rate)), "last check-in": checkin}  # fmt: skip


def fitting(widths: dict[str, int], room: int) -> tuple[list[str], dict[str, int]]:
    """The columns to show in `room` cells, and how wide each is (`render.fitted` with STEPS)."""
    return fitted(widths, room, STEPS, padding=PADDING)


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
        self._shown: list[tuple[str, int]] = []  # the columns shown, each with its width

    def show(self, rows: list[PersonRow], now: datetime, ink: Ink) -> None:
        self._cells = [(row.handle, cells(row, now, ink)) for row in rows]
        self._fill(force=True)

    def on_resize(self) -> None:
        self._fill()

    def _fill(self, *, force: bool = False) -> None:
        widths = {name: max([len(name), *(row[name].cell_len for _, row in self._cells)]) for name in COLUMNS}
        shown, fitted_widths = fitting(widths, self.size.width - SCROLLBAR)
        layout = [(name, fitted_widths[name]) for name in shown]
        if layout == self._shown and not force:
            return
        keep = self.selected_handle
        self.clear(columns=True)
        self._shown = layout
        for name, width in layout:  # widths given, not measured as rows arrive: a refill in a resize sized them short
            self.add_column(_short(Text(name), width), width=width, key=name)
        for handle, row in self._cells:
            self.add_row(*(_short(row[name].copy(), width) for name, width in layout), key=handle)
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
