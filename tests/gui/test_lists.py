"""The Tasks and Volunteers lists: real rows, SQL-side sorting and filtering, paging, refresh."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.gui.conftest import activate, add_tasks
from tests.support.community import PASSWORD, Community
from volunteer_app.domain.enums import Role
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.table_models import PAGE_SIZE
from volunteer_app.services import accounts
from volunteer_app.store.database import Database
from volunteer_app.store.models import Person, Task


def column_texts(page: ListPage, column: int, rows: int | None = None) -> list[str]:
    model = page.table.model()
    count = model.rowCount() if rows is None else min(rows, model.rowCount())
    return [model.index(r, column).data() for r in range(count)]


def click_header(qtbot: QtBot, page: ListPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def tasks_page(window: MainWindow) -> ListPage:
    page = window.pages["tasks"]
    assert isinstance(page, ListPage)
    return page


# --------------------------------------------------------------------------- tasks


def test_tasks_list_shows_real_rows(coordinator_window: MainWindow) -> None:
    page = tasks_page(coordinator_window)
    assert page.table.isVisible()
    # Sorted by start time at first; both community tasks start together, so by id next.
    assert column_texts(page, 0) == ["Sort donations", "Pack food parcels"]
    assert column_texts(page, 1) == ["Riverside Community Centre", "Hillside Food Bank"]
    assert page.count_label.text() == "Showing 2 of 2"
    header = page.table.model().headerData(0, Qt.Orientation.Horizontal)
    assert header == "Title"


def test_clicking_a_header_sorts_in_sql(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    add_tasks(db, community.org_a, 30, title="Zeta")
    page = tasks_page(coordinator_window)
    page.refresh()
    click_header(qtbot, page, 0)  # Title, ascending
    assert page.model.sort_key == "title" and not page.model.descending
    assert column_texts(page, 0, 3) == ["Pack food parcels", "Sort donations", "Zeta 00001"]
    click_header(qtbot, page, 0)  # again: descending
    assert page.model.descending
    assert column_texts(page, 0, 3) == ["Zeta 00030", "Zeta 00029", "Zeta 00028"]
    assert page.table.horizontalHeader().sortIndicatorSection() == 0


def test_typing_in_the_filter_narrows_the_list_after_a_pause(qtbot: QtBot, coordinator_window: MainWindow) -> None:
    page = tasks_page(coordinator_window)
    assert page.filter_edit.accessibleName() == "Filter tasks"
    assert page.filter_edit.placeholderText()
    qtbot.keyClicks(page.filter_edit, "food bank")  # matches the organisation's name, in SQL
    assert page.model.filter_text == ""  # debounced: nothing yet
    qtbot.waitUntil(lambda: page.model.filter_text == "food bank", timeout=3000)
    assert column_texts(page, 0) == ["Pack food parcels"]
    assert page.count_label.text() == "Showing 1 of 1"
    page.filter_edit.clear()
    page.proxy.apply_filter_now()
    assert page.table.model().rowCount() == 2


def test_filter_without_matches_says_so(qtbot: QtBot, coordinator_window: MainWindow) -> None:
    page = tasks_page(coordinator_window)
    page.filter_edit.setText("no such task")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)  # Enter skips the pause
    assert page.table.model().rowCount() == 0
    assert page.count_label.text() == "Nothing matches “no such task”."


def test_scrolling_down_fetches_the_next_page(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    add_tasks(db, community.org_a, 1200)
    page = tasks_page(coordinator_window)
    page.refresh()
    model = page.table.model()
    assert model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == "Showing 500 of 1,202"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=3000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 1202, timeout=3000)
    assert not page.model.canFetchMore()
    assert page.count_label.text() == "Showing 1,202 of 1,202"
    assert column_texts(page, 0)[-1] == "Task 01200"


def test_refresh_updates_rows_in_place_without_a_reset(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    page = tasks_page(coordinator_window)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    with db.transaction() as s:
        s.execute(update(Task).where(Task.id == community.task_b).values(title="Pack rice parcels"))
    add_tasks(db, community.org_a, 3, title="Later")
    with qtbot.waitSignal(page.model.dataChanged, timeout=1000):
        page.refresh()
    assert column_texts(page, 0) == ["Sort donations", "Pack rice parcels", "Later 00001", "Later 00002", "Later 00003"]
    assert resets == []


def test_f5_refreshes_the_current_list(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    add_tasks(db, community.org_a, 2, title="New")
    activate(qtbot, coordinator_window)
    qtbot.keyClick(coordinator_window, Qt.Key.Key_F5)
    assert tasks_page(coordinator_window).table.model().rowCount() == 4


def test_times_are_shown_on_the_tasks_own_clock(coordinator_window: MainWindow) -> None:
    from PySide6.QtCore import QCoreApplication

    from volunteer_app.domain import timefmt

    page = tasks_page(coordinator_window)
    row = page.model.row_at(0)
    shown = column_texts(page, 3)[0]
    tr = QCoreApplication.translate
    assert shown == timefmt.task_time_text(row.starts_at, row.ends_at, row.timezone, tr=tr, compact=True)
    # 01:00 UTC is 09:00 in Shanghai, the task's zone, whatever this computer's zone is.
    assert shown.startswith("Tue 7 May 2030, 09:00–11:00")
    # The cell is compact (the zone as its offset); the tooltip says it in full.
    tooltip = page.proxy.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith(timefmt.task_time_text(row.starts_at, row.ends_at, row.timezone, tr=tr))


# --------------------------------------------------------------------------- volunteers


def add_volunteers(db: Database, community: Community, names: list[str]) -> None:
    for name in names:
        email = f"{name.lower()}@example.org"
        accounts.create_account(db, community.admin, email, name, PASSWORD)
        accounts.grant_role(db, community.admin, email, community.org_a, Role.VOLUNTEER)


def test_volunteers_list_sorts_and_filters(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    add_volunteers(db, community, ["Bo", "Amy", "Cleo"])
    coordinator_window.show_area("volunteers")
    page = coordinator_window.pages["volunteers"]
    assert isinstance(page, ListPage)
    # coord.a sees the volunteers of organisation A only: vol, Bo, Amy, Cleo.
    assert column_texts(page, 0) == ["Amy", "Bo", "Cleo", "vol"]
    click_header(qtbot, page, 0)  # Name is sorted already: a click turns it around
    assert column_texts(page, 0) == ["vol", "Cleo", "Bo", "Amy"]
    click_header(qtbot, page, 1)  # Email
    assert column_texts(page, 1) == ["amy@example.org", "bo@example.org", "cleo@example.org", "vol@example.org"]
    click_header(qtbot, page, 2)  # Skills cannot be sorted in SQL: nothing changes, the indicator stays
    assert page.model.sort_key == "email"
    assert page.table.horizontalHeader().sortIndicatorSection() == 1
    qtbot.keyClicks(page.filter_edit, "CLEO@")
    qtbot.waitUntil(lambda: page.model.filter_text == "CLEO@", timeout=3000)
    assert column_texts(page, 0) == ["Cleo"]
    assert page.count_label.text() == "Showing 1 of 1"


def test_volunteers_page_loads_only_when_opened(coordinator_window: MainWindow) -> None:
    page = coordinator_window.pages["volunteers"]
    assert isinstance(page, ListPage)
    assert page.table.model().rowCount() == 0 and not page.table.isSortingEnabled()
    coordinator_window.show_area("volunteers")
    QApplication.processEvents()
    assert page.table.model().rowCount() == 1


def test_past_tasks_are_hidden_until_asked_for_and_count_their_places(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    from datetime import UTC, datetime, timedelta

    from volunteer_app.domain.enums import SignupSource, SignupStatus
    from volunteer_app.gui.tasks_page import TasksPage
    from volunteer_app.store.models import Signup, TaskOccurrence

    # The community's first task took place last week; its volunteer completed it.
    last_week = datetime.now(UTC) - timedelta(days=7)
    with db.transaction() as s:
        s.execute(update(Task).where(Task.id == community.task_a)
                  .values(starts_at=last_week, ends_at=last_week + timedelta(hours=2)))  # fmt: skip
        occ = s.query(TaskOccurrence).filter_by(task_id=community.task_a).one()
        occ.starts_at, occ.ends_at = last_week, last_week + timedelta(hours=2)
        s.add(Signup(occurrence_id=occ.id, person_id=community.volunteer.person_id, status=SignupStatus.COMPLETED,
                     source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.ends_at))  # fmt: skip
    page = tasks_page(coordinator_window)
    assert isinstance(page, TasksPage)
    page.refresh()
    qtbot.waitUntil(lambda: column_texts(page, 0) == ["Pack food parcels"])
    assert not page.past_box.isChecked() and page.count_label.text() == "Showing 1 of 1"
    page.past_box.setChecked(True)
    qtbot.waitUntil(lambda: column_texts(page, 0) == ["Sort donations", "Pack food parcels"])
    assert column_texts(page, 6)[0] == "1 / 3"  # the completed signup took one of three places


def test_ctrl_f_jumps_to_the_filter(qtbot: QtBot, coordinator_window: MainWindow) -> None:
    activate(qtbot, coordinator_window)
    page = tasks_page(coordinator_window)
    page.table.setFocus()
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filter_edit


def test_volunteers_skills_are_named_in_the_windows_language(
    db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    from sqlalchemy import select

    from volunteer_app.gui import i18n
    from volunteer_app.store.models import Skill, VolunteerSkill

    with db.transaction() as s:
        first_aid = s.scalars(select(Skill).where(Skill.key == "first_aid")).one()
        first_aid.label_zh = "急救"
        driving = s.scalars(select(Skill.id).where(Skill.key == "driving")).one()
        s.add_all([VolunteerSkill(person_id=community.volunteer.person_id, skill_id=first_aid.id, level=3),
                   VolunteerSkill(person_id=community.volunteer.person_id, skill_id=driving, level=1)])  # fmt: skip
    coordinator_window.show_area("volunteers")
    page = coordinator_window.pages["volunteers"]
    assert isinstance(page, ListPage)
    page.refresh()
    assert column_texts(page, 2) == ["Driving 1, First aid 3"]
    i18n.apply_language(i18n.CHINESE)
    assert column_texts(page, 2) == ["Driving 1 级、急救 3 级"]  # no Chinese label for driving: the English one


def test_volunteers_sort_by_travel_radius(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    from volunteer_app.store.models import VolunteerProfile

    add_volunteers(db, community, ["Bo", "Amy"])
    with db.transaction() as s:
        for email, km in (("bo@example.org", 12.0), ("amy@example.org", 3.0), ("vol@example.org", 7.5)):
            person_id = s.scalars(select(Person.id).where(Person.email == email)).one()
            s.add(VolunteerProfile(person_id=person_id, radius_km=km))
    coordinator_window.show_area("volunteers")
    page = coordinator_window.pages["volunteers"]
    assert isinstance(page, ListPage)
    page.refresh()
    click_header(qtbot, page, 3)  # Travels up to
    assert page.model.sort_key == "radius_km"
    assert column_texts(page, 0) == ["Amy", "vol", "Bo"]
    assert column_texts(page, 3) == ["3 km", "8 km", "12 km"]


def test_full_tasks_say_so_and_remote_ones_are_found_by_the_word(
    qtbot: QtBot, db: Database, community: Community, coordinator_window: MainWindow
) -> None:
    from volunteer_app.domain.enums import SignupSource, SignupStatus
    from volunteer_app.store.models import Signup, TaskOccurrence

    with db.transaction() as s:
        s.execute(update(Task).where(Task.id == community.task_b)
                  .values(is_remote=True, latitude=None, longitude=None, address=None))  # fmt: skip
        occ = s.query(TaskOccurrence).filter_by(task_id=community.task_a).one()
        for person in (community.volunteer, community.coord_b, community.other_volunteer):
            s.add(Signup(occurrence_id=occ.id, person_id=person.person_id, status=SignupStatus.CONFIRMED,
                         source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.ends_at))  # fmt: skip
    page = tasks_page(coordinator_window)
    page.refresh()
    assert column_texts(page, 8) == ["Full", "Open"]  # 3 of 3 places taken
    assert column_texts(page, 5) == ["", "Remote"]
    for word in ("Remote", "线上"):
        page.filter_edit.setText(word)
        page.proxy.apply_filter_now()
        assert column_texts(page, 0) == ["Pack food parcels"], word
