"""`ictrack remind` run by the system's scheduler: a systemd user service and timer, or a crontab line
(docs/reach.md#remind). Pure text: what to write; writing it is the shell's.

The timer runs every 5 minutes on the working days (`workdays`) and catches up after a suspend
(`Persistent=true`); `remind` itself stays quiet outside the working hours. Each unit opens with MARK, so
`--uninstall` removes only files this wrote.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection

SERVICE, TIMER = "ictrack-remind.service", "ictrack-remind.timer"
MARK = "# Written by `ictrack remind --install systemd`; `ictrack remind --uninstall` removes it."
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_ranges(workdays: Collection[int]) -> list[tuple[int, int]]:
    """Weekday numbers (Monday = 0) as runs of consecutive days: [(0, 4)] for Monday to Friday."""
    runs: list[tuple[int, int]] = []
    for day in sorted(set(workdays)):
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def calendar_days(workdays: Collection[int]) -> str:
    """`Mon..Fri`, `Mon,Wed,Fri`: the days of a systemd calendar event."""
    return ",".join(_DAYS[first] + (f"..{_DAYS[last]}" if last > first else "") for first, last in day_ranges(workdays))


def _systemd_word(word: str, *, command: bool = False) -> str:
    """One word of a unit's setting, quoted, with systemd's specifiers (%) written so they stay as they are; in a
    `command` line, its variables ($) too."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped.replace("$", "$$") if command else escaped}"'


def systemd_units(command: list[str], environment: dict[str, str], workdays: Collection[int]) -> dict[str, str]:
    """The service and timer, by file name: `command` (how to run ictrack) with `remind`, in `environment`."""
    start = " ".join(_systemd_word(word, command=True) for word in [*command, "remind"])
    setting = "".join(f"Environment={_systemd_word(f'{name}={value}')}\n" for name, value in environment.items())
    service = (
        f"{MARK}\n[Unit]\nDescription=ictrack remind: nudges about the promises that need you now\n\n"
        f"[Service]\nType=oneshot\nExecStart={start}\n"
        f"{setting}"
    )
    timer = (
        f"{MARK}\n[Unit]\nDescription=Run ictrack remind every 5 minutes on working days\n\n"
        f"[Timer]\nOnCalendar={calendar_days(workdays)} *-*-* *:00/5:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {SERVICE: service, TIMER: timer}


def crontab_line(command: list[str], environment: dict[str, str], workdays: Collection[int]) -> str:
    """`*/5 * * * 1-5 /path/to/ictrack remind --via stdout`: cron mails what it prints. Cron numbers Sunday 0."""
    days = ",".join(f"{(first + 1) % 7}" if first == last else f"{first + 1}-{last + 1}" if last < 6
                    else f"{first + 1}-6,0" for first, last in day_ranges(workdays))  # fmt: skip
    words = [*(f"{name}={shlex.quote(value)}" for name, value in environment.items()),
             *(shlex.quote(word) for word in command), "remind", "--via", "stdout"]  # fmt: skip
    return f"*/5 * * * {days} " + " ".join(words).replace("%", "\\%")  # cron reads % as a line break
