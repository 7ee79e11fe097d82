"""The Auto-assign area: run the matching engine for one of my organisations and a period,
review what it proposes, and store the proposals I accept.

"Run" solves in the background with a progress dialog that can be cancelled; nothing
is stored by running. The proposals (volunteer, task, time on the task's clock,
distance) can be accepted all at once or a selection; accepting stores exactly those,
re-checking places and clashes, as proposed signups the volunteers then accept or
decline. Below, every place left open says why in words (the engine's reason codes).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain.timefmt import zone_of
from volunteer_app.gui import errors
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import Job, run_in_background
from volunteer_app.gui.list_tables import Col, RowsModel, rows_table, selected_rows
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import (
    PAGE_MARGINS,
    Tone,
    error_label,
    heading_label,
    make_note,
    show_status,
    subheading_label,
)
from volunteer_app.services import hand_assign
from volunteer_app.services import roster as roster_service
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.hand_assign import AssignReview, OpenSlots, ProposalView
from volunteer_app.services.roster import ManagedOrganisation
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Auto-assign")
CONTEXT = "AutoAssign"
DEFAULT_DAYS = 14
DATE_FORMAT = "yyyy-MM-dd"

#: The engine's reasons for an open place (README "The matching engine"), in words.
REASONS = {
    "no_volunteer_with_skills": QT_TRANSLATE_NOOP("AutoAssign", "nobody has the skills it needs"),
    "none_within_reach": QT_TRANSLATE_NOOP("AutoAssign", "those with the skills live too far away"),
    "nobody_free_then": QT_TRANSLATE_NOOP("AutoAssign", "those in reach are not free then"),
    "over_minute_cap": QT_TRANSLATE_NOOP("AutoAssign", "it would take those free over their hour limit"),
    "able_volunteers_busy": QT_TRANSLATE_NOOP("AutoAssign", "those who could are placed elsewhere then"),
}
SKIPPED = {
    "full": QT_TRANSLATE_NOOP("AutoAssign", "Full already: not given to the engine"),
    "no_location": QT_TRANSLATE_NOOP("AutoAssign", "Has no place on the map and is not remote: nobody can be placed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reason_text(slots: OpenSlots) -> str:
    """Why the places stay open, in words: "Nobody has the skills it needs (2); …"."""
    if slots.skipped is not None:
        return _tr(SKIPPED.get(slots.skipped, slots.skipped))
    parts = []
    # The order of the engine's funnel: the first pool that ran dry explains the most.
    for code in ("no_volunteer_with_skills", "none_within_reach", "nobody_free_then", "over_minute_cap",
                 "able_volunteers_busy"):
        count = slots.reasons.get(code)
        if count:
            parts.append(_tr("{reason} ({count})").format(reason=_tr(REASONS[code]), count=QLocale().toString(count)))
    for code, count in sorted(slots.reasons.items()):  # a code this version does not know yet
        if code not in REASONS and count:
            parts.append(f"{code} ({QLocale().toString(count)})")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def distance_text(view: ProposalView) -> str:
    if view.is_remote:
        return _tr("Remote")
    return _tr("{km} km").format(km=QLocale().toString(view.proposal.distance_km, "f", 1))


PROPOSAL_COLUMNS: list[Col[ProposalView]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Volunteer"), lambda v: v.proposal.name, width=170),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Task"), lambda v: v.proposal.title, width=220, stretch=True),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Time"), lambda v: v.time_text(QCoreApplication.translate),
        width=400),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Distance"), distance_text, width=90, align_right=True),
]
OPEN_COLUMNS: list[Col[OpenSlots]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Task"), lambda o: o.title, width=260),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Time"), lambda o: o.time_text(QCoreApplication.translate),
        width=430),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Open"), lambda o: QLocale().toString(o.open), width=60,
        align_right=True),
    Col(CONTEXT, QT_TRANSLATE_NOOP("AutoAssign", "Why"), reason_text, width=320, stretch=True),
]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


@register_area("assign", TITLE, Side.COORDINATOR, order=120)
class AssignPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.organisations: list[ManagedOrganisation] = []
        self.review: AssignReview | None = None
        self.loaded = False
        self.running = False

        self.heading = heading_label(self)
        self.intro = make_note(QLabel(self))
        self.org_box = QComboBox(self)
        self.org_box.setObjectName("assignOrganisation")
        self.org_box.setMinimumContentsLength(24)
        self.org_label = QLabel(self)
        self.org_label.setBuddy(self.org_box)
        today = datetime.now().date()
        self.from_edit = QDateEdit(qdate(today), self)
        self.to_edit = QDateEdit(qdate(today + timedelta(days=DEFAULT_DAYS - 1)), self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        self.from_label = QLabel(self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(self)
        self.to_label.setBuddy(self.to_edit)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("runEngineButton")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.status = error_label(self)

        self.proposals_heading = subheading_label(self)
        self.accept_selected_button = QPushButton(self)
        self.accept_selected_button.setObjectName("acceptSelectedButton")
        self.accept_all_button = QPushButton(self)
        self.accept_all_button.setObjectName("acceptAllButton")
        self.accept_selected_button.clicked.connect(
            lambda: self.accept_proposals(selected_rows(self.proposal_table))
        )
        self.accept_all_button.clicked.connect(lambda: self.accept_proposals(self.proposals.rows()))
        self.proposals = RowsModel(PROPOSAL_COLUMNS, self)
        self.proposal_table = rows_table(self.proposals, self, multi=True)
        self.proposal_table.setObjectName("proposalTable")
        self.proposal_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_heading = subheading_label(self)
        self.open_slots = RowsModel(OPEN_COLUMNS, self)
        self.open_table = rows_table(self.open_slots, self)
        self.open_table.setObjectName("openSlotsTable")
        self.open_note = make_note(QLabel(self))

        form = QHBoxLayout()
        form.addWidget(self.org_label)
        form.addWidget(self.org_box, 2)
        form.addSpacing(12)
        form.addWidget(self.from_label)
        form.addWidget(self.from_edit)
        form.addWidget(self.to_label)
        form.addWidget(self.to_edit)
        form.addSpacing(12)
        form.addWidget(self.run_button)
        form.addStretch(1)

        proposals_bar = QHBoxLayout()
        proposals_bar.addWidget(self.proposals_heading, 1)
        proposals_bar.addWidget(self.accept_selected_button)
        proposals_bar.addWidget(self.accept_all_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(proposals_bar)
        top_layout.addWidget(self.proposal_table, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.open_heading)
        bottom_layout.addWidget(self.open_note)
        bottom_layout.addWidget(self.open_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        order = [self.org_box, self.from_edit, self.to_edit, self.run_button, self.proposal_table,
                 self.accept_selected_button, self.accept_all_button, self.open_table]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.org_box)
        self.retranslate()
        self._update_buttons()

    # -- texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Auto-assign"))
        self.heading.setAccessibleName(self.heading.text())
        self.intro.setText(
            self.tr(
                "The matching engine proposes who goes where for your organisation's open tasks: skills, travel "
                "distance, free hours and hour limits respected, the most important places filled first. "
                "Nothing is stored until you accept; accepted proposals are sent to the volunteers to confirm."
            )
        )
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_box.setAccessibleName(self.tr("Organisation"))
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        self.from_edit.setAccessibleName(self.tr("First day"))
        self.to_edit.setAccessibleName(self.tr("Last day"))
        self.run_button.setText(self.tr("&Run"))
        self.run_button.setAccessibleName(self.tr("Run the matching engine"))
        self.accept_selected_button.setText(self.tr("Accept &selected"))
        self.accept_selected_button.setAccessibleName(self.tr("Accept the selected proposals"))
        self.accept_all_button.setText(self.tr("Accept &all"))
        self.accept_all_button.setAccessibleName(self.tr("Accept all proposals"))
        self.proposal_table.setAccessibleName(self.tr("Proposals"))
        self.open_table.setAccessibleName(self.tr("Places left open"))
        self.proposals.retranslate()
        self.open_slots.retranslate()
        self._update_headings()

    def _update_headings(self) -> None:
        locale = QLocale()
        review = self.review
        if review is None:
            self.proposals_heading.setText(self.tr("Proposals"))
            self.open_heading.setText(self.tr("Places left open"))
            self.open_note.setText(self.tr("Choose an organisation and the days, then press Run."))
            return
        self.proposals_heading.setText(
            self.tr("Proposals ({count})").format(count=locale.toString(self.proposals.rowCount()))
        )
        total = sum(o.open for o in self.open_slots.rows())
        self.open_heading.setText(self.tr("Places left open ({count})").format(count=locale.toString(total)))
        self.open_note.setText(
            self.tr("Every place the engine could not fill, and why.") if self.open_slots.rowCount()
            else self.tr("The engine filled every open place in these days.")
        )

    # -- loading

    def activate(self) -> None:
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        self.loaded = True
        run_in_background(
            self, lambda _job: roster_service.managed_organisations(self.db, self.actor), self._orgs_loaded,
            self._failed,
        )

    def _orgs_loaded(self, organisations: list[ManagedOrganisation]) -> None:
        current = self.organisation.id if self.organisation is not None else None
        self.organisations = organisations
        self.org_box.clear()
        for org in organisations:
            self.org_box.addItem(org.name, org.id)
        ids = [o.id for o in organisations]
        if current in ids:
            self.org_box.setCurrentIndex(ids.index(current))
        if not organisations:
            show_status(self.status, self.tr("You coordinate no organisation, so there is nothing to assign."),
                        Tone.NOTE)
        self._update_buttons()

    @property
    def organisation(self) -> ManagedOrganisation | None:
        index = self.org_box.currentIndex()
        return self.organisations[index] if 0 <= index < len(self.organisations) else None

    def set_days(self, first: date, last: date) -> None:
        self.from_edit.setDate(qdate(first))
        self.to_edit.setDate(qdate(last))

    def _window(self, zone: str) -> tuple[datetime, datetime]:
        """The chosen days as midnights on the organisation's clock, the last day included."""
        first, last = pydate(self.from_edit.date()), pydate(self.to_edit.date())
        if last < first:
            first, last = last, first
        tz = zone_of(zone)
        start = datetime(first.year, first.month, first.day, tzinfo=tz)
        end = datetime(last.year, last.month, last.day, tzinfo=tz) + timedelta(days=1)
        return start, end

    # -- running the engine

    def run(self) -> None:
        org = self.organisation
        if org is None or self.running:
            return
        start, end = self._window(org.timezone)
        phases = {"solve": self.tr("Matching volunteers to tasks…"), "describe": self.tr("Reading the results…")}
        self.running = True
        self._update_buttons()
        show_status(self.status, "")

        def work(job: Job) -> AssignReview:
            def progress(phase: str) -> None:
                job.check()
                job.report(0, 0, phases.get(phase, ""))

            return hand_assign.review_assignments(self.db, self.actor, org.id, start, end, progress=progress)

        run_in_background(
            self, work, self._reviewed, self._run_failed, progress=self.tr("Running the matching engine…"),
            cancellable=True, on_cancelled=self._cancelled,
        )

    def _reviewed(self, review: AssignReview) -> None:
        self.running = False
        self.review = review
        self.proposals.set_rows(review.proposals)
        self.open_slots.set_rows(review.open_slots)
        locale = QLocale()
        text = self.tr("{count} proposals for {organisation}; {open} places left open. Nothing is stored yet.").format(
            count=locale.toString(len(review.proposals)), organisation=review.organisation,
            open=locale.toString(sum(o.open for o in review.open_slots)),
        )
        if review.gap is not None and review.proposals:
            text += " " + self.tr("At least {percent}% as good as the best possible assignment.").format(
                percent=locale.toString(max(0.0, 100 * (1 - review.gap)), "f", 1)
            )
        if review.declined_before:
            text += " " + self.tr("{count} proposals declined before were not made again.").format(
                count=locale.toString(review.declined_before)
            )
        show_status(self.status, text, Tone.NOTE)
        self._update_headings()
        self._update_buttons()

    def _cancelled(self) -> None:
        self.running = False
        show_status(self.status, self.tr("Cancelled: nothing was proposed or stored."), Tone.NOTE)
        self._update_buttons()

    def _run_failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_buttons()
        self._failed(exc)

    # -- accepting

    def accept_proposals(self, views: list[ProposalView]) -> None:
        org = self.organisation
        review = self.review
        if not views or review is None or org is None:
            return
        chosen = [v.proposal for v in views]
        keys = {v.key for v in views}
        organisation_id = review.organisation_id

        def done(count: int) -> None:
            remaining = [v for v in self.proposals.rows() if v.key not in keys]
            self.proposals.set_rows(remaining)
            show_status(
                self.status,
                self.tr("Stored {count} proposals; each volunteer is asked to accept or decline.").format(
                    count=QLocale().toString(count)
                ),
                Tone.SUCCESS,
            )
            self._update_headings()
            self._update_buttons()

        run_in_background(
            self, lambda _job: hand_assign.apply_proposals(self.db, self.actor, organisation_id, chosen), done,
            self._failed,
        )

    def _update_buttons(self) -> None:
        has_org = self.organisation is not None
        self.run_button.setEnabled(has_org and not self.running)
        self.accept_all_button.setEnabled(self.proposals.rowCount() > 0 and not self.running)
        self.accept_selected_button.setEnabled(bool(selected_rows(self.proposal_table)) and not self.running)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            show_status(self.status, errors.translate_service_error(exc), Tone.ERROR)
            return
        report = errors.show_error(self, exc)
        show_status(self.status, report.text, Tone.ERROR)

