"""The Nominatim client against a local fake server: answers, failures, the rate limit."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.unit.fake_nominatim import FakeNominatim
from volunteer_app import __version__
from volunteer_app.geo.nominatim import GeocodingUnavailable, NominatimClient, parse_endpoint, precision_of


def fast_client(url: str, timeout: float) -> NominatimClient:
    """No pause between requests and no retries: for the tests that are not about the rate limit."""
    return NominatimClient(url, timeout=timeout, min_delay_seconds=0.0, max_retries=0)


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim() as fake:
        yield fake


def test_answers_with_places_and_identifies_itself(server: FakeNominatim) -> None:
    client = fast_client(server.url, timeout=2)
    places = client.search("南山路 杭州")
    assert len(places) == 1
    street = places[0]
    assert (street.name, street.source, street.precision, street.country_code) == (
        "南山路",
        "nominatim",
        "street",
        "CN",
    )
    assert (street.latitude, street.longitude) == pytest.approx((30.259244, 120.137003))
    assert street.display_name and "杭州市" in street.display_name
    (request,) = server.search_requests()
    assert request.headers["User-Agent"].startswith(f"volunteer-app/{__version__} (+")
    assert request.params["q"] == "南山路 杭州"
    assert request.params["format"] == "json"
    assert request.params["addressdetails"] == "1"
    assert request.params["limit"] == "10"


def test_nothing_found_is_an_empty_list(server: FakeNominatim) -> None:
    client = fast_client(server.url, timeout=2)
    assert client.search("no such place anywhere") == []
    server.mode = "empty"
    assert client.search("hangzhou") == []


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("error", "server_error"), ("garbage", "bad_reply"), ("bad_shape", "bad_reply"), ("forbidden", "refused")],
)
def test_failures_become_one_clear_error(server: FakeNominatim, mode: str, reason: str) -> None:
    server.mode = mode
    client = fast_client(server.url, timeout=2)
    with pytest.raises(GeocodingUnavailable) as caught:
        client.search("hangzhou")
    assert caught.value.reason == reason
    assert server.url in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_slow_server_times_out() -> None:
    with FakeNominatim(mode="slow", slow_seconds=5) as server:
        client = fast_client(server.url, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(GeocodingUnavailable) as caught:
            client.search("hangzhou")
        waited = time.monotonic() - started
    assert caught.value.reason == "timeout"
    assert "0.3 seconds" in str(caught.value)
    assert waited < 5  # gave up before the server answered


def test_a_server_that_is_down_is_unreachable() -> None:
    server = FakeNominatim().start()
    url = server.url
    server.stop()
    client = fast_client(url, timeout=1)
    with pytest.raises(GeocodingUnavailable) as caught:
        client.search("hangzhou")
    assert caught.value.reason == "unreachable"
    assert str(caught.value).startswith(f"Cannot reach the geocoder at {url}")


def test_failed_requests_are_retried_a_second_apart(server: FakeNominatim) -> None:
    """The policy's one request a second holds for retries too (server timestamps, not client timing)."""
    server.mode = "error"
    client = NominatimClient(server.url, timeout=2)  # the defaults: 2 retries, 1 s apart
    with pytest.raises(GeocodingUnavailable):
        client.search("hangzhou")
    times = [r.at for r in server.search_requests()]
    assert len(times) == 3
    # 20 ms allowance for the two requests' different delays in reaching the server.
    assert all(later - earlier >= 0.98 for earlier, later in itertools.pairwise(times))


def test_successive_requests_are_spaced_a_second_apart(server: FakeNominatim) -> None:
    client = NominatimClient(server.url, timeout=2)
    client.search("hangzhou")
    client.search("西湖区")
    first, second = (r.at for r in server.search_requests())
    assert second - first >= 0.98


@pytest.mark.parametrize(
    ("url", "scheme", "domain"),
    [
        ("https://nominatim.openstreetmap.org", "https", "nominatim.openstreetmap.org"),
        ("https://nominatim.openstreetmap.org/", "https", "nominatim.openstreetmap.org"),
        ("http://127.0.0.1:8080", "http", "127.0.0.1:8080"),
        ("https://maps.example.org/nominatim/", "https", "maps.example.org/nominatim"),
        ("https://maps.example.org/nominatim/search", "https", "maps.example.org/nominatim"),
    ],
)
def test_endpoint_urls(url: str, scheme: str, domain: str) -> None:
    assert parse_endpoint(url) == (scheme, domain)


@pytest.mark.parametrize("url", ["", "nominatim.example.org", "ftp://example.org", "https://"])
def test_unusable_endpoint_urls(url: str) -> None:
    with pytest.raises(GeocodingUnavailable) as caught:
        parse_endpoint(url)
    assert caught.value.reason == "config"


def test_a_path_prefix_is_kept(server: FakeNominatim) -> None:
    client = fast_client(server.url + "/nominatim", timeout=2)
    assert client.search("hangzhou")[0].precision == "city"
    assert server.search_requests()[0].path == "/nominatim/search"


@pytest.mark.parametrize(
    ("raw", "precision"),
    [
        ({"addresstype": "road", "class": "highway", "type": "primary"}, "street"),
        ({"addresstype": "house", "class": "place", "type": "house"}, "street"),
        ({"addresstype": "building", "class": "building", "type": "yes"}, "street"),
        ({"class": "amenity", "type": "school"}, "street"),
        ({"addresstype": "suburb", "class": "boundary", "type": "administrative"}, "district"),
        ({"addresstype": "neighbourhood", "class": "place", "type": "neighbourhood"}, "district"),
        ({"addresstype": "city", "class": "boundary", "type": "administrative"}, "city"),
        ({"addresstype": "town", "class": "place", "type": "town"}, "city"),
        ({"addresstype": "village", "class": "place", "type": "village"}, "city"),
        ({"addresstype": "state", "class": "boundary", "type": "administrative"}, "region"),
        ({"addresstype": "country", "class": "boundary", "type": "administrative"}, "country"),
        ({"category": "place", "type": "city"}, "city"),  # jsonv2 spells class "category"
        ({"class": "boundary", "type": "administrative"}, "region"),
        ({}, "region"),
    ],
)
def test_precision_from_nominatim_fields(raw: dict[str, Any], precision: str) -> None:
    assert precision_of(raw) == precision


def test_answer_language_is_asked_for_and_kept_apart_in_the_cache(server: FakeNominatim) -> None:
    client = NominatimClient(server.url, timeout=2, language="zh-CN,zh,en", min_delay_seconds=0.0, max_retries=0)
    client.search("hangzhou")
    assert server.search_requests()[0].params["accept-language"] == "zh-CN,zh,en"
    assert client.provider != fast_client(server.url, timeout=2).provider
