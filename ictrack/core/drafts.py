"""Words ready to send: a thank-you, a nudge, a renegotiation, a heads-up. Pure: items, people, config and now in,
text out.

Moving a date takes the words that fit the item (`move_kind`): a commitment ahead of its date asks first, or gives
a heads-up when an external customer comes first; one past its date says sorry and says when it was due; an ask,
which someone else owes, is in the words of the one waiting.

Each draft is a template from the config (settings.DRAFTS, a string or variants of it) filled in with:

- how to address the person: `{name}` is the first word of their display name (`Lee` for "Lee Kim"), else their
  handle read as a name (`Lee` for lee.k, `Ops Team` for ops-team); `{full_name}` all of it; "there" for nobody;
- dates as people say them (`spoken_day`, `spoken_past`): "today", "tomorrow", "Friday", "on Friday",
  "Friday 4 December", "on 2 November", with the time only where it is not the end of the working day.

One item always gets the same variant, so a draft does not change between two looks at it; the variant is
chosen by the item's ID, so items next to each other never read alike. Every value from data is shown with `visible`:
a draft is displayed, copied and pasted, and must carry no control character anywhere.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from ictrack.core.dates import until
from ictrack.core.model import Item, Person
from ictrack.core.settings import Config
from ictrack.text import visible

_PARTS = re.compile(r"[._-]+")
NEAR = 6  # days either way within which a weekday alone names a day
WEEK = 7  # days ahead within which a customer due first competes for the same time


def address(person: Person | None, handle: str | None) -> tuple[str, str]:
    """(how to greet them, their whole name): from the display name, else the handle read as a name."""
    if person is not None and person.name:
        whole = visible(person.name)
        return whole.split()[0], whole
    if not handle:
        return "there", "there"
    parts = [part for part in _PARTS.split(handle) if part]
    if len(parts) > 1 and len(parts[-1]) == 1:  # lee.k: a surname's initial, not said aloud
        parts = parts[:-1]
    whole = visible(" ".join(part[:1].upper() + part[1:] for part in parts) or handle)
    return whole, whole


def spoken_day(moment: datetime, now: datetime) -> str:
    """A day as said after "due", "from", "to" or "by": today, tomorrow, yesterday, Friday (within six days either
    way), Friday 4 December (further), with the year when it is not now's."""
    moment = moment.astimezone(now.tzinfo)
    days = (moment.date() - now.date()).days
    if days in (-1, 0, 1):
        return {-1: "yesterday", 0: "today", 1: "tomorrow"}[days]
    if abs(days) <= NEAR:  # the tense around it says which Friday: "was due Friday", "move it to Friday"
        return f"{moment:%A}"
    year = "" if moment.year == now.year else f" {moment.year}"
    return f"{moment:%A} {moment.day} {moment:%B}{year}"


def spoken_past(moment: datetime, now: datetime) -> str:
    """When something happened, as said after a verb: today, yesterday, on Friday (this past week), on
    2 November (before that)."""
    moment = moment.astimezone(now.tzinfo)
    days = (now.date() - moment.date()).days
    if days in (0, 1):
        return "today" if days == 0 else "yesterday"
    if 0 < days <= NEAR:
        return f"on {moment:%A}"
    year = "" if moment.year == now.year else f" {moment.year}"
    return f"on {moment.day} {moment:%B}{year}"


def spoken_due(moment: datetime, now: datetime, workday_end: time) -> str:
    """A due date as said: `spoken_day`, and the time when it is not the end of the working day (Friday at 15:00)."""
    local = moment.astimezone(now.tzinfo)
    at = "" if local.time().replace(second=0, microsecond=0) == workday_end else f" at {local:%H:%M}"
    return spoken_day(moment, now) + at


def _variant(templates: str | tuple[str, ...], item: Item) -> str:
    return templates if isinstance(templates, str) else templates[item.id % len(templates)]


def _fill(templates: str | tuple[str, ...], item: Item, person: Person | None, **fields: str) -> str:
    """The chosen variant filled in; every template was checked to use only its key's placeholders."""
    name, full_name = address(person, item.person)
    return _variant(templates, item).format(name=name, full_name=full_name, what=visible(item.title), **fields)


def _clause(text: str | None) -> str:
    """A note or reason as a clause: its first line, without the full stop that ends it ("" for none)."""
    lines = (text or "").strip().splitlines()
    return visible(lines[0].strip().rstrip(". ")) if lines else ""


def thank_you(item: Item, person: Person | None, config: Config, now: datetime) -> str:
    """Thanks for an ask delivered or help given: who, with what, when (`{when}`: "today", "on Friday") and, for
    help with a note, what it made possible (`{impact}`: " — it meant the release went out on time")."""
    moment = item.done_at or item.created
    local = moment.astimezone(now.tzinfo)
    impact = _clause(item.note) if item.kind == "help" else ""
    fields = {"when": spoken_past(moment, now), "date": f"{local:%A} {local.day} {local:%B}",
              "impact": f" — it meant {impact}" if impact else ""}  # fmt: skip
    return _fill(config.thank_you_template, item, person, **fields)


