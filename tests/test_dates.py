"""Every row of SPEC §3, each against a pinned clock."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import (
    BadWhen,
    OutOfRange,
    Unusable,
    WhenPast,
    date_words,
    describe_due,
    describe_span,
    parse_past,
    parse_when,
    until,
    zone_of,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def at(*parts, zone=LONDON) -> datetime:
    return datetime(*parts, tzinfo=zone)


def when(phrase: str, now: datetime = MONDAY_9AM, **settings) -> datetime:
    return parse_when(phrase, now, **settings)


@pytest.mark.parametrize("phrase", ["2026-12-03", "dec 3", "3 dec", "12/3", "december 3rd", "3rd of Dec"])
def test_a_date_with_no_time_is_due_at_workday_end(phrase):
    assert when(phrase) == at(2026, 12, 3, 17, 0)


def test_workday_end_from_config_sets_the_time_of_date_only_phrases():
    assert when("dec 3", workday_end=time(18, 30)) == at(2026, 12, 3, 18, 30)
    assert when("tomorrow", workday_end=time(16)) == at(2026, 11, 24, 16, 0)


@pytest.mark.parametrize("phrase", ["today", "tod", "eod", "Today", "  EOD "])
def test_today_is_today_at_workday_end(phrase):
    assert when(phrase) == at(2026, 11, 23, 17, 0)


def test_today_after_workday_end_is_the_end_of_the_calendar_day_not_the_past():
    assert when("today", at(2026, 11, 23, 18, 0)) == at(2026, 11, 23, 23, 59)


@pytest.mark.parametrize("phrase", ["tomorrow", "tom", "tmr"])
def test_tomorrow_is_tomorrow_at_workday_end(phrase):
    assert when(phrase) == at(2026, 11, 24, 17, 0)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [("tue", 24), ("tuesday", 24), ("wed", 25), ("thu", 26), ("thurs", 26), ("fri", 27), ("sat", 28), ("sun", 29)],
)
def test_a_weekday_name_is_the_nearest_such_day_ahead(phrase, day):
    assert when(phrase) == at(2026, 11, day, 17, 0)


def test_a_weekday_name_on_that_weekday_before_workday_end_means_today():
    assert when("mon") == at(2026, 11, 23, 17, 0)
    assert when("monday") == at(2026, 11, 23, 17, 0)


def test_a_weekday_name_on_that_weekday_after_workday_end_means_next_week():
    assert when("mon", at(2026, 11, 23, 17, 30)) == at(2026, 11, 30, 17, 0)


def test_fri_on_a_friday_evening_means_next_week():
    assert when("fri", at(2026, 11, 27, 19, 0)) == at(2026, 12, 4, 17, 0)


def test_a_weekday_with_a_time_still_ahead_today_means_today():
    assert when("mon 3pm") == at(2026, 11, 23, 15, 0)
    assert when("mon 8am") == at(2026, 11, 30, 8, 0)


def test_next_weekday_is_in_the_week_starting_the_coming_monday():
    assert when("next fri") == at(2026, 12, 4, 17, 0)
    assert when("next mon") == at(2026, 11, 30, 17, 0)


def test_next_fri_on_a_saturday_is_six_days_later():
    saturday = at(2026, 11, 28, 10, 0)
    assert when("next fri", saturday) == at(2026, 12, 4, 17, 0)
    assert when("fri", saturday) == at(2026, 12, 4, 17, 0)


def test_eow_is_the_nearest_friday_still_ahead():
    assert when("eow") == at(2026, 11, 27, 17, 0)
    assert when("eow", at(2026, 11, 27, 12, 0)) == at(2026, 11, 27, 17, 0)
    assert when("eow", at(2026, 11, 27, 17, 1)) == at(2026, 12, 4, 17, 0)


def test_next_week_is_monday_of_next_week():
    assert when("next week") == at(2026, 11, 30, 17, 0)
    assert when("next week", at(2026, 11, 29, 10, 0)) == at(2026, 11, 30, 17, 0)


def test_eom_is_the_last_day_of_this_month():
    assert when("eom") == at(2026, 11, 30, 17, 0)
    assert when("eom", at(2027, 2, 3, 9, 0)) == at(2027, 2, 28, 17, 0)


def test_next_month_is_the_first_of_next_month():
    assert when("next month") == at(2026, 12, 1, 17, 0)
    assert when("next month", at(2026, 12, 15, 9, 0)) == at(2027, 1, 1, 17, 0)


@pytest.mark.parametrize("phrase", ["in 3 days", "3d", "+3d", "in 3 day", "IN 3 DAYS"])
def test_days_from_today_at_workday_end(phrase):
    assert when(phrase) == at(2026, 11, 26, 17, 0)


@pytest.mark.parametrize("phrase", ["in 2 weeks", "2w", "+2w"])
def test_weeks_from_today_at_workday_end(phrase):
    assert when(phrase) == at(2026, 12, 7, 17, 0)


@pytest.mark.parametrize(
    ("phrase", "delta"),
    [("in 2 hours", timedelta(hours=2)), ("2h", timedelta(hours=2)), ("+90m", timedelta(minutes=90)),
     ("in 45 minutes", timedelta(minutes=45)), ("in 1 hour", timedelta(hours=1))],
)  # fmt: skip
def test_hours_and_minutes_are_exact(phrase, delta):
    assert when(phrase) == MONDAY_9AM + delta


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("3pm", at(2026, 11, 23, 15, 0)), ("3:30pm", at(2026, 11, 23, 15, 30)), ("15:00", at(2026, 11, 23, 15, 0)),
     ("noon", at(2026, 11, 23, 12, 0)), ("9:30am", at(2026, 11, 23, 9, 30)), ("3 pm", at(2026, 11, 23, 15, 0))],
)  # fmt: skip
def test_a_time_alone_is_today_when_still_ahead(phrase, expected):
    assert when(phrase) == expected


@pytest.mark.parametrize(("phrase", "hour"), [("9am", 9), ("8am", 8), ("9:00", 9)])
def test_a_time_alone_already_past_is_tomorrow(phrase, hour):
    assert when(phrase) == at(2026, 11, 24, hour, 0)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("fri 3pm", at(2026, 11, 27, 15, 0)), ("3pm fri", at(2026, 11, 27, 15, 0)),
     ("tomorrow at 9", at(2026, 11, 24, 9, 0)), ("tomorrow at 15", at(2026, 11, 24, 15, 0)),
     ("dec 3 10:00", at(2026, 12, 3, 10, 0)), ("10:00 dec 3", at(2026, 12, 3, 10, 0)),
     ("fri at 3:30pm", at(2026, 11, 27, 15, 30)), ("2026-12-03 10:00", at(2026, 12, 3, 10, 0)),
     ("2026-12-03T10:00", at(2026, 12, 3, 10, 0)), ("next fri 10am", at(2026, 12, 4, 10, 0))],
)  # fmt: skip
def test_date_and_time_in_either_order_with_optional_at(phrase, expected):
    assert when(phrase) == expected


def test_month_first_unless_dayfirst():
    assert when("12/3") == at(2026, 12, 3, 17, 0)
    assert when("3/12", dayfirst=True) == at(2026, 12, 3, 17, 0)
    assert when("12/3", dayfirst=True) == at(2027, 3, 12, 17, 0)


def test_a_date_with_no_year_that_has_passed_this_year_is_next_year():
    assert when("mar 5") == at(2027, 3, 5, 17, 0)
    assert when("11/20") == at(2027, 11, 20, 17, 0)
    assert when("5 march") == at(2027, 3, 5, 17, 0)


def test_feb_29_with_no_year_finds_the_next_leap_year():
    assert when("feb 29") == at(2028, 2, 29, 17, 0)


def test_an_absolute_date_with_a_year_may_be_in_the_past_for_backfilling():
    assert when("2026-11-02") == at(2026, 11, 2, 17, 0)
    assert when("nov 2 2026") == at(2026, 11, 2, 17, 0)


def test_a_relative_phrase_never_gives_the_past():
    with pytest.raises(WhenPast):
        when("today 8am")


def test_due_dates_are_aware_and_in_the_local_zone():
    due = when("fri")
    assert due.tzinfo is LONDON
    assert due.utcoffset() == timedelta(0)


class TestDaylightSavingInNewYork:
    """New York leaves daylight time at 02:00 on Sunday 1 Nov 2026."""

    saturday = at(2026, 10, 31, 9, 0, zone=NEW_YORK)

    def test_days_across_the_change_keep_the_wall_clock_time(self):
        due = when("in 2 days", self.saturday)
        assert (due.year, due.month, due.day, due.hour, due.minute) == (2026, 11, 2, 17, 0)
        assert due.utcoffset() == timedelta(hours=-5)
        assert self.saturday.utcoffset() == timedelta(hours=-4)

    def test_tomorrow_on_the_day_of_the_change_is_at_workday_end_standard_time(self):
        due = when("tomorrow", self.saturday)
        assert due.isoformat() == "2026-11-01T17:00:00-05:00"

    def test_hours_across_the_change_are_elapsed_time(self):
        due = when("in 24 hours", self.saturday)
        assert until(due, self.saturday) == timedelta(hours=24)
        assert due.isoformat() == "2026-11-01T08:00:00-05:00"

    def test_a_time_skipped_in_spring_lands_after_the_gap(self):
        due = when("2:30am", at(2026, 3, 8, 1, 0, zone=NEW_YORK))
        assert due.isoformat() == "2026-03-08T03:30:00-04:00"


@pytest.mark.parametrize("phrase", ["", "blah", "march", "3", "next", "in three eons", "13pm", "25:00", "feb 30 2026",
                                    "2026-13-01", "fri fri", "at", "in 2 decades"])  # fmt: skip
def test_anything_else_is_an_error_naming_the_phrase_with_examples(phrase):
    with pytest.raises(BadWhen) as error:
        when(phrase)
    assert error.value.exit_code == 2
    if phrase.strip():
        assert phrase in str(error.value)


def test_the_error_offers_examples():
    with pytest.raises(BadWhen, match='"fri 3pm"'):
        when("someday")


class TestWhenItHappened:
    def test_yesterday_with_a_time(self):
        assert parse_past("yesterday 4pm", MONDAY_9AM) == at(2026, 11, 22, 16, 0)

    def test_ago(self):
        assert parse_past("2h ago", MONDAY_9AM) == at(2026, 11, 23, 7, 0)
        assert parse_past("3 days ago", MONDAY_9AM) == at(2026, 11, 20, 9, 0)

    def test_a_weekday_is_the_most_recent_one(self):
        assert parse_past("fri", MONDAY_9AM) == at(2026, 11, 20, 17, 0)

    def test_a_time_later_than_now_is_yesterday(self):
        assert parse_past("10am", MONDAY_9AM) == at(2026, 11, 22, 10, 0)

    def test_today_without_a_time_is_now(self):
        assert parse_past("today", MONDAY_9AM) == MONDAY_9AM

    def test_a_date_with_no_year_is_its_last_occurrence(self):
        assert parse_past("dec 3", MONDAY_9AM) == at(2025, 12, 3, 17, 0)

    def test_the_future_is_refused(self):
        with pytest.raises(WhenPast):
            parse_past("2026-12-01", MONDAY_9AM)


@pytest.mark.parametrize(
    ("delta", "short", "words"),
    [(timedelta(minutes=1), "1m", "1 minute"), (timedelta(minutes=59, seconds=40), "1h", "1 hour"),
     (timedelta(hours=2, minutes=59, seconds=59), "3h", "3 hours"), (timedelta(hours=2, minutes=20), "2h", "2 hours"),
     (timedelta(hours=47), "47h", "47 hours"), (timedelta(hours=48), "2d", "2 days"),
     (timedelta(days=20), "20d", "20 days"), (timedelta(days=21), "3w", "3 weeks"),
     (-timedelta(hours=5), "5h", "5 hours")],
)  # fmt: skip
def test_spans_round_to_the_nearest_unit(delta, short, words):
    assert (describe_span(delta), describe_span(delta, words=True)) == (short, words)


def test_describe_due_says_the_day_and_how_far():
    assert describe_due(at(2026, 11, 27, 17, 0), MONDAY_9AM) == "Fri 27 Nov 17:00 (in 4 days)"
    assert describe_due(at(2026, 11, 23, 12, 0), MONDAY_9AM) == "Mon 23 Nov 12:00 (in 3 hours)"
    assert describe_due(at(2026, 11, 22, 17, 0), MONDAY_9AM) == "Sun 22 Nov 17:00 (16 hours ago)"


class TestBounds:
    """Spans are 0 to 9999 units and every moment falls in 1900 to 2999, so no phrase reaches datetime's limits."""

    @pytest.mark.parametrize("phrase", ["in 99999999999 days", "+99999999999h", "10000d", "in 10000 minutes",
                                        "in 99999 weeks", "in " + "9" * 5000 + " days"])  # fmt: skip
    def test_a_span_longer_than_9999_units_is_refused_with_the_range(self, phrase):
        with pytest.raises(OutOfRange, match="a span is 0 to 9999 minutes, hours, days or weeks"):
            when(phrase)

    def test_a_span_ago_longer_than_9999_units_is_refused_with_the_range(self):
        with pytest.raises(OutOfRange, match="0 to 9999"):
            parse_past("99999999999 days ago", MONDAY_9AM)

    def test_9999_units_is_the_longest_span_taken(self):
        assert when("in 9999 days") == at(2054, 4, 9, 17, 0)  # 27 years and 137 days after Mon 23 Nov 2026

    @pytest.mark.parametrize("phrase", ["0001-01-01", "1899-12-31", "3000-01-01", "dec 3 9999", "12/3/1850"])
    def test_an_absolute_date_outside_1900_to_2999_is_refused_with_the_range(self, phrase):
        with pytest.raises(OutOfRange, match="outside the years 1900 to 2999"):
            when(phrase)

    @pytest.mark.parametrize("phrase", ["tomorrow", "next month", "in 9999 weeks", "jan 3"])
    def test_a_relative_phrase_landing_after_2999_is_refused_with_the_range(self, phrase):
        with pytest.raises(OutOfRange, match="outside the years 1900 to 2999"):
            when(phrase, at(2999, 12, 31, 20, 0))

    def test_a_moment_ago_before_1900_is_refused_with_the_range(self):
        with pytest.raises(OutOfRange, match="outside the years 1900 to 2999"):
            parse_past("9999 weeks ago", at(1950, 1, 2, 9, 0))

    @pytest.mark.parametrize("phrase", ["in ٣ days", "٣pm", "٢٠٢٦-١٢-٠٣", "dec ٣", "+٣h", "in ３ days"])
    def test_digits_other_than_ascii_are_not_numbers(self, phrase):
        with pytest.raises(BadWhen, match="can't read"):
            when(phrase)


