"""Settings: every key of config.toml, its default and the values it may take. Pure: a table in, a Config out
(reading the file is `ictrack.environment`'s)."""

from __future__ import annotations

import re
from datetime import time

from ictrack.errors import BadInput

DEFAULT_THANK_YOU = (
    'Hi {name}, thank you for your help with "{what}" on {when}. It saved me real time and made '
    "a difference to my week; I wanted you to know it was noticed."
)


class Config:
    """Every key of config.toml with its default."""

    __slots__ = ("workday_start", "workday_end", "soon_hours", "daily_capacity", "dayfirst",
                 "care_checks", "checkin_days", "thank_you_template", "care_prompt", "archive_days", "theme",
                 "keymap")  # fmt: skip

    def __init__(self, **values):
        self.workday_start = time(9)
        self.workday_end = time(17)
        self.soon_hours = 24
        self.daily_capacity = 3
        self.dayfirst = False
        self.care_checks = ["slept", "break", "lunch", "moved"]
        self.checkin_days = 30
        self.thank_you_template = DEFAULT_THANK_YOU
        self.care_prompt = True  # the TUI opens the care check once a day until it is done
        self.archive_days = 30  # closed (and thanked) this long ago: moved to the yearly archive
        self.theme: str | None = None  # the TUI's theme by name; None is Textual's default
        self.keymap: dict[str, str] = {}  # binding id -> the keys that replace its defaults (DEFAULT_KEYS)
        for key, value in values.items():
            setattr(self, key, value)


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def _clock_value(value) -> time:
    if isinstance(value, time):
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError
    return time(int(match[1]), int(match[2]))


# the bounds of every whole number in config.toml; a person's check-in cadence shares CHECKIN_DAYS
SOON_HOURS = (1, 8760)  # a year
DAILY_CAPACITY = (1, 100)
CHECKIN_DAYS = (1, 3650)  # ten years
ARCHIVE_DAYS = (1, 36500)  # a hundred years: in effect, never


def _whole(bounds: tuple[int, int]):
    def convert(value) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
            raise ValueError
        return value

    return convert


