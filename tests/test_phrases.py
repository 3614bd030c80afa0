"""The phrases every shell shares (ictrack.text): plurals, percentages, spans from now, people, arrows."""

from __future__ import annotations

import pytest

from ictrack.text import ARROWS, ASCII_FORMS, MARKERS, NOTHING, mention, percent, plural, relative, toward


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 check-ins"), (1, "1 check-in"), (2, "2 check-ins"), (11, "11 check-ins")]
)
def test_one_is_singular_and_every_other_count_plural(count, expected):
    assert plural(count, "check-in") == expected


def test_a_word_whose_plural_is_not_an_s_gives_its_own():
    assert (plural(1, "person", "people"), plural(3, "person", "people")) == ("1 person", "3 people")


@pytest.mark.parametrize(("rate", "expected"), [(None, "—"), (0.0, "0%"), (0.6667, "67%"), (1.0, "100%")])
def test_a_rate_is_a_whole_percentage_or_a_dash_when_there_is_none(rate, expected):
    assert percent(rate) == expected


def test_a_span_ahead_is_in_it_and_a_span_past_is_ago():
    assert (relative("4 days", past=False), relative("3h", past=True)) == ("in 4 days", "3h ago")


def test_a_person_is_mentioned_with_an_at_and_any_control_character_escaped():
    assert mention("dana") == "@dana"
    assert mention("x\x1b]0;owned\x07") == "@x\\x1b]0;owned\\x07"


@pytest.mark.parametrize(("kind", "expected"), [("commitment", " → @dana"), ("ask", " ← @dana"), ("help", " ♥ @dana")])
def test_the_arrow_after_a_title_says_which_way_the_promise_goes(kind, expected):
    assert toward(kind, "dana") == expected


def test_a_promise_to_nobody_has_no_arrow():
    assert toward("commitment", None) == ""


def test_every_symbol_has_an_ascii_form_for_a_terminal_that_cannot_show_it():
    assert {*ARROWS.values(), NOTHING} <= set(ASCII_FORMS)


def test_risk_markers_line_up_in_two_columns():
    assert {len(marker) for marker in MARKERS.values()} == {2}
