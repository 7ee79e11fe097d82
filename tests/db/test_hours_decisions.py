"""Coordinators decide pending hours: the queue, verifying and rejecting a selection in one transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import PASSWORD, Community, build
from tests.support.hours_data import hour_now, past_occurrence, served
from volunteer_app.domain.enums import Role, ServiceStatus
from volunteer_app.services import accounts, hours, hours_ledger
from volunteer_app.services.errors import Conflict, InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, Notice, ServiceRecord


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def _statuses(db: Database, ids: list[int]) -> list[ServiceStatus]:
    with db.read() as s:
        return [s.get(ServiceRecord, i).status for i in ids]  # type: ignore[union-attr]


def _three_pending(db: Database, town: Community) -> list[int]:
    now = hour_now()
    occ = past_occurrence(db, town.coord_a, town.org_a, "Sort donations", now - timedelta(days=2))
    other = accounts.create_account(db, town.admin, "vol2@example.org", "Second Volunteer", PASSWORD)
    assert other
    accounts.grant_role(db, town.admin, "vol2@example.org", town.org_a, Role.VOLUNTEER)
    vol2 = accounts.sign_in(db, "vol2@example.org", PASSWORD)
    return [
        served(db, town.volunteer, town.volunteer, occ, now - timedelta(days=2)),
        served(db, vol2, vol2, occ, now - timedelta(days=2), minutes=90),
        served(db, town.coord_a, town.volunteer, occ, now - timedelta(days=1), minutes=30),
    ]


def test_the_queue_holds_pending_records_of_my_organisations_only(db: Database, town: Community) -> None:
    ids = _three_pending(db, town)
    occ_b = past_occurrence(db, town.coord_b, town.org_b, "Pack food parcels", hour_now() - timedelta(days=2))
    b = served(db, town.other_volunteer, town.other_volunteer, occ_b, hour_now() - timedelta(days=2))
    queue = hours_ledger.pending_records(db, town.coord_a)
    assert [r.id for r in queue.records] == ids and queue.total == 3
    assert queue.organisations == ["Riverside Community Centre"]
    assert queue.records[1].person_name == "Second Volunteer" and queue.records[1].credited_minutes == 90
    assert [r.id for r in hours_ledger.pending_records(db, town.coord_b).records] == [b]
    assert hours_ledger.pending_records(db, town.volunteer).records == []  # not a coordinator


def test_the_queue_leaves_out_my_own_and_replaced_records(db: Database, town: Community) -> None:
    accounts.grant_role(db, town.admin, town.coord_a.email, town.org_a, Role.VOLUNTEER)
    occ = past_occurrence(db, town.coord_a, town.org_a, "Sort donations", hour_now() - timedelta(days=2))
    own = served(db, town.coord_a, town.coord_a, occ, hour_now() - timedelta(days=2))
    theirs = served(db, town.volunteer, town.volunteer, occ, hour_now() - timedelta(days=2))
    fix = hours.correct_hours(db, town.coord_a, theirs, hours.HoursInput(
        person_id=town.volunteer.person_id, started_at=hour_now() - timedelta(days=2),
        ended_at=hour_now() - timedelta(days=2, hours=-1), occurrence_id=occ))
    queue = hours_ledger.pending_records(db, town.coord_a)
    assert [r.id for r in queue.records] == [fix]
    assert own not in [r.id for r in queue.records]
    with pytest.raises(Conflict, match="replaced by record"):
        hours.verify_hours(db, town.coord_a, theirs)


def test_verify_a_selection_in_one_go_with_notices(db: Database, town: Community) -> None:
    ids = _three_pending(db, town)
    assert hours.verify_many(db, town.coord_a, ids[:2]) == 2
    assert _statuses(db, ids) == [ServiceStatus.VERIFIED, ServiceStatus.VERIFIED, ServiceStatus.PENDING]
    with db.read() as s:
        notices = s.scalars(select(Notice).where(Notice.person_id == town.volunteer.person_id)).all()
        assert [n.kind for n in notices] == [hours.HOURS_VERIFIED]
        assert notices[0].params["title"] == "Sort donations" and notices[0].params["minutes"] == 120
        assert notices[0].params["organisation"] == "Riverside Community Centre"
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "hours.verified")) == 2
        record = s.get(ServiceRecord, ids[0])
        assert record is not None and record.decided_by_id == town.coord_a.person_id and record.decided_at


def test_reject_a_selection_needs_a_reason_and_tells_why(db: Database, town: Community) -> None:
    ids = _three_pending(db, town)
    with pytest.raises(InvalidInput, match="Say why"):
        hours.reject_many(db, town.coord_a, ids, "   ")
    assert _statuses(db, ids) == [ServiceStatus.PENDING] * 3
    assert hours.reject_many(db, town.coord_a, [ids[0], ids[2]], " Not on the roster ") == 2
    assert _statuses(db, ids) == [ServiceStatus.REJECTED, ServiceStatus.PENDING, ServiceStatus.REJECTED]
    with db.read() as s:
        record = s.get(ServiceRecord, ids[0])
        assert record is not None and record.decision_reason == "Not on the roster"
        kinds = s.scalars(select(Notice.kind).where(Notice.person_id == town.volunteer.person_id)).all()
        assert kinds == [hours.HOURS_REJECTED, hours.HOURS_REJECTED]
        assert s.scalars(select(Notice.params)).first()["reason"] == "Not on the roster"  # type: ignore[index]


def test_a_selection_is_all_or_nothing(db: Database, town: Community) -> None:
    ids = _three_pending(db, town)
    hours.verify_hours(db, town.coord_a, ids[1])
    with pytest.raises(Conflict, match=f"Record {ids[1]} was verified already"):
        hours.verify_many(db, town.coord_a, ids)
    assert _statuses(db, ids) == [ServiceStatus.PENDING, ServiceStatus.VERIFIED, ServiceStatus.PENDING]
    with db.read() as s:
        assert s.scalar(select(func.count(Notice.id))) == 1  # only the single verification's


def test_nobody_verifies_their_own_hours_even_in_a_selection(db: Database, town: Community) -> None:
    accounts.grant_role(db, town.admin, town.coord_a.email, town.org_a, Role.VOLUNTEER)
    ids = _three_pending(db, town)
    occ = past_occurrence(db, town.coord_a, town.org_a, "Own stint", hour_now() - timedelta(days=4))
    own = served(db, town.coord_a, town.coord_a, occ, hour_now() - timedelta(days=4))
    with pytest.raises(PermissionDenied, match="own hours"):
        hours.verify_many(db, town.coord_a, [*ids, own])
    assert _statuses(db, [*ids, own]) == [ServiceStatus.PENDING] * 4


def test_another_organisations_coordinator_is_refused(db: Database, town: Community) -> None:
    ids = _three_pending(db, town)
    with pytest.raises(PermissionDenied, match="Riverside"):
        hours.verify_many(db, town.coord_b, ids)
    with pytest.raises(PermissionDenied):
        hours.reject_many(db, town.coord_b, ids[:1], "not mine")
    with pytest.raises(PermissionDenied):
        hours.verify_many(db, town.volunteer, ids[1:2])
    assert _statuses(db, ids) == [ServiceStatus.PENDING] * 3


def test_an_empty_selection_is_refused(db: Database, town: Community) -> None:
    with pytest.raises(InvalidInput, match="at least one"):
        hours.verify_many(db, town.coord_a, [])
