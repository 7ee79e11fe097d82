"""The coordinator's two questions before deciding: "why?" and "corrected to what?".

``ReasonDialog`` asks for a required reason (rejecting hours, declining a request)
and runs the given action with it in the background; a refusal stays in the
dialog as one sentence. ``AcceptRequestDialog`` shows a volunteer's request and
asks for the corrected start, end and credited minutes, prefilled with what the
volunteer proposed (else the record as it stands), then accepts the request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.gui import style
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.clock_edit import clock_edit, read_on_clock, show_on_clock
from volunteer_app.gui.hours_tables import hours_text, kind_text, show_failure, when_text
from volunteer_app.services import hours_requests
from volunteer_app.services.accounts import Actor
from volunteer_app.services.hours_ledger import RequestView
from volunteer_app.services.storage import Database


class _ActionDialog(style.Retranslating, QDialog):
    """A dialog whose OK runs one service call in the background and closes only when it succeeded."""

    succeeded = Signal(object)  # what the action returned

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.result_value: Any = None
        self._task: BackgroundTask | None = None
        self.status_label = style.error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def status(self) -> str:
        return "" if self.status_label.isHidden() else self.status_label.text()

    def work(self) -> Callable[[], Any] | None:
        """The call to run (built on the UI thread from the fields), or None when the fields are not ready."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._task is not None:
            return
        call = self.work()
        if call is None:
            return
        style.show_status(self.status_label, "")
        self.ok_button.setEnabled(False)
        task = run_in_background(self, lambda _job: call(), self._succeeded, self._failed)
        self._task = None if task.done else task

    def _succeeded(self, value: Any) -> None:
        self._task = None
        self.result_value = value
        self.succeeded.emit(value)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.ok_button.setEnabled(True)
        show_failure(self.status_label, self, exc)


class ReasonDialog(_ActionDialog):
    """Asks why (required), then runs ``action(reason)``."""

    def __init__(
        self,
        title: str,
        prompt: str,
        button: str,
        action: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title, self._prompt, self._button, self._action = title, prompt, button, action
        self.title_label = style.heading_label(self)
        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        self.prompt_label.setBuddy(self.reason_edit)
        self.note = style.make_note(QLabel(self))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self.setMinimumWidth(480)
        self.retranslate()
        self._update()
        self.reason_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self._title)
        self.title_label.setText(self._title)
        self.prompt_label.setText(self._prompt)
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.note.setText(self.tr("The volunteer reads this reason."))
        self.ok_button.setText(self._button)
        self.cancel_button.setText(self.tr("Cancel"))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(self._task is None and bool(self.reason()))

    def work(self) -> Callable[[], Any] | None:
        reason = self.reason()
        if not reason:
            return None
        action = self._action
        return lambda: action(reason)


