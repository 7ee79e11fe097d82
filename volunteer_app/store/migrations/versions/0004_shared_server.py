"""shared server

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

What a shared PostgreSQL server needs in every database, initialised or not:

* ``server_login``: which PostgreSQL login belongs to which person (``server init`` and the
  account services fill it; on SQLite it stays empty).
* ``person.created_by_id``: who made an account, so a coordinator who imports volunteers can
  read back the rows they just wrote before any membership ties them together.
* The audit trail is append-only like the ledger: a trigger refuses UPDATE and DELETE.
* PostgreSQL only:
  - statement-level triggers that ``pg_notify('volunteer_app_changes', <table>)`` after a
    change to what desktops show (live updates);
  - the functions row-level security and the app call (``va_me()`` and friends, see
    docs/shared-server.md). They are SECURITY DEFINER and owned by whoever runs the
    migrations, which on a shared server is the owner role; the policies themselves and
    the roles are made by ``volunteer-app server init`` (store/server.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

#: Tables whose changes desktops are told about (the payload is only the table's name).
NOTIFY_TABLES = (
    'organisation', 'membership', 'task', 'task_occurrence', 'signup', 'service_record',
    'hours_request', 'notice', 'certificate', 'certificate_request',
)

AUDIT_APPEND_ONLY = "audit events are never changed or deleted (audit_event is append-only)"

# The person behind the session's login (NULL for the owner, a superuser, or SQLite-style use).
# ``session_user``: inside a SECURITY DEFINER function current_user is the function's owner.
_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION va_me() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT l.person_id FROM server_login l JOIN person p ON p.id = l.person_id
    WHERE l.role_name = session_user AND p.is_active
$$;

CREATE OR REPLACE FUNCTION va_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT p.is_admin FROM person p WHERE p.id = va_me()), false)
$$;

CREATE OR REPLACE FUNCTION va_orgs_with_role(wanted text[]) RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT m.organisation_id), '{}')
    FROM membership m WHERE m.person_id = va_me() AND m.role::text = ANY (wanted)
$$;

-- Organisations whose tasks, volunteers and hours the session's person manages.
CREATE OR REPLACE FUNCTION va_coordinated_orgs() RETURNS integer[]
LANGUAGE sql STABLE AS $$ SELECT va_orgs_with_role(ARRAY['coordinator', 'admin']) $$;

CREATE OR REPLACE FUNCTION va_member_orgs() RETURNS integer[]
LANGUAGE sql STABLE AS $$ SELECT va_orgs_with_role(ARRAY['volunteer', 'coordinator', 'admin']) $$;

-- People the session's person may see as members: themselves, the members of the
-- organisations they coordinate, and, for someone who coordinates, the accounts they made that
-- have no membership yet (an import writes the person, profile and skills before the membership).
-- A site administrator makes accounts too, but sees no homes or free hours through that.
CREATE OR REPLACE FUNCTION va_managed_people() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT x.id), '{}') || coalesce(va_me(), 0) FROM (
        SELECT m.person_id AS id FROM membership m WHERE m.organisation_id = ANY (va_coordinated_orgs())
        UNION SELECT p.id FROM person p WHERE p.created_by_id = va_me()
            AND cardinality(va_coordinated_orgs()) > 0
            AND NOT EXISTS (SELECT 1 FROM membership n WHERE n.person_id = p.id)
    ) AS x
$$;

-- Tasks the session's person holds (or held) a signup or a service record on.
CREATE OR REPLACE FUNCTION va_my_tasks() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT x.task_id), '{}') FROM (
        SELECT o.task_id FROM signup s JOIN task_occurrence o ON o.id = s.occurrence_id WHERE s.person_id = va_me()
        UNION SELECT o.task_id FROM service_record r JOIN task_occurrence o ON o.id = r.occurrence_id
        WHERE r.person_id = va_me()
    ) AS x
$$;

-- A notice for someone (who alone reads it); returns its id.
CREATE OR REPLACE FUNCTION va_notify(p_person integer, p_kind text, p_params text, p_occurrence integer)
RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO notice (person_id, kind, params, occurrence_id, created_at)
    VALUES (p_person, left(p_kind, 64), CAST(p_params AS json), p_occurrence, now()) RETURNING id
$$;

-- Others' personal public keys (in the wrap's kdf), to share a key with them; never the wrap itself.
CREATE OR REPLACE FUNCTION va_personal_keys(people integer[])
RETURNS TABLE (person_id integer, kdf text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT w.person_id, w.kdf::text FROM key_wrap w WHERE w.purpose = 'personal' AND w.person_id = ANY (people)
$$;

-- People whose name and contact anyone signed in may read: everyone who coordinates somewhere.
CREATE OR REPLACE FUNCTION va_public_people() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT m.person_id), '{}') FROM membership m
    WHERE m.role::text IN ('coordinator', 'admin')
$$;

-- Task occurrences of the organisations the session's person coordinates.
CREATE OR REPLACE FUNCTION va_coordinated_occurrences() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(o.id), '{}') FROM task_occurrence o JOIN task t ON t.id = o.task_id
    WHERE t.organisation_id = ANY (va_coordinated_orgs())
$$;

-- Tasks a person may read: open ones, their organisations' own, and those they hold a signup on.
CREATE OR REPLACE FUNCTION va_task_visible(t_id integer, t_org integer, t_status text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT t_status = 'open' OR t_org = ANY (va_coordinated_orgs()) OR va_me() IS NULL
        OR EXISTS (SELECT 1 FROM signup s JOIN task_occurrence o ON o.id = s.occurrence_id
                   WHERE o.task_id = t_id AND s.person_id = va_me())
        OR EXISTS (SELECT 1 FROM service_record r JOIN task_occurrence o ON o.id = r.occurrence_id
                   WHERE o.task_id = t_id AND r.person_id = va_me())
$$;

-- The audit trail, written for the session's person (who may not insert into it directly).
CREATE OR REPLACE FUNCTION va_audit(p_actor integer, p_action text, p_entity text, p_entity_id text, p_details text)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO audit_event (at, actor_id, action, entity, entity_id, details)
    VALUES (now(), CASE WHEN va_me() IS NULL THEN p_actor ELSE va_me() END,
            left(p_action, 64), left(p_entity, 64), left(p_entity_id, 64), CAST(p_details AS json));
END $$;

-- How many signups of each status the given occurrences hold (whoever holds them): places left.
CREATE OR REPLACE FUNCTION va_place_counts(ids integer[])
RETURNS TABLE (occurrence_id integer, status text, n bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.occurrence_id, s.status::text, count(*) FROM signup s
    WHERE s.occurrence_id = ANY (ids) GROUP BY s.occurrence_id, s.status
$$;

-- When the given people are busy with places they hold (any organisation), without what the
-- tasks are: for the clash check of a coordinator placing someone. Only people the session's
-- person may see as members (or anyone, for the owner).
-- Also people who hold a signup on an occurrence of the organisations the session's person
-- coordinates (a volunteer of another organisation on the waitlist of one of their tasks).
CREATE OR REPLACE FUNCTION va_busy(people integer[], from_at timestamptz, to_at timestamptz)
RETURNS TABLE (person_id integer, occurrence_id integer, starts_at timestamptz, ends_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.person_id, s.occurrence_id, s.starts_at, s.ends_at FROM signup s
    WHERE s.person_id = ANY (people)
      AND (va_me() IS NULL OR s.person_id = ANY (va_managed_people())
           OR s.person_id IN (SELECT x.person_id FROM signup x
                              WHERE x.occurrence_id = ANY (va_coordinated_occurrences())))
      AND s.status::text IN ('proposed', 'confirmed')
      AND s.starts_at < to_at AND s.ends_at > from_at
$$;

-- Transaction-scoped locks that need no privilege on the locked rows.
CREATE OR REPLACE FUNCTION va_lock(kind integer, ids integer[]) RETURNS void
LANGUAGE sql VOLATILE AS $$
    SELECT pg_advisory_xact_lock(kind, x) FROM (SELECT DISTINCT unnest(ids) AS x ORDER BY 1) AS sorted
$$;

-- Which of these emails (as stored: trimmed, lower case) have an account, and whose: for a
-- coordinator importing volunteers, who adds the role to an account they cannot see yet.
-- Coordinators, site administrators and the owner only.
CREATE OR REPLACE FUNCTION va_account_ids(emails text[])
RETURNS TABLE (email text, person_id integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT p.email::text, p.id FROM person p
    WHERE p.email = ANY (emails)
      AND (va_me() IS NULL OR va_is_admin() OR cardinality(va_coordinated_orgs()) > 0)
$$;

-- People who signed up for, or served on, the tasks of the organisations the session's person
-- coordinates, members or not: their names belong on the roster and the hours to verify.
CREATE OR REPLACE FUNCTION va_roster_people() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(DISTINCT x.id), '{}') FROM (
        SELECT s.person_id AS id FROM signup s JOIN task_occurrence o ON o.id = s.occurrence_id
        JOIN task t ON t.id = o.task_id WHERE t.organisation_id = ANY (va_coordinated_orgs())
        UNION SELECT r.person_id FROM service_record r WHERE r.organisation_id = ANY (va_coordinated_orgs())
        UNION SELECT q.person_id FROM hours_request q WHERE q.organisation_id = ANY (va_coordinated_orgs())
    ) AS x
$$;

-- The site administrators' ids (no names): every organisation's signing key is shared with them too.
CREATE OR REPLACE FUNCTION va_site_admins() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(p.id ORDER BY p.id), '{}') FROM person p WHERE p.is_admin AND p.is_active
$$;

-- Where the given waitlisted signups stand in their queues (by when each joined it, then id):
-- (signup, place in the queue, how many wait). Only signups the session's person may see.
CREATE OR REPLACE FUNCTION va_queue_positions(ids integer[])
RETURNS TABLE (signup_id integer, place bigint, waiting bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT q.id, q.place, q.waiting FROM (
        SELECT s.id, s.person_id, s.occurrence_id,
               row_number() OVER (PARTITION BY s.occurrence_id
                                  ORDER BY coalesce(s.queued_at, s.created_at), s.id) AS place,
               count(*) OVER (PARTITION BY s.occurrence_id) AS waiting
        FROM signup s
        WHERE s.status::text = 'waitlisted'
          AND s.occurrence_id IN (SELECT x.occurrence_id FROM signup x WHERE x.id = ANY (ids))
    ) AS q
    WHERE q.id = ANY (ids)
      AND (va_me() IS NULL OR q.person_id = va_me() OR q.occurrence_id = ANY (va_coordinated_occurrences()))
$$;

-- va_lock of people together with everyone waiting on the occurrence, in one id order: a volunteer
-- who frees a place locks those it may go to without seeing who they are.
CREATE OR REPLACE FUNCTION va_lock_with_waitlist(kind integer, people integer[], p_occurrence integer)
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT va_lock(kind, people || coalesce((SELECT array_agg(s.person_id) FROM signup s
        WHERE s.occurrence_id = p_occurrence AND s.status::text = 'waitlisted'), '{}'::integer[]))
$$;

-- A place came free on the occurrence: the first on its waitlist (by when they joined it) who holds
-- no other place at that time (proposed or confirmed, any organisation) is proposed it; returns that
-- signup and person, or no row. The rule of services/signups.offer_freed_place, here so a volunteer
-- who withdraws hands the place on to someone they may not see. Call with the occurrence and the
-- people waiting on it locked.
CREATE OR REPLACE FUNCTION va_offer_freed_place(p_occurrence integer, p_now timestamptz)
RETURNS TABLE (signup_id integer, person_id integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    w record;
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM task_occurrence o JOIN task t ON t.id = o.task_id
        WHERE o.id = p_occurrence AND NOT o.is_cancelled AND t.status::text = 'open' AND o.ends_at > p_now
          AND t.slots > (SELECT count(*) FROM signup c WHERE c.occurrence_id = o.id
                         AND c.status::text IN ('proposed', 'confirmed'))
    ) THEN
        RETURN;
    END IF;
    FOR w IN
        SELECT s.id, s.person_id, s.starts_at, s.ends_at FROM signup s
        WHERE s.occurrence_id = p_occurrence AND s.status::text = 'waitlisted'
        ORDER BY coalesce(s.queued_at, s.created_at), s.id
    LOOP
        CONTINUE WHEN EXISTS (
            SELECT 1 FROM signup x WHERE x.person_id = w.person_id AND x.occurrence_id <> p_occurrence
              AND x.status::text IN ('proposed', 'confirmed') AND x.starts_at < w.ends_at AND x.ends_at > w.starts_at);
        UPDATE signup SET status = 'proposed', queued_at = NULL WHERE signup.id = w.id;
        signup_id := w.id;
        person_id := w.person_id;
        RETURN NEXT;
        RETURN;
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION va_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('volunteer_app_changes', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'AUDIT_APPEND_ONLY'; END $$;
""".replace("AUDIT_APPEND_ONLY", AUDIT_APPEND_ONLY)

