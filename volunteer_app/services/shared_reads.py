"""What a service may know of other people's signups, whoever runs it (issue 12).

On a shared server a person's own login reads only the rows row-level security lets
them see: a volunteer sees their own signups, not the places everybody else took. Yet
"places left", a waitlist position, a clash with a place held in another organisation,
and the locks that keep two people off the last place all depend on those rows. Here
each of them is one function with one meaning on every backend:

* PostgreSQL (a person's login, the owner, a superuser alike): the SECURITY DEFINER
  functions of migration 0004 (``va_place_counts``, ``va_busy``, ``va_queue_positions``,
  ``va_lock``, ``va_lock_with_waitlist``), which answer with counts and times, never
  with other people's rows;
* SQLite (one desktop, everything visible): the same answers from plain queries, and no
  locks (a writing transaction holds the whole file, ``BEGIN IMMEDIATE``).

Locks are transaction-scoped advisory locks, taken in one order everywhere: occurrences
before people, each kind in id order (``va_lock`` sorts); they need no privilege on the
locked rows, which a volunteer locking the people on a waitlist does not have.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import ACTIVE_SIGNUPS, SignupStatus
from volunteer_app.store.models import Person, Signup

#: ``va_lock`` kinds (the first key of ``pg_advisory_xact_lock``). Taken in this order when a
#: transaction needs several: a request, occurrences, people, hours records, an organisation.
OCCURRENCE_LOCK = 1
PERSON_LOCK = 2  # their busy time; one open hours request at a time
RECORD_LOCK = 3  # an hours record being decided or corrected
ORGANISATION_LOCK = 4  # its ledger chain and its certificate numbers
REQUEST_LOCK = 5  # an hours request being answered

_IDS = ARRAY(Integer())


def on_server(session: Session) -> bool:
    """Whether the session talks to PostgreSQL (where the va_* functions exist)."""
    return session.get_bind().dialect.name == "postgresql"


def place_counts(
    session: Session, occurrence_ids: Iterable[int], statuses: Collection[SignupStatus] = ACTIVE_SIGNUPS
) -> dict[int, int]:
    """Signups in ``statuses`` per occurrence, whoever holds them (occurrences with none are left out)."""
    ids = sorted(set(occurrence_ids))
    if not ids:
        return {}
    wanted = {s.value for s in statuses}
    out: dict[int, int] = defaultdict(int)
    if on_server(session):
        session.flush()  # the function reads what this transaction wrote, once it is written
        rows = session.execute(
            text("SELECT occurrence_id, status, n FROM va_place_counts(:ids)").bindparams(bindparam("ids", type_=_IDS)),
            {"ids": ids},
        )
        for occ, status, n in rows:
            if status in wanted:
                out[int(occ)] += int(n)
        return dict(out)
    for k in range(0, len(ids), 500):
        for occ, n in session.execute(
            select(Signup.occurrence_id, func.count(Signup.id))
            .where(Signup.occurrence_id.in_(ids[k : k + 500]), Signup.status.in_(sorted(wanted)))
            .group_by(Signup.occurrence_id)
        ):
            out[int(occ)] += int(n)
    return dict(out)


@dataclass(frozen=True)
class BusyPlace:
    """A place someone holds (proposed or confirmed), without what the task is."""

    person_id: int
    occurrence_id: int
    starts_at: datetime
    ends_at: datetime


def busy_places(session: Session, person_ids: Iterable[int], start: datetime, end: datetime) -> list[BusyPlace]:
    """Places these people hold (proposed or confirmed, in any organisation) overlapping ``[start, end)``.

    On a shared server only for people the reader may place: themselves, the members of the
    organisations they coordinate, people on their organisations' occurrences (``va_busy``).
    Ordered by start, then occurrence id.
    """
    ids = sorted(set(person_ids))
    if not ids:
        return []
    if on_server(session):
        session.flush()
        rows = session.execute(
            text(
                "SELECT person_id, occurrence_id, starts_at, ends_at FROM va_busy(:ids, :start, :end) "
                "ORDER BY starts_at, occurrence_id"
            ).bindparams(bindparam("ids", type_=_IDS)),
            {"ids": ids, "start": start, "end": end},
        ).all()
    else:
        rows = []
        for k in range(0, len(ids), 500):
            rows += session.execute(
                select(Signup.person_id, Signup.occurrence_id, Signup.starts_at, Signup.ends_at).where(
                    Signup.person_id.in_(ids[k : k + 500]),
                    Signup.status.in_([s.value for s in ACTIVE_SIGNUPS]),
                    Signup.starts_at < end,
                    Signup.ends_at > start,
                )
            ).all()
        rows.sort(key=lambda r: (r[2], r[1]))
    return [BusyPlace(int(p), int(o), s, e) for p, o, s, e in rows]


def queue_positions(session: Session, signup_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """signup id -> (place in its waitlist, how many wait there), for the given waitlisted signups.

    The queue is ordered by when each signup joined it (``queued_at``; older rows without it
    count from when they were made), then by id. Signups that are not waitlisted are left out.
    """
    ids = sorted(set(signup_ids))
    if not ids:
        return {}
    if on_server(session):
        session.flush()
        rows = session.execute(
            text("SELECT signup_id, place, waiting FROM va_queue_positions(:ids)").bindparams(
                bindparam("ids", type_=_IDS)
            ),
            {"ids": ids},
        )
        return {int(sid): (int(place), int(waiting)) for sid, place, waiting in rows}
    occurrences = select(Signup.occurrence_id).where(Signup.id.in_(ids)).scalar_subquery()
    queues: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for sid, occ, queued, created in session.execute(
        select(Signup.id, Signup.occurrence_id, Signup.queued_at, Signup.created_at).where(
            Signup.occurrence_id.in_(occurrences), Signup.status == SignupStatus.WAITLISTED
        )
    ):
        queues[occ].append((queued or created, sid))
    wanted = set(ids)
    out: dict[int, tuple[int, int]] = {}
    for queue in queues.values():
        queue.sort()
        for number, (_at, sid) in enumerate(queue, 1):
            if sid in wanted:
                out[sid] = (number, len(queue))
    return out


def account_ids(session: Session, emails: Iterable[str]) -> dict[str, int]:
    """email -> person id for those of ``emails`` (as stored) that have an account, seen or not.

    For coordinators and administrators (an import adds the role to an existing account); on a
    shared server ``va_account_ids`` answers nothing to anyone else.
    """
    wanted = sorted(set(emails))
    if not wanted:
        return {}
    if on_server(session):
        session.flush()
        rows = session.execute(
            text("SELECT email, person_id FROM va_account_ids(:emails)").bindparams(
                bindparam("emails", type_=ARRAY(String()))
            ),
            {"emails": wanted},
        )
        return {str(email): int(pid) for email, pid in rows}
    out: dict[str, int] = {}
    for k in range(0, len(wanted), 500):
        out.update(
            (str(email), int(pid))
            for email, pid in session.execute(
                select(Person.email, Person.id).where(Person.email.in_(wanted[k : k + 500]))
            )
        )
    return out


def lock(session: Session, kind: int, ids: Iterable[int]) -> None:
    """Transaction-scoped locks on these ids of one kind, in id order (PostgreSQL; SQLite: none needed)."""
    wanted = sorted(set(ids))
    if wanted and on_server(session):
        session.execute(
            text("SELECT va_lock(:kind, :ids)").bindparams(bindparam("ids", type_=_IDS)),
            {"kind": kind, "ids": wanted},
        )


def lock_people_with_waitlist(session: Session, person_ids: Iterable[int], occurrence_id: int) -> None:
    """Lock these people and everyone waiting on the occurrence together, in id order (PostgreSQL)."""
    if on_server(session):
        session.flush()
        session.execute(
            text("SELECT va_lock_with_waitlist(:kind, :ids, :occ)").bindparams(bindparam("ids", type_=_IDS)),
            {"kind": PERSON_LOCK, "ids": sorted(set(person_ids)), "occ": occurrence_id},
        )


def offer_on_server(session: Session, occurrence_id: int, now: datetime) -> tuple[int, int] | None:
    """PostgreSQL: ``va_offer_freed_place`` (the rule of ``signups.offer_freed_place``): (signup, person) or None."""
    session.flush()
    row = session.execute(
        text("SELECT signup_id, person_id FROM va_offer_freed_place(:occ, :now)"),
        {"occ": occurrence_id, "now": now},
    ).first()
    return (int(row[0]), int(row[1])) if row is not None else None


__all__ = [
    "OCCURRENCE_LOCK",
    "ORGANISATION_LOCK",
    "PERSON_LOCK",
    "RECORD_LOCK",
    "REQUEST_LOCK",
    "BusyPlace",
    "account_ids",
    "busy_places",
    "lock",
    "lock_people_with_waitlist",
    "offer_on_server",
    "on_server",
    "place_counts",
    "queue_positions",
]


def site_admin_ids(session: Session) -> list[int]:
    """The active site administrators (ids only: a coordinator's login may not read their rows)."""
    if on_server(session):
        return [int(i) for i in session.scalar(text("SELECT va_site_admins()")) or []]
    return [int(i) for i in session.scalars(select(Person.id).where(Person.is_admin, Person.is_active))]
