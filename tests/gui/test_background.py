"""The one background helper: progress, cancel, failures, all delivered on the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from volunteer_app.gui import background
from volunteer_app.gui.background import Job, run_in_background
from volunteer_app.services.errors import InvalidCredentials


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_synchronous_runner_delivers_before_returning(owner: QWidget) -> None:
    seen: list[object] = []
    task = run_in_background(
        owner, lambda job: (job.report(1, 2, "half"), 42)[1], seen.append, on_progress=lambda *p: seen.append(p)
    )
    assert seen == [(1, 2, "half"), 42] and task.done


@pytest.mark.usefixtures("async_background")
def test_work_runs_off_the_ui_thread_and_results_arrive_on_it(qtbot: QtBot, owner: QWidget) -> None:
    ui_thread = threading.current_thread()
    where: dict[str, threading.Thread] = {}
    results: list[int] = []

    def work(job: Job) -> int:
        where["worker"] = threading.current_thread()
        for i in range(3):
            job.report(i + 1, 3, f"step {i + 1}")
        return 7

    progress: list[tuple[int, int, str]] = []

    def on_progress(done: int, total: int, text: str) -> None:
        where["progress"] = threading.current_thread()
        progress.append((done, total, text))

    def on_success(value: int) -> None:
        where["success"] = threading.current_thread()
        results.append(value)

    task = run_in_background(owner, work, on_success, on_progress=on_progress)
    assert not task.done or results  # did not block until the work was done
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    assert where["worker"] is not ui_thread
    assert where["success"] is ui_thread and where["progress"] is ui_thread
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


@pytest.mark.usefixtures("async_background")
def test_cancel_stops_the_worker(qtbot: QtBot, owner: QWidget) -> None:
    started, stopped = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(job: Job) -> str:
        started.set()
        steps = 0
        while True:  # until cancelled; check() raises Cancelled
            try:
                job.check()
            except background.Cancelled:
                stopped.set()
                raise
            steps += 1
            job.report(steps, 0)
            threading.Event().wait(0.005)

    task = run_in_background(
        owner,
        work,
        lambda _r: outcome.append("success"),
        lambda _e: outcome.append("failure"),
        on_cancelled=lambda: outcome.append("cancelled"),
        progress="Working…",
        cancellable=True,
    )
    assert started.wait(5)
    task.cancel()
    assert stopped.wait(5)
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    assert task.done


@pytest.mark.usefixtures("async_background")
def test_the_progress_dialog_cancel_button_cancels(qtbot: QtBot, owner: QWidget) -> None:
    release = threading.Event()

    def work(job: Job) -> None:
        job.report(1, 10, "one of ten")
        release.wait(5)
        job.check()

    cancelled: list[bool] = []
    task = run_in_background(
        owner, work, progress="Importing…", cancellable=True, on_cancelled=lambda: cancelled.append(True)
    )
    dialog = task._dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.maximum() == 10, timeout=5000)
    assert dialog.labelText() == "one of ten"
    button = dialog.findChild(QPushButton)
    assert button is not None
    button.click()
    assert task.cancelled
    release.set()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)


@pytest.mark.usefixtures("async_background")
def test_an_exception_in_the_worker_reaches_on_failure_on_the_ui_thread(qtbot: QtBot, owner: QWidget) -> None:
    failures: list[tuple[BaseException, threading.Thread]] = []

    def work(_job: Job) -> None:
        raise ValueError("broken")

    run_in_background(owner, work, on_failure=lambda e: failures.append((e, threading.current_thread())))
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    exc, thread = failures[0]
    assert isinstance(exc, ValueError) and str(exc) == "broken"
    assert thread is threading.current_thread()


def test_without_on_failure_the_error_dialog_explains(owner: QWidget, dialogs: Dialogs) -> None:
    def work(_job: Job) -> None:
        raise InvalidCredentials()

    run_in_background(owner, work)
    assert dialogs.kinds() == ["critical"]
    assert dialogs.calls[0].text == "Wrong email or password."


@pytest.mark.usefixtures("async_background")
def test_results_for_a_destroyed_owner_are_dropped(qtbot: QtBot) -> None:
    owner = QWidget()
    release = threading.Event()
    seen: list[object] = []
    run_in_background(owner, lambda _job: release.wait(5), seen.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=5000)
    release.set()
    assert background.wait_for_all(5000)
    qtbot.wait(50)  # let any (wrongly) queued delivery run; nothing must arrive
    assert seen == []


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)
