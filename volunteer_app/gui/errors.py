"""Errors that help: messages people can act on, a log file, and an excepthook.

Three kinds of failure read differently:

* a ``ServiceError`` is something the person can fix (wrong password, a rule broken):
  its template is translated in the ``errors`` context and filled with its params;
* an environment fault (database locked, server unreachable, disk full) is
  nobody's bug: say what to check;
* anything else is a bug: say so, and where the log with the details is.

Which is which is decided below the window, by ``services.faults.classify``
(shared with the CLI); this module only translates and shows its sentence.

Unhandled exceptions (also those raised in Qt slots) go through ``excepthook``,
which writes them to a rotating log in ``paths.logs_dir()`` and shows a dialog.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from volunteer_app import paths
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import faults, text_input
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.faults import FaultKind

log = logging.getLogger(__name__)

LOG_FILE_NAME = "volunteer-app.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_handler: logging.handlers.RotatingFileHandler | None = None
_in_hook = False


def log_file() -> Path:
    return paths.logs_dir() / LOG_FILE_NAME


class ScrubbingFormatter(logging.Formatter):
    """Formats as usual, then masks the password of every database URL (in messages and tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        return faults.scrub(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are the owner's only (0600 on POSIX), rotated ones included."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, paths.PRIVATE_FILE_MODE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115 - the handler keeps it


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to the rotating log file (idempotent)."""
    global _handler
    path = log_file()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    teardown_logging()
    handler = PrivateRotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"))
    logger = logging.getLogger("volunteer_app")
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    _handler = handler
    return path


def teardown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger("volunteer_app").removeHandler(_handler)
        _handler.close()
        _handler = None


# --------------------------------------------------------------------------- describing errors


@dataclass(frozen=True)
class ErrorReport:
    title: str
    text: str  # one or two sentences for the person
    details: str  # technical detail (the exception text), may be ""
    is_bug: bool


def translate_service_error(exc: ServiceError) -> str:
    template = QCoreApplication.translate("errors", exc.template)
    try:
        return template.format(**exc.params)
    except (KeyError, IndexError, ValueError):
        # A translation with a mistyped field must not hide the message: fall back to English.
        return exc.message


def is_environment_fault(exc: BaseException) -> bool:
    return faults.is_environment_fault(exc)


_LOCATION_TITLE = QT_TRANSLATE_NOOP("errors", "Database location")
_TITLES = {
    **dict.fromkeys(faults.LOCATION_KINDS, _LOCATION_TITLE),
    FaultKind.BUG: QT_TRANSLATE_NOOP("errors", "Unexpected error"),
}
_ENVIRONMENT_TITLE = QT_TRANSLATE_NOOP("errors", "Problem outside the app")


def describe(exc: BaseException) -> ErrorReport:
    """What to tell a person about ``exc``."""
    exc = text_input.as_service_error(exc)  # a value too long for its column: the person's to fix
    if isinstance(exc, ServiceError):
        return ErrorReport(
            title=QCoreApplication.translate("errors", "Cannot do that"),
            text=translate_service_error(exc),
            details="",
            is_bug=False,
        )
    fault = faults.classify(exc)
    title = _TITLES.get(fault.kind, _ENVIRONMENT_TITLE)
    text = QCoreApplication.translate("errors", fault.template)
    params = {**fault.params, "path": log_file()} if fault.is_bug else dict(fault.params)
    if params:
        try:
            text = text.format(**params)
        except (KeyError, IndexError, ValueError):
            text = fault.sentence(**params)  # a translation with a mistyped field: the English sentence
    return ErrorReport(
        title=QCoreApplication.translate("errors", title),
        text=text,
        # A location's sentence names what is wrong itself: no second, English copy of it as details.
        details="" if fault.details == fault.sentence() else fault.details,
        is_bug=fault.is_bug,
    )


def show_error(parent: QWidget | None, exc: BaseException) -> ErrorReport:
    """Show ``exc`` in a message box (and log it unless it is the person's own mistake)."""
    report = describe(exc)
    if report.is_bug:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    elif not isinstance(exc, ServiceError):
        log.warning("environment fault: %s", report.details)
    text = report.text if not report.details else f"{report.text}\n\n{report.details}"
    QMessageBox.critical(parent, report.title, text)
    return report


# --------------------------------------------------------------------------- excepthook


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log the traceback, then show a dialog saying what happened and where the log is."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("unhandled exception", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None or _in_hook:
        faults.print_exception_scrubbed(exc_type, exc, tb)
        return
    _in_hook = True  # an error while showing the dialog must not loop
    try:
        report = describe(exc)
        text = report.text
        if not report.is_bug:
            text += "\n\n" + QCoreApplication.translate("errors", "Details are in the log file: {path}").format(
                path=log_file()
            )
        if report.details:
            text += f"\n\n{report.details}"
        QMessageBox.critical(QApplication.activeWindow(), report.title, text)
    finally:
        _in_hook = False


def install_excepthook() -> None:
    sys.excepthook = excepthook


__all__ = [
    "ErrorReport",
    "describe",
    "excepthook",
    "install_excepthook",
    "is_environment_fault",
    "log_file",
    "setup_logging",
    "show_error",
    "teardown_logging",
    "translate_service_error",
]
