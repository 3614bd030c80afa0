"""Plain-text and JSON renderings for the command line. No colour, no Rich: it must stay fast.

Every string from data is shown through `visible`, so control characters in a title, note, handle,
team or reason are printed as escapes; one-line fields can't break a row. JSON is `json_safe`.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from ictrack.core.dates import LAST_YEAR, describe_due, describe_moment, describe_span, until, zone_of
from ictrack.core.model import OK, Item, Move, Repeat, Risk
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
    waits = f" ({waiting_until(item.wait, now)})" if item.wait is not None else ""
    return f"{VERBS[item.kind]} {item.id}: {summary(item, now)}{waits}\n"


def waiting_until(day: date, now: datetime) -> str:
    """`waiting until Mon 30 Nov`: what a snoozed item says, with the year when it is not now's."""
    return f"waiting until {day:%a} {day.day} {day:%b}{f' {day.year}' if day.year != now.year else ''}"


def item_line(item: Item, risk: Risk, now: datetime) -> str:
    """`   12 !  send Q3 figures → @dana, due … #finance  — why`; a closed item ends in `[done Tue 3 Nov 16:00]`."""
    reasons = f"  — {visible('; '.join(risk.reasons))}" if risk.reasons and risk.level != "soon" else ""
    status = f" [{closed_when(item, now)}]" if not item.is_open else ""
    if item.waiting(now):
        assert item.wait is not None  # waiting means snoozed until a later day
        status = f" [{waiting_until(item.wait, now)}]"
    return f"{item.id:>5} {MARKERS[risk.level]} {summary(item, now)}{status}{reasons}\n"


def closed_when(item: Item, now: datetime) -> str:
    """`done Tue 3 Nov 16:00` or `dropped Mon 2 Mar 2025 09:00`: a closed item's status and when it was closed."""
    return f"{item.status} {describe_moment(item.done_at, now)}" if item.done_at else item.status


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
    if item.waiting(now):
        assert item.wait is not None  # waiting means snoozed until a later day
        rows.append(("waiting", f"until {waiting_until(item.wait, now).removeprefix('waiting until ')}: out of the "
                     f"review and the counts till then (ictrack snooze {item.id} --off brings it back)"))  # fmt: skip
    if (missed := item.missed if item.moves else None) is not None:
        rows.append(("missed", f"{describe_moment(missed, now)}: moved only after it was due, so the delivery "
                     "counts as late against it"))  # fmt: skip
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
        late = f", {moved_late(move)}" if move.after_due else ""
        history.append((move.at, f"moved from {old} to {describe_moment(move.new_due, now)}{late}{why}"))
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
        if on_time is False and (held_to := item.held_to) is not None and held_to != item.due:
            verdict += f" (against {describe_moment(held_to, now)}, the date missed before it was moved)"
        line = f"{verb} {item.id}: {visible(item.title)}{verdict}"
    if following is not None and following.due is not None:
        line += f"; next is {following.id}, due {describe_due(following.due, now)}"
    elif item.status == "done" and item.recur and item.recur.get("ended"):
        line += f"; that was the last: the next date would fall after {LAST_YEAR}"
    return line + "\n"


def snoozed(item: Item, now: datetime) -> str:
    """`Snoozed 12: send figures, waiting until Mon 30 Nov` or `Back 12: send figures`."""
    if item.wait is None:
        return f"Back {item.id}: {visible(item.title)}\n"
    return f"Snoozed {item.id}: {visible(item.title)}, {waiting_until(item.wait, now)}\n"


def snooze_warning(item: Item, now: datetime) -> str | None:
    """What to know about a snooze that outlasts the due date: the item comes back overdue."""
    if item.wait is None or item.due is None:
        return None
    due_day = item.due.astimezone(now.tzinfo).date()
    if due_day >= item.wait:
        return None
    return (f"{item.id} is due {describe_moment(item.due, now)}, before it comes back; it will be overdue by then "
            f"(ictrack move {item.id} WHEN renegotiates the date).")  # fmt: skip


def moved(item: Item, risk: Risk, now: datetime) -> str:
    assert item.due is not None  # a move always sets one
    times = len(item.moves)
    again = "" if times == 1 else f" (moved {times} times)"
    return f"Moved {item.id}: {visible(item.title)}, now due {describe_due(item.due, now)}{again}\n"


