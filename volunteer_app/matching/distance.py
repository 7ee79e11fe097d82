"""Vectorised WGS-84 distances and a provably safe spatial prefilter.

The exact distance is the ellipsoidal geodesic (Karney's algorithm, via PROJ's ``Geod.inv``),
which agrees with ``geopy.distance.geodesic`` to nanometres.

The prefilter works on earth-centred (ECEF) coordinates of the points on the WGS-84 ellipsoid:
the straight chord between two points is never longer than any path on the surface, so
``chord <= geodesic`` always. Dropping pairs whose chord exceeds the radius therefore never
drops a pair the exact distance would keep; no safety margin is needed beyond float rounding.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from pyproj import Geod

F64 = npt.NDArray[np.float64]

_GEOD = Geod(ellps="WGS84")
_A_KM = 6378.137
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
#: Relative slack on chord tests, far above float rounding (~1e-16) and far below a metre.
CHORD_SLACK = 1e-9
#: Pairs count as in reach only up to this far below the radius, so a nanometre-level
#: disagreement with geopy can never turn an accepted pair into an infeasible one.
RADIUS_GUARD_KM = 1e-9
#: Up to this radius, a chord at most ``1 - SURE_SHRINK`` of the radius is surely within it: the
#: geodesic exceeds the chord by a factor below 1 + x^2/6 (x = chord / twice the smallest radius
#: of curvature of the ellipsoid, 6335 km), i.e. under 2.7e-4 at 500 km.
SURE_KM = 500.0
SURE_SHRINK = 1e-3


def geodesic_km(lat1: F64, lon1: F64, lat2: F64, lon2: F64) -> F64:
    """Element-wise WGS-84 geodesic distance in km (as ``geopy.distance.geodesic``)."""
    if len(lat1) == 0:
        return np.zeros(0, dtype=np.float64)
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return np.asarray(metres, dtype=np.float64) / 1000.0


def ecef_km(lat: F64, lon: F64) -> F64:
    """Earth-centred coordinates (km) of points on the WGS-84 ellipsoid surface, shape (n, 3)."""
    phi = np.radians(lat)
    lam = np.radians(lon)
    sin_phi = np.sin(phi)
    n = _A_KM / np.sqrt(1.0 - _E2 * sin_phi * sin_phi)
    cos_phi = np.cos(phi)
    return np.column_stack((n * cos_phi * np.cos(lam), n * cos_phi * np.sin(lam), n * (1.0 - _E2) * sin_phi))


def within_reach(dist_km: F64, radius_km: F64) -> npt.NDArray[np.bool_]:
    """The radius rule on exact distances, with the tiny guard described above."""
    return dist_km <= radius_km - RADIUS_GUARD_KM
