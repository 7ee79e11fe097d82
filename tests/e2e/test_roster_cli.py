"""`roster`, `checkin`, `checkout`, `noshow`, `walkin`, `handassign` as a coordinator runs them on the day."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain.enums import Role, ServiceStatus, SignupSource, SignupStatus, TaskStatus
from volunteer_app.services import accounts, signups, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    TaskOccurrence,
    VolunteerProfile,
)

COORD = "coord.a@example.org"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


class Today:
    """A 90-minute shift that began 80 minutes ago, with vol@ confirmed and vol.b@ proposed."""

    def __init__(self, db: Database) -> None:
        self.town: Community = build(db)
        base = datetime.now(UTC).replace(second=0, microsecond=0)
        self.start, self.end = base - timedelta(minutes=80), base + timedelta(minutes=10)
        task = tasks.create_task(
            db, self.town.coord_a,
            tasks.TaskInput(organisation_id=self.town.org_a, title="Sort donations today", starts_at=self.start,
                            ends_at=self.end, latitude=30.27, longitude=120.15, slots=3, status=TaskStatus.OPEN),
        )
        with db.transaction() as s:
            self.occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task)).one()
            s.execute(update(Organisation).where(Organisation.id == self.town.org_a).values(
                credit_step_minutes=6, credit_min_attendance_percent=60))
            s.execute(update(Person).where(Person.email == "vol@example.org").values(phone="555-0101"))
            for who, status in ((self.town.volunteer, SignupStatus.CONFIRMED),
                                (self.town.other_volunteer, SignupStatus.PROPOSED)):
                signups.place(s, self.town.coord_a, self.occ, who.person_id, status=status,
                              source=SignupSource.COORDINATOR)
        walker = accounts.create_account(db, self.town.admin, "walker@example.org", "Walker 王", PASSWORD)
        # One of the organisation's volunteers (a coordinator sees their own volunteers' free time only).
        accounts.grant_role(db, self.town.admin, "walker@example.org", self.town.org_a, Role.VOLUNTEER)
        with db.transaction() as s:  # free one hour a week, never now
            s.add(VolunteerProfile(person_id=walker, timezone="UTC"))
            day = (base.weekday() + 3) % 7
            s.add(AvailabilitySlot(person_id=walker, weekday=day, start_minute=0, end_minute=60))


@pytest.fixture
def today(db: Database) -> Today:
    return Today(db)


def cli(db_url: str, *args: str, user: str = COORD) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, *args, "--user", user, password=PASSWORD, timeout=120)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done.stdout


def one_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("volunteer-app: error:"), done.stderr
    return lines[0]


def test_a_day_on_the_cli_check_in_walk_in_no_show_and_check_out(db: Database, db_url: str, today: Today) -> None:
    occ = str(today.occ)
    text = ok(cli(db_url, "roster", occ))
    assert "Sort donations today" in text and "2 of 3 places taken" in text
    assert "555-0101" in text and "PHONE" in text  # the coordinator sees phones

    arrived = today.start + timedelta(minutes=5)
    # A time without an offset is this computer's local time.
    local = arrived.astimezone().replace(tzinfo=None).isoformat(timespec="minutes")
    said = ok(cli(db_url, "checkin", occ, "--volunteer", "VOL@example.org", "--at", local))
    assert "vol@example.org checked in to Sort donations today" in said
    ok(cli(db_url, "walkin", occ, "--volunteer", "walker@example.org"))
    ok(cli(db_url, "noshow", occ, "--volunteer", "vol.b@example.org"))

    left = today.start + timedelta(minutes=80)  # attended 75 of 90 minutes: over 60 %, 72 in 6-minute steps
    said = ok(cli(db_url, "checkout", occ, "--volunteer", "vol@example.org", "--at", left.isoformat()))
    assert "1 h 12 min credited, pending verification" in said
    assert "rounded down to 6 min" in said

    data = json.loads(ok(cli(db_url, "roster", occ, "--json")))
    states = {e["email"]: e["state"] for e in data["entries"]}
    assert states == {"vol@example.org": "checked_out", "vol.b@example.org": "no_show",
                      "walker@example.org": "checked_in"}
    vol = next(e for e in data["entries"] if e["email"] == "vol@example.org")
    assert vol["credited_minutes"] == 72 and vol["record_status"] == "pending"
    assert vol["credit_rule"]["step_minutes"] == 6 and vol["phone"] == "555-0101"
    assert datetime.fromisoformat(vol["checked_in_at"]) == arrived
    with db.read() as s:
        record = s.scalars(select(ServiceRecord)).one()
        assert record.status is ServiceStatus.PENDING and record.credited_minutes == 72
        walker = s.scalars(
            select(Signup).join(Person, Person.id == Signup.person_id).where(Person.email == "walker@example.org")
        ).one()
        assert walker.status is SignupStatus.CONFIRMED and walker.source is SignupSource.COORDINATOR
    text = ok(cli(db_url, "roster", occ))
    assert "Walker 王" in text and "checked out" in text and "no-show" in text


def test_bad_times_and_wrong_people_are_one_line_each(db: Database, db_url: str, today: Today) -> None:
    occ = str(today.occ)
    ok(cli(db_url, "checkin", occ, "--volunteer", "vol@example.org", "--at", today.start.isoformat()))
    line = one_error(cli(db_url, "checkout", occ, "--volunteer", "vol@example.org",
                         "--at", (today.start - timedelta(minutes=5)).isoformat()))
    assert "must come after the check-in" in line
    line = one_error(cli(db_url, "checkin", occ, "--volunteer", "vol.b@example.org",
                         "--at", (datetime.now(UTC) + timedelta(days=2)).isoformat()))
    assert "in the future" in line
    assert "not a time" in one_error(cli(db_url, "checkin", occ, "--volunteer", "vol.b@example.org", "--at", "9am"))
    assert "not on the roster" in one_error(cli(db_url, "checkin", occ, "--volunteer", "walker@example.org"))
    assert "No task occurrence 9999" in one_error(cli(db_url, "roster", "9999"))
    # Another organisation's coordinator and the volunteers themselves see no roster.
    assert "not a coordinator or admin" in one_error(cli(db_url, "roster", occ, user="coord.b@example.org"))
    assert "not a coordinator or admin" in one_error(
        cli(db_url, "checkin", occ, "--volunteer", "vol@example.org", user="vol@example.org")
    )


def test_hand_assign_on_the_cli_needs_a_reason_to_override(db: Database, db_url: str, today: Today) -> None:
    occ = str(today.occ)
    # walker@ is not free now: a reason is needed, then stored.
    line = one_error(cli(db_url, "handassign", occ, "--volunteer", "walker@example.org"))
    assert "is not free" in line and "say why" in line
    said = ok(cli(db_url, "handassign", occ, "--volunteer", "walker@example.org", "--reason", "Neighbour, asked in person"))
    assert "proposed to them" in said
    data = json.loads(ok(cli(db_url, "roster", occ, "--json")))
    walker = next(e for e in data["entries"] if e["email"] == "walker@example.org")
    assert walker["state"] == "proposed" and walker["override_reason"] == "Neighbour, asked in person"
