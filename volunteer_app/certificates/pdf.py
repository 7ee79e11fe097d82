"""The certificate as an A4 PDF: QPdfWriter + QPainter (the one module below the GUI that uses Qt).

Text is vector text in embedded font subsets, so it prints sharply and copies as text;
the QR code is drawn as vector squares. The signed payload is also stored in the PDF's
metadata (``/Keywords`` and ``/VolunteerAppCertificate``), so ``decode`` reads it back
from the file without rasterising it.

Fonts: the app brings its own (``resources/fonts``, subsets made by packaging/subset_fonts.py),
so a certificate looks the same on every platform: WenQuanYi Micro Hei for Chinese (GB 2312's
6,763 hanzi and every character the app writes), DejaVu Sans and Serif for English. A character
outside the subset (a rare hanzi in a name) falls back, for that character only, to the
platform's CJK font: Noto Sans CJK / WenQuanYi on Linux, Microsoft YaHei / SimSun on Windows,
PingFang SC on macOS (``CJK_FAMILIES``).
"""

from __future__ import annotations

import io
import os
import threading

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from volunteer_app import paths
from volunteer_app.certificates import qr
from volunteer_app.certificates.content import (
    CertificateDocument,
    contact_text,
    date_words,
    hours_text,
    hours_value,
    id_type_words,
    period_words,
    summarise,
    words,
)

RESOLUTION = 600  # dots per inch of the PDF's coordinate space
METADATA_KEY = "/VolunteerAppCertificate"
CJK_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
                "PingFang SC", "SimSun"]
SERIF_FAMILIES = ["DejaVu Serif", "Times New Roman", "Liberation Serif", "Georgia"]
ACCENT = {"zh": QColor(150, 28, 28), "en": QColor(28, 52, 92)}
INK = QColor(25, 25, 25)
MUTED = QColor(95, 95, 95)
SHADE = QColor(245, 242, 236)
RULE = QColor(170, 160, 150)

#: The fonts in resources/fonts (see its LICENSE.md); their families head CJK_FAMILIES and SERIF_FAMILIES.
BUNDLED_FONTS = (
    "WenQuanYiMicroHei-subset.ttf",
    "DejaVuSans-subset.ttf",
    "DejaVuSans-Bold-subset.ttf",
    "DejaVuSerif-subset.ttf",
    "DejaVuSerif-Bold-subset.ttf",
)

_app: QGuiApplication | None = None
_bundled_families: list[str] | None = None
_fonts_lock = threading.Lock()  # certificates are also drawn on worker threads


