"""One place for the window's look: colours, text sizes, status lines, common labels.

Pages never write a colour literal or a font size of their own; they call these
helpers, so a dark palette, a larger font or a new accent changes here only
(after Picard's ``ui/colors.py`` and TagStudio's ``qt/views/styles``).

``Retranslating`` is the language-change boilerplate every widget needs: a
widget that mixes it in gets ``retranslate()`` called on ``LanguageChange``.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

#: Secondary text that still reads well (not the pale "disabled" grey).
NOTE_COLOUR = "#5f6368"
NOTE_COLOUR_DARK = "#a8adb3"
#: Something went wrong and the person must act.
ERROR_COLOUR = "#b00020"
ERROR_COLOUR_DARK = "#ff6b81"
#: A notice: the thing still works (dark amber).
WARNING_COLOUR = "#8a4b00"
WARNING_COLOUR_DARK = "#f0b45a"
#: Something worked (a saved profile, a confirmed signup).
SUCCESS_COLOUR = "#1e7a34"
SUCCESS_COLOUR_DARK = "#6fd68a"
#: Accent for charts and highlights (the free-hours grid's painted cells).
ACCENT_COLOUR = "#2f7de1"
ACCENT_COLOUR_DARK = "#5aa0ff"
#: Sidebar items, list rows: room to breathe.
SIDEBAR_ITEM_PADDING = "6px 10px"
HEADING_SCALE = 1.5
SUBHEADING_SCALE = 1.15
PAGE_MARGINS = (16, 16, 16, 8)


class Tone(Enum):
    NOTE = "note"
    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"
    PLAIN = "plain"


def is_dark() -> bool:
    """Whether the application palette is dark (window background darker than its text)."""
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()


def colour(tone: Tone) -> str:
    """The colour of a tone for the current palette ("" for plain text)."""
    dark = is_dark()
    return {
        Tone.NOTE: NOTE_COLOUR_DARK if dark else NOTE_COLOUR,
        Tone.ERROR: ERROR_COLOUR_DARK if dark else ERROR_COLOUR,
        Tone.WARNING: WARNING_COLOUR_DARK if dark else WARNING_COLOUR,
        Tone.SUCCESS: SUCCESS_COLOUR_DARK if dark else SUCCESS_COLOUR,
        Tone.PLAIN: "",
    }[tone]


def accent() -> str:
    return ACCENT_COLOUR_DARK if is_dark() else ACCENT_COLOUR


def tone_style(tone: Tone) -> str:
    value = colour(tone)
    return f"color: {value};" if value else ""


def set_tone(label: QLabel, tone: Tone) -> QLabel:
    label.setStyleSheet(tone_style(tone))
    return label


def make_note(label: QLabel) -> QLabel:
    """Style ``label`` as an explanation next to a control: grey, wrapped."""
    set_tone(label, Tone.NOTE)
    label.setWordWrap(True)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """A hidden, wrapped label for one sentence about what went wrong (``show_status`` fills it)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_tone(label, Tone.ERROR)
    label.hide()
    return label


def show_status(label: QLabel, text: str, tone: Tone = Tone.ERROR) -> None:
    """Show one status sentence (error, warning, success) in ``label``; empty text hides it."""
    set_tone(label, tone)
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


def _scaled_bold(label: QLabel, scale: float) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def heading_label(parent: QWidget | None = None) -> QLabel:
    """A page's title."""
    return _scaled_bold(QLabel(parent), HEADING_SCALE)


def subheading_label(parent: QWidget | None = None) -> QLabel:
    """A section title inside a page."""
    return _scaled_bold(QLabel(parent), SUBHEADING_SCALE)


def make_heading(label: QLabel) -> QLabel:
    """Style an existing label (one from a Designer form) as a page or dialog title."""
    return _scaled_bold(label, HEADING_SCALE)


class Retranslating:
    """Mix-in for QWidgets: calls ``self.retranslate()`` when the language changes.

    Put it first among the bases (``class Page(Retranslating, QWidget)``) so its
    ``changeEvent`` runs before QWidget's.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


__all__ = [
    "Retranslating",
    "Tone",
    "accent",
    "colour",
    "error_label",
    "heading_label",
    "is_dark",
    "make_heading",
    "make_note",
    "set_tone",
    "show_status",
    "subheading_label",
    "tone_style",
]
