"""Tasks for me: the engine's ranked suggestions with their reasons, a detail pane, sign up and withdraw.

Suggestions and details load in the background (``run_in_background``), so the list never
freezes the window; F5 reloads. Filters (category, distance, days, remote only) are applied
by the service. Refusals (a clash, outside free hours, a task that closed...) are shown as
the service's one sentence under the buttons.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import SignupStatus
from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.signup_dialog import SignupDialog
from volunteer_app.gui.style import (
    PAGE_MARGINS,
    Tone,
    colour,
    error_label,
    heading_label,
    make_note,
    show_status,
    subheading_label,
)
from volunteer_app.gui.suggestion_reasons import km_text, reason_sentence, skill_name
from volunteer_app.services import matching as matching_service
from volunteer_app.services import signups
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import NotFound, ServiceError
from volunteer_app.services.matching import SuggestionFilter, SuggestionView
from volunteer_app.services.storage import Database
from volunteer_app.services.task_details import TaskDetail, task_detail

TITLE = QT_TRANSLATE_NOOP("Areas", "Tasks for me")
#: How many suggestions the list shows.
LIMIT = 50
#: The days ahead the list covers when no date filter is set (the engine's horizon).
DAYS = 14
#: The areas the empty state points to.
FREE_HOURS_AREA, PROFILE_AREA = "free_hours", "profile"

OccurrenceRole = Qt.ItemDataRole.UserRole
LinesRole = Qt.ItemDataRole.UserRole + 1  # (title, badge, second line, third line)


def current_time() -> datetime:
    """Now (tests replace this to look at a fixed week)."""
    return datetime.now(UTC)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TasksForMe", text)


def when_text(view: SuggestionView) -> str:
    """The suggestion's time on the task's clock: the shift, or a flexible task's window and length."""
    start = view.window_start or view.suggestion.start
    end = view.window_end or view.suggestion.end
    return timefmt.task_time_text(start, end, view.timezone or None, minutes=view.minutes,
                                  tr=QCoreApplication.translate)


def distance_text(view: SuggestionView) -> str:
    if view.is_remote:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "Remote"))
    return _tr(QT_TRANSLATE_NOOP("TasksForMe", "{km} km away")).format(km=km_text(view.suggestion.distance_km))


def places_text(view: SuggestionView) -> str:
    if view.suggestion.waitlist or view.places_left <= 0:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "Full: waitlist"))
    if view.places_left == 1:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "Last place"))
    return _tr(QT_TRANSLATE_NOOP("TasksForMe", "{left} of {of} places left")).format(
        left=view.places_left, of=view.slots)


def my_status_text(status: SignupStatus | None, position: int | None) -> str:
    if status is SignupStatus.CONFIRMED:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "You are signed up"))
    if status is SignupStatus.WAITLISTED:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "On the waitlist, number {position}")).format(
            position=position or "?")
    if status is SignupStatus.PROPOSED:
        return _tr(QT_TRANSLATE_NOOP("TasksForMe", "Proposed to you"))
    return ""


@dataclass
class Loaded:
    views: list[SuggestionView]
    categories: list[str]
    problem: ServiceError | None = None  # e.g. no volunteer profile yet


class SuggestionDelegate(QStyledItemDelegate):
    """Paints a suggestion as three lines: title and a badge, organisation and distance, the time."""

    PAD_X, PAD_Y, GAP = 12, 8, 2

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        title.setPointSizeF(title.pointSizeF() * 1.05)
        return title, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        title, body = self._fonts(option)
        height = QFontMetrics(title).height() + 2 * QFontMetrics(body).height() + 2 * self.GAP + 2 * self.PAD_Y
        return QSize(320, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        lines = index.data(LinesRole)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not lines:
            return
        title_text, badge, second, third = lines
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        note_colour = text_colour if selected else QColor(colour(Tone.NOTE))
        title_font, body_font = self._fonts(opt)
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        painter.save()
        title_metrics, body_metrics = QFontMetrics(title_font), QFontMetrics(body_font)
        badge_width = body_metrics.horizontalAdvance(badge) + 16 if badge else 0
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - badge_width - 8, title_metrics.height())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title_metrics.elidedText(title_text, Qt.TextElideMode.ElideRight, title_rect.width()))
        if badge:
            badge_rect = QRect(rect.right() - badge_width + 1, rect.top() + 1, badge_width,
                               title_metrics.height() - 2)
            painter.setFont(body_font)
            painter.setPen(note_colour)
            painter.drawRoundedRect(badge_rect.adjusted(0, 0, -1, -1), 6, 6)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.setFont(body_font)
        y = rect.top() + title_metrics.height() + self.GAP
        for text, pen in ((second, note_colour), (third, text_colour)):
            line = QRect(rect.left(), y, rect.width(), body_metrics.height())
            painter.setPen(pen)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             body_metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()))
            y += body_metrics.height() + self.GAP
        painter.restore()


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


