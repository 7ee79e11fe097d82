"""The fixed vocabularies of the data model."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class TaskStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class TaskKind(StrEnum):
    FIXED = "fixed"  # a shift with a start and an end
    FLEXIBLE = "flexible"  # a window plus how many minutes, each volunteer picks a start


class SignupStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    COMPLETED = "completed"


class SignupSource(StrEnum):
    SELF = "self"
    ENGINE = "engine"
    COORDINATOR = "coordinator"


class ServiceStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class AvailabilityKind(StrEnum):
    AWAY = "away"  # not free, although the weekly pattern says so
    EXTRA = "extra"  # free, although the weekly pattern does not say so


class RequestKind(StrEnum):
    """What a volunteer says is wrong about their hours."""

    TIME = "time"  # the start, end or minutes are wrong
    TASK = "task"  # the record names the wrong task
    MISSING = "missing"  # a stint they served has no record
    OTHER = "other"


class RequestStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"  # a correcting record was made
    DECLINED = "declined"


# Signups that hold a slot and make the volunteer busy at that time.
ACTIVE_SIGNUPS = frozenset({SignupStatus.PROPOSED, SignupStatus.CONFIRMED})
# Signups that took a place, counted as "filled" when showing a task (past ones included).
PLACE_TAKEN = ACTIVE_SIGNUPS | {SignupStatus.COMPLETED, SignupStatus.NO_SHOW}
