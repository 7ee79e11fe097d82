"""My hours: every record of the volunteer's hours, its status, the totals and a chart by month.

A record reads as its status in words and colour (pending, verified, rejected with
the coordinator's reason). A correction chain shows its newest record; the records
it replaced appear on request ("Show replaced records"). "This is wrong…" asks the
coordinators for a correction (``hours_request_dialog``); it never edits a record,
and the row then says "Correction requested". Everything loads in the background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain.enums import RequestStatus, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
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
from volunteer_app.services import hours_ledger
from volunteer_app.services.accounts import Actor
from volunteer_app.services.hours_ledger import MissedTask, MyHours, RecordView, RequestView
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


@register_area("my_hours", TITLE, Side.VOLUNTEER, order=30)
class MyHoursPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.data: MyHours | None = None
        self.missed: list[MissedTask] = []
        self.request_dialog: HoursRequestDialog | None = None
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
        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 8, 0, 0)
        bottom_layout.addLayout(chart_box, 3)
        bottom_layout.addSpacing(16)
        bottom_layout.addLayout(totals_box, 2)

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
        self.setTabOrder(self.table, self.chart)
        self.wrong_button.clicked.connect(self.report_wrong)
        self.missing_button.clicked.connect(self.report_missing)
        self.history_box.toggled.connect(lambda _on: self._fill())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.report_wrong())
        self.retranslate()
        self._update_buttons()

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
        self.model.retranslate()
        self._show_summary()
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

    def _loaded(self, result: tuple[MyHours, list[MissedTask]]) -> None:
        self._loading = False
        self.data, self.missed = result
        self._fill()
        self.chart.set_months(self.data.by_month)
        self.chart_summary.setText(self.chart.summary())
        self._fill_totals()
        self._show_summary()

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
