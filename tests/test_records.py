"""The typed records the core hands to the shells: a repeat, a move, a person's row, an agenda, a week's figures.

Each is read or built from the model, and its JSON form is what docs/json.md and docs/week.md show.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ictrack.core.model import OK, CheckIn, Item, Move, Person, Repeat, Risk
from ictrack.core.settings import Config
from ictrack.core.views import agenda, person_row
from ictrack.core.week import PersonFigures, Week, summarize

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


class TestMove:
    def test_each_renegotiation_is_read_with_its_times_as_moments_oldest_first(self):
        moves = [{"at": "2026-11-24T10:00:00+00:00", "from": None, "to": "2026-11-27T17:00:00+00:00", "reason": None},
                 {"at": "2026-11-25T10:00:00+00:00", "from": "2026-11-27T17:00:00+00:00",
                  "to": "2026-11-30T17:00:00+00:00", "reason": "waiting on data"}]  # fmt: skip
        friday, monday = datetime(2026, 11, 27, 17, tzinfo=LONDON), datetime(2026, 11, 30, 17, tzinfo=LONDON)
        first, second = item(due=monday, moves=moves).renegotiations
        assert first == Move(datetime(2026, 11, 24, 10, tzinfo=LONDON), None, friday)
        assert second == Move(datetime(2026, 11, 25, 10, tzinfo=LONDON), friday, monday, "waiting on data")

    def test_a_move_stored_without_a_reason_reads_as_none(self):
        (move,) = item(moves=[{"at": "2026-11-24T10:00:00+00:00", "to": "2026-11-27T17:00:00+00:00"}]).renegotiations
        assert move.reason is None and move.old_due is None


def their(id: int, **fields) -> Item:
    """An item with dana, made a week before NOW."""
    return item(id=id, uuid=f"u-{id}", person="dana", created=NOW - timedelta(days=7), **fields)


DANA = Person("dana", NOW - timedelta(days=30), kind="manager", team="finance")
DONE = {"status": "done", "done_at": NOW - timedelta(days=1)}


class TestPersonRow:
    def test_a_row_counts_what_is_open_both_ways_and_the_thanks_owed(self):
        items = [their(1, due=NOW), their(2), their(3, **DONE), their(4, kind="ask"), their(5, kind="ask", **DONE),
                 their(6, kind="help", status="done", done_at=NOW),
                 their(7, kind="ask", **DONE, thanked_at=NOW)]  # fmt: skip
        row = person_row(DANA, items, [], Config(), NOW)
        assert (row.open_commitments, row.open_asks, row.thanks_owed) == (2, 1, 2)
        assert (row.handle, row.kind, row.team, row.cadence) == ("dana", "manager", "finance", 14)  # a manager's

    def test_a_row_knows_the_last_check_in_and_whether_the_next_is_due(self):
        checkins = [CheckIn("c2", "dana", NOW - timedelta(days=40)), CheckIn("c1", "dana", NOW - timedelta(days=50))]
        row = person_row(DANA, [their(1)], checkins, Config(checkin_days=30, kind_cadence={}), NOW)
        assert row.last_checkin == NOW - timedelta(days=40) and row.checkin_due
        assert not person_row(DANA, [their(1)], checkins, Config(checkin_days=45, kind_cadence={}), NOW).checkin_due

    def test_in_json_a_row_has_the_documented_keys_in_order_and_its_last_check_in_as_a_time(self):
        row = person_row(DANA, [their(1, due=NOW - timedelta(days=2), **DONE)], [CheckIn("c", "dana", NOW)],
                         Config(), NOW)  # fmt: skip
        assert json.dumps(row.to_json()) == (
            '{"handle": "dana", "name": null, "kind": "manager", "team": "finance", "cadence": 14, '
            '"open_commitments": 0, "open_asks": 0, "thanks_owed": 0, "last_checkin": "2026-11-23T09:00:00+00:00", '
            '"on_time_rate": 0.0, "renegotiated_in_time": 0, "moved_after_date": 0, "checkin_due": false}'
        )


class TestAgenda:
    def test_an_agenda_sorts_what_i_owe_and_what_they_owe_soonest_due_first_undated_last(self):
        items = [their(1), their(2, due=NOW + timedelta(days=3)), their(3, due=NOW + timedelta(days=1)),
                 their(4, kind="ask", due=NOW + timedelta(days=5)), their(5, kind="ask", due=NOW),
                 their(6, **DONE), their(7, status="dropped", done_at=NOW)]  # fmt: skip
        view = agenda(DANA, items, [], {}, Config(), NOW)
        assert [i.id for i in view.owe_them] == [3, 2, 1] and [i.id for i in view.they_owe] == [5, 4]

    def test_an_agenda_lists_thanks_owed_oldest_first_and_check_ins_oldest_first(self):
        items = [their(1, kind="help", status="done", done_at=NOW - timedelta(days=1)),
                 their(2, kind="ask", status="done", done_at=NOW - timedelta(days=2))]  # fmt: skip
        checkins = [CheckIn("late", "dana", NOW), CheckIn("early", "dana", NOW - timedelta(days=9))]
        view = agenda(DANA, items, checkins, {}, Config(), NOW)
        assert [i.id for i in view.thanks_owed] == [2, 1]
        assert [c.uuid for c in view.checkins] == ["early", "late"] and view.person.last_checkin == NOW

    def test_in_json_each_item_carries_its_risk_and_each_check_in_its_record(self):
        items = [their(1, due=NOW - timedelta(hours=3)), their(2, kind="ask")]
        risks = {1: Risk("overdue", ["overdue by 3h"]), 2: OK}
        data = agenda(DANA, items, [CheckIn("c", "dana", NOW, rating=4)], risks, Config(), NOW).to_json()
        assert list(data) == ["person", "owe_them", "they_owe", "thanks_owed", "checkins", "trend", "notes", "question"]
        assert data["owe_them"][0]["risk"] == {"level": "overdue", "reasons": ["overdue by 3h"]}
        assert data["they_owe"][0]["id"] == 2 and data["thanks_owed"] == []
        assert data["checkins"] == [{"uuid": "c", "person": "dana", "at": "2026-11-23T09:00:00+00:00", "rating": 4,
                                     "note": None}]  # fmt: skip


def delivered(id: int, person: str | None, due: datetime | None, done_at: datetime) -> Item:
    return item(id=id, uuid=f"u-{id}", person=person, created=NOW, due=due, status="done", done_at=done_at)


class TestWeekFigures:
    week = Week(2026, 48, LONDON)  # Mon 23 Nov – Sun 29 Nov

    def summary(self):
        friday = datetime(2026, 11, 27, 17, tzinfo=LONDON)
        items = [delivered(1, "dana", friday, friday - timedelta(days=1)),  # early
                 delivered(2, "dana", friday, friday + timedelta(hours=1)),  # late
                 delivered(3, "lee", None, friday),  # no due date
                 delivered(4, "lee", friday, friday),  # on time
                 delivered(5, "ann", friday, friday - timedelta(hours=1)),  # on time
                 item(id=6, uuid="u-6", person="kim", kind="help", status="done", done_at=friday),
                 item(id=7, uuid="u-7", person="ann", due=friday, status="dropped", done_at=friday)]  # fmt: skip
        return summarize(items, [], [], self.week)

    def test_deliveries_split_into_those_judged_by_a_due_date_and_those_without_one(self):
        figures = self.summary().figures
        assert (figures.delivered, figures.on_time, figures.late, figures.early) == (5, 3, 1, 1)
        assert (figures.judged, figures.undated, figures.on_time_rate) == (4, 1, 0.75)

    def test_the_commitments_closed_in_the_week_split_into_delivered_and_dropped(self):
        summary = self.summary()
        assert [i.id for i in summary.delivered_items] == [1, 2, 3, 4, 5] and [i.id for i in summary.dropped_items] == [
            7
        ]
        assert summary.figures.dropped == 1

    def test_each_person_gets_their_own_figures_in_handle_order(self):
        by_person = self.summary().by_person
        assert list(by_person) == ["ann", "dana", "kim", "lee"]
        assert by_person["dana"] == PersonFigures(delivered=2, on_time=1, late=1, renegotiated_in_time=0,
                                                  moved_after_date=0, asks_received=0, help_received=0,
                                                  thanks_sent=0)  # fmt: skip
        assert by_person["kim"].help_received == 1 and by_person["kim"].delivered == 0

    def test_the_people_served_most_come_most_first_then_by_handle_and_only_if_delivered_to(self):
        assert self.summary().served_most() == [("dana", 2), ("lee", 2), ("ann", 1)]
        assert self.summary().served_most(1) == [("dana", 2)]

    def test_the_week_so_far_is_cut_at_now_and_counts_its_days_up_to_today(self):
        wednesday = datetime(2026, 11, 25, 18, tzinfo=LONDON)
        cut = self.week.cut(wednesday)
        assert (cut.so_far, cut.as_of, cut.days, cut.phrase()) == (True, wednesday, 3, "so far (Mon–Wed)")
        assert self.week.cut(NOW).phrase() == "so far (Mon)" and self.week.cut(None).phrase() == ""
        assert cut.overdue(wednesday - timedelta(minutes=1)) and not cut.overdue(wednesday)
        assert cut.reached(wednesday) and not cut.reached(wednesday + timedelta(minutes=1))

    def test_a_week_gone_by_is_cut_at_the_end_of_sunday_whenever_it_is_asked_for(self):
        later = self.week.cut(datetime(2027, 3, 1, tzinfo=LONDON))
        assert later == self.week.cut(None) and (later.so_far, later.days) == (False, 7)
        assert later.as_of == datetime(2026, 11, 29, 23, 59, 59, tzinfo=LONDON)
        friday = datetime(2026, 11, 27, 17, tzinfo=LONDON)
        assert later.overdue(friday) and later.reached(datetime(2026, 11, 29, 23, 59, 59, 999999, tzinfo=LONDON))

    def test_a_week_still_to_come_has_no_days_yet(self):
        assert (self.week.cut(NOW - timedelta(days=7)).days, self.week.cut(NOW - timedelta(days=7)).phrase()) == (
            0, "not begun")  # fmt: skip

    def test_in_json_the_figures_keep_the_documented_order_with_the_bounds_as_times(self):
        data = self.summary().figures.to_json()
        assert list(data)[:7] == ["week", "start", "end", "so_far", "as_of", "days", "delivered"]
        assert list(data)[-1] == "checkins"
        assert (data["week"], data["start"], data["end"]) == ("2026-W48", "2026-11-23T00:00:00+00:00",
                                                              "2026-11-29T23:59:59+00:00")  # fmt: skip
        assert (data["so_far"], data["as_of"], data["days"]) == (False, "2026-11-29T23:59:59+00:00", 7)
