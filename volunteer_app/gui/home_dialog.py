"""“My home address”: the signed-in volunteer finds their home and stores it, rounded unless they ask.

The current home is read with ``places.visible_home`` and saved with
``places.set_home``, both in the background. The privacy rule is said in plain
words in the dialog: by default the point is rounded to about 100 m, and only
the volunteer and the coordinators of their organisations can see the address.

Opened with ``person_id`` of someone else (a coordinator looking at a
volunteer), the dialog only shows the home, or why it may not.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui import errors, style
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.place_field import PlaceField
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import places
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.places import Geocoder, Place
from volunteer_app.services.storage import Database
from volunteer_app.settings import Settings


class HomeAddressDialog(Retranslating, QDialog):
    """Shows a home and, for one's own, finds and saves a new one.

    ``saved_home`` holds what was stored once Save succeeded (the dialog then closes).
    """

    def __init__(
        self,
        db: Database,
        actor: Actor,
        geocoder: Geocoder,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.person_id = actor.person_id if person_id is None else person_id
        self.own = self.person_id == actor.person_id
        self.current_home: places.Home | None = None
        self.saved_home: places.Home | None = None
        self._task: BackgroundTask | None = None
        self._load_error = ""

        self.title_label = style.heading_label(self)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("currentHomeLabel")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = PlaceField(geocoder, self)
        self.field_label = QLabel(self)
        self.field_label.setBuddy(self.field)
        self.exact_box = QCheckBox(self)
        self.exact_box.setObjectName("exactHomeBox")
        self.privacy_note = style.make_note(QLabel(self))
        self.privacy_note.setObjectName("homePrivacyNote")
        self.status_label = style.error_label(self)
        self.status_label.setObjectName("homeStatusLabel")

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveHomeButton")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeHomeButton")
        self.remove_button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.field_label, self.field)
        form.addRow("", self.exact_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.current_label)
        layout.addLayout(form)
        layout.addWidget(self.privacy_note)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for widget in (self.field_label, self.field, self.exact_box, self.privacy_note, self.save_button):
            widget.setVisible(self.own)
        self.remove_button.setVisible(False)  # until we know there is a home to remove
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        self.buttons.rejected.connect(self.reject)
        self.field.place_changed.connect(self._place_changed)
        self.setMinimumWidth(620)
        self.retranslate()
        self._load()
        self.field.setFocus()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        title = self.tr("My home address") if self.own else self.tr("Home address")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.field_label.setText(self.tr("&Address:"))
        self.exact_box.setText(self.tr("Store my exact location"))
        self.exact_box.setAccessibleName(self.tr("Store my exact location"))
        self.privacy_note.setText(
            self.tr(
                "Unless you tick the box, your home is stored rounded to about 100 metres: enough to find "
                "tasks near you, not enough to find your door. Only you and the coordinators of your "
                "organisations can see your address."
            )
        )
        self.save_button.setText(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save my home address"))
        self.remove_button.setText(self.tr("Remove my home"))
        self.remove_button.setAccessibleName(self.tr("Remove my home address"))
        self.close_button.setText(self.tr("Cancel") if self.own else self.tr("Close"))
        self.close_button.setAccessibleName(self.close_button.text())
        self._show_current()

    def _show_current(self) -> None:
        home = self.current_home
        if self._load_error:
            text = self.tr("The home address cannot be shown.")
        elif home is None:
            text = self.tr("Loading the saved address…")
        elif home.latitude is None and not home.address:
            text = self.tr("No home address saved yet.") if self.own else self.tr("No home address saved.")
        else:
            text = self.tr("Saved now: {address}").format(address=home.address or self.tr("(no address)"))
            if home.latitude is not None and home.longitude is not None:
                # As stored: a rounded home shows its 3 decimals, not zeros that look precise.
                text += "\n" + self.tr("Point on the map: {latitude}, {longitude}").format(
                    latitude=_degrees(home.latitude), longitude=_degrees(home.longitude)
                )
        self.current_label.setText(text)
        self.current_label.setAccessibleName(text)

    def show_status(self, text: str, *, is_error: bool = True) -> None:
        style.show_status(self.status_label, text, Tone.ERROR if is_error else Tone.NOTE)

    def status(self) -> str:
        return "" if self.status_label.isHidden() else self.status_label.text()

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        db, actor, person_id = self.db, self.actor, self.person_id
        run_in_background(self, lambda _job: places.visible_home(db, actor, person_id), self._loaded, self._load_failed)

    def _loaded(self, home: places.Home) -> None:
        self.current_home = home
        self._load_error = ""
        self.remove_button.setVisible(self.own and (home.address is not None or home.latitude is not None))
        if self.own and home.address and not self.field.text():
            self.field.edit.setText(home.address)
        self._show_current()

    def _load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            errors.show_error(self, exc)  # environment fault or bug: the standard dialog and the log
            return
        self._load_error = errors.translate_service_error(exc)
        self._show_current()
        self.show_status(self._load_error)

    # ------------------------------------------------------------------ saving

    def _place_changed(self, _place: Place | None) -> None:
        self.save_button.setEnabled(self.own and self._task is None and self.field.place() is not None)

    def _save(self) -> None:
        chosen = self.field.chosen()
        found = self.field.place()
        if chosen is None or found is None:
            self.show_status(self.tr("Find your address and choose it in the list first."))
            return
        address, latitude, longitude = found
        if chosen.source == "coordinates" and not self.exact_box.isChecked():
            # Typed coordinates as the address would keep the exact point that the rounding hides.
            address = ""
        self._store(address or None, latitude, longitude, exact=self.exact_box.isChecked())

    def _remove(self) -> None:
        self._store(None, None, None, exact=False)

    def _store(self, address: str | None, latitude: float | None, longitude: float | None, *, exact: bool) -> None:
        if self._task is not None:
            return
        self._set_busy(True)
        self.show_status(self.tr("Saving…"), is_error=False)
        db, actor = self.db, self.actor
        task = run_in_background(
            self,
            lambda _job: places.set_home(db, actor, address, latitude, longitude, exact=exact),
            self._saved,
            self._save_failed,
        )
        self._task = None if task.done else task

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.field, self.exact_box, self.remove_button):
            widget.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self.field.place() is not None)

    def _saved(self, home: places.Home) -> None:
        self._task = None
        self.current_home = self.saved_home = home
        self._set_busy(False)
        self._show_current()
        self.show_status("")
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(exc, ServiceError):
            self.show_status(errors.translate_service_error(exc))
        else:
            self.show_status("")
            errors.show_error(self, exc)


def _degrees(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------- opening it from the window

_geocoders: weakref.WeakKeyDictionary[Database, tuple[tuple[str, str, str], Geocoder]] = weakref.WeakKeyDictionary()


def geocoder_for(db: Database) -> Geocoder:
    """One geocoder per database (it remembers a server that just failed), rebuilt when the settings change."""
    settings = Settings.load()
    key = (settings.nominatim_url, settings.geocoder, settings.language)
    kept = _geocoders.get(db)
    if kept is None or kept[0] != key:
        kept = (key, places.make_geocoder(db, settings))
        _geocoders[db] = kept
    return kept[1]


def open_home_dialog(parent: QWidget | None, db: Database, actor: Actor) -> HomeAddressDialog:
    """Open "My home address" for the signed-in person, window-modal, without blocking; returns the dialog."""
    dialog = HomeAddressDialog(db, actor, geocoder_for(db), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = ["HomeAddressDialog", "geocoder_for", "open_home_dialog"]
