"""ictrack as people install it: the wheel built from this checkout, in a fresh environment, away from the source.

Also runs the README's install lines as written (pipx, and pip --user) in a sandboxed home. Slow (builds and
installs, dependencies from the package index), so marked `wheel`; it stays in the default run, as CI must see it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import ictrack

# one group: under pytest -n the tests share one worker, so the wheel is built and pipx installed once
pytestmark = [pytest.mark.wheel, pytest.mark.xdist_group("wheel")]

ROOT = Path(__file__).resolve().parent.parent
BASE_PYTHON = Path(sys._base_executable)  # pip refuses --user inside a virtual environment such as .venv
NOW, ZONE = "2026-11-23T09:00", "Europe/London"  # a Monday morning
# what a fresh clone would not have: the wheel is built without them
BUILD_LEFTOVERS = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")
# what would make Python find this checkout or the project's .venv instead of the installed copy
LEAKS = ("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV", "TMUX")


def clean_environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in LEAKS and not key.startswith("ICTRACK_")}
    return {**env, **extra}


def run(args: list, *, env: dict | None = None, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command that must succeed; its output is in the failure message if it does not."""
    done = subprocess.run([str(arg) for arg in args], env=env or clean_environment(), cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)  # fmt: skip
    assert done.returncode == 0, f"{shlex.join(done.args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def user_data(folder: Path) -> dict[str, str]:
    """A temporary data folder and config, and a pinned clock and zone."""
    return {"ICTRACK_HOME": str(folder / "data"), "ICTRACK_CONFIG": str(folder / "config.toml"), "ICTRACK_NOW": NOW,
            "TZ": ZONE}  # fmt: skip


@dataclass
class Installed:
    wheel: Path
    venv: Path

    @property
    def ictrack(self) -> Path:
        return self.venv / "bin" / "ictrack"


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Installed:
    """The wheel built from this checkout, installed with its dependencies into a new virtual environment."""
    folder = tmp_path_factory.mktemp("wheel")
    # a build reuses the checkout's ictrack.egg-info and build/, which can hold files setup no longer lists
    source = shutil.copytree(ROOT, folder / "source", ignore=shutil.ignore_patterns(*BUILD_LEFTOVERS))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", folder / "dist", source], cwd=folder)
    (wheel,) = (folder / "dist").glob("ictrack-*.whl")
    venv = folder / "venv"
    # this pip installs into the new environment: copying pip into it first would take longer than the rest
    run([BASE_PYTHON, "-m", "venv", "--without-pip", venv], cwd=folder)
    run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", wheel], cwd=folder)
    return Installed(wheel, venv)


def test_the_wheel_carries_every_file_of_the_package_and_nothing_else(installed):
    package = {path.relative_to(ROOT).as_posix() for path in (ROOT / "ictrack").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}  # fmt: skip
    assert "ictrack/tui/app.tcss" in package
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert {name for name in names if name.startswith("ictrack/")} == package
    assert {name.split("/")[0] for name in names} == {"ictrack", f"ictrack-{ictrack.__version__}.dist-info"}


