"""The app's own services, run as each person's own login on a shared server (issue 12).

Each test signs in as a person (``shared.as_person``: the desktop's Database, row-level
security on) and drives the services through what that person does in the window, with
other people's rows present; each step is asserted, and so is what the person must not see.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app.certificates import pdf
from volunteer_app.domain.enums import SignupStatus, TaskStatus
from volunteer_app.services import (
    accounts,
    availability,
    browse,
    certificates,
    exports,
    hand_assign,
    hours,
    hours_ledger,
    hours_requests,
    identity,
    imports,
    ledger,
    matching,
    notices,
    organisations,
    places,
    profiles,
    reports,
    roster,
    schedule,
    shared_server,
    signing_keys,
    signups,
    statements,
    task_details,
    tasks,
)
from volunteer_app.services.accounts import Actor
from volunteer_app.services.availability import WeeklySlot
from volunteer_app.services.errors import Conflict, InvalidCredentials, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    KeyWrap,
    Person,
    ServiceRecord,
    Signup,
    TaskOccurrence,
    VolunteerProfile,
)

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday, before every task here
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # Tuesday 7 May, 08:00 in Hangzhou
EVERY_DAY = [WeeklySlot(d, 0, 24 * 60) for d in range(7)]


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with tiny parameters (real hashing is slow here; logins use SCRAM anyway)."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


# --------------------------------------------------------------------------- helpers


def superuser(shared: SharedServer) -> Database:
    db = Database(shared.url)
    shared._open.append(db)  # closed with the others at the end of the test
    return db


def occurrence_of(db: Database, task_id: int) -> int:
    with db.read() as s:
        return int(s.scalar(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)) or 0)


def add_task(
    db: Database,
    actor: Actor,
    org: int,
    title: str,
    start: datetime,
    *,
    slots: int = 2,
    hours: int = 2,
    status: TaskStatus = TaskStatus.OPEN,
) -> int:
    return tasks.create_task(
        db,
        actor,
        tasks.TaskInput(
            organisation_id=org,
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            latitude=30.272,
            longitude=120.153,
            slots=slots,
            status=status,
        ),
    )


def free_always(db: Database, person_id: int) -> None:
    """As the superuser: a profile near the tasks and free every hour."""
    with db.transaction() as s:
        if s.get(VolunteerProfile, person_id) is None:
            s.add(
                VolunteerProfile(
                    person_id=person_id,
                    home_latitude=30.27,
                    home_longitude=120.15,
                    radius_km=10,
                    timezone="Asia/Shanghai",
                )
            )
        s.add_all(AvailabilitySlot(person_id=person_id, weekday=d, start_minute=0, end_minute=1440) for d in range(7))


def extra_volunteers(shared: SharedServer, admin_db: Database, org: int, n: int, stem: str = "extra") -> list[Actor]:
    """More volunteers of ``org`` (made by the site admin on the superuser's connection), free always."""
    people = []
    for i in range(n):
        email = f"{stem}{i}@example.org"
        accounts.invite(
            admin_db, shared.community.admin, email, f"{stem} {i}", org, accounts.Role.VOLUNTEER, password=PASSWORD
        )
        actor = accounts.sign_in(admin_db, email, PASSWORD)
        free_always(admin_db, actor.person_id)
        people.append(actor)
    return people


# --------------------------------------------------------------------------- volunteer


def test_a_volunteer_keeps_their_profile_and_free_hours(shared: SharedServer) -> None:
    signed = shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    shared._open.append(signed.db)
    db, me = signed.db, signed.actor
    assert me.person_id == shared.community.volunteer.person_id

    saved = profiles.save_profile(
        db,
        me,
        profiles.ProfileInput(name="Vol A", radius_km=12, skills={"first_aid": 3}, timezone="Asia/Shanghai"),
        weekly=EVERY_DAY,
    )
    assert saved.radius_km == 12 and dict(saved.skills) == {"first_aid": 3}
    home = places.set_home(db, me, "1 River Road", 30.27123, 120.15123)
    assert home.latitude == pytest.approx(30.271, abs=0.002)  # stored rounded
    assert places.visible_home(db, me, me.person_id).address == "1 River Road"
    assert availability.get_weekly_pattern(db, me) == EVERY_DAY
    away = availability.add_away(db, me, DAY + timedelta(days=20), DAY + timedelta(days=21))
    assert [e.id for e in availability.list_exceptions(db, me)] == [away.id]
    availability.remove_exception(db, me, away.id)
    identity.set_id_number(db, me, "national_id", "110101199003071234")
    assert identity.masked_id_number(db, me, me.person_id) == ("national_id", identity.mask("110101199003071234"))

    # Someone else's free hours and home stay out of reach of the volunteer's services.
    other = shared.community.other_volunteer.person_id
    free_always(superuser(shared), other)
    with pytest.raises(Exception):  # noqa: B017,PT011 (PermissionDenied or NotFound: the same refusal)
        places.visible_home(db, me, other)
    with pytest.raises(Exception):  # noqa: B017,PT011
        availability.get_weekly_pattern(db, me, other)
    with db.read() as s:
        assert s.scalars(select(AvailabilitySlot.person_id).distinct()).all() == [me.person_id]
        assert s.scalars(select(VolunteerProfile.person_id)).all() == [me.person_id]


def test_a_volunteer_sees_places_everybody_took_and_takes_the_last(shared: SharedServer) -> None:
    town = shared.community
    admin_db = superuser(shared)
    free_always(admin_db, town.volunteer.person_id)
    others = extra_volunteers(shared, admin_db, town.org_a, 3)
    # task_a has 3 places: two other volunteers hold one each (signed up on the server as themselves).
    occ_a = occurrence_of(admin_db, town.task_a)
    for other in others[:2]:
        assert signups.sign_up(admin_db, other, occ_a) is SignupStatus.CONFIRMED

    db = shared.as_person("vol@example.org")
    me = accounts.sign_in(db, "vol@example.org", PASSWORD)
    rows = {row.id: row for row in browse.fetch_tasks(db, me)}
    assert rows[town.task_a].filled == 2 and rows[town.task_a].slots == 3
    assert browse.count_tasks(db, me) == len(rows)
    suggested = {s.occurrence_id: s for s in matching.suggest_for(db, me, "vol@example.org", now=NOW, days=14)}
    assert occ_a in suggested
    assert suggested[occ_a].places_left == 1
    detail = task_details.task_detail(db, me, occ_a, now=NOW)
    assert (detail.taken, detail.waitlist, detail.mine) == (2, 0, None)

    # The last place is theirs; the next volunteer is waitlisted.
    outcome = signups.sign_up_outcome(db, me, occ_a, now=NOW)
    assert outcome.status is SignupStatus.CONFIRMED
    assert {row.id: row for row in browse.fetch_tasks(db, me)}[town.task_a].filled == 3
    last = shared.as_person(others[2].email)
    last_actor = accounts.sign_in(last, others[2].email, PASSWORD)
    waiting = signups.sign_up_outcome(last, last_actor, occ_a, now=NOW)
    assert waiting.status is SignupStatus.WAITLISTED and waiting.position == 1
    assert task_details.task_detail(db, me, occ_a, now=NOW).waitlist == 1  # someone else's place in the queue

    # Their services never show the other volunteers' signups.
    with db.read() as s:
        assert set(s.scalars(select(Signup.person_id))) == {me.person_id}
        assert set(s.scalars(select(Person.id))) >= {me.person_id}
        assert others[0].person_id not in set(s.scalars(select(Person.id)))
    mine = schedule.my_schedule(db, me, NOW)
    assert [i.occurrence_id for i in mine.upcoming] == [occ_a]

    # Withdrawing frees the place: the waitlisted volunteer gets it as a proposal and a notice.
    withdrawn = signups.withdraw(db, me, occ_a, now=NOW)
    assert withdrawn.offered_to == last_actor.person_id
    offer = schedule.my_schedule(last, last_actor, NOW)
    assert [i.occurrence_id for i in offer.proposals] == [occ_a]
    assert [n.kind for n in offer.notices] == [signups.WAITLIST_OFFER]
    schedule.accept(last, last_actor, offer.proposals[0].signup_id)
    assert notices.mark_read(last, last_actor, [n.id for n in offer.notices]) == 1
    assert schedule.my_schedule(last, last_actor, NOW).notices == []
    assert [i.occurrence_id for i in schedule.my_schedule(last, last_actor, NOW).upcoming] == [occ_a]
    # Full again for the first volunteer, who is waitlisted now.
    assert signups.sign_up(db, me, occ_a, now=NOW) is SignupStatus.WAITLISTED


# --------------------------------------------------------------------------- coordinator


def test_a_coordinator_runs_tasks_and_a_cancel_tells_the_volunteers(shared: SharedServer) -> None:
    town = shared.community
    admin_db = superuser(shared)
    free_always(admin_db, town.volunteer.person_id)
    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)

    task = add_task(db, coord, town.org_a, "Paint the fence", DAY + timedelta(days=1), status=TaskStatus.DRAFT)
    data = tasks.get_task(db, coord, task)
    tasks.update_task(db, coord, task, dataclasses.replace(data, title="Paint the long fence", slots=4))
    tasks.publish_task(db, coord, task)
    [occ] = tasks.list_occurrences(db, coord, task)
    assert tasks.get_task(db, coord, task).title == "Paint the long fence"

    vol_db = shared.as_person("vol@example.org")
    vol = accounts.sign_in(vol_db, "vol@example.org", PASSWORD)
    assert signups.sign_up(vol_db, vol, occ.id, now=NOW) is SignupStatus.CONFIRMED
    assert [o.taken for o in tasks.list_occurrences(db, coord, task)] == [1]

    # Organisation B's task stays out of A's coordinator's hands.
    with pytest.raises(PermissionDenied):
        tasks.update_task(db, coord, town.task_b, tasks.get_task(admin_db, town.coord_b, town.task_b))
    assert tasks.cancel_task(db, coord, task, "Rain").people == 1
    schedule_now = schedule.my_schedule(vol_db, vol, NOW)
    assert [n.kind for n in schedule_now.notices] == ["task_cancelled"]
    assert [i.cancelled for i in schedule_now.upcoming] == [True]


