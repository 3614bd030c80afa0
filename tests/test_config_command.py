"""`ictrack config`: the file's path, the settings in effect with the file's own marked, the commented template
(`--init`), and editing in $EDITOR with the result checked (`--edit`)."""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from pathlib import Path

import pytest

from ictrack.core.model import RELATIONS
from ictrack.core.settings import DEFAULT_KEYS, DEFAULT_THEME, KEYS, Config, settings_from
from ictrack.core.settings_toml import effective, template
from ictrack.environment import load_config
from ictrack.service import save_setting

MINE = '# mine\nsoon_hours = 12\n\n[kind_cadence]\nreport = 7\n\n[keymap]\ncheckin = "ctrl+k"\n'


@pytest.fixture
def config_file(home) -> Path:
    return Path(os.environ["ICTRACK_CONFIG"])


def turned_on(text: str) -> str:
    """The template with every setting's `#` taken off: the comments (`# words`) stay comments."""
    return re.sub(r"^#(?! \S)", "", text, flags=re.M)


def editor_script(tmp_path: Path, body: str) -> str:
    """An editor for $EDITOR: a Python script run on the file it is given (`path`)."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{body}\n")
    return f"{sys.executable} {script}"


def test_config_in_an_empty_home_shows_every_setting_at_its_default_and_that_there_is_no_file(cli, config_file):
    result = cli("config")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"# The config file: {config_file}" and "It is not there" in lines[1]
    assert "from the file" not in result.out
    for key in KEYS:
        assert any(line.startswith((f"{key} = ", f"[{key}]")) for line in lines), key
    assert 'workday_end = "17:00"' in lines and "soon_hours = 24" in lines and 'theme = "textual-dark"' in lines
    assert not config_file.exists()
    document = cli("config", "--json").json()
    assert document == {"path": str(config_file), "exists": False, "settings": effective(Config()), "from_file": []}


def test_the_settings_a_file_sets_are_marked_and_the_rest_are_defaults(cli, config_file):
    config_file.write_text(MINE)
    result = cli("config")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    marked = [line for line in lines if line.endswith("# from the file")]
    assert marked == ["soon_hours = 12  # from the file", "report = 7  # from the file",
                      'checkin = "ctrl+k"  # from the file']  # fmt: skip
    assert "daily_capacity = 3" in lines and "manager = 14" in lines and 'done = "d"' in lines
    document = cli("config", "--json").json()
    assert document["exists"] is True and document["from_file"] == ["soon_hours", "kind_cadence.report",
                                                                     "keymap.checkin"]  # fmt: skip
    assert document["settings"]["soon_hours"] == 12 and document["settings"]["keymap"]["checkin"] == "ctrl+k"


def test_what_config_shows_is_itself_a_config_file_that_gives_the_same_settings(cli, config_file):
    config_file.write_text(MINE + 'care = "C"\n')
    shown = cli("config").out
    assert effective(settings_from(tomllib.loads(shown), "shown")) == effective(load_config(config_file))


def test_the_template_with_its_settings_turned_on_is_every_key_at_exactly_its_default():
    table = tomllib.loads(turned_on(template()))
    assert sorted(table) == sorted(KEYS)  # every key the config is checked against
    assert set(Config.__slots__) == set(KEYS)  # and every setting the Config holds has a key
    assert list(table["kind_cadence"]) == list(RELATIONS) and list(table["keymap"]) == list(DEFAULT_KEYS)
    config, defaults = settings_from(table, "template"), Config()
    assert effective(config) == effective(defaults)
    for key in KEYS:
        if key == "theme":
            assert (config.theme, defaults.theme) == (DEFAULT_THEME, None)  # None: Textual's own, which it names
        elif key != "keymap":  # each id given its default keys, which is what no keymap means
            assert getattr(config, key) == getattr(defaults, key), key


def test_the_template_as_written_sets_nothing():
    table = tomllib.loads(template())
    assert table == {"kind_cadence": {}, "keymap": {}}
    assert effective(settings_from(table, "template")) == effective(Config())


def test_every_setting_in_the_template_has_words_on_what_it_does_and_takes():
    text = template()
    for key in KEYS:
        at = text.index(f"\n#{key} = ") if f"\n#{key} = " in text else text.index(f"\n[{key}]\n")
        comment = text[:at].rstrip("\n").rsplit("\n\n", 1)[-1]
        assert comment.startswith("# ") and "Takes " in comment, key


def test_init_writes_the_template_privately_and_config_then_marks_nothing(cli, config_file):
    result = cli("config", "--init")
    assert result.code == 0, result.err
    assert f"Wrote the template to {config_file}" in result.out
    assert config_file.read_text() == template()
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert cli("config", "--json").json()["from_file"] == []


def test_init_makes_the_missing_folders_private(cli, tmp_path, monkeypatch):
    path = tmp_path / "xdg" / "ictrack" / "config.toml"
    monkeypatch.setenv("ICTRACK_CONFIG", str(path))
    assert cli("config", "--init").code == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700 and path.read_text() == template()


def test_init_never_overwrites_a_file_without_force(cli, config_file):
    config_file.write_text(MINE)
    result = cli("config", "--init")
    assert result.code == 1 and config_file.read_text() == MINE
    assert result.err == f"ictrack: the config file {config_file} already exists; add --force to replace it with " \
                         "the template.\n"  # fmt: skip
    assert cli("config", "--init", "--force").code == 0
    assert config_file.read_text() == template()


def test_init_with_force_rewrites_the_file_a_link_names_and_keeps_the_link(cli, config_file, tmp_path):
    real = tmp_path / "dotfiles" / "ictrack.toml"
    real.parent.mkdir()
    real.write_text(MINE)
    config_file.symlink_to(real)
    assert cli("config", "--init", "--force").code == 0
    assert config_file.is_symlink() and real.read_text() == template()


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "forced"])
def test_init_never_replaces_what_is_not_a_regular_file(cli, monkeypatch, tmp_path, force):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for path in ("/dev/null", str(folder)):
        monkeypatch.setenv("ICTRACK_CONFIG", path)
        result = cli("config", "--init", *force)
        assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert list(folder.iterdir()) == [] and Path("/dev/null").is_char_device()


def test_the_theme_the_review_saves_goes_under_its_default_in_the_template(config_file):
    config_file.write_text(template())
    save_setting(config_file, "theme", "nord")
    text = config_file.read_text()
    assert f'#theme = "{DEFAULT_THEME}"\ntheme = "nord"\n' in text
    assert text.replace('theme = "nord"\n', "", 1) == template()
    assert load_config(config_file).theme == "nord"


def test_edit_writes_the_template_first_then_checks_what_the_editor_saved(cli, config_file, tmp_path, monkeypatch):
    body = 'path.write_text(path.read_text().replace("#soon_hours = 24", "soon_hours = 12"))'
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, body))
    result = cli("config", "--edit")
    assert result.code == 0, result.err
    assert result.out == f"Wrote the template to {config_file}, then checked it: it sets soon_hours.\n"
    assert load_config(config_file).soon_hours == 12
    assert cli("config", "--edit").out == f"Checked {config_file}: it sets soon_hours.\n"  # the file is kept


def test_edit_that_saves_a_bad_value_is_one_line_naming_it_and_the_file_is_kept(cli, config_file, tmp_path,
                                                                                 monkeypatch):  # fmt: skip
    config_file.write_text(MINE)
    body = "path.write_text('daily_capacity = \"lots\"\\n' + path.read_text())"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, body))
    result = cli("config", "--edit")
    assert result.code == 2 and result.out == ""
    assert result.err == f'ictrack: bad value for "daily_capacity" in {config_file}: \'lots\'; expected a whole ' \
                         "number, 1 to 100.\n"  # fmt: skip
    assert config_file.read_text() == 'daily_capacity = "lots"\n' + MINE  # as saved, to be put right


def test_edit_with_no_editor_set_says_so_and_names_the_file(cli, config_file, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("VISUAL", "")
    result = cli("config", "--edit")
    assert result.code == 2
    assert result.err == f"ictrack: no editor is set: set $EDITOR (or $VISUAL), or edit {config_file} yourself.\n"
    assert not config_file.exists()


def test_edit_uses_visual_when_editor_is_not_set(cli, config_file, tmp_path, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("VISUAL", editor_script(tmp_path, 'path.write_text("dayfirst = true\\n")'))
    assert cli("config", "--edit").out == f"Wrote the template to {config_file}, then checked it: it sets dayfirst.\n"


def test_an_editor_that_fails_or_can_not_run_is_one_line(cli, config_file, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "sys.exit(3)"))
    result = cli("config", "--edit")
    assert (result.code, result.err.count("\n")) == (1, 1) and "exited with status 3" in result.err
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    result = cli("config", "--edit")
    assert (
        result.code == 2 and result.err.startswith("ictrack: can't run the editor") and str(config_file) in result.err
    )


def test_path_and_edit_work_on_a_config_that_stops_every_other_command(cli, config_file, tmp_path, monkeypatch):
    config_file.write_text("soon_hours = 0\n")
    assert cli("list").code == 2
    assert cli("config").code == 2  # showing it names the bad value, in one line
    assert cli("config", "--path").out == f"{config_file}\n"
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, 'path.write_text("soon_hours = 6\\n")'))
    assert cli("config", "--edit").code == 0
    assert cli("list").code == 0


def test_a_setting_written_under_a_table_is_named_with_where_it_goes(cli, config_file):
    config_file.write_text(template() + "soon_hours = 12\n")  # appended, so under [keymap]
    result = cli("config")
    assert result.code == 2
    assert result.err == f'ictrack: "soon_hours" is in the [keymap] table in {config_file}; a setting goes above ' \
                         "the first [table] of the file.\n"  # fmt: skip


@pytest.mark.parametrize("args", [["--force"], ["--edit", "--force"], ["--init", "--json"], ["--path", "--init"]])
def test_options_that_do_not_go_together_are_refused(cli, config_file, args):
    result = cli("config", *args)
    assert result.code == 2 and result.err.count("\n") == 1 and not config_file.exists()
