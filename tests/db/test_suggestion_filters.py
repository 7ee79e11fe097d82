"""Suggestions carry what the page shows, and the page's filters are applied by the service."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from tests.support.community import Community, build
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.services import accounts, tasks
from volunteer_app.services import matching as matching_service
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.matching import SuggestionFilter
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, VolunteerProfile

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # Tuesday, 08:00 in Hangzhou


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)  # "Sort donations" and "Pack food parcels", about 1 km away, Tuesday 09:00
    with db.transaction() as s:
        s.add(VolunteerProfile(person_id=town.volunteer.person_id, home_latitude=30.27, home_longitude=120.15,
                               radius_km=20, timezone="Asia/Shanghai"))
        s.add_all(AvailabilitySlot(person_id=town.volunteer.person_id, weekday=d, start_minute=480, end_minute=1200)
                  for d in range(7))
    new = [
        ("Remote reading", DAY + timedelta(hours=4), None, "library", TaskKind.FLEXIBLE, 60),
        ("Far garden", DAY + timedelta(hours=5), (30.38, 120.15), "garden", TaskKind.FIXED, None),  # ~12 km
        ("Next week", DAY + timedelta(days=7, hours=2), (30.271, 120.151), "library", TaskKind.FIXED, None),
    ]
    for title, start, place, category, kind, minutes in new:
        tasks.create_task(db, town.coord_a, tasks.TaskInput(
            organisation_id=town.org_a, title=title, starts_at=start, ends_at=start + timedelta(hours=3),
            latitude=place[0] if place else None, longitude=place[1] if place else None, is_remote=place is None,
            category=category, kind=kind, minutes=minutes, slots=2, status=TaskStatus.OPEN))
    return town


def _titles(db: Database, town: Community, filters: SuggestionFilter | None = None) -> set[str]:
    views = matching_service.suggest_for(db, town.volunteer, "vol@example.org", now=NOW, limit=None,
                                         filters=filters)
    return {v.title for v in views}


def test_views_carry_what_the_page_shows(db: Database, town: Community) -> None:
    views = {v.title: v for v in matching_service.suggest_for(db, town.volunteer, "vol@example.org", now=NOW)}
    remote = views["Remote reading"]
    assert remote.is_remote and remote.minutes == 60 and remote.category == "library" and remote.for_self
    assert remote.timezone == "Asia/Shanghai" and remote.window_start == DAY + timedelta(hours=4)
    assert (remote.slots, remote.taken, remote.places_left) == (2, 0, 2)
    fixed = views["Sort donations"]
    assert not fixed.is_remote and fixed.minutes is None and fixed.places_left == 3
    assert fixed.window_end == DAY + timedelta(hours=3)
    coordinator = matching_service.suggest_for(db, town.coord_a, "vol@example.org", now=NOW)
    assert not any(v.for_self for v in coordinator)
    assert matching_service.suggestion_categories(db, town.volunteer) == ["garden", "library"]


def test_filters_narrow_the_suggestions(db: Database, town: Community) -> None:
    everything = _titles(db, town)
    assert {"Sort donations", "Pack food parcels", "Remote reading", "Far garden", "Next week"} <= everything
    assert _titles(db, town, SuggestionFilter(category="library")) == {"Remote reading", "Next week"}
    assert _titles(db, town, SuggestionFilter(remote_only=True)) == {"Remote reading"}
    near = _titles(db, town, SuggestionFilter(max_km=5))
    assert "Far garden" not in near and "Remote reading" in near and "Sort donations" in near
    next_week = _titles(db, town, SuggestionFilter(date_from=date(2030, 5, 14), date_to=date(2030, 5, 14)))
    assert next_week == {"Next week"}
    tuesday = _titles(db, town, SuggestionFilter(date_from=date(2030, 5, 7), date_to=date(2030, 5, 7)))
    assert "Next week" not in tuesday and "Sort donations" in tuesday
    # A date range beyond the usual two weeks reaches further.
    late = DAY + timedelta(days=18, hours=2)  # Saturday 25 May
    tasks.create_task(db, town.coord_a, tasks.TaskInput(
        organisation_id=town.org_a, title="Late May", starts_at=late, ends_at=late + timedelta(hours=2),
        latitude=30.271, longitude=120.151, status=TaskStatus.OPEN))
    assert "Late May" not in _titles(db, town)
    later = _titles(db, town, SuggestionFilter(date_from=date(2030, 5, 20), date_to=date(2030, 5, 30)))
    assert later == {"Late May"}
    with pytest.raises(InvalidInput) as bad:
        _titles(db, town, SuggestionFilter(date_from=date(2030, 5, 9), date_to=date(2030, 5, 8)))
    assert bad.value.field == "date_to" and "2030-05-08" in str(bad.value)
    with pytest.raises(InvalidInput):
        _titles(db, town, SuggestionFilter(max_km=0))
