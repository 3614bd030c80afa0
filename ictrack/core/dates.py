"""WHEN phrases -> aware datetimes in the zone of `now`. Pure: `now` is a parameter.

`parse_when` reads a due date (never in the past unless it is an absolute date
with a year); `parse_past` reads when something happened (never in the future).
A phrase names a day, a time of day, or both in either order; parts of the day
and bare hours are read within the working hours (`Workday`). The forms are
listed in docs/dates.md. Every moment ictrack reads or makes falls in the years
FIRST_YEAR to LAST_YEAR, a span (`in N days`, `+Nh`, `N weeks ago`) is at most
MAX_SPAN units, and digits are ASCII. `date_words` finds the words of a title
that look like part of a date, so that a shell can say they were not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
TODAY = frozenset({"today", "tod", "2day", "tdy"})
TOMORROW = frozenset({"tomorrow", "tom", "tmr", "tmw", "tmrw", "tomo", "2moro", "2morrow", "tomorow", "tommorow",
                      "tommorrow"})  # fmt: skip
YESTERDAY = frozenset({"yesterday", "yday", "yest"})
END_OF_DAY = time(23, 59)
FIRST_YEAR, LAST_YEAR = 1900, 2999  # far enough either way for a working life, and clear of datetime's limits
YEARS = f"the years {FIRST_YEAR} to {LAST_YEAR}"
MAX_SPAN = 9999  # 9999 weeks from LAST_YEAR still fits in a datetime
EXAMPLES = '"fri 3pm", "tomorrow", "in 3 days", "2h", "next mon", "dec 3" or "2026-12-03 10:00"'

# words that may open a time of day: "fri at 3", "mon by eod", "thu around 2"
CONNECTORS = frozenset({"at", "by", "around", "before"})
# the parts of the day, each a name: "morning" (workday_start), "end" (workday_end), or a fixed time
_PARTS = {
    **dict.fromkeys(("morning", "the morning", "in the morning", "first thing", "first thing in the morning",
                     "start of day", "start of the day"), "morning"),
    **dict.fromkeys(("afternoon", "the afternoon", "in the afternoon"), "afternoon"),
    **dict.fromkeys(("evening", "the evening", "in the evening", "night"), "evening"),
    "midday": "midday",
    **dict.fromkeys(("eod", "cob", "eob", "eop", "end of day", "end of the day", "the end of the day",
                     "end of business", "close of business", "end of play", "close of play"), "end"),
}  # fmt: skip
_PART_TIMES = {"afternoon": time(14), "evening": time(19), "midday": time(12)}
_PART_BIAS = {"morning": "am", "afternoon": "pm", "evening": "pm"}  # how a bare hour after the part reads
_TODAY_PARTS = {"tonight": "evening", "this morning": "morning", "this afternoon": "afternoon",
                "this evening": "evening"}  # fmt: skip
_END_OF_WEEK = frozenset({"eow", "end of week", "end of the week", "end of this week", "the end of the week",
                          "the end of this week", "end of the working week"})  # fmt: skip
_END_OF_MONTH = frozenset({"eom", "end of month", "end of the month", "end of this month", "the end of the month",
                           "the end of this month"})  # fmt: skip
_END_OF_YEAR = frozenset({"eoy", "end of year", "end of the year", "end of this year", "the end of the year"})
_MONTH_PERIODS = _END_OF_MONTH | _END_OF_YEAR | {"next month", "end of next month", "the end of next month"}
_LONGEST = 7  # words in the longest day or time of day: "the end of the day", "first thing in the morning"

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a few": 3, "few": 3,
}  # fmt: skip
_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "fortnight": "fortnights", "fortnights": "fortnights",
    "month": "months", "months": "months", "mo": "months", "mos": "months", "mth": "months", "mths": "months",
    "year": "years", "years": "years", "yr": "years", "yrs": "years",
}  # fmt: skip


class _Lazy:
    """A regular expression compiled when first used: most phrases need only a few, and a quick add
    pays for compiling every one at start-up."""

    __slots__ = ("source", "flags", "compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags = source, flags
        self.compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if self.compiled is None:
            self.compiled = re.compile(self.source, self.flags)
        return self.compiled.match(text)


_AMOUNT_WORDS = "|".join(sorted(_NUMBERS, key=len, reverse=True))
# `in 3 days`, `within a week`, `2 hours from now`, `a couple of days ago`, `+3d`, `90m`
_SPAN = re.compile(
    r"^(?P<plus>\+?)(?P<short>\d+)(?P<letter>[hmdw])$|"
    rf"^(?:(?P<lead>in|within)\s+)?(?:(?P<digits>\d+)\s*|(?P<words>{_AMOUNT_WORDS})\s+)(?P<unit>[a-z]+)"
    r"(?:\s+(?P<tail>ago|from now|from today))?$",
    re.ASCII,
)
_HALF_HOUR = _Lazy(r"^(?:(?:in|within)\s+)?(half an? hour|an? hour and a half)(?:\s+(ago|from now))?$")
_CLOCK = re.compile(
    r"^(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s?(?P<half>[ap])\.?m\.?|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    r"|(?P<bare>\d{1,2}))$",
    re.ASCII,
)
_ORDINAL = _Lazy(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(the|this|next)\s+month)?$", re.ASCII)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO_DATE = _Lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_SLASH_DATE = _Lazy(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?$", re.ASCII)
_MONTH_DAY = _Lazy(rf"^(?:{_MONTH})\.?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?$", re.ASCII)
_DAY_MONTH = _Lazy(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\.?(?:\s+(\d{{4}}))?$", re.ASCII)
_DIGIT = re.compile(r"[0-9]")
_AT_SIGN = re.compile(r"(?<!\S)@(?=\d|\s|$)")  # "@3pm", "@ 3": at
_TRAILING = ".!?;:"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class BadWhen(BadInput):
    """A phrase that is not a date, or names a moment on the wrong side of now."""

    def __init__(self, phrase: str, why: str | None = None) -> None:
        self.phrase = phrase
        super().__init__(why or f'can\'t read "{phrase}" as a date; try {EXAMPLES}.')


class Unusable(BadWhen):
    """A real date, but not one to use; quick add says so rather than keep the words in the title."""


class WhenPast(Unusable):
    """A real date, but on the wrong side of now."""


class OutOfRange(Unusable):
    """A span longer than MAX_SPAN, or a moment outside FIRST_YEAR to LAST_YEAR."""


class Workday:
    """The working hours phrases are read in: `morning` is `start`, `eod` is `end`, and a bare hour
    is read inside them when it can be (`at 2` is 14:00)."""

    __slots__ = ("start", "end")

    def __init__(self, start: time = time(9), end: time = time(17)) -> None:
        self.start, self.end = start, end

    def holds(self, hour: int) -> bool:
        if self.start <= self.end:
            return self.start.hour <= hour <= self.end.hour
        return hour >= self.start.hour or hour <= self.end.hour  # a night shift, across midnight


def check_year(year: int, what: str) -> None:
    """OutOfRange unless `year` is one ictrack works with; `what` names the value in the message."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfRange(what, f"{what} is outside {YEARS}.")


