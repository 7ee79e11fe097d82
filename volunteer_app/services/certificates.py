"""Service certificates (志愿服务记录证明): issue, register, revoke, request, verify.

- A coordinator or admin of an organisation issues a certificate of one volunteer's
  verified hours with that organisation for a period (dates on the organisation's clock,
  both days included). Only the newest record of each correction chain counts. The facts
  are signed with the organisation's Ed25519 key (``services.signing_keys``) into the QR
  payload (``certificates.payload``); the certificate enters the register and the
  organisation's ledger in the same transaction, and the PDF is rendered inside it too,
  so a certificate that cannot be drawn is never registered.
- A volunteer asks for one (``request_certificate``); the next certificate issued to them by
  that organisation answers the request. The volunteer prints their issued certificates.
- ``revoke_certificate`` keeps the entry and records who, when and why.
- ``verify`` needs only the issuer's public key (trusted keys in this database, or a key
  file); where the issuing database is at hand it also checks the register: revoked, or
  a covered record corrected since, makes the certificate not valid.

This module never imports Qt: the caller passes ``render`` (``certificates.pdf.render``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app import files
from volunteer_app.certificates import content, payload
from volunteer_app.certificates.content import Activity, CertificateDocument, Issuer
from volunteer_app.certificates.payload import PayloadError, PayloadFacts
from volunteer_app.domain.enums import Role, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import zone_of
from volunteer_app.services import audit, identity, ledger, privacy, shared_reads, signing_keys, text_input
from volunteer_app.services.accounts import Actor, normalise_email, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ServiceError
from volunteer_app.services.hours import superseded_ids
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Certificate,
    CertificateRequest,
    Membership,
    Organisation,
    OrganisationKey,
    Person,
    ServiceRecord,
    Task,
    TaskOccurrence,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
ISSUERS = (Role.COORDINATOR, Role.ADMIN)
Render = Callable[[CertificateDocument], bytes]


# --------------------------------------------------------------------------- issuing


@dataclass(frozen=True)
class IssueInput:
    person_id: int
    organisation_id: int
    period_from: date | None = None  # default: the day of their first verified record there
    period_to: date | None = None  # default: today, on the organisation's clock
    language: str = "zh"


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    number: str
    organisation_id: int
    organisation: str
    person_id: int
    volunteer: str
    volunteer_email: str
    period_from: date
    period_to: date
    minutes: int
    language: str
    issued_by: str
    issued_at: datetime
    requested: bool
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "number": self.number, "organisation": self.organisation, "volunteer": self.volunteer,
            "volunteer_email": self.volunteer_email, "period_from": self.period_from.isoformat(),
            "period_to": self.period_to.isoformat(), "minutes": self.minutes, "language": self.language,
            "issued_by": self.issued_by, "issued_at": self.issued_at.isoformat(), "requested": self.requested,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "revoked_by": self.revoked_by, "revoke_reason": self.revoke_reason,
        }


@dataclass(frozen=True)
class Issued:
    entry: RegisterEntry
    document: CertificateDocument
    pdf: bytes


def _check_language(language: str) -> str:
    if language not in content.LANGUAGES:
        raise InvalidInput("language", T("errors", "Certificates come in zh or en, not {value!r}."), value=language)
    return language


def _organisation(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
    return org


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(T("errors", "No person {id}."), id=person_id)
    return person


def person_id_for_email(db: Database, actor: Actor | None, email: str) -> int:
    """The person with this email, for a coordinator choosing whom to issue for."""
    with db.read() as session:
        actor = require_signed_in(actor)
        person_id = session.scalar(select(Person.id).where(Person.email == normalise_email(email)))
        # Someone who coordinates nothing may name only themselves: the same answer for an unknown
        # email and another person's, so it never tells which emails have accounts (services.privacy).
        if person_id != actor.person_id and not privacy.is_staff(session, actor):
            raise PermissionDenied(
                T("errors", "You are not a coordinator or admin of any organisation: you may name only yourself.")
            )
        if person_id is None:
            raise NotFound(T("errors", "No account for {email}."), email=privacy.shown_email(email))
        return person_id


def issuing_organisations(db: Database, actor: Actor | None) -> list[tuple[int, str]]:
    """(id, name) of the organisations the actor may issue certificates for."""
    with db.read() as session:
        actor = require_signed_in(actor)
        ids = _issuing_organisations(session, actor)
        return [(o.id, o.name) for o in session.scalars(
            select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name))]


def volunteers_of(db: Database, actor: Actor | None, organisation_id: int) -> list[tuple[int, str, str]]:
    """(person id, name, email) of the organisation's members, for a coordinator choosing whom to issue for."""
    with db.read() as session:
        actor = require_role(session, actor, organisation_id, *ISSUERS)
        rows = session.execute(
            select(Person.id, Person.display_name, Person.email)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.organisation_id == organisation_id, Person.id != actor.person_id)
            .distinct()
            .order_by(Person.display_name, Person.email)
        )
        return [(pid, name, email) for pid, name, email in rows]


