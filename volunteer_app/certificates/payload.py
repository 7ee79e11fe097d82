"""The signed text a certificate's QR code carries: ``VA1:`` + base45.

Layout of the base45-decoded bytes (version 1)::

    signature (64 bytes, Ed25519) || body || zero or more NUL bytes (padding)

``body`` is eight UTF-8 fields joined by RS (0x1E), in this order: certificate number,
volunteer name, total verified minutes (decimal), period from, period to (YYYYMMDD),
issuing organisation, the first 16 hex digits of the issuer's key fingerprint, issue date
(YYYYMMDD). The signature covers ``b"VA1:" + body`` (the prefix binds the version).

Why this shape: base45 uses only the characters of QR alphanumeric mode (as the EU's
signed health certificates do), so the code stays small and every phone scanner reads it;
the padding exists only so the text never ends in a space, which copy and paste would drop.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

import base45  # type: ignore[import-untyped]  # ships no type information
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "VA1:"
SIGNATURE_BYTES = 64
FINGERPRINT_PREFIX = 16  # hex digits of the key fingerprint carried in the payload
_SEPARATOR = b"\x1e"
_FIELDS = 8
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BASE45 = re.compile(r"[0-9A-Z $%*+\-./:]+")


class PayloadError(ValueError):
    """The text is not a readable certificate payload (``reason`` says why, in English)."""


class NotACertificate(PayloadError):
    """The text is something else altogether (a QR code from another app, a web address...)."""


@dataclass(frozen=True)
class PayloadFacts:
    number: str
    volunteer: str
    minutes: int
    period_from: date
    period_to: date
    organisation: str
    fingerprint_prefix: str
    issued_on: date

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "volunteer": self.volunteer,
            "minutes": self.minutes,
            "period_from": self.period_from.isoformat(),
            "period_to": self.period_to.isoformat(),
            "organisation": self.organisation,
            "fingerprint_prefix": self.fingerprint_prefix,
            "issued_on": self.issued_on.isoformat(),
        }


@dataclass(frozen=True)
class SignedPayload:
    facts: PayloadFacts
    message: bytes  # what the signature covers
    signature: bytes
    text: str


def fingerprint(key: Ed25519PublicKey) -> str:
    """Hex SHA-256 of the raw 32-byte public key (the same as ``services.signing_keys.fingerprint``)."""
    return hashlib.sha256(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()


def _clean(name: str, value: str) -> bytes:
    value = " ".join(value.split())
    if not value or _CONTROL.search(value):
        raise ValueError(f"the certificate's {name} must be non-empty text without control characters")
    return value.encode("utf-8")


def _body(facts: PayloadFacts) -> bytes:
    if facts.minutes < 0:
        raise ValueError("minutes must not be negative")
    if not re.fullmatch(f"[0-9a-f]{{{FINGERPRINT_PREFIX}}}", facts.fingerprint_prefix):
        raise ValueError(f"the fingerprint prefix must be {FINGERPRINT_PREFIX} lower-case hex digits")
    fields = [
        _clean("number", facts.number),
        _clean("volunteer name", facts.volunteer),
        str(facts.minutes).encode(),
        facts.period_from.strftime("%Y%m%d").encode(),
        facts.period_to.strftime("%Y%m%d").encode(),
        _clean("organisation", facts.organisation),
        facts.fingerprint_prefix.encode(),
        facts.issued_on.strftime("%Y%m%d").encode(),
    ]
    return _SEPARATOR.join(fields)


def sign(facts: PayloadFacts, key: Ed25519PrivateKey) -> str:
    """The ``VA1:`` text for ``facts``, signed with the organisation's key."""
    body = _body(facts)
    signature = key.sign(PREFIX.encode() + body)
    blob = signature + body
    text = str(base45.b45encode(blob).decode("ascii"))
    while text.endswith(" "):
        blob += b"\x00"
        text = str(base45.b45encode(blob).decode("ascii"))
    return PREFIX + text


def normalise(text: str) -> str:
    """The payload without what scanners and pasting add around it (``QR-Code:`` of zbarimg, whitespace)."""
    text = text.strip().strip("\ufeff")
    for tag in ("QR-Code:", "QRCODE:"):
        if text.upper().startswith(tag.upper()):
            text = text[len(tag):]
    return text.strip("\r\n\t")


def _date(raw: bytes) -> date:
    text = raw.decode("ascii")
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def parse(text: str) -> SignedPayload:
    """The facts and signature in a ``VA1:`` text (not yet checked against any key)."""
    text = normalise(text)
    if not text.startswith(PREFIX):
        if text.upper().startswith("VA") and text[2:3].isdigit():
            raise PayloadError(f"this certificate uses format {text.split(':', 1)[0]}, which this version cannot read")
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise NotACertificate(f"the code holds {shown!r}, which is not a volunteer-app certificate")
    encoded = text[len(PREFIX):]
    if not _BASE45.fullmatch(encoded):
        raise PayloadError("the certificate text contains characters a certificate never has (was it retyped?)")
    try:
        blob = bytes(base45.b45decode(encoded))
    except ValueError:
        raise PayloadError("the certificate text is damaged or incomplete") from None
    if len(blob) <= SIGNATURE_BYTES:
        raise PayloadError("the certificate text is too short (incomplete)")
    signature, body = blob[:SIGNATURE_BYTES], blob[SIGNATURE_BYTES:].rstrip(b"\x00")
    fields = body.split(_SEPARATOR)
    if len(fields) != _FIELDS:
        raise PayloadError("the certificate text is damaged (its fields do not add up)")
    try:
        number, volunteer, organisation = (fields[i].decode("utf-8") for i in (0, 1, 5))
        minutes_text = fields[2].decode("ascii")
        if not minutes_text.isdigit():
            raise ValueError(minutes_text)
        facts = PayloadFacts(
            number=number, volunteer=volunteer, minutes=int(minutes_text),
            period_from=_date(fields[3]), period_to=_date(fields[4]), organisation=organisation,
            fingerprint_prefix=fields[6].decode("ascii"), issued_on=_date(fields[7]),
        )
    except (UnicodeDecodeError, ValueError):
        raise PayloadError("the certificate text is damaged (a field cannot be read)") from None
    return SignedPayload(facts=facts, message=PREFIX.encode() + body, signature=signature, text=text)


def signature_holds(signed: SignedPayload, key: Ed25519PublicKey) -> bool:
    try:
        key.verify(signed.signature, signed.message)
    except InvalidSignature:
        return False
    return True
