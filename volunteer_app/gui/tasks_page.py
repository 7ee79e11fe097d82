"""The coordinator's Tasks area: every task this person may see, sorted and filtered in SQL.

New, Edit, Duplicate, Publish, Close and Cancel… act on the selected task (buttons
above the list, the same in its context menu; a double-click or Enter edits). Each
action is one service call in the background; the list then refreshes in place.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import Role, TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.style import Tone
from volunteer_app.gui.table_models import Column, PagedTableModel, RowRole
from volunteer_app.services import browse, tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.services.browse import TaskRow
from volunteer_app.services.storage import Database

CONTEXT = "TaskColumns"
#: Another engineer's import window; the Import… button appears once that module exists.
IMPORT_DIALOG_MODULE = "volunteer_app.gui.import_dialog"

STATUS_NAMES = {
    TaskStatus.DRAFT: QT_TRANSLATE_NOOP("TaskStatus", "Draft"),
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("TaskStatus", "Open"),
    TaskStatus.CLOSED: QT_TRANSLATE_NOOP("TaskStatus", "Closed"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("TaskStatus", "Cancelled"),
}
FULL = QT_TRANSLATE_NOOP("TaskStatus", "Full")
KIND_NAMES = {
    TaskKind.FIXED: QT_TRANSLATE_NOOP("TaskKind", "Fixed shift"),
    TaskKind.FLEXIBLE: QT_TRANSLATE_NOOP("TaskKind", "Flexible"),
}


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def status_name(status: TaskStatus) -> str:
    return QCoreApplication.translate("TaskStatus", STATUS_NAMES[status])


def status_text(row: TaskRow) -> str:
    """The row's status; an open task with no place left reads "Full"."""
    if row.status is TaskStatus.OPEN and row.is_full:
        return QCoreApplication.translate("TaskStatus", FULL)
    return status_name(row.status)


def duration_text(minutes: int) -> str:
    return timefmt.duration_text(minutes, translate)


def when_text(row: TaskRow, *, compact: bool = True) -> str:
    """When the task (its first date) happens, on its own clock (compact in the cell, full in the tooltip)."""
    return timefmt.task_time_text(row.starts_at, row.ends_at, row.timezone, minutes=row.flexible_minutes,
                                  tr=translate, compact=compact)  # fmt: skip


def when_tooltip(row: TaskRow) -> str:
    text = when_text(row, compact=False)
    if row.repeats_until is not None:
        until = timefmt.date_text(datetime.combine(row.repeats_until, time(12)), translate)
        text += "\n" + QCoreApplication.translate("TaskColumns", "Every week until {date}").format(date=until)
    return text


def place_text(row: TaskRow) -> str:
    return QCoreApplication.translate("TaskColumns", "Remote") if row.is_remote else row.place


def slots_text(row: TaskRow) -> str:
    return f"{QLocale().toString(row.filled)} / {QLocale().toString(row.slots)}"


def length_tooltip(row: TaskRow) -> str:
    return QCoreApplication.translate("TaskKind", KIND_NAMES[row.kind])


def priority_tooltip(row: TaskRow) -> str:
    return tasks.priority_text(row.priority, translate)


TASK_COLUMNS: list[Column[TaskRow]] = [
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Title"),
        lambda r: r.title,
        "title",
        width=220,
        tooltip=lambda r: r.title,
        stretch=True,
    ),
    Column(
        CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Organisation"), lambda r: r.organisation, "organisation", width=140
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Category"), lambda r: r.category, "category", width=80),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "When"), when_text, "starts_at", width=230, tooltip=when_tooltip),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Length"),
        lambda r: duration_text(r.minutes),
        "minutes",
        align_right=True,
        width=72,
        tooltip=length_tooltip,
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Place"), place_text, "place", width=120, tooltip=place_text),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Filled"), slots_text, "slots", align_right=True, width=60),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Priority"),
        lambda r: str(r.priority),
        "priority",
        align_right=True,
        width=56,
        tooltip=priority_tooltip,
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Status"), status_text, "status", width=76),
]


def tasks_model(
    db: Database, actor: Actor, parent: QWidget | None = None, *, include_past: Callable[[], bool] = lambda: False
) -> PagedTableModel[TaskRow]:
    def count(text: str) -> int:
        return browse.count_tasks(db, actor, text, include_past=include_past())

    def fetch(text: str, sort: str, descending: bool, offset: int, limit: int) -> Sequence[TaskRow]:
        return browse.fetch_tasks(
            db, actor, text=text, sort=sort, descending=descending, offset=offset, limit=limit,
            include_past=include_past(),
        )

    return PagedTableModel(TASK_COLUMNS, count, fetch, default_sort="starts_at", parent=parent)


