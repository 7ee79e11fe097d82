"""My hours, Certificates and Imported hours: request a certificate, save it once issued, import a statement."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import Community
from tests.support.hours_data import Ledger, ledger
from volunteer_app.certificates import pdf
from volunteer_app.gui import i18n
from volunteer_app.gui.certificate_request_dialog import CertificateRequestDialog
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.my_hours_page import MyHoursPage
from volunteer_app.services import certificates, statements
from volunteer_app.services.certificates import IssueInput
from volunteer_app.services.storage import Database

RENDER_DIR = os.environ.get("VOLUNTEER_APP_RENDER_DIR")  # set it to keep PNGs of the page for a look
A_MINUTES = 120 + 90 + 120 + 240  # the volunteer's current verified minutes with organisation A


@pytest.fixture
def year(db: Database, community: Community) -> Ledger:
    return ledger(db, community)


def _page(window: MainWindow) -> MyHoursPage:
    window.show_area("my_hours")
    page = window.current_page()
    assert isinstance(page, MyHoursPage)
    return page


def _column(model: object, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]  # type: ignore[attr-defined]


def _request(page: MyHoursPage, organisation_id: int, **choices: object) -> CertificateRequestDialog:
    assert page.request_cert_button.isEnabled()
    page.request_cert_button.click()
    dialog = page.certificate_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.choose(organisation_id, **choices)  # type: ignore[arg-type]
    dialog.send_button.click()
    return dialog


def _issue(db: Database, community: Community, language: str = "en") -> certificates.Issued:
    data = IssueInput(person_id=community.volunteer.person_id, organisation_id=community.org_a, language=language)
    return certificates.issue_certificate(db, community.coord_a, data, render=pdf.render)


def test_a_volunteer_requests_a_certificate_then_saves_it_once_issued(
    db: Database, community: Community, year: Ledger, volunteer_window: MainWindow, tmp_path: Path
) -> None:
    page = _page(volunteer_window)
    assert dict(page.certified_organisations())[community.org_a] == "Riverside Community Centre"
    dialog = _request(page, community.org_a, language="en")
    assert not dialog.isVisible() and dialog.request_id is not None
    assert page.tabs.currentIndex() == 1
    assert "request was sent" in page.status_label.text()
    assert _column(page.cert_model, 4) == ["Requested"]
    assert _column(page.cert_model, 1) == ["Riverside Community Centre"]
    page.cert_table.selectRow(0)
    assert not page.save_pdf_button.isEnabled() and not page.print_button.isEnabled()

    issued = _issue(db, community)
    page.refresh()
    assert _column(page.cert_model, 0) == [issued.entry.number]
    assert _column(page.cert_model, 4) == ["Issued"]
    assert _column(page.cert_model, 3) == ["9.5 h"]
    page.cert_table.selectRow(0)
    assert page.save_pdf_button.isEnabled() and page.print_button.isEnabled()
    target = tmp_path / "my certificate.pdf"
    page.save_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in page.status_label.text()

    certificates.revoke_certificate(db, community.coord_a, issued.entry.number, "Issued for the wrong period.")
    page.refresh()
    assert _column(page.cert_model, 4) == ["Revoked"]
    assert "Issued for the wrong period." in _column(page.cert_model, 5)[0]
    page.cert_table.selectRow(0)
    assert not page.save_pdf_button.isEnabled()


def test_a_refused_request_reads_as_one_sentence_and_files_nothing(
    db: Database, community: Community, year: Ledger, volunteer_window: MainWindow
) -> None:
    page = _page(volunteer_window)
    dialog = _request(page, community.org_a, period=(date(2001, 1, 1), date(2001, 1, 31)))
    assert dialog.isVisible() and dialog.request_id is None
    assert "You have no verified hours with Riverside Community Centre" in dialog.status_text()
    dialog.choose(community.org_a, period=(date(2001, 2, 1), date(2001, 1, 1)))
    dialog.send_button.click()
    assert dialog.status_text() == "The period ends before it starts."
    dialog.reject()
    assert certificates.list_requests(db, community.volunteer) == []
    assert page.cert_model.rowCount() == 0


def test_an_exported_statement_imported_on_the_page_shows_in_imported_hours(
    db: Database, community: Community, year: Ledger, volunteer_window: MainWindow, tmp_path: Path
) -> None:
    page = _page(volunteer_window)
    assert page.imported_model.rowCount() == 0
    assert "No imported hours" in page.imported_summary.text()
    # Nothing signed yet: the volunteer's own export is refused in one sentence, and no file appears.
    mine = tmp_path / "mine.json"
    page.export_statement(mine)
    assert "no signed hours to export yet" in page.status_label.text() and not mine.exists()

    signed = tmp_path / "from riverside.json"
    statement = statements.export_statement(db, community.coord_a, person_id=community.volunteer.person_id)
    signed.write_bytes(statements.statement_bytes(statement))
    forged = tmp_path / "forged.json"
    forged.write_text(signed.read_text(encoding="utf-8").replace(
        f'"minutes": {A_MINUTES}', f'"minutes": {A_MINUTES + 600}', 1), encoding="utf-8")
    page.import_statement(forged)
    assert "signature does not match its content" in page.status_label.text()
    assert page.imported_model.rowCount() == 0

    page.import_statement(signed)
    assert page.tabs.currentIndex() == 2
    assert "Imported 1 signed part(s) from Riverside Community Centre." in page.status_label.text()
    [view] = page.imported_model.rows()
    assert _column(page.imported_model, 0) == ["Riverside Community Centre"]
    assert _column(page.imported_model, 1) == [view.fingerprint[:16]]
    assert _column(page.imported_model, 3) == ["9.5 h"]
    assert _column(page.imported_model, 4) == ["Hours statement"]
    assert page.imported_summary.text().startswith("9.5 h signed by 1 organisation(s)")
    page.import_statement(signed)
    assert "imported already" in page.status_label.text() and page.imported_model.rowCount() == 1

    # Once a certificate is issued, the volunteer exports their own statement from the page.
    _issue(db, community)
    page.export_statement(mine)
    assert "1 signed part(s)" in page.status_label.text()
    [part] = json.loads(mine.read_text(encoding="utf-8"))["parts"]
    assert part["kind"] == "certificate"


@pytest.mark.parametrize("size", [(1280, 760), (1024, 700)])
def test_controls_are_named_and_the_page_renders(
    qtbot: QtBot, db: Database, community: Community, year: Ledger, backend: str, size: tuple[int, int],
    tmp_path: Path,
) -> None:
    page = MyHoursPage(db, community.volunteer)
    qtbot.addWidget(page)
    page.resize(size[0] - 190, size[1] - 50)
    page.show()
    page.activate()
    certificates.request_certificate(db, community.volunteer, community.org_a, language="zh")
    _issue(db, community)
    certificates.request_certificate(db, community.volunteer, community.org_a, language="en")
    signed = tmp_path / "statement.json"
    signed.write_bytes(statements.statement_bytes(
        statements.export_statement(db, community.coord_a, person_id=community.volunteer.person_id)))
    page.import_statement(signed)  # an hours part and the certificate, both signed by Riverside
    assert sorted(_column(page.imported_model, 4)) == ["Certificate", "Hours statement"]
    assert page.imported_summary.text().startswith("9.5 h signed by 1 organisation(s)")  # the same days, once
    assert page.minimumSizeHint().width() <= size[0] - 190
    assert _column(page.cert_model, 4) == ["Requested", "Issued"]
    assert unnamed_controls(page) == []
    i18n.apply_language(i18n.CHINESE)
    assert unnamed_controls(page) == [] and page.tabs.tabText(1)
    i18n.apply_language(i18n.ENGLISH)
    assert page.tabs.tabText(1) == "&Certificates"
    page.request_certificate()
    assert page.certificate_dialog is not None and unnamed_controls(page.certificate_dialog) == []
    page.certificate_dialog.reject()
    for index, name in ((1, "certificates"), (2, "imported")):
        page.tabs.setCurrentIndex(index)
        page.cert_table.selectRow(1)
        qtbot.wait(20)
        image = page.grab()
        assert image.width() == size[0] - 190
        if RENDER_DIR and backend == "sqlite":
            image.save(os.path.join(RENDER_DIR, f"my-hours-{name}-{size[0]}x{size[1]}.png"))
    if RENDER_DIR and backend == "sqlite":
        page.request_certificate()
        assert page.certificate_dialog is not None
        page.certificate_dialog.grab().save(os.path.join(RENDER_DIR, "certificate-request-dialog.png"))
