"""The command line: parse, call the service, print. Errors are caught once, here.

Imports stay lazy: a quick add from a shell alias must not pay for Textual or Rich.

Everything printed goes through `_out` or `_err`, which escape any control character a renderer
let through (see ictrack.text); replies show data through `visible`. On a stdout that can't encode
ictrack's symbols, they are written in ASCII, so a saved change is never reported as a failure.
"""

from __future__ import annotations

import argparse
import sys

from ictrack import __version__
from ictrack.core.model import KINDS, PRIORITIES, RELATIONS
from ictrack.core.settings import CHECKIN_DAYS
from ictrack.errors import BadInput, IctrackError, NotAllowed
from ictrack.text import ascii_forms, guard, visible

ALIAS_HINT = "alias ia='ictrack add'"


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `ictrack add: error: … (see ictrack add --help)`."""

    def error(self, message: str):
        self.exit(2, guard(f"{self.prog}: {visible(message)} (see {self.prog} --help)\n"))


MAX_ID = 999_999_999
SCALE = (1, 5)  # a check-in's rating and the care check's energy


def _digits(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number from low to high, in ASCII digits ("١" is a digit to str.isdigit); None if not."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)) or not low <= int(text) <= high:
        return None
    return int(text)


def item_id(text: str) -> int:
    number = _digits(text, 1, MAX_ID)
    if number is None:
        raise argparse.ArgumentTypeError(f'"{text}" is not an item ID; IDs are whole numbers from 1 to {MAX_ID}')
    return number


def whole_number(low: int, high: int, unit: str = ""):
    """An argparse type: a whole number from `low` to `high`, named with `unit` in the error."""

    def read(text: str) -> int:
        number = _digits(text, low, high)
        if number is None:
            raise argparse.ArgumentTypeError(f'"{text}" is not a whole number{unit} from {low} to {high}')
        return number

    return read


def _command(subparsers, name: str, summary: str, examples: str, **kwargs) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (SPEC §6 items) instead of text")


def _output_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def build_parser() -> Parser:
    parser = Parser(
        prog="ictrack",
        description="Keep the promises you make to the people you work with.",
        epilog=(
            "examples:\n"
            '  ictrack add "@dana send Q3 figures by fri 3pm #finance"\n'
            '  ictrack ask "@lee review the deck by thu"\n'
            "  ictrack brief\n"
            "  ictrack done 12\n\n"
            "With no command, ictrack opens the TUI on a terminal and prints the brief otherwise.\n"
            "Quick add from your shell: " + ALIAS_HINT
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ictrack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    for name, summary, example in (
        ("add", "log a commitment: something you promised someone",
         'ictrack add "@dana send Q3 figures by fri 3pm #finance"\nictrack add call the bank tomorrow 9am !high\n'
         'ictrack add "@ops-team restore backups" --due "next mon" --external\n'
         'ictrack add "@payroll send time sheet every fri 1pm"\n'
         'ictrack add "@dana status note" --every monday --due "mon 10am"'),
        ("ask", "log an ask: something someone promised you",
         'ictrack ask "@lee review the deck by thu"\nictrack ask @vendor-co quote for laptops --due eom'),
        ("helped", "log help you received without asking, so you remember to thank them",
         'ictrack helped "@sam fixed the build for the release"'),
    ):  # fmt: skip
        sub = _command(commands, name, summary, example)
        sub.add_argument(
            "text", nargs="+", metavar="TEXT", help="what, with @person, #tags, !ext, !high/!low and a due phrase"
        )
        sub.add_argument("--to", metavar="NAME", help="the person (overrides @handle)")
        sub.add_argument("--due", metavar="WHEN", help="the due date (the text is then not scanned for one); "
                         "with a repeat, the first occurrence")  # fmt: skip
        if name != "helped":
            sub.add_argument("--every", metavar="RULE", help='repeat: "fri 1pm", "weekday", "2 weeks", '
                             '"month on the 1st", "last friday" (or write "every …" in the text)')  # fmt: skip
        sub.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
        sub.add_argument("--external", action="store_true", help="an external customer is waiting on this")
        sub.add_argument("--priority", choices=PRIORITIES)
        sub.add_argument("--note", metavar="TEXT", help="a longer note")
        _json_flag(sub)

    sub = _command(commands, "list", "list items, soonest due first (open ones by default)",
                   "ictrack list\nictrack list --person dana --at-risk\nictrack list --all --kind ask --json\n"
                   "ictrack list --tag finance --done")  # fmt: skip
    status = sub.add_mutually_exclusive_group()
    status.add_argument("--open", dest="status", action="store_const", const="open", help="open items (default)")
    status.add_argument("--done", dest="status", action="store_const", const="done", help="done items")
    status.add_argument("--all", dest="status", action="store_const", const="all", help="every item, dropped too")
    sub.add_argument("--kind", choices=KINDS)
    sub.add_argument("--person", metavar="P", help="only items with this person")
    sub.add_argument("--tag", metavar="T", help="only items with this tag")
    sub.add_argument("--at-risk", action="store_true", help="only overdue and at-risk items")
    _json_flag(sub)

    sub = _command(commands, "show", "show one item with its history", "ictrack show 12\nictrack show 12 --json")
    sub.add_argument("id", type=item_id, metavar="ID")
    _json_flag(sub)

    for name, summary, example in (
        ("done", "mark items done (delivered; for an ask: received)", "ictrack done 12\nictrack done 12 14\n"
         'ictrack done 12 --at "yesterday 4pm"'),
        ("got", "mark asks received (the same as done, for asks only)", "ictrack got 13"),
    ):  # fmt: skip
        sub = _command(commands, name, summary, example)
        sub.add_argument("ids", type=item_id, nargs="+", metavar="ID")
        sub.add_argument("--at", metavar="WHEN", help='when it happened ("yesterday 4pm", "2h ago"); default now')

    sub = _command(commands, "move", "renegotiate a due date; the old one is kept in the item's history",
                   'ictrack move 12 "next tue"\nictrack move 12 "fri 3pm" --reason "waiting on data"')  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument("when", nargs="+", metavar="WHEN")
    sub.add_argument("--reason", metavar="TEXT")
    _json_flag(sub)

    sub = _command(commands, "drop", "drop items (declined or cancelled); a repeating one moves on to its next "
                   "date unless --series ends it", 'ictrack drop 12 --reason "no longer needed"\n'
                   'ictrack drop 15 --series --reason "payroll moved to a new system"')  # fmt: skip
    sub.add_argument("ids", type=item_id, nargs="+", metavar="ID")
    sub.add_argument("--reason", metavar="TEXT")
    sub.add_argument("--series", action="store_true", help="end a repeating promise: no next occurrence")

    sub = _command(commands, "edit", "change an item's fields (use move to renegotiate a due date)",
                   'ictrack edit 12 --title "send Q3 and Q4 figures"\n'
                   "ictrack edit 12 --to lee --tag urgent --untag finance\nictrack edit 12 --no-due")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument("--title", metavar="T")
    person = sub.add_mutually_exclusive_group()
    person.add_argument("--to", metavar="P", help="the person")
    person.add_argument("--no-person", action="store_true", help="a promise to yourself")
    due = sub.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="WHEN", help="correct the due date (not recorded as a move)")
    due.add_argument("--no-due", action="store_true", help="remove the due date")
    sub.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
    sub.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag (repeatable)")
    sub.add_argument("--note", metavar="T", help='set the note ("" clears it)')
    sub.add_argument("--priority", choices=PRIORITIES)
    external = sub.add_mutually_exclusive_group()
    external.add_argument("--external", dest="external", action="store_const", const=True)
    external.add_argument("--internal", dest="external", action="store_const", const=False)
    _json_flag(sub)

    _command(commands, "undo", "undo the last change (run it again to go further back)", "ictrack undo")

    sub = _command(commands, "doctor", "check the data files (JSON, schema, every record, unique IDs, people) and "
                   "repair damaged ones from the backups", "ictrack doctor\nictrack doctor --restore")  # fmt: skip
    sub.add_argument("--restore", action="store_true",
                     help="repair what is damaged, and only that, from the newest good backups; each damaged file "
                     "is kept aside")  # fmt: skip

    _command(commands, "ui", "open the morning review (the TUI); this is what `ictrack` does on a terminal",
             "ictrack ui\nictrack")  # fmt: skip

    sub = _command(commands, "brief", "the morning brief: what is overdue, at risk and due today, asks to "
                   "follow up, thank-yous owed, check-ins due and today's care check",
                   "ictrack brief\nictrack brief --json")  # fmt: skip
    _json_flag(sub)

    sub = _command(commands, "thank", "record that you thanked someone for an ask they delivered or help they gave",
                   'ictrack thank 14\nictrack thank 14 --note "Thanked Sam in the team channel"')  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument(
        "--note", metavar="TEXT", help="what you said; on a terminal, without it, $EDITOR opens on a draft"
    )

    sub = _command(commands, "thanks", "thank-yous owed, oldest first, each with a drafted note", "ictrack thanks")
    _json_flag(sub)

    sub = _command(commands, "people", "everyone you serve: what you owe them, what they owe you, thanks, check-ins",
                   "ictrack people\nictrack people --json")  # fmt: skip
    _json_flag(sub)

    sub = _command(commands, "person", "one person's agenda; with options, set their relation, team or cadence",
                   "ictrack person dana\nictrack person dana --kind manager --cadence 14\n"
                   'ictrack person lee --team "data platform"')  # fmt: skip
    sub.add_argument("handle", metavar="P")
    sub.add_argument("--kind", choices=RELATIONS, help="how you relate to them")
    sub.add_argument("--team", metavar="T", help='their team ("" clears it)')
    sub.add_argument("--cadence", type=whole_number(*CHECKIN_DAYS, " of days"), metavar="DAYS",
                     help="check in at least this often")  # fmt: skip
    _json_flag(sub)

    sub = _command(commands, "checkin", 'record a check-in: "How are we doing? How can we get better?"',
                   'ictrack checkin dana --rating 4 --note "wants figures a day earlier"')  # fmt: skip
    sub.add_argument("handle", metavar="P")
    sub.add_argument("--rating", type=whole_number(*SCALE), metavar="1-5", help="how they said we are doing")
    sub.add_argument("--note", metavar="TEXT", help="what to get better at")

    sub = _command(commands, "week", "the weekly summary: delivered, on time, late, renegotiated, thanks, care",
                   "ictrack week\nictrack week --last --format json\nictrack week --week 2026-W48 -o week48.html\n"
                   "ictrack week --format csv -o week.csv --force")  # fmt: skip
    which = sub.add_mutually_exclusive_group()
    which.add_argument("--week", metavar="2026-W48", help="an ISO week (default: this week)")
    which.add_argument("--last", action="store_true", help="last week")
    sub.add_argument("--format", choices=("md", "json", "csv", "html"), help="default md, or from -o's extension")
    _output_flags(sub)

    sub = _command(commands, "export", "write your data out: json (everything, for `import json`) or ics (open "
                   "commitments with due dates, for a calendar)",
                   "ictrack export json -o ictrack-backup.json\nictrack export ics -o ~/promises.ics --force\n"
                   "ictrack export json | jq '.items | length'")  # fmt: skip
    sub.add_argument("format", choices=("json", "ics"))
    _output_flags(sub)

    sub = _command(commands, "import", "read data in: json (an `ictrack export json`, into an empty data folder) "
                   "or taskwarrior (what `task export` writes)",
                   "task export | ictrack import taskwarrior -\nictrack import taskwarrior tasks.json\n"
                   "ICTRACK_HOME=~/new-ictrack ictrack import json ictrack-backup.json")  # fmt: skip
    sub.add_argument("format", choices=("json", "taskwarrior"))
    sub.add_argument("file", metavar="FILE", help='the file to read, or "-" for standard input')

    sub = _command(commands, "completion", "print a shell completion script (bash, zsh, fish), or the @handles or "
                   "#tags it completes",
                   'eval "$(ictrack completion bash)"     # in ~/.bashrc\n'
                   'eval "$(ictrack completion zsh)"      # in ~/.zshrc\n'
                   "ictrack completion fish > ~/.config/fish/completions/ictrack.fish")  # fmt: skip
    sub.add_argument("what", choices=("bash", "zsh", "fish", "handles", "tags"))

    sub = _command(commands, "care", "today's care check; on a terminal with no options it asks each question",
                   "ictrack care\nictrack care --done slept,lunch --energy 4\nictrack care --json")  # fmt: skip
    sub.add_argument("--done", metavar="a,b", help="checks done today, comma-separated (added to today's)")
    sub.add_argument("--energy", type=whole_number(*SCALE), metavar="1-5", help="your energy today")
    sub.add_argument("--note", metavar="T")
    _json_flag(sub)
    return parser


def _service():
    from ictrack.service import open_service

    return open_service()


def _ui() -> int:
    """Open the TUI on the user's data; Textual is imported only here."""
    from ictrack.environment import current_time, data_home, load_config, local_zone, lock_timeout

    # a bad config or environment is a one-line error before the screen changes
    config, home, timeout = load_config(), data_home(), lock_timeout()
    current_time(local_zone())
    from ictrack.tui.app import IctrackApp

    app = IctrackApp(home, config, lock_timeout=timeout)
    app.run()
    return app.return_code or 0  # Textual sets 1 when the app died of an error (it has shown the error)


