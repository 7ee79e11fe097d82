"""Half-open time intervals ``[start, end)``.

``merge`` and ``subtract`` work on any ordered time values: aware datetimes
here and in the services, integer microseconds inside the matching engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

Interval = tuple[datetime, datetime]
Moment = TypeVar("Moment", datetime, int)


def merge(intervals: Iterable[tuple[Moment, Moment]]) -> list[tuple[Moment, Moment]]:
    """Sorted union; intervals that overlap or touch become one stretch."""
    out: list[tuple[Moment, Moment]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def subtract(
    intervals: Iterable[tuple[Moment, Moment]], holes: Iterable[tuple[Moment, Moment]]
) -> list[tuple[Moment, Moment]]:
    """The union of ``intervals`` without what ``holes`` cover."""
    result: list[tuple[Moment, Moment]] = []
    merged_holes = merge(holes)
    for start, end in merge(intervals):
        cursor = start
        for h_start, h_end in merged_holes:
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                result.append((cursor, h_start))
            cursor = max(cursor, h_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def covers(intervals: Iterable[Interval], start: datetime, end: datetime) -> bool:
    """Whether the union of ``intervals`` contains all of ``[start, end)``."""
    return any(s <= start and end <= e for s, e in merge(intervals))


def minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)
