"""The detail pane: every field of the selected item, its risk reasons, moves and notes, as plain text.

Beside the list on a wide terminal; on a narrow one it takes the list's place while open (Enter opens it,
Escape closes it). Opened, it has the focus, and the moving keys scroll it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ictrack import render
from ictrack.core.model import Item, Risk
from ictrack.core.views import PersonRow
from ictrack.text import percent, plural, visible
from ictrack.tui.colours import Ink
from ictrack.tui.keys import moves
from ictrack.tui.safe import plain

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


class ItemDetail(VerticalScroll, inherit_bindings=False):
    BINDINGS = moves("scroll_down", "scroll_up", "scroll_home", "scroll_end")
    DEFAULT_CSS = """
    ItemDetail { height: 1fr; padding: 0 1; border-left: vkey $foreground 20%; }
    ItemDetail:focus { border-left: vkey $accent; background-tint: $foreground 4%; }
    ItemDetail > Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static()

    def update(self, content: RenderableType) -> None:
        self.query_one(Static).update(content)

    @property
    def content(self):
        """What the pane shows."""
        return self.query_one(Static).content

    def show_item(self, item: Item | None, risk: Risk | None, now: datetime, ink: Ink,
                  draft: str | None = None, heading: str = "") -> None:  # fmt: skip
        if item is None or risk is None:
            self.update(Text("Nothing selected.", style="dim italic"))
            return
        shown = render.detail_rows(item, risk, now)
        rows: list[tuple[str, str | Text]] = list(shown)
        if item.is_open and risk.level in Ink.LEVELS:
            rows = [(label, Text(value, style=ink.level(risk.level)) if label in ("status", "why") else value)
                    for label, value in shown]  # fmt: skip
        parts: list[RenderableType] = [plain(f"{item.id}  {item.title}", "bold"), Text(), _grid(rows)]
        if draft:
            parts += [Text(), Text(heading, style="bold"), plain(draft, "italic", newlines=True)]
        self.update(Group(*parts))

    def show_person(self, row: PersonRow, now: datetime, ink: Ink, checkin_key: str, open_key: str) -> None:
        check_in = render.last_checkin_text(row, now)
        rows = [
            ("relation", visible(row.kind) + (f", {visible(row.team)}" if row.team else "")),
            ("I owe", plural(row.open_commitments, "open commitment")),
            ("owe me", plural(row.open_asks, "open ask")),
            ("thanks", f"{plural(row.thanks_owed, 'thank-you')} owed"),
            ("on time", percent(row.on_time_rate)),
            ("moved", f"{row.renegotiated_in_time} renegotiated in time, {row.moved_after_date} after the date"),
            ("check-in", Text(f"{check_in}; due — {checkin_key} checks in", style=ink("risk-at-risk", bold=True))
             if row.checkin_due else check_in),
        ]  # fmt: skip
        page = Text(f"{open_key} opens their page: the agenda for your next 1:1", style="dim")
        self.update(Group(plain(render.called(row.handle, row.name), "bold"), Text(), _grid(rows), Text(), page))
