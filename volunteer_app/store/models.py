"""The data model (SQLAlchemy 2, typed).

Constraints that a database can enforce are declared here, so a bug in a
service or a hand-written SQL statement cannot store what the rules forbid.
All times are UTC (see ``UTCDateTime``); durations are whole minutes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import true as sa_true

from volunteer_app.domain.enums import (
    AvailabilityKind,
    RequestKind,
    RequestStatus,
    Role,
    ServiceStatus,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.store.types import UTCDateTime, str_enum, utcnow

# Named constraints let Alembic alter SQLite tables (batch mode) reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


def _lat_lon_checks(prefix: str = "") -> tuple[CheckConstraint, ...]:
    lat, lon = f"{prefix}latitude", f"{prefix}longitude"
    return (
        CheckConstraint(f"({lat} IS NULL) = ({lon} IS NULL)", name=f"{prefix}coordinates_pair"),
        CheckConstraint(f"{lat} IS NULL OR ({lat} >= -90 AND {lat} <= 90)", name=f"{prefix}latitude_range"),
        CheckConstraint(f"{lon} IS NULL OR ({lon} >= -180 AND {lon} <= 180)", name=f"{prefix}longitude_range"),
    )


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    person_in_charge: Mapped[str | None] = mapped_column(String(200))
    handler: Mapped[str | None] = mapped_column(String(200))  # 经办人: who handles the paperwork
    address: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai", server_default="Asia/Shanghai")
    seal_image: Mapped[bytes | None] = mapped_column(LargeBinary)  # PNG or SVG, for certificates
    seal_mime: Mapped[str | None] = mapped_column(String(50))
    # Hour-crediting rules: credit is rounded down to a multiple of this many minutes...
    credit_step_minutes: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # ... given only when at least this share (percent) of the stint was attended ...
    credit_min_attendance_percent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # ... and never more than the stint's length when this is set.
    credit_cap_to_stint: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("credit_step_minutes BETWEEN 1 AND 60", name="credit_step_range"),
        CheckConstraint("credit_min_attendance_percent BETWEEN 0 AND 100", name="credit_attendance_range"),
    )


class Person(Base):
    """Someone with an account; email is the login."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    # Deferred: on a shared server no person may read it (the column is not granted); loaded only when used.
    password_hash: Mapped[str] = mapped_column(String(200), deferred=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)  # runs this installation
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who made the account (None: the first administrator, the demo, or before 0004). A plain
    # number, not a foreign key: it only lets its maker read the account back on a shared server.
    created_by_id: Mapped[int | None] = mapped_column(Integer)

    memberships: Mapped[list[Membership]] = relationship(back_populates="person", cascade="all, delete-orphan")
    profile: Mapped[VolunteerProfile | None] = relationship(back_populates="person", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("email = lower(email) AND email LIKE '%_@_%'", name="email_normalised"),
        CheckConstraint("length(trim(display_name)) > 0", name="display_name_not_blank"),
    )


class Membership(Base):
    """A person's role in one organisation (a person may hold several)."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship()

    __table_args__ = (UniqueConstraint("person_id", "organisation_id", "role"),)


class VolunteerProfile(Base):
    __tablename__ = "volunteer_profile"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    home_address: Mapped[str | None] = mapped_column(Text)
    # Stored rounded (about 100 m) unless the volunteer asks for more precision.
    home_latitude: Mapped[float | None] = mapped_column(Float)
    home_longitude: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float] = mapped_column(Float, default=5.0)
    languages: Mapped[str] = mapped_column(String(200), default="")  # comma-separated BCP 47 tags
    weekly_hour_cap_minutes: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    id_type: Mapped[str | None] = mapped_column(String(50))
    id_number_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship(back_populates="profile")

    __table_args__ = (
        *_lat_lon_checks("home_"),
        CheckConstraint("radius_km > 0 AND radius_km <= 500", name="radius_range"),
        CheckConstraint(
            "weekly_hour_cap_minutes IS NULL OR weekly_hour_cap_minutes >= 0", name="weekly_cap_not_negative"
        ),
        CheckConstraint("id_number_encrypted IS NULL OR id_type IS NOT NULL", name="id_number_has_type"),
    )


class Skill(Base):
    """The skills catalogue: a stable key plus a label people read."""

    __tablename__ = "skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    label_zh: Mapped[str | None] = mapped_column(String(200))


class VolunteerSkill(Base):
    __tablename__ = "volunteer_skill"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="RESTRICT"), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)

    skill: Mapped[Skill] = relationship()

    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)


class AvailabilitySlot(Base):
    """A recurring weekly free slot in the volunteer's own time zone."""

    __tablename__ = "availability_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    start_minute: Mapped[int] = mapped_column(Integer)  # minutes after local midnight
    end_minute: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute", name="minutes"),
    )


