"""Accounts, sign-in and roles.

Passwords are hashed with Argon2id (argon2-cffi's defaults follow RFC 9106).
An ``Actor`` is a signed-in person; every service takes one, and ``None``
stands for a signed-out session, which may do nothing but sign in.

Signing in also unlocks the person's personal key (``services.keyring``) in this
process, and then shares the keys they hold with colleagues who lack them
(``services.key_sharing``); a password change re-wraps the personal key; losing a
role deletes the wraps of the keys that came with it. docs/trust.md explains it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from volunteer_app.domain import validation
from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, keyring, text_input
from volunteer_app.services.errors import (
    Conflict,
    InvalidCredentials,
    InvalidInput,
    NotFound,
    NotSignedIn,
    PermissionDenied,
)
from volunteer_app.store import server
from volunteer_app.store.database import Database
from volunteer_app.store.models import KeyWrap, Membership, Organisation, Person

log = logging.getLogger(__name__)
MIN_PASSWORD_LENGTH = 8
#: Longer passwords are refused (a passphrase fits easily; a 50 MB "password" does not).
MAX_PASSWORD_LENGTH = 1024
# RFC 9106's low-memory profile (argon2-cffi's defaults), written out so the dummy hash below
# provably has the same parameters (tests/unit/test_validation.py checks it).
_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4, hash_len=32, salt_len=16)
# For demo accounts only, whose passwords are printed in the clear anyway (and for imported
# volunteers, whose generated passwords have 96 random bits): Argon2id with light settings, so a
# demo of 200 people is ready in a second rather than twenty. ``sign_in`` re-hashes with the full
# settings the first time each account signs in (``_hasher.check_needs_rehash`` sees the light ones).
_demo_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1, hash_len=32, salt_len=16)
# Hashes of "not a real password" made with the two hashers above. Constants, so no sign-in pays
# for making them (a cached hash made on first use doubled the time of a wrong email in every CLI run).
_DUMMY_FULL = "$argon2id$v=19$m=65536,t=3,p=4$KYyMEFv4JAD8Yn9tBnrfJQ$84iuWXmBEutl2JDDWqpfYfWdK/uyB3+Zgu/aNHkA6qk"
_DUMMY_LIGHT = "$argon2id$v=19$m=8192,t=1,p=1$2dUcMH8r7P+ZXONOhAj7+A$GMAKBICNY7ypXxfmAvPCU9TVmeTypU1pKu/7syccmEk"


@dataclass(frozen=True)
class Actor:
    """A signed-in person, as of sign-in. Permission checks re-read roles from the database."""

    person_id: int
    email: str
    display_name: str
    is_admin: bool
    roles: Mapping[int, frozenset[Role]] = field(default_factory=dict)  # organisation id -> roles
    has_profile: bool = False  # keeps a volunteer profile (skills, free hours), e.g. an admin who volunteers too

    def organisations_with(self, *roles: Role) -> list[int]:
        return sorted(org for org, held in self.roles.items() if held & set(roles))

    @property
    def is_coordinator(self) -> bool:
        return bool(self.organisations_with(Role.COORDINATOR, Role.ADMIN))

    @property
    def is_volunteer(self) -> bool:
        """Volunteers in some organisation, people with a volunteer profile, and people with no role at
        all (they came to volunteer)."""
        if self.organisations_with(Role.VOLUNTEER) or self.has_profile:
            return True
        return not self.roles and not self.is_admin


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def hash_demo_password(password: str) -> str:
    """A light Argon2id hash (demo and imported accounts); the first real sign-in replaces it."""
    return _demo_hasher.hash(password)


def is_light_hash(password_hash: str) -> bool:
    """Whether a stored hash is weaker than the full settings (``sign_in`` then re-hashes it)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def normalise_email(email: str) -> str:
    """The address as stored (trimmed, lower case); InvalidInput unless it is one email address."""
    return text_input.email(email)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "password",
            QT_TRANSLATE_NOOP("errors", "The password needs at least {minimum} characters."),
            minimum=MIN_PASSWORD_LENGTH,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            "password",
            QT_TRANSLATE_NOOP("errors", "The password may have at most {maximum} characters."),
            maximum=MAX_PASSWORD_LENGTH,
        )


def require_signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise NotSignedIn()
    return actor


