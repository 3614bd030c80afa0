"""Only what applies: a key that can't act on the row under the cursor is off and out of the footer, and an
error that still comes (the data changed under the screen) says what to do here, not in a shell."""

from __future__ import annotations

from ictrack.tui.screens.move import MoveScreen
from tests.tui.conftest import drive, make_app, settle, stored
from tests.tui.test_keys import select

ITEM_KEYS = {"Done", "Move", "Drop", "Edit", "Thank", "Check in"}


def footer(app) -> set[str]:
    return {key.description for key in app.query("FooterKey")}


async def on_row(pilot, item_id: int, view: str = "commitments") -> set[str]:
    await select(pilot, item_id, view)
    await settle(pilot)
    return footer(pilot.app)


def test_an_open_commitment_offers_done_move_drop_edit_but_not_thank(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert ITEM_KEYS - await on_row(pilot, 2) == {"Thank"}
        assert [app.check_action(action, ()) for action in ("done", "move", "drop", "thank")] == [
            True, True, True, False
        ]  # fmt: skip

    drive(app, script)


def test_a_thank_you_owed_offers_thank_and_edit_never_done_move_or_drop(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        shown = await on_row(pilot, 9, "thanks")  # an ask received: closed, thanks owed
        assert shown & ITEM_KEYS == {"Thank", "Edit", "Check in"}
        await pilot.press("m", "x", "d")  # off: nothing opens, nothing changes
        await settle(pilot)
        assert len(app.screen_stack) == 1 and not isinstance(app.screen, MoveScreen)
        assert stored(tui_home)[9]["status"] == "done" and stored(tui_home)[9]["moves"] == []

    drive(app, script)


def test_check_in_is_off_on_a_row_that_names_nobody(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert "Check in" not in await on_row(pilot, 3)  # call the bank: nobody named
        assert "Check in" in await on_row(pilot, 1)
        await pilot.press("4")
        await settle(pilot)
        assert "Check in" in footer(app) and not {"Done", "Move", "Drop", "Edit", "Filter"} & footer(app)

    drive(app, script)


def test_the_week_view_offers_no_row_keys(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        assert not ITEM_KEYS & footer(app)
        assert not any(app.check_action(action, ()) for action in ("open", "mark", "filter", "done"))

    drive(app, script)


def test_an_empty_list_offers_add_but_no_row_keys(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("f", *"nothing like this", "enter")
        await settle(pilot)
        assert not ITEM_KEYS & footer(app) and "Add" in footer(app)

    drive(app, script)


def test_copy_draft_applies_only_to_a_row_with_words_to_send(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await on_row(pilot, 3)  # call the bank: a commitment, nothing to send
        assert app.check_action("copy_draft", ()) is False
        assert "Copy draft" not in {command.title for command in app.get_system_commands(app.screen)}
        await on_row(pilot, 9, "thanks")  # a thank-you owed: its draft is beside it
        assert app.check_action("copy_draft", ()) is True
        assert "Copy draft" in {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("y")
        assert app.clipboard.startswith("Hi ")

    drive(app, script)


def test_redo_applies_only_once_undo_has_taken_something_back(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await on_row(pilot, 2)
        assert app.check_action("redo", ()) is False  # nothing undone yet: U does nothing
        await pilot.press("U")
        await settle(pilot)
        assert stored(tui_home)[2]["status"] == "open"
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.check_action("redo", ()) is True
        await pilot.press("U")
        await settle(pilot)
        assert stored(tui_home)[2]["status"] == "done" and app.check_action("redo", ()) is False

    drive(app, script)


def test_done_on_an_item_finished_elsewhere_says_which_key_undoes_not_which_command(tui_home, cli):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        app.service.data_stamp = lambda: app._stamp  # the screen has not seen the next change yet
        assert cli("done", "2").code == 0
        await pilot.press("d")
        await settle(pilot)
        (message,) = [note.message for note in app._notifications if note.title == "Nothing changed"]
        assert message == '2 "prepare the board pack" is already done; u undoes the last change.'

    drive(app, script, notifications=True)


def test_shell_advice_in_any_refusal_becomes_the_key_to_press(tui_home):
    app = make_app(tui_home, keymap={"undo": "z"})

    async def script(pilot):
        words = {
            'ask 7 "x" has not been received yet; `ictrack got 7` first.':
                'ask 7 "x" has not been received yet; mark it received (d) first.',
            'commitment 2 "x" is a commitment, not an ask; use `ictrack done 2`.':
                'commitment 2 "x" is a commitment, not an ask; press d on it.',
            "nothing is damaged, so nothing was restored; `ictrack undo` takes back a change.":
                "nothing is damaged, so nothing was restored; z undoes the last change.",
            "there is no item 40; `ictrack list --all` shows every item.": "there is no item 40.",
        }  # fmt: skip
        assert {message: app.in_the_review(message) for message in words} == words

    drive(app, script)
