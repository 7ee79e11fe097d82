"""The canonical encoding: one byte string for one value, whoever computes it.

Hashes and signatures (the hours ledger, checkpoints, exported keys) are taken over
this encoding, so the same facts always give the same bytes on every desktop,
database and Python version. The rules (docs/trust.md states them for other tools):

- JSON (RFC 8259) in UTF-8, object keys sorted by code point, no whitespace at all
  (``,`` and ``:`` only), non-ASCII characters as themselves (not ``\\u`` escapes);
- integers as integers, ``true``/``false``/``null``; no floating-point numbers
  (minutes are whole; a float is refused rather than rounded);
- times as UTC ISO 8601 with six-digit microseconds and ``Z``:
  ``2030-05-04T01:00:00.000000Z``; dates as ``YYYY-MM-DD``.

The ``*_text`` builders below write the same bytes for the fixed shapes of the ledger
faster than the general encoder (the ledger check runs over millions of entries);
tests/unit/test_canonical.py checks they agree with ``canonical_json``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from json.encoder import encode_basestring  # C-accelerated, as json.dumps uses
from typing import Any

#: The ``prev`` of the first entry of every chain.
GENESIS = "0" * 64
#: The version of the ledger entry encoding (``"v"`` in every entry).
ENTRY_VERSION = 1

_encoder = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def time_text(moment: datetime) -> str:
    """A moment as canonical text: UTC, microseconds, ``Z``."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: canonical times must carry a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        raise TypeError(f"{value!r}: the canonical encoding has no floating-point numbers")
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"object key {key!r} is not a string")
            out[key] = _plain(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    raise TypeError(f"{type(value).__name__} {value!r} has no canonical encoding")


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value`` (dicts, lists, str, int, bool, None, datetime, date)."""
    return str(_encoder.encode(_plain(value)))


def canonical_bytes(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- the ledger's shapes


#: ``%``-templates of the ledger's fixed shapes, keys in sorted order (the builders below fill them;
#: so does the ledger check's fast path, with values it already holds as text).
RECORD_FACTS_FORMAT = (
    '{"activity":%s,"corrects":%s,"credited_minutes":%s,"decided_by":%s,"ended_at":%s,"occurrence":%s,'
    '"organisation":%s,"person":%s,"started_at":%s,"status":%s}'
)
ENTRY_FORMAT = (
    '{"action":%s,"actor":%s,"at":%s,"certificate":%s,"facts":%s,"organisation":%s,"prev":%s,"record":%s,'
    '"seq":%s,"v":' + str(ENTRY_VERSION) + "}"
)


def _int(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _str(value: str | None) -> str:
    return "null" if value is None else str(encode_basestring(value))


def record_facts(
    *,
    person: int,
    organisation: int,
    occurrence: int | None,
    activity: str | None,
    started_at: str,
    ended_at: str,
    credited_minutes: int,
    status: str,
    decided_by: int | None,
    corrects: int | None,
) -> dict[str, Any]:
    """The facts of an hours record that a ledger entry fixes (times already as ``time_text``)."""
    return {
        "activity": activity, "corrects": corrects, "credited_minutes": credited_minutes,
        "decided_by": decided_by, "ended_at": ended_at, "occurrence": occurrence,
        "organisation": organisation, "person": person, "started_at": started_at, "status": status,
    }  # fmt: skip


def record_facts_text(
    person: int,
    organisation: int,
    occurrence: int | None,
    activity: str | None,
    started_at: str,
    ended_at: str,
    credited_minutes: int,
    status: str,
    decided_by: int | None,
    corrects: int | None,
) -> str:
    """``canonical_json(record_facts(...))``, fast."""
    return RECORD_FACTS_FORMAT % (
        _str(activity), _int(corrects), int(credited_minutes), _int(decided_by), encode_basestring(ended_at),
        _int(occurrence), int(organisation), int(person), encode_basestring(started_at), encode_basestring(status),
    )


def certificate_facts(
    *, number: str, person: int, organisation: int, period_from: str, period_to: str, minutes: int, revoked: bool
) -> dict[str, Any]:
    """The facts of a certificate that a ledger entry fixes (dates as ``YYYY-MM-DD``)."""
    return {
        "minutes": minutes, "number": number, "organisation": organisation, "period_from": period_from,
        "period_to": period_to, "person": person, "revoked": revoked,
    }  # fmt: skip


def certificate_facts_text(
    number: str, person: int, organisation: int, period_from: str, period_to: str, minutes: int, revoked: bool
) -> str:
    """``canonical_json(certificate_facts(...))``, fast."""
    return (
        f'{{"minutes":{int(minutes)},"number":{encode_basestring(number)},"organisation":{int(organisation)},'
        f'"period_from":{encode_basestring(period_from)},"period_to":{encode_basestring(period_to)},'
        f'"person":{int(person)},"revoked":{"true" if revoked else "false"}}}'
    )


def entry(
    *,
    organisation: int,
    seq: int,
    action: str,
    actor: int | None,
    at: str,
    record: int | None,
    certificate: int | None,
    facts: dict[str, Any],
    prev: str,
) -> dict[str, Any]:
    """What a ledger entry's hash covers (``at`` already as ``time_text``)."""
    return {
        "action": action, "actor": actor, "at": at, "certificate": certificate, "facts": facts,
        "organisation": organisation, "prev": prev, "record": record, "seq": seq, "v": ENTRY_VERSION,
    }  # fmt: skip


def entry_text(
    organisation: int,
    seq: int,
    action: str,
    actor: int | None,
    at: str,
    record: int | None,
    certificate: int | None,
    facts_text: str,
    prev: str,
) -> str:
    """``canonical_json(entry(...))`` given the facts' canonical text, fast."""
    return ENTRY_FORMAT % (
        encode_basestring(action), _int(actor), encode_basestring(at), _int(certificate), facts_text,
        int(organisation), encode_basestring(prev), _int(record), int(seq),
    )


def entry_hash(
    organisation: int,
    seq: int,
    action: str,
    actor: int | None,
    at: str,
    record: int | None,
    certificate: int | None,
    facts_text: str,
    prev: str,
) -> str:
    """SHA-256 (hex) of the entry's canonical encoding."""
    text = entry_text(organisation, seq, action, actor, at, record, certificate, facts_text, prev)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
