"""Quick-add text -> the fields of a new item (docs/dates.md, "Quick add"). Pure: `now` is a parameter.

Marks come out first, wherever they stand: `+tag` and `#tag` (not `#123`), the flags (`+ext`, `+high`,
`+low`, or `!ext`, `!high`, `!low`), and `@handles`: the first is the person, and keeps its name in the
title when it is part of the sentence; later ones stay as plain names. Then a repeat, else a due phrase
(for help received, the moment it happened), taken whole or not at all; `tom` is tomorrow only after a
keyword (`by tom`), a name elsewhere. Before either, `wait WHEN` (the last `wait` followed by a date phrase
that names a later day) is the day the item waits until, and leaves the text. Words left in the title
that look like a date are kept in `leftovers`, for the shells to point out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time

from ictrack.core.dates import (
    CONNECTORS,
    MONTHS,
    TODAY,
    TOMORROW,
    WEEKDAYS,
    YESTERDAY,
    BadWhen,
    OutOfRange,
    Unusable,
    Workday,
    could_open,
    date_words,
    is_date_word,
    parse_past,
    parse_when,
    read_clock,
)
from ictrack.core.model import HANDLE, MAX_HANDLE, MAX_TITLE, NEW_TAG, PRIORITIES
from ictrack.core.recurrence import FREQUENCY_WORDS, KEYWORDS, Rule, parse_rule
from ictrack.errors import BadInput

DUE_KEYWORDS = ("by", "due", "on", "before", "until")
PAST_KEYWORDS = ("on",)
MAX_PHRASE_WORDS = 12  # the longest date phrase read: "by the end of the day on the 3rd of dec"
FLAGS = {"ext": "ext", "external": "ext", "high": "high", "low": "low"}  # `+ext`, `!ext` ...: what each sets
_TRAILING_PUNCTUATION = ",;:.!?"
# patterns as text: `re` compiles each when first used, and most texts have no `@` or `+` word
_HANDLE_WORD = r"@(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*?)(?P<possessive>['’]s?)?"
_TIME_LIKE = r"\d{1,2}(?:[:.]\d{2})?(?:[ap]\.?m\.?)?"  # `@3pm`, `@15:00`: a time, not a person
_SPAN_LIKE = r"\d+[hmdw]"  # `+3d` is three days, not a tag
_SEPARATORS = ("-", "–", "—", ":")
_INDEFINITE = frozenset({"a", "an", "any", "some", "every", "each"})
# words after which a handle at the end of the text is part of the sentence: "send figures to @dana"
JOINING_WORDS = frozenset({
    "to", "with", "for", "from", "and", "or", "of", "about", "cc", "via", "by", "at", "ask", "tell", "call",
    "email", "mail", "ping", "text", "message", "remind", "thank", "meet", "see", "help", "intro", "introduce",
    "invite", "pay", "brief", "update", "nudge", "chase", "congratulate", "reply", "answer", "visit", "phone",
    "contact", "welcome", "onboard", "interview", "coach", "mentor", "support", "thanks",
})  # fmt: skip


class QuickAdd:
    """What quick add understood."""

    __slots__ = ("title", "person", "tags", "external", "priority", "due", "due_phrase", "note", "rule", "happened",
                 "leftovers", "similar", "wait")  # fmt: skip

    def __init__(self, title: str, person: str | None = None, tags: Iterable[str] = (), external: bool = False,
                 priority: str = "normal", due: datetime | None = None, due_phrase: str | None = None,
                 note: str | None = None, rule: Rule | None = None, happened: datetime | None = None,
                 leftovers: Iterable[str] = (), wait: date | None = None) -> None:  # fmt: skip
        self.title, self.person, self.tags, self.external = title, person, list(tags), external
        self.priority, self.due, self.due_phrase, self.note = priority, due, due_phrase, note
        self.rule = rule  # a recurrence.Rule when the text or --every says how the promise repeats
        self.happened = happened  # help received: when, if the text says (`yesterday`), else None for now
        self.leftovers = list(leftovers)  # title words that look like a date but were not read as one
        self.similar: list[str] = []  # known handles close to a new person's (`lee.k` for `@lee`)
        self.wait = wait  # the day it waits until (`wait mon`, --wait), if any


def too_long(handle: str) -> BadInput:
    """The refusal of a handle longer than MAX_HANDLE, in one short line whatever its length."""
    return BadInput(f"a handle is at most {MAX_HANDLE} characters; @{handle[:12]}… has {len(handle)}.")


def normalize_handle(text: str) -> str:
    handle = text.strip().lstrip("@").lower()
    if len(handle) > MAX_HANDLE:
        raise too_long(handle)
    if not HANDLE.fullmatch(handle):
        raise BadInput(f'"{text}" is not a handle; use letters, digits, ".", "_" or "-", like dana or lee.k.')
    return handle


def normalize_tag(text: str) -> str:
    stripped = text.strip()
    tag = stripped.removeprefix("+") if stripped.startswith("+") else stripped.lstrip("#")
    tag = tag.lower()
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


def similar_handles(handle: str, known: Iterable[str]) -> list[str]:
    """Known handles a new `handle` may have been meant as: one edit away (`dana`/`dnaa`), the same but
    for `.`, `_` and `-` (`leek`/`lee.k`), or it with a suffix after one of those (`lee`/`lee.k`)."""
    squeezed = re.sub(r"[._-]", "", handle)

    def extends(longer: str, shorter: str) -> bool:
        return longer.startswith(shorter) and longer[len(shorter) : len(shorter) + 1] in (".", "_", "-")

    found = []
    for other in known:
        if other == handle:
            continue
        close = extends(other, handle) or extends(handle, other) or re.sub(r"[._-]", "", other) == squeezed
        if close or (min(len(handle), len(other)) >= 3 and _one_edit(handle, other)):
            found.append(other)
    return sorted(found)


def _one_edit(first: str, second: str) -> bool:
    """Whether two different words are one insert, delete, change or swap of neighbours apart."""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2 and differ[1] == differ[0] + 1 and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )  # fmt: skip
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


class _Handle:
    """An `@handle` in the text: where it stood, the handle, and the word it leaves in a sentence."""

    __slots__ = ("index", "handle", "word", "possessive")

    def __init__(self, index: int, handle: str, word: str, possessive: bool) -> None:
        self.index, self.handle, self.word, self.possessive = index, handle, word, possessive


def _read_marks(words: list[str]) -> tuple[list[int], list[_Handle], list[str], set[str]]:
    """(indexes of plain words, handles, tags, flags) of the text's words."""
    plain: list[int] = []
    handles: list[_Handle] = []
    tags: list[str] = []
    flags: set[str] = set()
    for index, word in enumerate(words):
        bare = word.rstrip(_TRAILING_PUNCTUATION)
        sign, rest = bare[:1], bare[1:]
        if (
            sign == "@"
            and (match := re.fullmatch(_HANDLE_WORD, bare, re.ASCII))
            and not re.fullmatch(_TIME_LIKE, match["name"], re.ASCII)
        ):
            handle = match["name"].lower()
            if len(handle) > MAX_HANDLE:
                raise too_long(handle)
            if HANDLE.fullmatch(handle):
                handles.append(_Handle(index, handle, word[1:], bool(match["possessive"])))
                continue
        elif sign == "#" and NEW_TAG.fullmatch(rest) and not rest.isdigit():  # `#123` is an issue number
            tags.append(rest.lower())
            continue
        elif sign and sign in "+!" and rest.lower() in FLAGS:
            flags.add(FLAGS[rest.lower()])
            continue
        elif (sign == "+" and NEW_TAG.fullmatch(rest) and any(c.isalpha() for c in rest)
              and not re.fullmatch(_SPAN_LIKE, rest, re.ASCII)):  # fmt: skip
            tags.append(rest.lower())
            continue
        plain.append(index)
    return plain, handles, tags, flags


