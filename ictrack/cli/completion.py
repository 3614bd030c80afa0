"""Shell completion scripts, written from the command line's own parser so they never drift from it.

Commands, options, fixed choices and quick add's flags (`+ext`, `+high`, `+low`) are in the script;
`@handles` and tags (`+tag`, `#tag`) come at each Tab from `ictrack completion handles|tags`, which
reads the data file and nothing else.
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")
HANDLE_OPTIONS = ("--to", "--person")
TAG_OPTIONS = ("--tag", "--untag")
HANDLE_ARGUMENTS = ("person", "checkin")  # commands whose first argument is a person
TEXT_COMMANDS = ("add", "ask", "helped")  # where @handles, +tags and #tags are written in the text
FLAG_MARKS = ("+ext", "+high", "+low")  # quick add's flags, offered with the +tags


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [flag for action in parser._actions for flag in action.option_strings if flag.startswith("--")]


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    """The fixed words a command's first positional argument takes (export json|ics …)."""
    for action in parser._actions:
        if not action.option_strings and action.choices:
            return list(action.choices)
    return []


_BASH = r"""# ictrack completion for bash. Add to ~/.bashrc:  eval "$(ictrack completion bash)"
_ictrack_names() {  # $1: handles or tags; $2: the prefix to put before each
    local name
    while IFS= read -r name; do printf '%s\n' "$2$name"; done < <(command ictrack completion "$1" 2>/dev/null)
}

_ictrack_offer() {  # offer each of $1 (one per line) that starts with the token $2 under the cursor
    # readline replaces the text from the last space, or from an open quote (keeping a leading @):
    # reply with that text up to the token, then the word
    local token=$2 word line=${COMP_LINE:0:$COMP_POINT}
    local quotes=${line//[^\"]/} text=${line##*[[:space:]]}
    (( ${#quotes} % 2 )) && text=${line##*\"}
    local before=${text:0:${#text}-${#token}} bare=${token#\\}
    COMPREPLY=()
    while IFS= read -r word; do
        [[ -n $word && $word == "$bare"* ]] || continue
        # outside quotes a word that starts with # would begin a comment: write it as \#tag
        (( ${#quotes} % 2 )) || word=${word/#\#/\\#}
        COMPREPLY+=("$before$word")
    done <<< "$1"
}

_ictrack() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=${COMP_WORDS[1]}
    local line=${COMP_LINE:0:$COMP_POINT}
    local token=${line##*[[:space:]\"]}
    if (( COMP_CWORD == 1 )); then
        COMPREPLY=($(compgen -W "@@COMMANDS@@ --help --version" -- "$cur"))
        return
    fi
    case $prev in
        @@HANDLE_OPTIONS@@) _ictrack_offer "$(_ictrack_names handles)" "$token"; return ;;
        @@TAG_OPTIONS@@) _ictrack_offer "$(_ictrack_names tags)" "$token"; return ;;
    esac
    case $token in
        @*) _ictrack_offer "$(_ictrack_names handles @)" "$token"; return ;;
        \#*|\\\#*) _ictrack_offer "$(_ictrack_names tags '#')" "$token"; return ;;
        +*) _ictrack_offer "$(_ictrack_names tags +; printf '%s\n' @@FLAGS@@)" "$token"; return ;;
        -*)
            local opts=""
            case $command in
@@OPTIONS@@
            esac
            COMPREPLY=($(compgen -W "$opts" -- "$cur"))
            return ;;
    esac
    if (( COMP_CWORD == 2 )); then
        local words=""
        case $command in
@@CHOICES@@
            @@HANDLE_ARGUMENTS@@) _ictrack_offer "$(_ictrack_names handles)" "$token"; return ;;
        esac
        [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur")) && return
    fi
    COMPREPLY=()
}

_ictrack_add() {  # for the suggested alias: alias ia='ictrack add'
    COMP_WORDS=(ictrack add "${COMP_WORDS[@]:1}")
    COMP_CWORD=$((COMP_CWORD + 1))
    _ictrack
}

complete -o default -F _ictrack ictrack
complete -o default -F _ictrack_add ia
"""


def bash(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    fills = {
        "@@COMMANDS@@": " ".join(commands),
        "@@HANDLE_OPTIONS@@": "|".join(HANDLE_OPTIONS),
        "@@TAG_OPTIONS@@": "|".join(TAG_OPTIONS),
        "@@HANDLE_ARGUMENTS@@": "|".join(HANDLE_ARGUMENTS),
        "@@FLAGS@@": " ".join(FLAG_MARKS),
        "@@OPTIONS@@": "\n".join(f'                {name}) opts="{" ".join(_options(sub))}" ;;'
                                 for name, sub in commands.items()),
        "@@CHOICES@@": "\n".join(f'            {name}) words="{" ".join(words)}" ;;'
                                 for name, sub in commands.items() if (words := _choices(sub))),
    }  # fmt: skip
    script = _BASH
    for placeholder, text in fills.items():
        script = script.replace(placeholder, text)
    return script


def zsh(parser: argparse.ArgumentParser) -> str:
    return (
        '# ictrack completion for zsh. Add to ~/.zshrc:  eval "$(ictrack completion zsh)"\n'
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash(parser).split("\n", 1)[1]
    )


def fish(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    lines = [
        "# ictrack completion for fish. Save as ~/.config/fish/completions/ictrack.fish:",
        "#   ictrack completion fish > ~/.config/fish/completions/ictrack.fish",
        "complete -c ictrack -f",
    ]
    for name, sub in commands.items():
        summary = (sub.description or "").rstrip(".").replace("'", "\\'")
        lines.append(f"complete -c ictrack -n __fish_use_subcommand -a {name} -d '{summary[:60]}'")
        for flag in _options(sub):
            lines.append(f"complete -c ictrack -n '__fish_seen_subcommand_from {name}' -l {flag[2:]}")
        if words := _choices(sub):
            lines.append(f"complete -c ictrack -n '__fish_seen_subcommand_from {name}' -a '{' '.join(words)}'")
    handles = "(ictrack completion handles 2>/dev/null)"
    tags = "(ictrack completion tags 2>/dev/null)"
    text, flags = " ".join(TEXT_COMMANDS), " ".join(FLAG_MARKS)
    lines += [
        # escaped: the words are read again at each Tab, and there a bare # would start a comment
        f"complete -c ictrack -n '__fish_seen_subcommand_from {text}' -a '@{handles} +{tags} \\#{tags} {flags}'",
        f"complete -c ictrack -n '__fish_seen_subcommand_from {' '.join(HANDLE_ARGUMENTS)}' -a '{handles}'",
        *(f"complete -c ictrack -l {flag[2:]} -x -a '{handles}'" for flag in HANDLE_OPTIONS),
        *(f"complete -c ictrack -l {flag[2:]} -x -a '{tags}'" for flag in TAG_OPTIONS),
    ]
    return "\n".join(lines) + "\n"


SCRIPTS = {"bash": bash, "zsh": zsh, "fish": fish}
