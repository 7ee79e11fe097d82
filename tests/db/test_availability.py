"""Free time on a real database (SQLite and PostgreSQL): the weekly pattern, exceptions, the engine's view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.enums import AvailabilityKind, TaskStatus
from volunteer_app.domain.intervals import merge
from volunteer_app.services import accounts, availability, profiles, signups, tasks
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.services.profiles import ProfileInput
from volunteer_app.services.suggestion_index import build_volunteer_instance
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, AvailabilityException, TaskOccurrence

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday, 08:00 in Shanghai.
NOW = datetime(2030, 6, 3, 8, 0, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def community(db: Database, monkeypatch: pytest.MonkeyPatch) -> Community:
    # Argon2 with tiny parameters: building the community signs in five people.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    return build(db)


def test_the_weekly_pattern_is_replaced_whole_and_merged(db: Database, community: Community) -> None:
    me = community.volunteer
    availability.set_weekly_pattern(db, me, [WeeklySlot(0, 540, 600), WeeklySlot(0, 600, 660), WeeklySlot(5, 0, 1440)])
    assert availability.get_weekly_pattern(db, me) == [WeeklySlot(0, 540, 660), WeeklySlot(5, 0, 1440)]
    availability.set_weekly_pattern(db, me, [WeeklySlot(2, 555, 600)])  # quarter hours are fine
    assert availability.get_weekly_pattern(db, me) == [WeeklySlot(2, 555, 600)]
    assert profiles.get_profile(db, me).exists  # the engine needs the profile row to see the time
    with db.read() as s:
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.action == "availability.set_weekly")).all() == [
            "availability.set_weekly",
            "availability.set_weekly",
        ]


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        (WeeklySlot(0, 600, 540), "The free time 10:00–09:00 ends before it starts."),
        (WeeklySlot(0, 600, 600), "The free time 10:00–10:00 ends before it starts."),
        (WeeklySlot(7, 0, 60), "7 is not a day of the week"),
        (WeeklySlot(0, 0, 1450), "1450 is outside the day"),
        (WeeklySlot(0, 545, 600), "09:05 is not on a quarter hour"),
    ],
)
def test_bad_slots_are_refused_and_the_old_pattern_stays(
    db: Database, community: Community, slot: WeeklySlot, message: str
) -> None:
    me = community.volunteer
    availability.set_weekly_pattern(db, me, [WeeklySlot(3, 60, 120)])
    with pytest.raises(InvalidInput) as caught:
        availability.set_weekly_pattern(db, me, [WeeklySlot(1, 0, 30), slot])
    assert str(caught.value).startswith(message)
    assert availability.get_weekly_pattern(db, me) == [WeeklySlot(3, 60, 120)]


def test_exceptions_are_added_listed_and_removed(db: Database, community: Community) -> None:
    me = community.volunteer
    away = availability.add_away(db, me, datetime(2030, 6, 4, 9, 0), datetime(2030, 6, 6, 18, 0))
    extra = availability.add_extra(db, me, date(2030, 6, 8), 14 * 60, 17 * 60)
    assert away.starts_at == datetime(2030, 6, 4, 9, 0, tzinfo=SHANGHAI)  # naive = the volunteer's clock
    listed = availability.list_exceptions(db, me, since=NOW)
    assert [(e.kind, e.starts_at.hour, e.ends_at.hour) for e in listed] == [
        (AvailabilityKind.AWAY, 9, 18),
        (AvailabilityKind.EXTRA, 14, 17),
    ]
    assert availability.list_exceptions(db, me, since=datetime(2030, 6, 7, tzinfo=UTC)) == [listed[1]]
    with pytest.raises(InvalidInput, match="ends before it starts"):
        availability.add_away(db, me, datetime(2030, 6, 9, 10), datetime(2030, 6, 9, 9))
    with pytest.raises(InvalidInput, match="ends before it starts"):
        availability.add_extra(db, me, date(2030, 6, 9), 600, 540)
    with pytest.raises(NotFound):
        availability.remove_exception(db, community.other_volunteer, extra.id)  # not theirs
    availability.remove_exception(db, me, extra.id)
    assert [e.id for e in availability.list_exceptions(db, me, since=NOW)] == [away.id]
    with db.read() as s:
        assert len(s.scalars(select(AvailabilityException)).all()) == 1


def _preview_text(preview: availability.Preview) -> dict[date, list[str]]:
    return {d.day: [f"{s:%H:%M}-{e:%H:%M}" for s, e in d.free] for d in preview.days}


def test_preview_is_pattern_minus_away_plus_extra_minus_signups(db: Database, community: Community) -> None:
    me = community.volunteer
    profiles.save_profile(db, me, ProfileInput(name="vol", radius_km=20))
    availability.set_weekly_pattern(
        db,
        me,
        [
            WeeklySlot(0, 9 * 60, 12 * 60),
            WeeklySlot(1, 9 * 60, 12 * 60),
            WeeklySlot(2, 18 * 60, 1440),
            WeeklySlot(3, 0, 120),
        ],
    )
    availability.add_away(db, me, datetime(2030, 6, 4, 10, 0), datetime(2030, 6, 4, 11, 0))  # Tuesday
    availability.add_extra(db, me, date(2030, 6, 8), 14 * 60, 16 * 60)  # Saturday
    start = datetime(2030, 6, 3, 10, 0, tzinfo=SHANGHAI)  # Monday 10:00-11:00: signed up
    occurrence = _open_task(db, community, start, start + timedelta(hours=1))
    assert signups.sign_up(db, me, occurrence).value == "confirmed"

    seen = availability.preview(db, me, days=7, now=NOW)
    text = _preview_text(seen)
    assert text[date(2030, 6, 3)] == ["09:00-10:00", "11:00-12:00"]  # 08:00 now; the signup is cut out
    assert text[date(2030, 6, 4)] == ["09:00-10:00", "11:00-12:00"]  # away 10-11
    assert text[date(2030, 6, 5)] == ["18:00-00:00"]  # cut at midnight ...
    assert text[date(2030, 6, 6)] == ["00:00-02:00"]  # ... and continued
    assert text[date(2030, 6, 8)] == ["14:00-16:00"]  # extra
    assert text[date(2030, 6, 9)] == []
    monday = next(d for d in seen.days if d.day == date(2030, 6, 3))
    assert [(t.title, t.start.hour, t.end.hour) for t in monday.taken] == [("Sort donations", 10, 11)]
    assert seen.timezone == "Asia/Shanghai" and len(seen.days) == 7


def test_preview_agrees_with_the_engine(db: Database, community: Community) -> None:
    me = community.volunteer
    profiles.save_profile(db, me, ProfileInput(name="vol", radius_km=20))
    availability.set_weekly_pattern(db, me, [WeeklySlot(d, 8 * 60, 20 * 60) for d in range(7)])
    availability.add_away(db, me, datetime(2030, 6, 5, 12, 0), datetime(2030, 6, 7, 9, 30))
    availability.add_extra(db, me, date(2030, 6, 9), 21 * 60, 23 * 60)
    start = datetime(2030, 6, 4, 14, 0, tzinfo=SHANGHAI)
    signups.sign_up(db, me, _open_task(db, community, start, start + timedelta(hours=2)))
    seen = availability.preview(db, me, days=14, now=NOW)
    with db.read() as s:
        instance, _, _ = build_volunteer_instance(s, me.person_id, NOW, days=15)
    # The preview ends at the midnight after its 14th day; the engine's horizon is cut there too.
    assert seen.end == datetime(2030, 6, 17, 0, 0, tzinfo=SHANGHAI)
    engine_free = [(s, min(e, seen.end)) for s, e in instance.volunteers[0].free if s < seen.end]
    assert seen.free == engine_free and len(engine_free) >= 12
    # The per-day pieces put back together are the engine's intervals too.
    joined = merge([(s, e) for d in seen.days for s, e in d.free])
    assert [(s.astimezone(UTC), e.astimezone(UTC)) for s, e in joined] == [
        (s.astimezone(UTC), e.astimezone(UTC)) for s, e in engine_free
    ]


def test_preview_of_someone_without_a_profile_is_empty(db: Database, community: Community) -> None:
    seen = availability.preview(db, community.volunteer, days=3, now=NOW)
    assert seen.free == [] and len(seen.days) == 3 and all(not d.free for d in seen.days)


def _open_task(db: Database, community: Community, start: datetime, end: datetime) -> int:
    task_id = tasks.create_task(
        db,
        community.coord_a,
        tasks.TaskInput(
            organisation_id=community.org_a,
            title="Sort donations",
            starts_at=start,
            ends_at=end,
            latitude=30.27,
            longitude=120.15,
            slots=3,
            status=TaskStatus.OPEN,
        ),
    )
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
