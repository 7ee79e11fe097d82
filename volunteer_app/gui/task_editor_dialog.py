"""Post or change a task: every field, errors beside the field they concern, saving in the background.

Times are typed on the task's own clock (its time zone, named beside them), the way a
coordinator thinks of "Saturday 09:00 in Hangzhou", whatever the computer's zone. A
task that repeats weekly has dated occurrences; the "Dates" tab lists them and cancels
one of them (its volunteers are told).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QSignalBlocker, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, i18n, style
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.forms import field_row
from volunteer_app.gui.place_field import PlaceField
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import organisations, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.places import Geocoder
from volunteer_app.services.storage import Database

STATUS_CHOICES = (TaskStatus.DRAFT, TaskStatus.OPEN, TaskStatus.CLOSED)
STATUS_WORDS = {
    TaskStatus.DRAFT: QT_TRANSLATE_NOOP("TaskEditorDialog", "Draft: only coordinators see it"),
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("TaskEditorDialog", "Open: volunteers see it and sign up"),
    TaskStatus.CLOSED: QT_TRANSLATE_NOOP("TaskEditorDialog", "Closed: nobody new signs up"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("TaskEditorDialog", "Cancelled"),
}
MAX_SLOTS = 1000
translate = QCoreApplication.translate


def _zones() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


def _wall_clock(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _set_wall_clock(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)))


class SkillRows(Retranslating, QWidget):
    """Required skills: one row per skill (which skill, least level 1-5, remove), plus "Add skill"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: list[tasks.SkillChoice] = []
        self.rows: list[tuple[QComboBox, QSpinBox, QToolButton]] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addSkillButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    def label(self, skill: tasks.SkillChoice) -> str:
        chinese = i18n.current() == i18n.CHINESE
        return skill.label_zh if (chinese and skill.label_zh) else skill.label

    def set_catalogue(self, catalogue: list[tasks.SkillChoice]) -> None:
        self.catalogue = catalogue
        self.add_button.setEnabled(bool(catalogue))

    def add_row(self, key: str | None = None, level: int = 1) -> None:
        combo, spin, remove = QComboBox(self), QSpinBox(self), QToolButton(self)
        for skill in self.catalogue:
            combo.addItem(self.label(skill), skill.key)
        if key is not None:
            index = combo.findData(key)
            if index < 0:
                combo.addItem(key, key)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        spin.setRange(1, 5)
        spin.setValue(level)
        remove.setText("×")
        row = len(self.rows)
        self.rows.append((combo, spin, remove))
        self.grid.addWidget(combo, row, 0)
        self.grid.addWidget(spin, row, 1)
        self.grid.addWidget(remove, row, 2)
        remove.clicked.connect(lambda: self.remove_row(combo))
        combo.currentIndexChanged.connect(self.changed)
        spin.valueChanged.connect(self.changed)
        self._name_row(combo, spin, remove)
        QWidget.setTabOrder(remove, self.add_button)
        self.changed.emit()

    def remove_row(self, combo: QComboBox) -> None:
        for i, (c, s, r) in enumerate(self.rows):
            if c is combo:
                for part in (c, s, r):
                    self.grid.removeWidget(part)
                    part.deleteLater()
                del self.rows[i]
                break
        for i, (c, s, r) in enumerate(self.rows):
            for column, widget in enumerate((c, s, r)):
                self.grid.addWidget(widget, i, column)
        self.add_button.setFocus()
        self.changed.emit()

    def requires(self) -> dict[str, int]:
        return {str(c.currentData()): s.value() for c, s, _ in self.rows if c.currentData()}

    def set_requires(self, requires: dict[str, int]) -> None:
        for combo, _s, _r in list(self.rows):
            self.remove_row(combo)
        for key, level in sorted(requires.items()):
            self.add_row(key, level)

    def _name_row(self, combo: QComboBox, spin: QSpinBox, remove: QToolButton) -> None:
        combo.setAccessibleName(self.tr("Required skill"))
        spin.setAccessibleName(self.tr("Least level (1 to 5)"))
        spin.setPrefix(self.tr("level "))
        remove.setAccessibleName(self.tr("Remove this skill"))
        remove.setToolTip(self.tr("Remove this skill"))

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add s&kill"))
        for combo, spin, remove in self.rows:
            self._name_row(combo, spin, remove)
            for i in range(combo.count()):
                skill = next((s for s in self.catalogue if s.key == combo.itemData(i)), None)
                if skill is not None:
                    combo.setItemText(i, self.label(skill))


