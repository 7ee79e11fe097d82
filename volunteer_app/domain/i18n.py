"""Marking strings for translation below the GUI layer.

Services and the domain may not import Qt, yet their messages reach people.
They mark each message with ``QT_TRANSLATE_NOOP(context, text)`` so that
``pyside6-lupdate`` extracts it; the GUI translates the template with
``QCoreApplication.translate`` and fills the named fields afterwards.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    del context
    return text

