"""``volunteer-app admin create``: the first administrator (or more, by an administrator)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from volunteer_app.cli.context import PASSWORD_ENV, CliContext, UsageError
from volunteer_app.services import accounts


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    admin = subparsers.add_parser("admin", parents=[common], help="administrator accounts")
    sub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "create",
        parents=[common],
        help="create an administrator; on an empty database this is the first account",
        description=f"The new account's password comes from ${PASSWORD_ENV} or a prompt. "
        "Once accounts exist, only an administrator (--user) may add another.",
    )
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True, help="display name")
    p.add_argument("--user", metavar="EMAIL", help="an existing administrator, when the database has accounts")
    p.set_defaults(handler=_create)


def _new_password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise UsageError(f"no password given: set {PASSWORD_ENV} or run in a terminal")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise UsageError("the two passwords differ")
    return first


def _create(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database()
    if not accounts.has_any_account(db):
        actor = accounts.create_first_admin(db, args.email, args.name, _new_password())
        print(f"created the first administrator {actor.email}")
        return 0
    if not args.user:
        raise UsageError("this database has accounts already: name an administrator with --user")
    admin = ctx.actor()
    # The admin's own password was read for signing in; the new account's must be typed separately.
    password = getpass.getpass("New account's password: ") if sys.stdin.isatty() else _new_password()
    accounts.create_account(db, admin, args.email, args.name, password, is_admin=True)
    print(f"created administrator {args.email.strip().lower()}")
    return 0
