"""My schedule: what is planned, proposals accepted and declined, waitlist places, notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.support.community import Community, build
from tests.support.schedule_data import LATER, NOW, Planned, plan
from volunteer_app.domain.enums import SignupSource, SignupStatus
from volunteer_app.services import matching as matching_service
from volunteer_app.services import notices, schedule
from volunteer_app.services.errors import NotFound, NotSignedIn, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, Signup


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def planned(db: Database, town: Community) -> Planned:
    return plan(db, town)


def test_upcoming_lists_confirmed_stints_by_date_with_where_when_and_whom_to_ask(
    db: Database, town: Community, planned: Planned
) -> None:
    mine = schedule.my_schedule(db, town.volunteer, NOW)
    assert [i.title for i in mine.upcoming] == ["Sort donations", "Phone a lonely neighbour", "Read to children"]
    sort, phone, read = mine.upcoming
    assert all(i.status is SignupStatus.CONFIRMED for i in mine.upcoming)

    # The task's own contact person, with phone and email.
    assert read.contact is not None and read.contact.for_task
    assert schedule.contact_text(read) == "coord.a · +86 138 0000 0001 · coord.a@example.org"
    assert schedule.where_text(read) == "12 River Road, Hangzhou"
    assert read.description == "Bring a picture book."
    # No contact person on the task: the organisation's person in charge.
    assert schedule.contact_text(sort) == (
        "Ms Li (Riverside Community Centre) · +86 571 8888 0000 · help@riverside.example.org"
    )
    assert schedule.where_text(sort) == "30.27000, 120.15000"  # no address given: the coordinates
    # Times on the task's own clock; the flexible one shows the stint and its window.
    assert "09:00–11:00" in schedule.when_text(read)
    assert "Fri 10 May 2030" in schedule.when_text(read)
    assert schedule.where_text(phone) == "Remote: no travel"
    assert "09:00–10:00" in schedule.when_text(phone) and "Berlin" in schedule.when_text(phone)
    window = schedule.window_text(phone)
    assert window is not None and "between 08:00 and 14:00, 1 h" in window
    assert schedule.window_text(read) is None


def test_proposals_say_who_proposed_them(db: Database, town: Community, planned: Planned) -> None:
    mine = schedule.my_schedule(db, town.volunteer, NOW)
    by_title = {i.title: i for i in mine.proposals}
    assert list(by_title) == ["Garden clean-up", "Deliver parcels"]
    assert by_title["Garden clean-up"].source is SignupSource.COORDINATOR
    assert schedule.proposed_by_text(by_title["Garden clean-up"]) == "Proposed by coord.a"
    assert schedule.proposed_by_text(by_title["Deliver parcels"]) == (
        "Suggested by the matching engine (run by coord.a)"
    )
    assert not {i.title for i in mine.upcoming} & set(by_title)


def test_waitlist_position_follows_the_queue_not_the_row_order(
    db: Database, town: Community, planned: Planned
) -> None:
    (cooking,) = schedule.my_schedule(db, town.volunteer, NOW).waitlist
    assert cooking.signup_id == planned.cooking_signup
    assert (cooking.position, cooking.waiting) == (3, 3)
    assert schedule.position_text(cooking) == "3rd in line"
    first = schedule.my_schedule(db, town.admin, NOW).waitlist[0]
    assert (first.position, first.waiting) == (1, 3)
    assert schedule.position_text(first) == "Next in line: you get the first place that frees up"
    second = schedule.my_schedule(db, town.coord_b, NOW).waitlist[0]
    assert schedule.position_text(second) == "2nd in line of 3 waiting"
    # When the first in line leaves the queue, everyone moves up.
    with db.transaction() as s:
        s.get(Signup, first.signup_id).status = SignupStatus.CANCELLED  # type: ignore[union-attr]
    (cooking,) = schedule.my_schedule(db, town.volunteer, NOW).waitlist
    assert (cooking.position, cooking.waiting) == (2, 2)


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd"), (111, "111th")])
def test_ordinals(n: int, text: str) -> None:
    assert schedule.ordinal_text(n) == text


def test_accept_confirms_and_decline_declines_each_in_one_audited_step(
    db: Database, town: Community, planned: Planned
) -> None:
    schedule.accept(db, town.volunteer, planned.garden_signup)
    schedule.decline(db, town.volunteer, planned.parcels_signup)
    mine = schedule.my_schedule(db, town.volunteer, NOW)
    assert mine.proposals == []
    assert "Garden clean-up" in [i.title for i in mine.upcoming]
    assert "Deliver parcels" not in [i.title for i in mine.upcoming + mine.waitlist]
    with db.read() as s:
        assert s.get(Signup, planned.garden_signup).status is SignupStatus.CONFIRMED  # type: ignore[union-attr]
        assert s.get(Signup, planned.parcels_signup).status is SignupStatus.DECLINED  # type: ignore[union-attr]
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "signup.status")).all()
    assert sorted((e.entity_id, e.details["after"]) for e in events) == sorted(
        [(str(planned.garden_signup), "confirmed"), (str(planned.parcels_signup), "declined")]
    )


def test_nobody_else_accepts_or_declines_my_proposal(db: Database, town: Community, planned: Planned) -> None:
    with pytest.raises(PermissionDenied):
        schedule.accept(db, town.other_volunteer, planned.garden_signup)
    with pytest.raises(NotSignedIn):
        schedule.decline(db, None, planned.garden_signup)
    with pytest.raises(NotFound):
        schedule.accept(db, town.volunteer, 999_999)
    # A confirmed signup is not a proposal: "accepting" it again is refused, nothing changes.
    with pytest.raises(PermissionDenied):
        schedule.decline(db, town.volunteer, planned.read_signup)
    assert [i.title for i in schedule.my_schedule(db, town.volunteer, NOW).proposals] == [
        "Garden clean-up", "Deliver parcels"
    ]


def test_other_people_see_only_their_own_schedule(db: Database, town: Community, planned: Planned) -> None:
    theirs = schedule.my_schedule(db, town.other_volunteer, NOW)
    assert [i.title for i in theirs.upcoming] == ["Cooking class"]
    assert theirs.proposals == theirs.waitlist == theirs.notices == []
    with pytest.raises(NotSignedIn):
        schedule.my_schedule(db, None, NOW)


def test_past_stints_only_when_asked(db: Database, town: Community, planned: Planned) -> None:
    later = schedule.my_schedule(db, town.volunteer, LATER)
    assert [i.title for i in later.upcoming] == []
    assert later.past == []
    with_past = schedule.my_schedule(db, town.volunteer, LATER, include_past=True)
    assert [i.title for i in with_past.past] == ["Read to children", "Phone a lonely neighbour", "Sort donations"]
    # A proposal whose time has passed is no longer asked.
    assert [i.title for i in later.proposals] == ["Garden clean-up", "Deliver parcels"]
    assert schedule.my_schedule(db, town.volunteer, LATER + timedelta(days=3)).proposals == []


def test_a_cancelled_task_stays_in_upcoming_flagged(db: Database, town: Community, planned: Planned) -> None:
    from volunteer_app.domain.enums import TaskStatus
    from volunteer_app.services import tasks

    tasks.set_status(db, town.coord_a, town.task_a, TaskStatus.CANCELLED)  # the same as tasks.cancel_task
    mine = schedule.my_schedule(db, town.volunteer, NOW)
    sort = next(i for i in mine.upcoming if i.title == "Sort donations")
    assert sort.cancelled and sort.status is SignupStatus.CANCELLED  # the place ended, but stays in view
    assert any("Sort donations" in notices.notice_text(n) and "cancelled" in notices.notice_text(n)
               for n in mine.notices)


def test_notices_read_and_marked_read(db: Database, town: Community, planned: Planned) -> None:
    (notice,) = schedule.my_schedule(db, town.volunteer, NOW).notices
    assert notice.id == planned.notice_id and notice.read_at is None
    text = notices.notice_text(notice)
    assert text.startswith("“Clean the river bank” on Thu 16 May 2030, 09:00–11:00")
    assert text.endswith("was cancelled by Riverside Community Centre.")
    with pytest.raises(NotFound):
        notices.mark_read(db, town.other_volunteer, [notice.id])  # not theirs
    assert notices.mark_read(db, town.volunteer, [notice.id]) == 1
    assert notices.mark_read(db, town.volunteer, [notice.id]) == 0  # already read: nothing to do
    assert schedule.my_schedule(db, town.volunteer, NOW).notices == []
    (kept,) = notices.list_notices(db, town.volunteer, include_read=True)
    assert kept.read_at is not None


def test_unknown_notice_kinds_and_missing_fields_still_read(db: Database, town: Community) -> None:
    with db.transaction() as s:
        notices.notify(s, town.volunteer.person_id, "from_the_future", title="Something")
        notices.notify(s, town.volunteer.person_id, "hours_rejected", title="Sort donations")
    texts = [notices.notice_text(n) for n in notices.list_notices(db, town.volunteer)]
    assert "News about “Something”." in texts
    assert "… did not verify your hours for “Sort donations”: no reason given" in texts


def test_a_declined_engine_proposal_is_never_proposed_again(db: Database, town: Community, planned: Planned) -> None:
    """The engine places the volunteer; they decline; the next run with --apply leaves them out."""
    # Only the volunteer can go (the other members are busy or not members of A): one slot, near home.
    from tests.support.schedule_data import _task, at

    occ = _task(db, town, "Walk the dogs", at(20, 1), slots=1, address="Dog shelter")
    window = (NOW, NOW + timedelta(days=30))
    first = matching_service.propose_assignments(db, town.coord_a, town.org_a, *window, apply=True)
    placed = {(p.person_id, p.occurrence_id) for p in first.proposals}
    assert (town.volunteer.person_id, occ) in placed
    proposal = next(i for i in schedule.my_schedule(db, town.volunteer, NOW).proposals if i.occurrence_id == occ)
    assert proposal.source is SignupSource.ENGINE
    schedule.decline(db, town.volunteer, proposal.signup_id)

    again = matching_service.propose_assignments(db, town.coord_a, town.org_a, *window, apply=True)
    assert (town.volunteer.person_id, occ) not in {(p.person_id, p.occurrence_id) for p in again.proposals}
    assert again.declined_before >= 1
    mine = schedule.my_schedule(db, town.volunteer, NOW)
    assert occ not in {i.occurrence_id for i in mine.proposals + mine.upcoming}
    with db.read() as s:
        row = s.scalars(select(Signup).where(Signup.occurrence_id == occ,
                                             Signup.person_id == town.volunteer.person_id)).one()
    assert row.status is SignupStatus.DECLINED