def _records(session: Session, person_id: int, organisation_id: int) -> list[tuple[ServiceRecord, str, str | None]]:
    """Current verified records of the person with the organisation: (record, what was done, category)."""
    rows = session.execute(
        select(ServiceRecord, Task.title, Task.category)
        .outerjoin(TaskOccurrence, TaskOccurrence.id == ServiceRecord.occurrence_id)
        .outerjoin(Task, Task.id == TaskOccurrence.task_id)
        .where(
            ServiceRecord.person_id == person_id,
            ServiceRecord.organisation_id == organisation_id,
            ServiceRecord.status == ServiceStatus.VERIFIED,
            ServiceRecord.id.not_in(superseded_ids()),
        )
        .order_by(ServiceRecord.started_at, ServiceRecord.id)
    )
    return [(record, title or record.activity or "", category) for record, title, category in rows]


def _local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(zone_of(timezone)).date()


def _activities(rows: Iterable[tuple[ServiceRecord, str, str | None]]) -> list[Activity]:
    minutes: dict[tuple[str, str | None], int] = defaultdict(int)
    times: dict[tuple[str, str | None], int] = defaultdict(int)
    for record, title, category in rows:
        minutes[(title, category)] += record.credited_minutes
        times[(title, category)] += 1
    return [Activity(title=t, category=c, minutes=m, times=times[(t, c)]) for (t, c), m in minutes.items()]


def _masked_id(db: Database, actor: Actor, person_id: int) -> tuple[str | None, str | None]:
    """The ID type and masked number when on file and readable here; (None, None) otherwise."""
    try:
        found = identity.masked_id_number(db, actor, person_id)
    except ServiceError:
        return None, None
    return (found[0], found[1]) if found else (None, None)


def _next_number(session: Session, org: Organisation, year: int) -> str:
    prefix = f"C{org.id:03d}-{year}-"
    count = session.scalar(
        select(func.count(Certificate.id)).where(
            Certificate.organisation_id == org.id, Certificate.number.like(f"{prefix}%")
        )
    ) or 0
    return f"{prefix}{count + 1:05d}"


def _document(
    session: Session, cert: Certificate, *, id_type: str | None, id_masked: str | None
) -> CertificateDocument:
    org = _organisation(session, cert.organisation_id)
    person = _person(session, cert.person_id)
    ids = set((cert.record_ids or {}).get("records", []))
    rows = _records_by_id(session, ids)
    key_row = session.scalar(select(OrganisationKey).where(OrganisationKey.organisation_id == org.id))
    return CertificateDocument(
        number=cert.number, language=cert.language, volunteer_name=person.display_name,
        volunteer_number=content.volunteer_number(person.id), id_type=id_type, id_number_masked=id_masked,
        period_from=cert.period_from, period_to=cert.period_to, minutes=cert.minutes,
        step_minutes=org.credit_step_minutes or 1, activities=_activities(rows),
        issuer=Issuer(name=org.name, person_in_charge=org.person_in_charge, handler=org.handler,
                      contact_email=org.contact_email, contact_phone=org.contact_phone, address=org.address),
        issued_on=payload.parse(cert.payload).facts.issued_on,
        fingerprint=key_row.fingerprint if key_row else payload.parse(cert.payload).facts.fingerprint_prefix,
        payload=cert.payload, seal_image=org.seal_image, seal_mime=org.seal_mime,
        revoked=cert.revoked_at is not None,
    )


