"""Render the app's windows to PNG, offscreen, over a fresh demo database.

    .venv/bin/python scripts/screenshot.py                      # docs/screenshot.png (English)
    .venv/bin/python scripts/screenshot.py --language zh_CN --out docs/screenshot-zh.png
    .venv/bin/python scripts/screenshot.py --review /tmp/shots  # every window and dialog, both languages
    .venv/bin/python scripts/screenshot.py --pages docs/screenshots  # every area, both languages
    .venv/bin/python scripts/screenshot.py --pages /tmp/dark --dark  # the same in a dark palette
    QT_SCALE_FACTOR=2 .venv/bin/python scripts/screenshot.py --pages /tmp/hidpi --suffix @2x  # at 200%

Chinese needs a CJK font (Debian: ``apt-get install fonts-wqy-microhei``), or its
characters render as boxes. Nothing touches the real user folder: the app home is
a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Show the demo city's clock, as it looks on a Hangzhou coordinator's desktop.
os.environ.setdefault("TZ", "Asia/Shanghai")
time.tzset()
os.environ["VOLUNTEER_APP_HOME"] = tempfile.mkdtemp(prefix="volunteer-app-shot-")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from argon2 import PasswordHasher  # noqa: E402
from PySide6.QtCore import QEvent, QLocale  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from volunteer_app.demo.community import DemoOptions, fill_demo  # noqa: E402
from volunteer_app.domain.enums import Role  # noqa: E402
from volunteer_app.gui import background, i18n  # noqa: E402
from volunteer_app.gui.about_dialog import AboutDialog  # noqa: E402
from volunteer_app.gui.first_run import FirstRunWizard  # noqa: E402
from volunteer_app.gui.main_window import MainWindow  # noqa: E402
from volunteer_app.gui.settings_dialog import SettingsDialog  # noqa: E402
from volunteer_app.gui.sign_in import SignInDialog  # noqa: E402
from volunteer_app.services import accounts, storage  # noqa: E402
from volunteer_app.services.storage import Database  # noqa: E402

SIZE = (1280, 760)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo accounts only


def demo_database(folder: Path, lang: str) -> tuple[Database, accounts.Actor]:
    db = storage.open_database(f"sqlite:///{folder / 'demo.sqlite3'}")  # a new file: nothing to back up
    report = fill_demo(db, DemoOptions(volunteers=120, tasks=90, seed=2024, lang=lang, hasher=CHEAP.hash))
    # A coordinator who does not also volunteer: the coordinator's side alone.
    coordinator = next(a for a in report.accounts if a.role == Role.COORDINATOR.value and not a.also_volunteer)
    return db, accounts.sign_in(db, coordinator.email, coordinator.password)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save(widget: QWidget, path: Path, app: QApplication) -> None:
    widget.show()
    settle(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def dark_palette(app: QApplication) -> None:
    """A dark palette (as a desktop in dark mode would give): Fusion, which follows the palette."""
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#2f6fbf"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#353535"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#8c8c8c"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def demo_people(db: Database, folder: Path, lang: str) -> tuple[accounts.Actor, accounts.Actor]:
    """A volunteer with a history (the volunteer's side) and a coordinator (the coordinator's side)."""
    report = fill_demo(db, DemoOptions(volunteers=120, tasks=90, seed=2024, lang=lang, hasher=CHEAP.hash))
    volunteer = next(a for a in report.accounts if a.role == Role.VOLUNTEER.value)
    coordinator = next(a for a in report.accounts if a.role == Role.COORDINATOR.value and not a.also_volunteer)
    return (
        accounts.sign_in(db, volunteer.email, volunteer.password),
        accounts.sign_in(db, coordinator.email, coordinator.password),
    )


def render_pages(app: QApplication, folder: Path, out: Path, suffix: str) -> None:
    """Every area of the window, in English and Chinese, as the volunteer and the coordinator see them."""
    for language in (i18n.ENGLISH, i18n.CHINESE):
        pick_font(app, language)
        i18n.apply_language(language)
        tag = "en" if language == i18n.ENGLISH else "zh"
        sub = folder / f"pages-{tag}"
        sub.mkdir()
        db = storage.open_database(f"sqlite:///{sub / 'demo.sqlite3'}")
        for actor in demo_people(db, sub, tag):
            window = MainWindow(db, actor)
            window.resize(*SIZE)
            for area in window.areas:
                window.show_area(area.key)
                save(window, out / f"{area.key.replace('_', '-')}-{tag}{suffix}.png", app)
            window.close()
            window.deleteLater()
            settle(app)
        db.dispose()


def main_window(db: Database, actor: accounts.Actor, area: str = "tasks") -> MainWindow:
    window = MainWindow(db, actor)
    window.resize(*SIZE)
    window.show_area(area)
    return window


def pick_font(app: QApplication, language: str) -> None:
    if language == i18n.CHINESE:
        families = set(QFontDatabase.families())
        for family in ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC"):
            if family in families:
                app.setFont(QFont(family, 10))
                return
        print("warning: no CJK font found; Chinese may render as boxes", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", choices=(i18n.ENGLISH, i18n.CHINESE), default=i18n.ENGLISH)
    parser.add_argument("--out", type=Path, help="the PNG (default docs/screenshot.png, or -zh for Chinese)")
    parser.add_argument("--review", type=Path, metavar="DIR", help="render every window in both languages")
    parser.add_argument("--pages", type=Path, metavar="DIR", help="render every area in both languages")
    parser.add_argument("--dark", action="store_true", help="in a dark palette")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. @2x or -dark")
    args = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    app.setApplicationName("volunteer-app")
    if args.dark:
        dark_palette(app)
    background.set_synchronous(True)  # lists are filled before the picture is taken
    folder = Path(os.environ["VOLUNTEER_APP_HOME"])
    if args.pages is not None:
        render_pages(app, folder, args.pages, args.suffix)
        return 0

    if args.review is None:
        out = args.out or REPO / "docs" / ("screenshot.png" if args.language == i18n.ENGLISH else "screenshot-zh.png")
        pick_font(app, args.language)
        i18n.apply_language(args.language)
        db, actor = demo_database(folder, "en" if args.language == i18n.ENGLISH else "zh")
        save(main_window(db, actor), out, app)
        db.dispose()
        return 0

    for language in (i18n.ENGLISH, i18n.CHINESE):
        pick_font(app, language)
        i18n.apply_language(language)
        QLocale.setDefault(QLocale(language if language == i18n.CHINESE else "en_US"))
        sub = folder / language
        sub.mkdir()
        db, actor = demo_database(sub, "en" if language == i18n.ENGLISH else "zh")
        tag = language
        for area in ("tasks", "volunteers", "roster"):
            save(main_window(db, actor, area), args.review / f"main-{area}-{tag}.png", app)
        sign_in = SignInDialog(db, email=actor.email)
        sign_in.show_error(sign_in.tr("Type your email address and your password."))
        save(sign_in, args.review / f"sign-in-{tag}.png", app)
        empty = storage.open_database(f"sqlite:///{sub / 'empty.sqlite3'}")
        wizard = FirstRunWizard(empty)
        save(wizard, args.review / f"wizard-welcome-{tag}.png", app)
        wizard.next()
        save(wizard, args.review / f"wizard-admin-{tag}.png", app)
        settings = SettingsDialog()
        settings.ui.databaseEdit.setText("mysql://nowhere/db")
        settings.accept()  # refused: shows the inline message
        save(settings, args.review / f"settings-{tag}.png", app)
        save(AboutDialog(), args.review / f"about-{tag}.png", app)
        empty.dispose()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
