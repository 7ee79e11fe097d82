"""`volunteer-app demo` as a user runs it: a separate process on a fresh SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli as volunteer_app
from volunteer_app.cli import main


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'demo.sqlite3'}"


def test_demo_fills_a_fresh_file_then_refuses_or_skips(url: str) -> None:
    done = volunteer_app("--database", url, "demo", "--json", "--volunteers", "20", "--tasks", "10", "--seed", "3")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["city"] == "杭州" and report["database"] == url
    assert report["counts"]["volunteers"] == 20 and report["counts"]["tasks"] == 10
    accounts = report["accounts"]
    assert len(accounts) == report["counts"]["accounts"]
    for account in accounts:
        assert account["email"].endswith("@demo.volunteer-app.org")
        assert len(account["password"]) >= 8
        assert account["role"] in ("site_admin", "admin", "coordinator", "volunteer")
        assert (account["organisation"] is None) == (account["role"] == "site_admin")
    assert {a["role"] for a in accounts} == {"site_admin", "admin", "coordinator", "volunteer"}

    status = volunteer_app("--database", url, "db", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["at_head"] is True

    again = volunteer_app("--database", url, "demo", "--volunteers", "20", "--tasks", "10")
    assert again.returncode == 2
    assert again.stdout == ""
    assert again.stderr.count("\n") == 1 and "--force" in again.stderr and "--if-empty" in again.stderr

    skipped = volunteer_app("--database", url, "demo", "--if-empty")
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout.count("\n") == 1 and "already holds data" in skipped.stdout


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--volunteers", "-1"], "--volunteers"),
        (["--tasks", "100001"], "--tasks"),
        (["--tasks", "many"], "--tasks"),
        (["--city", "Nowhereville"], "Nowhereville"),
        (["--lang", "fr"], "--lang"),
        (["--force", "--if-empty"], "--if-empty"),
    ],
)
def test_bad_options_exit_2_naming_them(
    url: str, args: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process (the subprocess test above covers the real command line): start-up costs seconds each.
    code: int | str | None
    try:
        code = main(["--database", url, "demo", *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err