@register_area("tasks_for_me", TITLE, Side.VOLUNTEER, order=10)
class TasksForMePage(AreaPage):
    """The volunteer's ranked tasks (see the module docstring)."""

    #: Asks the main window to show another area ("free_hours", "profile").
    go_to_area = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.views: list[SuggestionView] = []
        self.detail: TaskDetail | None = None
        self._categories: list[str] = []
        self._problem: ServiceError | None = None
        self._mine: dict[int, tuple[SignupStatus, int | None]] = {}  # what I did here since the list loaded
        self._loaded_once = False
        self._generation = 0
        self._detail_generation = 0
        self._busy = False

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self._build_filters()
        self._build_list()
        self._build_detail()
        self._build_states()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([460, 540])

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.loading_page)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.count_label)
        header.addSpacing(12)
        header.addWidget(self.clear_button)
        layout.addLayout(header)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.category_combo, self.distance_spin)
        self.setTabOrder(self.distance_spin, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.remote_check)
        self.setTabOrder(self.remote_check, self.clear_button)
        self.setTabOrder(self.clear_button, self.list)
        self.setTabOrder(self.list, self.sign_up_button)
        self.setTabOrder(self.sign_up_button, self.waitlist_button)
        self.setTabOrder(self.waitlist_button, self.withdraw_button)
        self.setFocusProxy(self.list)
        self.stack.setCurrentWidget(self.loading_page)
        self.retranslate()

    # ------------------------------------------------------------------ construction

    def _build_filters(self) -> None:
        bar = self.filter_bar = QFrame(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.category_label = QLabel(bar)
        self.category_combo = QComboBox(bar)
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setMinimumContentsLength(10)
        self.category_label.setBuddy(self.category_combo)
        self.distance_label = QLabel(bar)
        self.distance_spin = QSpinBox(bar)
        self.distance_spin.setRange(0, 500)
        self.distance_spin.setKeyboardTracking(False)
        self.distance_label.setBuddy(self.distance_spin)
        self.from_label = QLabel(bar)
        self.from_edit = QDateEdit(bar)
        self.to_label = QLabel(bar)
        self.to_edit = QDateEdit(bar)
        for edit, label in ((self.from_edit, self.from_label), (self.to_edit, self.to_label)):
            edit.setCalendarPopup(True)
            edit.setKeyboardTracking(False)
            label.setBuddy(edit)
        self.remote_check = QCheckBox(bar)
        self.clear_button = QPushButton(bar)
        self.clear_button.setAutoDefault(False)
        for widget in (self.category_label, self.category_combo, self.distance_label, self.distance_spin,
                       self.from_label, self.from_edit, self.to_label, self.to_edit):
            row.addWidget(widget)
        row.addSpacing(6)
        row.addWidget(self.remote_check)
        row.addStretch(1)
        self._set_default_filters()
        self.category_combo.currentIndexChanged.connect(self._filters_changed)
        self.distance_spin.valueChanged.connect(self._filters_changed)
        self.from_edit.dateChanged.connect(self._filters_changed)
        self.to_edit.dateChanged.connect(self._filters_changed)
        self.remote_check.toggled.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)

    def _build_list(self) -> None:
        self.count_label = make_note(QLabel(self))
        self.count_label.setWordWrap(False)
        self.list = QListWidget(self)
        self.list.setItemDelegate(SuggestionDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumWidth(300)
        self.list.currentItemChanged.connect(self._current_changed)

    def _build_detail(self) -> None:
        pane = self.detail_pane = QWidget(self)
        self.detail_title = subheading_label(pane)
        self.detail_title.setWordWrap(True)
        self.detail_org = make_note(QLabel(pane))
        self.mine_label = QLabel(pane)
        self.mine_label.setWordWrap(True)
        self.sign_up_button = QPushButton(pane)
        self.waitlist_button = QPushButton(pane)
        self.withdraw_button = QPushButton(pane)
        for button in (self.sign_up_button, self.waitlist_button, self.withdraw_button):
            button.setAutoDefault(False)
        self.sign_up_button.clicked.connect(lambda: self.sign_up())
        self.waitlist_button.clicked.connect(lambda: self.sign_up())
        self.withdraw_button.clicked.connect(self.withdraw)
        self.status_label = error_label(pane)
        self.why_heading = subheading_label(pane)
        self.reasons_label = _value_label(pane)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.about_heading = subheading_label(pane)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(8)
        self.form_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("when", "where", "places", "skills", "contact", "description"):
            name = QLabel(pane)
            make_note(name)
            name.setWordWrap(False)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = _value_label(pane)
            self.form_labels[key], self.values[key] = name, value
            self.form.addRow(name, value)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.sign_up_button)
        actions.addWidget(self.waitlist_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_org)
        layout.addLayout(actions)
        layout.addWidget(self.mine_label)
        layout.addWidget(self.status_label)
        layout.addSpacing(4)
        layout.addWidget(self.why_heading)
        layout.addWidget(self.reasons_label)
        layout.addSpacing(4)
        layout.addWidget(self.about_heading)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.detail_scroll = QScrollArea(self)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail_scroll.setWidget(pane)
        self.detail_scroll.setMinimumWidth(320)

    def _build_states(self) -> None:
        self.loading_page = QWidget(self)
        self.loading_label = make_note(QLabel(self.loading_page))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(self.loading_page)
        box.addStretch(1)
        box.addWidget(self.loading_label)
        box.addStretch(2)

        self.empty_page = QWidget(self)
        self.empty_title = subheading_label(self.empty_page)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(self.empty_page)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setMaximumWidth(560)
        self.free_hours_button = QPushButton(self.empty_page)
        self.skills_button = QPushButton(self.empty_page)
        self.empty_clear_button = QPushButton(self.empty_page)
        self.free_hours_button.clicked.connect(lambda: self.go_to_area.emit(FREE_HOURS_AREA))
        self.skills_button.clicked.connect(lambda: self.go_to_area.emit(PROFILE_AREA))
        self.empty_clear_button.clicked.connect(self.clear_filters)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.free_hours_button, self.skills_button, self.empty_clear_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self.empty_page)
        box.addStretch(1)
        box.addWidget(self.empty_title)
        box.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(8)
        box.addLayout(buttons)
        box.addStretch(2)

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.heading.setText(QCoreApplication.translate("Areas", TITLE))
        self.intro.setText(self.tr(
            "Ranked for your skills, your free hours and your home: open places first, the most needed "
            "higher. Tasks you sign up for move to My schedule."))
        self.category_label.setText(self.tr("&Category:"))
        self.category_combo.setAccessibleName(self.tr("Category"))
        self._fill_categories()
        self.distance_label.setText(self.tr("&Within:"))
        self.distance_spin.setSpecialValueText(self.tr("any distance"))
        self.distance_spin.setSuffix(self.tr(" km"))
        self.distance_spin.setAccessibleName(self.tr("Largest distance from home, in km (0: any)"))
        self.from_label.setText(self.tr("&Days:"))
        self.to_label.setText(self.tr("&to"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        # Day, month name and year read the same way everywhere (3/2/26 does not).
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(self.tr("d MMM yyyy"))
        self.remote_check.setText(self.tr("&Remote only"))
        self.clear_button.setText(self.tr("Clear filte&rs"))
        self.list.setAccessibleName(self.tr("Suggested tasks"))
        self.loading_label.setText(self.tr("Loading…"))
        self.sign_up_button.setText(self.tr("&Sign up…"))
        self.waitlist_button.setText(self.tr("&Join the waitlist…"))
        self.withdraw_button.setText(self.tr("&Withdraw…"))
        self.why_heading.setText(self.tr("Why it suits you"))
        self.about_heading.setText(self.tr("About the task"))
        names = {
            "when": self.tr("When"), "where": self.tr("Where"), "places": self.tr("Places"),
            "skills": self.tr("Skills"), "contact": self.tr("Whom to ask"), "description": self.tr("What to do"),
        }
        for key, label in self.form_labels.items():
            label.setText(names[key])
        self.free_hours_button.setText(self.tr("Add &free hours"))
        self.skills_button.setText(self.tr("Add s&kills"))
        self.empty_clear_button.setText(self.tr("Clear filte&rs"))
        self.detail_scroll.setAccessibleName(self.tr("Task details"))
        self._fill_list()
        self._show_detail()
        self._update_count()

    # ------------------------------------------------------------------ filters

    def _set_default_filters(self) -> None:
        today = current_time().astimezone().date()
        for widget in (self.category_combo, self.distance_spin, self.from_edit, self.to_edit, self.remote_check):
            widget.blockSignals(True)
        self.category_combo.setCurrentIndex(0)
        self.distance_spin.setValue(0)
        first = QDate(today.year, today.month, today.day)
        self.from_edit.setMinimumDate(first.addDays(-1))
        self.to_edit.setMinimumDate(first.addDays(-1))
        self.from_edit.setDate(first)
        self.to_edit.setDate(first.addDays(DAYS - 1))
        self.remote_check.setChecked(False)
        for widget in (self.category_combo, self.distance_spin, self.from_edit, self.to_edit, self.remote_check):
            widget.blockSignals(False)

    def _fill_categories(self) -> None:
        wanted = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("All categories"), None)
        for category in self._categories:
            self.category_combo.addItem(category, category)
        index = self.category_combo.findData(wanted) if wanted is not None else 0
        self.category_combo.setCurrentIndex(max(0, index))
        self.category_combo.blockSignals(False)

    def filters(self) -> SuggestionFilter:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        return SuggestionFilter(
            category=self.category_combo.currentData(),
            max_km=float(self.distance_spin.value()) or None,
            date_from=day(self.from_edit),
            date_to=day(self.to_edit),
            remote_only=self.remote_check.isChecked(),
        )

    def filters_active(self) -> bool:
        today = current_time().astimezone().date()
        f = self.filters()
        return bool(f.category or f.max_km or f.remote_only or f.date_from != today
                    or f.date_to != today + timedelta(days=DAYS - 1))

    def _filters_changed(self, *_args: object) -> None:
        if self._loaded_once:
            self.refresh()

    def clear_filters(self) -> None:
        self._set_default_filters()
        self.refresh()

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if not self._loaded_once:
            self.refresh()

    def refresh(self) -> None:
        """Load the suggestions again (F5, a changed filter) in the background."""
        self._loaded_once = True
        self._generation += 1
        generation = self._generation
        wanted = self.filters()
        db, actor, now = self.db, self.actor, current_time()
        if not self.views:
            self.stack.setCurrentWidget(self.loading_page)
        self.count_label.setText(self.tr("Loading…"))

        def fetch(_job: Any) -> Loaded:
            categories = matching_service.suggestion_categories(db, actor)
            try:
                views = matching_service.suggest_for(
                    db, actor, actor.email, now=now, limit=LIMIT, days=DAYS, filters=wanted)
            except NotFound as exc:  # no volunteer profile yet
                return Loaded([], categories, exc)
            return Loaded(views, categories)

        run_in_background(self, fetch, lambda loaded: self._loaded(generation, loaded),
                          lambda exc: self._load_failed(generation, exc))

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return  # a newer load (another filter) is on its way
        keep = self.current_occurrence()
        self.views, self._categories, self._problem = loaded.views, loaded.categories, loaded.problem
        self._mine = {}
        self._fill_categories()
        self._fill_list(keep)
        self._update_count()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(exc, ServiceError):
            self.views, self._problem = [], exc
            self._fill_list()
            self._update_count()
            return
        self._update_count()
        errors.show_error(self, exc)

    def _update_count(self) -> None:
        if not self._loaded_once:
            self.count_label.setText("")
            return
        n = len(self.views)
        text = self.tr("{count} tasks").format(count=QLocale().toString(n)) if n != 1 else self.tr("1 task")
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _fill_list(self, keep: int | None = None) -> None:
        if keep is None:
            keep = self.current_occurrence()
        self.list.blockSignals(True)
        self.list.clear()
        for view in self.views:
            item = QListWidgetItem(self.list)
            item.setData(OccurrenceRole, view.occurrence_id)
            self._set_item_texts(item, view)
        self.list.blockSignals(False)
        if not self._loaded_once:
            return
        if not self.views:
            self._show_empty()
            return
        self.stack.setCurrentWidget(self.splitter)
        row = next((i for i, v in enumerate(self.views) if v.occurrence_id == keep), 0)
        self.list.setCurrentRow(row)
        self._current_changed(self.list.currentItem(), None)

    def _set_item_texts(self, item: QListWidgetItem, view: SuggestionView) -> None:
        status, position = self._mine.get(view.occurrence_id, (None, None))
        badge = my_status_text(status, position) or places_text(view)
        second = f"{view.organisation} · {distance_text(view)}"
        third = when_text(view)
        item.setData(LinesRole, (view.title, badge, second, third))
        text = f"{view.title}. {badge}. {second}. {third}"
        item.setText(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        item.setToolTip("\n".join(self._reasons(view)))

    def _show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty_page)
        filtered = self.filters_active()
        self.empty_clear_button.setVisible(filtered)
        no_profile = isinstance(self._problem, NotFound)
        if no_profile:
            self.empty_title.setText(self.tr("Tell us a little about yourself first"))
            self.empty_text.setText(self.tr(
                "Tasks are suggested from your home, your skills and your free hours. Set them up in your "
                "profile and free hours, and tasks that suit you appear here."))
        elif filtered:
            self.empty_title.setText(self.tr("No task matches these filters"))
            self.empty_text.setText(self.tr(
                "Clear the filters to see every task that suits you, or add free hours or skills to see more."))
        else:
            self.empty_title.setText(self.tr("No task for you yet"))
            self.empty_text.setText(self.tr(
                "No task fits your skills and free hours in the next 14 days. "
                "Add free hours or skills to see more."))

    # ------------------------------------------------------------------ detail

    def current_occurrence(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(OccurrenceRole)) if item is not None else None

    def current_view(self) -> SuggestionView | None:
        occ = self.current_occurrence()
        return next((v for v in self.views if v.occurrence_id == occ), None)

    def _reasons(self, view: SuggestionView) -> list[str]:
        return [reason_sentence(r, timezone=view.timezone or None, skill_labels=view.skill_labels)
                for r in view.suggestion.reasons]

    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        show_status(self.status_label, "")
        self.detail = None
        self._show_detail()
        if item is not None:
            self._load_detail(int(item.data(OccurrenceRole)))

    def _load_detail(self, occurrence_id: int) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        db, actor, now = self.db, self.actor, current_time()
        run_in_background(
            self, lambda _job: task_detail(db, actor, occurrence_id, now=now),
            lambda detail: self._detail_loaded(generation, detail),
            lambda exc: self._detail_failed(generation, exc),
        )

    def _detail_loaded(self, generation: int, detail: TaskDetail) -> None:
        if generation != self._detail_generation or detail.occurrence_id != self.current_occurrence():
            return
        self.detail = detail
        self._show_detail()

    def _detail_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._detail_generation:
            return
        if isinstance(exc, ServiceError):
            show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)
        else:
            errors.show_error(self, exc)

    def _show_detail(self) -> None:
        view, detail = self.current_view(), self.detail
        for button in (self.sign_up_button, self.waitlist_button, self.withdraw_button):
            button.setVisible(False)
        if view is None:
            self.detail_title.setText("")
            self.detail_org.setText("")
            self.reasons_label.setText("")
            self.mine_label.setVisible(False)
            for value in self.values.values():
                value.setText("")
            return
        self.detail_title.setText(view.title)
        self.detail_org.setText(view.organisation + (f" · {view.category}" if view.category else ""))
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self._reasons(view))
        self.reasons_label.setText(f'<ul style="margin: 0; -qt-list-indent: 1;">{items}</ul>')
        self.values["when"].setText(when_text(view))
        if detail is None:
            loading = self.tr("Loading details…")
            for key in ("where", "places", "skills", "contact", "description"):
                self.values[key].setText(loading if key == "where" else "")
            self.mine_label.setVisible(False)
            return
        self.values["when"].setText(timefmt.task_time_text(
            detail.starts_at, detail.ends_at, detail.timezone, minutes=detail.minutes, tr=QCoreApplication.translate))
        self.values["where"].setText(self._where_text(detail))
        self.values["places"].setText(self._places_detail(detail))
        self.values["skills"].setText(self._skills_text(detail))
        self.values["contact"].setText(self._contact_text(detail))
        self.values["description"].setText(detail.description.strip() or self.tr("No description."))
        self._update_actions(detail)

    def _where_text(self, detail: TaskDetail) -> str:
        if detail.is_remote:
            return self.tr("Remote: you can do it from anywhere.")
        place = detail.address or self.tr("No address given")
        if detail.distance_km is None:
            return place
        return self.tr("{place} ({km} km from your home)").format(place=place, km=km_text(detail.distance_km))

    def _places_detail(self, detail: TaskDetail) -> str:
        text = self.tr("{left} of {of} places left").format(left=detail.places_left, of=detail.slots)
        if detail.waitlist:
            text += self.tr("; {count} waiting").format(count=detail.waitlist)
        return text

    def _skills_text(self, detail: TaskDetail) -> str:
        if not detail.skills:
            return self.tr("No special skills needed.")
        labels = {s.key: (s.label, s.label_zh) for s in detail.skills}
        lines = []
        for need in detail.skills:
            name = skill_name(need.key, labels)
            if need.met:
                lines.append(self.tr("✓ {skill}: needs level {needed}, you have {held}").format(
                    skill=name, needed=need.needed, held=need.held))
            else:
                lines.append(self.tr("✗ {skill}: needs level {needed}, you have {held}").format(
                    skill=name, needed=need.needed, held=need.held))
        return "\n".join(lines)

    def _contact_text(self, detail: TaskDetail) -> str:
        c = detail.contact
        lines = []
        if c.task_contact_name:
            who = [c.task_contact_name, c.task_contact_phone or "", c.task_contact_email or ""]
            lines.append(" · ".join(p for p in who if p))
        org = [c.organisation]
        if c.person_in_charge:
            org.append(self.tr("in charge: {name}").format(name=c.person_in_charge))
        lines.append(", ".join(org))
        reach = [p for p in (c.phone, c.email) if p]
        if reach:
            lines.append(" · ".join(reach))
        return "\n".join(lines)

    def _update_actions(self, detail: TaskDetail) -> None:
        mine = detail.mine if detail.holds_place else None
        self.mine_label.setVisible(mine is not None)
        if mine is not None:
            if mine.status is SignupStatus.CONFIRMED:
                when = timefmt.task_time_text(mine.starts_at, mine.ends_at, detail.timezone,
                                              tr=QCoreApplication.translate)
                text = self.tr("You are signed up: {when}.").format(when=when)
            elif mine.status is SignupStatus.WAITLISTED:
                text = self.tr("You are on the waitlist, number {position}. If a place frees up, it is offered "
                               "to you.").format(position=mine.position or "?")
            else:
                text = self.tr("This place is proposed to you: accept or decline it in My schedule.")
            self.mine_label.setText(text)
            self.withdraw_button.setVisible(True)
            self.withdraw_button.setEnabled(not self._busy)
            return
        if not detail.is_open:
            self.mine_label.setText(self.tr("This task is no longer open for signups."))
            self.mine_label.setVisible(True)
            return
        button = self.waitlist_button if detail.places_left <= 0 else self.sign_up_button
        button.setVisible(True)
        button.setEnabled(not self._busy)

    # ------------------------------------------------------------------ actions

    def sign_up(self) -> None:
        """Sign up for the selected task (or join its waitlist): confirm, or choose the start if flexible."""
        view, detail = self.current_view(), self.detail
        if view is None or detail is None or self._busy:
            return
        waitlist = detail.places_left <= 0
        start: datetime | None = None
        if detail.is_flexible and detail.minutes is not None:
            dialog = SignupDialog(
                detail.title, (detail.starts_at, detail.ends_at), detail.minutes, detail.timezone,
                detail.start_choices, view.suggestion.start, waitlist=waitlist, parent=self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            start = dialog.chosen_start()
            if start is None:
                return
        else:
            when = timefmt.task_time_text(detail.starts_at, detail.ends_at, detail.timezone,
                                          tr=QCoreApplication.translate)
            if waitlist:
                question = self.tr("Every place on “{title}” ({when}) is taken. Join the waitlist? If a place "
                                   "frees up, it is offered to you.").format(title=detail.title, when=when)
            else:
                question = self.tr("Sign up for “{title}”, {when}?").format(title=detail.title, when=when)
            answer = QMessageBox.question(
                self, self.tr("Join the waitlist") if waitlist else self.tr("Sign up"), question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        db, actor, occ, now = self.db, self.actor, detail.occurrence_id, current_time()
        self._set_busy(True)
        run_in_background(
            self, lambda _job: signups.sign_up_outcome(db, actor, occ, start, now=now),
            self._signed_up, self._action_failed,
        )

    def _signed_up(self, outcome: signups.SignupOutcome) -> None:
        self._set_busy(False)
        self._mine[outcome.occurrence_id] = (outcome.status, outcome.position)
        when = timefmt.task_time_text(outcome.starts_at, outcome.ends_at, outcome.timezone,
                                      tr=QCoreApplication.translate)
        if outcome.status is SignupStatus.WAITLISTED:
            text = self.tr("Every place was taken: you are on the waitlist for “{title}”, number {position}.").format(
                title=outcome.title, position=outcome.position or "?")
            tone = Tone.WARNING
        else:
            text = self.tr("You are signed up for “{title}”, {when}.").format(title=outcome.title, when=when)
            tone = Tone.SUCCESS
        self._after_action(outcome.occurrence_id, text, tone)

    def withdraw(self) -> None:
        """Withdraw from the selected task (after a confirmation)."""
        detail = self.detail
        if detail is None or not detail.holds_place or self._busy:
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw"),
            self.tr("Withdraw from “{title}”? If others are waiting, your place is offered to the first of them.")
            .format(title=detail.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor, occ = self.db, self.actor, detail.occurrence_id
        self._set_busy(True)
        run_in_background(self, lambda _job: signups.withdraw(db, actor, occ), self._withdrawn, self._action_failed)

    def _withdrawn(self, outcome: signups.WithdrawOutcome) -> None:
        self._set_busy(False)
        self._mine[outcome.occurrence_id] = (SignupStatus.CANCELLED, None)
        self._after_action(outcome.occurrence_id,
                           self.tr("You withdrew from “{title}”.").format(title=outcome.title), Tone.SUCCESS)

    def _after_action(self, occurrence_id: int, text: str, tone: Tone) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(OccurrenceRole) == occurrence_id:
                view = next(v for v in self.views if v.occurrence_id == occurrence_id)
                self._set_item_texts(item, view)
        if self.current_occurrence() == occurrence_id:
            self._load_detail(occurrence_id)
        show_status(self.status_label, text, tone)

    def _action_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ServiceError):
            show_status(self.status_label, errors.describe(exc).text, Tone.ERROR)
            occ = self.current_occurrence()
            if occ is not None:  # the task may have changed (closed, filled): show it as it is now
                message = self.status_label.text()
                self._load_detail(occ)
                show_status(self.status_label, message, Tone.ERROR)
            return
        errors.show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.sign_up_button, self.waitlist_button, self.withdraw_button):
            button.setEnabled(not busy)


__all__ = ["TasksForMePage", "current_time"]
