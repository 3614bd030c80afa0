"""Plain-text and JSON renderings for the command line. No colour, no Rich: it must stay fast.

Every string from data is shown through `visible`, so control characters in a title, note, handle,
team or reason are printed as escapes; one-line fields can't break a row. JSON is `json_safe`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from ictrack.core.dates import LAST_YEAR, describe_due, describe_moment, zone_of
from ictrack.core.model import OK, Item, Repeat, Risk
from ictrack.core.relations import timing
from ictrack.text import HEART, MARKERS, NO_DUE_DATE, NOTHING, json_safe, mention, percent, plural, toward, visible

if TYPE_CHECKING:
    from ictrack.core.history import History, Step
    from ictrack.core.views import Agenda, PersonRow

VERBS = {"commitment": "Added", "ask": "Asked", "help": "Noted help"}


def as_json(data) -> str:
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def summary(item: Item, now: datetime) -> str:
    """`send Q3 figures → @dana, due Fri 27 Nov 17:00 (in 4d) #finance !ext`"""
    text = visible(item.title) + toward(item.kind, item.person)
    if item.due is not None:
        text += f", due {describe_due(item.due, now)}"
    if (repeat := item.repeat) is not None and item.is_open:
        text += f", {rule_text(repeat, now)}"
    return text + "".join(f" {flag}" for flag in flags(item))


def rule_text(repeat: Repeat, now: datetime) -> str:
    """`every fri 13:00`, with the series' zone when it is not now's: `every fri 13:00 Europe/London`."""
    zone = repeat.zone
    return visible(repeat.rule + (f" {zone}" if zone and zone != getattr(now.tzinfo, "key", None) else ""))


def flags(item: Item) -> list[str]:
    """`#finance`, `!ext`, `!high`: an item's tags and flags as quick add writes them."""
    marks = [f"#{visible(tag)}" for tag in item.tags] + (["!ext"] if item.external else [])
    return marks + ([f"!{visible(item.priority)}"] if item.priority != "normal" else [])


def added(item: Item, now: datetime) -> str:
    return f"{VERBS[item.kind]} {item.id}: {summary(item, now)}\n"


def item_line(item: Item, risk: Risk, now: datetime) -> str:
    reasons = f"  — {visible('; '.join(risk.reasons))}" if risk.reasons and risk.level != "soon" else ""
    status = f" [{item.status}]" if item.status != "open" else ""
    return f"{item.id:>5} {MARKERS[risk.level]} {summary(item, now)}{status}{reasons}\n"


def item_lines(items: list[Item], risks: dict[int, Risk], now: datetime) -> str:
    return "".join(item_line(item, risks[item.id], now) for item in items)


def detail_rows(item: Item, risk: Risk, now: datetime) -> list[tuple[str, str]]:
    """Every field of an item as (label, value), then its history (label "history" on the first line only).

    Values are shown safe; only the note keeps its line breaks.
    """
    who = {"commitment": "a commitment", "ask": "an ask", "help": "help received"}[item.kind]
    if item.person:
        who += {"commitment": " to", "ask": " of", "help": " from"}[item.kind] + f" {mention(item.person)}"
    rows = [("kind", who), ("status", item.status + (f" — {risk.level}" if item.is_open else ""))]
    if risk.reasons:
        rows.append(("why", visible("; ".join(risk.reasons))))
    rows.append(("due", describe_due(item.due, now) if item.due else NO_DUE_DATE))
    if item.recur:
        rows.append(("repeats", repeats(item, now)))
    if item.tags:
        rows.append(("tags", " ".join(f"#{visible(tag)}" for tag in item.tags)))
    flags = [f"{visible(item.priority)} priority"] + (["external customer waiting"] if item.external else [])
    rows.append(("flags", ", ".join(flags)))
    if item.note:
        rows.append(("note", visible(item.note, newlines=True)))
    if item.thank_note:
        rows.append(("thank-you", visible(" ".join(item.thank_note.split()))))
    history = [(item.created, "created")]
    for move in item.renegotiations:
        old = describe_moment(move.old_due, now) if move.old_due else "no date"
        why = f" ({visible(move.reason)})" if move.reason else ""
        history.append((move.at, f"moved from {old} to {describe_moment(move.new_due, now)}{why}"))
    if item.status == "done" and item.done_at:
        history.append((item.done_at, {"commitment": "delivered", "ask": "received", "help": "received"}[item.kind]))
    elif item.status == "dropped" and item.done_at:
        history.append((item.done_at, "dropped" + (f" ({visible(item.drop_reason)})" if item.drop_reason else "")))
    if item.thanked_at:
        history.append((item.thanked_at, "thanked"))
    return rows + [
        ("history" if i == 0 else "", f"{describe_moment(at, now)}  {what}") for i, (at, what) in enumerate(history)
    ]


