"""WHEN phrases -> aware datetimes in the zone of `now`. Pure: `now` is a parameter.

`parse_when` reads a due date (never in the past unless it is an absolute date
with a year); `parse_past` reads when something happened (never in the future).
Every moment ictrack reads or makes falls in the years FIRST_YEAR to LAST_YEAR, and
a span (`in N days`, `+Nh`, `N weeks ago`) is at most MAX_SPAN units; digits are ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ictrack.errors import BadInput
from ictrack.text import plural, relative

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
END_OF_DAY = time(23, 59)
FIRST_YEAR, LAST_YEAR = 1900, 2999  # far enough either way for a working life, and clear of datetime's limits
YEARS = f"the years {FIRST_YEAR} to {LAST_YEAR}"
MAX_SPAN = 9999  # 9999 weeks from LAST_YEAR still fits in a datetime
EXAMPLES = '"fri 3pm", "tomorrow", "in 3 days", "2h", "next mon", "dec 3" or "2026-12-03 10:00"'

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midnight)"
_CLOCK_AT_END = re.compile(rf"^(?P<rest>.*?)\s*(?:\bat\s+)?(?P<clock>{_CLOCK})$", re.ASCII)
_HOUR_AFTER_AT = re.compile(r"^(?P<rest>.*?)\s*\bat\s+(?P<clock>\d{1,2})$", re.ASCII)
_CLOCK_AT_START = re.compile(rf"^(?:at\s+)?(?P<clock>{_CLOCK})\s+(?:on\s+)?(?P<rest>.+)$", re.ASCII)
_CLOCK_PARTS = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s?(?:([ap])\.?m\.?)?$", re.ASCII)
_SPAN = re.compile(r"^(?:in\s+(\d+)\s*([a-z]+)|\+?(\d+)(h|m|d|w))$", re.ASCII)
_AGO = re.compile(r"^(\d+)\s*([a-z]+)\s+ago$", re.ASCII)
_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
}  # fmt: skip
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}(?:/(\d{4}|\d{2}))?$", re.ASCII)
_MONTH_DAY = re.compile(rf"^(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?$", re.ASCII)
_DAY_MONTH = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\.?(?:\s+(\d{{4}}))?$", re.ASCII)
_NEXT_WEEKDAY = re.compile(rf"^next\s+({_WEEKDAY})$", re.ASCII)


class BadWhen(BadInput):
    """A phrase that is not a date, or names a moment on the wrong side of now."""

    def __init__(self, phrase: str, why: str | None = None):
        self.phrase = phrase
        super().__init__(why or f'can\'t read "{phrase}" as a date; try {EXAMPLES}.')


class Unusable(BadWhen):
    """A real date, but not one to use; quick add says so rather than keep the words in the title."""


class WhenPast(Unusable):
    """A real date, but on the wrong side of now."""


class OutOfRange(Unusable):
    """A span longer than MAX_SPAN, or a moment outside FIRST_YEAR to LAST_YEAR."""


def check_year(year: int, what: str) -> None:
    """OutOfRange unless `year` is one ictrack works with; `what` names the value in the message."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfRange(what, f"{what} is outside {YEARS}.")


def local_moment(day: date, clock: time, zone) -> datetime:
    """`day` at wall-clock `clock` in `zone`; a time skipped by a DST change lands just after it."""
    wall = datetime.combine(day, clock, tzinfo=zone)
    return wall.astimezone(UTC).astimezone(zone)


def shift(moment: datetime, delta: timedelta) -> datetime:
    """Exact elapsed-time arithmetic, correct across DST changes (aware `+` is wall-clock)."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def zone_of(moment: datetime) -> tzinfo:
    """The zone of an aware moment: every moment ictrack keeps or is given carries one."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset")
    return moment.tzinfo


def until(moment: datetime, now: datetime) -> timedelta:
    """Elapsed time from `now` to `moment` (negative if past); same-zone `-` would give wall-clock time."""
    return moment.astimezone(UTC) - now.astimezone(UTC)


def parse_clock(text: str, *, bare_hour: bool = False) -> time | None:
    """`3pm`, `3:30pm`, `15:00`, `noon`, `midnight`; a bare `9` only when `bare_hour`."""
    if text == "noon":
        return time(12)
    if text == "midnight":
        return time(0)
    match = _CLOCK_PARTS.match(text)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if match[2] is None and half is None and not bare_hour:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def normalize(text: str) -> str:
    phrase = " ".join(text.lower().replace(",", " ").split())
    return re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t(\d)", r"\1 \2", phrase, flags=re.ASCII)


