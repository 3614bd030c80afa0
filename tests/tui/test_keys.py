"""Every key of the dashboard, pressed through Pilot; what is stored afterwards is what is checked."""

from __future__ import annotations

import json

from textual.widgets import Checkbox, Input, RadioSet, Select, TabbedContent, TextArea

from ictrack.tui.screens.add import LEFTOVER, AddScreen
from ictrack.tui.screens.care import CareScreen
from ictrack.tui.screens.help import HelpScreen
from ictrack.tui.widgets.item_list import ItemList
from tests import ondisk
from tests.tui.conftest import drive, make_app, settle, stored, text_of


def shown_ids(app, view: str = "commitments") -> list[int]:
    return [int(option.id) for option in app.query_one(f"#{view}-list", ItemList).options if option.id]


async def select(pilot, item_id: int, view: str = "commitments") -> None:
    pilot.app.action_view(view)
    await pilot.pause()
    pilot.app.query_one(f"#{view}-list", ItemList).select_id(item_id)
    await pilot.pause()


def test_the_dashboard_groups_open_commitments_by_urgency(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        headings = [str(option.prompt) for option in app.query_one("#commitments-list", ItemList).options
                    if option.disabled]  # fmt: skip
        assert headings == ["Overdue (1)", "At risk (1)", "Also due today (1)", "This week (1)", "Later (1)",
                            "No date (1)"]  # fmt: skip
        assert shown_ids(app) == [3, 2, 4, 1, 5, 6]
        assert shown_ids(app, "asks") == [7]
        assert shown_ids(app, "thanks") == [8, 9]  # oldest first
        status = text_of(app.query_one("#status"))
        assert "1 overdue · 1 at risk · 1 also due today · 2 thanks owed" in status
        assert "care: not done yet" in status

    drive(app, script)


def test_d_marks_the_selected_item_done_at_once_and_u_undoes_it(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("d")
        await settle(pilot)
        item = stored(tui_home)[2]
        assert (item["status"], item["done_at"]) == ("done", "2026-11-25T14:00:00+00:00")
        assert 2 not in shown_ids(app)
        assert app.query_one("#commitments-list", ItemList).selected_id == 4  # the next one down
        await pilot.press("u")
        await settle(pilot)
        assert stored(tui_home)[2]["status"] == "open"
        assert 2 in shown_ids(app)

    drive(app, script)


def test_d_on_an_ask_marks_it_received(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 7, "asks")
        await pilot.press("d")
        await settle(pilot)
        assert stored(tui_home)[7]["status"] == "done"
        assert 7 in shown_ids(app, "thanks")  # received, so a thank-you is now owed

    drive(app, script)


def test_a_shows_what_quick_add_understood_as_you_type_and_saves_it(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a")
        assert isinstance(app.screen, AddScreen)
        await pilot.press(*"@kim call back by fri 2pm #sales !ext")
        preview = text_of(app.screen.query_one("#preview"))
        assert "call back" in preview and "@kim" in preview and "Fri 27 Nov 14:00 (in 2 days)" in preview
        assert "#sales external customer" in preview
        await pilot.press("enter")
        await settle(pilot)
        new = stored(tui_home)[13]
        assert (new["kind"], new["title"], new["person"], new["due"], new["tags"], new["external"]) == (
            "commitment", "call back", "kim", "2026-11-27T14:00:00+00:00", ["sales"], True
        )  # fmt: skip
        assert app.query_one("#commitments-list", ItemList).selected_id == 13

    drive(app, script)


def test_a_repeating_promise_shows_its_rule_and_d_brings_up_the_next_occurrence(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a", *"@payroll send time sheet every fri 1pm")
        preview = text_of(app.screen.query_one("#preview"))
        assert "Fri 27 Nov 13:00 (in 47 hours)" in preview and "repeats every fri 13:00" in preview
        await pilot.press("enter")
        await settle(pilot)
        assert stored(tui_home)[13]["recur"]["rrule"] == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0"
        await select(pilot, 13)
        await pilot.press("d")
        await settle(pilot)
        assert (stored(tui_home)[13]["status"], stored(tui_home)[14]["due"]) == ("done", "2026-12-04T13:00:00+00:00")
        assert 14 in shown_ids(app, "commitments")

    drive(app, script)


def test_a_shows_the_error_and_saves_nothing_when_the_text_can_not_be_used(tui_home):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await pilot.press("a")
        await pilot.press(*"@kim by today 8am")
        assert "✗" in text_of(app.screen.query_one("#preview"))
        await pilot.press("enter")
        assert isinstance(app.screen, AddScreen)  # still open, to fix the text
        await pilot.press("escape")
        await settle(pilot)
        assert stored(tui_home) == before

    drive(app, script)


def marked(preview) -> list[str]:
    """The words the preview marks as looking like a date but left in the title."""
    text = preview.content
    return [text.plain[span.start : span.end] for span in text.spans if span.style == LEFTOVER]


def test_a_marks_date_words_left_in_the_title_and_says_so_before_saving(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a", *"call dana thu fri 3pm")
        preview = app.screen.query_one("#preview")
        assert marked(preview) == ["thu", "fri", "3pm"]
        shown = text_of(preview)
        assert "what    call dana thu fri 3pm" in shown and "due     no due date" in shown
        assert 'note    "thu", "fri", "3pm" stayed in the title, not read as a date' in shown
        await pilot.press(*" +ops")  # still saved as typed, as the CLI does
        await pilot.press("enter")
        await settle(pilot)
        assert (stored(tui_home)[13]["title"], stored(tui_home)[13]["due"]) == ("call dana thu fri 3pm", None)

    drive(app, script)


def test_a_names_the_phrase_the_due_date_came_from_when_date_words_are_left(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a", *"prep slides for mon review eod")
        preview = app.screen.query_one("#preview")
        assert marked(preview) == ["mon"]
        shown = " ".join(text_of(preview).split())  # the note is wrapped to the dialog's width
        assert '"mon" stayed in the title, not read as a date; the due date is from "eod"' in shown

    drive(app, script)


def test_a_asks_did_you_mean_for_a_new_person_close_to_a_known_one(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a", *"@dnaa send the figures")
        assert "@dnaa is new; did you mean @dana?" in text_of(app.screen.query_one("#preview"))
        await pilot.press(*("backspace",) * len("dnaa send the figures"), *"dana send the figures")
        shown = text_of(app.screen.query_one("#preview"))
        assert "@dana" in shown and "did you mean" not in shown and "note" not in shown

    drive(app, script)


def test_a_shows_the_shell_safe_marks_until_something_is_typed(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("a")
        hint = text_of(app.screen.query_one("#preview"))
        assert "+tags, +ext, +high or +low" in hint and "#" not in hint and "!" not in hint
        assert "+finance" in app.screen.query_one("#text", Input).placeholder
        await pilot.press(*"send the deck +finance +high")
        assert "#finance high priority" in text_of(app.screen.query_one("#preview"))

    drive(app, script)


def test_a_in_the_asks_view_logs_an_ask_and_the_kind_can_be_changed(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("2", "a")
        assert app.screen.query_one("#kind", Select).value == "ask"
        app.screen.query_one("#kind", Select).value = "help"
        await pilot.pause()
        await pilot.press(*"@ana covered my call")
        assert "received now" in text_of(app.screen.query_one("#preview"))
        await pilot.press("enter")
        await settle(pilot)
        assert (stored(tui_home)[13]["kind"], stored(tui_home)[13]["status"]) == ("help", "done")

    drive(app, script)


def test_m_moves_the_due_date_with_a_live_preview_and_a_reason(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 3)
        await pilot.press("m")
        await pilot.press(*"thu 10am")
        assert "Thu 26 Nov 10:00 (in 20 hours)" in text_of(app.screen.query_one("#preview"))
        await pilot.press("tab", *"bank closed", "enter")
        await settle(pilot)
        item = stored(tui_home)[3]
        assert item["due"] == "2026-11-26T10:00:00+00:00"
        assert item["moves"] == [{"at": "2026-11-25T14:00:00+00:00", "from": "2026-11-24T10:00:00+00:00",
                                  "to": "2026-11-26T10:00:00+00:00", "reason": "bank closed"}]  # fmt: skip
        # it was overdue: the review says the miss stays, as `ictrack move` does
        (warning,) = [note for note in app._notifications if note.severity == "warning"]
        assert warning.message == ("3 was due Tue 24 Nov 10:00: moved 28 hours after it was due. The miss stays on "
                                   "record: its delivery counts as late.")  # fmt: skip

    drive(app, script)


def test_m_refuses_a_time_already_past(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 3)
        await pilot.press("m", *"today 9am", "enter")
        assert "✗" in text_of(app.screen.query_one("#preview"))
        await pilot.press("escape")
        await settle(pilot)
        assert stored(tui_home)[3]["moves"] == []

    drive(app, script)


def test_x_drops_with_a_reason_and_escape_keeps_the_item(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 6)
        await pilot.press("x", "escape")
        await settle(pilot)
        assert stored(tui_home)[6]["status"] == "open"
        await pilot.press("x", *"nobody reads it", "enter")
        await settle(pilot)
        item = stored(tui_home)[6]
        assert (item["status"], item["drop_reason"]) == ("dropped", "nobody reads it")

    drive(app, script)


def test_e_edits_title_person_due_tags_and_priority(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 6)
        await pilot.press("e")
        screen = app.screen
        screen.query_one("#title", Input).value = "tidy the team wiki"
        screen.query_one("#person", Input).value = "@ana"
        screen.query_one("#due", Input).value = "fri"
        screen.query_one("#tags", Input).value = "docs"
        screen.query_one("#priority", Select).value = "high"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = stored(tui_home)[6]
        assert (item["title"], item["person"], item["due"], item["tags"], item["priority"]) == (
            "tidy the team wiki", "ana", "2026-11-27T17:00:00+00:00", ["docs"], "high"
        )  # fmt: skip

    drive(app, script)


def test_e_without_changes_stores_nothing(tui_home):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await select(pilot, 1)
        await pilot.press("e", "enter")
        await settle(pilot)
        assert stored(tui_home) == before

    drive(app, script)


def test_t_thanks_with_the_drafted_note_as_edited(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 8, "thanks")
        await pilot.press("t")
        await settle(pilot)
        area = app.screen.query_one("#note", TextArea)
        assert "Sam" in area.text and 'your help on Sunday ("fixed the build on a sunday")' in area.text
        area.text = "Sam, thank you for Sunday. Lunch is on me."
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = stored(tui_home)[8]
        assert (item["thanked_at"], item["thank_note"]) == (
            "2026-11-25T14:00:00+00:00", "Sam, thank you for Sunday. Lunch is on me."
        )  # fmt: skip
        assert shown_ids(app, "thanks") == [9]

    drive(app, script)


def test_c_records_the_care_check_and_it_feeds_the_status_line(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CareScreen)
        boxes = {box.name: box for box in screen.query(Checkbox)}
        boxes["slept"].value = boxes["lunch"].value = True
        screen.query_one("#energy", RadioSet).query("RadioButton")[1].value = True  # 2 low
        screen.query_one("#note", Input).value = "short night"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "care: 2 ticked, energy 2/5" in text_of(app.query_one("#status"))
        # low energy turns the rota (due in 5 hours) from soon to at risk
        assert "At risk (2)" in [str(o.prompt) for o in app.query_one("#commitments-list", ItemList).options]

    drive(app, script)
    care = json.loads((tui_home / "ictrack.json").read_text())["care"]
    (record,) = care.values()
    assert (record["day"], record["done"], record["energy"], record["note"]) == (
        "2026-11-25", ["slept", "lunch"], 2, "short night"
    )  # fmt: skip


def test_i_checks_in_with_the_selected_person(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("4")
        table = app.query_one("#people-list")
        table.move_cursor(row=table.get_row_index("dana"))
        await pilot.pause()
        await pilot.press("i", "4", "tab", *"wants figures a day earlier", "enter")
        await settle(pilot)
        assert "last check-in Wed 25 Nov 14:00" in text_of(app.query_one("#detail"))

    drive(app, script)
    checkins = ondisk.checkins(tui_home / "ictrack.json")
    latest = max(checkins, key=lambda c: c["at"])
    assert (latest["person"], latest["rating"], latest["note"], latest["at"]) == (
        "dana", 4, "wants figures a day earlier", "2026-11-25T14:00:00+00:00"
    )  # fmt: skip


def test_i_on_an_item_checks_in_with_its_person(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        await pilot.press("i", "enter")
        await settle(pilot)

    drive(app, script)
    checkins = ondisk.checkins(tui_home / "ictrack.json")
    assert sorted(c["person"] for c in checkins) == ["dana", "lee"]


def test_w_shows_the_week_with_its_figures_and_trend(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "week"
        figures = text_of(app.query_one("#week-figures"))
        assert "Week 2026-W48" in figures and "Delivered 1 of 1 on time (100%), 1 early" in figures
        rates = app.query_one("#week-panel").rates
        assert [label for label, _ in rates] == [f"2026-W{week}" for week in range(41, 49)]
        assert [rate for _, rate in rates][-3:] == [1.0, 0.0, 1.0]  # W46 on time, W47 late, W48 on time
        assert "100%     0%     100%" in text_of(app.query_one("#week-trend"))

    drive(app, script)


def test_the_week_view_is_the_week_so_far_with_the_figures_of_the_week_command(tui_home, cli):
    app = make_app(tui_home)
    command = cli("week").out.splitlines()  # at the same pinned moment: Wednesday 14:00

    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        figures = " ".join(text_of(app.query_one("#week-figures")).split())  # unwrapped
        assert figures.startswith("Week 2026-W48 so far (Mon–Wed) figures as of Wed 25 Nov 14:00")
        assert "6 open and 1 overdue now." in figures  # the bank, due Tuesday; not Friday's figures
        assert "Looked after myself on 0 of 3 days so far;" in figures
        care = next(line for line in command if line.startswith("Looked after myself"))
        assert command[2] in figures and care in figures  # the headline and the care sentence, word for word

    drive(app, script)


def test_f_filters_every_list_by_person_tag_or_words(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("f", *"@dana")
        assert shown_ids(app) == [1, 5]
        app.query_one("#filter", Input).value = "#team"
        await pilot.pause()
        assert shown_ids(app) == [5]
        app.query_one("#filter", Input).value = "bank"
        await pilot.pause()
        assert shown_ids(app) == [3]
        await pilot.press("escape")
        assert shown_ids(app) == [3, 2, 4, 1, 5, 6]
        assert not app.query_one("#filter").display

    drive(app, script)


def test_help_opens_on_question_mark_and_q_quits(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("d")  # keys behind a dialog do nothing
        assert stored(tui_home)[3]["status"] == "open"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app.return_code == 0

    drive(app, script)


def test_every_action_that_applies_is_in_the_command_palette(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 2)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Add a promise", "Mark done", "Move the due date", "Drop", "Edit", "Care check", "Check in",
                "Filter", "Undo", "Help", "Show Week", "Show People"} <= titles  # fmt: skip
        assert "Say thank you" not in titles  # a commitment is not thanked
        await select(pilot, 8, "thanks")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Say thank you" in titles and not {"Mark done", "Move the due date", "Drop"} & titles

    drive(app, script)


def test_the_care_check_opens_once_at_start_when_not_done(tui_home):
    app = make_app(tui_home, care_prompt=True)

    async def script(pilot):
        assert isinstance(app.screen, CareScreen)
        await pilot.press("escape")
        app.refresh_data()
        await settle(pilot)
        assert len(app.screen_stack) == 1  # skipped: not asked again this session

    drive(app, script)


def test_the_care_check_does_not_open_when_done_or_turned_off(tui_home, cli):
    assert cli("care", "--done", "slept").code == 0
    for app in (make_app(tui_home, care_prompt=True), make_app(tui_home)):

        async def script(pilot, app=app):
            assert len(app.screen_stack) == 1

        drive(app, script)


def test_the_first_run_shows_the_welcome_and_a_add_starts(home):
    app = make_app(home)

    async def script(pilot):
        assert app.query_one("#welcome").display and not app.query_one("#main").display
        await pilot.press("a", *"@dana send figures by fri", "enter")
        await settle(pilot)
        assert not app.query_one("#welcome").display and shown_ids(app) == [1]

    drive(app, script)


def test_a_damaged_data_file_is_reported_and_left_alone(home):
    home.mkdir(parents=True)
    (home / "ictrack.json").write_text("{not json")
    app = make_app(home)

    async def script(pilot):
        assert "Can't read the data" in text_of(app.query_one("#status"))
        await pilot.press("d", "a")
        await pilot.press("escape")

    drive(app, script)
    assert (home / "ictrack.json").read_text() == "{not json"
