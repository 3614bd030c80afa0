"""A fixture data folder with a pinned Wednesday afternoon, and helpers to drive the app with Pilot."""

from __future__ import annotations

import asyncio
import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, TextArea

from ictrack.core.settings import Config
from ictrack.tui.app import IctrackApp
from tests import ondisk

TUI_NOW = "2026-11-25T14:00"  # a Wednesday afternoon, London
SIZE = (120, 36)


def seed(cli) -> None:
    """A week in a working life: every dashboard group, an ask, thanks owed, and some delivered history."""
    steps = [
        ("2026-11-21T10:00", "add", "@dana send Q3 figures by fri 3pm #finance"),  # 1 this week
        ("2026-11-25T09:00", "add", "@lee prepare the board pack by today 4pm !ext"),  # 2 at risk
        ("2026-11-20T10:00", "add", "call the bank by tue 10am"),  # 3 overdue
        ("2026-11-25T09:00", "add", "@sam draft the rota by today 7pm"),  # 4 today
        ("2026-11-20T10:00", "add", "@dana plan the offsite by dec 15 #team"),  # 5 later
        ("2026-11-20T10:00", "add", "tidy the wiki !low"),  # 6 no date
        ("2026-11-23T10:00", "ask", "@lee review the deck by fri"),  # 7 waiting on lee
        ("2026-11-22T16:00", "helped", "@sam fixed the build on a sunday"),  # 8 thanks owed > 1 day
        ("2026-11-23T10:00", "ask", "@kim send the signed contract by tue"),  # 9 received below
        ("2026-11-09T10:00", "add", "@dana weekly report by thu 5pm"),  # 10 delivered on time
        ("2026-11-16T10:00", "add", "@lee budget notes by tue noon"),  # 11 delivered late
        ("2026-11-19T10:00", "add", "@dana expenses by mon 5pm"),  # 12 delivered early
    ]
    for now, command, text in steps:
        assert cli(command, text, now=now).code == 0
    for now, command, item in [("2026-11-25T11:00", "got", "9"), ("2026-11-10T16:00", "done", "10"),
                               ("2026-11-17T15:00", "done", "11"), ("2026-11-23T11:00", "done", "12")]:  # fmt: skip
        assert cli(command, item, now=now).code == 0
    assert cli("checkin", "dana", "--rating", "4", now="2026-11-02T10:00").code == 0


@pytest.fixture(scope="session")
def seeded_folder(tmp_path_factory) -> Path:
    """Where the seeded data folder is kept, once per test process: the first test seeds it, the others copy it."""
    return tmp_path_factory.mktemp("tui-seeded") / "data"


@pytest.fixture
def tui_home(home, cli, monkeypatch, seeded_folder) -> Path:
    """The seeded data folder, this test's own copy, with the clock at TUI_NOW."""
    if seeded_folder.exists():
        shutil.copytree(seeded_folder, home, symlinks=True)  # modes and mtimes kept: a backup's age is its mtime
    else:
        seed(cli)
        shutil.copytree(home, seeded_folder, symlinks=True)
    monkeypatch.setenv("ICTRACK_NOW", TUI_NOW)
    return home


def make_app(home: Path, **config) -> IctrackApp:
    return IctrackApp(home, Config(**{"care_prompt": False, **config}))


def stored(home: Path) -> dict[int, dict]:
    """The items as they are on disk, by ID (each with its person's handle)."""
    return ondisk.items(home / "ictrack.json")


async def settle(pilot) -> None:
    """Wait until every read and write the app started has finished and the screen caught up."""
    for _ in range(1000):
        await pilot.pause()
        if not pilot.app.busy:
            await pilot.pause()
            if not pilot.app.busy:
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the app was still busy after 10 s")


def text_of(widget) -> str:
    """What a Static shows, as plain text (Rich renderables included)."""
    console = Console(width=max(widget.size.width, 40), file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def steady(app) -> None:
    """Stop cursors blinking, so screenshots do not depend on when they were taken."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def drive(app: IctrackApp, script, **options) -> None:
    """Run `script(pilot)` against the app once its first load has finished; `options` go to `run_test`."""

    async def run() -> None:
        async with app.run_test(size=SIZE, **options) as pilot:
            await settle(pilot)
            await script(pilot)
            await settle(pilot)

    asyncio.run(run())


def pytest_collection_modifyitems(items) -> None:
    """Every test here drives the review: `make test` runs them, `make test-fast` leaves them out (marker `tui`)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.tui)
