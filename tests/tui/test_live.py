"""Another process writes the data file (a shell alias adding an item) while the TUI is open."""

from __future__ import annotations

import asyncio
import os
import sys
import time

from ictrack.tui.widgets.item_list import ItemList
from tests.tui.conftest import drive, make_app
from tests.tui.test_keys import select, shown_ids


def test_an_item_added_by_another_process_shows_within_two_seconds_keeping_the_selection(tui_home):
    app = make_app(tui_home)

    async def script(pilot):
        await select(pilot, 4)
        adding = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "ictrack", "add", "@kim call back by thu 10am", env=dict(os.environ)
        )
        assert await adding.wait() == 0
        written = time.monotonic()
        while 13 not in shown_ids(app):
            assert time.monotonic() - written < 2, "the new item did not show within 2 s"
            await pilot.pause(0.05)
        assert app.query_one("#commitments-list", ItemList).selected_id == 4

    drive(app, script)