def split_clock(phrase: str) -> tuple[str, time | None]:
    """Separate a time of day from the date words, on either side, with an optional `at`."""
    for pattern, bare in ((_CLOCK_AT_END, False), (_HOUR_AFTER_AT, True), (_CLOCK_AT_START, False)):
        match = pattern.match(phrase)
        if match:
            clock = parse_clock(match["clock"], bare_hour=bare)
            if clock is not None:
                return match["rest"].strip(), clock
    return phrase, None


def _span(amount: str, unit: str, phrase: str) -> timedelta | None:
    name = _UNITS.get(unit)
    if name and (len(amount.lstrip("0")) > len(str(MAX_SPAN)) or int(amount) > MAX_SPAN):
        raise OutOfRange(phrase, f'"{phrase}" is too far off; a span is 0 to {MAX_SPAN} minutes, hours, days or weeks.')
    return timedelta(**{name: int(amount)}) if name else None


def _duration(phrase: str, direction: int) -> timedelta | None:
    """An exact span of hours or minutes (`2h`, `in 45 minutes`), or any span `ago` in the past."""
    if direction < 0:
        match = _AGO.match(phrase)
        span = match and _span(match[1], match[2], phrase)
        return -span if span else None
    match = _SPAN.match(phrase)
    if not match or _UNITS.get(match[2] or match[4]) not in ("minutes", "hours"):
        return None
    return _span(match[1] or match[3], match[2] or match[4], phrase)


class _Days:
    """The calendar days a date phrase may mean, nearest first, in the wanted direction."""

    def __init__(self, days: Iterator[date], *, exact: bool = False, rest_of_day: bool = False):
        self.days = days
        self.exact = exact  # an absolute date with a year: allowed on either side of now
        self.rest_of_day = rest_of_day  # `today`: late in the day means before midnight


def _absolute(phrase: str, today: date, direction: int, dayfirst: bool) -> _Days | None:
    match = _ISO_DATE.match(phrase) or _SLASH_DATE.match(phrase)
    match = match or _MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)
    if not match:
        return None
    from dateutil import parser  # only absolute dates pay for dateutil's import

    has_year = match.re is _ISO_DATE or match.lastindex is not None

    def on(year: int) -> date | None:
        try:
            return parser.parse(phrase, default=datetime(year, 1, 1), dayfirst=dayfirst).date()
        except (ValueError, OverflowError):
            return None

    if has_year:
        day = on(today.year)
        if day is None:
            raise BadWhen(phrase, f'"{phrase}" is not a date on the calendar.')
        check_year(day.year, f'"{phrase}"')
        return _Days(iter([day]), exact=True)
    days = (on(today.year + direction * step) for step in range(9))  # 29 Feb can be 8 years off
    return _Days(day for day in days if day is not None)


def _relative(phrase: str, today: date, direction: int) -> _Days | None:
    def every_week(first: date) -> Iterator[date]:
        return (first + timedelta(weeks=direction * k) for k in range(2))

    if phrase in ("today", "tod", "eod"):
        return _Days(iter([today]), rest_of_day=True)
    if direction > 0 and phrase in ("tomorrow", "tom", "tmr"):
        return _Days(iter([today + timedelta(days=1)]))
    if direction < 0 and phrase in ("yesterday", "yday"):
        return _Days(iter([today - timedelta(days=1)]))
    weekday = WEEKDAYS.get(phrase, 4 if phrase == "eow" and direction > 0 else None)
    if weekday is not None:
        gap = (weekday - today.weekday()) % 7 if direction > 0 else -((today.weekday() - weekday) % 7)
        return _Days(every_week(today + timedelta(days=gap)))
    if direction < 0:
        return None
    coming_monday = today + timedelta(days=7 - today.weekday())
    match = _NEXT_WEEKDAY.match(phrase)
    if match:
        return _Days(iter([coming_monday + timedelta(days=WEEKDAYS[match[1]])]))
    if phrase == "next week":
        return _Days(iter([coming_monday]))
    first_of_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    if phrase == "eom":
        return _Days(iter([first_of_next_month - timedelta(days=1)]), rest_of_day=True)
    if phrase == "next month":
        return _Days(iter([first_of_next_month]))
    match = _SPAN.match(phrase)
    if match and _UNITS.get(match[2] or match[4]) in ("days", "weeks"):
        span = _span(match[1] or match[3], match[2] or match[4], phrase)
        assert span is not None  # days and weeks are units it knows
        return _Days(iter([today + span]), rest_of_day=span.days == 0)
    return None


