"""Never lose a promise: damaged files, backups and doctor, the archive, migrations, hostile folders."""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from ictrack.storage import SCHEMA, FileStorage
from tests import ondisk

FIXTURES = Path(__file__).parent / "fixtures"


def data_file(home: Path) -> Path:
    return home / "ictrack.json"


def items_on_disk(home: Path) -> dict[str, dict]:
    """The data file's items by ID (as text), each with its person's handle."""
    return {str(item_id): record for item_id, record in ondisk.items(data_file(home)).items()}


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
        assert sorted(os.listdir(home)) == ["ictrack.json", "ictrack.lock", "journal.jsonl"]

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
        lee = ondisk.read(data_file(two_days))["items"][ondisk.key_of(data, 2)]["person_id"]
        assert f"problem: {data_file(two_days)}: item 2: person_id {lee!r} is nobody among the people." in result.out
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
        assert sorted(record["id"] for record in newest["items"].values()) == list(range(1, 21))  # day 10 as it ended


class TestArchive:
    @pytest.fixture
    def archived(self, cli, home) -> Path:
        """Item 1 delivered on 24 Nov; item 2, help, never thanked; a change on 5 Jan archives item 1 only."""
        assert cli("add", "@dana send Q3 figures by fri", now="2026-11-23T09:00").code == 0
        assert cli("helped", "@sam fixed the build", now="2026-11-23T09:30").code == 0
        assert cli("done", "1", now="2026-11-24T09:00").code == 0
        assert cli("add", "plan january", now="2027-01-05T09:00").code == 0
        return home

    def test_settled_items_move_to_their_months_archive_and_are_still_found(self, cli, archived):
        assert sorted(items_on_disk(archived)) == ["2", "3"]  # help owed thanks stays in the data file
        archive = ondisk.items(archived / "archive-2026-11.json", people_from=data_file(archived))
        assert sorted(archive) == [1] and archive[1]["status"] == "done"
        assert json.loads(data_file(archived).read_text())["meta"]["1"]["archives"] == ["2026-11"]
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
        assert ondisk.items(archived / "archive-2026-11.json", people_from=data_file(archived))[1]["title"] == (
            "send Q3 and Q4 figures")  # fmt: skip
        assert cli("undo").out == "Undid: edited 1\n"
        assert cli("show", "1", "--json").json()["title"] == "send Q3 figures"
        assert cli("doctor").code == 0
        assert cli("done", "99").err == "ictrack: there is no item 99; `ictrack list --all` shows every item.\n"

    def test_undo_of_a_done_whose_item_was_archived_since_brings_it_back_once(self, cli, archived):
        assert cli("undo", now="2027-01-05T10:00").out == 'Undid: added commitment 3 "plan january"\n'
        assert cli("undo", "--yes", now="2027-01-05T10:00").out == "Undid: marked 1 done\n"  # made in November
        assert items_on_disk(archived)["1"]["status"] == "open"
        assert json.loads((archived / "archive-2026-11.json").read_text())["items"] == {}
        assert [entry["id"] for entry in cli("list", "--all", "--json").json()] == [1, 2]
        assert cli("doctor").code == 0

    def test_old_care_checks_and_check_ins_move_too_but_the_streak_and_latest_check_ins_stay(self, cli, home):
        assert cli("add", "@dana send Q3 figures", now="2026-11-19T07:00").code == 0
        assert cli("ask", "@sam review the deck", now="2026-11-19T07:00").code == 0
        assert cli("care", "--done", "slept", now="2026-11-19T08:00").code == 0  # then a working day off (Fri)
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
        archive = json.loads((home / "archive-2026-11.json").read_text())
        assert sorted(record["day"] for record in archive["care"].values()) == ["2026-11-19"]
        assert len(live["care"]) == 45  # older than 30 days, but part of today's streak
        archived = ondisk.checkins(home / "archive-2026-11.json", people_from=data_file(home))
        assert [(c["person"], c["at"][:10]) for c in archived] == [("dana", "2026-11-23")]
        assert sorted((c["person"], c["at"][:10]) for c in ondisk.checkins(data_file(home))) == [
            ("dana", "2026-11-25"), ("sam", "2026-11-23")]  # fmt: skip
        assert cli("care", "--json", now="2027-01-05T09:00").json()["streak"] == 45
        week = cli("week", "--week", "2026-W47", "--format", "json").json()
        assert (week["care_days"], week["checkins"]) == (2, 0)  # 19 and 22 Nov, one of them archived
        week = cli("week", "--week", "2026-W48", "--format", "json").json()
        assert (week["care_days"], week["checkins"]) == (7, 3)
        assert cli("undo").out == "Undid: care check\n"
        assert cli("doctor").code == 0

    def test_a_streak_with_its_weekends_off_stays_whole_in_the_data_file(self, cli, home):
        days = [date(2026, 11, 2) + timedelta(days=n) for n in range(60)]  # from a Monday
        workdays = [day for day in days if day.weekday() < 5]
        for day in workdays:
            assert cli("care", "--done", "slept", now=f"{day}T08:00").code == 0
        assert len(json.loads(data_file(home).read_text())["care"]) == len(workdays)  # weekends break nothing
        assert not (home / "archive-2026-11.json").exists()
        assert cli("care", "--json", now=f"{workdays[-1]}T09:00").json()["streak"] == len(workdays)

    def test_a_move_cut_short_by_a_crash_leaves_the_item_in_both_and_the_next_change_finishes_it(
        self, cli, home, monkeypatch
    ):
        assert cli("add", "send figures", now="2026-11-23T09:00").code == 0
        assert cli("done", "1", now="2026-11-24T09:00").code == 0
        real_write = FileStorage.write
        writes: list[str] = []

        def crash_after_the_archive(self, data):
            writes.append(self.path.name)
            if writes[-2:] == ["archive-2026-11.json", "ictrack.json"]:
                raise KeyboardInterrupt  # the process dies with the archive written, before the data file lets go
            real_write(self, data)

        monkeypatch.setattr(FileStorage, "write", crash_after_the_archive)
        assert cli("add", "next year", now="2027-01-05T09:00").code == 130
        monkeypatch.setattr(FileStorage, "write", real_write)
        assert writes == ["ictrack.json", "archive-2026-11.json", "ictrack.json"]  # the intent, the archive, the end
        assert "1" in items_on_disk(home) and (home / "archive-2026-11.json").exists()
        data = ondisk.read(data_file(home))
        assert data["meta"]["1"]["pending"] == {"2026-11": {"out": {"items": [ondisk.key_of(data, 1)]}}}
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
        assert data["meta"]["1"] == {"schema": SCHEMA, "next_id": 6, "archives": [], "commit": 12}
        assert "journal" not in data and list(ondisk.journal(home)) == [str(n) for n in range(1, 13)]  # moved out
        old = json.loads(original)
        # every record kept, now under its uuid (care checks under their day), a person named by their uuid
        people = {record["handle"]: uuid for uuid, record in data["people"].items()}
        assert {
            uuid: {key: value for key, value in record.items() if key != "uuid"}
            for uuid, record in data["people"].items()
        } == {people[r["handle"]]: r for r in old["people"].values()}
        for record in old["items"].values():
            person = people.get(record["person"])
            assert data["items"][record["uuid"]] == {("person_id" if key == "person" else key):
                                                     (person if key == "person" else value)
                                                     for key, value in record.items()}  # fmt: skip
        assert len(data["items"]) == len(old["items"]) + 1
        assert data["care"] == {record["day"]: record for record in old["care"].values()}
        assert cli("undo").out == 'Undid: added commitment 5 "one more"\n'
        assert cli("undo", "--yes").out == "Undid: updated @lee\n"  # journal entries from schema 1 still undo
        assert cli("doctor").code == 0


