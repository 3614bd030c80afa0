"""Config keys, defaults, bad values, and the ICTRACK_* environment."""

from datetime import time
from pathlib import Path

import pytest

from ictrack.core.settings import DEFAULT_KEYS, DEFAULT_THANK_YOU, key_name, with_setting
from ictrack.environment import current_time, load_config
from ictrack.errors import BadInput, NotAllowed
from ictrack.service import save_setting


def test_a_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path / "nope.toml")
    assert (config.workday_start, config.workday_end) == (time(9), time(17))
    assert (config.soon_hours, config.daily_capacity, config.dayfirst) == (24, 3, False)
    assert config.care_checks == ["slept", "break", "lunch", "moved"]
    assert config.checkin_days == 30
    assert (config.workdays, config.lunch_time) == ((0, 1, 2, 3, 4), time(12))
    assert config.thank_you_template == DEFAULT_THANK_YOU
    assert all(f"{{{key}}}" in variant for variant in DEFAULT_THANK_YOU for key in ("name", "what", "when"))


def test_every_key_can_be_set(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'workday_start = "08:30"\nworkday_end = "18:15"\nsoon_hours = 12\ndaily_capacity = 5\ndayfirst = true\n'
        'care_checks = ["Slept", "walked"]\ncheckin_days = 14\nthank_you_template = "Thanks {name}!"\n'
    )
    config = load_config(path)
    assert (config.workday_start, config.workday_end) == (time(8, 30), time(18, 15))
    assert (config.soon_hours, config.daily_capacity, config.dayfirst, config.checkin_days) == (12, 5, True, 14)
    assert config.care_checks == ["slept", "walked"]
    assert config.thank_you_template == "Thanks {name}!"


@pytest.mark.parametrize(
    ("line", "key"),
    [('workday_end = "5pm"', "workday_end"), ('workday_start = "25:00"', "workday_start"),
     ("soon_hours = 0", "soon_hours"), ('daily_capacity = "3"', "daily_capacity"), ('dayfirst = "yes"', "dayfirst"),
     ("care_checks = []", "care_checks"), ("checkin_days = -1", "checkin_days"),
     ('thank_you_template = "Hi {nmae}"', "thank_you_template"), ("soon_hours = true", "soon_hours"),
     ("workdays = []", "workdays"), ('workdays = ["mon", "funday"]', "workdays"), ('workdays = "mon-fri"', "workdays"),
     ('workdays = ["mon", "monday"]', "workdays"), ("workdays = [1, 2]", "workdays"),
     ('lunch_time = "noon"', "lunch_time")],
)  # fmt: skip
def test_a_bad_value_names_the_key_and_the_file(tmp_path, line, key):
    path = tmp_path / "config.toml"
    path.write_text(line + "\n")
    with pytest.raises(BadInput) as error:
        load_config(path)
    assert error.value.exit_code == 2
    assert f'"{key}"' in str(error.value) and str(path) in str(error.value)


