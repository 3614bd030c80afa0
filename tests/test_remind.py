"""`ictrack remind`: the nudges due now, each said once across repeated runs and clock jumps, quiet outside
working hours; by a fake notify-send on PATH, terminal escapes, or plain lines; and the systemd units and crontab
line that run it. The clock is pinned by each run (ICTRACK_NOW); Monday 23 November 2026, London."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ictrack.core.nudges import due_nudges, unsaid, working
from ictrack.core.settings import Config
from ictrack.text import osc_notification

AFTERNOON = "2026-11-23T15:30"  # Monday, after the care reminder (15:00)
LINES = {
    "Overdue: 2 send the minutes — overdue by 3h",
    "At risk: 3 send Q3 figures → @dana — due in 2h",
    "Due soon: 4 book the venue — due in 22h",
    "Follow up: 5 the deck ← @lee — was due 3h ago; ictrack nudge 5",
    "Thank-you owed: 1 fixed the build ♥ @sam — helped Sat 21 Nov 10:00; ictrack thank 1",
    "Check-in due: @boss (none yet) — how are we doing? ictrack checkin boss",
    "Care check: today's care check is not done yet — ictrack care",
}


@pytest.fixture
def fake_bin(tmp_path, monkeypatch) -> Path:
    """A folder first on PATH, holding a notify-send that logs its arguments (one JSON list a line)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "notified.jsonl"
    script = folder / "notify-send"
    script.write_text(f"#!{sys.executable}\nimport json, sys\nwith open({str(log)!r}, 'a') as log:\n"
                      "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n")  # fmt: skip
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def notified(tmp_path) -> list[list[str]]:
    log = tmp_path / "notified.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def every_reason(cli, home):
    """At 15:30 on Monday, one of each: overdue, at risk, due soon, an ask past its date, a thank-you owed since
    Saturday, a manager with no check-in for seven weeks, and no care check."""
    steps = [
        ("2026-10-01T09:00", "person", "add", "boss", "--kind", "manager"),
        ("2026-11-21T10:00", "helped", "@sam fixed the build"),
        ("2026-11-23T08:00", "add", "send the minutes by 12:30"),
        ("2026-11-23T08:00", "add", "@dana send Q3 figures by 5:30pm"),
        ("2026-11-23T08:00", "add", "book the venue by tue 1:30pm"),
        ("2026-11-23T08:00", "ask", "@lee the deck by 12:30"),
    ]
    for now, *args in steps:
        assert cli(*args, now=now).code == 0, args
    return cli


def said(result) -> set[str]:
    assert result.code == 0, result.err
    return set(result.out.splitlines())


def test_each_reason_is_said_once_on_stdout_and_never_again(every_reason):
    assert said(every_reason("remind", "--via", "stdout", now=AFTERNOON)) == LINES
    assert every_reason("remind", "--via", "stdout", now=AFTERNOON).out == ""
    assert every_reason("remind", "--via", "stdout", now="2026-11-23T15:35").out == ""


def test_a_clock_set_back_or_jumping_ahead_says_nothing_twice(every_reason):
    first = said(every_reason("remind", "--via", "stdout", now=AFTERNOON))
    assert every_reason("remind", "--via", "stdout", now="2026-11-23T10:00").out == ""  # back: none graver
    ahead = said(every_reason("remind", "--via", "stdout", now="2026-11-24T10:00"))
    assert not ahead & first
    assert {line.split(":")[0] for line in ahead} == {"At risk", "Overdue"}  # the venue, then the two due Monday
    assert every_reason("remind", "--via", "stdout", now="2026-11-23T15:30").out == ""  # and back again


