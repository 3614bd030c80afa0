"""Schema 3 -> 4 on a folder the schema-3 release wrote: read the same, upgraded after a backup, undone the same.

The fixture (tests/fixtures/schema-3/, a data file and its 2026 archive) and the exports after each of twelve
undos (tests/fixtures/schema-3-undos.json) were written by that release, with tests/fixtures/schema-3-make.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ictrack.storage import SCHEMA
from tests import ondisk

FIXTURES = Path(__file__).parent / "fixtures"
RELEASE = json.loads((FIXTURES / "schema-3-undos.json").read_text())
FILES = ("ictrack.json", "archive-2026.json")


def export(cli) -> dict:
    """What `export json` gives, without the moment of export or the people's uuids (schema 3 had none)."""
    result = cli("export", "json")
    assert result.code == 0, result.err
    document = result.json()
    document.pop("exported_at")
    for person in document["people"]:
        person.pop("uuid")
    return document


@pytest.fixture
def release_folder(home) -> Path:
    shutil.copytree(FIXTURES / "schema-3", home)
    return home


def test_the_release_fixture_is_schema_3_with_an_archive():
    data = json.loads((FIXTURES / "schema-3" / "ictrack.json").read_text())
    assert (data["meta"]["1"]["schema"], data["meta"]["1"]["archives"]) == (3, [2026])
    assert SCHEMA > 3


def test_a_schema_3_folder_reads_as_the_release_read_it_and_reading_writes_nothing(cli, release_folder):
    before = {name: (release_folder / name).read_bytes() for name in FILES}
    assert export(cli) == RELEASE["exports"][0]
    assert cli("show", "4").code == 0  # an archived item, read from the schema-3 archive
    assert {name: (release_folder / name).read_bytes() for name in FILES} == before


def test_the_first_write_backs_up_both_files_then_upgrades_both(cli, release_folder):
    before = {name: (release_folder / name).read_bytes() for name in FILES}
    assert cli("undo", "--yes").code == 0  # of a change made in November 2026
    (backup,) = (release_folder / "backups").iterdir()
    assert backup.name.endswith("-before-upgrade")
    assert {name: (backup / name).read_bytes() for name in FILES} == before
    september = release_folder / "archive-2026-09.json"  # every record archived in 2026 was settled in September
    data, archive = ondisk.read(release_folder / "ictrack.json"), ondisk.read(september)
    assert data["meta"]["1"]["schema"] == archive["meta"]["1"]["schema"] == SCHEMA
    assert not (release_folder / "archive-2026.json").exists() and data["meta"]["1"]["archives"] == ["2026-09"]
    people = ondisk.handles(data)
    assert sorted(people.values()) == ["dana", "kim", "lee", "payroll", "sam"]
    for table in (data, archive):
        for key, record in table["items"].items():
            assert key == record["uuid"] and "person" not in record
            assert record["person_id"] is None or record["person_id"] in people
    archived_before = sorted(record["id"] for record in json.loads(before["archive-2026.json"])["items"].values())
    archived = ondisk.items(september, people_from=release_folder / "ictrack.json")
    assert sorted(archived) == archived_before
    assert cli("doctor").code == 0


def test_every_undo_after_the_upgrade_does_what_the_release_did(cli, release_folder):
    for step, (said, expected) in enumerate(zip(RELEASE["undone"], RELEASE["exports"][1:], strict=True), 1):
        result = cli("undo", "--yes")  # each made on an earlier day
        assert (result.code, result.out.strip()) == (0, said), f"undo {step}"
        assert export(cli) == expected, f"after undo {step}"
    assert cli("doctor").code == 0


def test_two_machines_upgrading_the_same_folder_give_each_person_the_same_uuid(cli, home, tmp_path, monkeypatch):
    uuids = []
    for name in ("laptop", "desktop"):
        folder = tmp_path / name
        shutil.copytree(FIXTURES / "schema-3", folder)
        monkeypatch.setenv("ICTRACK_HOME", str(folder))
        assert cli("care", "--done", "slept").code == 0
        uuids.append(ondisk.handles(ondisk.read(folder / "ictrack.json")))
    assert uuids[0] == uuids[1] and len(uuids[0]) == 5


