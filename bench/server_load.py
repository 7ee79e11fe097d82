"""Server load bench: N desktops, each signed in with its own PostgreSQL login, on one shared server.

    .venv/bin/python bench/server_load.py [--desktops 50] [--minutes 5] [--think 0.5-2] [--live]
        [--threads K] [--postgres auto | --url postgresql+psycopg://postgres@host/postgres] [--json FILE]

Issue 12, "Load". On a fresh database of one local PostgreSQL (``--postgres auto``, the default: a
throwaway cluster like the tests' own, SCRAM for every login but the superuser, started with
``max_connections=300``; or ``--url``: a server where that user may create databases and roles;
the database and its roles are dropped afterwards) the bench runs ``server init``
(``shared_server.initialise``) and builds a community through the services as the superuser:
4 organisations, 40 volunteers with profiles, skills, homes and free hours (each a member of two
organisations), 10 coordinators, ~200 open task occurrences over the coming three weeks with 1-5
places, and a couple of signups per volunteer.

Then N desktops start, one process each (about 160 MiB RSS, 100 MiB PSS apiece: the app's
imports; ``--threads K`` runs K desktops as threads in each process instead, ~6 MiB more per
desktop, at the price of sharing one interpreter lock), and each signs in with its own person's login exactly as a desktop does
(``shared_server.sign_in(desktop_url, email, password)``: a URL without a user, so the server's
row-level security applies). About four in five are volunteers, the rest coordinators. Released at
the same moment, every desktop acts for ``--minutes`` minutes, thinking ``--think`` seconds
(uniformly random) between actions:

    volunteers    suggestions, browse (the Tasks list), task_details, sign_up, withdraw,
                  accept_offer (a waitlist place offered), my_schedule, my_hours
    coordinators  tasks_list, create_task (a draft), publish_task, roster_list, roster,
                  check_in, check_out (a pending hours record), hours_queue, verify

``--live`` adds what the window's live updates do (gui/live_updates.py): each desktop listens
for the others' changes (LISTEN/NOTIFY, one more connection each) and, 0.3 s after a change,
reloads the page it shows when that page's topics changed, and counts its unread notices again
when notices changed. Those reloads get rows of their own (``live ...``); the ALL row and the
goals are about what people clicked.

Each action is timed from the call to the service until its answer. Outcomes: ``ok``; a polite
refusal (``Conflict`` such as "no places left" or a clash, or ``NotFound`` after another desktop
changed the thing); a lost race (``LostRace``/``ConcurrentChange``: "someone else changed ... run
again"); an error (anything else: a ``PermissionDenied`` or ``InvalidInput`` this mix never
deserves, or a traceback; the first traceback of each action is printed once).

Afterwards, as the superuser: no occurrence holds more active (proposed or confirmed) signups than
it has places, no volunteer holds two overlapping active places, no hours were decided twice, and
the ledger verifies for each organisation. Prints a table, the desktops' memory (RSS and PSS per
process), the database's peak connections, where the CPU went during the run (PostgreSQL, the
desktops' own Python, everything else on the machine: on this one machine the desktops' Python
competes with the server for the same cores, which 50 real desktops would not), and as its last
line a one-line JSON summary (``--json FILE`` writes the whole report). Exit status 1 when an
integrity check fails, a desktop could not sign in, or an action ended in an error.

A "notes" line counts odd things that did not fail: a roster showing fewer people than the
roster list counted for it (a withdrawal in between, or people the coordinator's login cannot see).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import multiprocessing as mp
import os
import queue
import random
import secrets
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from tests.support import crowd as crowds  # noqa: E402
from volunteer_app.domain.availability import WeeklySlot  # noqa: E402
from volunteer_app.domain.enums import ACTIVE_SIGNUPS, Role, TaskStatus  # noqa: E402
from volunteer_app.services import (  # noqa: E402
    accounts,
    browse,
    hours,
    hours_ledger,
    hours_requests,
    ledger,
    live,
    notices,
    organisations,
    places,
    profiles,
    roster,
    schedule,
    shared_server,
    signups,
    task_details,
    tasks,
)
from volunteer_app.services import matching as matching_service  # noqa: E402
from volunteer_app.services.concurrency import LostRace  # noqa: E402
from volunteer_app.services.errors import Conflict, NotFound, ServiceError  # noqa: E402
from volunteer_app.store.database import ConcurrentChange, Database, parse_url  # noqa: E402
from volunteer_app.store.models import Skill  # noqa: E402
from volunteer_app.store.server import role_prefix  # noqa: E402

PASSWORD = "load bench 42 horse"
ZONE = "Asia/Shanghai"
CENTRE = (30.27, 120.15)
SKILLS = (("first_aid", "First aid"), ("driving", "Driving"), ("cooking", "Cooking"), ("tutoring", "Tutoring"))
CATEGORIES = ("Food", "Elderly", "Environment", "Education")
#: Connections the throwaway cluster allows (each person-mode Database pools up to 2 + 4).
MAX_CONNECTIONS = 300
#: Seconds the parent waits for every desktop to sign in.
SIGN_IN_TIMEOUT = 600.0
#: The goal of issue 12.
GOAL_P95_MS = 200.0
#: A traceback printed in the report is cut to its last lines.
TRACEBACK_LINES = 25

VOLUNTEER_MIX = {
    "suggestions": 20, "browse": 10, "task_details": 18, "sign_up": 14, "withdraw": 8,
    "my_schedule": 20, "my_hours": 10,
}  # fmt: skip
COORDINATOR_MIX = {
    "tasks_list": 10, "create_task": 8, "roster_list": 12, "roster": 16, "check_in": 16,
    "check_out": 12, "hours_queue": 14, "verify": 12,
}  # fmt: skip
#: ``--live``: the page each action leaves on screen, and the topics that page reloads on
#: (as gui/live_updates.py's PAGE_TOPICS; copied, so the bench does not load Qt).
PAGE_OF_ACTION = {
    "suggestions": "tasks_for_me", "task_details": "tasks_for_me", "sign_up": "tasks_for_me", "browse": "tasks",
    "withdraw": "my_schedule", "accept_offer": "my_schedule", "my_schedule": "my_schedule", "my_hours": "my_hours",
    "tasks_list": "tasks", "create_task": "tasks", "publish_task": "tasks", "roster_list": "roster",
    "roster": "roster", "check_in": "roster", "check_out": "roster", "hours_queue": "hours_to_verify",
    "verify": "hours_to_verify",
}  # fmt: skip
PAGE_TOPICS = {
    "tasks_for_me": {live.TASKS, live.SIGNUPS, live.ORGANISATIONS},
    "my_schedule": {live.TASKS, live.SIGNUPS, live.NOTICES},
    "my_hours": {live.HOURS, live.TASKS, live.SIGNUPS},
    "tasks": {live.TASKS, live.SIGNUPS},
    "roster": {live.TASKS, live.SIGNUPS, live.HOURS},
    "hours_to_verify": {live.HOURS},
}
#: As gui/live_updates.py's DEBOUNCE_MS: after a first change, the page reloads once this much later.
DEBOUNCE_S = 0.3
#: As gui/live_updates.py's MIN_RELOAD_INTERVAL_MS: a steady stream of changes reloads at most this often.
MIN_RELOAD_INTERVAL_S = 1.5
#: Kinds of the reloads ``--live`` makes start with this (they are not clicks: a row of their own).
LIVE = "live "
#: The order of the table's rows.
ACTION_ORDER = (
    "suggestions", "browse", "task_details", "sign_up", "withdraw", "accept_offer", "my_schedule", "my_hours",
    "tasks_list", "create_task", "publish_task", "roster_list", "roster", "check_in", "check_out",
    "hours_queue", "verify",
)  # fmt: skip


def _cheap_hashing() -> None:
    # Setup makes ~55 accounts; the stored Argon2 hash is never read on a shared server (the
    # login's SCRAM verifier is what checks the password), so its cost is not under test.
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


# --------------------------------------------------------------------------- the server


def _throwaway_cluster() -> Any:
    """``tests.conftest._LocalCluster`` (SCRAM for every login but ``postgres``) started with
    room for every desktop's connections."""
    from tests.conftest import _LocalCluster

    class LoadCluster(_LocalCluster):
        def _run(self, *args: str) -> None:
            if "start" in args and "-o" in args:  # pg_ctl start: the server's options follow -o
                at = args.index("-o") + 1
                args = (*args[:at], f"{args[at]} -c max_connections={MAX_CONNECTIONS}", *args[at + 1 :])
            super()._run(*args)

    return LoadCluster()


