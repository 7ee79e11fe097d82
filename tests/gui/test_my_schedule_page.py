"""The My schedule page driven as a volunteer would: read it, accept, decline, export, mark read."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.support.community import Community
from tests.support.schedule_data import LATER, NOW, Planned, plan
from volunteer_app.domain.enums import SignupStatus
from volunteer_app.gui import i18n
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.my_schedule_page import MySchedulePage
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup

SHOTS = os.environ.get("VOLUNTEER_APP_SCREENSHOTS")  # a folder: render the page there as PNGs


@pytest.fixture
def planned(db: Database, community: Community) -> Planned:
    return plan(db, community)


def open_page(qtbot: QtBot, db: Database, community: Community, width: int = 1024, height: int = 700) -> MySchedulePage:
    page = MySchedulePage(db, community.volunteer)
    qtbot.addWidget(page)
    page.clock = lambda: NOW
    page.resize(width, height)
    page.show()
    page.activate()
    return page


def test_the_page_shows_upcoming_proposals_waitlist_and_notices(
    qtbot: QtBot, db: Database, community: Community, planned: Planned
) -> None:
    page = open_page(qtbot, db, community)
    mine = page.schedule
    assert mine is not None and page.loaded
    assert set(page.cards) == {
        planned.read_signup, planned.sort_signup, planned.phone_signup,
        planned.garden_signup, planned.parcels_signup, planned.cooking_signup,
    }
    read = page.cards[planned.read_signup]
    assert read.title.text() == "Read to children — Riverside Community Centre"
    assert "Fri 10 May 2030, 09:00–11:00" in read.when.text()
    assert read.where.text() == "12 River Road, Hangzhou"
    assert read.ask.text() == "coord.a · +86 138 0000 0001 · coord.a@example.org"
    assert read.accept_button is None  # nothing to answer on a confirmed task
    phone = page.cards[planned.phone_signup]
    assert "between 08:00 and 14:00, 1 h" in phone.when.text() and phone.where.text() == "Remote: no travel"
    assert page.cards[planned.cooking_signup].state.text() == "3rd in line"
    garden = page.cards[planned.garden_signup]
    assert garden.state.text() == "Proposed by coord.a"
    assert garden.accept_button is not None and garden.accept_button.accessibleName() == "Accept Garden clean-up"
    assert list(page.notice_rows) == [planned.notice_id]
    assert "was cancelled by Riverside Community Centre" in page.notice_rows[planned.notice_id].text.text()
    # Sections in the order a volunteer needs them: what changed, what to answer, what is planned, waiting.
    labels = [w.text() for w in page.content.findChildren(type(page.heading)) if w.font().bold()]
    order = [next(i for i, t in enumerate(labels) if t.startswith(prefix))
             for prefix in ("What changed", "Proposals", "Upcoming", "On the waitlist")]
    assert order == sorted(order)
    assert "Tue 7 May 2030" in labels  # upcoming grouped by date


def test_accept_a_proposal(qtbot: QtBot, db: Database, community: Community, planned: Planned) -> None:
    page = open_page(qtbot, db, community)
    button = page.cards[planned.garden_signup].accept_button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(Signup, planned.garden_signup).status is SignupStatus.CONFIRMED  # type: ignore[union-attr]
    assert page.status.text() == "You are signed up for Garden clean-up."
    card = page.cards[planned.garden_signup]  # reloaded: now among the upcoming, without buttons
    assert card.accept_button is None and card.item.status is SignupStatus.CONFIRMED
    assert planned.garden_signup not in {i.signup_id for i in page.schedule.proposals}  # type: ignore[union-attr]


def test_decline_asks_first_and_no_keeps_the_proposal(
    qtbot: QtBot, db: Database, community: Community, planned: Planned, dialogs: Dialogs
) -> None:
    page = open_page(qtbot, db, community)
    decline = page.cards[planned.parcels_signup].decline_button
    assert decline is not None
    dialogs.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(decline, Qt.MouseButton.LeftButton)
    assert dialogs.kinds() == ["question"]
    assert "will not be proposed to you again" in dialogs.calls[0].text
    with db.read() as s:
        assert s.get(Signup, planned.parcels_signup).status is SignupStatus.PROPOSED  # type: ignore[union-attr]
    dialogs.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(page.cards[planned.parcels_signup].decline_button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    with db.read() as s:
        assert s.get(Signup, planned.parcels_signup).status is SignupStatus.DECLINED  # type: ignore[union-attr]
    assert planned.parcels_signup not in page.cards
    assert page.status.text() == "You declined Deliver parcels."


def test_a_refused_answer_is_one_sentence_and_the_page_catches_up(
    qtbot: QtBot, db: Database, community: Community, planned: Planned
) -> None:
    page = open_page(qtbot, db, community)
    with db.transaction() as s:  # a coordinator withdrew the proposal meanwhile
        s.get(Signup, planned.garden_signup).status = SignupStatus.CANCELLED  # type: ignore[union-attr]
    qtbot.mouseClick(page.cards[planned.garden_signup].accept_button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert page.status.isVisible() and page.status.text().startswith("You may not change this signup")
    assert planned.garden_signup not in page.cards


def test_export_to_calendar_writes_an_ics_file_that_parses_back(
    qtbot: QtBot, db: Database, community: Community, planned: Planned, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(qtbot, db, community)
    asked: list[str] = []

    def save_name(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "mine"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert Path(asked[0]).name == "volunteer-schedule.ics"
    written = tmp_path / "mine.ics"  # the suffix is added
    cal = icalendar.Calendar.from_ical(written.read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Sort donations", "Phone a lonely neighbour", "Read to children"}
    start = events["Read to children"].decoded("dtstart")
    assert (start.hour, events["Read to children"]["dtstart"].params["TZID"]) == (9, "Asia/Shanghai")
    assert page.status.text().startswith("Saved 3 task(s) to ")
    # Straight to a path (no dialog), and a folder that cannot be written says so in one sentence.
    page.export_calendar(tmp_path / "no" / "such" / "folder" / "x.ics")
    assert page.status.text().startswith("Could not save the calendar file:")


def test_mark_a_notice_read(qtbot: QtBot, db: Database, community: Community, planned: Planned) -> None:
    page = open_page(qtbot, db, community)
    qtbot.mouseClick(page.notice_rows[planned.notice_id].read_button, Qt.MouseButton.LeftButton)
    assert page.notice_rows == {}
    assert page.schedule is not None and page.schedule.notices == []


def test_show_past_and_the_empty_state(qtbot: QtBot, db: Database, community: Community, planned: Planned) -> None:
    page = open_page(qtbot, db, community)
    page.clock = lambda: LATER + timedelta(days=10)  # everything is over
    page.refresh()
    assert page.cards == {} and page.empty_label is None  # a notice is still there
    page.past_check.setChecked(True)
    assert set(page.cards) == {planned.read_signup, planned.sort_signup, planned.phone_signup}
    assert page.cards[planned.read_signup].state.text() == "Done"

    other = MySchedulePage(db, community.other_volunteer)
    qtbot.addWidget(other)
    other.clock = lambda: LATER + timedelta(days=10)
    other.activate()
    assert other.empty_label is not None
    assert other.empty_label.text().startswith("Nothing planned yet. Find a task in Tasks for me")
    assert not other.export_button.isEnabled()


def test_the_page_in_the_window_and_in_chinese(
    qtbot: QtBot, volunteer_window: MainWindow, planned: Planned
) -> None:
    volunteer_window.show_area("my_schedule")
    page = volunteer_window.current_page()
    assert isinstance(page, MySchedulePage) and page.loaded
    i18n.apply_language(i18n.CHINESE)
    assert page.heading.text() != "My schedule"
    i18n.apply_language(i18n.ENGLISH)
    assert page.heading.text() == "My schedule"
    for button in (page.export_button, page.past_check):
        assert button.accessibleName() and button.focusPolicy() & Qt.FocusPolicy.TabFocus


@pytest.mark.skipif(not SHOTS, reason="set VOLUNTEER_APP_SCREENSHOTS=<folder> to render the page")
@pytest.mark.parametrize(("width", "height"), [(1280, 760), (1024, 700)])
def test_render(qtbot: QtBot, db: Database, community: Community, planned: Planned, width: int, height: int,
                backend: str) -> None:
    window = MainWindow(db, community.volunteer)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    page = window.pages["my_schedule"]
    assert isinstance(page, MySchedulePage)
    page.clock = lambda: NOW
    window.show_area("my_schedule")
    page.refresh()
    qtbot.wait(50)
    window.grab().save(str(Path(str(SHOTS)) / f"my-schedule-{width}x{height}-{backend}.png"))
    page.content.grab().save(str(Path(str(SHOTS)) / f"my-schedule-{width}x{height}-{backend}-all.png"))
