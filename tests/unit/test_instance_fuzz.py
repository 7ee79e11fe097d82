"""Fuzzing the matching-instance reader and `volunteer-app match` with Hypothesis.

Valid instances are generated, then broken the ways files break: a field replaced by a huge,
negative, odd or wrongly typed value, a string with a lone surrogate, controls or a million
characters, JSON nested thousands deep, NaN and 1e400, a list blown past its limit, the bytes
re-encoded or cut. Whatever comes out, the reader either accepts it (and the solve finishes)
or raises ``InstanceError`` with one short line; the CLI exits 2 with one line on stderr and
never a traceback. ``bench/fuzz.py`` runs the same generator for thousands of cases under
memory and time limits. Reproducible: derandomized, no example database.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.cli import run_cli
from volunteer_app.matching import InstanceError, assign, decode_instance

DEEP = "@@deep@@"


def _time(day: int, minute: int) -> str:
    return f"2026-12-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00+08:00"


@st.composite
def valid_instances(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid instance: a few volunteers and tasks around one city, shifts and windows."""
    skills = ["first_aid", "driving", "cooking"]
    level = st.integers(1, 5)
    location = st.one_of(st.none(), st.tuples(st.floats(30.2, 30.3), st.floats(120.1, 120.2)).map(list))
    vols = []
    for i in range(draw(st.integers(1, 4))):
        day, start = draw(st.integers(1, 7)), draw(st.integers(0, 16 * 60))
        vol: dict[str, Any] = {
            "id": f"v{i}",
            "location": draw(location),
            "radius_km": draw(st.floats(0.5, 30)),
            "skills": draw(st.dictionaries(st.sampled_from(skills), level, max_size=2)),
            "free": [[_time(day, start), _time(day, start + draw(st.integers(30, 7 * 60)))]],
        }
        if draw(st.booleans()):
            vol["max_minutes"] = draw(st.integers(0, 600))
        vols.append(vol)
    tasks = []
    for j in range(draw(st.integers(1, 4))):
        day, start, length = draw(st.integers(1, 7)), draw(st.integers(0, 16 * 60)), draw(st.integers(15, 6 * 60))
        task: dict[str, Any] = {
            "id": f"t{j}",
            "location": draw(location),
            "requires": draw(st.dictionaries(st.sampled_from(skills), level, max_size=2)),
            "slots": draw(st.integers(1, 4)),
            "priority": draw(st.integers(1, 5)),
        }
        if draw(st.booleans()):
            task["start"], task["end"] = _time(day, start), _time(day, start + length)
        else:
            task["window"] = [_time(day, start), _time(day, start + length + 60)]
            task["minutes"] = length
        tasks.append(task)
    data: dict[str, Any] = {"format": "volunteer-app.matching-instance", "version": 1,
                            "volunteers": vols, "tasks": tasks}  # fmt: skip
    if draw(st.booleans()):
        data["fixed"] = [{"volunteer": vols[0]["id"], "task": tasks[0]["id"], "start": tasks[0].get("start")
                          or tasks[0]["window"][0]}]  # fmt: skip
    return data


#: Values a field may be replaced with: extreme, odd, wrongly typed.
ODD_VALUES = st.one_of(
    st.sampled_from(
        [
            10**400,
            -(10**400),
            2**63,
            -(2**63) - 1,
            10**20,
            0,
            -1,
            -0.0,
            1e308,
            -1e308,
            5e-324,
            math.inf,
            -math.inf,
            math.nan,
            True,
            False,
            None,
            "",
            " ",
            "NaN",
            "1e400",
            [],
            {},
            [[]],
            [None, None],
            [1e400, 0],
            "v\ud800",
            "\udfff",
            "x" * 1_000_000,
            "\x1b]0;owned\x07",
            "\u202eevil",
            "t\x00",
            DEEP,
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+23:59",
            "2026-12-05T10:00:00",
            "2026-02-30T10:00:00+08:00",
            "2026-12-05T10:00:00+08:00" * 1000,
            ["0001-01-01T00:00:00+00:00", "9999-12-31T00:00:00+00:00"],
            ["2026-12-05T10:00:00+08:00", "2026-12-05T09:00:00+08:00"],
            [["2026-01-01T00:00:00+08:00", "2026-12-31T00:00:00+08:00"]] * 3,
        ]
    ),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(-5, 5), max_size=3),
)

