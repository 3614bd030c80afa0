"""Date parsers weighed on the phrase corpus: ictrack's own grammar beside the natural-language date
libraries on PyPI, for accuracy, import time and time per phrase. Writes its section of bench/results.md.

The libraries (LIBRARIES) go into a virtual environment of their own, PARSERS_VENV, made on first use:
never into .venv, never into ictrack's dependencies. Each is installed, imported and run in a process
of its own, so one that fails to install or import, hangs or crashes is reported, not fatal.

Every phrase of tests/fixtures/phrases.toml is read except those whose answer is an error (a past due
date, an empty title: ictrack refuses them, and a library that returns a moment has no way to). The
target is the phrase's `due` (for a repeat, its first date), or for help received its `happened`; a
phrase without one must give no date. Each reader gets the phrase's `now` as its base, prefers the
future (the past, for help received), reads slash dates day first where the phrase says so, and is
scored to the minute. Two ways of feeding a library:

- the date part: the words of the text that are neither marks (`@who`, `+tag`, `#tag`, `+ext` ...) nor
  the expected title, less a leading `due` and separators (`fri - send it`: `fri`), given to the
  library's one-phrase reader. The library is told where the date is; only phrases with a target count.
- the whole line, given to the library's search (the reader that finds dates inside text); the last
  date it finds counts. Every phrase counts, a phrase without a target when nothing is found.

ictrack reads the whole line both times (parse_quick_add). A library that says what it read is
completed as ictrack would complete it: a date alone at the phrase's workday_end, a time alone on the
first such time ahead of now (behind it, for help received), a span from now.

Usage: python bench/parsers.py [runs]   (default 15 timed starts per case; `make bench-parsers` runs it)
       VENV/bin/python bench/parsers.py --worker NAME TASKS RESULT   (what the first starts for each library)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARSERS_VENV = ROOT / ".parsers-venv"
CORPUS = ROOT / "tests" / "fixtures" / "phrases.toml"
FIRST_PHRASE = "send figures by fri 3pm"  # what each reader is given once, for "import + one phrase"
# name: (pip requirement, its import, one whole line read with its search)
LIBRARIES = {
    "parsedatetime": ("parsedatetime==2.6", "import parsedatetime",
                      f"import parsedatetime; parsedatetime.Calendar().nlp({FIRST_PHRASE!r})"),
    "dateparser": ("dateparser==1.5.0", "import dateparser",
                   f"from dateparser.search import search_dates; search_dates({FIRST_PHRASE!r}, languages=['en'])"),
    "ctparse": ("ctparse==0.3.6", "import ctparse", f"from ctparse import ctparse; ctparse({FIRST_PHRASE!r})"),
    "timefhuman": ("timefhuman==0.1.5", "import timefhuman",
                   f"from timefhuman import timefhuman; timefhuman({FIRST_PHRASE!r})"),
}  # fmt: skip
ICTRACK_IMPORT = "import ictrack.core.quickadd"
ICTRACK_FIRST = (
    "from datetime import datetime; from zoneinfo import ZoneInfo; from ictrack.core.quickadd import parse_quick_add;"
    f" parse_quick_add({FIRST_PHRASE!r}, datetime(2026, 11, 23, 9, tzinfo=ZoneInfo('Europe/London')))"
)
SEPARATORS = ("-", "–", "—", ":")
_ENDS = ",;:.!?"
# a mark quick add takes out of the text: a handle (not `@3pm`), a tag (not `#123`, `+1`, `+3d`), a flag
_MARK = re.compile(r"@[A-Za-z][\w.'’-]*|#(?!\d+$)[\w-]+|\+(?!\d+[hmdw]?$)[\w-]*[A-Za-z][\w-]*"
                   r"|!(?:ext|external|high|low)")  # fmt: skip


# -- the corpus, as tasks ----------------------------------------------------


def date_part(text: str, title: str) -> str:
    """The words of `text` that are neither marks nor the expected `title`: the date, where the corpus says
    it is. Handles kept in the title as names (`to @dana` -> `to dana`) are matched by their names."""
    words = text.split()
    plain = [word for word in words if not _MARK.fullmatch(word.rstrip(_ENDS))]
    names = [word.rstrip(_ENDS)[1:] for word in words if word.startswith("@") and _MARK.fullmatch(word.rstrip(_ENDS))]
    kept = title.split()
    for name in names:
        at = next((index for index, word in enumerate(kept) if word.rstrip(_ENDS) == name), None)
        if at is not None:
            del kept[at]

    def same(first: str, second: str) -> bool:
        return first.rstrip(_ENDS).lower() == second.rstrip(_ENDS).lower()

    start = 0
    while start < min(len(kept), len(plain)) and same(kept[start], plain[start]):
        start += 1
    end = 0
    while end < min(len(kept), len(plain)) - start and same(kept[-1 - end], plain[-1 - end]):
        end += 1
    part = plain[start : len(plain) - end]
    while part and (part[0] in SEPARATORS or part[0].lower() == "due"):
        part = part[1:]
    while part and part[-1] in SEPARATORS:
        part = part[:-1]
    return " ".join(part)


def tasks() -> list[dict]:
    """Every phrase of the corpus that has an answer other than an error, with what a reader is given."""
    import tomllib

    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    found = []
    for phrase in data["phrases"]:
        if "error" in phrase:
            continue
        past = phrase.get("kind") == "help"
        found.append({
            "text": phrase["text"], "class": phrase["class"], "now": phrase.get("now", data["now"]), "past": past,
            "dayfirst": phrase.get("dayfirst", False), "workday_start": phrase.get("workday_start", "09:00"),
            "workday_end": phrase.get("workday_end", "17:00"), "part": date_part(phrase["text"], phrase["title"]),
            "target": phrase.get("happened") if past else phrase.get("due"),
        })  # fmt: skip
    return found


# -- what a library read, completed and scored --------------------------------


def completed(reading: dict | None, task: dict) -> str | None:
    """A library's reading as a moment to the minute, its missing half filled in as ictrack fills it."""
    if reading is None:
        return None
    now, kind, value = datetime.fromisoformat(task["now"]), reading["kind"], reading["value"]
    if kind == "span":
        moment = now + timedelta(seconds=value)
    elif kind == "date":
        moment = datetime.combine(date.fromisoformat(value), time_of_day.fromisoformat(task["workday_end"]))
    elif kind == "time":
        moment = datetime.combine(now.date(), time_of_day.fromisoformat(value))
        if not task["past"] and moment <= now:
            moment += timedelta(days=1)
        elif task["past"] and moment > now:
            moment -= timedelta(days=1)
    else:
        moment = datetime.fromisoformat(value)
    return moment.strftime("%Y-%m-%dT%H:%M")


