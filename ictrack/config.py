"""Settings, places and the clock: config.toml and the environment (ICTRACK_HOME, ICTRACK_CONFIG,
ICTRACK_NOW, ICTRACK_LOCK_TIMEOUT, TZ, HOME). The environment is read here and nowhere else, and a
bad value is BadInput naming the variable or key and what it takes.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime, time
from pathlib import Path

from ictrack.errors import BadInput

DEFAULT_THANK_YOU = (
    'Hi {name}, thank you for your help with "{what}" on {when}. It saved me real time and made '
    "a difference to my week; I wanted you to know it was noticed."
)


class Config:
    """Every key of config.toml with its default."""

    __slots__ = ("workday_start", "workday_end", "soon_hours", "daily_capacity", "dayfirst",
                 "care_checks", "checkin_days", "thank_you_template", "care_prompt", "archive_days")  # fmt: skip

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
}
SHOWN_VALUE = 60  # characters of a bad value quoted back: enough to recognise it, never a screenful


# kind -> (the variable that names it outright, what it names, where it is in words, the XDG variable, under HOME)
_PLACES = {
    "data": ("ICTRACK_HOME", "a folder", "where its data goes", "XDG_DATA_HOME", ".local/share"),
    "config": ("ICTRACK_CONFIG", "a file", "where its config file is", "XDG_CONFIG_HOME", ".config"),
}


def _user_dir(kind: str) -> Path:
    """The platform's user data or config folder for ictrack (XDG on Linux without importing platformdirs)."""
    own, what, where, variable, fallback = _PLACES[kind]
    unknown = f"so ictrack can't tell {where}; set {own} to {what}"
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip()
        if os.path.isabs(base):
            return Path(base) / "ictrack"
        home = os.environ.get("HOME", "")
        if not home:
            raise BadInput(f"HOME is not set, {unknown} (or set HOME).")
        if not os.path.isabs(home):
            raise BadInput(f'HOME="{home}" is not an absolute path, {unknown} (or fix HOME).')
        return Path(home) / fallback / "ictrack"
    import platformdirs

    try:
        return Path(
            platformdirs.user_data_dir("ictrack") if kind == "data" else platformdirs.user_config_dir("ictrack")
        )
    except (RuntimeError, KeyError, OSError):
        raise BadInput(f"the home folder is unknown, {unknown}.") from None


def _named(kind: str) -> Path | None:
    """The place ICTRACK_HOME or ICTRACK_CONFIG names, `~` expanded; None when it is not set."""
    own = _PLACES[kind][0]
    value = os.environ.get(own)
    if not value:
        return None
    try:
        return Path(value).expanduser()
    except RuntimeError:  # `~` with no HOME and no entry in the user database
        raise BadInput(f'{own}="{value}" starts with ~, but the home folder is unknown; give a full path.') from None


def data_home() -> Path:
    return _named("data") or _user_dir("data")


def config_path() -> Path:
    return _named("config") or _user_dir("config") / "config.toml"


MAX_LOCK_TIMEOUT = 600
_SECONDS = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$", re.ASCII)


def lock_timeout() -> float | None:
    """ICTRACK_LOCK_TIMEOUT: how long a change waits for another ictrack process; None means the store's default."""
    text = os.environ.get("ICTRACK_LOCK_TIMEOUT", "").strip()
    if not text:
        return None
    if not _SECONDS.match(text) or float(text) > MAX_LOCK_TIMEOUT:
        raise BadInput(f'ICTRACK_LOCK_TIMEOUT="{text}" is not a number of seconds from 0 to {MAX_LOCK_TIMEOUT}.')
    return float(text)


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file means defaults, a bad value is BadInput naming key and file."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise BadInput(f"can't read the config file {path}: {error.strerror}.") from None
    import tomllib

    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadInput(f"the config file {path} is not valid TOML: {error}.") from None
    values = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise BadInput(f'unknown key "{key}" in {path}; known keys: {", ".join(_KEYS)}.')
        convert, expected = _KEYS[key]
        try:
            values[key] = convert(value)
        except (ValueError, TypeError, KeyError, IndexError):
            shown = repr(value) if len(repr(value)) <= SHOWN_VALUE else repr(value)[: SHOWN_VALUE - 1] + "…"
            raise BadInput(f'bad value for "{key}" in {path}: {shown}; expected {expected}.') from None
    return Config(**values)


# what the C library reads as a zone without the zone database, e.g. "CET-1CEST,M3.5.0,M10.5.0/3" or "<+03>-3"
_NAME = r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)"
_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_POSIX_ZONE = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}(?:{_OFFSET})?(?:,[^,\s]+,[^,\s]+)?)?$", re.ASCII)


def local_zone():
    """The process's local time zone, with its daylight-saving rules where they can be found.

    TZ names a zone (Europe/London) or gives POSIX rules; anything else is BadInput, not silently UTC.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            if not _POSIX_ZONE.match(name):
                raise BadInput(f'TZ="{name}" is not a time zone; use a name like Europe/London, or unset TZ '
                               "for the system's zone.") from None  # fmt: skip
            return datetime.now().astimezone().tzinfo  # POSIX rules: the C library's offset is the best there is
    try:
        linked = os.path.realpath("/etc/localtime")  # usually a link into the zone database: its name
        if "/zoneinfo/" in linked:
            return ZoneInfo(linked.split("/zoneinfo/", 1)[1])
        with open("/etc/localtime", "rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return datetime.now().astimezone().tzinfo  # a fixed offset: the best the platform offers


def current_time(zone=None) -> datetime:
    """Now, in the local zone; ICTRACK_NOW pins it (ISO 8601, local unless it has an offset)."""
    zone = zone or local_zone()
    pinned = os.environ.get("ICTRACK_NOW")
    if not pinned:
        return datetime.now(zone)
    from ictrack.dates import check_year, local_moment

    try:
        moment = datetime.fromisoformat(pinned.strip())
    except ValueError:
        raise BadInput(f'ICTRACK_NOW="{pinned}" is not an ISO 8601 time like 2026-11-23T09:00.') from None
    check_year(moment.year, f'ICTRACK_NOW="{pinned}"')  # before any zone arithmetic, which overflows near year 1
    if moment.tzinfo is None:
        return local_moment(moment.date(), moment.time(), zone)
    return moment.astimezone(zone)
