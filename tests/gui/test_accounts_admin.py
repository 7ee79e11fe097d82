"""The Accounts area (issue 12): administrators invite people (the first password shown once, with
Copy) and a site administrator closes accounts after a confirmation naming them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import PASSWORD, Community
from tests.support.shared_server import SharedServer
from volunteer_app.domain.enums import Role
from volunteer_app.gui import i18n
from volunteer_app.gui.accounts_page import AccountsPage, InviteDialog, PasswordOnceDialog
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.services import accounts, shared_server
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.store.database import Database


def open_accounts(qtbot: QtBot, db: Database, actor: Actor) -> tuple[MainWindow, AccountsPage]:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.show_area("accounts")
    page = window.pages["accounts"]
    assert isinstance(page, AccountsPage)
    return window, page


def invite_through_dialog(
    qtbot: QtBot, page: AccountsPage, email: str, name: str, organisation: str, role: Role
) -> PasswordOnceDialog:
    assert page.invite_button.isEnabled()
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    dialog = page.invite_dialog
    assert isinstance(dialog, InviteDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.email_edit, email)
    qtbot.keyClicks(dialog.name_edit, name)
    dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findText(organisation))
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role.value))
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    shown = page.password_dialog
    assert isinstance(shown, PasswordOnceDialog) and shown.isVisible()
    return shown


def remove_through_page(qtbot: QtBot, page: AccountsPage, dialogs: Dialogs, email: str) -> None:
    dialogs.answer = QMessageBox.StandardButton.Yes
    page.remove_edit.clear()
    qtbot.keyClicks(page.remove_edit, email)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)


# --------------------------------------------------------------------------- who sees it


def test_site_admins_and_organisation_admins_see_accounts_others_do_not(
    qtbot: QtBot, db: Database, community: Community
) -> None:
    _window, page = open_accounts(qtbot, db, community.admin)
    assert [o.name for o in page.orgs] == ["Hillside Food Bank", "Riverside Community Centre"]
    assert page.remove_box.isVisibleTo(page)
    for plain in (community.coord_a, community.volunteer):
        window = MainWindow(db, plain)
        qtbot.addWidget(window)
        assert "accounts" not in window.pages
    accounts.grant_role(db, community.admin, community.coord_a.email, community.org_a, Role.ADMIN)
    _window, org_admin_page = open_accounts(qtbot, db, accounts.refresh(db, community.coord_a))
    assert [o.name for o in org_admin_page.orgs] == ["Riverside Community Centre"]  # only the one they run
    assert not org_admin_page.remove_box.isVisibleTo(org_admin_page)  # closing accounts: site admins only


# --------------------------------------------------------------------------- inviting


def test_invite_shows_the_password_once_with_copy(qtbot: QtBot, db: Database, community: Community) -> None:
    _window, page = open_accounts(qtbot, db, community.admin)
    shown = invite_through_dialog(
        qtbot, page, "new.coord@example.org", "Wang Fang", "Riverside Community Centre", Role.COORDINATOR
    )
    password = shown.password_edit.text()
    assert len(password) >= accounts.MIN_PASSWORD_LENGTH and shown.password_edit.isReadOnly()
    assert "shown this once" in shown.once_note.text()
    assert "Wang Fang (new.coord@example.org) is now a Coordinator of Riverside Community Centre" in shown.text.text()
    qtbot.mouseClick(shown.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == password and shown.copied_label.isVisibleTo(shown)
    assert page.status.text() == "new.coord@example.org was invited as a Coordinator of Riverside Community Centre."
    # The password works, and the role came with it.
    actor = accounts.sign_in(db, "new.coord@example.org", password)
    assert actor.display_name == "Wang Fang" and actor.organisations_with(Role.COORDINATOR) == [community.org_a]
    QApplication.clipboard().clear()
    shown.close()
    assert page.password_dialog is None or not page.password_dialog.isVisible()


def test_invite_refusals_stay_in_the_dialog(qtbot: QtBot, db: Database, community: Community) -> None:
    _window, page = open_accounts(qtbot, db, community.admin)
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    dialog = page.invite_dialog
    assert isinstance(dialog, InviteDialog)
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Type their email address and their name."
    qtbot.keyClicks(dialog.email_edit, "vol@example.org")  # has an account already
    qtbot.keyClicks(dialog.name_edit, "Someone")
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "An account for vol@example.org exists already."
    assert dialog.isVisible() and dialog.invited is None and page.password_dialog is None


def test_keyboard_and_names_in_both_languages(qtbot: QtBot, db: Database, community: Community) -> None:
    window, page = open_accounts(qtbot, db, community.admin)
    assert unnamed_controls(page) == []
    assert page.remove_label.buddy() is page.remove_edit
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    dialog = page.invite_dialog
    assert isinstance(dialog, InviteDialog)
    assert [dialog.email_label.buddy(), dialog.organisation_label.buddy()] == [
        dialog.email_edit,
        dialog.organisation_combo,
    ]
    assert unnamed_controls(dialog) == []
    i18n.apply_language(i18n.CHINESE)
    assert unnamed_controls(page) == [] and unnamed_controls(dialog) == []
    assert window.area_actions["accounts"].text()  # reachable from the View menu (Ctrl+number past nine)


# --------------------------------------------------------------------------- removing


def test_remove_asks_naming_the_account_and_cancel_keeps_it(
    qtbot: QtBot, db: Database, community: Community, dialogs: Dialogs
) -> None:
    _window, page = open_accounts(qtbot, db, community.admin)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClicks(page.remove_edit, "vol@example.org")
    qtbot.keyClick(page.remove_edit, Qt.Key.Key_Return)
    assert dialogs.kinds() == ["question"]
    assert "Remove the account of vol@example.org?" in dialogs.calls[0].text
    assert accounts.sign_in(db, "vol@example.org", PASSWORD).person_id == community.volunteer.person_id
    remove_through_page(qtbot, page, dialogs, "vol@example.org")
    assert page.status.text() == "The account of vol@example.org is closed: it can no longer sign in."
    with pytest.raises(InvalidCredentials):
        accounts.sign_in(db, "vol@example.org", PASSWORD)
    remove_through_page(qtbot, page, dialogs, "admin@example.org")
    assert page.status.text() == "You cannot remove your own account."
    remove_through_page(qtbot, page, dialogs, "nobody@example.org")
    assert page.status.text() == "No account for nobody@example.org."


# --------------------------------------------------------------------------- on a shared server


def test_on_a_shared_server_the_invited_person_signs_in_and_removal_shuts_them_out(
    qtbot: QtBot, shared: SharedServer, dialogs: Dialogs
) -> None:
    signed = shared_server.sign_in(shared.desktop_url, "admin@example.org", PASSWORD)
    shared._open.append(signed.db)
    assert signed.db.person_mode
    _window, page = open_accounts(qtbot, signed.db, signed.actor)
    shown = invite_through_dialog(
        qtbot, page, "new.coord@example.org", "Wang Fang", "Riverside Community Centre", Role.COORDINATOR
    )
    password = shown.password_edit.text()
    shown.close()
    newcomer = shared_server.sign_in(shared.desktop_url, "new.coord@example.org", password)
    try:
        assert newcomer.db.person_mode
        assert newcomer.actor.organisations_with(Role.COORDINATOR) == [shared.community.org_a]
    finally:
        newcomer.db.dispose()
    remove_through_page(qtbot, page, dialogs, "new.coord@example.org")
    assert page.status.text() == "The account of new.coord@example.org is closed: it can no longer sign in."
    with pytest.raises(InvalidCredentials):
        shared_server.sign_in(shared.desktop_url, "new.coord@example.org", password)


def test_the_accounts_table_lists_people_and_follows_invites_and_removals(
    qtbot: QtBot, db: Database, community: Community, dialogs: Dialogs
) -> None:
    _window, page = open_accounts(qtbot, db, community.admin)
    qtbot.waitUntil(lambda: page.people_model.rowCount() == 5)
    emails = [row.email for row in page.people_model.rows()]
    assert "coord.a@example.org" in emails and "admin@example.org" in emails
    coord_a = next(r for r in page.people_model.rows() if r.email == "coord.a@example.org")
    assert page.people_model.data(page.people_model.index(page.people_model.rows().index(coord_a), 2)) == (
        "Coordinator of Riverside Community Centre"
    )
    shown = invite_through_dialog(qtbot, page, "new.person@example.org", "New Person", "Hillside Food Bank",
                                  Role.VOLUNTEER)  # fmt: skip
    shown.close()
    qtbot.waitUntil(lambda: "new.person@example.org" in [r.email for r in page.people_model.rows()])
    # Choosing a row puts its email where an account is closed; closing it shows it as closed.
    row = [r.email for r in page.people_model.rows()].index("vol.b@example.org")
    page.people_table.selectRow(row)
    assert page.remove_edit.text() == "vol.b@example.org"
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.email == "vol.b@example.org" and not r.is_active for r in page.people_model.rows()))
    assert page.people_model.rows()[-1].email == "vol.b@example.org"  # closed accounts last


def test_an_organisation_admin_lists_only_their_members(db: Database, community: Community) -> None:
    accounts.grant_role(db, community.admin, "coord.b@example.org", community.org_b, Role.ADMIN)
    org_admin = accounts.refresh(db, community.coord_b)
    listed = {row.email for row in accounts.list_accounts(db, org_admin)}
    assert listed == {"coord.b@example.org", "vol.b@example.org"}
    with pytest.raises(Exception, match="administrator"):
        accounts.list_accounts(db, community.volunteer)
