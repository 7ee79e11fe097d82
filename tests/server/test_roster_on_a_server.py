"""A coordinator's roster on a shared server names everyone on their organisation's task,
members of the organisation or not (row-level security lets their names through, not their homes)."""

from __future__ import annotations

from sqlalchemy import select, text

from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app.services import roster, shared_server, signups
from volunteer_app.store.models import TaskOccurrence


def test_a_volunteer_of_another_organisation_is_on_the_roster(shared: SharedServer) -> None:
    volunteer_b = shared_server.sign_in(shared.desktop_url, "vol.b@example.org", PASSWORD)
    coordinator = shared_server.sign_in(shared.desktop_url, "coord.a@example.org", PASSWORD)
    try:
        with coordinator.db.read() as s:
            occurrence = s.scalar(select(TaskOccurrence.id).where(TaskOccurrence.task_id == shared.community.task_a))
        assert occurrence is not None
        signups.sign_up(volunteer_b.db, volunteer_b.actor, occurrence)  # organisation B's volunteer, task of A
        names = {entry.email for entry in roster.roster(coordinator.db, coordinator.actor, occurrence).entries}
        assert "vol.b@example.org" in names
        with coordinator.db.engine.connect() as conn:  # a name on the roster is not a home
            homes = conn.execute(
                text("SELECT person_id FROM volunteer_profile WHERE person_id = :p"),
                {"p": shared.community.other_volunteer.person_id},
            ).all()
        assert homes == []
    finally:
        volunteer_b.db.dispose()
        coordinator.db.dispose()


def test_a_fellow_volunteer_does_not_see_who_is_on_a_task(shared: SharedServer) -> None:
    email = "vol@example.org"
    volunteer_b = shared_server.sign_in(shared.desktop_url, "vol.b@example.org", PASSWORD)
    other = shared_server.sign_in(shared.desktop_url, email, PASSWORD)
    try:
        with other.db.read() as s:
            occurrence = s.scalar(select(TaskOccurrence.id).where(TaskOccurrence.task_id == shared.community.task_a))
        assert occurrence is not None
        signups.sign_up(volunteer_b.db, volunteer_b.actor, occurrence)
        with other.db.engine.connect() as conn:
            seen = conn.execute(text("SELECT id FROM person WHERE email = 'vol.b@example.org'")).all()
        assert seen == []
    finally:
        volunteer_b.db.dispose()
        other.db.dispose()
