"""The top line: today's date, what needs attention, and today's care check.

The counts are the brief's sections (docs/brief.md): overdue, at risk and also due today hold each open
commitment at most once, so they add up and match the dashboard's group headings.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ictrack.core.risk import ATTENTION, attention
from ictrack.service import Overview
from ictrack.text import SEPARATOR, visible
from ictrack.tui.widgets.item_list import LEVEL_STYLES

STYLES = dict(zip(ATTENTION, (LEVEL_STYLES["overdue"], LEVEL_STYLES["at-risk"], LEVEL_STYLES["soon"]), strict=True))


def _count(number: int, words: str, style: str) -> tuple[str, str]:
    return (f"{number} {words}", style if number else "dim")


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; }
    """

    def show(self, overview: Overview) -> None:
        now = overview.now
        groups = attention(overview.items.values(), overview.risks, now)
        counts = [_count(len(members), name.lower(), STYLES[name]) for name, members in groups.items()]
        care = overview.care
        if care is None:
            care_text = ("care: not done yet (c)", "bold dark_orange")
        else:
            energy = f", energy {visible(care.energy)}/5" if care.energy else ""
            care_text = (f"care: {len(care.done)} ticked{energy}, streak {overview.streak}", "green")
        self.update(Text.assemble(
            (f"{now:%a} {now.day} {now:%b %Y}  ", "bold"),
            *(part for count in counts for part in (count, SEPARATOR)),
            _count(len(overview.thanks), "thanks owed", "magenta"), "   ",
            care_text,
            no_wrap=True, overflow="ellipsis",
        ))  # fmt: skip
