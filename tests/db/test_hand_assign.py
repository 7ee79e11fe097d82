"""Placing people by hand (the engine's rules, overridable with a reason, never a clash) and
accepting the engine's reviewed proposals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support.community import Community, build, shift
from volunteer_app.domain.enums import Role, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, hand_assign, signups, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import Conflict, InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AuditEvent,
    AvailabilitySlot,
    Notice,
    Signup,
    Skill,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

START, END = shift()  # 7 May 2030 (a Tuesday), 01:00-03:00 UTC = 09:00-11:00 in Shanghai
NOW = datetime(2030, 5, 1, tzinfo=UTC)


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        first_aid = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        for actor in (town.volunteer, town.other_volunteer):
            s.add(VolunteerProfile(person_id=actor.person_id, home_latitude=30.271, home_longitude=120.152,
                                   radius_km=10.0, timezone="Asia/Shanghai"))
        # vol@ is free on Tuesdays 08:00-12:00 (Shanghai) and knows first aid; vol.b@ only on Sunday mornings.
        s.add(AvailabilitySlot(person_id=town.volunteer.person_id, weekday=1, start_minute=8 * 60,
                               end_minute=12 * 60))
        s.add(AvailabilitySlot(person_id=town.other_volunteer.person_id, weekday=6, start_minute=8 * 60,
                               end_minute=9 * 60))
        s.add(VolunteerSkill(person_id=town.volunteer.person_id, skill_id=first_aid, level=3))
    accounts.grant_role(db, town.admin, "vol.b@example.org", town.org_a, Role.VOLUNTEER)
    return town


def occurrence_of(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def add_task(db: Database, town: Community, title: str, start: datetime, hours: int = 2, **kw: object) -> int:
    task = tasks.create_task(
        db, town.coord_a,
        tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start, ends_at=start + timedelta(hours=hours),
                        latitude=30.272, longitude=120.153, slots=2, status=TaskStatus.OPEN, **kw),  # type: ignore[arg-type]
    )
    return occurrence_of(db, task)


def signup_of(db: Database, occ: int, person: Actor) -> Signup | None:
    with db.read() as s:
        return s.scalars(
            select(Signup).where(Signup.occurrence_id == occ, Signup.person_id == person.person_id)
        ).one_or_none()


def test_a_volunteer_who_fits_is_proposed_without_a_reason_and_told(db: Database, town: Community) -> None:
    occ = add_task(db, town, "First aid post", START, requires={"first_aid": 2})
    check = hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol@example.org")
    assert check.allowed and not check.needs_override
    signup_id = hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org")
    row = signup_of(db, occ, town.volunteer)
    assert row is not None and row.id == signup_id
    assert row.status is SignupStatus.PROPOSED and row.source is SignupSource.COORDINATOR
    assert row.override_reason is None
    with db.read() as s:
        assert s.scalars(select(Notice.kind).where(Notice.person_id == town.volunteer.person_id)).all() == ["proposal"]
        assert s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)).one() == (
            "signup.assign_by_hand"
        )


def test_missing_skills_need_a_stated_reason_which_is_kept(db: Database, town: Community) -> None:
    occ = add_task(db, town, "First aid post", START, requires={"first_aid": 4, "driving": 1})
    check = hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol@example.org")
    assert [(m.key, m.has, m.needs) for m in check.missing_skills] == [("driving", 0, 1), ("first_aid", 3, 4)]
    with pytest.raises(InvalidInput, match="lacks skills the task needs") as caught:
        hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org", override_reason="   ")
    assert caught.value.field == "override_reason"
    assert "First aid 3/4" in str(caught.value)
    assert signup_of(db, occ, town.volunteer) is None
    hand_assign.assign_by_hand(
        db, town.coord_a, occ, "vol@example.org", override_reason="Trained nurse; certificate pending", confirmed=True
    )
    row = signup_of(db, occ, town.volunteer)
    assert row is not None and row.status is SignupStatus.CONFIRMED
    assert row.override_reason == "Trained nurse; certificate pending"


def test_outside_free_time_needs_a_reason(db: Database, town: Community) -> None:
    occ = add_task(db, town, "Evening shift", START + timedelta(hours=10))  # 19:00 in Shanghai
    with pytest.raises(InvalidInput, match="is not free"):
        hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org")
    # vol.b@ is not free then and lacks first aid: the message names both.
    occ2 = add_task(db, town, "First aid too", START, requires={"first_aid": 1})
    with pytest.raises(InvalidInput, match=r"lacks skills the task needs .* and is not free"):
        hand_assign.assign_by_hand(db, town.coord_a, occ2, "vol.b@example.org")
    hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org", override_reason="Said yes on the phone")
    row = signup_of(db, occ, town.volunteer)
    assert row is not None and row.override_reason == "Said yes on the phone"


def test_a_clash_is_refused_even_with_a_reason(db: Database, town: Community) -> None:
    first = add_task(db, town, "Morning", START)
    overlapping = add_task(db, town, "Overlapping", START + timedelta(hours=1))
    hand_assign.assign_by_hand(db, town.coord_a, first, "vol@example.org", confirmed=True)
    check = hand_assign.check_hand_assignment(db, town.coord_a, overlapping, "vol@example.org")
    assert check.clash is not None and check.clash.title == "Morning" and not check.allowed
    with pytest.raises(Conflict, match="clash cannot be overridden"):
        hand_assign.assign_by_hand(
            db, town.coord_a, overlapping, "vol@example.org", override_reason="They promised to run", confirmed=True
        )
    assert signup_of(db, overlapping, town.volunteer) is None
    # Right after it is no clash.
    after = add_task(db, town, "Right after", START + timedelta(hours=2))
    hand_assign.assign_by_hand(db, town.coord_a, after, "vol@example.org", override_reason="A long day")
    with pytest.raises(Conflict, match="already"):
        hand_assign.assign_by_hand(db, town.coord_a, after, "vol@example.org", override_reason="Again")


def test_a_flexible_task_picks_the_first_start_that_breaks_nothing(db: Database, town: Community) -> None:
    # Window 06:00-14:00 Shanghai; vol@ is free from 08:00 but holds 09:00-10:00 already.
    busy = add_task(db, town, "Busy hour", START, hours=1)
    hand_assign.assign_by_hand(db, town.coord_a, busy, "vol@example.org", confirmed=True)
    occ = add_task(db, town, "Flexible", START - timedelta(hours=3), hours=8, kind=TaskKind.FLEXIBLE, minutes=60)
    check = hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol@example.org")
    assert check.start == START - timedelta(hours=1)  # 08:00 Shanghai
    assert check.allowed and not check.not_free
    hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org")
    row = signup_of(db, occ, town.volunteer)
    assert row is not None and row.starts_at == START - timedelta(hours=1)
    # A start that clashes is refused; one off the 15-minute steps too.
    with pytest.raises(InvalidInput, match="15-minute steps"):
        hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol.b@example.org", START + timedelta(minutes=7))


def test_only_the_organisations_coordinators_assign_by_hand(db: Database, town: Community) -> None:
    occ = add_task(db, town, "Morning", START)
    for actor in (town.volunteer, town.coord_b, None):
        with pytest.raises(PermissionDenied):
            hand_assign.assign_by_hand(db, actor, occ, "vol@example.org", override_reason="x")


# --------------------------------------------------------------------------- engine proposals


def test_reviewed_proposals_are_stored_exactly_and_unfilled_slots_say_why(db: Database, town: Community) -> None:
    occ = add_task(db, town, "First aid post", START, requires={"first_aid": 2})
    nobody = add_task(db, town, "Drivers wanted", START + timedelta(days=1), requires={"driving": 1})
    review = hand_assign.review_assignments(db, town.coord_a, town.org_a, NOW, NOW + timedelta(days=14))
    assert [(p.proposal.name, p.proposal.occurrence_id) for p in review.proposals] == [("vol", occ)]
    assert review.proposals[0].timezone == "Asia/Shanghai"
    assert "Tue 7 May 2030" in review.proposals[0].time_text()
    open_by_occ = {o.occurrence_id: o for o in review.open_slots}
    assert open_by_occ[nobody].open == 2
    assert open_by_occ[nobody].reasons == {"no_volunteer_with_skills": 2}
    assert open_by_occ[occ].open == 1  # vol.b@ has no first aid
    with db.read() as s:
        assert s.scalars(select(Signup)).all() == []  # a review stores nothing
    stored = hand_assign.apply_proposals(db, town.coord_a, town.org_a, [p.proposal for p in review.proposals])
    assert stored == 1
    row = signup_of(db, occ, town.volunteer)
    assert row is not None and row.status is SignupStatus.PROPOSED and row.source is SignupSource.ENGINE


def test_a_proposal_that_no_longer_fits_stores_nothing(db: Database, town: Community) -> None:
    occ = add_task(db, town, "First aid post", START, requires={"first_aid": 2})
    other = add_task(db, town, "Sorting", START + timedelta(days=2))
    with db.transaction() as s:  # vol.b@ free on Thursdays, so the engine places them on "Sorting"
        s.add(AvailabilitySlot(person_id=town.other_volunteer.person_id, weekday=3, start_minute=0, end_minute=1440))
    review = hand_assign.review_assignments(db, town.coord_a, town.org_a, NOW, NOW + timedelta(days=14))
    assert {p.proposal.occurrence_id for p in review.proposals} == {occ, other}
    # Meanwhile vol@ took a place at the same time elsewhere.
    elsewhere = add_task(db, town, "Elsewhere", START)
    with db.transaction() as s:
        signups.place(s, town.coord_a, elsewhere, town.volunteer.person_id,
                      status=SignupStatus.CONFIRMED, source=SignupSource.COORDINATOR)
    with pytest.raises(Conflict, match="since the engine ran"):
        hand_assign.apply_proposals(db, town.coord_a, town.org_a, [p.proposal for p in review.proposals])
    assert signup_of(db, occ, town.volunteer) is None
    assert signup_of(db, other, town.other_volunteer) is None  # all or nothing
    # Only the organisation's coordinators store them, and only for its own tasks.
    with pytest.raises(PermissionDenied):
        hand_assign.apply_proposals(db, town.coord_b, town.org_a, [])
    keep = [p.proposal for p in review.proposals if p.proposal.occurrence_id == other]
    assert hand_assign.apply_proposals(db, town.coord_a, town.org_a, keep) == 1
