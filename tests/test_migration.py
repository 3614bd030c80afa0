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
    assert SCHEMA == 4


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
    data, archive = (ondisk.read(release_folder / name) for name in FILES)
    assert data["meta"]["1"]["schema"] == archive["meta"]["1"]["schema"] == SCHEMA
    people = ondisk.handles(data)
    assert sorted(people.values()) == ["dana", "kim", "lee", "payroll", "sam"]
    for table in (data, archive):
        for key, record in table["items"].items():
            assert key == record["uuid"] and "person" not in record
            assert record["person_id"] is None or record["person_id"] in people
    archived_before = sorted(record["id"] for record in json.loads(before["archive-2026.json"])["items"].values())
    archived = ondisk.items(release_folder / "archive-2026.json", people_from=release_folder / "ictrack.json")
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
