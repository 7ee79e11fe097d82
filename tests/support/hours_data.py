"""Hours for the tests of the ledger, the queue and "this is wrong" requests (through the services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from tests.support.community import Community
from volunteer_app.domain.enums import SignupSource, SignupStatus, TaskStatus
from volunteer_app.services import hours, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, TaskOccurrence


def hour_now() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def past_occurrence(db: Database, coordinator: Actor, organisation_id: int, title: str, start: datetime,
                    minutes: int = 120) -> int:
    """A closed one-off task that ran at ``start``; its occurrence id."""
    task_id = tasks.create_task(
        db, coordinator,
        tasks.TaskInput(organisation_id=organisation_id, title=title, starts_at=start,
                        ends_at=start + timedelta(minutes=minutes), latitude=30.27, longitude=120.15,
                        slots=4, status=TaskStatus.CLOSED),
    )
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def signed_up(db: Database, person: Actor, occurrence_id: int) -> None:
    """A completed signup (as the roster would leave it), so the task counts as one they went to."""
    with db.transaction() as s:
        occ = s.get(TaskOccurrence, occurrence_id)
        assert occ is not None
        s.add(Signup(occurrence_id=occurrence_id, person_id=person.person_id, status=SignupStatus.COMPLETED,
                     source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.ends_at,
                     created_by_id=person.person_id))


def served(db: Database, recorder: Actor, person: Actor, occurrence_id: int, start: datetime,
           minutes: int = 120, credited: int | None = None, rule: dict[str, Any] | None = None) -> int:
    return hours.record_hours(
        db, recorder,
        hours.HoursInput(person_id=person.person_id, started_at=start, ended_at=start + timedelta(minutes=minutes),
                         occurrence_id=occurrence_id, credited_minutes=credited, credit_rule=rule),
    )


@dataclass
class Ledger:
    verified_recent: int  # 10 days ago, 2 h, org A
    verified_older: int  # ~2 months ago, 1.5 h, org A
    verified_b: int  # ~4 months ago, 3 h, org B
    rejected: int  # 20 days ago, org A, with a reason
    pending: int  # 3 days ago, org A
    corrected_old: int  # ~5 months ago, verified 1 h, then replaced...
    corrected_new: int  # ... by a 2 h correction, verified
    last_year: int  # ~400 days ago, verified 4 h, org A
    missed_occurrence: int  # a past task they signed up for, no record
    now: datetime


def ledger(db: Database, town: Community) -> Ledger:
    """The volunteer's year: verified, pending, rejected and corrected records in two organisations."""
    now = hour_now()
    vol, ca, cb = town.volunteer, town.coord_a, town.coord_b

    def at(days: int) -> datetime:
        return now - timedelta(days=days)

    occ = {d: past_occurrence(db, ca, town.org_a, f"Sort donations ({d} days ago)", at(d)) for d in (3, 10, 20, 60, 150, 400)}
    occ_b = past_occurrence(db, cb, town.org_b, "Pack food parcels", at(120), minutes=180)
    missed = past_occurrence(db, ca, town.org_a, "Paint the youth club", at(30))
    signed_up(db, vol, missed)

    verified_recent = served(db, vol, vol, occ[10], at(10))
    verified_older = served(db, vol, vol, occ[60], at(60), credited=90)
    verified_b = served(db, vol, vol, occ_b, at(120), minutes=180)
    rejected = served(db, vol, vol, occ[20], at(20))
    pending = served(db, vol, vol, occ[3], at(3), minutes=150)
    corrected_old = served(db, vol, vol, occ[150], at(150), minutes=60)
    last_year = served(db, vol, vol, occ[400], at(400), minutes=240)
    hours.verify_many(db, ca, [verified_recent, verified_older, corrected_old, last_year])
    hours.verify_hours(db, cb, verified_b)
    hours.reject_hours(db, ca, rejected, "You were not on the roster that day.")
    corrected_new = hours.correct_hours(
        db, ca, corrected_old,
        hours.HoursInput(person_id=vol.person_id, started_at=at(150), ended_at=at(150) + timedelta(hours=2),
                         occurrence_id=occ[150]),
    )
    hours.verify_hours(db, ca, corrected_new)
    return Ledger(verified_recent, verified_older, verified_b, rejected, pending, corrected_old, corrected_new,
                  last_year, missed, now)
