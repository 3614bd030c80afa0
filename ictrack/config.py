"""Settings, places and the clock: config.toml, ICTRACK_HOME, ICTRACK_CONFIG, ICTRACK_NOW, TZ."""

from __future__ import annotations

import os
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


def _clock_value(value) -> time:
    if isinstance(value, time):
        return value
    hours, _, minutes = str(value).partition(":")
    return time(int(hours), int(minutes))


def _positive_int(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError
    return value


def _boolean(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError
    return value


def _check_names(value) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError
    return [v.strip().lower() for v in value]


def _template(value) -> str:
    if not isinstance(value, str):
        raise ValueError
    value.format(name="dana", what="the figures", when="Mon 23 Nov")
    return value


# key -> (converter, what a good value looks like)
_KEYS = {
    "workday_start": (_clock_value, 'a time like "09:00"'),
    "workday_end": (_clock_value, 'a time like "17:00"'),
    "soon_hours": (_positive_int, "a whole number of hours, 1 or more"),
    "daily_capacity": (_positive_int, "a whole number, 1 or more"),
    "dayfirst": (_boolean, "true or false"),
    "care_checks": (_check_names, 'a list of names like ["slept", "break"]'),
    "checkin_days": (_positive_int, "a whole number of days, 1 or more"),
    "thank_you_template": (_template, "a string using only {name}, {what} and {when}"),
    "care_prompt": (_boolean, "true or false"),
    "archive_days": (_positive_int, "a whole number of days, 1 or more"),
}


def _user_dir(kind: str) -> Path:
    """The platform's user data or config folder for ictrack (XDG on Linux without importing platformdirs)."""
    if sys.platform.startswith("linux"):
        variable, fallback = ("XDG_DATA_HOME", ".local/share") if kind == "data" else ("XDG_CONFIG_HOME", ".config")
        base = os.environ.get(variable, "").strip()
        return Path(base if os.path.isabs(base) else Path.home() / fallback) / "ictrack"
    import platformdirs

    return Path(platformdirs.user_data_dir("ictrack") if kind == "data" else platformdirs.user_config_dir("ictrack"))


def data_home() -> Path:
    home = os.environ.get("ICTRACK_HOME")
    return Path(home).expanduser() if home else _user_dir("data")


def config_path() -> Path:
    path = os.environ.get("ICTRACK_CONFIG")
    return Path(path).expanduser() if path else _user_dir("config") / "config.toml"


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
            raise BadInput(f'bad value for "{key}" in {path}: {value!r}; expected {expected}.') from None
    return Config(**values)


def local_zone():
    """The process's local time zone, with its daylight-saving rules where they can be found."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return ZoneInfo(name)
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
    try:
        moment = datetime.fromisoformat(pinned.strip())
    except ValueError:
        raise BadInput(f'ICTRACK_NOW="{pinned}" is not an ISO 8601 time like 2026-11-23T09:00.') from None
    if moment.tzinfo is None:
        from ictrack.dates import local_moment

        return local_moment(moment.date(), moment.time(), zone)
    return moment.astimezone(zone)
