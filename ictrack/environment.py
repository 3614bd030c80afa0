"""Where ictrack runs: the environment (ICTRACK_HOME, ICTRACK_CONFIG, ICTRACK_NOW, ICTRACK_LOCK_TIMEOUT, TZ,
HOME, EDITOR), the config file, the clock, the time zone, and the machine and process that make changes. The
environment is read here and nowhere else, and a bad value is BadInput naming the variable or key and what
it takes. What the config's values may be is `ictrack.core.settings`.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from pathlib import Path

from ictrack.core.history import MAX_NAME, Origin
from ictrack.core.settings import Config, settings_from
from ictrack.errors import BadInput

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
    return read_config(path or config_path())[0]


def read_config(path: Path) -> tuple[Config, dict | None]:
    """The config file at `path`, checked, and the table it holds (None when there is no file, which means
    every default); BadInput naming the key and the file for a bad value."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), None
    except OSError as error:
        raise BadInput(f"can't read the config file {path}: {error.strerror}.") from None
    import tomllib

    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadInput(f"the config file {path} is not valid TOML: {error}.") from None
    return settings_from(table, str(path)), table


def editor() -> str | None:
    """The editor to open a file in: $EDITOR, else $VISUAL (as `thank` reads them); None when neither is set."""
    return os.environ.get("EDITOR", "").strip() or os.environ.get("VISUAL", "").strip() or None


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
    from ictrack.core.dates import check_year, local_moment

    try:
        moment = datetime.fromisoformat(pinned.strip())
    except ValueError:
        raise BadInput(f'ICTRACK_NOW="{pinned}" is not an ISO 8601 time like 2026-11-23T09:00.') from None
    check_year(moment.year, f'ICTRACK_NOW="{pinned}"')  # before any zone arithmetic, which overflows near year 1
    if moment.tzinfo is None:
        return local_moment(moment.date(), moment.time(), zone)
    return moment.astimezone(zone)


def utf8_locale() -> bool:
    """Whether the locale the user set names UTF-8 (the first of LC_ALL, LC_CTYPE and LANG that is set). Python
    writes UTF-8 under the C locale too, but a terminal or status bar started with it may show it as junk.

    Under the C locale Python turns UTF-8 mode on and sets LC_CTYPE itself (PEP 538, 540), so then LC_CTYPE is
    Python's, not the user's, and is passed over."""
    forced = os.environ.get("PYTHONUTF8") or "utf8" in sys._xoptions
    coerced = sys.flags.utf8_mode and not forced
    for name in ("LC_ALL", "LANG") if coerced else ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return False


def inside_tmux() -> bool:
    """Whether this runs in a tmux pane, where a terminal's escape sequence must pass through tmux (TMUX)."""
    return bool(os.environ.get("TMUX"))


def ictrack_command() -> list[str]:
    """How to run this ictrack again from a timer: the `ictrack` script being run, else this Python with -m."""
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(script) == "ictrack" and os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-m", "ictrack"]


def carried_environment() -> dict[str, str]:
    """The variables that point ictrack at its data and config, as absolute paths, for a timer to run with."""
    carried = {}
    for kind in ("data", "config"):
        named = _named(kind)
        if named is not None:
            carried[_PLACES[kind][0]] = str(named.absolute())
    return carried


def systemd_user_folder() -> Path:
    """Where systemd looks for a user's own units: $XDG_CONFIG_HOME/systemd/user, or ~/.config/systemd/user."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    if os.path.isabs(base):
        return Path(base) / "systemd" / "user"
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        raise BadInput("HOME is not set to an absolute path, so ictrack can't tell where systemd's user units go; "
                       "set HOME or XDG_CONFIG_HOME.")  # fmt: skip
    return Path(home) / ".config" / "systemd" / "user"


def origin(shell: str) -> Origin:
    """Where this process makes its changes: the host name, the shell ("cli" or "tui"), and a session: the
    process ID for a command, a random id for a TUI (it tells its own changes by it, so a later process
    given the same ID is never taken for it)."""
    if shell == "tui":
        import secrets

        session = secrets.token_hex(4)
    else:
        session = str(os.getpid())
    return Origin(os.uname().nodename[:MAX_NAME], shell, session)
