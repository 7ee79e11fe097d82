"""The language of the demo data, chosen as the window chooses its own (without importing Qt).

The window (``gui/i18n.resolve``) speaks the Settings language when one is set
("zh_CN" or "en"), otherwise the system's: Chinese when the system locale is
Chinese, else English. Here the system locale is read the way Qt reads it on
Linux and macOS (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``; a non-C locale
lets the first entry of ``LANGUAGE`` override it), falling back on Windows to
the locale Python started with.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from volunteer_app.settings import Settings

AUTO = "auto"
CHINESE = "zh"
ENGLISH = "en"


def system_language(env: Mapping[str, str] | None = None) -> str:
    """ "zh" when the system locale is Chinese, else "en"."""
    env = os.environ if env is None else env
    name = ""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        name = env.get(variable, "").strip()
        if name:
            break
    if name and name not in ("C", "POSIX"):
        first = env.get("LANGUAGE", "").split(":")[0].strip()
        if first:
            name = first
    if not name and os.name == "nt":  # no locale variables on Windows: the user's locale, as Python saw it
        name = locale.getlocale()[0] or ""
    return CHINESE if name.lower().startswith(("zh", "chinese")) else ENGLISH


def window_language(settings: Settings | None = None, env: Mapping[str, str] | None = None) -> str:
    """ "zh" or "en": the language the window will speak (the Settings language, else the system's)."""
    settings = settings if settings is not None else Settings.load()
    chosen = settings.language.strip().lower()
    if chosen.startswith("zh"):
        return CHINESE
    if chosen.startswith("en"):
        return ENGLISH
    return system_language(env)


def resolve(lang: str, settings: Settings | None = None, env: Mapping[str, str] | None = None) -> str:
    """``lang`` itself, or for "auto" the window's language."""
    return window_language(settings, env) if lang == AUTO else lang


__all__ = ["AUTO", "CHINESE", "ENGLISH", "resolve", "system_language", "window_language"]
