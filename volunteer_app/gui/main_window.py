"""The main window: a sidebar of areas, the area's page, menus and a status bar.

Each page module registers its area (``gui/areas.py``): volunteers see the
volunteer side, coordinators and site administrators the coordinator side, and a
coordinator who also volunteers sees both. The services refuse what a person may
not do; the window only hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from volunteer_app.gui.areas import AREA_CONTEXT, Area, all_areas, area_title, areas_for
from volunteer_app.gui.live_updates import (
    DEBOUNCE_MS,
    MIN_RELOAD_INTERVAL_MS,
    NOTICES_AREA,
    PAGE_TOPICS,
    RECONNECTED,
    RECONNECTING,
    LiveUpdates,
    NoticeWatch,
)
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.reminders import Reminders
from volunteer_app.gui.style import SIDEBAR_ITEM_PADDING, Tone, set_tone
from volunteer_app.services import live
from volunteer_app.services.accounts import Actor
from volunteer_app.services.storage import Database

AreaRole = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    closed = Signal()
    first_shown = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.areas = areas_for(actor)
        self.pages: dict[str, AreaPage] = {}
        self._shown_once = False
        self._signing_out = False

        self.sidebar = QListWidget(self)
        self.sidebar.setFixedWidth(190)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setIconSize(QSize(0, 0))
        self.sidebar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sidebar.setSpacing(1)
        self.sidebar.setStyleSheet(f"QListWidget::item {{ padding: {SIDEBAR_ITEM_PADDING}; }}")
        self.stack = QStackedWidget(self)
        self._volunteer_header: QListWidgetItem | None = None
        self._coordinator_header: QListWidgetItem | None = None
        for area in self.areas:
            if not area.coordinator and self._volunteer_header is None:
                self._volunteer_header = self._header_item()
            if area.coordinator and self._coordinator_header is None:
                self._coordinator_header = self._header_item()
            page = area.page(db, actor, self.stack)
            go_to_area = getattr(page, "go_to_area", None)  # pages that point people elsewhere
            if go_to_area is not None:
                go_to_area.connect(self._go_to_area)
            self.pages[area.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.sidebar)
            item.setData(AreaRole, area.key)
        self.sidebar.currentItemChanged.connect(self._sidebar_changed)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        divider = QFrame(central)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(divider)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.sidebar, self.stack)

        self._build_actions()
        self._build_menus()
        self.user_label = QLabel(self)
        self.database_label = QLabel(self)
        self.statusBar().addWidget(self.user_label, 1)
        self.statusBar().addPermanentWidget(self.database_label)
        self.resize(1280, 760)
        self.retranslate()
        self.show_area(self.start_area())
        # Tray reminders before each confirmed task (Settings → Remind me before a task).
        self.reminders = Reminders(db, actor, self).start()
        # Other desktops' changes, the connection's state and new notices (issue 12).
        self._setup_live_updates()

    # -- construction

    def _header_item(self) -> QListWidgetItem:
        item = QListWidgetItem(self.sidebar)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # a section title: not selectable, skipped by the arrow keys
        font = QFont(self.sidebar.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        item.setFont(font)
        return item

    def _build_actions(self) -> None:
        self.home_action = QAction(self)
        self.home_action.triggered.connect(self.open_home_address)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.area_group = QActionGroup(self)
        self.area_group.setExclusive(True)
        self.area_actions: dict[str, QAction] = {}
        for number, area in enumerate(self.areas, start=1):
            action = QAction(self)
            action.setCheckable(True)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=area.key: self.show_area(key))
            self.area_group.addAction(action)
            self.area_actions[area.key] = action
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(self.refresh)

        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.help_action.triggered.connect(self.show_help)
        self.transparency_action = QAction(self)
        self.transparency_action.triggered.connect(self.open_transparency)
        self.verify_certificate_action = QAction(self)
        self.verify_certificate_action.triggered.connect(self.open_verify_certificate)
        self.ledger_action = QAction(self)
        self.ledger_action.triggered.connect(self.check_ledger)
        self.issue_certificate_action = QAction(self)
        self.issue_certificate_action.triggered.connect(self.open_issue_certificate)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.home_action)
        if self.actor.is_admin or self.actor.is_coordinator:
            self.file_menu.addAction(self.issue_certificate_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.password_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in self.area_actions.values():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.transparency_action)
        self.help_menu.addAction(self.verify_certificate_action)
        self.help_menu.addAction(self.ledger_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    # -- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Volunteer App"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.home_action.setText(self.tr("My &home address…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.password_action.setText(self.tr("Change &password…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.help_action.setText(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Volunteer App"))
        self.transparency_action.setText(self.tr("Organisation &transparency…"))
        self.verify_certificate_action.setText(self.tr("&Verify a certificate…"))
        self.ledger_action.setText(self.tr("Check the hours &ledger"))
        self.issue_certificate_action.setText(self.tr("&Issue a certificate…"))
        if self._volunteer_header is not None:
            self._volunteer_header.setText(self.tr("VOLUNTEERING"))
        if self._coordinator_header is not None:
            self._coordinator_header.setText(self.tr("COORDINATING"))
        for area in self.areas:
            self.area_actions[area.key].setText(area_title(area))
            item = self._item_for(area.key)
            item.setText(area_title(area))
            item.setToolTip(self.area_actions[area.key].shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        self.sidebar.setAccessibleName(self.tr("Areas"))
        self.stack.setAccessibleName(self.tr("Current area"))
        self.menuBar().setAccessibleName(self.tr("Menu bar"))
        self.user_label.setText(
            self.tr("Signed in as {name} ({email})").format(name=self.actor.display_name, email=self.actor.email)
        )
        self.database_label.setText(self.tr("Database: {location}").format(location=self.db.describe()))
        if hasattr(self, "live"):  # not yet during __init__'s first call
            self._retranslate_live()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- navigation

    def start_area(self) -> str:
        keys = [a.key for a in self.areas]
        return "tasks" if "tasks" in keys else keys[0]

    def _item_for(self, key: str) -> QListWidgetItem:
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(AreaRole) == key:
                return item
        raise KeyError(key)

    def current_area(self) -> str:
        page = self.stack.currentWidget()
        return next(key for key, p in self.pages.items() if p is page)

    def current_page(self) -> AreaPage:
        return self.pages[self.current_area()]

    def show_area(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.area_actions[key].setChecked(True)
        item = self._item_for(key)
        if self.sidebar.currentItem() is not item:
            self.sidebar.setCurrentItem(item)
        page.activate()

    def _sidebar_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        key = item.data(AreaRole) if item is not None else None
        if key and key in self.pages and self.stack.currentWidget() is not self.pages[key]:
            self.show_area(key)

    def _go_to_area(self, key: str) -> None:
        if key in self.pages:
            self.show_area(key)

    def refresh(self) -> None:
        self.current_page().refresh()

    # -- live updates (issue 12)

    def _setup_live_updates(self) -> None:
        """Refresh what is shown when another desktop changes it; say when the connection is lost."""
        self.connection_label = QLabel(self)
        set_tone(self.connection_label, Tone.WARNING)
        self.connection_label.hide()
        self.statusBar().addPermanentWidget(self.connection_label)
        self._live_topics: set[str] = set()
        self._seen_pages = {self.current_area()}  # pages never shown load when first shown anyway
        self._stale_pages: set[str] = set()  # shown before, changed since: refreshed when shown again
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(DEBOUNCE_MS)
        self._live_timer.timeout.connect(self._refresh_live)
        self._last_live_refresh = QElapsedTimer()  # invalid until the first live refresh
        self.stack.currentChanged.connect(self._on_page_shown)
        self.notice_count = 0
        self.notice_watch: NoticeWatch | None = None
        if NOTICES_AREA in self.pages:
            self.notice_watch = NoticeWatch(self.db, self.actor, self)
            self.notice_watch.count_changed.connect(self._on_notice_count)
            self.notice_watch.open_requested.connect(self._on_notices_opened)
        self.live = LiveUpdates(self.db, self)
        self.live.changed.connect(self._on_live_changed)
        self.live.connection_state.connect(self._on_connection_state)
        for signal in (self.sign_out_requested, self.closed):
            signal.connect(self._stop_live)
        self._retranslate_live()
        if self.notice_watch is not None:
            self.notice_watch.check()
        self.live.start()

    def _retranslate_live(self) -> None:
        self.connection_label.setText(self.tr("Reconnecting to the database…"))
        self.connection_label.setAccessibleName(self.connection_label.text())
        self._show_notice_badge()

    def _on_live_changed(self, topics: set[str]) -> None:
        self._live_topics |= topics
        if not self._live_timer.isActive():  # not restarted by later changes: a steady stream still refreshes
            # A burst reloads once; a busy server's steady stream at most every MIN_RELOAD_INTERVAL_MS
            # (50 desktops at work would otherwise reload each page several times a second).
            since = self._last_live_refresh.elapsed() if self._last_live_refresh.isValid() else MIN_RELOAD_INTERVAL_MS
            self._live_timer.start(max(DEBOUNCE_MS, MIN_RELOAD_INTERVAL_MS - since))

    def _refresh_live(self) -> None:
        self._last_live_refresh.start()
        topics, self._live_topics = self._live_topics, set()
        if live.NOTICES in topics and self.notice_watch is not None:
            self.notice_watch.check()
        shown = self.current_area()
        for key, wanted in PAGE_TOPICS.items():
            if key in self.pages and wanted & topics:
                if key == shown:
                    self.pages[key].refresh()
                elif key in self._seen_pages:
                    self._stale_pages.add(key)

    def _on_page_shown(self, _index: int) -> None:
        key = self.current_area()
        self._seen_pages.add(key)
        if key in self._stale_pages:
            self._stale_pages.discard(key)
            self.pages[key].refresh()

    def _on_connection_state(self, state: str) -> None:
        if state == RECONNECTING:
            self.connection_label.show()
        elif state == RECONNECTED:
            self.connection_label.hide()
            self.statusBar().showMessage(self.tr("Connected again"), 5_000)
        # the watcher follows "connected again" with a change of every topic: the page refreshes

    def _on_notice_count(self, count: int) -> None:
        self.notice_count = count
        self._show_notice_badge()

    def _show_notice_badge(self) -> None:
        area = next((a for a in self.areas if a.key == NOTICES_AREA), None)
        if area is None:
            return
        item, title, count = self._item_for(NOTICES_AREA), area_title(area), self.notice_count
        if count:
            item.setText(self.tr("{area} ({count})").format(area=title, count=count))
            template = self.tr("{area}: 1 new notice") if count == 1 else self.tr("{area}: {count} new notices")
            spoken = template.format(area=title, count=count)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.setToolTip(spoken)
        else:
            item.setText(title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            item.setToolTip(self.area_actions[NOTICES_AREA].shortcut().toString(QKeySequence.SequenceFormat.NativeText))

    def _on_notices_opened(self) -> None:
        self.show_area(NOTICES_AREA)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def _stop_live(self) -> None:
        self.live.stop()
        self._live_timer.stop()
        if self.notice_watch is not None:
            self.notice_watch.stop()

    # -- menu commands

    def open_home_address(self) -> QWidget:
        """The signed-in person's home address (address search, privacy-rounded storage)."""
        from volunteer_app.gui.home_dialog import open_home_dialog

        return open_home_dialog(self, self.db, self.actor)

    def open_settings(self) -> None:
        from volunteer_app.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        if dialog.exec() and dialog.database_changed:
            self.statusBar().showMessage(
                self.tr("The new database location takes effect when you restart the app."), 10_000
            )

    def open_transparency(self) -> QWidget:
        """Any organisation's public figures (volunteers and donors may look too)."""
        from volunteer_app.gui.transparency_dialog import open_transparency_dialog

        return open_transparency_dialog(self, self.db, self.actor)

    def change_password(self) -> QWidget:
        from volunteer_app.gui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.db, self.actor, self)
        dialog.open()
        return dialog

    def open_verify_certificate(self) -> QWidget:
        """Check a certificate someone was handed: a PDF, a photo of its QR code, or the text."""
        from volunteer_app.gui.verify_certificate_dialog import open_verify_certificate_dialog

        return open_verify_certificate_dialog(self, self.db, self.actor)

    def open_issue_certificate(self) -> QWidget:
        from volunteer_app.gui.certificate_dialog import open_issue_certificate_dialog

        return open_issue_certificate_dialog(self, self.db, self.actor)

    def check_ledger(self) -> None:
        """Recompute every organisation's hash chain and the records it covers, and say what was found."""
        from volunteer_app.gui.background import run_in_background
        from volunteer_app.services import ledger

        def shown(report: ledger.VerifyReport) -> None:
            if report.ok:
                QMessageBox.information(
                    self, self.tr("Hours ledger"),
                    self.tr("Intact: {entries} entries and {records} records checked; nothing was changed behind "
                            "the app's back.").format(entries=report.entries_checked, records=report.records_checked),
                )
                return
            first = report.first
            detail = (
                QCoreApplication.translate("ledger", first.template).format(**first.params) if first is not None else ""
            )
            QMessageBox.warning(
                self, self.tr("Hours ledger"),
                self.tr("The ledger is broken: {count} problems. The first: {detail}").format(
                    count=report.problem_count, detail=detail
                ),
            )

        run_in_background(self, lambda _job: ledger.verify(self.db, self.actor), shown,
                          progress=self.tr("Checking the hours ledger…"))

    def show_about(self) -> None:
        from volunteer_app.gui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def show_help(self) -> None:
        lines = [self.tr("Choose an area on the left, or press:")]
        for area in self.areas:
            shortcut = self.area_actions[area.key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            lines.append(f"  {shortcut}  {area_title(area)}")
        lines += [
            "",
            self.tr(
                "In a list, type in the filter box (Ctrl+F) to narrow it down and click a column header to sort. "
                "F5 reloads the list. Tab moves between the filter box and the list."
            ),
        ]
        QMessageBox.information(self, self.tr("Help"), "\n".join(lines))

    def sign_out(self) -> None:
        self._signing_out = True
        self.sign_out_requested.emit()

    # -- events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted() and not self._signing_out:
            self.closed.emit()


def start_main_window(db: Database, actor: Actor) -> MainWindow:
    """Build and show the main window for a signed-in person (also used by bench/startup.py)."""
    window = MainWindow(db, actor)
    window.show()
    return window


__all__ = ["AREA_CONTEXT", "Area", "MainWindow", "all_areas", "areas_for", "start_main_window"]
