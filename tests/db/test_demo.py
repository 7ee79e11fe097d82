"""The demo community (volunteer_app.demo and `volunteer-app demo`), on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_app.cli import main
from volunteer_app.demo import accounts_file
from volunteer_app.demo import catalogue as demo_catalogue
from volunteer_app.demo import community as demo
from volunteer_app.domain.enums import ACTIVE_SIGNUPS, Role, ServiceStatus, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, tasks
from volunteer_app.services.errors import Conflict, InvalidCredentials, InvalidInput
from volunteer_app.services.storage import Database
from volunteer_app.store.models import (
    AuditEvent,
    AvailabilitySlot,
    Membership,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    Task,
    TaskOccurrence,
    VolunteerProfile,
    VolunteerSkill,
)

NOW = datetime(2030, 5, 4, 9, 17, tzinfo=UTC)  # rounded down to 09:00 by the service
START = NOW.replace(minute=0)
# Cheap Argon2 parameters: these tests are about the data, not about hashing (one test uses the real hasher).
FAST_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash


def fill(db: Database, **changes: object) -> demo.DemoReport:
    options = {"volunteers": 30, "tasks": 12, "seed": 11, "now": NOW, "hasher": FAST_HASH, **changes}
    return demo.fill_demo(db, demo.DemoOptions(**options))  # type: ignore[arg-type]


def count(session: Session, column: object, *where: object) -> int:
    return int(session.scalar(select(func.count(column)).where(*where)) or 0)  # type: ignore[arg-type]


def test_counts_and_roles(db: Database) -> None:
    report = fill(db)
    c = report.counts
    with db.read() as s:
        assert c["organisations"] == count(s, Organisation.id)
        assert 3 <= c["organisations"] <= 5
        assert c["accounts"] == len(report.accounts) == count(s, Person.id)
        assert c["volunteers"] == 30
        assert c["coordinators_volunteering"] >= 1
        assert count(s, VolunteerProfile.person_id) == 30 + c["coordinators_volunteering"]
        assert c["tasks"] == 12
        assert c["tasks"] + c["past_tasks"] == count(s, Task.id)
        assert c["upcoming_occurrences"] + c["past_tasks"] == count(s, TaskOccurrence.id)
        assert c["signups"] + c["past_signups"] == count(s, Signup.id)
        assert c["service_records"] == count(s, ServiceRecord.id)
        for status in ServiceStatus:
            assert c[status.value] == count(s, ServiceRecord.id, ServiceRecord.status == status)
        assert c["corrections"] == count(s, ServiceRecord.id, ServiceRecord.corrects_id.is_not(None))
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "demo.fill")).one()
        assert event.details["counts"] == c

        roles = Counter(a.role for a in report.accounts)
        assert roles == {
            "site_admin": 1,
            "admin": c["organisations"],
            "coordinator": c["coordinators"],
            "volunteer": 30,
        }
        assert c["organisations"] <= c["coordinators"] <= 2 * c["organisations"]
        for account in report.accounts:
            person = s.scalars(select(Person).where(Person.email == account.email)).one()
            held = {(m.organisation.name, m.role) for m in person.memberships}
            assert person.is_admin == (account.role == "site_admin")
            if account.role == "site_admin":
                assert account.organisation is None and not held
            else:
                assert (account.organisation, Role(account.role)) in held
                expected = {Role(account.role)} | ({Role.VOLUNTEER} if account.also_volunteer else set())
                assert {role for _, role in held} == expected
                if account.also_volunteer:  # volunteers for the organisation they coordinate
                    assert account.role == "coordinator"
                    assert (account.organisation, Role.VOLUNTEER) in held
                assert (person.profile is not None) == (account.role == "volunteer" or account.also_volunteer)
        assert sum(a.also_volunteer for a in report.accounts) == c["coordinators_volunteering"]


def test_every_kind_of_account_signs_in_with_its_password(db: Database) -> None:
    report = demo.fill_demo(db, demo.DemoOptions(volunteers=3, tasks=0, seed=11, now=NOW))  # the demo hasher
    assert len({a.password for a in report.accounts}) == len(report.accounts)
    # Argon2 is slow: one account of each staff role and a few volunteers, not every account.
    by_role: dict[str, list[demo.DemoAccount]] = defaultdict(list)
    for account in report.accounts:
        by_role[account.role].append(account)
    assert set(by_role) == {"site_admin", "admin", "coordinator", "volunteer"}
    sample = [group[0] for group in by_role.values()] + random.Random(1).sample(by_role["volunteer"], 2)
    for account in sample:
        actor = accounts.sign_in(db, account.email, account.password)
        assert actor.email == account.email
        assert actor.is_admin == (account.role == "site_admin")
        # The light demo hash is replaced by a full-strength one at the first sign-in.
        with db.read() as s:
            stored = s.scalars(select(Person.password_hash).where(Person.email == account.email)).one()
        assert stored.startswith("$argon2id$") and ",t=3," in stored.replace("$", ",")
        assert accounts.sign_in(db, account.email, account.password).person_id == actor.person_id
    with pytest.raises(InvalidCredentials):
        accounts.sign_in(db, sample[0].email, sample[1].password)


def test_hours_follow_the_trust_rules(db: Database) -> None:
    fill(db)
    with db.read() as s:
        records = list(s.scalars(select(ServiceRecord)))
        statuses = Counter(r.status for r in records)
        assert statuses[ServiceStatus.VERIFIED] > statuses[ServiceStatus.PENDING] >= 1
        assert statuses[ServiceStatus.REJECTED] >= 1
        coordinators = {
            (m.person_id, m.organisation_id)
            for m in s.scalars(select(Membership).where(Membership.role == Role.COORDINATOR))
        }
        by_id = {r.id: r for r in records}
        for r in records:
            assert r.ended_at < START
            if r.status is ServiceStatus.PENDING:
                assert r.decided_by_id is None
                continue
            assert r.decided_by_id != r.person_id  # nobody decides on their own hours
            assert (r.decided_by_id, r.organisation_id) in coordinators
            assert r.decided_at is not None and r.created_at < r.decided_at < START
            if r.status is ServiceStatus.REJECTED:
                assert r.decision_reason
            if r.occurrence_id is not None:
                occ = s.get(TaskOccurrence, r.occurrence_id)
                assert occ is not None and occ.task.organisation_id == r.organisation_id
        corrections = [(r, r.corrects_id) for r in records if r.corrects_id is not None]
        assert corrections
        for new, corrects_id in corrections:
            old = by_id[corrects_id]
            assert old.person_id == new.person_id and old.status is not ServiceStatus.PENDING
        completed = count(s, Signup.id, Signup.status == SignupStatus.COMPLETED)
        assert completed == len(records) - len(corrections)


def test_tasks_mix_kinds_places_and_recurrence(db: Database) -> None:
    report = fill(db, tasks=20)
    with db.read() as s:
        upcoming = list(s.scalars(select(Task).where(Task.status.in_([TaskStatus.OPEN, TaskStatus.DRAFT]))))
        past = list(s.scalars(select(Task).where(Task.status == TaskStatus.CLOSED)))
        assert len(upcoming) == 20 and len(past) == report.counts["past_tasks"]
        assert any(t.status is TaskStatus.DRAFT for t in upcoming)
        assert sum(t.status is TaskStatus.OPEN for t in upcoming) > 15
        kinds = Counter(t.kind for t in upcoming if not t.is_remote)
        assert kinds[TaskKind.FIXED] > kinds[TaskKind.FLEXIBLE] >= 1
        assert any(t.is_remote for t in upcoming)
        recurring = [t for t in upcoming if t.repeat_weekly_until is not None]
        assert recurring
        for t in recurring:
            assert len(t.occurrences) == demo.RECURRING_WEEKS
        for t in upcoming + past:
            tasks.validate(tasks.task_input_of(t))  # what a coordinator's form would accept
            assert t.title.strip() and t.description.strip()
            assert 1 <= t.slots <= 8 and 1 <= t.priority <= 5 and len(t.requirements) <= 2
            if t.is_remote:
                assert t.latitude is None and t.address is None
            else:
                assert t.latitude is not None and t.address and "杭州" in t.address
            if t.kind is TaskKind.FIXED:
                assert 60 <= (t.ends_at - t.starts_at).total_seconds() / 60 <= 180
            else:
                assert t.minutes in (60, 90, 120)
        for t in upcoming:
            assert START < t.starts_at <= START + timedelta(days=demo.UPCOMING_DAYS + 1)
        for t in past:
            assert START - timedelta(days=demo.PAST_DAYS + 1) <= t.starts_at and t.ends_at < START


def test_signups_respect_slots_windows_and_free_time(db: Database) -> None:
    fill(db, tasks=20)
    with db.read() as s:
        signups = list(s.scalars(select(Signup)))
        assert any(x.status is SignupStatus.CONFIRMED for x in signups)
        per_occurrence: dict[int, list[Signup]] = defaultdict(list)
        for x in signups:
            per_occurrence[x.occurrence_id].append(x)
        for occ_id, group in per_occurrence.items():
            occ = s.get(TaskOccurrence, occ_id)
            assert occ is not None
            task = occ.task
            active = [x for x in group if x.status in ACTIVE_SIGNUPS]
            assert len(active) <= task.slots
            if any(x.status is SignupStatus.WAITLISTED for x in group):
                assert len(active) == task.slots
            assert task.status in (TaskStatus.OPEN, TaskStatus.CLOSED)
            for x in group:
                assert occ.starts_at <= x.starts_at < x.ends_at <= occ.ends_at
                if task.kind is TaskKind.FLEXIBLE:
                    assert x.ends_at - x.starts_at == timedelta(minutes=task.minutes or 0)
                if x.status in ACTIVE_SIGNUPS or x.status is SignupStatus.WAITLISTED:
                    assert x.starts_at > START
                else:
                    assert x.status in (SignupStatus.COMPLETED, SignupStatus.NO_SHOW) and x.ends_at < START
        by_person: dict[int, list[Signup]] = defaultdict(list)
        for x in signups:
            by_person[x.person_id].append(x)
        for group in by_person.values():  # nobody is in two places at once
            spans = sorted((x.starts_at, x.ends_at) for x in group)
            assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_volunteer_profiles_are_plausible(db: Database) -> None:
    fill(db)
    with db.read() as s:
        for profile in s.scalars(select(VolunteerProfile)):
            assert profile.home_address and profile.home_address.startswith("杭州市")
            assert profile.home_latitude == round(profile.home_latitude or 0, 3)
            assert profile.home_longitude == round(profile.home_longitude or 0, 3)
            assert abs((profile.home_latitude or 0) - 30.2741) < 0.4
            assert abs((profile.home_longitude or 0) - 120.1551) < 0.4
            assert 2 <= profile.radius_km <= 15
            assert profile.timezone == "Asia/Shanghai"
            assert profile.languages.split(",")[0] == "zh"
            skills = count(s, VolunteerSkill.skill_id, VolunteerSkill.person_id == profile.person_id)
            assert 1 <= skills <= 4
            assert count(s, AvailabilitySlot.id, AvailabilitySlot.person_id == profile.person_id) >= 1
        assert any(p.weekly_hour_cap_minutes for p in s.scalars(select(VolunteerProfile)))


def test_same_seed_same_community_and_force_wipes_and_refills(db: Database) -> None:
    first = fill(db)
    with db.read() as s:
        titles_first = list(s.scalars(select(Task.title).order_by(Task.id)))
    second = fill(db, force=True)
    assert second.wiped and not first.wiped
    assert [a.to_dict() for a in second.accounts] == [a.to_dict() for a in first.accounts]
    assert second.counts == first.counts
    with db.read() as s:
        assert list(s.scalars(select(Task.title).order_by(Task.id))) == titles_first
        assert count(s, Person.id) == first.counts["accounts"]  # replaced, not added to
        assert count(s, AuditEvent.id, AuditEvent.action == "demo.fill") == 1
    other = fill(db, force=True, seed=12)
    assert [a.password for a in other.accounts] != [a.password for a in first.accounts]


def test_refuses_a_database_that_holds_data(db: Database) -> None:
    accounts.create_first_admin(db, "someone@example.org", "Someone", "a long password")
    assert not demo.is_empty(db)
    with pytest.raises(Conflict, match=r"--force.*--if-empty"):
        fill(db)
    with db.read() as s:
        assert count(s, Person.id) == 1 and count(s, Task.id) == 0


def test_a_failure_half_way_leaves_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo._Builder, "write_past_month", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        fill(db)
    assert demo.is_empty(db)
    with db.read() as s:
        assert count(s, Task.id) == 0 and count(s, AuditEvent.id) == 0


def test_english(db: Database) -> None:
    report = fill(db, lang="en", city="London")
    assert report.city == "London" and report.timezone == "Europe/London"
    english = {t.en for t in demo_catalogue.TASKS}
    with db.read() as s:
        titles = set(s.scalars(select(Task.title)))
        assert titles <= english
        assert all(name.isascii() for name in s.scalars(select(Organisation.name)))
        profile = s.scalars(select(VolunteerProfile)).first()
        assert profile is not None and profile.timezone == "Europe/London"
        assert (profile.home_address or "").endswith(", London")
    assert all(a.display_name.isascii() for a in report.accounts)


def test_unknown_city_is_named(db: Database) -> None:
    with pytest.raises(InvalidInput, match="Nowhereville") as caught:
        fill(db, city="Nowhereville")
    assert caught.value.field == "city"
    assert demo.is_empty(db)


def test_cli_if_empty_and_force(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hash_password", FAST_HASH)
    base = ["--database", db_url, "demo", "--volunteers", "3", "--tasks", "2", "--seed", "5"]
    assert main([*base, "--if-empty"]) == 0  # empty: it fills
    out = capsys.readouterr().out
    assert "admin@demo.volunteer-app.org" in out and "v003@demo.volunteer-app.org" in out

    assert main([*base, "--if-empty", "--volunteers", "9"]) == 0  # holds data: nothing changed
    out = capsys.readouterr().out
    first, *rest = out.splitlines()
    assert "already holds data" in first
    # ... and the accounts are shown again, from the file in the app home.
    assert str(accounts_file.accounts_path()) in rest[0]
    assert "admin@demo.volunteer-app.org" in out and "v003@demo.volunteer-app.org" in out
    db = Database(db_url)
    try:
        with db.read() as s:
            assert count(s, VolunteerProfile.person_id) == 3 + 1  # and the coordinator who volunteers

        assert main([*base, "--force", "--volunteers", "4"]) == 0
        assert "v004@" in capsys.readouterr().out
        with db.read() as s:
            assert count(s, VolunteerProfile.person_id) == 4 + 1
    finally:
        db.dispose()


def test_resolve_city() -> None:
    assert demo_catalogue.resolve_city("杭州市").name_en == "Hangzhou"
    assert demo_catalogue.resolve_city(" new york ").timezone == "America/New_York"
    nanjing = demo_catalogue.resolve_city("Nanjing")  # not built in: from the offline gazetteer
    assert nanjing.chinese and nanjing.timezone == "Asia/Shanghai"
    assert abs(nanjing.latitude - 32.06) < 0.2 and abs(nanjing.longitude - 118.78) < 0.2
    with pytest.raises(InvalidInput, match="Nowhereville"):
        demo_catalogue.resolve_city("Nowhereville")
