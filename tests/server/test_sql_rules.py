"""The database enforces the rules (issue 12): plain SQL as each person's own login.

Every person logs in to the real PostgreSQL with their own login (SCRAM, as a desktop does)
and tries SELECT, INSERT, UPDATE and DELETE on every table of ``store.server.RULES`` with
nothing but SQL. Each attempt outside the rules must fail, and say how:

* ``denied``: "permission denied" (the login's groups hold no privilege for the command, or
  the column);
* ``rls``: "new row violates row-level security policy" (an INSERT, or an UPDATE's new row,
  outside the policy);
* ``none``: zero rows affected (an UPDATE or DELETE whose target the policy hides);
* ``hidden``: the row is not visible (a SELECT);
* ``append_only``: the audit trail's trigger refuses.

and each attempt inside them must succeed (``ok``). docs/shared-server.md is this file in prose.

The matrix runs against one shared server for the whole module (set up with
``server init``, the community of tests/support/community.py and the rows below, as the
``shared`` fixture does): each attempt runs in its own transaction, rolled back. Tests that
commit (a disabled login, a password set through ``va_set_login``) take the ``shared`` fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from tests.support.community import PASSWORD, shift
from tests.support.shared_server import SharedServer, shared_server_for
from volunteer_app.domain.enums import RequestKind, Role
from volunteer_app.services import accounts, hours, hours_requests, shared_server
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.services.hours import HoursInput
from volunteer_app.store.database import Database, parse_url
from volunteer_app.store.server import RULES

pytestmark = pytest.mark.postgres

# --------------------------------------------------------------------------- who

#: The roles the matrix logs in as, by the short name the expectations use.
EMAILS = {
    "vol": "vol@example.org",  # a volunteer of organisation A
    "vol_b": "vol.b@example.org",  # a volunteer of organisation B
    "coord_a": "coord.a@example.org",  # coordinator of A
    "coord_b": "coord.b@example.org",  # coordinator of B
    "admin": "admin@example.org",  # the site administrator (no organisation role)
    "nobody": "nobody@example.org",  # an account with no role anywhere
}
ROLES = tuple(EMAILS)
#: Made by the seed but never logged in as: targets only.
NEW_A = "new.a@example.org"  # a volunteer of A with no profile yet


@dataclass
class World:
    server: SharedServer
    ids: dict[str, int]
    engines: dict[str, Engine] = field(default_factory=dict)

    def person(self, role: str) -> int:
        return self.ids[role]

    def engine(self, role: str) -> Engine:
        if role not in self.engines:
            url = parse_url(self.server.desktop_url).set(username=self.server.login_of(EMAILS[role]), password=PASSWORD)
            self.engines[role] = create_engine(url, pool_size=1, max_overflow=0)
        return self.engines[role]

    def dispose(self) -> None:
        for engine in self.engines.values():
            engine.dispose()


def _one(conn: Connection, sql: str, **params: Any) -> int:
    return int(conn.execute(text(sql), params).scalar_one())


def seed(server: SharedServer) -> dict[str, int]:
    """Rows of every kind for both organisations, written as the superuser (services and plain SQL)."""
    c = server.community
    db = Database(server.url)
    ids: dict[str, int] = {
        "vol": c.volunteer.person_id,
        "vol_b": c.other_volunteer.person_id,
        "coord_a": c.coord_a.person_id,
        "coord_b": c.coord_b.person_id,
        "admin": c.admin.person_id,
        "org_a": c.org_a,
        "org_b": c.org_b,
        "task_a": c.task_a,
        "task_b": c.task_b,
    }
    try:
        ids["nobody"] = accounts.create_account(db, c.admin, EMAILS["nobody"], "Nobody", PASSWORD)
        ids["new_a"] = accounts.create_account(db, c.admin, NEW_A, "New A", PASSWORD)
        accounts.grant_role(db, c.admin, NEW_A, c.org_a, Role.VOLUNTEER)
        with db.engine.begin() as conn:
            for org in ("a", "b"):
                ids[f"occ_{org}"] = _one(
                    conn, "SELECT id FROM task_occurrence WHERE task_id = :t", t=ids[f"task_{org}"]
                )
            start, end = shift()
            ids["skill"] = _one(conn, "SELECT id FROM skill WHERE key = 'first_aid'")
            ids["skill2"] = _one(conn, "SELECT id FROM skill WHERE key = 'driving'")
            ids["org_c"] = _one(
                conn,
                "INSERT INTO organisation (name, timezone, credit_step_minutes, "
                "credit_min_attendance_percent, credit_cap_to_stint, created_at) "
                "VALUES ('Empty Club', 'UTC', 1, 0, true, now()) RETURNING id",
            )
            for org in ("a", "b"):
                coord = ids[f"coord_{org}"]
                ids[f"draft_{org}"] = _one(
                    conn,
                    "INSERT INTO task (organisation_id, title, description, is_remote, kind, starts_at, ends_at, "
                    "slots, priority, status, timezone, created_by_id, created_at, updated_at) VALUES "
                    "(:o, 'Draft', '', true, 'fixed', :s, :e, 1, 1, 'draft', 'UTC', :c, now(), now()) RETURNING id",
                    o=ids[f"org_{org}"],
                    s=start,
                    e=end,
                    c=coord,
                )
                ids[f"draft_occ_{org}"] = _one(
                    conn,
                    "INSERT INTO task_occurrence (task_id, starts_at, ends_at, is_cancelled) "
                    "VALUES (:t, :s, :e, false) RETURNING id",
                    t=ids[f"draft_{org}"],
                    s=start,
                    e=end,
                )
                conn.execute(
                    text("INSERT INTO task_skill (task_id, skill_id, min_level) VALUES (:t, :k, 2)"),
                    {"t": ids[f"task_{org}"], "k": ids["skill"]},
                )
            for who, org in (("vol", "a"), ("vol_b", "b")):
                person = ids[who]
                ids[f"signup_{who}"] = _one(
                    conn,
                    "INSERT INTO signup (occurrence_id, person_id, status, source, starts_at, ends_at, "
                    "created_by_id, created_at, updated_at) VALUES (:o, :p, 'confirmed', 'self', :s, :e, :p, "
                    "now(), now()) RETURNING id",
                    o=ids[f"occ_{org}"],
                    p=person,
                    s=start,
                    e=end,
                )
                conn.execute(
                    text(
                        "INSERT INTO volunteer_profile (person_id, home_address, home_latitude, home_longitude, "
                        "radius_km, languages, timezone, updated_at) "
                        "VALUES (:p, :addr, 30.27, 120.15, 5, 'zh', 'Asia/Shanghai', now())"
                    ),
                    {"p": person, "addr": f"{who}'s home, 1 Private Lane"},
                )
                conn.execute(
                    text("INSERT INTO volunteer_skill (person_id, skill_id, level) VALUES (:p, :k, 3)"),
                    {"p": person, "k": ids["skill"]},
                )
                ids[f"slot_{who}"] = _one(
                    conn,
                    "INSERT INTO availability_slot (person_id, weekday, start_minute, end_minute) "
                    "VALUES (:p, 5, 540, 720) RETURNING id",
                    p=person,
                )
                ids[f"away_{who}"] = _one(
                    conn,
                    "INSERT INTO availability_exception (person_id, kind, starts_at, ends_at) "
                    "VALUES (:p, 'away', :s, :e) RETURNING id",
                    p=person,
                    s=start,
                    e=end,
                )
                ids[f"statement_{who}"] = _one(
                    conn,
                    "INSERT INTO imported_statement (person_id, organisation_name, fingerprint, minutes, "
                    "period_from, period_to, content, imported_at) VALUES (:p, 'Elsewhere', 'ab', 60, "
                    "'2030-01-01', '2030-01-31', '{}', now()) RETURNING id",
                    p=person,
                )
                ids[f"certificate_{who}"] = _one(
                    conn,
                    "INSERT INTO certificate (number, organisation_id, person_id, period_from, period_to, "
                    "minutes, language, payload, record_ids, issued_by_id, issued_at, requested) VALUES "
                    "(:n, :o, :p, '2030-01-01', '2030-01-31', 60, 'zh', 'VA1:x', '{}', :c, now(), false) "
                    "RETURNING id",
                    n=f"C-{who}",
                    o=ids[f"org_{org}"],
                    p=person,
                    c=ids[f"coord_{org}"],
                )
            ids["trusted_key"] = _one(
                conn,
                "INSERT INTO trusted_key (fingerprint, organisation_name, public_key, added_at) "
                "VALUES ('cd', 'Elsewhere', '\\x00', now()) RETURNING id",
            )
            ids["mapping"] = _one(
                conn,
                "INSERT INTO import_mapping (kind, header_key, mapping, updated_at) "
                "VALUES ('tasks', 'h1', '{}', now()) RETURNING id",
            )
            ids["geocode"] = _one(
                conn,
                "INSERT INTO geocode_cache (provider, query_key, payload, created_at) "
                "VALUES ('offline', 'q1', '{}', now()) RETURNING id",
            )
        # Hours: a pending and a verified record per volunteer (the verification through the
        # services, which appends the ledger entry, the audit row and the volunteer's notice).
        start, end = shift()
        for who, org in (("vol", "a"), ("vol_b", "b")):
            coord = c.coord_a if org == "a" else c.coord_b
            data = HoursInput(person_id=ids[who], started_at=start, ended_at=end, occurrence_id=ids[f"occ_{org}"])
            ids[f"pending_{who}"] = hours.record_hours(db, coord, data)
            ids[f"verified_{who}"] = hours.record_hours(db, coord, data)
            hours.verify_hours(db, coord, ids[f"verified_{who}"])
        own = HoursInput(person_id=ids["coord_a"], started_at=start, ended_at=end, occurrence_id=ids["occ_a"])
        ids["pending_coord_a"] = hours.record_hours(db, c.coord_a, own)
        for who, actor in (("vol", c.volunteer), ("vol_b", c.other_volunteer)):
            ids[f"request_{who}"] = hours_requests.file_request(
                db, actor, ids[f"pending_{who}"], RequestKind.TIME, "The end was later."
            )
        with db.engine.begin() as conn:
            for who, org in (("vol", "a"), ("vol_b", "b")):
                ids[f"notice_{who}"] = _one(conn, "SELECT max(id) FROM notice WHERE person_id = :p", p=ids[who])
                ids[f"ledger_{org}"] = _one(
                    conn, "SELECT max(id) FROM ledger_entry WHERE organisation_id = :o", o=ids[f"org_{org}"]
                )
                ids[f"cert_request_{who}"] = _one(
                    conn,
                    "INSERT INTO certificate_request (person_id, organisation_id, period_from, period_to, "
                    "language, created_at) VALUES (:p, :o, '2030-01-01', '2030-12-31', 'zh', now()) RETURNING id",
                    p=ids[who],
                    o=ids[f"org_{org}"],
                )
                ids[f"audit_{who}"] = _one(conn, "SELECT max(id) FROM audit_event WHERE actor_id = :p", p=ids[who])
            start, end = shift(days=5)
            ids["task_b2"] = _one(
                conn,
                "INSERT INTO task (organisation_id, title, description, is_remote, kind, starts_at, ends_at, "
                "slots, priority, status, timezone, created_by_id, created_at, updated_at) VALUES "
                "(:o, 'Open B2', '', true, 'fixed', :s, :e, 5, 1, 'open', 'UTC', :c, now(), now()) RETURNING id",
                o=ids["org_b"],
                s=start,
                e=end,
                c=ids["coord_b"],
            )
            ids["occ_b2"] = _one(
                conn,
                "INSERT INTO task_occurrence (task_id, starts_at, ends_at, is_cancelled) "
                "VALUES (:t, :s, :e, false) RETURNING id",
                t=ids["task_b2"],
                s=start,
                e=end,
            )
            for who, org in (("vol", "a"), ("vol_b", "b"), ("coord_a", "a")):
                ids[f"member_{who}"] = _one(
                    conn,
                    "SELECT id FROM membership WHERE person_id = :p AND organisation_id = :o",
                    p=ids[who],
                    o=ids[f"org_{org}"],
                )
            ids["signing_wrap_coord_a"] = _one(
                conn,
                "SELECT id FROM key_wrap WHERE person_id = :p AND purpose = :w",
                p=ids["coord_a"],
                w=f"org-signing:{ids['org_a']}",
            )
            ids["audit_admin"] = _one(conn, "SELECT max(id) FROM audit_event WHERE actor_id = :p", p=ids["admin"])
            for role in ("vol", "vol_b", "coord_a", "coord_b", "admin", "nobody", "new_a"):
                ids[f"wrap_{role}"] = _one(
                    conn, "SELECT id FROM key_wrap WHERE person_id = :p AND purpose = 'personal'", p=ids[role]
                )
    finally:
        db.dispose()
    return ids


@pytest.fixture(scope="module")
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One shared server for the matrix (the ``shared`` fixture's set-up, once per module)."""
    postgres_server = request.getfixturevalue("postgres_server")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VOLUNTEER_APP_HOME", str(tmp_path_factory.mktemp("rules-home")))
        patch.setenv("VOLUNTEER_APP_GEOCODER", "offline")
        name = postgres_server.create_database(template=postgres_server.template)
        built: World | None = None
        try:
            with shared_server_for(postgres_server.url_for(name)) as served:
                built = World(served, seed(served))
                yield built
        finally:
            if built is not None:
                built.dispose()
            postgres_server.drop_database(name)