def run(args: argparse.Namespace) -> int:
    command = args.command or ("ui" if _interactive() else "brief")
    if command == "completion" and args.what in ("bash", "zsh", "fish"):
        from ictrack.cli.completion import SCRIPTS

        _out(SCRIPTS[args.what](build_parser()))
        return 0
    if command == "ui":
        if not _interactive():
            raise BadInput("the TUI needs a terminal; use `ictrack brief` (or --json) in scripts and pipes.")
        return _ui()
    service = _service()
    code = _answer(command, args, service)
    for notice in service.notices:  # what the store did that the user should know, e.g. tightened modes
        _err(f"ictrack: note: {visible(notice)}\n")
    return code


def _out(text: str) -> None:
    """Print to stdout; the last line of defence against control characters in data."""
    sys.stdout.write(guard(text))


def _err(text: str) -> None:
    sys.stderr.write(guard(text))


def _answer(command: str, args: argparse.Namespace, service) -> int:
    """Run one command on the service and print its answer; the exit code."""
    from ictrack import render

    out = _out
    if command in ("add", "ask", "helped"):
        kind = {"add": "commitment", "ask": "ask", "helped": "help"}[command]
        item, risk = service.add(
            kind, " ".join(args.text), to=args.to, due=args.due, tags=args.tag, external=args.external,
            priority=args.priority, note=args.note, every=getattr(args, "every", None),
        )  # fmt: skip
        out(render.as_json(item.to_json(risk)) if args.json else render.added(item, service.clock()))
    elif command == "list":
        items, risks = service.list(status=args.status or "open", kind=args.kind, person=args.person, tag=args.tag,
                                    at_risk=args.at_risk)  # fmt: skip
        if args.json:
            out(render.as_json([item.to_json(risks[item.id]) for item in items]))
        else:
            out(render.item_lines(items, risks, service.clock()) or "Nothing here.\n")
    elif command == "show":
        item, risk = service.show(args.id)
        out(render.as_json(item.to_json(risk)) if args.json else render.details(item, risk, service.clock()))
    elif command in ("done", "got"):
        closed = service.done(args.ids, args.at, asks_only=command == "got")
        out("".join(render.closed(item, service.clock(), following) for item, following in closed))
    elif command == "drop":
        closed = service.drop(args.ids, args.reason, series=args.series)
        out("".join(render.closed(item, service.clock(), following) for item, following in closed))
    elif command == "move":
        item, risk = service.move(args.id, " ".join(args.when), args.reason)
        out(render.as_json(item.to_json(risk)) if args.json else render.moved(item, risk, service.clock()))
    elif command == "edit":
        item, risk = service.edit(
            args.id, title=args.title, to=args.to, no_person=args.no_person, due=args.due, no_due=args.no_due,
            tags=args.tag, untags=args.untag, note=args.note, priority=args.priority, external=args.external,
        )  # fmt: skip
        out(render.as_json(item.to_json(risk)) if args.json else render.details(item, risk, service.clock()))
    elif command == "undo":
        out(f"Undid: {visible(service.undo())}\n")
    elif command == "brief":
        brief = service.brief()
        out(render.brief_json(brief) if getattr(args, "json", False) else render.brief(brief))
    elif command == "thank":
        note = args.note
        if note is None and _interactive():
            note = _edit(service.thank_draft(args.id))
        item = service.thank(args.id, note)
        who = f"@{visible(item.person)} for " if item.person else ""
        out(f"Thanked {item.id}: {who}{visible(item.title)}\n")
    elif command == "thanks":
        owed = service.thanks()
        out(render.thanks_json(owed) if args.json else render.thanks(owed, service.clock()))
    elif command == "people":
        rows = service.people()
        out(render.as_json(rows) if args.json else render.people(rows, service.clock()))
    elif command == "person":
        view = service.person(args.handle, kind=args.kind, team=args.team, cadence=args.cadence)
        out(render.agenda_json(view) if args.json else render.agenda(view, service.clock()))
    elif command == "checkin":
        checkin = service.checkin(args.handle, args.rating, args.note)
        rating = f" (rating {checkin.rating}/5)" if checkin.rating else ""
        out(f"Checked in with @{visible(checkin.person)}{rating}.\n")
    elif command == "week":
        _week(service, args, out)
    elif command == "doctor":
        return _doctor(service, args, out)
    elif command == "completion":
        out("".join(f"{visible(name)}\n" for name in service.names(args.what)))
    elif command == "export":
        _export(service, args, out)
    elif command == "import":
        _import(service, args, out)
    elif command == "care":
        care, streak = _care(service, args)
        checks = service.config.care_checks
        out(render.care_json(care, streak, checks) if args.json else render.care_line(care, streak))
    return 0


