"""The keys every hand expects: vim's and the arrows, Home/End and the pages, Enter to open, Space to mark,
Escape to back out, ? for help; check-in on a key no habit moves with; and a [keymap] that rebinds them."""

from __future__ import annotations

import string

import pytest
from textual.binding import Binding
from textual.keys import _character_to_key

from ictrack.core.settings import DEFAULT_KEYS, key_name
from ictrack.tui.app import IctrackApp
from ictrack.tui.keys import WHAT
from ictrack.tui.screens.checkin import CheckinScreen
from ictrack.tui.screens.form import Page
from ictrack.tui.screens.help import HelpScreen
from ictrack.tui.screens.person import PersonScreen
from ictrack.tui.widgets.detail import ItemDetail
from ictrack.tui.widgets.item_list import MARKED, ItemList
from ictrack.tui.widgets.people import PeopleTable
from tests import ondisk
from tests.tui.conftest import drive, make_app, settle, text_of
from tests.tui.test_keys import select, shown_ids

ORDER = [3, 2, 4, 1, 5, 6]  # the commitments as listed: overdue, at risk, due today, this week, later, no date


def cursor(app, view: str = "commitments") -> int | None:
    return app.query_one(f"#{view}-list", ItemList).selected_id


def test_j_and_k_and_the_arrows_move_down_and_up_the_list(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert cursor(app) == 3
        await pilot.press("j")
        assert cursor(app) == 2
        await pilot.press("j", "down")
        assert cursor(app) == 1  # the group headings are stepped over
        await pilot.press("k")
        assert cursor(app) == 4
        await pilot.press("up")
        assert cursor(app) == 2

    drive(app, script)


def test_g_and_shift_g_go_to_the_first_and_the_last_row(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("G")
        assert cursor(app) == 6
        await pilot.press("g")
        assert cursor(app) == 3

    drive(app, script)


def test_home_and_end_go_to_the_first_and_the_last_row(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("end")
        assert cursor(app) == 6
        await pilot.press("home")
        assert cursor(app) == 3

    drive(app, script)


def test_page_down_and_page_up_move_a_screenful(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(120, 12)  # the list shows 8 of its 12 lines
        await settle(pilot)
        await pilot.press("pagedown")
        assert ORDER.index(cursor(app)) >= 3  # past several rows at once
        await pilot.press("pageup")
        assert cursor(app) == 3

    drive(app, script)


def test_the_moving_keys_work_in_the_people_table_too(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("4")
        await settle(pilot)
        table = app.query_one(PeopleTable)
        assert table.selected_handle == "dana"
        await pilot.press("j")
        assert table.selected_handle == "kim"
        await pilot.press("G")
        assert table.selected_handle == "sam"
        await pilot.press("g")
        assert table.selected_handle == "dana"

    drive(app, script)


def test_enter_on_a_narrow_screen_opens_the_details_in_the_lists_place_and_escape_goes_back(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        detail, left = app.query_one(ItemDetail), app.query_one("#left")
        assert not detail.display and left.display  # hidden behind Enter
        await pilot.press("j", "enter")
        assert detail.display and not left.display and app.focused is detail
        assert "prepare the board pack" in text_of(detail)
        await pilot.press("d")  # the row's keys still act on it
        await settle(pilot)
        assert ondisk.items(tui_home / "ictrack.json")[2]["status"] == "done"
        await pilot.press("escape")
        assert not detail.display and left.display and isinstance(app.focused, ItemList)

    drive(app, script)


def test_enter_on_a_wide_screen_gives_the_details_the_focus_so_j_scrolls_them(tui_home, cli):
    note = "\n".join(f"line {n}" for n in range(60))
    assert cli("edit", "6", "--note", note).code == 0
    app = make_app(tui_home)

    async def script(pilot):
        detail = app.query_one(ItemDetail)
        await pilot.press("G", "enter")
        assert app.focused is detail and app.query_one("#left").display
        await pilot.press("j", "j", "j")
        await pilot.wait_for_scheduled_animations()
        assert detail.scroll_y == 3
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        assert detail.scroll_y == detail.max_scroll_y > 3
        await pilot.press("escape")
        assert app.focused is app.query_one("#commitments-list") and cursor(app) == 6

    drive(app, script)


def test_enter_on_a_person_opens_their_page_within_80_columns(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        dialog = app.screen.query_one("#dialog")
        assert dialog.outer_size.width <= 80 and dialog.outer_size.height <= 24
        page = text_of(app.screen.query_one("#page"))
        assert page.startswith("@dana") and "What I owe them (2)" in page
        hint = app.screen.query_one(".hint")
        assert "i checks in (from People)" in text_of(hint)  # the key as bound
        assert hint.region.right <= dialog.scrollable_content_region.right  # wrapped, not cut off at the edge
        await pilot.press("escape")
        assert len(app.screen_stack) == 1 and not app.query_one(ItemDetail).display  # the list, not the details

    drive(app, script)


def test_space_marks_rows_in_each_list_apart_and_the_marks_outlive_a_reload(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("space", "j", "j", "space")
        commitments = app.query_one("#commitments-list", ItemList)
        assert commitments.marked == {3, 4}
        assert str(commitments.get_option("3").prompt).startswith(MARKED)
        assert not str(commitments.get_option("2").prompt).startswith(MARKED)
        assert [item.id for item in app.marked_items()] == [3, 4]
        await pilot.press("2", "space")
        assert app.query_one("#asks-list", ItemList).marked == {7}
        await pilot.press("1", "g", "space")  # a second space unmarks
        assert commitments.marked == {4}
        app.refresh_data()
        await settle(pilot)
        assert commitments.marked == {4} and str(commitments.get_option("4").prompt).startswith(MARKED)
        await pilot.press("escape")
        assert commitments.marked == set() and not str(commitments.get_option("4").prompt).startswith(MARKED)
        assert app.query_one("#asks-list", ItemList).marked == {7}  # each list keeps its own

    drive(app, script)


def test_escape_backs_out_one_step_at_a_time_details_then_marks_then_filter(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("space", "f", *"@dana", "enter")
        commitments = app.query_one("#commitments-list", ItemList)
        assert shown_ids(app) == [1, 5] and commitments.marked == set()  # item 3 left the list, and its mark
        await pilot.press("space", "enter")
        assert app.focused is app.query_one(ItemDetail)
        await pilot.press("escape")
        assert app.focused is commitments and shown_ids(app) == [1, 5] and commitments.marked == {1}
        await pilot.press("escape")
        assert shown_ids(app) == [1, 5] and commitments.marked == set()  # the marks go before the filter
        await pilot.press("escape")
        assert shown_ids(app) == ORDER

    drive(app, script)


def test_question_mark_lists_every_key_as_bound_navigation_included(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(text_of(static) for static in app.screen.query("#keys > Static"))
        for line in ["j ↓", "next row", "k ↑", "g home", "G end", "pgdn", "pgup", "⏎", "space", "esc", "w 5",
                     "i         check in with the person", "shift+↓ J mark a range down", "the week"]:  # fmt: skip
            assert line in shown, line
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(app, script)


def test_the_help_at_80x24_scrolls_with_the_moving_keys_down_to_undo_redo_and_copy(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await pilot.press("question_mark")
        await settle(pilot)
        page = app.screen.query_one("#dialog", Page)
        assert app.focused is page and page.max_scroll_y > 0
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        assert page.scroll_y == page.max_scroll_y
        shown = "\n".join(text_of(static) for static in app.screen.query("#keys > Static"))
        for line in ["y         copy the draft to send", "u   undo the last change", "U   redo what undo took back"]:
            assert line in shown, line
        await pilot.press("g")
        await pilot.wait_for_scheduled_animations()
        assert page.scroll_y == 0

    drive(app, script)


def test_k_then_enter_moves_up_and_opens_the_row_never_a_check_in(tui_home):
    app = make_app(tui_home)
    before = ondisk.checkins(tui_home / "ictrack.json")

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("k", "enter")
        await settle(pilot)
        assert cursor(app) == 3 and not isinstance(app.screen, CheckinScreen)
        await pilot.press("escape", "j", "i")  # the check-in is on i
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")

    drive(app, script)
    assert ondisk.checkins(tui_home / "ictrack.json") == before


def test_a_keymap_rebinds_the_keys_the_footer_and_the_help(tui_home):
    app = make_app(tui_home, keymap={"down": "n,down", "checkin": "ctrl+k", "help": "f1"})

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("j")
        assert cursor(app) == 2  # j is no longer down
        await pilot.press("n")
        assert cursor(app) == 4
        footer = {key.key_display: key.description for key in app.query("FooterKey")}
        assert footer.get("^k") == "Check in" and "i" not in footer
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape", "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        shown = "\n".join(text_of(static) for static in app.screen.query("#keys > Static"))
        assert "n ↓" in shown and "^k" in shown and "f1" in shown

    drive(app, script)


def test_every_binding_has_an_id_the_config_knows_and_words_in_the_help():
    from ictrack.tui.screens.search import SearchScreen
    from ictrack.tui.widgets.people import PeopleTable
    from ictrack.tui.widgets.results import ResultList
    from ictrack.tui.widgets.week import WeekPanel

    ids = set()
    for node in (IctrackApp, ItemList, PeopleTable, WeekPanel, ItemDetail, Page, SearchScreen, ResultList):
        for binding in Binding.make_bindings(node.BINDINGS):
            assert binding.id is not None, (node, binding)
            ids.add(binding.id)
    assert ids == set(DEFAULT_KEYS) == set(WHAT)


@pytest.mark.parametrize("character", [c for c in string.printable if not c.isspace()])
def test_the_config_names_a_key_as_textual_does(character):
    assert key_name(character) == _character_to_key(character)


def test_ctrl_q_quits_from_inside_a_dialog_too(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a")
        assert len(app.screen_stack) == 2
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0

    drive(app, script)


def test_a_dialog_closed_before_it_is_first_drawn_leaves_nothing_behind(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        for key in ("e", "m", "x", "a", "c", "question_mark"):
            await pilot.press(key)
            dialog = app.screen
            await pilot.press("escape")
            dialog._to_the_top()  # what a refresh queued while it was open runs, once it has gone
        await settle(pilot)
        assert len(app.screen_stack) == 1 and app.return_code is None

    drive(app, script)
