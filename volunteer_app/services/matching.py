"""The matching engine over the database: suggestions for one volunteer, proposals for an organisation.

The engine itself is pure (``volunteer_app.matching``) and takes the same
data as the matching file format; this module turns stored people, free-time
patterns, tasks and signups into that data, so the database path and the file
path give the same placements (``export_organisation_instance`` writes the file).
``engine_data`` does the turning; ``suggestion_index`` finds a volunteer's candidates fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app import matching
from volunteer_app.domain import input_limits, validation
from volunteer_app.domain.enums import (
    Role,
    SignupSource,
    SignupStatus,
    TaskKind,
    TaskStatus,
)
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, privacy, signups
from volunteer_app.services.accounts import Actor, require_role, require_signed_in, roles_of
from volunteer_app.services.concurrency import writing
from volunteer_app.services.engine_data import (
    DEFAULT_DAYS,
    Built,
    build_organisation_instance,
    key_id,
    occurrence_key,
    person_key,
)
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.suggestion_index import build_volunteer_instance
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Membership,
    Organisation,
    Person,
    Skill,
    Task,
    TaskOccurrence,
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
    timezone: str = ""  # the task's own clock (IANA name)


@dataclass
class AssignOutcome:
    organisation: str
    proposals: list[Proposal]
    result: dict[str, Any]  # the engine's result in the file format
    skipped: dict[str, str]
    applied: bool
    declined_before: int = 0
    titles: dict[str, str] = field(default_factory=dict)  # task key -> title
    zones: dict[str, str] = field(default_factory=dict)  # task key -> the task's time zone


def _parse_day(value: str | None, default: datetime, field_name: str) -> datetime:
    if value is None:
        return default
    try:
        parsed = datetime.fromisoformat(value[:40])
        if len(value) > 40 or not input_limits.MIN_YEAR <= parsed.year <= input_limits.MAX_YEAR:
            raise ValueError(value)
        # A date or time without an offset means this computer's local time, as people read it.
        return parsed if parsed.tzinfo else parsed.astimezone()
    except (ValueError, OverflowError):
        shown = value if len(value) <= input_limits.SHOW_CHARS else value[: input_limits.SHOW_CHARS] + "..."
        raise InvalidInput(field_name, T("errors", "{value!r} is not a date like 2026-12-05."), value=shown) from None


def resolve_window(
    now: datetime, date_from: str | None, date_to: str | None, *, days: int = DEFAULT_DAYS
) -> tuple[datetime, datetime]:
    """``--from``/``--to`` of ``assign`` as instants; refused when ``--to`` is not after ``--from``
    or the span is longer than ``MAX_HORIZON_DAYS`` (the engine's work grows with it)."""
    start = _parse_day(date_from, now, "from")
    end = _parse_day(date_to, start + timedelta(days=days), "to")
    if end <= start:
        raise InvalidInput("to", T("errors", "--to ({value}) must come after --from."), value=end.isoformat())
    if end - start > timedelta(days=input_limits.MAX_HORIZON_DAYS):
        raise InvalidInput(
            "to", T("errors", "--from to --to spans {value} days; at most {maximum} days are allowed."),
            value=round((end - start) / timedelta(days=1), 1), maximum=input_limits.MAX_HORIZON_DAYS,
        )
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
    Applying stores what the engine made of the data as it stands under the locks
    (``_lock_for_solve``): the busy time of these volunteers in every organisation, the places
    left, their caps cannot change until the proposals are stored, and each proposal is checked
    again as it is stored (``signups.place``: places, clashes, weekly cap). Two organisations
    applying at once run one after the other; the second sees the first's proposals.
    """
    first: tuple[dict[str, Any], dict[str, Any]] | None = None
    if apply:
        first = _solve_unlocked(db, actor, organisation_id, start, end)
    with writing(db) if apply else db.transaction() as session:
        actor = require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        org = session.get(Organisation, organisation_id)
        if org is None:
            raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
        locked: set[int] | None = None
        if apply:
            locked = _lock_for_solve(session, organisation_id, start, end)
        built = build_organisation_instance(session, organisation_id, start, end)
        if locked is not None:
            _only_locked(built, locked)
        if first is not None and first[0] == matching.instance_to_json(built.instance):
            data = first[1]  # the engine is deterministic: the same instance, the same placements
        else:  # someone changed these people or tasks since (or a dry run): solve here, under the locks
            data = matching.result_to_json(matching.assign(built.instance))
        proposals: list[Proposal] = []
        declined = len(built.instance.excluded)  # excluded from the solve, so asked of someone else
        zones = _zones(session, list(built.titles))
        for a in data["assignments"]:
            proposals.append(
                Proposal(
                    volunteer=a["volunteer"], person_id=key_id(a["volunteer"]), name=built.names[a["volunteer"]],
                    task=a["task"], occurrence_id=key_id(a["task"]), title=built.titles[a["task"]],
                    start=datetime.fromisoformat(a["start"]), end=datetime.fromisoformat(a["end"]),
                    distance_km=float(a["distance_km"]), timezone=zones.get(a["task"], ""),
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
        return AssignOutcome(org.name, proposals, data, built.skipped, apply, declined, built.titles, zones)


def _solve_unlocked(
    db: Database, actor: Actor | None, organisation_id: int, start: datetime, end: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(instance, result) in the file format, solved on what is committed now, without any lock.

    A large solve takes seconds, and on SQLite the write lock holds up every other writer
    meanwhile; so the engine runs first, and under the lock the instance is only built again
    and compared (``propose_assignments``).
    """
    with db.read() as session:
        require_role(session, actor, organisation_id, Role.COORDINATOR, Role.ADMIN)
        instance = build_organisation_instance(session, organisation_id, start, end).instance
    return matching.instance_to_json(instance), matching.result_to_json(matching.assign(instance))


def _lock_for_solve(session: Session, organisation_id: int, start: datetime, end: datetime) -> set[int]:
    """Lock what an applying solve reads and then writes: the organisation's open occurrences that
    start in ``[start, end)``, then its volunteers (PostgreSQL row locks, in the order every writer
    takes them: occurrences, then people, each by id; SQLite holds the whole file already).

    Held until the proposals are stored, so nobody places these people elsewhere, or fills these
    occurrences, between the engine's reading and the writing. Returns the occurrences locked.
    """
    occurrences = set(
        session.scalars(
            select(TaskOccurrence.id)
            .join(Task, Task.id == TaskOccurrence.task_id)
            .where(
                Task.organisation_id == organisation_id,
                Task.status == TaskStatus.OPEN,
                TaskOccurrence.is_cancelled.is_(False),
                TaskOccurrence.starts_at >= start,
                TaskOccurrence.starts_at < end,
            )
        )
    )
    signups.lock_occurrences(session, occurrences)
    signups.lock_people(
        session,
        session.scalars(
            select(Membership.person_id).where(
                Membership.organisation_id == organisation_id, Membership.role == Role.VOLUNTEER
            )
        ),
    )
    return occurrences


def _only_locked(built: Built, locked: set[int]) -> None:
    """Leave out of the solve the occurrences posted after ``_lock_for_solve`` ran (they are not locked,
    and locking them now, after the people, could make two writers wait for each other)."""
    instance = built.instance
    keep = {t.id for t in instance.tasks if key_id(t.id) in locked}
    if len(keep) == len(instance.tasks):
        return
    built.instance = matching.Instance(
        instance.volunteers,
        [t for t in instance.tasks if t.id in keep],
        [p for p in instance.fixed if p.task in keep],
        [x for x in instance.excluded if x.task in keep],
    )


def _zones(session: Session, task_keys: list[str]) -> dict[str, str]:
    """Task key -> the task's time zone, for showing times on the task's own clock."""
    ids = [key_id(k) for k in task_keys]
    out: dict[str, str] = {}
    for chunk in range(0, len(ids), 500):
        for occ_id, zone in session.execute(
            select(TaskOccurrence.id, Task.timezone)
            .join(Task, Task.id == TaskOccurrence.task_id)
            .where(TaskOccurrence.id.in_(ids[chunk : chunk + 500]))
        ):
            out[occurrence_key(occ_id)] = zone
    return out


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
    """One suggestion, with what a person needs to read it and act on it."""

    occurrence_id: int
    title: str
    organisation: str
    suggestion: matching.Suggestion
    window_start: datetime | None = None  # the occurrence: a shift, or a flexible window
    window_end: datetime | None = None
    timezone: str = ""  # the task's own clock (IANA name)
    minutes: int | None = None  # flexible: each person's length; None for a fixed shift
    category: str | None = None
    is_remote: bool = False
    address: str | None = None
    slots: int = 0
    taken: int = 0
    skill_labels: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key -> (English, Chinese)
    for_self: bool = True  # the reader is the volunteer (reasons say "you", else "they")

    @property
    def places_left(self) -> int:
        return max(0, self.slots - self.taken)

    @property
    def is_flexible(self) -> bool:
        return self.minutes is not None


#: How far ahead a date filter may reach (the engine's horizon grows to cover it).
MAX_SUGGEST_DAYS = input_limits.MAX_HORIZON_DAYS


@dataclass(frozen=True)
class SuggestionFilter:
    """What the volunteer narrows their suggestions to. Dates are calendar days on the task's clock."""

    category: str | None = None
    max_km: float | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    remote_only: bool = False

    def check(self) -> None:
        if self.max_km is not None and self.max_km <= 0:
            raise InvalidInput("max_km", T("errors", "The distance must be more than 0 km, not {value}."),
                               value=self.max_km)
        if self.date_from is not None and self.date_to is not None and self.date_to < self.date_from:
            raise InvalidInput("date_to", T("errors", "The last day ({value}) comes before the first day."),
                               value=self.date_to.isoformat())

    def days_needed(self, now: datetime, days: int) -> int:
        """The horizon that reaches the last day wanted (never shorter than ``days``)."""
        if self.date_to is None:
            return days
        # One more day: the last day on a clock east of UTC ends after it does in UTC.
        return max(days, min(MAX_SUGGEST_DAYS, (self.date_to - now.date()).days + 2))

    def keeps(self, view: SuggestionView) -> bool:
        if self.remote_only and not view.is_remote:
            return False
        if self.category and (view.category or "") != self.category:
            return False
        if self.max_km is not None and not view.is_remote and view.suggestion.distance_km > self.max_km:
            return False
        day = view.suggestion.start.date()  # the engine gives starts on the task's clock
        if self.date_from is not None and day < self.date_from:
            return False
        return not (self.date_to is not None and day > self.date_to)


def _may_see_volunteer(session: Session, actor: Actor, person_id: int | None) -> bool:
    """Whether the actor may see this person's suggestions in full (True) or coarsened (False: a site
    administrator, who sees no home and no free time; see ``services.privacy``).

    Anyone else, and an email with no account (``person_id`` None), get the same PermissionDenied,
    so the answer never tells a volunteer which emails have accounts.
    """
    if person_id is not None and actor.person_id == person_id:
        return True
    coordinated = {o for o, held in roles_of(session, actor.person_id).items() if held & {Role.COORDINATOR, Role.ADMIN}}
    if person_id is not None and coordinated:
        theirs = set(
            session.scalars(
                select(Membership.organisation_id).where(
                    Membership.person_id == person_id, Membership.role == Role.VOLUNTEER
                )
            )
        )
        if coordinated & theirs:
            return privacy.may_see_private(session, actor, person_id)
    person = session.get(Person, actor.person_id)
    if person_id is not None and person is not None and person.is_admin and person.is_active:
        return privacy.may_see_private(session, actor, person_id)
    raise PermissionDenied(T("errors", "You may see suggestions only for yourself or your volunteers."))


def _email_or_none(email: str) -> str | None:
    """The address as stored, or None when it cannot be one (then no account has it)."""
    try:
        return validation.email(email)
    except validation.TextProblem:
        return None


def _coarse_for_others(instance: matching.Instance, found: list[matching.Suggestion]) -> list[matching.Suggestion]:
    """``found`` as someone who may not see the volunteer's home or free time sees it (``privacy``)."""
    windows = {t.id: t.window for t in instance.tasks if t.window is not None}
    coarse = [privacy.coarse_suggestion(s, windows.get(s.task)) for s in found]
    # Re-ranked on what they may see: the engine's order follows exact distances, which would
    # tell the relative nearness of every task to the home.
    return sorted(coarse, key=lambda s: (s.waitlist, s.distance_km, s.start, s.task))


def suggest_for(
    db: Database, actor: Actor | None, email: str, *, now: datetime, limit: int | None = 20,
    days: int = DEFAULT_DAYS, filters: SuggestionFilter | None = None,
) -> list[SuggestionView]:
    """Ranked tasks for the volunteer with this email, best first, with the engine's reasons.

    ``filters`` narrow the list (category, distance, days, remote only) before ``limit`` applies.
    """
    if limit is not None and limit < 1:
        raise InvalidInput("limit", T("errors", "--limit must be at least 1, not {value}."), value=limit)
    if not 1 <= days <= MAX_SUGGEST_DAYS:
        raise InvalidInput(
            "days", T("errors", "--days must be 1 to {maximum}, not {value}."), value=days, maximum=MAX_SUGGEST_DAYS
        )
    if filters is not None:
        filters.check()
        days = filters.days_needed(now, days)
    with db.read() as session:
        actor = require_signed_in(actor)
        address = _email_or_none(email)
        person_id = session.scalar(select(Person.id).where(Person.email == address)) if address else None
        in_full = _may_see_volunteer(session, actor, person_id)  # the same refusal for an unknown email
        assert person_id is not None
        instance, filled, labels = build_volunteer_instance(session, person_id, now, days)
    if not instance.volunteers:
        return []
    found = matching.suggest(
        instance, person_key(person_id), filled=filled, now=now, limit=None if filters is not None else limit
    )
    if not found:
        return []
    if not in_full:
        found = _coarse_for_others(instance, found)
    views = _views(db, found, labels, filled, for_self=actor.person_id == person_id)
    if filters is not None:
        views = [v for v in views if filters.keeps(v)]
        if limit is not None:
            views = views[:limit]
    return views


def _views(
    db: Database, found: list[matching.Suggestion], labels: dict[str, tuple[str, str]], filled: dict[str, int],
    *, for_self: bool,
) -> list[SuggestionView]:
    """Suggestions with their occurrence's time, zone, category, place and places (one query more)."""
    ids = [key_id(s.task) for s in found]
    keys = sorted({k for s in found for r in s.reasons if r.code == "skills" for k in r.params})
    with db.read() as session:
        rows = {
            row.id: row
            for chunk in range(0, len(ids), 500)
            for row in session.execute(
                select(
                    TaskOccurrence.id, TaskOccurrence.starts_at, TaskOccurrence.ends_at, Task.timezone,
                    Task.kind, Task.minutes, Task.category, Task.is_remote, Task.address, Task.slots,
                )
                .join(Task, Task.id == TaskOccurrence.task_id)
                .where(TaskOccurrence.id.in_(ids[chunk : chunk + 500]))
            )
        }
        skill_labels = {
            key: (label, label_zh)
            for key, label, label_zh in session.execute(
                select(Skill.key, Skill.label, Skill.label_zh).where(Skill.key.in_(keys))
            )
        } if keys else {}
    views = []
    for s in found:
        occ_id = key_id(s.task)
        row = rows.get(occ_id)
        if row is None:  # removed since the engine read it
            continue
        views.append(
            SuggestionView(
                occ_id, *labels[s.task], s,
                window_start=row.starts_at, window_end=row.ends_at, timezone=row.timezone,
                minutes=row.minutes if row.kind is TaskKind.FLEXIBLE else None, category=row.category,
                is_remote=bool(row.is_remote), address=row.address, slots=row.slots,
                taken=int(filled.get(s.task, 0)), skill_labels=skill_labels, for_self=for_self,
            )
        )
    return views


def suggestion_categories(db: Database, actor: Actor | None) -> list[str]:
    """The categories of open tasks, for the suggestions' category filter."""
    with db.read() as session:
        require_signed_in(actor)
        return sorted(
            c for c in session.scalars(
                select(Task.category).where(Task.status == TaskStatus.OPEN, Task.category.is_not(None)).distinct()
            ) if c and c.strip()
        )
