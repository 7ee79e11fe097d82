"""`profile show` and `profile set` as a user runs them: a separate process over a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, build
from volunteer_app.services import accounts
from volunteer_app.store import migrate
from volunteer_app.store.database import Database

USER = ("--user", "vol@example.org")


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    address = f"sqlite:///{tmp_path / 'profile.sqlite3'}"
    db = Database(address)
    try:
        migrate.upgrade(db, backup=False)
        build(db)
    finally:
        db.dispose()
    return address


def run(url: str, *args: str):  # noqa: ANN201 - a CompletedProcess
    return run_cli("--database", url, "profile", *args, *USER, password=PASSWORD)


def show(url: str) -> dict:  # type: ignore[type-arg]
    done = run(url, "show", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_set_then_show(url: str) -> None:
    before = show(url)
    assert before["saved"] is False and before["skills"] == {} and before["free"] == []
    done = run(
        url,
        "set",
        "--radius-km",
        "12",
        "--weekly-cap-hours",
        "6",
        "--skill",
        "first_aid=3",
        "--skill",
        "driving=2",
        "--free",
        "mon",
        "09:00-12:00",
        "--free",
        "sat",
        "14:00-17:30",
        "--free",
        "mon",
        "12:00-13:00",
    )
    assert done.returncode == 0, done.stderr
    assert "Profile saved." in done.stdout and "mon 09:00-13:00" in done.stdout
    after = show(url)
    assert after["radius_km"] == 12 and after["weekly_cap_hours"] == 6
    assert after["skills"] == {"driving": 2, "first_aid": 3}
    assert after["free"] == [
        {"day": "mon", "start": "09:00", "end": "13:00"},
        {"day": "sat", "start": "14:00", "end": "17:30"},
    ]
    # What is left out stays; --free replaces the whole pattern; LEVEL 0 removes one skill.
    done = run(url, "set", "--skill", "driving=0", "--free", "tue", "18:00-20:00")
    assert done.returncode == 0, done.stderr
    again = show(url)
    assert again["radius_km"] == 12 and again["skills"] == {"first_aid": 3}
    assert again["free"] == [{"day": "tue", "start": "18:00", "end": "20:00"}]
    text = run(url, "show")
    assert text.returncode == 0 and "first_aid=3" in text.stdout and "travels up to 12 km" in text.stdout


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--radius-km", "0"), "A travel distance of 0 km"),
        (("--radius-km", "far"), "'far'"),
        (("--weekly-cap-hours", "200"), "A weekly limit of 200 hours"),
        (("--skill", "first_aid=6"), "Level 6 for 'first_aid'"),
        (("--skill", "juggling=2"), "'juggling' is not a skill"),
        (("--skill", "first_aid"), "'first_aid'"),
        (("--free", "mon", "12:00-09:00"), "12:00–09:00 ends before it starts"),
        (("--free", "someday", "09:00-10:00"), "'someday'"),
        (("--free", "mon", "9-10"), "'9-10'"),
        (("--free", "mon", "09:10-10:00"), "09:10 is not on a quarter hour"),
    ],
)
def test_bad_values_are_one_line_exit_2_and_nothing_is_written(url: str, args: tuple[str, ...], named: str) -> None:
    # Good values alongside the bad one: none of them may be written.
    done = run(url, "set", "--radius-km", "7", "--skill", "driving=2", *args, "--free", "wed", "10:00-11:00")
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr, done.stderr
    after = show(url)
    assert after["saved"] is False and after["skills"] == {} and after["free"] == [] and after["radius_km"] == 5
