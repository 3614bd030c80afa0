"""Undo you can see: `undo --list`, what `undo` says, `redo`, and asking before a change made on an earlier day."""

from __future__ import annotations

import json
import os

import pexpect
import pytest

from ictrack.core.history import Origin, Step
from ictrack.errors import NotAllowed
from ictrack.service import open_service
from tests import ondisk
from tests.test_terminal import finish, spawn

HOST = os.uname().nodename


def stored(home) -> dict:
    return ondisk.read(home / "ictrack.json")


def records(home) -> dict:
    """The stored records, without the journal, the redo stack and the meta: what the user's data is."""
    return {name: table for name, table in stored(home).items() if table and name not in ("journal", "redo", "meta")}


def one_line(result) -> bool:
    return result.err.count("\n") == 1 and result.err.startswith("ictrack: ") and "Traceback" not in result.err


@pytest.fixture
def two_days(cli):
    """Item 1 added on Sunday, then on Monday (the pinned day) item 1 done and item 2 added."""
    assert cli("add", "@dana send Q3 figures by fri", now="2026-11-22T17:00").code == 0
    assert cli("done", "1", now="2026-11-23T08:00").code == 0
    assert cli("add", "book the venue", now="2026-11-23T08:30").code == 0


class TestTheJournal:
    def test_every_change_notes_when_and_on_which_machine_shell_and_process_it_was_made(self, cli, home):
        assert cli("add", "one").code == 0
        (entry,) = ondisk.journal(home).values()
        assert entry["at"] == "2026-11-23T09:00:00+00:00"
        assert entry["where"]["host"] == HOST and entry["where"]["origin"] == "cli"
        assert entry["where"]["session"] == str(os.getpid())  # the in-process CLI's own process

    def test_a_tui_service_notes_its_changes_as_the_tuis_with_a_session_of_its_own(self, home):
        first, second = open_service(running=True), open_service(running=True)
        assert first.origin.shell == "tui" and first.origin.session != second.origin.session
        first.log("commitment", "one")
        (entry,) = ondisk.journal(home).values()
        assert entry["where"] == {"host": HOST, "origin": "tui", "session": first.origin.session}
        assert first.history().next_undo.made_by(first.origin)
        assert not first.history().next_undo.made_by(second.origin)


