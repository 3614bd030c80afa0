"""`edit --kind`: a commitment, an ask or help received becomes another kind, keeping all it holds, or is refused
in one line, with exit code 2, when it holds what the new kind can't (or lacks what it needs)."""

from __future__ import annotations

import json

import pytest

from ictrack.core import ops
from ictrack.core.model import Item, unstamp
from ictrack.core.state import Change
from ictrack.errors import IctrackError
from tests import ondisk

NOW = unstamp("2026-11-23T09:00:00+00:00")


def item(home, item_id: int) -> dict:
    return ondisk.items(home / "ictrack.json")[item_id]


def refused_in_one_line(result, home, before: bytes) -> bool:
    return (result.code == 2 and result.err.count("\n") == 1 and result.err.startswith("ictrack: ")
            and (home / "ictrack.json").read_bytes() == before)  # fmt: skip


class TestEachWay:
    def test_a_commitment_to_someone_becomes_an_ask_keeping_its_due_date_tags_and_moves(self, cli, home):
        assert cli("add", "@lee review the deck by thu #q3").code == 0
        assert cli("move", "1", "fri", "--reason", "late data").code == 0
        before = item(home, 1)
        result = cli("edit", "1", "--kind", "ask", "--json")
        assert result.code == 0 and result.json()["kind"] == "ask"
        assert item(home, 1) == {**before, "kind": "ask"}
        assert [entry["id"] for entry in cli("list", "--kind", "ask", "--json").json()] == [1]

    def test_a_commitment_naming_nobody_becomes_an_ask_when_the_person_is_given_too(self, cli, home):
        assert cli("add", "review the deck by thu").code == 0
        assert cli("edit", "1", "--kind", "ask", "--to", "lee").code == 0
        assert (item(home, 1)["kind"], item(home, 1)["person"]) == ("ask", "lee")

    def test_an_ask_becomes_a_commitment(self, cli, home):
        assert cli("ask", "@lee review the deck by thu").code == 0
        assert cli("edit", "1", "--kind", "commitment").code == 0
        assert item(home, 1)["kind"] == "commitment" and item(home, 1)["status"] == "open"

    def test_an_open_commitment_becomes_help_received_now_once_its_due_date_goes_too(self, cli, home):
        assert cli("add", "@sam fixed the build by fri", now="2026-11-20T10:00").code == 0
        assert cli("edit", "1", "--kind", "help", "--no-due", now="2026-11-23T09:00").code == 0
        stored = item(home, 1)
        assert (stored["kind"], stored["status"], stored["due"]) == ("help", "done", None)
        assert stored["done_at"] == "2026-11-23T09:00:00+00:00"
        assert "fixed the build" in cli("thanks").out  # help received is owed a thank-you

    def test_a_delivered_commitment_becomes_help_received_when_it_was_delivered(self, cli, home):
        assert cli("add", "@sam covered my shift").code == 0
        assert cli("done", "1", "--at", "yesterday 4pm").code == 0
        assert cli("edit", "1", "--kind", "help").code == 0
        assert (item(home, 1)["kind"], item(home, 1)["done_at"]) == ("help", "2026-11-22T16:00:00+00:00")

    def test_help_becomes_a_received_ask_still_owed_a_thank_you(self, cli, home):
        assert cli("helped", "@sam fixed the build").code == 0
        assert cli("edit", "1", "--kind", "ask").code == 0
        stored = item(home, 1)
        assert (stored["kind"], stored["status"], stored["done_at"]) == ("ask", "done", "2026-11-23T09:00:00+00:00")
        assert "fixed the build" in cli("thanks").out

    def test_help_becomes_a_delivered_commitment(self, cli, home):
        assert cli("helped", "sorted the rota").code == 0
        assert cli("edit", "1", "--kind", "commitment").code == 0
        assert (item(home, 1)["kind"], item(home, 1)["status"]) == ("commitment", "done")

    def test_undo_gives_an_item_its_kind_back(self, cli, home):
        assert cli("ask", "@lee review the deck by thu").code == 0
        before = item(home, 1)
        assert cli("edit", "1", "--kind", "commitment").code == 0
        assert cli("undo").out == "Undid: edited 1\n"
        assert item(home, 1) == before


