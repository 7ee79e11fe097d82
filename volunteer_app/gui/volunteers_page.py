"""The coordinator's Volunteers area: the volunteers of the organisations this person coordinates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.table_models import Column, PagedTableModel
from volunteer_app.services import browse
from volunteer_app.services.accounts import Actor
from volunteer_app.services.browse import VolunteerRow
from volunteer_app.store.database import Database

CONTEXT = "VolunteerColumns"


def radius_text(row: VolunteerRow) -> str:
    if row.radius_km is None:
        return ""
    return QCoreApplication.translate("VolunteerColumns", "{km} km").format(
        km=QLocale().toString(row.radius_km, "f", 0)
    )


VOLUNTEER_COLUMNS: list[Column[VolunteerRow]] = [
    Column(CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Name"), lambda r: r.name, "name", width=160),
    Column(CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Email"), lambda r: r.email, "email", width=220),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("VolunteerColumns", "Skills"),
        lambda r: r.skills,
        None,
        width=220,
        tooltip=lambda r: r.skills,
        stretch=True,
    ),
    Column(
        CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Travels up to"), radius_text, None, align_right=True, width=100
    ),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("VolunteerColumns", "Organisations"),
        lambda r: r.organisations,
        None,
        width=190,
        tooltip=lambda r: r.organisations,
    ),
    Column(CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Home"), lambda r: r.home, None, width=190),
]


def volunteers_model(db: Database, actor: Actor, parent: QWidget | None = None) -> PagedTableModel[VolunteerRow]:
    def count(text: str) -> int:
        return browse.count_volunteers(db, actor, text)

    def fetch(text: str, sort: str, descending: bool, offset: int, limit: int) -> Sequence[VolunteerRow]:
        return browse.fetch_volunteers(
            db, actor, text=text, sort=sort, descending=descending, offset=offset, limit=limit
        )

    return PagedTableModel(VOLUNTEER_COLUMNS, count, fetch, default_sort="name", parent=parent)


class VolunteersPage(ListPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(volunteers_model(db, actor), parent)
        self.model.setParent(self)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Volunteers"))
        self.heading.setAccessibleName(self.heading.text())
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or email"))
        self.filter_edit.setAccessibleName(self.tr("Filter volunteers"))
        self.table.setAccessibleName(self.tr("Volunteers"))
        self.table.setAccessibleDescription(self.tr("Name and Email columns can be sorted."))
        super().retranslate()