def _doctor(service, args: argparse.Namespace, out) -> int:
    if args.restore:
        out("".join(f"{visible(line)}\n" for line in service.restore()))
    problems, facts = service.checkup()
    out("".join(f"  {visible(fact)}\n" for fact in facts))
    if problems:
        out("".join(f"problem: {visible(problem)}\n" for problem in problems))
        out("`ictrack doctor --restore` puts back the newest good backup.\n")
        return 3
    out("No problems found.\n")
    return 0


def _week(service, args: argparse.Namespace, out) -> None:
    from pathlib import Path

    from ictrack import render, reports

    path = Path(args.output).expanduser() if args.output else None
    fmt = args.format or (path.suffix.lstrip(".").lower() if path else "md")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in ("md", "json", "csv", "html"):
        raise BadInput(f'can\'t tell the format from "{path.name}"; add --format md, json, csv or html.')
    report = service.week(args.week, last=args.last)
    text = render.as_json(reports.to_data(report)) if fmt == "json" else reports.RENDERERS[fmt](report)
    if path is None:
        out(text)
        return
    _write(path, text, args.force)
    out(f"Wrote week {report.week.label} ({fmt}) to {visible(path.resolve())}\n")


def _write(path, text: str, force: bool) -> None:
    """Write an output file, private and whole (never half of one); one that exists is kept unless `force`."""
    from ictrack.storage import write_atomically

    try:
        write_atomically(path, text, replace=force)
    except FileExistsError:
        raise NotAllowed(f"{path} already exists; add --force to overwrite it.") from None
    except OSError as error:
        raise BadInput(f"can't write {path}: {error.strerror}.") from None