def local_moment(day: date, clock: time, zone: tzinfo | None) -> datetime:
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


def normalize(text: str) -> str:
    """Lower case, commas as spaces, `@` before a time as `at`, without trailing punctuation."""
    phrase = _AT_SIGN.sub("at ", text.lower().replace(",", " ").replace("’", "'"))
    phrase = " ".join(phrase.split()).rstrip(_TRAILING).rstrip()
    return re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t(\d)", r"\1 \2", phrase, flags=re.ASCII)


# -- times of day -------------------------------------------------------------


class Clock:
    """A time of day read from words; `rest_of_day` for end-of-day phrases, which fall back to 23:59
    once the working day is over; `part` names a part of the day (`morning`), if one was given."""

    __slots__ = ("at", "rest_of_day", "part")

    def __init__(self, at: time, *, rest_of_day: bool = False, part: str | None = None) -> None:
        self.at, self.rest_of_day, self.part = at, rest_of_day, part


def _hour_reading(hour: int, minute: int, workday: Workday, bias: str | None) -> time:
    """A bare hour (or h:mm) without am/pm: after a part of the day, as that part says; else inside the
    working hours, else its afternoon reading inside them, else as written."""
    if bias == "pm" and 1 <= hour <= 11:
        return time(hour + 12, minute)
    if bias is None and not workday.holds(hour) and 1 <= hour <= 11 and workday.holds(hour + 12):
        return time(hour + 12, minute)
    return time(hour, minute)


