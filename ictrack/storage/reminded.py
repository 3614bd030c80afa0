"""What `remind` has said: `reminded.json` in the data folder, `{"said": {key: time said}}` (keys from
`ictrack.core.nudges`). It is read and written whole, atomically (`files.write_atomically`), under its own lock
(`reminded.lock`), so two runs at once never say one thing twice, and a run never waits on a change to the data.

Keys said more than KEEP_DAYS ago are dropped: by then their item, person or day is long settled. A file that
can't be read is started afresh (what was said may then be said once more) rather than stop the reminders.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from ictrack.errors import StorageProblem
from ictrack.storage.files import exclusive_lock, read_bytes, write_atomically

REMINDED_FILE = "reminded.json"
REMINDED_LOCK = "reminded.lock"
KEEP_DAYS = 90


class Reminded:
    """The record of what was said, in one data folder."""

    def __init__(self, home: Path, lock_timeout: float) -> None:
        self.home, self.lock_timeout = Path(home), lock_timeout
        self.path = self.home / REMINDED_FILE

    def read(self) -> dict[str, str]:
        """Every key said, with when; empty for a missing or unreadable file."""
        try:
            data = json.loads(read_bytes(self.path))
        except (OSError, ValueError):
            return {}
        said = data.get("said") if isinstance(data, dict) else None
        if not isinstance(said, dict):
            return {}
        return {key: at for key, at in said.items() if isinstance(key, str) and isinstance(at, str)}

    @contextmanager
    def said(self, now: datetime) -> Iterator[dict[str, str]]:
        """The keys said, under the lock; what the block adds is written when it ends without an error."""
        with self._locked():
            said = self.read()
            before = dict(said)
            yield said
            oldest = now - timedelta(days=KEEP_DAYS)
            kept = {key: at for key, at in said.items() if _after(at, oldest)}
            if kept != before:
                try:
                    write_atomically(self.path, json.dumps({"said": kept}, indent=1, sort_keys=True) + "\n")
                except OSError as error:
                    raise StorageProblem(f"can't write {self.path}: {error.strerror}; what was said now may be "
                                         "said again.") from None  # fmt: skip

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise StorageProblem(f"can't use the data folder {self.home}: {error.strerror}.") from None
        busy = f"another ictrack remind is running in {self.home} (waited {self.lock_timeout:g}s); nothing was said."
        with exclusive_lock(self.home / REMINDED_LOCK, self.lock_timeout, busy):
            yield


def _after(text: str, moment: datetime) -> bool:
    """Whether the time `text` is after `moment`; a time that can't be read is not kept."""
    try:
        return datetime.fromisoformat(text) > moment
    except (TypeError, ValueError):
        return False
