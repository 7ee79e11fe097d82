"""The online geocoder: Nominatim through geopy, within its usage policy.

The public server's policy (https://operations.osmfoundation.org/policies/nominatim/)
asks for an identifying User-Agent, at most one request a second and caching of
results. The User-Agent names this app and its version; geopy's ``RateLimiter``
spaces requests at least a second apart (shared by all threads using one
client) and retries a failed request a couple of times; the caller
(``Geocoder``) caches every answer. An organisation may point the app at its
own Nominatim, plain http included (a server on the local network).

Every way the request can fail ends as one ``GeocodingUnavailable`` whose
message a person can read.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import socket
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from volunteer_app import __version__
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.geo.model import Place, Precision

log = logging.getLogger(__name__)

PUBLIC_NOMINATIM_URL = "https://nominatim.openstreetmap.org"
DEFAULT_CONTACT = "https://github.com/volunteer-app"
DEFAULT_TIMEOUT_S = 5.0
#: The public server's policy: an absolute maximum of one request per second.
MIN_DELAY_S = 1.0
MAX_RETRIES = 2
#: Pause before a retry; geopy requires it to be at least ``MIN_DELAY_S``.
ERROR_WAIT_S = 1.0
MAX_LIMIT = 40  # Nominatim's own cap


class _QuietRetries(logging.Filter):
    """geopy's RateLimiter logs each retry as a WARNING with a traceback and the query.

    A retry is expected (the final failure reaches the person as a clear
    message), and the query may be someone's home address: keep one INFO line
    without either.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if "RateLimiter" in str(record.msg) and record.levelno == logging.WARNING:
            exc = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg = "geocoder request failed (%s), retrying"
            record.args = (type(exc).__name__ if exc else "error",)
            record.exc_info = None
            record.exc_text = None
        return True


_geopy_log = logging.getLogger("geopy")
if not any(isinstance(f, _QuietRetries) for f in _geopy_log.filters):
    _geopy_log.addFilter(_QuietRetries())


def user_agent(contact: str = DEFAULT_CONTACT) -> str:
    """``volunteer-app/<version> (+contact)``: who is asking, as the policy requires."""
    return f"volunteer-app/{__version__} (+{contact})"


class GeocodingUnavailable(Exception):
    """The online geocoder could not answer; ``reason`` is a stable code, ``str()`` an English sentence.

    Reasons: ``config`` (the URL is unusable), ``unreachable``, ``timeout``,
    ``rate_limited``, ``refused`` (403 and the like), ``server_error``,
    ``bad_reply`` (not JSON, or not Nominatim's shape). The ``Geocoder`` also
    uses it to carry ``not_found``, ``empty`` and ``coordinates`` notices.
    """

    def __init__(self, reason: str, template: str, **params: Any) -> None:
        self.reason = reason
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def parse_endpoint(url: str) -> tuple[str, str]:
    """``(scheme, domain)`` for geopy from a URL such as ``https://nominatim.example.org/nominatim``.

    ``domain`` keeps host, port and any path prefix (geopy appends ``/search``).
    Raises ``GeocodingUnavailable("config", ...)`` for anything but an http(s) URL with a host.
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GeocodingUnavailable(
            "config",
            QT_TRANSLATE_NOOP("geo", "The geocoder address {url!r} is not an http:// or https:// URL."),
            url=url,
        )
    path = parts.path.rstrip("/")
    if path.endswith("/search"):
        path = path[: -len("/search")]
    return parts.scheme, f"{parts.netloc}{path}"


def provider_key(url: str, language: str | None = None) -> str:
    """How the cache names one endpoint (and answer language): ``nominatim:<scheme>://<domain>[#lang=..]``."""
    scheme, domain = parse_endpoint(url)
    return f"nominatim:{scheme}://{domain}" + (f"#lang={language}" if language else "")


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def precision_of(raw: dict[str, Any]) -> Precision:
    """How precise a Nominatim result is, from its ``addresstype`` / ``class`` (``category``) / ``type``."""
    kind = str(raw.get("addresstype") or raw.get("type") or "").lower()
    category = str(raw.get("class") or raw.get("category") or "").lower()
    street_kinds = {
        "house",
        "building",
        "house_number",
        "road",
        "street",
        "residential",
        "amenity",
        "shop",
        "tourism",
        "office",
        "leisure",
        "postcode",
        "address",
        "highway",
        "railway",
    }
    if kind in street_kinds or category in {"building", "highway", "amenity", "shop", "tourism", "office"}:
        return "street"
    if kind in {
        "suburb",
        "district",
        "city_district",
        "borough",
        "neighbourhood",
        "quarter",
        "hamlet",
        "city_block",
        "allotments",
        "isolated_dwelling",
        "subdistrict",
        "township",
    }:
        return "district"
    if kind in {"city", "town", "village", "municipality", "locality"}:
        return "city"
    if kind == "country" or kind == "continent":
        return "country"
    if kind in {"state", "province", "region", "county", "state_district", "administrative"}:
        return "region"
    return "street" if category not in {"boundary", "place", "natural", "landuse", ""} else "region"


