"""Start-up of this checkout beside an earlier version, each installed from its wheel in an environment of its own.

A ratio to `python -c pass` moves with the machine; two versions timed in the same run, each against its own
environment's baseline, show what a change did. Each version gets a wheel (the earlier one from `git archive`,
this one from a copy of the checkout, as bench/install.py builds it), a virtual environment under
.bench-compare/, and five years of history written by its own bench/history.py, so each reads data of its own
schema. Cases: `add` on an empty home and on the history, `brief` on the history.

Timing is the CPU time (user + system) of each child, interleaved, median of RUNS: a machine busy with other
work shakes CPU time far less than wall time. With --instructions, each case also runs once under valgrind's
cachegrind, whose instruction counts are the same on a busy machine as on a quiet one.

Usage: python bench/compare_release.py [REF] [--runs N] [--instructions]
       (REF defaults to f0b1566, the last version with schema 3; `make bench-release`)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from install import ROOT, build_wheel, pip
from results import machine, write_section

CACHE = ROOT / ".bench-compare"
PHRASE = "@dana send Q3 figures by fri 3pm #finance"  # a tag both versions read
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},  # bytecode as installed
    "TZ": "Europe/London",
    "ICTRACK_CONFIG": "/nonexistent/config.toml",
    "ICTRACK_NOW": "2026-11-23T09:00",
    "PYTHONHASHSEED": "0",  # the same instructions each run
}


def install(name: str, wheel: Path) -> Path:
    """A fresh environment with the wheel and its dependencies; its python."""
    venv = CACHE / name / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", venv], check=True)
    pip("--python", venv / "bin" / "python", "install", wheel)
    return venv / "bin" / "python"


def prepare(name: str, ref: str | None) -> tuple[Path, Path]:
    """Install REF (the checkout when None) and write its history; its python and its history folder."""
    with tempfile.TemporaryDirectory() as folder:
        if ref is None:
            wheel = build_wheel(Path(folder))
            source = ROOT
        else:
            source = Path(folder) / "source"
            source.mkdir()
            archive = subprocess.run(["git", "-C", ROOT, "archive", ref], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", source], input=archive, check=True)
            pip("wheel", "--no-deps", "--wheel-dir", Path(folder) / "dist", source)
            (wheel,) = (Path(folder) / "dist").glob("ictrack-*.whl")
        python = install(name, wheel)
        history = CACHE / name / "history"
        shutil.rmtree(history, ignore_errors=True)
        # the installed version's own writer; -P keeps the source folder off sys.path
        subprocess.run([python, "-P", source / "bench" / "history.py", history, "5"], check=True,
                       stdout=subprocess.DEVNULL, env={**ENV, "PYTHONPATH": ""})  # fmt: skip
    return python, history


def cases(name: str, python: Path, history: Path, scratch: Path) -> dict[str, tuple[list, dict]]:
    ictrack = str(python.with_name("ictrack"))
    working = scratch / name
    shutil.copytree(history, working)
    return {
        "python -c pass": ([python, "-c", "pass"], {}),
        "add, empty home": ([ictrack, "add", PHRASE], {"ICTRACK_HOME": str(scratch / f"{name}-empty")}),
        "add, 5 years": ([ictrack, "add", PHRASE], {"ICTRACK_HOME": str(working)}),
        "brief, 5 years": ([ictrack, "brief"], {"ICTRACK_HOME": str(working)}),
    }


def cpu_time(command: list, extra: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env={**ENV, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def instructions(command: list, extra: dict) -> int:
    counted = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        env={**ENV, **extra}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(re.search(r"I\s+refs:\s+([\d,]+)", counted.stderr).group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?", default="f0b1566", help="the earlier version: a commit or tag")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (needs valgrind)")
    args = parser.parse_args()
    versions = {args.ref: prepare("before", args.ref), "this checkout": prepare("after", None)}
    with tempfile.TemporaryDirectory() as scratch:
        table = {
            version: cases(name, python, history, Path(scratch))
            for (version, (python, history)), name in zip(versions.items(), ("before", "after"), strict=True)
        }
        for version_cases in table.values():  # warm up: bytecode, page cache, the empty home's first write
            for command, extra in version_cases.values():
                cpu_time(command, extra)
        samples = {(version, case): [] for version, version_cases in table.items() for case in version_cases}
        for _ in range(args.runs):
            for version, version_cases in table.items():
                for case, (command, extra) in version_cases.items():
                    samples[version, case].append(cpu_time(command, extra))
        counts = {}
        if args.instructions:
            counts = {(v, case): instructions(*table[v][case]) for v, case in samples}
    medians = {key: statistics.median(values) * 1000 for key, values in samples.items()}
    before, after = table
    lines = [
        "## Start-up beside an earlier version",
        "",
        f"Measured {date.today()} by `make bench-release` (`bench/compare_release.py`): {before} and this checkout, "
        "each installed from its wheel in an environment of its own, with a five-year history written by its own "
        f"version. CPU time of each child (user + system), median of {args.runs} interleaved runs; ratios to each "
        f"environment's `python -c pass`. Load average at the end: {os.getloadavg()[0]:.1f}.",
        "",
        f"- Machine: {machine()}",
        "",
        f"| case | {before} ms | × pass | this checkout ms | × pass | after / before |"
        + (" instructions before → after |" if counts else ""),
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if counts else ""),
    ]
    for case in table[before]:
        ratios = [medians[v, case] / medians[v, "python -c pass"] for v in table]
        cells = (f"{medians[v, case]:.1f} | {ratio:.2f}" for v, ratio in zip(table, ratios, strict=True))
        row = f"| {case} | " + " | ".join(cells) + f" | {ratios[1] / ratios[0]:.3f} |"
        if counts:
            row += f" {counts[before, case] / 1e6:.1f}M → {counts[after, case] / 1e6:.1f}M |"
        lines.append(row)
    if counts:
        lines += ["", "Instructions: one run each under valgrind's cachegrind (the same on a busy machine)."]
    text = "\n".join(lines)
    print(text)
    write_section("compare_release", text)


if __name__ == "__main__":
    main()
