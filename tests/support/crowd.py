"""A crowd acting at once on one database: the scenario, the workers and the checks afterwards.

Shared by tests/db/test_concurrency.py (threads, a fixed number of steps) and
bench/concurrency.py (processes, for some seconds). The community of
``tests.support.community`` plus volunteers who belong to BOTH organisations and fit
both organisations' tasks, which overlap in time: exactly what two engines applying at
once would double-book if busy time were read outside the lock.

Every worker acts through the services, as the window and the CLI do. A ``ServiceError``
is the polite answer a person gets (counted as a conflict); any other exception is what a
person would have seen as a traceback (counted, with its first line).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text

from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain.enums import Role, ServiceStatus, SignupStatus, TaskStatus
from volunteer_app.services import accounts, faults, hand_assign, hours, roster, signups, tasks
from volunteer_app.services import matching as matching_service
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    ServiceRecord,
    Signup,
    Task,
    TaskOccurrence,
    VolunteerProfile,
)

#: The first day of the crowd's tasks (a Tuesday); the engines look 14 days ahead of it.
FIRST_DAY = datetime(2030, 5, 7, 1, 0, tzinfo=UTC)
WINDOW = (FIRST_DAY - timedelta(days=1), FIRST_DAY + timedelta(days=13))
HOME = (30.27, 120.15)
#: Statuses that hold a place and make the person busy (domain.enums.ACTIVE_SIGNUPS), as stored.
ACTIVE_SQL = "('proposed', 'confirmed')"


@dataclass
class Crowd:
    """Who is who; plain ids and emails, so another process can rebuild its actors (``sign_in_all``)."""

    org_a: int
    org_b: int
    coordinators: dict[str, str]  # role name -> email: "a", "a2" (both of org A), "b"
    people: list[str]  # volunteers of both organisations
    admin: str = "admin@example.org"

    def as_json(self) -> dict[str, Any]:
        return {"org_a": self.org_a, "org_b": self.org_b, "coordinators": self.coordinators, "people": self.people}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Crowd:
        return cls(data["org_a"], data["org_b"], dict(data["coordinators"]), list(data["people"]))


def build_crowd(db: Database, *, people: int = 6, days: int = 3, records: int = 12) -> Crowd:
    """The community, ``people`` volunteers of both organisations (free all day, near every task,
    every third with a weekly cap of 3 hours), ``days`` days of overlapping tasks in A and B,
    a second coordinator of A, and ``records`` pending hours records of A to decide."""
    town = build(db)
    accounts.create_account(db, town.admin, "coord.a2@example.org", "Second coordinator", PASSWORD)
    accounts.grant_role(db, town.admin, "coord.a2@example.org", town.org_a, Role.COORDINATOR)
    emails = [f"crowd{i}@example.org" for i in range(people)]
    for i, email in enumerate(emails):
        accounts.create_account(db, town.admin, email, f"Crowd {i}", PASSWORD)
        for org in (town.org_a, town.org_b):
            accounts.grant_role(db, town.admin, email, org, Role.VOLUNTEER)
    with db.transaction() as s:
        ids = {email: pid for email, pid in s.execute(text("SELECT email, id FROM person"))}
        for i, email in enumerate(emails):
            pid = ids[email]
            s.add(
                VolunteerProfile(
                    person_id=pid,
                    home_latitude=HOME[0] + 0.001 * i,
                    home_longitude=HOME[1],
                    radius_km=20.0,
                    timezone="Asia/Shanghai",
                    weekly_hour_cap_minutes=180 if i % 3 == 2 else None,
                )
            )
            s.add_all(AvailabilitySlot(person_id=pid, weekday=d, start_minute=0, end_minute=1440) for d in range(7))
    for day in range(days):
        add_overlapping_tasks(db, town, day)
    crowd = Crowd(
        town.org_a,
        town.org_b,
        {"a": "coord.a@example.org", "a2": "coord.a2@example.org", "b": "coord.b@example.org"},
        emails,
    )
    signed = {email: accounts.sign_in(db, email, PASSWORD) for email in emails}
    for n in range(records):
        record_hours(db, signed[emails[n % len(emails)]], crowd, n)
    return crowd


def add_overlapping_tasks(
    db: Database,
    town: Community | None,
    day: int,
    *,
    coordinators: Sequence[Actor] = (),
    orgs: Sequence[int] = (),
    tag: str = "",
) -> tuple[int, int, int]:
    """Three tasks on ``day``: A 09:00-11:00, B 10:00-12:00 (overlaps A), B 11:00-12:00 (Shanghai time).

    Returns their occurrence ids. ``town`` or (``coordinators``, ``orgs``) say who posts them.
    """
    coord_a, coord_b = (town.coord_a, town.coord_b) if town is not None else tuple(coordinators)
    org_a, org_b = (town.org_a, town.org_b) if town is not None else tuple(orgs)
    start = FIRST_DAY + timedelta(days=day)
    made = []
    for coord, org, title, offset, hours_long, slots in (
        (coord_a, org_a, f"Sort donations {day}{tag}", 0, 2, 2),
        (coord_b, org_b, f"Pack parcels {day}{tag}", 1, 2, 2),
        (coord_b, org_b, f"Deliver parcels {day}{tag}", 2, 1, 1),
    ):
        begin = start + timedelta(hours=offset)
        task_id = tasks.create_task(
            db,
            coord,
            tasks.TaskInput(
                organisation_id=org,
                title=title,
                starts_at=begin,
                ends_at=begin + timedelta(hours=hours_long),
                latitude=HOME[0],
                longitude=HOME[1],
                slots=slots,
                status=TaskStatus.OPEN,
            ),
        )
        with db.read() as s:
            made.append(s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one())
    return made[0], made[1], made[2]


def record_hours(db: Database, volunteer: Actor, crowd: Crowd, n: int) -> int:
    """A pending record of two hours for organisation A, recorded by the volunteer."""
    start = datetime(2030, 4, 1, 1, 0, tzinfo=UTC) + timedelta(hours=3 * n)
    return hours.record_hours(
        db,
        volunteer,
        hours.HoursInput(
            person_id=volunteer.person_id,
            started_at=start,
            ended_at=start + timedelta(hours=2),
            organisation_id=crowd.org_a,
            activity=f"Sorting {n}",
        ),
    )


def sign_in_all(db: Database, crowd: Crowd) -> dict[str, Actor]:
    """Every crowd member and coordinator, signed in (keys: emails and the coordinators' role names)."""
    out = {email: accounts.sign_in(db, email, PASSWORD) for email in crowd.people}
    for role, email in crowd.coordinators.items():
        out[role] = out[email] = accounts.sign_in(db, email, PASSWORD)
    return out


# --------------------------------------------------------------------------- the workers


@dataclass
class Tally:
    """What one worker did: actions that went through, polite refusals, and anything else."""

    done: Counter[str] = field(default_factory=Counter)
    conflicts: Counter[str] = field(default_factory=Counter)  # "action: ServiceError class" -> count
    causes: Counter[str] = field(default_factory=Counter)  # lost races: "action: store error SQLSTATE" -> count
    environment: list[str] = field(default_factory=list)  # faults.classify says: outside the app (locked, ...)
    tracebacks: list[str] = field(default_factory=list)  # a bug: what a person would have seen as a traceback
    sentences: set[str] = field(default_factory=set)  # the distinct refusal sentences (for the report)

    def add(self, other: Tally) -> None:
        self.done.update(other.done)
        self.conflicts.update(other.conflicts)
        self.causes.update(other.causes)
        self.environment.extend(other.environment)
        self.tracebacks.extend(other.tracebacks)
        self.sentences |= other.sentences

    def as_json(self) -> dict[str, Any]:
        return {
            "done": dict(self.done),
            "conflicts": dict(self.conflicts),
            "causes": dict(self.causes),
            "environment": self.environment,
            "tracebacks": self.tracebacks,
            "sentences": sorted(self.sentences),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            Counter(data["done"]),
            Counter(data["conflicts"]),
            Counter(data["causes"]),
            list(data["environment"]),
            list(data["tracebacks"]),
            set(data["sentences"]),
        )


def attempt(tally: Tally, what: str, action: Callable[[], object]) -> None:
    """Run one action and file its outcome."""
    try:
        action()
    except ServiceError as exc:
        tally.conflicts[f"{what}: {type(exc).__name__}"] += 1
        tally.sentences.add(exc.template)
        cause = exc.__cause__
        if cause is not None:  # a lost race the store reported: what the database said, for the report
            orig = getattr(cause, "orig", cause)
            code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
            tally.causes[f"{what}: {type(cause).__name__} {code or ''}".strip()] += 1
    except Exception as exc:  # noqa: BLE001 - this is what the tally is for
        fault = faults.classify(exc)
        line = f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        (tally.environment if fault.is_environment else tally.tracebacks).append(line[:300])
    else:
        tally.done[what] += 1


def _open_occurrences(db: Database, org: int) -> list[int]:
    with db.read() as s:
        return list(
            s.scalars(
                select(TaskOccurrence.id)
                .join(Task, Task.id == TaskOccurrence.task_id)
                .where(
                    Task.organisation_id == org, Task.status == TaskStatus.OPEN, TaskOccurrence.is_cancelled.is_(False)
                )
            )
        )


def _occurrence_start(db: Database, occ: int) -> datetime:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.starts_at).where(TaskOccurrence.id == occ)).one()


