"""Settings (layout in ui/settings_dialog.ui): language, database location, geocoding server, reminders.

The language applies at once (and reverts on Cancel); the database location is
saved for the next start. Both go to the same settings file the CLI reads.

A desktop's database location holds no password (issue 12): a shared server is given as
``postgresql+psycopg://host/database`` and each person signs in with their own email and
password; a new location with a password in it is refused.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from volunteer_app import paths
from volunteer_app.domain.timefmt import duration_text
from volunteer_app.gui import i18n
from volunteer_app.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from volunteer_app.gui.style import make_note
from volunteer_app.services.storage import DatabaseUrlError, describe_url, parse_url
from volunteer_app.settings import Settings, sqlite_url

# (setting value, label); the two language names are written in their own language.
LANGUAGE_CHOICES = ((i18n.SYSTEM, None), (i18n.CHINESE, "简体中文"), (i18n.ENGLISH, "English"))
# How long before a task the tray reminder comes, in minutes (0 = no reminders).
REMINDER_CHOICES = (0, 30, 60, 120, 24 * 60)


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, settings_path: Path | None = None) -> None:
        super().__init__(parent)
        self._path = settings_path
        self.settings = Settings.load(settings_path)
        self._language_at_open = self.settings.language
        self._language_applied = self.settings.language
        self.database_changed = False
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.ui.errorLabel.setStyleSheet("color: #b00020;")
        self.ui.errorLabel.hide()
        for note in (self.ui.languageNote, self.ui.databaseNote, self.ui.nominatimNote, self.ui.reminderNote):
            make_note(note)
        for value, _label in LANGUAGE_CHOICES:
            self.ui.languageCombo.addItem("", value)
        reminder_values = list(REMINDER_CHOICES)
        if self.settings.reminder_minutes not in reminder_values:  # set by hand in the file: keep it
            reminder_values = sorted([*reminder_values, self.settings.reminder_minutes])
        for minutes in reminder_values:
            self.ui.reminderCombo.addItem("", minutes)
        self._retranslate()
        index = self.ui.languageCombo.findData(self.settings.language)
        self.ui.languageCombo.setCurrentIndex(max(index, 0))
        self.ui.databaseEdit.setText(self.settings.database_url)
        self.ui.nominatimEdit.setText(self.settings.nominatim_url)
        self.ui.offlineCheck.setChecked(self.settings.geocoder == "offline")
        self.ui.reminderCombo.setCurrentIndex(max(self.ui.reminderCombo.findData(self.settings.reminder_minutes), 0))
        self.ui.offlineCheck.toggled.connect(lambda offline: self.ui.nominatimEdit.setEnabled(not offline))
        self.ui.nominatimEdit.setEnabled(not self.ui.offlineCheck.isChecked())
        self.ui.languageCombo.currentIndexChanged.connect(self._language_chosen)
        self.ui.chooseFileButton.clicked.connect(self._choose_file)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.databaseEdit.textChanged.connect(lambda _text: self.ui.errorLabel.hide())
        self.setMinimumWidth(600)
        self.adjustSize()  # wrapped notes need their height for the dialog's width

    def _retranslate(self) -> None:
        self.ui.databaseNote.setText(
            self.tr(
                "An SQLite file, or a shared server such as postgresql+psycopg://db.example.org/volunteers, "
                "without a user or password: each person signs in with their own. "
                "A new location takes effect when you restart the app."
            )
        )
        for i, (_value, label) in enumerate(LANGUAGE_CHOICES):
            self.ui.languageCombo.setItemText(i, label or self.tr("Same as the system"))
        for i in range(self.ui.reminderCombo.count()):
            self.ui.reminderCombo.setItemText(i, self.reminder_text(int(self.ui.reminderCombo.itemData(i))))

    def reminder_text(self, minutes: int) -> str:
        if minutes == 0:
            return self.tr("Off: no reminders")
        if minutes % (24 * 60) == 0:
            days = minutes // (24 * 60)
            return self.tr("1 day before") if days == 1 else self.tr("{days} days before").format(days=days)
        return self.tr("{length} before").format(length=duration_text(minutes, QCoreApplication.translate))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            current = self.ui.languageCombo.currentIndex()
            reminder = self.ui.reminderCombo.currentIndex()
            self.ui.retranslateUi(self)
            self._retranslate()
            self.ui.languageCombo.setCurrentIndex(current)
            self.ui.reminderCombo.setCurrentIndex(reminder)
        super().changeEvent(event)

    # -- language: live

    def _language_chosen(self, _index: int) -> None:
        language = str(self.ui.languageCombo.currentData())
        if language != self._language_applied:
            i18n.apply_language(language)
            self._language_applied = language

    # -- database file

    def _choose_file(self) -> None:
        start = self._current_sqlite_path() or paths.default_database_path()
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            str(start),
            self.tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # choosing an existing database is the usual case
        )
        if name:
            self.ui.databaseEdit.setText(sqlite_url(Path(name)))

    def _current_sqlite_path(self) -> Path | None:
        text = self.ui.databaseEdit.text().strip()
        if text.startswith("sqlite:///") and len(text) > len("sqlite:///"):
            return Path(text[len("sqlite:///") :])
        return None

    # -- OK

    def validation_error(self) -> str | None:
        url = self.ui.databaseEdit.text().strip()
        if url:
            try:
                parsed = parse_url(url)
            except DatabaseUrlError:
                return self.tr(
                    "“{value}” is not a database location this app can use. "
                    "Give an SQLite file (sqlite:///path/to/file.sqlite3) or a PostgreSQL server "
                    "(postgresql+psycopg://host/database)."
                ).format(value=describe_url(url))
            if parsed.password and url != self.settings.database_url:
                # Saved in the settings file, it would sit on every desktop for anyone to read.
                return self.tr(
                    "“{value}” holds a password, and a desktop's database location must not hold one. "
                    "Give the server without a user or password (postgresql+psycopg://host/database): "
                    "each person signs in with their own."
                ).format(value=describe_url(url))
        nominatim = self.ui.nominatimEdit.text().strip()
        if nominatim and not nominatim.startswith(("http://", "https://")):
            return self.tr("“{value}” is not a web address: it should start with https://.").format(value=nominatim)
        return None

    def accept(self) -> None:
        problem = self.validation_error()
        if problem:
            self.ui.errorLabel.setText(problem)
            self.ui.errorLabel.setAccessibleName(problem)
            self.ui.errorLabel.show()
            return
        url = self.ui.databaseEdit.text().strip()
        self.database_changed = url != self.settings.database_url
        self.settings.language = str(self.ui.languageCombo.currentData())
        self.settings.database_url = url
        self.settings.nominatim_url = self.ui.nominatimEdit.text().strip()
        self.settings.geocoder = "offline" if self.ui.offlineCheck.isChecked() else ""
        self.settings.reminder_minutes = int(self.ui.reminderCombo.currentData())
        self.settings.save(self._path)
        super().accept()

    def reject(self) -> None:
        if self._language_applied != self._language_at_open:
            i18n.apply_language(self._language_at_open)
            self._language_applied = self._language_at_open
        super().reject()


__all__ = ["SettingsDialog"]
