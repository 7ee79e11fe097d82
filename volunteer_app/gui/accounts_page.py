"""The Accounts area: administrators invite people and close accounts (issue 12).

* A site administrator, and an organisation's admins for their own organisations, invite
  someone (email, name, organisation, role) with ``accounts.invite``. The app makes a first
  password; ``PasswordOnceDialog`` shows it this once, with a Copy button, to be passed on.
  On a shared server the same step makes the person's own PostgreSQL login.
* A site administrator closes an account (``accounts.remove``) after a confirmation naming
  it: the person can no longer sign in (on a shared server their login is disabled); their
  hours and history stay.

The services check the permissions; this page only hides what a person may not do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import validation
from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.list_tables import Col, RowsModel, rows_table, selected_rows
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import accounts, organisations
from volunteer_app.services.accounts import AccountRow, Actor, Invited
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.organisations import OrganisationInfo
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Accounts")
CONTEXT = "Accounts"
#: The roles an invitation gives, with their names as the window shows them.
ROLE_NAMES: dict[Role, str] = {
    Role.VOLUNTEER: QT_TRANSLATE_NOOP("Accounts", "Volunteer"),
    Role.COORDINATOR: QT_TRANSLATE_NOOP("Accounts", "Coordinator"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Accounts", "Organisation admin"),
}


def role_name(role: Role) -> str:
    return QCoreApplication.translate(CONTEXT, ROLE_NAMES[role])


def manages_accounts(actor: Actor) -> bool:
    """Site administrators, and the admins of an organisation (for theirs)."""
    return actor.is_admin or bool(actor.organisations_with(Role.ADMIN))


def organisations_to_invite_to(db: Database, actor: Actor) -> list[OrganisationInfo]:
    """Every organisation for a site administrator; an organisation's admin, theirs (worker side)."""
    infos = organisations.list_organisations(db, actor)
    return infos if actor.is_admin else [o for o in infos if Role.ADMIN.value in o.my_roles]


# --------------------------------------------------------------------------- the password, shown once


class PasswordOnceDialog(Retranslating, QDialog):
    """The new account's first password, shown this once, with a Copy button."""

    def __init__(self, invited: Invited, name: str, organisation: str, role: Role, parent: QWidget | None = None):
        super().__init__(parent)
        self.invited, self.name, self.organisation, self.role = invited, name, organisation, role
        self.setObjectName("passwordOnceDialog")
        self.heading = style.subheading_label(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.password_label = QLabel(self)
        self.password_edit = QLineEdit(invited.password or "", self)
        self.password_edit.setObjectName("passwordShownOnce")
        self.password_edit.setReadOnly(True)
        self.password_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.password_edit.setMinimumWidth(self.password_edit.fontMetrics().horizontalAdvance("M" * 28))
        self.password_label.setBuddy(self.password_edit)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyPasswordButton")
        self.copy_button.clicked.connect(self.copy)
        self.once_note = QLabel(self)
        self.once_note.setWordWrap(True)
        style.set_tone(self.once_note, Tone.WARNING)
        self.copied_label = QLabel(self)
        style.make_note(self.copied_label)
        self.copied_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        row = QHBoxLayout()
        row.addWidget(self.password_label)
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.copied_label)
        layout.addWidget(self.once_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self.copy_button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Account made"))
        self.heading.setText(self.tr("{name} can sign in now").format(name=self.name))
        self.text.setText(
            self.tr("{name} ({email}) is now a {role} of {organisation}. Their first password:").format(
                name=self.name, email=self.invited.email, role=role_name(self.role), organisation=self.organisation
            )
        )
        self.password_label.setText(self.tr("&Password:"))
        self.password_edit.setAccessibleName(self.tr("First password of {email}").format(email=self.invited.email))
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the password"))
        self.copied_label.setText(self.tr("Copied. Paste it where only they will read it."))
        self.once_note.setText(
            self.tr(
                "This password is shown this once: the app does not keep it where anyone can read it again. "
                "Pass it on to them safely; they can change it after signing in (File → Change password)."
            )
        )
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password_edit.text())
        self.copied_label.show()


# --------------------------------------------------------------------------- inviting


