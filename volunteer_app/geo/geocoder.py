"""From what a person typed to candidate places: coordinates, cache, online, offline.

``Geocoder.geocode`` tries, in order:

1. typed coordinates ("30.27, 120.15", "30.27N 120.15E", "30°16'N 120°9'E");
2. the cache of earlier online answers (so an address never goes out twice);
3. the online geocoder (Nominatim), when one is configured and was not found
   unreachable a moment ago; its answer is cached, an empty one included
   (empty answers are asked again after ``EMPTY_ANSWER_TTL_S``);
4. the offline gazetteer of cities, with a warning saying why the online
   geocoder was not used.

Failures are never cached. ``geocode`` blocks on the network: call it from a
worker thread, never the GUI thread. It never raises for network trouble.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from typing import Any, Protocol

from geopy.point import Point

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.geo.gazetteer import Gazetteer
from volunteer_app.geo.model import GeocodeAnswer, Place
from volunteer_app.geo.names import query_key
from volunteer_app.geo.nominatim import GeocodingUnavailable, NominatimClient

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
#: How many candidates to ask the server for (and cache), whatever the caller's limit.
ONLINE_FETCH = 10
#: An empty online answer is trusted this long before the address is asked again.
EMPTY_ANSWER_TTL_S = 30 * 24 * 3600
#: After the server was unreachable or timed out, go straight to the gazetteer for this long.
RETRY_AFTER_S = 60.0
#: Degrees of latitude per metre, near enough everywhere (one degree is 110.6 to 111.7 km).
METRES_PER_DEGREE_LAT = 111_320.0


class GeocodeCache(Protocol):
    """Where online answers are kept (the database in the app; a dict in tests)."""

    def get(self, provider: str, key: str) -> dict[str, Any] | None: ...

    def put(self, provider: str, key: str, payload: dict[str, Any]) -> None: ...


class MemoryGeocodeCache:
    """A GeocodeCache in a dict: for tests and for running without a database."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, provider: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            return self.entries.get((provider, query_key(key)))

    def put(self, provider: str, key: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self.entries[(provider, query_key(key))] = payload


_DECIMAL_PAIR = re.compile(
    r"""^\s*
    (?P<lat>[-+]?\d{1,3}(?:\.\d+)?)\s*°?\s*(?P<ns>[NSns])?
    \s*(?:[,;/]\s*|\s+)
    (?P<lon>[-+]?\d{1,3}(?:\.\d+)?)\s*°?\s*(?P<ew>[EWew])?
    \s*$""",
    re.VERBOSE,
)
_DMS_CHARS = re.compile(r"""^[\d\s°º'′"″.,;NSEWnsew+-]+$""")


class CoordinatesOutOfRange(ValueError):
    pass


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``(latitude, longitude)`` when ``text`` is a coordinate pair, else None.

    Accepts "30.27, 120.15", "30.27 120.15", "30.27N 120.15E", "-33.87;151.21"
    and degrees-minutes-seconds ("30°16'N 120°9'E"). Raises
    ``CoordinatesOutOfRange`` for a pair outside -90..90 / -180..180.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    match = _DECIMAL_PAIR.match(text)
    if match:
        lat, lon = float(match["lat"]), float(match["lon"])
        if match["ns"] and match["ns"].upper() == "S":
            lat = -abs(lat)
        if match["ew"] and match["ew"].upper() == "W":
            lon = -abs(lon)
    elif _DMS_CHARS.match(text) and any(c.isdigit() for c in text) and any(c in text for c in "°º'′\"″"):
        try:
            point = Point(text)
        except (ValueError, TypeError):
            return None
        lat, lon = float(point.latitude), float(point.longitude)
    else:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise CoordinatesOutOfRange(f"({lat}, {lon})")
    return lat, lon


def reduce_precision(lat: float, lon: float, metres: float = 100.0) -> tuple[float, float]:
    """Round a point to a decimal grid of roughly ``metres``, to store a home less exactly.

    Honest numbers: the grid is decimal degrees, so with the default 100 m it is
    3 decimals, 0.001°: about 111 m north-south everywhere, and 111 m × cos(latitude)
    east-west (96 m at Hangzhou, 72 m at Oslo). The stored point is within half a
    step of the true one in each direction (≤ about 79 m away). It hides the
    building, not the street; in a sparse village it may still point at one house.
    Other values of ``metres`` pick the nearest power-of-ten grid (10 m -> 4
    decimals, 1 km -> 2 decimals).
    """
    if metres <= 0 or not math.isfinite(metres):
        raise ValueError(f"metres must be a positive number, got {metres}")
    decimals = max(0, round(math.log10(METRES_PER_DEGREE_LAT / metres)))
    rlat = round(lat, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    rlon = round(lon, decimals) + 0.0
    return max(-90.0, min(90.0, rlat)), max(-180.0, min(180.0, rlon))


class Geocoder:
    """The chain described in the module docstring. Thread-safe; share one per process."""

    def __init__(
        self,
        cache: GeocodeCache | None,
        online: NominatimClient | None,
        gazetteer: Gazetteer | None,
        *,
        provider: str | None = None,
        online_problem: GeocodingUnavailable | None = None,
        retry_after_s: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``provider`` names the cache's partition (default: the online client's); passing it
        with ``online=None`` still serves earlier online answers from the cache when offline.
        ``online_problem`` is why there is no online geocoder (a bad URL), shown as the warning.
        """
        self.cache = cache
        self.online = online
        self.gazetteer = gazetteer
        self.provider = provider or (online.provider if online else None)
        self.online_problem = online_problem
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._down_until = 0.0
        self._last_problem: GeocodingUnavailable | None = None
        self._lock = threading.Lock()

    def geocode(self, query: str, *, limit: int = 5, online: bool = True) -> GeocodeAnswer:
        """Candidates for ``query``, best first, from the first source that has any.

        ``online=False`` skips the network (coordinates, cache, gazetteer only): it
        returns at once, so a window can show it while the full lookup runs.
        """
        limit = max(1, int(limit))
        text = " ".join(query.split())
        if not text:
            return _answer(
                query, [], _problem("empty", QT_TRANSLATE_NOOP("geo", "Type an address, a city or coordinates."))
            )
        try:
            coordinates = parse_coordinates(text)
        except CoordinatesOutOfRange:
            return _answer(
                query,
                [],
                _problem(
                    "coordinates",
                    QT_TRANSLATE_NOOP(
                        "geo", "Coordinates need a latitude from -90 to 90 and a longitude from -180 to 180."
                    ),
                ),
            )
        if coordinates is not None:
            lat, lon = coordinates
            return _answer(query, [Place(f"{lat:.6f}, {lon:.6f}", lat, lon, "coordinates", "exact")])

        problem: GeocodingUnavailable | None = self.online_problem if online else None
        cached = self._from_cache(text)
        if cached is not None:
            if cached:
                return _answer(query, cached[:limit])
            problem = _nothing_found(text)
        elif self.online is not None and online:
            online_places, problem = self._ask_online(text)
            if online_places:
                return _answer(query, online_places[:limit])
        places = self.gazetteer.search(text, limit) if self.gazetteer is not None else []
        return _answer(query, places, problem)

    def _from_cache(self, text: str) -> list[Place] | None:
        """Cached candidates (relabelled 'cache'); [] for a fresh empty answer; None for a miss."""
        if self.cache is None or self.provider is None:
            return None
        try:
            payload = self.cache.get(self.provider, query_key(text))
        except Exception:  # noqa: BLE001 - a broken cache must not stop geocoding
            log.warning("geocode cache read failed", exc_info=True)
            return None
        if not isinstance(payload, dict) or payload.get("format") != CACHE_FORMAT:
            return None
        try:
            places = [Place.from_dict(c, source="cache") for c in payload["candidates"]]
        except (KeyError, TypeError, ValueError):
            log.warning("ignoring a malformed geocode cache entry")  # not the query: it may be a home
            return None
        if not places:
            fetched = payload.get("fetched_at")
            if not isinstance(fetched, (int, float)) or time.time() - fetched > EMPTY_ANSWER_TTL_S:
                return None
        return places

    def _ask_online(self, text: str) -> tuple[list[Place], GeocodingUnavailable | None]:
        assert self.online is not None
        with self._lock:
            if self._clock() < self._down_until and self._last_problem is not None:
                return [], self._last_problem
        try:
            places = self.online.search(text, limit=ONLINE_FETCH)
        except GeocodingUnavailable as exc:
            log.info("online geocoder failed: %s", exc)
            if exc.reason in ("unreachable", "timeout", "rate_limited"):
                with self._lock:
                    self._down_until = self._clock() + self.retry_after_s
                    self._last_problem = exc
            return [], exc
        with self._lock:
            self._down_until = 0.0
            self._last_problem = None
        if self.cache is not None and self.provider is not None:
            payload = {
                "format": CACHE_FORMAT,
                "query": text,
                "fetched_at": time.time(),
                "candidates": [p.to_dict() for p in places],
            }
            try:
                self.cache.put(self.provider, query_key(text), payload)
            except Exception:  # noqa: BLE001 - the answer is still good without the cache
                log.warning("geocode cache write failed", exc_info=True)
        return places, (None if places else _nothing_found(text))


def _nothing_found(text: str) -> GeocodingUnavailable:
    return GeocodingUnavailable(
        "not_found", QT_TRANSLATE_NOOP("geo", "The online geocoder found nothing for {query!r}."), query=text
    )


def _problem(reason: str, template: str, **params: Any) -> GeocodingUnavailable:
    return GeocodingUnavailable(reason, template, **params)


def _answer(query: str, places: list[Place], problem: GeocodingUnavailable | None = None) -> GeocodeAnswer:
    if problem is None:
        return GeocodeAnswer(query=query, candidates=places)
    return GeocodeAnswer(
        query=query,
        candidates=places,
        warning=str(problem),
        warning_template=problem.template,
        warning_params=dict(problem.params),
    )
