"""A list of items in groups (Overdue, At risk, …) that keeps its selection across refreshes.

Rows are Rich Text built from `visible` fields: never markup, never a control character.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ictrack.core.dates import describe_span, short_due, until
from ictrack.core.model import Item, Risk
from ictrack.render import flags
from ictrack.text import HEART, MARKERS, NOTHING, mention, relative, visible

if TYPE_CHECKING:
    from collections.abc import Sequence

LEVEL_STYLES = {"overdue": "bold red", "at-risk": "bold dark_orange", "soon": "yellow"}  # colours of risk


def _row(cells: list[tuple[str, str]]) -> Text:
    return Text.assemble(*cells, no_wrap=True, overflow="ellipsis")


def _person(item: Item) -> str:
    handle = mention(item.person) if item.person else ""
    return (handle if len(handle) <= 12 else handle[:11] + "…").ljust(13)


def _tags(item: Item) -> str:
    marks = flags(item)
    return "  " + " ".join(marks) if marks else ""


def item_row(item: Item, risk: Risk, now: datetime) -> Text:
    """`!!   12  2h ago     @dana        send Q3 figures  #finance`"""
    marker, style = MARKERS[risk.level], LEVEL_STYLES.get(risk.level, "")
    due = short_due(item.due, now) if item.due else NOTHING
    return _row([(marker, style), (f" {item.id:>4}  ", "dim"), (f"{due:<13}", style),
                 (_person(item), "cyan"), (visible(item.title), ""), (_tags(item), "dim")])  # fmt: skip


def thanks_row(item: Item, now: datetime) -> Text:
    """A thank-you owed; older than a day, it stands out."""
    received = item.done_at or item.created
    age = until(now, received)
    style = "bold dark_orange" if age.total_seconds() > 24 * 3600 else ""
    verb = "helped" if item.kind == "help" else "delivered"
    return _row([(f"{HEART} ", "magenta"), (f" {item.id:>4}  ", "dim"),
                 (f"{relative(describe_span(age), past=True):<13}", style),
                 (_person(item), "cyan"), (f"{verb}: {visible(item.title)}", style)])  # fmt: skip


class ItemList(OptionList):
    """Rows are options with the item ID as their id; group headings are disabled options."""

    DEFAULT_CSS = """
    ItemList { border: none; padding: 0; height: 1fr; }
    ItemList:focus { border: none; }
    ItemList > .option-list--option-disabled { color: $text-accent; text-style: bold; }
    """

    def show(self, groups: Sequence[tuple[str | None, list[tuple[Item, Text]]]], empty: str = "Nothing here.") -> None:
        """Replace the rows, keeping the highlighted item (or its position, if it has gone)."""
        keep, index = self.selected_id, self.highlighted
        options: list[Option] = []
        for heading, rows in groups:
            if heading:
                options.append(Option(Text(f"{heading} ({len(rows)})"), disabled=True))
            options += [Option(text, id=str(item.id)) for item, text in rows]
        if not options:
            options.append(Option(Text(visible(empty), style="italic"), disabled=True))
        self.set_options(options)
        ids = [option.id for option in options]
        if keep is not None and str(keep) in ids:
            self.highlighted = ids.index(str(keep))
        else:
            self._highlight_near(index or 0)

    def _highlight_near(self, index: int) -> None:
        """The first selectable row at or after `index`, else the last one before it."""
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if not enabled:
            self.highlighted = None
            return
        after = [i for i in enabled if i >= index]
        self.highlighted = after[0] if after else enabled[-1]

    @property
    def selected_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def select_id(self, item_id: int) -> None:
        with suppress(OptionDoesNotExist):  # not in this list (filtered out, or closed)
            self.highlighted = self.get_option_index(str(item_id))
