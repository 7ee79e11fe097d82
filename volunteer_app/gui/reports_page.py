"""The coordinator's Reports area: verified hours by volunteer, task, category and month,
fill rate, no-show rate and how long verification takes, for one organisation and period."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.hours_chart import HoursChart
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import (
    PAGE_MARGINS,
    Tone,
    error_label,
    heading_label,
    make_note,
    show_status,
    subheading_label,
)
from volunteer_app.gui.transparency_dialog import hours_text, open_transparency_dialog, percent
from volunteer_app.services import organisations, reports
from volunteer_app.services.accounts import Actor
from volunteer_app.services.reports import Figure, OrganisationReport
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Reports")


class FigureCard(QFrame):
    """One headline figure: a big value over a caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = subheading_label(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.value.setFont(font)
        self.caption = make_note(QLabel(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {value}")


def chart_months(figures: list[Figure], most: int = 24) -> list[tuple[date, int]]:
    """Every month from the first with hours to the last ("2026-03" labels), the newest ``most`` of them."""
    if not figures:
        return []
    minutes = {f.label: f.minutes for f in figures}
    year, month = (int(x) for x in figures[0].label.split("-"))
    last = tuple(int(x) for x in figures[-1].label.split("-"))
    months: list[tuple[date, int]] = []
    while (year, month) <= last:
        months.append((date(year, month, 1), minutes.get(f"{year:04d}-{month:02d}", 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months[-most:]


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 2, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return table


@register_area("reports", TITLE, Side.COORDINATOR, order=160)
class ReportsPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.report: OrganisationReport | None = None
        self._loaded_once = False

        self.heading = heading_label(self)
        self.org_combo = QComboBox(self)
        self.org_label = QLabel(self)
        self.org_label.setBuddy(self.org_combo)
        self.all_time = QCheckBox(self)
        self.all_time.setChecked(True)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(QDate(today.year(), 1, 1), self)
        self.to_edit = QDateEdit(today, self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.show_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.transparency_button = QPushButton(self)
        self.status = error_label(self)
        self.note = make_note(QLabel(self))

        self.cards = [FigureCard(self) for _ in range(4)]
        self.tabs = QTabWidget(self)
        self.month_chart = HoursChart(self)
        self.month_table = _table(self)
        self.volunteer_table = _table(self)
        self.task_table = _table(self)
        self.category_table = _table(self)
        by_month = QWidget(self)
        month_layout = QHBoxLayout(by_month)
        month_layout.addWidget(self.month_chart, 3)
        month_layout.addWidget(self.month_table, 2)
        self.tabs.addTab(by_month, "")
        for table in (self.volunteer_table, self.task_table, self.category_table):
            self.tabs.addTab(table, "")

        bar = QHBoxLayout()
        bar.addWidget(self.org_label)
        bar.addWidget(self.org_combo, 2)
        bar.addSpacing(12)
        bar.addWidget(self.all_time)
        bar.addWidget(self.from_label)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_label)
        bar.addWidget(self.to_edit)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.note, 1)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.transparency_button)
        cards = QGridLayout()
        for i, card in enumerate(self.cards):
            cards.addWidget(card, 0, i)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)

        self._fill_organisations()  # before connecting: filling the combo must not start a query
        self.all_time.toggled.connect(self._period_mode)
        self.show_button.clicked.connect(self.refresh)
        self.org_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.csv_button.clicked.connect(self._choose_csv)
        self.transparency_button.clicked.connect(self.open_transparency)
        self.setTabOrder(self.org_combo, self.all_time)
        self.setTabOrder(self.all_time, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.show_button)
        self.setTabOrder(self.show_button, self.tabs)
        self.setTabOrder(self.tabs, self.csv_button)
        self.setTabOrder(self.csv_button, self.transparency_button)
        self.retranslate()

    # -- texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Reports"))
        self.heading.setAccessibleName(self.heading.text())
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_combo.setAccessibleName(self.tr("Organisation"))
        self.all_time.setText(self.tr("&All time"))
        self.all_time.setAccessibleName(self.tr("All time"))
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        self.show_button.setText(self.tr("&Show"))
        self.show_button.setAccessibleName(self.tr("Show the report"))
        self.csv_button.setText(self.tr("&Export CSV…"))
        self.csv_button.setAccessibleName(self.tr("Export the report as CSV"))
        self.transparency_button.setText(self.tr("Transparency &summary…"))
        self.transparency_button.setAccessibleName(self.tr("Transparency summary"))
        self.note.setText(
            self.tr(
                "Only verified hours count, each correction replacing the record it corrects. Fill rate and "
                "no-shows cover tasks that have already happened."
            )
        )
        for i, title in enumerate((self.tr("By month"), self.tr("By volunteer"), self.tr("By task"),
                                   self.tr("By category"))):
            self.tabs.setTabText(i, title)
        first = (self.tr("Month"), self.tr("Volunteer"), self.tr("Task"), self.tr("Category"))
        for table, name in zip(
            (self.month_table, self.volunteer_table, self.task_table, self.category_table), first, strict=True
        ):
            table.setHorizontalHeaderLabels([name, self.tr("Verified hours")])
            table.setAccessibleName(self.tr("Verified hours by {what}").format(what=name.lower()))
        self._show_report()

    # -- loading

    def _fill_organisations(self) -> None:
        mine = set(self.actor.organisations_with(*reports.MANAGING_ROLES))
        for org in organisations.list_organisations(self.db, self.actor):
            if org.id in mine:
                self.org_combo.addItem(org.name, org.id)

    def _period_mode(self, all_time: bool) -> None:
        self.from_edit.setEnabled(not all_time)
        self.to_edit.setEnabled(not all_time)

    def activate(self) -> None:
        if not self._loaded_once:
            self.refresh()

    def period(self) -> tuple[date | None, date | None]:
        if self.all_time.isChecked():
            return None, None
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def refresh(self) -> None:
        org_id = self.org_combo.currentData()
        if org_id is None:
            show_status(
                self.status,
                self.tr("You coordinate no organisation yet, so there is nothing to report."),
                Tone.NOTE,
            )
            return
        self._loaded_once = True
        first, last = self.period()

        def work(_job: object) -> OrganisationReport:
            zone = reports.organisation_timezone(self.db, self.actor, int(org_id))
            start, end = reports.local_day_bounds(
                first.isoformat() if first else None, last.isoformat() if last else None, zone
            )
            return reports.organisation_report(self.db, self.actor, int(org_id), start=start, end=end,
                                               now=datetime.now(UTC))

        run_in_background(self, work, self._loaded, self._failed)

    def _loaded(self, report: OrganisationReport) -> None:
        self.report = report
        show_status(self.status, "")
        self._show_report()

    def _failed(self, exc: BaseException) -> None:
        show_status(self.status, errors.describe(exc).text)

    # -- showing

    def _show_report(self) -> None:
        r = self.report
        self.csv_button.setEnabled(r is not None)
        if r is None:
            for card in self.cards:
                card.set("–", "")
            return
        days = (
            "–" if r.median_days_to_verify is None else QLocale().toString(r.median_days_to_verify, "f", 1)
        )
        self.cards[0].set(hours_text(r.verified_minutes), self.tr("verified hours"))
        self.cards[1].set(
            percent(r.fill_rate),
            self.tr("places filled ({filled} of {offered})").format(
                filled=QLocale().toString(r.places_filled), offered=QLocale().toString(r.places_offered)
            ),
        )
        self.cards[2].set(percent(r.no_show_rate), self.tr("no-shows"))
        self.cards[3].set(days, self.tr("median days to verify"))
        self._fill(self.month_table, r.by_month)
        self.month_chart.set_months(chart_months(r.by_month))
        self._fill(self.volunteer_table, r.by_volunteer)
        self._fill(self.task_table, r.by_task)
        self._fill(self.category_table, r.by_category)

    def _fill(self, table: QTableWidget, figures: list[Figure]) -> None:
        table.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            label = QTableWidgetItem(figure.label or self.tr("(none)"))
            value = QTableWidgetItem(hours_text(figure.minutes))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 0, label)
            table.setItem(row, 1, value)

    # -- actions

    def _choose_csv(self) -> None:
        if self.report is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), f"{self.report.organisation} - report.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        assert self.report is not None
        try:
            path.write_text(reports.report_csv(self.report), encoding="utf-8")
        except OSError as exc:
            show_status(self.status, errors.describe(exc).text)
            return
        show_status(self.status, self.tr("Saved to {path}.").format(path=str(path)), Tone.SUCCESS)

    def open_transparency(self) -> QWidget:
        return open_transparency_dialog(self, self.db, self.actor, self.org_combo.currentData())
