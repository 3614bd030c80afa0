"""Data that tries to take over the terminal it is shown on, as an `ictrack export json` document.

Every free-text field holds escape sequences: OSC 0 (retitle the window), CSI 2J (clear the screen),
OSC 52 (write the clipboard), the 8-bit CSI U+009B, DEL, CR, BEL and a tab, then Textual markup, then
bidi controls and invisible characters.
Handles and tags can't hold any of it: quick add and import refuse them (see test_escapes).
"""

from __future__ import annotations

import re

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m\x7f\rover\x07\t"
MARKUP = "[b]bold[/b] [/x]"
# bidi controls that reorder what follows (`evil` then reads `live`), and invisible characters
HIDDEN = "\u202elive\u202c \u2066x\u2069\u061c\u200e\u200f\u200b\u2060\ufeff\u00ad\u2028end"
PAYLOAD = f"{ESCAPES} {MARKUP} {HIDDEN}"
# what no output may hold: C0 controls but the line feed, DEL, C1 controls, bidi controls, invisible characters
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)

HANDLE = "lee.k"
WEEK_NOW = "2026-11-23T09:00:00+00:00"


def hostile(words: str) -> str:
    return f"{words} {PAYLOAD}"


TITLES = {
    1: hostile("send figures"),
    2: hostile("call the bank") + "\nsecond line",
    3: hostile("review the deck"),
    4: hostile("fixed the build"),
    5: hostile("book the venue"),
    6: hostile("weekly report"),
    7: hostile("signed contract"),
}
NOTE = hostile("first line") + "\nsecond line"


def _item(item_id: int, kind: str, person: str | None, created: str, **fields) -> dict:
    record = {
        "id": item_id, "uuid": f"00000000-0000-4000-8000-{item_id:012d}", "kind": kind, "title": TITLES[item_id],
        "person": person, "tags": [], "external": False, "priority": "normal", "note": None, "created": created,
        "due": None, "status": "open", "done_at": None, "moves": [], "thanked_at": None, "thank_note": None,
        "recur": None, "drop_reason": None,
    }  # fmt: skip
    return {**record, **fields}


def document() -> dict:
    """Seven items (open, overdue, received, thanked, dropped, delivered this week, an overdue ask), two people,
    a check-in and a care check, every text in them hostile. Meant for a Monday, 2026-11-23 09:00 London."""
    items = [
        _item(1, "commitment", HANDLE, "2026-11-20T10:00:00+00:00", note=NOTE, tags=["fin"],
              due="2026-11-28T10:00:00+00:00", priority="high", external=True,
              moves=[{"at": "2026-11-21T10:00:00+00:00", "from": "2026-11-27T13:00:00+00:00",
                      "to": "2026-11-28T10:00:00+00:00", "reason": hostile("waiting")}],
              recur={"rule": hostile("every fri"), "rrule": "FREQ=WEEKLY;BYDAY=FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0",
                     "start": "2026-11-27T13:00:00+00:00", "series": "00000000-0000-4000-8000-000000000001"}),
        _item(2, "commitment", "dana", "2026-11-16T10:00:00+00:00", due="2026-11-20T10:00:00+00:00"),
        _item(3, "ask", HANDLE, "2026-11-16T10:00:00+00:00", due="2026-11-20T10:00:00+00:00", status="done",
              done_at="2026-11-22T10:00:00+00:00"),
        _item(4, "help", "dana", "2026-11-19T10:00:00+00:00", status="done", done_at="2026-11-19T10:00:00+00:00",
              thanked_at="2026-11-20T10:00:00+00:00", thank_note=hostile("thanks")),
        _item(5, "commitment", "dana", "2026-11-16T10:00:00+00:00", due="2026-11-26T10:00:00+00:00",
              status="dropped", done_at="2026-11-23T08:00:00+00:00", drop_reason=hostile("not needed")),
        _item(6, "commitment", HANDLE, "2026-11-16T10:00:00+00:00", due="2026-11-24T17:00:00+00:00",
              status="done", done_at="2026-11-23T08:30:00+00:00"),
        _item(7, "ask", "dana", "2026-11-16T10:00:00+00:00", due="2026-11-21T10:00:00+00:00"),
    ]  # fmt: skip
    people = [
        {"uuid": "00000000-0000-4000-8000-0000000000da", "handle": "dana", "kind": "manager",
         "team": hostile("data"), "cadence": 7, "created": "2026-11-01T10:00:00+00:00"},
        {"uuid": "00000000-0000-4000-8000-0000000000ee", "handle": HANDLE, "kind": "client",
         "team": hostile("ops"), "cadence": None, "created": "2026-11-01T10:00:00+00:00"},
    ]  # fmt: skip
    checkins = [{"uuid": "00000000-0000-4000-9000-000000000001", "person": "dana", "at": "2026-11-02T10:00:00+00:00",
                 "rating": 4, "note": hostile("wants figures earlier")}]  # fmt: skip
    care = [{"day": "2026-11-23", "done": ["slept", hostile("nap")], "energy": 3, "note": hostile("short night"),
             "at": "2026-11-23T08:00:00+00:00"}]  # fmt: skip
    return {"format": "ictrack-export", "version": 1, "exported_at": WEEK_NOW, "next_id": 8, "items": items,
            "people": people, "care": care, "checkins": checkins}  # fmt: skip