class TestWorkingHours:
    """A bare hour reads inside workday_start to workday_end, else its afternoon reading there, else as written."""

    @pytest.mark.parametrize(("phrase", "hour"), [("at 2", 14), ("at 10", 10), ("at 5", 17), ("at 12", 12),
                                                  ("at 15", 15), ("by 4", 16), ("@ 3", 15), ("thu 4", 16)])  # fmt: skip
    def test_a_bare_hour_is_read_inside_the_working_day(self, phrase, hour):
        assert when(phrase).hour == hour

    @pytest.mark.parametrize(("phrase", "expected"), [("at 6", at(2026, 11, 24, 6, 0)),
                                                      ("at 2:30", at(2026, 11, 23, 14, 30)),
                                                      ("at 07:30", at(2026, 11, 24, 7, 30))])  # fmt: skip
    def test_an_hour_with_no_working_hours_reading_is_as_written(self, phrase, expected):
        assert when(phrase) == expected

    def test_the_workday_moves_the_reading(self):
        early = {"workday_start": time(7), "workday_end": time(15)}
        assert when("at 7", **early) == at(2026, 11, 24, 7, 0)
        assert when("tomorrow morning", **early) == at(2026, 11, 24, 7, 0)
        assert when("eod", **early) == at(2026, 11, 23, 15, 0)

    def test_a_night_shift_reads_hours_across_midnight(self):
        night = {"workday_start": time(22), "workday_end": time(6)}
        assert when("tomorrow at 2", **night) == at(2026, 11, 24, 2, 0)
        assert when("tomorrow at 11", **night) == at(2026, 11, 24, 23, 0)

    def test_a_part_of_the_day_decides_between_morning_and_afternoon(self):
        assert when("tomorrow morning at 8") == at(2026, 11, 24, 8, 0)
        assert when("tomorrow evening at 8") == at(2026, 11, 24, 20, 0)
        assert when("at 7 tonight") == at(2026, 11, 23, 19, 0)


