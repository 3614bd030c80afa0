"""Drafts worth sending: each kind, addressed by the display name, with dates as people say them on a pinned
Monday morning (2026-11-23 09:00, London), and the commands that show them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from ictrack.core import drafts
from ictrack.core.model import CheckIn, Item, Person
from ictrack.core.settings import DRAFTS, Config
from ictrack.core.views import Trend, platinum_question, rating_trend
from tests.conftest import PINNED_NOW

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)  # a Monday
FIVE = time(17)
LEE = Person("lee.k", NOW - timedelta(days=90), name="Lee Kim")


def at(day: int, hour: int = 17, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


def item(item_id: int = 1, **fields) -> Item:
    defaults = {"uuid": f"u-{item_id}", "kind": "ask", "title": "review the deck", "person": "lee.k",
                "created": NOW - timedelta(days=3)}  # fmt: skip
    return Item(id=item_id, **{**defaults, **fields})


def received(day: datetime, item_id: int = 1, **fields) -> Item:
    return item(item_id, kind="help", status="done", done_at=day, **fields)


def only(key: str, template: str) -> Config:
    """A config with one template for `key`, so the variant is known."""
    return Config(**{key: template})


class TestAddress:
    @pytest.mark.parametrize(("name", "handle", "said"), [
        ("Lee Kim", "lee.k", ("Lee", "Lee Kim")),
        (None, "lee.k", ("Lee", "Lee")),  # a surname's initial is not said
        (None, "ops-team", ("Ops Team", "Ops Team")),
        (None, "dana", ("Dana", "Dana")),
        (None, None, ("there", "there")),
    ])  # fmt: skip
    def test_a_person_is_addressed_by_their_display_name_else_their_handle_read_as_a_name(self, name, handle, said):
        person = Person(handle, NOW, name=name) if handle else None
        assert drafts.address(person, handle) == said


class TestSpokenDates:
    @pytest.mark.parametrize(("moment", "said"), [
        (at(23), "today"), (at(24), "tomorrow"), (at(22), "yesterday"), (at(27), "Friday"), (at(20), "Friday"),
        (at(29), "Sunday"), (at(30), "Monday 30 November"), (at(4, month=12), "Friday 4 December"),
        (at(8, month=1, year=2027), "Friday 8 January 2027"), (at(16), "Monday 16 November"),
    ])  # fmt: skip
    def test_a_day_is_said_as_people_say_it(self, moment, said):
        assert drafts.spoken_day(moment, NOW) == said

    @pytest.mark.parametrize(("moment", "said"), [
        (at(23, 8), "today"), (at(22, 20), "yesterday"), (at(20, 15), "on Friday"), (at(17, 9), "on Tuesday"),
        (at(2, 15), "on 2 November"), (at(30, 9, month=12, year=2025), "on 30 December 2025"),
    ])  # fmt: skip
    def test_a_past_moment_is_said_with_its_preposition(self, moment, said):
        assert drafts.spoken_past(moment, NOW) == said

    def test_a_due_time_is_said_only_when_it_is_not_the_end_of_the_working_day(self):
        assert drafts.spoken_due(at(27), NOW, FIVE) == "Friday"
        assert drafts.spoken_due(at(27, 15), NOW, FIVE) == "Friday at 15:00"

    def test_days_are_counted_in_the_local_zone_not_in_utc(self):
        late = datetime(2026, 11, 23, 23, 30, tzinfo=ZoneInfo("America/New_York"))  # 04:30 Tuesday in London
        assert drafts.spoken_day(late, NOW) == "tomorrow"


class TestThankYou:
    @pytest.mark.parametrize(("day", "said"), [
        (at(23, 8), "your help today"), (at(22, 16), "your help yesterday"),
        (at(20, 15), "your help on Friday"), (at(2, 15), "your help on 2 November"),
    ])  # fmt: skip
    def test_it_says_when_as_people_do(self, day, said):
        assert said in drafts.thank_you(received(day), LEE, Config(), NOW)

    def test_it_says_what_the_help_made_possible_when_that_was_noted(self):
        helped = received(at(23, 8), note="the release went out on time.\nsecond line")
        draft = drafts.thank_you(helped, LEE, only("thank_you_template", "Thanks {name} for {what}{impact}."), NOW)
        assert draft == "Thanks Lee for review the deck — it meant the release went out on time."

    def test_an_ask_received_says_nothing_of_its_note(self):
        asked = item(status="done", done_at=at(23, 8), note="chase finance")
        assert "chase finance" not in drafts.thank_you(asked, LEE, Config(), NOW)

    def test_three_items_in_a_row_read_three_ways_and_one_item_always_the_same(self):
        said = [drafts.thank_you(received(at(23, 8), n), LEE, Config(), NOW) for n in (4, 5, 6)]
        assert len(set(said)) == 3
        again = drafts.thank_you(received(at(23, 8), 5), LEE, Config(), NOW)
        assert again == said[1]
        closings = {draft.split(". ")[-1] for draft in said}
        assert len(closings) == 3  # not the same closing sentence every time


class TestNudge:
    def test_an_overdue_ask_says_when_it_was_due(self):
        draft = drafts.nudge(item(due=at(20)), LEE, only("nudge_template", "Hi {name}, {since}."), NOW)
        assert draft == "Hi Lee, it was due Friday."

    def test_an_ask_due_earlier_today_says_so(self):
        late = datetime(2026, 11, 23, 8, 0, tzinfo=LONDON)
        assert drafts.nudge(item(due=late), LEE, only("nudge_template", "{since}"), NOW) == "it was due earlier today"

    def test_a_quiet_ask_says_how_long_ago_it_was_asked(self):
        quiet = item(created=NOW - timedelta(days=22))
        assert drafts.nudge(quiet, LEE, only("nudge_template", "{since}"), NOW) == "I asked about it 3 weeks ago"

    def test_a_moved_ask_counts_from_its_last_move(self):
        moved = item(
            created=NOW - timedelta(days=40),
            moves=[{"at": (NOW - timedelta(days=3)).isoformat(), "from": None, "to": at(20).isoformat()}],
        )
        assert drafts.stale_since(moved) == NOW - timedelta(days=3)

    @pytest.mark.parametrize(("fields", "stale"), [
        ({"created": NOW - timedelta(days=15)}, True),
        ({"created": NOW - timedelta(days=13)}, False),
        ({"created": NOW - timedelta(days=30), "due": at(30)}, False),  # it has a date: overdue or not, not quiet
        ({"created": NOW - timedelta(days=30), "kind": "commitment"}, False),
        ({"created": NOW - timedelta(days=30), "status": "done", "done_at": NOW}, False),
    ])  # fmt: skip
    def test_an_ask_is_stale_with_no_due_date_and_no_change_for_stale_days(self, fields, stale):
        assert drafts.is_stale(item(**fields), Config(stale_days=14), NOW) is stale


class TestRenegotiation:
    def test_it_asks_to_move_from_the_old_date_to_the_new_with_the_reason(self):
        config = only("renegotiate_template", "Hi {name}, could I move {what} from {due} to {new}{because}?")
        commitment = item(kind="commitment", title="send Q3 figures", due=at(27))
        draft = drafts.renegotiation(commitment, LEE, at(30, 12), "waiting on finance.", config, NOW)
        assert (
            draft
            == "Hi Lee, could I move send Q3 figures from Friday to Monday 30 November at 12:00 (waiting on finance)?"
        )

    def test_a_customer_due_first_makes_it_a_heads_up(self):
        mine = item(1, kind="commitment", due=at(27))
        customer = item(2, kind="commitment", person="acme", external=True, due=at(26))
        later = item(3, kind="commitment", person="acme", external=True, due=at(30))
        assert drafts.external_first(mine, [mine, customer, later], NOW) is customer
        assert drafts.external_first(mine, [mine, later], NOW) is None
        assert drafts.external_first(customer, [mine, customer], NOW) is None  # the customer's own: renegotiate

    def test_a_customer_today_does_not_come_first_for_something_due_weeks_away(self):
        far = item(1, kind="commitment", due=at(15, month=12))
        customer = item(2, kind="commitment", person="acme", external=True, due=at(23))
        assert drafts.external_first(far, [far, customer], NOW) is None

    def test_a_heads_up_uses_its_own_template(self):
        config = only("heads_up_template", "{name}: a customer comes first; {what} moves to {new}.")
        ahead = item(kind="commitment", due=at(27))
        draft = drafts.renegotiation(ahead, LEE, at(24), None, config, NOW, kind="heads_up")
        assert draft == "Lee: a customer comes first; review the deck moves to tomorrow."


@pytest.mark.parametrize("key", list(DRAFTS))
def test_every_default_variant_of_every_draft_addresses_the_display_name(key):
    """Each variant in turn (the item's ID picks one), never the handle."""
    variants = DRAFTS[key][0]
    for item_id in range(len(variants)):
        thing = item(item_id, kind="help" if key == "thank_you_template" else "commitment", due=at(27),
                     status="done" if key == "thank_you_template" else "open", done_at=at(23, 8))  # fmt: skip
        if key == "thank_you_template":
            draft = drafts.thank_you(thing, LEE, Config(), NOW)
        elif key == "nudge_template":
            draft = drafts.nudge(thing, LEE, Config(), NOW)
        else:
            draft = drafts.renegotiation(thing, LEE, at(30), None, Config(), NOW, kind=key.removesuffix("_template"))
        assert "Lee" in draft and "lee.k" not in draft and "{" not in draft, draft


def test_nothing_from_data_reaches_a_draft_as_a_control_character():
    hostile = Person("lee.k", NOW, name="Lee\x1b]52;c;bad\x07")
    draft = drafts.thank_you(received(at(23, 8), title="fix \x9b2J the build", note="it \x1b[31mworked"), hostile,
                             only("thank_you_template", "{full_name} {what}{impact}"), NOW)  # fmt: skip
    assert draft.isprintable() and "\\x1b" in draft and "\\x9b" in draft


# -- the commands ------------------------------------------------------------------------------------------------


def test_nudge_prints_the_draft_for_an_overdue_ask_and_refuses_a_commitment(cli):
    assert cli("ask", "@lee.k review the deck by fri", now="2026-11-16T09:00").code == 0
    assert cli("person", "lee.k", "--name", "Lee Kim", now=PINNED_NOW).code == 0
    assert cli("add", "send figures").code == 0
    result = cli("nudge", "1")
    assert result.code == 0 and result.out.startswith("Hi Lee,") and "it was due Friday" in result.out
    assert cli("nudge", "1", "--json").json() == {"id": 1, "draft": result.out.rstrip("\n")}
    refused = cli("nudge", "2")
    assert (refused.code, refused.err) == (1, 'ictrack: 2 "send figures" is a commitment you made; nudges are for '
                                              "asks you are waiting on.\n")  # fmt: skip


def test_move_draft_shows_the_words_and_moves_nothing(cli, home):
    assert cli("add", "@dana send Q3 figures by fri").code == 0
    before = (home / "ictrack.json").read_bytes()
    result = cli("move", "1", "next mon", "--draft", "--reason", "waiting on finance")
    assert result.code == 0 and result.out.startswith("Hi Dana,")
    assert '"send Q3 figures"' in result.out and "Monday 30 November" in result.out and "Friday" in result.out
    assert "(waiting on finance)" in result.out
    assert result.err == "Nothing moved yet; once they agree: ictrack move 1 'next mon' --reason 'waiting on finance'\n"
    assert (home / "ictrack.json").read_bytes() == before


def test_move_draft_is_a_heads_up_when_an_external_customer_comes_first(cli):
    assert cli("add", "@dana send Q3 figures by fri").code == 0
    assert cli("add", "@acme restore the backups by thu", "+ext").code == 0
    drafted = cli("move", "1", "next tue", "--draft", "--json").json()
    assert drafted["kind"] == "heads_up" and "customer" in drafted["draft"] and "Dana" in drafted["draft"]
    assert cli("move", "2", "fri", "--draft", "--json").json()["kind"] == "renegotiate"


def test_move_draft_of_an_item_without_a_due_date_says_there_is_nothing_to_renegotiate(cli):
    assert cli("add", "@dana plan the offsite").code == 0
    refused = cli("move", "1", "fri", "--draft")
    assert refused.code == 1 and "has no due date to renegotiate" in refused.err


def test_thank_draft_prints_the_note_and_records_nothing(cli):
    assert cli("helped", "@sam fixed the build", "--note", "the release went out on time").code == 0
    result = cli("thank", "1", "--draft")
    assert "Sam" in result.out and '"fixed the build" — it meant the release went out on time.' in result.out
    assert result.err == "Not recorded yet; once you have sent it: ictrack thank 1\n"
    assert cli("thanks", "--json").json()[0]["id"] == 1  # still owed


def test_the_brief_lists_asks_gone_quiet_and_overdue_each_with_its_nudge(cli, tmp_path):
    (tmp_path / "config.toml").write_text("stale_days = 10\n")
    assert cli("ask", "@lee.k share the budget sheet", now="2026-11-02T09:00").code == 0  # 3 weeks quiet
    assert cli("ask", "@kim the venue list", now="2026-11-16T09:00").code == 0  # a week: not yet
    assert cli("ask", "@ops review the deck by fri", now="2026-11-16T09:00").code == 0  # overdue
    assert cli("person", "lee.k", "--name", "Lee Kim", now=PINNED_NOW).code == 0
    text = cli("brief").out
    assert "Follow up (asks past due) (1)\n    3 !! review the deck" in text
    assert (
        "Gone quiet (asks with no due date) (1)\n    1    share the budget sheet ← @lee.k  — no change for 3 weeks"
        in text
    )
    assert "        Hi Lee, " in text and "I asked about it 3 weeks ago" in text and "venue" not in text
    brief = cli("brief", "--json").json()
    assert [entry["id"] for entry in brief["stale"]] == [1] and brief["stale"][0]["draft"].startswith("Hi Lee,")
    assert "it was due Friday" in brief["follow_up"][0]["draft"]


@pytest.mark.parametrize(("line", "expected"), [
    ('nudge_template = "Hi {name}, {impact}"', "using only {name}, {full_name}, {what}, {since}, {due} and {asked}"),
    ("renegotiate_template = []", "a string, or a list of 1 to 20"),
    ('heads_up_template = ["ok {name}", 3]', "a string, or a list"),
    ('thank_you_template = ["Hi {name}", "  "]', "a string, or a list"),
    ("stale_days = 0", "a whole number of days, 1 to 3650"),
    ("kind_cadence = { boss = 3 }", "a table of relations"),
])  # fmt: skip
def test_a_bad_template_or_draft_setting_is_a_one_line_config_error(cli, tmp_path, line, expected):
    (tmp_path / "config.toml").write_text(line + "\n")
    result = cli("thanks")
    assert result.code == 2 and result.err.count("\n") == 1 and expected in result.err
    assert f'bad value for "{line.split(" =")[0]}"' in result.err


def test_templates_with_variants_from_the_config_take_turns_by_item(cli, tmp_path):
    (tmp_path / "config.toml").write_text('thank_you_template = ["One {name}.", "Two {full_name} {when}."]\n')
    for title in ("a", "b", "c"):
        assert cli("helped", f"@lee.k {title}").code == 0
    assert [entry["draft"] for entry in cli("thanks", "--json").json()] == [
        "Two Lee today.",
        "One Lee.",
        "Two Lee today.",
    ]


class TestCheckInQuestions:
    @pytest.mark.parametrize(("ratings", "direction"), [
        ([3, 4], "rising"), ([4, 3], "falling"), ([4, 4, 4], "steady"), ([2, 5, 5, 4, 5, 5], "steady"),
        ([5, 5, 5, 4], "falling"), ([1, 2, 3, 4, 5, 5], "rising"),
    ])  # fmt: skip
    def test_the_trend_reads_the_newest_rating_against_those_before_it(self, ratings, direction):
        checkins = [CheckIn(f"c{n}", "dana", NOW - timedelta(days=50 - n), rating) for n, rating in
                    enumerate(ratings)]  # fmt: skip
        trend = rating_trend([*checkins, CheckIn("x", "dana", NOW)])  # one without a rating is left out
        assert trend.direction == direction and trend.ratings == ratings[-5:]

    def test_one_rating_has_no_trend(self):
        assert rating_trend([CheckIn("c", "dana", NOW, 4)]) is None

    def test_the_question_asks_what_they_want_from_what_stands_between_us(self):
        checked = [CheckIn("c", "dana", NOW, 4)]
        assert platinum_question([], [], None).startswith("How do you like to work with people")
        assert platinum_question([], checked, Trend([4, 2], "falling")) == (
            "Last time you rated us 2/5. What would make it a 3?")  # fmt: skip
        assert platinum_question([item(kind="commitment", title="send figures")], checked, None).startswith(
            'Is "send figures" still the most useful thing I can do for you')  # fmt: skip
        assert platinum_question([], checked, Trend([3, 4], "rising")).startswith("What is one thing I could do")


PAST = {"yesterday": at(22), "earlier today": at(23, 8), "on Friday": at(20)}  # said of a date gone by
AHEAD = {"today": at(23), "Friday": at(27)}


class TestEveryDraftOnEveryKindOfDay:
    """Each kind of draft, every default variant, for an item past its date, due today and with no due date, on
    the pinned Monday morning (09:00): none speaks of a date gone by as one still to come."""

    @staticmethod
    def moved(thing: Item, new: datetime, items: list[Item] | None = None) -> tuple[str, str]:
        kind = drafts.move_kind(thing, items or [thing], NOW, new)
        return kind, drafts.renegotiation(thing, LEE, new, None, Config(), NOW, kind=kind)

    @pytest.mark.parametrize("said", list(PAST))
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_commitment_past_its_date_gets_an_apology_that_says_when_it_was_due(self, said, item_id):
        late = item(item_id, kind="commitment", due=PAST[said])
        kind, draft = self.moved(late, at(25))
        assert kind == "renegotiate_late"
        assert "sorry" in draft or "apology" in draft, draft
        assert said in draft and "Wednesday" in draft.replace(said, ""), draft
        for wrong in ("by yesterday", "by earlier today", "let the date slip", "flag this early", "running behind"):
            assert wrong not in draft, draft

    @pytest.mark.parametrize("due", [*PAST.values(), *AHEAD.values()])
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_an_ask_moved_speaks_as_the_one_waiting_never_as_the_one_who_owes_it(self, due, item_id):
        kind, draft = self.moved(item(item_id, due=due), at(30))
        assert kind == "renegotiate_ask"
        assert "Monday 30 November" in draft and draft.startswith("Hi Lee, "), draft
        for owed in ("running behind", "Could I move", "could I move", "do \"review the deck\" justice", "sorry",
                     "by yesterday", "customer"):  # fmt: skip
            assert owed not in draft, draft

    def test_an_ask_past_its_date_moved_says_it_was_due_and_asks_kindly(self):
        _, draft = self.moved(item(3, due=at(22)), at(27))
        assert draft == ('Hi Lee, about "review the deck": it was due yesterday. No rush — would Friday work better '
                         "for you?")  # fmt: skip

    def test_a_commitment_past_its_date_is_never_a_heads_up_even_with_a_customer_due_first(self):
        late = item(1, kind="commitment", due=at(22))
        customer = item(2, kind="commitment", person="acme", external=True, due=at(21))
        assert self.moved(late, at(27), [late, customer])[0] == "renegotiate_late"

    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_commitment_due_later_today_is_renegotiated_or_given_a_heads_up_as_ahead_of_its_date(self, item_id):
        today = item(item_id, kind="commitment", due=at(23))
        customer = item(9, kind="commitment", person="acme", external=True, due=at(23, 12))
        for items, kind in (([today], "renegotiate"), ([today, customer], "heads_up")):
            made, draft = self.moved(today, at(24), items)
            assert made == kind and "today" in draft and "tomorrow" in draft and "yesterday" not in draft, draft

    @pytest.mark.parametrize(("fields", "since"), [
        ({"due": at(22)}, "it was due yesterday"),
        ({"due": at(23, 8)}, "it was due earlier today"),
        ({"due": at(23)}, "it is due today"),
        ({"created": NOW - timedelta(days=22)}, "I asked about it 3 weeks ago"),
    ])  # fmt: skip
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_nudge_says_where_the_date_stands_in_every_variant(self, fields, since, item_id):
        draft = drafts.nudge(item(item_id, **fields), LEE, Config(), NOW)
        assert since in draft and "by yesterday" not in draft and "still on track" not in draft, draft

    @pytest.mark.parametrize("due", [at(20), at(23), None])
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_thank_you_for_an_ask_received_says_when_it_came_not_when_it_was_due(self, due, item_id):
        draft = drafts.thank_you(item(item_id, due=due, status="done", done_at=at(23, 8)), LEE, Config(), NOW)
        assert "today" in draft and "Friday" not in draft and "due" not in draft, draft


def test_move_draft_of_a_commitment_past_its_date_is_an_apology_and_of_an_ask_is_the_words_of_the_one_waiting(cli):
    assert cli("add", "@dana send Q3 figures by fri", now="2026-11-16T09:00").code == 0
    assert cli("ask", "@lee review the deck by fri", now="2026-11-16T09:00").code == 0
    late = cli("move", "1", "wed", "--draft", "--json", now=PINNED_NOW).json()
    assert late["kind"] == "renegotiate_late" and "on Friday" in late["draft"] and "Wednesday" in late["draft"]
    asked = cli("move", "2", "wed", "--draft", "--json").json()
    assert asked["kind"] == "renegotiate_ask" and "it was due Friday" in asked["draft"]


# -- the way a date moves, and the words it takes -----------------------------------------------------------------

LATER_WORDS = ("longer", "slip", "No rush", "running behind", "justice", "heads-up", "customer", "sorry",
               "Could I have", "could I move", "needs a bit")  # fmt: skip


class TestMovingEarlier:
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_commitment_moved_earlier_is_good_news_never_a_request_for_longer(self, item_id):
        ahead = item(item_id, kind="commitment", title="audit", due=at(15, month=12))
        kind = drafts.move_kind(ahead, [ahead], NOW, at(27))
        draft = drafts.renegotiation(ahead, LEE, at(27), None, Config(), NOW, kind=kind)
        assert kind == "earlier" and "Friday" in draft and "Tuesday 15 December" in draft, draft
        assert not [word for word in LATER_WORDS if word in draft], draft

    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_an_ask_moved_earlier_asks_them_to_bring_it_forward_and_leaves_them_room_to_say_no(self, item_id):
        asked = item(item_id, title="figures", due=at(1, month=12))
        kind = drafts.move_kind(asked, [asked], NOW, at(27))
        draft = drafts.renegotiation(asked, LEE, at(27), None, Config(), NOW, kind=kind)
        assert kind == "earlier_ask" and draft.startswith("Hi Lee, ") and "?" in draft, draft
        assert "Friday" in draft and "Tuesday 1 December" in draft, draft
        assert not [word for word in LATER_WORDS if word in draft], draft

    def test_an_earlier_date_is_never_a_heads_up_even_with_a_customer_due_first(self):
        mine = item(1, kind="commitment", due=at(26))
        customer = item(2, kind="commitment", person="acme", external=True, due=at(25))
        assert drafts.move_kind(mine, [mine, customer], NOW, at(30)) == "heads_up"
        assert drafts.move_kind(mine, [mine, customer], NOW, at(24)) == "earlier"

    def test_the_earlier_words_are_templates_of_their_own_in_the_config(self):
        config = Config(earlier_template="{name}: {what} by {new}, not {due}.",
                        earlier_ask_template="{name}: {what} by {new}? ({since})")  # fmt: skip
        mine, asked = item(1, kind="commitment", due=at(27)), item(2, due=at(27))
        assert drafts.renegotiation(mine, LEE, at(24), None, config, NOW, kind="earlier") == (
            "Lee: review the deck by tomorrow, not Friday.")  # fmt: skip
        assert drafts.renegotiation(asked, LEE, at(24), None, config, NOW, kind="earlier_ask") == (
            "Lee: review the deck by tomorrow? (it is due Friday)")  # fmt: skip


class TestTwoDatesThatWouldReadAlike:
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_last_friday_and_this_friday_are_said_so_in_an_apology(self, item_id):
        late = item(item_id, kind="commitment", title="send Q3 figures", due=at(20, 15))
        draft = drafts.renegotiation(late, LEE, at(27), None, Config(), NOW, kind="renegotiate_late")
        assert "last Friday" in draft and "this Friday" in draft and "on Friday" not in draft, draft

    def test_an_ask_past_its_date_moved_to_the_next_friday_names_both(self):
        asked = item(3, due=at(20))
        draft = drafts.renegotiation(asked, LEE, at(27), None, Config(), NOW, kind="renegotiate_ask")
        assert draft == ('Hi Lee, about "review the deck": it was due last Friday. No rush — would this Friday work '
                         "better for you?")  # fmt: skip

    def test_two_times_on_one_day_are_said_with_their_times(self):
        ahead = item(1, kind="commitment", due=at(26))
        draft = drafts.renegotiation(ahead, LEE, at(26, 15), None, only("earlier_template", "{new}, not {due}"), NOW,
                                     kind="earlier")  # fmt: skip
        assert draft == "Thursday at 15:00, not Thursday at 17:00"

    def test_days_of_different_names_are_left_as_they_are(self):
        late = item(4, kind="commitment", due=at(20))
        draft = drafts.renegotiation(late, LEE, at(25), None, Config(), NOW, kind="renegotiate_late")
        assert "on Friday" in draft and "Wednesday" in draft and "last" not in draft and "this " not in draft, draft


class TestTheReasonInADraft:
    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_a_heads_up_keeps_the_reason(self, item_id):
        ahead = item(item_id, kind="commitment", due=at(26))
        draft = drafts.renegotiation(ahead, LEE, at(27), "waiting on finance", Config(), NOW, kind="heads_up")
        assert "(waiting on finance)" in draft, draft

    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_an_ask_moved_later_leaves_the_reason_out_rather_than_make_it_theirs(self, item_id):
        asked = item(item_id, due=at(26))
        draft = drafts.renegotiation(asked, LEE, at(30), "waiting on finance", Config(), NOW, kind="renegotiate_ask")
        assert "finance" not in draft, draft


class TestTheNoteOfAMoveMade:
    @staticmethod
    def moved(thing: Item, new: datetime, reason: str | None = None) -> Item:
        thing.moves.append({"at": NOW.isoformat(), "from": thing.due.isoformat(), "to": new.isoformat(),
                            "reason": reason})  # fmt: skip
        thing.due = new
        return thing

    def test_a_commitment_moved_says_the_date_it_has_now_rather_than_the_one_it_had(self):
        plan = self.moved(item(5, kind="commitment", title="plan Q1", due=at(30)), at(1, month=12))
        draft = drafts.moved_notice(plan, LEE, only("moved_template", Config().moved_template[0]), NOW)
        assert draft == ('Hi Lee, a quick note: "plan Q1" is now due Tuesday 1 December rather than Monday 30 '
                         "November; tell me if that doesn't work for you.")  # fmt: skip

    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_an_ask_moved_is_thanks_and_the_date_noted_never_a_request(self, item_id):
        asked = self.moved(item(item_id, title="figures", due=at(1, month=12)), at(27))
        draft = drafts.moved_notice(asked, LEE, Config(), NOW)
        assert draft.startswith("Hi Lee, thank") and "Friday" in draft and "?" not in draft, draft

    @pytest.mark.parametrize("item_id", [3, 4, 5])
    def test_every_variant_of_a_commitment_moved_names_both_dates_and_the_reason(self, item_id):
        late = self.moved(item(item_id, kind="commitment", due=at(20)), at(27), "waiting on finance")
        draft = drafts.moved_notice(late, LEE, Config(), NOW)
        assert "last Friday" in draft and "this Friday" in draft and "(waiting on finance)" in draft, draft
        assert not [word for word in ("could I", "Could I", "Would", "?") if word in draft], draft


@pytest.mark.parametrize("item_id", [3, 4, 5])
def test_a_thank_you_never_puts_a_past_tense_title_where_a_noun_belongs(item_id):
    draft = drafts.thank_you(received(at(23, 8), item_id, title="fixed the build"), LEE, Config(), NOW)
    assert 'for "fixed the build"' not in draft and 'with "fixed the build"' not in draft, draft
    assert "your help today" in draft and '"fixed the build"' in draft, draft


class TestGreetings:
    @pytest.mark.parametrize(("handle", "greeting"), [
        ("hr", "HR"), ("it", "IT"), ("qa", "QA"), ("it-support", "IT Support"), ("ops-team", "Ops Team"),
        ("mary-jane", "Mary-Jane"), ("a.b.c", "there"), ("42ops", "Ops"), ("dana2", "Dana"), ("lee.k", "Lee"),
        ("lee.kim", "Lee"), ("jean-luc.picard", "Jean-Luc"), ("j.smith", "there"), ("dana", "Dana"), ("lyn", "Lyn"),
    ])  # fmt: skip
    def test_a_handle_is_greeted_as_a_person_would_write_it(self, handle, greeting):
        assert drafts.address(Person(handle, NOW), handle)[0] == greeting

    @pytest.mark.parametrize(("name", "greeting"), [
        ("Lee Kim", "Lee"), ("Dr. Lee Kim", "Dr. Kim"), ("Dr Kim", "Dr Kim"), ("Ms. Ana de la Vega", "Ms. Vega"),
        ("Prof Ada", "Prof Ada"), ("Cher", "Cher"), ("Drew Barry", "Drew"),
    ])  # fmt: skip
    def test_a_display_name_greets_by_its_first_word_or_a_title_with_the_surname(self, name, greeting):
        assert drafts.address(Person("x", NOW, name=name), "x") == (greeting, name)


@pytest.fixture
def tested(cli):
    """The week the drafts were tried on: made on Monday 16 November, looked at a week later."""
    for verb, text in [("add", "send Q3 figures @dana fri 3pm"), ("ask", "review the deck @ops-team fri"),
                       ("add", "restore the backups @acme thu +ext"), ("add", "draft contract @dana thu 26 nov"),
                       ("add", "plan Q1 @dana mon 30 nov"), ("add", "audit @dana 15 dec"),
                       ("ask", "figures @lee tue 1 dec"), ("ask", "slides back @sam thu 26 nov")]:  # fmt: skip
        assert cli(verb, text, now="2026-11-16T10:00").code == 0, text
    return cli


@pytest.mark.parametrize(("args", "kind"), [
    (("6", "fri"), "earlier"), (("5", "tue"), "earlier"), (("4", "tue"), "earlier"),  # 4: a customer's is due first
    (("7", "fri"), "earlier_ask"), (("8", "tue"), "earlier_ask"),
    (("4", "fri"), "heads_up"), (("5", "wed 2 dec"), "renegotiate"), (("8", "fri"), "renegotiate_ask"),
])  # fmt: skip
def test_move_draft_takes_the_words_of_the_way_the_date_moves(tested, args, kind):
    drafted = tested("move", *args, "--draft", "--json", now=PINNED_NOW).json()
    assert drafted["kind"] == kind, drafted
    if kind.startswith("earlier"):
        assert not [word for word in LATER_WORDS if word in drafted["draft"]], drafted["draft"]


def test_moving_to_the_date_it_already_has_is_refused_and_records_nothing(tested, home):
    before = (home / "ictrack.json").read_bytes()
    for extra in ((), ("--draft",), ("--copy",), ("--draft", "--json")):
        refused = tested("move", "5", "mon 30 nov", *extra, now=PINNED_NOW)
        assert (refused.code, refused.out) == (1, ""), extra
        assert refused.err == 'ictrack: 5 "plan Q1" is already due then (Mon 30 Nov 17:00); nothing was moved.\n'
    assert (home / "ictrack.json").read_bytes() == before
    assert tested("week", "--json").json()["renegotiated_in_time"] == 0


def test_move_help_says_what_draft_and_copy_each_give(cli):
    shown = " ".join(cli("move", "--help").out.split())
    assert "--draft print the words to ask with first and move nothing" in shown
    assert "without, the item moves and the words are a note of its new date" in shown


def test_the_hint_after_a_draft_leaves_out_a_reason_holding_control_characters(tested):
    result = tested("move", "6", "fri", "--draft", "--reason", "waiting\x1b[31m", now=PINNED_NOW)
    assert result.err == ("Nothing moved yet; once they agree: ictrack move 6 fri --reason TEXT (your reason holds "
                          "control characters, so it is not repeated here)\n")  # fmt: skip
    plain = tested("move", "6", "fri", "--draft", "--reason", "waiting on finance", now=PINNED_NOW)
    assert plain.err.endswith("ictrack move 6 fri --reason 'waiting on finance'\n")


def test_move_copy_moves_and_gives_a_note_of_the_new_date_not_the_request(tested):
    from tests.conftest import run_process

    result = run_process("move", "5", "tue 1 dec", "--copy", start_new_session=True)  # no terminal: no clipboard
    assert result.returncode == 0, result.stderr
    moved, note = result.stdout.split("\n", 1)
    assert moved.startswith("Moved 5: plan Q1, now due Tue 1 Dec 17:00")
    assert note.startswith("Hi Dana, ") and "Tuesday 1 December" in note and "Monday 30 November" in note, note
    assert not [word for word in ("could I", "Could I", "Would", "?") if word in note], note
    asked = run_process("move", "7", "fri", "--copy", start_new_session=True)
    assert asked.stdout.split("\n")[1].startswith("Hi Lee, thank"), asked.stdout


def test_move_copy_of_an_item_without_a_due_date_moves_nothing_and_says_why(cli, home):
    assert cli("add", "@dana plan the offsite").code == 0
    before = (home / "ictrack.json").read_bytes()
    refused = cli("move", "1", "fri", "--copy")
    assert refused.code == 1 and "has no due date, so there is no new date to tell them of" in refused.err
    assert (home / "ictrack.json").read_bytes() == before
