"""Search: which items hold every word of a query (`core.search`), and `list --grep` on the command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ictrack.core.model import Item, Person
from ictrack.core.search import Corpus, highlights, matching, open_first, searchable, words

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DANA = Person("dana", NOW, name="Dana Scully")


def item(item_id: int, title: str = "a thing", **fields) -> Item:
    return Item(id=item_id, uuid=str(item_id), kind=fields.pop("kind", "commitment"), title=title, created=NOW,
                **fields)  # fmt: skip


def found(items: list[Item], query: str, people: dict[str, Person] | None = None) -> list[int]:
    return [found.id for found in matching(items, {"dana": DANA} if people is None else people, query)]


ITEMS = [
    item(1, "Send Q3 figures", person="dana", tags=["finance"]),
    item(2, "book the venue", note="Ask for the room with the big WINDOWS"),
    item(3, "call the bank", person="lee", tags=["admin"]),
    item(4, "review the deck", person="dana", status="done", done_at=NOW),
]


@pytest.mark.parametrize("query", ["figures", "FIGURES", "q3 FiGuReS", "send q3"])
def test_a_search_ignores_case(query):
    assert found(ITEMS, query) == [1]


def test_every_word_must_be_found_in_any_order_and_any_field():
    assert found(ITEMS, "finance figures") == [1]
    assert found(ITEMS, "figures dana") == [1]
    assert found(ITEMS, "figures lee") == []


def test_a_note_is_searched():
    assert found(ITEMS, "windows room") == [2]


def test_a_tag_is_found_by_its_word_or_with_its_hash():
    assert found(ITEMS, "admin") == [3]
    assert found(ITEMS, "#fin") == [1]
    assert found(ITEMS, "#bank") == []  # a word of the title, not a tag


def test_a_person_is_found_by_handle_with_or_without_the_at_and_by_display_name():
    assert found(ITEMS, "@dana") == [1, 4]
    assert found(ITEMS, "dan") == [1, 4]
    assert found(ITEMS, "scully") == [1, 4]
    assert found(ITEMS, "dana scully deck") == [4]
    assert found(ITEMS, "scully", people={}) == []  # the name is the person's, not the item's


def test_closed_items_are_searched_like_open_ones_when_given():
    assert found(ITEMS, "deck") == [4]


def test_a_word_is_plain_text_never_a_pattern():
    items = [item(1, "fix a.b (urgent)"), item(2, "fix axb"), item(3, "price $5 ^up *"), item(4, "[b]bold[/b]")]
    assert found(items, "a.b") == [1]
    assert found(items, "(urgent") == [1]
    assert found(items, "$5 ^up *") == [3]
    assert found(items, "[b]") == [4]
    assert found(items, ".*") == []


def test_a_word_is_found_within_one_field_never_across_two():
    items = [item(1, "send figures", tags=["q3"]), item(2, "send figures q3")]
    assert found(items, "figures q3") == [1, 2]
    assert found(items, "figures#q3") == []


def test_case_folding_finds_what_lower_casing_would_miss():
    assert found([item(1, "Straße sign-off")], "STRASSE") == [1]


def test_a_query_of_no_words_finds_everything_in_order():
    assert words("   ") == []
    assert found(ITEMS, "  ") == [1, 2, 3, 4]


def test_a_corpus_searches_again_without_preparing_its_items_again():
    corpus = Corpus(ITEMS, {"dana": DANA})
    assert len(corpus) == 4
    assert [found.id for found in corpus.find("the")] == [2, 3, 4]
    assert [found.id for found in corpus.find("the deck")] == [4]
    assert searchable(ITEMS[0], DANA) == "send q3 figures\n\n@dana\ndana scully\n#finance"


def test_open_items_come_first_soonest_due_then_closed_ones_latest_closed_first():
    items = [
        item(1, due=NOW + timedelta(days=3)), item(2), item(3, due=NOW + timedelta(days=1)),
        item(4, status="done", done_at=NOW - timedelta(days=400)), item(5, status="dropped", done_at=NOW),
        item(6, status="done", done_at=NOW - timedelta(days=2)),
    ]  # fmt: skip
    assert [i.id for i in open_first(items)] == [3, 1, 2, 5, 6, 4]


def test_highlights_mark_every_occurrence_of_every_word_merged_where_they_overlap():
    assert highlights("Send figures, then send more", "SEND") == [(0, 4), (19, 23)]
    assert highlights("figures", "fig gur") == [(0, 5)]
    assert highlights("Straße", "strasse") == []  # folding changes the length: nothing marked, nothing wrong


# -- the command line --------------------------------------------------------


@pytest.fixture
def history(cli, with_archive):
    """Item 1 (send Q3 figures, for @dana) archived; 2 and 3 open; 4 dropped; @dana named Dana Scully."""
    assert (
        cli("add", "@lee send the figures #finance", "--note", "the ones Dana asked for", now="2027-01-05T11:00").code
        == 0
    )
    assert cli("drop", "2", "--reason", "moved to Q1", now="2027-01-06T09:00").code == 0
    assert cli("person", "dana", "--name", "Dana Scully", now="2027-01-06T09:00").code == 0
    return cli


def test_list_grep_searches_open_items_by_default(history):
    result = history("list", "--grep", "figures", now="2027-01-07T09:00")
    assert result.code == 0
    assert result.out == "    4    send the figures → @lee #finance\n"


def test_list_grep_with_all_finds_an_archived_item_with_its_status_and_dates(history):
    result = history("list", "--grep", "SCULLY figures", "--all", now="2027-01-07T09:00")
    assert result.code == 0
    assert result.out == (
        "    1    send Q3 figures → @dana, due Fri 27 Nov 2026 17:00 (6 weeks ago) [done Tue 24 Nov 2026 09:00]\n"
    )
    dropped = history("list", "--grep", "january", "--all", now="2027-01-07T09:00").out
    assert dropped == "    2    plan january [dropped Wed 6 Jan 09:00]\n"


def test_list_grep_json_is_the_list_of_matching_items(history):
    items = history("list", "--grep", "figures", "--all", "--json", now="2027-01-07T09:00").json()
    assert [(item["id"], item["status"], item["done_at"]) for item in items] == [
        (1, "done", "2026-11-24T09:00:00+00:00"), (4, "open", None)]  # fmt: skip
    assert history("list", "--grep", "nothing like it", "--json").json() == []


def test_list_grep_combines_with_the_other_filters(history):
    assert [item["id"] for item in history("list", "--grep", "figures", "--all", "--person", "dana",
                                           "--json").json()] == [1]  # fmt: skip
    assert [item["id"] for item in history("list", "--grep", "dana", "--done", "--json").json()] == [1]


def test_list_grep_finding_nothing_says_so_like_an_empty_list_and_where_else_to_look(history):
    result = history("list", "--grep", "venue q3")
    assert (result.code, result.err) == (0, "")
    assert result.out == 'Nothing matches "venue q3"; --all searches done, dropped and archived items too.\n'
    assert history("list", "--grep", "zebra", "--all").out == 'Nothing matches "zebra".\n'


def test_list_grep_with_no_words_is_refused(history):
    result = history("list", "--grep", "  ")
    assert result.code == 2
    assert "argument --grep: give a word to search for" in result.err


def test_list_grep_shows_what_was_searched_for_safely(history):
    result = history("list", "--grep", "\x1b]0;pwned\x07")
    assert result.code == 0 and "\x1b" not in result.out and "\\x1b]0;pwned\\x07" in result.out


def test_list_grep_reads_the_archives_only_with_all(history, with_archive):
    (with_archive / "archive-2026-11.json").write_text("garbage")
    assert history("list", "--grep", "figures").code == 0
    result = history("list", "--grep", "figures", "--all")
    assert result.code == 3 and "archive-2026-11.json is not valid JSON" in result.err
