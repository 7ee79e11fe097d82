#!/usr/bin/env python3
"""Make the certificate fonts shipped in resources/fonts/ (maintainers; the output is committed).

Certificates must look the same on every desktop, so the PDF painter (certificates/pdf.py)
uses fonts the app brings rather than whatever the platform has:

- WenQuanYi Micro Hei (Apache-2.0 or GPL-3+ with the font exception) for Chinese: a subset of
  every GB 2312 hanzi (6,763, which covers names in everyday use), the CJK punctuation and
  full-width forms, and every CJK character in the app's own source and translations;
- DejaVu Sans and DejaVu Serif, regular and bold (the Bitstream Vera / DejaVu licence), for
  English: Latin-1, Latin Extended-A and common punctuation.

A character outside the subset (a rare hanzi in a name) is still drawn: Qt falls back to the
platform's CJK fonts for that one character (pdf.CJK_FAMILIES lists them after ours).

    python -m venv /tmp/fonts && /tmp/fonts/bin/pip install fonttools
    /tmp/fonts/bin/python packaging/subset_fonts.py [--wqy PATH] [--dejavu DIR]

The sources are Debian's fonts-wqy-microhei and fonts-dejavu-core (scripts/setup installs them).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _ranges(*spans: tuple[int, int]) -> set[int]:
    return {cp for start, end in spans for cp in range(start, end + 1)}


LATIN = _ranges(
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1 and Latin Extended-A (names such as Ødegård, Łukasz)
    (0x2010, 0x205E),  # dashes, quotes, bullets, …, ‰
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
    # The ligatures shaping puts in (fi, fl, ...): with their code points kept, the PDF maps each
    # ligature glyph back to its letters, so text copied or extracted reads "Verified", not "Veri ed".
    (0xFB00, 0xFB06),
)


def gb2312_hanzi() -> set[int]:
    """Every character of GB 2312's hanzi rows (0xB0-0xF7): 3,755 common plus 3,008 less common."""
    found = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def app_characters() -> set[int]:
    """Every CJK character the app itself writes (sources, translations, demo data)."""
    chars: set[int] = set()
    files = [*ROOT.joinpath("volunteer_app").rglob("*.py"), *ROOT.joinpath("resources", "translations").glob("*.ts")]
    for path in files:
        chars.update(ord(c) for c in CJK.findall(path.read_text(encoding="utf-8")))
    return chars


def write_subset(source: Path, target: Path, codepoints: set[int], *, font_number: int = 0) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # the PDF is drawn without hinting (pdf._font) and smaller without it
    options.drop_tables += ["DSIG"]
    font = TTFont(str(source), fontNumber=font_number, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {len(font.getBestCmap())} characters, {target.stat().st_size // 1024} KiB")


LICENCE = """# Fonts for certificates

The certificate PDF (`volunteer_app/certificates/pdf.py`) is drawn with these fonts on every
platform, so a certificate looks the same wherever it is printed. They are subsets made by
`packaging/subset_fonts.py` from Debian's packages; each keeps its own licence.

| file | font | licence |
|---|---|---|
| `WenQuanYiMicroHei-subset.ttf` | WenQuanYi Micro Hei 0.2.0-beta (fonts-wqy-microhei): GB 2312 hanzi, CJK punctuation, every character the app writes | Apache License 2.0, or GPL-3+ with the font embedding exception (we use it under Apache-2.0) |
| `DejaVuSans-subset.ttf`, `DejaVuSans-Bold-subset.ttf`, `DejaVuSerif-subset.ttf`, `DejaVuSerif-Bold-subset.ttf` | DejaVu fonts 2.37 (fonts-dejavu-core): Latin-1, Latin Extended-A, punctuation | Bitstream Vera Fonts licence with the DejaVu changes (public domain); free to use, modify and redistribute |

## WenQuanYi Micro Hei

Copyright © 2008-2010 WenQuanYi Board of Trustees and contributors; portions Copyright © 2008
The Android Open Source Project (Droid Sans Fallback).

Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except
in compliance with the License. You may obtain a copy of the License at
https://www.apache.org/licenses/LICENSE-2.0. Unless required by applicable law or agreed to in
writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the
specific language governing permissions and limitations under the License.

Modification: this file is a subset (fewer characters, hinting removed); the glyphs are unchanged.

## DejaVu

Fonts are © Bitstream (see below). DejaVu changes are in public domain.

Copyright © 2003 by Bitstream, Inc. All Rights Reserved. Bitstream Vera is a trademark of
Bitstream, Inc.

Permission is hereby granted, free of charge, to any person obtaining a copy of the fonts
accompanying this license ("Fonts") and associated documentation files (the "Font Software"),
to reproduce and distribute the Font Software, including without limitation the rights to use,
copy, merge, publish, distribute, and/or sell copies of the Font Software, and to permit persons
to whom the Font Software is furnished to do so, subject to the following conditions:

The above copyright and trademark notices and this permission notice shall be included in all
copies of one or more of the Font Software typefaces.

The Font Software may be modified, altered, or added to, and in particular the designs of glyphs
or characters in the Fonts may be modified and additional glyphs or characters may be added to
the Fonts, only if the fonts are renamed to names not containing either the words "Bitstream" or
the word "Vera".

This License becomes null and void to the extent applicable to Fonts or Font Software that has
been modified and is distributed under the "Bitstream Vera" names.

The Font Software may be sold as part of a larger software package but no copy of one or more of
the Font Software typefaces may be sold by itself.

THE FONT SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO ANY WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT OF COPYRIGHT, PATENT, TRADEMARK, OR OTHER RIGHT. IN NO EVENT SHALL
BITSTREAM OR THE GNOME FOUNDATION BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, INCLUDING
ANY GENERAL, SPECIAL, INDIRECT, INCIDENTAL, OR CONSEQUENTIAL DAMAGES, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF THE USE OR INABILITY TO USE THE FONT SOFTWARE
OR FROM OTHER DEALINGS IN THE FONT SOFTWARE.

Except as contained in this notice, the names of Gnome, the Gnome Foundation, and Bitstream Inc.,
shall not be used in advertising or otherwise to promote the sale, use or other dealings in this
Font Software without prior written authorization from the Gnome Foundation or Bitstream Inc.,
respectively. For further information, contact: fonts at gnome dot org.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wqy", type=Path, default=Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))
    parser.add_argument("--dejavu", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    chinese = gb2312_hanzi() | app_characters() | _ranges((0x3000, 0x303F), (0xFF01, 0xFF5E)) | LATIN
    write_subset(args.wqy, OUT / "WenQuanYiMicroHei-subset.ttf", chinese, font_number=0)
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold"):
        write_subset(args.dejavu / f"{name}.ttf", OUT / f"{name}-subset.ttf", LATIN)
    (OUT / "LICENSE.md").write_text(LICENCE, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
