"""The palette's "Show configuration" and "Edit configuration": the settings at 80x24, and $EDITOR on
config.toml with what it says put in use (or the settings in use kept, and why)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from ictrack.core.settings import DEFAULT_THEME, Config
from ictrack.core.settings_toml import template
from ictrack.environment import load_config
from ictrack.tui.app import IctrackApp
from ictrack.tui.keys import key_for
from ictrack.tui.screens.config import ConfigScreen
from tests.tui.conftest import drive, make_app, settle, text_of

MINE = "# mine\ncare_prompt = false\nsoon_hours = 12\n"


def configured(home: Path, path: Path) -> IctrackApp:
    return IctrackApp(home, load_config(path), config_file=path)


def set_editor(monkeypatch, tmp_path: Path, body: str) -> None:
    """$EDITOR as a Python script run on the file it is given (`path`)."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{body}\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


async def from_the_palette(pilot, title: str) -> None:
    """Open the command palette, type `title`, wait for it to be found, and run it."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*title)
    for _ in range(100):
        await pilot.pause(0.02)
        options = pilot.app.screen.query("CommandList").first().options
        if options and title in str(options[0].prompt):
            break
    await pilot.press("enter")
    await settle(pilot)


def notes(app) -> list[str]:
    return [note.message for note in app._notifications]


def test_show_configuration_lists_the_path_and_every_setting_and_scrolls_at_80x24(tui_home, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    app = configured(tui_home, path)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await from_the_palette(pilot, "Show configuration")
        assert isinstance(app.screen, ConfigScreen)
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.bottom <= 24 and dialog.region.right <= 80
        shown = text_of(app.screen.query_one("#settings"))
        assert f"Config file: {path}" in shown.replace("\n", "")  # a long path wraps
        assert "soon_hours = 12  # from the file" in shown
        assert "daily_capacity = 3\n" in shown and 'checkin = "i"' in shown
        assert dialog.max_scroll_y > 0 and dialog.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert dialog.scroll_y > 0
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfigScreen)

    drive(app, script)


def test_without_a_config_file_the_settings_shown_are_the_sessions_own(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        assert app.theme == DEFAULT_THEME  # the theme a config without one leaves in place, as it is named
        await from_the_palette(pilot, "Show configuration")
        shown = text_of(app.screen.query_one("#settings"))
        assert "No config file" in shown and "care_prompt = false" in shown and "from the file" not in shown

    drive(app, script)


def test_edit_configuration_runs_the_editor_and_puts_what_it_saved_in_use(tui_home, tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    saved = MINE + 'theme = "nord"\ndaily_capacity = 1\n\n[keymap]\ncheckin = "ctrl+k"\n'
    set_editor(monkeypatch, tmp_path, f"path.write_text({saved!r})")
    app = configured(tui_home, path)
    app.suspend = contextlib.nullcontext  # the headless test terminal can't be handed over

    async def script(pilot):
        assert key_for(app, "checkin") == "i" and app.service.config.daily_capacity == 3
        await from_the_palette(pilot, "Edit configuration")
        await pilot.pause(0.1)
        assert app.service.config.daily_capacity == 1 and app.theme == "nord" and key_for(app, "checkin") == "^k"
        assert any(f"Read {path} again; its settings are in use now." in note for note in notes(app))

    drive(app, script, notifications=True)
    assert path.read_text() == saved  # the theme read from it is not written back


def test_edit_configuration_writes_the_template_first_when_there_is_no_file(tui_home, tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    set_editor(monkeypatch, tmp_path, 'assert path.read_text().startswith("# ictrack")')
    app = IctrackApp(tui_home, Config(care_prompt=False), config_file=path)
    app.suspend = contextlib.nullcontext

    async def script(pilot):
        await from_the_palette(pilot, "Edit configuration")
        assert any(f"Wrote the template to {path}" in note for note in notes(app))

    drive(app, script, notifications=True)
    assert path.read_text() == template()


def test_a_bad_value_saved_in_the_editor_keeps_the_settings_in_use_and_says_why(tui_home, tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    set_editor(monkeypatch, tmp_path, 'path.write_text(path.read_text() + "stale_days = 0\\n")')
    app = configured(tui_home, path)
    app.suspend = contextlib.nullcontext

    async def script(pilot):
        await from_the_palette(pilot, "Edit configuration")
        await pilot.pause(0.1)
        assert app.service.config.stale_days == 14
        (note,) = [note for note in notes(app) if "unchanged" in note]
        assert note.startswith(f'The settings in use are unchanged: bad value for "stale_days" in {path}: 0;')

    drive(app, script, notifications=True)
    assert path.read_text().endswith("stale_days = 0\n")  # kept as saved, to be put right


def test_a_theme_the_review_does_not_know_keeps_the_settings_in_use(tui_home, tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    added = 'daily_capacity = 1\ntheme = "no-such"\n'
    set_editor(monkeypatch, tmp_path, f"path.write_text(path.read_text() + {added!r})")
    app = configured(tui_home, path)
    app.suspend = contextlib.nullcontext

    async def script(pilot):
        await from_the_palette(pilot, "Edit configuration")
        await pilot.pause(0.1)
        assert app.service.config.daily_capacity == 3 and app.theme == DEFAULT_THEME
        assert any('unchanged: bad value for "theme"' in note for note in notes(app))

    drive(app, script, notifications=True)


def test_edit_configuration_with_no_editor_or_no_terminal_to_hand_over_says_so(tui_home, tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = configured(tui_home, path)

    async def script(pilot):
        await from_the_palette(pilot, "Edit configuration")
        await pilot.pause(0.1)
        assert any(f"No editor is set: set $EDITOR (or $VISUAL) before starting ictrack, or edit {path}" in note
                   for note in notes(app))  # fmt: skip
        monkeypatch.setenv("EDITOR", "true")
        await from_the_palette(pilot, "Edit configuration")  # the headless terminal can't be suspended
        await pilot.pause(0.1)
        assert any(f"can't be handed to an editor; edit {path} yourself" in note for note in notes(app))

    drive(app, script, notifications=True)
    assert path.read_text() == MINE
