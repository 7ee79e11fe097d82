"""A shared PostgreSQL server: roles, per-person logins, grants and row-level security.

``volunteer-app server init`` runs ``initialise`` once with an owner or superuser login;
``server check`` runs ``check``. The rules themselves are written out in
docs/shared-server.md; this module is their SQL.

Roles (PostgreSQL roles are per cluster, so their names carry a prefix made from the
database's name, ``role_prefix``):

* ``<prefix>_owner``: owns every table and function and alone runs migrations. It may
  create roles (CREATEROLE) so the SECURITY DEFINER functions below can make logins.
* ``<prefix>_volunteers``: every person's login is in it; it holds the grants everyone needs.
* ``<prefix>_coordinators``: people who coordinate (or administer) an organisation; extra grants.
* ``<prefix>_admins``: site administrators; extra grants.
* ``<prefix>_u_<hash>``: one login per person, named from the email (``login_role``), so a
  desktop knows whom to log in as before it can read anything.

Which rows each person sees and changes is decided by policies that call the functions of
migration 0004 (``va_me()`` is the person behind the session's login), not by the group a
login is in: the groups only carry table privileges.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from volunteer_app.store.models import Base

#: Group roles, by the suffix of their name.
VOLUNTEERS, COORDINATORS, ADMINS = "volunteers", "coordinators", "admins"
GROUPS = (VOLUNTEERS, COORDINATORS, ADMINS)


def role_prefix(database: str) -> str:
    """The prefix of every role of ``database`` (also computed in SQL by ``va_login_name``)."""
    cleaned = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_")
    return (cleaned or "va")[:30]


def login_role(prefix: str, email: str) -> str:
    """The PostgreSQL login of the person with ``email`` (already normalised)."""
    return f"{prefix}_u_{hashlib.sha256(email.encode('utf-8')).hexdigest()[:16]}"


@dataclass(frozen=True)
class Roles:
    prefix: str

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    def group(self, name: str) -> str:
        return f"{self.prefix}_{name}"

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self.group(g) for g in GROUPS)


def roles_for(conn: Connection) -> Roles:
    return Roles(role_prefix(str(conn.scalar(text("SELECT current_database()")))))


# --------------------------------------------------------------------------- the rules

ME = "(SELECT va_me())"
ADMIN = "(SELECT va_is_admin())"
# Arrays as one-time sub-selects (computed once per statement, not per row); the cast keeps
# ``x = ANY (...)`` an array comparison rather than a comparison with a set of arrays.
COORDINATED = "(SELECT va_coordinated_orgs())::integer[]"
MANAGED = "(SELECT va_managed_people())::integer[]"
PUBLIC_PEOPLE = "(SELECT va_public_people())::integer[]"
ROSTER_PEOPLE = "(SELECT va_roster_people())::integer[]"
COORDINATES_ANY = f"cardinality({COORDINATED}) > 0"
MY_ORG = f"organisation_id = ANY ({COORDINATED})"
COORDINATED_OCCURRENCE = (
    "occurrence_id IN (SELECT o.id FROM task_occurrence o JOIN task t ON t.id = o.task_id "
    f"WHERE t.organisation_id = ANY ({COORDINATED}))"
)
COORDINATED_TASK = f"task_id IN (SELECT t.id FROM task t WHERE t.organisation_id = ANY ({COORDINATED}))"
# Organisations where the session's person holds the organisation's admin role (not only coordinator).
ORG_ADMIN = "(SELECT va_orgs_with_role(ARRAY['admin']))::integer[]"
# A signup on an occurrence anyone may take: its task open, the occurrence not cancelled.
OPEN_OCCURRENCE = (
    "occurrence_id IN (SELECT o.id FROM task_occurrence o JOIN task t ON t.id = o.task_id "
    "WHERE t.status::text = 'open' AND NOT o.is_cancelled)"
)
# A wrap of a shared key (not a personal one) that the session's person looks after: the signing
# key of an organisation they coordinate, or the ID-number key of someone they see as a member.
MY_SHARED_WRAP = (
    "(CASE WHEN purpose ~ '^org-signing:[0-9]{1,9}$' "
    f"THEN split_part(purpose, ':', 2)::integer = ANY ({COORDINATED}) "
    "WHEN purpose ~ '^id-numbers:person:[0-9]{1,9}$' "
    f"THEN split_part(purpose, ':', 3)::integer = ANY ({MANAGED}) ELSE false END)"
)


@dataclass(frozen=True)
class Rule:
    """Privileges per group (``"volunteers": "SELECT, INSERT"``) and policies per command."""

    grants: dict[str, str]
    select: str | None = None
    insert: str | None = None
    update: str | None = None  # USING and WITH CHECK
    delete: str | None = None
    update_check: str | None = None  # WITH CHECK when it differs from ``update``


_PERSON_COLUMNS = "id, email, display_name, phone, is_admin, is_active, created_at, created_by_id"

RULES: dict[str, Rule] = {
    "organisation": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "UPDATE", ADMINS: "INSERT, UPDATE, DELETE"},
        select="true",
        insert=ADMIN,
        # Settings are the organisation admins' (services/organisations.may_edit_settings), not coordinators'.
        update=f"{ADMIN} OR id = ANY ({ORG_ADMIN})",
        delete=ADMIN,
    ),
    "person": Rule(
        {
            # password_hash is nobody's to read but the owner's (the login checks passwords).
            VOLUNTEERS: f"SELECT ({_PERSON_COLUMNS}), UPDATE (display_name, phone, password_hash)",
            COORDINATORS: "INSERT",
            ADMINS: "INSERT, UPDATE",
        },
        # Names and contacts (never homes): oneself, the members and the people on the tasks of the
        # organisations one coordinates, everyone who coordinates somewhere, accounts one made.
        select=(
            f"id = {ME} OR {ADMIN} OR id = ANY ({MANAGED}) OR id = ANY ({ROSTER_PEOPLE}) "
            f"OR id = ANY ({PUBLIC_PEOPLE}) OR created_by_id = {ME}"
        ),
        insert=f"{ADMIN} OR ({COORDINATES_ANY} AND created_by_id = {ME} AND NOT is_admin)",
        update=f"id = {ME} OR {ADMIN}",
    ),
    "membership": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, DELETE", ADMINS: "INSERT, UPDATE, DELETE"},
        select=f"person_id = {ME} OR {ADMIN} OR {MY_ORG} OR role::text IN ('coordinator', 'admin')",
        # Roles are given and taken by site and organisation admins; a coordinator adds volunteers (an import).
        insert=f"{ADMIN} OR organisation_id = ANY ({ORG_ADMIN}) OR ({MY_ORG} AND role::text = 'volunteer')",
        update=ADMIN,
        delete=f"{ADMIN} OR organisation_id = ANY ({ORG_ADMIN})",
    ),
    "skill": Rule(
        # The catalogue is the site's (the app never adds to it on a person's behalf).
        {VOLUNTEERS: "SELECT", ADMINS: "INSERT, UPDATE, DELETE"},
        select="true",
        insert=ADMIN,
        update=ADMIN,
        delete=ADMIN,
    ),
    "task": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE, DELETE"},
        select=f"status::text = 'open' OR {MY_ORG} OR id = ANY ((SELECT va_my_tasks())::integer[])",
        insert=f"{MY_ORG} AND (created_by_id IS NULL OR created_by_id = {ME})",
        update=MY_ORG,
        delete=MY_ORG,
    ),
    "task_skill": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE, DELETE"},
        select="task_id IN (SELECT t.id FROM task t)",
        insert=COORDINATED_TASK,
        update=COORDINATED_TASK,
        delete=COORDINATED_TASK,
    ),
    "task_occurrence": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE, DELETE"},
        select="task_id IN (SELECT t.id FROM task t)",
        insert=COORDINATED_TASK,
        update=COORDINATED_TASK,
        delete=COORDINATED_TASK,
    ),
    "signup": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = {ME} OR {COORDINATED_OCCURRENCE}",
        # Oneself on an open task, or anyone on one's organisations' tasks; made by oneself.
        insert=(
            f"((person_id = {ME} AND {OPEN_OCCURRENCE}) OR {COORDINATED_OCCURRENCE}) "
            f"AND (created_by_id IS NULL OR created_by_id = {ME})"
        ),
        update=f"person_id = {ME} OR {COORDINATED_OCCURRENCE}",
        delete=f"person_id = {ME} OR {COORDINATED_OCCURRENCE}",
    ),
    "service_record": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE"},
        select=f"person_id = {ME} OR {MY_ORG}",
        # A coordinator records hours for their organisations (pending: a decision is an update, with
        # its ledger entry) and decides them, never their own; a decided record is never changed.
        insert=f"{MY_ORG} AND created_by_id = {ME} AND status::text = 'pending' AND decided_by_id IS NULL",
        update=f"{MY_ORG} AND person_id <> {ME} AND status::text = 'pending'",
        update_check=f"{MY_ORG} AND person_id <> {ME} AND (decided_by_id IS NULL OR decided_by_id = {ME})",
    ),
    "hours_request": Rule(
        {VOLUNTEERS: "SELECT, INSERT", COORDINATORS: "UPDATE"},
        select=f"person_id = {ME} OR {MY_ORG}",
        insert=f"person_id = {ME} AND status::text = 'open' AND decided_by_id IS NULL AND correction_id IS NULL",
        update=f"{MY_ORG} AND person_id <> {ME}",
        update_check=f"{MY_ORG} AND person_id <> {ME} AND (decided_by_id IS NULL OR decided_by_id = {ME})",
    ),
    "notice": Rule(
        # Anyone's notices are written through va_notify(); each person reads and marks their own.
        {VOLUNTEERS: "SELECT, UPDATE, DELETE"},
        select=f"person_id = {ME}",
        update=f"person_id = {ME}",
        delete=f"person_id = {ME}",
    ),
    "import_mapping": Rule(
        {COORDINATORS: "SELECT, INSERT, UPDATE"},
        select=COORDINATES_ANY,
        insert=COORDINATES_ANY,
        update=COORDINATES_ANY,
    ),
    "volunteer_profile": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = ANY ({MANAGED})",
        insert=f"person_id = ANY ({MANAGED})",
        update=f"person_id = ANY ({MANAGED})",
        delete=f"person_id = {ME}",
    ),
    "volunteer_skill": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = ANY ({MANAGED})",
        insert=f"person_id = ANY ({MANAGED})",
        update=f"person_id = ANY ({MANAGED})",
        delete=f"person_id = ANY ({MANAGED})",
    ),
    "availability_slot": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = ANY ({MANAGED})",
        insert=f"person_id = {ME}",
        update=f"person_id = {ME}",
        delete=f"person_id = {ME}",
    ),
    "availability_exception": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = ANY ({MANAGED})",
        insert=f"person_id = {ME}",
        update=f"person_id = {ME}",
        delete=f"person_id = {ME}",
    ),
    "ledger_entry": Rule(
        {COORDINATORS: "SELECT, INSERT", ADMINS: "SELECT"},
        select=f"{MY_ORG} OR {ADMIN}",
        insert=f"{MY_ORG} AND actor_id = {ME}",
    ),
    "organisation_key": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE, DELETE", ADMINS: "INSERT, UPDATE, DELETE"},
        select="true",
        insert=f"{ADMIN} OR {MY_ORG}",
        update=f"{ADMIN} OR {MY_ORG}",
        delete=f"{ADMIN} OR {MY_ORG}",
    ),
    "key_wrap": Rule(
        # A personal wrap is opened by its owner's password: nobody else reads it (no offline guessing);
        # others' public keys come from va_personal_keys(). Wraps of shared keys are sealed to one
        # person's key, so colleagues may see and replace them when they share or revoke.
        {VOLUNTEERS: "SELECT, INSERT, UPDATE, DELETE"},
        select=f"person_id = {ME} OR (purpose <> 'personal' AND ({COORDINATES_ANY} OR {ADMIN}))",
        insert=f"person_id = {ME} OR (purpose <> 'personal' AND ({ADMIN} OR {MY_SHARED_WRAP}))",
        update=f"person_id = {ME}",
        delete=f"person_id = {ME} OR (purpose <> 'personal' AND ({ADMIN} OR {MY_SHARED_WRAP}))",
    ),
    "trusted_key": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, DELETE", ADMINS: "INSERT, DELETE"},
        select="true",
        insert=f"{COORDINATES_ANY} OR {ADMIN}",
        delete=f"{COORDINATES_ANY} OR {ADMIN}",
    ),
    "certificate": Rule(
        {VOLUNTEERS: "SELECT", COORDINATORS: "INSERT, UPDATE"},
        select=f"person_id = {ME} OR {MY_ORG}",
        insert=f"{MY_ORG} AND issued_by_id = {ME} AND person_id <> {ME}",
        update=f"{MY_ORG} AND person_id <> {ME}",
        update_check=f"{MY_ORG} AND person_id <> {ME} AND (revoked_by_id IS NULL OR revoked_by_id = {ME})",
    ),
    "certificate_request": Rule(
        {VOLUNTEERS: "SELECT, INSERT", COORDINATORS: "UPDATE"},
        select=f"person_id = {ME} OR {MY_ORG}",
        insert=f"person_id = {ME} AND certificate_id IS NULL AND declined_reason IS NULL",
        update=f"{MY_ORG} AND person_id <> {ME}",
    ),
    "imported_statement": Rule(
        {VOLUNTEERS: "SELECT, INSERT, DELETE"},
        select=f"person_id = {ME}",
        insert=f"person_id = {ME}",
        delete=f"person_id = {ME}",
    ),
    "audit_event": Rule(
        # Written only through va_audit(), which names the session's person as the actor.
        {VOLUNTEERS: "SELECT"},
        select=f"actor_id = {ME} OR {ADMIN}",
    ),
    "geocode_cache": Rule(
        {VOLUNTEERS: "SELECT, INSERT, UPDATE"},
        select="true",
        insert="true",
        update="true",
    ),
    "server_login": Rule(
        {VOLUNTEERS: "SELECT"},
        select=f"person_id = {ME} OR {ADMIN}",
    ),
    "alembic_version": Rule({VOLUNTEERS: "SELECT"}, select="true"),
}

#: Functions every login may call (the policies call most of them; the app calls the rest).
PUBLIC_FUNCTIONS = (
    "va_me()",
    "va_is_admin()",
    "va_orgs_with_role(text[])",
    "va_coordinated_orgs()",
    "va_member_orgs()",
    "va_managed_people()",
    "va_public_people()",
    "va_coordinated_occurrences()",
    "va_my_tasks()",
    "va_task_visible(integer, integer, text)",
    "va_audit(integer, text, text, text, text)",
    "va_place_counts(integer[])",
    "va_busy(integer[], timestamptz, timestamptz)",
    "va_lock(integer, integer[])",
    "va_notify(integer, text, text, integer)",
    "va_personal_keys(integer[])",
    "va_queue_positions(integer[])",
    "va_account_ids(text[])",
    "va_site_admins()",
    "va_roster_people()",
    "va_lock_with_waitlist(integer, integer[], integer)",
    "va_offer_freed_place(integer, timestamptz)",
    "va_login_name(text)",
    "va_set_login(integer, text)",
    "va_disable_login(integer)",
    "va_sync_groups(integer)",
)

_COMMANDS = ("select", "insert", "update", "delete")


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain PostgreSQL name: {name!r}")
    return f'"{name}"'


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}))


def is_initialised(conn: Connection) -> bool:
    """Whether ``server init`` has made this database's roles (a plain PostgreSQL database has none)."""
    if conn.dialect.name != "postgresql":
        return False
    roles = roles_for(conn)
    return all(_role_exists(conn, name) for name in (roles.owner, *roles.groups))


