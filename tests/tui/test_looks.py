"""How the review looks at every size and in every theme: rows on one line, a status line and a footer that
fit, colours readable on each built-in theme, the theme remembered, the chart to scale, screenshots saved."""

from __future__ import annotations

import asyncio

import pytest
from rich.text import Text
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from ictrack.core.settings import Config
from ictrack.environment import load_config
from ictrack.errors import BadInput
from ictrack.tui.app import IctrackApp
from ictrack.tui.colours import GROUNDS, READABLE, SOURCES, Ink, contrast, readable_variables
from ictrack.tui.screens.edit import EditScreen
from ictrack.tui.screens.move import MoveScreen
from ictrack.tui.widgets.detail import ItemDetail
from ictrack.tui.widgets.item_list import ItemList
from ictrack.tui.widgets.people import PeopleTable
from ictrack.tui.widgets.status import StatusLine
from ictrack.tui.widgets.week import trend_chart
from tests.tui.conftest import SIZE, drive, make_app, settle, text_of
from tests.tui.test_keys import select

SIZES = [(80, 24), (120, 36), (200, 50)]
MEASURED = [name for name in BUILTIN_THEMES if not name.startswith("ansi")]  # ANSI colours are the terminal's


def row_lines(item_list: ItemList) -> list[int]:
    """How many lines each row of the list takes at its width."""
    return [item_list._get_visual(option).get_height(item_list.styles, item_list.size.width) for option in
            item_list.options]  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_part_fits_its_width_and_rows_never_wrap(tui_home, cli, size):
    long = "@alexandra-montgomery write up the long retrospective notes from the planning offsite #retro #quarterly"
    assert cli("add", long + " by fri").code == 0
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(*size)
        await settle(pilot)
        commitments = app.query_one("#commitments-list", ItemList)
        assert set(row_lines(commitments)) == {1}
        shown = app.screen._compositor.render_update(full=True).strips
        assert any("write up the long retro" in "".join(s.text for s in line) and "…" in "".join(
            s.text for s in line) for line in shown) or size[0] == 200  # fmt: skip
        status = app.query_one(StatusLine)
        line = status.render()
        assert line.cell_len <= status.content_size.width and "1 overdue" in line.plain and "1 at risk" in line.plain
        keys = list(app.query("FooterKey"))
        assert sum(len(key.key_display) + 2 + len(key.description) for key in keys) <= size[0]
        assert {"Done", "Help"} <= {key.description for key in keys}
        tabs = app.query_one("Tabs")
        assert tabs.virtual_size.width <= tabs.size.width  # every tab shows
        await pilot.press("4")
        await settle(pilot)
        table = app.query_one(PeopleTable)
        assert table.virtual_size.width <= table.size.width and "last check-in" in [
            str(column.label) for column in table.columns.values()
        ]  # fmt: skip
        for key, column in table.columns.items():
            assert all(table.get_cell(row, key).cell_len <= column.get_render_width(table) - 2 for row in table.rows)

    drive(app, script)