# --------------------------------------------------------------------------- the matrix

ALL = " ".join(ROLES)
COMMANDS = ("select", "insert", "update", "delete")
#: What a refusal looks like when the login holds the privilege but the policy says no.
REFUSED = {"select": "hidden", "insert": "rls", "update": "none", "delete": "none"}


def all_but(*roles: str) -> str:
    return " ".join(r for r in ROLES if r not in roles)


@dataclass(frozen=True)
class Do:
    """One command on one table: per target, the roles for whom it succeeds (the others are
    refused by the policy); ``denied``: the roles whose groups hold no privilege for it at all.
    A target is a row name of the table (SELECT, UPDATE, DELETE) or, for INSERT, (statement, roles)."""

    targets: dict[str, Any]
    denied: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    rows: dict[str, str]  # target -> WHERE clause
    set_clause: str  # an UPDATE that changes nothing, so only the rules decide
    select: Do
    insert: Do
    update: Do
    delete: Do

    def statement(self, command: str, target: str) -> str:
        if command == "insert":
            return str(self.insert.targets[target][0])
        where = self.rows[target]
        if command == "select":
            return f"SELECT count(*) FROM {self.name} WHERE {where}"
        if command == "update":
            return f"UPDATE {self.name} SET {self.set_clause} WHERE {where}"
        return f"DELETE FROM {self.name} WHERE {where}"

    def allowed(self, command: str, target: str) -> set[str]:
        value = getattr(self, command).targets[target]
        return set((value[1] if command == "insert" else value).split())


