"""Years of realistic ictrack history in a data folder, for benchmarks, and a cache of the ones they use.

The user answers what ictrack nags about: most thank-yous go out within two days and the rest in
the weekly review, and a promise left open long past its date is dropped in a review. With
`neglectful`, the user instead never sends 30% of thank-yous and never closes 5% of items, so
the data file keeps thousands of them live for years: the worst case, measured beside the usual one.

`HISTORIES` are the ones the benchmarks time: five years at about 6 items a day (11,000 items) and a
busier ten years at about 14 a day (51,000), as a user who answers the nags and as one who does not.
`cached` writes each once into .bench-cache/, under a key made of this file's source and that of the
ictrack modules it writes with, so a change to either writes it again and nothing else does.

Usage: python bench/history.py FOLDER [YEARS] [--per-day N] [--neglectful]   (default 5 years, 6 a day)
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ictrack.core.dates import local_moment
from ictrack.core.model import CareCheck, CheckIn, Item, Person
from ictrack.storage import JOURNAL_LIMIT, Store

CACHE = Path(__file__).resolve().parent.parent / ".bench-cache"

PEOPLE = ["dana", "lee.k", "sam", "priya", "ops-team", "mo", "alex", "jordan", "vendor-co", "chen", "ria", "tom"]
VERBS = ["send", "review", "draft", "update", "fix", "prepare", "book", "call", "check", "share", "plan", "finish"]
THINGS = ["Q3 figures", "the board deck", "onboarding notes", "the release checklist", "budget forecast",
          "vendor contract", "team offsite agenda", "incident report", "hiring plan", "status note",
          "customer reply", "invoice batch", "roadmap draft", "training slides", "access request"]  # fmt: skip
NOTE = "Context from the last 1:1, and what good looks like."
TAGS = ["finance", "hiring", "ops", "board", "customer", "release", "admin"]


@dataclass(frozen=True)
class History:
    """What a generated history holds: its items, and the ID of one of them that was archived."""

    items: int
    archived_id: int


@dataclass(frozen=True)
class Kind:
    """A history the benchmarks time: `years` ending on 23 Nov 2026, about `per_day` items a day."""

    label: str
    years: int
    per_day: int
    neglectful: bool = False

    @property
    def name(self) -> str:
        return self.label.replace(" ", "-")


HISTORIES = {
    kind.label: kind
    for kind in (Kind("5 years", 5, 6), Kind("10 years", 10, 14), Kind("10 neglectful years", 10, 14, True))
}


ZONE = ZoneInfo("Europe/London")
END = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)  # the benchmarks' ICTRACK_NOW, in their TZ


@dataclass
class Records:
    """A history's records as model objects, items numbered from 1 as a fresh data folder numbers them."""

    people: list[Person] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    care: list[CareCheck] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)


