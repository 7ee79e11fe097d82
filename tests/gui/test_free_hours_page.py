"""The Free hours page: paint with the mouse and with keys, save, read back; exceptions; the 14 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.conftest import activate
from tests.support.community import Community
from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.domain.enums import AvailabilityKind, TaskStatus
from volunteer_app.gui import i18n
from volunteer_app.gui.free_hours_grid import FreeHoursGrid
from volunteer_app.gui.free_hours_page import FreeHoursPage
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.services import availability, profiles, signups, tasks
from volunteer_app.services.profiles import ProfileInput
from volunteer_app.services.storage import Database
from volunteer_app.store.models import TaskOccurrence

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def page(qtbot: QtBot, volunteer_window: MainWindow) -> FreeHoursPage:
    volunteer_window.show_area("free_hours")
    shown = volunteer_window.current_page()
    assert isinstance(shown, FreeHoursPage)
    return shown


def drag(grid: FreeHoursGrid, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Press on one cell, move to another, release there (QTest mouse events on the grid's viewport)."""
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, grid.cell_center(*start))
    QTest.mouseMove(viewport, grid.cell_center(*end))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, grid.cell_center(*end))


def test_the_grid_starts_at_six_and_scrolls_to_midnight(page: FreeHoursPage) -> None:
    grid = page.grid
    assert grid.cell_at(grid.cell_rect(0, 12).center()) == (0, 12)  # 06:00 is the first row in view
    assert grid.cell_rect(0, 12).top() == grid.header_height()
    assert grid.cell_rect(0, 45).bottom() <= grid.viewport().height()  # 22:30-23:00 is in view too
    grid.ensure_visible(0)
    assert grid.cell_rect(0, 0).top() == grid.header_height()
    grid.ensure_visible(47)
    assert grid.cell_rect(0, 47).bottom() <= grid.viewport().height()


def test_paint_with_the_mouse_then_save_and_read_back(
    qtbot: QtBot, db: Database, page: FreeHoursPage, community: Community
) -> None:
    grid = page.grid
    with qtbot.waitSignal(grid.pattern_changed):
        drag(grid, (0, 18), (2, 23))  # Monday..Wednesday, 09:00-12:00
    assert grid.pattern() == [WeeklySlot(d, 540, 720) for d in range(3)]
    assert page.is_dirty() and "Unsaved changes" in page.status.text()
    drag(grid, (1, 20), (1, 21))  # starts on a free cell: clears Tuesday 10:00-11:00
    assert grid.pattern() == [
        WeeklySlot(0, 540, 720),
        WeeklySlot(1, 540, 600),
        WeeklySlot(1, 660, 720),
        WeeklySlot(2, 540, 720),
    ]
    drag(grid, (5, 40), (5, 41))  # Saturday 20:00-21:00 (scrolled into view by the helper)
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.status.text() == "Free hours saved: 9 h a week."
    assert not page.is_dirty()
    assert availability.get_weekly_pattern(db, community.volunteer) == [
        WeeklySlot(0, 540, 720),
        WeeklySlot(1, 540, 600),
        WeeklySlot(1, 660, 720),
        WeeklySlot(2, 540, 720),
        WeeklySlot(5, 1200, 1260),
    ]
    # The 14 days below now show the saved time as the engine sees it.
    assert page.preview_tree.topLevelItemCount() == 14
    texts = [page.preview_tree.topLevelItem(i).text(1) for i in range(14)]
    assert "20:00–21:00" in texts


def test_a_drag_back_over_the_start_shrinks_the_rectangle(page: FreeHoursPage) -> None:
    grid = page.grid
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, grid.cell_center(3, 20))
    QTest.mouseMove(viewport, grid.cell_center(4, 25))
    assert grid.is_free(4, 25)
    QTest.mouseMove(viewport, grid.cell_center(3, 21))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, grid.cell_center(3, 21))
    assert grid.pattern() == [WeeklySlot(3, 600, 660)]