def test_a_coordinator_places_people_and_sees_their_places_elsewhere(shared: SharedServer) -> None:
    town = shared.community
    admin_db = superuser(shared)
    for person in (town.volunteer, town.other_volunteer):
        free_always(admin_db, person.person_id)
    occ_a, occ_b = occurrence_of(admin_db, town.task_a), occurrence_of(admin_db, town.task_b)
    # The volunteer of A holds a place in organisation B's task at the same time as task A.
    assert signups.sign_up(admin_db, town.volunteer, occ_b) is SignupStatus.CONFIRMED
    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)

    check = hand_assign.check_hand_assignment(db, coord, occ_a, "vol@example.org")
    assert check.clash is not None and check.clash.occurrence_id == occ_b
    with pytest.raises(Conflict, match="already holds a place"):
        hand_assign.assign_by_hand(db, coord, occ_a, "vol@example.org")
    # The engine for A leaves them out at that time too (their place in B counts as busy).
    outcome = matching.propose_assignments(db, coord, town.org_a, NOW, NOW + timedelta(days=14))
    assert all(p.person_id != town.volunteer.person_id for p in outcome.proposals)

    # Free again: placed by hand, then the engine's run for A applied.
    signups.withdraw(admin_db, town.volunteer, occ_b)
    signup_id = hand_assign.assign_by_hand(db, coord, occ_a, "vol@example.org")
    vol_db = shared.as_person("vol@example.org")
    vol = accounts.sign_in(vol_db, "vol@example.org", PASSWORD)
    proposals = schedule.my_schedule(vol_db, vol, NOW).proposals
    assert [p.signup_id for p in proposals] == [signup_id]
    schedule.decline(vol_db, vol, signup_id)
    extra = extra_volunteers(shared, admin_db, town.org_a, 2)
    review = hand_assign.review_assignments(db, coord, town.org_a, NOW, NOW + timedelta(days=14))
    stored = hand_assign.apply_proposals(db, coord, town.org_a, [p.proposal for p in review.proposals])
    assert stored == len(review.proposals) >= 1
    with admin_db.read() as s:
        placed = set(
            s.scalars(
                select(Signup.person_id).where(Signup.occurrence_id == occ_a, Signup.status == SignupStatus.PROPOSED)
            )
        )
    assert placed and placed <= {p.person_id for p in extra}
    # The coordinator's services never show B's signups or B's volunteer.
    with db.read() as s:
        assert occ_b not in set(s.scalars(select(Signup.occurrence_id)))
        assert town.other_volunteer.person_id not in set(s.scalars(select(Person.id)))


