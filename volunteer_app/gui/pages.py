"""Building blocks of the main window's areas: the page base class and a list page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui import errors
from volunteer_app.gui.style import PAGE_MARGINS, Retranslating, heading_label
from volunteer_app.gui.table_models import PagedTableModel, ServerSideProxyModel


class AreaPage(Retranslating, QWidget):
    """A page of the main window, registered with ``areas.register_area``.

    Constructed as ``Page(db, actor, parent)``. Subclasses set their texts in
    ``retranslate`` (called again on every language change).
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """F5: reload what the page shows (pages without data do nothing)."""

    def activate(self) -> None:
        """The page became visible: start loading if it has not yet."""


class ListPage(AreaPage):
    """A heading, a filter box, a row count and a sortable table over a ``PagedTableModel``."""

    def __init__(self, model: PagedTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ServerSideProxyModel(self)
        self.proxy.setSourceModel(model)

        self.heading = heading_label(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(320)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        # Never ResizeToContents: it would measure every loaded row. The first column takes the spare width.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(48)
        for i, column in enumerate(model.columns):
            header.resizeSection(i, column.width)
            if column.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sortable_column)
        default = next((i for i, c in enumerate(model.columns) if c.sort_key == model.sort_key), 0)
        header.setSortIndicator(default, Qt.SortOrder.AscendingOrder)

        top = self.top_bar = QHBoxLayout()
        top.addWidget(self.filter_edit, 2)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.filter_edit, self.table)
        # Ctrl+F (Cmd+F on macOS) jumps to the filter, as in every list people know.
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)
        self.setFocusProxy(self.filter_edit)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.returnPressed.connect(self.proxy.apply_filter_now)
        model.counts_changed.connect(self._update_count)
        model.loading_changed.connect(self._update_count)
        model.query_failed.connect(self._show_failure)
        self.retranslate()

    def activate(self) -> None:
        if not self.table.isSortingEnabled():
            # Enabling sorting makes the view call sort() with the indicator: the first query.
            self.table.setSortingEnabled(True)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def refresh(self) -> None:
        if self.table.isSortingEnabled():
            self.model.refresh()
        else:
            self.activate()

    def retranslate(self) -> None:
        self.model.retranslate()
        self._update_count()

    def _keep_indicator_on_sortable_column(self, section: int, _order: Qt.SortOrder) -> None:
        columns = self.model.columns
        if 0 <= section < len(columns) and columns[section].sort_key is None:
            current = next((i for i, c in enumerate(columns) if c.sort_key == self.model.sort_key), 0)
            order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(current, order)
            header.blockSignals(False)
            header.viewport().update()

    def count_text(self, loaded: int, total: int) -> str:
        locale = QLocale()  # the default follows the chosen language; self.locale() would not
        return self.tr("Showing {shown} of {total}").format(shown=locale.toString(loaded), total=locale.toString(total))

    def _update_count(self, *_args: object) -> None:
        if self.model.is_loading and self.model.loaded == 0:
            text = self.tr("Loading…")
        elif self.model.total == 0 and not self.model.is_loading:
            text = (
                self.tr("Nothing matches “{text}”.").format(text=self.model.filter_text)
                if (self.model.filter_text)
                else self.tr("Nothing here yet.")
            )
        else:
            text = self.count_text(self.model.loaded, self.model.total)
            if self.model.is_loading:
                text += " " + self.tr("(loading…)")
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _show_failure(self, exc: BaseException) -> None:
        self._update_count()
        errors.show_error(self, exc)
