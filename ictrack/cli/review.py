"""Review commands: the morning review (ui), the brief, the weekly summary, and the daily care check.

The weekly figures are defined in docs/week.md. The TUI, and with it Textual, is imported only when `ui` runs.
"""

from __future__ import annotations

from ictrack.cli.common import (
    SCALE,
    ask,
    command,
    interactive,
    json_flag,
    out,
    output_flags,
    output_path,
    whole_number,
    write_file,
)
from ictrack.errors import BadInput, NotAllowed
from ictrack.text import visible

WEEK_FORMATS = ("md", "json", "csv", "html")


def register(subparsers) -> None:
    sub = command(subparsers, "ui", "open the morning review (the TUI); this is what `ictrack` does on a terminal",
                  "ictrack ui\nictrack")  # fmt: skip
    sub.set_defaults(run=ui, reads_data=lambda args: False)  # the TUI opens the data itself

    sub = command(subparsers, "brief", "the morning brief: what is overdue, at risk and due today, asks to "
                  "follow up, thank-yous owed, check-ins due and today's care check",
                  "ictrack brief\nictrack brief --json")  # fmt: skip
    json_flag(sub)
    sub.set_defaults(run=brief)

    sub = command(subparsers, "week", "the weekly summary: delivered, on time, late, renegotiated, thanks, care; "
                  "this week so far, as of now", "ictrack week\nictrack week --last --json\n"
                  "ictrack week --week 2026-W48 -o week48.html\n"
                  "ictrack week --format csv -o week.csv --force")  # fmt: skip
    which = sub.add_mutually_exclusive_group()
    which.add_argument("--week", metavar="2026-W48", help="an ISO week (default: this week)")
    which.add_argument("--last", action="store_true", help="last week")
    form = sub.add_mutually_exclusive_group()
    form.add_argument("--format", choices=WEEK_FORMATS, help="default md, or from -o's extension")
    form.add_argument("--json", action="store_true", help="print JSON (docs/week.md): the same as --format json")
    output_flags(sub)
    sub.set_defaults(run=week)

    sub = command(subparsers, "care", "today's care check; on a terminal with no options it asks each question",
                  "ictrack care\nictrack care --done slept,lunch --energy 4\nictrack care --json")  # fmt: skip
    sub.add_argument("--done", metavar="a,b", help="checks done today, comma-separated (added to today's)")
    sub.add_argument("--energy", type=whole_number(*SCALE), metavar="1-5", help="your energy today")
    sub.add_argument("--note", metavar="T")
    json_flag(sub)
    sub.set_defaults(run=care)


def ui(args, service) -> int:
    """Open the TUI on the user's data; Textual is imported only here."""
    if not interactive():
        raise BadInput("the TUI needs a terminal; use `ictrack brief` (or --json) in scripts and pipes.")
    from ictrack.environment import config_path, current_time, data_home, load_config, local_zone, lock_timeout

    # a bad config or environment is a one-line error before the screen changes
    config, home, timeout, path = load_config(), data_home(), lock_timeout(), config_path()
    current_time(local_zone())
    from ictrack.tui.app import IctrackApp

    app = IctrackApp(home, config, lock_timeout=timeout, config_file=path)  # a theme chosen is saved in `path`
    app.run()
    return app.return_code or 0  # Textual sets 1 when the app died of an error (it has shown the error)


def brief(args, service) -> None:
    from ictrack import render

    report = service.brief()
    out(render.brief_json(report) if args.json else render.brief(report), json=args.json)


def week(args, service) -> None:
    from ictrack import render, reports

    path = output_path(args.output)
    fmt = "json" if args.json else args.format or (path.suffix.lstrip(".").lower() if path else "md")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in WEEK_FORMATS:
        raise BadInput(
            f'can\'t tell the format from "{path.name if path else fmt}"; add --format md, json, csv or html.'
        )
    report = service.week(args.week, last=args.last)
    text = render.as_json(reports.to_data(report)) if fmt == "json" else reports.RENDERERS[fmt](report)
    if path is None:
        out(text, json=fmt == "json")
        return
    write_file(path, text, args.force)
    out(f"Wrote week {report.week.label} ({fmt}) to {visible(path.resolve())}\n")


def care(args, service) -> None:
    from ictrack import render

    today, streak = _care(args, service)
    checks = service.config.care_checks
    out(render.care_json(today, streak, checks) if args.json else render.care_line(today, streak), json=args.json)


def _care(args, service):
    """Write the care check from options, or by asking on a terminal; with neither, show today's."""
    if args.done is None and args.energy is None and args.note is None:
        if not interactive() or args.json:
            return service.care_today()
        asked = service.care_questions()  # what fits the time of day: no lunch question before lunch
        done, energy = _ask_care(asked)
        return service.care(done=done, energy=energy, replace_done=True, asked=asked)
    return service.care(done=args.done.split(",") if args.done else None, energy=args.energy, note=args.note)


YES_NO = {"y": True, "yes": True, "n": False, "no": False}
ENERGY = {str(level): level for level in range(SCALE[0], SCALE[1] + 1)}


def _ask_care(checks: list[str]) -> tuple[list[str], int]:
    """Ask each check in turn (y/n), then energy 1–5; Ctrl-D records nothing."""
    try:
        done = [check for check in checks if ask(f"{visible(check.capitalize())} today? [y/n] ", YES_NO, "y or n")]
        energy = ask("Energy today, 1 (empty) to 5 (full)? ", ENERGY, "a number from 1 to 5")
    except EOFError:
        raise NotAllowed("no answer; today's care check was not recorded.") from None
    return done, energy
