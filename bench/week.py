"""`ictrack week` (and brief, list) over five years of history, as ratios to `python -c pass`.

Usage: python bench/week.py [runs]   (default 15; `make bench` runs it)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from history import generate
from timing import BASELINE, ICTRACK, measure, report


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        count = generate(Path(folder))
        env = {**os.environ, "ICTRACK_HOME": folder, "ICTRACK_CONFIG": os.path.join(folder, "none.toml"),
               "ICTRACK_NOW": "2026-11-23T09:00", "TZ": "Europe/London"}  # fmt: skip
        size = (Path(folder) / "ictrack.json").stat().st_size
        samples = measure({
            BASELINE[0]: BASELINE[1],
            "ictrack week": [ICTRACK, "week", "--last"],
            "ictrack week --format html": [ICTRACK, "week", "--last", "--format", "html"],
            "ictrack brief": [ICTRACK, "brief"],
            "ictrack list": [ICTRACK, "list"],
        }, env, runs)  # fmt: skip
    print(f"\n{count} items over 5 years, data file {size / 1e6:.1f} MB; {runs} runs each")
    report(samples)


if __name__ == "__main__":
    main()
