"""The weekly summary through the CLI: a week built step by step with pinned clocks, checked by hand."""

import csv
import io
import json
import sys
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.week import Week, active_since, summarize
from ictrack.storage import Store


@pytest.fixture
def week48(cli):
    """Week 2026-W48 is Mon 23 Nov – Sun 29 Nov (London, no DST change), with weeks 47 and 49 around it."""
    steps = [
        # week 47: none of this is week 48's work
        ("2026-11-16T09:00", "add", "old delivered by 2026-11-18"),  # 1
        ("2026-11-18T10:00", "done", "1"),
        ("2026-11-17T09:00", "add", "@dana open from before by 2026-11-24"),  # 2: open at the end, overdue
        ("2026-11-19T09:00", "helped", "@kim old help"),  # 3: never thanked, so still owed at the end
        # week 48
        ("2026-11-23T09:00", "add", "@dana early one by fri"),  # 4: due Fri 17:00
        ("2026-11-23T09:00", "add", "@lee on time one by thu 3pm"),  # 5
        ("2026-11-23T09:10", "add", "@dana late one by tue"),  # 6: due Tue 17:00
        ("2026-11-23T09:20", "add", "no due thing"),  # 7
        ("2026-11-23T10:00", "add", "@lee moved one by wed"),  # 8
        ("2026-11-23T11:00", "add", "dropped one by thu"),  # 9
        ("2026-11-23T12:00", "ask", "@lee numbers by wed"),  # 10
        ("2026-11-23T08:00", "care", "--done", "slept", "--energy", "4"),
        ("2026-11-24T09:00", "move", "8", "next mon"),  # renegotiated: now due Mon 30 Nov
        ("2026-11-24T12:00", "done", "7"),  # no due date
        ("2026-11-24T16:00", "got", "10"),
        ("2026-11-24T17:00", "thank", "10", "--note", "thanks Lee"),
        ("2026-11-25T08:00", "care", "--energy", "2"),
        ("2026-11-25T09:00", "drop", "9"),
        ("2026-11-25T10:00", "done", "4"),  # 55h early
        ("2026-11-25T11:00", "done", "6"),  # 18h late
        ("2026-11-26T10:00", "helped", "@sam fixed the build"),  # 11: not thanked in week 48
        ("2026-11-26T14:00", "done", "5"),  # 1h before due: on time, not early
        ("2026-11-27T10:00", "checkin", "lee", "--rating", "4"),
        # week 49
        ("2026-11-30T09:00", "add", "@dana next week thing by 2026-12-02"),  # 12
        ("2026-11-30T10:00", "done", "2"),
        ("2026-11-30T08:00", "care", "--energy", "5"),
        ("2026-11-30T11:00", "checkin", "dana"),
        ("2026-12-01T09:00", "thank", "11", "--note", "cheers Sam"),
    ]
    for now, *args in steps:
        result = cli(*args, now=now)
        assert result.code == 0, (args, result.err)
    return cli


def test_every_figure_of_a_constructed_week(week48):
    data = week48("week", "--week", "2026-W48", "--format", "json", now="2026-12-02T09:00").json()
    items = data.pop("items")
    assert data == {
        "week": "2026-W48",
        "start": "2026-11-23T00:00:00+00:00",
        "end": "2026-11-29T23:59:59+00:00",
        "so_far": False,  # a week gone by: as at the end of Sunday
        "as_of": "2026-11-29T23:59:59+00:00",
        "days": 7,
        "delivered": 4,  # 4 early, 5 on time, 6 late, 7 without a due date
        "on_time": 2,  # 4 and 5
        "early": 1,  # 4 (5 was only an hour ahead)
        "late": 1,  # 6
        "on_time_rate": 0.6667,  # 2 of the 3 with a due date
        "renegotiated": 1,  # 8
        "renegotiated_in_time": 1,  # 8, moved on Tuesday when it was due on Wednesday
        "moved_after_date": 0,
        "dropped": 1,  # 9
        "opened": 8,  # 4 to 11
        "open_at_end": 2,  # 2 (closed in week 49) and 8
        "overdue_at_end": 1,  # 2, due Tue 24 Nov
        "asks_received": 1,  # 10
        "help_received": 1,  # 11 (3 was week 47)
        "thanks_sent": 1,  # 10 (11 was thanked in week 49)
        "thanks_owed": 2,  # 3 and 11, as they stood on Sunday night
        "care_days": 2,
        "mean_energy": 3.0,  # (4 + 2) / 2
        "checkins": 1,  # lee (dana's was week 49)
        "by_person": {
            "dana": {
                "delivered": 2,
                "on_time": 1,
                "late": 1,
                "renegotiated_in_time": 0,
                "moved_after_date": 0,
                "asks_received": 0,
                "help_received": 0,
                "thanks_sent": 0,
            },
            "lee": {
                "delivered": 1,
                "on_time": 1,
                "late": 0,
                "renegotiated_in_time": 1,
                "moved_after_date": 0,
                "asks_received": 1,
                "help_received": 0,
                "thanks_sent": 1,
            },
            "sam": {
                "delivered": 0,
                "on_time": 0,
                "late": 0,
                "renegotiated_in_time": 0,
                "moved_after_date": 0,
                "asks_received": 0,
                "help_received": 1,
                "thanks_sent": 0,
            },
        },
    }
    assert [(i["id"], i["status"]) for i in items] == [
        (4, "done"),
        (5, "done"),
        (6, "done"),
        (7, "done"),
        (9, "dropped"),
    ]
    assert set(items[0]) >= {"id", "uuid", "kind", "title", "due", "done_at", "moves", "risk"}


