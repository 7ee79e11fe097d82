"""ID numbers are encrypted at rest and shown masked, to the right people only."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.support.community import build
from volunteer_app import paths
from volunteer_app.services import identity
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, VolunteerProfile

NUMBER = "330102199001011234"


def test_id_number_is_encrypted_masked_and_private(db: Database) -> None:
    town = build(db)
    identity.set_id_number(db, town.volunteer, "national_id", NUMBER[:6] + " " + NUMBER[6:])
    with db.read() as s:
        stored = s.get(VolunteerProfile, town.volunteer.person_id)
        assert stored is not None and stored.id_number_encrypted is not None
        assert NUMBER.encode() not in stored.id_number_encrypted
        # Nothing in the whole database holds the number in the clear (audit trail included).
        events = [str(e.details) for e in s.scalars(select(AuditEvent))]
        assert not any(NUMBER in e for e in events)
    key = paths.keys_dir() / identity.KEY_FILE
    assert key.exists() and (key.stat().st_mode & 0o077) == 0
    expected = ("national_id", "*" * 14 + "1234")
    assert identity.masked_id_number(db, town.volunteer, town.volunteer.person_id) == expected
    assert identity.masked_id_number(db, town.coord_a, town.volunteer.person_id) == expected
    for outsider in (town.coord_b, town.other_volunteer, town.admin):
        with pytest.raises(PermissionDenied):
            identity.masked_id_number(db, outsider, town.volunteer.person_id)
    identity.set_id_number(db, town.volunteer, None, None)
    assert identity.masked_id_number(db, town.volunteer, town.volunteer.person_id) is None


def test_bad_id_numbers_are_refused_by_field(db: Database) -> None:
    town = build(db)
    with pytest.raises(InvalidInput) as err:
        identity.set_id_number(db, town.volunteer, "driving_licence", NUMBER)
    assert err.value.field == "id_type"
    with pytest.raises(InvalidInput) as err:
        identity.set_id_number(db, town.volunteer, "passport", "12;DROP")
    assert err.value.field == "id_number"


def test_a_missing_key_is_a_clear_error(db: Database) -> None:
    town = build(db)
    identity.set_id_number(db, town.volunteer, "passport", "E12345678")
    (paths.keys_dir() / identity.KEY_FILE).unlink()
    with pytest.raises(identity.KeyMissing, match="key"):
        identity.masked_id_number(db, town.volunteer, town.volunteer.person_id)


def test_masking() -> None:
    assert identity.mask("E12345678") == "*****5678"
    assert identity.mask("12345") == "*****"


def test_the_check_constraint_wants_a_type_with_a_number(db: Database) -> None:
    town = build(db)
    with pytest.raises(Exception, match=r"(?i)check|constraint"), db.transaction() as s:
        s.execute(text("INSERT INTO volunteer_profile (person_id, radius_km, languages, timezone, "
                       "id_number_encrypted, updated_at) VALUES (:p, 5, '', 'UTC', :n, CURRENT_TIMESTAMP)"),
                  {"p": town.other_volunteer.person_id, "n": b"x"})
