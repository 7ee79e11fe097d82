"""Personal keys, the wraps that carry secrets to people, and the keys unlocked in this process.

Each person has one **personal X25519 key pair**. Its private half is stored in the database
only wrapped (``KeyWrap`` purpose ``"personal"``): encrypted with AES-256-GCM under a key that
scrypt derives from the person's password (parameters and salt in ``kdf``, the public half
there too, as ``public_key``). Signing in unwraps it into this process's memory and nowhere
else; every other secret (an organisation's signing key, a volunteer's ID-number key) is
wrapped *to* personal public keys (X25519 key agreement with a fresh ephemeral key, HKDF-SHA256,
AES-256-GCM), so anyone holding a secret can share it with a colleague without knowing their
password, and a password change re-wraps only the personal key. docs/trust.md explains it.

Only ``cryptography``'s primitives are used; nothing here is home-made cryptography.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import Integer, Table, bindparam, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from volunteer_app.store.models import KeyWrap, Person

PERSONAL = "personal"
#: scrypt costs for new wraps (16 MiB, the interactive-login setting of the scrypt paper). The
#: password's own Argon2id hash sits in the same database and costs more to attack, so a stronger
#: setting would slow every sign-in without raising the bar. Stored per wrap, so it can be raised.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_NONCE = 12


class WrapError(Exception):
    """A wrap could not be opened (wrong password, wrong key, or a changed row)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _aad(purpose: str, person_id: int) -> bytes:
    # Binds a wrap to its row's meaning: a wrap copied to another person or purpose does not open.
    return f"volunteer-app key wrap|{purpose}|person:{person_id}".encode()


# --------------------------------------------------------------------------- the keys unlocked here

_lock = threading.Lock()
_unlocked: dict[tuple[str, int], X25519PrivateKey] = {}


