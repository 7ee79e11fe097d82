"""Where per-user files go, the settings file, the database choice, and finding bundled resources."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import volunteer_app
from volunteer_app import paths
from volunteer_app.settings import DATABASE_ENV, Settings, resolve_database_url, sqlite_url

CHECKOUT = Path(__file__).resolve().parents[2]
PACKAGE = Path(volunteer_app.__file__).resolve().parent
RESOURCE = "README.md"  # volunteer_app/resources/README.md, a real bundled file


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


# --------------------------------------------------------------------------- bundled resources


def test_resource_from_the_checkout() -> None:
    assert paths.resources_root() == PACKAGE / "resources"
    found = paths.resource_path(RESOURCE)
    assert found == PACKAGE / "resources" / RESOURCE
    assert "Bundled resources" in found.read_text(encoding="utf-8")


def test_missing_resource_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match=r"icons/no-such-icon\.svg"):
        paths.resource_path("icons", "no-such-icon.svg")


def _run_python(code: str, *, cwd: Path, pythonpath: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_resource_when_frozen(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "volunteer_app" / "resources").mkdir(parents=True)
    (bundle / "volunteer_app" / "resources" / RESOURCE).write_text("frozen copy", encoding="utf-8")
    out = _run_python(
        f"""
        import json, sys
        sys.frozen = True
        sys._MEIPASS = {str(bundle)!r}
        from volunteer_app.paths import resource_path, resources_root
        print(json.dumps([str(resources_root()), str(resource_path({RESOURCE!r}))]))
        """,
        cwd=tmp_path,
    )
    root, found = json.loads(out)
    assert Path(root) == bundle / "volunteer_app" / "resources"
    assert Path(found).read_text(encoding="utf-8") == "frozen copy"


def _package_files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".tmp")
    }


def test_resources_arrive_in_an_installed_wheel(tmp_path: Path) -> None:
    """Build a wheel from a copy of the checkout, install it elsewhere, and look from there.

    Every file under volunteer_app/resources must be in the wheel: a kind of file missing
    from the package-data patterns in pyproject.toml fails here rather than on a user's machine.
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(CHECKOUT / name, source / name)
    # A copy, so the build never writes build/ or *.egg-info into the checkout others work in.
    shutil.copytree(PACKAGE, source / "volunteer_app", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = wheels.glob("volunteer_app-*.whl")
    target = tmp_path / "installed"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-compile",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    out = _run_python(
        f"""
        import json, volunteer_app
        from volunteer_app.paths import resource_path, resources_root
        print(json.dumps([volunteer_app.__file__, str(resources_root()), str(resource_path({RESOURCE!r}))]))
        """,
        cwd=tmp_path,
        pythonpath=target,
    )
    module_file, root, found = map(Path, json.loads(out))
    assert module_file.is_relative_to(target), f"imported {module_file}, not the installed copy"
    assert root == target / "volunteer_app" / "resources"
    assert found == root / RESOURCE
    assert not root.is_relative_to(CHECKOUT)
    missing = _package_files(PACKAGE / "resources") - _package_files(root)
    assert not missing, (
        f"resources left out of the wheel (add them to package-data in pyproject.toml): {sorted(missing)}"
    )
