"""Drafts in the review: the move dialog's words to send, the nudge beside an ask gone quiet or overdue, and
`y` / ctrl+o putting a draft on the clipboard (what Textual sends as OSC 52 is what the app holds)."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.tui.conftest import TUI_NOW, drive, make_app, settle, stored, text_of
from tests.tui.test_keys import select


def test_the_move_dialog_drafts_a_renegotiation_as_you_type_and_ctrl_o_copies_it(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 5)  # @dana plan the offsite, due 15 December
        await pilot.press("m", *"dec 18", "tab", *"waiting on data")
        await settle(pilot)
        shown = " ".join(text_of(app.screen.query_one("#draft")).split())
        assert "Ask them first" in shown and "Dana" in shown and "Tuesday 15 December" in shown
        assert "(waiting on data)" in shown and "Friday 18 December" in shown
        await pilot.press("ctrl+o")
        assert app.clipboard == app.screen.draft and app.clipboard.startswith("Hi Dana")
        await pilot.press("escape")
        await settle(pilot)
        assert stored(tui_home)[5]["moves"] == []  # copying moves nothing

    drive(app, script)


def test_moving_behind_an_external_customer_drafts_a_heads_up(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 1)  # @lee's board pack, external, is due today, before Friday
        await pilot.press("m", *"next tue")
        await settle(pilot)
        assert "A customer comes first" in text_of(app.screen.query_one("#draft"))

    drive(app, script)


def test_moving_an_overdue_commitment_drafts_an_apology_and_an_ask_the_words_of_the_one_waiting(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 3)  # call the bank, due Tuesday: overdue
        await pilot.press("m", *"fri")
        await settle(pilot)
        label = " ".join(text_of(label) for label in app.screen.query("Label"))
        assert "before it slips" not in label and "It was due" in label
        shown = " ".join(text_of(app.screen.query_one("#draft")).split())
        assert "It has slipped" in shown and "sorry" in shown and "yesterday" in shown and "by yesterday" not in shown
        await pilot.press("escape")
        await select(pilot, 7, "asks")  # @lee review the deck, due Friday
        await pilot.press("m", *"next mon")
        await settle(pilot)
        label = " ".join(text_of(label) for label in app.screen.query("Label"))
        assert "before it slips" not in label and "Agree a new date with them" in label
        shown = " ".join(text_of(app.screen.query_one("#draft")).split())
        assert "Agree the new date with them" in shown and "running behind" not in shown and "Lee" in shown

    drive(app, script)


def test_the_move_dialog_refuses_the_date_the_item_already_has_and_stays_open(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 5)  # @dana plan the offsite, due Tuesday 15 December at 17:00
        await pilot.press("m", *"dec 15")
        await settle(pilot)
        preview = " ".join(text_of(app.screen.query_one("#preview")).split())
        assert "is already due then (Tue 15 Dec 17:00); nothing was moved." in preview, preview
        assert not text_of(app.screen.query_one("#draft")).strip()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query("#when") and stored(tui_home)[5]["moves"] == []  # the dialog is still open

    drive(app, script)


def test_moving_earlier_in_the_dialog_drafts_good_news_not_a_request_for_longer(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 5)  # @dana plan the offsite, due 15 December
        await pilot.press("m", *"dec 10")
        await settle(pilot)
        shown = " ".join(text_of(app.screen.query_one("#draft")).split())
        assert "Sooner than promised" in shown and "Thursday 10 December" in shown, shown
        assert "slip" not in shown and "longer" not in shown and "behind" not in shown, shown

    drive(app, script)


def test_an_overdue_ask_shows_its_nudge_and_y_copies_it(tui_home, cli, monkeypatch):
    assert cli("ask", "@kim the venue list by mon", now="2026-11-19T09:00").code == 0  # 13, overdue
    monkeypatch.setenv("ICTRACK_NOW", TUI_NOW)
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 13, "asks")
        detail = text_of(app.query_one("#detail"))
        assert "Nudge to send (y copies)" in detail and "Kim" in detail and "it was due Monday" in detail
        await pilot.press("y")
        assert app.clipboard.startswith("Hi Kim") and "the venue list" in app.clipboard

    drive(app, script)


def test_y_is_off_on_an_item_with_nothing_to_send_and_copies_nothing(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 3)
        assert app.check_action("copy_draft", ()) is False
        await pilot.press("y")
        assert app.clipboard == ""

    drive(app, script)


def test_the_thank_you_dialog_copies_the_note_as_edited(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 8, "thanks")
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).text = "Sam, thank you\x1b for Sunday."
        await pilot.press("ctrl+o")
        assert app.clipboard == "Sam, thank you\\x1b for Sunday."  # nothing a terminal would act on

    drive(app, script)


def test_enter_on_a_person_opens_their_page_and_ctrl_o_copies_it_as_markdown(tui_home, cli, monkeypatch):
    assert cli("person", "note", "dana", "prefers figures a day early", now="2026-11-24T10:00").code == 0
    assert cli("person", "dana", "--name", "Dana Scully", now=TUI_NOW).code == 0
    app = make_app(tui_home)

    async def script(pilot):
        app.action_view("people")
        await settle(pilot)
        assert "⏎ opens their page" in text_of(app.query_one("#detail"))  # the key as bound
        await pilot.press("enter")  # @dana, the first row
        await settle(pilot)
        page = text_of(app.screen.query_one("#page"))
        assert page.startswith("Dana Scully (@dana) — colleague")
        assert "What I owe them (2)" in page and "prefers figures a day early" in page
        await pilot.press("ctrl+o")
        assert app.clipboard.startswith("# 1:1 with Dana Scully (@dana)\n")
        await pilot.press("escape")
        assert len(app.screen_stack) == 1

    drive(app, script)
