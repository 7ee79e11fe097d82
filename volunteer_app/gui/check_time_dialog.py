"""When did it happen: the time of a check-in, a check-out or a walk-in, defaulting to now.

The time is typed on the task's own clock (the zone is named when the computer's
differs). The dialog runs the given action in the background when the person presses
OK; a refusal (a check-out before the check-in, a time in the future) shows as one
sentence in the dialog, so the time can be fixed without starting again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.clock_edit import clock_edit, read_on_clock, show_on_clock
from volunteer_app.gui.style import Retranslating, Tone, error_label, make_note, show_status, subheading_label
from volunteer_app.services.errors import ServiceError


class Moment(Enum):
    CHECK_IN = "in"
    CHECK_OUT = "out"
    WALK_IN = "walk_in"


class CheckTimeDialog(Retranslating, QDialog):
    """Ask when (and, for a walk-in, who); OK runs ``action(at, email)`` in the background.

    ``result_value`` holds what the action returned once it succeeded (the dialog then accepts).
    """

    def __init__(
        self,
        kind: Moment,
        *,
        title: str,
        zone: str,
        now: Callable[[], datetime],
        action: Callable[[datetime, str], Any],
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.task_title, self.zone, self.person = kind, title, zone, name
        self._now, self._action = now, action
        self.result_value: Any = None
        self.setObjectName("checkTimeDialog")
        self.heading = subheading_label(self)
        self.heading.setWordWrap(True)
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("walkInEmail")
        self.email_label = QLabel(self)
        self.email_label.setBuddy(self.email_edit)
        self.time_edit = clock_edit(self)
        self.time_edit.setObjectName("checkTime")
        self.time_label = QLabel(self)
        self.time_label.setBuddy(self.time_edit)
        self.now_button = QPushButton(self)
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.set_now)
        self.zone_note = make_note(QLabel(self))
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        time_row = QHBoxLayout()
        time_row.addWidget(self.time_edit, 1)
        time_row.addWidget(self.now_button)
        form = QFormLayout()
        if kind is Moment.WALK_IN:
            form.addRow(self.email_label, self.email_edit)
        else:
            self.email_edit.hide()
            self.email_label.hide()
        form.addRow(self.time_label, time_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.zone_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.set_now()
        self.retranslate()
        (self.email_edit if kind is Moment.WALK_IN else self.time_edit).setFocus()

    def set_now(self) -> None:
        show_on_clock(self.time_edit, self._now(), self.zone)

    @property
    def moment(self) -> datetime:
        return read_on_clock(self.time_edit, self.zone)

    def retranslate(self) -> None:
        tr = QCoreApplication.translate
        if self.kind is Moment.CHECK_IN:
            self.setWindowTitle(self.tr("Check in"))
            heading = self.tr("Check {name} in to {title}").format(name=self.person, title=self.task_title)
            self.time_label.setText(self.tr("&Arrived at:"))
        elif self.kind is Moment.CHECK_OUT:
            self.setWindowTitle(self.tr("Check out"))
            heading = self.tr("Check {name} out of {title}").format(name=self.person, title=self.task_title)
            self.time_label.setText(self.tr("&Left at:"))
        else:
            self.setWindowTitle(self.tr("Add a walk-in"))
            heading = self.tr("Someone who did not sign up came to {title}").format(title=self.task_title)
            self.time_label.setText(self.tr("&Arrived at:"))
        self.heading.setText(heading)
        self.email_label.setText(self.tr("Their &email:"))
        self.email_edit.setPlaceholderText(self.tr("name@example.org (they need an account)"))
        self.email_edit.setAccessibleName(self.tr("Walk-in's email"))
        self.time_edit.setAccessibleName(self.time_label.text().replace("&", "").rstrip(":"))
        self.now_button.setText(self.tr("&Now"))
        self.now_button.setAccessibleName(self.tr("Set the time to now"))
        moment = self._now()
        tz = timefmt.zone_of(self.zone)
        if timefmt.same_clock(moment, tz):
            self.zone_note.setText(self.tr("The time defaults to now; change it if it happened earlier."))
        else:
            place, utc = timefmt.zone_label(tz, moment)
            self.zone_note.setText(
                self.tr("Times are on the task's clock ({place}, {utc}); it defaults to now.").format(
                    place=place, utc=utc
                )
            )
        del tr

    def submit(self) -> None:
        email = self.email_edit.text().strip()
        if self.kind is Moment.WALK_IN and not email:
            show_status(self.error, self.tr("Type the walk-in's email."), Tone.ERROR)
            self.email_edit.setFocus()
            return
        at = self.moment
        show_status(self.error, "")
        self.ok_button.setEnabled(False)
        run_in_background(self, lambda _job: self._action(at, email), self._done, self._failed)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ServiceError):
            show_status(self.error, errors.translate_service_error(exc), Tone.ERROR)
            return
        report = errors.show_error(self, exc)
        show_status(self.error, report.text, Tone.ERROR)
