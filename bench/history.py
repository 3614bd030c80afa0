"""Five years of realistic ictrack history in a data folder, for benchmarks.

The user answers what ictrack nags about: most thank-yous go out within two days and the rest in
the weekly review, and a promise left open long past its date is dropped in a review. With
`neglectful`, the user instead never sends 30% of thank-yous and never closes 5% of items, so
the data file keeps hundreds of them live for years: the worst case, measured beside the usual one.

Usage: python bench/history.py FOLDER [YEARS] [--neglectful]   (about 2,100 items a year)
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ictrack.core.dates import local_moment
from ictrack.core.model import CareCheck, CheckIn, Item, Person
from ictrack.storage import JOURNAL_LIMIT, Store

PEOPLE = ["dana", "lee.k", "sam", "priya", "ops-team", "mo", "alex", "jordan", "vendor-co", "chen", "ria", "tom"]
VERBS = ["send", "review", "draft", "update", "fix", "prepare", "book", "call", "check", "share", "plan", "finish"]
THINGS = ["Q3 figures", "the board deck", "onboarding notes", "the release checklist", "budget forecast",
          "vendor contract", "team offsite agenda", "incident report", "hiring plan", "status note",
          "customer reply", "invoice batch", "roadmap draft", "training slides", "access request"]  # fmt: skip
NOTE = "Context from the last 1:1, and what good looks like."
TAGS = ["finance", "hiring", "ops", "board", "customer", "release", "admin"]


def generate(home: Path, years: int = 5, seed: int = 7, *, neglectful: bool = False) -> int:
    """Write `years` of history ending on 23 Nov 2026 into `home`; the number of items written."""
    rng = random.Random(seed)
    zone = ZoneInfo("Europe/London")
    end = datetime(2026, 11, 23, 9, 0, tzinfo=zone)
    day = (end - timedelta(days=365 * years)).date()
    store = Store(home)
    # five years of use would have archived all but the last month: do that in the same write
    with store.change("history", end, archive_before=end - timedelta(days=30)) as change:
        for handle in PEOPLE:
            change.save_person(Person(handle, local_moment(day, time(9), zone), rng.choice(["colleague", "manager"])))
        while day < end.date():
            for _ in range(rng.choice([5, 6, 6, 7])):
                created = local_moment(day, time(rng.randint(8, 17), rng.randint(0, 59)), zone)
                kind = rng.choices(["commitment", "ask", "help"], [7, 2, 1])[0]
                due = None if kind == "help" or rng.random() < 0.1 else created + timedelta(hours=rng.randint(3, 240))
                item = Item(id=change.new_id(), uuid=f"u{change.next_id}", kind=kind, created=created, due=due,
                            title=f"{rng.choice(VERBS)} {rng.choice(THINGS)}", person=rng.choice([*PEOPLE, None]),
                            tags=rng.sample(TAGS, rng.randint(0, 2)), external=rng.random() < 0.05,
                            note=NOTE if rng.random() < 0.2 else None)  # fmt: skip
                closed = created + timedelta(hours=rng.randint(1, 260))
                if due and rng.random() < 0.15:  # renegotiated while open, before the old date
                    moved, asked = due + timedelta(days=rng.randint(1, 5)), created + (due - created) * rng.random()
                    item.moves.append({"at": asked.isoformat(), "from": due.isoformat(), "to": moved.isoformat(),
                                       "reason": "waiting on data"})  # fmt: skip
                    item.due, closed = moved, max(closed, asked + timedelta(hours=1))
                if kind == "help":
                    item.status, item.done_at = "done", created
                elif closed < end and rng.random() < 0.95:
                    item.status, item.done_at = ("dropped" if rng.random() < 0.05 else "done"), closed
                elif not neglectful and rng.random() < 0.8:  # let go in a review a month or two on
                    item.status, item.done_at = "dropped", created + timedelta(days=rng.randint(30, 60))
                if item.done_at and item.done_at > end:
                    item.status, item.done_at = "open", None
                if item.status == "done" and kind != "commitment":
                    thanked = rng.random()
                    if thanked < 0.7:
                        item.thanked_at = item.done_at + timedelta(hours=rng.randint(1, 48))
                    elif not neglectful and thanked < 0.97:  # in the weekly review
                        item.thanked_at = item.done_at + timedelta(days=rng.randint(2, 9))
                    if item.thanked_at and item.thanked_at > end:
                        item.thanked_at = None
                change.save_item(item)
            if rng.random() < 0.8:
                change.save_care(CareCheck(day.isoformat(), local_moment(day, time(8), zone),
                                           rng.sample(["slept", "break", "lunch", "moved"], rng.randint(1, 4)),
                                           rng.randint(1, 5)))  # fmt: skip
            if rng.random() < 0.2:
                change.save_checkin(CheckIn(f"c{day}", rng.choice(PEOPLE), local_moment(day, time(11), zone), 4))
            day += timedelta(days=1)
    # the undo journal as a day's work leaves it: the last changes, each holding the record it replaced
    recent = sorted(store.load().items)[-JOURNAL_LIMIT:]
    for item_id in recent:
        with store.change(f"marked {item_id} done", end) as change:
            change.save_item(change.items[item_id])
    return len(store.load(history=True).items)


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--neglectful"]
    years = int(arguments[1]) if len(arguments) > 1 else 5
    count = generate(Path(arguments[0]), years, neglectful="--neglectful" in sys.argv)
    print(f"{count} items written to {arguments[0]}")
