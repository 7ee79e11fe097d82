"""Issue 12, live updates: the store's change listener hears another connection's commits.

SQLite: ``PRAGMA data_version`` on a connection of the listener's own ("*": something changed).
PostgreSQL: LISTEN on the triggers' channel (the names of the tables that changed), and
``ConnectionLost`` when the server stops; after it starts again on the same port, a new
listener hears changes and the app's own engine works again (``pool_pre_ping``).
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from tests.support.community import Community, build
from tests.support.pg_cluster import RestartableCluster
from tests.support.shared_server import SharedServer
from volunteer_app.domain.enums import TaskStatus
from volunteer_app.services import faults, tasks
from volunteer_app.store import migrate
from volunteer_app.store.changes import ANYTHING, KEEPALIVE_IDLE_S, ConnectionLost, PostgresListener, listener_for
from volunteer_app.store.database import Database
from volunteer_app.store.models import Task

#: Generous: only a failing test waits this long.
PATIENCE_S = 30.0


def wait_for_change(listener: object, patience_s: float = PATIENCE_S) -> set[str]:
    """Everything the listener reports until it reports something (or the patience runs out)."""
    deadline = time.monotonic() + patience_s
    while time.monotonic() < deadline:
        tables = listener.wait(0.5)  # type: ignore[attr-defined]
        if tables:
            return tables
    return set()


def test_a_commit_elsewhere_is_heard(db: Database, other: Database, backend: str) -> None:
    people: Community = build(db)
    listener = listener_for(db)
    listener.open()
    try:
        assert listener.wait(0.2) == set()  # nothing changed yet
        with other.transaction() as s:
            s.execute(update(Task).where(Task.id == people.task_a).values(title="Sort donations, please"))
        heard = wait_for_change(listener)
        assert heard == ({"task"} if backend == "postgresql" else {ANYTHING})
        assert listener.wait(0.2) == set()  # reported once
    finally:
        listener.close()


def test_one_action_touching_several_tables_is_one_answer(db: Database, other: Database, backend: str) -> None:
    people = build(db)
    listener = listener_for(db)
    listener.open()
    try:
        tasks.cancel_task(other, people.coord_a, people.task_a, reason="Rain")
        heard = wait_for_change(listener)
        if backend == "postgresql":
            assert "task" in heard and heard <= {"task", "task_occurrence", "signup", "notice"}
        else:
            assert heard == {ANYTHING}
    finally:
        listener.close()


def test_a_commit_in_the_same_process_counts_too(db: Database, other: Database) -> None:
    # Two windows of one process (sign out, sign in as someone else) share nothing but the file or server.
    people = build(db)
    listener = listener_for(other)
    listener.open()
    try:
        with db.transaction() as s:
            s.execute(update(Task).where(Task.id == people.task_b).values(status=TaskStatus.CANCELLED))
        assert wait_for_change(listener)
    finally:
        listener.close()


# --------------------------------------------------------------------------- a server restart


@pytest.fixture
def own_cluster() -> Iterator[RestartableCluster]:
    cluster = RestartableCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.mark.postgres
def test_a_server_restart_is_connection_lost_then_listening_again(own_cluster: RestartableCluster) -> None:
    url = own_cluster.create_database("live")
    db = Database(url)
    try:
        migrate.upgrade(db, backup=False)
        people = build(db)
        listener = listener_for(db)
        listener.open()
        own_cluster.stop_server()
        with pytest.raises(ConnectionLost):
            wait_for_change(listener)
        with pytest.raises(ConnectionLost):
            listener_for(db).open()  # the server is down: no new connection either

        own_cluster.start_server()
        listener.open()
        try:
            # The app's own engine recovers: its pooled connections died with the server,
            # pool_pre_ping replaces them on the next checkout.
            tasks.cancel_task(db, people.coord_a, people.task_a, reason="Rain")
            assert "task" in wait_for_change(listener)
        finally:
            listener.close()
    finally:
        db.dispose()


@pytest.mark.postgres
def test_an_action_in_flight_when_the_server_stops_is_not_done_and_says_so(own_cluster: RestartableCluster) -> None:
    url = own_cluster.create_database("inflight")
    db = Database(url)
    try:
        migrate.upgrade(db, backup=False)
        people = build(db)
        with pytest.raises(OperationalError) as caught, db.transaction() as s:
            s.execute(update(Task).where(Task.id == people.task_a).values(title="Half-renamed"))
            own_cluster.stop_server()  # the server goes away before the commit
        fault = faults.classify(caught.value)
        assert fault.kind is faults.FaultKind.CONNECTION_LOST
        assert "none of it was saved" in fault.sentence()
        own_cluster.start_server()
        with db.read() as s:
            assert s.get(Task, people.task_a).title == "Sort donations"  # type: ignore[union-attr]
    finally:
        db.dispose()


def test_the_listener_notices_a_silent_network_through_tcp_keepalive(
    db: Database, other: Database, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite has no network")
    listener = listener_for(db)
    assert isinstance(listener, PostgresListener)
    listener.open()
    try:
        assert listener._conn is not None
        with socket.socket(fileno=os.dup(listener._conn.fileno())) as sock:
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            if hasattr(socket, "TCP_KEEPIDLE"):
                assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == KEEPALIVE_IDLE_S
    finally:
        listener.close()


@pytest.mark.postgres
def test_on_a_shared_server_the_listener_logs_in_as_the_person(shared: SharedServer) -> None:
    volunteer = shared.as_person("vol@example.org")
    coordinator = shared.as_person("coord.a@example.org")
    listener = listener_for(volunteer)
    assert isinstance(listener, PostgresListener)
    listener.open()
    try:
        assert listener._conn is not None
        assert listener._conn.execute("SELECT current_user").fetchone() == (shared.login_of("vol@example.org"),)
        tasks.cancel_task(coordinator, shared.community.coord_a, shared.community.task_a, reason="Rain")
        assert "task" in wait_for_change(listener)
    finally:
        listener.close()
