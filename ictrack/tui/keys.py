"""The TUI's keys as Textual bindings, each with the id a [keymap] table rebinds it by.

The ids and their default keys are `ictrack.core.settings.DEFAULT_KEYS`, where the config is checked; this
module gives them actions and words. `keys_for` and `help_rows` read the bindings in force, so what the
help, the footer and the notes say follows a user's keymap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from ictrack.core.settings import DEFAULT_KEYS

if TYPE_CHECKING:
    from textual.app import App

# id -> what it does, in the help's words; the groups are the help's sections, in order
WORDS = {
    "Move": {
        "down": "next row", "up": "previous row", "first": "first row", "last": "last row",
        "page_down": "a page down", "page_up": "a page up",
    },
    "The row": {
        "open": "details; a person's page", "mark": "mark / unmark it", "mark_down": "mark a range down",
        "mark_up": "mark a range up", "back": "back out",
        "done": "done / received", "move": "move the due date", "drop": "drop", "edit": "edit",
        "thank": "say thank you", "checkin": "check in with the person",
        "copy_draft": "copy the draft to send", "snooze": "snooze until a day",
    },
    "Everything else": {
        "add": "add a promise", "care": "today's care check", "search": "search every item",
        "filter": "filter the lists",
        "undo": "undo the last change", "redo": "redo what undo took back", "help": "this help", "quit": "quit",
        "commitments": "commitments", "asks": "waiting on others", "thanks": "thanks owed", "people": "people",
        "week": "the week",
    },
}  # fmt: skip
WHAT = {binding: words for group in WORDS.values() for binding, words in group.items()}


def bind(binding: str, action: str, label: str = "", *, show: bool = True) -> Binding:
    """The binding with id `binding` at its default keys; a label puts it in the footer."""
    return Binding(DEFAULT_KEYS[binding], action, label, show=show and bool(label), id=binding)


def moves(down: str, up: str, first: str, last: str, page_down: str = "page_down",
          page_up: str = "page_up") -> list[BindingType]:  # fmt: skip
    """Moving about a widget, by the same ids everywhere, so one [keymap] line moves them all."""
    actions = {"down": down, "up": up, "first": first, "last": last, "page_down": page_down, "page_up": page_up}
    return [bind(binding, action) for binding, action in actions.items()]


def keys_for(app: App, binding: str) -> list[str]:
    """The keys that trigger `binding` now, as the footer shows them (`j`, `↓`, `?`)."""
    keys = app._keymap.get(binding, DEFAULT_KEYS[binding])
    return [app.get_key_display(Binding(key, "")) for key in keys.split(",")]


def key_for(app: App, binding: str) -> str:
    """The first key of `binding`, for a note like "press a to add one"."""
    return keys_for(app, binding)[0]


def help_rows(app: App) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every binding in force, by section: (section, [(its keys, what it does)])."""
    return [(group, [(" ".join(keys_for(app, binding)), words) for binding, words in bindings.items()])
            for group, bindings in WORDS.items()]  # fmt: skip
