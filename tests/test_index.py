"""The archive index: a read opens only the archives that hold what it needs, and an index that is missing,
damaged or out of date costs only speed: the archives it does not describe are read whole, and it is written
anew from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ictrack.storage import Store
from tests import ondisk


@pytest.fixture
def three_months(cli, home) -> Path:
    """Items 1, 2 and 3 delivered in August, September and October, each archived in its month's archive by a
    change on 2 December; items 4 and 5 live, 5 delivered last week."""
    for item_id, month in enumerate(("08", "09", "10"), start=1):
        assert cli("add", f"@dana report {item_id} by fri", now=f"2026-{month}-03T09:00").code == 0
        assert cli("done", str(item_id), now=f"2026-{month}-04T09:00").code == 0
    assert cli("add", "@sam plan the offsite", now="2026-12-02T09:00").code == 0  # archives all three
    assert cli("add", "@sam book the venue", now="2026-12-02T09:10").code == 0
    assert cli("done", "5", now="2026-12-09T09:00").code == 0
    names = sorted(path.name for path in home.glob("archive-*"))
    assert names == ["archive-2026-08.json", "archive-2026-09.json", "archive-2026-10.json"]
    return home


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The archives read from now on, by month, in order."""
    seen: list[str] = []
    real = Store._archive

    def counting(store, key):
        seen.append(key)
        return real(store, key)

    monkeypatch.setattr(Store, "_archive", counting)
    return seen


NOW = "2026-12-14T09:00"  # a Monday


def test_the_index_says_which_ids_days_and_people_each_archive_holds(cli, three_months):
    index = json.loads((three_months / "index.json").read_text())["archives"]
    assert sorted(index) == ["2026-08", "2026-09", "2026-10"]
    september = index["2026-09"]
    assert september["ids"] == [[2, 2]] and september["span"] == ["2026-09-03", "2026-09-04"]
    people = ondisk.handles(ondisk.read(three_months / "ictrack.json"))
    assert [people[uuid] for uuid in september["people"]] == ["dana"]
    assert september["changed"] == ondisk.read(three_months / "archive-2026-09.json")["meta"]["1"]["changed"]


def test_show_of_an_archived_item_opens_only_the_archive_that_holds_it(cli, three_months, opened):
    shown = cli("show", "2", "--json", now=NOW)
    assert shown.code == 0 and shown.json()["title"] == "report 2"
    assert opened == ["2026-09"]
    opened.clear()
    assert cli("show", "5", now=NOW).code == 0 and opened == []  # live: no archive at all
    assert cli("show", "99", now=NOW).code == 1 and opened == []  # no archive holds such an ID


def test_week_last_on_a_week_all_in_the_data_file_opens_no_archive(cli, three_months, opened):
    week = cli("week", "--last", "--json", now=NOW)
    assert week.code == 0 and week.json()["delivered"] == 1  # item 5, delivered on 9 December
    assert opened == []


def test_a_past_week_opens_only_the_archives_that_name_its_days_and_counts_as_reading_them_all(
    cli, three_months, opened
):
    week = cli("week", "--week", "2026-W36", "--json", now=NOW).json()  # 31 Aug to 6 Sep: item 2 made and done
    assert opened == ["2026-09"]
    assert (week["delivered"], week["opened"]) == (1, 1)
    (three_months / "index.json").unlink()
    opened.clear()
    assert cli("week", "--week", "2026-W36", "--json", now=NOW).json() == week  # every archive read: the same
    assert opened == ["2026-08", "2026-09", "2026-10"]


def test_the_tuis_weeks_open_only_the_archives_of_the_last_eight_weeks(cli, three_months, opened):
    from ictrack.service import open_service

    assert cli("add", "another", now=NOW).code == 0
    opened.clear()
    _, rates = open_service().weeks()
    assert len(rates) == 8 and opened == []  # 26 Oct on: the archives end on 4 October


def test_undo_of_a_change_made_before_an_archive_was_written_opens_only_the_archives_written_since(
    cli, three_months, opened
):
    assert cli("undo", "--yes", now=NOW).out == "Undid: marked 5 done\n"
    assert opened == []  # 5 was never archived, and no archive was written since the done
    assert cli("undo", "--yes", now=NOW).code == 0
    opened.clear()
    assert cli("undo", "--yes", now=NOW).out == 'Undid: added commitment 4 "plan the offsite"\n'
    assert opened == ["2026-09", "2026-10"]  # written by that add; August's when item 2 was done, before it
    opened.clear()
    undone = cli("undo", "--yes", now=NOW)
    assert undone.out == "Undid: marked 3 done\n" and opened == ["2026-09", "2026-10", "2026-10"]  # then written
    assert ondisk.items(three_months / "ictrack.json")[3]["status"] == "open"  # taken back out of October
    assert 3 not in ondisk.items(three_months / "archive-2026-10.json", people_from=three_months / "ictrack.json")
    assert cli("doctor", now=NOW).code == 0


