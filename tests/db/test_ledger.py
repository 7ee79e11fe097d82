"""The hours ledger: decisions append hash-chained entries; the check catches changes made behind the app's back."""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from tests.support.community import Community, build, shift
from volunteer_app.domain import canonical
from volunteer_app.services import hours, hours_requests, ledger
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store import migrate
from volunteer_app.store.database import Database
from volunteer_app.store.models import LedgerEntry, ServiceRecord


def _record(db: Database, town: Community, days: int = -10, activity: str = "Sorting") -> int:
    start, end = shift(days)
    return hours.record_hours(db, town.volunteer, hours.HoursInput(
        person_id=town.volunteer.person_id, started_at=start, ended_at=end, organisation_id=town.org_a,
        activity=activity))


def _decided_town(db: Database) -> tuple[Community, list[int]]:
    """Three decisions in organisation A: verify, reject, and a correction request accepted then verified."""
    town = build(db)
    first, second, third = (_record(db, town, days) for days in (-12, -11, -10))
    hours.verify_hours(db, town.coord_a, first)
    hours.reject_hours(db, town.coord_a, second, "Not on the rota")
    hours.verify_hours(db, town.coord_a, third)
    request = hours_requests.file_request(db, town.volunteer, third, "time", "I stayed an hour longer")
    start, end = shift(-10, hours=3)
    new = hours_requests.accept_request(db, town.coord_a, request, started_at=start, ended_at=end)
    hours.verify_hours(db, town.coord_a, new)
    return town, [first, second, third, new]