def _records_by_id(session: Session, ids: set[int]) -> list[tuple[ServiceRecord, str, str | None]]:
    if not ids:
        return []
    rows = session.execute(
        select(ServiceRecord, Task.title, Task.category)
        .outerjoin(TaskOccurrence, TaskOccurrence.id == ServiceRecord.occurrence_id)
        .outerjoin(Task, Task.id == TaskOccurrence.task_id)
        .where(ServiceRecord.id.in_(ids))
    )
    return [(record, title or record.activity or "", category) for record, title, category in rows]


def issue_certificate(
    db: Database, actor: Actor | None, data: IssueInput, *, render: Render, today: date | None = None
) -> Issued:
    """Issue, sign, register and render a certificate in ONE transaction; nothing is kept if any step fails."""
    actor = require_signed_in(actor)
    language = _check_language(data.language)
    if data.period_from and data.period_to and data.period_to < data.period_from:
        raise InvalidInput(
            "period", T("errors", "The period ends on {end} before it starts on {start}."),
            start=data.period_from.isoformat(), end=data.period_to.isoformat(),
        )
    if data.person_id == actor.person_id:
        raise PermissionDenied(T("errors", "Nobody may issue a certificate of their own hours."))
    with db.read() as session:
        require_role(session, actor, data.organisation_id, *ISSUERS)
    id_type, id_masked = _masked_id(db, actor, data.person_id)
    with db.transaction() as session:
        require_role(session, actor, data.organisation_id, *ISSUERS)
        # One number at a time (PostgreSQL; also the ledger chain's lock, which the issue appends to).
        shared_reads.lock(session, shared_reads.ORGANISATION_LOCK, [data.organisation_id])
        org = session.get(Organisation, data.organisation_id, populate_existing=True)
        if org is None:
            raise NotFound(T("errors", "No organisation {id}."), id=data.organisation_id)
        person = _person(session, data.person_id)
        member = session.scalar(
            select(Membership.id).where(Membership.person_id == person.id, Membership.organisation_id == org.id)
        )
        if member is None:
            raise InvalidInput(
                "volunteer", T("errors", "{name} is not a volunteer of {organisation}."),
                name=person.display_name, organisation=org.name,
            )
        today = today or _local_day(utcnow(), org.timezone)
        all_rows = _records(session, person.id, org.id)
        first = data.period_from or (_local_day(all_rows[0][0].started_at, org.timezone) if all_rows else today)
        last = data.period_to or today
        if last < first:
            raise InvalidInput(
                "period", T("errors", "The period ends on {end} before it starts on {start}."),
                start=first.isoformat(), end=last.isoformat(),
            )
        rows = [row for row in all_rows if first <= _local_day(row[0].started_at, org.timezone) <= last]
        if not rows:
            raise InvalidInput(
                "period", T("errors", "{name} has no verified hours with {organisation} from {start} to {end}."),
                name=person.display_name, organisation=org.name, start=first.isoformat(), end=last.isoformat(),
            )
        minutes = sum(record.credited_minutes for record, _, _ in rows)
        signer = signing_keys.organisation_signer(session, actor, org.id)
        _, fingerprint = signing_keys.organisation_public_key(session, org.id)
        number = _next_number(session, org, today.year)
        facts = PayloadFacts(
            number=number, volunteer=person.display_name, minutes=minutes, period_from=first, period_to=last,
            organisation=org.name, fingerprint_prefix=fingerprint[: payload.FINGERPRINT_PREFIX], issued_on=today,
        )
        text = payload.sign(facts, signer)
        record_ids = sorted(record.id for record, _, _ in rows)
        open_request = session.scalar(
            select(CertificateRequest)
            .where(
                CertificateRequest.person_id == person.id, CertificateRequest.organisation_id == org.id,
                CertificateRequest.certificate_id.is_(None), CertificateRequest.declined_reason.is_(None),
            )
            .order_by(CertificateRequest.created_at)
            .limit(1)
        )
        cert = Certificate(
            number=number, organisation_id=org.id, person_id=person.id, period_from=first, period_to=last,
            minutes=minutes, language=language, payload=text, record_ids={"records": record_ids},
            issued_by_id=actor.person_id, requested=open_request is not None,
        )
        session.add(cert)
        session.flush()
        if open_request is not None:
            open_request.certificate_id = cert.id
        ledger.append(
            session, org.id, "certificate_issue", actor.person_id, certificate=cert,
            facts={"number": number, "person_id": person.id, "minutes": minutes, "period_from": first.isoformat(),
                   "period_to": last.isoformat(), "records": record_ids, "payload": text},
        )
        audit.record(
            session, actor.person_id, "certificate.issue", "certificate", cert.id,
            number=number, person_id=person.id, minutes=minutes, period=f"{first}..{last}",
        )
        document = _document(session, cert, id_type=id_type, id_masked=id_masked)
        pdf = render(document)  # inside the transaction: a certificate that cannot be drawn is not registered
        entry = _entries(session, select(Certificate).where(Certificate.id == cert.id))[0]
        return Issued(entry=entry, document=document, pdf=pdf)


