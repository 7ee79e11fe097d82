"""A last check before values reach the database: every text fits its column and can be stored.

The services check what people type (``domain.validation``); this guard is the safety
net for the whole class, on both backends alike. SQLite stores a 100,000-character
name in a ``VARCHAR(200)`` without a word, and PostgreSQL refuses it with a
``DataError`` traceback; a NUL character or a lone surrogate fails on PostgreSQL only.
Here every ``String`` column of a new or changed object (``before_flush``), and of the
rows of a Core ``insert``/``update`` run through a session with a parameter list
(``do_orm_execute``; the imports write that way), is checked first:

* no longer than the column's length (``Text`` columns: ``TEXT_LIMIT`` characters);
* no NUL character and no lone surrogate (neither can be stored as UTF-8 text).

A value that fails raises ``StoredValueRejected``, a ``ValueError`` naming
``table.column``, the length and the limit, with the value cut to a readable length,
before anything is sent: the transaction rolls back and nothing is written.
``services.text_input.as_service_error`` turns it into an ``InvalidInput``.

``store.database`` imports this module, which registers the listeners on every ``Session``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Enum, String, Table, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.schema import Column

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.validation import preview

T = QT_TRANSLATE_NOOP
#: The longest text a ``Text`` column (no declared length) accepts, in characters.
TEXT_LIMIT = 100_000


class StoredValueRejected(ValueError):
    """A value no column of this app can hold: ``field`` is ``table.column``; ``template`` (context
    ``errors``) is filled with ``params``."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        self.template = template
        self.params = {"field": field, **params}
        super().__init__(template.format(**self.params))


def _limit(column: Column[Any]) -> int | None:
    """The most characters ``column`` takes; None for a column that holds no free text."""
    kind = column.type
    if not isinstance(kind, String) or isinstance(kind, Enum):
        return None
    return kind.length if kind.length is not None else TEXT_LIMIT


def check_value(table: str, column: str, value: object, limit: int) -> None:
    """StoredValueRejected unless ``value`` (when it is text) fits ``limit`` and can be stored."""
    if not isinstance(value, str):
        return
    field = f"{table}.{column}"
    if len(value) > limit:
        raise StoredValueRejected(
            field,
            T("errors", "{field} is {length} characters long; at most {limit} fit: {value}"),
            length=len(value),
            limit=limit,
            value=preview(value),
        )
    if "\x00" in value:
        raise StoredValueRejected(field, T("errors", "{field} may not hold a NUL character: {value}"),
                                  value=preview(value))  # fmt: skip
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise StoredValueRejected(
            field, T("errors", "{field} holds a broken character (a lone surrogate): {value}"), value=preview(value)
        ) from None


def _check_object(obj: object, *, only_changed: bool) -> None:
    state = sa_inspect(obj)
    mapper = state.mapper
    for attr in mapper.column_attrs:
        for column in attr.columns:
            if not isinstance(column, Column) or column.table is None:
                continue
            limit = _limit(column)
            if limit is None:
                continue
            if only_changed and not state.attrs[attr.key].history.has_changes():
                continue
            check_value(column.table.name, column.name, state.dict.get(attr.key), limit)


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    for obj in session.new:
        _check_object(obj, only_changed=False)
    for obj in session.dirty:
        _check_object(obj, only_changed=True)


def _rows(parameters: object) -> Iterable[Mapping[str, Any]]:
    if isinstance(parameters, Mapping):
        return [parameters]
    if isinstance(parameters, (list, tuple)):
        return [p for p in parameters if isinstance(p, Mapping)]
    return []


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update) or not state.parameters:
        return
    table = getattr(state.statement, "table", None)
    if not isinstance(table, Table):
        return
    limits = {c.key: (c.name, limit) for c in table.columns if (limit := _limit(c)) is not None}
    if not limits:
        return
    for row in _rows(state.parameters):
        for key, value in row.items():
            found = limits.get(key)
            if found is not None:
                check_value(table.name, found[0], value, found[1])


def install() -> None:
    """Register the listeners on every ``Session`` (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "do_orm_execute", _on_execute):
        event.listen(Session, "do_orm_execute", _on_execute)


install()

__all__ = ["TEXT_LIMIT", "StoredValueRejected", "check_value", "install"]
