"""`volunteer-app certificate ...` and `statement ...` as people and scripts run them: separate processes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PIL import Image

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from tests.support.hours_data import Ledger, ledger
from volunteer_app.certificates import decode
from volunteer_app.services import accounts, signing_keys
from volunteer_app.store.database import Database


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


def cli(db_url: str, *args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    extra = ("--user", user) if user else ()
    return run_cli("--database", db_url, *args, *extra, password=PASSWORD if user else None, timeout=180)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, (done.stdout, done.stderr)
    return done.stdout


def one_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("volunteer-app: error:"), done.stderr
    return lines[0]


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (poppler-utils / zbar-tools); this check needs it")


def test_issue_verify_revoke_round_trip(
    db: Database, db_url: str, town: Community, year: Ledger, tmp_path: Path
) -> None:
    out = tmp_path / "vol-zh.pdf"
    said = ok(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out),
                  user=town.coord_a.email))
    assert "9 h 30 min" in said and str(out) in said
    need("pdftotext")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert all(field in text for field in ("服务时间", "服务内容", "记录单位"))

    shown = ok(cli(db_url, "certificate", "verify", str(out)))
    assert "VALID" in shown and "register shows it unchanged" in shown and "570 minutes" in shown
    listed = json.loads(ok(cli(db_url, "certificate", "list", "--json", user=town.coord_a.email)))
    [entry] = listed["certificates"]
    assert entry["minutes"] == 570 and entry["revoked_at"] is None

    ok(cli(db_url, "certificate", "revoke", entry["number"], "--reason", "Wrong period", user=town.coord_a.email))
    revoked = cli(db_url, "certificate", "verify", str(out), "--json")
    assert revoked.returncode == 1, revoked.stderr
    data = json.loads(revoked.stdout)
    assert data["outcome"] == "revoked" and "Wrong period" in data["reason"]


def test_the_scanned_qr_text_and_a_school_with_only_the_key_file_verify(
    db: Database, db_url: str, town: Community, year: Ledger, tmp_path: Path
) -> None:
    need("pdftoppm")
    need("zbarimg")
    out = tmp_path / "vol-en.pdf"
    ok(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out), "--lang", "en",
           user=town.coord_a.email))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True)
    scanned = subprocess.run(["zbarimg", "--quiet", str(tmp_path / "page.png")], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert scanned.startswith("QR-Code:VA1:")
    assert ok(cli(db_url, "certificate", "verify", scanned)).count("VALID") == 1
    assert "VALID" in ok(cli(db_url, "certificate", "verify", str(tmp_path / "page.png")))

    # A school's own installation: an empty database that knows no keys, then the organisation's key file.
    school = f"sqlite:///{tmp_path / 'school.db'}"
    unknown = cli(school, "certificate", "verify", str(out))
    assert unknown.returncode == 1 and "unknown issuer" in unknown.stdout
    key_file = tmp_path / "riverside.json"
    key_file.write_text(signing_keys.public_key_file(db, town.coord_a, town.org_a), encoding="utf-8")
    checked = cli(school, "certificate", "verify", str(out), "--key", str(key_file))
    assert checked.returncode == 0, (checked.stdout, checked.stderr)
    assert "revocation was not checked" in checked.stdout


def test_bad_certificates_each_get_a_sentence_and_an_exit_code(
    db: Database, db_url: str, town: Community, year: Ledger, tmp_path: Path
) -> None:
    out = tmp_path / "c.pdf"
    ok(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out),
           user=town.coord_a.email))
    data = out.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    assert "not a complete PDF" in one_error(cli(db_url, "certificate", "verify", str(truncated)))

    blank = tmp_path / "blank.png"
    Image.new("RGB", (800, 600), (220, 210, 190)).save(blank)
    assert "no QR code was found" in one_error(cli(db_url, "certificate", "verify", str(blank)))

    assert "not a volunteer-app certificate" in one_error(cli(db_url, "certificate", "verify", "https://example.org"))

    payload = json.loads(ok(cli(db_url, "certificate", "verify", str(out), "--json")))
    assert payload["valid"] is True
    text = _payload_of(out)
    i = len(text) // 2
    changed = text[:i] + ("Q" if text[i] != "Q" else "R") + text[i + 1:]
    assert cli(db_url, "certificate", "verify", changed).returncode in (1, 2)


def _payload_of(pdf: Path) -> str:
    return decode.read_file(pdf).text


def test_refusals_write_nothing(db: Database, db_url: str, town: Community, year: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "nope.pdf"
    line = one_error(cli(db_url, "certificate", "issue", "--volunteer", town.other_volunteer.email, "--out", str(out),
                         "--organisation", "Riverside", user=town.volunteer.email))
    assert "not a coordinator or admin" in line
    line = one_error(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out),
                         "--from", "2001-01-01", "--to", "2001-02-01", user=town.coord_a.email))
    assert "no verified hours" in line
    line = one_error(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out),
                         "--from", "2026-05-01", "--to", "2026-04-01", user=town.coord_a.email))
    assert "ends on 2026-04-01 before it starts on 2026-05-01" in line
    line = one_error(cli(db_url, "certificate", "issue", "--volunteer", town.volunteer.email, "--out", str(out),
                         user=town.coord_b.email))
    assert "is not a volunteer of Hillside Food Bank" in line
    assert not out.exists()
    assert json.loads(ok(cli(db_url, "certificate", "list", "--json", user=town.coord_a.email)))["certificates"] == []


def test_request_then_statement_export_and_import(
    db: Database, db_url: str, town: Community, year: Ledger, tmp_path: Path
) -> None:
    said = ok(cli(db_url, "certificate", "request", "--organisation", "Riverside", "--lang", "en",
                  user=town.volunteer.email))
    assert "Asked Riverside Community Centre" in said
    assert "Request" in ok(cli(db_url, "certificate", "list", user=town.coord_a.email))
    statement = tmp_path / "statement.json"
    ok(cli(db_url, "statement", "export", "--out", str(statement), "--volunteer", town.volunteer.email,
           user=town.coord_a.email))
    forged = tmp_path / "forged.json"
    forged.write_text(statement.read_text(encoding="utf-8").replace('"minutes": 570', '"minutes": 5700', 1),
                      encoding="utf-8")
    assert "signature does not match" in one_error(cli(db_url, "statement", "import", str(forged),
                                                       user=town.volunteer.email))
    assert "No imported hours" in ok(cli(db_url, "statement", "list", user=town.volunteer.email))
    assert "Imported 9 h 30 min" in ok(cli(db_url, "statement", "import", str(statement), user=town.volunteer.email))
    rows = json.loads(ok(cli(db_url, "statement", "list", "--json", user=town.volunteer.email)))
    assert [r["minutes"] for r in rows] == [570]

