"""Half-open time intervals ``[start, end)`` on aware datetimes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted union; intervals that overlap or touch become one stretch."""
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """The parts of ``intervals`` not covered by ``holes``."""
    result: list[Interval] = []
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
