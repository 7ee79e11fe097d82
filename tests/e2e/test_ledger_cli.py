"""`volunteer-app ledger verify|checkpoint` as people and scripts run them: separate processes, both backends."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sqlalchemy import text

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build, shift
from volunteer_app.services import hours
from volunteer_app.store.database import Database


def _verified(db: Database) -> tuple[Community, int]:
    town = build(db)
    start, end = shift(-10)
    record = hours.record_hours(db, town.volunteer, hours.HoursInput(
        person_id=town.volunteer.person_id, started_at=start, ended_at=end, organisation_id=town.org_a,
        activity="Sorting"))
    hours.verify_hours(db, town.coord_a, record)
    return town, record


def ledger_cli(db_url: str, *args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"VOLUNTEER_APP_HOME": str(home)} if home else None
    return run_cli("--database", db_url, "ledger", *args, password=PASSWORD, env=env, timeout=120)


def test_verify_says_intact_then_names_what_was_changed(db: Database, db_url: str) -> None:
    _town, record = _verified(db)
    done = ledger_cli(db_url, "verify")
    assert done.returncode == 0, done.stderr
    assert "Riverside Community Centre: 1 entries" in done.stdout and "intact" in done.stdout
    assert json.loads(ledger_cli(db_url, "verify", "--json").stdout)["ok"] is True
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE service_record SET credited_minutes = 600 WHERE id = :id"), {"id": record})
    done = ledger_cli(db_url, "verify", "--organisation", "Riverside Community Centre")
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert f"record {record} has credited_minutes 600 but ledger entry 1 says 120" in done.stdout
    data = json.loads(ledger_cli(db_url, "verify", "--json").stdout)
    assert data["ok"] is False and data["first_problem"]["record"] == record
    assert ledger_cli(db_url, "verify", "--organisation", "Hillside Food Bank").returncode == 0


def test_a_checkpoint_catches_entries_removed_after_it(db: Database, db_url: str, tmp_path: Path) -> None:
    town, _record = _verified(db)
    saved = tmp_path / "riverside.checkpoint.json"
    done = ledger_cli(db_url, "checkpoint", "--organisation", "Riverside", "--out", str(saved),
                      "--user", town.coord_a.email)
    assert done.returncode == 0, done.stderr
    assert json.loads(saved.read_text())["length"] == 1
    assert ledger_cli(db_url, "verify", "--checkpoint", str(saved)).returncode == 0
    with db.engine.begin() as conn:  # behind the app's back: the trigger out of the way, the entry gone
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER ledger_entry_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE ledger_entry DISABLE TRIGGER USER")
        conn.exec_driver_sql("DELETE FROM ledger_entry")
        conn.exec_driver_sql("UPDATE service_record SET status = 'pending', decided_by_id = NULL, decided_at = NULL")
    assert ledger_cli(db_url, "verify").returncode == 0  # an empty ledger and nothing decided: no trace left
    done = ledger_cli(db_url, "verify", "--checkpoint", str(saved))
    assert done.returncode == 1
    assert "shorter than the 1 entries of the checkpoint" in done.stdout


def test_a_volunteer_cannot_sign_a_checkpoint_and_bad_files_are_one_line(db: Database, db_url: str,
                                                                         tmp_path: Path) -> None:
    town, _record = _verified(db)
    done = ledger_cli(db_url, "checkpoint", "--organisation", "Riverside", "--out", str(tmp_path / "x.json"),
                      "--user", town.volunteer.email)
    assert done.returncode == 2 and "volunteer-app: error:" in done.stderr
    assert not (tmp_path / "x.json").exists()
    (tmp_path / "junk.json").write_text("not json")
    done = ledger_cli(db_url, "verify", "--checkpoint", str(tmp_path / "junk.json"))
    assert done.returncode == 2 and "not a ledger checkpoint" in done.stderr


def test_two_desktops_on_one_database_both_sign(db: Database, db_url: str, tmp_path: Path) -> None:
    """Two home folders (two installations) sign for the same organisation with the key kept in the database."""
    town, _record = _verified(db)
    for n, user in enumerate((town.coord_a.email, town.admin.email)):
        out = tmp_path / f"desktop-{n}.json"
        done = ledger_cli(db_url, "checkpoint", "--organisation", "Riverside", "--out", str(out), "--user", user,
                          home=tmp_path / f"home-{n}")
        assert done.returncode == 0, done.stderr
        assert ledger_cli(db_url, "verify", "--checkpoint", str(out), home=tmp_path / "third").returncode == 0