def repeats(item: Item, now: datetime) -> str:
    """`every fri 13:00; then Fri 4 Dec 2026, Fri 11 Dec 2026, …` (the dates after this occurrence)."""
    from ictrack.core.recurrence import upcoming

    repeat = item.repeat
    assert repeat is not None  # shown only for an item that repeats
    rule = rule_text(repeat, now)
    if repeat.ended:
        return f"{rule}; the series ended {describe_moment(repeat.ended, now)}"
    if not item.is_open or item.scheduled is None:
        return rule
    dates = upcoming(repeat, item.scheduled, zone_of(now))  # in the series' zone, shown in now's
    if not dates:
        return f"{rule}; this is the last date before {LAST_YEAR + 1}"
    return f"{rule}; then " + ", ".join(f"{moment:%a %-d %b %Y}" for moment in dates)


def details(item: Item, risk: Risk, now: datetime) -> str:
    """The item's title, then one row per field; a note's further lines are indented under its first."""
    rows = detail_rows(item, risk, now)
    return f"{item.id}  {visible(item.title)}\n" + "".join(
        f"  {label:<9} {_indent(value, 12)}\n" for label, value in rows
    )


def _indent(text: str, spaces: int) -> str:
    """A multi-line value's further lines, indented under its first."""
    return text.replace("\n", "\n" + " " * spaces)


def closed(item: Item, now: datetime, following: Item | None = None) -> str:
    """`Done 12: send figures — on time`, and the next occurrence if it repeats."""
    if item.status == "dropped":
        ended = ", and ended the series" if (repeat := item.repeat) is not None and repeat.ended else ""
        line = f"Dropped {item.id}: {visible(item.title)}{ended}"
    else:
        verb = "Received" if item.kind == "ask" else "Done"
        on_time = timing(item)[0]
        verdict = "" if on_time is None else " — on time" if on_time else " — late"
        line = f"{verb} {item.id}: {visible(item.title)}{verdict}"
    if following is not None and following.due is not None:
        line += f"; next is {following.id}, due {describe_due(following.due, now)}"
    elif item.status == "done" and item.recur and item.recur.get("ended"):
        line += f"; that was the last: the next date would fall after {LAST_YEAR}"
    return line + "\n"


def moved(item: Item, risk: Risk, now: datetime) -> str:
    assert item.due is not None  # a move always sets one
    times = len(item.moves)
    again = "" if times == 1 else f" (moved {times} times)"
    return f"Moved {item.id}: {visible(item.title)}, now due {describe_due(item.due, now)}{again}\n"


def brief(report) -> str:
    now = report.now
    lines = [f"ictrack — {now:%A} {now.day} {now:%B}, {now:%H:%M}\n"]
    shown = False
    for title, items in report.sections:
        if items:
            shown = True
            lines.append(f"\n{title} ({len(items)})\n")
            lines += [item_line(item, report.risks[item.id], now) for item in items]
    if report.thanks:
        shown = True
        lines.append(f"\nThank-yous owed ({len(report.thanks)}) — ictrack thank ID\n")
        lines += [thank_line(item, now) for item, _ in report.thanks]
    if report.checkins_due:
        shown = True
        lines.append(f"\nCheck-ins due ({len(report.checkins_due)}) — how are we doing? how can we get better?\n")
        lines += [f"        {mention(row.handle)}, {last_checkin_text(row, now)}\n" for row in report.checkins_due]
    if not shown:
        lines.append(
            '\nNothing overdue, at risk or due today. Add a promise: ictrack add "@dana send figures by fri"\n'
        )
    lines.append("\n" + care_line(report.care, report.streak))
    return "".join(lines)


def last_checkin_text(row: PersonRow, now: datetime) -> str:
    if row.last_checkin is None:
        return "no check-in yet"
    return f"last check-in {describe_moment(row.last_checkin, now)}"


def care_line(care, streak: int) -> str:
    if care is None:
        return f"Care: not done yet today — run ictrack care (streak {plural(streak, 'day')}).\n"
    ticked = visible(", ".join(care.done)) if care.done else "nothing ticked"
    energy = f"; energy {visible(care.energy)}/5" if care.energy is not None else ""
    return f"Care: done today ({ticked}{energy}) — streak {plural(streak, 'day')}.\n"


def _care_record(care, streak: int) -> dict:
    return {"today": care.to_record() if care else None, "streak": streak}


def care_json(care, streak: int, checks: list[str]) -> str:
    return as_json({**_care_record(care, streak), "checks": checks})


def thank_line(item: Item, now: datetime) -> str:
    who = f"{mention(item.person)} " if item.person else ""
    what = "helped: " if item.kind == "help" else "delivered your ask: "
    when = describe_moment(item.done_at or item.created, now)
    return f"{item.id:>5} {HEART} {who}{what}{visible(item.title)} ({when})\n"