def insert(table: str, **values: str) -> str:
    return f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join(values.values())})"


HOUR = "now() + interval '1 hour'"
EVERYONE_ELSE = Do({}, denied=ALL)  # nobody holds the privilege


def _service_record(person: str, org: str, **extra: str) -> str:
    values = {
        "person_id": person,
        "organisation_id": org,
        "occurrence_id": ":occ_a" if org == ":org_a" else ":occ_b",
        "started_at": "now() - interval '2 hours'",
        "ended_at": "now() - interval '1 hour'",
        "credited_minutes": "60",
        "status": "'pending'",
        "created_by_id": ":me",
        "created_at": "now()",
    }
    return insert("service_record", **(values | extra))


def _key_wrap(person: str, purpose: str) -> str:
    return insert(
        "key_wrap",
        person_id=person,
        purpose=purpose,
        kdf="'{}'",
        nonce="'\\x00'",
        ciphertext="'\\x00'",
        created_at="now()",
    )


def _signup(occurrence: str, person: str) -> str:
    return insert(
        "signup",
        occurrence_id=occurrence,
        person_id=person,
        status="'confirmed'",
        source="'self'",
        starts_at="now()",
        ends_at=HOUR,
        created_by_id=":me",
        created_at="now()",
        updated_at="now()",
    )


VOLUNTEERS_ROWS = {"vol": "person_id = :vol", "vol_b": "person_id = :vol_b"}
OWN_ROWS_SEEN_BY_COORDINATORS = Do({"vol": "vol coord_a", "vol_b": "vol_b coord_b"})
OWN_ROWS_ONLY = Do({"vol": "vol", "vol_b": "vol_b"})

