"""Portable hour statements: verified hours that travel as a signed JSON file between installations.

A statement holds one *part* per organisation, each signed by that organisation's Ed25519 key,
so every part verifies on its own, anywhere, without the database that made it:

- an ``hours`` part: the organisation's summary of one volunteer's verified hours (per task, with
  dates), signed when a coordinator or admin of that organisation exports it for the volunteer
  (only they can unlock the key);
- a ``certificate`` part: the signed payload of a certificate issued to the volunteer, which the
  volunteer can export themselves at any time.

The signature of an ``hours`` part covers ``DOMAIN + canonical JSON`` of its ``content`` (keys
sorted, no spaces, UTF-8), so one changed character in a value fails. Importing checks every
part (a trusted key, a signature that holds, the statement being about the importer) before
anything is stored: one bad part refuses the whole file, with the reason.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.certificates import payload
from volunteer_app.domain.enums import Role, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import zone_of
from volunteer_app.services import audit, signing_keys
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.services.hours import superseded_ids
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Certificate,
    ImportedStatement,
    Organisation,
    Person,
    ServiceRecord,
    Task,
    TaskOccurrence,
)
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
FORMAT = "volunteer-app hour statement"
VERSION = 1
DOMAIN = b"volunteer-app statement v1\n"
MAX_BYTES = 5_000_000
MAX_PARTS = 500


def canonical(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _local_day(moment: datetime, timezone: str) -> str:
    return moment.astimezone(zone_of(timezone)).date().isoformat()


def _hours_content(session: Session, org: Organisation, person: Person, fingerprint: str) -> dict[str, Any] | None:
    rows = session.execute(
        select(ServiceRecord, Task.title, Task.category)
        .outerjoin(TaskOccurrence, TaskOccurrence.id == ServiceRecord.occurrence_id)
        .outerjoin(Task, Task.id == TaskOccurrence.task_id)
        .where(
            ServiceRecord.person_id == person.id,
            ServiceRecord.organisation_id == org.id,
            ServiceRecord.status == ServiceStatus.VERIFIED,
            ServiceRecord.id.not_in(superseded_ids()),
        )
        .order_by(ServiceRecord.started_at, ServiceRecord.id)
    ).all()
    if not rows:
        return None
    records = [
        {"date": _local_day(r.started_at, org.timezone), "title": title or r.activity or "", "category": category,
         "minutes": r.credited_minutes}
        for r, title, category in rows
    ]
    return {
        "organisation": org.name,
        "fingerprint": fingerprint,
        "volunteer": {"name": person.display_name, "email": person.email},
        "period_from": records[0]["date"],
        "period_to": records[-1]["date"],
        "minutes": sum(r["minutes"] for r in records),
        "records": records,
        "signed_at": utcnow().isoformat(timespec="seconds"),
    }


def export_statement(db: Database, actor: Actor | None, *, person_id: int | None = None) -> dict[str, Any]:
    """A statement for the actor (their certificates) or, by a coordinator, for a volunteer (signed hours parts).

    A coordinator exporting for someone signs one ``hours`` part for each organisation where they
    coordinate and the person has verified hours; the person's issued certificates are added too.
    """
    actor = require_signed_in(actor)
    with db.transaction() as session:
        target = session.get(Person, person_id if person_id is not None else actor.person_id)
        if target is None:
            raise NotFound(T("errors", "No person {id}."), id=person_id)
        parts: list[dict[str, Any]] = []
        if target.id != actor.person_id:
            issuing = sorted(org for org, held in roles_of(session, actor.person_id).items()
                             if held & {Role.COORDINATOR, Role.ADMIN})
            if not issuing:
                raise InvalidInput("volunteer", T("errors", "Only coordinators export statements for other people."))
            for org_id in issuing:
                org = session.get(Organisation, org_id)
                assert org is not None
                require_role(session, actor, org_id, Role.COORDINATOR, Role.ADMIN)
                _, fingerprint = signing_keys.organisation_public_key(session, org_id)
                part_content = _hours_content(session, org, target, fingerprint)
                if part_content is None:
                    continue
                signer = signing_keys.organisation_signer(session, actor, org_id)
                signature = signer.sign(DOMAIN + canonical(part_content))
                parts.append({"kind": "hours", "fingerprint": fingerprint, "content": part_content,
                              "signature": base64.b64encode(signature).decode("ascii")})
        certificates = session.scalars(
            select(Certificate.payload).where(Certificate.person_id == target.id, Certificate.revoked_at.is_(None))
            .order_by(Certificate.issued_at)
        ).all()
        parts.extend({"kind": "certificate", "payload": text} for text in certificates)
        if not parts:
            raise InvalidInput(
                "statement",
                T("errors", "{name} has no signed hours to export yet: ask the organisation for a certificate, "
                  "or a coordinator to export a statement for you."),
                name=target.display_name,
            )
        audit.record(session, actor.person_id, "statement.export", "person", target.id,
                     parts=len(parts), kinds=sorted({p["kind"] for p in parts}))
        return {
            "format": FORMAT,
            "version": VERSION,
            "volunteer": {"name": target.display_name, "email": target.email},
            "exported_at": utcnow().isoformat(timespec="seconds"),
            "parts": parts,
        }


def statement_bytes(statement: dict[str, Any]) -> bytes:
    return (json.dumps(statement, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- importing


@dataclass(frozen=True)
class VerifiedPart:
    organisation: str  # as the signed part names it
    trusted_as: str  # the name its key is trusted under here
    fingerprint: str
    minutes: int
    period_from: date
    period_to: date
    content: dict[str, Any]


@dataclass(frozen=True)
class ImportResult:
    imported: list[VerifiedPart]
    already: list[VerifiedPart]


@dataclass(frozen=True)
class ImportedView:
    id: int
    organisation: str
    fingerprint: str
    minutes: int
    period_from: date
    period_to: date
    kind: str
    records: list[dict[str, Any]]
    imported_at: datetime


def _refuse(part: int, template: str, **params: Any) -> InvalidInput:
    return InvalidInput("statement", template, part=part, **params)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _verify_part(index: int, part: Any, trusted: dict[str, tuple[str, Ed25519PublicKey]], me: Person) -> VerifiedPart:
    if not isinstance(part, dict) or part.get("kind") not in ("hours", "certificate"):
        raise _refuse(index, T("errors", "Part {part} of the statement is not an hours part nor a certificate."))
    if part["kind"] == "certificate":
        text = part.get("payload")
        try:
            signed = payload.parse(text if isinstance(text, str) else "")
        except payload.PayloadError as exc:
            raise _refuse(index, T("errors", "Part {part} of the statement cannot be read: {reason}."),
                          reason=str(exc)) from None
        facts = signed.facts
        matches = [(fp, name, key) for fp, (name, key) in trusted.items() if fp.startswith(facts.fingerprint_prefix)]
        if not matches:
            raise _refuse(index, T("errors", "Part {part} is signed by a key this installation does not trust "
                                   "(fingerprint {fingerprint}…, said to be {organisation}); import that "
                                   "organisation's public key first."),
                          fingerprint=facts.fingerprint_prefix, organisation=facts.organisation)
        good = [(fp, name) for fp, name, key in matches if payload.signature_holds(signed, key)]
        if not good:
            raise _refuse(index, T("errors", "Part {part}'s signature does not match its content: it was changed "
                                   "after {organisation} signed it."), organisation=facts.organisation)
        if not _same_name(facts.volunteer, me.display_name):
            raise _refuse(index, T("errors", "Part {part} is about {name}, not you."), name=facts.volunteer)
        signer_fp, signer = good[0]
        return VerifiedPart(facts.organisation, signer, signer_fp, facts.minutes, facts.period_from, facts.period_to,
                            {"kind": "certificate", "payload": signed.text, **facts.as_dict()})
    content, fp, signature = part.get("content"), part.get("fingerprint"), part.get("signature")
    if not isinstance(content, dict) or not isinstance(fp, str) or not isinstance(signature, str):
        raise _refuse(index, T("errors", "Part {part} of the statement is incomplete (content, fingerprint, signature)."))
    if fp not in trusted:
        raise _refuse(index, T("errors", "Part {part} is signed by a key this installation does not trust "
                               "(fingerprint {fingerprint}…, said to be {organisation}); import that "
                               "organisation's public key first."),
                      fingerprint=fp[:16], organisation=str(content.get("organisation", "?")))
    name, key = trusted[fp]
    try:
        raw = base64.b64decode(signature, validate=True)
        key.verify(raw, DOMAIN + canonical(content))
    except (binascii.Error, ValueError, InvalidSignature):
        raise _refuse(index, T("errors", "Part {part}'s signature does not match its content: it was changed "
                               "after {organisation} signed it."),
                      organisation=str(content.get("organisation", name))) from None
    try:
        volunteer = content["volunteer"]
        minutes = int(content["minutes"])
        first, last = date.fromisoformat(content["period_from"]), date.fromisoformat(content["period_to"])
        records = content["records"]
        if not isinstance(records, list) or sum(int(r["minutes"]) for r in records) != minutes:
            raise ValueError("the records do not add up")
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse(index, T("errors", "Part {part} is signed but not a statement this version reads ({reason})."),
                      reason=str(exc)) from None
    if str(volunteer.get("email", "")).casefold() != me.email.casefold():
        raise _refuse(index, T("errors", "Part {part} is about {name} ({email}), not you."),
                      name=str(volunteer.get("name", "")), email=str(volunteer.get("email", "")))
    return VerifiedPart(str(content.get("organisation", name)), name, fp, minutes, first, last,
                        {"kind": "hours", **content})


def parse_statement(data: bytes) -> list[Any]:
    if len(data) > MAX_BYTES:
        raise InvalidInput("statement", T("errors", "The file is too large to be a statement ({size} bytes)."),
                           size=len(data))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput("statement", T("errors", "The file is not a statement (it is not JSON).")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput("statement", T("errors", "The file is not a volunteer-app hour statement."))
    if doc.get("version") != VERSION:
        raise InvalidInput("statement", T("errors", "This statement has version {version}, which this version "
                                          "cannot read."), version=doc.get("version"))
    parts = doc.get("parts")
    if not isinstance(parts, list) or not parts:
        raise InvalidInput("statement", T("errors", "The statement has no parts."))
    if len(parts) > MAX_PARTS:
        raise InvalidInput("statement", T("errors", "The statement has too many parts ({count})."), count=len(parts))
    return parts


def import_statement(db: Database, actor: Actor | None, data: bytes) -> ImportResult:
    """Verify every part, then store them all as the actor's imported hours (or, on any bad part, nothing)."""
    parts = parse_statement(data)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        me = session.get(Person, actor.person_id)
        assert me is not None
        trusted = dict(signing_keys.trusted_public_keys(session))
        verified = [_verify_part(i, part, trusted, me) for i, part in enumerate(parts, start=1)]
        imported, already = [], []
        seen: set[tuple[str, date, date, int]] = set()
        for part in verified:
            key = (part.fingerprint, part.period_from, part.period_to, part.minutes)
            exists = key in seen or session.scalar(select(ImportedStatement.id).where(
                ImportedStatement.person_id == me.id, ImportedStatement.fingerprint == part.fingerprint,
                ImportedStatement.period_from == part.period_from, ImportedStatement.period_to == part.period_to,
                ImportedStatement.minutes == part.minutes)) is not None
            seen.add(key)
            if exists:
                already.append(part)
                continue
            session.add(ImportedStatement(
                person_id=me.id, organisation_name=part.trusted_as, fingerprint=part.fingerprint,
                minutes=part.minutes, period_from=part.period_from, period_to=part.period_to, content=part.content,
            ))
            imported.append(part)
        audit.record(session, actor.person_id, "statement.import", "person", me.id,
                     imported=len(imported), already=len(already),
                     organisations=sorted({p.trusted_as for p in imported}))
        return ImportResult(imported, already)


def imported_statements(db: Database, actor: Actor | None) -> list[ImportedView]:
    """The actor's imported hours, for My hours: one line per signed part, marked by who signed it."""
    with db.read() as session:
        actor = require_signed_in(actor)
        rows = session.scalars(select(ImportedStatement).where(ImportedStatement.person_id == actor.person_id)
                               .order_by(ImportedStatement.period_to.desc(), ImportedStatement.id.desc()))
        return [
            ImportedView(id=r.id, organisation=r.organisation_name, fingerprint=r.fingerprint, minutes=r.minutes,
                         period_from=r.period_from, period_to=r.period_to, kind=str(r.content.get("kind", "hours")),
                         records=list(r.content.get("records", [])), imported_at=r.imported_at)
            for r in rows
        ]
