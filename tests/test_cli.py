"""The everyday commands, end to end, against a temporary data folder and a pinned clock."""

import json
import os
import subprocess
import sys

import pytest

from ictrack.cli import build_parser

SPEC_FIELDS = ["id", "uuid", "kind", "title", "person", "tags", "external", "priority", "note", "created", "due",
               "status", "done_at", "moves", "thanked_at", "thank_note", "risk"]  # fmt: skip


def stored(home) -> dict:
    """The items and people tables exactly as stored."""
    data = json.loads((home / "ictrack.json").read_text())
    return {"items": data.get("items", {}), "people": data.get("people", {})}


def test_add_replies_with_what_it_understood(cli):
    result = cli("add", "@dana send Q3 figures by fri 3pm #finance")
    assert result.code == 0
    assert result.out == "Added 1: send Q3 figures → @dana, due Fri 27 Nov 15:00 (in 4 days) #finance\n"


def test_add_takes_unquoted_words(cli):
    assert (
        cli("add", "call", "the", "bank", "tomorrow").out
        == "Added 1: call the bank, due Tue 24 Nov 17:00 (in 32 hours)\n"
    )


def test_add_json_has_exactly_the_spec_fields(cli):
    item = cli(
        "add", "@Dana send figures by fri !ext !high #Finance", "--note", "use the new template", "--json"
    ).json()
    assert list(item) == SPEC_FIELDS
    assert item["id"] == 1 and len(item["uuid"]) == 36
    assert (item["kind"], item["title"], item["person"], item["tags"]) == (
        "commitment",
        "send figures",
        "dana",
        ["finance"],
    )
    assert (item["external"], item["priority"], item["note"]) == (True, "high", "use the new template")
    assert (item["created"], item["due"]) == ("2026-11-23T09:00:00+00:00", "2026-11-27T17:00:00+00:00")
    assert (item["status"], item["done_at"], item["moves"]) == ("open", None, [])
    assert (item["thanked_at"], item["thank_note"]) == (None, None)
    assert item["risk"] == {"level": "ok", "reasons": []}


def test_ask_and_helped_make_their_kinds(cli):
    assert (
        cli("ask", "@lee review the deck by thu").out
        == "Asked 1: review the deck ← @lee, due Thu 26 Nov 17:00 (in 3 days)\n"
    )
    helped = cli("helped", "@sam fixed the build", "--json").json()
    assert (helped["kind"], helped["status"], helped["done_at"], helped["due"]) == (
        "help", "done", "2026-11-23T09:00:00+00:00", None)  # fmt: skip


def test_list_shows_open_items_soonest_due_first_with_no_date_last(cli):
    cli("add", "no date at all")
    cli("add", "later one by dec 3")
    cli("add", "sooner one 2h")
    assert [item["title"] for item in cli("list", "--json").json()] == ["sooner one", "later one", "no date at all"]
    text = cli("list").out.splitlines()
    assert text[0].startswith("    3 !  sooner one, due Mon 23 Nov 11:00 (in 2 hours)")
    assert text[0].endswith("— due in 2h")


@pytest.fixture
def mixed(cli):
    cli("add", "@dana send figures by fri #finance")  # 1
    cli("add", "@lee draft plan tomorrow #planning")  # 2
    cli("ask", "@dana review deck by wed #finance")  # 3
    cli("add", "call bank 2h")  # 4
    cli("add", "@lee old promise")  # 5
    cli("done", "5")
    cli("add", "cancelled thing")  # 6
    cli("drop", "6")
    return cli


@pytest.mark.parametrize(
    ("args", "ids"),
    [([], [4, 2, 3, 1]), (["--done"], [5]), (["--all"], [4, 2, 3, 1, 5, 6]), (["--kind", "ask"], [3]),
     (["--person", "dana"], [3, 1]), (["--person", "@Dana"], [3, 1]), (["--tag", "finance"], [3, 1]),
     (["--at-risk"], [4]), (["--all", "--person", "lee"], [2, 5]),
     (["--kind", "commitment", "--tag", "planning"], [2])],
)  # fmt: skip
def test_list_filters(mixed, args, ids):
    assert [item["id"] for item in mixed("list", *args, "--json").json()] == ids


