"""The Organisation area: contact details, handler, time zone, seal and the hour-crediting rules.

The organisation's admins change them (one audited save); its coordinators see them
read-only. The "Signing key" group shows the organisation's key fingerprint, exports its public
key, and keeps the list of other organisations' public keys trusted here (import, remove). The crediting rules are shown as volunteers read them, in words, and the
sentence follows the controls as they change. With several organisations, a picker
at the top chooses which one.
"""

from __future__ import annotations

import itertools
import os
import zoneinfo
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain.crediting import CreditRules, describe_rules
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import date_text
from volunteer_app.gui import errors, style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.forms import field_row
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import Tone
from volunteer_app.services import organisations, signing_keys
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.organisations import OrganisationInfo, OrganisationSettings
from volunteer_app.services.signing_keys import KeyInfo
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Organisation")
SEAL_PREVIEW = 120  # pixels, the longer side
STEP_CHOICES = (1, 5, 6, 10, 15, 30, 60)
TEXT_FIELDS = ("name", "contact_email", "contact_phone", "person_in_charge", "handler")


def grouped_fingerprint(fp: str, per_line: int = 8) -> str:
    """A full fingerprint in groups of four hex digits, ``per_line`` groups a line, for comparing by eye."""
    groups = [fp[i : i + 4].upper() for i in range(0, len(fp), 4)]
    return "\n".join(" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line))


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in name).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem or "organisation"


def _zones() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


