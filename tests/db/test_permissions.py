"""The trust rules, proven on both SQLite and PostgreSQL through the service layer."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.support.community import PASSWORD, Community, build, shift
from volunteer_app.domain.enums import Role, ServiceStatus, TaskStatus
from volunteer_app.services import accounts, browse, hours, organisations, signups, tasks
from volunteer_app.services.errors import Conflict, InvalidCredentials, NotFound, NotSignedIn, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, ServiceRecord, TaskOccurrence


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def _occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def _hours_for(db: Database, actor: accounts.Actor, person: accounts.Actor, task_id: int) -> int:
    start, end = shift(days=-10)
    return hours.record_hours(
        db, actor,
        hours.HoursInput(person_id=person.person_id, started_at=start, ended_at=end,
                         occurrence_id=_occurrence(db, task_id)),
    )


def test_volunteer_cannot_verify_anyones_hours(db: Database, town: Community) -> None:
    own = _hours_for(db, town.volunteer, town.volunteer, town.task_a)
    others = _hours_for(db, town.coord_a, town.coord_a, town.task_a)
    for record in (own, others):
        with pytest.raises(PermissionDenied):
            hours.verify_hours(db, town.volunteer, record)
        with pytest.raises(PermissionDenied):
            hours.reject_hours(db, town.volunteer, record, "no")
    with db.read() as s:
        assert {r.status for r in s.scalars(select(ServiceRecord))} == {ServiceStatus.PENDING}


def test_coordinator_verifies_own_organisations_hours_only(db: Database, town: Community) -> None:
    record_a = _hours_for(db, town.volunteer, town.volunteer, town.task_a)
    record_b = _hours_for(db, town.other_volunteer, town.other_volunteer, town.task_b)
    with pytest.raises(PermissionDenied, match="Hillside Food Bank"):
        hours.verify_hours(db, town.coord_a, record_b)
    with pytest.raises(PermissionDenied):
        hours.reject_hours(db, town.coord_a, record_b, "not ours")
    hours.verify_hours(db, town.coord_a, record_a)
    with db.read() as s:
        a = s.get(ServiceRecord, record_a)
        b = s.get(ServiceRecord, record_b)
        assert a is not None and b is not None
        assert a.status is ServiceStatus.VERIFIED and a.decided_by_id == town.coord_a.person_id
        assert b.status is ServiceStatus.PENDING
    assert hours.verified_minutes(db, town.volunteer, town.volunteer.person_id) == 120


def test_coordinator_cannot_change_another_organisations_tasks(db: Database, town: Community) -> None:
    theirs = tasks.get_task(db, town.coord_b, town.task_b)
    changed = tasks.TaskInput(**{**theirs.__dict__, "title": "Hijacked"})
    with pytest.raises(PermissionDenied):
        tasks.update_task(db, town.coord_a, town.task_b, changed)
    with pytest.raises(PermissionDenied):
        tasks.set_status(db, town.coord_a, town.task_b, TaskStatus.CANCELLED)
    start, end = shift()
    with pytest.raises(PermissionDenied):
        tasks.create_task(db, town.coord_a, tasks.TaskInput(organisation_id=town.org_b, title="x",
                                                            starts_at=start, ends_at=end))
    with pytest.raises(PermissionDenied):
        tasks.update_task(db, town.volunteer, town.task_a, tasks.get_task(db, town.volunteer, town.task_a))
    after = tasks.get_task(db, town.coord_b, town.task_b)
    assert after.title == "Pack food parcels" and after.status is TaskStatus.OPEN
    # The rightful coordinator can, and the change is in the audit trail.
    tasks.update_task(db, town.coord_b, town.task_b, changed)
    assert tasks.get_task(db, town.coord_b, town.task_b).title == "Hijacked"
    with db.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "task"))]
    assert actions.count("task.update") == 1


def test_nobody_verifies_their_own_hours(db: Database, town: Community) -> None:
    own = _hours_for(db, town.coord_a, town.coord_a, town.task_a)
    with pytest.raises(PermissionDenied, match="own hours"):
        hours.verify_hours(db, town.coord_a, own)
    # Even a bug in the service could not store it: the database refuses too.
    with pytest.raises(IntegrityError), db.transaction() as s:
        record = s.get(ServiceRecord, own)
        assert record is not None
        record.status = ServiceStatus.VERIFIED
        record.decided_by_id = town.coord_a.person_id
        record.decided_at = record.created_at


def test_a_decided_record_is_corrected_by_a_new_one(db: Database, town: Community) -> None:
    record = _hours_for(db, town.volunteer, town.volunteer, town.task_a)
    hours.verify_hours(db, town.coord_a, record)
    with pytest.raises(Conflict):
        hours.reject_hours(db, town.coord_a, record, "changed my mind")
    start, end = shift(days=-10, hours=1)
    fix = hours.correct_hours(
        db, town.volunteer, record,
        hours.HoursInput(person_id=town.volunteer.person_id, started_at=start, ended_at=end,
                         occurrence_id=_occurrence(db, town.task_a)),
    )
    with pytest.raises(Conflict):  # the chain stays linear
        hours.correct_hours(db, town.volunteer, record, hours.HoursInput(
            person_id=town.volunteer.person_id, started_at=start, ended_at=end,
            occurrence_id=_occurrence(db, town.task_a)))
    hours.verify_hours(db, town.coord_a, fix)
    with db.read() as s:
        old = s.get(ServiceRecord, record)
        assert old is not None and old.status is ServiceStatus.VERIFIED and old.credited_minutes == 120
    assert hours.verified_minutes(db, town.volunteer, town.volunteer.person_id) == 60


def test_signed_out_session_can_only_sign_in(db: Database, town: Community) -> None:
    start, end = shift()
    calls = [
        lambda: tasks.create_task(db, None, tasks.TaskInput(organisation_id=town.org_a, title="x",
                                                           starts_at=start, ends_at=end)),
        lambda: tasks.get_task(db, None, town.task_a),
        lambda: tasks.set_status(db, None, town.task_a, TaskStatus.CLOSED),
        lambda: organisations.create_organisation(db, None, "New"),
        lambda: organisations.list_organisations(db, None),
        lambda: accounts.create_account(db, None, "x@example.org", "X", PASSWORD),
        lambda: accounts.grant_role(db, None, "vol@example.org", town.org_a, Role.ADMIN),
        lambda: hours.record_hours(db, None, hours.HoursInput(person_id=town.volunteer.person_id,
                                                              started_at=start, ended_at=end, activity="x",
                                                              organisation_id=town.org_a)),
        lambda: hours.verify_hours(db, None, 1),
        lambda: hours.verified_minutes(db, None, town.volunteer.person_id),
        lambda: signups.sign_up(db, None, _occurrence(db, town.task_a)),
        lambda: browse.fetch_tasks(db, None),
        lambda: browse.count_volunteers(db, None),
    ]
    for call in calls:
        with pytest.raises(NotSignedIn):
            call()
    with pytest.raises(InvalidCredentials):
        accounts.sign_in(db, "vol@example.org", "wrong password")
    with pytest.raises(InvalidCredentials):
        accounts.sign_in(db, "nobody@example.org", PASSWORD)
    assert accounts.sign_in(db, "VOL@example.org ", PASSWORD).person_id == town.volunteer.person_id


def test_first_admin_only_on_an_empty_database(db: Database, town: Community) -> None:
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(db, "intruder@example.org", "Intruder", PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.create_account(db, town.coord_a, "x@example.org", "X", PASSWORD)
    with pytest.raises(PermissionDenied):  # a coordinator is not an organisation admin
        accounts.grant_role(db, town.coord_a, "vol.b@example.org", town.org_a, Role.COORDINATOR)


def test_drafts_and_volunteer_lists_respect_roles(db: Database, town: Community) -> None:
    start, end = shift()
    tasks.create_task(db, town.coord_a, tasks.TaskInput(organisation_id=town.org_a, title="Draft plan",
                                                       starts_at=start, ends_at=end))
    assert "Draft plan" in [r.title for r in browse.fetch_tasks(db, town.coord_a)]
    assert "Draft plan" not in [r.title for r in browse.fetch_tasks(db, town.coord_b)]
    assert "Draft plan" not in [r.title for r in browse.fetch_tasks(db, town.volunteer)]
    draft = next(r.id for r in browse.fetch_tasks(db, town.coord_a) if r.title == "Draft plan")
    assert tasks.get_task(db, town.coord_a, draft).title == "Draft plan"
    for outsider in (town.coord_b, town.volunteer):
        with pytest.raises(NotFound):
            tasks.get_task(db, outsider, draft)
    assert [r.email for r in browse.fetch_volunteers(db, town.coord_a)] == ["vol@example.org"]
    assert browse.count_volunteers(db, town.admin) == 2
    with pytest.raises(PermissionDenied):
        browse.fetch_volunteers(db, town.volunteer)


def test_signups_fill_then_waitlist(db: Database, town: Community) -> None:
    occ = _occurrence(db, town.task_b)  # two slots
    assert signups.sign_up(db, town.other_volunteer, occ).value == "confirmed"
    assert signups.sign_up(db, town.volunteer, occ).value == "confirmed"
    assert signups.sign_up(db, town.coord_a, occ).value == "waitlisted"
    with pytest.raises(Conflict):
        signups.sign_up(db, town.volunteer, occ)
    rows = browse.fetch_tasks(db, town.coord_b, text="Pack food")
    assert [(r.title, r.filled, r.slots) for r in rows] == [("Pack food parcels", 2, 2)]
