"""Copying a draft out of the terminal: OSC 52 with the draft alone, base64, nothing from data acting on the
terminal; checked byte for byte on a pseudo-terminal, and seen landing in tmux's buffer (set-clipboard on)."""

from __future__ import annotations

import base64
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

import pexpect
import pytest

from ictrack.text import osc52
from tests.conftest import run_process

SEQUENCE = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def test_the_sequence_is_the_text_alone_in_base64_between_the_osc_52_opening_and_bel():
    assert osc52("Hi Lee, thanks!") == "\x1b]52;c;" + base64.b64encode(b"Hi Lee, thanks!").decode() + "\x07"


def test_control_characters_in_the_text_are_escaped_before_encoding_and_line_breaks_kept():
    sequence = osc52("Hi\x1b]0;owned\x07 Lee\x9b2J\nbye")
    (payload,) = SEQUENCE.fullmatch(sequence).groups()
    assert base64.b64decode(payload).decode() == "Hi\\x1b]0;owned\\x07 Lee\\x9b2J\nbye"
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1  # nothing can end it early


@pytest.fixture
def overdue_ask(cli, home):
    """Item 1: an ask of @kim (Kim Lo) due last Friday, with a title that tries to act on the terminal."""
    assert cli("ask", "@kim the venue list\x1b]2;x\x07 by fri", now="2026-11-16T09:00").code == 0
    assert cli("person", "kim", "--name", "Kim Lo", now="2026-11-23T09:00").code == 0
    return home


def spawn(*args: str, shell: bool = False) -> pexpect.spawn:
    command = [sys.executable, "-m", "ictrack", *args]
    if shell:  # stdout to a file: the sequence must still reach the terminal, and only the terminal
        return pexpect.spawn("/bin/sh", ["-c", f"{shlex.join(command)} > out.txt"], env=dict(os.environ),
                             encoding="utf-8", timeout=30, dimensions=(40, 200))  # fmt: skip
    return pexpect.spawn(command[0], command[1:], env=dict(os.environ), encoding="utf-8", timeout=30,
                         dimensions=(40, 200))  # fmt: skip


