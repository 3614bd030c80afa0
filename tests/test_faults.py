"""A kill at every file operation of every write path loses nothing that was saved, and doctor tells the truth.

Each write path is run once to count its file operations (every open for writing, write, fsync, ftruncate,
replace, rename, link, mkdir, rmdir, unlink and chmod). Then, for every one of them, a forked copy of this process
runs the same command on a fresh copy of the same data folder and is killed (`os._exit`, so no cleanup
runs) just before that operation, just after it, and, for a write, half-way through its bytes. After
each kill the folder must load, hold exactly the state before the command or the state after it (every
record, archived ones included, and the undo journal), and `doctor` must find nothing wrong; then the
next command must work and leave nothing half-done behind.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ictrack.cli import main
from ictrack.errors import StorageProblem
from ictrack.interop.transfer import to_document
from ictrack.storage import Store
from tests import ondisk
from tests.conftest import PINNED_NOW
from tests.test_hostile_folders import named_nowhere

pytestmark = pytest.mark.faults

FIXTURES = Path(__file__).parent / "fixtures"
OPERATIONS = ("open", "write", "fsync", "ftruncate", "replace", "rename", "link", "mkdir", "rmdir", "unlink", "chmod")
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
KILLED = 99  # the exit status of a child killed at its target operation
EXPORTED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _arm(target: int | None, how: str, seen: list[str]) -> None:
    """Count file operations in this (child) process, and die at the `target`-th one."""

    def hooked(name: str, real: Callable) -> Callable:
        def operation(*args, **kwargs):
            if name == "open" and not args[1] & WRITING:
                return real(*args, **kwargs)  # reading is not a write
            seen.append(name)
            if len(seen) != target:
                return real(*args, **kwargs)
            if how == "before":
                os._exit(KILLED)
            if how == "half":
                fd, data = args
                real(fd, bytes(data)[: len(data) // 2])
                os._exit(KILLED)
            try:
                return real(*args, **kwargs)
            finally:
                os._exit(KILLED)  # after it, whether it worked or raised

        return operation

    for name in OPERATIONS:
        # a kill, unlike a power cut, needs no fsync to have happened: counted, but not waited for
        real = (lambda fd: None) if name == "fsync" else getattr(os, name)
        setattr(os, name, hooked(name, real))


def run_child(argv: list[str] | Callable[[], int], env: dict, target: int | None = None, how: str = "before",
              first_uuid: int = 1) -> tuple[int, list[str]]:  # fmt: skip
    """Run `ictrack ARGV` (or a write the TUI makes, as a function) in a forked child armed to die at the
    `target`-th file operation.

    (exit status, the operations it made, in order). uuids are made from a counter, so the same command
    makes the same records in every child.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 120
        try:
            os.close(reader)
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            os.environ.update(env)
            os.chdir(env["ICTRACK_HOME"])  # output files are named relative to the data folder
            numbers = iter(range(first_uuid, first_uuid + 10**6))
            import ictrack.service

            ictrack.service.new_uuid = lambda: str(uuid.UUID(int=next(numbers)))
            seen: list[str] = []
            _arm(target, how, seen)
            status = main(argv) if isinstance(argv, list) else argv()
            os.write(writer, json.dumps(seen).encode())
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        made = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), json.loads(made) if made else []


def snapshot(root: Path) -> dict:
    """Everything stored in `root/data`, wherever it lives (data file or archives), the undo journal, and
    any output file in `root`: what must be all before or all after."""
    store = Store(root / "data", lock_timeout=5)
    state = store.load(history=True)
    document = to_document(state, EXPORTED_AT)
    # the reads that open only the archives the index names find what reading them all finds
    alone = store.load()
    for item in state.items.values():
        assert alone.item(item.id).to_record() == item.to_record(), f"item {item.id} as one read finds it"
    for item in state.items.values():
        since = store.load(since=item.created, until=item.created).items
        assert item.id in since, f"item {item.id} with the days it names"
    held = store.history()  # read as undo reads it: from the data file before schema 7, else the journal file
    # a hidden temp file a kill left beside an output (never in the data folder, where the next write removes it)
    outputs = {path.name: path.read_bytes() for path in root.iterdir() if path.is_file() and
               not (path.name.startswith(".") and path.name.endswith(".tmp"))}  # fmt: skip
    reminded = root / "data" / "reminded.json"  # what `remind` has said
    return {"data": document, "journal": [(step.summary, step.sound) for step in reversed(held.undo)],
            "redo": [(step.summary, step.sound) for step in reversed(held.redo)], "outputs": outputs,
            "reminded": reminded.read_bytes() if reminded.exists() else None}  # fmt: skip


