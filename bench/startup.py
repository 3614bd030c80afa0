"""Start-up cost of the quick-add path, as ratios to `python -c pass` measured in the same run.

Usage: python bench/startup.py [runs]   (default 40; `make bench` runs it)
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import BASELINE, ICTRACK, measure, report


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ICTRACK_HOME": folder, "ICTRACK_CONFIG": os.path.join(folder, "none.toml")}
        samples = measure({
            BASELINE[0]: BASELINE[1],
            "ictrack add": [ICTRACK, "add", "@dana send Q3 figures by fri 3pm #finance"],
            "ictrack add (absolute date)": [ICTRACK, "add", "@lee book venue by dec 3"],
            "ictrack list": [ICTRACK, "list"],
            "ictrack brief": [ICTRACK, "brief"],
        }, env, runs)  # fmt: skip
    print(f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cores; {runs} runs each; items grew from 0 to {2 * (runs + 1)}")  # fmt: skip
    report(samples)


if __name__ == "__main__":
    main()
