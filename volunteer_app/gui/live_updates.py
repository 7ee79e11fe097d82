"""Live updates in the window: other desktops' changes, the connection's state, new notices.

``LiveUpdates`` runs ``services.live.Watcher`` in a ``QThread`` of its own (the listener
blocks while it waits; the UI thread never does) and emits, on the UI thread:

* ``changed(topics)``: a set of topics (``tasks``, ``signups``, ``hours``, ``notices``,
  ``organisations``) that another connection changed; the main window refreshes the page
  shown when it cares (``PAGE_TOPICS``), debounced;
* ``connection_state(state)``: ``"connected"``, ``"reconnecting"`` (the server restarted or
  the network dropped; the watcher retries with backoff) and ``"connected again"``.

Given a QMainWindow as parent it stops when the window signs out, closes or goes away; the
thread ends by itself within half a second and nobody waits for it, except at quit
(``stop_all``, on ``aboutToQuit``), so that no thread outlives the application.

``NoticeWatch`` counts the signed-in person's unread notices after each change of the
``notices`` topic: ``count_changed(n)`` drives the badge on My schedule in the sidebar, and
notices that were not there before are announced (``alerted``; in the system tray when
there is one).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, SignalInstance, Slot
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.reminders import new_tray_icon
from volunteer_app.services import live, notices
from volunteer_app.services.accounts import Actor
from volunteer_app.services.live import ConnectionState, Watcher
from volunteer_app.services.notices import NoticeView
from volunteer_app.services.storage import Database

log = logging.getLogger(__name__)

CONNECTED = ConnectionState.CONNECTED.value
RECONNECTING = ConnectionState.RECONNECTING.value
RECONNECTED = ConnectionState.RECONNECTED.value

#: Which topics each page shows. A page left out is a form (a reload would throw away what is being
#: typed: profile, free hours, organisation) or work in progress (the assignment review); F5 still works.
PAGE_TOPICS: dict[str, frozenset[str]] = {
    "tasks_for_me": frozenset({live.TASKS, live.SIGNUPS, live.ORGANISATIONS}),
    "my_schedule": frozenset({live.TASKS, live.SIGNUPS, live.NOTICES}),
    "my_hours": frozenset({live.HOURS, live.TASKS, live.SIGNUPS}),
    "tasks": frozenset({live.TASKS, live.SIGNUPS}),
    "roster": frozenset({live.TASKS, live.SIGNUPS, live.HOURS}),
    "hours_to_verify": frozenset({live.HOURS}),
    "volunteers": frozenset({live.ORGANISATIONS, live.HOURS}),
    "reports": frozenset({live.TASKS, live.SIGNUPS, live.HOURS}),
}
#: The page that lists notices (its sidebar item carries the badge).
NOTICES_AREA = "my_schedule"
#: After a first change, further changes within this time refresh once.
DEBOUNCE_MS = 300
#: The shown page reloads for other desktops' changes at most this often (the goal: within 2 s).
MIN_RELOAD_INTERVAL_MS = 1500
#: At quit: how long to wait for listener threads to end (each ends within a wait slice).
QUIT_WAIT_MS = 2_000
TRAY_MESSAGE_MS = 15_000

_enabled = True


def set_enabled(enabled: bool) -> None:
    """Start listeners (the default) or not: for tests that must see only their own refreshes."""
    global _enabled
    _enabled = enabled


def is_enabled() -> bool:
    return _enabled


class _WatchThread(QThread):
    """Runs one Watcher until ``stop()``; its signals reach the UI thread queued."""

    changed_in_thread = Signal(object)
    state_in_thread = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.stop_event = threading.Event()
        self.setObjectName("live-updates")

    def run(self) -> None:
        watcher = Watcher(
            self.db,
            lambda topics: self.stop_event.is_set() or self.changed_in_thread.emit(set(topics)),
            lambda state: self.stop_event.is_set() or self.state_in_thread.emit(state.value),
        )
        try:
            watcher.run(self.stop_event)
        except Exception:  # noqa: BLE001 - a bug here must not take the app down; pages still refresh on F5
            log.exception("live updates stopped")

    def stop(self) -> None:
        self.stop_event.set()


class _Keeper(QObject):
    """Holds each thread until it has finished (a QThread destroyed while running aborts the process)."""

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.threads: set[_WatchThread] = set()

    def keep(self, thread: _WatchThread) -> None:
        self.threads.add(thread)
        thread.finished.connect(self.reap, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def reap(self) -> None:
        for thread in [t for t in self.threads if t.isFinished()]:
            self.threads.discard(thread)
            thread.deleteLater()

    @Slot()
    def stop_all(self, wait_ms: int = QUIT_WAIT_MS) -> bool:
        for thread in self.threads:
            thread.stop()
        done = all(thread.wait(wait_ms) for thread in list(self.threads))
        self.reap()
        return done


_keeper: _Keeper | None = None


def _keeper_instance() -> _Keeper:
    global _keeper
    if _keeper is None:
        app = QCoreApplication.instance()
        _keeper = _Keeper(app)
        if app is not None:
            app.aboutToQuit.connect(_keeper.stop_all)
        atexit.register(stop_all)
    return _keeper


def stop_all(wait_ms: int = QUIT_WAIT_MS) -> bool:
    """Stop every listener thread and wait for them (at quit); True when all have ended."""
    if _keeper is None:
        return True
    try:
        return _keeper.stop_all(wait_ms)
    except RuntimeError:  # at interpreter exit, after the application (the keeper's parent) is gone
        threads = list(_keeper.threads)
        for thread in threads:
            thread.stop_event.set()
        return all(thread.wait(wait_ms) for thread in threads)


def running_threads() -> int:
    """Listener threads not yet finished (for tests)."""
    return sum(1 for t in _keeper.threads if not t.isFinished()) if _keeper is not None else 0


class LiveUpdates(QObject):
    """Listens for other desktops' changes in a thread of its own (see the module docstring)."""

    #: The topics another connection changed (a ``set`` of ``services.live`` topic names).
    changed = Signal(object)
    #: ``"connected"``, ``"reconnecting"`` or ``"connected again"``.
    connection_state = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.state = ""
        self._thread: _WatchThread | None = None
        if isinstance(parent, QMainWindow):
            for name in ("sign_out_requested", "closed"):
                signal = getattr(parent, name, None)
                if isinstance(signal, SignalInstance):
                    signal.connect(self.stop)

    def start(self) -> LiveUpdates:
        """Start listening (once; nothing happens while ``set_enabled(False)``); returns itself."""
        if self._thread is not None or not _enabled:
            return self
        thread = _WatchThread(self.db)
        thread.changed_in_thread.connect(self._on_changed, Qt.ConnectionType.QueuedConnection)
        thread.state_in_thread.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        _keeper_instance().keep(thread)
        self._thread = thread
        # If this object goes without stop() (its window deleted), the thread must still end.
        self.destroyed.connect(thread.stop)
        thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; returns at once (the thread ends within a wait slice)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop()
            thread.changed_in_thread.disconnect(self._on_changed)
            thread.state_in_thread.disconnect(self._on_state)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @Slot(object)
    def _on_changed(self, topics: set[str]) -> None:
        if self._thread is not None:
            self.changed.emit(set(topics))

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if self._thread is not None:
            self.state = state
            self.connection_state.emit(state)


