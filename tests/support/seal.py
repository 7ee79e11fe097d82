"""A round red seal drawn with Pillow, for certificate tests and the docs' sample certificates."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
RED = (200, 20, 20, 255)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(CJK_FONT, size)
    except OSError:
        return ImageFont.load_default()


def seal_png(name: str = "滨江社区志愿服务中心", size: int = 600) -> bytes:
    """A transparent PNG: a red ring, the name around the top, a star in the middle."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre, ring = size / 2, size * 0.035
    draw.ellipse([ring, ring, size - ring, size - ring], outline=RED, width=int(ring))
    # A five-pointed star.
    points = []
    for i in range(10):
        radius = size * (0.17 if i % 2 == 0 else 0.068)
        angle = math.pi / 2 + i * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    draw.polygon(points, fill=RED)
    # The name along the upper arc, each character turned to face the centre.
    font = _font(int(size * 0.11))
    span = math.radians(220)
    count = max(1, len(name))
    for i, char in enumerate(name):
        angle = math.pi / 2 + span / 2 - span * (i + 0.5) / count
        glyph = Image.new("RGBA", (int(size * 0.14), int(size * 0.14)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), char, font=font, fill=RED, anchor="mm")
        glyph = glyph.rotate(math.degrees(angle - math.pi / 2), resample=Image.Resampling.BICUBIC)
        r = size * 0.36
        x, y = centre + r * math.cos(angle), centre - r * math.sin(angle)
        image.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    label_font = _font(int(size * 0.075))
    draw.text((centre, centre + size * 0.27), "志愿服务专用章", font=label_font, fill=RED, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
