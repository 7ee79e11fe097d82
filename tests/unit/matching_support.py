"""Test-only helpers for the matching engine: an independent feasibility checker and an
exact MILP oracle (scipy.optimize.milp / HiGHS).

Both work from the instance *file format* (a JSON dict) and the result JSON, and neither
calls engine code for any check: times are parsed here with ``datetime.fromisoformat``,
free time is merged here, distances come from geopy (checker) or PROJ directly (oracle).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from geopy.distance import geodesic
from pyproj import Geod
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

STEP = timedelta(minutes=15)
Interval = tuple[datetime, datetime]


def _t(s: str) -> datetime:
    dt = datetime.fromisoformat(s)
    assert dt.tzinfo is not None
    return dt


def _merged(free: list[list[str]], busy: list[Interval]) -> list[Interval]:
    """Union of free intervals (touching ones merge) minus busy ones - written independently."""
    ivs = sorted((_t(a), _t(b)) for a, b in free)
    merged: list[list[datetime]] = []
    for a, b in ivs:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[Interval] = []
    for a, b in merged:
        pieces = [(a, b)]
        for ba, bb in busy:
            nxt = []
            for pa, pb in pieces:
                if bb <= pa or ba >= pb:
                    nxt.append((pa, pb))
                    continue
                if pa < ba:
                    nxt.append((pa, ba))
                if bb < pb:
                    nxt.append((bb, pb))
            pieces = nxt
        out.extend(pieces)
    return out


def _inside(ivs: list[Interval], a: datetime, b: datetime) -> bool:
    return any(x <= a and b <= y for x, y in ivs)


def _fits_skills(skills: dict[str, int], requires: dict[str, int]) -> bool:
    return all(skills.get(name, 0) >= level for name, level in requires.items())


def _fixed_spans(inst: dict[str, Any]) -> list[tuple[str, str, datetime, datetime]]:
    tasks = {t["id"]: t for t in inst["tasks"]}
    out = []
    for f in inst.get("fixed", []):
        t = tasks[f["task"]]
        if "window" in t:
            s = _t(f["start"])
            out.append((f["volunteer"], f["task"], s, s + timedelta(minutes=t["minutes"])))
        else:
            out.append((f["volunteer"], f["task"], _t(t["start"]), _t(t["end"])))
    return out


def check_feasible(inst: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Every way ``result`` breaks the spec for ``inst`` (empty list: feasible and consistent)."""
    errors: list[str] = []
    vols = {v["id"]: v for v in inst["volunteers"]}
    tasks = {t["id"]: t for t in inst["tasks"]}
    fixed = _fixed_spans(inst)
    fixed_pairs = {(v, t) for v, t, _, _ in fixed}
    busy: dict[str, list[Interval]] = {}
    fixed_count: dict[str, int] = {}
    for v, t, a, b in fixed:
        busy.setdefault(v, []).append((a, b))
        fixed_count[t] = fixed_count.get(t, 0) + 1
    if result.get("format") != "volunteer-app.matching-result" or result.get("version") != 1:
        errors.append("bad format/version")
    per_task: dict[str, int] = {}
    per_vol: dict[str, list[Interval]] = {}
    pairs: set[tuple[str, str]] = set()
    objective = 0.0
    for k, a in enumerate(result["assignments"]):
        vid, tid = a["volunteer"], a["task"]
        if vid not in vols or tid not in tasks:
            errors.append(f"#{k}: unknown id")
            continue
        v, t = vols[vid], tasks[tid]
        if (vid, tid) in pairs or (vid, tid) in fixed_pairs:
            errors.append(f"#{k}: {vid} placed twice on {tid}")
        pairs.add((vid, tid))
        per_task[tid] = per_task.get(tid, 0) + 1
        if not _fits_skills(v["skills"], t["requires"]):
            errors.append(f"#{k}: skills")
        if t["location"] is None:
            dist = 0.0
        elif v["location"] is None:
            errors.append(f"#{k}: volunteer without location on a located task")
            dist = math.inf
        else:
            dist = geodesic(tuple(v["location"]), tuple(t["location"])).km
            if dist > v["radius_km"]:
                errors.append(f"#{k}: {dist} km beyond radius {v['radius_km']}")
        if abs(dist - a["distance_km"]) > 1e-6:
            errors.append(f"#{k}: reported distance {a['distance_km']} != {dist}")
        start, end = _t(a["start"]), _t(a["end"])
        if "window" in t:
            ws, we = _t(t["window"][0]), _t(t["window"][1])
            offset = ws.utcoffset()
            if (start - ws) % STEP or start < ws or end > we or end - start != timedelta(minutes=t["minutes"]):
                errors.append(f"#{k}: flexible start {a['start']} not on the window grid")
        else:
            offset = _t(t["start"]).utcoffset()
            if start != _t(t["start"]) or end != _t(t["end"]):
                errors.append(f"#{k}: shift times changed")
        if start.utcoffset() != offset or end.utcoffset() != offset:
            errors.append(f"#{k}: times not in the task's UTC offset")
        if not _inside(_merged(v["free"], []), start, end):
            errors.append(f"#{k}: {vid} not free {a['start']}..{a['end']}")
        per_vol.setdefault(vid, []).append((start, end))
        objective += 1000 * t.get("priority", 1) - a["distance_km"]
    for tid, n in per_task.items():
        if n > max(0, tasks[tid]["slots"] - fixed_count.get(tid, 0)):
            errors.append(f"task {tid}: {n} placements over its open slots")
    for vid, ivs in per_vol.items():
        # Existing placements may clash among themselves (they are facts); new ones may not.
        for x, (a1, b1) in enumerate(ivs):
            for a2, b2 in ivs[x + 1 :] + busy.get(vid, []):
                if a1 < b2 and a2 < b1:
                    errors.append(f"volunteer {vid}: {a1}..{b1} overlaps {a2}..{b2}")
        cap = vols[vid].get("max_minutes")
        if cap is not None:
            mins = sum((b - a).total_seconds() / 60 for a, b in ivs)
            fixed_mins = sum((b - a).total_seconds() / 60 for a, b in busy.get(vid, []))
            if mins > max(0.0, cap - fixed_mins) + 1e-9:
                errors.append(f"volunteer {vid}: {mins} minutes over cap {cap} (fixed {fixed_mins})")
        for c in vols[vid].get("caps", []):
            # A windowed cap counts the placements that start inside [from, to).
            lo, hi = _t(c["from"]), _t(c["to"])
            mins = sum((b - a).total_seconds() / 60 for a, b in ivs if lo <= a < hi)
            fixed_mins = sum((b - a).total_seconds() / 60 for a, b in busy.get(vid, []) if lo <= a < hi)
            if mins > max(0.0, c["max_minutes"] - fixed_mins) + 1e-9:
                errors.append(f"volunteer {vid}: {mins} minutes from {c['from']} over cap {c['max_minutes']}")
    if abs(objective - result["objective"]) > 1e-6 * max(1.0, abs(objective)):
        errors.append(f"objective {result['objective']} != recomputed {objective}")
    for tid, t in tasks.items():
        left = max(0, t["slots"] - fixed_count.get(tid, 0)) - per_task.get(tid, 0)
        if result["unfilled"].get(tid, 0) != max(0, left):
            errors.append(f"task {tid}: unfilled {result['unfilled'].get(tid)} != {left}")
    return errors


