"""Qt fixtures: real windows over a real temporary database (Vorta-style).

* Tests that use the ``db`` fixture run on SQLite and on PostgreSQL, like the rest.
* Background work runs synchronously (``background.set_synchronous``), so a test
  sees the outcome as soon as the action returns; ``async_background`` turns
  real threads back on for the tests of the helper itself.
* Modal message boxes never open: ``dialogs`` records each call instead.
* Every test starts and ends in English; password hashing is cheap (see below).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from tests.support.community import PASSWORD, Community, build
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.gui import background, errors, i18n
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.services import accounts
from volunteer_app.store.database import Database
from volunteer_app.store.models import Task, TaskOccurrence

__all__ = ["PASSWORD"]


@pytest.fixture(autouse=True)
def sync_background() -> Iterator[None]:
    background.set_synchronous(True)
    yield
    background.set_synchronous(False)


@pytest.fixture
def async_background(qapp: QApplication) -> Iterator[None]:
    background.set_synchronous(False)
    yield
    assert background.wait_for_all(10_000), "a background worker did not finish"
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with tiny parameters: the GUI tests sign in often, and real hashing takes ~0.5 s here."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    i18n.apply_language(i18n.ENGLISH)
    yield
    i18n.apply_language(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def no_log_file_left_open() -> Iterator[None]:
    yield
    errors.teardown_logging()


@dataclass
class DialogCall:
    kind: str
    title: str
    text: str


@dataclass
class Dialogs:
    calls: list[DialogCall] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Close

    def kinds(self) -> list[str]:
        return [c.kind for c in self.calls]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Modal QMessageBox calls return at once and are recorded here."""
    record = Dialogs()

    def stub(kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
            record.calls.append(DialogCall(kind, title, text))
            return record.answer

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, stub(kind))
    return record


@pytest.fixture
def community(db: Database) -> Community:
    return build(db)


@pytest.fixture
def coordinator_window(qtbot: QtBot, db: Database, community: Community) -> MainWindow:
    window = MainWindow(db, community.coord_a)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def volunteer_window(qtbot: QtBot, db: Database, community: Community) -> MainWindow:
    window = MainWindow(db, community.volunteer)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active window (key events and shortcuts go there)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def add_tasks(db: Database, organisation_id: int, count: int, *, title: str = "Task") -> None:
    """Bulk tasks (Core executemany): titles "<title> 00001".., one a day, each with one occurrence."""
    start = datetime(2031, 1, 1, 1, 0, tzinfo=UTC)
    rows = [
        {
            "organisation_id": organisation_id,
            "title": f"{title} {i:05d}",
            "description": "",
            "category": "sorting" if i % 2 else "cooking",
            "address": f"{i} River Road",
            "is_remote": False,
            "kind": TaskKind.FIXED,
            "starts_at": start + timedelta(hours=i),
            "ends_at": start + timedelta(hours=i, minutes=90),
            "slots": 1 + i % 4,
            "priority": 1 + i % 5,
            "status": TaskStatus.OPEN,
            "timezone": "Asia/Shanghai",
        }
        for i in range(1, count + 1)
    ]
    with db.transaction() as s:
        s.execute(insert(Task), rows)
        ids = s.scalars(select(Task.id).where(Task.title.like(f"{title} %"))).all()
        by_id = {t.id: t for t in s.scalars(select(Task).where(Task.id.in_(ids)))}
        s.execute(
            insert(TaskOccurrence),
            [{"task_id": t.id, "starts_at": t.starts_at, "ends_at": t.ends_at} for t in by_id.values()],
        )
