"""Notices: what the app tells one person (a cancelled task, a new proposal, decided hours).

A notice stores a ``kind`` (which names a translatable template below) and the
``params`` that fill it, never a finished sentence, so it reads in the language
the person uses when they look. Services that change something a person should
hear about call ``notify`` inside their own transaction; the person lists their
unread notices and marks them read (``mark_read``: one audited transaction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.domain import timefmt
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import Translate, english
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import Notice, Organisation, Task, TaskOccurrence
from volunteer_app.store.types import utcnow

CONTEXT = "Notices"
T = QT_TRANSLATE_NOOP
#: Unread notices shown at most (the newest).
UNREAD_LIMIT = 100

#: kind -> template. Fields: {title} of the task, {organisation}, {when} (the occurrence's time on
#: its own clock, made from the occurrence or the ``starts_at``/``ends_at``/``timezone`` params),
#: {reason} and any other param the notifying service stores.
TEMPLATES: dict[str, str] = {
    "task_cancelled": T("Notices", "“{title}” on {when} was cancelled by {organisation}."),
    "occurrence_cancelled": T("Notices", "“{title}” on {when} was cancelled by {organisation}."),
    "task_changed": T("Notices", "“{title}” changed: it is now {when}."),
    "signup_cancelled": T("Notices", "{organisation} took you off “{title}” on {when}."),
    "proposal": T("Notices", "{organisation} asks whether you can do “{title}” on {when}."),
    "waitlist_promoted": T("Notices", "A place freed up: you are now signed up for “{title}” on {when}."),
    "waitlist_offer": T("Notices", "A place freed up on “{title}” ({when}): accept or decline it in My schedule."),
    "hours_verified": T("Notices", "{organisation} verified your hours for “{title}”."),
    "hours_rejected": T("Notices", "{organisation} did not verify your hours for “{title}”: {reason}"),
    "request_decided": T("Notices", "{organisation} answered your request about “{title}”: {reason}"),
    "request_accepted": T(
        "Notices", "{organisation} accepted your request about “{title}”: a corrected record waits for verification."
    ),
    "request_declined": T("Notices", "{organisation} declined your request about “{title}”: {reason}"),
}
GENERIC = T("Notices", "News about “{title}”.")
UNKNOWN_TITLE = T("Notices", "a task")
NO_REASON = T("Notices", "no reason given")


@dataclass(frozen=True)
class NoticeView:
    id: int
    kind: str
    params: dict[str, Any]  # with title/organisation/starts_at/ends_at/timezone filled from the occurrence
    occurrence_id: int | None
    created_at: datetime
    read_at: datetime | None


def notify(session: Session, person_id: int, kind: str, *, occurrence_id: int | None = None, **params: Any) -> int:
    """Add a notice for ``person_id`` inside the caller's transaction (``kind``: a key of TEMPLATES); its id."""
    plain = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in params.items()}
    if session.get_bind().dialect.name == "postgresql":
        # Through va_notify(): on a shared server only the addressee may read a notice, so the
        # writer could not read back the row it inserts (INSERT ... RETURNING).
        session.flush()
        made = session.scalar(select(func.va_notify(person_id, kind, json.dumps(plain), occurrence_id)))
        return int(made or 0)
    notice = Notice(person_id=person_id, kind=kind, params=plain, occurrence_id=occurrence_id)
    session.add(notice)
    session.flush()
    return notice.id


def _views(session: Session, rows: Iterable[Notice]) -> list[NoticeView]:
    rows = list(rows)
    occ_ids = {n.occurrence_id for n in rows if n.occurrence_id is not None}
    occurrences: dict[int, dict[str, Any]] = {}
    if occ_ids:
        for occ_id, start, end, title, zone, org in session.execute(
            select(
                TaskOccurrence.id,
                TaskOccurrence.starts_at,
                TaskOccurrence.ends_at,
                Task.title,
                Task.timezone,
                Organisation.name,
            )
            .join(Task, Task.id == TaskOccurrence.task_id)
            .join(Organisation, Organisation.id == Task.organisation_id)
            .where(TaskOccurrence.id.in_(sorted(occ_ids)))
        ):
            occurrences[occ_id] = {
                "title": title,
                "organisation": org,
                "timezone": zone,
                "starts_at": start.isoformat(),
                "ends_at": end.isoformat(),
            }
    out = []
    for n in rows:
        # What the notice stored wins: it is what was true when it was sent.
        params = {**occurrences.get(n.occurrence_id or -1, {}), **(n.params or {})}
        out.append(NoticeView(n.id, n.kind, params, n.occurrence_id, n.created_at, n.read_at))
    return out


def unread(session: Session, person_id: int) -> list[NoticeView]:
    """The person's unread notices, newest first (inside the caller's read)."""
    rows = session.scalars(
        select(Notice)
        .where(Notice.person_id == person_id, Notice.read_at.is_(None))
        .order_by(Notice.created_at.desc(), Notice.id.desc())
        .limit(UNREAD_LIMIT)
    )
    return _views(session, rows)


def list_notices(
    db: Database, actor: Actor | None, *, include_read: bool = False, limit: int = 200
) -> list[NoticeView]:
    """The signed-in person's notices, newest first (unread only unless ``include_read``)."""
    with db.read() as session:
        actor = require_signed_in(actor)
        query = select(Notice).where(Notice.person_id == actor.person_id)
        if not include_read:
            query = query.where(Notice.read_at.is_(None))
        rows = session.scalars(query.order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit))
        return _views(session, rows)


def mark_read(db: Database, actor: Actor | None, notice_ids: Iterable[int]) -> int:
    """Mark the person's own notices read (one transaction); returns how many changed.

    A notice of someone else, or one that does not exist, is refused and nothing changes.
    """
    ids = sorted(set(notice_ids))
    with db.transaction() as session:
        actor = require_signed_in(actor)
        if not ids:
            return 0
        found = {
            n.id: n
            for n in session.scalars(select(Notice).where(Notice.id.in_(ids), Notice.person_id == actor.person_id))
        }
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(T("errors", "No notice {id}."), id=missing[0])
        now = utcnow()
        changed = [n for n in found.values() if n.read_at is None]
        for n in changed:
            n.read_at = now
        if changed:
            audit.record(session, actor.person_id, "notice.read", "notice", None, ids=[n.id for n in changed])
        return len(changed)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "…"


def notice_text(notice: NoticeView, tr: Translate = english) -> str:
    """The notice as a sentence in the reader's language (unknown kinds read as "News about …")."""
    p = notice.params
    fields = _Blank({k: v for k, v in p.items() if isinstance(v, (str, int, float))})
    fields.setdefault("title", p.get("title") or tr(CONTEXT, UNKNOWN_TITLE))
    fields["reason"] = p.get("reason") or tr(CONTEXT, NO_REASON)
    when = None
    try:
        if p.get("starts_at") and p.get("ends_at"):
            when = timefmt.task_time_text(
                datetime.fromisoformat(p["starts_at"]), datetime.fromisoformat(p["ends_at"]), p.get("timezone"), tr=tr
            )
    except (TypeError, ValueError):
        when = None
    if when is not None:
        fields["when"] = when
    template = tr(CONTEXT, TEMPLATES.get(notice.kind, GENERIC))
    try:
        return template.format_map(fields)
    except (ValueError, IndexError, AttributeError):  # a broken translation: fall back to English
        return TEMPLATES.get(notice.kind, GENERIC).format_map(fields)


__all__ = ["NoticeView", "TEMPLATES", "list_notices", "mark_read", "notice_text", "notify", "unread"]
