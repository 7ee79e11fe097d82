"""The chain: typed coordinates, cache, online, gazetteer; and rounding homes."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from tests.unit.fake_nominatim import FakeNominatim
from volunteer_app.geo.distance import geodesic_km
from volunteer_app.geo.gazetteer import Gazetteer
from volunteer_app.geo.geocoder import (
    CoordinatesOutOfRange,
    Geocoder,
    MemoryGeocodeCache,
    parse_coordinates,
    reduce_precision,
)
from volunteer_app.geo.nominatim import GeocodingUnavailable, NominatimClient
from volunteer_app.services.places import shipped_gazetteer


def fast_client(url: str, timeout: float) -> NominatimClient:
    return NominatimClient(url, timeout=timeout, min_delay_seconds=0.0, max_retries=0)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return shipped_gazetteer()


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim() as fake:
        yield fake


def _geocoder(server: FakeNominatim, gazetteer: Gazetteer | None, **kwargs: Any) -> tuple[Geocoder, MemoryGeocodeCache]:
    cache = MemoryGeocodeCache()
    client = fast_client(server.url, timeout=0.5)
    return Geocoder(cache, client, gazetteer, **kwargs), cache


def test_online_answer_then_cache_so_the_address_goes_out_once(server: FakeNominatim, gazetteer: Gazetteer) -> None:
    geocoder, cache = _geocoder(server, gazetteer)
    first = geocoder.geocode("南山路 杭州")
    assert [(p.source, p.precision) for p in first.candidates] == [("nominatim", "street")]
    assert first.warning is None
    again = geocoder.geocode("南山路 杭州")
    spaced = geocoder.geocode("  南山路   杭州 ")
    assert [p.source for p in again.candidates] == [p.source for p in spaced.candidates] == ["cache"]
    assert again.candidates[0].latitude == first.candidates[0].latitude
    assert len(server.search_requests()) == 1
    assert len(cache.entries) == 1


def test_limit_applies_to_every_source(server: FakeNominatim, gazetteer: Gazetteer) -> None:
    geocoder, _ = _geocoder(server, gazetteer)
    assert len(geocoder.geocode("Springfield", limit=3).candidates) == 3
    assert len(geocoder.geocode("Springfield", limit=1).candidates) == 1


def test_empty_online_answer_falls_back_to_the_gazetteer_and_is_cached(
    server: FakeNominatim, gazetteer: Gazetteer
) -> None:
    server.mode = "empty"
    geocoder, _ = _geocoder(server, gazetteer)
    answer = geocoder.geocode("Hang Zhou")
    assert answer.source == "gazetteer"
    assert answer.candidates[0].name == "Hangzhou"
    assert answer.warning == "The online geocoder found nothing for 'Hang Zhou'."
    assert answer.warning_template is not None and "{query!r}" in answer.warning_template
    geocoder.geocode("hang zhou")
    assert len(server.search_requests()) == 1  # the empty answer was remembered


@pytest.mark.parametrize(("mode", "reason"), [("error", "failed"), ("garbage", "not a Nominatim answer")])
def test_failures_fall_back_and_are_not_cached(
    server: FakeNominatim, gazetteer: Gazetteer, mode: str, reason: str
) -> None:
    server.mode = mode
    geocoder, cache = _geocoder(server, gazetteer)
    answer = geocoder.geocode("hangzhou")
    assert answer.source == "gazetteer"
    assert answer.warning is not None and reason in answer.warning
    assert cache.entries == {}
    server.mode = "normal"
    assert geocoder.geocode("hangzhou").source == "nominatim"  # asked again, now it works
    assert len(server.search_requests()) == 2


def test_after_a_timeout_the_server_is_left_alone_for_a_while(gazetteer: Gazetteer) -> None:
    now = [1000.0]
    with FakeNominatim(mode="slow", slow_seconds=5) as server:
        geocoder, _ = _geocoder(server, gazetteer, clock=lambda: now[0])
        first = geocoder.geocode("hangzhou")
        second = geocoder.geocode("beijing")
        assert first.source == second.source == "gazetteer"
        assert second.warning is not None and "did not answer" in second.warning
        assert len(server.search_requests()) == 1  # no second wait for a server known to be slow
        now[0] += 61
        server.mode = "normal"
        assert geocoder.geocode("hangzhou").source == "nominatim"


def test_typed_coordinates_need_no_lookup(server: FakeNominatim, gazetteer: Gazetteer) -> None:
    geocoder, _ = _geocoder(server, gazetteer)
    answer = geocoder.geocode("30.27, 120.15")
    (place,) = answer.candidates
    assert (place.latitude, place.longitude, place.source, place.precision) == (30.27, 120.15, "coordinates", "exact")
    out_of_range = geocoder.geocode("95, 200")
    assert out_of_range.candidates == [] and out_of_range.warning is not None
    assert server.search_requests() == []


def test_offline_uses_the_cache_then_the_gazetteer(server: FakeNominatim, gazetteer: Gazetteer) -> None:
    online, cache = _geocoder(server, gazetteer)
    online.geocode("南山路 杭州")
    assert online.provider is not None
    offline = Geocoder(cache, None, gazetteer, provider=online.provider)
    assert offline.geocode("南山路 杭州").source == "cache"
    answer = offline.geocode("杭州")
    assert answer.source == "gazetteer" and answer.warning is None
    assert len(server.search_requests()) == 1


def test_without_any_source_the_answer_is_empty_with_the_reason(server: FakeNominatim) -> None:
    server.mode = "error"
    geocoder, _ = _geocoder(server, None)
    answer = geocoder.geocode("hangzhou")
    assert answer.candidates == [] and answer.warning is not None
    problem = GeocodingUnavailable("config", "The geocoder address {url!r} is not an http:// or https:// URL.", url="x")
    broken = Geocoder(None, None, None, online_problem=problem)
    assert broken.geocode("hangzhou").warning == "The geocoder address 'x' is not an http:// or https:// URL."
    assert Geocoder(None, None, None).geocode("   ").warning is not None


@pytest.mark.allow_warnings_logged
def test_a_broken_cache_entry_is_a_miss(
    server: FakeNominatim, gazetteer: Gazetteer, caplog: pytest.LogCaptureFixture
) -> None:
    geocoder, cache = _geocoder(server, gazetteer)
    assert geocoder.provider is not None
    cache.put(geocoder.provider, "hangzhou", {"format": 1, "candidates": [{"nonsense": True}]})
    assert geocoder.geocode("hangzhou").source == "nominatim"
    assert "malformed geocode cache entry" in caplog.text
    assert "hangzhou" not in caplog.text  # queries may be home addresses: never logged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30.27, 120.15", (30.27, 120.15)),
        ("30.27,120.15", (30.27, 120.15)),
        ("30.27 120.15", (30.27, 120.15)),
        ("30.27；120.15", (30.27, 120.15)),  # full-width punctuation, as a Chinese keyboard types it
        ("30.27，120.15", (30.27, 120.15)),
        ("-33.87; 151.21", (-33.87, 151.21)),
        ("33.87S 151.21E", (-33.87, 151.21)),
        ("40.71 N, 74.01 W", (40.71, -74.01)),
        ("30°16'N 120°9'E", (30 + 16 / 60, 120.15)),
        ("Hangzhou", None),
        ("12 Main Street", None),
        ("310000", None),
    ],
)
def test_parse_coordinates(text: str, expected: tuple[float, float] | None) -> None:
    got = parse_coordinates(text)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


def test_parse_coordinates_out_of_range() -> None:
    with pytest.raises(CoordinatesOutOfRange):
        parse_coordinates("91, 0")
    with pytest.raises(CoordinatesOutOfRange):
        parse_coordinates("0, 181")


@pytest.mark.parametrize("lat", [0.0, 30.27449, 59.91, -89.9996, 89.9996])
def test_reduce_precision_moves_a_home_less_than_100_m(lat: float) -> None:
    lon = 120.15551
    rlat, rlon = reduce_precision(lat, lon)
    assert (rlat, rlon) == (round(lat, 3), round(lon, 3))
    assert geodesic_km((lat, lon), (rlat, rlon)) * 1000 <= 79.0  # half a 0.001° step each way
    assert reduce_precision(lat, lon, metres=1000) == (round(lat, 2), round(lon, 2))
    assert reduce_precision(lat, lon, metres=10) == (round(lat, 4), round(lon, 4))


def test_reduce_precision_edges() -> None:
    assert reduce_precision(-0.0001, -0.0001) == (0.0, 0.0)
    assert not math.copysign(1, reduce_precision(-0.0001, -0.0001)[0]) < 0
    assert reduce_precision(90.0, 180.0) == (90.0, 180.0)
    with pytest.raises(ValueError):
        reduce_precision(0, 0, metres=0)


def test_an_offline_only_call_never_waits_for_the_network(server: FakeNominatim, gazetteer: Gazetteer) -> None:
    server.mode = "slow"
    geocoder, _ = _geocoder(server, gazetteer)
    answer = geocoder.geocode("hangzhou", online=False)
    assert answer.source == "gazetteer" and answer.warning is None
    assert server.search_requests() == []
