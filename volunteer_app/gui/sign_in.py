"""The sign-in dialog (layout in ui/sign_in.ui). Checking the password runs in the background.

Two ways in:

* a desktop's own database (SQLite, or PostgreSQL with a user in its URL): it is open already,
  and the app checks the password itself (``accounts.sign_in``);
* a shared server (``shared_server.is_shared_server_url``: PostgreSQL, no user in the URL; a
  desktop's URL holds no password): nothing can be opened before the person signs in, so the
  dialog names the server and, on Sign in, logs in to PostgreSQL as that person's own login
  (``shared_server.sign_in``). ``db`` is then the Database it opened, for the main window.

While the work runs a busy bar shows and Cancel stops waiting for it (the result, if it still
comes, is closed and forgotten); closing the dialog quits as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QWidget

from volunteer_app.gui import errors, style
from volunteer_app.gui.background import BackgroundTask, Job, run_in_background
from volunteer_app.gui.generated.ui_sign_in import Ui_SignInDialog
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import accounts, faults, shared_server
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.faults import FaultKind
from volunteer_app.services.shared_server import SignedIn
from volunteer_app.services.storage import Database, DatabaseUrlError, describe_url, parse_url

log = logging.getLogger(__name__)


def server_name(url: str) -> str:
    """A shared server as a person reads it: "db.example.org / community" (no user, no password)."""
    try:
        parsed = parse_url(url)
    except DatabaseUrlError:
        return describe_url(url)
    host = parsed.host or "localhost"
    if parsed.port is not None and parsed.port != 5432:
        host = f"{host}:{parsed.port}"
    return f"{host} / {parsed.database}" if parsed.database else host


class SignInDialog(Retranslating, QDialog):
    """Asks for email and password; ``actor`` holds the signed-in person once accepted.

    ``db``: the open database to sign in to, or None with ``server_url`` (a shared server);
    after a sign-in to a server, ``db`` is the Database logged in as that person.
    """

    def __init__(
        self,
        db: Database | None,
        parent: QWidget | None = None,
        *,
        email: str = "",
        server_url: str | None = None,
    ) -> None:
        super().__init__(parent)
        if (db is None) == (server_url is None):
            raise ValueError("give either an open database or a shared server's URL")
        self.db = db
        self.server_url = server_url
        self.actor: Actor | None = None
        self._task: BackgroundTask | None = None
        self._closing = False
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        style.make_heading(self.ui.titleLabel)
        style.show_status(self.ui.errorLabel, "")
        style.make_note(self.ui.databaseLabel)  # context, not a control
        # Busy while the server or the password check answers (a server may take a while).
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("signInBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()
        self.ui.mainLayout.insertWidget(self.ui.mainLayout.indexOf(self.ui.errorLabel), self.busy_bar)
        self.ui.emailEdit.setText(email)
        self.ui.buttonBox.accepted.connect(self._try_sign_in)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.setMinimumWidth(420)
        self._retranslate_own()
        (self.ui.passwordEdit if email else self.ui.emailEdit).setFocus()

    @property
    def on_server(self) -> bool:
        return self.server_url is not None

    @property
    def sign_in_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def cancel_button(self) -> QWidget:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self._retranslate_own()

    def _retranslate_own(self) -> None:
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        ok.setAccessibleName(self.tr("Sign in"))
        self._label_cancel()
        if self.server_url is not None:
            where = server_name(self.server_url)
            self.ui.titleLabel.setText(self.tr("Sign in to the shared server"))
            self.ui.introLabel.setText(
                self.tr(
                    "Use the email address and password of your account. Your administrator made the account "
                    "and gave you its first password."
                )
            )
            self.ui.databaseLabel.setText(self.tr("Signing in to {server}").format(server=where))
        else:
            assert self.db is not None
            self.ui.databaseLabel.setText(self.tr("Database: {location}").format(location=self.db.describe()))
        self.ui.databaseLabel.setAccessibleName(self.ui.databaseLabel.text())
        self.busy_bar.setAccessibleName(self.tr("Signing in…"))

    def _label_cancel(self) -> None:
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        text = self.tr("Cancel") if self.busy else self.tr("Quit")
        cancel.setText(text)
        cancel.setAccessibleName(self.tr("Stop signing in") if self.busy else text)

    def show_error(self, text: str, *, is_error: bool = True) -> None:
        style.show_status(self.ui.errorLabel, text, Tone.ERROR if is_error else Tone.NOTE)

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    # -- signing in

    def _try_sign_in(self) -> None:
        if self._task is not None:
            return
        email, password = self.ui.emailEdit.text().strip(), self.ui.passwordEdit.text()
        if not email or not password:
            self.show_error(self.tr("Type your email address and your password."))
            (self.ui.emailEdit if not email else self.ui.passwordEdit).setFocus()
            return
        # What the worker produced, so a result that arrives after Cancel is still closed.
        produced: list[SignedIn | Actor] = []
        work = (
            self._server_work(email, password, produced)
            if self.on_server
            else self._local_work(email, password, produced)
        )
        self._set_busy(True)
        task = run_in_background(
            self,
            work,
            self._signed_in,
            self._failed,
            on_cancelled=lambda: self._forget(produced),
        )
        self._task = None if task.done else task
        if self._task is not None:
            self._label_cancel()

    def _local_work(self, email: str, password: str, produced: list[SignedIn | Actor]) -> Callable[[Job], Actor]:
        db = self.db
        assert db is not None

        def work(job: Job) -> Actor:
            actor = accounts.sign_in(db, email, password)  # Argon2 takes a moment: never on the UI thread
            produced.append(actor)
            job.check()
            return actor

        return work

    def _server_work(self, email: str, password: str, produced: list[SignedIn | Actor]) -> Callable[[Job], SignedIn]:
        url = self.server_url
        assert url is not None

        def work(job: Job) -> SignedIn:
            signed = shared_server.sign_in(url, email, password)  # connects: may wait for the network
            produced.append(signed)
            job.check()
            return signed

        return work

    def _forget(self, produced: list[SignedIn | Actor]) -> None:
        """A sign-in that finished after Cancel: close what it opened, forget the keys it unlocked."""
        for result in produced:
            if isinstance(result, SignedIn):
                accounts.sign_out(result.db, result.actor)
                result.db.dispose()
            elif self.db is not None:
                accounts.sign_out(self.db, result)
        produced.clear()

    def cancel_sign_in(self) -> None:
        """Stop waiting for the sign-in that runs (Cancel while busy)."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        self._set_busy(False)
        self.show_error(self.tr("Signing in was cancelled."), is_error=False)
        self.ui.passwordEdit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        # Read-only rather than disabled: the focus stays in the box, and comes back to the password.
        self.ui.emailEdit.setReadOnly(busy)
        self.ui.passwordEdit.setReadOnly(busy)
        self.busy_bar.setVisible(busy)
        if busy:
            self.show_error(
                self.tr("Connecting to the server…") if self.on_server else self.tr("Checking…"), is_error=False
            )
        self._label_cancel()

    def _signed_in(self, result: SignedIn | Actor) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(result, SignedIn):
            self.db, self.actor = result.db, result.actor
        else:
            self.actor = result
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
            return
        if self.on_server:
            report = errors.describe(exc)
            if not report.is_bug:
                # The server's answer is one sentence in the box, where the person is looking.
                log.warning(
                    "cannot sign in to %s: %s", describe_url(self.server_url or ""), report.details or report.text
                )
                self.show_error(self.server_fault_text(exc, report.text))
                return
        self.ui.errorLabel.hide()
        errors.show_error(self, exc)

    def server_fault_text(self, exc: BaseException, text: str) -> str:
        """The sentence for a shared server's refusal; a few read better from a desktop than the general ones."""
        kind = faults.classify(exc).kind
        if kind is FaultKind.LOGIN_REFUSED:
            # Not a wrong password (that is InvalidCredentials): the server's rules keep this computer out.
            return self.tr("The server did not let this computer sign in. Ask your administrator to allow it.")
        return text

    # -- leaving

    def reject(self) -> None:
        """Cancel while signing in stops the attempt and stays; otherwise (and on close) the dialog closes."""
        if self._task is not None and not self._closing:
            self.cancel_sign_in()
            return
        if self._task is not None:
            self._task.cancel()  # its result, if it comes, is closed (on_cancelled)
            self._task = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True  # the window's close button quits, also while busy
        try:
            super().closeEvent(event)
        finally:
            self._closing = False


__all__ = ["SignInDialog", "server_name"]
