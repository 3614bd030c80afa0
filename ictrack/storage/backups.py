"""Backups: before the first change of each day (by the command's clock, or after a day of real time,
whichever comes first), before an upgrade and before archiving, the data file, the journal file and the
archives are copied into a private folder, and the newest few are kept.

Each backup is numbered, so the newest is the last one taken whatever the clocks said; each is built in
a hidden folder and renamed into place, so a backup cut short is never mistaken for one.

A copy keeps its file's modification time. A file the same as its copy in the previous backup (by size
and that time: ictrack replaces a file whenever it writes it) is linked to that copy rather than copied
again, so a backup of years of archives costs the months that changed. Nothing in a backup is ever
written in place, and the data folder's own files are never linked: a link holds what a copy would.
"""

from __future__ import annotations

import os
import re
import stat as modes
import time as clock
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from ictrack.errors import StorageProblem
from ictrack.storage.files import (
    DATA_FILE,
    Damaged,
    empty_and_remove,
    read_bytes,
    read_data_file,
    remove_folder,
    sync_folder,
    write_new,
)
from ictrack.storage.migrations import SCHEMA, migrate, schema_of
from ictrack.storage.tables import load_state, people_handles

BACKUP_FOLDER = "backups"

BACKUPS_KEPT = 7

DAY_SECONDS = 24 * 3600

CLOCK_SLACK = 300  # a backup dated this far ahead of the real clock is from a clock that was wrong

_BACKUP_NAME = re.compile(r"^(\d+)-(?P<day>\d{4}-\d{2}-\d{2})T\d{6}-[a-z-]+(?:-\d+)?$")

_OLD_BACKUP_NAME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})T\d{6}-[a-z-]+(?:-\d+)?$")  # before backups were numbered


def backup_order(folder: Path) -> tuple[int, int, str]:
    """Sort key, oldest first: numbered backups by number, after the unnumbered ones an older ictrack made."""
    numbered = _BACKUP_NAME.match(folder.name)
    return (1, int(numbered[1]), "") if numbered else (0, 0, folder.name)


def backup_day(folder: Path) -> str | None:
    """The date (by the clock of the command that took it) in a backup's name."""
    match = _BACKUP_NAME.match(folder.name) or _OLD_BACKUP_NAME.match(folder.name)
    return match["day"] if match else None


class Backups:
    """The backups folder of a data folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def all(self) -> list[Path]:
        """Backup folders, newest first (by the order they were taken, whatever the clocks said)."""
        try:
            folders = [Path(entry.path) for entry in os.scandir(self.folder)
                       if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)]  # fmt: skip
        except OSError:
            return []
        return sorted(folders, key=backup_order, reverse=True)

    def due(self, now: datetime) -> bool:
        """Whether a backup is due: the newest is from another day by `now`, or not from the last day of real time."""
        newest = self.all()[:1]
        if not newest:
            return True
        if backup_day(newest[0]) != now.date().isoformat():
            return True
        try:
            age = clock.time() - os.lstat(newest[0]).st_mtime
        except OSError:
            return True
        return not -CLOCK_SLACK <= age < DAY_SECONDS

    def _prepare(self) -> None:
        """The backups folder, private and real: a link there would send copies of the data elsewhere."""
        try:
            os.mkdir(self.folder, 0o700)
        except FileExistsError:
            info = os.lstat(self.folder)
            if modes.S_ISLNK(info.st_mode) or not modes.S_ISDIR(info.st_mode):
                raise StorageProblem(
                    f"{self.folder} is not a folder of its own (a link or a file); ictrack keeps its backups "
                    "in a private folder there. Move it away and try again; nothing was changed."
                ) from None
            if modes.S_IMODE(info.st_mode) & 0o077:
                os.chmod(self.folder, 0o700)
        for entry in os.scandir(self.folder):
            if entry.name.startswith((".new-", ".trash-")) and entry.is_dir(follow_symlinks=False):
                empty_and_remove(Path(entry.path))  # a backup or a removal a crash cut short

    def take(self, now: datetime, reason: str, files: list[Path]) -> Path:
        """Copy `files` (the data file and archives, as they are before a write); keep the newest few."""
        try:
            self._prepare()
            taken = self.all()
            number = max((backup_order(folder)[1] for folder in taken), default=0) + 1
            folder = self.folder / f"{number:05d}-{now:%Y-%m-%dT%H%M%S}-{reason}"
            building = self.folder / f".new-{os.urandom(6).hex()}"
            os.mkdir(building, 0o700)
            try:
                for path in files:
                    try:
                        _keep(path, building / path.name, taken[0] / path.name if taken else None)
                    except FileNotFoundError:
                        continue
                sync_folder(building)
                os.rename(building, folder)
            except OSError:
                with suppress(OSError):
                    empty_and_remove(building)  # nothing half-made stays; the next change tries again
                raise
            sync_folder(self.folder)
            for old in [folder, *taken][BACKUPS_KEPT:]:
                remove_folder(old)
        except OSError as error:
            raise StorageProblem(
                f"can't write a backup in {self.folder}: {error.strerror}; nothing was changed."
            ) from None
        return folder

    @classmethod
    def sound(cls, folder: Path, name: str = DATA_FILE, people: dict[str, str] | None = None) -> dict | None:
        """The tables of `name` in a backup, if it is there and sound, brought up to SCHEMA in memory.

        An archive's records name people of a data file: `people` (uuid -> handle), or else the sound data
        file of the same backup (without one, the archive can't be checked, and is not sound).
        """
        if name != DATA_FILE and people is None:
            data = cls.sound(folder)
            if data is None:
                return None
            people = people_handles(data)
        try:
            tables = read_data_file(folder / name)
            if tables is None or schema_of(tables) > SCHEMA:
                return None
            migrate(tables, folder / name)
            load_state(tables, people)
        except Damaged:
            return None
        return tables

    def newest_good(self) -> Path | None:
        return next((folder for folder in self.all() if self.sound(folder) is not None), None)


def _keep(path: Path, copy: Path, earlier: Path | None) -> None:
    """Copy `path` to `copy`, flushed, with its modification time; or link `copy` to `earlier` (its copy in the
    previous backup) if that is a copy of it as it is now. FileNotFoundError if there is no `path`."""
    info = os.stat(path, follow_symlinks=False)
    if earlier is not None and modes.S_ISREG(info.st_mode):
        try:
            held = os.stat(earlier, follow_symlinks=False)
            if modes.S_ISREG(held.st_mode) and (held.st_size, held.st_mtime_ns) == (info.st_size, info.st_mtime_ns):
                os.link(earlier, copy)
                return
        except OSError:
            pass  # no copy there, or no hard links on this file system: a copy does
    write_new(copy, read_bytes(path))
    with suppress(OSError):  # without its time, the next backup copies it again
        os.utime(copy, ns=(info.st_atime_ns, info.st_mtime_ns))