def test_this_week_is_the_default_and_last_week_is_one_flag_away(week48):
    assert week48("week", "--format", "json", now="2026-11-29T20:00").json()["delivered"] == 4
    assert week48("week", "--last", "--format", "json", now="2026-12-02T09:00").json()["week"] == "2026-W48"


def test_markdown_reads_as_a_status_note(week48):
    text = week48("week", "--last", now="2026-12-02T09:00").out
    assert text.startswith("# Week 2026-W48 · Mon 23 Nov 2026 – Sun 29 Nov 2026\n")
    assert "Delivered 2 of 3 on time (67%), 1 early; 1 more without a due date." in text
    assert "- early one → @dana (due Fri 27 Nov 17:00, done Wed 25 Nov 10:00, early)" in text
    assert "- late one → @dana (due Tue 24 Nov 17:00, done Wed 25 Nov 11:00, late)" in text
    assert "- open from before → @dana, due Tue 24 Nov 17:00 **overdue**" in text
    assert "\n## Asks received (1): promises kept to you\n\n- @lee: numbers (thanked)\n\n" in text
    assert "\n## Help received (1): credit where it is due\n\n- @sam: fixed the build (**not yet thanked**)\n\n" in text
    assert "Looked after myself on 2 of 7 days, mean energy 3/5; 1 check-in with the people I serve." in text
    assert "People served most: @dana (2), @lee (1)." in text
    assert "old delivered" not in text and "next week thing" not in text


def test_csv_parses_back_with_a_row_per_item(week48):
    text = week48("week", "--last", "--format", "csv", now="2026-12-02T09:00").out
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "id",
        "kind",
        "title",
        "person",
        "due",
        "done_at",
        "status",
        "on_time",
        "early",
        "late",
        "tags",
        "missed",
    ]
    by_id = {row["id"]: row for row in rows}
    assert list(by_id) == ["4", "5", "6", "7", "9"]
    assert (by_id["4"]["on_time"], by_id["4"]["early"], by_id["4"]["late"]) == ("1", "1", "0")
    assert (by_id["5"]["on_time"], by_id["5"]["early"], by_id["5"]["late"]) == ("1", "0", "0")
    assert (by_id["6"]["on_time"], by_id["6"]["late"], by_id["6"]["person"]) == ("0", "1", "dana")
    assert (by_id["7"]["due"], by_id["7"]["on_time"]) == ("", "")
    assert (by_id["9"]["status"], by_id["9"]["done_at"]) == ("dropped", "2026-11-25T09:00:00+00:00")


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name in ("src", "href")]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page_with_the_figures_and_a_chart(week48, tmp_path):
    target = tmp_path / "week.html"
    result = week48("week", "--last", "-o", str(target), now="2026-12-02T09:00")
    assert result.out == f"Wrote week 2026-W48 (html) to {target}\n"
    page = Page()
    page.feed(target.read_text())
    text = " ".join(page.text)
    assert "67%" in text and "Delivered 2 of 3 on time" in text
    assert "svg" in page.tags and page.tags.count("rect") == 14
    assert "Wed: 1 on time" in text and "Wed: 1 late" in text  # 4 early and 6 late, both on Wednesday
    assert "script" not in page.tags and page.links == []


