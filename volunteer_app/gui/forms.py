"""Form rows shared by the editors: a label that is the field's buddy, the field, and what goes
under it (a note, the field's own error line)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget


def field_row(form: QFormLayout, widget: QWidget, *below: QWidget | None) -> QLabel:
    """Add a row to ``form``; returns its label (set its text in ``retranslate``)."""
    label = QLabel()
    label.setBuddy(widget)
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(widget)
    for extra in below:
        if extra is not None:
            box.addWidget(extra)
    form.addRow(label, box)
    return label


__all__ = ["field_row"]