def _export(service, args: argparse.Namespace, out) -> None:
    from pathlib import Path

    from ictrack import render

    if args.format == "json":
        document = service.export_all()
        text, what = render.as_json(document), f"{len(document['items'])} items"
    else:
        from ictrack.interop.ics import to_ics

        items = service.calendar_items()
        text, what = to_ics(items, service.clock()), f"{len(items)} open commitments"
    if args.output is None:
        out(text)
        return
    path = Path(args.output).expanduser()
    _write(path, text, args.force)
    out(f"Wrote {what} ({args.format}) to {visible(path.resolve())}\n")


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _read_input(name: str) -> tuple[object, str]:
    """The JSON in FILE (or stdin for "-"), and how to name it in messages."""
    import json

    source = "standard input" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as file:
                raw = file.read()
    except OSError as error:
        raise BadInput(f"can't read {source}: {error.strerror}.") from None
    too_deep = BadInput(
        f"{source} is nested more than {MAX_DEPTH} levels deep, which no export is; nothing was imported."
    )
    try:
        data = json.loads(raw)
    except RecursionError:
        raise too_deep from None
    except (ValueError, UnicodeDecodeError):
        raise BadInput(f"{source} is not JSON; nothing was imported.") from None
    if _depth(data) > MAX_DEPTH:
        raise too_deep
    return data, source