# Schema 4 -> 5: the folder the schema-4 release wrote (tests/fixtures/schema-4/, by tests/fixtures/schema-4-make.py)
RELEASE_4 = json.loads((FIXTURES / "schema-4-undos.json").read_text())


@pytest.fixture
def schema_4_folder(home) -> Path:
    shutil.copytree(FIXTURES / "schema-4", home)
    return home


def export_4(cli) -> dict:
    result = cli("export", "json")
    assert result.code == 0, result.err
    document = result.json()
    document.pop("exported_at")
    return document


def test_the_schema_4_fixture_is_schema_4_with_an_archive():
    data = json.loads((FIXTURES / "schema-4" / "ictrack.json").read_text())
    archive = json.loads((FIXTURES / "schema-4" / "archive-2026.json").read_text())
    assert (data["meta"]["1"]["schema"], data["meta"]["1"]["archives"], archive["meta"]["1"]["schema"]) == (
        4,
        [2026],
        4,
    )


def test_a_schema_4_folder_reads_as_the_release_read_it_and_reading_writes_nothing(cli, schema_4_folder):
    before = {name: (schema_4_folder / name).read_bytes() for name in FILES}
    assert export_4(cli) == RELEASE_4["exports"][0]
    assert cli("show", "2", "--json").json()["person"] == "lee"  # archived
    assert {name: (schema_4_folder / name).read_bytes() for name in FILES} == before


def test_the_first_write_on_a_schema_4_folder_backs_up_both_files_then_raises_both_to_the_schema_now(
    cli, schema_4_folder
):
    before = {name: (schema_4_folder / name).read_bytes() for name in FILES}
    assert cli("person", "lee.k", "--name", "Lee Kim").code == 0
    (backup,) = (schema_4_folder / "backups").iterdir()
    assert backup.name.endswith("-before-upgrade")
    assert {name: (backup / name).read_bytes() for name in FILES} == before
    data, archive = ondisk.read(schema_4_folder / "ictrack.json"), ondisk.read(schema_4_folder / "archive-2026-09.json")
    assert data["meta"]["1"]["schema"] == archive["meta"]["1"]["schema"] == SCHEMA
    old = json.loads(before["archive-2026.json"])
    assert archive["items"] == old["items"] and archive["checkins"] == old["checkins"]  # nothing to convert
    assert cli("undo").out == "Undid: updated @lee.k\n"
    assert export_4(cli) == RELEASE_4["exports"][0] and cli("doctor").code == 0


def test_every_undo_on_a_schema_4_folder_does_what_the_release_did(cli, schema_4_folder):
    for step, (said, expected) in enumerate(zip(RELEASE_4["undone"], RELEASE_4["exports"][1:], strict=True), 1):
        result = cli("undo", "--yes")  # the release made these changes on earlier days
        assert (result.code, result.out.strip()) == (0, said), f"undo {step}"
        assert export_4(cli) == expected, f"after undo {step}"
    assert cli("doctor").code == 0


def test_an_ictrack_that_reads_up_to_schema_4_refuses_a_folder_with_a_merge_rather_than_losing_it(
    cli, schema_4_folder, monkeypatch
):
    from ictrack.storage import migrations

    assert cli("person", "merge", "lee", "lee.k").code == 0
    monkeypatch.setattr(migrations, "SCHEMA", 4)  # as the schema-4 release reads
    refused = cli("list")
    assert refused.code == 3 and f"written by a newer ictrack (schema {SCHEMA}; this one reads up to 4)" in refused.err


# Schema 5 -> 6: the folder the schema-5 release wrote (tests/fixtures/schema-5/, by tests/fixtures/schema-5-make.py)
RELEASE_5 = json.loads((FIXTURES / "schema-5-undos.json").read_text())
FILES_5 = ("ictrack.json", "archive-2025.json", "archive-2026.json")


