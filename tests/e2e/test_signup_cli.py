"""`signup`, `withdraw` and `suggest` as a volunteer's script runs them (separate processes, both backends)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.support.cli import run_cli as run
from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Notice, Signup, TaskOccurrence, VolunteerProfile

ZONE = ZoneInfo("Asia/Shanghai")


def _soon(days: int, hour: int) -> datetime:
    """A whole hour in Hangzhou a few days from now (the CLI suggests from the real clock)."""
    local = datetime.now(ZONE).replace(minute=0, second=0, microsecond=0, hour=hour) + timedelta(days=days)
    return local.astimezone(UTC)


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        for person in (town.volunteer.person_id, town.other_volunteer.person_id, town.coord_a.person_id):
            s.add(VolunteerProfile(person_id=person, home_latitude=30.27, home_longitude=120.15, radius_km=10,
                                   timezone="Asia/Shanghai"))
            s.add_all(AvailabilitySlot(person_id=person, weekday=d, start_minute=0, end_minute=1440)
                      for d in range(7))
    return town


def _task(db: Database, town: Community, title: str, start: datetime, hours: int = 2, **kw: object) -> int:
    data = tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start,
                           ends_at=start + timedelta(hours=hours), latitude=30.272, longitude=120.153,
                           status=TaskStatus.OPEN, **kw)  # type: ignore[arg-type]
    task_id = tasks.create_task(db, town.coord_a, data)
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def _as(db_url: str, email: str, *args: str) -> tuple[int, str, str]:
    done = run("--database", db_url, *args, "--user", email, password=PASSWORD)
    return done.returncode, done.stdout, done.stderr


def test_signup_waitlist_and_withdraw(db_url: str, db: Database, town: Community) -> None:
    occ = _task(db, town, "One place", _soon(3, 10), slots=1)
    code, out, err = _as(db_url, "vol@example.org", "signup", str(occ))
    when = timefmt.task_time_text(_soon(3, 10), _soon(3, 12), "Asia/Shanghai")
    assert code == 0, err
    assert out.strip() == f"Confirmed: One place, {when}."
    code, out, err = _as(db_url, "vol.b@example.org", "signup", str(occ), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["status"], data["waitlist_position"], data["occurrence"]) == ("waitlisted", 1, occ)
    code, out, err = _as(db_url, "coord.a@example.org", "signup", str(occ))
    assert code == 0 and "Waitlisted for One place" in out and "at position 2" in out
    code, out, err = _as(db_url, "vol@example.org", "withdraw", str(occ))
    assert code == 0, err
    assert "Withdrawn from One place (you were confirmed)." in out and "offered to the first person" in out
    with db.read() as s:
        rows = {r.person_id: r.status for r in s.scalars(select(Signup).where(Signup.occurrence_id == occ))}
        offered = s.scalars(select(Notice).where(Notice.person_id == town.other_volunteer.person_id)).one()
    assert rows[town.other_volunteer.person_id] is SignupStatus.PROPOSED
    assert rows[town.coord_a.person_id] is SignupStatus.WAITLISTED
    assert offered.kind == "waitlist_offer"
    code, _, err = _as(db_url, "vol@example.org", "withdraw", str(occ))
    assert code == 2 and err.strip() == "volunteer-app: error: You are not signed up for 'One place'."


def test_refusals_are_one_line_and_write_nothing(db_url: str, db: Database, town: Community) -> None:
    first = _task(db, town, "Morning market", _soon(4, 9))
    clash = _task(db, town, "Library hour", _soon(4, 10), hours=1)
    flexible = _task(db, town, "Phone round", _soon(4, 13), hours=3, kind=TaskKind.FLEXIBLE, minutes=60)
    assert _as(db_url, "vol@example.org", "signup", str(first))[0] == 0
    code, out, err = _as(db_url, "vol@example.org", "signup", str(clash))
    assert code == 2 and out == ""
    assert err.startswith("volunteer-app: error: This clashes with 'Morning market'") and len(err.splitlines()) == 1
    code, _, err = _as(db_url, "vol@example.org", "signup", str(flexible), "--start", "2030-01-01T13:07")
    assert code == 2 and "13:07" in err and "outside the task's window" in err
    off_grid = _soon(4, 13).astimezone(ZONE).replace(minute=10, tzinfo=None).isoformat()
    code, _, err = _as(db_url, "vol@example.org", "signup", str(flexible), "--start", off_grid)
    assert code == 2 and "13:10" in err and "15-minute steps" in err
    code, _, err = _as(db_url, "vol@example.org", "signup", str(flexible), "--start", "soon")
    assert code == 2 and "'soon' is not a time" in err
    on_grid = _soon(4, 13).astimezone(ZONE).replace(minute=45, tzinfo=None).isoformat()
    code, out, err = _as(db_url, "vol@example.org", "signup", str(flexible), "--start", on_grid)
    assert code == 0 and "Confirmed: Phone round" in out and "13:45–14:45" in out
    with db.read() as s:
        held = {r.occurrence_id for r in s.scalars(select(Signup).where(Signup.person_id == town.volunteer.person_id))}
    assert held == {first, flexible}


def test_suggest_prints_the_occurrence_and_speaks_of_their_home(db_url: str, db: Database, town: Community) -> None:
    occ = _task(db, town, "Sort books", _soon(2, 14), category="library")
    code, out, err = _as(db_url, "vol@example.org", "suggest", "--volunteer", "vol@example.org")
    assert code == 0, err
    assert f"Sort books — Riverside Community Centre  [occurrence {occ}]" in out
    assert timefmt.task_time_text(_soon(2, 14), _soon(2, 16), "Asia/Shanghai") in out
    assert "km from you." in out and "from their home" not in out
    code, out, err = _as(db_url, "coord.a@example.org", "suggest", "--volunteer", "vol@example.org", "--json")
    assert code == 0, err
    found = next(s for s in json.loads(out)["suggestions"] if s["occurrence"] == occ)
    texts = [r["text"] for r in found["reasons"]]
    assert any(t.endswith("km from their home.") for t in texts) and not any("from you" in t for t in texts)
    assert found["timezone"] == "Asia/Shanghai" and found["category"] == "library" and found["places_left"] == 1
    # What suggest printed is what signup takes.
    assert _as(db_url, "vol@example.org", "signup", str(found["occurrence"]))[0] == 0
