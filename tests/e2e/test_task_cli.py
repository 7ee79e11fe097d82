"""`volunteer-app task …`, `tasks`, `orgs` and `org show|set`, run as a separate process."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from tests.db.test_organisations import tiny_png
from tests.support.cli import run_cli
from tests.support.community import PASSWORD, build
from volunteer_app.domain.enums import Role, SignupSource, SignupStatus, TaskKind, TaskStatus
from volunteer_app.services import accounts, notices, organisations
from volunteer_app.store.database import Database
from volunteer_app.store.models import Signup, Task, TaskOccurrence

COORD = ["--user", "coord.a@example.org"]


def cli(db_url: str, *args: str) -> tuple[int, str, str]:
    done = run_cli("--database", db_url, *args, password=PASSWORD)
    return done.returncode, done.stdout, done.stderr


def test_post_a_weekly_task_cancel_one_date_then_the_series(db_url: str) -> None:
    db = Database(db_url)
    try:
        town = build(db)
        code, out, err = cli(
            db_url, "task", "create", *COORD, "--organisation", "riverside", "--title", "Read to children",
            "--start", "2031-03-01T10:00", "--end", "2031-03-01T12:00", "--repeat-weekly-until", "2031-03-22",
            "--slots", "2", "--priority", "4", "--skill", "first_aid=2", "--remote", "--category", "education",
            "--contact", "coord.a@example.org", "--json",
        )  # fmt: skip
        assert code == 0, err
        task = json.loads(out)
        assert task["status"] == "draft" and task["timezone"] == "Asia/Shanghai"
        assert task["starts_at"] == "2031-03-01T02:00:00+00:00"  # 10:00 on the organisation's clock
        assert task["skills"] == {"first_aid": 2} and task["remote"] and task["contact"] == "coord.a"
        assert len(task["occurrences"]) == 4
        task_id = str(task["id"])

        code, out, err = cli(db_url, "task", "edit", task_id, *COORD, "--window-start", "2031-03-01T09:00",
                             "--window-end", "2031-03-01T17:00", "--minutes", "90")  # fmt: skip
        assert code == 0, err
        assert "between 09:00 and 17:00, 1 h 30 min" in out

        code, out, err = cli(db_url, "task", "publish", task_id, *COORD)
        assert code == 0 and f"task {task_id} published" in out, err
        code, out, err = cli(db_url, "tasks", *COORD, "--filter", "remote", "--json")
        assert [r["title"] for r in json.loads(out)] == ["Read to children"]

        with db.transaction() as s:
            occ = s.scalars(select(TaskOccurrence).where(TaskOccurrence.task_id == int(task_id))
                            .order_by(TaskOccurrence.starts_at)).all()[1]  # fmt: skip
            second = occ.id
            s.add(Signup(occurrence_id=occ.id, person_id=town.volunteer.person_id, status=SignupStatus.CONFIRMED,
                         source=SignupSource.SELF, starts_at=occ.starts_at, ends_at=occ.ends_at))  # fmt: skip
        code, out, err = cli(db_url, "task", "cancel", "--occurrence", str(second), "--reason", "Hall closed", *COORD)
        assert code == 0, err
        assert out.strip() == f"date #{second} of task {task_id} cancelled: 1 date(s), 1 signup(s) ended, 1 volunteer told"
        assert [n.kind for n in notices.list_notices(db, town.volunteer)] == ["occurrence_cancelled"]

        code, out, err = cli(db_url, "task", "duplicate", task_id, *COORD, "--json")
        assert code == 0, err
        copy = json.loads(out)
        assert copy["id"] != int(task_id) and copy["status"] == "draft" and copy["kind"] == "flexible"

        code, out, err = cli(db_url, "task", "cancel", task_id, *COORD, "--json")
        assert code == 0, err
        assert json.loads(out)["dates"] == 3  # the one cancelled before is not counted again
        with db.read() as s:
            stored = s.get(Task, int(task_id))
            assert stored is not None and stored.status is TaskStatus.CANCELLED and stored.kind is TaskKind.FLEXIBLE

        # Mistakes are one line and status 2.
        code, _out, err = cli(db_url, "task", "close", task_id, *COORD)
        assert code == 2 and err.count("\n") == 1 and "is cancelled" in err
        code, _out, err = cli(db_url, "task", "cancel", *COORD)
        assert code == 2 and "name the task" in err
        code, _out, err = cli(db_url, "task", "publish", str(town.task_b), *COORD)
        assert code == 2 and "Hillside Food Bank" in err
    finally:
        db.dispose()


def test_orgs_list_and_ambiguous_names(db_url: str) -> None:
    db = Database(db_url)
    try:
        town = build(db)
        organisations.create_organisation(db, town.admin, "Riverside Youth Club")
        code, out, err = cli(db_url, "orgs", *COORD, "--json")
        assert code == 0, err
        rows = {r["name"]: r for r in json.loads(out)}
        assert rows["Riverside Community Centre"]["my_roles"] == ["coordinator"]
        assert rows["Riverside Community Centre"]["open_tasks"] == 1
        code, out, err = cli(db_url, "orgs", *COORD)
        assert code == 0 and out.splitlines()[0].split()[:2] == ["id", "name"]
        code, _out, err = cli(db_url, "org", "show", "riverside", *COORD)
        assert code == 2
        assert err.strip() == (
            "volunteer-app: error: 'riverside' matches 2 organisations: “Riverside Community Centre”, "
            "“Riverside Youth Club”. Type more of the name."
        )
    finally:
        db.dispose()


def test_org_set_by_an_org_admin_and_refused_for_a_coordinator(db_url: str, tmp_path: Path) -> None:
    db = Database(db_url)
    try:
        town = build(db)
        code, _out, err = cli(db_url, "org", "set", "community", "--handler", "Me", *COORD)
        assert code == 2 and "Only the admins of Riverside Community Centre" in err
        accounts.grant_role(db, town.admin, "coord.a@example.org", town.org_a, Role.ADMIN)
        seal = tmp_path / "seal.png"
        seal.write_bytes(tiny_png())
        code, out, err = cli(db_url, "org", "set", "community", "--handler", "王芳", "--credit-step-minutes", "6",
                             "--min-attendance-percent", "60", "--cap-to-stint", "yes", "--timezone", "Asia/Hong_Kong",
                             "--seal", str(seal), *COORD)  # fmt: skip
        assert code == 0, err
        assert "Hours are rounded down to 6 minutes (tenths of an hour)." in out
        code, out, err = cli(db_url, "org", "show", "community", *COORD, "--json")
        shown = json.loads(out)
        assert shown["handler"] == "王芳" and shown["min_attendance_percent"] == 60
        assert shown["seal"] == {"type": "image/png", "bytes": len(tiny_png())}
        bad = tmp_path / "seal.svg"
        bad.write_text("not an image")
        code, _out, err = cli(db_url, "org", "set", "community", "--seal", str(bad), *COORD)
        assert code == 2 and "PNG or SVG" in err
    finally:
        db.dispose()
