"""`db backup` / `db restore` of a shared server (issue 12): the restore brings back the data and keeps
the server's row-level security, grants and per-person logins working."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app.services import shared_server, storage
from volunteer_app.store.database import Database


def _org_names(db: Database) -> list[str]:
    with db.read() as s:
        return [str(r[0]) for r in s.execute(text("SELECT name FROM organisation ORDER BY id"))]


def _rename_orgs(url: str, prefix: str) -> None:
    db = Database(url)
    try:
        with db.transaction() as s:
            s.execute(text("UPDATE organisation SET name = :p || name"), {"p": prefix})
    finally:
        db.dispose()


def test_a_restored_shared_server_keeps_its_policies_and_logins(shared: SharedServer, tmp_path: Path) -> None:
    admin = Database(shared.url)
    try:
        before = _org_names(admin)
        archive = storage.backup(admin, tmp_path / "server.dump")
        _rename_orgs(shared.url, "Renamed ")
        assert _org_names(admin) != before

        restored = storage.restore(admin, archive)

        assert restored.previous_copy is not None and restored.previous_copy.exists()
        assert _org_names(admin) == before
    finally:
        admin.dispose()
    # Row-level security, the policies and the grants came back with the tables.
    assert shared_server.check(shared.url) == []
    # A volunteer signs in with their own login and reads through the restored policies.
    signed = shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    try:
        assert signed.actor.person_id == shared.community.volunteer.person_id
        assert _org_names(signed.db) == before
    finally:
        signed.db.dispose()
