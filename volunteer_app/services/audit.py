"""The audit trail: every change a person makes, in the change's own transaction."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from volunteer_app.store.models import AuditEvent


def record(
    session: Session,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: object | None = None,
    **details: Any,
) -> None:
    """Append an event; on PostgreSQL through ``va_audit()``, so on a shared server, where nobody
    may insert into the trail directly, the event names the signed-in person as its actor."""
    plain = {k: _plain(v) for k, v in details.items()}
    if session.get_bind().dialect.name == "postgresql":
        session.flush()  # the change it records first, as the ORM would order it
        session.execute(
            select(
                func.va_audit(
                    actor_id, action, entity, None if entity_id is None else str(entity_id), json.dumps(plain)
                )
            )
        )
        return
    session.add(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            details=plain,
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


APPEND_ONLY = "audit events are never changed or deleted (audit_event is append-only)"


def wipe_all(session: Session) -> None:
    """Delete the whole trail, for a wipe of the whole database (`demo --force`) and nothing else.

    As ``ledger.wipe_all``: the append-only trigger is lifted for this one statement inside the
    caller's transaction and put back, so a failed wipe leaves the guard as it was.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
        session.execute(text("DELETE FROM audit_event"))
        session.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"))
        return
    session.execute(text("DROP TRIGGER IF EXISTS audit_event_no_delete"))
    session.execute(text("DELETE FROM audit_event"))
    session.execute(
        text(
            f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
    )
