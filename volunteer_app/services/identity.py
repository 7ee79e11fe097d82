"""Optional ID numbers: encrypted at rest, readable on every desktop by the right people only.

Each volunteer's number is encrypted (AES-256-GCM) under a **data key of their own**. That data
key is stored only wrapped (``KeyWrap`` purpose ``id-numbers:person:<id>``) for the people who
may read the number: the volunteer, and the active coordinators and admins of the organisations
they belong to (``services.privacy``); never for anyone else, not even a site administrator.
A wrap opens with its holder's personal key, which only their password unlocks (see
``services.keyring``), so any desktop connected to a shared database can show the number to
those people, and the database alone shows it to nobody.

Whoever holds a data key shares it with a reader who lacks it (a new coordinator) when they
sign in; a reader who loses the role loses the wrap with it.

Numbers from older versions were encrypted with a per-desktop Fernet key in the home folder's
``keys/id-numbers.key``. A migration cannot move them (the key is not in the database, and on a
shared server each desktop had its own), so they move **on sign-in**: when someone who may read
a number signs in on a desktop whose old key opens it, it is re-encrypted the new way
(``carry_over_legacy``). Until then that desktop still shows it.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from volunteer_app import paths
from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, keyring
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound, ServiceError
from volunteer_app.services.privacy import may_see_private, require_may_see_private
from volunteer_app.store.database import Database
from volunteer_app.store.models import KeyWrap, Membership, Person, VolunteerProfile

T = QT_TRANSLATE_NOOP
log = logging.getLogger(__name__)
#: The per-desktop key of older versions (read only, to carry numbers over).
KEY_FILE = "id-numbers.key"
ID_TYPES = ("national_id", "passport", "student_id", "other")
#: Numbers encrypted the current way start with this; Fernet tokens (older versions) start with b"gAAAAA".
PREFIX = b"VA2\x00"
_NONCE = 12
_CHUNK = 500


class KeyMissing(ServiceError):
    """The number cannot be opened here (an older desktop's key, or no wrap for this person yet)."""


class KeysLocked(ServiceError):
    def __init__(self) -> None:
        super().__init__(T("errors", "Sign in again to unlock your keys."))


def purpose_for(person_id: int) -> str:
    return f"id-numbers:person:{person_id}"


def _person_of(purpose: str) -> int:
    return int(purpose.rsplit(":", 1)[1])


def _aad(person_id: int) -> bytes:
    return f"volunteer-app id number|person:{person_id}".encode()


def _legacy_key_path() -> Path:
    return paths.keys_dir() / KEY_FILE


def _legacy_fernet() -> Fernet | None:
    path = _legacy_key_path()
    if not path.exists():
        return None
    try:
        return Fernet(path.read_bytes().strip())
    except (OSError, ValueError):
        return None


def mask(number: str) -> str:
    """All but the last four characters hidden (all hidden when the number is short)."""
    visible = number[-4:] if len(number) > 6 else ""
    return "*" * (len(number) - len(visible)) + visible


# --------------------------------------------------------------------------- who reads, and their keys


def readers_of(session: Session, person_ids: list[int]) -> dict[int, set[int]]:
    """volunteer id -> the active people who may read their number (themself, their organisations' coordinators/admins)."""
    readers: dict[int, set[int]] = {}
    for start in range(0, len(person_ids), _CHUNK):
        chunk = person_ids[start : start + _CHUNK]
        active = set(session.scalars(select(Person.id).where(Person.id.in_(chunk), Person.is_active)))
        orgs_of: dict[int, set[int]] = defaultdict(set)
        for pid, org in session.execute(
            select(Membership.person_id, Membership.organisation_id).where(Membership.person_id.in_(chunk))
        ):
            orgs_of[pid].add(org)
        all_orgs = sorted({o for orgs in orgs_of.values() for o in orgs})
        keepers: dict[int, set[int]] = defaultdict(set)
        for begin in range(0, len(all_orgs), _CHUNK):
            for pid, org in session.execute(
                select(Membership.person_id, Membership.organisation_id)
                .join(Person, Person.id == Membership.person_id)
                .where(
                    Membership.organisation_id.in_(all_orgs[begin : begin + _CHUNK]),
                    Membership.role.in_([Role.COORDINATOR, Role.ADMIN]),
                    Person.is_active,
                )
            ):
                keepers[org].add(pid)
        for pid in chunk:
            found = {pid} if pid in active else set()
            for org in orgs_of.get(pid, ()):
                found |= keepers[org]
            readers[pid] = found
    return readers


def _data_key_for_writing(session: Session, volunteer_id: int, me: int) -> bytes:
    """The volunteer's data key, opened by ``me``; a new one (replacing every old wrap) when ``me`` holds none.

    Replacing is safe: the data key protects only this one number, which is being (re)written now.
    """
    if keyring.personal_key(session, me) is None:
        raise KeysLocked()
    purpose = purpose_for(volunteer_id)
    key: bytes | None
    try:
        key = keyring.open_own(session, me, purpose)
    except keyring.WrapError:
        key = None
    if key is None:
        key = AESGCM.generate_key(bit_length=256)
        session.execute(delete(KeyWrap).where(KeyWrap.purpose == purpose))
        session.flush()
    readers = readers_of(session, [volunteer_id])[volunteer_id] | {me}
    keyring.share(session, purpose, key, sorted(readers))
    return key


def _seal(key: bytes, volunteer_id: int, number: str) -> bytes:
    nonce = os.urandom(_NONCE)
    return PREFIX + nonce + AESGCM(key).encrypt(nonce, number.encode("utf-8"), _aad(volunteer_id))


def _open(key: bytes, volunteer_id: int, sealed: bytes) -> str:
    body = sealed[len(PREFIX):]
    return AESGCM(key).decrypt(body[:_NONCE], body[_NONCE:], _aad(volunteer_id)).decode("utf-8")


# --------------------------------------------------------------------------- the use cases


def set_id_number(db: Database, actor: Actor | None, id_type: str | None, number: str | None) -> None:
    """The signed-in volunteer sets (or, with None, clears) their own ID number."""
    with db.transaction() as session:
        actor = require_signed_in(actor)
        profile = session.get(VolunteerProfile, actor.person_id)
        if profile is None:
            profile = VolunteerProfile(person_id=actor.person_id)
            session.add(profile)
        if not number:
            profile.id_type, profile.id_number_encrypted = None, None
            session.execute(delete(KeyWrap).where(KeyWrap.purpose == purpose_for(actor.person_id)))
        else:
            number = "".join(number.split())
            if id_type not in ID_TYPES:
                raise InvalidInput("id_type", T("errors", "Unknown ID type {value!r}."), value=id_type)
            if not 4 <= len(number) <= 40 or not number.isalnum():
                raise InvalidInput("id_number", T("errors", "An ID number has 4 to 40 letters or digits."))
            key = _data_key_for_writing(session, actor.person_id, actor.person_id)
            profile.id_type = id_type
            profile.id_number_encrypted = _seal(key, actor.person_id, number)
        # The audit trail records that it changed, never the number.
        audit.record(session, actor.person_id, "profile.id_number", "person", actor.person_id, cleared=not number)


def _read_number(session: Session, actor: Actor, person_id: int, sealed: bytes) -> str:
    if not sealed.startswith(PREFIX):
        fernet = _legacy_fernet()
        if fernet is not None:
            try:
                return fernet.decrypt(sealed).decode("utf-8")
            except InvalidToken:
                pass
        raise KeyMissing(
            T("errors", "This ID number was saved by an older version on another desktop: it moves to the shared "
                        "keys when the volunteer or one of their coordinators signs in on that desktop.")
        )
    if keyring.personal_key(session, actor.person_id) is None:
        raise KeysLocked()
    try:
        key = keyring.open_own(session, actor.person_id, purpose_for(person_id))
    except keyring.WrapError:
        key = None
    if key is None:
        raise KeyMissing(
            T("errors", "This ID number has not been shared with you yet: it will be when the volunteer or "
                        "another coordinator of their organisations signs in.")
        )
    try:
        return _open(key, person_id, sealed)
    except (InvalidTag, ValueError):
        raise KeyMissing(T("errors", "This ID number cannot be read: it was changed outside the app.")) from None


def masked_id_number(db: Database, actor: Actor | None, person_id: int) -> tuple[str, str] | None:
    """(type, masked number) for the volunteer, or None when none is stored."""
    with db.read() as session:
        actor = require_signed_in(actor)
        require_may_see_private(session, actor, person_id)
        profile = session.get(VolunteerProfile, person_id)
        if profile is None:
            raise NotFound(T("errors", "This person has no volunteer profile yet."))
        if profile.id_number_encrypted is None or profile.id_type is None:
            return None
        return profile.id_type, mask(_read_number(session, actor, person_id, profile.id_number_encrypted))


# --------------------------------------------------------------------------- on sign-in


def share_held(session: Session, person_id: int) -> int:
    """Share each data key this person holds with the readers who lack it. Returns how many wraps were made."""
    if keyring.personal_key(session, person_id) is None:
        return 0
    held = [
        _person_of(p) for p in session.scalars(
            select(KeyWrap.purpose).where(KeyWrap.person_id == person_id, KeyWrap.purpose.like("id-numbers:person:%"))
        )
    ]
    if not held:
        return 0
    readers = readers_of(session, held)
    have: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(held), _CHUNK):
        purposes = [purpose_for(v) for v in held[start : start + _CHUNK]]
        for pid, purpose in session.execute(
            select(KeyWrap.person_id, KeyWrap.purpose).where(KeyWrap.purpose.in_(purposes))
        ):
            have[_person_of(purpose)].add(pid)
    with_keys = set(keyring.personal_public_keys(session, sorted({r for rs in readers.values() for r in rs})))
    made = 0
    for volunteer in held:
        missing = (readers[volunteer] & with_keys) - have[volunteer]
        if not missing:
            continue
        try:
            secret = keyring.open_own(session, person_id, purpose_for(volunteer))
        except keyring.WrapError:
            continue
        if secret is not None:
            made += len(keyring.share(session, purpose_for(volunteer), secret, sorted(missing)))
    return made


