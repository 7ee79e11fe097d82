"""Reminders while the app runs: a tray notification some time before each confirmed task.

How long before comes from Settings ("Remind me before a task", default 2 hours, 0 = off)
and is read again at every check, so a change in Settings applies within a minute.
A QTimer checks once a minute, and at once when the schedule changes (a page calls
``schedule_changed()`` after accepting a proposal, signing up, withdrawing). Each
signup is reminded at most once per run. Where there is no system tray, the text goes
out through ``status_message`` instead (the main window shows it in its status bar;
non-modal: nobody has to click anything away).

Which stints are due is ``due_reminders``, a pure function, tested without waiting.

In the main window (two lines)::

    from volunteer_app.gui.reminders import Reminders
    self.reminders = Reminders(db, actor, self).start()

Given a QMainWindow as parent, reminders without a tray go to its status bar, and they stop
when the window signs out or closes (its ``sign_out_requested``/``closed`` signals).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime, timedelta
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

from volunteer_app.gui.background import run_in_background
from volunteer_app.services import schedule
from volunteer_app.services.accounts import Actor
from volunteer_app.services.schedule import ScheduleItem
from volunteer_app.services.storage import Database
from volunteer_app.settings import Settings

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000
#: The stored schedule is read again at most this often (and at once after a change).
REFETCH_AFTER = timedelta(minutes=10)
STATUS_MESSAGE_MS = 5 * 60_000
TRAY_MESSAGE_MS = 15_000


class Stint(Protocol):
    @property
    def signup_id(self) -> int: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def cancelled(self) -> bool: ...


S = TypeVar("S", bound=Stint)


def due_reminders(
    stints: Iterable[S],
    *,
    now: datetime,
    lead: timedelta,
    last_check: datetime | None,
    reminded: AbstractSet[int] = frozenset(),
) -> list[S]:
    """The stints to remind of now, soonest first.

    A stint is due when it starts after the last check (after ``now`` on the first check)
    and no later than ``now + lead``: it comes into the reminder window, or it started
    while the computer slept between two checks. ``lead`` zero or less means reminders
    are off. Cancelled stints and those in ``reminded`` are left out.
    """
    if lead <= timedelta(0):
        return []
    since = now if last_check is None or last_check > now else last_check
    due = [s for s in stints if since < s.starts_at <= now + lead and s.signup_id not in reminded and not s.cancelled]
    return sorted(due, key=lambda s: (s.starts_at, s.signup_id))


class Reminders(QObject):
    """Checks the signed-in person's confirmed stints once a minute and reminds of those due."""

    #: A reminder's text when there is no tray to show it (the window shows it in its status bar).
    status_message = Signal(str)
    #: Each reminder given (for the window and tests): signup id, title, text.
    reminded = Signal(int, str, str)

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.given: set[int] = set()
        self.last_check: datetime | None = None
        self._stints: list[ScheduleItem] = []
        self._fetched_at: datetime | None = None
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.tray: QSystemTrayIcon | None = None
        if isinstance(parent, QMainWindow):
            window = parent
            self.status_message.connect(lambda text: window.statusBar().showMessage(text, STATUS_MESSAGE_MS))
            for name in ("sign_out_requested", "closed"):
                signal = getattr(window, name, None)
                if isinstance(signal, SignalInstance):
                    signal.connect(self.stop)
        _hub().changed.connect(self.schedule_changed)

    # -- running

    def start(self) -> Reminders:
        """Check now and then once a minute; returns itself (``self.reminders = Reminders(...).start()``)."""
        if not self.timer.isActive():
            self.timer.start()
        self.check()
        return self

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def lead(self) -> timedelta:
        return timedelta(minutes=max(0, Settings.load().reminder_minutes))

    def schedule_changed(self) -> None:
        """The schedule changed: read it again and check now."""
        self._fetched_at = None
        if self.running:
            self.check()

    def check(self) -> None:
        """Remind of what is due now (reads the schedule first when it is stale)."""
        now = self.clock()
        if self.lead() <= timedelta(0):
            self.last_check = now
            return
        if self._fetched_at is None or now - self._fetched_at >= REFETCH_AFTER:
            if not self._loading:
                self._loading = True
                db, actor = self.db, self.actor
                run_in_background(
                    self,
                    lambda _job: schedule.my_schedule(db, actor, now).upcoming,
                    lambda stints: self._loaded(stints, now),
                    self._failed,
                )
            return
        self._remind(now)

    def _loaded(self, stints: list[ScheduleItem], at: datetime) -> None:
        self._loading = False
        self._stints, self._fetched_at = stints, at
        self._remind(self.clock())

    def _failed(self, exc: BaseException) -> None:
        # Quietly: the pages report database problems; a reminder check must not pop up every minute.
        self._loading = False
        log.info("reminder check could not read the schedule: %s", exc)

    def _remind(self, now: datetime) -> None:
        for stint in due_reminders(
            self._stints, now=now, lead=self.lead(), last_check=self.last_check, reminded=self.given
        ):
            self.given.add(stint.signup_id)
            self._show(stint, now)
        self.last_check = now

    # -- showing

    def message_for(self, stint: ScheduleItem, now: datetime) -> tuple[str, str]:
        tr = QCoreApplication.translate
        if stint.starts_at <= now:
            title = self.tr("Started: {title}").format(title=stint.title)
        else:
            title = self.tr("Soon: {title}").format(title=stint.title)
        text = self.tr("{when}\n{where}").format(
            when=schedule.when_text(stint, tr), where=schedule.where_text(stint, tr)
        )
        return title, text

    def _show(self, stint: ScheduleItem, now: datetime) -> None:
        title, text = self.message_for(stint, now)
        tray = self._tray()
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)
        else:
            self.status_message.emit(f"{title} — {text.replace(chr(10), ' · ')}")
        self.reminded.emit(stint.signup_id, title, text)

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None:
            self.tray = new_tray_icon(self, self.tr("Volunteer App: reminders"))
            if self.tray is None:
                return None
        self.tray.show()
        return self.tray


def new_tray_icon(parent: QObject, tooltip: str) -> QSystemTrayIcon | None:
    """A tray icon that shows messages (the app's icon), or None where the desktop has no such tray."""
    if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
        return None
    icon = QApplication.windowIcon()
    if icon.isNull():
        style = QApplication.style()
        icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation) if style else QIcon()
    tray = QSystemTrayIcon(icon, parent)
    tray.setToolTip(tooltip)
    return tray


class _ScheduleChanges(QObject):
    changed = Signal()


_changes: _ScheduleChanges | None = None


def _hub() -> _ScheduleChanges:
    global _changes
    if _changes is None:
        _changes = _ScheduleChanges(QCoreApplication.instance())
    return _changes


def schedule_changed() -> None:
    """Tell every running Reminders that the signed-in person's schedule changed (call after a change)."""
    _hub().changed.emit()


__all__ = ["Reminders", "due_reminders", "schedule_changed"]
