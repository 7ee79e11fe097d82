"""What a volunteer reads about one task: contact, place and distance, time, places, skills, their signup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app.domain.enums import SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, signups, task_details, tasks
from volunteer_app.services.errors import NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Organisation,
    Skill,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # 08:00 in Hangzhou


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        org = s.get(Organisation, town.org_a)
        assert org is not None
        org.contact_email, org.contact_phone, org.person_in_charge = "desk@riverside.org", "0571-555", "Ms Lin"
        for person in (town.volunteer.person_id, town.other_volunteer.person_id):
            s.add(VolunteerProfile(person_id=person, home_latitude=30.27, home_longitude=120.15, radius_km=10,
                                   timezone="Asia/Shanghai"))
            # Free 09:00-11:00 local every day.
            s.add_all(AvailabilitySlot(person_id=person, weekday=d, start_minute=540, end_minute=660)
                      for d in range(7))
        first_aid = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        s.add(VolunteerSkill(person_id=town.volunteer.person_id, skill_id=first_aid, level=2))
    return town


def _occurrence(db: Database, town: Community, **kw: object) -> int:
    data = tasks.TaskInput(organisation_id=town.org_a, **kw)  # type: ignore[arg-type]
    task_id = tasks.create_task(db, town.coord_a, data)
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def test_a_fixed_task_in_full(db: Database, town: Community) -> None:
    occ = _occurrence(
        db, town, title="First aid post", description="Bring your kit.", category="health",
        starts_at=DAY + timedelta(hours=1), ends_at=DAY + timedelta(hours=3), address="1 River Road",
        latitude=30.28, longitude=120.15, slots=1, status=TaskStatus.OPEN, requires={"first_aid": 3, "driving": 1},
        contact_person_id=town.coord_a.person_id,
    )
    with db.transaction() as s:  # the two who sign up first have the skills
        ids = dict(s.execute(select(Skill.key, Skill.id)).all())
        s.add_all(VolunteerSkill(person_id=p, skill_id=ids[k], level=3)
                  for p in (town.coord_a.person_id, town.other_volunteer.person_id) for k in ("first_aid", "driving"))
    signups.sign_up(db, town.coord_a, occ, now=NOW)  # the only place
    signups.sign_up(db, town.other_volunteer, occ, now=NOW)  # waitlisted 1st
    detail = task_details.task_detail(db, town.volunteer, occ, now=NOW)
    assert (detail.title, detail.description, detail.category) == ("First aid post", "Bring your kit.", "health")
    assert detail.contact.organisation == "Riverside Community Centre"
    assert (detail.contact.email, detail.contact.phone, detail.contact.person_in_charge) == (
        "desk@riverside.org", "0571-555", "Ms Lin")
    assert detail.contact.task_contact_email == "coord.a@example.org"
    assert detail.address == "1 River Road" and not detail.is_remote
    assert detail.distance_km == pytest.approx(1.109, abs=0.01)  # 0.01 degree of latitude
    assert detail.timezone == "Asia/Shanghai" and detail.kind is TaskKind.FIXED and detail.minutes is None
    assert (detail.slots, detail.taken, detail.places_left, detail.waitlist) == (1, 1, 0, 1)
    assert [(n.key, n.needed, n.held, n.met) for n in detail.skills] == [
        ("driving", 1, 0, False), ("first_aid", 3, 2, False)]
    assert detail.mine is None and detail.start_choices == ()
    theirs = task_details.task_detail(db, town.other_volunteer, occ, now=NOW)
    assert theirs.mine is not None and theirs.mine.status is SignupStatus.WAITLISTED and theirs.mine.position == 1
    assert theirs.holds_place


def test_flexible_choices_fit_free_time_and_skip_clashes(db: Database, town: Community) -> None:
    occ = _occurrence(db, town, title="Phone round", starts_at=DAY, ends_at=DAY + timedelta(hours=6),
                      kind=TaskKind.FLEXIBLE, minutes=60, is_remote=True, slots=3, status=TaskStatus.OPEN)
    busy = _occurrence(db, town, title="Market", starts_at=DAY + timedelta(hours=1, minutes=30),
                       ends_at=DAY + timedelta(hours=2), latitude=30.27, longitude=120.15, status=TaskStatus.OPEN)
    signups.sign_up(db, town.volunteer, busy, now=NOW)  # 09:30-10:00 local
    detail = task_details.task_detail(db, town.volunteer, occ, now=NOW)
    assert detail.is_remote and detail.distance_km is None and detail.minutes == 60
    local = [f"{(c + timedelta(hours=8)):%H:%M}" for c in detail.start_choices]
    # Free 09:00-11:00, busy 09:30-10:00: only a 10:00 start leaves an hour.
    assert local == ["10:00"]
    other = task_details.task_detail(db, town.other_volunteer, occ, now=NOW)
    assert [f"{(c + timedelta(hours=8)):%H:%M}" for c in other.start_choices] == [
        "09:00", "09:15", "09:30", "09:45", "10:00"]


def test_drafts_are_only_for_their_coordinators(db: Database, town: Community) -> None:
    occ = _occurrence(db, town, title="Draft plan", starts_at=DAY, ends_at=DAY + timedelta(hours=1))
    assert task_details.task_detail(db, town.coord_a, occ, now=NOW).status is TaskStatus.DRAFT
    for outsider in (town.volunteer, town.coord_b):
        with pytest.raises(NotFound):
            task_details.task_detail(db, outsider, occ, now=NOW)
    with pytest.raises(NotFound):
        task_details.task_detail(db, town.volunteer, 99_999, now=NOW)
