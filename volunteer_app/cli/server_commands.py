"""``volunteer-app server init|check``: set up and check a shared PostgreSQL server (issue 12).

``server init`` runs once, with a superuser (or a role that may create roles and owns the
database) in ``--database``; it is idempotent. docs/shared-server.md and the README's
"Running a shared server" say what it makes and what each role may do.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from volunteer_app import files
from volunteer_app.cli.context import CliContext, UsageError
from volunteer_app.services import database_location, shared_server, storage

#: Where ``server init`` may read the owner's new password from, besides ``--owner-password-file``.
OWNER_PASSWORD_ENV = "VOLUNTEER_APP_OWNER_PASSWORD"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("server", parents=[common], help="set up and check a shared PostgreSQL server")
    sub = group.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = sub.add_parser(
        "init",
        parents=[common],
        help="make the schema, roles, grants and row-level security of a shared server (idempotent)",
        description="Run once by whoever administers the PostgreSQL server, with a superuser (or a role that "
        "may create roles and owns the database) in --database. Makes the schema, the owner role that alone "
        "migrates, group roles for volunteers, coordinators and administrators, and the row-level security "
        "policies, and revokes everything from PUBLIC. Running it again changes nothing it made. The owner "
        f"may log in with the password from --owner-password-file or ${OWNER_PASSWORD_ENV} (none: it cannot "
        "log in; members of it act as it).",
    )
    init.add_argument("--owner-password-file", type=Path, metavar="FILE",
                      help="the owner role's password, from the first line of FILE")  # fmt: skip
    init.set_defaults(handler=_init)
    check = sub.add_parser(
        "check",
        parents=[common],
        help="say what server init would still have to make (exit 1 when something is missing)",
    )
    check.set_defaults(handler=_check)


def _url(ctx: CliContext) -> str:
    url = ctx.database_url
    database_location.check(url, contents=False)
    if storage.sqlite_file(url) is not None or not url.startswith("postgresql"):
        raise UsageError("a shared server is a PostgreSQL database: give its URL with --database")
    if shared_server.is_shared_server_url(url):
        raise UsageError(
            "name the server's administrator in the URL (postgresql+psycopg://USER@HOST/DATABASE); "
            "a desktop's URL without a user signs people in, it does not set up the server"
        )
    return url


def _owner_password(args: argparse.Namespace) -> str | None:
    if args.owner_password_file is not None:
        line = files.read_text(args.owner_password_file, what="owner password file").splitlines()
        password = line[0] if line else ""
    else:
        password = os.environ.get(OWNER_PASSWORD_ENV, "")
    if not password:
        return None
    if len(password) < 12:
        raise UsageError("the owner's password must be at least 12 characters long")
    return password


def _init(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(ctx)
    report = shared_server.initialise(url, _owner_password(args))
    roles = report.roles
    made = ", ".join(report.created) if report.created else "none (they existed)"
    print(f"shared server ready: {storage.describe_url(url)}")
    print(f"  roles made: {made}")
    print(f"  owner (migrates, backs up): {roles.owner}")
    print(f"  groups: {', '.join(roles.groups)}")
    print(f"  desktops connect with: {shared_server.desktop_url(url)}")
    problems = shared_server.check(url)
    for line in problems:
        print(f"  still missing: {line}", file=sys.stderr)
    return 1 if problems else 0


def _check(args: argparse.Namespace, ctx: CliContext) -> int:
    url = _url(ctx)
    problems = shared_server.check(url)
    if not problems:
        print(f"{storage.describe_url(url)}: the shared server is set up (roles, grants, row-level security)")
        return 0
    for line in problems:
        print(line)
    print("run `volunteer-app server init` with the same --database to make what is missing", file=sys.stderr)
    return 1
