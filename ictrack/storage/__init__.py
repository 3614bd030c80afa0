"""Storage: the data folder on disk. The only package that imports tinydb.

The folder holds `ictrack.json` (open items, recent history, people, care checks, check-ins, the undo
journal), one `archive-YEAR.json` per year of settled history, and `backups/`.

- `files`: atomic writes and checked reads, the primitives every write goes through;
- `tables`: a file's tables as model objects, and bulk writes back;
- `migrations`: schema numbers and the steps between them;
- `archive`: what leaves the data file for the yearly archives;
- `backups`: numbered, private copies taken before the day's first change;
- `doctor`: checking every file and repairing what is damaged;
- `store`: the `Store`, which reads, and changes one locked operation at a time.
"""

from ictrack.core.state import Change, State
from ictrack.storage.files import DATA_FILE, FileStorage, write_atomically
from ictrack.storage.migrations import SCHEMA
from ictrack.storage.store import DEFAULT_LOCK_TIMEOUT, JOURNAL_LIMIT, Store

__all__ = ["DATA_FILE", "DEFAULT_LOCK_TIMEOUT", "JOURNAL_LIMIT", "SCHEMA", "Change", "FileStorage", "State", "Store",
           "write_atomically"]  # fmt: skip
