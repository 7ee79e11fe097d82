"""Certificates through the services, on SQLite and PostgreSQL: issue, PDF, QR, register, revoke, verify."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from sqlalchemy import func, select

from tests.support.community import Community, build
from tests.support.hours_data import Ledger, ledger
from tests.support.seal import seal_png
from volunteer_app.certificates import content, decode, payload, pdf
from volunteer_app.services import accounts, certificates, hours
from volunteer_app.services.certificates import IssueInput, Outcome
from volunteer_app.services.errors import InvalidInput, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent, Certificate, CertificateRequest, LedgerEntry, Organisation

# Minutes of the volunteer's current verified records with organisation A (see tests/support/hours_data.py).
A_MINUTES = 120 + 90 + 120 + 240


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (poppler-utils / zbar-tools); this check needs it")
    return path


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def town(db: Database) -> Community:
    community = build(db)
    with db.transaction() as s:
        org = s.get(Organisation, community.org_a)
        assert org is not None
        org.person_in_charge, org.handler = "张建国", "李梅"
        org.contact_phone, org.contact_email = "0571-8888 6666", "service@riverside.example.org"
        org.address = "杭州市滨江区江南大道 100 号"
        org.credit_step_minutes = 6
        org.seal_image, org.seal_mime = seal_png("滨江社区志愿服务中心"), "image/png"
    return community


@pytest.fixture
def year(db: Database, town: Community) -> Ledger:
    return ledger(db, town)


def issue(db: Database, town: Community, language: str = "zh", **changes: object) -> certificates.Issued:
    data = replace(IssueInput(person_id=town.volunteer.person_id, organisation_id=town.org_a, language=language),
                   **changes)
    return certificates.issue_certificate(db, town.coord_a, data, render=pdf.render)


def pdf_text(tmp_path: Path, data: bytes) -> str:
    need("pdftotext")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_coordinator_issues_a_chinese_certificate_with_every_field(
    db: Database, town: Community, year: Ledger, tmp_path: Path
) -> None:
    issued = issue(db, town, "zh")
    assert issued.entry.minutes == A_MINUTES
    assert issued.entry.number.startswith(f"C{town.org_a:03d}-")
    text = pdf_text(tmp_path, issued.pdf)
    for field in ("志愿服务记录证明", "服务时间", "服务内容", "记录单位", "负责人：张建国", "经办人：李梅",
                  "0571-8888 6666", issued.entry.number, town.volunteer.display_name,
                  content.volunteer_number(town.volunteer.person_id), "9.5 小时", "Riverside Community Centre",
                  "出具日期", "验证方法"):
        assert field in text, field
    assert "Sort donations" in text  # the activities, by task


def test_the_english_certificate_carries_the_same_facts(
    db: Database, town: Community, year: Ledger, tmp_path: Path
) -> None:
    issued = issue(db, town, "en")
    text = " ".join(pdf_text(tmp_path, issued.pdf).split())
    for field in ("Volunteer Service Record Certificate", "Service time", "Service content",
                  "Recording organisation", "Person in charge: 张建国", "Handled by: 李梅", "9.5 hours",
                  issued.entry.number, "How to verify"):
        assert field in text, field


def test_the_pdf_embeds_its_fonts_and_carries_the_payload(db: Database, town: Community, year: Ledger) -> None:
    issued = issue(db, town)
    found = decode.read_bytes(issued.pdf)
    assert found.source == "pdf" and found.text == issued.document.payload
    assert b"/FontFile2" in issued.pdf or b"/FontFile" in issued.pdf
    assert certificates.verify(db, found.text).outcome is Outcome.VALID


def test_the_printed_qr_code_is_read_by_zbarimg_and_verifies(
    db: Database, town: Community, year: Ledger, tmp_path: Path
) -> None:
    need("pdftoppm")
    need("zbarimg")
    issued = issue(db, town)
    (tmp_path / "c.pdf").write_bytes(issued.pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "page")],
                   check=True)
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert scanned == issued.document.payload
    result = certificates.verify(db, scanned)
    assert result.outcome is Outcome.VALID and result.register_checked
    assert result.facts is not None and result.facts.minutes == A_MINUTES


def test_a_photo_of_the_page_turned_and_scaled_verifies(
    db: Database, town: Community, year: Ledger, tmp_path: Path
) -> None:
    need("pdftoppm")
    issued = issue(db, town, "en")
    (tmp_path / "c.pdf").write_bytes(issued.pdf)
    subprocess.run(["pdftoppm", "-r", "120", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "page")],
                   check=True)
    page = Image.open(tmp_path / "page.png").convert("RGB")
    photo = page.resize((int(page.width * 0.8), int(page.height * 0.8))).rotate(
        -11, expand=True, fillcolor=(60, 55, 50), resample=Image.Resampling.BICUBIC)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=80)
    found = decode.read_bytes(out.getvalue(), name="photo.jpg")
    assert found.source == "image"
    assert certificates.verify(db, found.text).outcome is Outcome.VALID


def test_a_volunteer_cannot_issue_nor_a_coordinator_of_another_organisation(
    db: Database, town: Community, year: Ledger
) -> None:
    data = IssueInput(person_id=town.other_volunteer.person_id, organisation_id=town.org_a)
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(db, town.volunteer, data, render=pdf.render)
    data = IssueInput(person_id=town.volunteer.person_id, organisation_id=town.org_a)
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(db, town.coord_b, data, render=pdf.render)
    with pytest.raises(PermissionDenied, match="their own"):
        certificates.issue_certificate(db, town.volunteer, data, render=pdf.render)
    assert_nothing_registered(db)


def assert_nothing_registered(db: Database) -> None:
    with db.read() as s:
        assert s.scalar(select(func.count(Certificate.id))) == 0
        assert s.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.action == "certificate_issue")) == 0
        assert s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "certificate.issue")) == 0


def test_a_volunteer_of_another_organisation_is_refused(db: Database, town: Community, year: Ledger) -> None:
    # The volunteer has verified hours with B, but is not one of B's volunteers.
    data = IssueInput(person_id=town.volunteer.person_id, organisation_id=town.org_b)
    with pytest.raises(InvalidInput, match="is not a volunteer of Hillside Food Bank"):
        certificates.issue_certificate(db, town.coord_b, data, render=pdf.render)
    assert_nothing_registered(db)


def test_no_hours_in_the_period_and_a_backwards_period_are_refused(
    db: Database, town: Community, year: Ledger
) -> None:
    with pytest.raises(InvalidInput, match="has no verified hours with Riverside Community Centre"):
        issue(db, town, period_from=date(2001, 1, 1), period_to=date(2001, 12, 31))
    with pytest.raises(InvalidInput, match="ends on 2026-01-01 before it starts on 2026-06-30"):
        issue(db, town, period_from=date(2026, 6, 30), period_to=date(2026, 1, 1))
    assert_nothing_registered(db)


def test_a_period_counts_only_its_own_days(db: Database, town: Community, year: Ledger) -> None:
    today = year.now.date()
    issued = issue(db, town, period_from=today - timedelta(days=100), period_to=today)
    assert issued.entry.minutes == 120 + 90  # 10 and 60 days ago; not 150 nor 400 days ago
    assert {a.minutes for a in issued.document.activities} == {120, 90}


def test_a_certificate_that_cannot_be_drawn_is_not_registered(db: Database, town: Community, year: Ledger) -> None:
    def broken(_doc: content.CertificateDocument) -> bytes:
        raise OSError("disk full")

    data = IssueInput(person_id=town.volunteer.person_id, organisation_id=town.org_a)
    with pytest.raises(OSError, match="disk full"):
        certificates.issue_certificate(db, town.coord_a, data, render=broken)
    assert_nothing_registered(db)


def test_issuing_writes_the_register_the_ledger_and_the_audit(db: Database, town: Community, year: Ledger) -> None:
    issued = issue(db, town)
    with db.read() as s:
        cert = s.scalar(select(Certificate))
        assert cert is not None and cert.payload == issued.document.payload
        assert sorted(cert.record_ids["records"]) == sorted(
            [year.verified_recent, year.verified_older, year.corrected_new, year.last_year])
        entry = s.scalar(select(LedgerEntry).where(LedgerEntry.action == "certificate_issue"))
        assert entry is not None and entry.certificate_id == cert.id and entry.organisation_id == town.org_a
    second = issue(db, town, "en")
    assert second.entry.number != issued.entry.number
    numbers = [e.number for e in certificates.list_certificates(db, town.coord_a)]
    assert numbers == [second.entry.number, issued.entry.number]
    assert [e.number for e in certificates.list_certificates(db, town.volunteer)] == numbers  # their own
    assert certificates.list_certificates(db, town.coord_b) == []


def test_revoked_and_corrected_certificates_are_not_valid_where_the_register_is_at_hand(
    db: Database, town: Community, year: Ledger
) -> None:
    first, second = issue(db, town), issue(db, town, "en")
    entry = certificates.revoke_certificate(db, town.coord_a, first.entry.number, "Issued for the wrong period")
    assert entry.is_revoked and entry.revoked_by == town.coord_a.display_name
    result = certificates.verify(db, first.document.payload)
    assert result.outcome is Outcome.REVOKED and "wrong period" in result.reason
    assert result.outcome.exit_code == 1
    with pytest.raises(PermissionDenied):
        certificates.revoke_certificate(db, town.volunteer, second.entry.number, "mine")
    with pytest.raises(InvalidInput):
        certificates.revoke_certificate(db, town.coord_a, second.entry.number, "  ")
    # A record it covers is corrected afterwards: the certificate no longer matches the register.
    start = year.now - timedelta(days=10)
    hours.correct_hours(db, town.coord_a, year.verified_recent, hours.HoursInput(
        person_id=town.volunteer.person_id, started_at=start, ended_at=start + timedelta(minutes=30),
        occurrence_id=None, organisation_id=town.org_a, activity="Sorting (shorter)"))
    result = certificates.verify(db, second.document.payload)
    assert result.outcome is Outcome.CORRECTED and str(year.verified_recent) in result.reason
    with db.read() as s:
        assert s.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.action == "certificate_revoke")) == 1


def test_verifying_needs_only_the_public_key(db: Database, town: Community, year: Ledger) -> None:
    issued = issue(db, town)
    public = {fp: key for fp, (_, key) in _trusted(db).items()}[issued.document.fingerprint]
    result = certificates.verify(None, issued.document.payload, keys=[("Riverside", public)])
    assert result.outcome is Outcome.VALID and not result.register_checked
    unknown = certificates.verify(None, issued.document.payload,
                                  keys=[("Other", Ed25519PrivateKey.generate().public_key())])
    assert unknown.outcome is Outcome.UNKNOWN_ISSUER and "keys import" in unknown.reason


def _trusted(db: Database) -> dict:  # type: ignore[type-arg]
    from volunteer_app.services import signing_keys

    with db.read() as s:
        return signing_keys.trusted_public_keys(s)


def test_a_changed_character_or_another_key_fails(db: Database, town: Community, year: Ledger) -> None:
    text = issue(db, town).document.payload
    signed = payload.parse(text)
    # The same facts with more minutes, signed by someone else's key that claims the same fingerprint prefix.
    forged_facts = payload.PayloadFacts(**{**signed.facts.__dict__, "minutes": signed.facts.minutes * 10})
    forged = payload.sign(forged_facts, Ed25519PrivateKey.generate())
    assert certificates.verify(db, forged).outcome is Outcome.BAD_SIGNATURE
    index = len(text) // 2
    changed = text[:index] + ("X" if text[index] != "X" else "Y") + text[index + 1:]
    assert certificates.verify(db, changed).outcome in (Outcome.BAD_SIGNATURE, Outcome.UNREADABLE)
    assert certificates.verify(db, "https://example.org").outcome is Outcome.UNREADABLE


def test_a_volunteer_requests_and_prints_their_certificate(db: Database, town: Community, year: Ledger) -> None:
    request_id = certificates.request_certificate(db, town.volunteer, town.org_a, language="en")
    with pytest.raises(Exception, match="already"):
        certificates.request_certificate(db, town.volunteer, town.org_a)
    with pytest.raises(InvalidInput, match="do not volunteer with"):
        certificates.request_certificate(db, town.volunteer, town.org_b)
    assert [r.id for r in certificates.list_requests(db, town.coord_a, open_only=True)] == [request_id]
    assert certificates.list_requests(db, town.coord_b, open_only=True) == []
    issued = issue(db, town, "en")
    assert issued.entry.requested
    with db.read() as s:
        request = s.get(CertificateRequest, request_id)
        assert request is not None and request.certificate_id is not None
    doc = certificates.certificate_document(db, town.volunteer, issued.entry.number)
    assert doc.payload == issued.document.payload and doc.minutes == A_MINUTES
    with pytest.raises(PermissionDenied):
        certificates.certificate_document(db, town.other_volunteer, issued.entry.number)
