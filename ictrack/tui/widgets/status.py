"""The top line: today's date, what needs attention, and today's care check, in the words that fit.

The counts are the brief's sections (docs/brief.md): overdue, at risk and also due today hold each open
commitment at most once, so they add up and match the dashboard's group headings. The line is written
in three lengths, longest first, and shows the longest that fits the width: at 80 columns every count
is still there, in fewer words.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ictrack.core.risk import ATTENTION, attention
from ictrack.service import Overview
from ictrack.text import SEPARATOR, visible
from ictrack.tui.colours import Ink

LEVELS = dict(zip(ATTENTION, ("overdue", "at-risk", "soon"), strict=True))
# each group's words in the long, medium and short lines; "also" in each, so the group of what is due today
# and neither overdue nor at risk never reads as all that is due today
WORDS = {"Overdue": ("overdue",) * 3, "At risk": ("at risk",) * 3,
         "Also due today": ("also due today", "also today", "also today")}  # fmt: skip
GAPS = ("   ", "  ", SEPARATOR)  # before the care check, in each line: the medium fits 80 columns with it
THANKS = ("thanks owed", "thanks", "thanks")


def forms(overview: Overview, ink: Ink, care_key: str) -> list[Text]:
    """The status line, longest first."""
    now = overview.now
    groups = attention(overview.items.values(), overview.risks, now)
    care, streak = overview.care, overview.streak
    if care is None:
        cares = [f"care: not done yet ({care_key})", f"care: not yet ({care_key})", f"care ({care_key})"]
        care_style = ink("risk-at-risk", bold=True)
    else:
        energy = f", energy {visible(care.energy)}/5" if care.energy else ""
        cares = [f"care: {len(care.done)} ticked{energy}, streak {streak}", f"care ✓ streak {streak}", "care ✓"]
        care_style = ink("on-time")
    dates = [f"{now:%a} {now.day} {now:%b %Y}", f"{now:%a} {now.day} {now:%b}", f"{now.day} {now:%b}"]
    lines = []
    for length in range(3):
        line = Text(dates[length], style="bold", no_wrap=True, overflow="ellipsis")
        line.append("  ")
        for name, members in groups.items():
            count = len(members)
            line.append(f"{count} {WORDS[name][length]}", style=ink.level(LEVELS[name]) if count else "dim")
            line.append(SEPARATOR)
        thanks = len(overview.thanks)
        line.append(f"{thanks} {THANKS[length]}", style=ink("thanks") if thanks else "dim")
        line.append(GAPS[length])
        line.append(cares[length], style=care_style)
        lines.append(line)
    return lines


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, message: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines = [Text(message)]

    def show(self, overview: Overview, ink: Ink, care_key: str) -> None:
        self.lines = forms(overview, ink, care_key)
        self.refresh()

    def say(self, message: Text) -> None:
        """A line of its own, such as why the data can't be read."""
        self.lines = [message]
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        return next((line for line in self.lines if line.cell_len <= width), self.lines[-1])

    @property
    def content(self) -> Text:
        """What the line shows at its width now."""
        return self.render()
