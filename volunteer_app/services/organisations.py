"""Organisations: created by administrators; their admins grant roles and keep the settings.

Settings are the organisation's contact details, the person in charge and the
handler (经办人), its address and time zone, a seal image for certificates, and
the hour-crediting rules (``domain.crediting``). Only the organisation's admins
(or an administrator of the installation) change them; its coordinators read
them; volunteers read the crediting rules, in words. Every change is audited
with what it was before and after.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.domain import validation
from volunteer_app.domain.crediting import CreditRules, describe_rules
from volunteer_app.domain.enums import Role, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import Translate, english
from volunteer_app.services import audit, signing_keys, text_input
from volunteer_app.services.accounts import Actor, require_admin, require_signed_in, roles_of
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import Membership, Organisation, Person, Task

T = QT_TRANSLATE_NOOP
#: The largest seal image accepted (a seal is a small stamp, not a photograph).
MAX_SEAL_BYTES = 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SEAL_MIME_PNG = "image/png"
SEAL_MIME_SVG = "image/svg+xml"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = validation.MAX_NAME

#: The fields ``update_settings`` accepts (seal_image takes the file's bytes, or None to remove it).
SETTING_FIELDS = (
    "name",
    "contact_email",
    "contact_phone",
    "person_in_charge",
    "handler",
    "address",
    "timezone",
    "seal_image",
    "credit_step_minutes",
    "credit_min_attendance_percent",
    "credit_cap_to_stint",
)
_TEXT_LIMITS = {
    "contact_phone": validation.MAX_PHONE,
    "person_in_charge": validation.MAX_NAME,
    "handler": validation.MAX_NAME,
    "contact_email": validation.MAX_EMAIL,
    "address": validation.MAX_ADDRESS,
}


@dataclass(frozen=True)
class OrganisationInfo:
    """One organisation as a list shows it, with the asking person's roles in it and its head counts."""

    id: int
    name: str
    contact_email: str | None
    contact_phone: str | None
    person_in_charge: str | None
    my_roles: tuple[str, ...] = ()  # "admin", "coordinator", "volunteer" (highest first)
    volunteers: int = 0
    coordinators: int = 0  # coordinators and admins
    open_tasks: int = 0
    timezone: str = "Asia/Shanghai"

    @property
    def manages(self) -> bool:
        return bool({"admin", "coordinator"} & set(self.my_roles))


@dataclass(frozen=True)
class OrganisationSettings:
    """Everything the Organisation page shows; ``can_edit`` says whether this person may change it."""

    id: int
    name: str
    contact_email: str | None
    contact_phone: str | None
    person_in_charge: str | None
    handler: str | None
    address: str | None
    timezone: str
    seal_image: bytes | None
    seal_mime: str | None
    rules: CreditRules
    can_edit: bool

    def rules_text(self, tr: Translate = english) -> str:
        return describe_rules(self.rules, tr)


# --------------------------------------------------------------------------- creating and listing


def create_organisation(
    db: Database,
    actor: Actor | None,
    name: str,
    *,
    contact_email: str | None = None,
    contact_phone: str | None = None,
    person_in_charge: str | None = None,
) -> int:
    """A new organisation (site administrators only), with its signing key. Returns its id."""
    if not (name or "").strip():
        raise InvalidInput("name", QT_TRANSLATE_NOOP("errors", "The organisation needs a name."))
    name = text_input.name("name", name, MAX_NAME)
    contact_email = _contact_email(contact_email)
    contact_phone = _clean_text("contact_phone", contact_phone)
    person_in_charge = _clean_text("person_in_charge", person_in_charge)
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
        signing_keys.ensure_organisation_key(session, org.id, actor)  # its Ed25519 key, wrapped for its signers
        return org.id


_ROLE_ORDER = (Role.ADMIN, Role.COORDINATOR, Role.VOLUNTEER)


