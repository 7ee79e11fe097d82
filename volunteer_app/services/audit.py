"""The audit trail: every change a person makes, in the change's own transaction."""

from __future__ import annotations

from typing import Any

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
    session.add(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            details={k: _plain(v) for k, v in details.items()},
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
