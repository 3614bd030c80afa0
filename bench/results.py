"""bench/results.md, one section per benchmark script (or more: budgets.py keeps its figures before and after a
change apart): each rewrites its own section and keeps the others; and `machine()`, the line that says where
the figures were measured.

A section starts at its marker line, `<!-- NAME: bench/SCRIPT.py -->`, and runs to the next marker or the
end of the file; a section not there yet is added after the last one of the same script, or at the end.
"""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")
TITLE = "# Benchmark results"
_MARKER = re.compile(r"^<!-- (?P<name>[\w-]+): bench/(?P<script>[\w-]+)\.py -->$", re.MULTILINE)


def write_section(name: str, text: str, path: Path = RESULTS, script: str | None = None) -> None:
    """Put `text` (markdown, its own heading first) in the section `name` of `path`, written by bench/`script`.py
    (by default the script named `name`)."""
    existing = path.read_text(encoding="utf-8") if path.exists() else f"{TITLE}\n"
    starts = list(_MARKER.finditer(existing))
    head = existing[: starts[0].start()] if starts else existing.rstrip("\n") + "\n\n"
    sections = {
        match["name"]: existing[match.start() : starts[index + 1].start() if index + 1 < len(starts) else None]
        for index, match in enumerate(starts)
    }
    script = script or name
    section = f"<!-- {name}: bench/{script}.py -->\n{text.strip()}\n\n"
    names = list(sections)
    if name not in sections:
        siblings = [match["name"] for match in starts if match["script"] == script]
        names.insert(names.index(siblings[-1]) + 1 if siblings else len(names), name)
    sections[name] = section
    path.write_text(head + "".join(sections[key] for key in names).rstrip("\n") + "\n", encoding="utf-8")


def machine() -> str:
    """`Linux 6.1, AMD EPYC, 2 cores; CPython 3.11.7`: where the figures were measured."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU") if Path(
                  "/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    return (f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores; "
            f"{platform.python_implementation()} {platform.python_version()}")  # fmt: skip
