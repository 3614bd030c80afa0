"""The settings written out as config.toml says them: every key's value in TOML (times as "HH:MM", days by
name, every relation's cadence and every binding's keys), the effective settings with the ones a file sets
marked, and the commented template `ictrack config --init` writes. Pure: a Config and a table in, text out.
"""

from __future__ import annotations

import json
import textwrap
from datetime import time

from ictrack.core.model import RELATIONS
from ictrack.core.settings import DEFAULT_KEYS, DEFAULT_THEME, DRAFTS, KEYS, TABLES, Config, rule

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FROM_FILE = "  # from the file"
WIDTH = 100  # a line of the template, comments included

# what each key is for, in the template's comments; the values it takes come from `settings.rule`
ABOUT = {
    "workday_start": "The start of your working hours: what `morning` and `first thing` mean, and, with "
    "workday_end, how a bare hour reads (`at 2` is 14:00).",
    "workday_end": "The time of a due date given without one (`fri`, `dec 3`, `eod`), and of a repeat; from "
    "then on the care check asks every question.",
    "workdays": "Your working days: the care streak asks a check on each of them, and a day off without one "
    "does not break it.",
    "lunch_time": "When your lunch hour starts: the care check asks about lunch once it is over.",
    "soon_hours": "An open commitment due within this many hours is soon, and can be at risk for its day's "
    "load or your energy.",
    "daily_capacity": "How many open commitments fit one day; on a day with more due, the least important are "
    "at risk once due within soon_hours.",
    "dayfirst": "Read 3/12 as 3 December rather than 12 March.",
    "care_checks": "The daily care check's questions, asked when they fit the time of day.",
    "checkin_days": "A check-in is due when you have open items with someone and have not checked in for "
    "longer than this.",
    "kind_cadence": "The days between check-ins each relation gives someone without a --cadence of their own, "
    "open items or not; 0 for none.",
    "stale_days": "An open ask with no due date, unchanged for longer than this, has gone quiet: the brief nudges.",
    "thank_you_template": "The drafted thank-you; with a list, items take turns among them (docs/people.md).",
    "nudge_template": "The drafted follow-up on an ask past due or gone quiet.",
    "renegotiate_template": "The drafted request to move a due date (move --draft).",
    "renegotiate_late_template": "The drafted apology and request to move a commitment already past its date.",
    "renegotiate_ask_template": "The drafted words to move the date of an ask, as the one waiting on it.",
    "heads_up_template": "The drafted heads-up when an external customer comes first.",
    "earlier_template": "The drafted good news when a commitment moves to an earlier date.",
    "earlier_ask_template": "The drafted request to bring an ask forward to an earlier date.",
    "moved_template": "The drafted note of a commitment's new date, once it has moved (move ID WHEN --copy).",
    "moved_ask_template": "The same for an ask: thanks, and the new date noted.",
    "care_prompt": "The review (TUI) opens today's care check when it starts, until it is done.",
    "archive_days": "Settled history this many days old moves to the yearly archives.",
    "theme": "The review's theme; choosing one in its command palette writes this line.",
    "care_reminder": "From this time on a working day, `remind` nudges about a care check not yet done; false for "
    "never.",
    "remind_via": "Where `remind` says what it says (docs/reach.md).",
    "calendar_alarm": "Minutes before each due time that `export ics` sets an alarm; 0 for none.",
    "keymap": "The review's keys by id: the keys given replace every default key of that id (docs/config.md).",
}
HEADER = """\
# ictrack's settings: docs/config.md says what each one does and the values it takes.
# Every setting is here at its default, commented out: take the # off a setting's lines to change it.
# What follows [kind_cadence] or [keymap] belongs to that table, so keep the other settings above them."""


def effective(config: Config) -> dict[str, object]:
    """Every setting of `config` as config.toml would say it: what `ictrack config --json` prints."""
    values: dict[str, object] = {}
    for key in KEYS:
        value = getattr(config, key)
        if isinstance(value, time):
            value = f"{value:%H:%M}"
        elif key == "workdays":
            value = [DAYS[day] for day in value]
        elif key == "kind_cadence":
            value = {relation: value.get(relation, 0) for relation in RELATIONS}
        elif key == "keymap":
            value = {binding: value.get(binding, keys) for binding, keys in DEFAULT_KEYS.items()}
        elif key == "theme":
            value = value or DEFAULT_THEME
        elif isinstance(value, tuple):
            value = list(value)
        values[key] = value
    return values


def set_in(table: dict | None) -> list[str]:
    """The settings a config file's table sets, a table's entries by their dotted names (`keymap.checkin`)."""
    named: list[str] = []
    for key, value in (table or {}).items():
        if key in TABLES and isinstance(value, dict):
            named += [f"{key}.{entry}" for entry in value]
        else:
            named.append(key)
    return named


def toml(value) -> str:
    """A value as TOML writes it on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON's escapes are TOML's; TOML also wants DEL escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return "[" + ", ".join(toml(member) for member in value) + "]"


def assignment(key: str, value) -> list[str]:
    """`key = value` as lines: a list too long for one line has one member to a line."""
    line = f"{key} = {toml(value)}"
    if not isinstance(value, list) or len(line) <= WIDTH:
        return [line]
    return [f"{key} = [", *(f"    {toml(member)}," for member in value), "]"]


def shown(config: Config, table: dict | None) -> list[str]:
    """The effective settings as config.toml lines, each one `table` sets marked `# from the file`."""
    values, marked = effective(config), set(set_in(table))
    lines: list[str] = []
    for key in KEYS:
        if key in TABLES:
            continue
        written = assignment(key, values[key])
        lines += [written[0] + (FROM_FILE if key in marked else ""), *written[1:]]
    for key in TABLES:
        entries = values[key]
        assert isinstance(entries, dict)
        lines += ["", f"[{key}]"]
        lines += [f"{entry} = {toml(value)}" + (FROM_FILE if f"{key}.{entry}" in marked else "")
                  for entry, value in entries.items()]  # fmt: skip
    return lines


def _comment(key: str) -> list[str]:
    about = ABOUT[key]  # a KeyError here is a new setting the template has no words for
    takes = rule(key)
    if key in DRAFTS:
        takes = takes.replace("a string, or a list", "one template, or a list")
    return textwrap.wrap(f"{about} Takes {takes}.", WIDTH - 2, initial_indent="# ", subsequent_indent="# ")


def template() -> str:
    """The commented config.toml `config --init` writes: every setting at its default, commented out (`#key =
    …`), under what it does and the values it takes; the tables' headings are live, so a line in one is
    turned on by taking off its `#`."""
    values = effective(Config())
    lines = [HEADER]
    for key in KEYS:
        if key not in TABLES:
            lines += ["", *_comment(key), *(f"#{line}" for line in assignment(key, values[key]))]
    for key in TABLES:
        entries = values[key]
        assert isinstance(entries, dict)
        lines += ["", *_comment(key), f"[{key}]", *(f"#{entry} = {toml(value)}" for entry, value in entries.items())]
    return "\n".join(lines) + "\n"