# --------------------------------------------------------------------------- the register


def _entries(session: Session, stmt: Any) -> list[RegisterEntry]:
    certs = list(session.scalars(stmt))
    people = {p.id: p for p in session.scalars(select(Person).where(
        Person.id.in_({c.person_id for c in certs} | {c.issued_by_id for c in certs}
                      | {c.revoked_by_id for c in certs if c.revoked_by_id})))}
    orgs = {o.id: o.name for o in session.scalars(select(Organisation).where(
        Organisation.id.in_({c.organisation_id for c in certs})))}
    return [
        RegisterEntry(
            id=c.id, number=c.number, organisation_id=c.organisation_id, organisation=orgs.get(c.organisation_id, ""),
            person_id=c.person_id, volunteer=people[c.person_id].display_name,
            volunteer_email=people[c.person_id].email, period_from=c.period_from, period_to=c.period_to,
            minutes=c.minutes, language=c.language, issued_by=people[c.issued_by_id].display_name,
            issued_at=c.issued_at, requested=c.requested, revoked_at=c.revoked_at,
            revoked_by=people[c.revoked_by_id].display_name if c.revoked_by_id in people else None,
            revoke_reason=c.revoke_reason,
        )
        for c in certs
    ]


def _issuing_organisations(session: Session, actor: Actor) -> list[int]:
    return sorted(org for org, held in roles_of(session, actor.person_id).items() if held & set(ISSUERS))


def list_certificates(db: Database, actor: Actor | None, *, organisation_id: int | None = None) -> list[RegisterEntry]:
    """The register: a coordinator's organisations' certificates and the actor's own, newest first."""
    with db.read() as session:
        actor = require_signed_in(actor)
        orgs = _issuing_organisations(session, actor)
        if organisation_id is not None:
            require_role(session, actor, organisation_id, *ISSUERS)
            orgs = [organisation_id]
            where = Certificate.organisation_id == organisation_id
        else:
            where = Certificate.organisation_id.in_(orgs) | (Certificate.person_id == actor.person_id)
        return _entries(session, select(Certificate).where(where).order_by(Certificate.issued_at.desc(),
                                                                           Certificate.id.desc()))


def _certificate_by_number(session: Session, number: str) -> Certificate:
    cert = session.scalar(select(Certificate).where(Certificate.number == number.strip()))
    if cert is None:
        raise NotFound(T("errors", "No certificate numbered {number} in this register."), number=number.strip())
    return cert


