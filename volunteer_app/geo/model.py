"""The plain types every part of ``geo`` answers with."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast, get_args

Source = Literal["cache", "nominatim", "gazetteer", "coordinates"]
#: How closely the point pins the place: a typed coordinate pair is "exact".
Precision = Literal["exact", "street", "district", "city", "region", "country"]
SOURCES: tuple[str, ...] = get_args(Source)
PRECISIONS: tuple[str, ...] = get_args(Precision)


@dataclass(frozen=True)
class Place:
    """One candidate answer to a geocoding query."""

    name: str
    latitude: float
    longitude: float
    source: Source
    precision: Precision
    country_code: str | None = None
    #: The longer label when there is one (Nominatim's ``display_name``).
    display_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: Source | None = None) -> Place:
        """Rebuild from ``to_dict`` output (a cached answer), optionally relabelling the source."""
        precision = str(data.get("precision", "region"))
        return cls(
            name=str(data["name"]),
            latitude=float(data["latitude"]),
            longitude=float(data["longitude"]),
            source=source or cast(Source, str(data["source"])),
            precision=cast(Precision, precision if precision in PRECISIONS else "region"),
            country_code=data.get("country_code") or None,
            display_name=data.get("display_name") or None,
        )


@dataclass(frozen=True)
class GeocodeAnswer:
    """Candidates, best first, from one source; ``warning`` says why a better source was not used.

    ``warning`` is the English sentence; the GUI translates ``warning_template``
    (context ``geo``) and formats it with ``warning_params``.
    """

    query: str
    candidates: list[Place]
    warning: str | None = None
    warning_template: str | None = None
    warning_params: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> Source | None:
        return self.candidates[0].source if self.candidates else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "candidates": [c.to_dict() for c in self.candidates],
            "warning": self.warning,
        }
