"""People acting at the same moment, on SQLite and PostgreSQL: nobody double-booked, no slot
overfilled, hours decided once, and a lost race is one sentence, never a traceback.

Each worker is a thread with a ``Database`` of its own (engine, pool, connections), as separate
desktops on one shared database are; barriers release them together. The assertions are about
what is stored afterwards and what each worker was told, never about timing.
(bench/concurrency.py runs the same workers as processes for some seconds and prints figures.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tests.support import crowd as crowds
from tests.support.community import Community, build
from volunteer_app.domain.enums import Role, ServiceStatus, SignupSource, SignupStatus, TaskStatus
from volunteer_app.services import accounts, hand_assign, hours, roster, signups, tasks
from volunteer_app.services import matching as matching_service
from volunteer_app.services.concurrency import HOURS_CHANGED, TASKS_CHANGED, LostRace, writing
from volunteer_app.services.errors import Conflict, ServiceError
from volunteer_app.store.database import ConcurrentChange, ConcurrentInsert, ConcurrentUpdate, Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Person,
    ServiceRecord,
    Signup,
    TaskOccurrence,
    VolunteerProfile,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)
WINDOW = (NOW, NOW + timedelta(days=30))


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _together(url: str, work: list[Callable[[Database], Any]]) -> list[Any]:
    """Run each piece of work in its own thread and Database, released together; results or exceptions."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [RuntimeError("did not run")] * len(work)

    def run(i: int) -> None:
        own = Database(url)
        try:
            with own.read() as s:  # connect first, so the work itself starts together
                s.execute(select(1))
            barrier.wait(timeout=60)
            results[i] = work[i](own)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            results[i] = exc
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a worker never finished (a lock was never released)"
    return results


def _bugs(results: list[Any]) -> list[BaseException]:
    """What a person would have seen as a traceback: anything but a service's one sentence."""
    return [r for r in results if isinstance(r, BaseException) and not isinstance(r, ServiceError)]


def _free_all_week(db: Database, person_id: int, *, cap_minutes: int | None = None) -> None:
    with db.transaction() as s:
        s.add(
            VolunteerProfile(
                person_id=person_id,
                home_latitude=30.271,
                home_longitude=120.152,
                radius_km=6.0,
                timezone="Asia/Shanghai",
                weekly_hour_cap_minutes=cap_minutes,
            )
        )
        s.add_all(AvailabilitySlot(person_id=person_id, weekday=d, start_minute=0, end_minute=1440) for d in range(7))


def _occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def _task(
    db: Database, coord: accounts.Actor, org: int, title: str, start: datetime, hours_long: int = 2, slots: int = 1
) -> int:
    return _occurrence(
        db,
        tasks.create_task(
            db,
            coord,
            tasks.TaskInput(
                organisation_id=org,
                title=title,
                starts_at=start,
                ends_at=start + timedelta(hours=hours_long),
                latitude=30.272,
                longitude=120.153,
                slots=slots,
                status=TaskStatus.OPEN,
            ),
        ),
    )


def _active(db: Database, person_id: int) -> list[int]:
    with db.read() as s:
        return sorted(
            s.scalars(
                select(Signup.occurrence_id).where(
                    Signup.person_id == person_id, Signup.status.in_([SignupStatus.PROPOSED, SignupStatus.CONFIRMED])
                )
            )
        )


@pytest.fixture
def town(db: Database) -> Community:
    """The community; vol@ belongs to both organisations and is free all week (nobody else has a profile)."""
    town = build(db)
    accounts.grant_role(db, town.admin, "vol@example.org", town.org_b, Role.VOLUNTEER)
    _free_all_week(db, town.volunteer.person_id)
    return town


# --------------------------------------------------------------------------- the reported race