@pytest.fixture
def schema_5_folder(home) -> Path:
    shutil.copytree(FIXTURES / "schema-5", home)
    return home


def test_the_schema_5_fixture_is_schema_5_with_two_yearly_archives_a_journal_and_a_redo_stack():
    data = json.loads((FIXTURES / "schema-5" / "ictrack.json").read_text())
    assert (data["meta"]["1"]["schema"], data["meta"]["1"]["archives"]) == (5, [2025, 2026])
    assert len(data["journal"]) == 23 and list(data["redo"]) == ["1"]


def test_a_schema_5_folder_reads_as_the_release_read_it_and_reading_writes_nothing(cli, schema_5_folder):
    before = {name: (schema_5_folder / name).read_bytes() for name in FILES_5}
    assert export_4(cli) == RELEASE_5["exports"][0]
    assert cli("show", "1", "--json").json()["person"] == "sam"  # archived in 2025
    listed = cli("undo", "--list").out.splitlines()
    assert listed[1].endswith("care check") and listed[-1].endswith('added commitment 9 "book the venue"')
    assert sorted(path.name for path in schema_5_folder.iterdir()) == sorted(FILES_5)
    assert {name: (schema_5_folder / name).read_bytes() for name in FILES_5} == before


def test_the_first_write_on_a_schema_5_folder_backs_up_then_moves_the_journal_and_redo_stack_to_their_file(
    cli, schema_5_folder
):
    before = {name: (schema_5_folder / name).read_bytes() for name in FILES_5}
    old = json.loads(before["ictrack.json"])
    assert cli("add", "one more").code == 0
    (backup,) = (schema_5_folder / "backups").iterdir()
    assert backup.name.endswith("-before-upgrade")
    assert {name: (backup / name).read_bytes() for name in FILES_5} == before
    data = ondisk.read(schema_5_folder / "ictrack.json")
    assert "journal" not in data and "redo" not in data and data["meta"]["1"]["commit"] == 24
    journal = ondisk.journal(schema_5_folder)
    assert list(journal) == [*old["journal"], "24"]  # the release's entries, then this change's
    assert [journal[key] for key in old["journal"]] == list(old["journal"].values())
    assert ondisk.redo(schema_5_folder) == {}  # a change empties it
    assert cli("undo").out == 'Undid: added commitment 10 "one more"\n'
    assert export_4(cli) == {**RELEASE_5["exports"][0], "next_id": 11} and cli("doctor").code == 0  # IDs never reused


def test_redo_on_a_schema_5_folder_puts_back_what_the_release_undid(cli, schema_5_folder):
    assert cli("redo").out == 'Redid: added commitment 9 "book the venue"\n'  # the upgrade raised what redo holds
    assert [item["id"] for item in cli("list", "--json").json()][-1] == 9
    assert cli("undo").out == 'Undid: added commitment 9 "book the venue"\n'
    assert export_4(cli) == RELEASE_5["exports"][0] and cli("doctor").code == 0


def archived_records(folder: Path) -> dict[str, dict]:
    """Every archived record of a folder by table and key, whatever archive holds it."""
    tables: dict[str, dict] = {"items": {}, "care": {}, "checkins": {}}
    for path in folder.glob("archive-*.json"):
        for table, records in ondisk.read(path).items():
            if table != "meta":
                tables[table].update(records)
    return tables


def test_the_first_write_on_a_schema_5_folder_writes_each_yearly_archive_anew_by_month_with_the_same_records(
    cli, schema_5_folder
):
    before = archived_records(schema_5_folder)
    assert cli("add", "one more").code == 0
    names = sorted(path.name for path in schema_5_folder.glob("archive-*"))
    assert names == ["archive-2025-12.json", "archive-2026-09.json", "archive-2026-10.json"]
    assert archived_records(schema_5_folder) == before  # not a record changed, only where it is kept
    for name in names:
        archive = ondisk.read(schema_5_folder / name)
        assert archive["meta"]["1"]["archive"] == name[len("archive-") : -len(".json")]
        assert {record["done_at"][:7] for record in archive.get("items", {}).values()} <= {
            archive["meta"]["1"]["archive"]
        }
    meta = ondisk.read(schema_5_folder / "ictrack.json")["meta"]["1"]
    assert meta["archives"] == ["2025-12", "2026-09", "2026-10"]
    assert cli("show", "1", "--json").json()["title"] == "review the 2025 plan" and cli("doctor").code == 0


