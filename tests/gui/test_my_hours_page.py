"""My hours, as a volunteer uses it: statuses, totals, the chart, and "this is wrong…"."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import Community
from tests.support.hours_data import Ledger, ledger
from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import RequestKind, RequestStatus, ServiceStatus
from volunteer_app.gui import i18n
from volunteer_app.gui.hours_chart import HoursChart, axis_step
from volunteer_app.gui.list_tables import RowsModel
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.my_hours_page import Line, MyHoursPage
from volunteer_app.services import hours, hours_requests
from volunteer_app.services.storage import Database
from volunteer_app.store.models import HoursRequest, ServiceRecord

RENDER_DIR = os.environ.get("VOLUNTEER_APP_RENDER_DIR")  # set it to keep PNGs of the page for a look


@pytest.fixture
def year(db: Database, community: Community) -> Ledger:
    return ledger(db, community)


def _page(window: MainWindow) -> MyHoursPage:
    window.show_area("my_hours")
    page = window.current_page()
    assert isinstance(page, MyHoursPage)
    return page


def _texts(page: MyHoursPage, column: int) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _row_of(page: MyHoursPage, record_id: int) -> int:
    model = page.model
    assert isinstance(model, RowsModel)
    return next(i for i, ln in enumerate(model.rows()) if ln.record is not None and ln.record.id == record_id)


def test_the_volunteer_sees_statuses_reasons_and_totals(year: Ledger, volunteer_window: MainWindow) -> None:
    page = _page(volunteer_window)
    assert page.model.rowCount() == 7
    statuses = _texts(page, 3)
    assert statuses.count("Verified") == 5 and statuses.count("Pending") == 1 and statuses.count("Rejected") == 1
    rejected = _row_of(page, year.rejected)
    assert "Reason: You were not on the roster that day." in page.model.index(rejected, 5).data()
    colours = {page.model.index(r, 3).data(Qt.ItemDataRole.ForegroundRole).name() for r in range(7)}
    assert len(colours) == 3  # pending, verified and rejected each in their own tone
    assert page.model.index(_row_of(page, year.verified_b), 2).data() == "3.0 h"
    assert page.model.index(_row_of(page, year.verified_older), 2).data() == "1.5 h"
    first = page.model.rows()[0].record
    assert first is not None  # the task's own clock, through the one time formatter
    assert page.model.index(0, 0).data() == timefmt.task_time_text(first.started_at, first.ended_at, "Asia/Shanghai")
    assert page.summary_label.text() == "12.5 h verified in total · 2.5 h waiting for verification"
    totals = [w.text() for w in page.totals.findChildren(type(page.summary_label))]
    assert "Riverside Community Centre" in totals and "9.5 h" in totals and "3.0 h" in totals
    assert "By year" in totals
    # The replaced record is history: hidden until asked for.
    assert year.corrected_old not in [ln.record.id for ln in page.model.rows() if ln.record]
    page.history_box.setChecked(True)
    row = _row_of(page, year.corrected_old)
    assert page.model.index(row, 3).data() == "Replaced"
    assert "Replaced by a correction" in page.model.index(row, 5).data()


def test_the_chart_shows_the_last_twelve_months_in_words(year: Ledger, volunteer_window: MainWindow) -> None:
    page = _page(volunteer_window)
    chart = page.chart
    assert isinstance(chart, HoursChart)
    months = chart.months()
    assert len(months) == 12 and sum(m for _d, m in months) == 750 - 240
    assert chart.accessibleName() == "Verified hours by month"
    assert "8.5 h verified from" in chart.summary() and chart.summary() == page.chart_summary.text()
    assert "8.5 h" in chart.accessibleDescription()
    image = chart.grab().toImage()
    assert image.width() > 0  # paints without error
    assert axis_step(3) == 1 and axis_step(0.4) == 0.5 and axis_step(37) == 10


def test_filing_this_is_wrong_from_the_page(
    qtbot: QtBot, db: Database, year: Ledger, volunteer_window: MainWindow
) -> None:
    page = _page(volunteer_window)
    assert not page.wrong_button.isEnabled()  # nothing selected
    page.table.selectRow(_row_of(page, year.verified_recent))
    assert page.wrong_button.isEnabled()
    qtbot.mouseClick(page.wrong_button, Qt.MouseButton.LeftButton)
    dialog = page.request_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind() is RequestKind.TIME
    assert not dialog.kind_buttons[RequestKind.MISSING].isEnabled()  # the record exists
    assert unnamed_controls(dialog) == [] and unnamed_controls(page) == []
    assert dialog.message_label.buddy() is dialog.message_edit
    # Sending without a message is refused in the dialog, nothing is stored.
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Say what is wrong" in dialog.status() and dialog.isVisible()
    qtbot.keyClicks(dialog.message_edit, "I stayed until the end, an hour longer.")
    dialog.times_box.setChecked(True)
    dialog.end_edit.setDateTime(dialog.end_edit.dateTime().addSecs(3600))
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.request_id is not None
    with db.read() as s:
        request = s.get(HoursRequest, dialog.request_id)
        record = s.get(ServiceRecord, year.verified_recent)
        assert request is not None and record is not None
        assert request.kind is RequestKind.TIME and request.status is RequestStatus.OPEN
        assert request.message == "I stayed until the end, an hour longer."
        assert request.proposed_ended_at == record.ended_at + timedelta(hours=1)
        assert record.status is ServiceStatus.VERIFIED and record.credited_minutes == 120  # untouched
    row = _row_of(page, year.verified_recent)
    assert "Correction requested" in page.model.index(row, 5).data()
    page.table.selectRow(row)
    assert not page.wrong_button.isEnabled()  # one open request per record
    assert "request was sent" in page.status_label.text()


def test_reporting_a_missing_record(qtbot: QtBot, db: Database, year: Ledger, volunteer_window: MainWindow) -> None:
    page = _page(volunteer_window)
    qtbot.mouseClick(page.missing_button, Qt.MouseButton.LeftButton)
    dialog = page.request_dialog
    assert dialog is not None and dialog.kind() is RequestKind.MISSING
    assert dialog.task_combo.count() == 1 and "Paint the youth club" in dialog.task_combo.currentText()
    assert not dialog.kind_buttons[RequestKind.TIME].isEnabled()
    qtbot.keyClicks(dialog.message_edit, "I painted all afternoon.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with db.read() as s:
        request = s.scalars(select(HoursRequest)).one()
        assert request.record_id is None and request.occurrence_id == year.missed_occurrence
    first: Line = page.model.rows()[0]
    assert first.request is not None and page.model.index(0, 3).data() == "Requested"
    assert "waiting for a coordinator" in page.model.index(0, 5).data()


def test_a_refused_request_is_one_sentence_in_the_dialog(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, volunteer_window: MainWindow
) -> None:
    page = _page(volunteer_window)
    page.table.selectRow(_row_of(page, year.pending))
    qtbot.mouseClick(page.wrong_button, Qt.MouseButton.LeftButton)
    # Meanwhile the same request arrives from the CLI.
    hours_requests.file_request(db, community.volunteer, year.pending, "time", "from elsewhere")
    dialog = page.request_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.message_edit, "Wrong end time")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "wait for the coordinator's answer" in dialog.status()


def test_decisions_show_after_a_refresh(
    db: Database, community: Community, year: Ledger, volunteer_window: MainWindow
) -> None:
    page = _page(volunteer_window)
    hours.verify_hours(db, community.coord_a, year.pending)
    page.refresh()
    assert page.model.index(_row_of(page, year.pending), 3).data() == "Verified"
    assert page.summary_label.text().startswith("15.0 h verified")


def test_page_reads_in_chinese(year: Ledger, volunteer_window: MainWindow) -> None:
    page = _page(volunteer_window)
    i18n.apply_language(i18n.CHINESE)
    assert page.heading.text() and page.model.headerData(0, Qt.Orientation.Horizontal)
    i18n.apply_language(i18n.ENGLISH)
    assert page.heading.text() == "My hours"


@pytest.mark.parametrize("size", [(1280, 760), (1024, 700)])
def test_render(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, backend: str, size: tuple[int, int]
) -> None:
    """The page alone, at the size it gets in a window of ``size`` (the sidebar takes about 190 px)."""
    page = MyHoursPage(db, community.volunteer)
    qtbot.addWidget(page)
    page.resize(size[0] - 190, size[1] - 50)
    page.show()
    page.activate()
    page.table.selectRow(_row_of(page, year.rejected))
    assert page.minimumSizeHint().width() <= size[0] - 190
    qtbot.wait(20)  # let the layouts settle after the texts changed
    image = page.grab()
    assert image.width() == size[0] - 190
    if RENDER_DIR and backend == "sqlite":
        image.save(os.path.join(RENDER_DIR, f"my-hours-{size[0]}x{size[1]}.png"))
        page.report_wrong()
        assert page.request_dialog is not None
        page.request_dialog.times_box.setChecked(True)
        page.request_dialog.grab().save(os.path.join(RENDER_DIR, "hours-request-dialog.png"))

