"""`volunteer-app import` and `export` as people and scripts run them: separate processes, both backends."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from volunteer_app.services import accounts
from volunteer_app.store.database import Database
from volunteer_app.store.models import Task

NYC = Path(__file__).resolve().parents[1] / "data" / "nyc-service-volunteer-opportunities.csv"
COORD = "coord.a@example.org"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def cli(db_url: str, *args: str, user: str = COORD) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, *args, "--user", user, password=PASSWORD, timeout=240)


def tasks_in(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Task)) or 0)


def test_import_the_nyc_file_with_columns_dry_run_then_for_real(db: Database, db_url: str, town: Community) -> None:
    columns = ["--column", "description=summary", "--column", "category=category_desc", "--column",
               "location=locality", "--column", "start=start_date_date", "--column", "end=end_date_date",
               "--column", "slots=vol_requests", "--column", "priority=is_priority"]
    before = tasks_in(db)
    dry = cli(db_url, "import", "tasks", str(NYC), *columns, "--timezone", "America/New_York", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: 665 task(s)" in dry.stdout and "nothing was written" in dry.stdout
    assert "As they would be stored" in dry.stdout and "Health Insurance Claims Manager" in dry.stdout
    assert tasks_in(db) == before
    done = cli(db_url, "import", "tasks", str(NYC), *columns, "--timezone", "America/New_York",
               "--organisation", "riverside", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["written"] == 665 and data["problems"] == [] and data["mapping_source"] == "chosen"
    assert {w["row"] for w in data["warnings"] if w["value"] == "9999"}
    assert tasks_in(db) == before + 665
    # The mapping is remembered for this header row: the next import needs no --column.
    again = cli(db_url, "import", "tasks", str(NYC), "--timezone", "America/New_York", "--dry-run", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["mapping_source"] == "remembered"


def test_a_broken_file_is_refused_row_by_row_with_nothing_written(
    db: Database, db_url: str, town: Community, tmp_path: Path
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("title,start,slots\nSort,2030-06-01 10:00,2\nPaint,someday,2\n,2030-06-02 10:00,x\n",
                    encoding="utf-8")
    before = tasks_in(db)
    done = cli(db_url, "import", "tasks", str(path))
    assert done.returncode == 2
    assert "row 3, column 'start', value 'someday'" in done.stdout
    assert "row 4, column 'title'" in done.stdout and "row 4, column 'slots', value 'x'" in done.stdout
    assert done.stderr.startswith("volunteer-app: error: broken.csv: 3 problem(s) in 2 row(s); nothing was imported")
    assert tasks_in(db) == before
    skipped = cli(db_url, "import", "tasks", str(path), "--skip-invalid")
    assert skipped.returncode == 0 and "Imported 1 task(s)" in skipped.stdout
    assert tasks_in(db) == before + 1
    unknown = cli(db_url, "import", "tasks", str(path), "--column", "title=Name")
    assert unknown.returncode == 2 and "no column 'Name'" in unknown.stderr


def test_import_volunteers_and_export_everything(
    db: Database, db_url: str, town: Community, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email,name,skills\nnew@example.org,New Person,first_aid:2\n", encoding="utf-8")
    passwords = tmp_path / "passwords.csv"
    done = cli(db_url, "import", "volunteers", str(people), "--passwords-file", str(passwords))
    assert done.returncode == 0, done.stderr
    assert "Imported 1 volunteer(s)" in done.stdout and str(passwords) in done.stdout
    with passwords.open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert accounts.sign_in(db, row["email"], row["password"]).email == "new@example.org"
    assert passwords.stat().st_mode & 0o077 == 0

    for what in ("tasks", "volunteers", "hours"):
        out = tmp_path / f"{what}.csv"
        done = cli(db_url, "export", what, str(out), "--organisation", "Riverside Community Centre")
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8").splitlines()[0].startswith(
            {"tasks": "title,", "volunteers": "email,", "hours": "record_id,"}[what])
    assert "new@example.org" in (tmp_path / "volunteers.csv").read_text(encoding="utf-8")
    again = cli(db_url, "export", "tasks", str(tmp_path / "tasks.csv"))
    assert again.returncode == 2 and "exists already" in again.stderr
    refused = cli(db_url, "export", "tasks", str(tmp_path / "v.csv"), user="vol@example.org")
    assert refused.returncode == 2 and "coordinators" in refused.stderr