class TestHostileFolders:
    def test_a_symlinked_data_file_is_refused(self, cli, home, tmp_path):
        assert cli("add", "send figures").code == 0
        real = tmp_path / "elsewhere.json"
        data_file(home).rename(real)
        data_file(home).symlink_to(real)
        before = real.read_bytes()
        result = cli("add", "more")
        assert result.code == 3 and "is a symbolic link" in result.err
        assert "Point ICTRACK_HOME at the folder that holds the real file" in result.err
        assert "--restore" not in result.err  # a backup in the link's place would hide what its target holds
        assert cli("list").code == 3
        restored = cli("doctor", "--restore")
        assert restored.code == 3 and "Point ICTRACK_HOME" in restored.err
        assert data_file(home).is_symlink() and real.read_bytes() == before
        assert not list(home.glob("*.broken*"))

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


def ids(cli, *args) -> list[int]:
    return [entry["id"] for entry in cli("list", "--all", "--json", *args).json()]


class TestNothingLost:
    def test_restoring_a_damaged_archive_leaves_the_sound_data_file_exactly_as_it_is(self, cli, with_archive):
        archive = with_archive / "archive-2026-11.json"
        archive.write_bytes(b"\x00\x01 not an archive")
        live = data_file(with_archive).read_bytes()
        assert cli("list").code == 0  # the data file alone still reads
        assert cli("list", "--all").code == 3
        restored = cli("doctor", "--restore", now="2027-01-05T11:00")
        assert restored.code == 0, restored.err
        # no backup held the archive yet (it was born after the day's backup): rebuilt from that backup's data file
        assert restored.out.startswith(f"Restored {archive} from what the backups' data files held, with 1 record "
                                       "that moved there since.")  # fmt: skip
        assert f"The damaged file is kept as {archive}.broken-2027-01-05T110000." in restored.out
        assert data_file(with_archive).read_bytes() == live  # item 3, added after the backup, is still there
        assert ids(cli) == [1, 2, 3]
        assert cli("doctor").code == 0

    def test_an_archive_is_rebuilt_with_the_records_that_moved_there_after_its_newest_backup(self, cli, home):
        assert cli("add", "send figures", now="2026-11-02T09:00").code == 0
        assert cli("add", "book the venue", now="2026-11-02T09:10").code == 0
        assert cli("done", "1", now="2026-11-03T09:00").code == 0
        assert cli("done", "2", now="2026-11-04T09:00").code == 0
        assert cli("add", "moves item 1 out", now="2026-12-04T08:00").code == 0  # the archive is born: 1
        assert cli("add", "moves item 2 out", now="2026-12-05T08:00").code == 0  # before-archiving backup, then 2
        (home / "archive-2026-11.json").write_text("{")
        restored = cli("doctor", "--restore", now="2026-12-05T09:00")
        assert restored.code == 0 and "with 1 record that moved there since" in restored.out, restored.out
        assert ids(cli) == [1, 2, 3, 4]

    def test_one_command_under_a_wrong_future_clock_stops_no_daily_backup_and_is_not_restored(self, cli, home):
        assert cli("add", "first", now="2026-11-20T09:00").code == 0
        assert cli("add", "from a clock gone wrong", now="2099-01-01T09:00").code == 0
        for day in (21, 22, 23):
            assert cli("add", f"notes from day {day}", now=f"2026-11-{day}T09:00").code == 0
        names = [path.name for path in sorted((home / "backups").iterdir())]
        assert names == ["00001-2099-01-01T090000-daily", "00002-2026-11-21T090000-daily",
                         "00003-2026-11-22T090000-daily", "00004-2026-11-23T090000-daily"]  # fmt: skip
        data_file(home).write_text("{")
        restored = cli("doctor", "--restore", now="2026-11-23T10:00")
        assert "from the backup " + str(home / "backups" / names[-1]) in restored.out
        assert ids(cli) == [1, 2, 3, 4]  # the state before the 23rd's add, not the 2099 one

    def test_a_missing_data_file_beside_archives_is_damage_and_ids_stay_above_the_archived(self, cli, with_archive):
        data_file(with_archive).unlink()
        result = cli("add", "a fresh start?", now="2027-01-05T11:00")
        assert result.code == 3 and "is missing, but archives or backups of it are there" in result.err
        assert "ictrack doctor --restore" in result.err and not data_file(with_archive).exists()
        assert cli("list").code == 3
        checked = cli("doctor")
        assert checked.code == 3 and "is missing" in checked.out
        assert cli("doctor", "--restore", now="2027-01-05T11:00").code == 0
        added = cli("add", "after the restore", "--json", now="2027-01-05T11:05").json()
        assert added["id"] == 2  # above the archive's 1; items 2 and 3 came after the newest backup and are lost
        assert cli("show", "1", "--json").json()["title"] == "send Q3 figures"  # the archived item 1 untouched
        assert cli("doctor").code == 0

    def test_restore_with_nothing_damaged_changes_nothing(self, cli, two_days):
        before = {path.name: path.read_bytes() for path in two_days.iterdir() if path.is_file()}
        result = cli("doctor", "--restore")
        assert (result.code, result.err) == (1, "ictrack: nothing is damaged, so nothing was restored; `ictrack "
                                                "undo` takes back a change.\n")  # fmt: skip
        assert {path.name: path.read_bytes() for path in two_days.iterdir() if path.is_file()} == before

    def test_a_next_id_below_an_archived_item_is_repaired_by_restore(self, cli, with_archive):
        data = json.loads(data_file(with_archive).read_text())
        data["meta"]["1"]["next_id"] = 1
        del data["items"][ondisk.key_of(data, 3)], data["items"][ondisk.key_of(data, 2)]
        data_file(with_archive).write_text(json.dumps(data))
        assert "not above the highest ID in use (1)" in cli("doctor").out
        restored = cli("doctor", "--restore", now="2027-01-05T11:00")
        assert "with its next ID raised above every archived item" in restored.out
        assert cli("add", "next", "--json").json()["id"] == 2


