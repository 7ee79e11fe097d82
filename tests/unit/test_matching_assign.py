"""Global assignment on hand-made instances: each rule of the spec, fixed placements, reasons."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pyproj import Geod

from tests.unit.matching_support import check_feasible
from volunteer_app.matching import assign, instance_to_json, parse_instance, result_to_json
from volunteer_app.matching.generate import random_instance

HERE = (30.27, 120.15)
DAY = "2026-12-05T"


def at(hm: str, offset: str = "+08:00") -> str:
    return f"{DAY}{hm}:00{offset}"


def vol(ident: str, free: list[tuple[str, str]], **kw: Any) -> dict[str, Any]:
    v: dict[str, Any] = {
        "id": ident,
        "location": list(HERE),
        "radius_km": 5.0,
        "skills": {},
        "free": [[at(a), at(b)] for a, b in free],
    }
    v.update(kw)
    return v


def shift(ident: str, start: str, end: str, **kw: Any) -> dict[str, Any]:
    t: dict[str, Any] = {
        "id": ident,
        "location": list(HERE),
        "requires": {},
        "start": at(start),
        "end": at(end),
        "slots": 1,
    }
    t.update(kw)
    return t


def flex(ident: str, w0: str, w1: str, minutes: int, **kw: Any) -> dict[str, Any]:
    t: dict[str, Any] = {
        "id": ident,
        "location": list(HERE),
        "requires": {},
        "window": [at(w0), at(w1)],
        "minutes": minutes,
        "slots": 1,
    }
    t.update(kw)
    return t


def run(
    vols: list[dict[str, Any]], tasks: list[dict[str, Any]], fixed: list[dict[str, Any]] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    data: dict[str, Any] = {
        "format": "volunteer-app.matching-instance",
        "version": 1,
        "volunteers": vols,
        "tasks": tasks,
    }
    if fixed is not None:
        data["fixed"] = fixed
    res = result_to_json(assign(parse_instance(data)))
    assert check_feasible(data, res) == []
    return data, res


def placed(res: dict[str, Any]) -> set[tuple[str, str]]:
    return {(a["volunteer"], a["task"]) for a in res["assignments"]}


def test_touching_free_intervals_merge() -> None:
    _, res = run([vol("v1", [("09:00", "11:00"), ("11:00", "13:00")])], [shift("t", "10:00", "12:00")])
    assert placed(res) == {("v1", "t")}
    _, res = run([vol("v1", [("09:00", "11:00"), ("11:01", "13:00")])], [shift("t", "10:00", "12:00")])
    assert placed(res) == set()
    assert res["reasons"] == {"t": {"nobody_free_then": 1}}


def test_overlapping_free_intervals_merge() -> None:
    _, res = run([vol("v1", [("09:00", "11:30"), ("10:00", "12:00")])], [shift("t", "10:00", "12:00")])
    assert placed(res) == {("v1", "t")}


def test_flexible_start_is_on_the_15_minute_grid_from_the_window_start() -> None:
    _, res = run([vol("v1", [("09:20", "10:40")])], [flex("t", "09:10", "12:00", 60)])
    (a,) = res["assignments"]
    assert (a["start"], a["end"]) == (at("09:25"), at("10:25"))
    _, res = run([vol("v1", [("09:20", "10:25")])], [flex("t", "09:10", "12:00", 60)])
    assert res["assignments"][0]["start"] == at("09:25")
    _, res = run([vol("v1", [("09:20", "10:20")])], [flex("t", "09:10", "12:00", 60)])
    assert res["assignments"] == [] and res["unfilled"] == {"t": 1}


def test_flexible_volunteers_get_their_own_starts_and_stay_in_the_window() -> None:
    vols = [vol("v1", [("08:00", "10:00")]), vol("v2", [("11:00", "18:00")])]
    _, res = run(vols, [flex("t", "09:00", "12:30", 90, slots=2)])
    starts = {a["volunteer"]: (a["start"], a["end"]) for a in res["assignments"]}
    assert starts == {"v2": (at("11:00"), at("12:30"))}  # v1 only has 60 minutes inside the window


def test_flexible_stints_of_one_volunteer_do_not_overlap() -> None:
    vols = [vol("v1", [("09:00", "12:00")])]
    tasks = [flex("a", "09:00", "12:00", 90), flex("b", "09:00", "12:00", 90), shift("c", "10:00", "10:30")]
    _, res = run(vols, tasks)
    # Only two of the three fit side by side in three hours, whatever the starts.
    assert len(res["assignments"]) == 2


def test_remote_tasks_and_volunteers_without_location() -> None:
    far = [HERE[0] + 1.0, HERE[1]]
    vols = [vol("home", [("09:00", "17:00")], location=None), vol("near", [("09:00", "17:00")])]
    tasks = [
        shift("remote", "09:00", "10:00", location=None),
        shift("far", "11:00", "12:00", location=far),
        shift("onsite", "13:00", "14:00", slots=2),
    ]
    _, res = run(vols, tasks)
    assert ("home", "remote") in placed(res) or ("near", "remote") in placed(res)
    assert ("home", "onsite") not in placed(res)
    assert ("near", "onsite") in placed(res)
    assert res["reasons"]["far"] == {"none_within_reach": 1}
    assert res["reasons"]["onsite"] == {"none_within_reach": 1}
    remote = next(a for a in res["assignments"] if a["task"] == "remote")
    assert remote["distance_km"] == 0.0


def test_radius_boundary_is_exact() -> None:
    geod = Geod(ellps="WGS84")
    tasks = []
    for k, off in enumerate((-0.001, 0.001)):
        lon, lat, _ = geod.fwd(HERE[1], HERE[0], 37.0, 5000.0 + off)
        tasks.append(shift(f"t{k}", f"{9 + 2 * k:02d}:00", f"{10 + 2 * k:02d}:00", location=[lat, lon]))
    _, res = run([vol("v1", [("08:00", "18:00")])], tasks)
    assert placed(res) == {("v1", "t0")}


def test_skills_levels() -> None:
    vols = [
        vol("low", [("09:00", "12:00")], skills={"first_aid": 1}),
        vol("high", [("09:00", "12:00")], skills={"first_aid": 3, "driving": 1}),
    ]
    tasks = [
        shift("a", "09:00", "10:00", requires={"first_aid": 2}),
        shift("b", "10:00", "11:00", requires={"first_aid": 1, "driving": 1}),
        shift("c", "11:00", "12:00", requires={"cooking": 1}),
    ]
    _, res = run(vols, tasks)
    assert placed(res) == {("high", "a"), ("high", "b")}
    assert res["reasons"]["c"] == {"no_volunteer_with_skills": 1}


def test_minute_cap() -> None:
    vols = [vol("v1", [("09:00", "17:00")], max_minutes=120)]
    tasks = [shift("a", "09:00", "10:30"), shift("b", "11:00", "12:30", priority=2), shift("c", "13:00", "13:30")]
    _, res = run(vols, tasks)
    assert placed(res) == {("v1", "b"), ("v1", "c")}
    assert res["reasons"]["a"] == {"able_volunteers_busy": 1}
    _, res = run([vol("v1", [("09:00", "17:00")], max_minutes=30)], [shift("a", "09:00", "10:30")])
    assert res["reasons"]["a"] == {"over_minute_cap": 1}


def test_priority_outweighs_distance() -> None:
    far = [HERE[0] + 0.04, HERE[1]]
    _, res = run(
        [vol("v1", [("09:00", "12:00")])],
        [shift("near", "09:00", "11:00"), shift("important", "10:00", "12:00", priority=2, location=far)],
    )
    assert placed(res) == {("v1", "important")}


def test_beats_greedy_on_a_crossing() -> None:
    """Greedy by value gives A to the nearer v1 and leaves B empty; the optimum fills both."""
    near_a = [HERE[0] + 0.001, HERE[1]]
    vols = [vol("v1", [("09:00", "12:00")]), vol("v2", [("09:00", "12:00")], location=[HERE[0] + 0.03, HERE[1]])]
    tasks = [shift("A", "09:00", "11:00", location=near_a), shift("B", "10:00", "12:00", requires={"it": 1})]
    vols[0]["skills"] = {"it": 1}
    _, res = run(vols, tasks)
    assert placed(res) == {("v2", "A"), ("v1", "B")}


def test_fixed_placements_use_slots_time_and_cap() -> None:
    vols = [vol("v1", [("09:00", "17:00")], max_minutes=180), vol("v2", [("09:00", "17:00")])]
    tasks = [
        shift("a", "09:00", "11:00", slots=2, priority=2),
        shift("b", "10:00", "12:00"),
        shift("c", "13:00", "14:30"),
        flex("d", "14:00", "17:00", 60, slots=2),
    ]
    fixed = [{"volunteer": "v1", "task": "a"}, {"volunteer": "v2", "task": "d", "start": at("14:00")}]
    _, res = run(vols, tasks, fixed)
    got = placed(res)
    assert ("v1", "a") not in got  # never placed again
    assert ("v1", "b") not in got  # clashes with the existing placement
    assert ("v1", "c") not in got  # 120 + 90 minutes would break the 180-minute cap
    assert ("v2", "d") not in got
    assert ("v2", "c") not in got  # clashes with v2's existing 14:00 stint on d
    assert got == {("v2", "a"), ("v1", "d")}
    # Existing placements count neither in assignments nor in the objective.
    assert res["objective"] == 2000 + 1000
    # b: v2 could (but is on a); c: v1 is free but has 60 minutes left, v2 is busy with d then.
    assert res["reasons"] == {"b": {"able_volunteers_busy": 1}, "c": {"over_minute_cap": 1}}
    assert "a" not in res["unfilled"] and "d" not in res["unfilled"]


def test_fixed_placement_that_fills_a_task() -> None:
    vols = [vol("v1", [("09:00", "17:00")]), vol("v2", [("09:00", "17:00")])]
    _, res = run(vols, [shift("a", "09:00", "11:00")], [{"volunteer": "v1", "task": "a"}])
    assert res["assignments"] == [] and res["unfilled"] == {} and res["reasons"] == {}


def test_times_use_the_tasks_own_offset() -> None:
    t = shift("t", "10:00", "11:00")
    t["start"], t["end"] = f"{DAY}11:00:00+09:00", f"{DAY}12:00:00+09:00"
    _, res = run([vol("v1", [("09:00", "12:00")])], [t])
    assert res["assignments"][0]["start"] == f"{DAY}11:00:00+09:00"


def test_result_format_keys() -> None:
    _, res = run([vol("v1", [("09:00", "12:00")])], [shift("t", "09:00", "10:00", slots=2)])
    assert res["format"] == "volunteer-app.matching-result" and res["version"] == 1
    assert set(res) >= {"assignments", "objective", "unfilled", "reasons", "stats"}
    # The only volunteer is already on it: nobody else has the skills (here: exists at all).
    assert res["unfilled"] == {"t": 1} and res["reasons"] == {"t": {"no_volunteer_with_skills": 1}}
    assert res["stats"]["candidate_rows"] == 1


def _strip(res: dict[str, Any]) -> dict[str, Any]:
    out = dict(res)
    out["stats"] = {k: v for k, v in res["stats"].items() if not k.startswith("seconds")}
    return out


def test_deterministic_in_process_and_across_hash_seeds(tmp_path: Path) -> None:
    inst = random_instance(400, 100, seed=21)
    first = _strip(result_to_json(assign(inst)))
    again = _strip(result_to_json(assign(parse_instance(instance_to_json(inst)))))
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(instance_to_json(inst)), encoding="utf-8")
    code = (
        "import json, sys\n"
        "from volunteer_app.matching import assign, load_instance, result_to_json\n"
        "r = result_to_json(assign(load_instance(sys.argv[1])))\n"
        "r['stats'] = {k: v for k, v in r['stats'].items() if not k.startswith('seconds')}\n"
        "print(json.dumps(r, sort_keys=True))\n"
    )
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert out.stdout.strip() == json.dumps(first, sort_keys=True)


def test_excluded_pairs_are_never_placed_and_round_trip() -> None:
    from volunteer_app.matching import InstanceError

    vols = [vol("near", [("09:00", "13:00")]), vol("far", [("09:00", "13:00")], location=[30.30, 120.15])]
    tasks = [shift("t", "10:00", "12:00")]
    data = {"format": "volunteer-app.matching-instance", "version": 1, "volunteers": vols, "tasks": tasks}
    assert placed(result_to_json(assign(parse_instance(data)))) == {("near", "t")}
    data["excluded"] = [{"volunteer": "near", "task": "t"}]  # "near" declined this one
    instance = parse_instance(data)
    res = result_to_json(assign(instance))
    assert check_feasible(data, res) == []
    assert placed(res) == {("far", "t")}  # the slot still goes to someone else
    assert parse_instance(instance_to_json(instance)).excluded == instance.excluded
    data["excluded"] = [{"volunteer": "near", "task": "nope"}]
    try:
        parse_instance(data)
    except InstanceError as exc:
        assert "excluded[0]" in str(exc) and "task" in str(exc)
    else:
        raise AssertionError("an exclusion naming an unknown task must be refused")
