"""The address field and "My home address", driven through their widgets, offline.

The online map is ``tests/unit/fake_nominatim.py`` on 127.0.0.1; background work
runs synchronously (tests/gui/conftest.py), so each search has finished when
``search()`` returns.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Dialogs
from tests.gui.test_accessibility import unnamed_controls
from tests.support.community import Community
from tests.unit.fake_nominatim import FakeNominatim
from volunteer_app.geo.nominatim import NominatimClient
from volunteer_app.gui import i18n
from volunteer_app.gui.home_dialog import HomeAddressDialog, geocoder_for, open_home_dialog
from volunteer_app.gui.place_field import PlaceField
from volunteer_app.services import places
from volunteer_app.services.places import DatabaseGeocodeCache, Geocoder, make_geocoder, shipped_gazetteer
from volunteer_app.services.storage import Database
from volunteer_app.store.models import VolunteerProfile

GENERIC_HINT = "You can also type coordinates as 'latitude, longitude'."
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese(qapp: object) -> Iterator[None]:
    """Simplified Chinese from the shipped translations (tests/gui/test_translations.py keeps them complete)."""
    i18n.apply_language(i18n.CHINESE)
    yield
    i18n.apply_language(i18n.ENGLISH)


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim(slow_seconds=3.0) as fake:
        yield fake


@pytest.fixture
def offline_geocoder(db: Database) -> Geocoder:
    return make_geocoder(db, offline=True)


def fast_geocoder(db: Database, server: FakeNominatim) -> Geocoder:
    """The app's chain (database cache, gazetteer) with a client that neither waits nor retries."""
    client = NominatimClient(server.url, timeout=0.5, min_delay_seconds=0.0, max_retries=0)
    return Geocoder(DatabaseGeocodeCache(db), client, shipped_gazetteer())


def make_field(qtbot: QtBot, geocoder: Geocoder, **kwargs: Any) -> PlaceField:
    field = PlaceField(geocoder, **kwargs)
    qtbot.addWidget(field)
    field.show()
    return field


def rows(field: PlaceField) -> list[tuple[str, str, str]]:
    return [
        (field.list.topLevelItem(i).text(0), field.list.topLevelItem(i).text(1), field.list.topLevelItem(i).text(2))
        for i in range(field.list.topLevelItemCount())
    ]


# --------------------------------------------------------------------------- offline answers


def test_typed_coordinates_give_an_exact_candidate_without_network(qtbot: QtBot, server: FakeNominatim, db: Database):
    field = make_field(qtbot, fast_geocoder(db, server))
    with qtbot.waitSignal(field.place_changed) as changed:
        field.search("30.27, 120.15")
    assert rows(field) == [("30.270000, 120.150000", "typed coordinates", "exact")]
    assert field.place() == ("30.27, 120.15", 30.27, 120.15)
    assert changed.args[0].source == "coordinates"
    assert not field.is_searching()
    assert field.warning() == ""
    assert server.search_requests() == []


def test_coordinates_out_of_range_say_so(qtbot: QtBot, offline_geocoder: Geocoder) -> None:
    field = make_field(qtbot, offline_geocoder)
    field.search("95, 120")
    assert rows(field) == []
    assert field.place() is None
    assert "latitude from -90 to 90" in field.warning()


@pytest.mark.parametrize("query", ["杭州", "Hangzhou"])
def test_a_city_offline_comes_from_the_built_in_list(qtbot: QtBot, offline_geocoder: Geocoder, query: str) -> None:
    field = make_field(qtbot, offline_geocoder)
    field.edit.insert(query)  # QTest cannot type Chinese characters
    with qtbot.waitSignal(field.search_finished):
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert rows(field)[0] == ("Hangzhou, CN", "built-in city list", "city")
    address, lat, lon = field.place() or ("", 0.0, 0.0)
    assert address == "Hangzhou, CN"
    assert lat == pytest.approx(30.29, abs=0.05) and lon == pytest.approx(120.16, abs=0.05)
    assert field.warning() == ""  # offline by choice: nothing failed


def test_nothing_found_offline_says_what_to_try(qtbot: QtBot, offline_geocoder: Geocoder) -> None:
    field = make_field(qtbot, offline_geocoder)
    field.search("Nowhere Street 12")
    assert rows(field) == [] and field.place() is None
    assert field.warning().startswith("Nothing found on this computer.")