def _infos(session: Session, actor: Actor, orgs: list[Organisation]) -> list[OrganisationInfo]:
    ids = [o.id for o in orgs]
    mine = roles_of(session, actor.person_id)
    people: dict[tuple[int, str], int] = {}
    for org_id, role, n in session.execute(
        select(Membership.organisation_id, Membership.role, func.count(func.distinct(Membership.person_id)))
        .where(Membership.organisation_id.in_(ids))
        .group_by(Membership.organisation_id, Membership.role)
    ):
        people[(org_id, Role(role).value)] = int(n)
    managers: dict[int, int] = {
        org_id: int(n)
        for org_id, n in session.execute(
            select(Membership.organisation_id, func.count(func.distinct(Membership.person_id)))
            .where(Membership.organisation_id.in_(ids), Membership.role.in_([Role.COORDINATOR, Role.ADMIN]))
            .group_by(Membership.organisation_id)
        )
    }
    open_tasks: dict[int, int] = {
        org_id: int(n)
        for org_id, n in session.execute(
            select(Task.organisation_id, func.count(Task.id))
            .where(Task.organisation_id.in_(ids), Task.status == TaskStatus.OPEN)
            .group_by(Task.organisation_id)
        )
    }
    return [
        OrganisationInfo(
            o.id, o.name, o.contact_email, o.contact_phone, o.person_in_charge,
            my_roles=tuple(r.value for r in _ROLE_ORDER if r in mine.get(o.id, frozenset())),
            volunteers=people.get((o.id, Role.VOLUNTEER.value), 0),
            coordinators=managers.get(o.id, 0),
            open_tasks=open_tasks.get(o.id, 0),
            timezone=o.timezone,
        )
        for o in orgs
    ]


def list_organisations(db: Database, actor: Actor | None, *, managed_only: bool = False) -> list[OrganisationInfo]:
    """Every organisation by name, with my roles and its counts (``managed_only``: those I coordinate or run)."""
    with db.read() as session:
        actor = require_signed_in(actor)
        orgs = list(session.scalars(select(Organisation).order_by(Organisation.name)))
        infos = _infos(session, actor, orgs)
        if managed_only:
            site_admin = _is_site_admin(session, actor)
            infos = [i for i in infos if i.manages or site_admin]
        return infos


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_organisation(db: Database, actor: Actor | None, name: str) -> OrganisationInfo:
    """An organisation by its name or any unambiguous part of it (case-insensitive), or by its id.

    An exact name wins over a part; a part that several names contain raises InvalidInput
    naming them all, so the person can type more of the one they mean.
    """
    wanted = _normalised(name)
    if not wanted:
        raise InvalidInput("organisation", T("errors", "Name the organisation."))
    shown = text_input.shown(name.strip())
    orgs = list_organisations(db, actor)
    exact = [o for o in orgs if _normalised(o.name) == wanted]
    if exact:
        return exact[0]
    if wanted.isdigit():
        by_id = [o for o in orgs if o.id == int(wanted)]
        if by_id:
            return by_id[0]
    partial = [o for o in orgs if wanted in _normalised(o.name)]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise NotFound(T("errors", "No organisation named {name!r}."), name=shown)
    raise InvalidInput(
        "organisation",
        T("errors", "{name!r} matches {count} organisations: {candidates}. Type more of the name."),
        name=shown,
        count=len(partial),
        candidates=", ".join(f"“{o.name}”" for o in partial),
    )


# --------------------------------------------------------------------------- settings


def _is_site_admin(session: Session, actor: Actor) -> bool:
    person = session.get(Person, actor.person_id)
    return bool(person is not None and person.is_admin and person.is_active)


