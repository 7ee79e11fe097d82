"""The Auto-assign page: run the engine for a period, review, accept some or all, read why places stay open."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.support.community import Community, shift
from volunteer_app.domain.enums import Role, SignupSource, SignupStatus, TaskStatus
from volunteer_app.gui.assign_page import AssignPage
from volunteer_app.gui.list_tables import select_row
from volunteer_app.services import accounts, tasks
from volunteer_app.store.database import Database
from volunteer_app.store.models import AvailabilitySlot, Signup, Skill, VolunteerProfile, VolunteerSkill

START, END = shift()  # 7 May 2030, 01:00-03:00 UTC


@pytest.fixture
def town(db: Database, community: Community) -> Community:
    with db.transaction() as s:
        first_aid = s.scalars(select(Skill.id).where(Skill.key == "first_aid")).one()
        for actor in (community.volunteer, community.other_volunteer):
            s.add(VolunteerProfile(person_id=actor.person_id, home_latitude=30.271, home_longitude=120.152,
                                   radius_km=10.0, timezone="Asia/Shanghai"))
            s.add_all(AvailabilitySlot(person_id=actor.person_id, weekday=d, start_minute=0, end_minute=1440)
                      for d in range(7))
        s.add(VolunteerSkill(person_id=community.volunteer.person_id, skill_id=first_aid, level=3))
    accounts.grant_role(db, community.admin, "vol.b@example.org", community.org_a, Role.VOLUNTEER)
    for title, hours, requires in (("First aid post", 4, {"first_aid": 2}), ("Drivers wanted", 30, {"driving": 1})):
        tasks.create_task(
            db, community.coord_a,
            tasks.TaskInput(organisation_id=community.org_a, title=title, starts_at=START + timedelta(hours=hours),
                            ends_at=END + timedelta(hours=hours), latitude=30.272, longitude=120.153, slots=2,
                            status=TaskStatus.OPEN, requires=requires),
        )
    return community


@pytest.fixture
def page(qtbot: QtBot, db: Database, town: Community) -> AssignPage:
    page = AssignPage(db, town.coord_a)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.activate()
    page.set_days(date(2030, 5, 1), date(2030, 5, 14))
    return page


def proposals_on(db: Database) -> list[tuple[str, SignupStatus, SignupSource]]:
    with db.read() as s:
        rows = s.execute(select(Signup.person_id, Signup.status, Signup.source).order_by(Signup.id)).all()
    return [(str(p), st, src) for p, st, src in rows]


def test_run_review_accept_selected_then_all(qtbot: QtBot, db: Database, page: AssignPage) -> None:
    assert page.org_box.currentText() == "Riverside Community Centre" and page.org_box.count() == 1
    assert not page.accept_all_button.isEnabled()
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.review is not None
    names = sorted(page.proposals.index(r, 0).data() for r in range(page.proposals.rowCount()))
    # Sort donations (3 places) takes both; the first-aid post only vol@ (vol.b@ lacks first aid).
    assert page.proposals.rowCount() >= 3 and "vol" in names and "vol.b" in names
    assert "Nothing is stored yet" in page.status.text()
    # The engine's proven bound, in words: every place here can be filled, so the result is the best.
    assert page.review.gap is not None and 0 <= page.review.gap < 0.01
    assert "as good as the best possible assignment" in page.status.text()
    assert proposals_on(db) == []
    times = [page.proposals.index(r, 2).data() for r in range(page.proposals.rowCount())]
    assert all("2030" in t for t in times)
    distances = [page.proposals.index(r, 3).data() for r in range(page.proposals.rowCount())]
    assert all(d.endswith(" km") for d in distances)

    # Every open place says why, in words.
    why = {page.open_slots.index(r, 0).data(): page.open_slots.index(r, 3).data()
           for r in range(page.open_slots.rowCount())}
    assert why["Drivers wanted"] == "Nobody has the skills it needs (2)"
    assert "First aid post" in why

    select_row(page.proposal_table, 0)
    assert page.accept_selected_button.isEnabled()
    qtbot.mouseClick(page.accept_selected_button, Qt.MouseButton.LeftButton)
    stored = proposals_on(db)
    assert len(stored) == 1 and stored[0][1:] == (SignupStatus.PROPOSED, SignupSource.ENGINE)
    assert "Stored 1 proposals" in page.status.text()
    left = page.proposals.rowCount()
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    assert len(proposals_on(db)) == 1 + left
    assert page.proposals.rowCount() == 0 and not page.accept_all_button.isEnabled()


def test_running_again_after_accepting_proposes_nothing_twice(qtbot: QtBot, db: Database, page: AssignPage) -> None:
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    first = page.proposals.rowCount()
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.proposals.rowCount() == 0 and first > 0
    assert "0 proposals" in page.status.text()


def test_a_coordinator_of_nothing_is_told_so(qtbot: QtBot, db: Database, town: Community) -> None:
    page = AssignPage(db, town.admin)
    qtbot.addWidget(page)
    page.activate()
    assert page.org_box.count() == 0 and not page.run_button.isEnabled()
    assert "no organisation" in page.status.text()


def test_render_the_review(qtbot: QtBot, page: AssignPage, tmp_path: Path) -> None:
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    for size in ((1280, 760), (1024, 700)):
        page.resize(*size)
        path = tmp_path / f"assign-{size[0]}.png"
        assert page.grab().save(str(path))
