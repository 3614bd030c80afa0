"""Data commands: check and repair the data folder (doctor), export, import, and shell completion.

The export and import formats are in docs/json.md; the data folder, its backups and doctor in docs/data.md.
"""

from __future__ import annotations

import sys

from ictrack.cli.common import command, out, output_flags, output_path, write_file
from ictrack.errors import BadInput
from ictrack.text import plural, visible

NAMES = ("handles", "tags")  # what `completion` lists from the data, for the scripts to offer at each Tab
MAX_DEPTH = 32  # an export is 5 levels deep; far deeper could exhaust the stack of whatever walks it next


def register(subparsers) -> None:
    sub = command(subparsers, "doctor", "check the data files (JSON, schema, every record, unique IDs, people) and "
                  "repair damaged ones from the backups", "ictrack doctor\nictrack doctor --restore")  # fmt: skip
    sub.add_argument("--restore", action="store_true",
                     help="repair what is damaged, and only that, from the newest good backups; each damaged file "
                     "is kept aside")  # fmt: skip
    sub.set_defaults(run=doctor)

    sub = command(subparsers, "export", "write your data out: json (everything, for `import json`) or ics (open "
                  "commitments with due dates, for a calendar)",
                  "ictrack export json -o ictrack-backup.json\nictrack export ics -o ~/promises.ics --force\n"
                  "ictrack export json | jq '.items | length'")  # fmt: skip
    sub.add_argument("format", choices=("json", "ics"))
    output_flags(sub)
    sub.set_defaults(run=export)

    sub = command(subparsers, "import", "read data in: json (an `ictrack export json`, into an empty data folder) "
                  "or taskwarrior (what `task export` writes)",
                  "task export | ictrack import taskwarrior -\nictrack import taskwarrior tasks.json\n"
                  "ICTRACK_HOME=~/new-ictrack ictrack import json ictrack-backup.json")  # fmt: skip
    sub.add_argument("format", choices=("json", "taskwarrior"))
    sub.add_argument("file", metavar="FILE", help='the file to read, or "-" for standard input')
    sub.set_defaults(run=import_data)

    sub = command(subparsers, "completion", "print a shell completion script (bash, zsh, fish), or the @handles or "
                  "#tags it completes",
                  'eval "$(ictrack completion bash)"     # in ~/.bashrc\n'
                  'eval "$(ictrack completion zsh)"      # in ~/.zshrc\n'
                  "ictrack completion fish > ~/.config/fish/completions/ictrack.fish")  # fmt: skip
    sub.add_argument("what", choices=("bash", "zsh", "fish", *NAMES))
    # a script is written from the parser alone: loading it from ~/.bashrc never reads the data or the config
    sub.set_defaults(run=completion, reads_data=lambda args: args.what in NAMES)


def doctor(args, service) -> int:
    if args.restore:
        out("".join(f"{visible(line)}\n" for line in service.restore()))
    problems, facts, advice = service.checkup()
    out("".join(f"  {visible(fact)}\n" for fact in facts))
    if problems:
        out("".join(f"problem: {visible(problem)}\n" for problem in problems))
        out("".join(f"{visible(line)}\n" for line in advice))
        return 3
    out("No problems found.\n")
    return 0


def export(args, service) -> None:
    from ictrack import render

    path = output_path(args.output)
    if args.format == "json":
        document = service.export_all()
        text, what = render.as_json(document), f"{len(document['items'])} items"
    else:
        from ictrack.interop.ics import to_ics

        items = service.calendar_items()
        text, what = to_ics(items, service.clock(), service.config.calendar_alarm), f"{len(items)} open commitments"
    if path is None:
        out(text, json=args.format == "json")
        return
    write_file(path, text, args.force)
    out(f"Wrote {what} ({args.format}) to {visible(path.resolve())}\n")


def import_data(args, service) -> None:
    data, source = _read_input(args.file)
    if args.format == "json":
        imported = service.import_all(data, source)
        counts = [plural(len(imported.items), "item"), plural(len(imported.people), "person", "people"),
                  plural(len(imported.care), "care check"), plural(len(imported.checkins), "check-in")]  # fmt: skip
        out(f"Imported {', '.join(counts[:-1])} and {counts[-1]} from {visible(source)}.\n")
        return
    report = service.import_taskwarrior(data, source)
    out(visible(report.summary(), newlines=True) + "\n")


def _read_input(name: str) -> tuple[object, str]:
    """The JSON in FILE (or stdin for "-"), and how to name it in messages."""
    import json

    source = "standard input" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as file:
                raw = file.read()
    except OSError as error:
        raise BadInput(f"can't read {source}: {error.strerror}.") from None
    too_deep = BadInput(
        f"{source} is nested more than {MAX_DEPTH} levels deep, which no export is; nothing was imported."
    )
    try:
        data = json.loads(raw)
    except RecursionError:
        raise too_deep from None
    except (ValueError, UnicodeDecodeError):
        raise BadInput(f"{source} is not JSON; nothing was imported.") from None
    if _depth(data) > MAX_DEPTH:
        raise too_deep
    return data, source


def _depth(data) -> int:
    """Levels of lists and objects in `data`, counted without recursion, up to MAX_DEPTH + 1."""
    level, depth = [data], 0
    while depth <= MAX_DEPTH:
        level = [node for node in level if isinstance(node, list | dict)]
        if not level:
            break
        depth += 1
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)]
    return depth


def completion(args, service) -> None:
    if args.what in NAMES:
        out("".join(f"{visible(name)}\n" for name in service.names(args.what)))
        return
    from ictrack.cli import build_parser
    from ictrack.cli.completion import SCRIPTS

    out(SCRIPTS[args.what](build_parser()))
