"""Distances: geodesic as the matching format defines it, and prefilters that never drop a pair."""

from __future__ import annotations

import math

import numpy as np
import pytest
from geopy.distance import geodesic

from volunteer_app.geo.distance import (
    MIN_CURVATURE_RADIUS_KM,
    bounding_box,
    geodesic_km,
    geodesic_km_many,
    geodesic_lower_bound_km,
    haversine_km,
    within_radius_prefilter,
)

HANGZHOU = (30.29365, 120.16142)
SHANGHAI = (31.22222, 121.45806)


def _random_pairs(rng: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
    """Pairs from everywhere, with many short hops, pole and antimeridian cases mixed in."""
    lat1 = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))  # uniform on the sphere
    lon1 = rng.uniform(-180, 180, n)
    scale = rng.choice([0.001, 0.05, 0.5, 5.0, 60.0], n)
    lat2 = np.clip(lat1 + rng.normal(0, 1, n) * scale, -90, 90)
    lon2 = (lon1 + rng.normal(0, 1, n) * scale + 180) % 360 - 180
    # Some exact edge cases.
    lat1[:6] = [0.0, 89.9999, -89.9, 0.0, 45.0, 0.0]
    lon1[:6] = [179.999, 10.0, -170.0, 0.0, -179.9, 0.0]
    lat2[:6] = [0.0, 89.9999, -89.95, 0.5, 45.0, 0.0]
    lon2[:6] = [-179.999, -170.0, 10.0, 0.0, 179.9, 179.5]  # the last pair is nearly antipodal
    return lat1, lon1, lat2, lon2


def test_geodesic_km_is_geopy_geodesic() -> None:
    assert geodesic_km(HANGZHOU, SHANGHAI) == pytest.approx(geodesic(HANGZHOU, SHANGHAI).km, abs=1e-9)
    # One degree along the equator is a * pi / 180 on WGS-84.
    assert geodesic_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(6378.137 * math.pi / 180, abs=1e-6)
    assert geodesic_km(HANGZHOU, HANGZHOU) == 0.0


@pytest.mark.parametrize("bad", [(91.0, 0.0), (0.0, 181.0), (math.nan, 0.0)])
def test_geodesic_km_refuses_impossible_points(bad: tuple[float, float]) -> None:
    with pytest.raises(ValueError):
        geodesic_km(bad, HANGZHOU)


def test_vectorised_geodesic_agrees_with_geopy() -> None:
    rng = np.random.default_rng(7)
    lat1, lon1, lat2, lon2 = _random_pairs(rng, 300)
    many = geodesic_km_many(lat1, lon1, lat2, lon2)
    exact = np.array([geodesic((a, b), (c, d)).km for a, b, c, d in zip(lat1, lon1, lat2, lon2, strict=True)])
    assert np.max(np.abs(many - exact)) < 1e-6  # a millimetre, far below anything that matters


def test_vectorised_geodesic_broadcasts_one_against_many() -> None:
    lats = np.array([SHANGHAI[0], HANGZHOU[0]])
    lons = np.array([SHANGHAI[1], HANGZHOU[1]])
    out = geodesic_km_many(HANGZHOU[0], HANGZHOU[1], lats, lons)
    assert out.shape == (2,)
    assert out[1] == 0.0
    assert geodesic_km_many([], [], [], []).shape == (0,)


def test_lower_bound_never_exceeds_the_geodesic_and_is_tight() -> None:
    rng = np.random.default_rng(11)
    lat1, lon1, lat2, lon2 = _random_pairs(rng, 20_000)
    exact = geodesic_km_many(lat1, lon1, lat2, lon2)
    bound = geodesic_lower_bound_km(lat1, lon1, lat2, lon2)
    assert np.all(bound <= exact * (1 + 1e-12) + 1e-12)
    far = exact > 1.0
    assert np.min(bound[far] / exact[far]) > 0.98  # a useful filter, not a trivial one


