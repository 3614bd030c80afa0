"""Bad input anywhere — a phrase, an option, the environment, config.toml, an imported file — is one line on
stderr, exit 2, and the data folder exactly as it was."""

from __future__ import annotations

import io
import json
import pwd
import sys
from pathlib import Path

import pytest


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in the data folder by name, with its bytes (the lock file is not data)."""
    return {str(path.relative_to(home)): path.read_bytes() for path in sorted(home.rglob("*"))
            if path.is_file() and path.name != "ictrack.lock"}  # fmt: skip


@pytest.fixture
def seeded(cli, home) -> Path:
    """A data folder with a commitment (1), an ask (2) and @dana."""
    assert cli("add", "@dana send Q3 figures by fri").code == 0
    assert cli("ask", "@dana review the deck by thu").code == 0
    return home


@pytest.fixture
def refused(cli, seeded):
    """Run a command that must be refused: exit 2, one line on stderr, nothing on stdout, nothing written."""

    def run(*args: str, match: str = "") -> str:
        before = snapshot(seeded)
        result = cli(*args)
        assert (result.code, result.out) == (2, ""), result.err
        assert result.err.startswith("ictrack") and result.err.endswith("\n") and result.err.count("\n") == 1
        assert match in result.err
        assert snapshot(seeded) == before
        return result.err

    return run


class TestPhrases:
    @pytest.mark.parametrize("argv", [["add", "x", "in", "99999999999", "days"], ["add", "x", "+99999999999h"],
                                      ["add", "x", "--due", "in 9999999 days"], ["move", "1", "+99999999999h"],
                                      ["edit", "1", "--due", "99999d"], ["done", "1", "--at", "99999999999 days ago"],
                                      ["ask", "@lee", "call", "back", "in", "10000", "minutes"]])  # fmt: skip
    def test_a_span_past_9999_units_is_refused_naming_the_range(self, refused, argv):
        refused(*argv, match="is too far off; a span is 0 to 9999 minutes, hours, days or weeks.")

    @pytest.mark.parametrize(
        "argv",
        [
            ["add", "x", "--due", "0001-01-01"],
            ["move", "1", "dec 3 3001"],
            ["done", "1", "--at", "1899-12-31"],
            ["add", "x", "by", "jan", "1", "3000"],
        ],
    )
    def test_a_date_outside_1900_to_2999_is_refused_naming_the_range(self, refused, argv):
        refused(*argv, match="is outside the years 1900 to 2999.")

    def test_a_repeat_past_999_units_apart_is_refused_naming_the_range(self, refused):
        refused("add", "x", "--every", "99999999999 days", match="a repeat is 1 to 999 days apart")
        refused("add", "water", "the", "plants", "every", "1000", "weeks", match="a repeat is 1 to 999 weeks apart")


class TestEnvironment:
    @pytest.mark.parametrize("now", ["0001-01-01T00:00", "9999-12-31T23:00", "0001-01-01T00:00+05:00", "1899-12-31",
                                     "3000-01-01T00:00"])  # fmt: skip
    def test_ictrack_now_outside_1900_to_2999_is_refused_with_the_range(self, refused, monkeypatch, now):
        monkeypatch.setenv("ICTRACK_NOW", now)
        for command in (["brief"], ["add", "one more by fri"], ["week"]):
            assert refused(*command) == f'ictrack: ICTRACK_NOW="{now}" is outside the years 1900 to 2999.\n'

    @pytest.mark.parametrize("now", ["1900-01-01T00:00", "2999-12-31T12:00"])
    def test_ictrack_now_at_either_end_of_the_range_works(self, cli, seeded, now):
        for command in (["brief"], ["week"], ["add", "one more"], ["list", "--all"]):
            assert cli(*command, now=now).code == 0, command

    @pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "1e3", "601", "99999999999", "١", "5s", "0x10"])
    def test_a_lock_timeout_that_is_not_0_to_600_seconds_is_refused(self, refused, monkeypatch, value):
        monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", value)
        expected = f'ictrack: ICTRACK_LOCK_TIMEOUT="{value}" is not a number of seconds from 0 to 600.\n'
        assert refused("add", "one more") == expected
        assert refused("brief") == expected

    def test_no_home_and_no_ictrack_home_is_a_clear_error_pointing_at_ictrack_home(self, cli, monkeypatch):
        for variable in ("HOME", "ICTRACK_HOME", "XDG_DATA_HOME"):
            monkeypatch.delenv(variable, raising=False)

        def no_such_user(uid):
            raise KeyError(uid)

        monkeypatch.setattr(pwd, "getpwuid", no_such_user)  # nor can the user database say where home is
        result = cli("brief")
        assert result.code == 2
        assert result.err == ("ictrack: HOME is not set, so ictrack can't tell where its data goes; set ICTRACK_HOME "
                              "to a folder (or set HOME).\n")  # fmt: skip

    def test_no_home_with_ictrack_home_set_asks_for_ictrack_config(self, cli, seeded, monkeypatch):
        monkeypatch.delenv("HOME")
        monkeypatch.delenv("ICTRACK_CONFIG")
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
        result = cli("brief")
        assert result.code == 2 and "set ICTRACK_CONFIG to a file (or set HOME)" in result.err

    def test_a_relative_home_is_refused_rather_than_used_from_the_current_folder(self, cli, monkeypatch, tmp_path):
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("ICTRACK_HOME")
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        monkeypatch.setenv("HOME", "somewhere")
        result = cli("add", "send figures")
        assert result.code == 2 and result.err.startswith('ictrack: HOME="somewhere" is not an absolute path')
        assert not Path("somewhere").exists()

    def test_a_tilde_in_ictrack_home_with_no_home_folder_is_refused(self, cli, monkeypatch):
        monkeypatch.delenv("HOME")

        def no_such_user(uid):
            raise KeyError(uid)

        monkeypatch.setattr(pwd, "getpwuid", no_such_user)
        monkeypatch.setenv("ICTRACK_HOME", "~/ictrack")
        result = cli("brief")
        assert result.code == 2 and result.err.startswith('ictrack: ICTRACK_HOME="~/ictrack" starts with ~')

    @pytest.mark.parametrize("zone", ["garbage", "Europe/Londn", "zone.tab", "../../etc/passwd", "Europe/London ", "1"])
    def test_a_tz_that_is_not_a_time_zone_is_refused(self, refused, monkeypatch, zone):
        monkeypatch.setenv("TZ", zone)
        assert refused("add", "one more by fri").startswith(f'ictrack: TZ="{zone}" is not a time zone; use a name')

    @pytest.mark.parametrize("zone", ["UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", "<+03>-3", ":Europe/Paris", "EST5EDT"])
    def test_a_tz_with_posix_rules_or_a_zone_name_is_taken(self, cli, seeded, monkeypatch, zone):
        monkeypatch.setenv("TZ", zone)
        assert cli("brief").code == 0


def test_the_store_takes_its_lock_timeout_from_its_caller_not_the_environment(tmp_path, monkeypatch):
    from ictrack.storage import DEFAULT_LOCK_TIMEOUT, Store

    monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", "abc")
    assert Store(tmp_path).lock_timeout == DEFAULT_LOCK_TIMEOUT
    assert Store(tmp_path, lock_timeout=0.25).lock_timeout == 0.25


def test_the_lock_timeout_from_the_environment_reaches_the_store(cli, home, monkeypatch):
    import fcntl

    assert cli("add", "send figures").code == 0
    monkeypatch.setenv("ICTRACK_LOCK_TIMEOUT", "0.05")
    with open(home / "ictrack.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = cli("add", "more")
    assert result.code == 3 and "(waited 0.05s)" in result.err


class TestConfig:
    @pytest.mark.parametrize(("line", "expected"), [
        ("soon_hours = 8761", "a whole number of hours, 1 to 8760"),
        ("daily_capacity = 101", "a whole number, 1 to 100"),
        ("checkin_days = 3651", "a whole number of days, 1 to 3650"),
        ("archive_days = 9999999999", "a whole number of days, 1 to 36500"),
        ("archive_days = 9223372036854775807", "a whole number of days, 1 to 36500"),
        ('workday_end = "١٧:٠٠"', 'a time like "17:00"'),
    ])  # fmt: skip
    def test_a_number_past_its_bound_names_the_key_and_the_range(self, refused, tmp_path, line, expected):
        (tmp_path / "config.toml").write_text(line + "\n", encoding="utf-8")
        key = line.split(" =")[0]
        for command in (["add", "one more"], ["brief"], ["done", "1"]):
            error = refused(*command)
            assert f'bad value for "{key}"' in error and f"expected {expected}." in error

    @pytest.mark.parametrize("template", ["{name:>999999999}", "{name.__class__}", "{what.__class__.__mro__}",
                                          "{name[0]}", "{name!r}", "{when:%Y}", "{name:{what}}", "{}", "{0}",
                                          "Hi {name", "Hi }", "{nmae}", "{name!}"])  # fmt: skip
    def test_a_template_with_anything_but_the_three_plain_placeholders_is_refused(self, refused, tmp_path, template):
        (tmp_path / "config.toml").write_text(f"thank_you_template = {template!r}\n".replace("'", '"'))
        error = refused("thanks")
        assert '"thank_you_template"' in error and "each as it is: no format spec or conversion" in error

    def test_a_long_bad_value_is_quoted_short(self, refused, tmp_path):
        (tmp_path / "config.toml").write_text(f'workday_end = "{"9" * 5000}"\n')
        assert len(refused("brief")) < 300


class TestOptions:
    @pytest.mark.parametrize("value", ["99999999999", "3651", "0", "-1", "١٤", " 14", "1_4", "14.0", ""])
    def test_a_cadence_that_is_not_1_to_3650_days_is_refused(self, refused, value):
        error = refused("person", "dana", "--cadence", value)
        assert error.startswith("ictrack person: argument --cadence:") and "from 1 to 3650" in error

    def test_the_service_refuses_a_cadence_past_its_bound_too(self, cli, seeded):
        from ictrack.cli import _service
        from ictrack.errors import BadInput

        with pytest.raises(BadInput, match="1 to 3650"):
            _service().person("dana", cadence=99999999999)

    @pytest.mark.parametrize("value", ["99999999999", "6", "0", "١", "+3", "3.0"])
    def test_a_rating_that_is_not_1_to_5_is_refused(self, refused, value):
        assert "argument --rating:" in refused("checkin", "dana", "--rating", value, match="from 1 to 5")

    @pytest.mark.parametrize("value", ["99999999999", "6", "0", "١", "٣"])
    def test_energy_that_is_not_1_to_5_is_refused(self, refused, value):
        assert "argument --energy:" in refused("care", "--energy", value, match="from 1 to 5")

    @pytest.mark.parametrize("command", [["done"], ["show"], ["drop"], ["thank"], ["move", "fri"],
                                         ["edit", "--note", ""], ["got"]])  # fmt: skip
    @pytest.mark.parametrize("value", ["١", "٢", "１", "0", "-1", "1000000000", "9" * 5000])
    def test_an_id_is_ascii_digits_from_1_to_999999999(self, refused, command, value):
        argv = [command[0], value, *command[1:]]
        assert "is not an item ID; IDs are whole numbers from 1 to 999999999" in refused(*argv)


OUTPUT_COMMANDS = [["export", "json"], ["export", "ics"], ["week", "--format", "md"]]


class TestOutputFiles:
    """`-o FILE`: a file ictrack writes whole, or replaces with --force; never anything that is not a file."""

    @pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
    @pytest.mark.parametrize("force", [["--force"], []], ids=["force", "no force"])
    def test_a_fifo_is_refused_and_left_a_fifo_even_with_force(self, refused, tmp_path, command, force):
        import os
        import stat

        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        error = refused(*command, "-o", str(fifo), *force)
        assert error == (f"ictrack: {fifo} is a named pipe (FIFO), not a file; -o writes only files, and replaces "
                         "nothing else, even with --force.\n")  # fmt: skip
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    @pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
    def test_a_folder_is_refused_even_with_force(self, refused, tmp_path, monkeypatch, command):
        (tmp_path / "work" / "folder").mkdir(parents=True)
        monkeypatch.chdir(tmp_path / "work")
        for name in (".", "folder", str(tmp_path / "work")):
            refused(*command, "-o", name, "--force", match=" is a folder, not a file; -o writes only files")
        assert [path.name for path in (tmp_path / "work").iterdir()] == ["folder"]

    @pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
    @pytest.mark.parametrize("name", ["", "somewhere/"])
    def test_an_output_without_a_file_name_is_refused_in_one_line(self, refused, tmp_path, monkeypatch, command,
                                                                  name):  # fmt: skip
        (tmp_path / "work").mkdir()
        monkeypatch.chdir(tmp_path / "work")
        error = refused(*command, "-o", name, "--force")
        assert error == f'ictrack: -o needs a file name, not "{name}"; give -o FILE, or leave -o out to print.\n'
        assert list((tmp_path / "work").iterdir()) == []

    @pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
    def test_a_symlink_is_replaced_by_a_file_with_force_and_its_target_left_alone(self, cli, tmp_path, command):
        target, link = tmp_path / "target", tmp_path / "link"
        target.write_text("mine")
        link.symlink_to(target)
        assert cli(*command, "-o", str(link)).code == 1  # it exists: kept without --force
        assert cli(*command, "-o", str(link), "--force").code == 0
        assert not link.is_symlink() and link.stat().st_size > 0 and target.read_text() == "mine"

    @pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
    def test_an_output_of_a_dash_prints_as_without_one(self, cli, seeded, tmp_path, monkeypatch, command):
        (tmp_path / "work").mkdir()
        monkeypatch.chdir(tmp_path / "work")
        printed = cli(*command)
        assert printed.code == 0 and printed.out
        assert cli(*command, "-o", "-").out == printed.out
        assert list((tmp_path / "work").iterdir()) == []


FIXTURE_TASKS = Path(__file__).parent / "fixtures" / "taskwarrior-2.6.2.json"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


class TestImport:
    @pytest.mark.parametrize("kind", ["json", "taskwarrior"])
    @pytest.mark.parametrize("depth", [50_000, 33])
    def test_a_document_nested_too_deep_is_refused_from_a_file(self, refused, tmp_path, kind, depth):
        path = tmp_path / "deep.json"
        path.write_text(nested(depth))
        assert refused("import", kind, str(path)) == (f"ictrack: {path} is nested more than 32 levels deep, which no "
                                                      "export is; nothing was imported.\n")  # fmt: skip

    @pytest.mark.parametrize("kind", ["json", "taskwarrior"])
    def test_a_document_nested_too_deep_is_refused_from_standard_input(self, refused, monkeypatch, kind):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(nested(50_000).encode())))
        refused("import", kind, "-", match="standard input is nested more than 32 levels deep")

    @pytest.mark.parametrize(("field", "value", "expected"), [
        ("description", 5, "a string"), ("tags", "abc", "a list of strings"), ("tags", ["ok", 1], "a list of strings"),
        ("annotations", [1], 'a list of objects, each with a string "description"'),
        ("annotations", [{"description": 5}], 'a list of objects, each with a string "description"'),
        ("entry", 5, "a date like 20261127T150000Z"), ("due", [], "a date like 20261127T150000Z"),
        ("end", "yesterday", "a date like 20261127T150000Z"),
        ("modified", "20261301T000000Z", "a date on the calendar"),
        ("due", "99991231T230000Z", "a date in the years 1900 to 2999"),
        ("entry", "00010101T000000Z", "a date in the years 1900 to 2999"),
        ("recur", 3, "a string"), ("priority", [], "a string"), ("project", {}, "a string"), ("status", 1, "a string"),
        ("parent", ["x"], "a string"), ("person", 5, "a string"), ("for", True, "a string"),
    ])  # fmt: skip
    def test_a_task_field_of_the_wrong_kind_refuses_the_whole_file_naming_task_and_field(
        self, refused, tmp_path, field, value, expected
    ):
        tasks = json.loads(FIXTURE_TASKS.read_text())
        tasks[1][field] = value
        path = tmp_path / "tasks.json"
        path.write_text(json.dumps(tasks))
        error = refused("import", "taskwarrior", str(path))
        assert error.startswith(f"ictrack: {path}: task 2 (uuid {tasks[1]['uuid']}) has ")
        assert error.endswith(f' as "{field}"; Taskwarrior writes {expected} there. Nothing was imported.\n')

    def test_a_task_whose_uuid_is_not_a_string_is_named_by_its_position(self, refused, tmp_path):
        path = tmp_path / "tasks.json"
        path.write_text(json.dumps([{"uuid": "a", "description": "x", "status": "pending"}, {"uuid": 7}]))
        error = refused("import", "taskwarrior", str(path))
        assert (
            error == f'ictrack: {path}: task 2 has a number as "uuid"; Taskwarrior writes a string there. Nothing '
            "was imported.\n"
        )

    def test_a_repeat_further_apart_than_ictrack_goes_comes_in_as_one_offs(self, cli, home, tmp_path):
        path = tmp_path / "tasks.json"
        template = {"uuid": "t", "description": "Rare", "status": "recurring", "recur": "5000d",
                    "due": "20261201T000000Z", "entry": "20261122T202743Z"}  # fmt: skip
        child = {**template, "uuid": "c", "status": "pending", "parent": "t"}
        del child["recur"]
        path.write_text(json.dumps([template, child]))
        result = cli("import", "taskwarrior", str(path))
        assert result.code == 0 and 'repeats "5000d", which has no ictrack rule' in result.out


class TestMessages:
    def test_a_newline_or_escape_in_a_quoted_value_stays_on_one_line(self, refused):
        error = refused("add", "send figures", "--due", "fri\nmore\x1b[31m")
        assert error.startswith('ictrack: can\'t read "fri\\nmore\\x1b[31m" as a date')

    def test_an_argument_error_with_a_newline_stays_on_one_line(self, refused):
        assert refused("done", "1\n2").startswith('ictrack done: argument ID: "1\\n2" is not an item ID')
