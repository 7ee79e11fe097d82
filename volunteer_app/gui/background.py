"""The one way the window runs slow work: off the UI thread, results back on it.

After Anki's ``QueryOp`` and Picard's ``run_task``::

    run_in_background(self, lambda job: services.do_it(db, actor, ...),
                      on_success=self._done, on_failure=self._failed,
                      progress=self.tr("Importing…"), cancellable=True)

The worker function gets a ``Job``: ``job.report(done, total, text)`` sends
progress to the UI thread, ``job.check()`` raises ``Cancelled`` once the person
pressed Cancel (the worker decides where stopping is safe). ``on_success`` /
``on_failure`` / ``on_progress`` always run on the UI thread, so they may touch
widgets; the worker never may. When the owner (``parent``) is destroyed first,
its callbacks are simply not called.

Tests call ``set_synchronous(True)``: the work then runs at once in the calling
thread and the callbacks are called before ``run_in_background`` returns, which
makes GUI tests deterministic without sleeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

_synchronous = False
_running: set[BackgroundTask] = set()  # keeps Python wrappers alive while their worker runs


class Cancelled(Exception):  # noqa: N818 - reads as what happened
    """Raised inside a worker by ``Job.check()`` after the person cancelled."""


class CancelToken:
    """A flag the UI thread sets and the worker reads (thread-safe)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class Job:
    """What a worker function receives: the cancel token and a progress reporter."""

    def __init__(self, token: CancelToken, report: Callable[[int, int, str], None]) -> None:
        self.token = token
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def check(self) -> None:
        """Stop here (raise Cancelled) when the person has cancelled."""
        if self.token.cancelled:
            raise Cancelled()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """Progress: ``done`` of ``total`` steps (total 0 = unknown), with an optional line of text."""
        self._report(done, total, text)


def set_synchronous(enabled: bool) -> None:
    """Run every background task at once in the calling thread (for tests)."""
    global _synchronous
    _synchronous = enabled


def is_synchronous() -> bool:
    return _synchronous


class _WorkerSignals(QObject):
    # Emitted from the worker thread; delivered (queued) to BackgroundTask in the UI thread.
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], job: Job, signals: _WorkerSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._job, self._signals = fn, job, signals

    def run(self) -> None:
        try:
            result = self._fn(self._job)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI thread, never vanish here
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """A running piece of work; ``cancel()`` asks the worker to stop."""

    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(
        self,
        parent: QObject | None,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._on_success, self._on_failure = on_success, on_failure
        self._on_cancelled, self._on_progress = on_cancelled, on_progress
        self._dialog: QProgressDialog | None = None
        self.done = False

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    # -- delivered on the UI thread

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.done:
            return
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)
            if text:
                self._dialog.setLabelText(text)
        self.progressed.emit(done, total, text)
        if self._on_progress is not None:
            self._on_progress(done, total, text)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._finish()
        if self.token.cancelled:
            # Finished anyway; the person no longer wants the result.
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Cancelled) or self.token.cancelled:
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if self._on_failure is not None:
            self._on_failure(exc)
            return
        from volunteer_app.gui import errors  # late: errors imports widgets that import this module

        parent = self.parent()
        errors.show_error(parent if isinstance(parent, QWidget) else None, exc)

    def _finish(self) -> None:
        self.done = True
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)
        self.finished.emit()

    def _attach_dialog(self, parent: QWidget | None, label: str, cancellable: bool) -> None:
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(label)
        dialog.setLabelText(label)
        dialog.setAccessibleName(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setRange(0, 0)  # busy until the first report says how much there is
        dialog.setMinimumDuration(400)  # quick work finishes without a flash of a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog


def run_in_background(
    parent: QObject | None,
    fn: Callable[[Job], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    progress: str | None = None,
    cancellable: bool = False,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundTask:
    """Run ``fn(job)`` off the UI thread; deliver its outcome to the callbacks on the UI thread.

    ``progress`` (a translated label) shows a progress dialog over ``parent`` if the
    work takes longer than a moment; with ``cancellable`` it has a Cancel button.
    Without ``on_failure`` a failure is shown with the standard error dialog.
    """
    task = BackgroundTask(parent, on_success, on_failure, on_cancelled, on_progress)
    if progress is not None:
        task._attach_dialog(parent if isinstance(parent, QWidget) else None, progress, cancellable)

    if _synchronous:
        job = Job(task.token, task._progress)
        try:
            result = fn(job)
        except BaseException as exc:  # noqa: BLE001 - same contract as the threaded path
            task._failed(exc)
        else:
            task._succeeded(result)
        return task

    signals = _WorkerSignals()
    signals.progress.connect(task._progress, Qt.ConnectionType.QueuedConnection)
    signals.succeeded.connect(task._succeeded, Qt.ConnectionType.QueuedConnection)
    signals.failed.connect(task._failed, Qt.ConnectionType.QueuedConnection)
    task._signals = signals  # type: ignore[attr-defined]  # lives as long as the task
    job = Job(task.token, signals.progress.emit)
    _running.add(task)
    # If the owner goes first, the queued results are dropped with it; forget the task too.
    task.destroyed.connect(lambda *_: _running.discard(task))
    QThreadPool.globalInstance().start(_Runnable(fn, job, signals))
    return task


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Wait for running workers (at exit, so none is cut off mid-transaction)."""
    for task in list(_running):
        task.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


__all__ = [
    "BackgroundTask",
    "CancelToken",
    "Cancelled",
    "Job",
    "run_in_background",
    "set_synchronous",
    "is_synchronous",
    "wait_for_all",
]