def ictrack_readings(found: list[dict]) -> tuple[list[str | None], list[float]]:
    """What quick add makes of each whole line (a repeat: its first date), and the seconds each took."""
    from zoneinfo import ZoneInfo

    from ictrack.core.quickadd import parse_quick_add
    from ictrack.core.recurrence import first_due
    from ictrack.errors import IctrackError

    zone = ZoneInfo("Europe/London")
    moments, seconds = [], []
    for task in found:
        now = datetime.fromisoformat(task["now"]).replace(tzinfo=zone)
        start = time.perf_counter()
        try:
            parsed = parse_quick_add(task["text"], now, dayfirst=task["dayfirst"], past=task["past"],
                                     workday_start=time_of_day.fromisoformat(task["workday_start"]),
                                     workday_end=time_of_day.fromisoformat(task["workday_end"]))  # fmt: skip
            moment = parsed.happened if task["past"] else parsed.due
            if parsed.rule is not None:
                moment = first_due(parsed.rule, now, parsed.due)
        except IctrackError:
            moment = None
        seconds.append(time.perf_counter() - start)
        moments.append(moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if moment else None)
    return moments, seconds


# -- the libraries, each in a process of its own ------------------------------


def venv_python() -> Path:
    return PARSERS_VENV / "bin" / "python"


def install(name: str) -> str | None:
    """Install one library into PARSERS_VENV (made first if missing); None, or why it failed."""
    if not venv_python().exists():
        made = subprocess.run([sys._base_executable, "-m", "venv", str(PARSERS_VENV)], capture_output=True, text=True)
        if made.returncode != 0:
            return f"could not make {PARSERS_VENV.name}: {(made.stderr.strip().splitlines() or ['?'])[-1]}"
    command = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               LIBRARIES[name][0]]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "pip install took over 10 minutes"
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")] or done.stderr.splitlines()
        return "pip install failed: " + (errors[-1].strip() if errors else f"exit code {done.returncode}")
    return None


