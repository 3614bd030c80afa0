"""The TUI in a real terminal: tmux at 120x36, keys sent as a person would, the screen read back.

Runs under pytest when tmux is installed; `python -m tests.tui.test_tmux` runs it by hand and prints
each screen it saw.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.tui.conftest import TUI_NOW

pytestmark = pytest.mark.tmux

# a tmux server of its own, named for this process, so runs side by side (pytest -n) never share a screen
SESSION = f"ictrack-tmux-check-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SESSION, *args], capture_output=True, text=True, check=False).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(text: str, seconds: float = 20, *, gone: bool = False) -> str:
    """The screen once `text` is on it (or, with `gone`, once it has left)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = screen()
        if (text in shown) != gone:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} {'stayed' if gone else 'did not appear'}; the screen was:\n{screen()}")


def press(key: str) -> None:
    time.sleep(0.5)  # a person reads before pressing; a key in the terminal's start-up replies can be lost
    tmux("send-keys", "-t", SESSION, key)


def ictrack(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ictrack", *args], env=env, capture_output=True, text=True,
                          check=True)  # fmt: skip


def check(home: Path, show=lambda title, text: None) -> None:
    """Seed a home, open `ictrack ui` in tmux, skip the care nudge, press d on the first item, quit."""
    env = {**os.environ, "ICTRACK_HOME": str(home), "ICTRACK_CONFIG": str(home / "none.toml"), "TZ": "Europe/London"}
    for now, text in [("2026-11-20T10:00", "call the bank by tue 10am"),
                      ("2026-11-25T09:00", "@lee prepare the board pack by today 4pm !ext")]:  # fmt: skip
        ictrack({**env, "ICTRACK_NOW": now}, "add", text)
    env["ICTRACK_NOW"] = TUI_NOW
    command = " ".join(f"{key}={shlex.quote(env[key])}" for key in ("ICTRACK_HOME", "ICTRACK_CONFIG", "TZ",
                                                                    "ICTRACK_NOW"))  # fmt: skip
    tmux("kill-server")
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "36",
         f"env {command} {shlex.quote(sys.executable)} -m ictrack ui")  # fmt: skip
    try:
        show("at start: the care check opens once, because today's is not done", wait_for("Today's care check"))
        press("Escape")
        shown = wait_for("Today's care check", gone=True)
        show("the dashboard", shown)
        assert "call the bank" in shown and "1 overdue · 1 at risk" in shown
        press("d")
        show("after d on the first item", wait_for("Done 1: call the bank"))
        press("q")
        deadline = time.monotonic() + 10
        while SESSION in tmux("list-sessions", "-F", "#{session_name}") and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    items = {item["id"]: item for item in json.loads(ictrack(env, "list", "--all", "--json").stdout)}
    assert (items[1]["status"], items[1]["done_at"]) == ("done", "2026-11-25T14:00:00+00:00")
    assert items[2]["status"] == "open"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_d_in_a_real_terminal_marks_the_first_item_done(tmp_path):
    check(tmp_path / "data")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        check(Path(folder) / "data", lambda title, text: print(f"--- {title} ---\n{text.rstrip()}\n"))
        print("--- ictrack list --all --json: item 1 is done, item 2 still open ---")
