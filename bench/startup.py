"""Start-up cost of the quick-add path, as ratios to `python -c pass` measured in the same run.

Usage: python bench/startup.py [runs]   (default 40; `make bench` runs it)
Each case runs as a real process; cases are interleaved so machine noise spreads evenly.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ICTRACK = str(Path(sys.executable).with_name("ictrack"))


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ICTRACK_HOME": folder, "ICTRACK_CONFIG": os.path.join(folder, "none.toml")}
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ictrack add": [ICTRACK, "add", "@dana send Q3 figures by fri 3pm #finance"],
            "ictrack add (absolute date)": [ICTRACK, "add", "@lee book venue by dec 3"],
            "ictrack list": [ICTRACK, "list"],
            "ictrack brief": [ICTRACK, "brief"],
        }
        for command in cases.values():  # warm the file cache
            timed(command, env)
        samples = {name: [] for name in cases}
        for _ in range(runs):
            for name, command in cases.items():
                samples[name].append(timed(command, env))
    baseline = statistics.median(samples["python -c pass"])
    print(f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cores; {runs} runs each; items grew from 0 to {2 * (runs + 1)}")  # fmt: skip
    print(f"{'case':<30} {'median ms':>10} {'× python -c pass':>18}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<30} {median * 1000:>10.1f} {median / baseline:>18.2f}")


if __name__ == "__main__":
    main()
