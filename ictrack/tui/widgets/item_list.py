"""A list of items in groups (Overdue, At risk, …) that keeps its cursor and its selection across refreshes.

Rows are Rich Text built from `visible` fields: never markup, never a control character. A row is one
line whatever the width: what does not fit ends in `…`. Space marks rows (a ✓ before each), for acting
on several at once; Shift+↓/↑ mark a range, from the row it began on to the cursor, as a selection grows
and shrinks. The marks are this list's own, Escape clears them, and each change of them is posted
(`MarksChanged`) so the footer can count them.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ictrack.core.dates import describe_span, short_due, until
from ictrack.core.model import Item, Risk
from ictrack.render import flags
from ictrack.text import HEART, MARKERS, NOTHING, mention, relative, visible
from ictrack.tui.keys import bind, moves

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ictrack.tui.colours import Ink

MARKED = "✓ "


def _row(cells: list[tuple[str, object]]) -> Text:
    return Text.assemble(*cells, no_wrap=True, overflow="ellipsis")  # type: ignore[arg-type]


def _person(item: Item) -> str:
    handle = mention(item.person) if item.person else ""
    return (handle if len(handle) <= 12 else handle[:11] + "…").ljust(13)


def _tags(item: Item) -> str:
    marks = flags(item)
    return "  " + " ".join(marks) if marks else ""


def item_row(item: Item, risk: Risk, now: datetime, ink: Ink) -> Text:
    """`!!   12  2h ago     @dana        send Q3 figures  #finance`"""
    marker, style = MARKERS[risk.level], ink.level(risk.level)
    due = short_due(item.due, now) if item.due else NOTHING
    return _row([(marker, style), (f" {item.id:>4}  ", "dim"), (f"{due:<13}", style),
                 (_person(item), ink("person")), (visible(item.title), ""), (_tags(item), "dim")])  # fmt: skip


def thanks_row(item: Item, now: datetime, ink: Ink) -> Text:
    """A thank-you owed; older than a day, it stands out."""
    received = item.done_at or item.created
    age = until(now, received)
    style = ink("risk-at-risk", bold=True) if age.total_seconds() > 24 * 3600 else ""
    verb = "helped" if item.kind == "help" else "delivered"
    return _row([(f"{HEART} ", ink("thanks")), (f" {item.id:>4}  ", "dim"),
                 (f"{relative(describe_span(age), past=True):<13}", style),
                 (_person(item), ink("person")), (f"{verb}: {visible(item.title)}", style)])  # fmt: skip


class ItemList(OptionList, inherit_bindings=False):
    """Rows are options with the item ID as their id; group headings are disabled options."""

    BINDINGS = [*moves("cursor_down", "cursor_up", "first", "last"), bind("open", "app.open"),
                bind("mark", "app.mark"), bind("mark_down", "app.mark_range(1)"),
                bind("mark_up", "app.mark_range(-1)")]  # fmt: skip
    DEFAULT_CSS = """
    ItemList { border: none; padding: 0; height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    ItemList:focus { border: none; }
    ItemList > .option-list--option-disabled { color: $text-accent; text-style: bold; }
    ItemList > .option-list--option-highlighted {
        color: $row-cursor-text; background: $row-cursor 50%; text-style: none;
    }
    ItemList:focus > .option-list--option-highlighted { color: $row-cursor-text; background: $row-cursor; }
    """

    class MarksChanged(Message):
        """The rows marked in this list changed."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.marked: set[int] = set()  # the rows marked with space, by item ID
        self._rows: dict[int, Text] = {}
        # the range Shift+arrows are marking: (the row it began on, the marks beside it, the row it reached)
        self._range: tuple[int, set[int], int] | None = None

    def show(self, groups: Sequence[tuple[str | None, list[tuple[Item, Text]]]], empty: str = "Nothing here.") -> None:
        """Replace the rows, keeping the highlighted item (or its position, if it has gone) and the marks."""
        keep, index, had = self.selected_id, self.highlighted, len(self.marked)
        options: list[Option] = []
        self._rows = {item.id: text for _, rows in groups for item, text in rows}
        self.marked &= set(self._rows)  # a marked item that has left the list (done, filtered out) is let go
        if len(self.marked) != had:
            self.post_message(self.MarksChanged())
        for heading, rows in groups:
            if heading:
                options.append(Option(Text(f"{heading} ({len(rows)})"), disabled=True))
            options += [Option(self._prompt(item.id), id=str(item.id)) for item, _ in rows]
        if not options:
            options.append(Option(Text(visible(empty), style="italic"), disabled=True))
        self.set_options(options)
        ids = [option.id for option in options]
        if keep is not None and str(keep) in ids:
            self.highlighted = ids.index(str(keep))
        else:
            self._highlight_near(index or 0)

    def _prompt(self, item_id: int) -> Text:
        return Text(MARKED if item_id in self.marked else " " * len(MARKED), style="bold") + self._rows[item_id]

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
        """The item under the cursor."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def select_id(self, item_id: int) -> None:
        """Put the cursor on `item_id`."""
        with suppress(OptionDoesNotExist):  # not in this list (filtered out, or closed)
            self.highlighted = self.get_option_index(str(item_id))

    def _mark(self, marked: set[int]) -> None:
        """Make `marked` the marks, redrawing the rows whose mark changed."""
        changed, self.marked = self.marked ^ marked, marked
        for item_id in changed:
            self.replace_option_prompt(str(item_id), self._prompt(item_id))
        if changed:
            self.post_message(self.MarksChanged())

    def toggle_mark(self) -> None:
        """Mark the row under the cursor, or unmark it."""
        item_id = self.selected_id
        if item_id is not None:
            self._range = None
            self._mark(self.marked ^ {item_id})

    def mark_range(self, step: int) -> None:
        """Move the cursor a row (1 down, -1 up) and mark every row from where the range began to the cursor;
        marks made before the range stay. A range begins on the cursor's row unless the last move made it."""
        here, at = self.selected_id, self.highlighted
        if here is None or at is None:
            return
        rows = {int(option.id): index for index, option in enumerate(self.options) if option.id}
        if self._range is None or self._range[2] != here or self._range[0] not in rows:
            self._range = (here, self.marked - {here}, here)
        start, beside, _ = self._range
        further = sorted(index for index in rows.values() if (index - at) * step > 0)
        if further:  # at the first or last row a range stops: it never wraps round to the other end
            at = further[0] if step > 0 else further[-1]
            self.highlighted = at
        low, high = sorted((rows[start], at))
        reached = {item_id for item_id, index in rows.items() if low <= index <= high}
        self._range = (start, beside, self.selected_id or here)
        self._mark(beside | reached)

    def unmark(self, ids: set[int]) -> None:
        """Take the marks off these rows (ones just acted on)."""
        self._range = None
        self._mark(self.marked - ids)

    def clear_marks(self) -> None:
        self.unmark(self.marked)
