"""Organisations' Ed25519 signing keys, and other organisations' public keys trusted here.

An organisation's private key never sits in the database in the clear: it is wrapped for each
person who may sign for it (``KeyWrap`` purpose ``org-signing:<id>``), i.e. its coordinators and
admins and the installation's administrators, with their personal keys (``services.keyring``).
Signing in unlocks the personal key; ``organisation_signer`` then opens the organisation's key
in memory for one use. A volunteer, or a coordinator of another organisation, holds no wrap,
and the service refuses them before even looking. Whoever holds the key shares it with a new
colleague (when granting the role, or at their next sign-in); wraps of people who lost the role
are deleted with the role. docs/trust.md explains the scheme.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_public_key,
)
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, keyring, shared_reads
from volunteer_app.services.accounts import Actor, require_signed_in, roles_of
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ServiceError
from volunteer_app.store.database import Database
from volunteer_app.store.models import KeyWrap, Membership, Organisation, OrganisationKey, Person, TrustedKey

T = QT_TRANSLATE_NOOP
log = logging.getLogger(__name__)
KEY_FILE_FORMAT = "volunteer-app public key"
SIGNER_ROLES = (Role.COORDINATOR, Role.ADMIN)
MAX_KEY_FILE = 64 * 1024


class KeysLocked(ServiceError):
    """The person's keys are not unlocked in this process (they must sign in again)."""

    def __init__(self) -> None:
        super().__init__(T("errors", "Sign in again to unlock your organisation's key."))


def purpose_for(organisation_id: int) -> str:
    return f"org-signing:{organisation_id}"


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key_or_raw: Ed25519PublicKey | bytes) -> str:
    """Hex SHA-256 of the raw 32-byte public key."""
    raw = public_key_or_raw if isinstance(public_key_or_raw, bytes) else raw_public(public_key_or_raw)
    return hashlib.sha256(raw).hexdigest()


def short_fingerprint(fp: str) -> str:
    """The first 16 hex digits in groups of four, for people to compare by eye."""
    return " ".join(fp[i : i + 4] for i in range(0, 16, 4)).upper()


# --------------------------------------------------------------------------- who may sign


def eligible_signers(session: Session, organisation_id: int) -> list[int]:
    """Active coordinators and admins of the organisation, and the installation's administrators."""
    members = session.scalars(
        select(Membership.person_id).join(Person, Person.id == Membership.person_id).where(
            Membership.organisation_id == organisation_id, Membership.role.in_(SIGNER_ROLES), Person.is_active,
        )
    )
    return sorted(set(members) | set(shared_reads.site_admin_ids(session)))


def may_sign(session: Session, person_id: int, organisation_id: int) -> bool:
    person = session.get(Person, person_id)
    if person is None or not person.is_active:
        return False
    if person.is_admin:
        return True
    return bool(roles_of(session, person_id).get(organisation_id, frozenset()) & set(SIGNER_ROLES))