def roles_of(session: Session, person_id: int) -> dict[int, frozenset[Role]]:
    held: dict[int, set[Role]] = {}
    for org_id, role in session.execute(
        select(Membership.organisation_id, Membership.role).where(Membership.person_id == person_id)
    ):
        held.setdefault(org_id, set()).add(Role(role))
    return {org: frozenset(r) for org, r in held.items()}


def require_role(session: Session, actor: Actor | None, organisation_id: int, *roles: Role) -> Actor:
    """The actor holds one of ``roles`` in the organisation now (read from the database, not the cache)."""
    actor = require_signed_in(actor)
    held = roles_of(session, actor.person_id).get(organisation_id, frozenset())
    if not held & set(roles):
        org = session.get(Organisation, organisation_id)
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("errors", "You are not a {roles} of {organisation}."),
            roles=" or ".join(r.value for r in roles),
            organisation=org.name if org else f"organisation {organisation_id}",
        )
    return actor


def require_admin(session: Session, actor: Actor | None) -> Actor:
    actor = require_signed_in(actor)
    person = session.get(Person, actor.person_id)
    if person is None or not person.is_admin or not person.is_active:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only an administrator may do this."))
    return actor


def has_any_account(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(func.count(Person.id))))


def _actor_for(session: Session, person: Person) -> Actor:
    return Actor(
        person_id=person.id,
        email=person.email,
        display_name=person.display_name,
        is_admin=person.is_admin,
        roles=roles_of(session, person.id),
        has_profile=person.profile is not None,
    )


def refresh_actor(db: Database, actor: Actor) -> Actor:
    """The same person as now stored (roles and profile re-read), e.g. after they set up a profile."""
    with db.read() as session:
        person = session.get(Person, actor.person_id)
        if person is None or not person.is_active:
            raise InvalidCredentials()
        return _actor_for(session, person)


