"""Words ready to send: a thank-you, a nudge, a renegotiation, a heads-up, a note of a move made. Pure: items,
people, config and now in, text out.

Moving a date takes the words that fit the item and the way the date goes (`move_kind`). Later: a commitment
ahead of its date asks first, or gives a heads-up when an external customer comes first; one past its date says
sorry and says when it was due; an ask, which someone else owes, is in the words of the one waiting. Earlier: a
commitment is good news; an ask is a polite request to bring it forward. Once a move is made, `moved_notice`
tells them the date it now has.

Each draft is a template from the config (settings.DRAFTS, a string or variants of it) filled in with:

- how to address the person (`address`): `{name}` as a person would greet them, `{full_name}` all of their name;
- dates as people say them (`spoken_day`, `spoken_past`): "today", "tomorrow", "Friday", "on Friday",
  "Friday 4 December", "on 2 November", with the time only where it is not the end of the working day. Where
  the date from and the date to would read alike, they say which: "last Friday" and "this Friday", or the times.

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

NEAR = 6  # days either way within which a weekday alone names a day
WEEK = 7  # days ahead within which a customer due first competes for the same time
HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "miss"})  # said with the surname: "Dr. Kim"
# words that make a handle a team's, greeted whole ("IT Support", "Ops Team") rather than by a first name
TEAM_WORDS = frozenset({"team", "support", "ops", "desk", "group", "squad", "crew", "dept", "office", "admin",
                        "helpdesk", "service", "services", "sales", "finance", "legal", "payroll",
                        "security"})  # fmt: skip
# words said as letters: these, and any word of two or three letters without a vowel (hr, crm)
ACRONYMS = frozenset({"it", "qa", "ux", "ui", "pr", "ai", "bi", "sre", "seo", "ceo", "cto", "cfo", "coo", "cio"})
_VOWELS = re.compile(r"[aeiouy]")


def _acronym(word: str) -> bool:
    return word in ACRONYMS or (len(word) <= 3 and not _VOWELS.search(word))


def _said(word: str) -> str:
    """A word of a handle as written in a greeting: an acronym in capitals (HR, IT), a name with its capital."""
    return word.upper() if _acronym(word) or any(c.isdigit() for c in word) else word[:1].upper() + word[1:]


def handle_name(handle: str) -> tuple[str, str]:
    """(how to greet them, their whole name) read from a handle. A team's is said whole, acronyms in capitals
    (`it-support` is IT Support, `hr` HR); a person's greeting is the name before the first dot or underscore,
    a hyphen kept (`lee.kim` is Lee, `mary-jane` Mary-Jane). Digits and single letters (initials) are not said
    (`dana2` is Dana, `lee.k` Lee); "there" when no name is left to greet (`a.b.c`, `j.smith`, `42`)."""
    names = []  # what stands between dots and underscores: the words of one name, hyphens between them
    for chunk in re.split(r"[._]+", handle):
        words = [word.strip("0123456789") for word in chunk.split("-")]
        names.append([word for word in words if len(word) > 1])
    every = [word for words in names for word in words]
    if not every:
        return "there", "there"
    if any(word in TEAM_WORDS or _acronym(word) for word in every):
        whole = " ".join(_said(word) for word in every)
        return whole, whole
    spelt = ["-".join(_said(word) for word in words) for words in names]
    return spelt[0] or "there", " ".join(name for name in spelt if name)


def address(person: Person | None, handle: str | None) -> tuple[str, str]:
    """(how to greet them, their whole name): from the display name (its first word, or a title with the surname:
    "Dr. Kim"), else the handle read as a name (`handle_name`); "there" for nobody."""
    if person is not None and person.name:
        whole = visible(person.name)
        words = whole.split()
        if len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
            return f"{words[0]} {words[-1]}", whole
        return words[0], whole
    if not handle:
        return "there", "there"
    greeting, whole = handle_name(handle)
    return visible(greeting), visible(whole)


def spoken_day(moment: datetime, now: datetime, *, named: bool = False) -> str:
    """A day as said after "due", "from", "to" or "by": today, tomorrow, yesterday, Friday (within six days either
    way; `named`: "last Friday", "this Friday", where another Friday is spoken of beside it), Friday 4 December
    (further), with the year when it is not now's."""
    moment = moment.astimezone(now.tzinfo)
    days = (moment.date() - now.date()).days
    if days in (-1, 0, 1):
        return {-1: "yesterday", 0: "today", 1: "tomorrow"}[days]
    if abs(days) <= NEAR:  # the tense around it says which Friday: "was due Friday", "move it to Friday"
        return f"{'last' if days < 0 else 'this'} {moment:%A}" if named else f"{moment:%A}"
    year = "" if moment.year == now.year else f" {moment.year}"
    return f"{moment:%A} {moment.day} {moment:%B}{year}"


def spoken_past(moment: datetime, now: datetime, *, named: bool = False) -> str:
    """When something happened, as said after a verb: today, yesterday, on Friday (this past week; `named`: last
    Friday), on 2 November (before that)."""
    moment = moment.astimezone(now.tzinfo)
    days = (now.date() - moment.date()).days
    if days in (0, 1):
        return "today" if days == 0 else "yesterday"
    if 0 < days <= NEAR:
        return f"last {moment:%A}" if named else f"on {moment:%A}"
    year = "" if moment.year == now.year else f" {moment.year}"
    return f"on {moment.day} {moment:%B}{year}"


