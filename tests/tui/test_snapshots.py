"""What the screens look like, compared with SVG snapshots (pytest-textual-snapshot).

At the smallest size the review supports (80x24), the usual one (120x36) and a large one (200x50), and
in a light theme. After an intended change of looks: `pytest tests/tui/test_snapshots.py
--snapshot-update`, then review the SVGs in the diff before committing them.
"""

from __future__ import annotations

from tests.tui.conftest import SIZE, make_app, settle, steady

SMALL, LARGE = (80, 24), (200, 50)


def before(*keys: str, text: str = ""):
    """Wait for the first load, press `keys`, type `text`, wait again and stop the cursors blinking."""

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        if text:
            await pilot.press(*text)
        await settle(pilot)
        steady(pilot.app)
        await pilot.pause()

    return run


class TestDashboard:
    def test_dashboard(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=before())

    def test_first_run(self, home, snap_compare):
        assert snap_compare(make_app(home), terminal_size=SIZE, run_before=before())

    def test_week_view(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=before("w"))


class TestDialogs:
    def test_add_with_live_preview(self, tui_home, snap_compare):
        run = before("a", text="@kim call back by fri 2pm #sales !ext")
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=run)

    def test_add_marks_date_words_left_in_the_title_and_a_near_miss(self, tui_home, snap_compare):
        run = before("a", text="@dnaa call thu fri 3pm +ops")
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=run)

    def test_care_check(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=before("c"))


class TestSizes:
    def test_dashboard_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before())

    def test_dashboard_at_200x50(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=LARGE, run_before=before("j"))

    def test_a_row_opened_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before("j", "enter"))

    def test_marked_rows_at_80x24(self, tui_home, snap_compare):
        run = before("shift+down", "shift+down", "j", "space")
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=run)

    def test_people_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before("4"))

    def test_week_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before("w"))

    def test_help_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before("question_mark"))

    def test_help_at_120x36(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=before("question_mark"))


class TestLightTheme:
    def test_dashboard(self, tui_home, snap_compare):
        app = make_app(tui_home, theme="textual-light")
        assert snap_compare(app, terminal_size=SIZE, run_before=before("space", "j", "j"))

    def test_week_view(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home, theme="textual-light"), terminal_size=SIZE, run_before=before("w"))


class TestSearch:
    def test_search_at_80x24(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SMALL, run_before=before("slash", text="dana"))

    def test_search_at_120x36(self, tui_home, snap_compare):
        assert snap_compare(make_app(tui_home), terminal_size=SIZE, run_before=before("slash", text="dana"))
