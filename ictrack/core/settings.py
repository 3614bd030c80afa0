"""Settings: every key of config.toml, its default and the values it may take. Pure: a table in, a Config out
(reading the file is `ictrack.environment`'s)."""

from __future__ import annotations

import re
from datetime import time

from ictrack.core.dates import WEEKDAYS
from ictrack.core.model import RELATIONS
from ictrack.errors import BadInput

WORKWEEK = (0, 1, 2, 3, 4)  # Monday to Friday

# The drafts (see ictrack.core.drafts): each a template, or several to vary among, and the placeholders it may use.
# One item always gets the same variant; two items seldom get the same one.
DEFAULT_THANK_YOU = (  # the title is quoted apart from the sentence: "fixed the build" and "review the deck" both fit
    'Hi {name}, thank you for your help {when} ("{what}"){impact}. It made a real difference, and I wanted you to '
    "know it was noticed.",
    'Hi {name}, I wanted to say thanks for your help {when}: "{what}"{impact}. I really appreciate you making the '
    "time.",
    'Thank you, {name}, for your help {when} ("{what}"){impact}. It saved me real time, and it didn\'t go unnoticed.',
)
DEFAULT_NUDGE = (
    'Hi {name}, a gentle nudge on "{what}": {since}. How is it going, and is anything in the way I could help with?',
    'Hi {name}, just checking in on "{what}" ({since}). Could you let me know where it stands, even if the answer '
    'is "not yet"?',
    'Hi {name}, I wanted to follow up on "{what}": {since}. If plans have changed, that\'s fine; a word on when to '
    "expect it would help me plan.",
)
# a commitment to a later date, ahead of the old one: ask first
DEFAULT_RENEGOTIATE = (
    'Hi {name}, could I move "{what}" from {due} to {new}{because}? I\'d rather ask now than let the date slip. '
    "Does that work for you?",
    'Hi {name}, I want to flag this early: I don\'t think I can do "{what}" justice by {due}. Could I move it to '
    "{new}{because}? If that causes you a problem, tell me and I'll find another way.",
    'Hi {name}, I\'m running behind on "{what}", due {due}. Would {new} work for you instead{because}? If not, let '
    "me know what matters most and I'll put that first.",
)
# a commitment already past its date: say sorry, say when it was due ({due}: "yesterday", "on Friday"), offer a date
DEFAULT_RENEGOTIATE_LATE = (
    "Hi {name}, I'm sorry: I missed \"{what}\". I said I'd have it to you {due}; could I get it to you {new} "
    "instead{because}? If that causes you a problem, tell me and I'll put it first.",
    'Hi {name}, I owe you an apology: "{what}" was due {due} and I haven\'t delivered it yet. Would {new} work for '
    "you{because}? I'll tell you straight away if anything changes.",
    'Hi {name}, I\'m sorry "{what}" is late; it was due {due}. Could I have until {new}{because}? If part of it '
    "would help you sooner, tell me and I'll send that first.",
)
# an ask to a later date: they owe it to me, so I am the one waiting, agreeing a new date with them; a reason
# beside "for you" would read as theirs, so these leave {because} out
DEFAULT_RENEGOTIATE_ASK = (
    'Hi {name}, about "{what}": {since}. No rush — would {new} work better for you?',
    'Hi {name}, just confirming the new date for "{what}": {new}. Shout if I\'ve got that wrong.',
    'Hi {name}, if "{what}" needs a bit longer, that\'s fine: {since}, and {new} would work for me. Does that suit '
    "you?",
)
# a commitment to a later date, ahead of the old one, because an external customer comes first
DEFAULT_HEADS_UP = (
    'Hi {name}, a heads-up: a customer deadline has come up that I have to put first, so "{what}" will move from '
    "{due} to {new}{because}. I'm sorry for the knock-on; if it causes you a problem, tell me and we'll work "
    "something out.",
    "Hi {name}, I wanted you to hear it from me first: an external customer needs me, so I'd like to move "
    '"{what}" from {due} to {new}{because}. Does that still work for you?',
    'Hi {name}, a quick heads-up: a customer commitment is taking priority, so "{what}" is now likely {new} rather '
    "than {due}{because}. If the original date really matters, tell me and I'll look at it again.",
)
# a commitment to an earlier date: good news
DEFAULT_EARLIER = (
    'Hi {name}, good news: I can get you "{what}" by {new}, earlier than {due}{because}. I\'ll tell you if anything '
    "changes.",
    'Hi {name}, "{what}" is ahead of plan: you can have it by {new} instead of {due}{because}. Would that help, or '
    "does the original date suit you better?",
    'Hi {name}, a quick update on "{what}": it\'s going well, and I expect to have it to you by {new}, ahead of '
    "{due}{because}.",
)
# an ask to an earlier date: I am asking more of them, so ask, and leave them room to say no
DEFAULT_EARLIER_ASK = (
    'Hi {name}, could we bring "{what}" forward to {new}{because}? I know we said {due}, so if that\'s a stretch, '
    "tell me and we'll work something out.",
    'Hi {name}, would it be possible to have "{what}" by {new} rather than {due}{because}? No problem if not; just '
    "let me know either way.",
    'Hi {name}, a favour to ask: could "{what}" come to me by {new} instead of {due}{because}? If that doesn\'t '
    "work, {due} is still fine.",
)
# once a commitment's date is moved: the date it has now
DEFAULT_MOVED = (
    'Hi {name}, a quick note: "{what}" is now due {new} rather than {due}{because}; tell me if that doesn\'t work '
    "for you.",
    'Hi {name}, to confirm: "{what}" is now due {new}, no longer {due}{because}. Shout if that causes you any trouble.',
    "Hi {name}, for your diary: I've moved \"{what}\" from {due} to {new}{because}. Let me know if that's a problem.",
)
# once an ask's date is moved: thanks, and the date noted
DEFAULT_MOVED_ASK = (
    'Hi {name}, thanks — I\'ve noted {new} for "{what}".',
    'Hi {name}, thank you — I\'ve put "{what}" in my diary for {new}.',
    'Hi {name}, thanks — {new} for "{what}" works for me; I\'ve noted it.',
)
_ADDRESS = ("name", "full_name", "what")  # every draft's: how to greet them, their whole name, the item's title
DRAFTS = {  # config key -> (default, the placeholders it may use)
    "thank_you_template": (DEFAULT_THANK_YOU, (*_ADDRESS, "when", "date", "impact")),
    "nudge_template": (DEFAULT_NUDGE, (*_ADDRESS, "since", "due", "asked")),
    "renegotiate_template": (DEFAULT_RENEGOTIATE, (*_ADDRESS, "due", "new", "because")),
    "renegotiate_late_template": (DEFAULT_RENEGOTIATE_LATE, (*_ADDRESS, "due", "new", "because")),
    "renegotiate_ask_template": (DEFAULT_RENEGOTIATE_ASK, (*_ADDRESS, "due", "new", "because", "since")),
    "heads_up_template": (DEFAULT_HEADS_UP, (*_ADDRESS, "due", "new", "because")),
    "earlier_template": (DEFAULT_EARLIER, (*_ADDRESS, "due", "new", "because")),
    "earlier_ask_template": (DEFAULT_EARLIER_ASK, (*_ADDRESS, "due", "new", "because", "since")),
    "moved_template": (DEFAULT_MOVED, (*_ADDRESS, "due", "new", "because")),
    "moved_ask_template": (DEFAULT_MOVED_ASK, (*_ADDRESS, "due", "new", "because")),
}


