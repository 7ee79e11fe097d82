"""Verify a certificate: open its PDF or a photo, drop a file or an image, or paste the QR code's text.

The check is the same as ``volunteer-app certificate verify``: the signature against the keys this
database trusts (or a key file given here), and the register where this database issued it. It
needs no network. The result names the facts and says valid, or why not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.certificates import decode
from volunteer_app.domain.timefmt import duration_text
from volunteer_app.gui import errors
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, Tone, heading_label, make_note, show_status
from volunteer_app.services import certificates
from volunteer_app.services.accounts import Actor
from volunteer_app.services.certificates import Outcome, Verification
from volunteer_app.services.storage import Database

FILE_FILTER = "*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp"


class VerifyCertificateDialog(Retranslating, QDialog):
    def __init__(self, db: Database | None, actor: Actor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.keys: list[tuple[str, Ed25519PublicKey]] = []
        self.result: Verification | None = None
        self.source: str | None = None
        self.setAcceptDrops(True)

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self.intro.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._choose_file)
        self.key_button = QPushButton(self)
        self.key_button.clicked.connect(self._choose_key)
        self.drop_zone = QLabel(self)
        self.drop_zone.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_zone.setFrameShadow(QFrame.Shadow.Sunken)
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setMinimumHeight(56)
        self.drop_zone.setWordWrap(True)
        self.text_label = QLabel(self)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(80)
        self.text_label.setBuddy(self.text_edit)
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self._check_pasted)
        self.check_button.setDefault(True)

        self.verdict = heading_label(self)
        self.verdict.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QFormLayout()
        self.fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("number", "volunteer", "hours", "period", "organisation", "issued_on", "signed_by"):
            name, value = QLabel(self), QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fact_labels[key] = (name, value)
            self.facts.addRow(name, value)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.key_button)
        row.addStretch(1)
        paste_row = QHBoxLayout()
        paste_row.addWidget(self.text_edit, 1)
        paste_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.text_label)
        layout.addLayout(paste_row)
        layout.addSpacing(8)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reason)
        layout.addLayout(self.facts)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.open_button, self.key_button)
        self.setTabOrder(self.key_button, self.text_edit)
        self.setTabOrder(self.text_edit, self.check_button)
        self.resize(620, 560)
        self.retranslate()
        self._show(None)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify a certificate"))
        self.heading.setText(self.tr("Verify a certificate"))
        self.intro.setText(self.tr(
            "Check a volunteer service certificate someone handed you: its signature shows the recording "
            "organisation issued it and nobody changed it. No network is needed."))
        self.open_button.setText(self.tr("&Open a PDF or photo…"))
        self.open_button.setAccessibleName(self.tr("Open a certificate file"))
        self.key_button.setText(self.tr("Use a &key file…"))
        self.key_button.setAccessibleName(self.tr("Use the issuer's public key file"))
        self.drop_zone.setText(self.tr("…or drop the PDF, a photo or a scan of the certificate here"))
        self.drop_zone.setAccessibleName(self.tr("Drop area for a certificate file or image"))
        self.text_label.setText(self.tr("…or &paste the text of its QR code (VA1:…):"))
        self.text_edit.setAccessibleName(self.tr("Text of the QR code"))
        self.check_button.setText(self.tr("&Check"))
        self.check_button.setAccessibleName(self.tr("Check the pasted text"))
        titles = {
            "number": self.tr("Certificate No.:"), "volunteer": self.tr("Volunteer:"), "hours": self.tr("Hours:"),
            "period": self.tr("Period:"), "organisation": self.tr("Organisation:"),
            "issued_on": self.tr("Issued on:"), "signed_by": self.tr("Signed by:"),
        }
        for key, (name, value) in self.fact_labels.items():
            name.setText(titles[key])
            value.setAccessibleName(titles[key].rstrip(":"))
        self._show(self.result)

    # ----------------------------------------------------------------- inputs

    def check_file(self, path: Path) -> None:
        self._run(lambda: decode.read_file(path))

    def check_bytes(self, data: bytes, name: str) -> None:
        self._run(lambda: decode.read_bytes(data, name=name))

    def check_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)
        self._run(lambda: decode.Found(decode.from_text(text), "text"))

    def _check_pasted(self) -> None:
        self.check_text(self.text_edit.toPlainText())

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a certificate"), "", self.tr("Certificates and photos ({patterns})").format(
                patterns=FILE_FILTER))
        if path:
            self.check_file(Path(path))

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The issuer's public key"), "",
                                              self.tr("Key files (*.json *.pem)"))
        if path:
            self.add_key_file(Path(path))

    def add_key_file(self, path: Path) -> None:
        try:
            self.keys.append(certificates.read_key_file(path))
        except certificates.KeyFileError as exc:
            show_status(self.status, str(exc))
            return
        show_status(self.status, self.tr("Also trusting the key of {name}.").format(name=self.keys[-1][0]),
                    Tone.SUCCESS)

    def _run(self, read: Any) -> None:
        db, keys = self.db, list(self.keys)

        def work(_job: Any) -> tuple[Verification, str | None]:
            try:
                found = read()
            except decode.Unreadable as exc:
                return Verification(Outcome.UNREADABLE, str(exc)), None
            return certificates.verify(db, found.text, keys=keys), found.source

        show_status(self.status, "")
        run_in_background(self, work, self._done, lambda exc: errors.show_error(self, exc))

    def _done(self, outcome: tuple[Verification, str | None]) -> None:
        self.result, self.source = outcome
        self._show(self.result)

    # ----------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        mime = event.mimeData()
        local = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if local:
            self.check_file(Path(local[0]))
        elif mime.hasImage():
            self.check_bytes(image_png(QImage(mime.imageData())), self.tr("the dropped image"))
        elif mime.hasText():
            self.check_text(mime.text())
        else:
            return
        event.acceptProposedAction()

    # ----------------------------------------------------------------- the result

    def _show(self, result: Verification | None) -> None:
        for _name, value in self.fact_labels.values():
            value.setText("")
        for name, value in self.fact_labels.values():
            name.setVisible(result is not None and result.facts is not None)
            value.setVisible(result is not None and result.facts is not None)
        if result is None:
            self.verdict.setText("")
            self.reason.setText("")
            return
        verdicts = {
            Outcome.VALID: self.tr("Valid"),
            Outcome.BAD_SIGNATURE: self.tr("Not valid: the signature does not match"),
            Outcome.UNKNOWN_ISSUER: self.tr("Not valid here: unknown issuer"),
            Outcome.REVOKED: self.tr("Not valid: revoked"),
            Outcome.CORRECTED: self.tr("Not valid: corrected since"),
            Outcome.NOT_REGISTERED: self.tr("Not valid: not in the issuer's register"),
            Outcome.UNREADABLE: self.tr("No certificate could be read"),
        }
        show_status(self.verdict, verdicts[result.outcome], Tone.SUCCESS if result.is_valid else Tone.ERROR)
        if result.is_valid:
            self.reason.setText(
                self.tr("The signature holds and this database's register shows the certificate unchanged.")
                if result.register_checked else
                self.tr("The signature holds. The issuing organisation's register is not here, so whether it was "
                        "revoked since cannot be checked."))
        else:
            # The reasons come from the service in English (the CLI's words); the verdict above is translated.
            self.reason.setText(result.reason[:1].upper() + result.reason[1:] + ".")
        facts = result.facts
        if facts is None:
            return
        values = {
            "number": facts.number,
            "volunteer": facts.volunteer,
            "hours": self.tr("{duration} ({minutes} minutes)").format(duration=duration_text(facts.minutes),
                                                                      minutes=facts.minutes),
            "period": self.tr("{start} to {end}").format(start=facts.period_from.isoformat(),
                                                        end=facts.period_to.isoformat()),
            "organisation": facts.organisation,
            "issued_on": facts.issued_on.isoformat(),
            "signed_by": (self.tr("{name} (key {fingerprint}…)").format(name=result.issuer,
                                                                       fingerprint=(result.fingerprint or "")[:16])
                          if result.issuer else self.tr("unknown key {fingerprint}…").format(
                              fingerprint=facts.fingerprint_prefix)),
        }
        for key, (_name, value) in self.fact_labels.items():
            value.setText(values[key])


def image_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def open_verify_certificate_dialog(
    parent: QWidget | None, db: Database | None, actor: Actor | None
) -> VerifyCertificateDialog:
    dialog = VerifyCertificateDialog(db, actor, parent)
    dialog.show()
    return dialog
