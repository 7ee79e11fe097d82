"""The roster on the day: check in, check out (a pending record credited by the rules), no-shows, walk-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.support.community import Community, build, shift
from volunteer_app.domain.enums import Role, ServiceStatus, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, roster, signups, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, Organisation, Person, ServiceRecord, Signup, TaskOccurrence

START, END = shift()  # the community's tasks: 7 May 2030, 01:00-03:00 UTC
DURING = START + timedelta(minutes=30)  # "now" while the task runs
AFTER = END + timedelta(hours=1)


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        s.execute(update(Person).where(Person.email == "vol@example.org").values(phone="+86 138 0000 0001"))
    return town


def occurrence_of(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def place(db: Database, by: Actor, occ: int, person: Actor, status: SignupStatus = SignupStatus.CONFIRMED) -> int:
    with db.transaction() as s:
        return signups.place(s, by, occ, person.person_id, status=status, source=SignupSource.COORDINATOR).id


def signup_row(db: Database, occ: int, person: Actor) -> Signup:
    with db.read() as s:
        return s.scalars(select(Signup).where(Signup.occurrence_id == occ, Signup.person_id == person.person_id)).one()


def set_rules(db: Database, org_id: int, step: int, percent: int, cap: bool = True) -> None:
    with db.transaction() as s:
        s.execute(
            update(Organisation).where(Organisation.id == org_id).values(
                credit_step_minutes=step, credit_min_attendance_percent=percent, credit_cap_to_stint=cap
            )
        )


def actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_check_in_then_out_makes_a_pending_record_credited_by_the_organisations_rules(
    db: Database, town: Community
) -> None:
    set_rules(db, town.org_a, step=6, percent=60)
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    arrived = START + timedelta(minutes=5)
    assert roster.check_in(db, town.coord_a, occ, "VOL@example.org", arrived, now=DURING) == arrived
    row = signup_row(db, occ, town.volunteer)
    assert row.checked_in_at == arrived and row.status is SignupStatus.CONFIRMED

    left = arrived + timedelta(minutes=97)  # 97 of the 120-minute stint: over 60 %, rounded down to 96
    result = roster.check_out(db, town.coord_a, occ, "vol@example.org", left, now=AFTER)
    assert (result.attended_minutes, result.credited_minutes) == (97, 96)
    with db.read() as s:
        record = s.get(ServiceRecord, result.record_id)
        assert record is not None
        assert record.status is ServiceStatus.PENDING and record.decided_by_id is None
        assert record.credited_minutes == 96
        assert (record.started_at, record.ended_at) == (arrived, left)
        assert record.occurrence_id == occ and record.organisation_id == town.org_a
        assert record.created_by_id == town.coord_a.person_id
        assert record.credit_rule is not None
        assert record.credit_rule["step_minutes"] == 6
        assert record.credit_rule["min_attendance_percent"] == 60
        assert record.credit_rule["attended_minutes"] == 97
        assert record.credit_rule["stint_minutes"] == 120
    row = signup_row(db, occ, town.volunteer)
    assert row.status is SignupStatus.COMPLETED and row.checked_out_at == left
    assert actions(db)[-2:] == ["roster.check_in", "roster.check_out"]

    shown = roster.roster(db, town.coord_a, occ)
    entry = shown.entry_for("vol@example.org")
    assert entry is not None and entry.state == "checked_out"
    assert entry.credited_minutes == 96 and entry.record_status is ServiceStatus.PENDING
    assert entry.credit_rule is not None and entry.credit_rule["outcome"] == "credited"
    # Checked out once is final here: a correction goes through the hours record.
    with pytest.raises(Conflict, match="checked out already"):
        roster.check_out(db, town.coord_a, occ, "vol@example.org", left + timedelta(minutes=5), now=AFTER)
    with pytest.raises(Conflict, match="checked out already"):
        roster.check_in(db, town.coord_a, occ, "vol@example.org", arrived, now=AFTER)


def test_too_little_attendance_earns_no_credit_but_still_leaves_a_record(db: Database, town: Community) -> None:
    set_rules(db, town.org_a, step=6, percent=60)
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    roster.check_in(db, town.coord_a, occ, "vol@example.org", START, now=DURING)
    result = roster.check_out(db, town.coord_a, occ, "vol@example.org", START + timedelta(minutes=60), now=AFTER)
    assert result.credited_minutes == 0
    assert result.rule["outcome"] == "below_attendance"
    with db.read() as s:
        assert s.get(ServiceRecord, result.record_id).status is ServiceStatus.PENDING  # type: ignore[union-attr]


def test_checking_in_again_corrects_the_time(db: Database, town: Community) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    roster.check_in(db, town.coord_a, occ, "vol@example.org", START + timedelta(minutes=20), now=DURING)
    roster.check_in(db, town.coord_a, occ, "vol@example.org", START + timedelta(minutes=2), now=DURING)
    assert signup_row(db, occ, town.volunteer).checked_in_at == START + timedelta(minutes=2)


@pytest.mark.parametrize(
    ("check_in_at", "check_out_at", "now", "message"),
    [
        (START + timedelta(minutes=30), START + timedelta(minutes=10), AFTER, "must come after the check-in"),
        (START + timedelta(minutes=30), START + timedelta(minutes=30), AFTER, "must come after the check-in"),
        (START, DURING + timedelta(days=1), DURING, "in the future"),
        (START, END + timedelta(days=3), END + timedelta(days=4), "far from the task's time"),
    ],
)
def test_impossible_times_are_refused_with_one_sentence(
    db: Database, town: Community, check_in_at: datetime, check_out_at: datetime, now: datetime, message: str
) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    roster.check_in(db, town.coord_a, occ, "vol@example.org", check_in_at, now=DURING)
    with pytest.raises(InvalidInput, match=message) as caught:
        roster.check_out(db, town.coord_a, occ, "vol@example.org", check_out_at, now=now)
    assert caught.value.field == "at"
    assert "\n" not in str(caught.value)
    row = signup_row(db, occ, town.volunteer)
    assert row.checked_out_at is None and row.status is SignupStatus.CONFIRMED
    with db.read() as s:
        assert s.scalars(select(ServiceRecord)).all() == []


def test_check_in_refuses_a_future_or_far_time_and_a_naive_one(db: Database, town: Community) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    with pytest.raises(InvalidInput, match="in the future"):
        roster.check_in(db, town.coord_a, occ, "vol@example.org", DURING + timedelta(hours=1), now=DURING)
    with pytest.raises(InvalidInput, match="far from the task's time"):
        roster.check_in(db, town.coord_a, occ, "vol@example.org", START - timedelta(days=2), now=DURING)
    with pytest.raises(InvalidInput, match="time zone"):
        roster.check_in(db, town.coord_a, occ, "vol@example.org", datetime(2030, 5, 7, 1, 10), now=DURING)
    # Without a time: now (a clock a little ahead of the task is fine).
    roster.check_in(db, town.coord_a, occ, "vol@example.org", now=DURING)
    assert signup_row(db, occ, town.volunteer).checked_in_at == DURING


def test_check_out_needs_a_check_in_and_someone_on_the_roster(db: Database, town: Community) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    with pytest.raises(Conflict, match="has not checked in"):
        roster.check_out(db, town.coord_a, occ, "vol@example.org", END, now=AFTER)
    with pytest.raises(NotFound, match="not on the roster"):
        roster.check_in(db, town.coord_a, occ, "vol.b@example.org", START, now=DURING)
    with pytest.raises(NotFound, match="No account"):
        roster.check_in(db, town.coord_a, occ, "nobody@example.org", START, now=DURING)


def test_no_show_once_the_stint_has_begun_and_never_after_a_check_in(db: Database, town: Community) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    place(db, town.coord_a, occ, town.other_volunteer, SignupStatus.PROPOSED)
    with pytest.raises(Conflict, match="once it has begun"):
        roster.mark_no_show(db, town.coord_a, occ, "vol@example.org", now=START - timedelta(hours=1))
    roster.mark_no_show(db, town.coord_a, occ, "vol@example.org", now=DURING)
    assert signup_row(db, occ, town.volunteer).status is SignupStatus.NO_SHOW
    assert actions(db)[-1] == "roster.no_show"
    with pytest.raises(Conflict, match="does not hold a place"):
        roster.mark_no_show(db, town.coord_a, occ, "vol@example.org", now=DURING)
    roster.check_in(db, town.coord_a, occ, "vol.b@example.org", START, now=DURING)
    with pytest.raises(Conflict, match="not a no-show"):
        roster.mark_no_show(db, town.coord_a, occ, "vol.b@example.org", now=DURING)
    # Checking in confirmed the proposal; a late arrival after a no-show is welcome too.
    assert signup_row(db, occ, town.other_volunteer).status is SignupStatus.CONFIRMED
    roster.check_in(db, town.coord_a, occ, "vol@example.org", DURING, now=DURING)
    row = signup_row(db, occ, town.volunteer)
    assert row.status is SignupStatus.CONFIRMED and row.checked_in_at == DURING


def test_a_walk_in_gets_a_confirmed_place_made_by_the_coordinator_and_is_checked_in(
    db: Database, town: Community
) -> None:
    occ = occurrence_of(db, town.task_a)
    signup_id = roster.add_walk_in(db, town.coord_a, occ, "vol.b@example.org", START + timedelta(minutes=3), now=DURING)
    row = signup_row(db, occ, town.other_volunteer)
    assert row.id == signup_id
    assert row.status is SignupStatus.CONFIRMED and row.source is SignupSource.COORDINATOR
    assert row.checked_in_at == START + timedelta(minutes=3)
    assert (row.starts_at, row.ends_at) == (START, END)
    assert actions(db)[-2:] == ["signup.place", "roster.walk_in"]
    with pytest.raises(Conflict, match="on the roster already"):
        roster.add_walk_in(db, town.coord_a, occ, "vol.b@example.org", now=DURING)
    # Their check-out works like anyone's.
    result = roster.check_out(db, town.coord_a, occ, "vol.b@example.org", END, now=AFTER)
    assert result.credited_minutes == 117


def test_a_walk_in_on_a_flexible_task_starts_on_the_quarter_hour_before_arriving(
    db: Database, town: Community
) -> None:
    task = tasks.create_task(
        db, town.coord_a,
        tasks.TaskInput(organisation_id=town.org_a, title="Flexible", starts_at=START, ends_at=START + timedelta(hours=4),
                        kind=TaskKind.FLEXIBLE, minutes=60, latitude=30.27, longitude=120.15, slots=2,
                        status=TaskStatus.OPEN),
    )
    occ = occurrence_of(db, task)
    now = START + timedelta(hours=5)
    roster.add_walk_in(db, town.coord_a, occ, "vol@example.org", START + timedelta(minutes=50), now=now)
    row = signup_row(db, occ, town.volunteer)
    assert (row.starts_at, row.ends_at) == (START + timedelta(minutes=45), START + timedelta(minutes=105))
    # Arriving late in the window: the last start that still fits.
    roster.add_walk_in(db, town.coord_a, occ, "vol.b@example.org", START + timedelta(hours=3, minutes=40), now=now)
    row = signup_row(db, occ, town.other_volunteer)
    assert row.starts_at == START + timedelta(hours=3) and row.ends_at == START + timedelta(hours=4)


def test_the_roster_lists_who_is_coming_with_phones_for_the_coordinators(db: Database, town: Community) -> None:
    accounts.create_account(db, town.admin, "late@example.org", "Late Comer", "correct horse 42")
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    place(db, town.coord_a, occ, town.other_volunteer, SignupStatus.PROPOSED)
    late = accounts.sign_in(db, "late@example.org", "correct horse 42")
    # Fill the third place, then the late comer joins the waitlist.
    place(db, town.coord_a, occ, town.coord_a)
    with db.transaction() as s:
        signups.place(s, late, occ, late.person_id, status=SignupStatus.CONFIRMED, source=SignupSource.SELF)
    shown = roster.roster(db, town.coord_a, occ)
    assert shown.title == "Sort donations" and shown.slots == 3
    assert (shown.taken, shown.waitlisted) == (3, 1)
    assert [e.email for e in shown.entries][-1] == "late@example.org"  # the waitlist comes last
    by_email = {e.email: e for e in shown.entries}
    assert by_email["vol@example.org"].phone == "+86 138 0000 0001"
    assert by_email["vol@example.org"].state == "confirmed"
    assert by_email["vol.b@example.org"].state == "proposed"
    assert by_email["late@example.org"].state == "waitlisted"
    assert by_email["late@example.org"].waitlist_position == 1
    assert shown.phone_visible
    assert "Tue 7 May 2030" in shown.time_text(), shown.time_text()
    # A waitlisted person who turns up cannot take a place that is not there.
    with pytest.raises(Conflict, match="places of 'Sort donations' are taken"):
        roster.check_in(db, town.coord_a, occ, "late@example.org", START, now=DURING)


def test_only_the_organisations_coordinators_see_and_change_the_roster(db: Database, town: Community) -> None:
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    for actor in (town.volunteer, town.coord_b, town.admin):
        with pytest.raises(PermissionDenied):
            roster.roster(db, actor, occ)
        with pytest.raises(PermissionDenied):
            roster.check_in(db, actor, occ, "vol@example.org", START, now=DURING)
        with pytest.raises(PermissionDenied):
            roster.add_walk_in(db, actor, occ, "vol.b@example.org", START, now=DURING)
    with pytest.raises(PermissionDenied):
        roster.roster(db, None, occ)
    # An admin of the organisation runs rosters too.
    accounts.grant_role(db, town.admin, "vol.b@example.org", town.org_a, Role.ADMIN)
    org_admin = accounts.sign_in(db, "vol.b@example.org", "correct horse 42")
    assert roster.roster(db, org_admin, occ).entries


def test_the_picker_lists_my_organisations_occurrences_earliest_first(db: Database, town: Community) -> None:
    later = tasks.create_task(
        db, town.coord_a,
        tasks.TaskInput(organisation_id=town.org_a, title="Later", starts_at=START + timedelta(days=1),
                        ends_at=END + timedelta(days=1), latitude=30.27, longitude=120.15, status=TaskStatus.OPEN),
    )
    occ = occurrence_of(db, town.task_a)
    place(db, town.coord_a, occ, town.volunteer)
    rows = roster.occurrences(db, town.coord_a, START - timedelta(days=1), START + timedelta(days=7))
    assert [r.title for r in rows] == ["Sort donations", "Later"]  # org B's task is not mine
    assert rows[0].coming == 1 and rows[1].task_id == later
    assert roster.occurrences(db, town.coord_a, START + timedelta(days=1), START + timedelta(days=7))[0].title == "Later"
    assert roster.occurrences(db, town.volunteer, START - timedelta(days=1), START + timedelta(days=7)) == []
    assert [o.name for o in roster.managed_organisations(db, town.coord_a)] == ["Riverside Community Centre"]
    assert roster.managed_organisations(db, town.volunteer) == []
    assert datetime.now(UTC) < START  # the scenario is in the future; `now=` stands in for the day
