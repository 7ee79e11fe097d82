"""How fast are suggestions for one volunteer with many open tasks in SQLite?

    python bench/suggest.py [--tasks 100000] [--volunteers 300] [--queries 300] [--spread]

Builds (once, cached in the temp folder) a database with that many open tasks
spread over the Yangtze delta (about 300 x 300 km, dense in the cities like real
ones), then asks for each of many volunteers' suggestions inside one process
and prints the median, 95th percentile and maximum time per call, and the SQL
plan of the spatio-temporal prefilter. ``--spread`` adds a line for a less dense
scenario (the same numbers spread evenly over the region); the dense figure is
the one that counts. Prints figures; never fails on speed. Delete the cached
files in the temp folder when the schema changes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from volunteer_app.domain.enums import Role, TaskKind, TaskStatus  # noqa: E402
from volunteer_app.services import matching as matching_service  # noqa: E402
from volunteer_app.services import tasks as task_service  # noqa: E402
from volunteer_app.services.accounts import Actor  # noqa: E402
from volunteer_app.store import models as m  # noqa: E402
from volunteer_app.store.database import Database  # noqa: E402
from volunteer_app.store.migrate import upgrade  # noqa: E402

CITIES = [(30.2741, 120.1551), (31.2304, 121.4737), (32.0603, 118.7969), (31.2989, 120.5853), (29.8683, 121.5440)]
SKILLS = ["first_aid", "driving", "cooking", "tutoring", "elderly_care", "it_support", "gardening", "logistics"]
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def _point(rng: random.Random, spread: bool = False) -> tuple[float, float]:
    if rng.random() < (0.0 if spread else 0.8):  # most tasks are in a city, the rest anywhere in the region
        lat, lon = rng.choice(CITIES)
        return round(rng.gauss(lat, 0.12), 5), round(rng.gauss(lon, 0.12), 5)
    return round(rng.uniform(29.0, 32.5), 5), round(rng.uniform(118.0, 122.0), 5)


def build(path: Path, n_tasks: int, n_volunteers: int, seed: int = 7, spread: bool = False) -> None:
    rng = random.Random(seed)
    db = Database(f"sqlite:///{path}")
    upgrade(db, backup=False)
    with db.transaction() as s:
        s.execute(insert(m.Skill), [{"key": k, "label": k} for k in SKILLS])
        s.execute(insert(m.Organisation), [{"name": f"Org {i}"} for i in range(20)])
        s.execute(insert(m.Person), [
            {"email": f"v{i}@bench.org", "display_name": f"V{i}", "password_hash": "x"} for i in range(n_volunteers)
        ])
        people = list(s.scalars(select(m.Person.id).order_by(m.Person.id)))
        profiles, skills, slots = [], [], []
        for pid in people:
            lat, lon = _point(rng, spread)
            profiles.append({"person_id": pid, "home_latitude": round(lat, 3), "home_longitude": round(lon, 3),
                             "radius_km": rng.choice([3.0, 5.0, 8.0, 12.0]), "timezone": "Asia/Shanghai",
                             "weekly_hour_cap_minutes": rng.choice([None, 240, 480])})
            for k in rng.sample(range(1, len(SKILLS) + 1), 2):
                skills.append({"person_id": pid, "skill_id": k, "level": rng.randint(1, 5)})
            for wd in rng.sample(range(7), 3):
                start = rng.choice([8, 9, 13, 14, 18]) * 60
                slots.append({"person_id": pid, "weekday": wd, "start_minute": start, "end_minute": start + 240})
        s.execute(insert(m.VolunteerProfile), profiles)
        s.execute(insert(m.VolunteerSkill), skills)
        s.execute(insert(m.AvailabilitySlot), slots)
        tasks, occurrences, reqs = [], [], []
        for i in range(1, n_tasks + 1):
            remote = rng.random() < 0.02
            lat, lon = (None, None) if remote else _point(rng, spread)
            start = NOW + timedelta(minutes=15 * rng.randrange(0, 14 * 96))
            flexible = rng.random() < 0.2
            end = start + timedelta(hours=rng.choice([1, 2, 3]) + (3 if flexible else 0))
            tasks.append({"id": i, "organisation_id": rng.randint(1, 20), "title": f"Task {i}", "description": "",
                          "latitude": lat, "longitude": lon, "is_remote": remote,
                          "kind": (TaskKind.FLEXIBLE if flexible else TaskKind.FIXED).value,
                          "starts_at": start, "ends_at": end, "minutes": 60 if flexible else None,
                          "slots": rng.randint(1, 6), "priority": rng.randint(1, 5),
                          "status": TaskStatus.OPEN.value, "timezone": "Asia/Shanghai"})
            kind = TaskKind.FLEXIBLE if flexible else TaskKind.FIXED
            # What services.tasks.sync_occurrences stores for the suggestions' index.
            occurrences.append({"id": i, "task_id": i, "starts_at": start, "ends_at": end,
                                "grid_cell": task_service.grid_cell(remote, lat, lon),
                                "span_class": task_service.span_class(kind, start, end)})
            if rng.random() < 0.5:
                reqs.append({"task_id": i, "skill_id": rng.randint(1, len(SKILLS)), "min_level": rng.randint(1, 3)})
        for chunk in range(0, n_tasks, 20000):
            s.execute(insert(m.Task), tasks[chunk:chunk + 20000])
            s.execute(insert(m.TaskOccurrence), occurrences[chunk:chunk + 20000])
        s.execute(insert(m.TaskSkill), reqs)
        s.execute(insert(m.Membership), [{"person_id": p, "organisation_id": 1, "role": Role.VOLUNTEER.value}
                                         for p in people])
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    db.dispose()


def measure(path: Path, queries: int) -> tuple[list[float], list[int], list[str]]:
    """Times (ms) and suggestion counts of ``queries`` calls, and the query plan of the first call's prefilter."""
    db = Database(f"sqlite:///{path}")
    with db.read() as s:
        people = list(s.execute(select(m.Person.id, m.Person.email).order_by(m.Person.id)))
    times, counts = [], []
    for i in range(queries):
        pid, email = people[i % len(people)]
        actor = Actor(person_id=pid, email=email, display_name="", is_admin=False)
        t0 = time.perf_counter()
        found = matching_service.suggest_for(db, actor, email, now=NOW, limit=10)
        times.append((time.perf_counter() - t0) * 1000)
        counts.append(len(found))
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if "grid_cell" in statement and not seen:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    pid, email = people[0]
    matching_service.suggest_for(db, Actor(person_id=pid, email=email, display_name="", is_admin=False), email,
                                 now=NOW, limit=10)
    event.remove(db.engine, "before_cursor_execute", capture)
    plan: list[str] = []
    if seen:
        raw = db.engine.raw_connection()
        try:
            plan = [row[-1] for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1])]
        finally:
            raw.close()
    db.dispose()
    return times, counts, plan


