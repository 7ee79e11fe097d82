"""What the CLI prints can never drive the terminal: control characters become visible escapes.

Task titles, organisation names, ids in files and geocoder answers come from other people.
Printed raw, ``ESC ] 0 ; ... BEL`` retitles the terminal window, other escapes move the
cursor, hide text or (in some terminals) write files, and bidi overrides show text in another
order than it is stored. ``filtered_output()`` wraps ``sys.stdout`` and ``sys.stderr`` for the
whole run of a command, so every line the CLI prints passes ``escape_controls``.

Escapes are chosen so JSON output stays valid and means the same: ``json.dumps`` already
writes C0 controls as ``\\u001b``, and the others (DEL, C1, bidi) become ``\\u0085``-style
escapes, which JSON reads back as the same character. Files written with ``-o``/``--ics``
do not pass through here (they are not a terminal).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

#: C0 controls except newline and tab (a carriage return can overwrite what was printed).
_C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t")
#: DEL, C1 controls (U+0080-U+009F: a lone U+009B is a CSI in some terminals), bidi embeddings,
#: overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_OTHER = "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0)) + "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{re.escape(_C0)}{_OTHER}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character that could act on a terminal shown as an escape
    (``\\x1b``, ``\\u202e``); newlines and tabs stay."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


class SafeStream:
    """A text stream that escapes controls in everything written to it; the rest is the wrapped stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding, buffer... as the real stream has them.
        return getattr(self._stream, name)


def _wrap(stream: TextIO | None) -> TextIO | None:
    if stream is None or isinstance(stream, SafeStream):
        return stream
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        # A character the terminal's encoding lacks is shown as an escape, never an exception
        # (a closed or unusual stream is left as it is).
        with suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")
    return SafeStream(stream)  # type: ignore[return-value]


@contextmanager
def filtered_output() -> Iterator[None]:
    """Escape control characters in all of ``sys.stdout`` and ``sys.stderr`` while inside."""
    saved = sys.stdout, sys.stderr
    sys.stdout = _wrap(sys.stdout)  # type: ignore[assignment]
    sys.stderr = _wrap(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(ValueError, OSError):
                stream.flush()
        sys.stdout, sys.stderr = saved


__all__ = ["SafeStream", "escape_controls", "filtered_output"]
