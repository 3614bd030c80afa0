"""Plain-text and JSON renderings for the command line. No colour, no Rich: it must stay fast."""

from __future__ import annotations

import json
from datetime import datetime

from ictrack.dates import describe_due, until
from ictrack.model import Item, Risk, unstamp

MARKERS = {"overdue": "!!", "at-risk": "! ", "soon": "~ ", "ok": "  "}
ARROWS = {"commitment": "→", "ask": "←", "help": "♥"}
VERBS = {"commitment": "Added", "ask": "Asked", "help": "Noted help"}


def as_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _moment(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    year = f" {local.year}" if local.year != now.year else ""
    return f"{local:%a} {local.day} {local:%b}{year} {local:%H:%M}"


def summary(item: Item, now: datetime) -> str:
    """`send Q3 figures → @dana, due Fri 27 Nov 17:00 (in 4d) #finance !ext`"""
    text = item.title
    if item.person:
        text += f" {ARROWS[item.kind]} @{item.person}"
    if item.due is not None:
        text += f", due {describe_due(item.due, now)}"
    text += "".join(f" #{tag}" for tag in item.tags)
    text += " !ext" if item.external else ""
    text += f" !{item.priority}" if item.priority != "normal" else ""
    return text


def added(item: Item, now: datetime) -> str:
    return f"{VERBS[item.kind]} {item.id}: {summary(item, now)}\n"


def item_line(item: Item, risk: Risk, now: datetime) -> str:
    reasons = f"  — {'; '.join(risk.reasons)}" if risk.reasons and risk.level != "soon" else ""
    status = f" [{item.status}]" if item.status != "open" else ""
    return f"{item.id:>5} {MARKERS[risk.level]} {summary(item, now)}{status}{reasons}\n"


def item_lines(items: list[Item], risks: dict[int, Risk], now: datetime) -> str:
    return "".join(item_line(item, risks[item.id], now) for item in items)


def details(item: Item, risk: Risk, now: datetime) -> str:
    who = {"commitment": "a commitment", "ask": "an ask", "help": "help received"}[item.kind]
    if item.person:
        who += {"commitment": " to", "ask": " of", "help": " from"}[item.kind] + f" @{item.person}"
    rows = [("kind", who), ("status", item.status + (f" — {risk.level}" if item.is_open else ""))]
    if risk.reasons:
        rows.append(("why", "; ".join(risk.reasons)))
    rows.append(("due", describe_due(item.due, now) if item.due else "no due date"))
    if item.tags:
        rows.append(("tags", " ".join(f"#{tag}" for tag in item.tags)))
    flags = [f"{item.priority} priority"] + (["external customer waiting"] if item.external else [])
    rows.append(("flags", ", ".join(flags)))
    if item.note:
        rows.append(("note", item.note))
    history = [(item.created, "created")]
    for move in item.moves:
        old = _moment(unstamp(move["from"]), now) if move["from"] else "no date"
        why = f" ({move['reason']})" if move.get("reason") else ""
        history.append((unstamp(move["at"]), f"moved from {old} to {_moment(unstamp(move['to']), now)}{why}"))
    if item.status == "done":
        history.append((item.done_at, {"commitment": "delivered", "ask": "received", "help": "received"}[item.kind]))
    elif item.status == "dropped":
        history.append((item.done_at, "dropped" + (f" ({item.drop_reason})" if item.drop_reason else "")))
    if item.thanked_at:
        history.append((item.thanked_at, "thanked"))
    lines = [f"{item.id}  {item.title}\n"]
    lines += [f"  {label:<8}  {value}\n" for label, value in rows]
    lines += [
        f"  {'history' if i == 0 else '':<8}  {_moment(at, now)}  {what}\n" for i, (at, what) in enumerate(history)
    ]
    return "".join(lines)


def closed(item: Item, now: datetime) -> str:
    if item.status == "dropped":
        return f"Dropped {item.id}: {item.title}\n"
    verb = "Received" if item.kind == "ask" else "Done"
    timing = ""
    if item.due is not None:
        gap = until(item.due, item.done_at)
        timing = " — on time" if gap.total_seconds() >= 0 else " — late"
    return f"{verb} {item.id}: {item.title}{timing}\n"


def moved(item: Item, risk: Risk, now: datetime) -> str:
    times = len(item.moves)
    again = "" if times == 1 else f" (moved {times} times)"
    return f"Moved {item.id}: {item.title}, now due {describe_due(item.due, now)}{again}\n"


def brief(report) -> str:
    now = report.now
    lines = [f"ictrack — {now:%A} {now.day} {now:%B}, {now:%H:%M}\n"]
    shown = False
    for title, items in report.sections:
        if items:
            shown = True
            lines.append(f"\n{title} ({len(items)})\n")
            lines += [item_line(item, report.risks[item.id], now) for item in items]
    if not shown:
        lines.append(
            '\nNothing overdue, at risk or due today. Add a promise: ictrack add "@dana send figures by fri"\n'
        )
    return "".join(lines)


def brief_json(report) -> str:
    def section(items):
        return [item.to_json(report.risks[item.id]) for item in items]

    return as_json({"now": report.now.isoformat(), "overdue": section(report.overdue),
                    "at_risk": section(report.at_risk), "today": section(report.today),
                    "follow_up": section(report.follow_up)})  # fmt: skip
