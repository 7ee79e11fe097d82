"""The Verify a certificate dialog and the Issue a certificate dialog, on a real database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from pytestqt.qtbot import QtBot

from tests.support.community import Community
from tests.support.hours_data import Ledger, ledger
from volunteer_app.certificates import decode, qr
from volunteer_app.gui.certificate_dialog import open_issue_certificate_dialog
from volunteer_app.gui.verify_certificate_dialog import open_verify_certificate_dialog
from volunteer_app.services import certificates
from volunteer_app.services.certificates import Outcome
from volunteer_app.store.database import Database


@pytest.fixture
def year(db: Database, community: Community) -> Ledger:
    return ledger(db, community)


def issue(qtbot: QtBot, db: Database, town: Community, path: Path, language: str = "zh") -> None:
    dialog = open_issue_certificate_dialog(None, db, town.coord_a, town.org_a)
    qtbot.addWidget(dialog)
    assert dialog.org_combo.currentData() == town.org_a
    dialog.select_volunteer(town.volunteer.person_id)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    dialog.issue_to(path)
    assert "saved to" in dialog.status.text(), dialog.status.text()
    assert dialog.print_button.isEnabled()
    dialog.grab().save(f"/tmp/issue-certificate-dialog-{language}.png")


def test_issue_then_verify_the_pdf_and_a_dropped_photo(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "vol.pdf"
    issue(qtbot, db, community, path)
    assert path.read_bytes().startswith(b"%PDF-")

    dialog = open_verify_certificate_dialog(None, db, community.volunteer)
    qtbot.addWidget(dialog)
    dialog.check_file(path)
    assert dialog.result is not None and dialog.result.outcome is Outcome.VALID
    assert dialog.verdict.text() == "Valid"
    assert dialog.fact_labels["volunteer"][1].text() == community.volunteer.display_name
    assert dialog.fact_labels["hours"][1].text() == "9 h 30 min (570 minutes)"
    dialog.resize(1024, 700)
    dialog.grab().save("/tmp/verify-certificate-dialog.png")

    # A picture of the QR code dropped on the dialog.
    text = decode.read_file(path).text
    mime = QMimeData()
    mime.setImageData(QImage.fromData(qr.png(text)))
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(drop)
    assert dialog.source == "image" and dialog.result.outcome is Outcome.VALID

    # A file dropped from the file manager.
    photo = tmp_path / "photo.jpg"
    Image.open(io.BytesIO(qr.png(text))).convert("RGB").rotate(20, expand=True, fillcolor=(255, 255, 255)).save(photo)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    dialog.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    assert dialog.source == "image" and dialog.result.is_valid


def test_pasted_text_that_was_changed_or_revoked_is_not_valid(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "vol.pdf"
    issue(qtbot, db, community, path, "en")
    text = decode.read_file(path).text
    dialog = open_verify_certificate_dialog(None, db, None)  # no sign-in needed
    qtbot.addWidget(dialog)
    i = len(text) // 2
    dialog.text_edit.setPlainText(text[:i] + ("Z" if text[i] != "Z" else "Y") + text[i + 1:])
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and not dialog.result.is_valid
    assert dialog.verdict.text() != "Valid"

    dialog.check_text("WIFI:S:cafe;;")
    assert dialog.result.outcome is Outcome.UNREADABLE
    assert "not a volunteer-app certificate" in dialog.reason.text()

    [entry] = certificates.list_certificates(db, community.coord_a)
    certificates.revoke_certificate(db, community.coord_a, entry.number, "Issued twice")
    dialog.check_text(text)
    assert dialog.result.outcome is Outcome.REVOKED
    assert dialog.verdict.text() == "Not valid: revoked" and "Issued twice" in dialog.reason.text()


def test_the_issue_dialog_refuses_with_a_sentence_and_a_volunteer_sees_no_organisation(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, tmp_path: Path
) -> None:
    dialog = open_issue_certificate_dialog(None, db, community.coord_a, community.org_a)
    qtbot.addWidget(dialog)
    dialog.select_volunteer(community.volunteer.person_id)
    dialog.whole_time.setChecked(False)
    assert dialog.from_edit.isEnabled()
    dialog.from_edit.setDate(dialog.from_edit.date().addYears(-30))
    dialog.to_edit.setDate(dialog.from_edit.date().addDays(10))
    out = tmp_path / "none.pdf"
    dialog.issue_to(out)
    assert "has no verified hours" in dialog.status.text()
    assert not out.exists()

    volunteer = open_issue_certificate_dialog(None, db, community.volunteer)
    qtbot.addWidget(volunteer)
    assert volunteer.org_combo.count() == 0 and not volunteer.issue_button.isEnabled()
    assert "cannot issue" in volunteer.status.text()
