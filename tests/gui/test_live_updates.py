"""Issue 12, live updates: two desktops (two app instances) see each other's changes.

Each desktop is a ``Database`` of its own over the same SQLite file or PostgreSQL database
(its own engine, pool and listener), as two app processes would be. One desktop's window
shows a page; the other acts through the services; the first window's page shows the
change, with no F5 (``qtbot.waitUntil`` with generous timeouts, never timed assertions).
A volunteer gets a badge on My schedule for each new notice, which clears once read.

Reconnection: a PostgreSQL cluster of the test's own is stopped while a window is open (the
status bar says it is reconnecting; an action tried meanwhile is reported as not done and
leaves nothing behind), then started again on the same port (the message clears, and a
later change shows up).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.gui.conftest import Dialogs
from tests.support.community import Community, build
from tests.support.hours_data import hour_now, past_occurrence, served
from tests.support.pg_cluster import RestartableCluster
from volunteer_app.domain.enums import ServiceStatus, TaskStatus
from volunteer_app.gui import i18n, live_updates
from volunteer_app.gui.hours_to_verify_page import HoursToVerifyPage
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.my_hours_page import MyHoursPage
from volunteer_app.gui.my_schedule_page import MySchedulePage
from volunteer_app.gui.tasks_page import TasksPage
from volunteer_app.services import hand_assign, hours, tasks
from volunteer_app.services.browse import TaskRow
from volunteer_app.store import migrate
from volunteer_app.store.database import Database
from volunteer_app.store.models import LedgerEntry, ServiceRecord, TaskOccurrence

#: Generous, so a loaded machine does not fail the test; a passing test waits far less.
PATIENCE_MS = 30_000
SHOTS = Path(os.environ.get("VOLUNTEER_APP_LIVE_SHOTS", "/tmp"))


def open_window(qtbot: QtBot, db: Database, actor: object, area: str) -> MainWindow:
    window = MainWindow(db, actor)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.show_area(area)
    # Listening before anything changes (a change before LISTEN, or before the first count, is not news).
    qtbot.waitUntil(lambda: window.live.state == live_updates.CONNECTED, timeout=PATIENCE_MS)
    return window


def sidebar_item(window: MainWindow, key: str) -> tuple[str, str]:
    item = window._item_for(key)
    return item.text(), str(item.data(Qt.ItemDataRole.AccessibleTextRole))


def rows(page: TasksPage) -> list[TaskRow]:
    return [page.model.row_at(i) for i in range(page.model.rowCount())]


def first_occurrence(db: Database, task_id: int) -> int:
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def test_a_proposal_made_elsewhere_shows_up_with_a_badge_that_clears_when_read(
    qtbot: QtBot, db: Database, other: Database, community: Community
) -> None:
    window = open_window(qtbot, db, community.volunteer, "my_schedule")
    page = window.current_page()
    assert isinstance(page, MySchedulePage) and not page.cards
    assert sidebar_item(window, "my_schedule")[0] == "My schedule"
    alerts: list[tuple[str, str]] = []
    assert window.notice_watch is not None
    window.notice_watch.alerted.connect(lambda title, text: alerts.append((title, text)))

    # The coordinator, at their own desktop, proposes the volunteer for a task.
    signup = hand_assign.assign_by_hand(
        other, community.coord_a, first_occurrence(other, community.task_a), "vol@example.org",
        override_reason="Asked on the phone",
    )  # fmt: skip

    qtbot.waitUntil(lambda: signup in page.cards, timeout=PATIENCE_MS)
    assert page.cards[signup].accept_button is not None  # a proposal to answer
    qtbot.waitUntil(lambda: window.notice_count == 1, timeout=PATIENCE_MS)
    assert sidebar_item(window, "my_schedule") == ("My schedule (1)", "My schedule: 1 new notice")
    assert len(alerts) == 1 and "asks whether you can do “Sort donations”" in alerts[0][1]

    assert page.all_read_button is not None
    qtbot.mouseClick(page.all_read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sidebar_item(window, "my_schedule")[0] == "My schedule", timeout=PATIENCE_MS)
    assert window.notice_count == 0 and sidebar_item(window, "my_schedule")[1] == "My schedule"
    assert len(alerts) == 1  # reading is not news


def test_hours_decided_elsewhere_show_on_my_hours(
    qtbot: QtBot, db: Database, other: Database, community: Community
) -> None:
    start = hour_now() - timedelta(days=2)
    occurrence = past_occurrence(db, community.coord_a, community.org_a, "Sort winter coats", start)
    record = served(db, community.volunteer, community.volunteer, occurrence, start)
    window = open_window(qtbot, db, community.volunteer, "my_hours")
    page = window.current_page()
    assert isinstance(page, MyHoursPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=PATIENCE_MS)
    assert page.model.index(0, 3).data() == "Pending"

    hours.verify_hours(other, community.coord_a, record)

    qtbot.waitUntil(lambda: page.model.index(0, 3).data() == "Verified", timeout=PATIENCE_MS)
    qtbot.waitUntil(lambda: window.notice_count == 1, timeout=PATIENCE_MS)  # "verified your hours"
    assert sidebar_item(window, "my_schedule")[0] == "My schedule (1)"


def test_a_task_published_and_cancelled_at_one_desktop_updates_the_other(
    qtbot: QtBot, db: Database, other: Database, community: Community
) -> None:
    window = open_window(qtbot, other, community.coord_a, "tasks")
    page = window.current_page()
    assert isinstance(page, TasksPage)
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=PATIENCE_MS)  # the community's two tasks
    starts = datetime(2030, 6, 1, 1, 0, tzinfo=UTC)
    new = tasks.create_task(
        db, community.coord_a,
        tasks.TaskInput(organisation_id=community.org_a, title="Paint the youth club", starts_at=starts,
                        ends_at=starts + timedelta(hours=2), latitude=30.27, longitude=120.15, slots=4,
                        status=TaskStatus.OPEN),
    )  # fmt: skip
    qtbot.waitUntil(lambda: page.model.total == 3, timeout=PATIENCE_MS)
    titles = lambda: {row.title: row.status for row in rows(page)}  # noqa: E731
    assert titles()["Paint the youth club"] is TaskStatus.OPEN
    tasks.cancel_task(db, community.coord_a, new, reason="No paint")
    qtbot.waitUntil(lambda: titles()["Paint the youth club"] is TaskStatus.CANCELLED, timeout=PATIENCE_MS)


def test_a_page_not_shown_is_refreshed_when_shown_again(
    qtbot: QtBot, db: Database, other: Database, community: Community
) -> None:
    window = open_window(qtbot, db, community.coord_a, "tasks")
    page = window.current_page()
    assert isinstance(page, TasksPage)
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=PATIENCE_MS)
    window.show_area("reports")
    tasks.cancel_task(other, community.coord_a, community.task_a, reason="Rain")
    qtbot.waitUntil(lambda: "tasks" in window._stale_pages, timeout=PATIENCE_MS)
    window.show_area("tasks")
    qtbot.waitUntil(
        lambda: {r.id: r.status for r in rows(page)}[community.task_a] is TaskStatus.CANCELLED, timeout=PATIENCE_MS
    )
    assert "tasks" not in window._stale_pages


def test_closing_or_signing_out_stops_listening(
    qtbot: QtBot, db: Database, other: Database, community: Community
) -> None:
    before = live_updates.running_threads()
    first = open_window(qtbot, db, community.volunteer, "my_schedule")
    second = open_window(qtbot, other, community.coord_a, "tasks")
    assert live_updates.running_threads() == before + 2
    second.sign_out()
    assert not second.live.running
    first.close()
    assert not first.live.running
    qtbot.waitUntil(lambda: live_updates.running_threads() == before, timeout=PATIENCE_MS)


# --------------------------------------------------------------------------- a server restart


@pytest.fixture
def own_cluster() -> Iterator[RestartableCluster]:
    cluster = RestartableCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def _select_all(page: HoursToVerifyPage) -> None:
    model = page.records_table.selectionModel()
    for row in range(page.records_model.rowCount()):
        model.select(
            page.records_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def _render(window: MainWindow, name: str) -> None:
    for language in (i18n.ENGLISH, i18n.CHINESE):
        i18n.apply_language(language)
        QApplication.processEvents()
        window.grab().save(str(SHOTS / f"live-{name}-{language}.png"))
    i18n.apply_language(i18n.ENGLISH)


@pytest.mark.postgres
@pytest.mark.allow_warnings_logged  # the failed action's environment fault is logged, as it should be
def test_a_server_restart_says_reconnecting_refuses_actions_then_carries_on(
    qtbot: QtBot, own_cluster: RestartableCluster, dialogs: Dialogs
) -> None:
    url = own_cluster.create_database("live")
    coordinator_desktop, volunteer_desktop = Database(url), None
    try:
        migrate.upgrade(coordinator_desktop, backup=False)
        town = build(coordinator_desktop)
        volunteer_desktop = Database(url)
        start = hour_now() - timedelta(days=2)
        occurrence = past_occurrence(coordinator_desktop, town.coord_a, town.org_a, "Sort winter coats", start)
        record = served(volunteer_desktop, town.volunteer, town.volunteer, occurrence, start)
        hand_assign.assign_by_hand(  # a proposal waits unread: the badge shows from the start
            coordinator_desktop, town.coord_a, first_occurrence(coordinator_desktop, town.task_a), "vol@example.org",
            override_reason="Asked on the phone",
        )  # fmt: skip

        threads_before = live_updates.running_threads()
        coordinator = open_window(qtbot, coordinator_desktop, town.coord_a, "hours_to_verify")
        page = coordinator.current_page()
        assert isinstance(page, HoursToVerifyPage)
        qtbot.waitUntil(lambda: page.records_model.rowCount() == 1, timeout=PATIENCE_MS)
        volunteer = open_window(qtbot, volunteer_desktop, town.volunteer, "my_hours")
        assert not coordinator.connection_label.isVisible()
        assert volunteer.notice_count == 1

        own_cluster.stop_server()
        for window in (coordinator, volunteer):
            qtbot.waitUntil(lambda w=window: w.connection_label.isVisible(), timeout=PATIENCE_MS)  # type: ignore[misc]
            assert window.connection_label.text() == "Reconnecting to the database…"
        _render(volunteer, "reconnecting")

        # An action while the server is away: reported as not done (the standard dialog), nothing crashes.
        _select_all(page)
        qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
        assert dialogs.kinds() and set(dialogs.kinds()) == {"critical"}
        assert "The database server cannot be reached" in dialogs.calls[0].text
        assert coordinator.connection_label.isVisible()

        own_cluster.start_server()
        for window in (coordinator, volunteer):
            qtbot.waitUntil(lambda w=window: not w.connection_label.isVisible(), timeout=PATIENCE_MS)  # type: ignore[misc]
        assert coordinator.statusBar().currentMessage() == "Connected again"
        with coordinator_desktop.read() as s:
            assert s.get(ServiceRecord, record).status is ServiceStatus.PENDING  # type: ignore[union-attr]
            assert s.scalar(select(func.count()).select_from(LedgerEntry)) == 0  # the verify left no row

        # Carrying on: a decision at the coordinator's desktop reaches the volunteer's, with a badge.
        qtbot.waitUntil(lambda: page.records_model.rowCount() == 1, timeout=PATIENCE_MS)
        hours.verify_hours(coordinator_desktop, town.coord_a, record)
        my_hours = volunteer.current_page()
        assert isinstance(my_hours, MyHoursPage)
        qtbot.waitUntil(lambda: my_hours.model.index(0, 3).data() == "Verified", timeout=PATIENCE_MS)
        qtbot.waitUntil(lambda: volunteer.notice_count == 2, timeout=PATIENCE_MS)
        assert sidebar_item(volunteer, "my_schedule") == ("My schedule (2)", "My schedule: 2 new notices")
        qtbot.waitUntil(lambda: page.records_model.rowCount() == 0, timeout=PATIENCE_MS)
        _render(volunteer, "badge")
        for window in (coordinator, volunteer):
            window.close()
        qtbot.waitUntil(lambda: live_updates.running_threads() == threads_before, timeout=PATIENCE_MS)
    finally:
        coordinator_desktop.dispose()
        if volunteer_desktop is not None:
            volunteer_desktop.dispose()
