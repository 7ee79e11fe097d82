"""The Organisation page's signing key group: the fingerprint, export, and other organisations' trusted keys."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.e2e.test_keys_cli import _other_installation, keys_cli
from tests.gui.conftest import Dialogs
from tests.gui.test_organisation_page import open_page
from tests.support.community import PASSWORD, Community
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.organisation_page import grouped_fingerprint
from volunteer_app.services import accounts, organisations, signing_keys
from volunteer_app.store.database import Database
from volunteer_app.store.models import AuditEvent


def _seaside_key_file(tmp_path: Path, *, pem: bool = False) -> tuple[Path, str]:
    """Another installation's organisation ("Seaside Shelter"), its public key exported to a file."""
    other = Database(_other_installation(tmp_path))
    try:
        boss = accounts.sign_in(other, "boss@example.net", PASSWORD)
        (info,) = [k for k in signing_keys.list_trusted(other, boss) if k.organisation == "Seaside Shelter"]
        out = tmp_path / ("seaside.pem" if pem else "seaside.json")
        org = organisations.find_organisation(other, boss, "Seaside Shelter")
        out.write_text(signing_keys.public_key_file(other, boss, org.id, pem=pem), encoding="utf-8")
    finally:
        other.dispose()
    return out, info.fingerprint


def test_the_page_shows_the_fingerprint_and_exports_a_key_another_database_accepts(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    _window, page = open_page(qtbot, db, community.coord_a)
    info = signing_keys.organisation_key_info(db, community.coord_a, community.org_a)
    assert info is not None
    shown = page.fingerprint_text.text()
    assert shown == grouped_fingerprint(info.fingerprint)
    assert shown.splitlines()[0].split() == [info.fingerprint[i : i + 4].upper() for i in range(0, 32, 4)]
    assert page.trusted_names() == [] and not page.remove_key_button.isEnabled()

    out = tmp_path / "riverside.json"
    page.export_public_key(out)
    assert page.key_status.text() == "Wrote the public key to riverside.json."
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["organisation"], data["fingerprint"]) == ("Riverside Community Centre", info.fingerprint)
    assert not out.with_name("riverside.json.part").exists()

    other_url = _other_installation(tmp_path)
    done = keys_cli(other_url, "boss@example.net", "import", str(out))
    assert done.returncode == 0, done.stderr
    assert info.fingerprint in done.stdout and "Riverside Community Centre" in done.stdout


def test_import_lists_the_key_and_remove_asks_first(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path, dialogs: Dialogs
) -> None:
    key_file, fp = _seaside_key_file(tmp_path, pem=True)
    _window, page = open_page(qtbot, db, community.coord_a)
    page.import_key_file(key_file)
    assert page.key_status.text() == "The key of Seaside Shelter is trusted now."
    assert page.trusted_names() == ["Seaside Shelter"]
    assert page.selected_fingerprint() == fp and page.remove_key_button.isEnabled()
    first = page.trusted_list.topLevelItem(0)
    assert first is not None and first.text(1) == signing_keys.short_fingerprint(fp)
    assert fp in {k.fingerprint for k in signing_keys.list_trusted(db, community.coord_a) if not k.own}

    page.import_key_file(key_file)  # again: refused in one sentence, nothing doubled
    assert page.key_status.text() == "This key is trusted already, as Seaside Shelter's."
    assert page.trusted_names() == ["Seaside Shelter"]

    dialogs.answer = QMessageBox.StandardButton.No
    page.remove_key_button.click()
    assert dialogs.kinds() == ["question"] and "Seaside Shelter" in dialogs.calls[0].text
    assert page.trusted_names() == ["Seaside Shelter"]  # not removed: the person said no

    dialogs.answer = QMessageBox.StandardButton.Yes
    page.remove_key_button.click()
    assert page.trusted_names() == [] and not page.remove_key_button.isEnabled()
    assert page.key_status.text() == "The key of Seaside Shelter is no longer trusted."
    assert not [k for k in signing_keys.list_trusted(db, community.coord_a) if not k.own]
    with db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.action.startswith("trusted_key."))))
    assert sorted(actions) == ["trusted_key.import", "trusted_key.remove"]


def test_bad_or_own_key_files_are_refused_in_one_sentence(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    key_file, _fp = _seaside_key_file(tmp_path)
    data = json.loads(key_file.read_text(encoding="utf-8"))
    data["fingerprint"] = "0" * 64
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    _window, page = open_page(qtbot, db, community.admin)
    page.import_key_file(tampered)
    assert "does not match its key" in page.key_status.text()
    assert len(page.key_status.text().splitlines()) == 1
    own = tmp_path / "hillside.json"
    own.write_text(signing_keys.public_key_file(db, community.admin, community.org_b), encoding="utf-8")
    page.import_key_file(own)
    assert page.key_status.text() == "This is the key of Hillside Food Bank, kept in this database already."
    page.import_key_file(tmp_path / "missing.json")
    assert page.key_status.text().startswith("Cannot read missing.json:")
    assert page.trusted_names() == []


def test_a_plain_volunteer_never_sees_the_page(volunteer_window: MainWindow) -> None:
    assert "organisation" not in volunteer_window.pages


def _next_tab_stop(page: QWidget, widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next widget in the chain that takes focus by Tab."""
    current = widget.nextInFocusChain()
    while current is not None and not (current.focusPolicy() & Qt.FocusPolicy.TabFocus and current.isEnabled()
                                       and current.isVisibleTo(page) and current.focusProxy() is None):  # fmt: skip
        current = current.nextInFocusChain()
    assert current is not None
    return current


def test_the_key_controls_are_named_and_reachable_by_tab(qtbot: QtBot, db: Database, community: Community) -> None:
    _window, page = open_page(qtbot, db, community.admin)  # an admin: the settings above are editable
    widgets = [page.zone_combo, page.fingerprint_text, page.export_button, page.trusted_list, page.import_button]
    for widget in widgets[1:]:
        assert widget.accessibleName()
    for first, second in itertools.pairwise(widgets):
        assert _next_tab_stop(page, first) is second
    assert page.trusted_label.buddy() is page.trusted_list and "&" in page.trusted_label.text()
    assert page.fingerprint_label.buddy() is page.fingerprint_text