class InviteDialog(Retranslating, QDialog):
    """Email, name, organisation and role; Invite makes the account in the background.

    ``invited`` holds the outcome once accepted (with the generated password).
    """

    def __init__(self, db: Database, actor: Actor, orgs: list[OrganisationInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.invited: Invited | None = None
        self._task: BackgroundTask | None = None
        self.setObjectName("inviteDialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("inviteEmail")
        self.email_edit.setPlaceholderText("name@example.org")
        self.email_edit.setMaxLength(validation.MAX_EMAIL)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(validation.MAX_NAME)
        self.name_edit.setObjectName("inviteName")
        self.organisation_combo = QComboBox(self)
        self.organisation_combo.setObjectName("inviteOrganisation")
        for org in orgs:
            self.organisation_combo.addItem(org.name, org.id)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("inviteRole")
        for role in ROLE_NAMES:
            self.role_combo.addItem("", role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(Role.VOLUNTEER.value))
        self.email_label, self.name_label = QLabel(self), QLabel(self)
        self.organisation_label, self.role_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        for label, widget in (
            (self.email_label, self.email_edit),
            (self.name_label, self.name_edit),
            (self.organisation_label, self.organisation_combo),
            (self.role_label, self.role_combo),
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.note = style.make_note(QLabel(self))
        self.status = style.error_label(self)
        self.status.setObjectName("inviteStatus")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.invite)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self.email_edit.setFocus()

    @property
    def invite_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Invite someone"))
        self.intro.setText(self.tr("Make an account for someone, with a role in an organisation."))
        self.email_label.setText(self.tr("&Email:"))
        self.name_label.setText(self.tr("&Name:"))
        self.organisation_label.setText(self.tr("&Organisation:"))
        self.role_label.setText(self.tr("&Role:"))
        self.email_edit.setAccessibleName(self.tr("Email"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("How others see them, e.g. Li Wei"))
        self.organisation_combo.setAccessibleName(self.tr("Organisation"))
        self.role_combo.setAccessibleName(self.tr("Role"))
        for i in range(self.role_combo.count()):
            self.role_combo.setItemText(i, role_name(Role(self.role_combo.itemData(i))))
        self.note.setText(
            self.tr(
                "The app makes a first password and shows it to you once, to pass on. On a shared server "
                "the account is also their own login to the database."
            )
        )
        ok = self.invite_button
        ok.setText(self.tr("Invite"))
        ok.setAccessibleName(self.tr("Invite"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))

    def chosen_role(self) -> Role:
        return Role(self.role_combo.currentData())

    def invite(self) -> None:
        if self._task is not None:
            return
        email, name = self.email_edit.text().strip(), self.name_edit.text().strip()
        organisation_id = self.organisation_combo.currentData()
        if not email or not name:
            style.show_status(self.status, self.tr("Type their email address and their name."))
            (self.email_edit if not email else self.name_edit).setFocus()
            return
        if organisation_id is None:
            style.show_status(self.status, self.tr("There is no organisation to invite them to yet."))
            return
        db, actor, role = self.db, self.actor, self.chosen_role()
        self.buttons.setEnabled(False)
        style.show_status(self.status, self.tr("Making the account…"), Tone.NOTE)
        task = run_in_background(
            self,
            lambda _job: accounts.invite(db, actor, email, name, int(organisation_id), role),
            self._invited,
            self._failed,
        )
        self._task = None if task.done else task

    def _invited(self, invited: Invited) -> None:
        self._task = None
        self.buttons.setEnabled(True)
        self.invited = invited
        style.show_status(self.status, "")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.buttons.setEnabled(True)
        if isinstance(exc, ServiceError):
            style.show_status(self.status, errors.translate_service_error(exc))
            self.email_edit.setFocus()
        else:
            style.show_status(self.status, "")
            errors.show_error(self, exc)


# --------------------------------------------------------------------------- the page


def _roles_text(row: AccountRow) -> str:
    parts = [
        QCoreApplication.translate("Accounts", "{role} of {organisation}").format(
            role=role_name(role), organisation=organisation
        )
        for organisation, role in row.roles
    ]
    if row.is_admin:
        parts.insert(0, QCoreApplication.translate("Accounts", "Site administrator"))
    return "; ".join(parts) or "—"


def _status_text(row: AccountRow) -> str:
    return (
        QCoreApplication.translate("Accounts", "Active")
        if row.is_active
        else QCoreApplication.translate("Accounts", "Closed")
    )


ACCOUNT_COLUMNS: list[Col[AccountRow]] = [
    Col("Accounts", QT_TRANSLATE_NOOP("Accounts", "Name"), lambda r: r.display_name, 180),
    Col("Accounts", QT_TRANSLATE_NOOP("Accounts", "Email"), lambda r: r.email, 220),
    Col("Accounts", QT_TRANSLATE_NOOP("Accounts", "Roles"), _roles_text, 320, tooltip=_roles_text, stretch=True),
    Col("Accounts", QT_TRANSLATE_NOOP("Accounts", "Status"), _status_text, 80),
]


@register_area("accounts", TITLE, Side.COORDINATOR, order=180, visible=manages_accounts)
class AccountsPage(AreaPage):
    """Invite someone; close an account (site administrators)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.orgs: list[OrganisationInfo] = []
        self._loaded = False
        self.invite_dialog: InviteDialog | None = None
        self.password_dialog: PasswordOnceDialog | None = None

        self.heading = style.heading_label(self)
        self.intro = style.make_note(QLabel(self))

        self.invite_box = QGroupBox(self)
        self.invite_note = style.make_note(QLabel(self.invite_box))
        self.invite_button = QPushButton(self.invite_box)
        self.invite_button.setObjectName("inviteButton")
        self.invite_button.setEnabled(False)  # until the organisations are loaded
        self.invite_button.clicked.connect(self.open_invite)
        invite_layout = QVBoxLayout(self.invite_box)
        invite_layout.addWidget(self.invite_note)
        invite_row = QHBoxLayout()
        invite_row.addWidget(self.invite_button)
        invite_row.addStretch(1)
        invite_layout.addLayout(invite_row)

        self.people_box = QGroupBox(self)
        self.people_model: RowsModel[AccountRow] = RowsModel(ACCOUNT_COLUMNS, self)
        self.people_table = rows_table(self.people_model, self.people_box)
        self.people_table.setObjectName("accountsTable")
        self.people_table.selectionModel().selectionChanged.connect(self._account_chosen)
        people_layout = QVBoxLayout(self.people_box)
        people_layout.addWidget(self.people_table)

        self.remove_box = QGroupBox(self)
        self.remove_note = style.make_note(QLabel(self.remove_box))
        self.remove_label = QLabel(self.remove_box)
        self.remove_edit = QLineEdit(self.remove_box)
        self.remove_edit.setObjectName("removeEmail")
        self.remove_edit.setPlaceholderText("name@example.org")
        self.remove_edit.setClearButtonEnabled(True)
        self.remove_edit.setMaxLength(validation.MAX_EMAIL)  # echoed in the question: one readable line
        self.remove_label.setBuddy(self.remove_edit)
        self.remove_button = QPushButton(self.remove_box)
        self.remove_button.setObjectName("removeButton")
        self.remove_button.clicked.connect(self.remove_account)
        self.remove_edit.returnPressed.connect(self.remove_account)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_label)
        remove_row.addWidget(self.remove_edit, 1)
        remove_row.addWidget(self.remove_button)
        remove_layout = QVBoxLayout(self.remove_box)
        remove_layout.addWidget(self.remove_note)
        remove_layout.addLayout(remove_row)
        self.remove_box.setVisible(actor.is_admin)  # accounts.remove: site administrators only

        self.status = style.error_label(self)
        self.status.setObjectName("accountsStatus")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*style.PAGE_MARGINS)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.invite_box)
        layout.addWidget(self.people_box, 1)
        layout.addWidget(self.remove_box)
        layout.addWidget(self.status)
        self.setTabOrder(self.invite_button, self.people_table)
        self.setTabOrder(self.people_table, self.remove_edit)
        self.setTabOrder(self.remove_edit, self.remove_button)
        self.setFocusProxy(self.invite_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(QCoreApplication.translate("Areas", TITLE))
        if self.actor.is_admin:
            self.intro.setText(
                self.tr(
                    "Invite the people who volunteer and coordinate here, and close the accounts of people "
                    "who have left."
                )
            )
        else:
            self.intro.setText(
                self.tr("Invite people to the organisations you run. A site administrator closes accounts.")
            )
        self.invite_box.setTitle(self.tr("Invite someone"))
        self.invite_note.setText(
            self.tr(
                "A new account with a role in an organisation. You see its first password once, to pass on; "
                "on a shared server it is also their own login to the database."
            )
        )
        self.invite_button.setText(self.tr("&Invite someone…"))
        self.invite_button.setAccessibleName(self.tr("Invite someone"))
        self.people_box.setTitle(self.tr("Accounts"))
        self.people_model.retranslate()
        self.people_table.setAccessibleName(self.tr("Accounts"))
        self.remove_box.setTitle(self.tr("Close an account"))
        self.remove_note.setText(
            self.tr(
                "They can no longer sign in, and on a shared server their login is disabled. "
                "Their hours and history stay."
            )
        )
        self.remove_label.setText(self.tr("&Email:"))
        self.remove_edit.setAccessibleName(self.tr("Email of the account to close"))
        self.remove_button.setText(self.tr("&Remove account…"))
        self.remove_button.setAccessibleName(self.tr("Remove account"))

    def activate(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        run_in_background(
            self,
            lambda _job: (organisations_to_invite_to(db, actor), accounts.list_accounts(db, actor)),
            self._loaded_all,
            self._load_failed,
        )

    def _loaded_all(self, loaded: tuple[list[OrganisationInfo], list[AccountRow]]) -> None:
        orgs, people = loaded
        self.people_model.set_rows(people)
        self._orgs_loaded(orgs)

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            style.show_status(self.status, errors.translate_service_error(exc))
        else:
            errors.show_error(self, exc)

    def _account_chosen(self, *_args: object) -> None:
        chosen = selected_rows(self.people_table)
        if chosen and self.remove_box.isVisible():
            self.remove_edit.setText(chosen[0].email)

    def _orgs_loaded(self, orgs: list[OrganisationInfo]) -> None:
        self._loaded = True
        self.orgs = orgs
        self.invite_button.setEnabled(bool(orgs))
        if not orgs:
            style.show_status(self.status, self.tr("There is no organisation yet: add one first."), Tone.NOTE)

    # -- inviting

    def open_invite(self) -> InviteDialog:
        dialog = InviteDialog(self.db, self.actor, self.orgs, self)
        self.invite_dialog = dialog
        dialog.accepted.connect(lambda: self._invited(dialog))
        dialog.open()
        return dialog

    def _invited(self, dialog: InviteDialog) -> None:
        invited = dialog.invited
        if invited is None:
            return
        name = dialog.name_edit.text().strip()
        organisation = dialog.organisation_combo.currentText()
        role = dialog.chosen_role()
        self.invite_dialog = None
        dialog.deleteLater()
        style.show_status(
            self.status,
            self.tr("{email} was invited as a {role} of {organisation}.").format(
                email=invited.email, role=role_name(role), organisation=organisation
            ),
            Tone.SUCCESS,
        )
        self.refresh()
        if invited.password is not None:
            shown = PasswordOnceDialog(invited, name, organisation, role, self)
            shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.password_dialog = shown
            shown.destroyed.connect(lambda *_: setattr(self, "password_dialog", None))
            shown.open()

    # -- removing

    def remove_account(self) -> None:
        email = self.remove_edit.text().strip()
        if not email:
            style.show_status(self.status, self.tr("Type the email address of the account to close."))
            self.remove_edit.setFocus()
            return
        if email.casefold() == self.actor.email.casefold():  # the service refuses it too; no question first
            style.show_status(self.status, QCoreApplication.translate("errors", "You cannot remove your own account."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove account"),
            self.tr(
                "Remove the account of {email}? They will no longer be able to sign in, and on a shared server "
                "their login is disabled. Their hours and history stay."
            ).format(email=email),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor = self.db, self.actor
        self.remove_button.setEnabled(False)
        run_in_background(
            self,
            lambda _job: accounts.remove(db, actor, email),
            lambda _none: self._removed(email),
            self._remove_failed,
        )

    def _removed(self, email: str) -> None:
        self.remove_button.setEnabled(True)
        self.remove_edit.clear()
        self.refresh()
        style.show_status(
            self.status,
            self.tr("The account of {email} is closed: it can no longer sign in.").format(email=email),
            Tone.SUCCESS,
        )

    def _remove_failed(self, exc: BaseException) -> None:
        self.remove_button.setEnabled(True)
        if isinstance(exc, ServiceError):
            style.show_status(self.status, errors.translate_service_error(exc))
            self.remove_edit.setFocus()
        else:
            style.show_status(self.status, "")
            errors.show_error(self, exc)


__all__ = ["AccountsPage", "InviteDialog", "PasswordOnceDialog", "manages_accounts", "role_name"]