def test_the_working_days_are_day_names_in_any_case_kept_in_week_order(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('workdays = ["Sun", "monday", "TUE", "wed", "thu"]\nlunch_time = "12:30"\n')
    config = load_config(path)
    assert (config.workdays, config.lunch_time) == ((0, 1, 2, 3, 6), time(12, 30))


def test_an_unknown_key_is_refused_with_the_known_ones(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("workday_ends = '17:00'\n")
    with pytest.raises(BadInput, match=r'unknown key "workday_ends".*workday_end'):
        load_config(path)


def test_broken_toml_is_bad_input(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("soon_hours = \n")
    with pytest.raises(BadInput, match="not valid TOML"):
        load_config(path)


def test_ictrack_now_pins_the_clock_in_the_local_zone(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("ICTRACK_NOW", "2026-07-01T09:00")
    assert current_time().isoformat() == "2026-07-01T09:00:00-04:00"


def test_ictrack_now_with_an_offset_is_converted_to_the_local_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.setenv("ICTRACK_NOW", "2026-11-23T09:00+01:00")
    assert current_time().isoformat() == "2026-11-23T08:00:00+00:00"


def test_a_bad_ictrack_now_is_bad_input(monkeypatch):
    monkeypatch.setenv("ICTRACK_NOW", "monday-ish")
    with pytest.raises(BadInput, match="ICTRACK_NOW"):
        current_time()


# -- [keymap] and theme ------------------------------------------------------------------------------------


def test_a_keymap_table_rebinds_ids_and_names_keys_as_textual_does(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"\n\n[keymap]\ncheckin = "ctrl+k"\nhelp = "?,f1"\ndown = "n, down"\n')
    config = load_config(path)
    assert config.theme == "textual-light"
    assert config.keymap == {"checkin": "ctrl+k", "help": "question_mark,f1", "down": "n,down"}


def test_without_a_keymap_or_theme_the_defaults_stand(tmp_path):
    config = load_config(tmp_path / "nope.toml")
    assert (config.theme, config.keymap) == (None, {})


def test_the_default_keys_never_share_a_key():
    keys = [key for keys in DEFAULT_KEYS.values() for key in keys.split(",")]
    assert len(keys) == len(set(keys))
    assert all(key_name(key) == key for key in keys)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('chekin = "x"', r'unknown key "keymap.chekin" in .*config.toml; known keys: down, up, .*checkin'),
        ('checkin = "ctrl+"', r'bad value for "keymap.checkin" in .*: \'ctrl\+\'; expected a key like "i", "G"'),
        ('checkin = "hyper+x"', r'bad value for "keymap.checkin"'),
        ('checkin = "nope"', r'bad value for "keymap.checkin"'),
        ("checkin = 3", r'bad value for "keymap.checkin" in .*: 3; expected a key'),
        ('checkin = "x,x"', r'bad value for "keymap.checkin"'),
        ('checkin = "j"', r'bad value for "keymap.checkin" in .*: \'j\'; j is already the key for "down"'),
        ('checkin = "ctrl+p"', r"ctrl\+p is Textual's own"),
    ],
)
def test_a_bad_keymap_is_one_line_naming_the_binding_the_value_and_the_file(tmp_path, table, message):
    path = tmp_path / "config.toml"
    path.write_text(f"[keymap]\n{table}\n")
    with pytest.raises(BadInput, match=message) as error:
        load_config(path)
    assert error.value.exit_code == 2 and "\n" not in str(error.value)


def test_a_key_freed_by_rebinding_its_id_can_be_given_to_another(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\ndown = "n,down"\ncheckin = "j"\n')
    assert load_config(path).keymap == {"down": "n,down", "checkin": "j"}


def test_keymap_must_be_a_table_and_theme_a_name(tmp_path):
    path = tmp_path / "config.toml"
    for text, key in [('keymap = "i"', "keymap"), ("theme = 3", "theme"), ('theme = "../../etc"', "theme")]:
        path.write_text(text + "\n")
        with pytest.raises(BadInput, match=f'bad value for "{key}"'):
            load_config(path)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", 'theme = "nord"\n'),
        ("# mine\nsoon_hours = 12\n", '# mine\nsoon_hours = 12\ntheme = "nord"\n'),
        ('theme = "gruvbox"  # dark for now\nsoon_hours = 12\n', 'theme = "nord"  # dark for now\nsoon_hours = 12\n'),
        ("soon_hours = 12\n\n# my keys\n[keymap]\ncheckin = 'ctrl+k'\n",
         "soon_hours = 12\ntheme = \"nord\"\n\n# my keys\n[keymap]\ncheckin = 'ctrl+k'\n"),
        ("soon_hours = 12", 'soon_hours = 12\ntheme = "nord"\n'),
        ("soon_hours = 12\r\n", 'soon_hours = 12\r\ntheme = "nord"\r\n'),
    ],
)  # fmt: skip
def test_setting_the_theme_keeps_every_other_line_and_comment(before, after):
    assert with_setting(before, "theme", "nord", "config.toml") == after


def test_a_theme_line_the_editor_can_not_place_safely_is_refused_not_guessed():
    text = 'thank_you_template = """\ntheme = "x"\n"""\n'
    with pytest.raises(BadInput, match=r'can\'t set "theme" in config.toml .*by hand'):
        with_setting(text, "theme", "nord", "config.toml")


def test_save_setting_follows_a_link_keeps_the_mode_and_creates_a_missing_file(tmp_path):
    real = tmp_path / "dotfiles" / "ictrack.toml"
    real.parent.mkdir()
    real.write_text("# from my dotfiles\nsoon_hours = 12\n")
    real.chmod(0o644)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_setting(link, "theme", "textual-light")
    assert link.is_symlink() and real.read_text() == '# from my dotfiles\nsoon_hours = 12\ntheme = "textual-light"\n'
    assert real.stat().st_mode & 0o777 == 0o644
    fresh = tmp_path / "new" / "ictrack" / "config.toml"
    save_setting(fresh, "theme", "nord")
    assert fresh.read_text() == 'theme = "nord"\n' and fresh.stat().st_mode & 0o777 == 0o600
    assert load_config(fresh).theme == "nord"


def test_save_setting_refuses_what_is_not_a_regular_file(tmp_path):
    with pytest.raises(NotAllowed, match="not a regular file"):
        save_setting(Path("/dev/null"), "theme", "nord")
    folder = tmp_path / "config.toml"
    folder.mkdir()
    with pytest.raises(NotAllowed, match="not a regular file"):
        save_setting(folder, "theme", "nord")
