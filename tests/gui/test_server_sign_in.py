"""The window on a shared server (issue 12): the sign-in box comes first, names the server and logs
in as the person's own login; refusals are one sentence in the box; signing out closes that
login's Database; Settings refuses a location with a password in it."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.gui.conftest import Dialogs
from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app import paths
from volunteer_app.gui import app as gui_app
from volunteer_app.gui import background, i18n
from volunteer_app.gui.app import AppController
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.settings_dialog import SettingsDialog
from volunteer_app.gui.sign_in import SignInDialog, server_name
from volunteer_app.settings import DATABASE_ENV, Settings
from volunteer_app.store.database import Database


def sign_in_with(qtbot: QtBot, dialog: SignInDialog, email: str, password: str) -> None:
    dialog.ui.emailEdit.clear()
    qtbot.keyClicks(dialog.ui.emailEdit, email)
    dialog.ui.passwordEdit.clear()
    qtbot.keyClicks(dialog.ui.passwordEdit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)



@pytest.fixture(autouse=True)
def no_window_left_open(qapp: QApplication) -> Iterator[None]:
    """Whatever a controller opened (a sign-in box after sign-out, a window) is closed after each test,
    so no box of ours stays the focus window of the tests that come next; a sign-in still running in a
    worker (a silent server, cancelled) finishes first."""
    yield
    assert background.wait_for_all(30_000), "a background sign-in did not finish"
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone now, not at some later loop
    QApplication.processEvents()


def start_on_server(qtbot: QtBot, url: str) -> AppController:
    controller = AppController(url)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    return controller


def set_revision(shared: SharedServer, revision: str) -> None:
    """As the server's superuser: pretend the schema is at ``revision``."""
    admin = Database(shared.url)
    try:
        with admin.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        admin.dispose()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # free now, and nobody listens on it


# --------------------------------------------------------------------------- without a server


def test_the_box_names_the_server_and_opens_nothing_first(qtbot: QtBot) -> None:
    url = "postgresql+psycopg://db.example.org/community"
    controller = start_on_server(qtbot, url)
    assert controller.on_server and controller.db is None  # nothing opened before sign-in
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    assert dialog.ui.databaseLabel.text() == "Signing in to db.example.org / community"
    assert dialog.ui.titleLabel.text() == "Sign in to the shared server"
    assert dialog.ui.passwordEdit.echoMode() == QLineEdit.EchoMode.Password
    assert unnamed_controls(dialog) == []
    assert server_name("postgresql+psycopg://10.0.0.5:6543/va") == "10.0.0.5:6543 / va"