class TaskEditorDialog(Retranslating, QDialog):
    """New task (``task_id=None``) or an existing one. ``saved`` carries the task id after a save."""

    saved = Signal(int)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        task_id: int | None = None,
        organisation_id: int | None = None,
        geocoder: Geocoder | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.task_id = db, actor, task_id
        self._wanted_org = organisation_id
        self.details: tasks.TaskDetails | None = None
        self.occurrences: list[tasks.OccurrenceRow] = []
        self.orgs: list[organisations.OrganisationInfo] = []
        self._contact_wanted: int | None = None
        self.setObjectName("taskEditor")
        self.setMinimumSize(900, 600)
        if geocoder is None:
            from volunteer_app.gui.home_dialog import geocoder_for  # the app's one geocoder per database

            geocoder = geocoder_for(db)

        self.heading = style.heading_label(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("taskEditorTabs")

        # ---- what
        self.what_box = QGroupBox(self)
        self.org_combo = QComboBox(self)
        self.org_combo.setObjectName("organisationCombo")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setMaxLength(300)
        self.category_edit = QLineEdit(self)
        self.category_edit.setObjectName("categoryEdit")
        self.category_edit.setMaxLength(100)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.slots_spin = QSpinBox(self)
        self.slots_spin.setObjectName("slotsSpin")
        self.slots_spin.setRange(1, MAX_SLOTS)
        self.priority_combo = QComboBox(self)
        self.priority_combo.setObjectName("priorityCombo")
        for p in range(1, 6):
            self.priority_combo.addItem("", p)
        self.priority_note = style.make_note(QLabel(self))
        self.skills = SkillRows(self)
        self.contact_combo = QComboBox(self)
        self.contact_combo.setObjectName("contactCombo")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        for status in STATUS_CHOICES:
            self.status_combo.addItem("", status)

        # ---- when and where
        self.when_box = QGroupBox(self)
        self.fixed_radio = QRadioButton(self)
        self.fixed_radio.setObjectName("fixedRadio")
        self.flexible_radio = QRadioButton(self)
        self.flexible_radio.setObjectName("flexibleRadio")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.fixed_radio)
        self.kind_group.addButton(self.flexible_radio)
        self.fixed_radio.setChecked(True)
        self.start_edit = QDateTimeEdit(self)
        self.start_edit.setObjectName("startEdit")
        self.end_edit = QDateTimeEdit(self)
        self.end_edit.setObjectName("endEdit")
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd  HH:mm")
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(5, tasks.MAX_TASK_MINUTES)
        self.minutes_spin.setSingleStep(15)
        self.minutes_spin.setValue(60)
        self.zone_combo = QComboBox(self)
        self.zone_combo.setObjectName("zoneCombo")
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(_zones())
        self.zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_note = style.make_note(QLabel(self))
        self.zone_note.setObjectName("zoneNote")
        self.repeat_box = QCheckBox(self)
        self.repeat_box.setObjectName("repeatBox")
        self.repeat_until = QDateEdit(self)
        self.repeat_until.setObjectName("repeatUntilEdit")
        self.repeat_until.setCalendarPopup(True)
        self.repeat_until.setDisplayFormat("yyyy-MM-dd")
        self.place_field = PlaceField(geocoder, self, allow_remote=True, limit=4)
        self.place_field.setObjectName("placeField")

        # Errors beside their fields (the service names the field in InvalidInput.field).
        self.field_errors: dict[str, QLabel] = {}
        for name in ("organisation_id", "title", "category", "slots", "priority", "requires", "contact_person_id",
                     "status", "starts_at", "ends_at", "minutes", "timezone", "repeat_weekly_until", "place"):  # fmt: skip
            label = style.error_label(self)
            label.setObjectName(f"error_{name}")
            self.field_errors[name] = label
        self.status_label = style.error_label(self)
        self.status_label.setObjectName("editorStatus")

        self.labels: dict[str, QLabel] = {}

        def row(form: QFormLayout, key: str, widget: QWidget, error: str | None = None,
                extra: QWidget | None = None) -> None:  # fmt: skip
            self.labels[key] = field_row(form, widget, extra, self.field_errors[error] if error is not None else None)

        what = QFormLayout(self.what_box)
        what.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row(what, "organisation", self.org_combo, "organisation_id")
        row(what, "title", self.title_edit, "title")
        row(what, "category", self.category_edit, "category")
        row(what, "description", self.description_edit)
        row(what, "slots", self.slots_spin, "slots")
        row(what, "priority", self.priority_combo, "priority", self.priority_note)
        row(what, "skills", self.skills, "requires")
        row(what, "contact", self.contact_combo, "contact_person_id")
        row(what, "status", self.status_combo, "status")

        kinds = QWidget(self)
        kinds_layout = QHBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        kinds_layout.addWidget(self.fixed_radio)
        kinds_layout.addWidget(self.flexible_radio)
        kinds_layout.addStretch(1)
        repeat = QWidget(self)
        repeat_layout = QHBoxLayout(repeat)
        repeat_layout.setContentsMargins(0, 0, 0, 0)
        repeat_layout.addWidget(self.repeat_box)
        repeat_layout.addWidget(self.repeat_until, 1)
        when = QFormLayout(self.when_box)
        when.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row(when, "kind", kinds)
        row(when, "zone", self.zone_combo, "timezone", self.zone_note)
        row(when, "start", self.start_edit, "starts_at")
        row(when, "end", self.end_edit, "ends_at")
        row(when, "minutes", self.minutes_spin, "minutes")
        row(when, "repeat", repeat, "repeat_weekly_until")
        row(when, "place", self.place_field, "place")
        self.labels["kind"].setBuddy(self.fixed_radio)
        self.labels["repeat"].setBuddy(self.repeat_box)

        page = QWidget(self)
        columns = QHBoxLayout(page)
        # Top-aligned: spare height goes below the boxes, never between a label and its field.
        columns.addWidget(self.what_box, 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(self.when_box, 1, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, "")

        # ---- dates (occurrences)
        self.dates_page = QWidget(self)
        self.dates_note = style.make_note(QLabel(self.dates_page))
        self.dates_table = QTableWidget(0, 4, self.dates_page)
        self.dates_table.setObjectName("datesTable")
        self.dates_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dates_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dates_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dates_table.setTabKeyNavigation(False)
        self.dates_table.verticalHeader().setVisible(False)
        header = self.dates_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.reason_edit = QLineEdit(self.dates_page)
        self.reason_edit.setObjectName("cancelReasonEdit")
        self.reason_label = QLabel(self.dates_page)
        self.reason_label.setBuddy(self.reason_edit)
        self.cancel_date_button = QPushButton(self.dates_page)
        self.cancel_date_button.setObjectName("cancelDateButton")
        self.cancel_date_button.setAutoDefault(False)
        self.dates_status = style.error_label(self.dates_page)
        dates_layout = QVBoxLayout(self.dates_page)
        dates_layout.addWidget(self.dates_note)
        dates_layout.addWidget(self.dates_table, 1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        reason_row.addWidget(self.cancel_date_button)
        dates_layout.addLayout(reason_row)
        dates_layout.addWidget(self.dates_status)
        self.tabs.addTab(self.dates_page, "")
        self.tabs.setTabEnabled(1, task_id is not None)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveTaskButton")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.fixed_radio.toggled.connect(self._kind_changed)
        self.zone_combo.currentTextChanged.connect(self._update_zone_note)
        self.start_edit.dateTimeChanged.connect(self._update_zone_note)
        self.repeat_box.toggled.connect(self.repeat_until.setEnabled)
        self.priority_combo.currentIndexChanged.connect(self._update_priority_note)
        self.org_combo.currentIndexChanged.connect(self._organisation_changed)
        self.dates_table.itemSelectionChanged.connect(self._update_date_buttons)
        self.cancel_date_button.clicked.connect(self.cancel_selected_date)
        self.title_edit.textEdited.connect(lambda _t: self._clear_error("title"))

        # A new task starts a week from today at 09:00 for two hours: a sensible first guess to change.
        _set_wall_clock(self.start_edit, datetime.now().replace(hour=9, minute=0, second=0, microsecond=0))
        self.start_edit.setDate(self.start_edit.date().addDays(7))
        self.end_edit.setDateTime(self.start_edit.dateTime().addSecs(2 * 3600))
        self.repeat_until.setDate(self.start_edit.date().addDays(28))
        self.repeat_until.setEnabled(False)
        self.priority_combo.setCurrentIndex(2)
        self.status_combo.setCurrentIndex(0)
        self._kind_changed()
        self.setTabOrder(self.org_combo, self.title_edit)
        self.retranslate()
        self._set_busy(True)
        run_in_background(self, self._load, self._loaded, self._load_failed)

    # ------------------------------------------------------------------ loading

    def _load(self, _job: object) -> dict[str, Any]:
        data: dict[str, Any] = {
            "orgs": organisations.list_organisations(self.db, self.actor, managed_only=True),
            "skills": tasks.skill_catalogue(self.db, self.actor),
        }
        if self.task_id is not None:
            data["details"] = tasks.task_details(self.db, self.actor, self.task_id)
            data["occurrences"] = tasks.list_occurrences(self.db, self.actor, self.task_id)
        return data

    def _loaded(self, data: dict[str, Any]) -> None:
        self._set_busy(False)
        self.orgs = data["orgs"]
        self.skills.set_catalogue(data["skills"])
        self.details = data.get("details")
        with QSignalBlocker(self.org_combo):
            self.org_combo.clear()
            for org in self.orgs:
                self.org_combo.addItem(org.name, org.id)
        if self.details is not None:
            self._show_task(self.details)
            self._show_occurrences(data.get("occurrences", []))
        else:
            wanted = self._wanted_org if self._wanted_org is not None else (self.orgs[0].id if self.orgs else None)
            index = max(0, self.org_combo.findData(wanted))
            with QSignalBlocker(self.org_combo):
                self.org_combo.setCurrentIndex(index)
            current = self._current_org()
            if current is not None:
                self.zone_combo.setCurrentText(current.timezone)
        self._organisation_changed()
        self.title_edit.setFocus()

    def _load_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.save_button.setEnabled(False)
        style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

    def _current_org(self) -> organisations.OrganisationInfo | None:
        org_id = self.org_combo.currentData()
        return next((o for o in self.orgs if o.id == org_id), None)

    def _show_task(self, details: tasks.TaskDetails) -> None:
        d = details.data
        if self.org_combo.findData(d.organisation_id) < 0:
            self.org_combo.addItem(details.organisation, d.organisation_id)
        with QSignalBlocker(self.org_combo):
            self.org_combo.setCurrentIndex(self.org_combo.findData(d.organisation_id))
        self.org_combo.setEnabled(False)  # a task never moves to another organisation
        self.title_edit.setText(d.title)
        self.category_edit.setText(d.category or "")
        self.description_edit.setPlainText(d.description)
        self.slots_spin.setValue(d.slots)
        self.priority_combo.setCurrentIndex(self.priority_combo.findData(d.priority))
        self.skills.set_requires(d.requires)
        self._contact_wanted = d.contact_person_id
        if d.status is TaskStatus.CANCELLED:
            self.status_combo.addItem("", TaskStatus.CANCELLED)
            self._name_statuses()
        self.status_combo.setCurrentIndex(self.status_combo.findData(d.status))
        self.flexible_radio.setChecked(d.kind is TaskKind.FLEXIBLE)
        self.fixed_radio.setChecked(d.kind is TaskKind.FIXED)
        if d.minutes:
            self.minutes_spin.setValue(d.minutes)
        self.zone_combo.setCurrentText(d.timezone)
        zone = ZoneInfo(d.timezone)
        _set_wall_clock(self.start_edit, d.starts_at.astimezone(zone))
        _set_wall_clock(self.end_edit, d.ends_at.astimezone(zone))
        self.repeat_box.setChecked(d.repeat_weekly_until is not None)
        if d.repeat_weekly_until is not None:
            until = d.repeat_weekly_until
            self.repeat_until.setDate(QDate(until.year, until.month, until.day))
        if d.is_remote:
            self.place_field.set_remote(True)
        else:
            self.place_field.set_place(d.address, d.latitude, d.longitude)
        if d.status is TaskStatus.CANCELLED:
            self.save_button.setEnabled(False)
            style.show_status(self.status_label, self.tr("This task is cancelled: duplicate it to post it again."),
                              Tone.WARNING)  # fmt: skip
        self.retranslate()

    def _organisation_changed(self) -> None:
        org_id = self.org_combo.currentData()
        if org_id is None:
            return
        wanted = self._contact_wanted

        def done(people: list[tasks.PersonChoice]) -> None:
            with QSignalBlocker(self.contact_combo):
                self.contact_combo.clear()
                self.contact_combo.addItem(self.tr("Nobody named"), None)
                for person in people:
                    self.contact_combo.addItem(f"{person.name} <{person.email}>", person.id)
                self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(wanted)))

        run_in_background(self, lambda _job: tasks.contact_candidates(self.db, self.actor, int(org_id)), done,
                          self._load_failed)  # fmt: skip

    # ------------------------------------------------------------------ dates

    def _show_occurrences(self, rows: list[tasks.OccurrenceRow]) -> None:
        self.occurrences = rows
        zone = self.details.data.timezone if self.details else None
        minutes = self.details.data.minutes if self.details else None
        slots = self.details.data.slots if self.details else 1
        self.dates_table.setRowCount(len(rows))
        for i, occ in enumerate(rows):
            when = timefmt.task_time_text(occ.starts_at, occ.ends_at, zone, minutes=minutes, tr=translate)
            if occ.is_cancelled:
                state = self.tr("Cancelled")
            elif occ.is_over:
                state = self.tr("Over")
            elif occ.taken >= slots:
                state = self.tr("Full")
            else:
                state = self.tr("Coming")
            cells = [when, f"{occ.taken} / {slots}", str(occ.waitlisted), state]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, occ.id)
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.dates_table.setItem(i, column, item)
        self._update_date_buttons()

    def selected_occurrence(self) -> tasks.OccurrenceRow | None:
        rows = self.dates_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.occurrences[rows[0].row()]

    def _update_date_buttons(self) -> None:
        occ = self.selected_occurrence()
        cancellable = occ is not None and not occ.is_cancelled and not occ.is_over
        if self.details is not None and self.details.data.status is TaskStatus.CANCELLED:
            cancellable = False
        self.cancel_date_button.setEnabled(cancellable)

    def cancel_selected_date(self) -> None:
        occ = self.selected_occurrence()
        if occ is None or self.task_id is None or self.details is None:
            return
        task_id, details = self.task_id, self.details
        when = timefmt.task_time_text(occ.starts_at, occ.ends_at, details.data.timezone,
                                      minutes=details.data.minutes, tr=translate)  # fmt: skip
        reason = self.reason_edit.text().strip() or None

        def ask(people: int) -> None:
            text = self.tr("Cancel “{title}” on {when}? Its signups end, and {count} volunteer(s) are told.").format(
                title=details.data.title, when=when, count=people
            )
            answer = QMessageBox.question(self, self.tr("Cancel this date"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
            run_in_background(
                self,
                lambda _job: (tasks.cancel_occurrence(self.db, self.actor, occ.id, reason),
                              tasks.list_occurrences(self.db, self.actor, task_id)),
                done, failed,
            )  # fmt: skip

        def done(result: tuple[tasks.CancelOutcome, list[tasks.OccurrenceRow]]) -> None:
            outcome, rows = result
            self._show_occurrences(rows)
            self.reason_edit.clear()
            style.show_status(self.dates_status, self.tr("Date cancelled; {count} volunteer(s) told.").format(
                count=outcome.people), Tone.SUCCESS)  # fmt: skip
            self.saved.emit(task_id)  # the list behind shows the change

        def failed(exc: BaseException) -> None:
            style.show_status(self.dates_status, errors.describe(exc).text, Tone.ERROR)

        run_in_background(self, lambda _job: tasks.people_to_tell(self.db, self.actor, task_id, occ.id), ask, failed)

    # ------------------------------------------------------------------ saving

    def collect(self) -> tasks.TaskInput:
        """The task as typed (InvalidInput for what cannot even be read, e.g. an unknown zone)."""
        zone_name = organisations.check_timezone(self.zone_combo.currentText())
        zone = ZoneInfo(zone_name)
        flexible = self.flexible_radio.isChecked()
        if self.place_field.is_remote():
            address, lat, lon, remote = None, None, None, True
        else:
            chosen = self.place_field.place()
            typed = self.place_field.text().strip()
            if chosen is None and typed:
                raise InvalidInput("place", QT_TRANSLATE_NOOP(
                    "errors", "Pick the place from the list (press Find), or tick “Remote / no place”."))  # fmt: skip
            address, lat, lon = chosen if chosen else (None, None, None)
            remote = False
        until: date | None = None
        if self.repeat_box.isChecked():
            d = self.repeat_until.date()
            until = date(d.year(), d.month(), d.day())
        org_id = self.org_combo.currentData()
        if org_id is None:
            raise InvalidInput("organisation_id", QT_TRANSLATE_NOOP("errors", "Choose the organisation."))
        return tasks.TaskInput(
            organisation_id=int(org_id),
            title=self.title_edit.text(),
            starts_at=_wall_clock(self.start_edit).replace(tzinfo=zone),
            ends_at=_wall_clock(self.end_edit).replace(tzinfo=zone),
            kind=TaskKind.FLEXIBLE if flexible else TaskKind.FIXED,
            minutes=self.minutes_spin.value() if flexible else None,
            description=self.description_edit.toPlainText(),
            category=self.category_edit.text().strip() or None,
            address=address, latitude=lat, longitude=lon, is_remote=remote,
            requires=self.skills.requires(),
            slots=self.slots_spin.value(),
            priority=int(self.priority_combo.currentData()),
            status=TaskStatus(self.status_combo.currentData()),
            contact_person_id=self.contact_combo.currentData(),
            repeat_weekly_until=until,
            timezone=zone_name,
        )

    def save(self) -> None:
        self.clear_errors()
        try:
            data = self.collect()
        except InvalidInput as exc:
            self.show_field_error(exc)
            return
        task_id = self.task_id

        def work(_job: object) -> int:
            if task_id is None:
                return tasks.create_task(self.db, self.actor, data)
            tasks.update_task(self.db, self.actor, task_id, data)
            return task_id

        self._set_busy(True)
        run_in_background(self, work, self._saved, self._save_failed)

    def _saved(self, task_id: int) -> None:
        self._set_busy(False)
        self.task_id = task_id
        self.saved.emit(task_id)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, InvalidInput):
            self.show_field_error(exc)
        else:
            style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

    def show_field_error(self, exc: InvalidInput) -> None:
        field = {"latitude": "place", "longitude": "place", "is_remote": "place"}.get(exc.field, exc.field)
        text = errors.describe(exc).text
        label = self.field_errors.get(field)
        if label is None:
            style.show_status(self.status_label, text, Tone.ERROR)
            return
        self.tabs.setCurrentIndex(0)
        style.show_status(label, text, Tone.ERROR)
        widget = self._field_widget(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _field_widget(self, field: str) -> QWidget | None:
        return {
            "organisation_id": self.org_combo, "title": self.title_edit, "category": self.category_edit,
            "slots": self.slots_spin, "priority": self.priority_combo, "requires": self.skills.add_button,
            "contact_person_id": self.contact_combo, "status": self.status_combo, "starts_at": self.start_edit,
            "ends_at": self.end_edit, "minutes": self.minutes_spin, "timezone": self.zone_combo,
            "repeat_weekly_until": self.repeat_until, "place": self.place_field,
        }.get(field)  # fmt: skip

    def error_text(self, field: str) -> str:
        label = self.field_errors[field]
        return "" if label.isHidden() else label.text()

    def clear_errors(self) -> None:
        for label in self.field_errors.values():
            style.show_status(label, "")
        style.show_status(self.status_label, "")

    def _clear_error(self, field: str) -> None:
        style.show_status(self.field_errors[field], "")

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy and not (
            self.details is not None and self.details.data.status is TaskStatus.CANCELLED))  # fmt: skip

    # ------------------------------------------------------------------ texts

    def _kind_changed(self, *_args: object) -> None:
        flexible = self.flexible_radio.isChecked()
        self.minutes_spin.setEnabled(flexible)
        self.labels["minutes"].setEnabled(flexible)
        self._name_times()

    def _name_times(self) -> None:
        flexible = self.flexible_radio.isChecked()
        self.labels["start"].setText(self.tr("Window &opens:") if flexible else self.tr("&Starts:"))
        self.labels["end"].setText(self.tr("Window &closes:") if flexible else self.tr("&Ends:"))
        self.start_edit.setAccessibleName(self.tr("Window opens") if flexible else self.tr("Starts"))
        self.end_edit.setAccessibleName(self.tr("Window closes") if flexible else self.tr("Ends"))

    def _update_zone_note(self, *_args: object) -> None:
        name = self.zone_combo.currentText().strip()
        try:
            zone = ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.zone_note.setText(self.tr("Type a time zone such as Asia/Shanghai."))
            return
        moment = _wall_clock(self.start_edit).replace(tzinfo=zone)
        place, utc = timefmt.zone_label(zone, moment)
        self.zone_note.setText(self.tr("The times below are on {place} time ({utc}), wherever you are.").format(
            place=place, utc=utc))  # fmt: skip

    def _update_priority_note(self, *_args: object) -> None:
        self.priority_note.setText(
            self.tr("The engine fills the slots of higher priorities first; suggestions show them higher.")
        )

    def _name_statuses(self) -> None:
        for i in range(self.status_combo.count()):
            text = STATUS_WORDS[TaskStatus(self.status_combo.itemData(i))]
            self.status_combo.setItemText(i, translate("TaskEditorDialog", text))

    def retranslate(self) -> None:
        new = self.task_id is None
        title = self.tr("New task") if new else self.tr("Edit task")
        if self.details is not None:
            title = self.tr("Edit “{title}”").format(title=self.details.data.title)
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.tabs.setTabText(0, self.tr("&Task"))
        self.tabs.setTabText(1, self.tr("&Dates"))
        self.tabs.setAccessibleName(self.tr("Task and its dates"))
        self.what_box.setTitle(self.tr("What"))
        self.when_box.setTitle(self.tr("When and where"))
        texts = {
            "organisation": self.tr("O&rganisation:"), "title": self.tr("T&itle:"), "category": self.tr("Categor&y:"),
            "description": self.tr("Descri&ption:"), "slots": self.tr("Peop&le needed:"),
            "priority": self.tr("Priorit&y:"), "skills": self.tr("S&kills needed:"),
            "contact": self.tr("Co&ntact person:"), "status": self.tr("Stat&us:"), "kind": self.tr("&Kind:"),
            "zone": self.tr("Time &zone:"), "minutes": self.tr("Each &volunteer serves:"),
            "repeat": self.tr("&Repeat:"), "place": self.tr("&Place:"),
        }  # fmt: skip
        for key, text in texts.items():
            self.labels[key].setText(text)
        self._name_times()
        for widget, name in (
            (self.org_combo, self.tr("Organisation")), (self.title_edit, self.tr("Title")),
            (self.category_edit, self.tr("Category")), (self.description_edit, self.tr("Description")),
            (self.slots_spin, self.tr("People needed")), (self.priority_combo, self.tr("Priority")),
            (self.contact_combo, self.tr("Contact person")), (self.status_combo, self.tr("Status")),
            (self.zone_combo, self.tr("Time zone")), (self.minutes_spin, self.tr("Minutes each volunteer serves")),
            (self.repeat_until, self.tr("Repeat weekly until")), (self.dates_table, self.tr("Dates of this task")),
            (self.reason_edit, self.tr("Reason told to the volunteers")),
        ):  # fmt: skip
            widget.setAccessibleName(name)
        self.category_edit.setPlaceholderText(self.tr("e.g. food, elderly care, environment"))
        self.fixed_radio.setText(self.tr("&Fixed shift"))
        self.flexible_radio.setText(self.tr("Fle&xible window"))
        self.fixed_radio.setToolTip(self.tr("Everyone comes at the same start and end time."))
        self.flexible_radio.setToolTip(self.tr("Each volunteer picks when, inside the window, for the minutes given."))
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.repeat_box.setText(self.tr("Every &week until"))
        for i in range(self.priority_combo.count()):
            self.priority_combo.setItemText(i, tasks.priority_text(int(self.priority_combo.itemData(i)), translate))
        self._update_priority_note()
        self._update_zone_note()
        self._name_statuses()
        if self.contact_combo.count():
            self.contact_combo.setItemText(0, self.tr("Nobody named"))
        self.dates_table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Taken"), self.tr("Waiting"), self.tr("State")]
        )
        self.dates_note.setText(self.tr(
            "Every date of this task. Cancelling one date ends its signups and tells each volunteer in the app; "
            "the other dates stay."))  # fmt: skip
        self.reason_label.setText(self.tr("Rea&son (optional):"))
        self.cancel_date_button.setText(self.tr("Cancel this &date…"))
        if self.occurrences:
            self._show_occurrences(self.occurrences)


def open_task_editor(
    parent: QWidget | None, db: Database, actor: Actor, *, task_id: int | None = None,
    organisation_id: int | None = None, on_saved: Callable[[int], None] | None = None,
) -> TaskEditorDialog:
    """Open the editor window-modal without blocking; ``on_saved(task_id)`` after each save."""
    dialog = TaskEditorDialog(db, actor, parent, task_id=task_id, organisation_id=organisation_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog


__all__ = ["TaskEditorDialog", "open_task_editor"]
