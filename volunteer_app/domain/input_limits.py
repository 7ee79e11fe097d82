"""How big a matching instance (and other engine input) may be, and how a bad value is shown in an error.

Every horizon, window, count and number the engine's work grows with has a limit here, so a
small file can never ask for unbounded time or memory (a 1.5 KB file whose window ran from
year 1 to 9999 once took 6 GB). ``docs/matching-format.md`` lists the same limits; the file
reader refuses a file beyond one of them with an ``InstanceError`` naming the item and field.
"""

from __future__ import annotations

import reprlib
from datetime import timedelta

#: The file itself: read at most this many bytes (a bigger file, /dev/zero, an endless pipe is refused).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: JSON separators (commas) in the file: bounds the number of values Python must build
#: (a 64 MB file of ``[{},{},...]`` would otherwise take well over 1 GB of memory).
MAX_JSON_VALUES = 6_000_000

MAX_VOLUNTEERS = 200_000
MAX_TASKS = 100_000
MAX_FIXED = 1_000_000
MAX_EXCLUDED = 1_000_000
#: Per volunteer.
MAX_FREE_INTERVALS = 5_000
MAX_CAPS = 1_000
#: Entries of one ``skills`` or ``requires`` object, and distinct skill names the tasks require.
MAX_SKILLS = 100
MAX_SKILL_NAMES = 500
#: Characters of an id and of a skill name.
MAX_ID_CHARS = 200
MAX_SKILL_CHARS = 100
#: Characters of a date-time text (``2026-12-05T09:00:00.000000+08:00`` has 32).
MAX_TIME_CHARS = 40

#: Every date-time of one instance lies within this span of the others.
MAX_SPAN = timedelta(days=400)
#: A shift, or a flexible task's window, lasts at most this long.
MAX_TASK_LENGTH = timedelta(days=92)
#: Date-times outside these years are refused (no arithmetic near the ends of the calendar).
MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_SLOTS = 10_000
#: Half the earth's circumference: a larger radius reaches nowhere new.
MAX_RADIUS_KM = 20_040.0
#: ``max_minutes`` and a cap's ``max_minutes`` (about 694 days: more than any span allowed).
MAX_CAP_MINUTES = 1_000_000

#: The longest horizon the database path solves: ``suggest --days`` and ``assign --from``..``--to``.
MAX_HORIZON_DAYS = 92

#: Characters of a value echoed in an error message.
SHOW_CHARS = 60


class Unreadable:
    """A JSON number Python cannot hold as the format needs it (``1e400``, a 400-digit integer).

    The reader puts this in place of the number, so the field's own check refuses it and the
    message names the field; its ``repr`` is the number's text, cut.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        if len(self.text) > 24:
            return f"{self.text[:12]}...{self.text[-4:]} (a number of {len(self.text)} characters)"
        return f"{self.text} (out of range)"


class _Shown(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxstring = SHOW_CHARS
        self.maxother = SHOW_CHARS
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 4
        self.maxlong = 40

    def repr_int(self, x: int, level: int) -> str:
        # repr() of an int of more than 4,300 digits raises ValueError; never build it.
        if x.bit_length() > 128:
            return f"an integer of about {int(x.bit_length() * 0.30103) + 1} digits"
        return super().repr_int(x, level)


_SHOWN = _Shown()


def show(value: object) -> str:
    """``repr`` of a value for an error message: cut to a readable length, whatever it is."""
    try:
        text = _SHOWN.repr(value)
    except (ValueError, RecursionError, MemoryError):  # noqa: BLE001 - never fail while reporting a failure
        text = f"a {type(value).__name__}"
    if len(text) > 2 * SHOW_CHARS:
        text = text[: 2 * SHOW_CHARS] + "..."
    return text
