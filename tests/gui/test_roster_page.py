"""The Roster page as a coordinator uses it on the day: pick the task, check in, check out, no-show,
walk-in and assign by hand, with real widgets over a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.support.community import PASSWORD, Community
from volunteer_app.domain.enums import Role, ServiceStatus, SignupSource, SignupStatus, TaskStatus
from volunteer_app.gui.check_time_dialog import CheckTimeDialog
from volunteer_app.gui.clock_edit import show_on_clock
from volunteer_app.gui.hand_assign_dialog import HandAssignDialog
from volunteer_app.gui.roster_page import PHONE_COLUMN, RosterPage
from volunteer_app.services import accounts, signups, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import (
    AvailabilitySlot,
    Organisation,
    Person,
    ServiceRecord,
    Signup,
    TaskOccurrence,
    VolunteerProfile,
)

ZONE = "Asia/Shanghai"


class Today:
    """A 90-minute shift that began 80 minutes ago: vol@ confirmed, vol.b@ proposed, the coordinator waiting."""

    def __init__(self, db: Database, town: Community) -> None:
        base = datetime.now(UTC).replace(second=0, microsecond=0)
        self.start, self.end = base - timedelta(minutes=80), base + timedelta(minutes=10)
        task = tasks.create_task(
            db, town.coord_a,
            tasks.TaskInput(organisation_id=town.org_a, title="Sort donations today", starts_at=self.start,
                            ends_at=self.end, latitude=30.27, longitude=120.15, slots=3, status=TaskStatus.OPEN,
                            timezone=ZONE),
        )
        with db.transaction() as s:
            self.occ = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task)).one()
            s.execute(update(Organisation).where(Organisation.id == town.org_a).values(
                credit_step_minutes=6, credit_min_attendance_percent=60))
            s.execute(update(Person).where(Person.email == "vol@example.org").values(phone="555-0101"))
            for who, status in ((town.volunteer, SignupStatus.CONFIRMED), (town.other_volunteer, SignupStatus.PROPOSED)):
                signups.place(s, town.coord_a, self.occ, who.person_id, status=status, source=SignupSource.COORDINATOR)
        self.walker = accounts.create_account(db, town.admin, "walker@example.org", "Walker", PASSWORD)
        # One of the organisation's volunteers (a coordinator sees their own volunteers' free time only).
        accounts.grant_role(db, town.admin, "walker@example.org", town.org_a, Role.VOLUNTEER)
        with db.transaction() as s:  # free one hour a week, never now
            s.add(VolunteerProfile(person_id=self.walker, timezone="UTC"))
            s.add(AvailabilitySlot(person_id=self.walker, weekday=(base.weekday() + 3) % 7, start_minute=0,
                                   end_minute=60))


@pytest.fixture
def today(db: Database, community: Community) -> Today:
    return Today(db, community)


@pytest.fixture
def page(qtbot: QtBot, db: Database, community: Community, today: Today) -> RosterPage:
    page = RosterPage(db, community.coord_a)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.activate()
    return page


def entry_state(page: RosterPage, email: str) -> str:
    assert page.roster is not None
    entry = page.roster.entry_for(email)
    assert entry is not None, email
    return entry.state


def cell(page: RosterPage, email: str, column: int) -> str:
    rows = page.entries.rows()
    row = next(i for i, e in enumerate(rows) if e.email == email)
    return str(page.entries.index(row, column).data())


def test_the_page_opens_on_todays_task_with_phones_for_the_coordinator(page: RosterPage, today: Today) -> None:
    assert page.occurrences.rowCount() == 1
    assert page.roster is not None and page.roster.occurrence_id == today.occ
    assert "Sort donations today" in page.roster_heading.text()
    assert "2 of 3 places taken" in page.summary.text()
    assert "6 minutes" in page.rules_note.text() and "60%" in page.rules_note.text()
    assert not page.roster_table.isColumnHidden(PHONE_COLUMN)
    assert cell(page, "vol@example.org", PHONE_COLUMN) == "555-0101"
    assert cell(page, "vol@example.org", 1) == "Coming"
    assert cell(page, "vol.b@example.org", 1) == "Proposed, not yet accepted"
    # Nothing chosen: nothing to check in.
    assert not page.check_in_button.isEnabled() and page.walk_in_button.isEnabled()


def test_check_in_then_out_with_typed_times(qtbot: QtBot, db: Database, page: RosterPage, today: Today) -> None:
    page.select_person("vol@example.org")
    assert page.check_in_button.isEnabled() and not page.check_out_button.isEnabled()
    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CheckTimeDialog) and dialog.isVisible()
    assert abs(dialog.moment - datetime.now(UTC)) < timedelta(minutes=2)  # defaults to now
    show_on_clock(dialog.time_edit, today.start + timedelta(minutes=5), ZONE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert entry_state(page, "vol@example.org") == "checked_in"
    assert "checked in at" in page.status.text()
    assert page.check_out_button.isEnabled()  # the person stays selected

    qtbot.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CheckTimeDialog)
    # A check-out before the check-in is refused in the dialog, which stays open to fix the time.
    show_on_clock(dialog.time_edit, today.start, ZONE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "must come after the check-in" in dialog.error.text()
    show_on_clock(dialog.time_edit, today.start + timedelta(minutes=80), ZONE)  # 75 of 90 min: 72 credited
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert entry_state(page, "vol@example.org") == "checked_out"
    assert cell(page, "vol@example.org", 5) == "1 h 12 min, waiting for verification"
    assert "rounded down to 6 min" in page.status.text()
    with db.read() as s:
        record = s.scalars(select(ServiceRecord)).one()
        assert record.status is ServiceStatus.PENDING and record.credited_minutes == 72
        assert record.credit_rule is not None and record.credit_rule["step_minutes"] == 6


def test_no_show_walk_in_and_double_click(qtbot: QtBot, db: Database, page: RosterPage, today: Today) -> None:
    page.select_person("vol.b@example.org")
    qtbot.mouseClick(page.no_show_button, Qt.MouseButton.LeftButton)
    assert entry_state(page, "vol.b@example.org") == "no_show"
    assert cell(page, "vol.b@example.org", 1) == "No-show"

    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CheckTimeDialog) and dialog.email_edit.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "email" in dialog.error.text()  # nobody named yet
    qtbot.keyClicks(dialog.email_edit, "Walker@Example.org")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert entry_state(page, "walker@example.org") == "checked_in"
    assert "3 of 3 places taken" in page.summary.text() and "1 here now" in page.summary.text()
    assert page.occurrences.row_at(0).checked_in == 1  # the list above counts them too
    with db.read() as s:
        walker = s.scalars(select(Signup).where(Signup.person_id == today.walker)).one()
        assert walker.source is SignupSource.COORDINATOR and walker.checked_in_at is not None

    # Double-clicking someone who is here opens their check-out.
    rows = [e.email for e in page.entries.rows()]
    page.roster_table.doubleClicked.emit(page.entries.index(rows.index("walker@example.org"), 0))
    assert isinstance(page.dialog, CheckTimeDialog) and page.dialog.windowTitle() == "Check out"
    page.dialog.reject()


def test_assign_by_hand_needs_a_reason_to_override_free_time(
    qtbot: QtBot, db: Database, page: RosterPage, today: Today
) -> None:
    # Free the place vol.b@ held, so there is room.
    page.select_person("vol.b@example.org")
    qtbot.mouseClick(page.no_show_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, HandAssignDialog)
    assert "vol <vol@example.org>" in dialog.people.stringList()  # the organisation's volunteers, to complete
    qtbot.keyClicks(dialog.person_edit, "Walker <walker@example.org>")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Not free then" in dialog.findings.text() and dialog.assign_button.isEnabled()
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "say why" in dialog.error.text()
    qtbot.keyClicks(dialog.reason_edit, "Lives next door")
    dialog.confirmed_box.setChecked(True)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert entry_state(page, "walker@example.org") == "confirmed"
    assert "Lives next door" in str(page.entries.index(
        [e.email for e in page.entries.rows()].index("walker@example.org"), 0).data(Qt.ItemDataRole.ToolTipRole))


def test_another_range_of_days_and_a_filter(qtbot: QtBot, page: RosterPage) -> None:
    later = datetime.now().date() + timedelta(days=30)
    page.set_days(later, later + timedelta(days=3))
    assert page.occurrences.rowCount() == 0 and page.roster is None
    assert page.count_label.text() == "No tasks of yours on these days."
    assert not page.walk_in_button.isEnabled()
    page.set_days(datetime.now().date(), datetime.now().date())
    assert page.occurrences.rowCount() == 1
    qtbot.keyClicks(page.filter_edit, "nothing like it")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert page.occurrences.rowCount() == 0


def test_render_the_roster(qtbot: QtBot, page: RosterPage, tmp_path: Path) -> None:
    page.select_person("vol@example.org")
    for size in ((1280, 760), (1024, 700)):
        page.resize(*size)
        qtbot.wait(10)
        path = tmp_path / f"roster-{size[0]}.png"
        assert page.grab().save(str(path))
        assert path.stat().st_size > 0