class TestUndoList:
    def test_undo_list_shows_every_change_newest_first_with_when_and_where(self, cli, two_days):
        listed = cli("undo", "--list")
        assert listed.code == 0
        assert listed.out.splitlines() == [
            "Undo takes back, newest first:",
            '  Mon 23 Nov 08:30  cli  added commitment 2 "book the venue"',
            "  Mon 23 Nov 08:00  cli  marked 1 done",
            '  Sun 22 Nov 17:00  cli  added commitment 1 "send Q3 figures"',
        ]

    def test_undo_list_shows_what_redo_would_put_back_and_changes_nothing(self, cli, home, two_days):
        assert cli("undo").code == 0
        before = (home / "ictrack.json").read_bytes()
        lines = cli("undo", "--list").out.splitlines()
        assert lines[0] == "Undo takes back, newest first:" and len(lines) == 5
        assert lines[3:] == ["Redo puts back, last undone first:",
                             '  Mon 23 Nov 08:30  cli  added commitment 2 "book the venue"']  # fmt: skip
        assert (home / "ictrack.json").read_bytes() == before

    def test_a_change_made_on_another_machine_names_the_machine(self, cli, home, two_days):
        ondisk.edit_journal(home, lambda journal, redo: journal["2"].update(
            where={"host": "desktop", "origin": "tui", "session": "5f1c9a2e"}))  # fmt: skip
        lines = cli("undo", "--list").out.splitlines()
        assert lines[1:3] == ['  Mon 23 Nov 08:30  cli             added commitment 2 "book the venue"',
                              "  Mon 23 Nov 08:00  tui on desktop  marked 1 done"]  # fmt: skip

    def test_an_entry_from_before_when_and_where_were_noted_lists_with_a_dash(self, cli, home, two_days):
        def unnoted(journal, redo):
            for entry in journal.values():
                entry.pop("where")
            journal["1"].pop("at")

        ondisk.edit_journal(home, unnoted)
        lines = cli("undo", "--list").out.splitlines()
        assert lines[1] == '  Mon 23 Nov 08:30  —  added commitment 2 "book the venue"'
        assert lines[3] == '  —                 —  added commitment 1 "send Q3 figures"'

    def test_undo_list_with_nothing_to_undo_says_so(self, cli, home):
        assert cli("undo", "--list").out == "Nothing to undo.\n"
        assert not (home / "ictrack.json").exists()

    def test_undo_list_json_gives_what_undo_and_redo_would_take_newest_first_with_when_and_where(
        self, cli, home, two_days
    ):
        assert cli("undo").code == 0
        before = (home / "ictrack.json").read_bytes()
        listed = cli("undo", "--list", "--json")
        assert listed.code == 0, listed.err
        here = {"host": HOST, "shell": "cli", "session": str(os.getpid()), "sound": True}
        assert listed.json() == {
            "undo": [{"summary": "marked 1 done", "at": "2026-11-23T08:00:00+00:00", **here},
                     {"summary": 'added commitment 1 "send Q3 figures"', "at": "2026-11-22T17:00:00+00:00", **here}],
            "redo": [{"summary": 'added commitment 2 "book the venue"', "at": "2026-11-23T08:30:00+00:00", **here}],
        }  # fmt: skip
        assert (home / "ictrack.json").read_bytes() == before

    def test_undo_list_json_of_an_entry_that_noted_nothing_has_nulls_and_of_an_empty_journal_empty_lists(
        self, cli, home, two_days, tmp_path, monkeypatch
    ):
        ondisk.edit_journal(home, lambda journal, redo: [journal["1"].pop(field) for field in ("at", "where")])
        oldest = cli("undo", "--list", "--json").json()["undo"][-1]
        assert oldest == {"summary": 'added commitment 1 "send Q3 figures"', "at": None, "host": None, "shell": None,
                          "session": None, "sound": True}  # fmt: skip
        monkeypatch.setenv("ICTRACK_HOME", str(tmp_path / "new"))
        assert cli("undo", "--list", "--json").json() == {"undo": [], "redo": []}

    def test_undo_json_without_list_is_refused_for_undo_prints_text(self, cli, two_days):
        refused = cli("undo", "--json")
        assert refused.code == 2 and one_line(refused) and "--json goes with --list" in refused.err
        assert len(cli("undo", "--list", "--json").json()["undo"]) == 3  # nothing was undone


