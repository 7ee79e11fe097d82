"""First run on an empty database: a wizard that creates the first administrator.

Welcome → the account (email, name, password twice, with the rules shown) →
done, where "I will volunteer too" leads on to one more page: the volunteer
profile (``profile_page.ProfileForm``). Creating the account (an Argon2 hash
and a transaction) and loading and saving the profile run in the background;
the wizard moves on when they have succeeded.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from volunteer_app.gui import errors
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.profile_page import ProfileData, ProfileForm, load_profile
from volunteer_app.gui.style import Tone, error_label, make_note, show_status
from volunteer_app.services import accounts, profiles
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import Database


class WelcomePage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.location = make_note(QLabel(self))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addWidget(self.location)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Volunteer App"))
        self.text.setText(
            self.tr(
                "This database has no accounts yet. The first account you create now is the administrator: "
                "it sets up organisations and adds coordinators and volunteers."
            )
        )
        self.location.setText(self.tr("Database: {location}").format(location=self.db.describe()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AdminPage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self._task: BackgroundTask | None = None
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText("name@example.org")
        self.name_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.rules = make_note(QLabel(self))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.form = QFormLayout()
        self.email_label, self.name_label = QLabel(self), QLabel(self)
        self.password_label, self.repeat_label = QLabel(self), QLabel(self)
        for label, edit in (
            (self.email_label, self.email_edit),
            (self.name_label, self.name_edit),
            (self.password_label, self.password_edit),
            (self.repeat_label, self.repeat_edit),
        ):
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.rules)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        for edit in (self.email_edit, self.name_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self.completeChanged)
            edit.textChanged.connect(lambda _text: self.error_label.hide())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The administrator account"))
        self.setSubTitle(self.tr("You will sign in with this email address and password."))
        self.email_label.setText(self.tr("&Email:"))
        self.name_label.setText(self.tr("&Name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.repeat_label.setText(self.tr("&Repeat password:"))
        self.email_edit.setAccessibleName(self.tr("Email"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("How others see you, e.g. Li Wei"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.repeat_edit.setAccessibleName(self.tr("Repeat password"))
        self.rules.setText(
            self.tr("The password needs at least {minimum} characters. A few unrelated words make a good one.").format(
                minimum=accounts.MIN_PASSWORD_LENGTH
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def isComplete(self) -> bool:
        return self._task is None and all(
            e.text().strip() for e in (self.email_edit, self.name_edit, self.password_edit, self.repeat_edit)
        )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleName(text)
        self.error_label.show()

    def validatePage(self) -> bool:
        if self.actor is not None:
            return True
        if self._task is not None:
            return False
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.show_error(self.tr("The two passwords differ. Type the same password twice."))
            self.repeat_edit.selectAll()
            self.repeat_edit.setFocus()
            return False
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            self.show_error(
                self.tr("The password needs at least {minimum} characters.").format(
                    minimum=accounts.MIN_PASSWORD_LENGTH
                )
            )
            self.password_edit.setFocus()
            return False
        email, name = self.email_edit.text().strip(), self.name_edit.text().strip()
        task = run_in_background(
            self,
            lambda _job: accounts.create_first_admin(self.db, email, name, password),
            self._created,
            self._failed,
        )
        self._task = None if task.done else task  # done already with the synchronous runner
        self.completeChanged.emit()
        return self.actor is not None  # True at once with the synchronous runner (tests)

    def _created(self, actor: Actor) -> None:
        waited = self._task is not None  # False with the synchronous runner: validatePage returns True itself
        self._task = None
        self.actor = actor
        self.completeChanged.emit()
        wizard = self.wizard()
        if waited and wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.completeChanged.emit()
        if isinstance(exc, ServiceError):
            self.show_error(errors.translate_service_error(exc))
        else:
            errors.show_error(self, exc)


class DonePage(QWizardPage):
    def __init__(self, admin_page: AdminPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin_page = admin_page
        self.profile_page_id = -1  # set by the wizard
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.volunteer_box = QCheckBox(self)
        self.volunteer_box.setObjectName("volunteerTooBox")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addWidget(self.volunteer_box)
        layout.addStretch(1)
        self.setFinalPage(True)
        self.volunteer_box.toggled.connect(self._volunteer_toggled)
        self.retranslate()

    def nextId(self) -> int:
        return self.profile_page_id if self.volunteer_box.isChecked() else -1

    def _volunteer_toggled(self, checked: bool) -> None:
        # Finish when not volunteering; Next (to the profile) when volunteering too.
        self.setFinalPage(not checked)
        self.completeChanged.emit()  # makes the wizard look at nextId() and its buttons again

    def initializePage(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("All set"))
        email = self.admin_page.actor.email if self.admin_page.actor else ""
        self.text.setText(
            self.tr(
                "The administrator account {email} is ready. Next, add your organisation and the people "
                "who coordinate it. Press Finish to open the app."
            ).format(email=email)
        )
        self.volunteer_box.setText(self.tr("I will volunteer too: set up my profile next"))
        self.volunteer_box.setAccessibleName(self.tr("I will volunteer too: set up my profile next"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ProfileSetupPage(QWizardPage):
    """The new person's volunteer profile (skills, travel distance, weekly limit), saved on Finish."""

    def __init__(self, db: Database, admin_page: AdminPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.admin_page = admin_page
        self.form: ProfileForm | None = None
        self.saved = False
        self._task: BackgroundTask | None = None
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error_label = error_label(self)
        self.error_label.setObjectName("profileSetupError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error_label)
        self.setFinalPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your volunteer profile"))
        self.setSubTitle(
            self.tr("What you can do, how far you travel and how many hours a week. You can change it later.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:
        actor = self.admin_page.actor
        if actor is None or self.form is not None:
            return
        self.form = ProfileForm(self.db, actor, self.scroll, columns=1)
        self.scroll.setWidget(self.form)
        wizard = self.wizard()
        if wizard is not None:  # room for the skills list
            wizard.resize(max(wizard.width(), 720), max(wizard.height(), 640))
        db = self.db
        run_in_background(self, lambda _job: load_profile(db, actor), self._loaded, self._failed)

    def _loaded(self, data: ProfileData) -> None:
        if self.form is not None:
            self.form.set_data(data)
            self.form.setFocus()

    def isComplete(self) -> bool:
        return self._task is None and self.form is not None and self.form.profile is not None

    def validatePage(self) -> bool:
        if self.saved:
            return True
        actor = self.admin_page.actor
        if self._task is not None or self.form is None or actor is None:
            return False
        show_status(self.error_label, "")
        data, db = self.form.profile_input(), self.db
        def save(_job: object) -> Actor:
            profiles.save_profile(db, actor, data)
            return accounts.refresh_actor(db, actor)  # now a volunteer too: the window shows their pages

        task = run_in_background(self, save, self._saved, self._failed)
        self._task = None if task.done else task
        self.completeChanged.emit()
        return self.saved  # True at once with the synchronous runner (tests)

    def _saved(self, actor: Actor) -> None:
        self.admin_page.actor = actor
        waited = self._task is not None
        self._task = None
        self.saved = True
        self.completeChanged.emit()
        wizard = self.wizard()
        if waited and wizard is not None and wizard.currentPage() is self:
            wizard.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.completeChanged.emit()
        if isinstance(exc, ServiceError):
            if self.form is None or not self.form.show_error(exc):
                show_status(self.error_label, errors.translate_service_error(exc), Tone.ERROR)
        else:
            errors.show_error(self, exc)


class FirstRunWizard(QWizard):
    """``actor`` is the new administrator once the wizard is accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.welcome_page = WelcomePage(db, self)
        self.admin_page = AdminPage(db, self)
        self.done_page = DonePage(self.admin_page, self)
        self.profile_page = ProfileSetupPage(db, self.admin_page, self)
        for page in (self.welcome_page, self.admin_page, self.done_page):
            self.addPage(page)
        self.done_page.profile_page_id = self.addPage(self.profile_page)
        self.setMinimumSize(560, 400)
        self.retranslate()

    @property
    def actor(self) -> Actor | None:
        return self.admin_page.actor

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("First start"))
        for which, name in (
            (QWizard.WizardButton.BackButton, self.tr("Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.button(which).setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["FirstRunWizard"]
