"""The offline gazetteer: every city of 15,000+ people, by English, pinyin or Chinese name.

The data is GeoNames' cities15000 (CC BY 4.0), reduced by
``scripts/build_gazetteer.py`` to a small gzip'd TSV under
``resources/gazetteer/``. It is read once, on first use, from whichever thread
asks first; later lookups are dictionary hits.
"""

from __future__ import annotations

import bisect
import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from volunteer_app.geo.model import Place
from volunteer_app.geo.names import has_han, is_han, name_key, without_tone_digits

#: Where the shipped file sits under the resources folder (``paths.resource_path(*RESOURCE)``).
RESOURCE = ("gazetteer", "cities15000.tsv.gz")
ATTRIBUTION = (
    "Offline place names: GeoNames (https://www.geonames.org/), "
    "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)

# Match tiers, best first.
_PRIMARY, _ALTERNATE, _PARTIAL = 0, 1, 2
_MIN_PREFIX = 3
_MAX_HAN_RUN = 8


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    asciiname: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    population: int
    #: The shipped alternate names, '|'-joined (one string per city keeps memory low).
    alternate_names: str = ""

    @property
    def alternates(self) -> tuple[str, ...]:
        """Alternate names: Latin-script spellings (English, pinyin, ...) and Chinese names."""
        return tuple(a for a in self.alternate_names.split("|") if a)

    @property
    def name_zh(self) -> str | None:
        """The first name written wholly in Chinese characters ('杭州'), if the data has one."""
        return next((a for a in self.alternates if all(is_han(ch) for ch in a)), None)

    def to_place(self) -> Place:
        return Place(
            name=self.name,
            latitude=self.latitude,
            longitude=self.longitude,
            source="gazetteer",
            precision="city",
            country_code=self.country_code or None,
            display_name=f"{self.name}, {self.country_code}" if self.country_code else self.name,
        )


def _parse_line(line: str) -> tuple[City, list[str]]:
    gid, name, asciiname, lat, lon, cc, admin1, pop, alts = line.rstrip("\n").split("\t")
    city = City(
        geonameid=int(gid),
        name=name,
        asciiname=asciiname or name,
        latitude=float(lat),
        longitude=float(lon),
        country_code=cc,
        admin1=admin1,
        population=int(pop),
        alternate_names=alts,
    )
    return city, [a for a in alts.split("|") if a]


class Gazetteer:
    """Cities by name, from a file in the format ``scripts/build_gazetteer.py`` writes.

    ``geo`` does not locate bundled resources itself (that is ``volunteer_app.paths``'
    job, outside this layer): ``services.places.shipped_gazetteer()`` passes the
    shipped file's path and shares one instance per process.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._cities: list[City] | None = None
        # key -> the matching cities, each as ``city index * 4 + tier`` (a bare int for the usual single hit).
        self._index: dict[str, int | tuple[int, ...]] = {}
        self._sorted_keys: list[str] = []

    def _load(self) -> list[City]:
        if self._cities is not None:
            return self._cities
        with self._lock:
            if self._cities is None:
                cities: list[City] = []
                index: dict[str, int | tuple[int, ...]] = {}
                with gzip.open(self.path, "rt", encoding="utf-8") as fh:
                    for line in fh:
                        if line.startswith("#") or not line.strip():
                            continue
                        city, alternates = _parse_line(line)
                        i = len(cities)
                        cities.append(city)
                        seen: set[str] = set()
                        for tier, names in ((_PRIMARY, (city.name, city.asciiname)), (_ALTERNATE, alternates)):
                            for n in names:
                                key = name_key(n)
                                if key and key not in seen:  # primary names come first, so keep the best tier
                                    seen.add(key)
                                    entry = i * 4 + tier
                                    old = index.get(key)
                                    index[key] = entry if old is None else (*_entries(old), entry)
                self._index = index
                self._sorted_keys = sorted(index)
                self._cities = cities
        return self._cities

    def __len__(self) -> int:
        return len(self._load())

    def __iter__(self) -> Iterator[City]:
        return iter(self._load())

    def search_cities(self, query: str, limit: int | None = 10) -> list[City]:
        """Cities matching ``query``: exact names first (primary, then alternate), then partial; by population."""
        cities = self._load()
        scored: dict[int, int] = {}
        for part in self._query_parts(query):
            hits = self._exact(part)
            if not hits:
                hits = self._partial(part)
            for i, tier in hits.items():
                if scored.get(i, _PARTIAL + 1) > tier:
                    scored[i] = tier
            if scored:
                break
        ranked = sorted(scored, key=lambda i: (scored[i], -cities[i].population, cities[i].geonameid))
        if limit is not None:
            ranked = ranked[:limit]
        return [cities[i] for i in ranked]

    def search(self, query: str, limit: int | None = 10) -> list[Place]:
        """Like ``search_cities``, as ``Place`` candidates (source 'gazetteer', precision 'city')."""
        return [c.to_place() for c in self.search_cities(query, limit)]

    @staticmethod
    def _query_parts(query: str) -> list[str]:
        # "Hangzhou, Zhejiang, China" or "12 Main St, Springfield": the whole text, then each part.
        parts = [query]
        for sep in (",", "，", "、"):
            if sep in query:
                parts.extend(p for p in query.replace("，", ",").replace("、", ",").split(",") if p.strip())
                break
        return parts

    def _exact(self, text: str) -> dict[int, int]:
        key = name_key(text)
        if not key:
            return {}
        hits = self._index.get(key)
        if hits is None and key != without_tone_digits(key):
            hits = self._index.get(without_tone_digits(key))
        return _decode(hits)

    def _partial(self, text: str) -> dict[int, int]:
        key = name_key(text)
        found: dict[int, int] = {}
        if not key:
            return found
        if has_han(key):
            # Chinese addresses run together: 浙江省杭州市西湖区 holds 杭州. Longest known name wins.
            runs = _han_runs(key)
            for length in range(min(_MAX_HAN_RUN, max((len(r) for r in runs), default=0)), 1, -1):
                for run in runs:
                    for start in range(len(run) - length + 1):
                        for i in _decode(self._index.get(run[start : start + length])):
                            found.setdefault(i, _PARTIAL)
                if found:
                    break
            return found
        if len(key) >= _MIN_PREFIX:
            # Someone still typing: "hangz" -> Hangzhou.
            pos = bisect.bisect_left(self._sorted_keys, key)
            while pos < len(self._sorted_keys) and self._sorted_keys[pos].startswith(key):
                for i in _decode(self._index[self._sorted_keys[pos]]):
                    found.setdefault(i, _PARTIAL)
                pos += 1
        return found


def _entries(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,)


def _decode(value: int | tuple[int, ...] | None) -> dict[int, int]:
    """{city index: tier} from an index entry."""
    return {} if value is None else {e // 4: e % 4 for e in _entries(value)}


def _han_runs(key: str) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for ch in key:
        if is_han(ch):
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs
