"""Seeded, realistic random instances (a city-week around Hangzhou) for tests and benchmarks.

Volunteers and tasks cluster around district centres; radii 2-15 km (median ~5); tasks of
1-3 hours between 08:00 and 21:00 over a week, some flexible (window + minutes), some remote;
volunteers free for a few stretches of a few hours, some touching, half with a minute cap;
a few null-location volunteers and a few existing (``fixed``) placements. Sized so that not
every slot can be filled: the optimisation has to choose.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from .instance import Cap, Instance, Placement, Task, Volunteer

CENTRE = (30.27, 120.15)
TZ = timezone(timedelta(hours=8))
WEEK_START = datetime(2026, 12, 7, tzinfo=TZ)
SKILLS = ("first_aid", "driving", "teaching", "cooking", "it", "languages", "lifting", "elderly_care")
_KM_PER_DEG_LAT = 111.2
_KM_PER_DEG_LON = 111.2 * float(np.cos(np.radians(CENTRE[0])))


def _districts(rng: np.random.Generator, n: int, spread_km: float) -> np.ndarray:
    return rng.normal(0.0, spread_km, size=(n, 2))


def _point(rng: np.random.Generator, districts: np.ndarray, sigma_km: float) -> tuple[float, float]:
    d = districts[rng.integers(len(districts))]
    dy, dx = d + rng.normal(0.0, sigma_km, size=2)
    return round(CENTRE[0] + dy / _KM_PER_DEG_LAT, 6), round(CENTRE[1] + dx / _KM_PER_DEG_LON, 6)


def _levels(rng: np.random.Generator, count: int, max_level: int) -> dict[str, int]:
    names = rng.choice(len(SKILLS), size=count, replace=False)
    return {SKILLS[int(k)]: int(rng.integers(1, max_level + 1)) for k in sorted(names)}


def _at(day: int, minutes: int) -> datetime:
    return WEEK_START + timedelta(days=day, minutes=minutes)


def random_volunteer(rng: np.random.Generator, ident: str, districts: np.ndarray, days: int) -> Volunteer:
    """One volunteer with 2-5 free stretches of 2-5 hours (sometimes split into touching halves)."""
    location = None if rng.random() < 0.03 else _point(rng, districts, 3.0)
    radius = float(np.clip(round(rng.lognormal(np.log(5.0), 0.5) * 2) / 2, 2.0, 15.0))
    skills = _levels(rng, int(rng.choice(4, p=[0.3, 0.35, 0.25, 0.1])), 5)
    free: list[tuple[datetime, datetime]] = []
    for _ in range(int(rng.integers(2, 6))):
        day = int(rng.integers(days))
        start = 8 * 60 + 30 * int(rng.integers(0, 21))
        length = 30 * int(rng.integers(4, 11))
        end = min(start + length, 22 * 60)
        if rng.random() < 0.15 and end - start >= 120:
            mid = start + 30 * ((end - start) // 60)
            free += [(_at(day, start), _at(day, mid)), (_at(day, mid), _at(day, end))]
        else:
            free.append((_at(day, start), _at(day, end)))
    cap = None if rng.random() < 0.5 else int(rng.choice([120, 180, 240, 360]))
    return Volunteer(ident, location, radius, skills, free, cap)


def random_task(rng: np.random.Generator, ident: str, districts: np.ndarray, days: int) -> Task:
    """A 1-3 hour shift, or (20%) a flexible task with a 2-8 hour window; 8% remote."""
    location = None if rng.random() < 0.08 else _point(rng, districts, 3.0)
    requires = _levels(rng, int(rng.choice(3, p=[0.55, 0.35, 0.10])), 3)
    slots = int(rng.choice([1, 2, 3, 4, 6], p=[0.35, 0.3, 0.2, 0.1, 0.05]))
    priority = int(rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.25, 0.2, 0.15, 0.1]))
    day = int(rng.integers(days))
    minutes = int(rng.choice([60, 90, 120, 180]))
    if rng.random() < 0.2:
        start = 8 * 60 + 30 * int(rng.integers(0, 13))
        window = 30 * int(rng.integers(4, 17))
        minutes = min(minutes, window)
        end = start + max(window, minutes)
        return Task(
            ident, location, slots, requires, priority, window=(_at(day, start), _at(day, end)), minutes=minutes
        )
    start = 8 * 60 + 30 * int(rng.integers(0, 25))
    return Task(ident, location, slots, requires, priority, start=_at(day, start), end=_at(day, start + minutes))


def daily_caps(rng: np.random.Generator, days: int) -> list[Cap]:
    """One cap per day of the week (the 1.1 ``caps`` windows), 90 to 240 minutes."""
    limit = int(rng.choice([90, 120, 180, 240]))
    return [Cap(_at(d, 0), _at(d + 1, 0), limit) for d in range(days)]


def random_instance(
    n_volunteers: int,
    n_tasks: int,
    seed: int,
    *,
    days: int = 7,
    fixed_share: float = 0.02,
    window_caps: float = 0.0,
) -> Instance:
    """A seeded random city-week instance; the same arguments always give the same instance.

    ``window_caps``: the share of volunteers who also get a cap per day (1.1 ``caps``), drawn
    after everything else so the rest of the instance does not change with it.
    """
    rng = np.random.default_rng(seed)
    # The city grows with the number of tasks, so density (and difficulty) stays comparable.
    spread = 4.0 + 2.0 * np.log10(max(n_tasks, 10))
    districts = _districts(rng, 8, spread)
    vols = [random_volunteer(rng, f"v{i}", districts, days) for i in range(n_volunteers)]
    tasks = [random_task(rng, f"t{j}", districts, days) for j in range(n_tasks)]
    fixed: list[Placement] = []
    used: set[tuple[int, int]] = set()
    for _ in range(int(fixed_share * n_tasks)):
        i, j = int(rng.integers(n_volunteers)), int(rng.integers(n_tasks))
        if (i, j) in used:
            continue
        used.add((i, j))
        t = tasks[j]
        fixed.append(Placement(vols[i].id, t.id, None if t.window is None else t.window[0]))
    if window_caps > 0:
        crng = np.random.default_rng([seed, 11])
        vols = [
            Volunteer(v.id, v.location, v.radius_km, v.skills, v.free, v.max_minutes, daily_caps(crng, days))
            if crng.random() < window_caps
            else v
            for v in vols
        ]
    return Instance(vols, tasks, fixed)


# --------------------------------------------------------------------------- city scale


def _city_volunteer(rng: np.random.Generator, ident: str, districts: np.ndarray, days: int) -> Volunteer:
    """As ``random_volunteer``, with 5% without a location and half capped (a total or per day)."""
    v = random_volunteer(rng, ident, districts, days)
    location = None if rng.random() < 0.05 else v.location
    # One stretch fewer than ``random_volunteer`` gives: people in a big city are busier.
    free = v.free[: max(1, len(v.free) - 1)]
    # ... and travel further (median ~8 km), as the measured city-week did.
    radius = float(np.clip(round(rng.lognormal(np.log(8.0), 0.5) * 2) / 2, 2.0, 25.0))
    roll = rng.random()
    if roll < 0.25:
        return Volunteer(ident, location, radius, v.skills, free, int(rng.choice([120, 180, 240, 360])))
    if roll < 0.5:
        return Volunteer(ident, location, radius, v.skills, free, None, daily_caps(rng, days))
    return Volunteer(ident, location, radius, v.skills, free, None)


def _city_task(rng: np.random.Generator, ident: str, districts: np.ndarray, outskirts: np.ndarray, days: int) -> Task:
    """A task of a busy city-week: more slots, early and late hours, some rare skills, some far out."""
    far = rng.random() < 0.12
    location = None if rng.random() < 0.08 else _point(rng, outskirts if far else districts, 3.0)
    n_req = int(rng.choice(4, p=[0.5, 0.3, 0.15, 0.05]))
    requires = _levels(rng, n_req, 5 if rng.random() < 0.1 else 3)
    slots = int(rng.choice([1, 2, 3, 4, 6, 8], p=[0.15, 0.2, 0.2, 0.2, 0.15, 0.1]))
    priority = int(rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.25, 0.2, 0.15, 0.1]))
    day = int(rng.integers(days))
    minutes = int(rng.choice([60, 90, 120, 180]))
    first = 6 * 60 if rng.random() < 0.3 else 8 * 60
    if rng.random() < 0.2:
        start = first + 30 * int(rng.integers(0, 13))
        window = 30 * int(rng.integers(4, 17))
        minutes = min(minutes, window)
        end = min(start + max(window, minutes), 24 * 60)
        return Task(
            ident, location, slots, requires, priority, window=(_at(day, start), _at(day, end)), minutes=minutes
        )
    start = first + 30 * int(rng.integers(0, 29))
    end = min(start + minutes, 24 * 60)
    return Task(ident, location, slots, requires, priority, start=_at(day, start), end=_at(day, end))


def city_instance(n_volunteers: int, n_tasks: int, seed: int, *, days: int = 7, fixed_share: float = 0.02) -> Instance:
    """A busy city-week (the issue-10 scale targets): more slots than people can fill.

    About 30-45% of the slots stay open in the optimum: skills nobody has at that level,
    places on the outskirts beyond everyone's reach, early and late hours when few are free,
    and volunteers already placed. 20% of the tasks are flexible and 8% remote; 5% of the
    volunteers have no location; half have a cap (a total, or one per day).
    """
    rng = np.random.default_rng([seed, 20])
    spread = 4.0 + 2.0 * np.log10(max(n_tasks, 10))
    districts = _districts(rng, 8 + n_tasks // 2000, spread)
    angle = rng.uniform(0, 2 * np.pi, size=6)
    outskirts = np.column_stack((np.sin(angle), np.cos(angle))) * (spread * 2.5 + 20.0)
    vols = [_city_volunteer(rng, f"v{i}", districts, days) for i in range(n_volunteers)]
    tasks = [_city_task(rng, f"t{j}", districts, outskirts, days) for j in range(n_tasks)]
    fixed: list[Placement] = []
    used: set[tuple[int, int]] = set()
    for _ in range(int(fixed_share * n_tasks)):
        i, j = int(rng.integers(n_volunteers)), int(rng.integers(n_tasks))
        if (i, j) in used:
            continue
        used.add((i, j))
        t = tasks[j]
        fixed.append(Placement(vols[i].id, t.id, None if t.window is None else t.window[0]))
    return Instance(vols, tasks, fixed)