class AvailabilityException(Base):
    """A dated change to the weekly pattern: away, or extra free time."""

    __tablename__ = "availability_exception"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AvailabilityKind] = mapped_column(str_enum(AvailabilityKind, "availability_kind"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("starts_at < ends_at", name="order"),)


class Task(Base):
    """What an organisation needs done; dated instances are ``TaskOccurrence`` rows."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    is_remote: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[TaskKind] = mapped_column(str_enum(TaskKind, "task_kind"))
    # Fixed: the shift. Flexible: the window in which ``minutes`` are served.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    minutes: Mapped[int | None] = mapped_column(Integer)
    slots: Mapped[int] = mapped_column(Integer, default=1)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[TaskStatus] = mapped_column(str_enum(TaskStatus, "task_status"), default=TaskStatus.DRAFT)
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # Weekly recurrence: the same local clock time every week until this date.
    repeat_weekly_until: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    requirements: Mapped[list[TaskSkill]] = relationship(cascade="all, delete-orphan")
    occurrences: Mapped[list[TaskOccurrence]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskOccurrence.starts_at"
    )

    __table_args__ = (
        *_lat_lon_checks(),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("starts_at < ends_at", name="order"),
        CheckConstraint("slots >= 1", name="slots_positive"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority_range"),
        CheckConstraint(
            "(kind = 'fixed' AND minutes IS NULL) OR (kind = 'flexible' AND minutes IS NOT NULL AND minutes > 0)",
            name="kind_minutes",
        ),
        CheckConstraint("NOT is_remote OR latitude IS NULL", name="remote_has_no_place"),
        Index("ix_task_status_starts_at", "status", "starts_at"),
        # Suggestions look up open tasks inside a volunteer's bounding box, or remote ones.
        Index("ix_task_geo", "status", "latitude", "longitude"),
        Index("ix_task_is_remote", "is_remote", "status"),
    )


class TaskSkill(Base):
    __tablename__ = "task_skill"

    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="RESTRICT"), primary_key=True)
    min_level: Mapped[int] = mapped_column(Integer)

    skill: Mapped[Skill] = relationship()

    __table_args__ = (CheckConstraint("min_level BETWEEN 1 AND 5", name="min_level_range"),)


class TaskOccurrence(Base):
    """One dated instance of a task (a one-off task has exactly one)."""

    __tablename__ = "task_occurrence"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    is_cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The suggestions' spatio-temporal index, a copy of the task's place and shape kept by
    # ``services.tasks.sync_occurrences``: the task's map cell (``tasks.grid_cell``; -1 when
    # remote; NULL when not indexed, e.g. no place, which suggestions read the slow way) and
    # the shape of its time (0 fixed shift, 1 flexible window up to 12 h, 2 longer window).
    grid_cell: Mapped[int | None] = mapped_column(Integer)
    span_class: Mapped[int | None] = mapped_column(Integer)

    task: Mapped[Task] = relationship(back_populates="occurrences")

    __table_args__ = (
        UniqueConstraint("task_id", "starts_at"),
        CheckConstraint("starts_at < ends_at", name="order"),
        Index("ix_task_occurrence_starts_at", "starts_at"),
        # Covers the time checks of suggestions, so only matching rows are read from the table.
        Index("ix_task_occurrence_task_window", "task_id", "starts_at", "ends_at", "is_cancelled"),
        # Suggestions: one index range per (map cell, shape, free interval); covering, so
        # only occurrences near the volunteer and inside their free time are read.
        Index(
            "ix_task_occurrence_cell_time",
            "grid_cell", "span_class", "is_cancelled", "starts_at", "ends_at", "task_id",
        ),
    )


class Signup(Base):
    """A volunteer on a task occurrence. Status changes are recorded in the audit trail."""

    __tablename__ = "signup"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("task_occurrence.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    status: Mapped[SignupStatus] = mapped_column(str_enum(SignupStatus, "signup_status"))
    source: Mapped[SignupSource] = mapped_column(str_enum(SignupSource, "signup_source"))
    # The volunteer's own stint on a flexible task (equal to the shift on a fixed one).
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # When the signup joined the waitlist (its place in the queue); NULL when not waitlisted.
    queued_at: Mapped[datetime | None]
    # Check-in and check-out on the day (a coordinator records them; walk-ins too).
    checked_in_at: Mapped[datetime | None]
    checked_out_at: Mapped[datetime | None]
    # A coordinator placed someone despite a skill or free-time rule, and said why.
    override_reason: Mapped[str | None] = mapped_column(Text)

    occurrence: Mapped[TaskOccurrence] = relationship()
    person: Mapped[Person] = relationship(foreign_keys=[person_id])

    __table_args__ = (
        UniqueConstraint("occurrence_id", "person_id"),
        CheckConstraint("starts_at < ends_at", name="order"),
        CheckConstraint(
            "checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_in_at < checked_out_at)",
            name="check_out_after_in",
        ),
        Index("ix_signup_occurrence_status", "occurrence_id", "status"),
    )


class ServiceRecord(Base):
    """Hours served. Never edited after a decision: a correction is a new record.

    ``corrects_id`` points at the record a correction replaces; it is unique,
    so corrections form a chain rather than competing branches.
    """

    __tablename__ = "service_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    # Whose coordinators verify it: the task's organisation, or the one named for a free-text activity.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("task_occurrence.id", ondelete="RESTRICT"))
    activity: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    credited_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[ServiceStatus] = mapped_column(
        str_enum(ServiceStatus, "service_status"), default=ServiceStatus.PENDING
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("service_record.id", ondelete="RESTRICT"), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The crediting rule that produced ``credited_minutes`` (step, attendance share, cap, attended minutes).
    credit_rule: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        CheckConstraint("occurrence_id IS NOT NULL OR activity IS NOT NULL", name="what_was_done"),
        CheckConstraint("started_at < ended_at", name="order"),
        CheckConstraint("credited_minutes >= 0", name="minutes_not_negative"),
        CheckConstraint(
            "(status = 'pending' AND decided_by_id IS NULL AND decided_at IS NULL)"
            " OR (status <> 'pending' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL)",
            name="decision_complete",
        ),
        CheckConstraint("decided_by_id IS NULL OR decided_by_id <> person_id", name="no_self_verification"),
        CheckConstraint("corrects_id IS NULL OR corrects_id <> id", name="not_self_correction"),
        Index("ix_service_record_org_status", "organisation_id", "status"),
    )


class HoursRequest(Base):
    """A volunteer's "this is wrong" about their hours. It never edits a record: a coordinator
    accepts it (a correcting record is made through the correction chain) or declines it with a reason."""

    __tablename__ = "hours_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("service_record.id", ondelete="RESTRICT"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("task_occurrence.id", ondelete="SET NULL"))
    kind: Mapped[RequestKind] = mapped_column(str_enum(RequestKind, "request_kind"))
    message: Mapped[str] = mapped_column(Text)
    # What the volunteer says the times were (optional).
    proposed_started_at: Mapped[datetime | None]
    proposed_ended_at: Mapped[datetime | None]
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus, "request_status"), default=RequestStatus.OPEN)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("service_record.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("length(trim(message)) > 0", name="message_not_blank"),
        CheckConstraint("record_id IS NOT NULL OR kind = 'missing'", name="names_a_record"),
        CheckConstraint(
            "proposed_started_at IS NULL OR proposed_ended_at IS NULL OR proposed_started_at < proposed_ended_at",
            name="proposed_order",
        ),
        CheckConstraint(
            "(status = 'open' AND decided_at IS NULL) OR (status <> 'open' AND decided_at IS NOT NULL)",
            name="decision_complete",
        ),
        Index("ix_hours_request_org_status", "organisation_id", "status"),
    )


class Notice(Base):
    """Something the app tells one person (a cancelled task, a new proposal, decided hours).

    ``kind`` names a translatable template; ``params`` fills it."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("task_occurrence.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class ImportMapping(Base):
    """The column mapping a coordinator chose for a spreadsheet, remembered per header row."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # "tasks" or "volunteers"
    header_key: Mapped[str] = mapped_column(String(64))  # SHA-256 of the normalised header row
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> header
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("kind", "header_key"),)


class LedgerEntry(Base):
    """One decision on hours, appended to its organisation's hash chain; never updated or deleted.

    ``entry_hash`` = SHA-256 over the canonical encoding of the entry, the facts of the record
    it decides and ``prev_hash`` (see services/ledger.py and docs/trust.md)."""

    __tablename__ = "ledger_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the organisation
    action: Mapped[str] = mapped_column(String(32))  # verify, reject, request_accept, certificate_issue, ...
    # Indexed: the check looks up which entries cover a record or certificate (and so do FK checks).
    record_id: Mapped[int | None] = mapped_column(ForeignKey("service_record.id", ondelete="RESTRICT"), index=True)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id", ondelete="RESTRICT"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)  # what was decided, as hashed (canonical JSON text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (
        UniqueConstraint("organisation_id", "seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )


class OrganisationKey(Base):
    """An organisation's Ed25519 signing key: the public half in the clear, the private half only wrapped."""

    __tablename__ = "organisation_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw 32 bytes
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256 of the raw public key
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class KeyWrap(Base):
    """A secret (an organisation's private key, a data key) encrypted for one person with a key
    derived from their password. ``purpose`` says which secret; ``kdf`` holds the KDF's parameters."""

    __tablename__ = "key_wrap"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(64))  # e.g. "org-signing:12", "id-numbers:person:5"
    kdf: Mapped[dict[str, Any]] = mapped_column(default=dict)  # algorithm, salt (b64), costs
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("person_id", "purpose"),)


