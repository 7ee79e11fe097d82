"""The foundation's "done when": a fresh database filled by `demo --json` reports itself at head, on both backends."""

from __future__ import annotations

import json

from tests.support.cli import run_cli as run
from volunteer_app.store.migrate import head_revision


def test_demo_then_status_then_suggest_on_a_fresh_database(empty_db_url: str) -> None:
    demo = run("--database", empty_db_url, "demo", "--json", "--volunteers", "40", "--tasks", "15", "--seed", "8")
    assert demo.returncode == 0, demo.stderr
    accounts = json.loads(demo.stdout)["accounts"]
    assert {a["role"] for a in accounts} == {"site_admin", "admin", "coordinator", "volunteer"}
    status = run("--database", empty_db_url, "db", "status", "--json")
    assert status.returncode == 0, status.stderr
    state = json.loads(status.stdout)
    assert state["at_head"] is True and state["current"] == state["head"] == head_revision()
    volunteer = next(a for a in accounts if a["role"] == "volunteer")
    suggest = run("--database", empty_db_url, "suggest", "--volunteer", volunteer["email"], "--json",
                  "--user", volunteer["email"], password=volunteer["password"])  # fmt: skip
    assert suggest.returncode == 0, suggest.stderr
    assert "suggestions" in json.loads(suggest.stdout)
