"""Tasks for me as a volunteer uses it: read the reasons, sign up (fixed and flexible), be refused, withdraw."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.conftest import Dialogs
from tests.support.community import Community
from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import SignupStatus, TaskKind, TaskStatus
from volunteer_app.gui import tasks_for_me_page
from volunteer_app.gui.signup_dialog import SignupDialog
from volunteer_app.gui.tasks_for_me_page import TasksForMePage
from volunteer_app.services import signups, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Signup, TaskOccurrence, VolunteerProfile

NOW = datetime(2030, 5, 1, 0, 0, tzinfo=UTC)  # a Wednesday; the community's tasks are on Tuesday 7 May
DAY = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)  # 08:00 in Hangzhou


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks_for_me_page, "current_time", lambda: NOW)


@pytest.fixture
def volunteer(db: Database, community: Community) -> Community:
    """The volunteer lives near the tasks and is free 08:00-20:00 every day."""
    with db.transaction() as s:
        s.add(VolunteerProfile(person_id=community.volunteer.person_id, home_latitude=30.27, home_longitude=120.15,
                               radius_km=10, timezone="Asia/Shanghai"))
        s.add_all(AvailabilitySlot(person_id=community.volunteer.person_id, weekday=d, start_minute=480,
                                   end_minute=1200) for d in range(7))
    return community


def add_task(db: Database, town: Community, title: str, start: datetime, hours: float = 2, **kw: object) -> int:
    place = {} if kw.get("is_remote") else {"latitude": 30.272, "longitude": 120.153}
    data = tasks.TaskInput(organisation_id=town.org_a, title=title, starts_at=start,
                           ends_at=start + timedelta(hours=hours), status=TaskStatus.OPEN,
                           **place, **kw)  # type: ignore[arg-type]
    task_id = tasks.create_task(db, town.coord_a, data)
    with db.read() as s:
        return s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()


def open_page(qtbot: QtBot, db: Database, town: Community) -> TasksForMePage:
    page = TasksForMePage(db, town.volunteer)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activate()
    return page


def select_task(page: TasksForMePage, title: str) -> None:
    row = next(i for i, v in enumerate(page.views) if v.title == title)
    page.list.setCurrentRow(row)
    assert page.detail is not None and page.detail.title == title


def my_signup(db: Database, town: Community, occ: int) -> Signup | None:
    with db.read() as s:
        return s.scalars(select(Signup).where(Signup.occurrence_id == occ,
                                              Signup.person_id == town.volunteer.person_id)).one_or_none()


def test_suggestions_show_reasons_and_details(qtbot: QtBot, db: Database, volunteer: Community) -> None:
    page = open_page(qtbot, db, volunteer)
    assert page.stack.currentWidget() is page.splitter
    titles = [v.title for v in page.views]
    assert {"Sort donations", "Pack food parcels"} <= set(titles)
    assert page.list.count() == len(titles) and page.count_label.text() == f"{len(titles)} tasks"
    select_task(page, "Sort donations")
    item = page.list.currentItem()
    assert "Sort donations" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Riverside Community Centre" in item.text() and "km away" in item.text()
    reasons = page.reasons_label.text()
    assert "km from your home" in reasons and "It falls in your free time" in reasons
    assert "3 of 3 places are still open" in reasons
    when = timefmt.task_time_text(DAY + timedelta(hours=1), DAY + timedelta(hours=3), "Asia/Shanghai")
    assert page.values["when"].text() == when
    assert "3 of 3 places left" in page.values["places"].text()
    assert page.sign_up_button.isVisibleTo(page) and not page.withdraw_button.isVisibleTo(page)


def test_sign_up_for_a_fixed_task_then_withdraw(
    qtbot: QtBot, db: Database, volunteer: Community, dialogs: Dialogs
) -> None:
    page = open_page(qtbot, db, volunteer)
    select_task(page, "Sort donations")
    occ = page.current_occurrence()
    assert occ is not None
    dialogs.answer = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(page.sign_up_button, Qt.MouseButton.LeftButton)
    assert my_signup(db, volunteer, occ) is None  # cancelled at the question: nothing written
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.sign_up_button, Qt.MouseButton.LeftButton)
    assert dialogs.calls[-1].kind == "question" and "Sort donations" in dialogs.calls[-1].text
    signup = my_signup(db, volunteer, occ)
    assert signup is not None and signup.status is SignupStatus.CONFIRMED
    assert page.status_label.text().startswith("You are signed up for “Sort donations”")
    assert page.withdraw_button.isVisibleTo(page) and not page.sign_up_button.isVisibleTo(page)
    assert "You are signed up" in page.list.currentItem().text()
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    signup = my_signup(db, volunteer, occ)
    assert signup is not None and signup.status is SignupStatus.CANCELLED
    assert page.status_label.text() == "You withdrew from “Sort donations”."
    assert page.sign_up_button.isVisibleTo(page)


def test_sign_up_for_a_flexible_task_asks_for_the_start(
    qtbot: QtBot, db: Database, volunteer: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    occ = add_task(db, volunteer, "Phone round", DAY + timedelta(hours=1), hours=3, kind=TaskKind.FLEXIBLE,
                   minutes=60, is_remote=True, slots=2)
    page = open_page(qtbot, db, volunteer)
    select_task(page, "Phone round")
    view = page.current_view()
    assert view is not None and view.minutes == 60
    assert "between" in page.values["when"].text() and "1 h" in page.values["when"].text()
    seen: dict[str, object] = {}

    def choose_second(dialog: SignupDialog) -> int:
        seen["default"] = dialog.chosen_start()
        seen["choices"] = [dialog.start_combo.itemText(i) for i in range(dialog.start_combo.count())]
        dialog.start_combo.setCurrentIndex(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignupDialog, "exec", choose_second)
    qtbot.mouseClick(page.sign_up_button, Qt.MouseButton.LeftButton)
    assert seen["default"] == view.suggestion.start  # the engine's pick comes first
    assert page.detail is not None
    choices = seen["choices"]
    assert isinstance(choices, list) and len(choices) == 9  # 09:00 .. 11:00 on 15-minute steps
    assert choices[0] == timefmt.task_time_text(DAY + timedelta(hours=1), DAY + timedelta(hours=2), "Asia/Shanghai")
    signup = my_signup(db, volunteer, occ)
    assert signup is not None and signup.status is SignupStatus.CONFIRMED
    assert signup.starts_at == DAY + timedelta(hours=1, minutes=15)


def test_a_clash_is_refused_with_one_sentence(qtbot: QtBot, db: Database, volunteer: Community,
                                              dialogs: Dialogs) -> None:
    market = add_task(db, volunteer, "Morning market", DAY + timedelta(hours=2))  # overlaps Sort donations
    page = open_page(qtbot, db, volunteer)
    select_task(page, "Sort donations")
    signups.sign_up(db, volunteer.volunteer, market, now=NOW)  # from another desktop, after the list loaded
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.sign_up_button, Qt.MouseButton.LeftButton)
    text = page.status_label.text()
    assert text.startswith("This clashes with 'Morning market'") and "already signed up" in text
    assert page.status_label.isVisibleTo(page)
    assert [c.kind for c in dialogs.calls] == ["question"]  # no error dialog: the sentence is on the page
    occ = page.current_occurrence()
    assert occ is not None and my_signup(db, volunteer, occ) is None


def test_a_full_task_offers_the_waitlist(qtbot: QtBot, db: Database, volunteer: Community, dialogs: Dialogs) -> None:
    occ = add_task(db, volunteer, "One place", DAY + timedelta(hours=7), slots=1)
    signups.sign_up(db, volunteer.coord_a, occ, now=NOW)
    page = open_page(qtbot, db, volunteer)
    select_task(page, "One place")
    assert page.waitlist_button.isVisibleTo(page) and not page.sign_up_button.isVisibleTo(page)
    assert "Full: waitlist" in page.list.currentItem().text()
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.waitlist_button, Qt.MouseButton.LeftButton)
    assert "on the waitlist for “One place”, number 1" in page.status_label.text()
    signup = my_signup(db, volunteer, occ)
    assert signup is not None and signup.status is SignupStatus.WAITLISTED


def test_filters_and_the_empty_state(qtbot: QtBot, db: Database, volunteer: Community) -> None:
    add_task(db, volunteer, "Read to children", DAY + timedelta(hours=8), category="library")
    page = open_page(qtbot, db, volunteer)
    index = page.category_combo.findData("library")
    assert index > 0
    page.category_combo.setCurrentIndex(index)
    assert [v.title for v in page.views] == ["Read to children"]
    page.remote_check.setChecked(True)  # no remote library task
    assert page.stack.currentWidget() is page.empty_page
    assert page.empty_clear_button.isVisibleTo(page)
    with qtbot.waitSignal(page.go_to_area) as asked:
        qtbot.mouseClick(page.free_hours_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["free_hours"]
    qtbot.mouseClick(page.empty_clear_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.splitter and len(page.views) >= 3


def test_no_task_tells_the_volunteer_what_to_do(qtbot: QtBot, db: Database, volunteer: Community) -> None:
    with db.transaction() as s:  # free only at 05:00-06:00, when nothing happens
        for slot in s.scalars(select(AvailabilitySlot)):
            slot.start_minute, slot.end_minute = 300, 360
    page = open_page(qtbot, db, volunteer)
    assert page.stack.currentWidget() is page.empty_page
    assert "Add free hours or skills to see more." in page.empty_text.text()
    assert not page.empty_clear_button.isVisibleTo(page)
    with qtbot.waitSignal(page.go_to_area) as asked:
        qtbot.mouseClick(page.skills_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["profile"]
