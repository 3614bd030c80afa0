"""ictrack installed as people install it, for the benchmarks: the wheel, in a virtual environment of its own.

The editable install in .venv adds a finder that runs at every start-up, so `python -c pass` there takes
about twice as long and every ratio to it shrinks. `make bench` times a regular install instead: the
wheel built from a copy of this checkout (build leftovers can't slip into it), installed non-editable
into VENV, with no pip or setuptools start-up hooks inside. VENV is created on first use and its
dependencies kept; ictrack itself is reinstalled on every run, as its version does not change with the code.

Usage: python bench/install.py [VENV]   (default .bench-venv; `make bench` runs it, then VENV/bin/python bench/...)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# what a fresh clone would not have: dot folders (.git, .venv, caches), build output, bytecode
LEFTOVERS = (".*", "build", "dist", "*.egg-info", "__pycache__")


def pip(*args) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--quiet", *map(str, args)], check=True)


def build_wheel(folder: Path) -> Path:
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFTOVERS))
    pip("wheel", "--no-deps", "--wheel-dir", folder / "dist", source)
    (wheel,) = (folder / "dist").glob("ictrack-*.whl")
    return wheel


def main() -> None:
    venv = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".bench-venv").absolute()
    python = venv / "bin" / "python"
    if not python.exists():
        # the same interpreter as the one running this, without .venv's site-packages
        subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", venv], check=True)
    with tempfile.TemporaryDirectory() as folder:
        wheel = build_wheel(Path(folder))
        pip("--python", python, "install", "--force-reinstall", "--no-deps", wheel)
        # its dependencies, and pexpect for the first-paint timings: fetched the first time only
        pip("--python", python, "install", wheel, "pexpect")
    print(f"bench: {wheel.name} installed into {venv}")


if __name__ == "__main__":
    main()
