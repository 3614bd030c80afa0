"""Open commitments as an RFC 5545 calendar (`ictrack export ics`), written by the icalendar library.

icalendar is an optional extra (`pip install 'ictrack[ics]'`): it takes about 70 ms to import, so
it is loaded only here, and only this command needs it.

Each open commitment with a due date is an event at its due time, in your zone. A repeating one is
a series in the zone it was made in (its TZID): an RRULE from the occurrence's scheduled date. If
that occurrence was renegotiated, it is an event of its own at the new time, and the series starts
at the following date, because RFC 5545 leaves a start that is off the rule undefined.

Each event has a display alarm (VALARM) `alarm` minutes before its due time, unless that is 0, so the
calendar reminds you too; its text is the event's summary.

Titles, handles, notes and tags are written through `visible`: a calendar shows them on screens too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from ictrack.core.dates import zone_of
from ictrack.core.model import Item
from ictrack.core.recurrence import next_due, series_zone, zone_name
from ictrack.errors import NotAllowed
from ictrack.text import toward, visible


def _library():
    try:
        import icalendar
    except ImportError:
        raise NotAllowed(
            "calendar export needs the icalendar library beside ictrack: `pipx inject ictrack icalendar`, "
            "or `pip install icalendar` in ictrack's environment."
        ) from None
    return icalendar


def _event(icalendar, item: Item, uid: str, start: datetime, now: datetime, rrule: str | None = None,
           alarm: int = 0):  # fmt: skip
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    summary = visible(item.title) + toward(item.kind, item.person)
    event.add("summary", summary)
    about = [visible(item.note, newlines=True)] if item.note else []
    event.add("description", "\n".join([*about, f"ictrack item {item.id}"]))
    if item.tags:
        event.add("categories", [visible(tag) for tag in item.tags])
    if item.priority != "normal":
        event.add("priority", 1 if item.priority == "high" else 9)
    if rrule:
        event.add("rrule", icalendar.vRecur.from_ical(rrule))
    if alarm:
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", summary)
        reminder.add("trigger", timedelta(minutes=-alarm))  # relative to DTSTART: the due time
        event.add_component(reminder)
    return event


def to_ics(items: list[Item], now: datetime, alarm: int = 0) -> str:
    """A calendar of `items` (open commitments with due dates): an event in the local zone of `now`, a
    series in the zone it was made in, so that its rule's wall-clock time means what it did there; each with
    an alarm `alarm` minutes before it (none for 0)."""
    icalendar = _library()
    local = _writable(zone_of(now), UTC)  # a zone with no IANA name can't be written as a TZID
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ictrack//promises//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "ictrack promises")
    zones = {local}
    for item in items:
        assert item.due is not None and item.scheduled is not None  # only items with a due date are given
        repeat = item.repeat
        if repeat is None:
            calendar.add_component(_event(icalendar, item, f"{item.uuid}@ictrack", item.due.astimezone(local), now,
                                          alarm=alarm))  # fmt: skip
            continue
        zone = _writable(series_zone(repeat, zone_of(now)), local)
        zones.add(zone)
        due, scheduled = item.due.astimezone(zone), item.scheduled.astimezone(zone)
        if scheduled == due:
            calendar.add_component(_event(icalendar, item, f"{repeat.series}@ictrack", due, now, repeat.rrule,
                                          alarm))  # fmt: skip
            continue
        calendar.add_component(_event(icalendar, item, f"{item.uuid}@ictrack", item.due.astimezone(local), now,
                                      alarm=alarm))  # fmt: skip
        following = next_due(repeat, scheduled, zone)
        if following is not None:
            calendar.add_component(_event(icalendar, item, f"{repeat.series}@ictrack", following, now,
                                          repeat.rrule, alarm))  # fmt: skip
    if zones != {UTC}:
        calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")


def _writable(zone: tzinfo, otherwise: tzinfo) -> tzinfo:
    """`zone` if a calendar can name it (TZID), else `otherwise`."""
    return zone if zone_name(zone) else otherwise
