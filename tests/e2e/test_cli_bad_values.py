"""Issue 11, the classes behind "values Python cannot hold" and "sizes that explode the work", across
every command (not only `match`): an id or count beyond 64 bits, a date outside the years the app
plans for, a named file that is a device or endless, a spreadsheet whose bytes break its own
encoding, a search longer than any address. Each is one line, exit 2, the value cut, nothing stored.
Real processes on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from volunteer_app.store.database import Database

HUGE = "9" * 60
COORD = "coord.a@example.org"
VOL = "vol@example.org"
ORG = "Riverside"


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def one_line(done: subprocess.CompletedProcess[str], *named: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr[-1500:])
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert len(lines[0]) < 400, lines[0]
    for word in named:
        assert word in lines[0], lines[0]
    return lines[0]


def as_user(db_url: str, email: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--database", db_url, *args, "--user", email, password=PASSWORD, timeout=120)


@pytest.mark.parametrize(
    ("who", "args", "named"),
    [
        (VOL, ("signup", HUGE), ("too large",)),
        (VOL, ("withdraw", "-" + HUGE), ("too large",)),
        (COORD, ("roster", HUGE), ("too large",)),
        (COORD, ("tasks", "--limit", HUGE), ("too large",)),
        (COORD, ("task", "create", "--organisation", ORG, "--title", "T", "--start", "2030-01-01T09:00",
                 "--end", "2030-01-01T10:00", "--remote", "--slots", HUGE), ("too large",)),
        (VOL, ("signup", "1", "--start", "0001-01-01T00:00"), ("--start", "outside the years")),
        (VOL, ("signup", "1", "--start", "9999-12-31T23:59"), ("outside the years",)),
        (COORD, ("task", "create", "--organisation", ORG, "--title", "T", "--start", "0001-01-01T09:00",
                 "--end", "2030-01-01T10:00", "--remote"), ("outside the years",)),
        (COORD, ("report", "--organisation", ORG, "--from", "0001-01-01"), ("year 1",)),
        (COORD, ("report", "--organisation", ORG, "--from", "x" * 5000), ("is not a date",)),
        (VOL, ("signup", "1", "--start", "y" * 5000), ("is not a time",)),
    ],
)  # fmt: skip
def test_values_beyond_what_can_be_held_are_one_line(
    db_url: str, town: Community, who: str, args: tuple[str, ...], named: tuple[str, ...]
) -> None:
    one_line(as_user(db_url, who, *args), *named)


@pytest.mark.parametrize("name", ["/dev/zero", "folder"])
def test_named_files_that_are_devices_or_folders_are_refused_without_reading(
    db_url: str, town: Community, tmp_path: Path, name: str
) -> None:
    target = "/dev/zero" if name == "/dev/zero" else str(tmp_path)
    one_line(run_cli("certificate", "verify", target, timeout=60), target)
    one_line(as_user(db_url, VOL, "password", "--new-password-file", target), target)
    one_line(as_user(db_url, COORD, "import", "tasks", target, "--organisation", ORG))


def test_a_spreadsheet_whose_bytes_break_its_own_encoding_names_the_byte(
    db_url: str, town: Community, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xff\xfe" + "title,start\n".encode("utf-16-le") + b"\x00\xd8")  # a cut-off surrogate
    one_line(as_user(db_url, COORD, "import", "tasks", str(broken), "--organisation", ORG), "utf-16", "byte")


def test_a_place_search_longer_than_any_address_is_refused(tmp_path: Path) -> None:
    line = one_line(run_cli("geocode", "a" * 100_000, "--offline", timeout=60), "query")
    assert "aaaa" in line and len(line) < 400