def test_two_organisations_applying_at_once_never_double_book(db_url: str, db: Database, town: Community) -> None:
    """Each round: A and B each post a task that only vol@ fits, at overlapping times; both engines apply
    at the same moment. vol@ ends up with one of them, never both (before: both, on PostgreSQL)."""
    for n in range(4):
        start = datetime(2030, 5, 10, 1, 0, tzinfo=UTC) + timedelta(days=n)  # clear of the community's tasks
        occ_a = _task(db, town.coord_a, town.org_a, f"Sort {n}", start)
        occ_b = _task(db, town.coord_b, town.org_b, f"Pack {n}", start + timedelta(hours=1))
        results = _together(
            db_url,
            [
                lambda own: matching_service.propose_assignments(own, town.coord_a, town.org_a, *WINDOW, apply=True),
                lambda own: matching_service.propose_assignments(own, town.coord_b, town.org_b, *WINDOW, apply=True),
            ][:: 1 if n % 2 else -1],
        )
        assert _bugs(results) == []
        assert all(not isinstance(r, BaseException) for r in results), results  # nobody even lost: they queued
        assert len({occ_a, occ_b} & set(_active(db, town.volunteer.person_id))) == 1
    assert crowds.double_bookings(db) == []


def test_one_organisation_applying_twice_at_once_stores_each_proposal_once(
    db_url: str, db: Database, town: Community
) -> None:
    """Two coordinators of A apply at the same moment: the second sees the first's proposals and adds none."""
    accounts.create_account(db, town.admin, "coord.a2@example.org", "Second", "correct horse 42")
    accounts.grant_role(db, town.admin, "coord.a2@example.org", town.org_a, Role.COORDINATOR)
    second = accounts.sign_in(db, "coord.a2@example.org", "correct horse 42")
    for n in range(3):
        _task(db, town.coord_a, town.org_a, f"Sort {n}", datetime(2030, 5, 7, 1, 0, tzinfo=UTC) + timedelta(days=n))
    results = _together(
        db_url,
        [
            lambda own: matching_service.propose_assignments(own, town.coord_a, town.org_a, *WINDOW, apply=True),
            lambda own: matching_service.propose_assignments(own, second, town.org_a, *WINDOW, apply=True),
        ],
    )
    assert _bugs(results) == []
    stored = [len(r.proposals) for r in results if not isinstance(r, BaseException)]
    assert sorted(stored) == [0, 3], results
    assert len(_active(db, town.volunteer.person_id)) == 3


# --------------------------------------------------------------------------- every way onto an occurrence


def test_every_way_onto_an_occurrence_refuses_a_place_at_the_same_time_elsewhere(db: Database, town: Community) -> None:
    """Signed up with B, vol@ cannot be put on A's overlapping task by a walk-in, a check-in from the
    waitlist, a reopened signup or accepting a proposal that predates the rule."""
    start = datetime(2030, 5, 8, 1, 0, tzinfo=UTC)
    occ_b = _task(db, town.coord_b, town.org_b, "Pack", start)
    occ_a = _task(db, town.coord_a, town.org_a, "Sort", start + timedelta(hours=1), slots=1)
    assert signups.sign_up(db, town.volunteer, occ_b, now=NOW) is SignupStatus.CONFIRMED
    at = start + timedelta(hours=1, minutes=5)
    with pytest.raises(Conflict, match="already holds a place on 'Pack'"):
        roster.add_walk_in(db, town.coord_a, occ_a, "vol@example.org", at, now=at)
    # A row as old data could hold it: waitlisted on A's task while placed on B's.
    with db.transaction() as s:
        s.add(
            Signup(
                occurrence_id=occ_a,
                person_id=town.volunteer.person_id,
                status=SignupStatus.WAITLISTED,
                source=SignupSource.SELF,
                starts_at=start + timedelta(hours=1),
                ends_at=start + timedelta(hours=3),
                created_by_id=town.volunteer.person_id,
                queued_at=NOW,
            )
        )
    with pytest.raises(Conflict, match="already holds a place on 'Pack'"):
        roster.check_in(db, town.coord_a, occ_a, "vol@example.org", at, now=at)
    with db.read() as s:
        waiting = s.scalars(select(Signup).where(Signup.occurrence_id == occ_a)).one()
    with pytest.raises(Conflict, match="already holds a place on 'Pack'"):
        signups.set_status(db, town.coord_a, waiting.id, SignupStatus.CONFIRMED)
    # A proposal that clashes (made before the rule existed): accepting it is refused.
    with db.transaction() as s:
        s.execute(text("UPDATE signup SET status = 'proposed', source = 'engine' WHERE id = :id"), {"id": waiting.id})
    with pytest.raises(Conflict, match="already holds a place on 'Pack'"):
        signups.set_status(db, town.volunteer, waiting.id, SignupStatus.CONFIRMED)
    assert _active(db, town.volunteer.person_id) == sorted([occ_b, occ_a])  # unchanged: the old proposal stays
    # The freed place on B goes to the waitlist only to someone free then: nobody here.
    signups.withdraw(db, town.volunteer, occ_b, now=NOW)
    assert _active(db, town.volunteer.person_id) == [occ_a]


