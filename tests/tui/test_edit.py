"""`e`: the edit dialog loses nothing typed when one field is refused, and changes an item's kind."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select

from ictrack.errors import BadInput
from ictrack.tui.screens.edit import EditScreen
from tests.tui.conftest import drive, make_app, settle, stored, text_of
from tests.tui.test_keys import select

TYPED = {"title": "tidy the team wiki", "person": "@ana", "due": "blursday", "tags": "docs", "note": "before friday"}


async def type_into(screen, values: dict) -> None:
    for name, value in values.items():
        screen.query_one(f"#{name}", Input).value = value


def test_e_keeps_every_field_as_typed_when_the_due_phrase_is_refused_and_marks_it(tui_home):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await select(pilot, 6)
        await pilot.press("e")
        screen = app.screen
        await type_into(screen, TYPED)
        screen.query_one("#priority", Select).value = "high"
        screen.query_one("#external", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, "the dialog closed on a refused field"
        assert {name: screen.query_one(f"#{name}", Input).value for name in TYPED} == TYPED
        assert screen.query_one("#priority", Select).value == "high"
        assert screen.query_one("#external", Checkbox).value is True
        due = screen.query_one("#due", Input)
        assert due.has_class("-invalid") and due.has_focus
        assert not screen.query_one("#title", Input).has_class("-invalid")
        assert 'can\'t read "blursday" as a date' in text_of(screen.query_one("#problem"))
        assert stored(tui_home) == before
        due.value = "fri"
        await pilot.pause()
        assert not due.has_class("-invalid")  # changed, so no longer marked
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = stored(tui_home)[6]
        assert (item["title"], item["person"], item["due"], item["tags"], item["note"], item["priority"],
                item["external"]) == ("tidy the team wiki", "ana", "2026-11-27T17:00:00+00:00", ["docs"],
                                      "before friday", "high", True)  # fmt: skip

    drive(app, script)


def test_e_changes_the_kind_with_its_selector(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 1)
        await pilot.press("e")
        app.screen.query_one("#kind", Select).value = "ask"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored(tui_home)[1]["kind"] == "ask"

    drive(app, script)


def test_e_refuses_an_ask_of_nobody_and_marks_the_person_keeping_the_rest(tui_home):
    app = make_app(tui_home)
    before = stored(tui_home)

    async def script(pilot):
        await select(pilot, 6)  # tidy the wiki: nobody named
        await pilot.press("e")
        screen = app.screen
        screen.query_one("#title", Input).value = "tidy the wiki for lee"
        screen.query_one("#kind", Select).value = "ask"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        person = screen.query_one("#person", Input)
        assert person.has_class("-invalid") and person.has_focus
        assert "names nobody, and an ask needs the person" in text_of(screen.query_one("#problem"))
        assert screen.query_one("#title", Input).value == "tidy the wiki for lee"
        assert screen.query_one("#kind", Select).value == "ask"
        assert stored(tui_home) == before
        await pilot.press(*"lee", "enter")
        await settle(pilot)
        assert (stored(tui_home)[6]["kind"], stored(tui_home)[6]["person"]) == ("ask", "lee")

    drive(app, script)


def test_e_opens_again_with_what_was_typed_when_the_write_is_refused_after_it_closed(tui_home, monkeypatch):
    app = make_app(tui_home)
    before = stored(tui_home)

    def refused(item_id, **changes):
        raise BadInput("the due date was refused when it was written.").about("due")

    async def script(pilot):
        monkeypatch.setattr(app.service, "edit", refused)
        await select(pilot, 6)
        await pilot.press("e")
        app.screen.query_one("#title", Input).value = "tidy the team wiki"
        app.screen.query_one("#due", Input).value = "fri"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        assert screen.query_one("#title", Input).value == "tidy the team wiki"
        assert screen.query_one("#due", Input).value == "fri"
        assert screen.query_one("#due", Input).has_class("-invalid")
        assert "refused when it was written" in text_of(screen.query_one("#problem"))
        assert stored(tui_home) == before

    drive(app, script)
