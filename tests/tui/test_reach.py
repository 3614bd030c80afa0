"""The review's part in reach: `z` snoozes the row under the cursor, and the nudges `ictrack remind` would say
come up as notifications while it is open, once each, shared with `remind` itself. Wednesday 14:00, London."""

from __future__ import annotations

from tests.tui.conftest import drive, make_app, settle, stored, text_of
from tests.tui.test_keys import select, shown_ids


def test_z_snoozes_the_selected_item_until_the_day_typed_and_it_leaves_the_list(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 1)
        await pilot.press("z", "escape")
        await settle(pilot)
        assert "wait" not in stored(tui_home)[1]
        await pilot.press("z", *"tomorrow")
        assert "Back on Thu 26 Nov 2026" in text_of(app.screen.query_one("#preview"))
        await pilot.press("enter")
        await settle(pilot)
        assert stored(tui_home)[1]["wait"] == "2026-11-26"
        assert 1 not in shown_ids(app)
        assert any(note.message.startswith("Snoozed 1: send Q3 figures, waiting until Thu 26 Nov")
                   for note in app._notifications)  # fmt: skip
        await pilot.press("u")
        await settle(pilot)
        assert "wait" not in stored(tui_home)[1] and 1 in shown_ids(app)

    drive(app, script)


def test_z_refuses_today_and_says_when_it_would_come_back_overdue(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 1)  # due Friday
        await pilot.press("z", *"today")
        assert "That is today" in text_of(app.screen.query_one("#preview"))
        await pilot.press("enter")
        await settle(pilot)
        assert "wait" not in stored(tui_home)[1]
        await pilot.press("ctrl+u", *"next mon")
        assert "after its due date: it comes back overdue" in text_of(app.screen.query_one("#preview"))

    drive(app, script)


def test_z_does_not_apply_to_help_received(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 8, "thanks")
        assert not app.applies("snooze")
        await select(pilot, 7, "asks")
        assert app.applies("snooze")

    drive(app, script)


def test_the_open_review_shows_each_nudge_once_and_remind_does_not_repeat_it(tui_home, cli):
    app = make_app(tui_home)

    async def script(pilot):
        app.remind()
        await app.workers.wait_for_complete()
        await settle(pilot)
        nudges = {note.title: note.message for note in app._notifications}
        assert nudges["Overdue"] == "3 call the bank — overdue by 28h"
        assert nudges["At risk"] == "2 prepare the board pack → @lee — external customer waiting, due in 2h"
        assert (
            nudges["Thank-you owed"]
            == "8 fixed the build on a sunday ♥ @sam — helped Sun 22 Nov 16:00; ictrack thank 8"
        )
        count = len(app._notifications)
        app.remind()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert len(app._notifications) == count

    drive(app, script)
    assert "Overdue" not in cli("remind", "--via", "stdout").out  # said once, in the review
