"""Why slots stay open: the fast reasons (reusing the solve's candidate pairs) agree with a
brute-force count written independently here, one pair at a time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from geopy.distance import geodesic

from tests.unit.matching_support import STEP, _fits_skills, _fixed_spans, _inside, _merged, _t
from volunteer_app.matching import assign, instance_to_json, result_to_json
from volunteer_app.matching.generate import city_instance, random_instance
from volunteer_app.matching.reasons import UNFILLED_CODES, _label


def _spans(t: dict[str, Any]) -> list[tuple[Any, Any]]:
    if "window" in t:
        ws, we = _t(t["window"][0]), _t(t["window"][1])
        m = timedelta(minutes=t["minutes"])
        return [(ws + k * STEP, ws + k * STEP + m) for k in range(int((we - ws - m) / STEP) + 1)]
    return [(_t(t["start"]), _t(t["end"]))]


def brute_reasons(inst: dict[str, Any], res: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The funnel of ``reasons`` - skills, reach, free time, cap room - counted pair by pair."""
    fixed = _fixed_spans(inst)
    busy: dict[str, list[Any]] = {}
    held: dict[str, list[Any]] = {}
    on: dict[str, set[str]] = {}
    for v, t, a, b in fixed:
        busy.setdefault(v, []).append((a, b))
        held.setdefault(v, []).append((a, b))
        on.setdefault(t, set()).add(v)
    for a in res["assignments"]:
        on.setdefault(a["task"], set()).add(a["volunteer"])
    never = {(x["volunteer"], x["task"]) for x in inst.get("excluded", [])}
    out: dict[str, dict[str, int]] = {}
    for t in inst["tasks"]:
        k = res["unfilled"].get(t["id"], 0)
        if not k:
            continue
        spans = _spans(t)
        minutes = (spans[0][1] - spans[0][0]).total_seconds() / 60
        skilled = reach = free = able = 0
        for v in inst["volunteers"]:
            if v["id"] in on.get(t["id"], set()) or not _fits_skills(v["skills"], t["requires"]):
                continue
            skilled += 1
            if t["location"] is not None and (
                v["location"] is None or geodesic(v["location"], t["location"]).km > v["radius_km"]
            ):
                continue
            reach += 1
            ivs = _merged(v["free"], busy.get(v["id"], []))
            starts = [a for a, b in spans if _inside(ivs, a, b)]
            if not starts or (v["id"], t["id"]) in never:
                continue
            free += 1
            mins = sum((b - a).total_seconds() / 60 for a, b in held.get(v["id"], []))
            if v.get("max_minutes") is not None and v["max_minutes"] - mins < minutes:
                continue

            # Some start that every window cap it falls in leaves room for.
            def room(s: Any, v: dict[str, Any] = v, minutes: float = minutes) -> bool:
                return all(
                    c["max_minutes"]
                    - sum(
                        (b - a).total_seconds() / 60
                        for a, b in held.get(v["id"], [])
                        if _t(c["from"]) <= a < _t(c["to"])
                    )
                    >= minutes
                    for c in v.get("caps", [])
                    if _t(c["from"]) <= s < _t(c["to"])
                )

            if not any(room(s) for s in starts):
                continue
            able += 1
        out[t["id"]] = _label(k, [able, free, reach, skilled])
    return out


@pytest.mark.parametrize(
    "make",
    [
        lambda: random_instance(300, 80, seed=3, fixed_share=0.05, window_caps=0.3),
        lambda: random_instance(150, 60, seed=8, fixed_share=0.05),
        lambda: city_instance(400, 100, seed=5),
        lambda: city_instance(1000, 250, seed=6),
    ],
    ids=["random-caps", "random", "city-small", "city"],
)
def test_fast_reasons_equal_the_brute_force_count(make: Any) -> None:
    inst = make()
    data = instance_to_json(inst)
    res = result_to_json(assign(inst))
    assert res["unfilled"], "the instance must leave slots open"
    expected = brute_reasons(data, res)
    assert res["reasons"] == expected
    codes = {code for why in expected.values() for code in why}
    assert codes <= set(UNFILLED_CODES)
    assert len(codes) >= 3, codes