def test_a_commitment_is_said_again_as_it_grows_graver_and_after_a_move(cli):
    assert cli("add", "send the report by tue 4pm", now="2026-11-23T09:00").code == 0
    assert said(cli("remind", "--via", "stdout", now="2026-11-23T16:30")) == {
        "Due soon: 1 send the report — due in 24h",
        "Care check: today's care check is not done yet — ictrack care",
    }
    assert said(cli("remind", "--via", "stdout", now="2026-11-24T13:00")) == {"At risk: 1 send the report — due in 3h"}
    assert cli("move", "1", "wed 4pm", now="2026-11-24T13:05").code == 0
    assert cli("remind", "--via", "stdout", now="2026-11-24T14:00").out == ""
    assert said(cli("remind", "--via", "stdout", now="2026-11-24T16:30")) == {
        "Due soon: 1 send the report — due in 24h",
        "Care check: today's care check is not done yet — ictrack care",
    }


@pytest.mark.parametrize("now", ["2026-11-23T08:59", "2026-11-23T17:00", "2026-11-23T23:30", "2026-11-28T15:30",
                                 "2026-11-29T11:00"])  # fmt: skip
def test_nothing_is_said_outside_working_days_and_hours_and_it_waits_for_them(every_reason, home, now):
    assert every_reason("remind", "--via", "stdout", now=now).out == ""
    assert not (home / "reminded.json").exists()
    assert every_reason("remind", "--via", "stdout", now=AFTERNOON).out != ""


def test_working_hours_and_days_come_from_the_config(every_reason, home):
    (home.parent / "config.toml").write_text('workday_start = "07:00"\nworkday_end = "16:00"\nworkdays = ["sat"]\n')
    assert every_reason("remind", "--via", "stdout", now=AFTERNOON).out == ""  # a Monday
    assert every_reason("remind", "--via", "stdout", now="2026-11-28T15:30").out != ""
    assert every_reason("remind", "--via", "stdout", now="2026-11-28T16:30").out == ""


def test_the_care_reminder_waits_for_its_hour_and_can_be_off(cli, home):
    assert cli("remind", "--via", "stdout", now="2026-11-23T14:59").out == ""
    assert cli("remind", "--via", "stdout", now="2026-11-23T15:00").out.startswith("Care check:")
    (home.parent / "config.toml").write_text("care_reminder = false\n")
    assert cli("remind", "--via", "stdout", now="2026-11-24T16:00").out == ""


def test_a_snoozed_item_is_not_said_until_it_is_back(cli):
    assert cli("add", "send the minutes by 10am wait tue", now="2026-11-23T08:00").code == 0
    assert "send the minutes" not in cli("remind", "--via", "stdout", now=AFTERNOON).out
    assert "Overdue: 1 send the minutes" in cli("remind", "--via", "stdout", now="2026-11-24T09:30").out


def test_desktop_notifications_go_through_notify_send_and_are_said_once(every_reason, fake_bin, tmp_path):
    assert every_reason("remind", "--via", "desktop", now=AFTERNOON).out == ""
    calls = notified(tmp_path)
    assert len(calls) == 5  # at most five pop up at once
    assert calls[0] == ["--app-name=ictrack", "--urgency=critical", "ictrack: Overdue",
                        "2 send the minutes — overdue by 3h"]  # fmt: skip
    assert calls[1][1:] == ["--urgency=normal", "ictrack: At risk", "3 send Q3 figures → @dana — due in 2h"]
    assert calls[-1][2:] == ["ictrack: 3 more", "ictrack brief shows what needs you"]
    every_reason("remind", "--via", "desktop", now=AFTERNOON)
    assert len(notified(tmp_path)) == 5


def test_auto_off_a_terminal_notifies_the_desktop_and_prints_the_lines(every_reason, fake_bin, tmp_path):
    assert said(every_reason("remind", now=AFTERNOON)) == LINES
    assert len(notified(tmp_path)) == 5


def test_a_notify_send_that_fails_leaves_the_lines_on_stdout(every_reason, fake_bin):
    (fake_bin / "notify-send").write_text(
        "#!/bin/sh\necho 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2\nexit 1\n"
    )
    result = every_reason("remind", "--via", "desktop", now=AFTERNOON)
    assert said(result) == LINES
    assert "no desktop notification (notify-send failed: Cannot autolaunch D-Bus" in result.err


