"""The detail pane: every field of the selected item, its risk reasons, moves and notes, as plain text."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ictrack import render
from ictrack.core.model import Item, Risk
from ictrack.core.views import PersonRow
from ictrack.text import percent, plural, visible
from ictrack.tui.safe import plain
from ictrack.tui.widgets.item_list import LEVEL_STYLES

if TYPE_CHECKING:
    from rich.console import RenderableType


def _grid(rows: list[tuple[str, str | Text]]) -> Table:
    """Labels on the left; long values wrap under their own column. A str is shown as it is, never as markup."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), Text(value) if isinstance(value, str) else value)
    return grid


class ItemDetail(Static):
    DEFAULT_CSS = """
    ItemDetail { height: 1fr; padding: 0 1; border-left: vkey $foreground 20%; overflow-y: auto; }
    """

    def show_item(self, item: Item | None, risk: Risk | None, now: datetime, draft: str | None = None,
                  heading: str = "Draft thank-you (t to send, y copies)") -> None:  # fmt: skip
        if item is None or risk is None:
            self.update(Text("Nothing selected.", style="dim italic"))
            return
        shown = render.detail_rows(item, risk, now)
        rows: list[tuple[str, str | Text]] = list(shown)
        if item.is_open and risk.level in LEVEL_STYLES:
            rows = [(label, Text(value, style=LEVEL_STYLES[risk.level]) if label in ("status", "why") else value)
                    for label, value in shown]  # fmt: skip
        parts: list[RenderableType] = [plain(f"{item.id}  {item.title}", "bold"), Text(), _grid(rows)]
        if draft:
            parts += [Text(), Text(heading, style="bold"), plain(draft, "italic", newlines=True)]
        self.update(Group(*parts))

    def show_person(self, row: PersonRow, now: datetime) -> None:
        check_in = render.last_checkin_text(row, now)
        rows = [
            ("relation", visible(row.kind) + (f", {visible(row.team)}" if row.team else "")),
            ("I owe", plural(row.open_commitments, "open commitment")),
            ("owe me", plural(row.open_asks, "open ask")),
            ("thanks", f"{plural(row.thanks_owed, 'thank-you')} owed"),
            ("on time", percent(row.on_time_rate)),
            ("moved", f"{row.renegotiated_in_time} renegotiated in time, {row.moved_after_date} after the date"),
            ("check-in", Text(check_in + "; due — k checks in", style="bold dark_orange") if row.checkin_due
             else check_in),
        ]  # fmt: skip
        page = Text("enter opens their page: the agenda for your next 1:1", style="dim")
        self.update(Group(plain(render.called(row.handle, row.name), "bold"), Text(), _grid(rows), Text(), page))