class WritePath:
    """A write path: how to set up the folder, the command, and whether the folder starts out damaged."""

    def __init__(self, setup: Callable, argv: list[str] | Callable[[], int], now: str, *, damaged: bool = False):
        self.setup, self.argv, self.now, self.damaged = setup, argv, now, damaged


def _run(cli, *steps: tuple[str, ...]) -> None:
    for now, *args in steps:
        result = cli(*args, now=now)
        assert result.code == 0, (args, result.err)


def _week_of_adds(cli, home):
    """Eight days of use: seven backups kept, so the next day's first change also removes the oldest."""
    _run(cli, *((f"2026-11-{day:02d}T09:00", "add", f"task {day} by fri") for day in range(14, 23)))
    _run(cli, ("2026-11-22T09:05", "helped", "@sam fixed the build"), ("2026-11-22T09:06", "ask", "@lee the deck"))


def _archived(cli, home):
    """Item 1 delivered in October (the last change); item 2 still open; a November change archives item 1."""
    _run(
        cli,
        ("2026-10-01T09:00", "add", "@dana send Q3 figures"),
        ("2026-10-01T09:05", "add", "@lee book the venue"),
        ("2026-10-02T09:10", "care", "--done", "slept"),
        ("2026-10-02T09:20", "checkin", "dana", "--rating", "4"),
        ("2026-10-03T09:20", "checkin", "dana"),
        ("2026-10-03T10:00", "done", "1"),
    )


def _archived_since(cli, home):
    """Item 1 archived by a later change, which is then undone: the next undo brings item 1 back."""
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"), ("2026-11-22T09:01", "undo"))


def _undone(cli, home):
    """Three open items; the last add undone, so redo can put it back."""
    _open_items(cli, home)
    _run(cli, (PINNED_NOW, "undo"))


def _redone(cli, home):
    """Three open items; the last add undone, then redone."""
    _undone(cli, home)
    _run(cli, (PINNED_NOW, "redo"))


def _undone_from_the_archive(cli, home):
    """Item 1's done undone, which took item 1 back out of its archive: redo marks it done again."""
    _archived_since(cli, home)
    _run(cli, ("2026-11-22T09:30", "undo", "--yes"))


def _migration(cli, home):
    home.mkdir(parents=True)
    shutil.copy(FIXTURES / "schema-1.json", home / "ictrack.json")


def _schema_3_release(cli, home):
    shutil.copytree(FIXTURES / "schema-3", home)  # a data file and its archive, both upgraded by the next write


def _two_days(cli, home):
    _run(
        cli,
        ("2026-11-22T09:00", "add", "@dana send Q3 figures by fri"),
        ("2026-11-22T10:00", "add", "book the venue"),
        ("2026-11-23T08:00", "done", "1"),
        ("2026-11-23T08:30", "add", "call the bank"),
    )


def _damaged_data_file(cli, home):
    _two_days(cli, home)
    (home / "ictrack.json").write_bytes(b'{"items": {"1": {"title": "half a wri')


def _damaged_archive(cli, home):
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"), ("2026-11-22T09:30", "add", "and the next"))
    (home / "archive-2026-10.json").write_bytes(b"\x00garbage")


def _people_damaged_beside_a_sound_archive(cli, home):
    """Two people given one handle by hand in the data file, beside a sound archive holding check-ins that name
    one of them: only the data file comes back from a backup."""
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"), ("2026-11-22T09:30", "add", "and the next"))
    data = json.loads((home / "ictrack.json").read_text())
    for person in data["people"].values():
        person["handle"] = "dana"
    (home / "ictrack.json").write_text(json.dumps(data))


