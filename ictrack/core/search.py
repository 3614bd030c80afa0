"""Search: the items that hold every word of a query in their title, note, person or tags. Pure.

A query is words separated by spaces, as typed in a search box; an item matches when every word appears,
ignoring case (Unicode case folding: `STRASSE` finds "Straße"), somewhere in its title, its note, its
person's handle (written `@dana`) or display name, or one of its tags (written `#finance`). So `@da`
finds the people whose handle starts so, `fin` a tag anywhere in it. A word is plain text, never a
pattern: `a.b` finds "a.b" only, and `(` finds "(". A word is found inside one field, never across two.

`Corpus` prepares each item's text once, so a search box can search again on every keystroke in one
pass over plain strings; `matching` is the same for a one-off search. `highlights` says where the
words fall in a shown text, for marking them. `Found` is what a search gives a shell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import NamedTuple

from ictrack.core.model import Item, Person, Risk, soonest_due_first

SEPARATOR = "\n"  # between an item's fields: no word holds one, so no word is found across two fields


def words(query: str) -> list[str]:
    """The words of a query, case folded; none for a query that is only spaces."""
    return query.casefold().split()


def searchable(item: Item, person: Person | None = None) -> str:
    """The text an item is searched in, case folded: title, note, `@handle`, the person's name, `#tags`."""
    fields = [item.title, item.note or ""]
    if item.person:
        fields.append(f"@{item.person}")
    if person is not None and person.name:
        fields.append(person.name)
    fields += [f"#{tag}" for tag in item.tags]
    return SEPARATOR.join(fields).casefold()


class Corpus:
    """Items to search, in the order results are given, each with its searchable text made once."""

    __slots__ = ("_entries",)

    def __init__(self, items: Iterable[Item], people: Mapping[str, Person]) -> None:
        self._entries = [(item, searchable(item, people.get(item.person) if item.person else None))
                         for item in items]  # fmt: skip

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, query: str) -> list[Item]:
        """The items holding every word of `query`, in the corpus's order; every item for a query of no words."""
        entries = self._entries
        for word in words(query):  # a word at a time, each pass over fewer: a plain `in`, no generator per item
            entries = [entry for entry in entries if word in entry[1]]
        return [item for item, _ in entries]


def matching(items: Iterable[Item], people: Mapping[str, Person], query: str) -> list[Item]:
    """The items holding every word of `query`, in their given order."""
    return Corpus(items, people).find(query)


def open_first(items: Iterable[Item]) -> list[Item]:
    """The items as a search shows them: the open ones, soonest due first, then the closed ones, the latest
    closed first."""
    open_items: list[Item] = []
    closed: list[Item] = []
    for item in items:
        (open_items if item.is_open else closed).append(item)
    closed.sort(key=lambda item: (item.done_at.timestamp() if item.done_at else 0.0, item.id), reverse=True)
    return sorted(open_items, key=soonest_due_first) + closed


def highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` appear in `text` (as shown), as sorted, non-overlapping (start, end) spans.

    None when case folding changes the text's length (`ß` folds to `ss`), since the spans found in the
    folded text would not fall on the same characters of the shown one.
    """
    folded = text.casefold()
    if len(folded) != len(text):
        return []
    spans = []
    for word in set(words(query)):
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Found(NamedTuple):
    """What a search found: the query, the items that match (`open_first`), every searched item's risk (by ID),
    the moment it was made, and the corpus, to search again without reading the data (a search box)."""

    query: str
    items: list[Item]
    risks: dict[int, Risk]
    now: datetime
    corpus: Corpus