def revoke_certificate(db: Database, actor: Actor | None, number: str, reason: str) -> RegisterEntry:
    """Revoke with a reason (required); the entry stays, marked, and the ledger records it."""
    reason = text_input.reason("reason", reason, T("errors", "Say why the certificate is revoked."))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        cert = _certificate_by_number(session, number)
        require_role(session, actor, cert.organisation_id, *ISSUERS)
        if cert.revoked_at is not None:
            raise Conflict(T("errors", "Certificate {number} was revoked already."), number=cert.number)
        cert.revoked_at = utcnow()
        cert.revoked_by_id = actor.person_id
        cert.revoke_reason = reason
        session.flush()
        ledger.append(session, cert.organisation_id, "certificate_revoke", actor.person_id, certificate=cert,
                      facts={"number": cert.number, "reason": reason})
        audit.record(session, actor.person_id, "certificate.revoke", "certificate", cert.id,
                     number=cert.number, reason=reason)
        return _entries(session, select(Certificate).where(Certificate.id == cert.id))[0]


def certificate_document(db: Database, actor: Actor | None, number: str) -> CertificateDocument:
    """An issued certificate again, to print: for the volunteer it is about and the issuing organisation's coordinators."""
    actor = require_signed_in(actor)
    with db.read() as session:
        cert = _certificate_by_number(session, number)
        if cert.person_id != actor.person_id:
            require_role(session, actor, cert.organisation_id, *ISSUERS)
        person_id = cert.person_id
    id_type, id_masked = _masked_id(db, actor, person_id)
    with db.read() as session:
        return _document(session, _certificate_by_number(session, number), id_type=id_type, id_masked=id_masked)


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class RequestEntry:
    id: int
    person_id: int
    volunteer: str
    volunteer_email: str
    organisation_id: int
    organisation: str
    period_from: date
    period_to: date
    language: str
    created_at: datetime
    certificate: str | None  # the number, once issued
    declined_reason: str | None

    @property
    def is_open(self) -> bool:
        return self.certificate is None and self.declined_reason is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "volunteer": self.volunteer, "volunteer_email": self.volunteer_email,
            "organisation": self.organisation, "period_from": self.period_from.isoformat(),
            "period_to": self.period_to.isoformat(), "language": self.language,
            "created_at": self.created_at.isoformat(), "certificate": self.certificate,
            "declined_reason": self.declined_reason,
        }


def request_certificate(
    db: Database, actor: Actor | None, organisation_id: int, period_from: date | None = None,
    period_to: date | None = None, language: str = "zh", *, today: date | None = None,
) -> int:
    """A volunteer asks an organisation they serve with for a certificate of a period (default: everything so far)."""
    language = _check_language(language)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        org = _organisation(session, organisation_id)
        member = session.scalar(select(Membership.id).where(
            Membership.person_id == actor.person_id, Membership.organisation_id == org.id))
        if member is None:
            raise InvalidInput("organisation", T("errors", "You do not volunteer with {organisation}."),
                               organisation=org.name)
        rows = _records(session, actor.person_id, org.id)
        today = today or _local_day(utcnow(), org.timezone)
        first = period_from or (_local_day(rows[0][0].started_at, org.timezone) if rows else today)
        last = period_to or today
        if last < first:
            raise InvalidInput("period", T("errors", "The period ends on {end} before it starts on {start}."),
                               start=first.isoformat(), end=last.isoformat())
        if not any(first <= _local_day(r.started_at, org.timezone) <= last for r, _, _ in rows):
            raise InvalidInput(
                "period", T("errors", "You have no verified hours with {organisation} from {start} to {end}."),
                organisation=org.name, start=first.isoformat(), end=last.isoformat())
        pending = session.scalar(select(CertificateRequest.id).where(
            CertificateRequest.person_id == actor.person_id, CertificateRequest.organisation_id == org.id,
            CertificateRequest.certificate_id.is_(None), CertificateRequest.declined_reason.is_(None)))
        if pending is not None:
            raise Conflict(T("errors", "You asked {organisation} for a certificate already (request {id})."),
                           organisation=org.name, id=pending)
        request = CertificateRequest(person_id=actor.person_id, organisation_id=org.id, period_from=first,
                                     period_to=last, language=language)
        session.add(request)
        session.flush()
        audit.record(session, actor.person_id, "certificate.request", "certificate_request", request.id,
                     organisation_id=org.id, period=f"{first}..{last}")
        return request.id


