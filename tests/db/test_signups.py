"""A volunteer signs up, is refused with one sentence, joins the waitlist, withdraws (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import Community, build
from volunteer_app.domain.enums import AvailabilityKind, SignupStatus, TaskKind, TaskStatus
from volunteer_app.domain.timefmt import task_time_text
from volunteer_app.services import accounts, signups, tasks
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AuditEvent,
    AvailabilityException,
    AvailabilitySlot,
    Notice,
    Signup,
    Skill,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # Tuesday 7 May, 08:00 in Hangzhou
PASSWORD = "correct horse 42"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with tiny parameters: the community signs in five people (real hashing is slow here)."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    for actor in (town.volunteer, town.other_volunteer, town.coord_a):
        free_from(db, actor.person_id, [(d, 8 * 60, 20 * 60) for d in range(7)])  # 08:00-20:00 local, daily
    return town


def free_from(db: Database, person_id: int, weekly: list[tuple[int, int, int]]) -> None:
    with db.transaction() as s:
        if s.get(VolunteerProfile, person_id) is None:
            s.add(VolunteerProfile(person_id=person_id, home_latitude=30.27, home_longitude=120.15, radius_km=10,
                                   timezone="Asia/Shanghai"))
        s.add_all(AvailabilitySlot(person_id=person_id, weekday=d, start_minute=a, end_minute=b) for d, a, b in weekly)


def add_task(db: Database, town: Community, title: str, start: datetime, hours: float = 2, **kw: object) -> int:
    """An open task of organisation A; returns its (only) occurrence id."""
    data = tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start,
                           ends_at=start + timedelta(hours=hours), latitude=30.272, longitude=120.153,
                           status=TaskStatus.OPEN, **kw)  # type: ignore[arg-type]
    task_id = tasks.create_task(db, town.coord_a, data)
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def signup_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(Signup.id))) or 0)


def test_a_fixed_task_is_confirmed_and_audited(db: Database, town: Community) -> None:
    occ = add_task(db, town, "Sort donations at noon", DAY + timedelta(hours=4))  # 12:00-14:00 local
    outcome = signups.sign_up_outcome(db, town.volunteer, occ, now=NOW)
    assert outcome.status is SignupStatus.CONFIRMED and outcome.position is None
    assert outcome.starts_at == DAY + timedelta(hours=4) and outcome.timezone == "Asia/Shanghai"
    with db.read() as s:
        row = s.scalars(select(Signup).where(Signup.occurrence_id == occ)).one()
        assert row.person_id == town.volunteer.person_id and row.queued_at is None
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.action == "signup.place",
                                                    AuditEvent.entity_id == str(row.id))) is not None


def test_a_flexible_task_takes_a_start_on_the_grid(db: Database, town: Community) -> None:
    occ = add_task(db, town, "Phone round", DAY + timedelta(hours=1), hours=4, kind=TaskKind.FLEXIBLE, minutes=60,
                   slots=2)
    start = DAY + timedelta(hours=2, minutes=15)
    outcome = signups.sign_up_outcome(db, town.volunteer, occ, start, now=NOW)
    assert outcome.status is SignupStatus.CONFIRMED
    assert (outcome.starts_at, outcome.ends_at) == (start, start + timedelta(hours=1))
    # A start without an offset is read on the task's own clock (Hangzhou): 10:30 there is 02:30 UTC.
    assert signups.sign_up(db, town.other_volunteer, occ, datetime(2030, 5, 7, 10, 30), now=NOW) \
        is SignupStatus.CONFIRMED
    with db.read() as s:
        theirs = s.scalars(select(Signup).where(Signup.person_id == town.other_volunteer.person_id)).one()
    assert theirs.starts_at == DAY + timedelta(hours=2, minutes=30)


@pytest.mark.parametrize(
    ("start", "words"),
    [
        (DAY + timedelta(hours=2, minutes=10), ["10:10", "15-minute steps", "10:00", "10:15"]),
        (DAY + timedelta(hours=4, minutes=30), ["12:30", "outside the task's window", "09:00", "12:00"]),
        (DAY, ["08:00", "outside the task's window"]),
        (None, ["'Phone round' is flexible", "09:00", "12:00"]),
    ],
)
def test_a_flexible_start_off_the_grid_or_window_is_refused(
    db: Database, town: Community, start: datetime | None, words: list[str]
) -> None:
    occ = add_task(db, town, "Phone round", DAY + timedelta(hours=1), hours=4, kind=TaskKind.FLEXIBLE, minutes=60)
    with pytest.raises(InvalidInput) as refused:
        signups.sign_up(db, town.volunteer, occ, start, now=NOW)
    assert refused.value.field == "start"
    message = str(refused.value)
    assert all(w in message for w in words), message
    assert message.count(".") <= 2 and "\n" not in message  # one sentence
    assert signup_count(db) == 0


def test_a_clash_with_a_held_signup_is_refused_naming_it(db: Database, town: Community) -> None:
    first = add_task(db, town, "Morning market", DAY + timedelta(hours=2))  # 10:00-12:00 local
    second = add_task(db, town, "Library hour", DAY + timedelta(hours=3), hours=1)  # 11:00-12:00
    signups.sign_up(db, town.volunteer, first, now=NOW)
    with pytest.raises(Conflict) as refused:
        signups.sign_up(db, town.volunteer, second, now=NOW)
    when = task_time_text(DAY + timedelta(hours=2), DAY + timedelta(hours=4), "Asia/Shanghai")
    assert "Morning market" in str(refused.value) and when in str(refused.value)
    assert signup_count(db) == 1
    # A place that ends when the other begins is no clash.
    after = add_task(db, town, "Afternoon market", DAY + timedelta(hours=4))
    assert signups.sign_up(db, town.volunteer, after, now=NOW) is SignupStatus.CONFIRMED


def test_outside_free_time_is_refused_and_away_and_extra_count(db: Database, town: Community) -> None:
    late = add_task(db, town, "Evening shift", DAY + timedelta(hours=13))  # 21:00-23:00 local
    with pytest.raises(Conflict) as refused:
        signups.sign_up(db, town.volunteer, late, now=NOW)
    when = task_time_text(DAY + timedelta(hours=13), DAY + timedelta(hours=15), "Asia/Shanghai")
    assert when in str(refused.value) and "free hours" in str(refused.value)
    with db.transaction() as s:  # extra free time that evening
        s.add(AvailabilityException(person_id=town.volunteer.person_id, kind=AvailabilityKind.EXTRA,
                                    starts_at=DAY + timedelta(hours=12), ends_at=DAY + timedelta(hours=16)))
    assert signups.sign_up(db, town.volunteer, late, now=NOW) is SignupStatus.CONFIRMED
    noon = add_task(db, town, "Noon shift", DAY + timedelta(days=1, hours=4))  # Wednesday 12:00 local
    with db.transaction() as s:  # away that whole day
        s.add(AvailabilityException(person_id=town.volunteer.person_id, kind=AvailabilityKind.AWAY,
                                    starts_at=DAY + timedelta(days=1), ends_at=DAY + timedelta(days=2)))
    with pytest.raises(Conflict):
        signups.sign_up(db, town.volunteer, noon, now=NOW)
    assert signup_count(db) == 1


def test_someone_who_never_gave_free_hours_is_not_held_to_them(db: Database, town: Community) -> None:
    accounts.create_account(db, town.admin, "new@example.org", "Newcomer", PASSWORD)
    newcomer = accounts.sign_in(db, "new@example.org", PASSWORD)
    late = add_task(db, town, "Evening shift", DAY + timedelta(hours=13))
    assert signups.sign_up(db, newcomer, late, now=NOW) is SignupStatus.CONFIRMED


def test_closed_cancelled_started_and_draft_tasks_are_refused(db: Database, town: Community) -> None:
    occ = add_task(db, town, "Soon closed", DAY + timedelta(hours=2))
    with db.read() as s:
        task_id = s.get(TaskOccurrence, occ).task_id  # type: ignore[union-attr]
    tasks.set_status(db, town.coord_a, task_id, TaskStatus.CLOSED)
    with pytest.raises(Conflict) as closed:
        signups.sign_up(db, town.volunteer, occ, now=NOW)
    assert "'Soon closed' is no longer open" in str(closed.value)
    cancelled = add_task(db, town, "Rained off", DAY + timedelta(hours=5))
    with db.transaction() as s:
        s.get(TaskOccurrence, cancelled).is_cancelled = True  # type: ignore[union-attr]
    with pytest.raises(Conflict) as gone:
        signups.sign_up(db, town.volunteer, cancelled, now=NOW)
    assert "Rained off" in str(gone.value) and "cancelled" in str(gone.value)
    started = add_task(db, town, "Under way", DAY + timedelta(hours=6))
    with pytest.raises(Conflict) as late:
        signups.sign_up(db, town.volunteer, started, now=DAY + timedelta(hours=6, minutes=5))
    assert "too late" in str(late.value) and "14:00" in str(late.value)
    data = tasks.TaskInput(organisation_id=town.org_a, title="Draft", starts_at=DAY, ends_at=DAY + timedelta(hours=1))
    draft_task = tasks.create_task(db, town.coord_a, data)
    with db.read() as s:
        draft = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == draft_task)).one()
    with pytest.raises(NotFound):
        signups.sign_up(db, town.volunteer, draft, now=NOW)
    assert signup_count(db) == 0


def test_a_missing_skill_is_refused_naming_the_level(db: Database, town: Community) -> None:
    occ = add_task(db, town, "First aid post", DAY + timedelta(hours=2), requires={"first_aid": 3})
    with pytest.raises(Conflict) as refused:
        signups.sign_up(db, town.volunteer, occ, now=NOW)
    assert "First aid at level 3" in str(refused.value) and "your level is 0" in str(refused.value)
    with db.transaction() as s:
        skill = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        s.add(VolunteerSkill(person_id=town.volunteer.person_id, skill_id=skill, level=3))
    assert signups.sign_up(db, town.volunteer, occ, now=NOW) is SignupStatus.CONFIRMED


def test_full_means_waitlisted_in_order_and_twice_is_refused(db: Database, town: Community) -> None:
    occ = add_task(db, town, "One place", DAY + timedelta(hours=2), slots=1)
    assert signups.sign_up(db, town.coord_a, occ, now=NOW) is SignupStatus.CONFIRMED
    first = signups.sign_up_outcome(db, town.volunteer, occ, now=NOW)
    second = signups.sign_up_outcome(db, town.other_volunteer, occ, now=NOW + timedelta(minutes=1))
    assert (first.status, first.position) == (SignupStatus.WAITLISTED, 1)
    assert (second.status, second.position) == (SignupStatus.WAITLISTED, 2)
    with db.read() as s:
        assert s.get(Signup, first.signup_id).queued_at == NOW  # type: ignore[union-attr]
    with pytest.raises(Conflict) as twice:
        signups.sign_up(db, town.volunteer, occ, now=NOW)
    assert "already on the waitlist for 'One place'" in str(twice.value)
    with pytest.raises(Conflict):
        signups.sign_up(db, town.coord_a, occ, now=NOW)


def test_withdrawing_offers_the_place_to_the_first_waitlisted(db: Database, town: Community) -> None:
    occ = add_task(db, town, "One place", DAY + timedelta(hours=2), slots=1)
    signups.sign_up(db, town.coord_a, occ, now=NOW)
    first = signups.sign_up_outcome(db, town.volunteer, occ, now=NOW)
    second = signups.sign_up_outcome(db, town.other_volunteer, occ, now=NOW + timedelta(minutes=1))
    outcome = signups.withdraw(db, town.coord_a, occ, now=NOW)
    assert outcome.previous is SignupStatus.CONFIRMED and outcome.offered_to == town.volunteer.person_id
    with db.read() as s:
        offered = s.get(Signup, first.signup_id)
        assert offered is not None and offered.status is SignupStatus.PROPOSED and offered.queued_at is None
        notice = s.scalars(select(Notice).where(Notice.person_id == town.volunteer.person_id)).one()
        assert (notice.kind, notice.occurrence_id, notice.params["title"]) == ("waitlist_offer", occ, "One place")
        still = s.get(Signup, second.signup_id)
        assert still is not None and still.status is SignupStatus.WAITLISTED
        assert signups.waitlist_position(s, still) == 1
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"signup.withdraw", "signup.waitlist_offer"} <= actions
    # Withdrawing from the waitlist frees no place and offers nothing.
    out = signups.withdraw(db, town.other_volunteer, signup_id=second.signup_id, now=NOW)
    assert out.previous is SignupStatus.WAITLISTED and out.offered_to is None
    with pytest.raises(NotFound):
        signups.withdraw(db, town.other_volunteer, occ, now=NOW)
    # Signing up again after withdrawing brings the same row back.
    assert signups.sign_up(db, town.coord_a, occ, now=NOW) is SignupStatus.WAITLISTED


def test_the_offer_skips_someone_who_took_another_task_then(db: Database, town: Community) -> None:
    occ = add_task(db, town, "One place", DAY + timedelta(hours=2), slots=1)
    other = add_task(db, town, "Same time elsewhere", DAY + timedelta(hours=2))
    signups.sign_up(db, town.coord_a, occ, now=NOW)
    signups.sign_up(db, town.volunteer, occ, now=NOW)  # waitlisted first
    signups.sign_up(db, town.other_volunteer, occ, now=NOW + timedelta(minutes=1))  # second
    signups.sign_up(db, town.volunteer, other, now=NOW)  # now busy then
    outcome = signups.withdraw(db, town.coord_a, occ, now=NOW)
    assert outcome.offered_to == town.other_volunteer.person_id


def test_declining_a_proposal_offers_the_place_to_the_waitlist(db: Database, town: Community) -> None:
    occ = add_task(db, town, "One place", DAY + timedelta(hours=2), slots=1)
    signups.sign_up(db, town.coord_a, occ, now=NOW)
    signups.sign_up(db, town.volunteer, occ, now=NOW)
    signups.withdraw(db, town.coord_a, occ, now=NOW)  # offered to the volunteer
    signups.sign_up(db, town.other_volunteer, occ, now=NOW)  # waitlisted behind the proposal
    with db.read() as s:
        proposal = s.scalars(select(Signup).where(Signup.person_id == town.volunteer.person_id)).one()
    signups.set_status(db, town.volunteer, proposal.id, SignupStatus.DECLINED)
    with db.read() as s:
        theirs = s.scalars(select(Signup).where(Signup.person_id == town.other_volunteer.person_id)).one()
    assert theirs.status is SignupStatus.PROPOSED
