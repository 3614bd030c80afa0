"""Time to the TUI's first paint with five years of history, against a minimal Textual app in the same run.

Each case runs in a real pseudo-terminal (120x36); the clock stops when the screen shows the case's
marker: for ictrack, the status line's counts, which are drawn only once the data has loaded.

Usage: python bench/first_paint.py [runs]   (default 10; `make bench` runs it)
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).parent))
from history import generate
from timing import ICTRACK, as_installed

MINIMAL_APP = """\
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")

Minimal().run()
"""


def first_paint(command: list[str], marker: str, env: dict) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=as_installed(env), dimensions=(36, 120), encoding="utf-8")
    try:
        child.expect(marker, timeout=60)
        return time.perf_counter() - start
    finally:
        child.sendcontrol("q")
        child.expect(pexpect.EOF, timeout=10)
        child.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as folder:
        history, empty = Path(folder) / "history", Path(folder) / "empty"
        count = generate(history, years=5)
        size = (history / "ictrack.json").stat().st_size
        base = {**os.environ, "ICTRACK_CONFIG": os.path.join(folder, "none.toml"), "TZ": "Europe/London",
                "ICTRACK_NOW": "2026-11-23T09:00", "TERM": "xterm-256color"}  # fmt: skip
        cases = {
            "minimal Textual app": ([sys.executable, "-c", MINIMAL_APP], "ready", base),
            "ictrack ui, empty home": ([ICTRACK, "ui"], "Welcome", {**base, "ICTRACK_HOME": str(empty)}),
            f"ictrack ui, {count:,} items": ([ICTRACK, "ui"], "overdue", {**base, "ICTRACK_HOME": str(history)}),
        }
        for command, marker, env in cases.values():  # warm-up: caches, .pyc files
            first_paint(command, marker, env)
        samples = {name: [] for name in cases}
        for _ in range(runs):
            for name, (command, marker, env) in cases.items():
                samples[name].append(first_paint(command, marker, env))
    print(f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cores; {runs} runs each; history file {size / 1e6:.1f} MB")  # fmt: skip
    baseline = statistics.median(samples["minimal Textual app"])
    print(f"{'case':<30} {'first paint ms':>15} {'× minimal app':>14}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<30} {median * 1000:>15.1f} {median / baseline:>14.2f}")


if __name__ == "__main__":
    main()