def _never_a_date_alone(word: str) -> bool:
    """A bare number, month name or ordinal in a title is far more often words than a date."""
    word = word.lower().rstrip(_TRAILING_PUNCTUATION)
    return word.isdigit() or word.rstrip(".") in MONTHS or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))


Reader = Callable[[str], datetime]
_NAME_OR_DAY = "tom"  # tomorrow in a due phrase after a keyword (`by tom`); a name anywhere else


def _read_run(run: list[str], read: Reader, keywords: tuple[str, ...]) -> datetime | None:
    """The moment a run of words names, all of them, after an optional keyword; None if it names none."""
    tries = []
    if len(run) > 1 and run[0].lower() in keywords:
        tries.append(run[1:])
    tries.append(run)
    for words in tries:
        if not could_open(words[0]) or (len(words) == 1 and _never_a_date_alone(words[0])):
            continue
        if words is run and len(run) > 1 and run[0].lower() in keywords and run[0].lower() not in CONNECTORS:
            continue  # `on fri` is read without its `on`; only `by 4` and `at 4` read with theirs
        if words is run and _NAME_OR_DAY in (word.lower().rstrip(_TRAILING_PUNCTUATION) for word in words):
            continue  # `call tom`, `call tom 3pm`: Tom is a name unless a keyword asks for a date (`by tom`)
        try:
            return read(" ".join(words))
        except Unusable:
            raise  # a real date on the wrong side of now, or too far off: say so rather than keep it as words
        except BadWhen:
            continue
    return None