# fmt: off
# One table per entry, so the rules read as a table (as in docs/shared-server.md).
TABLES: list[Table] = [
    Table(
        "organisation", {"A": "id = :org_a", "B": "id = :org_b", "C_empty": "id = :org_c"}, "name = name",
        select=Do({"A": ALL, "B": ALL}),
        insert=Do({"new": (insert(
            "organisation", name="'New Club'", timezone="'UTC'", credit_step_minutes="1",
            credit_min_attendance_percent="0", credit_cap_to_stint="true", created_at="now()"), "admin")},
            denied=all_but("admin")),
        # Coordinators hold UPDATE for their organisations' admins; a plain coordinator changes no settings.
        update=Do({"A": "admin", "B": "admin"}, denied="vol vol_b nobody"),
        delete=Do({"C_empty": "admin"}, denied=all_but("admin")),
    ),
    Table(
        "person",
        {"vol": "id = :vol", "vol_b": "id = :vol_b", "coord_a": "id = :coord_a", "admin": "id = :admin",
         "nobody": "id = :nobody"},
        "display_name = display_name",
        # Coordinators are public (name and contact); volunteers are seen by their coordinators.
        select=Do({"vol": "vol coord_a admin", "vol_b": "vol_b coord_b admin", "coord_a": ALL, "admin": "admin",
                   "nobody": "nobody admin"}),
        insert=Do({
            "made_by_me": (insert(
                "person", email="'made@example.org'", display_name="'Made'", password_hash="'x'",
                is_admin="false", is_active="true", created_at="now()", created_by_id=":me"),
                "coord_a coord_b admin"),
            "made_by_someone_else": (insert(
                "person", email="'made@example.org'", display_name="'Made'", password_hash="'x'",
                is_admin="false", is_active="true", created_at="now()", created_by_id=":not_me"), "admin"),
            "an_administrator": (insert(
                "person", email="'made@example.org'", display_name="'Made'", password_hash="'x'",
                is_admin="true", is_active="true", created_at="now()", created_by_id=":me"), "admin"),
        }, denied="vol vol_b nobody"),
        update=Do({"vol": "vol admin", "vol_b": "vol_b admin", "coord_a": "coord_a admin", "admin": "admin",
                   "nobody": "nobody admin"}),
        delete=EVERYONE_ELSE,  # accounts are closed (is_active), never deleted
    ),
    Table(
        "membership",
        {"vol_in_A": "id = :member_vol", "vol_b_in_B": "id = :member_vol_b", "coord_a_in_A": "id = :member_coord_a"},
        "role = role",
        select=Do({"vol_in_A": "vol coord_a admin", "vol_b_in_B": "vol_b coord_b admin", "coord_a_in_A": ALL}),
        insert=Do({
            "nobody_volunteers_in_A": (insert(
                "membership", person_id=":nobody", organisation_id=":org_a", role="'volunteer'",
                created_at="now()"), "coord_a admin"),
            "nobody_volunteers_in_B": (insert(
                "membership", person_id=":nobody", organisation_id=":org_b", role="'volunteer'",
                created_at="now()"), "coord_b admin"),
            "nobody_coordinates_A": (insert(
                "membership", person_id=":nobody", organisation_id=":org_a", role="'coordinator'",
                created_at="now()"), "admin"),
            "me_admin_of_A": (insert(
                "membership", person_id=":me", organisation_id=":org_a", role="'admin'", created_at="now()"),
                "admin"),
        }, denied="vol vol_b nobody"),
        update=Do({"vol_in_A": "admin"}, denied=all_but("admin")),
        delete=Do({"vol_in_A": "admin", "vol_b_in_B": "admin"}, denied="vol vol_b nobody"),
    ),
    Table(
        "skill", {"first_aid": "id = :skill", "driving_unused": "id = :skill2"}, "label = label",
        select=Do({"first_aid": ALL}),
        insert=Do({"new": (insert("skill", key="'juggling'", label="'Juggling'"), "admin")}, denied=all_but("admin")),
        update=Do({"first_aid": "admin"}, denied=all_but("admin")),
        delete=Do({"driving_unused": "admin"}, denied=all_but("admin")),
    ),
    Table(
        "task",
        {"open_A": "id = :task_a", "open_B": "id = :task_b", "draft_A": "id = :draft_a", "draft_B": "id = :draft_b"},
        "title = title",
        select=Do({"open_A": ALL, "open_B": ALL, "draft_A": "coord_a", "draft_B": "coord_b"}),
        insert=Do({
            "in_A": (insert(
                "task", organisation_id=":org_a", title="'New'", description="''", is_remote="true",
                kind="'fixed'", starts_at="now()", ends_at=HOUR, slots="1", priority="1", status="'draft'",
                timezone="'UTC'", created_by_id=":me", created_at="now()", updated_at="now()"), "coord_a"),
            "in_B": (insert(
                "task", organisation_id=":org_b", title="'New'", description="''", is_remote="true",
                kind="'fixed'", starts_at="now()", ends_at=HOUR, slots="1", priority="1", status="'draft'",
                timezone="'UTC'", created_by_id=":me", created_at="now()", updated_at="now()"), "coord_b"),
            "in_A_made_by_someone_else": (insert(
                "task", organisation_id=":org_a", title="'New'", description="''", is_remote="true",
                kind="'fixed'", starts_at="now()", ends_at=HOUR, slots="1", priority="1", status="'draft'",
                timezone="'UTC'", created_by_id=":not_me", created_at="now()", updated_at="now()"), ""),
        }, denied="vol vol_b admin nobody"),
        update=Do({"open_A": "coord_a", "open_B": "coord_b", "draft_A": "coord_a", "draft_B": "coord_b"},
                  denied="vol vol_b admin nobody"),
        delete=Do({"draft_A": "coord_a", "draft_B": "coord_b"}, denied="vol vol_b admin nobody"),
    ),
    Table(
        "task_skill", {"on_A": "task_id = :task_a", "on_B": "task_id = :task_b"}, "min_level = min_level",
        select=Do({"on_A": ALL, "on_B": ALL}),
        insert=Do({
            "on_A": (insert("task_skill", task_id=":task_a", skill_id=":skill2", min_level="1"), "coord_a"),
            "on_B": (insert("task_skill", task_id=":task_b", skill_id=":skill2", min_level="1"), "coord_b"),
        }, denied="vol vol_b admin nobody"),
        update=Do({"on_A": "coord_a", "on_B": "coord_b"}, denied="vol vol_b admin nobody"),
        delete=Do({"on_A": "coord_a", "on_B": "coord_b"}, denied="vol vol_b admin nobody"),
    ),
    Table(
        "task_occurrence",
        {"open_A": "id = :occ_a", "open_B": "id = :occ_b", "draft_A": "id = :draft_occ_a",
         "draft_B": "id = :draft_occ_b"},
        "is_cancelled = is_cancelled",
        select=Do({"open_A": ALL, "open_B": ALL, "draft_A": "coord_a", "draft_B": "coord_b"}),
        insert=Do({
            "of_A": (insert("task_occurrence", task_id=":task_a", starts_at="now() + interval '9 days'",
                            ends_at="now() + interval '10 days'", is_cancelled="false"), "coord_a"),
            "of_B": (insert("task_occurrence", task_id=":task_b", starts_at="now() + interval '9 days'",
                            ends_at="now() + interval '10 days'", is_cancelled="false"), "coord_b"),
        }, denied="vol vol_b admin nobody"),
        update=Do({"open_A": "coord_a", "open_B": "coord_b", "draft_A": "coord_a", "draft_B": "coord_b"},
                  denied="vol vol_b admin nobody"),
        delete=Do({"draft_A": "coord_a", "draft_B": "coord_b"}, denied="vol vol_b admin nobody"),
    ),
    Table(
        "signup", VOLUNTEERS_ROWS, "updated_at = updated_at",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "mine_on_open_task": (_signup(":occ_b2", ":me"), ALL),
            "mine_on_a_draft_of_A": (_signup(":draft_occ_a", ":me"), "coord_a"),
            "vol_on_open_task_of_B": (_signup(":occ_b2", ":vol"), "vol coord_b"),
        }),
        update=OWN_ROWS_SEEN_BY_COORDINATORS,
        delete=OWN_ROWS_SEEN_BY_COORDINATORS,
    ),
    Table(
        "service_record",
        {"vol_pending": "id = :pending_vol", "vol_verified": "id = :verified_vol",
         "vol_b_pending": "id = :pending_vol_b", "vol_b_verified": "id = :verified_vol_b",
         "coord_a_own_pending": "id = :pending_coord_a"},
        "credited_minutes = credited_minutes",
        select=Do({"vol_pending": "vol coord_a", "vol_verified": "vol coord_a", "vol_b_pending": "vol_b coord_b",
                   "vol_b_verified": "vol_b coord_b", "coord_a_own_pending": "coord_a"}),
        insert=Do({
            "pending_for_vol": (_service_record(":vol", ":org_a"), "coord_a"),
            "pending_for_vol_b": (_service_record(":vol_b", ":org_b"), "coord_b"),
            "pending_for_me_in_A": (_service_record(":me", ":org_a"), "coord_a"),
            "pending_for_vol_made_by_someone_else": (_service_record(":vol", ":org_a", created_by_id=":not_me"), ""),
            "already_verified_for_vol": (_service_record(
                ":vol", ":org_a", status="'verified'", decided_by_id=":me", decided_at="now()"), ""),
        }, denied="vol vol_b admin nobody"),
        # Only pending records change (a decision); decided ones never, one's own never.
        update=Do({"vol_pending": "coord_a", "vol_verified": "", "vol_b_pending": "coord_b", "vol_b_verified": "",
                   "coord_a_own_pending": ""}, denied="vol vol_b admin nobody"),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "hours_request", {"vol": "id = :request_vol", "vol_b": "id = :request_vol_b"}, "message = message",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "mine": (insert("hours_request", person_id=":me", organisation_id=":org_a", occurrence_id=":occ_a",
                            kind="'missing'", message="'I was there'", status="'open'", created_at="now()"), ALL),
            "vol_s": (insert("hours_request", person_id=":vol", organisation_id=":org_a", occurrence_id=":occ_a",
                             kind="'missing'", message="'I was there'", status="'open'", created_at="now()"), "vol"),
            "mine_already_accepted": (insert(
                "hours_request", person_id=":me", organisation_id=":org_a", occurrence_id=":occ_a",
                kind="'missing'", message="'I was there'", status="'accepted'", decided_at="now()",
                created_at="now()"), ""),
        }),
        update=Do({"vol": "coord_a", "vol_b": "coord_b"}, denied="vol vol_b admin nobody"),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "notice", {"vol": "id = :notice_vol", "vol_b": "id = :notice_vol_b"}, "read_at = now()",
        select=OWN_ROWS_ONLY,
        insert=Do({"mine": (insert("notice", person_id=":me", kind="'x'", params="'{}'", created_at="now()"), "")},
                  denied=ALL),  # written through va_notify()
        update=OWN_ROWS_ONLY,
        delete=OWN_ROWS_ONLY,
    ),
    Table(
        "import_mapping", {"one": "id = :mapping"}, "mapping = mapping",
        select=Do({"one": "coord_a coord_b"}, denied="vol vol_b admin nobody"),
        insert=Do({"new": (insert("import_mapping", kind="'volunteers'", header_key="'h2'", mapping="'{}'",
                                  updated_at="now()"), "coord_a coord_b")}, denied="vol vol_b admin nobody"),
        update=Do({"one": "coord_a coord_b"}, denied="vol vol_b admin nobody"),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "volunteer_profile", VOLUNTEERS_ROWS, "radius_km = radius_km",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            f"for_{who}": (insert("volunteer_profile", person_id=f":{who}", radius_km="5", languages="''",
                                  timezone="'UTC'", updated_at="now()"), allowed)
            for who, allowed in (("coord_a", "coord_a"), ("new_a", "coord_a"), ("nobody", "nobody"))
        }),
        update=OWN_ROWS_SEEN_BY_COORDINATORS,
        delete=OWN_ROWS_ONLY,
    ),
    Table(
        "volunteer_skill", VOLUNTEERS_ROWS, "level = level",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "for_me": (insert("volunteer_skill", person_id=":me", skill_id=":skill2", level="2"), ALL),
            "for_vol": (insert("volunteer_skill", person_id=":vol", skill_id=":skill2", level="2"), "vol coord_a"),
            "for_vol_b": (insert("volunteer_skill", person_id=":vol_b", skill_id=":skill2", level="2"),
                          "vol_b coord_b"),
        }),
        update=OWN_ROWS_SEEN_BY_COORDINATORS,
        delete=OWN_ROWS_SEEN_BY_COORDINATORS,
    ),
    Table(
        "availability_slot", VOLUNTEERS_ROWS, "end_minute = end_minute",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "mine": (insert("availability_slot", person_id=":me", weekday="1", start_minute="60",
                            end_minute="120"), ALL),
            "vol_s": (insert("availability_slot", person_id=":vol", weekday="1", start_minute="60",
                             end_minute="120"), "vol"),
        }),
        update=OWN_ROWS_ONLY,
        delete=OWN_ROWS_ONLY,
    ),
    Table(
        "availability_exception", VOLUNTEERS_ROWS, "note = note",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "mine": (insert("availability_exception", person_id=":me", kind="'extra'", starts_at="now()",
                            ends_at=HOUR), ALL),
            "vol_s": (insert("availability_exception", person_id=":vol", kind="'extra'", starts_at="now()",
                             ends_at=HOUR), "vol"),
        }),
        update=OWN_ROWS_ONLY,
        delete=OWN_ROWS_ONLY,
    ),
    Table(
        "ledger_entry", {"A": "id = :ledger_a", "B": "id = :ledger_b"}, "facts = facts",
        select=Do({"A": "coord_a admin", "B": "coord_b admin"}, denied="vol vol_b nobody"),
        insert=Do({
            f"in_{org}{suffix}": (insert(
                "ledger_entry", organisation_id=f":org_{org.lower()}", seq="1000", action="'verify'",
                actor_id=actor, facts="'{}'", at="now()", prev_hash="'p'", entry_hash="'forged'"), allowed)
            for org, suffix, actor, allowed in (
                ("A", "", ":me", "coord_a"), ("B", "", ":me", "coord_b"), ("A", "_by_someone_else", ":not_me", ""),
            )
        }, denied="vol vol_b admin nobody"),
        update=EVERYONE_ELSE,
        delete=EVERYONE_ELSE,
    ),
    Table(
        "organisation_key", {"A": "organisation_id = :org_a", "B": "organisation_id = :org_b"},
        "created_at = created_at",
        select=Do({"A": ALL, "B": ALL}),
        insert=Do({"of_C": (insert("organisation_key", organisation_id=":org_c", public_key="'\\x01'",
                                   fingerprint="'fp-new'", created_at="now()"), "admin")},
                  denied="vol vol_b nobody"),
        update=Do({"A": "coord_a admin", "B": "coord_b admin"}, denied="vol vol_b nobody"),
        delete=Do({"A": "coord_a admin", "B": "coord_b admin"}, denied="vol vol_b nobody"),
    ),
    Table(
        "key_wrap", {"vol_personal": "id = :wrap_vol", "coord_a_personal": "id = :wrap_coord_a",
                     "coord_a_signing_A": "id = :signing_wrap_coord_a"},
        "nonce = nonce",
        # Wraps of shared keys are sealed to one person's key: colleagues see them, nobody else opens them.
        select=Do({"vol_personal": "vol", "coord_a_personal": "coord_a",
                   "coord_a_signing_A": "coord_a coord_b admin"}),
        insert=Do({
            "mine": (_key_wrap(":me", "'test:mine'"), ALL),
            "signing_A_for_vol": (_key_wrap(":vol", ":signing_a"), "vol coord_a admin"),
            "signing_B_for_vol": (_key_wrap(":vol", ":signing_b"), "vol coord_b admin"),
            "vol_id_numbers_for_coord_b": (_key_wrap(":coord_b", ":id_numbers_vol"), "vol coord_a coord_b admin"),
            "personal_for_someone_else": (_key_wrap(":not_me", "'personal'"), ""),
        }),
        update=Do({"vol_personal": "vol", "coord_a_personal": "coord_a", "coord_a_signing_A": "coord_a"}),
        delete=Do({"vol_personal": "vol", "coord_a_personal": "coord_a", "coord_a_signing_A": "coord_a admin"}),
    ),
    Table(
        "trusted_key", {"one": "id = :trusted_key"}, "organisation_name = organisation_name",
        select=Do({"one": ALL}),
        insert=Do({"new": (insert("trusted_key", fingerprint="'ef'", organisation_name="'Other'",
                                  public_key="'\\x00'", added_by_id=":me", added_at="now()"),
                           "coord_a coord_b admin")}, denied="vol vol_b nobody"),
        update=EVERYONE_ELSE,
        delete=Do({"one": "coord_a coord_b admin"}, denied="vol vol_b nobody"),
    ),
    Table(
        "certificate", {"vol": "id = :certificate_vol", "vol_b": "id = :certificate_vol_b"}, "language = language",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            f"{name}": (insert(
                "certificate", number="'C-new'", organisation_id=":org_a", person_id=person,
                period_from="'2030-01-01'", period_to="'2030-01-31'", minutes="60", language="'zh'",
                payload="'VA1:y'", record_ids="'{}'", issued_by_id=issuer, issued_at="now()", requested="false"),
                allowed)
            for name, person, issuer, allowed in (
                ("for_vol_in_A", ":vol", ":me", "coord_a"),
                ("for_me_in_A", ":me", ":me", ""),
                ("for_vol_in_A_issued_by_someone_else", ":vol", ":not_me", ""),
            )
        }, denied="vol vol_b admin nobody"),
        update=Do({"vol": "coord_a", "vol_b": "coord_b"}, denied="vol vol_b admin nobody"),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "certificate_request", {"vol": "id = :cert_request_vol", "vol_b": "id = :cert_request_vol_b"},
        "language = language",
        select=OWN_ROWS_SEEN_BY_COORDINATORS,
        insert=Do({
            "mine": (insert("certificate_request", person_id=":me", organisation_id=":org_a",
                            period_from="'2030-01-01'", period_to="'2030-02-01'", language="'zh'",
                            created_at="now()"), ALL),
            "vol_s": (insert("certificate_request", person_id=":vol", organisation_id=":org_a",
                             period_from="'2030-01-01'", period_to="'2030-02-01'", language="'zh'",
                             created_at="now()"), "vol"),
            "mine_already_answered": (insert(
                "certificate_request", person_id=":me", organisation_id=":org_a", period_from="'2030-01-01'",
                period_to="'2030-02-01'", language="'zh'", created_at="now()",
                certificate_id=":certificate_vol"), ""),
        }),
        update=Do({"vol": "coord_a", "vol_b": "coord_b"}, denied="vol vol_b admin nobody"),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "imported_statement", VOLUNTEERS_ROWS, "minutes = minutes",
        select=OWN_ROWS_ONLY,
        insert=Do({
            f"{name}": (insert(
                "imported_statement", person_id=person, organisation_name="'Elsewhere'", fingerprint="'new'",
                minutes="30", period_from="'2030-02-01'", period_to="'2030-02-28'", content="'{}'",
                imported_at="now()"), allowed)
            for name, person, allowed in (("mine", ":me", ALL), ("vol_s", ":vol", "vol"))
        }),
        update=Do({"vol": ""}, denied=ALL),
        delete=OWN_ROWS_ONLY,
    ),
    Table(
        "audit_event", {"vol": "id = :audit_vol", "vol_b": "id = :audit_vol_b", "admin": "id = :audit_admin"},
        "action = action",
        select=Do({"vol": "vol admin", "vol_b": "vol_b admin", "admin": "admin"}),
        insert=Do({"mine": (insert("audit_event", at="now()", actor_id=":me", action="'forged'", entity="'x'",
                                   details="'{}'"), "")}, denied=ALL),  # written through va_audit()
        update=EVERYONE_ELSE,
        delete=EVERYONE_ELSE,
    ),
    Table(
        "geocode_cache", {"one": "id = :geocode"}, "payload = payload",
        select=Do({"one": ALL}),
        insert=Do({"new": (insert("geocode_cache", provider="'offline'", query_key="'q2'", payload="'{}'",
                                  created_at="now()"), ALL)}),
        update=Do({"one": ALL}),
        delete=EVERYONE_ELSE,
    ),
    Table(
        "server_login", {"vol": "person_id = :vol", "coord_a": "person_id = :coord_a"}, "role_name = role_name",
        select=Do({"vol": "vol admin", "coord_a": "coord_a admin"}),
        insert=Do({"forged": (insert("server_login", role_name="'x_u_forged'", person_id=":me"), "")}, denied=ALL),
        update=EVERYONE_ELSE,
        delete=EVERYONE_ELSE,
    ),
    Table(
        "alembic_version", {"head": "true"}, "version_num = version_num",
        select=Do({"head": ALL}),
        insert=Do({"other": (insert("alembic_version", version_num="'9999'"), "")}, denied=ALL),
        update=EVERYONE_ELSE,
        delete=EVERYONE_ELSE,
    ),
]
# fmt: on
TABLE = {t.name: t for t in TABLES}


