"""Turning a weekly free-time pattern into concrete intervals.

Weekly slots are local wall-clock times in the volunteer's time zone (so
"Saturday 09:00-12:00" stays 09:00 across daylight-saving changes); dated
exceptions then take time away ("away") or add it ("extra").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from volunteer_app.domain.intervals import Interval, merge, subtract


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # 0 = Monday
    start_minute: int
    end_minute: int  # up to 1440 (midnight at the end of the day)


def concrete_free_time(
    slots: Iterable[WeeklySlot],
    *,
    away: Iterable[Interval] = (),
    extra: Iterable[Interval] = (),
    tz: str,
    start: datetime,
    end: datetime,
) -> list[Interval]:
    """Free intervals (aware, merged) between ``start`` and ``end``."""
    zone = ZoneInfo(tz)
    slots = list(slots)
    first_day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date()
    out: list[Interval] = []
    day = first_day
    while day <= last_day:
        midnight = datetime.combine(day, time(0))
        for slot in slots:
            if slot.weekday != day.weekday():
                continue
            s = (midnight + timedelta(minutes=slot.start_minute)).replace(tzinfo=zone)
            e = (midnight + timedelta(minutes=slot.end_minute)).replace(tzinfo=zone)
            out.append((s, e))
        day += timedelta(days=1)
    free = merge([*out, *extra])
    free = subtract(free, away)
    clipped = [(max(s, start), min(e, end)) for s, e in free]
    return [(s, e) for s, e in clipped if s < e]