def task_spans(t: dict[str, Any]) -> list[Interval]:
    """Every (start, end) a task allows: its shift, or each 15-minute step of its window."""
    if "window" in t:
        ws, we = _t(t["window"][0]), _t(t["window"][1])
        m = timedelta(minutes=t["minutes"])
        return [(ws + k * STEP, ws + k * STEP + m) for k in range(int((we - ws - m) / STEP) + 1)]
    return [(_t(t["start"]), _t(t["end"]))]


def feasible_pairs(inst: dict[str, Any]) -> dict[tuple[str, str], float]:
    """Brute force, one pair at a time: every (volunteer, task) that could be placed on its own
    (skills, geopy distance within the radius, some start in free time, caps with room, not
    fixed or excluded, the task with open slots), with its geodesic distance."""
    fixed = _fixed_spans(inst)
    busy: dict[str, list[Interval]] = {}
    taken: dict[str, int] = {}
    for v, t, a, b in fixed:
        busy.setdefault(v, []).append((a, b))
        taken[t] = taken.get(t, 0) + 1
    never = {(x["volunteer"], x["task"]) for x in inst.get("excluded", [])} | {(v, t) for v, t, _, _ in fixed}
    out: dict[tuple[str, str], float] = {}
    for t in inst["tasks"]:
        if t["slots"] - taken.get(t["id"], 0) <= 0:
            continue
        spans = task_spans(t)
        minutes = (spans[0][1] - spans[0][0]).total_seconds() / 60
        for v in inst["volunteers"]:
            if (v["id"], t["id"]) in never or not _fits_skills(v["skills"], t["requires"]):
                continue
            dist = 0.0
            if t["location"] is not None:
                if v["location"] is None:
                    continue
                dist = geodesic(tuple(v["location"]), tuple(t["location"])).km
                if dist > v["radius_km"]:
                    continue
            held = busy.get(v["id"], [])
            ivs = _merged(v["free"], held)
            used = sum((b - a).total_seconds() / 60 for a, b in held)
            if v.get("max_minutes") is not None and v["max_minutes"] - used < minutes:
                continue

            def room(s: datetime, v: dict[str, Any] = v, held: list[Interval] = held, minutes: float = minutes) -> bool:
                for c in v.get("caps", []):
                    lo, hi = _t(c["from"]), _t(c["to"])
                    if lo <= s < hi:
                        inside = sum((b - a).total_seconds() / 60 for a, b in held if lo <= a < hi)
                        if c["max_minutes"] - inside < minutes:
                            return False
                return True

            if any(_inside(ivs, a, b) and room(a) for a, b in spans):
                out[(v["id"], t["id"])] = dist
    return out


