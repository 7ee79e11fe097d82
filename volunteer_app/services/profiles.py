"""A volunteer's profile: who they are, how to reach them, how far and how much they help, their skills.

``get_profile`` reads it (the volunteer, or a coordinator of one of their
organisations); ``save_profile`` stores the volunteer's own profile in one
transaction, audited, after checking every field, and creates the profile row
the first time. ``skills_catalogue`` lists the skills people can pick, and
``LEVEL_DESCRIPTIONS`` says in plain words what each level 1..5 means.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain import validation
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.skills import MAX_LEVEL, MIN_LEVEL, is_valid_level
from volunteer_app.services import audit, places, text_input
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.privacy import require_may_see_private
from volunteer_app.store.database import Database
from volunteer_app.store.models import Person, Skill, VolunteerProfile, VolunteerSkill

T = QT_TRANSLATE_NOOP
LEVEL_CONTEXT = "SkillLevels"
#: What each level means, in the words a volunteer would use (translated in the "SkillLevels" context).
LEVEL_DESCRIPTIONS: dict[int, str] = {
    1: T("SkillLevels", "Beginner: I have tried it"),
    2: T("SkillLevels", "Some experience, with help nearby"),
    3: T("SkillLevels", "Can do it alone"),
    4: T("SkillLevels", "Experienced: can guide others"),
    5: T("SkillLevels", "Expert or certified"),
}
DEFAULT_RADIUS_KM = 5.0
DEFAULT_TIMEZONE = "Asia/Shanghai"
MAX_RADIUS_KM = 500.0
MAX_WEEKLY_HOURS = 168.0
MAX_NAME_LENGTH = 200
MAX_PHONE_LENGTH = 50
MAX_LANGUAGES_LENGTH = 200  # VolunteerProfile.languages is a comma-separated column of this width
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
# A BCP 47 tag, simplified: a 2-3 letter language, then subtags (script, region, variant).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class CatalogueSkill:
    key: str
    label: str
    label_zh: str | None


@dataclass(frozen=True)
class Profile:
    """A volunteer's profile as shown to them (or to a coordinator of theirs)."""

    person_id: int
    name: str
    email: str
    phone: str | None
    languages: list[str]
    home: places.Home
    radius_km: float
    weekly_cap_hours: float | None  # None: no cap
    timezone: str
    skills: dict[str, int]  # skill key -> level 1..5
    exists: bool  # False until the first save: the values are the defaults


@dataclass
class ProfileInput:
    """What the volunteer may change. ``timezone`` None keeps the stored zone (or the default)."""

    name: str
    phone: str | None = None
    languages: Sequence[str] = ()
    radius_km: float = DEFAULT_RADIUS_KM
    weekly_cap_hours: float | None = None
    skills: Mapping[str, int] = field(default_factory=dict)
    timezone: str | None = None


def level_description(level: int) -> str:
    """The English template for ``level`` (translate it in the ``SkillLevels`` context)."""
    return LEVEL_DESCRIPTIONS[level]


def skills_catalogue(db: Database, actor: Actor | None) -> list[CatalogueSkill]:
    """Every skill people can pick, by English label."""
    with db.read() as session:
        require_signed_in(actor)
        rows = session.execute(select(Skill.key, Skill.label, Skill.label_zh).order_by(Skill.label, Skill.key))
        return [CatalogueSkill(key, label, label_zh) for key, label, label_zh in rows]


def get_profile(db: Database, actor: Actor | None, person_id: int | None = None) -> Profile:
    """The profile of ``person_id`` (default: the signed-in person), with defaults if none is stored yet."""
    actor = require_signed_in(actor)
    pid = actor.person_id if person_id is None else person_id
    with db.read() as session:
        require_may_see_private(session, actor, pid)
        person = session.get(Person, pid)
        if person is None:
            raise NotFound(T("errors", "No person {id}."), id=pid)
        row = session.get(VolunteerProfile, pid)
        skills = dict(
            session.execute(
                select(Skill.key, VolunteerSkill.level)
                .join(VolunteerSkill, VolunteerSkill.skill_id == Skill.id)
                .where(VolunteerSkill.person_id == pid)
                .order_by(Skill.key)
            ).all()
        )
        name, email, phone = person.display_name, person.email, person.phone
    home = places.visible_home(db, actor, pid)
    if row is None:
        return Profile(pid, name, email, phone, [], home, DEFAULT_RADIUS_KM, None, DEFAULT_TIMEZONE, skills, False)
    cap = None if row.weekly_hour_cap_minutes is None else row.weekly_hour_cap_minutes / 60
    languages = [tag for tag in (row.languages or "").split(",") if tag]
    return Profile(pid, name, email, phone, languages, home, row.radius_km, cap, row.timezone, skills, True)


