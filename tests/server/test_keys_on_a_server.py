"""Signing keys on a shared server: a coordinator who makes an organisation's key shares it with
the site administrators too, although their login may not read the administrators' rows."""

from __future__ import annotations

from sqlalchemy import delete, select

from tests.support.community import PASSWORD
from tests.support.shared_server import SharedServer
from volunteer_app.services import shared_server, signing_keys
from volunteer_app.store.database import Database
from volunteer_app.store.models import KeyWrap, OrganisationKey


def _holders(shared: SharedServer, organisation_id: int) -> set[int]:
    owner = Database(shared.url)
    try:
        with owner.read() as s:
            purpose = signing_keys.purpose_for(organisation_id)
            return set(s.scalars(select(KeyWrap.person_id).where(KeyWrap.purpose == purpose)))
    finally:
        owner.dispose()


def test_a_key_made_by_a_coordinator_reaches_the_site_administrator(shared: SharedServer) -> None:
    org_a = shared.community.org_a
    owner = Database(shared.url)
    try:
        with owner.transaction() as s:  # organisation A has no key yet, as before anyone signed in
            s.execute(delete(KeyWrap).where(KeyWrap.purpose == signing_keys.purpose_for(org_a)))
            s.execute(delete(OrganisationKey).where(OrganisationKey.organisation_id == org_a))
    finally:
        owner.dispose()
    assert _holders(shared, org_a) == set()
    coordinator = shared_server.sign_in(shared.desktop_url, "coord.a@example.org", PASSWORD)
    coordinator.db.dispose()
    assert _holders(shared, org_a) == {shared.community.coord_a.person_id, shared.community.admin.person_id}
