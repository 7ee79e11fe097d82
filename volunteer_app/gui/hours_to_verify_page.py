"""Hours to verify: the pending records of the coordinator's organisations, and the volunteers' requests.

Above, the queue (oldest first): select one or several rows and **Verify** them,
or **Reject…** them with a reason; each button is one transaction, all or nothing.
Below, the "this is wrong" requests: **Accept…** makes a corrected record through
the correction chain (or the missing one), **Decline…** needs a reason. The
coordinator's own hours never appear here (nobody decides their own). Loading and
deciding run in the background; a refusal shows as one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import style
from volunteer_app.gui.areas import Side, register_area
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.hours_decision_dialog import AcceptRequestDialog, ReasonDialog
from volunteer_app.gui.hours_tables import (
    CONTEXT,
    hours_text,
    kind_text,
    moment,
    rule_text,
    show_failure,
    when_text,
)
from volunteer_app.gui.list_tables import Col, RowsModel, rows_table, selected_rows
from volunteer_app.gui.pages import AreaPage
from volunteer_app.gui.style import PAGE_MARGINS, Tone
from volunteer_app.services import hours, hours_ledger, hours_requests
from volunteer_app.services.accounts import Actor
from volunteer_app.services.hours_ledger import PendingQueue, RecordView, RequestView
from volunteer_app.services.storage import Database

TITLE = QT_TRANSLATE_NOOP("Areas", "Hours to verify")


def _record_notes(r: RecordView) -> str:
    parts = []
    if r.corrects_id is not None:
        parts.append(QCoreApplication.translate("Hours", "Corrects an earlier record"))
    if r.has_open_request:
        parts.append(QCoreApplication.translate("Hours", "The volunteer asked for a correction (see below)"))
    return " · ".join(parts)


def _volunteer(r: RecordView | RequestView) -> str:
    return r.person_name


RECORD_COLUMNS: list[Col[RecordView]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Volunteer"), _volunteer, width=140, tooltip=lambda r: r.person_email),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Task"), lambda r: r.title, width=180),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "When"), lambda r: when_text(r.started_at, r.ended_at, r.timezone), width=290),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Credited"),
        lambda r: hours_text(r.credited_minutes),
        width=70,
        align_right=True,
        tooltip=lambda r: QCoreApplication.translate("Hours", "{minutes} minutes").format(minutes=r.credited_minutes),
    ),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Rule applied"), lambda r: rule_text(r.credit_rule), width=220),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Notes"), _record_notes, width=160, stretch=True),
]


def _about(q: RequestView) -> str:
    return (
        q.title
        if q.record_id is not None
        else QCoreApplication.translate("Hours", "{title} (no record yet)").format(title=q.title)
    )


def _now(q: RequestView) -> str:
    if q.started_at is None:
        return ""
    text = when_text(q.started_at, q.ended_at, q.timezone)
    return f"{text}, {hours_text(q.credited_minutes)}" if q.credited_minutes is not None and q.record_id else text


def _proposed(q: RequestView) -> str:
    return when_text(q.proposed_started_at, q.proposed_ended_at, q.timezone)


# Wider than a narrow window on purpose: the columns a decision needs come first, the rest scroll.
REQUEST_COLUMNS: list[Col[RequestView]] = [
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Volunteer"), _volunteer, width=130, tooltip=lambda q: q.person_email),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "What is wrong"), lambda q: kind_text(q.kind), width=110),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "About"), _about, width=170),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Message"), lambda q: q.message, width=230),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Proposed"), _proposed, width=250),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Recorded"), _now, width=250),
    Col(CONTEXT, QT_TRANSLATE_NOOP("Hours", "Asked"), lambda q: moment(q.created_at, q.timezone), width=170),
]


@register_area("hours_to_verify", TITLE, Side.COORDINATOR, order=140)
class HoursToVerifyPage(AreaPage):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.queue: PendingQueue | None = None
        self.requests: list[RequestView] | None = None
        self.dialog: ReasonDialog | AcceptRequestDialog | None = None
        self._loading = False

        self.heading = style.heading_label(self)
        self.intro = style.make_note(QLabel(self))
        self.status_label = style.error_label(self)

        self.records_model: RowsModel[RecordView] = RowsModel(RECORD_COLUMNS, self)
        self.records_table = rows_table(self.records_model, self, multi=True)
        self.records_count = QLabel(self)
        self.verify_button = QPushButton(self)
        self.reject_button = QPushButton(self)

        self.requests_heading = style.subheading_label(self)
        self.requests_model: RowsModel[RequestView] = RowsModel(REQUEST_COLUMNS, self)
        self.requests_table = rows_table(self.requests_model, self)
        self.requests_count = QLabel(self)
        self.accept_button = QPushButton(self)
        self.decline_button = QPushButton(self)

        records_bar = QHBoxLayout()
        records_bar.addWidget(self.verify_button)
        records_bar.addWidget(self.reject_button)
        records_bar.addStretch(1)
        records_bar.addWidget(self.records_count)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(records_bar)
        top_layout.addWidget(self.records_table, 1)

        requests_bar = QHBoxLayout()
        requests_bar.addWidget(self.requests_heading)
        requests_bar.addSpacing(12)
        requests_bar.addWidget(self.accept_button)
        requests_bar.addWidget(self.decline_button)
        requests_bar.addStretch(1)
        requests_bar.addWidget(self.requests_count)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 8, 0, 0)
        bottom_layout.addLayout(requests_bar)
        bottom_layout.addWidget(self.requests_table, 1)

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
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.verify_button, self.reject_button)
        self.setTabOrder(self.reject_button, self.records_table)
        self.setTabOrder(self.records_table, self.accept_button)
        self.setTabOrder(self.accept_button, self.decline_button)
        self.setTabOrder(self.decline_button, self.requests_table)
        self.verify_button.clicked.connect(self.verify_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        self.records_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.requests_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.requests_table.doubleClicked.connect(lambda _i: self.accept_selected())
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Hours to verify"))
        self.heading.setAccessibleName(self.heading.text())
        self.verify_button.setText(self.tr("&Verify"))
        self.verify_button.setAccessibleName(self.tr("Verify the selected hours"))
        self.reject_button.setText(self.tr("Re&ject…"))
        self.reject_button.setAccessibleName(self.tr("Reject the selected hours, with a reason"))
        self.records_table.setAccessibleName(self.tr("Pending hours"))
        self.records_table.setAccessibleDescription(
            self.tr("Select one or several rows (Shift or Ctrl), then Verify or Reject.")
        )
        self.requests_heading.setText(self.tr("Volunteers' requests"))
        self.accept_button.setText(self.tr("&Accept…"))
        self.accept_button.setAccessibleName(self.tr("Accept the selected request and make the corrected record"))
        self.decline_button.setText(self.tr("&Decline…"))
        self.decline_button.setAccessibleName(self.tr("Decline the selected request, with a reason"))
        self.requests_table.setAccessibleName(self.tr("Volunteers' requests"))
        self.records_model.retranslate()
        self.requests_model.retranslate()
        self._show_counts()

    def _show_counts(self) -> None:
        locale = QLocale()
        queue = self.queue
        if queue is None:
            self.intro.setText(self.tr("Loading the hours to verify…") if self._loading else "")
            self.records_count.setText("")
        else:
            if queue.organisations:
                self.intro.setText(
                    self.tr(
                        "Pending hours in {organisations}, oldest first. Select several rows with Shift or Ctrl "
                        "to decide them together. Your own hours are verified by another coordinator."
                    ).format(organisations=", ".join(queue.organisations))
                )
            else:
                self.intro.setText(self.tr("You coordinate no organisation, so no hours wait for you."))
            chosen = len(self.records_table.selectionModel().selectedRows())
            if queue.total > len(queue.records):
                text = self.tr("{shown} of {total} pending shown").format(
                    shown=locale.toString(len(queue.records)), total=locale.toString(queue.total)
                )
            elif queue.total:
                text = self.tr("{count} pending").format(count=locale.toString(queue.total))
            else:
                text = self.tr("Nothing waits for verification.")
            if chosen:
                text = self.tr("{chosen} selected · {rest}").format(chosen=locale.toString(chosen), rest=text)
            self.records_count.setText(text)
        self.records_count.setAccessibleName(self.records_count.text())
        if self.requests is None:
            self.requests_count.setText("")
        else:
            self.requests_count.setText(
                self.tr("{count} open").format(count=locale.toString(len(self.requests)))
                if self.requests
                else self.tr("No open requests.")
            )
        self.requests_count.setAccessibleName(self.requests_count.text())

    # ------------------------------------------------------------------ loading

    def activate(self) -> None:
        if self.queue is None and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        self._loading = True
        self._show_counts()

        def work(_job: object) -> tuple[PendingQueue, list[RequestView]]:
            return hours_ledger.pending_records(db, actor), hours_requests.open_requests(db, actor)

        run_in_background(self, work, self._loaded, self._failed)

    def _loaded(self, result: tuple[PendingQueue, list[RequestView]]) -> None:
        self._loading = False
        self.queue, self.requests = result
        keep = {r.id for r in selected_rows(self.records_table)}
        keep_request = {q.id for q in selected_rows(self.requests_table)}
        self.records_model.set_rows(self.queue.records)
        self.requests_model.set_rows(self.requests)
        for i, r in enumerate(self.queue.records):
            if r.id in keep:
                self.records_table.selectionModel().select(
                    self.records_model.index(i, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
        for i, q in enumerate(self.requests):
            if q.id in keep_request:
                self.requests_table.selectRow(i)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._show_counts()
        show_failure(self.status_label, self, exc)

    def _update_buttons(self) -> None:
        has_records = bool(self.records_table.selectionModel().selectedRows())
        has_request = bool(self.requests_table.selectionModel().selectedRows())
        self.verify_button.setEnabled(has_records)
        self.reject_button.setEnabled(has_records)
        self.accept_button.setEnabled(has_request)
        self.decline_button.setEnabled(has_request)
        self._show_counts()

    # ------------------------------------------------------------------ deciding

    def selected_records(self) -> list[RecordView]:
        return selected_rows(self.records_table)

    def selected_request(self) -> RequestView | None:
        rows = selected_rows(self.requests_table)
        return rows[0] if rows else None

    def verify_selected(self) -> None:
        ids = [r.id for r in self.selected_records()]
        if not ids:
            return
        db, actor = self.db, self.actor
        self.verify_button.setEnabled(False)
        run_in_background(
            self,
            lambda _job: hours.verify_many(db, actor, ids),
            lambda count: self._decided(self.tr("Verified {count} record(s).").format(count=count)),
            self._action_failed,
        )

    def reject_selected(self) -> None:
        ids = [r.id for r in self.selected_records()]
        if not ids:
            return
        db, actor = self.db, self.actor
        names = ", ".join(sorted({r.person_name for r in self.selected_records()}))
        self._open(
            ReasonDialog(
                self.tr("Reject hours"),
                self.tr("Why are these {count} record(s) of {names} rejected?").format(count=len(ids), names=names),
                self.tr("Reject"),
                lambda reason: hours.reject_many(db, actor, ids, reason),
                self,
            ),
            lambda count: self.tr("Rejected {count} record(s).").format(count=count),
        )

    def accept_selected(self) -> None:
        request = self.selected_request()
        if request is None:
            return
        self._open(
            AcceptRequestDialog(self.db, self.actor, request, self),
            lambda record_id: self.tr("Request accepted: record {id} waits for verification above.").format(
                id=record_id
            ),
        )

    def decline_selected(self) -> None:
        request = self.selected_request()
        if request is None:
            return
        db, actor, request_id = self.db, self.actor, request.id
        self._open(
            ReasonDialog(
                self.tr("Decline the request"),
                self.tr("Why is {name}'s request about “{title}” declined?").format(
                    name=request.person_name, title=request.title
                ),
                self.tr("Decline"),
                lambda reason: hours_requests.decline_request(db, actor, request_id, reason),
                self,
            ),
            lambda _none: self.tr("Request declined."),
        )

    def _open(self, dialog: ReasonDialog | AcceptRequestDialog, message: Callable[[Any], str]) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()  # the previous one, closed by now (they are window-modal)
        self.dialog = dialog
        dialog.succeeded.connect(lambda value: self._decided(message(value)))
        dialog.open()

    def _decided(self, text: str) -> None:
        style.show_status(self.status_label, text, Tone.SUCCESS)
        self.refresh()

    def _action_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        show_failure(self.status_label, self, exc)
