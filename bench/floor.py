"""The floor for ictrack's design: add one item the way the store does, with nothing else, as a second baseline.

It takes the lock ictrack takes, loads the live data file, appends an item in the shape ictrack stores
(for @dana if the data file knows her), and replaces the file as ictrack does: a temp file beside it,
fsynced, renamed over it, and the folder fsynced. No journal entry, no parsing, no model objects.

Usage: ICTRACK_HOME=FOLDER python bench/floor.py   (`make bench` times it beside `ictrack add`)
"""

import fcntl
import json
import os
import time

home = os.environ["ICTRACK_HOME"]
path = os.path.join(home, "ictrack.json")
lock = os.open(os.path.join(home, "ictrack.lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
fcntl.flock(lock, fcntl.LOCK_EX)
try:
    with open(path, "rb") as file:
        data = json.loads(file.read())
except FileNotFoundError:
    data = {}
meta = data.setdefault("meta", {}).setdefault("1", {"schema": 5, "next_id": 1, "archives": []})
item_id, meta["next_id"], raw = meta["next_id"], meta["next_id"] + 1, os.urandom(16).hex()
uuid = f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
dana = next((key for key, person in data.get("people", {}).items() if person.get("handle") == "dana"), None)
data.setdefault("items", {})[uuid] = {
    "id": item_id, "uuid": uuid, "kind": "commitment", "title": "send Q3 figures", "person_id": dana,
    "tags": ["finance"], "external": False, "priority": "normal", "note": None, "created": now, "due": None,
    "status": "open", "done_at": None, "moves": [], "thanked_at": None, "thank_note": None, "recur": None,
    "drop_reason": None,
}  # fmt: skip
temp = os.path.join(home, f".ictrack.json.{raw[:12]}.tmp")  # the name ictrack clears if this is killed
with open(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600), "wb") as out:
    out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    out.flush()
    os.fsync(out.fileno())
os.replace(temp, path)
folder = os.open(home, os.O_RDONLY | os.O_DIRECTORY)
os.fsync(folder)
os.close(folder)
os.close(lock)
