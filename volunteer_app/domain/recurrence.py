"""Weekly recurrence: the same local clock time every week.

Kept on local wall-clock time so that a Saturday 09:00 task stays at 09:00
across a daylight-saving change; stored times are then converted to UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MAX_OCCURRENCES = 104  # two years of weeks: a guard against a runaway "until"


def weekly(start: datetime, end: datetime, until: date | None, tz: str) -> Iterator[tuple[datetime, datetime]]:
    """Occurrences from ``start``/``end`` (aware) repeating weekly through ``until`` (inclusive, local date)."""
    zone = ZoneInfo(tz)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    naive_start, naive_end = local_start.replace(tzinfo=None), local_end.replace(tzinfo=None)
    for week in range(MAX_OCCURRENCES):
        s = (naive_start + timedelta(weeks=week)).replace(tzinfo=zone)
        if week and (until is None or s.date() > until):
            return
        e = (naive_end + timedelta(weeks=week)).replace(tzinfo=zone)
        yield s, e
