"""Who may see a volunteer's private details (home, ID number, free hours), and what others see instead.

The volunteer themselves, and active coordinators or admins of an
organisation the volunteer belongs to. Nobody else, not even a site
administrator, whose job is running the installation, not reading homes.

Anything derived from a home or from free hours is private too: a distance
to a task at a known place, given to the metre, locates the home (a site
administrator did so to within 3 m from three suggestions). So a service that
shows such a thing about a person to someone who may not see their private
details shows it coarsened, through this module: distances in whole kilometres
(``coarse_km``), suggestions without free time, alternatives or a score that
encodes the exact distance (``coarse_suggestion``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.validation import preview
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import PermissionDenied
from volunteer_app.store.models import Membership, Person

if TYPE_CHECKING:  # the engine loads numpy and scipy: only the types here
    from volunteer_app import matching

#: Reasons that tell someone's free time (left out of what others see).
FREE_TIME_REASONS = frozenset({"free_slot"})


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


def is_staff(session: Session, actor: Actor) -> bool:
    """Whether the actor coordinates or runs some organisation, or is an active site administrator:
    people who look others up by email as part of their work (placing, issuing, granting)."""
    held = session.scalars(
        select(Membership.id)
        .where(Membership.person_id == actor.person_id, Membership.role.in_([Role.COORDINATOR, Role.ADMIN]))
        .limit(1)
    ).first()
    if held is not None:
        return True
    viewer = session.get(Person, actor.person_id)
    return bool(viewer is not None and viewer.is_admin and viewer.is_active)


def shown_email(email: str) -> str:
    """An email as typed, cut to a readable length for a message (``domain.validation.preview``)."""
    return preview(email.strip() if isinstance(email, str) else str(email))


def coarse_km(km: float) -> float:
    """A distance as someone without access to the home may see it: whole kilometres (half up)."""
    if not math.isfinite(km) or km < 0:
        return 0.0
    return float(math.floor(km + 0.5))


def coarse_suggestion(
    suggestion: matching.Suggestion, window: tuple[datetime, datetime] | None = None
) -> matching.Suggestion:
    """A suggestion with nothing finer than its whole-kilometre distance about the person's home or free time.

    The distance (and the ``distance`` reason) in whole kilometres; no ``free_slot`` reason; no
    alternative starts; the score withheld (0: it carries the exact distance); and for a
    flexible task (``window`` given) the start moved to the window's own start, since the
    suggested one is where the person's free time begins, and the ``urgent`` reason (counted
    from that start) left out.
    """
    reasons = []
    for reason in suggestion.reasons:
        if reason.code in FREE_TIME_REASONS or (window is not None and reason.code == "urgent"):
            continue
        if reason.code == "distance":
            params: Mapping[str, object] = {**reason.params, "km": coarse_km(float(reason.params.get("km", 0.0)))}
            reason = dataclasses.replace(reason, params=params)
        reasons.append(reason)
    start, end = suggestion.start, suggestion.end
    if window is not None:
        start = window[0].astimezone(suggestion.start.tzinfo) if suggestion.start.tzinfo else window[0]
        end = start + (suggestion.end - suggestion.start)
    return dataclasses.replace(
        suggestion,
        start=start,
        end=end,
        distance_km=coarse_km(suggestion.distance_km),
        score=0.0,
        reasons=tuple(reasons),
        alternatives=(),
    )
