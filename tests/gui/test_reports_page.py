"""The Reports area and the transparency summary, driven as a coordinator and a volunteer would."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.support.community import Community, shift
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.reports_page import ReportsPage
from volunteer_app.gui.transparency_dialog import TransparencyDialog
from volunteer_app.services import hours
from volunteer_app.store.database import Database
from volunteer_app.store.models import TaskOccurrence


def _verified(db: Database, town: Community, minutes: int = 150) -> None:
    with db.read() as s:
        occurrence = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == town.task_a)).one()
    start, _ = shift()
    record = hours.record_hours(
        db, town.coord_a,
        hours.HoursInput(person_id=town.volunteer.person_id, started_at=start,
                         ended_at=start + timedelta(minutes=minutes), occurrence_id=occurrence),
    )
    hours.verify_hours(db, town.coord_a, record)


def test_reports_show_verified_hours_and_export_csv(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow, tmp_path: Path
) -> None:
    _verified(db, community)
    coordinator_window.show_area("reports")
    page = coordinator_window.pages["reports"]
    assert isinstance(page, ReportsPage)
    assert page.org_combo.currentText() == "Riverside Community Centre"
    assert page.cards[0].value.text() == "2.5"
    assert page.volunteer_table.rowCount() == 1
    assert page.volunteer_table.item(0, 0).text() == "vol <vol@example.org>"
    assert page.task_table.item(0, 1).text() == "2.5"
    page.export_csv(tmp_path / "r.csv")
    assert "task,Sort donations,150,2.5" in (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "Saved to" in page.status.text()


def test_a_period_without_hours_shows_none(qtbot: QtBot, db: Database, community: Community,
                                           coordinator_window: MainWindow) -> None:
    _verified(db, community)
    page = coordinator_window.pages["reports"]
    assert isinstance(page, ReportsPage)
    page.all_time.setChecked(False)
    page.from_edit.setDate(page.from_edit.date().addYears(-20))
    page.to_edit.setDate(page.from_edit.date().addDays(3))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.cards[0].value.text() == "0.0"
    assert page.volunteer_table.rowCount() == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_volunteer_reads_and_saves_the_transparency_summary(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    _verified(db, community)
    # As after a certificate was drawn in this process: the bundled certificate fonts are registered and
    # serve this PDF's family too; its words must still read back whole ("Verified", not "Veri ed").
    from volunteer_app.certificates import pdf as certificate_pdf

    assert certificate_pdf.bundled_families()
    dialog = TransparencyDialog(db, community.other_volunteer, organisation_id=community.org_a)
    qtbot.addWidget(dialog)
    html = dialog.view.toPlainText()
    assert "Riverside Community Centre" in html and "2.5" in html
    pdf = dialog.save_pdf(tmp_path / "summary.pdf")
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", raw)  # the PDF keeps typographic ligatures (ﬁ)
    assert "Riverside Community Centre" in text
    assert "Verified hours" in text and "2.5" in text
    assert "Share of decided hours rejected" in text


def test_help_menu_opens_the_transparency_summary_for_volunteers(volunteer_window: MainWindow) -> None:
    assert volunteer_window.transparency_action in volunteer_window.help_menu.actions()
    dialog = volunteer_window.open_transparency()
    assert isinstance(dialog, TransparencyDialog) and dialog.isVisible()
    assert dialog.org_combo.count() == 2
    dialog.close()
    dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no hidden window keeps the focus


def test_the_month_chart_covers_every_month_between_the_first_and_the_last() -> None:
    from volunteer_app.gui.reports_page import chart_months
    from volunteer_app.services.reports import Figure

    months = chart_months([Figure("2025-11", 60), Figure("2026-02", 90)])
    assert [(d.isoformat(), m) for d, m in months] == [
        ("2025-11-01", 60), ("2025-12-01", 0), ("2026-01-01", 0), ("2026-02-01", 90),
    ]
    assert chart_months([]) == []

