"""Inputs that used to hang or crash the CLI: sizes that explode the work, values Python cannot hold
or print, terminal escapes in what other people wrote. Each is one line and exit 2 (1 for the
environment), before any solving; nothing raw reaches the terminal. Real processes, real databases."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from tests.support.cli import console_script, run_cli
from tests.support.community import PASSWORD, Community, build
from tests.unit.fake_nominatim import HANGZHOU_CITY, FakeNominatim
from volunteer_app.domain.enums import TaskStatus
from volunteer_app.services import accounts, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Task, VolunteerProfile

EVIL = "Park \x1b]0;owned\x07clean-up \u202eevil"


def instance(**task_changes: Any) -> dict[str, Any]:
    task = {"id": "t1", "location": None, "requires": {}, "start": "2026-12-05T10:00:00+08:00",
            "end": "2026-12-05T12:00:00+08:00", "slots": 2, **task_changes}  # fmt: skip
    return {
        "format": "volunteer-app.matching-instance",
        "version": 1,
        "volunteers": [
            {
                "id": "v1",
                "location": None,
                "radius_km": 5,
                "skills": {},
                "free": [["2026-12-05T09:00:00+08:00", "2026-12-05T13:00:00+08:00"]],
            }
        ],
        "tasks": [task],
    }


def one_line(done: subprocess.CompletedProcess[str], code: int, *named: str) -> str:
    assert done.returncode == code, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert len(lines[0]) < 400 and "\x1b" not in lines[0]
    for word in named:
        assert word in lines[0], lines[0]
    assert done.stdout == ""
    return lines[0]


def match(tmp_path: Path, content: bytes | dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "in.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return run_cli("match", str(path), *args, timeout=120)


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (
            json.dumps(instance())
            .replace(
                '"start": "2026-12-05T10:00:00+08:00", "end": "2026-12-05T12:00:00+08:00"',
                '"window": ["0001-01-01T00:00:00+00:00", "9999-12-31T00:00:00+00:00"], "minutes": 60',
            )
            .encode(),
            ("window",),
        ),
        (
            json.dumps(instance())
            .replace('"end": "2026-12-05T12:00:00+08:00"', '"end": "2027-12-05T12:00:00+08:00"')
            .encode(),
            ("end", "92"),
        ),
        (json.dumps(instance()).replace('"slots": 2', '"slots": ' + "9" * 400).encode(), ("slots", "400")),
        (json.dumps(instance()).replace('"slots": 2', '"slots": 1e400').encode(), ("slots", "1e400")),
        (json.dumps(instance()).replace('"slots": 2', '"slots": NaN').encode(), ("NaN",)),
        (b"[" * 5000 + b"]" * 5000, ("nested",)),
        (json.dumps(instance(id="t\ud800")).encode(), ("id", "surrogate")),
        (json.dumps(instance(id="x" * 1_000_000)).encode(), ("id", "1000000")),
        (json.dumps(instance()).encode("utf-16"), ("UTF-16",)),
        (b'{"format": "\xff"}', ("not UTF-8",)),
    ],
)
def test_match_refuses_bad_files_in_one_line(tmp_path: Path, content: Any, named: tuple[str, ...]) -> None:
    out = tmp_path / "result.json"
    one_line(match(tmp_path, content, "-o", str(out)), 2, "in.json", *named)
    assert not out.exists()


def test_match_refuses_endless_and_folder_inputs_and_bad_outputs(tmp_path: Path) -> None:
    one_line(run_cli("match", "/dev/zero", timeout=120), 2, "/dev/zero", "64 MB")
    one_line(run_cli("match", str(tmp_path)), 2, "folder")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(instance()), encoding="utf-8")
    one_line(run_cli("match", str(good), "-o", str(tmp_path)), 2, "-o", "folder")
    one_line(run_cli("match", str(good), "-o", str(tmp_path / "missing" / "r.json")), 2, "does not exist")
    one_line(run_cli("match", str(good), "-o", "/proc/result.json"), 1, "cannot write /proc/result.json")
    one_line(run_cli("match", str(good), "-o", "/dev/full"), 1, "No space left")
    one_line(run_cli("match", str(good), "--explain", "v1", "nobody"), 2, "--explain", "nobody")


def test_match_reads_standard_input_with_the_same_checks() -> None:
    script = console_script()
    done = subprocess.run([*script, "match", "-"], input=json.dumps(instance()), capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["unfilled"] == {"t1": 1}
    bad = subprocess.run([*script, "match", "-"], input="[" * 3000, capture_output=True, text=True, timeout=120,
                         check=False)  # fmt: skip
    one_line(bad, 2, "standard input", "nested")


def test_match_reports_fixed_placements_that_break_rules_in_one_warning_line(tmp_path: Path) -> None:
    data = instance(slots=1)
    data["volunteers"].append(dict(data["volunteers"][0], id="v2", free=[]))
    data["fixed"] = [{"volunteer": "v1", "task": "t1"}, {"volunteer": "v2", "task": "t1"}]
    out = tmp_path / "r.json"
    done = match(tmp_path, data, "-o", str(out))
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and "fixed_over_slots: 1" in warning[0] and "fixed_outside_free_time: 1" in warning[0]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["warnings"]["fixed_over_slots"] == [{"task": "t1", "fixed": 2, "slots": 1}]


def test_explain_prints_an_escape_in_an_id_visibly(tmp_path: Path) -> None:
    data = instance()
    data["volunteers"][0]["id"] = "v\x1b[2J"
    done = match(tmp_path, data, "--explain", "v\x1b[2J", "t1")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "v\\x1b[2J" in done.stdout


def test_match_help_states_the_limits() -> None:
    done = run_cli("match", "--help")
    text = " ".join(done.stdout.split())
    assert "64 MB" in text and "400 days" in text and "92 days" in text and "10,000" in text


# --------------------------------------------------------------------------- the database path


@pytest.fixture
def town(db: Database, monkeypatch: pytest.MonkeyPatch) -> Community:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    town = build(db)
    with db.transaction() as s:
        s.add(VolunteerProfile(person_id=town.volunteer.person_id, home_latitude=30.2712, home_longitude=120.1523,
                               radius_km=8.0, timezone="Asia/Shanghai"))  # fmt: skip
        # Three stretches a day, every day: 276 free intervals over 92 days.
        s.add_all(AvailabilitySlot(person_id=town.volunteer.person_id, weekday=d, start_minute=a, end_minute=a + 120)
                  for d in range(7) for a in (60, 480, 900))  # fmt: skip
    soon = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0) + timedelta(days=60)
    task_id = tasks.create_task(
        db, town.coord_a,
        tasks.TaskInput(organisation_id=town.org_a, title="Tidy the park", starts_at=soon,
                        ends_at=soon + timedelta(hours=1), latitude=30.27, longitude=120.15, slots=2,
                        status=TaskStatus.OPEN, timezone="UTC"),
    )  # fmt: skip
    with db.transaction() as s:  # as an old row or a direct import could hold it
        s.execute(update(Task).where(Task.id == task_id).values(title=EVIL))
    return town


def cli(db_url: str, *args: str, user: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, *args, "--user", user, password=PASSWORD, timeout=240)


def test_suggest_bounds_days_and_prints_escapes_visibly(db_url: str, town: Community) -> None:
    one_line(cli(db_url, "suggest", "--volunteer", "vol@example.org", "--days", "2000", user="vol@example.org"),
             2, "--days", "92", "2000")  # fmt: skip
    done = cli(db_url, "suggest", "--volunteer", "vol@example.org", "--days", "92", user="vol@example.org")
    assert done.returncode == 0, done.stderr
    assert "Park \\x1b]0;owned\\x07clean-up \\u202eevil" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    as_json = cli(db_url, "suggest", "--volunteer", "vol@example.org", "--days", "92", "--json",
                  user="vol@example.org")  # fmt: skip
    assert as_json.returncode == 0, as_json.stderr
    assert "\u202e" not in as_json.stdout
    assert [s["title"] for s in json.loads(as_json.stdout)["suggestions"]] == [EVIL]


def test_assign_bounds_its_span(db_url: str, town: Community) -> None:
    common = ("assign", "--organisation", "Riverside")
    one_line(cli(db_url, *common, "--from", "2030-01-01", "--to", "2031-01-01", user="coord.a@example.org"),
             2, "--to", "92")  # fmt: skip
    one_line(cli(db_url, *common, "--from", "0001-01-01", user="coord.a@example.org"), 2, "0001-01-01")
    one_line(
        cli(db_url, *common, "--from", "2030-01-01", "--to", "9" * 5000, user="coord.a@example.org"), 2, "not a date"
    )
    done = cli(db_url, *common, "--from", "2030-05-01", "--to", "2030-07-31", user="coord.a@example.org")
    assert done.returncode == 0, done.stderr


def test_geocoder_answers_are_printed_with_escapes_visible() -> None:
    with FakeNominatim() as server:
        server.answers["evil town"] = [dict(HANGZHOU_CITY, name=EVIL, display_name=EVIL)]
        done = run_cli(
            "geocode", "evil town", env={"VOLUNTEER_APP_NOMINATIM_URL": server.url, "VOLUNTEER_APP_GEOCODER": None}
        )
        as_json = run_cli(
            "geocode",
            "evil town",
            "--json",
            env={"VOLUNTEER_APP_NOMINATIM_URL": server.url, "VOLUNTEER_APP_GEOCODER": None},
        )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout and "\\x1b]0;owned" in done.stdout
    assert json.loads(as_json.stdout)["candidates"][0]["name"] == EVIL