def _org(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
    return org


def may_edit_settings(session: Session, actor: Actor, organisation_id: int) -> bool:
    return Role.ADMIN in roles_of(session, actor.person_id).get(organisation_id, frozenset()) or _is_site_admin(
        session, actor
    )


def credit_rules_of(org: Organisation) -> CreditRules:
    """The crediting rules stored on an organisation (for the roster's check-out, inside its transaction)."""
    return CreditRules(
        step_minutes=org.credit_step_minutes,
        min_attendance_percent=org.credit_min_attendance_percent,
        cap_to_stint=bool(org.credit_cap_to_stint),
    )


def credit_rules(db: Database, actor: Actor | None, organisation_id: int) -> CreditRules:
    """An organisation's crediting rules; any signed-in person may read them (volunteers should know)."""
    with db.read() as session:
        require_signed_in(actor)
        return credit_rules_of(_org(session, organisation_id))


def get_settings(db: Database, actor: Actor | None, organisation_id: int) -> OrganisationSettings:
    """The settings, for the organisation's coordinators and admins (and administrators)."""
    with db.read() as session:
        actor = require_signed_in(actor)
        org = _org(session, organisation_id)
        held = roles_of(session, actor.person_id).get(organisation_id, frozenset())
        site_admin = _is_site_admin(session, actor)
        if not (held & {Role.COORDINATOR, Role.ADMIN}) and not site_admin:
            raise PermissionDenied(
                T("errors", "Only the coordinators of {organisation} can see its settings."), organisation=org.name
            )
        return OrganisationSettings(
            id=org.id, name=org.name, contact_email=org.contact_email, contact_phone=org.contact_phone,
            person_in_charge=org.person_in_charge, handler=org.handler, address=org.address, timezone=org.timezone,
            seal_image=org.seal_image, seal_mime=org.seal_mime, rules=credit_rules_of(org),
            can_edit=Role.ADMIN in held or site_admin,
        )


def seal_mime_type(data: bytes) -> str:
    """``image/png`` or ``image/svg+xml`` for a real seal image; InvalidInput for anything else."""
    if not data:
        raise InvalidInput("seal_image", T("errors", "The seal file is empty."))
    if len(data) > MAX_SEAL_BYTES:
        raise InvalidInput(
            "seal_image",
            T("errors", "The seal image is {size} KB; at most {limit} KB are accepted."),
            size=(len(data) + 1023) // 1024,
            limit=MAX_SEAL_BYTES // 1024,
        )
    if data.startswith(PNG_MAGIC):
        # The first chunk of every PNG is IHDR (13 bytes: width, height, ...).
        if len(data) < 33 or data[12:16] != b"IHDR":
            raise InvalidInput("seal_image", T("errors", "The seal file starts like a PNG but is damaged."))
        return SEAL_MIME_PNG
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")):
        return _check_svg(data)
    raise InvalidInput("seal_image", T("errors", "The seal must be a PNG or SVG image; this file is neither."))


def _check_svg(data: bytes) -> str:
    if b"<!ENTITY" in data.upper():
        # Entities can blow up to gigabytes when expanded; a seal never needs them.
        raise InvalidInput("seal_image", T("errors", "The SVG seal declares entities, which are not accepted."))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InvalidInput(
            "seal_image", T("errors", "The SVG seal is not well-formed XML ({problem})."), problem=str(exc)
        ) from None
    if root.tag not in (f"{{{SVG_NAMESPACE}}}svg", "svg"):
        raise InvalidInput("seal_image", T("errors", "The XML file is not an SVG image (its root is {tag!r})."),
                           tag=root.tag.rsplit("}", 1)[-1])  # fmt: skip
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1].lower() in ("script", "foreignobject"):
            raise InvalidInput("seal_image", T("errors", "The SVG seal contains scripts or embedded pages."))
    return SEAL_MIME_SVG


def _clean_text(name: str, value: Any) -> str | None:
    """One line of text within the field's limit (no control or bidi characters); None when blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(name, T("errors", "{field} must be text."))
    return text_input.line(name, value, _TEXT_LIMITS.get(name, validation.MAX_NAME))


def _contact_email(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InvalidInput("contact_email", T("errors", "{field} must be text."))
    email = text_input.email(value, "contact_email")
    if not _EMAIL.match(email):
        raise InvalidInput(
            "contact_email", T("errors", "{value!r} is not an email address."), value=text_input.shown(email)
        )
    return email


def _whole_number(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise InvalidInput(name, T("errors", "{field} must be a whole number, not {value!r}."), value=value) from None
    if not low <= value <= high:
        raise InvalidInput(name, T("errors", "{field} must be {low} to {high}, not {value}."), low=low, high=high,
                           value=value)  # fmt: skip
    return int(value)


def check_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone (``Asia/Shanghai``), else InvalidInput."""
    name = name.strip()
    try:
        if not name or len(name) > validation.MAX_TIMEZONE or not name.isprintable():
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput("timezone", T("errors", "Unknown time zone {value!r}."), value=text_input.shown(name)) from None
    return name


