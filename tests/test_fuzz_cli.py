"""Every command of the CLI, driven with generated arguments, environment and config.toml.

The commands, their positionals, options, flags and choices are read from `build_parser()`, so a new
command or option is fuzzed without a change here. Each example picks a command, builds its argv
from valid tokens (seeded IDs, handles, WHEN phrases, files to import) mixed with hostile text
(control characters, other scripts' digits, huge numbers, empty strings), sets ICTRACK_NOW,
ICTRACK_LOCK_TIMEOUT, TZ, HOME, standard input (files to import, whole or with one value made
hostile) and one config.toml value, and runs `cli.main` in this process on a seeded data folder
(now and then an empty one) put back byte for byte before each example. At most one thing around
the command is hostile at a time, so each is reached on its own. It asserts:

- the exit code is 0, 1, 2 or 3, and no exception but SystemExit (argparse's) leaves main;
- a failed command (exit code not 0) said why in one line, and left every data file byte for byte;
- after a successful change, the data still loads: list, brief, people and week all work on it.

`ui` needs a terminal and is left out; standard input is never a terminal, so nothing asks questions.
Arguments never hold NUL (no process can receive one), and paths are kept inside the example's folder.
For speed, fsync is a no-op (durability is tested elsewhere) and main reuses one parser. The run is
derandomized and keeps no example database, so it is the same on every machine; `-s` prints its figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ictrack.cli import build_parser, main
from ictrack.cli.common import item_id
from ictrack.core.settings import Config

SKIPPED = {"ui"}  # needs a terminal
EXAMPLES = 3000
FIXTURES = Path(__file__).parent / "fixtures"
SANE = {"ICTRACK_NOW": "2026-11-23T09:00", "ICTRACK_LOCK_TIMEOUT": "5", "TZ": "Europe/London"}


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    commands = {name: sub for name, sub in subparsers.choices.items() if name not in SKIPPED}
    return {"": parser, **commands}  # "": no command at all, which is the brief off a terminal


COMMANDS = _commands()


# -- what goes into an argument ------------------------------------------------

NOISE = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=24),
    st.text(st.characters(categories=["Cc", "Nd", "Zs", "Cf"], exclude_characters="\x00"), max_size=8),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "-", "--", "-x", "0", "-1", "99999999999", "9" * 400, "١", "٣", "１２", "𝟗", "\n",
                     "\x1b[31m", "\u202e", "\udcff", "nan", "inf", "1e999", "{name}", "{name:>999999999}", "%s", "'",
                     '"']),
)  # fmt: skip
SPANS = st.builds(
    lambda number, unit, form: form.format(number, unit),
    st.one_of(st.integers(0, 10**5), st.integers(0, 10**30)),
    st.sampled_from(["days", "weeks", "hours", "minutes", "d", "h", "m", "w"]),
    st.sampled_from(["in {} {}", "+{}{}", "{}{}", "{} {} ago"]),
)
WHEN = st.one_of(
    st.sampled_from(["fri", "tomorrow 9am", "in 3 days", "2h", "next mon", "dec 3", "2026-12-03 10:00", "eom",
                     "yesterday 4pm", "2h ago", "3 days ago", "now", "today", "noon", "feb 29", "12/3/26", "eow",
                     "0001-01-01", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "9999-12-31 23:59",
                     "next month", "in 9999 weeks", "in 10000 days", "3pm fri", "at 9", "fri at 25"]),
    SPANS,
)  # fmt: skip
WORDS = st.sampled_from(["send", "figures", "@dana", "@lee", "#finance", "!ext", "!high", "!low", "by", "fri",
                         "every", "2", "weeks", "in", "99999999999", "days", "tomorrow", "3pm", "due", "@Bad!", "#",
                         "@"])  # fmt: skip
RULES = st.one_of(
    st.sampled_from(["fri 1pm", "weekday", "2 weeks", "month on the 1st", "last friday", "999 years", "1000 days",
                     "0 days", "other week", "month on the 31st", "mon and thu 9am", "every day"]),
    st.integers(0, 10**20).map(lambda n: f"{n} days"),
)  # fmt: skip
HANDLES = st.sampled_from(["dana", "lee", "@sam", "Dana", "payroll", "vendor-co", "nobody", "bad handle", "@", "lee.k"])
TAGS = st.sampled_from(["finance", "#urgent", "review", "bad tag", "#", "a#b"])
NUMBERS = st.one_of(st.sampled_from(["1", "3", "5", "0", "6", "14", "3650", "3651", "-1", "١", " 3", "3.0", "1_0"]),
                    st.integers(-(10**20), 10**20).map(str))  # fmt: skip
CARE = st.sampled_from(["slept", "slept,lunch", "break,moved", "nope", ",", "SLEPT", "slept,,lunch"])
WEEKS = st.one_of(
    st.sampled_from(["2026-W48", "2026-W47", "2026-W53", "2020-W53", "9999-W52", "1900-W01", "2999-W52", "٢٠٢٦-W48",
                     "2026W48", "W48"]),
    st.builds("{}-W{:02d}".format, st.integers(0, 99999), st.integers(0, 99)),
)  # fmt: skip
IMPORTS = st.sampled_from(["-", "-", "-", "export.json", "tasks.json", "deep.json", "wrong.json", "empty.json",
                           "missing.json", "folder", "notjson.txt"])  # fmt: skip
OUTPUTS = st.sampled_from(["out.md", "out.json", "week.html", "w.csv", "existing.txt", "noext", "sub/x.md", "o.ics",
                           "folder", ""])  # fmt: skip
TEXT = st.one_of(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), st.sampled_from(["waiting on data", ""]))

BY_METAVAR = {"WHEN": WHEN, "RULE": RULES, "P": HANDLES, "NAME": HANDLES, "T": st.one_of(TAGS, TEXT), "DAYS": NUMBERS,
              "1-5": NUMBERS, "a,b": CARE, "2026-W48": WEEKS, "TEXT": TEXT}  # fmt: skip
BY_DEST = {"file": IMPORTS, "output": OUTPUTS, "when": WHEN, "at": WHEN, "due": WHEN}


def _inside(path: str) -> str:
    """A generated path kept inside the example's folder (tests run as any user, root included)."""
    path = path.replace("..", "__").lstrip("/~")
    return path


