"""Simplified Chinese and English: live switching, translated errors, and a complete, fresh .ts/.qm."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from volunteer_app import paths
from volunteer_app.gui import errors, i18n
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.pages import ListPage
from volunteer_app.services.errors import InvalidCredentials, InvalidInput

REPO = Path(__file__).resolve().parents[2]
TS = paths.resource_path("translations", "volunteer_app_zh_CN.ts")
QM = paths.resource_path("translations", "volunteer_app_zh_CN.qm")
BIN = Path(sys.executable).parent


def sidebar_texts(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def test_switching_to_chinese_and_back_retranslates_the_window(coordinator_window: MainWindow) -> None:
    page = coordinator_window.pages["tasks"]
    assert isinstance(page, ListPage)
    assert "Tasks" in sidebar_texts(coordinator_window)

    assert i18n.apply_language(i18n.CHINESE) == i18n.CHINESE
    assert "任务" in sidebar_texts(coordinator_window)
    assert "待核实时长" in sidebar_texts(coordinator_window)
    assert [a.text() for a in coordinator_window.menuBar().actions()] == ["文件(&F)", "视图(&V)", "帮助(&H)"]
    assert coordinator_window.windowTitle() == "志愿者助手"
    assert page.heading.text() == "任务"
    assert page.table.model().headerData(0, Qt.Orientation.Horizontal) == "标题"
    assert page.table.model().index(0, 8).data() == "招募中"  # the task's status
    assert page.count_label.text() == "显示 2 / 共 2 条"
    assert page.filter_edit.accessibleName() == "筛选任务"

    i18n.apply_language(i18n.ENGLISH)
    assert "Tasks" in sidebar_texts(coordinator_window)
    assert coordinator_window.file_menu.title() == "&File"
    assert page.table.model().headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_service_errors_are_translated(qapp: object) -> None:
    i18n.apply_language(i18n.CHINESE)
    assert errors.translate_service_error(InvalidCredentials()) == "邮箱或密码错误。"
    from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP

    bad = InvalidInput("email", QT_TRANSLATE_NOOP("errors", "{value!r} is not an email address."), value="x")
    assert errors.translate_service_error(bad) == "'x' 不是有效的邮箱地址。"
    i18n.apply_language(i18n.ENGLISH)
    assert errors.translate_service_error(InvalidCredentials()) == "Wrong email or password."


def test_qt_standard_texts_come_from_qt_translations(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.apply_language(i18n.CHINESE)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_system_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(
        QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    )
    assert i18n.resolve(i18n.SYSTEM) == i18n.CHINESE
    monkeypatch.setattr(
        QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German, QLocale.Country.Germany))
    )
    assert i18n.resolve(i18n.SYSTEM) == i18n.ENGLISH


# --------------------------------------------------------------------------- the files


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_message_is_translated() -> None:
    unfinished = [key for key, m in messages(TS).items() if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_the_qm_file_is_fresh(tmp_path: Path) -> None:
    out = tmp_path / "fresh.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "run scripts/update_translations.sh"


def test_lupdate_finds_no_new_or_gone_strings(tmp_path: Path) -> None:
    """The .ts matches the code: nothing new to translate, nothing left over."""
    copy = tmp_path / "check_zh_CN.ts"
    shutil.copyfile(TS, copy)
    env_python = {"PYTHON": sys.executable, "PYSIDE6_BIN": str(BIN)}
    import os

    subprocess.run(
        ["sh", str(REPO / "scripts" / "update_translations.sh"), str(copy)],
        check=True,
        cwd=REPO,
        env={**os.environ, **env_python},
        capture_output=True,
    )
    before, after = messages(TS), messages(copy)
    assert sorted(set(after) - set(before)) == [], "new strings: run scripts/update_translations.sh and translate"
    assert sorted(set(before) - set(after)) == [], "strings gone from the code: run scripts/update_translations.sh"
