"""The volunteer's profile on a real database (SQLite and PostgreSQL): read, save, checks, privacy."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import Community, build
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.services import accounts, availability, places, profiles
from volunteer_app.services.errors import InvalidInput, NotSignedIn, PermissionDenied
from volunteer_app.services.profiles import ProfileInput
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, AvailabilitySlot, Person, VolunteerProfile, VolunteerSkill


@pytest.fixture
def community(db: Database, monkeypatch: pytest.MonkeyPatch) -> Community:
    # Argon2 with tiny parameters: building the community signs in five people.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    return build(db)


def test_a_new_volunteer_sees_defaults_and_the_first_save_creates_the_profile(
    db: Database, community: Community
) -> None:
    before = profiles.get_profile(db, community.volunteer)
    assert not before.exists and before.radius_km == 5.0 and before.skills == {} and before.weekly_cap_hours is None
    assert before.email == "vol@example.org" and before.name == "vol"
    saved = profiles.save_profile(
        db,
        community.volunteer,
        ProfileInput(
            name="  Ann   Lee ",
            phone="+86 138 0000 0000",
            languages=["ZH", "en-gb", "zh"],
            radius_km=12.5,
            weekly_cap_hours=6.5,
            skills={"first_aid": 3, "driving": 1},
        ),
    )
    assert saved.exists
    assert (saved.name, saved.phone, saved.languages) == ("Ann Lee", "+86 138 0000 0000", ["zh", "en-GB"])
    assert (saved.radius_km, saved.weekly_cap_hours, saved.skills) == (12.5, 6.5, {"driving": 1, "first_aid": 3})
    with db.read() as s:
        row = s.get(VolunteerProfile, community.volunteer.person_id)
        assert row is not None and row.weekly_hour_cap_minutes == 390 and row.languages == "zh,en-GB"
        assert s.get(Person, community.volunteer.person_id).display_name == "Ann Lee"  # type: ignore[union-attr]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "profile.save")).one()
        assert event.actor_id == community.volunteer.person_id
        assert set(event.details["changed"]) >= {"name", "phone", "languages", "radius_km", "weekly_cap", "skills"}
        assert "138" not in str(event.details)  # which fields changed, never the values


def test_saving_replaces_the_skills(db: Database, community: Community) -> None:
    me = community.volunteer
    profiles.save_profile(db, me, ProfileInput(name="vol", skills={"first_aid": 2, "driving": 4}))
    profiles.save_profile(db, me, ProfileInput(name="vol", skills={"first_aid": 5}))
    assert profiles.get_profile(db, me).skills == {"first_aid": 5}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(VolunteerSkill)) == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"radius_km": 0}, "radius_km", "A travel distance of 0 km is not possible"),
        ({"radius_km": 501}, "radius_km", "A travel distance of 501 km"),
        ({"weekly_cap_hours": -1}, "weekly_cap_hours", "A weekly limit of -1 hours"),
        ({"weekly_cap_hours": 169}, "weekly_cap_hours", "A weekly limit of 169 hours"),
        ({"skills": {"first_aid": 6}}, "skills", "Level 6 for 'first_aid' is not possible"),
        ({"skills": {"first_aid": 0}}, "skills", "Level 0 for 'first_aid'"),
        ({"skills": {"juggling": 2}}, "skills", "'juggling' is not a skill in the catalogue."),
        ({"name": "   "}, "name", "The name must not be empty."),
        ({"phone": "call me"}, "phone", "'call me' is not a phone number"),
        ({"languages": ["english!"]}, "languages", "'english!' is not a language tag"),
        ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not a time zone"),
    ],
)
def test_bad_values_are_refused_with_one_sentence_and_nothing_is_written(
    db: Database, community: Community, change: dict[str, object], field: str, message: str
) -> None:
    me = community.volunteer
    profiles.save_profile(db, me, ProfileInput(name="Kept", radius_km=3, skills={"driving": 2}))
    data = ProfileInput(name="Changed", radius_km=9, skills={"driving": 3})
    for key, value in change.items():
        setattr(data, key, value)
    with pytest.raises(InvalidInput) as caught:
        profiles.save_profile(db, me, data, weekly=[WeeklySlot(0, 540, 600)])
    assert caught.value.field == field
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    kept = profiles.get_profile(db, me)
    assert (kept.name, kept.radius_km, kept.skills) == ("Kept", 3, {"driving": 2})
    assert availability.get_weekly_pattern(db, me) == []


def test_a_bad_weekly_slot_writes_nothing_either(db: Database, community: Community) -> None:
    me = community.volunteer
    with pytest.raises(InvalidInput, match="ends before it starts"):
        profiles.save_profile(db, me, ProfileInput(name="New", radius_km=8), weekly=[WeeklySlot(1, 600, 540)])
    assert not profiles.get_profile(db, me).exists
    profiles.save_profile(db, me, ProfileInput(name="New", radius_km=8), weekly=[WeeklySlot(1, 540, 600)])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AvailabilitySlot)) == 1


def test_who_may_read_a_profile(db: Database, community: Community) -> None:
    places.set_home(db, community.volunteer, "1 River Road", 30.27, 120.15)
    profiles.save_profile(db, community.volunteer, ProfileInput(name="vol", skills={"first_aid": 4}))
    seen = profiles.get_profile(db, community.coord_a, community.volunteer.person_id)  # their coordinator
    assert seen.skills == {"first_aid": 4} and seen.home.address == "1 River Road"
    with pytest.raises(PermissionDenied):
        profiles.get_profile(db, community.coord_b, community.volunteer.person_id)  # another organisation's
    with pytest.raises(PermissionDenied):
        profiles.get_profile(db, community.other_volunteer, community.volunteer.person_id)
    with pytest.raises(NotSignedIn):
        profiles.save_profile(db, None, ProfileInput(name="x"))


def test_the_catalogue_and_the_level_words(db: Database, community: Community) -> None:
    catalogue = profiles.skills_catalogue(db, community.volunteer)
    assert [(s.key, s.label) for s in catalogue] == [("driving", "Driving"), ("first_aid", "First aid")]
    assert sorted(profiles.LEVEL_DESCRIPTIONS) == [1, 2, 3, 4, 5]
    assert profiles.level_description(3) == "Can do it alone"
