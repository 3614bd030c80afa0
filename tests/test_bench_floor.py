"""bench/floor.py, the floor script timed beside `ictrack add`: what it writes is an item ictrack reads as its own."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "bench"


def floor(home: Path) -> None:
    subprocess.run([sys.executable, BENCH / "floor.py"], env={**os.environ, "ICTRACK_HOME": str(home)}, check=True,
                   timeout=60)  # fmt: skip


def test_the_floor_scripts_items_in_a_new_folder_are_listed_and_numbered_on_by_ictrack(cli, home):
    home.mkdir(mode=0o700)
    floor(home)
    floor(home)
    listed = cli("list")
    assert listed.code == 0 and listed.out.splitlines() == ["    1    send Q3 figures #finance",
                                                           "    2    send Q3 figures #finance"]  # fmt: skip
    assert cli("add", "book the venue").out.startswith("Added 3: book the venue")
    assert not [path.name for path in home.iterdir() if path.name.endswith(".tmp")]


def test_the_floor_scripts_item_in_a_history_is_for_dana_and_passes_the_doctor(cli, home):
    sys.path.insert(0, str(BENCH))
    try:
        written = importlib.import_module("history").generate(home, years=1, per_day=2)
    finally:
        sys.path.remove(str(BENCH))
    floor(home)
    shown = cli("show", str(written.items + 1))
    assert shown.code == 0 and "send Q3 figures" in shown.out and "@dana" in shown.out
    assert f"{written.items + 1}    send Q3 figures → @dana #finance" in cli("list").out
    assert cli("doctor").code == 0