def _boolean(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError
    return value


def _check_names(value) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError
    return [v.strip().lower() for v in value]


PLACEHOLDERS = ("name", "what", "when")
TEMPLATE_RULE = ("a string using only {name}, {what} and {when}, each as it is: no format spec or conversion "
                 "like {name:>10} or {name!r}")  # fmt: skip


def _template(value) -> str:
    """Checked by parsing, never by formatting: a format spec like {name:>999999999} could fill the memory."""
    from string import Formatter

    if not isinstance(value, str):
        raise ValueError
    for _, field, spec, conversion in Formatter().parse(value):
        if field is not None and (field not in PLACEHOLDERS or spec or conversion):
            raise ValueError
    return value


_THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$", re.ASCII)


def _theme(value) -> str:
    if not isinstance(value, str) or not _THEME_NAME.match(value):
        raise ValueError
    return value


# key -> (converter, what a good value looks like)
_KEYS = {
    "workday_start": (_clock_value, 'a time like "09:00"'),
    "workday_end": (_clock_value, 'a time like "17:00"'),
    "soon_hours": (_whole(SOON_HOURS), "a whole number of hours, {} to {}".format(*SOON_HOURS)),
    "daily_capacity": (_whole(DAILY_CAPACITY), "a whole number, {} to {}".format(*DAILY_CAPACITY)),
    "dayfirst": (_boolean, "true or false"),
    "care_checks": (_check_names, 'a list of names like ["slept", "break"]'),
    "checkin_days": (_whole(CHECKIN_DAYS), "a whole number of days, {} to {}".format(*CHECKIN_DAYS)),
    "thank_you_template": (_template, TEMPLATE_RULE),
    "care_prompt": (_boolean, "true or false"),
    "archive_days": (_whole(ARCHIVE_DAYS), "a whole number of days, {} to {}".format(*ARCHIVE_DAYS)),
    "theme": (_theme, "a theme's name like \"textual-light\" (the TUI's palette lists them)"),
    "keymap": (None, "a table of binding ids and keys"),
}
SHOWN_VALUE = 60  # characters of a bad value quoted back: enough to recognise it, never a screenful


def settings_from(table: dict, where: str) -> Config:
    """The Config a parsed config.toml table gives; BadInput naming the key, the value and `where` it is."""
    values = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise BadInput(f'unknown key "{key}" in {where}; known keys: {", ".join(_KEYS)}.')
        convert, expected = _KEYS[key]
        if convert is None:
            values[key] = keymap_from(value, where)
            continue
        try:
            values[key] = convert(value)
        except (ValueError, TypeError, KeyError, IndexError):
            raise BadInput(f'bad value for "{key}" in {where}: {_shown(value)}; expected {expected}.') from None
    return Config(**values)


def _shown(value) -> str:
    return repr(value) if len(repr(value)) <= SHOWN_VALUE else repr(value)[: SHOWN_VALUE - 1] + "…"


# The TUI's keys, each under the id a [keymap] table rebinds it by: id -> its keys, comma-separated, as
# Textual names them. Every one of them is live on the dashboard at once, so no key may serve two ids.
DEFAULT_KEYS = {
    # moving in a list, a table, the week or an opened row
    "down": "j,down", "up": "k,up", "first": "g,home", "last": "G,end", "page_down": "pagedown",
    "page_up": "pageup",
    # the row under the cursor, and the ones marked for acting on together
    "open": "enter", "mark": "space", "back": "escape",
    # acting on the row
    "add": "a", "done": "d", "move": "m", "drop": "x", "edit": "e", "thank": "t", "checkin": "i",
    # everything else
    "care": "c", "filter": "slash", "undo": "u", "help": "question_mark", "quit": "q",
    "commitments": "1", "asks": "2", "thanks": "3", "people": "4", "week": "w,5",
}  # fmt: skip
MODIFIERS = ("ctrl", "shift", "alt")
NAMED_KEYS = ("escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end", "pageup",
              "pagedown", "up", "down", "left", "right", *(f"f{n}" for n in range(1, 25)))  # fmt: skip
RESERVED_KEYS = ("ctrl+c", "ctrl+q", "ctrl+p")  # copy and quit, and the command palette: Textual's own
KEY_RULE = ('a key like "i", "G", "ctrl+k", "f2" or "?", or several separated by commas '
            "(docs/config.md#keymap)")  # fmt: skip
# characters whose key names are not their Unicode names, as Textual names them
_RENAMED = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at", "hyphen_minus": "minus",
            "plus_sign": "plus", "low_line": "underscore"}  # fmt: skip
_WORD = re.compile(r"^[a-z][a-z0-9_]*$", re.ASCII)


def _character_key(character: str) -> str:
    """A printable character's key name: itself if a letter or digit, else its Unicode name (`question_mark`)."""
    import unicodedata

    if character.isalnum():
        return character
    name = unicodedata.name(character, "").lower().replace("-", "_").replace(" ", "_")
    return _RENAMED.get(name, name)


def key_name(key: str) -> str | None:
    """One key as Textual names it (`?` is `question_mark`, `G` stays `G`), or None if it is not a key."""
    import unicodedata

    key = key.strip()
    *modifiers, base = key.rsplit("+", 1) if len(key) > 1 else [key]
    modifiers = modifiers[0].split("+") if modifiers else []
    if any(modifier not in MODIFIERS for modifier in modifiers) or len(set(modifiers)) != len(modifiers):
        return None
    if len(base) == 1:
        name = _character_key(base) if base.isprintable() and not base.isspace() else ""
    elif base in NAMED_KEYS or any(_character_key(chr(code)) == base for code in range(33, 127)):
        name = base  # `pagedown`, or a printable ASCII character by name: `question_mark`, `less_than_sign`
    else:
        try:  # a name Textual gives a character beyond ASCII, like `pound_sign`
            named = unicodedata.lookup(base.replace("_", " ")) if _WORD.match(base) else ""
        except KeyError:
            named = ""
        name = base if named and _character_key(named) == base else ""
    return "+".join([*modifiers, name]) if name else None