def _unlock_keys(session: Session, person: Person, password: str) -> None:
    """Open (or, the first time, make) the person's personal key and hold it in this process."""
    wrap = keyring.personal_wrap(session, person.id)
    held = keyring.personal_key(session, person.id)
    if (
        wrap is not None
        and held is not None
        and keyring.is_key_of(wrap, held)
        and not keyring.needs_stronger_wrap(wrap)
    ):
        key = held  # unlocked already in this process (the password was just checked): no second derivation
    elif wrap is None:
        key = keyring.create_personal_key(session, person.id, password)
    else:
        try:
            key = keyring.open_personal_key(wrap, password)
            if keyring.needs_stronger_wrap(wrap):
                keyring.rewrap_personal_key(session, person.id, key, password)
        except keyring.WrapError:
            # The password was set some other way (by hand, by an older version): a new personal key,
            # and the wraps made for the old one go; colleagues share them again at their next sign-in.
            log.info("person %s: the personal key did not open; a new one was made", person.id)
            session.execute(delete(KeyWrap).where(KeyWrap.person_id == person.id))
            session.flush()
            key = keyring.create_personal_key(session, person.id, password)
    keyring.remember(session, person.id, key)


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _password_matches(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: no such account), at the same cost either way.

    Every outcome costs one full and one light Argon2 verification, so the time says nothing
    about whether the account exists or carries a light (demo, imported) hash: an unknown email
    checks both dummies; a light hash is padded with the full dummy; a full one with the light
    dummy. (A right password on a light hash is re-hashed instead, which costs the same.)
    """
    if stored is None or not stored.startswith("$argon2"):
        _verifies(_DUMMY_FULL, password)
        _verifies(_DUMMY_LIGHT, password)
        return False
    light = is_light_hash(stored)
    ok = _verifies(stored, password)
    if not light:
        _verifies(_DUMMY_LIGHT, password)
    elif not ok:
        _verifies(_DUMMY_FULL, password)
    return ok


def sign_in(db: Database, email: str, password: str) -> Actor:
    """The Actor for a correct email and password; InvalidCredentials otherwise.

    An unknown or malformed email, a wrong password and an inactive account all give the
    same message after the same work (``_password_matches``), so neither the answer nor its
    time tells whether an account exists. A light hash is replaced by a full one here, at the
    first sign-in with the right password. Unlocks the person's keys in this process and
    shares what they hold (see the module's docstring).
    """
    try:
        address: str | None = validation.email(email)
    except validation.TextProblem:
        address = None  # no account can have it; still do the same work before saying no
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[: MAX_PASSWORD_LENGTH + 1]  # never right; bounded work
    with db.transaction() as session:
        if db.person_mode:
            # The server checked the password when this login connected (SCRAM); the login is theirs.
            person = session.scalar(select(Person).where(Person.id == func.va_me()))
            if person is None or person.email != address:
                raise InvalidCredentials()
        else:
            person = session.scalar(select(Person).where(Person.email == address)) if address else None
            matches = _password_matches(person.password_hash if person is not None else None, password)
            if person is None or not matches or not person.is_active:
                raise InvalidCredentials()
            if is_light_hash(person.password_hash):
                person.password_hash = hash_password(password)
        _unlock_keys(session, person, password)
        audit.record(session, person.id, "account.sign_in", "person", person.id)
        actor = _actor_for(session, person)
    _share_keys(db, actor)
    return actor


def _share_keys(db: Database, actor: Actor) -> None:
    from volunteer_app.services import key_sharing  # it builds on this module

    key_sharing.share_what_i_hold(db, actor)


def sign_out(db: Database, actor: Actor | None) -> None:
    """Forget the person's unlocked keys in this process (the window calls it when signing out)."""
    if actor is not None:
        with db.read() as session:
            keyring.forget(session, actor.person_id)


def change_password(db: Database, actor: Actor | None, old_password: str, new_password: str) -> None:
    """The signed-in person changes their own password; their personal key is re-wrapped with the new one."""
    check_password_rules(new_password)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        person = session.get(Person, actor.person_id)
        if person is None or not person.is_active:
            raise NotSignedIn()
        right = db.login_works(old_password) if db.person_mode else _verifies(person.password_hash, old_password)
        if not right:
            raise InvalidInput(
                "old_password", QT_TRANSLATE_NOOP("errors", "The current password is not right.")
            ) from None
        person.password_hash = hash_password(new_password)
        _set_login(session, person, new_password)
        wrap = keyring.personal_wrap(session, person.id)
        key = keyring.personal_key(session, person.id)
        if key is None and wrap is not None:
            try:
                key = keyring.open_personal_key(wrap, old_password)
            except keyring.WrapError:
                key = None
        if key is None:
            session.execute(delete(KeyWrap).where(KeyWrap.person_id == person.id))
            session.flush()
            key = keyring.create_personal_key(session, person.id, new_password)
        else:
            keyring.rewrap_personal_key(session, person.id, key, new_password)
        keyring.remember(session, person.id, key)
        audit.record(session, person.id, "account.change_password", "person", person.id)
    if db.person_mode:
        db.change_login_password(new_password)  # the next connections log in with the new one


def _new_person(session: Session, email: str, display_name: str, password: str, **extra: object) -> Person:
    email = normalise_email(email)
    display_name = text_input.name("name", display_name)
    check_password_rules(password)
    if session.scalar(select(Person.id).where(Person.email == email)) is not None:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "An account for {email} exists already."), email=email)
    person = Person(email=email, display_name=display_name, password_hash=hash_password(password), **extra)
    session.add(person)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent sign-up of the same email
        raise Conflict(QT_TRANSLATE_NOOP("errors", "An account for {email} exists already."), email=email) from exc
    _set_login(session, person, password)
    return person


def _set_login(session: Session, person: Person, password: str) -> None:
    """On a shared server, the person's own PostgreSQL login gets ``password`` (made when new)."""
    conn = session.connection()
    if server.has_logins(conn):
        server.set_login(conn, person.id, person.email, password)


def _make_personal_key(db: Database, session: Session, person_id: int, password: str) -> None:
    """A new account's personal key, made while its password is at hand, so colleagues can share
    keys with them before they first sign in. Not on a shared server as a person: only its owner
    may write (and read back) a personal key there, so it is made at their first sign-in."""
    if not db.person_mode:
        keyring.remember(session, person_id, keyring.create_personal_key(session, person_id, password))


def give_logins(session: Session, passwords: Mapping[str, str]) -> None:
    """On a shared server, a login for each account named by email (made in bulk, e.g. the demo)."""
    conn = session.connection()
    if not passwords or not server.has_logins(conn):
        return
    session.flush()
    rows = session.execute(select(Person.email, Person.id).where(Person.email.in_(list(passwords))))
    ids = {str(email): int(person_id) for email, person_id in rows}
    for email, password in sorted(passwords.items()):
        server.set_login(conn, ids[email], email, password)