MAX_DEPTH = 32  # an export is 5 levels deep; far deeper could exhaust the stack of whatever walks it next


def _depth(data) -> int:
    """Levels of lists and objects in `data`, counted without recursion, up to MAX_DEPTH + 1."""
    level, depth = [data], 0
    while depth <= MAX_DEPTH:
        level = [node for node in level if isinstance(node, list | dict)]
        if not level:
            break
        depth += 1
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)]
    return depth


def _import(service, args: argparse.Namespace, out) -> None:
    data, source = _read_input(args.file)
    if args.format == "json":
        imported = service.import_all(data, source)
        counts = [_count(len(imported.items), "item"), _count(len(imported.people), "person", "people"),
                  _count(len(imported.care), "care check"), _count(len(imported.checkins), "check-in")]  # fmt: skip
        out(f"Imported {', '.join(counts[:-1])} and {counts[-1]} from {visible(source)}.\n")
        return
    report = service.import_taskwarrior(data, source)
    out(visible(report.summary(), newlines=True) + "\n")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _edit(draft: str) -> str:
    """Open $EDITOR (then $VISUAL, then vi) on the draft; what was saved, or NotAllowed if nothing."""
    import os
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
    with tempfile.TemporaryDirectory(prefix="ictrack-") as folder:
        path = Path(folder) / "thank-you.txt"
        path.write_text(draft + "\n", encoding="utf-8")
        try:
            finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except (OSError, ValueError):
            raise BadInput(f'can\'t run the editor "{editor}"; set $EDITOR, or give the note with --note.') from None
        if finished.returncode != 0:
            raise NotAllowed(f'the editor "{editor}" exited with an error; no thank-you was recorded.')
        note = path.read_text(encoding="utf-8").strip()
    if not note:
        raise NotAllowed("the note was empty; no thank-you was recorded.")
    return note