def _time(text: str, workday: Workday, *, bare: bool, bias: str | None) -> time | None:
    """`3pm`, `3:30 p.m.`, `15:00`, `2:30` (working hours), `noon`, `midnight`; a bare `3` only when `bare`."""
    if text in ("noon", "12 noon", "midday"):
        return time(12)
    if text in ("midnight", "12 midnight"):
        return time(0)
    match = _CLOCK.match(text)
    if not match:
        return None
    if match["half"]:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if match["half"] == "p" else 0), minute)
    written = match["h24"] or match["bare"]
    if match["bare"] and not bare:
        return None
    hour, minute = int(written), int(match["m24"] or 0)
    if hour > 23 or minute > 59:
        return None
    if written.startswith("0") or not 1 <= hour <= 12:
        return time(hour, minute)  # `09:30`, `15:00`, `0:30`: a 24-hour time, as written
    return _hour_reading(hour, minute, workday, bias)


def _part(name: str, workday: Workday) -> Clock:
    if name == "morning":
        return Clock(workday.start, part=name)
    if name == "end":
        return Clock(workday.end, rest_of_day=True, part=name)
    return Clock(_PART_TIMES[name], part=name)


def read_clock(words: list[str], workday: Workday, *, after_day: bool = False, bias: str | None = None) -> Clock | None:
    """A time of day, all of `words`: `3pm`, `at 2`, `morning`, `eod`, `afternoon at 3`, `10 in the
    morning`; a bare hour only after `at`/`by`/`around`/`before`, after a day (`after_day`) or a part."""
    connected = bool(words) and words[0] in CONNECTORS
    if connected:
        words = words[1:]
    if not words or len(words) > 6:
        return None
    text = " ".join(words)
    if (name := _PARTS.get(text)) is not None:
        return _part(name, workday)
    if (at := _time(text, workday, bare=connected or after_day, bias=bias)) is not None:
        return Clock(at)
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), words[cut:]
        name = _PARTS.get(head)
        if name is not None and name != "end":  # `morning at 10`, `afternoon 3`
            if tail[0] in CONNECTORS:
                tail = tail[1:]
            at = _time(" ".join(tail), workday, bare=True, bias=_PART_BIAS.get(name))
            if at is not None:
                return Clock(at, part=name)
        name = _PARTS.get(" ".join(tail))
        if name in _PART_BIAS:  # `10 in the morning`, `3 in the afternoon`
            at = _time(head, workday, bare=True, bias=_PART_BIAS[name])
            if at is not None:
                return Clock(at, part=name)
    return None


def split_time(phrase: str, workday: Workday) -> tuple[str, Clock | None]:
    """Separate a time of day from the other words (of a repeat), at the end or at the start; a bare
    hour counts after a connector or a weekday (`every fri 4`)."""
    words = phrase.split()
    for cut in range(len(words)):
        after_day = cut > 0 and _is_day_name(words[cut - 1])
        clock = read_clock(words[cut:], workday, after_day=after_day)
        if clock is not None:
            return " ".join(words[:cut]), clock
    for cut in range(len(words) - 1, 0, -1):
        clock = read_clock(words[:cut], workday)
        if clock is not None:
            return " ".join(words[cut:]), clock
    return phrase, None


def _is_day_name(word: str) -> bool:
    word = word.rstrip(".")
    return word in WEEKDAYS or word.removesuffix("s") in WEEKDAYS or word in ("day", "weekday", "weekdays")


# -- days ---------------------------------------------------------------------


class _Days:
    """The calendar days a date phrase may mean, nearest first, in the wanted direction."""

    __slots__ = ("days", "exact", "rest_of_day", "part", "weekday", "takes_hour", "wrong_way")

    def __init__(self, days: Iterable[date], *, exact: bool = False, rest_of_day: bool = False,
                 part: str | None = None, takes_hour: bool = True) -> None:  # fmt: skip
        self.days: Iterator[date] = iter(days)
        self.exact = exact  # an absolute date with a year: allowed on either side of now
        self.rest_of_day = rest_of_day  # `today`: late in the day means before midnight
        self.part = part  # `tonight`: a part of the day comes with the day
        self.weekday: int | None = None  # `fri dec 4`: the day must be a Friday
        self.takes_hour = takes_hour  # a bare hour may follow: `thu 4`
        self.wrong_way = False  # `yesterday` as a due date, `tomorrow` for what happened: read, then refused