def _archive_damage_in_the_backups(cli, home):
    """An archived item made to name nobody after a day's backup held the archive whole, and the next day's
    backup copying that damage: the archive comes back from the older copy."""
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"), ("2026-11-23T08:00", "add", "and the next"))

    def nowhere(data):
        for record in data["items"].values():
            record["person_id"] = "00000000-0000-4000-8000-00000000dead"

    data = json.loads((home / "archive-2026-10.json").read_text())
    nowhere(data)
    (home / "archive-2026-10.json").write_text(json.dumps(data))
    _run(cli, ("2026-11-24T08:00", "add", "and one more"))


def _journal_undo_cannot_pass(cli, home):
    _open_items(cli, home)
    damaged = {"summary": "damaged", "schema": 4, "before": {"items": {"x": {"id": "oops"}}}}
    ondisk.edit_journal(home, lambda journal, redo: journal.update({"99": damaged}))


def _journal_line_unreadable(cli, home):
    """A line in the middle of the journal file that can't be read: undo stops until --restore leaves out what
    comes before it."""
    _open_items(cli, home)
    lines = (home / "journal.jsonl").read_bytes().splitlines(keepends=True)
    (home / "journal.jsonl").write_bytes(b"".join([lines[0], b"{not json\n", *lines[1:]]))


def _journal_at_its_hundredth_line(cli, home):
    """The next change is the hundredth since the journal file was last written whole: it writes it anew."""
    _open_items(cli, home)
    data = json.loads((home / "ictrack.json").read_text())
    data["meta"]["1"]["commit"] = 99
    (home / "ictrack.json").write_text(json.dumps(data))
    ondisk.edit_journal(home, lambda journal, redo: None)  # the same entries, as at change 99


def _journal_cut_short(cli, home):
    """A change killed half-way through its journal line: the next one cuts it off before adding its own."""
    _open_items(cli, home)
    with open(home / "journal.jsonl", "ab") as journal:
        journal.write(b'{"commit":4,"journal":{"4":{"summary":"added commitment 4 \\"half')


def _index_out_of_date(cli, home):
    """Archives the index no longer describes (restored or copied by hand): the day's first change writes it anew."""
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"))
    (home / "index.json").write_text("{half an ind")


def _schema_5_release(cli, home):
    shutil.copytree(FIXTURES / "schema-5", home)  # the next write upgrades it: journal to its file, archives by month


def _schema_6_release(cli, home):
    shutil.copytree(FIXTURES / "schema-6", home)  # a snooze, yearly archives and the journal in the data file


def _missing_data_file(cli, home):
    _archived(cli, home)
    _run(cli, ("2026-11-22T09:00", "add", "plan the week"), ("2026-11-22T09:30", "add", "and the next"))
    (home / "ictrack.json").unlink()


def _an_export(cli, home):
    """An export with history old enough to go straight to the archive, in a file beside the empty folder."""
    _archived(cli, home)
    _run(cli, ("2026-10-05T09:00", "helped", "@sam fixed the build"), ("2026-10-05T10:00", "thank", "3", "--note", "x"))
    (home.parent / "export.json").write_text(cli("export", "json", now="2026-10-06T09:00").out)
    shutil.rmtree(home)


def _taskwarrior(cli, home):
    shutil.copy(FIXTURES / "taskwarrior-2.6.2.json", home.parent / "tasks.json")


def _help_to_thank(cli, home):
    _run(cli, ("2026-10-01T09:00", "helped", "@sam fixed the build"), ("2026-11-23T08:00", "add", "today's work"))


def _schema_4_typo(cli, home):
    shutil.copytree(FIXTURES / "schema-4", home)  # @lee, a typo for @lee.k, with history in the archive


def _someone_added(cli, home):
    _open_items(cli, home)
    _run(cli, ("2026-11-23T08:30", "person", "add", "kim", "--kind", "client"))


def _open_items(cli, home):
    _run(
        cli,
        ("2026-11-23T08:00", "add", "@dana send Q3 figures by fri #finance"),
        ("2026-11-23T08:10", "ask", "@lee review the deck by thu"),
        ("2026-11-23T08:20", "helped", "@sam fixed it"),
    )


def _reminded_once(cli, home):
    """Open items overdue and at risk, one of them already said by an earlier run of remind."""
    _open_items(cli, home)
    _run(
        cli, ("2026-11-23T08:30", "add", "send the minutes by 10am"), ("2026-11-23T09:30", "remind", "--via", "stdout")
    )