def test_the_roster_hours_and_the_ledger(shared: SharedServer) -> None:
    town = shared.community
    admin_db = superuser(shared)
    extra = extra_volunteers(shared, admin_db, town.org_a, 2)
    free_always(admin_db, town.volunteer.person_id)
    occ_a = occurrence_of(admin_db, town.task_a)
    start = DAY + timedelta(hours=1)  # task_a: 2030-05-07 01:00-03:00 UTC
    for person in (town.volunteer, extra[0]):
        signups.sign_up(admin_db, person, occ_a, now=NOW)
    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    later = start + timedelta(hours=3)

    roster_now = roster.roster(db, coord, occ_a)
    assert {e.email for e in roster_now.entries} == {"vol@example.org", extra[0].email}
    roster.check_in(db, coord, occ_a, "vol@example.org", start, now=later)
    out = roster.check_out(db, coord, occ_a, "vol@example.org", start + timedelta(hours=2), now=later)
    roster.mark_no_show(db, coord, occ_a, extra[0].email, now=later)
    roster.add_walk_in(db, coord, occ_a, extra[1].email, start, now=later)
    walked_in = {e.email: e for e in roster.roster(db, coord, occ_a).entries}[extra[1].email]
    assert walked_in.checked_in_at == start and walked_in.status is SignupStatus.CONFIRMED

    # The volunteer sees the pending record, and asks for a correction.
    vol_db = shared.as_person("vol@example.org")
    vol = accounts.sign_in(vol_db, "vol@example.org", PASSWORD)
    mine = hours_ledger.my_records(vol_db, vol)
    assert [r.id for r in mine.records] == [out.record_id]
    request_id = hours_requests.file_request(vol_db, vol, out.record_id, "time", "I stayed until the end")
    # Verified by the coordinator: the ledger entry is appended, and the chain checks out.
    hours.verify_hours(db, coord, out.record_id)
    assert hours.verified_minutes(vol_db, vol, vol.person_id) == out.credited_minutes
    assert ledger.verify(db, coord, town.org_a).ok
    new_record = hours_requests.accept_request(db, coord, request_id, minutes=out.credited_minutes - 10)
    hours.reject_hours(db, coord, new_record, "Not what the sheet says")
    assert ledger.verify(db, coord, town.org_a).ok
    assert ledger.verify(admin_db, town.admin).ok
    # The volunteer sees only their own records; the decisions came as notices.
    with vol_db.read() as s:
        assert set(s.scalars(select(ServiceRecord.person_id))) == {vol.person_id}
    assert {n.kind for n in notices.list_notices(vol_db, vol, include_read=True)} >= {"hours_verified"}