LONG_HANDLE = "b23456789012345678901234567890"  # 30 characters


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_people_view_cuts_a_long_handle_and_keeps_every_count_for_everyone(tui_home, cli, size):
    assert cli("person", "add", LONG_HANDLE).code == 0
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(*size)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.query_one(PeopleTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert {"person", "I owe", "owe me", "thanks", "on time", "last check-in"} <= set(labels), labels
        cut = table.get_cell(LONG_HANDLE, "person").plain
        assert cut.startswith("@b2345") and cut.endswith("…") and len(cut) < len(LONG_HANDLE), cut
        assert table.get_cell("dana", "person").plain == "@dana"
        assert table.virtual_size.width <= table.size.width

    drive(app, script)


def test_the_status_line_keeps_every_count_at_80_columns_in_fewer_words(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert text_of(app.query_one("#status")).startswith(
            "Wed 25 Nov 2026  1 overdue · 1 at risk · 1 also due today · 2 thanks owed   care: not done yet (c)"
        )
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.query_one(StatusLine).render().plain == (
            "Wed 25 Nov  1 overdue · 1 at risk · 1 also today · 2 thanks  care: not yet (c)"
        )
        shortest = app.query_one(StatusLine).lines[-1].plain  # for counts in the hundreds
        assert shortest == "25 Nov  1 overdue · 1 at risk · 1 also today · 2 thanks · care (c)"

    drive(app, script)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_edit_dialog_fits_the_screen_and_scrolls_to_the_field_in_focus(tui_home, size):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(*size)
        await select(pilot, 1)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen)
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.bottom <= size[1] and dialog.region.right <= size[0]
        assert dialog.scroll_y == 0  # it opens at its top, the title in view
        for _ in range(6):
            await pilot.press("tab")
        await pilot.pause()
        focused = app.screen.focused
        assert focused is not None and dialog.region.contains_region(focused.region)
        await pilot.press("escape")

    drive(app, script)


def screen_text(app) -> str:
    """The whole screen as it is drawn now, one line a row."""
    return "\n".join("".join(segment.text for segment in line) for line in
                     app.screen._compositor.render_update(full=True).strips)  # fmt: skip


def test_the_move_dialog_at_80x24_wraps_a_long_title_and_brings_the_draft_into_view(tui_home, cli):
    assert (
        cli("add", "@lee prepare the board pack for the quarterly review with the whole leadership team by fri").code
        == 0
    )
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await select(pilot, 13)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MoveScreen)
        shown = screen_text(app)
        assert "Move 13: prepare the board pack for the quarterly review with the" in shown
        assert "│  whole leadership team " in shown  # the rest of the title on the next line, not cut off
        assert "words are below." in shown
        await pilot.press(*"next mon")
        for _ in range(100):  # the draft is read in a worker
            await pilot.pause(0.02)
            if app.screen.draft is not None:
                break
        await settle(pilot)
        dialog, when = app.screen.query_one("#dialog"), app.screen.query_one("#when")
        assert dialog.max_scroll_y > 0 and dialog.region.contains_region(when.region)  # typed in, still in view
        shown = screen_text(app)
        assert "(ctrl+o copies):" in shown and app.screen.draft.split()[-1] in shown  # its heading and its end

    drive(app, script)


# -- colour ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MEASURED)
def test_every_colour_reads_at_4_5_to_1_on_each_built_in_themes_backgrounds(name):
    theme = BUILTIN_THEMES[name]
    variables = {**theme.to_color_system().generate(), **theme.variables}
    colours = readable_variables(theme, variables)
    assert set(colours) == {*SOURCES, "row-cursor", "row-cursor-text"}
    grounds = {**variables, **colours}
    for colour in SOURCES:
        for ground in GROUNDS:
            ratio = contrast(Color.parse(colours[colour]), Color.parse(grounds[ground]))
            assert ratio >= READABLE, f"{colour} {colours[colour]} on {ground} {grounds[ground]}: {ratio:.2f}"
    ratio = contrast(Color.parse(colours["row-cursor-text"]), Color.parse(colours["row-cursor"]))
    assert ratio >= READABLE, f"the text on the cursor's row: {ratio:.2f}"


