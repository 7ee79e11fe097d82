"""ID numbers are encrypted at rest and shown masked, to the right people only."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from tests.support.community import PASSWORD, build
from volunteer_app import paths
from volunteer_app.domain.enums import Role
from volunteer_app.services import accounts, identity, keyring
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, KeyWrap, VolunteerProfile

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
    # No per-desktop key file any more: the data key lives wrapped in the database.
    assert not (paths.keys_dir() / identity.KEY_FILE).exists()
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


def test_locked_keys_are_a_clear_error(db: Database) -> None:
    town = build(db)
    identity.set_id_number(db, town.volunteer, "passport", "E12345678")
    keyring.forget_all()  # a process where nobody signed in
    with pytest.raises(identity.KeysLocked, match="Sign in again"):
        identity.masked_id_number(db, town.volunteer, town.volunteer.person_id)
    volunteer = accounts.sign_in(db, "vol@example.org", PASSWORD)
    assert identity.masked_id_number(db, volunteer, volunteer.person_id) == ("passport", "*****5678")


def test_masking() -> None:
    assert identity.mask("E12345678") == "*****5678"
    assert identity.mask("12345") == "*****"


def test_the_check_constraint_wants_a_type_with_a_number(db: Database) -> None:
    town = build(db)
    with pytest.raises(Exception, match=r"(?i)check|constraint"), db.transaction() as s:
        s.execute(text("INSERT INTO volunteer_profile (person_id, radius_km, languages, timezone, "
                       "id_number_encrypted, updated_at) VALUES (:p, 5, '', 'UTC', :n, CURRENT_TIMESTAMP)"),
                  {"p": town.other_volunteer.person_id, "n": b"x"})


def test_the_number_is_wrapped_for_the_volunteer_and_their_coordinators_only(db: Database) -> None:
    town = build(db)
    identity.set_id_number(db, town.volunteer, "national_id", NUMBER)
    with db.read() as s:
        holders = set(s.scalars(select(KeyWrap.person_id).where(
            KeyWrap.purpose == identity.purpose_for(town.volunteer.person_id))))
    assert holders == {town.volunteer.person_id, town.coord_a.person_id}


def test_a_new_coordinator_gets_the_number_when_a_holder_signs_in_and_loses_it_with_the_role(db: Database) -> None:
    town = build(db)
    identity.set_id_number(db, town.volunteer, "national_id", NUMBER)
    accounts.create_account(db, town.admin, "new.coord@example.org", "New coordinator", PASSWORD)
    accounts.grant_role(db, town.admin, "new.coord@example.org", town.org_a, Role.COORDINATOR)
    newcomer = accounts.sign_in(db, "new.coord@example.org", PASSWORD)
    # The administrator may not read ID numbers, so could not share it: the newcomer waits...
    with pytest.raises(identity.KeyMissing, match="not been shared"):
        identity.masked_id_number(db, newcomer, town.volunteer.person_id)
    accounts.sign_in(db, "coord.a@example.org", PASSWORD)  # ... for a colleague who holds it to sign in
    assert identity.masked_id_number(db, newcomer, town.volunteer.person_id) == ("national_id", "*" * 14 + "1234")
    accounts.revoke_role(db, town.admin, "new.coord@example.org", town.org_a, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        identity.masked_id_number(db, newcomer, town.volunteer.person_id)
    with db.read() as s:
        assert s.scalar(select(KeyWrap.id).where(KeyWrap.person_id == newcomer.person_id,
                                                 KeyWrap.purpose.like("id-numbers:%"))) is None


def test_numbers_from_the_old_per_desktop_key_move_over_at_sign_in(db: Database) -> None:
    town = build(db)
    key = Fernet.generate_key()
    (paths.keys_dir() / identity.KEY_FILE).write_bytes(key)
    with db.transaction() as s:  # as an older version wrote it
        profile = s.get(VolunteerProfile, town.volunteer.person_id) or VolunteerProfile(
            person_id=town.volunteer.person_id)
        profile.id_type, profile.id_number_encrypted = "passport", Fernet(key).encrypt(b"E12345678")
        s.add(profile)
    assert identity.masked_id_number(db, town.coord_a, town.volunteer.person_id) == ("passport", "*****5678")
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    with db.read() as s:
        stored = s.get(VolunteerProfile, town.volunteer.person_id)
        assert stored is not None and stored.id_number_encrypted is not None
        assert stored.id_number_encrypted.startswith(identity.PREFIX)
    (paths.keys_dir() / identity.KEY_FILE).unlink()  # the old key is no longer needed
    assert identity.masked_id_number(db, coord, town.volunteer.person_id) == ("passport", "*****5678")
    assert identity.masked_id_number(db, town.volunteer, town.volunteer.person_id) == ("passport", "*****5678")


def test_an_old_number_from_another_desktop_says_where_it_can_move(db: Database) -> None:
    town = build(db)
    with db.transaction() as s:
        profile = s.get(VolunteerProfile, town.volunteer.person_id) or VolunteerProfile(
            person_id=town.volunteer.person_id)
        profile.id_type, profile.id_number_encrypted = "passport", Fernet(Fernet.generate_key()).encrypt(b"E1234567")
        s.add(profile)
    with pytest.raises(identity.KeyMissing, match="another desktop"):
        identity.masked_id_number(db, town.volunteer, town.volunteer.person_id)


def test_two_desktops_on_one_database_both_read_the_number(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = build(db)
    for n, email in enumerate(("vol@example.org", "coord.a@example.org")):
        keyring.forget_all()  # a fresh process ...
        monkeypatch.setenv("VOLUNTEER_APP_HOME", str(tmp_path / f"desktop-{n}"))  # ... with its own home folder
        me = accounts.sign_in(db, email, PASSWORD)
        if n == 0:
            identity.set_id_number(db, me, "passport", "E12345678")
        assert identity.masked_id_number(db, me, town.volunteer.person_id) == ("passport", "*****5678")
    assert not any((tmp_path / f"desktop-{n}" / "keys" / identity.KEY_FILE).exists() for n in (0, 1))
