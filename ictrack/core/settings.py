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
DEFAULT_THANK_YOU = (
    'Hi {name}, thank you for your help with "{what}" {when}{impact}. It made a real difference, and I wanted you '
    "to know it was noticed.",
    'Hi {name}, I wanted to say thanks for "{what}" {when}{impact}. I really appreciate you making the time.',
    'Thank you, {name}, for "{what}" {when}{impact}. It saved me real time, and it didn\'t go unnoticed.',
)
DEFAULT_NUDGE = (
    'Hi {name}, a gentle nudge on "{what}": {since}. Is it still on track, or is something in the way I could '
    "help with?",
    'Hi {name}, just checking in on "{what}" ({since}). Could you let me know where it stands, even if the answer '
    'is "not yet"?',
    'Hi {name}, I wanted to follow up on "{what}": {since}. If plans have changed, that\'s fine; a word on when to '
    "expect it would help me plan.",
)
DEFAULT_RENEGOTIATE = (
    'Hi {name}, could I move "{what}" from {due} to {new}{because}? I\'d rather ask now than let the date slip. '
    "Does that work for you?",
    'Hi {name}, I want to flag this early: I don\'t think I can do "{what}" justice by {due}. Could I move it to '
    "{new}{because}? If that causes you a problem, tell me and I'll find another way.",
    'Hi {name}, I\'m running behind on "{what}", due {due}. Would {new} work for you instead{because}? If not, let '
    "me know what matters most and I'll put that first.",
)
DEFAULT_HEADS_UP = (
    'Hi {name}, a heads-up: a customer deadline has come up that I have to put first, so "{what}" will move from '
    "{due} to {new}. I'm sorry for the knock-on; if it causes you a problem, tell me and we'll work something out.",
    "Hi {name}, I wanted you to hear it from me first: an external customer needs me, so I'd like to move "
    '"{what}" from {due} to {new}. Does that still work for you?',
    'Hi {name}, a quick heads-up: a customer commitment is taking priority, so "{what}" is now likely {new} rather '
    "than {due}. If the original date really matters, tell me and I'll look at it again.",
)
_ADDRESS = ("name", "full_name", "what")  # every draft's: how to greet them, their whole name, the item's title
DRAFTS = {  # config key -> (default, the placeholders it may use)
    "thank_you_template": (DEFAULT_THANK_YOU, (*_ADDRESS, "when", "date", "impact")),
    "nudge_template": (DEFAULT_NUDGE, (*_ADDRESS, "since", "due", "asked")),
    "renegotiate_template": (DEFAULT_RENEGOTIATE, (*_ADDRESS, "due", "new", "because")),
    "heads_up_template": (DEFAULT_HEADS_UP, (*_ADDRESS, "due", "new", "because")),
}


class Config:
    """Every key of config.toml with its default."""

    __slots__ = ("workday_start", "workday_end", "workdays", "lunch_time", "soon_hours", "daily_capacity",
                 "dayfirst", "care_checks", "checkin_days", "kind_cadence", "stale_days", "thank_you_template",
                 "nudge_template", "renegotiate_template", "heads_up_template", "care_prompt",
                 "archive_days")  # fmt: skip

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
        self.heads_up_template: str | tuple[str, ...] = DEFAULT_HEADS_UP
        self.care_prompt = True  # the TUI opens the care check once a day until it is done
        self.archive_days = 30  # closed (and thanked) this long ago: moved to the yearly archive
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


# the check-in cadence each relation gives someone without one of their own; a colleague's is checkin_days,
# and only while something is open between you
KIND_CADENCE = {"manager": 14, "report": 14, "client": 30, "client-staff": 30, "vendor": 90}

# the bounds of every whole number in config.toml; a person's check-in cadence shares CHECKIN_DAYS
SOON_HOURS = (1, 8760)  # a year
DAILY_CAPACITY = (1, 100)
CHECKIN_DAYS = (1, 3650)  # ten years
ARCHIVE_DAYS = (1, 36500)  # a hundred years: in effect, never
STALE_DAYS = (1, 3650)


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
}
SHOWN_VALUE = 60  # characters of a bad value quoted back: enough to recognise it, never a screenful


def settings_from(table: dict, where: str) -> Config:
    """The Config a parsed config.toml table gives; BadInput naming the key, the value and `where` it is."""
    values = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise BadInput(f'unknown key "{key}" in {where}; known keys: {", ".join(_KEYS)}.')
        convert, expected = _KEYS[key]
        try:
            values[key] = convert(value)
        except (ValueError, TypeError, KeyError, IndexError):
            shown = repr(value) if len(repr(value)) <= SHOWN_VALUE else repr(value)[: SHOWN_VALUE - 1] + "…"
            raise BadInput(f'bad value for "{key}" in {where}: {shown}; expected {expected}.') from None
    return Config(**values)