class TestUndo:
    def test_undo_prints_what_it_undid_and_the_next_undo_is_the_change_before(self, cli, two_days):
        assert cli("undo").out == 'Undid: added commitment 2 "book the venue"\n'
        assert cli("undo").out == "Undid: marked 1 done\n"
        assert cli("undo", "--list").out.splitlines()[1].endswith('added commitment 1 "send Q3 figures"')

    def test_undo_of_an_earlier_days_change_off_a_terminal_without_yes_changes_nothing_and_exits_1(
        self, cli, home, two_days
    ):
        assert cli("undo").code == cli("undo").code == 0  # today's two
        before = (home / "ictrack.json").read_bytes()
        refused = cli("undo")
        assert refused.code == 1 and one_line(refused), refused.err
        assert refused.err == (
            'ictrack: the last change was made on an earlier day: added commitment 1 "send Q3 '
            'figures" (Sun 22 Nov 17:00, cli); add --yes to undo it. Nothing was undone.\n'
        )
        assert refused.out == ""
        assert (home / "ictrack.json").read_bytes() == before

    def test_undo_yes_undoes_an_earlier_days_change(self, cli, home, two_days):
        assert cli("undo").code == cli("undo").code == 0
        assert cli("undo", "--yes").out == 'Undid: added commitment 1 "send Q3 figures"\n'
        assert records(home) == {}

    def test_an_earlier_day_is_a_day_in_the_users_zone(self, cli, home, monkeypatch):
        monkeypatch.setenv("TZ", "America/New_York")
        assert cli("add", "one", now="2026-11-23T20:00").code == 0  # Tuesday 01:00 in UTC
        assert cli("undo", now="2026-11-23T22:00").out == 'Undid: added commitment 1 "one"\n'
        assert cli("add", "two", now="2026-11-23T23:30").code == 0
        assert cli("undo", now="2026-11-24T00:10").code == 1  # past midnight where the user is

    def test_undo_asks_nothing_when_the_change_was_made_today(self, cli, home):
        assert cli("add", "one", now="2026-11-23T00:01").code == 0
        assert cli("undo", now="2026-11-23T23:59").code == 0

    def test_undo_of_a_change_confirmed_refuses_when_another_was_made_meanwhile(self, cli, home, two_days):
        service = open_service()
        seen = service.history().next_undo
        assert cli("add", "made meanwhile").code == 0
        with pytest.raises(NotAllowed, match=r"another change was made meanwhile \(added commitment 3"):
            service.undo(expect=seen)
        assert 3 in ondisk.items(home / "ictrack.json")

    def test_a_step_is_from_an_earlier_day_when_its_time_is_unknown(self):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        now = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/London"))
        assert Step(1, "x").before_today(now)
        assert not Step(1, "x", datetime(2026, 11, 23, 0, 0, tzinfo=ZoneInfo("UTC"))).before_today(now)
        assert Step(1, "x", datetime(2026, 11, 22, 23, 59, tzinfo=ZoneInfo("UTC"))).before_today(now)
        assert Step(1, "x", host="vm", shell="tui", session="ab12").made_by(Origin("vm", "tui", "ab12"))
        assert not Step(1, "x", host="vm", shell="cli", session="ab12").made_by(Origin("vm", "tui", "ab12"))

    @pytest.mark.pty
    def test_undo_of_an_earlier_days_change_on_a_terminal_asks_y_or_n(self, cli, home, two_days):
        assert cli("undo").code == cli("undo").code == 0
        before = (home / "ictrack.json").read_bytes()
        question = (
            'Undo added commitment 1 "send Q3 figures" (Sun 22 Nov 17:00, cli)? It was made on an earlier day. [y/N] '
        )
        child = spawn("undo")
        child.expect_exact(question)
        child.sendline("")  # Enter: no
        child.expect_exact("ictrack: nothing was undone.")
        assert finish(child) == 1
        assert (home / "ictrack.json").read_bytes() == before
        child = spawn("undo")
        child.expect_exact(question)
        child.sendline("maybe")
        child.expect_exact("Please answer y or n.")
        child.sendline("y")
        child.expect_exact('Undid: added commitment 1 "send Q3 figures"')
        assert finish(child) == 0
        assert records(home) == {}

    @pytest.mark.pty
    def test_ctrl_d_at_the_undo_question_undoes_nothing(self, cli, home, two_days):
        assert cli("undo").code == cli("undo").code == 0
        child = spawn("undo")
        child.expect_exact("[y/N] ")
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 1
        assert 1 in ondisk.items(home / "ictrack.json")


