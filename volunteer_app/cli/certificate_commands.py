"""``certificate``: issue, print, verify, list, revoke and request service certificates (志愿服务记录证明).

    volunteer-app certificate issue --volunteer EMAIL --out FILE.pdf [--lang zh|en] [--from DATE] [--to DATE]
                                    [--organisation NAME] [--force]
    volunteer-app certificate print NUMBER --out FILE.pdf [--force]
    volunteer-app certificate verify INPUT [--json] [--key FILE]...
    volunteer-app certificate list [--json] [--organisation NAME]
    volunteer-app certificate revoke NUMBER --reason TEXT
    volunteer-app certificate request --organisation NAME [--from DATE] [--to DATE] [--lang zh|en]

All but ``verify`` act as ``--user``. ``verify`` needs no account and no network: INPUT is the PDF, a
photo or scan of it, or the QR code's text; it exits 0 when valid, 1 when not valid (bad signature,
unknown issuer, revoked, corrected since) and 2 when nothing readable was found.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

from volunteer_app.certificates import content, decode
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.services import certificates, faults, organisations
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database

Parsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(subparsers: Parsers, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "certificate", parents=[common], help="service certificates (志愿服务记录证明): issue, verify, register",
        description="Signed certificates of a volunteer's verified hours, as PDF in Chinese or English, with a QR "
        "code anyone can check offline.",
    )
    actions: Parsers = group.add_subparsers(dest="certificate_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any, *, acting: bool = True) -> argparse.ArgumentParser:
        p = actions.add_parser(name, parents=[common], help=help_text, description=help_text[0].upper() + help_text[1:])
        if acting:
            add_user_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action("issue", "issue a certificate of a volunteer's verified hours with your organisation", _issue)
    p.add_argument("--volunteer", required=True, metavar="EMAIL", help="the volunteer's account")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--lang", choices=content.LANGUAGES, default="zh", help="the certificate's language (default zh)")
    _period_options(p)
    p.add_argument("--organisation", metavar="NAME", help="the issuing organisation (needed if you coordinate several)")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")

    p = action("print", "write an issued certificate to a PDF again (the volunteer or the organisation)", _print)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")

    p = action("verify", "check a certificate offline: a PDF, a photo or scan, or the QR code's text", _verify,
               acting=False)
    p.add_argument("input", metavar="INPUT", help="a PDF, PNG or JPEG file, or the text (VA1:...)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--key", action="append", type=Path, default=[], metavar="FILE",
                   help="the issuer's public key file (keys export); may be repeated")

    p = action("list", "the register of certificates (and open requests) you may see", _list)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--organisation", metavar="NAME", help="only this organisation's register")

    p = action("revoke", "revoke a certificate, with a reason (it stays in the register, marked)", _revoke)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True, metavar="TEXT")

    p = action("request", "ask an organisation for a certificate of your verified hours", _request)
    p.add_argument("--organisation", required=True, metavar="NAME")
    _period_options(p)
    p.add_argument("--lang", choices=content.LANGUAGES, default="zh", help="the certificate's language (default zh)")


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="period_from", type=_day, metavar="DATE",
                   help="first day (YYYY-MM-DD; default: the first verified record)")
    p.add_argument("--to", dest="period_to", type=_day, metavar="DATE", help="last day (YYYY-MM-DD; default: today)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def _check_out(path: Path, force: bool) -> None:
    if path.suffix.lower() != ".pdf":
        raise UsageError(f"the certificate is a PDF: name the file …/{path.stem}.pdf, not {path.name}")
    if path.exists() and not force:
        raise UsageError(f"{path} exists already; choose another name or add --force")
    if not path.parent.exists():
        raise UsageError(f"the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise UsageError(f"the folder {path.parent} is not writable")


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure never leaves half a PDF."""
    fd, tmp = tempfile.mkstemp(prefix=".certificate-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _issuing_organisation(db: Database, actor: Actor, name: str | None) -> int:
    if name:
        return organisations.find_organisation(db, actor, name).id
    allowed = set(actor.organisations_with(*certificates.ISSUERS))
    issuing = [o for o in organisations.list_organisations(db, actor) if o.id in allowed]
    if len(issuing) == 1:
        return issuing[0].id
    if not issuing:
        raise UsageError("you are not a coordinator or admin of any organisation, so you cannot issue certificates")
    names = ", ".join(f"“{o.name}”" for o in issuing)
    raise UsageError(f"you coordinate several organisations ({names}): say which with --organisation NAME")


def _render(document: content.CertificateDocument) -> bytes:
    from volunteer_app.certificates import pdf  # Qt is loaded only when a PDF is drawn

    return pdf.render(document)


def _issue(args: argparse.Namespace, ctx: CliContext) -> int:
    _check_out(args.out, args.force)
    db, actor = ctx.database(), ctx.actor()
    org_id = _issuing_organisation(db, actor, args.organisation)
    person_id = certificates.person_id_for_email(db, actor, args.volunteer)
    issued = certificates.issue_certificate(
        db, actor,
        certificates.IssueInput(person_id=person_id, organisation_id=org_id, period_from=args.period_from,
                                period_to=args.period_to, language=args.lang),
        render=_render,
    )
    _write(args.out, issued.pdf)
    e = issued.entry
    doc = issued.document
    print(f"Certificate {e.number} for {e.volunteer}: {content.hours_text(e.minutes, doc.step_minutes, 'en')} "
          f"({e.period_from} to {e.period_to}) with {e.organisation}, written to {args.out}")
    return 0


def _print(args: argparse.Namespace, ctx: CliContext) -> int:
    _check_out(args.out, args.force)
    doc = certificates.certificate_document(ctx.database(), ctx.actor(), args.number)
    _write(args.out, _render(doc))
    print(f"Certificate {doc.number} written to {args.out}" + (" (it has been revoked)" if doc.revoked else ""))
    return 0


def _verify_database(ctx: CliContext, notes: list[str]) -> Database | None:
    try:
        return ctx.database()
    except Exception as exc:  # noqa: BLE001 - verification works from key files alone
        fault = faults.classify(exc)
        notes.append(f"the database could not be opened ({fault.details}): only --key files were used, and no "
                     "register was checked")
        return None


def _verify(args: argparse.Namespace, ctx: CliContext) -> int:
    keys = []
    for path in args.key:
        try:
            keys.append(certificates.read_key_file(path))
        except certificates.KeyFileError as exc:
            raise UsageError(str(exc)) from None
    try:
        found = decode.read_argument(args.input)
    except decode.Unreadable as exc:
        result = certificates.Verification(certificates.Outcome.UNREADABLE, str(exc))
        if args.json:
            ctx.print_json(result.as_dict())
        else:
            print(f"volunteer-app: error: unreadable: {exc}", file=sys.stderr)
        return result.outcome.exit_code
    notes: list[str] = []
    db = _verify_database(ctx, notes) if not args.key or _database_chosen(ctx) else None
    result = certificates.verify(db, found.text, keys=keys)
    result.notes.extend(notes)
    if args.json:
        data = result.as_dict()
        data["source"] = found.source
        ctx.print_json(data)
        return result.outcome.exit_code
    _print_verification(result)
    return result.outcome.exit_code


def _database_chosen(ctx: CliContext) -> bool:
    """With --key, the database is consulted only when one was named (or the default one exists)."""
    if getattr(ctx.args, "database", None) or os.environ.get("VOLUNTEER_APP_DATABASE_URL"):
        return True
    url = ctx.database_url
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    return True


def _print_verification(result: certificates.Verification) -> None:
    facts = result.facts
    if facts is not None:
        hours = content.hours_text(facts.minutes, 1, "en")
        rows = [
            ("Certificate", facts.number),
            ("Volunteer", facts.volunteer),
            ("Hours", f"{hours} ({facts.minutes} minutes)"),
            ("Period", f"{facts.period_from} to {facts.period_to}"),
            ("Organisation", facts.organisation),
            ("Issued on", facts.issued_on.isoformat()),
        ]
        if result.issuer:
            rows.append(("Signed by", f"{result.issuer} (key {result.fingerprint[:16] if result.fingerprint else '?'})"))
        for label, value in rows:
            print(f"{label + ':':<14}{value}")
    if result.is_valid:
        where = ("the register shows it unchanged" if result.register_checked
                 else "the issuing register is not at hand, so revocation was not checked")
        print(f"VALID: the signature holds; {where}")
    else:
        print(f"NOT VALID ({result.outcome.value}): {result.reason}")
    for note in result.notes:
        print(f"Note: {note}")


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org_id = organisations.find_organisation(db, actor, args.organisation).id if args.organisation else None
    entries = certificates.list_certificates(db, actor, organisation_id=org_id)
    requests = [r for r in certificates.list_requests(db, actor, open_only=True)
                if org_id is None or r.organisation_id == org_id]
    if args.json:
        ctx.print_json({"certificates": [e.as_dict() for e in entries], "requests": [r.as_dict() for r in requests]})
        return 0
    if not entries:
        print("No certificates.")
    for e in entries:
        state = f"REVOKED {e.revoked_at:%Y-%m-%d}: {e.revoke_reason}" if e.revoked_at else "valid"
        print(f"{e.number}  {e.volunteer} <{e.volunteer_email}>  {content.hours_text(e.minutes, 1, 'en')}  "
              f"{e.period_from}..{e.period_to}  {e.organisation}  issued {e.issued_at:%Y-%m-%d} by {e.issued_by}"
              f"{' (requested)' if e.requested else ''}  [{state}]")
    for r in requests:
        print(f"Request {r.id}: {r.volunteer} <{r.volunteer_email}> asks {r.organisation} for "
              f"{r.period_from}..{r.period_to} ({r.language}), since {r.created_at:%Y-%m-%d}")
    return 0


def _revoke(args: argparse.Namespace, ctx: CliContext) -> int:
    entry = certificates.revoke_certificate(ctx.database(), ctx.actor(), args.number, args.reason)
    print(f"Certificate {entry.number} ({entry.volunteer}) revoked: {entry.revoke_reason}")
    return 0


def _request(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = organisations.find_organisation(db, actor, args.organisation)
    request_id = certificates.request_certificate(db, actor, org.id, args.period_from, args.period_to, args.lang)
    print(f"Asked {org.name} for a certificate (request {request_id}); you can print it once it is issued.")
    return 0