def run_library(name: str, found: list[dict]) -> dict:
    """The worker's answer for one library: readings per phrase, or why there are none."""
    with tempfile.TemporaryDirectory() as folder:
        given, answer = Path(folder) / "tasks.json", Path(folder) / "answer.json"
        given.write_text(json.dumps(found), encoding="utf-8")
        command = [str(venv_python()), str(Path(__file__).resolve()), "--worker", name, str(given), str(answer)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            return {"failed": "took over 30 minutes on the corpus"}
        except OSError as error:
            return {"failed": f"could not start {command[0]}: {error.strerror}"}
        if not answer.exists():
            last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            return {"failed": f"the worker stopped: {last}"}
        return json.loads(answer.read_text(encoding="utf-8"))


def worker(name: str, given: Path, answer: Path) -> None:
    """In PARSERS_VENV: import the library, read every task both ways, write the readings as JSON."""
    import importlib.metadata
    import logging

    logging.disable(logging.CRITICAL)  # ctparse logs every phrase it can't read
    try:
        read, search = READERS[name]()
    except Exception as error:  # any failure to import is reported, whatever it is
        answer.write_text(json.dumps({"failed": f"import failed: {type(error).__name__}: {error}"}), encoding="utf-8")
        return
    results, seconds, raised = [], [], 0
    for task in json.loads(given.read_text(encoding="utf-8")):
        now = datetime.fromisoformat(task["now"])
        row = {}
        for way, text, whole in (("part", task["part"], False), ("line", task["text"], True)):
            try:
                row[way] = _last(read(text, now, task, whole)) if text else None
            except Exception:  # a library that raises on a phrase read it wrong
                row[way], raised = None, raised + 1
        start = time.perf_counter()
        with contextlib.suppress(Exception):  # counted above
            search(task["text"], now, task)
        seconds.append(time.perf_counter() - start)
        results.append(row)
    version = importlib.metadata.version(name)
    answer.write_text(json.dumps({"version": version, "results": results, "seconds": seconds, "raised": raised}),
                      encoding="utf-8")  # fmt: skip


def _last(finds: list[dict | None]) -> dict | None:
    """The last date found in a line; with a time alone found just before or after a date alone (`tomorrow
    by 3pm`, which some libraries find as two), the two together."""
    finds = [find for find in finds if find is not None]
    if not finds:
        return None
    last = finds[-1]
    if len(finds) > 1 and {finds[-2]["kind"], last["kind"]} == {"date", "time"}:
        day, clock = (finds[-2], last) if last["kind"] == "time" else (last, finds[-2])
        return {"kind": "datetime", "value": f"{day['value']}T{clock['value']}"}
    return last


def _reading(value) -> dict | None:
    """A library's answer as {kind, value}: kind "datetime", "date", "time" or "span" (seconds)."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        return {"kind": "span", "value": value.total_seconds()}
    if isinstance(value, datetime):
        return {"kind": "datetime", "value": value.replace(tzinfo=None).isoformat(timespec="minutes")}
    if isinstance(value, date):
        return {"kind": "date", "value": value.isoformat()}
    return {"kind": "time", "value": value.strftime("%H:%M")}  # a datetime.time


# Each factory imports its library and gives (read, search): read(text, now, task, whole) -> the dates
# found, as readings, in order (one at most for a phrase); search(text, now, task), the library's own
# call on a whole line, alone, for the time per line.


def _parsedatetime():
    import parsedatetime

    def calendar(task: dict):
        constants = parsedatetime.Constants("en_US")
        if task["dayfirst"]:
            constants.dp_order = ["d", "m", "y"]
        constants.DOWParseStyle = -1 if task["past"] else 1  # a weekday alone: the last one, or the next
        constants.CurrentDOWParseStyle = True  # today's weekday is today, as ictrack reads it
        constants.YearParseStyle = 0 if task["past"] else 1  # a date passed this year is next year's
        return parsedatetime.Calendar(constants, version=parsedatetime.VERSION_CONTEXT_STYLE)

    def reading(moment: datetime, context) -> dict | None:
        if context.hasDate and context.hasTime:
            return _reading(moment)
        if context.hasDate:
            return _reading(moment.date())
        return _reading(moment.time()) if context.hasTime else None

    def read(text: str, now: datetime, task: dict, whole: bool) -> list[dict | None]:
        if whole:
            return [reading(found[0], found[1]) for found in calendar(task).nlp(text, sourceTime=now) or ()]
        return [reading(*calendar(task).parseDT(text, sourceTime=now))]

    return read, lambda text, now, task: calendar(task).nlp(text, sourceTime=now)


def _dateparser():
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def settings(task: dict, now: datetime) -> dict:
        return {"RELATIVE_BASE": now, "PREFER_DATES_FROM": "past" if task["past"] else "future",
                "DATE_ORDER": "DMY" if task["dayfirst"] else "MDY", "RETURN_TIME_AS_PERIOD": True}  # fmt: skip

    def reading(text: str, now: datetime, task: dict) -> dict | None:
        """`tomorrow 9am` comes back with the period "day" and its time: a time is taken as read when it
        stays put with the base moved 37 minutes, and as the base's own time (no time given) when it moves."""
        data = DateDataParser(languages=["en"], settings=settings(task, now)).get_date_data(text)
        moment = data.date_obj
        if moment is None:
            return None
        if data.period == "time":
            return _reading(moment)
        later = now + timedelta(minutes=37)
        moved = DateDataParser(languages=["en"], settings=settings(task, later)).get_date_data(text).date_obj
        if moment.time() != datetime.min.time() and moved is not None and moved.time() == moment.time():
            return _reading(moment)
        return _reading(moment.date())

    def search(text: str, now: datetime, task: dict):
        return search_dates(text, languages=["en"], settings=settings(task, now))

    def read(text: str, now: datetime, task: dict, whole: bool) -> list[dict | None]:
        if whole:
            return [reading(found, now, task) for found, _ in search(text, now, task) or ()]
        return [reading(text, now, task)]

    return read, search


def _ctparse():
    from ctparse import ctparse
    from ctparse.types import Duration, Interval, Time

    def read(text: str, now: datetime, task: dict, whole: bool) -> list[dict | None]:
        found = ctparse(text, ts=now)  # the best reading of the whole text, phrase or line
        resolution = found.resolution if found is not None else None
        if isinstance(resolution, Interval):
            resolution = resolution.t_from or resolution.t_to
        if isinstance(resolution, Duration):  # `in 2 hours`, `2h ago`: no direction, so the task's
            unit = resolution.unit.value
            if unit not in ("minutes", "hours", "days", "weeks"):
                return []
            span = timedelta(**{unit: resolution.value}) * (-1 if task["past"] else 1)
            return [_reading(span if unit in ("minutes", "hours") else (now + span).date())]  # days are days
        if not isinstance(resolution, Time):
            return []
        day = (date(resolution.year, resolution.month, resolution.day)
               if None not in (resolution.year, resolution.month, resolution.day) else None)  # fmt: skip
        clock = time_of_day(resolution.hour, resolution.minute or 0) if resolution.hour is not None else None
        if day and clock:
            return [_reading(datetime.combine(day, clock))]
        return [_reading(day or clock)]

    return read, lambda text, now, task: ctparse(text, ts=now)


def _timefhuman():
    from timefhuman import Direction, tfhConfig, timefhuman

    def search(text: str, now: datetime, task: dict):
        direction = Direction.previous if task["past"] else Direction.next
        return timefhuman(text, tfhConfig(now=now, direction=direction, infer_datetimes=False))

    def read(text: str, now: datetime, task: dict, whole: bool) -> list[dict | None]:
        finds = []
        for value in search(text, now, task):
            while isinstance(value, tuple | list):  # a range or a list of choices: its first
                value = value[0] if value else None
            finds.append(_reading(value))
        return finds if whole else finds[-1:]

    return read, search


READERS = {"parsedatetime": _parsedatetime, "dateparser": _dateparser, "ctparse": _ctparse,
           "timefhuman": _timefhuman}  # fmt: skip


# -- import time ---------------------------------------------------------------


def start_times(cases: dict[str, tuple[list[str], dict]], runs: int) -> dict[str, float]:
    """Median seconds of each command in a fresh interpreter: one warm-up each, then `runs` rounds,
    round-robin so that noise on the machine spreads over every case."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for round_number in range(runs + 1):
        for name, (command, env) in cases.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if round_number:
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


# -- the report ------------------------------------------------------------------


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    sys.path.insert(0, str(Path(__file__).parent))
    from results import machine, write_section

    found = tasks()
    expected = [task["target"] for task in found]
    own, own_seconds = ictrack_readings(found)
    readers: dict[str, dict] = {}
    for name in LIBRARIES:
        print(f"bench: {name}", file=sys.stderr)
        failure = install(name)
        readers[name] = {"failed": failure} if failure else run_library(name, found)
    working = [name for name in LIBRARIES if "failed" not in readers[name]]
    python = str(venv_python())
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    with_ictrack = {**env, "PYTHONPATH": str(ROOT)}
    cases = {"python -c pass": ([python, "-c", "pass"], env), "ictrack": ([python, "-c", ICTRACK_IMPORT], with_ictrack),
             "ictrack +": ([python, "-c", ICTRACK_FIRST], with_ictrack)}  # fmt: skip
    for name in working:
        cases[name] = ([python, "-c", LIBRARIES[name][1]], env)
        cases[f"{name} +"] = ([python, "-c", LIBRARIES[name][2]], env)
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was when the timings began
    starts = start_times(cases, runs) if venv_python().exists() else {}

    def right(name: str, way: str, index: int) -> bool:
        if name == "ictrack":
            return own[index] == expected[index]
        return completed(readers[name]["results"][index][way], found[index]) == expected[index]

    columns = ["ictrack", *working]
    parts = [i for i, task in enumerate(found) if task["target"] and task["part"]]
    everything = list(range(len(found)))
    classes = list(dict.fromkeys(task["class"] for task in found))

    def table(way: str, chosen: list[int]) -> list[str]:
        rows = [f"| class | phrases | {' | '.join(columns)} |", "|---|---:|" + "---:|" * len(columns)]
        for name in classes:
            mine = [i for i in chosen if found[i]["class"] == name]
            if mine:
                cells = [f"{sum(right(column, way, i) for i in mine)}" for column in columns]
                rows.append(f"| {name} | {len(mine)} | {' | '.join(cells)} |")
        totals = [f"**{sum(right(column, way, i) for i in chosen) / len(chosen):.0%}**" for column in columns]
        rows.append(f"| **all** | **{len(chosen)}** | {' | '.join(totals)} |")
        return rows

    dated = [i for i in everything if found[i]["target"]]
    undated = [i for i in everything if not found[i]["target"]]

    def share(column: str, way: str, chosen: list[int]) -> float:
        return sum(right(column, way, i) for i in chosen) / len(chosen)

    own_ms = statistics.median(own_seconds) * 1000
    speed = {"ictrack": own_ms, **{n: statistics.median(readers[n]["seconds"]) * 1000 for n in working}}
    base = starts.get("python -c pass")
    summary = [
        "| reader | version | date part | whole line: dated | undated | all | import ms | × python -c pass | "
        "import + one line ms | × | ms per line |",
        "|---|---|" + "---:|" * 9,
    ]
    for column in columns:
        version = "this tree" if column == "ictrack" else readers[column]["version"]
        alone, first = starts.get(column), starts.get(f"{column} +")
        timing = (f"{alone * 1000:.0f} | {alone / base:.2f} | {first * 1000:.0f} | {first / base:.2f}"
                  if alone and first and base else "— | — | — | —")  # fmt: skip
        shares = " | ".join(f"{share(column, way, chosen):.0%}" for way, chosen in
                            (("part", parts), ("line", dated), ("line", undated), ("line", everything)))  # fmt: skip
        summary.append(f"| {column} | {version} | {shares} | {timing} | {speed[column]:.2f} |")
    failures = [f"- {name} ({LIBRARIES[name][0]}): {readers[name]['failed']}" for name in LIBRARIES
                if name not in working]  # fmt: skip
    raised = [f"{name} raised an exception on {plural(readers[name]['raised'], 'reading')} (counted wrong)"
              for name in working if readers[name]["raised"]]  # fmt: skip
    figures = {}
    if working:
        best = max(working, key=lambda name: share(name, "line", everything))
        best_part = max(working, key=lambda name: share(name, "part", parts))

        def best_in(name: str) -> str:
            """`10 of 28`: the most phrases of a class any library reads right from whole lines."""
            mine = [i for i in everything if found[i]["class"] == name]
            return f"{max(sum(right(column, 'line', i) for i in mine) for column in working)} of {len(mine)}"

        imports = sorted(starts[name] / base for name in working if starts.get(name) and base)
        figures = {
            "best": best, "theirs": share(best, "line", everything), "ours": share("ictrack", "line", everything),
            "best_part": best_part, "part": share(best_part, "part", parts),
            **{name: best_in(name) for name in ("abbreviation", "part-of-day", "bare-hour", "ordinal", "weekday",
                                                "repeat")},
            "undated": max(share(name, "line", undated) for name in working),
            "imports": f"{imports[0]:.1f}× to {imports[-1]:.1f}×" if imports else "an unmeasured multiple of",
            "our_import": f"{starts['ictrack'] / base:.1f}×" if base and starts.get("ictrack") else "?",
        }  # fmt: skip
    lines = [
        "## Date parsers weighed on the phrase corpus",
        "",
        f"Measured {date.today().isoformat()} by `make bench-parsers` (`bench/parsers.py`): the {len(found)}",
        f"phrases of `tests/fixtures/phrases.toml` whose answer is not an error ({len(dated)} of them with a date),",
        f"read by ictrack's grammar and by each library, installed in `{PARSERS_VENV.name}` (never a dependency of",
        "ictrack). A reading is right when it gives the phrase's due date and time to the minute (for help",
        "received, when it happened), or no date where the phrase has none. Each library gets the phrase's `now`",
        "as its base, prefers the future (the past for help received) and reads slash dates day first where the",
        "phrase says so, where it has such a setting; a date it reads without a time is completed with the",
        "phrase's end of the working day, a time without a date with the first such time ahead, as ictrack",
        "completes them. *Date part*: the library's one-phrase reader is handed just the words the corpus says",
        "are the date (ictrack still reads the whole line). *Whole line*: the library's search finds the date in",
        "the text; its last find counts (a date and a time found side by side count as one). The docstring of",
        "`bench/parsers.py` gives every rule.",
        "",
        f"- Machine: {machine()}",
        f"- Start-up: median of {runs} fresh interpreters per case, interleaved, in `{PARSERS_VENV.name}` (load",
        f"  average {load:.1f} as they began); ictrack's quick-add modules from this tree. *import + one line* reads",
        "  `send figures by fri 3pm` once with the library's search (ictrack: `parse_quick_add`). *ms per line*:",
        "  median over the corpus, in one process.",
        *(["- Not measured:", *failures] if failures else []),
        *([f"- {'; '.join(raised)}."] if raised else []),
        "",
        *summary,
        "",
        "Date part, right per class:",
        "",
        *table("part", parts),
        "",
        "Whole line, right per class (a phrase without a date is right when nothing is found):",
        "",
        *table("line", everything),
        "",
        conclusion(figures) if figures else "No library could be measured.",
    ]
    text = "\n".join(lines)
    write_section("parsers", text)
    print(text)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def conclusion(figures: dict) -> str:
    """The paragraph that says whether a library should take the grammar's place, from the figures above."""
    f = figures
    if f["theirs"] >= f["ours"]:
        return (f"**Conclusion.** {f['best']} reads {f['theirs']:.0%} of the corpus from whole lines, as well as "
                f"ictrack ({f['ours']:.0%}): worth weighing as a replacement for the grammar.")  # fmt: skip
    return (
        "**Conclusion: no library is adopted; ictrack keeps its own grammar.** The corpus is ictrack's specification, "
        "so its 100% is the bar rather than a win; the question is how near a library comes, and none comes near. "
        f"From whole lines the best, {f['best']}, is right on {f['theirs']:.0%} of phrases; handed only the date "
        f"part, the best, {f['best_part']}, reads {f['part']:.0%} of the dated ones. Some of the gap is convention "
        f"a wrapper could paper over: the parts of the day at the working day's hours (at best {f['part-of-day']} "
        f"right), a bare `at 2` read as 14:00 ({f['bare-hour']}). Most is not: the short forms people type "
        f"(`tmrw`, `eow`, `cob`: {f['abbreviation']}), ordinals (`the 3rd`: {f['ordinal']}), `next fri` and "
        f"`fri after next` ({f['weekday']}), repeats ({f['repeat']}), and leaving alone a line without a date (at "
        f"best {f['undated']:.0%} of them: the libraries find dates in titles such as `call dana thu fri 3pm`). "
        f"Each library costs start-up too: importing one takes {f['imports']} `python -c pass`, against "
        f"{f['our_import']} for ictrack's quick-add modules, while all of `ictrack add` has a budget of 4×. Adopting "
        "one would add a "
        "dependency and its start-up to every quick add and still need ictrack's rules around it."
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
