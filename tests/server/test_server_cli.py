"""The shared server from the command line: ``server init|check``, ``accounts invite|remove``,
and every command run as the person's own login on a desktop URL without user (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import PostgresServer
from tests.support.cli import run_cli
from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer, desktop_url_of
from volunteer_app.services import shared_server
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.store.database import parse_url
from volunteer_app.store.server import Roles, role_prefix


@pytest.fixture
def bare_database(postgres_server: PostgresServer) -> Iterator[str]:
    """An empty database on the test server (no schema), as a server administrator gets one."""
    name = postgres_server.create_database(template="template0")
    try:
        yield postgres_server.url_for(name)
    finally:
        postgres_server.drop_database(name)


@pytest.mark.postgres
def test_server_init_from_an_empty_database_then_the_first_desktops(bare_database: str, tmp_path) -> None:
    owner_password = tmp_path / "owner.txt"
    owner_password.write_text("owner password 123\n")
    done = run_cli("server", "init", "--database", bare_database, "--owner-password-file", str(owner_password))
    assert done.returncode == 0, done.stderr
    assert "shared server ready" in done.stdout
    assert "owner (migrates, backs up): " in done.stdout
    checked = run_cli("server", "check", "--database", bare_database)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = run_cli("server", "init", "--database", bare_database)
    assert again.returncode == 0 and "none (they existed)" in again.stdout

    # The first administrator, made with the administrator's connection, gets a login of their own...
    made = run_cli("admin", "create", "--database", bare_database, "--email", "admin@example.org",
                   "--name", "Admin", password=PASSWORD)  # fmt: skip
    assert made.returncode == 0, made.stderr
    desktop = desktop_url_of(bare_database)
    org = run_cli("org", "create", "--database", desktop, "--user", "admin@example.org",
                  "Riverside Community Centre", password=PASSWORD)  # fmt: skip
    if org.returncode != 0:  # no `org create` command: make it through the services as the admin
        signed = shared_server.sign_in(desktop, "admin@example.org", PASSWORD)
        try:
            from volunteer_app.services import organisations

            organisations.create_organisation(signed.db, signed.actor, "Riverside Community Centre")
        finally:
            signed.db.dispose()
    # ... and invites a coordinator from a desktop, signed in as themselves.
    invited = run_cli("accounts", "invite", "coord@example.org", "--organisation", "Riverside",
                      "--role", "coordinator", "--database", desktop, "--user", "admin@example.org",
                      password=PASSWORD)  # fmt: skip
    assert invited.returncode == 0, invited.stderr
    generated = invited.stdout.split("password (shown this once; pass it on safely): ")[1].strip()
    signed = shared_server.sign_in(desktop, "coord@example.org", generated)
    try:
        assert signed.actor.is_coordinator
    finally:
        signed.db.dispose()

    # The owner may log in with its password; its URL runs db status.
    parsed = parse_url(bare_database)
    owner_role = Roles(role_prefix(parsed.database or "")).owner
    owner_url = parsed.set(username=owner_role, password="owner password 123").render_as_string(hide_password=False)
    status = run_cli("db", "status", "--database", owner_url)
    assert status.returncode == 0, status.stderr
    assert "owner password" not in status.stdout + status.stderr
    # The owner alone migrates: as the owner, `db upgrade` remakes grants and policies, and all is in place.
    upgraded = run_cli("db", "upgrade", "--database", owner_url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert run_cli("server", "check", "--database", bare_database).returncode == 0


@pytest.mark.postgres
def test_server_check_lists_what_is_missing_and_exits_1(bare_database: str) -> None:
    checked = run_cli("server", "check", "--database", bare_database)
    assert checked.returncode == 1
    assert "role " in checked.stdout and "is missing" in checked.stdout
    assert "server init" in checked.stderr


def test_server_init_refuses_sqlite_and_a_desktop_url(tmp_path) -> None:
    done = run_cli("server", "init", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert done.returncode == 2 and "PostgreSQL" in done.stderr
    desktop = run_cli("server", "init", "--database", "postgresql+psycopg://db.example.org/community")
    assert desktop.returncode == 2 and "name the server's administrator" in desktop.stderr


def test_commands_on_a_desktop_url_run_as_the_person(shared: SharedServer) -> None:
    mine = run_cli("schedule", "--database", shared.desktop_url, "--user", "vol@example.org", password=PASSWORD)
    assert mine.returncode == 0, mine.stderr
    wrong = run_cli("schedule", "--database", shared.desktop_url, "--user", "vol@example.org", password="nope nope 1")
    assert wrong.returncode == 2
    assert "password" in wrong.stderr.lower()
    nobody = run_cli("db", "status", "--database", shared.desktop_url)
    assert nobody.returncode == 2
    assert "shared server: sign in with --user EMAIL" in nobody.stderr


def test_accounts_remove_disables_the_login(shared: SharedServer) -> None:
    removed = run_cli("accounts", "remove", "vol.b@example.org", "--database", shared.desktop_url,
                      "--user", "admin@example.org", password=PASSWORD)  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    with pytest.raises(InvalidCredentials):
        shared_server.sign_in(shared.desktop_url, "vol.b@example.org", PASSWORD)
    by_volunteer = run_cli("accounts", "remove", "coord.a@example.org", "--database", shared.desktop_url,
                           "--user", "vol@example.org", password=PASSWORD)  # fmt: skip
    assert by_volunteer.returncode == 2


@pytest.mark.postgres
def test_a_demo_on_a_shared_server_gives_every_account_its_login(bare_database: str) -> None:
    assert run_cli("server", "init", "--database", bare_database).returncode == 0
    filled = run_cli("demo", "--database", bare_database, "--volunteers", "6", "--tasks", "4", "--seed", "7")
    assert filled.returncode == 0, filled.stderr
    volunteer = next(line for line in filled.stdout.splitlines() if "volunteer" in line and "@" in line)
    email = next(word for word in volunteer.split() if "@" in word)
    password = volunteer.split()[volunteer.split().index(email) + 1]
    desktop = desktop_url_of(bare_database)
    signed = shared_server.sign_in(desktop, email, password)
    try:
        assert signed.db.person_mode and signed.actor.email == email
    finally:
        signed.db.dispose()
    forced = run_cli("demo", "--database", bare_database, "--volunteers", "3", "--tasks", "2", "--force")
    assert forced.returncode == 0, forced.stderr  # the append-only trail is wiped through its own door
