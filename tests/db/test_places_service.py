"""Places on a real database (SQLite and PostgreSQL): the geocode cache and private homes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from tests.unit.fake_nominatim import FakeNominatim
from volunteer_app.domain.enums import Role
from volunteer_app.services.accounts import Actor, hash_password
from volunteer_app.services.errors import InvalidInput, NotSignedIn, PermissionDenied
from volunteer_app.services.places import (
    DatabaseGeocodeCache,
    make_geocoder,
    nominatim_url,
    online_disabled,
    set_home,
    visible_home,
)
from volunteer_app.settings import Settings
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, GeocodeCacheEntry, Membership, Organisation, Person, VolunteerProfile

PROVIDER = "nominatim:http://127.0.0.1:1"


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim() as fake:
        yield fake


# --- the cache ----------------------------------------------------------------------------------


def test_cache_round_trip_with_normalised_keys(db: Database) -> None:
    cache = DatabaseGeocodeCache(db)
    payload = {"format": 1, "candidates": [{"name": "南山路", "latitude": 30.259244, "longitude": 120.137003}]}
    cache.put(PROVIDER, "Nanshan Road,  HANGZHOU", payload)
    assert cache.get(PROVIDER, "nanshan road, hangzhou") == payload
    assert cache.get(PROVIDER, "Ｎａｎｓｈａｎ Road, Hangzhou") == payload  # full-width letters (NFKC)
    assert cache.get("nominatim:https://other.example.org", "nanshan road, hangzhou") is None
    assert cache.get(PROVIDER, "somewhere else") is None
    cache.put(PROVIDER, "nanshan road, hangzhou", {"format": 1, "candidates": []})
    assert cache.get(PROVIDER, "Nanshan Road, Hangzhou") == {"format": 1, "candidates": []}
    with db.read() as s:
        assert s.scalar(select(func.count(GeocodeCacheEntry.id))) == 1


def test_cache_keeps_long_queries_and_providers_apart(db: Database) -> None:
    cache = DatabaseGeocodeCache(db)
    long_provider = "nominatim:https://example.org/" + "p" * 300
    cache.put(long_provider, "a" * 900, {"n": 1})
    cache.put(long_provider, "a" * 901, {"n": 2})
    assert cache.get(long_provider, "a" * 900) == {"n": 1}
    assert cache.get(long_provider, "a" * 901) == {"n": 2}


def test_the_same_address_never_goes_out_twice(
    db: Database, server: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOLUNTEER_APP_NOMINATIM_URL", server.url)
    monkeypatch.delenv("VOLUNTEER_APP_GEOCODER", raising=False)
    first = make_geocoder(db, Settings()).geocode("南山路 杭州")
    assert first.source == "nominatim"
    # A new geocoder (another window, another day) still finds the answer in the database.
    again = make_geocoder(db, Settings()).geocode("南山路  杭州")
    assert again.source == "cache"
    assert again.candidates[0].precision == "street"
    assert len(server.search_requests()) == 1
    # Offline, the cached answer still serves; other queries go to the gazetteer.
    offline = make_geocoder(db, Settings(), offline=True)
    assert offline.geocode("南山路 杭州").source == "cache"
    assert offline.geocode("杭州").source == "gazetteer"
    assert len(server.search_requests()) == 1


def test_offline_mode_from_the_environment(
    db: Database, server: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOLUNTEER_APP_NOMINATIM_URL", server.url)
    monkeypatch.setenv("VOLUNTEER_APP_GEOCODER", "offline")
    geocoder = make_geocoder(db, Settings())
    assert geocoder.online is None
    answer = geocoder.geocode("Hangzhou")
    assert answer.source == "gazetteer" and answer.warning is None
    assert server.search_requests() == []


def test_a_malformed_endpoint_works_offline_and_says_why(db: Database) -> None:
    geocoder = make_geocoder(db, Settings(nominatim_url="nominatim.example.org"), env={})
    answer = geocoder.geocode("Hangzhou")
    assert answer.source == "gazetteer"
    assert answer.warning == "The geocoder address 'nominatim.example.org' is not an http:// or https:// URL."


def test_endpoint_choice() -> None:
    assert nominatim_url(Settings(), env={}) == "https://nominatim.openstreetmap.org"
    assert nominatim_url(Settings(nominatim_url="https://geo.example.org"), env={}) == "https://geo.example.org"
    env = {"VOLUNTEER_APP_NOMINATIM_URL": "http://10.0.0.5:8080"}
    assert nominatim_url(Settings(nominatim_url="https://geo.example.org"), env=env) == "http://10.0.0.5:8080"
    assert online_disabled(Settings(), env={"VOLUNTEER_APP_GEOCODER": "OFFLINE"})
    assert not online_disabled(Settings(), env={})


# --- homes --------------------------------------------------------------------------------------


def _person(db: Database, email: str) -> Actor:
    with db.transaction() as s:
        person = Person(email=email, display_name=email.split("@")[0], password_hash=hash_password("password123"))
        s.add(person)
        s.flush()
        return Actor(person_id=person.id, email=email, display_name=person.display_name, is_admin=False)


def _organisation(db: Database, name: str) -> int:
    with db.transaction() as s:
        org = Organisation(name=name)
        s.add(org)
        s.flush()
        return org.id


def _member(db: Database, actor: Actor, organisation_id: int, role: Role) -> None:
    with db.transaction() as s:
        s.add(Membership(person_id=actor.person_id, organisation_id=organisation_id, role=role))


@pytest.fixture
def people(db: Database) -> dict[str, Actor]:
    riverside = _organisation(db, "Riverside Community Centre")
    hillside = _organisation(db, "Hillside Food Bank")
    actors = {
        name: _person(db, f"{name}@example.org")
        for name in ("volunteer", "coordinator", "org_admin", "other_coordinator", "other_volunteer")
    }
    _member(db, actors["volunteer"], riverside, Role.VOLUNTEER)
    _member(db, actors["volunteer"], hillside, Role.VOLUNTEER)
    _member(db, actors["coordinator"], riverside, Role.COORDINATOR)
    _member(db, actors["org_admin"], hillside, Role.ADMIN)
    other = _organisation(db, "Lakeside Library")
    _member(db, actors["other_coordinator"], other, Role.COORDINATOR)
    _member(db, actors["other_volunteer"], riverside, Role.VOLUNTEER)
    return actors


def test_a_home_is_stored_at_about_100_m_by_default(db: Database, people: dict[str, Actor]) -> None:
    me = people["volunteer"]
    home = set_home(db, me, " 12 Nanshan Road, Hangzhou ", 30.259244, 120.137003)
    assert (home.address, home.latitude, home.longitude) == ("12 Nanshan Road, Hangzhou", 30.259, 120.137)
    with db.read() as s:
        profile = s.get(VolunteerProfile, me.person_id)
        assert profile is not None
        assert (profile.home_latitude, profile.home_longitude) == (30.259, 120.137)
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "profile.set_home")).one()
        assert event.actor_id == me.person_id
        assert "Nanshan" not in str(event.details) and "30.25" not in str(event.details)  # the trail stays private
    exact = set_home(db, me, "12 Nanshan Road, Hangzhou", 30.259244, 120.137003, exact=True)
    assert (exact.latitude, exact.longitude) == (30.259244, 120.137003)
    cleared = set_home(db, me, None, None, None)
    assert cleared.address is None and cleared.latitude is None


def test_set_home_checks_its_input(db: Database, people: dict[str, Actor]) -> None:
    me = people["volunteer"]
    with pytest.raises(InvalidInput):
        set_home(db, me, "x", 91.0, 0.0)
    with pytest.raises(InvalidInput):
        set_home(db, me, "x", 30.0, None)
    with pytest.raises(NotSignedIn):
        set_home(db, None, "x", 30.0, 120.0)


def test_who_may_see_a_home(db: Database, people: dict[str, Actor]) -> None:
    volunteer = people["volunteer"]
    set_home(db, volunteer, "12 Nanshan Road, Hangzhou", 30.259244, 120.137003)
    for viewer in ("volunteer", "coordinator", "org_admin"):
        home = visible_home(db, people[viewer], volunteer.person_id)
        assert home.address == "12 Nanshan Road, Hangzhou", viewer
        assert (home.latitude, home.longitude) == (30.259, 120.137)
    for viewer in ("other_coordinator", "other_volunteer"):
        with pytest.raises(PermissionDenied):
            visible_home(db, people[viewer], volunteer.person_id)
    with pytest.raises(NotSignedIn):
        visible_home(db, None, volunteer.person_id)


def test_a_home_not_set_yet_and_unknown_people(db: Database, people: dict[str, Actor]) -> None:
    home = visible_home(db, people["coordinator"], people["other_volunteer"].person_id)
    assert (home.address, home.latitude, home.longitude) == (None, None, None)
    with pytest.raises(PermissionDenied):  # no hint whether person 999999 exists
        visible_home(db, people["coordinator"], 999_999)