# --------------------------------------------------------------------------- checks


def check_name(name: str) -> str:
    """One line with visible characters, inner spaces collapsed, at most ``MAX_NAME_LENGTH`` characters."""
    if not (name or "").strip():
        raise InvalidInput("name", T("errors", "The name must not be empty."))
    return text_input.name("name", name, MAX_NAME_LENGTH)


def check_phone(phone: str | None) -> str | None:
    text = text_input.line("phone", phone or "", MAX_PHONE_LENGTH)
    if text is None:
        return None
    phone = " ".join(text.split())
    digits = sum(ch.isdigit() for ch in phone)
    if not _PHONE.match(phone) or digits < 3:
        raise InvalidInput(
            "phone",
            T("errors", "{value!r} is not a phone number: use digits, spaces and + - ( ) only."),
            value=text_input.shown(phone),
        )
    return phone


def check_languages(languages: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in languages:
        for tag in str(raw).replace(";", ",").replace(" ", ",").split(","):
            tag = tag.strip()
            if not tag:
                continue
            if not _LANGUAGE_TAG.match(tag) or len(tag) > MAX_LANGUAGES_LENGTH:
                raise InvalidInput(
                    "languages",
                    T("errors", "{value!r} is not a language tag such as zh, en or zh-Hant."),
                    value=text_input.shown(tag),
                )
            # Case as BCP 47 writes it: language lower, script title, region upper.
            parts = tag.split("-")
            norm = [parts[0].lower()] + [
                p.title() if len(p) == 4 and p.isalpha() else p.upper() if len(p) == 2 else p.lower() for p in parts[1:]
            ]
            tag = "-".join(norm)
            if tag not in out:
                out.append(tag)
    if len(",".join(out)) > MAX_LANGUAGES_LENGTH:
        raise InvalidInput(
            "languages",
            T("errors", "The languages are longer than {maximum} characters."),
            maximum=MAX_LANGUAGES_LENGTH,
        )
    return out


def check_radius(radius_km: float) -> float:
    try:
        value = float(radius_km)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_RADIUS_KM):
        raise InvalidInput(
            "radius_km",
            T(
                "errors",
                "A travel distance of {value} km is not possible: choose more than 0 and at most {maximum} km.",
            ),
            value=_shown(radius_km),
            maximum=int(MAX_RADIUS_KM),
        )
    return value


def check_weekly_cap(hours: float | None) -> int | None:
    """The cap in whole minutes (None: no cap)."""
    if hours is None:
        return None
    try:
        value = float(hours)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= MAX_WEEKLY_HOURS):
        raise InvalidInput(
            "weekly_cap_hours",
            T("errors", "A weekly limit of {value} hours is not possible: choose from 0 to {maximum} hours."),
            value=_shown(hours),
            maximum=int(MAX_WEEKLY_HOURS),
        )
    return round(value * 60)


