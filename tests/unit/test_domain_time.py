"""Intervals, weekly recurrence and free-time patterns (pure, no Qt, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from volunteer_app.domain import recurrence
from volunteer_app.domain.availability import WeeklySlot, concrete_free_time
from volunteer_app.domain.intervals import covers, merge, subtract

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


def at(day: int, hour: int, minute: int = 0, tz: ZoneInfo = SH) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=tz)


def test_touching_and_overlapping_intervals_merge() -> None:
    merged = merge([(at(5, 11), at(5, 13)), (at(5, 9), at(5, 11)), (at(5, 14), at(5, 15)), (at(5, 14), at(5, 14, 30))])
    assert merged == [(at(5, 9), at(5, 13)), (at(5, 14), at(5, 15))]
    assert covers([(at(5, 9), at(5, 11)), (at(5, 11), at(5, 13))], at(5, 10), at(5, 12))
    assert not covers([(at(5, 9), at(5, 11)), (at(5, 11, 1), at(5, 13))], at(5, 10), at(5, 12))


def test_subtract_cuts_holes() -> None:
    free = [(at(5, 9), at(5, 17))]
    assert subtract(free, [(at(5, 10), at(5, 11)), (at(5, 16), at(5, 18))]) == [
        (at(5, 9), at(5, 10)),
        (at(5, 11), at(5, 16)),
    ]
    assert subtract(free, [(at(5, 8), at(5, 18))]) == []


def test_weekly_recurrence_keeps_local_time_across_daylight_saving() -> None:
    start = datetime(2026, 10, 24, 9, 0, tzinfo=NY)  # DST ends on 1 November 2026
    got = list(recurrence.weekly(start, start + timedelta(hours=2), date(2026, 11, 7), "America/New_York"))
    assert [s.astimezone(NY).hour for s, _ in got] == [9, 9, 9]
    assert [s.astimezone(UTC).hour for s, _ in got] == [13, 13, 14]
    assert len(list(recurrence.weekly(start, start + timedelta(hours=1), None, "America/New_York"))) == 1


def test_weekly_pattern_becomes_concrete_free_time_with_exceptions() -> None:
    # 2026-12-05 is a Saturday (weekday 5).
    slots = [WeeklySlot(5, 9 * 60, 12 * 60), WeeklySlot(5, 12 * 60, 13 * 60), WeeklySlot(2, 18 * 60, 21 * 60)]
    free = concrete_free_time(
        slots,
        away=[(at(9, 19), at(9, 20))],
        extra=[(at(7, 10), at(7, 11))],
        tz="Asia/Shanghai",
        start=at(4, 0),
        end=at(11, 0),
    )
    assert free == [
        (at(5, 9), at(5, 13)),  # two touching slots merge
        (at(7, 10), at(7, 11)),  # the extra time
        (at(9, 18), at(9, 19)),  # Wednesday minus the hour away
        (at(9, 20), at(9, 21)),
    ]


def test_free_time_is_clipped_to_the_horizon() -> None:
    free = concrete_free_time([WeeklySlot(5, 0, 1440)], tz="Asia/Shanghai", start=at(5, 10), end=at(5, 12))
    assert free == [(at(5, 10), at(5, 12))]