def test_markup_in_a_title_reaches_notify_send_as_text(cli, fake_bin, tmp_path):
    assert cli("add", "fix <b>bold</b> & co by 4pm", now="2026-11-23T09:00").code == 0
    cli("remind", "--via", "desktop", now="2026-11-23T14:00")
    assert notified(tmp_path)[0][-1] == "1 fix &lt;b&gt;bold&lt;/b&gt; &amp; co — due in 2h"


def test_an_osc_notification_off_a_terminal_is_not_sent_and_the_lines_are_printed(every_reason):
    result = every_reason("remind", "--via", "osc9", now=AFTERNOON)
    assert said(result) == LINES and "\x1b" not in result.out
    assert "standard output is not a terminal, so no OSC 9 notification was sent" in result.err


def test_the_terminal_escapes_hold_the_text_safely_and_pass_through_tmux():
    assert osc_notification("ictrack: Overdue", "1 send it") == "\x1b]9;ictrack: Overdue: 1 send it\x07"
    assert osc_notification("a;b", "x\x07\x1b]0;pwned", kind=777) == "\x1b]777;notify;a,b;x\\x07\\x1b]0;pwned\x07"
    assert osc_notification("t", "b", tmux=True) == "\x1bPtmux;\x1b\x1b]9;t: b\x07\x1b\\"


def test_remind_on_a_terminal_sends_osc_9_and_prints_the_lines(every_reason, home):
    """In a real pseudo-terminal: the escape, then the lines."""
    import pty

    env = {**os.environ, "ICTRACK_NOW": AFTERNOON, "PATH": os.path.dirname(sys.executable)}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "ictrack", "remind"], env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    text = output.decode()
    assert "\x1b]9;ictrack: Overdue: 2 send the minutes — overdue by 3h\x07" in text
    assert "Care check: today's care check is not done yet — ictrack care" in text


def test_what_was_said_is_kept_in_a_small_private_file(every_reason, home):
    every_reason("remind", "--via", "stdout", now=AFTERNOON)
    kept = json.loads((home / "reminded.json").read_text())["said"]
    assert len(kept) == 7 and set(kept.values()) == {"2026-11-23T15:30:00+00:00"}
    assert (home / "reminded.json").stat().st_mode & 0o777 == 0o600
    assert every_reason("remind", "--via", "stdout", now="2027-03-01T10:00").code == 0  # 98 days on
    assert "care:2026-11-23" not in json.loads((home / "reminded.json").read_text())["said"]


def test_a_damaged_record_of_what_was_said_starts_afresh(every_reason, home):
    home.mkdir(exist_ok=True)
    (home / "reminded.json").write_text("{not json")
    assert said(every_reason("remind", "--via", "stdout", now=AFTERNOON)) == LINES


@pytest.mark.parametrize("via", ["bell", "desktop,pager", ""])
def test_an_unknown_output_is_one_line_and_exit_2(every_reason, via):
    result = every_reason("remind", "--via", via, now=AFTERNOON)
    assert (result.code, result.out, result.err.count("\n")) == (2, "", 1) and "--via" in result.err


def test_the_nudges_are_pure_and_the_night_shift_belongs_to_the_day_it_started():
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    night = Config(workday_start=time(22), workday_end=time(6))
    assert working(datetime(2026, 11, 28, 2, 0, tzinfo=london), night)  # Friday's shift, early on Saturday
    assert not working(datetime(2026, 11, 29, 2, 0, tzinfo=london), night)  # Saturday's: no shift
    assert not working(datetime(2026, 11, 23, 12, 0, tzinfo=london), night)
    care = due_nudges([], {}, [], None, {}, Config(), datetime(2026, 11, 23, 15, 0, tzinfo=london))
    assert [nudge.key for nudge in care] == ["care:2026-11-23"] and unsaid(care, ["care:2026-11-23"]) == []


