"""About and Settings."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from volunteer_app import __version__, paths
from volunteer_app.gui import i18n
from volunteer_app.gui.about_dialog import AboutDialog
from volunteer_app.gui.settings_dialog import SettingsDialog
from volunteer_app.settings import Settings


def test_about_shows_version_licences_and_data_attribution(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert f"Version {__version__}" in dialog.version_label.text()
    text = dialog.body.toPlainText()
    assert "GPL-3.0-or-later" in text
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "OpenStreetMap" in text and "ODbL" in text
    for name in ("PySide6", "SQLAlchemy", "Alembic", "psycopg", "argon2-cffi", "geopy", "pyproj", "NumPy", "SciPy"):
        assert name in text
    i18n.apply_language(i18n.CHINESE)
    assert "版本" in dialog.version_label.text()
    assert "GeoNames" in dialog.body.toPlainText() and "知识共享" in dialog.body.toPlainText()


def ok(dialog: SettingsDialog) -> None:
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()


def test_settings_saves_language_database_and_geocoder(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.ui.languageCombo.setCurrentIndex(dialog.ui.languageCombo.findData(i18n.CHINESE))
    assert i18n.current() == i18n.CHINESE  # applied at once
    assert dialog.windowTitle() == "设置"
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    dialog.ui.databaseEdit.setText(url)
    dialog.ui.nominatimEdit.setText("https://nominatim.example.org")
    ok(dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and dialog.database_changed
    saved = json.loads(paths.settings_path().read_text(encoding="utf-8"))
    assert saved["language"] == "zh_CN"
    assert saved["database_url"] == url
    assert saved["nominatim_url"] == "https://nominatim.example.org"
    assert Settings.load().database_url == url


def test_settings_refuses_a_bad_database_url(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.databaseEdit.setText("mysql://somewhere/db")
    ok(dialog)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.ui.errorLabel.isVisible()
    assert "“mysql://somewhere/db” is not a database location" in dialog.ui.errorLabel.text()
    assert not paths.settings_path().exists()
    dialog.ui.databaseEdit.setText("not a url at all")
    ok(dialog)
    assert "“not a url at all”" in dialog.ui.errorLabel.text()


def test_settings_refuses_a_geocoder_that_is_not_a_web_address(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.ui.nominatimEdit.setText("nominatim.example.org")
    ok(dialog)
    assert "https://" in dialog.ui.errorLabel.text()


def test_cancel_puts_the_language_back(qtbot: QtBot) -> None:
    Settings(language="en").save()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.ui.languageCombo.setCurrentIndex(dialog.ui.languageCombo.findData(i18n.CHINESE))
    assert i18n.current() == i18n.CHINESE
    dialog.reject()
    assert i18n.current() == i18n.ENGLISH
    assert Settings.load().language == "en"


def test_choose_file_fills_in_an_sqlite_url(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    chosen = tmp_path / "club.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.ui.chooseFileButton.click()
    assert dialog.ui.databaseEdit.text() == f"sqlite:///{chosen}"


def test_settings_switches_the_geocoder_offline_and_back(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ui.offlineCheck.isChecked() and dialog.ui.nominatimEdit.isEnabled()
    dialog.ui.offlineCheck.setChecked(True)
    assert not dialog.ui.nominatimEdit.isEnabled()
    ok(dialog)
    assert Settings.load().geocoder == "offline"
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.ui.offlineCheck.isChecked()
    again.ui.offlineCheck.setChecked(False)
    ok(again)
    assert Settings.load().geocoder == ""
