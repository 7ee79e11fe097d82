"""``volunteer-app match``: the engine on an instance file, no database.

Kept apart from the other commands, which need the services and a database: ``main_match``
runs this one command with nothing else loaded, so a big file is solved without paying for
the rest of the program's start-up (see ``volunteer_app.cli.main``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from volunteer_app import __version__
from volunteer_app.domain import input_limits as limits
from volunteer_app.domain.input_limits import show
from volunteer_app.domain.timefmt import duration_text, moment_text, task_time_text

if TYPE_CHECKING:
    from volunteer_app.matching import Explanation, Instance

EXIT_USAGE = 2
EXIT_ENVIRONMENT = 1


class MatchInputError(ValueError):
    """A file that cannot be read or solved as asked: one line, exit status 2."""


class MatchOutputError(OSError):
    """The result cannot be written (no permission, disk full...): an environment fault, exit status 1."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "match",
        parents=[common],
        help="run the matching engine on an instance file (no database)",
        description="Solve a matching instance file (format: volunteer-app.matching-instance v1) "
        "and print or write the result (volunteer-app.matching-result v1). "
        f"Limits: the file at most {limits.MAX_FILE_BYTES // 2**20} MB of UTF-8 JSON; "
        f"at most {limits.MAX_VOLUNTEERS:,} volunteers and {limits.MAX_TASKS:,} tasks; "
        f"all date-times within {limits.MAX_SPAN.days} days of each other, in the years "
        f"{limits.MIN_YEAR}-{limits.MAX_YEAR}; a shift or window at most {limits.MAX_TASK_LENGTH.days} days; "
        f"at most {limits.MAX_FREE_INTERVALS:,} free intervals and {limits.MAX_CAPS:,} caps per volunteer; "
        f"slots 1-{limits.MAX_SLOTS:,}; radius_km at most {limits.MAX_RADIUS_KM:g}; "
        f"ids at most {limits.MAX_ID_CHARS} characters (docs/matching-format.md lists them all). "
        "A file beyond them is refused with exit status 2 before any solving.",
    )
    p.add_argument("instance", metavar="INSTANCE.json", help="the instance file, or - for standard input")
    p.add_argument("-o", "--output", type=Path, metavar="RESULT.json", help="write the result here (default: stdout)")
    p.add_argument(
        "--explain",
        nargs=2,
        metavar=("VOLUNTEER", "TASK"),
        help="say which rule keeps this volunteer off this task, or what placing them there would "
        "displace and cost (the result goes to -o if given, else is not printed)",
    )
    p.set_defaults(handler=run_match)


def _read(source: str) -> Instance:
    from volunteer_app import matching

    try:
        if source == "-":
            raw = sys.stdin.buffer.read(limits.MAX_FILE_BYTES + 1)
            return matching.decode_instance(raw, "standard input")
        return matching.load_instance(source)
    except matching.InstanceError as exc:
        where = "standard input" if source == "-" else source
        raise MatchInputError(str(exc) if exc.item == where else f"{where}: {exc}") from None
    except IsADirectoryError:
        raise MatchInputError(f"cannot read {source}: it is a folder, not an instance file") from None
    except OSError as exc:
        raise MatchInputError(f"cannot read {source}: {exc.strerror or exc}") from None


