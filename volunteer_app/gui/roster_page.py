"""The Roster area: pick an occurrence of my organisations, then run the day.

Top: the occurrences between two dates (today first), with how many are coming,
waiting and here. Below: the chosen occurrence's roster (who is coming, their state,
stint, check-in and check-out, the hours credited and, for the organisation's
coordinators, their phone), with Check in, Check out, No-show, Add walk-in and
Assign by hand. Times are typed on the task's clock and default to now; checking
out makes a pending hours record credited by the organisation's rules, whose
sentence shows in the Hours column's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.crediting import describe_rules, explain_credit
from volunteer_app.domain.enums import ServiceStatus, TaskKind
from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.check_time_dialog import CheckTimeDialog, Moment
from volunteer_app.gui.hand_assign_dialog import HandAssignDialog
from volunteer_app.gui.list_tables import Col, RowsModel, rows_table, select_row, selected_rows
from volunteer_app.gui.pages import AreaPage
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
from volunteer_app.services import roster as roster_service
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.roster import CheckOutResult, OccurrenceRow, Roster, RosterEntry
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Roster")
CONTEXT = "Roster"
#: Days shown after the first day, unless the person picks another range.
DEFAULT_DAYS = 13

STATE_NAMES = {
    "confirmed": QT_TRANSLATE_NOOP("Roster", "Coming"),
    "proposed": QT_TRANSLATE_NOOP("Roster", "Proposed, not yet accepted"),
    "offered": QT_TRANSLATE_NOOP("Roster", "Offered a freed place"),
    "waitlisted": QT_TRANSLATE_NOOP("Roster", "Waitlist #{position}"),
    "checked_in": QT_TRANSLATE_NOOP("Roster", "Here (checked in)"),
    "checked_out": QT_TRANSLATE_NOOP("Roster", "Checked out"),
    "no_show": QT_TRANSLATE_NOOP("Roster", "No-show"),
    "completed": QT_TRANSLATE_NOOP("Roster", "Completed"),
}
STATE_TONES = {
    "proposed": Tone.NOTE,
    "offered": Tone.WARNING,
    "waitlisted": Tone.NOTE,
    "checked_in": Tone.SUCCESS,
    "no_show": Tone.ERROR,
}
RECORD_NAMES = {
    ServiceStatus.PENDING: QT_TRANSLATE_NOOP("Roster", "{hours}, waiting for verification"),
    ServiceStatus.VERIFIED: QT_TRANSLATE_NOOP("Roster", "{hours}, verified"),
    ServiceStatus.REJECTED: QT_TRANSLATE_NOOP("Roster", "{hours}, rejected"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_text(entry: RosterEntry) -> str:
    return _tr(STATE_NAMES.get(entry.state, entry.state)).format(position=entry.waitlist_position or "")


def state_colour(entry: RosterEntry) -> QColor | None:
    tone = STATE_TONES.get(entry.state)
    return QColor(colour(tone)) if tone is not None else None


def clock(moment: datetime | None, zone: str) -> str:
    return "" if moment is None else timefmt.clock_text(moment.astimezone(timefmt.zone_of(zone)))


def hours_text(entry: RosterEntry) -> str:
    if entry.credited_minutes is None or entry.record_status is None:
        return ""
    hours = timefmt.duration_text(entry.credited_minutes, QCoreApplication.translate)
    return _tr(RECORD_NAMES[entry.record_status]).format(hours=hours)


def hours_tooltip(entry: RosterEntry) -> str:
    if not entry.credit_rule:
        return hours_text(entry)
    try:
        return explain_credit(entry.credit_rule, QCoreApplication.translate)
    except (TypeError, ValueError):  # a rule stored by another version: say nothing rather than fail
        return hours_text(entry)


def entry_tooltip(entry: RosterEntry) -> str:
    if entry.override_reason:
        return _tr("Placed despite the rules: {reason}").format(reason=entry.override_reason)
    return state_text(entry)


def occurrence_columns() -> list[Col[OccurrenceRow]]:
    tr = QCoreApplication.translate
    return [
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "When"), lambda r: r.time_text(tr), width=380),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Task"), lambda r: r.title, width=220, stretch=True),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Organisation"), lambda r: r.organisation, width=190),
        Col(
            CONTEXT, QT_TRANSLATE_NOOP("Roster", "Coming"),
            lambda r: f"{QLocale().toString(r.coming)} / {QLocale().toString(r.slots)}", width=72, align_right=True,
        ),
        Col(
            CONTEXT, QT_TRANSLATE_NOOP("Roster", "Waiting"), lambda r: QLocale().toString(r.waitlisted) if r.waitlisted
            else "", width=72, align_right=True,
        ),
        Col(
            CONTEXT, QT_TRANSLATE_NOOP("Roster", "Here"), lambda r: QLocale().toString(r.checked_in) if r.checked_in
            else "", width=60, align_right=True,
        ),
    ]


def roster_columns(zone: Callable[[], str]) -> list[Col[RosterEntry]]:
    return [
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Name"), lambda e: e.name, width=180, stretch=True,
            tooltip=entry_tooltip),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Status"), state_text, width=190, foreground=state_colour,
            tooltip=entry_tooltip),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Stint"),
            lambda e: f"{clock(e.starts_at, zone())}–{clock(e.ends_at, zone())}", width=100),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "In"), lambda e: clock(e.checked_in_at, zone()), width=60),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Out"), lambda e: clock(e.checked_out_at, zone()), width=60),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Hours"), hours_text, width=230, tooltip=hours_tooltip),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Phone"), lambda e: e.phone or "", width=130),
        Col(CONTEXT, QT_TRANSLATE_NOOP("Roster", "Email"), lambda e: e.email, width=200),
    ]


STINT_COLUMN, PHONE_COLUMN = 2, 6
DATE_FORMAT = "yyyy-MM-dd"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


@register_area("roster", TITLE, Side.COORDINATOR, order=130)
class RosterPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.roster: Roster | None = None
        self.loaded = False
        self._wanted_occurrence: int | None = None
        self._wanted_email: str | None = None
        self._quiet = False
        self.dialog: CheckTimeDialog | HandAssignDialog | None = None

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        today = datetime.now().date()
        self.from_edit = QDateEdit(qdate(today), self)
        self.to_edit = QDateEdit(qdate(today + timedelta(days=DEFAULT_DAYS)), self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.dateChanged.connect(lambda _d: self.load_occurrences())
        self.from_label = QLabel(self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(self)
        self.to_label.setBuddy(self.to_edit)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.returnPressed.connect(self.load_occurrences)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.occurrences = RowsModel(occurrence_columns(), self)
        self.occurrence_table = rows_table(self.occurrences, self)
        self.occurrence_table.setObjectName("occurrenceTable")
        self.occurrence_table.selectionModel().selectionChanged.connect(lambda *_: self._occurrence_chosen())

        self.roster_heading = subheading_label(self)
        self.roster_heading.setWordWrap(True)
        self.summary = make_note(QLabel(self))
        self.rules_note = make_note(QLabel(self))
        self.check_in_button = QPushButton(self)
        self.check_out_button = QPushButton(self)
        self.no_show_button = QPushButton(self)
        self.walk_in_button = QPushButton(self)
        self.assign_button = QPushButton(self)
        for name, button in (("checkIn", self.check_in_button), ("checkOut", self.check_out_button),
                             ("noShow", self.no_show_button), ("walkIn", self.walk_in_button),
                             ("assignByHand", self.assign_button)):
            button.setObjectName(f"{name}Button")
        self.check_in_button.clicked.connect(lambda: self.open_check_time(Moment.CHECK_IN))
        self.check_out_button.clicked.connect(lambda: self.open_check_time(Moment.CHECK_OUT))
        self.no_show_button.clicked.connect(self.mark_no_show)
        self.walk_in_button.clicked.connect(lambda: self.open_check_time(Moment.WALK_IN))
        self.assign_button.clicked.connect(self.open_hand_assign)

        self.entries = RowsModel(roster_columns(lambda: self.roster.timezone if self.roster else ""), self)
        self.roster_table = rows_table(self.entries, self)
        self.roster_table.setObjectName("rosterTable")
        self.roster_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.roster_table.doubleClicked.connect(self._double_clicked)
        self.empty_label = make_note(QLabel(self))
        self.status = error_label(self)

        filters = QHBoxLayout()
        filters.addWidget(self.from_label)
        filters.addWidget(self.from_edit)
        filters.addSpacing(8)
        filters.addWidget(self.to_label)
        filters.addWidget(self.to_edit)
        filters.addSpacing(16)
        filters.addWidget(self.filter_edit, 2)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.occurrence_table, 1)

        actions = QHBoxLayout()
        for button in (self.check_in_button, self.check_out_button, self.no_show_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.walk_in_button)
        actions.addWidget(self.assign_button)
        actions.addStretch(1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.setSpacing(6)
        bottom_layout.addWidget(self.roster_heading)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.rules_note)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.roster_table, 1)
        bottom_layout.addWidget(self.empty_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        order = [self.from_edit, self.to_edit, self.filter_edit, self.occurrence_table, self.check_in_button,
                 self.check_out_button, self.no_show_button, self.walk_in_button, self.assign_button,
                 self.roster_table]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.occurrence_table)
        self.retranslate()
        self._show_roster(None)

    # -- texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Roster"))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(
            self.tr(
                "Pick a task on a day to see who is coming. Check people in when they arrive and out when they "
                "leave: checking out records their hours, credited by your organisation's rules, for verification."
            )
        )
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by title"))
        self.filter_edit.setAccessibleName(self.tr("Filter tasks by title"))
        self.occurrence_table.setAccessibleName(self.tr("Tasks on these days"))
        self.roster_table.setAccessibleName(self.tr("Roster"))
        self.roster_table.setAccessibleDescription(
            self.tr("Double-click a person to check them in, or out if they are here.")
        )
        self.check_in_button.setText(self.tr("Check &in…"))
        self.check_in_button.setAccessibleName(self.tr("Check in"))
        self.check_out_button.setText(self.tr("Check &out…"))
        self.check_out_button.setAccessibleName(self.tr("Check out"))
        self.no_show_button.setText(self.tr("&No-show"))
        self.no_show_button.setAccessibleName(self.tr("Mark as a no-show"))
        self.walk_in_button.setText(self.tr("Add &walk-in…"))
        self.walk_in_button.setAccessibleName(self.tr("Add a walk-in"))
        self.assign_button.setText(self.tr("Assign by &hand…"))
        self.assign_button.setAccessibleName(self.tr("Assign someone by hand"))
        self.occurrences.retranslate()
        self.entries.retranslate()
        self._update_count()
        self._show_roster(self.roster)

    # -- loading

    def activate(self) -> None:
        if not self.loaded:
            self.load_occurrences()

    def refresh(self) -> None:
        self.load_occurrences()

    def _filter_changed(self, text: str) -> None:
        if not text:
            self.load_occurrences()

    def set_days(self, first: date, last: date) -> None:
        """Show the occurrences from ``first`` to ``last`` (inclusive, the computer's days)."""
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self.load_occurrences()

    def _window(self) -> tuple[datetime, datetime]:
        first, last = pydate(self.from_edit.date()), pydate(self.to_edit.date())
        if last < first:
            first, last = last, first
        start = datetime(first.year, first.month, first.day).astimezone()
        end = datetime(last.year, last.month, last.day).astimezone() + timedelta(days=1)
        return start.astimezone(UTC), end.astimezone(UTC)

    def load_occurrences(self) -> None:
        self.loaded = True
        start, end = self._window()
        text = self.filter_edit.text()
        current = self.roster.occurrence_id if self.roster is not None else None
        self._wanted_occurrence = self._wanted_occurrence or current
        run_in_background(
            self,
            lambda _job: roster_service.occurrences(self.db, self.actor, start, end, text=text),
            self._occurrences_loaded,
            self._failed,
        )

    def _occurrences_loaded(self, rows: list[OccurrenceRow]) -> None:
        wanted, self._wanted_occurrence = self._wanted_occurrence, None
        self.occurrences.set_rows(rows)
        self._update_count()
        if not rows:
            self._show_roster(None)
            return
        ids = [r.occurrence_id for r in rows]
        if wanted not in ids:
            # Today first: the first occurrence that has not ended yet, else the last one.
            now = self.clock()
            wanted = next((r.occurrence_id for r in rows if r.ends_at > now), ids[-1])
        select_row(self.occurrence_table, ids.index(wanted))

    def _update_count(self) -> None:
        count = self.occurrences.rowCount()
        if not self.loaded:
            text = ""
        elif count >= roster_service.OCCURRENCE_LIMIT:
            text = self.tr("The first {count} tasks; narrow the days to see the rest.").format(
                count=QLocale().toString(count)
            )
        elif count == 0:
            text = self.tr("No tasks of yours on these days.")
        else:
            text = self.tr("Tasks: {count}").format(count=QLocale().toString(count))
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _occurrence_chosen(self) -> None:
        if self._quiet:
            return
        chosen = selected_rows(self.occurrence_table)
        if chosen:
            self.load_roster(chosen[0].occurrence_id)

    def load_roster(self, occurrence_id: int, *, keep: str | None = None) -> None:
        if keep is None and self.roster is not None and self.roster.occurrence_id == occurrence_id:
            keep = self._selected_email()
        self._wanted_email = keep
        run_in_background(
            self,
            lambda _job: roster_service.roster(self.db, self.actor, occurrence_id),
            self._roster_loaded,
            self._failed,
        )

    def _roster_loaded(self, roster: Roster) -> None:
        self._show_roster(roster)
        emails = [e.email for e in roster.entries]
        if self._wanted_email in emails:
            select_row(self.roster_table, emails.index(self._wanted_email))
        self._wanted_email = None

    def _show_roster(self, roster: Roster | None) -> None:
        self.roster = roster
        tr = QCoreApplication.translate
        self.entries.set_rows(list(roster.entries) if roster is not None else [])
        self.roster_table.setColumnHidden(PHONE_COLUMN, roster is None or not roster.phone_visible)
        # Everyone's stint is the shift on a fixed task: the column says something only on a flexible one.
        self.roster_table.setColumnHidden(STINT_COLUMN, roster is None or roster.kind is TaskKind.FIXED)
        self.walk_in_button.setEnabled(roster is not None)
        self.assign_button.setEnabled(roster is not None)
        if roster is None:
            self.roster_heading.setText(self.tr("No task chosen"))
            self.summary.setText(self.tr("Choose a task above to see its roster."))
            self.rules_note.hide()
            self.empty_label.hide()
            self._update_buttons()
            return
        self.roster_heading.setText(
            self.tr("{title} — {organisation}").format(title=roster.title, organisation=roster.organisation)
        )
        locale = QLocale()
        self.summary.setText(
            self.tr("{when} · {taken} of {slots} places taken · {waiting} waiting · {here} here now").format(
                when=roster.time_text(tr), taken=locale.toString(roster.taken), slots=locale.toString(roster.slots),
                waiting=locale.toString(roster.waitlisted), here=locale.toString(roster.checked_in),
            )
        )
        self.rules_note.setText(
            self.tr("Hours are credited by these rules: {rules}").format(rules=describe_rules(roster.credit_rules, tr))
        )
        self.rules_note.show()
        self.empty_label.setText(self.tr("Nobody is signed up yet. Add a walk-in or assign someone by hand."))
        self.empty_label.setVisible(not roster.entries)
        self._update_buttons()

    # -- actions

    def selected_entry(self) -> RosterEntry | None:
        chosen = selected_rows(self.roster_table)
        return chosen[0] if chosen else None

    def _selected_email(self) -> str | None:
        entry = self.selected_entry()
        return entry.email if entry is not None else None

    def select_person(self, email: str) -> None:
        emails = [e.email for e in self.entries.rows()]
        select_row(self.roster_table, emails.index(email.strip().lower()))

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.check_in_button.setEnabled(entry is not None and entry.can_check_in)
        self.check_out_button.setEnabled(entry is not None and entry.can_check_out)
        self.no_show_button.setEnabled(entry is not None and entry.can_mark_no_show)

    def _double_clicked(self, index: QModelIndex) -> None:
        entry = self.entries.row_at(index.row())
        select_row(self.roster_table, index.row())
        if entry.can_check_out:
            self.open_check_time(Moment.CHECK_OUT)
        elif entry.can_check_in:
            self.open_check_time(Moment.CHECK_IN)

    def open_check_time(self, kind: Moment) -> CheckTimeDialog | None:
        """Open the time dialog (window-modal, not blocking) for the selected person or a walk-in."""
        roster = self.roster
        if roster is None:
            return None
        entry = self.selected_entry()
        if kind is not Moment.WALK_IN and entry is None:
            return None
        occ = roster.occurrence_id
        action: Callable[[datetime, str], Any]
        if kind is Moment.CHECK_IN:
            assert entry is not None
            email = entry.email
            action = lambda at, _e: roster_service.check_in(self.db, self.actor, occ, email, at)  # noqa: E731
        elif kind is Moment.CHECK_OUT:
            assert entry is not None
            email = entry.email
            action = lambda at, _e: roster_service.check_out(self.db, self.actor, occ, email, at)  # noqa: E731
        else:
            action = lambda at, e: (e, roster_service.add_walk_in(self.db, self.actor, occ, e, at))  # noqa: E731
        dialog = CheckTimeDialog(
            kind, title=roster.title, zone=roster.timezone, now=self.clock, action=action,
            name=entry.name if entry is not None and kind is not Moment.WALK_IN else "", parent=self,
        )
        dialog.accepted.connect(lambda: self._checked(kind, dialog, entry))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _checked(self, kind: Moment, dialog: CheckTimeDialog, entry: RosterEntry | None) -> None:
        roster = self.roster
        if roster is None:
            return
        tr = QCoreApplication.translate
        at = timefmt.moment_text(dialog.moment, roster.timezone, tr=tr)
        if kind is Moment.CHECK_IN and entry is not None:
            text, keep = self.tr("{name} checked in at {time}.").format(name=entry.name, time=at), entry.email
        elif kind is Moment.CHECK_OUT and entry is not None:
            result: CheckOutResult = dialog.result_value
            text = self.tr("{name} checked out at {time}: {hours} credited, waiting for verification. {why}").format(
                name=entry.name, time=at, hours=timefmt.duration_text(result.credited_minutes, tr),
                why=explain_credit(result.rule, tr),
            )
            keep = entry.email
        else:
            email, _signup = dialog.result_value
            text, keep = self.tr("{email} added as a walk-in, checked in at {time}.").format(email=email, time=at), email
        show_status(self.status, text, Tone.SUCCESS)
        self._reload_after_change(keep)

    def mark_no_show(self) -> None:
        roster, entry = self.roster, self.selected_entry()
        if roster is None or entry is None:
            return
        occ, email, name = roster.occurrence_id, entry.email, entry.name

        def done(_result: object) -> None:
            show_status(self.status, self.tr("{name} marked as a no-show.").format(name=name), Tone.SUCCESS)
            self._reload_after_change(email)

        run_in_background(
            self, lambda _job: roster_service.mark_no_show(self.db, self.actor, occ, email), done, self._failed
        )

    def open_hand_assign(self) -> HandAssignDialog | None:
        roster = self.roster
        if roster is None:
            return None
        dialog = HandAssignDialog(self.db, self.actor, roster, self)
        dialog.accepted.connect(lambda: self._hand_assigned(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _hand_assigned(self, dialog: HandAssignDialog) -> None:
        email = dialog.email.lower()
        state = self.tr("confirmed") if dialog.confirmed_box.isChecked() else self.tr("proposed to them")
        show_status(self.status, self.tr("{email} assigned ({state}).").format(email=email, state=state), Tone.SUCCESS)
        self._reload_after_change(email)

    def _reload_after_change(self, email: str | None) -> None:
        if self.roster is None:
            return
        occurrence_id = self.roster.occurrence_id
        self._wanted_occurrence = occurrence_id
        self.load_roster(occurrence_id, keep=email)
        # The counts in the list above change too; the roster stays where it is.
        start, end = self._window()
        text = self.filter_edit.text()
        run_in_background(
            self,
            lambda _job: roster_service.occurrences(self.db, self.actor, start, end, text=text),
            self._counts_loaded,
            self._failed,
        )

    def _counts_loaded(self, rows: list[OccurrenceRow]) -> None:
        current = self.roster.occurrence_id if self.roster is not None else None
        self._quiet = True  # the same occurrence stays chosen: no second roster load
        try:
            self.occurrences.set_rows(rows)
            ids = [r.occurrence_id for r in rows]
            if current in ids:
                select_row(self.occurrence_table, ids.index(current))
        finally:
            self._quiet = False
        self._wanted_occurrence = None
        self._update_count()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            show_status(self.status, errors.translate_service_error(exc), Tone.ERROR)
            return
        report = errors.show_error(self, exc)
        show_status(self.status, report.text, Tone.ERROR)
