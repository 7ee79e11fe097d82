"""Bad field values, private distances, account enumeration and demo hashes, as people and scripts run the
CLI: separate processes over real databases (both backends)."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from volunteer_app.demo import accounts_file
from volunteer_app.services import accounts
from volunteer_app.store import migrate
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Person, Task, VolunteerProfile

LONG_EMAIL = "a" * 394 + "@example.org"  # 406 characters
HUGE = "x" * 100_000
REAL_HASHER = accounts._hasher


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    town = build(db)
    with db.transaction() as s:
        s.add(VolunteerProfile(person_id=town.volunteer.person_id, home_latitude=30.2712, home_longitude=120.1523,
                               radius_km=8.0, timezone="Asia/Shanghai"))  # fmt: skip
        s.add_all(AvailabilitySlot(person_id=town.volunteer.person_id, weekday=d, start_minute=0, end_minute=1440)
                  for d in range(7))  # fmt: skip
    return town


def cli(db_url: str, *args: str, user: str | None = None, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    user_args = ("--user", user) if user else ()
    return run_cli("--database", db_url, *args, *user_args, password=password, timeout=240)


def one_error_line(done: subprocess.CompletedProcess[str], *named: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "DataError" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert len(lines[0]) < 300 and "\u202e" not in lines[0]
    for word in named:
        assert word in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- field lengths


@pytest.mark.parametrize(
    ("email", "name", "named"),
    [
        (LONG_EMAIL, "Admin", ("email", "406 characters")),
        ("admin@example.org", HUGE, ("name", "100000 characters")),
        ("admin\n@example.org", "Admin", ("email", "line break")),
        ("admin@example.org", "Ad\u202emin", ("name", "override")),
    ],
)
def test_admin_create_refuses_a_bad_email_or_name_in_one_line(
    empty_db_url: str, tmp_path: Path, email: str, name: str, named: tuple[str, ...]
) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    done = run_cli("--database", empty_db_url, "admin", "create", "--email", email, "--name", name,
                   "--password-file", str(secret))  # fmt: skip
    one_error_line(done, *named)
    db = Database(empty_db_url)
    try:
        assert not accounts.has_any_account(db)
    finally:
        db.dispose()


def test_profile_set_refuses_a_huge_name_and_a_bidi_name(db: Database, db_url: str, town: Community) -> None:
    one_error_line(cli(db_url, "profile", "set", "--name", HUGE, user="vol@example.org"), "name", "100000")
    one_error_line(cli(db_url, "profile", "set", "--name", "Ann\u202eeL", user="vol@example.org"), "override")
    one_error_line(cli(db_url, "profile", "set", "--phone", "1\n2", user="vol@example.org"), "phone")
    with db.read() as s:
        assert s.scalars(select(Person.display_name).where(Person.email == "vol@example.org")).one() == "vol"


def test_task_create_refuses_a_huge_title_and_an_escape_in_the_category(
    db: Database, db_url: str, town: Community
) -> None:
    with db.read() as s:
        before = s.scalar(select(func.count(Task.id)))
    common = ("task", "create", "--organisation", "Riverside", "--start", "2030-06-01T09:00", "--end",
              "2030-06-01T11:00", "--remote")  # fmt: skip
    one_error_line(cli(db_url, *common, "--title", HUGE, user="coord.a@example.org"), "title", "100000")
    one_error_line(cli(db_url, *common, "--title", "Fine", "--category", "c\x1b]0;x\x07",
                       user="coord.a@example.org"), "category")  # fmt: skip
    one_error_line(cli(db_url, *common, "--title", "Fine", "--description", "d" * 10_001,
                       user="coord.a@example.org"), "description")  # fmt: skip
    with db.read() as s:
        assert s.scalar(select(func.count(Task.id))) == before


def test_import_of_a_file_with_an_over_long_cell_names_row_and_column(
    db: Database, db_url: str, town: Community, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["email", "name"], ["fine@example.org", "Fine"], ["huge@example.org", HUGE], [LONG_EMAIL, "Long"],
        ])  # fmt: skip
    done = cli(db_url, "import", "volunteers", str(path), user="coord.a@example.org")
    one_error_line(done, "people.csv", "2 problem(s) in 2 row(s)")
    assert "row 3, column 'name'" in done.stdout and "row 4, column 'email'" in done.stdout
    assert len(done.stdout) < 2000  # the cells are cut, never echoed whole
    with db.read() as s:
        assert s.scalar(select(func.count(Person.id)).where(Person.email == "fine@example.org")) == 0


# --------------------------------------------------------------------------- homes and enumeration


def _add_task(db_url: str) -> None:
    day = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()  # `suggest` looks from now on
    done = cli(db_url, "task", "create", "--organisation", "Riverside", "--title", "Near the home", "--start",
               f"{day}T09:00", "--end", f"{day}T11:00", "--latitude", "30.2912", "--longitude",
               "120.1723", "--status", "open", user="coord.a@example.org")  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_suggest_json_gives_the_site_admin_whole_kilometres_and_no_free_time(
    db: Database, db_url: str, town: Community
) -> None:
    _add_task(db_url)
    answers = {}
    for user in ("admin@example.org", "coord.a@example.org", "vol@example.org"):
        done = cli(db_url, "suggest", "--volunteer", "vol@example.org", "--json", user=user)
        assert done.returncode == 0, done.stderr
        found = {s["title"]: s for s in json.loads(done.stdout)["suggestions"]}
        answers[user] = found["Near the home"]
    admin, coordinator, own = answers["admin@example.org"], answers["coord.a@example.org"], answers["vol@example.org"]
    assert admin["distance_km"] == int(admin["distance_km"]) and admin["score"] == 0
    assert "free_slot" not in {r["code"] for r in admin["reasons"]}
    assert all(r["params"]["km"] == int(r["params"]["km"]) for r in admin["reasons"] if r["code"] == "distance")
    for fine in (coordinator, own):
        assert fine["distance_km"] != int(fine["distance_km"])
        assert "free_slot" in {r["code"] for r in fine["reasons"]}


def test_suggest_says_the_same_for_an_unknown_email_and_someone_elses(
    db: Database, db_url: str, town: Community
) -> None:
    lines = [
        one_error_line(cli(db_url, "suggest", "--volunteer", email, user="vol.b@example.org"))
        for email in ("vol@example.org", "nobody@example.org")
    ]
    assert (
        lines[0] == lines[1] == ("volunteer-app: error: You may see suggestions only for yourself or your volunteers.")
    )


def test_sign_in_says_the_same_for_an_unknown_email_and_a_wrong_password(db_url: str, town: Community) -> None:
    unknown = one_error_line(cli(db_url, "tasks", user="nobody@example.org"))
    wrong = one_error_line(cli(db_url, "tasks", user="vol@example.org", password="not the password"))
    assert unknown == wrong == "volunteer-app: error: Wrong email or password."


# --------------------------------------------------------------------------- demo hashes


def test_demo_says_its_hashes_are_light_and_a_first_sign_in_makes_them_full(empty_db_url: str) -> None:
    done = run_cli("--database", empty_db_url, "demo", "--volunteers", "3", "--tasks", "2", "--seed", "7",
                   "--lang", "en", "--json", timeout=240)  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert "light Argon2 hash" in report["password_hashes"]
    kept = Path(report["accounts_file"]).read_text(encoding="utf-8")
    assert accounts_file.HASH_NOTE in kept
    text = run_cli("--database", empty_db_url, "demo", "--if-empty")
    assert text.returncode == 0
    volunteer = next(a for a in report["accounts"] if a["role"] == "volunteer")
    db = Database(empty_db_url)
    try:
        migrate.upgrade(db, backup=False)

        def stored() -> str:
            with db.read() as s:
                return s.scalars(select(Person.password_hash).where(Person.email == volunteer["email"])).one()

        assert REAL_HASHER.check_needs_rehash(stored())
        signed = run_cli("--database", empty_db_url, "tasks", "--user", volunteer["email"],
                         password=volunteer["password"])  # fmt: skip
        assert signed.returncode == 0, signed.stderr
        assert not REAL_HASHER.check_needs_rehash(stored())
    finally:
        db.dispose()


def test_demo_prints_the_hash_note_in_its_text_output(empty_db_url: str) -> None:
    done = run_cli("--database", empty_db_url, "demo", "--volunteers", "2", "--tasks", "1", "--seed", "3",
                   "--lang", "en", timeout=240)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"passwords: {accounts_file.HASH_NOTE}" in done.stdout