class _Output:
    """Where the result goes, checked before solving: a new file is written beside the target and
    moved over it only when complete, so a failed run never leaves half a result."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._temp: str | None = None
        try:
            if path.is_dir():
                raise MatchInputError(f"-o {path}: is a folder; name a file to write the result to")
            if path.exists() and not path.is_file():
                # /dev/null, a pipe, a terminal: written directly.
                self._fd = os.open(path, os.O_WRONLY)
                return
            parent = path.parent
            if not parent.is_dir():
                problem = "is not a folder" if parent.exists() else "does not exist"
                raise MatchInputError(f"-o {path}: {parent} {problem}")
            self._fd, self._temp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
            if path.exists():
                os.chmod(self._temp, stat.S_IMODE(path.stat().st_mode))
        except OSError as exc:
            self.discard()
            raise MatchOutputError(exc.errno, f"cannot write {path}: {exc.strerror or exc}") from None

    def write(self, text: str) -> None:
        assert self._fd is not None
        try:
            data = text.encode("utf-8")
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            if self._temp is not None:
                os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            if self._temp is not None:
                os.replace(self._temp, self.path)
                self._temp = None
        except OSError as exc:
            self.discard()
            raise MatchOutputError(exc.errno, f"cannot write {self.path}: {exc.strerror or exc}") from None

    def discard(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def run_match(args: argparse.Namespace, ctx: object = None) -> int:
    """Solve the instance file; print or write the result, or the explanation asked for.

    Every check - the file, its content, the ids of ``--explain``, the output path - comes
    before the solve, so a bad input never costs a solve."""
    from volunteer_app import matching

    instance = _read(str(args.instance))
    if args.explain:
        volunteer, task = args.explain
        if volunteer not in instance.volunteer_index():
            raise MatchInputError(f"{args.instance}: --explain: unknown volunteer id {show(volunteer)}")
        if task not in instance.task_index():
            raise MatchInputError(f"{args.instance}: --explain: unknown task id {show(task)}")
    output = _Output(args.output) if args.output else None
    try:
        result = matching.assign(instance)
        data = matching.result_to_json(result)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        why = matching.explain(instance, result, *args.explain) if args.explain else None
    except matching.ExplainError as exc:
        raise MatchInputError(f"{args.instance}: {exc.args[0]}") from None
    except BaseException:
        if output is not None:
            output.discard()
        raise
    if output is not None:
        output.write(text)
    _warn(data)
    if why is not None:
        print(explanation_text(why))
        return 0
    if output is not None:
        print(
            f"{len(data['assignments'])} placements, objective {data['objective']:.3f}, "
            f"{sum(data['unfilled'].values())} slots open -> {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def _warn(data: dict[str, Any]) -> None:
    """One line on stderr when existing placements break hard rules (details in ``warnings``)."""
    warnings = data.get("warnings")
    if not warnings:
        return
    counts = ", ".join(f"{code}: {len(items)}" for code, items in warnings.items())
    print(
        f"volunteer-app: warning: existing (fixed) placements break hard rules ({counts}); "
        'they are kept - see "warnings" in the result',
        file=sys.stderr,
    )


def _minutes_text(minutes: float) -> str:
    return duration_text(round(minutes))


def explanation_text(why: Explanation) -> str:
    """One explanation (``matching.explain``) in English sentences."""
    p = why.params
    pair = f"{why.volunteer} on {why.task}"
    if why.code == "placed":
        when = task_time_text(p["start"], p["end"], None)
        return f"{pair}: placed by the result, {when}, {p['distance_km']:.2f} km."
    if why.code == "fixed":
        return f"{pair}: already placed before this run (a fixed placement)."
    if why.code == "excluded":
        return f"{pair}: excluded - this pair is never placed (for example a proposal the volunteer declined)."
    if why.code == "no_open_slots":
        return f"{pair}: existing placements already fill all {p['slots']} places of the task."
    if why.code == "skills":
        parts = ", ".join(f"{k} (has level {has}, needs {need})" for k, (has, need) in sorted(p["missing"].items()))
        return f"{pair}: skills - {parts}."
    if why.code == "no_location":
        return f"{pair}: distance - the volunteer has no location and the task is not remote."
    if why.code == "distance":
        return f"{pair}: distance - {p['km']:.2f} km away, beyond the {p['radius_km']:g} km the volunteer travels."
    if why.code == "time":
        return f"{pair}: time - the volunteer is not free for the task's time (or for any start in its window)."
    if why.code == "cap":
        if p.get("which") == "max_minutes":
            return (
                f"{pair}: cap - the task takes {_minutes_text(p['needs'])}, but only {_minutes_text(p['left'])} "
                f"of the volunteer's {_minutes_text(p['limit'])} are left."
            )
        if "limit" in p:
            return (
                f"{pair}: cap - the task takes {_minutes_text(p['needs'])}, but only {_minutes_text(p['left'])} of "
                f"the {_minutes_text(p['limit'])} allowed from {moment_text(p['from'], None)} "
                f"to {moment_text(p['to'], None)} are left."
            )
        return f"{pair}: cap - the volunteer's caps leave no start where the task fits."
    if why.code == "fits_now":
        return (
            f"{pair}: feasible and it fits as things stand ({task_time_text(p['start'], p['end'], None)}); "
            f"the objective would rise by {p['gain']:.2f}."
        )
    if why.code == "would_displace":
        when = task_time_text(p["start"], p["end"], None)
        lines = [f"{pair}: feasible (worth {p['value']:.2f}, {when}), but it would displace:"]
        lines += [f"  {d['volunteer']} from {d['task']} (worth {d['value']:.2f})" for d in p["displaced"]]
        lines.append(
            f"The objective would change by {p['change']:.2f} "
            f"({p['change_after_refill']:.2f} once the engine re-places the displaced where it directly can)."
        )
        return "\n".join(lines)
    return f"{pair}: {why.code}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def main_match(argv: Sequence[str]) -> int:
    """``volunteer-app match ...`` on its own: the same options, help and errors as through
    the full parser, without importing the services."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--version", action="version", version=f"volunteer-app {__version__}")
    common.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="not used by match")
    parser = _Parser(prog="volunteer-app", parents=[common])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    register(subparsers, common)
    from volunteer_app.cli.terminal import filtered_output

    with filtered_output():
        args = parser.parse_args(list(argv))
        try:
            return run_match(args)
        except MatchInputError as exc:
            print(f"volunteer-app: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except MatchOutputError as exc:
            print(f"volunteer-app: error: {exc.strerror}", file=sys.stderr)
            return EXIT_ENVIRONMENT
        except MemoryError:
            print("volunteer-app: error: not enough memory to solve this instance", file=sys.stderr)
            return EXIT_ENVIRONMENT
        except KeyboardInterrupt:
            print("volunteer-app: interrupted", file=sys.stderr)
            return 130
