"""Model objects built for what a command shows: `list`, the brief and `show` read no item settled for good unless
they show it, and an add reads only the commitments its risk is weighed with; what they say is as before."""

from __future__ import annotations

import json

import pytest

from ictrack.core.model import Item
from tests import ondisk


@pytest.fixture
def built(monkeypatch) -> list[int]:
    """The IDs of the items read into model objects from now on."""
    seen: list[int] = []
    real = Item.from_record.__func__  # type: ignore[attr-defined]

    def counting(cls, record):
        seen.append(record.get("id"))
        return real(cls, record)

    monkeypatch.setattr(Item, "from_record", classmethod(counting))
    return seen


@pytest.fixture
def a_week(cli):
    """Items 1 and 2 delivered last week (settled for good), 3 help not yet thanked, 4 and 5 open: 4 due at 3pm
    today, 5 next Monday."""
    for args in (("add", "@dana send Q3 figures by tue"), ("add", "@lee book the venue"),
                 ("helped", "@sam fixed the build")):  # fmt: skip
        assert cli(*args, now="2026-11-16T09:00").code == 0
    assert cli("done", "1", "2", now="2026-11-17T09:00").code == 0
    assert cli("add", "@dana draft the plan by 3pm", now="2026-11-23T08:00").code == 0
    assert cli("add", "@kim call the bank by next mon", now="2026-11-23T08:00").code == 0


NOW = "2026-11-23T09:00"


def test_list_and_the_brief_read_no_item_settled_for_good(cli, a_week, built):
    assert [item["id"] for item in cli("list", "--json", now=NOW).json()] == [4, 5]
    assert sorted(built) == [3, 4, 5]  # the help owed thanks is read: the brief shows it
    built.clear()
    brief = cli("brief", "--json", now=NOW).json()
    assert [item["id"] for item in brief["thanks_owed"]] == [3] and sorted(built) == [3, 4, 5]


def test_the_brief_counts_every_item_in_the_rows_of_people_due_a_check_in(cli, a_week, built):
    assert cli("person", "dana", "--cadence", "3", now=NOW).code == 0
    built.clear()
    (row,) = cli("brief", "--json", now=NOW).json()["checkins_due"]
    assert row["handle"] == "dana" and row["on_time_rate"] == 1.0  # item 1, delivered on time, counts
    assert 1 in built


def test_show_of_an_item_settled_in_the_data_file_reads_it_alone(cli, a_week, built):
    assert cli("show", "2", "--json", now=NOW).json()["status"] == "done"
    assert built.count(2) == 1 and 1 not in built


def test_an_add_reads_only_the_commitments_due_about_its_day_and_is_at_risk_as_list_says(cli, a_week, built):
    added = cli("add", "send the minutes by 5pm", "--json", now=NOW)
    assert added.code == 0, added.err
    assert built == [4]  # today's other commitment (the new one is made, not read)
    listed = {item["id"]: item["risk"] for item in cli("list", "--json", now=NOW).json()}
    assert added.json()["risk"] == listed[6]


def test_an_add_on_a_day_over_capacity_is_at_risk_weighed_against_that_day_alone(cli, home, a_week, built):
    (home.parent / "config.toml").write_text("daily_capacity = 1\n")
    added = cli("add", "send the minutes by 5pm", "--json", now=NOW).json()
    assert added["risk"]["level"] == "at-risk" and "over capacity on Mon 23 Nov: 2 due, capacity 1" in (
        added["risk"]["reasons"])  # fmt: skip
    assert built == [4]
    listed = {item["id"]: item["risk"] for item in cli("list", "--json", now=NOW).json()}
    assert listed[6] == added["risk"]


def test_an_item_settled_for_good_but_damaged_is_left_as_it_is_by_what_does_not_read_it_and_doctor_names_it(
    cli, home, a_week
):
    data = ondisk.read(home / "ictrack.json")
    key = ondisk.key_of(data, 2)
    data["items"][key]["tags"] = "not a list"
    (home / "ictrack.json").write_text(json.dumps(data))
    assert cli("list", now=NOW).code == 0 and cli("brief", now=NOW).code == 0
    assert cli("add", "one more", now=NOW).code == 0
    assert ondisk.read(home / "ictrack.json")["items"][key]["tags"] == "not a list"  # carried over as it was
    shown = cli("show", "2", now=NOW)
    assert shown.code == 3 and "holds a damaged record (item 2: tags is not a list of tags)" in shown.err
    checked = cli("doctor", now=NOW)
    assert checked.code == 3 and "item 2: tags is not a list of tags." in checked.out
