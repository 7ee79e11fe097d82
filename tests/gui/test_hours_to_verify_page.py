"""Hours to verify, as a coordinator uses it: a selection verified or rejected, requests accepted or declined."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import PASSWORD, Community
from tests.support.hours_data import Ledger, hour_now, ledger, past_occurrence, served
from volunteer_app.domain.crediting import CreditRules, credit
from volunteer_app.domain.enums import RequestStatus, Role, ServiceStatus
from volunteer_app.gui.hours_decision_dialog import AcceptRequestDialog, ReasonDialog
from volunteer_app.gui.hours_to_verify_page import HoursToVerifyPage
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.services import accounts, hours, hours_requests
from volunteer_app.services.storage import Database
from volunteer_app.store.models import HoursRequest, ServiceRecord

RENDER_DIR = os.environ.get("VOLUNTEER_APP_RENDER_DIR")


@pytest.fixture
def queue(db: Database, community: Community) -> list[int]:
    """Four pending records in organisation A (two volunteers) and one in B."""
    now = hour_now()
    accounts.create_account(db, community.admin, "mei@example.org", "Wang Mei", PASSWORD)
    accounts.grant_role(db, community.admin, "mei@example.org", community.org_a, Role.VOLUNTEER)
    mei = accounts.sign_in(db, "mei@example.org", PASSWORD)
    sort = past_occurrence(db, community.coord_a, community.org_a, "Sort winter coats", now - timedelta(days=6))
    read = past_occurrence(db, community.coord_a, community.org_a, "Read to children", now - timedelta(days=2), 90)
    pack = past_occurrence(db, community.coord_b, community.org_b, "Pack food parcels", now - timedelta(days=3))
    ids = [
        served(db, community.volunteer, community.volunteer, sort, now - timedelta(days=6)),
        served(db, mei, mei, sort, now - timedelta(days=6), minutes=105),
        served(db, community.volunteer, community.volunteer, read, now - timedelta(days=2), minutes=88, credited=84,
               rule=credit(90, 88, CreditRules(step_minutes=6)).rule),
        served(db, mei, mei, read, now - timedelta(days=2), minutes=90),
    ]
    served(db, community.other_volunteer, community.other_volunteer, pack, now - timedelta(days=3))
    return ids


def _page(window: MainWindow) -> HoursToVerifyPage:
    window.show_area("hours_to_verify")
    page = window.current_page()
    assert isinstance(page, HoursToVerifyPage)
    return page


def _select(page: HoursToVerifyPage, rows: list[int]) -> None:
    model = page.records_table.selectionModel()
    model.clearSelection()
    for row in rows:
        model.select(page.records_model.index(row, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _statuses(db: Database, ids: list[int]) -> list[ServiceStatus]:
    with db.read() as s:
        return [s.get(ServiceRecord, i).status for i in ids]  # type: ignore[union-attr]


def test_the_queue_shows_my_organisations_pending_hours(queue: list[int], coordinator_window: MainWindow) -> None:
    page = _page(coordinator_window)
    assert [r.id for r in page.records_model.rows()] == queue  # oldest first; B's record is not here
    assert page.records_model.index(1, 0).data() == "Wang Mei"
    assert page.records_model.index(0, 1).data() == "Sort winter coats"
    assert page.records_model.index(1, 3).data() == "1.8 h"
    assert page.records_model.index(2, 4).data() == "Attended 1 h 28 min, rounded down to 6 min: 1 h 24 min credited."
    assert "Riverside Community Centre" in page.intro.text()
    assert page.records_count.text() == "4 pending"
    assert not page.verify_button.isEnabled() and not page.reject_button.isEnabled()


def test_verify_a_selection(qtbot: QtBot, db: Database, queue: list[int], coordinator_window: MainWindow) -> None:
    page = _page(coordinator_window)
    _select(page, [0, 2])
    assert page.records_count.text() == "2 selected · 4 pending"
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert _statuses(db, queue) == [ServiceStatus.VERIFIED, ServiceStatus.PENDING, ServiceStatus.VERIFIED,
                                    ServiceStatus.PENDING]
    assert [r.id for r in page.records_model.rows()] == [queue[1], queue[3]]
    assert page.status_label.text() == "Verified 2 record(s)."


def test_reject_a_selection_with_a_reason(
    qtbot: QtBot, db: Database, queue: list[int], coordinator_window: MainWindow
) -> None:
    page = _page(coordinator_window)
    _select(page, [1, 3])
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    assert "Wang Mei" in dialog.prompt_label.text()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    assert unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.reason_edit, "Mei was away that week.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _statuses(db, queue) == [ServiceStatus.PENDING, ServiceStatus.REJECTED, ServiceStatus.PENDING,
                                    ServiceStatus.REJECTED]
    with db.read() as s:
        record = s.get(ServiceRecord, queue[1])
        assert record is not None and record.decision_reason == "Mei was away that week."
    assert page.status_label.text() == "Rejected 2 record(s)."


def test_a_selection_decided_elsewhere_meanwhile_changes_nothing(
    qtbot: QtBot, db: Database, community: Community, queue: list[int], coordinator_window: MainWindow
) -> None:
    page = _page(coordinator_window)
    _select(page, [0, 1])
    hours.verify_hours(db, community.coord_a, queue[1])  # another coordinator, a moment ago
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert f"Record {queue[1]} was verified already" in page.status_label.text()
    assert _statuses(db, queue[:2]) == [ServiceStatus.PENDING, ServiceStatus.VERIFIED]  # all or nothing


def test_my_own_hours_are_not_in_my_queue(
    qtbot: QtBot, db: Database, community: Community, queue: list[int]
) -> None:
    accounts.grant_role(db, community.admin, community.coord_a.email, community.org_a, Role.VOLUNTEER)
    occ = past_occurrence(db, community.coord_a, community.org_a, "Own stint", hour_now() - timedelta(days=1))
    own = served(db, community.coord_a, community.coord_a, occ, hour_now() - timedelta(days=1))
    page = HoursToVerifyPage(db, accounts.sign_in(db, community.coord_a.email, PASSWORD))
    qtbot.addWidget(page)
    page.activate()
    assert own not in [r.id for r in page.records_model.rows()] and len(page.records_model.rows()) == 4


def test_accept_a_request_makes_a_correcting_record(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    year: Ledger = ledger(db, community)
    with db.read() as s:
        old = s.get(ServiceRecord, year.verified_recent)
        assert old is not None
    request_id = hours_requests.file_request(
        db, community.volunteer, year.verified_recent, "time", "I stayed an hour longer",
        proposed_started_at=old.started_at, proposed_ended_at=old.ended_at + timedelta(hours=1),
    )
    page = _page(coordinator_window)
    assert [q.id for q in page.requests_model.rows()] == [request_id]
    assert page.requests_model.index(0, 1).data() == "Wrong time"
    page.requests_table.selectRow(0)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AcceptRequestDialog)
    assert dialog.minutes_spin.value() == 180  # prefilled: the proposed stretch
    assert "I stayed an hour longer" in dialog.about_label.text()
    assert unnamed_controls(dialog) == [] and unnamed_controls(page) == []
    dialog.minutes_spin.setValue(174)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with db.read() as s:
        request = s.get(HoursRequest, request_id)
        assert request is not None and request.status is RequestStatus.ACCEPTED
        new = s.get(ServiceRecord, request.correction_id)
        untouched = s.get(ServiceRecord, year.verified_recent)
        assert new is not None and new.corrects_id == year.verified_recent and new.credited_minutes == 174
        assert new.ended_at == old.ended_at + timedelta(hours=1) and new.status is ServiceStatus.PENDING
        assert untouched is not None and (untouched.status, untouched.credited_minutes) == (ServiceStatus.VERIFIED, 120)
    assert page.requests_model.rowCount() == 0
    assert new.id in [r.id for r in page.records_model.rows()]  # it waits in the queue now
    assert "waits for verification" in page.status_label.text()


def test_decline_a_request_with_a_reason(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    year: Ledger = ledger(db, community)
    request_id = hours_requests.file_request(db, community.volunteer, year.rejected, "other", "I was there!")
    page = _page(coordinator_window)
    page.requests_table.selectRow(0)
    qtbot.mouseClick(page.decline_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClicks(dialog.reason_edit, "The sign-in sheet does not have you.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        request = s.scalars(select(HoursRequest)).one()
        assert request.id == request_id and request.status is RequestStatus.DECLINED
        assert request.decision_reason == "The sign-in sheet does not have you."
    assert page.requests_count.text() == "No open requests."


def test_another_organisations_coordinator_sees_none_of_it(
    qtbot: QtBot, db: Database, community: Community, queue: list[int]
) -> None:
    page = HoursToVerifyPage(db, community.coord_b)
    qtbot.addWidget(page)
    page.activate()
    assert [r.title for r in page.records_model.rows()] == ["Pack food parcels"]
    assert "Hillside Food Bank" in page.intro.text()


@pytest.mark.parametrize("size", [(1280, 760), (1024, 700)])
def test_render(
    qtbot: QtBot, db: Database, community: Community, queue: list[int], backend: str, size: tuple[int, int]
) -> None:
    year = ledger(db, community)
    with db.read() as s:
        old = s.get(ServiceRecord, year.verified_recent)
        assert old is not None
    hours_requests.file_request(db, community.volunteer, year.verified_recent, "time", "I stayed an hour longer",
                                proposed_started_at=old.started_at, proposed_ended_at=old.ended_at + timedelta(hours=1))
    hours_requests.file_request(db, community.volunteer, None, "missing", "I painted all afternoon",
                                occurrence_id=year.missed_occurrence)
    page = HoursToVerifyPage(db, community.coord_a)
    qtbot.addWidget(page)
    page.resize(size[0] - 190, size[1] - 50)
    page.show()
    page.activate()
    _select(page, [0, 1])
    page.requests_table.selectRow(0)
    assert page.minimumSizeHint().width() <= size[0] - 190
    qtbot.wait(20)  # let the layouts settle after the texts changed
    image = page.grab()
    if RENDER_DIR and backend == "sqlite":
        image.save(os.path.join(RENDER_DIR, f"hours-to-verify-{size[0]}x{size[1]}.png"))
        page.accept_selected()
        assert page.dialog is not None
        page.dialog.grab().save(os.path.join(RENDER_DIR, "accept-request-dialog.png"))
