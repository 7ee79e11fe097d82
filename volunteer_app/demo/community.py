"""Demo data: a believable volunteering community in one city, for trying the app out.

``fill_demo`` writes organisations with their coordinators and admins, a site
administrator, volunteers with skills, homes and free hours (and one coordinator
who volunteers too, so the demo shows both sides of the window to one person), tasks over the next
two weeks with some signups, and a past month of completed tasks whose hours are
verified, pending, rejected or corrected. Everything comes from one seeded
``random.Random`` and a pinned "now", so a seed always gives the same community
(the same accounts, passwords and titles); only the password hashes' salts differ.

All of it is written in one transaction: a failure leaves the database as it was.
Passwords are hashed before that transaction opens, in a thread pool (Argon2
releases the GIL), because hashing is most of the time taken.
"""

from __future__ import annotations

import math
import os
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from volunteer_app.demo.catalogue import (
    AWAY_NOTES,
    CATEGORY_LABELS,
    CN_GIVEN,
    CN_SURNAMES,
    EN_FIRST,
    EN_LAST,
    EXTRA_NOTES,
    ORGANISATIONS,
    PASSWORD_WORDS,
    REJECT_REASONS,
    SHIFT_STARTS,
    SKILL_WEIGHTS,
    SKILLS,
    TASKS,
    THANKS,
    City,
    OrgTemplate,
    TaskTemplate,
    resolve_city,
)
from volunteer_app.domain.enums import (
    AvailabilityKind,
    Role,
    ServiceStatus,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.skills import fits
from volunteer_app.geo.distance import geodesic_km_many
from volunteer_app.geo.geocoder import reduce_precision
from volunteer_app.services import accounts, audit, ledger, signups, tasks
from volunteer_app.services.errors import Conflict, InvalidInput
from volunteer_app.services.places import HOME_PRECISION_METRES
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilityException,
    AvailabilitySlot,
    Base,
    Membership,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP
DEMO_DOMAIN = "demo.volunteer-app.org"
MAX_COUNT = 100_000
LANGUAGES = ("zh", "en")
UPCOMING_DAYS = 14
PAST_DAYS = 28
RECURRING_WEEKS = 4

# --------------------------------------------------------------------------- options and report


@dataclass(frozen=True)
class DemoOptions:
    """What to generate. ``seed=None`` picks a random seed (reported, so the run can be repeated)."""

    volunteers: int = 200
    tasks: int = 60
    seed: int | None = None
    city: str = "Hangzhou"
    lang: str = "zh"
    force: bool = False  # wipe every row of every app table first (in the same transaction)
    now: datetime | None = None  # default: the current UTC time; always rounded down to the hour
    hash_workers: int | None = None  # threads hashing passwords (default: one per CPU)
    hasher: Callable[[str], str] | None = None  # default: accounts.hash_demo_password


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str  # "site_admin", "admin" (of an organisation), "coordinator" or "volunteer"
    organisation: str | None  # a volunteer's first organisation; None for the site administrator
    display_name: str
    #: A coordinator who also volunteers for the same organisation (profile, skills, free hours).
    also_volunteer: bool = False

    @property
    def roles_text(self) -> str:
        """The role as the account list prints it ("coordinator + volunteer" for one who does both)."""
        return f"{self.role} + volunteer" if self.also_volunteer else self.role

    def to_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "password": self.password,
            "role": self.role,
            "also_volunteer": self.also_volunteer,
            "organisation": self.organisation,
            "display_name": self.display_name,
        }


@dataclass
class DemoReport:
    accounts: list[DemoAccount]
    counts: dict[str, int]
    city: str
    timezone: str
    seed: int
    lang: str
    wiped: bool
    hash_seconds: float
    total_seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts": [a.to_dict() for a in self.accounts],
            "counts": dict(self.counts),
            "city": self.city,
            "timezone": self.timezone,
            "seed": self.seed,
            "lang": self.lang,
            "wiped": self.wiped,
            "hash_seconds": round(self.hash_seconds, 2),
            "total_seconds": round(self.total_seconds, 2),
        }


# --------------------------------------------------------------------------- public API


def is_empty(db: Database) -> bool:
    """True when the database holds no person and no organisation (its schema may exist)."""
    with db.read() as session:
        return _holding(session) == (0, 0)


