"""People commands: who you serve (people, person), check-ins, and thank-yous (thank, thanks)."""

from __future__ import annotations

from ictrack.cli.common import (
    SCALE,
    columns,
    command,
    copy_flag,
    err,
    interactive,
    item_id,
    json_flag,
    on_stdout,
    out,
    output_flags,
    output_path,
    to_clipboard,
    whole_number,
    write_file,
)
from ictrack.core.model import RELATIONS
from ictrack.core.quickadd import normalize_handle
from ictrack.core.settings import CHECKIN_DAYS
from ictrack.errors import BadInput, NotAllowed
from ictrack.text import mention, visible


def register(subparsers) -> None:
    sub = command(subparsers, "thank", "record that you thanked someone for an ask they delivered or help they gave",
                  'ictrack thank 14\nictrack thank 14 --note "Thanked Sam in the team channel"\n'
                  "ictrack thank 14 --draft --copy   # the draft on the clipboard; nothing recorded")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    sub.add_argument(
        "--note", metavar="TEXT", help="what you said; on a terminal, without it, $EDITOR opens on a draft"
    )
    sub.add_argument("--draft", action="store_true", help="print the drafted thank-you and record nothing")
    copy_flag(sub)
    sub.set_defaults(run=thank)

    sub = command(subparsers, "nudge", "a follow-up to send about an ask that is overdue or has gone quiet",
                  "ictrack nudge 7\nictrack nudge 7 --copy     # and put it on the clipboard")  # fmt: skip
    sub.add_argument("id", type=item_id, metavar="ID")
    copy_flag(sub)
    json_flag(sub)
    sub.set_defaults(run=nudge)

    sub = command(subparsers, "thanks", "thank-yous owed, oldest first, each with a drafted note", "ictrack thanks")
    json_flag(sub)
    sub.set_defaults(run=thanks)

    sub = command(subparsers, "people", "everyone you serve: what you owe them, what they owe you, thanks, check-ins",
                  "ictrack people\nictrack people --json")  # fmt: skip
    json_flag(sub)
    sub.set_defaults(run=people)

    sub = command(subparsers, "person", "one person's agenda, or add, rename, merge, remove or note someone",
                  "ictrack person dana\nictrack person dana --kind manager --cadence 14\n"
                  'ictrack person lee.k --name "Lee Kim" --team "data platform"\n'
                  'ictrack person add sam --name "Sam Ortiz" --kind client\n'
                  "ictrack person rename lee lee.k      # every item, check-in and history follows\n"
                  "ictrack person merge lee lee.k       # a typo folded into the real person; undo takes it back\n"
                  "ictrack person remove kim            # only someone with no history\n"
                  'ictrack person note dana "prefers figures a day early"\n'
                  "ictrack person dana --md -o dana-1on1.md   # the agenda for your next 1:1",
                  usage="ictrack person [-h] (P | add P | rename OLD NEW | merge FROM INTO | remove P | note P TEXT)"
                        " [options]")  # fmt: skip
    sub.add_argument("words", nargs="+", metavar="P", help="a handle (their page), or a verb and its words")
    sub.add_argument("--name", metavar="NAME", help='how to address them in drafts, like "Lee Kim" ("" clears it)')
    sub.add_argument("--kind", choices=RELATIONS, help="how you relate to them")
    sub.add_argument("--team", metavar="T", help='their team ("" clears it)')
    sub.add_argument("--cadence", type=whole_number(*CHECKIN_DAYS, " of days"), metavar="DAYS",
                     help="check in at least this often")  # fmt: skip
    sub.add_argument("--md", action="store_true", help="the agenda as Markdown, for a 1:1 document")
    output_flags(sub)
    sub.add_argument("--copy", action="store_true", help="also put the agenda on the clipboard (OSC 52)")
    json_flag(sub)
    sub.set_defaults(run=person)

    sub = command(subparsers, "checkin", 'record a check-in: "How are we doing? How can we get better?"',
                  'ictrack checkin dana --rating 4 --note "wants figures a day earlier"')  # fmt: skip
    sub.add_argument("handle", metavar="P")
    sub.add_argument("--rating", type=whole_number(*SCALE), metavar="1-5", help="how they said we are doing")
    sub.add_argument("--note", metavar="TEXT", help="what to get better at")
    sub.set_defaults(run=checkin)


def thank(args, service) -> None:
    if args.draft or args.copy:
        if args.note is not None:
            raise BadInput("--note records a thank-you; --draft and --copy only show the draft. Give one or the other.")
        draft = service.thank_draft(args.id)
        out(f"{draft}\n")
        if args.copy:
            to_clipboard(draft, on_stdout())
        err(f"Not recorded yet; once you have sent it: ictrack thank {args.id}\n")
        return
    note = args.note
    if note is None and interactive():
        note = _edit(service.thank_draft(args.id))
    item = service.thank(args.id, note)
    who = f"{mention(item.person)} for " if item.person else ""
    out(f"Thanked {item.id}: {who}{visible(item.title)}\n")


def _edit(draft: str) -> str:
    """Open $EDITOR (then $VISUAL, then vi) on the draft; what was saved, or NotAllowed if nothing."""
    import os
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
    with tempfile.TemporaryDirectory(prefix="ictrack-") as folder:
        path = Path(folder) / "thank-you.txt"
        path.write_text(draft + "\n", encoding="utf-8")
        try:
            finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except (OSError, ValueError):
            raise BadInput(f'can\'t run the editor "{editor}"; set $EDITOR, or give the note with --note.') from None
        if finished.returncode != 0:
            raise NotAllowed(f'the editor "{editor}" exited with an error; no thank-you was recorded.')
        note = path.read_text(encoding="utf-8").strip()
    if not note:
        raise NotAllowed("the note was empty; no thank-you was recorded.")
    return note


