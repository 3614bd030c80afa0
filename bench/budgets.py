"""The speed budgets, measured on an empty home and on 5 and 10 years of history, written to bench/results.md.

Every figure is a median of interleaved runs and a ratio to a baseline in the same run: `python -c pass`,
the floor script (bench/floor.py: the least an add can do in this design, on the same data), or a minimal
Textual app for the TUI's first paint. The budgets:

- `add`, 10 years: <= 1.2x the floor script on the same data, and <= 1.15x `add` on an empty home
- `add`, empty home: <= 3x `python -c pass`
- `brief`, `list`, 10 years: <= 4x `python -c pass`
- `week --last`, `show` of an archived item, 10 years: <= 4.5x `python -c pass`
- `import json` of 50,000 items (the 10 years, exported): <= 20 s
- TUI first paint, 10 years: <= 1.8x the minimal Textual app; <= 2.5x on the neglectful 10 years
- and, from before: `add` with a due phrase <= 1.1x the same add without one (the grammar's cost)

`undo` (of the add just before it) is timed beside them, and every command's peak memory is kept. The
histories are bench/history.py's, copied from .bench-cache/ for each run, as commands change them.

Environment: BENCH_LABEL names the figures' section (default "after"; `BENCH_LABEL=before` for the code
before a change), BENCH_QUICK=1 makes a short run (5 runs a case) to try the benchmark itself.

Usage: python bench/budgets.py [runs]   (default 21, cases over half a second every other round; `make bench`)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from first_paint import MINIMAL_APP, first_paint
from history import HISTORIES, History, cached
from results import machine, write_section
from timing import BASELINE, ICTRACK, INSTALL, Case, as_installed, measure, run

ROOT = Path(__file__).resolve().parent.parent
FLOOR = str(Path(__file__).with_name("floor.py"))
ADD = "@dana send Q3 figures by fri 3pm #finance"
EMPTY, TEN = "empty home", "10 years"
HOMES = [EMPTY, *HISTORIES]
IMPORT_TIMEOUT = 300.0  # 15 times the budget: an import that slow has failed it, however much slower it is

PROFILE = """
import contextlib, cProfile, io, pstats, sys
from ictrack.cli import main
profile = cProfile.Profile()
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    profile.runcall(main, sys.argv[1:])
report = io.StringIO()
pstats.Stats(profile, stream=report).sort_stats("tottime").print_stats(8)
print("ncalls" + report.getvalue().split("ncalls", 1)[1])
"""


def commands(home: str, history: History | None) -> dict[str, list[str]]:
    """What is timed on one home, in the order of a round: each change before the reads, `undo` right after `add`."""
    ordered = {"floor script": [sys.executable, FLOOR]} if history else {}
    if home == TEN:
        ordered["add without a date"] = [ICTRACK, "add", "@dana send Q3 figures #finance"]
        ordered["add by dec 3 (dateutil)"] = [ICTRACK, "add", "@lee book the venue by dec 3"]
    ordered |= {"add": [ICTRACK, "add", ADD], "undo": [ICTRACK, "undo"]}
    if history:
        ordered |= {"brief": [ICTRACK, "brief"], "list": [ICTRACK, "list"], "week --last": [ICTRACK, "week", "--last"],
                    "show (an archived item)": [ICTRACK, "show", str(history.archived_id)],
                    "status": [ICTRACK, "status"],
                    # as a timer runs it: after the first round, what is due has been said
                    "remind": [ICTRACK, "remind", "--via", "stdout"]}  # fmt: skip
    return ordered


def profile(arguments: list[str], env: dict, cwd: str) -> str:
    """Where a command's time goes, by function (cProfile, own time), with the install's folders left out."""
    # -P: nothing beside the command may shadow the installed ictrack
    done = subprocess.run([sys.executable, "-P", "-c", PROFILE, *arguments], env=as_installed(env), cwd=cwd,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return re.sub(r"/\S*/(site-packages|lib/python3\.\d+)/", "", done.stdout.strip())


def time_import(source: Path, folder: Path, env: dict, runs: int) -> tuple[list[float], int] | None:
    """Seconds of each `import json` of `source` into a fresh home, and the largest peak; None if one timed out."""
    seconds, peaks = [], []
    for number in range(runs):
        home = folder / f"import-{number}"
        try:
            took, peak = run([ICTRACK, "import", "json", str(source)], {**env, "ICTRACK_HOME": str(home)}, str(folder),
                             timeout=IMPORT_TIMEOUT)  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        finally:
            shutil.rmtree(home, ignore_errors=True)
        seconds.append(took)
        peaks.append(peak)
    return seconds, max(peaks)


def sizes(home: Path) -> str:
    """The live data file's size and that of the folder's other data files (archives), in MB."""
    live = (home / "ictrack.json").stat().st_size
    rest = sum(path.stat().st_size for path in home.glob("*.json")) - live
    return f"{live / 1e6:.2f} MB | {rest / 1e6:.1f} MB"


def measured(value: float, unit: str) -> str:
    return f"> {IMPORT_TIMEOUT:.0f}{unit}" if value == float("inf") else f"{value:.2f}{unit}"


def over(value: float, limit: float) -> str:
    if value == float("inf"):
        return f"no, stopped after {IMPORT_TIMEOUT:.0f} s"
    return "yes" if value <= limit else f"no, {value / limit - 1:.0%} over"


def measured_commit() -> str:
    """The last commit that changed ictrack itself (what these figures are of), the commit checked out, and whether
    ictrack differs from it."""

    def git(*arguments: str) -> str:
        return subprocess.run(["git", "-C", ROOT, *arguments], capture_output=True, text=True).stdout.strip()

    package = ("--", "ictrack", "pyproject.toml")
    last, head = git("log", "-1", "--format=%h", *package), git("rev-parse", "--short", "HEAD")
    changed = " with uncommitted changes to it" if git("status", "--porcelain", *package) else ""
    return f"{last or 'unknown'} (checkout {head or 'unknown'}{changed})"


def main() -> None:
    began = time.perf_counter()
    quick = os.environ.get("BENCH_QUICK") == "1"
    label = os.environ.get("BENCH_LABEL", "after")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5 if quick else 21
    paint_runs, import_runs = (3, 1) if quick else (max(3, runs // 2), 3)
    histories = {name: cached(kind) for name, kind in HISTORIES.items()}
    generated = time.perf_counter() - began
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        base = {**os.environ, "ICTRACK_CONFIG": str(folder / "none.toml"), "TZ": "Europe/London",
                "ICTRACK_NOW": "2026-11-23T09:00"}  # fmt: skip
        homes = {EMPTY: folder / "empty"} | {name: folder / kind.name for name, kind in HISTORIES.items()}
        for name, (home, _) in histories.items():
            shutil.copytree(home, homes[name])
        exported = folder / "export.json"  # the 10 years as they were written, before the timed adds
        subprocess.run([ICTRACK, "export", "json", "-o", str(exported)], env={**base, "ICTRACK_HOME": str(homes[TEN])},
                       cwd=scratch, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        cases: dict[tuple[str, str], Case] = {(BASELINE[0], ""): Case(BASELINE[1], base)}
        for home in HOMES:
            history = histories[home][1] if home in histories else None
            env = {**base, "ICTRACK_HOME": str(homes[home])}
            cases |= {(command, home): Case(argv, env) for command, argv in commands(home, history).items()}
        measure(cases, runs, scratch)
        loads.append(os.getloadavg()[0])
        paint_env = {**base, "TERM": "xterm-256color"}
        paints = {
            "minimal Textual app": ([sys.executable, "-c", MINIMAL_APP], "ready", paint_env),
            EMPTY: ([ICTRACK, "ui"], "Welcome", {**paint_env, "ICTRACK_HOME": str(folder / "never-used")}),
        }
        paints |= {home: ([ICTRACK, "ui"], "overdue", {**paint_env, "ICTRACK_HOME": str(homes[home])})
                   for home in HISTORIES}  # fmt: skip
        for command, marker, env in paints.values():  # warm-up: bytecode, page cache
            first_paint(command, marker, env, scratch)
        painted: dict[str, list[float]] = {name: [] for name in paints}
        for _ in range(paint_runs):
            for name, (command, marker, env) in paints.items():
                painted[name].append(first_paint(command, marker, env, scratch))
        imported = time_import(exported, folder, base, import_runs)
        loads.append(os.getloadavg()[0])
        on_ten = {**base, "ICTRACK_HOME": str(homes[TEN])}
        where = {what: profile(arguments, on_ten, scratch) for what, arguments in
                 (("week --last", ["week", "--last"]), ("add", ["add", ADD]))}  # fmt: skip
        exported_items = len(json.loads(exported.read_bytes())["items"])
    took = time.perf_counter() - began

    median = {key: case.median for key, case in cases.items()}
    baseline = median[BASELINE[0], ""]
    paint = {name: statistics.median(times) for name, times in painted.items()}
    minimal = paint["minimal Textual app"]
    budgets: list[tuple[str, float, float, str]] = [
        ("`add`, 10 years ≤ 1.2× the floor script on the same data",
         median["add", TEN] / median["floor script", TEN], 1.2, "×"),
        ("`add`, 10 years ≤ 1.15× `add` on an empty home", median["add", TEN] / median["add", EMPTY], 1.15, "×"),
        ("`add`, empty home ≤ 3× `python -c pass`", median["add", EMPTY] / baseline, 3.0, "×"),
        ("`brief`, 10 years ≤ 4× `python -c pass`", median["brief", TEN] / baseline, 4.0, "×"),
        ("`list`, 10 years ≤ 4× `python -c pass`", median["list", TEN] / baseline, 4.0, "×"),
        ("`week --last`, 10 years ≤ 4.5× `python -c pass`", median["week --last", TEN] / baseline, 4.5, "×"),
        ("`show` of an archived item, 10 years ≤ 4.5× `python -c pass`",
         median["show (an archived item)", TEN] / baseline, 4.5, "×"),
        ("TUI first paint, 10 years ≤ 1.8× a minimal Textual app", paint[TEN] / minimal, 1.8, "×"),
        ("TUI first paint, 10 neglectful years ≤ 2.5× a minimal Textual app",
         paint["10 neglectful years"] / minimal, 2.5, "×"),
        ("`add`, 10 years ≤ 1.1× `add` without a date (an earlier budget: the date grammar's cost)",
         median["add", TEN] / median["add without a date", TEN], 1.1, "×"),
        # a prompt runs it at every Enter: no heavier than the quick add, which also writes
        ("`status`, 10 years ≤ 1× `add`, 10 years", median["status", TEN] / median["add", TEN], 1.0, "×"),
    ]  # fmt: skip
    import_seconds = statistics.median(imported[0]) if imported else float("inf")  # inf: stopped at the time-out
    budgets.insert(7, (f"`import json` of {exported_items:,} items ≤ 20 s", import_seconds, 20, " s"))
    rows = [command for home in HOMES for command in commands(home, histories.get(home, (None, None))[1])]
    rows = list(dict.fromkeys(rows))

    def cell(command: str, home: str, peak: bool = False) -> str:
        key = (command, home)
        if key not in cases:
            return ""
        if peak:
            return f"{cases[key].peak / 2**20:.0f}"
        return f"{median[key] / baseline:.2f}× ({median[key] * 1000:.0f} ms)"

    slow_runs = (runs + 1) // 2
    lines = [
        f"## Speed budgets: {label}",
        "",
        f"ictrack at {measured_commit()}, measured {date.today().isoformat()} by `make bench` (`bench/budgets.py`):",
        f"medians of {runs} interleaved runs per case ({slow_runs} for a case over half a second, which runs in every",
        f"other round); the TUI's first paint {paint_runs} runs, `import json` {import_runs}. Every ratio is to a",
        "baseline in the same run. `add` is `@dana send Q3 figures by fri 3pm #finance`; `undo` takes back the `add`",
        "timed just before it; `show` is of an item in the oldest archive; the floor script is `bench/floor.py`.",
        "",
        f"- Machine: {machine()}; shared with other work: load average {loads[0]:.1f} at the start, {loads[1]:.1f}"
        f" after the command cases, {loads[2]:.1f} at the end",
        f"- Install: {INSTALL}, in `{Path(sys.executable).parent.parent.name}`, whose python runs the baselines",
        f"- The run took {took / 60:.1f} min" + (f", {generated:.0f} s of it writing the histories into `.bench-cache/`"
                                                 if generated > 5 else " (the histories were cached)"),
        "",
        "| history | items | ictrack.json | other data files |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {history.items:,} | {sizes(home)} |" for name, (home, history) in histories.items()),
        "",
        "The histories (`bench/history.py`): settled records older than 30 days archived; the user sends most",
        "thank-yous within two days and the rest in a weekly review, and drops what was left open for a month or",
        "two. The neglectful user never sends 30% of thank-yous and never closes 5% of items.",
        "",
        "| budget | measured | met |",
        "|---|---:|---|",
        *(f"| {name} | {measured(value, unit)} | {over(value, limit)} |" for name, value, limit, unit in budgets),
        "",
        f"Each command: × `python -c pass` (median ms); `python -c pass` took {baseline * 1000:.1f} ms, its peak"
        f" memory {cases[BASELINE[0], ''].peak / 2**20:.0f} MiB",
        "",
        "| command | " + " | ".join(HOMES) + " |",
        "|---|" + "---:|" * len(HOMES),
        *(f"| {command} | " + " | ".join(cell(command, home) for home in HOMES) + " |" for command in rows),
        "",
        "Peak memory (MiB, the largest of the runs' maximum resident set sizes)",
        "",
        "| command | " + " | ".join(HOMES) + " |",
        "|---|" + "---:|" * len(HOMES),
        *(f"| {command} | " + " | ".join(cell(command, home, peak=True) for home in HOMES) + " |" for command in rows),
        "",
        "TUI first paint (real pty, 120x36, until the dashboard's counts are drawn; on an empty home, its welcome)",
        "",
        "| history | median ms | × minimal Textual app |",
        "|---|---:|---:|",
        *(f"| {name} | {value * 1000:.0f} | {value / minimal:.2f} |" for name, value in paint.items()),
        "",
        f"`import json` of the 10 years' export ({exported_items:,} items) into an empty home: "
        + (f"median {statistics.median(imported[0]):.1f} s of {', '.join(f'{s:.1f}' for s in imported[0])};"
           f" peak memory {imported[1] / 2**20:.0f} MiB." if imported else f"stopped after {IMPORT_TIMEOUT:.0f} s."),
        "",
    ]  # fmt: skip
    for what, text in where.items():
        lines += [f"Where `{what}` spends its own time on 10 years (cProfile, top 8 functions):", "", "```", text,
                  "```", ""]  # fmt: skip
    write_section(f"budgets-{label}", "\n".join(lines), script="budgets")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
