"""Data never controls the terminal: every command that prints data shows control characters as escapes.

The hostile data (tests/hostile.py) is imported, then each command runs with the output boundary's own
escaping switched off, so what is checked is that every renderer and reply is safe by itself; one test
then checks the boundary on its own. JSON outputs must still give back the data exactly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from ictrack.cli import common
from ictrack.text import ascii_forms, guard, json_safe, visible
from tests import ondisk
from tests.conftest import run_process
from tests.hostile import NOTE, PAYLOAD, RAW_CONTROL, TITLES, document, hostile


@pytest.fixture
def hostile_home(home, cli, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert cli("import", "json", str(path)).code == 0
    return home


@pytest.fixture
def unguarded(monkeypatch):
    """The boundary's escaping switched off: what reaches the terminal is what the renderers made."""
    monkeypatch.setattr(common, "guard", lambda text: text)


def strings(data):
    """Every string in parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_clean(result) -> None:
    for name, text in (("stdout", result.out), ("stderr", result.err)):
        raw = RAW_CONTROL.search(text)
        assert raw is None, f"raw {raw.group()!r} in {name}: {text!r}"


READERS = [
    ["list"], ["list", "--all"], ["list", "--person", "dana"], ["show", "1"], ["show", "2"], ["show", "3"],
    ["show", "4"], ["show", "5"], ["show", "6"], ["show", "7"], ["brief"], ["thanks"], ["people"],
    ["person", "dana"], ["week"], ["week", "--format", "csv"], ["week", "--format", "html"], ["care"],
]  # fmt: skip
# handles and tags can't hold control characters (see the import test below), so completion is clean by construction
JSON_READERS = [
    ["list", "--all", "--json"], ["show", "1", "--json"], ["brief", "--json"], ["thanks", "--json"],
    ["people", "--json"], ["person", "dana", "--json"], ["week", "--format", "json"], ["export", "json"],
    ["care", "--json"],
]  # fmt: skip


@pytest.mark.parametrize("args", READERS + JSON_READERS, ids=" ".join)
def test_every_command_that_shows_data_prints_its_control_characters_as_escapes(cli, hostile_home, unguarded, args):
    result = cli(*args)
    assert result.code == 0, result.err
    assert_clean(result)
    assert "\\x1b]0;pwned\\x07" in result.out or "\\u001b]0;pwned\\u0007" in result.out


@pytest.mark.parametrize("args", JSON_READERS, ids=" ".join)
def test_json_escapes_c1_controls_and_parses_back_to_the_data_itself(cli, hostile_home, unguarded, args):
    result = cli(*args)
    assert "\x9b" not in result.out and "\\u009b31m" in result.out
    assert any(PAYLOAD in text for text in strings(result.json()))


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("items", "person", "lee\x1b]0;pwned\x07"), ("items", "tags", ["fin\x1b]52;c;eA==\x07"]),
     ("people", "handle", "dana\x9b2J"), ("checkins", "person", "dana\x07")],
)  # fmt: skip
def test_handles_and_tags_holding_control_characters_are_refused_at_import(cli, home, tmp_path, table, field, value):
    data = document()
    data[table][0][field] = value
    (tmp_path / "in.json").write_text(json.dumps(data))
    result = cli("import", "json", str(tmp_path / "in.json"))
    assert result.code == 2 and "can't be read" in result.err and not home.exists()
    assert not RAW_CONTROL.search(result.err)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u061c", "\u200b", "\ufeff"], ids=lambda c: f"U+{ord(c):04X}")
def test_tags_holding_bidi_or_invisible_characters_are_refused_where_they_are_given(cli, home, tmp_path, char):
    added = cli("add", f"send figures #{char} #fin{char}x #ok", "--json")
    assert added.code == 0 and added.json()["tags"] == ["ok"]  # the others stay words of the title
    assert added.json()["title"] == f"send figures #{char} #fin{char}x"
    for argv in (["add", "more", "--tag", f"fin{char}"], ["edit", "1", "--tag", char], ["list", "--tag", f"a{char}"]):
        result = cli(*argv)
        assert (result.code, result.out) == (2, "") and "is not a tag" in result.err, argv
        assert char not in result.err
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps([{"uuid": "t1", "description": "d", "status": "pending", "tags": [f"a{char}", "b"]}]))
    assert cli("import", "taskwarrior", str(tasks)).code == 0
    assert cli("show", "2", "--json").json()["tags"] == ["b"]


def test_list_json_gives_each_title_exactly_as_stored(cli, hostile_home):
    titles = {item["id"]: item["title"] for item in cli("list", "--all", "--json").json()}
    assert titles == TITLES


def test_export_json_then_import_json_round_trips_hostile_data_exactly(cli, hostile_home, tmp_path, monkeypatch):
    exported = cli("export", "json")
    assert "\x7f" not in exported.out and "\x9b" not in exported.out
    first = exported.json()
    original = document()
    for table in ("items", "people", "care", "checkins"):
        assert first[table] == original[table], table
    path = tmp_path / "export.json"
    path.write_text(exported.out, encoding="utf-8")
    monkeypatch.setenv("ICTRACK_HOME", str(tmp_path / "second"))
    assert cli("import", "json", str(path)).code == 0
    second = cli("export", "json").json()
    assert {**second, "exported_at": None} == {**first, "exported_at": None}


def test_a_title_with_a_line_break_stays_on_its_row_in_list(cli, hostile_home, unguarded):
    lines = cli("list", "--all").out.splitlines()
    assert [line.split()[0] for line in lines] == ["2", "3", "7", "6", "5", "1", "4"]
    assert "call the bank" in lines[0] and "\\nsecond line" in lines[0]


def test_show_keeps_a_notes_line_breaks_indented_under_it(cli, hostile_home, unguarded):
    out = cli("show", "1").out
    first, second = visible(NOTE, newlines=True).split("\n")
    assert f"  note      {first}\n            {second}\n" in out


def test_export_ics_writes_data_as_escapes_and_keeps_its_crlf_line_ends(cli, hostile_home, unguarded):
    pytest.importorskip("icalendar")
    result = cli("export", "ics")
    assert result.code == 0 and result.out.count("\r\n") > 10
    assert RAW_CONTROL.search(result.out.replace("\r\n", "\n")) is None  # RFC 5545 lines end in CRLF
    assert "\\x1b[2J" in result.out


REPLIES = [
    (["add", hostile("@dana order lunch")], "Added 8: order lunch \\x1b]0;pwned\\x07"),
    (["undo"], 'Undid: added commitment 8 "order lunch \\x1b]0;pwned\\x07'),
    (["ask", hostile("@dana quote")], "Asked 9: quote \\x1b]0;pwned"),
    (["helped", hostile("@dana fixed it")], "Noted help 10: fixed it \\x1b]0;pwned"),
    (["done", "1"], "Done 1: send figures"),
    (["move", "2", "fri", "--reason", hostile("waiting")], "Moved 2: call the bank"),
    (["drop", "7", "--reason", hostile("moot")], "Dropped 7: signed contract"),
    (["edit", "2", "--note", hostile("more")], "2  call the bank"),
    (["edit", "2", "--title", hostile("call the bank again")], "2  call the bank again"),
    (["thank", "3", "--note", hostile("cheers")], "Thanked 3: @lee.k for review the deck"),
    (["checkin", "dana", "--note", hostile("fine")], "Checked in with @dana."),
    (["care", "--done", "slept", "--note", hostile("tired")], "Care: done today (slept; energy 3/5)"),
    (["person", "dana", "--team", hostile("finance")], "@dana — manager, finance"),
]


def test_the_replies_of_every_change_show_data_as_escapes(cli, hostile_home, unguarded):
    for args, start in REPLIES:
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        assert_clean(result)
        assert result.out.startswith(start), (args, result.out)


ERRORS = [
    (["done", "5"], 1, 'ictrack: 5 "book the venue \\x1b]0;pwned\\x07'),
    (["thank", "2"], 1, 'ictrack: 2 "call the bank \\x1b]0;pwned'),
    (["show", hostile("1")], 2, "ictrack show: argument ID: "),
    (["list", "--person", hostile("x")], 2, "ictrack: "),
    (["week", "--week", hostile("2026")], 2, 'ictrack: "2026 \\x1b]0;pwned'),
    (["add", "x", "--due", hostile("fri")], 2, "ictrack: "),
]


@pytest.mark.parametrize(("args", "code", "start"), ERRORS, ids=lambda value: str(value)[:30])
def test_errors_that_quote_data_or_arguments_show_them_as_escapes_on_one_line(
    cli, hostile_home, unguarded, args, code, start
):
    result = cli(*args)
    assert result.code == code
    assert_clean(result)
    assert result.err.startswith(start) and result.err.count("\n") == 1, result.err


def test_a_notice_naming_a_hostile_folder_shows_it_as_escapes(cli, tmp_path, monkeypatch, unguarded):
    folder = tmp_path / "data\x1b]0;pwned\x07"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("ICTRACK_HOME", str(folder))
    result = cli("add", "call the bank")
    assert result.code == 0
    assert_clean(result)
    assert "ictrack: note: the data folder" in result.err and "data\\x1b]0;pwned\\x07" in result.err


def test_a_taskwarrior_import_of_hostile_tasks_reports_and_lists_them_as_escapes(cli, home, tmp_path, unguarded):
    tasks = [
        {"uuid": "10000000-0000-4000-8000-000000000001", "status": "pending", "description": hostile("tw task"),
         "entry": "20261120T100000Z", "due": "20261127T150000Z", "tags": ["@dana", "fin"],
         "annotations": [{"entry": "20261120T100000Z", "description": hostile("annotated")}]},
        {"uuid": "10000000-0000-4000-8000-000000000002", "status": "recurring", "description": hostile("tw series"),
         "recur": hostile("fortnightly-ish"), "entry": "20261120T100000Z", "due": "20261127T150000Z"},
    ]  # fmt: skip
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    result = cli("import", "taskwarrior", str(path))
    assert result.code == 0, result.err
    assert_clean(result)
    assert result.out.startswith("Imported 2 tasks from ") and '\nNote: "tw series \\x1b]0;pwned' in result.out
    for args in (["list"], ["show", "1"], ["show", "2"]):
        shown = cli(*args)
        assert_clean(shown)
        assert "tw task \\x1b]0;pwned\\x07" in shown.out or "tw series \\x1b]0;pwned\\x07" in shown.out
    assert "annotated \\x1b]0;pwned" in cli("show", "1").out
    assert 'Taskwarrior repeats this "fortnightly-ish \\x1b]0;pwned' in cli("show", "2").out


def test_the_output_boundary_escapes_what_a_renderer_let_through(cli, home, monkeypatch):
    monkeypatch.setattr("ictrack.render.added", lambda item, now: f"Added {item.id}: {item.title}\r\x9b\x7f\r\n")
    result = cli("add", "\x1b]0;pwned\x07call the bank")
    assert result.out == "Added 1: \\x1b]0;pwned\\x07call the bank\\r\\x9b\\x7f\r\n"


class TestText:
    def test_visible_writes_every_control_character_as_an_escape(self):
        assert visible("a\x1b[2Jb\x9bc\x7fd\re\tf\ng\x00") == "a\\x1b[2Jb\\x9bc\\x7fd\\re\\tf\\ng\\x00"

    def test_visible_with_newlines_keeps_line_breaks_only(self):
        assert visible("a\nb\r\n\x1b", newlines=True) == "a\nb\\r\n\\x1b"

    @pytest.mark.parametrize(
        "char", ["\u202e", "\u202c", "\u202a", "\u2066", "\u2069", "\u061c", "\u200e", "\u200f", "\u200b",
                 "\u2060", "\u2064", "\ufeff", "\u00ad", "\u2028", "\u2029"],
        ids=lambda char: f"U+{ord(char):04X}",
    )  # fmt: skip
    def test_bidi_controls_and_invisible_characters_are_escapes_everywhere_data_is_shown(self, char):
        escape = f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"
        assert visible(f"pay{char}evil") == f"pay{escape}evil"
        assert visible(f"a{char}\nb", newlines=True) == f"a{escape}\nb"
        assert guard(f"a{char}b\r\n") == f"a{escape}b\r\n"
        text = json_safe(json.dumps({"title": f"pay{char}evil"}, ensure_ascii=False))
        assert char not in text and json.loads(text) == {"title": f"pay{char}evil"}

    def test_joiners_that_emoji_and_scripts_need_are_kept(self):
        for text in ("👩\u200d💻", "می\u200cخواهم", "क्\u200dष"):
            assert visible(text) == guard(text) == text
            assert json_safe(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)

    def test_visible_leaves_printable_text_alone_and_shows_other_values_as_text(self):
        assert visible("café → @dana [b]x[/b] \\x1b") == "café → @dana [b]x[/b] \\x1b"
        assert visible(None) == "None" and visible(4) == "4"

    def test_guard_keeps_line_breaks_and_crlf_line_ends_but_no_lone_cr(self):
        assert guard("a\r\nb\rc\n\x1b\x9b") == "a\r\nb\\rc\n\\x1b\\x9b"

    def test_json_safe_escapes_del_and_c1_and_parses_back_the_same(self):
        data = {"title": "a\x7fb\x80c\x9bd\x9fe\xa0f\x1b"}
        text = json_safe(json.dumps(data, ensure_ascii=False))
        assert RAW_CONTROL.search(text) is None and "\xa0" in text
        assert json.loads(text) == data

    def test_ascii_forms_write_ictracks_symbols_in_ascii_and_escape_the_rest(self):
        import codecs

        codecs.register_error("ictrack-ascii", ascii_forms)
        text = "send → @dana — 2 · ♥ … ✗ – § café 😀"
        assert text.encode("ascii", "ictrack-ascii") == b"send -> @dana -- 2 - <3 ... x - section  caf\\xe9 \\U0001f600"
        assert text.encode("latin-1", "ictrack-ascii").decode("latin-1") == (
            "send -> @dana -- 2 \xb7 <3 ... x - \xa7 café \\U0001f600"
        )


# -- a stdout that can't encode what ictrack prints -------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_add_on_a_narrow_stdout_succeeds_once_with_a_readable_reply(home, encoding):
    result = run_process("add", "@dana send Q3 figures by fri 3pm #finance", env={"PYTHONIOENCODING": encoding})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "Added 1: send Q3 figures -> @dana, due Fri 27 Nov 15:00 (in 4 days) #finance\n"
    assert list(ondisk.items(home / "ictrack.json")) == [1]


@pytest.mark.parametrize(("encoding", "shown"), [("ascii", "caf\\xe9 order"), ("latin-1", "café order")])
def test_characters_a_narrow_stdout_lacks_are_escaped_and_the_rest_kept(home, encoding, shown):
    result = run_process("add", "café order ✓", env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert result.returncode == 0
    assert result.stdout == f"Added 1: {shown} \\u2713\n"


@pytest.mark.parametrize(
    "args",
    [["brief"], ["list"], ["show", "1"], ["thanks"], ["people"], ["person", "dana"], ["week"], ["add", "--help"],
     ["done", "1"], ["done", "1"], ["move", "2", "soon"]],
    ids=" ".join,
)  # fmt: skip
def test_every_command_runs_on_an_ascii_stdout(home, cli, args):
    for setup in (["add", "@dana send figures by fri"], ["helped", "@dana fixed the build"]):
        assert cli(*setup).code == 0
    result = run_process(*args, env={"PYTHONIOENCODING": "ascii"})
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), result.stderr
    result.stdout.encode("ascii")
    result.stderr.encode("ascii")


def test_an_error_on_an_ascii_stderr_is_written_in_ascii(home):
    result = run_process("list", "--person", "nobody", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1
    assert result.stderr == "ictrack: nobody called @nobody.\n"


def test_on_a_utf8_stdout_the_streams_are_left_as_they_are(home):
    script = textwrap.dedent(
        """
        import codecs, sys
        from ictrack.cli import main
        assert main(["add", "@dana send figures by fri"]) == 0
        try:
            codecs.lookup_error("ictrack-ascii")
            print("HANDLER registered")
        except LookupError:
            print("HANDLER none", sys.stdout.errors)
        """
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert "HANDLER none strict" in result.stdout, result.stderr


WIDE = "café → — · ♥ 😀 ✓"  # ictrack's own symbols, latin-1, and characters neither ascii nor latin-1 has


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", JSON_READERS, ids=" ".join)
def test_every_json_output_on_a_narrow_stdout_is_ascii_and_means_what_it_means_in_utf8(home, cli, args, encoding):
    data = document()
    for item in data["items"]:
        item["title"] = WIDE
    data["people"][0]["team"] = data["care"][0]["note"] = WIDE
    (home.parent / "wide.json").write_text(json.dumps(data), encoding="utf-8")
    assert cli("import", "json", str(home.parent / "wide.json")).code == 0
    wide = run_process(*args, env={"PYTHONIOENCODING": "utf-8"}, encoding="utf-8")
    narrow = run_process(*args, env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert (narrow.returncode, narrow.stderr) == (0, "")
    narrow.stdout.encode("ascii")
    assert json.loads(narrow.stdout) == json.loads(wide.stdout)
    assert args[0] == "week" or WIDE in strings(json.loads(narrow.stdout))  # the weekly figures hold no text


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_export_json_on_a_narrow_stdout_imports_back_to_the_same_data(home, cli, tmp_path, monkeypatch, encoding):
    assert cli("add", f"@dana {WIDE} by fri", "--note", WIDE).code == 0
    exported = run_process("export", "json", env={"PYTHONIOENCODING": encoding}, encoding=encoding)
    assert exported.returncode == 0
    (tmp_path / "narrow.json").write_bytes(exported.stdout.encode(encoding))
    first = cli("export", "json").json()
    monkeypatch.setenv("ICTRACK_HOME", str(tmp_path / "second"))
    result = cli("import", "json", str(tmp_path / "narrow.json"))
    assert result.code == 0, result.err
    assert cli("export", "json").json() == first
    assert cli("show", "1", "--json").json()["title"] == WIDE