class Config:
    """Every key of config.toml with its default."""

    __slots__ = ("workday_start", "workday_end", "workdays", "lunch_time", "soon_hours", "daily_capacity",
                 "dayfirst", "care_checks", "checkin_days", "kind_cadence", "stale_days", "thank_you_template",
                 "nudge_template", "renegotiate_template", "renegotiate_late_template", "renegotiate_ask_template",
                 "heads_up_template", "earlier_template", "earlier_ask_template", "moved_template",
                 "moved_ask_template", "care_prompt",
                 "archive_days", "theme", "keymap", "care_reminder", "remind_via", "calendar_alarm")  # fmt: skip

    def __init__(self, **values):
        self.workday_start = time(9)
        self.workday_end = time(17)
        self.workdays = WORKWEEK  # weekday numbers, Monday = 0: the days a care streak asks a check for
        self.lunch_time = time(12)  # the start of the lunch hour: the care check asks about lunch after it
        self.soon_hours = 24
        self.daily_capacity = 3
        self.dayfirst = False
        self.care_checks = ["slept", "break", "lunch", "moved"]
        self.checkin_days = 30
        self.kind_cadence = dict(KIND_CADENCE)  # a relation's days between check-ins, open items or not
        self.stale_days = 14  # an ask with no due date and no change for this long needs a nudge
        self.thank_you_template: str | tuple[str, ...] = DEFAULT_THANK_YOU  # a template, or variants of one
        self.nudge_template: str | tuple[str, ...] = DEFAULT_NUDGE
        self.renegotiate_template: str | tuple[str, ...] = DEFAULT_RENEGOTIATE
        self.renegotiate_late_template: str | tuple[str, ...] = DEFAULT_RENEGOTIATE_LATE
        self.renegotiate_ask_template: str | tuple[str, ...] = DEFAULT_RENEGOTIATE_ASK
        self.heads_up_template: str | tuple[str, ...] = DEFAULT_HEADS_UP
        self.earlier_template: str | tuple[str, ...] = DEFAULT_EARLIER
        self.earlier_ask_template: str | tuple[str, ...] = DEFAULT_EARLIER_ASK
        self.moved_template: str | tuple[str, ...] = DEFAULT_MOVED
        self.moved_ask_template: str | tuple[str, ...] = DEFAULT_MOVED_ASK
        self.care_prompt = True  # the TUI opens the care check once a day until it is done
        self.archive_days = 30  # closed (and thanked) this long ago: moved to the yearly archive
        self.theme: str | None = None  # the TUI's theme by name; None is Textual's default
        self.keymap: dict[str, str] = {}  # binding id -> the keys that replace its defaults (DEFAULT_KEYS)
        self.care_reminder: time | None = time(15)  # `remind` nudges about an undone care check from then; None: never
        self.remind_via: tuple[str, ...] = ("auto",)  # where `remind` says what it says (REMIND_OUTPUTS)
        self.calendar_alarm = 15  # minutes before each due time that `export ics` sets an alarm; 0: none
        for key, value in values.items():
            setattr(self, key, value)


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def _clock_or_off(value) -> time | None:
    return None if value is False else _clock_value(value)