def _valid(action: argparse.Action) -> st.SearchStrategy[str]:
    if action.choices:
        return st.sampled_from(list(action.choices))
    if action.type is item_id:
        return st.integers(1, 14).map(str)
    if action.dest in BY_DEST:
        return BY_DEST[action.dest]
    return BY_METAVAR.get(action.metavar, TEXT)


def _value(draw, action: argparse.Action) -> str:
    value = draw(_valid(action)) if draw(st.sampled_from(range(8))) else draw(NOISE)
    return _inside(value) if action.dest in ("file", "output") else value


def _count(draw, nargs) -> int:
    if nargs is None:
        return 1
    if nargs == "+":
        return draw(st.integers(1, 3))
    if nargs == "?":
        return draw(st.integers(0, 1))
    if nargs == "*":
        return draw(st.integers(0, 3))
    return nargs


@st.composite
def argvs(draw, name: str) -> list[str]:
    """An argv for the command `name`, from its parser's actions: positionals, then options in any order."""
    parser = COMMANDS[name]
    positionals: list[str] = []
    options: list[list[str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._VersionAction | argparse._SubParsersAction):
            continue
        if not action.option_strings:
            count = _count(draw, action.nargs)
            if draw(st.sampled_from(range(20))) == 0:  # now and then a positional is missing or extra
                count = max(0, count + draw(st.sampled_from([-1, 1])))
            positionals += [_value(draw, action) for _ in range(count)]
        elif draw(st.sampled_from(range(4))) == 0:
            flag = draw(st.sampled_from(action.option_strings))
            if action.nargs == 0:
                options.append([flag])
            else:
                options += [[flag, _value(draw, action)] for _ in range(1 + (draw(st.integers(0, 5)) == 0))]
    options = draw(st.permutations(options)) if options else []
    argv = ([name] if name else []) + positionals + [word for option in options for word in option]
    if draw(st.sampled_from(range(20))) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(NOISE))
    return argv


COMMAND_LINES = st.one_of(*[argvs(name).map(lambda argv, name=name: (name, argv)) for name in sorted(COMMANDS)])


# -- the world around the command ----------------------------------------------


