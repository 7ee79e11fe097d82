"""Errors a person can act on. Messages are translatable templates.

``str(error)`` is the English sentence; the GUI translates ``error.template``
in the ``errors`` context and formats it with ``error.params``.
"""

from __future__ import annotations

from typing import Any

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP


class ServiceError(Exception):
    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.message


class PermissionDenied(ServiceError):
    """The signed-in person may not do this."""


class NotSignedIn(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Sign in first."))


class InvalidCredentials(ServiceError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Wrong email or password."))


class NotFound(ServiceError):
    """What was asked for does not exist (or is not visible to this person)."""


class InvalidInput(ServiceError):
    """A value breaks a rule; ``field`` names it."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        super().__init__(template, field=field, **params)


class Conflict(ServiceError):
    """The change clashes with what is stored (a duplicate, a decided record, ...)."""