class TestFilesInAnyFolder:
    def test_a_link_planted_at_a_temp_name_is_never_written_through(self, cli, home, tmp_path):
        assert cli("add", "send figures").code == 0
        target = tmp_path / "someone-elses-file"
        (home / ".ictrack.json.tmp").symlink_to(target)
        assert cli("add", "more").code == 0
        assert not target.exists()
        assert [name for name in os.listdir(home) if name.endswith(".tmp") and name != ".ictrack.json.tmp"] == []

    def test_a_backups_folder_that_is_a_link_is_refused_and_nothing_changes(self, cli, home, tmp_path):
        assert cli("add", "send figures", now="2026-11-22T09:00").code == 0
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        (home / "backups").symlink_to(elsewhere)
        before = data_file(home).read_bytes()
        result = cli("add", "more", now="2026-11-23T09:00")
        assert result.code == 3 and "is not a folder of its own" in result.err
        assert data_file(home).read_bytes() == before and list(elsewhere.iterdir()) == []

    def test_backups_are_private(self, cli, two_days):
        folder = two_days / "backups"
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        for backup in folder.iterdir():
            assert stat.S_IMODE(os.stat(backup).st_mode) == 0o700
            assert {stat.S_IMODE(os.stat(file).st_mode) for file in backup.iterdir()} == {0o600}

    def test_a_backup_links_an_archive_unchanged_since_the_last_backup_and_copies_one_that_changed(
        self, cli, with_archive
    ):
        archive = with_archive / "archive-2026-11.json"
        for day in ("06", "07"):
            assert cli("add", f"a task on the {day}th", now=f"2027-01-{day}T09:00").code == 0
        first, second = (next((with_archive / "backups").glob(f"*-2027-01-{day}T*")) for day in ("06", "07"))
        copies = [os.stat(folder / archive.name) for folder in (first, second)]
        assert copies[0].st_ino == copies[1].st_ino and copies[0].st_nlink == 2  # one copy, kept by both backups
        assert copies[0].st_ino != os.stat(archive).st_ino  # the data folder's own file is never linked
        assert os.stat(first / "ictrack.json").st_ino != os.stat(second / "ictrack.json").st_ino  # it changed
        assert (second / archive.name).read_bytes() == archive.read_bytes()
        assert cli("edit", "1", "--title", "send Q3 and Q4 figures", now="2027-01-07T10:00").code == 0  # rewrites it
        assert cli("add", "a task on the 8th", now="2027-01-08T09:00").code == 0
        third = next((with_archive / "backups").glob("*-2027-01-08T*"))
        assert os.stat(third / archive.name).st_ino != copies[1].st_ino
        assert (third / archive.name).read_bytes() == archive.read_bytes()
        assert (second / archive.name).read_bytes() != archive.read_bytes()  # the older backup kept the old one

    def test_a_backup_that_fails_leaves_nothing_and_is_taken_at_the_next_change(self, cli, home, monkeypatch):
        from ictrack.storage import backups

        assert cli("add", "send figures", now="2026-11-22T09:00").code == 0
        before = data_file(home).read_bytes()
        real = backups.write_new

        def disk_full_in_backups(path, content):
            if "backups" in path.parts:
                raise OSError(28, os.strerror(28))
            real(path, content)

        monkeypatch.setattr(backups, "write_new", disk_full_in_backups)
        result = cli("add", "more", now="2026-11-23T09:00")
        assert result.code == 3 and "No space left on device" in result.err
        assert data_file(home).read_bytes() == before
        assert os.listdir(home / "backups") == []  # no half backup, hidden or not
        monkeypatch.setattr(backups, "write_new", real)
        assert cli("add", "more", now="2026-11-23T09:05").code == 0
        (backup,) = (home / "backups").iterdir()
        assert (backup / "ictrack.json").read_bytes() == before

    def test_exports_are_private_whole_and_never_overwritten_without_force(self, cli, two_days, tmp_path):
        target = tmp_path / "out.json"
        assert cli("export", "json", "-o", str(target)).code == 0
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert len(json.loads(target.read_text())["items"]) == 3
        target.write_text("mine")
        result = cli("export", "json", "-o", str(target))
        assert result.code == 1 and "--force" in result.err and target.read_text() == "mine"
        assert cli("week", "-o", str(tmp_path / "week.md")).code == 0
        assert stat.S_IMODE(os.stat(tmp_path / "week.md").st_mode) == 0o600
        assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


