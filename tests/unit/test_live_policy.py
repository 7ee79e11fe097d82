"""Issue 12, live updates: the reconnection policy and the topics, without a server or a thread.

A scripted listener stands in for the connection (what ``open`` and ``wait`` do, step by
step); the Watcher's decisions (states reported, delays asked for, topics passed on) are
what is checked. The real listener is tested against SQLite and PostgreSQL in
tests/db/test_changes.py.
"""

from __future__ import annotations

import threading
from collections import deque

import pytest

from volunteer_app.services import live
from volunteer_app.services.live import ALL_TOPICS, Backoff, ConnectionState, Watcher, topics_for
from volunteer_app.store.changes import ConnectionLost

DOWN = "down"


class ScriptedListener:
    """``open`` succeeds unless the server is down; ``wait`` returns the next scripted answer."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.opened = False
        self.closed = False

    def open(self) -> None:
        if self.server.down:
            raise ConnectionLost("connection refused")
        self.opened = True

    def wait(self, timeout_s: float) -> set[str]:
        assert self.opened and not self.closed
        answer = self.server.answers.popleft() if self.server.answers else set()
        if answer == DOWN:
            self.server.down = True
            raise ConnectionLost("server closed the connection unexpectedly")
        assert isinstance(answer, set)
        return answer

    def close(self) -> None:
        self.closed = True


class Server:
    def __init__(self) -> None:
        self.down = False
        self.answers: deque[set[str] | str] = deque()
        self.listeners: list[ScriptedListener] = []

    def listener(self) -> ScriptedListener:
        made = ScriptedListener(self)
        self.listeners.append(made)
        return made


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
def record(server: Server) -> tuple[Watcher, list[object]]:
    events: list[object] = []
    watcher = Watcher(None, events.append, events.append, listener_factory=server.listener)
    return watcher, events


def test_backoff_doubles_from_half_a_second_to_thirty_and_resets() -> None:
    backoff = Backoff()
    assert [backoff.next_delay() for _ in range(9)] == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    backoff.reset()
    assert backoff.next_delay() == 0.5


def test_connected_then_changes_become_topics(server: Server, record: tuple[Watcher, list[object]]) -> None:
    watcher, events = record
    server.answers.extend([{"task", "task_occurrence"}, set(), {"notice", "signup"}])
    assert watcher.step() == 0.0
    assert events == [ConnectionState.CONNECTED]
    for _ in range(3):
        assert watcher.step() == 0.0
    assert events[1:] == [frozenset({"tasks"}), frozenset({"notices", "signups"})]


def test_a_lost_connection_retries_with_backoff_and_says_so_once(
    server: Server, record: tuple[Watcher, list[object]]
) -> None:
    watcher, events = record
    watcher.step()
    server.answers.append(DOWN)
    delays = [watcher.step() for _ in range(5)]  # lost, then four failed attempts
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert events == [ConnectionState.CONNECTED, ConnectionState.RECONNECTING]  # said once, not at each try
    assert server.listeners[0].closed  # the broken connection was let go

    server.down = False
    assert watcher.step() == 0.0
    # Back: say so, and everything may have changed meanwhile.
    assert events[2:] == [ConnectionState.RECONNECTED, ALL_TOPICS]
    server.answers.append(DOWN)
    assert watcher.step() == 0.5  # a later loss starts from the first delay again


def test_a_server_down_at_the_start_is_reconnecting_too(server: Server, record: tuple[Watcher, list[object]]) -> None:
    watcher, events = record
    server.down = True
    assert watcher.step() == 0.5
    server.down = False
    watcher.step()
    assert events == [ConnectionState.RECONNECTING, ConnectionState.RECONNECTED, ALL_TOPICS]


def test_run_stops_when_asked_and_closes_the_listener(server: Server) -> None:
    stop = threading.Event()
    states: list[ConnectionState] = []

    def changed(topics: frozenset[str]) -> None:
        stop.set()  # the first change ends the run

    server.answers.extend([set(), {"hours_request"}])
    Watcher(None, changed, states.append, listener_factory=server.listener).run(stop)
    assert states == [ConnectionState.CONNECTED]
    assert server.listeners[0].closed


@pytest.mark.parametrize(
    ("tables", "topics"),
    [
        ({"task", "task_occurrence"}, {"tasks"}),
        ({"service_record", "certificate_request"}, {"hours"}),
        ({"membership"}, {"organisations"}),
        ({"*"}, set(ALL_TOPICS)),
        ({"signup", "a_table_of_a_newer_app"}, set(ALL_TOPICS)),
        (set(), set()),
    ],
)
def test_topics_for_tables(tables: set[str], topics: set[str]) -> None:
    assert topics_for(tables) == topics


def test_every_watched_table_has_a_topic() -> None:
    from volunteer_app.store.changes import WATCHED_TABLES

    assert set(live.TOPIC_OF_TABLE) == WATCHED_TABLES


# --------------------------------------------------------------------------- the sentence for a dropped connection


class _PgError(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("message", "sqlstate"),
    [
        ("terminating connection due to administrator command", "57P01"),
        ("consuming input failed: server closed the connection unexpectedly", None),
        ("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally", None),
    ],
    ids=["restart", "dropped", "crashed"],
)
def test_a_connection_lost_mid_action_says_nothing_was_saved(message: str, sqlstate: str | None) -> None:
    from sqlalchemy.exc import OperationalError

    from volunteer_app.services import faults

    fault = faults.classify(OperationalError("UPDATE task", {}, _PgError(message, sqlstate)))
    assert fault.kind is faults.FaultKind.CONNECTION_LOST
    assert fault.is_environment and fault.exit_status == faults.EXIT_ENVIRONMENT
    assert "none of it was saved" in fault.sentence()


def test_a_server_that_cannot_be_reached_keeps_its_own_sentence() -> None:
    from sqlalchemy.exc import OperationalError

    from volunteer_app.services import faults

    refused = OperationalError(
        "connect", {}, _PgError('connection to server at "127.0.0.1" failed: Connection refused')
    )
    assert faults.classify(refused).kind is faults.FaultKind.UNREACHABLE
