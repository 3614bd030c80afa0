"""Time to the TUI's first paint, and the minimal Textual app it is measured against (`make bench` times both).

Each runs in a real pseudo-terminal (120x36); the clock stops when the screen shows the case's marker:
for ictrack, the status line's counts, which are drawn only once the data has loaded.
"""

from __future__ import annotations

import time

import pexpect
from timing import as_installed

MINIMAL_APP = """\
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("minimal app ready")

Minimal().run()
"""


def first_paint(command: list[str], marker: str, env: dict, cwd: str | None = None) -> float:
    """Seconds from starting `command` until `marker` is on its screen; it is then closed with ctrl+q."""
    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=as_installed(env), cwd=cwd, dimensions=(36, 120),
                          encoding="utf-8")  # fmt: skip
    try:
        child.expect(marker, timeout=60)
        return time.perf_counter() - start
    finally:
        child.sendcontrol("q")
        child.expect(pexpect.EOF, timeout=10)
        child.close()