def test_certificates_statements_and_the_keys_they_are_signed_with(shared: SharedServer) -> None:
    town = shared.community
    admin_db = superuser(shared)
    free_always(admin_db, town.volunteer.person_id)
    occ_a = occurrence_of(admin_db, town.task_a)
    start = DAY + timedelta(hours=1)
    signups.sign_up(admin_db, town.volunteer, occ_a, now=NOW)
    # A second coordinator of A, invited by the site admin on their own login.
    admin_db_own = shared.as_person("admin@example.org")  # on the admin's own login
    accounts.invite(
        admin_db_own,
        accounts.sign_in(admin_db_own, "admin@example.org", PASSWORD),
        "coord.a2@example.org",
        "Second coordinator",
        town.org_a,
        accounts.Role.COORDINATOR,
        password=PASSWORD,
    )
    # They sign in first (their personal key is made then, by their own login)...
    second_db = shared.as_person("coord.a2@example.org")
    second = accounts.sign_in(second_db, "coord.a2@example.org", PASSWORD)

    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    roster.check_in(db, coord, occ_a, "vol@example.org", start, now=start + timedelta(hours=3))
    out = roster.check_out(
        db, coord, occ_a, "vol@example.org", start + timedelta(hours=2), now=start + timedelta(hours=3)
    )
    hours.verify_hours(db, coord, out.record_id)

    vol_db = shared.as_person("vol@example.org")
    vol = accounts.sign_in(vol_db, "vol@example.org", PASSWORD)
    today = (DAY + timedelta(days=1)).date()
    request_id = certificates.request_certificate(vol_db, vol, town.org_a, language="en", today=today)
    assert [r.id for r in certificates.list_requests(db, coord, open_only=True)] == [request_id]
    issued = certificates.issue_certificate(
        db,
        coord,
        certificates.IssueInput(person_id=vol.person_id, organisation_id=town.org_a, language="en"),
        render=pdf.render,
        today=today,
    )
    assert issued.entry.minutes == out.credited_minutes
    assert [c.number for c in certificates.list_certificates(vol_db, vol)] == [issued.entry.number]
    assert ledger.verify(db, coord, town.org_a).ok
    # Their own statement carries the certificate (signed on the server with the organisation's key).
    own = statements.export_statement(vol_db, vol)
    assert [p["kind"] for p in own["parts"]] == ["certificate"]

    # ...and the organisation's signing key went to them (sealed to their personal public key, read
    # through va_personal_keys) when the first coordinator signed in; they can revoke with it.
    with second_db.read() as s:
        held = set(s.scalars(select(KeyWrap.purpose).where(KeyWrap.person_id == second.person_id)))
        assert signing_keys.purpose_for(town.org_a) in held
        # Nobody reads someone else's personal wrap.
        assert set(s.scalars(select(KeyWrap.person_id).where(KeyWrap.purpose == "personal"))) == {second.person_id}
    revoked = certificates.revoke_certificate(second_db, second, issued.entry.number, "Issued twice")
    assert revoked.revoked_at is not None
    assert ledger.verify(second_db, second, town.org_a).ok

    # A signed statement of hours travels to the volunteer, who imports it as their own.
    statement = statements.export_statement(db, coord, person_id=vol.person_id)
    result = statements.import_statement(vol_db, vol, statements.statement_bytes(statement))
    assert len(result.imported) == 1
    assert [v.minutes for v in statements.imported_statements(vol_db, vol)] == [out.credited_minutes]


