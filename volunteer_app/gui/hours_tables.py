"""What the two hours pages share: hours as "2.5 h", statuses in words and colours, small list tables.

The lists here are short (one volunteer's records, one queue of at most
``hours_ledger.QUEUE_LIMIT``), so a plain in-memory table model serves them; the
page loads the rows in the background and hands them over with ``set_rows``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

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


@dataclass(frozen=True)
class Col(Generic[Row]):
    title: str  # English, marked QT_TRANSLATE_NOOP("Hours", ...)
    display: Callable[[Row], str]
    width: int = 120
    tooltip: Callable[[Row], str] | None = None
    foreground: Callable[[Row], QColor | None] | None = None
    align_right: bool = False
    stretch: bool = False


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list the page replaces as a whole."""

    def __init__(self, columns: Sequence[Col[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.display)(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section].title)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def rows_table(model: RowsModel[Any], parent: QWidget, *, multi: bool = False) -> QTableView:
    """A read-only table over ``model``: whole rows selected, Tab leaves it, columns sized by ``Col``."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(48)
    for i, column in enumerate(model.columns):
        header.resizeSection(i, column.width)
        if column.stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    return table


def show_failure(label: QLabel, parent: QWidget, exc: BaseException) -> None:
    """A refusal the person can act on, as one sentence in ``label``; anything else also gets the
    standard error dialog and the log (``gui.errors``), and a short sentence in ``label``."""
    if isinstance(exc, ServiceError):
        style.show_status(label, errors.translate_service_error(exc), Tone.ERROR)
        return
    report = errors.show_error(parent, exc)
    style.show_status(label, report.text, Tone.ERROR)


def selected_rows(table: QTableView) -> list[Any]:
    """The row objects of the selected rows, top to bottom."""
    model = table.model()
    assert isinstance(model, RowsModel)
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [model.row_at(r) for r in rows]


__all__ = [
    "Col",
    "RowsModel",
    "hours_text",
    "kind_text",
    "moment",
    "rows_table",
    "rule_text",
    "selected_rows",
    "show_failure",
    "status_colour",
    "status_text",
    "when_text",
]
