"""Ask an organisation for a certificate (志愿服务记录证明) of one's verified hours, from My hours.

The volunteer picks one of the organisations where they have verified hours, a period (all
so far, or from/to) and the language; ``services.certificates.request_certificate`` files the
request, and the organisation's next certificate for them answers it. Refusals (no verified
hours in the period, a request already open) show as one sentence in the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, error_label, heading_label, make_note, show_status
from volunteer_app.services import certificates
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class CertificateRequestDialog(Retranslating, QDialog):
    """Window-modal; emits ``requested(request id)`` and closes once the request is filed."""

    requested = Signal(int)

    def __init__(
        self, db: Database, actor: Actor, organisations: Sequence[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.request_id: int | None = None
        self.heading = heading_label(self)
        self.note = make_note(QLabel(self))
        self.note.setWordWrap(True)
        self.org_combo = QComboBox(self)
        for org_id, name in organisations:
            self.org_combo.addItem(name, org_id)
        self.whole_time = QCheckBox(self)
        self.whole_time.setChecked(True)
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        today = QDate.currentDate()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.from_edit.setDate(QDate(today.year(), 1, 1))
        self.to_edit.setDate(today)
        self.whole_time.toggled.connect(self._whole_time_toggled)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("中文（简体）", "zh")
        self.language_combo.addItem("English", "en")

        self.org_label, self.period_label, self.language_label = QLabel(self), QLabel(self), QLabel(self)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.org_label.setBuddy(self.org_combo)
        self.period_label.setBuddy(self.whole_time)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.language_label.setBuddy(self.language_combo)
        self.status = error_label(self)

        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.send_button.setEnabled(self.org_combo.count() > 0)
        self.send_button.clicked.connect(self.send)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)

        dates = QHBoxLayout()
        dates.addWidget(self.from_label)
        dates.addWidget(self.from_edit)
        dates.addWidget(self.to_label)
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.org_label, self.org_combo)
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
        self.setTabOrder(self.org_combo, self.whole_time)
        self.setTabOrder(self.whole_time, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.language_combo)
        self.setMinimumWidth(480)
        self.resize(540, 320)
        self.retranslate()
        if self.org_combo.count() == 0:
            show_status(self.status, self.tr(
                "You have no verified hours yet, so no organisation can certify them."))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Request a certificate"))
        self.heading.setText(self.tr("Request a service certificate"))
        self.note.setText(self.tr(
            "The organisation's coordinators issue a signed certificate of your verified hours with them. "
            "Once it is issued it appears under Certificates in My hours, where you can save and print it."))
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_combo.setAccessibleName(self.tr("Organisation to ask"))
        self.period_label.setText(self.tr("&Period:"))
        self.whole_time.setText(self.tr("All my verified hours up to today"))
        self.whole_time.setAccessibleName(self.tr("All my verified hours up to today"))
        self.from_label.setText(self.tr("&From"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_label.setText(self.tr("&to"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_combo.setAccessibleName(self.tr("Language of the certificate"))
        self.send_button.setText(self.tr("&Send request"))
        self.send_button.setAccessibleName(self.tr("Send the request"))

    def _whole_time_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(not on)
        self.to_edit.setEnabled(not on)

    def choose(self, organisation_id: int, period: tuple[date, date] | None = None, language: str = "zh") -> None:
        """Set the choices (for tests and callers that know them)."""
        self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(organisation_id)))
        self.whole_time.setChecked(period is None)
        if period is not None:
            self.from_edit.setDate(QDate(period[0].year, period[0].month, period[0].day))
            self.to_edit.setDate(QDate(period[1].year, period[1].month, period[1].day))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))

    def send(self) -> None:
        org_id = self.org_combo.currentData()
        if org_id is None:
            return
        whole = self.whole_time.isChecked()
        first = None if whole else _day(self.from_edit)
        last = None if whole else _day(self.to_edit)
        if first is not None and last is not None and last < first:
            show_status(self.status, self.tr("The period ends before it starts."))
            return
        language = str(self.language_combo.currentData())
        db, actor = self.db, self.actor

        def work(_job: Any) -> int:
            return certificates.request_certificate(db, actor, int(org_id), first, last, language)

        show_status(self.status, "")
        self.send_button.setEnabled(False)
        run_in_background(self, work, self._sent, self._failed)

    def _sent(self, request_id: int) -> None:
        self.request_id = request_id
        self.send_button.setEnabled(True)
        self.requested.emit(request_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        show_status(self.status, errors.describe(exc).text)

    def status_text(self) -> str:
        return self.status.text() if self.status.isVisible() else ""