# Functions that need the role names: made by ``initialise`` (and again after each upgrade).
def _login_functions(roles: Roles) -> str:
    volunteers, coordinators, admins = (roles.group(g) for g in GROUPS)
    return rf"""
CREATE OR REPLACE FUNCTION va_login_name(p_email text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT '{roles.prefix}_u_' || left(encode(sha256(convert_to(p_email, 'UTF8')), 'hex'), 16)
$$;

-- Keeps a login's group roles in step with the person's memberships and site role.
CREATE OR REPLACE FUNCTION va_sync_groups(p_person integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    login text;
    coordinates boolean;
    administers boolean;
    active boolean;
BEGIN
    SELECT l.role_name INTO login FROM server_login l WHERE l.person_id = p_person;
    IF login IS NULL THEN RETURN; END IF;
    SELECT p.is_admin, p.is_active INTO administers, active FROM person p WHERE p.id = p_person;
    SELECT EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p_person
                   AND m.role::text IN ('coordinator', 'admin')) INTO coordinates;
    IF coordinates THEN EXECUTE format('GRANT %I TO %I', '{coordinators}', login);
    ELSE EXECUTE format('REVOKE %I FROM %I', '{coordinators}', login); END IF;
    IF administers THEN EXECUTE format('GRANT %I TO %I', '{admins}', login);
    ELSE EXECUTE format('REVOKE %I FROM %I', '{admins}', login); END IF;
    IF NOT active THEN EXECUTE format('ALTER ROLE %I NOLOGIN', login); END IF;
END $$;

-- Creates or changes a person's login. The password arrives as a SCRAM verifier computed by
-- the client (libpq), never in the clear. Allowed for the owner, a site administrator, the
-- person themselves (a password change), and whoever made the account before its first login.
CREATE OR REPLACE FUNCTION va_set_login(p_person integer, p_verifier text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me integer := va_me();
    login text;
    made_by integer;
    had_login boolean;
BEGIN
    IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'a login password must be a SCRAM-SHA-256 verifier';
    END IF;
    SELECT va_login_name(p.email), p.created_by_id INTO login, made_by FROM person p WHERE p.id = p_person;
    IF login IS NULL THEN RAISE EXCEPTION 'no person %', p_person; END IF;
    had_login := EXISTS (SELECT 1 FROM server_login l WHERE l.person_id = p_person);
    IF NOT (me IS NULL OR va_is_admin() OR me = p_person OR (made_by = me AND NOT had_login)) THEN
        RAISE EXCEPTION 'permission denied to set the login of person %', p_person
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', login, p_verifier);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, p_verifier, '{volunteers}');
    END IF;
    INSERT INTO server_login (role_name, person_id) VALUES (login, p_person)
        ON CONFLICT (person_id) DO UPDATE SET role_name = excluded.role_name;
    PERFORM va_sync_groups(p_person);
    RETURN login;
END $$;

CREATE OR REPLACE FUNCTION va_disable_login(p_person integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE login text;
BEGIN
    IF NOT (va_me() IS NULL OR va_is_admin()) THEN
        RAISE EXCEPTION 'only an administrator disables a login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT l.role_name INTO login FROM server_login l WHERE l.person_id = p_person;
    IF login IS NOT NULL THEN EXECUTE format('ALTER ROLE %I NOLOGIN', login); END IF;
END $$;
"""


