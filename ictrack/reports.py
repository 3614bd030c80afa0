"""The weekly summary's renderings: Markdown (to paste into a status note), JSON, CSV and HTML (one page).

Data is shown through `visible`: control characters in a title, handle or tag are written as escapes,
and a title can't break a line or a CSV row. The figures themselves are `ictrack.core.week`'s.
"""

from __future__ import annotations

from datetime import datetime

from ictrack.core.model import OK, Item, stamp
from ictrack.core.relations import timing
from ictrack.core.week import DAYS, Week, WeekFigures, WeekSummary
from ictrack.text import NO_DUE_DATE, NOTHING, SEPARATOR, mention, percent, plural, toward, visible


def _day(moment: datetime | None, zone) -> str:
    if moment is None:
        return NOTHING
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _span(week: Week) -> str:
    first, last = week.first, week.last
    return f"Mon {first.day} {first:%b} {first.year} – Sun {last.day} {last:%b} {last.year}"


def title(summary: WeekSummary) -> str:
    """`Week 2026-W48 · Mon 23 Nov 2026 – Sun 29 Nov 2026`, or `Week 2026-W48 so far (Mon–Wed) · as of …`."""
    if not summary.cut.so_far:
        return f"Week {summary.week.label}{SEPARATOR}{_span(summary.week)}"
    now = summary.cut.as_of.astimezone(summary.week.start.tzinfo)
    as_of = f"{now:%a} {now.day} {now:%b} {now.year} {now:%H:%M}"
    return f"Week {summary.week.label} {summary.cut.phrase()}{SEPARATOR}as of {as_of}"


def headline(figures: WeekFigures) -> str:
    """`Delivered 9 of 11 on time (82%), 3 early`, and the rest of the week in one line."""
    if figures.judged:
        rate = percent(figures.on_time_rate)
        line = f"Delivered {figures.on_time} of {figures.judged} on time ({rate}), {figures.early} early"
    else:
        line = "No dated commitments delivered"
    if figures.undated:
        line += f"; {figures.undated} more without a due date"
    still = "open and" if figures.so_far else "still open,"
    now = " now" if figures.so_far else ""
    return (f"{line}. Renegotiated {figures.renegotiated_in_time} in time, moved {figures.moved_after_date} after "
            f"the date, dropped {figures.dropped}, opened {figures.opened}; {figures.open_at_end} {still} "
            f"{figures.overdue_at_end} overdue{now}.")  # fmt: skip


def care_sentence(figures: WeekFigures) -> str:
    energy = f", mean energy {figures.mean_energy:g}/5" if figures.mean_energy is not None else ""
    checkins = plural(figures.checkins, "check-in")
    days = plural(figures.days, "day") + (" so far" if figures.so_far else "")
    return f"Looked after myself on {figures.care_days} of {days}{energy}; {checkins} with the people I serve."


def _verdict(item: Item) -> str:
    """How a delivered or dropped commitment went, in a word or three."""
    if item.status == "dropped":
        return "dropped"
    on_time, early, late = timing(item)
    return NO_DUE_DATE if on_time is None else "early" if early else "late" if late else "on time"


def _due_words(item: Item, zone) -> str:
    """`due Fri 27 Nov 17:00, `, or for a date missed before a move, the date missed and where it went."""
    if (missed := item.missed if item.moves else None) is not None:
        return f"due {_day(missed, zone)}, moved after it to {_day(item.due, zone)}, "
    return f"due {_day(item.due, zone)}, " if item.due else ""


def _item_words(item: Item, zone) -> str:
    who = toward(item.kind, item.person)
    if item.status == "dropped":
        return f"{visible(item.title)}{who} (dropped {_day(item.done_at, zone)})"
    return f"{visible(item.title)}{who} ({_due_words(item, zone)}done {_day(item.done_at, zone)}, {_verdict(item)})"


# what others did for you in the week, counted apart as in the JSON (`asks_received`, `help_received`)
ASKS_HEADING = "Asks received ({}): promises kept to you"
HELP_HEADING = "Help received ({}): credit where it is due"


def to_markdown(summary: WeekSummary) -> str:
    figures, zone = summary.figures, summary.week.start.tzinfo
    lines = [f"# {title(summary)}", "", headline(figures), ""]
    delivered = summary.delivered_items
    lines += [f"## Delivered ({len(delivered)})", ""]
    lines += [f"- {_item_words(i, zone)}" for i in delivered] or ["- nothing this week"]
    dropped = summary.dropped_items
    if dropped:
        lines += ["", f"## Dropped ({len(dropped)})", ""] + [f"- {_item_words(i, zone)}" for i in dropped]
    when = "now" if figures.so_far else "at week end"
    lines += ["", f"## Still open {when} ({figures.open_at_end}, {figures.overdue_at_end} overdue)", ""]
    for item in summary.open_items:
        overdue = " **overdue**" if summary.cut.overdue(item.due) else ""
        due = f", due {_day(item.due, zone)}" if item.due else ""
        if (missed := item.missed if item.moves else None) is not None:
            due += f" (moved after missing {_day(missed, zone)})"
        who = toward(item.kind, item.person)
        lines.append(f"- {visible(item.title)}{who}{due}{overdue}")
    if not summary.open_items:
        lines.append("- nothing: a clean slate")
    for heading, received, nothing in (
        (ASKS_HEADING, summary.asks_items, "- none"),
        (HELP_HEADING, summary.help_items, "- none logged: `ictrack helped` records help as it happens"),
    ):
        lines += ["", f"## {heading.format(len(received))}", ""]
        for item in received:
            who = mention(item.person) if item.person else "someone"
            thanked = "thanked" if summary.cut.reached(item.thanked_at) else "**not yet thanked**"
            lines.append(f"- {who}: {visible(item.title)} ({thanked})")
        if not received:
            lines.append(nothing)
    lines += ["", "## Care", "", care_sentence(figures)]
    if served := summary.served_most():
        most = ", ".join(f"{mention(handle)} ({count})" for handle, count in served)
        lines += ["", f"People served most: {most}."]
    return "\n".join(lines) + "\n"


