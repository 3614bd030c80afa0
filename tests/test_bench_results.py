"""bench/results.py and bench/timing.py: sections of bench/results.md kept apart and in place, and a timed
process's own peak memory, failure and time-out."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[1] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("results"), importlib.import_module("timing")
    finally:
        sys.path.remove(str(BENCH))


def test_a_new_section_goes_after_the_last_of_its_script_and_a_rewritten_one_stays_in_place(bench, tmp_path):
    results, _ = bench
    path = tmp_path / "results.md"
    results.write_section("budgets-before", "## Before\n\nold", path, script="budgets")
    results.write_section("parsers", "## Parsers", path)
    results.write_section("budgets-after", "## After", path, script="budgets")
    results.write_section("budgets-before", "## Before\n\nnew", path, script="budgets")
    assert path.read_text() == (
        "# Benchmark results\n\n"
        "<!-- budgets-before: bench/budgets.py -->\n## Before\n\nnew\n\n"
        "<!-- budgets-after: bench/budgets.py -->\n## After\n\n"
        "<!-- parsers: bench/parsers.py -->\n## Parsers\n"
    )


def test_a_timed_process_reports_its_own_peak_memory_not_the_largest_so_far(bench):
    _, timing = bench
    _, large = timing.run([sys.executable, "-c", "block = bytearray(200 * 2**20); block[::4096] = b'x' * 51200"], {})
    _, small = timing.run([sys.executable, "-c", "pass"], {})
    assert large > 200 * 2**20 > small


def test_a_failing_process_is_an_error_that_says_why(bench):
    _, timing = bench
    with pytest.raises(subprocess.CalledProcessError) as failed:
        timing.run([sys.executable, "-c", "import sys; sys.exit('ictrack: no such item')"], {})
    assert failed.value.returncode == 1 and "no such item" in failed.value.stderr


def test_a_process_past_its_time_out_is_stopped(bench):
    _, timing = bench
    with pytest.raises(subprocess.TimeoutExpired):
        timing.run([sys.executable, "-c", "import time; time.sleep(30)"], {}, timeout=0.3)


def test_slow_cases_run_in_every_other_round_and_the_others_in_each(bench, tmp_path):
    _, timing = bench
    cases = {"quick": timing.Case([sys.executable, "-c", "pass"], {}),
             "slow": timing.Case([sys.executable, "-c", "import time; time.sleep(0.25)"], {})}  # fmt: skip
    timing.measure(cases, 3, slow_after=0.2)
    assert (len(cases["quick"].seconds), len(cases["slow"].seconds)) == (3, 2)
    assert cases["slow"].median > 0.25 > cases["quick"].median
