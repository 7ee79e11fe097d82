"""`schedule`, `proposals`, `accept` and `decline` as a volunteer runs them: separate processes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from tests.support.cli import run_cli
from tests.support.community import PASSWORD, Community, build
from tests.support.schedule_data import Planned, plan
from volunteer_app.domain.enums import SignupStatus
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup

# The planned stints are in May 2030: ahead of "now" while these tests can run.
assert datetime.now(UTC) < datetime(2030, 5, 1, tzinfo=UTC)

VOLUNTEER = "vol@example.org"


@pytest.fixture
def setup(db: Database, db_url: str) -> tuple[str, Community, Planned]:
    town = build(db)
    return db_url, town, plan(db, town)


def run(url: str, *args: str, user: str = VOLUNTEER) -> tuple[int, str, str]:
    done = run_cli("--database", url, *args, "--user", user, password=PASSWORD)
    return done.returncode, done.stdout, done.stderr


def test_schedule_as_text_json_and_ics(setup: tuple[str, Community, Planned], tmp_path: Path) -> None:
    url, _town, planned = setup
    code, out, err = run(url, "schedule")
    assert code == 0, err
    assert "Upcoming (3)" in out and "Proposals (2)" in out and "Waitlist (1)" in out and "Notices (1)" in out
    assert " Tue 7 May 2030" in out
    assert "09:00–11:00" in out and "Berlin" in out
    assert "Ask:   coord.a · +86 138 0000 0001 · coord.a@example.org" in out
    assert "3rd in line" in out
    assert "“Clean the river bank”" in out and "was cancelled by Riverside Community Centre." in out
    assert f"[{planned.garden_signup}] Garden clean-up" in out

    ics = tmp_path / "mine.ics"
    code, out, err = run(url, "schedule", "--json", "--ics", str(ics))
    assert code == 0, err
    data = json.loads(out)
    assert [i["title"] for i in data["upcoming"]] == ["Sort donations", "Phone a lonely neighbour", "Read to children"]
    read = data["upcoming"][2]
    assert read["local_start"] == "2030-05-10T09:00:00+08:00" and read["timezone"] == "Asia/Shanghai"
    assert read["where"] == "12 River Road, Hangzhou" and read["contact"]["of"] == "task"
    assert data["waitlist"][0]["position"] == 3 and data["waitlist"][0]["place"] == "3rd in line"
    assert data["ics"] == {"file": str(ics), "events": 3}
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == sorted(
        f"signup-{i}@volunteer-app" for i in (planned.read_signup, planned.sort_signup, planned.phone_signup)
    )


def test_accept_and_decline_from_the_command_line(setup: tuple[str, Community, Planned], db: Database) -> None:
    url, _town, planned = setup
    code, out, err = run(url, "proposals", "--json")
    assert code == 0, err
    proposals = json.loads(out)["proposals"]
    assert [(p["signup"], p["proposed"]) for p in proposals] == [
        (planned.garden_signup, "Proposed by coord.a"),
        (planned.parcels_signup, "Suggested by the matching engine (run by coord.a)"),
    ]
    code, out, err = run(url, "accept", str(planned.garden_signup))
    assert code == 0, err
    assert out.startswith("Confirmed: Garden clean-up, Sun 12 May 2030, 09:00–12:00")
    code, out, err = run(url, "decline", str(planned.parcels_signup))
    assert code == 0, err
    assert "Declined: Deliver parcels" in out and "not be proposed to you again" in out
    with db.read() as s:
        assert s.get(Signup, planned.garden_signup).status is SignupStatus.CONFIRMED  # type: ignore[union-attr]
        assert s.get(Signup, planned.parcels_signup).status is SignupStatus.DECLINED  # type: ignore[union-attr]
    code, out, _err = run(url, "proposals")
    assert code == 0 and out.strip() == "No proposals waiting for your answer."


def test_refusals_are_one_line(setup: tuple[str, Community, Planned]) -> None:
    url, _town, planned = setup
    code, out, err = run(url, "accept", str(planned.garden_signup), user="vol.b@example.org")  # not theirs
    assert code == 2 and out == ""
    assert err.strip().startswith("volunteer-app: error: You may not change this signup")
    assert len(err.strip().splitlines()) == 1
    code, _out, err = run(url, "decline", "999999")
    assert code == 2 and "No signup 999999." in err
    code, _out, err = run(url, "accept", "not-a-number")
    assert code == 2 and ("SIGNUP_ID" in err or "invalid int" in err)


def test_an_empty_schedule_says_what_to_do(db: Database, db_url: str) -> None:
    build(db)
    code, out, err = run(db_url, "schedule", user="vol.b@example.org")
    assert code == 0, err
    assert out.strip() == (
        "Nothing planned yet. Find a task with `volunteer-app suggest --volunteer EMAIL --user EMAIL`."
    )
