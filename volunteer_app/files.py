"""Reading a file a person named: bounded, and one sentence when it cannot be what was asked for.

Every command and dialog that reads a file someone names (a certificate to verify, a statement,
a key, a checkpoint, a seal, a password file, a spreadsheet) reads it through ``read_bytes`` or
``read_text``: a folder, a device such as ``/dev/zero``, a file larger than the limit or an
endless pipe is refused with ``FileProblem`` (a ``ValueError`` whose message names the file),
never read into memory without end. Pipes (``<(...)``) are read up to the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The most any named file may hold unless a caller says otherwise (a spreadsheet of 100,000 rows
#: is about 20 MB; a certificate PDF or photo a few MB).
DEFAULT_LIMIT = 64 * 1024 * 1024
#: Small files: keys, checkpoints, password files.
SMALL_LIMIT = 1024 * 1024


class FileProblem(ValueError):
    """A named file that cannot be read as asked (missing, a folder, a device, too large, not text)."""


def _size_text(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def check_readable(path: str | os.PathLike[str], *, limit: int = DEFAULT_LIMIT, what: str = "the file") -> Path:
    """``path`` expanded, after checking it is a regular file (or a pipe) of at most ``limit`` bytes."""
    path = Path(path).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileProblem(f"there is no file {path} ({what})") from None
    except OSError as exc:
        raise FileProblem(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(f"{what} {path} is a folder, not a file")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise FileProblem(f"{what} {path} is not a regular file (a device or a socket)")
    if info.st_size > limit:
        raise FileProblem(f"{what} {path} holds {_size_text(info.st_size)}; at most {_size_text(limit)} is read")
    return path


def read_bytes(path: str | os.PathLike[str], *, limit: int = DEFAULT_LIMIT, what: str = "the file") -> bytes:
    """The content of a named file, at most ``limit`` bytes (``FileProblem`` otherwise)."""
    checked = check_readable(path, limit=limit, what=what)
    try:
        with checked.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileProblem(f"{what} {checked} cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileProblem(f"{what} {checked} holds more than {_size_text(limit)}; at most that is read")
    return data


def read_text(path: str | os.PathLike[str], *, limit: int = SMALL_LIMIT, what: str = "the file") -> str:
    """A named UTF-8 text file (a byte order mark is skipped), at most ``limit`` bytes."""
    data = read_bytes(path, limit=limit, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{what} {Path(path).expanduser()} is not UTF-8 text (byte {exc.start})") from None


__all__ = ["DEFAULT_LIMIT", "SMALL_LIMIT", "FileProblem", "check_readable", "read_bytes", "read_text"]