def test_html_escapes_every_user_string(cli, tmp_path):
    cli("add", "@dana <script>alert(1)</script> by fri")
    cli("done", "1", now="2026-11-24T09:00")
    cli("helped", "@sam <img src=x onerror=alert(1)> & more", now="2026-11-24T10:00")
    page = Page()
    page.feed(cli("week", "--format", "html", now="2026-11-25T09:00").out)
    assert "script" not in page.tags and "img" not in page.tags and page.links == []
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)> & more" in text


def test_output_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "week.md"
    target.write_text("keep me")
    result = cli("week", "-o", str(target))
    assert (result.code, result.err) == (1, f"ictrack: {target} already exists; add --force to overwrite it.\n")
    assert target.read_text() == "keep me"
    assert cli("week", "-o", str(target), "--force").code == 0
    assert target.read_text().startswith("# Week 2026-W48")


def test_the_format_follows_the_file_name(cli, tmp_path):
    cli("week", "-o", str(tmp_path / "w.json"))
    assert json.loads((tmp_path / "w.json").read_text())["week"] == "2026-W48"
    assert cli("week", "-o", str(tmp_path / "w.txt")).code == 2


@pytest.mark.parametrize("week", ["2025-W53", "2026-W54", "2026-W0", "W48", "2026-48x", "last"])
def test_a_week_that_does_not_exist_is_bad_input(cli, week):
    result = cli("week", "--week", week)
    assert result.code == 2 and result.err.startswith("ictrack: ")


def test_week_53_of_2026_spans_the_new_year(cli):
    cli("add", "a by 2026-12-27", now="2026-12-20T09:00")
    cli("add", "b by 2026-12-28", now="2026-12-20T09:00")
    cli("add", "c by 2027-01-03", now="2026-12-20T09:00")
    cli("add", "d by 2027-01-04", now="2026-12-20T09:00")
    for item_id, at in (("1", "2026-12-27T23:30"), ("2", "2026-12-28T00:30"), ("3", "2027-01-03T23:30"),
                        ("4", "2027-01-04T00:30")):  # fmt: skip
        cli("done", item_id, now=at)
    data = cli("week", "--format", "json", now="2027-01-03T23:45").json()  # late on its Sunday: still this week
    assert (data["week"], data["start"], data["end"]) == (
        "2026-W53", "2026-12-28T00:00:00+00:00", "2027-01-03T23:59:59+00:00")  # fmt: skip
    assert [item["title"] for item in data["items"]] == ["b", "c"]
    assert cli("week", "--last", "--format", "json", now="2027-01-05T09:00").json()["week"] == "2026-W53"
    assert "Mon 28 Dec 2026 – Sun 3 Jan 2027" in cli("week", "--week", "2026-w53", now="2027-01-05T09:00").out


