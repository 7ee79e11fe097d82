"""Ranked suggestions for one volunteer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from volunteer_app.matching import Instance, InstanceError, Placement, Reason, Task, Volunteer, suggest

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 7, 8, 0, tzinfo=TZ)
HERE = (30.27, 120.15)


def h(hours: float) -> datetime:
    return NOW + timedelta(hours=hours)


def me(**kw: Any) -> Volunteer:
    args: dict[str, Any] = {
        "id": "me",
        "location": HERE,
        "radius_km": 5.0,
        "skills": {"first_aid": 3},
        "free": [(h(0), h(200))],
    }
    args.update(kw)
    return Volunteer(**args)


def task(ident: str, start: float, **kw: Any) -> Task:
    args: dict[str, Any] = {
        "id": ident,
        "location": (HERE[0] + 0.01, HERE[1]),
        "slots": 4,
        "start": h(start),
        "end": h(start + 2),
    }
    args.update(kw)
    return Task(**args)


def ids(sugs: list[Any]) -> list[str]:
    return [s.task for s in sugs]


def test_under_filled_ranks_above_nearly_full_and_full_is_waitlist_only() -> None:
    inst = Instance([me()], [task("nearly_full", 30), task("full", 30, priority=5), task("empty", 30)])
    sugs = suggest(inst, "me", filled={"nearly_full": 3, "full": 4}, now=NOW)
    assert ids(sugs) == ["empty", "nearly_full", "full"]
    assert [s.waitlist for s in sugs] == [False, False, True]
    full = sugs[2]
    assert Reason("waitlist", {"of": 4}) in full.reasons
    assert Reason("slots_left", {"left": 1, "of": 4}) in sugs[1].reasons


def test_urgent_ranks_above_later_and_priority_above_lower() -> None:
    inst = Instance([me()], [task("later", 100), task("soon", 5)])
    assert ids(suggest(inst, "me", now=NOW)) == ["soon", "later"]
    inst = Instance([me()], [task("p1", 30), task("p4", 30, priority=4)])
    assert ids(suggest(inst, "me", now=NOW)) == ["p4", "p1"]


def test_nearer_ranks_above_farther_when_otherwise_equal() -> None:
    inst = Instance([me()], [task("far", 30, location=(HERE[0] + 0.04, HERE[1])), task("near", 30)])
    assert ids(suggest(inst, "me", now=NOW)) == ["near", "far"]


def test_only_feasible_tasks_are_offered() -> None:
    tasks = [
        task("ok", 30),
        task("skill", 30, requires={"first_aid": 4}),
        task("too_far", 30, location=(HERE[0] + 0.2, HERE[1])),
        task("past", -3),
        task("not_free", 250),
        task("remote", 40, location=None),
    ]
    assert sorted(ids(suggest(Instance([me()], tasks), "me", now=NOW))) == ["ok", "remote"]
    nowhere = me(location=None)
    assert ids(suggest(Instance([nowhere], tasks), "me", now=NOW)) == ["remote"]


def test_existing_placements_are_busy_time_and_use_the_cap() -> None:
    tasks = [task("mine", 10), task("clash", 11), task("later", 20), task("long", 40, end=h(44))]
    inst = Instance([me(max_minutes=300)], tasks, [Placement("me", "mine")])
    # mine: already on it; clash: overlaps it; long: 240 minutes > 300 - 120 left.
    assert ids(suggest(inst, "me", now=NOW)) == ["later"]


def test_others_existing_placements_count_as_filled() -> None:
    other = Volunteer("other", HERE, 5.0, {}, [(h(0), h(100))])
    inst = Instance([me(), other], [task("a", 30, slots=1)], [Placement("other", "a")])
    (s,) = suggest(inst, "me", now=NOW)
    assert s.waitlist
    (s,) = suggest(inst, "me", now=NOW, filled={"a": 0})
    assert not s.waitlist


def test_flexible_best_start_and_alternatives() -> None:
    flex = Task("f", None, slots=2, window=(h(1) + timedelta(minutes=10), h(8)), minutes=60)
    vol = me(free=[(h(2), h(4)), (h(6), h(8))])
    (s,) = suggest(Instance([vol], [flex]), "me", now=NOW)
    # Grid from the window start (09:10): first start inside free time is 10:10.
    assert s.start == h(2) + timedelta(minutes=10) and s.end == s.start + timedelta(hours=1)
    assert s.alternatives and all((a - flex.window[0]) % timedelta(minutes=15) == timedelta(0) for a in s.alternatives)
    assert h(6) + timedelta(minutes=10) in s.alternatives
    # Starts before "now" are not offered.
    (s,) = suggest(Instance([vol], [flex]), "me", now=h(2) + timedelta(minutes=20))
    assert s.start == h(2) + timedelta(minutes=25)


def test_reasons_are_structured_and_describable() -> None:
    inst = Instance([me()], [task("a", 20, requires={"first_aid": 2}, priority=4, slots=3)])
    (s,) = suggest(inst, "me", now=NOW, filled={"a": 1})
    by_code = {r.code: r for r in s.reasons}
    assert set(by_code) == {"distance", "skills", "free_slot", "slots_left", "urgent", "priority"}
    assert by_code["distance"].params["km"] == pytest.approx(1.109, abs=1e-3)
    assert by_code["skills"].params == {"first_aid": (3, 2)}
    assert by_code["slots_left"].params == {"left": 2, "of": 3}
    assert by_code["urgent"].params == {"starts_in_hours": 20.0}
    assert by_code["priority"].params == {"level": 4}
    assert by_code["free_slot"].params["start"] == h(0)
    texts = [r.describe() for r in s.reasons]
    assert "1.1 km" in texts[0] and "first_aid" in texts[1] and "2 of 3" in " ".join(texts)
    assert s.distance_km == pytest.approx(1.1086, abs=1e-4) and 0 < s.score <= 100


def test_limit_and_unknown_volunteer() -> None:
    inst = Instance([me()], [task(f"t{k}", 10 + k) for k in range(10)])
    assert ids(suggest(inst, "me", now=NOW, limit=3)) == ["t0", "t1", "t2"]
    with pytest.raises(InstanceError):
        suggest(inst, "nobody", now=NOW)


def test_a_week_at_its_cap_offers_nothing_that_week() -> None:
    from volunteer_app.matching import Cap
    from volunteer_app.matching.generate import WEEK_START, random_instance

    inst = random_instance(50, 120, seed=3)
    vol = next(v for v in inst.volunteers if v.location is not None)
    free = [(WEEK_START, WEEK_START + timedelta(days=7))]
    open_vol = Volunteer(vol.id, vol.location, 15.0, {}, free)
    offered = {s.task for s in suggest(Instance([open_vol], inst.tasks), vol.id, now=WEEK_START, limit=None)}
    # Thursday onwards the week's cap leaves 30 minutes: no task that starts then fits.
    thursday = WEEK_START + timedelta(days=3)
    caps = [Cap(WEEK_START, thursday, 10_000), Cap(thursday, WEEK_START + timedelta(days=7), 30)]
    capped = Volunteer(vol.id, vol.location, 15.0, {}, free, None, caps)
    kept = suggest(Instance([capped], inst.tasks), vol.id, now=WEEK_START, limit=None)
    starts = {t.id: (t.start or t.window[0]) for t in inst.tasks}  # type: ignore[index]
    assert kept and {s.task for s in kept} < offered
    assert all(starts[s.task] < thursday for s in kept)