def _resolve(text: str, now: datetime, workday_end: time, dayfirst: bool, direction: int) -> datetime:
    moment = _moment(text, now, workday_end, dayfirst, direction)
    check_year(moment.astimezone(now.tzinfo).year, f'"{text.strip()}"')
    return moment


def _moment(text: str, now: datetime, workday_end: time, dayfirst: bool, direction: int) -> datetime:
    phrase = normalize(text)
    if not phrase:
        raise BadWhen(text, f"an empty date; try {EXAMPLES}.")
    zone, today = now.tzinfo, now.date()
    later = (lambda m: m > now) if direction > 0 else (lambda m: m <= now)

    duration = _duration(phrase, direction)
    if duration is not None:
        return shift(now, duration)
    if direction < 0 and phrase == "now":
        return now

    words, clock = split_clock(phrase)
    if not words:
        if clock is None:
            raise BadWhen(text)
        moment = local_moment(today, clock, zone)
        return moment if later(moment) else local_moment(today + timedelta(days=direction), clock, zone)

    days = _relative(words, today, direction) or _absolute(words, today, direction, dayfirst)
    if days is None:
        raise BadWhen(text)
    for day in days.days:
        moment = local_moment(day, clock or workday_end, zone)
        if direction < 0 and clock is None and day == today:
            return min(moment, now)
        if days.exact or later(moment):
            return moment
        if days.rest_of_day and clock is None and direction > 0:
            moment = local_moment(day, END_OF_DAY, zone)
            if later(moment):
                return moment
    side = "past" if direction > 0 else "future"
    raise WhenPast(text, f'"{text.strip()}" is already in the {side}; give a date on the other side of now.')


def parse_when(text: str, now: datetime, *, workday_end: time = time(17), dayfirst: bool = False) -> datetime:
    """A due date: the moment `text` names, relative to `now`."""
    return _resolve(text, now, workday_end, dayfirst, +1)


def parse_past(text: str, now: datetime, *, workday_end: time = time(17), dayfirst: bool = False) -> datetime:
    """When something happened: `yesterday 4pm`, `2h ago`, `fri`, `dec 3`, or an absolute time."""
    moment = _resolve(text, now, workday_end, dayfirst, -1)
    if moment > now:
        raise WhenPast(text, f'"{text.strip()}" is in the future; give a time that has passed.')
    return moment


def describe_span(delta: timedelta, *, words: bool = False) -> str:
    """A human span, short (`45m`, `3h`, `2d`, `3w`) or in words (`45 minutes`, `3 hours`, `1 day`)."""
    minutes = abs(delta).total_seconds() / 60
    if minutes < 59.5:
        amount, unit = minutes, "m"
    elif minutes < 47.5 * 60:
        amount, unit = minutes / 60, "h"
    elif minutes < 20.5 * 24 * 60:
        amount, unit = minutes / (24 * 60), "d"
    else:
        amount, unit = minutes / (7 * 24 * 60), "w"
    amount = int(amount + 0.5)  # to the nearest unit: 2h59m left reads "3h", not "2h"
    if not words:
        return f"{amount}{unit}"
    return plural(amount, {"m": "minute", "h": "hour", "d": "day", "w": "week"}[unit])


def describe_moment(moment: datetime, now: datetime) -> str:
    """`Fri 27 Nov 17:00` in now's zone, with the year when it is not this one."""
    local = moment.astimezone(now.tzinfo)
    year = f" {local.year}" if local.year != now.year else ""
    return f"{local:%a} {local.day} {local:%b}{year} {local:%H:%M}"


def describe_due(due: datetime, now: datetime) -> str:
    """`Fri 27 Nov 17:00 (in 4 days)` or `Mon 23 Nov 09:00 (3 hours ago)`."""
    delta = until(due, now)
    span = relative(describe_span(delta, words=True), past=delta.total_seconds() < 0)
    return f"{describe_moment(due, now)} ({span})"


def short_due(due: datetime, now: datetime) -> str:
    """A due date for a narrow column: `in 3h` / `2d ago` when near, `Fri 17:00` this week, else `27 Nov`."""
    delta = until(due, now)
    if abs(delta) < timedelta(hours=24) or delta.total_seconds() < 0:
        return relative(describe_span(delta), past=delta.total_seconds() < 0)
    local = due.astimezone(now.tzinfo)
    if delta < timedelta(days=6):
        return f"{local:%a %H:%M}"
    if local.year != now.year:
        return f"{local.day} {local:%b %Y}"
    return f"{local.day} {local:%b %H:%M}"
