"""Shared by the benchmarks: time real processes, interleaved, and report ratios to the first case.

ictrack and the baseline both run on the Python running the benchmark, so a benchmark run with
.bench-venv's python (as `make bench` does, see bench/install.py) times the installed wheel.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
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


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def as_installed(env: dict) -> dict:
    """A user's install has compiled bytecode; without it every run would compile ictrack from source."""
    return {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}


def measure(cases: dict[str, list[str]], env: dict, runs: int) -> dict[str, list[float]]:
    """Run every case `runs` times, round-robin so machine noise spreads evenly, after one warm-up each."""
    env = as_installed(env)
    for command in cases.values():
        timed(command, env)
    samples = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            samples[name].append(timed(command, env))
    return samples


def report(samples: dict[str, list[float]]) -> None:
    """Medians, and each as a multiple of the first case's (the baseline)."""
    baseline = statistics.median(next(iter(samples.values())))
    print(f"ictrack: {INSTALL} install, {Path(sys.executable).parent.parent}")
    print(f"{'case':<30} {'median ms':>10} {'× python -c pass':>18}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<30} {median * 1000:>10.1f} {median / baseline:>18.2f}")