def bundled_families() -> list[str]:
    """Register the app's certificate fonts with Qt once (a QGuiApplication must exist); their families."""
    global _bundled_families
    with _fonts_lock:
        if _bundled_families is not None:
            return _bundled_families
        families: list[str] = []
        for name in BUNDLED_FONTS:
            font_id = QFontDatabase.addApplicationFont(str(paths.resource_path("fonts", name)))
            if font_id < 0:
                raise OSError(f"the certificate font {name} could not be loaded")
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
        _bundled_families = families
        return families


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; the CLI has none, so make an off-screen one (the window's is reused)."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (not only a QGuiApplication), so a window opened later in the same process
        # (or pytest-qt's qapp in a test session) can use it.
        from PySide6.QtWidgets import QApplication

        _app = QApplication(["volunteer-app-certificate"])


def mm(value: float) -> float:
    return value * RESOLUTION / 25.4


def _font(language: str, points: float, *, bold: bool = False, heading: bool = False) -> QFont:
    bundled_families()
    font = QFont()
    families = list(CJK_FAMILIES) if language == "zh" else (SERIF_FAMILIES if heading else []) + ["DejaVu Sans",
                                                                                                  *CJK_FAMILIES]
    font.setFamilies(families)
    # Pixels of the page's own coordinate space (RESOLUTION dpi), not points: the drawing then scales as a whole
    # to any device (the PDF writer, a printer, a preview) through the painter's transform.
    font.setPixelSize(max(1, round(points * RESOLUTION / 72)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # No ligatures: "ﬁ" would copy out of the PDF as one odd character, and pdftotext would not find "fi".
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


class _Page:
    """Helpers to lay text out on the page in millimetres."""

    def __init__(self, painter: QPainter, language: str) -> None:
        self.p = painter
        self.language = language

    def text(self, x: float, y: float, width: float, text: str, font: QFont, *, colour: QColor = INK,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, height: float | None = None) -> float:
        """Draw wrapped text in a box of ``width`` mm from (x, y) mm; returns its height in mm."""
        self.p.setFont(font)
        self.p.setPen(colour)
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        box = QRectF(mm(x), mm(y), mm(width), mm(height if height is not None else 200))
        bound = self.p.boundingRect(box, flags, text)
        self.p.drawText(box if height is not None else QRectF(box.x(), box.y(), box.width(), bound.height()), flags, text)
        return bound.height() * 25.4 / RESOLUTION

    def measure(self, width: float, text: str, font: QFont) -> float:
        metrics = QFontMetricsF(font, self.p.device())
        rect = metrics.boundingRect(QRectF(0, 0, mm(width), mm(500)), int(Qt.TextFlag.TextWordWrap), text)
        return rect.height() * 25.4 / RESOLUTION

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: QColor, width_pt: float) -> None:
        pen = QPen(colour)
        pen.setWidthF(width_pt * RESOLUTION / 72)
        self.p.setPen(pen)
        self.p.drawLine(QPointF(mm(x1), mm(y1)), QPointF(mm(x2), mm(y2)))

    def box(self, x: float, y: float, w: float, h: float, *, fill: QColor | None = None,
            outline: QColor | None = None, width_pt: float = 0.5) -> None:
        if outline is not None:
            pen = QPen(outline)
            pen.setWidthF(width_pt * RESOLUTION / 72)
            self.p.setPen(pen)
        else:
            self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
        self.p.drawRect(QRectF(mm(x), mm(y), mm(w), mm(h)))
        self.p.setBrush(Qt.BrushStyle.NoBrush)


def _draw_qr(painter: QPainter, text: str, x: float, y: float, size: float) -> None:
    """The code as one vector path of horizontal runs (no hairline seams), with its quiet zone."""
    rows = qr.matrix(text)
    count = len(rows) + 2 * qr.QUIET_ZONE
    module = mm(size) / count
    left, top = mm(x) + qr.QUIET_ZONE * module, mm(y) + qr.QUIET_ZONE * module
    painter.fillRect(QRectF(mm(x), mm(y), mm(size), mm(size)), QColor("white"))
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.addRect(QRectF(left + start * module, top + r * module, (c - start) * module, module))
            else:
                c += 1
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillPath(path, QColor("black"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def _draw_seal(painter: QPainter, data: bytes, mime: str | None, centre_x: float, centre_y: float, size: float) -> None:
    target = QRectF(mm(centre_x - size / 2), mm(centre_y - size / 2), mm(size), mm(size))
    painter.save()
    painter.setOpacity(0.85)  # a stamp lets the printed words under it show through
    if (mime or "").startswith("image/svg"):
        renderer = QSvgRenderer(QByteArray(data))
        if renderer.isValid():
            view = renderer.defaultSize()
            if view.width() > 0 and view.height() > 0:
                ratio = view.width() / view.height()
                if ratio > 1:
                    target.setHeight(target.width() / ratio)
                else:
                    target.setWidth(target.height() * ratio)
                target.moveCenter(QPointF(mm(centre_x), mm(centre_y)))
            renderer.render(painter, target)
    else:
        image = QImage.fromData(data)
        if not image.isNull():
            ratio = image.width() / max(1, image.height())
            if ratio > 1:
                target.setHeight(target.width() / ratio)
            else:
                target.setWidth(target.height() * ratio)
            target.moveCenter(QPointF(mm(centre_x), mm(centre_y)))
            painter.drawImage(target, image)
    painter.restore()


def _table(page: _Page, doc: CertificateDocument, x: float, y: float, width: float, bottom: float) -> float:
    """The field table (name, ID, number, 服务时间, 服务内容, 记录单位); returns where it ends (mm)."""
    w = words(doc.language)
    zh = doc.language == "zh"
    label_w = 34.0 if zh else 40.0
    value_x, value_w = x + label_w + 3, width - label_w - 6
    body = _font(doc.language, 10.5)
    label_font = _font(doc.language, 10.5, bold=True)
    small = _font(doc.language, 9.5)
    small_bold = _font(doc.language, 9.5, bold=True)
    hours = hours_text(doc.minutes, doc.step_minutes, doc.language)
    period = period_words(doc.period_from, doc.period_to, doc.language)
    id_value = (f"{id_type_words(doc.id_type, doc.language)}  {doc.id_number_masked}"
                if doc.id_number_masked else w["id_none"])
    issuer = doc.issuer
    recorder_lines = [issuer.name]
    people = "    ".join(
        w[key].format(value=value or w["not_entered"])
        for key, value in (("person_in_charge", issuer.person_in_charge), ("handler", issuer.handler))
    )
    recorder_lines.append(people)
    contact = contact_text(issuer)
    if contact:
        recorder_lines.append(w["contact"].format(value=contact))
    if issuer.address:
        recorder_lines.append(w["address"].format(value=issuer.address))

    simple_rows: list[tuple[str, str]] = [
        (w["name"], doc.volunteer_name),
        (w["id"], id_value),
        (w["volunteer_number"], doc.volunteer_number),
        (w["service_time"], w["service_time_value"].format(hours=hours, period=period)),
    ]
    pad = 2.2
    top = y

    def row(label: str, height: float, draw_value: object) -> None:
        nonlocal y
        page.box(x, y, label_w, height, fill=SHADE)
        page.text(x + 2, y + pad, label_w - 4, label, label_font, colour=ACCENT[doc.language])
        assert callable(draw_value)
        draw_value(y)
        page.line(x, y + height, x + width, y + height, RULE, 0.5)
        y += height

    for label, value in simple_rows:
        height = max(9.0, page.measure(value_w, value, body) + 2 * pad, page.measure(label_w - 4, label, label_font) + 2 * pad)
        row(label, height, lambda top_y, v=value: page.text(value_x, top_y + pad, value_w, v, body))

    # 服务内容: a small table of activities, as many lines as the page has room for.
    recorder_text = "\n".join(recorder_lines)
    recorder_h = max(page.measure(value_w, recorder_text, body), page.measure(label_w - 4, w["recorder"], label_font)) + 2 * pad
    line_h = 6.5
    room = bottom - y - recorder_h - 2 * pad - line_h
    limit = max(2, min(10, int(room // line_h)))
    lines = summarise(doc.activities, limit, language=doc.language)
    cols = (value_w * 0.43, value_w * 0.24, value_w * 0.12, value_w * 0.21)

    def activities(top_y: float) -> None:
        cy = top_y + pad
        headers = (w["col_activity"], w["col_category"], w["col_times"], w["col_hours"])  # hours: a number column
        cx = value_x
        for i, (text, cw) in enumerate(zip(headers, cols, strict=True)):
            align = Qt.AlignmentFlag.AlignRight if i >= 2 else Qt.AlignmentFlag.AlignLeft
            page.text(cx, cy, cw - 2, text, small_bold, colour=MUTED, align=align)
            cx += cw
        cy += line_h
        page.line(value_x, cy - 1.2, value_x + value_w, cy - 1.2, RULE, 0.3)
        for activity in lines:
            cells = (activity.title, activity.category or w["no_category"], str(activity.times),
                     hours_value(activity.minutes, doc.step_minutes)
                     or hours_text(activity.minutes, doc.step_minutes, doc.language))
            cx = value_x
            for i, (text, cw) in enumerate(zip(cells, cols, strict=True)):
                align = Qt.AlignmentFlag.AlignRight if i >= 2 else Qt.AlignmentFlag.AlignLeft
                metrics = QFontMetricsF(small, page.p.device())
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, mm(cw - 2))
                page.text(cx, cy, cw - 2, shown, small, align=align, height=line_h)
                cx += cw
            cy += line_h

    row(w["service_content"], 2 * pad + line_h * (len(lines) + 1), activities)
    row(w["recorder"], recorder_h, lambda top_y: page.text(value_x, top_y + pad, value_w, recorder_text, body))
    # The table's frame, drawn last so it sits over the shading.
    page.box(x, top, width, y - top, outline=ACCENT[doc.language], width_pt=0.9)
    page.line(x + label_w, top, x + label_w, y, RULE, 0.5)
    return y


def _paint(painter: QPainter, doc: CertificateDocument) -> None:
    w = words(doc.language)
    zh = doc.language == "zh"
    accent = ACCENT[doc.language]
    page = _Page(painter, doc.language)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    # Frame: a strong outer line and a fine inner one.
    page.box(10, 10, 190, 277, outline=accent, width_pt=2.2)
    page.box(12.5, 12.5, 185, 272, outline=accent, width_pt=0.6)

    left, width = 24.0, 162.0
    title_font = _font(doc.language, 25 if zh else 21, bold=True, heading=True)
    y = 27.0
    y += page.text(left, y, width, w["title"], title_font, colour=accent, align=Qt.AlignmentFlag.AlignHCenter)
    y += 1
    y += page.text(left, y, width, w["subtitle"], _font(doc.language, 10, heading=True), colour=MUTED,
                   align=Qt.AlignmentFlag.AlignHCenter)
    y += 4
    page.text(left, y, width, w["number"].format(number=doc.number), _font(doc.language, 9.5), colour=MUTED,
              align=Qt.AlignmentFlag.AlignRight)
    y += 6
    page.line(left, y, left + width, y, accent, 0.8)
    y += 6

    hours = hours_text(doc.minutes, doc.step_minutes, doc.language)
    period = period_words(doc.period_from, doc.period_to, doc.language)
    intro = w["intro"].format(name=doc.volunteer_name, period=period, period_plain=period,
                              organisation=doc.issuer.name, hours=hours)
    intro_font = _font(doc.language, 12 if zh else 11.5, heading=not zh)
    y += page.text(left + (8 if zh else 0), y, width - (8 if zh else 0), intro, intro_font)
    y += 6

    table_end = _table(page, doc, left, y, width, 218.0)
    bottom_band = min(222.0, max(196.0, table_end + 14))

    # Bottom band: the seal block (organisation and date, the seal over them) and the QR code bottom right.
    qr_size = 38.0
    qr_x, qr_y = left + width - qr_size, bottom_band
    _draw_qr(painter, doc.payload, qr_x, qr_y, qr_size)
    page.text(qr_x, qr_y + qr_size + 0.5, qr_size, w["scan"], _font(doc.language, 8.5), colour=MUTED,
              align=Qt.AlignmentFlag.AlignHCenter)

    block_right = qr_x - 8
    block_w = 84.0
    block_x = block_right - block_w
    by = bottom_band + 8
    by += page.text(block_x, by, block_w, w["seal_caption"], _font(doc.language, 10, bold=True), colour=accent,
                    align=Qt.AlignmentFlag.AlignRight)
    by += 2
    by += page.text(block_x, by, block_w, doc.issuer.name, _font(doc.language, 11), align=Qt.AlignmentFlag.AlignRight)
    by += 2
    page.text(block_x, by, block_w, w["issued_on"].format(date=date_words(doc.issued_on, doc.language)),
              _font(doc.language, 10.5), align=Qt.AlignmentFlag.AlignRight)
    if doc.seal_image:
        _draw_seal(painter, doc.seal_image, doc.seal_mime, block_right - 22, bottom_band + 16, 38)

    if doc.revoked:
        painter.save()
        painter.translate(mm(105), mm(150))
        painter.rotate(-30)
        painter.setOpacity(0.25)
        page.text(-80, -15, 160, "已撤销 REVOKED" if zh else "REVOKED", _font(doc.language, 54, bold=True),
                  colour=QColor(200, 0, 0), align=Qt.AlignmentFlag.AlignHCenter)
        painter.restore()

    # How to verify, at the foot of the page.
    page.line(left, 268, left + width, 268, RULE, 0.4)
    fingerprint = " ".join(doc.fingerprint[i:i + 4] for i in range(0, min(len(doc.fingerprint), 32), 4)) + " …"
    page.text(left, 269.5, width, w["verify"].format(fingerprint=fingerprint), _font(doc.language, 7.2),
              colour=MUTED)


def paint(painter: QPainter, doc: CertificateDocument, device_dpi: float) -> None:
    """Draw the certificate on any device whose origin is the paper's top-left corner (a printer, a preview)."""
    painter.save()
    painter.scale(device_dpi / RESOLUTION, device_dpi / RESOLUTION)
    _paint(painter, doc)
    painter.restore()


def render(doc: CertificateDocument) -> bytes:
    """The certificate as PDF bytes (one A4 page), with the payload in its metadata."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(f"{words(doc.language)['title']} {doc.number}")
    writer.setCreator("volunteer-app")
    writer.setAuthor(doc.issuer.name)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("could not start drawing the certificate PDF")
    try:
        _paint(painter, doc)
    finally:
        painter.end()
    buffer.close()
    return with_payload_metadata(bytes(buffer.data().data()), doc.payload)


def with_payload_metadata(pdf: bytes, payload: str) -> bytes:
    """``pdf`` with the payload in its document information (``/Keywords`` and our own key)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Keywords": payload, "/Subject": "volunteer-app certificate"})
    assert writer._info is not None  # noqa: SLF001 - pypdf has no public setter for custom keys
    info = writer._info.get_object()  # noqa: SLF001
    assert isinstance(info, DictionaryObject)
    info[NameObject(METADATA_KEY)] = TextStringObject(payload)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