def test_bound_is_tight_along_the_equatorial_meridian() -> None:
    # There the geodesic runs along the smallest radius of curvature: the bound's worst-case fit.
    d = geodesic_km((0.0, 30.0), (0.01, 30.0))
    assert geodesic_lower_bound_km(0.0, 30.0, 0.01, 30.0) == pytest.approx(d, rel=1e-6)
    assert pytest.approx(6335.439, abs=1e-3) == MIN_CURVATURE_RADIUS_KM


def test_prefilter_keeps_every_pair_the_exact_distance_keeps() -> None:
    rng = np.random.default_rng(3)
    lat1, lon1, lat2, lon2 = _random_pairs(rng, 20_000)
    exact = geodesic_km_many(lat1, lon1, lat2, lon2)
    # Radii just at, above and below each pair's own distance: the hardest cases.
    for radius in (exact, exact * (1 + 1e-12), np.nextafter(exact, np.inf), np.full_like(exact, 5.0)):
        keep = within_radius_prefilter(lat1, lon1, lat2, lon2, radius)
        assert not np.any((exact <= radius) & ~keep)
    # ... and it does filter: pairs 10 % beyond the radius go.
    keep = within_radius_prefilter(lat1, lon1, lat2, lon2, exact / 1.1)
    assert not np.any(keep & (exact > 0.01))


def test_haversine_is_within_half_a_percent() -> None:
    d = haversine_km(*HANGZHOU, *SHANGHAI)
    assert float(d) == pytest.approx(geodesic_km(HANGZHOU, SHANGHAI), rel=0.006)


def _box_holds(box_lat: float, box_lon: float, radius: float, rng: np.random.Generator) -> None:
    box = bounding_box(box_lat, box_lon, radius)
    # Points scattered around the centre, kept only when truly within the radius.
    n = 4000
    lat = np.clip(box_lat + rng.uniform(-1, 1, n) * (radius / 100 + 1), -90, 90)
    lon = (box_lon + rng.uniform(-1, 1, n) * min(180, radius / 30 + 2) + 180) % 360 - 180
    dist = geodesic_km_many(box_lat, box_lon, lat, lon)
    inside = dist <= radius
    assert inside.any()
    for la, lo in zip(lat[inside], lon[inside], strict=True):
        assert box.min_lat <= la <= box.max_lat
        assert box.min_lon <= lo <= box.max_lon  # the naive BETWEEN is safe
        assert box.contains(float(la), float(lo))  # and so are the tighter ranges


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [
        (30.29, 120.16, 5.0),  # Hangzhou
        (0.0, 0.0, 50.0),  # the equator
        (64.1, -21.9, 25.0),  # Reykjavik
        (89.5, 0.0, 100.0),  # the cap reaches the pole
        (-89.99, 45.0, 3.0),
        (10.0, 179.95, 30.0),  # crosses the antimeridian eastwards
        (-16.5, -179.9, 40.0),  # ... and westwards (Fiji)
    ],
)
def test_bounding_box_contains_every_point_within_the_radius(lat: float, lon: float, radius: float) -> None:
    _box_holds(lat, lon, radius, np.random.default_rng(int(abs(lat * 100 + lon))))


def test_bounding_box_shapes() -> None:
    plain = bounding_box(*HANGZHOU, 5.0)
    assert plain.longitude_ranges == ((plain.min_lon, plain.max_lon),)
    assert plain.max_lat - plain.min_lat == pytest.approx(2 * 5.0 / MIN_CURVATURE_RADIUS_KM * 180 / math.pi, rel=1e-6)
    across = bounding_box(10.0, 179.95, 30.0)
    assert (across.min_lon, across.max_lon) == (-180.0, 180.0)
    assert len(across.longitude_ranges) == 2
    assert across.contains(10.0, -179.9) and not across.contains(10.0, 0.0)
    polar = bounding_box(89.9, 0.0, 50.0)
    assert polar.max_lat == 90.0 and polar.longitude_ranges == ((-180.0, 180.0),)
    with pytest.raises(ValueError):
        bounding_box(0.0, 0.0, -1.0)