def test_a_coordinator_imports_volunteers_who_then_sign_in_as_themselves(shared: SharedServer, tmp_path: Path) -> None:
    town = shared.community
    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    path = tmp_path / "people.csv"
    path.write_text(
        "E-mail,Name,Phone,Location,Radius km,Skills,Languages\n"
        'Ann@Example.org,Ann,555-1,"(30.27412, 120.15531)",8,first_aid:3,"zh, en"\n'
        "vol.b@example.org,Volunteer of B,,,,,\n",
        encoding="utf-8",
    )
    result = imports.import_file(db, coord, imports.VOLUNTEERS, path)
    assert result.existing == ["vol.b@example.org"]
    [(email, password)] = result.passwords
    with superuser(shared).read() as s:
        ann = s.scalars(select(Person).where(Person.email == email)).one()
        assert ann.created_by_id == coord.person_id
    signed = shared_server.sign_in(shared.desktop_url, email, password)
    shared._open.append(signed.db)
    assert signed.actor.roles == {town.org_a: frozenset({accounts.Role.VOLUNTEER})}
    # The volunteer of B joined A too: the coordinator sees them now, as a member.
    assert browse.count_volunteers(db, coord) == 3
    rows = browse.fetch_volunteers(db, coord)
    assert {r.email for r in rows} == {"vol@example.org", "ann@example.org", "vol.b@example.org"}


