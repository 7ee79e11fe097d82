"""Distances: PROJ's geodesic agrees with geopy; the chord prefilter never drops a pair in reach."""

from __future__ import annotations

import numpy as np
from geopy.distance import geodesic
from pyproj import Geod

from volunteer_app.matching.distance import CHORD_SLACK, ecef_km, geodesic_km


def test_geodesic_matches_geopy_on_random_pairs() -> None:
    rng = np.random.default_rng(11)
    n = 400
    # City-scale pairs around Hangzhou plus pairs anywhere on Earth (incl. near the poles).
    lat1 = np.concatenate((30.27 + rng.normal(0, 0.1, n), rng.uniform(-89.9, 89.9, n)))
    lon1 = np.concatenate((120.15 + rng.normal(0, 0.1, n), rng.uniform(-180, 180, n)))
    lat2 = np.concatenate((30.27 + rng.normal(0, 0.1, n), rng.uniform(-89.9, 89.9, n)))
    lon2 = np.concatenate((120.15 + rng.normal(0, 0.1, n), rng.uniform(-180, 180, n)))
    ours = geodesic_km(lat1, lon1, lat2, lon2)
    ref = np.array([geodesic((a, b), (c, d)).km for a, b, c, d in zip(lat1, lon1, lat2, lon2, strict=True)])
    assert np.max(np.abs(ours - ref)) < 1e-9  # km: a micrometre


def test_chord_prefilter_keeps_every_pair_within_radius() -> None:
    """Adversarial pairs exactly around the radius, in every direction and at many latitudes."""
    geod = Geod(ellps="WGS84")
    rng = np.random.default_rng(5)
    n = 20000
    lat = rng.uniform(-85, 85, n)
    lon = rng.uniform(-180, 180, n)
    radius_km = rng.uniform(0.5, 15.0, n)
    azimuth = rng.uniform(-180, 180, n)
    # Targets from a millimetre inside the radius to a millimetre outside.
    offset_m = rng.choice([-1e-3, -1e-6, 0.0, 1e-6, 1e-3], n)
    lon2, lat2, _ = geod.fwd(lon, lat, azimuth, radius_km * 1000 + offset_m)
    lon2, lat2 = np.asarray(lon2), np.asarray(lat2)
    exact = np.array([geodesic((a, b), (c, d)).km for a, b, c, d in zip(lat, lon, lat2, lon2, strict=True)])
    chord = np.linalg.norm(ecef_km(lat, lon) - ecef_km(lat2, lon2), axis=1)
    # The rule the candidate builder uses: drop only when chord > radius * (1 + slack).
    kept = chord <= radius_km * (1 + CHORD_SLACK)
    inside = exact <= radius_km
    assert inside.sum() > n / 4
    assert not np.any(inside & ~kept)
    # And the chord is a tight bound at city scale (so the filter is worth having).
    assert np.all(exact - chord < 1e-4 * radius_km)
