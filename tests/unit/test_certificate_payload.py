"""The signed QR payload (VA1:), its QR code, and reading it back from text, images and PDFs (no Qt, no database)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from pypdf import PdfWriter

from volunteer_app.certificates import content, decode, payload, qr


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def facts(key: Ed25519PrivateKey, **changes: object) -> payload.PayloadFacts:
    values: dict[str, object] = {
        "number": "C001-2026-00012",
        "volunteer": "王小明",
        "minutes": 1530,
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 6, 30),
        "organisation": "滨江社区志愿服务中心",
        "fingerprint_prefix": payload.fingerprint(key.public_key())[: payload.FINGERPRINT_PREFIX],
        "issued_on": date(2026, 7, 2),
    }
    values.update(changes)
    return payload.PayloadFacts(**values)  # type: ignore[arg-type]


def test_a_signed_payload_reads_back_and_its_signature_holds(key: Ed25519PrivateKey) -> None:
    text = payload.sign(facts(key), key)
    assert text.startswith("VA1:")
    signed = payload.parse(text)
    assert signed.facts == facts(key)
    assert payload.signature_holds(signed, key.public_key())


def test_the_payload_uses_qr_alphanumeric_mode_and_stays_small(key: Ed25519PrivateKey) -> None:
    text = payload.sign(facts(key), key)
    assert qr.mode(text) == "alphanumeric"
    assert qr.make(text).version <= 12  # phone scanners read it from a printed page


def test_another_key_does_not_verify(key: Ed25519PrivateKey) -> None:
    signed = payload.parse(payload.sign(facts(key), key))
    assert not payload.signature_holds(signed, Ed25519PrivateKey.generate().public_key())


@pytest.mark.parametrize("position", [4, 40, 100, -20, -1])
def test_one_changed_character_fails(key: Ed25519PrivateKey, position: int) -> None:
    text = payload.sign(facts(key), key)
    index = position % len(text)
    replacement = "A" if text[index] != "A" else "B"
    changed = text[:index] + replacement + text[index + 1:]
    try:
        signed = payload.parse(changed)
    except payload.PayloadError:
        return  # damaged beyond reading: refused too
    assert not payload.signature_holds(signed, key.public_key())


def test_changed_facts_under_the_old_signature_fail(key: Ed25519PrivateKey) -> None:
    original = payload.parse(payload.sign(facts(key), key))
    inflated = payload.parse(payload.sign(facts(key, minutes=9999), Ed25519PrivateKey.generate()))
    forged = payload.SignedPayload(inflated.facts, inflated.message, original.signature, inflated.text)
    assert not payload.signature_holds(forged, key.public_key())


def test_the_text_never_ends_in_a_space_so_copy_and_paste_keep_it(key: Ed25519PrivateKey) -> None:
    for n in range(60):
        text = payload.sign(facts(key, number=f"C001-2026-{n:05d}"), key)
        assert not text.endswith(" ")
        assert payload.parse(text + "\n").facts.number == f"C001-2026-{n:05d}"


def test_zbarimg_prefix_and_whitespace_are_ignored(key: Ed25519PrivateKey) -> None:
    text = payload.sign(facts(key), key)
    assert decode.from_text(f"QR-Code:{text}\n") == text


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("https://example.org/ticket/42", "not a volunteer-app certificate"),
        ("VA1:abc", "characters a certificate never has"),
        ("VA1:ABC", "too short"),
            ("VA1:AB", "damaged or incomplete"),
        ("VA9:ABC", "format VA9"),
        ("", "no text"),
    ],
)
def test_text_that_is_no_certificate_is_unreadable_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(decode.Unreadable, match=says):
        decode.from_text(text)


def photo_of(text: str, *, angle: float, scale: float) -> bytes:
    """The QR code on a beige sheet, scaled and turned, saved as a JPEG: roughly what a phone gives."""
    code = Image.open(io.BytesIO(qr.png(text, scale=6))).convert("RGB")
    sheet = Image.new("RGB", (code.width + 400, code.height + 300), (236, 230, 214))
    sheet.paste(code, (220, 120))
    sheet = sheet.resize((int(sheet.width * scale), int(sheet.height * scale)), Image.Resampling.BILINEAR)
    sheet = sheet.rotate(angle, expand=True, fillcolor=(90, 80, 70), resample=Image.Resampling.BICUBIC)
    out = io.BytesIO()
    sheet.save(out, "JPEG", quality=75)
    return out.getvalue()


@pytest.mark.parametrize(("angle", "scale"), [(0, 1.0), (12, 0.7), (-33, 1.4), (90, 0.55), (180, 1.0)])
def test_a_photo_like_image_turned_and_scaled_reads(key: Ed25519PrivateKey, angle: float, scale: float) -> None:
    text = payload.sign(facts(key), key)
    assert decode.read_bytes(photo_of(text, angle=angle, scale=scale)).text == text


def test_a_photo_without_a_qr_code_is_unreadable() -> None:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 180, 160)).save(out, "PNG")
    with pytest.raises(decode.Unreadable, match="no QR code was found"):
        decode.read_bytes(out.getvalue(), name="photo.png")


def test_a_qr_code_from_another_app_is_unreadable() -> None:
    with pytest.raises(decode.Unreadable, match="not a volunteer-app certificate"):
        decode.read_bytes(qr.png("WIFI:S:cafe;T:WPA;P:secret;;"), name="wifi.png")


def pdf_with_keywords(keywords: str | None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if keywords is not None:
        writer.add_metadata({"/Keywords": keywords})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_gives_its_payload_from_its_metadata(key: Ed25519PrivateKey) -> None:
    text = payload.sign(facts(key), key)
    assert decode.read_bytes(pdf_with_keywords(text)) == decode.Found(text, "pdf")


def test_a_truncated_pdf_is_unreadable(key: Ed25519PrivateKey) -> None:
    data = pdf_with_keywords(payload.sign(facts(key), key))
    with pytest.raises(decode.Unreadable, match="not a complete PDF"):
        decode.read_bytes(data[: len(data) * 2 // 3], name="cert.pdf")


def test_a_pdf_of_something_else_is_unreadable() -> None:
    with pytest.raises(decode.Unreadable, match="holds no volunteer-app certificate"):
        decode.read_bytes(pdf_with_keywords(None), name="letter.pdf")


def test_a_file_name_that_starts_like_va_is_read_as_a_file(tmp_path) -> None:  # noqa: ANN001
    missing = tmp_path / "valid.pdf"
    with pytest.raises(decode.Unreadable, match="there is no file"):
        decode.read_argument(str(missing))


@pytest.mark.parametrize(
    ("minutes", "step", "zh", "en"),
    [
        (1530, 6, "25.5 小时", "25.5 hours"),
        (1500, 6, "25.0 小时", "25.0 hours"),
        (120, 60, "2 小时", "2 hours"),
        (135, 15, "2.25 小时", "2.25 hours"),
        (91, 1, "1 小时 31 分钟", "1 h 31 min"),
        (45, 1, "45 分钟", "45 min"),
        (95, 6, "1 小时 35 分钟", "1 h 35 min"),  # credited before the rule: no rounding on a certificate
    ],
)
def test_hours_read_as_the_organisation_credits_them(minutes: int, step: int, zh: str, en: str) -> None:
    assert content.hours_text(minutes, step, "zh") == zh
    assert content.hours_text(minutes, step, "en") == en


def test_long_activity_lists_are_summarised_into_an_other_line() -> None:
    lines = [content.Activity(f"Task {i}", None, 60 + i, 1) for i in range(15)]
    summary = content.summarise(lines, 5)
    assert len(summary) == 5
    assert summary[0].title == "Task 14"
    assert summary[-1].title == "11 other activities" and summary[-1].times == 11
    assert sum(a.minutes for a in summary) == sum(a.minutes for a in lines)