def moved_late(move: Move) -> str:
    """`2 hours after it was due`"""
    assert move.old_due is not None  # only a move of a date can come after it
    return f"{describe_span(until(move.at, move.old_due), words=True)} after it was due"


def move_warning(item: Item, now: datetime) -> str | None:
    """What a move just made keeps on record, if it came after the date; None for a move in time."""
    missed = item.missed
    if missed is None:
        return None
    last, held = item.renegotiations[-1], describe_moment(missed, now)
    if not last.after_due:
        return f"{item.id} missed {held} before an earlier move; its delivery counts as late against that date."
    assert last.old_due is not None  # a move after the date had one
    against = "" if last.old_due == missed else f" against {held}, the first date it missed"
    return (f"{item.id} was due {describe_moment(last.old_due, now)}: moved {moved_late(last)}. The miss stays on "
            f"record: its delivery counts as late{against}.")  # fmt: skip


STATUS_PARTS = {"overdue": "{}!!", "at_risk": "{}!", "today": "{} today", "thanks": HEART + "{}"}
STATUS_ASCII = {**STATUS_PARTS, "thanks": "{} thanks"}  # where the heart can't be shown


NUDGE_HEADINGS = {"overdue": "Overdue", "at-risk": "At risk", "soon": "Due soon", "follow-up": "Follow up",
                  "thanks": "Thank-you owed", "checkin": "Check-in due", "care": "Care check"}  # fmt: skip


def nudge_text(nudge, now: datetime) -> tuple[str, str]:
    """(heading, what) of a nudge (core.nudges): `At risk`, `3 send Q3 figures → @dana — due in 2h`."""
    item = nudge.item
    if nudge.reason == "care":
        what = "today's care check is not done yet — ictrack care"
    elif nudge.reason == "checkin":
        since = f"last one {describe_moment(nudge.since, now)}" if nudge.since else "none yet"
        what = f"{mention(nudge.person)} ({since}) — how are we doing? ictrack checkin {visible(nudge.person)}"
    else:
        what = f"{item.id} {visible(item.title)}{toward(item.kind, item.person)}"
        if nudge.reason == "thanks":
            verb = "helped" if item.kind == "help" else "delivered"
            what += f" — {verb} {describe_moment(nudge.since, now)}; ictrack thank {item.id}"
        else:
            why = "; ".join(nudge.detail).removeprefix("follow up: ")
            what += f" — {visible(why)}" + (f"; ictrack nudge {item.id}" if nudge.reason == "follow-up" else "")
    return NUDGE_HEADINGS[nudge.reason], what


def nudge_lines(nudges, now: datetime) -> str:
    """One line per nudge: `At risk: 3 send Q3 figures → @dana — due in 2h`."""
    return "".join("{}: {}\n".format(*nudge_text(nudge, now)) for nudge in nudges)


STATUS_FIELDS = ("overdue", "at_risk", "today", "follow_up", "thanks", "checkins", "waiting", "care", "heart")


def status_format(template: str) -> str:
    """`template` if it names only STATUS_FIELDS, each as it is; BadInput naming what it may hold otherwise."""
    from string import Formatter

    from ictrack.errors import BadInput

    rule = f"use only {', '.join('{' + name + '}' for name in STATUS_FIELDS)}, each as it is (docs/reach.md#status)"
    try:
        fields = [(field, spec, conversion) for _, field, spec, conversion in Formatter().parse(template)]
    except ValueError as error:  # a lone { or }
        raise BadInput(f"can't read the --format {template!r}: {error}; write {{{{ for a brace, and {rule}.") from None
    for field, spec, conversion in fields:
        if field is not None and (field not in STATUS_FIELDS or spec or conversion):
            raise BadInput(f"--format can't show {{{field}{'!' + conversion if conversion else ''}"
                           f"{':' + spec if spec else ''}}}; {rule}.")  # fmt: skip
    return template


