"""`/`: search every item, done, dropped and archived ones too, as you type.

Every item is read once, in a thread, when the search opens (five years of history takes a moment); each
keystroke then searches what was read (`core.search.Corpus`), after a pause in the typing. Results show
their status and dates, the open ones first; Enter opens a result's details (beside the list on a wide
terminal, in its place on a narrow one), Escape backs out: the details first, then the search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from ictrack.core.search import Found, words
from ictrack.errors import IctrackError
from ictrack.tui.keys import bind
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.widgets.detail import ItemDetail
from ictrack.tui.widgets.footer import FittedFooter
from ictrack.tui.widgets.results import ResultList, found_row, heading, widths

if TYPE_CHECKING:
    from ictrack.core.model import Item
    from ictrack.tui.colours import Ink

PAUSE = 0.15  # seconds of no typing before searching: a word typed quickly is searched once
SHOWN = 100  # rows at most: more is a query to narrow, and a list that long is slow to draw


class SearchScreen(Screen):
    """The search box, what it found, and the details of the result under the cursor.

    `load` reads every item to search (in a thread); `ink` gives the review's colours.
    """

    BINDINGS = [bind("back", "back", "Back"), bind("search", "to_box", "Search"), bind("down", "to_results")]
    DEFAULT_CSS = """
    SearchScreen #search-box { margin: 0 1; }
    SearchScreen #search-count { height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap;
                                 text-overflow: ellipsis; }
    SearchScreen #search-heading { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    SearchScreen #search-main { height: 1fr; }
    SearchScreen #search-left { width: 3fr; }
    SearchScreen #search-detail { width: 2fr; min-width: 36; }
    SearchScreen.-narrow #search-detail { display: none; }
    SearchScreen.-narrow #search-main.-open #search-left { display: none; }
    SearchScreen.-narrow #search-main.-open #search-detail { display: block; width: 1fr; border-left: none; }
    """

    def __init__(self, load: Callable[[], Found], ink: Callable[[], Ink]) -> None:
        super().__init__()
        self._load, self._ink = load, ink
        self.found: Found | None = None
        self.shown: list[Item] = []  # the results on screen, in their order
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield PlainInput(placeholder="search titles, notes, people and tags of every item, archived ones too",
                         id="search-box")  # fmt: skip
        yield Static("Reading every item…", id="search-count")
        with Horizontal(id="search-main"):
            with Vertical(id="search-left"):
                yield Static(id="search-heading")
                yield ResultList(id="search-results")
            yield ItemDetail(id="search-detail")
        yield FittedFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search-box", Input).focus()
        self.read()

    @property
    def pending(self) -> bool:
        """Whether a search is waiting for a pause in the typing (tests wait on this)."""
        return self._timer is not None

    @property
    def typed(self) -> str:
        """What is in the search box."""
        return self.query_one("#search-box", Input).value

    # -- reading and searching -----------------------------------------------

    @work(thread=True, exclusive=True, group="search")
    def read(self) -> None:
        worker = get_current_worker()
        try:
            found = self._load()
        except IctrackError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._read, found)

    def _failed(self, error: IctrackError) -> None:
        if self.is_attached:
            self.query_one("#search-count", Static).update(plain(f"Can't read the data: {error}"))

    def _read(self, found: Found) -> None:
        self.found = found
        if self.is_attached:  # Escape may have closed the search while it was reading
            self.search()

    @on(Input.Changed, "#search-box")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PAUSE, self.search)

    def search(self) -> None:
        """Show what the words in the box find (nothing for no words), open ones first, at most SHOWN."""
        self._timer = None
        found = self.found
        if found is None:
            return  # still reading: the search runs once it is read
        query = self.typed
        results = found.corpus.find(query) if words(query) else []  # open ones first: the corpus's order
        self.shown = results[:SHOWN]
        opened = sum(item.is_open for item in self.shown)
        ink, width = self._ink(), widths(self.shown, found.now)
        groups = [("Open", self.shown[:opened]), ("Done or dropped, the latest first", self.shown[opened:])]
        rows = [(name, [(item, found_row(item, found.risks[item.id], found.now, ink, query, width))
                        for item in items]) for name, items in groups if items]  # fmt: skip
        self.query_one("#search-heading", Static).update(Text(heading(width)) if self.shown else "")
        self.query_one(ResultList).show(rows, empty="")
        self.query_one("#search-count", Static).update(self._count(query, len(results), len(found.corpus)))
        self._show_detail()

    @staticmethod
    def _count(query: str, found: int, total: int) -> Text:
        """The line above the results: how many were found among how many."""
        everything = f"{total:,} item{'' if total == 1 else 's'}, archived ones too"
        if not words(query):
            return plain(f"Type words to search all {everything}.")
        if not found:
            return plain(f'Nothing matches "{query.strip()}" among {everything}.')
        if found > SHOWN:
            return plain(f"{found:,} found among {total:,} items; the first {SHOWN} shown: another word narrows them.")
        return plain(f"{found:,} found among {everything}.")

    # -- the result under the cursor -----------------------------------------

    @property
    def selected(self) -> Item | None:
        item_id = self.query_one(ResultList).selected_id
        return next((item for item in self.shown if item.id == item_id), None)

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item, found = self.selected, self.found
        if found is None:
            return
        risk = found.risks.get(item.id) if item else None
        self.query_one(ItemDetail).show_item(item, risk, found.now, self._ink())

    def action_open_result(self) -> None:
        """Enter on a result: its details, beside the list (taking the focus, so the moving keys scroll them)
        or, on a narrow terminal, in the list's place."""
        if self.selected is None:
            return
        self.query_one("#search-main").add_class("-open")
        self._show_detail()
        self.query_one(ItemDetail).focus()

    def action_to_results(self) -> None:
        if self.shown:
            self.query_one(ResultList).focus()

    @on(Input.Submitted, "#search-box")
    def _submitted(self) -> None:
        if self._timer is not None:  # Enter before the pause: search now, then go to what it found
            self._timer.stop()
            self.search()
        self.action_to_results()

    def action_to_box(self) -> None:
        self._close_detail()
        self.query_one("#search-box", Input).focus()

    def _close_detail(self) -> bool:
        main, detail = self.query_one("#search-main"), self.query_one(ItemDetail)
        was_open = main.has_class("-open") or self.focused is detail
        main.remove_class("-open")
        return was_open

    def action_back(self) -> None:
        """Back out one step: close the opened details, else leave the search."""
        if self._close_detail():
            self.query_one(ResultList).focus()
            return
        self.dismiss(None)
