"""``keys``: export an organisation's public key, import others' as trusted, list and remove them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from volunteer_app import files
from volunteer_app.cli.context import CliContext, UsageError, add_user_option
from volunteer_app.services import signing_keys
from volunteer_app.services.organisations import find_organisation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("keys", parents=[common], help="organisations' public keys (for certificates)")
    sub = group.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "export",
        parents=[common],
        help="write an organisation's public key with its name and fingerprint (JSON, or PEM for a .pem file)",
    )
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--pem", action="store_true", help="PEM even when FILE does not end in .pem")
    add_user_option(p)
    p.set_defaults(handler=_export)

    p = sub.add_parser("import", parents=[common],
                       help="trust another organisation's public key (a file from `keys export`)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--name", help="the organisation's name, when the file gives none or you prefer another")
    add_user_option(p)
    p.set_defaults(handler=_import)

    p = sub.add_parser("list", parents=[common], help="this database's organisations' keys and the trusted ones")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_user_option(p)
    p.set_defaults(handler=_list)

    p = sub.add_parser("remove", parents=[common], help="stop trusting an imported key")
    p.add_argument("fingerprint", metavar="FINGERPRINT", help="its fingerprint (or at least its first 8 characters)")
    add_user_option(p)
    p.set_defaults(handler=_remove)


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.database(), ctx.actor()
    org = find_organisation(db, actor, args.organisation)
    out = args.out.expanduser()
    content = signing_keys.public_key_file(db, actor, org.id, pem=args.pem or out.suffix.lower() == ".pem")
    try:
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    info = signing_keys.organisation_key_info(db, actor, org.id)
    assert info is not None
    print(f"wrote the public key of {org.name} to {out}\nfingerprint {info.fingerprint}")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        content = files.read_text(args.file, what="the key file")
    except files.FileProblem as exc:
        raise UsageError(str(exc)) from None
    info = signing_keys.import_trusted(ctx.database(), ctx.actor(), content, name=args.name)
    print(f"trusted the key of {info.organisation}\nfingerprint {info.fingerprint}")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    keys = signing_keys.list_trusted(ctx.database(), ctx.actor())
    if args.json:
        ctx.print_json([k.as_json() for k in keys])
        return 0
    if not keys:
        print("no keys yet")
    for key in keys:
        source = "this database" if key.own else f"imported {key.added_at:%Y-%m-%d}" if key.added_at else "imported"
        print(f"{key.fingerprint}  {key.organisation}  ({source})")
    return 0


def _remove(args: argparse.Namespace, ctx: CliContext) -> int:
    name = signing_keys.remove_trusted(ctx.database(), ctx.actor(), args.fingerprint)
    print(f"no longer trusting the key of {name}")
    return 0
