"""Places as use cases: the geocoder wired to the database and settings, and homes kept private.

* ``make_geocoder(db, settings)`` builds the chain of ``volunteer_app.geo``
  (coordinates, cache, Nominatim, gazetteer) with the cache in the database.
  ``find_places(geocoder, query)`` (its ``geocode``) blocks on the network: the
  GUI calls it from a worker. ``quick_answer`` never blocks: typed coordinates
  and, once ``load_city_list`` has run, the built-in cities; ``suggest_cities``
  searches the built-in list alone. The gui and the cli use these functions and
  the types re-exported here (``Geocoder``, ``GeocodeAnswer``, ``Place``), never
  ``volunteer_app.geo`` itself.
* ``set_home`` stores a volunteer's own home, rounded to about 100 m unless
  they ask for the exact point.
* ``visible_home`` shows a home only to the volunteer and to coordinators
  (or organisation admins) of an organisation the volunteer belongs to.

The endpoint: ``$VOLUNTEER_APP_NOMINATIM_URL``, then ``Settings.nominatim_url``,
then the public Nominatim. ``$VOLUNTEER_APP_GEOCODER=offline`` (or a
``geocoder = "offline"`` setting) keeps every query on this machine.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.geo.gazetteer import RESOURCE, Gazetteer
from volunteer_app.geo.geocoder import CoordinatesOutOfRange, Geocoder, parse_coordinates, reduce_precision
from volunteer_app.geo.model import GeocodeAnswer, Place
from volunteer_app.geo.names import query_key
from volunteer_app.geo.nominatim import (
    DEFAULT_TIMEOUT_S,
    PUBLIC_NOMINATIM_URL,
    GeocodingUnavailable,
    NominatimClient,
    provider_key,
)
from volunteer_app.paths import resource_path
from volunteer_app.services import audit, text_input
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied
from volunteer_app.services.privacy import require_may_see_private
from volunteer_app.settings import Settings
from volunteer_app.store.database import Database
from volunteer_app.store.models import GeocodeCacheEntry, Person, VolunteerProfile
from volunteer_app.store.types import utcnow

log = logging.getLogger(__name__)

NOMINATIM_URL_ENV = "VOLUNTEER_APP_NOMINATIM_URL"
GEOCODER_MODE_ENV = "VOLUNTEER_APP_GEOCODER"  # "offline" disables the online geocoder
OFFLINE = "offline"
HOME_PRECISION_METRES = 100.0
MAX_ADDRESS_LENGTH = 1000
#: The longest place search (an address with its city and country fits in a few hundred).
MAX_QUERY_CHARS = 500
_PROVIDER_MAX = 200  # GeocodeCacheEntry.provider's column width


# --- the cache -------------------------------------------------------------------------------


def _provider_key(provider: str) -> str:
    if len(provider) <= _PROVIDER_MAX:
        return provider
    digest = hashlib.sha256(provider.encode("utf-8")).hexdigest()[:32]
    return f"{provider[: _PROVIDER_MAX - 33]}#{digest}"


class DatabaseGeocodeCache:
    """``geo.GeocodeCache`` on the ``geocode_cache`` table, one transaction per write.

    Keys are normalised here too (NFKC, case-folded, spaces collapsed), so
    "Hangzhou  West Lake" and "hangzhou west lake" share an entry. A database
    problem is logged and treated as a cache miss: geocoding goes on without it.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, provider: str, key: str) -> dict[str, Any] | None:
        try:
            with self.db.read() as session:
                payload = session.scalar(
                    select(GeocodeCacheEntry.payload).where(
                        GeocodeCacheEntry.provider == _provider_key(provider),
                        GeocodeCacheEntry.query_key == query_key(key),
                    )
                )
        except SQLAlchemyError:
            log.warning("cannot read the geocode cache", exc_info=True)
            return None
        return payload if isinstance(payload, dict) else None

    def put(self, provider: str, key: str, payload: dict[str, Any]) -> None:
        try:
            with self.db.transaction() as session:
                entry = session.scalar(
                    select(GeocodeCacheEntry).where(
                        GeocodeCacheEntry.provider == _provider_key(provider),
                        GeocodeCacheEntry.query_key == query_key(key),
                    )
                )
                if entry is None:
                    session.add(
                        GeocodeCacheEntry(provider=_provider_key(provider), query_key=query_key(key), payload=payload)
                    )
                else:
                    entry.payload = payload
                    entry.created_at = utcnow()
        except IntegrityError:
            # Another thread or desktop stored the same query a moment ago: theirs is as good.
            log.debug("geocode cache entry for %r written concurrently", key)
        except SQLAlchemyError:
            log.warning("cannot write the geocode cache", exc_info=True)


# --- the geocoder ----------------------------------------------------------------------------