@contextmanager
def behind_the_apps_back(db: Database) -> Iterator[Connection]:
    """A plain SQL connection with the ledger's append-only trigger out of the way, as a tamperer would do it."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER ledger_entry_no_update")
            conn.exec_driver_sql("DROP TRIGGER ledger_entry_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE ledger_entry DISABLE TRIGGER USER")  # needs the table's owner
        yield conn


def test_every_decision_appends_a_chained_entry_and_the_check_passes(db: Database) -> None:
    town, (first, second, third, new) = _decided_town(db)
    with db.read() as s:
        entries = list(s.scalars(select(LedgerEntry).where(LedgerEntry.organisation_id == town.org_a)
                                 .order_by(LedgerEntry.seq)))
    assert [(e.seq, e.action, e.record_id) for e in entries] == [
        (1, "verify", first), (2, "reject", second), (3, "verify", third),
        (4, "request_accept", new), (5, "verify", new),
    ]
    assert entries[0].prev_hash == canonical.GENESIS
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(entries))
    assert entries[3].facts["record"]["status"] == "pending" and entries[3].facts["record"]["corrects"] == third
    assert entries[4].facts["record"]["credited_minutes"] == 180
    report = ledger.verify(db, town.coord_a)
    assert report.ok, [p.message for p in report.problems]
    assert report.entries_checked == 5 and report.records_checked == 5
    assert [(c.organisation, c.length) for c in report.chains] == [("Riverside Community Centre", 5)]


def test_a_declined_request_is_an_entry_too(db: Database) -> None:
    town, (first, *_rest) = _decided_town(db)
    request = hours_requests.file_request(db, town.volunteer, first, "other", "Wrong task")
    hours_requests.decline_request(db, town.coord_a, request, "It was the right task")
    with db.read() as s:
        last = s.scalars(select(LedgerEntry).order_by(LedgerEntry.id.desc())).first()
    assert last is not None and (last.action, last.record_id, last.facts["note"]) == (
        "request_decline", first, {"request": request})
    assert ledger.verify(db, None).ok


def test_the_app_itself_cannot_update_or_delete_an_entry(db: Database) -> None:
    _decided_town(db)
    for statement in ("UPDATE ledger_entry SET action = 'verify' WHERE seq = 2", "DELETE FROM ledger_entry WHERE seq = 5"):
        with pytest.raises(Exception, match="append-only"), db.transaction() as s:
            s.execute(text(statement))
    if not db.is_sqlite:
        with pytest.raises(Exception, match="append-only"), db.transaction() as s:
            s.execute(text("TRUNCATE ledger_entry"))
    assert ledger.verify(db, None).entries_checked == 5


def test_minutes_changed_with_plain_sql_are_named(db: Database) -> None:
    _town, (first, *_rest) = _decided_town(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE service_record SET credited_minutes = 600 WHERE id = :id"), {"id": first})
    report = ledger.verify(db, None)
    assert not report.ok
    problem = report.first
    assert problem is not None
    assert (problem.kind, problem.seq, problem.record_id, problem.params["fact"]) == ("record", 1, first,
                                                                                      "credited_minutes")
    assert (problem.params["ledger"], problem.params["stored"]) == (120, 600)
    assert "credited_minutes 600" in problem.message and "says 120" in problem.message


def test_a_rejection_turned_into_a_verification_is_caught(db: Database) -> None:
    _town, (_first, second, *_rest) = _decided_town(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE service_record SET status = 'verified' WHERE id = :id"), {"id": second})
    problem = ledger.verify(db, None).first
    assert problem is not None and problem.record_id == second and problem.params["fact"] == "status"


def test_an_entry_changed_behind_the_apps_back_is_named(db: Database) -> None:
    _decided_town(db)
    with behind_the_apps_back(db) as conn:
        conn.execute(text("UPDATE ledger_entry SET actor_id = NULL WHERE seq = 2"))
    report = ledger.verify(db, None)
    assert report.first is not None and (report.first.kind, report.first.seq) == ("changed", 2)
    assert "entry 2 (reject) was changed" in report.first.message


def test_an_entry_removed_behind_the_apps_back_is_named(db: Database) -> None:
    _decided_town(db)
    with behind_the_apps_back(db) as conn:
        conn.execute(text("DELETE FROM ledger_entry WHERE seq = 3"))
    report = ledger.verify(db, None)
    assert report.first is not None and report.first.kind == "missing"
    assert "entries 3 to 3 are missing" in report.first.message


def test_an_entry_inserted_behind_the_apps_back_is_named(db: Database) -> None:
    town, (first, *_rest) = _decided_town(db)
    with db.read() as s:
        head = s.scalars(select(LedgerEntry).where(LedgerEntry.seq == 5)).one()
    with db.engine.begin() as conn:  # an insert needs no trigger out of the way
        conn.execute(text(
            "INSERT INTO ledger_entry (organisation_id, seq, action, record_id, actor_id, facts, at, prev_hash, "
            "entry_hash) VALUES (:org, 6, 'verify', :rec, :actor, :facts, :at, :prev, :hash)"
        ), {"org": town.org_a, "rec": first, "actor": town.coord_a.person_id, "facts": json.dumps(head.facts),
            "at": head.at, "prev": head.entry_hash, "hash": "f" * 64})
    report = ledger.verify(db, None)
    assert report.first is not None and (report.first.kind, report.first.seq) == ("changed", 6)


def test_a_decided_record_inserted_with_plain_sql_is_caught(db: Database) -> None:
    town, _ids = _decided_town(db)
    start, end = shift(-20)
    with db.transaction() as s:
        s.add(ServiceRecord(person_id=town.volunteer.person_id, organisation_id=town.org_a, activity="Invented",
                            started_at=start, ended_at=end, credited_minutes=600, status="verified",
                            decided_by_id=town.coord_a.person_id, decided_at=end, created_by_id=town.coord_a.person_id))
    report = ledger.verify(db, None)
    assert report.first is not None and report.first.kind == "uncovered"
    assert "is verified but no ledger entry decides it" in report.first.message


def test_a_whole_chain_rewritten_after_a_checkpoint_is_caught(db: Database) -> None:
    town, (first, *_rest) = _decided_town(db)
    saved = ledger.checkpoint(db, town.coord_a, town.org_a)
    assert (saved["length"], saved["organisation"]) == (5, "Riverside Community Centre")
    assert ledger.verify(db, None, checkpoint=saved).ok
    # The tamperer changes the minutes and recomputes every hash from that entry on: the chain itself is "intact".
    with behind_the_apps_back(db) as conn:
        conn.execute(text("UPDATE service_record SET credited_minutes = 60 WHERE id = :id"), {"id": first})
        rows = conn.execute(text(
            "SELECT id, organisation_id, seq, action, actor_id, at, record_id, certificate_id, facts "
            "FROM ledger_entry WHERE organisation_id = :org ORDER BY seq"), {"org": town.org_a}).all()
        prev = canonical.GENESIS
        for row in rows:
            facts = json.loads(row.facts) if isinstance(row.facts, str) else row.facts
            if row.record_id == first:
                facts["record"]["credited_minutes"] = 60
            facts_text = canonical.canonical_json(facts)
            at = conn.execute(select(LedgerEntry.at).where(LedgerEntry.id == row.id)).scalar_one()
            digest = canonical.entry_hash(row.organisation_id, row.seq, row.action, row.actor_id,
                                          canonical.time_text(at), row.record_id, row.certificate_id, facts_text, prev)
            conn.execute(text("UPDATE ledger_entry SET facts = :f, prev_hash = :p, entry_hash = :h WHERE id = :id"),
                         {"f": facts_text, "p": prev, "h": digest, "id": row.id})
            prev = digest
    assert ledger.verify(db, None).ok  # without the checkpoint nothing shows
    report = ledger.verify(db, None, checkpoint=saved)
    assert report.first is not None and report.first.kind == "checkpoint"
    assert "the chain was rewritten since" in report.first.message


def test_an_altered_checkpoint_is_refused(db: Database) -> None:
    town, _ids = _decided_town(db)
    saved = ledger.checkpoint(db, town.coord_a, town.org_a)
    forged = dict(saved, length=3)
    report = ledger.verify(db, None, checkpoint=forged)
    assert report.first is not None and "bad signature" in report.first.message
    wrong_key = dict(saved, fingerprint="ab" * 32)
    assert "neither holds nor trusts" in (ledger.verify(db, None, checkpoint=wrong_key).first or report.first).message
    assert base64.b64decode(saved["signature"]) and ledger.read_checkpoint(json.dumps(saved)) == saved


def test_a_volunteer_or_another_organisations_coordinator_cannot_sign_a_checkpoint(db: Database) -> None:
    town, _ids = _decided_town(db)
    for outsider in (town.volunteer, town.coord_b):
        with pytest.raises(PermissionDenied):
            ledger.checkpoint(db, outsider, town.org_a)


def test_chains_are_per_organisation_and_can_be_checked_alone(db: Database) -> None:
    town, _ids = _decided_town(db)
    start, end = shift(-10)
    other = hours.record_hours(db, town.other_volunteer, hours.HoursInput(
        person_id=town.other_volunteer.person_id, started_at=start, ended_at=end, organisation_id=town.org_b,
        activity="Packing"))
    hours.verify_hours(db, town.coord_b, other)
    assert [(c.organisation_id, c.length) for c in ledger.chain_heads(db)] == [(town.org_a, 5), (town.org_b, 1)]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE service_record SET credited_minutes = 1 WHERE id = :id"), {"id": other})
    assert ledger.verify(db, None, town.org_a).ok
    report = ledger.verify(db, None, town.org_b)
    assert not report.ok and report.entries_checked == 1


def test_decisions_made_before_the_ledger_are_carried_over_by_the_migration(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        migrate.upgrade(db, "0002", backup=False)
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO person (id, email, display_name, password_hash, is_admin, is_active, created_at) VALUES "
                "(1, 'c@example.org', 'C', 'x', false, true, '2030-01-01 00:00:00'), "
                "(2, 'v@example.org', 'V', 'x', false, true, '2030-01-01 00:00:00')"))
            conn.execute(text("INSERT INTO organisation (id, name, timezone, credit_step_minutes, "
                              "credit_min_attendance_percent, credit_cap_to_stint, created_at) VALUES "
                              "(1, 'Old Org', 'UTC', 1, 0, true, '2030-01-01 00:00:00')"))
            for rid, status in ((1, "verified"), (2, "rejected"), (3, "pending")):
                decided = "NULL" if status == "pending" else "1"
                at = "NULL" if status == "pending" else f"'2030-01-0{rid + 1} 10:00:00'"
                conn.execute(text(
                    "INSERT INTO service_record (id, person_id, organisation_id, activity, started_at, ended_at, "
                    "credited_minutes, status, decided_by_id, decided_at, created_by_id, created_at) VALUES "
                    f"({rid}, 2, 1, 'Old work', '2030-01-01 08:00:00', '2030-01-01 10:00:00', 120, '{status}', "
                    f"{decided}, {at}, 2, '2030-01-01 11:00:00')"))
        migrate.upgrade(db, backup=False)
        with db.read() as s:
            entries = list(s.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)))
        assert [(e.seq, e.action, e.record_id, e.facts["note"]) for e in entries] == [
            (1, "verify", 1, {"carried_over": "0003"}), (2, "reject", 2, {"carried_over": "0003"})]
        report = ledger.verify(db, None)
        assert report.ok, [p.message for p in report.problems]
    finally:
        db.dispose()


def test_a_whole_database_wipe_can_empty_the_ledger_and_the_guard_stays(db: Database) -> None:
    town, _ids = _decided_town(db)
    with db.transaction() as s:
        ledger.wipe_all(s)
    with db.read() as s:
        assert s.scalar(select(LedgerEntry.id)) is None
    hours.verify_hours(db, town.coord_a, _record(db, town, -30))  # a fresh chain starts at 1
    with db.read() as s:
        assert s.scalar(select(LedgerEntry.seq)) == 1
    with pytest.raises(Exception, match="append-only"), db.transaction() as s:
        s.execute(text("DELETE FROM ledger_entry"))
