"""My hours: every record of the volunteer's hours, its status, the totals and a chart by month.

A record reads as its status in words and colour (pending, verified, rejected with
the coordinator's reason). A correction chain shows its newest record; the records
it replaced appear on request ("Show replaced records"). "This is wrong…" asks the
coordinators for a correction (``hours_request_dialog``); it never edits a record,
and the row then says "Correction requested". Everything loads in the background.

Below the records, tabs: the chart and totals; **Certificates** (the volunteer's requests
and issued certificates, "Request a certificate…" through ``certificate_request_dialog``,
and "Save PDF…"/"Print…" for issued ones, re-rendered from the register); **Imported hours**
(signed statements from other organisations, one line per signed part, marked by who signed
it, with "Import a statement…" and "Export my statement…").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.certificates import pdf
from volunteer_app.certificates.content import CertificateDocument
from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import RequestStatus, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.certificate_dialog import print_certificate, write_file
from volunteer_app.gui.certificate_request_dialog import CertificateRequestDialog
from volunteer_app.gui.hours_chart import HoursChart
from volunteer_app.gui.hours_request_dialog import HoursRequestDialog
from volunteer_app.gui.hours_tables import (
    CONTEXT,
    hours_text,
    rule_text,
    show_failure,
    status_colour,
    status_text,
    when_text,
)
from volunteer_app.gui.list_tables import Col, RowsModel, rows_table, selected_rows
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import PAGE_MARGINS, Tone
from volunteer_app.services import certificates, hours_ledger, statements
from volunteer_app.services.accounts import Actor
from volunteer_app.services.certificates import RegisterEntry
from volunteer_app.services.certificates import RequestEntry as CertificateRequestEntry
from volunteer_app.services.hours_ledger import MissedTask, MyHours, RecordView, RequestView
from volunteer_app.services.statements import ImportedView
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "My hours")


@dataclass(frozen=True)
class Line:
    """One row: a record (current or replaced), or a "missing record" request that names no record."""

    record: RecordView | None = None
    request: RequestView | None = None

    @property
    def is_history(self) -> bool:
        return self.record is not None and not self.record.is_current


def _when(line: Line) -> str:
    if line.record is not None:
        return when_text(line.record.started_at, line.record.ended_at, line.record.timezone)
    assert line.request is not None
    return when_text(line.request.started_at, line.request.ended_at, line.request.timezone)


def _title(line: Line) -> str:
    return line.record.title if line.record is not None else line.request.title if line.request else ""


def _organisation(line: Line) -> str:
    return line.record.organisation if line.record is not None else line.request.organisation if line.request else ""


def _hours(line: Line) -> str:
    return hours_text(line.record.credited_minutes) if line.record is not None else ""


def _status(line: Line) -> str:
    if line.record is None:
        return QCoreApplication.translate("Hours", "Requested")
    if line.is_history:
        return QCoreApplication.translate("Hours", "Replaced")
    return status_text(line.record.status)


def _status_colour(line: Line) -> QColor | None:
    if line.record is None or line.is_history:
        return QColor(style.colour(Tone.NOTE))
    return status_colour(line.record.status)


def notes(line: Line) -> str:
    """What else a person should know about the row, most important first."""
    r = line.record
    if r is None:
        assert line.request is not None
        return (
            QCoreApplication.translate("Hours", "Missing record reported; waiting for a coordinator")
            if line.request.status is RequestStatus.OPEN
            else ""
        )
    parts = []
    if r.status is ServiceStatus.REJECTED and r.decision_reason:
        parts.append(QCoreApplication.translate("Hours", "Reason: {reason}").format(reason=r.decision_reason))
    if r.has_open_request:
        parts.append(QCoreApplication.translate("Hours", "Correction requested"))
    elif r.request is not None and r.request.status is RequestStatus.DECLINED and r.is_current:
        parts.append(
            QCoreApplication.translate("Hours", "Your request was declined: {reason}").format(
                reason=r.request.decision_reason or ""
            )
        )
    if not r.is_current:
        parts.append(QCoreApplication.translate("Hours", "Replaced by a correction"))
    elif r.corrects_id is not None:
        parts.append(QCoreApplication.translate("Hours", "Corrected record"))
    rule = rule_text(r.credit_rule)
    if rule:
        parts.append(rule)
    return " · ".join(parts)


# What matters most first, so a narrow window still shows when, what, how much and the status.
COLUMNS: list[Col[Line]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "When"), _when, width=300),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Task"), _title, width=190),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Hours"), _hours, width=56, align_right=True),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Status"), _status, width=80, foreground=_status_colour),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Organisation"), _organisation, width=170),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Notes"), notes, width=240, stretch=True),
]


# --------------------------------------------------------------------------- certificates and imported hours


def _day_text(day: date) -> str:
    return timefmt.date_text(datetime(day.year, day.month, day.day), QCoreApplication.translate)


def period_text(first: date, last: date) -> str:
    return QCoreApplication.translate("Hours", "{start} – {end}").format(start=_day_text(first), end=_day_text(last))


@dataclass(frozen=True)
class CertificateLine:
    """One row of Certificates: an issued (or revoked) certificate, or a request not answered by one."""

    entry: RegisterEntry | None = None
    request: CertificateRequestEntry | None = None

    @property
    def is_issued(self) -> bool:
        return self.entry is not None and not self.entry.is_revoked


def _cert_number(line: CertificateLine) -> str:
    return line.entry.number if line.entry is not None else "—"


def _cert_organisation(line: CertificateLine) -> str:
    return line.entry.organisation if line.entry is not None else line.request.organisation if line.request else ""


def _cert_period(line: CertificateLine) -> str:
    if line.entry is not None:
        return period_text(line.entry.period_from, line.entry.period_to)
    assert line.request is not None
    return period_text(line.request.period_from, line.request.period_to)


def _cert_hours(line: CertificateLine) -> str:
    return hours_text(line.entry.minutes) if line.entry is not None else ""


def cert_status(line: CertificateLine) -> str:
    if line.entry is not None:
        if line.entry.is_revoked:
            return QCoreApplication.translate("Hours", "Revoked")
        return QCoreApplication.translate("Hours", "Issued")
    assert line.request is not None
    if line.request.declined_reason is not None:
        return QCoreApplication.translate("Hours", "Declined")
    return QCoreApplication.translate("Hours", "Requested")


def _cert_tone(line: CertificateLine) -> QColor:
    if line.is_issued:
        return QColor(style.colour(Tone.SUCCESS))
    if line.entry is not None or (line.request is not None and line.request.declined_reason is not None):
        return QColor(style.colour(Tone.ERROR))
    return QColor(style.colour(Tone.WARNING))


def cert_notes(line: CertificateLine) -> str:
    if line.entry is not None:
        if line.entry.revoked_at is not None:
            return QCoreApplication.translate("Hours", "Revoked: {reason}").format(reason=line.entry.revoke_reason or "")
        return QCoreApplication.translate("Hours", "Issued by {name} on {day}").format(
            name=line.entry.issued_by, day=_day_text(line.entry.issued_at.date()))
    assert line.request is not None
    if line.request.declined_reason is not None:
        return QCoreApplication.translate("Hours", "Declined: {reason}").format(reason=line.request.declined_reason)
    return QCoreApplication.translate("Hours", "Asked on {day}; waiting for a coordinator").format(day=_day_text(line.request.created_at.date()))


CERTIFICATE_COLUMNS: list[Col[CertificateLine]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Number"), _cert_number, width=130),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Organisation"), _cert_organisation, width=170),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Period"), _cert_period, width=230),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Hours"), _cert_hours, width=56, align_right=True),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Status"), cert_status, width=80, foreground=_cert_tone),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Notes"), cert_notes, width=220, stretch=True),
]

KIND_NAMES = {
    "hours": QT_TRANSLATE_NOOP("Hours", "Hours statement"),
    "certificate": QT_TRANSLATE_NOOP("Hours", "Certificate"),
}


def _imported_kind(view: ImportedView) -> str:
    name = KIND_NAMES.get(view.kind)
    return QCoreApplication.translate("Hours", name) if name else view.kind


IMPORTED_COLUMNS: list[Col[ImportedView]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Signed by"), lambda v: v.organisation, width=190),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Key"), lambda v: v.fingerprint[:16], width=140,
        tooltip=lambda v: v.fingerprint),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Period"), lambda v: period_text(v.period_from, v.period_to), width=230),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Hours"), lambda v: hours_text(v.minutes), width=56, align_right=True),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Kind"), _imported_kind, width=110, stretch=True),
]


def imported_minutes(views: list[ImportedView]) -> dict[str, int]:
    """Minutes per signing key, each stretch of time counted once.

    An hours part and a certificate from the same organisation often cover the same days; the
    largest parts count first, and a part overlapping one already counted is left out.
    """
    counted: dict[str, list[ImportedView]] = {}
    for view in sorted(views, key=lambda v: (-v.minutes, v.period_from)):
        taken = counted.setdefault(view.fingerprint, [])
        if all(view.period_to < t.period_from or view.period_from > t.period_to for t in taken):
            taken.append(view)
    return {fp: sum(v.minutes for v in taken) for fp, taken in counted.items()}


@dataclass(frozen=True)
class Trust:
    """What the Certificates and Imported hours tabs show."""

    certificates: list[CertificateLine]
    imported: list[ImportedView]


@register_area("my_hours", TITLE, Side.VOLUNTEER, order=30)
class MyHoursPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.data: MyHours | None = None
        self.missed: list[MissedTask] = []
        self.request_dialog: HoursRequestDialog | None = None
        self.certificate_dialog: CertificateRequestDialog | None = None
        self.trust: Trust | None = None
        self._loading = False

        self.heading = style.heading_label(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.wrong_button = QPushButton(self)
        self.missing_button = QPushButton(self)
        self.history_box = QCheckBox(self)
        self.status_label = style.error_label(self)

        self.model: RowsModel[Line] = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, self)
        self.detail_label = QLabel(self)  # the selected row in full (the table cuts long reasons short)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.chart_heading = style.subheading_label(self)
        self.chart = HoursChart(self)
        self.chart_summary = style.make_note(QLabel(self))
        self.totals_heading = style.subheading_label(self)
        self.totals = QWidget(self)
        self.totals_grid = QGridLayout(self.totals)
        self.totals_grid.setContentsMargins(0, 0, 0, 0)
        self.totals_grid.setHorizontalSpacing(16)
        self.totals_grid.setVerticalSpacing(4)

        buttons = QHBoxLayout()
        buttons.addWidget(self.wrong_button)
        buttons.addWidget(self.missing_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.history_box)
        buttons.addStretch(1)

        chart_box = QVBoxLayout()
        chart_box.addWidget(self.chart_heading)
        chart_box.addWidget(self.chart, 1)
        chart_box.addWidget(self.chart_summary)
        totals_box = QVBoxLayout()
        totals_box.addWidget(self.totals_heading)
        totals_box.addWidget(self.totals)
        totals_box.addStretch(1)
        overview = QWidget(self)
        bottom_layout = QHBoxLayout(overview)
        bottom_layout.setContentsMargins(8, 8, 8, 4)
        bottom_layout.addLayout(chart_box, 3)
        bottom_layout.addSpacing(16)
        bottom_layout.addLayout(totals_box, 2)

        # Certificates: my requests and issued certificates.
        self.cert_model: RowsModel[CertificateLine] = RowsModel(CERTIFICATE_COLUMNS, self)
        self.cert_table = rows_table(self.cert_model, self)
        self.cert_note = style.make_note(QLabel(self))
        self.cert_note.setWordWrap(True)
        self.request_cert_button = QPushButton(self)
        self.save_pdf_button = QPushButton(self)
        self.print_button = QPushButton(self)
        cert_buttons = QHBoxLayout()
        cert_buttons.addWidget(self.request_cert_button)
        cert_buttons.addSpacing(12)
        cert_buttons.addWidget(self.save_pdf_button)
        cert_buttons.addWidget(self.print_button)
        cert_buttons.addStretch(1)
        cert_tab = QWidget(self)
        cert_layout = QVBoxLayout(cert_tab)
        cert_layout.setContentsMargins(8, 8, 8, 4)
        cert_layout.addLayout(cert_buttons)
        cert_layout.addWidget(self.cert_table, 1)
        cert_layout.addWidget(self.cert_note)

        # Imported hours: signed statements from other organisations.
        self.imported_model: RowsModel[ImportedView] = RowsModel(IMPORTED_COLUMNS, self)
        self.imported_table = rows_table(self.imported_model, self)
        self.imported_summary = QLabel(self)
        self.imported_summary.setWordWrap(True)
        self.import_button = QPushButton(self)
        self.export_button = QPushButton(self)
        imported_buttons = QHBoxLayout()
        imported_buttons.addWidget(self.import_button)
        imported_buttons.addWidget(self.export_button)
        imported_buttons.addStretch(1)
        imported_tab = QWidget(self)
        imported_layout = QVBoxLayout(imported_tab)
        imported_layout.setContentsMargins(8, 8, 8, 4)
        imported_layout.addLayout(imported_buttons)
        imported_layout.addWidget(self.imported_summary)
        imported_layout.addWidget(self.imported_table, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(overview, "")
        self.tabs.addTab(cert_tab, "")
        self.tabs.addTab(imported_tab, "")
        bottom = QWidget(self)
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 8, 0, 0)
        bottom_box.addWidget(self.tabs)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.detail_label)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.wrong_button, self.missing_button)
        self.setTabOrder(self.missing_button, self.history_box)
        self.setTabOrder(self.history_box, self.table)
        self.setTabOrder(self.table, self.tabs)
        self.setTabOrder(self.tabs, self.chart)
        self.setTabOrder(self.chart, self.request_cert_button)
        self.setTabOrder(self.request_cert_button, self.save_pdf_button)
        self.setTabOrder(self.save_pdf_button, self.print_button)
        self.setTabOrder(self.print_button, self.cert_table)
        self.setTabOrder(self.cert_table, self.import_button)
        self.setTabOrder(self.import_button, self.export_button)
        self.setTabOrder(self.export_button, self.imported_table)
        self.request_cert_button.clicked.connect(self.request_certificate)
        self.save_pdf_button.clicked.connect(self.choose_pdf_path)
        self.print_button.clicked.connect(self.print_selected)
        self.cert_table.selectionModel().selectionChanged.connect(lambda *_: self._update_cert_buttons())
        self.cert_table.doubleClicked.connect(lambda _index: self.print_selected())
        self.import_button.clicked.connect(self.choose_statement_to_import)
        self.export_button.clicked.connect(self.choose_statement_path)
        self.wrong_button.clicked.connect(self.report_wrong)
        self.missing_button.clicked.connect(self.report_missing)
        self.history_box.toggled.connect(lambda _on: self._fill())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.report_wrong())
        self.retranslate()
        self._update_buttons()
        self._update_cert_buttons()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My hours"))
        self.heading.setAccessibleName(self.heading.text())
        self.wrong_button.setText(self.tr("This is &wrong…"))
        self.wrong_button.setAccessibleName(self.tr("This is wrong: ask for a correction of the selected record"))
        self.wrong_button.setToolTip(self.tr("Tell the coordinators what is wrong with the selected record."))
        self.missing_button.setText(self.tr("A record is &missing…"))
        self.missing_button.setAccessibleName(self.tr("Report a missing record"))
        self.missing_button.setToolTip(self.tr("You served a task but it has no record here."))
        self.history_box.setText(self.tr("Show &replaced records"))
        self.history_box.setAccessibleName(self.tr("Show replaced records"))
        self.table.setAccessibleName(self.tr("My hours records"))
        self.table.setAccessibleDescription(
            self.tr("Select a record and press “This is wrong…” if something in it is wrong.")
        )
        self.chart_heading.setText(self.tr("Verified hours by month"))
        self.totals_heading.setText(self.tr("Verified hours in total"))
        self.tabs.setAccessibleName(self.tr("Hours overview, certificates and imported hours"))
        self.tabs.setTabText(0, self.tr("&Overview"))
        self.tabs.setTabText(1, self.tr("&Certificates"))
        self.tabs.setTabText(2, self.tr("Impor&ted hours"))
        self.request_cert_button.setText(self.tr("Re&quest a certificate…"))
        self.request_cert_button.setAccessibleName(self.tr("Request a certificate"))
        self.request_cert_button.setToolTip(
            self.tr("Ask an organisation you served with for a signed certificate of your verified hours."))
        self.save_pdf_button.setText(self.tr("&Save PDF…"))
        self.save_pdf_button.setAccessibleName(self.tr("Save the selected certificate as a PDF"))
        self.print_button.setText(self.tr("&Print…"))
        self.print_button.setAccessibleName(self.tr("Print the selected certificate"))
        self.cert_table.setAccessibleName(self.tr("My certificates"))
        self.cert_table.setAccessibleDescription(
            self.tr("Select an issued certificate to save it as a PDF or print it."))
        self.cert_note.setText(self.tr(
            "Each certificate carries a QR code that anyone can check offline with the app's "
            "“Verify a certificate”."))
        self.import_button.setText(self.tr("&Import a statement…"))
        self.import_button.setAccessibleName(self.tr("Import a signed hour statement"))
        self.import_button.setToolTip(
            self.tr("Add hours signed by another organisation (a statement file they or you exported)."))
        self.export_button.setText(self.tr("E&xport my statement…"))
        self.export_button.setAccessibleName(self.tr("Export my signed hour statement"))
        self.export_button.setToolTip(
            self.tr("Save your signed certificates as a statement file another installation can import."))
        self.imported_table.setAccessibleName(self.tr("Imported hours"))
        self.model.retranslate()
        self.cert_model.retranslate()
        self.imported_model.retranslate()
        self._show_summary()
        self._show_imported_summary()
        self._fill_totals()

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if self.data is None and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        self._loading = True
        self._show_summary()

        def work(_job: object) -> tuple[MyHours, list[MissedTask]]:
            return hours_ledger.my_records(db, actor), hours_ledger.missed_tasks(db, actor)

        run_in_background(self, work, self._loaded, self._load_failed)
        self.refresh_certificates()

    def _loaded(self, result: tuple[MyHours, list[MissedTask]]) -> None:
        self._loading = False
        self.data, self.missed = result
        self._fill()
        self.chart.set_months(self.data.by_month)
        self.chart_summary.setText(self.chart.summary())
        self._fill_totals()
        self._show_summary()
        self._update_cert_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._show_summary()
        show_failure(self.status_label, self, exc)

    def _fill(self) -> None:
        data = self.data
        if data is None:
            return
        chosen = {
            (ln.record.id if ln.record else None, ln.request.id if ln.request else None)
            for ln in selected_rows(self.table)
        }
        lines = [Line(request=q) for q in data.missing_requests if q.status is RequestStatus.OPEN]
        records = list(data.records)
        if self.history_box.isChecked():
            records = sorted([*records, *data.history], key=lambda r: (r.started_at, r.id), reverse=True)
        lines += [Line(record=r) for r in records]
        self.model.set_rows(lines)
        for i, ln in enumerate(lines):
            if (ln.record.id if ln.record else None, ln.request.id if ln.request else None) in chosen:
                self.table.selectRow(i)
        self._update_buttons()

    def _show_summary(self) -> None:
        data = self.data
        if data is None:
            text = self.tr("Loading your hours…") if self._loading else ""
        elif not data.records and not data.missing_requests:
            text = self.tr(
                "No hours recorded yet. After a task, the coordinator checks you out and your hours appear here."
            )
        else:
            text = self.tr("{verified} verified in total · {pending} waiting for verification").format(
                verified=hours_text(data.verified_minutes), pending=hours_text(data.pending_minutes)
            )
        self.summary_label.setText(text)
        self.summary_label.setAccessibleName(text)

    def _fill_totals(self) -> None:
        grid = self.totals_grid
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        data = self.data
        if data is None:
            return
        row = 0

        def add(name: str, minutes: int | None, *, heading: bool = False) -> None:
            nonlocal row
            label = QLabel(name, self.totals)
            label.setWordWrap(True)
            if heading:
                style.make_note(label)
            grid.addWidget(label, row, 0)
            label.show()  # now, not when the layout gets round to it (a grab right after loading sees it)
            if minutes is not None:
                value = QLabel(hours_text(minutes), self.totals)
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(value, row, 1)
                value.show()
            row += 1

        if not data.by_organisation:
            add(self.tr("Nothing verified yet."), None, heading=True)
            return
        add(self.tr("By organisation"), None, heading=True)
        for name, minutes in data.by_organisation:
            add(name, minutes)
        add(self.tr("By year"), None, heading=True)
        for year, minutes in data.by_year:
            add(str(year), minutes)
        grid.setColumnStretch(0, 1)

    # ------------------------------------------------------------------ requests

    def selected_line(self) -> Line | None:
        rows = selected_rows(self.table)
        return rows[0] if rows else None

    def _askable(self, line: Line | None) -> bool:
        return (
            line is not None and line.record is not None and line.record.is_current and not line.record.has_open_request
        )

    def _update_buttons(self) -> None:
        line = self.selected_line()
        self.wrong_button.setEnabled(self._askable(line))
        self.missing_button.setEnabled(self.data is not None)
        self._show_detail(line)

    def _show_detail(self, line: Line | None) -> None:
        if line is None:
            text = ""
        else:
            text = self.tr("{title} — {organisation}").format(title=_title(line), organisation=_organisation(line))
            parts = [p for p in (_when(line), _hours(line), _status(line)) if p]
            text += "\n" + " · ".join(parts)
            more = notes(line)
            if more:
                text += "\n" + more
        self.detail_label.setText(text)
        self.detail_label.setAccessibleName(text)
        self.detail_label.setVisible(bool(text))

    def report_wrong(self) -> None:
        line = self.selected_line()
        if not self._askable(line) or line is None or line.record is None:
            return
        self._open_dialog(line.record)

    def report_missing(self) -> None:
        self._open_dialog(None)

    def _open_dialog(self, record: RecordView | None) -> None:
        if self.request_dialog is not None:
            self.request_dialog.deleteLater()  # the last one, closed by now (it is window-modal)
        dialog = HoursRequestDialog(self.db, self.actor, record, self.missed, self)
        dialog.filed.connect(self._filed)
        self.request_dialog = dialog
        dialog.open()

    def _filed(self, _request_id: int) -> None:
        style.show_status(
            self.status_label, self.tr("Your request was sent. The coordinators will answer it here."), Tone.SUCCESS
        )
        self.refresh()

    # ------------------------------------------------------------------ certificates

    def refresh_certificates(self) -> None:
        """Load my certificates, my requests and my imported statements (in the background)."""
        db, actor = self.db, self.actor

        def work(_job: object) -> Trust:
            mine = actor.person_id
            entries = [e for e in certificates.list_certificates(db, actor) if e.person_id == mine]
            requests = [r for r in certificates.list_requests(db, actor)
                        if r.person_id == mine and r.certificate is None]
            lines = [CertificateLine(request=r) for r in requests if r.is_open]
            lines += [CertificateLine(entry=e) for e in entries]
            lines += [CertificateLine(request=r) for r in requests if not r.is_open]  # declined, last
            return Trust(lines, statements.imported_statements(db, actor))

        run_in_background(self, work, self._trust_loaded, lambda exc: show_failure(self.status_label, self, exc))

    def _trust_loaded(self, trust: Trust) -> None:
        chosen = {ln.entry.id for ln in selected_rows(self.cert_table) if ln.entry is not None}
        self.trust = trust
        self.cert_model.set_rows(trust.certificates)
        for i, ln in enumerate(trust.certificates):
            if ln.entry is not None and ln.entry.id in chosen:
                self.cert_table.selectRow(i)
        self.imported_model.set_rows(trust.imported)
        self._show_imported_summary()
        self._update_cert_buttons()

    def certified_organisations(self) -> list[tuple[int, str]]:
        """(id, name) of the organisations where I have current verified hours: those that can certify them."""
        found: dict[int, str] = {}
        for record in self.data.records if self.data is not None else []:
            if record.status is ServiceStatus.VERIFIED:
                found.setdefault(record.organisation_id, record.organisation)
        return sorted(found.items(), key=lambda kv: kv[1].casefold())

    def selected_certificate(self) -> RegisterEntry | None:
        rows = selected_rows(self.cert_table)
        return rows[0].entry if rows and rows[0].is_issued else None

    def _update_cert_buttons(self) -> None:
        self.request_cert_button.setEnabled(bool(self.certified_organisations()))
        issued = self.selected_certificate() is not None
        self.save_pdf_button.setEnabled(issued)
        self.print_button.setEnabled(issued)

    def request_certificate(self) -> None:
        if self.certificate_dialog is not None:
            self.certificate_dialog.deleteLater()  # the last one, closed by now (it is window-modal)
        dialog = CertificateRequestDialog(self.db, self.actor, self.certified_organisations(), self)
        dialog.requested.connect(self._certificate_requested)
        self.certificate_dialog = dialog
        dialog.open()

    def _certificate_requested(self, _request_id: int) -> None:
        style.show_status(self.status_label, self.tr(
            "Your certificate request was sent. Once it is issued you can save and print it here."), Tone.SUCCESS)
        self.tabs.setCurrentIndex(1)
        self.refresh_certificates()

    def _document(self, number: str, then: Any) -> None:
        db, actor = self.db, self.actor
        run_in_background(self, lambda _job: certificates.certificate_document(db, actor, number), then,
                          lambda exc: show_failure(self.status_label, self, exc))

    def choose_pdf_path(self) -> None:
        entry = self.selected_certificate()
        if entry is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate"), f"{entry.number}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path, number: str | None = None) -> None:
        """Render the selected (or the numbered) issued certificate again and write it to ``path``."""
        if number is None:
            entry = self.selected_certificate()
            if entry is None:
                return
            number = entry.number
        db, actor, chosen = self.db, self.actor, number

        def work(_job: object) -> Path:
            document = certificates.certificate_document(db, actor, chosen)
            write_file(path, pdf.render(document))
            return path

        run_in_background(self, work, self._pdf_saved, lambda exc: show_failure(self.status_label, self, exc))

    def _pdf_saved(self, path: Path) -> None:
        style.show_status(self.status_label, self.tr("Certificate saved to {path}.").format(path=str(path)),
                          Tone.SUCCESS)

    def print_selected(self) -> None:
        entry = self.selected_certificate()
        if entry is not None:
            self._document(entry.number, self._print_document)

    def _print_document(self, document: CertificateDocument) -> None:
        if not print_certificate(self, document):
            style.show_status(self.status_label, self.tr(
                "Printing is not available here; save the PDF and print it instead."), Tone.WARNING)

    # ------------------------------------------------------------------ imported hours

    def _show_imported_summary(self) -> None:
        imported = self.trust.imported if self.trust is not None else []
        if not imported:
            text = self.tr(
                "No imported hours. Import a statement another organisation signed for you, and its hours "
                "appear here, marked by who signed them.")
        else:
            minutes = imported_minutes(imported)
            text = self.tr("{hours} signed by {count} organisation(s) across your statements "
                           "(days covered by more than one part count once)").format(
                hours=hours_text(sum(minutes.values())), count=len(minutes))
        self.imported_summary.setText(text)
        self.imported_summary.setAccessibleName(text)

    def choose_statement_to_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import an hour statement"), "", self.tr("Hour statements (*.json);;All files (*)"))
        if path:
            self.import_statement(Path(path))

    def import_statement(self, path: Path) -> None:
        """Verify and import the statement in ``path``; a refusal shows as one sentence."""
        db, actor = self.db, self.actor

        def work(_job: object) -> statements.ImportResult:
            return statements.import_statement(db, actor, path.read_bytes())

        run_in_background(self, work, self._imported, lambda exc: show_failure(self.status_label, self, exc))

    def _imported(self, result: statements.ImportResult) -> None:
        if result.imported:
            names = sorted({p.trusted_as for p in result.imported})
            text = self.tr("Imported {count} signed part(s) from {organisations}.").format(
                count=len(result.imported), organisations=", ".join(names))
            if result.already:
                text += " " + self.tr("{count} part(s) were here already.").format(count=len(result.already))
            style.show_status(self.status_label, text, Tone.SUCCESS)
        else:
            style.show_status(self.status_label, self.tr("Everything in this statement was imported already."),
                              Tone.NOTE)
        self.tabs.setCurrentIndex(2)
        self.refresh_certificates()

    def choose_statement_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export my hour statement"), self.tr("hour statement.json"),
            self.tr("Hour statements (*.json)"))
        if path:
            self.export_statement(Path(path))

    def export_statement(self, path: Path) -> None:
        """Write my signed statement (my issued certificates) to ``path``."""
        db, actor = self.db, self.actor

        def work(_job: object) -> int:
            statement = statements.export_statement(db, actor)
            write_file(path, statements.statement_bytes(statement))
            return len(statement["parts"])

        run_in_background(self, work, lambda parts: self._exported(path, parts),
                          lambda exc: show_failure(self.status_label, self, exc))

    def _exported(self, path: Path, parts: int) -> None:
        style.show_status(self.status_label, self.tr("Your statement ({count} signed part(s)) was saved to {path}.")
                          .format(count=parts, path=str(path)), Tone.SUCCESS)
