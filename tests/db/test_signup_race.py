"""Two volunteers take the last place at the same moment: one is confirmed, the other waitlisted.

Each volunteer runs in a thread of their own with their own ``Database`` (engine, pool,
connections), as two desktops on one shared database would; a barrier releases them
together. Several rounds, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app.domain.enums import SignupStatus, TaskStatus
from volunteer_app.services import accounts, signups, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, TaskOccurrence

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)
ROUNDS = 6


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _last_place(db: Database, town: Community, n: int) -> int:
    """A task with two places, one already taken: one place left."""
    start = datetime(2030, 5, 7, 1, 0, tzinfo=UTC) + timedelta(days=n)
    task_id = tasks.create_task(db, town.coord_a, tasks.TaskInput(
        organisation_id=town.org_a, title=f"Last place {n}", starts_at=start, ends_at=start + timedelta(hours=1),
        latitude=30.27, longitude=120.15, slots=2, status=TaskStatus.OPEN))
    with db.read() as s:
        occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
    assert signups.sign_up(db, town.coord_a, occ, now=NOW) is SignupStatus.CONFIRMED
    return occ


def _race(url: str, people: list[Actor], occ: int) -> list[SignupStatus | BaseException]:
    barrier = threading.Barrier(len(people))
    results: list[SignupStatus | BaseException] = [RuntimeError("did not run")] * len(people)

    def take(i: int, actor: Actor) -> None:
        own = Database(url)  # its own engine and connections, like another desktop
        try:
            with own.read() as s:  # connect before the barrier, so both start writing together
                s.execute(select(1))
            barrier.wait(timeout=30)
            results[i] = signups.sign_up(own, actor, occ, now=NOW)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            results[i] = exc
        finally:
            own.dispose()

    threads = [threading.Thread(target=take, args=(i, a)) for i, a in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a signup never finished (a lock was never released)"
    return results


def test_two_volunteers_race_for_the_last_place(db_url: str, db: Database) -> None:
    town = build(db)
    people = [town.volunteer, town.other_volunteer]
    for n in range(ROUNDS):
        occ = _last_place(db, town, n)
        results = _race(db_url, people if n % 2 == 0 else people[::-1], occ)
        assert sorted(str(r) for r in results) == ["confirmed", "waitlisted"], results
        with db.read() as s:
            rows = s.scalars(select(Signup).where(Signup.occurrence_id == occ)).all()
        assert sorted(r.status.value for r in rows) == ["confirmed", "confirmed", "waitlisted"]
        assert [r.queued_at is not None for r in rows if r.status is SignupStatus.WAITLISTED] == [True]
