"""`volunteer-app geocode` as people run it, against a local fake Nominatim (never the internet)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.cli import run_cli
from tests.unit.fake_nominatim import FakeNominatim


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim() as fake:
        yield fake


def geocode(*args: str, url: str | None = None, mode: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("geocode", *args, env={"VOLUNTEER_APP_NOMINATIM_URL": url, "VOLUNTEER_APP_GEOCODER": mode})


def test_online_answer_as_json_then_from_the_cache(server: FakeNominatim) -> None:
    done = geocode("南山路 杭州", "--json", url=server.url)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["query"] == "南山路 杭州"
    assert answer["warning"] is None
    (street,) = answer["candidates"]
    assert (street["source"], street["precision"], street["name"]) == ("nominatim", "street", "南山路")
    assert (street["latitude"], street["longitude"]) == pytest.approx((30.259244, 120.137003))
    again = json.loads(geocode("南山路 杭州", "--json", url=server.url).stdout)
    assert again["candidates"][0]["source"] == "cache"
    assert len(server.search_requests()) == 1  # the same address never goes out twice


def test_table_output(server: FakeNominatim) -> None:
    done = geocode("Hangzhou", url=server.url)
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.strip().splitlines()
    assert header.split() == ["#", "name", "latitude", "longitude", "source", "precision", "country"]
    assert row.split() == ["1", "杭州市", "30.248963", "120.205234", "nominatim", "city", "CN"]
    assert done.stderr == ""


def test_offline_uses_the_gazetteer(server: FakeNominatim) -> None:
    done = geocode("杭州", "--offline", "--json", url=server.url)
    assert done.returncode == 0, done.stderr
    best = json.loads(done.stdout)["candidates"][0]
    assert (best["name"], best["source"], best["precision"]) == ("Hangzhou", "gazetteer", "city")
    by_env = geocode("Hang Zhou", "--limit", "1", url=server.url, mode="offline")
    assert by_env.returncode == 0 and "gazetteer" in by_env.stdout
    assert server.search_requests() == []


def test_server_down_gives_the_gazetteer_and_a_warning() -> None:
    server = FakeNominatim().start()
    url = server.url
    server.stop()
    done = geocode("Hangzhou", url=url)
    assert done.returncode == 0
    assert "gazetteer" in done.stdout and "Hangzhou" in done.stdout
    assert "Traceback" not in done.stderr
    (warning,) = done.stderr.strip().splitlines()
    assert warning.startswith(f"volunteer-app: warning: Cannot reach the geocoder at {url}")
    assert "offline list" in warning


def test_nothing_found_anywhere() -> None:
    done = geocode("xyzzy qqq", "--offline")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == "volunteer-app: error: no place found for 'xyzzy qqq'; type coordinates as 'lat, lon'"


def test_typed_coordinates_and_bad_arguments() -> None:
    done = geocode("30.27, 120.15", "--json")
    assert done.returncode == 0, done.stderr
    (place,) = json.loads(done.stdout)["candidates"]
    assert (place["source"], place["precision"]) == ("coordinates", "exact")
    bad = geocode("Hangzhou", "--limit", "0")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == ["volunteer-app: error: --limit must be between 1 and 40, not 0"]
