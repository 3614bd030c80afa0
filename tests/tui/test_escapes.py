"""Hostile data in the TUI: every view and dialog draws it as plain text with its control characters
escaped, never as markup; untouched fields are not rewritten; in a real terminal the window keeps its title.

What is checked on screen is the text of every segment the compositor would send to the terminal,
dialogs drawn over the dashboard included.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest
from textual import events
from textual.widgets import Input, TextArea

from ictrack.tui.widgets.item_list import ItemList
from ictrack.tui.widgets.people import PeopleTable
from tests.hostile import HANDLE, MARKUP, RAW_CONTROL, document
from tests.tui.conftest import SIZE, drive, make_app, settle, stored

SHOWN = "\\x1b]0;pwned\\x07"  # what the OSC 0 sequence looks like once escaped
MONDAY = "2026-11-23T09:00"  # the hostile document's day: today's care check is in it


@pytest.fixture
def hostile_home(home, cli, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert cli("import", "json", str(path)).code == 0
    return home


def screen_text(app) -> str:
    """The screen as the terminal would get it, one line per row, background screens included."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join("".join(segment.text for strip in row for segment in strip) for row in update.strips)


async def look(pilot, what: str, *expected: str) -> str:
    """The screen once settled; no raw control character on it, and each of `expected` shown as it is."""
    await settle(pilot)
    await pilot.pause()
    shown = screen_text(pilot.app)
    raw = RAW_CONTROL.search(shown)
    assert raw is None, f"{what}: raw {raw.group()!r} on screen:\n{shown!r}"
    for text in expected:
        assert text in shown, f"{what}: {text!r} is not on screen:\n{shown}"
    return shown


async def select(pilot, view: str, item_id: int) -> None:
    pilot.app.action_view(view)
    await pilot.pause()
    pilot.app.query_one(f"#{view}-list", ItemList).select_id(item_id)
    await pilot.pause()


async def close(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)


def test_every_view_draws_hostile_data_as_escaped_plain_text(hostile_home):
    app = make_app(hostile_home)

    async def script(pilot):
        await select(pilot, "commitments", 1)
        await look(pilot, "commitments and the detail pane", SHOWN, "[b]bold[/b]", "[/x]", "\\x9b31m", "\\x7f")
        await select(pilot, "asks", 7)
        await look(pilot, "asks", SHOWN, "[b]bold[/b]")
        await select(pilot, "thanks", 3)
        await look(pilot, "thanks and the drafted thank-you", SHOWN, "Draft thank-you", "[b]bold[/b]")
        app.action_view("people")
        await pilot.resize_terminal(200, 50)  # room for the table's team column beside the detail pane
        await settle(pilot)
        table = app.query_one(PeopleTable)
        table.move_cursor(row=table.get_row_index(HANDLE))
        await look(pilot, "people and a person's detail", "@lee.k", "ops \\x1b]0;pwned")
        await pilot.resize_terminal(*SIZE)
        app.action_view("week")
        await look(pilot, "week", "Week 2026-W48")
        app.action_view("commitments")
        await pilot.press("f")
        app.query_one("#filter", Input).post_message(events.Paste("\x1b]0;pwned\x07 [b]x[/b]"))
        await look(pilot, "a pasted filter that matches nothing", 'Nothing matches "\\x1b]0;pwned\\x07 [b]x[/b]"')

    drive(app, script)


