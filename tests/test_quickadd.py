"""SPEC §4: tokens, the keyword rule, the trailing-words rule, option overrides."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import BadWhen
from ictrack.core.quickadd import parse_quick_add
from ictrack.errors import BadInput

LONDON = ZoneInfo("Europe/London")
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def quick(text: str, **options):
    return parse_quick_add(text, MONDAY_9AM, **options)


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def test_the_example_from_the_readme():
    parsed = quick("@dana send Q3 figures by fri 3pm #finance")
    assert parsed.title == "send Q3 figures"
    assert parsed.person == "dana"
    assert parsed.tags == ["finance"]
    assert parsed.due == at(2026, 11, 27, 15, 0)
    assert parsed.due_phrase == "by fri 3pm"
    assert (parsed.external, parsed.priority) == (False, "normal")


def test_the_first_handle_is_the_person_wherever_it_stands_and_later_ones_stay():
    parsed = quick("intro @Lee.K to @dana")
    assert parsed.person == "lee.k"
    assert parsed.title == "intro to @dana"


def test_no_handle_is_a_promise_to_yourself():
    assert quick("book dentist").person is None


def test_tags_are_taken_out_wherever_they_stand_and_any_number():
    parsed = quick("#q3 send #Finance figures #board")
    assert parsed.tags == ["q3", "finance", "board"]
    assert parsed.title == "send figures"


def test_flags_set_external_and_priority_and_leave_the_title():
    parsed = quick("!ext restore the backups !high")
    assert (parsed.title, parsed.external, parsed.priority) == ("restore the backups", True, "high")
    assert quick("tidy desk !low").priority == "low"


def test_an_unknown_bang_word_stays_in_the_title():
    assert quick("ship it !now").title == "ship it !now"


@pytest.mark.parametrize("keyword", ["by", "due", "on", "before", "until"])
def test_each_due_keyword_takes_the_phrase_after_it(keyword):
    parsed = quick(f"send figures {keyword} tomorrow")
    assert (parsed.title, parsed.due) == ("send figures", at(2026, 11, 24, 17, 0))


def test_the_rightmost_keyword_whose_remainder_parses_wins():
    parsed = quick("report on sales by fri")
    assert (parsed.title, parsed.due) == ("report on sales", at(2026, 11, 27, 17, 0))


def test_a_keyword_whose_remainder_does_not_parse_is_just_a_word():
    parsed = quick("decide on pricing")
    assert (parsed.title, parsed.due) == ("decide on pricing", None)


def test_an_earlier_keyword_can_take_a_longer_phrase():
    parsed = quick("call the bank on dec 3 at 10:00")
    assert (parsed.title, parsed.due) == ("call the bank", at(2026, 12, 3, 10, 0))


def test_trailing_words_give_the_due_without_a_keyword():
    parsed = quick("call mom tomorrow 9am")
    assert (parsed.title, parsed.due) == ("call mom", at(2026, 11, 24, 9, 0))


def test_the_longest_trailing_run_of_up_to_four_words_wins():
    parsed = quick("ship release next fri 10am")
    assert (parsed.title, parsed.due) == ("ship release", at(2026, 12, 4, 10, 0))


def test_trailing_phrases_are_capped_at_four_words():
    parsed = quick("call 3rd of dec at 10:00")  # five date words: only the last four are tried
    assert parsed.due == at(2026, 11, 23, 10, 0)
    assert parsed.title == "call 3rd of dec"
    assert quick("call 3rd of dec").due == at(2026, 12, 3, 17, 0)


@pytest.mark.parametrize(
    "text", ["prepare notes for march", "send the 2 reports", "read chapter 3", "plan may", "book 2 rooms"]
)
def test_titles_that_must_not_produce_a_due_date(text):
    parsed = quick(text)
    assert (parsed.title, parsed.due) == (text, None)


def test_a_keyword_before_a_bare_month_is_not_a_date():
    parsed = quick("budget due march")
    assert (parsed.title, parsed.due) == ("budget due march", None)


def test_a_date_phrase_already_past_is_an_error_not_a_title():
    with pytest.raises(BadWhen, match="already in the past"):
        quick("standup today 8am")


@pytest.mark.parametrize("text", ["send figures in 99999999999 days", "call back +99999999999h", "renew 10000w"])
def test_a_span_too_far_off_is_an_error_not_a_title(text):
    with pytest.raises(BadWhen, match="too far off; a span is 0 to 9999"):
        quick(text)


def test_a_repeat_too_far_apart_is_an_error_not_a_title():
    with pytest.raises(BadInput, match="a repeat is 1 to 999 days apart"):
        quick("water the plants every 99999999999 days")


def test_options_override_the_text():
    parsed = quick("@dana send figures #finance by fri", to="Lee", tags=["board"], external=True, priority="low",
                   note="the long version")  # fmt: skip
    assert parsed.person == "lee"
    assert parsed.tags == ["finance", "board"]
    assert (parsed.external, parsed.priority, parsed.note) == (True, "low", "the long version")
    assert parsed.due == at(2026, 11, 27, 17, 0)


def test_a_due_option_wins_and_leaves_the_text_as_typed():
    parsed = quick("prepare for fri meeting tomorrow", due="next mon")
    assert parsed.title == "prepare for fri meeting tomorrow"
    assert parsed.due == at(2026, 11, 30, 17, 0)


def test_a_bad_due_option_is_an_error():
    with pytest.raises(BadWhen):
        quick("send figures", due="whenever")


def test_workday_end_and_dayfirst_reach_the_due_phrase():
    parsed = quick("pay invoice by 3/12", workday_end=time(16), dayfirst=True)
    assert parsed.due == at(2026, 12, 3, 16, 0)


@pytest.mark.parametrize("text", ["", "   ", "@dana", "#finance !ext", "@dana tomorrow", "by fri"])
def test_an_empty_title_is_an_error(text):
    with pytest.raises(BadInput, match="title is empty") as error:
        quick(text)
    assert error.value.exit_code == 2


def test_a_bad_handle_option_is_an_error():
    with pytest.raises(BadInput, match="not a handle"):
        quick("send figures", to="Dana Smith")
