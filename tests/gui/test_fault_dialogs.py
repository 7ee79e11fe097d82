"""Issue 11, "The window": every start-up fault has its own sentence, closing it ends the process.

The subprocess tests start the installed `volunteer-app` (offscreen) with a bad --database;
``VOLUNTEER_APP_AUTO_CLOSE_DIALOGS_MS`` makes each message box write itself to stderr and
close, as a person clicking "Close" would. No dialog, log line or output shows a password.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.support.cli import run_cli
from tests.support.databases import future_sqlite_database
from volunteer_app.gui import errors
from volunteer_app.gui.app import AUTO_CLOSE_DIALOGS_ENV, AppController
from volunteer_app.services.storage import DatabaseUrlError, SchemaTooNew
from volunteer_app.store.database import Database

SECRET = "s3cretPW"
BUG = "This is a bug"


def start_window(url: str) -> subprocess.CompletedProcess[str]:
    # A hang (no window, no exit) fails the test through the timeout.
    return run_cli("--database", url, env={"QT_QPA_PLATFORM": "offscreen", AUTO_CLOSE_DIALOGS_ENV: "20"}, timeout=120)


def future_database(folder: Path) -> str:
    return f"sqlite:///{future_sqlite_database(folder / 'future.sqlite3', '9999_future')}"


def text_database(folder: Path) -> str:
    path = folder / "notes.sqlite3"
    path.write_text("not a database\n", encoding="utf-8")
    return f"sqlite:///{path}"


def through_a_file(folder: Path) -> str:
    (folder / "plain-file").write_text("x", encoding="utf-8")
    return f"sqlite:///{folder / 'plain-file' / 'v.sqlite3'}"


CASES: list[tuple[str, Callable[[Path], str], str]] = [
    ("pg-port", lambda _: f"postgresql://ann:{SECRET}@db.example.org:notaport/v", "is not a number from 1 to 65535"),
    ("mysql", lambda _: f"mysql://ann:{SECRET}@db.example.org/v", "is for mysql"),
    ("driver", lambda _: f"postgresql+psycopg2://ann:{SECRET}@db.example.org/v", "which is not installed"),
    ("unreachable", lambda _: f"postgresql+psycopg://ann:{SECRET}@127.0.0.1:1/v", "server cannot be reached"),
    ("text-file", text_database, "is not an SQLite database"),
    ("newer", future_database, "made by a newer volunteer-app (revision 9999_future). Update the app."),
    ("through-file", through_a_file, "which is a file, not a folder"),
    ("empty", lambda _: "", "No database URL was given."),
]


@pytest.mark.allow_warnings_logged
@pytest.mark.parametrize(("make_url", "sentence"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_start_up_fault_has_its_sentence_and_closing_it_ends_the_process(
    tmp_path: Path, app_home: Path, make_url: Callable[[Path], str], sentence: str
) -> None:
    done = start_window(make_url(tmp_path))
    assert done.returncode != 0, done.stderr
    dialogs = [line for line in done.stderr.splitlines() if line.startswith("volunteer-app: dialog: ")]
    assert dialogs and dialogs[0].startswith("volunteer-app: dialog: Cannot open the database: ")
    assert sentence in done.stderr
    assert BUG not in done.stderr and "Traceback" not in done.stderr
    assert SECRET not in done.stderr + done.stdout
    log = app_home / "logs" / errors.LOG_FILE_NAME
    assert log.exists() and SECRET not in log.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- in the process


@pytest.mark.allow_warnings_logged
def test_the_dialog_names_the_location_without_its_password(qtbot: QtBot, dialogs: Dialogs) -> None:
    controller = AppController(f"mysql://ann:{SECRET}@db.example.org/v")
    finished: list[int] = []
    controller.finished.connect(finished.append)
    controller.start()
    assert finished == [1]
    (call,) = dialogs.calls
    assert call.title == "Cannot open the database"
    assert "The database at mysql://ann:***@db.example.org/v could not be opened." in call.text
    assert "is for mysql" in call.text and SECRET not in call.text and BUG not in call.text


@pytest.mark.allow_warnings_logged
def test_the_process_ends_even_when_explaining_fails(
    qtbot: QtBot, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("the dialog fell over")

    monkeypatch.setattr(errors, "describe", broken)
    controller = AppController("sqlite://relative-without-slashes")
    finished: list[int] = []
    controller.finished.connect(finished.append)
    with pytest.raises(RuntimeError, match="the dialog fell over"):
        controller._open_failed(DatabaseUrlError("x"))
    assert finished == [1]  # no process left alive without a window


def test_each_location_fault_reads_as_its_own_sentence_not_a_bug() -> None:
    too_new = errors.describe(SchemaTooNew("abc9"))
    assert not too_new.is_bug and too_new.title == "Database location"
    assert too_new.text == "This database was made by a newer volunteer-app (revision abc9). Update the app."
    assert too_new.details == ""  # the sentence says it all
    try:
        Database("sqlite://relative-without-slashes")
    except DatabaseUrlError as exc:
        bad = errors.describe(exc)
    assert not bad.is_bug and "two slashes" in bad.text and bad.text != too_new.text


@pytest.mark.allow_warnings_logged
def test_the_excepthook_masks_passwords_in_the_log_and_the_dialog(qapp: object, dialogs: Dialogs) -> None:
    errors.setup_logging()
    try:
        raise RuntimeError(f"could not use postgresql://ann:{SECRET}@db.example.org/v")
    except RuntimeError as exc:
        errors.excepthook(type(exc), exc, exc.__traceback__)
    log_text = errors.log_file().read_text(encoding="utf-8")
    assert "Traceback" in log_text and "postgresql://ann:***@db.example.org/v" in log_text
    assert SECRET not in log_text
    assert dialogs.calls and SECRET not in dialogs.calls[0].text
