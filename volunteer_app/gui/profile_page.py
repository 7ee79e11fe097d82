"""The Profile area: name, contact, languages, home, travel distance, weekly limit and skills.

``ProfileForm`` is the form itself (the first-run wizard reuses it); the page
adds a heading, Save (Ctrl+S) and a status line. Loading and saving run in the
background through ``services.profiles``; a value the service refuses is shown
next to its field, in the service's own sentence.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.skills_editor import SkillsEditor
from volunteer_app.gui.style import (
    PAGE_MARGINS,
    Retranslating,
    Tone,
    error_label,
    heading_label,
    make_note,
    show_status,
    subheading_label,
)
from volunteer_app.services import places, profiles
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidInput, ServiceError
from volunteer_app.services.profiles import CatalogueSkill, Profile, ProfileInput
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Profile")


@dataclass
class ProfileData:
    profile: Profile
    catalogue: list[CatalogueSkill]


def load_profile(db: Database, actor: Actor) -> ProfileData:
    """The profile and the catalogue (call it in a worker)."""
    return ProfileData(profiles.get_profile(db, actor), profiles.skills_catalogue(db, actor))


class ProfileForm(Retranslating, QWidget):
    """The profile's fields; ``profile_input()`` reads them, ``show_error`` puts a refusal next to its field.

    ``columns=2`` puts the skills beside the personal details (the page), 1 below them (the wizard).
    """

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *, columns: int = 2) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.profile: Profile | None = None
        self._filling = False

        self.about_heading = subheading_label(self)
        self.name_label, self.name_edit = QLabel(self), QLineEdit(self)
        self.name_edit.setObjectName("profileName")
        self.email_label, self.email_value = QLabel(self), QLineEdit(self)
        self.email_value.setReadOnly(True)
        self.email_value.setObjectName("profileEmail")
        self.phone_label, self.phone_edit = QLabel(self), QLineEdit(self)
        self.phone_edit.setObjectName("profilePhone")
        self.languages_label, self.languages_edit = QLabel(self), QLineEdit(self)
        self.languages_edit.setObjectName("profileLanguages")
        self.home_label, self.home_value = QLabel(self), QLabel(self)
        self.home_value.setWordWrap(True)
        self.home_value.setObjectName("profileHome")
        self.home_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.home_button = QPushButton(self)
        self.home_button.setObjectName("profileHomeButton")
        self.home_button.setAutoDefault(False)

        self.help_heading = subheading_label(self)
        self.radius_label, self.radius_spin = QLabel(self), QDoubleSpinBox(self)
        self.radius_spin.setObjectName("profileRadius")
        self.radius_spin.setRange(0.5, profiles.MAX_RADIUS_KM)
        self.radius_spin.setDecimals(1)
        self.radius_spin.setSingleStep(1)
        self.cap_label = QLabel(self)
        self.cap_box = QCheckBox(self)
        self.cap_box.setObjectName("profileCapBox")
        self.cap_spin = QDoubleSpinBox(self)
        self.cap_spin.setObjectName("profileCap")
        self.cap_spin.setRange(0, profiles.MAX_WEEKLY_HOURS)
        self.cap_spin.setDecimals(1)
        self.cap_spin.setSingleStep(0.5)
        self.cap_spin.setValue(4)
        self.cap_spin.setEnabled(False)

        self.skills_heading = subheading_label(self)
        self.skills = SkillsEditor(self)

        self.field_errors: dict[str, QLabel] = {}
        for name in ("name", "phone", "languages", "radius_km", "weekly_cap_hours", "skills", "timezone"):
            label = error_label(self)
            label.setObjectName(f"error_{name}")
            self.field_errors[name] = label

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # Set, not inherited: a nested layout otherwise takes the 28 px between the two columns.
        details.setVerticalSpacing(8)
        details.setHorizontalSpacing(12)
        details.addRow(self.about_heading)
        details.addRow(self.name_label, self._with_error(self.name_edit, "name"))
        details.addRow(self.email_label, self.email_value)
        details.addRow(self.phone_label, self._with_error(self.phone_edit, "phone"))
        details.addRow(self.languages_label, self._with_error(self.languages_edit, "languages"))
        home = QHBoxLayout()
        home.addWidget(self.home_value, 1)
        home.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignTop)
        details.addRow(self.home_label, home)
        details.addItem(_spacer(self))
        details.addRow(self.help_heading)
        details.addRow(self.radius_label, self._with_error(self.radius_spin, "radius_km"))
        cap = QHBoxLayout()
        cap.addWidget(self.cap_box)
        cap.addWidget(self.cap_spin, 1)
        cap_box = QVBoxLayout()
        cap_box.addLayout(cap)
        cap_box.addWidget(self.field_errors["weekly_cap_hours"])
        details.addRow(self.cap_label, cap_box)
        details.addRow(self.field_errors["timezone"])

        skills = QVBoxLayout()
        skills.setSpacing(6)
        skills.addWidget(self.skills_heading)
        skills.addWidget(self.skills, 1)
        skills.addWidget(self.field_errors["skills"])

        if columns == 2:
            left = QVBoxLayout()
            left.setSpacing(0)
            left.addLayout(details)
            left.addStretch(1)  # the fields keep their natural spacing; room goes below them
            layout: Any = QHBoxLayout(self)
            layout.setSpacing(28)
            layout.addLayout(left, 5)
            layout.addLayout(skills, 6)
        else:
            layout = QVBoxLayout(self)
            layout.addLayout(details)
            layout.addLayout(skills, 1)
        layout.setContentsMargins(0, 0, 0, 0)

        for label, buddy in (
            (self.name_label, self.name_edit),
            (self.email_label, self.email_value),
            (self.phone_label, self.phone_edit),
            (self.languages_label, self.languages_edit),
            (self.home_label, self.home_button),
            (self.radius_label, self.radius_spin),
            (self.cap_label, self.cap_box),
        ):
            label.setBuddy(buddy)
        order = [
            self.name_edit,
            self.email_value,
            self.phone_edit,
            self.languages_edit,
            self.home_button,
            self.radius_spin,
            self.cap_box,
            self.cap_spin,
            self.skills.filter_edit,
            self.skills.tree,
            self.skills.level_combo,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.name_edit)

        for edit in (self.name_edit, self.phone_edit, self.languages_edit):
            edit.textEdited.connect(self._edited)
        self.radius_spin.valueChanged.connect(self._edited)
        self.cap_spin.valueChanged.connect(self._edited)
        self.cap_box.toggled.connect(self.cap_spin.setEnabled)
        self.cap_box.toggled.connect(self._edited)
        self.skills.changed.connect(self._edited)
        self.home_button.clicked.connect(self.open_home_dialog)
        self.retranslate()

    def _with_error(self, widget: QWidget, field: str) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.field_errors[field])
        return box

    # ------------------------------------------------------------------ data

    def set_data(self, data: ProfileData) -> None:
        profile = data.profile
        self.profile = profile
        self._filling = True
        self.name_edit.setText(profile.name)
        self.email_value.setText(profile.email)
        self.phone_edit.setText(profile.phone or "")
        self.languages_edit.setText(", ".join(profile.languages))
        self.radius_spin.setValue(profile.radius_km)
        self.cap_box.setChecked(profile.weekly_cap_hours is not None)
        if profile.weekly_cap_hours is not None:
            self.cap_spin.setValue(profile.weekly_cap_hours)
        self.skills.set_skills(data.catalogue, profile.skills)
        self._filling = False
        self.clear_errors()
        self._show_home()

    def profile_input(self) -> ProfileInput:
        return ProfileInput(
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            languages=[self.languages_edit.text()],
            radius_km=self.radius_spin.value(),
            weekly_cap_hours=self.cap_spin.value() if self.cap_box.isChecked() else None,
            skills=self.skills.skills(),
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the form says now, comparable with an earlier snapshot (unsaved changes)."""
        data = self.profile_input()
        return (
            " ".join(data.name.split()),
            data.phone.strip() if data.phone else "",
            self.languages_edit.text().replace(" ", ""),
            round(data.radius_km, 1),
            data.weekly_cap_hours,
            tuple(sorted(data.skills.items())),
        )

    def _edited(self, *_args: object) -> None:
        if not self._filling:
            self.changed.emit()

    # ------------------------------------------------------------------ errors

    def clear_errors(self) -> None:
        for label in self.field_errors.values():
            show_status(label, "")

    def show_error(self, exc: ServiceError) -> bool:
        """Put a refusal next to its field; False when it belongs to no field of this form."""
        self.clear_errors()
        if isinstance(exc, InvalidInput) and exc.field in self.field_errors:
            show_status(self.field_errors[exc.field], errors.translate_service_error(exc), Tone.ERROR)
            widget = {
                "name": self.name_edit,
                "phone": self.phone_edit,
                "languages": self.languages_edit,
                "radius_km": self.radius_spin,
                "weekly_cap_hours": self.cap_spin,
                "skills": self.skills.tree,
            }.get(exc.field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def error_text(self, field: str) -> str:
        label = self.field_errors[field]
        return "" if label.isHidden() else label.text()

    # ------------------------------------------------------------------ home

    def _show_home(self) -> None:
        home = self.profile.home if self.profile is not None else None
        if home is None or (home.address is None and home.latitude is None):
            text = self.tr("Not set yet: tasks near you can only be found once it is.")
        elif home.address:
            text = home.address
        else:
            text = self.tr("A point on the map ({latitude}, {longitude})").format(
                latitude=home.latitude, longitude=home.longitude
            )
        self.home_value.setText(text)
        self.home_value.setAccessibleName(text)

    def open_home_dialog(self) -> QWidget:
        from volunteer_app.gui.home_dialog import open_home_dialog

        dialog = open_home_dialog(self, self.db, self.actor)
        dialog.accepted.connect(lambda: self.home_saved(dialog.saved_home))
        return dialog

    def home_saved(self, home: places.Home | None) -> None:
        if home is not None and self.profile is not None:
            self.profile = replace(self.profile, home=home)
            self._show_home()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.about_heading.setText(self.tr("About you"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("How others see you, e.g. Li Wei"))
        self.email_label.setText(self.tr("Email:"))
        self.email_value.setAccessibleName(self.tr("Email (your sign-in, cannot be changed here)"))
        self.email_value.setToolTip(self.tr("Your sign-in; an administrator can change it."))
        self.phone_label.setText(self.tr("&Phone:"))
        self.phone_edit.setAccessibleName(self.tr("Phone"))
        self.phone_edit.setPlaceholderText(self.tr("Optional, e.g. +86 138 0000 0000"))
        self.languages_label.setText(self.tr("L&anguages:"))
        self.languages_edit.setAccessibleName(self.tr("Languages you speak"))
        self.languages_edit.setPlaceholderText(self.tr("Language codes, e.g. zh, en"))
        self.home_label.setText(self.tr("&Home:"))
        self.home_button.setText(self.tr("Change…"))
        self.home_button.setAccessibleName(self.tr("Change my home address"))
        self.help_heading.setText(self.tr("How you help"))
        self.radius_label.setText(self.tr("&Travel up to:"))
        self.radius_spin.setSuffix(" " + self.tr("km"))
        self.radius_spin.setAccessibleName(self.tr("How far you will travel, in kilometres"))
        self.cap_label.setText(self.tr("&Weekly limit:"))
        self.cap_box.setText(self.tr("At most"))
        self.cap_box.setAccessibleName(self.tr("Limit my hours each week"))
        self.cap_spin.setSuffix(" " + self.tr("hours a week"))
        self.cap_spin.setAccessibleName(self.tr("Hours a week at most"))
        self.skills_heading.setText(self.tr("Skills"))
        self._show_home()


def _spacer(parent: QWidget) -> QSpacerItem:
    del parent
    return QSpacerItem(0, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


@register_area("profile", TITLE, Side.VOLUNTEER, order=50)
class ProfilePage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.loaded = False
        self._busy = False
        self._saved_snapshot: tuple[object, ...] | None = None

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self.form = ProfileForm(db, actor, self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.form)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.setEnabled(False)
        self.status = QLabel(self)
        self.status.setObjectName("profileStatus")
        self.status.setWordWrap(True)
        self.status.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        bottom.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.form.skills.level_combo, self.save_button)
        self.setFocusProxy(self.form)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.form.changed.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        title = QCoreApplication.translate("Areas", TITLE)
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.intro.setText(
            self.tr(
                "What you tell here decides which tasks are suggested to you: how far you go, how many hours "
                "a week, and what you can do. Only you and the coordinators of your organisations see it."
            )
        )
        self.save_button.setText(self.tr("&Save profile"))
        self.save_button.setAccessibleName(self.tr("Save profile"))
        self.save_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)
        )

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        if self.is_dirty():
            show_status(
                self.status, self.tr("You have unsaved changes: save them first, or they stay as typed."), Tone.WARNING
            )
            return
        self._busy = True
        db, actor = self.db, self.actor
        run_in_background(self, lambda _job: load_profile(db, actor), self._loaded, self._load_failed)

    def _loaded(self, data: ProfileData) -> None:
        self._busy = False
        self.loaded = True
        self.form.set_data(data)
        self._saved_snapshot = self.form.snapshot()
        self.save_button.setEnabled(True)
        if not data.profile.exists:
            show_status(self.status, self.tr("No profile saved yet: fill it in and press Save."), Tone.NOTE)
        else:
            show_status(self.status, "")

    def _load_failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, ServiceError):
            show_status(self.status, errors.translate_service_error(exc), Tone.ERROR)
        else:
            errors.show_error(self, exc)

    # ------------------------------------------------------------------ saving

    def is_dirty(self) -> bool:
        return self._saved_snapshot is not None and self.form.snapshot() != self._saved_snapshot

    def _changed(self) -> None:
        if self.is_dirty():
            show_status(self.status, self.tr("Unsaved changes: press Save (Ctrl+S) to keep them."), Tone.NOTE)
        elif not self._busy:
            show_status(self.status, "")

    def save(self) -> None:
        if self._busy or not self.loaded:
            return
        self._busy = True
        self.save_button.setEnabled(False)
        self.form.clear_errors()
        show_status(self.status, self.tr("Saving…"), Tone.NOTE)
        db, actor, data = self.db, self.actor, self.form.profile_input()
        catalogue = self.form.skills._catalogue

        def work(_job: object) -> ProfileData:
            return ProfileData(profiles.save_profile(db, actor, data), catalogue)

        run_in_background(self, work, self._saved, self._save_failed)

    def _saved(self, data: ProfileData) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.form.set_data(data)
        self._saved_snapshot = self.form.snapshot()
        show_status(self.status, self.tr("Profile saved."), Tone.SUCCESS)

    def _save_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ServiceError):
            shown = self.form.show_error(exc)
            text = (
                self.tr("Not saved: correct the field marked in red.")
                if shown
                else (errors.translate_service_error(exc))
            )
            show_status(self.status, text, Tone.ERROR)
        else:
            show_status(self.status, "")
            errors.show_error(self, exc)


__all__ = ["ProfileForm", "ProfilePage", "load_profile"]