def test_the_instant_answer_needs_neither_database_nor_network(qtbot: QtBot, db: Database) -> None:
    class NoBackground(Geocoder):
        def geocode(self, query: str, *, limit: int = 5, online: bool = True) -> Any:
            raise AssertionError("the full chain must not run on the UI thread")

    class NoCache(DatabaseGeocodeCache):
        def get(self, provider: str, key: str) -> Any:
            raise AssertionError("the instant answer must not read the database")

    geocoder = NoBackground(NoCache(db), None, shipped_gazetteer())
    make_field(qtbot, geocoder)  # reads the city list (synchronously in tests)
    assert places.city_list_loaded(geocoder)
    answer = places.quick_answer(geocoder, "杭州")
    assert [p.source for p in answer.candidates] == ["gazetteer"]
    coordinates = places.quick_answer(geocoder, "30.27, 120.15")
    assert [p.source for p in coordinates.candidates] == ["coordinates"]


# --------------------------------------------------------------------------- the online map


def test_online_answer_then_the_same_search_from_the_cache(
    qtbot: QtBot, db: Database, server: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOLUNTEER_APP_GEOCODER", "")
    monkeypatch.setenv("VOLUNTEER_APP_NOMINATIM_URL", server.url)
    field = make_field(qtbot, make_geocoder(db, timeout=2.0))  # the app's own wiring
    field.search("南山路 杭州")
    assert rows(field) == [("南山路, 湖滨街道, 上城区, 杭州市, 浙江省, 310002, 中国", "online map", "street")]
    assert field.warning() == ""
    assert len(server.search_requests()) == 1
    chosen = field.chosen()
    assert chosen is not None and chosen.source == "nominatim"
    assert field.place() == ("南山路, 湖滨街道, 上城区, 杭州市, 浙江省, 310002, 中国", 30.259244, 120.137003)

    field.clear()
    field.search("南山路 杭州")
    assert rows(field)[0][1:] == ("saved", "street")
    assert len(server.search_requests()) == 1  # answered from the cache


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("error", "failed"),
        ("garbage", "not a Nominatim answer"),
        ("slow", "did not answer within 0.5 seconds"),
        ("empty", "found nothing"),
    ],
)
def test_server_trouble_shows_a_warning_and_still_offers_cities(
    qtbot: QtBot, db: Database, server: FakeNominatim, mode: str, expected: str
) -> None:
    server.mode = mode
    field = make_field(qtbot, fast_geocoder(db, server))
    field.search("Hangzhou")
    assert expected in field.warning()
    assert "built-in list" in field.warning() and GENERIC_HINT in field.warning()
    assert rows(field)[0] == ("Hangzhou, CN", "built-in city list", "city")
    assert field.place() is not None
    assert not field.is_searching()
    # Coordinates still work right after.
    field.search("30.27 120.15")
    assert field.place() == ("30.27 120.15", 30.27, 120.15)
    assert field.warning() == ""


def test_nothing_anywhere_says_what_to_try(qtbot: QtBot, db: Database, server: FakeNominatim) -> None:
    server.mode = "error"
    field = make_field(qtbot, fast_geocoder(db, server))
    field.search("Nowhere Street 12")
    assert rows(field) == []
    assert field.place() is None
    assert "Try a city name" in field.warning()


def test_warnings_and_labels_are_translated(
    qtbot: QtBot, db: Database, server: FakeNominatim, request: pytest.FixtureRequest
) -> None:
    server.mode = "garbage"
    field = make_field(qtbot, fast_geocoder(db, server))
    field.search("Hangzhou")
    assert field.warning().startswith("The geocoder at")
    request.getfixturevalue("chinese")  # switched live, after the answer came
    assert field.warning() == (
        f"{server.url} 的地理编码服务返回的内容不是 Nominatim 格式的应答。"
        "现显示内置列表中的城市。您也可以按“纬度, 经度”的格式输入坐标。"
    )
    assert rows(field)[0][1:] == ("内置城市列表", "城市")
    assert field.find_button.text() == "查找(&F)"
    assert field.list.headerItem().text(1) == "来源"


