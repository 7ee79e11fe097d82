"""`volunteer-app demo` as a user runs it: a separate process on a fresh SQLite file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.support.cli import run_cli as volunteer_app
from volunteer_app.cli import main
from volunteer_app.settings import Settings


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'demo.sqlite3'}"


def test_demo_fills_a_fresh_file_then_refuses_or_skips(url: str) -> None:
    done = volunteer_app(
        "--database", url, "demo", "--json", "--volunteers", "20", "--tasks", "10", "--seed", "3", "--lang", "zh"
    )
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
    # One coordinator volunteers too, so the demo shows both sides of the window.
    assert [a["role"] for a in accounts if a["also_volunteer"]] == ["coordinator"]

    status = volunteer_app("--database", url, "db", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["at_head"] is True

    again = volunteer_app("--database", url, "demo", "--volunteers", "20", "--tasks", "10")
    assert again.returncode == 2
    assert again.stdout == ""
    assert again.stderr.count("\n") == 1 and "--force" in again.stderr and "--if-empty" in again.stderr

    skipped = volunteer_app("--database", url, "demo", "--if-empty")
    assert skipped.returncode == 0, skipped.stderr
    first, where, *table = skipped.stdout.splitlines()
    assert "already holds data" in first
    # The accounts again, from the file the first run kept (nobody is locked out on a second start).
    kept = Path(report["accounts_file"])
    assert str(kept) in where
    assert len(table) == 1 + len(accounts)  # the header, then every account
    for account in accounts:
        assert any(account["email"] in row and account["password"] in row for row in table)


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


def test_the_accounts_are_kept_in_the_app_home_for_the_user_alone(url: str, app_home: Path) -> None:
    done = volunteer_app("--database", url, "demo", "--volunteers", "3", "--tasks", "2", "--seed", "4", "--lang", "en")
    assert done.returncode == 0, done.stderr
    kept = app_home / "demo-accounts.txt"
    assert f"kept in {kept}" in done.stdout
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    text = kept.read_text(encoding="utf-8")
    assert url in text and "admin@demo.volunteer-app.org" in text
    assert "coordinator + volunteer" in text and "coordinator + volunteer" in done.stdout
    # Printed once on a fill: each password appears exactly once in the output.
    password = next(line.split()[-1] for line in done.stdout.splitlines() if "admin@demo" in line)
    assert done.stdout.count(password) == 1

    other = f"sqlite:///{Path(url.removeprefix('sqlite:///')).with_name('other.sqlite3')}"
    assert (
        volunteer_app(
            "--database",
            other,
            "admin",
            "create",
            "--email",
            "a@example.org",
            "--name",
            "A",
            password="a long password",
        ).returncode
        == 0
    )
    skipped = volunteer_app("--database", other, "demo", "--if-empty")
    assert skipped.returncode == 0, skipped.stderr
    assert "belong to another database" in skipped.stdout and str(kept) in skipped.stdout
    assert password not in skipped.stdout


@pytest.mark.parametrize(
    ("environment", "settings_language", "chinese"),
    [
        ({"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}, "", False),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}, "", True),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}, "en", False),
        ({"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}, "zh_CN", True),
    ],
    ids=["english-system", "chinese-system", "settings-english", "settings-chinese"],
)
def test_lang_auto_follows_the_windows_language(
    url: str, app_home: Path, environment: dict[str, str | None], settings_language: str, chinese: bool
) -> None:
    Settings(language=settings_language).save()
    done = volunteer_app(
        "--database", url, "demo", "--json", "--volunteers", "2", "--tasks", "1", "--lang", "auto", env=environment
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["lang"] == ("zh" if chinese else "en")
    assert (report["city"] == "杭州") == chinese
