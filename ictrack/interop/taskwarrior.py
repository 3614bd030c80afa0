"""What `task export` writes (Taskwarrior 2.6 JSON) -> ictrack items. Pure: `now` is a parameter.

- pending (and waiting) tasks become open commitments, completed ones done, deleted ones dropped;
- `description` is the title, `entry` the created time, `due` the due date (Taskwarrior's date
  without a time, midnight, becomes the end of your working day), `end` when it was closed;
- `tags` are tags, except a `@name` tag, which is the person, as is a `person` or `for` UDA (a handle longer
  than model.MAX_HANDLE is left out, with a note);
  `project` is a tag too; `priority` H/M/L is high/normal/low; `annotations` make the note;
- `recur` (daily, weekdays, weekly, 2w, monthly, quarterly, yearly, `3d`, `2wks`, `6mo` …) becomes
  the item's repeat, with one open occurrence per series, as in ictrack;
- `wait` and `scheduled` (the later of the two, as a day in your zone) make an open item wait until that day
  (`snooze`), if it is after today; a closed task's are of no use and left out;
- the item keeps the task's uuid, so importing the same file again adds nothing;
- every other field (`id`, `urgency`, `start`, `depends`, `until`, other UDAs …) is left out, and the
  summary names each, with the number of tasks that had it.

Every field read is checked first: a string where Taskwarrior writes one, a date as it writes
them (20261127T150000Z, in dates.YEARS), `tags` a list of strings, `annotations` a list of objects
with a string `description`, a description no longer than a title may be (model.MAX_TITLE); null
counts as absent. One field of the wrong kind refuses the whole
file, naming the task and the field, so an import is all or nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from ictrack.core.dates import FIRST_YEAR, LAST_YEAR, WEEKDAYS, YEARS, OutOfRange, local_moment, zone_of
from ictrack.core.model import MAX_HANDLE, MAX_TITLE, NEW_TAG, Item, Repeat
from ictrack.core.quickadd import normalize_handle
from ictrack.core.recurrence import beyond_the_years, new_series, next_due, parse_rule
from ictrack.errors import BadInput

STATUSES = {"pending": "open", "waiting": "open", "completed": "done", "deleted": "dropped"}
PRIORITIES = {"H": "high", "M": "normal", "L": "low"}
_NAMED = {"daily": "day", "day": "day", "weekly": "week", "week": "week", "biweekly": "2 weeks",
          "fortnight": "2 weeks", "monthly": "month", "month": "month", "quarterly": "3 months",
          "semiannual": "6 months", "yearly": "year", "annual": "year", "year": "year"}  # fmt: skip
_SPAN = re.compile(r"^(\d+)\s*(d|days?|w|wks?|weeks?|mo|mos|months?|q|qtrs?|quarters?|y|yrs?|years?)$", re.ASCII)
_UNITS = {"d": "day", "w": "week", "m": "month", "q": "quarter", "y": "year"}
_DAY_NAMES = {number: name for name, number in WEEKDAYS.items() if len(name) == 3}


class Planned:
    """What an import would do: items to add (without IDs yet) and tasks skipped, with why."""

    def __init__(self):
        self.items: list[Item] = []
        self.skipped: list[tuple[str, str]] = []  # (description, why)
        self.notes: list[str] = []  # things imported with a loss worth saying, e.g. a recur with no rule


DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_DATE = re.compile(r"^\d{8}T\d{6}Z$", re.ASCII)
TEXT_FIELDS = ("uuid", "description", "status", "project", "priority", "recur", "parent", "person", "for")
DATE_FIELDS = ("entry", "due", "end", "modified", "wait", "scheduled")
# every field an item is made from; `parent` ties an occurrence to its repeating template
MAPPED = frozenset((*TEXT_FIELDS, *DATE_FIELDS, "tags", "annotations"))
_KINDS = {str: "a string", bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def _date_problem(value) -> str | None:
    """Why `value` is not a Taskwarrior date ictrack can use; None if it is one."""
    if not isinstance(value, str) or not _DATE.match(value):
        return "a date like 20261127T150000Z"
    try:
        moment = datetime.strptime(value, DATE_FORMAT)
    except ValueError:
        return "a date on the calendar"
    return None if FIRST_YEAR <= moment.year <= LAST_YEAR else f"a date in {YEARS}"


def _field_problem(task: dict, field: str) -> str | None:
    """What Taskwarrior writes for `field`, if the task holds something else there; None if it is fine."""
    value = task.get(field)
    if value is None:
        return None
    if field in TEXT_FIELDS:
        return None if isinstance(value, str) else "a string"
    if field in DATE_FIELDS:
        return _date_problem(value)
    if field == "tags":
        return None if isinstance(value, list) and all(isinstance(tag, str) for tag in value) else "a list of strings"
    if field == "annotations":
        ok = isinstance(value, list) and all(
            isinstance(note, dict) and isinstance(note.get("description", ""), str) for note in value
        )
        return None if ok else 'a list of objects, each with a string "description"'
    return None


def _kind(value) -> str:
    return f"{value!r}" if isinstance(value, str) and len(value) <= 40 else _KINDS.get(type(value), "something else")


def read_tasks(data, source: str) -> list[dict]:
    """The tasks of a `task export`; BadInput naming the first task and field of the wrong kind."""
    if not isinstance(data, list) or not all(isinstance(task, dict) for task in data):
        raise BadInput(f"{source} is not what `task export` writes (a JSON list of tasks); nothing was imported.")
    for position, task in enumerate(data, start=1):
        for field in (*TEXT_FIELDS, *DATE_FIELDS, "tags", "annotations"):
            expected = _field_problem(task, field)
            if expected:
                uuid = task.get("uuid")
                named = f" (uuid {uuid})" if isinstance(uuid, str) and field != "uuid" and len(uuid) <= 40 else ""
                raise BadInput(f'{source}: task {position}{named} has {_kind(task[field])} as "{field}"; Taskwarrior '
                               f"writes {expected} there. Nothing was imported.")  # fmt: skip
        description = task.get("description")
        if isinstance(description, str) and len(title := " ".join(description.split())) > MAX_TITLE:
            uuid = task.get("uuid")
            named = f" (uuid {uuid})" if isinstance(uuid, str) and len(uuid) <= 40 else ""
            raise BadInput(f"{source}: task {position}{named} has a description {len(title)} characters long; an "
                           f"ictrack title is at most {MAX_TITLE}. Nothing was imported.")  # fmt: skip
    return data


def _moment(text: str | None, zone) -> datetime | None:
    """`20261127T150000Z` (checked by read_tasks) -> an aware local time; None for a missing one."""
    if not text:
        return None
    return datetime.strptime(text, DATE_FORMAT).replace(tzinfo=UTC).astimezone(zone)


def _due(text: str | None, zone, workday_end: time) -> datetime | None:
    moment = _moment(text, zone)
    if moment is not None and moment.time() == time(0):  # a date without a time
        return local_moment(moment.date(), workday_end, zone)
    return moment


def _rule_phrase(recur: str, due: datetime) -> str | None:
    """Taskwarrior's recur value, anchored on the series' first due date, as an ictrack `every …`."""
    value = recur.strip().lower()
    clock = f"{due:%H:%M}"
    if value == "weekdays":
        return f"every weekday {clock}"
    if value in ("weekly", "week", "1w", "1wk", "1week"):
        return f"every {_DAY_NAMES[due.weekday()]} {clock}"
    if value in ("monthly", "month", "1mo", "1month"):
        suffix = "th" if due.day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(due.day % 10, "th")
        return f"every month on the {due.day}{suffix} {clock}"
    count_unit = _NAMED.get(value)
    if count_unit is None and (match := _SPAN.match(value)):
        unit = _UNITS[match[2][0]]
        count, unit = (int(match[1]) * 3, "month") if unit == "quarter" else (int(match[1]), unit)
        count_unit = f"{count} {unit}s" if count != 1 else unit
    return f"every {count_unit} {clock}" if count_unit else None


def _people(task: dict) -> list:
    """What may name the task's person, in order: its `@name` tags, then its `person` and `for` UDAs."""
    tags = [tag for tag in task.get("tags") or [] if isinstance(tag, str) and tag.startswith("@")]
    return [*tags, task.get("person"), task.get("for")]


