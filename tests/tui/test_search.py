"""`/` in the review: search every item as you type, Enter on a result for its details, Escape to back out."""

from __future__ import annotations

from textual.widgets import Input

from ictrack.core.settings import Config
from ictrack.tui.app import IctrackApp
from ictrack.tui.screens.help import HelpScreen
from ictrack.tui.screens.search import SHOWN, SearchScreen
from ictrack.tui.widgets.detail import ItemDetail
from ictrack.tui.widgets.item_list import ItemList
from ictrack.tui.widgets.results import FOUND, ResultList
from tests.tui.conftest import drive, make_app, settle, text_of


def results(app) -> list[int]:
    return [int(option.id) for option in app.screen.query_one(ResultList).options if option.id]


def headings(app) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one(ResultList).options if option.disabled]


async def search(pilot, words: str) -> None:
    """Open the search if it is not open, and type `words` into its box (after what is there)."""
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    await pilot.press(*words)
    await settle(pilot)


def counting_searches(app: IctrackApp) -> list[str]:
    """Every read of the data the search makes, as the text it was asked for."""
    asked: list[str] = []
    original = app.service.search

    def counted(text, **options):
        asked.append(text)
        return original(text, **options)

    app.service.search = counted  # type: ignore[method-assign]
    return asked


def test_slash_opens_the_search_with_the_box_ready_to_type_in(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.focused is app.screen.query_one("#search-box", Input)
        assert text_of(app.screen.query_one("#search-count")).startswith("Type words to search all 12 items")
        assert results(app) == []

    drive(app, script)


def test_typing_shows_what_matches_open_ones_first_then_the_latest_closed(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await search(pilot, "dana")
        assert results(app) == [1, 5, 12, 10]  # open soonest due first; then done 23 Nov, done 10 Nov
        assert headings(app) == ["Open (2)", "Done or dropped, the latest first (2)"]
        assert text_of(app.screen.query_one("#search-count")).startswith("4 found among 12 items")
        await search(pilot, " REPORT")
        assert results(app) == [10]
        row = str(app.screen.query_one(ResultList).get_option("10").prompt)
        assert "done 10 Nov" in row and "12 Nov" in row and "@dana" in row  # its status, when, and its due day

    drive(app, script)


def test_the_words_found_are_marked_in_each_row(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await search(pilot, "dana week")
        prompt = app.screen.query_one(ResultList).get_option("10").prompt
        marked = [str(prompt)[span.start : span.end] for span in prompt.spans if span.style == FOUND]
        assert marked == ["dana", "week"]

    drive(app, script)


def test_the_data_is_read_once_when_the_search_opens_not_on_each_key(tui_home):
    app = make_app(tui_home)
    asked = counting_searches(app)

    async def script(pilot):
        await search(pilot, "the bank")
        assert results(app) == [3]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert results(app) == [3, 2, 4, 7, 5, 6, 9, 8]  # "the": open soonest due first, then the latest closed
        assert asked == [""]
        await pilot.press("escape", "slash")  # nothing changed since: what was read is searched again
        await settle(pilot)
        assert asked == [""]

    drive(app, script)


def test_a_change_since_the_last_search_is_read_on_the_next(tui_home, cli):
    app = make_app(tui_home)
    asked = counting_searches(app)

    async def script(pilot):
        await search(pilot, "venue")
        assert results(app) == []
        await pilot.press("escape")
        assert cli("add", "@kim book the venue by fri", now="2026-11-25T14:00").code == 0
        await search(pilot, "venue")
        assert results(app) == [13] and len(asked) == 2

    drive(app, script)


def test_an_archived_item_is_found_with_its_status(with_archive, monkeypatch):
    monkeypatch.setenv("ICTRACK_NOW", "2027-01-06T09:00")
    app = IctrackApp(with_archive, Config(care_prompt=False))

    async def script(pilot):
        await search(pilot, "q3")
        assert results(app) == [1]
        row = str(app.screen.query_one(ResultList).get_option("1").prompt)
        assert "done 24 Nov 2026" in row and "27 Nov 2026" in row

    drive(app, script)


def test_enter_goes_to_the_results_and_enter_again_opens_the_details_beside_them(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await search(pilot, "dana")
        await pilot.press("enter")
        result_list = app.screen.query_one(ResultList)
        assert app.focused is result_list and result_list.selected_id == 1
        await pilot.press("j", "j", "enter")
        detail = app.screen.query_one(ItemDetail)
        assert app.focused is detail and result_list.display
        shown = text_of(detail)
        assert shown.startswith("12  expenses") and "delivered" in shown
        await pilot.press("escape")
        assert app.focused is result_list and isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert len(app.screen_stack) == 1 and isinstance(app.focused, ItemList)

    drive(app, script)


def test_on_a_narrow_screen_the_details_take_the_results_place_until_escape(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.resize_terminal(80, 24)
        await search(pilot, "bank")
        detail, left = app.screen.query_one(ItemDetail), app.screen.query_one("#search-left")
        assert not detail.display and left.display
        await pilot.press("down", "enter")
        assert detail.display and not left.display and "call the bank" in text_of(detail)
        await pilot.press("escape")
        assert not detail.display and left.display
        await pilot.press("slash", *"rota")  # back to the box, its words selected: typing replaces them
        await settle(pilot)
        assert app.screen.query_one("#search-box", Input).value == "rota" and results(app) == [4]
        await pilot.press("end", *" sam")  # or, after a move to the end, adds to them
        await settle(pilot)
        assert app.screen.query_one("#search-box", Input).value == "rota sam" and results(app) == [4]

    drive(app, script)


def test_escape_from_the_box_leaves_the_search_and_the_dashboard_as_it_was(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("j")
        await search(pilot, "lee")
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        assert app.query_one("#commitments-list", ItemList).selected_id == 2

    drive(app, script)


def test_a_search_finding_too_much_shows_the_first_rows_and_says_so(tui_home, cli):
    for n in range(SHOWN + 5):
        assert cli("add", f"tidy shelf {n}").code == 0
    app = make_app(tui_home)

    async def script(pilot):
        await search(pilot, "shelf")
        assert len(results(app)) == SHOWN
        count = text_of(app.screen.query_one("#search-count"))
        assert count.startswith(f"{SHOWN + 5} found among {SHOWN + 17} items; the first {SHOWN} shown")

    drive(app, script)


def test_nothing_found_says_what_was_searched_for(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await search(pilot, "zebra")
        assert results(app) == []
        assert text_of(app.screen.query_one("#search-count")).startswith('Nothing matches "zebra" among 12 items')

    drive(app, script)


def test_the_search_key_is_in_the_help_and_a_keymap_rebinds_it(tui_home):
    app = make_app(tui_home, keymap={"search": "s"})

    async def script(pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(text_of(static) for static in app.screen.query("#keys > Static"))
        line = next(line for line in shown.splitlines() if "search every item" in line)
        assert line.split()[0] == "s"
        await pilot.press("escape", "slash")
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        footer = {key.key_display: key.description for key in app.screen.query("FooterKey")}
        assert footer.get("s") == "Search" and footer.get("esc") == "Back"

    drive(app, script)


def test_a_search_closed_while_it_is_still_reading_leaves_nothing_behind(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1 and app.return_code is None
        closed = SearchScreen(app.searchable, lambda: app.ink)
        closed._read(app.searchable())  # what a read that finishes after Escape does: keeps it, draws nothing
        assert closed.found is not None

    drive(app, script)
