"""`match`, `suggest` and `assign` as a user runs them: separate processes, real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli as run
from volunteer_app import matching
from volunteer_app.matching.generate import random_instance


def _placements(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted((a["volunteer"], a["task"], a["start"]) for a in result["assignments"])


def test_match_solves_a_file_and_writes_the_result(tmp_path: Path) -> None:
    instance = random_instance(60, 20, 5)
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(matching.instance_to_json(instance)), encoding="utf-8")
    out = tmp_path / "result.json"
    done = run("match", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["format"] == "volunteer-app.matching-result" and result["version"] == 1
    assert result["assignments"]
    # objective is what the assignments add up to
    tasks = {t.id: t for t in instance.tasks}
    total = sum(1000 * tasks[a["task"]].priority - a["distance_km"] for a in result["assignments"])
    assert result["objective"] == pytest.approx(total)
    again = run("match", str(path))
    assert again.returncode == 0 and json.loads(again.stdout)["assignments"] == result["assignments"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["tasks"][1].update(end="2020-01-01T00:00:00+08:00"), "tasks[1]"),
        (lambda d: d["volunteers"][0].update(location=[91.0, 120.0]), "volunteers[0]"),
        (lambda d: d["volunteers"].append(dict(d["volunteers"][0])), "volunteers[2]"),
        (lambda d: d["tasks"][0].pop("slots"), "slots"),
    ],
)
def test_a_malformed_instance_is_refused_with_one_line(tmp_path: Path, change: Any, named: str) -> None:
    data = matching.instance_to_json(random_instance(2, 3, 1))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = run("match", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr


def test_match_refuses_a_missing_or_broken_file(tmp_path: Path) -> None:
    done = run("match", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "nope.json" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    done = run("match", str(broken))
    assert done.returncode == 2 and "line 1" in done.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    done = run("--database", url, "demo", "--json", "--volunteers", "80", "--tasks", "30", "--seed", "4", "--lang", "en")
    assert done.returncode == 0, done.stderr
    return url, json.loads(done.stdout)


def _account(report: dict[str, Any], role: str) -> dict[str, Any]:
    return next(a for a in report["accounts"] if a["role"] == role)


def test_assign_on_the_demo_matches_the_file_path_and_applies(
    demo_db: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    url, report = demo_db
    coord = _account(report, "coordinator")
    exported = tmp_path / "exported.json"
    dry = run("--database", url, "assign", "--organisation", coord["organisation"], "--json",
              "--export-instance", str(exported), "--user", coord["email"], password=coord["password"])  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    proposal = json.loads(dry.stdout)
    assert proposal["applied"] is False and proposal["proposals"]
    solved = run("match", str(exported))
    assert solved.returncode == 0, solved.stderr
    assert _placements(json.loads(solved.stdout)) == _placements(proposal["result"])
    applied = run("--database", url, "assign", "--organisation", coord["organisation"], "--apply", "--json",
                  "--user", coord["email"], password=coord["password"])  # fmt: skip
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["applied"] is True
    # A volunteer may not run the engine for an organisation.
    volunteer = _account(report, "volunteer")
    refused = run("--database", url, "assign", "--organisation", coord["organisation"],
                  "--user", volunteer["email"], password=volunteer["password"])  # fmt: skip
    assert refused.returncode == 2 and "not a coordinator" in refused.stderr


def test_suggest_on_the_demo_gives_ranked_reasons(demo_db: tuple[str, dict[str, Any]]) -> None:
    url, report = demo_db
    volunteers = [a for a in report["accounts"] if a["role"] == "volunteer"]
    shown = 0
    for volunteer in volunteers[:15]:
        done = run("--database", url, "suggest", "--volunteer", volunteer["email"], "--json", "--limit", "5",
                   "--user", volunteer["email"], password=volunteer["password"])  # fmt: skip
        assert done.returncode == 0, done.stderr
        suggestions = json.loads(done.stdout)["suggestions"]
        assert len(suggestions) <= 5
        for s in suggestions:
            codes = {r["code"] for r in s["reasons"]}
            assert codes & {"distance", "remote"} and "free_slot" in codes and s["title"]
        waitlist = [s["waitlist"] for s in suggestions]
        assert waitlist == sorted(waitlist), "full tasks come after open ones"
        shown += len(suggestions)
    assert shown > 0, "the demo must have suggestions for some of its volunteers"
    wrong = run("--database", url, "suggest", "--volunteer", "nobody@example.org",
                "--user", volunteers[0]["email"], password=volunteers[0]["password"])  # fmt: skip
    # An unknown email gets the very refusal someone else's does: no answer tells which emails exist.
    theirs = run("--database", url, "suggest", "--volunteer", volunteers[1]["email"],
                 "--user", volunteers[0]["email"], password=volunteers[0]["password"])  # fmt: skip
    assert wrong.returncode == theirs.returncode == 2
    assert wrong.stderr == theirs.stderr and "suggestions only for yourself" in wrong.stderr


def test_suggest_text_names_the_occurrence_that_signup_takes(demo_db: tuple[str, dict[str, Any]]) -> None:
    url, report = demo_db
    for volunteer in [a for a in report["accounts"] if a["role"] == "volunteer"][:15]:
        args = ("--database", url, "suggest", "--volunteer", volunteer["email"], "--limit", "3",
                "--user", volunteer["email"])
        as_json = run(*args, "--json", password=volunteer["password"])
        suggestions = json.loads(as_json.stdout)["suggestions"]
        if not suggestions:
            continue
        text = run(*args, password=volunteer["password"])
        assert text.returncode == 0, text.stderr
        for s in suggestions:
            assert f"[occurrence {s['occurrence']}]" in text.stdout
            assert s["when"] in text.stdout  # the task's time as timefmt writes it
        assert "km from you." in text.stdout or "remotely" in text.stdout
        return
    pytest.fail("no demo volunteer had a suggestion")


def test_assign_text_names_why_slots_stay_open_in_words(demo_db: tuple[str, dict[str, Any]]) -> None:
    from volunteer_app.matching.reasons import UNFILLED_CODES

    url, report = demo_db
    coord = _account(report, "coordinator")
    done = run("--database", url, "assign", "--organisation", coord["organisation"],
               "--user", coord["email"], password=coord["password"])  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not any(code in done.stdout for code in UNFILLED_CODES)
    if "slots stay open" in done.stdout:
        assert " because " in done.stdout
    if " 0 placements proposed" not in done.stdout:
        assert "as good as the best possible assignment (proven bound" in done.stdout


def test_columns_line_up_with_chinese_names() -> None:
    from volunteer_app.cli.match_commands import display_width, pad

    assert display_width("吴明") == 4 and display_width("Ann") == 3 and display_width("社区 A") == 6
    rows = [pad(name, 8) + "|" for name in ("吴明", "Ann Lee", "欧阳娜娜")]
    assert {display_width(row) for row in rows} == {9}


def _explain_instance(tmp_path: Path) -> Path:
    here = [30.27, 120.15]
    data = {
        "format": "volunteer-app.matching-instance",
        "version": 1,
        "volunteers": [
            {"id": "ann", "location": here, "radius_km": 5, "skills": {},
             "free": [["2026-12-05T09:00:00+08:00", "2026-12-05T12:00:00+08:00"]]},
            {"id": "bob", "location": [30.297, 120.15], "radius_km": 5, "skills": {},
             "free": [["2026-12-05T09:00:00+08:00", "2026-12-05T12:00:00+08:00"]]},
        ],
        "tasks": [
            {"id": "near", "location": here, "requires": {}, "slots": 1,
             "start": "2026-12-05T10:00:00+08:00", "end": "2026-12-05T11:00:00+08:00"},
            {"id": "far", "location": [30.40, 120.15], "requires": {}, "slots": 1,
             "start": "2026-12-05T10:00:00+08:00", "end": "2026-12-05T11:00:00+08:00"},
        ],
    }  # fmt: skip
    path = tmp_path / "explain.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_match_explain_names_the_rule_with_its_figure(tmp_path: Path) -> None:
    path = _explain_instance(tmp_path)
    done = run("match", str(path), "--explain", "ann", "far")
    assert done.returncode == 0, done.stderr
    assert "distance" in done.stdout and "14.4" in done.stdout and "5 km" in done.stdout
    assert not done.stdout.lstrip().startswith("{")  # the explanation, not the result file


def test_match_explain_says_what_a_feasible_pair_would_displace(tmp_path: Path) -> None:
    path = _explain_instance(tmp_path)
    out = tmp_path / "result.json"
    done = run("match", str(path), "-o", str(out), "--explain", "bob", "near")
    assert done.returncode == 0, done.stderr
    assert "would displace" in done.stdout and "ann from near" in done.stdout
    assert "The objective would change by -2.99" in done.stdout  # bob travels 2.99 km further
    assert json.loads(out.read_text(encoding="utf-8"))["assignments"][0]["volunteer"] == "ann"


def test_match_explain_refuses_an_unknown_id_in_one_line(tmp_path: Path) -> None:
    done = run("match", str(_explain_instance(tmp_path)), "--explain", "zoe", "near")
    assert done.returncode == 2 and "'zoe'" in done.stderr and len(done.stderr.strip().splitlines()) == 1
