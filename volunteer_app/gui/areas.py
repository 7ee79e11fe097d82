"""The main window's areas: each page module declares its own (after Picard's options pages).

A page module registers its page class with ``register_area``::

    @register_area("my_hours", QT_TRANSLATE_NOOP("Areas", "My hours"), Side.VOLUNTEER, order=30)
    class MyHoursPage(AreaPage):
        def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None: ...

``PAGE_MODULES`` names the modules to import (explicit, so a frozen bundle finds them
without scanning folders); importing one registers its area. The main window asks
``areas_for(actor)`` which areas this person sees, in order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication

from volunteer_app.services.accounts import Actor

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from volunteer_app.gui.pages import AreaPage
    from volunteer_app.services.storage import Database

AREA_CONTEXT = "Areas"

#: Every module that registers an area, volunteer side first. A new page: add its module here.
PAGE_MODULES = (
    "volunteer_app.gui.tasks_for_me_page",
    "volunteer_app.gui.my_schedule_page",
    "volunteer_app.gui.my_hours_page",
    "volunteer_app.gui.free_hours_page",
    "volunteer_app.gui.profile_page",
    "volunteer_app.gui.tasks_page",
    "volunteer_app.gui.assign_page",
    "volunteer_app.gui.roster_page",
    "volunteer_app.gui.hours_to_verify_page",
    "volunteer_app.gui.volunteers_page",
    "volunteer_app.gui.reports_page",
    "volunteer_app.gui.organisation_page",
    "volunteer_app.gui.accounts_page",  # site and organisation admins (issue 12)
)


class Side(Enum):
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"


def sees_volunteer_side(actor: Actor) -> bool:
    return actor.is_volunteer


def sees_coordinator_side(actor: Actor) -> bool:
    return actor.is_admin or actor.is_coordinator


PageFactory = Callable[["Database", Actor, "QWidget | None"], "AreaPage"]


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # English source text in the "Areas" context (QT_TRANSLATE_NOOP)
    side: Side
    order: int
    page: PageFactory
    visible: Callable[[Actor], bool]

    @property
    def coordinator(self) -> bool:
        return self.side is Side.COORDINATOR


_registry: dict[str, Area] = {}
P = TypeVar("P")


def register_area(
    key: str, title: str, side: Side, *, order: int, visible: Callable[[Actor], bool] | None = None
) -> Callable[[P], P]:
    """Class decorator: the page class becomes the area ``key`` (one area per key)."""

    def register(page_class: P) -> P:
        if key in _registry and _registry[key].page is not page_class:
            raise ValueError(f"area {key!r} is registered twice")
        default = sees_volunteer_side if side is Side.VOLUNTEER else sees_coordinator_side
        _registry[key] = Area(key, title, side, order, page_class, visible or default)  # type: ignore[arg-type]
        return page_class

    return register


def load_pages() -> None:
    for name in PAGE_MODULES:
        importlib.import_module(name)


def all_areas() -> list[Area]:
    load_pages()
    return sorted(_registry.values(), key=lambda a: (a.side is Side.COORDINATOR, a.order))


def areas_for(actor: Actor) -> list[Area]:
    """The areas this person sees, volunteer side first, each side in its order."""
    return [a for a in all_areas() if a.visible(actor)]


def area_title(area: Area) -> str:
    return QCoreApplication.translate(AREA_CONTEXT, area.title)


__all__ = ["AREA_CONTEXT", "Area", "PAGE_MODULES", "Side", "all_areas", "area_title", "areas_for", "register_area"]
