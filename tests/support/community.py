"""A small community built through the services, for tests that need people and roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from volunteer_app.domain.enums import Role, TaskStatus
from volunteer_app.services import accounts, organisations, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.store.database import Database
from volunteer_app.store.models import Skill

PASSWORD = "correct horse 42"


@dataclass
class Community:
    admin: Actor
    org_a: int
    org_b: int
    coord_a: Actor
    coord_b: Actor
    volunteer: Actor  # a volunteer of organisation A
    other_volunteer: Actor  # a volunteer of organisation B
    task_a: int
    task_b: int


def shift(days: int = 3, hours: int = 2) -> tuple[datetime, datetime]:
    start = datetime(2030, 5, 4, 1, 0, tzinfo=UTC) + timedelta(days=days)
    return start, start + timedelta(hours=hours)


def build(db: Database) -> Community:
    admin = accounts.create_first_admin(db, "admin@example.org", "Admin", PASSWORD)
    with db.transaction() as s:
        s.add_all([Skill(key="first_aid", label="First aid"), Skill(key="driving", label="Driving")])
    org_a = organisations.create_organisation(db, admin, "Riverside Community Centre")
    org_b = organisations.create_organisation(db, admin, "Hillside Food Bank")
    people = {}
    for email, org, role in [
        ("coord.a@example.org", org_a, Role.COORDINATOR),
        ("coord.b@example.org", org_b, Role.COORDINATOR),
        ("vol@example.org", org_a, Role.VOLUNTEER),
        ("vol.b@example.org", org_b, Role.VOLUNTEER),
    ]:
        accounts.create_account(db, admin, email, email.split("@")[0], PASSWORD)
        accounts.grant_role(db, admin, email, org, role)
        people[email] = accounts.sign_in(db, email, PASSWORD)
    start, end = shift()
    task_a = tasks.create_task(
        db, people["coord.a@example.org"],
        tasks.TaskInput(organisation_id=org_a, title="Sort donations", starts_at=start, ends_at=end,
                        latitude=30.27, longitude=120.15, slots=3, status=TaskStatus.OPEN),
    )
    task_b = tasks.create_task(
        db, people["coord.b@example.org"],
        tasks.TaskInput(organisation_id=org_b, title="Pack food parcels", starts_at=start, ends_at=end,
                        is_remote=False, latitude=30.28, longitude=120.16, slots=2, status=TaskStatus.OPEN),
    )
    return Community(
        admin=admin, org_a=org_a, org_b=org_b,
        coord_a=people["coord.a@example.org"], coord_b=people["coord.b@example.org"],
        volunteer=people["vol@example.org"], other_volunteer=people["vol.b@example.org"],
        task_a=task_a, task_b=task_b,
    )