def records(years: int = 5, seed: int = 7, *, per_day: int = 6, neglectful: bool = False) -> Records:
    """`years` of use ending at END, about `per_day` items a day (see the module's notes)."""
    rng = random.Random(seed)
    zone = ZONE
    day = (END - timedelta(days=365 * years)).date()
    made = Records([Person(handle, local_moment(day, time(9), zone), rng.choice(["colleague", "manager"]))
                    for handle in PEOPLE])  # fmt: skip
    while day < END.date():
        for _ in range(rng.choice([per_day - 1, per_day, per_day, per_day + 1])):
            created = local_moment(day, time(rng.randint(8, 17), rng.randint(0, 59)), zone)
            kind = rng.choices(["commitment", "ask", "help"], [7, 2, 1])[0]
            due = None if kind == "help" or rng.random() < 0.1 else created + timedelta(hours=rng.randint(3, 240))
            item_id = len(made.items) + 1
            item = Item(id=item_id, uuid=f"u{item_id}", kind=kind, created=created, due=due,
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
            elif closed < END and rng.random() < 0.95:
                item.status, item.done_at = ("dropped" if rng.random() < 0.05 else "done"), closed
            elif not neglectful and rng.random() < 0.8:  # let go in a review a month or two on
                item.status, item.done_at = "dropped", created + timedelta(days=rng.randint(30, 60))
            if item.done_at and item.done_at > END:
                item.status, item.done_at = "open", None
            if item.status == "done" and kind != "commitment":
                thanked = rng.random()
                if thanked < 0.7:
                    item.thanked_at = item.done_at + timedelta(hours=rng.randint(1, 48))
                elif not neglectful and thanked < 0.97:  # in the weekly review
                    item.thanked_at = item.done_at + timedelta(days=rng.randint(2, 9))
                if item.thanked_at and item.thanked_at > END:
                    item.thanked_at = None
            made.items.append(item)
        if rng.random() < 0.8:
            made.care.append(CareCheck(day.isoformat(), local_moment(day, time(8), zone),
                                       rng.sample(["slept", "break", "lunch", "moved"], rng.randint(1, 4)),
                                       rng.randint(1, 5)))  # fmt: skip
        if rng.random() < 0.2:
            made.checkins.append(CheckIn(f"c{day}", rng.choice(PEOPLE), local_moment(day, time(11), zone), 4))
        day += timedelta(days=1)
    return made


def generate(home: Path, years: int = 5, seed: int = 7, *, per_day: int = 6, neglectful: bool = False) -> History:
    """Write `records` into `home`, a folder without data, as ictrack would have kept them: all but the last
    month archived, and the undo journal full."""
    made = records(years, seed, per_day=per_day, neglectful=neglectful)
    store = Store(home)
    # years of use would have archived all but the last month: do that in the same write
    with store.change("history", END, archive_before=END - timedelta(days=30)) as change:
        for person in made.people:
            change.save_person(person)
        for item in made.items:
            if change.new_id() != item.id:
                raise ValueError(f"{home} already holds items; a history is written into a folder without data")
            change.save_item(item)
        for care in made.care:
            change.save_care(care)
        for checkin in made.checkins:
            change.save_checkin(checkin)
    # the undo journal as a day's work leaves it: the last changes, each holding the record it replaced
    live = store.load().items
    for item_id in sorted(live)[-JOURNAL_LIMIT:]:
        with store.change(f"marked {item_id} done", END) as change:
            change.save_item(change.items[item_id])
    # every ID up to the last is an item, so the first one the data file does not hold is in an archive
    archived = next(item.id for item in made.items if item.id not in live)
    return History(len(made.items), archived)


def source_key() -> str:
    """What a cached history depends on: this file and the ictrack modules it writes with (those imported now)."""
    sources = {"history": Path(__file__)} | {
        name: Path(module.__file__) for name, module in sys.modules.items()
        if name.split(".")[0] == "ictrack" and getattr(module, "__file__", None)
    }  # fmt: skip
    digest = hashlib.sha256()
    for name, path in sorted(sources.items()):
        digest.update(f"{name}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def cached(kind: Kind) -> tuple[Path, History]:
    """The data folder of `kind` in .bench-cache/, written the first time (and after a source change); copy it
    before changing it."""
    folder = CACHE / f"{kind.name}-{source_key()}"
    done = folder / "history.json"
    if not done.exists():
        for stale in CACHE.glob(f"{kind.name}-*"):
            shutil.rmtree(stale)
        print(f"bench: writing {kind.label} of history into {folder}", file=sys.stderr)
        history = generate(folder / "home", kind.years, per_day=kind.per_day, neglectful=kind.neglectful)
        done.write_text(json.dumps(asdict(history)))  # last: a folder without it is one cut short
    return folder / "home", History(**json.loads(done.read_text()))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    neglectful = "--neglectful" in arguments
    if neglectful:
        arguments.remove("--neglectful")
    per_day = 6
    if "--per-day" in arguments:
        at = arguments.index("--per-day")
        per_day = int(arguments[at + 1])
        del arguments[at : at + 2]
    history = generate(Path(arguments[0]), int(arguments[1]) if len(arguments) > 1 else 5, per_day=per_day,
                       neglectful=neglectful)  # fmt: skip
    print(f"{history.items} items written to {arguments[0]}")