ROLES = ("engine_a", "engine_b", "signup", "hand_b", "churn", "verify_a", "verify_a2", "roster_a", "post")


def step(
    role: str, db: Database, crowd: Crowd, actors: dict[str, Actor], rng: random.Random, tally: Tally, n: int
) -> None:
    """One action of ``role`` (see ``ROLES``); ``n`` counts this worker's steps."""
    if role in ("engine_a", "engine_b"):
        org, coord = (crowd.org_a, actors["a"]) if role == "engine_a" else (crowd.org_b, actors["b"])
        attempt(
            tally,
            "assign",
            lambda: matching_service.propose_assignments(db, coord, org, WINDOW[0], WINDOW[1], apply=True),
        )
    elif role == "signup":
        person = actors[rng.choice(crowd.people)]
        occs = _open_occurrences(db, rng.choice((crowd.org_a, crowd.org_b)))
        if occs:
            attempt(tally, "sign_up", lambda: signups.sign_up(db, person, rng.choice(occs)))
    elif role == "hand_b":
        occs = _open_occurrences(db, crowd.org_b)
        if occs:
            email = rng.choice(crowd.people)
            attempt(
                tally,
                "assign_by_hand",
                lambda: hand_assign.assign_by_hand(
                    db, actors["b"], rng.choice(occs), email, override_reason="they asked", confirmed=rng.random() < 0.5
                ),
            )
    elif role == "churn":
        _churn(db, crowd, actors, rng, tally)
    elif role in ("verify_a", "verify_a2"):
        coord = actors["a" if role == "verify_a" else "a2"]
        with db.read() as s:
            pending = list(
                s.scalars(
                    select(ServiceRecord.id)
                    .where(ServiceRecord.organisation_id == crowd.org_a, ServiceRecord.status == ServiceStatus.PENDING)
                    .order_by(ServiceRecord.id)
                    .limit(4)
                )
            )
        if pending:
            # Both coordinators go for the oldest pending records: the same ones, at the same time.
            chosen = pending[: rng.randint(1, len(pending))]
            if rng.random() < 0.75:
                attempt(tally, "verify", lambda: hours.verify_many(db, coord, chosen))
            else:
                attempt(tally, "reject", lambda: hours.reject_many(db, coord, chosen, "not this organisation"))
    elif role == "roster_a":
        occs = _open_occurrences(db, crowd.org_a)
        if occs:
            occ = rng.choice(occs)
            at = _occurrence_start(db, occ) + timedelta(minutes=5)
            email = rng.choice(crowd.people)
            if rng.random() < 0.5:
                attempt(
                    tally,
                    "walk_in",
                    lambda: roster.add_walk_in(db, actors["a"], occ, email, at, now=at + timedelta(minutes=1)),
                )
            else:
                attempt(
                    tally,
                    "check_in",
                    lambda: roster.check_in(db, actors["a"], occ, email, at, now=at + timedelta(minutes=1)),
                )
    elif role == "post":
        # New overlapping tasks now and then (so the engines keep finding work), and new hours to decide.
        if n % 3 == 0:
            day = 3 + (n // 3) % 9
            attempt(
                tally,
                "post_tasks",
                lambda: add_overlapping_tasks(
                    db,
                    None,
                    day,
                    coordinators=(actors["a"], actors["b"]),
                    orgs=(crowd.org_a, crowd.org_b),
                    tag=f" #{n}-{rng.randrange(10**6)}",
                ),
            )
        else:
            email = rng.choice(crowd.people)
            attempt(tally, "record_hours", lambda: record_hours(db, actors[email], crowd, 100 + n))
    else:
        raise ValueError(f"unknown role {role!r}")


def _churn(db: Database, crowd: Crowd, actors: dict[str, Actor], rng: random.Random, tally: Tally) -> None:
    """A volunteer answers: accepts or declines a proposal, or withdraws from a place or the waitlist."""
    email = rng.choice(crowd.people)
    person = actors[email]
    with db.read() as s:
        mine = s.execute(
            select(Signup.id, Signup.status).where(
                Signup.person_id == person.person_id,
                Signup.status.in_([SignupStatus.PROPOSED, SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]),
            )
        ).all()
    if not mine:
        return
    signup_id, status = rng.choice(mine)
    if status is SignupStatus.PROPOSED and rng.random() < 0.6:
        attempt(tally, "accept", lambda: signups.set_status(db, person, signup_id, SignupStatus.CONFIRMED))
    elif status is SignupStatus.PROPOSED and rng.random() < 0.5:
        attempt(tally, "decline", lambda: signups.set_status(db, person, signup_id, SignupStatus.DECLINED))
    else:
        attempt(tally, "withdraw", lambda: signups.withdraw(db, person, signup_id=signup_id))


def run_worker(
    role: str, db: Database, crowd: Crowd, actors: dict[str, Actor], *, seed: int, more: Callable[[int], bool]
) -> Tally:
    """Steps of ``role`` while ``more(steps done)`` says so."""
    rng = random.Random(seed)
    tally = Tally()
    n = 0
    while more(n):
        step(role, db, crowd, actors, rng, tally, n)
        n += 1
    return tally


# --------------------------------------------------------------------------- the checks afterwards


def double_bookings(db: Database) -> list[tuple[Any, ...]]:
    """Pairs of places one person holds at overlapping times (any organisations): (person, signup, signup)."""
    with db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                text(f"""
            SELECT a.person_id, a.id, b.id FROM signup a
            JOIN signup b ON b.person_id = a.person_id AND b.id > a.id
            WHERE a.status IN {ACTIVE_SQL} AND b.status IN {ACTIVE_SQL}
              AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
            ORDER BY a.person_id, a.id, b.id""")
            )
        ]


def overfilled(db: Database) -> list[tuple[Any, ...]]:
    """Occurrences holding more places than the task has: (occurrence, slots, held)."""
    with db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                text(f"""
            SELECT o.id, t.slots, COUNT(s.id) FROM task_occurrence o
            JOIN task t ON t.id = o.task_id
            JOIN signup s ON s.occurrence_id = o.id AND s.status IN {ACTIVE_SQL}
            GROUP BY o.id, t.slots HAVING COUNT(s.id) > t.slots ORDER BY o.id""")
            )
        ]


def decided_twice(db: Database) -> list[tuple[Any, ...]]:
    """Hours records with more than one ledger decision, or decided without one: (record, entries)."""
    with db.read() as s:
        twice = [
            tuple(r)
            for r in s.execute(
                text("""
            SELECT record_id, COUNT(*) FROM ledger_entry WHERE record_id IS NOT NULL
            GROUP BY record_id HAVING COUNT(*) > 1 ORDER BY record_id""")
            )
        ]
        unledgered = [
            tuple(r)
            for r in s.execute(
                text("""
            SELECT r.id, 0 FROM service_record r WHERE r.status <> 'pending'
              AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.record_id = r.id) ORDER BY r.id""")
            )
        ]
    return twice + unledgered