def _clock_value(value) -> time:
    if isinstance(value, time):
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError
    return time(int(match[1]), int(match[2]))


# the check-in cadence each relation gives someone without one of their own; a colleague's is checkin_days,
# and only while something is open between you
KIND_CADENCE = {"manager": 14, "report": 14, "client": 30, "client-staff": 30, "vendor": 90}

# the bounds of every whole number in config.toml; a person's check-in cadence shares CHECKIN_DAYS
SOON_HOURS = (1, 8760)  # a year
DAILY_CAPACITY = (1, 100)
CHECKIN_DAYS = (1, 3650)  # ten years
ARCHIVE_DAYS = (1, 36500)  # a hundred years: in effect, never
STALE_DAYS = (1, 3650)
CALENDAR_ALARM = (0, 10080)  # a week, in minutes
# where `remind` can say things: auto picks among the others (docs/reach.md#remind)
REMIND_OUTPUTS = ("auto", "desktop", "osc9", "osc777", "stdout")


def remind_outputs(value) -> tuple[str, ...]:
    """A list of REMIND_OUTPUTS (or one, or a comma-separated string), each once."""
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list | tuple) or not names or not all(isinstance(name, str) for name in names):
        raise ValueError
    outputs = tuple(dict.fromkeys(name.strip().lower() for name in names))
    if not all(name in REMIND_OUTPUTS for name in outputs):
        raise ValueError
    return outputs


def _whole(bounds: tuple[int, int]):
    def convert(value) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
            raise ValueError
        return value

    return convert


def _weekdays(value) -> tuple[int, ...]:
    """["mon", "tue", …] (or whole names, in any case) as weekday numbers, Monday = 0, in week order."""
    if not isinstance(value, list) or not value or not all(isinstance(name, str) for name in value):
        raise ValueError
    days = [WEEKDAYS[name.strip().lower()] for name in value]  # KeyError for a name that is no day
    if len(set(days)) != len(days):
        raise ValueError
    return tuple(sorted(days))