def test_the_installed_commands_add_brief_and_list_from_a_fresh_environment(installed, tmp_path):
    where = run([installed.venv / "bin" / "python", "-c", "import ictrack; print(ictrack.__file__)"], cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(installed.venv)
    env = clean_environment(**user_data(tmp_path))
    added = run([installed.ictrack, "add", "@dana send Q3 figures by today 5pm #finance"], env=env, cwd=tmp_path)
    assert added.stdout == "Added 1: send Q3 figures → @dana, due Mon 23 Nov 17:00 (in 8 hours) #finance\n"
    brief = run([installed.ictrack, "brief"], env=env, cwd=tmp_path).stdout
    assert brief.startswith("ictrack — Monday 23 November, 09:00\n")
    assert "send Q3 figures" in brief
    (item,) = json.loads(run([installed.ictrack, "list", "--json"], env=env, cwd=tmp_path).stdout)
    assert (item["title"], item["person"], item["tags"], item["due"]) == (
        "send Q3 figures", "dana", ["finance"], "2026-11-23T17:00:00+00:00")  # fmt: skip


class Terminal:
    """One tmux server of its own, 100x30, running one command; the screen read back as text."""

    def __init__(self, name: str, command: str, env: dict) -> None:
        self.tmux = ["tmux", "-L", name]
        run([*self.tmux, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], env=env, cwd=Path.cwd())

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, *, gone: bool = False, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if (text in (shown := self.screen())) != gone:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} {'stayed' if gone else 'did not appear'}; the screen was:\n{self.screen()}")

    def press(self, key: str) -> None:
        time.sleep(0.5)  # a key sent among the terminal's start-up replies can be lost
        subprocess.run([*self.tmux, "send-keys", key], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_installed_review_opens_in_a_real_terminal_and_quits_with_status_zero(installed, tmp_path):
    data = user_data(tmp_path)
    run([installed.ictrack, "add", "call the bank by today 5pm"], env=clean_environment(**data), cwd=tmp_path)
    status = tmp_path / "status"
    settings = " ".join(f"{key}={shlex.quote(value)}" for key, value in data.items())
    command = f"cd {shlex.quote(str(tmp_path))} && env {settings} {shlex.quote(str(installed.ictrack))} ui; " \
              f"echo $? > {shlex.quote(str(status))}"  # fmt: skip
    terminal = Terminal(f"ictrack-wheel-{os.getpid()}", command, clean_environment())
    try:
        terminal.wait_for("Today's care check")
        terminal.press("Escape")
        shown = terminal.wait_for("Today's care check", gone=True)
        # 100 columns hold the status line's longest form; on a loaded machine the review can start before tmux
        # has sized the pane and draw at 80 columns, whose form says "also today": either names the group
        assert "call the bank" in shown
        assert "0 at risk · 1 also due today · 0 thanks owed" in shown or "0 at risk · 1 also today · 0 thanks" in shown
        terminal.press("q")
        deadline = time.monotonic() + 20
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.exists(), f"the review did not end; the screen was:\n{terminal.screen()}"
    finally:
        terminal.close()
    assert status.read_text().strip() == "0"


def readme_install_lines() -> dict[str, str]:
    """The lines of the README's fenced block that follows its `<!-- install:` marker, by their first word."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    (start,) = [number for number, line in enumerate(lines) if line.startswith("<!-- install:")]
    assert lines[start + 1] == "```sh", "the install marker must be followed by a ```sh block"
    block = lines[start + 2 : lines.index("```", start + 2)]
    return {line.split()[0]: line for line in block}


def test_the_readme_offers_pipx_and_a_user_install_with_pip():
    assert readme_install_lines() == {"pipx": "pipx install .", "python3": "python3 -m pip install --user ."}


@pytest.fixture(scope="module", autouse=True)
def pipx_install(tmp_path_factory):
    """pipx, installed from the package index into an environment of its own while the other tests run."""
    venv = tmp_path_factory.mktemp("pipx") / "venv"
    run([BASE_PYTHON, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    log = venv.parent / "pip.log"
    install = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "pipx"]
    with log.open("w") as output:
        process = subprocess.Popen(install, env=clean_environment(), stdout=output, stderr=output)
    yield venv / "bin", process, log
    if process.poll() is None:  # the pipx test was not selected, or failed before needing it
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def pipx_bin(pipx_install) -> Path:
    """The folder holding the `pipx` command, once its installation has finished."""
    folder, process, log = pipx_install
    if process.wait(timeout=600) != 0:
        reason = log.read_text().strip().splitlines()[-1:]
        pytest.skip(f"pipx could not be installed from the package index: {reason}")
    return folder


@pytest.mark.parametrize(("tool", "installs_into"), [("pipx", "PIPX_BIN_DIR"), ("python3", "PYTHONUSERBASE")])
def test_the_readmes_install_line_as_written_gives_a_working_command(tool, installs_into, tmp_path, request):
    """Run the README's line from the checkout, with every place it installs to inside a temporary folder."""
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "python3").symlink_to(BASE_PYTHON)  # python3 on the PATH is the base interpreter, not .venv's
    path = [str(tools)]
    if tool == "pipx":
        path.append(str(request.getfixturevalue("pipx_bin")))
    sandbox = {"HOME": tmp_path / "home", "PYTHONUSERBASE": tmp_path / "user", "PIPX_HOME": tmp_path / "pipx",
               "PIPX_BIN_DIR": tmp_path / "pipx-bin"}  # fmt: skip
    env = clean_environment(
        PATH=os.pathsep.join([*path, os.environ["PATH"]]),
        # the new HOME would otherwise start pip with an empty cache, and every run would download everything
        PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip"),
        **{key: str(value) for key, value in sandbox.items()},
    )
    run(["sh", "-c", readme_install_lines()[tool]], env=env, cwd=ROOT)

    command = sandbox[installs_into] / ("ictrack" if tool == "pipx" else "bin/ictrack")
    assert command.is_file()
    away = tmp_path / "elsewhere"
    away.mkdir()
    env.update(user_data(tmp_path))
    assert run([command, "--version"], env=env, cwd=away).stdout == f"ictrack {ictrack.__version__}\n"
    added = run([command, "add", "send Q3 figures by fri 3pm"], env=env, cwd=away).stdout
    assert added == "Added 1: send Q3 figures, due Fri 27 Nov 15:00 (in 4 days)\n"