def test_an_engine_proposal_over_the_weekly_cap_is_refused_as_it_is_stored(db: Database, town: Community) -> None:
    """The cap is checked again where proposals are stored (the engine read it before): 3 hours a week."""
    with db.transaction() as s:
        s.execute(
            text("UPDATE volunteer_profile SET weekly_hour_cap_minutes = 180 WHERE person_id = :p"),
            {"p": town.volunteer.person_id},
        )
    start = datetime(2030, 5, 7, 1, 0, tzinfo=UTC)  # a Tuesday
    first = _task(db, town.coord_a, town.org_a, "Sort", start)
    second = _task(db, town.coord_a, town.org_a, "Sort again", start + timedelta(days=1))
    with db.transaction() as s:
        signups.place(
            s, town.coord_a, first, town.volunteer.person_id, status=SignupStatus.PROPOSED, source=SignupSource.ENGINE
        )
    with pytest.raises(Conflict, match=r"over their 3 h a week \(2 h held that week already\)"), db.transaction() as s:
        signups.place(
            s, town.coord_a, second, town.volunteer.person_id, status=SignupStatus.PROPOSED, source=SignupSource.ENGINE
        )
    # The engine itself never proposes it: it reads the same cap.
    outcome = matching_service.propose_assignments(db, town.coord_a, town.org_a, *WINDOW, apply=True)
    assert outcome.proposals == []
    # A coordinator placing them by hand is not bound by the engine's cap (only by clashes).
    hand_assign.assign_by_hand(db, town.coord_a, second, "vol@example.org")
    assert _active(db, town.volunteer.person_id) == sorted([first, second])


# --------------------------------------------------------------------------- a lost race is one sentence


def test_a_unique_key_taken_meanwhile_is_a_concurrent_change_and_one_sentence(db: Database, town: Community) -> None:
    occ = _occurrence(db, town.task_a)
    row = {
        "occurrence_id": occ,
        "person_id": town.volunteer.person_id,
        "status": SignupStatus.PROPOSED,
        "source": SignupSource.ENGINE,
        "starts_at": datetime(2030, 5, 7, 1, tzinfo=UTC),
        "ends_at": datetime(2030, 5, 7, 3, tzinfo=UTC),
    }
    with db.transaction() as s:
        s.add(Signup(**row))
    # What another writer that skipped the checks would meet: the store says "concurrent change"...
    with pytest.raises(ConcurrentInsert) as raised, db.transaction() as s:
        s.add(Signup(**row))
    assert isinstance(raised.value, IntegrityError)  # ...and code that expects an IntegrityError still gets one
    # ...and the services say one sentence.
    with pytest.raises(LostRace) as lost, writing(db) as s:
        s.add(Signup(**row))
    assert str(lost.value) == "Someone else changed these tasks at the same time; run again."
    assert lost.value.template == TASKS_CHANGED and isinstance(lost.value, Conflict)
    # A broken reference is no race: it stays what it was.
    with pytest.raises(IntegrityError) as broken, db.transaction() as s:
        s.add(Signup(**{**row, "person_id": 10_000}))
    assert not isinstance(broken.value, ConcurrentChange)
    assert len(_active(db, town.volunteer.person_id)) == 1