def status_line(glance, template: str | None = None, *, ascii: bool = False) -> str:
    """`1!! 2! 3 today ♥1`: the counts that are not 0 (none: an empty line); or `template` with the fields of
    `glance` (docs/reach.md#status) and `{heart}`. With `ascii`, the heart is `<3`, and `2 thanks` by default."""
    if template is not None:
        counts = {name: int(getattr(glance, name)) for name in glance.FIELDS}
        return template.format(heart="<3" if ascii else HEART, **counts) + "\n"
    forms = STATUS_ASCII if ascii else STATUS_PARTS
    return " ".join(form.format(getattr(glance, name)) for name, form in forms.items() if getattr(glance, name)) + "\n"


def brief(report) -> str:
    now = report.now
    lines = [f"ictrack — {now:%A} {now.day} {now:%B}, {now:%H:%M}\n"]
    shown = False
    stale = {item.id for item in report.stale}  # by ID: an Item compares whole records, for every row
    for title, items in report.sections:
        if items:
            shown = True
            lines.append(f"\n{title} ({len(items)})\n")
            for item in items:
                line = item_line(item, report.risks[item.id], now)
                if item.id in stale:
                    line = f"{line.rstrip()}  — {quiet_for(item, now)}\n"
                lines.append(line)
                if item.id in report.nudges:
                    lines.append(f"        {_indent(visible(report.nudges[item.id], newlines=True), 8)}\n")
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
    if report.waiting:
        lines.append(f"\nWaiting: {plural(len(report.waiting), 'item')} snoozed until a later day — "
                     "ictrack list --waiting\n")  # fmt: skip
    lines.append("\n" + care_line(report.care, report.streak))
    return "".join(lines)


def quiet_for(item: Item, now: datetime) -> str:
    """`no change for 3 weeks`: how long an ask has gone quiet."""
    from ictrack.core.drafts import stale_since

    days = (now - stale_since(item)).days
    return f"no change for {plural(days // 7, 'week') if days >= 14 else plural(days, 'day')}"


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


def people(rows: list[PersonRow], now: datetime, width: int = 80) -> str:
    """Everyone, a row each, fitted into `width` columns (see `fit`): long teams and handles are cut with "…"
    (a handle to 14 cells where that keeps the team), and only then, narrower still, the team, the kind and the
    on-time rate are left out; the last check-in (and whether one is due) is cut only when nothing else is left
    to give."""
    if not rows:
        return 'Nobody yet. People arrive with @handles: ictrack add "@dana send figures by fri"\n'
    table = [["person", "kind", "team", "I owe", "owe me", "thanks", "on time", "check-in"]]
    for row in rows:
        local = row.last_checkin.astimezone(now.tzinfo) if row.last_checkin else None
        year = f" {local.year}" if local and local.year != now.year else ""
        last = (
            "none yet" if local is None else "today" if local.date() == now.date() else f"{local.day} {local:%b}{year}"
        )
        table.append([mention(row.handle), visible(row.kind), visible(row.team or NOTHING), str(row.open_commitments),
                      str(row.open_asks), str(row.thanks_owed), percent(row.on_time_rate),
                      last + (" (due)" if row.checkin_due else "")])  # fmt: skip
    person, kind, team, on_time, check_in = 0, 1, 2, 6, 7
    steps = [("cut", team, 10), ("cut", person, 18), ("trim", person, 14), ("drop", team, 0), ("cut", person, 14),
             ("drop", kind, 0), ("drop", on_time, 0), ("cut", person, 8), ("cut", check_in, 9)]  # fmt: skip
    return fit(table, width, right={3, 4, 5, 6}, steps=steps)


def cells(text: str) -> int:
    """How many terminal columns `text` takes: two for a wide character (CJK, most emoji), none for a combining one."""
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)  # fmt: skip


def clip(text: str, width: int) -> str:
    """`text` in at most `width` columns: cut, with "…" for what is left out."""
    if cells(text) <= width:
        return text
    while text and cells(text) > width - 1:
        text = text[:-1]
    return text + "…"


K = TypeVar("K")


