"""Never lose a promise: damaged files, backups and doctor, the archive, migrations, hostile folders."""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from ictrack.store import SCHEMA, FileStorage

FIXTURES = Path(__file__).parent / "fixtures"


def data_file(home: Path) -> Path:
    return home / "ictrack.json"


def items_on_disk(home: Path) -> dict:
    return json.loads(data_file(home).read_text())["items"]


@pytest.fixture
def two_days(cli, home) -> Path:
    """Items over two days: the first change of day two backed up day one's file."""
    assert cli("add", "@dana send Q3 figures by fri", now="2026-11-23T09:00").code == 0
    assert cli("add", "@lee book the venue by thu", now="2026-11-23T10:00").code == 0
    assert cli("done", "1", now="2026-11-24T09:00").code == 0
    assert cli("add", "call the bank", now="2026-11-24T09:30").code == 0
    return home


DAMAGE = {
    "truncated JSON": lambda good: good[: len(good) // 2],
    "valid JSON of the wrong shape": lambda good: b'{"items": [1, 2, 3]}',
    "duplicate IDs": lambda good: good.replace(b'"items":{', b'"items":{"2":{"id":2,"title":"twin"},', 1),
    "an empty file": lambda good: b"",
    "binary garbage": lambda good: bytes(range(256)) * 4,
}


class TestDamage:
    @pytest.mark.parametrize("damage", DAMAGE)
    def test_every_command_refuses_a_damaged_file_and_doctor_restore_brings_back_the_last_good_state(
        self, cli, two_days, damage
    ):
        backup = sorted((two_days / "backups").iterdir())[-1]  # taken before day two's first change
        broken = DAMAGE[damage](data_file(two_days).read_bytes())
        data_file(two_days).write_bytes(broken)
        for command in (["list"], ["add", "one more"], ["brief"], ["done", "2"], ["undo"], ["show", "2"]):
            result = cli(*command)
            assert result.code == 3, (damage, command)
            assert result.err.count("\n") == 1 and "Traceback" not in result.err
            assert str(data_file(two_days)) in result.err and str(backup) in result.err
            assert "ictrack doctor --restore" in result.err
            assert data_file(two_days).read_bytes() == broken
        checked = cli("doctor")
        assert checked.code == 3 and "problem:" in checked.out
        restored = cli("doctor", "--restore", now="2026-11-24T11:00")
        kept = two_days / "ictrack.json.broken-2026-11-24T110000"
        assert restored.code == 0
        assert f"Restored {data_file(two_days)} from the backup {backup}. The damaged file is kept as {kept}." in (
            restored.out)  # fmt: skip
        assert "No problems found." in restored.out
        assert kept.read_bytes() == broken
        assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
        # the backup holds day one as it ended: items 1 and 2, both open
        assert sorted((entry["id"], entry["status"]) for entry in cli("list", "--all", "--json").json()) == [
            (1, "open"), (2, "open")
        ]  # fmt: skip

    def test_without_a_good_backup_the_message_says_so_and_restore_changes_nothing(self, cli, home):
        assert cli("add", "send figures").code == 0
        data_file(home).write_text("{")
        result = cli("list")
        assert result.code == 3 and "There is no good backup; `ictrack doctor` says more." in result.err
        result = cli("doctor", "--restore")
        assert result.code == 3 and "there is no good backup" in result.err
        assert data_file(home).read_text() == "{"
        assert sorted(os.listdir(home)) == ["ictrack.json", "ictrack.lock"]

    def test_doctor_on_healthy_data_says_so(self, cli, two_days):
        result = cli("doctor")
        assert result.code == 0 and result.out.endswith("No problems found.\n")
        assert f"3 items, 2 people, schema {SCHEMA}." in result.out

    def test_doctor_finds_an_item_naming_someone_unknown_and_a_bad_next_id(self, cli, two_days):
        data = json.loads(data_file(two_days).read_text())
        data["people"] = {key: person for key, person in data["people"].items() if person["handle"] != "lee"}
        data["meta"]["1"]["next_id"] = 2
        data_file(two_days).write_text(json.dumps(data))
        result = cli("doctor")
        assert result.code == 3
        assert "problem: item 2 names @lee, who is not among the people." in result.out
        assert "problem: the next ID (4) is not above" not in result.out  # next_id is never below max + 1 on read


class TestBackups:
    def test_a_backup_is_taken_before_the_first_change_of_each_day_and_seven_are_kept(self, cli, home):
        for day in range(1, 12):
            assert cli("add", f"task {day}", now=f"2026-11-{day:02d}T09:00").code == 0
            assert cli("add", f"task {day}b", now=f"2026-11-{day:02d}T10:00").code == 0
        backups = sorted(path.name for path in (home / "backups").iterdir())
        # numbered in the order they were taken: day one's second change took the first
        assert backups == [f"{day:05d}-2026-11-{day:02d}T090000-daily" for day in range(5, 12)]
        newest = json.loads((home / "backups" / backups[-1] / "ictrack.json").read_text())
        assert sorted(newest["items"], key=int) == [str(n) for n in range(1, 21)]  # day 10 as it ended


class TestArchive:
    @pytest.fixture
    def archived(self, cli, home) -> Path:
        """Item 1 delivered on 24 Nov; item 2, help, never thanked; a change on 5 Jan archives item 1 only."""
        assert cli("add", "@dana send Q3 figures by fri", now="2026-11-23T09:00").code == 0
        assert cli("helped", "@sam fixed the build", now="2026-11-23T09:30").code == 0
        assert cli("done", "1", now="2026-11-24T09:00").code == 0
        assert cli("add", "plan january", now="2027-01-05T09:00").code == 0
        return home

    def test_settled_items_move_to_their_years_archive_and_are_still_found(self, cli, archived):
        assert sorted(items_on_disk(archived)) == ["2", "3"]  # help owed thanks stays in the data file
        archive = json.loads((archived / "archive-2026.json").read_text())
        assert sorted(archive["items"]) == ["1"] and archive["items"]["1"]["status"] == "done"
        assert json.loads(data_file(archived).read_text())["meta"]["1"]["archives"] == [2026]
        assert cli("show", "1", "--json", now="2027-01-05T10:00").json()["status"] == "done"
        assert [entry["id"] for entry in cli("list", "--all", "--json").json()] == [1, 2, 3]
        assert 1 not in [entry["id"] for entry in cli("list", "--json").json()]
        week = cli("week", "--week", "2026-W48", "--format", "json").json()
        assert week["delivered"] == 1
        assert [row["handle"] for row in cli("people", "--json").json()] == ["dana", "sam"]

    def test_commands_on_an_archived_item_answer_as_for_any_settled_item(self, cli, archived):
        done = cli("done", "1", now="2027-01-05T10:00")
        assert (done.code, done.err) == (1, 'ictrack: 1 "send Q3 figures" is already done; `ictrack undo` reverts '
                                            "a change.\n")  # fmt: skip
        assert cli("thank", "1", "--note", "thanks").code == 1
        assert cli("edit", "1", "--title", "send Q3 and Q4 figures").code == 0
        assert cli("show", "1", "--json").json()["title"] == "send Q3 and Q4 figures"
        assert sorted(items_on_disk(archived)) == ["2", "3"]  # still settled: back to its archive in the same write
        assert json.loads((archived / "archive-2026.json").read_text())["items"]["1"]["title"] == (
            "send Q3 and Q4 figures")  # fmt: skip
        assert cli("undo").out == "Undid: edited 1\n"
        assert cli("show", "1", "--json").json()["title"] == "send Q3 figures"
        assert cli("doctor").code == 0
        assert cli("done", "99").err == "ictrack: there is no item 99; `ictrack list --all` shows every item.\n"

    def test_undo_of_a_done_whose_item_was_archived_since_brings_it_back_once(self, cli, archived):
        assert cli("undo", now="2027-01-05T10:00").out == 'Undid: added commitment 3 "plan january"\n'
        assert cli("undo", now="2027-01-05T10:00").out == "Undid: marked 1 done\n"
        assert items_on_disk(archived)["1"]["status"] == "open"
        assert json.loads((archived / "archive-2026.json").read_text())["items"] == {}
        assert [entry["id"] for entry in cli("list", "--all", "--json").json()] == [1, 2]
        assert cli("doctor").code == 0

    def test_old_care_checks_and_check_ins_move_too_but_the_streak_and_latest_check_ins_stay(self, cli, home):
        assert cli("add", "@dana send Q3 figures", now="2026-11-20T07:00").code == 0
        assert cli("ask", "@sam review the deck", now="2026-11-20T07:00").code == 0
        assert cli("care", "--done", "slept", now="2026-11-20T08:00").code == 0  # then a day off
        first = date(2026, 11, 22)
        for offset in range(45):  # every day from 22 Nov to 5 Jan: one unbroken run
            day = first + timedelta(days=offset)
            assert cli("care", "--done", "lunch", "--energy", "4", now=f"{day}T08:00").code == 0
            if day == date(2026, 11, 23):
                assert cli("checkin", "dana", "--rating", "4", now=f"{day}T11:00").code == 0
                assert cli("checkin", "sam", now=f"{day}T12:00").code == 0
            if day == date(2026, 11, 25):
                assert cli("checkin", "dana", now=f"{day}T11:00").code == 0
        live = json.loads(data_file(home).read_text())
        archive = json.loads((home / "archive-2026.json").read_text())
        assert sorted(record["day"] for record in archive["care"].values()) == ["2026-11-20"]
        assert len(live["care"]) == 45  # older than 30 days, but part of today's streak
        assert [(c["person"], c["at"][:10]) for c in archive["checkins"].values()] == [("dana", "2026-11-23")]
        assert sorted((c["person"], c["at"][:10]) for c in live["checkins"].values()) == [
            ("dana", "2026-11-25"), ("sam", "2026-11-23")]  # fmt: skip
        assert cli("care", "--json", now="2027-01-05T09:00").json()["streak"] == 45
        week = cli("week", "--week", "2026-W47", "--format", "json").json()
        assert (week["care_days"], week["checkins"]) == (2, 0)  # 20 and 22 Nov, one of them archived
        week = cli("week", "--week", "2026-W48", "--format", "json").json()
        assert (week["care_days"], week["checkins"]) == (7, 3)
        assert cli("undo").out == "Undid: care check\n"
        assert cli("doctor").code == 0

    def test_a_move_cut_short_by_a_crash_leaves_the_item_in_both_and_the_next_change_finishes_it(
        self, cli, home, monkeypatch
    ):
        assert cli("add", "send figures", now="2026-11-23T09:00").code == 0
        assert cli("done", "1", now="2026-11-24T09:00").code == 0
        real_write = FileStorage.write
        writes: list[str] = []

        def crash_after_the_archive(self, data):
            writes.append(self.path.name)
            if writes[-2:] == ["archive-2026.json", "ictrack.json"]:
                raise KeyboardInterrupt  # the process dies with the archive written, before the data file lets go
            real_write(self, data)

        monkeypatch.setattr(FileStorage, "write", crash_after_the_archive)
        assert cli("add", "next year", now="2027-01-05T09:00").code == 130
        monkeypatch.setattr(FileStorage, "write", real_write)
        assert writes == ["ictrack.json", "archive-2026.json", "ictrack.json"]  # the intent, the archive, the end
        assert "1" in items_on_disk(home) and (home / "archive-2026.json").exists()
        assert json.loads(data_file(home).read_text())["meta"]["1"]["pending"] == {"2026": {"out": {"items": ["1"]}}}
        assert [entry["id"] for entry in cli("list", "--all", "--json").json()] == [1, 2]  # the add itself held
        checked = cli("doctor")
        assert checked.code == 0, checked.out
        assert "a move to or from an archive was cut short; the next change finishes it." in checked.out
        assert cli("add", "one more", now="2027-01-05T09:05").code == 0
        assert "1" not in items_on_disk(home)
        assert "pending" not in json.loads(data_file(home).read_text())["meta"]["1"]
        assert [entry["id"] for entry in cli("list", "--all", "--json").json()] == [1, 2, 3]


class TestMigration:
    def test_a_schema_1_file_from_the_previous_release_is_read_then_upgraded_after_a_backup(self, cli, home):
        home.mkdir(parents=True)
        shutil.copy(FIXTURES / "schema-1.json", data_file(home))
        original = data_file(home).read_bytes()
        listed = cli("list", "--all", "--json", now="2026-11-21T09:00").json()
        assert sorted((entry["id"], entry["status"]) for entry in listed) == [(1, "open"), (2, "done"), (3, "done"),
                                                                        (4, "dropped")]  # fmt: skip
        assert data_file(home).read_bytes() == original  # reading never writes
        assert cli("add", "one more", now="2026-11-21T09:00").code == 0
        (backup,) = (home / "backups").iterdir()
        assert backup.name == "00001-2026-11-21T090000-before-upgrade"
        assert (backup / "ictrack.json").read_bytes() == original
        data = json.loads(data_file(home).read_text())
        assert data["meta"]["1"] == {"schema": SCHEMA, "next_id": 6, "archives": []}
        old = json.loads(original)
        for key, record in old["items"].items():
            assert data["items"][key] == record
        assert data["people"] == old["people"] and data["care"] == old["care"]
        assert cli("undo").out == 'Undid: added commitment 5 "one more"\n'
        assert cli("undo").out == "Undid: updated @lee\n"  # journal entries from schema 1 still undo
        assert cli("doctor").code == 0


class TestHostileFolders:
    def test_a_symlinked_data_file_is_refused(self, cli, home, tmp_path):
        assert cli("add", "send figures").code == 0
        real = tmp_path / "elsewhere.json"
        data_file(home).rename(real)
        data_file(home).symlink_to(real)
        result = cli("add", "more")
        assert result.code == 3 and "is a symbolic link" in result.err
        assert cli("list").code == 3
        assert data_file(home).is_symlink()

    def test_a_folder_open_to_others_is_tightened_and_the_user_told(self, cli, home):
        assert cli("add", "send figures").code == 0
        os.chmod(home, 0o755)
        result = cli("add", "more")
        assert result.code == 0
        assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
        assert result.err == f"ictrack: note: the data folder {home} was open to others (0755); it is now 0700.\n"

    def test_a_read_only_folder_is_exit_3_and_changes_nothing(self, cli, home, monkeypatch):
        assert cli("add", "send figures").code == 0
        before = data_file(home).read_bytes()
        real_open = os.open

        def read_only(path, flags, *args):
            if str(path).endswith(".tmp"):
                raise OSError(30, os.strerror(30))  # EROFS: what a read-only mount says
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", read_only)
        result = cli("add", "more")
        assert result.code == 3 and "Read-only file system" in result.err and "nothing was changed" in result.err
        assert data_file(home).read_bytes() == before

    def test_a_lock_held_by_a_stuck_process_times_out_naming_the_file(self, cli, home, monkeypatch):
        import fcntl

        assert cli("add", "send figures").code == 0
        monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", "0.2")
        with open(home / "ictrack.lock", "w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            result = cli("add", "more")
        assert result.code == 3
        assert result.err.startswith(f"ictrack: the data file {data_file(home)} is locked by another ictrack process")
