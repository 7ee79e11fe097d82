"""The coordinator's Volunteers area: the volunteers of the organisations this person coordinates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from volunteer_app.gui import i18n
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.pages import ListPage
from volunteer_app.gui.table_models import Column, PagedTableModel
from volunteer_app.services import browse
from volunteer_app.services.accounts import Actor
from volunteer_app.services.browse import VolunteerRow
from volunteer_app.services.storage import Database

CONTEXT = "VolunteerColumns"


def radius_text(row: VolunteerRow) -> str:
    if row.radius_km is None:
        return ""
    return QCoreApplication.translate("VolunteerColumns", "{km} km").format(
        km=QLocale().toString(row.radius_km, "f", 0)
    )


def skills_text(row: VolunteerRow) -> str:
    """Skills with their levels, named in the window's language: "First aid 3, Driving 1"."""
    chinese = i18n.current() == i18n.CHINESE
    parts = [
        QCoreApplication.translate("VolunteerColumns", "{skill} {level}").format(
            skill=(s.label_zh if chinese and s.label_zh else s.label), level=s.level
        )
        for s in row.skills
    ]
    return QCoreApplication.translate("VolunteerColumns", ", ").join(parts)


VOLUNTEER_COLUMNS: list[Column[VolunteerRow]] = [
    Column(CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Name"), lambda r: r.name, "name", width=160),
    Column(CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Email"), lambda r: r.email, "email", width=220),
    Column(
        CONTEXT,
        QT_TRANSLATE_NOOP("VolunteerColumns", "Skills"),
        skills_text,
        None,
        width=220,
        tooltip=skills_text,
        stretch=True,
    ),
    Column(
        CONTEXT, QT_TRANSLATE_NOOP("VolunteerColumns", "Travels up to"), radius_text, "radius_km", align_right=True,
        width=100,
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


@register_area("volunteers", QT_TRANSLATE_NOOP("Areas", "Volunteers"), Side.COORDINATOR, order=150)
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
