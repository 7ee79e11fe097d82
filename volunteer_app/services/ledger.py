"""The hours ledger: every decision on hours, hash-chained per organisation, checked end to end.

``append`` adds one entry inside the decision's own transaction. Its ``entry_hash`` is SHA-256
over the canonical encoding (``domain.canonical``; docs/trust.md) of the entry (organisation,
sequence number, action, actor, time, record or certificate), the **facts** of what it decides
(the hours record's person, organisation, task occurrence or activity, start, end, credited
minutes, status, who decided, which record it corrects; or the certificate's number, person,
period, minutes and whether it is revoked) and the previous entry's hash. Nothing updates or
deletes an entry; on PostgreSQL and SQLite a trigger refuses it (migration 0003).

``verify`` recomputes every chain and compares every record and certificate it covers with the
facts it hashed, so a row changed, removed or inserted behind the app's back (by hand in the
SQLite file, or by SQL on the server) is named. A whole chain rewritten with fresh hashes
is caught by a **signed checkpoint** (``checkpoint``): the chain length and head hash at a
moment, signed with the organisation's Ed25519 key, kept outside the database.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import Text, cast, insert, literal, select, text, type_coerce
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from volunteer_app.domain import canonical
from volunteer_app.domain.canonical import GENESIS, encode_basestring, time_text
from volunteer_app.domain.enums import ServiceStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit, shared_reads, signing_keys
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound
from volunteer_app.store.database import Database
from volunteer_app.store.models import Certificate, LedgerEntry, Organisation, ServiceRecord
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
ACTIONS = ("verify", "reject", "request_accept", "request_decline", "certificate_issue", "certificate_revoke")
CHECKPOINT_FORMAT = "volunteer-app ledger checkpoint"
#: Problems listed at most (the first one is what matters; the rest is a hint of how much).
MAX_PROBLEMS = 200
#: Facts that may differ between an older entry about a record and the record now, when a later
#: entry decides it (a corrected record is recorded pending, then verified).
MUTABLE_RECORD_FACTS = frozenset({"status", "decided_by"})
MUTABLE_CERTIFICATE_FACTS = frozenset({"revoked"})
_BATCH = 10_000


# --------------------------------------------------------------------------- facts


def record_facts(record: ServiceRecord) -> dict[str, Any]:
    return canonical.record_facts(
        person=record.person_id, organisation=record.organisation_id, occurrence=record.occurrence_id,
        activity=record.activity, started_at=time_text(record.started_at), ended_at=time_text(record.ended_at),
        credited_minutes=record.credited_minutes, status=ServiceStatus(record.status).value,
        decided_by=record.decided_by_id, corrects=record.corrects_id,
    )  # fmt: skip


def certificate_facts(cert: Certificate) -> dict[str, Any]:
    return canonical.certificate_facts(
        number=cert.number, person=cert.person_id, organisation=cert.organisation_id,
        period_from=cert.period_from.isoformat(), period_to=cert.period_to.isoformat(), minutes=cert.minutes,
        revoked=cert.revoked_at is not None,
    )  # fmt: skip


# --------------------------------------------------------------------------- appending


def _lock_chain(session: Session, organisation_id: int) -> None:
    """Serialise appends per organisation until the transaction ends."""
    session.flush()  # the decision's own changes first (on SQLite this also takes the write lock)
    if session.get_bind().dialect.name == "postgresql":
        # An advisory lock: a coordinator's own login may not lock the organisation's row (only its
        # admins may change it), and needs no privilege for this.
        shared_reads.lock(session, shared_reads.ORGANISATION_LOCK, [organisation_id])
    else:
        # SQLite locks the whole file for writing; a harmless write takes that lock before we read the head.
        session.execute(text("UPDATE organisation SET name = name WHERE id = :id"), {"id": organisation_id})


def _facts_value(session: Session, facts_text: str) -> Any:
    """The canonical text itself goes into the JSON column, so the stored text is exactly what was hashed."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(literal(facts_text, Text), postgresql.JSON)
    return type_coerce(literal(facts_text, Text), Text)


