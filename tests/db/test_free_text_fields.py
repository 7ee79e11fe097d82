"""Issue 11, "Field lengths": the rule for text people type holds for every free-text field, not only
names and emails. Reasons, request messages, notes and addresses refuse control and bidi override
characters and over-long values with one sentence naming the field, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.support.community import Community, build
from volunteer_app.services import availability, hours, hours_requests, places
from volunteer_app.services.errors import InvalidInput
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent

BAD = {
    "escape": "late \x1b]0;owned\x07",
    "bidi": "fine\u202etxt.exe",
    "nul": "a\x00b",
    "huge": "x" * 100_000,
}


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def audit_rows(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(AuditEvent.id))) or 0)


ACTIONS: dict[str, tuple[str, Callable[[Database, Community, str], object]]] = {
    "reject reason": ("reason", lambda db, t, v: hours.reject_hours(db, t.coord_a, 1, v)),
    "request message": (
        "message",
        lambda db, t, v: hours_requests.file_request(db, t.volunteer, None, "missing", v, occurrence_id=1),
    ),
    "away note": (
        "note",
        lambda db, t, v: availability.add_exception(
            db, t.volunteer, "away", datetime.now(UTC) + timedelta(days=3), datetime.now(UTC) + timedelta(days=4),
            note=v,
        ),
    ),
    "home address": ("address", lambda db, t, v: places.set_home(db, t.volunteer, v, 30.27, 120.15)),
}


@pytest.mark.parametrize("bad", sorted(BAD))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_free_text_refuses_what_no_field_may_hold(db: Database, town: Community, action: str, bad: str) -> None:
    field, run = ACTIONS[action]
    before = audit_rows(db)
    with pytest.raises(InvalidInput) as caught:
        run(db, town, BAD[bad])
    assert caught.value.field == field, str(caught.value)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300 and "\x1b" not in message
    assert audit_rows(db) == before
