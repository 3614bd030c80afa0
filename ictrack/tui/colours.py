"""The review's colours, from the theme in use, each readable where it is drawn.

A theme gives `$text-error`, `$text-warning` and the like; on some themes (light ones especially) they
are too faint to read as text. `readable_variables` takes each from the theme and, where its contrast
with any background it is drawn on is under WCAG's 4.5:1 for text, lightens it (on a dark theme) or
darkens it until it is not. The results are CSS variables (`$risk-overdue`, …) the widgets style with.
ANSI themes are left as they are: their colours are the terminal's, which only the terminal knows.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.theme import Theme

READABLE = 4.5  # WCAG AA for text
# ictrack's variable -> the theme's variable it starts from
SOURCES = {
    "risk-overdue": "text-error",  # overdue, and late on the charts
    "risk-at-risk": "text-warning",  # at risk, thanks owed for days, a check-in due, care not done
    "risk-soon": "text-primary",  # due soon
    "on-time": "text-success",  # delivered on time, care done
    "person": "text-secondary",  # a @handle
    "thanks": "text-accent",  # the heart of a thank-you owed
}
GROUNDS = ("background", "surface", "panel", "row-cursor")  # the screen, the lists, the status line, the cursor
CURSOR_TINT = 0.25  # of the primary colour over the surface, for the row under the cursor


def luminance(colour: Color) -> float:
    """WCAG's relative luminance, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.04045 else ((value_ + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio, 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: Color, grounds: list[Color], dark: bool) -> Color:
    """`colour`, lightened (on a dark theme) or darkened by the least, in steps of 2.5%, that reads on every
    ground; lightness alone changes, so red stays red."""
    for step in range(41):
        shifted = colour.lighten(step / 40) if dark else colour.darken(step / 40)
        if all(contrast(shifted, ground) >= READABLE for ground in grounds):
            return shifted
    return Color(255, 255, 255) if dark else Color(0, 0, 0)


def readable_variables(theme: Theme, variables: dict[str, str]) -> dict[str, str]:
    """ictrack's colour variables for `theme`, given the theme's own CSS `variables`."""
    try:  # the screen, the lists and the status line; then the primary colour, which tints the cursor's row
        *grounds, primary = [Color.parse(variables[name]) for name in (*GROUNDS[:-1], "primary")]
    except Exception:  # an ANSI theme's "ansi_default" or "transparent": no colour to measure
        return _as_they_are(variables)
    if any(colour.ansi is not None or colour.a < 1 for colour in [*grounds, primary]):
        return _as_they_are(variables)
    cursor = grounds[GROUNDS.index("surface")].blend(primary, CURSOR_TINT)
    colours = {name: readable(Color.parse(variables[source]), [*grounds, cursor], theme.dark).hex
               for name, source in SOURCES.items()}  # fmt: skip
    text = readable(Color.parse(variables["foreground"]), [cursor], theme.dark)
    return {"row-cursor": cursor.hex, "row-cursor-text": text.hex, **colours}


def _as_they_are(variables: dict[str, str]) -> dict[str, str]:
    return {"row-cursor": variables["block-cursor-background"], "row-cursor-text": variables["foreground"],
            **{name: variables[source] for name, source in SOURCES.items()}}  # fmt: skip


class Ink:
    """Rich styles in the review's colours, for the theme whose CSS `variables` are given."""

    LEVELS = {"overdue": "risk-overdue", "at-risk": "risk-at-risk", "soon": "risk-soon"}

    def __init__(self, variables: dict[str, str]) -> None:
        self.variables = variables

    def __call__(self, name: str, *, bold: bool = False) -> Style:
        return Style(color=Color.parse(self.variables[name]).rich_color, bold=bold or None)

    def level(self, level: str) -> Style:
        """A risk level's style: bold for overdue and at risk, plain for soon, none for the rest."""
        if level not in self.LEVELS:
            return Style()
        return self(self.LEVELS[level], bold=level != "soon")
