"""Tables over lists that may hold 100,000 rows, without loading them all.

``PagedTableModel`` shows what a service's ``count``/``fetch`` pair returns:

* it loads pages of ``PAGE_SIZE`` rows, each in the background (``canFetchMore`` /
  ``fetchMore``: the view asks for more as the person scrolls);
* sorting and filtering happen in SQL: ``sort()`` and ``set_filter_text()`` start a
  new query (count + first page) in the background and swap the rows in when it
  arrives, so typing and clicking headers never freeze the window;
* ``refresh()`` re-reads the rows already loaded and updates them in place
  (``dataChanged`` / insert / remove at the end): no reset, so the scroll
  position and the selection stay.

Answers that come back after a newer query started are dropped (a generation
counter), and the older worker is asked to stop.

``ServerSideProxyModel`` keeps Qt's proxy API (``setFilterFixedString``,
``sort``) for views and tests, but forwards both to the source model instead of
sorting and filtering the loaded rows itself; typing is debounced (250 ms).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)

from volunteer_app.gui.background import BackgroundTask, Job, run_in_background

log = logging.getLogger(__name__)

PAGE_SIZE = 500
FILTER_DELAY_MS = 250

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex

SortKeyRole = Qt.ItemDataRole.UserRole + 1  # headerData: the SQL sort key of a column
RowRole = Qt.ItemDataRole.UserRole  # data: the whole row object


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: a header (translated in ``context``), how to show a row, and its SQL sort key."""

    context: str
    title: str  # English source text, marked with QT_TRANSLATE_NOOP(context, ...)
    display: Callable[[Row], str]
    sort_key: str | None = None  # None: this column cannot be sorted
    align_right: bool = False
    tooltip: Callable[[Row], str] | None = None
    width: int = 120
    stretch: bool = False  # takes the spare width (one column per table)


CountFn = Callable[[str], int]
FetchFn = Callable[[str, str, bool, int, int], Sequence[Any]]  # text, sort, descending, offset, limit


