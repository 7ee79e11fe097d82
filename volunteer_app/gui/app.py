"""Starting the window: application, language, error handling, database, sign-in.

``run_gui`` is what ``volunteer-app`` (without a command) calls. The flow is
kept in ``AppController`` so tests can drive it step by step:

    open the database and migrate it (background, with a small progress dialog)
      → no account yet?  first-run wizard → main window
      → otherwise        sign-in dialog   → main window
    main window "Sign out" → sign-in dialog again; closing it quits.

On a shared server (``shared_server.is_shared_server_url``: PostgreSQL, no user in the URL) a
desktop holds no password, so nothing opens before sign-in: the sign-in dialog comes first and
logs in as the person's own login; there is no first-run wizard (an administrator makes the
accounts); signing out closes that person's Database and asks again.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from volunteer_app import __version__, paths
from volunteer_app.gui import background, errors, i18n
from volunteer_app.gui.background import Job
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.main_window import MainWindow, start_main_window
from volunteer_app.gui.sign_in import SignInDialog
from volunteer_app.services import accounts, database_location, faults, shared_server, storage
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database, DatabaseUrlError, Opened, describe_url
from volunteer_app.settings import Settings, resolve_database_url

log = logging.getLogger(__name__)

ORGANISATION = "volunteer-app"
APPLICATION = "volunteer-app"
#: Exit status when the database could not be opened and the person closed the dialog.
EXIT_CANNOT_OPEN = 1
#: For automation (tests, the frozen-app smoke test): every modal message box is closed this many
#: milliseconds after it opens, and its title and text are written to stderr first.
AUTO_CLOSE_DIALOGS_ENV = "VOLUNTEER_APP_AUTO_CLOSE_DIALOGS_MS"


def open_database(url: str, job: Job | None = None) -> Opened:
    """Check the location, connect, back up and migrate if behind, and see whether any account exists (worker side)."""

    def migrating() -> None:
        if job is not None:
            job.report(0, 0, QCoreApplication.translate("AppController", "Updating the database…"))

    database_location.check(url)  # a wrong URL or file: one sentence naming it, before anything connects
    return storage.open_for_app(url, on_migrate=migrating)


class AppController(QObject):
    """Walks a person from start-up to the main window and back on sign-out."""

    main_window_shown = Signal(object)  # the MainWindow
    finished = Signal(int)  # exit status

    def __init__(self, database_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database_url = database_url
        self.db: Database | None = None
        self.window: MainWindow | None = None
        self.dialog: SignInDialog | FirstRunWizard | None = None
        self.on_server = False  # a shared server: each person signs in as their own login

    # -- steps

    def start(self) -> None:
        self.on_server = is_shared_server(self.database_url)
        if self.on_server:
            log.info("shared server %s: signing in first", describe_url(self.database_url))
            self.show_sign_in()
            return
        background.run_in_background(
            None,
            lambda job: open_database(self.database_url, job),
            self._opened,
            self._open_failed,
            progress=self.tr("Opening the database…"),
        )

    def use_database(self, db: Database) -> None:
        """Skip opening (tests, benchmarks): continue with an open, migrated database."""
        self._opened(storage.opened(db))

    def _opened(self, opened: Opened) -> None:
        self.db = opened.db
        log.info("database %s opened", opened.db.describe())
        if opened.has_accounts:
            self.show_sign_in()
        else:
            self.show_first_run()

    def _open_failed(self, exc: BaseException) -> None:
        """Say why the database could not be opened; the process ends unless another location is chosen.

        Whatever happens while saying it, ``finish`` is called: no process lives on without a window.
        """
        try:
            if self._explain_open_failure(exc):
                return  # another location was chosen: opening starts again
        except BaseException:
            self.finish(EXIT_CANNOT_OPEN)
            raise
        self.finish(EXIT_CANNOT_OPEN)

    def _explain_open_failure(self, exc: BaseException) -> bool:
        """The dialog; True when the person chose another location and opening started again."""
        location = describe_url(self.database_url) or self.tr("(no location given)")
        report = errors.describe(exc)
        if report.is_bug:
            log.error("cannot open the database %s", location, exc_info=(type(exc), exc, exc.__traceback__))
        else:
            log.warning("cannot open the database %s: %s", location, faults.scrub(report.details or str(exc)))
        answer = QMessageBox.critical(
            None,
            self.tr("Cannot open the database"),
            self.tr("The database at {location} could not be opened.").format(location=location)
            + "\n\n"
            + report.text
            + (f"\n\n{faults.scrub(report.details)}" if report.details else "")
            + "\n\n"
            + self.tr("Choose another location in Settings?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close,
        )
        if answer == QMessageBox.StandardButton.Yes:
            from volunteer_app.gui.settings_dialog import SettingsDialog

            dialog = SettingsDialog()
            if dialog.exec():
                self.database_url = resolve_database_url(None, Settings.load())
                self.start()
                return True
        return False

    def show_first_run(self) -> None:
        assert self.db is not None
        wizard = FirstRunWizard(self.db)
        self.dialog = wizard
        wizard.accepted.connect(lambda: self._signed_in(wizard.actor))
        wizard.rejected.connect(lambda: self.finish(0))
        wizard.show()

    def show_sign_in(self, email: str = "") -> None:
        if self.on_server:
            dialog = SignInDialog(None, email=email, server_url=self.database_url)
        else:
            assert self.db is not None
            dialog = SignInDialog(self.db, email=email)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._signed_in_with(dialog))
        dialog.rejected.connect(lambda: self.finish(0))
        dialog.show()

    def _signed_in_with(self, dialog: SignInDialog) -> None:
        if self.on_server:
            self.db = dialog.db  # logged in as this person: the window works through their own login
        self._signed_in(dialog.actor)

    def _signed_in(self, actor: Actor | None) -> None:
        if actor is None:
            return
        assert self.db is not None
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        window = start_main_window(self.db, actor)
        window.sign_out_requested.connect(self.sign_out)
        window.closed.connect(lambda: self.finish(0))
        self.window = window
        self.main_window_shown.emit(window)

    def sign_out(self) -> None:
        window, self.window = self.window, None
        email = window.actor.email if window is not None else ""
        if window is not None and self.db is not None:
            accounts.sign_out(self.db, window.actor)  # forget the keys unlocked at sign-in
        self.show_sign_in(email)  # first, so there is always a window on screen
        if window is not None:
            window.close()
            window.deleteLater()
        if self.on_server and self.db is not None:
            # That person's login: the next one signs in with their own.
            db, self.db = self.db, None
            db.dispose()

    def finish(self, status: int) -> None:
        self.finished.emit(status)


def is_shared_server(url: str) -> bool:
    """A shared server's URL (sign in first); a URL that does not parse is not one (opening it says why)."""
    try:
        return shared_server.is_shared_server_url(url)
    except DatabaseUrlError:
        return False


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    # Quitting is explicit (finish()): between two dialogs no window is open for a moment.
    app.setQuitOnLastWindowClosed(False)
    return app


