"""SPEC §4: tokens, the keyword rule, the trailing-words rule, option overrides."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import BadWhen
from ictrack.core.quickadd import parse_quick_add, similar_handles
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


def test_the_first_handle_is_the_person_and_handles_in_the_sentence_keep_their_names():
    parsed = quick("intro @Lee.K to @dana")
    assert parsed.person == "lee.k"
    assert parsed.title == "intro Lee.K to dana"


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


def test_a_trailing_phrase_is_taken_whole_however_long():
    parsed = quick("call 3rd of dec at 10:00")
    assert (parsed.title, parsed.due) == ("call", at(2026, 12, 3, 10, 0))
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


@pytest.mark.parametrize(
    ("text", "title"),
    [("send figures to @dana", "send figures to dana"), ("ping @dana about the budget", "ping dana about the budget"),
     ("@dana send figures", "send figures"), ("send figures @dana", "send figures"),
     ("send figures @dana by fri", "send figures")],
)  # fmt: skip
def test_a_handle_in_the_sentence_keeps_its_name_and_one_beside_it_is_only_a_mark(text, title):
    parsed = quick(text)
    assert (parsed.title, parsed.person) == (title, "dana")


def test_a_possessive_handle_sets_the_person_and_stays_in_the_title():
    assert (quick("review @lee's doc").title, quick("review @lee's doc").person) == ("review lee's doc", "lee")
    assert (quick("@lee’s doc needs a review").title, quick("@lee’s doc").person) == ("lee’s doc needs a review", "lee")


def test_later_handles_stay_as_plain_names():
    parsed = quick("@lee ask @dana and @sam.k")
    assert (parsed.title, parsed.person) == ("ask dana and sam.k", "lee")


def test_a_handle_that_reads_as_a_time_is_the_time():
    parsed = quick("call the bank @3pm")
    assert (parsed.title, parsed.person, parsed.due) == ("call the bank", None, at(2026, 11, 23, 15, 0))


def test_a_hash_and_digits_is_an_issue_number_not_a_tag():
    parsed = quick("fix #123 and #7 #backend")
    assert (parsed.title, parsed.tags) == ("fix #123 and #7", ["backend"])


def test_plus_words_are_tags_and_the_flag_words_are_flags():
    parsed = quick("+finance send figures +Board +ext +high")
    assert (parsed.title, parsed.tags, parsed.external, parsed.priority) == (
        "send figures", ["finance", "board"], True, "high")  # fmt: skip
    assert quick("tidy desk +low").priority == "low"
    assert quick("+external escalation").external


@pytest.mark.parametrize(("text", "title"), [("+1 the proposal", "+1 the proposal"), ("c++ review", "c++ review")])
def test_a_plus_without_a_word_stays_in_the_title(text, title):
    assert (quick(text).title, quick(text).tags) == (title, [])


def test_a_span_after_a_plus_is_a_date_not_a_tag():
    parsed = quick("archive the logs +3d")
    assert (parsed.title, parsed.tags, parsed.due) == ("archive the logs", [], at(2026, 11, 26, 17, 0))


def test_date_words_left_in_the_title_are_reported_as_typed():
    parsed = quick("lunch Fri at 1 with dana")
    assert (parsed.title, parsed.due, parsed.leftovers) == ("lunch Fri at 1 with dana", None, ["Fri"])
    assert quick("send report by fri").leftovers == []


def test_a_phrase_just_after_a_date_word_is_not_taken_half():
    parsed = quick("call dana thu fri 3pm")
    assert (parsed.due, parsed.leftovers) == (None, ["thu", "fri", "3pm"])


def test_a_misspelt_day_is_a_leftover_and_keeps_the_time_beside_it():
    parsed = quick("send the deck thrusday 3pm")
    assert (parsed.title, parsed.due, parsed.leftovers) == ("send the deck thrusday 3pm", None, ["thrusday", "3pm"])


def test_any_day_of_a_kind_is_not_a_date():
    parsed = quick("meet lee on a friday")
    assert (parsed.title, parsed.due, parsed.leftovers) == ("meet lee on a friday", None, [])


def test_a_day_at_the_start_is_read_when_nothing_ends_the_text():
    parsed = quick("tmrw: call dana")
    assert (parsed.title, parsed.due) == ("call dana", at(2026, 11, 24, 17, 0))
    assert quick("sat nav update").due is None  # sat, sun and wed open titles as often as dates


def test_help_is_dated_by_a_past_phrase_and_keeps_future_words():
    parsed = quick("@sam fixed the build yesterday", past=True)
    assert (parsed.title, parsed.happened, parsed.due) == ("fixed the build", at(2026, 11, 22, 17, 0), None)
    parsed = quick("@lee helped prepare for tomorrow", past=True)
    assert (parsed.title, parsed.happened, parsed.leftovers) == ("helped prepare for tomorrow", None, ["tomorrow"])


def test_a_past_phrase_as_a_due_date_is_refused_with_what_to_type_instead():
    with pytest.raises(BadWhen, match='"yesterday" is already in the past; a due date is ahead of now: try "tomorrow"'):
        quick("call dana yesterday")


def test_a_time_of_day_before_a_repeat_belongs_to_it():
    parsed = quick("standup at 10 every weekday")
    assert (parsed.title, parsed.rule.text) == ("standup", "every weekday 10:00")


def test_a_repeat_reads_in_either_order():
    assert quick("pay rent on the 1st of every month").rule.rrule == quick("pay rent every month on the 1st").rule.rrule


def test_workday_start_reaches_the_phrase():
    assert quick("call lee tomorrow morning", workday_start=time(8, 30)).due == at(2026, 11, 24, 8, 30)


@pytest.mark.parametrize(
    ("handle", "known", "similar"),
    [("lee", ["lee.k", "dana"], ["lee.k"]), ("leek", ["lee.k"], ["lee.k"]), ("dnaa", ["dana"], ["dana"]),
     ("dan", ["dana", "dani", "sam"], ["dana", "dani"]), ("sam", ["sam", "samuel"], []), ("al", ["ali"], []),
     ("lee.k", ["lee"], ["lee"]), ("kim", ["tim", "jim"], ["jim", "tim"])],
)  # fmt: skip
def test_a_new_handle_is_close_to_a_known_one_one_edit_or_a_suffix_away(handle, known, similar):
    assert similar_handles(handle, known) == similar


def test_the_service_checks_a_new_handle_against_the_known_ones_without_saving(home, cli):
    from ictrack.service import open_service

    cli("add", "@lee.k send the deck")
    service = open_service()
    assert service.understand("ping @lee", known=service.names("handles")).similar == ["lee.k"]
    assert service.understand("ping @lee.k", known=service.names("handles")).similar == []
    assert service.understand("ping @lee").similar == []  # not asked
    assert service.names("handles") == ["lee.k"]


@pytest.mark.parametrize(
    ("text", "title", "due", "wait"),
    [
        ("send figures by fri wait thu", "send figures", at(2026, 11, 27, 17, 0), "2026-11-26"),
        ("send figures wait thu by fri", "send figures", at(2026, 11, 27, 17, 0), "2026-11-26"),
        ("@dana plan the offsite wait next week #ops", "plan the offsite", None, "2026-11-30"),
        ("wait for lee", "wait for lee", None, None),  # no date after it
        ("wait 5 minutes then call", "wait 5 minutes then call", None, None),  # not a later day
        ("ask lee to wait until fri", "ask lee to wait", at(2026, 11, 27, 17, 0), None),  # `until` is a due keyword
    ],
)
def test_wait_when_is_the_day_it_waits_until_and_leaves_the_title(text, title, due, wait):
    parsed = quick(text)
    assert (parsed.title, parsed.due, parsed.wait and parsed.wait.isoformat()) == (title, due, wait)


def test_the_wait_option_wins_and_is_read_as_a_day():
    assert quick("send figures wait thu", wait="dec 1 3pm").wait.isoformat() == "2026-12-01"
