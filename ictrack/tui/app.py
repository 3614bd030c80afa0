"""The morning review: what is at risk, acted on in a few keys, with a nudge to thank people and rest.

Every change goes through the same Service as the command line. Storage runs in thread workers, one
write after another in the order the keys were pressed, so the screen never waits on the file lock.
Data is drawn as plain text with control characters escaped (tui.safe); notifications go through
`tell`, which does the same and never reads markup.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, TabbedContent, TabPane
from textual.worker import get_current_worker

from ictrack import render
from ictrack.core.history import History, Step
from ictrack.core.model import Item
from ictrack.core.settings import Config
from ictrack.core.views import PersonRow
from ictrack.errors import IctrackError
from ictrack.service import Overview, open_service
from ictrack.text import SEPARATOR, mention, visible
from ictrack.tui.groups import grouped, matches
from ictrack.tui.safe import PlainInput, plain
from ictrack.tui.screens.add import AddScreen
from ictrack.tui.screens.care import CareScreen
from ictrack.tui.screens.checkin import CheckinScreen
from ictrack.tui.screens.confirm import ConfirmUndo
from ictrack.tui.screens.drop import DropScreen
from ictrack.tui.screens.edit import EditScreen
from ictrack.tui.screens.help import HelpScreen
from ictrack.tui.screens.move import MoveScreen
from ictrack.tui.screens.person import PersonScreen
from ictrack.tui.screens.thank import ThankScreen
from ictrack.tui.widgets.detail import ItemDetail
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
POLL_SECONDS = 0.5  # another process's write shows within a second

# (key, action, footer label, command palette title, command palette help)
ACTIONS = [
    ("a", "add", "Add", "Add a promise", "Quick add a commitment, an ask or help received"),
    ("d", "done", "Done", "Mark done", "Mark the selected item delivered or received (u undoes)"),
    ("m", "move", "Move", "Move the due date", "Renegotiate the selected item's due date, with a reason"),
    ("x", "drop", "Drop", "Drop", "Drop the selected item, with a reason"),
    ("e", "edit", "Edit", "Edit", "Change the selected item's title, person, due date, tags, note or kind"),
    ("t", "thank", "Thank", "Say thank you", "Record a thank-you for the selected ask or help"),
    ("c", "care", "Care", "Care check", "Today's care check: what you did for yourself, and your energy"),
    ("k", "checkin", "Check in", "Check in", "Record a check-in with the selected person"),
    ("w", "view('week')", "Week", "Week view", "This week's figures and the on-time trend"),
    ("slash", "filter", "Filter", "Filter", "Filter by @person, #tag or words"),
    ("u", "undo", "Undo", "Undo", "Undo the last change; one this session did not make asks first"),
    ("U", "redo", "Redo", "Redo", "Put back what the last undo took back"),
    ("question_mark", "help", "Help", "Help", "Every key, and how quick add reads a line"),
    ("q", "quit", "Quit", "Quit", "Leave ictrack (waits for changes to be saved)"),
]
NEEDS_DASHBOARD = {"add", "done", "move", "drop", "edit", "thank", "care", "checkin", "view", "filter", "undo",
                   "redo", "help", "clear_filter", "copy_draft"}  # fmt: skip
UNLISTED = {"redo"}  # keys left out of the footer: the undo line names them when they apply


class IctrackApp(App):
    """The TUI for one data folder and config; `clock` pins the time (tests), else it is live."""

    CSS_PATH = "app.tcss"
    TITLE = "ictrack"
    AUTO_FOCUS = None  # the list takes focus once loaded; the hidden filter box must not
    BINDINGS = [
        *(Binding(key, action, label, show=action not in UNLISTED) for key, action, label, _, _ in ACTIONS),
        *(Binding(str(number), f"view('{view}')", name, show=False) for number, (view, name) in
          enumerate(VIEWS.items(), start=1)),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("y", "copy_draft", "Copy draft", show=False),
    ]  # fmt: skip

    def __init__(self, home: Path, config: Config, clock: Callable[[], datetime] | None = None, *,
                 lock_timeout: float | None = None) -> None:  # fmt: skip
        super().__init__()
        self.service = open_service(home, config, clock, lock_timeout=lock_timeout, running=True)
        self.started = self.service.clock()  # a change made since, not by this session, is another process's
        self.overview: Overview | None = None
        self.filter_text = ""
        self._stamp: tuple[int, int, int] | None = None
        self._last_write: threading.Event | None = None
        self._nudged = False
        self._select_after: int | None = None

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine("Loading…", id="status")
        yield Welcome(id="welcome")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield PlainInput(placeholder=SEPARATOR.join(("filter: @person #tag words", "esc clears")), id="filter")
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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.set_interval(POLL_SECONDS, self._poll)

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

    def _failed(self, error: IctrackError) -> None:
        self.query_one(StatusLine).update(plain(f"Can't read the data: {error}"))
        self.tell(str(error), title="Can't read the data", severity="error", timeout=30)

    def _show(self, overview: Overview, history: History, weeks, people: list[PersonRow] | None) -> None:
        first = self.overview is None
        if people is not None:
            overview.people = people  # with the archives: on-time rates over all the history
        self.overview = overview
        self.query_one(UndoLine).show(history, self.service.origin, overview.now)
        self.query_one(Welcome).display = overview.empty
        self.query_one("#main").display = not overview.empty
        self.query_one(StatusLine).show(overview)
        self._show_lists()
        self.query_one(PeopleTable).show(overview.people, overview.now)
        if weeks is not None:
            self.query_one(WeekPanel).show(*weeks)
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
        now, risks = overview.now, overview.risks
        chosen = [item for item in overview.items.values() if matches(item, self.filter_text)]
        for kind, view in (("commitment", "commitments"), ("ask", "asks")):
            mine = [item for item in chosen if item.is_open and item.kind == kind]
            rows = [(name, [(item, item_row(item, risks[item.id], now)) for item in items])
                    for name, items in grouped(mine, risks, now)]  # fmt: skip
            self.query_one(f"#{view}-list", ItemList).show(rows, _empty(view, self.filter_text))
        owed = [item for item, _ in overview.thanks if matches(item, self.filter_text)]
        thank_rows = [(None, [(item, thanks_row(item, now)) for item in owed])]
        self.query_one("#thanks-list", ItemList).show(thank_rows, _empty("thanks", self.filter_text))
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
        return self.query_one(f"#{view}-list", ItemList) if view in ("commitments", "asks", "thanks") else None

    @property
    def selected_item(self) -> Item | None:
        item_list = self._item_list()
        if item_list is None or self.overview is None or item_list.selected_id is None:
            return None
        return self.overview.items.get(item_list.selected_id)

    def _show_detail(self) -> None:
        detail, overview = self.query_one(ItemDetail), self.overview
        view = self.active_view
        detail.display = view != "week"
        if overview is None:
            return
        if view == "people":
            handle = self.query_one(PeopleTable).selected_handle
            row = next((row for row in overview.people if row.handle == handle), None)
            if row:
                detail.show_person(row, overview.now)
            else:
                detail.show_item(None, None, overview.now)
            return
        item = self.selected_item
        risk = overview.risks.get(item.id) if item else None
        heading, draft = self._draft_of(item) if item else ("", None)
        detail.show_item(item, risk, overview.now, draft, heading)

    def _draft_of(self, item: Item) -> tuple[str, str | None]:
        """(a heading, the draft) for an item with words ready to send: a thank-you owed, an ask to nudge."""
        overview = self.overview
        if overview is None:
            return "", None
        thanks = next((draft for owed, draft in overview.thanks if owed.id == item.id), None)
        if thanks is not None:
            return "Draft thank-you (t to send, y copies)", thanks
        if item.id in overview.nudges:
            return "Nudge to send (y copies)", overview.nudges[item.id]
        return "", None

    @on(OptionList.OptionHighlighted)
    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#people-list")
    def _open_person(self, event: DataTable.RowSelected) -> None:
        """Enter on someone: their page, read in a worker (it reads the archives too)."""
        handle = event.row_key.value
        if handle is None or self.screen is not self.screen_stack[0]:
            return
        self.submit(lambda: self.service.person(handle),
                    lambda view: self.push_screen(PersonScreen(view, self.service.clock())), changes=False)  # fmt: skip

    @on(TabbedContent.TabActivated)
    def _view_changed(self) -> None:
        self._show_detail()
        if self.active_view in ("week", "people"):
            self.load()

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
                    self.call_from_thread(self.tell, str(error), title="Nothing changed", severity="error")
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
        return any(worker.group in ("load", "write", "draft") and not worker.is_finished for worker in self.workers)

    def tell(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification that shows data safely: control characters escaped, brackets never read as markup."""
        self.notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def _say(self, message: str) -> Callable:
        return lambda _result: self.tell(message)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Item keys act on the dashboard only, not behind an open dialog."""
        return action not in NEEDS_DASHBOARD or self.screen is self.screen_stack[0]

    def _need_item(self) -> Item | None:
        item = self.selected_item
        if item is None:
            self.tell("Select an item first (↑/↓), or press a to add one.", severity="warning")
        return item

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

    def action_done(self) -> None:
        if item := self._need_item():
            now = self.service.clock()
            self.submit(lambda: self.service.done([item.id]),
                        lambda closed: self.tell(render.closed(closed[0][0], now, closed[0][1]).strip()
                                                 + f"{SEPARATOR}u undoes"))  # fmt: skip

    def action_move(self) -> None:
        if item := self._need_item():

            def chosen(answer: tuple[str, str | None] | None) -> None:
                if answer is not None:
                    self.submit(lambda: self.service.move(item.id, *answer), self._moved)

            self.push_screen(MoveScreen(self.service, item), chosen)

    def _moved(self, result: tuple[Item, Risk]) -> None:
        now = self.service.clock()
        self.tell(render.moved(*result, now).strip())
        if (warning := render.move_warning(result[0], now)) is not None:
            self.tell(warning, severity="warning")

    def action_drop(self) -> None:
        if item := self._need_item():

            def chosen(reason: str | None) -> None:
                if reason is not None:
                    self.submit(lambda: self.service.drop([item.id], reason or None),
                                self._say(f"Dropped {item.id}: {item.title}{SEPARATOR}u undoes"))  # fmt: skip

            self.push_screen(DropScreen(item), chosen)

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
        if self.active_view == "people":
            handle = self.query_one(PeopleTable).selected_handle
        else:
            item = self._need_item()
            if item is None:
                return
            handle = item.person
        if not handle:
            self.tell("This item names nobody; pick someone in People (4).", severity="warning")
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
        self.query_one(TabbedContent).active = view
        self._focus_view()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self._focus_view()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._show_lists()
        self._show_detail()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self._focus_view()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Leave once every change asked for has been saved."""
        await self.workers.wait_for_complete([worker for worker in self.workers if worker.group == "write"])
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for _key, action, _label, title, help_text in ACTIONS:
            if not action.startswith("view") and action != "quit":  # views are listed below
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        yield SystemCommand("Copy draft", "Copy the selected item's thank-you or nudge to the clipboard",
                            self.action_copy_draft)  # fmt: skip
        for view, name in VIEWS.items():
            yield SystemCommand(f"Show {name}", f"Switch to the {name} view", lambda view=view: self.action_view(view))


def _empty(view: str, filter_text: str) -> str:
    if filter_text.strip():
        return f'Nothing matches "{visible(filter_text.strip())}". Esc clears the filter.'
    return {
        "commitments": "No open commitments. Press a to add one.",
        "asks": "Nobody owes you anything right now. Press a here to log an ask.",
        "thanks": "No thank-yous owed. Nicely done.",
    }[view]
