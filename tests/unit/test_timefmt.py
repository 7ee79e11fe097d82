"""The one time formatter: a task's own clock, the zone named when it differs, flexible windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from volunteer_app.domain import timefmt

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def at(hour: int, minute: int = 0, day: int = 30) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_fixed_shift_on_the_tasks_clock_without_zone_when_the_viewer_shares_it() -> None:
    text = timefmt.task_time_text(at(8), at(10), "Asia/Shanghai", viewer=SHANGHAI)
    assert text == "Mon 30 Nov 2026, 16:00–18:00"


def test_zone_named_when_the_viewer_is_elsewhere() -> None:
    text = timefmt.task_time_text(at(8), at(10), "Asia/Shanghai", viewer=UTC)
    assert text == "Mon 30 Nov 2026, 16:00–18:00 (Shanghai time, UTC+8)"


def test_flexible_task_reads_as_window_plus_length_never_as_a_shift() -> None:
    text = timefmt.task_time_text(at(1), at(9), "Asia/Shanghai", minutes=60, viewer=SHANGHAI)
    assert text == "Mon 30 Nov 2026, between 09:00 and 17:00, 1 h"
    assert "–" not in text


def test_overnight_shift_names_both_days() -> None:
    text = timefmt.task_time_text(at(14), at(18), "Asia/Shanghai", viewer=SHANGHAI)
    assert text == "Mon 30 Nov 2026, 22:00 – Tue 1 Dec, 02:00"


def test_shift_ending_at_midnight_stays_on_its_day() -> None:
    assert timefmt.task_time_text(at(14), at(16), "Asia/Shanghai", viewer=SHANGHAI) == "Mon 30 Nov 2026, 22:00–24:00"


def test_negative_offset_and_half_hour_offsets() -> None:
    text = timefmt.task_time_text(at(15), at(17), "America/New_York", viewer=SHANGHAI)
    assert text.endswith("(New York time, UTC-5)") and "10:00–12:00" in text
    kolkata = timefmt.task_time_text(at(4), at(6), "Asia/Kolkata", viewer=UTC)
    assert kolkata.endswith("(Kolkata time, UTC+5:30)") and "09:30–11:30" in kolkata


def test_daylight_saving_follows_the_tasks_date() -> None:
    summer = datetime(2026, 7, 1, 14, 0, tzinfo=UTC)
    text = timefmt.task_time_text(summer, summer + timedelta(hours=2), "America/New_York", viewer=UTC)
    assert "10:00–12:00" in text and "UTC-4" in text


def test_a_fixed_offset_viewer_with_the_same_offset_needs_no_zone() -> None:
    plus8 = timezone(timedelta(hours=8))
    assert "(" not in timefmt.task_time_text(at(8), at(10), "Asia/Shanghai", viewer=plus8)


def test_unknown_zone_falls_back_to_the_computers_clock() -> None:
    text = timefmt.task_time_text(at(8), at(10), "Not/AZone")
    assert "(" not in text  # the computer's own clock is never named


@pytest.mark.parametrize(("minutes", "text"), [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (0, "0 min")])
def test_durations(minutes: int, text: str) -> None:
    assert timefmt.duration_text(minutes) == text


def test_words_come_through_the_translator() -> None:
    zh = {
        "{weekday} {day} {month} {year}": "{year}年{month_number}月{day}日 {weekday}",
        "Mon": "周一",
        "{date}, {start}–{end}": "{date} {start}–{end}",
    }
    text = timefmt.task_time_text(at(8), at(10), "Asia/Shanghai", viewer=SHANGHAI, tr=lambda _c, s: zh.get(s, s))
    assert text == "2026年11月30日 周一 16:00–18:00"


def test_moment_text() -> None:
    assert timefmt.moment_text(at(8), "Asia/Shanghai", viewer=SHANGHAI) == "Mon 30 Nov 2026, 16:00"


def test_compact_form_for_list_cells() -> None:
    this_year = datetime.now(SHANGHAI).year
    start = datetime(this_year, 11, 30, 8, 0, tzinfo=UTC)
    text = timefmt.task_time_text(start, start + timedelta(hours=2), "Asia/Shanghai", viewer=UTC, compact=True)
    assert text.endswith(", 16:00–18:00 (UTC+8)") and str(this_year) not in text
    other_year = timefmt.task_time_text(at(8), at(10), "Asia/Shanghai", viewer=UTC, compact=True)
    assert ("2026" in other_year) == (this_year != 2026)
