"""``matching.explain``: the rule that keeps a pair apart, or what placing it would displace."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.matching_support import feasible_pairs
from tests.unit.test_matching_assign import flex, shift, vol
from volunteer_app.matching import (
    EXPLAIN_CODES,
    ExplainError,
    assign,
    explain,
    instance_to_json,
    parse_instance,
)
from volunteer_app.matching.generate import random_instance


def _instance(vols: list[dict[str, Any]], tasks: list[dict[str, Any]], **extra: Any) -> Any:
    data = {"format": "volunteer-app.matching-instance", "version": 1, "volunteers": vols, "tasks": tasks, **extra}
    return parse_instance(data)


def _why(inst: Any, v: str, t: str) -> Any:
    return explain(inst, assign(inst), v, t)


def test_each_rule_is_named_with_its_figures() -> None:
    far = [30.40, 120.15]  # about 14.4 km north of HERE
    inst = _instance(
        [
            vol("ann", [("09:00", "17:00")], skills={"first_aid": 1}),
            vol("bob", [("09:00", "10:00")]),
            vol("cat", [("09:00", "17:00")], max_minutes=60),
            vol("dan", [("09:00", "17:00")], location=None),
            vol("eve", [("09:00", "17:00")]),
        ],
        [
            shift("aid", "10:00", "12:00", requires={"first_aid": 2}),
            shift("far", "10:00", "11:00", location=far),
            shift("two_h", "13:00", "15:00"),
            shift("gone", "10:00", "11:00"),
        ],
        excluded=[{"volunteer": "eve", "task": "gone"}],
    )
    skills = _why(inst, "ann", "aid")
    assert skills.code == "skills" and skills.params["missing"] == {"first_aid": [1, 2]}
    distance = _why(inst, "ann", "far")
    assert distance.code == "distance" and distance.params["radius_km"] == 5.0
    assert distance.params["km"] == pytest.approx(14.4, abs=0.1)
    assert _why(inst, "bob", "two_h").code == "time"
    cap = _why(inst, "cat", "two_h")
    assert cap.code == "cap" and cap.params["which"] == "max_minutes" and cap.params["needs"] == 120
    assert _why(inst, "dan", "far").code == "no_location"
    assert _why(inst, "eve", "gone").code == "excluded"


def test_a_feasible_pair_names_what_it_would_displace_and_the_loss() -> None:
    # One slot; ann lives at the task, bob 3 km away: the engine puts ann there.
    inst = _instance(
        [vol("ann", [("09:00", "12:00")]), vol("bob", [("09:00", "12:00")], location=[30.297, 120.15])],
        [shift("t", "10:00", "11:00")],
    )
    result = assign(inst)
    assert [(a.volunteer, a.task) for a in result.assignments] == [("ann", "t")]
    placed = explain(inst, result, "ann", "t")
    assert placed.code == "placed"
    why = explain(inst, result, "bob", "t")
    assert why.code == "would_displace"
    assert [d["volunteer"] for d in why.params["displaced"]] == ["ann"]
    # Swapping ann for bob loses the difference of their trips (about 3 km).
    assert why.params["change"] == pytest.approx(-3.0, abs=0.05)
    assert why.params["change_after_refill"] == pytest.approx(why.params["change"])


def test_a_flexible_pair_that_fits_as_things_stand() -> None:
    inst = _instance([vol("ann", [("09:00", "12:00")])], [flex("f", "09:00", "12:00", 60, slots=2)])
    result = assign(inst)
    # Taking ann off the result: the pair fits again, worth its value.
    emptied = type(result)((), 0.0, {"f": 2})
    why = explain(inst, emptied, "ann", "f")
    assert why.code == "fits_now" and why.params["gain"] == pytest.approx(1000.0)


def test_unknown_ids_are_refused() -> None:
    inst = _instance([vol("ann", [("09:00", "12:00")])], [shift("t", "10:00", "11:00")])
    with pytest.raises(ExplainError, match="nobody"):
        _why(inst, "nobody", "t")
    with pytest.raises(ExplainError, match="nothing"):
        _why(inst, "ann", "nothing")


def test_explain_agrees_with_the_brute_force_feasible_pairs() -> None:
    inst = random_instance(150, 40, seed=7, fixed_share=0.05, window_caps=0.3)
    data = instance_to_json(inst)
    result = assign(inst)
    feasible = feasible_pairs(data)
    fixed = {(p.volunteer, p.task) for p in inst.fixed}
    seen = set()
    for v in inst.volunteers:
        for t in inst.tasks:
            why = explain(inst, result, v.id, t.id)
            assert why.code in EXPLAIN_CODES
            seen.add(why.code)
            if (v.id, t.id) in fixed:
                assert why.code == "fixed"
            elif why.code in ("placed", "fits_now", "would_displace"):
                assert (v.id, t.id) in feasible, why
            else:
                assert (v.id, t.id) not in feasible, why
    assert {"placed", "would_displace", "skills", "distance", "time"} <= seen, seen
