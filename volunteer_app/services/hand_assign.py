"""A coordinator places people: by hand, or by accepting the engine's reviewed proposals.

By hand, the same rules as the engine apply: the volunteer's skills must meet the
task's, the stint must fall in their free time, and it must not clash with a place
they already hold. A coordinator may override the skill and free-time rules by
saying why (stored as ``Signup.override_reason``); a clash is never overridden,
because nobody can be in two places at once.

Accepting proposals stores exactly the ones the coordinator reviewed, in one
transaction, re-checking places and clashes (the world may have moved since the
engine ran): either all are stored, or none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain import timefmt, validation
from volunteer_app.domain.enums import ACTIVE_SIGNUPS, SignupSource, SignupStatus, TaskKind
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, notices, privacy, signups, text_input
from volunteer_app.services import matching as matching_service
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.concurrency import writing
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound
from volunteer_app.services.roster import MANAGERS, _person_by_email
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    Person,
    Signup,
    Skill,
    Task,
    TaskOccurrence,
    TaskSkill,
    VolunteerSkill,
)

T = QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class MissingSkill:
    key: str
    label: str
    label_zh: str | None
    has: int  # 0 = not at all
    needs: int


@dataclass(frozen=True)
class Clash:
    occurrence_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str


@dataclass(frozen=True)
class HandCheck:
    """What placing one person on one occurrence would break."""

    person_id: int
    name: str
    email: str
    occurrence_id: int
    title: str
    timezone: str
    start: datetime  # the stint checked (a flexible task: the first start that fits best)
    end: datetime
    missing_skills: tuple[MissingSkill, ...] = ()
    not_free: bool = False
    clash: Clash | None = None
    already: SignupStatus | None = None  # they are on this occurrence already

    @property
    def needs_override(self) -> bool:
        return bool(self.missing_skills) or self.not_free

    @property
    def allowed(self) -> bool:
        return self.clash is None and self.already is None


# --------------------------------------------------------------------------- the rules


def _skills_missing(session: Session, task_id: int, person_id: int) -> tuple[MissingSkill, ...]:
    has = {
        skill_id: level
        for skill_id, level in session.execute(
            select(VolunteerSkill.skill_id, VolunteerSkill.level).where(VolunteerSkill.person_id == person_id)
        )
    }
    out = []
    for req, skill in session.execute(
        select(TaskSkill, Skill).join(Skill, Skill.id == TaskSkill.skill_id).where(TaskSkill.task_id == task_id)
    ):
        level = int(has.get(skill.id, 0))
        if level < req.min_level:
            out.append(MissingSkill(skill.key, skill.label, skill.label_zh, level, req.min_level))
    return tuple(sorted(out, key=lambda m: m.key))


def _clash(session: Session, person_id: int, occurrence_id: int, start: datetime, end: datetime) -> Clash | None:
    """The first place the person holds elsewhere that overlaps ``[start, end)`` (the self signup's rule)."""
    found = signups.clash_for(session, person_id, occurrence_id, start, end)
    if found is None:
        return None
    return Clash(found.occurrence_id, found.title, found.starts_at, found.ends_at, found.timezone)


def _check(session: Session, occ: TaskOccurrence, person: Person, start: datetime | None) -> HandCheck:
    task = occ.task
    if task.kind is TaskKind.FIXED:
        stint = (occ.starts_at, occ.ends_at)
    elif start is not None:
        stint = signups.stint(task, occ, start)  # refuses a start off the 15-minute steps
    else:
        assert task.minutes is not None
        length = timedelta(minutes=task.minutes)
        options = signups.flexible_starts(occ.starts_at, occ.ends_at, task.minutes)
        if not options:  # validation keeps this from happening; stint() names the window
            signups.stint(task, occ, None)
        # The first start that breaks nothing; else the first without a clash; else the window's start.
        fits = [s for s in options if _clash(session, person.id, occ.id, s, s + length) is None]
        best = next(
            (s for s in fits if signups.is_free(session, person.id, s, s + length)), fits[0] if fits else options[0]
        )
        stint = (best, best + length)
    existing = session.scalar(select(Signup).where(Signup.occurrence_id == occ.id, Signup.person_id == person.id))
    already = existing.status if existing is not None and existing.status in (
        ACTIVE_SIGNUPS | {SignupStatus.WAITLISTED, SignupStatus.COMPLETED, SignupStatus.NO_SHOW}
    ) else None
    clash = _clash(session, person.id, occ.id, *stint)
    return HandCheck(
        person_id=person.id, name=person.display_name, email=person.email, occurrence_id=occ.id,
        title=task.title, timezone=task.timezone, start=stint[0], end=stint[1],
        missing_skills=_skills_missing(session, task.id, person.id) if already is None else (),
        not_free=clash is None and already is None and not signups.is_free(session, person.id, *stint),
        clash=clash, already=already,
    )


def _occurrence_for_manager(
    session: Session, actor: Actor | None, occurrence_id: int, *, lock: bool = False
) -> tuple[TaskOccurrence, Actor]:
    require_signed_in(actor)
    occ = signups.lock_occurrence(session, occurrence_id) if lock else session.get(TaskOccurrence, occurrence_id)
    if occ is None or occ.is_cancelled:
        raise NotFound(T("errors", "No open task occurrence {id}."), id=occurrence_id)
    return occ, require_role(session, actor, occ.task.organisation_id, *MANAGERS)


def _without_free_time(session: Session, actor: Actor, check: HandCheck) -> HandCheck:
    """``check`` as this coordinator may see it: whether someone who is not one of their volunteers
    is free then is private (``services.privacy``), so for them it is neither shown nor asked to override."""
    if check.not_free and not privacy.may_see_private(session, actor, check.person_id):
        return dataclasses.replace(check, not_free=False)
    return check


def _refuse(check: HandCheck) -> None:
    """Raise for what can never be overridden: a clash, or a place held already."""
    if check.already is not None:
        raise Conflict(
            T("errors", "{name} is on {title!r} already ({status})."),
            name=check.name, title=check.title, status=check.already.value,
        )
    if check.clash is not None:
        c = check.clash
        raise Conflict(
            T("errors", "{name} already holds a place on {other!r} ({when}); a clash cannot be overridden."),
            name=check.name, other=c.title, when=timefmt.task_time_text(c.starts_at, c.ends_at, c.timezone),
        )


def _skills_text(missing: Sequence[MissingSkill]) -> str:
    return ", ".join(f"{m.label} {m.has}/{m.needs}" for m in missing)


# --------------------------------------------------------------------------- by hand


def check_hand_assignment(
    db: Database, actor: Actor | None, occurrence_id: int, email: str, start: datetime | None = None
) -> HandCheck:
    """What placing this person would break, without placing them (for a dialog to show first)."""
    with db.read() as session:
        occ, manager = _occurrence_for_manager(session, actor, occurrence_id)
        return _without_free_time(session, manager, _check(session, occ, _person_by_email(session, email), start))


def assign_by_hand(
    db: Database,
    actor: Actor | None,
    occurrence_id: int,
    email: str,
    *,
    start: datetime | None = None,
    override_reason: str | None = None,
    confirmed: bool = False,
) -> int:
    """Place a person on an occurrence (proposed, or ``confirmed`` when they agreed already).

    Refused on a clash, always. Missing skills or time outside their free hours need
    ``override_reason``, which is then stored with the signup. Returns the signup id.
    """
    reason = text_input.text("override_reason", override_reason, validation.MAX_REASON) or ""
    with writing(db) as session:
        occ, actor = _occurrence_for_manager(session, actor, occurrence_id, lock=True)
        person = _person_by_email(session, email)
        signups.lock_person(session, person.id)
        check = _without_free_time(session, actor, _check(session, occ, person, start))
        _refuse(check)
        zone = check.timezone
        if check.needs_override and not reason:
            when = timefmt.task_time_text(check.start, check.end, zone)
            if check.missing_skills and check.not_free:
                raise InvalidInput(
                    "override_reason",
                    T("errors", "{name} lacks skills the task needs ({skills}) and is not free {when}; "
                                "say why to assign them anyway."),
                    name=check.name, skills=_skills_text(check.missing_skills), when=when,
                )
            if check.missing_skills:
                raise InvalidInput(
                    "override_reason",
                    T("errors", "{name} lacks skills the task needs ({skills}); say why to assign them anyway."),
                    name=check.name, skills=_skills_text(check.missing_skills),
                )
            raise InvalidInput(
                "override_reason",
                T("errors", "{name} is not free {when}; say why to assign them anyway."), name=check.name, when=when,
            )
        status = SignupStatus.CONFIRMED if confirmed else SignupStatus.PROPOSED
        signup = signups.place(
            session, actor, occ.id, person.id, status=status, source=SignupSource.COORDINATOR,
            start=check.start if occ.task.kind is TaskKind.FLEXIBLE else None,
        )
        overridden = [name for name, broken in (("skills", check.missing_skills), ("free_time", check.not_free))
                      if broken]
        signup.override_reason = reason if overridden else None
        if status is SignupStatus.PROPOSED:
            notices.notify(session, person.id, "proposal", occurrence_id=occ.id)
        session.flush()
        audit.record(
            session, actor.person_id, "signup.assign_by_hand", "signup", signup.id,
            occurrence_id=occ.id, person_id=person.id, status=status.value, overridden=overridden,
            reason=signup.override_reason,
        )
        return signup.id


# --------------------------------------------------------------------------- the engine's proposals


@dataclass(frozen=True)
class ProposalView:
    """One engine proposal with what the window needs to show it."""

    proposal: matching_service.Proposal
    timezone: str
    is_remote: bool

    @property
    def key(self) -> tuple[int, int]:
        return (self.proposal.person_id, self.proposal.occurrence_id)

    def time_text(self, tr: timefmt.Translate = timefmt.english) -> str:
        return timefmt.task_time_text(self.proposal.start, self.proposal.end, self.timezone, tr=tr)


@dataclass(frozen=True)
class OpenSlots:
    """A task occurrence the engine could not fill (or did not consider), and why."""

    occurrence_id: int
    title: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    kind: TaskKind
    minutes: int | None
    open: int
    reasons: dict[str, int] = field(default_factory=dict)  # reason code -> open slots
    skipped: str | None = None  # "no_location" (or another reason it was not given to the engine)

    def time_text(self, tr: timefmt.Translate = timefmt.english) -> str:
        return timefmt.task_time_text(
            self.starts_at, self.ends_at, self.timezone,
            minutes=self.minutes if self.kind is TaskKind.FLEXIBLE else None, tr=tr,
        )


@dataclass(frozen=True)
class AssignReview:
    organisation_id: int
    organisation: str
    start: datetime
    end: datetime
    proposals: tuple[ProposalView, ...]
    open_slots: tuple[OpenSlots, ...]
    declined_before: int
    # The engine's proof of quality: 1 - objective / upper bound (0.007 = at least 99.3% of the best).
    gap: float | None = None


def review_assignments(
    db: Database,
    actor: Actor | None,
    organisation_id: int,
    start: datetime,
    end: datetime,
    *,
    progress: Callable[[str], None] | None = None,
) -> AssignReview:
    """Run the engine for the organisation's open tasks in ``[start, end)`` and return its proposals
    and the slots it left open, ready for review. Nothing is stored."""
    if progress is not None:
        progress("solve")
    outcome = matching_service.propose_assignments(db, actor, organisation_id, start, end, apply=False)
    if progress is not None:
        progress("describe")
    unfilled: dict[int, int] = {int(k[1:]): int(v) for k, v in outcome.result.get("unfilled", {}).items()}
    reasons = {int(k[1:]): dict(v) for k, v in outcome.result.get("reasons", {}).items()}
    skipped = {int(k[1:]): why for k, why in outcome.skipped.items()}
    wanted = {p.occurrence_id for p in outcome.proposals} | set(unfilled) | set(skipped)
    with db.read() as session:
        info = {
            occ_id: (occ_start, occ_end, title, zone, kind, minutes, remote, slots)
            for occ_id, occ_start, occ_end, title, zone, kind, minutes, remote, slots in session.execute(
                select(
                    TaskOccurrence.id, TaskOccurrence.starts_at, TaskOccurrence.ends_at, Task.title, Task.timezone,
                    Task.kind, Task.minutes, Task.is_remote, Task.slots,
                )
                .join(Task, Task.id == TaskOccurrence.task_id)
                .where(TaskOccurrence.id.in_(list(wanted)))
            )
        } if wanted else {}
    proposals = tuple(
        ProposalView(p, info[p.occurrence_id][3], bool(info[p.occurrence_id][6])) for p in outcome.proposals
    )
    open_slots = []
    # A full occurrence has nothing open; one with no place on the map was not solved at all.
    unsolved = {occ_id for occ_id, why in skipped.items() if why != "full"}
    for occ_id in sorted(set(unfilled) | unsolved, key=lambda o: (info[o][0], info[o][2], o)):
        s, e, title, zone, kind, minutes, _remote, slots = info[occ_id]
        why = skipped.get(occ_id)
        count = unfilled.get(occ_id, 0) if why is None else slots
        open_slots.append(OpenSlots(occ_id, title, zone, s, e, kind, minutes, count, reasons.get(occ_id, {}), why))
    gap = outcome.result.get("gap")
    return AssignReview(
        organisation_id, outcome.organisation, start, end, proposals, tuple(open_slots), outcome.declined_before,
        float(gap) if gap is not None else None,
    )


def apply_proposals(
    db: Database, actor: Actor | None, organisation_id: int, proposals: Sequence[matching_service.Proposal]
) -> int:
    """Store exactly these reviewed proposals as proposed signups (source: engine), in one transaction.

    Places, duplicates and clashes are checked again; one that no longer fits stops the
    whole lot (nothing is stored) with the reason. Returns how many were stored.
    The checks run under the locks, so they still hold when the proposals are stored: the
    person's places in every organisation, the places left, and their weekly hour cap.
    """
    with writing(db) as session:
        actor = require_role(session, actor, organisation_id, *MANAGERS)
        stored = 0
        # Occurrences first, then people, each in id order: the order every writer locks in.
        signups.lock_occurrences(session, [p.occurrence_id for p in proposals])
        signups.lock_people(session, [p.person_id for p in proposals])
        for p in proposals:
            occ = session.get(TaskOccurrence, p.occurrence_id)
            if occ is None or occ.task.organisation_id != organisation_id:
                raise NotFound(T("errors", "No open task occurrence {id}."), id=p.occurrence_id)
            person = session.get(Person, p.person_id)
            if person is None:
                raise NotFound(T("errors", "No person {id}."), id=p.person_id)
            start = p.start if occ.task.kind is TaskKind.FLEXIBLE else None
            stint = signups.stint(occ.task, occ, start)
            c = _clash(session, person.id, occ.id, *stint)
            if c is not None:
                raise Conflict(
                    T("errors", "{name} took a place on {other!r} ({when}) since the engine ran; run it again."),
                    name=person.display_name, other=c.title,
                    when=timefmt.task_time_text(c.starts_at, c.ends_at, c.timezone),
                )
            signups.place(
                session, actor, occ.id, person.id, status=SignupStatus.PROPOSED, source=SignupSource.ENGINE,
                start=start,
            )
            notices.notify(session, person.id, "proposal", occurrence_id=occ.id)
            session.flush()  # the next proposal's checks see this one
            stored += 1
        audit.record(
            session, actor.person_id, "matching.apply_reviewed", "organisation", organisation_id, proposals=stored,
        )
        return stored
