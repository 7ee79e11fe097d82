"""Normalising place names and queries so that spellings people type meet.

Pure string functions shared by the gazetteer, the cache and the build script.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Letters NFKD does not decompose to ASCII.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t"}
)
_SPACES = re.compile(r"\s+")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_TONE_DIGITS = re.compile(r"(?<=[a-z])[1-5]")
#: Administrative suffixes of Chinese place names: 杭州市 is 杭州.
_CJK_SUFFIXES = ("市",)
MAX_QUERY_KEY = 500


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideograph, any extension block, or compatibility ideograph)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2EBEF
        or 0x30000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
    )


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def fold(text: str) -> str:
    """Case, width and accents removed: 'Hàng Châu' -> 'hang chau', 'Ｈａｎｇｚｈｏｕ' -> 'hangzhou'."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LATIN_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def name_key(name: str) -> str:
    """The lookup key of a place name: folded, with spaces, hyphens, apostrophes and dots removed.

    'Hang Zhou', 'hangzhou', 'Hángzhōu' and 'HANGZHOU' share the key 'hangzhou';
    '杭州市' and '杭州' share '杭州'.
    """
    if name.isascii():  # the common case, about ten times faster
        return _NOT_ASCII_ALNUM.sub("", name.lower())
    key = "".join(ch for ch in fold(name) if unicodedata.category(ch)[0] in "LN")
    for suffix in _CJK_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1 and is_han(key[0]):
            key = key[: -len(suffix)]
    return key


def without_tone_digits(key: str) -> str:
    """'hang2zhou1' -> 'hangzhou' (numbered pinyin tones)."""
    return _TONE_DIGITS.sub("", key)


def ascii_name(name: str) -> str:
    """An ASCII spelling of a Latin-script name ('Zürich' -> 'Zurich'), or '' when there is none."""
    text = unicodedata.normalize("NFKC", name)
    out = []
    for ch in text:
        low = ch.lower()
        mapped = low.translate(_LATIN_EXTRA)
        if mapped != low:
            out.append(mapped.capitalize() if ch != low else mapped)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base)
    result = "".join(out)
    return result if result.isascii() else ""


def query_key(query: str) -> str:
    """The cache key of a free-text query: NFKC, case-folded, whitespace collapsed.

    Keeps punctuation and word order (they matter to a street geocoder).
    Very long queries end in a hash so the key fits the cache column.
    """
    key = _SPACES.sub(" ", unicodedata.normalize("NFKC", query).casefold()).strip()
    if len(key) > MAX_QUERY_KEY:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        key = f"{key[: MAX_QUERY_KEY - 72]}#sha256:{digest}"
    return key
