"""Two people acting at the same moment: the writing transaction, and a lost race in one sentence.

Whatever puts a person on a task occurrence (an engine run, reviewed proposals, a self
signup, accepting a proposal, a hand assignment, a walk-in, a waitlist offer) and
whatever decides hours runs in ``writing(db)``: on SQLite a transaction that takes the
write lock before its first read (``BEGIN IMMEDIATE``), so such transactions run one
after another; on PostgreSQL the work itself locks the rows it checks
(``signups.lock_occurrence``, ``signups.lock_people``) in one fixed order, occurrences
before people and each by id, so two transactions never wait for each other in a circle.

When the database still gives one of two writers up (a unique key taken a moment ago,
a deadlock or serialization failure on PostgreSQL), ``Database.transaction`` raises
``ConcurrentChange``; here it becomes a ``Conflict`` with one translatable sentence
("someone else changed these tasks at the same time; run again"), never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.errors import Conflict
from volunteer_app.store.database import ConcurrentChange, Database

T = QT_TRANSLATE_NOOP

#: A lost race over signups and places.
TASKS_CHANGED = T("errors", "Someone else changed these tasks at the same time; run again.")
#: A lost race over deciding hours.
HOURS_CHANGED = T("errors", "Someone else decided these hours at the same time; look at them again.")


class LostRace(Conflict):
    """Another person's change to the same rows won; nothing of this action was stored."""


@contextmanager
def writing(db: Database, *, template: str = TASKS_CHANGED) -> Iterator[Session]:
    """``db.transaction(immediate=True)`` whose lost race is a ``LostRace`` (one sentence: ``template``)."""
    try:
        with db.transaction(immediate=True) as session:
            yield session
    except ConcurrentChange as exc:
        raise LostRace(template) from exc


__all__ = ["HOURS_CHANGED", "TASKS_CHANGED", "LostRace", "writing"]