# ------------------------------------------------------------------------- exact MILP


@dataclass
class MilpResult:
    objective: float
    variables: int
    seconds: float
    status: int


def _haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def milp_optimum(inst: dict[str, Any], time_limit: float = 300.0) -> MilpResult:
    """The exact optimum: one binary per (volunteer, task, start)."""
    t0 = time.perf_counter()
    vols, tasks = inst["volunteers"], inst["tasks"]
    fixed = _fixed_spans(inst)
    fixed_pairs = {(v, t) for v, t, _, _ in fixed}
    busy: dict[str, list[Interval]] = {}
    used: dict[str, float] = {}
    taken: dict[str, int] = {}
    for v, t, a, b in fixed:
        busy.setdefault(v, []).append((a, b))
        used[v] = used.get(v, 0.0) + (b - a).total_seconds() / 60
        taken[t] = taken.get(t, 0) + 1
    free = [_merged(v["free"], busy.get(v["id"], [])) for v in vols]
    vlat = np.array([np.nan if v["location"] is None else v["location"][0] for v in vols])
    vlon = np.array([np.nan if v["location"] is None else v["location"][1] for v in vols])
    geod = Geod(ellps="WGS84")
    var_v: list[int] = []
    var_t: list[int] = []
    var_s: list[datetime] = []
    var_e: list[datetime] = []
    var_val: list[float] = []
    for j, t in enumerate(tasks):
        open_slots = t["slots"] - taken.get(t["id"], 0)
        if open_slots <= 0:
            continue
        ok = np.array([_fits_skills(v["skills"], t["requires"]) for v in vols])
        ok &= np.array([(v["id"], t["id"]) not in fixed_pairs for v in vols])
        if t["location"] is not None:
            hav = _haversine_km(vlat, vlon, np.full(len(vols), t["location"][0]), np.full(len(vols), t["location"][1]))
            radius = np.array([v["radius_km"] for v in vols])
            ok &= np.nan_to_num(hav, nan=np.inf) <= radius * 1.01 + 0.01
        if "window" in t:
            ws, we = _t(t["window"][0]), _t(t["window"][1])
            m = timedelta(minutes=t["minutes"])
            starts = [ws + k * STEP for k in range(int((we - ws - m) / STEP) + 1)]
            spans = [(s, s + m) for s in starts]
        else:
            spans = [(_t(t["start"]), _t(t["end"]))]
        idx = np.flatnonzero(ok)
        if t["location"] is not None and len(idx):
            _, _, d_m = geod.inv(
                vlon[idx], vlat[idx], np.full(len(idx), t["location"][1]), np.full(len(idx), t["location"][0])
            )
            dist = np.asarray(d_m) / 1000.0
        else:
            dist = np.zeros(len(idx))
        for i, d in zip(idx.tolist(), dist.tolist(), strict=True):
            if t["location"] is not None and d > vols[i]["radius_km"]:
                continue
            for a, b in spans:
                if _inside(free[i], a, b):
                    var_v.append(i)
                    var_t.append(j)
                    var_s.append(a)
                    var_e.append(b)
                    var_val.append(1000.0 * t.get("priority", 1) - d)
    n = len(var_v)
    if n == 0:
        return MilpResult(0.0, 0, time.perf_counter() - t0, 0)
    rows: list[list[int]] = []
    coefs: list[list[float]] = []
    ub: list[float] = []
    by_task: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    by_vol: dict[int, list[int]] = {}
    for k in range(n):
        by_task.setdefault(var_t[k], []).append(k)
        by_pair.setdefault((var_v[k], var_t[k]), []).append(k)
        by_vol.setdefault(var_v[k], []).append(k)
    for j, ks in by_task.items():
        rows.append(ks)
        coefs.append([1.0] * len(ks))
        ub.append(tasks[j]["slots"] - taken.get(tasks[j]["id"], 0))
    for ks in by_pair.values():
        if len(ks) > 1:
            rows.append(ks)
            coefs.append([1.0] * len(ks))
            ub.append(1)
    for i, ks in by_vol.items():
        # Interval graph: every clique shares the latest start among its members.
        seen: set[tuple[int, ...]] = set()
        for p in sorted({var_s[k] for k in ks}):
            clique = tuple(k for k in ks if var_s[k] <= p < var_e[k])
            if len(clique) > 1 and clique not in seen:
                seen.add(clique)
                rows.append(list(clique))
                coefs.append([1.0] * len(clique))
                ub.append(1)
        cap = vols[i].get("max_minutes")
        if cap is not None:
            rows.append(ks)
            coefs.append([(var_e[k] - var_s[k]).total_seconds() / 60 for k in ks])
            ub.append(max(0.0, cap - used.get(vols[i]["id"], 0.0)))
        for c in vols[i].get("caps", []):
            lo, hi = _t(c["from"]), _t(c["to"])
            inside = [k for k in ks if lo <= var_s[k] < hi]
            if not inside:
                continue
            held = sum((b - a).total_seconds() / 60 for a, b in busy.get(vols[i]["id"], []) if lo <= a < hi)
            rows.append(inside)
            coefs.append([(var_e[k] - var_s[k]).total_seconds() / 60 for k in inside])
            ub.append(max(0.0, c["max_minutes"] - held))
    data = np.concatenate([np.array(c) for c in coefs])
    col = np.concatenate([np.array(r) for r in rows])
    ptr = np.cumsum([0] + [len(r) for r in rows])
    a_mat = csr_array((data, col, ptr), shape=(len(rows), n))
    res = milp(
        c=-np.array(var_val),
        constraints=LinearConstraint(a_mat, -np.inf, np.array(ub, dtype=float)),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-7},
    )
    obj = -float(res.fun) if res.x is not None else math.nan
    return MilpResult(obj, n, time.perf_counter() - t0, int(res.status))
