"""How ictrack's text looks on a terminal: safe whatever the data holds, and in the same phrases in every shell.

Pure; imports nothing heavier than `re`. The phrases live here rather than in a module of their own
because every shell already imports this one, the quick add included, so sharing them costs no import;
and ictrack's symbols sit beside the ASCII forms that stand in for them.

Safety. A terminal obeys control characters: ESC starts a sequence that can retitle the window, clear
the screen or write the clipboard, U+009B does the same in one byte, CR overwrites the line.
Every string that comes from data (titles, notes, handles, teams, reasons, imported records)
goes through `visible` before it is shown, so each control character appears as an escape a
person can read (`\\x1b`, `\\x9b`, `\\x7f`, `\\r`, `\\t`, `\\n`) and does nothing.

- `visible(text)`: for one-line fields; `visible(text, newlines=True)` keeps line breaks (notes).
- `guard(text)`: the last line of defence where the command line writes: keeps line breaks and
  CRLF line ends (an .ics file), escapes every other control character.
- `json_safe(text)`: JSON text with U+007F–U+009F written as `\\u00XX`; `json.dumps` leaves them raw
  even though a terminal acts on them. The same data parses back.
- `ascii_forms`: the codec error handler "ictrack-ascii", for a stdout that can't encode what
  ictrack prints: ictrack's own symbols in ASCII (`→` is `->`), anything else as an escape.

Phrases, for the plain-text renderings, the weekly reports, the CLI and the TUI alike:

- symbols: `ARROWS` (which way a promise goes: `→` a commitment, `←` an ask, `♥` help and thanks),
  `MARKERS` (a risk level in two columns: `!!`, `! `, `~ `), `NOTHING` (`—`, a missing value),
  `SEPARATOR` (` · `, between the parts of one line);
- `plural(2, "day")` is `2 days`; `percent(0.82)` is `82%`; `relative("4 days", past=False)` is
  `in 4 days`; `mention("dana")` is `@dana`, shown safe, and `toward("commitment", "dana")` is
  ` → @dana`; `NO_DUE_DATE`.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# patterns, compiled by re's own cache on first use: a quick add needs only two of them
_CONTROLS = "[\x00-\x1f\x7f-\x9f]"  # C0, DEL and C1
_CONTROLS_BUT_NEWLINE = "[\x00-\x09\x0b-\x1f\x7f-\x9f]"
_CONTROLS_BUT_LINE_ENDS = "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)"
_JSON_RAW = "[\x7f-\x9f]"

TO, FROM, HEART = "→", "←", "♥"
ARROWS = {"commitment": TO, "ask": FROM, "help": HEART}
MARKERS = {"overdue": "!!", "at-risk": "! ", "soon": "~ ", "ok": "  "}
NOTHING = "—"  # no team, no on-time rate, no date
SEPARATOR = " · "
NO_DUE_DATE = "no due date"

# ictrack's own symbols, for an output that can't encode them
ASCII_FORMS = {TO: "->", FROM: "<-", NOTHING: "--", "–": "-", HEART: "<3", "·": "-", "…": "...", "✗": "x",
               "§": "section "}  # fmt: skip


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def visible(text, *, newlines: bool = False) -> str:
    """`text` (any value, as str) with every control character shown as an escape; `newlines` keeps line breaks."""
    if not isinstance(text, str):
        text = str(text)
    pattern = _CONTROLS_BUT_NEWLINE if newlines else _CONTROLS
    return re.sub(pattern, _escape, text) if re.search(pattern, text) else text


def guard(text: str) -> str:
    """What the command line writes: line breaks and CRLF line ends kept, every other control escaped."""
    return re.sub(_CONTROLS_BUT_LINE_ENDS, _escape, text) if re.search(_CONTROLS_BUT_LINE_ENDS, text) else text


def json_safe(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped as `\\u00XX`: the same data, nothing a terminal acts on.

    In JSON text these characters can only stand inside strings, where the escape means the same.
    """
    return re.sub(_JSON_RAW, lambda match: f"\\u{ord(match.group()):04x}", text)


def ascii_forms(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: ictrack's symbols in ASCII, any other character as a visible escape."""
    shown = []
    for char in error.object[error.start : error.end]:
        form = ASCII_FORMS.get(char)
        if form is None:
            code = ord(char)
            form = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
        shown.append(form)
    return "".join(shown), error.end


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 day`, `2 days`, `0 days`; `many` where an s won't do: `plural(3, "person", "people")`."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def percent(rate: float | None) -> str:
    """A share as a whole percentage (`82%`), or `—` when there is none."""
    return NOTHING if rate is None else f"{rate:.0%}"


def relative(span: str, *, past: bool) -> str:
    """A span from now: `in 4 days` ahead, `4 days ago` past."""
    return f"{span} ago" if past else f"in {span}"


def mention(handle: str) -> str:
    """A person as people type them: `@dana`, control characters escaped."""
    return f"@{visible(handle)}"


def toward(kind: str, handle: str | None) -> str:
    """What follows a promise's title: ` → @dana` (a commitment to dana), ` ← @lee` (an ask of lee),
    ` ♥ @sam` (help from sam); nothing without a person."""
    return f" {ARROWS[kind]} {mention(handle)}" if handle else ""
