"""A data folder someone tampered with, or an older release left odd: every command answers in one line, the
store never writes what it would refuse to read, doctor reports whatever the store refuses, and
`doctor --restore` claims only repairs that leave the folder readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def data_file(home: Path) -> Path:
    return home / "ictrack.json"


def edit(path: Path, change) -> None:
    """Change a file's tables as a hand with a text editor would."""
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def one_line(result) -> bool:
    return result.err.count("\n") == 1 and result.err.startswith("ictrack: ") and "Traceback" not in result.err


@pytest.fixture
def with_archive(cli, home) -> Path:
    """Item 1 (for @dana) delivered in November and archived by a change in January; items 2 and 3 live."""
    assert cli("add", "@dana send Q3 figures by fri", now="2026-11-23T09:00").code == 0
    assert cli("done", "1", now="2026-11-24T09:00").code == 0
    assert cli("add", "plan january", now="2027-01-05T09:00").code == 0
    assert cli("add", "book the venue", now="2027-01-05T10:00").code == 0
    assert (home / "archive-2026.json").exists()
    return home


class TestArchiveNames:
    @pytest.mark.parametrize("name", ["archive-02031.json", "archive-0999.json", "archive-2026.json.bak",
                                      "archive-12026.json", "archive-٢٠٢٦.json"])  # fmt: skip
    def test_a_stray_file_named_almost_like_an_archive_is_not_taken_for_one(self, cli, with_archive, name):
        (with_archive / name).write_text("anything at all")
        assert cli("list", "--all").code == 0
        assert cli("show", "1").code == 0
        assert cli("doctor").code == 0
        restored = cli("doctor", "--restore", now="2027-01-05T11:00")
        assert restored.code == 1
        assert sorted(path.name for path in with_archive.glob("archive-*")) == sorted(["archive-2026.json", name])
