"""A volunteer's own hours: statuses, correction chains, totals and the monthly figures (both backends)."""

from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher

from tests.support.community import Community, build
from tests.support.hours_data import Ledger, ledger
from volunteer_app.domain.enums import RequestKind, RequestStatus, ServiceStatus
from volunteer_app.services import accounts, hours_ledger, hours_requests
from volunteer_app.services.errors import NotSignedIn
from volunteer_app.store.database import Database


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


def test_volunteer_sees_every_record_with_its_status(db: Database, town: Community, year: Ledger) -> None:
    mine = hours_ledger.my_records(db, town.volunteer)
    by_id = {r.id: r for r in mine.records}
    assert set(by_id) == {year.verified_recent, year.verified_older, year.verified_b, year.rejected,
                          year.pending, year.corrected_new, year.last_year}
    assert by_id[year.pending].status is ServiceStatus.PENDING
    assert by_id[year.verified_b].status is ServiceStatus.VERIFIED
    assert by_id[year.verified_b].organisation == "Hillside Food Bank"
    assert by_id[year.verified_b].title == "Pack food parcels"
    assert by_id[year.verified_b].timezone == "Asia/Shanghai"
    rejected = by_id[year.rejected]
    assert rejected.status is ServiceStatus.REJECTED
    assert rejected.decision_reason == "You were not on the roster that day."
    assert rejected.decided_by == "coord.a"
    assert by_id[year.verified_older].credited_minutes == 90
    # newest first
    assert [r.started_at for r in mine.records] == sorted((r.started_at for r in mine.records), reverse=True)


def test_a_correction_chain_shows_the_newest_as_current_and_the_old_as_history(
    db: Database, town: Community, year: Ledger
) -> None:
    mine = hours_ledger.my_records(db, town.volunteer)
    assert [r.id for r in mine.history] == [year.corrected_old]
    old = mine.history[0]
    assert old.replaced_by_id == year.corrected_new and not old.is_current
    assert old.status is ServiceStatus.VERIFIED and old.credited_minutes == 60  # untouched
    new = next(r for r in mine.records if r.id == year.corrected_new)
    assert new.corrects_id == year.corrected_old and new.credited_minutes == 120


def test_totals_count_verified_current_records_per_organisation_year_and_month(
    db: Database, town: Community, year: Ledger
) -> None:
    today = year.now.date()
    mine = hours_ledger.my_records(db, town.volunteer, today=today)
    # A: 120 (recent) + 90 (older) + 120 (the correction, not the 60 it replaced) + 240 (last year); B: 180.
    assert dict(mine.by_organisation) == {"Riverside Community Centre": 570, "Hillside Food Bank": 180}
    assert mine.by_organisation[0][0] == "Riverside Community Centre"
    assert mine.verified_minutes == 750
    assert mine.pending_minutes == 150
    assert sum(m for _y, m in mine.by_year) == 750
    assert [y for y, _m in mine.by_year] == sorted({y for y, _m in mine.by_year}, reverse=True)
    assert len(mine.by_month) == hours_ledger.CHART_MONTHS
    assert mine.by_month[-1][0] == date(today.year, today.month, 1)
    assert mine.by_month[0][0] < mine.by_month[-1][0]
    # The 400-day-old record is outside the chart's twelve months; the rest are inside.
    assert sum(m for _d, m in mine.by_month) == 750 - 240


def test_an_open_request_shows_on_its_record(db: Database, town: Community, year: Ledger) -> None:
    request_id = hours_requests.file_request(db, town.volunteer, year.pending, RequestKind.TIME, "I stayed until 6")
    mine = hours_ledger.my_records(db, town.volunteer)
    record = next(r for r in mine.records if r.id == year.pending)
    assert record.has_open_request and record.request is not None and record.request.id == request_id
    assert not any(r.has_open_request for r in mine.records if r.id != year.pending)


def test_missed_tasks_are_past_signups_without_a_record(db: Database, town: Community, year: Ledger) -> None:
    missed = hours_ledger.missed_tasks(db, town.volunteer)
    assert [m.occurrence_id for m in missed] == [year.missed_occurrence]
    assert missed[0].title == "Paint the youth club"
    hours_requests.file_request(db, town.volunteer, None, "missing", "I painted all afternoon",
                                occurrence_id=year.missed_occurrence)
    assert hours_ledger.missed_tasks(db, town.volunteer) == []  # asked already
    mine = hours_ledger.my_records(db, town.volunteer)
    assert [r.occurrence_id for r in mine.missing_requests] == [year.missed_occurrence]
    assert mine.missing_requests[0].status is RequestStatus.OPEN


def test_other_people_see_nothing_of_mine(db: Database, town: Community, year: Ledger) -> None:
    assert hours_ledger.my_records(db, town.other_volunteer).records == []
    with pytest.raises(NotSignedIn):
        hours_ledger.my_records(db, None)