def local_datetime(value: datetime | None) -> str:
    """A stored (UTC) time as the person's local time, in the current language's short format."""
    if value is None:
        return ""
    # Not QDateTime(value): the conversion ignores tzinfo and would read UTC as local time.
    local = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a paged, SQL-sorted and SQL-filtered service query."""

    loading_changed = Signal(bool)
    counts_changed = Signal(int, int)  # rows loaded, rows in total
    query_failed = Signal(object)  # the exception, for the page to show

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        count: CountFn,
        fetch: FetchFn,
        *,
        default_sort: str,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._count, self._fetch = count, fetch
        self._page_size = page_size
        self._rows: list[Row] = []
        self._total = 0
        self._text = ""
        self._sort = default_sort
        self._descending = False
        self._generation = 0
        self._query_task: BackgroundTask | None = None
        self._page_task: BackgroundTask | None = None
        self._started = False

    # -- what the view reads

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(column.context, column.title)
        if role == SortKeyRole:
            return column.sort_key
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    @property
    def columns(self) -> list[Column[Row]]:
        return list(self._columns)

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def is_loading(self) -> bool:
        return self._query_task is not None or self._page_task is not None

    @property
    def filter_text(self) -> str:
        return self._text

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    # -- paging

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self.is_loading:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation, offset = self._generation, len(self._rows)
        text, sort, descending, limit = self._text, self._sort, self._descending, self._page_size

        def work(job: Job) -> Sequence[Any]:
            job.check()
            return self._fetch(text, sort, descending, offset, limit)

        def done(rows: Sequence[Any]) -> None:
            self._page_task = None
            if generation != self._generation or offset != len(self._rows):
                self._emit_loading()
                return  # a newer query replaced the rows meanwhile
            if rows:
                self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            elif len(self._rows) < self._total:
                self._total = len(self._rows)  # rows were deleted since the count
            self._emit_loading()
            self.counts_changed.emit(len(self._rows), self._total)

        task = run_in_background(self, work, done, self._failed, on_cancelled=self._cancelled)
        self._page_task = None if task.done else task  # done already with the synchronous runner
        self._emit_loading()

    # -- new queries (sort, filter) and refresh

    def start(self) -> None:
        """Run the first query (the view's ``sort`` call does it too; this is for views without sorting)."""
        if not self._started:
            self._requery()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._started and (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self._requery()

    def reload(self) -> None:
        """Query again from the first page (after something the count and fetch functions read changed)."""
        self._requery()

    def set_filter_text(self, text: str) -> None:
        text = text.strip()
        if self._started and text == self._text:
            return
        self._text = text
        self._requery()

    def _requery(self) -> None:
        self._started = True
        self._generation += 1
        generation = self._generation
        for task in (self._query_task, self._page_task):
            if task is not None:
                task.cancel()
        self._page_task = None
        text, sort, descending, limit = self._text, self._sort, self._descending, self._page_size

        def work(job: Job) -> tuple[int, Sequence[Any]]:
            total = self._count(text)
            job.check()
            return total, self._fetch(text, sort, descending, 0, limit)

        def done(result: tuple[int, Sequence[Any]]) -> None:
            if generation != self._generation:
                return
            self._query_task = None
            total, rows = result
            self.beginResetModel()
            self._rows = list(rows)
            self._total = max(total, len(self._rows))
            self.endResetModel()
            self._emit_loading()
            self.counts_changed.emit(len(self._rows), self._total)

        task = run_in_background(self, work, done, self._failed_for(generation))
        self._query_task = None if task.done else task
        self._emit_loading()

    def refresh(self) -> None:
        """Re-read the loaded rows (same sort and filter) and update them in place."""
        if not self._started:
            self._requery()
            return
        if self._query_task is not None:
            return  # a fresh query is on its way anyway
        if self._page_task is not None:
            self._page_task.cancel()
            self._page_task = None
        self._generation += 1
        generation = self._generation
        text, sort, descending, page = self._text, self._sort, self._descending, self._page_size
        wanted = max(len(self._rows), page)

        def work(job: Job) -> tuple[int, list[Any]]:
            total = self._count(text)
            rows: list[Any] = []
            while len(rows) < wanted:
                job.check()
                chunk = self._fetch(text, sort, descending, len(rows), min(page * 4, wanted - len(rows)))
                rows.extend(chunk)
                if not chunk:
                    break
                job.report(len(rows), wanted)
            return total, rows

        def done(result: tuple[int, list[Any]]) -> None:
            if generation != self._generation:
                return
            self._query_task = None
            total, rows = result
            self._merge(rows)
            self._total = max(total, len(self._rows))
            self._emit_loading()
            self.counts_changed.emit(len(self._rows), self._total)

        task = run_in_background(self, work, done, self._failed_for(generation))
        self._query_task = None if task.done else task
        self._emit_loading()

    def _merge(self, rows: list[Any]) -> None:
        old = self._rows
        common = min(len(old), len(rows))
        first_changed = next((i for i in range(common) if old[i] != rows[i]), None)
        if first_changed is not None:
            last_changed = next(i for i in range(common - 1, -1, -1) if old[i] != rows[i])
            self._rows[first_changed : last_changed + 1] = rows[first_changed : last_changed + 1]
            self.dataChanged.emit(self.index(first_changed, 0), self.index(last_changed, len(self._columns) - 1))
        if len(rows) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(rows) - 1)
            self._rows.extend(rows[len(old) :])
            self.endInsertRows()
        elif len(rows) < len(old):
            self.beginRemoveRows(QModelIndex(), len(rows), len(old) - 1)
            del self._rows[len(rows) :]
            self.endRemoveRows()

    def retranslate(self) -> None:
        """Headers and cells (dates, states) in the new language."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    # -- outcomes

    def _failed_for(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._query_task = None
            self._failed(exc)

        return failed

    def _failed(self, exc: BaseException) -> None:
        self._page_task = None
        self._emit_loading()
        self.query_failed.emit(exc)

    def _cancelled(self) -> None:
        self._emit_loading()

    def _emit_loading(self) -> None:
        self.loading_changed.emit(self.is_loading)


class ServerSideProxyModel(QSortFilterProxyModel):
    """Qt's proxy API, with the sorting and filtering done by the source model in SQL."""

    def __init__(self, parent: QObject | None = None, *, delay_ms: int = FILTER_DELAY_MS) -> None:
        super().__init__(parent)
        self._pending_text = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(delay_ms)
        self._debounce.timeout.connect(self._apply_filter)

    def paged_source(self) -> PagedTableModel[Any]:
        source = self.sourceModel()
        assert isinstance(source, PagedTableModel)
        return source

    # Sorting: the view calls this when a header is clicked.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.paged_source().sort(column, order)

    # Filtering: typed text goes to SQL after a pause in typing.
    def setFilterFixedString(self, text: str) -> None:
        self._pending_text = text
        self._debounce.start()

    def filter_text(self) -> str:
        return self._pending_text

    def apply_filter_now(self) -> None:
        """Skip the typing pause (Enter in the filter box)."""
        self._debounce.stop()
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.paged_source().set_filter_text(self._pending_text)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return True  # the rows were filtered by SQL already


__all__ = [
    "Column",
    "FILTER_DELAY_MS",
    "PAGE_SIZE",
    "PagedTableModel",
    "RowRole",
    "ServerSideProxyModel",
    "SortKeyRole",
    "local_datetime",
]
