"""The first-run screen: three things to try, and the shell alias."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

WELCOME = """\
[b]Welcome to ictrack[/b] — keep the promises you make to the people you work with.

Three things to try:

  [b reverse] {add} [/]  add a promise, as you would say it:  [i]@dana send Q3 figures by fri 3pm #finance[/i]
  [b reverse] {care} [/]  the daily care check — you are a customer too
  [b reverse] {help} [/]  every key, and how quick add reads dates, people and tags

From your shell, quick add without opening this screen:

  [b]alias ia='ictrack add'[/b]
  ia "@lee review the deck by thu"
"""


class Welcome(Static):
    DEFAULT_CSS = """
    Welcome { padding: 1 3; height: 1fr; }
    """

    def __init__(self, keys: dict[str, str], **kwargs) -> None:
        """`keys`: the keys of add, care and help as bound (escaped: a key such as `[` is never markup)."""
        super().__init__(WELCOME.format(**{name: escape(key) for name, key in keys.items()}), **kwargs)