@register_area("organisation", TITLE, Side.COORDINATOR, order=170)
class OrganisationPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.orgs: list[OrganisationInfo] = []
        self.settings: OrganisationSettings | None = None
        self.new_seal: bytes | None = None  # chosen but not saved yet
        self.remove_seal = False
        self._loaded_once = False

        self.heading = style.heading_label(self)
        self.picker_label = QLabel(self)
        self.picker = QComboBox(self)
        self.picker.setObjectName("organisationPicker")
        self.picker_label.setBuddy(self.picker)
        self.access_note = style.make_note(QLabel(self))
        self.access_note.setObjectName("accessNote")

        self.edits: dict[str, QLineEdit] = {}
        for key in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"{key}Edit")
            self.edits[key] = edit
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.zone_combo = QComboBox(self)
        self.zone_combo.setObjectName("zoneCombo")
        self.zone_combo.setEditable(True)
        self.zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_combo.addItems(_zones())

        self.seal_preview = QLabel(self)
        self.seal_preview.setObjectName("sealPreview")
        self.seal_preview.setFixedSize(SEAL_PREVIEW + 8, SEAL_PREVIEW + 8)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.seal_button = QPushButton(self)
        self.seal_button.setObjectName("chooseSealButton")
        self.seal_remove = QPushButton(self)
        self.seal_remove.setObjectName("removeSealButton")
        self.seal_note = style.make_note(QLabel(self))

        self.step_combo = QComboBox(self)
        self.step_combo.setObjectName("stepCombo")
        for minutes in STEP_CHOICES:
            self.step_combo.addItem("", minutes)
        self.attendance_spin = QSpinBox(self)
        self.attendance_spin.setObjectName("attendanceSpin")
        self.attendance_spin.setRange(0, 100)
        self.attendance_spin.setSingleStep(5)
        self.attendance_spin.setSuffix(" %")
        self.cap_box = QCheckBox(self)
        self.cap_box.setObjectName("capBox")
        self.rules_heading = QLabel(self)
        self.rules_text = QLabel(self)
        self.rules_text.setObjectName("rulesText")
        self.rules_text.setWordWrap(True)
        self.rules_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.field_errors: dict[str, QLabel] = {}
        for key in (*TEXT_FIELDS, "address", "timezone", "seal_image", "credit_step_minutes",
                    "credit_min_attendance_percent", "credit_cap_to_stint"):  # fmt: skip
            self.field_errors[key] = style.error_label(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveOrganisationButton")
        self.revert_button = QPushButton(self)
        self.revert_button.setObjectName("revertOrganisationButton")
        self.status_label = style.error_label(self)
        self.status_label.setObjectName("organisationStatus")

        self.labels: dict[str, QLabel] = {}

        def row(form: QFormLayout, key: str, widget: QWidget, error: str | None = None,
                extra: QWidget | None = None) -> None:  # fmt: skip
            self.labels[key] = field_row(form, widget, extra, self.field_errors[error] if error is not None else None)

        self.details_box = QGroupBox(self)
        details = QFormLayout(self.details_box)
        for key in TEXT_FIELDS:
            row(details, key, self.edits[key], key)
        row(details, "address", self.address_edit, "address")
        row(details, "timezone", self.zone_combo, "timezone")

        self.seal_box = QGroupBox(self)
        seal_buttons = QVBoxLayout()
        seal_buttons.addWidget(self.seal_button)
        seal_buttons.addWidget(self.seal_remove)
        seal_buttons.addStretch(1)
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal_preview)
        seal_row.addLayout(seal_buttons)
        seal_row.addStretch(1)
        seal_layout = QVBoxLayout(self.seal_box)
        seal_layout.addLayout(seal_row)
        seal_layout.addWidget(self.seal_note)
        seal_layout.addWidget(self.field_errors["seal_image"])

        self._build_key_box()

        self.rules_box = QGroupBox(self)
        rules = QFormLayout(self.rules_box)
        row(rules, "step", self.step_combo, "credit_step_minutes")
        row(rules, "attendance", self.attendance_spin, "credit_min_attendance_percent")
        rules.addRow("", self.cap_box)
        rules.addRow(self.rules_heading)
        rules.addRow(self.rules_text)

        right = QVBoxLayout()
        right.addWidget(self.rules_box)
        right.addWidget(self.seal_box)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.details_box)
        left.addWidget(self.key_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(columns)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker_label)
        picker_row.addWidget(self.picker, 1)
        picker_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*style.PAGE_MARGINS)
        layout.addWidget(self.heading)
        layout.addLayout(picker_row)
        layout.addWidget(self.access_note)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.picker.currentIndexChanged.connect(lambda _i: self._load_settings())
        self.step_combo.currentIndexChanged.connect(lambda _i: self._update_rules_text())
        self.attendance_spin.valueChanged.connect(lambda _v: self._update_rules_text())
        self.cap_box.toggled.connect(lambda _b: self._update_rules_text())
        self.seal_button.clicked.connect(self.choose_seal)
        self.seal_remove.clicked.connect(self._remove_seal)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self._show(self.settings) if self.settings else None)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.remove_key_button.clicked.connect(self._remove_selected)
        self.trusted_list.itemSelectionChanged.connect(self._update_key_buttons)
        # Tab goes down the left column (details, then the signing key), then the right one.
        chain = [self.picker, *self.edits.values(), self.address_edit, self.zone_combo, self.fingerprint_text,
                 self.export_button, self.trusted_list, self.import_button, self.remove_key_button, self.step_combo,
                 self.attendance_spin, self.cap_box, self.seal_button, self.seal_remove, self.revert_button,
                 self.save_button]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._set_editable(False)
        self.retranslate()

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    def refresh(self) -> None:
        run_in_background(
            self, lambda _job: organisations.list_organisations(self.db, self.actor, managed_only=True),
            self._orgs_loaded, self._failed,
        )  # fmt: skip

    def _orgs_loaded(self, orgs: list[OrganisationInfo]) -> None:
        current = self.picker.currentData()
        self.orgs = orgs
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for org in orgs:
                self.picker.addItem(org.name, org.id)
            self.picker.setCurrentIndex(max(0, self.picker.findData(current)))
        several = len(orgs) > 1
        self.picker.setVisible(several)
        self.picker_label.setVisible(several)
        if not orgs:
            style.show_status(self.status_label, self.tr("You do not coordinate any organisation."), Tone.NOTE)
            return
        self._load_settings()

    def _load_settings(self) -> None:
        org_id = self.picker.currentData()
        if org_id is None:
            return
        run_in_background(self, lambda _job: organisations.get_settings(self.db, self.actor, int(org_id)),
                          self._show, self._failed)  # fmt: skip
        self._load_keys()

    def _failed(self, exc: BaseException) -> None:
        style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

    def _show(self, settings: OrganisationSettings) -> None:
        self.settings = settings
        self.new_seal, self.remove_seal = None, False
        self.clear_errors()
        values = {"name": settings.name, "contact_email": settings.contact_email,
                  "contact_phone": settings.contact_phone, "person_in_charge": settings.person_in_charge,
                  "handler": settings.handler}  # fmt: skip
        for key, edit in self.edits.items():
            edit.setText(values[key] or "")
        self.address_edit.setPlainText(settings.address or "")
        self.zone_combo.setCurrentText(settings.timezone)
        index = self.step_combo.findData(settings.rules.step_minutes)
        if index < 0:
            self.step_combo.addItem("", settings.rules.step_minutes)
            index = self.step_combo.count() - 1
            self._name_steps()
        self.step_combo.setCurrentIndex(index)
        self.attendance_spin.setValue(settings.rules.min_attendance_percent)
        self.cap_box.setChecked(settings.rules.cap_to_stint)
        self._show_seal(settings.seal_image)
        self._set_editable(settings.can_edit)
        self._update_rules_text()
        self._update_access_note()

    def _show_seal(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(QByteArray(data)):
            self.seal_preview.setPixmap(pixmap.scaled(SEAL_PREVIEW, SEAL_PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))  # fmt: skip
            self.seal_preview.setAccessibleName(self.tr("The organisation's seal"))
        else:
            self.seal_preview.clear()
            self.seal_preview.setText(self.tr("No seal") if not data else self.tr("Cannot show this image"))
            self.seal_preview.setAccessibleName(self.seal_preview.text())
        has_seal = bool(data)
        self.seal_remove.setEnabled(has_seal and self._editable)

    # ------------------------------------------------------------------ editing

    _editable = False

    def _set_editable(self, editable: bool) -> None:
        self._editable = editable
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        self.address_edit.setReadOnly(not editable)
        for widget in (self.zone_combo, self.step_combo, self.attendance_spin, self.cap_box, self.seal_button,
                       self.save_button, self.revert_button):  # fmt: skip
            widget.setEnabled(editable)
        self.seal_remove.setEnabled(editable and bool(self.settings and self.settings.seal_image))

    def current_rules(self) -> CreditRules:
        return CreditRules(int(self.step_combo.currentData()), self.attendance_spin.value(), self.cap_box.isChecked())

    def _update_rules_text(self) -> None:
        self.rules_text.setText(describe_rules(self.current_rules(), self._translate))

    def _translate(self, context: str, text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(context, text)

    def choose_seal(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the seal image"), "",
                                                    self.tr("Seal images (*.png *.svg)"))  # fmt: skip
        if path:
            self.load_seal_file(Path(path))

    def load_seal_file(self, path: Path) -> None:
        """Read and check a seal file in the background; it is saved with the other settings."""

        def work(_job: object) -> bytes:
            data = path.read_bytes()
            organisations.seal_mime_type(data)  # refuses what is not a real PNG or SVG, naming why
            return data

        def done(data: bytes) -> None:
            self.new_seal, self.remove_seal = data, False
            style.show_status(self.field_errors["seal_image"], "")
            self._show_seal(data)
            self.seal_note.setText(self.tr("New seal chosen: {name}. Save to keep it.").format(name=path.name))

        def failed(exc: BaseException) -> None:
            text = errors.describe(exc).text if not isinstance(exc, OSError) else self.tr(
                "Cannot read {name}: {problem}").format(name=path.name, problem=exc.strerror or exc)  # fmt: skip
            style.show_status(self.field_errors["seal_image"], text, Tone.ERROR)

        run_in_background(self, work, done, failed)

    def _remove_seal(self) -> None:
        self.new_seal, self.remove_seal = None, True
        self._show_seal(None)
        self.seal_note.setText(self.tr("The seal will be removed when you save."))

    def changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {key: edit.text() for key, edit in self.edits.items()}
        changes["address"] = self.address_edit.toPlainText()
        changes["timezone"] = self.zone_combo.currentText()
        rules = self.current_rules()
        changes["credit_step_minutes"] = rules.step_minutes
        changes["credit_min_attendance_percent"] = rules.min_attendance_percent
        changes["credit_cap_to_stint"] = rules.cap_to_stint
        if self.new_seal is not None:
            changes["seal_image"] = self.new_seal
        elif self.remove_seal:
            changes["seal_image"] = None
        return changes

    def save(self) -> None:
        if self.settings is None:
            return
        org_id, changes = self.settings.id, self.changes()
        self.clear_errors()

        def work(_job: object) -> tuple[list[str], OrganisationSettings]:
            changed = organisations.update_settings(self.db, self.actor, org_id, changes)
            return changed, organisations.get_settings(self.db, self.actor, org_id)

        def done(result: tuple[list[str], OrganisationSettings]) -> None:
            changed, settings = result
            self._show(settings)
            if settings.name != self.picker.currentText():
                self.picker.setItemText(self.picker.currentIndex(), settings.name)
            text = self.tr("Saved.") if changed else self.tr("Nothing had changed.")
            style.show_status(self.status_label, text, Tone.SUCCESS)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidInput) and exc.field in self.field_errors:
                style.show_status(self.field_errors[exc.field], errors.describe(exc).text, Tone.ERROR)
            else:
                style.show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)

        run_in_background(self, work, done, failed)

    def clear_errors(self) -> None:
        for label in self.field_errors.values():
            style.show_status(label, "")
        style.show_status(self.status_label, "")
        self.seal_note.setText(self._seal_rule())

    def error_text(self, field: str) -> str:
        label = self.field_errors[field]
        return "" if label.isHidden() else label.text()

    # ------------------------------------------------------------------ signing key and trusted keys

    def _build_key_box(self) -> None:
        self.key_box = QGroupBox(self)
        self.key_box.setObjectName("signingKeyBox")
        self.key_note = style.make_note(QLabel(self.key_box))
        self.fingerprint_label = QLabel(self.key_box)
        self.fingerprint_text = QLabel(self.key_box)
        self.fingerprint_text.setObjectName("fingerprintText")
        self.fingerprint_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.fingerprint_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fingerprint_label.setBuddy(self.fingerprint_text)
        self.export_button = QPushButton(self.key_box)
        self.export_button.setObjectName("exportKeyButton")

        self.trusted_label = QLabel(self.key_box)
        self.trusted_note = style.make_note(QLabel(self.key_box))
        self.trusted_list = QTreeWidget(self.key_box)
        self.trusted_list.setObjectName("trustedKeysList")
        self.trusted_list.setColumnCount(3)
        self.trusted_list.setRootIsDecorated(False)
        self.trusted_list.setUniformRowHeights(True)
        self.trusted_list.setAlternatingRowColors(True)
        self.trusted_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.trusted_list.setMinimumHeight(self.fontMetrics().height() * 4)
        self.trusted_list.setMaximumHeight(self.fontMetrics().height() * 9)
        self.trusted_label.setBuddy(self.trusted_list)
        self.import_button = QPushButton(self.key_box)
        self.import_button.setObjectName("importKeyButton")
        self.remove_key_button = QPushButton(self.key_box)
        self.remove_key_button.setObjectName("removeKeyButton")
        self.remove_key_button.setEnabled(False)
        self.key_status = style.error_label(self.key_box)
        self.key_status.setObjectName("keyStatus")
        self.key_info: KeyInfo | None = None
        self.trusted: list[KeyInfo] = []

        own_row = QGridLayout()
        own_row.addWidget(self.fingerprint_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        own_row.addWidget(self.fingerprint_text, 0, 1, Qt.AlignmentFlag.AlignTop)
        own_row.addWidget(self.export_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        own_row.setColumnStretch(2, 1)
        trusted_buttons = QVBoxLayout()
        trusted_buttons.addWidget(self.import_button)
        trusted_buttons.addWidget(self.remove_key_button)
        trusted_buttons.addStretch(1)
        trusted_row = QHBoxLayout()
        trusted_row.addWidget(self.trusted_list, 1)
        trusted_row.addLayout(trusted_buttons)
        layout = QVBoxLayout(self.key_box)
        layout.addWidget(self.key_note)
        layout.addLayout(own_row)
        layout.addSpacing(8)
        layout.addWidget(self.trusted_label)
        layout.addWidget(self.trusted_note)
        layout.addLayout(trusted_row)
        layout.addWidget(self.key_status)

    def _load_keys(self) -> None:
        org_id = self.picker.currentData()
        if org_id is None:
            return
        db, actor = self.db, self.actor

        def work(_job: object) -> tuple[KeyInfo | None, list[KeyInfo]]:
            info = signing_keys.organisation_key_info(db, actor, int(org_id))
            return info, [k for k in signing_keys.list_trusted(db, actor) if not k.own]

        run_in_background(self, work, self._show_keys, self._key_failed)

    def _show_keys(self, result: tuple[KeyInfo | None, list[KeyInfo]]) -> None:
        self.key_info, trusted = result
        self._keys_loaded = True
        self._show_fingerprint()
        self._fill_trusted(trusted)

    def _key_failed(self, exc: BaseException) -> None:
        style.show_status(self.key_status, errors.describe(exc).text, Tone.ERROR)

    _keys_loaded = False

    def _show_fingerprint(self) -> None:
        if not self._keys_loaded:
            self.fingerprint_text.setText("")
        elif self.key_info is None:
            self.fingerprint_text.setText(self.tr("No key yet: one is made when a coordinator exports it."))
            self.fingerprint_text.setAccessibleName(self.fingerprint_text.text())
        else:
            self.fingerprint_text.setText(grouped_fingerprint(self.key_info.fingerprint))
            self.fingerprint_text.setAccessibleName(self.tr("Fingerprint of the organisation's key: {fingerprint}")
                                                    .format(fingerprint=self.fingerprint_text.text()))  # fmt: skip

    def _added_text(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = moment.astimezone() if moment.tzinfo is not None else moment
        return date_text(local, QCoreApplication.translate)

    def _fill_trusted(self, trusted: list[KeyInfo]) -> None:
        selected = self.selected_fingerprint()
        self.trusted = trusted
        self.trusted_list.clear()
        for key in trusted:
            item = QTreeWidgetItem([key.organisation, signing_keys.short_fingerprint(key.fingerprint),
                                    self._added_text(key.added_at)])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, key.fingerprint)
            tip = self.tr("Fingerprint {fingerprint}").format(fingerprint=grouped_fingerprint(key.fingerprint, 16))
            if key.added_by:
                tip += "\n" + self.tr("Imported by {person}").format(person=key.added_by)
            for column in range(3):
                item.setToolTip(column, tip)
            self.trusted_list.addTopLevelItem(item)
            if key.fingerprint == selected:
                item.setSelected(True)
        for column in range(2):
            self.trusted_list.resizeColumnToContents(column)
        self._update_key_buttons()

    def _trusted_items(self) -> list[QTreeWidgetItem]:
        items = (self.trusted_list.topLevelItem(i) for i in range(self.trusted_list.topLevelItemCount()))
        return [item for item in items if item is not None]

    def trusted_names(self) -> list[str]:
        """The organisations listed as trusted, top to bottom."""
        return [item.text(0) for item in self._trusted_items()]

    def selected_fingerprint(self) -> str | None:
        items = self.trusted_list.selectedItems()
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _update_key_buttons(self) -> None:
        self.remove_key_button.setEnabled(self.selected_fingerprint() is not None)

    def choose_export(self) -> None:
        if self.settings is None:
            return
        suggested = f"{_file_stem(self.settings.name)}-public-key.json"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the public key"), suggested,
            self.tr("Public key, JSON (*.json)") + ";;" + self.tr("Public key, PEM (*.pem)"),
        )  # fmt: skip
        if path:
            out = Path(path)
            if not out.suffix:
                out = out.with_suffix(".pem" if "pem" in chosen.lower() else ".json")
            self.export_public_key(out)

    def export_public_key(self, path: Path) -> None:
        """Write the organisation's public key to ``path`` (PEM for a .pem file, else JSON), in the background."""
        org_id = self.picker.currentData()
        if org_id is None:
            return
        db, actor = self.db, self.actor

        def work(_job: object) -> KeyInfo | None:
            content = signing_keys.public_key_file(db, actor, int(org_id), pem=path.suffix.lower() == ".pem")
            tmp = path.with_name(path.name + ".part")
            tmp.write_text(content, encoding="utf-8")
            os.replace(tmp, path)
            return signing_keys.organisation_key_info(db, actor, int(org_id))

        def done(info: KeyInfo | None) -> None:
            self.key_info, self._keys_loaded = info, True
            self._show_fingerprint()
            style.show_status(self.key_status, self.tr("Wrote the public key to {name}.").format(name=path.name),
                              Tone.SUCCESS)  # fmt: skip

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                text = self.tr("Cannot write {name}: {problem}").format(name=path.name, problem=exc.strerror or exc)
            else:
                text = errors.describe(exc).text
            style.show_status(self.key_status, text, Tone.ERROR)

        run_in_background(self, work, done, failed)

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import another organisation's public key"), "",
            self.tr("Public keys (*.json *.pem);;All files (*)"),
        )  # fmt: skip
        if path:
            self.import_key_file(Path(path))

    def import_key_file(self, path: Path, name: str | None = None) -> None:
        """Trust the public key in ``path`` (a file from Export or `keys export`), in the background."""
        db, actor = self.db, self.actor

        def work(_job: object) -> tuple[KeyInfo, list[KeyInfo]]:
            text = path.read_text(encoding="utf-8")
            info = signing_keys.import_trusted(db, actor, text, name=name)
            return info, [k for k in signing_keys.list_trusted(db, actor) if not k.own]

        def done(result: tuple[KeyInfo, list[KeyInfo]]) -> None:
            info, trusted = result
            self._fill_trusted(trusted)
            for item in self._trusted_items():
                if item.data(0, Qt.ItemDataRole.UserRole) == info.fingerprint:
                    self.trusted_list.setCurrentItem(item)
            style.show_status(self.key_status, self.tr("The key of {organisation} is trusted now.")
                              .format(organisation=info.organisation), Tone.SUCCESS)  # fmt: skip

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidInput) and exc.field == "name" and name is None:
                given, ok = QInputDialog.getText(
                    self, self.tr("Name the organisation"),
                    self.tr("{file} does not say whose key it is. Which organisation's key is it?")
                    .format(file=path.name),
                )  # fmt: skip
                if ok and given.strip():
                    self.import_key_file(path, given.strip())
                return
            if isinstance(exc, (OSError, UnicodeDecodeError)):
                problem = exc.strerror or exc if isinstance(exc, OSError) else self.tr("it is not a text file")
                text = self.tr("Cannot read {name}: {problem}").format(name=path.name, problem=problem)
            else:
                text = errors.describe(exc).text
            style.show_status(self.key_status, text, Tone.ERROR)

        run_in_background(self, work, done, failed)

    def _remove_selected(self) -> None:
        fp = self.selected_fingerprint()
        if fp is not None:
            self.remove_trusted_key(fp)

    def remove_trusted_key(self, fp: str, *, ask: bool = True) -> None:
        """Stop trusting the imported key ``fp`` (after asking), in the background."""
        organisation = next((k.organisation for k in self.trusted if k.fingerprint == fp), fp)
        if ask:
            answer = QMessageBox.question(
                self, self.tr("Stop trusting this key?"),
                self.tr("Stop trusting the key of {organisation} ({fingerprint})? Certificates and statements "
                        "it signed will no longer be accepted here.")
                .format(organisation=organisation, fingerprint=signing_keys.short_fingerprint(fp)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        db, actor = self.db, self.actor

        def work(_job: object) -> tuple[str, list[KeyInfo]]:
            name = signing_keys.remove_trusted(db, actor, fp)
            return name, [k for k in signing_keys.list_trusted(db, actor) if not k.own]

        def done(result: tuple[str, list[KeyInfo]]) -> None:
            name, trusted = result
            self._fill_trusted(trusted)
            style.show_status(self.key_status, self.tr("The key of {organisation} is no longer trusted.")
                              .format(organisation=name), Tone.SUCCESS)  # fmt: skip

        run_in_background(self, work, done, self._key_failed)

    def _retranslate_keys(self) -> None:
        self.key_box.setTitle(self.tr("Signing key"))
        self.key_note.setText(self.tr("Certificates from this organisation are signed with its key. Give the public "
                                      "key to those who check them, and compare the fingerprint by phone."))  # fmt: skip
        self.fingerprint_label.setText(self.tr("&Fingerprint:"))
        self.export_button.setText(self.tr("E&xport public key…"))
        self.export_button.setAccessibleName(self.tr("Export the organisation's public key"))
        self.export_button.setToolTip(self.tr("Save the public key as a small file (JSON, or PEM for a .pem name)"))
        self.trusted_label.setText(self.tr("Trusted &keys of other organisations:"))
        self.trusted_note.setText(self.tr("Certificates signed with these keys are accepted here; this database's own "
                                          "organisations need none."))  # fmt: skip
        self.trusted_list.setHeaderLabels([self.tr("Organisation"), self.tr("Fingerprint"), self.tr("Imported")])
        self.trusted_list.setAccessibleName(self.tr("Trusted keys of other organisations"))
        self.import_button.setText(self.tr("&Import…"))
        self.import_button.setAccessibleName(self.tr("Import another organisation's public key"))
        self.remove_key_button.setText(self.tr("Re&move…"))
        self.remove_key_button.setAccessibleName(self.tr("Stop trusting the selected key"))
        self._show_fingerprint()
        self._fill_trusted(self.trusted)

    # ------------------------------------------------------------------ texts

    def _seal_rule(self) -> str:
        return self.tr("A PNG or SVG image of at most 1 MB; certificates will carry it.")

    def _update_access_note(self) -> None:
        if self.settings is None:
            self.access_note.setText("")
        elif self.settings.can_edit:
            self.access_note.setText(self.tr("You are an admin of {name}: you can change these settings. "
                                             "Every change is recorded.").format(name=self.settings.name))  # fmt: skip
        else:
            self.access_note.setText(self.tr("Only the admins of {name} can change these settings; you can read "
                                             "them.").format(name=self.settings.name))  # fmt: skip

    def _name_steps(self) -> None:
        for i in range(self.step_combo.count()):
            minutes = int(self.step_combo.itemData(i))
            text = {
                1: self.tr("Every minute counts"),
                6: self.tr("6 minutes (tenths of an hour)"),
                15: self.tr("15 minutes (quarter hours)"),
                30: self.tr("30 minutes (half hours)"),
                60: self.tr("60 minutes (whole hours)"),
            }.get(minutes, self.tr("{minutes} minutes").format(minutes=minutes))
            self.step_combo.setItemText(i, text)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Organisation"))
        self.heading.setAccessibleName(self.heading.text())
        self.picker_label.setText(self.tr("&Organisation:"))
        self.picker.setAccessibleName(self.tr("Which organisation"))
        self.details_box.setTitle(self.tr("Details"))
        self.seal_box.setTitle(self.tr("Seal"))
        self.rules_box.setTitle(self.tr("How hours are credited"))
        texts = {
            "name": self.tr("&Name:"), "contact_email": self.tr("Contact &email:"),
            "contact_phone": self.tr("Contact &phone:"), "person_in_charge": self.tr("Person in &charge:"),
            "handler": self.tr("&Handler (经办人):"), "address": self.tr("&Address:"),
            "timezone": self.tr("&Time zone:"), "step": self.tr("Round &down to:"),
            "attendance": self.tr("Least a&ttendance:"),
        }  # fmt: skip
        for key, text in texts.items():
            self.labels[key].setText(text)
        names = {
            "name": self.tr("Name"), "contact_email": self.tr("Contact email"), "contact_phone": self.tr("Contact phone"),
            "person_in_charge": self.tr("Person in charge"), "handler": self.tr("Handler"),
        }  # fmt: skip
        for key, edit in self.edits.items():
            edit.setAccessibleName(names[key])
        self.address_edit.setAccessibleName(self.tr("Address"))
        self.zone_combo.setAccessibleName(self.tr("Time zone"))
        self.zone_combo.setToolTip(self.tr("New tasks take this zone; their times are shown on its clock."))
        self.step_combo.setAccessibleName(self.tr("Round credit down to"))
        self.attendance_spin.setAccessibleName(self.tr("Least share of a stint attended for any credit"))
        self.attendance_spin.setToolTip(self.tr("Below this share of the planned stint, no hours are credited."))
        self.cap_box.setText(self.tr("Credit &never exceeds the stint's length"))
        self.rules_heading.setText(self.tr("What volunteers read:"))
        self.seal_button.setText(self.tr("Choose &seal…"))
        self.seal_remove.setText(self.tr("&Remove seal"))
        self.save_button.setText(self.tr("&Save"))
        self.revert_button.setText(self.tr("Re&vert"))
        self.revert_button.setToolTip(self.tr("Show the saved settings again"))
        self.seal_note.setText(self._seal_rule())
        self._name_steps()
        self._update_rules_text()
        self._update_access_note()
        self._retranslate_keys()
        if self.settings is not None:
            self._show_seal(self.new_seal if self.new_seal is not None else
                            (None if self.remove_seal else self.settings.seal_image))  # fmt: skip