def everything(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return child.before


@pytest.mark.pty
def test_nudge_copy_on_a_terminal_writes_the_draft_then_one_osc_52_sequence_of_it(overdue_ask):
    shown = everything(spawn("nudge", "1", "--copy"))
    (payload,) = SEQUENCE.findall(shown)
    copied = base64.b64decode(payload).decode()
    assert copied.startswith("Hi Kim, ") and "the venue list\\x1b]2;x\\x07" in copied  # escaped, not obeyed
    assert shown.index(copied.replace("\n", "\r\n")) < shown.index("\x1b]52;")  # the draft is printed first
    assert shown.count("\x1b") == 1  # the sequence is the only escape the terminal sees
    assert "Sent to the clipboard (OSC 52)" in shown


@pytest.mark.pty
def test_with_stdout_in_a_file_the_sequence_still_reaches_the_terminal_and_the_file_holds_the_draft_alone(
    overdue_ask, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    shown = everything(spawn("move", "1", "next mon", "--draft", "--copy", shell=True))
    (payload,) = SEQUENCE.findall(shown)
    written = (tmp_path / "out.txt").read_text()
    assert "\x1b" not in written and written == base64.b64decode(payload).decode() + "\n"


def test_without_a_terminal_copy_writes_the_draft_to_stdout_and_says_so_truly(overdue_ask):
    result = run_process("nudge", "1", "--copy", start_new_session=True)  # no controlling terminal, stdout a pipe
    assert result.returncode == 0 and result.stdout.startswith("Hi Kim, ") and "\x1b]52" not in result.stdout
    assert result.stderr == ("ictrack: note: the clipboard needs a terminal (OSC 52), and there is none; the draft "
                             "was written to stdout.\n")  # fmt: skip


@pytest.mark.pty
def test_with_stdout_in_a_file_the_note_points_to_stdout_not_to_the_screen_above(overdue_ask, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = everything(spawn("nudge", "1", "--copy", shell=True))
    assert "copy it from above" not in shown and "above" not in shown
    assert "Sent to the clipboard (OSC 52); if your terminal does not allow that, the draft was written to stdout." in (
        shown)  # fmt: skip
    assert (tmp_path / "out.txt").read_text().startswith("Hi Kim, ")


def test_move_copy_without_draft_moves_the_item_and_copies_the_words_too(cli, overdue_ask):
    result = run_process("move", "1", "next mon", "--copy", start_new_session=True)
    assert result.returncode == 0, result.stderr
    moved, draft = result.stdout.split("\n", 1)
    assert moved.startswith("Moved 1: ") and "Mon 30 Nov" in moved
    assert draft.startswith("Hi Kim, thank") and "?" not in draft and "Monday 30 November" in draft  # a notice
    assert "Nothing moved" not in result.stderr and "the draft was written to stdout" in result.stderr
    assert cli("show", "1", "--json").json()["due"].startswith("2026-11-30")


def test_move_copy_json_moves_and_keeps_the_item_alone_on_stdout_the_draft_on_stderr(cli, overdue_ask):
    result = run_process("move", "1", "next mon", "--copy", "--json", start_new_session=True)
    assert result.returncode == 0, result.stderr
    assert cli("show", "1", "--json").json() == __import__("json").loads(result.stdout)
    assert "there is none; here it is:\nHi Kim, " in result.stderr and "above" not in result.stderr


@pytest.mark.pty
def test_move_copy_on_a_terminal_moves_and_sends_the_draft_in_one_osc_52_sequence(cli, overdue_ask):
    shown = everything(spawn("move", "1", "next mon", "--copy"))
    (payload,) = SEQUENCE.findall(shown)
    copied = base64.b64decode(payload).decode()
    assert copied.startswith("Hi Kim, thank") and "Monday 30 November" in copied  # the note of the move made
    assert shown.startswith("Moved 1: ") and "the draft was printed above" in shown
    assert cli("show", "1", "--json").json()["due"].startswith("2026-11-30")


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_copied_draft_lands_in_tmux_s_buffer_with_set_clipboard_on(overdue_ask, home):
    server = f"ictrack-clip-{os.getpid()}"

    def tmux(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", server, "-f", "/dev/null", *args], capture_output=True, text=True,
                              check=False)  # fmt: skip

    draft = run_process("nudge", "1", env={"ICTRACK_NOW": "2026-11-23T09:00"}).stdout.rstrip("\n")
    env = " ".join(f"{key}={shlex.quote(os.environ[key])}" for key in ("ICTRACK_HOME", "ICTRACK_CONFIG", "TZ"))
    command = f"env {env} ICTRACK_NOW=2026-11-23T09:00 {shlex.quote(sys.executable)} -m ictrack nudge 1 --copy"
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "hold", "-x", "120", "-y", "30", "sleep 60")
    try:
        tmux("set-option", "-g", "set-clipboard", "on")
        tmux("new-window", "-t", "hold", f"{command}; sleep 30")
        deadline, buffer = time.monotonic() + 20, ""
        while time.monotonic() < deadline and not buffer:
            buffer = tmux("show-buffer").stdout
            time.sleep(0.1)
        assert buffer == draft and buffer.startswith("Hi Kim, ")
    finally:
        tmux("kill-server")


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_y_in_the_review_puts_the_selected_ask_s_nudge_in_tmux_s_buffer(overdue_ask, home):
    server = f"ictrack-clip-ui-{os.getpid()}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", server, "-f", "/dev/null", *args], capture_output=True, text=True,
                              check=False).stdout  # fmt: skip

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if text in (screen := tmux("capture-pane", "-p", "-t", "ui")):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear:\n{tmux('capture-pane', '-p', '-t', 'ui')}")

    draft = run_process("nudge", "1", env={"ICTRACK_NOW": "2026-11-23T09:00"}).stdout.rstrip("\n")
    env = " ".join(f"{key}={shlex.quote(os.environ[key])}" for key in ("ICTRACK_HOME", "ICTRACK_CONFIG", "TZ"))
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "ui", "-x", "120", "-y", "36",
         f"env {env} ICTRACK_NOW=2026-11-23T09:00 {shlex.quote(sys.executable)} -m ictrack ui")  # fmt: skip
    try:
        tmux("set-option", "-g", "set-clipboard", "on")
        wait_for("Today's care check")
        time.sleep(0.5)
        tmux("send-keys", "-t", "ui", "Escape")
        time.sleep(0.5)
        tmux("send-keys", "-t", "ui", "2")
        time.sleep(0.5)
        tmux("send-keys", "-t", "ui", "Enter")  # below 100 columns the row's details take the list's place
        wait_for("Nudge to send")
        tmux("send-keys", "-t", "ui", "y")
        wait_for("Copied to the clipboard")
        assert tmux("show-buffer") == draft
    finally:
        tmux("kill-server")