USUAL = {  # what a user's environment holds
    "ICTRACK_NOW": st.sampled_from([SANE["ICTRACK_NOW"], "2026-11-27T18:00", "2026-12-31T23:30", "2027-03-28T01:30",
                                    "2026-10-25T01:30", "1900-01-01T00:00", "2999-12-31T23:59",
                                    "2026-11-23T09:00+14:00", "2026-11-23T09:00-12:00", "2026-11-23"]),
    "ICTRACK_LOCK_TIMEOUT": st.sampled_from([SANE["ICTRACK_LOCK_TIMEOUT"], "0", "0.01", "600", ""]),
    "TZ": st.sampled_from([SANE["TZ"], "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC",
                           "Asia/Kolkata", "", "EST5EDT", "UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", ":Europe/Paris"]),
    "HOME": st.just("scratch"),
}  # fmt: skip
HOSTILE = {  # what it should not
    "ICTRACK_NOW": st.one_of(st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "garbage", "٢٠٢٦-١١-٢٣",
                                              "1899-12-31"]), NOISE.filter(bool)),
    "ICTRACK_LOCK_TIMEOUT": st.one_of(st.sampled_from(["abc", "nan", "inf", "-inf", "-1", "601", "1e9", " 5 ", "١"]),
                                      NOISE),
    "TZ": st.one_of(st.sampled_from(["garbage", "zone.tab", "../etc/passwd", "Europe/London "]), NOISE),
    "HOME": st.sampled_from([None, "relative"]),
}  # fmt: skip
USUAL_CONFIG = st.one_of(
    st.none(),
    st.sampled_from(["soon_hours = 12", "soon_hours = 8760", "daily_capacity = 1", "checkin_days = 14",
                     "archive_days = 365", "archive_days = 36500", "dayfirst = true", 'workday_start = "08:30"',
                     'workday_end = "18:00"', "workday_end = 16:30:00", 'care_checks = ["slept", "walked"]',
                     'thank_you_template = "Thanks {name} for {what} on {when}"', "care_prompt = false"]),
)  # fmt: skip
HOSTILE_CONFIG = st.one_of(
    st.tuples(st.sampled_from(Config.__slots__), st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
        st.sampled_from(["0", "8761", "36501", "3.5", "nan", "inf", '"25:99"', '"١٧:٠٠"', "1979-05-27T07:32:00",
                         "[]", "{}", '[""]', '"{name:>999999999}"', '"{name.__class__}"', '"{name[0]}"', '"{name!r}"',
                         '"{0}"', '"{"', '"}"', '"{nmae}"']),
        st.text(max_size=20).map(json.dumps),
    )).map("{0[0]} = {0[1]}".format),
    st.sampled_from(["no_such_key = 1", "soon_hours = ", "[table]\nkey = 1", "\xff"]),
)  # fmt: skip


def _world(hostile: str) -> st.SearchStrategy[tuple[dict, str | None]]:
    """(environment, config.toml) with at most one hostile thing in them, so each one is reached on its own."""
    environment = st.fixed_dictionaries({name: HOSTILE[name] if name == hostile else usual
                                         for name, usual in USUAL.items()})  # fmt: skip
    config = HOSTILE_CONFIG if hostile == "config" else USUAL_CONFIG
    return st.tuples(environment, config)


# nothing hostile around the command in 4 examples out of 10; config.toml in 2; each variable in 1
WORLDS_BY_HOSTILE = {hostile: _world(hostile) for hostile in ["", *USUAL, "config"]}
WORLDS = st.sampled_from(["", "", "", "", *USUAL, "config", "config"]).flatmap(WORLDS_BY_HOSTILE.__getitem__)
HOSTILE_JSON = st.sampled_from([5, -1, 0, 2**63, 10**400, 1e308, float("nan"), "x", "", [], {}, None, True, [1],
                                 {"a": 1}, "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00", "2026-13-01",
                                 "99991231T230000Z", "x" * 300, "١", "\u202e", [[[[]]]]])  # fmt: skip
# (a file, the path to a value in it as choices at each level, what to put there)
MUTATIONS = st.tuples(st.sampled_from(["export.json", "tasks.json"]),
                      st.lists(st.integers(0, 10**6), min_size=1, max_size=4), HOSTILE_JSON)  # fmt: skip
STDIN = st.one_of(
    st.sampled_from(["tasks.json", "export.json", "deep.json", "wrong.json"]),
    st.binary(max_size=64),
    MUTATIONS,
    MUTATIONS,
)