def nudge(args, service) -> None:
    from ictrack import render

    item, draft = service.nudge_draft(args.id)
    out(render.as_json({"id": item.id, "draft": draft}) if args.json else f"{draft}\n", json=args.json)
    if args.copy:
        to_clipboard(draft, on_stdout())


def thanks(args, service) -> None:
    from ictrack import render

    owed = service.thanks()
    out(render.thanks_json(owed) if args.json else render.thanks(owed, service.clock()), json=args.json)


def people(args, service) -> None:
    from ictrack import render

    rows = service.people()
    out(render.people_json(rows) if args.json else render.people(rows, service.clock(), columns()), json=args.json)


# person VERB …: how many handles (or words) each takes; `person P` alone shows P's agenda
VERBS = {"add": "add P", "rename": "rename OLD NEW", "merge": "merge FROM INTO", "remove": "remove P",
         "note": "note P TEXT"}  # fmt: skip


def person(args, service) -> None:
    words, verb = args.words, args.words[0]
    if len(words) == 1 and verb in VERBS:  # a person called @add is typed so
        raise BadInput(f"use `ictrack person {VERBS[verb]}` (someone whose handle is {verb} is `ictrack person "
                       f"@{verb}`).")  # fmt: skip
    if len(words) == 1 or verb not in VERBS:
        if len(words) > 1:
            raise BadInput(f"`person {words[0]}` takes one handle; the others are {', '.join(VERBS)} "
                           "(see ictrack person --help).")  # fmt: skip
        return _agenda(args, service, words[0])
    wanted = {"add": 2, "rename": 3, "merge": 3, "remove": 2}.get(verb)
    if (wanted is not None and len(words) != wanted) or (verb == "note" and len(words) < 3):
        raise BadInput(f"use `ictrack person {VERBS[verb]}`.")
    options = {"name": args.name, "kind": args.kind, "team": args.team, "cadence": args.cadence}
    shows = {"--json": args.json, "--md": args.md, "-o": args.output is not None, "--copy": args.copy}
    given = [f"--{option}" for option, value in options.items() if value is not None]
    given += [flag for flag, wanted in shows.items() if wanted]
    if given and (verb != "add" or given[0] in shows):
        allowed = "`person P`" if given[0] in shows else "`person P` or `person add P`"
        raise BadInput(f"{given[0]} goes with {allowed}, not `person {verb}`.")
    if verb == "add":
        made = service.add_person(words[1], **options)
        called = f" ({visible(made.name)})" if made.name else ""
        out(f"Added {mention(made.handle)}{called}, {visible(made.kind)}.\n")
    elif verb == "rename":
        renamed = service.rename_person(words[1], words[2])
        out(f"Renamed {mention(normalize_handle(words[1]))} to {mention(renamed.handle)}; every item and check-in "
            "follows.\n")  # fmt: skip
    elif verb == "merge":
        kept, taken = service.merge_people(words[1], words[2])
        out(merged(normalize_handle(words[1]), kept.handle, taken))
    elif verb == "remove":
        gone = service.remove_person(words[1])
        out(f"Removed {mention(gone.handle)}.\n")
    else:
        noted = service.note_person(words[1], " ".join(words[2:]))
        out(f"Noted on {mention(noted.handle)}: {visible(noted.notes[-1].text)}\n")
    return None


def merged(folded: str, kept: str, taken: list[str]) -> str:
    """What a merge did: the records that moved, and the fields the one kept took from the one folded in."""
    line = (f"Merged {mention(folded)} into {mention(kept)}: their items, check-ins and notes are now one "
            "person's")  # fmt: skip
    if taken:
        fields = ", ".join(taken[:-1]) + " and " + taken[-1] if len(taken) > 1 else taken[0]
        line += f", and {mention(kept)} takes {mention(folded)}'s {fields}, which they had not set"
    else:
        line += f"; {mention(kept)} keeps their own name, kind, team and cadence"
    return line + ". `ictrack undo` takes it back.\n"


def _agenda(args, service, handle: str) -> None:
    from ictrack import render

    if args.json and args.md:
        raise BadInput("give --json or --md, not both.")
    changes = [f"--{option}" for option in ("name", "kind", "team", "cadence") if getattr(args, option) is not None]
    if changes and args.output is not None:  # a change and a file are two writes: a crash between would split them
        raise BadInput(f"-o writes the agenda alone; give {changes[0]} in a command of its own first.")
    path = output_path(args.output)  # checked before anything is changed
    markdown = args.md or (path is not None and path.suffix.lower() == ".md" and not args.json)
    view = service.person(handle, kind=args.kind, team=args.team, cadence=args.cadence, name=args.name)
    now = service.clock()
    page = render.agenda_json(view) if args.json else render.agenda_markdown(view, now) if markdown else (
        render.agenda(view, now))  # fmt: skip
    where = on_stdout("the agenda")
    if path is not None:
        write_file(path, page, args.force)
        kind = "json" if args.json else "md" if markdown else "text"
        out(f"Wrote {mention(view.person.handle)}'s agenda ({kind}) to {visible(path.resolve())}\n")
        where = f"the agenda was written to {visible(path)}"
    else:
        out(page, json=args.json)
    if args.copy:
        to_clipboard(page, where)


def checkin(args, service) -> None:
    record = service.checkin(args.handle, args.rating, args.note)
    rating = f" (rating {record.rating}/5)" if record.rating else ""
    out(f"Checked in with {mention(record.person)}{rating}.\n")