def spoken_due(moment: datetime, now: datetime, workday_end: time, *, named: bool = False,
               timed: bool = False) -> str:  # fmt: skip
    """A due date as said: `spoken_day`, and the time when it is not the end of the working day (Friday at 15:00),
    or always with `timed`."""
    local = moment.astimezone(now.tzinfo)
    shown = timed or local.time().replace(second=0, microsecond=0) != workday_end
    return spoken_day(moment, now, named=named) + (f" at {local:%H:%M}" if shown else "")


def _alike(one: datetime, other: datetime, now: datetime) -> tuple[bool, bool]:
    """(named, timed): how two dates spoken of together are told apart. Two days of one name within the week
    either way (last Friday, this Friday) need naming; two times on one day need their times."""
    one, other = one.astimezone(now.tzinfo), other.astimezone(now.tzinfo)
    if one.date() == other.date():
        return False, True
    near = all(abs((moment.date() - now.date()).days) <= NEAR for moment in (one, other))
    return near and one.weekday() == other.weekday(), False


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


def _since(item: Item, config: Config, now: datetime, *, named: bool = False, timed: bool = False) -> str | None:
    """Where an ask's date stands: "it was due Friday", "it was due earlier today", "it is due today"; None
    without one. `named` and `timed` tell it apart from another date beside it (`_alike`)."""
    if item.due is None:
        return None
    if until(now, item.due) > timedelta(0):  # past due
        same_day = item.due.astimezone(now.tzinfo).date() == now.date()
        return f"it was due {'earlier today' if same_day else spoken_day(item.due, now, named=named)}"
    return f"it is due {spoken_due(item.due, now, config.workday_end, named=named, timed=timed)}"


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


def move_kind(item: Item, items: list[Item], now: datetime, to: datetime) -> str:
    """Which words moving `item`'s date `to` another needs (one of MOVE_KINDS). Later: an ask's are those of the
    one waiting; a commitment past its date needs an apology; one ahead of it a request, or a heads-up when a
    customer comes first (`external_first`). Earlier: good news for a commitment ahead of its date, a request to
    bring it forward for an ask; never a heads-up, which is for a customer taking the time."""
    earlier = item.due is not None and to < item.due
    if item.kind == "ask":
        return "earlier_ask" if earlier else "renegotiate_ask"
    if is_late(item, now):
        return "renegotiate_late"
    if earlier:
        return "earlier"
    return "heads_up" if external_first(item, items, now) is not None else "renegotiate"


MOVE_KINDS = ("renegotiate", "renegotiate_late", "renegotiate_ask", "heads_up", "earlier", "earlier_ask")
ASK_KINDS = ("renegotiate_ask", "earlier_ask")  # the words of the one waiting, which say where the date stands


def _moving(due: datetime, to: datetime, reason: str | None, config: Config, now: datetime, *,
            late: bool = False) -> dict[str, str]:  # fmt: skip
    """`{due}` (from; `late`: as a day gone by), `{new}` (to) and `{because}`, told apart where they would read
    alike."""
    named, timed = _alike(due, to, now)
    if not late:
        said = spoken_due(due, now, config.workday_end, named=named, timed=timed)
    elif due.astimezone(now.tzinfo).date() == now.date():
        said = "earlier today"
    else:
        said = spoken_past(due, now, named=named)
    because = _clause(reason)
    return {"due": said, "new": spoken_due(to, now, config.workday_end, named=named, timed=timed),
            "because": f" ({because})" if because else ""}  # fmt: skip


def renegotiation(item: Item, person: Person | None, new_due: datetime, reason: str | None, config: Config,
                  now: datetime, *, kind: str = "renegotiate") -> str:  # fmt: skip
    """The words to send before moving a due date, of a kind from `move_kind`: `{due}` (from; for a commitment
    past it, when it was: "yesterday", "on Friday"), `{new}` (to), `{because}` (" (waiting on finance)"), and for
    an ask `{since}` ("it was due Friday"). The item has a due date to move from."""
    assert item.due is not None  # nothing to renegotiate without one: the service says so first
    fields = _moving(item.due, new_due, reason, config, now, late=kind == "renegotiate_late")
    if kind in ASK_KINDS:
        named, timed = _alike(item.due, new_due, now)
        fields["since"] = _since(item, config, now, named=named, timed=timed) or ""
    return _fill(getattr(config, f"{kind}_template"), item, person, **fields)


def moved_notice(item: Item, person: Person | None, config: Config, now: datetime) -> str:
    """The words to send once a date is moved (`moved_template`, or `moved_ask_template` for an ask): the date it
    has now (`{new}`), the one it had (`{due}`) and, for a commitment, why (`{because}`). The item's last move
    is from a date."""
    move = item.renegotiations[-1]
    assert move.old_due is not None  # a move from no date has nothing to tell: the service says so first
    fields = _moving(move.old_due, move.new_due, move.reason, config, now)
    return _fill(config.moved_ask_template if item.kind == "ask" else config.moved_template, item, person, **fields)
