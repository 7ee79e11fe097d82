"""What every subcommand shares: the database, the signed-in person, output."""

from __future__ import annotations

import argparse
import getpass
import hmac
import json
import os
import sys
from typing import Any

from volunteer_app.services import faults, storage
from volunteer_app.services.accounts import Actor, sign_in
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import BackupError, BackupNotSupported, Database, DatabaseUrlError
from volunteer_app.settings import resolve_database_url

EXIT_USAGE = 2
PASSWORD_ENV = "VOLUNTEER_APP_PASSWORD"


class UsageError(Exception):
    """A problem with what the user typed; printed as one line, exit status 2."""


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="EMAIL",
        required=True,
        help=f"act as this account; the password comes from ${PASSWORD_ENV} or a prompt",
    )


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Database | None = None
        self._actor: Actor | None = None
        self._actor_password: str | None = None

    @property
    def database_url(self) -> str:
        return resolve_database_url(getattr(self.args, "database", None))

    def database(self, *, migrate: bool = True) -> Database:
        """The database, brought to the newest schema first (as the app does at start)."""
        if self._db is None:
            url = self.database_url
            self._db = storage.open_database(url) if migrate else storage.connect(url)
        return self._db

    def actor(self) -> Actor:
        """Sign in as ``--user`` with the password from the environment or a prompt."""
        if self._actor is None:
            email = self.args.user
            password = os.environ.get(PASSWORD_ENV)
            if password is None:
                if not sys.stdin.isatty():
                    raise UsageError(f"no password for {email}: set {PASSWORD_ENV} or run in a terminal")
                password = getpass.getpass(f"Password for {email}: ")
            self._actor = sign_in(self.database(), email, password)
            self._actor_password = password
        return self._actor

    def actor_password(self) -> str:
        """The password ``--user`` signed in with (after ``actor()``)."""
        if self._actor_password is None:
            raise UsageError("sign in first")
        return self._actor_password

    def is_actor_password(self, candidate: str) -> bool:
        """Whether ``candidate`` is the password ``--user`` signed in with (a new account must not reuse it)."""
        if self._actor_password is None:
            return False
        return hmac.compare_digest(candidate.encode("utf-8"), self._actor_password.encode("utf-8"))

    @staticmethod
    def print_json(data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def report_error(exc: BaseException) -> int | None:
    """Print a user error as one line and return the exit status; None for a bug."""
    if isinstance(
        exc, (UsageError, ServiceError, DatabaseUrlError, BackupNotSupported, BackupError, FileNotFoundError)
    ):
        message = str(exc)
    elif isinstance(exc, ValueError) and type(exc).__module__.startswith("volunteer_app"):
        message = str(exc)
    else:
        fault = faults.classify(exc)
        if not fault.is_environment:
            return None
        # The environment, not a bug: server unreachable, file locked, disk full...
        what = "" if isinstance(exc, OSError) else "database problem: "
        print(f"volunteer-app: error: {what}{fault.details} ({fault.sentence()})", file=sys.stderr)
        return 1
    print(f"volunteer-app: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def confirm(question: str, *, assume_yes: bool, refusal: str) -> None:
    """Ask ``question`` on a terminal (y/N); ``assume_yes`` (``--yes``) skips it.

    Without a terminal and without ``--yes`` nothing is asked: ``UsageError(refusal)``.
    Answering anything but yes is ``UsageError`` too, so nothing changes.
    """
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(refusal)
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise UsageError("not confirmed; nothing was changed")
