"""Commands that reach you where you are: `status`, one line for a prompt or a status bar (docs/reach.md).

`status` runs in a prompt on every keystroke of Enter, so it stays as lean as a quick add: it reads the data
file without the lock, and imports nothing a quick add does not.
"""

from __future__ import annotations

from ictrack.cli.common import command, out, speaks_utf8


def register(subparsers) -> None:
    sub = command(subparsers, "status", "one short line of counts for a prompt or a status bar: overdue, at risk, "
                  "due today, thank-yous owed (nothing when all are 0)",
                  "ictrack status                      # 1!! 2! 3 today ♥1\n"
                  "ictrack status --format '{overdue}/{at_risk}/{today}'\n"
                  "ictrack status --format '{heart}{thanks} {checkins} check-ins'")  # fmt: skip
    sub.add_argument("--format", metavar="TEXT", help="the line to print, with any of {overdue}, {at_risk}, "
                     "{today}, {follow_up}, {thanks}, {checkins}, {waiting}, {care} (1 once today's care check is "
                     "done) and {heart}")  # fmt: skip
    sub.set_defaults(run=status)


def status(args, service) -> None:
    import sys

    from ictrack import render
    from ictrack.environment import utf8_locale

    template = render.status_format(args.format) if args.format is not None else None
    ascii = not (utf8_locale() and speaks_utf8(sys.stdout))
    out(render.status_line(service.glance(), template, ascii=ascii))
