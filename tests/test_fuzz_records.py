"""An export with any one value of any record changed is imported whole and works, or refused whole in one line."""

from __future__ import annotations

import copy
import itertools
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.hostile import document

BASE = document()
FOLDERS = itertools.count()  # a fresh folder for every example, shrinking included
FIELDS = [(table, index, field) for table in ("items", "people", "care", "checkins")
          for index, record in enumerate(BASE[table]) for field in [*record, "unexpected"]]  # fmt: skip
ODD = st.sampled_from([
    None, True, False, 0, -1, 1, 5, 2**63, 10**40, 1e308, float("inf"), "", " ", "x", "dana", "done", "open", "ask",
    [], {}, [1], ["a b"], ["ok"], {"a": 1}, [[[]]], "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
    "2026-13-01", "2026-11-23", "2026-11-23T09:00", "2026-11-23T09:00:00+00:00", "FREQ=WEEKLY;BYHOUR=99",
    "x" * 10_000, "\x1b]0;pwned\x07", "١",
])  # fmt: skip
READERS = (["list", "--all", "--json"], ["list", "--all"], ["brief"], ["thanks"], ["people"], ["week"],
           ["week", "--week", "2026-W47"], ["export", "json"], ["export", "ics"], ["show", "1"], ["doctor"],
           ["add", "one more by fri"], ["done", "1"], ["undo"])  # fmt: skip


@pytest.mark.fuzz
@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(st.sampled_from(FIELDS), ODD)
def test_any_one_changed_value_is_imported_whole_and_works_or_refused_whole(cli, tmp_path, monkeypatch, where, value):
    table, index, field = where
    changed = copy.deepcopy(BASE)
    changed[table][index][field] = value
    folder = tmp_path / str(next(FOLDERS))
    folder.mkdir()
    (folder / "in.json").write_text(json.dumps(changed))
    monkeypatch.setenv("ICTRACK_HOME", str(folder / "data"))
    monkeypatch.setenv("ICTRACK_NOW", "2026-11-23T09:00")
    imported = cli("import", "json", str(folder / "in.json"))
    assert imported.code in (0, 2), imported.err
    event("refused" if imported.code else "imported")
    if imported.code == 2:
        assert imported.err.count("\n") == 1 and not (folder / "data").exists()
        return
    for args in READERS:
        result = cli(*args)  # any exception but SystemExit fails the test here
        assert result.code in (0, 1, 2, 3) and "Traceback" not in result.err, (args, result.err)
        assert result.code != 3, (args, result.err)  # what import took in, no later command calls damaged