class Killed(BaseException):
    """A process killed at a moment of the test's choosing."""


def test_an_upgrade_killed_before_the_data_file_reads_by_year_and_the_next_change_writes_the_months_again(
    cli, schema_5_folder, monkeypatch
):
    from ictrack.storage import store

    real = store.FileStorage.write

    def killed_at_the_data_file(storage, data):
        if storage.path.name == "ictrack.json":
            raise Killed
        return real(storage, data)

    monkeypatch.setattr(store.FileStorage, "write", killed_at_the_data_file)
    with pytest.raises(Killed):
        cli("add", "one more")
    monkeypatch.setattr(store.FileStorage, "write", real)
    assert (schema_5_folder / "archive-2026-09.json").exists() and (schema_5_folder / "archive-2026.json").exists()
    assert export_4(cli) == RELEASE_5["exports"][0]  # read by year: the months are not the folder's yet
    checked = cli("doctor")
    assert checked.code == 0 and "archive-2026-09.json is left from an upgrade to schema 7 that was cut short" in (
        checked.out)  # fmt: skip
    (schema_5_folder / "archive-2026-09.json").write_text("{}")  # whatever it holds, it is written again
    assert cli("add", "one more").code == 0
    assert sorted(path.name for path in schema_5_folder.glob("archive-*")) == [
        "archive-2025-12.json", "archive-2026-09.json", "archive-2026-10.json"]  # fmt: skip
    assert len(cli("list", "--all", "--json").json()) == 9 and cli("doctor").code == 0


def test_yearly_archives_left_after_the_upgraded_data_file_are_not_read_and_the_next_change_removes_them(
    cli, schema_5_folder
):
    assert cli("add", "one more").code == 0
    shutil.copy(FIXTURES / "schema-5" / "archive-2026.json", schema_5_folder)  # as if the removal was cut short
    every = cli("list", "--all", "--json").json()
    assert len(every) == 9
    checked = cli("doctor")
    assert checked.code == 0 and "archive-2026.json is left from an upgrade to schema 7 that was cut short" in (
        checked.out)  # fmt: skip
    assert cli("add", "and another").code == 0
    assert not (schema_5_folder / "archive-2026.json").exists()
    assert "cut short" not in cli("doctor").out


def test_the_first_snooze_on_a_schema_5_folder_changes_only_the_item_it_snoozes_and_where_records_are_kept(
    cli, schema_5_folder
):
    old, archived = json.loads((schema_5_folder / "ictrack.json").read_text()), archived_records(schema_5_folder)
    assert cli("snooze", "7", "thu").code == 0
    data = ondisk.read(schema_5_folder / "ictrack.json")
    assert data["meta"]["1"]["schema"] == SCHEMA
    snoozed = next(key for key, record in data["items"].items() if record["id"] == 7)
    assert data["items"][snoozed] == {**old["items"][snoozed], "wait": "2026-11-26"}
    assert {key: record for key, record in data["items"].items() if key != snoozed} == {
        key: record for key, record in old["items"].items() if key != snoozed
    }
    assert archived_records(schema_5_folder) == archived  # records that never waited stay as the release wrote them
    assert cli("undo").out == "Undid: snoozed 7\n"
    assert export_4(cli) == RELEASE_5["exports"][0] and cli("doctor").code == 0


@pytest.mark.parametrize("release", [5, 6])
def test_an_older_ictrack_refuses_a_folder_written_since_rather_than_losing_a_snooze_or_the_journal(
    cli, schema_5_folder, monkeypatch, release
):
    from ictrack.storage import migrations

    assert cli("snooze", "7", "thu").code == 0
    monkeypatch.setattr(migrations, "SCHEMA", release)  # as that release reads
    refused = cli("list")
    assert refused.code == 3
    assert f"written by a newer ictrack (schema {SCHEMA}; this one reads up to {release})" in refused.err


