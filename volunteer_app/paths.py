"""Where per-user files live and where bundled resources are found.

Every per-user file (database, keys, logs, backups, settings) sits under one
folder: ``VOLUNTEER_APP_HOME`` when it is set, otherwise the platform's
per-user data folder. Qt-free so the CLI and services share it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "volunteer-app"
HOME_ENV = "VOLUNTEER_APP_HOME"


def app_home() -> Path:
    """The folder that holds every per-user file; created on first use."""
    override = os.environ.get(HOME_ENV)
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def default_database_path() -> Path:
    return app_home() / "volunteer-app.sqlite3"


def logs_dir() -> Path:
    return _subdir("logs")


def backups_dir() -> Path:
    return _subdir("backups")


def keys_dir() -> Path:
    path = _subdir("keys")
    if os.name == "posix":
        path.chmod(0o700)
    return path


def settings_path() -> Path:
    return app_home() / "settings.json"


def _subdir(name: str) -> Path:
    path = app_home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_root() -> Path:
    """The folder of bundled resources (translations, icons, gazetteer).

    A frozen bundle (PyInstaller) unpacks them under ``sys._MEIPASS``; a
    checkout and an installed wheel both carry them inside the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / "volunteer_app" / "resources"
    return Path(__file__).resolve().parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one bundled resource; raises FileNotFoundError naming it when absent."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)} (looked in {path})")
    return path
