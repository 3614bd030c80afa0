"""Shared by the benchmarks: time real processes, interleaved, with each one's peak memory.

ictrack and the baselines all run on the Python running the benchmark, so a benchmark run with
.bench-venv's python (as `make bench` does, see bench/install.py) times the installed wheel.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import distribution
from pathlib import Path

ICTRACK = str(Path(sys.executable).with_name("ictrack"))
BASELINE = ("python -c pass", [sys.executable, "-c", "pass"])


def install_kind() -> str:
    """How the timed ictrack is installed: "editable" (slower start-ups, smaller ratios) or "wheel"."""
    direct = json.loads(distribution("ictrack").read_text("direct_url.json") or "{}")
    return "editable" if direct.get("dir_info", {}).get("editable") else "wheel"


INSTALL = install_kind()
if INSTALL == "editable":
    print("bench: timing an editable install; `make bench` times the wheel (bench/install.py)", file=sys.stderr)


def as_installed(env: dict) -> dict:
    """A user's install has compiled bytecode; without it every run would compile ictrack from source."""
    return {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], env: dict, cwd: str | None = None, timeout: float | None = None) -> tuple[float, int]:
    """Run `command` to the end: (seconds, its peak memory in bytes); CalledProcessError with its stderr if it fails,
    TimeoutExpired (the process killed) if it takes over `timeout` seconds.

    wait4 gives this child's own peak (RUSAGE_CHILDREN would give the largest of all children so far).
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pid, status, usage = os.wait4(process.pid, 0 if timeout is None else os.WNOHANG)
    while not pid:  # only with a timeout: look again every 10 ms
        if time.perf_counter() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            raise subprocess.TimeoutExpired(command, timeout)
        time.sleep(0.01)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:  # again, to say why: the timed run keeps its output out of the figures
        again = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
        raise subprocess.CalledProcessError(process.returncode, command, stderr=again.stderr)
    return seconds, usage.ru_maxrss * 1024  # Linux counts it in KiB


@dataclass
class Case:
    """A command to time, in its environment; `slow` cases run in every other round (see `measure`)."""

    command: list[str]
    env: dict
    slow: bool = False
    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> int:
        return max(self.peaks)


def measure(cases: dict[str, Case], runs: int, cwd: str | None = None, slow_after: float = 0.5) -> None:
    """Run every case `runs` times, round-robin so machine noise spreads evenly over them, after one warm-up each.

    A case whose warm-up took over `slow_after` seconds is `slow`: it runs in every other round only, from the
    first, so a long benchmark stays short; the order of the cases within a round is kept.
    """
    for case in cases.values():
        case.env = as_installed(case.env)
        case.slow = case.slow or run(case.command, case.env, cwd)[0] > slow_after
    for round_number in range(runs):
        for case in cases.values():
            if case.slow and round_number % 2:
                continue
            seconds, peak = run(case.command, case.env, cwd)
            case.seconds.append(seconds)
            case.peaks.append(peak)
