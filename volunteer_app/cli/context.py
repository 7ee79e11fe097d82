"""What every subcommand shares: the database, the signed-in person, output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from sqlalchemy.exc import OperationalError

from volunteer_app.services.accounts import Actor, sign_in
from volunteer_app.services.errors import ServiceError
from volunteer_app.settings import resolve_database_url
from volunteer_app.store.database import Database, DatabaseUrlError
from volunteer_app.store.migrate import BackupNotSupported, upgrade

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

    @property
    def database_url(self) -> str:
        return resolve_database_url(getattr(self.args, "database", None))

    def database(self, *, migrate: bool = True) -> Database:
        """The database, brought to the newest schema first (as the app does at start)."""
        if self._db is None:
            self._db = Database(self.database_url)
            if migrate:
                upgrade(self._db)
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
        return self._actor

    @staticmethod
    def print_json(data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def report_error(exc: BaseException) -> int | None:
    """Print a user error as one line and return the exit status; None for a bug."""
    if isinstance(exc, (UsageError, ServiceError, DatabaseUrlError, BackupNotSupported, FileNotFoundError)):
        message = str(exc)
    elif isinstance(exc, ValueError) and type(exc).__module__.startswith("volunteer_app"):
        message = str(exc)
    elif isinstance(exc, OperationalError):
        # The environment, not a bug: server unreachable, file locked, disk full...
        message = f"database problem: {exc.orig or exc}".splitlines()[0]
        print(f"volunteer-app: error: {message}", file=sys.stderr)
        return 1
    else:
        return None
    print(f"volunteer-app: error: {message}", file=sys.stderr)
    return EXIT_USAGE
