"""bench/history.py, the histories the benchmarks time: their size and shape, what a written one holds, and the
cache that writes each once per source."""

from __future__ import annotations

import importlib
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from ictrack.storage import JOURNAL_LIMIT, Store

BENCH = Path(__file__).parents[1] / "bench"


@pytest.fixture(scope="module")
def history():
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("history")
    finally:
        sys.path.remove(str(BENCH))


def unthanked(records, before) -> int:
    """Asks received and help given, settled before `before`, that were never thanked."""
    return sum(item.kind != "commitment" and item.status == "done" and item.thanked_at is None
               and item.done_at < before for item in records.items)  # fmt: skip


def still_open(records, before) -> int:
    return sum(item.status == "open" and item.created < before for item in records.items)


def test_ten_years_hold_about_fifty_thousand_items_and_five_years_about_eleven_thousand(history):
    ten, five = history.HISTORIES["10 years"], history.HISTORIES["5 years"]
    assert 45_000 <= len(history.records(ten.years, per_day=ten.per_day).items) <= 55_000
    assert 10_000 <= len(history.records(five.years, per_day=five.per_day).items) <= 12_000


def test_the_neglectful_user_leaves_thank_yous_unsent_and_items_open_that_the_usual_one_settles(history):
    usual, neglectful = history.records(2, per_day=6), history.records(2, per_day=6, neglectful=True)
    month_ago, two_months_ago = history.END - timedelta(days=30), history.END - timedelta(days=60)
    thankable = sum(item.kind != "commitment" for item in neglectful.items)
    assert unthanked(neglectful, month_ago) > 0.2 * thankable
    assert unthanked(usual, month_ago) < 0.05 * thankable
    assert still_open(neglectful, two_months_ago) > 3 * max(1, still_open(usual, two_months_ago))
    assert still_open(neglectful, two_months_ago) > 100


def test_a_written_history_is_archived_but_the_last_month_and_names_an_item_in_an_archive(history, tmp_path):
    written = history.generate(tmp_path / "home", years=1, per_day=3)
    store = Store(tmp_path / "home")
    live, everything = store.load().items, store.load(history=True).items
    assert len(everything) == written.items and sorted(everything) == list(range(1, written.items + 1))
    assert written.archived_id not in live and written.archived_id in everything
    assert len(live) < written.items / 5
    assert len(store.history().undo) == JOURNAL_LIMIT


def test_a_history_is_written_only_into_a_folder_without_items(history, tmp_path):
    history.generate(tmp_path / "home", years=1, per_day=1)
    with pytest.raises(ValueError, match="already holds items"):
        history.generate(tmp_path / "home", years=1, per_day=1)


def test_a_cached_history_is_written_once_per_source_and_a_stale_one_removed(history, tmp_path, monkeypatch):
    written = []
    generate = history.generate
    monkeypatch.setattr(history, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(history, "generate", lambda *args, **kwargs: written.append(args) or generate(*args, **kwargs))
    kind = history.Kind("1 year", 1, 1)
    home, first = history.cached(kind)
    assert history.cached(kind) == (home, first) and len(written) == 1
    assert first.archived_id not in Store(home).load().items
    monkeypatch.setattr(history, "source_key", lambda: "changed")
    again, _ = history.cached(kind)
    assert len(written) == 2 and again != home and again.exists() and not home.exists()


def test_the_cache_key_changes_with_the_source_of_an_ictrack_module_loaded_and_no_other(history, tmp_path, monkeypatch):
    source = tmp_path / "probe.py"
    source.write_text("A = 1\n")
    monkeypatch.setitem(sys.modules, "ictrack.probe", SimpleNamespace(__file__=str(source)))
    monkeypatch.setitem(sys.modules, "elsewhere", SimpleNamespace(__file__=str(tmp_path / "elsewhere.py")))
    before = history.source_key()
    (tmp_path / "elsewhere.py").write_text("changed = True\n")
    assert history.source_key() == before
    source.write_text("A = 2\n")
    assert history.source_key() != before
