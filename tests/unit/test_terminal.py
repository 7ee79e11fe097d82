"""The CLI's terminal filter: control characters are shown as escapes, JSON stays JSON."""

from __future__ import annotations

import io
import json
import sys

from volunteer_app.cli import terminal
from volunteer_app.cli.geocode_command import _table
from volunteer_app.services.places import Place

TITLE_ESC = "Park \x1b]0;owned\x07clean-up"
EVERY_KIND = "a\x00b\rc\x1b[2Jd\x7fe\x85f\x9bg\u202eh\u2066i\u2069j"


def test_escape_controls_makes_every_kind_visible_and_keeps_newlines_and_tabs() -> None:
    assert terminal.escape_controls(TITLE_ESC) == "Park \\x1b]0;owned\\x07clean-up"
    shown = terminal.escape_controls(EVERY_KIND)
    assert shown == "a\\x00b\\x0dc\\x1b[2Jd\\u007fe\\u0085f\\u009bg\\u202eh\\u2066i\\u2069j"
    assert terminal.escape_controls("line one\n\tline two 杭州 é") == "line one\n\tline two 杭州 é"
    assert all(ord(ch) >= 0x20 for ch in shown)


def test_json_through_the_filter_is_still_json_with_the_same_strings() -> None:
    data = {"title": TITLE_ESC + EVERY_KIND, "name": "西湖\u202eevil"}
    out = io.StringIO()
    stream = terminal.SafeStream(out)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2))
    text = out.getvalue()
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text
    assert json.loads(text) == data


def test_filtered_output_wraps_stdout_and_stderr_and_restores_them(capsys: object) -> None:
    before = sys.stdout, sys.stderr
    with terminal.filtered_output():
        assert isinstance(sys.stdout, terminal.SafeStream) and isinstance(sys.stderr, terminal.SafeStream)
        print(TITLE_ESC)
        print("err \u202e", file=sys.stderr)
        with terminal.filtered_output():  # nested: wrapped once
            assert not isinstance(sys.stdout.wrapped, terminal.SafeStream)  # type: ignore[attr-defined]
    assert (sys.stdout, sys.stderr) == before
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    assert captured.out == "Park \\x1b]0;owned\\x07clean-up\n"
    assert captured.err == "err \\u202e\n"


def test_geocoder_table_never_carries_raw_controls() -> None:
    place = Place(name="Evil \x1b]0;x\x07 \u202eTown", latitude=30.25, longitude=120.2, source="nominatim",
                  precision="city", country_code="cn")  # fmt: skip
    out = io.StringIO()
    terminal.SafeStream(out).write(_table([place]) + "\n")
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert "Evil \\x1b]0;x\\x07 \\u202eTown" in out.getvalue()
