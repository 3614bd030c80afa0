"""The week view: this week's figures, on time vs late by day, and the on-time rate over recent weeks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from ictrack.summary import DAYS, WeekSummary, care_sentence, headline

BAR = "█"


def day_bars(per_day: list[list[int]]) -> Text:
    """One line per weekday: a green bar for on time, a red one for late."""
    text = Text()
    for name, (on_time, late) in zip(DAYS, per_day, strict=True):
        text.append(f"  {name}  ")
        text.append(BAR * on_time, style="green")
        text.append(BAR * late, style="red")
        parts = ([f"{on_time} on time"] if on_time else []) + ([f"{late} late"] if late else [])
        text.append(f" {', '.join(parts)}\n" if parts else " —\n", style="" if parts else "dim")
    return text


def trend_labels(rates: list[tuple[str, float | None]]) -> Text:
    text = Text()
    for label, rate in rates:
        text.append(f"{label[-3:]} ", style="bold")
        text.append(f"{'—' if rate is None else format(rate, '.0%')}   ")
    return text


class WeekPanel(VerticalScroll):
    DEFAULT_CSS = """
    WeekPanel { padding: 0 1; }
    WeekPanel .heading { text-style: bold; margin-top: 1; }
    WeekPanel Sparkline { height: 3; margin: 0 2; width: 60; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="week-figures")
        yield Static("On time and late, by day delivered", classes="heading")
        yield Static(id="week-days")
        yield Static("On-time rate, last 8 weeks (no bar: nothing dated was delivered)", classes="heading")
        yield Sparkline([], id="week-trend")
        yield Static(id="week-trend-labels")

    def show(self, this: WeekSummary, rates: list[tuple[str, float | None]]) -> None:
        figures = this.figures
        text = Text(f"Week {this.week.label}", style="bold")
        text.append(f"\n{headline(figures)}\n{care_sentence(figures)}\n")
        self.query_one("#week-figures", Static).update(text)
        self.query_one("#week-days", Static).update(day_bars(this.per_day))
        self.query_one("#week-trend", Sparkline).data = [rate or 0.0 for _, rate in rates]
        self.query_one("#week-trend-labels", Static).update(trend_labels(rates))
