"""The coordinator's Tasks area: every task this person may see, sorted and filtered in SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QCheckBox, QWidget

from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.table_models import Column, PagedTableModel, local_datetime
from volunteer_app.services import browse
from volunteer_app.services.accounts import Actor
from volunteer_app.services.browse import TaskRow
from volunteer_app.services.storage import Database

CONTEXT = "TaskColumns"

STATUS_NAMES = {
    TaskStatus.DRAFT: QT_TRANSLATE_NOOP("TaskStatus", "Draft"),
    TaskStatus.OPEN: QT_TRANSLATE_NOOP("TaskStatus", "Open"),
    TaskStatus.CLOSED: QT_TRANSLATE_NOOP("TaskStatus", "Closed"),
    TaskStatus.CANCELLED: QT_TRANSLATE_NOOP("TaskStatus", "Cancelled"),
}
KIND_NAMES = {
    TaskKind.FIXED: QT_TRANSLATE_NOOP("TaskKind", "Fixed shift"),
    TaskKind.FLEXIBLE: QT_TRANSLATE_NOOP("TaskKind", "Flexible"),
}


def status_name(status: TaskStatus) -> str:
    return QCoreApplication.translate("TaskStatus", STATUS_NAMES[status])


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return QCoreApplication.translate("TaskColumns", "{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return QCoreApplication.translate("TaskColumns", "{hours} h").format(hours=hours)
    return QCoreApplication.translate("TaskColumns", "{minutes} min").format(minutes=rest)


def place_text(row: TaskRow) -> str:
    return QCoreApplication.translate("TaskColumns", "Remote") if row.is_remote else row.place


def slots_text(row: TaskRow) -> str:
    return f"{QLocale().toString(row.filled)} / {QLocale().toString(row.slots)}"


def length_tooltip(row: TaskRow) -> str:
    return QCoreApplication.translate("TaskKind", KIND_NAMES[row.kind])


TASK_COLUMNS: list[Column[TaskRow]] = [
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Title"),
        lambda r: r.title,
        "title",
        width=260,
        tooltip=lambda r: r.title,
        stretch=True,
    ),
    Column(
        CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Organisation"), lambda r: r.organisation, "organisation", width=180
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Category"), lambda r: r.category, "category", width=90),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Starts"),
        lambda r: local_datetime(r.starts_at),
        "starts_at",
        width=130,
    ),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Length"),
        lambda r: duration_text(r.minutes),
        "minutes",
        align_right=True,
        width=96,
        tooltip=length_tooltip,
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Place"), place_text, "place", width=160, tooltip=place_text),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Filled"), slots_text, "slots", align_right=True, width=60),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("TaskColumns", "Priority"),
        lambda r: str(r.priority),
        "priority",
        align_right=True,
        width=60,
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("TaskColumns", "Status"), lambda r: status_name(r.status), "status", width=80),
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


@register_area("tasks", QT_TRANSLATE_NOOP("Areas", "Tasks"), Side.COORDINATOR, order=110)
class TasksPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        # Tasks that are over are hidden until asked for: a coordinator's work is what comes next.
        self.past_box = QCheckBox()
        super().__init__(tasks_model(db, actor, include_past=self.past_box.isChecked), parent)
        self.model.setParent(self)
        self.past_box.setParent(self)
        self.past_box.toggled.connect(lambda _checked: self.model.reload())
        self.top_bar.insertWidget(1, self.past_box)
        self.setTabOrder(self.filter_edit, self.past_box)
        self.setTabOrder(self.past_box, self.table)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Tasks"))
        self.heading.setAccessibleName(self.heading.text())
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, organisation, category or place"))
        self.filter_edit.setAccessibleName(self.tr("Filter tasks"))
        self.past_box.setText(self.tr("Show &past tasks"))
        self.past_box.setAccessibleName(self.tr("Show past tasks"))
        self.table.setAccessibleName(self.tr("Tasks"))
        self.table.setAccessibleDescription(self.tr("Click a column header to sort by it."))
        super().retranslate()
