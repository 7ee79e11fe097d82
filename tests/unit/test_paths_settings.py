"""Where per-user files go, the settings file and the database choice (bundled resources: test_resources_layout.py)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from volunteer_app import paths
from volunteer_app.settings import DATABASE_ENV, Settings, resolve_database_url, sqlite_url

# --------------------------------------------------------------------------- the app home


def test_app_home_env_relocates_every_per_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "not" / "yet" / "there"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    assert paths.app_home() == home
    assert home.is_dir()  # made on first use
    assert paths.default_database_path().parent == home
    assert paths.settings_path().parent == home
    for folder in (paths.logs_dir(), paths.backups_dir(), paths.keys_dir()):
        assert folder.parent == home
        assert folder.is_dir()
    assert sqlite_url(paths.default_database_path()) == resolve_database_url()
    Settings(language="en").save()
    assert sorted(p.name for p in home.iterdir()) == ["backups", "keys", "logs", "settings.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_keys_folder_is_private(app_home: Path) -> None:
    assert stat.S_IMODE(paths.keys_dir().stat().st_mode) == 0o700


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG data folder is Linux's")
def test_without_the_env_the_platform_data_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.app_home() == tmp_path / "xdg" / "volunteer-app"


def test_tests_never_use_the_real_home(app_home: Path) -> None:
    assert os.environ[paths.HOME_ENV] == str(app_home)
    assert paths.app_home() == app_home
    for name in ("VOLUNTEER_APP_DATABASE_URL", "VOLUNTEER_APP_PASSWORD", "VOLUNTEER_APP_NOMINATIM_URL"):
        assert name not in os.environ


# --------------------------------------------------------------------------- settings


def test_settings_round_trip(app_home: Path) -> None:
    saved = Settings(
        language="zh_CN",
        database_url="postgresql+psycopg://coordinator@db.example.org/volunteers",
        nominatim_url="http://127.0.0.1:8080/",
    )
    saved.save()
    assert Settings.load() == saved
    raw = paths.settings_path().read_text(encoding="utf-8")
    assert json.loads(raw)["language"] == "zh_CN"
    assert not list(app_home.glob("*.tmp"))  # written by replace, no leftovers


def test_missing_settings_file_gives_defaults(app_home: Path) -> None:
    assert not paths.settings_path().exists()
    assert Settings.load() == Settings()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"", b"[1, 2]", b'"text"', b"null"],
    ids=["broken-json", "not-utf8", "empty", "a-list", "a-string", "null"],
)
def test_damaged_settings_file_falls_back_to_defaults(app_home: Path, content: bytes) -> None:
    paths.settings_path().write_bytes(content)
    assert Settings.load() == Settings()


def test_settings_ignore_unknown_keys_and_wrong_types(app_home: Path) -> None:
    paths.settings_path().write_text(
        json.dumps({"language": "en", "database_url": 42, "from_the_future": "x"}), encoding="utf-8"
    )
    assert Settings.load() == Settings(language="en")


def test_reminder_setting_defaults_to_two_hours_and_round_trips(app_home: Path) -> None:
    assert Settings().reminder_minutes == 120
    Settings(reminder_minutes=0).save()  # off
    assert Settings.load().reminder_minutes == 0
    assert json.loads(paths.settings_path().read_text(encoding="utf-8"))["reminder_minutes"] == 0
    Settings(reminder_minutes=1440).save()
    assert Settings.load() == Settings(reminder_minutes=1440)


@pytest.mark.parametrize(
    ("stored", "loaded"),
    [("30", 120), (True, 120), (12.5, 120), (None, 120), (-5, 120), (10**9, 7 * 24 * 60), (45, 45)],
    ids=["a-string", "a-bool", "a-float", "null", "negative", "huge", "odd-but-fine"],
)
def test_a_damaged_reminder_setting_falls_back(app_home: Path, stored: object, loaded: int) -> None:
    paths.settings_path().write_text(json.dumps({"language": "en", "reminder_minutes": stored}), encoding="utf-8")
    assert Settings.load() == Settings(language="en", reminder_minutes=loaded)


# --------------------------------------------------------------------------- the database to use


def test_database_url_precedence(app_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = sqlite_url(app_home / "volunteer-app.sqlite3")
    assert resolve_database_url() == default

    Settings(database_url="sqlite:////from/settings.sqlite3").save()
    assert resolve_database_url() == "sqlite:////from/settings.sqlite3"

    monkeypatch.setenv(DATABASE_ENV, "sqlite:////from/env.sqlite3")
    assert resolve_database_url() == "sqlite:////from/env.sqlite3"

    assert resolve_database_url("sqlite:////explicit.sqlite3") == "sqlite:////explicit.sqlite3"

    monkeypatch.setenv(DATABASE_ENV, "")  # empty counts as unset
    assert resolve_database_url() == "sqlite:////from/settings.sqlite3"
    assert resolve_database_url(settings=Settings()) == default


# Finding bundled resources (checkout, editable install, wheel, frozen bundle): tests/unit/test_resources_layout.py
