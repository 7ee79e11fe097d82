"""The Free hours area: the weekly grid, dated exceptions beside it, and the next 14 days as matching sees them.

Everything is read and saved in the background (``services.availability``).
The 14-day list is the service's ``preview``, computed by the same function
that feeds the matching engine, so what the volunteer sees here is what
suggestions and auto-assign use: the weekly pattern, minus "away", plus
"extra", minus the time already given to signups (named in the list).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.enums import AvailabilityKind
from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.free_hours_grid import FreeHoursGrid
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
from volunteer_app.services import availability
from volunteer_app.services.accounts import Actor
from volunteer_app.services.availability import DatedException, Preview
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Free hours")
PREVIEW_DAYS = 14


def tr_time(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@dataclass
class Loaded:
    pattern: list[WeeklySlot]
    exceptions: list[DatedException]
    preview: Preview


@register_area("free_hours", TITLE, Side.VOLUNTEER, order=40)
class FreeHoursPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.loaded = False
        self._saved_pattern: list[WeeklySlot] = []
        self._exceptions: list[DatedException] = []
        self._preview: Preview | None = None
        self._busy = False

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self.grid = FreeHoursGrid(self)
        self.grid.setObjectName("freeHoursGrid")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveFreeHoursButton")
        self.revert_button = QPushButton(self)
        self.revert_button.setObjectName("revertFreeHoursButton")
        self.status = QLabel(self)
        self.status.setObjectName("freeHoursStatus")
        self.status.setWordWrap(True)
        self.status.hide()

        self.exceptions_heading = subheading_label(self)
        self.exceptions_list = QListWidget(self)
        self.exceptions_list.setObjectName("exceptionsList")
        self.exceptions_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.exceptions_list.setWordWrap(True)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeExceptionButton")
        self.remove_button.setEnabled(False)

        tomorrow = QDate.currentDate().addDays(1)
        self.away_label = QLabel(self)
        self.away_from = QDateTimeEdit(QDateTime(tomorrow, QTime(0, 0)), self)
        self.away_to_label = QLabel(self)
        self.away_to = QDateTimeEdit(QDateTime(tomorrow.addDays(1), QTime(0, 0)), self)
        self.away_button = QPushButton(self)
        self.away_button.setObjectName("addAwayButton")
        self.extra_label = QLabel(self)
        self.extra_day = QDateEdit(tomorrow, self)
        self.extra_from_label = QLabel(self)
        self.extra_from = QTimeEdit(QTime(9, 0), self)
        self.extra_to_label = QLabel(self)
        self.extra_to = QTimeEdit(QTime(12, 0), self)
        self.extra_button = QPushButton(self)
        self.extra_button.setObjectName("addExtraButton")
        for edit in (self.away_from, self.away_to, self.extra_day):
            edit.setCalendarPopup(True)
        self.exception_error = error_label(self)
        self.exception_error.setObjectName("exceptionError")

        self.preview_heading = subheading_label(self)
        self.preview_note = make_note(QLabel(self))
        self.preview_tree = QTreeWidget(self)
        self.preview_tree.setObjectName("previewTree")
        self.preview_tree.setColumnCount(3)
        self.preview_tree.setRootIsDecorated(False)
        self.preview_tree.setUniformRowHeights(True)
        self.preview_tree.setAlternatingRowColors(True)
        self.preview_tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview_tree.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header = self.preview_tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)

        # Layout: the grid on the left; dates and the engine's view on the right.
        left = QVBoxLayout()
        left.addWidget(self.grid, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.status)

        # Each kind of change on two rows (what, then its times), so the page fits a 1024-wide window.
        adders = QGridLayout()
        adders.setHorizontalSpacing(6)
        adders.addWidget(self.away_label, 0, 0, 1, 4)
        adders.addWidget(self.away_from, 1, 0)
        adders.addWidget(self.away_to_label, 1, 1)
        adders.addWidget(self.away_to, 1, 2)
        adders.addWidget(self.away_button, 1, 3)
        extra_times = QHBoxLayout()
        extra_times.setSpacing(6)
        extra_times.addWidget(self.extra_day)
        extra_times.addWidget(self.extra_from_label)
        extra_times.addWidget(self.extra_from)
        extra_times.addWidget(self.extra_to_label)
        extra_times.addWidget(self.extra_to)
        extra_times.addStretch(1)
        adders.addWidget(self.extra_label, 2, 0, 1, 4)
        adders.addLayout(extra_times, 3, 0, 1, 3)
        adders.addWidget(self.extra_button, 3, 3)
        adders.setColumnStretch(0, 1)
        adders.setColumnStretch(2, 1)

        right = QVBoxLayout()
        right.addWidget(self.exceptions_heading)
        list_row = QHBoxLayout()
        list_row.addWidget(self.exceptions_list, 1)
        list_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(list_row, 1)
        right.addLayout(adders)
        right.addWidget(self.exception_error)
        right.addSpacing(8)
        right.addWidget(self.preview_heading)
        right.addWidget(self.preview_note)
        right.addWidget(self.preview_tree, 3)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 5)
        body.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)

        for label, buddy in (
            (self.away_label, self.away_from),
            (self.away_to_label, self.away_to),
            (self.extra_label, self.extra_day),
            (self.extra_from_label, self.extra_from),
            (self.extra_to_label, self.extra_to),
        ):
            label.setBuddy(buddy)
        order = [
            self.grid,
            self.save_button,
            self.revert_button,
            self.exceptions_list,
            self.remove_button,
            self.away_from,
            self.away_to,
            self.away_button,
            self.extra_day,
            self.extra_from,
            self.extra_to,
            self.extra_button,
            self.preview_tree,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.grid)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.grid.pattern_changed.connect(self._pattern_changed)
        self.exceptions_list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        self.remove_button.clicked.connect(self.remove_selected_exception)
        self.away_button.clicked.connect(self.add_away)
        self.extra_button.clicked.connect(self.add_extra)
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        title = QCoreApplication.translate("Areas", TITLE)
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        zone = self._preview.timezone if self._preview is not None else ""
        intro = self.tr(
            "Paint the hours you are usually free: drag over empty cells to add them, over free cells to remove "
            "them. With the keyboard: arrows move, Space switches, Shift+arrows select several."
        )
        if zone:
            intro += " " + self.tr("Times are on your own clock ({zone}).").format(zone=zone)
        self.intro.setText(intro)
        self.save_button.setText(self.tr("&Save free hours"))
        self.save_button.setAccessibleName(self.tr("Save free hours"))
        self.save_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.revert_button.setText(self.tr("Undo changes"))
        self.revert_button.setAccessibleName(self.tr("Undo changes to the free hours"))
        self.exceptions_heading.setText(self.tr("Changes on particular dates"))
        self.exceptions_list.setAccessibleName(self.tr("Changes on particular dates"))
        self.remove_button.setText(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected change"))
        self.away_label.setText(self.tr("&Away from"))
        self.away_to_label.setText(self.tr("to"))
        self.away_from.setAccessibleName(self.tr("Away from"))
        self.away_to.setAccessibleName(self.tr("Away until"))
        self.away_button.setText(self.tr("Add a&way"))
        self.away_button.setAccessibleName(self.tr("Add the time away"))
        self.extra_label.setText(self.tr("E&xtra free time on"))
        self.extra_from_label.setText(self.tr("from"))
        self.extra_to_label.setText(self.tr("to"))
        self.extra_day.setAccessibleName(self.tr("Extra free time on"))
        self.extra_from.setAccessibleName(self.tr("Extra free time from"))
        self.extra_to.setAccessibleName(self.tr("Extra free time until"))
        self.extra_button.setText(self.tr("Add e&xtra"))
        self.extra_button.setAccessibleName(self.tr("Add the extra free time"))
        locale = QLocale()
        date_format = locale.dateFormat(QLocale.FormatType.ShortFormat)
        time_format = "HH:mm"
        for edit in (self.away_from, self.away_to):
            edit.setDisplayFormat(f"{date_format} {time_format}")
        self.extra_day.setDisplayFormat(date_format)
        for edit in (self.extra_from, self.extra_to):
            edit.setDisplayFormat(time_format)
        self.preview_heading.setText(self.tr("The next {days} days, as matching sees them").format(days=PREVIEW_DAYS))
        self.preview_note.setText(
            self.tr(
                "Your saved free hours, minus time away, plus extra time, minus tasks you are already signed up for."
            )
        )
        self.preview_tree.setHeaderLabels([self.tr("Day"), self.tr("Free for tasks"), self.tr("Already signed up")])
        self.preview_tree.setAccessibleName(self.tr("The next {days} days").format(days=PREVIEW_DAYS))
        self._show_exceptions()
        self._show_preview()
        self._update_buttons()

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        db, actor = self.db, self.actor
        run_in_background(self, lambda _job: _load(db, actor), self._loaded, self._failed)

    def _loaded(self, loaded: Loaded) -> None:
        self._busy = False
        self.loaded = True
        self._saved_pattern = loaded.pattern
        self.grid.set_pattern(loaded.pattern)
        self._exceptions, self._preview = loaded.exceptions, loaded.preview
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(exc, ServiceError):
            show_status(self.status, errors.translate_service_error(exc), Tone.ERROR)
        else:
            show_status(self.status, "")
            errors.show_error(self, exc)

    def _refresh_dates(self) -> None:
        db, actor = self.db, self.actor
        run_in_background(
            self,
            lambda _job: (availability.list_exceptions(db, actor), availability.preview(db, actor, PREVIEW_DAYS)),
            self._dates_loaded,
            self._failed,
        )

    def _dates_loaded(self, loaded: tuple[list[DatedException], Preview]) -> None:
        self._exceptions, self._preview = loaded
        self._show_exceptions()
        self._show_preview()

    # ------------------------------------------------------------------ the weekly pattern

    def is_dirty(self) -> bool:
        return self.loaded and self.grid.pattern() != self._saved_pattern

    def _pattern_changed(self) -> None:
        self._update_buttons()
        if self.is_dirty():
            show_status(self.status, self.tr("Unsaved changes: press Save (Ctrl+S) to keep them."), Tone.NOTE)
        elif self.status.text() and not self.status.isHidden() and self._busy is False:
            show_status(self.status, "")

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.loaded and not self._busy)
        self.revert_button.setEnabled(self.is_dirty() and not self._busy)

    def revert(self) -> None:
        self.grid.set_pattern(self._saved_pattern)
        show_status(self.status, "")

    def save(self) -> None:
        if self._busy or not self.loaded:
            return
        self._busy = True
        self._update_buttons()
        show_status(self.status, self.tr("Saving…"), Tone.NOTE)
        db, actor, slots = self.db, self.actor, self.grid.pattern()

        def work(_job: object) -> tuple[list[WeeklySlot], Preview]:
            saved = availability.set_weekly_pattern(db, actor, slots)
            return saved, availability.preview(db, actor, PREVIEW_DAYS)

        run_in_background(self, work, self._saved, self._failed)

    def _saved(self, result: tuple[list[WeeklySlot], Preview]) -> None:
        self._busy = False
        self._saved_pattern, self._preview = result
        self.grid.set_pattern(self._saved_pattern)
        self._update_buttons()
        hours = timefmt.duration_text(self.grid.free_minutes(), tr_time)
        show_status(self.status, self.tr("Free hours saved: {hours} a week.").format(hours=hours), Tone.SUCCESS)
        self._show_preview()

    # ------------------------------------------------------------------ dated exceptions

    def exception_text(self, exc: DatedException) -> str:
        zone = self._preview.timezone if self._preview is not None else None
        when = timefmt.task_time_text(exc.starts_at, exc.ends_at, zone, tr=tr_time)
        if exc.kind is AvailabilityKind.AWAY:
            return self.tr("Away: {when}").format(when=when)
        return self.tr("Extra free time: {when}").format(when=when)

    def _show_exceptions(self) -> None:
        self.exceptions_list.clear()
        for exc in self._exceptions:
            item = QListWidgetItem(self.exception_text(exc), self.exceptions_list)
            item.setData(Qt.ItemDataRole.UserRole, exc.id)
        if not self._exceptions:
            item = QListWidgetItem(self.tr("None. Add time away or extra free time below."), self.exceptions_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.remove_button.setEnabled(False)

    def add_away(self) -> None:
        start = _naive(self.away_from.dateTime())
        end = _naive(self.away_to.dateTime())
        db, actor = self.db, self.actor
        self._change_dates(lambda _job: availability.add_away(db, actor, start, end))

    def add_extra(self) -> None:
        day = self.extra_day.date().toPython()
        start = _minutes(self.extra_from.time())
        end = _minutes(self.extra_to.time()) or 24 * 60  # 00:00 as the end is midnight at the end of the day
        db, actor = self.db, self.actor
        self._change_dates(lambda _job: availability.add_extra(db, actor, day, start, end))

    def remove_selected_exception(self) -> None:
        item = self.exceptions_list.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        exception_id = int(item.data(Qt.ItemDataRole.UserRole))
        db, actor = self.db, self.actor
        self._change_dates(lambda _job: availability.remove_exception(db, actor, exception_id))

    def _change_dates(self, work) -> None:  # noqa: ANN001 - a worker function
        show_status(self.exception_error, "")

        def changed(_result: object) -> None:
            self._refresh_dates()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                show_status(self.exception_error, errors.translate_service_error(exc), Tone.ERROR)
            else:
                errors.show_error(self, exc)

        run_in_background(self, work, changed, failed)

    # ------------------------------------------------------------------ the engine's view

    def _show_preview(self) -> None:
        self.preview_tree.clear()
        if self._preview is None:
            return
        for day in self._preview.days:
            moment = datetime.combine(day.day, time(12))
            free = ", ".join(_span(s, e) for s, e in day.free) or self.tr("not free")
            taken = "; ".join(
                self.tr("{span} {title}").format(span=_span(t.start, t.end), title=t.title)
                + ("" if t.status == "confirmed" else " " + self.tr("(proposed)"))
                for t in day.taken
            )
            item = QTreeWidgetItem(
                self.preview_tree, [timefmt.date_text(moment, tr_time, with_year=False), free, taken]
            )
            if day.taken:
                item.setToolTip(
                    2,
                    "\n".join(
                        f"{t.title}: {timefmt.task_time_text(t.start, t.end, t.task_timezone, tr=tr_time)}"
                        for t in day.taken
                    ),
                )
            item.setToolTip(1, free)


def _load(db: Database, actor: Actor) -> Loaded:
    # In the worker: no widgets here.
    return Loaded(
        availability.get_weekly_pattern(db, actor),
        availability.list_exceptions(db, actor),
        availability.preview(db, actor, PREVIEW_DAYS),
    )


def _naive(value: QDateTime) -> datetime:
    """What the editor shows, as a wall-clock time (the service reads it on the volunteer's clock)."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _minutes(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


def _span(start: datetime, end: datetime) -> str:
    ends_at_midnight = end - start > timedelta(0) and end.hour == 0 and end.minute == 0
    return f"{timefmt.clock_text(start)}–{'24:00' if ends_at_midnight else timefmt.clock_text(end)}"


__all__ = ["FreeHoursPage"]
