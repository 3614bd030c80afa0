"""Arbitrary text where users type: a parsed value or a typed ictrack error, never another exception."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ictrack.core.dates import parse_past, parse_when
from ictrack.core.quickadd import parse_quick_add
from ictrack.core.settings import Config
from ictrack.core.week import parse_week
from ictrack.environment import load_config
from ictrack.errors import IctrackError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/London"))
WORDS = st.sampled_from(
    [
        "by",
        "due",
        "on",
        "fri",
        "next",
        "tomorrow",
        "3pm",
        "dec",
        "3",
        "in",
        "2",
        "days",
        "@dana",
        "#tag",
        "!ext",
        "!high",
        "eom",
        "noon",
        "at",
        "9",
        "12/3",
        "2026-02-30",
        "mon",
        "-1",
        "ago",
    ]
)
TEXT = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=8).map(" ".join))


def typed_or_value(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except IctrackError:
        return None


@given(TEXT, st.booleans())
def test_quick_add_parses_or_says_why(text, dayfirst):
    typed_or_value(parse_quick_add, text, NOW, dayfirst=dayfirst)


@given(TEXT)
def test_when_and_past_phrases_parse_or_say_why(text):
    due = typed_or_value(parse_when, text, NOW)
    assert due is None or due > NOW
    past = typed_or_value(parse_past, text, NOW)
    assert past is None or past <= NOW


@given(st.one_of(st.text(max_size=20), st.from_regex(r"-?\d{0,5}-?[wW]\d{0,3}", fullmatch=True)))
def test_week_labels_parse_or_say_why(text):
    week = typed_or_value(parse_week, text)
    assert week is None or 1 <= week[1] <= 53


@given(st.text(max_size=12))
def test_energy_from_the_command_line_is_a_number_from_1_to_5_or_exit_2(text):
    from ictrack.cli import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(["care", "--energy", text])
    except SystemExit as exit:
        assert exit.code == 2
        return
    assert isinstance(args.energy, int)


TOML_VALUES = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(str), st.sampled_from(["true", "false"]),
    st.text(max_size=30).map(lambda text: '"' + text.replace("\\\\", "").replace('"', "") + '"'),
    st.lists(st.text(alphabet="abcxyz -", max_size=8), max_size=4).map(lambda names: str(names).replace("'", '"')),
    st.sampled_from(['"09:00"', '"25:99"', '"5pm"', "1979-05-27T07:32:00", "[]", "{}", "3.5", "nan"]),
)  # fmt: skip
KEYS = st.sampled_from([*Config.__slots__, "no_such_key"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(KEYS, TOML_VALUES)
def test_config_values_load_or_name_the_key(tmp_path: Path, key, value):
    path = tmp_path / "config.toml"
    path.write_text(f"{key} = {value}\n", encoding="utf-8")
    try:
        load_config(path)
    except IctrackError as error:
        assert key in str(error) or "TOML" in str(error)
