"""Every control can be named by a screen reader, and the keyboard reaches what matters.

The rule (checked for every interactive widget of the main window and the dialogs):
a control has a non-empty ``accessibleName()``, except a button whose own text says
what it does (screen readers read that text). Labels with a buddy are not controls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.conftest import activate
from tests.support.community import Community
from volunteer_app.gui import i18n
from volunteer_app.gui.about_dialog import AboutDialog
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.settings_dialog import SettingsDialog
from volunteer_app.gui.sign_in import SignInDialog
from volunteer_app.gui.tasks_page import TasksPage
from volunteer_app.store.database import Database

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def is_internal(widget: QWidget) -> bool:
    """Qt's own helper widgets (scroll bar buttons, the header's corner, a combo's popup list...)."""
    name = widget.objectName()
    if name.startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        # A line edit's clear button, a table's corner button, a combo's popup: parts of one control.
        if isinstance(parent, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)) or (
            parent.objectName().startswith("qt_")
        ):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or is_internal(widget):
            continue
        if widget.accessibleName().strip():
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}")
    return missing


def check_in_both_languages(root: QWidget) -> None:
    assert unnamed_controls(root) == []
    i18n.apply_language(i18n.CHINESE)
    assert unnamed_controls(root) == []
    i18n.apply_language(i18n.ENGLISH)


def test_main_window_controls_are_named(coordinator_window: MainWindow) -> None:
    for key in coordinator_window.pages:
        coordinator_window.show_area(key)
    check_in_both_languages(coordinator_window)
    page = coordinator_window.pages["tasks"]
    assert isinstance(page, ListPage)
    assert page.table.accessibleName() == "Tasks"
    assert coordinator_window.sidebar.accessibleName() == "Areas"


def test_sign_in_dialog_controls_are_named(qtbot: QtBot, db: Database) -> None:
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    check_in_both_languages(dialog)
    assert dialog.ui.emailLabel.buddy() is dialog.ui.emailEdit
    assert dialog.ui.passwordLabel.buddy() is dialog.ui.passwordEdit


def test_settings_about_and_wizard_controls_are_named(qtbot: QtBot, db: Database) -> None:
    for dialog in (SettingsDialog(), AboutDialog(), FirstRunWizard(db)):
        qtbot.addWidget(dialog)
        check_in_both_languages(dialog)


def test_tab_goes_from_the_filter_to_the_table(qtbot: QtBot, coordinator_window: MainWindow) -> None:
    activate(qtbot, coordinator_window)
    page = coordinator_window.pages["tasks"]
    assert isinstance(page, ListPage)
    page.filter_edit.setFocus()
    assert QApplication.focusWidget() is page.filter_edit
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Tab)
    assert isinstance(page, TasksPage) and QApplication.focusWidget() is page.past_box
    qtbot.keyClick(page.past_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table
    # The sidebar is reachable too: Tab order runs sidebar -> page.
    chain, widget = [], coordinator_window.sidebar.nextInFocusChain()
    while widget is not coordinator_window.sidebar and len(chain) < 1000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert page.filter_edit in chain and chain.index(page.filter_edit) < chain.index(page.table)


def test_sign_in_tab_order(qtbot: QtBot, db: Database, community: Community) -> None:
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    dialog.ui.emailEdit.setFocus()
    qtbot.keyClick(dialog.ui.emailEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ui.passwordEdit
