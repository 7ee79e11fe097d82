"""The sign-in dialog (layout in ui/sign_in.ui). Checking the password runs in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from volunteer_app.gui import errors, style
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.generated.ui_sign_in import Ui_SignInDialog
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import accounts
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import Database


class SignInDialog(Retranslating, QDialog):
    """Asks for email and password; ``actor`` holds the signed-in person once accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, email: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self._task: BackgroundTask | None = None
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        style.make_heading(self.ui.titleLabel)
        style.show_status(self.ui.errorLabel, "")
        style.make_note(self.ui.databaseLabel)  # context, not a control
        self.ui.emailEdit.setText(email)
        self.ui.buttonBox.accepted.connect(self._try_sign_in)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.setMinimumWidth(420)
        self._retranslate_own()
        (self.ui.passwordEdit if email else self.ui.emailEdit).setFocus()

    @property
    def sign_in_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self._retranslate_own()

    def _retranslate_own(self) -> None:
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        ok.setAccessibleName(self.tr("Sign in"))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Quit"))
        cancel.setAccessibleName(self.tr("Quit"))
        self.ui.databaseLabel.setText(self.tr("Database: {location}").format(location=self.db.describe()))

    def show_error(self, text: str, *, is_error: bool = True) -> None:
        style.show_status(self.ui.errorLabel, text, Tone.ERROR if is_error else Tone.NOTE)

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def _try_sign_in(self) -> None:
        if self._task is not None:
            return
        email, password = self.ui.emailEdit.text().strip(), self.ui.passwordEdit.text()
        if not email or not password:
            self.show_error(self.tr("Type your email address and your password."))
            (self.ui.emailEdit if not email else self.ui.passwordEdit).setFocus()
            return
        self._set_busy(True)
        task = run_in_background(self, lambda _job: self._sign_in(email, password), self._signed_in, self._failed)
        self._task = None if task.done else task

    def _sign_in(self, email: str, password: str) -> Actor:
        return accounts.sign_in(self.db, email, password)  # Argon2 takes a moment: never on the UI thread

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.ui.emailEdit.setEnabled(not busy)
        self.ui.passwordEdit.setEnabled(not busy)
        if busy:
            self.show_error(self.tr("Checking…"), is_error=False)

    def _signed_in(self, actor: Actor) -> None:
        self._task = None
        self._set_busy(False)
        self.actor = actor
        self.ui.errorLabel.hide()
        self.ui.errorLabel.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(exc, ServiceError):
            self.show_error(errors.translate_service_error(exc))
            self.ui.passwordEdit.selectAll()
            self.ui.passwordEdit.setFocus()
        else:
            self.ui.errorLabel.hide()
            errors.show_error(self, exc)


__all__ = ["SignInDialog"]