def append(
    session: Session,
    organisation_id: int,
    action: str,
    actor_id: int | None,
    *,
    record: ServiceRecord | None = None,
    certificate: Certificate | None = None,
    facts: dict[str, Any] | None = None,
) -> LedgerEntry:
    """Append one entry to the organisation's chain, in the caller's transaction.

    Call it after the decision changed the record or certificate (its facts are read as they
    stand). ``facts``: anything else worth fixing (plain JSON values, no floats), kept under "note".
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown ledger action {action!r}")
    if record is not None and certificate is not None:
        raise ValueError("a ledger entry decides a record or a certificate, not both")
    body: dict[str, Any] = {}
    if record is not None:
        body["record"] = record_facts(record)
    if certificate is not None:
        body["certificate"] = certificate_facts(certificate)
    if facts:
        body["note"] = facts
    facts_text = canonical.canonical_json(body)
    _lock_chain(session, organisation_id)
    head = session.execute(
        select(LedgerEntry.seq, LedgerEntry.entry_hash)
        .where(LedgerEntry.organisation_id == organisation_id)
        .order_by(LedgerEntry.seq.desc())
        .limit(1)
    ).first()
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    at = utcnow()
    record_id = record.id if record is not None else None
    certificate_id = certificate.id if certificate is not None else None
    digest = canonical.entry_hash(
        organisation_id, seq, action, actor_id, time_text(at), record_id, certificate_id, facts_text, prev
    )
    session.execute(
        insert(LedgerEntry).values(
            organisation_id=organisation_id, seq=seq, action=action, record_id=record_id,
            certificate_id=certificate_id, actor_id=actor_id, facts=_facts_value(session, facts_text), at=at,
            prev_hash=prev, entry_hash=digest,
        )
    )  # fmt: skip
    entry = session.scalar(
        select(LedgerEntry).where(LedgerEntry.organisation_id == organisation_id, LedgerEntry.seq == seq)
    )
    assert entry is not None
    return entry


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Problem:
    """One thing the check found; ``template`` and ``params`` make the sentence (translatable, context "ledger")."""

    organisation_id: int | None
    organisation: str
    seq: int | None
    kind: str  # changed, missing, inserted, link, record, certificate, uncovered, checkpoint
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None
    certificate_id: int | None = None

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation, "organisation_id": self.organisation_id, "entry": self.seq,
            "kind": self.kind, "record": self.record_id, "certificate": self.certificate_id,
            "message": self.message, "details": self.params,
        }  # fmt: skip


@dataclass(frozen=True)
class Chain:
    organisation_id: int
    organisation: str
    length: int
    head: str


@dataclass
class VerifyReport:
    entries_checked: int = 0
    records_checked: int = 0
    chains: list[Chain] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    checkpoint: dict[str, Any] | None = None  # what was checked against, when a checkpoint was given

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "entries_checked": self.entries_checked, "records_checked": self.records_checked,
            "chains": [{"organisation": c.organisation, "organisation_id": c.organisation_id, "length": c.length,
                        "head": c.head} for c in self.chains],
            "problem_count": self.problem_count, "problems": [p.as_json() for p in self.problems],
            "first_problem": self.first.as_json() if self.first else None, "checkpoint": self.checkpoint,
        }  # fmt: skip


# --------------------------------------------------------------------------- verifying


def _sql(dialect: str, organisation_id: int | None) -> str:
    """One streamed query: each entry with the facts of the record or certificate it covers, as stored now.

    Times come back as canonical text (``...T01:00:00.000000Z``), ready for the fast path of ``_walk``.
    As few columns as will do: each one costs time on every row.
    """
    if dialect == "postgresql":
        def time(col: str) -> str:
            return f"to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

        facts = "le.facts::text"
    else:
        # SQLAlchemy stores SQLite times as "YYYY-MM-DD HH:MM:SS.ffffff" (UTC).
        def time(col: str) -> str:
            return f"replace({col}, ' ', 'T') || 'Z'"

        facts = "le.facts"
    where = "WHERE le.organisation_id = :org " if organisation_id is not None else ""
    return (
        f"SELECT le.organisation_id, le.seq, le.action, le.actor_id, {time('le.at')}, le.record_id, "
        f"le.certificate_id, {facts}, le.prev_hash, le.entry_hash, "
        f"r.id, r.person_id, r.organisation_id, r.occurrence_id, r.activity, {time('r.started_at')}, "
        f"{time('r.ended_at')}, r.credited_minutes, r.status, r.decided_by_id, r.corrects_id, "
        f"c.id "
        f"FROM ledger_entry le "
        f"LEFT JOIN service_record r ON r.id = le.record_id "
        f"LEFT JOIN certificate c ON c.id = le.certificate_id "
        f"{where}ORDER BY le.organisation_id, le.seq"
    )


def _rows(session: Session, organisation_id: int | None) -> Iterator[tuple[Any, ...]]:
    """The query's rows straight from the driver's cursor, in batches (a server-side cursor on PostgreSQL).

    No SQLAlchemy rows here: at a million entries their wrapping alone costs seconds.
    """
    connection = session.connection()
    dialect = connection.dialect.name
    sql = _sql(dialect, organisation_id)
    raw = connection.connection.driver_connection
    assert raw is not None
    if dialect == "postgresql":
        sql = sql.replace(":org", "%(org)s")
        cursor = raw.cursor(name="volunteer_app_ledger_check")  # streams instead of loading everything
        cursor.itersize = _BATCH
    else:
        sql = sql.replace(":org", "?")
        cursor = raw.cursor()
    try:
        if organisation_id is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, {"org": organisation_id} if dialect == "postgresql" else (organisation_id,))
        while batch := cursor.fetchmany(_BATCH):
            yield from batch
    finally:
        cursor.close()


def _entry_is_intact(session: Session, organisation_id: int, seq: int, stored_hash: str) -> bool:
    """The slow, typed recomputation, for an entry whose fast hash differed (e.g. facts stored as other JSON text)."""
    row = session.scalar(select(LedgerEntry).where(LedgerEntry.organisation_id == organisation_id,
                                                   LedgerEntry.seq == seq))
    if row is None:
        return False
    try:
        facts_text = canonical.canonical_json(row.facts)
    except TypeError:
        return False
    digest = canonical.entry_hash(row.organisation_id, row.seq, row.action, row.actor_id, time_text(row.at),
                                  row.record_id, row.certificate_id, facts_text, row.prev_hash)
    return digest == stored_hash


def _differences(stored: Any, current: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    if not isinstance(stored, dict):
        return [("facts", stored, current)]
    keys = sorted(set(stored) | set(current))
    return [(k, stored.get(k), current.get(k)) for k in keys if stored.get(k) != current.get(k)]


def _organisation_names(session: Session) -> dict[int, str]:
    return {int(i): str(n) for i, n in session.execute(select(Organisation.id, Organisation.name))}


def verify(
    db: Database, actor: Actor | None, organisation_id: int | None = None, *, checkpoint: dict[str, Any] | None = None
) -> VerifyReport:
    """Recompute every chain (or one organisation's) and compare what it covers with what is stored now.

    ``checkpoint``: a signed checkpoint (``read_checkpoint``) to hold the chain against as well.
    Open to anyone who can open the database (nothing private is named: ids, fields and minutes).
    """
    del actor  # the check reads nothing a person could not read from the database file itself
    with db.read() as session:
        names = _organisation_names(session)
        if organisation_id is not None and organisation_id not in names:
            raise NotFound(T("errors", "No organisation {id}."), id=organisation_id)
        report = VerifyReport()
        wanted = _checkpoint_target(session, checkpoint, report, names) if checkpoint is not None else None
        _walk(session, organisation_id, names, report, wanted)
        _uncovered(session, organisation_id, names, report)
        return report


def _walk(
    session: Session,
    organisation_id: int | None,
    names: dict[int, str],
    report: VerifyReport,
    wanted: tuple[int, int, str] | None,
) -> None:
    # The fast path fills the canonical templates with the values as they come (ids as numbers, times
    # as text, hashes as hex), escaping only free text. A value in an unusual form then gives another
    # text than the canonical one, the hash differs, and the exact typed path decides (never a false pass:
    # the fast text is built from the stored values, so a match means they are what was hashed).
    sha256 = hashlib.sha256
    record_format = canonical.RECORD_FACTS_FORMAT
    # The entry template with the quotes of its string fields written in (action, at and prev are plain).
    entry_format = canonical.ENTRY_FORMAT.replace('"action":%s', '"action":"%s"').replace(
        '"at":%s', '"at":"%s"').replace('"prev":%s', '"prev":"%s"')
    quote = encode_basestring
    pending_records: dict[int, Problem] = {}
    pending_certificates: dict[int, Problem] = {}
    org = expected_seq = -1
    expected_prev = GENESIS
    head = GENESIS
    length = 0
    checked = records = 0
    checkpoint_hash: str | None = None

    def close_chain() -> None:
        if org != -1:
            report.chains.append(Chain(org, names.get(org, str(org)), length, head))

    for row in _rows(session, organisation_id):
        (le_org, seq, action, actor, at, rec_id, cert_id, facts, prev, stored,
         r_id, r_person, r_org, r_occ, r_activity, r_start, r_end, r_minutes, r_status, r_decided, r_corrects,
         c_id) = row  # fmt: skip
        checked += 1
        if le_org != org:
            close_chain()
            org, expected_seq, expected_prev, length = le_org, 1, GENESIS, 0
        if seq != expected_seq or prev != expected_prev:
            _link_problem(report, org, names.get(org, str(org)), seq, expected_seq)
        text_ = entry_format % (
            action, "null" if actor is None else actor, at, "null" if cert_id is None else cert_id, facts, le_org,
            prev, "null" if rec_id is None else rec_id, seq,
        )
        if sha256(text_.encode("utf-8")).hexdigest() != stored and not _entry_is_intact(session, org, seq, stored):
            name = names.get(org, str(org))
            report.add(Problem(org, name, seq, "changed", T(
                "ledger", "{organisation}: entry {seq} ({action}) was changed: its content no longer matches its hash."),
                {"organisation": name, "seq": seq, "action": action}, rec_id, cert_id))
        expected_seq, expected_prev, head, length = seq + 1, stored, stored, length + 1
        if wanted is not None and org == wanted[0] and seq == wanted[1]:
            checkpoint_hash = stored
        if rec_id is not None:
            records += 1
            if r_id is None:
                name = names.get(org, str(org))
                report.add(Problem(org, name, seq, "record", T(
                    "ledger", "{organisation}: record {record}, decided by entry {seq}, is missing (deleted behind the "
                              "app's back)."), {"organisation": name, "seq": seq, "record": rec_id}, rec_id))
                continue
            current = record_format % (
                "null" if r_activity is None else quote(r_activity), "null" if r_corrects is None else r_corrects,
                r_minutes, "null" if r_decided is None else r_decided, f'"{r_end}"',
                "null" if r_occ is None else r_occ, r_org, r_person, f'"{r_start}"', f'"{r_status}"',
            )
            if facts.endswith('"record":' + current + "}") and facts.startswith(('{"record":', '{"note":')):
                if pending_records:
                    pending_records.pop(rec_id, None)
            else:
                _compare(session, report, pending_records, org, names.get(org, str(org)), seq, rec_id, None, facts,
                         "record", MUTABLE_RECORD_FACTS)
        elif cert_id is not None:
            records += 1
            if c_id is None:
                name = names.get(org, str(org))
                report.add(Problem(org, name, seq, "certificate", T(
                    "ledger", "{organisation}: certificate {certificate}, named by entry {seq}, is missing (deleted "
                              "behind the app's back)."), {"organisation": name, "seq": seq, "certificate": cert_id},
                    None, cert_id))
                continue
            # Certificates are few next to hours records: read the row itself.
            cert = session.get(Certificate, cert_id)
            assert cert is not None
            current = canonical.canonical_json(certificate_facts(cert))
            prefix = '{"certificate":' + current
            if facts.startswith(prefix) and facts[len(prefix) : len(prefix) + 1] in (",", "}"):
                pending_certificates.pop(cert_id, None)
            else:
                _compare(session, report, pending_certificates, org, names.get(org, str(org)), seq, None, cert_id,
                         facts, "certificate", MUTABLE_CERTIFICATE_FACTS)
    close_chain()
    for problem in [*pending_records.values(), *pending_certificates.values()]:
        report.add(problem)
    report.entries_checked, report.records_checked = checked, records
    if wanted is not None:
        _check_against_checkpoint(report, names, wanted, checkpoint_hash)


def _link_problem(report: VerifyReport, org: int, name: str, seq: int, expected_seq: int) -> None:
    if seq > expected_seq:
        report.add(Problem(org, name, seq, "missing", T(
            "ledger", "{organisation}: entries {first} to {last} are missing (removed behind the app's back)."),
            {"organisation": name, "first": expected_seq, "last": seq - 1}))
    elif seq < expected_seq:  # cannot happen with the unique (organisation, seq); kept for a damaged index
        report.add(Problem(org, name, seq, "inserted", T("ledger", "{organisation}: entry {seq} appears twice."),
                           {"organisation": name, "seq": seq}))
    else:
        report.add(Problem(org, name, seq, "link", T(
            "ledger", "{organisation}: entry {seq} does not follow entry {before}: an entry was changed, removed "
                      "or inserted between them."), {"organisation": name, "seq": seq, "before": seq - 1}))


def _compare(
    session: Session,
    report: VerifyReport,
    pending: dict[int, Problem],
    org: int,
    name: str,
    seq: int,
    record_id: int | None,
    certificate_id: int | None,
    facts_text: str,
    what: str,
    mutable: frozenset[str],
) -> None:
    """The slow path: which facts differ between the entry and the row as stored now."""
    try:
        stored = json.loads(facts_text).get(what)
    except (ValueError, AttributeError):
        stored = None
    if what == "record":
        row = session.get(ServiceRecord, record_id)
        assert row is not None
        current = record_facts(row)
        subject = record_id
    else:
        cert = session.get(Certificate, certificate_id)
        assert cert is not None
        current = certificate_facts(cert)
        subject = certificate_id
    differences = _differences(stored, current)
    if not differences:
        pending.pop(subject or 0, None)
        return
    fact, in_ledger, now = differences[0]
    params = {"organisation": name, "seq": seq, "what": what, "id": subject, "fact": fact,
              "ledger": in_ledger, "stored": now}
    if all(d[0] in mutable for d in differences):
        # A later entry about the same row may explain it (decided after it was recorded pending).
        pending[subject or 0] = Problem(org, name, seq, what, T(
            "ledger", "{organisation}: {what} {id} has {fact} {stored!r} but its last ledger entry ({seq}) says "
                      "{ledger!r} (changed behind the app's back)."), params, record_id, certificate_id)
        return
    report.add(Problem(org, name, seq, what, T(
        "ledger", "{organisation}: {what} {id} has {fact} {stored!r} but ledger entry {seq} says {ledger!r} (changed "
                  "behind the app's back)."), params, record_id, certificate_id))


def _uncovered(session: Session, organisation_id: int | None, names: dict[int, str], report: VerifyReport) -> None:
    """Decided records and certificates that no entry covers (inserted or decided behind the app's back)."""
    org_filter = "AND r.organisation_id = :org " if organisation_id is not None else ""
    params = {"org": organisation_id} if organisation_id is not None else {}
    for rec_id, org, status in session.execute(text(
        "SELECT r.id, r.organisation_id, r.status FROM service_record r WHERE r.status <> 'pending' "
        f"{org_filter}AND NOT EXISTS (SELECT 1 FROM ledger_entry le WHERE le.record_id = r.id) ORDER BY r.id"
    ), params):
        name = names.get(org, str(org))
        report.add(Problem(org, name, None, "uncovered", T(
            "ledger", "{organisation}: record {record} is {status} but no ledger entry decides it (changed or "
                      "inserted behind the app's back)."), {"organisation": name, "record": rec_id, "status": status},
            rec_id))
    org_filter = "AND c.organisation_id = :org " if organisation_id is not None else ""
    for cert_id, org, number in session.execute(text(
        "SELECT c.id, c.organisation_id, c.number FROM certificate c WHERE 1 = 1 "
        f"{org_filter}AND NOT EXISTS (SELECT 1 FROM ledger_entry le WHERE le.certificate_id = c.id) ORDER BY c.id"
    ), params):
        name = names.get(org, str(org))
        report.add(Problem(org, name, None, "uncovered", T(
            "ledger", "{organisation}: certificate {number} is in the register but no ledger entry issued it "
                      "(inserted behind the app's back)."), {"organisation": name, "number": number}, None, cert_id))


# --------------------------------------------------------------------------- checkpoints


def _signed_part(data: dict[str, Any]) -> bytes:
    return canonical.canonical_bytes({k: v for k, v in data.items() if k != "signature"})


def checkpoint(db: Database, actor: Actor | None, organisation_id: int) -> dict[str, Any]:
    """A signed checkpoint of the organisation's chain now (for a coordinator or admin of it, keys unlocked)."""
    with db.transaction() as session:
        actor = require_signed_in(actor)
        signer = signing_keys.organisation_signer(session, actor, organisation_id)
        org = session.get(Organisation, organisation_id)
        assert org is not None
        head = session.execute(
            select(LedgerEntry.seq, LedgerEntry.entry_hash)
            .where(LedgerEntry.organisation_id == organisation_id)
            .order_by(LedgerEntry.seq.desc()).limit(1)
        ).first()
        data: dict[str, Any] = {
            "format": CHECKPOINT_FORMAT, "version": 1, "organisation": org.name, "organisation_id": org.id,
            "fingerprint": signing_keys.fingerprint(signer.public_key()), "length": head[0] if head else 0,
            "head": head[1] if head else GENESIS, "at": time_text(utcnow()),
        }  # fmt: skip
        data["signature"] = base64.b64encode(signer.sign(_signed_part(data))).decode("ascii")
        audit.record(session, actor.person_id, "ledger.checkpoint", "organisation", org.id,
                     length=data["length"], head=data["head"])
        return data


def read_checkpoint(text_: str) -> dict[str, Any]:
    """A checkpoint file's content, checked for shape (the signature is checked by ``verify``)."""
    try:
        data = json.loads(text_)
    except ValueError:
        raise InvalidInput("checkpoint", T("errors", "This is not a ledger checkpoint file (not JSON).")) from None
    required = {"organisation": str, "fingerprint": str, "length": int, "head": str, "at": str, "signature": str}
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT or any(
        not isinstance(data.get(k), t) for k, t in required.items()
    ):
        raise InvalidInput("checkpoint", T("errors", "This is not a ledger checkpoint file."))
    return data


def _checkpoint_target(
    session: Session, data: dict[str, Any], report: VerifyReport, names: dict[int, str]
) -> tuple[int, int, str] | None:
    """(organisation id, length, head) the chain must hold, after checking the checkpoint's signature."""
    report.checkpoint = {k: data.get(k) for k in ("organisation", "fingerprint", "length", "head", "at")}
    name = str(data["organisation"])
    keys = signing_keys.trusted_public_keys(session)
    found = keys.get(data["fingerprint"])

    def fail(kind: str, template: str, **params: Any) -> None:
        report.add(Problem(None, name, None, kind, template, {"organisation": name, **params}))

    if found is None:
        fail("checkpoint", T("ledger", "The checkpoint of {organisation} is signed with a key this database neither "
                                       "holds nor trusts ({fingerprint})."), fingerprint=data["fingerprint"])
        return None
    public = found[1]
    try:
        public.verify(base64.b64decode(data["signature"], validate=True), _signed_part(data))
    except (InvalidSignature, ValueError):
        fail("checkpoint", T("ledger", "The checkpoint of {organisation} has a bad signature: it was altered."))
        return None
    org_id = next((i for i, n in names.items() if n == name), None)
    if org_id is None and isinstance(data.get("organisation_id"), int) and data["organisation_id"] in names:
        org_id = data["organisation_id"]
    if org_id is None:
        fail("checkpoint", T("ledger", "The checkpoint names {organisation}, which is not in this database."))
        return None
    return org_id, int(data["length"]), str(data["head"])


def _check_against_checkpoint(
    report: VerifyReport, names: dict[int, str], wanted: tuple[int, int, str], found: str | None
) -> None:
    org_id, length, head = wanted
    name = names.get(org_id, str(org_id))
    params = {"organisation": name, "length": length, "at": (report.checkpoint or {}).get("at")}
    if length == 0:
        return
    if found is None:
        report.add(Problem(org_id, name, length, "checkpoint", T(
            "ledger", "{organisation}: the chain is shorter than the {length} entries of the checkpoint of {at} "
                      "(entries were removed)."), params))
    elif found != head:
        report.add(Problem(org_id, name, length, "checkpoint", T(
            "ledger", "{organisation}: entry {length} differs from the checkpoint of {at}: the chain was rewritten "
                      "since."), params))


def organisation_by_name(db: Database, name: str) -> int:
    """An organisation's id by its exact name (case and spacing aside) or its id."""
    wanted = " ".join(name.split()).casefold()
    with db.read() as session:
        for org_id, org_name in session.execute(select(Organisation.id, Organisation.name)):
            if " ".join(org_name.split()).casefold() == wanted or (wanted.isdigit() and int(wanted) == org_id):
                return int(org_id)
    raise NotFound(T("errors", "No organisation named {name!r}."), name=name.strip())


def chain_heads(db: Database) -> list[Chain]:
    """Each organisation's chain length and head hash (cheap; for the window's summary)."""
    with db.read() as session:
        names = _organisation_names(session)
        out = []
        for org_id, seq, digest in session.execute(text(
            "SELECT le.organisation_id, le.seq, le.entry_hash FROM ledger_entry le WHERE le.seq = "
            "(SELECT MAX(l2.seq) FROM ledger_entry l2 WHERE l2.organisation_id = le.organisation_id) "
            "ORDER BY le.organisation_id"
        )):
            out.append(Chain(org_id, names.get(org_id, str(org_id)), seq, digest))
        return out


def wipe_all(session: Session) -> None:
    """Delete every ledger entry, for a wipe of the whole database (`demo --force`) and nothing else.

    Lifts the append-only trigger for this one statement inside the caller's transaction and puts
    it back, so a failed wipe leaves the guard as it was. Needs the table's owner on PostgreSQL.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only"))
        session.execute(text("DELETE FROM ledger_entry"))
        session.execute(text("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only"))
        return
    # SQLite cannot switch a trigger off: drop and re-create it (as migration 0003 made it) in this transaction.
    session.execute(text("DROP TRIGGER IF EXISTS ledger_entry_no_delete"))
    session.execute(text("DELETE FROM ledger_entry"))
    session.execute(text(
        "CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry "
        "BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed or deleted (ledger_entry is append-only)'); END"
    ))