TOP_KEYS = ["format", "version", "volunteers", "tasks", "fixed", "excluded"]
VOLUNTEER_KEYS = ["id", "location", "radius_km", "skills", "free", "max_minutes", "caps"]
TASK_KEYS = ["id", "location", "requires", "slots", "priority", "start", "end", "window", "minutes"]


@st.composite
def broken_texts(draw: st.DrawFn) -> bytes:
    """A valid instance with one to three things broken, as the bytes of a file."""
    data = draw(valid_instances())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "volunteer", "task", "grow", "drop", "list"]))
        if where == "top":
            data[draw(st.sampled_from(TOP_KEYS))] = draw(ODD_VALUES)
        elif where in ("volunteer", "task") and isinstance(data.get(where + "s"), list) and data[where + "s"]:
            items = data[where + "s"]
            item = items[draw(st.integers(0, len(items) - 1))]
            if isinstance(item, dict):
                item[draw(st.sampled_from(VOLUNTEER_KEYS if where == "volunteer" else TASK_KEYS))] = draw(ODD_VALUES)
        elif where == "grow" and isinstance(data.get("volunteers"), list) and data["volunteers"]:
            # Past a count limit: free intervals, caps or skills of one volunteer.
            vol = data["volunteers"][0]
            if isinstance(vol, dict):
                key = draw(st.sampled_from(["free", "caps", "skills"]))
                n = draw(st.sampled_from([101, 1001, 5001]))
                vol[key] = {f"s{k}": 1 for k in range(n)} if key == "skills" else [vol.get("free", [[0, 0]])[0]] * n
        elif where == "drop" and isinstance(data.get("tasks"), list) and data["tasks"]:
            task = data["tasks"][0]
            if isinstance(task, dict) and task:
                task.pop(draw(st.sampled_from(sorted(task))), None)
        elif where == "list":
            data[draw(st.sampled_from(["volunteers", "tasks"]))] = draw(st.lists(ODD_VALUES, max_size=3))
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace(json.dumps(DEEP), "[" * 3000 + "]" * 3000)
    raw = text.encode("utf-8", errors="surrogatepass")
    how = draw(st.sampled_from(["plain"] * 6 + ["bom", "utf16", "cut", "garbage"]))
    if how == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif how == "utf16":
        raw = text.encode("utf-16", errors="surrogatepass")
    elif how == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif how == "garbage":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


def read_or_refuse(raw: bytes) -> bool:
    """True if the reader accepts ``raw`` (and then solves it), False if it refuses it properly."""
    try:
        instance = decode_instance(raw, "fuzz.json")
    except InstanceError as exc:
        text = str(exc)
        assert "\n" not in text and 0 < len(text) < 400, text
        return False
    result = assign(instance)
    assert result.objective >= 0
    return True


FUZZ = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@FUZZ
@given(valid_instances())
def test_generated_valid_instances_are_accepted_and_solved(data: dict[str, Any]) -> None:
    assert read_or_refuse(json.dumps(data).encode())


@FUZZ
@given(broken_texts())
def test_broken_instances_are_accepted_or_refused_in_one_line(raw: bytes) -> None:
    read_or_refuse(raw)


@settings(FUZZ, max_examples=20)
@given(broken_texts())
def test_the_cli_exits_2_with_one_line_on_broken_instances(tmp_path_factory: Any, raw: bytes) -> None:
    accepted = read_or_refuse(raw)
    path = Path(tmp_path_factory.mktemp("fuzz")) / "case.json"
    path.write_bytes(raw)
    done: subprocess.CompletedProcess[str] = run_cli("match", str(path), "-o", str(path.with_suffix(".out")),
                                                     timeout=120)  # fmt: skip
    assert "Traceback" not in done.stderr
    if accepted:
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 500, lines
    assert not path.with_suffix(".out").exists()
