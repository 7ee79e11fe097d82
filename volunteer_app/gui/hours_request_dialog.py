"""“This is wrong…”: a volunteer says what is wrong with a record of their hours, or that one is missing.

The request goes to the coordinators of the record's (or the task's) organisation
through ``hours_requests.file_request`` in the background; it edits nothing. The
dialog closes when the request is stored (``request_id`` then holds its id) and
shows a refusal (for example "you asked about this record already") in one sentence.

Times are typed on the task's own clock (``gui/clock_edit``, shared with the accept dialog),
whatever the computer's zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import RequestKind
from volunteer_app.gui import style
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.clock_edit import clock_edit, read_on_clock, show_on_clock
from volunteer_app.gui.hours_tables import hours_text, show_failure, status_text, when_text
from volunteer_app.services import hours_requests
from volunteer_app.services.accounts import Actor
from volunteer_app.services.hours_ledger import MissedTask, RecordView
from volunteer_app.services.storage import Database


class HoursRequestDialog(style.Retranslating, QDialog):
    """Ask for a correction of ``record``, or (``record`` None) report a missing record among ``missed``."""

    filed = Signal(int)  # the new request's id

    def __init__(
        self,
        db: Database,
        actor: Actor,
        record: RecordView | None,
        missed: list[MissedTask],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.record, self.missed = db, actor, record, list(missed)
        self.request_id: int | None = None
        self._task: BackgroundTask | None = None

        self.title_label = style.heading_label(self)
        self.about_label = QLabel(self)
        self.about_label.setWordWrap(True)
        self.about_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.kind_label = QLabel(self)
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[RequestKind, QRadioButton] = {}
        for kind in (RequestKind.TIME, RequestKind.TASK, RequestKind.MISSING, RequestKind.OTHER):
            button = QRadioButton(self)
            self.kinds.addButton(button)
            self.kind_buttons[kind] = button
        self.task_label = QLabel(self)
        self.task_combo = QComboBox(self)
        self.task_label.setBuddy(self.task_combo)
        self.message_label = QLabel(self)
        self.message_edit = QPlainTextEdit(self)
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        self.message_label.setBuddy(self.message_edit)
        self.times_box = QCheckBox(self)
        self.start_label, self.end_label = QLabel(self), QLabel(self)
        self.start_edit, self.end_edit = clock_edit(self), clock_edit(self)
        self.start_label.setBuddy(self.start_edit)
        self.end_label.setBuddy(self.end_edit)
        self.zone_note = style.make_note(QLabel(self))
        self.status_label = style.error_label(self)

        self.buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        for button in self.kind_buttons.values():
            kinds.addWidget(button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.kind_label, kinds)
        form.addRow(self.task_label, self.task_combo)
        form.addRow(self.message_label, self.message_edit)
        form.addRow("", self.times_box)
        form.addRow(self.start_label, self.start_edit)
        form.addRow(self.end_label, self.end_edit)
        form.addRow("", self.zone_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.about_label)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        # A record exists: it is not missing. No record: only "missing" makes sense.
        for kind, button in self.kind_buttons.items():
            button.setEnabled((kind is RequestKind.MISSING) == (record is None))
        self.kind_buttons[RequestKind.MISSING if record is None else RequestKind.TIME].setChecked(True)
        self.task_label.setVisible(record is None)
        self.task_combo.setVisible(record is None)
        self._prefill_times()

        self.kinds.buttonToggled.connect(lambda *_: self._update())
        self.task_combo.currentIndexChanged.connect(lambda _i: self._prefill_times())
        self.times_box.toggled.connect(lambda _on: self._update())
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(560)
        self.retranslate()
        self._update()
        self.setTabOrder(self.message_edit, self.times_box)
        self.setTabOrder(self.times_box, self.start_edit)
        self.setTabOrder(self.start_edit, self.end_edit)
        self.message_edit.setFocus()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        title = self.tr("Something is wrong with my hours")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.kind_label.setText(self.tr("What is wrong:"))
        names = {
            RequestKind.TIME: self.tr("The &times or minutes are wrong"),
            RequestKind.TASK: self.tr("It names the wrong &task"),
            RequestKind.MISSING: self.tr("A record is &missing"),
            RequestKind.OTHER: self.tr("Something &else"),
        }
        for kind, button in self.kind_buttons.items():
            button.setText(names[kind])
            button.setAccessibleName(names[kind].replace("&", ""))
        self.task_label.setText(self.tr("T&ask you served:"))
        self.task_combo.setAccessibleName(self.tr("Task you served"))
        self.message_label.setText(self.tr("What &happened:"))
        self.message_edit.setAccessibleName(self.tr("What happened"))
        self.message_edit.setPlaceholderText(
            self.tr("For example: I stayed until the end at 17:30; Ms Li can confirm.")
        )
        self.times_box.setText(self.tr("I know the right times"))
        self.times_box.setAccessibleName(self.tr("I know the right times"))
        self.start_label.setText(self.tr("&Start:"))
        self.end_label.setText(self.tr("&End:"))
        self.start_edit.setAccessibleName(self.tr("Start"))
        self.end_edit.setAccessibleName(self.tr("End"))
        self.send_button.setText(self.tr("Send to the coordinators"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._fill_tasks()
        self._update()

    def _fill_tasks(self) -> None:
        current = self.task_combo.currentIndex()
        self.task_combo.blockSignals(True)
        self.task_combo.clear()
        for m in self.missed:
            self.task_combo.addItem(
                self.tr("{title} — {organisation}, {when}").format(
                    title=m.title, organisation=m.organisation, when=when_text(m.starts_at, m.ends_at, m.timezone)
                ),
                m.occurrence_id,
            )
        self.task_combo.setCurrentIndex(max(0, current) if self.missed else -1)
        self.task_combo.blockSignals(False)

    def _zone(self) -> str:
        if self.record is not None:
            return self.record.timezone
        task = self._missed_task()
        return task.timezone if task is not None else ""

    def _missed_task(self) -> MissedTask | None:
        i = self.task_combo.currentIndex()
        return self.missed[i] if 0 <= i < len(self.missed) else None

    def _prefill_times(self) -> None:
        if self.record is not None:
            start, end = self.record.started_at, self.record.ended_at
        elif (task := self._missed_task()) is not None:
            start, end = task.starts_at, task.ends_at
        else:
            start = datetime.now().astimezone().replace(second=0, microsecond=0)
            end = start + timedelta(hours=2)
        zone = self._zone()
        show_on_clock(self.start_edit, start, zone)
        show_on_clock(self.end_edit, end, zone)
        place, utc = timefmt.zone_label(timefmt.zone_of(zone), start)
        self.zone_note.setText(self.tr("Times on the task's clock: {place} time ({utc}).").format(place=place, utc=utc))

    def _update(self) -> None:
        r = self.record
        if r is not None:
            self.about_label.setText(
                self.tr("{title} — {organisation}\n{when} · {hours} · {status}").format(
                    title=r.title, organisation=r.organisation, when=when_text(r.started_at, r.ended_at, r.timezone),
                    hours=hours_text(r.credited_minutes), status=status_text(r.status),
                )
            )
        elif self.missed:
            self.about_label.setText(
                self.tr("Choose the task you served; the coordinators will check it and add the record.")
            )
        else:
            self.about_label.setText(self.tr("No past task of yours lacks a record, so there is nothing to report."))
        self.about_label.setAccessibleName(self.about_label.text())
        self._prefill_zone_visibility()
        busy = self._task is not None
        self.send_button.setEnabled(not busy and (r is not None or bool(self.missed)))

    def _prefill_zone_visibility(self) -> None:
        on = self.times_box.isChecked()
        for widget in (self.start_label, self.start_edit, self.end_label, self.end_edit, self.zone_note):
            widget.setEnabled(on)

    def kind(self) -> RequestKind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def status(self) -> str:
        return "" if self.status_label.isHidden() else self.status_label.text()

    # ------------------------------------------------------------------ sending

    def send(self) -> None:
        if self._task is not None:
            return
        message = self.message_edit.toPlainText().strip()
        if not message:
            style.show_status(self.status_label, self.tr("Say what is wrong, in a sentence or two."))
            self.message_edit.setFocus()
            return
        start = end = None
        zone = self._zone()
        if self.times_box.isChecked():
            start, end = read_on_clock(self.start_edit, zone), read_on_clock(self.end_edit, zone)
        record_id = self.record.id if self.record is not None else None
        task = self._missed_task()
        occurrence_id = task.occurrence_id if (self.record is None and task is not None) else None
        kind = self.kind()
        db, actor = self.db, self.actor
        style.show_status(self.status_label, "")

        def work(_job: object) -> int:
            return hours_requests.file_request(
                db, actor, record_id, kind, message, proposed_started_at=start, proposed_ended_at=end,
                occurrence_id=occurrence_id,
            )

        self._task = run_in_background(self, work, self._sent, self._failed)
        if self._task.done:
            self._task = None
        self._update()

    def _sent(self, request_id: int) -> None:
        self._task = None
        self.request_id = request_id
        self.filed.emit(request_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        show_failure(self.status_label, self, exc)
        self._update()


__all__ = ["HoursRequestDialog"]
