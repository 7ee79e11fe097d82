"""The independent feasibility checker must catch every kind of broken result."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.unit.matching_support import check_feasible

V1 = {
    "id": "v1",
    "location": [30.27, 120.15],
    "radius_km": 5.0,
    "skills": {"first_aid": 2},
    "free": [
        ["2026-12-05T09:00:00+08:00", "2026-12-05T11:00:00+08:00"],
        ["2026-12-05T11:00:00+08:00", "2026-12-05T14:00:00+08:00"],
    ],
    "max_minutes": 240,
}
V2 = {
    "id": "v2",
    "location": None,
    "radius_km": 5.0,
    "skills": {},
    "free": [["2026-12-05T08:00:00+08:00", "2026-12-05T20:00:00+08:00"]],
}
TASKS = [
    {
        "id": "a",
        "location": [30.28, 120.15],
        "requires": {"first_aid": 2},
        "start": "2026-12-05T10:00:00+08:00",
        "end": "2026-12-05T12:00:00+08:00",
        "slots": 1,
        "priority": 3,
    },
    {
        "id": "b",
        "location": None,
        "requires": {},
        "window": ["2026-12-05T12:00:00+08:00", "2026-12-05T16:00:00+08:00"],
        "minutes": 60,
        "slots": 2,
    },
    {
        "id": "c",
        "location": [30.50, 120.15],
        "requires": {},
        "start": "2026-12-05T12:00:00+08:00",
        "end": "2026-12-05T13:00:00+08:00",
        "slots": 1,
    },
]
INST: dict[str, Any] = {
    "format": "volunteer-app.matching-instance",
    "version": 1,
    "volunteers": [V1, V2],
    "tasks": TASKS,
}
A_DIST = 1.1085709006051185  # geopy geodesic v1 -> a


def good() -> dict[str, Any]:
    assignments = [
        {
            "volunteer": "v1",
            "task": "a",
            "start": "2026-12-05T10:00:00+08:00",
            "end": "2026-12-05T12:00:00+08:00",
            "distance_km": A_DIST,
        },
        {
            "volunteer": "v1",
            "task": "b",
            "start": "2026-12-05T12:00:00+08:00",
            "end": "2026-12-05T13:00:00+08:00",
            "distance_km": 0.0,
        },
        {
            "volunteer": "v2",
            "task": "b",
            "start": "2026-12-05T15:00:00+08:00",
            "end": "2026-12-05T16:00:00+08:00",
            "distance_km": 0.0,
        },
    ]
    return {
        "format": "volunteer-app.matching-result",
        "version": 1,
        "assignments": assignments,
        "objective": 3000 - A_DIST + 2000,
        "unfilled": {"c": 1},
    }


def test_good_result_passes() -> None:
    assert check_feasible(INST, good()) == []


def test_a_window_cap_that_holds_passes() -> None:
    inst = copy.deepcopy(INST)
    # 60 minutes start in the window (task b at 12:00); task a started before it.
    inst["volunteers"][0]["caps"] = [
        {"from": "2026-12-05T11:00:00+08:00", "to": "2026-12-06T00:00:00+08:00", "max_minutes": 60}
    ]
    assert check_feasible(inst, good()) == []


def _mutate(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    inst, res = copy.deepcopy(INST), good()
    a = res["assignments"]
    if kind == "slots":
        inst["tasks"][1]["slots"] = 1
        res["unfilled"] = {"c": 1}
    elif kind == "twice":
        a[2]["volunteer"] = "v1"
        a[2]["start"], a[2]["end"] = "2026-12-05T13:00:00+08:00", "2026-12-05T14:00:00+08:00"
    elif kind == "skills":
        inst["volunteers"][0]["skills"] = {"first_aid": 1}
    elif kind == "radius":
        inst["volunteers"][0]["radius_km"] = 1.0
    elif kind == "null_location":
        inst["volunteers"][0]["location"] = None
    elif kind == "not_free":
        inst["volunteers"][0]["free"] = [
            ["2026-12-05T09:00:00+08:00", "2026-12-05T11:30:00+08:00"],
            ["2026-12-05T11:45:00+08:00", "2026-12-05T14:00:00+08:00"],
        ]
    elif kind == "overlap":
        a[1]["start"], a[1]["end"] = "2026-12-05T11:00:00+08:00", "2026-12-05T12:00:00+08:00"
        inst["tasks"][1]["window"][0] = "2026-12-05T11:00:00+08:00"
    elif kind == "cap":
        inst["volunteers"][0]["max_minutes"] = 179
    elif kind == "cap_window":
        # v1 works 120 + 60 minutes starting 10:00 and 12:00; a window cap from 11:00 allows 59.
        inst["volunteers"][0]["caps"] = [
            {"from": "2026-12-05T11:00:00+08:00", "to": "2026-12-06T00:00:00+08:00", "max_minutes": 59}
        ]
    elif kind == "cap_window_fixed":
        # The window allows 100 minutes, but an existing placement starting in it holds 60.
        inst["volunteers"][1]["caps"] = [
            {"from": "2026-12-05T12:00:00+08:00", "to": "2026-12-05T18:00:00+08:00", "max_minutes": 100}
        ]
        inst["fixed"] = [{"volunteer": "v2", "task": "b", "start": "2026-12-05T12:00:00+08:00"}]
        inst["tasks"][1]["slots"] = 3
        inst["tasks"].append(
            {
                "id": "d",
                "location": None,
                "requires": {},
                "start": "2026-12-05T13:00:00+08:00",
                "end": "2026-12-05T14:00:00+08:00",
                "slots": 1,
            }
        )
        a[2]["task"] = "d"
        a[2]["start"], a[2]["end"] = "2026-12-05T13:00:00+08:00", "2026-12-05T14:00:00+08:00"
        res["unfilled"] = {"b": 1, "c": 1}
    elif kind == "grid":
        a[2]["start"], a[2]["end"] = "2026-12-05T14:10:00+08:00", "2026-12-05T15:10:00+08:00"
    elif kind == "outside_window":
        a[2]["start"], a[2]["end"] = "2026-12-05T15:30:00+08:00", "2026-12-05T16:30:00+08:00"
    elif kind == "shift_moved":
        a[0]["start"] = "2026-12-05T10:15:00+08:00"
    elif kind == "offset":
        a[0]["start"], a[0]["end"] = "2026-12-05T02:00:00+00:00", "2026-12-05T04:00:00+00:00"
    elif kind == "objective":
        res["objective"] += 0.01
    elif kind == "distance":
        a[0]["distance_km"] = 1.0
        res["objective"] = 5000 - 1.0
    elif kind == "unfilled":
        res["unfilled"] = {}
    elif kind == "fixed_clash":
        inst["fixed"] = [{"volunteer": "v2", "task": "c"}]
        inst["tasks"][2]["location"] = None
        a[2]["start"], a[2]["end"] = "2026-12-05T12:00:00+08:00", "2026-12-05T13:00:00+08:00"
        res["unfilled"] = {}
    elif kind == "fixed_slots":
        inst["fixed"] = [{"volunteer": "v2", "task": "a"}]
        res["unfilled"] = {"c": 1}
    return inst, res


@pytest.mark.parametrize(
    "kind",
    [
        "slots",
        "twice",
        "skills",
        "radius",
        "null_location",
        "not_free",
        "overlap",
        "cap",
        "cap_window",
        "cap_window_fixed",
        "grid",
        "outside_window",
        "shift_moved",
        "offset",
        "objective",
        "distance",
        "unfilled",
        "fixed_clash",
        "fixed_slots",
    ],
)
def test_checker_catches(kind: str) -> None:
    inst, res = _mutate(kind)
    assert check_feasible(inst, res), kind
