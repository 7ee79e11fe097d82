"""Values typed on the command line that every command checks the same way.

``whole_number`` is the ``type=`` of every integer option and argument: a value no database
column can hold (beyond 64 bits) is refused while parsing, with the value cut to a readable
length, instead of failing deep inside a query. ``in_calendar`` refuses a date or time outside
the years the app plans for, before any arithmetic on it can overflow.
"""

from __future__ import annotations

import argparse
from datetime import date

from volunteer_app.domain.input_limits import MAX_YEAR, MIN_YEAR, show

#: The largest integer a database column holds (a 64-bit signed integer).
MAX_WHOLE = 2**63 - 1


def whole_number(text: str) -> int:
    try:
        value = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{show(text)} is not a whole number") from None
    if abs(value) > MAX_WHOLE:
        raise argparse.ArgumentTypeError(f"{show(text)} is too large: at most {MAX_WHOLE}")
    return value


def in_calendar(moment: date, option: str, text: str) -> None:
    """Raise ``UsageError`` when ``moment`` (a date or datetime) lies outside the years the app plans for."""
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        from volunteer_app.cli.context import UsageError

        raise UsageError(f"{option} {show(text)} is outside the years {MIN_YEAR} to {MAX_YEAR}")


__all__ = ["MAX_WHOLE", "in_calendar", "whole_number"]