def run_gui(database_url: str | None = None, argv: Sequence[str] | None = None) -> int:
    """Open the desktop window; returns the exit status when the person quits.

    ``database_url`` None: the Settings' (or the default file); an empty string is a URL
    like any other, and opening it says it is empty.
    """
    previous_umask = paths.private_umask()  # the database, logs, backups, exports: the owner's only
    try:
        return _run_gui(database_url, argv)
    finally:
        if previous_umask is not None:
            os.umask(previous_umask)


def _run_gui(database_url: str | None, argv: Sequence[str] | None) -> int:
    app = create_application(argv if argv is not None else sys.argv[:1])
    errors.setup_logging()
    errors.install_excepthook()
    settings = Settings.load()
    i18n.apply_language(settings.language)
    url = database_url if database_url is not None else resolve_database_url(None, settings)
    controller = AppController(url)
    status: list[int] = []

    def finished(code: int) -> None:
        status.append(code)
        app.exit(code)

    controller.finished.connect(finished)
    closer = _auto_close_dialogs(app)
    controller.start()
    code = app.exec()
    if closer is not None:
        closer.stop()
    background.wait_for_all()
    if controller.db is not None:
        controller.db.dispose()
    return status[0] if status else code


def _auto_close_dialogs(app: QApplication) -> QTimer | None:
    """With ``AUTO_CLOSE_DIALOGS_ENV`` set, close each modal message box (after writing it to stderr)."""
    try:
        delay = int(os.environ.get(AUTO_CLOSE_DIALOGS_ENV, ""))
    except ValueError:
        return None
    if delay < 0:
        return None
    timer = QTimer(app)
    timer.setInterval(max(delay, 10))

    def close_message_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        text = faults.scrub(box.text())
        print(f"volunteer-app: dialog: {box.windowTitle()}: {text}", file=sys.stderr, flush=True)
        for choice in (QMessageBox.StandardButton.Close, QMessageBox.StandardButton.Ok):
            button = box.button(choice)
            if button is not None:
                button.click()
                return
        box.reject()

    timer.timeout.connect(close_message_box)
    timer.start()
    return timer


__all__ = [
    "AppController",
    "create_application",
    "describe_url",
    "is_shared_server",
    "open_database",
    "run_gui",
    "start_main_window",
]
