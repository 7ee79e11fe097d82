"""Which start a volunteer takes on a flexible task: the 15-minute steps inside its window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from volunteer_app.domain import timefmt
from volunteer_app.gui.style import Retranslating, make_note, subheading_label


class SignupDialog(Retranslating, QDialog):
    """Asks for the start; ``chosen_start()`` after ``exec()`` returns Accepted.

    ``choices``: the starts the volunteer can take (on the task's grid, in their free
    time); ``default``: the engine's pick, preselected when it is among them.
    """

    def __init__(
        self,
        title: str,
        window: tuple[datetime, datetime],
        minutes: int,
        timezone: str,
        choices: Sequence[datetime],
        default: datetime | None = None,
        *,
        waitlist: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title, self._window, self._minutes, self._zone = title, window, minutes, timezone
        self._choices = list(choices)
        self._waitlist = waitlist
        self.heading = subheading_label(self)
        self.heading.setWordWrap(True)
        self.window_label = make_note(QLabel(self))
        self.start_label = QLabel(self)
        self.start_combo = QComboBox(self)
        self.start_combo.setMaxVisibleItems(16)
        self.start_label.setBuddy(self.start_combo)
        self.empty_label = make_note(QLabel(self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.window_label)
        layout.addWidget(self.start_label)
        layout.addWidget(self.start_combo)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate()
        pick = self._choices.index(default) if default in self._choices else 0
        if self._choices:
            self.start_combo.setCurrentIndex(pick)
        self.start_combo.setEnabled(bool(self._choices))
        self.empty_label.setVisible(not self._choices)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._choices))
        self.start_combo.setFocus()

    def _stint_text(self, start: datetime) -> str:
        end = start + timedelta(minutes=self._minutes)
        return timefmt.task_time_text(start, end, self._zone, tr=QCoreApplication.translate)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Join the waitlist") if self._waitlist else self.tr("Sign up"))
        self.heading.setText(self._title)
        window = timefmt.task_time_text(*self._window, self._zone, minutes=self._minutes, tr=QCoreApplication.translate)
        self.window_label.setText(
            self.tr("This task is flexible: {window}. Choose when you start; the times are on the task's clock.")
            .format(window=window)
        )
        self.start_label.setText(self.tr("&Start at:"))
        self.start_combo.setAccessibleName(self.tr("Start at"))
        current = self.start_combo.currentIndex()
        self.start_combo.clear()
        for start in self._choices:
            self.start_combo.addItem(self._stint_text(start))
        if current >= 0:
            self.start_combo.setCurrentIndex(current)
        self.empty_label.setText(
            self.tr("No start inside this window fits your free hours and the tasks you already hold.")
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Join the waitlist") if self._waitlist else self.tr("&Sign up"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def chosen_start(self) -> datetime | None:
        index = self.start_combo.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else None


__all__ = ["SignupDialog"]