def _admin_execute(server_url: str, *statements: str) -> list[Any]:
    engine = create_engine(parse_url(server_url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        out = []
        with engine.connect() as conn:
            for statement in statements:
                result = conn.execute(text(statement))
                out.append(result.fetchall() if result.returns_rows else None)
        return out
    finally:
        engine.dispose()


def _create_database(server_url: str) -> tuple[str, str]:
    name = f"va_bench_load_{os.getpid()}_{secrets.token_hex(2)}"
    _admin_execute(server_url, f'CREATE DATABASE "{name}"')
    return parse_url(server_url).set(database=name).render_as_string(hide_password=False), name


def _drop_database(server_url: str, name: str) -> None:
    """The database and the roles ``server init`` and the accounts made for it (roles are cluster-wide)."""
    _admin_execute(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    prefix = role_prefix(name)
    [rows] = _admin_execute(
        server_url, f"SELECT rolname FROM pg_roles WHERE starts_with(rolname, '{prefix}_') ORDER BY rolname DESC"
    )
    if rows:
        _admin_execute(server_url, *(f'DROP ROLE IF EXISTS "{r[0]}"' for r in rows))


def _server_facts(url: str) -> dict[str, Any]:
    [[(version, max_conn)]] = _admin_execute(url, "SELECT current_setting('server_version'), "
                                                  "current_setting('max_connections')::int")  # fmt: skip
    return {"server_version": version, "max_connections": max_conn}


def cluster_cpu_seconds(data_dir: Path | None) -> float | None:
    """CPU time the local cluster's processes used so far: the postmaster with its reaped children,
    plus the live backends (Linux /proc); None for a server elsewhere."""
    if data_dir is None:
        return None
    try:
        postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        # After the command: state, ppid, ..., utime (11), stime (12), cutime (13), cstime (14).
        if int(stat.parent.name) == postmaster:
            ticks += sum(int(f) for f in fields[11:15])
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float | None:
    """CPU time the whole machine spent busy so far, over all cores (Linux /proc/stat)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    values = [int(v) for v in first]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class ConnectionSampler(threading.Thread):
    """Counts the database's connections once a second while the desktops run (its peak is reported)."""

    def __init__(self, url: str, database: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(parse_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        self.database = database
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            with self.engine.connect() as conn:
                while not self.stop.wait(1.0):
                    n = conn.execute(
                        text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d"), {"d": self.database}
                    ).scalar_one()
                    self.peak = max(self.peak, int(n) - 1)  # not this connection
        finally:
            self.engine.dispose()


# --------------------------------------------------------------------------- the community


def coordinator_desktops(n: int) -> int:
    """Of ``n`` desktops, about one in five is a coordinator's (at least one when n > 1)."""
    return 0 if n == 1 else max(1, round(n / 5))


@dataclass
class Plan:
    """Who is who, as plain data for the desktops."""

    organisations: list[int]
    volunteers: list[str]
    coordinators: list[tuple[str, int]]  # (email, organisation id)
    occurrences: int = 0
    signups: int = 0

    def desktops(self, n: int) -> list[dict[str, Any]]:
        """``n`` desktops: about one in five a coordinator (``coordinator_desktops``)."""
        n_coord = coordinator_desktops(n)
        n_vol = n - n_coord
        specs: list[dict[str, Any]] = [{"role": "volunteer", "email": e} for e in self.volunteers[:n_vol]]
        specs += [{"role": "coordinator", "email": e, "organisation_id": o} for e, o in self.coordinators[:n_coord]]
        return specs


def _local(day: date, minute: int) -> datetime:
    """A time on the tasks' clock (Shanghai) as UTC."""
    moment = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=ZoneInfo(ZONE))
    return moment.astimezone(UTC)


def _point(rng: random.Random, spread: float = 0.07) -> tuple[float, float]:
    return round(CENTRE[0] + rng.uniform(-spread, spread), 5), round(CENTRE[1] + rng.uniform(-spread, spread), 5)


def task_input(rng: random.Random, org: int, title: str, *, status: TaskStatus, today: date) -> tasks.TaskInput:
    """A task on a day of the coming three weeks, 08:00-20:00 on its clock, 1-3 hours, 1-5 places."""
    day = today + timedelta(days=rng.randint(1, 21))
    start = rng.choice(range(8 * 60, 17 * 60 + 1, 30))
    length = rng.choice((60, 90, 120, 120, 180))
    remote = rng.random() < 0.1
    lat, lon = (None, None) if remote else _point(rng)
    requires = {rng.choice(SKILLS)[0]: rng.randint(1, 2)} if rng.random() < 0.25 else {}
    return tasks.TaskInput(
        organisation_id=org, title=title, starts_at=_local(day, start), ends_at=_local(day, start + length),
        category=rng.choice(CATEGORIES), is_remote=remote, latitude=lat, longitude=lon,
        address=None if remote else f"{rng.randint(1, 300)} River Road", requires=requires,
        slots=rng.randint(1, 5), priority=rng.randint(1, 3), status=status, timezone=ZONE,
    )  # fmt: skip


def build_community(
    url: str, *, organisations_n: int, volunteers_n: int, coordinators_n: int, occurrences_n: int, seed: int
) -> Plan:
    """The community, built through the services as the superuser (who bypasses row-level security)."""
    _cheap_hashing()
    rng = random.Random(seed)
    today = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date()
    db = Database(url)
    try:
        admin = accounts.create_first_admin(db, "admin@load.example.org", "Load admin", PASSWORD)
        with db.transaction() as s:
            s.add_all(Skill(key=k, label=label) for k, label in SKILLS)
        orgs = [
            organisations.create_organisation(db, admin, f"Load organisation {i + 1}") for i in range(organisations_n)
        ]
        coordinators = []
        for i in range(coordinators_n):
            email, org = f"coord{i:02d}@load.example.org", orgs[i % len(orgs)]
            accounts.create_account(db, admin, email, f"Coordinator {i}", PASSWORD)
            accounts.grant_role(db, admin, email, org, Role.COORDINATOR)
            coordinators.append((email, org))
        volunteers = []
        for i in range(volunteers_n):
            email = f"vol{i:03d}@load.example.org"
            accounts.create_account(db, admin, email, f"Volunteer {i}", PASSWORD)
            for org in {orgs[i % len(orgs)], orgs[(i + 1) % len(orgs)]}:
                accounts.grant_role(db, admin, email, org, Role.VOLUNTEER)
            me = accounts.sign_in(db, email, PASSWORD)
            if rng.random() < 0.7:  # free every day, 07:00-22:00
                weekly = [WeeklySlot(d, 7 * 60, 22 * 60) for d in range(7)]
            else:  # weekday evenings and weekends
                weekly = [WeeklySlot(d, 17 * 60, 22 * 60) for d in range(5)]
                weekly += [WeeklySlot(d, 8 * 60, 20 * 60) for d in (5, 6)]
            skills = {k: rng.randint(1, 4) for k, _ in SKILLS if rng.random() < 0.5}
            profiles.save_profile(
                db, me, profiles.ProfileInput(name=f"Volunteer {i}", radius_km=rng.choice((10.0, 15.0, 25.0)),
                                              skills=skills, timezone=ZONE),
                weekly=weekly,
            )  # fmt: skip
            places.set_home(db, me, None, *_point(rng, 0.05))
            volunteers.append(email)
        signed_coords = {email: accounts.sign_in(db, email, PASSWORD) for email, _ in coordinators}
        by_org = {org: [signed_coords[e] for e, o in coordinators if o == org] for org in orgs}
        occurrence_ids = []
        for n in range(occurrences_n):
            org = orgs[n % len(orgs)]
            poster = by_org[org][n % len(by_org[org])] if by_org[org] else admin
            task_id = tasks.create_task(
                db, poster, task_input(rng, org, f"Task {n + 1}", status=TaskStatus.OPEN, today=today)
            )
            occurrence_ids += [row.id for row in tasks.list_occurrences(db, poster, task_id)]
        taken = 0
        for email in volunteers:  # a couple of places each, so rosters and schedules have people from the start
            me = accounts.sign_in(db, email, PASSWORD)
            for occ in rng.sample(occurrence_ids, min(3, len(occurrence_ids))):
                try:
                    signups.sign_up(db, me, occ)
                    taken += 1
                except ServiceError:
                    pass  # a clash, outside their free hours, a skill missing: as for a person
        return Plan(orgs, volunteers, coordinators, len(occurrence_ids), taken)
    finally:
        db.dispose()


# --------------------------------------------------------------------------- one desktop


def _kib(field_name: str, path: str) -> int | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def memory_now() -> dict[str, int | None]:
    """This process's resident set, its peak and its proportional share (KiB; Linux)."""
    return {
        "rss_kib": _kib("VmRSS", "/proc/self/status"),
        "hwm_kib": _kib("VmHWM", "/proc/self/status"),
        "pss_kib": _kib("Pss", "/proc/self/smaps_rollup"),
    }


@dataclass
class Tally:
    """What one desktop saw: per action kind, latencies and outcomes."""

    ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    cpu_ms: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # this desktop's own CPU, summed
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    sentences: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    errors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # kind -> first line -> n
    first_traceback: dict[str, str] = field(default_factory=dict)
    notes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # odd, not failed

    def note(self, kind: str, what: str) -> None:
        self.notes[kind][what] += 1

    def run(self, kind: str, action: Callable[[], Any]) -> Any:
        """Time one action and file its outcome; returns its result, or None when it did not go through."""
        started, cpu = time.perf_counter(), time.thread_time()
        result = None
        try:
            result = action()
            outcome = "ok"
        except (LostRace, ConcurrentChange) as exc:
            outcome = "lost"
            self.sentences[kind][getattr(exc, "template", type(exc).__name__)] += 1
        except (Conflict, NotFound) as exc:
            outcome = "refused"
            self.sentences[kind][exc.template] += 1
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            outcome = "errors"
            line = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
            self.errors[kind][line] += 1
            if kind not in self.first_traceback:
                tail = traceback.format_exc().rstrip().splitlines()[-TRACEBACK_LINES:]
                self.first_traceback[kind] = "\n".join(tail)
        self.ms[kind].append((time.perf_counter() - started) * 1000)
        self.cpu_ms[kind] += (time.thread_time() - cpu) * 1000
        self.outcomes[kind][outcome] += 1
        return result

    def as_json(self) -> dict[str, Any]:
        return {
            "ms": {k: v for k, v in self.ms.items()},
            "cpu_ms": dict(self.cpu_ms),
            "outcomes": {k: dict(v) for k, v in self.outcomes.items()},
            "sentences": {k: dict(v) for k, v in self.sentences.items()},
            "errors": {k: dict(v) for k, v in self.errors.items()},
            "first_traceback": self.first_traceback,
            "notes": {k: dict(v) for k, v in self.notes.items()},
        }


class VolunteerDesktop:
    """A volunteer's desktop: what they looked at last decides what they can do next."""

    def __init__(self, db: Database, actor: accounts.Actor, email: str, rng: random.Random, tally: Tally) -> None:
        self.db, self.actor, self.email, self.rng, self.tally = db, actor, email, rng, tally
        self.seen: list[int] = []  # occurrence ids from the last suggestions
        self.opened: int | None = None  # the occurrence whose details are open
        self.mine: schedule.Schedule | None = None
        self.page: str | None = None  # what is on screen (``--live`` reloads it)

    def step(self) -> None:
        kind = self.rng.choices(list(VOLUNTEER_MIX), weights=list(VOLUNTEER_MIX.values()))[0]
        if self.mine is not None and self.mine.proposals and self.rng.random() < 0.5:
            kind = "accept_offer"
        elif kind in ("task_details", "sign_up") and not self.seen:
            kind = "suggestions"
        elif kind == "withdraw" and self.mine is None:
            kind = "my_schedule"
        elif self.mine is not None and len(self.mine.upcoming) >= 5 and kind == "sign_up":
            kind = "withdraw"  # a full diary: give something back first
        self.page = PAGE_OF_ACTION[kind]
        getattr(self, kind)()

    def reload(self, page: str) -> None:
        """``--live``: the page on screen reloads after another desktop's change."""
        if page == "tasks_for_me":
            self.suggestions(LIVE + page)
        elif page == "tasks":
            self.browse(LIVE + page)
        elif page == "my_schedule":
            self.my_schedule(LIVE + page)
        elif page == "my_hours":
            self.my_hours(LIVE + page)

    def _now(self) -> datetime:
        return datetime.now(UTC)

    def suggestions(self, kind: str = "suggestions") -> None:
        found = self.tally.run(
            kind,
            lambda: matching_service.suggest_for(self.db, self.actor, self.email, now=self._now(), limit=20),
        )
        if found is not None:
            self.seen = [v.occurrence_id for v in found]

    def browse(self, kind: str = "browse") -> None:
        def page() -> list[browse.TaskRow]:
            browse.count_tasks(self.db, self.actor)
            return browse.fetch_tasks(self.db, self.actor, limit=100)

        self.tally.run(kind, page)

    def task_details(self) -> None:
        occ = self.rng.choice(self.seen[:10])
        detail = self.tally.run("task_details", lambda: task_details.task_detail(self.db, self.actor, occ))
        # Someone who reads that they hold a place there already does not press "Sign up" again.
        self.opened = occ if detail is not None and not detail.holds_place else None

    def sign_up(self) -> None:
        occ = self.opened if self.opened is not None else self.rng.choice(self.seen[:10])
        self.opened = None
        self.tally.run("sign_up", lambda: signups.sign_up_outcome(self.db, self.actor, occ))
        self.mine = None  # My schedule changed: read it again before acting on it

    def withdraw(self) -> None:
        assert self.mine is not None
        held = self.mine.upcoming + self.mine.waitlist
        if not held:
            self.my_schedule()
            return
        item = self.rng.choice(held)
        self.tally.run("withdraw", lambda: signups.withdraw(self.db, self.actor, signup_id=item.signup_id))
        self.mine = None

    def accept_offer(self) -> None:
        assert self.mine is not None
        item = self.mine.proposals[0]
        self.tally.run("accept_offer", lambda: schedule.accept(self.db, self.actor, item.signup_id))
        self.mine = None

    def my_schedule(self, kind: str = "my_schedule") -> None:
        self.mine = self.tally.run(kind, lambda: schedule.my_schedule(self.db, self.actor, self._now()))

    def my_hours(self, kind: str = "my_hours") -> None:
        self.tally.run(kind, lambda: hours_ledger.my_records(self.db, self.actor))


class CoordinatorDesktop:
    """A coordinator's desktop: posts tasks, runs rosters on the day (its clock set to the task's
    time, as ``now=``), and decides hours."""

    def __init__(
        self, db: Database, actor: accounts.Actor, organisation_id: int, rng: random.Random, tally: Tally
    ) -> None:
        self.db, self.actor, self.org, self.rng, self.tally = db, actor, organisation_id, rng, tally
        self.draft: int | None = None
        self.occurrences: list[roster.OccurrenceRow] = []
        self.shown: roster.Roster | None = None  # the roster on screen
        self.present: dict[tuple[int, str], datetime] = {}  # (occurrence, email) -> checked in at
        self.pending: list[int] = []
        self.posted = 0
        self.page: str | None = None  # what is on screen (``--live`` reloads it)

    def step(self) -> None:
        if self.draft is not None and self.rng.random() < 0.8:
            self.page = "tasks"
            self.publish_task()
            return
        if self._can_check_in() and self.rng.random() < 0.6:
            self.page = "roster"
            self.check_in()  # the roster is open on the day: people arrive
            return
        kind = self.rng.choices(list(COORDINATOR_MIX), weights=list(COORDINATOR_MIX.values()))[0]
        if kind == "roster" and not self.occurrences:
            kind = "roster_list"
        elif kind == "check_in" and not self._can_check_in():
            kind = "roster" if self.occurrences else "roster_list"
        elif kind == "check_out" and not self.present:
            kind = "check_in" if self._can_check_in() else "roster"
            if kind == "roster" and not self.occurrences:
                kind = "roster_list"
        elif kind == "verify" and not self.pending:
            kind = "hours_queue"
        self.page = PAGE_OF_ACTION[kind]
        getattr(self, kind)()

    def reload(self, page: str) -> None:
        """``--live``: the page on screen reloads after another desktop's change."""
        if page == "tasks":
            self.tasks_list(LIVE + page)
        elif page == "roster" and self.shown is not None:
            occ = self.shown.occurrence_id
            shown = self.tally.run(LIVE + page, lambda: roster.roster(self.db, self.actor, occ))
            if shown is not None:
                self.shown = shown
        elif page == "roster":
            self.roster_list(LIVE + page)
        elif page == "hours_to_verify":
            self.hours_queue(LIVE + page)

    def _can_check_in(self) -> bool:
        return self.shown is not None and any(self._arriving(self.shown))

    def _arriving(self, shown: roster.Roster) -> list[roster.RosterEntry]:
        return [e for e in shown.entries if e.can_check_in and e.status in ACTIVE_SIGNUPS and e.checked_in_at is None]

    def tasks_list(self, kind: str = "tasks_list") -> None:
        self.tally.run(kind, lambda: browse.fetch_tasks(self.db, self.actor, limit=100))

    def create_task(self) -> None:
        self.posted += 1
        today = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date()
        data = task_input(
            self.rng, self.org, f"New task {self.actor.person_id}-{self.posted}", status=TaskStatus.DRAFT, today=today
        )
        self.draft = self.tally.run("create_task", lambda: tasks.create_task(self.db, self.actor, data))

    def publish_task(self) -> None:
        draft, self.draft = self.draft, None
        assert draft is not None
        self.tally.run("publish_task", lambda: tasks.publish_task(self.db, self.actor, draft))

    def roster_list(self, kind: str = "roster_list") -> None:
        now = datetime.now(UTC)
        rows = self.tally.run(
            kind,
            lambda: roster.occurrences(self.db, self.actor, now, now + timedelta(days=28), organisation_id=self.org),
        )
        if rows is not None:
            self.occurrences = rows

    def roster(self) -> None:
        busy = [r for r in self.occurrences if r.coming > 0] or self.occurrences
        row = self.rng.choice(busy)
        shown = self.tally.run("roster", lambda: roster.roster(self.db, self.actor, row.occurrence_id))
        if shown is not None:
            self.shown = shown
            if shown.taken < row.coming:
                # Also after a withdrawal in between, but rarely: mostly people the coordinator cannot see.
                self.tally.note("roster", "the roster showed fewer people than the roster list counted")

    def check_in(self) -> None:
        assert self.shown is not None
        shown = self.shown
        entry = self.rng.choice(self._arriving(shown))
        at = entry.starts_at + timedelta(minutes=self.rng.randint(-10, 10))
        done = self.tally.run(
            "check_in",
            lambda: roster.check_in(self.db, self.actor, shown.occurrence_id, entry.email, at,
                                    now=at + timedelta(minutes=1)),
        )  # fmt: skip
        self.shown = None  # the page reloads after a change; so does this desktop, later
        if done is not None:
            self.present[(shown.occurrence_id, entry.email)] = done

    def check_out(self) -> None:
        (occ, email), arrived = self.rng.choice(list(self.present.items()))
        del self.present[(occ, email)]
        at = arrived + timedelta(minutes=self.rng.randint(45, 200))
        self.tally.run(
            "check_out", lambda: roster.check_out(self.db, self.actor, occ, email, at, now=at + timedelta(minutes=1))
        )

    def hours_queue(self, kind: str = "hours_queue") -> None:
        def queue() -> hours_ledger.PendingQueue:
            found = hours_ledger.pending_records(self.db, self.actor)
            hours_requests.open_requests(self.db, self.actor)
            return found

        found = self.tally.run(kind, queue)
        if found is not None:
            self.pending = [r.id for r in found.records]

    def verify(self) -> None:
        chosen = self.pending[: self.rng.randint(1, 3)]
        self.pending = self.pending[len(chosen) :]
        self.tally.run("verify", lambda: hours.verify_many(self.db, self.actor, chosen))


class LiveEar:
    """``--live``: what the window's live updates do (gui/live_updates.py): a ``services.live.Watcher``
    on a thread of its own hears other desktops' changes (LISTEN/NOTIFY, one connection held); a
    first change starts a 0.3 s timer, and then the page on screen reloads if its topics changed,
    and the unread notices are counted again if notices changed."""

    def __init__(self, db: Database, tally: Tally) -> None:
        self.tally = tally
        self.topics: set[str] = set()
        self.heard = 0
        self.lock = threading.Lock()
        self.changed = threading.Event()
        self.stop = threading.Event()
        self.last_reload = 0.0  # when the page on screen last reloaded for a change
        self.watcher = live.Watcher(db, self._heard, self._state)
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,), daemon=True)

    def _heard(self, topics: frozenset[str]) -> None:
        with self.lock:
            self.topics |= topics
            self.heard += 1
            self.changed.set()

    def _state(self, state: live.ConnectionState) -> None:
        if state is live.ConnectionState.RECONNECTING:
            self.tally.note("live", "the change listener lost its connection")

    def take(self) -> set[str]:
        with self.lock:
            topics, self.topics = self.topics, set()
            self.changed.clear()
            return topics

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def pause(desktop: VolunteerDesktop | CoordinatorDesktop, ear: LiveEar | None, seconds: float, deadline: float) -> None:
    """The person thinks for ``seconds``; with ``--live`` the page on screen reloads meanwhile as changes come."""
    end = min(time.time() + seconds, deadline)
    while (remaining := end - time.time()) > 0:
        if ear is None:
            time.sleep(remaining)
            return
        if not ear.changed.wait(remaining):
            return
        # The window's timer: a burst refreshes once, a steady stream at most every MIN_RELOAD_INTERVAL_S.
        time.sleep(max(DEBOUNCE_S, MIN_RELOAD_INTERVAL_S - (time.time() - ear.last_reload)))
        ear.last_reload = time.time()
        topics = ear.take()
        if live.NOTICES in topics:
            desktop.tally.run(LIVE + "notices", lambda: notices.list_notices(desktop.db, desktop.actor))
        if desktop.page is not None and PAGE_TOPICS[desktop.page] & topics:
            desktop.reload(desktop.page)


def run_desktop(
    spec: dict[str, Any], desktop_url: str, think: tuple[float, float], seconds: float, seed: int,
    ready: Any, go: Any, start_at: Any, listen: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Sign in, wait for the common start, act until the end; returns what it saw."""
    tally = Tally()
    out: dict[str, Any] = {"role": spec["role"], "email": spec["email"], "sign_in_ms": None, "sign_in_error": None}
    rng = random.Random(seed)
    signed = None
    started = time.perf_counter()
    try:
        signed = shared_server.sign_in(desktop_url, spec["email"], PASSWORD)
        out["sign_in_ms"] = (time.perf_counter() - started) * 1000
    except Exception:  # noqa: BLE001 - reported, not raised: the other desktops go on
        out["sign_in_error"] = "\n".join(traceback.format_exc().rstrip().splitlines()[-TRACEBACK_LINES:])
    ear = LiveEar(signed.db, tally) if listen and signed is not None else None
    if ear is not None:
        ear.thread.start()
    ready.put(1)
    go.wait()
    out["process_cpu_at_go"] = time.process_time()
    try:
        if signed is None:
            return out
        if spec["role"] == "volunteer":
            desktop: VolunteerDesktop | CoordinatorDesktop = VolunteerDesktop(
                signed.db, signed.actor, spec["email"], rng, tally
            )
        else:
            desktop = CoordinatorDesktop(signed.db, signed.actor, spec["organisation_id"], rng, tally)
        # People do not all click in the same instant: each starts within its first think time.
        time.sleep(max(0.0, start_at.value - time.time()) + rng.uniform(0, think[1]))
        deadline = start_at.value + seconds
        try:
            while time.time() < deadline:
                desktop.step()
                pause(desktop, ear, rng.uniform(*think), deadline)
        except Exception:  # noqa: BLE001 - a fault of the bench itself (not of an action): reported
            out["crash"] = "\n".join(traceback.format_exc().rstrip().splitlines()[-TRACEBACK_LINES:])
        out["live_heard"] = ear.heard if ear is not None else None
        out.update(tally.as_json())
        return out
    finally:
        if ear is not None:
            ear.close()
        if signed is not None:
            signed.db.dispose()


def desktop_process(
    specs: list[dict[str, Any]], desktop_url: str, think: tuple[float, float], seconds: float, seed: int,
    ready: Any, go: Any, start_at: Any, results: Any, listen: bool,
) -> None:  # fmt: skip
    """One process: one desktop, or several as threads (``--threads``)."""
    outs: list[dict[str, Any]] = []
    try:
        if len(specs) == 1:
            outs.append(run_desktop(specs[0], desktop_url, think, seconds, seed, ready, go, start_at, listen))
        else:
            slots: list[dict[str, Any]] = [{} for _ in specs]

            def one(i: int) -> None:
                slots[i] = run_desktop(
                    specs[i], desktop_url, think, seconds, seed * 1000 + i, ready, go, start_at, listen
                )

            threads = [threading.Thread(target=one, args=(i,)) for i in range(len(specs))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            outs.extend(slots)
    except BaseException:  # noqa: BLE001 - the parent reports it rather than waiting forever
        outs.append({"role": "process", "email": "", "crash": traceback.format_exc()})
    at_go = [o["process_cpu_at_go"] for o in outs if "process_cpu_at_go" in o]
    cpu = time.process_time() - min(at_go) if at_go else None  # every thread of the process, since the start
    results.put({"desktops": outs, "memory": memory_now(), "threads": len(specs), "cpu_s": cpu})


# --------------------------------------------------------------------------- the figures


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list (0 for an empty one)."""
    if not sorted_ms:
        return 0.0
    return sorted_ms[max(0, math.ceil(p / 100 * len(sorted_ms)) - 1)]


def summarise(outs: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    ms: dict[str, list[float]] = defaultdict(list)
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    sentences: dict[str, Counter[str]] = defaultdict(Counter)
    errors: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    notes: dict[str, Counter[str]] = defaultdict(Counter)
    cpu_ms: Counter[str] = Counter()
    for out in outs:
        cpu_ms.update(out.get("cpu_ms", {}))
        for kind, values in out.get("ms", {}).items():
            ms[kind].extend(values)
        for src, dst in ((out.get("outcomes", {}), outcomes), (out.get("sentences", {}), sentences),
                         (out.get("errors", {}), errors), (out.get("notes", {}), notes)):  # fmt: skip
            for kind, counts in src.items():
                dst[kind].update(counts)
        for kind, tb in out.get("first_traceback", {}).items():
            first.setdefault(kind, tb)

    def row(values: list[float], counts: Counter[str], cpu: float) -> dict[str, Any]:
        values = sorted(values)
        return {
            "desktop_cpu_ms_mean": round(cpu / len(values), 1) if values else 0.0,
            "count": len(values), "per_s": round(len(values) / seconds, 2) if seconds else 0.0,
            "ok": counts["ok"], "refused": counts["refused"], "lost_races": counts["lost"], "errors": counts["errors"],
            "p50_ms": round(percentile(values, 50), 1), "p95_ms": round(percentile(values, 95), 1),
            "p99_ms": round(percentile(values, 99), 1), "max_ms": round(values[-1], 1) if values else 0.0,
        }  # fmt: skip

    order = [k for k in ACTION_ORDER if k in ms] + sorted(k for k in ms if k not in ACTION_ORDER)
    by_action = {k: row(ms[k], outcomes[k], cpu_ms[k]) for k in order}

    def total(kinds: list[str]) -> dict[str, Any]:
        counts = sum((outcomes[k] for k in kinds), Counter())
        return row([v for k in kinds for v in ms[k]], counts, sum(cpu_ms[k] for k in kinds))

    clicks = [k for k in order if not k.startswith(LIVE)]
    reloads = [k for k in order if k.startswith(LIVE)]
    return {
        "by_action": by_action,
        "overall": total(clicks),  # what people did (the goals are about these)
        "live_reloads": total(reloads) if reloads else None,  # --live: pages reloading by themselves
        "refusals": {k: dict(sentences[k].most_common()) for k in order if sentences[k]},
        "errors": {k: dict(errors[k].most_common()) for k in order if errors[k]},
        "notes": {k: dict(notes[k].most_common()) for k in sorted(notes) if notes[k]},
        "first_traceback": first,
    }


def integrity(url: str, organisation_ids: list[int]) -> dict[str, Any]:
    """The checks afterwards, as the superuser."""
    db = Database(url)
    try:
        overfilled = crowds.overfilled(db)  # (occurrence, places, active signups)
        doubles = crowds.double_bookings(db)  # (person, signup, signup) overlapping, both active
        twice = crowds.decided_twice(db)
        reports = {org: ledger.verify(db, None, org) for org in organisation_ids}
        with db.read() as s:
            counts = {status: n for status, n in s.execute(text("SELECT status, count(*) FROM signup GROUP BY status"))}
            ledger_entries = s.execute(text("SELECT count(*) FROM ledger_entry")).scalar_one()
    finally:
        db.dispose()
    return {
        "overfilled": [list(r) for r in overfilled],
        "double_booked": [list(r) for r in doubles],
        "decided_twice": [list(r) for r in twice],
        "ledger_ok": all(r.ok for r in reports.values()),
        "ledger_problems": {str(org): [p.message for p in r.problems[:5]] for org, r in reports.items() if not r.ok},
        "ledger_entries": int(ledger_entries),
        "signups_by_status": {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))},
        "passed": not overfilled and not doubles and not twice and all(r.ok for r in reports.values()),
    }


def print_report(report: dict[str, Any]) -> None:
    setup, figures = report["setup"], report["figures"]
    print(
        f"== server load: {report['desktops']} desktops ({report['volunteer_desktops']} volunteers, "
        f"{report['coordinator_desktops']} coordinators; {report['mode']}) for {report['minutes']:g} min, "
        f"think {report['think'][0]:g}-{report['think'][1]:g} s"
    )
    print(
        f"   PostgreSQL {report['server']['server_version']} ({report['server']['where']}), "
        f"max_connections {report['server']['max_connections']}, peak connections of the database "
        f"{report['server']['peak_connections']}"
    )
    print(
        f"   community: {setup['organisations']} organisations, {setup['volunteers']} volunteers, "
        f"{setup['coordinators']} coordinators, {setup['occurrences']} open occurrences, "
        f"{setup['signups']} signups at the start (built in {setup['seconds']:.0f} s)"
    )
    s = report["sign_in"]
    print(
        f"   sign-in: {s['count']} desktops, p50 {s['p50_ms']:.0f} ms, max {s['max_ms']:.0f} ms, failed {s['failed']}"
    )
    header = f"   {'action':<18}{'count':>7}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    header += f"{'cpu ms':>8}{'refused':>9}{'lost':>6}{'errors':>8}"
    print(header)
    rows = [(k, v) for k, v in figures["by_action"].items() if not k.startswith(LIVE)] + [("ALL", figures["overall"])]
    if figures["live_reloads"] is not None:
        rows += [(k, v) for k, v in figures["by_action"].items() if k.startswith(LIVE)]
        rows += [("LIVE RELOADS", figures["live_reloads"])]
    for name, r in rows:
        if name in ("ALL", "LIVE RELOADS"):
            print("   " + "-" * (len(header) - 3))
        print(
            f"   {name:<18}{r['count']:>7}{r['per_s']:>8.2f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}"
            f"{r['max_ms']:>9.1f}{r['desktop_cpu_ms_mean']:>8.1f}{r['refused']:>9}{r['lost_races']:>6}{r['errors']:>8}"
        )
    print("   (cpu ms: the desktop's own Python per action, mean; on a real desktop that runs on its own computer)")
    if report["live"]:
        print(
            f"   live updates: each desktop heard {report['live_heard_per_desktop_min']:.1f} bursts of changes a "
            "minute; the ALL row is what people clicked, the live rows are pages reloading by themselves"
        )
    overall = figures["overall"]
    print(
        f"   goals: p95 {overall['p95_ms']:.0f} ms (<= {GOAL_P95_MS:.0f}: "
        f"{'met' if overall['p95_ms'] <= GOAL_P95_MS else 'NOT met'}), errors {all_errors(report)} "
        f"(0: {'met' if all_errors(report) == 0 else 'NOT met'})"
    )
    if figures["refusals"]:
        print("   polite refusals and lost races (the sentence a person reads):")
        for kind, said in figures["refusals"].items():
            for sentence, n in list(said.items())[:4]:
                print(f"     {kind:<18}{n:>6}  {sentence}")
    if figures["notes"]:
        print("   notes (odd, though the action went through):")
        for kind, said in figures["notes"].items():
            for what, n in said.items():
                print(f"     {kind:<18}{n:>6}  {what}")
    if figures["errors"]:
        print("   errors:")
        for kind, lines in figures["errors"].items():
            for line, n in list(lines.items())[:4]:
                print(f"     {kind:<18}{n:>6}  {line}")
        for kind, tb in figures["first_traceback"].items():
            print(f"   --- first traceback of {kind}:")
            print("\n".join("     " + t for t in tb.splitlines()))
    for title, lines in (("a sign-in failed", report["sign_in_failures"]), ("the bench crashed", report["crashes"])):
        for failure in lines[:3]:
            print(f"   --- {title}:")
            print("\n".join("     " + t for t in failure.splitlines()))
    m = report["memory"]
    if m["processes"]:
        print(
            f"   memory per desktop process ({m['threads_per_process']} desktop(s) each): RSS mean "
            f"{m['rss_mib_mean']:.0f} MiB (peak {m['hwm_mib_max']:.0f}), PSS mean {m['pss_mib_mean']:.0f} MiB; "
            f"all desktops together PSS {m['pss_mib_total']:.0f} MiB"
        )
    cpu = report["cpu"]
    cores = cpu["cores"] or 1
    share = "" if cpu["postgres_s"] is None else f"PostgreSQL {cpu['postgres_s']:.0f} core-s, "
    others = "" if cpu["others_s"] is None else f", everything else on the machine {cpu['others_s']:.0f} core-s"
    print(
        f"   CPU over the {cpu['wall_s']:.0f} s run ({cores} cores = {cores * cpu['wall_s']:.0f} core-s): {share}"
        f"the desktop processes {cpu['desktops_s']:.0f} core-s{others}; load average before "
        f"{'/'.join(f'{x:g}' for x in cpu['load_average_before'])}"
    )
    c = report["integrity"]
    print(
        f"   afterwards: overfilled occurrences {len(c['overfilled'])}, double-booked volunteers "
        f"{len(c['double_booked'])}, hours decided twice {len(c['decided_twice'])}, ledger "
        f"{'verifies' if c['ledger_ok'] else 'DOES NOT verify'} for {setup['organisations']} organisations "
        f"({c['ledger_entries']} entries); signups {c['signups_by_status']}"
    )
    for kind in ("overfilled", "double_booked", "decided_twice"):
        for item in c[kind][:5]:
            print(f"     ! {kind}: {item}")
    for org, problems in c["ledger_problems"].items():
        for p in problems:
            print(f"     ! ledger of organisation {org}: {p}")


def all_errors(report: dict[str, Any]) -> int:
    reloads = report["figures"]["live_reloads"]
    return int(report["figures"]["overall"]["errors"] + (reloads["errors"] if reloads else 0))


def summary_line(report: dict[str, Any]) -> dict[str, Any]:
    overall = report["figures"]["overall"]
    reloads = report["figures"]["live_reloads"]
    return {
        "desktops": report["desktops"], "minutes": report["minutes"], "mode": report["mode"], "live": report["live"],
        "actions": overall["count"], "throughput_per_s": overall["per_s"], "p50_ms": overall["p50_ms"],
        "p95_ms": overall["p95_ms"], "p99_ms": overall["p99_ms"], "refused": overall["refused"],
        "lost_races": overall["lost_races"], "errors": all_errors(report),
        "live_reloads": reloads["count"] if reloads else 0, "live_reload_p95_ms": reloads["p95_ms"] if reloads else None,
        "sign_in_failures": report["sign_in"]["failed"], "crashes": len(report["crashes"]),
        "overfilled": len(report["integrity"]["overfilled"]),
        "double_booked": len(report["integrity"]["double_booked"]),
        "decided_twice": len(report["integrity"]["decided_twice"]),
        "ledger_ok": report["integrity"]["ledger_ok"], "integrity_passed": report["integrity"]["passed"],
        "peak_connections": report["server"]["peak_connections"],
        "pss_mib_total": report["memory"]["pss_mib_total"],
        "by_action": {k: {f: v[f] for f in ("count", "p50_ms", "p95_ms", "p99_ms", "refused", "lost_races", "errors")}
                      for k, v in report["figures"]["by_action"].items()},
    }  # fmt: skip


# --------------------------------------------------------------------------- the run


def _parse_think(value: str) -> tuple[float, float]:
    parts = value.replace(",", "-").split("-")
    try:
        lo, hi = (float(parts[0]), float(parts[-1]))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--think wants seconds like 0.5-2, not {value!r}") from None
    if lo < 0 or hi < lo:
        raise argparse.ArgumentTypeError(f"--think wants 0 <= low <= high, not {value!r}")
    return lo, hi


def run(args: argparse.Namespace, url: str, where: str, data_dir: Path | None) -> dict[str, Any]:
    database = parse_url(url).database or ""
    load_before = os.getloadavg()
    desktop_url = parse_url(url).set(username=None, password=None).render_as_string(hide_password=False)
    t0 = time.perf_counter()
    shared_server.initialise(url, owner_password=None)
    n_coord = coordinator_desktops(args.desktops)
    plan = build_community(
        url,
        organisations_n=args.organisations,
        volunteers_n=max(args.volunteers, args.desktops - n_coord),
        coordinators_n=max(args.coordinators, n_coord, args.organisations),
        occurrences_n=args.occurrences,
        seed=args.seed,
    )
    setup_seconds = time.perf_counter() - t0
    specs = plan.desktops(args.desktops)
    per = max(1, args.threads)
    groups = [specs[i : i + per] for i in range(0, len(specs), per)]

    ctx = mp.get_context("forkserver")
    # Every desktop process starts from a server that imported the app once: they share those pages.
    ctx.set_forkserver_preload(["__main__"])
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    start_at = ctx.Value("d", 0.0)
    seconds = args.minutes * 60
    procs = [
        ctx.Process(
            target=desktop_process,
            args=(group, desktop_url, args.think, seconds, args.seed + 1 + n, ready, go, start_at, results, args.live),
            daemon=True,
        )
        for n, group in enumerate(groups)
    ]
    sampler = ConnectionSampler(url, database)
    outs: list[dict[str, Any]] = []
    memories: list[dict[str, Any]] = []
    try:
        for p in procs:
            p.start()
        signed_in = 0
        deadline = time.monotonic() + SIGN_IN_TIMEOUT
        while signed_in < len(specs):
            try:
                signed_in += ready.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:  # some desktop never came up
                if time.monotonic() > deadline or not any(p.is_alive() for p in procs):
                    break
        start_at.value = time.time() + 1.0
        sampler.start()
        pg_cpu0, busy0, wall0 = cluster_cpu_seconds(data_dir), machine_busy_seconds(), time.monotonic()
        go.set()
        for _ in procs:
            got = results.get(timeout=seconds + SIGN_IN_TIMEOUT)
            outs.extend(got["desktops"])
            memories.append({**got["memory"], "threads": got["threads"], "cpu_s": got["cpu_s"]})
        pg_cpu1, busy1, wall = cluster_cpu_seconds(data_dir), machine_busy_seconds(), time.monotonic() - wall0
        for p in procs:
            p.join(timeout=30)
    finally:
        sampler.stop.set()
        for p in procs:
            if p.is_alive():
                p.terminate()
        if sampler.is_alive():
            sampler.join(timeout=5)
    crashes = [o["crash"] for o in outs if "crash" in o]
    desktops_out = [o for o in outs if o["role"] != "process"]
    sign_ms = sorted(o["sign_in_ms"] for o in desktops_out if o["sign_in_ms"] is not None)
    failures = [o["sign_in_error"] for o in desktops_out if o["sign_in_error"]]
    figures = summarise(desktops_out, seconds)
    desktops_cpu = sum(m["cpu_s"] or 0.0 for m in memories)  # the desktop processes, all their threads
    postgres_cpu = None if pg_cpu0 is None or pg_cpu1 is None else pg_cpu1 - pg_cpu0
    busy = None if busy0 is None or busy1 is None else busy1 - busy0
    cpu = {
        "cores": os.cpu_count(), "wall_s": round(wall, 1), "desktops_s": round(desktops_cpu, 1),
        "postgres_s": None if postgres_cpu is None else round(postgres_cpu, 1),
        "machine_busy_s": None if busy is None else round(busy, 1),
        "others_s": None if busy is None or postgres_cpu is None else round(busy - postgres_cpu - desktops_cpu, 1),
        "load_average_before": [round(x, 2) for x in load_before],
    }  # fmt: skip

    def mib(key: str, agg: Callable[[list[float]], float]) -> float:
        values = [m[key] / 1024 for m in memories if m.get(key) is not None]
        return round(agg(values), 1) if values else 0.0

    report = {
        "desktops": len(specs),
        "volunteer_desktops": sum(1 for s in specs if s["role"] == "volunteer"),
        "coordinator_desktops": sum(1 for s in specs if s["role"] == "coordinator"),
        "mode": "processes" if per == 1 else f"{len(groups)} processes x {per} threads",
        "minutes": args.minutes,
        "think": list(args.think),
        "live": args.live,
        "live_heard_per_desktop_min": round(
            sum(o.get("live_heard") or 0 for o in desktops_out) / max(1, len(desktops_out)) / args.minutes, 1
        ),
        "server": {**_server_facts(url), "where": where, "database": database, "peak_connections": sampler.peak},
        "setup": {
            "organisations": len(plan.organisations),
            "volunteers": len(plan.volunteers),
            "coordinators": len(plan.coordinators),
            "occurrences": plan.occurrences,
            "signups": plan.signups,
            "seconds": round(setup_seconds, 1),
        },
        "sign_in": {
            "count": len(sign_ms),
            "failed": len(failures),
            "p50_ms": round(percentile(sign_ms, 50), 1),
            "max_ms": round(sign_ms[-1], 1) if sign_ms else 0.0,
        },
        "sign_in_failures": failures,
        "crashes": crashes,
        "figures": figures,
        "cpu": cpu,
        "memory": {
            "processes": len(memories),
            "threads_per_process": per,
            "rss_mib_mean": mib("rss_kib", lambda v: sum(v) / len(v)),
            "hwm_mib_max": mib("hwm_kib", max),
            "pss_mib_mean": mib("pss_kib", lambda v: sum(v) / len(v)),
            "pss_mib_total": mib("pss_kib", sum),
        },
        "integrity": integrity(url, plan.organisations),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--desktops", type=int, default=50, help="desktops at once (default 50; 1 in 5 coordinators)")
    parser.add_argument("--minutes", type=float, default=5.0, help="how long they act (default 5)")
    parser.add_argument("--think", type=_parse_think, default=(0.5, 2.0), help="seconds between actions (0.5-2)")
    parser.add_argument("--threads", type=int, default=1, help="desktops per process, as threads (default 1)")
    parser.add_argument(
        "--live", action="store_true", help="live updates as the window has them: pages reload on others' changes"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", default="auto", help="'auto': a throwaway cluster (default)")
    where.add_argument("--url", help="a PostgreSQL server URL whose user may create databases and roles")
    parser.add_argument("--organisations", type=int, default=4)
    parser.add_argument("--volunteers", type=int, default=40, help="volunteers in the community (default 40)")
    parser.add_argument("--coordinators", type=int, default=10, help="coordinators in the community (default 10)")
    parser.add_argument("--occurrences", type=int, default=200, help="open task occurrences at the start (200)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", type=Path, help="also write the whole report to this file")
    args = parser.parse_args(argv)
    if args.desktops < 1 or args.organisations < 1 or args.minutes <= 0:
        parser.error("--desktops and --organisations must be at least 1, --minutes more than 0")

    cluster = None
    server = args.url
    where_text = "given by --url"
    if server is None:
        if args.postgres != "auto":
            server, where_text = args.postgres, "given by --postgres"
        else:
            cluster = _throwaway_cluster()
            server = cluster.start()
            where_text = "throwaway cluster"
    try:
        url, name = _create_database(server)
        try:
            report = run(args, url, where_text, cluster.data if cluster is not None else None)
        finally:
            _drop_database(server, name)
    finally:
        if cluster is not None:
            cluster.stop()
    print_report(report)
    line = summary_line(report)
    print(json.dumps(line, separators=(",", ":")))
    if args.json is not None:
        args.json.write_text(json.dumps({**report, "summary": line}, indent=1, default=str))
    bad = not report["integrity"]["passed"] or all_errors(report) or report["sign_in"]["failed"] or report["crashes"]
    return 1 if bad else 0


if __name__ == "__mp_main__":
    # The forkserver imported this module for every desktop process it forks: keep those pages
    # out of the garbage collector's reach, so the processes go on sharing them.
    gc.freeze()

if __name__ == "__main__":
    sys.exit(main())