class TestRedo:
    def test_redo_after_undo_puts_back_exactly_what_was_undone(self, cli, home, two_days):
        changed = records(home)
        assert cli("undo").code == 0
        redone = cli("redo")
        assert (redone.code, redone.out) == (0, 'Redid: added commitment 2 "book the venue"\n')
        assert records(home) == changed  # the same item, under the same ID
        assert cli("show", "2").code == 0
        assert cli("doctor").code == 0

    def test_redo_goes_forward_as_far_as_undo_went_back(self, cli, home, two_days):
        changed = records(home)
        assert cli("undo").code == cli("undo").code == 0
        assert cli("redo").out == "Redid: marked 1 done\n"
        assert cli("redo").out == 'Redid: added commitment 2 "book the venue"\n'
        assert records(home) == changed
        result = cli("redo")
        assert (result.code, result.err) == (1, "ictrack: there is nothing to redo; only an undo with no change "
                                                "since can be redone.\n")  # fmt: skip

    def test_a_new_change_clears_what_redo_would_put_back(self, cli, home, two_days):
        assert cli("undo").code == 0
        assert cli("add", "something else").code == 0
        assert ondisk.redo(home) == {}
        assert cli("redo").code == 1
        assert "Redo puts back" not in cli("undo", "--list").out

    def test_redo_is_itself_undone_by_undo_and_redone_again(self, cli, home, two_days):
        changed = records(home)
        assert cli("undo").code == 0
        undone = records(home)
        assert cli("redo").code == 0
        assert cli("undo").out == 'Undid: added commitment 2 "book the venue"\n'
        assert records(home) == undone
        assert cli("redo").code == 0
        assert records(home) == changed

    def test_a_redone_change_counts_as_made_when_and_where_it_was_redone(self, cli, home, two_days):
        assert cli("undo").code == cli("undo").code == 0
        assert cli("undo", "--yes").code == 0  # Sunday's add
        assert cli("redo", now="2026-11-23T10:00").code == 0
        listed = cli("undo", "--list").out.splitlines()
        assert listed[1] == '  Mon 23 Nov 10:00  cli  added commitment 1 "send Q3 figures"'
        assert cli("undo").code == 0  # redone today: nothing to confirm

    def test_redo_of_a_done_whose_item_undo_took_out_of_its_archive(self, cli, home, with_archive):
        assert cli("undo", now="2027-01-05T11:00").code == cli("undo", now="2027-01-05T11:00").code == 0
        assert cli("undo", "--yes").out == "Undid: marked 1 done\n"  # item 1 comes back out of the archive
        assert ondisk.items(home / "ictrack.json")[1]["status"] == "open"
        assert cli("redo").out == "Redid: marked 1 done\n"
        assert ondisk.items(home / "ictrack.json")[1]["status"] == "done"
        assert ondisk.items(home / "archive-2026-11.json", people_from=home / "ictrack.json") == {}
        assert cli("doctor").code == 0
        assert cli("add", "the next thing").code == 0  # which archives item 1 again
        assert 1 in ondisk.items(home / "archive-2026-11.json", people_from=home / "ictrack.json")
        assert cli("doctor").code == 0

    def test_redo_refuses_when_what_it_would_replace_was_changed_since_the_undo(self, cli, home, two_days):
        assert cli("undo").code == cli("undo").code == 0  # item 1 open again
        data = stored(home)
        key = ondisk.key_of(data, 1)
        data["items"][key]["title"] = "changed by an older ictrack, which leaves the redo stack alone"
        (home / "ictrack.json").write_text(json.dumps(data))
        before = (home / "ictrack.json").read_bytes()
        refused = cli("redo")
        assert refused.code == 1 and one_line(refused)
        assert "can't redo marked 1 done: what it changed was changed again since it was undone" in refused.err
        assert (home / "ictrack.json").read_bytes() == before

    @pytest.mark.parametrize(
        ("side", "records"),
        [("before", {"items": {"nope": None}}), ("after", {"items": {"nope": None}})],
    )
    def test_a_redo_entry_whose_two_sides_name_different_records_is_refused_and_changes_nothing(
        self, cli, home, two_days, side, records
    ):
        assert cli("undo").code == 0
        (number,) = ondisk.redo(home)
        ondisk.edit_journal(home, lambda journal, redo: redo[number].update({side: records}))
        before = {name: (home / name).read_bytes() for name in ("ictrack.json", "journal.jsonl")}
        refused = cli("redo")
        assert refused.code == 3 and one_line(refused), refused.err
        assert "not the same records" in refused.err
        assert {name: (home / name).read_bytes() for name in before} == before
        assert f"redo entry {number} can't be redone" in cli("doctor").out

    def test_a_damaged_redo_entry_is_refused_in_one_line_and_doctor_says_the_next_change_empties_it(
        self, cli, home, two_days
    ):
        assert cli("undo").code == 0
        (number,) = ondisk.redo(home)
        ondisk.edit_journal(home, lambda journal, redo: redo[number].update(after={"items": {"x": {"id": "oops"}}}))
        refused = cli("redo")
        assert refused.code == 3 and one_line(refused), refused.err
        assert "can't redo the last undo: what it would put back in items is damaged" in refused.err
        checked = cli("doctor")
        assert checked.code == 0 and f"redo entry {number} can't be redone" in checked.out
        assert cli("add", "next").code == 0 and ondisk.redo(home) == {}


class Killed(BaseException):
    """A process killed at a moment of the test's choosing: nothing after it runs, not even error handling."""