def test_paint_with_the_keyboard_alone(
    qtbot: QtBot, db: Database, volunteer_window: MainWindow, page: FreeHoursPage, community: Community
) -> None:
    activate(qtbot, volunteer_window)
    grid = page.grid
    grid.setFocus()
    assert grid.focus_cell() == (0, 18)  # Monday 09:00
    assert grid.accessibleDescription() == "Monday 09:00–09:30, not free"
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.accessibleDescription() == "Monday 09:00–09:30, free"
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.accessibleDescription() == "Tuesday 09:00–09:30, not free"
    # Shift+arrows: Tuesday..Thursday, 09:00-10:30; Space sets them all free (the anchor was not free).
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(grid, key, Qt.KeyboardModifier.ShiftModifier)
    assert grid.selection() == (1, 3, 18, 20)
    assert "Selected: Tuesday–Thursday, 09:00–10:30" in grid.accessibleDescription()
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.pattern() == [WeeklySlot(0, 540, 570)] + [WeeklySlot(d, 540, 630) for d in (1, 2, 3)]
    # A plain arrow drops the selection; Space on a free cell clears it.
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.focus_cell() == (3, 19) and grid.selection() == (3, 3, 19, 19)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.pattern()[-2:] == [WeeklySlot(3, 540, 570), WeeklySlot(3, 600, 630)]
    # Shift+arrows from a free cell: Space clears the selection.
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert [s for s in grid.pattern() if s.weekday in (1, 2)] == [
        WeeklySlot(1, 540, 570),
        WeeklySlot(1, 600, 630),
        WeeklySlot(2, 540, 570),
        WeeklySlot(2, 600, 630),
    ]
    # Home and End reach midnight at both ends of the day.
    qtbot.keyClick(grid, Qt.Key.Key_End)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert grid.accessibleDescription() == "Tuesday 23:30–24:00, free"
    qtbot.keyClick(grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.status.text().startswith("Free hours saved")
    assert WeeklySlot(1, 1410, 1440) in availability.get_weekly_pattern(db, community.volunteer)


def test_a_stored_quarter_hour_survives_and_shows_partly_free(
    qtbot: QtBot, db: Database, volunteer_window: MainWindow, community: Community
) -> None:
    availability.set_weekly_pattern(db, community.volunteer, [WeeklySlot(4, 9 * 60 + 15, 10 * 60)])
    volunteer_window.show_area("free_hours")
    page = volunteer_window.current_page()
    assert isinstance(page, FreeHoursPage)
    grid = page.grid
    assert grid.cell_state(4, 18) == 1 and grid.is_free(4, 19)
    assert grid.cell_text(4, 18) == "Friday 09:00–09:30, partly free"
    assert grid.pattern() == [WeeklySlot(4, 555, 600)] and not page.is_dirty()
    drag(grid, (4, 18), (4, 18))  # a partly free cell: the drag adds
    assert grid.pattern() == [WeeklySlot(4, 540, 600)]
    qtbot.mouseClick(page.revert_button, LEFT)
    assert grid.pattern() == [WeeklySlot(4, 555, 600)]


def test_exceptions_are_added_and_removed(
    qtbot: QtBot, db: Database, page: FreeHoursPage, community: Community
) -> None:
    page.away_from.setDateTime(QDateTime(QDate(2031, 3, 3), QTime(9, 0)))
    page.away_to.setDateTime(QDateTime(QDate(2031, 3, 5), QTime(18, 0)))
    qtbot.mouseClick(page.away_button, LEFT)
    page.extra_day.setDate(QDate(2031, 3, 8))
    page.extra_from.setTime(QTime(14, 0))
    page.extra_to.setTime(QTime(0, 0))  # 00:00 as the end: midnight
    qtbot.mouseClick(page.extra_button, LEFT)
    stored = availability.list_exceptions(db, community.volunteer)
    assert [(e.kind, e.starts_at.replace(tzinfo=None), e.ends_at.replace(tzinfo=None)) for e in stored] == [
        (AvailabilityKind.AWAY, datetime(2031, 3, 3, 9), datetime(2031, 3, 5, 18)),
        (AvailabilityKind.EXTRA, datetime(2031, 3, 8, 14), datetime(2031, 3, 9, 0)),
    ]
    texts = [page.exceptions_list.item(i).text() for i in range(page.exceptions_list.count())]
    assert texts[0].startswith("Away: Mon 3 Mar 2031, 09:00 – Wed 5 Mar, 18:00")
    assert texts[1].startswith("Extra free time: Sat 8 Mar 2031, 14:00–24:00")
    # Refused: an end before the start, said next to the form; nothing stored.
    page.away_from.setDateTime(QDateTime(QDate(2031, 4, 3), QTime(9, 0)))
    page.away_to.setDateTime(QDateTime(QDate(2031, 4, 2), QTime(9, 0)))
    qtbot.mouseClick(page.away_button, LEFT)
    assert page.exception_error.text() == "The time from 2031-04-03 09:00 to 2031-04-02 09:00 ends before it starts."
    assert len(availability.list_exceptions(db, community.volunteer)) == 2
    page.exceptions_list.setCurrentRow(0)
    assert page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, LEFT)
    assert [e.kind for e in availability.list_exceptions(db, community.volunteer)] == [AvailabilityKind.EXTRA]
    assert page.exceptions_list.count() == 1


