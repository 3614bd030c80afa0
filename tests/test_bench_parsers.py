"""bench/parsers.py, the date libraries weighed on the corpus: how it cuts the date out of a phrase, how it
completes and scores a library's reading, and that a library it can't import is reported, not a crash."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[1] / "bench" / "parsers.py"


@pytest.fixture(scope="module")
def parsers():
    spec = importlib.util.spec_from_file_location("bench_parsers", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "title", "part"),
    [("call dana tmrw 3pm", "call dana", "tmrw 3pm"), ("fri - send the report", "send the report", "fri"),
     ("submit report due by fri", "submit report", "by fri"), ("send figures to @dana by fri", "send figures to dana",
     "by fri"), ("remind @dana: send figures by mon.", "remind dana: send figures", "by mon."),
     ("@dana send Q3 figures by fri 3pm +finance !ext", "send Q3 figures", "by fri 3pm"),
     ("call bank @3pm", "call bank", "@3pm"), ("archive it +3d", "archive it", "+3d"),
     ("call dana thu fri 3pm", "call dana thu fri 3pm", "")],
)  # fmt: skip
def test_the_date_part_is_what_is_neither_a_mark_nor_the_expected_title(parsers, text, title, part):
    assert parsers.date_part(text, title) == part


def test_every_phrase_with_an_answer_is_a_task_and_every_dated_one_has_its_date_part(parsers):
    tasks = parsers.tasks()
    assert len(tasks) >= 300
    assert all(task["part"] for task in tasks if task["target"])
    assert not any(task["part"] for task in tasks if not task["target"] and not task["past"])


def test_a_reading_is_completed_as_ictrack_completes_a_date_or_a_time_alone(parsers):
    task = {"now": "2026-11-23T09:00", "workday_end": "17:00", "past": False}
    assert parsers.completed({"kind": "date", "value": "2026-11-27"}, task) == "2026-11-27T17:00"
    assert parsers.completed({"kind": "time", "value": "08:00"}, task) == "2026-11-24T08:00"
    assert parsers.completed({"kind": "time", "value": "08:00"}, {**task, "now": "2026-11-23T07:00"}) == (
        "2026-11-23T08:00"
    )
    assert parsers.completed({"kind": "time", "value": "10:00"}, {**task, "past": True}) == "2026-11-22T10:00"
    assert parsers.completed({"kind": "span", "value": 7200}, task) == "2026-11-23T11:00"
    assert parsers.completed(None, task) is None


def test_a_date_and_a_time_found_side_by_side_in_a_line_count_as_one(parsers):
    day, clock = {"kind": "date", "value": "2026-11-24"}, {"kind": "time", "value": "15:00"}
    assert parsers._last([day, clock]) == {"kind": "datetime", "value": "2026-11-24T15:00"}
    assert parsers._last([clock, day]) == {"kind": "datetime", "value": "2026-11-24T15:00"}
    assert parsers._last([clock, clock]) == clock
    assert parsers._last([None]) is None


def test_a_library_that_fails_to_import_is_reported_in_its_answer(parsers, tmp_path, monkeypatch):
    def missing():
        raise ModuleNotFoundError("No module named 'nowhere'")

    monkeypatch.setitem(parsers.READERS, "nowhere", missing)
    given, answer = tmp_path / "tasks.json", tmp_path / "answer.json"
    given.write_text(json.dumps(parsers.tasks()[:3]), encoding="utf-8")
    parsers.worker("nowhere", given, answer)
    assert json.loads(answer.read_text(encoding="utf-8")) == {
        "failed": "import failed: ModuleNotFoundError: No module named 'nowhere'"
    }


def test_a_library_whose_environment_can_not_start_is_reported_not_raised(parsers, tmp_path, monkeypatch):
    monkeypatch.setattr(parsers, "PARSERS_VENV", tmp_path / "no-such-venv")
    assert parsers.run_library("dateparser", parsers.tasks()[:3])["failed"].startswith("could not start")
