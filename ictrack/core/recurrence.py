"""Recurring promises: `every …` phrases -> RFC 5545 rules, and the dates they give. Pure.

A rule is kept on each occurrence as a small record: `{"rule": "every fri 13:00", "rrule":
"FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0", "start": "<first due>", "series": "<uuid>",
"zone": "Europe/London"}`. Rules run on wall-clock time in the zone the series was made in (`zone`),
so a rule stays at 13:00 there across a daylight-saving change and after you move to another zone;
the dates come back in the zone you ask in. A record without `zone` (made before it was kept, or in a
zone with no name) runs in the zone you ask in if that agrees with its start's offset, else at its
start's fixed offset. The next occurrence follows the one scheduled, not the moment it was done.
A rule is read in either order (`every month on the 1st`, `on the 1st of every month`), with a time
of day read as due dates read it (dates.read_clock). `new_series` writes the record; the dates are read
from its typed form, `model.Repeat` (`item.repeat`). dateutil runs the rules; it is imported only when
one is used.
"""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo

from ictrack.core.dates import (
    LAST_YEAR,
    WEEKDAYS,
    OutOfRange,
    Workday,
    check_year,
    local_moment,
    normalize,
    split_time,
    zone_of,
)
from ictrack.core.model import Repeat
from ictrack.errors import BadInput

KEYWORDS = ("every", "ev", "each")
FREQUENCY_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
MAX_INTERVAL = 999  # `every 999 years` from dates.LAST_YEAR still fits in a datetime
EXAMPLES = '"every fri 1pm", "every weekday", "every 2 weeks", "every month on the 1st" or "every last friday"'
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQUENCIES = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_UNIT = re.compile(r"^(?:(\d+|other)\s+)?(day|week|month|year)s?$", re.ASCII)
_MONTH_DAY = re.compile(r"^month\s+on\s+(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?|(last)\s+day)$", re.ASCII)
_DAY_OF_MONTH = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?|(last)\s+day)\s+of\s+(?:the\s+|each\s+|every\s+)?month$", re.ASCII
)
_NTH_WEEKDAY = re.compile(r"^(\S+)\s+(\S+?)(?:\s+of\s+(?:the\s+|each\s+|every\s+)?month)?$", re.ASCII)
_MONTH_ON_WEEKDAY = re.compile(r"^month\s+on\s+(?:the\s+)?(\S+)\s+(\S+)$", re.ASCII)
_WEEKS_ON = re.compile(r"^(?:(\d+|other)\s+)?(?:weeks?\s+on\s+)?(.+)$", re.ASCII)
# the other order: `on the 1st of every month`, `the last friday of each month`, `on the last day of every month`
_OF_EVERY_MONTH = re.compile(r"^(?:on\s+)?(?:the\s+)?(.+?)\s+of\s+(?:every|each)\s+month$", re.ASCII)


class Rule:
    """What an `every …` phrase means: the phrase, its RRULE, and the time of day it falls due."""

    __slots__ = ("text", "rrule", "clock")

    def __init__(self, text: str, rrule: str, clock: time):
        self.text, self.rrule, self.clock = text, rrule, clock


def _weekday(word: str) -> int | None:
    word = word.rstrip(".")
    return WEEKDAYS.get(word[:-1] if word.endswith("s") and word[:-1] in WEEKDAYS else word)


def _weekdays(words: str) -> list[int] | None:
    """`mon`, `mon and thu`, `tuesdays, thursdays` -> weekday numbers; None if any word is not a day."""
    days = [_weekday(word) for word in words.replace(" and ", " ").split()]
    known = [day for day in days if day is not None]
    return sorted(set(known)) if known and len(known) == len(days) else None


def _rrule(phrase: str) -> str | None:
    """The RRULE for the words after `every` (the time already taken out), or None."""
    if phrase in ("weekday", "weekdays", "working day", "work day", "workday"):
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if phrase in ("daily", "weekly", "monthly", "yearly"):
        return f"FREQ={phrase.upper()}"
    if match := _UNIT.match(phrase):
        interval = _interval(match[1], phrase, f"{match[2]}s")
        return f"FREQ={_FREQUENCIES[match[2]]}" + (f";INTERVAL={interval}" if interval > 1 else "")
    if match := _MONTH_DAY.match(phrase) or _DAY_OF_MONTH.match(phrase):
        day = -1 if match[2] else int(match[1])
        return f"FREQ=MONTHLY;BYMONTHDAY={day}" if day == -1 or 1 <= day <= 31 else None
    if (match := _WEEKS_ON.match(phrase)) and (days := _weekdays(match[2])) is not None:
        weeks = _interval(match[1], phrase, "weeks")  # `every fri`, `every other fri`, `every 2 weeks on fri`
        codes = ",".join(_DAY_CODES[weekday] for weekday in days)
        return "FREQ=WEEKLY" + (f";INTERVAL={weeks}" if weeks > 1 else "") + f";BYDAY={codes}"
    match = _MONTH_ON_WEEKDAY.match(phrase) or _NTH_WEEKDAY.match(phrase)
    if match and match[1] in _ORDINALS and (nth := _weekday(match[2])) is not None:
        return f"FREQ=MONTHLY;BYDAY={_ORDINALS[match[1]]:+d}{_DAY_CODES[nth]}"
    return None


