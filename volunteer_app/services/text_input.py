"""The text rules of ``domain.validation`` as services use them: a broken value is an ``InvalidInput``.

Every service entry point that takes text a person typed or imported runs it through
one of these (``email``, ``name``, ``line``, ``text``) before its transaction. Behind
them, ``store.guards`` refuses any value longer than its column on both backends, so
nothing reaches PostgreSQL as a ``DataError``; ``as_service_error`` turns that refusal
into an ``InvalidInput`` for the window (the CLI prints it as one line already).
"""

from __future__ import annotations

from volunteer_app.domain import validation
from volunteer_app.domain.validation import TextProblem, preview
from volunteer_app.services.errors import InvalidInput
from volunteer_app.store.guards import StoredValueRejected


def _invalid(problem: TextProblem) -> InvalidInput:
    params = {k: v for k, v in problem.params.items() if k != "field"}
    return InvalidInput(problem.field, problem.template, **params)


def email(value: object, field: str = "email") -> str:
    """An email address, normalised (trimmed, lower case), or InvalidInput naming ``field``."""
    try:
        return validation.email(value, field)
    except TextProblem as problem:
        raise _invalid(problem) from None


def name(field: str, value: object, limit: int = validation.MAX_NAME) -> str:
    """A name with visible characters on one line, inner spaces collapsed, at most ``limit`` characters."""
    try:
        return validation.name(field, value, limit)
    except TextProblem as problem:
        raise _invalid(problem) from None


def line(field: str, value: object, limit: int, *, required: bool = False) -> str | None:
    """A one-line text (None when blank or None, unless ``required``)."""
    if value is None and not required:
        return None
    try:
        return validation.line(field, value, limit, required=required)
    except TextProblem as problem:
        raise _invalid(problem) from None


def text(field: str, value: object, limit: int, *, required: bool = False) -> str | None:
    """A longer text that may hold line breaks (None when blank or None, unless ``required``)."""
    if value is None and not required:
        return None
    try:
        return validation.text(field, value, limit, required=required)
    except TextProblem as problem:
        raise _invalid(problem) from None


def reason(field: str, value: object, empty: str, limit: int = validation.MAX_REASON) -> str:
    """A reason or message a person must give (lines allowed): ``InvalidInput(field, empty)`` when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(field, empty)
    checked = text(field, value, limit, required=True)
    assert checked is not None  # required
    return checked


def shown(value: object) -> str:
    """``value`` cut to a readable length, invisible characters escaped: for echoing in a message."""
    return preview(value)


def as_service_error(exc: BaseException) -> BaseException:
    """The store guard's refusal as the InvalidInput it stands for; any other exception as it is."""
    if isinstance(exc, StoredValueRejected):
        return InvalidInput(exc.field, exc.template, **{k: v for k, v in exc.params.items() if k != "field"})
    return exc


__all__ = ["as_service_error", "email", "line", "name", "reason", "shown", "text"]