# -- running it from a timer ----------------------------------------------------------------------------------


@pytest.fixture
def user_folders(tmp_path, monkeypatch) -> Path:
    """XDG_CONFIG_HOME in the test's folder, and a PATH with a systemctl that logs what it is asked."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "sbin"
    folder.mkdir()
    script = folder / "systemctl"
    script.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "systemctl.log"}\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return tmp_path / "config" / "systemd" / "user"


def test_install_systemd_shows_what_it_writes_then_writes_and_starts_the_timer(cli, home, user_folders, tmp_path):
    result = cli("remind", "--install", "systemd", "--yes")
    assert result.code == 0, result.err
    service, timer = (user_folders / name for name in ("ictrack-remind.service", "ictrack-remind.timer"))
    assert f"{service}:\n{service.read_text()}" in result.out and f"{timer}:\n{timer.read_text()}" in result.out
    assert "OnCalendar=Mon..Fri *-*-* *:00/5:00\nPersistent=true\n" in timer.read_text()
    assert "WantedBy=timers.target" in timer.read_text()
    assert f'ExecStart="{sys.executable}" "-m" "ictrack" "remind"\n' in service.read_text()
    assert f'Environment="ICTRACK_HOME={home}"\n' in service.read_text()
    assert (
        tmp_path / "systemctl.log"
    ).read_text() == "--user daemon-reload\n--user enable --now ictrack-remind.timer\n"


def test_install_systemd_off_a_terminal_without_yes_writes_nothing(cli, user_folders):
    result = cli("remind", "--install", "systemd")
    assert result.code == 1 and "add --yes" in result.err and "[Timer]" in result.out
    assert not user_folders.exists()


def test_install_systemd_follows_the_working_days(cli, home, user_folders):
    (home.parent / "config.toml").write_text('workdays = ["sun", "mon", "tue", "wed", "thu"]\n')
    assert cli("remind", "--install", "systemd", "--yes").code == 0
    assert "OnCalendar=Mon..Thu,Sun *-*-* *:00/5:00" in (user_folders / "ictrack-remind.timer").read_text()


def test_uninstall_removes_only_what_install_wrote(cli, user_folders, tmp_path):
    assert cli("remind", "--install", "systemd", "--yes").code == 0
    result = cli("remind", "--uninstall", "--yes")
    assert result.out == f"Removed ictrack-remind.timer, ictrack-remind.service from {user_folders}.\n"
    assert list(user_folders.iterdir()) == []
    assert "--user disable --now ictrack-remind.timer\n" in (tmp_path / "systemctl.log").read_text()
    (user_folders / "ictrack-remind.timer").write_text("[Timer]\nOnCalendar=daily\n")  # the user's own
    again = cli("remind", "--uninstall", "--yes")
    assert "was not written by ictrack; it is left alone" in again.err and "Nothing to remove" in again.out
    assert (user_folders / "ictrack-remind.timer").exists()
    refused = cli("remind", "--install", "systemd", "--yes")
    assert refused.code == 1 and "was not written by ictrack" in refused.err


def test_install_cron_prints_the_crontab_line(cli, home, monkeypatch):
    monkeypatch.delenv("ICTRACK_CONFIG")
    result = cli("remind", "--install", "cron")
    assert result.out == f"*/5 * * * 1-5 ICTRACK_HOME={home} {sys.executable} -m ictrack remind --via stdout\n"
    assert "crontab -e" in result.err


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemd_analyze_verify(cli, user_folders, monkeypatch):
    monkeypatch.setenv("PATH", os.defpath)
    assert cli("remind", "--install", "systemd", "--yes").code == 0
    units = [str(user_folders / name) for name in ("ictrack-remind.timer", "ictrack-remind.service")]
    checked = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