def test_contrast_is_wcags_ratio():
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
    assert contrast(Color(119, 119, 119), Color(255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_the_risk_colours_come_from_the_theme_in_use(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        def overdue_colour() -> str:
            row = app.query_one("#commitments-list", ItemList).get_option("3").prompt
            assert isinstance(row, Text)
            return str(next(span.style.color.triplet.hex for span in row.spans if span.style.color))  # type: ignore[union-attr]

        dark = overdue_colour()
        assert dark == app.theme_variables["risk-overdue"].lower()
        app.theme = "textual-light"
        await settle(pilot)
        light = overdue_colour()
        assert light == app.theme_variables["risk-overdue"].lower() != dark
        ratio = contrast(Color.parse(light), Color.parse(app.theme_variables["surface"]))
        assert ratio >= READABLE

    drive(app, script)


# -- the theme, remembered ---------------------------------------------------------------------------------


def test_a_theme_chosen_in_the_palette_is_saved_in_the_config_and_used_at_the_next_start(tui_home, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\ncare_prompt = false\n\n[keymap]\ncheckin = 'ctrl+k'\n")
    app = IctrackApp(tui_home, load_config(path), config_file=path)

    async def script(pilot):
        assert app.theme == "textual-dark"
        app.theme = "textual-light"  # what the palette's theme picker does
        await settle(pilot)

    drive(app, script)
    saved = "# mine\ncare_prompt = false\ntheme = \"textual-light\"\n\n[keymap]\ncheckin = 'ctrl+k'\n"
    assert path.read_text() == saved
    again = IctrackApp(tui_home, load_config(path), config_file=path)

    async def started(pilot):
        assert again.theme == "textual-light" and again.current_theme.dark is False

    drive(again, started)


def test_a_theme_that_can_not_be_saved_is_still_used_and_the_notice_says_why(tui_home):
    app = IctrackApp(tui_home, Config(care_prompt=False), config_file=tui_home)  # a folder, not a file

    async def script(pilot):
        app.theme = "nord"
        await settle(pilot)
        await pilot.pause(0.2)
        messages = [note.message for note in app._notifications]
        assert any("not saved for next time" in message and "not a regular file" in message for message in messages)
        assert app.theme == "nord"

    drive(app, script, notifications=True)


def test_an_unknown_theme_in_the_config_is_the_usual_one_line_error(tui_home, tmp_path):
    with pytest.raises(BadInput, match=r'bad value for "theme" in .*config.toml: \'no-such\'; expected one of .*nord'):
        IctrackApp(tui_home, Config(theme="no-such"), config_file=tmp_path / "config.toml")


# -- the week's chart and screenshots ----------------------------------------------------------------------


def test_the_trend_chart_has_a_0_to_100_percent_scale_with_labels():
    rates = [("2026-W41", 0.40), ("2026-W42", 0.53), ("2026-W43", 0.5), ("2026-W44", 1.0), ("2026-W45", None)]
    ink = Ink({name: "#777777" for name in SOURCES})
    lines = trend_chart(rates, ink).plain.splitlines()
    axis = [line[:7] for line in lines[:9]]
    gap = "      │"
    assert axis == [" 100% ┤", gap, "  75% ┤", gap, "  50% ┤", gap, "  25% ┤", gap, "   0% └"]

    def filled(column: int) -> float:
        """How many of the chart's 8 lines a week's column fills, in eighths."""
        cells = [line[7 + 8 * column + 2] for line in lines[:8]]
        return sum(1 if cell == "█" else " ▁▂▃▄▅▆▇".index(cell) / 8 for cell in cells)

    assert [filled(n) for n in range(5)] == [3.25, 4.25, 4, 8, 0]  # 50% is half the height, to the line
    assert lines[9].split() == ["40%", "53%", "50%", "100%", "—"]
    assert lines[10].split() == ["W41", "W42", "W43", "W44", "W45"]


def test_the_screenshot_goes_to_the_data_folders_screenshots_and_says_where(tui_home, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "nobody"))  # no ~/Downloads anywhere
    app = make_app(tui_home)

    async def script(pilot):
        (command,) = [command for command in app.get_system_commands(app.screen) if command.title == "Screenshot"]
        command.callback()
        for _ in range(100):
            await asyncio.sleep(0.02)
            if list((tui_home / "screenshots").glob("*.svg")):
                break
        await pilot.pause()
        (saved,) = (tui_home / "screenshots").glob("*.svg")
        assert (tui_home / "screenshots").stat().st_mode & 0o777 == 0o700
        assert "<svg" in saved.read_text()
        assert any(str(saved) in note.message for note in app._notifications)

    drive(app, script, notifications=True)


def test_the_detail_pane_hides_below_100_columns(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert app.query_one(ItemDetail).display
        await pilot.resize_terminal(99, 30)
        await settle(pilot)
        assert not app.query_one(ItemDetail).display
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert app.query_one(ItemDetail).display

    drive(app, script)
