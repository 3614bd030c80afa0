"""SPEC §7: levels and reasons for open commitments."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ictrack.core.model import Item
from ictrack.core.risk import assess_all
from ictrack.core.settings import Config

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
_ids = iter(range(1, 10_000))


def commitment(due_in: timedelta | None, **fields) -> Item:
    return Item(id=next(_ids), uuid="u", kind=fields.pop("kind", "commitment"), title="t", created=NOW,
                due=NOW + due_in if due_in is not None else None, **fields)  # fmt: skip


def risk_of(item: Item, *others: Item, config: Config | None = None, energy=None):
    return assess_all([item, *others], NOW, config or Config(), energy)[item.id]


def test_due_before_now_is_overdue():
    risk = risk_of(commitment(-timedelta(hours=3)))
    assert (risk.level, risk.reasons) == ("overdue", ["overdue by 3h"])


def test_due_within_four_hours_is_at_risk():
    risk = risk_of(commitment(timedelta(hours=3)))
    assert (risk.level, risk.reasons) == ("at-risk", ["due in 3h"])


def test_due_within_soon_hours_is_soon():
    risk = risk_of(commitment(timedelta(hours=20)))
    assert (risk.level, risk.reasons) == ("soon", ["due in 20h"])


def test_soon_hours_comes_from_config():
    assert risk_of(commitment(timedelta(hours=20)), config=Config(soon_hours=12)).level == "ok"


def test_further_away_or_no_due_date_is_ok():
    assert risk_of(commitment(timedelta(days=3))).level == "ok"
    assert risk_of(commitment(None)).level == "ok"


def test_more_than_daily_capacity_due_the_same_day_is_at_risk():
    tomorrow = timedelta(hours=20)
    crowd = [commitment(tomorrow + timedelta(minutes=m)) for m in range(3)]
    risk = risk_of(commitment(tomorrow), *crowd)
    assert risk.level == "at-risk"
    assert risk.reasons == ["4 commitments due Tue"]
    assert risk_of(commitment(tomorrow), *crowd[:2]).level == "soon"


def test_day_load_counts_only_open_commitments():
    tomorrow = timedelta(hours=20)
    others = [commitment(tomorrow, status="done"), commitment(tomorrow, kind="ask"), commitment(tomorrow),
              commitment(tomorrow)]  # fmt: skip
    assert risk_of(commitment(tomorrow), *others).level == "soon"


def test_moved_twice_is_at_risk_at_any_distance():
    move = {"at": NOW.isoformat(), "from": None, "to": NOW.isoformat(), "reason": None}
    assert risk_of(commitment(timedelta(days=10), moves=[move, move])).reasons == ["moved twice"]
    assert risk_of(commitment(timedelta(days=10), moves=[move] * 3)).reasons == ["moved 3 times"]
    assert risk_of(commitment(timedelta(days=10), moves=[move])).level == "ok"


def test_external_and_due_within_48_hours_is_at_risk():
    risk = risk_of(commitment(timedelta(hours=40), external=True))
    assert (risk.level, risk.reasons) == ("at-risk", ["external customer waiting, due in 40h"])
    assert risk_of(commitment(timedelta(hours=50), external=True)).level == "ok"


def test_low_energy_today_makes_soon_commitments_at_risk():
    risk = risk_of(commitment(timedelta(hours=6)), energy=2)
    assert (risk.level, risk.reasons) == ("at-risk", ["low energy today"])
    assert risk_of(commitment(timedelta(hours=6)), energy=3).level == "soon"


def test_every_rule_that_fires_adds_its_reason():
    move = {"at": NOW.isoformat(), "from": None, "to": NOW.isoformat(), "reason": None}
    risk = risk_of(commitment(timedelta(hours=2), external=True, moves=[move, move]))
    assert risk.reasons == ["due in 2h", "moved twice", "external customer waiting, due in 2h"]


def test_closed_items_carry_no_risk():
    assert risk_of(commitment(-timedelta(days=1), status="done")).level == "ok"
    assert risk_of(commitment(-timedelta(days=1), status="dropped")).level == "ok"


def test_an_ask_past_due_is_a_follow_up():
    risk = risk_of(commitment(-timedelta(days=2), kind="ask"))
    assert (risk.level, risk.reasons) == ("overdue", ["follow up: was due 2d ago"])
    assert risk_of(commitment(timedelta(hours=2), kind="ask")).level == "ok"
