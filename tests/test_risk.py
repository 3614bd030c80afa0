"""Levels and reasons for open commitments, and the groups they fall in (docs/brief.md)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ictrack.core.model import Item
from ictrack.core.risk import ATTENTION, GROUPS, assess_all, attention, group_of, left_out
from ictrack.core.settings import Config

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
_ids = iter(range(1, 10_000))


def commitment(due_in: timedelta | None, **fields) -> Item:
    return Item(id=next(_ids), uuid="u", kind=fields.pop("kind", "commitment"), title="t",
                created=fields.pop("created", NOW), due=NOW + due_in if due_in is not None else None,
                **fields)  # fmt: skip


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


def test_one_commitment_over_daily_capacity_is_at_risk_and_the_reason_names_the_day():
    tomorrow = timedelta(hours=20)
    crowd = [commitment(tomorrow + timedelta(minutes=m)) for m in range(3)]
    latest = commitment(tomorrow)
    risks = assess_all([*crowd, latest], NOW, Config(), None)
    assert risks[latest.id].level == "at-risk"
    assert risks[latest.id].reasons == ["over capacity on Tue 24 Nov: 4 due, capacity 3"]
    assert [risks[item.id].level for item in crowd] == ["soon"] * 3
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


def test_every_rule_that_fires_adds_its_reason_once():
    move = {"at": NOW.isoformat(), "from": None, "to": NOW.isoformat(), "reason": None}
    crowd = [commitment(timedelta(hours=1)) for _ in range(3)]
    item = commitment(timedelta(hours=2), external=True, moves=[move, move], priority="low")
    risk = risk_of(item, *crowd, energy=1)
    assert risk.reasons == ["external customer waiting, due in 2h", "over capacity on Mon 23 Nov: 4 due, capacity 3",
                            "moved twice", "low energy today"]  # fmt: skip


def test_the_time_left_is_named_once_when_an_external_customer_is_waiting():
    risk = risk_of(commitment(timedelta(hours=2), external=True))
    assert risk.reasons == ["external customer waiting, due in 2h"]
    assert sum("due in" in reason for reason in risk.reasons) == 1


def test_an_urgent_internal_commitment_says_only_how_long_is_left():
    assert risk_of(commitment(timedelta(hours=2))).reasons == ["due in 2h"]


def test_closed_items_carry_no_risk():
    assert risk_of(commitment(-timedelta(days=1), status="done")).level == "ok"
    assert risk_of(commitment(-timedelta(days=1), status="dropped")).level == "ok"


def test_an_ask_past_due_is_a_follow_up():
    risk = risk_of(commitment(-timedelta(days=2), kind="ask"))
    assert (risk.level, risk.reasons) == ("overdue", ["follow up: was due 2d ago"])
    assert risk_of(commitment(timedelta(hours=2), kind="ask")).level == "ok"


# -- over capacity: only the items that do not fit the day ------------------------------------------


def today_at(hour: int) -> timedelta:
    return timedelta(hours=hour - NOW.hour)


def test_over_capacity_marks_exactly_the_items_that_do_not_fit_least_important_first():
    kept = [commitment(today_at(17), priority="high"), commitment(today_at(17), external=True),
            commitment(today_at(16), created=NOW - timedelta(days=2))]  # fmt: skip
    normal_internal = commitment(today_at(15), created=NOW - timedelta(days=1))  # created after kept[2]
    low = commitment(today_at(17), priority="low", external=True, created=NOW - timedelta(days=9))
    crowded = left_out([*kept, normal_internal, low], NOW.tzinfo, capacity=3)
    assert list(crowded) == [low.id, normal_internal.id]  # the order they are left out in
    risks = assess_all([*kept, normal_internal, low], NOW, Config(daily_capacity=3))
    reason = "over capacity on Mon 23 Nov: 5 due, capacity 3"
    assert [item.id for item in [*kept, normal_internal, low] if reason in risks[item.id].reasons] == [
        normal_internal.id,
        low.id,
    ]


def test_low_priority_goes_before_normal_and_normal_before_high():
    high, normal, low = (commitment(today_at(17), priority=priority) for priority in ("high", "normal", "low"))
    assert list(left_out([high, normal, low], NOW.tzinfo, capacity=1)) == [low.id, normal.id]
    assert list(left_out([high, normal, low], NOW.tzinfo, capacity=2)) == [low.id]


def test_at_the_same_priority_internal_goes_before_external():
    external, internal = commitment(today_at(17), external=True), commitment(today_at(17))
    assert list(left_out([external, internal], NOW.tzinfo, capacity=1)) == [internal.id]


def test_among_equals_the_latest_created_does_not_fit():
    older = commitment(today_at(17), created=NOW - timedelta(days=2))
    newest = commitment(today_at(17), created=NOW - timedelta(hours=1))
    middle = commitment(today_at(17), created=NOW - timedelta(days=1))
    assert list(left_out([older, newest, middle], NOW.tzinfo, capacity=1)) == [newest.id, middle.id]


def test_each_crowded_day_is_counted_and_named_on_its_own():
    monday = [commitment(today_at(17)) for _ in range(3)]
    tuesday = [commitment(today_at(17) + timedelta(days=1)) for _ in range(4)]
    crowded = left_out([*monday, *tuesday], NOW.tzinfo, capacity=2)
    assert sorted(crowded) == [monday[2].id, tuesday[2].id, tuesday[3].id]
    assert crowded[monday[2].id].reason == "over capacity on Mon 23 Nov: 3 due, capacity 2"
    assert crowded[tuesday[3].id].reason == "over capacity on Tue 24 Nov: 4 due, capacity 2"


def test_a_day_at_capacity_leaves_nothing_out():
    assert left_out([commitment(today_at(17)) for _ in range(3)], NOW.tzinfo, capacity=3) == {}


def test_the_day_is_the_local_date_of_the_due_time():
    late_evening = [commitment(today_at(23) + timedelta(minutes=30)) for _ in range(2)]  # 23:30 London
    next_day = commitment(today_at(24) + timedelta(minutes=30))  # 00:30 Tuesday
    assert list(left_out([*late_evening, next_day], NOW.tzinfo, capacity=1)) == [late_evening[1].id]


def test_an_item_left_out_of_a_day_beyond_soon_hours_is_not_at_risk_yet():
    friday = [commitment(today_at(17) + timedelta(days=4)) for _ in range(4)]
    assert len(left_out(friday, NOW.tzinfo, capacity=3)) == 1
    assert {risk.level for risk in assess_all(friday, NOW, Config(daily_capacity=3)).values()} == {"ok"}


def test_an_overdue_item_left_out_stays_overdue_and_the_others_fit():
    overdue = commitment(-timedelta(hours=1), priority="low")  # 08:00 today
    rest = [commitment(today_at(17)) for _ in range(3)]
    risks = assess_all([overdue, *rest], NOW, Config(daily_capacity=3))
    assert risks[overdue.id].reasons == ["overdue by 1h"]
    assert [risks[item.id].level for item in rest] == ["soon"] * 3


# -- groups: each open commitment in exactly one -----------------------------------------------------


def test_four_due_today_over_a_capacity_of_three_count_one_at_risk_and_three_also_due_today():
    items = [commitment(today_at(17), created=NOW - timedelta(hours=n)) for n in range(4)]
    risks = assess_all(items, NOW, Config(daily_capacity=3))
    groups = attention(items, risks, NOW)
    assert (
        {name: [item.id for item in members] for name, members in groups.items()}
        == {
            "Overdue": [],
            "At risk": [items[0].id],  # the latest created
            "Also due today": [item.id for item in items[1:]],
        }
    )
    assert sum(len(members) for members in groups.values()) == len(items)


def test_every_open_commitment_falls_in_exactly_one_group():
    move = {"at": NOW.isoformat(), "from": None, "to": NOW.isoformat(), "reason": None}
    items = [commitment(-timedelta(hours=2)), commitment(timedelta(hours=2)), commitment(today_at(18)),
             commitment(timedelta(days=3), moves=[move, move]), commitment(timedelta(days=2)),
             commitment(timedelta(days=30)), commitment(None)]  # fmt: skip
    risks = assess_all(items, NOW, Config())
    assert [group_of(item, risks[item.id], NOW) for item in items] == [
        "Overdue", "At risk", "Also due today", "At risk", "This week", "Later", "No date",
    ]  # fmt: skip
    assert set(GROUPS) >= set(ATTENTION)


def test_attention_leaves_out_asks_closed_items_and_what_is_not_due_today():
    items = [commitment(timedelta(hours=6)), commitment(timedelta(hours=6), kind="ask"),
             commitment(timedelta(hours=6), status="done"), commitment(timedelta(days=2))]  # fmt: skip
    groups = attention(items, assess_all(items, NOW, Config()), NOW)
    assert [[item.id for item in members] for members in groups.values()] == [[], [], [items[0].id]]
