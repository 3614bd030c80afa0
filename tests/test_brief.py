"""The brief on a crowded day (docs/brief.md): disjoint sections whose counts add up, each reason once."""

from __future__ import annotations

import re

import pytest

CROWDED_DAY = [  # Monday 23 November: four commitments due, made in this order
    ("2026-11-23T08:00", "@dana send the figures by today 5pm +high"),
    ("2026-11-23T08:10", "call the bank by today 4pm"),
    ("2026-11-23T08:20", "tidy the inbox by today 5pm +low"),
    ("2026-11-23T08:30", "draft the rota by today 6pm"),
]


@pytest.fixture
def crowded(cli, home):
    """Four commitments due today, and a config with `daily_capacity` written out; returns a setter for it."""

    def capacity(number: int) -> None:
        (home.parent / "config.toml").write_text(f"daily_capacity = {number}\n")

    capacity(3)
    for now, text in CROWDED_DAY:
        assert cli("add", text, now=now).code == 0
    return capacity


def headings(text: str) -> dict[str, int]:
    """The brief's section headings and their counts: `At risk (1)` is {"At risk": 1}."""
    return {name: int(count) for name, count in re.findall(r"^(\w[^\n(]*?) \((\d+)\)", text, re.M)}


def test_four_due_today_over_a_capacity_of_three_read_one_at_risk_and_three_also_due_today(cli, crowded):
    text = cli("brief").out
    assert headings(text) == {"At risk": 1, "Also due today": 3}
    assert sum(headings(text).values()) == len(CROWDED_DAY)
    brief = cli("brief", "--json").json()
    assert [[item["id"] for item in brief[key]] for key in ("overdue", "at_risk", "today")] == [[], [3], [2, 1, 4]]


def test_only_the_commitment_that_does_not_fit_is_at_risk_and_its_reason_names_the_day(cli, crowded):
    items = {item["id"]: item["risk"] for item in cli("list", "--json").json()}
    assert items[3] == {"level": "at-risk", "reasons": ["over capacity on Mon 23 Nov: 4 due, capacity 3"]}
    assert {items[number]["level"] for number in (1, 2, 4)} == {"soon"}
    line = next(line for line in cli("brief").out.splitlines() if "tidy the inbox" in line)
    assert line.endswith("— over capacity on Mon 23 Nov: 4 due, capacity 3")


def test_with_room_for_two_the_low_priority_then_the_latest_created_do_not_fit(cli, crowded):
    crowded(2)
    at_risk = cli("brief", "--json").json()["at_risk"]
    assert [item["id"] for item in at_risk] == [3, 4]  # soonest due first: the inbox at 17:00, the rota at 18:00
    assert {reason for item in at_risk for reason in item["risk"]["reasons"]} == {
        "over capacity on Mon 23 Nov: 4 due, capacity 2"
    }
    assert headings(cli("brief").out) == {"At risk": 2, "Also due today": 2}


def test_an_external_commitment_due_soon_names_the_time_left_once(cli):
    cli("add", "@ops restore the backups in 2 hours +ext")
    (item,) = cli("brief", "--json").json()["at_risk"]
    assert item["risk"]["reasons"] == ["external customer waiting, due in 2h"]
    assert cli("brief").out.count("due in 2h") == 1


def test_no_reason_repeats_on_any_line_of_the_brief(cli, crowded):
    cli("add", "@ops restore the backups in 2 hours +ext +low", now="2026-11-23T08:40")
    cli("move", "5", "today 10:30", now="2026-11-23T08:50")
    cli("move", "5", "today 11am", now="2026-11-23T08:55")
    (item,) = [item for item in cli("brief", "--json").json()["at_risk"] if item["id"] == 5]
    assert item["risk"]["reasons"] == ["external customer waiting, due in 2h",
                                       "over capacity on Mon 23 Nov: 5 due, capacity 3", "moved twice"]  # fmt: skip
    for line in cli("brief").out.splitlines():
        reasons = line.partition("  — ")[2].split("; ")
        assert len(reasons) == len(set(reasons)), line