def to_data(summary: WeekSummary) -> dict:
    """docs/week.md's JSON: the figures, each person's, and the delivered and dropped items."""
    by_person = {handle: row.to_json() for handle, row in summary.by_person.items()}
    return {**summary.figures.to_json(), "by_person": by_person, "items": [item.to_json(OK) for item in summary.items]}


CSV_COLUMNS = ("id", "kind", "title", "person", "due", "done_at", "status", "on_time", "early", "late", "tags",
               "missed")  # fmt: skip


def to_csv(summary: WeekSummary) -> str:
    import csv
    import io

    def flag(value: bool | None) -> str:
        return "" if value is None else str(int(value))

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in summary.items:
        on_time, early, late = timing(item) if item.status == "done" else (None, None, None)
        writer.writerow([item.id, item.kind, visible(item.title), visible(item.person or ""),
                         item.due.isoformat() if item.due else "", item.done_at.isoformat() if item.done_at else "",
                         item.status, flag(on_time), flag(early), flag(late),
                         visible(" ".join(item.tags)), stamp(item.missed if item.moves else None) or ""])  # fmt: skip
    return out.getvalue()


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.5rem}
.figure{background:#f3f5f9;border-radius:6px;padding:.5rem .75rem}.figure b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e6ec}
.late{color:#b42318}.early{color:#067647}
"""


def _chart(per_day: list) -> str:
    """Delivered on time (green) and late (red) per day, as an inline SVG bar chart."""
    tallest = max([sum(day) for day in per_day] + [1])
    bars = []
    for index, (on_time, late) in enumerate(per_day):
        x, scale = 20 + index * 50, 100 / tallest
        bars.append(f'<rect x="{x}" y="{120 - on_time * scale:.1f}" width="30" height="{on_time * scale:.1f}" '
                    f'fill="#12b76a"><title>{DAYS[index]}: {on_time} on time</title></rect>')  # fmt: skip
        bars.append(f'<rect x="{x}" y="{120 - (on_time + late) * scale:.1f}" width="30" height="{late * scale:.1f}" '
                    f'fill="#f04438"><title>{DAYS[index]}: {late} late</title></rect>')  # fmt: skip
        bars.append(f'<text x="{x + 15}" y="138" text-anchor="middle" font-size="12">{DAYS[index]}</text>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="370" height="145" role="img" '
            'aria-label="Delivered on time and late, per day">' + "".join(bars) + "</svg>")  # fmt: skip


def to_html(summary: WeekSummary) -> str:
    from html import escape

    figures, zone = summary.figures, summary.week.start.tzinfo
    when = "now" if figures.so_far else "at end"
    tiles = [(figures.delivered, "Delivered"), (figures.on_time, "On time"), (figures.early, "Early"),
             (figures.late, "Late"), (figures.renegotiated_in_time, "Renegotiated in time"),
             (figures.moved_after_date, "Moved after the date"), (figures.dropped, "Dropped"),
             (figures.open_at_end, f"Open {when}"), (figures.overdue_at_end, f"Overdue {when}"),
             (figures.thanks_sent, "Thanks sent"), (figures.thanks_owed, "Thanks owed"),
             (figures.care_days, "Care days"), (figures.checkins, "Check-ins")]  # fmt: skip
    rate = percent(figures.on_time_rate)
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Week {escape(figures.week)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title(summary))}</h1>",
        f"<p>{escape(headline(figures))}</p>",
        '<div class="figures">',
        f'<div class="figure"><b>{rate}</b>On-time rate</div>',
        *(f'<div class="figure"><b>{value}</b>{label}</div>' for value, label in tiles),
        "</div>", "<h2>On time and late, by day</h2>", _chart(summary.per_day),
        "<h2>Delivered and dropped</h2>",
        "<table><tr><th>#</th><th>What</th><th>For</th><th>Due</th><th>Done</th><th>Result</th></tr>",
    ]  # fmt: skip
    for item in summary.items:
        result = _verdict(item)
        parts.append(
            f"<tr><td>{item.id}</td><td>{escape(visible(item.title))}</td>"
            f"<td>{escape(mention(item.person)) if item.person else ''}"
            f"</td><td>{escape(_day(item.held_to, zone))}</td><td>{escape(_day(item.done_at, zone))}</td>"
            f'<td class="{result.split()[0]}">{result}</td></tr>'
        )
    parts.append("</table>")
    for heading, received in ((ASKS_HEADING, summary.asks_items), (HELP_HEADING, summary.help_items)):
        parts += [f"<h2>{escape(heading.format(len(received)))}</h2>", "<ul>"]
        for item in received:
            who = escape(mention(item.person)) if item.person else "someone"
            thanked = "thanked" if summary.cut.reached(item.thanked_at) else "<strong>not yet thanked</strong>"
            parts.append(f"<li>{who}: {escape(visible(item.title))} ({thanked})</li>")
        parts.append("</ul>")
    parts += ["<h2>Care</h2>", f"<p>{escape(care_sentence(figures))}</p>", "</body></html>"]
    return "\n".join(parts) + "\n"


RENDERERS = {"md": to_markdown, "csv": to_csv, "html": to_html}
