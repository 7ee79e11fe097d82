"""A shared server for tests: a fresh database on the test PostgreSQL server, set up with
``server init``, the community of tests/support/community.py in it (each person with their own
login), and a way to log in as any of them as a desktop does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.support import community as community_module
from tests.support.community import PASSWORD, Community
from volunteer_app.services import shared_server
from volunteer_app.store.database import Database, parse_url
from volunteer_app.store.server import Roles, login_role, role_prefix


@dataclass
class SharedServer:
    """``url``: the test superuser's connection (the server's administrator); ``desktop_url``:
    what a desktop is given (no user, no password)."""

    url: str
    desktop_url: str
    community: Community
    _open: list[Database] = field(default_factory=list)

    @property
    def roles(self) -> Roles:
        return Roles(role_prefix(parse_url(self.url).database or ""))

    def login_of(self, email: str) -> str:
        return login_role(self.roles.prefix, email)

    def as_person(self, email: str, password: str = PASSWORD) -> Database:
        """A Database logged in as ``email``'s own login (closed at the end of the test)."""
        db = shared_server.open_as(self.desktop_url, email, password)
        self._open.append(db)
        return db

    def close(self) -> None:
        for db in self._open:
            db.dispose()


def desktop_url_of(url: str) -> str:
    return parse_url(url)._replace(username=None, password=None).render_as_string(hide_password=False)


@contextmanager
def shared_server_for(url: str) -> Iterator[SharedServer]:
    """Initialise the database at ``url`` (at the head revision) as a shared server with the community."""
    shared_server.initialise(url, owner_password=None)
    admin_db = Database(url)
    try:
        built = community_module.build(admin_db)
    finally:
        admin_db.dispose()
    served = SharedServer(url=url, desktop_url=desktop_url_of(url), community=built)
    try:
        yield served
    finally:
        served.close()