@pytest.fixture
def killed_before_the_data_file(monkeypatch):
    """The next write of the data file never happens: the process dies after writing its journal line."""
    from ictrack.storage import store

    real = store.FileStorage.write

    def write(storage, data):
        if storage.path.name == "ictrack.json":
            monkeypatch.setattr(store.FileStorage, "write", real)
            raise Killed
        return real(storage, data)

    return lambda: monkeypatch.setattr(store.FileStorage, "write", write)


class TestTheJournalFile:
    def test_a_change_killed_between_its_journal_line_and_the_data_file_is_neither_made_nor_undone(
        self, cli, home, two_days, killed_before_the_data_file
    ):
        lines = (home / "journal.jsonl").read_bytes().count(b"\n")
        killed_before_the_data_file()
        with pytest.raises(Killed):
            cli("add", "call the bank")
        assert (home / "journal.jsonl").read_bytes().count(b"\n") == lines + 1  # its line is there, not in effect
        assert [item["title"] for item in cli("list", "--json").json()] == ["book the venue"]
        assert cli("undo", "--list").out.splitlines()[1].endswith('added commitment 2 "book the venue"')
        assert cli("undo").out == 'Undid: added commitment 2 "book the venue"\n'  # not the add that was never made
        assert cli("redo").out == 'Redid: added commitment 2 "book the venue"\n'
        assert cli("add", "call the bank").code == 0  # the ID the killed add took was never stored either
        assert cli("undo").out == 'Undid: added commitment 3 "call the bank"\n'
        assert cli("doctor").code == 0

    def test_an_undo_killed_between_its_journal_line_and_the_data_file_leaves_the_change_to_undo(
        self, cli, home, two_days, killed_before_the_data_file
    ):
        killed_before_the_data_file()
        with pytest.raises(Killed):
            cli("undo")
        assert [item["title"] for item in cli("list", "--json").json()] == ["book the venue"]
        assert "Redo puts back" not in cli("undo", "--list").out  # what the killed undo would have kept is not
        assert cli("redo").code == 1
        assert cli("undo").out == 'Undid: added commitment 2 "book the venue"\n'
        assert cli("redo").out == 'Redid: added commitment 2 "book the venue"\n'
        assert cli("doctor").code == 0

    def test_a_last_line_cut_short_is_passed_over_and_the_next_change_cuts_it_off(self, cli, home, two_days):
        with open(home / "journal.jsonl", "ab") as journal:
            journal.write(b'{"commit":4,"journal":{"4":{"summ')
        listed = cli("undo", "--list").out
        checked = cli("doctor")
        assert checked.code == 0 and "its last line was cut short by a write that did not finish" in checked.out
        assert cli("add", "call the bank").code == 0
        raw = (home / "journal.jsonl").read_bytes()
        assert raw.endswith(b"\n") and all(json.loads(line) for line in raw.splitlines())
        assert cli("undo", "--list").out.splitlines()[2:] == listed.splitlines()[1:]
        assert "cut short" not in cli("doctor").out

    def test_a_line_that_cannot_be_read_stops_undo_and_restore_keeps_only_what_follows_it(self, cli, home, two_days):
        lines = (home / "journal.jsonl").read_bytes().splitlines(keepends=True)
        (home / "journal.jsonl").write_bytes(b"".join([lines[0], b"{half a line\n", *lines[1:]]))
        refused = cli("undo")
        assert refused.code == 3 and one_line(refused) and "line 2 that can't be read" in refused.err
        assert cli("add", "call the bank").code == 0  # the journal is a way back, not the data
        checked = cli("doctor")
        assert checked.code == 3 and f"{home / 'journal.jsonl'}: line 2 can't be read" in checked.out
        restored = cli("doctor", "--restore")
        assert restored.code == 0 and "without the entries before its line 2" in restored.out
        assert [step.split("cli  ")[1] for step in cli("undo", "--list").out.splitlines()[1:]] == [
            'added commitment 3 "call the bank"', 'added commitment 2 "book the venue"', "marked 1 done"]  # fmt: skip
        assert cli("undo").code == cli("undo").code == cli("undo").code == 0
        assert cli("undo").code == 1  # the add of item 1 came before the line that can't be read
        assert [(item["id"], item["status"]) for item in cli("list", "--all", "--json").json()] == [(1, "open")]