def test_a_deadlock_or_a_stale_snapshot_is_a_concurrent_change(db_url: str, db: Database, town: Community) -> None:
    """PostgreSQL: two transactions lock two rows in opposite orders; the one PostgreSQL gives up gets
    ConcurrentUpdate. SQLite: a transaction that read before another's commit cannot write after it."""
    a, b = town.volunteer.person_id, town.other_volunteer.person_id
    if db.is_sqlite:
        other = Database(db_url)
        try:
            with pytest.raises(ConcurrentUpdate), db.transaction() as s:
                s.connection().exec_driver_sql("BEGIN")  # a deferred transaction that reads first
                s.execute(select(Person.id)).all()
                with other.transaction() as o:
                    o.execute(text("UPDATE person SET phone = '1' WHERE id = :id"), {"id": b})
                s.execute(text("UPDATE person SET phone = '2' WHERE id = :id"), {"id": a})
        finally:
            other.dispose()
        return
    holding = threading.Barrier(2)

    def lock(first: int, second: int) -> Callable[[Database], str]:
        def work(own: Database) -> str:
            with own.transaction() as s:
                s.execute(select(Person.id).where(Person.id == first).with_for_update()).all()
                holding.wait(timeout=30)
                s.execute(select(Person.id).where(Person.id == second).with_for_update()).all()
            return "done"

        return work

    results = _together(db_url, [lock(a, b), lock(b, a)])
    assert sorted(type(r).__name__ for r in results) == ["ConcurrentUpdate", "str"], results


def test_two_coordinators_deciding_the_same_hours_at_once(db_url: str, db: Database, town: Community) -> None:
    """One decides, the other is told so in one sentence; the ledger has one decision per record."""
    accounts.create_account(db, town.admin, "coord.a2@example.org", "Second", "correct horse 42")
    accounts.grant_role(db, town.admin, "coord.a2@example.org", town.org_a, Role.COORDINATOR)
    second = accounts.sign_in(db, "coord.a2@example.org", "correct horse 42")
    for n in range(4):
        start = datetime(2030, 4, 1, 1, tzinfo=UTC) + timedelta(days=n)
        record = hours.record_hours(
            db,
            town.volunteer,
            hours.HoursInput(
                person_id=town.volunteer.person_id,
                started_at=start,
                ended_at=start + timedelta(hours=2),
                organisation_id=town.org_a,
                activity="Sorting",
            ),
        )
        results = _together(
            db_url,
            [
                lambda own, record=record: hours.verify_hours(own, town.coord_a, record),
                (lambda own, record=record: hours.reject_hours(own, second, record, "not ours"))
                if n % 2
                else (lambda own, record=record: hours.verify_many(own, second, [record])),
            ],
        )
        assert _bugs(results) == []
        refused = [r for r in results if isinstance(r, ServiceError)]
        assert len(refused) == 1, results
        assert isinstance(refused[0], Conflict)
        assert "already" in str(refused[0]) or refused[0].template == HOURS_CHANGED
        with db.read() as s:
            assert s.scalars(select(ServiceRecord.status).where(ServiceRecord.id == record)).one() in (
                ServiceStatus.VERIFIED,
                ServiceStatus.REJECTED,
            )
    assert crowds.decided_twice(db) == []


# --------------------------------------------------------------------------- everyone at once


def test_a_crowd_acting_at_once_leaves_no_double_booking_no_overfull_task_and_no_traceback(
    db_url: str, db: Database
) -> None:
    """Two engines, self signups, a coordinator placing by hand, volunteers answering and withdrawing,
    walk-ins and check-ins, two coordinators deciding the same hours, new tasks and hours: all at once."""
    crowd = crowds.build_crowd(db)
    actors = crowds.sign_in_all(db, crowd)
    steps = {
        "engine_a": 5,
        "engine_b": 5,
        "signup": 14,
        "hand_b": 10,
        "churn": 14,
        "verify_a": 6,
        "verify_a2": 6,
        "roster_a": 8,
        "post": 6,
    }

    def worker(role: str, seed: int) -> Callable[[Database], crowds.Tally]:
        return lambda own: crowds.run_worker(role, own, crowd, actors, seed=seed, more=lambda n: n < steps[role])

    results = _together(db_url, [worker(role, seed) for seed, role in enumerate(crowds.ROLES)])
    total = crowds.Tally()
    for r in results:
        assert isinstance(r, crowds.Tally), r
        total.add(r)
    assert total.tracebacks == []
    assert total.environment == []
    assert crowds.double_bookings(db) == []
    assert crowds.overfilled(db) == []
    assert crowds.decided_twice(db) == []
    # It did something worth checking: places were taken and hours decided.
    assert total.done["assign"] + total.done["sign_up"] + total.done["assign_by_hand"] > 0, total.as_json()
    assert total.done["verify"] + total.done["reject"] > 0, total.as_json()