def _line(label: str, times: list[float], counts: list[int]) -> str:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return (f"  {label}median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms; "
            f"suggestions per call: median {statistics.median(counts):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--volunteers", type=int, default=300)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--spread", action="store_true", help="also report tasks spread evenly (less dense)")
    args = parser.parse_args()
    os.environ.setdefault("VOLUNTEER_APP_HOME", tempfile.mkdtemp())
    scenarios = [("", False)] + ([("spread: ", True)] if args.spread else [])
    lines: list[str] = []
    plan: list[str] = []
    for label, spread in scenarios:
        suffix = "-spread" if spread else ""
        path = Path(tempfile.gettempdir()) / f"va-bench-suggest-{args.tasks}-{args.volunteers}{suffix}.sqlite3"
        if not path.exists():
            t0 = time.perf_counter()
            build(path, args.tasks, args.volunteers, spread=spread)
            print(f"built {path} in {time.perf_counter() - t0:.1f} s")
        times, counts, found_plan = measure(path, args.queries)
        lines.append(_line(label, times, counts))
        plan = plan or found_plan
    print(f"suggest over {args.tasks:,} open tasks, {args.queries} calls in one process:")
    print("\n".join(lines))
    print("  plan: " + " | ".join(plan))


if __name__ == "__main__":
    main()
