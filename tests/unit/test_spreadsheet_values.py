"""Cells as people type them: dates, times, places, counts, skills (domain/spreadsheet_values.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from volunteer_app.domain.spreadsheet_values import (
    AmbiguousDate,
    Moment,
    ValueProblem,
    detect_date_order,
    header_key,
    normalise_header,
    parse_languages,
    parse_location,
    parse_moment,
    parse_priority,
    parse_recurrence,
    parse_skills,
    parse_slots,
    parse_time,
    text_of,
)

NYC_LOCALITY = (
    "{'longitude': '-73.99794973128115', 'latitude': '40.720962275372244', 'human_address': "
    "'{\"address\": \"407 Broome Street\", \"city\": \"New York\", \"state\": \"NY\", \"zip\": \"10013\"}'}"
)


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("2026-12-05", None, Moment(date(2026, 12, 5))),
        ("2026/12/05", None, Moment(date(2026, 12, 5))),
        ("12/05/2026", "mdy", Moment(date(2026, 12, 5))),
        ("05/12/2026", "dmy", Moment(date(2026, 12, 5))),
        ("25/12/2026", None, Moment(date(2026, 12, 25))),  # settles itself
        ("12/25/2026", None, Moment(date(2026, 12, 25))),
        ("February 24 2011", None, Moment(date(2011, 2, 24))),
        ("Feb 24, 2011", None, Moment(date(2011, 2, 24))),
        ("24 February 2011", None, Moment(date(2011, 2, 24))),
        ("Saturday, February 26, 2011 10:00 AM", None, Moment(date(2011, 2, 26), time(10, 0))),
        ("2026年12月5日", None, Moment(date(2026, 12, 5))),
        ("2026-12-05 14:30", None, Moment(date(2026, 12, 5), time(14, 30))),
        ("12/05/2026 2:30 PM", "mdy", Moment(date(2026, 12, 5), time(14, 30))),
        (date(2026, 12, 5), None, Moment(date(2026, 12, 5))),  # an Excel date cell
    ],
)
def test_dates_in_the_common_spreadsheet_forms(value: object, order: str | None, expected: Moment) -> None:
    assert parse_moment(value, order) == expected


def test_iso_offsets_and_excel_datetimes_keep_their_zone_and_time() -> None:
    moment = parse_moment("2026-12-05T09:30:00+08:00")
    assert moment is not None and moment.clock == time(9, 30)
    assert moment.zone is not None and moment.zone.utcoffset(None) == timedelta(hours=8)
    cell = parse_moment(datetime(2026, 12, 5, 18, 0))
    assert cell == Moment(date(2026, 12, 5), time(18, 0), None)
    assert parse_moment(datetime(2026, 1, 1, tzinfo=UTC)).zone is UTC  # type: ignore[union-attr]


def test_ambiguous_and_unreadable_dates_are_refused_naming_the_value() -> None:
    with pytest.raises(AmbiguousDate, match="05/06/2026"):
        parse_moment("05/06/2026")
    with pytest.raises(ValueProblem, match="Febtember 3 2026"):
        parse_moment("Febtember 3 2026")
    with pytest.raises(ValueProblem, match="not a date in the calendar"):
        parse_moment("2026-02-30")
    with pytest.raises(ValueProblem, match="a number, not a date"):
        parse_moment(45123)
    assert parse_moment("  ") is None and parse_moment(None) is None


def test_the_date_order_is_detected_only_when_the_column_settles_it() -> None:
    assert detect_date_order(["01/02/2026", "25/02/2026"]) == "dmy"
    assert detect_date_order(["01/02/2026", "02/25/2026"]) == "mdy"
    assert detect_date_order(["01/02/2026", "03/04/2026"]) is None
    assert detect_date_order(["25/02/2026", "02/25/2026"]) is None  # contradicts itself


@pytest.mark.parametrize(
    ("value", "expected"),
    [("14:30", time(14, 30)), ("2:30 PM", time(14, 30)), ("2pm", time(14, 0)), ("12 am", time(0, 0)),
     ("09:15:00", time(9, 15)), (time(8, 0), time(8, 0))],
)
def test_times_on_their_own(value: object, expected: time) -> None:
    assert parse_time(value) == expected


def test_a_bad_time_is_named() -> None:
    with pytest.raises(ValueProblem, match="25:00"):
        parse_time("25:00")
    with pytest.raises(ValueProblem, match="soon"):
        parse_time("soon")


@pytest.mark.parametrize(
    ("value", "lat", "lon", "address"),
    [
        (NYC_LOCALITY, 40.720962275372244, -73.99794973128115, "407 Broome Street, New York, NY 10013"),
        ("40.72, -73.99", 40.72, -73.99, None),
        ("(40.72, -73.99)", 40.72, -73.99, None),
        ("407 Broome Street\nNew York, NY 10013\n(40.72, -73.99)", 40.72, -73.99,
         "407 Broome Street, New York, NY 10013"),
        ("POINT (-73.99 40.72)", 40.72, -73.99, None),
        ('{"lat": 30.27, "lng": 120.15}', 30.27, 120.15, None),
        ('{"latitude": "30.27", "longitude": "120.15"}', 30.27, 120.15, None),
        ('{"type": "Point", "coordinates": [120.15, 30.27]}', 30.27, 120.15, None),
    ],
)
def test_the_common_shapes_of_a_location_value(value: str, lat: float, lon: float, address: str | None) -> None:
    place = parse_location(value)
    assert place is not None
    assert (place.latitude, place.longitude, place.address) == (pytest.approx(lat), pytest.approx(lon), address)


def test_a_location_out_of_range_or_unreadable_is_refused() -> None:
    with pytest.raises(ValueProblem, match=r"-90\.\.90"):
        parse_location("120.15, 30.27")
    with pytest.raises(ValueProblem, match="not a place"):
        parse_location("somewhere nice")
    with pytest.raises(ValueProblem, match="no latitude"):
        parse_location("{'city': 'New York'}")
    assert parse_location("") is None


def test_slot_counts_never_become_nonsense() -> None:
    assert parse_slots("9999", 50) == parse_slots(9999.0, 50)
    assert parse_slots("unlimited", 50).count == 50  # type: ignore[union-attr]
    unlimited = parse_slots("9999", 50)
    assert unlimited is not None and unlimited.count == 50 and unlimited.unlimited
    capped = parse_slots("2700", 50)
    assert capped is not None and capped.count == 50 and not capped.unlimited and capped.requested == "2700"
    assert parse_slots("12", 50).count == 12  # type: ignore[union-attr]
    assert parse_slots("", 50) is None
    with pytest.raises(ValueProblem, match="at least 1"):
        parse_slots("0", 50)
    with pytest.raises(ValueProblem, match="number of places"):
        parse_slots("lots", 50)


def test_blank_cells_are_none_not_nan() -> None:
    for blank in ("", "  ", "nan", "NaN", None, float("nan"), "N/A"):
        assert text_of(blank) is None
    assert text_of(12.0) == "12"


def test_skills_priority_recurrence_languages() -> None:
    assert parse_skills("first_aid:2; driving") == {"first_aid": 2, "driving": 1}
    assert parse_skills("First aid = 3, cooking") == {"First aid": 3, "cooking": 1}
    with pytest.raises(ValueProblem, match="level must be 1 to 5"):
        parse_skills("first_aid:9")
    assert parse_priority("y") == 4 and parse_priority("urgent") == 5 and parse_priority("3") == 3
    assert parse_priority("") is None
    with pytest.raises(ValueProblem, match="Priority"):
        parse_priority("7")
    assert parse_recurrence("ongoing") == "weekly" and parse_recurrence("onetime") == "once"
    assert parse_recurrence("") is None
    with pytest.raises(ValueProblem):
        parse_recurrence("fortnightly")
    assert parse_languages("zh, en-GB") == ["zh", "en-GB"]
    with pytest.raises(ValueProblem, match="language tag"):
        parse_languages("Klingon!")


def test_headers_normalise_and_key_the_layout() -> None:
    assert normalise_header(" Start  Date ") == normalise_header("start_date") == "start_date"
    assert header_key(["Title", "Start Date"]) == header_key(["title", "start_date"])
    assert header_key(["title", "start"]) != header_key(["start", "title"])
