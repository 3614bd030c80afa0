"""The store: file modes, atomic writes, the lock, the schema, undo and stable IDs."""

import errno
import fcntl
import json
import os
import stat
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.model import Item, Person
from ictrack.errors import NotFound, StorageProblem
from ictrack.storage import JOURNAL_LIMIT, SCHEMA, Store
from tests import ondisk

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def add_item(store: Store, title: str = "send figures") -> int:
    with store.change(f"added {title}", NOW) as change:
        item = Item(id=change.new_id(), uuid=title, kind="commitment", title=title, created=NOW)
        change.save_item(item)
    return item.id


def test_the_folder_is_private_and_the_files_are_0600(tmp_path):
    store = Store(tmp_path / "data")
    add_item(store)
    assert stat.S_IMODE(os.stat(store.home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store.lock_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store.journal_path).st_mode) == 0o600
    assert sorted(os.listdir(store.home)) == ["ictrack.json", "ictrack.lock", "journal.jsonl"]  # no temp file left


def test_the_file_records_its_schema_and_is_plain_json(tmp_path):
    store = Store(tmp_path)
    add_item(store)
    data = json.loads(store.path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA
    assert ondisk.items(store.path)[1]["title"] == "send figures"


def test_reading_a_folder_with_no_data_file_gives_nothing_and_creates_nothing(tmp_path):
    store = Store(tmp_path / "fresh")
    assert store.load().items == {}
    assert not (tmp_path / "fresh").exists()


def test_a_file_from_a_newer_ictrack_is_refused(tmp_path):
    store = Store(tmp_path)
    store.path.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA + 1, "next_id": 1}}}))
    with pytest.raises(StorageProblem, match="newer ictrack") as error:
        store.load()
    assert error.value.exit_code == 3


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"items": []}', '{"items": {"1": {"title": 5}}}'])
def test_a_damaged_file_is_a_storage_problem_and_is_left_alone(tmp_path, content):
    store = Store(tmp_path)
    store.path.write_text(content)
    with pytest.raises(StorageProblem, match=str(store.path)):
        add_item(store)
    assert store.path.read_text() == content


def test_a_held_lock_times_out_with_exit_code_3_naming_the_file(tmp_path):
    store = Store(tmp_path, lock_timeout=0.2)
    add_item(store)
    before = store.path.read_bytes()
    holder = os.open(store.lock_path, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(StorageProblem, match="locked by another ictrack process") as error:
            add_item(store, "blocked")
        assert str(store.path) in str(error.value)
        assert error.value.exit_code == 3
    finally:
        os.close(holder)
    assert store.path.read_bytes() == before
    add_item(store, "after the lock is free")


@pytest.mark.parametrize("full", [".tmp", "journal.jsonl"])
def test_a_full_disk_changes_nothing_whichever_file_it_stops(tmp_path, monkeypatch, full):
    store = Store(tmp_path)
    add_item(store)
    before = store.path.read_bytes()
    real_write = os.write

    def no_room(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").endswith(full):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", no_room)
    with pytest.raises(StorageProblem, match="No space left on device"):
        add_item(store, "too much")
    assert store.path.read_bytes() == before
    assert [step.summary for step in store.history().undo] == ["added send figures"]  # a line written is not in effect
    assert sorted(os.listdir(tmp_path)) == ["backups", "ictrack.json", "ictrack.lock", "journal.jsonl"]  # no temp file


def test_a_change_that_raises_writes_nothing(tmp_path):
    store = Store(tmp_path)
    add_item(store)
    before = store.path.read_bytes()
    with pytest.raises(NotFound), store.change("edit", NOW) as change:
        item = change.item(1)
        item.title = "half-done edit"
        change.save_item(item)
        change.item(99)
    assert store.path.read_bytes() == before


def test_ids_are_never_reused_even_after_undoing_the_newest_item(tmp_path):
    store = Store(tmp_path)
    assert [add_item(store, t) for t in "abc"] == [1, 2, 3]
    assert store.undo() == "added c"
    assert add_item(store, "d") == 4


def test_undo_walks_back_through_changes_including_new_people(tmp_path):
    store = Store(tmp_path)
    add_item(store, "a")
    with store.change("retitle", NOW) as change:
        item = change.item(1)
        item.title = "b"
        change.save_item(item)
        change.save_person(Person("dana", NOW))
    assert store.load().items[1].title == "b"
    assert store.undo() == "retitle"
    state = store.load()
    assert (state.items[1].title, state.people) == ("a", {})
    assert store.undo() == "added a"
    assert store.load().items == {}
    assert store.undo() is None


def test_the_journal_keeps_the_last_hundred_changes_and_its_file_no_more_than_two_hundred_lines(tmp_path):
    store = Store(tmp_path)
    for n in range(2 * JOURNAL_LIMIT + 5):
        add_item(store, f"item {n}")
    assert len(ondisk.journal(tmp_path)) == JOURNAL_LIMIT
    assert [step.summary for step in store.history().undo[:2]] == ["added item 204", "added item 203"]
    lines = store.journal_path.read_bytes().splitlines()
    assert len(lines) == 7 and json.loads(lines[0])["whole"]  # written anew as at change 199, then 200 to 205
    assert len(json.loads(lines[0])["journal"]) == JOURNAL_LIMIT