def sync_logins(session: Session, person_ids: list[int]) -> None:
    """On a shared server, logins' group roles follow memberships and site roles (after a change)."""
    conn = session.connection()
    if server.has_logins(conn):
        session.flush()
        server.sync_groups(conn, person_ids)


def create_first_admin(db: Database, email: str, display_name: str, password: str) -> Actor:
    """The installation's first account, allowed only while there is no account at all."""
    with db.transaction() as session:
        if session.scalar(select(func.count(Person.id))):
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("errors", "This database has accounts already; an administrator must add you.")
            )
        person = _new_person(session, email, display_name, password, is_admin=True)
        _unlock_keys(session, person, password)  # they are signed in from here on
        audit.record(session, person.id, "account.create_first_admin", "person", person.id, email=person.email)
        return _actor_for(session, person)


def create_account(
    db: Database,
    actor: Actor | None,
    email: str,
    display_name: str,
    password: str,
    *,
    phone: str | None = None,
    is_admin: bool = False,
) -> int:
    """A new account (administrators only). Returns the person id."""
    phone = text_input.line("phone", phone, validation.MAX_PHONE) if phone is not None else None
    with db.transaction() as session:
        actor = require_admin(session, actor)
        person = _new_person(
            session, email, display_name, password, phone=phone, is_admin=is_admin, created_by_id=actor.person_id
        )
        # Made now, while the password is at hand, so colleagues can share keys with them before they first sign in.
        # Kept unlocked in this process too: the password is at hand here anyway, and a sign-in
        # of the new account on this desktop then needs no second derivation.
        _make_personal_key(db, session, person.id, password)
        audit.record(session, actor.person_id, "account.create", "person", person.id, email=person.email)
        person_id = person.id
    if is_admin:
        _share_keys(db, actor)  # a new administrator may sign for every organisation
    return person_id


def grant_role(db: Database, actor: Actor | None, email: str, organisation_id: int, role: Role) -> None:
    """Give a person a role in an organisation (administrators, or that organisation's admins)."""
    with db.transaction() as session:
        actor = require_signed_in(actor)
        if not actor.is_admin:
            require_role(session, actor, organisation_id, Role.ADMIN)
        else:
            require_admin(session, actor)
        person = session.scalar(select(Person).where(Person.email == normalise_email(email)))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No account for {email}."), email=text_input.shown(email))
        if session.get(Organisation, organisation_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No organisation {id}."), id=organisation_id)
        exists = session.scalar(
            select(Membership.id).where(
                Membership.person_id == person.id,
                Membership.organisation_id == organisation_id,
                Membership.role == role,
            )
        )
        if exists is None:
            session.add(Membership(person_id=person.id, organisation_id=organisation_id, role=role))
            audit.record(
                session,
                actor.person_id,
                "membership.grant",
                "person",
                person.id,
                organisation_id=organisation_id,
                role=role.value,
            )
            sync_logins(session, [person.id])
    _share_keys(db, actor)  # the organisation's key (and ID numbers) for a new coordinator, if the actor holds them


def revoke_role(db: Database, actor: Actor | None, email: str, organisation_id: int, role: Role) -> None:
    """Take a role away (administrators, or that organisation's admins); the key wraps it brought go with it."""
    from volunteer_app.services import identity, signing_keys  # they build on this module

    with db.transaction() as session:
        actor = require_signed_in(actor)
        if not actor.is_admin:
            require_role(session, actor, organisation_id, Role.ADMIN)
        else:
            require_admin(session, actor)
        person = session.scalar(select(Person).where(Person.email == normalise_email(email)))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No account for {email}."), email=text_input.shown(email))
        membership = session.scalar(
            select(Membership).where(
                Membership.person_id == person.id,
                Membership.organisation_id == organisation_id,
                Membership.role == role,
            )
        )
        if membership is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "{email} is not a {role} of organisation {id}."),
                email=email,
                role=role.value,
                id=organisation_id,
            )
        session.delete(membership)
        session.flush()
        signing_keys.prune(session, person.id)
        identity.prune(session, [person.id])
        audit.record(
            session,
            actor.person_id,
            "membership.revoke",
            "person",
            person.id,
            organisation_id=organisation_id,
            role=role.value,
        )
        sync_logins(session, [person.id])


