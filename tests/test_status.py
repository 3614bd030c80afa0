"""`ictrack status`: one short line of counts for a prompt or a status bar, lean and lock-free.

The clock is pinned on Monday 23 November 2026, 09:00 in London (tests/conftest.py).
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def busy(cli, home, monkeypatch):
    """At 09:00: 1 overdue, 2 at risk, 3 also due today, a thank-you owed, an overdue ask, and one snoozed."""
    (home.parent / "config.toml").write_text("daily_capacity = 20\n")  # no day over capacity
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    for now, *args in (
        ("2026-11-23T07:00", "add", "send the minutes by 8am"),
        ("2026-11-23T07:00", "add", "@dana send Q3 figures by 10am"),
        ("2026-11-23T07:00", "add", "@ops restore backups by 11am"),
        ("2026-11-23T07:00", "add", "call the bank by 4pm"),
        ("2026-11-23T07:00", "add", "tidy the inbox by 5pm"),
        ("2026-11-23T07:00", "add", "draft the rota by 5pm"),
        ("2026-11-23T07:00", "ask", "@lee the deck by 8am"),
        ("2026-11-23T07:00", "helped", "@sam fixed the build"),
        ("2026-11-23T07:00", "add", "book the venue by 3pm wait tue"),
    ):
        assert cli(*args, now=now).code == 0, args
    monkeypatch.setenv("ICTRACK_NOW", "2026-11-23T09:00")
    return cli


def test_status_prints_the_counts_that_are_not_zero_on_one_line(busy):
    assert busy("status").out == "1!! 2! 3 today ♥1\n"


def test_nothing_to_count_is_an_empty_line(cli, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert (cli("status").code, cli("status").out) == (0, "\n")


def test_a_snoozed_item_is_counted_only_once_it_is_back(busy):
    assert busy("status", "--format", "{today} {waiting}").out == "3 1\n"
    assert busy("status", now="2026-11-24T09:00").out == "7!! ♥1\n"  # Monday's six, and the venue overdue


def test_format_names_every_field(busy):
    line = "{overdue}|{at_risk}|{today}|{follow_up}|{thanks}|{checkins}|{waiting}|{care}|{heart}"
    assert busy("status", "--format", line).out == "1|2|3|1|1|0|1|0|♥\n"
    assert busy("care", "--done", "slept").code == 0
    assert busy("status", "--format", "care {care}").out == "care 1\n"


@pytest.mark.parametrize("template", ["{soon}", "{overdue:>999999999}", "{overdue!r}", "{", "}"])
def test_a_format_with_anything_else_is_one_line_and_exit_2(busy, template):
    result = busy("status", "--format", template)
    assert (result.code, result.out, result.err.count("\n")) == (2, "", 1)
    assert result.err.startswith("ictrack: ") and "docs/reach.md#status" in result.err


@pytest.mark.parametrize("locale", [{"LC_ALL": "C"}, {"LANG": "C"}, {"LANG": "en_GB.ISO-8859-1"}])
def test_a_locale_that_is_not_utf8_gets_plain_ascii(busy, monkeypatch, locale):
    for name, value in locale.items():
        monkeypatch.setenv(name, value)
    assert busy("status").out == "1!! 2! 3 today 1 thanks\n"
    assert busy("status", "--format", "{heart}{thanks}").out == "<31\n"


def test_status_never_takes_the_lock(busy, home, monkeypatch):
    monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", "0")
    with open(home / "ictrack.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another ictrack in the middle of a change
        assert busy("add", "one more").code == 3  # a change waits for the lock, and here gives up at once
        assert busy("status").out == "1!! 2! 3 today ♥1\n"


def test_status_on_a_folder_that_does_not_exist_yet_creates_nothing(cli, home):
    assert cli("status").code == 0 and not home.exists()


def test_status_imports_nothing_a_quick_add_does_not(home):
    loaded = {}
    for name, argv in (("add", ["add", "@dana send figures by fri 3pm +finance"]), ("status", ["status"])):
        script = (
            f"import sys, json\nfrom ictrack.cli import main\nmain({argv!r})\nprint(json.dumps(sorted(sys.modules)))"
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy())
        loaded[name] = set(json.loads(result.stdout.splitlines()[-1]))
    assert loaded["status"] - loaded["add"] == {"ictrack.cli.reach"}
