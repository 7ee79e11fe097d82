"""Spreadsheet rows -> volunteer accounts, and their write.

Each new volunteer gets an account (email = login) with a generated password, shown
once to the coordinator who imports (``ImportResult.passwords``), the volunteer role in
the organisation, a profile (home rounded to about 100 m, as ``places.set_home`` does,
travel radius, languages, time zone) and their skills. Someone who has an account
already keeps it and their profile as they keep it: they only get the volunteer role.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table as SqlTable
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from volunteer_app.domain import validation
from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.spreadsheet_values import parse_float, parse_languages, parse_location, parse_skills
from volunteer_app.geo.geocoder import reduce_precision
from volunteer_app.services import shared_reads, text_input
from volunteer_app.services.accounts import Actor, hash_demo_password, normalise_email
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.import_rows import (
    OrganisationLookup,
    RowReader,
    SkillLookup,
    column_indexes,
    default_timezone,
    zone_problem,
)
from volunteer_app.services.imports import (
    Cancelled,
    ImportOptions,
    ImportPlan,
    ImportResult,
    OrgInfo,
    PreparedRow,
    Progress,
    check_cancel,
)
from volunteer_app.services.places import HOME_PRECISION_METRES
from volunteer_app.services.spreadsheets import Table
from volunteer_app.store import server
from volunteer_app.store.models import Membership, Person, Skill, VolunteerProfile, VolunteerSkill
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
DEFAULT_RADIUS_KM = 5.0
MAX_RADIUS_KM = 500.0
MAX_NAME, MAX_PHONE = validation.MAX_NAME, validation.MAX_PHONE
#: Generated passwords: 16 URL-safe characters (96 random bits).
PASSWORD_BYTES = 12
# Core statements on the tables: the ORM's bulk path is far slower with RETURNING.
PERSON, PROFILE, HELD_SKILL, MEMBERSHIP = (
    cast(SqlTable, m.__table__) for m in (Person, VolunteerProfile, VolunteerSkill, Membership)
)


@dataclass
class VolunteerRow:
    organisation_id: int
    email: str
    name: str
    phone: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    skills: dict[str, int] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    timezone: str = "Asia/Shanghai"
    existing: bool = False  # has an account already: only the role is added


def prepare_rows(
    session: Session,
    plan: ImportPlan,
    table: Table,
    options: ImportOptions,
    default: OrgInfo | None,
    managed: dict[int, OrgInfo],
    progress: Progress | None,
) -> None:
    columns = column_indexes(plan)
    organisations = OrganisationLookup(session, managed, default)
    skills = SkillLookup(session)
    zone_default = default_timezone(options)
    existing = set(shared_reads.account_ids(session, _emails_in(plan, columns, table)))
    seen: dict[str, int] = {}
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        row = RowReader(plan, columns, number, cells)
        data = _volunteer(row, organisations, skills, zone_default)
        if data is not None:
            if data.email in seen:
                row.problem("email", T("errors", "{value} is in the file twice (first in row {first})."),
                            first=seen[data.email])
                continue
            seen[data.email] = number
            if data.email in existing:
                data.existing = True
                row.warn("email", T("errors", "{value} has an account already: it gets the volunteer role; "
                                              "its profile stays as its owner keeps it."))
            plan.rows.append(PreparedRow(number, data, organisations.name_of(data.organisation_id)))
    if progress is not None:
        progress(len(table.rows), len(table.rows))


def _emails_in(plan: ImportPlan, columns: dict[str, int], table: Table) -> list[str]:
    """The file's valid email addresses, as stored (to ask once which have accounts)."""
    out = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        try:
            out.append(normalise_email(RowReader(plan, columns, number, cells).text("email") or ""))
        except InvalidInput:
            continue
    return out


def _volunteer(
    row: RowReader, organisations: OrganisationLookup, skills: SkillLookup, zone_default: str | None
) -> VolunteerRow | None:
    email = None
    try:
        email = normalise_email(row.text("email") or "")
    except InvalidInput as exc:
        row.invalid_input(exc, {})
    name = row.text("name")
    if name is None:
        row.problem("name", T("errors", "The name is empty."))
    else:
        name = _checked(row, "name", lambda: text_input.name("name", name, MAX_NAME))
    phone = row.text("phone")
    if phone is not None:
        phone = _checked(row, "phone", lambda: text_input.line("phone", phone, MAX_PHONE))
    org = organisations.for_row(row)
    latitude, longitude = row.parse("latitude", parse_float), row.parse("longitude", parse_float)
    address = row.text("address")
    if address is not None:
        address = _checked(row, "address", lambda: text_input.line("address", address, validation.MAX_ADDRESS))
    if latitude is None and longitude is None:
        place = row.parse("location", parse_location)
        if place is not None:
            latitude, longitude, address = place.latitude, place.longitude, address or place.address
    if (latitude is None) != (longitude is None):
        row.problem("latitude" if latitude is None else "longitude",
                    T("errors", "Give both latitude and longitude, or neither."))
    elif latitude is not None and longitude is not None:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            row.problem("latitude", T("errors", "{value!r} is not a place: latitude must be -90..90 and "
                                                "longitude -180..180."), value=f"{latitude}, {longitude}")
        else:
            latitude, longitude = reduce_precision(latitude, longitude, HOME_PRECISION_METRES)
    radius = row.parse("radius_km", parse_float)
    if radius is not None and not 0 < radius <= MAX_RADIUS_KM:
        row.problem("radius_km", T("errors", "The travel radius must be more than 0 and at most {maximum} km."),
                    maximum=int(MAX_RADIUS_KM))
    written = row.parse("skills", parse_skills) or {}
    held = skills.resolve(row, "skills", written) if written else {}
    languages = row.parse("languages", parse_languages) or []
    zone = row.text("timezone") or zone_default or (org.timezone if org else "UTC")
    if row.text("timezone") is not None:
        zone_problem(row, "timezone", zone)
    if not row.ok or email is None or name is None or org is None or held is None:
        return None
    return VolunteerRow(
        organisation_id=org.id, email=email, name=name, phone=phone, address=address, latitude=latitude,
        longitude=longitude, radius_km=radius or DEFAULT_RADIUS_KM, skills=held, languages=languages,
        timezone=zone,
    )


