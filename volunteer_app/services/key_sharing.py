"""What happens to keys when someone signs in or a role changes (called by ``services.accounts``).

Sharing is housekeeping on the side of the person's own action: it runs in a transaction of
its own, so a colleague doing the same share at the same moment (a unique clash on the wrap)
never makes a sign-in fail; the next sign-in finishes what this one skipped.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from volunteer_app.services import identity, signing_keys
from volunteer_app.services.accounts import Actor
from volunteer_app.store.database import Database

log = logging.getLogger(__name__)


def share_what_i_hold(db: Database, actor: Actor) -> None:
    """Make missing organisation keys, share the keys this person holds, carry old ID numbers over."""
    try:
        with db.transaction() as session:
            made = signing_keys.share_held(session, actor.person_id)
            made += identity.share_held(session, actor.person_id)
            moved = identity.carry_over_legacy(session, actor)
    except IntegrityError:
        log.info("key sharing for person %s met a concurrent share; the next sign-in finishes it", actor.person_id)
        return
    if made or moved:
        log.info("person %s shared %d key wraps and carried %d ID numbers over", actor.person_id, made, moved)