_gazetteer: Gazetteer | None = None
_clients: dict[tuple[str, float, str | None], NominatimClient] = {}
_lock = threading.Lock()


def shipped_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the app, one per process (its file is read on first search)."""
    global _gazetteer
    with _lock:
        if _gazetteer is None:
            _gazetteer = Gazetteer(resource_path(*RESOURCE))
        return _gazetteer


def _shared_client(url: str, timeout: float, language: str | None) -> NominatimClient:
    # One client per endpoint, so every geocoder in the process shares its one-request-a-second limit.
    with _lock:
        key = (url, timeout, language)
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = NominatimClient(url, timeout=timeout, language=language)
        return client


def answer_language(settings: Settings) -> str | None:
    """Nominatim's ``accept-language`` for the app's language; None (local names) when it follows the system."""
    if settings.language.lower().startswith("zh"):
        return "zh-CN,zh,en"
    if settings.language.lower().startswith("en"):
        return "en"
    return None


def nominatim_url(settings: Settings | None = None, env: Mapping[str, str] | None = None) -> str:
    """The endpoint to use: the environment, then the settings, then the public server."""
    env = os.environ if env is None else env
    settings = settings if settings is not None else Settings.load()
    return (env.get(NOMINATIM_URL_ENV) or "").strip() or settings.nominatim_url.strip() or PUBLIC_NOMINATIM_URL


def online_disabled(settings: Settings | None = None, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    mode = (env.get(GEOCODER_MODE_ENV) or "").strip().lower()
    if not mode and settings is not None:
        mode = settings.geocoder.strip().lower()
    return mode == OFFLINE


def make_geocoder(
    db: Database | None,
    settings: Settings | None = None,
    *,
    offline: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    env: Mapping[str, str] | None = None,
) -> Geocoder:
    """The app's geocoder: cache in ``db`` (none when ``db`` is None), Nominatim unless offline, gazetteer.

    Build one and keep it (it remembers a server that just failed); call
    ``geocode(query)`` from a worker thread, or ``geocode(query, online=False)``
    for an instant offline-only answer. Answers come in the app's language
    (``Settings.language``) when the server has names in it.

    ``offline=None`` follows ``$VOLUNTEER_APP_GEOCODER`` and the settings. Offline,
    earlier online answers still come from the cache. A malformed endpoint URL
    does not raise: the geocoder works offline and says why in each answer.
    """
    settings = settings if settings is not None else Settings.load()
    url = nominatim_url(settings, env)
    if offline is None:
        offline = online_disabled(settings, env)
    language = answer_language(settings)
    online: NominatimClient | None = None
    provider: str | None = None
    problem: GeocodingUnavailable | None = None
    try:
        provider = provider_key(url, language)
        if not offline:
            online = _shared_client(url, timeout, language)
    except GeocodingUnavailable as exc:
        problem = exc
    gazetteer: Gazetteer | None
    try:
        gazetteer = shipped_gazetteer()
    except FileNotFoundError:
        log.error("the offline gazetteer is missing from this installation", exc_info=True)
        gazetteer = None
    cache = DatabaseGeocodeCache(db) if db is not None else None
    return Geocoder(cache, online, gazetteer, provider=provider, online_problem=problem)


# --- searching (the window and the CLI call these, never geo itself) -------------------------

#: Gazetteers whose city list has been read (``load_city_list``): searching them no longer blocks.
_loaded_lists: weakref.WeakSet[Gazetteer] = weakref.WeakSet()


def find_places(geocoder: Geocoder, query: str, *, limit: int = 5) -> GeocodeAnswer:
    """Every source of ``geocoder`` in turn (cache, online map, built-in cities). Blocks: call from a worker.

    A query longer than any address (``MAX_QUERY_CHARS``) or holding control characters is refused
    (``InvalidInput``) before any source is asked.
    """
    query = text_input.text("query", query, MAX_QUERY_CHARS, required=True) or ""
    return geocoder.geocode(query, limit=limit)


def searches_online(geocoder: Geocoder) -> bool:
    """Whether a full search may ask the online map (False when offline by choice or misconfigured)."""
    return geocoder.online is not None


def load_city_list(geocoder: Geocoder) -> int:
    """Read the built-in city list once (about half a second the first time: call from a worker).

    Afterwards ``quick_answer`` includes cities. Returns how many cities there are (0 without a list).
    """
    gazetteer = geocoder.gazetteer
    if gazetteer is None:
        return 0
    count = len(gazetteer)
    _loaded_lists.add(gazetteer)
    return count


def city_list_loaded(geocoder: Geocoder) -> bool:
    """Whether the built-in city list can be searched without waiting (or there is none to load)."""
    return geocoder.gazetteer is None or geocoder.gazetteer in _loaded_lists


def quick_answer(geocoder: Geocoder, query: str, *, limit: int = 5) -> GeocodeAnswer:
    """An instant answer, safe on the UI thread: typed coordinates, and the built-in cities once loaded.

    Touches neither the database (the cache) nor the network.
    """
    gazetteer = geocoder.gazetteer if city_list_loaded(geocoder) else None
    return Geocoder(None, None, gazetteer).geocode(query, limit=limit, online=False)


def suggest_cities(query: str, *, limit: int = 10) -> list[Place]:
    """Cities of the built-in list matching ``query`` (English, pinyin or Chinese), best first.

    Reads the list on first use (about half a second): call from a worker then.
    """
    return shipped_gazetteer().search(query, limit)


def looks_like_coordinates(text: str) -> bool:
    """Whether ``text`` is a coordinate pair (also one out of range: the answer then says so)."""
    try:
        return parse_coordinates(text) is not None
    except CoordinatesOutOfRange:
        return True


# --- homes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    """A volunteer's home as stored (coordinates rounded unless they chose exact)."""

    person_id: int
    address: str | None
    latitude: float | None
    longitude: float | None


