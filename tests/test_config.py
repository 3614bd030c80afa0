"""Config keys, defaults, bad values, and the ICTRACK_* environment."""

from datetime import time

import pytest

from ictrack.core.settings import DEFAULT_THANK_YOU
from ictrack.environment import current_time, load_config
from ictrack.errors import BadInput


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