# Schema 6 -> 7: the folder the schema-6 release wrote (tests/fixtures/schema-6/, by tests/fixtures/schema-6-make.py)
RELEASE_6 = json.loads((FIXTURES / "schema-6-undos.json").read_text())


@pytest.fixture
def schema_6_folder(home) -> Path:
    shutil.copytree(FIXTURES / "schema-6", home)
    return home


def test_the_schema_6_fixture_is_schema_6_with_yearly_archives_a_snooze_and_a_redo_stack():
    data = json.loads((FIXTURES / "schema-6" / "ictrack.json").read_text())
    assert (data["meta"]["1"]["schema"], data["meta"]["1"]["archives"], list(data["redo"])) == (6, [2025, 2026], ["1"])
    assert [record.get("wait") for record in data["items"].values() if record["id"] == 7] == ["2026-11-26"]


def test_a_schema_6_folder_reads_as_the_release_read_it_and_reading_writes_nothing(cli, schema_6_folder):
    before = {path.name: path.read_bytes() for path in schema_6_folder.iterdir()}
    assert export_4(cli) == RELEASE_6["exports"][0]
    assert cli("list", "--waiting", "--json").json()[0]["id"] == 7
    listed = cli("undo", "--list").out
    assert listed.splitlines()[1].endswith("snoozed 7")
    assert "Redo puts back, last undone first:\n  Sun 22 Nov 09:13" in listed
    assert {path.name: path.read_bytes() for path in schema_6_folder.iterdir()} == before


def test_the_first_write_on_a_schema_6_folder_moves_the_journal_out_and_archives_by_month_keeping_the_snooze(
    cli, schema_6_folder
):
    old, archived = json.loads((schema_6_folder / "ictrack.json").read_text()), archived_records(schema_6_folder)
    assert cli("add", "one more").code == 0
    data = ondisk.read(schema_6_folder / "ictrack.json")
    assert data["meta"]["1"]["schema"] == SCHEMA and "journal" not in data and "redo" not in data
    assert list(ondisk.journal(schema_6_folder)) == [*old["journal"], str(data["meta"]["1"]["commit"])]
    assert archived_records(schema_6_folder) == archived
    assert sorted(path.name for path in schema_6_folder.glob("archive-*")) == [
        "archive-2025-12.json", "archive-2026-09.json", "archive-2026-10.json"]  # fmt: skip
    assert [record.get("wait") for record in data["items"].values() if record["id"] == 7] == ["2026-11-26"]
    assert cli("undo").out == 'Undid: added commitment 11 "one more"\n'
    assert export_4(cli) == {**RELEASE_6["exports"][0], "next_id": 12} and cli("doctor").code == 0


@pytest.mark.parametrize("schema", [5, 6])
def test_every_undo_on_a_folder_an_older_release_wrote_does_what_that_release_did(cli, home, schema):
    shutil.copytree(FIXTURES / f"schema-{schema}", home)
    release = json.loads((FIXTURES / f"schema-{schema}-undos.json").read_text())
    for step, (said, expected) in enumerate(zip(release["undone"], release["exports"][1:], strict=True), 1):
        result = cli("undo", "--yes")  # the release made these changes on earlier days
        assert (result.code, result.out.strip()) == (0, said), f"undo {step}"
        assert export_4(cli) == expected, f"after undo {step}"
    assert cli("doctor").code == 0


def test_redo_on_a_schema_6_folder_puts_back_the_waiting_ask_the_release_undid(cli, schema_6_folder):
    assert cli("redo").out == 'Redid: added ask 10 "send the minutes"\n'  # the upgrade raised what redo holds
    assert cli("show", "10", "--json").json()["wait"] == "2026-11-23"  # "wait mon", on a Sunday
    assert cli("undo").out == 'Undid: added ask 10 "send the minutes"\n'
    assert export_4(cli) == RELEASE_6["exports"][0] and cli("doctor").code == 0