def _find_when(words: list[str], read: Reader, keywords: tuple[str, ...]) -> tuple[int, int, datetime] | None:
    """(start, end, moment) of the date phrase in `words`: the longest run at the end that reads whole,
    else the longest at the start (from a day's name); none if the words just before it look like a date too."""
    count = len(words)
    for start in range(max(0, count - MAX_PHRASE_WORDS), count):
        moment = _read_run(words[start:], read, keywords)
        if moment is not None:
            before = words[start - 1].lower() if start > 0 else ""
            if is_date_word(before) or before in _INDEFINITE:
                return None  # half a date, or any day of a kind ("on a sunday"): take none of it
            while start > 0 and words[start - 1].lower() == "due":  # "report due by fri"
                start -= 1
            return start, count, moment
    if count > 1 and _opens_a_day(words):
        for end in range(min(count - 1, MAX_PHRASE_WORDS), 0, -1):
            moment = _read_run(words[:end], read, ())
            if moment is not None:
                return None if is_date_word(words[end]) else (0, end, moment)
    return None


# days that may open a text ("tmrw: call the bank"); not `sat`, `sun`, `wed`, `tom` or `tod`, which open titles as often
_DAY_STARTS = (TODAY | TOMORROW | YESTERDAY | frozenset(WEEKDAYS) | {"tonight"}) - {"sat", "sun", "wed", "tom", "tod"}