def test_a_url_with_a_user_is_the_desktops_own_database_as_before(tmp_path: Path) -> None:
    assert gui_app.is_shared_server("postgresql+psycopg://db.example.org/community")
    assert not gui_app.is_shared_server("postgresql+psycopg://owner@db.example.org/community")
    assert not gui_app.is_shared_server(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    assert not gui_app.is_shared_server("mysql://nope/x")  # opening it says what is wrong, as before


@pytest.mark.allow_warnings_logged
def test_an_unreachable_server_is_one_sentence_in_the_box(qtbot: QtBot, dialogs: Dialogs) -> None:
    controller = start_on_server(qtbot, f"postgresql+psycopg://127.0.0.1:{closed_port()}/community")
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    sign_in_with(qtbot, dialog, "vol@example.org", PASSWORD)
    assert dialog.error_text() == (
        "The database server cannot be reached. Check the network and that the server is running, then try again."
    )
    assert dialogs.calls == [] and dialog.isVisible() and dialog.actor is None
    assert dialog.sign_in_button.isEnabled() and not dialog.busy_bar.isVisible()


def test_empty_fields_are_caught_before_connecting(qtbot: QtBot) -> None:
    controller = start_on_server(qtbot, "postgresql+psycopg://db.example.org/community")
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text() == "Type your email address and your password."


def test_cancel_while_signing_in_stops_waiting_and_stays(qtbot: QtBot, async_background: None) -> None:
    # A server that accepts the connection and never answers: the sign-in waits until cancelled.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        url = f"postgresql+psycopg://127.0.0.1:{port}/community?connect_timeout=3"
        finished: list[int] = []
        controller = AppController(url)
        controller.finished.connect(finished.append)
        controller.start()
        dialog = controller.dialog
        assert isinstance(dialog, SignInDialog)
        qtbot.addWidget(dialog)
        sign_in_with(qtbot, dialog, "vol@example.org", PASSWORD)
        assert dialog.busy and dialog.busy_bar.isVisibleTo(dialog) and not dialog.sign_in_button.isEnabled()
        cancel = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text() == "Cancel"  # not "Quit" while busy
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert not dialog.busy and dialog.isVisible() and finished == []
        assert dialog.error_text() == "Signing in was cancelled."
        assert cancel.text() == "Quit" and dialog.sign_in_button.isEnabled()
        assert background.wait_for_all(10_000)
    QApplication.processEvents()
    assert dialog.actor is None and dialog.isVisible()  # the late failure was dropped, not shown


def test_settings_refuses_a_location_with_a_password(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.databaseEdit.setText("postgresql+psycopg://ann:secret@db.example.org/community")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.result() == 0
    error = dialog.ui.errorLabel.text()
    assert "a desktop's database location must not hold one" in error
    assert "secret" not in error and "ann:***@db.example.org" in error
    assert not paths.settings_path().exists()
    # Without the password: saved, and the next start signs in to the server.
    dialog.ui.databaseEdit.setText("postgresql+psycopg://db.example.org/community")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert Settings.load().database_url == "postgresql+psycopg://db.example.org/community"
    assert "without a user or password" in dialog.ui.databaseNote.text()


# --------------------------------------------------------------------------- on a real shared server


def test_a_volunteer_signs_in_as_their_own_login(qtbot: QtBot, shared: SharedServer) -> None:
    controller = start_on_server(qtbot, shared.desktop_url)
    shown: list[MainWindow] = []
    controller.main_window_shown.connect(shown.append)
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    sign_in_with(qtbot, dialog, "vol@example.org", PASSWORD)
    assert len(shown) == 1 and not isinstance(controller.dialog, FirstRunWizard)
    window = shown[0]
    qtbot.addWidget(window)
    assert window.db.person_mode and window.db is controller.db
    assert window.actor.person_id == shared.community.volunteer.person_id
    with window.db.read() as s:
        assert s.scalar(text("SELECT va_me()")) == shared.community.volunteer.person_id
        assert s.scalar(text("SELECT current_user")) == shared.login_of("vol@example.org")
    # Signing out: the box again, for the same server, and that login's Database closed.
    signed_in_db, pool = window.db, window.db.engine.pool
    window.sign_out_action.trigger()
    again = controller.dialog
    assert isinstance(again, SignInDialog) and again.isVisible() and again.on_server
    qtbot.addWidget(again)
    assert again.ui.emailEdit.text() == "vol@example.org" and controller.db is None
    assert signed_in_db.engine.pool is not pool  # disposed: its connections closed
    # The next person signs in as themselves.
    sign_in_with(qtbot, again, "coord.a@example.org", PASSWORD)
    assert len(shown) == 2
    qtbot.addWidget(shown[1])
    with shown[1].db.read() as s:
        assert s.scalar(text("SELECT va_me()")) == shared.community.coord_a.person_id


def test_a_wrong_password_is_refused_in_the_box(qtbot: QtBot, shared: SharedServer, dialogs: Dialogs) -> None:
    controller = start_on_server(qtbot, shared.desktop_url)
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    sign_in_with(qtbot, dialog, "vol@example.org", "not the password")
    assert dialog.error_text() == "Wrong email or password."
    assert dialog.actor is None and dialog.db is None and controller.window is None
    assert dialogs.calls == []
    assert dialog.ui.passwordEdit.hasFocus() or not QApplication.focusWindow()


@pytest.mark.allow_warnings_logged
def test_an_older_schema_asks_for_the_administrator(qtbot: QtBot, shared: SharedServer, dialogs: Dialogs) -> None:
    set_revision(shared, "0003")
    controller = start_on_server(qtbot, shared.desktop_url)
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    sign_in_with(qtbot, dialog, "vol@example.org", PASSWORD)
    assert dialog.error_text() == (
        "This shared database is older than this volunteer-app. Ask your administrator to run "
        "`volunteer-app db upgrade`."
    )
    assert dialogs.calls == [] and controller.window is None
    i18n.apply_language(i18n.CHINESE)  # still one sentence in the box after a language change
    assert dialog.ui.databaseLabel.text() and dialog.sign_in_button.isEnabled()


@pytest.mark.allow_warnings_logged
def test_a_newer_schema_says_update_the_app(qtbot: QtBot, shared: SharedServer) -> None:
    set_revision(shared, "9999_from_the_future")
    controller = start_on_server(qtbot, shared.desktop_url)
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog)
    sign_in_with(qtbot, dialog, "vol@example.org", PASSWORD)
    assert "made by a newer volunteer-app" in dialog.error_text()
    assert "Update the app." in dialog.error_text()


def test_the_environment_variable_starts_on_the_server(
    qtbot: QtBot, shared: SharedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``volunteer-app`` with VOLUNTEER_APP_DATABASE_URL (or --database) naming a shared server."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv(DATABASE_ENV, shared.desktop_url)
    seen: list[tuple[str, bool]] = []

    def close_sign_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible())
        seen.append((dialog.ui.databaseLabel.text(), dialog.on_server))
        dialog.reject()

    QTimer.singleShot(0, close_sign_in)
    assert gui_app.run_gui(database_url=None, argv=["volunteer-app"]) == 0
    assert len(seen) == 1 and seen[0][1] and seen[0][0].startswith("Signing in to 127.0.0.1:")
