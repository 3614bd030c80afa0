"""Everyone you serve, with what is open between you and whether a check-in is due.

Cells from data are plain Text (a str cell would be read as markup), control characters escaped.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ictrack import render
from ictrack.core.views import PersonRow
from ictrack.text import NOTHING, mention, percent
from ictrack.tui.safe import plain

COLUMNS = ("person", "relation", "team", "I owe", "owe me", "thanks", "on time", "last check-in")


class PeopleTable(DataTable):
    DEFAULT_CSS = """
    PeopleTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns(*COLUMNS)

    def show(self, rows: list[PersonRow], now: datetime) -> None:
        keep = self.selected_handle
        self.clear()
        for row in rows:
            due = Text(" check-in due", style="bold dark_orange") if row.checkin_due else Text("")
            self.add_row(
                plain(mention(row.handle), "cyan"), plain(row.kind), plain(row.team or NOTHING),
                str(row.open_commitments), str(row.open_asks), str(row.thanks_owed),
                percent(row.on_time_rate), Text(render.last_checkin_text(row, now)) + due,
                key=row.handle,
            )  # fmt: skip
        if keep is not None and keep in {row.handle for row in rows}:
            self.move_cursor(row=self.get_row_index(keep))

    @property
    def selected_handle(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value
