"""How ictrack's text looks on a terminal: safe whatever the data holds, and in the same phrases in every shell.

Pure; imports nothing heavier than `re`. The phrases live here rather than in a module of their own
because every shell already imports this one, the quick add included, so sharing them costs no import;
and ictrack's symbols sit beside the ASCII forms that stand in for them.

Safety. A terminal obeys control characters: ESC starts a sequence that can retitle the window, clear
the screen or write the clipboard, U+009B does the same in one byte, CR overwrites the line.
Every string that comes from data (titles, notes, handles, teams, reasons, imported records)
goes through `visible` before it is shown, so each control character appears as an escape a
person can read (`\\x1b`, `\\x9b`, `\\x7f`, `\\r`, `\\t`, `\\n`) and does nothing.

`HIDDEN` characters are shown as escapes too (`\\u202e`): they act on how the text around them is
shown rather than being shown, so data holding them can look like other data. The bidi controls
(U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) reorder what follows, up to the end of the
line: `invoice\\u202efdp.exe` reads as `invoiceexe.pdf`. The invisible format characters (U+00AD,
U+180E, U+200B, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB) and the line and paragraph
separators (U+2028, U+2029) show as nothing, or break a line where a row expects none. The
zero-width joiner and non-joiner (U+200C, U+200D) are kept: emoji sequences (👩‍💻) and scripts
such as Persian and the Indic ones need them to be written correctly, and they reorder nothing.

- `visible(text)`: for one-line fields; `visible(text, newlines=True)` keeps line breaks (notes).
- `guard(text)`: the last line of defence where the command line writes: keeps line breaks and
  CRLF line ends (an .ics file), escapes every other control character.
- `json_safe(text)`: JSON text with U+007F–U+009F and the HIDDEN characters written as `\\uXXXX`;
  `json.dumps` leaves them raw even though a terminal acts on them. The same data parses back.
- `json_ascii(text)`: JSON text with every character outside ASCII written as `\\uXXXX`, for a stream that
  can't encode them: the same data, whatever the stream's encoding.
- `ascii_forms`: the codec error handler "ictrack-ascii", for a stdout that can't encode what
  ictrack prints: ictrack's own symbols in ASCII (`→` is `->`), anything else as an escape.
- `osc52(text)`: an escape sequence ictrack writes on purpose, to put a draft on the clipboard:
  `ESC ] 52 ; c ; <base64 of the text, controls escaped first> BEL`. Base64 holds no control character,
  so nothing in the text can end the sequence early or start another.
- `osc_notification(title, body)`: the other, for `remind` on a terminal: OSC 9 or OSC 777, its text shown
  safe first, for the same reason.

Phrases, for the plain-text renderings, the weekly reports, the CLI and the TUI alike:

- symbols: `ARROWS` (which way a promise goes: `→` a commitment, `←` an ask, `♥` help and thanks),
  `MARKERS` (a risk level in two columns: `!!`, `! `, `~ `), `NOTHING` (`—`, a missing value),
  `SEPARATOR` (` · `, between the parts of one line);
- `plural(2, "day")` is `2 days`; `percent(0.82)` is `82%`; `relative("4 days", past=False)` is
  `in 4 days`; `mention("dana")` is `@dana`, shown safe, and `toward("commitment", "dana")` is
  ` → @dana`; `NO_DUE_DATE`;
- what quick add says about what it read: `stayed_in_title(["thu"], "a date")` is `"thu" stayed in the
  title, not read as a date`, and `did_you_mean("lee", ["lee.k"])` is `@lee is new; did you mean @lee.k?`.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# the characters of a regex class that act on how text is shown rather than being shown (see above)
HIDDEN = "\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
# patterns, compiled by re's own cache on first use: a quick add needs only two of them
_CONTROLS = f"[\x00-\x1f\x7f-\x9f{HIDDEN}]"  # C0, DEL, C1 and the hidden ones
_CONTROLS_BUT_NEWLINE = f"[\x00-\x09\x0b-\x1f\x7f-\x9f{HIDDEN}]"
_CONTROLS_BUT_LINE_ENDS = f"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f{HIDDEN}]|\r(?!\n)"
_JSON_RAW = f"[\x7f-\x9f{HIDDEN}]"
_NOT_ASCII = "[^\x00-\x7f]"

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
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text, *, newlines: bool = False) -> str:
    """`text` (any value, as str) with every control character shown as an escape; `newlines` keeps line breaks."""
    if not isinstance(text, str):
        text = str(text)
    if text.isprintable():  # every character the patterns escape is unprintable: most text skips their compiling
        return text
    pattern = _CONTROLS_BUT_NEWLINE if newlines else _CONTROLS
    return re.sub(pattern, _escape, text) if re.search(pattern, text) else text


def guard(text: str) -> str:
    """What the command line writes: line breaks and CRLF line ends kept, every other control escaped."""
    if text.isprintable():
        return text
    return re.sub(_CONTROLS_BUT_LINE_ENDS, _escape, text) if re.search(_CONTROLS_BUT_LINE_ENDS, text) else text


def json_safe(text: str) -> str:
    """JSON text with DEL, the C1 controls and the HIDDEN characters escaped as `\\uXXXX`: the same data, nothing
    a terminal acts on.

    In JSON text these characters can only stand inside strings, where the escape means the same.
    """
    return re.sub(_JSON_RAW, lambda match: f"\\u{ord(match.group()):04x}", text)


def _utf16_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP, JSON writes a UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_ascii(text: str) -> str:
    """JSON text in ASCII alone, every other character as its `\\uXXXX` escape: the same data.

    Outside its strings JSON text is ASCII, so every character replaced stands inside a string, where the escape
    means the same.
    """
    return re.sub(_NOT_ASCII, _utf16_escape, text)


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


def osc52(text: str) -> str:
    """The OSC 52 sequence that asks the terminal to put `text` on the clipboard, `text` shown safe first."""
    from base64 import b64encode

    return f"\x1b]52;c;{b64encode(visible(text, newlines=True).encode()).decode('ascii')}\x07"


def osc_notification(title: str, body: str, *, kind: int = 9, tmux: bool = False) -> str:
    """The escape sequence that asks a terminal for a desktop notification: OSC 9 (`ESC ] 9 ; text BEL`, iTerm2,
    kitty, WezTerm, Windows Terminal) or OSC 777 (`ESC ] 777 ; notify ; title ; body BEL`, rxvt, foot, Ghostty,
    VTE). Both parts are shown safe first, so no character of theirs can end the sequence or start another; the
    title of OSC 777 loses its `;`, which would end it. With `tmux`, wrapped for tmux to pass it on (tmux 3.3
    and later need `set -g allow-passthrough on`)."""
    title, body = visible(title), visible(body)
    sequence = f"\x1b]9;{title}: {body}\x07" if kind == 9 else f"\x1b]777;notify;{title.replace(';', ',')};{body}\x07"
    return f"\x1bPtmux;{sequence.replace(chr(27), chr(27) * 2)}\x1b\\" if tmux else sequence


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


def stayed_in_title(words: list[str], reading: str) -> str:
    """`"thu", "3pm" stayed in the title, not read as a date`: the words of a title that look like a date,
    each quoted and shown safe; `reading` is what they were not read as ("a date", "when it happened")."""
    quoted = ", ".join(f'"{visible(word)}"' for word in words)
    return f"{quoted} stayed in the title, not read as {reading}"


def did_you_mean(handle: str, similar: list[str]) -> str:
    """`@lee is new; did you mean @lee.k?` (or `@lee.k or @lee_k`): a new person close to known ones."""
    return f"{mention(handle)} is new; did you mean {' or '.join(mention(other) for other in similar)}?"