def test_list_for_an_unknown_person_suggests_a_known_one(mixed):
    result = mixed("list", "--person", "dan")
    assert result.code == 1
    assert result.err == "ictrack: nobody called @dan; did you mean @dana?\n"


def test_show_prints_fields_and_history(cli):
    cli("add", "@dana send figures by fri #finance", "--note", "the Q3 ones")
    cli("move", "1", "next tue", "--reason", "waiting on data", now="2026-11-24T10:00")
    out = cli("show", "1").out
    assert out.splitlines()[0] == "1  send figures"
    assert "a commitment to @dana" in out and "#finance" in out and "the Q3 ones" in out
    assert "moved from Fri 27 Nov 17:00 to Tue 1 Dec 17:00 (waiting on data)" in out
    assert cli("show", "1", "--json").json()["moves"] == [{
        "at": "2026-11-24T10:00:00+00:00", "from": "2026-11-27T17:00:00+00:00", "to": "2026-12-01T17:00:00+00:00",
        "reason": "waiting on data"}]  # fmt: skip


def test_done_marks_delivered_now_or_at_a_given_moment(cli):
    cli("add", "send figures by fri")
    cli("add", "book room by fri")
    assert cli("done", "1", now="2026-11-25T12:00").out == "Done 1: send figures — on time\n"
    assert cli("done", "2", "--at", "yesterday 6pm", now="2026-11-28T12:00").out == "Done 2: book room — late\n"
    items = cli("list", "--done", "--json").json()
    assert [(i["id"], i["status"], i["done_at"]) for i in items] == [
        (1, "done", "2026-11-25T12:00:00+00:00"), (2, "done", "2026-11-27T18:00:00+00:00")]  # fmt: skip


def test_done_takes_several_ids_and_refuses_all_if_one_is_wrong(cli, home):
    cli("add", "one")
    cli("add", "two")
    before = stored(home)
    assert cli("done", "1", "7").code == 1
    assert stored(home) == before
    assert cli("done", "1", "2").out == "Done 1: one\nDone 2: two\n"


def test_done_twice_is_not_allowed(cli):
    cli("add", "one")
    cli("done", "1")
    result = cli("done", "1")
    assert (result.code, result.err) == (1, 'ictrack: 1 "one" is already done; `ictrack undo` reverts a change.\n')


def test_got_marks_an_ask_received_and_refuses_a_commitment(cli):
    cli("ask", "@lee review deck by thu")
    cli("add", "send figures")
    assert cli("got", "1").out == "Received 1: review deck — on time\n"
    result = cli("got", "2")
    assert result.code == 1 and "is a commitment, not an ask" in result.err


def test_move_keeps_every_old_due_date_and_moving_twice_is_at_risk(cli):
    cli("add", "send figures by fri")
    assert cli("move", "1", "next", "tue").out == "Moved 1: send figures, now due Tue 1 Dec 17:00 (in 8 days)\n"
    item = cli("move", "1", "dec 3", "--json").json()
    assert [m["to"][:10] for m in item["moves"]] == ["2026-12-01", "2026-12-03"]
    assert item["risk"] == {"level": "at-risk", "reasons": ["moved twice"]}


def test_drop_records_the_reason_and_closes_the_item(cli):
    cli("add", "send figures")
    assert cli("drop", "1", "--reason", "not needed").out == "Dropped 1: send figures\n"
    assert "dropped (not needed)" in cli("show", "1").out
    assert cli("list", "--json").json() == []


def test_edit_changes_fields_and_creates_new_people(cli):
    cli("add", "@dana send figures #finance")
    item = cli("edit", "1", "--title", "send Q3 figures", "--to", "Lee", "--tag", "urgent", "--untag", "finance",
               "--due", "fri", "--priority", "high", "--external", "--note", "big one", "--json").json()  # fmt: skip
    assert (item["title"], item["person"], item["tags"]) == ("send Q3 figures", "lee", ["urgent"])
    assert (item["due"], item["priority"], item["external"], item["note"]) == (
        "2026-11-27T17:00:00+00:00", "high", True, "big one")  # fmt: skip
    assert item["moves"] == []
    assert cli("list", "--person", "lee", "--json").json()[0]["id"] == 1
    cleared = cli("edit", "1", "--no-due", "--no-person", "--internal", "--note", "", "--json").json()
    assert (cleared["due"], cleared["person"], cleared["external"], cleared["note"]) == (None, None, False, None)


