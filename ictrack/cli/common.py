"""What the command modules share: a subcommand with its examples, common options, argument types, output.

Everything printed goes through `out`, `err` or `ask`, the output boundary: they escape any control character
a renderer let through (see ictrack.text). At import this needs only argparse, ictrack.errors and ictrack.text,
so every command, the quick add above all, can use it.
"""

from __future__ import annotations

import argparse
import sys

from ictrack.errors import BadInput, NotAllowed
from ictrack.text import guard

MAX_ID = 999_999_999
SCALE = (1, 5)  # a check-in's rating and the care check's energy


def command(subparsers, name: str, summary: str, examples: str, **kwargs) -> argparse.ArgumentParser:
    """A subcommand whose help opens with `summary` and ends with `examples`, one command line each."""
    return subparsers.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (items as in docs/json.md) instead of text")


def output_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


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


def out(text: str) -> None:
    """Print to stdout; the last line of defence against control characters in data."""
    sys.stdout.write(guard(text))


def err(text: str) -> None:
    sys.stderr.write(guard(text))


def ask(question: str, answers: dict, hint: str):
    """Ask on the terminal until the reply is one of `answers`' keys; its value. EOFError on Ctrl-D."""
    while (answer := input(guard(question)).strip().lower()) not in answers:
        out(f"Please answer {hint}.\n")
    return answers[answer]


def write_file(path, text: str, force: bool) -> None:
    """Write an output file, private and whole (never half of one); one that exists is kept unless `force`."""
    from ictrack.service import write_output

    try:
        write_output(path, text, replace=force)
    except FileExistsError:
        raise NotAllowed(f"{path} already exists; add --force to overwrite it.") from None
    except OSError as error:
        raise BadInput(f"can't write {path}: {error.strerror}.") from None


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
