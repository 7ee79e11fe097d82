"""The Profile area (STUB: replaced by the page's real implementation)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.pages import PlaceholderPage
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Profile")


@register_area("profile", TITLE, Side.VOLUNTEER, order=50)
class ProfilePage(PlaceholderPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("Areas", TITLE, "", parent)
        self.db, self.actor = db, actor