def _shown(value: object) -> str:
    """A number as people write it (12, 2.5), anything else as typed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return repr(value)


def check_timezone(name: str) -> str:
    try:
        if not isinstance(name, str) or len(name) > validation.MAX_TIMEZONE or not name.isprintable():
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(
            "timezone",
            T("errors", "{value!r} is not a time zone such as Asia/Shanghai."),
            value=text_input.shown(name),
        ) from None
    return name


def check_skills(session: Session, skills: Mapping[str, int]) -> dict[int, int]:
    """Skill id -> level for every entry, or InvalidInput naming the first bad key or level."""
    keys = [str(k).strip() for k in skills]
    for key in keys:
        if len(key) > validation.MAX_SKILL_KEY:
            raise InvalidInput(
                "skills", T("errors", "{value!r} is not a skill in the catalogue."), value=text_input.shown(key)
            )
    ids = dict(session.execute(select(Skill.key, Skill.id).where(Skill.key.in_(keys))).all()) if keys else {}
    out: dict[int, int] = {}
    for raw_key, level in skills.items():
        key = str(raw_key).strip()
        if key not in ids:
            raise InvalidInput(
                "skills", T("errors", "{value!r} is not a skill in the catalogue."), value=text_input.shown(key)
            )
        if not is_valid_level(level):
            raise InvalidInput(
                "skills",
                T("errors", "Level {value} for {skill!r} is not possible: levels go from {low} to {high}."),
                value=text_input.shown(level),
                skill=text_input.shown(key),
                low=MIN_LEVEL,
                high=MAX_LEVEL,
            )
        out[ids[key]] = int(level)
    return out


# --------------------------------------------------------------------------- saving


def ensure_profile(session: Session, person_id: int) -> VolunteerProfile:
    """The person's profile row, created with the defaults when missing (inside the caller's transaction)."""
    row = session.get(VolunteerProfile, person_id)
    if row is None:
        row = VolunteerProfile(
            person_id=person_id, radius_km=DEFAULT_RADIUS_KM, languages="", timezone=DEFAULT_TIMEZONE
        )
        session.add(row)
        session.flush()
    return row


def active_person(session: Session, actor: Actor) -> Person:
    person = session.get(Person, actor.person_id)
    if person is None or not person.is_active:
        raise PermissionDenied(T("errors", "This account is not active."))
    return person


def save_profile(
    db: Database, actor: Actor | None, data: ProfileInput, *, weekly: Sequence[WeeklySlot] | None = None
) -> Profile:
    """Store the signed-in person's own profile: one transaction, audited, every field checked first.

    ``weekly`` given also replaces their weekly free-time pattern in the same
    transaction (the CLI's ``profile set --free``), so a bad value anywhere writes nothing.
    """
    from volunteer_app.services import availability  # availability imports this module's helpers

    actor = require_signed_in(actor)
    name = check_name(data.name)
    phone = check_phone(data.phone)
    languages = check_languages(data.languages)
    radius = check_radius(data.radius_km)
    cap = check_weekly_cap(data.weekly_cap_hours)
    zone = check_timezone(data.timezone) if data.timezone is not None else None
    slots = availability.check_pattern(weekly) if weekly is not None else None
    with db.transaction() as session:
        person = active_person(session, actor)
        levels = check_skills(session, data.skills)
        row = ensure_profile(session, person.id)
        changed = []
        for attr, old, new in (
            ("name", person.display_name, name),
            ("phone", person.phone, phone),
            ("languages", row.languages, ",".join(languages)),
            ("radius_km", row.radius_km, radius),
            ("weekly_cap", row.weekly_hour_cap_minutes, cap),
            ("timezone", row.timezone, zone if zone is not None else row.timezone),
        ):
            if old != new:
                changed.append(attr)
        person.display_name, person.phone = name, phone
        row.languages, row.radius_km, row.weekly_hour_cap_minutes = ",".join(languages), radius, cap
        if zone is not None:
            row.timezone = zone
        held = {
            vs.skill_id: vs
            for vs in session.scalars(select(VolunteerSkill).where(VolunteerSkill.person_id == person.id))
        }
        if {skill_id: vs.level for skill_id, vs in held.items()} != levels:
            changed.append("skills")
        for skill_id, vs in held.items():
            if skill_id not in levels:
                session.delete(vs)
        for skill_id, level in levels.items():
            if skill_id in held:
                held[skill_id].level = level
            else:
                session.add(VolunteerSkill(person_id=person.id, skill_id=skill_id, level=level))
        if slots is not None:
            availability.replace_pattern(session, person.id, slots)
            changed.append("weekly_pattern")
        # Which fields changed, never their values: the audit trail is no copy of private details.
        audit.record(session, actor.person_id, "profile.save", "person", person.id, changed=changed, skills=len(levels))
    return get_profile(db, actor)


__all__ = [
    "LEVEL_CONTEXT",
    "LEVEL_DESCRIPTIONS",
    "CatalogueSkill",
    "Profile",
    "ProfileInput",
    "ensure_profile",
    "get_profile",
    "level_description",
    "save_profile",
    "skills_catalogue",
]
