"""`volunteer-app keys export|import|list|remove`: separate processes, both backends."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, build
from volunteer_app.services import accounts, organisations
from volunteer_app.store import migrate
from volunteer_app.store.database import Database


def keys_cli(db_url: str, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, "keys", *args, "--user", user, password=PASSWORD, timeout=120)


def _other_installation(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'seaside.db'}"
    other = Database(url)
    try:
        migrate.upgrade(other, backup=False)
        admin = accounts.create_first_admin(other, "boss@example.net", "Boss", PASSWORD)
        organisations.create_organisation(other, admin, "Seaside Shelter")
    finally:
        other.dispose()
    return url


def test_export_import_list_remove(db: Database, db_url: str, tmp_path: Path) -> None:
    town = build(db)
    other_url = _other_installation(tmp_path)
    json_file, pem_file = tmp_path / "seaside.json", tmp_path / "seaside.pem"
    for out in (json_file, pem_file):
        done = keys_cli(other_url, "boss@example.net", "export", "--organisation", "Seaside Shelter", "--out", str(out))
        assert done.returncode == 0, done.stderr
    data = json.loads(json_file.read_text())
    assert (data["organisation"], data["algorithm"]) == ("Seaside Shelter", "Ed25519")
    assert pem_file.read_text().startswith("Organisation: Seaside Shelter\nFingerprint: " + data["fingerprint"])
    done = keys_cli(db_url, town.volunteer.email, "import", str(json_file))
    assert done.returncode == 2 and "Only coordinators and administrators" in done.stderr
    done = keys_cli(db_url, town.coord_a.email, "import", str(pem_file))
    assert done.returncode == 0, done.stderr
    assert data["fingerprint"] in done.stdout
    done = keys_cli(db_url, town.coord_a.email, "import", str(json_file))
    assert done.returncode == 2 and "trusted already" in done.stderr
    listed = json.loads(keys_cli(db_url, town.volunteer.email, "list", "--json").stdout)
    assert {(k["organisation"], k["source"]) for k in listed} == {
        ("Riverside Community Centre", "this database"), ("Hillside Food Bank", "this database"),
        ("Seaside Shelter", "imported")}
    done = keys_cli(db_url, town.coord_a.email, "remove", data["fingerprint"])
    assert done.returncode == 0 and "Seaside Shelter" in done.stdout
    assert "Seaside" not in keys_cli(db_url, town.coord_a.email, "list").stdout


def test_a_tampered_key_file_is_refused(db: Database, db_url: str, tmp_path: Path) -> None:
    town = build(db)
    out = tmp_path / "riverside.json"
    assert keys_cli(db_url, town.coord_a.email, "export", "--organisation", "Riverside", "--out",
                    str(out)).returncode == 0
    data = json.loads(out.read_text())
    data["fingerprint"] = "0" * 64
    out.write_text(json.dumps(data))
    done = keys_cli(db_url, town.coord_b.email, "import", str(out))
    assert done.returncode == 2
    assert "does not match its key" in done.stderr and len(done.stderr.strip().splitlines()) == 1