def test_edit_with_nothing_to_change_is_bad_input(cli):
    cli("add", "one")
    result = cli("edit", "1")
    assert result.code == 2 and "nothing to change" in result.err


@pytest.mark.parametrize(
    "command",
    [["add", "@newperson fresh promise by fri #t"], ["done", "1"], ["move", "1", "next fri", "--reason", "r"],
     ["drop", "1", "--reason", "r"], ["edit", "1", "--title", "x", "--to", "someone", "--tag", "z", "--no-due"],
     ["got", "2"], ["ask", "@lee something"], ["helped", "@sam a hand"]],
)  # fmt: skip
def test_undo_restores_the_exact_previous_state(cli, home, command):
    cli("add", "@dana send figures by thu #finance")
    cli("ask", "@dana review by wed")
    before = stored(home)
    assert cli(*command).code == 0
    assert stored(home) != before
    result = cli("undo")
    assert result.code == 0 and result.out.startswith("Undid: ")
    assert stored(home) == before


def test_undo_is_repeatable_and_says_when_there_is_nothing_left(cli, home):
    cli("add", "one")
    cli("done", "1")
    assert cli("undo").out == "Undid: marked 1 done\n"
    assert cli("undo").out == 'Undid: added commitment 1 "one"\n'
    assert stored(home) == {"items": {}, "people": {}}
    result = cli("undo")
    assert (result.code, result.err) == (1, "ictrack: there is nothing to undo.\n")


def test_brief_groups_overdue_at_risk_today_and_follow_ups(cli):
    cli("add", "late report by 2026-11-20")  # 1 overdue
    cli("add", "call bank 2h")  # 2 at risk
    cli("add", "tidy inbox today")  # 3 due today
    cli("ask", "@lee numbers by 2026-11-21")  # 4 follow up
    cli("add", "far away by dec 20")  # 5 not in the brief
    brief = cli("brief", "--json").json()
    assert [[i["id"] for i in brief[key]] for key in ("overdue", "at_risk", "today", "follow_up")] == [
        [1],
        [2],
        [3],
        [4],
    ]
    text = cli("brief").out
    assert text.startswith("ictrack — Monday 23 November, 09:00\n")
    for heading in ("Overdue (1)", "At risk (1)", "Also due today (1)", "Follow up (asks past due) (1)"):
        assert heading in text
    assert "far away" not in text


def test_an_empty_brief_says_how_to_start(cli):
    assert "ictrack add" in cli("brief").out


def test_no_command_prints_the_brief_when_not_on_a_terminal(cli):
    cli("add", "call bank 2h")
    assert cli().out == cli("brief").out


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) >= {"add", "ask", "helped", "list", "show", "done", "got", "move", "drop", "edit", "undo",
                             "brief"}  # fmt: skip
    for name, sub in commands.items():
        text = sub.format_help()
        assert "examples:" in text and f"ictrack {name}" in text.split("examples:")[1], name


def test_every_command_registers_its_handler_beside_its_examples():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert len(commands) >= 24
    for name, sub in commands.items():
        assert callable(sub.get_default("run")), name
        assert sub.epilog.startswith("examples:\n") and f"ictrack {name}" in sub.epilog, name


def test_the_command_table_names_the_group_that_registers_each_command():
    from importlib import import_module

    from ictrack.cli import COMMANDS, GROUPS, Parser

    registered = {}
    for group in GROUPS:
        commands = Parser().add_subparsers(parser_class=Parser)
        import_module(f"ictrack.cli.{group}").register(commands)
        registered |= dict.fromkeys(commands.choices, group)
    assert registered == COMMANDS


def test_a_command_builds_the_parsers_of_its_own_group_alone():
    from ictrack.cli import COMMANDS

    commands = build_parser("add")._subparsers._group_actions[0].choices
    assert set(commands) == {name for name, group in COMMANDS.items() if group == "items"}
    everything = build_parser("nonsense")._subparsers._group_actions[0].choices
    assert set(everything) == set(COMMANDS)


