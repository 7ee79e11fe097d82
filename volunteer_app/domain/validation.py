"""Rules for the text people type or import: emails, names, one-line fields, longer texts.

Pure functions, no database, no Qt. Each returns the value as it is to be stored
(trimmed, Unicode NFC, an email lower-cased) or raises ``TextProblem`` naming the
field, with a translatable template (context ``errors``) whose ``{value}`` is the
value cut to a readable length and with invisible characters written as escapes
(``preview``), so a message never carries a 50 MB value, a newline or a
right-to-left override onto a terminal or into a dialog.

What is refused:

* everywhere: C0/C1 control characters (a multi-line text keeps tab and line
  breaks), bidirectional embeddings, overrides and isolates (U+202A..U+202E,
  U+2066..U+2069, which can make ``gpj.exe`` read ``exe.jpg``), lone surrogates
  (no database can store them) and the noncharacters U+FFFE/U+FFFF;
* in one-line fields: any line break, and invisible format characters other than the
  zero-width joiners that some scripts need;
* in names: a value with no visible character (only spaces or zero-width characters);
* in emails: anything but one ``@`` between a local part of at most 64 and a domain of
  at most 253 characters, 254 in all, with no spaces, quotes, brackets or invisible characters.

The limits match the columns in ``store/models.py`` (or are smaller where a column is
wider than any sane value, like the 320-character email column).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP

T = QT_TRANSLATE_NOOP

#: Characters of a value shown in a message before it is cut with "…".
PREVIEW_CHARS = 40
MAX_EMAIL = 254  # RFC 5321: a path holds at most 256 octets, 254 of them the address
MAX_EMAIL_LOCAL = 64
MAX_EMAIL_DOMAIN = 253
MAX_NAME = 200  # Person.display_name, Organisation.name, person_in_charge, handler
MAX_PHONE = 50
MAX_TITLE = 300  # Task.title
MAX_CATEGORY = 100  # Task.category
MAX_ADDRESS = 1000  # addresses (Text columns; the same limit as a home address)
MAX_TIMEZONE = 64
MAX_SKILL_KEY = 64
MAX_DESCRIPTION = 10_000  # a task's description
MAX_REASON = 2000  # reasons and request texts: a paragraph, not a document
MAX_NOTE = 500

#: Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Invisible characters a one-line field may keep: ZWNJ and ZWJ (Persian, Indic scripts, emoji),
#: the soft hyphen, and the left-to-right / right-to-left / Arabic letter marks.
ALLOWED_FORMAT = frozenset("\u200c\u200d\u00ad\u200e\u200f\u061c")
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x85\x0b\x0c")
MULTILINE_CONTROLS = frozenset("\n\r\t")
#: Characters an email address may not hold (besides spaces and invisible ones).
EMAIL_FORBIDDEN = frozenset('<>()[]\\,;:"')


class TextProblem(ValueError):
    """A text that breaks a rule: ``field`` names it, ``template`` (context ``errors``) says why."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        self.template = template
        self.params = {"field": field, **params}
        try:
            message = template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            message = template
        super().__init__(message)


def preview(value: object, limit: int = PREVIEW_CHARS) -> str:
    """``value`` as a short, printable, one-line text for a message: at most ``limit`` characters
    and "…", with control, bidi and other invisible characters written as ``\\n``, ``\\u202e``..."""
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    out = []
    for ch in text[:limit]:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif _invisible(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if cut else "")


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch in ("\ufffe", "\uffff")


def _bad_character(text: str, *, multiline: bool) -> str | None:
    """The first character ``text`` may not hold, or None."""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            if multiline and ch in MULTILINE_CONTROLS:
                continue
            return ch
        if category == "Cs" or ch in BIDI_CONTROLS or ch in ("\ufffe", "\uffff"):
            return ch
        if not multiline and (ch in LINE_BREAKS or (category == "Cf" and ch not in ALLOWED_FORMAT)):
            return ch
    return None