def test_a_weekday_that_disagrees_with_its_date_is_refused():
    with pytest.raises(Unusable, match="does not add up: 4 Dec 2026 is a Friday, not a Thursday"):
        when("thu dec 4")


@pytest.mark.parametrize(("phrase", "instead"), [("yesterday 4pm", "tomorrow 4pm"), ("last fri", "next fri"),
                                                 ("3 days ago", "in 3 days"),
                                                 ("today 8am", "tomorrow 8am")])  # fmt: skip
def test_a_due_date_in_the_past_is_refused_with_what_to_type_instead(phrase, instead):
    with pytest.raises(WhenPast, match=f'try "{instead}"'):
        when(phrase)


@pytest.mark.parametrize("phrase", ["tomorrow", "next fri", "in 3 days", "eow"])
def test_a_future_phrase_for_what_happened_is_refused_but_only_as_words(phrase):
    with pytest.raises(BadWhen, match="is in the future") as error:
        parse_past(phrase, MONDAY_9AM)
    assert not isinstance(error.value, Unusable)  # quick add keeps such words in a title


def test_a_slash_date_that_can_only_be_day_first_is_read_so():
    assert when("28/11") == at(2026, 11, 28, 17, 0)
    assert when("28/11", dayfirst=True) == when("11/28", dayfirst=True) == at(2026, 11, 28, 17, 0)
    with pytest.raises(BadWhen, match="not a date on the calendar"):
        when("30/2")


def test_date_words_finds_days_times_dates_and_misspellings_as_typed():
    words = ["call", "Tomorow", "at", "3pm", "re", "the", "Fri", "demo", "on", "dec", "3", "not", "sundays", "monkey",
             "sat", "1:1", "may", "5"]  # fmt: skip
    assert date_words(words) == ["Tomorow", "3pm", "Fri", "dec", "3", "sundays"]


def test_the_zone_of_a_moment_is_the_one_it_carries():
    assert zone_of(MONDAY_9AM) is LONDON


def test_a_moment_without_a_zone_has_no_zone_to_give():
    with pytest.raises(ValueError, match="has no UTC offset"):
        zone_of(datetime(2026, 11, 23, 9, 0))
