"""Date-and-time fields for the wall clock of the place where a task happens.

The edit keeps its value in UTC inside, so the computer's own daylight-saving rules never
shift what the person typed; ``show_on_clock`` and ``read_on_clock`` convert to and from the
task's zone.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from volunteer_app.domain import timefmt

EDIT_FORMAT = "yyyy-MM-dd HH:mm"


def clock_edit(parent: QWidget) -> QDateTimeEdit:
    """A date-and-time field for a wall-clock time."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat(EDIT_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def show_on_clock(edit: QDateTimeEdit, moment: datetime, zone: str) -> None:
    """Put ``moment`` into ``edit`` as it reads on ``zone``'s clock."""
    local = moment.astimezone(timefmt.zone_of(zone))
    edit.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc())
    )


def read_on_clock(edit: QDateTimeEdit, zone: str) -> datetime:
    """What ``edit`` shows, read on ``zone``'s clock, as an aware time."""
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=timefmt.zone_of(zone))


__all__ = ["EDIT_FORMAT", "clock_edit", "read_on_clock", "show_on_clock"]
