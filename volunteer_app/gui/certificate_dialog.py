"""Issue a certificate (志愿服务记录证明): organisation, volunteer, period, language → a signed PDF; print it.

The service signs, registers and renders it in one transaction (``services.certificates``);
this dialog asks where to save the PDF first, so a cancelled save issues nothing.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.certificates import content, pdf
from volunteer_app.certificates.content import CertificateDocument
from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, Tone, error_label, heading_label, make_note, show_status
from volunteer_app.services import certificates
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database


def write_file(path: Path, data: bytes) -> None:
    """Through a temporary file in the same folder, so a failure never leaves half a PDF."""
    fd, tmp = tempfile.mkstemp(prefix=".certificate-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def print_certificate(parent: QWidget | None, document: CertificateDocument) -> bool:
    """Show the certificate in a print preview (QtPrintSupport); False when printing is not available."""
    try:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    except ImportError:  # a Qt build without printing
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the drawing's origin is the paper's corner
    preview = QPrintPreviewDialog(printer, parent)

    def paint(device: Any) -> None:
        painter = QPainter(device)
        pdf.paint(painter, document, device.resolution())
        painter.end()

    preview.paintRequested.connect(paint)
    preview.open()
    return True


class CertificateDialog(Retranslating, QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 organisation_id: int | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.issued: certificates.Issued | None = None
        self.heading = heading_label(self)
        self.note = make_note(QLabel(self))
        self.note.setWordWrap(True)
        self.org_combo = QComboBox(self)
        self.volunteer_combo = QComboBox(self)
        self.volunteer_combo.setMinimumContentsLength(28)
        self.whole_time = QCheckBox(self)
        self.whole_time.setChecked(True)
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        today = QDate.currentDate()
        self.from_edit.setDate(QDate(today.year(), 1, 1))
        self.to_edit.setDate(today)
        self.whole_time.toggled.connect(lambda on: [e.setEnabled(not on) for e in (self.from_edit, self.to_edit)])
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("中文（简体）", "zh")
        self.language_combo.addItem("English", "en")
        self.org_label, self.volunteer_label = QLabel(self), QLabel(self)
        self.period_label, self.language_label = QLabel(self), QLabel(self)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.org_label.setBuddy(self.org_combo)
        self.volunteer_label.setBuddy(self.volunteer_combo)
        self.period_label.setBuddy(self.whole_time)
        self.language_label.setBuddy(self.language_combo)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.status = error_label(self)
        self.issue_button = QPushButton(self)
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self._choose_and_issue)
        self.print_button = QPushButton(self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self._print)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        dates = QHBoxLayout()
        dates.addWidget(self.from_label)
        dates.addWidget(self.from_edit)
        dates.addWidget(self.to_label)
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.org_label, self.org_combo)
        form.addRow(self.volunteer_label, self.volunteer_combo)
        form.addRow(self.period_label, self.whole_time)
        form.addRow("", dates)
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.resize(580, 360)
        self.retranslate()

        for org_id, name in certificates.issuing_organisations(db, actor):
            self.org_combo.addItem(name, org_id)
        if organisation_id is not None:
            self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(organisation_id)))
        self.org_combo.currentIndexChanged.connect(lambda _i: self.load_volunteers())
        self.load_volunteers()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Issue a certificate"))
        self.heading.setText(self.tr("Issue a service certificate"))
        self.note.setText(self.tr(
            "A signed certificate of the volunteer's verified hours with your organisation, with a QR code anyone "
            "can check offline. It is kept in the register and can be revoked later."))
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_combo.setAccessibleName(self.tr("Issuing organisation"))
        self.volunteer_label.setText(self.tr("&Volunteer:"))
        self.volunteer_combo.setAccessibleName(self.tr("Volunteer"))
        self.period_label.setText(self.tr("&Period:"))
        self.whole_time.setText(self.tr("All verified hours up to today"))
        self.whole_time.setAccessibleName(self.tr("All verified hours up to today"))
        self.from_label.setText(self.tr("&From"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_label.setText(self.tr("&to"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_combo.setAccessibleName(self.tr("Language of the certificate"))
        self.issue_button.setText(self.tr("&Issue and save PDF…"))
        self.issue_button.setAccessibleName(self.tr("Issue and save the PDF"))
        self.print_button.setText(self.tr("P&rint…"))
        self.print_button.setAccessibleName(self.tr("Print the certificate"))

    def load_volunteers(self) -> None:
        org_id = self.org_combo.currentData()
        self.volunteer_combo.clear()
        if org_id is None:
            self.issue_button.setEnabled(False)
            show_status(self.status, self.tr("You coordinate no organisation, so you cannot issue certificates."))
            return
        run_in_background(self, lambda _job: certificates.volunteers_of(self.db, self.actor, int(org_id)),
                          self._volunteers_loaded, lambda exc: show_status(self.status, errors.describe(exc).text))

    def _volunteers_loaded(self, people: list[tuple[int, str, str]]) -> None:
        for person_id, name, email in people:
            self.volunteer_combo.addItem(f"{name} <{email}>", person_id)
        self.issue_button.setEnabled(bool(people))

    def select_volunteer(self, person_id: int) -> None:
        self.volunteer_combo.setCurrentIndex(max(0, self.volunteer_combo.findData(person_id)))

    def issue_input(self) -> certificates.IssueInput:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        whole = self.whole_time.isChecked()
        return certificates.IssueInput(
            person_id=int(self.volunteer_combo.currentData()), organisation_id=int(self.org_combo.currentData()),
            period_from=None if whole else day(self.from_edit), period_to=None if whole else day(self.to_edit),
            language=str(self.language_combo.currentData()),
        )

    def _choose_and_issue(self) -> None:
        if self.volunteer_combo.currentData() is None:
            return
        name = self.volunteer_combo.currentText().split(" <", 1)[0].replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the certificate"), f"{name} - certificate.pdf",
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.issue_to(Path(path))

    def issue_to(self, path: Path) -> None:
        """Issue with the dialog's choices and write the PDF to ``path`` (in the background)."""
        data = self.issue_input()

        def render_and_write(document: CertificateDocument) -> bytes:
            rendered = pdf.render(document)
            write_file(path, rendered)  # inside the transaction: a PDF that cannot be saved issues nothing
            return rendered

        def work(_job: Any) -> certificates.Issued:
            try:
                return certificates.issue_certificate(self.db, self.actor, data, render=render_and_write)
            except BaseException:
                if not existed:  # the transaction rolled back after the file was written: no orphan PDF
                    path.unlink(missing_ok=True)
                raise

        existed = path.exists()

        show_status(self.status, "")
        run_in_background(self, work, lambda issued: self._issued(issued, path),
                          lambda exc: show_status(self.status, errors.describe(exc).text))

    def _issued(self, issued: certificates.Issued, path: Path) -> None:
        self.issued = issued
        self.print_button.setEnabled(True)
        hours = content.hours_text(issued.entry.minutes, issued.document.step_minutes, issued.document.language)
        show_status(self.status, self.tr("Certificate {number} ({hours}) saved to {path}.").format(
            number=issued.entry.number, hours=hours, path=str(path)), Tone.SUCCESS)

    def _print(self) -> None:
        if self.issued is not None and not print_certificate(self, self.issued.document):
            show_status(self.status, self.tr("Printing is not available here; print the saved PDF instead."))


def open_issue_certificate_dialog(
    parent: QWidget | None, db: Database, actor: Actor, organisation_id: int | None = None
) -> CertificateDialog:
    dialog = CertificateDialog(db, actor, parent, organisation_id=organisation_id)
    dialog.show()
    return dialog
