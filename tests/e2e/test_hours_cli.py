"""`volunteer-app hours ...` as people and scripts run it: separate processes, both backends."""

from __future__ import annotations

import json
import subprocess

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from tests.support.hours_data import Ledger, ledger
from volunteer_app.domain.enums import RequestStatus, ServiceStatus
from volunteer_app.services import accounts
from volunteer_app.store.database import Database
from volunteer_app.store.models import HoursRequest, ServiceRecord


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the accounts made in this process; the CLI signs in with the real settings.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


def hours_cli(db_url: str, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, "hours", *args, "--user", user, password=PASSWORD, timeout=120)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done.stdout


def one_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("volunteer-app: error:"), done.stderr
    return lines[0]


def test_volunteer_lists_their_hours_and_asks_for_a_correction(
    db: Database, db_url: str, town: Community, year: Ledger
) -> None:
    vol = town.volunteer.email
    data = json.loads(ok(hours_cli(db_url, vol, "mine", "--json")))
    records = {r["id"]: r for r in data["records"]}
    assert set(records) >= {year.pending, year.rejected, year.verified_b}
    b = records[year.verified_b]
    assert (b["status"], b["credited_minutes"], b["organisation"], b["title"]) == (
        "verified", 180, "Hillside Food Bank", "Pack food parcels")
    assert b["start"].endswith("+08:00") and b["end"].endswith("+08:00")  # on the task's clock (Shanghai)
    assert records[year.rejected]["reason"] == "You were not on the roster that day."
    assert [h["id"] for h in data["history"]] == [year.corrected_old]
    assert data["totals"]["verified_minutes"] == 750
    assert {o["organisation"]: o["minutes"] for o in data["totals"]["by_organisation"]} == {
        "Riverside Community Centre": 570, "Hillside Food Bank": 180}

    text = ok(hours_cli(db_url, vol, "mine"))
    assert "Pack food parcels — Hillside Food Bank" in text and "3.0 h" in text
    assert "reason: You were not on the roster that day." in text
    assert "Verified: 12.5 h" in text

    sent = ok(hours_cli(db_url, vol, "request", str(year.pending), "--kind", "time",
                        "--message", "I left at six", "--start", "2030-01-01T09:00+08:00", "--end",
                        "2030-01-01T12:00+08:00"))
    assert "request #" in sent
    line = one_error(hours_cli(db_url, vol, "request", str(year.pending), "--kind", "other", "--message", "again"))
    assert "already" in line
    line = one_error(hours_cli(db_url, vol, "request", "--kind", "time", "--message", "which?"))
    assert "RECORD_ID" in line
    ok(hours_cli(db_url, vol, "request", "--kind", "missing", "--occurrence", str(year.missed_occurrence),
                 "--message", "I painted all afternoon"))
    with db.read() as s:
        kinds = sorted(r.kind.value for r in s.query(HoursRequest).all())
    assert kinds == ["missing", "time"]
    assert "correction requested" in ok(hours_cli(db_url, vol, "mine"))


def test_coordinator_verifies_rejects_and_answers_requests(
    db: Database, db_url: str, town: Community, year: Ledger
) -> None:
    coord = town.coord_a.email
    queue = json.loads(ok(hours_cli(db_url, coord, "pending", "--json")))
    assert [r["id"] for r in queue["records"]] == [year.pending]
    assert queue["records"][0]["volunteer"] == town.volunteer.email
    assert "vol <vol@example.org>" in ok(hours_cli(db_url, coord, "pending"))

    # Organisation B's coordinator may not touch it; nothing changes.
    assert "Riverside" in one_error(hours_cli(db_url, town.coord_b.email, "verify", str(year.pending)))
    assert "Say why" in one_error(hours_cli(db_url, coord, "reject", str(year.pending), "--reason", " "))

    request_time = _file(db, town, year.verified_recent)
    request_other = _file(db, town, year.rejected)
    listed = json.loads(ok(hours_cli(db_url, coord, "requests", "--json")))["requests"]
    assert [r["id"] for r in listed] == [request_time, request_other]
    assert "I stayed longer" in ok(hours_cli(db_url, coord, "requests"))

    out = ok(hours_cli(db_url, coord, "accept-request", str(request_time), "--start", "2030-01-01T09:00+08:00",
                       "--end", "2030-01-01T12:00+08:00", "--minutes", "170"))
    assert "accepted" in out
    assert "Say why" in one_error(hours_cli(db_url, coord, "decline-request", str(request_other), "--reason", ""))
    ok(hours_cli(db_url, coord, "decline-request", str(request_other), "--reason", "The sheet does not have you."))

    with db.read() as s:
        correction = s.scalars(select(ServiceRecord).where(ServiceRecord.corrects_id == year.verified_recent)).one()
    assert correction.credited_minutes == 170 and correction.status is ServiceStatus.PENDING
    ok(hours_cli(db_url, coord, "verify", str(correction.id)))
    assert "rejected 1" in ok(hours_cli(db_url, coord, "reject", str(year.pending), "--reason", "Not on the roster"))

    with db.read() as s:
        old = s.get(ServiceRecord, year.verified_recent)
        new = s.get(ServiceRecord, correction.id)
        rejected = s.get(ServiceRecord, year.pending)
        assert old is not None and old.credited_minutes == 120 and old.status is ServiceStatus.VERIFIED
        assert new is not None and new.status is ServiceStatus.VERIFIED
        assert rejected is not None and rejected.decision_reason == "Not on the roster"
        statuses = {r.id: r.status for r in s.query(HoursRequest).all()}
    assert statuses == {request_time: RequestStatus.ACCEPTED, request_other: RequestStatus.DECLINED}


def _file(db: Database, town: Community, record_id: int) -> int:
    from volunteer_app.services import hours_requests

    return hours_requests.file_request(db, town.volunteer, record_id, "time", "I stayed longer")