def list_requests(db: Database, actor: Actor | None, *, open_only: bool = False) -> list[RequestEntry]:
    """Requests to the actor's organisations (coordinators) and the actor's own, newest first."""
    with db.read() as session:
        actor = require_signed_in(actor)
        orgs = _issuing_organisations(session, actor)
        stmt = (
            select(CertificateRequest, Person, Organisation.name, Certificate.number)
            .join(Person, Person.id == CertificateRequest.person_id)
            .join(Organisation, Organisation.id == CertificateRequest.organisation_id)
            .outerjoin(Certificate, Certificate.id == CertificateRequest.certificate_id)
            .where(CertificateRequest.organisation_id.in_(orgs) | (CertificateRequest.person_id == actor.person_id))
            .order_by(CertificateRequest.created_at.desc(), CertificateRequest.id.desc())
        )
        entries = [
            RequestEntry(
                id=r.id, person_id=r.person_id, volunteer=p.display_name, volunteer_email=p.email,
                organisation_id=r.organisation_id, organisation=org_name, period_from=r.period_from,
                period_to=r.period_to, language=r.language, created_at=r.created_at, certificate=number,
                declined_reason=r.declined_reason,
            )
            for r, p, org_name, number in session.execute(stmt)
        ]
        return [e for e in entries if e.is_open] if open_only else entries


def decline_request(db: Database, actor: Actor | None, request_id: int, reason: str) -> None:
    reason = text_input.reason("reason", reason, T("errors", "Say why the request is declined."))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        request = session.get(CertificateRequest, request_id)
        if request is None:
            raise NotFound(T("errors", "No certificate request {id}."), id=request_id)
        require_role(session, actor, request.organisation_id, *ISSUERS)
        if request.certificate_id is not None or request.declined_reason is not None:
            raise Conflict(T("errors", "Certificate request {id} was answered already."), id=request_id)
        request.declined_reason = reason
        audit.record(session, actor.person_id, "certificate.decline_request", "certificate_request", request.id,
                     reason=reason)


# --------------------------------------------------------------------------- verifying


class Outcome(Enum):
    VALID = "valid"
    BAD_SIGNATURE = "bad signature"
    UNKNOWN_ISSUER = "unknown issuer"
    REVOKED = "revoked"
    CORRECTED = "corrected since"
    NOT_REGISTERED = "not in the register"
    UNREADABLE = "unreadable"

    @property
    def exit_code(self) -> int:
        return 0 if self is Outcome.VALID else 2 if self is Outcome.UNREADABLE else 1


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    reason: str  # one English sentence (empty when valid)
    facts: PayloadFacts | None = None
    issuer: str | None = None  # the name the key is trusted under
    fingerprint: str | None = None  # the full fingerprint of the key that verified
    register_checked: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.outcome is Outcome.VALID

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.is_valid, "outcome": self.outcome.value, "reason": self.reason,
            "facts": self.facts.as_dict() if self.facts else None, "issuer": self.issuer,
            "fingerprint": self.fingerprint, "register_checked": self.register_checked, "notes": self.notes,
        }


class KeyFileError(ValueError):
    """A --key file that holds no Ed25519 public key."""


def read_key_file(path: Path) -> tuple[str, Ed25519PublicKey]:
    """(organisation name, key) from a public key file as ``keys export`` writes it (JSON or PEM)."""
    try:
        text = files.read_text(path, what="the key file")
    except files.FileProblem as exc:
        raise KeyFileError(str(exc)) from None
    try:
        name, key, _ = signing_keys.load_public_key_file(text)
    except ServiceError as exc:
        raise KeyFileError(f"{path}: {exc}") from None
    return name or path.stem, key


def _trusted(db: Database | None) -> dict[str, tuple[str, Ed25519PublicKey]]:
    if db is None:
        return {}
    with db.read() as session:
        return dict(signing_keys.trusted_public_keys(session))


