"""Portable hour statements: export signed parts, import them here or in another installation, refuse forgeries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from tests.support.community import PASSWORD, Community, build
from tests.support.hours_data import Ledger, ledger
from volunteer_app.certificates import content
from volunteer_app.services import accounts, certificates, signing_keys, statements, storage
from volunteer_app.services.errors import InvalidInput
from volunteer_app.store.database import Database
from volunteer_app.store.models import ImportedStatement

A_MINUTES = 120 + 90 + 120 + 240


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[Database]:
    """Another installation (its own SQLite file) where the volunteer has an account too."""
    other = storage.open_database(f"sqlite:///{tmp_path / 'elsewhere.db'}")
    admin = accounts.create_first_admin(other, "admin@elsewhere.example.org", "Admin", PASSWORD)
    accounts.create_account(other, admin, "vol@example.org", "vol", PASSWORD)
    yield other
    other.dispose()


def raw(statement: dict) -> bytes:  # type: ignore[type-arg]
    return statements.statement_bytes(statement)


def imported_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(ImportedStatement.id))) or 0


def test_a_coordinator_signs_a_statement_that_imports_with_its_hours(
    db: Database, town: Community, year: Ledger
) -> None:
    statement = statements.export_statement(db, town.coord_a, person_id=town.volunteer.person_id)
    [part] = statement["parts"]
    assert part["kind"] == "hours" and part["content"]["minutes"] == A_MINUTES
    assert part["content"]["organisation"] == "Riverside Community Centre"
    result = statements.import_statement(db, town.volunteer, raw(statement))
    assert [p.minutes for p in result.imported] == [A_MINUTES] and result.already == []
    again = statements.import_statement(db, town.volunteer, raw(statement))
    assert again.imported == [] and len(again.already) == 1
    [view] = statements.imported_statements(db, town.volunteer)
    assert view.organisation == "Riverside Community Centre" and view.minutes == A_MINUTES
    assert len(view.records) == 4


def test_one_changed_character_is_refused_and_nothing_is_stored(db: Database, town: Community, year: Ledger) -> None:
    text = raw(statements.export_statement(db, town.coord_a, person_id=town.volunteer.person_id)).decode()
    forged = text.replace(f'"minutes": {A_MINUTES}', f'"minutes": {A_MINUTES + 600}', 1)
    assert forged != text
    with pytest.raises(InvalidInput, match="signature does not match its content"):
        statements.import_statement(db, town.volunteer, forged.encode())
    renamed = text.replace('"title": "Sort donations (10 days ago)"', '"title": "Sort donations (11 days ago)"')
    assert renamed != text
    with pytest.raises(InvalidInput, match="signature does not match"):
        statements.import_statement(db, town.volunteer, renamed.encode())
    assert imported_count(db) == 0


def test_an_unknown_key_is_refused_until_the_organisations_key_is_trusted(
    db: Database, town: Community, year: Ledger, elsewhere: Database
) -> None:
    data = raw(statements.export_statement(db, town.coord_a, person_id=town.volunteer.person_id))
    me = accounts.sign_in(elsewhere, "vol@example.org", PASSWORD)
    with pytest.raises(InvalidInput, match="does not trust"):
        statements.import_statement(elsewhere, me, data)
    assert imported_count(elsewhere) == 0
    key_file = signing_keys.public_key_file(db, town.coord_a, town.org_a)
    admin = accounts.sign_in(elsewhere, "admin@elsewhere.example.org", PASSWORD)
    signing_keys.import_trusted(elsewhere, admin, key_file)
    result = statements.import_statement(elsewhere, me, data)
    assert result.imported[0].trusted_as == "Riverside Community Centre"
    assert imported_count(elsewhere) == 1


def test_a_statement_about_someone_else_is_refused(db: Database, town: Community, year: Ledger) -> None:
    data = raw(statements.export_statement(db, town.coord_a, person_id=town.volunteer.person_id))
    with pytest.raises(InvalidInput, match="is about vol"):
        statements.import_statement(db, town.other_volunteer, data)


def test_a_volunteer_exports_their_certificates(db: Database, town: Community, year: Ledger) -> None:
    with pytest.raises(InvalidInput, match="no signed hours to export"):
        statements.export_statement(db, town.volunteer)
    certificates.issue_certificate(
        db, town.coord_a, certificates.IssueInput(person_id=town.volunteer.person_id, organisation_id=town.org_a),
        render=lambda _doc: b"%PDF-",
    )
    statement = statements.export_statement(db, town.volunteer)
    assert [p["kind"] for p in statement["parts"]] == ["certificate"]
    result = statements.import_statement(db, town.volunteer, raw(statement))
    assert result.imported[0].minutes == A_MINUTES
    assert statements.imported_statements(db, town.volunteer)[0].kind == "certificate"


def test_files_that_are_not_statements_are_refused(db: Database, town: Community) -> None:
    for data, says in [
        (b"not json", "not JSON"),
        (json.dumps({"format": "something else"}).encode(), "not a volunteer-app hour statement"),
        (json.dumps({"format": statements.FORMAT, "version": 1, "parts": []}).encode(), "no parts"),
        (json.dumps({"format": statements.FORMAT, "version": 1, "parts": [{"kind": "x"}]}).encode(), "Part 1"),
    ]:
        with pytest.raises(InvalidInput, match=says):
            statements.import_statement(db, town.volunteer, data)


def test_hours_text_of_imported_parts_reads_like_a_certificate() -> None:
    assert content.hours_text(A_MINUTES, 1, "en") == "9 h 30 min"
