"""Organisation signing keys: wrapped per signer, unlocked by signing in, shared and pruned with roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support.community import PASSWORD, build
from volunteer_app.domain.enums import Role
from volunteer_app.services import accounts, keyring, signing_keys
from volunteer_app.services.errors import Conflict, InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import KeyWrap, Organisation, OrganisationKey

MESSAGE = b"certificate VA-1"


def _holders(db: Database, org_id: int) -> set[int]:
    with db.read() as s:
        return set(s.scalars(select(KeyWrap.person_id).where(KeyWrap.purpose == signing_keys.purpose_for(org_id))))


def _sign(db: Database, actor: accounts.Actor, org_id: int) -> bytes:
    with db.transaction() as s:
        return signing_keys.organisation_signer(s, actor, org_id).sign(MESSAGE)


def test_each_organisation_has_a_key_wrapped_for_its_signers_only(db: Database) -> None:
    town = build(db)
    assert _holders(db, town.org_a) == {town.admin.person_id, town.coord_a.person_id}
    with db.read() as s:
        public, fp = signing_keys.organisation_public_key(s, town.org_a)
        row = s.scalars(select(OrganisationKey).where(OrganisationKey.organisation_id == town.org_a)).one()
        assert fp == signing_keys.fingerprint(row.public_key) == signing_keys.fingerprint(public)
        assert len(row.public_key) == 32
        # The private key is nowhere in the clear: no wrap's ciphertext holds anything that signs.
        assert fp in signing_keys.trusted_public_keys(s)
    public.verify(_sign(db, town.coord_a, town.org_a), MESSAGE)
    public.verify(_sign(db, town.admin, town.org_a), MESSAGE)


def test_a_volunteer_or_another_organisations_coordinator_cannot_unwrap_it(db: Database) -> None:
    town = build(db)
    for outsider in (town.volunteer, town.coord_b, town.other_volunteer):
        with pytest.raises(PermissionDenied):
            _sign(db, outsider, town.org_a)
        assert outsider.person_id not in _holders(db, town.org_a)


def test_keys_are_locked_until_the_person_signs_in(db: Database) -> None:
    town = build(db)
    keyring.forget_all()
    with pytest.raises(signing_keys.KeysLocked, match="Sign in again"):
        _sign(db, town.coord_a, town.org_a)
    coord = accounts.sign_in(db, "coord.a@example.org", PASSWORD)
    assert _sign(db, coord, town.org_a)
    accounts.sign_out(db, coord)
    with pytest.raises(signing_keys.KeysLocked):
        _sign(db, coord, town.org_a)


def test_a_password_change_rewraps_only_the_personal_key(db: Database) -> None:
    town = build(db)
    with db.read() as s:
        before = s.scalars(select(KeyWrap).where(KeyWrap.person_id == town.coord_a.person_id,
                                                 KeyWrap.purpose == signing_keys.purpose_for(town.org_a))).one()
    with pytest.raises(InvalidInput):
        accounts.change_password(db, town.coord_a, "wrong password", "a new password 7")
    accounts.change_password(db, town.coord_a, PASSWORD, "a new password 7")
    keyring.forget_all()
    coord = accounts.sign_in(db, "coord.a@example.org", "a new password 7")
    assert _sign(db, coord, town.org_a)
    with db.read() as s:
        after = s.scalars(select(KeyWrap).where(KeyWrap.person_id == town.coord_a.person_id,
                                                KeyWrap.purpose == signing_keys.purpose_for(town.org_a))).one()
    assert after.ciphertext == before.ciphertext  # untouched: it is wrapped to the same personal key


def test_a_new_coordinator_gets_the_key_and_loses_it_with_the_role(db: Database) -> None:
    town = build(db)
    accounts.create_account(db, town.admin, "new.coord@example.org", "New", PASSWORD)
    accounts.grant_role(db, town.admin, "new.coord@example.org", town.org_a, Role.COORDINATOR)
    newcomer = accounts.sign_in(db, "new.coord@example.org", PASSWORD)
    assert newcomer.person_id in _holders(db, town.org_a)
    assert _sign(db, newcomer, town.org_a)
    accounts.revoke_role(db, town.admin, "new.coord@example.org", town.org_a, Role.COORDINATOR)
    assert newcomer.person_id not in _holders(db, town.org_a)
    with pytest.raises(PermissionDenied):
        _sign(db, newcomer, town.org_a)


def test_an_organisation_from_before_the_keys_gets_one_when_a_coordinator_signs_in(db: Database) -> None:
    town = build(db)
    with db.transaction() as s:  # as an older version (or the demo) made it: no key
        old = Organisation(name="Old Friends")
        s.add(old)
        s.flush()
        old_id = old.id
    accounts.grant_role(db, town.admin, "coord.b@example.org", old_id, Role.COORDINATOR)
    keyring.forget_all()
    coord = accounts.sign_in(db, "coord.b@example.org", PASSWORD)
    assert coord.person_id in _holders(db, old_id)
    with db.read() as s:
        public, _fp = signing_keys.organisation_public_key(s, old_id)
    public.verify(_sign(db, coord, old_id), MESSAGE)


def test_two_desktops_on_one_database_both_sign(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    town = build(db)
    signatures = []
    for n, email in enumerate(("coord.a@example.org", "admin@example.org")):
        keyring.forget_all()  # another process ...
        monkeypatch.setenv("VOLUNTEER_APP_HOME", str(tmp_path / f"desktop-{n}"))  # ... with its own home folder
        signatures.append(_sign(db, accounts.sign_in(db, email, PASSWORD), town.org_a))
    with db.read() as s:
        public, _fp = signing_keys.organisation_public_key(s, town.org_a)
    for signature in signatures:
        public.verify(signature, MESSAGE)


def test_trusted_keys_import_list_remove(db: Database, tmp_path: Path) -> None:
    town = build(db)
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        from volunteer_app.store import migrate

        migrate.upgrade(other, backup=False)
        admin = accounts.create_first_admin(other, "boss@example.net", "Boss", PASSWORD)
        from volunteer_app.services import organisations

        org = organisations.create_organisation(other, admin, "Seaside Shelter")
        exported = signing_keys.public_key_file(other, admin, org)
        pem = signing_keys.public_key_file(other, admin, org, pem=True)
    finally:
        other.dispose()
    name, _key, fp = signing_keys.load_public_key_file(pem)
    assert name == "Seaside Shelter"
    with pytest.raises(PermissionDenied):
        signing_keys.import_trusted(db, town.volunteer, exported)
    info = signing_keys.import_trusted(db, town.coord_a, exported)
    assert (info.organisation, info.fingerprint, info.own) == ("Seaside Shelter", fp, False)
    with pytest.raises(Conflict, match="trusted already"):
        signing_keys.import_trusted(db, town.coord_b, pem)
    with pytest.raises(Conflict, match="kept in this database"):
        signing_keys.import_trusted(db, town.coord_a, signing_keys.public_key_file(db, town.coord_a, town.org_a))
    listed = signing_keys.list_trusted(db, town.volunteer)
    assert [(k.organisation, k.own) for k in listed] == [
        ("Hillside Food Bank", True), ("Riverside Community Centre", True), ("Seaside Shelter", False)]
    with db.read() as s:
        assert signing_keys.trusted_public_keys(s)[fp][0] == "Seaside Shelter"
    assert signing_keys.remove_trusted(db, town.coord_a, fp[:12]) == "Seaside Shelter"
    assert [k.organisation for k in signing_keys.list_trusted(db, town.coord_a)] == [
        "Hillside Food Bank", "Riverside Community Centre"]


@pytest.mark.parametrize(("content", "why"), [
    ("hello", "not a public key file"),
    ('{"format": "volunteer-app public key", "algorithm": "Ed25519", "public_key": "AAAA"}', "damaged"),
    ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "damaged"),
])
def test_bad_key_files_are_refused_with_the_reason(content: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        signing_keys.load_public_key_file(content)


def test_a_key_file_whose_fingerprint_does_not_match_is_refused(db: Database) -> None:
    town = build(db)
    text = signing_keys.public_key_file(db, town.coord_a, town.org_a)
    with db.read() as s:
        _key, fp = signing_keys.organisation_public_key(s, town.org_a)
    with pytest.raises(InvalidInput, match="does not match"):
        signing_keys.load_public_key_file(text.replace(fp, "0" * 64))
