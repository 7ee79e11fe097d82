"""The Qt binding must not leak or drop references on ordinary calls.

PySide6 6.12.0 decremented None's reference count on every call of a method
returning void. On Python 3.11, where None is not immortal, the interpreter then
aborts ("deallocating None") after a few thousand such calls: minutes of real
use. pyproject.toml excludes that release; this test catches any other that does it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

CALLS = 2_000


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    timer, obj = QTimer(), QObject()
    calls = {
        "QWidget.setWindowTitle": lambda: widget.setWindowTitle("x"),
        "QTimer.stop": timer.stop,
        "QObject.setObjectName": lambda: obj.setObjectName("x"),
        "QCoreApplication.processEvents": QCoreApplication.processEvents,
    }
    drift = {}
    for name, call in calls.items():
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        drift[name] = sys.getrefcount(None) - before
    # A few references may come and go with Qt's own bookkeeping; one per call is the bug.
    assert all(abs(d) < CALLS // 10 for d in drift.values()), drift
