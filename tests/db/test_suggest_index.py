"""Suggestions read occurrences by map cell and free time through one index, and follow moved tasks."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert, select, text, update

from tests.support.community import Community, build
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.services import matching as matching_service
from volunteer_app.services import signups, suggestion_index, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Skill,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # the next Tuesday
HOME = (30.271, 120.152)  # Hangzhou
SHANGHAI = (31.2304, 121.4737)


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        first_aid = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        for actor, (lat, lon) in ((town.volunteer, HOME), (town.other_volunteer, SHANGHAI)):
            s.add(VolunteerProfile(person_id=actor.person_id, home_latitude=lat, home_longitude=lon,
                                   radius_km=6.0, timezone="Asia/Shanghai"))
            # Local 09:00-13:00 and 13:00-17:00 touch (one stretch for the engine), then 18:00-20:00.
            s.add_all(AvailabilitySlot(person_id=actor.person_id, weekday=d, start_minute=a, end_minute=b)
                      for d in range(7) for a, b in ((540, 780), (780, 1020), (1080, 1200)))
        s.add(VolunteerSkill(person_id=town.volunteer.person_id, skill_id=first_aid, level=2))
    return town


def _task(db: Database, town: Community, title: str, start: datetime, hours: float, place: tuple[float, float] | None,
          **kw: Any) -> int:
    lat, lon = place if place is not None else (None, None)
    data = tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start,
                           ends_at=start + timedelta(hours=hours), latitude=lat, longitude=lon,
                           is_remote=place is None, status=TaskStatus.OPEN, **kw)
    return tasks.create_task(db, town.coord_a, data)


def _bulk_tasks(db: Database, organisation_id: int, count: int) -> None:
    """Open tasks spread over 2 x 2 degrees and two weeks, written like ``sync_occurrences`` would."""
    rng = random.Random(3)
    rows, occurrences = [], []
    for i in range(count):
        lat, lon = HOME[0] + rng.uniform(-1, 1), HOME[1] + rng.uniform(-1, 1)
        start = NOW + timedelta(minutes=15 * rng.randrange(14 * 96))
        end = start + timedelta(hours=rng.choice([1, 2, 3]))
        rows.append({"id": 10_000 + i, "organisation_id": organisation_id, "title": f"Bulk {i}", "description": "",
                     "latitude": lat, "longitude": lon, "is_remote": False, "kind": TaskKind.FIXED.value,
                     "starts_at": start, "ends_at": end, "slots": 1, "priority": 1,
                     "status": TaskStatus.OPEN.value, "timezone": "Asia/Shanghai"})
        occurrences.append({"task_id": 10_000 + i, "starts_at": start, "ends_at": end,
                            "grid_cell": tasks.grid_cell(False, lat, lon),
                            "span_class": tasks.span_class(TaskKind.FIXED, start, end)})
    with db.transaction() as s:
        s.execute(insert(Task), rows)
        s.execute(insert(TaskOccurrence), occurrences)


def _titles(db: Database, town: Community, email: str = "vol@example.org") -> list[str]:
    return [v.title for v in matching_service.suggest_for(db, town.admin, email, now=NOW, limit=None)]


@pytest.fixture
def captured(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The suggestion statements (those reading ``grid_cell``) sent while the test runs."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "grid_cell" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    yield seen
    event.remove(db.engine, "before_cursor_execute", capture)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("analysed", [False, True], ids=["no-stats", "analysed"])
def test_sqlite_reads_suggestions_through_the_cell_index(
    db: Database, town: Community, captured: list[tuple[str, Any]], analysed: bool
) -> None:
    for i in range(20):
        _task(db, town, f"Near {i}", DAY + timedelta(hours=i % 12), 2, (HOME[0] + i * 0.001, HOME[1]))
        _task(db, town, f"Far {i}", DAY + timedelta(hours=i % 12), 2, SHANGHAI)
    _task(db, town, "Remote", DAY + timedelta(hours=2), 2, None)
    if analysed:
        # With statistics SQLite rightly scans a tiny table: give it a region's worth of tasks.
        _bulk_tasks(db, town.org_a, 5000)
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    assert "Remote" in _titles(db, town)
    assert len(captured) == 1
    statement, parameters = captured[0]
    raw = db.engine.raw_connection()
    try:
        plan = [row[-1] for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters)]
    finally:
        raw.close()
    joined = " | ".join(plan)
    assert "USING COVERING INDEX ix_task_occurrence_cell_time (grid_cell=? AND span_class=? AND is_cancelled=? " \
           "AND starts_at>? AND starts_at<?)" in joined, joined
    assert "SEARCH task USING INTEGER PRIMARY KEY" in joined, joined
    assert not [d for d in plan if re.match(r"SCAN (task|task_occurrence)\b", d)], joined


def test_moving_a_task_moves_its_cells_and_suggestions_follow(db: Database, town: Community) -> None:
    start = DAY + timedelta(hours=2)  # 10:00-12:00 in Hangzhou
    task_id = _task(db, town, "Moving", start, 2, (HOME[0] + 0.01, HOME[1]), repeat_weekly_until=(DAY + timedelta(
        days=7)).date())

    def cells() -> set[int | None]:
        with db.read() as s:
            return set(s.scalars(select(TaskOccurrence.grid_cell).where(TaskOccurrence.task_id == task_id)))

    assert cells() == {tasks.grid_cell(False, HOME[0] + 0.01, HOME[1])}
    assert "Moving" in _titles(db, town)
    assert "Moving" not in _titles(db, town, "vol.b@example.org")

    data = tasks.get_task(db, town.coord_a, task_id)
    tasks.update_task(db, town.coord_a, task_id, dataclasses.replace(data, latitude=SHANGHAI[0] + 0.01,
                                                                      longitude=SHANGHAI[1]))
    assert cells() == {tasks.grid_cell(False, SHANGHAI[0] + 0.01, SHANGHAI[1])}
    assert "Moving" not in _titles(db, town)
    assert "Moving" in _titles(db, town, "vol.b@example.org")

    tasks.update_task(db, town.coord_a, task_id, dataclasses.replace(data, latitude=None, longitude=None,
                                                                      is_remote=True))
    assert cells() == {tasks.REMOTE_CELL}
    assert "Moving" in _titles(db, town) and "Moving" in _titles(db, town, "vol.b@example.org")


def _views(db: Database, town: Community) -> list[tuple[int, str, str, Any]]:
    found = matching_service.suggest_for(db, town.admin, "vol@example.org", now=NOW, limit=None)
    return [(v.occurrence_id, v.title, v.organisation, v.suggestion) for v in found]


def test_the_cell_index_gives_the_same_suggestions_as_the_location_index(
    db: Database, town: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every shape of task, read by cells and by the task's own location index (too many cells)."""
    local = DAY + timedelta(hours=1)  # 09:00 local
    near = (HOME[0] + 0.02, HOME[1] - 0.02)
    for h in range(-2, 13):  # fixed shifts around and across the free stretches
        _task(db, town, f"Fixed {h}", local + timedelta(hours=h), 2, near, slots=2)
        _task(db, town, f"Fixed long {h}", local + timedelta(hours=h), 6, near)
        _task(db, town, f"Flexible {h}", local + timedelta(hours=h), 3, near, kind=TaskKind.FLEXIBLE, minutes=60)
    _task(db, town, "Across the touching slots", local + timedelta(hours=3), 2, near)  # 12:00-14:00 local
    _task(db, town, "Week-long window", DAY - timedelta(days=3), 24 * 7, near, kind=TaskKind.FLEXIBLE, minutes=90)
    _task(db, town, "Two-day window at night", DAY + timedelta(hours=13), 36, near, kind=TaskKind.FLEXIBLE,
          minutes=30)
    _task(db, town, "Remote", local + timedelta(hours=1), 1, None)
    _task(db, town, "Needs first aid 2", local, 2, near, requires={"first_aid": 2})
    _task(db, town, "Needs first aid 3", local, 2, near, requires={"first_aid": 3})
    _task(db, town, "Needs driving", local, 2, near, requires={"driving": 1})
    _task(db, town, "Just outside", local, 2, (HOME[0] + 0.0545, HOME[1]))
    _task(db, town, "Far", local, 2, SHANGHAI)
    unindexed = _task(db, town, "Written around the service", local + timedelta(hours=9), 1, near)
    mine = _task(db, town, "Already mine", local + timedelta(days=1), 2, near)
    with db.transaction() as s:
        s.execute(update(TaskOccurrence).where(TaskOccurrence.task_id == unindexed).values(grid_cell=None))
        occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == mine)).one()
    signups.sign_up(db, town.volunteer, occ)

    by_cells = _views(db, town)
    monkeypatch.setattr(suggestion_index, "MAX_CELLS", 0)
    by_box = _views(db, town)
    assert by_cells == by_box
    titles = {t for _, t, _, _ in by_cells}
    assert {"Across the touching slots", "Week-long window", "Two-day window at night", "Remote",
            "Needs first aid 2", "Written around the service", "Fixed 0", "Fixed long 0", "Flexible -2"} <= titles
    assert not titles & {"Needs first aid 3", "Needs driving", "Far", "Already mine", "Fixed -2", "Fixed long 8"}, titles