CONFIG = "ictrack.toml"  # beside the data folder, so the snapshot holds it as an output
CONFIG_TEXT = '# my settings\nsoon_hours = 12\n\n# my keys\n[keymap]\ncheckin = "ctrl+k"\n'


def _configured(cli, home):
    _open_items(cli, home)
    (home.parent / CONFIG).write_text(CONFIG_TEXT)


def _save_theme() -> int:
    """The TUI saving the theme chosen in its palette; the child runs in the data folder."""
    from ictrack.service import save_setting

    save_setting(Path("..") / CONFIG, "theme", "textual-light")
    return 0


def _move_and_copy() -> int:
    """`move --copy`: the item moves, and the words go to the clipboard of no one (a session without a terminal)."""
    os.setsid()  # the forked child leaves the terminal, so the test run's own clipboard is never written
    return main(["move", "1", "next tue", "--copy", "--reason", "waiting"])


def _config_init(*args: str) -> Callable[[], int]:
    """`ictrack config --init` writing the template to the config file beside the data folder."""

    def run() -> int:
        os.environ["ICTRACK_CONFIG"] = str(Path("..") / CONFIG)
        return main(["config", "--init", *args])

    return run


def _move_marked() -> int:
    """The TUI moving the rows marked in a list: one change for every one of them."""
    from ictrack.service import open_service

    open_service(running=True).move_many([1, 2], "next tue", "after the audit")
    return 0


