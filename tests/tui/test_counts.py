"""The status line and the dashboard count what the brief counts (docs/brief.md), on a crowded day too."""

from __future__ import annotations

import re

from ictrack.tui.widgets.item_list import ItemList
from tests.test_brief import CROWDED_DAY, headings
from tests.tui.conftest import drive, make_app, text_of


def status_counts(status: str) -> dict[str, int]:
    """`0 overdue · 1 at risk · 3 also due today` as {"Overdue": 0, "At risk": 1, "Also due today": 3}."""
    counts = re.findall(r"(\d+) (overdue|at risk|also due today)", status)
    return {words[0].upper() + words[1:]: int(number) for number, words in counts}


def test_four_due_today_over_a_capacity_of_three_read_the_same_in_the_status_line_the_dashboard_and_the_brief(
    cli, home, monkeypatch
):
    for now, text in CROWDED_DAY:
        assert cli("add", text, now=now).code == 0
    monkeypatch.setenv("ICTRACK_NOW", "2026-11-23T09:00")
    brief = headings(cli("brief").out)
    app = make_app(home, daily_capacity=3)

    async def script(pilot):
        status = text_of(app.query_one("#status"))
        assert "0 overdue · 1 at risk · 3 also due today · 0 thanks owed" in status
        options = app.query_one("#commitments-list", ItemList).options
        dashboard = headings("\n".join(str(option.prompt) for option in options if option.disabled))
        assert dashboard == {"At risk": 1, "Also due today": 3} == brief
        assert {name: count for name, count in status_counts(status).items() if count} == dashboard
        assert sum(status_counts(status).values()) == len(CROWDED_DAY)

    drive(app, script)