def _opens_a_day(words: list[str]) -> bool:
    """Whether the text starts with a day: `tomorrow`, `fri`, `next fri`, `2026-12-03` (not `sat`, `sun`, `wed`,
    which are words as often, nor parts of the day: `morning standup` is a title)."""
    first = words[0].lower().rstrip(_TRAILING_PUNCTUATION)
    if first in ("next", "this"):
        return words[1].lower().rstrip(_TRAILING_PUNCTUATION) in _DAY_STARTS
    return first in _DAY_STARTS or bool(re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", first))


_RULE_OPENERS = frozenset({*KEYWORDS, *FREQUENCY_WORDS, "on", "the", "first", "second", "third", "fourth", "last"})


def _find_rule(words: list[str], workday: Workday) -> tuple[int, Rule] | None:
    """(start, Rule) for the longest run at the end that reads as a repeat (`every fri 1pm`, `on the 1st
    of every month`, `weekly on fri`), with a time of day just before it (`at 10 every monday`); else None."""
    lowered = [word.lower().rstrip(_TRAILING_PUNCTUATION) for word in words]
    if not any(word in KEYWORDS or word in FREQUENCY_WORDS for word in lowered):
        return None
    for start in range(len(words)):
        run = lowered[start:]
        if run[0] not in FREQUENCY_WORDS and not any(word in KEYWORDS for word in run):
            continue
        if run[0] not in _RULE_OPENERS and not run[0][:1].isdigit():
            continue
        try:
            rule = parse_rule(" ".join(run), workday_start=workday.start, workday_end=workday.end)
        except OutOfRange:
            raise  # a repeat, but too far apart: say so rather than keep it as words
        except BadInput:
            continue
        for length in (3, 2, 1):  # a time of day before the repeat: "standup at 10 every weekday"
            if start - length >= 0 and read_clock(lowered[start - length : start], workday, after_day=False):
                try:
                    joined = " ".join([*run, *lowered[start - length : start]])
                    return start - length, parse_rule(joined, workday_start=workday.start, workday_end=workday.end)
                except BadInput:
                    break
        return start, rule
    return None


WAIT_WORD = "wait"


def _find_wait(words: list[str], read: Reader, now: datetime) -> tuple[int, int, date] | None:
    """(start, end, day) of `wait WHEN` in `words`: the last `wait` followed by the longest run that reads as a
    moment on a later day than `now`'s. Anything else (`wait for lee`, `wait 5 minutes`) stays words."""
    lowered = [word.lower() for word in words]
    if WAIT_WORD not in lowered:
        return None
    start = len(lowered) - 1 - lowered[::-1].index(WAIT_WORD)
    for end in range(min(len(words), start + 1 + MAX_PHRASE_WORDS), start + 1, -1):
        run = words[start + 1 : end]
        if not could_open(run[0]) or (len(run) == 1 and _never_a_date_alone(run[0])):
            break
        try:
            day = read(" ".join(run)).astimezone(now.tzinfo).date()
        except BadWhen:
            continue
        return (start, end, day) if day > now.date() else None
    return None


def _leftovers(words: list[str]) -> list[str]:
    """The title's words that look like part of a date, but for any day of a kind ("on a friday")."""
    found = date_words(words)
    return [word for index, word in enumerate(words) if word in found
            and (index == 0 or words[index - 1].lower() not in _INDEFINITE)]  # fmt: skip


def _keeps_name(handle: _Handle, title: list[tuple[int, str]]) -> bool:
    """Whether the person's handle is part of the sentence: possessive (`@lee's doc`), between title words,
    or at the end after a joining word (`send figures to @dana`); at the start it is only a mark."""
    before = [word for index, word in title if index < handle.index]
    after = any(index > handle.index for index, _ in title)
    if handle.possessive or (before and after):
        return True
    return bool(before) and before[-1].lower().rstrip(_TRAILING_PUNCTUATION) in JOINING_WORDS


def parse_quick_add(
    text: str,
    now: datetime,
    *,
    workday_start: time = time(9),
    workday_end: time = time(17),
    dayfirst: bool = False,
    to: str | None = None,
    due: str | None = None,
    tags: Iterable[str] = (),
    external: bool = False,
    priority: str | None = None,
    note: str | None = None,
    every: str | None = None,
    past: bool = False,
    wait: str | None = None,
) -> QuickAdd:
    """Take the marks out wherever they stand, then a repeat or the due phrase; options win.

    A repeat (`every fri 1pm`, or `every`) takes the place of the due phrase: the text is not scanned
    for one, and `due`, if given, is the first occurrence. With `past` (help received has no due date),
    the text is scanned for when it happened instead (`yesterday`, `on fri`). `wait` (or `wait WHEN` in the
    text) is the day the item waits until.
    """
    words = text.split()
    plain, handles, found_tags, flags = _read_marks(words)
    workday = Workday(workday_start, workday_end)
    plain_words = [words[index] for index in plain]
    wait_day: date | None = None
    if wait is not None:
        wait_day = parse_when(wait, now, workday_start=workday_start, workday_end=workday_end,
                              dayfirst=dayfirst).astimezone(now.tzinfo).date()  # fmt: skip
    elif not past and WAIT_WORD in text.lower():  # a substring test first: most texts have no `wait`

        def ahead(phrase: str) -> datetime:
            return parse_when(phrase, now, workday_start=workday_start, workday_end=workday_end, dayfirst=dayfirst)

        if (waiting := _find_wait(plain_words, ahead, now)) is not None:
            start, end, wait_day = waiting
            plain, plain_words = plain[:start] + plain[end:], plain_words[:start] + plain_words[end:]
    taken = (0, 0)  # the plain words read as a repeat or a date: [start, end)
    rule: Rule | None = None
    phrase: str | None = None
    due_moment: datetime | None = None
    happened: datetime | None = None

    def read(phrase: str) -> datetime:
        reader = parse_past if past else parse_when
        return reader(phrase, now, workday_start=workday_start, workday_end=workday_end, dayfirst=dayfirst)

    if every is not None:
        rule = parse_rule(every, workday_start=workday_start, workday_end=workday_end)
    elif not past and (found := _find_rule(plain_words, workday)) is not None:
        taken, rule = (found[0], len(plain_words)), found[1]
    if due is not None:
        due_moment, phrase = parse_when(due, now, workday_start=workday_start, workday_end=workday_end,
                                        dayfirst=dayfirst), due  # fmt: skip
    elif rule is None and (when := _find_when(plain_words, read, PAST_KEYWORDS if past else DUE_KEYWORDS)):
        taken = when[:2]
        if past:
            happened = when[2]
        else:
            due_moment, phrase = when[2], " ".join(plain_words[taken[0] : taken[1]])

    title_plain = [(plain[i], plain_words[i]) for i in range(len(plain)) if not taken[0] <= i < taken[1]]
    if taken[0] == 0 and taken[1] and title_plain and title_plain[0][1] in _SEPARATORS:
        title_plain = title_plain[1:]  # "fri - send the report"
    person_handle = handles[0] if handles else None
    shown = list(title_plain)
    for handle in handles:
        if handle is not person_handle or _keeps_name(handle, title_plain):
            shown.append((handle.index, handle.word))
    title_words = [word for _, word in sorted(shown)]
    if taken[1] == len(plain_words) and taken[0] < taken[1] and title_words:
        title_words[-1] = title_words[-1].rstrip(",;:")  # "pay the invoice, by fri"
        ending = plain_words[-1][-1]
        if ending in "?!" and not title_words[-1].endswith(ending):  # "is the deck ready by fri?"
            title_words[-1] += ending
    title = " ".join(title_words).strip()
    if not title:
        raise BadInput('the title is empty; say what you promised, e.g. ictrack add "@dana send Q3 figures by fri".')
    if priority is not None:
        check_priority(priority)
    flagged_priority = "high" if "high" in flags else "low" if "low" in flags else "normal"
    all_tags = list(dict.fromkeys(found_tags + [normalize_tag(tag) for tag in tags]))
    return QuickAdd(
        title=check_title(title),
        person=normalize_handle(to) if to else person_handle.handle if person_handle else None,
        tags=all_tags,
        external=external or "ext" in flags,
        priority=priority or flagged_priority,
        due=due_moment,
        due_phrase=phrase,
        note=note,
        rule=rule,
        happened=happened,
        leftovers=_leftovers([word for _, word in title_plain]),
        wait=wait_day,
    )