class NoticeWatch(QObject):
    """The signed-in person's unread notices: a count for the badge, and an alert for each new one."""

    count_changed = Signal(int)
    #: A notice (or several) arrived: title, text (shown in the tray when there is one).
    alerted = Signal(str, str)
    #: The person clicked the tray message: show the notices.
    open_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.count = 0
        self.known: set[int] | None = None  # None until the first count: what is there at sign-in is not news
        self.tray: QSystemTrayIcon | None = None
        self._loading = False
        self._again = False

    def check(self) -> None:
        """Count the unread notices again (in the background); alerts for those not seen before."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        db, actor = self.db, self.actor
        run_in_background(self, lambda _job: notices.list_notices(db, actor), self._loaded, self._failed)

    def _loaded(self, unread: list[NoticeView]) -> None:
        self._loading = False
        ids = {n.id for n in unread}
        new = [n for n in unread if self.known is not None and n.id not in self.known]
        self.known = ids
        if len(unread) != self.count:
            self.count = len(unread)
            self.count_changed.emit(self.count)
        if new:
            self._alert(new)
        self._check_again()

    def _failed(self, exc: BaseException) -> None:
        # Quietly: the status bar already says when the server is away; the next change counts again.
        self._loading = False
        log.info("could not count unread notices: %s", exc)
        self._check_again()

    def _check_again(self) -> None:
        if self._again:
            self._again = False
            self.check()

    def _alert(self, new: Collection[NoticeView]) -> None:
        newest = next(iter(new))
        text = notices.notice_text(newest, QCoreApplication.translate)
        if len(new) > 1:
            text = self.tr("{text}\nand {more} more in My schedule").format(text=text, more=len(new) - 1)
        title = self.tr("Volunteer App: news")
        tray = self._tray()
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)
        self.alerted.emit(title, text)

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None:
            self.tray = new_tray_icon(self, self.tr("Volunteer App: news"))
            if self.tray is None:
                return None
            self.tray.messageClicked.connect(self.open_requested)
        self.tray.show()
        return self.tray

    def stop(self) -> None:
        if self.tray is not None:
            self.tray.hide()


__all__ = [
    "CONNECTED",
    "DEBOUNCE_MS",
    "NOTICES_AREA",
    "PAGE_TOPICS",
    "RECONNECTED",
    "RECONNECTING",
    "LiveUpdates",
    "NoticeWatch",
    "is_enabled",
    "running_threads",
    "set_enabled",
    "stop_all",
]
