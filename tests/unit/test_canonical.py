"""The canonical encoding: one text per value, and the fast ledger builders agree with it."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from volunteer_app.domain import canonical


def test_sorted_keys_no_spaces_utf8_and_ints() -> None:
    text = canonical.canonical_json({"b": 1, "a": [True, None, "志愿"], "c": {"z": 0, "y": "x"}})
    assert text == '{"a":[true,null,"志愿"],"b":1,"c":{"y":"x","z":0}}'
    assert canonical.canonical_bytes({"a": "é"}) == '{"a":"é"}'.encode()


def test_times_are_utc_with_microseconds_and_z() -> None:
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2030, 5, 4, 9, 0, tzinfo=shanghai)
    assert canonical.time_text(moment) == "2030-05-04T01:00:00.000000Z"
    assert canonical.canonical_json({"at": moment, "on": date(2030, 5, 4)}) == (
        '{"at":"2030-05-04T01:00:00.000000Z","on":"2030-05-04"}'
    )
    with pytest.raises(ValueError, match="naive"):
        canonical.time_text(datetime(2030, 5, 4))


@pytest.mark.parametrize("value", [1.5, {1: "a"}, object(), {"a": float("nan")}])
def test_what_has_no_canonical_form_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        canonical.canonical_json(value)


def _texts(rng: random.Random) -> str | None:
    return rng.choice([None, "", "Sorting", 'quote " and \\ back', "志愿服务", "tab\tnewline\n", "\u2028", "\x00"])


def test_fast_builders_write_exactly_the_canonical_text() -> None:
    rng = random.Random(7)
    for _ in range(500):
        start = datetime(2030, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(10**8), microseconds=rng.randrange(10**6))
        fields = {
            "person": rng.randrange(1, 10**9), "organisation": rng.randrange(1, 99),
            "occurrence": rng.choice([None, rng.randrange(1, 10**6)]), "activity": _texts(rng),
            "started_at": canonical.time_text(start), "ended_at": canonical.time_text(start + timedelta(hours=2)),
            "credited_minutes": rng.randrange(0, 500), "status": rng.choice(["pending", "verified", "rejected"]),
            "decided_by": rng.choice([None, 3]), "corrects": rng.choice([None, 12]),
        }
        record_text = canonical.record_facts_text(**fields)
        assert record_text == canonical.canonical_json(canonical.record_facts(**fields))
        cert = {
            "number": rng.choice(["VA-2030-000001", "证书-1"]), "person": 4, "organisation": 2,
            "period_from": "2030-01-01", "period_to": "2030-12-31", "minutes": rng.randrange(10**5),
            "revoked": rng.choice([True, False]),
        }
        assert canonical.certificate_facts_text(**cert) == canonical.canonical_json(canonical.certificate_facts(**cert))
        facts_text = canonical.canonical_json({"record": canonical.record_facts(**fields), "note": {"x": _texts(rng)}})
        entry = {
            "organisation": fields["organisation"], "seq": rng.randrange(1, 10**7),
            "action": rng.choice(["verify", "reject"]), "actor": rng.choice([None, 5]),
            "at": canonical.time_text(start), "record": rng.choice([None, 9]), "certificate": rng.choice([None, 2]),
            "prev": hashlib.sha256(str(rng.random()).encode()).hexdigest(),
        }
        general = canonical.canonical_json(canonical.entry(facts=json.loads(facts_text), **entry))
        assert canonical.entry_text(facts_text=facts_text, **entry) == general
        assert canonical.entry_hash(facts_text=facts_text, **entry) == hashlib.sha256(general.encode()).hexdigest()


def test_a_known_entry_has_a_known_hash() -> None:
    """Pins the encoding: another tool following docs/trust.md must get this very hash."""
    facts = {"record": canonical.record_facts(
        person=4, organisation=1, occurrence=None, activity="Sorting", started_at="2030-04-24T01:00:00.000000Z",
        ended_at="2030-04-24T03:00:00.000000Z", credited_minutes=120, status="verified", decided_by=2, corrects=None,
    )}
    text = canonical.entry_text(1, 1, "verify", 2, "2030-04-24T03:05:00.000000Z", 1, None,
                                canonical.canonical_json(facts), canonical.GENESIS)
    assert text == (
        '{"action":"verify","actor":2,"at":"2030-04-24T03:05:00.000000Z","certificate":null,"facts":{"record":'
        '{"activity":"Sorting","corrects":null,"credited_minutes":120,"decided_by":2,'
        '"ended_at":"2030-04-24T03:00:00.000000Z","occurrence":null,"organisation":1,"person":4,'
        '"started_at":"2030-04-24T01:00:00.000000Z","status":"verified"}},"organisation":1,'
        '"prev":"0000000000000000000000000000000000000000000000000000000000000000","record":1,"seq":1,"v":1}'
    )
    assert canonical.sha256_hex(text.encode()) == "9f8367f25f81fe3a01568a2e805ae4ec5db0020d43f3b706a985d738b8a975ee"
