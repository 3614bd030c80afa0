"""What leaves the data file for the monthly archives, and which archive it goes to.

Settled items (closed more than `archive_days` ago, thanked if they were owed thanks), and care
checks and check-ins as old, move to the archive of their month: `archive-2026-10.json`. A care
check in the current streak stays, and so does each person's latest check-in, so the streak and
"check-in due" are counted from the data file alone. A month is what the day's first change
rewrites, however many years the folder holds. Before schema 7 an archive held a year
(`archive-2026.json`); the upgrade writes each anew by month.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB

from ictrack.core.model import FIRST_YEAR, LAST_YEAR, owes_thanks
from ictrack.core.relations import streak_days
from ictrack.core.settings import WORKWEEK

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence


_KEY = re.compile(r"([1-9][0-9]{3})(?:-(?:0[1-9]|1[0-2]))?")


def is_archive_key(value: object) -> bool:
    """Whether `value` names an archive: a month ("2026-10") or, before schema 7, a year ("2026") ictrack keeps."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR


def by_year(key: str) -> bool:
    """Whether an archive holds a year, as before schema 7, rather than a month."""
    return len(key) == 4


def archive_key(path: Path | str) -> str | None:
    """What an archive holds, if `path` (or a file name) is named as ictrack names one (`archive_name`): its month,
    or year; any other file is stray."""
    name = path if isinstance(path, str) else path.name
    key = name[len("archive-") : -len(".json")] if name.startswith("archive-") and name.endswith(".json") else None
    return key if is_archive_key(key) else None


def archive_name(key: str) -> str:
    return f"archive-{key}.json"


def month_of(table: str, record: dict) -> str:
    """The archive a settled record goes to: the month it was closed, checked or held, in its own offset."""
    when = record["day" if table == "care" else "done_at" if table == "items" else "at"]
    if len(when) >= 10 and when[4] == "-" and when[7] == "-":
        return when[:7]  # as ictrack stamps a moment: its date first
    return datetime.fromisoformat(when).strftime("%Y-%m")


def closed_for_good(record: dict) -> bool:
    """Closed, and not still owed a thank-you: nothing left to do for it."""
    if record["status"] == "open" or not record.get("done_at"):
        return False
    return not owes_thanks(record["kind"], record["status"], record.get("thanked_at"))


def settled_for_good(record: dict) -> bool:
    """Closed for good by fields that read as ictrack writes them: what a command that shows open work, and what
    is owed, can leave unread. A record any of whose fields say otherwise is read, so its damage is named."""
    kind, status, done_at, thanked_at = (record.get(field) for field in ("kind", "status", "done_at", "thanked_at"))
    if kind not in ("commitment", "ask", "help") or status not in ("done", "dropped") or not isinstance(done_at, str):
        return False
    return (thanked_at is None and not owes_thanks(kind, status, None)) or isinstance(thanked_at, str)


def _settled(record: dict, before: datetime) -> bool:
    """Closed for good before `before`: history that can leave the data file.

    Read from the raw record: this runs over every live item on every write.
    """
    return closed_for_good(record) and datetime.fromisoformat(record["done_at"]) < before


def care_to_archive(care: Sequence[dict], before: datetime, workdays: Collection[int] = WORKWEEK) -> list[dict]:
    """Care checks from before `before`, except the streak that ends at the newest one (over the `workdays`),
    which stays whole so the current streak can be counted from the data file alone."""
    days = {record["day"] for record in care}
    run = set(streak_days(days, date.fromisoformat(max(days)), workdays)) if days else set()
    cutoff = before.date().isoformat()
    return [record for record in care if record["day"] < cutoff and record["day"] not in run]


def checkins_to_archive(checkins: Sequence[dict], before: datetime) -> list[dict]:
    """Check-ins from before `before`, except each person's latest, which says when a check-in is due."""
    latest: dict[str, dict] = {}
    for record in checkins:
        held = latest.get(record["person_id"])
        if held is None or datetime.fromisoformat(record["at"]) > datetime.fromisoformat(held["at"]):
            latest[record["person_id"]] = record
    kept = {id(record) for record in latest.values()}
    return [record for record in checkins
            if id(record) not in kept and datetime.fromisoformat(record["at"]) < before]  # fmt: skip


def settled_records(db: TinyDB, before: datetime, workdays: Collection[int] = WORKWEEK) -> dict[str, dict]:
    """What can leave the data file, by table and key: settled items, old care checks and check-ins."""
    items = {str(doc.doc_id): dict(doc) for doc in db.table("items").all() if _settled(doc, before)}
    care = {record["day"]: dict(record) for record in care_to_archive(db.table("care").all(), before, workdays)}
    checkins = {record["uuid"]: dict(record)
                for record in checkins_to_archive(db.table("checkins").all(), before)}  # fmt: skip
    settled = {"items": items, "care": care, "checkins": checkins}
    return {table: records for table, records in settled.items() if records}
