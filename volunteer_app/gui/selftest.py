"""``volunteer-app --selftest``: the whole app, headless, on a throw-away database, step by step.

Run from a checkout, an installed wheel or the frozen bundle, it proves that what the program
needs arrived with it: the resources (translations, fonts, gazetteer), the Qt plugins to draw
off-screen, the migrations (loaded by path), every Designer form, every page of the window and
every translation; then a small match with the engine, and a certificate issued through the
services, drawn to a PDF with the bundled fonts, its QR code read back from the drawn page and
verified. One line per step; exit status 0 when all pass, else 1 after the line of the step
that failed (its traceback goes to standard error).

    volunteer-app --selftest [--keep DIR]     # --keep: leave the certificates (PDF, PNG) in DIR

Nothing touches the person's own data: the app home (``VOLUNTEER_APP_HOME``) and the database
are in a temporary folder removed at the end. The platform is ``offscreen`` unless
``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PASSED = "self-test passed"
PASSWORD = "self-test password 42"


@dataclass
class _State:
    work: Path
    keep: Path | None
    app: Any = None
    db: Any = None
    admin: Any = None
    coordinator: Any = None
    volunteer: Any = None
    organisation_id: int = 0
    issued: Any = None
    widgets: list[Any] = field(default_factory=list)


# --------------------------------------------------------------------------- the steps


def _resources(state: _State) -> str:
    from volunteer_app import paths

    root = paths.resources_root()
    qms = sorted((root / "translations").glob("*.qm"))
    if not qms:
        raise FileNotFoundError(f"no translations (*.qm) in {root / 'translations'}")
    paths.resource_path("gazetteer", "cities15000.tsv.gz")
    fonts = sorted(p.name for p in (root / "fonts").glob("*.ttf"))
    if not fonts:
        raise FileNotFoundError(f"no certificate fonts in {root / 'fonts'}")
    return f"{root} ({len(qms)} translation, {len(fonts)} fonts, gazetteer)"


def _qt(state: _State) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QGuiApplication

    from volunteer_app.gui import background
    from volunteer_app.gui.app import create_application

    state.app = create_application([sys.argv[0] if sys.argv else "volunteer-app"])
    background.set_synchronous(True)  # pages load their data at once: every query runs in this step
    return f"PySide6 {pyside_version}, platform {QGuiApplication.platformName()}"


def _database(state: _State) -> str:
    from volunteer_app.services import storage

    url = f"sqlite:///{(state.work / 'selftest.sqlite3').as_posix()}"
    state.db = storage.open_database(url)  # migrates from empty to the newest revision
    status = storage.schema_status(state.db)
    if not status.at_head:
        raise RuntimeError(f"the schema is at {status.current}, not {status.head}")
    return f"migrated an empty SQLite file to revision {status.head}"


def _forms(state: _State) -> str:
    import importlib

    from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

    from volunteer_app.gui import generated
    from volunteer_app.gui.settings_dialog import SettingsDialog
    from volunteer_app.gui.sign_in import SignInDialog

    names = sorted(m.name for m in pkgutil.iter_modules(generated.__path__) if m.name.startswith("ui_"))
    if not names:
        raise RuntimeError("no generated forms in volunteer_app.gui.generated")
    for name in names:
        module = importlib.import_module(f"{generated.__name__}.{name}")
        (form_class,) = (v for k, v in vars(module).items() if k.startswith("Ui_") and isinstance(v, type))
        host_class = QDialog if "Dialog" in form_class.__name__ else QMainWindow if "Window" in name else QWidget
        host = host_class()
        form_class().setupUi(host)
        state.widgets.append(host)
    # The dialogs that use them, as the window opens them.
    state.widgets.append(SignInDialog(state.db))
    state.widgets.append(SettingsDialog(settings_path=state.work / "settings.json"))
    return f"{len(names)} forms: {', '.join(n.removeprefix('ui_') for n in names)}"


def _accounts(state: _State) -> str:
    from volunteer_app.domain.enums import Role
    from volunteer_app.services import accounts, organisations

    db = state.db
    state.admin = accounts.create_first_admin(db, "admin@selftest.invalid", "Self-test Admin", PASSWORD)
    state.organisation_id = organisations.create_organisation(db, state.admin, "Self-test Community Centre")
    for email, name, roles in (
        ("coordinator@selftest.invalid", "协调员", (Role.COORDINATOR, Role.VOLUNTEER)),
        ("volunteer@selftest.invalid", "张小明", (Role.VOLUNTEER,)),
    ):
        accounts.create_account(db, state.admin, email, name, PASSWORD)
        for role in roles:
            accounts.grant_role(db, state.admin, email, state.organisation_id, role)
    state.coordinator = accounts.sign_in(db, "coordinator@selftest.invalid", PASSWORD)
    state.volunteer = accounts.sign_in(db, "volunteer@selftest.invalid", PASSWORD)
    return "an administrator, an organisation, a coordinator and a volunteer; both signed in"


def _pages(state: _State) -> str:
    from volunteer_app.gui import areas

    found = areas.all_areas()
    if not found:
        raise RuntimeError("no page is registered")
    for area in found:
        page = area.page(state.db, state.coordinator, None)
        page.activate()
        state.widgets.append(page)
    return f"{len(found)} pages: {', '.join(a.key for a in found)}"


def _translations(state: _State) -> str:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from volunteer_app import paths
    from volunteer_app.gui import areas, i18n

    loaded = []
    for qm in sorted((paths.resources_root() / "translations").glob("*.qm")):
        translator = QTranslator()
        if not translator.load(str(qm)) or translator.isEmpty():
            raise RuntimeError(f"the translation {qm.name} does not load")
        loaded.append(qm.name)
    # Switch the live window parts (forms, dialogs, pages) to Chinese and back, as Settings does.
    first = areas.all_areas()[0]
    i18n.apply_language(i18n.CHINESE)
    chinese = areas.area_title(first)
    i18n.apply_language(i18n.ENGLISH)
    english = areas.area_title(first)
    if chinese == english:
        raise RuntimeError(f"{first.title!r} is not translated to Chinese")
    QCoreApplication.processEvents()
    return f"{', '.join(loaded)}; the window switched to Chinese ({chinese}) and back"


def _match(state: _State) -> str:
    from volunteer_app import matching

    day = "2030-06-01"
    instance = matching.parse_instance(
        {
            "format": "volunteer-app.matching-instance",
            "version": 1,
            "volunteers": [
                {"id": f"v{i}", "location": [30.27 + i / 100, 120.15], "radius_km": 10.0,
                 "skills": {"first_aid": 2} if i == 1 else {},
                 "free": [[f"{day}T08:00:00+08:00", f"{day}T18:00:00+08:00"]]}
                for i in range(1, 4)
            ],
            "tasks": [
                {"id": "t1", "location": [30.28, 120.16], "requires": {"first_aid": 1},
                 "start": f"{day}T09:00:00+08:00", "end": f"{day}T11:00:00+08:00", "slots": 1, "priority": 3},
                {"id": "t2", "location": None, "requires": {},
                 "window": [f"{day}T09:00:00+08:00", f"{day}T17:00:00+08:00"], "minutes": 60, "slots": 2},
            ],
        }
    )  # fmt: skip
    result = matching.result_to_json(matching.assign(instance))
    placed = {(a["volunteer"], a["task"]) for a in result["assignments"]}
    if len(placed) != 3 or ("v1", "t1") not in placed:
        raise RuntimeError(f"the engine placed {sorted(placed)}, expected 3 placements with v1 on t1")
    return f"3 volunteers on 2 tasks, every place filled (gap {result['gap']:.4f})"


def _certificate(state: _State) -> str:
    from volunteer_app.certificates import pdf
    from volunteer_app.services import certificates, hours

    db = state.db
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=2)
    record = hours.record_hours(
        db,
        state.volunteer,
        hours.HoursInput(
            person_id=state.volunteer.person_id,
            started_at=start,
            ended_at=start + timedelta(hours=2, minutes=30),
            organisation_id=state.organisation_id,
            activity="社区图书馆整理 Library shelving",
        ),
    )
    hours.verify_hours(db, state.coordinator, record)
    documents = {}
    for language in ("en", "zh"):  # the Chinese one last: its QR code is read back in the next step
        state.issued = certificates.issue_certificate(
            db,
            state.coordinator,
            certificates.IssueInput(
                person_id=state.volunteer.person_id, organisation_id=state.organisation_id, language=language
            ),
            render=pdf.render,
        )
        documents[language] = state.issued.pdf
    missing = {"WenQuanYi Micro Hei", "DejaVu Sans", "DejaVu Serif"} - set(pdf.bundled_families())
    if missing:
        raise RuntimeError(f"bundled fonts not loaded: {sorted(missing)}")
    for language, data in documents.items():
        if not data.startswith(b"%PDF-") or b"/FontFile2" not in data:
            raise RuntimeError(f"the {language} certificate is not a PDF with embedded fonts")
    # The fonts the app brings (resources/fonts), not whatever the platform has.
    if b"WenQuanYi" not in documents["zh"]:
        raise RuntimeError("the Chinese certificate is not drawn with the bundled WenQuanYi Micro Hei")
    if b"DejaVuSerif" not in documents["en"] or b"DejaVuSans" not in documents["en"]:
        raise RuntimeError("the English certificate is not drawn with the bundled DejaVu Sans and Serif")
    target = state.keep or state.work
    for language, data in documents.items():
        (target / f"certificate-{language}.pdf").write_bytes(data)
    sizes = ", ".join(f"{language} {len(data) // 1024} KiB" for language, data in documents.items())
    return f"{state.issued.entry.number} and the one before: PDFs ({sizes}) with the bundled fonts embedded"


def _qr(state: _State) -> str:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    from volunteer_app.certificates import decode, pdf

    dpi = 150
    image = QImage(round(210 / 25.4 * dpi), round(297 / 25.4 * dpi), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        pdf.paint(painter, state.issued.document, dpi)  # the page exactly as printed, at a scanner's resolution
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    png = bytes(buffer.data().data())
    if state.keep is not None:
        (state.keep / "certificate-zh.png").write_bytes(png)
    scanned = decode.from_image(png, name="the drawn certificate")
    if scanned != state.issued.document.payload:
        raise RuntimeError("the QR code on the page does not hold the certificate's payload")
    from_file = decode.read_bytes(state.issued.pdf, name="the certificate PDF")
    if from_file.text != scanned:
        raise RuntimeError("the PDF's own copy of the payload differs from its QR code")
    return f"read from the page drawn at {dpi} dpi with zxing-cpp ({len(scanned)} characters)"


def _verify(state: _State) -> str:
    from volunteer_app.services import certificates

    found = certificates.verify(state.db, state.issued.document.payload)
    if found.outcome is not certificates.Outcome.VALID:
        raise RuntimeError(f"the certificate does not verify: {found.outcome.name} {found.reason}")
    return f"valid, signed by {state.issued.entry.organisation}"


STEPS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("resources", _resources),
    ("qt", _qt),
    ("database", _database),
    ("forms", _forms),
    ("accounts", _accounts),
    ("pages", _pages),
    ("translations", _translations),
    ("match", _match),
    ("certificate", _certificate),
    ("qr code", _qr),
    ("verify", _verify),
)


# --------------------------------------------------------------------------- running them


def _close(state: _State) -> None:
    from volunteer_app.gui import background

    for widget in state.widgets:
        widget.close()
        widget.deleteLater()
    state.widgets.clear()
    if state.app is not None:
        background.wait_for_all()
        state.app.processEvents()
    if state.db is not None:
        state.db.dispose()


def run(keep: Path | None = None) -> int:
    """Run every step, printing one line each; 0 when all pass, 1 at the first failure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved_home = os.environ.get("VOLUNTEER_APP_HOME")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="volunteer-app-selftest-") as tmp:
        work = Path(tmp)
        os.environ["VOLUNTEER_APP_HOME"] = str(work / "home")
        state = _State(work=work, keep=keep.resolve() if keep else None)
        if state.keep is not None:
            state.keep.mkdir(parents=True, exist_ok=True)
        try:
            for number, (name, step) in enumerate(STEPS, start=1):
                began = time.perf_counter()
                try:
                    detail = step(state)
                except Exception as exc:  # noqa: BLE001 - the point is to name the step, whatever broke
                    traceback.print_exc(file=sys.stderr)
                    print(f"{number:2}/{len(STEPS)} {name:<12} FAILED: {type(exc).__name__}: {exc}", flush=True)
                    print(f"self-test FAILED at step {number} ({name})", flush=True)
                    return 1
                print(
                    f"{number:2}/{len(STEPS)} {name:<12} ok   {time.perf_counter() - began:5.2f} s  {detail}",
                    flush=True,
                )
        finally:
            _close(state)
            if saved_home is None:
                os.environ.pop("VOLUNTEER_APP_HOME", None)
            else:
                os.environ["VOLUNTEER_APP_HOME"] = saved_home
    print(f"{PASSED} in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


def main(argv: Sequence[str]) -> int:
    """``volunteer-app --selftest [--keep DIR]`` (``argv`` without the program name)."""
    parser = argparse.ArgumentParser(prog="volunteer-app --selftest", description="Check the installed app.")
    parser.add_argument("--selftest", action="store_true", required=True)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="leave the certificate's PDF and PNG here")
    args = parser.parse_args(list(argv))
    return run(args.keep)


__all__ = ["PASSED", "STEPS", "main", "run"]
