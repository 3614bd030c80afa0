"""The command line: parse, call the service, print. Errors are caught once, here.

Imports stay lazy: a quick add from a shell alias must not pay for Textual or Rich.
"""

from __future__ import annotations

import argparse
import sys

from ictrack import __version__
from ictrack.errors import BadInput, IctrackError

ALIAS_HINT = "alias ia='ictrack add'"


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `ictrack add: error: … (see ictrack add --help)`."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def item_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not an item ID; IDs are whole numbers like 12')
    return int(text)


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
            "With no command, ictrack prints the brief. Quick add from your shell: " + ALIAS_HINT
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ictrack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    for name, summary, example in (
        ("add", "log a commitment: something you promised someone",
         'ictrack add "@dana send Q3 figures by fri 3pm #finance"\nictrack add call the bank tomorrow 9am !high\n'
         'ictrack add "@ops-team restore backups" --due "next mon" --external'),
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
        sub.add_argument("--due", metavar="WHEN", help="the due date (the text is then not scanned for one)")
        sub.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
        sub.add_argument("--external", action="store_true", help="an external customer is waiting on this")
        sub.add_argument("--priority", choices=("high", "normal", "low"))
        sub.add_argument("--note", metavar="TEXT", help="a longer note")
        _json_flag(sub)

    sub = _command(commands, "list", "list items, soonest due first (open ones by default)",
                   "ictrack list\nictrack list --person dana --at-risk\nictrack list --all --kind ask --json\n"
                   "ictrack list --tag finance --done")  # fmt: skip
    status = sub.add_mutually_exclusive_group()
    status.add_argument("--open", dest="status", action="store_const", const="open", help="open items (default)")
    status.add_argument("--done", dest="status", action="store_const", const="done", help="done items")
    status.add_argument("--all", dest="status", action="store_const", const="all", help="every item, dropped too")
    sub.add_argument("--kind", choices=("commitment", "ask", "help"))
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

    sub = _command(
        commands, "drop", "drop items (declined or cancelled)", 'ictrack drop 12 --reason "no longer needed"'
    )
    sub.add_argument("ids", type=item_id, nargs="+", metavar="ID")
    sub.add_argument("--reason", metavar="TEXT")

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
    sub.add_argument("--priority", choices=("high", "normal", "low"))
    external = sub.add_mutually_exclusive_group()
    external.add_argument("--external", dest="external", action="store_const", const=True)
    external.add_argument("--internal", dest="external", action="store_const", const=False)
    _json_flag(sub)

    _command(commands, "undo", "undo the last change (run it again to go further back)", "ictrack undo")

    sub = _command(commands, "brief", "the morning brief: overdue, at risk, due today, asks to follow up",
                   "ictrack brief\nictrack brief --json")  # fmt: skip
    _json_flag(sub)
    return parser


def _service():
    from ictrack.config import current_time, data_home, load_config, local_zone
    from ictrack.service import Service
    from ictrack.store import Store

    config, zone = load_config(), local_zone()
    now = current_time(zone)  # one moment for the whole command
    return Service(Store(data_home()), config, lambda: now)


def run(args: argparse.Namespace) -> int:
    from ictrack import render

    service = _service()
    out = sys.stdout.write
    command = args.command or "brief"
    if command in ("add", "ask", "helped"):
        kind = {"add": "commitment", "ask": "ask", "helped": "help"}[command]
        item, risk = service.add(
            kind, " ".join(args.text), to=args.to, due=args.due, tags=args.tag, external=args.external,
            priority=args.priority, note=args.note,
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
        items = service.done(args.ids, args.at, asks_only=command == "got")
        out("".join(render.closed(item, service.clock()) for item in items))
    elif command == "drop":
        out("".join(render.closed(item, service.clock()) for item in service.drop(args.ids, args.reason)))
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
        out(f"Undid: {service.undo()}\n")
    elif command == "brief":
        brief = service.brief()
        out(render.brief_json(brief) if getattr(args, "json", False) else render.brief(brief))
    return 0


def _check_encoding(argv: list[str]) -> None:
    for word in argv:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            shown = word.encode("utf-8", "backslashreplace").decode()
            raise BadInput(f'"{shown}" is not valid UTF-8 text; check your terminal\'s encoding.') from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    try:
        _check_encoding(argv)
        code = run(parser.parse_args(argv))
        sys.stdout.flush()  # inside the try, so a closed pipe is handled here and not at exit
        return code
    except IctrackError as error:
        sys.stderr.write(f"ictrack: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:  # the reader went away (ictrack list | head -1): nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