def keymap_from(table, where: str) -> dict[str, str]:
    """A [keymap] table checked: known ids, real keys, none reserved and no key serving two ids."""
    if not isinstance(table, dict):
        raise BadInput(f'bad value for "keymap" in {where}: {_shown(table)}; expected a table of binding ids '
                       'and keys, like [keymap] then checkin = "ctrl+k".')  # fmt: skip
    keymap: dict[str, str] = {}
    for binding, keys in table.items():
        if binding not in DEFAULT_KEYS:
            raise BadInput(f'unknown key "keymap.{binding}" in {where}; known keys: {", ".join(DEFAULT_KEYS)}.')
        names = [key_name(key) for key in keys.split(",")] if isinstance(keys, str) else [None]
        if None in names or len(set(names)) != len(names):
            raise BadInput(f'bad value for "keymap.{binding}" in {where}: {_shown(keys)}; expected {KEY_RULE}.')
        if reserved := [name for name in names if name in RESERVED_KEYS]:
            raise BadInput(f'bad value for "keymap.{binding}" in {where}: {_shown(keys)}; {reserved[0]} is '
                           "Textual's own (copy, quit, the command palette).")  # fmt: skip
        keymap[binding] = ",".join(name for name in names if name)
    owner: dict[str, str] = {}
    for binding, defaults in DEFAULT_KEYS.items():
        for key in keymap.get(binding, defaults).split(","):
            if key in owner:
                rebound = binding if binding in keymap else owner[key]
                other = owner[key] if rebound == binding else binding
                raise BadInput(f'bad value for "keymap.{rebound}" in {where}: {_shown(table[rebound])}; {key} is '
                               f'already the key for "{other}" (rebind that too, or choose another key).')  # fmt: skip
            owner[key] = binding
    return keymap


def with_setting(text: str, key: str, value: str, where: str) -> str:
    """`text` (a config.toml) with the top-level string `key` set to `value`, every other line kept as written.

    An existing `key = "…"` line above the first table has its value replaced (a comment after it stays);
    otherwise the line goes just above the first table and the comments that introduce it, or at the end.
    The result is read back, and must hold what `text` held but for `key`: BadInput if it would not.
    """
    import tomllib

    _KEYS[key][0](value)  # a value this file would refuse is never written into it
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f'{key} = "{value}"'
    lines = text.splitlines(keepends=True)
    tables = [n for n, row in enumerate(lines) if re.match(r"[ \t]*\[", row)]
    top = tables[0] if tables else len(lines)
    setting = re.compile(rf"""^([ \t]*(?:{key}|"{key}"|'{key}')[ \t]*=[ \t]*)("[^"\\\n]*"|'[^'\n]*')(.*)$""", re.S)
    found = [n for n in range(top) if setting.match(lines[n])]
    if found:
        lines[found[0]] = setting.sub(lambda match: f'{match[1]}"{value}"{match[3]}', lines[found[0]])
    else:
        at = top
        while tables and at > 0 and (lines[at - 1].lstrip().startswith("#") or not lines[at - 1].strip()):
            at -= 1  # the comments just above a table describe it, and a blank line sets them apart
        if lines and not lines[-1].endswith(("\n", "\r")) and at == len(lines):
            lines[-1] += newline
        lines.insert(at, line + newline)
    result = "".join(lines)
    try:
        before, after = tomllib.loads(text), tomllib.loads(result)
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"the config file {where} is not valid TOML: {error}.") from None
    if after != {**before, key: value}:
        raise BadInput(f'can\'t set "{key}" in {where} without changing what else it says; add {line} to it '
                       "by hand, above any [table].")  # fmt: skip
    return result
