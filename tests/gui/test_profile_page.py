"""The Profile page and the first-run wizard's profile step, driven as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from tests.gui.conftest import activate
from tests.support.community import Community
from volunteer_app.gui import i18n
from volunteer_app.gui.first_run import FirstRunWizard
from volunteer_app.gui.home_dialog import HomeAddressDialog
from volunteer_app.gui.main_window import MainWindow
from volunteer_app.gui.profile_page import ProfilePage
from volunteer_app.services import accounts, profiles
from volunteer_app.services.profiles import ProfileInput
from volunteer_app.services.storage import Database
from volunteer_app.store.models import Skill


@pytest.fixture
def page(qtbot: QtBot, volunteer_window: MainWindow) -> ProfilePage:
    volunteer_window.show_area("profile")
    shown = volunteer_window.current_page()
    assert isinstance(shown, ProfilePage)
    return shown


def test_the_page_loads_the_profile_and_the_catalogue(page: ProfilePage, community: Community) -> None:
    form = page.form
    assert form.name_edit.text() == "vol" and form.email_value.text() == "vol@example.org"
    assert form.email_value.isReadOnly()
    assert form.skills.tree.topLevelItemCount() == 2
    assert "No profile saved yet" in page.status.text()


def test_change_skills_and_details_then_save_with_ctrl_s(
    qtbot: QtBot, db: Database, volunteer_window: MainWindow, page: ProfilePage, community: Community
) -> None:
    form = page.form
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "Ann Lee")
    qtbot.keyClicks(form.phone_edit, "+86 138 0000 0000")
    qtbot.keyClicks(form.languages_edit, "zh, en")
    form.radius_spin.setValue(12)
    form.cap_box.setChecked(True)
    form.cap_spin.setValue(6.5)
    # Tick "Driving" with Space in the list, then choose level 4 for "First aid" in the level box.
    skills = form.skills
    skills.tree.setFocus()
    skills.tree.setCurrentItem(skills.item_for("driving"))
    qtbot.keyClick(skills.tree, Qt.Key.Key_Space)
    assert skills.skills() == {"driving": 1}
    skills.tree.setCurrentItem(skills.item_for("first_aid"))
    skills.level_combo.setCurrentIndex(3)
    skills.level_combo.activated.emit(3)
    assert skills.skills() == {"driving": 1, "first_aid": 4}
    assert "Experienced: can guide others" in skills.level_note.text()
    assert "level 4" in skills.level_note.text()
    assert page.is_dirty() and "Unsaved changes" in page.status.text()

    activate(qtbot, volunteer_window)
    form.name_edit.setFocus()
    qtbot.keyClick(form.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.status.text() == "Profile saved."
    assert not page.is_dirty()
    stored = profiles.get_profile(db, community.volunteer)
    assert (stored.name, stored.phone, stored.languages) == ("Ann Lee", "+86 138 0000 0000", ["zh", "en"])
    assert (stored.radius_km, stored.weekly_cap_hours) == (12, 6.5)
    assert stored.skills == {"driving": 1, "first_aid": 4}

    # Unticking removes a skill.
    skills.tree.setCurrentItem(skills.item_for("driving"))
    qtbot.keyClick(skills.tree, Qt.Key.Key_Space)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert profiles.get_profile(db, community.volunteer).skills == {"first_aid": 4}


def test_bad_input_is_refused_next_to_its_field(
    qtbot: QtBot, db: Database, page: ProfilePage, community: Community
) -> None:
    form = page.form
    form.phone_edit.setText("call me")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("phone") == "'call me' is not a phone number: use digits, spaces and + - ( ) only."
    assert "Not saved" in page.status.text()
    form.phone_edit.clear()
    form.name_edit.clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert form.error_text("name") == "The name must not be empty." and form.error_text("phone") == ""
    form.name_edit.setText("Kept")
    form.languages_edit.setText("english!")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "'english!' is not a language tag" in form.error_text("languages")
    assert not profiles.get_profile(db, community.volunteer).exists  # nothing was written


def test_the_skill_filter_and_chinese_names(
    qtbot: QtBot, db: Database, community: Community, volunteer_window: MainWindow
) -> None:
    with db.transaction() as s:
        s.add(Skill(key="cooking", label="Cooking", label_zh="烹饪"))
        first_aid = s.query(Skill).filter_by(key="first_aid").one()
        first_aid.label_zh = "急救"
    volunteer_window.show_area("profile")
    page = volunteer_window.current_page()
    assert isinstance(page, ProfilePage)
    skills = page.form.skills
    qtbot.keyClicks(skills.filter_edit, "aid")
    visible = [skills.tree.topLevelItem(i).text(0) for i in range(3) if not skills.tree.topLevelItem(i).isHidden()]
    assert visible == ["First aid"]
    assert skills.tree.currentItem() is skills.item_for("first_aid")
    skills.filter_edit.clear()
    i18n.apply_language(i18n.CHINESE)
    assert skills.item_for("first_aid").text(0) == "急救" and skills.item_for("driving").text(0) == "Driving"
    skills.filter_edit.setText("烹")  # typed through an input method, not key by key
    assert [k for k in ("cooking", "driving", "first_aid") if not skills.item_for(k).isHidden()] == ["cooking"]


def test_every_control_has_an_accessible_name(page: ProfilePage) -> None:
    form = page.form
    for widget in (
        form.name_edit,
        form.email_value,
        form.phone_edit,
        form.languages_edit,
        form.home_button,
        form.radius_spin,
        form.cap_box,
        form.cap_spin,
        form.skills.filter_edit,
        form.skills.tree,
        form.skills.level_combo,
        page.save_button,
    ):
        assert widget.accessibleName(), widget.objectName()


def test_the_first_run_wizard_offers_the_profile(qtbot: QtBot, db: Database) -> None:
    with db.transaction() as s:
        s.add(Skill(key="first_aid", label="First aid"))
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.admin_page
    qtbot.keyClicks(page.email_edit, "chief@example.org")
    qtbot.keyClicks(page.name_edit, "Li Wei")
    qtbot.keyClicks(page.password_edit, "a good long password")
    qtbot.keyClicks(page.repeat_edit, "a good long password")
    wizard.next()
    assert wizard.currentPage() is wizard.done_page
    finish, next_button = (
        wizard.button(QWizard.WizardButton.FinishButton),
        wizard.button(QWizard.WizardButton.NextButton),
    )
    assert finish.isVisible() and not next_button.isVisible()  # not volunteering: Finish, as before
    qtbot.mouseClick(wizard.done_page.volunteer_box, Qt.MouseButton.LeftButton)
    assert next_button.isVisible() and next_button.isEnabled() and not finish.isVisible()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.profile_page
    form = wizard.profile_page.form
    assert form is not None and form.name_edit.text() == "Li Wei"
    form.radius_spin.setValue(600)  # clamped by the box to 500
    form.skills.set_level("first_aid", 5)
    accepted: list[int] = []
    wizard.accepted.connect(lambda: accepted.append(1))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert accepted == [1]
    admin = accounts.sign_in(db, "chief@example.org", "a good long password")
    stored = profiles.get_profile(db, admin)
    assert stored.exists and stored.radius_km == 500 and stored.skills == {"first_aid": 5}


def test_the_wizard_shows_a_refusal_on_its_profile_step(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.admin_page
    for edit, text in (
        (page.email_edit, "chief@example.org"),
        (page.name_edit, "Li Wei"),
        (page.password_edit, "a good long password"),
        (page.repeat_edit, "a good long password"),
    ):
        qtbot.keyClicks(edit, text)
    wizard.next()
    wizard.done_page.volunteer_box.setChecked(True)
    wizard.next()
    form = wizard.profile_page.form
    assert form is not None
    form.phone_edit.setText("??")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentPage() is wizard.profile_page and wizard.isVisible()
    assert "'??' is not a phone number" in form.error_text("phone")


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE])
def test_render_the_page(
    qtbot: QtBot, db: Database, community: Community, volunteer_window: MainWindow, language: str, tmp_path: Path
) -> None:
    profiles.save_profile(db, community.volunteer, ProfileInput(name="Ann Lee", radius_km=8, skills={"first_aid": 3}))
    i18n.apply_language(language)
    for size in ((1280, 760), (1024, 700)):
        volunteer_window.resize(*size)
        volunteer_window.show_area("profile")
        image = volunteer_window.grab()
        assert not image.isNull()
        image.save(str(tmp_path / f"profile-{language}-{size[0]}.png"))


def test_the_home_is_changed_through_the_home_dialog(
    qtbot: QtBot, db: Database, page: ProfilePage, community: Community
) -> None:
    form = page.form
    assert form.home_value.text().startswith("Not set yet")
    qtbot.mouseClick(form.home_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in form.findChildren(HomeAddressDialog) if w.isVisible())
    dialog.field.search("30.2592440, 120.1370030")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert form.home_value.text() == "A point on the map (30.259, 120.137)"  # rounded, and no address kept
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # saving the profile keeps the home
    assert profiles.get_profile(db, community.volunteer).home.latitude == 30.259
