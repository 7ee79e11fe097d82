"""The `volunteer-app` command as people run it: installed console script, real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import volunteer_app
from tests.support.cli import run_cli
from volunteer_app.services.accounts import MIN_PASSWORD_LENGTH, sign_in
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.services.storage import Database

PASSWORD = "correct horse battery"


def run(
    args: list[str], *, password: str | None = None, program: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, password=password, program=program, timeout=120)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{done.stderr}"
    assert lines[0].startswith("volunteer-app: error:"), lines[0]
    return lines[0]


# --------------------------------------------------------------------------- basics


@pytest.mark.parametrize(
    "program",
    [None, [sys.executable, "-m", "volunteer_app"]],
    ids=["console-script", "python-m"],
)
def test_version(program: list[str] | None) -> None:
    done = run(["--version"], program=program)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"volunteer-app {volunteer_app.__version__}"


def test_help_lists_the_commands() -> None:
    done = run(["--help"])
    assert done.returncode == 0, done.stderr
    for word in ("--database", "db", "admin", "gui"):
        assert word in done.stdout
    sub = run(["db", "--help"])
    assert sub.returncode == 0, sub.stderr
    for word in ("status", "upgrade", "backup", "restore"):
        assert word in sub.stdout


def test_unknown_subcommand_is_one_line() -> None:
    line = one_error_line(run(["frobnicate"]))
    assert "frobnicate" in line


@pytest.mark.parametrize(
    "url",
    ["not a url at all", "mysql://user@localhost/volunteers", "oracle+cx_oracle://x@y/z"],
    ids=["garbage", "mysql", "oracle"],
)
def test_bad_database_url_is_one_line(url: str) -> None:
    line = one_error_line(run(["--database", url, "db", "status"]))
    assert "database" in line or "URL" in line


def test_headless_commands_never_load_qt(tmp_path: Path) -> None:
    """The cli imports the gui only inside the function that opens the window (see .importlinter)."""
    code = (
        "import sys\n"
        "from volunteer_app.cli import main\n"
        "main(['db', 'status'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'volunteer_app.gui'))], "
        "sorted(m for m in sys.modules if 'PySide6' in m or 'gui' in m)\n"
    )
    done = run(["-c", code], program=[sys.executable])
    assert done.returncode == 0, done.stderr
    assert "current:" in done.stdout


# --------------------------------------------------------------------------- admin create


def test_first_admin_on_an_empty_database(empty_db_url: str) -> None:
    done = run(
        ["--database", empty_db_url, "admin", "create", "--email", "Chief@Example.org", "--name", "Chief"],
        password=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    assert "chief@example.org" in done.stdout

    db = Database(empty_db_url)
    try:
        actor = sign_in(db, "chief@example.org", PASSWORD)  # the CLI migrated the database first
    finally:
        db.dispose()
    assert actor.is_admin
    assert actor.display_name == "Chief"

    second = run(
        ["--database", empty_db_url, "admin", "create", "--email", "deputy@example.org", "--name", "Deputy"],
        password=PASSWORD,
    )
    assert "--user" in one_error_line(second)


def _sign_in_fails(url: str, email: str, password: str) -> bool:
    db = Database(url)
    try:
        sign_in(db, email, password)
    except InvalidCredentials:
        return True
    finally:
        db.dispose()
    return False


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_second_admin_never_gets_the_acting_admins_password(empty_db_url: str, tmp_path: Path) -> None:
    base = ["--database", empty_db_url, "admin", "create"]
    assert run([*base, "--email", "chief@example.org", "--name", "Chief"], password=PASSWORD).returncode == 0

    # No terminal, no --password-file: a generated password, printed once.
    done = run(
        [*base, "--email", "deputy@example.org", "--name", "Deputy", "--user", "chief@example.org"], password=PASSWORD
    )
    assert done.returncode == 0, done.stderr
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("password")]
    generated = line.rsplit(" ", 1)[1]
    assert len(generated) >= 20 and generated != PASSWORD
    assert _sign_in_fails(empty_db_url, "deputy@example.org", PASSWORD)
    db = Database(empty_db_url)
    try:
        assert sign_in(db, "deputy@example.org", generated).is_admin
    finally:
        db.dispose()

    # --password-file: the first line of the file.
    secret = tmp_path / "third.txt"
    secret.write_text("the third one's own password\nignored\n", encoding="utf-8")
    done = run(
        [
            *base,
            "--email",
            "third@example.org",
            "--name",
            "Third",
            "--user",
            "chief@example.org",
            "--password-file",
            str(secret),
        ],
        password=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    assert "password" not in done.stdout.replace("created administrator", "")  # nothing printed this time
    db = Database(empty_db_url)
    try:
        assert sign_in(db, "third@example.org", "the third one's own password").is_admin
    finally:
        db.dispose()

    # A file holding the acting admin's own password is refused: nothing is created.
    same = tmp_path / "same.txt"
    same.write_text(PASSWORD + "\n", encoding="utf-8")
    refused = run(
        [
            *base,
            "--email",
            "fourth@example.org",
            "--name",
            "Fourth",
            "--user",
            "chief@example.org",
            "--password-file",
            str(same),
        ],
        password=PASSWORD,
    )
    assert "same as yours" in one_error_line(refused)
    assert _sign_in_fails(empty_db_url, "fourth@example.org", PASSWORD)

    missing = run(
        [
            *base,
            "--email",
            "fifth@example.org",
            "--name",
            "Fifth",
            "--user",
            "chief@example.org",
            "--password-file",
            str(tmp_path / "nowhere.txt"),
        ],
        password=PASSWORD,
    )
    assert "nowhere.txt" in one_error_line(missing)


def test_default_database_lives_in_the_app_home(app_home: Path) -> None:
    done = run(["admin", "create", "--email", "solo@example.org", "--name", "Solo"], password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert (app_home / "volunteer-app.sqlite3").is_file()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_too_short_password_is_refused(empty_db_url: str) -> None:
    short = "x" * (MIN_PASSWORD_LENGTH - 1)
    done = run(
        ["--database", empty_db_url, "admin", "create", "--email", "a@example.org", "--name", "A"], password=short
    )
    line = one_error_line(done)
    assert "password" in line.lower()
    assert str(MIN_PASSWORD_LENGTH) in line


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_no_password_and_no_terminal_is_one_line(empty_db_url: str) -> None:
    done = run(["--database", empty_db_url, "admin", "create", "--email", "a@example.org", "--name", "A"])
    assert "VOLUNTEER_APP_PASSWORD" in one_error_line(done)


def test_every_command_takes_the_global_options(tmp_path: Path) -> None:
    for command in (["demo"], ["db", "status"], ["match"], ["geocode"], ["admin", "create"]):
        done = run([*command, "--version"])
        assert done.returncode == 0 and done.stdout.strip() == f"volunteer-app {volunteer_app.__version__}", command
        done = run([*command, "--help"])
        assert done.returncode == 0 and "--database URL" in done.stdout, command
    url = f"sqlite:///{tmp_path / 'after.sqlite3'}"
    done = run(["db", "upgrade", "--database", url])  # after the command's name, too
    assert done.returncode == 0 and "after.sqlite3" in done.stdout


def test_the_window_without_a_screen_is_one_clear_line() -> None:
    done = run_cli(env={"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None})
    line = one_error_line(done)
    assert "no screen" in line and "DISPLAY" in line


def test_a_person_changes_their_own_password(db_url: str, tmp_path: Path) -> None:
    from volunteer_app.services import accounts
    from volunteer_app.services.storage import Database

    database = Database(db_url)
    try:
        accounts.create_first_admin(database, "ann@example.org", "Ann", "old password 1")
    finally:
        database.dispose()
    new = tmp_path / "new.txt"
    new.write_text("new password 22\n", encoding="utf-8")
    done = run(["--database", db_url, "password", "--new-password-file", str(new), "--user", "ann@example.org"],
               password="old password 1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "is changed" in done.stdout
    old = run(["--database", db_url, "password", "--new-password-file", str(new), "--user", "ann@example.org"],
              password="old password 1")  # fmt: skip
    assert old.returncode == 2 and "Wrong email or password" in old.stderr
    short = tmp_path / "short.txt"
    short.write_text("short\n", encoding="utf-8")
    refused = run(["--database", db_url, "password", "--new-password-file", str(short), "--user", "ann@example.org"],
                  password="new password 22")  # fmt: skip
    assert refused.returncode == 2 and "at least 8 characters" in refused.stderr


def test_db_status_before_the_first_start_says_there_is_nothing_yet(tmp_path: Path) -> None:
    # The default file (no --database) before the app ever ran: not an error, and nothing is created.
    done = run_cli("db", "status", env={"VOLUNTEER_APP_DATABASE_URL": None}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "current:  (none)" in done.stdout and "no database yet" in done.stdout
    home = Path(os.environ["VOLUNTEER_APP_HOME"])
    assert not list(home.glob("*.sqlite3"))