def _org(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
    return org


# --------------------------------------------------------------------------- the organisation's key


def _key_row(session: Session, organisation_id: int) -> OrganisationKey | None:
    return session.scalar(select(OrganisationKey).where(OrganisationKey.organisation_id == organisation_id))


def ensure_organisation_key(session: Session, organisation_id: int, actor: Actor | None) -> OrganisationKey:
    """The organisation's key, made now if it has none (wrapped for everyone who may sign for it).

    Raises a ServiceError when nobody who may sign has a personal key yet (nobody has signed in
    since this version was installed), since a key nobody can open would be lost at once.
    """
    row = _key_row(session, organisation_id)
    if row is not None:
        return row
    org = _org(session, organisation_id)
    eligible = eligible_signers(session, organisation_id)
    holders = sorted(keyring.personal_public_keys(session, eligible))
    if not holders:
        raise ServiceError(
            T("errors", "{organisation} has no signing key yet: a coordinator or an administrator must sign in first."),
            organisation=org.name,
        )
    private = Ed25519PrivateKey.generate()
    public = raw_public(private.public_key())
    row = OrganisationKey(organisation_id=organisation_id, public_key=public, fingerprint=fingerprint(public))
    session.add(row)
    session.flush()
    secret = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    keyring.share(session, purpose_for(organisation_id), secret, holders)
    audit.record(
        session, actor.person_id if actor else None, "organisation_key.create", "organisation", organisation_id,
        fingerprint=row.fingerprint, holders=len(holders),
    )
    return row


def organisation_signer(session: Session, actor: Actor | None, organisation_id: int) -> Ed25519PrivateKey:
    """The organisation's private key, for one of its coordinators or admins who signed in in this process."""
    actor = require_signed_in(actor)
    org = _org(session, organisation_id)
    if not may_sign(session, actor.person_id, organisation_id):
        raise PermissionDenied(
            T("errors", "Only coordinators and admins of {organisation} may sign for it."), organisation=org.name
        )
    personal = keyring.personal_key(session, actor.person_id)
    if personal is None:
        raise KeysLocked()
    row = ensure_organisation_key(session, organisation_id, actor)
    wrap = keyring.wrap_of(session, actor.person_id, purpose_for(organisation_id))
    if wrap is None:
        raise ServiceError(
            T("errors", "{organisation}'s signing key has not been shared with you yet: it will be when another "
                        "coordinator or an administrator of {organisation} signs in."),
            organisation=org.name,
        )
    try:
        private = Ed25519PrivateKey.from_private_bytes(keyring.open_wrap(wrap, personal))
    except (keyring.WrapError, ValueError):
        raise KeysLocked() from None
    if raw_public(private.public_key()) != row.public_key:
        raise ServiceError(
            T("errors", "Your copy of {organisation}'s signing key does not match its public key; ask another "
                        "coordinator of {organisation} to sign in so it is shared with you again."),
            organisation=org.name,
        )
    return private


def organisation_public_key(session: Session, organisation_id: int) -> tuple[Ed25519PublicKey, str]:
    """(public key, fingerprint) of the organisation; NotFound when it has none yet."""
    row = _key_row(session, organisation_id)
    if row is None:
        org = _org(session, organisation_id)
        raise NotFound(
            T("errors", "{organisation} has no signing key yet: it gets one when a coordinator signs in."),
            organisation=org.name,
        )
    return Ed25519PublicKey.from_public_bytes(row.public_key), row.fingerprint


def trusted_public_keys(session: Session) -> dict[str, tuple[str, Ed25519PublicKey]]:
    """fingerprint -> (organisation name, key): imported trusted keys and this database's own organisations."""
    found: dict[str, tuple[str, Ed25519PublicKey]] = {}
    for fp, name, raw in session.execute(select(TrustedKey.fingerprint, TrustedKey.organisation_name,
                                                TrustedKey.public_key)):
        found[fp] = (name, Ed25519PublicKey.from_public_bytes(raw))
    for fp, name, raw in session.execute(
        select(OrganisationKey.fingerprint, Organisation.name, OrganisationKey.public_key)
        .join(Organisation, Organisation.id == OrganisationKey.organisation_id)
    ):
        found[fp] = (name, Ed25519PublicKey.from_public_bytes(raw))
    return found


# --------------------------------------------------------------------------- sharing and pruning


def share_held(session: Session, person_id: int) -> int:
    """Share every organisation key this person holds with its other signers who lack it; make missing ones.

    Run at sign-in and after a role change (by ``key_sharing``). Returns how many wraps were made.
    """
    if keyring.personal_key(session, person_id) is None:
        return 0
    made = 0
    person = session.get(Person, person_id)
    if person is None or not person.is_active:
        return 0
    orgs = (
        list(session.scalars(select(Organisation.id)))
        if person.is_admin
        else [org for org, held in roles_of(session, person_id).items() if held & set(SIGNER_ROLES)]
    )
    for org_id in orgs:
        if _key_row(session, org_id) is None:
            try:
                ensure_organisation_key(session, org_id, None)
            except ServiceError:
                continue
            made += 1
            continue
        secret = keyring.open_own(session, person_id, purpose_for(org_id))
        if secret is None:
            continue
        made += len(keyring.share(session, purpose_for(org_id), secret, eligible_signers(session, org_id)))
    return made


def prune(session: Session, person_id: int) -> int:
    """Delete the person's organisation-key wraps for organisations they may no longer sign for."""
    gone = [
        w.id for w in session.scalars(
            select(KeyWrap).where(KeyWrap.person_id == person_id, KeyWrap.purpose.like("org-signing:%"))
        )
        if not may_sign(session, person_id, int(w.purpose.split(":", 1)[1]))
    ]
    if gone:
        session.execute(delete(KeyWrap).where(KeyWrap.id.in_(gone)))
    return len(gone)


# --------------------------------------------------------------------------- key files and trusted keys


@dataclass(frozen=True)
class KeyInfo:
    fingerprint: str
    organisation: str
    own: bool  # one of this database's organisations (else imported as trusted)
    added_at: datetime | None
    added_by: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint, "organisation": self.organisation,
            "source": "this database" if self.own else "imported",
            "added_at": self.added_at.isoformat() if self.added_at else None, "added_by": self.added_by,
        }  # fmt: skip


