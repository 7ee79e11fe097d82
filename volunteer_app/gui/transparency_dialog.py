"""An organisation's transparency summary: read it, save it as PDF, print it.

Anyone signed in may open it (Help → Organisation transparency…), so volunteers
and donors can see how an organisation performs; coordinators open it from Reports.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, Tone, error_label, make_note, show_status
from volunteer_app.services import organisations, reports
from volunteer_app.services.accounts import Actor
from volunteer_app.services.reports import TransparencySummary
from volunteer_app.services.storage import Database


def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return QLocale().toString(value * 100, "f", 1) + "%"


def hours_text(minutes: int) -> str:
    return QLocale().toString(minutes / 60, "f", 1)


class TransparencyDialog(Retranslating, QDialog):
    """Pick an organisation; its public figures appear, ready to save as PDF or print."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, *, organisation_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.summary: TransparencySummary | None = None
        self.org_combo = QComboBox(self)
        self.org_label = QLabel(self)
        self.org_label.setBuddy(self.org_combo)
        self.view = QTextBrowser(self)
        self.view.setMinimumSize(520, 380)
        self.note = make_note(QLabel(self))
        self.status = error_label(self)
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(self._choose_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.org_label, self.org_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        for org in organisations.list_organisations(db, actor):
            self.org_combo.addItem(org.name, org.id)
        if organisation_id is not None:
            self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(organisation_id)))
        self.org_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Organisation transparency"))
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_combo.setAccessibleName(self.tr("Organisation"))
        self.view.setAccessibleName(self.tr("Transparency summary"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save as PDF"))
        self.note.setText(
            self.tr(
                "Figures over the organisation's whole history, from the hours its coordinators verified. "
                "Anyone signed in can see them."
            )
        )
        if self.summary is not None:
            self.view.setHtml(self.html())

    def load(self) -> None:
        org_id = self.org_combo.currentData()
        if org_id is None:
            self.view.setHtml("")
            self.pdf_button.setEnabled(False)
            return
        run_in_background(
            self,
            lambda _job: reports.transparency_summary(self.db, self.actor, int(org_id), now=datetime.now(UTC)),
            self._loaded,
            lambda exc: show_status(self.status, errors.describe(exc).text),
        )

    def _loaded(self, summary: TransparencySummary) -> None:
        self.summary = summary
        show_status(self.status, "")
        self.pdf_button.setEnabled(True)
        self.view.setHtml(self.html())

    def html(self) -> str:
        s = self.summary
        if s is None:
            return ""
        days = (
            "–"
            if s.median_days_to_verify is None
            else self.tr("{days} days").format(days=QLocale().toString(s.median_days_to_verify, "f", 1))
        )
        rows = [
            (self.tr("Verified hours"), hours_text(s.verified_minutes)),
            (self.tr("Volunteers with verified hours"), QLocale().toString(s.volunteers)),
            (self.tr("Tasks run"), QLocale().toString(s.tasks_run)),
            (self.tr("Places filled (of places offered)"), percent(s.fill_rate)),
            (self.tr("Median time from service to verification"), days),
            (self.tr("Share of decided hours rejected"), percent(s.rejected_share)),
            (self.tr("Share of records later corrected"), percent(s.corrected_share)),
        ]
        body = "".join(
            f"<tr><td style='padding:4px 16px 4px 0'>{escape(k)}</td><td align='right'><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        )
        generated = timefmt.moment_text(s.generated_at, None, tr=QCoreApplication.translate)
        return (
            f"<h2>{escape(s.organisation)}</h2>"
            f"<p>{escape(self.tr('Transparency summary'))}</p>"
            f"<table>{body}</table>"
            f"<p style='color:gray'>{escape(self.tr('Made by Volunteer App on {when}.').format(when=generated))}</p>"
        )

    def _choose_pdf(self) -> None:
        name = (self.summary.organisation if self.summary else "organisation").replace("/", "-")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the summary as PDF"), f"{name} - transparency.pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> Path:
        """Write the summary as an A4 PDF with vector text (fonts embedded by Qt)."""
        document = QTextDocument()
        document.setHtml(self.html())
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        writer.setTitle(self.tr("Transparency summary"))
        writer.setCreator("Volunteer App")
        layout = writer.pageLayout().paintRectPixels(writer.resolution())
        document.setPageSize(QSizeF(layout.width(), layout.height()))
        document.print_(writer)
        show_status(self.status, self.tr("Saved to {path}.").format(path=str(path)), Tone.SUCCESS)
        return path


def open_transparency_dialog(
    parent: QWidget | None, db: Database, actor: Actor, organisation_id: int | None = None
) -> TransparencyDialog:
    dialog = TransparencyDialog(db, actor, parent, organisation_id=organisation_id)
    dialog.show()
    return dialog
