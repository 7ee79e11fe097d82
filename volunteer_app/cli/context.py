"""What every subcommand shares: the database, the signed-in person, output."""

from __future__ import annotations

import argparse
import getpass
import hmac
import json
import os
import sys
from typing import Any

from volunteer_app import paths
from volunteer_app.services import database_location, faults, shared_server, storage
from volunteer_app.services.accounts import Actor, sign_in
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import BackupError, BackupNotSupported, Database
from volunteer_app.settings import resolve_database_url

EXIT_USAGE = 2
PASSWORD_ENV = "VOLUNTEER_APP_PASSWORD"

#: The database this process opened last, as messages show it (password masked): named in fault lines.
_database_shown: str | None = None


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
        # Every file this run writes (database, backups, exports with home coordinates) is the
        # owner's only; the previous mask comes back in close() (tests call main() in-process).
        self._previous_umask = paths.private_umask()
        self._previous_excepthook = sys.excepthook
        install_scrubbing_excepthook()

    @property
    def database_url(self) -> str:
        return resolve_database_url(getattr(self.args, "database", None))

    def database(self, *, migrate: bool = True) -> Database:
        """The database, brought to the newest schema first (as the app does at start).

        The location is checked before anything connects (a wrong URL or path is one sentence
        naming it); ``migrate=False`` (the ``db`` commands) does not look inside an SQLite
        file, since ``db restore`` may replace a damaged one.
        """
        global _database_shown
        if self._db is None:
            url = self.database_url
            _database_shown = storage.describe_url(url)
            database_location.check(url, contents=migrate)
            if shared_server.is_shared_server_url(url):
                # A shared server: this command runs as the person's own login, never as a shared one.
                email = getattr(self.args, "user", None)
                if not email:
                    raise UsageError(
                        f"{_database_shown} is a shared server: sign in with --user EMAIL, or give the owner's "
                        "login in the URL for administration (server init, db upgrade, db backup)"
                    )
                self._db = shared_server.open_as(url, email, self._password_for(email))
            else:
                self._db = storage.open_database(url) if migrate else storage.connect(url)
        return self._db

    def _password_for(self, email: str) -> str:
        """``--user``'s password from the environment or a prompt (asked once)."""
        if self._actor_password is None:
            password = os.environ.get(PASSWORD_ENV)
            if password is None:
                if not sys.stdin.isatty():
                    raise UsageError(f"no password for {email}: set {PASSWORD_ENV} or run in a terminal")
                password = getpass.getpass(f"Password for {email}: ")
            self._actor_password = password
        return self._actor_password

    def actor(self) -> Actor:
        """Sign in as ``--user`` with the password from the environment or a prompt."""
        if self._actor is None:
            email = self.args.user
            db = self.database()
            self._actor = sign_in(db, email, self._password_for(email))
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
        try:
            if self._db is not None:
                self._db.dispose()
        finally:
            sys.excepthook = self._previous_excepthook
            if self._previous_umask is not None:
                os.umask(self._previous_umask)
                self._previous_umask = None


def report_error(exc: BaseException) -> int | None:
    """Print a user error as one line and return the exit status; None for a bug.

    Exit status 2: what the person typed or named is wrong (a usage or service error, a
    database URL or file that cannot be used, a database not of this app or made by a newer
    one). Exit status 1: the environment (server unreachable, database locked, disk full).
    No line shows a database password.
    """
    fault = faults.classify(exc)
    if isinstance(exc, (UsageError, ServiceError, BackupNotSupported, BackupError, FileNotFoundError)):
        message = str(exc)
    elif fault.kind is faults.FaultKind.USER:  # a lost race: one sentence, run it again
        message = fault.sentence()
    elif fault.is_location:
        message = _location_line(exc, fault)
    elif isinstance(exc, ValueError) and type(exc).__module__.startswith("volunteer_app"):
        message = str(exc)
    elif fault.is_environment:
        # The environment, not a bug: server unreachable, file locked, disk full...
        what = "" if isinstance(exc, OSError) else f"database {_database_shown}: " if _database_shown else ""
        _print_error(f"{what}{fault.details} ({fault.sentence()})")
        return faults.EXIT_ENVIRONMENT
    else:
        return None
    _print_error(message)
    return EXIT_USAGE


def _location_line(exc: BaseException, fault: faults.Fault) -> str:
    """One line for a database named wrong: its sentence, naming the database when the sentence does not."""
    if isinstance(exc, storage.DatabaseUrlError) or fault.kind is faults.FaultKind.NOT_APP_DATABASE:
        return str(exc)  # these sentences name the URL or the path themselves
    sentence = fault.sentence()
    return f"{_database_shown}: {sentence}" if _database_shown else sentence


def _print_error(message: str) -> None:
    # Whatever the message holds, a database password in it is masked.
    print(f"volunteer-app: error: {faults.scrub(message)}", file=sys.stderr)


def install_scrubbing_excepthook() -> None:
    """A bug's traceback (printed for the log and a report) never shows a database password."""
    sys.excepthook = faults.print_exception_scrubbed


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
