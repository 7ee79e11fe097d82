"""Where per-user files live and where bundled resources are found.

Every per-user file (database, keys, logs, backups, settings) sits under one
folder: ``VOLUNTEER_APP_HOME`` when it is set, otherwise the platform's
per-user data folder. Qt-free so the CLI and services share it.

Private by default (POSIX): the home and its folders are made 0700, so nobody
else on the computer can read the database, its backups, the logs or the keys;
the CLI and the window also run with ``private_umask()``, so every file they
create (exports with home coordinates included) is 0600. A platform data folder
that an older version made 0755 is tightened to 0700 on first use; a folder
named by ``VOLUNTEER_APP_HOME`` that already exists keeps its owner's choice.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import platformdirs

APP_NAME = "volunteer-app"
HOME_ENV = "VOLUNTEER_APP_HOME"
#: Folders of personal data: the owner only.
PRIVATE_DIR_MODE = 0o700
#: Files of personal data: the owner only.
PRIVATE_FILE_MODE = 0o600
#: What ``private_umask`` takes away from every new file and folder: all access by group and others.
PRIVATE_UMASK = 0o077


def app_home() -> Path:
    """The folder that holds every per-user file; created on first use (0700 on POSIX)."""
    override = os.environ.get(HOME_ENV)
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if not home.is_dir():
        home.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    elif not override:
        _tighten(home)  # the platform folder is ours alone: an older version left it 0755
    return home


def private_umask() -> int | None:
    """Make the files and folders this process creates from now on its user's only (POSIX).

    Returns the previous mask, for ``os.umask`` to put back (None where there is no umask).
    Group and other bits are taken away; bits the previous mask already took stay taken.
    """
    if os.name != "posix":
        return None
    previous = os.umask(PRIVATE_UMASK)
    os.umask(previous | PRIVATE_UMASK)
    return previous


def _tighten(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        info = folder.stat()
        if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & PRIVATE_UMASK:
            folder.chmod(stat.S_IMODE(info.st_mode) & ~PRIVATE_UMASK)
    except OSError:
        pass


def default_database_path() -> Path:
    return app_home() / "volunteer-app.sqlite3"


def logs_dir() -> Path:
    return _subdir("logs")


def backups_dir() -> Path:
    return _subdir("backups")


def keys_dir() -> Path:
    path = _subdir("keys")
    if os.name == "posix":
        path.chmod(PRIVATE_DIR_MODE)
    return path


def settings_path() -> Path:
    return app_home() / "settings.json"


def _subdir(name: str) -> Path:
    path = app_home() / name
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    return path


#: A file every resources folder holds: tells the real folder from a stray one of the same name.
RESOURCES_MARKER = "README.md"


def resources_root() -> Path:
    """The folder of bundled resources (translations, fonts, icons, gazetteer).

    The files live in the checkout's top-level ``resources/``; wheels and frozen bundles map
    that folder into the package as ``volunteer_app/resources``. In order:

    - a frozen bundle (PyInstaller): ``sys._MEIPASS/volunteer_app/resources``;
    - an installed wheel: ``resources`` inside the installed package;
    - a checkout or an editable install (``pip install -e .``): ``resources/`` beside the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / "volunteer_app" / "resources"
    package = Path(__file__).resolve().parent
    inside = package / "resources"
    if (inside / RESOURCES_MARKER).is_file():
        return inside
    return package.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one bundled resource; raises FileNotFoundError naming it when absent."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)} (looked in {path})")
    return path
