"""Interactive paths on a real pseudo-terminal: the care prompt, $EDITOR for thank-yous, the review's exit code."""

import json
import os
import sys

import pexpect
import pytest

from tests import ondisk
from tests.conftest import run_process


def spawn(*args: str, env: dict | None = None) -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-m", "ictrack", *args], env={**os.environ, **(env or {})},
                         encoding="utf-8", timeout=30, dimensions=(40, 120))  # fmt: skip


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def stored(home) -> dict:
    return json.loads((home / "ictrack.json").read_text())


AFTERNOON = {"ICTRACK_NOW": "2026-11-23T14:00"}  # after lunch: every care check is asked


@pytest.mark.pty
def test_care_on_a_terminal_asks_each_check_then_energy(home):
    child = spawn("care", env=AFTERNOON)
    child.expect_exact("Slept today? [y/n] ")
    child.sendline("y")
    child.expect_exact("Break today? [y/n] ")
    child.sendline("maybe")
    child.expect_exact("Please answer y or n.")
    child.expect_exact("Break today? [y/n] ")
    child.sendline("no")
    child.expect_exact("Lunch today? [y/n] ")
    child.sendline("Y")
    child.expect_exact("Moved today? [y/n] ")
    child.sendline("n")
    child.expect_exact("Energy today, 1 (empty) to 5 (full)? ")
    child.sendline("9")
    child.expect_exact("Please answer a number from 1 to 5.")
    child.sendline("2")
    child.expect_exact("Care: done today (slept, lunch; energy 2/5) — streak 1 day.")
    assert finish(child) == 0
    (record,) = stored(home)["care"].values()
    assert (record["day"], record["done"], record["energy"]) == ("2026-11-23", ["slept", "lunch"], 2)


@pytest.mark.pty
def test_answering_again_the_same_day_replaces_the_ticks(home, cli):
    assert cli("care", "--done", "slept,break", now=AFTERNOON["ICTRACK_NOW"]).code == 0
    child = spawn("care", env=AFTERNOON)
    for answer in ("n", "n", "y", "n", "4"):
        child.expect(r"\? (\[y/n\] )?")
        child.sendline(answer)
    assert finish(child) == 0
    (record,) = stored(home)["care"].values()
    assert (record["done"], record["energy"]) == (["lunch"], 4)


@pytest.mark.pty
def test_ctrl_d_at_the_care_prompt_records_nothing(home):
    child = spawn("care", env=AFTERNOON)
    child.expect_exact("Slept today? [y/n] ")
    child.sendline("y")
    child.expect_exact("Break today? [y/n] ")
    child.sendeof()
    child.expect_exact("today's care check was not recorded")
    assert finish(child) == 1
    assert not (home / "ictrack.json").exists()


@pytest.mark.pty
def test_care_before_work_asks_nothing_about_lunch_or_a_break_and_keeps_what_was_ticked(home, cli):
    assert cli("care", "--done", "lunch", now="2026-11-23T08:00").code == 0  # ticked by hand: kept
    child = spawn("care", env={"ICTRACK_NOW": "2026-11-23T08:50"})
    child.expect_exact("Slept today? [y/n] ")
    child.sendline("y")
    child.expect_exact("Moved today? [y/n] ")  # no break yet, no lunch yet
    child.sendline("n")
    child.expect_exact("Energy today, 1 (empty) to 5 (full)? ")
    child.sendline("3")
    child.expect_exact("Care: done today (slept, lunch; energy 3/5)")
    assert finish(child) == 0
    (record,) = stored(home)["care"].values()
    assert (record["done"], record["energy"]) == (["slept", "lunch"], 3)


def test_care_off_a_terminal_without_options_only_reports(home):
    result = run_process("care")
    assert (result.returncode, result.stdout) == (0, "Care: not done yet today — run ictrack care (streak 0 days).\n")
    assert not (home / "ictrack.json").exists()


@pytest.fixture
def editor(tmp_path):
    """A fake editor that rewrites the greeting and adds a line, as a person would."""
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\nsed -i "s/^Hi Sam,/Sam,/" "$1"\nprintf "Drinks on me on Friday.\\n" >> "$1"\n')
    script.chmod(0o755)
    return script


@pytest.mark.pty
def test_thank_on_a_terminal_opens_the_editor_on_the_draft_and_stores_what_was_saved(home, editor, cli):
    assert cli("helped", "@sam fixed the build").code == 0
    child = spawn("thank", "1", env={"EDITOR": f"sh {editor}"})  # an editor with arguments, split without a shell
    child.expect_exact("Thanked 1: @sam for fixed the build")
    assert finish(child) == 0
    note = ondisk.items(home / "ictrack.json")[1]["thank_note"]
    assert note.startswith('Sam, I wanted to say thanks for your help today: "fixed the build".')  # as edited
    assert note.endswith("\nDrinks on me on Friday.")
    assert cli("thanks", "--json").out.strip() == "[]"


@pytest.mark.pty
def test_an_editor_that_leaves_the_note_empty_records_nothing(home, tmp_path, cli):
    assert cli("helped", "@sam fixed the build").code == 0
    before = (home / "ictrack.json").read_bytes()
    emptier = tmp_path / "empty.sh"
    emptier.write_text('#!/bin/sh\n: > "$1"\n')
    emptier.chmod(0o755)
    child = spawn("thank", "1", env={"EDITOR": str(emptier)})
    child.expect_exact("the note was empty; no thank-you was recorded.")
    assert finish(child) == 1
    assert (home / "ictrack.json").read_bytes() == before


@pytest.mark.pty
def test_a_missing_editor_says_how_to_go_on(home, cli):
    assert cli("helped", "@sam fixed the build").code == 0
    child = spawn("thank", "1", env={"EDITOR": "no-such-editor-here"})
    child.expect_exact('can\'t run the editor "no-such-editor-here"; set $EDITOR, or give the note with --note.')
    assert finish(child) == 2


@pytest.mark.pty
def test_a_review_that_fails_on_start_exits_non_zero(home, tmp_path):
    # the review as an installed copy without its stylesheet would start: Textual cannot read the CSS
    wrapper = tmp_path / "review_without_css.py"
    wrapper.write_text(
        "import sys\n"
        "from ictrack.tui.app import IctrackApp\n"
        "IctrackApp.CSS_PATH = sys.argv[1]\n"
        "from ictrack.cli import main\n"
        "sys.exit(main(['ui']))\n"
    )
    missing = tmp_path / "missing" / "app.tcss"
    child = pexpect.spawn(sys.executable, [str(wrapper), str(missing)], env=dict(os.environ), encoding="utf-8",
                          timeout=30, dimensions=(40, 120))  # fmt: skip
    child.expect_exact("unable to read CSS file")
    assert finish(child) == 1
    assert not (home / "ictrack.json").exists()
