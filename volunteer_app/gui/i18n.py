"""Which language the window speaks, switched live.

English is the source language, so it needs no translator. For Simplified
Chinese the app's own ``volunteer_app_zh_CN.qm`` is installed, plus Qt's
``qtbase_zh_CN.qm`` (standard buttons, dialogs) when Qt ships it. Installing or
removing a translator sends ``QEvent.LanguageChange`` to every widget; each of
ours re-sets its texts in ``changeEvent`` (see ``retranslate`` methods).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from volunteer_app import paths

log = logging.getLogger(__name__)

SYSTEM = ""
CHINESE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (SYSTEM, CHINESE, ENGLISH)

_installed: list[QTranslator] = []  # Python must keep installed translators alive
_current = ENGLISH


def resolve(language: str) -> str:
    """The concrete language for a setting: "" follows the system (Chinese if it is Chinese, else English)."""
    if language in (CHINESE, ENGLISH):
        return language
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def current() -> str:
    return _current


def apply_language(language: str) -> str:
    """Install the translators for ``language`` ("" = system) and return the concrete language."""
    global _current
    target = resolve(language)
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before choosing a language")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if target == CHINESE:
        locale = QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China)
        own = QTranslator()
        qm = paths.resource_path("translations", "volunteer_app_zh_CN.qm")
        if not own.load(str(qm)):
            raise RuntimeError(f"cannot load the translation file {qm}")
        _installed.append(own)
        qt = QTranslator()
        if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        else:
            log.info("Qt's own Chinese translations were not found; standard buttons stay in English")
    else:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    # Set before the events go out: widgets that retranslate may ask which language is current.
    _current = target
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    # Qt posts LanguageChange to each window; deliver them now so the whole window switches at once.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return target


__all__ = ["CHINESE", "ENGLISH", "LANGUAGES", "SYSTEM", "apply_language", "current", "resolve"]