def _policy_sql(table: str, rule: Rule, roles: Roles) -> list[str]:
    statements = [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"REVOKE ALL ON {table} FROM PUBLIC",
        *(f"REVOKE ALL ON {table} FROM {_ident(roles.group(g))}" for g in GROUPS),
    ]
    for group, privileges in rule.grants.items():
        statements.append(f"GRANT {privileges} ON {table} TO {_ident(roles.group(group))}")
    everyone = _ident(roles.group(VOLUNTEERS))
    for command in _COMMANDS:
        name = f"va_{command}"
        statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        expression = getattr(rule, command)
        if expression is None:
            continue
        if command == "select" or command == "delete":
            clause = f"USING ({expression})"
        elif command == "insert":
            clause = f"WITH CHECK ({expression})"
        else:
            clause = f"USING ({expression}) WITH CHECK ({rule.update_check or expression})"
        statements.append(f"CREATE POLICY {name} ON {table} FOR {command.upper()} TO {everyone} {clause}")
    return statements


def _functions_sql(roles: Roles) -> list[str]:
    everyone = _ident(roles.group(VOLUNTEERS))
    statements = [_login_functions(roles)]
    for signature in PUBLIC_FUNCTIONS:
        statements.append(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        statements.append(f"GRANT EXECUTE ON FUNCTION {signature} TO {everyone}")
    return statements


@dataclass(frozen=True)
class InitReport:
    roles: Roles
    created: list[str]  # roles made by this run


def initialise(conn: Connection, *, owner_verifier: str | None) -> InitReport:
    """Make roles, hand everything to the owner, grant, and switch row-level security on.

    Runs as a superuser or a role with CREATEROLE that owns the database, inside one transaction,
    after the schema is at the newest revision. Idempotent: a second run changes nothing that the
    first made (an owner password given again is set again).
    """
    roles = roles_for(conn)
    database = str(conn.scalar(text("SELECT current_database()")))
    created: list[str] = []
    owner = _ident(roles.owner)
    if not _role_exists(conn, roles.owner):
        conn.execute(text(f"CREATE ROLE {owner} NOLOGIN CREATEROLE"))
        created.append(roles.owner)
    if owner_verifier is not None:
        conn.exec_driver_sql(f"ALTER ROLE {owner} LOGIN PASSWORD '{_verifier(owner_verifier)}'")  # no binds: $ and :
    for group in roles.groups:
        if not _role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {_ident(group)} NOLOGIN"))
            created.append(group)
        # The owner's functions add and remove people from the groups.
        conn.execute(text(f"GRANT {_ident(group)} TO {owner} WITH ADMIN OPTION"))
    # Whoever runs this keeps the right to act as the owner (to migrate without its password).
    conn.execute(text(f"GRANT {owner} TO CURRENT_USER"))
    # Nothing for anyone by default; the owner owns the database, its schema and every object.
    conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO {owner}'))
    conn.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC'))
    conn.execute(text(f"ALTER SCHEMA public OWNER TO {owner}"))
    conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    for group in roles.groups:
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {_ident(group)}'))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {_ident(group)}"))
    hand_over(conn, roles)
    apply_rules(conn, roles)
    return InitReport(roles, created)


def _verifier(value: str) -> str:
    if not value.startswith("SCRAM-SHA-256$") or "'" in value:
        raise ValueError("not a SCRAM-SHA-256 verifier")
    return value


def hand_over(conn: Connection, roles: Roles) -> None:
    """Every table, sequence, view and function of the schema to the owner."""
    owner = _ident(roles.owner)
    for (name,) in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")):
        conn.execute(text(f'ALTER TABLE public."{name}" OWNER TO {owner}'))
    for (name,) in conn.execute(text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")):
        conn.execute(text(f'ALTER SEQUENCE public."{name}" OWNER TO {owner}'))
    functions = conn.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND (p.proname LIKE 'va\\_%' OR p.proname LIKE '%\\_refuse\\_change')"
        )
    ).all()
    for (signature,) in functions:
        conn.execute(text(f"ALTER FUNCTION {signature} OWNER TO {owner}"))
    for (name,) in conn.execute(
        text(
            "SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = 'public' AND t.typtype = 'e'"
        )
    ):
        conn.execute(text(f'ALTER TYPE public."{name}" OWNER TO {owner}'))


