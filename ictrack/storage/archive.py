"""What leaves the data file for the yearly archives, and which archive it goes to.

Settled items (closed more than `archive_days` ago, thanked if they were owed thanks), and care
checks and check-ins as old, move to the archive of their year. A care check in the current
streak stays, and so does each person's latest check-in, so the streak and
"check-in due" are counted from the data file alone.
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


_ARCHIVE_NAME = re.compile(r"archive-([1-9][0-9]{3})\.json")


def archive_year(path: Path) -> int | None:
    """The year of an archive, if `path` is named as ictrack names one (`archive_name`); any other file is stray."""
    named = _ARCHIVE_NAME.fullmatch(path.name)
    year = int(named[1]) if named else None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def archive_name(year: int) -> str:
    return f"archive-{year}.json"


def closed_for_good(record: dict) -> bool:
    """Closed, and not still owed a thank-you: nothing left to do for it."""
    if record["status"] == "open" or not record.get("done_at"):
        return False
    return not owes_thanks(record["kind"], record["status"], record.get("thanked_at"))


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


def year_of(table: str, record: dict) -> int:
    """The archive a settled record goes to: the year it was closed, checked or held."""
    if table == "care":
        return int(record["day"][:4])
    return datetime.fromisoformat(record["done_at" if table == "items" else "at"]).year


def settled_records(db: TinyDB, before: datetime, workdays: Collection[int] = WORKWEEK) -> dict[str, dict]:
    """What can leave the data file, by table and key: settled items, old care checks and check-ins."""
    items = {str(doc.doc_id): dict(doc) for doc in db.table("items").all() if _settled(doc, before)}
    care = {record["day"]: dict(record) for record in care_to_archive(db.table("care").all(), before, workdays)}
    checkins = {record["uuid"]: dict(record)
                for record in checkins_to_archive(db.table("checkins").all(), before)}  # fmt: skip
    settled = {"items": items, "care": care, "checkins": checkins}
    return {table: records for table, records in settled.items() if records}
