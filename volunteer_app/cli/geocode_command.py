"""``volunteer-app geocode "QUERY"``: candidate places with their source and precision.

Needs no sign-in (it reads no personal data) but uses the database's geocode
cache. Exit 0 with candidates (a warning on stderr when the online geocoder
could not be used), 1 when nothing was found anywhere.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata

from volunteer_app.cli.arguments import whole_number
from volunteer_app.cli.context import CliContext, UsageError
from volunteer_app.cli.terminal import escape_controls
from volunteer_app.services import faults
from volunteer_app.services.places import GeocodeAnswer, Place, find_places, make_geocoder
from volunteer_app.services.storage import Database

EXIT_NOT_FOUND = 1
MAX_LIMIT = 40


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "geocode",
        parents=[common],
        help="find places for an address, a city or coordinates",
        description="Look a place up: typed coordinates, then the cache, then the online geocoder "
        "($VOLUNTEER_APP_NOMINATIM_URL, the Settings, or the public Nominatim), then the offline city list.",
    )
    p.add_argument("query", metavar="QUERY", help='an address, a city (杭州, Hangzhou) or "lat, lon"')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=whole_number, default=5, metavar="N", help="at most N candidates (default 5)")
    p.add_argument("--offline", action="store_true", help="do not ask the online geocoder")
    p.set_defaults(handler=_geocode)


def _geocode(args: argparse.Namespace, ctx: CliContext) -> int:
    query = " ".join(str(args.query).split())
    if not query:
        raise UsageError("the query is empty: type an address, a city or 'lat, lon'")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}, not {args.limit}")
    db: Database | None
    try:
        db = ctx.database()
    except Exception as exc:
        fault = faults.classify(exc)
        if not fault.is_environment:
            raise
        # The cache is a convenience: geocoding still works without the database.
        print(f"volunteer-app: warning: geocode cache unavailable ({_first_line(fault.details)})", file=sys.stderr)
        db = None
    geocoder = make_geocoder(db, offline=True if args.offline else None)
    answer = find_places(geocoder, query, limit=args.limit)
    if args.json:
        ctx.print_json(answer.to_dict())
    else:
        if answer.candidates:
            print(_table(answer.candidates))
    if answer.warning:
        note = " Showing cities from the offline list." if answer.source == "gazetteer" else ""
        print(f"volunteer-app: warning: {answer.warning}{note}", file=sys.stderr)
    if not answer.candidates:
        print(f"volunteer-app: error: no place found for {query!r}; type coordinates as 'lat, lon'", file=sys.stderr)
        return EXIT_NOT_FOUND
    return 0


def _table(places: list[Place]) -> str:
    headers = ("#", "name", "latitude", "longitude", "source", "precision", "country")
    # Names come from the geocoder: escaped here (as the terminal filter would) so columns line up.
    rows = [
        (
            str(i),
            escape_controls(p.name),
            f"{p.latitude:.6f}",
            f"{p.longitude:.6f}",
            p.source,
            p.precision,
            escape_controls(p.country_code or ""),
        )
        for i, p in enumerate(places, 1)
    ]
    widths = [max(_width(r[c]) for r in (headers, *rows)) for c in range(len(headers))]
    numeric = {0, 2, 3}

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for c, cell in enumerate(cells):
            pad = " " * (widths[c] - _width(cell))
            out.append(pad + cell if c in numeric else cell + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or ["unknown problem"])[0][:200]


__all__ = ["register", "GeocodeAnswer"]