def mutated(document, path: list[int], value):
    """`document` with the value at `path` (a choice among the children at each level) replaced by `value`."""
    node = document
    for step, choice in enumerate(path):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = keys[choice % len(keys)]
        if step == len(path) - 1 or not isinstance(node[key], dict | list):
            node[key] = value
            break
        node = node[key]
    return document


# -- the folders ---------------------------------------------------------------


def _run(argv: list[str]) -> tuple[int, str, str]:
    """main(argv) in this process: (exit code, stdout, stderr). Any exception but SystemExit fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit:
            code = 0 if exit.code is None else exit.code
    return code, out.getvalue(), err.getvalue()


def _walk(root: str) -> tuple[list[str], list[str]]:
    """(folders, files) under `root`, as paths, with os.scandir: pathlib's rglob is the slow part of an example."""
    folders, files, pending = [], [], [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    pending.append(entry.path)
                else:
                    files.append(entry.path)
    return folders, files


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in the data folder by path, with its bytes (the lock file is not data)."""
    contents = {}
    for path in _walk(str(home))[1]:
        if not path.endswith("ictrack.lock"):
            with open(path, "rb") as file:
                contents[path] = file.read()
    return contents


class Folder:
    """A folder put back as it was before each example: only what an example changed is rewritten or removed,
    which is much faster than a fresh copy on file systems where creating and removing folders is slow."""

    def __init__(self, root: Path):
        self.root = str(root)
        folders, files = _walk(self.root)
        self.folders = set(folders)
        self.files = {}
        for path in files:
            with open(path, "rb") as file:
                self.files[path] = (file.read(), os.stat(path).st_mode)
        self.clean = {path: self._signature(path) for path in files}  # what each file looked like when put back

    @staticmethod
    def _signature(path: str) -> tuple[int, int, int, int] | None:
        try:
            info = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size, info.st_mode

    def reset(self) -> None:
        folders, files = _walk(self.root)
        for path in files:
            if path not in self.files:
                os.unlink(path)
        for path in sorted(set(folders) - self.folders, key=len, reverse=True):
            shutil.rmtree(path, ignore_errors=True)
        for path in sorted(self.folders - set(folders), key=len):
            os.makedirs(path, mode=0o700, exist_ok=True)
        for path, (content, mode) in self.files.items():
            if self._signature(path) != self.clean[path]:
                with open(path, "wb") as file:
                    file.write(content)
                os.chmod(path, mode)
                self.clean[path] = self._signature(path)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder lived in: items of every kind, done, dropped, moved, repeating and archived; people; care; and
    files to import: an export, Taskwarrior's, one nested 50,000 deep, one with a field of the wrong kind."""
    root = tmp_path_factory.mktemp("fuzz")
    home = root / "ictrack-data"
    steps = [
        ("2026-09-01T09:00", ["add", "@dana send Q3 figures by fri 3pm #finance"]),
        ("2026-09-01T09:05", ["ask", "@lee review the deck by thu"]),
        ("2026-09-01T09:10", ["helped", "@sam fixed the build"]),
        ("2026-09-02T09:00", ["done", "1"]),
        ("2026-09-02T09:05", ["got", "2"]),
        ("2026-09-02T09:10", ["thank", "2", "--note", "thanked in the channel"]),
        ("2026-11-20T09:00", ["add", "@payroll time sheet every fri 1pm"]),
        ("2026-11-20T09:05", ["add", "@dana budget by tomorrow !ext #finance"]),
        ("2026-11-20T09:10", ["ask", "@vendor-co quote for laptops by eom"]),
        ("2026-11-20T09:15", ["add", "call the bank 3pm"]),
        ("2026-11-21T09:00", ["move", "5", "next tue", "--reason", "waiting on data"]),
        ("2026-11-21T09:05", ["drop", "7", "--reason", "no longer needed"]),
        ("2026-11-22T09:00", ["person", "dana", "--kind", "manager", "--cadence", "14"]),
        ("2026-11-22T09:05", ["checkin", "dana", "--rating", "4", "--note", "wants figures earlier"]),
        ("2026-11-23T08:00", ["care", "--done", "slept", "--energy", "3"]),
        ("2026-11-23T08:30", ["add", "@lee plan the offsite in 2 weeks"]),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ICTRACK_HOME", str(home))
        patch.setenv("ICTRACK_CONFIG", str(root / "none.toml"))
        patch.setenv("TZ", SANE["TZ"])
        for now, argv in steps:
            patch.setenv("ICTRACK_NOW", now)
            code, _, err = _run(argv)
            assert code == 0, (argv, err)
        _, export, _ = _run(["export", "json"])
    assert any(home.glob("archive-*.json")) and (home / "backups").is_dir()
    (root / "export.json").write_text(export)
    (root / "tasks.json").write_bytes((FIXTURES / "taskwarrior-2.6.2.json").read_bytes())
    (root / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    wrong = json.loads((FIXTURES / "taskwarrior-2.6.2.json").read_text())
    wrong[3]["tags"] = "abc"
    (root / "wrong.json").write_text(json.dumps(wrong))
    (root / "empty.json").write_text("")
    (root / "notjson.txt").write_text("hello")
    (root / "existing.txt").write_text("keep me")
    (root / "folder").mkdir()
    (root / "empty-data").mkdir(mode=0o700)
    return root


@pytest.mark.fuzz
def test_every_command_with_generated_input_exits_cleanly_and_a_failure_changes_nothing(scratch, record_property):
    seen: Counter[str] = Counter()
    codes: Counter[int] = Counter()
    folder = Folder(scratch)
    stdin_files = {name: (scratch / name).read_bytes() for name in ("tasks.json", "export.json", "deep.json",
                                                                    "wrong.json")}  # fmt: skip
    parser = build_parser()
    started = time.monotonic()

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(COMMAND_LINES, WORLDS, STDIN, st.sampled_from(["ictrack-data"] * 9 + ["empty-data"]))
    def example(command_line, world, stdin, data_folder):
        (name, argv), (environment, config) = command_line, world
        home = scratch / data_folder  # now and then an empty one, where `import json` can fill it
        folder.reset()
        if config is not None:
            (scratch / "config.toml").write_bytes(config.encode("utf-8", "surrogatepass") + b"\n")
        variables = {**environment, "ICTRACK_HOME": str(home), "ICTRACK_CONFIG": str(scratch / "config.toml")}
        variables["HOME"] = {"scratch": str(scratch), "relative": "relative", None: None}[environment["HOME"]]
        if isinstance(stdin, tuple):
            name_of_file, path, value = stdin
            document = mutated(json.loads(stdin_files[name_of_file]), path, value)
            payload = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
        else:
            payload = stdin_files[stdin] if isinstance(stdin, str) else stdin
        before = snapshot(home)
        cwd = os.getcwd()
        with mock.patch.dict(os.environ):
            for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "EDITOR", "VISUAL"):
                os.environ.pop(key, None)
            for key, value in variables.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            os.chdir(scratch)
            try:
                with mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload))):
                    code, _, err = _run(argv)
                    after = snapshot(home)
                    if code == 0 and after != before:
                        for check in (["list", "--all", "--json"], ["brief", "--json"], ["people", "--json"], ["week"]):
                            followed = _run(check)
                            assert followed[0] == 0, (argv, check, followed[2])
            finally:
                os.chdir(cwd)
        seen[name or "(none)"] += 1
        codes[code] += 1
        assert code in (0, 1, 2, 3), (argv, code, err)
        if code != 0:
            assert after == before, (argv, code, err)
            if name != "doctor":  # doctor lists each problem it finds on stdout, and exits 3
                assert err.startswith("ictrack") and err.endswith("\n") and err.count("\n") == 1, (argv, err)

    # fsync is slow and durability is not under test; argparse parsers keep no state between parses
    every_command = mock.patch("ictrack.cli.build_parser", lambda command=None: parser)
    with mock.patch.object(os, "fsync", lambda fd: None), every_command:
        example()
    elapsed = time.monotonic() - started
    figures = (f"{sum(seen.values())} examples over {len(seen)} commands in {elapsed:.0f}s; exit codes "
               f"{dict(sorted(codes.items()))}; 0 tracebacks, 0 changed data folders on failure")  # fmt: skip
    print(f"\nfuzz: {figures}\nper command: {dict(sorted(seen.items()))}")
    record_property("fuzz", figures)
    assert set(seen) == {name or "(none)" for name in COMMANDS}