def _care(service, args: argparse.Namespace):
    """Write the care check from options, or by asking on a terminal; with neither, show today's."""
    if args.done is None and args.energy is None and args.note is None:
        if not _interactive() or args.json:
            return service.care_today()
        done, energy = _ask_care(service.config.care_checks)
        return service.care(done=done, energy=energy, replace_done=True)
    return service.care(done=args.done.split(",") if args.done else None, energy=args.energy, note=args.note)


YES_NO = {"y": True, "yes": True, "n": False, "no": False}
ENERGY = {str(level): level for level in range(1, 6)}


def _ask_care(checks: list[str]) -> tuple[list[str], int]:
    """Ask each check in turn (y/n), then energy 1–5; Ctrl-D records nothing."""
    try:
        done = [check for check in checks if _ask(f"{visible(check.capitalize())} today? [y/n] ", YES_NO, "y or n")]
        energy = _ask("Energy today, 1 (empty) to 5 (full)? ", ENERGY, "a number from 1 to 5")
    except EOFError:
        raise NotAllowed("no answer; today's care check was not recorded.") from None
    return done, energy


def _ask(question: str, answers: dict, hint: str):
    while (answer := input(guard(question)).strip().lower()) not in answers:
        _out(f"Please answer {hint}.\n")
    return answers[answer]


def _check_encoding(argv: list[str]) -> None:
    for word in argv:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            shown = word.encode("utf-8", "backslashreplace").decode()
            raise BadInput(f'"{shown}" is not valid UTF-8 text; check your terminal\'s encoding.') from None


def _fit_streams() -> None:
    """On a stdout or stderr that can't encode ictrack's symbols (ascii, latin-1), write ASCII forms instead.

    Without this, a reply with `→` raises after the change was saved, and a script that retries adds it twice.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if encoding is None or not hasattr(stream, "reconfigure") or encoding.lower() in ("utf-8", "utf8"):
            continue  # the usual case: nothing to do, nothing imported
        import codecs

        if codecs.lookup(encoding).name == "utf-8":
            continue
        codecs.register_error("ictrack-ascii", ascii_forms)
        stream.reconfigure(errors="ictrack-ascii")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _fit_streams()
    parser = build_parser()
    try:
        _check_encoding(argv)
        code = run(parser.parse_args(argv))
        sys.stdout.flush()  # inside the try, so a closed pipe is handled here and not at exit
        return code
    except IctrackError as error:
        _err(f"ictrack: {visible(str(error))}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:  # the reader went away (ictrack list | head -1): nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
