"""The excepthook, the log file and the wording of errors."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from tests.gui.conftest import Dialogs
from volunteer_app.gui import errors
from volunteer_app.services.errors import InvalidCredentials


def raise_and_catch(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - the test hands it to the hook
        return type(caught), caught, caught.__traceback__


@pytest.mark.allow_warnings_logged
def test_excepthook_writes_the_log_and_shows_a_dialog(qapp: object, dialogs: Dialogs) -> None:
    errors.setup_logging()
    errors.excepthook(*raise_and_catch(RuntimeError("the widget fell over")))  # type: ignore[arg-type]
    log_text = errors.log_file().read_text(encoding="utf-8")
    assert "unhandled exception" in log_text and "RuntimeError: the widget fell over" in log_text
    assert "Traceback" in log_text
    assert dialogs.kinds() == ["critical"]
    call = dialogs.calls[0]
    assert call.title == "Unexpected error"
    assert "This is a bug" in call.text and str(errors.log_file()) in call.text


def test_the_log_rotates(qapp: object) -> None:
    errors.setup_logging()
    assert errors._handler is not None
    assert errors._handler.maxBytes == errors.LOG_MAX_BYTES and errors._handler.backupCount == errors.LOG_BACKUPS


def test_environment_faults_are_told_apart_from_bugs() -> None:
    locked = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    report = errors.describe(locked)
    assert not report.is_bug
    assert report.title == "Problem outside the app"
    assert "locked" in report.text and report.details == "database is locked"
    disk = errors.describe(OSError(28, "No space left on device"))
    assert not disk.is_bug and disk.title == "Problem outside the app"
    assert "disk is full" in disk.text  # the sentence of services.faults, shared with the CLI
    bug = errors.describe(KeyError("x"))
    assert bug.is_bug and "bug" in bug.text


def test_service_errors_read_as_the_persons_to_fix() -> None:
    report = errors.describe(InvalidCredentials())
    assert not report.is_bug and report.text == "Wrong email or password." and report.details == ""


def test_show_error_does_not_log_the_persons_own_mistakes(qapp: object, dialogs: Dialogs, caplog) -> None:
    errors.show_error(None, InvalidCredentials())
    assert dialogs.calls[0].text == "Wrong email or password."
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
