"""Live updates for the window: what changed (as topics) and whether the connection holds.

The window never imports ``store``; this module turns the store's change listener
(``store/changes.py``: LISTEN/NOTIFY on PostgreSQL, a change counter on SQLite) into

* **topics** a page can care about: ``tasks``, ``signups``, ``hours``, ``notices``,
  ``organisations`` (``topics_for(tables)``; SQLite cannot say what changed, so it means
  all of them);
* a **Watcher** that runs in a worker thread (``watcher.run(stop_event)``), calls
  ``on_change(topics)`` for each burst of changes and ``on_state(state)`` when the
  connection is first made, lost (``RECONNECTING``) and made again (``RECONNECTED``,
  followed by a change of every topic, since changes made meanwhile went unheard).

Reconnecting follows ``Backoff``: the first retry after 0.5 s, then twice as long each
time up to 30 s, back to 0.5 s once connected. The policy is plain Python with an
injectable listener and clock, so it is tested without a server or a thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from volunteer_app.store.changes import ANYTHING, ChangeListener, ConnectionLost, listener_for
from volunteer_app.store.database import Database

log = logging.getLogger(__name__)

TASKS = "tasks"
SIGNUPS = "signups"
HOURS = "hours"
NOTICES = "notices"
ORGANISATIONS = "organisations"
ALL_TOPICS: frozenset[str] = frozenset({TASKS, SIGNUPS, HOURS, NOTICES, ORGANISATIONS})

#: Table name (the trigger's payload) -> the topic it belongs to.
TOPIC_OF_TABLE: dict[str, str] = {
    "organisation": ORGANISATIONS,
    "membership": ORGANISATIONS,
    "task": TASKS,
    "task_occurrence": TASKS,
    "signup": SIGNUPS,
    "service_record": HOURS,
    "hours_request": HOURS,
    "certificate": HOURS,
    "certificate_request": HOURS,
    "notice": NOTICES,
}

#: How long one ``wait`` on the listener lasts: how soon a stop request is noticed.
WAIT_SLICE_S = 0.5


def topics_for(tables: Iterable[str]) -> frozenset[str]:
    """The topics that changed, given the changed tables (``"*"`` or an unknown table: every topic)."""
    topics: set[str] = set()
    for table in tables:
        topic = TOPIC_OF_TABLE.get(table)
        if topic is None:  # "*" (SQLite), or a table added after this app: assume the worst
            return ALL_TOPICS
        topics.add(topic)
    return frozenset(topics)


class ConnectionState(Enum):
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    RECONNECTED = "connected again"


@dataclass
class Backoff:
    """Delays between reconnection attempts: ``first``, doubling, at most ``maximum`` (seconds)."""

    first: float = 0.5
    factor: float = 2.0
    maximum: float = 30.0
    _next: float | None = None

    def next_delay(self) -> float:
        """The delay before the next attempt (each call doubles the following one)."""
        delay = self.first if self._next is None else self._next
        self._next = min(delay * self.factor, self.maximum)
        return min(delay, self.maximum)

    def reset(self) -> None:
        """Connected: the next loss starts again from ``first``."""
        self._next = None


class Watcher:
    """Listens for changes and keeps the connection up (see the module docstring).

    ``on_change`` and ``on_state`` are called from the thread that runs ``run``; the window
    passes functions that emit Qt signals, which carry them to the UI thread.
    """

    def __init__(
        self,
        db: Database | None,
        on_change: Callable[[frozenset[str]], None],
        on_state: Callable[[ConnectionState], None],
        *,
        listener_factory: Callable[[], ChangeListener] | None = None,
        backoff: Backoff | None = None,
        wait_slice_s: float = WAIT_SLICE_S,
    ) -> None:
        if listener_factory is None:
            if db is None:
                raise ValueError("a Watcher needs a database or a listener factory")
            database = db
            listener_factory = lambda: listener_for(database)  # noqa: E731
        self._new_listener = listener_factory
        self.on_change, self.on_state = on_change, on_state
        self.backoff = backoff if backoff is not None else Backoff()
        self.wait_slice_s = wait_slice_s
        self.listener: ChangeListener | None = None
        self.state: ConnectionState | None = None

    @property
    def connected(self) -> bool:
        return self.listener is not None

    def step(self) -> float:
        """Do one unit of work; returns how long to pause before the next (0: go on at once).

        Not connected: try to connect (a failure reports ``RECONNECTING`` once and asks for the
        backoff's delay). Connected: wait one slice for changes and report them; a lost
        connection reports ``RECONNECTING`` and asks for the first delay.
        """
        if self.listener is None:
            listener = self._new_listener()
            try:
                listener.open()
            except ConnectionLost as exc:
                log.info("change listener cannot connect: %s", exc)
                self._report(ConnectionState.RECONNECTING)
                return self.backoff.next_delay()
            self.listener = listener
            self.backoff.reset()
            if self.state is ConnectionState.RECONNECTING:
                self._report(ConnectionState.RECONNECTED)
                self.on_change(ALL_TOPICS)  # what changed while we were away went unheard
            else:
                self._report(ConnectionState.CONNECTED)
            return 0.0
        try:
            tables = self.listener.wait(self.wait_slice_s)
        except ConnectionLost as exc:
            log.info("change listener lost its connection: %s", exc)
            self.close()
            self._report(ConnectionState.RECONNECTING)
            return self.backoff.next_delay()
        if tables:
            self.on_change(topics_for(tables))
        return 0.0

    def run(self, stop: threading.Event) -> None:
        """Watch until ``stop`` is set (in a worker thread); closes the listener on the way out."""
        try:
            while not stop.is_set():
                pause = self.step()
                if pause > 0:
                    stop.wait(pause)
        finally:
            self.close()

    def close(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()

    def _report(self, state: ConnectionState) -> None:
        if state is not self.state:
            self.state = state
            self.on_state(state)


__all__ = [
    "ALL_TOPICS",
    "ANYTHING",
    "HOURS",
    "NOTICES",
    "ORGANISATIONS",
    "SIGNUPS",
    "TASKS",
    "TOPIC_OF_TABLE",
    "Backoff",
    "ConnectionState",
    "Watcher",
    "topics_for",
]
