"""ictrack as real processes: start-up weight, error hygiene, and two writers at once."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC

import pytest

from tests.conftest import run_process


def test_the_everyday_commands_never_import_textual_rich_or_the_tui(home):
    script = textwrap.dedent(
        """
        import sys
        from ictrack.cli import main
        for argv in (["add", "@dana send figures by fri #finance"], ["ask", "@lee deck by thu"],
                     ["helped", "@sam fixed the build"], ["list"], ["done", "1"], ["brief"], []):
            assert main(argv) == 0, argv
        heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
        heavy += sorted(name for name in sys.modules if name.startswith("ictrack.tui"))
        print("HEAVY", heavy)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_a_quick_add_imports_only_what_it_needs(home):
    # each import here was once on the quick-add path: the other command groups, OpenSSL (through uuid5's
    # hashlib) for a new person's key, uuid and with it platform
    script = "import sys\nfrom ictrack.cli import main\nmain(['add', '@dana send figures by fri 3pm +finance'])\n"
    watched = ("ictrack.", "hashlib", "_hashlib", "uuid", "platform")
    script += f"print('LOADED', sorted(name for name in sys.modules if name.startswith({watched!r})))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy())
    loaded = set(json.loads(result.stdout.split("LOADED ", 1)[1].replace("'", '"')))
    assert loaded & {"ictrack.cli.review", "ictrack.cli.people", "ictrack.cli.data", "ictrack.cli.config",
                     "ictrack.core.settings_toml", "ictrack.core.search", "hashlib", "_hashlib", "uuid",
                     "platform"} == set()  # fmt: skip
    assert {"ictrack.cli.items", "ictrack.core.quickadd", "ictrack.storage.store"} <= loaded


@pytest.mark.parametrize(
    ("phrase", "loaded"),
    [("by fri 3pm", False), ("in 2 hours", False), ("by dec 3", True), ("by mon eod", False), ("tmrw at 2", False),
     ("on the 3rd", False), ("in a couple of days", False), ("first thing tomorrow", False), ("by 28/11", True)],
)  # fmt: skip
def test_dateutil_is_imported_only_for_absolute_dates(home, phrase, loaded):
    script = f"import sys\nfrom ictrack.cli import main\nmain(['add', 'send figures {phrase}'])\n"
    script += "print('DATEUTIL', 'dateutil' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy())
    assert f"DATEUTIL {loaded}" in result.stdout, result.stderr


def test_text_that_is_not_utf8_is_refused_and_leaves_no_trace(seeded):
    before = sorted(os.listdir(seeded.parent)), seeded.read_bytes()
    result = subprocess.run([sys.executable, "-m", "ictrack", "add", b"caf\xe9 order"], capture_output=True, text=True)
    _one_line_error(result, 2)
    assert (sorted(os.listdir(seeded.parent)), seeded.read_bytes()) == before


def _one_line_error(result: subprocess.CompletedProcess, code: int) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ictrack"), result.stderr


@pytest.fixture
def seeded(home, cli):
    for args in (["add", "@dana send figures by fri #finance"], ["ask", "@lee deck by thu"]):
        assert cli(*args).code == 0
    return home / "ictrack.json"


@pytest.mark.parametrize(
    ("args", "code"),
    [(["done", "99"], 1), (["show", "99"], 1), (["move", "99", "fri"], 1), (["drop", "99"], 1),
     (["edit", "99", "--title", "x"], 1), (["got", "1"], 1), (["add", "send figures", "--due", "someday"], 2),
     (["move", "1", "whenever"], 2), (["edit", "1", "--due", "soonish"], 2), (["add", "@dana #x !ext"], 2),
     (["add", "   "], 2), (["done", "1", "--at", "next year"], 2), (["list", "--kind", "chore"], 2),
     (["done", "0"], 2), (["add", "standup today 8am"], 2)],
)  # fmt: skip
def test_bad_input_is_one_line_with_its_exit_code_and_leaves_the_file_unchanged(seeded, args, code):
    before = seeded.read_bytes()
    _one_line_error(run_process(*args), code)
    assert seeded.read_bytes() == before


@pytest.mark.parametrize("args", [["add", "send figures"], ["list"], ["brief"], ["done", "1"], ["undo"], []])
def test_a_data_file_that_is_not_json_stops_every_command_and_is_left_alone(home, args):
    home.mkdir(mode=0o700)
    data_file = home / "ictrack.json"
    data_file.write_text('{"items": {"1": {"title": "half a wri')
    before = data_file.read_bytes()
    result = run_process(*args)
    _one_line_error(result, 3)
    assert str(data_file) in result.stderr and "not valid JSON" in result.stderr
    assert data_file.read_bytes() == before


WRITER = """
import io, sys, contextlib
from ictrack.cli import main
for n in range(1, 201):
    with contextlib.redirect_stdout(io.StringIO()):
        if main(["add", f"task {sys.argv[1]} {n}"]) != 0:
            sys.exit(1)
"""


@pytest.mark.stress
def test_two_processes_adding_two_hundred_items_each_lose_nothing(home):
    # each process loops in itself, so the two overlap for all their adds instead of mostly starting up
    env = {**os.environ, "ICTRACK_LOCK_TIMEOUT": "60"}
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, name], env=env) for name in ("A", "B")]
    assert [w.wait(timeout=600) for w in workers] == [0, 0]

    data = json.loads((home / "ictrack.json").read_text())  # valid JSON, or this raises
    items = {record["id"]: record for record in data["items"].values()}
    assert len(items) == 400
    assert sorted(items) == list(range(1, 401))
    assert {item["title"] for item in items.values()} == {f"task {w} {n}" for w in "AB" for n in range(1, 201)}


def test_a_closed_pipe_ends_quietly(home):
    from datetime import datetime

    from ictrack.core.model import Item
    from ictrack.storage import Store

    moment = datetime(2026, 11, 20, tzinfo=UTC)
    with Store(home).change("seed", moment) as change:
        for n in range(3000):
            change.save_item(
                Item(id=change.new_id(), uuid=str(n), kind="commitment", title=f"task {n}", created=moment)
            )
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f'"{sys.executable}" -m ictrack list | head -1'],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.split() == ["1", "task", "0"]
