"""A local stand-in for a Nominatim server, so no test touches the network.

    with FakeNominatim() as server:
        client = NominatimClient(server.url, timeout=0.5)
        server.mode = "slow"        # or "normal", "error", "garbage", "empty", "bad_shape", "forbidden"
        ...
        server.requests             # what arrived: time (monotonic), path, params, headers

It answers ``GET /search`` like Nominatim's ``format=json`` (what geopy asks
for), from a few canned places; unknown queries get ``[]``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"

WEST_LAKE_STREET = {
    "place_id": 232571203,
    "licence": LICENCE,
    "osm_type": "way",
    "osm_id": 236379051,
    "lat": "30.2592440",
    "lon": "120.1370030",
    "class": "highway",
    "type": "primary",
    "place_rank": 26,
    "importance": 0.10,
    "addresstype": "road",
    "name": "南山路",
    "display_name": "南山路, 湖滨街道, 上城区, 杭州市, 浙江省, 310002, 中国",
    "address": {
        "road": "南山路",
        "suburb": "湖滨街道",
        "city_district": "上城区",
        "city": "杭州市",
        "state": "浙江省",
        "postcode": "310002",
        "country": "中国",
        "country_code": "cn",
    },
    "boundingbox": ["30.2461820", "30.2593560", "120.1366510", "120.1549990"],
}

HANGZHOU_CITY = {
    "place_id": 241040836,
    "licence": LICENCE,
    "osm_type": "relation",
    "osm_id": 4095928,
    "lat": "30.2489634",
    "lon": "120.2052342",
    "class": "boundary",
    "type": "administrative",
    "place_rank": 12,
    "importance": 0.72,
    "addresstype": "city",
    "name": "杭州市",
    "display_name": "杭州市, 浙江省, 中国",
    "address": {"city": "杭州市", "state": "浙江省", "country": "中国", "country_code": "cn"},
    "boundingbox": ["29.1884229", "30.5658480", "118.3408000", "120.7218000"],
}

XIHU_DISTRICT = {
    "place_id": 241159002,
    "licence": LICENCE,
    "osm_type": "relation",
    "osm_id": 4095926,
    "lat": "30.2024500",
    "lon": "120.0583400",
    "class": "boundary",
    "type": "administrative",
    "place_rank": 16,
    "importance": 0.45,
    "addresstype": "suburb",
    "name": "西湖区",
    "display_name": "西湖区, 杭州市, 浙江省, 中国",
    "address": {"suburb": "西湖区", "city": "杭州市", "state": "浙江省", "country": "中国", "country_code": "cn"},
    "boundingbox": ["30.0581590", "30.3470470", "119.9672800", "120.1831300"],
}

CANNED: dict[str, list[dict[str, Any]]] = {
    "南山路 杭州": [WEST_LAKE_STREET],
    "nanshan road, hangzhou": [WEST_LAKE_STREET],
    "hangzhou": [HANGZHOU_CITY],
    "西湖区": [XIHU_DISTRICT],
}

MODES = ("normal", "slow", "error", "garbage", "empty", "bad_shape", "forbidden")


@dataclass(frozen=True)
class SeenRequest:
    at: float  # time.monotonic() when the request arrived
    path: str
    params: dict[str, str]
    headers: dict[str, str]


class FakeNominatim:
    """A threaded HTTP server on 127.0.0.1 at a free port; a context manager."""

    def __init__(self, *, mode: str = "normal", slow_seconds: float = 3.0) -> None:
        self.mode = mode
        self.slow_seconds = slow_seconds
        self.requests: list[SeenRequest] = []
        self.answers: dict[str, list[dict[str, Any]]] = {k.casefold(): v for k, v in CANNED.items()}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-nominatim", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def search_requests(self) -> list[SeenRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/search")]

    def start(self) -> FakeNominatim:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in "slow" mode
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeNominatim:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                split = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(split.query).items()}
                with fake._lock:
                    fake.requests.append(SeenRequest(time.monotonic(), split.path, params, dict(self.headers)))
                mode = fake.mode
                if split.path.rstrip("/") not in ("/search", "/nominatim/search"):
                    self._send(404, "text/plain", b"not found")
                elif mode == "slow":
                    fake._stopping.wait(fake.slow_seconds)
                    self._send_json([])
                elif mode == "error":
                    self._send(500, "text/html", b"<html><body>Internal Server Error</body></html>")
                elif mode == "forbidden":
                    self._send(403, "text/html", b"<html><body>Access blocked</body></html>")
                elif mode == "garbage":
                    self._send(200, "text/html; charset=utf-8", b"<html><body>Welcome to the hotel wifi</body></html>")
                elif mode == "bad_shape":
                    self._send_json([{"osm_id": 1, "display_name": "no coordinates here"}])
                elif mode == "empty":
                    self._send_json([])
                else:
                    found = fake.answers.get(" ".join(params.get("q", "").split()).casefold(), [])
                    limit = int(params.get("limit", "10"))
                    places = [dict(p) for p in found[:limit]]
                    if params.get("addressdetails") != "1":
                        for p in places:
                            p.pop("address", None)
                    self._send_json(places)

            def _send_json(self, data: Any) -> None:
                self._send(200, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode())

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (a timeout test): nothing to answer
                self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
                del format, args

        return Handler