class TrustedKey(Base):
    """Another organisation's public key, imported as trusted (for certificates and statements)."""

    __tablename__ = "trusted_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class Certificate(Base):
    """The register of issued service certificates (志愿服务记录证明)."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    period_from: Mapped[date]
    period_to: Mapped[date]
    minutes: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10), default="zh")
    payload: Mapped[str] = mapped_column(Text)  # the signed QR text (VA1:...)
    record_ids: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {"records": [ids covered]}
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested: Mapped[bool] = mapped_column(Boolean, default=False)  # asked for by the volunteer
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("period_from <= period_to", name="period_order"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        CheckConstraint("(revoked_at IS NULL) = (revoke_reason IS NULL)", name="revocation_complete"),
    )


class CertificateRequest(Base):
    """A volunteer asks an organisation for a certificate of a period (from My hours)."""

    __tablename__ = "certificate_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    period_from: Mapped[date]
    period_to: Mapped[date]
    language: Mapped[str] = mapped_column(String(10), default="zh")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id", ondelete="SET NULL"))
    declined_reason: Mapped[str | None] = mapped_column(Text)


class ImportedStatement(Base):
    """A signed hour statement from another installation, verified on import (My hours shows it)."""

    __tablename__ = "imported_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    minutes: Mapped[int] = mapped_column(Integer)
    period_from: Mapped[date]
    period_to: Mapped[date]
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the signed part, as imported
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint(
            "person_id", "fingerprint", "period_from", "period_to", "minutes", name="uq_imported_statement_content"
        ),
    )


class AuditEvent(Base):
    """Who changed what, when. Written in the same transaction as the change."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))  # e.g. "task.create", "hours.verify"
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class GeocodeCacheEntry(Base):
    """Every geocoder answer, so the same address never goes out twice."""

    __tablename__ = "geocode_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(200))  # e.g. the Nominatim endpoint
    query_key: Mapped[str] = mapped_column(String(500))  # the normalised query
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("provider", "query_key"),)


class ServerLogin(Base):
    """A person's own PostgreSQL login on a shared server (see store/server.py); empty on SQLite."""

    __tablename__ = "server_login"

    role_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