GOOD_ITEM = {"id": 1, "uuid": "u-1", "kind": "commitment", "title": "send figures", "person": None, "tags": [],
             "external": False, "priority": "normal", "note": None, "created": "2026-11-23T09:00:00+00:00",
             "due": None, "status": "open", "done_at": None, "moves": [], "thanked_at": None, "thank_note": None,
             "drop_reason": None}  # fmt: skip
RULE = {"rule": "every fri", "rrule": "FREQ=WEEKLY;BYDAY=FR", "start": "2026-11-27T17:00:00+00:00", "series": "u-1"}
RULE = {"rule": "every fri", "rrule": "FREQ=WEEKLY;BYDAY=FR", "start": "2026-11-27T17:00:00+00:00", "series": "u-1"}
BAD_ITEMS = {
    "a move that is not a move": {"moves": [{"at": "yesterday"}]},
    "moves that are not a list": {"moves": "moved"},
    "a repeat rule ictrack never writes": {"recur": {**RULE, "rrule": "FREQ=SOMETIMES"}},
    "a kind nobody knows": {"kind": "chore"},
    "an empty title": {"title": "   "},
    "a title that is not text": {"title": 42},
    "done without done_at": {"status": "done"},
    "open with a done_at": {"done_at": "2026-11-23T10:00:00+00:00"},
    "tags that are a string": {"tags": "abc"},
    "a time without an offset": {"due": "2026-11-27T17:00"},
    "a time in year 9999": {"due": "9999-12-31T23:59:00+00:00"},
    "an ID that is not a number": {"id": "1"},
}