def stale_since(item: Item) -> datetime:
    """When an item last changed: made, or its due date moved."""
    moments = [item.created, *(move.at for move in item.renegotiations)]
    return max(moments, key=datetime.timestamp)


def is_stale(item: Item, config: Config, now: datetime) -> bool:
    """An open ask with no due date, unchanged for longer than `stale_days`: worth a nudge."""
    return (item.kind == "ask" and item.is_open and item.due is None
            and until(now, stale_since(item)) > timedelta(days=config.stale_days))  # fmt: skip


def _since(item: Item, config: Config, now: datetime) -> str | None:
    """Where an ask's date stands: "it was due Friday", "it was due earlier today", "it is due today"; None
    without one."""
    if item.due is None:
        return None
    if until(now, item.due) > timedelta(0):  # past due
        said = "earlier today" if item.due.astimezone(now.tzinfo).date() == now.date() else spoken_day(item.due, now)
        return f"it was due {said}"
    return f"it is due {spoken_due(item.due, now, config.workday_end)}"


def nudge(item: Item, person: Person | None, config: Config, now: datetime) -> str:
    """A follow-up on an ask: `{since}` says it was due ("it was due yesterday") or when it was asked ("I asked
    about it 3 weeks ago"); `{due}` and `{asked}` are those dates alone."""
    asked_days = (now.date() - stale_since(item).astimezone(now.tzinfo).date()).days
    asked = f"{asked_days // 7} weeks ago" if asked_days >= 14 else spoken_past(stale_since(item), now)
    since = _since(item, config, now) or f"I asked about it {asked}"
    due = spoken_due(item.due, now, config.workday_end) if item.due is not None else ""
    return _fill(config.nudge_template, item, person, since=since, due=due, asked=asked)


def is_late(item: Item, now: datetime) -> bool:
    """Whether an item's due date has passed."""
    return item.due is not None and until(now, item.due) > timedelta(0)


def external_first(item: Item, items: list[Item], now: datetime) -> Item | None:
    """The open external commitment, other than `item`, due soonest and no later than `item`, when `item` is a
    commitment due within the week: the customer who comes first when it moves. None when `item` is itself for a
    customer, is an ask (someone else's work), has no due date, is past it (it has slipped already: an apology,
    not a heads-up), is due further off (nothing is competing for the same days yet), or no customer is due first."""
    if item.external or item.kind != "commitment" or item.due is None or is_late(item, now):
        return None
    if until(item.due, now) > timedelta(days=WEEK):
        return None
    first = [other for other in items if other.external and other.is_open and other.kind == "commitment"
             and other.id != item.id and other.due is not None and other.due <= item.due]  # fmt: skip
    return min(first, key=lambda other: (other.due.timestamp() if other.due else 0, other.id), default=None)


def move_kind(item: Item, items: list[Item], now: datetime) -> str:
    """Which words moving `item`'s date needs (one of MOVE_KINDS): an ask's are those of the one waiting; a
    commitment past its date needs an apology; one ahead of it a request, or a heads-up when a customer comes
    first (`external_first`)."""
    if item.kind == "ask":
        return "renegotiate_ask"
    if is_late(item, now):
        return "renegotiate_late"
    return "heads_up" if external_first(item, items, now) is not None else "renegotiate"


MOVE_KINDS = ("renegotiate", "renegotiate_late", "renegotiate_ask", "heads_up")  # each a `{kind}_template`


def renegotiation(item: Item, person: Person | None, new_due: datetime, reason: str | None, config: Config,
                  now: datetime, *, kind: str = "renegotiate") -> str:  # fmt: skip
    """The words to send before moving a due date, of a kind from `move_kind`: `{due}` (from; for a commitment
    past it, when it was: "yesterday", "on Friday"), `{new}` (to), `{because}` (" (waiting on finance)"), and for
    an ask `{since}` ("it was due Friday"). The item has a due date to move from."""
    assert item.due is not None  # nothing to renegotiate without one: the service says so first
    reason_text = _clause(reason)
    late = kind == "renegotiate_late"
    said = ("earlier today" if item.due.astimezone(now.tzinfo).date() == now.date() else spoken_past(item.due, now)
            ) if late else spoken_due(item.due, now, config.workday_end)  # fmt: skip
    fields = {"due": said, "new": spoken_due(new_due, now, config.workday_end),
              "because": f" ({reason_text})" if reason_text else ""}  # fmt: skip
    if kind == "renegotiate_ask":
        fields["since"] = _since(item, config, now) or ""
    return _fill(getattr(config, f"{kind}_template"), item, person, **fields)
