"""The main window: which areas whom, shortcuts, menus, status bar, sign-out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs, activate
from tests.support.community import PASSWORD, Community
from volunteer_app.domain.enums import Role
from volunteer_app.gui.areas import PAGE_MODULES, all_areas
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.tasks_page import TasksPage
from volunteer_app.services import accounts
from volunteer_app.services.storage import Database

COORDINATOR_AREAS = ["tasks", "assign", "roster", "hours_to_verify", "volunteers", "reports", "organisation"]
COORDINATOR_TITLES = ["Tasks", "Auto-assign", "Roster", "Hours to verify", "Volunteers", "Reports", "Organisation"]
VOLUNTEER_AREAS = ["tasks_for_me", "my_schedule", "my_hours", "free_hours", "profile"]
VOLUNTEER_TITLES = ["Tasks for me", "My schedule", "My hours", "Free hours", "Profile"]
#: Site administrators and organisation admins only (issue 12: inviting people, closing accounts).
ADMIN_AREAS = ["accounts"]


def sidebar_texts(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


@pytest.fixture
def both_sides_window(qtbot: QtBot, db: Database, community: Community) -> MainWindow:
    """A coordinator of organisation A who also volunteers there."""
    accounts.grant_role(db, community.admin, community.coord_a.email, community.org_a, Role.VOLUNTEER)
    window = MainWindow(db, accounts.sign_in(db, community.coord_a.email, PASSWORD))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_every_page_module_registers_an_area() -> None:
    keys = [a.key for a in all_areas()]
    assert keys == VOLUNTEER_AREAS + COORDINATOR_AREAS + ADMIN_AREAS
    assert len(PAGE_MODULES) == len(keys)


def test_coordinator_who_volunteers_sees_both_sides(both_sides_window: MainWindow) -> None:
    assert [a.key for a in both_sides_window.areas] == VOLUNTEER_AREAS + COORDINATOR_AREAS
    assert sidebar_texts(both_sides_window) == ["VOLUNTEERING", *VOLUNTEER_TITLES, "COORDINATING", *COORDINATOR_TITLES]
    assert both_sides_window.current_area() == "tasks"
    assert isinstance(both_sides_window.current_page(), TasksPage)


def test_coordinator_who_does_not_volunteer_sees_no_volunteer_pages(coordinator_window: MainWindow) -> None:
    assert [a.key for a in coordinator_window.areas] == COORDINATOR_AREAS
    assert sidebar_texts(coordinator_window) == ["COORDINATING", *COORDINATOR_TITLES]
    assert not set(VOLUNTEER_AREAS) & set(coordinator_window.pages)


def test_volunteer_sees_only_volunteer_areas(volunteer_window: MainWindow) -> None:
    assert [a.key for a in volunteer_window.areas] == VOLUNTEER_AREAS
    assert sidebar_texts(volunteer_window) == ["VOLUNTEERING", *VOLUNTEER_TITLES]
    assert "tasks" not in volunteer_window.pages and "volunteers" not in volunteer_window.pages
    view_actions = [a.text() for a in volunteer_window.view_menu.actions() if a.text()]
    assert view_actions == [*VOLUNTEER_TITLES, "&Refresh"]
    assert volunteer_window.current_area() == "tasks_for_me"


def test_site_admin_sees_coordinator_areas(qtbot: QtBot, db: Database, community: Community) -> None:
    window = MainWindow(db, community.admin)  # an administrator with no organisation role
    qtbot.addWidget(window)
    assert [a.key for a in window.areas] == COORDINATOR_AREAS + ADMIN_AREAS


@pytest.mark.parametrize(("number", "key"), list(enumerate((VOLUNTEER_AREAS + COORDINATOR_AREAS)[:9], start=1)))
def test_ctrl_number_switches_area(qtbot: QtBot, both_sides_window: MainWindow, number: int, key: str) -> None:
    window = both_sides_window
    activate(qtbot, window)
    first = "my_hours" if key != "my_hours" else "reports"
    window.show_area(first)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == key
    assert window.sidebar.currentItem().data(Qt.ItemDataRole.UserRole) == key
    assert window.area_actions[key].isChecked()


def test_clicking_the_sidebar_switches_area(coordinator_window: MainWindow) -> None:
    item = next(
        coordinator_window.sidebar.item(i)
        for i in range(coordinator_window.sidebar.count())
        if coordinator_window.sidebar.item(i).text() == "Volunteers"
    )
    coordinator_window.sidebar.setCurrentItem(item)
    assert coordinator_window.current_area() == "volunteers"


def test_menus_and_shortcuts(coordinator_window: MainWindow) -> None:
    titles = [a.text() for a in coordinator_window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    assert coordinator_window.settings_action.shortcut().toString() == "Ctrl+,"
    assert coordinator_window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert coordinator_window.refresh_action.shortcut().toString() == "F5"
    assert coordinator_window.help_action.shortcut().toString() == "F1"
    shortcuts = [coordinator_window.area_actions[a.key].shortcut().toString() for a in coordinator_window.areas]
    assert shortcuts == [f"Ctrl+{n}" for n in range(1, len(COORDINATOR_AREAS) + 1)]


def test_f1_shows_help(qtbot: QtBot, coordinator_window: MainWindow, dialogs: Dialogs) -> None:
    activate(qtbot, coordinator_window)
    qtbot.keyClick(coordinator_window, Qt.Key.Key_F1)
    assert dialogs.kinds() == ["information"]
    assert "Ctrl+1  Tasks" in dialogs.calls[0].text


def test_status_bar_says_who_and_which_database(coordinator_window: MainWindow, db: Database) -> None:
    assert coordinator_window.user_label.text() == "Signed in as coord.a (coord.a@example.org)"
    assert db.describe() in coordinator_window.database_label.text()


def test_sign_out_and_close_signals(qtbot: QtBot, coordinator_window: MainWindow) -> None:
    with qtbot.waitSignal(coordinator_window.sign_out_requested, timeout=1000):
        coordinator_window.sign_out_action.trigger()
    other = coordinator_window
    other._signing_out = False
    with qtbot.waitSignal(other.closed, timeout=1000):
        other.quit_action.trigger()
    QApplication.processEvents()
    assert not other.isVisible()


def test_file_menu_opens_my_home_address(qtbot: QtBot, volunteer_window: MainWindow) -> None:
    from volunteer_app.gui.home_dialog import HomeAddressDialog

    assert volunteer_window.home_action in volunteer_window.file_menu.actions()
    volunteer_window.home_action.trigger()
    dialogs = [w for w in volunteer_window.findChildren(HomeAddressDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.actor.person_id == volunteer_window.actor.person_id
    qtbot.waitUntil(lambda: "No home address saved yet." in dialog.current_label.text())
    dialog.reject()


def test_a_page_can_send_the_person_to_another_area(volunteer_window: MainWindow) -> None:
    page = volunteer_window.pages["tasks_for_me"]
    page.go_to_area.emit("free_hours")  # e.g. "Add free hours" on an empty Tasks for me
    assert volunteer_window.current_area() == "free_hours"
    page.go_to_area.emit("no_such_area")
    assert volunteer_window.current_area() == "free_hours"


def test_help_offers_certificate_checks_and_the_ledger(volunteer_window: MainWindow, dialogs: Dialogs) -> None:
    help_actions = volunteer_window.help_menu.actions()
    assert volunteer_window.verify_certificate_action in help_actions
    assert volunteer_window.ledger_action in help_actions
    assert volunteer_window.issue_certificate_action not in volunteer_window.file_menu.actions()  # volunteers
    volunteer_window.check_ledger()
    assert dialogs.kinds() == ["information"] and "Intact" in dialogs.calls[0].text
    dialog = volunteer_window.open_verify_certificate()
    assert dialog.isVisible()
    dispose(dialog)


def test_coordinators_issue_certificates_from_the_file_menu(coordinator_window: MainWindow) -> None:
    assert coordinator_window.issue_certificate_action in coordinator_window.file_menu.actions()
    dialog = coordinator_window.open_issue_certificate()
    assert dialog.isVisible()
    dispose(dialog)


def dispose(dialog: QWidget) -> None:
    """Close and destroy a dialog, so no hidden window keeps the focus for the next test."""
    dialog.close()
    dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_change_password_from_the_file_menu(qtbot: QtBot, db: Database, volunteer_window: MainWindow) -> None:
    assert volunteer_window.password_action in volunteer_window.file_menu.actions()
    dialog = volunteer_window.change_password()
    dialog.current_edit.setText(PASSWORD)
    dialog.new_edit.setText("brand new pass 9")
    dialog.repeat_edit.setText("brand new pass 8")
    dialog.change()
    assert "differ" in dialog.status.text() and dialog.isVisible()
    dialog.current_edit.setText("not my password")
    dialog.repeat_edit.setText("brand new pass 9")
    dialog.change()
    assert "current password is not right" in dialog.status.text()
    dialog.current_edit.setText(PASSWORD)
    dialog.change()
    assert dialog.changed and not dialog.isVisible()
    assert accounts.sign_in(db, volunteer_window.actor.email, "brand new pass 9").person_id == volunteer_window.actor.person_id
    dispose(dialog)
