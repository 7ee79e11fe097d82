"""Who may see a volunteer's private details (home, ID number).

The volunteer themselves, and active coordinators or admins of an
organisation the volunteer belongs to. Nobody else, not even a site
administrator, whose job is running the installation, not reading homes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store.models import Membership, Person


def may_see_private(session: Session, actor: Actor, person_id: int) -> bool:
    if actor.person_id == person_id:
        return True
    coordinator = aliased(Membership)
    member = aliased(Membership)
    shared = session.scalar(
        select(coordinator.id)
        .join(member, member.organisation_id == coordinator.organisation_id)
        .where(
            coordinator.person_id == actor.person_id,
            coordinator.role.in_([Role.COORDINATOR, Role.ADMIN]),
            member.person_id == person_id,
        )
        .limit(1)
    )
    if shared is None:
        return False
    viewer = session.get(Person, actor.person_id)
    return viewer is not None and viewer.is_active


def require_may_see_private(session: Session, actor: Actor, person_id: int) -> None:
    """PermissionDenied unless ``actor`` may see this person's private details.

    Also raised when the person does not exist, so the answer reveals nothing.
    """
    if not may_see_private(session, actor, person_id):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP(
                "errors", "Only the volunteer and coordinators of their organisations may see their private details."
            )
        )