def _boolean(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError
    return value


def _check_names(value) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError
    return [v.strip().lower() for v in value]


def _kind_cadence(value) -> dict[str, int]:
    """A table of relation = days (0: none of its own), over the defaults."""
    if not isinstance(value, dict):
        raise ValueError
    cadence = dict(KIND_CADENCE)
    for kind, days in value.items():
        if kind not in RELATIONS or isinstance(days, bool) or not isinstance(days, int):
            raise ValueError
        if days == 0:
            cadence.pop(kind, None)
        elif CHECKIN_DAYS[0] <= days <= CHECKIN_DAYS[1]:
            cadence[kind] = days
        else:
            raise ValueError
    return cadence


MAX_VARIANTS = 20  # templates in one key's list


def _template(placeholders: tuple[str, ...]):
    """A converter for a draft's template, or a list of variants of it, using only `placeholders`, each as it is.

    Checked by parsing, never by formatting: a format spec like {name:>999999999} could fill the memory.
    """

    def convert(value) -> str | tuple[str, ...]:
        from string import Formatter

        variants = [value] if isinstance(value, str) else value
        if not isinstance(variants, list) or not 1 <= len(variants) <= MAX_VARIANTS:
            raise ValueError
        for variant in variants:
            if not isinstance(variant, str) or not variant.strip():
                raise ValueError
            for _, field, spec, conversion in Formatter().parse(variant):
                if field is not None and (field not in placeholders or spec or conversion):
                    raise ValueError
        return value if isinstance(value, str) else tuple(variants)

    return convert


def _template_rule(placeholders: tuple[str, ...]) -> str:
    fields = ", ".join(f"{{{field}}}" for field in placeholders[:-1]) + f" and {{{placeholders[-1]}}}"
    return (f"a string, or a list of 1 to {MAX_VARIANTS} to vary among, using only {fields}, each as it is: no "
            "format spec or conversion like {name:>10} or {name!r}")  # fmt: skip


_THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$", re.ASCII)


def _theme(value) -> str:
    if not isinstance(value, str) or not _THEME_NAME.match(value):
        raise ValueError
    return value


# key -> (converter, what a good value looks like)
_KEYS = {
    "workday_start": (_clock_value, 'a time like "09:00"'),
    "workday_end": (_clock_value, 'a time like "17:00"'),
    "workdays": (_weekdays, 'a list of days, each once, like ["mon", "tue", "wed", "thu", "fri"]'),
    "lunch_time": (_clock_value, 'a time like "12:00"'),
    "soon_hours": (_whole(SOON_HOURS), "a whole number of hours, {} to {}".format(*SOON_HOURS)),
    "daily_capacity": (_whole(DAILY_CAPACITY), "a whole number, {} to {}".format(*DAILY_CAPACITY)),
    "dayfirst": (_boolean, "true or false"),
    "care_checks": (_check_names, 'a list of names like ["slept", "break"]'),
    "checkin_days": (_whole(CHECKIN_DAYS), "a whole number of days, {} to {}".format(*CHECKIN_DAYS)),
    "kind_cadence": (
        _kind_cadence,
        "a table of relations ({}) and days, {} to {}, or 0 for none, like [kind_cadence] manager = 14".format(
            ", ".join(RELATIONS), *CHECKIN_DAYS
        ),
    ),
    "stale_days": (_whole(STALE_DAYS), "a whole number of days, {} to {}".format(*STALE_DAYS)),
    **{key: (_template(fields), _template_rule(fields)) for key, (_, fields) in DRAFTS.items()},
    "care_prompt": (_boolean, "true or false"),
    "archive_days": (_whole(ARCHIVE_DAYS), "a whole number of days, {} to {}".format(*ARCHIVE_DAYS)),
    "theme": (_theme, "a theme's name like \"textual-light\" (the TUI's palette lists them)"),
    "keymap": (None, "a table of binding ids and keys"),
    "care_reminder": (_clock_or_off, 'a time like "15:00", or false for no reminder'),
    "calendar_alarm": (_whole(CALENDAR_ALARM), "a whole number of minutes, {} to {}".format(*CALENDAR_ALARM)),
    "remind_via": (remind_outputs, f'a list of {", ".join(REMIND_OUTPUTS)}, like ["desktop", "stdout"]'),
}
KEYS = tuple(_KEYS)  # every key of config.toml, in the order docs/config.md lists them
TABLES = ("kind_cadence", "keymap")  # the keys that are tables, so after every other key in a file
DEFAULT_THEME = "textual-dark"  # Textual's own, which a config without a theme leaves in place
SHOWN_VALUE = 60  # characters of a bad value quoted back: enough to recognise it, never a screenful


def rule(key: str) -> str:
    """What a good value of `key` looks like, in the words an error about it uses."""
    return _KEYS[key][1]


def settings_from(table: dict, where: str) -> Config:
    """The Config a parsed config.toml table gives; BadInput naming the key, the value and `where` it is."""
    values = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise BadInput(f'unknown key "{key}" in {where}; known keys: {", ".join(_KEYS)}.')
        convert, expected = _KEYS[key]
        misplaced = [entry for entry in value if entry in _KEYS] if key in TABLES and isinstance(value, dict) else []
        if misplaced:  # a setting added at the end of a file whose last table takes it in
            raise BadInput(f'"{misplaced[0]}" is in the [{key}] table in {where}; a setting goes above the first '
                           "[table] of the file.")  # fmt: skip
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
    "open": "enter", "mark": "space", "mark_down": "shift+down,J", "mark_up": "shift+up,K", "back": "escape",
    # acting on the row
    "add": "a", "done": "d", "move": "m", "drop": "x", "edit": "e", "thank": "t", "checkin": "i",
    "copy_draft": "y", "snooze": "z",
    # everything else
    "care": "c", "search": "slash", "filter": "f", "undo": "u", "redo": "U", "help": "question_mark", "quit": "q",
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
    otherwise the line goes just below the default commented out (`#key = …`, as `config --init` writes it),
    else just above the first table and the comments that introduce it, or at the end.
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
    default = [n for n in range(top) if re.match(rf"[ \t]*#[ \t]*{key}[ \t]*=", lines[n])]
    if found:
        lines[found[0]] = setting.sub(lambda match: f'{match[1]}"{value}"{match[3]}', lines[found[0]])
    elif default:
        if not lines[default[0]].endswith(("\n", "\r")):
            lines[default[0]] += newline
        lines.insert(default[0] + 1, line + newline)
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
