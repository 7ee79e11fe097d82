"""A shared PostgreSQL server: setting it up, checking it, and signing in as oneself.

* ``is_shared_server_url(url)``: a PostgreSQL URL that names no user. A desktop's URL holds
  no password: the person signs in with their own email and password, and the app logs in
  to PostgreSQL as that person's own login (``sign_in``), so the server's row-level security,
  not only the app, keeps everyone in their lane. A URL with a user (the owner, a superuser)
  is an administrator's connection and works as before.
* ``initialise(url, owner_password)``: ``volunteer-app server init``; ``check(url)``: ``server check``.

docs/shared-server.md holds what each role may do.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import OperationalError

from volunteer_app.domain import validation
from volunteer_app.services import accounts
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.store import migrate, server
from volunteer_app.store.database import Database, parse_url
from volunteer_app.store.server import InitReport

#: What PostgreSQL says when a login is refused: wrong password, no such role, login disabled.
_REFUSED_LOGIN = (
    "password authentication failed",
    "is not permitted to log in",
    'role "',  # role "x" does not exist (only where the server is set to say so)
)


def is_shared_server_url(url: str) -> bool:
    """A PostgreSQL URL without a user: each person signs in as their own login."""
    parsed = parse_url(url)
    return parsed.get_backend_name() == "postgresql" and not parsed.username


def login_name(url: str, email: str) -> str:
    """The PostgreSQL login of ``email`` on the shared server at ``url``."""
    return server.login_role(server.role_prefix(parse_url(url).database or ""), accounts.normalise_email(email))


@dataclass(frozen=True)
class SignedIn:
    db: Database
    actor: Actor


def open_as(url: str, email: str, password: str) -> Database:
    """A Database logged in as ``email``'s own login, its schema checked (not signed in to the app yet).

    Raises ``InvalidCredentials`` for a wrong email or password or a disabled login (the same
    sentence as on a desktop's own database), ``SchemaTooNew`` ("update volunteer-app") and
    ``SchemaTooOld`` ("ask your administrator to run volunteer-app db upgrade").
    """
    try:
        address = validation.email(email)
    except validation.TextProblem:
        raise InvalidCredentials() from None
    db = Database(url, login=(login_name(url, address), password))
    try:
        migrate.upgrade(db)  # for a person's login: only checks that the schema is this app's
    except OperationalError as exc:
        db.dispose()
        if any(words in str(exc.orig) for words in _REFUSED_LOGIN):
            raise InvalidCredentials() from None
        raise
    except BaseException:
        db.dispose()
        raise
    return db


def sign_in(url: str, email: str, password: str) -> SignedIn:
    """``open_as`` and then the app's own sign-in (keys unlocked, audited)."""
    db = open_as(url, email, password)
    try:
        return SignedIn(db, accounts.sign_in(db, email, password))
    except BaseException:
        db.dispose()
        raise


def initialise(url: str, owner_password: str | None) -> InitReport:
    """Schema to the newest revision, then roles, grants and policies (``volunteer-app server init``).

    ``url`` names a superuser or a role that may create roles and owns the database.
    ``owner_password``: the owner role may log in with it (to run ``db upgrade`` later);
    None leaves the owner as it is (a new one cannot log in; members of it act through SET ROLE).
    """
    db = Database(url)
    try:
        migrate.upgrade(db, backup=False)
        with db.engine.begin() as conn:
            roles = server.roles_for(conn)
            verifier = None if owner_password is None else server.scram_verifier(conn, roles.owner, owner_password)
            return server.initialise(conn, owner_verifier=verifier)
    finally:
        db.dispose()


def check(url: str) -> list[str]:
    """What is missing from the shared server at ``url`` (empty: nothing)."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return server.check(conn)
    finally:
        db.dispose()


def desktop_url(url: str) -> str:
    """What desktops are given for the server at ``url``: the same URL without user or password."""
    return parse_url(url)._replace(username=None, password=None).render_as_string(hide_password=False)


__all__ = [
    "SignedIn",
    "check",
    "initialise",
    "is_shared_server_url",
    "desktop_url",
    "login_name",
    "open_as",
    "sign_in",
]
