"""The README's tour, replayed: each `$ ictrack …` line in its console blocks, in order, prints what it shows.

A block's output is compared line by line; one that ends in `…` is compared up to there. A command shown
without output must still succeed. The clock is the README's own (`ICTRACK_NOW=2026-11-23T09:00`).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def tour() -> list[tuple[list[str], list[str]]]:
    """(arguments after `ictrack`, the lines shown below it) for every command of every console block."""
    steps: list[tuple[list[str], list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(), re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                words = shlex.split(line[2:], comments=True)
                assert words[0] == "ictrack", line
                steps.append((words[1:], []))
            else:
                steps[-1][1].append(line)
    return steps


def test_the_readme_has_a_tour_to_replay():
    assert len(tour()) >= 20


def test_every_command_of_the_tour_prints_what_the_readme_shows(cli, home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    differences = []
    for args, shown in tour():
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        printed = result.out.rstrip("\n").splitlines()
        if shown and shown[-1] == "…":
            printed, shown = printed[: len(shown) - 1], shown[:-1]
        if shown and printed != shown:
            differences.append("\n".join([f"$ ictrack {shlex.join(args)}", *printed]))
    assert not differences, "the README shows otherwise:\n" + "\n\n".join(differences)