def visible_home(db: Database, actor: Actor | None, person_id: int) -> Home:
    """A volunteer's home address and point, for the volunteer or a coordinator of their organisation.

    Raises PermissionDenied for anyone else (also when the person does not exist,
    so the answer does not reveal who has an account).
    """
    with db.read() as session:
        actor = require_signed_in(actor)
        require_may_see_private(session, actor, person_id)
        if session.get(Person, person_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "No person {id}."), id=person_id)
        profile = session.get(VolunteerProfile, person_id)
        if profile is None:
            return Home(person_id, None, None, None)
        return Home(person_id, profile.home_address, profile.home_latitude, profile.home_longitude)


def _check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise InvalidInput("coordinates", QT_TRANSLATE_NOOP("errors", "Give both latitude and longitude, or neither."))
    if latitude is None or longitude is None:
        return
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise InvalidInput(
            "latitude", QT_TRANSLATE_NOOP("errors", "Latitude must be between -90 and 90, not {value}."), value=latitude
        )
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise InvalidInput(
            "longitude",
            QT_TRANSLATE_NOOP("errors", "Longitude must be between -180 and 180, not {value}."),
            value=longitude,
        )


def set_home(
    db: Database,
    actor: Actor | None,
    address: str | None,
    latitude: float | None,
    longitude: float | None,
    *,
    exact: bool = False,
) -> Home:
    """Store the signed-in person's own home; rounded to about 100 m unless ``exact``.

    ``None`` for both coordinates clears the point. The audit trail records that
    the home changed, never the address or the point.
    """
    _check_coordinates(latitude, longitude)
    address = (address or "").strip() or None
    if address is not None and len(address) > MAX_ADDRESS_LENGTH:
        raise InvalidInput(
            "address",
            QT_TRANSLATE_NOOP("errors", "The address is longer than {maximum} characters."),
            maximum=MAX_ADDRESS_LENGTH,
        )
    address = text_input.text("address", address, MAX_ADDRESS_LENGTH)  # no control or bidi override characters
    if latitude is not None and longitude is not None:
        latitude, longitude = float(latitude), float(longitude)
        if not exact:
            latitude, longitude = reduce_precision(latitude, longitude, HOME_PRECISION_METRES)
    with db.transaction() as session:
        actor = require_signed_in(actor)
        person = session.get(Person, actor.person_id)
        if person is None or not person.is_active:
            raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "This account is not active."))
        profile = session.get(VolunteerProfile, person.id)
        if profile is None:
            profile = VolunteerProfile(person_id=person.id)
            session.add(profile)
        profile.home_address = address
        profile.home_latitude = latitude
        profile.home_longitude = longitude
        audit.record(
            session,
            actor.person_id,
            "profile.set_home",
            "person",
            person.id,
            exact=exact,
            has_address=address is not None,
            has_coordinates=latitude is not None,
        )
        return Home(person.id, address, latitude, longitude)


__all__ = [
    "GEOCODER_MODE_ENV",
    "HOME_PRECISION_METRES",
    "MAX_ADDRESS_LENGTH",
    "NOMINATIM_URL_ENV",
    "OFFLINE",
    "DatabaseGeocodeCache",
    "GeocodeAnswer",
    "Geocoder",
    "Home",
    "Place",
    "answer_language",
    "city_list_loaded",
    "find_places",
    "load_city_list",
    "looks_like_coordinates",
    "make_geocoder",
    "nominatim_url",
    "online_disabled",
    "quick_answer",
    "searches_online",
    "set_home",
    "shipped_gazetteer",
    "suggest_cities",
    "visible_home",
]
