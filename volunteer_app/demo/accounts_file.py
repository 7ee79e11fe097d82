"""The demo accounts, kept in the app home so a second start does not leave anyone locked out.

``volunteer-app demo`` prints the accounts it made once; it also writes them to
``demo-accounts.txt`` in the app home (readable by the user alone, mode 0600 on
POSIX), with the database they belong to. A later ``demo --if-empty`` over that
database prints them again from the file. The passwords are demo passwords,
printed in the clear by design; the file holds nothing else.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from volunteer_app import paths
from volunteer_app.demo.community import DemoAccount

FILE_NAME = "demo-accounts.txt"
_DATABASE_PREFIX = "# database: "
HEADER = ("ROLE", "ORGANISATION", "EMAIL", "PASSWORD")
#: Said in ``volunteer-app demo``'s output and in the file: the demo's hashes are light on purpose.
HASH_NOTE = (
    "stored with a light Argon2 hash for speed (weaker against guessing than a real account's); "
    "each account's first sign-in re-hashes its password with the full settings"
)


@dataclass(frozen=True)
class KeptAccounts:
    path: Path
    database: str  # the database the accounts belong to (password hidden)
    table: list[str]  # the account lines as printed, header first


def accounts_path() -> Path:
    return paths.app_home() / FILE_NAME


def table_lines(accounts: Sequence[DemoAccount]) -> list[str]:
    """The account list as the CLI prints it: aligned columns (Chinese characters take two)."""
    rows = [HEADER, *((a.roles_text, a.organisation or "-", a.email, a.password) for a in accounts)]
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    return ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=False)) + "  " + row[3] for row in rows]


def write(accounts: Sequence[DemoAccount], database: str, *, path: Path | None = None) -> Path:
    """Keep ``accounts`` (of ``database``) in the app home, replacing an older list; returns the file."""
    path = path or accounts_path()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join(
        [
            "# volunteer-app demo accounts: demo passwords, printed in the clear by design.",
            f"# passwords: {HASH_NOTE}.",
            f"{_DATABASE_PREFIX}{database}",
            f"# made: {stamp}",
            *table_lines(accounts),
            "",
        ]
    )
    tmp = path.with_name(path.name + ".tmp")
    # Created 0600 from the start (not chmod-ed afterwards), so nobody else can read it even briefly.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    if os.name == "posix":
        tmp.chmod(0o600)  # in case the file existed with wider rights
    os.replace(tmp, path)
    return path


def read(path: Path | None = None) -> KeptAccounts | None:
    """The kept accounts, or None when there is no readable file."""
    path = path or accounts_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    database = next((line[len(_DATABASE_PREFIX) :] for line in lines if line.startswith(_DATABASE_PREFIX)), "")
    table = [line for line in lines if line.strip() and not line.startswith("#")]
    return KeptAccounts(path, database, table)


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


__all__ = ["FILE_NAME", "HASH_NOTE", "KeptAccounts", "accounts_path", "read", "table_lines", "write"]