def _checked(row: RowReader, name: str, check: Callable[[], str | None]) -> str | None:
    """``check()``'s value, or None with the problem noted against the row's ``name`` column."""
    try:
        return check()
    except InvalidInput as exc:
        row.invalid_input(exc, {})
        return None


def write_rows(
    session: Session,
    actor: Actor,
    plan: ImportPlan,
    result: ImportResult,
    progress: Progress | None,
    cancelled: Cancelled | None,
    chunk_rows: int,
) -> None:
    skill_ids = {key: sid for key, sid in session.execute(select(Skill.key, Skill.id))}
    now = utcnow()
    total = len(plan.rows)
    if progress is not None:
        progress(0, total)
    for first in range(0, total, chunk_rows):
        check_cancel(cancelled)
        chunk: list[VolunteerRow] = [r.data for r in plan.rows[first : first + chunk_rows]]
        emails = [v.email for v in chunk]
        # Accounts the importer may not see yet (another organisation's volunteers) count too.
        known = shared_reads.account_ids(session, emails)
        new = [v for v in chunk if v.email not in known]
        passwords = {v.email: secrets.token_urlsafe(PASSWORD_BYTES) for v in new}
        if new:
            ids = session.scalars(
                insert(PERSON).returning(PERSON.c.id, sort_by_parameter_order=True),
                [
                    # A generated password has 96 random bits, so the light hash is safe here;
                    # sign_in re-hashes it with the full settings on first use.
                    {"email": v.email, "display_name": v.name, "phone": v.phone,
                     "password_hash": hash_demo_password(passwords[v.email]), "is_admin": False,
                     "is_active": True, "created_at": now, "created_by_id": actor.person_id}
                    for v in new
                ],
            ).all()
            session.execute(insert(PROFILE), [_profile(pid, v, now) for pid, v in zip(ids, new, strict=True)])
            skills: list[dict[str, Any]] = [
                {"person_id": pid, "skill_id": skill_ids[key], "level": level}
                for pid, v in zip(ids, new, strict=True)
                for key, level in sorted(v.skills.items())
            ]
            if skills:
                session.execute(insert(HELD_SKILL), skills)
            known.update(zip((v.email for v in new), ids, strict=True))
            _make_logins(session, [(pid, v.email, passwords[v.email]) for pid, v in zip(ids, new, strict=True)])
            result.ids.extend(ids)
            result.passwords.extend((v.email, passwords[v.email]) for v in new)
        members = {(pid, oid) for pid, oid in session.execute(
            select(Membership.person_id, Membership.organisation_id).where(
                Membership.person_id.in_(known.values()), Membership.role == Role.VOLUNTEER
            )
        )}
        wanted = {(known[v.email], v.organisation_id) for v in chunk} - members
        if wanted:
            session.execute(insert(MEMBERSHIP), [
                {"person_id": pid, "organisation_id": oid, "role": Role.VOLUNTEER, "created_at": now}
                for pid, oid in sorted(wanted)
            ])
        result.existing.extend(v.email for v in chunk if v.email not in passwords)
        result.written += len(chunk)
        if progress is not None:
            progress(result.written, total)
    check_cancel(cancelled)


def _make_logins(session: Session, people: list[tuple[int, str, str]]) -> None:
    """On a shared server each new account gets its own login, with its generated password."""
    conn = session.connection()
    if server.has_logins(conn):
        for person_id, email, password in people:
            server.set_login(conn, person_id, email, password)


def _profile(person_id: int, v: VolunteerRow, now: Any) -> dict[str, Any]:
    return {
        "person_id": person_id, "home_address": v.address, "home_latitude": v.latitude,
        "home_longitude": v.longitude, "radius_km": v.radius_km, "languages": ",".join(v.languages),
        "timezone": v.timezone, "updated_at": now,
    }  # fmt: skip
