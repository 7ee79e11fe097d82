"""Organisations: created by administrators; their admins grant roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_admin, require_signed_in
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import Organisation


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    name: str
    contact_email: str | None
    contact_phone: str | None
    person_in_charge: str | None


def create_organisation(
    db: Database,
    actor: Actor | None,
    name: str,
    *,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    person_in_charge: str | None = None,
) -> int:
    name = name.strip()
    if not name:
        raise InvalidInput("name", QT_TRANSLATE_NOOP("errors", "The organisation needs a name."))
    with db.transaction() as session:
        actor = require_admin(session, actor)
        if session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "An organisation named {name!r} exists already."), name=name)
        org = Organisation(
            name=name, contact_email=contact_email, contact_phone=contact_phone, person_in_charge=person_in_charge
        )
        session.add(org)
        session.flush()
        audit.record(session, actor.person_id, "organisation.create", "organisation", org.id, name=name)
        return org.id


def list_organisations(db: Database, actor: Actor | None) -> list[OrganisationInfo]:
    with db.read() as session:
        require_signed_in(actor)
        return [
            OrganisationInfo(o.id, o.name, o.contact_email, o.contact_phone, o.person_in_charge)
            for o in session.scalars(select(Organisation).order_by(Organisation.name))
        ]


def find_organisation(db: Database, actor: Actor | None, name: str) -> OrganisationInfo:
    """An organisation by its exact name (case-insensitive), for the CLI's --organisation."""
    for org in list_organisations(db, actor):
        if org.name.casefold() == name.strip().casefold():
            return org
    raise NotFound(QT_TRANSLATE_NOOP("errors", "No organisation named {name!r}."), name=name)
