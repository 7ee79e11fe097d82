"""Matching from the database: the same placements as the file path, stored in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app import matching
from volunteer_app.domain.enums import Role, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, signups, tasks
from volunteer_app.services import matching as matching_service
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Signup, Skill, TaskOccurrence, VolunteerProfile, VolunteerSkill

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday; the community's tasks are on 7 May 2030


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        first_aid = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        for actor, lat in ((town.volunteer, 30.271), (town.coord_a, 30.275), (town.other_volunteer, 30.279)):
            s.add(VolunteerProfile(person_id=actor.person_id, home_latitude=lat, home_longitude=120.152,
                                   radius_km=6.0, timezone="Asia/Shanghai"))
            # Free all day every day (local time), so only slots and clashes decide.
            s.add_all(AvailabilitySlot(person_id=actor.person_id, weekday=d, start_minute=0, end_minute=1440)
                      for d in range(7))
        s.add(VolunteerSkill(person_id=town.volunteer.person_id, skill_id=first_aid, level=3))
    # Both organisations' volunteers belong to A as well, so A's engine may place them.
    accounts.grant_role(db, town.admin, "vol.b@example.org", town.org_a, Role.VOLUNTEER)
    accounts.grant_role(db, town.admin, "coord.a@example.org", town.org_a, Role.VOLUNTEER)
    return town


def _add_task(db: Database, town: Community, title: str, hours_from: int, **kw: object) -> int:
    start = datetime(2030, 5, 7, 1, 0, tzinfo=UTC) + timedelta(hours=hours_from)
    data = tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start,
                           ends_at=start + timedelta(hours=2), latitude=30.272, longitude=120.153,
                           status=TaskStatus.OPEN, **kw)  # type: ignore[arg-type]
    return tasks.create_task(db, town.coord_a, data)


def _pairs(assignments: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return sorted((a["volunteer"], a["task"], a["start"]) for a in assignments)


def test_database_path_and_file_path_give_the_same_placements(db: Database, town: Community) -> None:
    _add_task(db, town, "First aid post", 4, requires={"first_aid": 2}, slots=2, priority=5)
    _add_task(db, town, "Flexible sorting", 0, kind=TaskKind.FLEXIBLE, minutes=60, slots=2)
    start, end = NOW, NOW + timedelta(days=14)
    exported = matching_service.export_organisation_instance(db, town.coord_a, town.org_a, start, end)
    from_file = matching.result_to_json(matching.assign(matching.parse_instance(json.loads(json.dumps(exported)))))
    outcome = matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end)
    assert outcome.result["assignments"], "the scenario must place someone"
    assert _pairs(outcome.result["assignments"]) == _pairs(from_file["assignments"])
    assert outcome.result["objective"] == pytest.approx(from_file["objective"])
    # Only the volunteer with first aid can take the first-aid post: one of its two slots stays open.
    first_aid = next(t["id"] for t in exported["tasks"] if t["requires"] == {"first_aid": 2})
    assert outcome.result["unfilled"].get(first_aid) == 1
    assert not outcome.applied
    with db.read() as s:
        assert s.scalars(select(Signup)).all() == []  # a dry run stores nothing


def test_apply_stores_proposals_once_and_respects_what_exists(db: Database, town: Community) -> None:
    task_id = _add_task(db, town, "Sort donations too", 8, slots=2)
    with db.read() as s:
        occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
    assert signups.sign_up(db, town.other_volunteer, occ) is SignupStatus.CONFIRMED
    start, end = NOW, NOW + timedelta(days=14)
    outcome = matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end, apply=True)
    with db.read() as s:
        rows = s.scalars(select(Signup).where(Signup.occurrence_id == occ)).all()
        engine_rows = s.scalars(select(Signup).where(Signup.source == SignupSource.ENGINE)).all()
    assert len(rows) == 2  # the confirmed one kept, one more proposed: never over the two slots
    assert {r.status for r in rows} == {SignupStatus.CONFIRMED, SignupStatus.PROPOSED}
    assert len(engine_rows) == len(outcome.proposals) > 0
    assert all(r.status is SignupStatus.PROPOSED for r in engine_rows)
    # Running again proposes nothing new for what is already placed.
    again = matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end, apply=True)
    placed = {(p.person_id, p.occurrence_id) for p in again.proposals}
    assert not placed & {(r.person_id, r.occurrence_id) for r in engine_rows}


def test_a_declined_proposal_is_not_made_again(db: Database, town: Community) -> None:
    task_id = _add_task(db, town, "Only one slot", 12, slots=1)
    start, end = NOW, NOW + timedelta(days=14)
    matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end, apply=True)
    with db.read() as s:
        occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
        proposed = s.scalars(select(Signup).where(Signup.occurrence_id == occ)).one()
    person = {town.volunteer.person_id: town.volunteer, town.coord_a.person_id: town.coord_a,
              town.other_volunteer.person_id: town.other_volunteer}[proposed.person_id]
    signups.set_status(db, person, proposed.id, SignupStatus.DECLINED)
    again = matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end)
    assert (proposed.person_id, occ) not in {(p.person_id, p.occurrence_id) for p in again.proposals}


def test_only_the_organisations_coordinators_may_assign(db: Database, town: Community) -> None:
    start, end = NOW, NOW + timedelta(days=14)
    for actor in (town.volunteer, town.coord_b, None):
        with pytest.raises(PermissionDenied):
            matching_service.propose_assignments(db, actor, town.org_a, start, end, apply=True)


def test_suggestions_rank_and_respect_busy_time(db: Database, town: Community) -> None:
    near_full = _add_task(db, town, "Nearly full", 30, slots=1)
    _add_task(db, town, "Wide open", 30, slots=4)
    clash = _add_task(db, town, "Clashes with a confirmed signup", 50, slots=3)
    mine = _add_task(db, town, "Already mine", 50, slots=3)
    with db.read() as s:
        occ = {t: s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == t)).one()
               for t in (near_full, clash, mine)}
    signups.sign_up(db, town.other_volunteer, occ[near_full])  # fills "Nearly full"
    signups.sign_up(db, town.volunteer, occ[mine])  # busy 7 May 03:00-05:00 UTC + 50 h
    views = matching_service.suggest_for(db, town.volunteer, "vol@example.org", now=NOW, limit=None)
    titles = [v.title for v in views]
    assert "Already mine" not in titles
    assert "Clashes with a confirmed signup" not in titles
    assert titles.index("Wide open") < titles.index("Nearly full")
    waitlisted = {v.title: v.suggestion.waitlist for v in views}
    assert waitlisted["Nearly full"] is True and waitlisted["Wide open"] is False
    with pytest.raises(PermissionDenied):
        matching_service.suggest_for(db, town.coord_b, "vol@example.org", now=NOW)
    assert matching_service.suggest_for(db, town.coord_a, "vol@example.org", now=NOW)


def test_assign_window_reads_dates_as_local_time_and_names_bad_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from volunteer_app.services.errors import InvalidInput

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        start, end = matching_service.resolve_window(NOW, "2030-05-04", None)
        assert start == datetime(2030, 5, 3, 16, 0, tzinfo=UTC)  # midnight in Hangzhou
        assert end - start == timedelta(days=14)
        with pytest.raises(InvalidInput) as bad:
            matching_service.resolve_window(NOW, "4 May", None)
        assert bad.value.field == "from" and "4 May" in str(bad.value)
        with pytest.raises(InvalidInput) as bad:
            matching_service.resolve_window(NOW, "2030-05-04", "2030-05-01")
        assert bad.value.field == "to"
    finally:
        monkeypatch.undo()
        time.tzset()


def _set_weekly_cap(db: Database, person_id: int, minutes: int) -> None:
    with db.transaction() as s:
        profile = s.get(VolunteerProfile, person_id)
        assert profile is not None
        profile.weekly_hour_cap_minutes = minutes


def test_a_weekly_cap_is_one_cap_per_calendar_week_of_the_volunteers_zone(db: Database, town: Community) -> None:
    _set_weekly_cap(db, town.volunteer.person_id, 120)
    # Tue 7 and Wed 8 May (one week in Hangzhou), Tue 14 May (the next): two hours each, and
    # only the volunteer with first aid may take them.
    _add_task(db, town, "First aid Tuesday", 0, requires={"first_aid": 2}, priority=5)
    _add_task(db, town, "First aid Wednesday", 24, requires={"first_aid": 2}, priority=5)
    _add_task(db, town, "First aid next week", 24 * 7, requires={"first_aid": 2}, priority=1)
    start, end = NOW, NOW + timedelta(days=14)
    exported = matching_service.export_organisation_instance(db, town.coord_a, town.org_a, start, end)
    me = next(v for v in exported["volunteers"] if v["id"] == f"p{town.volunteer.person_id}")
    assert me.get("max_minutes") is None  # not "weekly cap x weeks spanned" any more
    # Wed 1 May falls in the week of Mon 29 April; the horizon ends in the week of Mon 13 May.
    assert [(c["from"], c["to"], c["max_minutes"]) for c in me["caps"]] == [
        ("2030-04-29T00:00:00+08:00", "2030-05-06T00:00:00+08:00", 120),
        ("2030-05-06T00:00:00+08:00", "2030-05-13T00:00:00+08:00", 120),
        ("2030-05-13T00:00:00+08:00", "2030-05-20T00:00:00+08:00", 120),
    ]
    outcome = matching_service.propose_assignments(db, town.coord_a, town.org_a, start, end)
    mine = [p for p in outcome.proposals if p.person_id == town.volunteer.person_id]
    # Two hours a week: one of the two priority-5 shifts this week, and next week's shift;
    # a cap over the whole fortnight (4 hours) would have taken both priority-5 shifts.
    titles = sorted(p.title for p in mine)
    assert len(titles) == 2 and "First aid next week" in titles, titles
    from_file = matching.result_to_json(matching.assign(matching.parse_instance(json.loads(json.dumps(exported)))))
    assert _pairs(outcome.result["assignments"]) == _pairs(from_file["assignments"])


def test_a_signup_held_elsewhere_uses_its_weeks_cap(db: Database, town: Community) -> None:
    # Organisation B's volunteer (also a volunteer of A) holds B's shift on Tue 7 May, 09:00-11:00
    # in Hangzhou. A's horizon starts on Wed 8 May: the shift is before it, in the same week.
    person = town.other_volunteer.person_id
    _set_weekly_cap(db, person, 120)
    assert signups.sign_up(db, town.other_volunteer, _occurrence(db, town.task_b)) is SignupStatus.CONFIRMED
    _add_task(db, town, "Sort more donations", 30)
    wednesday = datetime(2030, 5, 7, 16, 0, tzinfo=UTC)  # Wed 8 May 00:00 in Hangzhou
    built = matching_service.export_organisation_instance(
        db, town.coord_a, town.org_a, wednesday, wednesday + timedelta(days=14)
    )
    them = next(v for v in built["volunteers"] if v["id"] == f"p{person}")
    assert [(c["from"], c["max_minutes"]) for c in them["caps"]] == [
        ("2030-05-06T00:00:00+08:00", 0),
        ("2030-05-13T00:00:00+08:00", 120),
        ("2030-05-20T00:00:00+08:00", 120),
    ]
    result = matching.result_to_json(matching.assign(matching.parse_instance(built)))
    assert f"p{person}" not in {a["volunteer"] for a in result["assignments"] if a["start"] < "2030-05-13"}


def _occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
