"""The certificate's QR code (segno): a matrix of dark modules, drawn as vectors by ``pdf``.

Error correction M (15 %) survives a fold or a smudge while keeping the code small;
segno picks alphanumeric mode by itself because base45 uses only those characters.
"""

from __future__ import annotations

import io

import segno

ERROR = "m"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def make(text: str) -> segno.QRCode:
    return segno.make_qr(text, error=ERROR, boost_error=False)


def mode(text: str) -> str:
    return str(make(text).mode)


def matrix(text: str) -> list[list[bool]]:
    """Rows of modules, True where dark, without the quiet zone."""
    return [[bool(cell) for cell in row] for row in make(text).matrix]


def png(text: str, scale: int = 8) -> bytes:
    """The code as a PNG (for the window and for tests)."""
    out = io.BytesIO()
    make(text).save(out, kind="png", scale=scale, border=QUIET_ZONE)
    return out.getvalue()
