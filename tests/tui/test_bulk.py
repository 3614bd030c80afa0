"""Acting on several rows at once: marking a range, and done, move and drop on every marked row as one change
that one `u` takes back."""

from __future__ import annotations

from ictrack.tui.screens.drop import DropScreen
from ictrack.tui.screens.move import MoveScreen
from ictrack.tui.widgets.item_list import MARKED, ItemList
from tests import ondisk
from tests.tui.conftest import drive, make_app, settle, stored, text_of
from tests.tui.test_applies import footer
from tests.tui.test_keys import select
from tests.tui.test_undo import undo_line

# the commitments list, top to bottom: overdue, at risk, due today, this week, later, no date
ORDER = [3, 2, 4, 1, 5, 6]


def commitments(app) -> ItemList:
    return app.query_one("#commitments-list", ItemList)


def counted(app) -> list[str]:
    """What the footer says of the marks (`3 marked`), if anything."""
    return [str(label.render()) for label in app.query("FooterLabel.-marked")]


def journal(home) -> list[str]:
    """The changes undo would take back, newest first, as `undo --list` names them."""
    entries = ondisk.journal(home)
    return [entries[key]["summary"] for key in sorted(entries, key=int, reverse=True)]


def test_shift_down_marks_a_range_from_where_it_began_and_shift_up_shrinks_it(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        rows = commitments(app)
        await pilot.press("G", "space", "g")  # a mark made before the range stays
        await pilot.press("shift+down", "shift+down")
        assert rows.marked == {3, 2, 4, 6} and rows.selected_id == 4
        assert str(rows.get_option("2").prompt).startswith(MARKED)
        await pilot.press("shift+up")
        assert rows.marked == {3, 2, 6} and rows.selected_id == 2
        await pilot.press("j", "j", "J")  # moved away: a new range begins where the cursor is
        assert rows.marked == {3, 2, 6, 1, 5} and rows.selected_id == 5
        await pilot.press("J", "J", "J")  # at the last row it stops, never wrapping round to the first
        assert rows.marked == {3, 2, 6, 1, 5} and rows.selected_id == 6
        await pilot.press("K", "K", "K")  # back past where it began: the range now runs upward from 1
        assert rows.marked == {3, 2, 6, 1, 4} and rows.selected_id == 4  # 6 was marked before the range

    drive(app, script)


def test_the_footer_counts_the_marks_of_the_list_on_screen_at_80_columns(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert counted(app) == []
        await pilot.press("shift+down", "shift+down")
        await settle(pilot)
        assert counted(app) == ["3 marked"]
        keys = [*app.query("FooterLabel.-marked"), *app.query("FooterKey")]
        assert all(key.region.right <= 80 for key in keys) and {"Done", "Move", "Drop"} <= footer(app)
        await pilot.press("2")
        await settle(pilot)
        assert counted(app) == []  # each list keeps its own marks
        await pilot.press("1", "escape")
        await settle(pilot)
        assert counted(app) == [] and commitments(app).marked == set()

    drive(app, script)


def test_d_with_rows_marked_marks_them_all_done_as_one_change_and_u_undoes_them_all(tui_home):
    app = make_app(tui_home)
    changes = len(journal(tui_home))

    async def script(pilot):
        await select(pilot, 1)  # the cursor's row is not marked, and is left alone
        await pilot.press("g", "space", "j", "space", "j", "space", "j")
        await pilot.press("d")
        await settle(pilot)
        assert [stored(tui_home)[n]["status"] for n in (3, 2, 4, 1)] == ["done", "done", "done", "open"]
        assert journal(tui_home)[0] == "marked 3, 2, 4 done" and len(journal(tui_home)) == changes + 1
        assert list(app._notifications)[-1].message == "Marked 3 done: 3, 2, 4 · u undoes all 3"
        assert undo_line(app) == "u undoes: marked 3, 2, 4 done" and commitments(app).marked == set()
        await pilot.press("u")
        await settle(pilot)
        assert [stored(tui_home)[n]["status"] for n in (3, 2, 4)] == ["open"] * 3
        assert len(journal(tui_home)) == changes

    drive(app, script)


def test_x_with_rows_marked_asks_once_and_drops_them_all_with_one_reason(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("space", *["shift+down"] * 4)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, DropScreen)
        assert text_of(app.screen.query_one(".title")).strip() == "Drop 5 items?"
        assert text_of(app.screen.query_one("#items")).split() == ["3", "call", "the", "bank", "2", "prepare", "the",
                                                                   "board", "pack", "4", "draft", "the", "rota", "1",
                                                                   "send", "Q3", "figures", "5", "plan", "the",
                                                                   "offsite"]  # fmt: skip
        await pilot.press("escape")  # kept: nothing dropped, the marks stay
        await settle(pilot)
        assert {stored(tui_home)[n]["status"] for n in ORDER} == {"open"} and len(commitments(app).marked) == 5
        await pilot.press("x", *"the project was cancelled", "enter")
        await settle(pilot)
        dropped = [stored(tui_home)[n] for n in (3, 2, 4, 1, 5)]
        assert {(item["status"], item["drop_reason"]) for item in dropped} == {("dropped", "the project was cancelled")}
        assert stored(tui_home)[6]["status"] == "open"
        assert journal(tui_home)[0] == "dropped 5 items (3, 2, 4, …)"
        await pilot.press("u")
        await settle(pilot)
        assert {stored(tui_home)[n]["status"] for n in ORDER} == {"open"}

    drive(app, script)


def test_m_with_rows_marked_moves_them_all_to_one_date_as_one_change(tui_home):
    app = make_app(tui_home)
    before = {n: stored(tui_home)[n]["due"] for n in ORDER}

    async def script(pilot):
        await pilot.press("shift+down", "shift+down", "m")
        await settle(pilot)
        assert isinstance(app.screen, MoveScreen)
        title = app.screen.query_one(".title")
        assert text_of(title).strip() == "Move 3 items to …"
        await pilot.press(*"mon 10am")
        assert text_of(title).strip() == "Move 3 items to Mon 30 Nov 10:00 (in 5 days)"
        await pilot.press("tab", *"after the audit", "enter")
        await settle(pilot)
        for n in (3, 2, 4):
            item = stored(tui_home)[n]
            assert item["due"] == "2026-11-30T10:00:00+00:00"
            assert item["moves"][-1]["from"] == before[n] and item["moves"][-1]["reason"] == "after the audit"
        assert stored(tui_home)[1]["due"] == before[1]
        assert journal(tui_home)[0] == "moved 3, 2, 4"
        said, warning = list(app._notifications)[-2:]
        assert said.message == "Moved 3 to Mon 30 Nov 10:00 (in 5 days): 3, 2, 4 · u undoes all 3"
        assert warning.severity == "warning" and warning.message.endswith("counts as late: 3.")  # 3 was overdue
        assert commitments(app).marked == set() and counted(app) == []
        await pilot.press("u")
        await settle(pilot)
        assert {n: stored(tui_home)[n]["due"] for n in ORDER} == before
        assert all(stored(tui_home)[n]["moves"] == [] for n in ORDER)

    drive(app, script)


def test_with_marks_on_rows_that_are_not_open_done_move_and_drop_are_off(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 8, "thanks")  # help received, a thank-you owed
        await pilot.press("space", "shift+down")
        await settle(pilot)
        assert app.query_one("#thanks-list", ItemList).marked == {8, 9}
        assert not {"Done", "Move", "Drop"} & footer(app) and counted(app) == ["2 marked"]
        assert [app.check_action(action, ()) for action in ("done", "move", "drop")] == [False] * 3
        await pilot.press("d", "m", "x")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert [stored(tui_home)[n]["status"] for n in (8, 9)] == ["done", "done"]
        await pilot.press("w")
        await settle(pilot)
        assert not app.check_action("mark_range", ())

    drive(app, script)


def test_a_keymap_rebinds_the_range_keys_and_the_help_names_them(tui_home):
    app = make_app(tui_home, keymap={"mark_down": "n", "mark_up": "p"})

    async def script(pilot):
        await pilot.press("n", "n", "p", "shift+down")
        assert commitments(app).marked == {3, 2}  # shift+down is no longer bound
        await pilot.press("question_mark")
        about = text_of(app.screen.query_one("#about"))
        assert "space marks a row, n and p a range" in " ".join(about.split())

    drive(app, script)


def test_one_marked_row_is_the_one_acted_on_not_the_row_under_the_cursor(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("G", "space", "g")  # 6 marked, the cursor on 3
        await pilot.press("x")
        await settle(pilot)
        assert text_of(app.screen.query_one(".title")).strip() == "Drop 6: tidy the wiki"
        await pilot.press("enter")
        await settle(pilot)
        assert (stored(tui_home)[6]["status"], stored(tui_home)[3]["status"]) == ("dropped", "open")
        assert list(app._notifications)[-1].message == "Dropped 6: tidy the wiki · u undoes"
        assert counted(app) == [] and commitments(app).selected_id == 3

    drive(app, script)
