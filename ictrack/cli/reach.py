"""Commands that reach you where you are (docs/reach.md): `status`, one line for a prompt or a status bar, and
`remind`, the nudges due now, said once each, by a desktop notification, a terminal's or plain lines, with
`--install` to have systemd or cron run it.

`status` runs in a prompt at every Enter, so it stays as lean as a quick add: it reads the data file without
the lock, and imports nothing a quick add does not.
"""

from __future__ import annotations

from ictrack.cli.common import ask, command, err, interactive, out, speaks_utf8
from ictrack.errors import BadInput, NotAllowed

DESKTOP_MOST = 5  # notifications one run pops up; the rest are summed up in one more
YES_OR_NO = {"y": True, "yes": True, "n": False, "no": False, "": False}


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

    sub = command(subparsers, "remind", "say the nudges due now, each once: commitments soon, at risk or overdue, "
                  "asks past their date, thank-yous owed, check-ins due, the care check; quiet outside working "
                  "hours", "ictrack remind\nictrack remind --via desktop,stdout\n"
                  "ictrack remind --install systemd   # a user timer: every 5 minutes on working days\n"
                  "ictrack remind --install cron      # prints the crontab line\n"
                  "ictrack remind --uninstall")  # fmt: skip
    sub.add_argument("--via", metavar="OUTPUTS", help="where to say them, comma-separated: desktop (notify-send), "
                     "osc9 or osc777 (a terminal's notification), stdout (plain lines), auto (default: the "
                     "config's remind_via)")  # fmt: skip
    setup = sub.add_mutually_exclusive_group()
    setup.add_argument("--install", choices=("systemd", "cron"), help="systemd: write a user service and timer "
                       "(shown first); cron: print the crontab line")  # fmt: skip
    setup.add_argument("--uninstall", action="store_true", help="remove the systemd units --install wrote")
    sub.add_argument("--yes", action="store_true", help="write or remove the units without asking")
    sub.set_defaults(run=remind)


def status(args, service) -> None:
    import sys

    from ictrack import render
    from ictrack.environment import utf8_locale

    template = render.status_format(args.format) if args.format is not None else None
    ascii = not (utf8_locale() and speaks_utf8(sys.stdout))
    out(render.status_line(service.glance(), template, ascii=ascii))


def remind(args, service) -> None:
    if args.install == "cron":
        return _print_crontab(service)
    if args.install == "systemd":
        return _install_systemd(args, service)
    if args.uninstall:
        return _uninstall_systemd(args)
    import shutil
    import sys

    from ictrack.core.settings import remind_outputs

    try:
        wanted = remind_outputs(args.via) if args.via is not None else service.config.remind_via
    except ValueError:
        raise BadInput(f'--via "{args.via}" is not a list of auto, desktop, osc9, osc777 and stdout.') from None
    terminal, notifier = sys.stdout.isatty(), shutil.which("notify-send")
    outputs: list[str] = []
    for name in wanted:
        outputs += (["osc9", "stdout"] if terminal else (["desktop"] if notifier else []) + ["stdout"]) if (
            name == "auto") else [name]  # fmt: skip
    outputs = list(dict.fromkeys(outputs))
    with service.reminding() as nudges:
        _say(nudges, outputs, service.clock(), terminal, notifier)


def _say(nudges, outputs: list[str], now, terminal: bool, notifier: str | None) -> None:
    """Say `nudges` in each of `outputs`; one that can't (no notify-send, no terminal) falls back to stdout."""
    from ictrack import render

    if not nudges:
        return
    lines = render.nudge_lines(nudges, now)
    fallback = False
    if "desktop" in outputs:
        why = _notify(notifier, [render.nudge_text(nudge, now) for nudge in nudges])
        if why is not None:
            err(f"ictrack: note: no desktop notification ({why}); the nudges are below.\n")
            fallback = True
    for kind in (9, 777):
        if f"osc{kind}" in outputs and not terminal:
            err(f"ictrack: note: standard output is not a terminal, so no OSC {kind} notification was sent.\n")
            fallback = True
        elif f"osc{kind}" in outputs:
            import sys

            from ictrack.environment import inside_tmux
            from ictrack.text import osc_notification

            tmux = inside_tmux()
            texts = [render.nudge_text(nudge, now) for nudge in nudges]
            for heading, what in _at_most(texts):
                sys.stdout.write(osc_notification(f"ictrack: {heading}", what, kind=kind, tmux=tmux))
            sys.stdout.flush()
    if "stdout" in outputs or fallback:
        out(lines)


