"""File → Change password…: the signed-in person sets a password of their own.

People imported from a spreadsheet, and demo accounts, start with a password someone
else chose; this is where they replace it. The keys wrapped with the old password are
re-wrapped with the new one in the same transaction (``accounts.change_password``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, Tone, error_label, make_note, show_status
from volunteer_app.services import accounts
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import Database


class ChangePasswordDialog(Retranslating, QDialog):
    """Current password, the new one twice; OK changes it in the background and closes on success."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.changed = False
        self.current_edit, self.new_edit, self.repeat_edit = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.current_label, self.new_label, self.repeat_label = QLabel(self), QLabel(self), QLabel(self)
        form = QFormLayout()
        for label, edit in (
            (self.current_label, self.current_edit),
            (self.new_label, self.new_edit),
            (self.repeat_label, self.repeat_edit),
        ):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.rules = make_note(QLabel(self))
        self.status = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        self.current_label.setText(self.tr("&Current password:"))
        self.new_label.setText(self.tr("&New password:"))
        self.repeat_label.setText(self.tr("&Repeat the new one:"))
        self.current_edit.setAccessibleName(self.tr("Current password"))
        self.new_edit.setAccessibleName(self.tr("New password"))
        self.repeat_edit.setAccessibleName(self.tr("Repeat the new password"))
        self.rules.setText(
            self.tr("At least {minimum} characters. Your keys are re-protected with the new password.").format(
                minimum=accounts.MIN_PASSWORD_LENGTH
            )
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Change password"))
        ok.setAccessibleName(self.tr("Change password"))

    def change(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            show_status(self.status, self.tr("The two new passwords differ. Type the same password twice."))
            return
        current, new, db, actor = self.current_edit.text(), self.new_edit.text(), self.db, self.actor
        self.buttons.setEnabled(False)
        run_in_background(
            self, lambda _job: accounts.change_password(db, actor, current, new), self._changed, self._failed
        )

    def _changed(self, _result: object) -> None:
        self.changed = True
        self.buttons.setEnabled(True)
        show_status(self.status, self.tr("Your password is changed."), Tone.SUCCESS)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ServiceError):
            show_status(self.status, errors.translate_service_error(exc))
        else:
            show_status(self.status, errors.show_error(self, exc).text)


__all__ = ["ChangePasswordDialog"]