PATHS = {
    "add on a new day: a daily backup, and the oldest removed": WritePath(
        _week_of_adds, ["add", "x by fri #t !ext"], "2026-11-23T09:00"
    ),
    "add later the same day": WritePath(_open_items, ["add", "@kim call the bank tomorrow"], PINNED_NOW),
    "add on a new day, writing an archive index that is out of date anew": WritePath(
        _index_out_of_date, ["add", "one more"], PINNED_NOW
    ),
    "done that archives what settled": WritePath(_archived, ["done", "2"], "2026-11-23T09:00"),
    "undo of an add": WritePath(_open_items, ["undo"], PINNED_NOW),
    "undo that brings an item back from its archive": WritePath(_archived_since, ["undo", "--yes"], "2026-11-22T10:00"),
    "redo of an add": WritePath(_undone, ["redo"], PINNED_NOW),
    "redo of a done that undo took back out of its archive": WritePath(
        _undone_from_the_archive, ["redo"], "2026-11-22T10:00"
    ),
    "undo of a redone add": WritePath(_redone, ["undo"], PINNED_NOW),
    "add that writes the journal file anew at its hundredth change": WritePath(
        _journal_at_its_hundredth_line, ["add", "one more"], PINNED_NOW
    ),
    "add after a killed change left the journal's last line cut short": WritePath(
        _journal_cut_short, ["add", "one more"], PINNED_NOW
    ),
    "migration from schema 5: the undo journal and redo stack move to their own file": WritePath(
        _schema_5_release, ["add", "one more"], PINNED_NOW
    ),
    "redo on a schema-5 folder: the upgrade, then the redo stack it raised": WritePath(
        _schema_5_release, ["redo"], PINNED_NOW
    ),
    "migration from schema 6: the journal to its file, the archives by month, the snooze kept": WritePath(
        _schema_6_release, ["add", "one more"], PINNED_NOW
    ),
    "a change that empties what redo holds": WritePath(_undone, ["add", "something else"], PINNED_NOW),
    "migration from schema 1": WritePath(_migration, ["add", "one more"], "2026-11-21T09:00"),
    "migration from schema 3, archive and undo journal included": WritePath(
        _schema_3_release, ["add", "one more"], PINNED_NOW
    ),
    "undo on a schema-3 folder: the upgrade, data file first, then its archive": WritePath(
        _schema_3_release, ["undo", "--yes"], PINNED_NOW
    ),
    "migration from schema 3 that makes the people an item and an archived item name": WritePath(
        named_nowhere, ["add", "one more"], PINNED_NOW
    ),
    "doctor --restore of a damaged data file": WritePath(
        _damaged_data_file, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "doctor --restore of a damaged archive": WritePath(
        _damaged_archive, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "doctor --restore of a data file whose people are damaged, beside a sound archive": WritePath(
        _people_damaged_beside_a_sound_archive, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "doctor --restore of an archive whose damage the backups copied": WritePath(
        _archive_damage_in_the_backups, ["doctor", "--restore"], "2026-11-24T09:00", damaged=True
    ),
    "doctor --restore of an undo journal undo can't get past": WritePath(
        _journal_undo_cannot_pass, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "doctor --restore of a journal file with a line that can't be read": WritePath(
        _journal_line_unreadable, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "doctor --restore of a data file missing beside archives": WritePath(
        _missing_data_file, ["doctor", "--restore"], PINNED_NOW, damaged=True
    ),
    "import json, archiving old history in the same operation": WritePath(
        _an_export, ["import", "json", "../export.json"], PINNED_NOW
    ),
    "import taskwarrior": WritePath(_taskwarrior, ["import", "taskwarrior", "../tasks.json"], PINNED_NOW),
    "thank": WritePath(_open_items, ["thank", "3", "--note", "thanks Sam"], PINNED_NOW),
    "thank that settles an old help and archives it": WritePath(
        _help_to_thank, ["thank", "1", "--note", "x"], PINNED_NOW
    ),
    "care": WritePath(_open_items, ["care", "--done", "slept,lunch", "--energy", "4"], PINNED_NOW),
    "check-in": WritePath(_open_items, ["checkin", "dana", "--rating", "4", "--note", "more notice"], PINNED_NOW),
    "move": WritePath(_open_items, ["move", "1", "next tue", "--reason", "waiting"], PINNED_NOW),
    "move --copy: the item moves and the words are copied": WritePath(_open_items, _move_and_copy, PINNED_NOW),
    "snooze": WritePath(_open_items, ["snooze", "1", "thu"], PINNED_NOW),
    "remind, recording what it said beside what an earlier run said": WritePath(
        _reminded_once, ["remind", "--via", "stdout"], "2026-11-23T15:30"
    ),
    "snooze on a schema-5 folder: the upgrade, then the item's wait": WritePath(
        _schema_5_release, ["snooze", "7", "thu"], PINNED_NOW
    ),
    "move of the rows marked in the TUI, as one change": WritePath(_open_items, _move_marked, PINNED_NOW),
    "drop": WritePath(_open_items, ["drop", "1", "--reason", "not needed"], PINNED_NOW),
    "edit": WritePath(_open_items, ["edit", "1", "--title", "send Q4", "--to", "kim", "--tag", "x"], PINNED_NOW),
    "edit of an archived item": WritePath(_archived, ["edit", "1", "--title", "send Q3 and Q4"], "2026-11-23T09:00"),
    "edit of an archived item into help still owed thanks: it leaves its archive": WritePath(
        _archived, ["edit", "1", "--kind", "help", "--no-due"], "2026-11-23T09:00"
    ),
    "person": WritePath(_open_items, ["person", "dana", "--kind", "manager", "--cadence", "14"], PINNED_NOW),
    "person add": WritePath(_open_items, ["person", "add", "kim", "--name", "Kim Lo", "--kind", "client"], PINNED_NOW),
    "person rename of someone with archived history": WritePath(
        _archived, ["person", "rename", "dana", "dana.s"], "2026-11-23T09:00"
    ),
    "person merge of a typo with archived history, upgrading schema 4": WritePath(
        _schema_4_typo, ["person", "merge", "lee", "lee.k"], PINNED_NOW
    ),
    "person remove": WritePath(_someone_added, ["person", "remove", "kim"], PINNED_NOW),
    "person note": WritePath(_open_items, ["person", "note", "dana", "prefers figures a day early"], PINNED_NOW),
    "export json -o FILE": WritePath(_open_items, ["export", "json", "-o", "../out.json"], PINNED_NOW),
    "week -o FILE": WritePath(_open_items, ["week", "-o", "../week.html"], PINNED_NOW),
    "person -o FILE: the agenda in Markdown": WritePath(
        _open_items, ["person", "dana", "-o", "../dana.md"], PINNED_NOW
    ),
    "the TUI saving its theme in config.toml": WritePath(_configured, _save_theme, PINNED_NOW),
    "config --init: the template where there was no config file": WritePath(_open_items, _config_init(), PINNED_NOW),
    "config --init --force: the template over a config file": WritePath(
        _configured, _config_init("--force"), PINNED_NOW
    ),
}


@pytest.fixture
def prepared(request, cli, home, tmp_path, monkeypatch) -> tuple[Path, WritePath]:
    """The folder a write path starts from, as `tmp_path/template/data`."""
    path = PATHS[request.param]
    path.setup(cli, home)
    template = tmp_path / "template"
    template.mkdir()
    if home.exists():
        shutil.copytree(home, template / "data", symlinks=True)
    for loose in home.parent.iterdir():
        if loose.is_file() and loose.name != "config.toml":
            shutil.copy(loose, template / loose.name)
    monkeypatch.setenv("ICTRACK_NOW", path.now)
    return template, path


def _fresh(template: Path, where: Path) -> Path:
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(template, where, symlinks=True)
    (where / "data").mkdir(mode=0o700, exist_ok=True)
    return where


@pytest.mark.parametrize("prepared", list(PATHS), indirect=True)
def test_a_kill_at_any_file_operation_leaves_the_state_before_or_after_and_doctor_agrees(prepared, tmp_path):
    template, path = prepared
    env = {"ICTRACK_HOME": str(tmp_path / "run" / "data")}
    root = _fresh(template, tmp_path / "run")
    code, operations = run_child(path.argv, env)
    assert code == 0, path.argv
    after = snapshot(root)
    try:
        before = snapshot(_fresh(template, tmp_path / "run"))
    except StorageProblem:
        assert path.damaged, "the folder does not load before the command"
        before = None
    kills = [(n, how) for n, name in enumerate(operations, start=1)
             for how in ("before", "after", *(("half",) if name == "write" else ()))]  # fmt: skip
    assert kills, "the command made no file operation"
    for target, how in kills:
        root = _fresh(template, tmp_path / "run")
        code, _ = run_child(path.argv, env, target, how)
        assert code == KILLED, (target, how, code)
        where = f"{path.argv} killed {how} operation {target} ({operations[target - 1]})"
        store = Store(root / "data", lock_timeout=5)
        try:
            state = snapshot(root)
        except StorageProblem:
            assert path.damaged, f"{where}: the folder no longer loads"
            assert store.checkup()[0], f"{where}: doctor found nothing wrong with a folder that does not load"
            rerun, _ = run_child(path.argv, env)
            assert rerun == 0, where
            state = snapshot(root)
            assert state["data"] == after["data"], f"{where}: a second --restore did not repair it"
        else:
            assert state in (before, after), f"{where}: the folder holds neither the state before nor after"
            problems = store.checkup()[0]
            if path.damaged and state == before:  # damage that leaves the folder readable, not yet repaired
                assert problems, f"{where}: doctor no longer sees the damage"
                rerun, _ = run_child(path.argv, env)
                assert rerun == 0 and snapshot(root) == after, f"{where}: a second --restore did not repair it"
            else:
                assert problems == [], f"{where}: {problems}"
        code, _ = run_child(["add", "the next thing"], env, first_uuid=10**7)
        assert code == 0, f"{where}: the next command failed"
        data = json.loads((root / "data" / "ictrack.json").read_text())
        assert "pending" not in data["meta"]["1"], f"{where}: the next change left a move unfinished"
        problems, facts, _ = store.checkup()
        assert problems == [] and not any("cut short" in fact for fact in facts), (where, problems, facts)
    print(f"{len(kills)} kills over {len(operations)} file operations")


def test_the_harness_sees_every_kind_of_file_operation_a_write_path_makes(tmp_path, home, cli):
    _week_of_adds(cli, home)
    code, operations = run_child(["add", "x"], {"ICTRACK_HOME": str(home), "ICTRACK_NOW": "2026-11-23T09:00"})
    assert code == 0
    assert {"open", "write", "fsync", "replace", "rename", "mkdir", "rmdir", "unlink"} <= set(operations)


def test_a_killed_child_really_stops_where_it_was_told(tmp_path, home, cli):
    _run(cli, (PINNED_NOW, "add", "first"))
    before = (home / "ictrack.json").read_bytes()
    code, _ = run_child(["add", "second"], {"ICTRACK_HOME": str(home)}, target=1, how="before")
    assert code == KILLED
    assert (home / "ictrack.json").read_bytes() == before
    assert sys.modules["os"].write is not None  # the parent's os module was never armed
