"""Places: geocoding (cache, Nominatim, offline gazetteer) and WGS-84 distances.

Pure: imports only ``volunteer_app.geo``, ``volunteer_app.domain``, geopy,
numpy, pyproj and the standard library. The database-backed cache, the
settings and the privacy rules live in ``volunteer_app.services.places``.
"""

from __future__ import annotations

from volunteer_app.geo.distance import (
    BoundingBox,
    bounding_box,
    geodesic_km,
    geodesic_km_many,
    haversine_km,
    within_radius_prefilter,
)
from volunteer_app.geo.gazetteer import ATTRIBUTION, City, Gazetteer
from volunteer_app.geo.geocoder import (
    GeocodeCache,
    Geocoder,
    MemoryGeocodeCache,
    parse_coordinates,
    reduce_precision,
)
from volunteer_app.geo.model import GeocodeAnswer, Place, Precision, Source
from volunteer_app.geo.nominatim import PUBLIC_NOMINATIM_URL, GeocodingUnavailable, NominatimClient

__all__ = [
    "ATTRIBUTION",
    "PUBLIC_NOMINATIM_URL",
    "BoundingBox",
    "City",
    "GeocodeAnswer",
    "GeocodeCache",
    "Geocoder",
    "GeocodingUnavailable",
    "Gazetteer",
    "MemoryGeocodeCache",
    "NominatimClient",
    "Place",
    "Precision",
    "Source",
    "bounding_box",
    "geodesic_km",
    "geodesic_km_many",
    "haversine_km",
    "parse_coordinates",
    "reduce_precision",
    "within_radius_prefilter",
]
