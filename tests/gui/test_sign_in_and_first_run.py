"""Sign-in dialog, first-run wizard and the start-up flow (AppController, run_gui)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.support.community import PASSWORD, Community
from volunteer_app.gui import app as gui_app
from volunteer_app.gui.app import AppController
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.sign_in import SignInDialog
from volunteer_app.services import accounts
from volunteer_app.services.storage import Database


def sign_in_with(qtbot: QtBot, dialog: SignInDialog, email: str, password: str) -> None:
    dialog.ui.emailEdit.clear()
    qtbot.keyClicks(dialog.ui.emailEdit, email)
    dialog.ui.passwordEdit.clear()
    qtbot.keyClicks(dialog.ui.passwordEdit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_wrong_password_shows_the_message(qtbot: QtBot, db: Database, community: Community) -> None:
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    sign_in_with(qtbot, dialog, "coord.a@example.org", "not the password")
    assert dialog.error_text() == "Wrong email or password."
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.ui.passwordEdit.hasFocus() or not QApplication.focusWindow()


def test_empty_fields_are_caught_before_asking_the_database(qtbot: QtBot, db: Database) -> None:
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.ui.emailEdit, Qt.Key.Key_Return)
    assert dialog.error_text() == "Type your email address and your password."


def test_right_password_opens_the_main_window(qtbot: QtBot, db: Database, community: Community) -> None:
    controller = AppController(db.describe())
    shown: list[MainWindow] = []
    controller.main_window_shown.connect(shown.append)
    controller.use_database(db)
    dialog = controller.dialog
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    sign_in_with(qtbot, dialog, "coord.a@example.org", PASSWORD)
    assert len(shown) == 1
    window = shown[0]
    qtbot.addWidget(window)
    assert window.isVisible() and window.actor.email == "coord.a@example.org"
    assert controller.dialog is None


def test_sign_out_returns_to_the_sign_in_dialog(qtbot: QtBot, db: Database, community: Community) -> None:
    controller = AppController(db.describe())
    finished: list[int] = []
    controller.finished.connect(finished.append)
    controller.use_database(db)
    first = controller.dialog
    assert isinstance(first, SignInDialog)
    sign_in_with(qtbot, first, "vol@example.org", PASSWORD)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    window.sign_out_action.trigger()
    again = controller.dialog
    assert isinstance(again, SignInDialog) and again.isVisible()
    qtbot.addWidget(again)
    assert again.ui.emailEdit.text() == "vol@example.org"
    assert not window.isVisible()
    assert finished == []  # signing out is not quitting
    again.reject()
    assert finished == [0]


def fill_wizard(qtbot: QtBot, wizard: FirstRunWizard, password: str, repeat: str) -> None:
    page = wizard.admin_page
    qtbot.keyClicks(page.email_edit, "Chief@Example.org")
    qtbot.keyClicks(page.name_edit, "Li Wei")
    qtbot.keyClicks(page.password_edit, password)
    qtbot.keyClicks(page.repeat_edit, repeat)


def test_first_run_wizard_creates_the_admin(qtbot: QtBot, db: Database) -> None:
    controller = AppController(db.describe())
    shown: list[MainWindow] = []
    controller.main_window_shown.connect(shown.append)
    controller.use_database(db)  # no account yet
    wizard = controller.dialog
    assert isinstance(wizard, FirstRunWizard) and wizard.isVisible()
    assert wizard.currentPage() is wizard.welcome_page
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert "at least 8 characters" in wizard.admin_page.rules.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing typed yet
    fill_wizard(qtbot, wizard, "a good long password", "a good long password")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.done_page
    assert "chief@example.org" in wizard.done_page.text.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0].actor.is_admin
    qtbot.addWidget(shown[0])
    # The account works for signing in, through the service and through the dialog.
    assert accounts.sign_in(db, "chief@example.org", "a good long password").display_name == "Li Wei"
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    sign_in_with(qtbot, dialog, "chief@example.org", "a good long password")
    assert dialog.actor is not None and dialog.actor.is_admin


def test_first_run_wizard_checks_the_passwords(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    fill_wizard(qtbot, wizard, "a good long password", "a good long passw0rd")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.admin_page.error_label.text() == "The two passwords differ. Type the same password twice."
    assert not accounts.has_any_account(db)
    wizard.admin_page.password_edit.setText("short")
    wizard.admin_page.repeat_edit.setText("short")
    wizard.next()
    assert wizard.admin_page.error_label.text() == "The password needs at least 8 characters."


def test_first_run_wizard_shows_service_errors(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.admin_page
    qtbot.keyClicks(page.email_edit, "not-an-email")
    qtbot.keyClicks(page.name_edit, "Li Wei")
    qtbot.keyClicks(page.password_edit, "a good long password")
    qtbot.keyClicks(page.repeat_edit, "a good long password")
    wizard.next()
    assert page.error_label.text() == "'not-an-email' is not an email address."
    assert wizard.currentPage() is page


def test_start_opens_and_migrates_the_database_then_asks_for_the_first_admin(tmp_path, qtbot: QtBot) -> None:
    controller = AppController(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    controller.start()
    assert controller.db is not None
    assert isinstance(controller.dialog, FirstRunWizard)
    qtbot.addWidget(controller.dialog)
    controller.db.dispose()


@pytest.mark.allow_warnings_logged
def test_a_database_that_cannot_be_opened_is_explained(qtbot: QtBot, dialogs: Dialogs, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    controller = AppController(f"sqlite:///{blocker / 'sub' / 'db.sqlite3'}")
    finished: list[int] = []
    controller.finished.connect(finished.append)
    controller.start()
    assert dialogs.kinds() == ["critical"]
    assert dialogs.calls[0].title == "Cannot open the database"
    assert "could not be opened" in dialogs.calls[0].text
    assert "Problem outside the app" not in dialogs.calls[0].text  # the title already says it; the text says what
    assert "Choose another location in Settings?" in dialogs.calls[0].text
    assert finished == [1]


def test_run_gui_shows_sign_in_and_quits_when_it_is_closed(
    qtbot: QtBot, db: Database, community: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    seen: list[str] = []

    def close_sign_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible())
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, close_sign_in)
    assert gui_app.run_gui(database_url=db.describe(), argv=["volunteer-app"]) == 0
    assert seen == ["Sign in"]
    assert QApplication.organizationName() == "volunteer-app"


def test_messages_never_show_a_database_password() -> None:
    assert gui_app.describe_url("postgresql+psycopg://ann:secret@db.example.org/v") == (
        "postgresql+psycopg://ann:***@db.example.org/v"
    )


def test_an_administrator_who_sets_up_a_profile_sees_the_volunteer_pages(qtbot: QtBot, db: Database) -> None:
    from volunteer_app.services import profiles

    admin = accounts.create_first_admin(db, "first@example.org", "First Admin", "correct horse 42")
    assert not admin.is_volunteer
    profiles.save_profile(db, admin, profiles.ProfileInput(name="First Admin", radius_km=8))
    again = accounts.refresh_actor(db, admin)
    assert again.has_profile and again.is_volunteer
    window = MainWindow(db, again)
    qtbot.addWidget(window)
    assert "profile" in window.pages and "tasks" in window.pages
