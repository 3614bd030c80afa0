"""`ictrack week` (and brief, list, add) over five years of history, as ratios to `python -c pass`.

Usage: python bench/week.py [runs]   (default 15; `make bench` runs it)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from history import generate

ICTRACK = str(Path(sys.executable).with_name("ictrack"))


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        count = generate(Path(folder))
        env = {**os.environ, "ICTRACK_HOME": folder, "ICTRACK_CONFIG": os.path.join(folder, "none.toml"),
               "ICTRACK_NOW": "2026-11-23T09:00", "TZ": "Europe/London"}  # fmt: skip
        size = (Path(folder) / "ictrack.json").stat().st_size
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ictrack week": [ICTRACK, "week", "--last"],
            "ictrack week --format html": [ICTRACK, "week", "--last", "--format", "html"],
            "ictrack brief": [ICTRACK, "brief"],
            "ictrack list": [ICTRACK, "list"],
        }
        samples = {name: [] for name in cases}
        for _ in range(runs):
            for name, command in cases.items():
                samples[name].append(timed(command, env))
    baseline = statistics.median(samples["python -c pass"])
    print(f"\n{count} items over 5 years, data file {size / 1e6:.1f} MB; {runs} runs each")
    print(f"{'case':<30} {'median ms':>10} {'× python -c pass':>18}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<30} {median * 1000:>10.1f} {median / baseline:>18.2f}")


if __name__ == "__main__":
    main()