def _targets(table: Table, command: str) -> list[str]:
    spec: Do = getattr(table, command)
    if spec.targets or command != "select":
        return list(spec.targets) or list(table.rows)[:1]
    return list(table.rows)


def matrix() -> Iterator[Any]:
    for table in TABLES:
        for command in COMMANDS:
            spec: Do = getattr(table, command)
            for role in ROLES:
                if role in spec.denied.split():
                    yield pytest.param(
                        role, table.name, command, "", "denied", id=f"{role}-{table.name}-{command.upper()}-denied"
                    )
                    continue
                for target in spec.targets:
                    expected = "ok" if role in table.allowed(command, target) else REFUSED[command]
                    yield pytest.param(
                        role,
                        table.name,
                        command,
                        target,
                        expected,
                        id=f"{role}-{table.name}-{command.upper()}-{target}-{expected}",
                    )


def _params(world: World, role: str, sql: str) -> dict[str, Any]:
    ids = world.ids
    values: dict[str, Any] = dict(ids)
    values["me"] = ids[role]
    values["not_me"] = ids["vol_b"] if role != "vol_b" else ids["vol"]
    values["signing_a"] = f"org-signing:{ids['org_a']}"
    values["signing_b"] = f"org-signing:{ids['org_b']}"
    values["id_numbers_vol"] = f"id-numbers:person:{ids['vol']}"
    return {name: values[name] for name in set(_PARAM.findall(sql))}