_DROP_FUNCTIONS = (
    "va_offer_freed_place(integer, timestamptz)", "va_lock_with_waitlist(integer, integer[], integer)",
    "va_queue_positions(integer[])", "va_account_ids(text[])", "va_site_admins()", "va_roster_people()",
    "va_personal_keys(integer[])", "va_notify(integer, text, text, integer)", "va_my_tasks()",
    "va_notify_change()", "audit_event_refuse_change()", "va_lock(integer, integer[])",
    "va_busy(integer[], timestamptz, timestamptz)", "va_place_counts(integer[])",
    "va_audit(integer, text, text, text, text)", "va_task_visible(integer, integer, text)",
    "va_coordinated_occurrences()", "va_public_people()", "va_managed_people()", "va_member_orgs()",
    "va_coordinated_orgs()", "va_orgs_with_role(text[])", "va_is_admin()", "va_me()",
)


def upgrade() -> None:
    op.create_table('server_login',
    sa.Column('role_name', sa.String(length=63), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_server_login_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('role_name', name=op.f('pk_server_login')),
    sa.UniqueConstraint('person_id', name=op.f('uq_server_login_person_id'))
    )
    # A plain column (no foreign key): SQLite adds it in place, without copying the person table.
    op.add_column('person', sa.Column('created_by_id', sa.Integer(), nullable=True))

    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTIONS)
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()"
        )
        op.execute(
            "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()"
        )
        for table in NOTIFY_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION va_notify_change()"
            )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{event.lower()} BEFORE {event} ON audit_event "
                f"BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
        for signature in _DROP_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_event_no_{event}")
    op.drop_column('person', 'created_by_id')
    op.drop_table('server_login')