class TestRefusals:
    def test_an_ask_needs_a_person(self, cli, home):
        assert cli("add", "review the deck by thu").code == 0
        before = (home / "ictrack.json").read_bytes()
        result = cli("edit", "1", "--kind", "ask")
        assert refused_in_one_line(result, home, before), result.err
        assert result.err == ('ictrack: 1 "review the deck" names nobody, and an ask needs the person who promised '
                              "it; give the person too (--to NAME).\n")  # fmt: skip

    def test_an_ask_can_not_lose_its_person_in_the_same_edit(self, cli, home):
        assert cli("add", "@lee review the deck").code == 0
        before = (home / "ictrack.json").read_bytes()
        assert refused_in_one_line(cli("edit", "1", "--kind", "ask", "--no-person"), home, before)

    def test_a_thanked_ask_or_help_can_not_become_a_commitment(self, cli, home):
        assert cli("helped", "@sam fixed the build").code == 0
        assert cli("thank", "1", "--note", "thanks!").code == 0
        before = (home / "ictrack.json").read_bytes()
        result = cli("edit", "1", "--kind", "commitment")
        assert refused_in_one_line(result, home, before), result.err
        assert "was thanked on Mon 23 Nov, and a commitment is a promise you made, never thanked." in result.err

    def test_help_has_no_due_date_unless_it_goes_in_the_same_edit(self, cli, home):
        assert cli("add", "@sam fixed the build by fri").code == 0
        before = (home / "ictrack.json").read_bytes()
        result = cli("edit", "1", "--kind", "help")
        assert refused_in_one_line(result, home, before), result.err
        assert "has a due date, and help you received has none; remove it too (--no-due)." in result.err

    def test_a_dropped_item_can_not_become_help(self, cli, home):
        assert cli("add", "@sam fix the build").code == 0
        assert cli("drop", "1").code == 0
        before = (home / "ictrack.json").read_bytes()
        result = cli("edit", "1", "--kind", "help")
        assert refused_in_one_line(result, home, before) and "was dropped" in result.err

    def test_a_repeating_item_can_not_become_help(self, cli, home):
        assert cli("add", "@payroll send time sheet every fri 1pm").code == 0
        before = (home / "ictrack.json").read_bytes()
        result = cli("edit", "1", "--kind", "help", "--no-due")
        assert refused_in_one_line(result, home, before) and "`ictrack drop 1 --series` ends the series" in result.err

    def test_a_kind_that_is_none_of_the_three_is_refused_by_the_parser(self, cli, home):
        assert cli("add", "one").code == 0
        result = cli("edit", "1", "--kind", "favour")
        assert result.code == 2 and "invalid choice: 'favour'" in result.err


@pytest.mark.parametrize(
    ("fields", "changes", "field"),
    [
        ({"kind": "commitment"}, {"kind": "ask"}, "person"),
        ({"kind": "commitment", "due": NOW}, {"kind": "help"}, "due"),
        ({"kind": "help", "status": "done", "done_at": NOW, "thanked_at": NOW}, {"kind": "commitment"}, "kind"),
        ({"kind": "commitment"}, {"title": "  "}, "title"),
        ({"kind": "commitment"}, {"remove_tags": ["absent"]}, "tags"),
    ],
)  # fmt: skip
def test_each_refusal_of_an_edit_names_the_field_at_fault(fields, changes, field):
    stored = Item(id=1, uuid="u-1", title="fix the build", created=NOW, **fields)
    change = Change({"items": {1: stored}, "people": {}, "care": {}, "checkins": {}}, 2)
    with pytest.raises(IctrackError) as refused:
        ops.edit(change, NOW, item_id=1, changes=changes)
    assert refused.value.field == field
    assert change.saved["items"] == {}


@pytest.mark.parametrize("argv", [["--kind", "commitment"], ["--title", "send figures"], ["--priority", "normal"]])
def test_an_edit_that_changes_nothing_is_refused_and_leaves_no_undo_step(cli, home, argv):
    assert cli("add", "send figures").code == 0
    before = (home / "ictrack.json").read_bytes()
    refused = cli("edit", "1", *argv)
    assert (refused.code, refused.err) == (2, 'ictrack: nothing changed: 1 "send figures" already reads so.\n')
    assert (home / "ictrack.json").read_bytes() == before


def test_an_archived_item_made_help_still_owed_thanks_leaves_its_archive_for_the_data_file(cli, home):
    """It is no longer settled, so it lives in the data file, and in one place only: doctor finds nothing."""
    assert cli("add", "@dana old report by fri", now="2026-09-01T09:00").code == 0
    assert cli("done", "1", now="2026-09-01T09:00").code == 0
    assert cli("add", "@dana next", now="2026-11-23T09:00").code == 0  # archives item 1
    assert "items" in json.loads((home / "archive-2026-09.json").read_text())
    assert cli("edit", "1", "--kind", "help", "--no-due", now="2026-11-23T09:10").code == 0
    assert json.loads((home / "archive-2026-09.json").read_text()).get("items", {}) == {}
    assert cli("add", "one more", now="2026-11-23T09:20").code == 0
    checked = cli("doctor", now="2026-11-23T09:20")
    assert checked.code == 0 and "No problems found." in checked.out
    assert "helped: old report" in cli("thanks", now="2026-11-23T09:20").out
    assert cli("undo", "--yes", now="2026-11-23T09:30").code == 0
    assert cli("undo", "--yes", now="2026-11-23T09:30").out == "Undid: edited 1\n"
    assert cli("show", "1", "--json", now="2026-11-23T09:30").json()["kind"] == "commitment"
    assert cli("doctor", now="2026-11-23T09:30").code == 0
