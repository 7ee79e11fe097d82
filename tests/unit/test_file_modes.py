"""Issue 11, "File modes": the app home and its folders are private (no database, no Qt)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from volunteer_app import paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_home_and_its_folders_are_0700(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "made" / "here"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    previous = os.umask(0o022)
    try:
        assert paths.app_home() == home
        folders = [home, paths.logs_dir(), paths.backups_dir(), paths.keys_dir()]
    finally:
        os.umask(previous)
    assert [oct(mode(f)) for f in folders] == [oct(0o700)] * 4


def test_the_platform_home_an_older_version_left_open_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.HOME_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    home = tmp_path / "xdg" / "volunteer-app"
    home.mkdir(parents=True)
    home.chmod(0o755)
    assert paths.app_home() == home
    assert mode(home) == 0o700


def test_a_home_the_person_named_keeps_its_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "shared-folder"
    chosen.mkdir()
    chosen.chmod(0o750)
    monkeypatch.setenv(paths.HOME_ENV, str(chosen))
    assert paths.app_home() == chosen
    assert mode(chosen) == 0o750


def test_private_umask_takes_group_and_other_bits_and_keeps_stricter_ones() -> None:
    previous = os.umask(0o002)
    try:
        assert paths.private_umask() == 0o002
        assert os.umask(0o027) == 0o077
        assert paths.private_umask() == 0o027
        assert os.umask(0o002) == 0o077
    finally:
        os.umask(previous)