_PARAM = re.compile(r"(?<![:\w]):(\w+)")


def attempt(world: World, role: str, sql: str) -> str:
    """Run ``sql`` as ``role`` in a transaction that is rolled back; say how it went."""
    with world.engine(role).connect() as conn:
        transaction = conn.begin()
        try:
            result = conn.execute(text(sql), _params(world, role, sql))
            if sql.startswith("SELECT"):
                return "ok" if result.scalar_one() > 0 else "hidden"
            return "ok" if result.rowcount > 0 else "none"
        except DBAPIError as exc:
            return _refusal(exc)
        finally:
            transaction.rollback()


def _refusal(exc: DBAPIError) -> str:
    message = str(exc.orig)
    if "permission denied" in message:
        return "denied"
    if "violates row-level security policy" in message:
        return "rls"
    if "append-only" in message:
        return "append_only"
    raise exc


def test_the_matrix_covers_every_table_and_command() -> None:
    assert sorted(TABLE) == sorted(RULES)
    for table in TABLES:
        for command in COMMANDS:
            spec: Do = getattr(table, command)
            assert spec.targets or spec.denied.split() == list(ROLES), (table.name, command)
            for role in spec.denied.split():
                assert role in ROLES
            for target in spec.targets:
                assert table.allowed(command, target) <= set(ROLES), (table.name, command, target)


@pytest.mark.parametrize(("role", "table", "command", "target", "expected"), list(matrix()))
def test_matrix(world: World, role: str, table: str, command: str, target: str, expected: str) -> None:
    spec = TABLE[table]
    targets = [target] if target else list(getattr(spec, command).targets) or list(spec.rows)[:1]
    for each in targets:
        got = attempt(world, role, spec.statement(command, each))
        assert got == expected, f"{role} {command.upper()} on {table} ({each or 'any row'}): {got}, not {expected}"


# --------------------------------------------------------------------------- the key rules, one by one


def rows(world: World, role: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """``sql``'s rows as ``role`` (in a transaction that is rolled back)."""
    with world.engine(role).connect() as conn:
        transaction = conn.begin()
        try:
            return [tuple(r) for r in conn.execute(text(sql), params)]
        finally:
            transaction.rollback()


def as_role(world: World, role: str, *statements: str, **params: Any) -> list[Any]:
    """Run ``statements`` in one transaction as ``role`` (rolled back); each one's rowcount or first value."""
    out: list[Any] = []
    with world.engine(role).connect() as conn:
        transaction = conn.begin()
        try:
            for sql in statements:
                result = conn.execute(text(sql), params)
                out.append(result.scalar() if result.returns_rows else result.rowcount)
        finally:
            transaction.rollback()
    return out


def refusal(world: World, role: str, *statements: str, **params: Any) -> str:
    try:
        as_role(world, role, *statements, **params)
    except DBAPIError as exc:
        return _refusal(exc)
    return "accepted"


@pytest.mark.parametrize(
    "table",
    [
        "signup",
        "service_record",
        "hours_request",
        "volunteer_profile",
        "volunteer_skill",
        "availability_slot",
        "availability_exception",
        "notice",
        "certificate_request",
        "imported_statement",
    ],
)
def test_a_volunteer_sees_only_their_own_rows(world: World, table: str) -> None:
    for role in ("vol", "vol_b"):
        seen = {r[0] for r in rows(world, role, f"SELECT DISTINCT person_id FROM {table}")}
        assert seen == {world.person(role)}, f"{role} sees {table} rows of {seen}"


def test_a_volunteer_reads_no_home_but_their_own(world: World) -> None:
    assert rows(world, "vol", "SELECT home_address FROM volunteer_profile") == [("vol's home, 1 Private Lane",)]
    assert rows(world, "vol", "SELECT * FROM volunteer_profile WHERE person_id = :p", p=world.ids["vol_b"]) == []


@pytest.mark.parametrize("role", ["vol", "vol_b", "nobody"])
@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO service_record (person_id, organisation_id, activity, started_at, ended_at, credited_minutes, "
        "status, created_by_id) VALUES (:me, :org_a, 'x', now() - interval '1 hour', now(), 60, 'pending', :me)",
        "UPDATE service_record SET credited_minutes = 600 WHERE person_id = :me",
        "UPDATE service_record SET status = 'verified', decided_by_id = :coord_a, decided_at = now() "
        "WHERE person_id = :me AND status = 'pending'",
        "DELETE FROM service_record WHERE person_id = :me",
        "INSERT INTO ledger_entry (organisation_id, seq, action, facts, at, prev_hash, entry_hash) "
        "VALUES (:org_a, 99, 'verify', '{}', now(), 'p', 'h')",
        "UPDATE ledger_entry SET facts = '{}'",
        "INSERT INTO audit_event (at, actor_id, action, entity, details) VALUES (now(), :me, 'x', 'y', '{}')",
        "UPDATE audit_event SET action = 'x' WHERE actor_id = :me",
        "DELETE FROM audit_event WHERE actor_id = :me",
    ],
    ids=[
        "insert-record",
        "change-minutes",
        "verify-own",
        "delete-record",
        "insert-ledger",
        "update-ledger",
        "insert-audit",
        "update-audit",
        "delete-audit",
    ],
)
def test_a_volunteer_cannot_write_hours_ledger_or_audit(world: World, role: str, statement: str) -> None:
    assert (
        refusal(world, role, statement, me=world.person(role), org_a=world.ids["org_a"], coord_a=world.ids["coord_a"])
        == "denied"
    )


