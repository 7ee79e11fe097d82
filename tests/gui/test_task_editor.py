"""A coordinator posts a recurring task, edits it, cancels one date, duplicates it and publishes the copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.conftest import Dialogs
from tests.support.community import Community
from volunteer_app.domain.enums import SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.gui import tasks_page as tasks_page_module
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.task_editor_dialog import TaskEditorDialog
from volunteer_app.gui.tasks_page import TasksPage
from volunteer_app.services import notices, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, Task, TaskOccurrence


def tasks_page(window: MainWindow) -> TasksPage:
    page = window.pages["tasks"]
    assert isinstance(page, TasksPage)
    return page


def row_of(page: TasksPage, title: str, status: str | None = None) -> int:
    model = page.table.model()
    for r in range(model.rowCount()):
        if model.index(r, 0).data() == title and (status is None or model.index(r, 8).data() == status):
            return r
    raise AssertionError(f"no row {title!r} ({status})")


def set_when(editor: TaskEditorDialog, start: datetime, hours: int = 2) -> None:
    editor.start_edit.setDateTime(QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)))
    end = start + timedelta(hours=hours)
    editor.end_edit.setDateTime(QDateTime(QDate(end.year, end.month, end.day), QTime(end.hour, end.minute)))


def test_post_edit_cancel_one_date_duplicate_publish(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow, dialogs: Dialogs
) -> None:
    page = tasks_page(coordinator_window)
    assert [b.text() for b in page.buttons.values()][:1] == ["&New task…"]
    assert not page.edit_action.isEnabled()  # nothing selected yet

    # ---- post a weekly task through the editor
    qtbot.mouseClick(page.buttons[page.new_action], Qt.MouseButton.LeftButton)
    editor = page.editor
    assert isinstance(editor, TaskEditorDialog) and editor.isVisible()
    assert editor.org_combo.currentText() == "Riverside Community Centre"
    assert editor.zone_combo.currentText() == "Asia/Shanghai"  # the organisation's zone
    assert "Shanghai time (UTC+8)" in editor.zone_note.text()
    assert editor.priority_combo.itemText(4) == "5 = Urgent: nobody else will do it"
    editor.save()  # no title yet: refused beside the field, nothing written
    assert editor.error_text("title") == "The title must not be empty."
    assert editor.isVisible()
    qtbot.keyClicks(editor.title_edit, "Read to children")
    assert editor.error_text("title") == ""  # typing clears the complaint
    start = datetime(2031, 3, 1, 10, 0)
    set_when(editor, start)
    editor.repeat_box.setChecked(True)
    editor.repeat_until.setDate(QDate(2031, 3, 22))
    editor.place_field.set_remote(True)
    editor.slots_spin.setValue(2)
    editor.priority_combo.setCurrentIndex(3)
    editor.skills.add_row("first_aid", 2)
    editor.contact_combo.setCurrentIndex(editor.contact_combo.findData(community.coord_a.person_id))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    with db.read() as s:
        task = s.scalars(select(Task).where(Task.title == "Read to children")).one()
        task_id = task.id
        assert task.status is TaskStatus.DRAFT and task.is_remote and task.priority == 4 and task.slots == 2
        assert task.contact_person_id == community.coord_a.person_id
        assert task.starts_at == datetime(2031, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
        occurrences = [o.id for o in task.occurrences]
    assert len(occurrences) == 4
    assert page.status_label.text() == "Task saved."
    assert page.selected_row() is not None and page.selected_row().id == task_id  # type: ignore[union-attr]
    assert page.publish_action.isEnabled() and not page.close_action.isEnabled()

    # ---- edit it (double-click the row)
    r = row_of(page, "Read to children")
    rect = page.table.visualRect(page.table.model().index(r, 0))
    page.editor = None
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a view needs the press
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = page.editor
    assert isinstance(editor, TaskEditorDialog) and editor.task_id == task_id
    assert editor.title_edit.text() == "Read to children" and not editor.org_combo.isEnabled()
    assert editor.skills.requires() == {"first_aid": 2} and editor.place_field.is_remote()
    assert editor.repeat_box.isChecked() and editor.start_edit.time() == QTime(10, 0)
    editor.title_edit.setText("Read to children (library)")
    editor.flexible_radio.setChecked(True)
    editor.minutes_spin.setValue(90)
    editor.save()
    with db.read() as s:
        task = s.get(Task, task_id)
        assert task is not None and task.title == "Read to children (library)"
        assert task.kind is TaskKind.FLEXIBLE and task.minutes == 90

    # ---- cancel one date from the editor's Dates tab: the volunteer signed up for it is told
    with db.transaction() as s:
        occ = s.get(TaskOccurrence, occurrences[1])
        assert occ is not None
        s.add(Signup(occurrence_id=occ.id, person_id=community.volunteer.person_id, status=SignupStatus.CONFIRMED,
                     source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.starts_at + timedelta(minutes=90)))  # fmt: skip
    page.select_task(task_id)
    editor = page.edit_selected()
    assert isinstance(editor, TaskEditorDialog)
    assert editor.tabs.isTabEnabled(1) and editor.dates_table.rowCount() == 4
    editor.tabs.setCurrentIndex(1)
    assert not editor.cancel_date_button.isEnabled()
    editor.dates_table.selectRow(1)
    assert editor.dates_table.item(1, 1).text() == "1 / 2"
    editor.reason_edit.setText("The library is closed")
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.cancel_date_button, Qt.MouseButton.LeftButton)
    assert dialogs.calls[-1].kind == "question" and "1 volunteer(s) are told" in dialogs.calls[-1].text
    assert editor.dates_table.item(1, 3).text() == "Cancelled"
    assert editor.dates_status.text() == "Date cancelled; 1 volunteer(s) told."
    (notice,) = notices.list_notices(db, community.volunteer)
    assert notice.kind == "occurrence_cancelled" and notice.params["reason"] == "The library is closed"
    editor.reject()

    # ---- duplicate (a draft copy), then publish the original from the context menu
    page.select_task(task_id)
    qtbot.mouseClick(page.buttons[page.duplicate_action], Qt.MouseButton.LeftButton)
    assert page.status_label.text() == "“Read to children (library)” copied as a draft."
    copy = page.selected_row()
    assert copy is not None and copy.id != task_id and copy.status is TaskStatus.DRAFT
    page.select_task(task_id)
    menu = page.show_context_menu(QPoint(5, 5))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    import_item = ["&Import…"] if tasks_page_module.import_dialog_available() else []
    assert texts == ["&New task…", *import_item, "&Edit…", "D&uplicate", "Pu&blish", "C&lose", "&Cancel task…"]
    menu.close()
    page.select_task(task_id)
    page.publish_action.trigger()
    assert tasks.get_task(db, community.volunteer, task_id).status is TaskStatus.OPEN
    assert page.selected_row() is not None and page.close_action.isEnabled()


def test_cancelling_a_task_asks_first_and_tells_the_volunteers(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow, dialogs: Dialogs
) -> None:
    with db.transaction() as s:
        occ = s.scalars(select(TaskOccurrence).where(TaskOccurrence.task_id == community.task_a)).one()
        s.add(Signup(occurrence_id=occ.id, person_id=community.volunteer.person_id, status=SignupStatus.CONFIRMED,
                     source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.ends_at))  # fmt: skip
    page = tasks_page(coordinator_window)
    page.refresh()
    page.select_task(community.task_a)
    dialogs.answer = QMessageBox.StandardButton.No
    page.cancel_action.trigger()
    assert "1 volunteer(s) are told" in dialogs.calls[-1].text
    assert tasks.get_task(db, community.coord_a, community.task_a).status is TaskStatus.OPEN  # said no
    dialogs.answer = QMessageBox.StandardButton.Yes
    page.cancel_action.trigger()
    assert tasks.get_task(db, community.coord_a, community.task_a).status is TaskStatus.CANCELLED
    assert page.status_label.text() == "“Sort donations” cancelled; 1 volunteer(s) told."
    assert [n.kind for n in notices.list_notices(db, community.volunteer)] == ["task_cancelled"]
    page.select_task(community.task_a)
    assert not page.cancel_action.isEnabled() and not page.edit_action.isEnabled()
    assert page.duplicate_action.isEnabled()
    # Another organisation's task: nothing but New is offered.
    page.select_task(community.task_b)
    assert not any(a.isEnabled() for a in (page.edit_action, page.duplicate_action, page.cancel_action))


def test_service_errors_show_beside_their_field(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    editor = tasks_page(coordinator_window).new_task()
    assert isinstance(editor, TaskEditorDialog)
    editor.title_edit.setText("Late shift")
    start = datetime(2031, 3, 1, 10, 0)
    set_when(editor, start, hours=-1)  # ends before it starts
    editor.place_field.set_remote(True)
    editor.save()
    assert editor.error_text("ends_at").startswith("The end (")
    assert editor.tabs.currentIndex() == 0 and editor.isVisible()  # still open, on the field's tab
    set_when(editor, start)
    editor.zone_combo.setCurrentText("Mars/Olympus")
    editor.save()
    assert editor.error_text("timezone") == "Unknown time zone 'Mars/Olympus'."
    editor.zone_combo.setCurrentText("Europe/Berlin")
    assert "Berlin time (UTC+1)" in editor.zone_note.text()
    editor.place_field.set_remote(False)
    editor.place_field.edit.setText("somewhere not looked up")
    editor.save()
    assert editor.error_text("place").startswith("Pick the place from the list")
    editor.place_field.set_place("Riverside Hall", 30.27, 120.15)
    editor.save()
    assert not editor.isVisible()
    with db.read() as s:
        task = s.scalars(select(Task).where(Task.title == "Late shift")).one()
        assert task.timezone == "Europe/Berlin" and task.address == "Riverside Hall"
        assert task.starts_at == datetime(2031, 3, 1, 9, 0, tzinfo=UTC)  # 10:00 in Berlin (winter time)
