"""'This is wrong': volunteers ask, coordinators accept (a correcting record) or decline (a reason)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import Community, build
from tests.support.hours_data import Ledger, ledger
from volunteer_app.domain.enums import RequestKind, RequestStatus, Role, ServiceStatus
from volunteer_app.services import accounts, hours, hours_ledger, hours_requests, notices
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, HoursRequest, Notice, ServiceRecord


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


def _record(db: Database, record_id: int) -> ServiceRecord:
    with db.read() as s:
        record = s.get(ServiceRecord, record_id)
        assert record is not None
        return record


def _request(db: Database, request_id: int) -> HoursRequest:
    with db.read() as s:
        request = s.get(HoursRequest, request_id)
        assert request is not None
        return request


def test_filing_a_request_waits_and_edits_nothing(db: Database, town: Community, year: Ledger) -> None:
    before = _record(db, year.verified_recent)
    start = before.started_at
    request_id = hours_requests.file_request(
        db, town.volunteer, year.verified_recent, RequestKind.TIME, " I stayed an hour longer. ",
        proposed_started_at=start, proposed_ended_at=start + timedelta(hours=3),
    )
    request = _request(db, request_id)
    assert request.status is RequestStatus.OPEN and request.message == "I stayed an hour longer."
    assert request.organisation_id == town.org_a and request.person_id == town.volunteer.person_id
    after = _record(db, year.verified_recent)
    assert (after.status, after.credited_minutes, after.ended_at) == (before.status, before.credited_minutes,
                                                                      before.ended_at)
    with db.read() as s:
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "hours_request.file")) == 1
    # the coordinators of A see it, those of B do not
    assert [r.id for r in hours_requests.open_requests(db, town.coord_a)] == [request_id]
    assert hours_requests.open_requests(db, town.coord_b) == []
    assert hours_requests.open_requests(db, town.volunteer) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"message": "  "}, InvalidInput, "Say what is wrong"),
        ({"kind": "bogus"}, InvalidInput, "not a kind"),
        ({"kind": "missing"}, InvalidInput, "not missing"),
        ({"proposed_end": True}, InvalidInput, "both the start and the end"),
    ],
)
def test_bad_requests_are_refused(
    db: Database, town: Community, year: Ledger, kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    args = {"kind": "time", "message": "wrong"} | kwargs
    extra = {"proposed_ended_at": year.now} if args.pop("proposed_end", False) else {}
    with pytest.raises(error, match=match):
        hours_requests.file_request(db, town.volunteer, year.pending, args["kind"], args["message"], **extra)  # type: ignore[arg-type]
    with db.read() as s:
        assert s.scalar(select(func.count(HoursRequest.id))) == 0


def test_one_open_request_per_record(db: Database, town: Community, year: Ledger) -> None:
    first = hours_requests.file_request(db, town.volunteer, year.pending, "time", "wrong end")
    with pytest.raises(Conflict, match="already"):
        hours_requests.file_request(db, town.volunteer, year.pending, "other", "and more")
    hours_requests.decline_request(db, town.coord_a, first, "The roster says 16:00.")
    second = hours_requests.file_request(db, town.volunteer, year.pending, "other", "Ask Ms Li, she saw me")
    assert second != first


def test_only_my_own_current_records(db: Database, town: Community, year: Ledger) -> None:
    with pytest.raises(NotFound):
        hours_requests.file_request(db, town.other_volunteer, year.pending, "time", "not mine")
    with pytest.raises(Conflict, match="replaced by record"):
        hours_requests.file_request(db, town.volunteer, year.corrected_old, "time", "old one")


def test_accepting_makes_a_correcting_record_and_leaves_the_old_one(
    db: Database, town: Community, year: Ledger
) -> None:
    old = _record(db, year.verified_recent)
    request_id = hours_requests.file_request(
        db, town.volunteer, year.verified_recent, "time", "I stayed until the end",
        proposed_started_at=old.started_at, proposed_ended_at=old.started_at + timedelta(hours=3),
    )
    view = hours_requests.open_requests(db, town.coord_a)[0]
    assert view.title.startswith("Sort donations") and view.credited_minutes == 120
    assert view.proposed_ended_at == old.started_at + timedelta(hours=3)
    new_id = hours_requests.accept_request(db, town.coord_a, request_id, minutes=170)
    new = _record(db, new_id)
    assert new.corrects_id == old.id and new.status is ServiceStatus.PENDING
    assert new.ended_at == old.started_at + timedelta(hours=3) and new.credited_minutes == 170
    assert new.created_by_id == town.coord_a.person_id
    untouched = _record(db, old.id)
    assert (untouched.status, untouched.credited_minutes, untouched.ended_at) == (
        ServiceStatus.VERIFIED, 120, old.ended_at)
    request = _request(db, request_id)
    assert request.status is RequestStatus.ACCEPTED and request.correction_id == new_id
    assert request.decided_by_id == town.coord_a.person_id
    with db.read() as s:
        notice = s.scalars(select(Notice).where(Notice.kind == hours.REQUEST_ACCEPTED)).one()
        assert notice.person_id == town.volunteer.person_id and notice.params["record_id"] == new_id
    text = notices.notice_text(notices.list_notices(db, town.volunteer)[0])
    assert text.startswith("Riverside Community Centre accepted your request about “Sort donations")
    # The new record waits in the queue; the old one is history now.
    assert new_id in [r.id for r in hours_ledger.pending_records(db, town.coord_a).records]
    mine = hours_ledger.my_records(db, town.volunteer)
    assert old.id in [r.id for r in mine.history]
    with pytest.raises(Conflict, match="accepted already"):
        hours_requests.decline_request(db, town.coord_a, request_id, "too late")


def test_accepting_with_the_times_as_they_were_keeps_the_credit(db: Database, town: Community, year: Ledger) -> None:
    request_id = hours_requests.file_request(db, town.volunteer, year.verified_older, "task", "It was the other day")
    new = _record(db, hours_requests.accept_request(db, town.coord_a, request_id))
    assert new.credited_minutes == 90 and new.corrects_id == year.verified_older


def test_accepting_a_missing_record_makes_a_new_pending_record(db: Database, town: Community, year: Ledger) -> None:
    request_id = hours_requests.file_request(
        db, town.volunteer, None, RequestKind.MISSING, "I was there all afternoon",
        occurrence_id=year.missed_occurrence,
    )
    with pytest.raises(Conflict, match="already"):
        hours_requests.file_request(db, town.volunteer, None, "missing", "again", occurrence_id=year.missed_occurrence)
    view = hours_requests.open_requests(db, town.coord_a)[0]
    assert view.record_id is None and view.title == "Paint the youth club" and view.credited_minutes == 120
    new = _record(db, hours_requests.accept_request(db, town.coord_a, request_id))
    assert new.occurrence_id == year.missed_occurrence and new.corrects_id is None
    assert new.status is ServiceStatus.PENDING and new.credited_minutes == 120
    assert new.person_id == town.volunteer.person_id
    with pytest.raises(Conflict, match="record for this task already"):
        hours_requests.file_request(db, town.volunteer, None, "missing", "again", occurrence_id=year.missed_occurrence)


def test_declining_needs_a_reason_and_tells_the_volunteer(db: Database, town: Community, year: Ledger) -> None:
    request_id = hours_requests.file_request(db, town.volunteer, year.rejected, "other", "I was there!")
    with pytest.raises(InvalidInput, match="Say why"):
        hours_requests.decline_request(db, town.coord_a, request_id, "")
    hours_requests.decline_request(db, town.coord_a, request_id, "The sign-in sheet does not have you.")
    request = _request(db, request_id)
    assert request.status is RequestStatus.DECLINED and request.correction_id is None
    assert request.decision_reason == "The sign-in sheet does not have you."
    assert _record(db, year.rejected).status is ServiceStatus.REJECTED
    with db.read() as s:
        notice = s.scalars(select(Notice).where(Notice.kind == hours.REQUEST_DECLINED)).one()
        assert notice.params["reason"] == "The sign-in sheet does not have you."
    text = notices.notice_text(notices.list_notices(db, town.volunteer)[0])
    assert text.endswith("declined your request about “Sort donations (20 days ago)”: The sign-in sheet does not have you.")
    mine = hours_ledger.my_records(db, town.volunteer)
    record = next(r for r in mine.records if r.id == year.rejected)
    assert record.request is not None and record.request.status is RequestStatus.DECLINED
    assert not record.has_open_request


def test_requests_are_answered_by_their_organisations_coordinators_only(
    db: Database, town: Community, year: Ledger
) -> None:
    request_id = hours_requests.file_request(db, town.volunteer, year.pending, "time", "wrong")
    for actor in (town.coord_b, town.volunteer, town.other_volunteer):
        with pytest.raises(PermissionDenied):
            hours_requests.accept_request(db, actor, request_id)
        with pytest.raises(PermissionDenied):
            hours_requests.decline_request(db, actor, request_id, "no")
    assert _request(db, request_id).status is RequestStatus.OPEN


def test_a_coordinator_does_not_answer_their_own_request(db: Database, town: Community, year: Ledger) -> None:
    accounts.grant_role(db, town.admin, town.coord_a.email, town.org_a, Role.VOLUNTEER)
    record_id = hours.record_hours(db, town.coord_a, hours.HoursInput(
        person_id=town.coord_a.person_id, started_at=year.now - timedelta(days=3),
        ended_at=year.now - timedelta(days=3, hours=-2), organisation_id=town.org_a, activity="Flyers"))
    request_id = hours_requests.file_request(db, town.coord_a, record_id, "time", "it was 3 h")
    assert hours_requests.open_requests(db, town.coord_a) == []
    with pytest.raises(PermissionDenied, match="own request"):
        hours_requests.accept_request(db, town.coord_a, request_id)