@pytest.mark.parametrize(
    "argv",
    [["--external", "send", "report"], ["send", "report", "--external"], ["--due", "fri", "send", "--", "-5 ideas"],
     ["--tag", "a", "send", "--tag", "b", "report"], ["send", "-5", "ideas"], ["--note", "-x", "send"],
     ["--due", "next mon", "send", "report"], ["send", "report", "by", "fri"]],
)  # fmt: skip
def test_a_plain_parse_is_used_only_where_it_reads_the_words_as_an_intermixed_one_would(argv):
    add = build_parser("add")._subparsers._group_actions[0].choices["add"]

    def outcome(parse):
        try:
            return parse(list(argv))
        except SystemExit as stop:
            return stop.code

    mixed = outcome(add.parse_known_args)
    add._mixing = True  # how parse_known_intermixed_args runs its own two passes: a plain parse each
    try:
        assert mixed == outcome(add.parse_known_intermixed_args)
    finally:
        add._mixing = False


def test_only_the_tui_and_the_completion_scripts_run_without_opening_the_data():
    parser = build_parser()
    reading = {}
    for argv in (["add", "x"], ["list"], ["doctor"], ["completion", "handles"], ["completion", "bash"], ["ui"]):
        args = parser.parse_args(argv)
        reading[" ".join(argv)] = args.reads_data(args)
    assert reading == {"add x": True, "list": True, "doctor": True, "completion handles": True,
                       "completion bash": False, "ui": False}  # fmt: skip


def test_a_bad_id_is_a_one_line_usage_error(cli):
    result = cli("done", "twelve")
    assert result.code == 2
    expected = '"twelve" is not an item ID; IDs are whole numbers from 1 to 999999999'
    assert result.err == f"ictrack done: argument ID: {expected} (see ictrack done --help)\n"


