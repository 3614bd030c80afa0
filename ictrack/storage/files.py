"""File primitives: every write in the data folder goes through these, and every read of a data file.

A file is replaced by writing a temp file beside it (created exclusively, under a random name, never
through a link), fsyncing it and renaming it over the old one, then fsyncing the folder: a reader or
a crash sees the old file or the new one, never a part.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tinydb.storages import Storage

from ictrack.errors import StorageProblem

# the data folder's own files (archives are archive-YEAR.json beside them, backups a folder)
DATA_FILE = "ictrack.json"
LOCK_FILE = "ictrack.lock"


class Damaged(Exception):
    """A file that can't be used as it is; the message says what is wrong with it."""


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _temp_beside(path: Path) -> Path:
    """A fresh hidden name beside `path`, which nobody can have prepared: it is created exclusively."""
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def write_new(path: Path, content: bytes, mode: int = 0o600) -> None:
    """Create `path` (never an existing file or a link), private unless `mode` says, with `content`, flushed."""
    fd = os.open(path, _CREATE, mode)
    try:
        write_all(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, content: bytes) -> None:
    """Write all of `content` to `fd`, however many writes it takes."""
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def sync_folder(folder: Path) -> None:
    """Make a rename or a new entry in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing a link (FileNotFoundError if there is none)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        return file.read()


def write_atomically(path: Path, content: bytes | str, *, replace: bool = True, mode: int = 0o600) -> None:
    """Put `content` at `path` so that a crash leaves the old file or the new one, never a part; 0600 unless `mode`.

    Without `replace`, an existing file is kept and FileExistsError raised (for `-o FILE` without
    --force). Any other failure is an OSError, with nothing left behind.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")  # before touching the disk: bad text must leave nothing behind
    temp = _temp_beside(path)
    try:
        write_new(temp, content, mode)
        if replace:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
        sync_folder(path.parent)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _link_new(temp: Path, path: Path) -> None:
    """Give `temp`'s content the name `path` only if nothing has that name yet, in one step."""
    try:
        os.link(temp, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS) or os.path.lexists(path):
            raise
        os.rename(temp, path)  # a file system without hard links: checked just before, which is the best it allows
        return
    os.unlink(temp)


def remove_folder(folder: Path) -> None:
    """Remove a flat folder (a backup): first renamed out of sight, so a crash never leaves half of one listed."""
    trash = folder.with_name(f".trash-{os.urandom(6).hex()}")
    os.rename(folder, trash)
    empty_and_remove(trash)


def empty_and_remove(folder: Path) -> None:
    for entry in os.scandir(folder):
        os.unlink(entry.path)
    os.rmdir(folder)


def remove_stale_temps(folder: Path) -> None:
    """Temp files a killed writer left behind; only called under the lock, when nobody else is writing."""
    with suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


@contextmanager
def exclusive_lock(path: Path, timeout: float, busy: str) -> Iterator[None]:
    """Hold an exclusive lock on the file `path` (made 0600 if missing), waiting up to `timeout` seconds for
    another process to let it go; StorageProblem(`busy`) if it doesn't. Closing the file releases the lock,
    so a killed process never leaves it held."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise StorageProblem(f"can't use the data folder {path.parent}: {error.strerror}.") from None
    try:
        deadline = clock.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES) or clock.monotonic() >= deadline:
                    raise StorageProblem(busy) from None
                clock.sleep(0.005)
        yield
    finally:
        os.close(fd)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """json's object hook: a key given twice (two items with one ID) is damage, not last-one-wins."""
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        raise Damaged(f"holds the same key twice ({', '.join(repeated[:3])})")
    return result


def parse_data(raw: bytes) -> dict:
    """The tables in a data or archive file; Damaged if it is not one."""
    if not raw.strip():
        raise Damaged("is empty")
    try:
        data = json.loads(raw, object_pairs_hook=_unique_keys)
    except (ValueError, UnicodeDecodeError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise Damaged(f"is not valid JSON{where}") from None
    except RecursionError:
        raise Damaged("is nested far too deeply to be an ictrack file") from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    ):
        raise Damaged("is not an ictrack data file")
    return data


class Linked(Damaged):
    """A data file or archive that is a symbolic link: not damaged, but not a file ictrack can keep safe."""


def linked_message(path: Path) -> str:
    """What to do about a data file or archive that is a symbolic link: not a backup, which would hide its target."""
    return (f"{path} is a symbolic link; ictrack replaces its files when it writes, which would break the link, "
            "so it uses neither. Point ICTRACK_HOME at the folder that holds the real file (docs/data.md); "
            "nothing was changed.")  # fmt: skip


def read_data_file(path: Path) -> dict | None:
    """The file's tables, or None when it does not exist yet; Damaged if it can't be used."""
    if path.is_symlink():
        raise Linked("is a symbolic link; ictrack writes by replacing the file, which would break the link")
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Damaged(f"can't be read: {error.strerror}") from None
    return parse_data(raw)


class FileStorage(Storage):
    """TinyDB storage that opens the data file by path on every call and writes atomically."""

    def __init__(self, path: Path):
        self.path = path

    def read(self) -> dict | None:
        return read_data_file(self.path)

    def write(self, data: dict) -> None:
        try:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError as error:
            raise StorageProblem(f"can't write {self.path}: {error.strerror}; nothing was changed.") from None


class OperationBuffer(Storage):
    """The file's tables for one operation under the lock: read once, written once at the end."""

    def __init__(self, data: dict | None):
        self.data = data if data is not None else {}  # no file yet: no tables, as TinyDB reads None

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data
