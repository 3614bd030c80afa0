"""The typed records the core hands to the shells: a repeat, a person's row, an agenda, a week's figures.

Each is read or built from the model, and its JSON form is what docs/json.md and docs/week.md show.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ictrack.core.model import Item, Repeat

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, tzinfo=LONDON)
RULE = {"rule": "every fri 13:00", "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0",
        "start": "2026-11-27T13:00:00+00:00", "series": "s-1"}  # fmt: skip


def item(**fields) -> Item:
    defaults = {"id": 1, "uuid": "u-1", "kind": "commitment", "title": "send figures", "created": NOW}
    return Item(**{**defaults, **fields})


class TestRepeat:
    def test_a_record_is_read_into_fields_with_its_times_as_moments(self):
        repeat = Repeat.of({**RULE, "zone": "Europe/London"})
        assert (repeat.rule, repeat.series, repeat.zone, repeat.ended) == ("every fri 13:00", "s-1", "Europe/London",
                                                                           None)  # fmt: skip
        assert repeat.start == datetime(2026, 11, 27, 13, tzinfo=LONDON)

    def test_a_record_without_a_zone_reads_as_none_and_an_ended_series_as_the_moment_it_ended(self):
        repeat = Repeat.of({**RULE, "ended": "2026-12-01T10:30:00+00:00"})
        assert repeat.zone is None and repeat.ended == datetime(2026, 12, 1, 10, 30, tzinfo=LONDON)

    def test_a_one_off_item_has_no_repeat(self):
        assert item().repeat is None

    def test_an_item_keeps_its_record_as_written_even_with_fields_ictrack_does_not_know(self):
        record = {**RULE, "zone": "Europe/London", "origin": "elsewhere"}
        stored = item(due=NOW, recur=record).to_record()
        loaded = Item.from_record(stored)
        assert loaded.to_record()["recur"] == record and list(loaded.recur) == list(record)
        assert loaded.repeat == Repeat.of(record)
