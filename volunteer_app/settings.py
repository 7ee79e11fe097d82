"""User settings kept as a small JSON file in the app home (Qt-free).

The GUI's Settings dialog and the CLI read the same file, so a database
location chosen in the window is also the CLI's default.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from volunteer_app import paths

DATABASE_ENV = "VOLUNTEER_APP_DATABASE_URL"
DEFAULT_REMINDER_MINUTES = 120
#: The longest reminder lead the app offers (a week); longer stored values are cut to it.
MAX_REMINDER_MINUTES = 7 * 24 * 60


@dataclass
class Settings:
    language: str = ""  # "" = follow the system; "zh_CN" or "en"
    database_url: str = ""  # "" = the default SQLite file in the app home
    nominatim_url: str = ""  # "" = the public Nominatim (or VOLUNTEER_APP_NOMINATIM_URL)
    geocoder: str = ""  # "offline" = only the built-in gazetteer (or VOLUNTEER_APP_GEOCODER)
    reminder_minutes: int = DEFAULT_REMINDER_MINUTES  # tray reminder this long before a task; 0 = off

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or paths.settings_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            # A damaged settings file must not keep the app from starting.
            return cls()
        if not isinstance(raw, dict):
            return cls()
        values: dict[str, object] = {}
        for f in fields(cls):
            value = raw.get(f.name)
            if f.type == "str" and isinstance(value, str):
                values[f.name] = value
            elif f.type == "int" and isinstance(value, int) and not isinstance(value, bool):
                values[f.name] = value
        settings = cls(**values)  # type: ignore[arg-type]
        if not 0 <= settings.reminder_minutes <= MAX_REMINDER_MINUTES:
            settings.reminder_minutes = (
                DEFAULT_REMINDER_MINUTES if settings.reminder_minutes < 0 else MAX_REMINDER_MINUTES
            )
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or paths.settings_path()
        tmp = path.with_suffix(".tmp")
        # The owner's only (POSIX): a database URL may hold a password.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, paths.PRIVATE_FILE_MODE)  # a leftover .tmp keeps its old mode otherwise
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(self), indent=2, ensure_ascii=False))
        os.replace(tmp, path)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def resolve_database_url(explicit: str | None = None, settings: Settings | None = None) -> str:
    """The database to use: --database, then the environment, then settings, then the default file.

    An explicit ``--database ""`` is returned as it is (opening it says the URL is empty), so a
    mistyped variable in a script never quietly means the default database.
    """
    if explicit is not None:
        return explicit
    from_env = os.environ.get(DATABASE_ENV)
    if from_env:
        return from_env
    settings = settings or Settings.load()
    if settings.database_url:
        return settings.database_url
    return sqlite_url(paths.default_database_path())
