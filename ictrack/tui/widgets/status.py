"""The top line: today's date, what needs attention, and today's care check."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ictrack.core.risk import group_of
from ictrack.service import Overview
from ictrack.text import SEPARATOR, visible
from ictrack.tui.widgets.item_list import LEVEL_STYLES


def _count(number: int, words: str, style: str) -> tuple[str, str]:
    return (f"{number} {words}", style if number else "dim")


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; }
    """

    def show(self, overview: Overview) -> None:
        now, risks = overview.now, overview.risks
        commitments = [item for item in overview.items.values() if item.is_open and item.kind == "commitment"]
        groups = [group_of(item, risks[item.id], now) for item in commitments]
        care = overview.care
        if care is None:
            care_text = ("care: not done yet (c)", "bold dark_orange")
        else:
            energy = f", energy {visible(care.energy)}/5" if care.energy else ""
            care_text = (f"care: {len(care.done)} ticked{energy}, streak {overview.streak}", "green")
        self.update(Text.assemble(
            (f"{now:%a} {now.day} {now:%b %Y}  ", "bold"),
            _count(groups.count("Overdue"), "overdue", LEVEL_STYLES["overdue"]), SEPARATOR,
            _count(groups.count("At risk"), "at risk", LEVEL_STYLES["at-risk"]), SEPARATOR,
            _count(groups.count("Today"), "due today", LEVEL_STYLES["soon"]), SEPARATOR,
            _count(len(overview.thanks), "thanks owed", "magenta"), "   ",
            care_text,
            no_wrap=True, overflow="ellipsis",
        ))  # fmt: skip
