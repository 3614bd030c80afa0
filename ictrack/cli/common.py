"""What the command modules share: a subcommand with its examples, common options, argument types, output.

Everything printed goes through `out`, `err` or `ask`, the output boundary: they escape any control character
a renderer let through (see ictrack.text). At import this needs only argparse, ictrack.errors and ictrack.text,
so every command, the quick add above all, can use it.
"""

from __future__ import annotations

import argparse
import sys

from ictrack.errors import BadInput, NotAllowed
from ictrack.text import guard, json_ascii

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
    parser.add_argument("-o", "--output", metavar="FILE", help='write to FILE instead of printing ("-" prints)')
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists (a symlink is replaced, "
                        "its target left alone; a folder, FIFO or device never is)")  # fmt: skip


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


def search_text(text: str) -> str:
    """What `--grep` searches for: some words, not only spaces."""
    if not text.split():
        raise argparse.ArgumentTypeError("give a word to search for")
    return text


def whole_number(low: int, high: int, unit: str = ""):
    """An argparse type: a whole number from `low` to `high`, named with `unit` in the error."""

    def read(text: str) -> int:
        number = _digits(text, low, high)
        if number is None:
            raise argparse.ArgumentTypeError(f'"{text}" is not a whole number{unit} from {low} to {high}')
        return number

    return read


def speaks_utf8(stream) -> bool:
    """Whether `stream` encodes text as UTF-8 (or has no encoding to say otherwise)."""
    encoding = getattr(stream, "encoding", None)
    if encoding is None or encoding.lower() in ("utf-8", "utf8"):
        return True  # the usual case: nothing to look up, nothing imported
    import codecs

    return codecs.lookup(encoding).name == "utf-8"


def out(text: str, *, json: bool = False) -> None:
    """Print to stdout; the last line of defence against control characters in data.

    JSON on a stdout that is not UTF-8 is written in ASCII with `\\uXXXX` escapes: the same data, whatever the
    stream's encoding, where the ASCII forms of ictrack's symbols (see `_fit_streams`) would change it.
    """
    if json and not speaks_utf8(sys.stdout):
        text = json_ascii(text)
    sys.stdout.write(guard(text))


def err(text: str) -> None:
    sys.stderr.write(guard(text))


def ask(question: str, answers: dict, hint: str):
    """Ask on the terminal until the reply is one of `answers`' keys; its value. EOFError on Ctrl-D."""
    while (answer := input(guard(question)).strip().lower()) not in answers:
        out(f"Please answer {hint}.\n")
    return answers[answer]


def output_path(name: str | None):
    """Where `-o NAME` writes: a Path, or None for standard output (no -o, or "-"); BadInput for no file name."""
    if name is None or name == "-":
        return None
    from pathlib import Path

    if not name or name.endswith("/"):
        raise BadInput(f'-o needs a file name, not "{name}"; give -o FILE, or leave -o out to print.')
    return Path(name).expanduser()


# what an existing FILE may be, besides a regular file or a symlink, each as a reply names it
_NOT_A_FILE = (("S_ISDIR", "a folder"), ("S_ISFIFO", "a named pipe (FIFO)"), ("S_ISSOCK", "a socket"),
               ("S_ISCHR", "a device"), ("S_ISBLK", "a device"))  # fmt: skip


def write_file(path, text: str, force: bool) -> None:
    """Write an output file, private and whole (never half of one); one that exists is kept unless `force`.

    Only a regular file or a symlink is ever replaced (the symlink itself, not its target): replacing a FIFO or
    a device would put a regular file in its place, so anything else is BadInput, with `force` or without.
    """
    import os
    import stat

    from ictrack.service import write_output

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise BadInput(f"can't write {path}: {error.strerror}.") from None
    kind = next((what for test, what in _NOT_A_FILE if mode is not None and getattr(stat, test)(mode)), None)
    if kind is not None or not path.name:
        raise BadInput(f"{path} is {kind or 'a folder'}, not a file; -o writes only files, and replaces nothing "
                       "else, even with --force.")  # fmt: skip
    try:
        write_output(path, text, replace=force)
    except FileExistsError:
        raise NotAllowed(f"{path} already exists; add --force to overwrite it.") from None
    except OSError as error:
        raise BadInput(f"can't write {path}: {error.strerror}.") from None


def copy_flag(parser: argparse.ArgumentParser, what: str = "the draft") -> None:
    parser.add_argument("--copy", action="store_true", help=f"also put {what} on the clipboard (OSC 52: works "
                        "over ssh and in tmux with set-clipboard on)")  # fmt: skip


def on_stdout(what: str = "the draft") -> str:
    """Where `what`, printed on stdout, can be found again, for a note on stderr: on the screen, or not."""
    return f"{what} was printed above" if sys.stdout.isatty() else f"{what} was written to stdout"


def to_clipboard(text: str, where: str | None) -> None:
    """Ask the terminal to put a draft on the clipboard with OSC 52, through the controlling terminal so it works
    with stdout piped. `where` says where else it is if the terminal does not take it ("the draft was printed
    above", see `on_stdout`); None for nowhere, and then stderr shows it."""
    from ictrack.text import osc52

    sys.stdout.flush()  # the draft first, then the sequence: a terminal shows them in that order
    fallback = f"{where}.\n" if where is not None else f"here it is:\n{text}\n"
    try:
        with open("/dev/tty", "w", encoding="utf-8") as terminal:
            terminal.write(osc52(text))
    except OSError:
        err(f"ictrack: note: the clipboard needs a terminal (OSC 52), and there is none; {fallback}")
        return
    err(f"Sent to the clipboard (OSC 52); if your terminal does not allow that, {fallback}")


def columns() -> int:
    """How wide a listing may be: COLUMNS if set, else the terminal's width when stdout is one, else 80."""
    import os

    text = os.environ.get("COLUMNS", "")
    if text.isascii() and text.isdigit() and 0 < int(text) <= 10_000:
        return int(text)
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except OSError:
            pass
    return 80


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