def fill_demo(db: Database, options: DemoOptions) -> DemoReport:
    """Fill the (empty, or with ``force`` wiped) database with a demo community; see the module docstring.

    Raises ``Conflict`` on a database that holds data without ``force``, ``InvalidInput`` on bad options.
    """
    started = time.perf_counter()
    for name in ("volunteers", "tasks"):
        value = getattr(options, name)
        if not 0 <= value <= MAX_COUNT:
            raise InvalidInput(
                name, T("errors", "{field} must be 0 to {maximum}, not {value}."), maximum=MAX_COUNT, value=value
            )
    if options.lang not in LANGUAGES:
        raise InvalidInput("lang", T("errors", "Language must be zh or en, not {value!r}."), value=options.lang)
    city = resolve_city(options.city)
    now = (options.now or datetime.now(UTC)).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    if not options.force:
        with db.read() as session:
            _refuse_if_holding(session)  # before the slow hashing, not only inside the transaction

    builder = _Builder(random.Random(seed), city, options.lang, now)
    people = builder.plan_people(options.volunteers)
    hash_started = time.perf_counter()
    hashes = _hash_all(
        [p.password for p in people], options.hasher or accounts.hash_demo_password, options.hash_workers
    )
    hash_seconds = time.perf_counter() - hash_started

    with db.transaction() as session:
        wiped = False
        if options.force:
            wiped = _holding(session) != (0, 0)
            wipe(session)
        else:
            _refuse_if_holding(session)
        counts = builder.write(session, people, hashes, options.tasks)
        # On a shared server each demo account gets its own login, with the password printed for it.
        accounts.give_logins(session, {p.email: p.password for p in people})
        audit.record(
            session,
            None,
            "demo.fill",
            "database",
            None,
            seed=seed,
            city=city.name_en,
            lang=options.lang,
            wiped=wiped,
            counts=counts,
        )
    return DemoReport(
        accounts=[DemoAccount(p.email, p.password, p.role, p.organisation, p.name, p.also_volunteer) for p in people],
        counts=counts,
        city=city.name(options.lang),
        timezone=city.timezone,
        seed=seed,
        lang=options.lang,
        wiped=wiped,
        hash_seconds=hash_seconds,
        total_seconds=time.perf_counter() - started,
    )


def wipe(session: Session) -> None:
    """Delete every row of every app table (the schema and alembic_version stay), children first."""
    # The ledger is append-only: only this whole-database wipe may empty it, through its own door.
    ledger.wipe_all(session)
    audit.wipe_all(session)
    # Corrections point at older records of the same table; unlink them so the order of deletion is free.
    session.execute(update(ServiceRecord).values(corrects_id=None))
    for table in reversed(Base.metadata.sorted_tables):
        if table.name != "alembic_version":
            session.execute(table.delete())


def _holding(session: Session) -> tuple[int, int]:
    people = session.scalar(select(func.count(Person.id))) or 0
    organisations = session.scalar(select(func.count(Organisation.id))) or 0
    return int(people), int(organisations)


def _refuse_if_holding(session: Session) -> None:
    people, organisations = _holding(session)
    if people or organisations:
        raise Conflict(
            T(
                "errors",
                "The database already holds data ({people} accounts, {organisations} organisations): "
                "use --force to wipe it and fill it again, or --if-empty to leave it as it is.",
            ),
            people=people,
            organisations=organisations,
        )


def _hash_all(passwords: Sequence[str], hasher: Callable[[str], str], workers: int | None) -> list[str]:
    # Each Argon2 hash holds 64 MiB while it runs: a few threads at most.
    workers = max(1, workers or min(8, os.cpu_count() or 1))
    if workers == 1 or len(passwords) < 2:
        return [hasher(p) for p in passwords]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="demo-hash") as pool:
        return list(pool.map(hasher, passwords))


# --------------------------------------------------------------------------- the generator


@dataclass
class _PlannedPerson:
    email: str
    password: str
    name: str
    role: str
    organisation: str | None
    org_key: str | None = None
    also_volunteer: bool = False


@dataclass
class _Place:
    latitude: float
    longitude: float
    district: tuple[str, str]


@dataclass
class _Volunteer:
    person: Person
    skills: dict[str, int]
    home: _Place
    radius_km: float
    orgs: list[str]  # organisation keys
    slots: list[tuple[int, int, int]]  # weekday, start minute, end minute (local)
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass
class _Org:
    template: OrgTemplate
    row: Organisation
    base: _Place
    address: str
    admin: Person | None = None
    coordinators: list[Person] = field(default_factory=list)


