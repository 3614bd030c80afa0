"""The morning review: what is at risk, acted on in a few keys, with a nudge to thank people and rest.

Every change goes through the same Service as the command line. Storage runs in thread workers, one
write after another in the order the keys were pressed, so the screen never waits on the file lock.
Data is drawn as plain text with control characters escaped (tui.safe); notifications go through
`tell`, which does the same and never reads markup.

Keys have ids (`tui.keys`, rebound by the config's [keymap]); an action that can't apply to the row
under the cursor is disabled and left out of the footer (`check_action`), so an error is rare, and
one that comes says what to do here, never which command to run in a shell. When rows are marked in
the list on screen, done, move and drop act on the marked rows (not the cursor's) as one change, which
one undo takes back; they are off when any marked row is not open. The theme chosen in the
command palette is written to config.toml and used next time; the palette also shows the settings and
opens config.toml in $EDITOR, using what it says once the editor exits. Below `NARROW` columns the detail
pane is hidden until Enter opens it in the list's place.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import DataTable, Input, OptionList, TabbedContent, TabPane
from textual.worker import get_current_worker

from ictrack import environment, render
from ictrack.core.dates import describe_due
from ictrack.core.history import History, Step
from ictrack.core.model import Item
from ictrack.core.search import Found
from ictrack.core.settings import DEFAULT_THEME, Config
from ictrack.core.views import PersonRow
from ictrack.errors import BadInput, IctrackError
from ictrack.service import Overview, edit_config, open_service, save_setting
from ictrack.text import NO_DUE_DATE, SEPARATOR, mention, visible
from ictrack.tui.colours import Ink, readable_variables
from ictrack.tui.groups import grouped, matches
from ictrack.tui.keys import bind, help_rows, key_for
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.add import AddScreen
from ictrack.tui.screens.care import CareScreen
from ictrack.tui.screens.checkin import CheckinScreen
from ictrack.tui.screens.config import ConfigScreen
from ictrack.tui.screens.confirm import ConfirmUndo
from ictrack.tui.screens.drop import DropScreen
from ictrack.tui.screens.edit import EditScreen
from ictrack.tui.screens.help import HelpScreen
from ictrack.tui.screens.move import MoveScreen
from ictrack.tui.screens.person import PersonScreen
from ictrack.tui.screens.search import SearchScreen
from ictrack.tui.screens.snooze import SnoozeScreen
from ictrack.tui.screens.thank import ThankScreen
from ictrack.tui.widgets.detail import ItemDetail
from ictrack.tui.widgets.footer import FittedFooter
from ictrack.tui.widgets.item_list import ItemList, item_row, thanks_row
from ictrack.tui.widgets.people import PeopleTable
from ictrack.tui.widgets.status import StatusLine
from ictrack.tui.widgets.undo import UndoLine
from ictrack.tui.widgets.week import WeekPanel
from ictrack.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ictrack.core.model import Risk

VIEWS = {"commitments": "Commitments", "asks": "Waiting on others", "thanks": "Thanks owed", "people": "People",
         "week": "Week"}  # fmt: skip
ITEM_VIEWS = ("commitments", "asks", "thanks")
POLL_SECONDS = 0.5  # another process's write shows within a second
NARROW = 100  # columns: below this the detail pane is hidden until Enter opens it

# (binding id, action, footer label, command palette title, command palette help)
ACTIONS = [
    ("add", "add", "Add", "Add a promise", "Quick add a commitment, an ask or help received"),
    ("done", "done", "Done", "Mark done", "Mark the selected item delivered or received (undo takes it back)"),
    ("move", "move", "Move", "Move the due date", "Renegotiate the selected item's due date, with a reason"),
    ("drop", "drop", "Drop", "Drop", "Drop the selected item, with a reason"),
    ("edit", "edit", "Edit", "Edit", "Change the selected item's title, person, due date, tags, note or kind"),
    ("thank", "thank", "Thank", "Say thank you", "Record a thank-you for the selected ask or help"),
    ("checkin", "checkin", "Check in", "Check in", "Record a check-in with the selected person"),
    ("copy_draft", "copy_draft", "Copy", "Copy draft", "Copy the selected item's thank-you or nudge to the clipboard"),
    ("snooze", "snooze", "Snooze", "Snooze", "Keep the selected item out of the review and the counts until a day"),
    ("care", "care", "Care", "Care check", "Today's care check: what you did for yourself, and your energy"),
    ("week", "view('week')", "Week", "Week view", "This week's figures and the on-time trend"),
    ("search", "search", "Search", "Search", "Search every item's title, note, person and tags, archived ones too"),
    ("filter", "filter", "Filter", "Filter", "Filter by @person, #tag or words"),
    ("undo", "undo", "Undo", "Undo", "Undo the last change; one this session did not make asks first"),
    ("redo", "redo", "Redo", "Redo", "Put back what the last undo took back"),
    ("help", "help", "Help", "Help", "Every key, and how quick add reads a line"),
    ("quit", "leave", "Quit", "Quit", "Leave ictrack (waits for changes to be saved)"),
]
NEEDS_DASHBOARD = {"add", "done", "move", "drop", "edit", "thank", "care", "checkin", "copy_draft", "view", "filter",
                   "search", "undo", "redo", "help", "open", "mark", "mark_range", "back_out", "leave",
                   "snooze"}  # fmt: skip
ON_A_ROW = {"done", "move", "drop", "edit", "thank", "checkin", "copy_draft", "open", "mark", "mark_range", "snooze"}
ON_THE_MARKED = {"done", "move", "drop"}  # with rows marked, these act on all of them instead of the cursor's
# keys left out of the footer: the details and the undo line name them, and help lists snooze
UNLISTED = {"copy_draft", "redo", "snooze"}
NUDGE_SECONDS = 60  # how often the open review asks what `remind` would say (one read of the data file)
NUDGES_SHOWN = 5  # notifications at once; the lists show the rest


class IctrackApp(App):
    """The TUI for one data folder and config; `clock` pins the time (tests), else it is live."""

    CSS_PATH = "app.tcss"
    TITLE = "ictrack"
    AUTO_FOCUS = None  # the list takes focus once loaded; the hidden filter box must not
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    BINDINGS = [
        *(bind(binding, action, label, show=action not in UNLISTED) for binding, action, label, _, _ in ACTIONS),
        *(bind(view, f"view('{view}')") for view in ("commitments", "asks", "thanks", "people")),
        bind("back", "back_out"),
    ]  # fmt: skip

    def __init__(self, home: Path, config: Config, clock: Callable[[], datetime] | None = None, *,
                 lock_timeout: float | None = None, config_file: Path | None = None) -> None:  # fmt: skip
        """`config_file` is where a theme chosen in the palette is saved; without one it is kept for the session."""
        super().__init__()
        self.service = open_service(home, config, clock, lock_timeout=lock_timeout, running=True)
        self.config_file = config_file
        self._check_theme(config)
        if config.theme is not None:
            self.theme = config.theme
        self.saved_theme = self.theme
        self.set_keymap(config.keymap)
        self.started = self.service.clock()  # a change made since, not by this session, is another process's
        self.overview: Overview | None = None
        self.history: History | None = None
        self.weeks: tuple | None = None
        self.filter_text = ""
        self._stamp: tuple[int, int, int] | None = None
        self._last_write: threading.Event | None = None
        self._nudged = False
        self._select_after: int | None = None
        self._searchable: tuple[tuple[int, int, int] | None, Found] | None = None  # (the data's stamp, what it held)

    def _check_theme(self, config: Config) -> None:
        """BadInput, naming the themes there are, for a config whose theme is not one of them."""
        if config.theme is not None and config.theme not in self.available_themes:
            where = self.config_file or "the config"
            raise BadInput(f'bad value for "theme" in {where}: {config.theme!r}; expected one of '
                           f"{', '.join(sorted(self.available_themes))}.")  # fmt: skip

    # -- colours -------------------------------------------------------------

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and ictrack's colours (`tui.colours`) made readable on it."""
        variables = super().get_css_variables()
        self.theme_variables = {**variables, **readable_variables(self.current_theme, variables)}
        return self.theme_variables

    @property
    def ink(self) -> Ink:
        return Ink(self.theme_variables)

    def _theme_changed(self, theme: Theme) -> None:
        """Redraw in the new colours; a theme chosen in the palette is saved for next time."""
        if self.overview is not None and self.history is not None:
            self._show(self.overview, self.history, self.weeks, None)
        if theme.name == self.saved_theme or self.config_file is None:
            return
        self.saved_theme = theme.name
        self._save_theme(self.config_file, theme.name)

    @work(thread=True, group="write")
    def _save_theme(self, path: Path, name: str) -> None:
        try:
            written = save_setting(path, "theme", name)
        except IctrackError as error:
            self.call_from_thread(self.tell, f"The theme is in use, but not saved for next time: {error}",
                                  severity="warning", timeout=10)  # fmt: skip
            return
        self.call_from_thread(self.tell, f"Theme {name} saved in {written}; it is used next time too.")

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine("Loading…", id="status")
        yield Welcome({binding: key_for(self, binding) for binding in ("add", "care", "help")}, id="welcome")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                clears = f"{key_for(self, 'back')} clears"
                yield PlainInput(placeholder=SEPARATOR.join(("filter: @person #tag words", clears)), id="filter")
                with TabbedContent(id="views"):
                    for view, name in VIEWS.items():
                        with TabPane(name, id=view):
                            if view == "people":
                                yield PeopleTable(id="people-list")
                            elif view == "week":
                                yield WeekPanel(id="week-panel")
                            else:
                                yield ItemList(id=f"{view}-list")
            yield ItemDetail(id="detail")
        yield UndoLine(id="undo-line")
        yield FittedFooter(compact=True)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.refresh_data()
        self.set_interval(POLL_SECONDS, self._poll)
        self.set_interval(NUDGE_SECONDS, self.remind)

    # -- reading -------------------------------------------------------------

    def refresh_data(self) -> None:
        self._stamp = self.service.data_stamp()
        self.load()

    def _poll(self) -> None:
        """Another process (a shell alias) may have written: a stat is cheap, a reload only if it changed."""
        if self.service.data_stamp() != self._stamp:
            self.refresh_data()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        worker = get_current_worker()
        view = self.active_view
        try:
            overview = self.service.overview()
            history = self.service.history()
            # these two read the archives too, so only while they are on screen
            weeks = self.service.weeks() if view == "week" else None
            people = self.service.people() if view == "people" else None
        except IctrackError as error:
            self.call_from_thread(self._failed, error)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._show, overview, history, weeks, people)

    @work(thread=True, exclusive=True, group="remind")
    def remind(self) -> None:
        """What `ictrack remind` would say now, said here instead, and recorded so that it is said only once."""
        try:
            with self.service.reminding() as nudges:
                if nudges:
                    self.call_from_thread(self._nudge, nudges)
        except IctrackError:
            return  # another run holds the record, or the data can't be read: the status line says the latter

    def _nudge(self, nudges: list) -> None:
        now, shown = self.service.clock(), nudges[:NUDGES_SHOWN]
        for nudge in shown:
            heading, what = render.nudge_text(nudge, now)
            grave = nudge.reason in ("overdue", "at-risk")
            self.tell(what, title=heading, severity="warning" if grave else "information", timeout=15)
        if len(nudges) > len(shown):
            self.tell(f"and {len(nudges) - len(shown)} more in the lists", timeout=15)

    def _failed(self, error: IctrackError) -> None:
        self.query_one(StatusLine).say(plain(f"Can't read the data: {error}"))
        self.tell(str(error), title="Can't read the data", severity="error", timeout=30)

    def _show(self, overview: Overview, history: History, weeks, people: list[PersonRow] | None) -> None:
        first = self.overview is None
        if people is not None:
            overview.people = people  # with the archives: on-time rates over all the history
        self.overview, self.history = overview, history
        ink = self.ink
        self.query_one(UndoLine).show(
            history, self.service.origin, overview.now, (key_for(self, "undo"), key_for(self, "redo"))
        )
        self.query_one(Welcome).display = overview.empty
        self.query_one("#main").display = not overview.empty
        self.query_one(StatusLine).show(overview, ink, key_for(self, "care"))
        self._show_lists()
        self.query_one(PeopleTable).show(overview.people, overview.now, ink)
        if weeks is not None:
            self.weeks = weeks
            this, rates = weeks
            self.query_one(WeekPanel).show(this, rates, ink)
        self._show_detail()
        if overview.empty or self.screen is not self.screen_stack[0]:
            return
        if self.focused is None:
            self._focus_view()
        if first and self.service.config.care_prompt and overview.care is None and not self._nudged:
            self._nudged = True  # once a session: skipping it is a fair answer
            self.action_care()

    def _show_lists(self) -> None:
        overview = self.overview
        if overview is None:
            return
        now, risks, ink = overview.now, overview.risks, self.ink
        chosen = [item for item in overview.items.values() if matches(item, self.filter_text)]
        for kind, view in (("commitment", "commitments"), ("ask", "asks")):
            mine = [item for item in chosen if item.is_open and item.kind == kind]
            rows = [(name, [(item, item_row(item, risks[item.id], now, ink)) for item in items])
                    for name, items in grouped(mine, risks, now)]  # fmt: skip
            self.query_one(f"#{view}-list", ItemList).show(rows, self._empty(view))
        owed = [item for item, _ in overview.thanks if matches(item, self.filter_text)]
        thank_rows = [(None, [(item, thanks_row(item, now, ink)) for item in owed])]
        self.query_one("#thanks-list", ItemList).show(thank_rows, self._empty("thanks"))
        if self._select_after is not None:
            self._reveal(self._select_after)
            self._select_after = None

    def _reveal(self, item_id: int) -> None:
        """Show a just-added item in its view, selected."""
        item = self.overview.items.get(item_id) if self.overview else None
        if item is None or (item.kind == "help" and not item.owes_thanks):
            return
        view = {"commitment": "commitments", "ask": "asks", "help": "thanks"}[item.kind]
        self.query_one(TabbedContent).active = view
        self.query_one(f"#{view}-list", ItemList).select_id(item_id)

    # -- selection -----------------------------------------------------------

    @property
    def active_view(self) -> str:
        return self.query_one(TabbedContent).active or "commitments"

    def _item_list(self) -> ItemList | None:
        view = self.active_view
        return self.query_one(f"#{view}-list", ItemList) if view in ITEM_VIEWS else None

    @property
    def selected_item(self) -> Item | None:
        item_list = self._item_list()
        if item_list is None or self.overview is None or item_list.selected_id is None:
            return None
        return self.overview.items.get(item_list.selected_id)

    @property
    def selected_handle(self) -> str | None:
        """The person of the row under the cursor: a row of People, or an item's."""
        if self.active_view == "people":
            return self.query_one(PeopleTable).selected_handle
        item = self.selected_item
        return item.person if item else None

    def _show_detail(self) -> None:
        detail, overview = self.query_one(ItemDetail), self.overview
        view = self.active_view
        self.query_one("#main").set_class(view == "week", "-week")
        if overview is None:
            return
        ink = self.ink
        if view == "people":
            handle = self.query_one(PeopleTable).selected_handle
            row = next((row for row in overview.people if row.handle == handle), None)
            if row:
                detail.show_person(row, overview.now, ink, key_for(self, "checkin"), key_for(self, "open"))
            else:
                detail.show_item(None, None, overview.now, ink)
        else:
            item = self.selected_item
            risk = overview.risks.get(item.id) if item else None
            heading, draft = self._draft_of(item) if item else ("", None)
            detail.show_item(item, risk, overview.now, ink, draft, heading)
        self.refresh_bindings()  # what applies follows the row under the cursor

    def _draft_of(self, item: Item) -> tuple[str, str | None]:
        """(a heading, the draft) for an item with words ready to send: a thank-you owed, an ask to nudge."""
        overview = self.overview
        if overview is None:
            return "", None
        copies = f"{key_for(self, 'copy_draft')} copies"
        thanks = next((draft for owed, draft in overview.thanks if owed.id == item.id), None)
        if thanks is not None:
            return f"Draft thank-you ({key_for(self, 'thank')} to send, {copies})", thanks
        if item.id in overview.nudges:
            return f"Nudge to send ({copies})", overview.nudges[item.id]
        return "", None

    @on(OptionList.OptionHighlighted)
    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#people-list")
    def _clicked_person(self, event: DataTable.RowSelected) -> None:
        """A click on the person under the cursor opens their page, as Enter does."""
        if event.row_key.value is not None and self.screen is self.screen_stack[0]:
            self._open_person(event.row_key.value)

    def _open_person(self, handle: str) -> None:
        """Someone's page, the agenda for a 1:1, read in a worker (it reads the archives too)."""
        checkin = key_for(self, "checkin")
        self.submit(lambda: self.service.person(handle),
                    lambda view: self.push_screen(PersonScreen(view, self.service.clock(), checkin)),
                    changes=False)  # fmt: skip

    @on(TabbedContent.TabActivated)
    def _view_changed(self) -> None:
        self._close_detail()
        self._show_detail()
        self._marks_changed()  # each list has its own marks
        if self.active_view in ("week", "people"):
            self.load()

    def _close_detail(self) -> bool:
        """Close the opened detail pane; whether it was open."""
        main, detail = self.query_one("#main"), self.query_one(ItemDetail)
        was_open = main.has_class("-open") or self.focused is detail
        main.remove_class("-open")
        return was_open

    def _focus_view(self) -> None:
        view = self.active_view
        if view == "week":
            self.query_one(WeekPanel).focus()
        elif view == "people":
            self.query_one(PeopleTable).focus()
        else:
            self.query_one(f"#{view}-list", ItemList).focus()

    # -- writing -------------------------------------------------------------

    def submit(self, job: Callable, then: Callable | None = None, *, changes: bool = True,
               refused: Callable[[IctrackError], None] | None = None) -> None:  # fmt: skip
        """Run `job` in a worker after every job submitted before it; `then(result)` back on the UI, or
        `refused(error)` if it raised one of ictrack's errors (by default a notification says why)."""
        previous, finished = self._last_write, threading.Event()
        self._last_write = finished
        self._run(job, then, previous, finished, changes, refused)

    @work(thread=True, group="write")
    def _run(self, job, then, previous: threading.Event | None, finished: threading.Event, changes: bool,
             refused: Callable[[IctrackError], None] | None) -> None:  # fmt: skip
        try:
            if previous is not None:
                previous.wait()
            try:
                result = job()
            except IctrackError as error:
                if refused is not None:
                    self.call_from_thread(refused, error)
                else:
                    self.call_from_thread(self.tell, self.in_the_review(str(error)), title="Nothing changed",
                                          severity="error")  # fmt: skip
                return
            if then is not None:
                self.call_from_thread(then, result)
            if changes:
                self.call_from_thread(self.refresh_data)
        finally:
            finished.set()

    @property
    def busy(self) -> bool:
        """Whether a read or a write is still under way (tests wait on this)."""
        working = any(worker.group in ("load", "write", "draft", "search") and not worker.is_finished
                      for worker in self.workers)  # fmt: skip
        return working or any(getattr(screen, "pending", False) for screen in self.screen_stack)

    def tell(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification that shows data safely: control characters escaped, brackets never read as markup."""
        self.notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def _say(self, message: str) -> Callable:
        return lambda _result: self.tell(message)

    def in_the_review(self, message: str) -> str:
        """An error's message with its advice for the shell (`ictrack undo` …) put as the key to press here."""
        keys = {name: key_for(self, name) for name in ("undo", "done")}
        for shell, here in SHELL_ADVICE:
            message = re.sub(shell, here.format(**keys), message)
        return message

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys act on the dashboard only, not behind an open dialog, and only where they apply (else hidden)."""
        if action in NEEDS_DASHBOARD and self.screen is not self.screen_stack[0]:
            return False
        return self.applies(action)

    def applies(self, action: str) -> bool:
        """Whether `action` can act on what is on screen: `done` on an open item, `thank` where thanks are owed."""
        overview, view = self.overview, self.active_view
        if action == "filter":
            return view in ITEM_VIEWS
        if action == "redo":  # the history read last may be behind a change still being written or read
            return self.history is None or self.busy or self.history.next_redo is not None
        if action not in ON_A_ROW:
            return True
        if overview is None or overview.empty:
            return False
        if action == "checkin":
            return bool(self.selected_handle)
        if action == "open":
            return self.selected_handle is not None if view == "people" else self.selected_item is not None
        if action in ON_THE_MARKED and (marked := self._marked_ids()):
            return all(item_id in overview.items and overview.items[item_id].is_open for item_id in marked)
        item = self.selected_item
        if item is None:
            return False
        if action in ON_THE_MARKED:
            return item.is_open
        if action == "snooze":
            return item.is_open and item.kind != "help"
        if action == "thank":
            return item.owes_thanks
        if action == "copy_draft":
            return self._draft_of(item)[1] is not None
        return True  # edit, mark, mark_range

    def _need_item(self) -> Item | None:
        item = self.selected_item
        if item is None:
            keys = (key_for(self, "up"), key_for(self, "down"), key_for(self, "add"))
            self.tell("Move to an item first ({}/{}), or press {} to add one.".format(*keys), severity="warning")
        return item

    def action_open(self) -> None:
        """Open the row: a person's page; an item's details, which take the focus beside the list (to scroll),
        or the list's place on a narrow screen."""
        if self.active_view == "people":
            if handle := self.selected_handle:
                self._open_person(handle)
            return
        self.query_one("#main").add_class("-open")
        self._show_detail()
        self.query_one(ItemDetail).focus()

    def action_mark(self) -> None:
        if (item_list := self._item_list()) is not None:
            item_list.toggle_mark()

    def action_mark_range(self, step: int) -> None:
        if (item_list := self._item_list()) is not None:
            item_list.mark_range(step)

    @on(ItemList.MarksChanged)
    def _marks_changed(self) -> None:
        """The footer counts the marks in the list on screen; what applies may change with them."""
        self.query_one(FittedFooter).marked = len(self._marked_ids())
        self.refresh_bindings()

    def _marked_ids(self) -> set[int]:
        item_list = self._item_list()
        return item_list.marked if item_list is not None else set()

    def marked_items(self, view: str | None = None) -> list[Item]:
        """The items marked with space in `view` (the one on screen by default), in the list's order."""
        view = view or self.active_view
        if view not in ITEM_VIEWS or self.overview is None:
            return []
        item_list = self.query_one(f"#{view}-list", ItemList)
        ids = [int(option.id) for option in item_list.options if option.id and int(option.id) in item_list.marked]
        return [self.overview.items[item_id] for item_id in ids if item_id in self.overview.items]

    def action_back_out(self) -> None:
        """Back out one step: close the opened details (they cover the list on a narrow screen), else clear the
        marks, else the filter."""
        if self._close_detail():
            self._focus_view()
            return
        item_list = self._item_list()
        if item_list is not None and item_list.marked:
            item_list.clear_marks()
            return
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self._focus_view()

    def action_add(self) -> None:
        kind = "ask" if self.active_view == "asks" else "commitment"

        def added(result: tuple[Item, object]) -> None:
            item = result[0]
            self._select_after = item.id
            self.tell(render.added(item, self.service.clock()).strip())

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.submit(lambda: self.service.add(*answer), added)

        known = [row.handle for row in self.overview.people] if self.overview else []
        self.push_screen(AddScreen(self.service, kind, known), chosen)

    def _rows_to_act_on(self) -> list[Item]:
        """The rows marked in the list on screen, else the row under the cursor; none (and a note) if neither."""
        if marked := self.marked_items():
            return marked
        item = self._need_item()
        return [item] if item is not None else []

    def action_done(self) -> None:
        if items := self._rows_to_act_on():
            ids = [item.id for item in items]
            self.submit(lambda: self.service.done(ids), lambda closed: self._acted_on(ids, self._said_closed(closed)))

    def action_move(self) -> None:
        items = self._rows_to_act_on()
        if not items:
            return
        ids = [item.id for item in items]

        def chosen(answer: tuple[str, str | None] | None) -> None:
            if answer is None:
                return
            if len(ids) == 1:
                self.submit(lambda: self.service.move(ids[0], *answer), lambda result: self._moved_one(ids, *result))
            else:
                self.submit(lambda: self.service.move_many(ids, *answer), lambda moved: self._moved(ids, moved))

        self.push_screen(MoveScreen(self.service, items), chosen)

    def action_drop(self) -> None:
        items = self._rows_to_act_on()
        if not items:
            return
        ids = [item.id for item in items]

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.submit(lambda: self.service.drop(ids, reason or None),
                            lambda closed: self._acted_on(ids, self._said_closed(closed)))  # fmt: skip

        self.push_screen(DropScreen(items, key_for(self, "undo")), chosen)

    def _acted_on(self, ids: list[int], said: str, warning: str | None = None) -> None:
        """After done, move or drop: the marks of the rows changed go (a moved row stays in the list), and the
        change is said, with the key that undoes it."""
        for view in ITEM_VIEWS:
            self.query_one(f"#{view}-list", ItemList).unmark(set(ids))
        undo = key_for(self, "undo")
        self.tell(f"{said}{SEPARATOR}{undo} undoes" + (f" all {len(ids)}" if len(ids) > 1 else ""))
        if warning is not None:
            self.tell(warning, severity="warning")

    def _said_closed(self, closed: list[tuple[Item, Item | None]]) -> str:
        """`Done 12: send figures — on time` for one; `Marked 3 done: 12, 14, 15` for several, and the next
        occurrences that repeats among them made."""
        if len(closed) == 1:
            one, made = closed[0]
            return render.closed(one, self.service.clock(), made).strip()
        items = [item for item, _ in closed]
        dropped = items[0].status == "dropped"
        said = f"{'Dropped' if dropped else 'Marked'} {len(items)}{'' if dropped else ' done'}: {listed(items)}"
        if following := [next_one for _, next_one in closed if next_one is not None]:
            said += f"; next occurrences: {listed(following)}"
        return said

    def _moved_one(self, ids: list[int], item: Item, risk: Risk) -> None:
        """`Moved 12: send figures, now due …`; a move after the date keeps the miss on record; a warning says so."""
        now = self.service.clock()
        self._acted_on(ids, render.moved(item, risk, now).strip(), render.move_warning(item, now))

    def _moved(self, ids: list[int], moved: list[Item]) -> None:
        """`Moved 3 to Fri 27 Nov 17:00: 12, 14, 15`; the ones moved after a date they missed are named in a warning."""
        now = self.service.clock()
        due = moved[0].due
        said = f"Moved {len(moved)} to {describe_due(due, now) if due else NO_DUE_DATE}: {listed(moved)}"
        late = [item for item in moved if item.missed is not None]
        warning = (f"Moved after a date already missed, so the miss stays on record and delivery counts as late: "
                   f"{listed(late)}.") if late else None  # fmt: skip
        self._acted_on(ids, said, warning)

    def action_snooze(self) -> None:
        if item := self._need_item():

            def chosen(when: str | None) -> None:
                if when is not None:
                    self.submit(lambda: self.service.snooze(item.id, when), self._snoozed)

            self.push_screen(SnoozeScreen(self.service, item), chosen)

    def _snoozed(self, result: tuple[Item, Risk]) -> None:
        now = self.service.clock()
        self.tell(render.snoozed(result[0], now).strip() + f"{SEPARATOR}{key_for(self, 'undo')} undoes")
        if (warning := render.snooze_warning(result[0], now)) is not None:
            self.tell(warning, severity="warning")

    def action_edit(self) -> None:
        if item := self._need_item():
            self._edit(item)

    def _edit(self, item: Item, typed: dict | None = None, refused: IctrackError | None = None) -> None:
        """The edit dialog; a write refused after it closed opens it again with what was typed, and why."""
        dialog = EditScreen(self.service, item, typed=typed, refused=refused)

        def chosen(changes: dict | None) -> None:
            if changes:
                again = dialog.typed_values()
                self.submit(lambda: self.service.edit(item.id, **changes), self._say(f"Saved {item.id}."),
                            refused=lambda error: self._edit(item, again, error))  # fmt: skip
            elif changes is not None:
                self.tell("Nothing changed.")

        self.push_screen(dialog, chosen)

    def action_thank(self) -> None:
        if item := self._need_item():

            def chosen(note: str | None) -> None:
                if note is not None:
                    self.submit(lambda: self.service.thank(item.id, note),
                                self._say(f"Thanked @{item.person or 'them'} for {item.title}."))  # fmt: skip

            # the draft is read in a worker: the service also checks the item can be thanked
            self.submit(lambda: self.service.thank_draft(item.id),
                        lambda draft: self.push_screen(ThankScreen(item, draft), chosen), changes=False)  # fmt: skip

    def action_care(self) -> None:
        overview = self.overview
        today, streak = (overview.care, overview.streak) if overview else (None, 0)
        asked = self.service.care_questions()  # what fits the time of day: no lunch question before lunch

        def chosen(answer: tuple[list[str], int | None, str] | None) -> None:
            if answer is not None:
                done, energy, note = answer
                self.submit(lambda: self.service.care(done=done, energy=energy, note=note, replace_done=True,
                                                      asked=asked),
                            lambda result: self.tell(render.care_line(*result).strip()))  # fmt: skip

        self.push_screen(CareScreen(asked, today, streak), chosen)

    def action_checkin(self) -> None:
        handle = self.selected_handle
        if not handle:
            self.tell(f"This row names nobody; pick someone in People ({key_for(self, 'people')}).",
                      severity="warning")  # fmt: skip
            return

        def chosen(answer: tuple[int | None, str] | None) -> None:
            if answer is not None:
                self.submit(
                    lambda: self.service.checkin(handle, *answer), self._say(f"Checked in with {mention(handle)}.")
                )

        self.push_screen(CheckinScreen(handle), chosen)

    def action_copy_draft(self) -> None:
        item = self._need_item()
        if item is None:
            return
        _, draft = self._draft_of(item)
        if draft is None:
            self.tell("Nothing to send for this one: drafts are for thanks owed and asks to follow up.",
                      severity="warning")  # fmt: skip
            return
        self.copy_text(draft)

    def copy_text(self, text: str) -> None:
        """Put text on the clipboard through the terminal (OSC 52, over ssh too), control characters escaped."""
        self.copy_to_clipboard(visible(text, newlines=True))
        self.tell("Copied to the clipboard (OSC 52); paste it where you talk to them.")

    def action_undo(self) -> None:
        """Undo the last change: at once if this session made it, after a yes if it is older or another process's.
        The change is read after every write asked for before, and is undone only if it is still the last."""
        self.submit(self.service.history, self._undo_asked, changes=False)

    def _undo_asked(self, history: History) -> None:
        step = history.next_undo
        if step is None:
            self.tell("Nothing to undo.")
            return
        if self.service.origin is not None and step.made_by(self.service.origin):
            self._undo(step)
            return
        elsewhere = step.at is not None and step.at >= self.started

        def answered(yes: bool | None) -> None:
            if yes:
                self._undo(step)
            else:
                self.tell("Nothing was undone.")

        here = self.service.origin.host if self.service.origin else None
        self.push_screen(ConfirmUndo(step, elsewhere, self.service.clock(), here), answered)

    def _undo(self, step: Step) -> None:
        self.submit(lambda: self.service.undo(expect=step), lambda summary: self.tell(f"Undid: {summary}"))

    def action_redo(self) -> None:
        self.submit(self.service.redo, lambda summary: self.tell(f"Redid: {summary}"))

    def action_view(self, view: str) -> None:
        self._close_detail()
        self.query_one(TabbedContent).active = view
        self._focus_view()

    def action_search(self) -> None:
        self.push_screen(SearchScreen(self.searchable, lambda: self.ink))

    def searchable(self) -> Found:
        """Every item, archived ones too, ready to search (in a worker): read again only once the data changed."""
        stamp, kept = self.service.data_stamp(), self._searchable
        if kept is not None and stamp is not None and kept[0] == stamp:
            return kept[1]
        found = self.service.search("", include_closed=True)
        self._searchable = (stamp, found)
        return found

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._show_lists()
        self._show_detail()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self._focus_view()

    def action_help(self) -> None:
        keys = {
            binding: key_for(self, binding)
            for binding in ("undo", "redo", "mark", "mark_down", "mark_up", "done", "move", "drop", "back", "search")
        }
        self.push_screen(HelpScreen(help_rows(self), keys))

    def action_screenshot_here(self) -> None:
        """Save an SVG of the screen in the data folder's screenshots/ (private, like the data), and say where."""
        folder = self.service.store.home / "screenshots"
        try:
            folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
            path = self.save_screenshot(path=str(folder))
        except OSError as error:
            self.tell(f"Can't save the screenshot in {folder}: {error.strerror or error}.", severity="error")
            return
        self.tell(f"Saved the screenshot to {path}", title="Screenshot")

    async def action_leave(self) -> None:
        """q on the dashboard; ctrl+q, anywhere, is Textual's quit, which does the same."""
        await self.action_quit()

    async def action_quit(self) -> None:
        """Leave once every change asked for has been saved."""
        await self.workers.wait_for_complete([worker for worker in self.workers if worker.group == "write"])
        self.exit()

    def action_show_config(self) -> None:
        """Where config.toml is and the settings it gives, read in a worker; this session's own without a file."""
        path = self.config_file
        if path is None:
            self.push_screen(ConfigScreen(None, self.service.config, None))
            return
        self.submit(lambda: environment.read_config(path),
                    lambda read: self.push_screen(ConfigScreen(path, *read)), changes=False,
                    refused=lambda error: self.tell(str(error), title="Can't show the configuration",
                                                    severity="error", timeout=15))  # fmt: skip

    def action_edit_config(self) -> None:
        """Hand the terminal to $EDITOR on config.toml (the template first if there is none); then use what it
        says, checked as at start, or keep the settings in use and say what is wrong."""
        path, editor = self.config_file, environment.editor()
        if path is None:
            self.tell("This session has no config file to edit.", severity="warning")
            return
        if editor is None:
            self.tell(f"No editor is set: set $EDITOR (or $VISUAL) before starting ictrack, or edit {path} yourself.",
                      severity="error", timeout=15)  # fmt: skip
            return
        try:
            with self.suspend():
                config, _, created = edit_config(path, editor)
            self._check_theme(config)
        except SuspendNotSupported:
            self.tell(f"This terminal can't be handed to an editor; edit {path} yourself.", severity="error")
            return
        except IctrackError as error:
            self.tell(f"The settings in use are unchanged: {error}", severity="error", timeout=15)
            return
        self.service.config = config
        self.set_keymap(config.keymap)
        self.saved_theme = config.theme or DEFAULT_THEME  # read from the file: nothing to write back
        self.theme = self.saved_theme
        self.refresh_data()
        done = f"Wrote the template to {path}" if created else f"Read {path} again"
        self.tell(f"{done}; its settings are in use now.", title="Configuration")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's (its screenshot replaced by one saved where it can be), then what applies of ictrack's."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand("Screenshot", "Save an SVG of the screen in the data folder's screenshots/",
                            lambda: self.set_timer(0.1, self.action_screenshot_here))  # fmt: skip
        for _binding, action, _label, title, help_text in ACTIONS:
            if not action.startswith("view") and action != "leave" and self.applies(action):  # views: below
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        for view, name in VIEWS.items():
            yield SystemCommand(f"Show {name}", f"Switch to the {name} view", lambda view=view: self.action_view(view))
        yield SystemCommand("Show configuration", "Where config.toml is, and every setting in effect",
                            self.action_show_config)  # fmt: skip
        yield SystemCommand("Edit configuration", "Open config.toml in $EDITOR, then use what it says",
                            self.action_edit_config)  # fmt: skip

    def _empty(self, view: str) -> str:
        if self.filter_text.strip():
            return f'Nothing matches "{visible(self.filter_text.strip())}". {key_for(self, "back")} clears the filter.'
        add = key_for(self, "add")
        return {
            "commitments": f"No open commitments. Press {add} to add one.",
            "asks": f"Nobody owes you anything right now. Press {add} here to log an ask.",
            "thanks": "No thank-yous owed. Nicely done.",
        }[view]


def listed(items: list[Item], most: int = 8) -> str:
    """`12, 14, 15` for a notification: the first `most` IDs, then how many more."""
    shown = ", ".join(str(item.id) for item in items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


# an error's advice for the shell -> what to do in the review instead (the keys as bound)
SHELL_ADVICE = [
    (r"`ictrack undo` (reverts|takes back) a change", "{undo} undoes the last change"),
    (r"use `ictrack done \d+`", "press {done} on it"),
    (r"`ictrack got \d+` first", "mark it received ({done}) first"),
    (r"; `ictrack list --all` shows every item", ""),
]
