"""The schedule as an .ics file: parsed back with icalendar, every field and the local time checked."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.support.community import Community, build
from tests.support.schedule_data import NOW, Planned, plan
from volunteer_app.domain.enums import TaskStatus
from volunteer_app.services import calendar_export, tasks
from volunteer_app.services.errors import NotSignedIn
from volunteer_app.store.database import Database

STAMP = datetime(2030, 5, 1, 8, 30, tzinfo=UTC)


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def planned(db: Database, town: Community) -> Planned:
    return plan(db, town)


def _events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_one_event_per_confirmed_signup_with_every_field(db: Database, town: Community, planned: Planned) -> None:
    data = calendar_export.schedule_ics(db, town.volunteer, STAMP)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "volunteer-app" in str(cal["prodid"])
    events = _events(data)
    # Confirmed only: no proposal, no waitlist place.
    assert set(events) == {
        f"signup-{planned.read_signup}@volunteer-app",
        f"signup-{planned.sort_signup}@volunteer-app",
        f"signup-{planned.phone_signup}@volunteer-app",
    }
    read = events[f"signup-{planned.read_signup}@volunteer-app"]
    assert str(read["summary"]) == "Read to children"
    assert str(read["location"]) == "12 River Road, Hangzhou"
    assert read["status"] == "CONFIRMED"
    assert read.decoded("dtstamp") == STAMP
    # The task's own zone: 09:00-11:00 in Shanghai, which is 01:00-03:00 UTC.
    start, end = read.decoded("dtstart"), read.decoded("dtend")
    assert read["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert (start.hour, start.minute, end.hour) == (9, 0, 11)
    assert start.utcoffset().total_seconds() == 8 * 3600
    assert start == datetime(2030, 5, 10, 1, 0, tzinfo=UTC) and end == datetime(2030, 5, 10, 3, 0, tzinfo=UTC)
    description = str(read["description"])
    assert "Organisation: Riverside Community Centre" in description
    assert "Whom to ask: coord.a · +86 138 0000 0001 · coord.a@example.org" in description
    assert "Bring a picture book." in description
    organizer = read["organizer"]
    assert str(organizer) == "mailto:coord.a@example.org" and organizer.params["CN"] == "coord.a"
    assert read.decoded("geo") is not None

    # No contact person on the task: the organisation's contact organises; no address: coordinates.
    sort = events[f"signup-{planned.sort_signup}@volunteer-app"]
    assert str(sort["organizer"]) == "mailto:help@riverside.example.org"
    assert sort["organizer"].params["CN"] == "Ms Li (Riverside Community Centre)"
    assert str(sort["location"]) == "30.27000, 120.15000"

    # A flexible remote task in Berlin: the chosen hour, on Berlin's summer clock.
    phone = events[f"signup-{planned.phone_signup}@volunteer-app"]
    p_start = phone.decoded("dtstart")
    assert phone["dtstart"].params["TZID"] == "Europe/Berlin"
    assert (p_start.hour, p_start.utcoffset().total_seconds()) == (9, 2 * 3600)
    assert str(phone["location"]) == "Remote: no travel"
    assert "between 08:00 and 14:00, 1 h" in str(phone["description"])
    assert "geo" not in phone

    # Each zone used is described in a VTIMEZONE, so calendar programs need no outside data.
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Asia/Shanghai", "Europe/Berlin"}
    assert cal.get_missing_tzids() == set()


def test_the_local_time_survives_a_round_trip_through_utc(db: Database, town: Community, planned: Planned) -> None:
    events = _events(calendar_export.schedule_ics(db, town.volunteer, STAMP))
    for event in events.values():
        start = event.decoded("dtstart")
        zone = ZoneInfo(event["dtstart"].params["TZID"])
        assert start.astimezone(UTC).astimezone(zone).hour == start.hour


def test_uids_are_stable_and_a_cancelled_task_comes_out_cancelled(
    db: Database, town: Community, planned: Planned
) -> None:
    before = _events(calendar_export.schedule_ics(db, town.volunteer, STAMP))
    tasks.set_status(db, town.coord_a, town.task_a, TaskStatus.CANCELLED)
    after = _events(calendar_export.schedule_ics(db, town.volunteer, STAMP))
    assert set(before) == set(after)
    assert after[f"signup-{planned.sort_signup}@volunteer-app"]["status"] == "CANCELLED"


def test_an_empty_schedule_is_a_valid_calendar(db: Database, town: Community) -> None:
    cal = icalendar.Calendar.from_ical(calendar_export.schedule_ics(db, town.volunteer, NOW))
    assert cal.walk("VEVENT") == [] and str(cal["version"]) == "2.0"
    with pytest.raises(NotSignedIn):
        calendar_export.schedule_ics(db, None, NOW)
