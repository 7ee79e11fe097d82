"""Privacy edges on SQLite and PostgreSQL: homes and free hours stay with the volunteer and their
coordinators; answers and sign-in never tell which emails have accounts; demo hashes get the full settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.services import accounts, certificates, privacy, tasks
from volunteer_app.services import matching as matching_service
from volunteer_app.services.errors import InvalidCredentials, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Person, VolunteerProfile

REAL_HASHER = accounts._hasher
NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday
HOME = (30.2712, 120.1523)
# Tuesday 7 May 2030, 01:00 UTC = 09:00 in Shanghai.
TUESDAY = datetime(2030, 5, 7, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        s.add(VolunteerProfile(person_id=town.volunteer.person_id, home_latitude=HOME[0], home_longitude=HOME[1],
                               radius_km=8.0, timezone="Asia/Shanghai"))  # fmt: skip
        # Free on Tuesdays from 10:30 to 16:00 (Shanghai): a flexible 09:00-17:00 window starts at 10:30.
        s.add(AvailabilitySlot(person_id=town.volunteer.person_id, weekday=1, start_minute=10 * 60 + 30,
                               end_minute=16 * 60))  # fmt: skip
    for title, hours, place, kind in (
        ("Fixed shift", (2, 4), (30.2912, 120.1723), TaskKind.FIXED),
        ("Flexible window", (0, 8), (30.2512, 120.1323), TaskKind.FLEXIBLE),
    ):
        tasks.create_task(db, town.coord_a, tasks.TaskInput(
            organisation_id=town.org_a, title=title, starts_at=TUESDAY + timedelta(hours=hours[0]),
            ends_at=TUESDAY + timedelta(hours=hours[1]), latitude=place[0], longitude=place[1], kind=kind,
            minutes=60 if kind is TaskKind.FLEXIBLE else None, status=TaskStatus.OPEN,
        ))  # fmt: skip
    return town


def suggestions(db: Database, viewer: accounts.Actor) -> dict[str, matching_service.SuggestionView]:
    views = matching_service.suggest_for(db, viewer, "vol@example.org", now=NOW, limit=None)
    return {v.title: v for v in views}


def codes(view: matching_service.SuggestionView) -> set[str]:
    return {r.code for r in view.suggestion.reasons}


# --------------------------------------------------------------------------- homes and free hours


def test_the_site_administrator_sees_no_fine_distance_and_no_free_hours(db: Database, town: Community) -> None:
    mine = suggestions(db, town.volunteer)
    theirs = suggestions(db, town.admin)
    assert set(mine) == set(theirs) >= {"Fixed shift", "Flexible window"}
    for title, view in theirs.items():
        s = view.suggestion
        fine = mine[title].suggestion
        assert fine.distance_km != round(fine.distance_km)  # the volunteer's own view is exact ...
        assert s.distance_km == float(round(s.distance_km)) == privacy.coarse_km(fine.distance_km)  # ... theirs not
        assert "free_slot" not in codes(view) and "free_slot" in codes(mine[title])
        km = next(r.params["km"] for r in s.reasons if r.code == "distance")
        assert km == float(int(km))
        assert s.alternatives == () and s.score == 0.0
    # The suggested start of a flexible task is where the free time begins (10:30): others see the window's.
    assert mine["Flexible window"].suggestion.start.astimezone(UTC) == TUESDAY + timedelta(hours=1, minutes=30)
    assert theirs["Flexible window"].suggestion.start.astimezone(UTC) == TUESDAY
    assert "urgent" not in codes(theirs["Flexible window"])
    # Nor does the order tell which task is nearer: it follows only what they may see.
    listed = [v.suggestion for v in matching_service.suggest_for(db, town.admin, "vol@example.org", now=NOW, limit=None)]
    assert listed == sorted(listed, key=lambda s: (s.waitlist, s.distance_km, s.start, s.task))


def test_the_volunteer_and_their_coordinator_still_see_it_all(db: Database, town: Community) -> None:
    mine = suggestions(db, town.volunteer)
    coordinator = suggestions(db, town.coord_a)
    assert set(mine) == set(coordinator)
    for title, view in coordinator.items():
        assert view.suggestion == mine[title].suggestion
        assert "free_slot" in codes(view)
    # The coordinator of another organisation is refused, as before.
    with pytest.raises(PermissionDenied):
        suggestions(db, town.coord_b)


def test_coarse_distances_round_half_up_to_whole_kilometres() -> None:
    assert [privacy.coarse_km(k) for k in (0.0, 0.49, 0.5, 1.234, 2.5, 7.999)] == [0.0, 0.0, 1.0, 1.0, 3.0, 8.0]
    assert privacy.coarse_km(float("nan")) == 0.0


# --------------------------------------------------------------------------- account enumeration


@pytest.mark.parametrize("email", ["vol@example.org", "nobody@example.org", "x" * 500, "bad\udc80@example.org"])
def test_a_volunteer_gets_one_answer_for_other_people_and_unknown_emails(
    db: Database, town: Community, email: str
) -> None:
    with pytest.raises(PermissionDenied) as caught:
        matching_service.suggest_for(db, town.other_volunteer, email, now=NOW)
    assert str(caught.value) == "You may see suggestions only for yourself or your volunteers."


def test_an_email_lookup_tells_a_volunteer_nothing_about_others(db: Database, town: Community) -> None:
    answers = []
    for email in ("coord.a@example.org", "nobody@example.org"):
        with pytest.raises(PermissionDenied) as caught:
            certificates.person_id_for_email(db, town.volunteer, email)
        answers.append(str(caught.value))
    assert len(set(answers)) == 1 and "you may name only yourself" in answers[0]
    with pytest.raises(NotFound, match=r"No account for nobody@example\.org"):  # a coordinator is told
        certificates.person_id_for_email(db, town.coord_a, "nobody@example.org")
    # Their own address works, and so does anyone's for a coordinator.
    assert certificates.person_id_for_email(db, town.volunteer, "vol@example.org") == town.volunteer.person_id
    assert certificates.person_id_for_email(db, town.coord_b, "vol@example.org") == town.volunteer.person_id


def test_sign_in_says_the_same_for_an_unknown_email_a_wrong_password_and_an_inactive_account(
    db: Database, town: Community
) -> None:
    with db.transaction() as s:
        person = s.scalars(select(Person).where(Person.email == "vol.b@example.org")).one()
        person.is_active = False
    answers = []
    for email, password in (
        ("nobody@example.org", PASSWORD),
        ("vol@example.org", "wrong password"),
        ("vol.b@example.org", PASSWORD),  # right password, inactive
        ("x" * 400 + "@example.org", PASSWORD),  # no account can have it
        ("VOL@example.org\n", "wrong password"),
    ):
        with pytest.raises(InvalidCredentials) as caught:
            accounts.sign_in(db, email, password)
        answers.append(str(caught.value))
    assert set(answers) == {"Wrong email or password."}
    assert accounts.sign_in(db, " VOL@Example.org ", PASSWORD).person_id == town.volunteer.person_id


# --------------------------------------------------------------------------- demo hashes


def test_a_demo_accounts_first_sign_in_rehashes_with_the_full_settings(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "_hasher", REAL_HASHER)
    light = accounts.hash_demo_password("demo password 1")
    with db.transaction() as s:
        s.add(Person(email="demo@example.org", display_name="Demo", password_hash=light))
    assert REAL_HASHER.check_needs_rehash(light)
    with pytest.raises(InvalidCredentials):  # a wrong password changes nothing
        accounts.sign_in(db, "demo@example.org", "not it at all")
    with db.read() as s:
        assert s.scalars(select(Person.password_hash).where(Person.email == "demo@example.org")).one() == light
    accounts.sign_in(db, "demo@example.org", "demo password 1")
    with db.read() as s:
        stored = s.scalars(select(Person.password_hash).where(Person.email == "demo@example.org")).one()
    assert stored != light and stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert not REAL_HASHER.check_needs_rehash(stored)
    assert accounts.sign_in(db, "demo@example.org", "demo password 1").email == "demo@example.org"


def test_a_hand_assignment_check_hides_the_free_time_of_someone_not_theirs(db: Database, town: Community) -> None:
    from volunteer_app.services import hand_assign
    from volunteer_app.store.models import TaskOccurrence

    with db.transaction() as s:  # vol.b@ (organisation B only) is free on Sunday mornings alone
        s.add(AvailabilitySlot(person_id=town.other_volunteer.person_id, weekday=6, start_minute=480, end_minute=540))
        occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == town.task_a)).one()
    # Tuesday 09:00-11:00 in Shanghai: vol@ (A's volunteer) is free only from 10:30, and A's coordinator may know.
    assert hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol@example.org").not_free
    # Whether vol.b@ is free then is theirs and organisation B's business: not shown, not asked to override.
    assert not hand_assign.check_hand_assignment(db, town.coord_a, occ, "vol.b@example.org").not_free
    hand_assign.assign_by_hand(db, town.coord_a, occ, "vol.b@example.org")
    with pytest.raises(InvalidInput, match="not free"):
        hand_assign.assign_by_hand(db, town.coord_a, occ, "vol@example.org")
