"""The week view: this week's figures, on time vs late by day, and the on-time rate over recent weeks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ictrack.core.week import DAYS, WeekSummary
from ictrack.reports import care_sentence, headline
from ictrack.text import NOTHING, percent

BAR = "█"


def day_bars(per_day: list[list[int]]) -> Text:
    """One line per weekday: a green bar for on time, a red one for late."""
    text = Text()
    for name, (on_time, late) in zip(DAYS, per_day, strict=True):
        text.append(f"  {name}  ")
        text.append(BAR * on_time, style="green")
        text.append(BAR * late, style="red")
        parts = ([f"{on_time} on time"] if on_time else []) + ([f"{late} late"] if late else [])
        text.append(f" {', '.join(parts)}\n" if parts else f" {NOTHING}\n", style="" if parts else "dim")
    return text


def _rate_style(rate: float) -> str:
    return "green" if rate >= 0.8 else "dark_orange" if rate >= 0.5 else "red"


def trend_chart(rates: list[tuple[str, float | None]], height: int = 4) -> Text:
    """A column per week, as tall as its on-time rate, with the rate and the week under it."""
    text = Text()
    for level in range(height, 0, -1):
        for _, rate in rates:
            filled = round((rate or 0) * height * 8) - (level - 1) * 8  # in eighths of a line
            block = "█" if filled >= 8 else " ▁▂▃▄▅▆▇"[filled] if filled > 0 else " "
            text.append(f"  {block * 4}  ", style=_rate_style(rate or 0))
        text.append("\n")
    for _, rate in rates:
        text.append(f"{percent(rate):^8}", style="bold" if rate is not None else "dim")
    text.append("\n")
    for label, _ in rates:
        text.append(f"{label[-3:]:^8}", style="dim")
    return text


class WeekPanel(VerticalScroll):
    rates: list[tuple[str, float | None]] = []  # what the trend chart shows, oldest week first

    DEFAULT_CSS = """
    WeekPanel { padding: 0 1; }
    WeekPanel .heading { text-style: bold; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="week-figures")
        yield Static("On time and late, by day delivered", classes="heading")
        yield Static(id="week-days")
        yield Static(
            f"On-time rate, last 8 weeks ({NOTHING} : nothing with a due date was delivered)", classes="heading"
        )
        yield Static(id="week-trend")

    def show(self, this: WeekSummary, rates: list[tuple[str, float | None]]) -> None:
        figures, cut = this.figures, this.cut
        text = Text(f"Week {this.week.label}", style="bold")
        if cut.so_far:
            now = cut.as_of.astimezone(this.week.start.tzinfo)
            text.append(f" {cut.phrase()}", style="bold")
            text.append(f"  figures as of {now:%a} {now.day} {now:%b} {now:%H:%M}\n", style="dim")
        else:
            last = this.week.last
            text.append(f"  figures as at the end of Sunday {last.day} {last:%b}\n", style="dim")
        text.append(f"{headline(figures)}\n{care_sentence(figures)}\n")
        self.query_one("#week-figures", Static).update(text)
        self.query_one("#week-days", Static).update(day_bars(this.per_day))
        self.query_one("#week-trend", Static).update(trend_chart(rates))
        self.rates = rates