@pytest.mark.parametrize(
    ("argv", "named", "extras"),
    [(["checkin", "dana", "4", "fine"], "ictrack checkin", "4 fine"), (["list", "extra"], "ictrack list", "extra"),
     (["show", "1", "2"], "ictrack show", "2"), (["--bogus"], "ictrack", "--bogus")],
)  # fmt: skip
def test_arguments_left_over_are_refused_by_the_command_they_were_given_to(cli, argv, named, extras):
    result = cli(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{named}: unrecognized arguments: {extras} (see {named} --help)\n"


def test_a_title_longer_than_1000_characters_is_refused_however_it_is_given(cli, home, tmp_path, monkeypatch):
    assert cli("add", "x" * 1000).code == 0
    assert cli("edit", "1", "--title", "y" * 1000).code == 0
    before = (home / "ictrack.json").read_bytes()
    expected = "ictrack: the title is 1001 characters long; keep it to 1000 and put the rest in the note (--note).\n"
    for argv in (["add", "x" * 1001], ["ask", "@dana", "y" * 1001], ["helped", "z" * 1001],
                 ["edit", "1", "--title", "w" * 1001]):  # fmt: skip
        result = cli(*argv)
        assert (result.code, result.err) == (2, expected), argv[0]
    assert (home / "ictrack.json").read_bytes() == before
    document = cli("export", "json").json()
    document["items"][0]["title"] = "v" * 1001
    (tmp_path / "long.json").write_text(json.dumps(document))
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps([{"uuid": "t1", "description": "word " * 300, "status": "pending"}]))
    imported = cli("import", "taskwarrior", str(tasks))
    assert imported.code == 2 and imported.err == (
        f"ictrack: {tasks}: task 1 (uuid t1) has a description 1499 characters long; an ictrack title is at most "
        "1000. Nothing was imported.\n")  # fmt: skip
    assert (home / "ictrack.json").read_bytes() == before
    monkeypatch.setenv("ICTRACK_HOME", str(tmp_path / "empty"))
    result = cli("import", "json", str(tmp_path / "long.json"))
    assert result.code == 2 and "items record 1 can't be read (title is 1001 characters long; at most 1000)" in (
        result.err)  # fmt: skip


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_an_argument_typed_in_utf8_is_read_as_utf8_whatever_the_locale_says(home, cli, locale):
    env = {**os.environ, "LC_ALL": locale, "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    command = [sys.executable, "-m", "ictrack"]
    added = subprocess.run([*command, "add", "café für @dana"], env=env, capture_output=True, timeout=120)
    assert (added.returncode, added.stderr) == (0, b"")
    assert cli("show", "1", "--json").json()["title"] == "café für"
    refused = subprocess.run([*command, "add", b"bad \xff"], env=env, capture_output=True, timeout=120)
    assert refused.returncode == 2
    assert refused.stderr == b'ictrack: "bad \\xff" is not valid UTF-8 text; check your terminal\'s encoding.\n'


def test_a_bad_config_value_stops_every_command(cli, home, tmp_path):
    (tmp_path / "config.toml").write_text("soon_hours = 0\n")
    result = cli("list")
    assert result.code == 2 and '"soon_hours"' in result.err and "config.toml" in result.err


def test_ui_off_a_terminal_says_to_use_the_brief(cli):
    result = cli("ui")
    assert (result.code, result.out) == (2, "")
    assert result.err == "ictrack: the TUI needs a terminal; use `ictrack brief` (or --json) in scripts and pipes.\n"


@pytest.mark.parametrize(
    "argv",
    [["add", "send", "report", "--external", "by", "fri"], ["add", "--external", "send", "report", "by", "fri"],
     ["add", "send", "report", "by", "fri", "--external"],
     ["add", "send", "--tag", "x", "report", "by", "fri", "--external"]],
)  # fmt: skip
def test_options_may_stand_anywhere_among_the_words(cli, argv):
    item = cli(*argv, "--json").json()
    assert (item["title"], item["external"], item["due"]) == ("send report", True, "2026-11-27T17:00:00+00:00")


def test_unquoted_plus_marks_are_tags_and_flags(cli):
    result = cli("add", "call", "the", "bank", "tomorrow", "9am", "+high", "+finance", "+ext")
    assert result.out == "Added 1: call the bank, due Tue 24 Nov 09:00 (in 24 hours) #finance !ext !high\n"


def test_date_words_left_in_the_title_get_a_note_and_the_item_is_still_added(cli):
    result = cli("add", "lunch fri at 1 with dana")
    assert (result.code, result.out) == (0, "Added 1: lunch fri at 1 with dana\n")
    assert result.err == ('ictrack: note: "fri" stayed in the title, not read as a date; ictrack edit 1 --due WHEN '
                          "sets the due date.\n")  # fmt: skip
    result = cli("add", "call mon or tue")
    assert result.err == ('ictrack: note: "mon" stayed in the title, not read as a date; the due date is from "tue" '
                          "(ictrack edit 2 --due WHEN changes it).\n")  # fmt: skip
    assert cli("add", "send report by fri").err == ""


def test_a_new_handle_close_to_a_known_one_gets_did_you_mean_and_is_made_as_typed(cli, home):
    cli("add", "@lee.k send the deck")
    result = cli("add", "ping @lee about the deck")
    assert result.out == "Added 2: ping lee about the deck → @lee\n"
    assert result.err == "ictrack: note: @lee is new; did you mean @lee.k? ictrack edit 2 --to lee.k changes it.\n"
    assert sorted(person["handle"] for person in stored(home)["people"].values()) == ["lee", "lee.k"]
    assert cli("add", "@lee one more").err == ""  # known now


def test_helped_is_dated_by_when_it_happened(cli):
    helped = cli("helped", "@sam covered my shift yesterday", "--json").json()
    assert (helped["title"], helped["done_at"], helped["created"]) == (
        "covered my shift", "2026-11-22T17:00:00+00:00", "2026-11-23T09:00:00+00:00")  # fmt: skip


def test_the_help_of_add_names_the_shell_safe_marks(cli):
    text = " ".join(cli("add", "--help").out.split())
    assert "+tags (or #tags), +ext, +high or +low (or !ext, !high, !low)" in text
    assert "options may stand anywhere among the words" in text
