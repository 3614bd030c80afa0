"""The command line: the top-level parser, the dispatch to each command's handler, and `main`.

Each command group is a module (items, people, review, data, reach, config) that registers its commands, with their
arguments, help and examples, beside the handlers that run them: `set_defaults(run=handler)`. A handler
gets the parsed arguments and the service, and prints through `common.out`; this module opens the service,
and catches errors once, in `main` (exit codes: docs/exit-codes.md).

Imports stay lazy: a quick add from a shell alias must not pay for Textual or Rich. On a stdout that can't
encode ictrack's symbols, they are written in ASCII, so a saved change is never reported as a failure.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import Any, NoReturn

from ictrack import __version__
from ictrack.cli import common
from ictrack.cli.common import err, interactive
from ictrack.errors import BadInput, IctrackError
from ictrack.text import ascii_forms, visible

ALIAS_HINT = "alias ia='ictrack add'"
# the command modules, in the order `ictrack --help` lists them
GROUPS = ("items", "review", "people", "data", "reach", "config")
# Which module registers each command, so that a command imports and builds its own group alone: a quick add
# builds 12 subparsers rather than 27. tests/test_cli.py checks this against what the groups register.
ITEMS = ("add", "ask", "helped", "list", "show", "done", "got", "move", "snooze", "drop", "edit", "undo", "redo")
COMMANDS = dict.fromkeys(ITEMS, "items")
COMMANDS |= dict.fromkeys(("ui", "brief", "week", "care"), "review")
COMMANDS |= dict.fromkeys(("thank", "thanks", "nudge", "people", "person", "checkin"), "people")
COMMANDS |= dict.fromkeys(("doctor", "export", "import", "completion"), "data")
COMMANDS |= dict.fromkeys(("status", "remind"), "reach")
COMMANDS["config"] = "config"


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `ictrack add: … (see ictrack add --help)`, named after the command at fault;
    with `intermixed`, options may stand anywhere among the words (`ictrack add send report --external by fri`)."""

    def __init__(self, *args: Any, intermixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.intermixed, self._mixing = intermixed, False

    # one signature for the overloads argparse's stubs declare: the parser is only called as argparse calls it
    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[Any, list[str]]:
        # parse_known_intermixed_args calls back here, twice; and a plain parse reads the same when no option
        # follows the first word that isn't one, at half the cost
        if not self.intermixed or self._mixing or not _option_after_words(args):
            return super().parse_known_args(args, namespace)
        self._mixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._mixing = False

    def error(self, message: str) -> NoReturn:
        self.exit(2, common.guard(f"{self.prog}: {visible(message)} (see {self.prog} --help)\n"))

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        # arguments left over are the command's to refuse: argparse would name the top-level parser
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(parsed, "command", None)
            subcommands = [action for action in self._actions if isinstance(action, argparse._SubParsersAction)]
            owner = subcommands[0].choices.get(command, self) if subcommands and command else self
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


def _option_after_words(args: Any) -> bool:
    """Whether something that may be an option stands after a word that isn't one (`send report --external`)."""
    words = sys.argv[1:] if args is None else args
    seen_word = False
    for word in words:
        if word.startswith("-"):
            if seen_word:
                return True
        else:
            seen_word = True
    return False


def build_parser(command: str | None = None) -> Parser:
    """The parser for every command; given a command's name, for that command's group alone."""
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
    # a command that reads no data (ui, a completion script) sets its own `reads_data`
    parser.set_defaults(run=None, reads_data=lambda args: True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in (COMMANDS[command],) if command in COMMANDS else GROUPS:
        import_module(f"ictrack.cli.{group}").register(commands)
    return parser


def _service():
    from ictrack.service import open_service

    return open_service()


def run(args: argparse.Namespace) -> int:
    """Run the parsed command's handler on the service; the exit code."""
    service = _service() if args.reads_data(args) else None
    code = args.run(args, service)
    if service is not None:
        for notice in service.notices:  # what the store did that the user should know, e.g. tightened modes
            err(f"ictrack: note: {visible(notice)}\n")
    return 0 if code is None else code


def _as_utf8(argv: list[str]) -> list[str]:
    """The arguments as the UTF-8 text they were typed in, whatever the locale says (LC_ALL=C reads é as two
    undecodable bytes); BadInput for one whose bytes are not UTF-8."""
    words = []
    for word in argv:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            import os

            raw = os.fsencode(word)  # the bytes as given: the locale's codec with surrogateescape, undone
            try:
                word = raw.decode("utf-8")
            except UnicodeDecodeError:
                shown = raw.decode("utf-8", "backslashreplace")
                raise BadInput(f'"{shown}" is not valid UTF-8 text; check your terminal\'s encoding.') from None
        words.append(word)
    return words


def _fit_streams() -> None:
    """On a stdout or stderr that can't encode ictrack's symbols (ascii, latin-1), write ASCII forms instead.

    Without this, a reply with `→` raises after the change was saved, and a script that retries adds it twice.
    """
    for stream in (sys.stdout, sys.stderr):
        if common.speaks_utf8(stream) or not hasattr(stream, "reconfigure"):
            continue  # the usual case: nothing to do, nothing imported
        import codecs

        # typeshed gives encode and decode error handlers one type; this one is only used to encode
        codecs.register_error("ictrack-ascii", ascii_forms)  # type: ignore[arg-type]
        stream.reconfigure(errors="ictrack-ascii")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _fit_streams()
    if not argv or argv == ["--"]:  # no command: the review on a terminal, the brief in scripts and pipes
        argv = ["ui" if interactive() else "brief"]
    parser = build_parser(argv[0])
    try:
        code = run(parser.parse_args(_as_utf8(argv)))
        sys.stdout.flush()  # inside the try, so a closed pipe is handled here and not at exit
        return code
    except IctrackError as error:
        err(f"ictrack: {visible(str(error))}\n")
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:  # the reader went away (ictrack list | head -1): nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