def prune(session: Session, person_ids: list[int]) -> int:
    """Delete data-key wraps that their holders may no longer read: held by, or about, these people."""
    purposes = {purpose_for(p) for p in person_ids}
    rows = list(session.execute(
        select(KeyWrap.id, KeyWrap.person_id, KeyWrap.purpose).where(
            KeyWrap.purpose.like("id-numbers:person:%"),
            (KeyWrap.person_id.in_(person_ids)) | (KeyWrap.purpose.in_(purposes)),
        )
    ))
    readers = readers_of(session, sorted({_person_of(purpose) for _, _, purpose in rows}))
    gone = [wrap_id for wrap_id, holder, purpose in rows if holder not in readers[_person_of(purpose)]]
    if gone:
        session.execute(delete(KeyWrap).where(KeyWrap.id.in_(gone)))
    return len(gone)


def carry_over_legacy(session: Session, actor: Actor) -> int:
    """Re-encrypt the numbers this desktop's old key opens and this person may read. Returns how many moved."""
    fernet = _legacy_fernet()
    if fernet is None or keyring.personal_key(session, actor.person_id) is None:
        return 0
    moved = 0
    rows = session.execute(
        select(VolunteerProfile.person_id, VolunteerProfile.id_number_encrypted).where(
            VolunteerProfile.id_number_encrypted.is_not(None)
        )
    ).all()
    for volunteer_id, sealed in rows:
        if sealed is None or sealed.startswith(PREFIX) or not may_see_private(session, actor, volunteer_id):
            continue
        try:
            number = fernet.decrypt(sealed).decode("utf-8")
        except InvalidToken:
            continue  # written on another desktop: that one carries it over
        key = _data_key_for_writing(session, volunteer_id, actor.person_id)
        profile = session.get(VolunteerProfile, volunteer_id)
        assert profile is not None
        profile.id_number_encrypted = _seal(key, volunteer_id, number)
        audit.record(session, actor.person_id, "profile.id_number_carried_over", "person", volunteer_id)
        moved += 1
    if moved:
        log.info("carried %d ID numbers over from this desktop's old key", moved)
    return moved
