"""What the two hours pages share: hours as "2.5 h", statuses in words and colours, small list tables.

The lists here are short (one volunteer's records, one queue of at most
``hours_ledger.QUEUE_LIMIT``), so a plain in-memory table model serves them; the
page loads the rows in the background and hands them over with ``set_rows``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from volunteer_app.domain import timefmt
from volunteer_app.domain.crediting import explain_credit
from volunteer_app.domain.enums import RequestKind, ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, style
from volunteer_app.gui.style import Tone, colour
from volunteer_app.services.errors import ServiceError

CONTEXT = "Hours"
Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole

STATUS_NAMES = {
    ServiceStatus.PENDING: QT_TRANSLATE_NOOP("Hours", "Pending"),
    ServiceStatus.VERIFIED: QT_TRANSLATE_NOOP("Hours", "Verified"),
    ServiceStatus.REJECTED: QT_TRANSLATE_NOOP("Hours", "Rejected"),
}
STATUS_TONES = {
    ServiceStatus.PENDING: Tone.WARNING,
    ServiceStatus.VERIFIED: Tone.SUCCESS,
    ServiceStatus.REJECTED: Tone.ERROR,
}
KIND_NAMES = {
    RequestKind.TIME: QT_TRANSLATE_NOOP("Hours", "Wrong time"),
    RequestKind.TASK: QT_TRANSLATE_NOOP("Hours", "Wrong task"),
    RequestKind.MISSING: QT_TRANSLATE_NOOP("Hours", "Missing record"),
    RequestKind.OTHER: QT_TRANSLATE_NOOP("Hours", "Other"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def hours_text(minutes: int) -> str:
    """Whole minutes as hours with one decimal, in the window's language: "2.5 h"."""
    number = QLocale().toString(minutes / 60, "f", 1)
    return QCoreApplication.translate("Hours", "{hours} h").format(hours=number)


def status_text(status: ServiceStatus) -> str:
    return tr(STATUS_NAMES[status])


def status_colour(status: ServiceStatus) -> QColor:
    return QColor(colour(STATUS_TONES[status]))


def kind_text(kind: RequestKind) -> str:
    return tr(KIND_NAMES[kind])


def when_text(start: datetime | None, end: datetime | None, zone: str) -> str:
    """A stint on the task's clock (``domain.timefmt``, in the window's language)."""
    if start is None or end is None:
        return ""
    return timefmt.task_time_text(start, end, zone, tr=QCoreApplication.translate)


def moment(value: datetime | None, zone: str) -> str:
    return "" if value is None else timefmt.moment_text(value, zone, tr=QCoreApplication.translate)


def rule_text(rule: dict[str, Any] | None) -> str:
    """What the crediting rule did to a stint, in one sentence ("" when no rule was applied)."""
    if not rule:
        return ""
    try:
        return explain_credit(rule, QCoreApplication.translate)
    except (TypeError, ValueError):  # a rule written by an older version: say nothing rather than fail
        return ""


def show_failure(label: QLabel, parent: QWidget, exc: BaseException) -> None:
    """A refusal the person can act on, as one sentence in ``label``; anything else also gets the
    standard error dialog and the log (``gui.errors``), and a short sentence in ``label``."""
    if isinstance(exc, ServiceError):
        style.show_status(label, errors.translate_service_error(exc), Tone.ERROR)
        return
    report = errors.show_error(parent, exc)
    style.show_status(label, report.text, Tone.ERROR)


__all__ = [
    "CONTEXT",
    "hours_text",
    "kind_text",
    "moment",
    "rule_text",
    "show_failure",
    "status_colour",
    "status_text",
    "when_text",
]
