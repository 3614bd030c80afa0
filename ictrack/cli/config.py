"""The config command: where config.toml is, the settings in effect (the ones it sets marked), a commented
template of every setting (`--init`), and editing it in $EDITOR, checked on the way out (`--edit`).

It reads no data, and it opens a config file that would stop every other command, so that it can be fixed.
The keys and their values are in docs/config.md.
"""

from __future__ import annotations

from ictrack.cli.common import command, out
from ictrack.errors import BadInput
from ictrack.text import visible


def register(subparsers) -> None:
    sub = command(subparsers, "config", "show where the config file is and the settings in effect, those it sets "
                  "marked; --init writes a commented template, --edit opens it in $EDITOR",
                  "ictrack config\nictrack config --json\nictrack config --init\nictrack config --edit\n"
                  "$EDITOR \"$(ictrack config --path)\"")  # fmt: skip
    what = sub.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print the config file's path alone")
    what.add_argument("--init", action="store_true", help="write a template of every setting at its default, "
                      "commented out (an existing file is kept, unless --force)")  # fmt: skip
    what.add_argument("--edit", action="store_true", help="open the config file in $EDITOR (else $VISUAL), the "
                      "template first if there is none, and check it when the editor exits")  # fmt: skip
    sub.add_argument("--force", action="store_true", help="with --init, replace the file that is there")
    sub.add_argument("--json", action="store_true", help="print the path and the settings as JSON (docs/config.md)")
    sub.set_defaults(run=config, reads_data=lambda args: False)


def config(args, service) -> None:
    from ictrack import environment

    if args.force and not args.init:
        raise BadInput("--force goes with --init (it replaces the config file with the template).")
    if args.json and (args.init or args.edit or args.path):
        raise BadInput("--json goes with the settings alone: ictrack config --json.")
    path = environment.config_path()
    if args.path:
        out(f"{visible(path)}\n")
    elif args.init:
        from ictrack.service import write_config_template

        written = write_config_template(path, replace=args.force)
        out(f"Wrote the template to {visible(written)}: every setting at its default, commented out; take the "
            "# off a setting's lines to change it.\n")  # fmt: skip
    elif args.edit:
        edit(path)
    else:
        show(path, args.json)


def show(path, json: bool) -> None:
    from ictrack import environment, render
    from ictrack.core.settings_toml import effective, set_in, shown

    settings, table = environment.read_config(path)
    if json:
        document = {"path": str(path), "exists": table is not None, "settings": effective(settings),
                    "from_file": set_in(table)}  # fmt: skip
        out(render.as_json(document), json=True)
        return
    if table is None:
        about = ["# It is not there, so every setting is its default; `ictrack config --init` writes a template."]
    else:
        about = ['# The settings it sets are marked "from the file"; the others are defaults.']
    out("\n".join([f"# The config file: {visible(path)}", *about, "", *shown(settings, table)]) + "\n")


def edit(path) -> None:
    from ictrack import environment
    from ictrack.core.settings_toml import set_in
    from ictrack.service import edit_config

    editor = environment.editor()
    if editor is None:
        raise BadInput(f"no editor is set: set $EDITOR (or $VISUAL), or edit {path} yourself.")
    _, table, created = edit_config(path, editor)
    wrote = f"Wrote the template to {visible(path)}, then checked it" if created else f"Checked {visible(path)}"
    named = set_in(table)
    sets = f"it sets {', '.join(named)}" if named else "it sets nothing, so every setting is its default"
    out(f"{wrote}: {sets}.\n")
