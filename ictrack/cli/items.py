"""Item commands: log (add, ask, helped), find (list, show), settle (done, got, move, drop), edit, undo and redo.

`add` is the quick-add path: at import this module needs only the model's constants; the renderers are
imported when a command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ictrack.cli.common import (
    ask,
    command,
    err,
    interactive,
    item_id,
    json_flag,
    on_stdout,
    out,
    search_text,
    to_clipboard,
)
from ictrack.core.model import KINDS, PRIORITIES
from ictrack.errors import BadInput, NotAllowed
from ictrack.text import did_you_mean, stayed_in_title, visible

if TYPE_CHECKING:
    from ictrack.core.model import Item
    from ictrack.core.quickadd import QuickAdd

LOGS = (  # command, the kind it logs, summary, examples
    ("add", "commitment", "log a commitment: something you promised someone",
     'ictrack add "@dana send Q3 figures by fri 3pm #finance"\nictrack add call the bank tomorrow 9am +high\n'
     "ictrack add send the report to @dana by mon eod +finance --external\n"
     'ictrack add "@ops-team restore backups" --due "next mon" --external\n'
     'ictrack add "@payroll send time sheet every fri 1pm"\n'
     'ictrack add "@dana status note" --every monday --due "mon 10am"'),
    ("ask", "ask", "log an ask: something someone promised you",
     'ictrack ask "@lee review the deck by thu"\nictrack ask @vendor-co quote for laptops --due eom'),
    ("helped", "help", "log help you received without asking, so you remember to thank them",
     'ictrack helped "@sam fixed the build for the release"\nictrack helped @sam covered my shift yesterday'),
)  # fmt: skip
MARKS = "@person, +tags (or #tags), +ext, +high or +low (or !ext, !high, !low)"
YES_OR_NO = {"y": True, "yes": True, "n": False, "no": False, "": False}  # a y/N question: Enter answers no


def register(subparsers) -> None:
    for name, kind, summary, examples in LOGS:
        sub = command(subparsers, name, summary, examples, intermixed=True)
        when = "when it happened" if kind == "help" else "a due phrase or a repeat"
        sub.add_argument("text", nargs="+", metavar="TEXT", help=f"what, with {MARKS} and {when}; options may "
                         "stand anywhere among the words")  # fmt: skip
        sub.add_argument("--to", metavar="NAME", help="the person (overrides @handle)")
        sub.add_argument("--due", metavar="WHEN", help="the due date (the text is then not scanned for one); "
                         "with a repeat, the first occurrence")  # fmt: skip
        if kind != "help":
            sub.add_argument("--every", metavar="RULE", help='repeat: "fri 1pm", "weekday", "2 weeks", '
                             '"month on the 1st", "last friday" (or write "every …" in the text)')  # fmt: skip
            sub.add_argument("--wait", metavar="WHEN", help="keep it out of the review until that day (or write "
                             '"wait WHEN" in the text); see ictrack snooze')  # fmt: skip
        sub.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
        sub.add_argument("--external", action="store_true", help="an external customer is waiting on this")
        sub.add_argument("--priority", choices=PRIORITIES)
        sub.add_argument("--note", metavar="TEXT", help="a longer note")
        json_flag(sub)
        sub.set_defaults(run=log, item_kind=kind)

    sub = command(subparsers, "list", "list items, soonest due first (open ones by default)",
                  "ictrack list\nictrack list --person dana --at-risk\nictrack list --all --kind ask --json\n"
                  "ictrack list --tag finance --done\n"
                  'ictrack list --grep "dana figures" --all   # when did I send Dana the figures?')  # fmt: skip
    status = sub.add_mutually_exclusive_group()
    status.add_argument("--open", dest="status", action="store_const", const="open", help="open items (default)")
    status.add_argument("--done", dest="status", action="store_const", const="done", help="done items")
    status.add_argument("--all", dest="status", action="store_const", const="all", help="every item, dropped and "
                        "waiting ones too")  # fmt: skip
    status.add_argument("--waiting", dest="status", action="store_const", const="waiting", help="open items "
                        "snoozed until a later day (left out of the others)")  # fmt: skip
    sub.add_argument("--kind", choices=KINDS)
    sub.add_argument("--person", metavar="P", help="only items with this person")
    sub.add_argument("--tag", metavar="T", help="only items with this tag")
    sub.add_argument("--at-risk", action="store_true", help="only overdue and at-risk items")
    sub.add_argument("--grep", metavar="TEXT", type=search_text, help="only items holding every word of TEXT, in "
                     "any case, in their title, note, person (handle or name) or tags; with --all, done, dropped "
                     "and archived ones too (docs/commands.md#search)")  # fmt: skip
    json_flag(sub)
    sub.set_defaults(run=list_items)

    sub = command(subparsers, "show", "show one item with its history", "ictrack show 12\nictrack show 12 --json")
    sub.add_argument("id", type=item_id, metavar="ID")
    json_flag(sub)
    sub.set_defaults(run=show)

    for name, summary, examples in (
        ("done", "mark items done (delivered; for an ask: received)", "ictrack done 12\nictrack done 12 14\n"
         'ictrack done 12 --at "yesterday 4pm"'),
        ("got", "mark asks received (the same as done, for asks only)", "ictrack got 13"),
    ):  # fmt: skip
        sub = command(subparsers, name, summary, examples)
        sub.add_argument("ids", type=item_id, nargs="+", metavar="ID")
        sub.add_argument("--at", metavar="WHEN", help='when it happened ("yesterday 4pm", "2h ago"); default now')
        sub.set_defaults(run=done, asks_only=name == "got")

    sub = command(subparsers, "move", "renegotiate a due date; the old one is kept in the item's history",
                  'ictrack move 12 "next tue"\nictrack move 12 "fri 3pm" --reason "waiting on data"\n'
                  "ictrack move 12 mon --draft --copy   # the words to ask with first; nothing moves yet\n"
                  "ictrack move 12 mon --copy           # agreed: move it, copy a note of the new date")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument("when", nargs="+", metavar="WHEN")
    sub.add_argument("--reason", metavar="TEXT")
    sub.add_argument("--draft", action="store_true", help="print the words to ask with first and move nothing: "
                     "for a later date a request, an apology once the date has passed, a heads-up when a customer "
                     "comes first; for an earlier one good news, or for an ask a request to bring it "
                     "forward")  # fmt: skip
    sub.add_argument("--copy", action="store_true", help="put words to send them on the clipboard (OSC 52: works "
                     "over ssh and in tmux with set-clipboard on): with --draft, the words to ask with, and nothing "
                     "moves; without, the item moves and the words are a note of its new date, printed below the "
                     "move")  # fmt: skip
    json_flag(sub)
    sub.set_defaults(run=move)

    sub = command(subparsers, "snooze", "keep an open item out of the review, the brief and the counts until a day; "
                  "it comes back on its own that morning", 'ictrack snooze 12 "next mon"\nictrack snooze 12 dec 1\n'
                  "ictrack snooze 12 --off      # back now\nictrack list --waiting")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument("when", nargs="*", metavar="WHEN", help="the day it comes back (a date phrase, docs/dates.md)")
    sub.add_argument("--off", action="store_true", help="bring it back now")
    json_flag(sub)
    sub.set_defaults(run=snooze)

    sub = command(subparsers, "drop", "drop items (declined or cancelled); a repeating one moves on to its next "
                  "date unless --series ends it", 'ictrack drop 12 --reason "no longer needed"\n'
                  'ictrack drop 15 --series --reason "payroll moved to a new system"')  # fmt: skip
    sub.add_argument("ids", type=item_id, nargs="+", metavar="ID")
    sub.add_argument("--reason", metavar="TEXT")
    sub.add_argument("--series", action="store_true", help="end a repeating promise: no next occurrence")
    sub.set_defaults(run=drop)

    sub = command(subparsers, "edit", "change an item's fields, its kind too (use move to renegotiate a due date)",
                  'ictrack edit 12 --title "send Q3 and Q4 figures"\n'
                  "ictrack edit 12 --to lee --tag urgent --untag finance\nictrack edit 12 --no-due\n"
                  "ictrack edit 12 --kind ask --to lee      # lee promised it to you, not you to lee\n"
                  "ictrack edit 14 --kind help --no-due     # it was help you received")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument("--title", metavar="T")
    person = sub.add_mutually_exclusive_group()
    person.add_argument("--to", metavar="P", help="the person")
    person.add_argument("--no-person", action="store_true", help="a promise to yourself")
    due = sub.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="WHEN", help="correct the due date (not recorded as a move)")
    due.add_argument("--no-due", action="store_true", help="remove the due date")
    sub.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
    sub.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag (repeatable)")
    sub.add_argument("--note", metavar="T", help='set the note ("" clears it)')
    sub.add_argument("--priority", choices=PRIORITIES)
    external = sub.add_mutually_exclusive_group()
    external.add_argument("--external", dest="external", action="store_const", const=True)
    external.add_argument("--internal", dest="external", action="store_const", const=False)
    sub.add_argument("--kind", choices=KINDS, help="what it is: an ask needs a person (--to); help received "
                     "has no due date (--no-due), is not dropped and does not repeat; a commitment is never "
                     "thanked")  # fmt: skip
    json_flag(sub)
    sub.set_defaults(run=edit)

    sub = command(subparsers, "undo", "undo the last change (run it again to go further back); a change made on "
                  "an earlier day asks first", "ictrack undo\nictrack undo --list\nictrack undo --list --json\n"
                  "ictrack undo --yes        # off a terminal: a change made on an earlier day too")  # fmt: skip
    sub.add_argument("--list", action="store_true", help="show what undo and redo would take back and put back, "
                     "newest first, with when and where each change was made; change nothing")  # fmt: skip
    sub.add_argument("--yes", action="store_true", help="undo a change made on an earlier day without asking")
    sub.add_argument("--json", action="store_true", help="with --list, print JSON (docs/json.md) instead of text")
    sub.set_defaults(run=undo)

    sub = command(subparsers, "redo", "put back what the last undo took back (until a new change is made)",
                  "ictrack undo\nictrack redo")  # fmt: skip
    sub.set_defaults(run=redo)


def log(args, service) -> None:
    from ictrack import render

    logged = service.log(
        args.item_kind, " ".join(args.text), to=args.to, due=args.due, tags=args.tag,
        external=args.external, priority=args.priority, note=args.note, every=getattr(args, "every", None),
        wait=getattr(args, "wait", None),
    )  # fmt: skip
    item = logged.item
    out(render.as_json(item.to_json(logged.risk)) if args.json else render.added(item, service.clock()), json=args.json)
    for line in notes(item, logged.understood):
        err(f"ictrack: note: {visible(line)}\n")


def notes(item: Item, understood: QuickAdd) -> list[str]:
    """What to check in what was added: date words left in the title, a new person whose handle is close
    to a known one; each with the command that fixes it."""
    lines = []
    if understood.leftovers:
        if item.kind == "help":
            lines.append(stayed_in_title(understood.leftovers, "when it happened") + ".")
        elif understood.rule is not None:
            lines.append(stayed_in_title(understood.leftovers, "a date") + ".")
        elif understood.due_phrase:
            lines.append(stayed_in_title(understood.leftovers, "a date") + f'; the due date is from '
                         f'"{understood.due_phrase}" (ictrack edit {item.id} --due WHEN changes it).')  # fmt: skip
        else:
            lines.append(stayed_in_title(understood.leftovers, "a date") + f"; ictrack edit {item.id} --due WHEN "
                         "sets the due date.")  # fmt: skip
    if understood.similar and understood.person is not None:
        lines.append(did_you_mean(understood.person, understood.similar) + f" ictrack edit {item.id} --to "
                     f"{understood.similar[0]} changes it.")  # fmt: skip
    return lines


def list_items(args, service) -> None:
    from ictrack import render

    status = args.status or "open"
    items, risks = service.items(status=status, kind=args.kind, person=args.person, tag=args.tag,
                                at_risk=args.at_risk, grep=args.grep)  # fmt: skip
    if args.json:
        out(render.as_json([item.to_json(risks[item.id]) for item in items]), json=True)
    elif items:
        out(render.item_lines(items, risks, service.clock()))
    elif args.grep is not None:
        wider = {"open": "; --all searches done, dropped and archived items too", "done": "; --all searches every item"}
        out(f'Nothing matches "{visible(args.grep)}"{wider.get(status, "")}.\n')
    else:
        out("Nothing here.\n")


def show(args, service) -> None:
    from ictrack import render

    item, risk = service.show(args.id)
    out(
        render.as_json(item.to_json(risk)) if args.json else render.details(item, risk, service.clock()), json=args.json
    )


def done(args, service) -> None:
    from ictrack import render

    closed = service.done(args.ids, args.at, asks_only=args.asks_only)
    out("".join(render.closed(item, service.clock(), following) for item, following in closed))


def drop(args, service) -> None:
    from ictrack import render

    closed = service.drop(args.ids, args.reason, series=args.series)
    out("".join(render.closed(item, service.clock(), following) for item, following in closed))


def move(args, service) -> None:
    """Move a due date; with --draft, only the words to ask with first; with --copy, the words on the clipboard
    too: with --draft those, without it the note of the new date, made once the item has moved."""
    from ictrack import render

    when = " ".join(args.when)
    if args.draft:
        kind, draft = service.move_draft(args.id, when, args.reason)
        shown = render.as_json({"id": args.id, "kind": kind, "draft": draft}) if args.json else f"{draft}\n"
        out(shown, json=args.json)
        if args.copy:
            to_clipboard(draft, on_stdout())
        err(f"Nothing moved yet; once they agree: {_move_command(args)}\n")
        return
    if args.copy:
        item, risk, draft = service.move_and_tell(args.id, when, args.reason)
    else:
        (item, risk), draft = service.move(args.id, when, args.reason), ""
    out(render.as_json(item.to_json(risk)) if args.json else render.moved(item, risk, service.clock()), json=args.json)
    if args.copy and not args.json:  # below the move, so the words are there if the clipboard is not
        out(f"{draft}\n")
    if (warning := render.move_warning(item, service.clock())) is not None:
        err(f"ictrack: note: {warning}\n")
    if args.copy:
        to_clipboard(draft, None if args.json else on_stdout())


def snooze(args, service) -> None:
    from ictrack import render

    if bool(args.when) == args.off:
        raise BadInput("give the day it comes back (ictrack snooze ID WHEN) or --off, not both.")
    item, risk = service.snooze(args.id, None if args.off else " ".join(args.when))
    now = service.clock()
    out(render.as_json(item.to_json(risk)) if args.json else render.snoozed(item, now), json=args.json)
    if (warning := render.snooze_warning(item, now)) is not None:
        err(f"ictrack: note: {warning}\n")


def _move_command(args) -> str:
    """The `move` that records what a draft asked for, to paste once they agree. A reason holding control
    characters is left out (the escapes shown would be stored as typed), and the line says so."""
    import shlex

    command = f"ictrack move {args.id} {shlex.join(args.when)}"
    if args.reason is None:
        return command
    if visible(args.reason) != args.reason:
        return f"{command} --reason TEXT (your reason holds control characters, so it is not repeated here)"
    return f"{command} --reason {shlex.quote(args.reason)}"


def edit(args, service) -> None:
    from ictrack import render

    item, risk = service.edit(
        args.id, title=args.title, to=args.to, no_person=args.no_person, due=args.due, no_due=args.no_due,
        tags=args.tag, untags=args.untag, note=args.note, priority=args.priority, external=args.external,
        kind=args.kind,
    )  # fmt: skip
    out(
        render.as_json(item.to_json(risk)) if args.json else render.details(item, risk, service.clock()), json=args.json
    )


def undo(args, service) -> None:
    """Undo the last change; one made on an earlier day only with --yes, or a yes on a terminal."""
    from ictrack import render

    if args.json and not args.list:
        raise BadInput("--json goes with --list: `undo` itself prints text.")
    history, now = service.history(), service.clock()
    here = service.origin.host if service.origin else None
    if args.list:
        out(render.history_json(history) if args.json else render.history(history, now, here), json=args.json)
        return
    step = history.next_undo
    if step is None or not step.sound:  # the service says why it can't: nothing left, or a damaged entry
        out(f"Undid: {visible(service.undo())}\n")
        return
    if step.before_today(now) and not args.yes:
        what = render.step(step, now, here)
        made = "was made on an earlier day" if step.at else "may be from an earlier day"
        if not interactive():
            raise NotAllowed(f"the last change {made}: {what}; add --yes to undo it. Nothing was undone.")
        try:
            sure = ask(f"Undo {what}? It {made}. [y/N] ", YES_OR_NO, "y or n")
        except EOFError:
            sure = False
        if not sure:
            raise NotAllowed("nothing was undone.")
    out(f"Undid: {visible(service.undo(expect=step))}\n")


def redo(args, service) -> None:
    out(f"Redid: {visible(service.redo())}\n")