def test_the_fourteen_days_agree_with_the_service_and_name_signups(
    qtbot: QtBot, db: Database, volunteer_window: MainWindow, community: Community
) -> None:
    me = community.volunteer
    profiles.save_profile(db, me, ProfileInput(name="vol", radius_km=20))
    availability.set_weekly_pattern(db, me, [WeeklySlot(d, 8 * 60, 20 * 60) for d in range(7)])
    start = (datetime.now(UTC) + timedelta(days=2)).replace(hour=3, minute=0, second=0, microsecond=0)  # 11:00 CST
    task_id = tasks.create_task(
        db,
        community.coord_a,
        tasks.TaskInput(
            organisation_id=community.org_a,
            title="Read to children",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            latitude=30.27,
            longitude=120.15,
            slots=2,
            status=TaskStatus.OPEN,
        ),
    )
    with db.read() as s:
        occurrence = s.scalars(select(TaskOccurrence.id).where(TaskOccurrence.task_id == task_id)).one()
    signups.sign_up(db, me, occurrence)
    volunteer_window.show_area("free_hours")
    page = volunteer_window.current_page()
    assert isinstance(page, FreeHoursPage)
    expected = availability.preview(db, me, 14)
    day_index = next(i for i, d in enumerate(expected.days) if d.taken)
    item = page.preview_tree.topLevelItem(day_index)
    assert item.text(1) == "08:00–11:00, 13:00–20:00"
    assert item.text(2) == "11:00–13:00 Read to children"
    assert "Read to children" in item.toolTip(2)
    assert expected.days[0].day == datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE])
@pytest.mark.parametrize("dark", [False, True])
def test_render_the_page(
    qtbot: QtBot,
    db: Database,
    community: Community,
    volunteer_window: MainWindow,
    language: str,
    dark: bool,
    tmp_path: Path,
) -> None:
    availability.set_weekly_pattern(db, community.volunteer, [WeeklySlot(0, 540, 720), WeeklySlot(5, 600, 960)])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if dark:
        palette = QPalette(before)
        for role, value in (
            (QPalette.ColorRole.Window, 40),
            (QPalette.ColorRole.Base, 30),
            (QPalette.ColorRole.WindowText, 230),
            (QPalette.ColorRole.Text, 230),
        ):
            palette.setColor(role, QPalette().color(role).fromRgb(value, value, value))
        app.setPalette(palette)
    try:
        i18n.apply_language(language)
        volunteer_window.show_area("free_hours")
        for size in ((1280, 760), (1024, 700)):
            volunteer_window.resize(*size)
            image = volunteer_window.grab()
            assert not image.isNull()
            image.save(str(tmp_path / f"free-hours-{language}-{'dark' if dark else 'light'}-{size[0]}.png"))
        grid = volunteer_window.current_page().grid  # type: ignore[attr-defined]
        shot = grid.viewport().grab().toImage()
        free = shot.pixelColor(grid.cell_rect(0, 19).center())
        assert free.name() == ("#5aa0ff" if dark else "#2f7de1")  # the style module's accent for the palette
    finally:
        app.setPalette(before)