def test_a_week_with_a_daylight_saving_change_keeps_its_local_bounds(cli, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")  # clocks go back at 02:00 on Sun 1 Nov 2026
    for title in ("before", "first hour", "last hour", "after"):
        cli("add", title, now="2026-10-20T09:00")
    for item_id, at in (("1", "2026-10-25T23:30"), ("2", "2026-10-26T00:30"), ("3", "2026-11-01T23:30"),
                        ("4", "2026-11-02T00:30")):  # fmt: skip
        cli("done", item_id, now=at)
    data = cli("week", "--week", "2026-W44", "--format", "json", now="2026-11-03T09:00").json()
    assert (data["start"], data["end"]) == ("2026-10-26T00:00:00-04:00", "2026-11-01T23:59:59-05:00")
    assert [item["title"] for item in data["items"]] == ["first hour", "last hour"]
    assert data["delivered"] == 2


def test_the_weeks_since_a_start_count_the_same_without_the_history_settled_before_it(tmp_path):
    """`active_since` may drop only items that count in no week from its start on."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from history import generate

    generate(tmp_path / "data", years=1)
    state = Store(tmp_path / "data").load(history=True)
    items, care, checkins = list(state.items.values()), list(state.care.values()), list(state.checkins.values())
    week = Week(2026, 47, ZoneInfo("Europe/London"))
    kept = active_since(items, Week(2026, 40, ZoneInfo("Europe/London")).start)
    assert len(kept) < len(items) / 3
    for _ in range(8):
        full, short = summarize(items, care, checkins, week), summarize(kept, care, checkins, week)
        assert full.figures == short.figures and full.by_person == short.by_person and full.per_day == short.per_day
        week = week.previous()


@pytest.mark.parametrize("label", ["9999-W52", "1899-W52", "3000-W01", "0001-W01"])
def test_a_week_outside_1900_to_2999_is_refused_with_the_range(cli, home, label):
    result = cli("week", "--week", label)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"ictrack: the week {label} is outside the years 1900 to 2999.\n"


def test_a_week_in_digits_other_than_ascii_is_not_a_week(cli):
    result = cli("week", "--week", "٢٠٢٦-W48")
    assert result.code == 2 and "is not an ISO week; write it like 2026-W48 (in the years 1900 to 2999)" in result.err


@pytest.fixture
def monday_morning(cli):
    """Two commitments due Wednesday and Thursday, a care check on Monday, all at the start of week 2026-W48."""
    assert cli("add", "@dana draft the rota by wed", now="2026-11-23T08:00").code == 0  # due Wed 17:00
    assert cli("add", "@lee send the invoice by thu noon", now="2026-11-23T08:00").code == 0
    assert cli("care", "--done", "slept", "--energy", "4", now="2026-11-23T08:30").code == 0
    return cli


def test_on_a_monday_morning_nothing_due_later_in_the_week_is_overdue_yet(monday_morning):
    text = monday_morning("week", now="2026-11-23T09:00").out
    assert text.startswith("# Week 2026-W48 so far (Mon) · as of Mon 23 Nov 2026 09:00\n")
    assert "; 2 open and 0 overdue now." in text
    assert "## Still open now (2, 0 overdue)" in text and "**overdue**" not in text
    assert "Looked after myself on 1 of 1 day so far, mean energy 4/5;" in text


def test_on_a_monday_the_json_says_the_figures_are_so_far_as_of_now(monday_morning):
    data = monday_morning("week", "--json", now="2026-11-23T09:00").json()
    assert (data["so_far"], data["as_of"], data["days"]) == (True, "2026-11-23T09:00:00+00:00", 1)
    assert (data["open_at_end"], data["overdue_at_end"], data["care_days"]) == (2, 0, 1)
    assert data["end"] == "2026-11-29T23:59:59+00:00"  # the week's bounds stay the week's


def test_on_a_wednesday_evening_only_what_is_past_due_now_is_overdue(monday_morning):
    monday_morning("care", "--done", "slept", now="2026-11-25T08:00")
    text = monday_morning("week", now="2026-11-25T18:00").out
    assert text.startswith("# Week 2026-W48 so far (Mon–Wed) · as of Wed 25 Nov 2026 18:00\n")
    assert "; 2 open and 1 overdue now." in text
    assert "- draft the rota → @dana, due Wed 25 Nov 17:00 **overdue**" in text
    assert "- send the invoice → @lee, due Thu 26 Nov 12:00\n" in text
    assert "Looked after myself on 2 of 3 days so far, mean energy 4/5;" in text
    data = monday_morning("week", "--format", "json", now="2026-11-25T18:00").json()
    assert (data["so_far"], data["days"], data["overdue_at_end"], data["care_days"]) == (True, 3, 1, 2)


def test_due_this_very_moment_is_not_overdue_yet(monday_morning):
    assert monday_morning("week", "--json", now="2026-11-25T17:00").json()["overdue_at_end"] == 0


def test_a_past_week_keeps_its_end_of_sunday_figures(monday_morning):
    text = monday_morning("week", "--last", now="2026-11-30T09:00").out
    assert text.startswith("# Week 2026-W48 · Mon 23 Nov 2026 – Sun 29 Nov 2026\n")
    assert "; 2 still open, 2 overdue." in text and "## Still open at week end (2, 2 overdue)" in text
    assert "Looked after myself on 1 of 7 days, mean energy 4/5;" in text
    data = monday_morning("week", "--week", "2026-W48", "--json", now="2026-11-30T09:00").json()
    assert (data["so_far"], data["as_of"], data["days"]) == (False, "2026-11-29T23:59:59+00:00", 7)
    assert (data["open_at_end"], data["overdue_at_end"], data["care_days"]) == (2, 2, 1)


def test_a_week_still_to_come_has_not_begun(monday_morning):
    data = monday_morning("week", "--week", "2026-W50", "--json", now="2026-11-23T09:00").json()
    assert (data["so_far"], data["days"], data["delivered"], data["care_days"]) == (True, 0, 0, 0)
    assert monday_morning("week", "--week", "2026-W50", now="2026-11-23T09:00").out.startswith(
        "# Week 2026-W50 not begun · as of Mon 23 Nov 2026 09:00\n"
    )


def test_week_takes_json_like_every_listing_and_format_json_still_works(monday_morning, tmp_path):
    with_flag = monday_morning("week", "--json", now="2026-11-25T18:00")
    assert with_flag.out == monday_morning("week", "--format", "json", now="2026-11-25T18:00").out
    assert with_flag.json()["week"] == "2026-W48"
    assert monday_morning("week", "--json", "-o", str(tmp_path / "w.md"), now="2026-11-25T18:00").code == 0
    assert json.loads((tmp_path / "w.md").read_text())["so_far"] is True  # --json says the format, as --format does
    refused = monday_morning("week", "--json", "--format", "csv")
    assert (refused.code, refused.err) == (2, "ictrack week: argument --format: not allowed with argument --json (see "
                                           "ictrack week --help)\n")  # fmt: skip


def test_a_delivery_after_a_move_past_its_due_date_counts_late_and_the_move_after_the_date(cli):
    """Due 10:00, moved at 12:00 to 14:00, done at 13:00: late, so the week reads 0%, not 100%."""
    cli("add", "@dana send figures by 10am", now="2026-11-23T08:00")
    cli("move", "1", "2pm", now="2026-11-23T12:00")
    cli("done", "1", now="2026-11-23T13:00")
    data = cli("week", "--json", now="2026-11-23T14:00").json()
    assert (data["on_time"], data["late"], data["on_time_rate"]) == (0, 1, 0.0)
    assert (data["renegotiated"], data["renegotiated_in_time"], data["moved_after_date"]) == (1, 0, 1)
    assert (data["by_person"]["dana"]["late"], data["by_person"]["dana"]["moved_after_date"]) == (1, 1)
    text = cli("week", now="2026-11-23T14:00").out
    assert "Delivered 0 of 1 on time (0%), 0 early. Renegotiated 0 in time, moved 1 after the date," in text
    assert ("- send figures → @dana (due Mon 23 Nov 10:00, moved after it to Mon 23 Nov 14:00, "
            "done Mon 23 Nov 13:00, late)") in text  # fmt: skip
    (row,) = csv.DictReader(io.StringIO(cli("week", "--format", "csv", now="2026-11-23T14:00").out))
    assert (row["late"], row["missed"]) == ("1", "2026-11-23T10:00:00+00:00")


def test_a_move_before_the_due_date_counts_as_renegotiated_in_time(cli):
    cli("add", "@dana send figures by 10am", now="2026-11-23T08:00")
    cli("move", "1", "2pm", now="2026-11-23T09:30")
    cli("done", "1", now="2026-11-23T13:00")
    data = cli("week", "--json", now="2026-11-23T14:00").json()
    assert (data["on_time"], data["late"], data["on_time_rate"]) == (1, 0, 1.0)
    assert (data["renegotiated"], data["renegotiated_in_time"], data["moved_after_date"]) == (1, 1, 0)
    assert data["by_person"]["dana"]["renegotiated_in_time"] == 1
    row = next(csv.DictReader(io.StringIO(cli("week", "--format", "csv", now="2026-11-23T14:00").out)))
    assert (row["on_time"], row["missed"]) == ("1", "")


def test_the_text_counts_asks_received_and_help_received_apart_as_the_json_does(week48):
    for fmt, now in (("md", "2026-12-02T09:00"), ("html", "2026-12-02T09:00")):
        text = week48("week", "--last", "--format", fmt, now=now).out
        figures = week48("week", "--last", "--format", "json", now=now).json()
        assert (figures["asks_received"], figures["help_received"]) == (1, 1)
        if fmt == "md":
            assert "## Asks received (1)" in text and "## Help received (1)" in text
        else:
            asks, helped = text.index("<h2>Asks received (1)"), text.index("<h2>Help received (1)")
            assert "numbers" in text[asks:helped] and "numbers" not in text[helped:]
    empty = week48("week", "--week", "2026-W50", now="2026-12-02T09:00").out
    assert "## Asks received (0): promises kept to you\n\n- none\n" in empty
    assert "## Help received (0): credit where it is due\n\n- none logged" in empty