def thanks(owed: list[tuple[Item, str]], now: datetime) -> str:
    if not owed:
        return 'No thank-yous owed. When someone helps you: ictrack helped "@sam fixed the build"\n'
    return "\n".join(
        f"{thank_line(item, now)}        {_indent(visible(draft, newlines=True), 8)}\n" for item, draft in owed
    )


def _with_drafts(owed: list[tuple[Item, str]]) -> list[dict]:
    """Thank-yous owed as docs/json.md items, each with its drafted note (closed items carry no risk)."""
    return [{**item.to_json(OK), "draft": draft} for item, draft in owed]


def thanks_json(owed: list[tuple[Item, str]]) -> str:
    return as_json(_with_drafts(owed))


def people(rows: list[PersonRow], now: datetime) -> str:
    if not rows:
        return 'Nobody yet. People arrive with @handles: ictrack add "@dana send figures by fri"\n'
    lines = [
        f"{'person':<16} {'kind':<12} {'team':<10} {'I owe':>5} {'owe me':>6} {'thanks':>6} {'on time':>7}  check-in\n"
    ]
    for row in rows:
        due = " (due)" if row.checkin_due else ""
        rate, last = percent(row.on_time_rate), last_checkin_text(row, now)
        who, kind, team = mention(row.handle), visible(row.kind), visible(row.team or NOTHING)
        lines.append(
            f"{who:<16} {kind:<12} {team:<10} {row.open_commitments:>5} "
            f"{row.open_asks:>6} {row.thanks_owed:>6} {rate:>7}  {last}{due}\n"
        )
    return "".join(lines)


def people_json(rows: list[PersonRow]) -> str:
    return as_json([row.to_json() for row in rows])


def agenda(view: Agenda, now: datetime) -> str:
    row = view.person
    team = f", {visible(row.team)}" if row.team else ""
    cadence = f", check in every {plural(row.cadence, 'day')}" if row.cadence else ""
    who = f"{mention(row.handle)} — {visible(row.kind)}{team}{cadence}"
    lines = [f"{who}; on time {percent(row.on_time_rate)}\n"]
    for title, items in (("What I owe them", view.owe_them), ("What they owe me", view.they_owe)):
        lines.append(f"\n{title} ({len(items)})\n")
        lines += [item_line(item, view.risks[item.id], now) for item in items]
    if view.thanks_owed:
        lines.append(f"\nThank-yous owed ({len(view.thanks_owed)})\n")
        lines += [thank_line(item, now) for item in view.thanks_owed]
    lines.append(f"\nCheck-ins ({len(view.checkins)}){' — one is due' if row.checkin_due else ''}\n")
    for checkin in view.checkins:
        rating = f" {visible(checkin.rating)}/5" if checkin.rating else ""
        note = f" — {visible(checkin.note)}" if checkin.note else ""
        lines.append(f"        {describe_moment(checkin.at, now)}{rating}{note}\n")
    return "".join(lines)


def agenda_json(view: Agenda) -> str:
    return as_json(view.to_json())


def brief_json(report) -> str:
    def section(items):
        return [item.to_json(report.risks[item.id]) for item in items]

    return as_json({"now": report.now.isoformat(), "overdue": section(report.overdue),
                    "at_risk": section(report.at_risk), "today": section(report.today),
                    "follow_up": section(report.follow_up),
                    "thanks_owed": _with_drafts(report.thanks),
                    "checkins_due": [row.to_json() for row in report.checkins_due],
                    "care": _care_record(report.care, report.streak)})  # fmt: skip


def step(change: Step, now: datetime, here: str | None = None) -> str:
    """`marked 1 done (Sun 22 Nov 17:00, cli)`: a change undo or redo would take, with when and where it was made
    as far as the journal says (the machine named only when it is not `here`)."""
    known = [describe_moment(change.at, now)] if change.at else []
    known += [visible(change.place(here))] if change.place(here) != NOTHING else []
    return f"{visible(change.summary)} ({', '.join(known) or 'the journal does not say when or where'})"


def history(both: History, now: datetime, here: str | None = None) -> str:
    """What `undo --list` shows: the changes undo takes back, then those redo puts back, each newest first, in
    columns: when, where (the machine named only when it is not `here`), what."""
    rows = {part: [(describe_moment(change.at, now) if change.at else NOTHING, visible(change.place(here)),
                    visible(change.summary)) for change in changes]
            for part, changes in (("undo", both.undo), ("redo", both.redo))}  # fmt: skip
    every = rows["undo"] + rows["redo"]
    widths = [max((len(row[column]) for row in every), default=0) for column in (0, 1)]
    lines = [] if rows["undo"] else ["Nothing to undo."]
    for part, heading in (("undo", "Undo takes back, newest first:"), ("redo", "Redo puts back, last undone first:")):
        if rows[part]:
            lines.append(heading)
            lines += [f"  {when:<{widths[0]}}  {where:<{widths[1]}}  {what}" for when, where, what in rows[part]]
    return "\n".join(lines) + "\n"