def _char_name(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch == "\n":
        return f"a line break ({code})"
    if ch == "\t":
        return f"a tab ({code})"
    if ch in BIDI_CONTROLS:
        return f"a right-to-left or left-to-right override ({code})"
    if unicodedata.category(ch) == "Cs":
        return f"a broken character ({code})"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        name = "a control character"
    return f"{name.lower()} ({code})"


def _check_characters(field: str, text: str, *, multiline: bool) -> None:
    bad = _bad_character(text, multiline=multiline)
    if bad is not None:
        raise TextProblem(
            field,
            T("errors", "{field} may not hold {character}: {value}"),
            character=_char_name(bad),
            value=preview(text),
        )


def _check_length(field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise TextProblem(
            field,
            T("errors", "{field} is {length} characters long; at most {limit} are allowed: {value}"),
            length=len(text),
            limit=limit,
            value=preview(text),
        )


def _as_text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise TextProblem(field, T("errors", "{field} must be text, not {value}."), value=preview(repr(value)))
    return value


def has_visible(text: str) -> bool:
    """Whether ``text`` shows something: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def _prepared(field: str, value: object, limit: int, *, multiline: bool) -> str:
    """``value`` trimmed and in NFC after the length (checked first, so a huge value is never scanned) and
    the characters are checked."""
    raw = _as_text(field, value).strip()
    _check_length(field, raw, limit)
    _check_characters(field, raw, multiline=multiline)
    return unicodedata.normalize("NFC", raw)


def line(field: str, value: object, limit: int, *, required: bool = False) -> str | None:
    """A one-line field (a title, a phone number, a category): trimmed; None when blank and not ``required``."""
    text = _prepared(field, value, limit, multiline=False)
    if not text or not has_visible(text):
        if required or text:
            raise TextProblem(field, T("errors", "{field} must not be empty."), value=preview(text))
        return None
    return text


def required_line(field: str, value: object, limit: int) -> str:
    """A one-line field that must show something (a title, an organisation's name)."""
    text = line(field, value, limit, required=True)
    assert text is not None
    return text


def name(field: str, value: object, limit: int = MAX_NAME) -> str:
    """A person's or an organisation's name: one line of visible characters, inner runs of spaces made one."""
    raw = _as_text(field, value)
    if len(raw) > 4 * limit:  # hopeless however many spaces it has: say so before reading it
        _check_length(field, raw.strip(), limit)
    _check_characters(field, raw.strip(), multiline=False)
    return required_line(field, " ".join(raw.split()), limit)


def text(field: str, value: object, limit: int, *, required: bool = False) -> str | None:
    """A longer text (a description, a reason): line breaks and tabs kept; None when blank and not ``required``."""
    raw = _prepared(field, value, limit, multiline=True)
    if not has_visible(raw):
        if required or raw:
            raise TextProblem(field, T("errors", "{field} must not be empty."), value=preview(raw))
        return None
    return raw


def email(value: object, field: str = "email") -> str:
    """An email address as stored: trimmed, NFC, lower case; ``TextProblem`` unless it is one address."""
    raw = _as_text(field, value).strip()
    _check_length(field, raw, MAX_EMAIL)
    _check_characters(field, raw, multiline=False)
    address = unicodedata.normalize("NFC", raw).lower()
    local, at, domain = address.rpartition("@")
    broken = (
        not at
        or "@" in local
        or not local
        or not domain
        or len(local) > MAX_EMAIL_LOCAL
        or len(domain) > MAX_EMAIL_DOMAIN
        or domain.startswith((".", "-"))
        or domain.endswith((".", "-"))
        or ".." in domain
        or any(ch.isspace() or ch in EMAIL_FORBIDDEN or _invisible(ch) for ch in address)
    )
    if broken:
        raise TextProblem(field, T("errors", "{value!r} is not an email address."), value=preview(raw))
    return address


__all__ = [
    "MAX_ADDRESS",
    "MAX_CATEGORY",
    "MAX_DESCRIPTION",
    "MAX_EMAIL",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_PHONE",
    "MAX_REASON",
    "MAX_SKILL_KEY",
    "MAX_TIMEZONE",
    "MAX_TITLE",
    "PREVIEW_CHARS",
    "TextProblem",
    "email",
    "has_visible",
    "line",
    "name",
    "preview",
    "required_line",
    "text",
]