def test_a_bug_in_the_lookup_gives_the_generic_warning_and_keeps_the_instant_list(
    qtbot: QtBot, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(Geocoder):
        def geocode(self, query: str, *, limit: int = 5, online: bool = True) -> Any:
            raise RuntimeError("boom")

    field = make_field(qtbot, Broken(None, None, shipped_gazetteer()))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("volunteer_app.gui.place_field.log.error", lambda *a, **k: None)
        field.search("Hangzhou")
    assert field.warning().startswith("The online map could not be reached")
    assert rows(field)[0][1] == "built-in city list"


# --------------------------------------------------------------------------- superseding and stopping


def test_a_newer_search_supersedes_an_older_one(
    qtbot: QtBot, offline_geocoder: Geocoder, async_background: None
) -> None:
    field = make_field(qtbot, offline_geocoder)
    field.search("Hangzhou")
    assert field.is_searching()
    with qtbot.waitSignal(field.search_finished, timeout=5000):
        field.search("Beijing")
    qtbot.wait(50)  # let any late answer of the first search arrive
    assert rows(field)[0][0].startswith("Beijing")


def test_stop_keeps_the_instant_list(qtbot: QtBot, db: Database, server: FakeNominatim, async_background: None) -> None:
    server.mode = "slow"
    field = make_field(qtbot, fast_geocoder(db, server))
    field.search("Hangzhou")
    assert field.is_searching() and field.stop_button.isVisible()
    qtbot.keyClick(field.edit, Qt.Key.Key_Escape)
    assert not field.is_searching() and not field.stop_button.isVisible()
    assert "Search stopped" in field.warning()
    assert rows(field)[0][1] == "built-in city list"
    qtbot.wait(700)  # the worker times out meanwhile; its answer is dropped
    assert "Search stopped" in field.warning()


# --------------------------------------------------------------------------- choosing


def test_choosing_a_candidate_emits_place_changed(qtbot: QtBot, db: Database, server: FakeNominatim) -> None:
    server.answers["springfield"] = [
        {"lat": "39.80", "lon": "-89.64", "name": "Springfield", "display_name": "Springfield, Illinois, USA",
         "addresstype": "city", "class": "place"},
        {"lat": "37.21", "lon": "-93.29", "name": "Springfield", "display_name": "Springfield, Missouri, USA",
         "addresstype": "city", "class": "place"},
    ]  # fmt: skip
    field = make_field(qtbot, fast_geocoder(db, server))
    field.search("Springfield")
    assert field.place() == ("Springfield, Illinois, USA", 39.80, -89.64)
    with qtbot.waitSignal(field.place_changed) as changed:
        qtbot.keyClick(field.edit, Qt.Key.Key_Down)  # arrow keys pick from the address box too
    assert changed.args[0].latitude == 37.21 and changed.args[0].longitude == -93.29
    assert field.place() == ("Springfield, Missouri, USA", 37.21, -93.29)
    with qtbot.waitSignal(field.place_changed) as changed:
        field.list.setCurrentItem(field.list.topLevelItem(0))
    assert (changed.args[0].latitude, changed.args[0].longitude) == (39.80, -89.64)


def test_remote_option_only_when_asked(qtbot: QtBot, offline_geocoder: Geocoder) -> None:
    assert make_field(qtbot, offline_geocoder).remote_box is None
    field = make_field(qtbot, offline_geocoder, allow_remote=True)
    field.search("Hangzhou")
    assert field.place() is not None
    with qtbot.waitSignal(field.place_changed) as changed:
        field.set_remote(True)
    assert changed.args == [None]
    assert field.place() is None and field.is_remote() and not field.edit.isEnabled()
    field.set_remote(False)
    assert field.place() is not None


def test_every_control_is_named_and_reachable_by_tab(qtbot: QtBot, offline_geocoder: Geocoder) -> None:
    field = make_field(qtbot, offline_geocoder, allow_remote=True)
    for control in (field.edit, field.find_button, field.stop_button, field.list, field.busy_bar, field.remote_box):
        assert control is not None and control.accessibleName().strip()
    field.search("Hangzhou")
    chain: list[QWidget] = [field.edit]
    widget = field.edit.nextInFocusChain()
    while widget is not field.edit and len(chain) < 20:
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == [field.edit, field.find_button, field.list, field.remote_box]


def test_the_dialog_follows_the_accessibility_rule(qtbot: QtBot, db: Database, community: Community) -> None:
    dialog = HomeAddressDialog(db, community.volunteer, make_geocoder(db, offline=True))
    qtbot.addWidget(dialog)
    dialog.field.search("Hangzhou")
    assert unnamed_controls(dialog) == []
    assert unnamed_controls(make_field(qtbot, make_geocoder(db, offline=True), allow_remote=True)) == []


def test_enter_in_the_address_box_does_not_press_the_dialog_button(
    qtbot: QtBot, db: Database, community: Community, offline_geocoder: Geocoder
) -> None:
    dialog = HomeAddressDialog(db, community.volunteer, offline_geocoder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field.edit, "Hangzhou")
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.saved_home is None
    assert dialog.field.place() is not None


# --------------------------------------------------------------------------- the home dialog


def stored_profile(db: Database, person_id: int) -> VolunteerProfile | None:
    with db.read() as s:
        profile = s.get(VolunteerProfile, person_id)
        if profile is not None:
            s.expunge(profile)
        return profile


def test_home_is_saved_rounded_by_default(
    qtbot: QtBot, db: Database, community: Community, server: FakeNominatim
) -> None:
    dialog = HomeAddressDialog(db, community.volunteer, fast_geocoder(db, server))
    qtbot.addWidget(dialog)
    assert dialog.current_label.text() == "No home address saved yet."
    assert "about 100 metres" in dialog.privacy_note.text()
    assert not dialog.exact_box.isChecked()
    assert not dialog.save_button.isEnabled()
    dialog.field.search("南山路 杭州")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = stored_profile(db, community.volunteer.person_id)
    assert profile is not None
    assert (profile.home_latitude, profile.home_longitude) == (30.259, 120.137)
    assert profile.home_address == "南山路, 湖滨街道, 上城区, 杭州市, 浙江省, 310002, 中国"


def test_home_is_saved_exact_when_asked(qtbot: QtBot, db: Database, community: Community) -> None:
    dialog = HomeAddressDialog(db, community.volunteer, make_geocoder(db, offline=True))
    qtbot.addWidget(dialog)
    dialog.field.search("30.2592440, 120.1370030")
    dialog.exact_box.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = stored_profile(db, community.volunteer.person_id)
    assert profile is not None
    assert (profile.home_latitude, profile.home_longitude) == (30.259244, 120.137003)
    assert dialog.saved_home is not None and dialog.saved_home.latitude == 30.259244


def test_typed_coordinates_rounded_do_not_keep_the_exact_point_as_address(
    qtbot: QtBot, db: Database, community: Community
) -> None:
    dialog = HomeAddressDialog(db, community.volunteer, make_geocoder(db, offline=True))
    qtbot.addWidget(dialog)
    dialog.field.search("30.2592440, 120.1370030")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = stored_profile(db, community.volunteer.person_id)
    assert profile is not None
    assert (profile.home_address, profile.home_latitude, profile.home_longitude) == (None, 30.259, 120.137)


def test_the_dialog_shows_the_current_home_and_can_remove_it(qtbot: QtBot, db: Database, community: Community) -> None:
    places.set_home(db, community.volunteer, "1 River Road, Hangzhou", 30.2712, 120.1551)
    dialog = HomeAddressDialog(db, community.volunteer, make_geocoder(db, offline=True))
    qtbot.addWidget(dialog)
    assert "1 River Road, Hangzhou" in dialog.current_label.text()
    assert "30.271, 120.155" in dialog.current_label.text()  # stored rounded
    assert dialog.remove_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    profile = stored_profile(db, community.volunteer.person_id)
    assert profile is not None and profile.home_latitude is None and profile.home_address is None


def test_a_coordinator_of_the_organisation_sees_the_home(qtbot: QtBot, db: Database, community: Community) -> None:
    places.set_home(db, community.volunteer, "1 River Road, Hangzhou", 30.2712, 120.1551)
    dialog = HomeAddressDialog(
        db, community.coord_a, make_geocoder(db, offline=True), person_id=community.volunteer.person_id
    )
    qtbot.addWidget(dialog)
    assert "1 River Road, Hangzhou" in dialog.current_label.text()
    assert not dialog.field.isVisibleTo(dialog) and not dialog.save_button.isVisibleTo(dialog)


def test_a_coordinator_of_another_organisation_gets_a_message_not_a_crash(
    qtbot: QtBot, db: Database, community: Community, dialogs: Dialogs
) -> None:
    places.set_home(db, community.volunteer, "1 River Road, Hangzhou", 30.2712, 120.1551)
    dialog = HomeAddressDialog(
        db, community.coord_b, make_geocoder(db, offline=True), person_id=community.volunteer.person_id
    )
    qtbot.addWidget(dialog)
    assert "Only the volunteer and coordinators" in dialog.status()
    assert "River Road" not in dialog.current_label.text()
    assert dialog.current_label.text() == "The home address cannot be shown."
    assert dialogs.calls == []  # a message in the dialog, no error box


def test_save_errors_are_shown_translated(
    qtbot: QtBot, db: Database, community: Community, server: FakeNominatim, dialogs: Dialogs
) -> None:
    long_name = "Very Long Road " * 70  # over set_home's 1000 characters
    server.answers["long road"] = [
        {"lat": "30.1", "lon": "120.1", "name": "Long Road", "display_name": long_name, "addresstype": "road"}
    ]
    i18n.apply_language(i18n.CHINESE)
    dialog = HomeAddressDialog(db, community.volunteer, fast_geocoder(db, server))
    qtbot.addWidget(dialog)
    dialog.field.search("Long Road")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.status() == "地址超过了 1000 个字符。"
    assert dialog.saved_home is None and dialog.field.isEnabled() and dialog.save_button.isEnabled()
    assert dialogs.calls == []
    assert stored_profile(db, community.volunteer.person_id) is None


def test_open_home_dialog_from_a_window(qtbot: QtBot, db: Database, community: Community) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = open_home_dialog(parent, db, community.volunteer)
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.windowTitle() == "My home address"
    assert geocoder_for(db) is geocoder_for(db)
    dialog.reject()
