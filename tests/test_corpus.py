"""The phrase corpus (tests/fixtures/phrases.toml): every phrase through quick add and the TUI's preview, a sample
through the CLI."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ictrack.core.dates import describe_due
from ictrack.core.quickadd import parse_quick_add
from ictrack.core.recurrence import first_due
from ictrack.core.settings import Config
from ictrack.errors import IctrackError
from ictrack.service import open_service
from ictrack.tui.screens.add import LEFTOVER
from ictrack.tui.screens.add import understood as preview

CORPUS = Path(__file__).parent / "fixtures" / "phrases.toml"
LONDON = ZoneInfo("Europe/London")
CLASSES = {
    "whole": "a due phrase is taken whole or not at all",
    "abbreviation": "tmw, tmrw, 2day, eod, cob, eow, eom",
    "end-of-period": "end of day, week, month, next week; close of business",
    "part-of-day": "morning, afternoon, evening, tonight, first thing",
    "ordinal": "the 3rd, on the 28th",
    "span": "in an hour, in half an hour, in a couple of days, within 2 weeks, in a fortnight",
    "weekday": "this, next, <weekday> after next, next week",
    "bare-hour": "a bare hour after at, @, by or a day, read within working hours",
    "time": "clock times",
    "punctuation": "trailing punctuation ignored",
    "day-first": "a day-first date when month-first can't be a date",
    "past": "a past phrase refused as a due date, dating help received",
    "repeat": "repeats in either order, the first date from the rule",
    "handle": "the person, and names kept in the sentence",
    "tag": "+tag and #tag; #123 stays in the title",
    "flag": "+ext, +high, +low and their ! forms",
    "non-date": "words that must stay words",
    "absolute": "dates with a month name or in ISO form",
    "leading": "a day at the start of the text",
}
KEYS = {"text", "class", "title", "now", "kind", "person", "tags", "flags", "due", "happened", "repeat", "leftovers",
        "error", "dayfirst", "workday_start", "workday_end"}  # fmt: skip
FIELDS = ("title", "person", "tags", "flags", "due", "happened", "repeat", "leftovers")


def load() -> tuple[str, list[dict[str, Any]]]:
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    return data["now"], data["phrases"]


DEFAULT_NOW, PHRASES = load()


def counts() -> Counter[str]:
    """How many phrases the corpus has in each class."""
    return Counter(phrase["class"] for phrase in load()[1])


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def expected(phrase: dict[str, Any]) -> dict[str, Any]:
    """The fields a phrase must give, a key left out being the none of its field."""
    if "error" in phrase:
        return {"error": phrase["error"]}
    return {"title": phrase["title"], "person": phrase.get("person"), "tags": phrase.get("tags", []),
            "flags": sorted(phrase.get("flags", [])), "due": phrase.get("due"), "happened": phrase.get("happened"),
            "repeat": phrase.get("repeat"), "leftovers": phrase.get("leftovers", [])}  # fmt: skip


def understood(phrase: dict[str, Any]) -> dict[str, Any]:
    """What quick add makes of a phrase, in the corpus's terms (a repeat's first date as the service finds it)."""
    now = moment(phrase.get("now", DEFAULT_NOW))
    settings = {key: time.fromisoformat(phrase[key]) for key in ("workday_start", "workday_end") if key in phrase}
    try:
        parsed = parse_quick_add(phrase["text"], now, dayfirst=phrase.get("dayfirst", False),
                                 past=phrase.get("kind") == "help", **settings)  # fmt: skip
    except IctrackError as error:
        return {"error": str(error)}
    due = first_due(parsed.rule, now, parsed.due) if parsed.rule is not None else parsed.due
    flags = (["ext"] if parsed.external else []) + ([parsed.priority] if parsed.priority != "normal" else [])

    def shown(when: datetime | None) -> str | None:
        return when.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M") if when is not None else None

    return {"title": parsed.title, "person": parsed.person, "tags": parsed.tags, "flags": sorted(flags),
            "due": shown(due), "happened": shown(parsed.happened), "repeat": parsed.rule.text if parsed.rule else None,
            "leftovers": parsed.leftovers}  # fmt: skip


def name(phrase: dict[str, Any]) -> str:
    return f"{phrase['class']}: {phrase['text']}" + (f" @{phrase['now']}" if "now" in phrase else "")


@pytest.mark.parametrize("phrase", PHRASES, ids=name)
def test_each_phrase_of_the_corpus_gives_what_it_says(phrase):
    got, wanted = understood(phrase), expected(phrase)
    if "error" in wanted:
        assert wanted["error"] in got.get("error", ""), got
    else:
        assert got == wanted


def test_the_corpus_has_300_phrases_in_every_class_and_only_known_keys():
    assert len(PHRASES) >= 300
    per_class = counts()
    assert set(per_class) == set(CLASSES)
    assert min(per_class.values()) >= 10, per_class
    for phrase in PHRASES:
        assert set(phrase) <= KEYS and {"text", "class"} <= set(phrase), phrase
        assert ("error" in phrase) != ("title" in phrase), phrase


# every eighth phrase, and each class's first, as `ictrack add TEXT --json` (or ask, helped) gives it
SAMPLE = [phrase for index, phrase in enumerate(PHRASES) if index % 8 == 0 or phrase is next(
    p for p in PHRASES if p["class"] == phrase["class"])]  # fmt: skip


@pytest.mark.parametrize("phrase", SAMPLE, ids=name)
def test_a_sample_of_the_corpus_gives_the_same_through_the_cli(cli, home, tmp_path, phrase):
    config = [f"dayfirst = {'true' if phrase.get('dayfirst') else 'false'}"]
    config += [f'{key} = "{phrase[key]}"' for key in ("workday_start", "workday_end") if key in phrase]
    (tmp_path / "config.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    command = {"commitment": "add", "ask": "ask", "help": "helped"}[phrase.get("kind", "commitment")]
    result = cli(command, phrase["text"], "--json", now=phrase.get("now", DEFAULT_NOW))
    wanted = expected(phrase)
    if "error" in wanted:
        assert result.code == 2 and wanted["error"] in result.err and result.out == "", result.err
        return
    assert result.code == 0, result.err
    item = result.json()

    def local(stamp: str | None) -> str | None:
        return datetime.fromisoformat(stamp).astimezone(LONDON).strftime("%Y-%m-%dT%H:%M") if stamp else None

    flags = (["ext"] if item["external"] else []) + ([item["priority"]] if item["priority"] != "normal" else [])
    assert {"title": item["title"], "person": item["person"], "tags": item["tags"], "flags": sorted(flags),
            "due": local(item["due"]), "repeat": item["recur"]["rule"] if "recur" in item else None} == {
        key: wanted[key] for key in ("title", "person", "tags", "flags", "due", "repeat")}  # fmt: skip
    if phrase.get("kind") == "help":
        assert local(item["done_at"]) == (wanted["happened"] or phrase.get("now", DEFAULT_NOW))
    for word in wanted["leftovers"]:
        assert f'"{word}"' in result.err
    assert ("stayed in the title" in result.err) == bool(wanted["leftovers"])


@pytest.mark.parametrize("phrase", PHRASES, ids=name)
def test_each_phrase_of_the_corpus_reads_the_same_in_the_tui_preview(tmp_path, phrase):
    now = moment(phrase.get("now", DEFAULT_NOW))
    settings = {key: time.fromisoformat(phrase[key]) for key in ("workday_start", "workday_end") if key in phrase}
    service = open_service(tmp_path, Config(dayfirst=phrase.get("dayfirst", False), **settings), lambda: now)
    kind = phrase.get("kind", "commitment")
    shown, ok = preview(service, kind, phrase["text"])
    wanted = expected(phrase)
    if "error" in wanted:
        assert not ok and wanted["error"] in shown.plain, shown.plain
        return
    assert ok, shown.plain
    lines = dict(line.split(maxsplit=1) for line in shown.plain.splitlines())
    assert lines["what"] == wanted["title"]
    assert lines["who"] == (f"@{wanted['person']}" if wanted["person"] else "nobody named")
    if kind == "help":
        happened = wanted["happened"]
        assert lines["when"] == (f"received {describe_due(moment(happened), now)}" if happened else "received now")
    else:
        assert lines["due"] == (describe_due(moment(wanted["due"]), now) if wanted["due"] else "no due date")
    assert lines.get("repeats") == wanted["repeat"]
    flags = [f"#{tag}" for tag in wanted["tags"]] + (["external customer"] if "ext" in wanted["flags"] else [])
    flags += [f"{level} priority" for level in ("high", "low") if level in wanted["flags"]]
    assert lines.get("flags") == (" ".join(flags) or None)
    marked = [shown.plain[span.start : span.end] for span in shown.spans if span.style == LEFTOVER]
    assert marked == wanted["leftovers"]
    assert ("stayed in the title" in lines.get("note", "")) == bool(wanted["leftovers"])