def fitted(widths: dict[K, int], room: int, steps: list[tuple[str, K, int]], *,
           padding: int = 1) -> tuple[list[K], dict[K, int]]:  # fmt: skip
    """Which columns to show in `room` cells, and how wide: each as wide as `widths` says, with `padding` cells
    beside it. Each step, in order, while they are too wide, cuts a column to a narrower width ("cut", column,
    narrowest), cuts it only if that makes them fit ("trim", column, narrowest: a cut worth making to keep the
    column a later step would leave out) or leaves it out ("drop", column, 0): a list of steps says what a table
    gives up first. What no step makes fit overflows. Shared by the CLI's and the TUI's tables."""
    shown, widths = list(widths), dict(widths)

    def total() -> int:
        return sum(widths[column] + padding for column in shown)

    for step, column, narrowest in steps:
        if total() <= room or column not in shown:
            continue
        if step == "drop":
            shown.remove(column)
            continue
        narrower = max(min(narrowest, widths[column]), widths[column] - (total() - room))
        if step == "cut" or total() - widths[column] + narrower <= room:
            widths[column] = narrower
    return shown, widths


def fit(table: list[list[str]], width: int, *, right: set[int], steps: list[tuple[str, int, int]]) -> str:
    """Rows of cells, the header first, in columns as wide as their widest cell (one space apart, two before the
    last), fitted into `width` (see `fitted`); a cell cut short ends in "…"."""
    widths = {column: max(cells(row[column]) for row in table) for column in range(len(table[0]))}
    shown, widths = fitted(widths, width, steps)
    lines = []
    for row in table:
        parts = []
        for column in shown:
            text = clip(row[column], widths[column])
            pad = " " * (widths[column] - cells(text))
            parts.append(pad + text if column in right else text + pad)
        lines.append((" ".join(parts[:-1]) + "  " + parts[-1]).rstrip() + "\n")
    return "".join(lines)


def called(handle: str, name: str | None) -> str:
    """`Lee Kim (@lee.k)`, or `@lee.k` for someone without a display name."""
    return f"{visible(name)} ({mention(handle)})" if name else mention(handle)


def people_json(rows: list[PersonRow]) -> str:
    return as_json([row.to_json() for row in rows])


SHOWN_CHECKINS = 5  # the latest check-ins a person's page shows; the trend reads as many ratings


def trend_text(view: Agenda) -> str:
    """`ratings 3 → 4 → 5, rising`, or nothing with fewer than two ratings."""
    if view.trend is None:
        return ""
    return f"ratings {' → '.join(map(str, view.trend.ratings))}, {view.trend.direction}"


def agenda(view: Agenda, now: datetime) -> str:
    """A person's page: who they are, then what is open both ways, thanks owed, check-ins, notes, a question."""
    row = view.person
    team = f", {visible(row.team)}" if row.team else ""
    cadence = f", check in every {plural(row.cadence, 'day')}" if row.cadence else ""
    who = f"{called(row.handle, row.name)} — {visible(row.kind)}{team}{cadence}"
    moves = f"renegotiated {row.renegotiated_in_time} in time, moved {row.moved_after_date} after the date"
    lines = [f"{who}; on time {percent(row.on_time_rate)}; {moves}\n"]
    for title, items in (("What I owe them", view.owe_them), ("What they owe me", view.they_owe)):
        lines.append(f"\n{title} ({len(items)})\n")
        lines += [item_line(item, view.risks[item.id], now) for item in items]
    if view.thanks_owed:
        lines.append(f"\nThank-yous owed ({len(view.thanks_owed)})\n")
        lines += [thank_line(item, now) for item in view.thanks_owed]
    heading = [part for part in (trend_text(view), "one is due" if row.checkin_due else "") if part]
    lines.append(f"\nCheck-ins ({len(view.checkins)}){''.join(f' — {part}' for part in heading)}\n")
    earlier = len(view.checkins) - SHOWN_CHECKINS
    if earlier > 0:
        lines.append(f"        … {plural(earlier, 'earlier one')}\n")
    for checkin in view.checkins[-SHOWN_CHECKINS:]:
        rating = f" {visible(checkin.rating)}/5" if checkin.rating else ""
        note = f" — {visible(checkin.note)}" if checkin.note else ""
        lines.append(f"        {describe_moment(checkin.at, now)}{rating}{note}\n")
    if view.notes:
        lines.append(f"\nNotes ({len(view.notes)})\n")
        lines += [f"        {describe_moment(note.at, now)}  {_indent(visible(note.text, newlines=True), 8)}\n"
                  for note in view.notes]  # fmt: skip
    if view.question:
        lines.append(f"\nAsk at the check-in: {visible(view.question)}\n")
    return "".join(lines)


