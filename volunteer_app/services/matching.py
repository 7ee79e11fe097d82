"""The matching engine over the database: suggestions for one volunteer, proposals for an organisation.

The engine itself is pure (``volunteer_app.matching``) and takes the same
data as the matching file format; this module turns stored people, free-time
patterns, tasks and signups into that data, so the database path and the file
path give the same placements (``export_organisation_instance`` writes the file).
``engine_data`` does the turning; ``suggestion_index`` finds a volunteer's candidates fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app import matching
from volunteer_app.domain.enums import (
    Role,
    SignupSource,
    SignupStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, signups
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.engine_data import (
    DEFAULT_DAYS,
    build_organisation_instance,
    key_id,
    person_key,
)
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.suggestion_index import build_volunteer_instance
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
)

T = QT_TRANSLATE_NOOP


@dataclass
class Proposal:
    volunteer: str
    person_id: int
    name: str
    task: str
    occurrence_id: int
    title: str
    start: datetime
    end: datetime
    distance_km: float


@dataclass
class AssignOutcome:
    organisation: str
    proposals: list[Proposal]
    result: dict[str, Any]  # the engine's result in the file format
    skipped: dict[str, str]
    applied: bool
    declined_before: int = 0
    titles: dict[str, str] = field(default_factory=dict)  # task key -> title


def _parse_day(value: str | None, default: datetime, field_name: str) -> datetime:
    if value is None:
        return default
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(field_name, T("errors", "{value!r} is not a date like 2026-12-05."), value=value) from None
    # A date or time without an offset means this computer's local time, as people read it.
    return parsed if parsed.tzinfo else parsed.astimezone()


def resolve_window(
    now: datetime, date_from: str | None, date_to: str | None, *, days: int = DEFAULT_DAYS
) -> tuple[datetime, datetime]:
    start = _parse_day(date_from, now, "from")
    end = _parse_day(date_to, start + timedelta(days=days), "to")
    if end <= start:
        raise InvalidInput("to", T("errors", "--to ({value}) must come after --from."), value=end.isoformat())
    return start, end


def propose_assignments(
    db: Database,
    actor: Actor | None,
    organisation_id: int,
    start: datetime,
    end: datetime,
    *,
    apply: bool = False,
) -> AssignOutcome:
    """Best placements for the organisation's open tasks; with ``apply`` stored as proposed signups.

    Everything happens in one transaction: either all proposals are stored or none.
    """
    with db.transaction() as session:
        actor = require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        org = session.get(Organisation, organisation_id)
        if org is None:
            raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
        built = build_organisation_instance(session, organisation_id, start, end)
        result = matching.assign(built.instance)
        data = matching.result_to_json(result)
        proposals: list[Proposal] = []
        declined = len(built.instance.excluded)  # excluded from the solve, so asked of someone else
        for a in data["assignments"]:
            proposals.append(
                Proposal(
                    volunteer=a["volunteer"], person_id=key_id(a["volunteer"]), name=built.names[a["volunteer"]],
                    task=a["task"], occurrence_id=key_id(a["task"]), title=built.titles[a["task"]],
                    start=datetime.fromisoformat(a["start"]), end=datetime.fromisoformat(a["end"]),
                    distance_km=float(a["distance_km"]),
                )
            )
        if apply:
            for p in proposals:
                signups.place(
                    session, actor, p.occurrence_id, p.person_id,
                    status=SignupStatus.PROPOSED, source=SignupSource.ENGINE, start=p.start,
                )
            audit.record(
                session, actor.person_id, "matching.apply", "organisation", organisation_id,
                proposals=len(proposals), start=start.isoformat(), end=end.isoformat(),
            )
        return AssignOutcome(org.name, proposals, data, built.skipped, apply, declined, built.titles)


def export_organisation_instance(
    db: Database, actor: Actor | None, organisation_id: int, start: datetime, end: datetime
) -> dict[str, Any]:
    """The instance file the database path would solve (same data, same placements)."""
    with db.read() as session:
        require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        return matching.instance_to_json(build_organisation_instance(session, organisation_id, start, end).instance)


# --------------------------------------------------------------------------- suggestions


@dataclass
class SuggestionView:
    """One suggestion, with what a person needs to read it."""

    occurrence_id: int
    title: str
    organisation: str
    suggestion: matching.Suggestion


def _may_see_volunteer(session: Session, actor: Actor, person_id: int) -> None:
    if actor.person_id == person_id:
        return
    person = session.get(Person, actor.person_id)
    if person is not None and person.is_admin:
        return
    coordinated = {o for o, held in roles_of(session, actor.person_id).items() if held & {Role.COORDINATOR, Role.ADMIN}}
    theirs = set(
        session.scalars(
            select(Membership.organisation_id).where(
                Membership.person_id == person_id, Membership.role == Role.VOLUNTEER
            )
        )
    )
    if not coordinated & theirs:
        raise PermissionDenied(T("errors", "You may see suggestions only for yourself or your volunteers."))


def suggest_for(
    db: Database, actor: Actor | None, email: str, *, now: datetime, limit: int | None = 20,
    days: int = DEFAULT_DAYS,
) -> list[SuggestionView]:
    """Ranked tasks for the volunteer with this email, best first, with the engine's reasons."""
    if limit is not None and limit < 1:
        raise InvalidInput("limit", T("errors", "--limit must be at least 1, not {value}."), value=limit)
    with db.read() as session:
        actor = require_signed_in(actor)
        person_id = session.scalar(select(Person.id).where(Person.email == email.strip().lower()))
        if person_id is None:
            raise NotFound(T("errors", "No account for {email}."), email=email)
        _may_see_volunteer(session, actor, person_id)
        instance, filled, labels = build_volunteer_instance(session, person_id, now, days)
    if not instance.volunteers:
        return []
    found = matching.suggest(instance, person_key(person_id), filled=filled, now=now, limit=limit)
    return [SuggestionView(key_id(s.task), *labels[s.task], s) for s in found]
