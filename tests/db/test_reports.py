"""Reports and the transparency summary, on both backends, from records made through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support.community import Community, build, shift
from volunteer_app.domain.enums import SignupStatus
from volunteer_app.services import hours, reports, signups
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, TaskOccurrence

LATER = datetime(2031, 1, 1, tzinfo=UTC)  # after every community task has ended


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def _occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def _record(db: Database, town: Community, occurrence: int, minutes: int, days: int = 3) -> int:
    start, _end = shift(days=days)
    return hours.record_hours(
        db, town.coord_a,
        hours.HoursInput(person_id=town.volunteer.person_id, started_at=start,
                         ended_at=start + timedelta(minutes=minutes), occurrence_id=occurrence),
    )


def _served(db: Database, town: Community) -> int:
    occurrence = _occurrence(db, town.task_a)
    signups.sign_up(db, town.volunteer, occurrence)
    with db.read() as s:
        signup_id = s.scalars(select(Signup.id).where(Signup.occurrence_id == occurrence)).one()
    signups.set_status(db, town.coord_a, signup_id, SignupStatus.COMPLETED)
    return occurrence


def test_report_counts_verified_hours_once_per_chain(db: Database, town: Community) -> None:
    occurrence = _served(db, town)
    kept = _record(db, town, occurrence, 120)
    hours.verify_hours(db, town.coord_a, kept)
    wrong = _record(db, town, occurrence, 90)
    hours.verify_hours(db, town.coord_a, wrong)
    start, _ = shift()
    fixed = hours.correct_hours(
        db, town.coord_a, wrong,
        hours.HoursInput(person_id=town.volunteer.person_id, started_at=start,
                         ended_at=start + timedelta(minutes=60), occurrence_id=occurrence),
    )
    hours.verify_hours(db, town.coord_a, fixed)
    rejected = _record(db, town, occurrence, 30)
    hours.reject_hours(db, town.coord_a, rejected, "not on the roster")

    report = reports.organisation_report(db, town.coord_a, town.org_a, now=LATER)
    assert report.verified_minutes == 180  # 120 + the corrected 60, not the replaced 90, not the rejected 30
    assert [(f.label, f.minutes) for f in report.by_volunteer] == [("vol <vol@example.org>", 180)]
    assert [(f.label, f.minutes) for f in report.by_task] == [("Sort donations", 180)]
    assert len(report.by_month) == 1 and report.by_month[0].minutes == 180
    assert report.places_offered == 3 and report.places_filled == 1
    assert report.fill_rate == pytest.approx(1 / 3)
    assert report.no_show_rate == 0.0
    assert report.median_days_to_verify is not None and report.median_days_to_verify >= 0

    text = reports.report_csv(report)
    assert text.splitlines()[0] == "section,label,verified_minutes,verified_hours"
    assert "volunteer,vol <vol@example.org>,180,3.0" in text
    assert "rate,fill_rate,0.3333," in text

    summary = reports.transparency_summary(db, town.other_volunteer, town.org_a, now=LATER)
    assert summary.verified_minutes == 180 and summary.volunteers == 1 and summary.tasks_run == 1
    assert summary.rejected_share == pytest.approx(30 / 210)
    assert summary.corrected_share == pytest.approx(1 / 4)  # one of four records was corrected


def test_no_shows_count_against_attendance(db: Database, town: Community) -> None:
    occurrence = _occurrence(db, town.task_a)
    signups.sign_up(db, town.volunteer, occurrence)
    with db.read() as s:
        signup_id = s.scalars(select(Signup.id).where(Signup.occurrence_id == occurrence)).one()
    signups.set_status(db, town.coord_a, signup_id, SignupStatus.NO_SHOW)
    report = reports.organisation_report(db, town.coord_a, town.org_a, now=LATER)
    assert report.no_show_rate == 1.0 and report.places_filled == 1


def test_future_tasks_are_not_counted_as_offered(db: Database, town: Community) -> None:
    report = reports.organisation_report(db, town.coord_a, town.org_a, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert report.places_offered == 0 and report.fill_rate is None and report.no_show_rate is None


def test_only_the_organisations_coordinators_see_the_full_report(db: Database, town: Community) -> None:
    for outsider in (town.volunteer, town.coord_b):
        with pytest.raises(PermissionDenied):
            reports.organisation_report(db, outsider, town.org_a, now=LATER)


def test_a_period_that_ends_before_it_starts_is_refused(db: Database, town: Community) -> None:
    with pytest.raises(InvalidInput, match="2026-01-01"):
        reports.local_day_bounds("2026-02-01", "2025-12-31", "Asia/Shanghai")
    with pytest.raises(InvalidInput, match="not a date"):
        reports.local_day_bounds("yesterday", None, "Asia/Shanghai")
    start, end = reports.local_day_bounds("2026-02-01", "2026-02-28", "Asia/Shanghai")
    assert start is not None and end is not None and (end - start) == timedelta(days=28)