def agenda_markdown(view: Agenda, now: datetime) -> str:
    """A person's page as a Markdown agenda for a 1:1 document: open items as checkboxes, the rest as lists.
    Dates are written whole (`Fri 27 Nov 15:00`): a document is read on other days than the one it was made."""
    row = view.person

    def due(item: Item) -> str:
        level = view.risks[item.id].level
        when = f", due {describe_moment(item.due, now)}" if item.due else ""
        return when + (f" — {level}" if level in ("overdue", "at-risk") else "")

    def items(title: str, chosen: list[Item]) -> list[str]:
        lines = [f"\n## {title} ({len(chosen)})\n\n"]
        lines += [f"- [ ] {visible(item.title)}{due(item)} (#{item.id})\n" for item in chosen] or ["Nothing.\n"]
        return lines

    facts = [visible(row.kind), *([visible(row.team)] if row.team else []),
             *([f"check in every {plural(row.cadence, 'day')}"] if row.cadence else []),
             f"on time {percent(row.on_time_rate)}"]  # fmt: skip
    lines = [
        f"# 1:1 with {called(row.handle, row.name)}\n\n",
        f"{now:%A} {now.day} {now:%B %Y} · {' · '.join(facts)}\n",
    ]
    lines += items("What I owe them", view.owe_them) + items("What they owe me", view.they_owe)
    if view.thanks_owed:
        lines.append(f"\n## Thank-yous owed ({len(view.thanks_owed)})\n\n")
        lines += [f"- {visible(item.title)}: {'helped' if item.kind == 'help' else 'delivered'} "
                  f"{describe_moment(item.done_at or item.created, now)} (#{item.id})\n"
                  for item in view.thanks_owed]  # fmt: skip
    lines.append(f"\n## Check-ins ({len(view.checkins)})\n\n")
    if view.trend is not None:
        lines.append(f"Ratings {' → '.join(map(str, view.trend.ratings))}: {view.trend.direction}.\n\n")
    for checkin in view.checkins[-SHOWN_CHECKINS:]:
        rating = f" — {visible(checkin.rating)}/5" if checkin.rating else ""
        note = f": {visible(checkin.note)}" if checkin.note else ""
        lines.append(f"- {describe_moment(checkin.at, now)}{rating}{note}\n")
    if not view.checkins:
        lines.append("None yet.\n")
    if view.notes:
        lines.append(f"\n## Notes ({len(view.notes)})\n\n")
        lines += [f"- {describe_moment(note.at, now)}: {' '.join(visible(note.text, newlines=True).split())}\n"
                  for note in view.notes]  # fmt: skip
    if view.question:
        lines.append(f"\n## To ask\n\n> {visible(view.question)}\n")
    return "".join(lines)


def agenda_json(view: Agenda) -> str:
    return as_json(view.to_json())


def brief_json(report) -> str:
    def section(items):
        return [item.to_json(report.risks[item.id]) for item in items]

    def drafted(items):
        return [{**item.to_json(report.risks[item.id]), "draft": report.nudges[item.id]} for item in items]

    return as_json({"now": report.now.isoformat(), "overdue": section(report.overdue),
                    "at_risk": section(report.at_risk), "today": section(report.today),
                    "follow_up": drafted(report.follow_up), "stale": drafted(report.stale),
                    "thanks_owed": _with_drafts(report.thanks),
                    "checkins_due": [row.to_json() for row in report.checkins_due],
                    "care": _care_record(report.care, report.streak),
                    "waiting": section(report.waiting)})  # fmt: skip


def step(change: Step, now: datetime, here: str | None = None) -> str:
    """`marked 1 done (Sun 22 Nov 17:00, cli)`: a change undo or redo would take, with when and where it was made
    as far as the journal says (the machine named only when it is not `here`)."""
    known = [describe_moment(change.at, now)] if change.at else []
    known += [visible(change.place(here))] if change.place(here) != NOTHING else []
    return f"{visible(change.summary)} ({', '.join(known) or 'the journal does not say when or where'})"


def history_json(both: History) -> str:
    """What `undo --list --json` prints: `{"undo": [...], "redo": [...]}`, each newest first (see `Step.to_json`)."""
    return as_json({"undo": [step.to_json() for step in both.undo], "redo": [step.to_json() for step in both.redo]})


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