@pytest.mark.parametrize("column", ["is_admin", "is_active", "email", "created_by_id"])
def test_a_person_cannot_change_their_own_standing(world: World, column: str) -> None:
    value = {"is_admin": "true", "is_active": "true", "email": "'x@example.org'", "created_by_id": "NULL"}[column]
    for role in ("vol", "coord_a", "nobody"):
        got = refusal(world, role, f"UPDATE person SET {column} = {value} WHERE id = :me", me=world.person(role))
        assert got == "denied", f"{role} may set their own {column}"
    # Their name and phone are theirs to change.
    assert as_role(world, "vol", "UPDATE person SET phone = '123' WHERE id = :me", me=world.person("vol")) == [1]


@pytest.mark.parametrize("role", ROLES)
def test_nobody_reads_a_password_hash_not_even_their_own(world: World, role: str) -> None:
    me = world.person(role)
    assert refusal(world, role, "SELECT password_hash FROM person WHERE id = :me", me=me) == "denied"
    assert refusal(world, role, "SELECT * FROM person WHERE id = :me", me=me) == "denied"
    assert refusal(world, role, "SELECT id FROM person WHERE password_hash LIKE '$%'") == "denied"


def test_a_coordinator_sees_the_volunteers_of_their_own_organisation_only(world: World) -> None:
    ids = world.ids
    for role, own, other in (("coord_a", "vol", "vol_b"), ("coord_b", "vol_b", "vol")):
        profiles = {r[0] for r in rows(world, role, "SELECT person_id FROM volunteer_profile")}
        assert profiles == {ids[own]}
        people = {r[0] for r in rows(world, role, "SELECT id FROM person")}
        assert ids[own] in people and ids[other] not in people
        for table in ("volunteer_skill", "availability_slot", "availability_exception", "signup", "service_record"):
            seen = {r[0] for r in rows(world, role, f"SELECT person_id FROM {table}")}
            assert ids[other] not in seen and ids[own] in seen, (role, table, seen)


def test_a_coordinator_changes_only_their_own_organisations_tasks(world: World) -> None:
    ids = world.ids
    changed = as_role(
        world,
        "coord_a",
        "UPDATE task SET title = 'Renamed'",
        "SELECT count(*) FROM task WHERE title = 'Renamed' AND organisation_id <> :org_a",
        org_a=ids["org_a"],
    )
    assert changed == [2, 0]  # the open task and the draft of A, nothing of B
    # Moving a task to another organisation is refused as a new row outside the policy.
    assert (
        refusal(
            world,
            "coord_a",
            "UPDATE task SET organisation_id = :org_b WHERE id = :t",
            org_b=ids["org_b"],
            t=ids["task_a"],
        )
        == "rls"
    )
    assert as_role(world, "coord_a", "DELETE FROM task WHERE id = :t", t=ids["draft_b"]) == [0]


def test_a_coordinator_cannot_decide_their_own_hours(world: World) -> None:
    ids = world.ids
    decide = "UPDATE service_record SET status = 'verified', decided_by_id = :me, decided_at = now() WHERE id = :r"
    assert as_role(world, "coord_a", decide, me=ids["coord_a"], r=ids["pending_coord_a"]) == [0]
    # A record they make for themselves waits for a colleague; a decided one is refused.
    own = (
        "INSERT INTO service_record (person_id, organisation_id, occurrence_id, started_at, ended_at, "
        "credited_minutes, status, created_by_id, decided_by_id, decided_at, created_at) VALUES (:me, :org_a, :occ, "
        "now() - interval '1 hour', now(), 60, :status, :me, :decider, :at, now())"
    )
    assert as_role(
        world,
        "coord_a",
        own,
        me=ids["coord_a"],
        org_a=ids["org_a"],
        occ=ids["occ_a"],
        status="pending",
        decider=None,
        at=None,
    ) == [1]
    assert (
        refusal(
            world,
            "coord_a",
            own,
            me=ids["coord_a"],
            org_a=ids["org_a"],
            occ=ids["occ_a"],
            status="verified",
            decider=ids["coord_a"],
            at=datetime.now(UTC),
        )
        == "rls"
    )
    # A volunteer's pending hours they may decide, once.
    assert as_role(world, "coord_a", decide, me=ids["coord_a"], r=ids["pending_vol"]) == [1]
    assert as_role(world, "coord_a", decide, me=ids["coord_a"], r=ids["verified_vol"]) == [0]
    # ... and only in their own organisation.
    assert as_role(world, "coord_b", decide, me=ids["coord_b"], r=ids["pending_vol"]) == [0]


def test_a_coordinator_cannot_forge_who_decided_or_made(world: World) -> None:
    ids = world.ids
    forged_decider = (
        "UPDATE service_record SET status = 'verified', decided_by_id = :other, decided_at = now() WHERE id = :r"
    )
    assert refusal(world, "coord_a", forged_decider, other=ids["coord_b"], r=ids["pending_vol"]) == "rls"
    forged_maker = (
        "INSERT INTO service_record (person_id, organisation_id, occurrence_id, started_at, ended_at, "
        "credited_minutes, status, created_by_id, created_at) VALUES (:vol, :org_a, :occ, "
        "now() - interval '1 hour', now(), 60, 'pending', :other, now())"
    )
    assert (
        refusal(
            world, "coord_a", forged_maker, vol=ids["vol"], org_a=ids["org_a"], occ=ids["occ_a"], other=ids["coord_b"]
        )
        == "rls"
    )
    forged_request = (
        "UPDATE hours_request SET status = 'declined', decided_by_id = :other, decided_at = now(), "
        "decision_reason = 'no' WHERE id = :r"
    )
    assert refusal(world, "coord_a", forged_request, other=ids["coord_b"], r=ids["request_vol"]) == "rls"
    assert as_role(world, "coord_a", forged_request, other=ids["coord_a"], r=ids["request_vol"]) == [1]
    forged_entry = (
        "INSERT INTO ledger_entry (organisation_id, seq, action, actor_id, facts, at, prev_hash, "
        "entry_hash) VALUES (:org_a, 99, 'verify', :other, '{}', now(), 'p', 'h')"
    )
    assert refusal(world, "coord_a", forged_entry, org_a=ids["org_a"], other=ids["coord_b"]) == "rls"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("table", ["ledger_entry", "audit_event"])
def test_nobody_updates_or_deletes_ledger_entries_or_audit_rows(world: World, role: str, table: str) -> None:
    for statement in (f"UPDATE {table} SET at = at", f"DELETE FROM {table}", f"TRUNCATE {table}"):
        assert refusal(world, role, statement) == "denied", (role, statement)


def test_even_the_owner_cannot_change_the_audit_trail(world: World) -> None:
    db = Database(world.server.url)
    try:
        for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
            with db.engine.connect() as conn, conn.begin() as transaction:
                conn.execute(text(f"SET LOCAL ROLE {world.server.roles.owner}"))
                with pytest.raises(DBAPIError, match="append-only"):
                    conn.execute(text(statement))
                transaction.rollback()
    finally:
        db.dispose()


