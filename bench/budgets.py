"""The speed budgets, measured: ratios to `python -c pass` in the same run, written to bench/results.md.

Budgets on five years of history (>= 10,000 items): `ictrack add` <= 4x `python -c pass` and
<= 1.25x `ictrack add` on an empty home; an add with a due phrase (`by fri 3pm`, the grammar's common
path) <= 1.1x the same add without one; `ictrack brief` <= 5x. Also `list`, an add with an absolute
date (`by dec 3`, which loads dateutil), and the TUI's first paint against a minimal Textual app.
The history is a user who answers ictrack's nags; the same cases on a neglectful user's history
(hundreds of thank-yous never sent, items never closed, all still live) show the worst case.

Usage: python bench/budgets.py [runs]   (default 30; `make bench` runs it)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from first_paint import MINIMAL_APP, first_paint
from history import generate
from results import machine, write_section
from timing import BASELINE, ICTRACK, INSTALL, as_installed, measure

PROFILE = """
import contextlib, cProfile, io, pstats
from ictrack.cli import main
profile = cProfile.Profile()
with contextlib.redirect_stdout(io.StringIO()):
    profile.runcall(main, ["add", "@dana send Q3 figures by fri 3pm #finance"])
report = io.StringIO()
pstats.Stats(profile, stream=report).sort_stats("tottime").print_stats(10)
print(report.getvalue().split("ncalls", 1)[1].join(["ncalls", ""]) if "ncalls" in report.getvalue() else "")
"""


def profile(env: dict) -> str:
    """Where an add's time goes on this history, by function (cProfile, own time)."""
    import subprocess

    # -P: the checkout (the current folder) must not shadow the installed ictrack
    command = [sys.executable, "-P", "-c", PROFILE]
    done = subprocess.run(command, env=as_installed(env), capture_output=True, text=True)
    return done.stdout.strip()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as folder:
        empty, history, neglected = Path(folder) / "empty", Path(folder) / "history", Path(folder) / "neglected"
        count = generate(history)
        generate(neglected, neglectful=True)
        sizes = ", ".join(f"{path.name} {path.stat().st_size / 1e6:.2f} MB" for path in sorted(history.glob("*.json")))
        neglected_size = (neglected / "ictrack.json").stat().st_size / 1e6
        base = {**os.environ, "ICTRACK_CONFIG": os.path.join(folder, "none.toml"), "TZ": "Europe/London",
                "ICTRACK_NOW": "2026-11-23T09:00"}  # fmt: skip
        on_empty, on_history = {**base, "ICTRACK_HOME": str(empty)}, {**base, "ICTRACK_HOME": str(history)}
        on_neglected = {**base, "ICTRACK_HOME": str(neglected)}
        quick_add = [ICTRACK, "add", "@dana send Q3 figures by fri 3pm #finance"]
        cases = {
            BASELINE[0]: (BASELINE[1], base),
            "add, empty home": (quick_add, on_empty),
            "add, 5 years": (quick_add, on_history),
            "add without a date, 5 years": ([ICTRACK, "add", "@dana send Q3 figures #finance"], on_history),
            "add by dec 3 (dateutil), 5 years": ([ICTRACK, "add", "@lee book the venue by dec 3"], on_history),
            "brief, 5 years": ([ICTRACK, "brief"], on_history),
            "list, 5 years": ([ICTRACK, "list"], on_history),
            "list --all, 5 years": ([ICTRACK, "list", "--all"], on_history),
            "list --grep x --all, 5 years": ([ICTRACK, "list", "--grep", "x", "--all"], on_history),
            "add, 5 neglectful years": (quick_add, on_neglected),
            "brief, 5 neglectful years": ([ICTRACK, "brief"], on_neglected),
        }
        samples = {}
        for env in (base, on_empty, on_history, on_neglected):  # measure() takes one environment per call
            chosen = {name: command for name, (command, case_env) in cases.items() if case_env is env}
            samples.update(measure({BASELINE[0]: BASELINE[1], **chosen}, env, runs))
        where = profile(on_history)
        paint_env = {**on_history, "TERM": "xterm-256color"}
        paints = {"minimal Textual app": ([sys.executable, "-c", MINIMAL_APP], "ready"),
                  "ictrack ui, 5 years": ([ICTRACK, "ui"], "overdue")}  # fmt: skip
        paint = {name: [] for name in paints}
        for _ in range(max(3, runs // 6)):
            for name, (command, marker) in paints.items():
                paint[name].append(first_paint(command, marker, paint_env))
    median = {name: statistics.median(times) for name, times in samples.items()}
    ratio = {name: value / median[BASELINE[0]] for name, value in median.items()}
    undated = median["add without a date, 5 years"]  # the same text as `add`, without its `by fri 3pm`
    budgets = [
        ("add, 5 years ≤ 4× python -c pass", ratio["add, 5 years"], 4.0),
        ("add, 5 years ≤ 1.25× add on an empty home", median["add, 5 years"] / median["add, empty home"], 1.25),
        ("add, 5 years ≤ 1.1× add without a date", median["add, 5 years"] / undated, 1.1),
        ("brief, 5 years ≤ 5× python -c pass", ratio["brief, 5 years"], 5.0),
    ]
    paint_median = {name: statistics.median(times) for name, times in paint.items()}
    lines = [
        "## Start-up budgets",
        "",
        f"Measured {date.today().isoformat()} by `make bench` (`bench/budgets.py`, {runs} interleaved runs per case;",
        "medians). Every figure is a ratio to a baseline measured in the same run. `add` is",
        "`@dana send Q3 figures by fri 3pm #finance`: a due phrase read by the grammar alone; `add without a date`",
        "is the same text without `by fri 3pm`.",
        "",
        f"- Machine: {machine()}",
        f"- Install: {INSTALL}, in `{Path(sys.executable).parent.parent.name}`, whose python runs the baseline",
        f"- History: {count:,} items over five years ({sizes}); settled items, care checks and check-ins older",
        "  than 30 days are archived. The user sends most thank-yous within two days and the rest in a weekly",
        "  review, and drops what was left open for a month or two (`bench/history.py`).",
        "- Neglectful history: the same five years, but 30% of thank-yous never sent and 5% of items never closed,",
        f"  so the data file stays at {neglected_size:.2f} MB.",
        "",
        "| case | median ms | × python -c pass |",
        "|---|---:|---:|",
        *(f"| {name} | {median[name] * 1000:.1f} | {ratio[name]:.2f} |" for name in cases),
        "",
        "| budget | measured | met |",
        "|---|---:|---|",
        *(f"| {name} | {value:.2f} | {'yes' if value <= limit else f'no, {value / limit - 1:.0%} over'} |"
          for name, value, limit in budgets),
        "",
        "TUI first paint (real pty, 120x36, until the dashboard's counts are drawn):",
        "",
        "| case | median ms | × minimal Textual app |",
        "|---|---:|---:|",
        *(f"| {name} | {value * 1000:.1f} | {value / paint_median['minimal Textual app']:.2f} |"
          for name, value in paint_median.items()),
        "",
        "Where `add` spends its own time on this history (cProfile, top 10 functions):",
        "",
        "```",
        where,
        "```",
        "",
    ]  # fmt: skip
    write_section("budgets", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
