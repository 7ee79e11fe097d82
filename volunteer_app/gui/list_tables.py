"""Small in-memory tables (Roster, Auto-assign, My hours, Hours to verify).

Their lists are short (one occurrence's roster, the occurrences of a fortnight, one
engine run's proposals), so the page loads rows in the background and hands the
whole list over with ``set_rows``. Column titles are translated in each column's
own context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Col(Generic[Row]):
    context: str
    title: str  # English, marked QT_TRANSLATE_NOOP(context, ...)
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
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(column.context, column.title)
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
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
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


def selected_rows(table: QTableView) -> list[Any]:
    """The row objects of the selected rows, top to bottom."""
    model = table.model()
    assert isinstance(model, RowsModel)
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    return [model.row_at(r) for r in rows]


def select_row(table: QTableView, row: int) -> None:
    """Select (and show) one row; the current index follows, so keyboard work goes on from there."""
    model = table.model()
    if 0 <= row < model.rowCount():
        table.selectRow(row)
        table.scrollTo(model.index(row, 0))


__all__ = ["Col", "RowRole", "RowsModel", "rows_table", "select_row", "selected_rows"]
