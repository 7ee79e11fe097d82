"""The engine's reasons for a suggestion as sentences in the window's language.

The engine gives each reason as a code and parameters (``matching.Reason``); this is
the translation table for the window (the CLI has its English twin in
``cli/match_commands.py``). Every sentence is about the reader: "from your home",
"your skills", "your free time".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from volunteer_app.domain import timefmt
from volunteer_app.gui import i18n

if TYPE_CHECKING:
    from volunteer_app.matching import Reason

CONTEXT = "Reasons"

REASONS = {
    "distance": QT_TRANSLATE_NOOP("Reasons", "It is {km} km from your home."),
    "remote": QT_TRANSLATE_NOOP("Reasons", "You can do it from anywhere: it is remote."),
    "no_skills": QT_TRANSLATE_NOOP("Reasons", "It needs no special skills."),
    "skills": QT_TRANSLATE_NOOP("Reasons", "It fits your skills: {skills}."),
    "skill": QT_TRANSLATE_NOOP("Reasons", "{skill} (you have level {held}, it needs {needed})"),
    "free_slot": QT_TRANSLATE_NOOP("Reasons", "It falls in your free time: {time}."),
    "slots_left": QT_TRANSLATE_NOOP("Reasons", "{left} of {of} places are still open."),
    "last_place": QT_TRANSLATE_NOOP("Reasons", "Only one of {of} places is still open."),
    "only_place": QT_TRANSLATE_NOOP("Reasons", "Its one place is still open."),
    "waitlist": QT_TRANSLATE_NOOP("Reasons", "All {of} places are taken: you can join the waitlist."),
    "urgent": QT_TRANSLATE_NOOP("Reasons", "It starts soon, in about {hours} hours."),
    "very_urgent": QT_TRANSLATE_NOOP("Reasons", "It starts within the hour."),
}
PRIORITY = {
    2: QT_TRANSLATE_NOOP("Reasons", "The organiser marked it as somewhat important (priority 2 of 5)."),
    3: QT_TRANSLATE_NOOP("Reasons", "The organiser marked it as important (priority 3 of 5)."),
    4: QT_TRANSLATE_NOOP("Reasons", "The organiser marked it as very important (priority 4 of 5)."),
    5: QT_TRANSLATE_NOOP("Reasons", "The organiser marked it as most urgent (priority 5 of 5)."),
}
SEPARATOR = QT_TRANSLATE_NOOP("Reasons", ", ")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def skill_name(key: str, labels: Mapping[str, tuple[str, str | None]]) -> str:
    """A skill's name in the window's language (its key when the catalogue does not know it)."""
    english, chinese = labels.get(key, (key, None))
    return chinese if i18n.current() == i18n.CHINESE and chinese else english


def km_text(km: float) -> str:
    return QLocale().toString(float(km), "f", 1)


def reason_sentence(
    reason: Reason, *, timezone: str | None, skill_labels: Mapping[str, tuple[str, str | None]]
) -> str:
    """One reason as a sentence for the volunteer reading their own suggestions."""
    p = reason.params
    code = reason.code
    if code == "distance":
        return _tr(REASONS["distance"]).format(km=km_text(p["km"]))
    if code == "remote":
        return _tr(REASONS["remote"])
    if code == "skills":
        if not p:
            return _tr(REASONS["no_skills"])
        parts = [
            _tr(REASONS["skill"]).format(skill=skill_name(key, skill_labels), held=held, needed=needed)
            for key, (held, needed) in p.items()
        ]
        return _tr(REASONS["skills"]).format(skills=_tr(SEPARATOR).join(parts))
    if code == "free_slot":
        start, end = p["start"], p["end"]
        assert isinstance(start, datetime) and isinstance(end, datetime)
        time = timefmt.task_time_text(start, end, timezone, tr=QCoreApplication.translate)
        return _tr(REASONS["free_slot"]).format(time=time)
    if code == "slots_left":
        if int(p["left"]) == 1 and int(p["of"]) == 1:
            return _tr(REASONS["only_place"])
        if int(p["left"]) == 1:
            return _tr(REASONS["last_place"]).format(of=p["of"])
        return _tr(REASONS["slots_left"]).format(left=p["left"], of=p["of"])
    if code == "waitlist":
        return _tr(REASONS["waitlist"]).format(of=p["of"])
    if code == "urgent":
        hours = float(p["starts_in_hours"])
        if hours < 1:
            return _tr(REASONS["very_urgent"])
        return _tr(REASONS["urgent"]).format(hours=QLocale().toString(round(hours)))
    if code == "priority":
        level = int(p["level"])
        return _tr(PRIORITY.get(level, PRIORITY[3]))
    return reason.describe()  # a code this table does not know yet: the engine's English


__all__ = ["reason_sentence", "skill_name", "km_text"]
