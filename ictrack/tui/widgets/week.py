"""The week view: this week's figures, on time vs late by day, and the on-time rate over recent weeks.

The trend is drawn on a fixed 0–100 % scale, labelled every 25 %, so a bar's height is its rate: 40 %
and 53 % are a line apart, whatever the other weeks did.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ictrack.core.week import DAYS, WeekSummary
from ictrack.reports import care_sentence, headline
from ictrack.text import NOTHING, percent
from ictrack.tui.colours import Ink
from ictrack.tui.keys import moves

BAR = "█"
EIGHTHS = " ▁▂▃▄▅▆▇"
COLUMN = 8  # a week's width on the trend chart
AXIS = 7  # `100% ┤`


def day_bars(per_day: list[list[int]], ink: Ink) -> Text:
    """One line per weekday: a bar in the on-time colour for on time, in the overdue colour for late."""
    text = Text()
    for name, (on_time, late) in zip(DAYS, per_day, strict=True):
        text.append(f"  {name}  ")
        text.append(BAR * on_time, style=ink("on-time"))
        text.append(BAR * late, style=ink("risk-overdue"))
        parts = ([f"{on_time} on time"] if on_time else []) + ([f"{late} late"] if late else [])
        text.append(f" {', '.join(parts)}\n" if parts else f" {NOTHING}\n", style="" if parts else "dim")
    return text


def _rate_style(rate: float, ink: Ink):
    return ink("on-time") if rate >= 0.8 else ink("risk-at-risk") if rate >= 0.5 else ink("risk-overdue")


def trend_chart(rates: list[tuple[str, float | None]], ink: Ink, height: int = 8) -> Text:
    """A column per week, as tall as its on-time rate on a 0–100 % axis, with the rate and the week under it.

    Each line is 1/`height` of the scale, drawn in eighths of a line; the axis is labelled every 25 %.
    """
    text = Text()
    labels = {round(height * quarter / 4): f"{25 * quarter}%" for quarter in range(1, 5)}
    for level in range(height, 0, -1):
        text.append(f"{labels.get(level, ''):>5} ┤" if level in labels else f"{'':>5} │", style="dim")
        for _, rate in rates:
            filled = round((rate or 0) * height * 8) - (level - 1) * 8  # in eighths of a line
            block = BAR if filled >= 8 else EIGHTHS[filled] if filled > 0 else " "
            text.append(f"  {block * 4}  ", style=_rate_style(rate or 0, ink))
        text.append("\n")
    text.append(f"{'0%':>5} └" + "─" * (COLUMN * len(rates)) + "\n", style="dim")
    text.append(" " * AXIS)
    for _, rate in rates:
        text.append(f"{percent(rate):^{COLUMN}}", style="bold" if rate is not None else "dim")
    text.append("\n" + " " * AXIS)
    for label, _ in rates:
        text.append(f"{label[-3:]:^{COLUMN}}", style="dim")
    return text


class WeekPanel(VerticalScroll, inherit_bindings=False):
    BINDINGS = moves("scroll_down", "scroll_up", "scroll_home", "scroll_end")
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

    def show(self, this: WeekSummary, rates: list[tuple[str, float | None]], ink: Ink) -> None:
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
        self.query_one("#week-days", Static).update(day_bars(this.per_day, ink))
        self.query_one("#week-trend", Static).update(trend_chart(rates, ink))
        self.rates = rates
