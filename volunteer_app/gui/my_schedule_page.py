"""My schedule: what I am signed up for (where, when, whom to ask), proposals to answer,
my places on waitlists and what changed (notices); export to a calendar file.

The schedule loads in the background; accepting, declining, marking notices read and
writing the .ics file do too. After a change the page reloads and tells the running
reminders (``reminders.schedule_changed``), so a task accepted for this afternoon is
reminded of without waiting for the next minute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import SignupStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, reminders
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import (
    PAGE_MARGINS,
    Tone,
    error_label,
    heading_label,
    make_note,
    set_tone,
    show_status,
    subheading_label,
)
from volunteer_app.services import calendar_export, notices, schedule
from volunteer_app.services.accounts import Actor
from volunteer_app.services.notices import NoticeView
from volunteer_app.services.schedule import Schedule, ScheduleItem
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "My schedule")


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _selectable(label: QLabel) -> QLabel:
    # Phone numbers and addresses are for copying.
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


class ItemCard(QFrame):
    """One signup: title and organisation, when, where, whom to ask, and what can be done."""

    def __init__(self, item: ScheduleItem, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item, self.now = item, now
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(item.title)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state = QLabel(self)  # "Cancelled", "3rd in line", "Proposed by …"
        self.state.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(2)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.when_name, self.when = make_note(QLabel(self)), _selectable(QLabel(self))
        self.where_name, self.where = make_note(QLabel(self)), _selectable(QLabel(self))
        self.ask_name, self.ask = make_note(QLabel(self)), _selectable(QLabel(self))
        self.form.addRow(self.when_name, self.when)
        self.form.addRow(self.where_name, self.where)
        self.form.addRow(self.ask_name, self.ask)
        self.buttons = QVBoxLayout()
        self.buttons.setSpacing(6)
        self.accept_button: QPushButton | None = None
        self.decline_button: QPushButton | None = None
        if item.status is SignupStatus.PROPOSED:
            self.accept_button = QPushButton(self)
            self.decline_button = QPushButton(self)
            self.buttons.addWidget(self.accept_button)
            self.buttons.addWidget(self.decline_button)
        self.buttons.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.state)
        text.addLayout(self.form)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addLayout(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        item, tr = self.item, _tr
        self.title.setText(self.tr("{title} — {organisation}").format(title=item.title, organisation=item.organisation))
        self.when_name.setText(self.tr("When"))
        when = schedule.when_text(item, tr)
        window = schedule.window_text(item, tr)
        self.when.setText(f"{when}\n{window}" if window else when)
        self.where_name.setText(self.tr("Where"))
        self.where.setText(schedule.where_text(item, tr))
        self.ask_name.setText(self.tr("Whom to ask"))
        contact = schedule.contact_text(item, tr)
        self.ask.setText(contact or self.tr("{organisation} (no contact given)").format(organisation=item.organisation))
        state, tone = "", Tone.NOTE
        if item.cancelled:
            state, tone = self.tr("Cancelled: this task will not take place."), Tone.WARNING
        elif item.status is SignupStatus.PROPOSED:
            state = schedule.proposed_by_text(item, tr)
        elif item.status is SignupStatus.WAITLISTED:
            state = schedule.position_text(item, tr) or ""
        elif item.ends_at <= self.now:
            state = self.tr("Done")
        set_tone(self.state, tone)
        self.state.setText(state)
        self.state.setVisible(bool(state))
        if self.accept_button is not None and self.decline_button is not None:
            self.accept_button.setText(self.tr("&Accept"))
            self.accept_button.setAccessibleName(self.tr("Accept {title}").format(title=item.title))
            self.decline_button.setText(self.tr("&Decline…"))
            self.decline_button.setAccessibleName(self.tr("Decline {title}").format(title=item.title))


class NoticeRow(QFrame):
    def __init__(self, notice: NoticeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = _selectable(QLabel(self))
        self.when = make_note(QLabel(self))
        self.read_button = QPushButton(self)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.text)
        left.addWidget(self.when)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(left, 1)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()

    def retranslate(self) -> None:
        text = notices.notice_text(self.notice, _tr)
        self.text.setText(text)
        self.setAccessibleName(text)
        local = self.notice.created_at.astimezone()
        self.when.setText(
            self.tr("{date}, {time}").format(date=timefmt.date_text(local, _tr), time=timefmt.clock_text(local))
        )
        self.read_button.setText(self.tr("Mark as read"))
        self.read_button.setAccessibleName(self.tr("Mark as read: {text}").format(text=text))


@register_area("my_schedule", TITLE, Side.VOLUNTEER, order=20)
class MySchedulePage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.schedule: Schedule | None = None
        self.loaded = False
        self._loading = False
        self._load_failed = False
        self.cards: dict[int, ItemCard] = {}
        self.empty_label: QLabel | None = None
        self.all_read_button: QPushButton | None = None
        self._now = self.clock()
        self.notice_rows: dict[int, NoticeRow] = {}

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self.past_check = QCheckBox(self)
        self.past_check.toggled.connect(lambda _on: self.refresh())
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.export_calendar())
        self.status = error_label(self)

        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.past_check)
        top.addWidget(self.export_button)

        self.content = QWidget()
        self.sections = QVBoxLayout(self.content)
        self.sections.setContentsMargins(0, 0, 12, 12)
        self.sections.setSpacing(8)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.content)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.scroller, 1)
        self.setTabOrder(self.past_check, self.export_button)
        self.retranslate()

    # -- texts

    def retranslate(self) -> None:
        title = QCoreApplication.translate("Areas", TITLE)
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.intro.setText(
            self.tr(
                "Your tasks by date, proposals waiting for your answer and your places on waitlists. "
                "Times are on the clock of the place where each task happens."
            )
        )
        self.past_check.setText(self.tr("Show &past tasks"))
        self.past_check.setAccessibleName(self.tr("Show past tasks"))
        self.export_button.setText(self.tr("&Export to calendar…"))
        self.export_button.setAccessibleName(self.tr("Export to calendar"))
        self.export_button.setToolTip(self.tr("Save your confirmed tasks as an .ics file for your calendar program"))
        self._render()

    # -- loading

    def activate(self) -> None:
        if not self.loaded and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        if self.schedule is None:
            self._render()
        db, actor, now, past = self.db, self.actor, self.clock(), self.past_check.isChecked()
        self._now = now
        run_in_background(
            self, lambda _job: schedule.my_schedule(db, actor, now, include_past=past), self._loaded, self._failed
        )

    def _loaded(self, mine: Schedule) -> None:
        self._loading = False
        if self._load_failed:  # the problem is over
            self._load_failed = False
            show_status(self.status, "")
        self.loaded = True
        self.schedule = mine
        self._render()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._load_failed = True
        show_status(self.status, errors.describe(exc).text, Tone.ERROR)

    # -- showing

    def _clear(self) -> None:
        self.empty_label = self.all_read_button = None
        self.cards.clear()
        self.notice_rows.clear()
        while self.sections.count():
            entry = self.sections.takeAt(0)
            widget = entry.widget() if entry is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _section(self, text: str) -> QLabel:
        label = subheading_label(self.content)
        label.setText(text)
        label.setAccessibleName(text)
        self.sections.addWidget(label)
        return label

    def _card(self, item: ScheduleItem) -> ItemCard:
        card = ItemCard(item, self._now, self.content)
        self.cards[item.signup_id] = card
        if card.accept_button is not None and card.decline_button is not None:
            card.accept_button.clicked.connect(lambda: self.accept(item.signup_id))
            card.decline_button.clicked.connect(lambda: self.decline(item.signup_id))
        self.sections.addWidget(card)
        return card

    def _render(self) -> None:
        self._clear()
        mine = self.schedule
        if mine is None:
            note = make_note(QLabel(self.tr("Loading your schedule…"), self.content))
            self.sections.addWidget(note)
            self.sections.addStretch(1)
            return
        self.export_button.setEnabled(bool(mine.upcoming or mine.past))
        if mine.empty:
            self.empty_label = QLabel(self.content)
            self.empty_label.setWordWrap(True)
            self.empty_label.setText(
                self.tr(
                    "Nothing planned yet. Find a task in Tasks for me: tasks you sign up for, "
                    "and tasks coordinators propose to you, appear here."
                )
            )
            self.sections.addWidget(self.empty_label)
        if mine.notices:
            header = QHBoxLayout()
            label = subheading_label(self.content)
            label.setText(self.tr("What changed ({count})").format(count=len(mine.notices)))
            self.all_read_button = QPushButton(self.tr("Mark all as read"), self.content)
            self.all_read_button.setAccessibleName(self.tr("Mark all notices as read"))
            self.all_read_button.clicked.connect(lambda: self.mark_read([n.id for n in mine.notices]))
            holder = QWidget(self.content)
            header.setContentsMargins(0, 0, 0, 0)
            header.addWidget(label, 1)
            header.addWidget(self.all_read_button)
            holder.setLayout(header)
            self.sections.addWidget(holder)
            for notice in mine.notices:
                row = NoticeRow(notice, self.content)
                row.read_button.clicked.connect(lambda _checked=False, nid=notice.id: self.mark_read([nid]))
                self.notice_rows[notice.id] = row
                self.sections.addWidget(row)
        if mine.proposals:
            self._section(self.tr("Proposals: can you do these? ({count})").format(count=len(mine.proposals)))
            for item in mine.proposals:
                self._card(item)
        if mine.upcoming:
            self._section(self.tr("Upcoming ({count})").format(count=len(mine.upcoming)))
            self._by_date(mine.upcoming)
        elif not mine.empty:
            self._section(self.tr("Upcoming"))
            self.sections.addWidget(
                make_note(
                    QLabel(
                        self.tr("No confirmed task yet. Accept a proposal, or find a task in Tasks for me."),
                        self.content,
                    )
                )
            )
        if mine.waitlist:
            self._section(self.tr("On the waitlist ({count})").format(count=len(mine.waitlist)))
            note = make_note(
                QLabel(
                    self.tr("When a place frees up, the first in line gets it and the task moves to Upcoming."),
                    self.content,
                )
            )
            self.sections.addWidget(note)
            for item in mine.waitlist:
                self._card(item)
        if self.past_check.isChecked():
            self._section(self.tr("Past ({count})").format(count=len(mine.past)))
            if not mine.past:
                self.sections.addWidget(make_note(QLabel(self.tr("No past tasks."), self.content)))
            self._by_date(mine.past)
        self.sections.addStretch(1)

    def _by_date(self, items: list[ScheduleItem]) -> None:
        day: date | None = None
        for item in items:
            local = item.starts_at.astimezone(timefmt.zone_of(item.timezone))
            if local.date() != day:
                day = local.date()
                label = QLabel(timefmt.date_text(local, _tr), self.content)
                font = label.font()
                font.setBold(True)
                label.setFont(font)
                label.setContentsMargins(0, 6, 0, 0)
                self.sections.addWidget(label)
            self._card(item)

    # -- actions

    def _item(self, signup_id: int) -> ScheduleItem | None:
        mine = self.schedule
        if mine is None:
            return None
        return next((i for i in mine.proposals if i.signup_id == signup_id), None)

    def _changed(self, message: str) -> None:
        show_status(self.status, message, Tone.SUCCESS)
        reminders.schedule_changed()
        self.refresh()

    def accept(self, signup_id: int) -> None:
        item = self._item(signup_id)
        title = item.title if item else str(signup_id)
        db, actor = self.db, self.actor
        run_in_background(
            self,
            lambda _job: schedule.accept(db, actor, signup_id),
            lambda _result: self._changed(self.tr("You are signed up for {title}.").format(title=title)),
            self._action_failed,
        )

    def decline(self, signup_id: int, *, ask: bool = True) -> None:
        item = self._item(signup_id)
        title = item.title if item else str(signup_id)
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Decline this task?"),
                self.tr(
                    "Decline “{title}”? It will not be proposed to you again, and the place can go to someone else."
                ).format(title=title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        db, actor = self.db, self.actor
        run_in_background(
            self,
            lambda _job: schedule.decline(db, actor, signup_id),
            lambda _result: self._changed(self.tr("You declined {title}.").format(title=title)),
            self._action_failed,
        )

    def mark_read(self, notice_ids: list[int]) -> None:
        db, actor = self.db, self.actor
        run_in_background(
            self,
            lambda _job: notices.mark_read(db, actor, notice_ids),
            lambda _count: self.refresh(),
            self._action_failed,
        )

    def _action_failed(self, exc: BaseException) -> None:
        show_status(self.status, errors.describe(exc).text, Tone.ERROR)
        self.refresh()  # what failed may be stale: show what is true now

    def export_calendar(self, path: str | Path | None = None) -> None:
        """Write the confirmed tasks to an .ics file (asks where unless ``path`` is given)."""
        if path is None:
            start = Path.home() / calendar_export.DEFAULT_FILE_NAME
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export to calendar"), str(start), self.tr("Calendar files (*.ics);;All files (*)")
            )
            if not name:
                return
            path = name
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".ics")
        db, actor, now, past = self.db, self.actor, self.clock(), self.past_check.isChecked()

        def write(_job: object) -> int:
            data = calendar_export.schedule_ics(db, actor, now, tr=_tr, include_past=past)
            target.write_bytes(data)
            return data.count(b"BEGIN:VEVENT")

        run_in_background(
            self,
            write,
            lambda count: show_status(
                self.status,
                self.tr(
                    "Saved {count} task(s) to {path}. Open that file with your calendar program to add them."
                ).format(count=count, path=target),
                Tone.SUCCESS,
            ),
            self._export_failed,
            progress=self.tr("Exporting your schedule…"),
        )

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            text = self.tr("Could not save the calendar file: {reason}").format(reason=exc.strerror or exc)
        else:
            text = errors.describe(exc).text
        show_status(self.status, text, Tone.ERROR)