def apply_rules(conn: Connection, roles: Roles | None = None) -> None:
    """(Re)make the login functions, grants and policies: after ``initialise`` and after each upgrade."""
    roles = roles or roles_for(conn)
    for statement in _functions_sql(roles):
        conn.execute(text(statement))
    for table in app_tables():
        for statement in _policy_sql(table, RULES[table], roles):
            conn.execute(text(statement))
    everyone = _ident(roles.group(VOLUNTEERS))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {everyone}"))


def app_tables() -> list[str]:
    return [*sorted(Base.metadata.tables), "alembic_version"]


# --------------------------------------------------------------------------- check


def check(conn: Connection) -> list[str]:
    """What ``server init`` would still have to do, one line each (empty: all in place)."""
    problems: list[str] = []
    if conn.dialect.name != "postgresql":
        return ["a shared server is a PostgreSQL database; this one is SQLite"]
    roles = roles_for(conn)
    for name in (roles.owner, *roles.groups):
        if not _role_exists(conn, name):
            problems.append(f"role {name} is missing")
    owners: dict[str, str] = {
        str(t): str(o)
        for t, o in conn.execute(text("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'"))
    }
    security: dict[str, bool] = {
        str(t): bool(on)
        for t, on in conn.execute(
            text(
                "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
        )
    }
    policies: dict[str, set[str]] = {}
    for table, policy in conn.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")
    ):
        policies.setdefault(table, set()).add(policy)
    for table in app_tables():
        if table not in owners:
            problems.append(f"table {table} is missing (run volunteer-app db upgrade)")
            continue
        if owners[table] != roles.owner:
            problems.append(f"table {table} is owned by {owners[table]}, not {roles.owner}")
        if not security.get(table):
            problems.append(f"table {table} has row-level security off")
        wanted = {f"va_{c}" for c in _COMMANDS if getattr(RULES[table], c) is not None}
        for missing in sorted(wanted - policies.get(table, set())):
            problems.append(f"table {table} lacks policy {missing}")
    public_grants = conn.execute(
        text(
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = 'PUBLIC' AND table_schema = 'public'"
        )
    ).all()
    for table, privilege in public_grants:
        problems.append(f"PUBLIC may {privilege} on {table}")
    if conn.scalar(text("SELECT has_database_privilege('public', current_database(), 'CONNECT')")):
        problems.append("PUBLIC may connect to the database")
    return problems


