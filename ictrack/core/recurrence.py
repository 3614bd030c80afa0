"""Recurring promises: `every …` phrases -> RFC 5545 rules, and the dates they give. Pure.

A rule is kept on each occurrence as a small record: `{"rule": "every fri 13:00", "rrule":
"FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0", "start": "<first due>", "series": "<uuid>",
"zone": "Europe/London"}`. Rules run on wall-clock time in the zone the series was made in (`zone`),
so a rule stays at 13:00 there across a daylight-saving change and after you move to another zone;
the dates come back in the zone you ask in. A record without `zone` (made before it was kept, or in a
zone with no name) runs in the zone you ask in if that agrees with its start's offset, else at its
start's fixed offset. The next occurrence follows the one scheduled, not the moment it was done.
`new_series` writes the record; the dates are read from its typed form, `model.Repeat` (`item.repeat`).
dateutil reads the rules; it is imported only when one is used.
"""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo

from ictrack.core.dates import WEEKDAYS, OutOfRange, local_moment, normalize, split_clock, zone_of
from ictrack.core.model import Repeat
from ictrack.errors import BadInput

KEYWORDS = ("every", "ev")
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
        count = "2" if match[1] == "other" else match[1] or "1"
        if len(count.lstrip("0")) > len(str(MAX_INTERVAL)) or not 1 <= int(count) <= MAX_INTERVAL:
            raise OutOfRange(phrase, f'"every {phrase}": a repeat is 1 to {MAX_INTERVAL} {match[2]}s apart.')
        interval = int(count)
        return f"FREQ={_FREQUENCIES[match[2]]}" + (f";INTERVAL={interval}" if interval > 1 else "")
    if match := _MONTH_DAY.match(phrase) or _DAY_OF_MONTH.match(phrase):
        day = -1 if match[2] else int(match[1])
        return f"FREQ=MONTHLY;BYMONTHDAY={day}" if day == -1 or 1 <= day <= 31 else None
    if (days := _weekdays(phrase)) is not None:
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_DAY_CODES[day] for day in days)
    if (match := _NTH_WEEKDAY.match(phrase)) and match[1] in _ORDINALS and (weekday := _weekday(match[2])) is not None:
        return f"FREQ=MONTHLY;BYDAY={_ORDINALS[match[1]]:+d}{_DAY_CODES[weekday]}"
    return None


def parse_rule(text: str, *, workday_end: time = time(17)) -> Rule:
    """`every fri 1pm` (or `ev …`, or the words after it) -> a Rule; BadInput if it is not one."""
    phrase = normalize(text)
    first, _, rest = phrase.partition(" ")
    if first in KEYWORDS:
        phrase = rest
    words, clock = split_clock(phrase)
    rrule = _rrule(words.strip()) if words.strip() else None
    if rrule is None:
        raise BadInput(f'can\'t read "{text.strip()}" as a repeat; try {EXAMPLES}.')
    shown = f"every {words.strip()}" + (f" {text_of(clock)}" if clock else "")
    clock = clock or workday_end
    return Rule(shown, f"{rrule};BYHOUR={clock.hour};BYMINUTE={clock.minute};BYSECOND=0", clock)


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
    return _aware(after, now.tzinfo)


def next_due(repeat: Repeat, scheduled: datetime, zone: tzinfo) -> datetime | None:
    """The occurrence after the one scheduled for `scheduled`, in `zone`: from the rule in the series'
    own zone, not from when it was done."""
    own = series_zone(repeat, zone)
    after = _rule_set(repeat, own).after(scheduled.astimezone(own).replace(tzinfo=None), inc=False)
    return _aware(after, own).astimezone(zone) if after else None


def upcoming(repeat: Repeat, scheduled: datetime, zone: tzinfo, count: int = 3) -> list[datetime]:
    """The next `count` dates of the series after `scheduled`, in `zone`."""
    dates: list[datetime] = []
    while len(dates) < count and (moment := next_due(repeat, dates[-1] if dates else scheduled, zone)) is not None:
        dates.append(moment)
    return dates
