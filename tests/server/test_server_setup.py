"""``server init`` and ``server check``, per-person logins and signing in as oneself (issue 12)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app.services import accounts, shared_server
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.store import migrate
from volunteer_app.store.database import Database


def test_init_is_idempotent_and_check_finds_nothing_missing(shared: SharedServer) -> None:
    assert shared_server.check(shared.url) == []
    report = shared_server.initialise(shared.url, owner_password=None)
    assert report.created == []  # the roles exist already
    assert shared_server.check(shared.url) == []


def test_check_names_what_is_missing(shared: SharedServer) -> None:
    db = Database(shared.url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE signup DISABLE ROW LEVEL SECURITY"))
            conn.execute(text("DROP POLICY va_select ON person"))
            conn.execute(text("GRANT SELECT ON service_record TO PUBLIC"))
    finally:
        db.dispose()
    problems = shared_server.check(shared.url)
    assert "table signup has row-level security off" in problems
    assert "table person lacks policy va_select" in problems
    assert "PUBLIC may SELECT on service_record" in problems
    shared_server.initialise(shared.url, owner_password=None)
    assert shared_server.check(shared.url) == []


def test_each_person_signs_in_with_their_own_login(shared: SharedServer) -> None:
    signed = shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    try:
        assert signed.actor.person_id == shared.community.volunteer.person_id
        with signed.db.engine.connect() as conn:
            assert conn.scalar(text("SELECT current_user")) == shared.login_of("vol@example.org")
            assert conn.scalar(text("SELECT va_me()")) == shared.community.volunteer.person_id
    finally:
        signed.db.dispose()


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("vol@example.org", "wrong password 1"),
        ("nobody@example.org", PASSWORD),
        ("not an email", PASSWORD),
    ],
)
def test_a_wrong_email_or_password_is_the_usual_refusal(shared: SharedServer, email: str, password: str) -> None:
    with pytest.raises(InvalidCredentials):
        shared_server.sign_in(shared.desktop_url, email, password)


def test_a_password_change_changes_the_login(shared: SharedServer) -> None:
    signed = shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    try:
        accounts.change_password(signed.db, signed.actor, PASSWORD, "a brand new password")
        # The desktop keeps working (its next connections use the new password)...
        signed.db.engine.dispose()
        assert accounts.refresh(signed.db, signed.actor).person_id == signed.actor.person_id
    finally:
        signed.db.dispose()
    with pytest.raises(InvalidCredentials):
        shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    again = shared_server.sign_in(shared.desktop_url, "vol@example.org", "a brand new password")
    again.db.dispose()


def _set_revision(shared: SharedServer, revision: str) -> None:
    """The server's schema as another volunteer-app left it (set by its administrator)."""
    db = Database(shared.url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        db.dispose()


def test_an_older_schema_asks_for_the_administrator(shared: SharedServer) -> None:
    _set_revision(shared, "0003")
    with pytest.raises(migrate.SchemaTooOld, match="ask your administrator to run `volunteer-app db upgrade`"):
        shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)


def test_a_newer_schema_asks_for_a_newer_app(shared: SharedServer) -> None:
    _set_revision(shared, "9999")
    with pytest.raises(migrate.SchemaTooNew, match="update the app"):
        shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
