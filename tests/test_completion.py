"""Shell completion: the script loaded in a real bash, completing commands, options, @handles, +tags and #tags."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ictrack.cli import build_parser
from ictrack.cli.completion import SCRIPTS

BIN = Path(sys.executable).parent  # where `ictrack` is installed beside this Python


@pytest.fixture
def people(cli, home) -> dict:
    for text in ("@dana send Q3 figures #finance", "@dan.k book the venue #ops", "@lee review #finance-q4"):
        assert cli("add", text).code == 0
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def complete(env: dict, line: str, words: list[str] | None = None) -> list[str]:
    """What bash's completion function offers for `line` (cursor at its end), with the script sourced.

    `words` is how bash split the line, when that is not at spaces only.
    """
    words = words or line.split(" ")
    program = f"""
        source <(ictrack completion bash) || exit 9
        complete -p ictrack >/dev/null || exit 8
        COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}
        COMP_WORDS=({" ".join(shlex.quote(word) for word in words)}); COMP_CWORD={len(words) - 1}
        _ictrack
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return [reply for reply in done.stdout.splitlines() if reply]


def test_handles_and_tags_come_from_the_data_file_without_loading_the_tui(cli, people):
    assert cli("completion", "handles").out == "dan.k\ndana\nlee\n"
    assert cli("completion", "tags").out == "finance\nfinance-q4\nops\n"
    probe = "import sys; from ictrack.cli import main; main(['completion', 'handles']); print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], env=people, capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "False"


def test_bash_completes_a_command(people):
    assert complete(people, "ictrack che") == ["checkin"]
    assert complete(people, "ictrack ex") == ["export"]


def test_bash_completes_a_known_handle_and_a_tag_in_the_text(people):
    assert complete(people, "ictrack add send the deck @da") == ["@dan.k", "@dana"]
    # an interactive bash splits words at @; readline still replaces from the @, so the reply keeps it
    split = ["ictrack", "add", "send", "the", "deck", "@", "da"]
    assert complete(people, "ictrack add send the deck @da", split) == ["@dan.k", "@dana"]
    assert complete(people, "ictrack add send the deck #fin") == ["\\#finance", "\\#finance-q4"]  # not a comment
    assert complete(people, 'ictrack add "send the deck #fin') == [
        "send the deck #finance",
        "send the deck #finance-q4",
    ]


def test_bash_completes_a_plus_tag_and_the_flags_in_the_text(people):
    assert complete(people, "ictrack add send the deck +fin") == ["+finance", "+finance-q4"]
    offered = ["+finance", "+finance-q4", "+ops", "+ext", "+high", "+low"]
    assert complete(people, "ictrack add send the deck +") == offered
    assert complete(people, 'ictrack ask "@lee review the deck +h') == ["@lee review the deck +high"]


def test_fish_completes_handles_tags_and_flags_in_the_text_where_fish_is_installed(people):
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    program = 'source (ictrack completion fish | psub); complete -C "ictrack add send the deck "'
    done = subprocess.run(["fish", "--no-config", "-c", program], env=people, capture_output=True, text=True)
    offered = set(done.stdout.split())
    assert {"@dana", "@lee", "+finance", "#finance", "+ops", "#ops", "+ext", "+high", "+low"} <= offered, done.stderr


def test_bash_completes_options_and_their_values(people):
    assert complete(people, "ictrack drop --se") == ["--series"]
    assert complete(people, "ictrack list --person l") == ["lee"]
    assert complete(people, "ictrack checkin d") == ["dan.k", "dana"]
    assert complete(people, "ictrack export ") == ["json", "ics"]
    assert complete(people, "ictrack completion z") == ["zsh"]


def test_every_command_and_option_of_the_parser_is_in_each_script():
    parser = build_parser()
    scripts = {shell: SCRIPTS[shell](parser) for shell in SCRIPTS}
    for name, sub in next(a for a in parser._actions if hasattr(a, "choices") and a.choices).choices.items():
        for flag in (f for action in sub._actions for f in action.option_strings if f.startswith("--")):
            assert flag in scripts["bash"] and f"-l {flag[2:]}" in scripts["fish"], (name, flag)
        assert name in scripts["zsh"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_the_zsh_and_fish_scripts_parse_where_those_shells_are_installed(shell, people):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    script = subprocess.run(["ictrack", "completion", shell], env=people, capture_output=True, text=True).stdout
    checked = subprocess.run([shell, "-n"], input=script, env=people, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tab_in_an_interactive_bash_completes_a_handle(people, tmp_path):
    rc = tmp_path / "bashrc"
    rc.write_text("PS1='$ '\neval \"$(ictrack completion bash)\"\n")
    session = f"ictrack-completion-check-{os.getpid()}"  # a server of its own: runs side by side never share it
    tmux = ["tmux", "-L", session]
    env = {key: value for key, value in people.items() if key != "TMUX"}
    subprocess.run([*tmux, "new", "-d", "-s", session, "-x", "100", "-y", "10",
                    f"bash --noprofile --rcfile {rc} -i"], env=env, check=True)  # fmt: skip
    try:
        time.sleep(0.5)
        subprocess.run([*tmux, "send-keys", "-t", session, "ictrack add send it @le", "Tab"], check=True)
        deadline, shown = time.monotonic() + 10, ""
        while time.monotonic() < deadline and "@lee" not in shown:
            time.sleep(0.2)
            shown = subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
        assert "$ ictrack add send it @lee" in shown
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
