"""Settings: every key of config.toml, its default and the values it may take. Pure: a table in, a Config out
(reading the file is `ictrack.environment`'s)."""

from __future__ import annotations

import re
from datetime import time

from ictrack.core.dates import WEEKDAYS
from ictrack.errors import BadInput

WORKWEEK = (0, 1, 2, 3, 4)  # Monday to Friday
DEFAULT_THANK_YOU = (
    'Hi {name}, thank you for your help with "{what}" on {when}. It saved me real time and made '
    "a difference to my week; I wanted you to know it was noticed."
)


class Config:
    """Every key of config.toml with its default."""

    __slots__ = ("workday_start", "workday_end", "workdays", "lunch_time", "soon_hours", "daily_capacity",
                 "dayfirst", "care_checks", "checkin_days", "thank_you_template", "care_prompt",
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
        self.thank_you_template = DEFAULT_THANK_YOU
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
    "thank_you_template": (_template, TEMPLATE_RULE),
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