def verify(
    db: Database | None, text: str, *, keys: Iterable[tuple[str, Ed25519PublicKey]] = (),
) -> Verification:
    """Check a ``VA1:`` text against the given keys and this database's trusted keys, and its register if here.

    No sign-in is needed: a school or employer checks what they were handed.
    """
    try:
        signed = payload.parse(text)
    except PayloadError as exc:
        return Verification(Outcome.UNREADABLE, str(exc))
    facts = signed.facts
    candidates: list[tuple[str, str, Ed25519PublicKey]] = []
    for name, key in keys:
        fp = payload.fingerprint(key)
        if fp.startswith(facts.fingerprint_prefix):
            candidates.append((fp, name, key))
    for fp, (name, key) in _trusted(db).items():
        if fp.startswith(facts.fingerprint_prefix):
            candidates.append((fp, name, key))
    if not candidates:
        return Verification(
            Outcome.UNKNOWN_ISSUER,
            f"it is signed by a key this installation does not know (fingerprint {facts.fingerprint_prefix}…, "
            f"claiming to be {facts.organisation}); import that organisation's public key (keys import FILE) or "
            "give it with --key FILE",
            facts=facts,
        )
    for fp, name, key in candidates:
        if payload.signature_holds(signed, key):
            return _check_register(db, signed, Verification(Outcome.VALID, "", facts=facts, issuer=name,
                                                            fingerprint=fp))
    return Verification(
        Outcome.BAD_SIGNATURE,
        f"the signature does not match the certificate's text: it was changed after {facts.organisation} "
        "signed it, or it was never signed with that key",
        facts=facts, issuer=candidates[0][1], fingerprint=candidates[0][0],
    )


def _check_register(db: Database | None, signed: payload.SignedPayload, found: Verification) -> Verification:
    """Where the issuing database is at hand: revoked, corrected since, or missing from its register."""
    if db is None:
        return found
    facts = signed.facts
    with db.read() as session:
        issuing = session.scalar(select(OrganisationKey.organisation_id).where(
            OrganisationKey.fingerprint == found.fingerprint))
        if issuing is None:
            return found  # another organisation's certificate: its register is elsewhere
        cert = session.scalar(select(Certificate).where(
            Certificate.number == facts.number, Certificate.organisation_id == issuing))
        checked = Verification(found.outcome, "", facts=facts, issuer=found.issuer, fingerprint=found.fingerprint,
                               register_checked=True)
        if cert is None or payload.normalise(cert.payload) != signed.text:
            return _replace(checked, Outcome.NOT_REGISTERED,
                            f"certificate {facts.number} is signed with {found.issuer}'s key but is not in its "
                            "register (this database issued no such certificate)")
        if cert.revoked_at is not None:
            return _replace(checked, Outcome.REVOKED,
                            f"{found.issuer} revoked certificate {facts.number} on "
                            f"{cert.revoked_at.date().isoformat()}: {cert.revoke_reason}")
        ids = list((cert.record_ids or {}).get("records", []))
        if ids:
            newer = session.execute(
                select(ServiceRecord.corrects_id, ServiceRecord.id)
                .where(ServiceRecord.corrects_id.in_(ids))
                .order_by(ServiceRecord.corrects_id)
            ).first()
            changed = session.scalar(select(ServiceRecord.id).where(
                ServiceRecord.id.in_(ids), ServiceRecord.status != ServiceStatus.VERIFIED).limit(1))
            if newer is not None:
                return _replace(checked, Outcome.CORRECTED,
                                f"record {newer[0]} on certificate {facts.number} has been corrected since it was "
                                f"issued (by record {newer[1]}); ask {found.issuer} for a new certificate")
            if changed is not None:
                return _replace(checked, Outcome.CORRECTED,
                                f"record {changed} on certificate {facts.number} is no longer verified; ask "
                                f"{found.issuer} for a new certificate")
        return checked


def _replace(found: Verification, outcome: Outcome, reason: str) -> Verification:
    return Verification(outcome, reason, facts=found.facts, issuer=found.issuer, fingerprint=found.fingerprint,
                        register_checked=found.register_checked, notes=list(found.notes))
