"""Snooze: an open item waits until a day, out of the review, the brief and the counts, and comes back on its day.

The clock is pinned on Monday 23 November 2026, 09:00 in London (tests/conftest.py).
"""

from __future__ import annotations

import pytest


@pytest.fixture
def snoozed(cli):
    """1 due Friday, snoozed until Thursday; 2 overdue by Tuesday, snoozed until Wednesday; 3 due today."""
    assert cli("add", "@dana send Q3 figures by fri").code == 0
    assert cli("add", "call the bank by 10am", now="2026-11-23T08:00").code == 0
    assert cli("add", "book the venue by 5pm").code == 0
    assert cli("snooze", "1", "thu").out == "Snoozed 1: send Q3 figures, waiting until Thu 26 Nov\n"
    assert cli("snooze", "2", "wed").code == 0
    return cli


def test_a_snoozed_item_is_left_out_of_the_brief_and_its_counts_until_its_day(snoozed):
    brief = snoozed("brief", "--json", now="2026-11-24T11:00").json()
    assert [item["id"] for item in brief["today"] + brief["overdue"] + brief["at_risk"]] == [3]  # 2 is overdue too
    assert [item["id"] for item in brief["waiting"]] == [2, 1]
    assert "Waiting: 2 items snoozed until a later day" in snoozed("brief", now="2026-11-24T11:00").out
    back = snoozed("brief", "--json", now="2026-11-25T00:00").json()
    assert [item["id"] for item in back["overdue"]] == [2, 3] and [item["id"] for item in back["waiting"]] == [1]


def test_list_leaves_snoozed_items_out_and_list_all_marks_them_waiting(snoozed):
    assert [line.split()[0] for line in snoozed("list").out.splitlines()] == ["3"]
    every = snoozed("list", "--all").out
    assert "send Q3 figures → @dana, due Fri 27 Nov 17:00 (in 4 days) [waiting until Thu 26 Nov]" in every
    assert [item["id"] for item in snoozed("list", "--waiting", "--json").json()] == [2, 1]
    assert snoozed("list", "--waiting", "--json").json()[1]["wait"] == "2026-11-26"
    assert "wait" not in snoozed("show", "3", "--json").json()  # a field only a snoozed item has


def test_an_item_comes_back_on_its_day_with_its_snooze_kept_on_record(snoozed):
    assert [line.split()[0] for line in snoozed("list", now="2026-11-26T00:01").out.splitlines()] == ["2", "3", "1"]
    assert snoozed("list", "--waiting", now="2026-11-26T00:01").out == "Nothing here.\n"
    assert "waiting" not in snoozed("show", "1", now="2026-11-26T00:01").out


def test_snooze_off_brings_it_back_now_and_undo_takes_that_back(snoozed):
    assert snoozed("snooze", "1", "--off").out == "Back 1: send Q3 figures\n"
    assert "1" in [line.split()[0] for line in snoozed("list").out.splitlines()]
    assert snoozed("undo").out == "Undid: brought 1 back from its snooze\n"
    assert "[waiting until Thu 26 Nov]" in snoozed("list", "--all").out


def test_a_snooze_past_the_due_date_is_kept_with_a_note_that_it_comes_back_overdue(snoozed):
    result = snoozed("snooze", "3", "dec 1")
    assert result.code == 0
    assert "3 is due Mon 23 Nov 17:00, before it comes back; it will be overdue by then" in result.err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("snooze", "1"), 2, "give the day it comes back"),
        (("snooze", "1", "fri", "--off"), 2, "give the day it comes back"),
        (("snooze", "3", "today"), 2, "later day than today"),
        (("snooze", "3", "yesterday"), 2, "already in the past"),
        (("snooze", "3", "--off"), 1, "is not waiting"),
        (("snooze", "99", "fri"), 1, "there is no item 99"),
    ],
)
def test_a_snooze_that_cannot_be_is_one_line_and_changes_nothing(snoozed, home, args, code, words):
    before = (home / "ictrack.json").read_bytes()
    result = snoozed(*args)
    assert (result.code, result.err.count("\n")) == (code, 1) and words in result.err, result.err
    assert (home / "ictrack.json").read_bytes() == before


def test_quick_add_reads_wait_when_and_leaves_it_out_of_the_title(cli):
    added = cli("add", "@dana send figures by fri wait thu")
    assert added.out == "Added 1: send figures → @dana, due Fri 27 Nov 17:00 (in 4 days) (waiting until Thu 26 Nov)\n"
    assert cli("add", "ask lee to wait until fri", "--json").json()["title"] == "ask lee to wait"
    assert cli("add", "wait for the call", "--json").json()["title"] == "wait for the call"
    assert cli("ask", "@lee the deck", "--wait", "next mon", "--json").json()["wait"] == "2026-11-30"
    helped = cli("helped", "@sam fixed it", "--wait", "fri")
    assert helped.code == 2 and "unrecognized arguments: --wait" in helped.err  # help has already happened
