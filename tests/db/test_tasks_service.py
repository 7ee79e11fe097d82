"""Tasks through their whole life: create, edit, duplicate, publish, close, cancel (series or one date)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support.community import Community, build, shift
from volunteer_app.domain.enums import Role, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, browse, notices, tasks
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, Notice, Signup, Task, TaskOccurrence


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def weekly_input(town: Community, weeks: int = 3, **changes: object) -> tasks.TaskInput:
    start, end = shift(days=10)
    data = tasks.TaskInput(
        organisation_id=town.org_a, title="Weekly reading hour", starts_at=start, ends_at=end,
        latitude=30.27, longitude=120.15, slots=2, status=TaskStatus.OPEN,
        repeat_weekly_until=(start + timedelta(weeks=weeks - 1)).date(),
    )  # fmt: skip
    return tasks.TaskInput(**{**data.__dict__, **changes})


def occurrences(db: Database, task_id: int) -> list[TaskOccurrence]:
    with db.read() as s:
        return list(s.scalars(select(TaskOccurrence).where(TaskOccurrence.task_id == task_id)
                              .order_by(TaskOccurrence.starts_at)))  # fmt: skip


def sign_up(db: Database, person_id: int, occ: TaskOccurrence, status: SignupStatus = SignupStatus.CONFIRMED) -> int:
    with db.transaction() as s:
        signup = Signup(occurrence_id=occ.id, person_id=person_id, status=status, source=SignupSource.SELF,
                        starts_at=occ.starts_at, ends_at=occ.ends_at)  # fmt: skip
        s.add(signup)
        s.flush()
        return signup.id


def signup_status(db: Database, signup_id: int) -> SignupStatus:
    with db.read() as s:
        signup = s.get(Signup, signup_id)
        assert signup is not None
        return signup.status


def test_a_weekly_task_has_one_dated_occurrence_a_week(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, weeks=4))
    dates = [o.starts_at for o in occurrences(db, task_id)]
    assert len(dates) == 4
    assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(dates))
    rows = tasks.list_occurrences(db, town.coord_a, task_id)
    assert [r.starts_at for r in rows] == dates and not any(r.is_cancelled for r in rows)


def test_cancelling_one_date_tells_its_volunteers_and_ends_their_signups(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town))
    first, second, third = occurrences(db, task_id)
    on_second = sign_up(db, town.volunteer.person_id, second)
    waiting = sign_up(db, town.coord_b.person_id, second, SignupStatus.WAITLISTED)
    on_third = sign_up(db, town.volunteer.person_id, third)
    assert tasks.people_to_tell(db, town.coord_a, task_id, second.id) == 2

    outcome = tasks.cancel_occurrence(db, town.coord_a, second.id, reason="Hall closed")

    assert outcome == tasks.CancelOutcome(occurrences=1, signups=2, people=2)
    assert [o.is_cancelled for o in occurrences(db, task_id)] == [False, True, False]
    assert signup_status(db, on_second) is SignupStatus.CANCELLED
    assert signup_status(db, waiting) is SignupStatus.CANCELLED
    assert signup_status(db, on_third) is SignupStatus.CONFIRMED  # another date: untouched
    (notice,) = notices.list_notices(db, town.volunteer)
    assert notice.kind == "occurrence_cancelled" and notice.occurrence_id == second.id
    text = notices.notice_text(notice)
    assert "Weekly reading hour" in text and "Riverside Community Centre" in text
    assert notice.params["reason"] == "Hall closed"
    with pytest.raises(Conflict):
        tasks.cancel_occurrence(db, town.coord_a, second.id)
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "occurrence.cancel")).one()
        assert event.actor_id == town.coord_a.person_id and event.details["signups"] == sorted([on_second, waiting])
    # The task itself stays open; editing it later does not bring the cancelled date back.
    tasks.update_task(db, town.coord_a, task_id, weekly_input(town, title="Weekly reading hour (library)"))
    assert [o.is_cancelled for o in occurrences(db, task_id)] == [False, True, False]
    assert first.id == occurrences(db, task_id)[0].id


def test_cancelling_the_series_tells_each_volunteer_once(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town))
    occs = occurrences(db, task_id)
    mine = [sign_up(db, town.volunteer.person_id, o) for o in occs]
    outcome = tasks.cancel_task(db, town.coord_a, task_id)
    assert outcome == tasks.CancelOutcome(occurrences=3, signups=3, people=1)
    assert {signup_status(db, s) for s in mine} == {SignupStatus.CANCELLED}
    assert all(o.is_cancelled for o in occurrences(db, task_id))
    (notice,) = notices.list_notices(db, town.volunteer)
    assert notice.kind == "task_cancelled" and notice.occurrence_id == occs[0].id and notice.params["dates"] == 3
    assert tasks.get_task(db, town.coord_a, task_id).status is TaskStatus.CANCELLED
    with pytest.raises(Conflict):
        tasks.cancel_task(db, town.coord_a, task_id)
    with pytest.raises(Conflict):  # a cancelled task is duplicated, not edited
        tasks.update_task(db, town.coord_a, task_id, weekly_input(town))


def test_past_dates_keep_their_signups_when_the_series_is_cancelled(db: Database, town: Community) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)  # one date over, two to come
    data = weekly_input(town, starts_at=start, ends_at=start + timedelta(hours=2),
                        repeat_weekly_until=(start + timedelta(weeks=2, days=1)).date())  # fmt: skip
    task_id = tasks.create_task(db, town.coord_a, data)
    past, *_ = occurrences(db, task_id)
    done = sign_up(db, town.volunteer.person_id, past, SignupStatus.COMPLETED)
    outcome = tasks.cancel_task(db, town.coord_a, task_id)
    assert outcome.occurrences == 2 and outcome.people == 0
    assert signup_status(db, done) is SignupStatus.COMPLETED
    assert not occurrences(db, task_id)[0].is_cancelled
    with pytest.raises(Conflict):
        tasks.cancel_occurrence(db, town.coord_a, past.id)


def test_setting_cancelled_in_an_edit_cancels_like_cancel_does(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, weeks=1))
    (occ,) = occurrences(db, task_id)
    signup = sign_up(db, town.volunteer.person_id, occ)
    tasks.update_task(db, town.coord_a, task_id, weekly_input(town, weeks=1, status=TaskStatus.CANCELLED))
    assert signup_status(db, signup) is SignupStatus.CANCELLED
    assert [n.kind for n in notices.list_notices(db, town.volunteer)] == ["task_cancelled"]


def test_an_edit_that_drops_a_date_tells_its_volunteers(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, weeks=3))
    last = occurrences(db, task_id)[-1]
    signup = sign_up(db, town.volunteer.person_id, last)
    shorter = weekly_input(town, weeks=2)
    tasks.update_task(db, town.coord_a, task_id, shorter)
    assert [o.is_cancelled for o in occurrences(db, task_id)] == [False, False, True]
    assert signup_status(db, signup) is SignupStatus.CANCELLED
    assert [n.kind for n in notices.list_notices(db, town.volunteer)] == ["occurrence_cancelled"]
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "task.update")).one()
        assert event.details["before"] == {"repeat_weekly_until": str(weekly_input(town, weeks=3).repeat_weekly_until)}


def test_publish_close_and_the_moves_that_are_refused(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, status=TaskStatus.DRAFT))
    with pytest.raises(Conflict, match="only a task that is open can be closed"):
        tasks.close_task(db, town.coord_a, task_id)
    tasks.publish_task(db, town.coord_a, task_id)
    assert tasks.get_task(db, town.volunteer, task_id).status is TaskStatus.OPEN
    with pytest.raises(Conflict):
        tasks.publish_task(db, town.coord_a, task_id)
    tasks.close_task(db, town.coord_a, task_id)
    assert tasks.get_task(db, town.coord_a, task_id).status is TaskStatus.CLOSED
    tasks.publish_task(db, town.coord_a, task_id)  # reopening a closed task
    with pytest.raises(PermissionDenied):
        tasks.close_task(db, town.coord_b, task_id)
    with db.read() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "task", AuditEvent.entity_id == str(task_id))
                            .order_by(AuditEvent.id)).all()  # fmt: skip
    assert actions == ["task.create", "task.published", "task.closed", "task.published"]


def test_duplicate_is_a_draft_copy_without_signups(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, requires={"first_aid": 2},
                                                               contact_person_id=town.coord_a.person_id))  # fmt: skip
    sign_up(db, town.volunteer.person_id, occurrences(db, task_id)[0])
    copy_id = tasks.duplicate_task(db, town.coord_a, task_id)
    assert copy_id != task_id
    original, copy = tasks.get_task(db, town.coord_a, task_id), tasks.get_task(db, town.coord_a, copy_id)
    assert copy.status is TaskStatus.DRAFT
    assert {**copy.__dict__, "status": None} == {**original.__dict__, "status": None}
    assert len(occurrences(db, copy_id)) == 3
    assert tasks.list_occurrences(db, town.coord_a, copy_id)[0].taken == 0
    assert tasks.list_occurrences(db, town.coord_a, task_id)[0].taken == 1
    with pytest.raises(NotFound):  # a draft is invisible outside its organisation's coordinators
        tasks.get_task(db, town.volunteer, copy_id)
    with pytest.raises(PermissionDenied):
        tasks.duplicate_task(db, town.coord_b, task_id)


def test_contact_person_must_coordinate_the_organisation(db: Database, town: Community) -> None:
    names = [p.email for p in tasks.contact_candidates(db, town.coord_a, town.org_a)]
    assert names == ["coord.a@example.org"]
    with pytest.raises(InvalidInput) as caught:
        tasks.create_task(db, town.coord_a, weekly_input(town, contact_person_id=town.volunteer.person_id))
    assert caught.value.field == "contact_person_id"
    accounts.grant_role(db, town.admin, "vol@example.org", town.org_a, Role.COORDINATOR)
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, contact_person_id=town.volunteer.person_id))
    assert tasks.task_details(db, town.coord_a, task_id).contact_name == "vol"


def test_flexible_and_remote_tasks_validate_their_fields(db: Database, town: Community) -> None:
    start, _ = shift(days=12)
    flexible = weekly_input(town, kind=TaskKind.FLEXIBLE, starts_at=start, ends_at=start + timedelta(hours=8),
                            minutes=90, latitude=None, longitude=None, is_remote=True, repeat_weekly_until=None)  # fmt: skip
    task_id = tasks.create_task(db, town.coord_a, flexible)
    stored = tasks.get_task(db, town.coord_a, task_id)
    assert stored.kind is TaskKind.FLEXIBLE and stored.minutes == 90 and stored.is_remote
    with pytest.raises(InvalidInput) as caught:
        tasks.create_task(db, town.coord_a, weekly_input(town, kind=TaskKind.FLEXIBLE, minutes=600))
    assert caught.value.field == "minutes"
    with pytest.raises(InvalidInput) as caught:
        tasks.create_task(db, town.coord_a, weekly_input(town, repeat_weekly_until=date(2000, 1, 1)))
    assert caught.value.field == "repeat_weekly_until"


def test_priority_in_words() -> None:
    assert tasks.priority_text(1) == "1 = Nice to have"
    assert tasks.priority_text(5) == "5 = Urgent: nobody else will do it"


# --------------------------------------------------------------------------- the Tasks list


def test_list_says_full_finds_remote_and_orders_ties_by_start(db: Database, town: Community) -> None:
    start, end = shift(days=20)
    later = tasks.create_task(db, town.coord_a, tasks.TaskInput(
        organisation_id=town.org_a, title="Phone a neighbour", starts_at=start + timedelta(hours=3),
        ends_at=end + timedelta(hours=3), is_remote=True, slots=1, status=TaskStatus.OPEN, priority=3))  # fmt: skip
    earlier = tasks.create_task(db, town.coord_a, tasks.TaskInput(
        organisation_id=town.org_a, title="Phone a neighbour", starts_at=start, ends_at=end, is_remote=True,
        slots=1, status=TaskStatus.OPEN, priority=3))  # fmt: skip
    sign_up(db, town.volunteer.person_id, occurrences(db, earlier)[0])
    rows = browse.fetch_tasks(db, town.coord_a, sort="title")
    phone = [r for r in rows if r.title == "Phone a neighbour"]
    assert [r.id for r in phone] == [earlier, later]  # same title: the earlier start first
    assert phone[0].is_full and not phone[1].is_full
    for word in ("remote", "Remote", "线上", "REMO"):
        found = browse.fetch_tasks(db, town.coord_a, text=word)
        assert {r.id for r in found} == {earlier, later}, word
    assert browse.count_tasks(db, town.coord_a, "线上") == 2
    by_priority = [r.id for r in browse.fetch_tasks(db, town.coord_a, sort="priority", descending=True)]
    assert by_priority[:2] == [earlier, later]


def test_full_counts_the_next_date_of_a_recurring_task(db: Database, town: Community) -> None:
    task_id = tasks.create_task(db, town.coord_a, weekly_input(town, slots=1))
    first, _second, _ = occurrences(db, task_id)
    sign_up(db, town.volunteer.person_id, first)
    (row,) = [r for r in browse.fetch_tasks(db, town.coord_a) if r.id == task_id]
    assert row.is_full and row.repeats_until is not None
    tasks.cancel_occurrence(db, town.coord_a, first.id)
    (row,) = [r for r in browse.fetch_tasks(db, town.coord_a) if r.id == task_id]
    assert not row.is_full and row.filled == 0  # the next date to come is the second one
    with db.read() as s:
        assert s.scalar(select(Task.status).where(Task.id == task_id)) is TaskStatus.OPEN
        assert s.scalars(select(Notice.kind)).all() == ["occurrence_cancelled"]


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (datetime(1, 1, 1, 9, tzinfo=UTC), datetime(9999, 12, 31, 17, tzinfo=UTC), "starts_at", "year 1;"),
        (datetime(2030, 1, 1, 9, tzinfo=UTC), datetime(2030, 6, 1, 9, tzinfo=UTC), "ends_at", "at most 92 days"),
        (datetime(2030, 1, 1, 9, tzinfo=UTC), datetime(3100, 1, 1, 9, tzinfo=UTC), "ends_at", "year 3100"),
    ],
)
def test_a_window_the_engine_cannot_plan_is_refused_naming_the_field(
    db: Database, town: Community, start: datetime, end: datetime, field: str, words: str
) -> None:
    # The class of "sizes that explode the work", on the way in: a flexible window from year 1 to 9999.
    data = weekly_input(town, weeks=1, kind=TaskKind.FLEXIBLE, minutes=60, starts_at=start, ends_at=end,
                        repeat_weekly_until=None)
    with pytest.raises(InvalidInput) as caught:
        tasks.create_task(db, town.coord_a, data)
    assert caught.value.field == field and words in str(caught.value)
    with db.read() as s:
        assert s.scalar(select(Task.id).where(Task.title == data.title)) is None