@pytest.mark.parametrize("damage", ["missing", "not json", "an entry of another shape", "describing old files"])
def test_an_index_missing_damaged_or_out_of_date_costs_only_speed_and_the_days_first_change_writes_it_anew(
    cli, three_months, opened, damage
):
    index = three_months / "index.json"
    good = json.loads(index.read_text())
    if damage == "missing":
        index.unlink()
    elif damage == "not json":
        index.write_text("{half an ind")
    elif damage == "an entry of another shape":
        index.write_text(json.dumps({"archives": {**good["archives"], "2026-09": {"ids": "all"}}}))
    else:  # the archives replaced since (restored, copied): the index describes files that are gone
        for path in three_months.glob("archive-*.json"):
            path.write_bytes(path.read_bytes())
    everything = cli("list", "--all", "--json", now=NOW).json()
    opened.clear()
    assert cli("show", "2", "--json", now=NOW).json()["title"] == "report 2"
    # the newest archive first, until one holds it: only September's entry is not believed, or none is
    assert opened == (["2026-09"] if damage == "an entry of another shape" else ["2026-10", "2026-09"])
    checked = cli("doctor", now=NOW)
    assert checked.code == 0 and f"{index} does not describe" in checked.out
    assert cli("add", "the next day's first", now="2026-12-15T09:00").code == 0  # writes it anew
    assert json.loads(index.read_text())["archives"].keys() == good["archives"].keys()
    assert "does not describe" not in cli("doctor", now="2026-12-15T09:00").out
    opened.clear()
    assert cli("show", "2", now="2026-12-15T09:00").code == 0 and opened == ["2026-09"]
    again = cli("list", "--all", "--json", now="2026-12-15T09:00").json()
    assert [item for item in again if item["id"] <= 5] == everything


def test_an_index_that_says_an_item_is_elsewhere_is_not_believed_for_an_archive_it_no_longer_describes(
    cli, three_months, opened
):
    september, october = three_months / "archive-2026-09.json", three_months / "archive-2026-10.json"
    moved = ondisk.read(september)
    both = ondisk.read(october)
    both["items"].update(moved.pop("items"))
    october.write_text(json.dumps(both))  # item 2 now in October's file, which the index describes as it was
    september.write_text(json.dumps(moved))
    assert cli("show", "2", "--json", now=NOW).json()["title"] == "report 2"
    assert "2026-10" in opened


def test_doctor_restore_writes_an_index_out_of_date_anew_and_says_so(cli, three_months):
    index = three_months / "index.json"
    index.unlink()
    restored = cli("doctor", "--restore", now=NOW)
    assert (restored.code, restored.err) == (0, "")
    assert f"{index} was out of date, and was written anew from the archives." in restored.out
    assert sorted(json.loads(index.read_text())["archives"]) == ["2026-08", "2026-09", "2026-10"]
    restored = cli("doctor", "--restore", now=NOW)
    assert (restored.code, restored.err) == (1, "ictrack: nothing is damaged, so nothing was restored; `ictrack "
                                                "undo` takes back a change.\n")  # fmt: skip


def test_removing_someone_with_archived_history_reads_only_the_archives_the_index_says_name_them(
    cli, three_months, opened
):
    refused = cli("person", "remove", "dana", now=NOW)
    assert refused.code == 1 and "@dana has 3 items;" in refused.err
    assert sorted(opened) == ["2026-08", "2026-09", "2026-10"]
    opened.clear()
    assert cli("person", "add", "kim", now=NOW).code == 0
    assert cli("person", "remove", "kim", now=NOW).code == 0 and opened == []  # no archive names them


def test_people_count_archived_items_from_the_index_alone_and_as_reading_every_archive(cli, three_months, opened):
    rows = cli("people", "--json", now=NOW).json()
    assert opened == []
    dana = next(row for row in rows if row["handle"] == "dana")
    assert (dana["on_time_rate"], dana["open_commitments"]) == (1.0, 0)  # three delivered on time, all archived
    (three_months / "index.json").unlink()
    assert cli("people", "--json", now=NOW).json() == rows  # every archive read: the same rows
    assert opened == ["2026-08", "2026-09", "2026-10"]
