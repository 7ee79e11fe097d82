"""``volunteer-app admin create``: the first administrator (or more, by an administrator).

Where the new account's password comes from:

* the first administrator (an empty database, no ``--user``): ``--password-file``,
  else ``$VOLUNTEER_APP_PASSWORD``, else a prompt (twice) on a terminal;
* another administrator, made by one who signs in with ``--user``: the environment
  variable is the acting administrator's own password, so it is never used for the
  new account. ``--password-file``, else a prompt (twice) on a terminal, else a
  generated strong password printed once.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
from pathlib import Path

from volunteer_app import files
from volunteer_app.cli.context import PASSWORD_ENV, CliContext, UsageError, add_user_option
from volunteer_app.domain.enums import Role
from volunteer_app.services import accounts, organisations

#: ``secrets.token_urlsafe(18)``: 24 characters, 144 random bits.
GENERATED_BYTES = 18


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    _register_password(subparsers, common)
    admin = subparsers.add_parser("admin", parents=[common], help="administrator accounts")
    sub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "create",
        parents=[common],
        help="create an administrator; on an empty database this is the first account",
        description="On an empty database this makes the first administrator, whose password comes from "
        f"--password-file, ${PASSWORD_ENV} or a prompt. Once accounts exist, only an administrator "
        f"(--user, signing in with ${PASSWORD_ENV} or a prompt) may add another; the new account's "
        "password then comes from --password-file, a prompt on a terminal, or is generated and printed once.",
    )
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True, help="display name")
    p.add_argument("--user", metavar="EMAIL", help="an existing administrator, when the database has accounts")
    p.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="read the new account's password from the first line of FILE",
    )
    p.set_defaults(handler=_create)
    _register_accounts(subparsers, common)


def _register_accounts(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:  # fmt: skip
    group = subparsers.add_parser("accounts", parents=[common], help="invite people and remove accounts")
    sub = group.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    invite = sub.add_parser(
        "invite",
        parents=[common],
        help="make an account with a role in an organisation (on a shared server, with its own login)",
        description="A site administrator (or an organisation's admin, for that organisation) makes an account "
        "and gives it a role. The new person's password comes from --password-file, or is generated and "
        "printed once, to be passed on safely; they change it with `volunteer-app password`.",
    )
    invite.add_argument("email", metavar="EMAIL")
    invite.add_argument("--name", help="display name (default: the part of the email before @)")
    invite.add_argument("--organisation", required=True, metavar="NAME", help="the organisation's name or id")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--password-file", type=Path, metavar="FILE",
                        help="the new account's password, from the first line of FILE")  # fmt: skip
    add_user_option(invite)
    invite.set_defaults(handler=_invite)
    remove = sub.add_parser(
        "remove",
        parents=[common],
        help="close an account: it can no longer sign in (its hours and history stay)",
    )
    remove.add_argument("email", metavar="EMAIL")
    add_user_option(remove)
    remove.set_defaults(handler=_remove)


def _invite(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database()
    actor = ctx.actor()
    org = organisations.find_organisation(db, actor, args.organisation)
    password = _from_file(args.password_file) if args.password_file is not None else None
    if password is not None and ctx.is_actor_password(password):
        raise UsageError("the new account's password is the same as yours: give them one of their own")
    name = args.name if args.name is not None else args.email.strip().split("@", 1)[0]
    invited = accounts.invite(db, actor, args.email, name, org.id, Role(args.role), password=password)
    print(f"invited {invited.email} as {args.role} of {org.name}")
    if invited.password is not None:
        print(f"password (shown this once; pass it on safely): {invited.password}")
    return 0


def _remove(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database()
    accounts.remove(db, ctx.actor(), args.email)
    print(f"removed {args.email.strip().lower()}: it can no longer sign in")
    return 0


def _register_password(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:  # fmt: skip
    p = subparsers.add_parser(
        "password",
        parents=[common],
        help="change your own password (e.g. the one an import or the demo gave you)",
        description=f"Signs in as --user with the current password (${PASSWORD_ENV} or a prompt); the new one "
        "comes from --new-password-file or a prompt typed twice. Your keys are re-wrapped with it.",
    )
    p.add_argument("--new-password-file", type=Path, metavar="FILE",
                   help="read the new password from the first line of FILE")  # fmt: skip
    add_user_option(p)
    p.set_defaults(handler=_change_password)


def _change_password(args: argparse.Namespace, ctx: CliContext) -> int:
    actor = ctx.actor()
    if args.new_password_file is not None:
        new = _from_file(args.new_password_file)
    elif sys.stdin.isatty():
        new = _prompt_twice("New password: ")
    else:
        raise UsageError("no new password: use --new-password-file FILE or run in a terminal")
    current = ctx.actor_password()
    accounts.change_password(ctx.database(), actor, current, new)
    print(f"the password of {actor.email} is changed")
    return 0


def _from_file(path: Path) -> str:
    try:
        lines = files.read_text(path, limit=64 * 1024, what="the password file").splitlines()
    except files.FileProblem as exc:
        raise UsageError(str(exc)) from None
    password = lines[0] if lines else ""
    if not password:
        raise UsageError(f"the password file {path} is empty: put the password on its first line")
    return password


def _prompt_twice(prompt: str) -> str:
    first = getpass.getpass(prompt)
    if getpass.getpass("Repeat it: ") != first:
        raise UsageError("the two passwords differ")
    return first


def _first_admin_password(args: argparse.Namespace) -> str:
    if args.password_file is not None:
        return _from_file(args.password_file)
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise UsageError(f"no password given: use --password-file FILE, set {PASSWORD_ENV}, or run in a terminal")
    return _prompt_twice("New password: ")


def _new_admin_password(args: argparse.Namespace) -> tuple[str, bool]:
    """The new account's password and whether it was generated (then it is printed once)."""
    if args.password_file is not None:
        return _from_file(args.password_file), False
    if sys.stdin.isatty():
        return _prompt_twice(f"Password for the new account {args.email.strip()}: "), False
    return secrets.token_urlsafe(GENERATED_BYTES), True


def _create(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.database()
    if not accounts.has_any_account(db):
        actor = accounts.create_first_admin(db, args.email, args.name, _first_admin_password(args))
        print(f"created the first administrator {actor.email}")
        return 0
    if not args.user:
        raise UsageError("this database has accounts already: name an administrator with --user")
    admin = ctx.actor()  # signs in with $VOLUNTEER_APP_PASSWORD or a prompt: the acting admin's password
    password, generated = _new_admin_password(args)
    if ctx.is_actor_password(password):
        raise UsageError("the new administrator's password is the same as yours: give them one of their own")
    accounts.create_account(db, admin, args.email, args.name, password, is_admin=True)
    print(f"created administrator {args.email.strip().lower()}")
    if generated:
        print(f"password (shown this once; pass it on safely): {password}")
    return 0
