"""Reading a certificate's payload back: from its PDF, a photo or scan, or the QR code's text.

- A PDF made by ``pdf`` carries the payload in its metadata; a scanned PDF (images only)
  is searched for the QR code in its page images.
- A photo or scan (PNG, JPEG, ...) is read with zxing-cpp, after EXIF rotation, in
  greyscale, and again scaled and turned a little when the first look finds nothing,
  so a code photographed askew or small still reads.
- Anything else is taken as the text itself (``VA1:...``, with or without zbarimg's ``QR-Code:``).

Every failure is ``Unreadable`` with one English sentence saying what was wrong.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from volunteer_app import files
from volunteer_app.certificates.payload import PREFIX, PayloadError, normalise, parse

PDF_METADATA_KEYS = ("/VolunteerAppCertificate", "/Keywords")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")
MAX_IMAGE_PIXELS = 80_000_000  # a 10,000 x 8,000 scan; beyond that it is not a photo of a certificate


class Unreadable(ValueError):
    """No certificate payload could be read; the message says why."""


@dataclass(frozen=True)
class Found:
    text: str  # the payload (VA1:...)
    source: str  # "pdf", "pdf-image", "image" or "text"


def read_file(path: Path) -> Found:
    try:
        data = files.read_bytes(path, what="the certificate file")
    except files.FileProblem as exc:
        raise Unreadable(str(exc)) from None
    return read_bytes(data, name=path.name)


def read_bytes(data: bytes, *, name: str = "the file") -> Found:
    if not data.strip():
        raise Unreadable(f"{name} is empty")
    if data.lstrip()[:5] == b"%PDF-":
        return from_pdf(data, name=name)
    if data.startswith(_IMAGE_MAGIC):
        return Found(from_image(data, name=name), "image")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"{name} is neither a PDF, an image nor the text of a certificate") from None
    return Found(from_text(text), "text")


def from_text(text: str) -> str:
    cleaned = normalise(text)
    if not cleaned:
        raise Unreadable("there is no text to check")
    try:
        parse(cleaned)
    except PayloadError as exc:  # NotACertificate included: a QR code or text from another app
        raise Unreadable(str(exc)) from None
    return cleaned


def from_pdf(data: bytes, *, name: str = "the PDF") -> Found:
    # A cut-off download keeps its start, so it opens in a lenient reader: insist on a complete file.
    if b"%%EOF" not in data[-1024:]:
        raise Unreadable(f"{name} is not a complete PDF (it ends too early; was the download or copy cut off?)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        info: Mapping[str, Any] = reader.metadata or {}
        for key in PDF_METADATA_KEYS:
            value = info.get(key)
            if isinstance(value, str) and normalise(value).startswith(PREFIX):
                return Found(from_text(value), "pdf")
        # A scan saved as a PDF: look for the code in the page images.
        for page in reader.pages:
            for image in page.images:
                try:
                    return Found(from_image(image.data, name=name), "pdf-image")
                except Unreadable:
                    continue
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise Unreadable(f"{name} is a damaged PDF ({exc})") from None
    raise Unreadable(f"{name} holds no volunteer-app certificate (no certificate data and no QR code in it)")


def _open_image(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise Unreadable(f"{name} is too large an image ({image.width} x {image.height} pixels)")
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise Unreadable(f"{name} is not an image that can be read ({exc})") from None
    return ImageOps.exif_transpose(image).convert("L")


def _codes(image: Image.Image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)) if code.text]


def _attempts(image: Image.Image) -> list[Image.Image]:
    """Ways to look again when the first look finds nothing: bigger, smaller, sharper contrast, turned a little."""
    tries: list[Image.Image] = []
    longest = max(image.size)
    if longest < 1200:
        tries.append(image.resize((image.width * 2, image.height * 2), Image.Resampling.LANCZOS))
    if longest > 2400:
        factor = 2000 / longest
        tries.append(image.resize((int(image.width * factor), int(image.height * factor)), Image.Resampling.LANCZOS))
    tries.append(ImageOps.autocontrast(image, cutoff=2))
    base = tries[-1]
    for angle in (15, 30, 45, -15, -30):
        tries.append(base.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC))
    return tries


def from_image(data: bytes, *, name: str = "the image") -> str:
    image = _open_image(data, name)
    found = _codes(image)
    if not found:
        for attempt in _attempts(image):
            found = _codes(attempt)
            if found:
                break
    if not found:
        raise Unreadable(f"no QR code was found in {name} (photograph the code straight on, in good light)")
    for text in found:
        if normalise(text).startswith(PREFIX):
            return from_text(text)
    shown = found[0] if len(found[0]) <= 60 else found[0][:57] + "..."
    raise Unreadable(f"the QR code in {name} holds {shown!r}, which is not a volunteer-app certificate")


def read_argument(argument: str) -> Found:
    """The CLI's INPUT: a file when one exists at that path (or it looks like one), else the text itself."""
    text = argument.strip()
    if re.match(r"(QR-Code:)?VA\d+:", normalise(text)):
        return Found(from_text(text), "text")
    path = Path(argument).expanduser()
    if path.exists() or path.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff",
                                                ".webp", ".txt"):
        return read_file(path)
    return Found(from_text(text), "text")
