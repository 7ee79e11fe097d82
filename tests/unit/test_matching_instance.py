"""Parsing and validation of matching instance files."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from volunteer_app.matching import (
    Instance,
    InstanceError,
    Placement,
    Task,
    Volunteer,
    instance_to_json,
    load_instance,
    parse_instance,
)
from volunteer_app.matching.generate import random_instance


def base() -> dict[str, Any]:
    return {
        "format": "volunteer-app.matching-instance",
        "version": 1,
        "volunteers": [
            {
                "id": "v1",
                "location": [30.2741, 120.1551],
                "radius_km": 8.0,
                "skills": {"first_aid": 2},
                "free": [["2026-12-05T09:00:00+08:00", "2026-12-05T13:00:00+08:00"]],
                "max_minutes": 360,
            },
            {
                "id": "v2",
                "location": None,
                "radius_km": 3,
                "skills": {},
                "free": [["2026-12-05T09:00:00+08:00", "2026-12-05T18:00:00+08:00"]],
            },
        ],
        "tasks": [
            {
                "id": "t4",
                "location": [30.28, 120.16],
                "requires": {"first_aid": 1},
                "start": "2026-12-05T10:00:00+08:00",
                "end": "2026-12-05T12:00:00+08:00",
                "slots": 3,
                "priority": 2,
            },
            {
                "id": "t9",
                "location": None,
                "requires": {},
                "window": ["2026-12-05T08:00:00+08:00", "2026-12-05T18:00:00+08:00"],
                "minutes": 60,
                "slots": 2,
            },
        ],
    }


def test_spec_example_parses() -> None:
    inst = parse_instance(base())
    assert [v.id for v in inst.volunteers] == ["v1", "v2"]
    assert inst.tasks[1].is_flexible and inst.tasks[1].priority == 1
    assert inst.volunteers[1].location is None


def _edit(path: str, value: Any) -> dict[str, Any]:
    """Copy of the base instance with one field set (or deleted when value is ...)."""
    data = copy.deepcopy(base())
    keys = path.split(".")
    obj: Any = data
    for k in keys[:-1]:
        obj = obj[int(k)] if k.isdigit() else obj[k]
    last = keys[-1]
    if value is ...:
        del obj[last]
    elif last.isdigit():
        obj[int(last)] = value
    else:
        obj[last] = value
    return data


BAD = [
    # (path, value, expected item, expected field, text in message)
    ("volunteers.0.radius_km", ..., "volunteers[0] (id 'v1')", "radius_km", "missing"),
    ("volunteers.0.radius_km", "8", "volunteers[0] (id 'v1')", "radius_km", "'8'"),
    ("volunteers.0.radius_km", 0, "volunteers[0] (id 'v1')", "radius_km", "0"),
    ("volunteers.0.radius_km", -2.5, "volunteers[0] (id 'v1')", "radius_km", "-2.5"),
    ("volunteers.0.location", [91.0, 120.0], "volunteers[0] (id 'v1')", "location", "91.0"),
    ("volunteers.0.location", [30.0, -180.5], "volunteers[0] (id 'v1')", "location", "-180.5"),
    ("volunteers.0.location", [30.0], "volunteers[0] (id 'v1')", "location", "[30.0]"),
    ("volunteers.0.skills", {"first_aid": 6}, "volunteers[0] (id 'v1')", "skills", "6"),
    ("volunteers.0.skills", {"first_aid": 2.5}, "volunteers[0] (id 'v1')", "skills", "2.5"),
    ("volunteers.0.skills", {"first_aid": True}, "volunteers[0] (id 'v1')", "skills", "True"),
    ("volunteers.0.skills", ["first_aid"], "volunteers[0] (id 'v1')", "skills", "first_aid"),
    ("volunteers.0.free", "always", "volunteers[0] (id 'v1')", "free", "always"),
    (
        "volunteers.0.free.0",
        ["2026-12-05T13:00:00+08:00", "2026-12-05T09:00:00+08:00"],
        "volunteers[0] (id 'v1')",
        "free[0]",
        "not after",
    ),
    (
        "volunteers.0.free.0",
        ["2026-12-05T09:00:00", "2026-12-05T13:00:00+08:00"],
        "volunteers[0] (id 'v1')",
        "free[0]",
        "no UTC offset",
    ),
    ("volunteers.0.free.0", ["tomorrow", "later"], "volunteers[0] (id 'v1')", "free[0]", "tomorrow"),
    ("volunteers.0.max_minutes", -1, "volunteers[0] (id 'v1')", "max_minutes", "-1"),
    ("volunteers.0.max_minutes", "lots", "volunteers[0] (id 'v1')", "max_minutes", "lots"),
    ("volunteers.1.id", "v1", "volunteers[1] (id 'v1')", "id", "duplicate"),
    ("volunteers.1.id", 7, "volunteers[1]", "id", "7"),
    ("volunteers.1.id", ..., "volunteers[1]", "id", "missing"),
    ("tasks.0.slots", 0, "tasks[0] (id 't4')", "slots", "0"),
    ("tasks.0.slots", 1.5, "tasks[0] (id 't4')", "slots", "1.5"),
    ("tasks.0.slots", ..., "tasks[0] (id 't4')", "slots", "missing"),
    ("tasks.0.priority", 6, "tasks[0] (id 't4')", "priority", "6"),
    ("tasks.0.priority", 0, "tasks[0] (id 't4')", "priority", "0"),
    ("tasks.0.requires", {"first_aid": 0}, "tasks[0] (id 't4')", "requires", "0"),
    ("tasks.0.end", "2026-12-05T09:00:00+08:00", "tasks[0] (id 't4')", "end", "not after"),
    ("tasks.0.end", ..., "tasks[0] (id 't4')", "end", "missing"),
    ("tasks.0.start", "2026-12-05T10:00:00", "tasks[0] (id 't4')", "start", "no UTC offset"),
    (
        "tasks.0.window",
        ["2026-12-05T08:00:00+08:00", "2026-12-05T18:00:00+08:00"],
        "tasks[0] (id 't4')",
        "window",
        "not both",
    ),
    ("tasks.0.location", [-90.5, 0], "tasks[0] (id 't4')", "location", "-90.5"),
    ("tasks.1.minutes", 601, "tasks[1] (id 't9')", "minutes", "601"),
    ("tasks.1.minutes", 0, "tasks[1] (id 't9')", "minutes", "0"),
    ("tasks.1.minutes", ..., "tasks[1] (id 't9')", "minutes", "missing"),
    (
        "tasks.1.window",
        ["2026-12-05T18:00:00+08:00", "2026-12-05T08:00:00+08:00"],
        "tasks[1] (id 't9')",
        "window",
        "not after",
    ),
    ("tasks.1.id", "t4", "tasks[1] (id 't4')", "id", "duplicate"),
    ("format", "something-else", "instance", "format", "something-else"),
    ("version", 2, "instance", "version", "2"),
    ("tasks", {}, "instance", "tasks", "list"),
    ("volunteers", ..., "instance", "volunteers", "missing"),
]


@pytest.mark.parametrize(("path", "value", "item", "field", "text"), BAD)
def test_bad_field_is_refused_naming_item_and_field(path: str, value: Any, item: str, field: str, text: str) -> None:
    with pytest.raises(InstanceError) as info:
        parse_instance(_edit(path, value))
    err = info.value
    assert err.item == item
    assert err.field == field
    msg = str(err)
    assert "\n" not in msg
    assert item in msg and f"'{field}'" in msg and text in msg


def test_bad_fixed_placements() -> None:
    cases = [
        ({"volunteer": "nobody", "task": "t4"}, "volunteer", "nobody"),
        ({"volunteer": "v1", "task": "t99"}, "task", "t99"),
        ({"volunteer": "v1", "task": "t9"}, "start", "missing"),
        ({"volunteer": "v1", "task": "t9", "start": "2026-12-05T08:10:00+08:00"}, "start", "15-minute"),
        ({"volunteer": "v1", "task": "t9", "start": "2026-12-05T17:30:00+08:00"}, "start", "window"),
        ({"volunteer": "v1", "task": "t4", "start": "2026-12-05T11:00:00+08:00"}, "start", "not the start"),
        ({"task": "t4"}, "volunteer", "missing"),
    ]
    for entry, field, text in cases:
        data = base()
        data["fixed"] = [{"volunteer": "v2", "task": "t9", "start": "2026-12-05T08:00:00+08:00"}, entry]
        with pytest.raises(InstanceError) as info:
            parse_instance(data)
        assert info.value.item == "fixed[1]", entry
        assert info.value.field == field, entry
        assert text in str(info.value), entry


def test_duplicate_fixed_pair_is_refused() -> None:
    data = base()
    data["fixed"] = [{"volunteer": "v1", "task": "t4"}, {"volunteer": "v1", "task": "t4"}]
    with pytest.raises(InstanceError, match=r"fixed\[1\]"):
        parse_instance(data)


def test_code_construction_validates_too() -> None:
    tz = timezone(timedelta(hours=8))
    a = datetime(2026, 12, 5, 9, tzinfo=tz)
    v = Volunteer("v1", (30.0, 120.0), 5.0, {"it": 2}, [(a, a + timedelta(hours=3))])
    t = Task("t1", None, slots=1, start=a, end=a + timedelta(hours=1))
    inst = Instance([v], [t], [Placement("v1", "t1")])
    assert inst.fixed[0].task == "t1"
    with pytest.raises(InstanceError) as info:
        Instance([v], [Task("t1", None, slots=1, start=a.replace(tzinfo=None), end=a + timedelta(hours=1))])
    assert info.value.field == "start" and "no UTC offset" in str(info.value)
    with pytest.raises(InstanceError) as info:
        Instance([v, v], [t])
    assert info.value.item == "volunteers[1] (id 'v1')" and info.value.field == "id"


def test_round_trip_through_json() -> None:
    inst = random_instance(60, 20, seed=4)
    data = instance_to_json(inst)
    again = parse_instance(json.loads(json.dumps(data)))
    assert instance_to_json(again) == data
    assert again.volunteers == inst.volunteers and again.tasks == inst.tasks and again.fixed == inst.fixed


def test_load_instance_reports_json_position(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(base()), encoding="utf-8")
    assert len(load_instance(good).tasks) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "volunteer-app.matching-instance",\n  "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(InstanceError) as info:
        load_instance(bad)
    assert info.value.field == "json"
    assert "line 3" in str(info.value) and "column" in str(info.value)


def test_caps_parse_round_trip_and_bad_ones_are_named() -> None:
    data = base()
    week = {"from": "2026-11-30T00:00:00+08:00", "to": "2026-12-07T00:00:00+08:00", "max_minutes": 120}
    data["volunteers"][0]["caps"] = [week]
    inst = parse_instance(data)
    cap = inst.volunteers[0].caps[0]
    assert cap.max_minutes == 120 and cap.end - cap.start == timedelta(days=7)
    assert instance_to_json(inst)["volunteers"][0]["caps"] == [week]
    for change, field in [
        ({"to": "2026-11-29T00:00:00+08:00"}, "caps[0]"),
        ({"max_minutes": -1}, "caps[0].max_minutes"),
        ({"max_minutes": "two hours"}, "caps[0].max_minutes"),
        ({"from": "2026-11-30T00:00:00"}, "caps[0].from"),
    ]:
        bad = copy.deepcopy(data)
        bad["volunteers"][0]["caps"] = [{**week, **change}]
        with pytest.raises(InstanceError) as err:
            parse_instance(bad)
        assert err.value.item == "volunteers[0] (id 'v1')" and err.value.field == field, (change, str(err.value))
    missing = copy.deepcopy(data)
    del missing["volunteers"][0]["caps"][0]["to"]
    with pytest.raises(InstanceError, match=r"caps\[0\]\.to"):
        parse_instance(missing)


# --------------------------------------------------------------------------- limits (issue 11)

from volunteer_app.domain import input_limits  # noqa: E402
from volunteer_app.domain.intervals import subtract  # noqa: E402
from volunteer_app.matching import assign, decode_instance  # noqa: E402
from volunteer_app.matching.model import merge_free  # noqa: E402


def refused(data: object, *named: str) -> str:
    """The reader refuses ``data`` with one short line naming ``named``."""
    with pytest.raises(InstanceError) as info:
        decode_instance(data if isinstance(data, bytes) else json.dumps(data).encode(), "f.json")
    text = str(info.value)
    assert "\n" not in text and len(text) < 400, text
    for word in named:
        assert word in text, text
    return text


def with_(path: str, value: object) -> dict[str, Any]:
    data = base()
    *keys, last = path.split(".")
    target: Any = data
    for key in keys:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("tasks.1.window", ["0001-01-01T00:00:00+00:00", "9999-12-31T00:00:00+00:00"], ("t9", "window", "years")),
        ("tasks.1.window", ["2026-01-01T00:00:00+00:00", "2026-12-31T00:00:00+00:00"], ("t9", "window", "92")),
        ("tasks.0.end", "2027-06-05T12:00:00+08:00", ("t4", "end", "days")),
        ("volunteers.0.free", [["2026-12-05T09:00:00+08:00", "2028-12-05T13:00:00+08:00"]], ("v1", "free", "400")),
        ("volunteers.0.free", [["2026-12-05T09:00:00+08:00", "2026-12-05T10:00:00+08:00"]] * 5001, ("v1", "free")),
        ("volunteers.0.radius_km", 1e30, ("v1", "radius_km")),
        ("volunteers.0.max_minutes", 1e300, ("v1", "max_minutes")),
        ("volunteers.0.id", "v" * 5000, ("id", "longer than 200")),
        ("volunteers.0.id", "v\ud800", ("id", "lone surrogate")),
        ("volunteers.0.skills", {"s\udfff": 1}, ("skills", "surrogate")),
        ("volunteers.0.skills", {f"s{k}": 1 for k in range(101)}, ("skills", "101")),
        ("tasks.0.slots", 10_001, ("t4", "slots", "10,000")),
        ("tasks.1.minutes", 10**30, ("t9", "minutes")),
        ("tasks.0.start", "2026-12-05T10:00:00+08:00" + " " * 100, ("t4", "start")),
    ],
)
def test_values_beyond_the_limits_are_refused_by_name(path: str, value: object, named: tuple[str, ...]) -> None:
    refused(with_(path, value), *named)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('"slots": ' + "9" * 400, ("t4", "slots", "400 characters")),
        ('"slots": ' + "9" * 5000, ("t4", "slots", "5000 characters")),
        ('"slots": 1e400', ("t4", "slots", "1e400")),
        ('"slots": NaN', ("json", "NaN")),
        ('"slots": -Infinity', ("json", "Infinity")),
        ('"slots": 1.5', ("t4", "slots", "1.5")),
    ],
)
def test_numbers_python_cannot_hold_are_refused_by_name(text: str, named: tuple[str, ...]) -> None:
    raw = json.dumps(base()).replace('"slots": 3', text, 1)
    refused(raw.encode(), *named)


def test_files_that_are_not_utf8_json_are_refused_in_one_line() -> None:
    good = json.dumps(base(), ensure_ascii=False)
    refused(good.encode("utf-16"), "UTF-16")
    refused(good.encode("utf-16-le"), "NUL")
    refused(b'{"format": "\xff\xfe oops"}', "not UTF-8", "0xff")
    refused(b"[" * 100_000 + b"]" * 100_000, "nested too deeply")
    refused(b"[" + b"0," * (input_limits.MAX_JSON_VALUES + 1) + b"0]", "values")
    refused(b"\0" * 1000, "NUL")
    # A UTF-8 byte order mark is skipped (some editors write one).
    assert len(decode_instance(b"\xef\xbb\xbf" + good.encode(), "f.json").tasks) == 2


def test_a_huge_value_is_cut_in_the_message() -> None:
    text = refused(with_("tasks.0.slots", "x" * 50_000_000), "t4", "slots")
    assert len(text) < 300


def test_a_file_larger_than_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(input_limits.MAX_FILE_BYTES + 10)
    with pytest.raises(InstanceError, match="larger than 64 MB"):
        load_instance(big)


def test_the_limits_hold_for_instances_built_in_code() -> None:
    t0 = datetime(2026, 12, 5, 9, tzinfo=UTC)
    vol = Volunteer("v", None, 5.0, free=[(t0, t0 + timedelta(hours=4))])
    with pytest.raises(InstanceError, match="slots"):
        Instance([vol], [Task("t", None, 2**70, start=t0, end=t0 + timedelta(hours=1))])
    with pytest.raises(InstanceError, match="within 400 days"):
        Instance([vol], [Task("t", None, 1, start=t0 + timedelta(days=500), end=t0 + timedelta(days=500, hours=1))])


def test_long_free_time_within_the_limits_solves_in_bounded_work() -> None:
    # A year of free time for 2,000 volunteers: 2-hour buckets would make 8.8 million entries.
    data = base()
    data["volunteers"] = [
        {"id": f"v{i}", "location": None, "radius_km": 5, "skills": {},
         "free": [["2026-06-01T00:00:00+08:00", "2027-06-01T00:00:00+08:00"]]}
        for i in range(2000)
    ]  # fmt: skip
    data["tasks"][0]["location"] = None
    data["tasks"][0]["requires"] = {}
    result = assign(parse_instance(data))
    assert sum(result.unfilled.values()) == 0 and len(result.assignments) == 5


def test_linear_free_time_subtraction_agrees_with_the_domain_one() -> None:
    import random

    rng = random.Random(11)
    for _ in range(300):
        free = [(a, a + rng.randint(1, 40)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        busy = [(a, a + rng.randint(1, 40)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        assert merge_free(free, busy) == subtract(free, busy)


# --------------------------------------------------------------------------- fixed placements that break rules


def test_fixed_placements_breaking_hard_rules_are_kept_and_reported() -> None:
    data = base()
    data["tasks"][0]["slots"] = 1
    data["volunteers"][1]["max_minutes"] = 30
    data["volunteers"][1]["caps"] = [
        {"from": "2026-12-05T00:00:00+08:00", "to": "2026-12-06T00:00:00+08:00", "max_minutes": 60}
    ]
    data["fixed"] = [
        {"volunteer": "v1", "task": "t4"},  # fine
        {"volunteer": "v2", "task": "t4"},  # over slots, missing skill, no location, overlapping t9
        {"volunteer": "v2", "task": "t9", "start": "2026-12-05T11:00:00+08:00"},
    ]
    data["excluded"] = [{"volunteer": "v2", "task": "t9"}]
    data["volunteers"][1]["free"] = [["2026-12-05T11:30:00+08:00", "2026-12-05T18:00:00+08:00"]]
    result = assign(parse_instance(data))
    w = result.warnings
    assert w["fixed_over_slots"] == [{"task": "t4", "fixed": 2, "slots": 1}]
    assert w["fixed_missing_skills"] == [{"volunteer": "v2", "task": "t4", "skill": "first_aid", "has": 0, "needs": 1}]
    assert w["fixed_no_location"] == [{"volunteer": "v2", "task": "t4"}]
    assert {p["task"] for p in w["fixed_outside_free_time"]} == {"t4", "t9"}
    assert w["fixed_overlapping"] == [{"volunteer": "v2", "tasks": ["t4", "t9"]}]
    assert w["fixed_over_max_minutes"][0]["minutes"] == 180
    assert w["fixed_over_cap"][0]["minutes"] == 180 and w["fixed_over_cap"][0]["max_minutes"] == 60
    assert w["fixed_excluded"] == [{"volunteer": "v2", "task": "t9"}]
    assert "v1" not in json.dumps(w)
    from volunteer_app.matching import result_to_json

    assert result_to_json(result)["warnings"] == {k: list(v) for k, v in w.items()}


def test_clean_fixed_placements_give_no_warnings_key() -> None:
    data = base()
    data["fixed"] = [{"volunteer": "v1", "task": "t4"}]
    from volunteer_app.matching import result_to_json

    assert "warnings" not in result_to_json(assign(parse_instance(data)))


def test_fixed_far_away_is_reported() -> None:
    data = base()
    data["tasks"][0]["location"] = [31.2, 121.5]  # Shanghai, ~165 km from v1's home
    data["fixed"] = [{"volunteer": "v1", "task": "t4"}]
    (far,) = assign(parse_instance(data)).warnings["fixed_beyond_radius"]
    assert far["volunteer"] == "v1" and far["km"] > 100 and far["radius_km"] == 8.0


@pytest.mark.parametrize(
    ("fixed", "named"),
    [
        ({"volunteer": "nobody", "task": "t4"}, ("fixed[0]", "volunteer", "nobody")),
        ({"volunteer": "v1", "task": ["t4"]}, ("fixed[0]", "task")),
        ({"volunteer": "v1", "task": "t9", "start": "2026-12-05T07:00:00+08:00"}, ("fixed[0]", "start", "window")),
        ({"volunteer": "v1", "task": "t9", "start": "2026-12-05T10:07:00+08:00"}, ("fixed[0]", "start", "15-minute")),
        ({"volunteer": "v1", "task": "t9"}, ("fixed[0]", "start", "missing")),
        ({"volunteer": "v1", "task": "t4", "start": "2026-12-05T11:00:00+08:00"}, ("fixed[0]", "start", "shift")),
    ],
)
def test_fixed_placements_the_format_calls_invalid_are_refused(fixed: dict[str, Any], named: tuple[str, ...]) -> None:
    data = base()
    data["fixed"] = [fixed]
    refused(data, *named)