class _Builder:
    """Everything random comes from ``rng``, in a fixed order, so a seed gives the same community."""

    def __init__(self, rng: random.Random, city: City, lang: str, now: datetime) -> None:
        self.rng = rng
        self.city = city
        self.lang = lang
        self.now = now
        self.zone = ZoneInfo(city.timezone)
        self.today = now.astimezone(self.zone).date()
        self.org_templates: list[OrgTemplate] = []
        self.orgs: dict[str, _Org] = {}
        self.volunteers: list[_Volunteer] = []
        self.skills: dict[str, Skill] = {}
        self.org_by_id: dict[int, _Org] = {}
        self._distances: dict[int, list[float]] = {}
        # Neighbourhood centres: people and places cluster around them, as they do in a city.
        self.hubs: list[tuple[float, float, tuple[str, str]]] = []
        for i in range(6):
            angle, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0.8, 8.0)
            self.hubs.append((dist * math.cos(angle), dist * math.sin(angle), city.districts[i % len(city.districts)]))

    # ---- small helpers

    def text(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "zh" else pair[1]

    def local(self, day: date, minute: int) -> datetime:
        return (
            datetime.combine(day, clock(), tzinfo=self.zone)
            .replace(hour=minute // 60, minute=minute % 60)
            .astimezone(UTC)
        )

    def between(self, earliest: datetime, latest: datetime) -> datetime:
        """A whole minute between the two."""
        minutes = int((latest - earliest).total_seconds() // 60)
        return earliest + timedelta(minutes=self.rng.randint(0, max(0, minutes)))

    def place(self, spread_km: float = 1.5, outskirts: float = 0.0) -> _Place:
        rng = self.rng
        hx, hy, district = rng.choice(self.hubs)
        if rng.random() < outskirts:
            x, y = rng.gauss(0, 7.0), rng.gauss(0, 7.0)
            district = min(self.hubs, key=lambda h: (h[0] - x) ** 2 + (h[1] - y) ** 2)[2]
        else:
            x, y = hx + rng.gauss(0, spread_km), hy + rng.gauss(0, spread_km)
        lat = self.city.latitude + y / 111.32
        lon = self.city.longitude + x / (111.32 * math.cos(math.radians(self.city.latitude)))
        return _Place(max(-90.0, min(90.0, lat)), (lon + 180) % 360 - 180, district)

    def address(self, place: _Place, venue: tuple[str, str] | None = None) -> str:
        street = self.rng.choice(self.city.streets)
        number = self.rng.randint(1, 399)
        if self.city.chinese and self.lang == "zh":
            text = f"{self.city.name_zh}市{place.district[0]}{street[0]}{number}号"
            return f"{text} {venue[0]}" if venue else text
        district, road = (place.district[1], street[1]) if self.city.chinese else (place.district[0], street[0])
        text = f"{number} {road}, {district}, {self.city.name_en}"
        return f"{self.text(venue)}, {text}" if venue else text

    def person_name(self) -> str:
        rng = self.rng
        if self.city.chinese:
            surname, given = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN)
            return surname[0] + given[0] if self.lang == "zh" else f"{surname[1]} {given[1]}"
        return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"

    def password(self) -> str:
        words = self.rng.sample(PASSWORD_WORDS, 3)
        return f"{'-'.join(words)}-{self.rng.randint(10, 99)}"

    # ---- accounts (planned first: their passwords are hashed before the transaction)

    def plan_people(self, volunteers: int) -> list[_PlannedPerson]:
        rng = self.rng
        count = rng.randint(3, len(ORGANISATIONS))
        self.org_templates = [*ORGANISATIONS[:3], *rng.sample(ORGANISATIONS[3:], count - 3)]
        people = [_PlannedPerson(f"admin@{DEMO_DOMAIN}", self.password(), self.person_name(), "site_admin", None)]
        for index, tpl in enumerate(self.org_templates):
            org_name = self.org_name(tpl)
            people.append(
                _PlannedPerson(
                    f"admin.{tpl.key}@{DEMO_DOMAIN}",
                    self.password(),
                    self.person_name(),
                    Role.ADMIN.value,
                    org_name,
                    tpl.key,
                )
            )
            # The first organisation's first coordinator volunteers there too; a second coordinator
            # then verifies their hours (nobody verifies their own).
            for n in range(2 if index == 0 else rng.randint(1, 2)):
                suffix = "" if n == 0 else f".{n + 1}"
                people.append(
                    _PlannedPerson(
                        f"coord.{tpl.key}{suffix}@{DEMO_DOMAIN}",
                        self.password(),
                        self.person_name(),
                        Role.COORDINATOR.value,
                        org_name,
                        tpl.key,
                        also_volunteer=index == 0 and n == 0,
                    )
                )
        width = max(3, len(str(volunteers)))
        for n in range(1, volunteers + 1):
            orgs = rng.sample(self.org_templates, rng.choice((1, 1, 2)))
            people.append(
                _PlannedPerson(
                    f"v{n:0{width}d}@{DEMO_DOMAIN}",
                    self.password(),
                    self.person_name(),
                    Role.VOLUNTEER.value,
                    self.org_name(orgs[0]),
                    ",".join(o.key for o in orgs),
                )
            )
        return people

    def org_name(self, tpl: OrgTemplate) -> str:
        district = self.hubs[0][2]
        if self.lang == "zh":
            return tpl.zh.format(city=self.city.name_zh, district=district[0])
        return tpl.en.format(city=self.city.name_en, district=district[1] if self.city.chinese else district[0])

    # ---- writing

    def write(self, session: Session, people: list[_PlannedPerson], hashes: list[str], n_tasks: int) -> dict[str, int]:
        self.skills = {key: Skill(key=key, label=en, label_zh=zh) for key, en, zh in SKILLS}
        session.add_all(self.skills.values())
        self.write_organisations(session)
        self.write_people(session, people, hashes)
        session.flush()
        self.org_by_id = {o.row.id: o for o in self.orgs.values()}
        self.write_volunteer_details(session)
        upcoming = self.write_upcoming(session, n_tasks)
        session.flush()
        n_signups = self.write_upcoming_signups(session, upcoming)
        past_counts = self.write_past_month(session, n_tasks)
        return {
            "organisations": len(self.orgs),
            "accounts": len(people),
            "site_admins": 1,
            "org_admins": len(self.orgs),
            "coordinators": sum(len(o.coordinators) for o in self.orgs.values()),
            "volunteers": sum(p.role == Role.VOLUNTEER.value for p in people),
            "coordinators_volunteering": sum(p.also_volunteer for p in people),
            "skills": len(self.skills),
            "tasks": len(upcoming),
            "upcoming_occurrences": sum(len(t.occurrences) for t in upcoming),
            "signups": n_signups,
            **past_counts,
        }

    def write_organisations(self, session: Session) -> None:
        for tpl in self.org_templates:
            base = self.place(spread_km=1.0)
            row = Organisation(
                name=self.org_name(tpl),
                contact_email=f"contact.{tpl.key}@{DEMO_DOMAIN}",
                created_at=self.now - timedelta(days=self.rng.randint(200, 900)),
            )
            session.add(row)
            self.orgs[tpl.key] = _Org(tpl, row, base, self.address(base, (tpl.venue_zh, tpl.venue_en)))

    def write_people(self, session: Session, people: list[_PlannedPerson], hashes: list[str]) -> None:
        for planned, hashed in zip(people, hashes, strict=True):
            joined = self.now - timedelta(days=self.rng.randint(30, 400), hours=self.rng.randint(0, 23))
            person = Person(
                email=planned.email,
                display_name=planned.name,
                password_hash=hashed,
                is_admin=planned.role == "site_admin",
                created_at=joined,
            )
            session.add(person)
            if planned.role == "site_admin":
                continue
            keys = (planned.org_key or "").split(",")
            for key in keys:
                person.memberships.append(
                    Membership(organisation=self.orgs[key].row, role=Role(planned.role), created_at=joined)
                )
                if planned.also_volunteer:
                    person.memberships.append(
                        Membership(organisation=self.orgs[key].row, role=Role.VOLUNTEER, created_at=joined)
                    )
            org = self.orgs[keys[0]]
            if planned.role == Role.ADMIN.value:
                org.admin = person
                org.row.person_in_charge = planned.name
            elif planned.role == Role.COORDINATOR.value:
                org.coordinators.append(person)
            if planned.role == Role.VOLUNTEER.value or planned.also_volunteer:
                home = self.place(outskirts=0.15)
                # Homes are stored to about 100 m, as places.set_home does unless asked for more.
                home = _Place(*reduce_precision(home.latitude, home.longitude, HOME_PRECISION_METRES), home.district)
                self.volunteers.append(_Volunteer(person, {}, home, 5.0, keys, []))

    def write_volunteer_details(self, session: Session) -> None:
        rng = self.rng
        keys = list(SKILL_WEIGHTS)
        weights = list(SKILL_WEIGHTS.values())
        for vol in self.volunteers:
            chosen: dict[str, int] = {}
            wanted = rng.choice((1, 2, 2, 3, 3, 4))
            while len(chosen) < wanted:
                chosen.setdefault(rng.choices(keys, weights)[0], rng.choices((1, 2, 3, 4, 5), (2, 4, 4, 2, 1))[0])
            vol.skills = chosen
            vol.radius_km = rng.choice((2.0, 3.0, 5.0, 5.0, 8.0, 10.0, 15.0))
            languages = ["zh"] if self.city.chinese else ["en"]
            if rng.random() < 0.3:
                languages.append("en" if self.city.chinese else rng.choice(("es", "zh", "fr", "ar", "hi")))
            if "sign_language" in chosen and self.city.sign_language:
                languages.append(self.city.sign_language)
            home = vol.home
            vol.person.profile = VolunteerProfile(
                home_address=self.address(home),
                home_latitude=home.latitude,
                home_longitude=home.longitude,
                radius_km=vol.radius_km,
                languages=",".join(languages),
                weekly_hour_cap_minutes=rng.choice((120, 180, 240, 360)) if rng.random() < 0.4 else None,
                timezone=self.city.timezone,
                updated_at=vol.person.created_at,
            )
            pid = vol.person.id
            session.add_all(
                VolunteerSkill(person_id=pid, skill_id=self.skills[k].id, level=lvl)
                for k, lvl in sorted(chosen.items())
            )
            vol.slots = self.weekly_pattern()
            session.add_all(
                AvailabilitySlot(person_id=pid, weekday=d, start_minute=s, end_minute=e) for d, s, e in vol.slots
            )
            if rng.random() < 0.35:
                session.add(self.exception(vol))

    def weekly_pattern(self) -> list[tuple[int, int, int]]:
        """Free hours of one of a few kinds of people, never overlapping within a day."""
        rng = self.rng
        kind = rng.choice(("worker", "worker", "worker", "retired", "student", "shifts"))
        slots: list[tuple[int, int, int]] = []
        if kind == "worker":
            for day in sorted(rng.sample(range(5), rng.randint(1, 3))):
                slots.append((day, rng.choice((1080, 1110, 1140)), rng.choice((1260, 1290, 1320))))
            for day in rng.sample((5, 6), rng.randint(1, 2)):
                slots.append((day, rng.choice((480, 540, 600)), rng.choice((720, 1020, 1080))))
        elif kind == "retired":
            for day in sorted(rng.sample(range(7), rng.randint(3, 5))):
                slots.append((day, rng.choice((450, 480, 510)), rng.choice((660, 690, 720))))
                if rng.random() < 0.5:
                    slots.append((day, 840, rng.choice((990, 1020))))
        elif kind == "student":
            for day in sorted(rng.sample(range(5), rng.randint(2, 4))):
                slots.append((day, rng.choice((960, 990)), 1200))
            for day in (5, 6):
                slots.append((day, 540, rng.choice((1080, 1140))))
        else:
            for day in sorted(rng.sample(range(7), rng.randint(2, 4))):
                start = rng.choice((420, 600, 780, 900))
                slots.append((day, start, start + rng.choice((180, 240, 300))))
        return sorted(slots)

    def exception(self, vol: _Volunteer) -> AvailabilityException:
        """A trip away in the next two weeks (nobody signs them up then), or a day with extra free time."""
        rng = self.rng
        day = self.today + timedelta(days=rng.randint(1, UPCOMING_DAYS - 2))
        if rng.random() < 0.6:
            away = (self.local(day, 0), self.local(day + timedelta(days=rng.randint(1, 4)), 0))
            vol.busy.append(away)
            return AvailabilityException(
                person_id=vol.person.id,
                kind=AvailabilityKind.AWAY,
                starts_at=away[0],
                ends_at=away[1],
                note=self.text(rng.choice(AWAY_NOTES)),
            )
        start = rng.choice((540, 780))
        return AvailabilityException(
            person_id=vol.person.id,
            kind=AvailabilityKind.EXTRA,
            starts_at=self.local(day, start),
            ends_at=self.local(day, 1080),
            note=self.text(rng.choice(EXTRA_NOTES)),
        )

    # ---- tasks

    def pick_template(self, remote: bool, kind: TaskKind) -> tuple[TaskTemplate, _Org]:
        kinds = ("fixed", "both") if kind is TaskKind.FIXED else ("flexible", "both")
        candidates = [t for t in TASKS if t.org in self.orgs and t.remote == remote and t.kinds in kinds]
        tpl = self.rng.choice(candidates)
        return tpl, self.orgs[tpl.org]

    def task_times(
        self, tpl: TaskTemplate, kind: TaskKind, first_day: int, last_day: int
    ) -> tuple[datetime, datetime, int | None]:
        """Start, end and (flexible) minutes of a task on a day between the offsets (from today, local)."""
        rng = self.rng
        days = [self.today + timedelta(days=d) for d in range(first_day, last_day + 1)]
        if tpl.when == "weekend":
            days = [d for d in days if d.weekday() >= 5] or days
        day = rng.choice(days)
        if kind is TaskKind.FLEXIBLE:
            minutes = rng.choice((60, 90, 120))
            if rng.random() < 0.3 and day < days[-1]:  # "any time over the next couple of days"
                return self.local(day, 540), self.local(min(days[-1], day + timedelta(days=2)), 1260), minutes
            start = rng.choice((480, 540, 600))
            return self.local(day, start), self.local(day, start + rng.choice((240, 360, 480))), minutes
        begin = rng.choice(SHIFT_STARTS.get(tpl.when, (540, 600, 780, 840, 900)))
        return self.local(day, begin), self.local(day, begin + rng.choice((60, 90, 120, 120, 150, 180))), None

    def new_task(
        self,
        session: Session,
        tpl: TaskTemplate,
        org: _Org,
        kind: TaskKind,
        when: tuple[datetime, datetime, int | None],
        status: TaskStatus,
        repeat_until: date | None,
    ) -> Task:
        rng = self.rng
        starts_at, ends_at, minutes = when
        requires = {k: max(1, min(5, lvl + rng.choice((-1, 0, 0, 1)))) for k, lvl in tpl.skills}
        if requires and rng.random() < 0.25:
            requires.pop(rng.choice(sorted(requires)))
        place: _Place | None = None
        address = None
        if not tpl.remote:
            if rng.random() < 0.6:
                place, address = org.base, org.address
            else:
                place = self.place(spread_km=1.2)
                address = self.address(place)
        contact = rng.choice(org.coordinators)
        data = tasks.TaskInput(
            organisation_id=org.row.id,
            title=self.text((tpl.zh, tpl.en)),
            starts_at=starts_at,
            ends_at=ends_at,
            kind=kind,
            minutes=minutes,
            description=self.text((tpl.desc_zh, tpl.desc_en)),
            category=self.text(CATEGORY_LABELS[tpl.category]),
            address=address,
            latitude=round(place.latitude, 5) if place else None,
            longitude=round(place.longitude, 5) if place else None,
            is_remote=tpl.remote,
            requires=requires,
            slots=rng.randint(1, tpl.max_slots),
            priority=rng.choices((1, 2, 3, 4, 5), (15, 25, 35, 15, 10))[0],
            status=status,
            contact_person_id=contact.id,
            repeat_weekly_until=repeat_until,
            timezone=self.city.timezone,
        )
        tasks.validate(data)  # the demo obeys the same rules as a coordinator's form
        posted = min(self.now, starts_at) - timedelta(days=rng.randint(2, 10))
        task = Task(
            organisation_id=org.row.id, created_by_id=contact.id, kind=kind, created_at=posted, updated_at=posted
        )
        tasks.apply_input(session, task, data)  # the one mapping of a form onto a task row
        session.add(task)
        tasks.sync_occurrences(session, task)
        return task

    def mix(self, n: int) -> list[tuple[bool, TaskKind]]:
        """(remote, kind) for n tasks: about 70 % fixed shifts, 20 % flexible windows, 10 % remote."""
        n_remote = max(1, round(n * 0.1)) if n >= 3 else 0
        n_flex = max(1, round(n * 0.2)) if n >= 2 else 0
        mix = [(False, TaskKind.FIXED)] * (n - n_remote - n_flex) + [(False, TaskKind.FLEXIBLE)] * n_flex
        for _ in range(n_remote):
            mix.append((True, self.rng.choice((TaskKind.FIXED, TaskKind.FLEXIBLE))))
        self.rng.shuffle(mix)
        return mix

    def write_upcoming(self, session: Session, n: int) -> list[Task]:
        rng = self.rng
        mix = self.mix(n)
        drafts = set(rng.sample(range(n), round(n * 0.07)))
        others = [i for i in range(n) if i not in drafts]
        recurring = set(rng.sample(others, min(len(others), max(1, round(n * 0.15))))) if others else set()
        made = []
        for i, (remote, kind) in enumerate(mix):
            tpl, org = self.pick_template(remote, kind)
            when = self.task_times(tpl, kind, 1, UPCOMING_DAYS)
            until = None
            if i in recurring:
                until = when[0].astimezone(self.zone).date() + timedelta(weeks=RECURRING_WEEKS - 1)
            status = TaskStatus.DRAFT if i in drafts else TaskStatus.OPEN
            made.append(self.new_task(session, tpl, org, kind, when, status, until))
        return made

    # ---- signups

    def enlist(self, task: Task, occ: TaskOccurrence, count: int) -> list[tuple[_Volunteer, datetime, datetime]]:
        """Up to ``count`` different volunteers for one occurrence, each with their stint (now busy then)."""
        chosen: list[tuple[_Volunteer, datetime, datetime]] = []
        for _ in range(count):
            start, end = self.stint(task, occ)
            taken = {id(vol) for vol, _, _ in chosen}
            pool = [vol for vol in self.candidates(task, start, end) if id(vol) not in taken]
            if not pool:
                break
            pool[0].busy.append((start, end))
            chosen.append((pool[0], start, end))
        return chosen

    def candidates(self, task: Task, start: datetime, end: datetime) -> list[_Volunteer]:
        """Volunteers with the skills and free then; members, nearby and available ones first."""
        skill_keys = {s.id: k for k, s in self.skills.items()}
        needs = {skill_keys[r.skill_id]: r.min_level for r in task.requirements}
        key = self.org_by_id[task.organisation_id].template.key
        distances = self.distances(task)
        found = []
        for i, vol in enumerate(self.volunteers):
            if not fits(vol.skills, needs) or any(s < end and start < e for s, e in vol.busy):
                continue
            near = distances is None or distances[i] <= vol.radius_km
            score = 4 * (key in vol.orgs) + 2 * near + self.available(vol, start, end)
            found.append((-score, self.rng.random(), vol))
        found.sort(key=lambda t: (t[0], t[1]))
        return [vol for _, _, vol in found]

    def distances(self, task: Task) -> list[float] | None:
        """Each volunteer's distance (km) from the task's place, as the matching engine measures it."""
        if task.latitude is None or task.longitude is None:
            return None
        cached = self._distances.get(id(task))
        if cached is None:
            lats = [v.home.latitude for v in self.volunteers]
            lons = [v.home.longitude for v in self.volunteers]
            cached = geodesic_km_many(lats, lons, task.latitude, task.longitude).tolist()
            self._distances[id(task)] = cached
        return cached

    def available(self, vol: _Volunteer, start: datetime, end: datetime) -> bool:
        s, e = start.astimezone(self.zone), end.astimezone(self.zone)
        if s.date() != e.date():
            return False
        s_min, e_min = s.hour * 60 + s.minute, e.hour * 60 + e.minute
        return any(d == s.weekday() and a <= s_min and e_min <= b for d, a, b in vol.slots)

    def stint(self, task: Task, occ: TaskOccurrence) -> tuple[datetime, datetime]:
        if task.kind is TaskKind.FIXED:
            return occ.starts_at, occ.ends_at
        assert task.minutes is not None
        steps = []
        t = occ.starts_at
        while t + timedelta(minutes=task.minutes) <= occ.ends_at:
            local = t.astimezone(self.zone)
            if 8 * 60 <= local.hour * 60 + local.minute <= 21 * 60 - task.minutes:
                steps.append(t)
            t += timedelta(minutes=30)
        return signups.stint(task, occ, self.rng.choice(steps or [occ.starts_at]))

    def write_upcoming_signups(self, session: Session, upcoming: list[Task]) -> int:
        rng = self.rng
        made = 0
        horizon = self.now + timedelta(days=UPCOMING_DAYS + 1)
        for task in upcoming:
            if task.status is not TaskStatus.OPEN:
                continue
            for occ in task.occurrences:
                if occ.starts_at > horizon:
                    break
                wanted = round(task.slots * rng.choice((0, 0.25, 0.5, 0.75, 1.0, 1.0)))
                waitlist = rng.randint(1, 2) if wanted == task.slots and rng.random() < 0.5 else 0
                # Confirmed signups never exceed the slots; the waitlist only forms once they are full.
                for n, (vol, start, end) in enumerate(self.enlist(task, occ, wanted + waitlist)):
                    by_coordinator = rng.random() < 0.2
                    made_at = self.between(task.created_at, self.now)
                    session.add(
                        Signup(
                            occurrence_id=occ.id,
                            person_id=vol.person.id,
                            status=SignupStatus.CONFIRMED if n < wanted else SignupStatus.WAITLISTED,
                            source=SignupSource.COORDINATOR if by_coordinator else SignupSource.SELF,
                            starts_at=start,
                            ends_at=end,
                            created_by_id=task.created_by_id if by_coordinator else vol.person.id,
                            created_at=made_at,
                            updated_at=made_at,
                        )
                    )
                    made += 1
        return made

    # ---- the past month

    def write_past_month(self, session: Session, n: int) -> dict[str, int]:
        rng = self.rng
        records: list[ServiceRecord] = []
        past_signups = 0
        for remote, kind in self.mix(n):
            tpl, org = self.pick_template(remote, kind)
            task = self.new_task(
                session, tpl, org, kind, self.task_times(tpl, kind, -PAST_DAYS, -1), TaskStatus.CLOSED, None
            )
            session.flush()
            for occ in task.occurrences:
                for n_served, (vol, start, end) in enumerate(self.enlist(task, occ, rng.randint(1, task.slots))):
                    past_signups += 1
                    no_show = n_served > 0 and rng.random() < 0.08
                    session.add(
                        Signup(
                            occurrence_id=occ.id,
                            person_id=vol.person.id,
                            source=SignupSource.SELF,
                            status=SignupStatus.NO_SHOW if no_show else SignupStatus.COMPLETED,
                            starts_at=start,
                            ends_at=end,
                            created_by_id=vol.person.id,
                            created_at=self.between(task.created_at, start),
                            updated_at=end + timedelta(minutes=rng.randint(5, 60)),
                        )
                    )
                    if not no_show:
                        records.append(self.service_record(org, vol, occ, start, end))
        session.add_all(records)
        self.decide(records)
        session.flush()  # the corrections need the ids of the records they correct
        corrections = self.corrections(records)
        session.add_all(corrections)
        all_records = records + corrections
        session.flush()
        # Every decision goes into its organisation's hash-chained ledger, in the order it was made,
        # as the services do it, so `ledger verify` finds the demo intact.
        decided = sorted((r for r in all_records if r.decided_at is not None), key=lambda r: (r.decided_at, r.id))
        for record in decided:
            action = "verify" if record.status is ServiceStatus.VERIFIED else "reject"
            ledger.append(session, record.organisation_id, action, record.decided_by_id, record=record)
        return {
            "past_tasks": n,
            "past_signups": past_signups,
            "service_records": len(all_records),
            "verified": sum(r.status is ServiceStatus.VERIFIED for r in all_records),
            "pending": sum(r.status is ServiceStatus.PENDING for r in all_records),
            "rejected": sum(r.status is ServiceStatus.REJECTED for r in all_records),
            "corrections": len(corrections),
        }

    def service_record(
        self, org: _Org, vol: _Volunteer, occ: TaskOccurrence, start: datetime, end: datetime
    ) -> ServiceRecord:
        rng = self.rng
        minutes = int((end - start).total_seconds() // 60)
        late = rng.choice((0, 0, 0, 0, 15, 30)) if minutes > 60 else 0
        by_coordinator = rng.random() < 0.4
        return ServiceRecord(
            person_id=vol.person.id,
            organisation_id=org.row.id,
            occurrence_id=occ.id,
            started_at=start,
            ended_at=end,
            credited_minutes=minutes - late,
            status=ServiceStatus.PENDING,
            created_by_id=rng.choice(org.coordinators).id if by_coordinator else vol.person.id,
            created_at=min(end + timedelta(minutes=rng.randint(10, 240)), self.now - timedelta(hours=1)),
        )

    def decide(self, records: list[ServiceRecord]) -> None:
        """Mostly verified; recent ones still pending; a few rejected. Each status at least once."""
        rng = self.rng
        statuses = []
        for record in records:
            recent = self.now - record.ended_at < timedelta(days=3)
            roll = rng.random()
            if (recent and roll < 0.7) or roll < 0.08:
                statuses.append(ServiceStatus.PENDING)
            elif roll < 0.16:
                statuses.append(ServiceStatus.REJECTED)
            else:
                statuses.append(ServiceStatus.VERIFIED)
        if len(records) >= 3:
            by_age = sorted(range(len(records)), key=lambda i: records[i].ended_at)
            for wanted in (ServiceStatus.PENDING, ServiceStatus.VERIFIED, ServiceStatus.REJECTED):
                if wanted not in statuses:
                    # Take it from a status that others share (there is one: three records, at most two statuses);
                    # the newest record is the likeliest to be still pending.
                    shared = Counter(statuses)
                    order = reversed(by_age) if wanted is ServiceStatus.PENDING else iter(by_age)
                    statuses[next(i for i in order if shared[statuses[i]] > 1)] = wanted
        for record, status in zip(records, statuses, strict=True):
            if status is not ServiceStatus.PENDING:
                self.decide_one(record, status)

    def decide_one(self, record: ServiceRecord, status: ServiceStatus, reason: str | None = None) -> None:
        rng = self.rng
        org = self.org_by_id[record.organisation_id]
        deciders = [c for c in org.coordinators if c.id != record.person_id]  # nobody decides on their own hours
        record.status = status
        record.decided_by_id = rng.choice(deciders).id
        # Records are created at least an hour before now (see service_record), so this is after creation.
        record.decided_at = min(
            record.created_at + timedelta(hours=rng.randint(2, 72)), self.now - timedelta(minutes=30)
        )
        if status is ServiceStatus.REJECTED:
            record.decision_reason = reason or self.text(rng.choice(REJECT_REASONS))
        elif rng.random() < 0.2:
            record.decision_reason = self.text(rng.choice(THANKS))

    def corrections(self, records: list[ServiceRecord]) -> list[ServiceRecord]:
        """One or two corrections of verified records: the volunteer stayed longer than first recorded."""
        verified = [r for r in records if r.status is ServiceStatus.VERIFIED]
        made = []
        for old in self.rng.sample(verified, min(len(verified), 1 if len(records) < 20 else 2)):
            extra = timedelta(minutes=30)
            new = ServiceRecord(
                person_id=old.person_id,
                organisation_id=old.organisation_id,
                occurrence_id=old.occurrence_id,
                started_at=old.started_at,
                ended_at=old.ended_at + extra,
                credited_minutes=old.credited_minutes + 30,
                corrects_id=old.id,
                status=ServiceStatus.PENDING,
                created_by_id=old.created_by_id,
                created_at=min((old.decided_at or old.created_at) + timedelta(hours=2), self.now - timedelta(hours=1)),
            )
            if new.created_at < self.now - timedelta(hours=3) and self.rng.random() < 0.5:
                self.decide_one(new, ServiceStatus.VERIFIED)
            made.append(new)
        return made
