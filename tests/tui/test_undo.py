"""`u` and `U` in the review: this session's changes undone at once, anything older or another process's only
after a yes, and the line above the footer saying what each key would do."""

from __future__ import annotations

import time

from ictrack.tui.screens.confirm import ConfirmUndo
from tests.tui.conftest import drive, make_app, settle, stored, text_of
from tests.tui.test_keys import select, shown_ids

CHECKIN = "checked in with @dana"  # the seeded folder's last change, made from the command line on 2 Nov


def undo_line(app) -> str:
    return text_of(app.query_one("#undo-line")).strip()


async def until(pilot, done, what: str) -> None:
    """Wait (up to 2 s) for `done()`: the review notices another process's write within a second."""
    started = time.monotonic()
    while not done():
        assert time.monotonic() - started < 2, f"{what} did not happen within 2 s"
        await pilot.pause(0.05)
    await settle(pilot)


def test_u_undoes_this_sessions_own_change_at_once_and_the_line_above_the_footer_says_so(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert undo_line(app) == f"u asks first: {CHECKIN} (Mon 2 Nov 10:00, cli)"
        await select(pilot, 2)
        await pilot.press("d")
        await settle(pilot)
        assert undo_line(app) == "u undoes: marked 2 done"
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmUndo)
        assert stored(tui_home)[2]["status"] == "open"
        assert undo_line(app) == f"u asks first: {CHECKIN} (Mon 2 Nov 10:00, cli) · U redoes: marked 2 done"

    drive(app, script)


def test_u_asks_before_undoing_a_change_made_before_the_session_and_n_keeps_it(tui_home):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmUndo)
        assert text_of(app.screen.query_one("#change")).strip() == f"{CHECKIN} (Mon 2 Nov 10:00, cli)"
        assert "before this session" in str(app.screen.query_one(".title").render())
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmUndo)
        assert stored(tui_home) == before
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert stored(tui_home) == before  # items untouched: the check-in was what went
        assert undo_line(app).endswith(f"U redoes: {CHECKIN}")

    drive(app, script)


def test_u_asks_before_undoing_an_add_another_process_made_while_the_review_was_open(tui_home, cli):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("d")  # this session's own change
        await settle(pilot)
        assert cli("add", "@kim call back by thu 10am").code == 0  # from a shell, meanwhile
        await until(pilot, lambda: 13 in shown_ids(app), "the other process's add showing")
        assert undo_line(app) == 'u asks first: added commitment 13 "call back" (Wed 25 Nov 14:00, cli)'
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmUndo)
        assert "made by another process" in str(app.screen.query_one(".title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert 13 in stored(tui_home) and stored(tui_home)[2]["status"] == "done"

    drive(app, script)


def test_a_yes_given_after_another_change_was_made_undoes_nothing(tui_home, cli):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmUndo)
        assert cli("add", "made while the question was open").code == 0
        await pilot.press("y")
        await settle(pilot)
        assert set(stored(tui_home)) == set(before) | {13}
        assert "U redoes" not in undo_line(app)
        assert any("another change was made meanwhile" in note.message for note in app._notifications)

    drive(app, script)


def test_shift_u_redoes_what_u_undid(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert stored(tui_home)[2]["status"] == "open"
        await pilot.press("U")
        await settle(pilot)
        assert stored(tui_home)[2]["status"] == "done"
        assert undo_line(app) == "u undoes: marked 2 done"  # redone by this session: u takes it back at once

    drive(app, script)


def test_the_undo_line_keeps_both_keys_at_80_columns_and_names_them_as_bound(tui_home, cli):
    handles = ("alexandra-montgomery-smythe", "bartholomew-fitzgerald-jones")
    for command in [("person", "add", handle) for handle in handles] + [("checkin", handle) for handle in handles]:
        assert cli(*command).code == 0
    app = make_app(tui_home, keymap={"undo": "z", "redo": "Z"})

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("z", "y")  # another process's change: asked first, then undone
        await settle(pilot)
        line = app.query_one("#undo-line")
        shown = undo_line(app)
        assert "\n" not in shown and len(shown) <= line.content_size.width
        assert shown == "z asks: checked in with @alexandra-mont… · Z: checked in with @bartholomew-fi…"
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert undo_line(app) == ("z asks first: checked in with @alexandra-montgomery-smythe (Wed 25 Nov 14:00, "
                                  "cli) · Z redoes: checked in with @bartholomew-fitzgerald-jones")  # fmt: skip

    drive(app, script)