def _where(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def remember(session: Session, person_id: int, key: X25519PrivateKey) -> None:
    with _lock:
        _unlocked[(_where(session), person_id)] = key


def personal_key(session: Session, person_id: int) -> X25519PrivateKey | None:
    """The person's personal private key if they signed in to this database in this process."""
    with _lock:
        return _unlocked.get((_where(session), person_id))


def forget(session: Session, person_id: int) -> None:
    with _lock:
        _unlocked.pop((_where(session), person_id), None)


def forget_all() -> None:
    with _lock:
        _unlocked.clear()


# --------------------------------------------------------------------------- personal keys


def _derive(password: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("alg") != "scrypt":
        raise WrapError(f"unknown key derivation {kdf.get('alg')!r}")
    return Scrypt(salt=unb64(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])).derive(
        password.encode("utf-8")
    )


def personal_wrap(session: Session, person_id: int) -> KeyWrap | None:
    return session.scalar(select(KeyWrap).where(KeyWrap.person_id == person_id, KeyWrap.purpose == PERSONAL))


def personal_public_keys(session: Session, person_ids: list[int] | None = None) -> dict[int, X25519PublicKey]:
    """person id -> personal public key, for everyone (or those listed) who has one.

    On PostgreSQL through ``va_personal_keys``: a person's own login may not read anyone else's
    personal wrap (it could be guessed at offline), only the public half kept in its kdf.
    """
    if person_ids is not None and not person_ids:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        if person_ids is None:
            person_ids = list(session.scalars(select(Person.id)))
        session.flush()
        rows = session.execute(
            text("SELECT person_id, kdf FROM va_personal_keys(:ids)").bindparams(
                bindparam("ids", type_=ARRAY(Integer()))
            ),
            {"ids": sorted(set(person_ids))},
        ).all()
        found = {int(pid): json.loads(kdf) for pid, kdf in rows}
    else:
        stmt = select(KeyWrap.person_id, KeyWrap.kdf).where(KeyWrap.purpose == PERSONAL)
        if person_ids is not None:
            stmt = stmt.where(KeyWrap.person_id.in_(person_ids))
        found = {int(pid): kdf for pid, kdf in session.execute(stmt)}
    return {pid: X25519PublicKey.from_public_bytes(unb64(kdf["public_key"])) for pid, kdf in found.items()}


def _seal_personal(person_id: int, key: X25519PrivateKey, password: str) -> tuple[dict[str, Any], bytes, bytes]:
    kdf: dict[str, Any] = {
        "alg": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64(os.urandom(16)),
        "cipher": "AES-256-GCM", "public_key": b64(_raw_public(key.public_key())),
    }  # fmt: skip
    nonce = os.urandom(_NONCE)
    sealed = AESGCM(_derive(password, kdf)).encrypt(nonce, _raw_private(key), _aad(PERSONAL, person_id))
    return kdf, nonce, sealed


def create_personal_key(session: Session, person_id: int, password: str) -> X25519PrivateKey:
    """A new personal key pair for the person, wrapped with their password (replaces any old one)."""
    key = X25519PrivateKey.generate()
    kdf, nonce, sealed = _seal_personal(person_id, key, password)
    wrap = personal_wrap(session, person_id)
    if wrap is None:
        session.add(KeyWrap(person_id=person_id, purpose=PERSONAL, kdf=kdf, nonce=nonce, ciphertext=sealed))
    else:
        wrap.kdf, wrap.nonce, wrap.ciphertext = kdf, nonce, sealed
    session.flush()
    return key


def open_personal_key(wrap: KeyWrap, password: str) -> X25519PrivateKey:
    try:
        raw = AESGCM(_derive(password, wrap.kdf)).decrypt(wrap.nonce, wrap.ciphertext, _aad(PERSONAL, wrap.person_id))
    except (InvalidTag, KeyError, ValueError) as exc:
        raise WrapError("the personal key does not open with this password") from exc
    key = X25519PrivateKey.from_private_bytes(raw)
    if b64(_raw_public(key.public_key())) != wrap.kdf.get("public_key"):
        raise WrapError("the personal key does not match its public half")
    return key


def rewrap_personal_key(session: Session, person_id: int, key: X25519PrivateKey, password: str) -> None:
    """Seal the same personal key under a new password (a password change)."""
    wrap = personal_wrap(session, person_id)
    kdf, nonce, sealed = _seal_personal(person_id, key, password)
    if wrap is None:
        session.add(KeyWrap(person_id=person_id, purpose=PERSONAL, kdf=kdf, nonce=nonce, ciphertext=sealed))
    else:
        wrap.kdf, wrap.nonce, wrap.ciphertext = kdf, nonce, sealed
    session.flush()


def is_key_of(wrap: KeyWrap, key: X25519PrivateKey) -> bool:
    """Whether ``key`` is the private half of the personal key this wrap holds."""
    return b64(_raw_public(key.public_key())) == wrap.kdf.get("public_key")


def needs_stronger_wrap(wrap: KeyWrap) -> bool:
    return int(wrap.kdf.get("n", 0)) < SCRYPT_N


# --------------------------------------------------------------------------- wraps to a person


def _wrap_key(shared: bytes, purpose: str, person_id: int, ephemeral: bytes, recipient: bytes) -> bytes:
    info = _aad(purpose, person_id) + b"|" + ephemeral + recipient
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal_for(person_id: int, public_key: X25519PublicKey, purpose: str, secret: bytes) -> KeyWrap:
    """A new (unsaved) ``KeyWrap`` carrying ``secret`` to the holder of ``public_key``."""
    ephemeral = X25519PrivateKey.generate()
    eph_raw, recipient_raw = _raw_public(ephemeral.public_key()), _raw_public(public_key)
    key = _wrap_key(ephemeral.exchange(public_key), purpose, person_id, eph_raw, recipient_raw)
    nonce = os.urandom(_NONCE)
    sealed = AESGCM(key).encrypt(nonce, secret, _aad(purpose, person_id))
    kdf = {"alg": "x25519-hkdf-sha256", "cipher": "AES-256-GCM", "ephemeral": b64(eph_raw), "recipient": b64(recipient_raw)}
    return KeyWrap(person_id=person_id, purpose=purpose, kdf=kdf, nonce=nonce, ciphertext=sealed)


def open_wrap(wrap: KeyWrap, key: X25519PrivateKey) -> bytes:
    """The secret a wrap carries, opened with its recipient's personal private key."""
    try:
        if wrap.kdf.get("alg") != "x25519-hkdf-sha256":
            raise WrapError(f"unknown wrap {wrap.kdf.get('alg')!r}")
        eph_raw, recipient_raw = unb64(wrap.kdf["ephemeral"]), unb64(wrap.kdf["recipient"])
        if recipient_raw != _raw_public(key.public_key()):
            raise WrapError("this wrap was made for another personal key")
        shared = key.exchange(X25519PublicKey.from_public_bytes(eph_raw))
        wrap_key = _wrap_key(shared, wrap.purpose, wrap.person_id, eph_raw, recipient_raw)
        return AESGCM(wrap_key).decrypt(wrap.nonce, wrap.ciphertext, _aad(wrap.purpose, wrap.person_id))
    except (InvalidTag, KeyError, ValueError) as exc:
        raise WrapError(f"the wrap {wrap.purpose!r} does not open") from exc


def wrap_of(session: Session, person_id: int, purpose: str) -> KeyWrap | None:
    return session.scalar(select(KeyWrap).where(KeyWrap.person_id == person_id, KeyWrap.purpose == purpose))


def open_own(session: Session, person_id: int, purpose: str) -> bytes | None:
    """The secret ``purpose`` if this person holds a wrap of it and has signed in here; else None."""
    key = personal_key(session, person_id)
    wrap = wrap_of(session, person_id, purpose)
    if key is None or wrap is None:
        return None
    return open_wrap(wrap, key)


def share(session: Session, purpose: str, secret: bytes, person_ids: list[int]) -> list[int]:
    """Wrap ``secret`` for each listed person who has a personal key and no wrap of it yet.

    Returns who got one. A colleague sharing the same thing at the same moment makes the flush
    fail on the unique (person, purpose); callers that share as a side task run it in a
    transaction of its own (see ``key_sharing``).
    """
    if not person_ids:
        return []
    have = set(session.scalars(select(KeyWrap.person_id).where(KeyWrap.purpose == purpose,
                                                               KeyWrap.person_id.in_(person_ids))))
    publics = personal_public_keys(session, [p for p in person_ids if p not in have])
    wraps = [seal_for(pid, public, purpose, secret) for pid, public in publics.items()]
    if wraps:
        # A plain INSERT without RETURNING: on a shared server these wraps are for other people, whose
        # wraps the sharer's own login may write but not always read back (row-level security checks
        # returned rows against the reading rule too).
        session.flush()
        session.execute(
            insert(cast(Table, KeyWrap.__table__)),
            [
                {"person_id": w.person_id, "purpose": w.purpose, "kdf": w.kdf, "nonce": w.nonce,
                 "ciphertext": w.ciphertext}
                for w in wraps
            ],
        )
    return sorted(publics)