def public_key_file(db: Database, actor: Actor | None, organisation_id: int, *, pem: bool = False) -> str:
    """The organisation's public key as a small file's text: JSON (default) or PEM with its name and fingerprint.

    Anyone signed in may export it (it is public); an organisation without a key yet gets one
    when a coordinator or admin with unlocked keys exports it.
    """
    with db.transaction() as session:
        actor = require_signed_in(actor)
        org = _org(session, organisation_id)
        if _key_row(session, organisation_id) is None and may_sign(session, actor.person_id, organisation_id):
            ensure_organisation_key(session, organisation_id, actor)
        key, fp = organisation_public_key(session, organisation_id)
        if pem:
            block = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode("ascii")
            return f"Organisation: {org.name}\nFingerprint: {fp}\n{block}"
        data = {
            "format": KEY_FILE_FORMAT, "version": 1, "organisation": org.name, "algorithm": "Ed25519",
            "public_key": base64.b64encode(raw_public(key)).decode("ascii"), "fingerprint": fp,
        }  # fmt: skip
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _bad_file(reason: str, **params: Any) -> InvalidInput:
    return InvalidInput("file", reason, **params)


def load_public_key_file(text: str) -> tuple[str | None, Ed25519PublicKey, str]:
    """(organisation name or None, key, fingerprint) from a key file's text (JSON or PEM, as exported)."""
    if len(text) > MAX_KEY_FILE:
        raise _bad_file(T("errors", "This is not a public key file: it is far too long."))
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
            if data.get("format") != KEY_FILE_FORMAT or data.get("algorithm") != "Ed25519":
                raise _bad_file(T("errors", "This JSON file is not a volunteer-app public key."))
            raw = base64.b64decode(str(data["public_key"]), validate=True)
            key = Ed25519PublicKey.from_public_bytes(raw)
            name = str(data.get("organisation") or "").strip() or None
            stated = str(data.get("fingerprint") or "").lower() or None
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise _bad_file(T("errors", "This public key file is damaged: its key cannot be read.")) from None
    elif "-----BEGIN PUBLIC KEY-----" in stripped:
        name = stated = None
        for line in stripped.splitlines():
            label, _, value = line.partition(":")
            if label.strip().lower() == "organisation":
                name = value.strip() or None
            elif label.strip().lower() == "fingerprint":
                stated = value.strip().lower() or None
        block = stripped[stripped.index("-----BEGIN PUBLIC KEY-----"):]
        try:
            loaded = load_pem_public_key(block.encode("ascii"))
        except (ValueError, UnsupportedAlgorithm, UnicodeEncodeError):
            raise _bad_file(T("errors", "This PEM file is damaged: its key cannot be read.")) from None
        if not isinstance(loaded, Ed25519PublicKey):
            raise _bad_file(T("errors", "This PEM key is not an Ed25519 key."))
        key = loaded
    else:
        raise _bad_file(T("errors", "This is not a public key file (JSON or PEM, as volunteer-app exports them)."))
    fp = fingerprint(key)
    if stated is not None and stated != fp:
        raise _bad_file(
            T("errors", "The fingerprint written in this file ({stated}) does not match its key ({actual})."),
            stated=stated, actual=fp,
        )
    return name, key, fp


def _require_key_keeper(session: Session, actor: Actor) -> None:
    person = session.get(Person, actor.person_id)
    if person is not None and person.is_active and person.is_admin:
        return
    if any(held & set(SIGNER_ROLES) for held in roles_of(session, actor.person_id).values()):
        return
    raise PermissionDenied(T("errors", "Only coordinators and administrators may change the trusted keys."))