class AcceptRequestDialog(_ActionDialog):
    """Accept a volunteer's request with the corrected times and credited minutes."""

    def __init__(self, db: Database, actor: Actor, request: RequestView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request = db, actor, request
        self.title_label = style.heading_label(self)
        self.about_label = QLabel(self)
        self.about_label.setWordWrap(True)
        self.about_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_label, self.end_label, self.minutes_label = QLabel(self), QLabel(self), QLabel(self)
        self.start_edit, self.end_edit = clock_edit(self), clock_edit(self)
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(0, 24 * 60)
        self.minutes_spin.setSingleStep(6)
        self.start_label.setBuddy(self.start_edit)
        self.end_label.setBuddy(self.end_edit)
        self.minutes_label.setBuddy(self.minutes_spin)
        self.minutes_hint = style.make_note(QLabel(self))
        self.zone_note = style.make_note(QLabel(self))

        form = QFormLayout()
        form.addRow(self.start_label, self.start_edit)
        form.addRow(self.end_label, self.end_edit)
        form.addRow(self.minutes_label, self.minutes_spin)
        form.addRow("", self.minutes_hint)
        form.addRow("", self.zone_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.about_label)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        zone = request.timezone
        start = request.proposed_started_at or request.started_at
        end = request.proposed_ended_at or request.ended_at
        if start is not None and end is not None:
            show_on_clock(self.start_edit, start, zone)
            show_on_clock(self.end_edit, end, zone)
        changed = (request.proposed_started_at, request.proposed_ended_at) != (None, None) and (start, end) != (
            request.started_at, request.ended_at)
        if request.credited_minutes is not None and not changed:
            self.minutes_spin.setValue(request.credited_minutes)
        else:
            self.minutes_spin.setValue(self._span())
        self.start_edit.dateTimeChanged.connect(lambda _v: self._times_changed())
        self.end_edit.dateTimeChanged.connect(lambda _v: self._times_changed())
        self.minutes_spin.valueChanged.connect(lambda _v: self._update_hint())
        self.setMinimumWidth(540)
        self.retranslate()
        self.minutes_spin.setFocus()

    def _span(self) -> int:
        zone = self.request.timezone
        span = (read_on_clock(self.end_edit, zone) - read_on_clock(self.start_edit, zone)).total_seconds() // 60
        return max(0, int(span))

    def _times_changed(self) -> None:
        self.minutes_spin.setValue(self._span())  # new times: credit the whole stretch unless told otherwise
        self._update_hint()

    def _update_hint(self) -> None:
        self.minutes_hint.setText(
            self.tr("{hours} credited of a {span} stretch.").format(
                hours=hours_text(self.minutes_spin.value()),
                span=timefmt.duration_text(self._span(), tr=QCoreApplication.translate),
            )
        )

    def retranslate(self) -> None:
        r = self.request
        title = self.tr("Accept the request")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        lines = [
            self.tr("{name} — {kind}: {title} ({organisation})").format(
                name=r.person_name, kind=kind_text(r.kind), title=r.title, organisation=r.organisation
            ),
            self.tr("“{message}”").format(message=r.message),
        ]
        if r.record_id is not None and r.started_at is not None:
            lines.append(self.tr("The record now: {when}, {hours}.").format(
                when=when_text(r.started_at, r.ended_at, r.timezone), hours=hours_text(r.credited_minutes or 0)))
        else:
            lines.append(self.tr("There is no record yet: accepting adds one, pending verification."))
        if r.proposed_started_at is not None:
            lines.append(self.tr("They propose: {when}.").format(
                when=when_text(r.proposed_started_at, r.proposed_ended_at, r.timezone)))
        self.about_label.setText("\n".join(lines))
        self.about_label.setAccessibleName(self.about_label.text())
        self.start_label.setText(self.tr("&Start:"))
        self.end_label.setText(self.tr("&End:"))
        self.minutes_label.setText(self.tr("Credited &minutes:"))
        self.start_edit.setAccessibleName(self.tr("Corrected start"))
        self.end_edit.setAccessibleName(self.tr("Corrected end"))
        self.minutes_spin.setAccessibleName(self.tr("Credited minutes"))
        place, utc = timefmt.zone_label(timefmt.zone_of(r.timezone), read_on_clock(self.start_edit, r.timezone))
        self.zone_note.setText(
            self.tr("Times on the task's clock: {place} time ({utc}). The corrected record waits for verification; "
                    "the old one stays as it was.").format(place=place, utc=utc)
        )
        self.ok_button.setText(self.tr("Accept and make the record"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_hint()

    def work(self) -> Callable[[], Any] | None:
        zone = self.request.timezone
        start, end = read_on_clock(self.start_edit, zone), read_on_clock(self.end_edit, zone)
        minutes = self.minutes_spin.value()
        db, actor, request_id = self.db, self.actor, self.request.id
        return lambda: hours_requests.accept_request(
            db, actor, request_id, started_at=start, ended_at=end, minutes=minutes
        )


__all__ = ["AcceptRequestDialog", "ReasonDialog"]