def _too_long(task: dict) -> bool:
    """Whether the task names someone by a handle longer than a handle may be (it is left out)."""
    return any(isinstance(name, str) and len(name.strip().lstrip("@")) > MAX_HANDLE for name in _people(task))


def _person(task: dict) -> str | None:
    """The first `@name` tag, else the `person` or `for` UDA, that is a valid handle."""
    for candidate in _people(task):
        if isinstance(candidate, str):
            try:
                return normalize_handle(candidate)
            except BadInput:
                continue
    return None


def _tags(task: dict) -> list[str]:
    tags = [tag.lower() for tag in task.get("tags") or [] if isinstance(tag, str) and not tag.startswith("@")]
    project = task.get("project")
    if isinstance(project, str) and project.strip():
        tags.append("-".join(project.lower().split()))
    return list(dict.fromkeys(tag for tag in tags if NEW_TAG.fullmatch(tag)))


def _wait(task: dict, zone, now: datetime) -> date | None:
    """The later of `wait` and `scheduled`, as a day in `zone`, if it is after today; None otherwise."""
    days = [moment.date() for field in ("wait", "scheduled") if (moment := _moment(task.get(field), zone))]
    day = max(days, default=None)
    return day if day is not None and day > now.astimezone(zone).date() else None


def left_out(tasks: list[dict]) -> dict[str, int]:
    """Every field the tasks hold that no item field is made from, with the number of tasks holding it."""
    counts: dict[str, int] = {}
    for task in tasks:
        for field in task:
            if field not in MAPPED and task[field] is not None:
                counts[field] = counts.get(field, 0) + 1
    return dict(sorted(counts.items()))


