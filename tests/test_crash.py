"""Killed mid-write and hammered by several processes at once, the data stays whole and nothing is lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ictrack.storage import Store

pytestmark = pytest.mark.stress

WRITER = """
import io, sys, contextlib
from ictrack.cli import main
for i in range(200):
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["add", f"{sys.argv[1]}-{i} send the figures"])
    if code == 0:
        print(f"ok {sys.argv[1]}-{i}", flush=True)
"""


def test_a_writer_killed_at_random_moments_loses_nothing_it_reported(home):
    rng = random.Random(2026)
    reported: list[str] = []
    for round_ in range(20):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, f"r{round_}"], stdout=subprocess.PIPE, text=True,
                                  env=dict(os.environ))  # fmt: skip
        assert writer.stdout is not None
        # let it report a random number of adds, so the kill lands mid-loop however fast the machine is
        lines = [writer.stdout.readline() for _ in range(rng.randint(1, 40))]
        time.sleep(rng.uniform(0, 0.05))  # somewhere inside the next add: its lock, its write, its rename
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL, f"round {round_}: the writer finished before the kill"
        reported += [line.split()[1] for line in [*lines, *rest.splitlines()] if line.strip()]
        store = Store(home)
        titles = {item.title.split()[0] for item in store.load(history=True).items.values()}
        assert set(reported) <= titles, f"round {round_}: lost {sorted(set(reported) - titles)[:5]}"
        problems = store.checkup()[0]
        assert problems == [], problems


CLIENT = """
import io, sys, contextlib
from ictrack.cli import main
verb, first = sys.argv[1], int(sys.argv[2])
for i in range(first, first + 200):
    args = {"add": ["add", f"new {i}"], "done": ["done", str(i)], "move": ["move", str(i), "fri"]}[verb]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(args) == 0, args
"""

READER = """
import io, sys, json, contextlib
from pathlib import Path
from ictrack.cli import main
stop, reads = Path(sys.argv[1]), 0
while not stop.exists():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["list", "--all", "--json"]) == 0
    json.loads(out.getvalue())  # a partial file would fail here
    reads += 1
print(reads)
"""


def test_three_writers_and_a_reader_at_once_lose_nothing_and_never_see_a_partial_file(home, tmp_path):
    seed = subprocess.run([sys.executable, "-c", CLIENT.replace("range(first, first + 200)", "range(1, 401)"),
                           "add", "0"], env=dict(os.environ), capture_output=True, text=True)  # fmt: skip
    assert seed.returncode == 0, seed.stderr
    env = {**os.environ, "ICTRACK_LOCK_TIMEOUT": "60"}
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(stop)], env=env, stdout=subprocess.PIPE, text=True)
    writers = [subprocess.Popen([sys.executable, "-c", CLIENT, verb, first], env=env, stderr=subprocess.PIPE, text=True)
               for verb, first in (("add", "1000"), ("done", "1"), ("move", "201"))]  # fmt: skip
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    stop.touch()
    out, _ = reader.communicate(timeout=60)
    assert reader.returncode == 0 and int(out) > 0
    items = {item["id"]: item for item in json.loads((Path(home) / "ictrack.json").read_text())["items"].values()}
    assert len(items) == 600
    assert all(items[i]["status"] == "done" for i in range(1, 201))
    assert all(len(items[i]["moves"]) == 1 and items[i]["status"] == "open" for i in range(201, 401))
    assert sorted(item["title"] for item in items.values() if item["id"] > 400) == sorted(
        f"new {i}" for i in range(1000, 1200)
    )
    assert Store(home).checkup()[0] == []
