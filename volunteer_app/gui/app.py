"""Starting the window: application, language, error handling, database, sign-in.

``run_gui`` is what ``volunteer-app`` (without a command) calls. The flow is
kept in ``AppController`` so tests can drive it step by step:

    open the database and migrate it (background, with a small progress dialog)
      → no account yet?  first-run wizard → main window
      → otherwise        sign-in dialog   → main window
    main window "Sign out" → sign-in dialog again; closing it quits.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from volunteer_app import __version__
from volunteer_app.gui import background, errors, i18n
from volunteer_app.gui.background import Job
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.main_window import MainWindow, start_main_window
from volunteer_app.gui.sign_in import SignInDialog
from volunteer_app.services import accounts, storage
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database, Opened, describe_url
from volunteer_app.settings import Settings, resolve_database_url

log = logging.getLogger(__name__)

ORGANISATION = "volunteer-app"
APPLICATION = "volunteer-app"


def open_database(url: str, job: Job | None = None) -> Opened:
    """Connect, back up and migrate if behind, and see whether any account exists (worker side)."""

    def migrating() -> None:
        if job is not None:
            job.report(0, 0, QCoreApplication.translate("AppController", "Updating the database…"))

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

    # -- steps

    def start(self) -> None:
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
        report = errors.describe(exc)
        log.warning("cannot open the database %s: %s", describe_url(self.database_url), exc)
        answer = QMessageBox.critical(
            None,
            self.tr("Cannot open the database"),
            self.tr("The database at {location} could not be opened.").format(location=describe_url(self.database_url))
            + "\n\n"
            + report.text
            + (f"\n\n{report.details}" if report.details else "")
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
                return
        self.finish(1)

    def show_first_run(self) -> None:
        assert self.db is not None
        wizard = FirstRunWizard(self.db)
        self.dialog = wizard
        wizard.accepted.connect(lambda: self._signed_in(wizard.actor))
        wizard.rejected.connect(lambda: self.finish(0))
        wizard.show()

    def show_sign_in(self, email: str = "") -> None:
        assert self.db is not None
        dialog = SignInDialog(self.db, email=email)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._signed_in(dialog.actor))
        dialog.rejected.connect(lambda: self.finish(0))
        dialog.show()

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

    def finish(self, status: int) -> None:
        self.finished.emit(status)


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
    """Open the desktop window; returns the exit status when the person quits."""
    app = create_application(argv if argv is not None else sys.argv[:1])
    errors.setup_logging()
    errors.install_excepthook()
    settings = Settings.load()
    i18n.apply_language(settings.language)
    controller = AppController(database_url or resolve_database_url(None, settings))
    status: list[int] = []

    def finished(code: int) -> None:
        status.append(code)
        app.exit(code)

    controller.finished.connect(finished)
    controller.start()
    code = app.exec()
    background.wait_for_all()
    if controller.db is not None:
        controller.db.dispose()
    return status[0] if status else code


__all__ = ["AppController", "create_application", "describe_url", "open_database", "run_gui", "start_main_window"]
