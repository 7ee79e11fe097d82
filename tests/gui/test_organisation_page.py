"""The Organisation page: an org admin saves the settings, a plain coordinator only reads them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.db.test_organisations import SVG, tiny_png
from tests.support.community import Community
from volunteer_app.domain.enums import Role
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.organisation_page import OrganisationPage
from volunteer_app.services import accounts, organisations
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent


def open_page(qtbot: QtBot, db: Database, actor: accounts.Actor) -> tuple[MainWindow, OrganisationPage]:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.show_area("organisation")
    page = window.pages["organisation"]
    assert isinstance(page, OrganisationPage)
    return window, page


def test_org_admin_saves_settings_and_the_rules_read_in_words(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    accounts.grant_role(db, community.admin, "coord.a@example.org", community.org_a, Role.ADMIN)
    _window, page = open_page(qtbot, db, accounts.refresh(db, community.coord_a))
    assert page.edits["name"].text() == "Riverside Community Centre"
    assert not page.picker.isVisibleTo(page)  # one organisation: no picker
    assert page.save_button.isEnabled() and not page.edits["handler"].isReadOnly()
    assert page.rules_text.text() == (
        "Hours are counted to the minute. Any time you attend counts. Credit never exceeds the stint's length."
    )
    page.edits["handler"].setText("Wang Fang")
    page.zone_combo.setCurrentText("Asia/Hong_Kong")
    page.step_combo.setCurrentIndex(page.step_combo.findData(6))
    page.attendance_spin.setValue(60)
    assert page.rules_text.text().startswith("Hours are rounded down to 6 minutes (tenths of an hour). "
                                             "You need to attend at least 60% of a stint")  # fmt: skip
    seal = tmp_path / "seal.png"
    seal.write_bytes(tiny_png())
    page.load_seal_file(seal)
    assert page.seal_preview.pixmap() is not None and not page.seal_preview.pixmap().isNull()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert {k: page.error_text(k) for k in page.field_errors if page.error_text(k)} == {}
    assert page.status_label.text() == "Saved."
    settings = organisations.get_settings(db, community.coord_a, community.org_a)
    assert settings.handler == "Wang Fang" and settings.timezone == "Asia/Hong_Kong"
    assert settings.rules.step_minutes == 6 and settings.rules.min_attendance_percent == 60
    assert settings.seal_image == tiny_png() and settings.seal_mime == "image/png"
    with db.read() as s:
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.settings")).all()
    assert event.details["after"]["handler"] == "Wang Fang"


def test_a_file_that_is_not_an_image_is_refused_beside_the_seal(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    _window, page = open_page(qtbot, db, community.admin)
    assert page.picker.isVisibleTo(page) and page.picker.count() == 2  # the administrator sees both
    page.picker.setCurrentIndex(page.picker.findData(community.org_b))
    assert page.edits["name"].text() == "Hillside Food Bank"
    fake = tmp_path / "seal.png"
    fake.write_bytes(b"this is not a picture")
    page.load_seal_file(fake)
    assert page.error_text("seal_image") == "The seal must be a PNG or SVG image; this file is neither."
    svg = tmp_path / "seal.svg"
    svg.write_bytes(SVG)
    page.load_seal_file(svg)
    assert page.error_text("seal_image") == ""
    page.zone_combo.setCurrentText("Nowhere/Special")
    page.save()
    assert page.error_text("timezone") == "Unknown time zone 'Nowhere/Special'."
    assert organisations.get_settings(db, community.admin, community.org_b).seal_image is None  # nothing saved


def test_plain_coordinator_sees_the_settings_read_only(qtbot: QtBot, db: Database, community: Community) -> None:
    _window, page = open_page(qtbot, db, community.coord_a)
    assert page.edits["name"].text() == "Riverside Community Centre"
    assert page.edits["handler"].isReadOnly() and not page.save_button.isEnabled()
    assert not page.step_combo.isEnabled() and not page.seal_button.isEnabled()
    assert page.access_note.text().startswith("Only the admins of Riverside Community Centre")
    page.edits["handler"].setText("Sneaky")  # read-only in the window; the service refuses anyway
    page.save()
    assert "Only the admins of Riverside Community Centre can change its settings." in page.status_label.text()
    assert organisations.get_settings(db, community.coord_a, community.org_a).handler is None