def test_the_site_admin_sees_no_homes_skills_or_free_hours(world: World) -> None:
    for table in ("volunteer_profile", "availability_slot", "availability_exception", "volunteer_skill"):
        assert rows(world, "admin", f"SELECT person_id FROM {table}") == [], table
    # ... nor anyone's service records or signups.
    for table in ("service_record", "signup"):
        assert rows(world, "admin", f"SELECT person_id FROM {table}") == [], table


def test_the_site_admin_manages_accounts_and_organisations(world: World) -> None:
    ids = world.ids
    got = as_role(
        world,
        "admin",
        "SELECT count(*) FROM person",
        "UPDATE person SET is_admin = true, display_name = 'Promoted' WHERE id = :vol",
        "UPDATE person SET is_active = false WHERE id = :vol_b",
        "INSERT INTO organisation (name, timezone, credit_step_minutes, credit_min_attendance_percent, "
        "credit_cap_to_stint, created_at) VALUES ('Admin Club', 'UTC', 1, 0, true, now())",
        "UPDATE organisation SET credit_step_minutes = 15 WHERE id = :org_a",
        "INSERT INTO membership (person_id, organisation_id, role, created_at) "
        "VALUES (:nobody, :org_b, 'coordinator', now())",
        "DELETE FROM membership WHERE person_id = :vol",
        "DELETE FROM organisation WHERE id = :org_c",
        vol=ids["vol"],
        vol_b=ids["vol_b"],
        nobody=ids["nobody"],
        org_a=ids["org_a"],
        org_b=ids["org_b"],
        org_c=ids["org_c"],
    )
    assert got == [len(EMAILS) + 1, 1, 1, 1, 1, 1, 1, 1]


def test_an_account_with_no_role_reads_only_what_everyone_reads(world: World) -> None:
    for table in ("signup", "service_record", "volunteer_profile", "hours_request", "notice", "audit_event"):
        assert rows(world, "nobody", f"SELECT 1 FROM {table}") == [], table
    assert len(rows(world, "nobody", "SELECT id FROM task WHERE status = 'open'")) == 3
    assert len(rows(world, "nobody", "SELECT id FROM organisation")) == 3


def test_a_login_outside_the_groups_reads_nothing(world: World) -> None:
    """PUBLIC: a login the server knows but ``server init`` never put in a group."""
    outsider = f"{world.server.roles.prefix}_outsider"
    db = Database(world.server.url)
    database = parse_url(world.server.url).database
    try:
        with db.engine.begin() as conn:
            conn.execute(text(f"CREATE ROLE {outsider} LOGIN PASSWORD 'outsider password 1'"))
        url = parse_url(world.server.desktop_url).set(username=outsider, password="outsider password 1")
        engine = create_engine(url)
        try:
            with pytest.raises(OperationalError, match="permission denied for database"):
                engine.connect().close()
            # Even let in at the door, every table stays shut.
            with db.engine.begin() as conn:
                conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {outsider}'))
            with engine.connect() as conn:
                for table in RULES:
                    with pytest.raises(DBAPIError, match="permission denied"), conn.begin_nested():
                        conn.execute(text(f"SELECT 1 FROM public.{table} LIMIT 1"))
                    conn.rollback()
        finally:
            engine.dispose()
    finally:
        with db.engine.begin() as conn:
            conn.execute(text(f'REVOKE CONNECT ON DATABASE "{database}" FROM {outsider}'))
            conn.execute(text(f"DROP ROLE {outsider}"))
        db.dispose()


def test_a_removed_persons_login_cannot_connect(shared: SharedServer) -> None:
    c = shared.community
    url = parse_url(shared.desktop_url).set(username=shared.login_of("vol@example.org"), password=PASSWORD)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:  # works before
            assert conn.scalar(text("SELECT va_me()")) == c.volunteer.person_id
        engine.dispose()
        admin_db = Database(shared.url)
        try:
            accounts.remove(admin_db, c.admin, "vol@example.org")
        finally:
            admin_db.dispose()
        with pytest.raises(OperationalError, match="is not permitted to log in"):
            engine.connect().close()
        with pytest.raises(InvalidCredentials):
            shared_server.sign_in(shared.desktop_url, "vol@example.org", PASSWORD)
    finally:
        engine.dispose()


def _verifier(conn: Connection, role: str, password: str) -> str:
    pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    return bytes(pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")).decode()


def test_a_volunteer_cannot_set_another_persons_password(world: World) -> None:
    ids = world.ids
    with world.engine("vol").connect() as conn:
        for victim in ("coord_a", "vol_b", "admin"):
            verifier = _verifier(conn, world.server.login_of(EMAILS[victim]), "stolen password 1")
            with conn.begin() as transaction:
                with pytest.raises(DBAPIError, match="permission denied to set the login"):
                    conn.execute(text("SELECT va_set_login(:p, :v)"), {"p": ids[victim], "v": verifier})
                transaction.rollback()
        for call in ("SELECT va_disable_login(:p)",):
            with conn.begin() as transaction:
                with pytest.raises(DBAPIError, match="only an administrator"):
                    conn.execute(text(call), {"p": ids["coord_a"]})
                transaction.rollback()
        # Their own, yes (a password change), and only as a SCRAM verifier, never in the clear.
        with conn.begin() as transaction:
            own = _verifier(conn, world.server.login_of(EMAILS["vol"]), "a new password 1")
            assert conn.scalar(
                text("SELECT va_set_login(:p, :v)"), {"p": ids["vol"], "v": own}
            ) == world.server.login_of(EMAILS["vol"])
            with pytest.raises(DBAPIError, match="SCRAM-SHA-256 verifier"), conn.begin_nested():
                conn.execute(text("SELECT va_set_login(:p, 'plain text')"), {"p": ids["vol"]})
            transaction.rollback()


def test_the_audit_function_forges_no_actor(world: World) -> None:
    ids = world.ids
    for role in ("vol", "coord_a", "admin"):
        actor = as_role(
            world,
            role,
            "SELECT va_audit(:other, 'forged.action', 'person', '1', '{}')",
            "SELECT actor_id FROM audit_event WHERE action = 'forged.action'",
            other=ids["coord_b"],
        )[1]
        assert actor == ids[role]


def test_the_helper_functions_show_only_what_they_must(world: World) -> None:
    ids = world.ids
    # Places left count everybody's signups, without saying whose.
    counts = rows(world, "vol", "SELECT * FROM va_place_counts(ARRAY[:a, :b])", a=ids["occ_a"], b=ids["occ_b"])
    assert sorted(counts) == [(ids["occ_a"], "confirmed", 1), (ids["occ_b"], "confirmed", 1)]
    # Busy times only of people one manages: a volunteer learns nothing of another.
    window = {"f": datetime(2000, 1, 1, tzinfo=UTC), "t": datetime(2100, 1, 1, tzinfo=UTC)}
    assert rows(world, "vol", "SELECT * FROM va_busy(ARRAY[:p], :f, :t)", p=ids["vol_b"], **window) == []
    assert len(rows(world, "coord_a", "SELECT * FROM va_busy(ARRAY[:p], :f, :t)", p=ids["vol"], **window)) == 1
    # Others' personal public keys, never their wrapped private key.
    keys = rows(world, "vol", "SELECT * FROM va_personal_keys(ARRAY[:p])", p=ids["coord_a"])
    assert [k[0] for k in keys] == [ids["coord_a"]] and len(keys[0]) == 2
    assert rows(world, "vol", "SELECT ciphertext FROM key_wrap WHERE person_id = :p", p=ids["coord_a"]) == []