def _at_most(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first DESKTOP_MOST (heading, what), then one that sums up the rest."""
    if len(texts) <= DESKTOP_MOST:
        return texts
    more = len(texts) - DESKTOP_MOST + 1
    return [*texts[: DESKTOP_MOST - 1], (f"{more} more", "ictrack brief shows what needs you")]


def _notify(notifier: str | None, texts: list[tuple[str, str]]) -> str | None:
    """Pop up each (heading, what) with notify-send; why it could not, or None."""
    if notifier is None:
        return "notify-send is not on PATH"
    import subprocess

    for heading, what in _at_most(texts):
        body = what.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # the body may be read as markup
        urgency = "critical" if heading == "Overdue" else "normal"
        try:
            done = subprocess.run([notifier, "--app-name=ictrack", f"--urgency={urgency}", f"ictrack: {heading}",
                                   body], capture_output=True, timeout=10)  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"notify-send failed: {error}"
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            return f"notify-send failed: {said[-1] if said else f'exit code {done.returncode}'}"
    return None


def _print_crontab(service) -> None:
    from ictrack.environment import carried_environment, ictrack_command
    from ictrack.interop.schedule import crontab_line

    out(crontab_line(ictrack_command(), carried_environment(), service.config.workdays) + "\n")
    err("ictrack: add that line with `crontab -e`, or: (crontab -l; ictrack remind --install cron) | crontab -\n"
        "Cron mails what remind prints; `crontab -e` again removes it.\n")  # fmt: skip


def _sure(question: str, yes: bool, refusal: str) -> None:
    """Go on if `yes`, or if the answer on a terminal is yes; NotAllowed saying `refusal` otherwise."""
    if yes:
        return
    if not interactive():
        raise NotAllowed(f"{refusal}; add --yes to go ahead off a terminal.")
    try:
        if ask(question, YES_OR_NO, "y or n"):
            return
    except EOFError:
        pass
    raise NotAllowed(refusal + ".")


def _systemctl(*words: str) -> str | None:
    """Run `systemctl --user WORDS`; why it failed, or None (also None, doing nothing, without systemctl)."""
    import shutil
    import subprocess

    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return "systemctl is not on PATH"
    try:
        done = subprocess.run([systemctl, "--user", *words], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return said[-1] if said else f"exit code {done.returncode}"
    return None


ENABLE = "systemctl --user daemon-reload && systemctl --user enable --now ictrack-remind.timer"


def _install_systemd(args, service) -> None:
    from ictrack.environment import carried_environment, ictrack_command, systemd_user_folder
    from ictrack.interop.schedule import MARK, systemd_units
    from ictrack.service import write_output

    folder = systemd_user_folder()
    units = systemd_units(ictrack_command(), carried_environment(), service.config.workdays)
    for name in units:
        held = _read(folder / name)
        if held is not None and not held.startswith(MARK):
            raise NotAllowed(f"{folder / name} is there and was not written by ictrack; nothing was written.")
    out(f"ictrack remind --install systemd writes {len(units)} files:\n")
    for name, text in units.items():
        held = _read(folder / name)
        state = "" if held is None else " (the same as there now)" if held == text else " (replacing the one there)"
        out(f"\n{folder / name}{state}:\n{text}")
    _sure("\nWrite them? [y/N] ", args.yes, "nothing was written")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, text in units.items():
            write_output(folder / name, text, replace=True)
    except OSError as error:
        raise NotAllowed(f"can't write in {folder}: {error.strerror}.") from None
    out(f"\nWrote {', '.join(units)} in {folder}.\n")
    why = _systemctl("daemon-reload") or _systemctl("enable", "--now", "ictrack-remind.timer")
    if why is None:
        out("Started: systemctl --user list-timers ictrack-remind.timer shows when it runs next.\n")
    else:
        out(f"To start it: {ENABLE}\n")
        err(f"ictrack: note: the timer was not started ({why}).\n")


def _uninstall_systemd(args) -> None:
    from ictrack.environment import systemd_user_folder
    from ictrack.interop.schedule import MARK, SERVICE, TIMER
    from ictrack.service import remove_output

    folder = systemd_user_folder()
    ours = [folder / name for name in (TIMER, SERVICE) if (_read(folder / name) or "").startswith(MARK)]
    for name in (TIMER, SERVICE):
        if (folder / name).exists() and folder / name not in ours:
            err(f"ictrack: note: {folder / name} was not written by ictrack; it is left alone.\n")
    if not ours:
        out(f"Nothing to remove: no unit ictrack wrote is in {folder}. A crontab line is removed with crontab -e.\n")
        return
    _sure(f"Stop the timer and remove {', '.join(path.name for path in ours)}? [y/N] ", args.yes,
          "nothing was removed")  # fmt: skip
    if folder / TIMER in ours:
        _systemctl("disable", "--now", TIMER)  # nothing to stop where the user manager never ran it
    try:
        for path in ours:
            remove_output(path)
    except OSError as error:
        raise NotAllowed(f"can't remove it from {folder}: {error.strerror}.") from None
    _systemctl("daemon-reload")
    out(f"Removed {', '.join(path.name for path in ours)} from {folder}.\n")


def _read(path) -> str | None:
    """A unit file's text, or None when there is none (or it can't be read as text)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
