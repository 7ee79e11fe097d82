"""Optional ID numbers: encrypted at rest, shown masked.

The number is encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package) under a key kept in the app home's ``keys/`` folder,
readable only by its owner. The database alone never reveals a number; people
see it masked (``****1234``), and only the volunteer themselves or a
coordinator of one of their organisations sees even that.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from volunteer_app import paths
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound, ServiceError
from volunteer_app.services.privacy import require_may_see_private
from volunteer_app.store.database import Database
from volunteer_app.store.models import VolunteerProfile

T = QT_TRANSLATE_NOOP
KEY_FILE = "id-numbers.key"
ID_TYPES = ("national_id", "passport", "student_id", "other")


class KeyMissing(ServiceError):
    """The data was encrypted under a key this installation does not have."""


def _key_path() -> Path:
    return paths.keys_dir() / KEY_FILE


def _fernet(create: bool) -> Fernet:
    path = _key_path()
    if not path.exists():
        if not create:
            raise KeyMissing(T("errors", "The key for ID numbers is missing ({path})."), path=str(path))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(Fernet.generate_key())
    return Fernet(path.read_bytes().strip())


def mask(number: str) -> str:
    """All but the last four characters hidden (all hidden when the number is short)."""
    visible = number[-4:] if len(number) > 6 else ""
    return "*" * (len(number) - len(visible)) + visible


def set_id_number(db: Database, actor: Actor | None, id_type: str | None, number: str | None) -> None:
    """The signed-in volunteer sets (or, with None, clears) their own ID number."""
    with db.transaction() as session:
        actor = require_signed_in(actor)
        profile = session.get(VolunteerProfile, actor.person_id)
        if profile is None:
            profile = VolunteerProfile(person_id=actor.person_id)
            session.add(profile)
        if not number:
            profile.id_type, profile.id_number_encrypted = None, None
        else:
            number = "".join(number.split())
            if id_type not in ID_TYPES:
                raise InvalidInput("id_type", T("errors", "Unknown ID type {value!r}."), value=id_type)
            if not 4 <= len(number) <= 40 or not number.isalnum():
                raise InvalidInput("id_number", T("errors", "An ID number has 4 to 40 letters or digits."))
            profile.id_type = id_type
            profile.id_number_encrypted = _fernet(create=True).encrypt(number.encode())
        # The audit trail records that it changed, never the number.
        audit.record(session, actor.person_id, "profile.id_number", "person", actor.person_id, cleared=not number)


def masked_id_number(db: Database, actor: Actor | None, person_id: int) -> tuple[str, str] | None:
    """(type, masked number) for the volunteer, or None when none is stored."""
    with db.read() as session:
        actor = require_signed_in(actor)
        require_may_see_private(session, actor, person_id)
        profile = session.get(VolunteerProfile, person_id)
        if profile is None:
            raise NotFound(T("errors", "This person has no volunteer profile yet."))
        if profile.id_number_encrypted is None or profile.id_type is None:
            return None
        try:
            number = _fernet(create=False).decrypt(profile.id_number_encrypted).decode()
        except InvalidToken:
            raise KeyMissing(
                T("errors", "This ID number was encrypted under another key than {path}."), path=str(_key_path())
            ) from None
        return profile.id_type, mask(number)