def import_trusted(db: Database, actor: Actor | None, text: str, *, name: str | None = None) -> KeyInfo:
    """Trust another organisation's public key (from an exported file's text); ``name`` overrides the file's."""
    file_name, key, fp = load_public_key_file(text)
    name = (name or file_name or "").strip()
    if not name:
        raise InvalidInput("name", T("errors", "This key file names no organisation: give its name."))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        _require_key_keeper(session, actor)
        own = session.scalar(
            select(Organisation.name).join(OrganisationKey, OrganisationKey.organisation_id == Organisation.id)
            .where(OrganisationKey.fingerprint == fp)
        )
        if own is not None:
            raise Conflict(T("errors", "This is the key of {organisation}, kept in this database already."),
                           organisation=own)
        existing = session.scalar(select(TrustedKey).where(TrustedKey.fingerprint == fp))
        if existing is not None:
            raise Conflict(T("errors", "This key is trusted already, as {organisation}'s."),
                           organisation=existing.organisation_name)
        row = TrustedKey(fingerprint=fp, organisation_name=name[:200], public_key=raw_public(key),
                         added_by_id=actor.person_id)
        session.add(row)
        session.flush()
        audit.record(session, actor.person_id, "trusted_key.import", "trusted_key", row.id,
                     fingerprint=fp, organisation=row.organisation_name)
        return KeyInfo(fp, row.organisation_name, False, row.added_at, actor.email)


def remove_trusted(db: Database, actor: Actor | None, fp: str) -> str:
    """Stop trusting an imported key (by its full fingerprint, or an unambiguous start of it). Returns its name."""
    wanted = "".join(fp.split()).lower()
    if len(wanted) < 8:
        raise InvalidInput("fingerprint", T("errors", "Give at least 8 characters of the fingerprint."))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        _require_key_keeper(session, actor)
        rows = list(session.scalars(select(TrustedKey).where(TrustedKey.fingerprint.startswith(wanted))))
        if not rows:
            if session.scalar(select(OrganisationKey.id).where(OrganisationKey.fingerprint.startswith(wanted))):
                raise Conflict(T("errors", "{fingerprint} is the key of an organisation in this database, "
                                           "not an imported one."), fingerprint=wanted)
            raise NotFound(T("errors", "No trusted key has the fingerprint {fingerprint}."), fingerprint=wanted)
        if len(rows) > 1:
            raise InvalidInput("fingerprint", T("errors", "{fingerprint} starts {count} fingerprints: give more of it."),
                               fingerprint=wanted, count=len(rows))
        row = rows[0]
        session.delete(row)
        audit.record(session, actor.person_id, "trusted_key.remove", "trusted_key", row.id,
                     fingerprint=row.fingerprint, organisation=row.organisation_name)
        return row.organisation_name


def list_trusted(db: Database, actor: Actor | None) -> list[KeyInfo]:
    """This database's organisations' keys, then the imported trusted ones, by name (for `keys list` and the window)."""
    with db.read() as session:
        require_signed_in(actor)
        own = [
            KeyInfo(fp, name, True, created, None)
            for fp, name, created in session.execute(
                select(OrganisationKey.fingerprint, Organisation.name, OrganisationKey.created_at)
                .join(Organisation, Organisation.id == OrganisationKey.organisation_id)
                .order_by(Organisation.name)
            )
        ]
        imported = [
            KeyInfo(fp, name, False, added, email)
            for fp, name, added, email in session.execute(
                select(TrustedKey.fingerprint, TrustedKey.organisation_name, TrustedKey.added_at, Person.email)
                .outerjoin(Person, Person.id == TrustedKey.added_by_id)
                .order_by(TrustedKey.organisation_name)
            )
        ]
        return own + imported


def organisation_key_info(db: Database, actor: Actor | None, organisation_id: int) -> KeyInfo | None:
    """The organisation's own key (for its settings page), or None when it has none yet."""
    with db.read() as session:
        require_signed_in(actor)
        org = _org(session, organisation_id)
        row = _key_row(session, organisation_id)
        return None if row is None else KeyInfo(row.fingerprint, org.name, True, row.created_at, None)