def refresh(db: Database, actor: Actor) -> Actor:
    """The same person with roles as they are now."""
    with db.read() as session:
        person = session.get(Person, actor.person_id)
        if person is None or not person.is_active:
            raise NotSignedIn()
        return _actor_for(session, person)


#: Random bytes of a generated first password: ``secrets.token_urlsafe(18)`` is 24 characters (144 bits).
GENERATED_PASSWORD_BYTES = 18


@dataclass(frozen=True)
class Invited:
    person_id: int
    email: str
    password: str | None  # generated here (to be passed on once), or None when the inviter chose it


def invite(
    db: Database,
    actor: Actor | None,
    email: str,
    display_name: str,
    organisation_id: int,
    role: Role,
    *,
    password: str | None = None,
) -> Invited:
    """A new account with a role in an organisation, in one step (site administrators, or that
    organisation's admins). Without ``password`` one is generated and returned, to be passed on
    once; on a shared server the person's own login is made with it."""
    import secrets

    chosen = password if password is not None else secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        if not actor.is_admin:
            require_role(session, actor, organisation_id, Role.ADMIN)
        else:
            require_admin(session, actor)
        if session.get(Organisation, organisation_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No organisation {id}."), id=organisation_id)
        person = _new_person(session, email, display_name, chosen, created_by_id=actor.person_id)
        _make_personal_key(db, session, person.id, chosen)
        session.add(Membership(person_id=person.id, organisation_id=organisation_id, role=role))
        audit.record(
            session,
            actor.person_id,
            "account.invite",
            "person",
            person.id,
            email=person.email,
            organisation_id=organisation_id,
            role=role.value,
        )
        sync_logins(session, [person.id])
        invited = Invited(person.id, person.email, None if password is not None else chosen)
    _share_keys(db, actor)  # the organisation's key for a new coordinator, if the actor holds it
    return invited


def remove(db: Database, actor: Actor | None, email: str) -> None:
    """Close an account (site administrators): it can no longer sign in, and on a shared server its
    login is disabled. Its history (hours, ledger, audit) stays; nothing is deleted."""
    with db.transaction() as session:
        actor = require_admin(session, actor)
        person = session.scalar(select(Person).where(Person.email == normalise_email(email)))
        if person is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No account for {email}."), email=text_input.shown(email))
        if person.id == actor.person_id:
            raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "You cannot remove your own account."))
        person.is_active = False
        audit.record(session, actor.person_id, "account.remove", "person", person.id, email=person.email)
        session.flush()
        conn = session.connection()
        if server.has_logins(conn):
            server.disable_login(conn, person.id)


@dataclass(frozen=True)
class AccountRow:
    """An account as its administrators see it on the Accounts page."""

    person_id: int
    email: str
    display_name: str
    is_admin: bool
    is_active: bool
    roles: tuple[tuple[str, Role], ...]  # (organisation name, role), by organisation then role


def list_accounts(db: Database, actor: Actor | None) -> list[AccountRow]:
    """Accounts a manager of accounts may see: every account (site administrators), or the members
    of the organisations the actor administers. Active accounts first, then by name."""
    with db.read() as session:
        actor = require_signed_in(actor)
        managed = actor.organisations_with(Role.ADMIN)
        if not actor.is_admin and not managed:
            raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only an administrator may do this."))
        query = (
            select(Membership.person_id, Organisation.name, Membership.role)
            .join(Organisation, Organisation.id == Membership.organisation_id)
        )
        if not actor.is_admin:
            query = query.where(Membership.organisation_id.in_(managed))
        roles: dict[int, list[tuple[str, Role]]] = {}
        for person_id, name, role in session.execute(query):
            roles.setdefault(int(person_id), []).append((str(name), Role(role)))
        people = select(Person.id, Person.email, Person.display_name, Person.is_admin, Person.is_active)
        if not actor.is_admin:
            people = people.where(Person.id.in_(list(roles)))
        rows = [
            AccountRow(int(pid), str(email), str(name), bool(admin), bool(active), tuple(sorted(roles.get(pid, []))))
            for pid, email, name, admin, active in session.execute(people)
        ]
    return sorted(rows, key=lambda r: (not r.is_active, r.display_name.casefold(), r.email))
