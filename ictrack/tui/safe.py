"""Data on screen: plain Text with control characters shown as escapes, never read as markup.

`PlainInput` and `PlainTextArea` do the same for what is typed or pasted into a text box.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

from ictrack.text import visible


def plain(value, style: str = "", *, newlines: bool = False) -> Text:
    """`value` as Text a terminal can't act on: no markup, no escape sequences, one line unless `newlines`."""
    return Text(visible(value, newlines=newlines), style=style)


class PlainInput(Input):
    """An Input that writes control characters typed or pasted into it as escapes, so it never draws them raw."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(visible(text), start, end)


class PlainTextArea(TextArea):
    """A TextArea that keeps line breaks typed or pasted into it and writes other control characters as escapes."""

    def _replace_via_keyboard(self, insert: str, start, end):
        # the one way typed and pasted text enters a TextArea (Textual 8)
        return super()._replace_via_keyboard(visible(insert.replace("\r\n", "\n"), newlines=True), start, end)