def test_reports_and_exports_cover_the_coordinators_organisation_only(shared: SharedServer, tmp_path: Path) -> None:
    town = shared.community
    admin_db = superuser(shared)
    for person in (town.volunteer, town.other_volunteer):
        free_always(admin_db, person.person_id)
    signups.sign_up(admin_db, town.volunteer, occurrence_of(admin_db, town.task_a), now=NOW)
    signups.sign_up(admin_db, town.other_volunteer, occurrence_of(admin_db, town.task_b), now=NOW)
    db = shared.as_person("coord.a@example.org")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    later = DAY + timedelta(days=1)
    report = reports.organisation_report(db, coord, town.org_a, now=later)
    # What the coordinator's own login reads is what the whole database says about their organisation.
    assert report == reports.organisation_report(admin_db, town.coord_a, town.org_a, now=later)
    assert report.places_offered == 3 and report.places_filled == 1
    assert reports.report_csv(report) == reports.report_csv(
        reports.organisation_report(admin_db, town.coord_a, town.org_a, now=later)
    )
    summary = reports.transparency_summary(db, coord, town.org_a, now=later)
    assert summary == reports.transparency_summary(admin_db, town.coord_a, town.org_a, now=later)
    assert exports.export(db, coord, "tasks", tmp_path / "tasks.csv") == 1
    assert exports.export(db, coord, "volunteers", tmp_path / "volunteers.csv") == 1
    assert "vol.b@example.org" not in (tmp_path / "volunteers.csv").read_text(encoding="utf-8")
    with pytest.raises(PermissionDenied):
        reports.organisation_report(db, coord, town.org_b, now=NOW)


# --------------------------------------------------------------------------- site administrator


def test_the_site_admin_manages_organisations_and_accounts(shared: SharedServer) -> None:
    town = shared.community
    free_always(superuser(shared), town.volunteer.person_id)
    db = shared.as_person("admin@example.org")
    admin = accounts.sign_in(db, "admin@example.org", PASSWORD)

    org = organisations.create_organisation(db, admin, "Lakeside Library")
    invited = accounts.invite(db, admin, "Lee@Example.org", "Lee", org, accounts.Role.VOLUNTEER)
    assert invited.password is not None
    lee = shared_server.sign_in(shared.desktop_url, "lee@example.org", invited.password)
    shared._open.append(lee.db)
    assert lee.actor.roles == {org: frozenset({accounts.Role.VOLUNTEER})}

    accounts.grant_role(db, admin, "lee@example.org", org, accounts.Role.COORDINATOR)
    lee_again = shared_server.sign_in(shared.desktop_url, "lee@example.org", invited.password)
    shared._open.append(lee_again.db)
    task = add_task(lee_again.db, lee_again.actor, org, "Shelve books", DAY)  # a coordinator now
    accounts.revoke_role(db, admin, "lee@example.org", org, accounts.Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        tasks.publish_task(lee_again.db, accounts.refresh(lee_again.db, lee_again.actor), task)

    # The site admin sees no homes, ID numbers or free hours.
    with pytest.raises(PermissionDenied):
        places.visible_home(db, admin, town.volunteer.person_id)
    with db.read() as s:
        assert s.scalars(select(AvailabilitySlot.id)).all() == []
        assert s.scalars(select(VolunteerProfile.person_id)).all() == []

    accounts.remove(db, admin, "lee@example.org")
    with pytest.raises(InvalidCredentials):
        shared_server.sign_in(shared.desktop_url, "lee@example.org", invited.password)
