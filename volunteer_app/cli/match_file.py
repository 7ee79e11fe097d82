"""``volunteer-app match``: the engine on an instance file, no database.

Kept apart from the other commands, which need the services and a database: ``main_match``
runs this one command with nothing else loaded, so a big file is solved without paying for
the rest of the program's start-up (see ``volunteer_app.cli.main``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from volunteer_app import __version__
from volunteer_app.domain.timefmt import duration_text, moment_text, task_time_text

if TYPE_CHECKING:
    from volunteer_app.matching import Explanation

EXIT_USAGE = 2


class MatchInputError(ValueError):
    """A file that cannot be read or solved as asked: one line, exit status 2."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "match",
        parents=[common],
        help="run the matching engine on an instance file (no database)",
        description="Solve a matching instance file (format: volunteer-app.matching-instance v1) "
        "and print or write the result (volunteer-app.matching-result v1).",
    )
    p.add_argument("instance", type=Path, metavar="INSTANCE.json")
    p.add_argument("-o", "--output", type=Path, metavar="RESULT.json", help="write the result here (default: stdout)")
    p.add_argument(
        "--explain",
        nargs=2,
        metavar=("VOLUNTEER", "TASK"),
        help="say which rule keeps this volunteer off this task, or what placing them there would "
        "displace and cost (the result goes to -o if given, else is not printed)",
    )
    p.set_defaults(handler=run_match)


def run_match(args: argparse.Namespace, ctx: object = None) -> int:
    """Solve the instance file; print or write the result, or the explanation asked for."""
    from volunteer_app import matching

    try:
        instance = matching.load_instance(args.instance)
    except matching.InstanceError as exc:
        raise MatchInputError(f"{args.instance}: {exc}") from None
    except OSError as exc:
        raise MatchInputError(f"cannot read {args.instance}: {exc.strerror or exc}") from None
    result = matching.assign(instance)
    data = matching.result_to_json(result)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.explain:
        try:
            why = matching.explain(instance, result, *args.explain)
        except matching.ExplainError as exc:
            raise MatchInputError(f"{args.instance}: {exc.args[0]}") from None
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        print(explanation_text(why))
        return 0
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(
            f"{len(data['assignments'])} placements, objective {data['objective']:.3f}, "
            f"{sum(data['unfilled'].values())} slots open -> {args.output}",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


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
    args = parser.parse_args(list(argv))
    try:
        return run_match(args)
    except MatchInputError as exc:
        print(f"volunteer-app: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("volunteer-app: interrupted", file=sys.stderr)
        return 130