def _interval(count: str | None, phrase: str, units: str) -> int:
    """How many units apart: `other` is 2, none is 1; OutOfRange outside 1 to MAX_INTERVAL."""
    written = "2" if count == "other" else count or "1"
    if len(written.lstrip("0")) > len(str(MAX_INTERVAL)) or not 1 <= int(written) <= MAX_INTERVAL:
        raise OutOfRange(phrase, f'"every {phrase}": a repeat is 1 to {MAX_INTERVAL} {units} apart.')
    return int(written)


def _in_order(phrase: str) -> str:
    """The words of a repeat in the order `every …` reads them: `on the 1st of every month` -> `month on the
    1st`, `weekly on fri` -> `fri`, `monthly on the 1st` -> `month on the 1st`, `daily` -> `day`."""
    first, _, rest = phrase.partition(" ")
    if first in KEYWORDS:
        return rest
    if first in FREQUENCY_WORDS:
        unit = FREQUENCY_WORDS[first]
        if not rest:
            return unit
        if unit == "week" and rest.startswith("on "):
            return rest.removeprefix("on ")
        return f"{unit} {rest}"
    if match := _OF_EVERY_MONTH.match(phrase):
        day = match[1]
        return f"month on the {day}" if _MONTH_DAY.match(f"month on the {day}") else f"{day} of the month"
    return phrase


def parse_rule(text: str, *, workday_start: time = time(9), workday_end: time = time(17)) -> Rule:
    """`every fri 1pm` (or `ev …`, `each …`, the words after it, or `on the 1st of every month`) -> a Rule;
    BadInput if it is not one. `every morning` is each day at `workday_start`."""
    workday = Workday(workday_start, workday_end)
    words, clock = split_time(normalize(text), workday)
    words = _in_order(words.strip())
    if not words and clock is not None and clock.part in ("morning", "afternoon", "evening"):
        words = "day"  # `every morning`: each day
    rrule = _rrule(words) if words else None
    if rrule is None:
        raise BadInput(f'can\'t read "{text.strip()}" as a repeat; try {EXAMPLES}.')
    shown = f"every {words}" + (f" {text_of(clock.at)}" if clock else "")
    at = clock.at if clock else workday_end
    return Rule(shown, f"{rrule};BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0", at)


def text_of(clock: time) -> str:
    return f"{clock:%H:%M}"


def zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of `zone` (`Europe/London`), or None for a zone that has none (a fixed offset)."""
    name = getattr(zone, "key", None)
    return name if name and name != "localtime" else None  # "localtime": read from /etc/localtime, no name


def new_series(rule: Rule, start: datetime, series: str, zone: tzinfo) -> dict:
    """The record a new series keeps on each occurrence: it starts at `start`, made in `zone`."""
    record = {"rule": rule.text, "rrule": rule.rrule, "start": start.isoformat(), "series": series}
    if name := zone_name(zone):
        record["zone"] = name
    return record


def series_zone(repeat: Repeat, zone: tzinfo) -> tzinfo:
    """The zone a series runs in: the one it was made in; for a record without one, `zone` if it
    agrees with the start's offset at the start, else that fixed offset (a wrong day is worse than a
    wrong hour)."""
    if repeat.zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(repeat.zone)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # this machine's zone database lacks it: as for a record without one
    start = repeat.start
    return zone if start.astimezone(zone).utcoffset() == start.utcoffset() else zone_of(start)


def _rule_set(repeat: Repeat, zone: tzinfo):
    from dateutil.rrule import rrulestr

    return rrulestr(repeat.rrule, dtstart=repeat.start.astimezone(zone).replace(tzinfo=None))


def _aware(naive: datetime, zone) -> datetime:
    return local_moment(naive.date(), naive.time(), zone)


def first_due(rule: Rule, now: datetime, start: datetime | None = None) -> datetime:
    """The first occurrence: `start` if given (the series then follows the rule), else the rule's
    first date from today on that is still ahead of now, in now's zone (the series' own)."""
    if start is not None:
        return start
    from dateutil.rrule import rrulestr

    anchor = datetime.combine(now.date(), rule.clock)
    after = rrulestr(rule.rrule, dtstart=anchor).after(now.replace(tzinfo=None), inc=False)
    if after is None:  # a rule with an end that has passed
        raise BadInput(f'"{rule.text}" has no date after now.')
    first = _aware(after, now.tzinfo)
    check_year(first.year, f'"{rule.text}" (first on {first:%Y-%m-%d})')
    return first


def next_due(repeat: Repeat, scheduled: datetime, zone: tzinfo) -> datetime | None:
    """The occurrence after the one scheduled for `scheduled`, in `zone`: from the rule in the series'
    own zone, not from when it was done. It may fall after dates.LAST_YEAR: see `beyond_the_years`."""
    own = series_zone(repeat, zone)
    after = _rule_set(repeat, own).after(scheduled.astimezone(own).replace(tzinfo=None), inc=False)
    return _aware(after, own).astimezone(zone) if after else None


def beyond_the_years(moment: datetime) -> bool:
    """Whether an occurrence falls after the years ictrack keeps: a series reaching it ends there."""
    return moment.year > LAST_YEAR


def upcoming(repeat: Repeat, scheduled: datetime, zone: tzinfo, count: int = 3) -> list[datetime]:
    """The next `count` dates of the series after `scheduled`, in `zone`; none after the years ictrack keeps."""
    dates: list[datetime] = []
    while len(dates) < count and (moment := next_due(repeat, dates[-1] if dates else scheduled, zone)) is not None:
        if beyond_the_years(moment):
            break
        dates.append(moment)
    return dates
