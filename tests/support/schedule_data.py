"""A volunteer with a full schedule: confirmed stints, proposals, a waitlist place and a notice.

Built on ``community.build`` through the services where they exist. Everyone is free
all week (so the signups pass any free-time rule) and no two of the volunteer's stints
overlap. The waitlist queue is written with explicit ``queued_at`` times, so the
volunteer's place in it is known (3rd of 3, although their signup is the oldest row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from tests.support.community import Community
from volunteer_app.domain.enums import SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import notices, signups, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Organisation,
    Person,
    Signup,
    TaskOccurrence,
    VolunteerProfile,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # before every stint below
LATER = datetime(2030, 5, 11, 0, 0, tzinfo=UTC)  # after the first three stints


@dataclass
class Planned:
    read_occ: int  # confirmed, address, task contact person (coord.a)
    sort_occ: int  # confirmed (community task A), no address, the organisation's contact
    phone_occ: int  # confirmed flexible remote task in Berlin time
    garden_signup: int  # proposed by coord.a
    parcels_signup: int  # proposed by the engine (run by coord.a)
    cooking_signup: int  # waitlisted, 3rd of 3
    notice_id: int  # unread "task_cancelled"
    read_signup: int
    sort_signup: int
    phone_signup: int


def at(day: int, hour: int) -> datetime:
    return datetime(2030, 5, day, hour, 0, tzinfo=UTC)


def _occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def _task(db: Database, town: Community, title: str, start: datetime, hours: int = 2, **kw: object) -> int:
    data = tasks.TaskInput(
        organisation_id=town.org_a, title=title, starts_at=start, ends_at=start + timedelta(hours=hours),
        status=TaskStatus.OPEN, **kw,  # type: ignore[arg-type]
    )
    if not data.is_remote and data.latitude is None:
        data.latitude, data.longitude = 30.272, 120.153
    return _occurrence(db, tasks.create_task(db, town.coord_a, data))


def _signup_id(db: Database, occurrence_id: int, person_id: int) -> int:
    with db.read() as s:
        return s.scalars(
            select(Signup.id).where(Signup.occurrence_id == occurrence_id, Signup.person_id == person_id)
        ).one()


def plan(db: Database, town: Community) -> Planned:
    everyone = [town.volunteer, town.other_volunteer, town.coord_a, town.coord_b, town.admin]
    with db.transaction() as s:
        s.execute(
            update(Organisation).where(Organisation.id == town.org_a).values(
                person_in_charge="Ms Li", contact_phone="+86 571 8888 0000",
                contact_email="help@riverside.example.org",
            )
        )
        s.execute(update(Person).where(Person.id == town.coord_a.person_id).values(phone="+86 138 0000 0001"))
        for actor in everyone:
            s.add(VolunteerProfile(person_id=actor.person_id, home_latitude=30.271, home_longitude=120.152,
                                   radius_km=20.0, timezone="Asia/Shanghai"))
            s.add_all(AvailabilitySlot(person_id=actor.person_id, weekday=d, start_minute=0, end_minute=1440)
                      for d in range(7))
    me = town.volunteer
    read_occ = _task(db, town, "Read to children", at(10, 1), address="12 River Road, Hangzhou",
                     contact_person_id=town.coord_a.person_id, description="Bring a picture book.")
    sort_occ = _occurrence(db, town.task_a)
    phone_occ = _task(db, town, "Phone a lonely neighbour", at(8, 6), hours=6, is_remote=True,
                      kind=TaskKind.FLEXIBLE, minutes=60, timezone="Europe/Berlin")
    garden_occ = _task(db, town, "Garden clean-up", at(12, 1), hours=3, address="Riverside Park")
    parcels_occ = _task(db, town, "Deliver parcels", at(13, 1), address="5 Market Street")
    cooking_occ = _task(db, town, "Cooking class", at(14, 1), slots=1, address="Community kitchen")
    cancelled_occ = _task(db, town, "Clean the river bank", at(16, 1), address="River bank")

    assert signups.sign_up(db, me, read_occ) is SignupStatus.CONFIRMED
    assert signups.sign_up(db, me, sort_occ) is SignupStatus.CONFIRMED
    assert signups.sign_up(db, me, phone_occ, start=at(8, 7)) is SignupStatus.CONFIRMED
    assert signups.sign_up(db, town.other_volunteer, cooking_occ) is SignupStatus.CONFIRMED
    with db.transaction() as s:
        signups.place(s, town.coord_a, garden_occ, me.person_id,
                      status=SignupStatus.PROPOSED, source=SignupSource.COORDINATOR)
        signups.place(s, town.coord_a, parcels_occ, me.person_id,
                      status=SignupStatus.PROPOSED, source=SignupSource.ENGINE)
        # The waitlist: the volunteer's row is the oldest, yet they joined the queue last.
        for person, minutes in ((me, 30), (town.admin, 10), (town.coord_b, 20)):
            s.add(Signup(occurrence_id=cooking_occ, person_id=person.person_id, status=SignupStatus.WAITLISTED,
                         source=SignupSource.SELF, starts_at=at(14, 1), ends_at=at(14, 3),
                         created_by_id=person.person_id, queued_at=NOW + timedelta(minutes=minutes)))
            s.flush()
        notice_id = notices.notify(s, me.person_id, "task_cancelled", occurrence_id=cancelled_occ,
                                   organisation="Riverside Community Centre")
    return Planned(
        read_occ=read_occ, sort_occ=sort_occ, phone_occ=phone_occ,
        garden_signup=_signup_id(db, garden_occ, me.person_id),
        parcels_signup=_signup_id(db, parcels_occ, me.person_id),
        cooking_signup=_signup_id(db, cooking_occ, me.person_id),
        notice_id=notice_id,
        read_signup=_signup_id(db, read_occ, me.person_id),
        sort_signup=_signup_id(db, sort_occ, me.person_id),
        phone_signup=_signup_id(db, phone_occ, me.person_id),
    )