def test_every_dialog_draws_hostile_data_as_escaped_plain_text(hostile_home, monkeypatch):
    monkeypatch.setenv("ICTRACK_NOW", MONDAY)
    app = make_app(hostile_home)

    async def script(pilot):
        await select(pilot, "commitments", 1)
        for key, what, expected in [
            # a long title wraps in a dialog, between words: the escapes begin its second line
            ("m", "move", ["Move 1: send figures", "│  " + SHOWN, "[b]bold[/b]"]),
            ("x", "drop", ["Drop 1: send figures", "│  " + SHOWN, "Have you told @lee.k?"]),
            ("e", "edit", ["\\u2060\\ufeff\\xad\\u2028end", "lee.k", "fin", "first line " + SHOWN]),
            ("i", "check-in", ["Check in with @lee.k"]),
            ("c", "care", ["short night " + SHOWN]),
        ]:
            await pilot.press(key)
            await look(pilot, what, *expected)
            await close(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#text", Input).post_message(events.Paste("@dana \x1b]0;pwned\x07 order [b]lunch[/b]"))
        await look(pilot, "add, with what was pasted and its preview", SHOWN + " order [b]lunch[/b]")
        await close(pilot)
        await select(pilot, "thanks", 3)
        await pilot.press("t")
        await settle(pilot)
        await look(pilot, "thank, with its draft", "Thank @lee.k for: review the deck", "│  " + SHOWN, "[b]bold[/b]")
        note = app.screen.query_one(TextArea)
        note.post_message(events.Paste("Cheers\r\n\x1b[2J[i]again[/i]"))
        await look(pilot, "thank, with a note pasted in", "Cheers", "\\x1b[2J[i]again[/i]")
        assert note.text.startswith("Cheers\n\\x1b[2J[i]again[/i]")
        await close(pilot)

    drive(app, script)


def test_the_search_draws_hostile_data_and_what_is_typed_as_escaped_plain_text(hostile_home):
    app = make_app(hostile_home)

    async def script(pilot):
        await pilot.press("slash", *"pwned bold")
        await look(pilot, "search results, closed ones too, and the first one's details", "call the ba",
                   "weekly repo", "2  call the bank", SHOWN, "[b]bold[/b]")  # fmt: skip
        await pilot.press(*["backspace"] * 4, *"figures", "enter", "enter")
        await look(pilot, "a result's details", "1  send figures", "first line", "\\x1b]0;pwned\\x07", "[b]bold[/b]")
        await pilot.press("escape", "slash")
        app.screen.query_one("#search-box", Input).post_message(events.Paste("\x1b]0;pwned\x07 [b]x[/b]"))
        await look(pilot, "a pasted search that finds nothing", 'Nothing matches "\\x1b]0;pwned\\x07 [b]x[/b]"')

    drive(app, script)


def test_notifications_quoting_data_are_escaped_and_never_read_as_markup(hostile_home):
    app = make_app(hostile_home)

    async def script(pilot):
        await select(pilot, "commitments", 2)
        await pilot.press("d")
        await look(
            pilot,
            "the done notification",
            "Done 2: call the bank",
            SHOWN,
            "[b]bold[/b] [/x] \\u202elive\\u202c",
            "end\\nsecond line",
        )
        app.clear_notifications()
        await select(pilot, "commitments", 1)
        app.action_thank()  # t is off on a commitment; run anyway, the service refuses, quoting the title
        await look(pilot, "the error notification", "Nothing changed", '1 "send figures', "[b]bold[/b] [/x]")
        app.clear_notifications()
        await pilot.press("u")
        await look(pilot, "the undo notification", "Undid: marked 2 done")

    drive(app, script, notifications=True)


def test_saving_the_edit_dialog_untouched_rewrites_nothing(hostile_home):
    app = make_app(hostile_home)
    before = stored(hostile_home)[1]

    async def script(pilot):
        await select(pilot, "commitments", 1)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [note.message for note in app._notifications] == ["Nothing changed."]
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#priority").value = "low"
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(app, script)
    after = stored(hostile_home)[1]
    assert after["priority"] == "low"
    assert {**after, "priority": "high"} == before  # title, person, tags and note exactly as they were


def test_saving_the_care_check_without_touching_its_note_keeps_the_note(hostile_home, cli, monkeypatch):
    monkeypatch.setenv("ICTRACK_NOW", MONDAY)
    app = make_app(hostile_home)
    note = document()["care"][0]["note"]

    async def script(pilot):
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(app, script)
    today = cli("care", "--json").json()["today"]
    assert (today["note"], today["at"]) == (note, "2026-11-23T09:00:00+00:00")  # saved again, the note kept


# -- a real terminal ---------------------------------------------------------------------------------------

# a tmux server of its own, as the test sets a server option; named for this process, as runs go side by side
SOCKET = f"ictrack-escapes-{os.getpid()}"
SESSION = "ictrack-escapes"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False).stdout


def wait_for(text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = tmux("capture-pane", "-p", "-t", SESSION)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the screen was:\n{tmux('capture-pane', '-p', '-t', SESSION)}")


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_in_a_real_terminal_hostile_data_neither_retitles_the_window_nor_writes_the_clipboard(tmp_path):
    home = tmp_path / "data"
    env = {**os.environ, "ICTRACK_HOME": str(home), "ICTRACK_CONFIG": str(tmp_path / "none.toml"),
           "TZ": "Europe/London", "ICTRACK_NOW": MONDAY}  # fmt: skip
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ictrack", "import", "json", str(path)], env=env, check=True)
    command = " ".join(f"{key}={shlex.quote(env[key])}" for key in ("ICTRACK_HOME", "ICTRACK_CONFIG", "TZ",
                                                                    "ICTRACK_NOW"))  # fmt: skip
    tmux("kill-server")
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "36", "sh")
    tmux("resize-window", "-t", SESSION, "-x", "120", "-y", "36")
    try:
        tmux("set-option", "-s", "set-clipboard", "on")  # so an OSC 52 from the pane would make a tmux buffer
        tmux("select-pane", "-t", SESSION, "-T", "before ictrack")
        assert tmux("display", "-p", "-t", SESSION, "#{pane_title}").strip() == "before ictrack"
        tmux("send-keys", "-t", SESSION, f"exec env {command} {shlex.quote(sys.executable)} -m ictrack ui", "Enter")
        wait_for("call the bank")  # the first row, and its detail pane
        wait_for(SHOWN)
        for key in ("3", "4", "5", "1", "Enter"):  # thanks owed, people, week, back, the first row's details
            time.sleep(0.5)
            tmux("send-keys", "-t", SESSION, key)
        wait_for(MARKUP)
        time.sleep(0.5)
        assert tmux("display", "-p", "-t", SESSION, "#{pane_title}").strip() == "before ictrack"
        assert tmux("list-buffers") == ""
        tmux("send-keys", "-t", SESSION, "q")
    finally:
        tmux("kill-server")