def _place_from_raw(raw: Any) -> Place | None:
    if not isinstance(raw, dict):
        return None
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    display = str(raw.get("display_name") or "").strip()
    name = str(raw.get("name") or "").strip() or display.split(",")[0].strip() or f"{lat:.5f}, {lon:.5f}"
    address = raw.get("address")
    country = address.get("country_code") if isinstance(address, dict) else None
    return Place(
        name=name,
        latitude=lat,
        longitude=lon,
        source="nominatim",
        precision=precision_of(raw),
        country_code=str(country).upper() if country else None,
        display_name=display or None,
    )


class NominatimClient:
    """One Nominatim endpoint. Thread-safe; requests from all threads share the rate limit."""

    def __init__(
        self,
        url: str = PUBLIC_NOMINATIM_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        contact: str = DEFAULT_CONTACT,
        language: str | None = None,
        min_delay_seconds: float = MIN_DELAY_S,
        max_retries: int = MAX_RETRIES,
        error_wait_seconds: float = ERROR_WAIT_S,
    ) -> None:
        scheme, domain = parse_endpoint(url)
        self.url = f"{scheme}://{domain}"
        self.timeout = timeout
        self.language = language
        host = urlsplit(self.url).hostname or ""
        self._geocoder = Nominatim(
            domain=domain,
            scheme=scheme,
            user_agent=user_agent(contact),
            timeout=timeout,
            # A server on this machine must not be sent through a system proxy.
            proxies={} if _is_local(host) else None,
        )
        self._search = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )

    @property
    def provider(self) -> str:
        """The cache's provider key: answers of different servers (and languages) are kept apart."""
        return provider_key(self.url, self.language)

    def search(self, query: str, *, limit: int = 10) -> list[Place]:
        """Candidates for ``query``, best first; ``[]`` when the server found nothing.

        Blocks for the rate limit, the timeout and up to ``max_retries`` retries:
        call it off the GUI thread.
        """
        limit = max(1, min(int(limit), MAX_LIMIT))
        try:
            found = self._search(
                query,
                exactly_one=False,
                limit=limit,
                addressdetails=True,
                language=self.language or False,
            )
        except GeocoderTimedOut as exc:
            raise GeocodingUnavailable(
                "timeout",
                QT_TRANSLATE_NOOP("geo", "The geocoder at {url} did not answer within {seconds:g} seconds."),
                url=self.url,
                seconds=self.timeout,
            ) from exc
        except GeocoderRateLimited as exc:
            raise GeocodingUnavailable(
                "rate_limited",
                QT_TRANSLATE_NOOP("geo", "The geocoder at {url} asks us to slow down; try again in a minute."),
                url=self.url,
            ) from exc
        except GeocoderInsufficientPrivileges as exc:
            raise GeocodingUnavailable(
                "refused",
                QT_TRANSLATE_NOOP("geo", "The geocoder at {url} refused the request ({detail})."),
                url=self.url,
                detail=_first_line(exc),
            ) from exc
        except GeocoderParseError as exc:
            raise _bad_reply(self.url) from exc
        except GeocoderUnavailable as exc:
            raise _unreachable(self.url, _first_line(exc)) from exc
        except GeocoderQueryError as exc:
            raise GeocodingUnavailable(
                "server_error",
                QT_TRANSLATE_NOOP("geo", "The geocoder at {url} rejected the query ({detail})."),
                url=self.url,
                detail=_first_line(exc),
            ) from exc
        except (GeocoderServiceError, GeopyError) as exc:
            detail = _first_line(exc)
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, TimeoutError) or "timed out" in detail.lower():
                raise GeocodingUnavailable(
                    "timeout",
                    QT_TRANSLATE_NOOP("geo", "The geocoder at {url} did not answer within {seconds:g} seconds."),
                    url=self.url,
                    seconds=self.timeout,
                ) from exc
            if _is_connection_failure(exc):
                raise _unreachable(self.url, detail) from exc
            raise GeocodingUnavailable(
                "server_error",
                QT_TRANSLATE_NOOP("geo", "The geocoder at {url} failed ({detail})."),
                url=self.url,
                detail=detail,
            ) from exc
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            # JSON that is not Nominatim's shape trips geopy's own parsing.
            log.info("malformed reply from %s: %r", self.url, exc)
            raise _bad_reply(self.url) from exc
        except OSError as exc:
            raise _unreachable(self.url, _first_line(exc)) from exc
        if not found:
            return []
        if not isinstance(found, list):
            found = [found]
        places = [p for p in (_place_from_raw(getattr(loc, "raw", None)) for loc in found) if p is not None]
        if not places:
            raise _bad_reply(self.url)
        return places


def _is_connection_failure(exc: BaseException) -> bool:
    """geopy's urllib adapter turns "connection refused" and DNS failures into a bare
    GeocoderServiceError; the original error is still attached as its context.
    An HTTP error status is an answer, so it does not count."""
    seen = exc.__cause__ or exc.__context__
    while seen is not None:
        if isinstance(seen, (AdapterHTTPError, HTTPError)):
            return False
        if isinstance(seen, (URLError, ConnectionError, socket.gaierror)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _bad_reply(url: str) -> GeocodingUnavailable:
    return GeocodingUnavailable(
        "bad_reply",
        QT_TRANSLATE_NOOP("geo", "The geocoder at {url} sent a reply that is not a Nominatim answer."),
        url=url,
    )


def _unreachable(url: str, detail: str) -> GeocodingUnavailable:
    return GeocodingUnavailable(
        "unreachable", QT_TRANSLATE_NOOP("geo", "Cannot reach the geocoder at {url} ({detail})."), url=url, detail=detail
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