def export_with(items: list[dict], people: list[dict] | None = None) -> dict:
    return {"format": "ictrack-export", "version": 1, "next_id": 3, "items": items, "people": people or [],
            "care": [], "checkins": []}  # fmt: skip


class TestOneValidator:
    @pytest.mark.parametrize("flaw", BAD_ITEMS)
    def test_import_refuses_a_document_with_a_malformed_record_whole(self, cli, home, tmp_path, flaw):
        document = tmp_path / "in.json"
        document.write_text(json.dumps(export_with([{**GOOD_ITEM, "id": 2, "uuid": "u-2"},
                                                    {**GOOD_ITEM, **BAD_ITEMS[flaw]}])))  # fmt: skip
        result = cli("import", "json", str(document))
        assert result.code == 2 and "items record 2 can't be read" in result.err, result.err
        assert result.err.count("\n") == 1 and not home.exists()

    @pytest.mark.parametrize(
        ("items", "people", "words"),
        [([GOOD_ITEM, {**GOOD_ITEM, "id": 2}], [], "two items with the uuid 'u-1'"),
         ([GOOD_ITEM], [{"handle": "dana", "created": "2026-11-23T09:00:00+00:00"}] * 2, "two people with the handle")],
    )  # fmt: skip
    def test_import_refuses_duplicate_uuids_and_handles(self, cli, home, tmp_path, items, people, words):
        document = tmp_path / "in.json"
        document.write_text(json.dumps(export_with(items, people)))
        result = cli("import", "json", str(document))
        assert result.code == 2 and words in result.err and not home.exists()

    @pytest.mark.parametrize("flaw", BAD_ITEMS)
    def test_a_data_file_with_a_malformed_record_stops_every_command_and_doctor_names_it(self, cli, home, flaw):
        assert cli("add", "send figures").code == 0
        assert cli("add", "book the venue").code == 0
        data = json.loads(data_file(home).read_text())
        key = ondisk.key_of(data, 1)
        data["items"][key] = {**data["items"][key], **BAD_ITEMS[flaw]}
        data_file(home).write_text(json.dumps(data))
        for command in (["list"], ["brief"], ["done", "2"], ["week"], ["people"], ["thanks"], ["undo"]):
            result = cli(*command)
            assert result.code == 3 and "Traceback" not in result.err, (command, result.err)
            assert "holds a damaged record (item 1:" in result.err
        checked = cli("doctor")
        named = [line for line in checked.out.splitlines() if line.startswith(f"problem: {data_file(home)}")]
        assert checked.code == 3 and len(named) == 1 and "item 1" in named[0], checked.out

    def test_doctor_names_every_bad_record_not_just_the_first(self, cli, home):
        for title in ("one", "two", "three"):
            assert cli("add", title).code == 0
        data = json.loads(data_file(home).read_text())
        data["items"][ondisk.key_of(data, 1)]["tags"] = "abc"
        data["items"][ondisk.key_of(data, 3)]["kind"] = "chore"
        data["people"] = {uuid: {"uuid": uuid, "handle": "dana", "created": "2026-11-23T09:00:00+00:00"}
                          for uuid in ("u-1", "u-2")}  # fmt: skip
        data_file(home).write_text(json.dumps(data))
        problems = [line for line in cli("doctor").out.splitlines() if line.startswith("problem:")]
        assert [line.split(": ", 2)[2] for line in problems] == [
            "two people records have the handle 'dana'.", "item 1: tags is not a list of tags.",
            "item 3: kind 'chore' is not one of commitment, ask, help."]  # fmt: skip
