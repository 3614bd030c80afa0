"""bench/results.md, one section per benchmark script: each rewrites its own section and keeps the others;
and `machine()`, the line that says where the figures were measured.

A section starts at its marker line, `<!-- NAME: bench/NAME.py -->`, and runs to the next marker or the
end of the file; a section not there yet is added at the end.
"""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")
TITLE = "# Benchmark results"
_MARKER = re.compile(r"^<!-- (?P<name>[\w-]+): bench/[\w-]+\.py -->$", re.MULTILINE)


def write_section(name: str, text: str, path: Path = RESULTS) -> None:
    """Put `text` (markdown, its own heading first) in the section `name` of `path`."""
    existing = path.read_text(encoding="utf-8") if path.exists() else f"{TITLE}\n"
    starts = list(_MARKER.finditer(existing))
    head = existing[: starts[0].start()] if starts else existing.rstrip("\n") + "\n\n"
    sections = {
        match["name"]: existing[match.start() : starts[index + 1].start() if index + 1 < len(starts) else None]
        for index, match in enumerate(starts)
    }
    sections[name] = f"<!-- {name}: bench/{name}.py -->\n{text.strip()}\n\n"
    path.write_text(head + "".join(sections.values()).rstrip("\n") + "\n", encoding="utf-8")


def machine() -> str:
    """`Linux 6.1, AMD EPYC, 2 cores; CPython 3.11.7`: where the figures were measured."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU") if Path(
                  "/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    return (f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores; "
            f"{platform.python_implementation()} {platform.python_version()}")  # fmt: skip
