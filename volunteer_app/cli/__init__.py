"""The ``volunteer-app`` command: the desktop window, or headless subcommands.

Thin by design: each subcommand parses its arguments and calls one service.
User errors (bad arguments, bad input, refused permissions) print one line
``volunteer-app: error: ...`` and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from volunteer_app import __version__

if TYPE_CHECKING:
    from volunteer_app.cli.context import CliContext

EXIT_USAGE = 2  # as cli.context.EXIT_USAGE (not imported here: see build_parser)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One clear line and status 2 (argparse would also print the whole usage).
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    # The command modules load the services (SQLAlchemy and more): imported here, not at the
    # top, so `volunteer-app match` can start without them (see ``main``).
    from volunteer_app.cli import (
        account_commands,
        certificate_commands,
        db_commands,
        demo_command,
        geocode_command,
        hours_commands,
        import_commands,
        keys_commands,
        ledger_commands,
        match_commands,
        profile_commands,
        report_commands,
        roster_commands,
        schedule_commands,
        server_commands,
        signup_commands,
        statement_commands,
        task_commands,
    )

    # One module per group of commands, each with a ``register(subparsers, common)``.
    command_modules = (
        db_commands,
        server_commands,
        account_commands,
        demo_command,
        match_commands,
        geocode_command,
        profile_commands,
        signup_commands,
        schedule_commands,
        hours_commands,
        task_commands,
        roster_commands,
        import_commands,
        report_commands,
        ledger_commands,
        keys_commands,
        certificate_commands,
        statement_commands,
    )
    # Options every command takes, before or after its name (`volunteer-app db status --database URL`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--version", action="version", version=f"volunteer-app {__version__}")
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="SQLAlchemy database URL (default: $VOLUNTEER_APP_DATABASE_URL, the Settings, "
        "or a SQLite file in the app home)",
    )
    parser = _Parser(
        prog="volunteer-app",
        description="Micro-volunteering: match volunteers with nearby small tasks and keep verified hours.",
        parents=[common],
        epilog="Without a command the desktop window opens.",
    )
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    gui = subparsers.add_parser("gui", parents=[common], help="open the desktop window (the default)")
    gui.set_defaults(handler=_run_gui)
    for module in command_modules:
        module.register(subparsers, common)
    return parser


def _run_gui(args: argparse.Namespace, ctx: CliContext) -> int:
    from volunteer_app.cli.context import UsageError

    if no_display():
        # Qt would abort the process with a plugin error; say what is wrong instead.
        raise UsageError(
            "no screen to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): run it in a desktop "
            "session, or use a command such as `volunteer-app db status` (see --help)"
        )
    from volunteer_app.gui.app import run_gui  # Qt is imported only when the window is wanted

    return run_gui(database_url=ctx.database_url, argv=sys.argv[:1])


def no_display() -> bool:
    """True on Linux and other X11/Wayland systems when no display is reachable and no platform is forced."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    from volunteer_app.cli.terminal import filtered_output

    # Everything printed from here on passes the control-character filter (cli/terminal.py):
    # titles, names and geocoder answers come from other people and must not drive the terminal.
    with filtered_output():
        return _run_command(words, argv)


def _run_command(words: list[str], argv: Sequence[str] | None) -> int:
    if words[:1] == ["match"]:
        # The one command that needs no database: run it without loading the rest.
        from volunteer_app import paths
        from volunteer_app.cli.match_file import main_match

        # Its result names volunteers and distances from their homes: the owner's only, as every file the app makes.
        previous = paths.private_umask()
        try:
            return main_match(words)
        finally:
            if previous is not None:
                os.umask(previous)
    if words[:1] == ["--selftest"]:
        # The installed app checks itself headless (forms, pages, translations, a certificate): issue 13.
        from volunteer_app.gui.selftest import main as selftest

        return selftest(words)
    from volunteer_app.cli.context import CliContext, report_error

    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args)
    handler = getattr(args, "handler", _run_gui)
    try:
        return int(handler(args, ctx) or 0)
    except KeyboardInterrupt:
        print("volunteer-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - user errors become one line; bugs keep their traceback
        code = report_error(exc)
        if code is None:
            raise
        return code
    finally:
        ctx.close()


def __getattr__(name: str) -> object:
    # ``UsageError`` stays importable from here without loading cli.context at start-up.
    if name == "UsageError":
        from volunteer_app.cli.context import UsageError

        return UsageError
    raise AttributeError(name)


__all__ = ["main", "build_parser", "UsageError"]