def _month_end(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _add_months(day: date, months: int, what: str) -> date:
    """`day` moved by whole months, kept inside the month (31 Jan + 1 month is 28 or 29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    check_year(year, what)
    return date(year, month + 1, min(day.day, _month_end(year, month + 1)))


def _read_span(phrase: str) -> tuple[str, int, str] | None:
    """(which way, amount, unit) of a span: "ahead" (`in 3 days`, `3d`, `2 weeks from now`) or "ago"
    (`3 days ago`); None for words that are not one (`2 days` alone, `in 3 days ago`, `in 3 bits`).
    OutOfRange past MAX_SPAN."""
    match = _SPAN.match(phrase)
    if match is None:
        return None
    lead, tail = match["lead"], match["tail"]
    if match["short"] is None and bool(lead) == bool(tail):
        return None
    unit = _UNITS.get(match["unit"] or match["letter"] or "")
    if unit is None:
        return None
    digits = match["digits"] or match["short"]
    if digits is not None and (len(digits.lstrip("0")) > len(str(MAX_SPAN)) or int(digits) > MAX_SPAN):
        units = "minutes, hours, days or weeks" if unit in ("minutes", "hours", "days", "weeks") else unit
        raise OutOfRange(phrase, f'"{phrase}" is too far off; a span is 0 to {MAX_SPAN} {units}.')
    amount = int(digits) if digits is not None else _NUMBERS[match["words"]]
    if unit == "fortnights":
        amount, unit = amount * 2, "weeks"
    return ("ago" if tail == "ago" else "ahead"), amount, unit


class _Reader:
    """Reads one phrase against `now`, in one direction: +1 a due date, -1 a moment that has passed."""

    def __init__(self, now: datetime, direction: int, workday: Workday, dayfirst: bool) -> None:
        self.now, self.today, self.direction = now, now.date(), direction
        self.workday, self.dayfirst = workday, dayfirst

    def fixed(self, day: date, *, rest_of_day: bool = False, part: str | None = None, takes_hour: bool = True,
              ahead: bool | None = None) -> _Days:  # fmt: skip
        """One day; `ahead` says which way the phrase points, if only one way (`tomorrow`, `yesterday`)."""
        days = _Days([day], rest_of_day=rest_of_day, part=part, takes_hour=takes_hour)
        days.wrong_way = ahead is not None and ahead != (self.direction > 0)
        return days

    def weekday(self, weekday: int) -> _Days:
        """The nearest such day ahead (today included), then a week later; backwards for the past."""
        if self.direction > 0:
            first = self.today + timedelta(days=(weekday - self.today.weekday()) % 7)
        else:
            first = self.today - timedelta(days=(self.today.weekday() - weekday) % 7)
        return _Days(first + timedelta(weeks=self.direction * k) for k in range(2))

    def day(self, words: list[str]) -> _Days | None:
        """The days `words` (all of them) name, or None."""
        if len(words) > 1 and words[0] == "on":
            words = words[1:]
        if len(words) > _LONGEST:
            return None
        phrase = " ".join(words)
        first, count, today = words[0], len(words), self.today
        if count == 1:
            if first in TODAY:
                return self.fixed(today, rest_of_day=True)
            if first in TOMORROW:
                return self.fixed(today + timedelta(days=1), ahead=True)
            if first in YESTERDAY:
                return self.fixed(today - timedelta(days=1), ahead=False)
            if first in WEEKDAYS:
                return self.weekday(WEEKDAYS[first])
        if phrase in _TODAY_PARTS:
            part = _TODAY_PARTS[phrase]
            return self.fixed(today, rest_of_day=part == "evening", part=part)
        if phrase in ("day after tomorrow", "the day after tomorrow"):
            return self.fixed(today + timedelta(days=2), ahead=True)
        if (days := self._weekday_phrase(words)) is not None:
            return days
        if (days := self._period(phrase)) is not None:
            return days
        if (days := self._span(phrase)) is not None:
            return days
        if first in WEEKDAYS and count > 1:  # `fri dec 4`, `fri the 4th`: the date, if it is that weekday
            days = self._date(words[1:])
            if days is not None:
                days.weekday = WEEKDAYS[first]
            return days
        return self._date(words)

    def _weekday_phrase(self, words: list[str]) -> _Days | None:
        """`this fri`, `next fri`, `fri after next`, `fri next week`, `fri this week`, `last fri`."""
        if len(words) == 2 and words[1] in WEEKDAYS and words[0] in ("this", "next", "last"):
            kind, weekday = words[0], WEEKDAYS[words[1]]
        elif len(words) == 3 and words[0] in WEEKDAYS and words[1:] in (["after", "next"], ["next", "week"],
                                                                           ["this", "week"]):  # fmt: skip
            kind, weekday = " ".join(words[1:]), WEEKDAYS[words[0]]
        elif len(words) == 4 and words[0] == "the" and words[1] in WEEKDAYS and words[2:] == ["after", "next"]:
            kind, weekday = "after next", WEEKDAYS[words[1]]
        else:
            return None
        today = self.today
        if kind == "this":
            return self.weekday(weekday)
        if kind == "this week":
            return self.fixed(today + timedelta(days=weekday - today.weekday()))
        if kind == "last":
            return self.fixed(today - timedelta(days=(today.weekday() - weekday) % 7 or 7), ahead=False)
        if kind in ("next", "next week"):  # in the week that starts next Monday
            return self.fixed(today + timedelta(days=7 - today.weekday() + weekday), ahead=True)
        gap = (weekday - today.weekday()) % 7 or 7  # after next: a week after the next one
        return self.fixed(today + timedelta(days=gap + 7), ahead=True)

    def _period(self, phrase: str) -> _Days | None:
        """`next week`, `next month`, the ends of weeks, months and years."""
        today = self.today
        coming_monday = today + timedelta(days=7 - today.weekday())
        if phrase == "next week":
            return self.fixed(coming_monday, ahead=True)
        if phrase in ("week after next", "the week after next"):
            return self.fixed(coming_monday + timedelta(weeks=1), ahead=True)
        if phrase in _END_OF_WEEK:
            return self.weekday(4) if self.direction > 0 else self.fixed(today, ahead=True)
        if phrase in ("end of next week", "the end of next week"):
            return self.fixed(coming_monday + timedelta(days=4), ahead=True)
        if phrase not in _MONTH_PERIODS:
            return None
        next_month = _add_months(today.replace(day=1), 1, f'"{phrase}"')
        if phrase == "next month":
            return self.fixed(next_month, ahead=True)
        if phrase in _END_OF_MONTH:
            return self.fixed(next_month - timedelta(days=1), rest_of_day=True, ahead=True)
        if phrase in ("end of next month", "the end of next month"):
            end = _add_months(next_month, 1, f'"{phrase}"') - timedelta(days=1)
            return self.fixed(end, rest_of_day=True, ahead=True)
        if phrase in _END_OF_YEAR:
            return self.fixed(date(today.year, 12, 31), rest_of_day=True, ahead=True)
        return None

    def _span(self, phrase: str) -> _Days | None:
        """`in 3 days`, `within 2 weeks`, `in a fortnight`, `in 2 months`, `3d`, `+2w`: from today."""
        span = _read_span(phrase)
        if span is None or span[0] != "ahead" or span[2] in ("minutes", "hours"):
            return None  # `N days ago` and `in 2 hours` are durations, read before any day
        _, amount, unit = span
        if unit in ("months", "years"):
            day = _add_months(self.today, amount * (12 if unit == "years" else 1), f'"{phrase}"')
        else:
            day = self.today + timedelta(**{unit: amount})
        return self.fixed(day, rest_of_day=day == self.today, takes_hour=False, ahead=True)

    def _date(self, words: list[str]) -> _Days | None:
        """An ordinal (`the 3rd`) or an absolute date (`2026-12-03`, `28/11`, `dec 3`, `3rd of dec 2027`)."""
        if words[0] == "the" and len(words) > 1:
            words = words[1:]
        phrase = " ".join(words)
        # each pattern is compiled on first use; the test before it keeps a quick add from compiling it in vain
        if (phrase[:1].isdigit() or phrase.startswith("the")) and (ordinal := _ORDINAL.match(phrase)) is not None:
            return self._ordinal(int(ordinal[1]), ordinal[2], phrase)
        if not _DIGIT.search(phrase):
            return None
        dayfirst = self.dayfirst
        if "-" in phrase and (match := _ISO_DATE.match(phrase)) is not None:
            has_year = True
        elif "/" in phrase and (match := _SLASH_DATE.match(phrase)) is not None:
            has_year = match[3] is not None
            first, second = int(match[1]), int(match[2])
            month_first, day_first = first <= 12 and second <= 31, second <= 12 and first <= 31
            if not (month_first or day_first):
                return None
            dayfirst = day_first and (dayfirst or not month_first)  # the reading that can be a date: 28/11
        elif not any(word.rstrip(".") in MONTHS for word in words):
            return None
        elif (match := _MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)) is not None:
            has_year = match[1] is not None
            phrase = " ".join(word for word in words if word not in ("the", "of"))
        else:
            return None
        from dateutil import parser  # only absolute dates pay for dateutil's import

        def on(year: int) -> date | None:
            try:
                return parser.parse(phrase, default=datetime(year, 1, 1), dayfirst=dayfirst).date()
            except (ValueError, OverflowError):
                return None

        if has_year:
            day = on(self.today.year)
            if day is None:
                raise BadWhen(phrase, f'"{phrase}" is not a date on the calendar.')
            check_year(day.year, f'"{phrase}"')
            return _Days([day], exact=True, takes_hour=False)
        days = (on(self.today.year + self.direction * step) for step in range(9))  # 29 Feb can be 8 years off
        return _Days((day for day in days if day is not None), takes_hour=False)

    def _ordinal(self, number: int, which: str | None, phrase: str) -> _Days | None:
        """The next (or last) day of a month with this number: `the 3rd`, `the 28th of next month`."""
        if not 1 <= number <= 31:
            return None
        first_of_month = self.today.replace(day=1)
        if which == "next":
            month = _add_months(first_of_month, 1, f'"{phrase}"')
            if number > _month_end(month.year, month.month):
                raise BadWhen(phrase, f'"{phrase}" is not a date on the calendar.')
            return self.fixed(month.replace(day=number), ahead=True)
        months = (_add_months(first_of_month, self.direction * step, f'"{phrase}"') for step in range(13))
        return _Days(month.replace(day=number) for month in months if number <= _month_end(month.year, month.month))

    def read(self, words: list[str]) -> tuple[_Days | None, Clock | None] | None:
        """(days, time of day) for the whole of `words`: a time, a day, or both in either order."""
        workday = self.workday
        if (clock := read_clock(words, workday)) is not None:
            return None, clock
        if (days := self.day(words)) is not None:
            return days, None
        count = len(words)
        for cut in range(min(count - 1, _LONGEST + 1), max(0, count - _LONGEST - 1), -1):
            days = self.day(words[:cut])
            if days is not None:
                bias = _PART_BIAS.get(days.part or "")
                clock = read_clock(words[cut:], workday, after_day=days.takes_hour, bias=bias)
                if clock is not None:
                    return days, clock
            clock = read_clock(words[:cut], workday)
            if clock is not None and (days := self.day(words[cut:])) is not None:
                if days.part in _PART_BIAS:  # "at 7 tonight": the hour as the part of the day reads it
                    clock = read_clock(words[:cut], workday, bias=_PART_BIAS[days.part]) or clock
                return days, clock
        return None


def _way_on(phrase: str) -> str:
    """What to type instead: `tomorrow 8am` for a past `today 8am`, `next fri` for `last fri`; else empty."""
    words = phrase.split()
    if phrase.endswith(" ago"):
        return "in " + phrase.removesuffix(" ago")
    for index, word in enumerate(words):
        after = words[index + 1] if index + 1 < len(words) else ""
        if word in TODAY or word in YESTERDAY or word == "tonight":
            instead = ["tomorrow", "evening"] if word == "tonight" else ["tomorrow"]
            return " ".join([*words[:index], *instead, *words[index + 1 :]])
        if word == "last":
            return " ".join([*words[:index], "next", *words[index + 1 :]])
        if word == "this" and after in ("morning", "afternoon", "evening"):
            return " ".join([*words[:index], "tomorrow", *words[index + 1 :]])
        if word == "this" and after == "week" and index > 0:
            return " ".join(["next", *words[:index], *words[index + 2 :]])
    return ""


def _resolve(text: str, now: datetime, workday: Workday, dayfirst: bool, direction: int) -> datetime:
    moment = _moment(text, now, workday, dayfirst, direction)
    check_year(moment.astimezone(now.tzinfo).year, f'"{text.strip()}"')
    return moment


def _wrong_way(text: str, phrase: str, direction: int) -> BadWhen:
    """A phrase read, but pointing the other way: a due date in the past is refused with what to type
    instead; a future moment for what happened is only words (quick add keeps them in the title)."""
    if direction > 0:
        way_on = _way_on(phrase)
        return WhenPast(text, f'"{text.strip()}" is already in the past; a due date is ahead of now'
                              + (f': try "{way_on}".' if way_on else "."))  # fmt: skip
    return BadWhen(text, f'"{text.strip()}" is in the future; give a time that has passed, like "yesterday 4pm" '
                         'or "2h ago".')  # fmt: skip


def _duration(phrase: str, direction: int) -> timedelta | None:
    """An exact span of hours or minutes ahead (`2h`, `in an hour`, `in half an hour`), or, for the past,
    any span of minutes to weeks `ago`; WhenPast for a span ago given as a due date."""
    if "half" in phrase and (half := _HALF_HOUR.match(phrase)) is not None:
        minutes = timedelta(minutes=30 if half[1].startswith("half") else 90)
        if (half[2] == "ago") != (direction < 0):
            raise _wrong_way(phrase, phrase, direction)
        return -minutes if direction < 0 else minutes
    span = _read_span(phrase)
    if span is None:
        return None
    form, amount, unit = span
    if (form == "ago") != (direction < 0):
        if form == "ago" or unit in ("minutes", "hours"):
            raise _wrong_way(phrase, phrase, direction)
        return None  # days ahead: a day, read below (and refused there for the past)
    if direction < 0:
        return None if unit in ("months", "years") else -timedelta(**{unit: amount})
    return timedelta(**{unit: amount}) if unit in ("minutes", "hours") else None


def _moment(text: str, now: datetime, workday: Workday, dayfirst: bool, direction: int) -> datetime:
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
    if direction < 0 and (span := _read_span(phrase)) is not None and span[0] == "ago":
        # months and years ago: the same time, that many calendar months back
        back = _add_months(today, -span[1] * (12 if span[2] == "years" else 1), f'"{phrase}"')
        return local_moment(back, now.time(), zone)
    reading = _Reader(now, direction, workday, dayfirst).read(phrase.split())
    if reading is None:
        raise BadWhen(text)
    days, clock = reading
    if days is not None and days.wrong_way:
        raise _wrong_way(text, phrase, direction)
    if days is None:
        if clock is None:
            raise BadWhen(text)
        if not clock.rest_of_day:  # a time alone: today if still ahead (or passed), else the next (or last) day
            moment = local_moment(today, clock.at, zone)
            return moment if later(moment) else local_moment(today + timedelta(days=direction), clock.at, zone)
        days = _Days([today], rest_of_day=True)
    rest_of_day = clock.rest_of_day if clock is not None else days.rest_of_day
    at = clock.at if clock is not None else _part(days.part, workday).at if days.part else workday.end
    seen = False
    for day in days.days:
        seen = True
        moment = local_moment(day, at, zone)
        if direction < 0 and clock is None and day == today and not days.part:
            moment = min(moment, now)
        elif not days.exact and not later(moment):
            if not (rest_of_day and direction > 0 and later(local_moment(day, END_OF_DAY, zone))):
                continue
            moment = local_moment(day, END_OF_DAY, zone)
        if days.weekday is not None and day.weekday() != days.weekday:
            raise Unusable(text, f'"{text.strip()}" does not add up: {day.day} {day:%b %Y} is a {day:%A}, '
                                 f"not a {_DAY_NAMES[days.weekday]}.")  # fmt: skip
        return moment
    if not seen:  # `30/2`: no year has that day
        raise BadWhen(text, f'"{text.strip()}" is not a date on the calendar.')
    if direction < 0:
        raise WhenPast(text, f'"{text.strip()}" is already in the future; give a date on the other side of now.')
    way_on = _way_on(phrase)
    try_this = f'try "{way_on}"' if way_on else "give a date on the other side of now"
    raise WhenPast(text, f'"{text.strip()}" is already in the past (it is {now:%H:%M}); {try_this}.')


def parse_when(text: str, now: datetime, *, workday_start: time = time(9), workday_end: time = time(17),
               dayfirst: bool = False) -> datetime:  # fmt: skip
    """A due date: the moment `text` names, relative to `now`."""
    return _resolve(text, now, Workday(workday_start, workday_end), dayfirst, +1)


def parse_past(text: str, now: datetime, *, workday_start: time = time(9), workday_end: time = time(17),
               dayfirst: bool = False) -> datetime:  # fmt: skip
    """When something happened: `yesterday 4pm`, `2h ago`, `fri`, `last fri`, `dec 3`, or an absolute time."""
    moment = _resolve(text, now, Workday(workday_start, workday_end), dayfirst, -1)
    if moment > now:
        raise WhenPast(text, f'"{text.strip()}" is in the future; give a time that has passed.')
    return moment


# -- words left in a title ----------------------------------------------------

_PHRASES = (*_PARTS, *_TODAY_PARTS, *_END_OF_WEEK, *_END_OF_MONTH, *_END_OF_YEAR, *_NUMBERS)
_OPENERS = (
    TODAY | TOMORROW | YESTERDAY | CONNECTORS | frozenset(WEEKDAYS) | frozenset(MONTHS)
    | {phrase.split()[0] for phrase in _PHRASES}
    | {"on", "the", "in", "within", "this", "next", "last", "week", "day", "half", "noon", "midnight", "now"}
)  # fmt: skip


def could_open(word: str) -> bool:
    """Whether a date phrase may start with `word`: a cheap test before trying to read one."""
    word = word.lower()
    return bool(word) and (word[0].isdigit() or word[0] in "+@" or word.rstrip(_TRAILING + ",") in _OPENERS)


_DAY_WORDS = (TODAY - {"tod"}) | (TOMORROW - {"tom"}) | YESTERDAY | {"tonight", "midnight"} | {
    name for name in WEEKDAYS if name not in ("sat", "sun", "wed")} | {
    "eod", "cob", "eob", "eop", "eow", "eom", "eoy"}  # fmt: skip
_DATE_TOKEN = _Lazy(
    r"^(?:\d{1,2}(?:[:.]\d{2})?[ap]\.?m\.?|\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\+\d+[hmdw])$",
    re.ASCII,
)
_LOOKALIKES = ("tomorrow", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday")  # fmt: skip
_PAIRED_MONTHS = frozenset(MONTHS) - {"may", "mar", "march"}  # a month beside a day number; "may 5" reads as words
_DAY_NUMBER = _Lazy(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$", re.ASCII)


def _close(word: str, target: str, most: int) -> bool:
    """Whether `word` is at most `most` edits (insert, delete, change, swap two) from `target`."""
    if abs(len(word) - len(target)) > most:
        return False
    before, row = None, list(range(len(target) + 1))
    for i, letter in enumerate(word, 1):
        current = [i]
        for j, other in enumerate(target, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (letter != other))
            if before is not None and i > 1 and j > 1 and letter == target[j - 2] and word[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, row = row, current
    return row[-1] <= most


def _looks_like_a_day(word: str) -> bool:
    """A day's name misspelt or in the plural: `tomorow`, `thrusday`, `fridays`."""
    if len(word) < 6 or not word.isalpha() or not word.isascii():
        return False
    return any(
        (word[:2] == name[:2] or word[-3:] == name[-3:]) and _close(word, name, 2 if len(name) >= 8 else 1)
        for name in _LOOKALIKES
    )


def is_date_word(word: str) -> bool:
    """Whether `word` alone looks like part of a date (see `date_words`)."""
    return bool(date_words([word]))


def date_words(words: list[str]) -> list[str]:
    """The words among `words` (a title, as typed) that look like part of a date: day names and their
    misspellings, times, dates, a month beside a day number. Each is given as typed."""
    bare = [word.lower().strip(".,;:!?()\"'").removeprefix("@") for word in words]
    found = set()
    for index, word in enumerate(bare):
        digits = _DIGIT.search(word) is not None
        token = digits and word[:1] in "0123456789+" and _DATE_TOKEN.match(word)  # each form starts so
        if word in _DAY_WORDS or token or (not digits and _looks_like_a_day(word)):
            found.add(index)
        elif word in _PAIRED_MONTHS:
            for other in (index - 1, index + 1):
                if 0 <= other < len(bare) and _DAY_NUMBER.match(bare[other]):
                    found.update((index, other))
    return [words[index] for index in sorted(found)]


# -- describing moments -------------------------------------------------------


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
    whole = int(amount + 0.5)  # to the nearest unit: 2h59m left reads "3h", not "2h"
    if not words:
        return f"{whole}{unit}"
    return plural(whole, {"m": "minute", "h": "hour", "d": "day", "w": "week"}[unit])


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
