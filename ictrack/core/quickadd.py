"""Quick-add text -> the fields of a new item (README.md; due phrases: docs/dates.md). Pure: `now` is a parameter."""

from __future__ import annotations

from datetime import datetime, time

from ictrack.core.dates import MONTHS, BadWhen, OutOfRange, Unusable, parse_when
from ictrack.core.model import HANDLE, MAX_TITLE, NEW_TAG, PRIORITIES
from ictrack.core.recurrence import KEYWORDS, parse_rule
from ictrack.errors import BadInput

DUE_KEYWORDS = ("by", "due", "on", "before", "until")
MAX_TRAILING_WORDS = 4
_TRAILING_PUNCTUATION = ",;:."


class QuickAdd:
    """What quick add understood."""

    __slots__ = ("title", "person", "tags", "external", "priority", "due", "due_phrase", "note", "rule")

    def __init__(self, title, person=None, tags=(), external=False, priority="normal", due=None,
                 due_phrase=None, note=None, rule=None):  # fmt: skip
        self.title, self.person, self.tags, self.external = title, person, list(tags), external
        self.priority, self.due, self.due_phrase, self.note = priority, due, due_phrase, note
        self.rule = rule  # a recurrence.Rule when the text or --every says how the promise repeats


def normalize_handle(text: str) -> str:
    handle = text.strip().lstrip("@").lower()
    if not HANDLE.fullmatch(handle):
        raise BadInput(f'"{text}" is not a handle; use letters, digits, ".", "_" or "-", like dana or lee.k.')
    return handle


def normalize_tag(text: str) -> str:
    tag = text.strip().lstrip("#").lower()
    if not NEW_TAG.fullmatch(tag):
        raise BadInput(f'"{text}" is not a tag; use one word without spaces, like finance.')
    return tag


def check_title(title: str) -> str:
    """`title`, if it is no longer than MAX_TITLE characters; BadInput saying where the rest goes otherwise."""
    if len(title) > MAX_TITLE:
        raise BadInput(f"the title is {len(title)} characters long; keep it to {MAX_TITLE} and put the rest in the "
                       "note (--note).")  # fmt: skip
    return title


def check_priority(value: str) -> str:
    if value not in PRIORITIES:
        raise BadInput(f'"{value}" is not a priority; use high, normal or low.')
    return value


def _never_a_date_alone(word: str) -> bool:
    """A bare month name or number in a title is far more often words than a date."""
    return word.isdigit() or word.lower().strip(".") in MONTHS


def _find_due(words: list[str], now: datetime, workday_end: time, dayfirst: bool):
    """(title words, due, phrase) by the keyword rule, else the trailing-words rule."""

    def parse(phrase_words: list[str]) -> datetime | None:
        if len(phrase_words) == 1 and _never_a_date_alone(phrase_words[0]):
            return None
        try:
            return parse_when(" ".join(phrase_words), now, workday_end=workday_end, dayfirst=dayfirst)
        except Unusable:
            raise  # a real date on the wrong side of now, or too far off: say so rather than keep it as words
        except BadWhen:
            return None

    for index in range(len(words) - 2, -1, -1):
        if words[index].lower() in DUE_KEYWORDS:
            due = parse(words[index + 1 :])
            if due is not None:
                return words[:index], due, " ".join(words[index:])
    for count in range(min(MAX_TRAILING_WORDS, len(words)), 0, -1):
        due = parse(words[-count:])
        if due is not None:
            return words[:-count], due, " ".join(words[-count:])
    return words, None, None


def _find_rule(words: list[str], workday_end: time):
    """(title words, Rule) for the rightmost `every`/`ev` whose remainder is a repeat, else (words, None)."""
    for index in range(len(words) - 2, -1, -1):
        if words[index].lower() in KEYWORDS:
            try:
                return words[:index], parse_rule(" ".join(words[index:]), workday_end=workday_end)
            except OutOfRange:
                raise  # a repeat, but too far apart: say so rather than keep it as words
            except BadInput:
                continue
    return words, None


def parse_quick_add(
    text: str,
    now: datetime,
    *,
    workday_end: time = time(17),
    dayfirst: bool = False,
    to: str | None = None,
    due: str | None = None,
    tags: list[str] | tuple = (),
    external: bool = False,
    priority: str | None = None,
    note: str | None = None,
    every: str | None = None,
    scan_due: bool = True,
) -> QuickAdd:
    """Take `@person`, `#tags` and `!flags` out wherever they stand, then the due phrase; options win.

    A repeat (`every fri 1pm`, or `every`) takes the place of the due phrase: the text is not scanned
    for one, and `due`, if given, is the first occurrence. With `scan_due` false (help already
    received has no due date), every remaining word is the title.
    """
    person, found_tags, flags, words = None, [], set(), []
    for word in text.split():
        bare = word.rstrip(_TRAILING_PUNCTUATION)
        if bare.startswith("@") and person is None and HANDLE.fullmatch(bare[1:].lower()):
            person = bare[1:].lower()
        elif bare.startswith("#") and NEW_TAG.fullmatch(bare[1:]):
            found_tags.append(bare[1:].lower())
        elif bare.lower() in ("!ext", "!high", "!low"):
            flags.add(bare.lower()[1:])
        else:
            words.append(word)

    rule = None
    if every is not None:
        rule = parse_rule(every, workday_end=workday_end)
    elif scan_due:
        words, rule = _find_rule(words, workday_end)
    due_moment: datetime | None
    phrase: str | None
    if due is not None:
        due_moment, phrase = parse_when(due, now, workday_end=workday_end, dayfirst=dayfirst), due
    elif rule is not None:
        due_moment = phrase = None
    elif scan_due:
        words, due_moment, phrase = _find_due(words, now, workday_end, dayfirst)
    else:
        due_moment = phrase = None

    title = " ".join(words).strip()
    if not title:
        raise BadInput('the title is empty; say what you promised, e.g. ictrack add "@dana send Q3 figures by fri".')
    if priority is not None:
        check_priority(priority)
    flagged_priority = "high" if "high" in flags else "low" if "low" in flags else "normal"
    all_tags = list(dict.fromkeys(found_tags + [normalize_tag(tag) for tag in tags]))
    return QuickAdd(
        title=check_title(title),
        person=normalize_handle(to) if to else person,
        tags=all_tags,
        external=external or "ext" in flags,
        priority=priority or flagged_priority,
        due=due_moment,
        due_phrase=phrase,
        note=note,
        rule=rule,
    )
