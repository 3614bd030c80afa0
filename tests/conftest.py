"""Shared fixtures: every test gets its own data folder, config path and pinned clock."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ictrack.cli import main
from tests import ondisk

PINNED_NOW = "2026-11-23T09:00"  # a Monday
ZONE = "Europe/London"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A temporary ICTRACK_HOME, a missing config file, London time, a pinned Monday morning, no COLUMNS."""
    data = tmp_path / "data"
    monkeypatch.setenv("ICTRACK_HOME", str(data))
    monkeypatch.setenv("ICTRACK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("ICTRACK_NOW", PINNED_NOW)
    monkeypatch.setenv("TZ", ZONE)
    monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", "5")
    monkeypatch.delenv("COLUMNS", raising=False)  # listings fit the terminal's width: 80 off a terminal
    return data


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(home, capsys, monkeypatch):
    """Run ictrack in-process: cli("add", "...", now="2026-11-24T10:00") -> Result."""

    def run(*args: str, now: str | None = None) -> Result:
        if now is not None:
            monkeypatch.setenv("ICTRACK_NOW", now)
        try:
            code = main(list(args))
        except SystemExit as exit:
            code = exit.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def with_archive(cli, home) -> Path:
    """Item 1 (for @dana) delivered in November and archived by a change in January; items 2 and 3 live."""
    assert cli("add", "@dana send Q3 figures by fri", now="2026-11-23T09:00").code == 0
    assert cli("done", "1", now="2026-11-24T09:00").code == 0
    assert cli("add", "plan january", now="2027-01-05T09:00").code == 0
    assert cli("add", "book the venue", now="2027-01-05T10:00").code == 0
    assert 1 not in ondisk.items(home / "ictrack.json") and (home / "archive-2026-11.json").exists()
    return home


def run_process(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run ictrack as a real process (python -m ictrack) with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "ictrack", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def pytest_terminal_summary(terminalreporter) -> None:
    """After a run that went through the phrase corpus, how many phrases it has in each class."""
    reports = [report for kind in ("passed", "failed") for report in terminalreporter.stats.get(kind, [])]
    if not any(getattr(report, "nodeid", "").startswith("tests/test_corpus.py") for report in reports):
        return
    from tests.test_corpus import CLASSES, counts

    per_class = counts()
    terminalreporter.section(f"phrase corpus: {sum(per_class.values())} phrases")
    for name, count in sorted(per_class.items(), key=lambda pair: (-pair[1], pair[0])):
        terminalreporter.write_line(f"{count:>5}  {name:<14} {CLASSES[name]}")
