"""The named operations on their own: a Change in memory, a moment, the arguments; no file, no clock, no store."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ictrack.core import ops
from ictrack.core.model import CareCheck, CheckIn, Item, Note, Person
from ictrack.core.state import Change
from ictrack.errors import BadInput, NotAllowed, NotFound

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)  # a Monday morning
FRIDAY = "2026-11-27T15:00:00+00:00"
EVERY_FRIDAY = {"rule": "every fri 15:00", "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15;BYMINUTE=0;BYSECOND=0",
                "start": FRIDAY, "series": "s-1", "zone": "Europe/London"}  # fmt: skip
CHECKS = ["slept", "lunch", "break"]


def change(*items: Item, people: tuple[str, ...] = (), next_id: int = 1, archived: dict[int, Item] | None = None):
    """A Change over these records, as the store would hand it to an operation."""
    tables = {
        "items": {item.id: item for item in items},
        "people": {handle: Person(handle, NOW - timedelta(days=30), uuid=ops.person_uuid(handle)) for handle in people},
        "care": {},
        "checkins": {},
    }
    next_id = max([next_id, *(item.id + 1 for item in items)])
    return Change(tables, next_id, lookup=(archived or {}).get)


def item(item_id: int, **fields) -> Item:
    defaults = {
        "uuid": f"u-{item_id}",
        "kind": "commitment",
        "title": f"item {item_id}",
        "created": NOW - timedelta(days=3),
    }
    return Item(id=item_id, **{**defaults, **fields})


def add(state: Change, **arguments) -> Item:
    return ops.add(state, NOW, **{"uuid": "new", "kind": "commitment", "title": "send figures", **arguments})


def test_add_gives_the_next_id_and_makes_a_person_of_a_new_handle():
    state = change(item(4))
    made = add(state, person="dana", due=FRIDAY, tags=["finance"])
    assert (made.id, made.uuid, made.person, made.tags, made.status) == (5, "new", "dana", ["finance"], "open")
    assert made.due == datetime.fromisoformat(FRIDAY)
    assert state.people["dana"].uuid == ops.person_uuid("dana")
    assert set(state.saved["items"]) == {5} and set(state.saved["people"]) == {"dana"}
    assert state.summary == 'added commitment 5 "send figures"'


def test_help_received_is_done_when_it_is_added():
    made = add(change(), kind="help", person="sam", due=FRIDAY)
    assert (made.status, made.done_at, made.due) == ("done", NOW, None)


def test_help_received_earlier_is_done_when_it_was_received():
    made = add(change(), kind="help", person="sam", received="2026-11-22T17:00:00+00:00")
    assert (made.status, made.done_at, made.created) == ("done", datetime(2026, 11, 22, 17, 0, tzinfo=LONDON), NOW)


def test_a_person_uuid_is_the_same_on_every_machine_unless_someone_else_holds_it():
    assert ops.person_uuid("dana") == ops.person_uuid("dana") != ops.person_uuid("lee")
    taken = ops.person_uuid("dana")
    other = ops.person_uuid("dana", [taken])
    assert other != taken and other == ops.person_uuid("dana", [taken])


@pytest.mark.parametrize("name", ["person:dana", "person:lee.k", "next:5b6a1f7e", "person:zoë", ""])
def test_a_derived_uuid_is_the_uuid5_the_standard_library_gives(name):
    import uuid

    assert ops.derived_uuid(name) == str(uuid.uuid5(uuid.UUID(bytes=ops._NAMESPACE), name))


def test_a_new_uuid_is_a_random_version_4_uuid_as_the_standard_library_writes_it():
    import os
    import uuid

    from ictrack.core.model import uuid_text
    from ictrack.service import new_uuid

    for raw in (bytes(16), b"\xff" * 16, *(os.urandom(16) for _ in range(200))):
        assert uuid_text(raw, 4) == str(uuid.UUID(bytes=raw, version=4))
    made = {new_uuid() for _ in range(1000)}
    assert len(made) == 1000 and {uuid.UUID(text).version for text in made} == {4}


def test_done_closes_the_items_and_a_repeat_makes_its_next_with_a_derived_uuid():
    state = change(item(1), item(2, due=datetime.fromisoformat(FRIDAY), recur=EVERY_FRIDAY))
    closed = ops.done(state, NOW, ids=[1, 2])
    assert [(done.id, done.status, done.done_at) for done, _ in closed] == [(1, "done", NOW), (2, "done", NOW)]
    assert closed[0][1] is None
    following = closed[1][1]
    assert (following.id, following.due.isoformat()) == (3, "2026-12-04T15:00:00+00:00")
    again = change(item(2, due=datetime.fromisoformat(FRIDAY), recur=EVERY_FRIDAY))
    assert ops.done(again, NOW, ids=[2])[0][1].uuid == following.uuid  # one occurrence closed twice: one next


def test_done_at_a_past_moment_keeps_that_moment():
    (closed, _), *_ = ops.done(change(item(1)), NOW, ids=[1], at="2026-11-20T17:00:00+00:00")
    assert closed.done_at.isoformat() == "2026-11-20T17:00:00+00:00"


@pytest.mark.parametrize(
    ("record", "message"),
    [(item(1, kind="help"), 'is help you received; there is nothing to mark done'),
     (item(1, status="dropped", done_at=NOW), 'is already dropped')],
)  # fmt: skip
def test_a_refused_done_raises_before_saving_anything(record, message):
    state = change(record, item(2))
    with pytest.raises(NotAllowed, match=message):
        ops.done(state, NOW, ids=[2, 1])
    assert state.saved["items"] == {}


def test_done_asks_only_refuses_a_commitment():
    with pytest.raises(NotAllowed, match="is a commitment, not an ask"):
        ops.done(change(item(1)), NOW, ids=[1], asks_only=True)


def test_drop_of_a_series_ends_it_and_makes_no_next():
    state = change(item(1, due=datetime.fromisoformat(FRIDAY), recur=EVERY_FRIDAY))
    ((dropped, following),) = ops.drop(state, NOW, ids=[1], reason="no longer needed", series=True)
    assert (dropped.status, dropped.drop_reason, dropped.recur["ended"], following) == (
        "dropped", "no longer needed", NOW.isoformat(), None)  # fmt: skip
    with pytest.raises(NotAllowed, match="does not repeat"):
        ops.drop(change(item(2)), NOW, ids=[2], series=True)


def test_move_keeps_the_old_date_and_the_reason():
    state = change(item(1, due=datetime.fromisoformat(FRIDAY)))
    moved = ops.move(state, NOW, item_id=1, due="2026-11-30T15:00:00+00:00", reason="waiting on data")
    assert moved.due.isoformat() == "2026-11-30T15:00:00+00:00"
    assert moved.moves == [{"at": NOW.isoformat(), "from": FRIDAY, "to": "2026-11-30T15:00:00+00:00",
                            "reason": "waiting on data"}]  # fmt: skip


def test_move_many_gives_every_item_the_one_date_and_keeps_each_old_one():
    state = change(item(1, due=datetime.fromisoformat(FRIDAY)), item(2), item(3, due=NOW - timedelta(days=1)))
    moved = ops.move_many(state, NOW, ids=[1, 2, 3], due="2026-11-30T15:00:00+00:00", reason="after the audit")
    assert [(each.id, each.due.isoformat()) for each in moved] == [(n, "2026-11-30T15:00:00+00:00") for n in (1, 2, 3)]
    assert [each.moves[0]["from"] for each in moved] == [FRIDAY, None, "2026-11-22T09:00:00+00:00"]
    assert {each.moves[0]["reason"] for each in moved} == {"after the audit"}
    assert sorted(state.saved["items"]) == [1, 2, 3] and state.summary == "moved 1, 2, 3"


def test_move_many_refuses_them_all_when_one_is_closed_and_saves_nothing():
    state = change(item(1), item(2, status="done", done_at=NOW), item(3))
    with pytest.raises(NotAllowed, match='2 "item 2" is already done'):
        ops.move_many(state, NOW, ids=[1, 2, 3], due=FRIDAY)
    assert state.saved["items"] == {} and state.items[1].moves == []
    with pytest.raises(BadInput, match="no items to move"):
        ops.move_many(change(item(1)), NOW, ids=[], due=FRIDAY)


def test_a_change_to_more_than_three_items_is_named_by_its_count_and_its_first_ids():
    state = change(*(item(n) for n in (12, 14, 15, 16, 17)))
    ops.done(state, NOW, ids=[12, 14, 15, 16, 17])
    assert state.summary == "marked 5 items (12, 14, 15, …) done"
    assert ops.listed([4, 9]) == "4, 9"


def test_move_many_is_one_change_in_the_journal_and_one_undo_puts_every_date_back(home, cli):
    from ictrack.service import open_service

    for text in ("send figures by fri", "book the venue", "call the bank by tue 10am"):
        assert cli("add", text).code == 0
    before = {n: cli("show", str(n), "--json").json()["due"] for n in (1, 2, 3)}
    service = open_service()
    moved = service.move_many([1, 2, 3], "next wed 10am", "after the audit")
    assert [item.due.isoformat() for item in moved] == ["2026-12-02T10:00:00+00:00"] * 3
    _, newest, *older = cli("undo", "--list").out.splitlines()
    assert newest.endswith("  moved 1, 2, 3") and not any("moved" in line for line in older)
    assert service.undo() == "moved 1, 2, 3"
    assert {n: cli("show", str(n), "--json").json()["due"] for n in (1, 2, 3)} == before
    assert all(cli("show", str(n), "--json").json()["moves"] == [] for n in (1, 2, 3))


def test_edit_sets_only_the_fields_it_is_given():
    state = change(item(1, tags=["a", "b"], note="keep", priority="high"))
    edited = ops.edit(state, NOW, item_id=1, changes={"person": "kim", "add_tags": ["c"], "remove_tags": ["a"]})
    assert (edited.person, edited.tags, edited.note, edited.priority) == ("kim", ["b", "c"], "keep", "high")
    assert "kim" in state.people


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [({"title": "  "}, BadInput, "the title can't be empty"),
     ({"priority": "urgent"}, BadInput, '"urgent" is not a priority'),
     ({"remove_tags": ["nope"]}, NotFound, "has no tag #nope")],
)  # fmt: skip
def test_a_refused_edit_saves_nothing(changes, error, message):
    state = change(item(1))
    with pytest.raises(error, match=message):
        ops.edit(state, NOW, item_id=1, changes=changes)
    assert state.saved["items"] == {}


def test_retitle_changes_the_title_of_any_item_even_an_archived_one():
    state = change(archived={7: item(7, status="done", done_at=NOW - timedelta(days=400))})
    retitled = ops.retitle(state, NOW, item_id=7, title="  send the Q3 figures ")
    assert (retitled.id, retitled.title, retitled.status) == (7, "send the Q3 figures", "done")
    assert state.saved["items"] == {7: retitled}
    assert state.summary == 'retitled 7 "send the Q3 figures"'
    with pytest.raises(NotFound, match="there is no item 8"):
        ops.retitle(state, NOW, item_id=8, title="x")


def test_thank_records_the_note_once():
    state = change(item(1, kind="help", status="done", done_at=NOW, person="sam"))
    thanked = ops.thank(state, NOW, item_id=1, note=" Thanks, Sam ")
    assert (thanked.thanked_at, thanked.thank_note) == (NOW, "Thanks, Sam")
    with pytest.raises(NotAllowed, match="was already thanked on Mon 23 Nov"):
        ops.thank(state, NOW, item_id=1)
    with pytest.raises(NotAllowed, match="has not been received yet"):
        ops.thank(change(item(2, kind="ask")), NOW, item_id=2)


def test_a_checkin_needs_a_known_person_and_suggests_the_nearest():
    state = change(people=("lee.k",))
    checked = ops.checkin(state, NOW, uuid="c-1", handle="lee.k", rating=4, note=" more notice ")
    assert (checked.person, checked.rating, checked.note) == ("lee.k", 4, "more notice")
    with pytest.raises(NotFound, match=r"nobody called @lee; did you mean @lee.k\?"):
        ops.checkin(state, NOW, uuid="c-2", handle="lee")


def test_care_twice_a_day_adds_to_the_ticks_in_the_order_of_the_checks():
    state = change()
    ops.care(state, NOW, checks=CHECKS, done=["break"], energy=3)
    later = ops.care(state, NOW + timedelta(hours=4), checks=CHECKS, done=["slept"])
    assert (later.day, later.done, later.energy) == ("2026-11-23", ["slept", "break"], 3)
    replaced = ops.care(state, NOW + timedelta(hours=5), checks=CHECKS, done=["lunch"], replace_done=True)
    assert replaced.done == ["lunch"] and isinstance(state.care["2026-11-23"], CareCheck)


def test_update_person_clears_a_team_with_an_empty_string():
    state = change(people=("dana",))
    ops.update_person(state, NOW, handle="dana", kind="manager", team="data", cadence=14)
    cleared = ops.update_person(state, NOW, handle="dana", team="")
    assert (cleared.kind, cleared.team, cleared.cadence) == ("manager", None, 14)


def test_fill_refuses_a_folder_that_holds_anything():
    with pytest.raises(NotAllowed, match="fills an empty data folder"):
        ops.fill(change(item(1)), NOW, items=[], people=[], care=[], checkins=[], next_id=1, source="x.json")


def test_add_tasks_leaves_out_uuids_already_held_and_numbers_the_rest():
    state = change(item(1, uuid="held"))
    added = ops.add_tasks(state, NOW, items=[item(0, uuid="held"), item(0, uuid="fresh", person="ops")], source="tw")
    assert [(task.id, task.uuid) for task in added] == [(2, "fresh")] and "ops" in state.people


def test_a_new_operation_is_applied_journalled_and_undone_by_the_service_with_no_code_of_its_own(home, cli):
    from ictrack.service import open_service

    assert cli("add", "@dana send figures by fri").code == 0
    service = open_service()
    retitled, _ = service.apply(ops.retitle, item_id=1, title="send the Q3 figures")
    assert cli("show", "1", "--json").json()["title"] == retitled.title == "send the Q3 figures"
    assert service.undo() == 'retitled 1 "send the Q3 figures"'
    assert cli("show", "1", "--json").json()["title"] == "send figures"


def people_change(*items: Item, people: tuple[str, ...] = (), checkins=(), archived_people=None):
    """A Change with check-ins, and what its archives hold by handle (item IDs, check-in uuids)."""
    state = change(*items, people=people)
    state.checkins.update((checked.uuid, checked) for checked in checkins)
    state._archived_people = lambda: dict(archived_people or {})
    return state


def test_person_add_makes_someone_before_any_item_names_them_and_refuses_a_second():
    state = change(people=("dana",))
    made = ops.person_add(state, NOW, handle="lee.k", name="  Lee   Kim ", kind="report", team=" data ", cadence=7)
    assert (made.handle, made.name, made.kind, made.team, made.cadence) == ("lee.k", "Lee Kim", "report", "data", 7)
    assert made.uuid == ops.person_uuid("lee.k") and set(state.saved["people"]) == {"lee.k"}
    with pytest.raises(NotAllowed, match="@dana already exists"):
        ops.person_add(state, NOW, handle="dana")


def test_update_person_sets_a_display_name_and_clears_it_with_an_empty_string():
    state = change(people=("lee.k",))
    assert ops.update_person(state, NOW, handle="lee.k", name="Lee Kim").name == "Lee Kim"
    assert ops.update_person(state, NOW, handle="lee.k", kind="manager").name == "Lee Kim"
    assert ops.update_person(state, NOW, handle="lee.k", name="").name is None
    with pytest.raises(BadInput, match="at most 100 characters"):
        ops.update_person(state, NOW, handle="lee.k", name="x" * 101)


def test_rename_keeps_the_uuid_and_moves_every_record_in_memory_without_writing_them():
    checked = CheckIn("c-1", "lee", NOW)
    state = people_change(item(1, person="lee"), item(2, person="dana"), people=("lee", "dana"), checkins=[checked])
    renamed = ops.person_rename(state, NOW, handle="lee", new="lee.k")
    assert (renamed.handle, renamed.uuid) == ("lee.k", ops.person_uuid("lee"))
    assert set(state.people) == {"lee.k", "dana"} and set(state.saved["people"]) == {"lee.k"}
    assert (state.items[1].person, state.items[2].person, checked.person) == ("lee.k", "dana", "lee.k")
    assert not state.saved["items"] and not state.saved["checkins"]  # stored by uuid: nothing else changes
    assert state.summary == "renamed @lee to @lee.k"


@pytest.mark.parametrize(("handle", "new", "message"), [
    ("lee", "dana", "@dana already exists; `ictrack person merge lee dana`"),
    ("lee", "lee", "already has that handle"),
    ("kim", "kim.l", "nobody called @kim"),
])  # fmt: skip
def test_a_refused_rename_saves_nothing(handle, new, message):
    state = change(people=("lee", "dana"))
    with pytest.raises((NotAllowed, NotFound), match=message):
        ops.person_rename(state, NOW, handle=handle, new=new)
    assert not any(state.saved.values()) and set(state.people) == {"lee", "dana"}


def test_merge_moves_items_checkins_and_notes_and_keeps_the_uuid_for_archived_records():
    checked = CheckIn("c-1", "lee", NOW - timedelta(days=2), 3)
    state = people_change(item(1, person="lee"), item(2, person="lee.k"), people=("lee", "lee.k"), checkins=[checked])
    state.people["lee"].notes = [Note(NOW - timedelta(days=1), "typo'd handle")]
    state.people["lee"].team = "data"
    state.people["lee.k"].notes = [Note(NOW - timedelta(days=5), "prefers mornings")]
    kept = ops.person_merge(state, NOW, handle="lee", into="lee.k")
    assert set(state.people) == {"lee.k"} and [person.handle for person in state.gone] == ["lee"]
    assert (state.items[1].person, checked.person) == ("lee.k", "lee.k")
    assert set(state.saved["items"]) == {1} and set(state.saved["checkins"]) == {"c-1"}
    assert [note.text for note in kept.notes] == ["prefers mornings", "typo'd handle"]  # oldest first
    assert kept.merged == [ops.person_uuid("lee")] and kept.uuids == [ops.person_uuid("lee.k"), ops.person_uuid("lee")]
    assert kept.team == "data"  # filled where the one kept had none
    assert state.summary == "merged @lee into @lee.k"


def test_a_person_merged_twice_keeps_every_uuid_records_may_name():
    state = change(people=("a", "b", "c"))
    ops.person_merge(state, NOW, handle="a", into="b")
    kept = ops.person_merge(state, NOW, handle="b", into="c")
    assert set(kept.uuids) == {ops.person_uuid(handle) for handle in ("a", "b", "c")}


def test_merge_into_oneself_or_nobody_is_refused():
    state = change(people=("lee",))
    with pytest.raises(NotAllowed, match="themselves"):
        ops.person_merge(state, NOW, handle="lee", into="lee")
    with pytest.raises(NotFound, match=r"nobody called @lee\.k"):
        ops.person_merge(state, NOW, handle="lee", into="lee.k")
    assert not state.gone and not any(state.saved.values())


def test_a_new_person_never_gets_a_uuid_someone_merged_still_answers_to():
    state = change(people=("lee", "lee.k"))
    ops.person_merge(state, NOW, handle="lee", into="lee.k")
    again = add(state, person="lee")  # the typo, typed again
    assert state.people["lee"].uuid not in state.people["lee.k"].uuids and again.person == "lee"


def test_remove_takes_out_someone_with_no_history():
    state = people_change(people=("kim", "dana"))
    gone = ops.person_remove(state, NOW, handle="kim")
    assert gone.handle == "kim" and set(state.people) == {"dana"} and state.gone == [gone]


@pytest.mark.parametrize(("setup", "message"), [
    (lambda state: state.items.update({1: item(1, person="kim")}), "@kim has 1 item;"),
    (lambda state: state.checkins.update({"c": CheckIn("c", "kim", NOW)}), "@kim has 1 check-in;"),
    (lambda state: state.people["kim"].notes.append(Note(NOW, "x")), "@kim has 1 note;"),
    (lambda state: state.people["kim"].merged.append("u-old"), "@kim has someone merged into them;"),
    (lambda state: setattr(state, "_archived_history", lambda handle: ({7}, set())), "@kim has 1 item;"),
    (lambda state: setattr(state, "_archived_history", lambda handle: (set(), {"c"})), "@kim has 1 check-in;"),
])  # fmt: skip
def test_remove_refuses_anyone_with_history_and_points_to_merge(setup, message):
    """Each kind of history alone; all of them are listed together (below)."""
    state = people_change(people=("kim",))
    setup(state)
    with pytest.raises(NotAllowed, match=message) as refused:
        ops.person_remove(state, NOW, handle="kim")
    assert "`ictrack person merge kim OTHER`" in str(refused.value)
    assert "kim" in state.people and not state.gone


def test_a_note_is_dated_and_an_empty_one_is_refused():
    state = change(people=("dana",))
    noted = ops.person_note(state, NOW, handle="dana", text="  prefers figures a day early ")
    assert [(note.at, note.text) for note in noted.notes] == [(NOW, "prefers figures a day early")]
    with pytest.raises(BadInput, match="empty"):
        ops.person_note(state, NOW, handle="dana", text="   ")


def test_remove_lists_all_the_history_it_found():
    state = people_change(item(1, person="kim"), item(2, person="kim"), people=("kim",))
    state.people["kim"].notes.append(Note(NOW, "x"))
    state.people["kim"].merged.append("u-old")
    with pytest.raises(NotAllowed, match="@kim has 2 items, 1 note and someone merged into them;"):
        ops.person_remove(state, NOW, handle="kim")


def test_snooze_keeps_the_day_an_open_item_waits_until_and_says_so_for_undo():
    state = change(item(1, due=datetime.fromisoformat(FRIDAY)))
    snoozed = ops.snooze(state, NOW, item_id=1, until="2026-11-26")
    assert snoozed.wait.isoformat() == "2026-11-26" and snoozed.waiting(NOW)
    assert not snoozed.waiting(datetime(2026, 11, 26, 0, 0, tzinfo=LONDON))  # back at the start of its day
    assert state.summary == "snoozed 1" and set(state.saved["items"]) == {1}
    assert snoozed.to_record()["wait"] == "2026-11-26"


def test_snooze_off_brings_an_item_back_and_a_record_without_a_wait_has_no_wait_key():
    state = change(item(1, wait=datetime(2026, 11, 30).date()))
    back = ops.snooze(state, NOW, item_id=1, until=None)
    assert back.wait is None and "wait" not in back.to_record()
    assert state.summary == "brought 1 back from its snooze"


@pytest.mark.parametrize(
    ("fields", "until", "error", "words"),
    [
        ({}, "2026-11-23", BadInput, "later day than today"),
        ({}, None, NotAllowed, "is not waiting"),
        ({"kind": "help", "status": "done", "done_at": NOW}, "2026-11-30", NotAllowed, "help you received"),
        ({"status": "done", "done_at": NOW}, "2026-11-30", NotAllowed, "already done"),
        ({"wait": datetime(2026, 11, 30).date()}, "2026-11-30", BadInput, "nothing changed"),
    ],
)
def test_snooze_refuses_what_cannot_wait_before_saving_anything(fields, until, error, words):
    state = change(item(1, **fields))
    with pytest.raises(error, match=words):
        ops.snooze(state, NOW, item_id=1, until=until)
    assert state.saved["items"] == {}


def test_an_add_may_wait_but_help_received_may_not():
    assert add(change(), wait="2026-11-30").wait.isoformat() == "2026-11-30"
    with pytest.raises(BadInput, match="already happened"):
        add(change(), kind="help", wait="2026-11-30")
