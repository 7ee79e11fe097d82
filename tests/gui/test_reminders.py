"""Reminders before a task: the due rule (pure, no waiting), the running reminder, the setting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow
from pytestqt.qtbot import QtBot

from tests.support.community import Community
from tests.support.schedule_data import Planned, at, plan
from volunteer_app.gui import i18n
from volunteer_app.gui.reminders import Reminders, due_reminders, schedule_changed
from volunteer_app.gui.settings_dialog import SettingsDialog
from volunteer_app.services import schedule
from volunteer_app.settings import Settings
from volunteer_app.store.database import Database

T0 = datetime(2030, 5, 7, 0, 0, tzinfo=UTC)
TWO_HOURS = timedelta(hours=2)


@dataclass(frozen=True)
class S:
    signup_id: int
    starts_at: datetime
    cancelled: bool = False


def ids(stints: list[S]) -> list[int]:
    return [s.signup_id for s in stints]


# --------------------------------------------------------------------------- the rule


def test_due_when_the_start_comes_into_the_lead() -> None:
    stints = [S(1, T0 + timedelta(hours=3)), S(2, T0 + timedelta(hours=2)), S(3, T0 + timedelta(minutes=30))]
    assert ids(due_reminders(stints, now=T0, lead=TWO_HOURS, last_check=None)) == [3, 2]
    # A minute later with nothing new in the window: only what was not reminded yet.
    later = T0 + timedelta(hours=1, minutes=1)
    assert ids(due_reminders(stints, now=later, lead=TWO_HOURS, last_check=T0, reminded={2, 3})) == [1]


def test_not_due_once_started_on_the_first_check_or_when_off_or_cancelled() -> None:
    stints = [S(1, T0 - timedelta(minutes=1)), S(2, T0 + timedelta(minutes=5), cancelled=True),
              S(3, T0 + timedelta(minutes=5))]
    assert ids(due_reminders(stints, now=T0, lead=TWO_HOURS, last_check=None)) == [3]
    assert due_reminders(stints, now=T0, lead=timedelta(0), last_check=None) == []
    assert due_reminders(stints, now=T0, lead=-TWO_HOURS, last_check=None) == []


def test_a_task_that_started_while_the_computer_slept_is_still_reminded_once() -> None:
    stints = [S(1, T0 + timedelta(minutes=30)), S(2, T0 - timedelta(hours=5))]
    woke = T0 + timedelta(hours=1)
    assert ids(due_reminders(stints, now=woke, lead=timedelta(minutes=15), last_check=T0 - timedelta(hours=1))) == [1]
    assert due_reminders(stints, now=woke, lead=timedelta(minutes=15), last_check=T0 - timedelta(hours=1),
                         reminded={1}) == []


def test_the_edges_of_the_window() -> None:
    edge = [S(1, T0 + TWO_HOURS), S(2, T0 + TWO_HOURS + timedelta(seconds=1)), S(3, T0)]
    assert ids(due_reminders(edge, now=T0, lead=TWO_HOURS, last_check=None)) == [1]
    # A clock that went backwards reads as a first check.
    assert ids(due_reminders(edge, now=T0, lead=TWO_HOURS, last_check=T0 + timedelta(hours=1))) == [1]


# --------------------------------------------------------------------------- the running reminder


@pytest.fixture
def planned(db: Database, community: Community) -> Planned:
    return plan(db, community)


def make(qtbot: QtBot, db: Database, community: Community, now: datetime) -> tuple[QMainWindow, Reminders, list]:
    window = QMainWindow()
    qtbot.addWidget(window)
    reminders = Reminders(db, community.volunteer, window)
    reminders.clock = lambda: now
    given: list[tuple[int, str, str]] = []
    reminders.reminded.connect(lambda sid, title, text: given.append((sid, title, text)))
    return window, reminders, given


def test_reminds_once_per_run_in_the_status_bar_without_a_tray(
    qtbot: QtBot, db: Database, community: Community, planned: Planned
) -> None:
    # "Sort donations" starts 2030-05-07 01:00 UTC (09:00 in Shanghai).
    window, reminders, given = make(qtbot, db, community, at(6, 22))  # 3 h before
    reminders.start()
    assert reminders.running and given == []
    reminders.clock = lambda: at(6, 23)  # 2 h before
    reminders.check()
    assert [g[0] for g in given] == [planned.sort_signup]
    _sid, title, text = given[0]
    assert title == "Soon: Sort donations"
    assert "09:00–11:00" in text and "30.27000, 120.15000" in text
    assert "Soon: Sort donations" in window.statusBar().currentMessage()
    reminders.clock = lambda: at(6, 23) + timedelta(minutes=1)
    reminders.check()
    reminders.check()
    assert len(given) == 1  # once per run
    reminders.stop()
    assert not reminders.running


def test_off_in_settings_means_no_reminder(qtbot: QtBot, db: Database, community: Community, planned: Planned) -> None:
    Settings(reminder_minutes=0).save()
    _window, reminders, given = make(qtbot, db, community, at(7, 0) + timedelta(minutes=30))
    reminders.start()
    assert given == []
    Settings(reminder_minutes=60).save()  # read again at the next check
    reminders.check()
    assert [g[0] for g in given] == [planned.sort_signup]


def test_a_schedule_change_is_checked_at_once(qtbot: QtBot, db: Database, community: Community, planned: Planned) -> None:
    # 11 May 23:30 UTC: nothing confirmed in the next two hours; the garden clean-up (12 May 01:00) is a proposal.
    _window, reminders, given = make(qtbot, db, community, at(11, 23) + timedelta(minutes=30))
    reminders.start()
    assert given == []
    schedule.accept(db, community.volunteer, planned.garden_signup)
    schedule_changed()
    assert [g[0] for g in given] == [planned.garden_signup]


def test_signing_out_stops_the_reminders(qtbot: QtBot, db: Database, community: Community) -> None:
    from volunteer_app.gui.main_window import MainWindow

    window = MainWindow(db, community.volunteer)
    qtbot.addWidget(window)
    reminders = Reminders(db, community.volunteer, window).start()
    assert reminders.running
    window.sign_out()
    assert not reminders.running


# --------------------------------------------------------------------------- the setting


def ok(dialog: SettingsDialog) -> None:
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()


def test_settings_reminder_choice_is_saved_and_shown_again(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    combo = dialog.ui.reminderCombo
    assert combo.currentData() == 120 and combo.currentText() == "2 h before"  # the default
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Off: no reminders", "30 min before", "1 h before", "2 h before", "1 day before"
    ]
    assert dialog.ui.reminderLabel.buddy() is combo and combo.accessibleName()
    combo.setCurrentIndex(combo.findData(0))
    ok(dialog)
    assert Settings.load().reminder_minutes == 0
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.ui.reminderCombo.currentData() == 0
    i18n.apply_language(i18n.CHINESE)
    assert again.ui.reminderCombo.currentData() == 0  # the choice survives a language change


def test_settings_keeps_a_reminder_lead_set_by_hand(qtbot: QtBot) -> None:
    Settings(reminder_minutes=45).save()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.ui.reminderCombo.currentData() == 45
    assert dialog.ui.reminderCombo.currentText() == "45 min before"
    ok(dialog)
    assert Settings.load().reminder_minutes == 45