def import_dialog_available() -> bool:
    return importlib.util.find_spec(IMPORT_DIALOG_MODULE) is not None


@register_area("tasks", QT_TRANSLATE_NOOP("Areas", "Tasks"), Side.COORDINATOR, order=110)
class TasksPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.db, self.actor = db, actor
        # Tasks that are over are hidden until asked for: a coordinator's work is what comes next.
        self.past_box = QCheckBox()
        super().__init__(tasks_model(db, actor, include_past=self.past_box.isChecked), parent)
        self.model.setParent(self)
        self.past_box.setParent(self)
        self.past_box.toggled.connect(lambda _checked: self.model.reload())
        self.top_bar.insertWidget(1, self.past_box)
        self.managed = set(actor.organisations_with(Role.COORDINATOR, Role.ADMIN))
        self.editor: QWidget | None = None

        # Actions: the buttons and the context menu share them (and their shortcuts).
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.edit_action = QAction(self)
        self.duplicate_action = QAction(self)
        self.publish_action = QAction(self)
        self.close_action = QAction(self)
        self.cancel_action = QAction(self)
        self.import_action: QAction | None = QAction(self) if import_dialog_available() else None
        for action in self.actions_in_order():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.new_action.triggered.connect(self.new_task)
        self.edit_action.triggered.connect(self.edit_selected)
        self.duplicate_action.triggered.connect(self.duplicate_selected)
        self.publish_action.triggered.connect(self.publish_selected)
        self.close_action.triggered.connect(self.close_selected)
        self.cancel_action.triggered.connect(self.cancel_selected)
        if self.import_action is not None:
            self.import_action.triggered.connect(self.open_import)

        self.buttons: dict[QAction, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for action in self.actions_in_order():
            button = QPushButton(self)
            button.setObjectName(f"taskButton_{len(self.buttons)}")
            button.clicked.connect(action.trigger)
            self.buttons[action] = button
            bar.addWidget(button)
            if action is self.new_action or action is self.duplicate_action:
                bar.addSpacing(12)
        bar.addStretch(1)
        self.status_label = style.error_label(self)
        self.status_label.setObjectName("tasksStatus")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(2, bar)
        layout.addWidget(self.status_label)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.show_context_menu)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter on a row edits it, as a double-click does
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())
        self.model.modelReset.connect(self.update_actions)
        self.model.dataChanged.connect(lambda *_a: self.update_actions())

        # Filter, past tasks, the list, then the buttons: the list comes first, the buttons have mnemonics.
        self.setTabOrder(self.filter_edit, self.past_box)
        self.setTabOrder(self.past_box, self.table)
        previous: QWidget = self.table
        for button in self.buttons.values():
            self.setTabOrder(previous, button)
            previous = button
        self.retranslate()
        self.update_actions()

    def actions_in_order(self) -> list[QAction]:
        first = [self.new_action] + ([self.import_action] if self.import_action is not None else [])
        return [*first, self.edit_action, self.duplicate_action, self.publish_action, self.close_action,
                self.cancel_action]  # fmt: skip

    # ------------------------------------------------------------------ selection

    def selected_row(self) -> TaskRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(RowRole)
        return row if isinstance(row, TaskRow) else None

    def select_task(self, task_id: int) -> bool:
        """Select the row of ``task_id`` if it is loaded."""
        for i in range(self.model.loaded):
            if self.model.row_at(i).id == task_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(i, 0)).row())
                return True
        return False

    def _may_manage(self, row: TaskRow | None) -> bool:
        return row is not None and (row.organisation_id in self.managed or self.actor.is_admin)

    def update_actions(self) -> None:
        row = self.selected_row()
        manage = self._may_manage(row)
        status = row.status if row is not None else None
        self.new_action.setEnabled(bool(self.managed) or self.actor.is_admin)
        self.edit_action.setEnabled(manage and status is not TaskStatus.CANCELLED)
        self.duplicate_action.setEnabled(manage)
        self.publish_action.setEnabled(manage and status in (TaskStatus.DRAFT, TaskStatus.CLOSED))
        self.close_action.setEnabled(manage and status is TaskStatus.OPEN)
        self.cancel_action.setEnabled(manage and status is not TaskStatus.CANCELLED)
        for action, button in self.buttons.items():
            button.setEnabled(action.isEnabled())

    def show_context_menu(self, pos: QPoint) -> QMenu:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setObjectName("tasksContextMenu")
        for action in self.actions_in_order():
            menu.addAction(action)
            if action is self.new_action:
                menu.addSeparator()
        menu.popup(self.table.viewport().mapToGlobal(pos))
        return menu

    # ------------------------------------------------------------------ actions

    def new_task(self) -> QWidget:
        from volunteer_app.gui.task_editor_dialog import open_task_editor

        self.editor = open_task_editor(self, self.db, self.actor, on_saved=self._saved)
        return self.editor

    def edit_selected(self) -> QWidget | None:
        row = self.selected_row()
        if row is None or not self.edit_action.isEnabled():
            return None
        from volunteer_app.gui.task_editor_dialog import open_task_editor

        self.editor = open_task_editor(self, self.db, self.actor, task_id=row.id, on_saved=self._saved)
        return self.editor

    def open_import(self) -> None:
        module: Any = importlib.import_module(IMPORT_DIALOG_MODULE)  # lazily: it is a large window
        dialog = module.open_import_dialog(self, self.db, self.actor, kind="tasks")
        imported = getattr(dialog, "imported", None)
        if imported is not None:
            imported.connect(lambda *_args: self.model.refresh())

    def _saved(self, task_id: int) -> None:
        self.model.refresh()
        self.select_task(task_id)
        style.show_status(self.status_label, self.tr("Task saved."), Tone.SUCCESS)

    def _run(self, work: Callable[[], Any], message: Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.model.refresh()
            if isinstance(result, int):
                self.select_task(result)
            style.show_status(self.status_label, message(result), Tone.SUCCESS)
            self.update_actions()

        def failed(exc: BaseException) -> None:
            style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

        run_in_background(self, lambda _job: work(), done, failed)

    def duplicate_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._run(lambda: tasks.duplicate_task(self.db, self.actor, row.id),
                  lambda _id: self.tr("“{title}” copied as a draft.").format(title=row.title))  # fmt: skip

    def publish_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._run(lambda: tasks.publish_task(self.db, self.actor, row.id),
                  lambda _r: self.tr("“{title}” is open: volunteers can see it.").format(title=row.title))  # fmt: skip

    def close_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._run(lambda: tasks.close_task(self.db, self.actor, row.id),
                  lambda _r: self.tr("“{title}” is closed: nobody new can sign up.").format(title=row.title))  # fmt: skip

    def cancel_selected(self) -> None:
        """Ask first (saying how many volunteers will be told), then cancel every date still to come."""
        row = self.selected_row()
        if row is None or not self.cancel_action.isEnabled():
            return

        def ask(people: int) -> None:
            text = self.tr(
                "Cancel “{title}”? Every date still to come is cancelled, their signups end, and "
                "{count} volunteer(s) are told in the app. To cancel one date only, use Edit → Dates."
            ).format(title=row.title, count=people)
            answer = QMessageBox.question(self, self.tr("Cancel task"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._run(
                lambda: tasks.cancel_task(self.db, self.actor, row.id),
                lambda outcome: self.tr("“{title}” cancelled; {count} volunteer(s) told.").format(
                    title=row.title, count=outcome.people),
            )  # fmt: skip

        def failed(exc: BaseException) -> None:
            style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

        run_in_background(self, lambda _job: tasks.people_to_tell(self.db, self.actor, row.id), ask, failed)

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Tasks"))
        self.heading.setAccessibleName(self.heading.text())
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, organisation, category, place or “remote”"))
        self.filter_edit.setAccessibleName(self.tr("Filter tasks"))
        self.past_box.setText(self.tr("Show &past tasks"))
        self.past_box.setAccessibleName(self.tr("Show past tasks"))
        self.table.setAccessibleName(self.tr("Tasks"))
        self.table.setAccessibleDescription(
            self.tr("Click a column header to sort by it. Double-click a task or press Enter to edit it.")
        )
        if hasattr(self, "new_action"):
            texts = {
                self.new_action: (self.tr("&New task…"), self.tr("Post a new task (Ctrl+N)")),
                self.edit_action: (self.tr("&Edit…"), self.tr("Change the selected task, or cancel one of its dates")),
                self.duplicate_action: (self.tr("D&uplicate"), self.tr("Copy the selected task as a new draft")),
                self.publish_action: (self.tr("Pu&blish"), self.tr("Open the task: volunteers see it and sign up")),
                self.close_action: (self.tr("C&lose"), self.tr("Nobody new can sign up; the task stays")),
                self.cancel_action: (self.tr("&Cancel task…"),
                                     self.tr("Cancel every date still to come; the volunteers are told")),
            }  # fmt: skip
            if self.import_action is not None:
                texts[self.import_action] = (self.tr("&Import…"), self.tr("Post tasks from a CSV or XLSX file"))
            for action, (text, tip) in texts.items():
                action.setText(text)
                action.setToolTip(tip)
                button = self.buttons.get(action) if hasattr(self, "buttons") else None
                if button is not None:
                    button.setText(text)
                    button.setToolTip(tip)
        super().retranslate()


__all__ = ["TASK_COLUMNS", "TasksPage", "status_text", "tasks_model"]