def _validated(changes: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in SETTING_FIELDS:
            raise InvalidInput(key, T("errors", "{field} is not a setting of an organisation."))
        if key == "name":
            if not isinstance(value, str) or not value.strip():
                raise InvalidInput("name", T("errors", "The organisation needs a name."))
            clean[key] = text_input.name("name", value, MAX_NAME)
        elif key == "contact_email":
            clean[key] = _contact_email(value)
        elif key in ("contact_phone", "person_in_charge", "handler"):
            clean[key] = _clean_text(key, value)
        elif key == "address":  # several lines (the Organisation page's box)
            if value is not None and not isinstance(value, str):
                raise InvalidInput(key, T("errors", "{field} must be text."))
            clean[key] = None if value is None else text_input.text(key, value, validation.MAX_ADDRESS)
        elif key == "timezone":
            if not isinstance(value, str) or len(value) > validation.MAX_TIMEZONE:
                raise InvalidInput("timezone", T("errors", "Unknown time zone {value!r}."), value=text_input.shown(value))
            clean[key] = check_timezone(value)
        elif key == "seal_image":
            if value is None:
                clean[key], clean["seal_mime"] = None, None
            else:
                data = bytes(value)
                clean[key], clean["seal_mime"] = data, seal_mime_type(data)
        elif key == "credit_step_minutes":
            clean[key] = _whole_number(key, value, 1, 60)
        elif key == "credit_min_attendance_percent":
            clean[key] = _whole_number(key, value, 0, 100)
        elif key == "credit_cap_to_stint":
            if not isinstance(value, bool):
                raise InvalidInput(key, T("errors", "{field} must be yes or no, not {value!r}."), value=value)
            clean[key] = value
    return clean


def _audit_value(key: str, value: Any) -> Any:
    if key == "seal_image":
        return None if value is None else {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    return value


def update_settings(db: Database, actor: Actor | None, organisation_id: int, changes: Mapping[str, Any]) -> list[str]:
    """Change some settings (keys of ``SETTING_FIELDS``); returns the names of those that changed.

    Only the organisation's admins and administrators may; one audited transaction
    with every changed value before and after (a seal as its size and SHA-256).
    """
    clean = _validated(changes)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        org = _org(session, organisation_id)
        if not may_edit_settings(session, actor, organisation_id):
            raise PermissionDenied(
                T("errors", "Only the admins of {organisation} can change its settings."), organisation=org.name
            )
        if "name" in clean and clean["name"] != org.name:
            taken = session.scalar(
                select(Organisation.id).where(Organisation.name == clean["name"], Organisation.id != org.id)
            )
            if taken is not None:
                raise Conflict(T("errors", "An organisation named {name!r} exists already."), name=clean["name"])
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key, value in clean.items():
            old = getattr(org, key)
            if old == value:
                continue
            before[key], after[key] = _audit_value(key, old), _audit_value(key, value)
            setattr(org, key, value)
        if after:
            audit.record(session, actor.person_id, "organisation.settings", "organisation", org.id,
                         before=before, after=after)  # fmt: skip
        return [k for k in after if k != "seal_mime"]


__all__ = [
    "MAX_SEAL_BYTES",
    "OrganisationInfo",
    "OrganisationSettings",
    "SETTING_FIELDS",
    "check_timezone",
    "create_organisation",
    "credit_rules",
    "credit_rules_of",
    "find_organisation",
    "get_settings",
    "list_organisations",
    "may_edit_settings",
    "seal_mime_type",
    "update_settings",
]