# --------------------------------------------------------------------------- logins


def has_logins(conn: Connection) -> bool:
    """Whether accounts here get their own PostgreSQL login (an initialised shared server)."""
    return is_initialised(conn)


def scram_verifier(conn: Connection, role: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``role``, computed by libpq on this side."""
    pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode("utf-8"), role.encode("utf-8"), b"scram-sha-256")
    return bytes(verifier).decode("ascii")


def set_login(conn: Connection, person_id: int, email: str, password: str) -> str:
    """Create or change the person's login (with ``password``); returns the login's name."""
    role = login_role(roles_for(conn).prefix, email)
    verifier = scram_verifier(conn, role, password)
    name = conn.scalar(text("SELECT va_set_login(:p, :v)"), {"p": person_id, "v": verifier})
    return str(name)


def disable_login(conn: Connection, person_id: int) -> None:
    conn.execute(text("SELECT va_disable_login(:p)"), {"p": person_id})


def sync_groups(conn: Connection, person_ids: Iterable[int]) -> None:
    for person_id in sorted(set(person_ids)):
        conn.execute(text("SELECT va_sync_groups(:p)"), {"p": person_id})


__all__ = [
    "GROUPS",
    "RULES",
    "InitReport",
    "Roles",
    "Rule",
    "apply_rules",
    "check",
    "disable_login",
    "hand_over",
    "has_logins",
    "initialise",
    "is_initialised",
    "login_role",
    "role_prefix",
    "roles_for",
    "set_login",
    "sync_groups",
]