def _item(task: dict, status: str, zone, workday_end: time, now: datetime) -> Item:
    notes = [a.get("description", "") for a in task.get("annotations") or [] if isinstance(a, dict)]
    closed = _moment(task.get("end"), zone) or _moment(task.get("modified"), zone) or now
    return Item(
        id=None, uuid=task["uuid"], kind="commitment", title=" ".join(str(task["description"]).split()),
        person=_person(task), tags=_tags(task), priority=PRIORITIES.get(task.get("priority", ""), "normal"),
        note="\n".join(note for note in notes if note) or None,
        created=_moment(task.get("entry"), zone) or now, due=_due(task.get("due"), zone, workday_end),
        status=status, done_at=None if status == "open" else closed,
        wait=_wait(task, zone, now) if status == "open" else None,
    )  # fmt: skip


def plan(tasks: list[dict], known: set[str], now: datetime, workday_end: time = time(17)) -> Planned:
    """The items to add for `tasks`, leaving out uuids in `known` (imported before)."""
    zone, planned = zone_of(now), Planned()
    templates = {task["uuid"]: task for task in tasks if task.get("status") == "recurring" and task.get("uuid")}
    series: dict[str, dict] = {}  # template uuid -> the recur record its occurrences share
    unread: set[str] = set()  # templates whose rule ictrack can't follow
    for uuid, template in templates.items():
        due = _due(template.get("due"), zone, workday_end)
        phrase = _rule_phrase(str(template.get("recur", "")), due) if due else None
        try:
            rule = parse_rule(phrase, workday_end=workday_end) if phrase else None
        except OutOfRange:  # e.g. recur 5000d: further apart than an ictrack repeat goes
            rule = None
        if rule is None or due is None:
            unread.add(uuid)
            continue
        series[uuid] = new_series(rule, due, uuid, zone)  # Taskwarrior keeps no zone: the series runs in yours
    with_open = {task.get("parent") for task in tasks if STATUSES.get(task.get("status", "")) == "open"}
    if unmapped := left_out(tasks):
        fields = ", ".join(f"{_short(field)} ({count} task{'s' if count != 1 else ''})" for field, count in
                           unmapped.items())  # fmt: skip
        planned.notes.append(f"fields ictrack has no place for were left out: {fields}")
    for uuid in unread:
        template = templates[uuid]
        how = "its occurrences were imported as one-offs" if uuid in with_open else "it was imported once, as a one-off"
        planned.notes.append(f'"{_short(template.get("description"))}" repeats "{_short(template.get("recur"))}", '
                             f"which has no ictrack rule; {how}")  # fmt: skip
    open_in_series: set[str] = set()
    ordered = sorted(tasks, key=lambda task: (str(task.get("due", "")), str(task.get("entry", ""))))
    planned_uuids: set[str] = set()  # one item per uuid, even where the file holds a task twice
    for task in ordered:
        description = str(task.get("description", "(no description)"))
        status = STATUSES.get(task.get("status", ""))
        if task.get("status") == "recurring":
            if (task["uuid"] in series or task["uuid"] in unread) and task["uuid"] not in with_open:
                continue  # no occurrence is open: the template makes one, below
            planned.skipped.append((description, "the template of a repeating task (its occurrences come in)"))
            continue
        if status is None or not task.get("uuid") or not str(task.get("description", "")).strip():
            planned.skipped.append((description, f"status {task.get('status')!r}, no uuid or no description"))
            continue
        if task["uuid"] in known:
            planned.skipped.append((description, "already imported"))
            continue
        if task["uuid"] in planned_uuids:
            planned.skipped.append((description, "a second task with the same uuid in the file"))
            continue
        item = _item(task, status, zone, workday_end, now)
        parent = task.get("parent")
        if parent in series:
            item.recur = dict(series[parent])
            if status == "open":
                if parent in open_in_series:
                    planned.skipped.append((description, "a later occurrence; ictrack keeps one open at a time"))
                    continue
                open_in_series.add(parent)
        planned_uuids.add(item.uuid)
        planned.items.append(item)
    closed_dues: dict[str, list[datetime]] = {}  # template uuid -> its occurrences' due dates, in one pass
    for task in tasks:
        if task.get("parent") in series and (due := _due(task.get("due"), zone, workday_end)):
            closed_dues.setdefault(task["parent"], []).append(due)
    for uuid, recur in series.items():
        if uuid in with_open:
            continue
        if uuid in known or uuid in planned_uuids:
            planned.skipped.append((str(templates[uuid].get("description")), "already imported"))
            continue
        # every occurrence Taskwarrior made is closed: the open one is the next date after them
        item = _item(templates[uuid], "open", zone, workday_end, now)
        done = closed_dues.get(uuid)
        item.recur = dict(recur)
        if done:
            item.due = next_due(Repeat.of(item.recur), max(done, key=datetime.timestamp), zone)
            if item.due is not None and beyond_the_years(item.due):
                planned.skipped.append((item.title, f"a repeating task whose next date falls after {LAST_YEAR}"))
                continue
        planned.items.append(item)
    for uuid in unread:
        if uuid in with_open:
            continue  # its open occurrence came in, as a one-off
        if uuid in known or uuid in planned_uuids:
            planned.skipped.append((str(templates[uuid].get("description")), "already imported"))
            continue
        # nothing open would be left of it: the template itself comes in once, saying what became of the repeat
        item = _item(templates[uuid], "open", zone, workday_end, now)
        repeat = _short(templates[uuid].get("recur"))
        said = f'Taskwarrior repeats this "{repeat}"; ictrack has no rule for that, so it came in once.'
        item.note = f"{item.note}\n{said}" if item.note else said
        planned.items.append(item)
    imported = {item.uuid for item in planned.items}
    too_long = len({task["uuid"] for task in tasks if task.get("uuid") in imported and _too_long(task)})
    if too_long:
        planned.notes.append(f"{too_long} task{'s' if too_long > 1 else ''} name a person by a handle longer than "
                             f"{MAX_HANDLE} characters; that handle was left out")  # fmt: skip
    return planned


def _short(value, limit: int = 40) -> str:
    """A value from the file as a message quotes it: at most `limit` characters."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
