"""Organisation settings (admins change, coordinators read, everything audited) and finding one by name."""

from __future__ import annotations

import struct
import zlib

import pytest
from sqlalchemy import select

from tests.support.community import Community, build
from volunteer_app.domain.crediting import CreditRules
from volunteer_app.domain.enums import Role
from volunteer_app.services import accounts, organisations
from volunteer_app.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent


@pytest.fixture
def town(db: Database) -> Community:
    return build(db)


def tiny_png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(
        b"IEND", b""
    )


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>'


def make_org_admin(db: Database, town: Community) -> accounts.Actor:
    accounts.grant_role(db, town.admin, "coord.a@example.org", town.org_a, Role.ADMIN)
    return accounts.refresh(db, town.coord_a)


def test_org_admin_changes_settings_and_every_change_is_audited(db: Database, town: Community) -> None:
    org_admin = make_org_admin(db, town)
    changed = organisations.update_settings(db, org_admin, town.org_a, {
        "handler": "  Wang Fang ", "timezone": "Europe/Berlin", "credit_step_minutes": 6,
        "credit_min_attendance_percent": 60, "credit_cap_to_stint": True, "contact_email": "Office@Riverside.org",
        "seal_image": tiny_png(),
    })  # fmt: skip
    assert set(changed) == {"handler", "timezone", "credit_step_minutes", "credit_min_attendance_percent",
                            "contact_email", "seal_image"}  # fmt: skip  (cap was already on)
    settings = organisations.get_settings(db, town.coord_a, town.org_a)
    assert settings.handler == "Wang Fang" and settings.timezone == "Europe/Berlin"
    assert settings.contact_email == "office@riverside.org"
    assert settings.seal_mime == "image/png" and settings.seal_image == tiny_png()
    assert settings.rules == CreditRules(6, 60, True)
    assert settings.rules_text() == (
        "Hours are rounded down to 6 minutes (tenths of an hour). "
        "You need to attend at least 60% of a stint to get credit. Credit never exceeds the stint's length."
    )
    assert organisations.credit_rules(db, town.volunteer, town.org_a) == CreditRules(6, 60, True)
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.settings")).one()
    assert event.actor_id == town.coord_a.person_id and event.entity_id == str(town.org_a)
    assert event.details["before"]["timezone"] == "Asia/Shanghai"
    assert event.details["after"]["timezone"] == "Europe/Berlin"
    assert event.details["before"]["handler"] is None
    assert event.details["after"]["seal_image"]["bytes"] == len(tiny_png())  # a digest, never the image
    # Saving the same values again changes nothing and writes no audit event.
    assert organisations.update_settings(db, org_admin, town.org_a, {"handler": "Wang Fang"}) == []


def test_plain_coordinator_reads_but_may_not_change(db: Database, town: Community) -> None:
    settings = organisations.get_settings(db, town.coord_a, town.org_a)
    assert not settings.can_edit
    with pytest.raises(PermissionDenied, match="Only the admins of Riverside Community Centre"):
        organisations.update_settings(db, town.coord_a, town.org_a, {"handler": "Me"})
    with pytest.raises(PermissionDenied):
        organisations.get_settings(db, town.volunteer, town.org_a)
    with pytest.raises(PermissionDenied):  # another organisation's coordinator
        organisations.get_settings(db, town.coord_b, town.org_a)
    assert organisations.get_settings(db, town.admin, town.org_a).can_edit  # the installation's administrator
    with db.read() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.settings")).all() == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"GIF89a\x01\x00\x01\x00", "neither"),
        (b"just some text", "neither"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
        (b"<?xml version='1.0'?><html><body/></html>", "not an SVG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "not well-formed"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "scripts"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "entities"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024), "at most 1024 KB"),
    ],
)
def test_a_seal_that_is_not_a_real_image_is_refused(db: Database, town: Community, data: bytes, words: str) -> None:
    org_admin = make_org_admin(db, town)
    with pytest.raises(InvalidInput, match=words) as caught:
        organisations.update_settings(db, org_admin, town.org_a, {"seal_image": data})
    assert caught.value.field == "seal_image"
    assert organisations.get_settings(db, org_admin, town.org_a).seal_image is None


def test_svg_seal_and_removing_it(db: Database, town: Community) -> None:
    org_admin = make_org_admin(db, town)
    organisations.update_settings(db, org_admin, town.org_a, {"seal_image": SVG})
    assert organisations.get_settings(db, org_admin, town.org_a).seal_mime == "image/svg+xml"
    organisations.update_settings(db, org_admin, town.org_a, {"seal_image": None})
    settings = organisations.get_settings(db, org_admin, town.org_a)
    assert settings.seal_image is None and settings.seal_mime is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"credit_step_minutes": 0}, "credit_step_minutes"),
        ({"credit_step_minutes": "ten"}, "credit_step_minutes"),
        ({"credit_min_attendance_percent": 101}, "credit_min_attendance_percent"),
        ({"credit_cap_to_stint": "maybe"}, "credit_cap_to_stint"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"name": "   "}, "name"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_invalid_settings_name_their_field(db: Database, town: Community, changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        organisations.update_settings(db, town.admin, town.org_a, changes)
    assert caught.value.field == field


def test_renaming_to_a_taken_name_is_a_conflict(db: Database, town: Community) -> None:
    with pytest.raises(Conflict):
        organisations.update_settings(db, town.admin, town.org_a, {"name": "Hillside Food Bank"})


def test_find_organisation_by_any_unambiguous_part(db: Database, town: Community) -> None:
    organisations.create_organisation(db, town.admin, "Riverside Youth Club")
    assert organisations.find_organisation(db, town.coord_a, "food").name == "Hillside Food Bank"
    assert organisations.find_organisation(db, town.coord_a, "  COMMUNITY   centre").name == "Riverside Community Centre"
    assert organisations.find_organisation(db, town.coord_a, str(town.org_b)).name == "Hillside Food Bank"
    with pytest.raises(InvalidInput) as caught:
        organisations.find_organisation(db, town.coord_a, "riverside")
    assert str(caught.value) == (
        "'riverside' matches 2 organisations: “Riverside Community Centre”, “Riverside Youth Club”. "
        "Type more of the name."
    )
    with pytest.raises(NotFound):
        organisations.find_organisation(db, town.coord_a, "Lakeside")
    # An exact name wins even when it is also part of a longer one.
    organisations.create_organisation(db, town.admin, "Hillside")
    assert organisations.find_organisation(db, town.coord_a, "hillside").name == "Hillside"


def test_list_organisations_with_my_role_and_counts(db: Database, town: Community) -> None:
    rows = organisations.list_organisations(db, town.coord_a)
    assert [r.name for r in rows] == ["Hillside Food Bank", "Riverside Community Centre"]
    hill, river = rows
    assert river.my_roles == ("coordinator",) and hill.my_roles == ()
    assert (river.volunteers, river.coordinators, river.open_tasks) == (1, 1, 1)
    managed = organisations.list_organisations(db, town.coord_a, managed_only=True)
    assert [r.name for r in managed] == ["Riverside Community Centre"]
    assert len(organisations.list_organisations(db, town.admin, managed_only=True)) == 2
