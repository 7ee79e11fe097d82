"""Assign someone by hand to one occurrence, with the engine's rules shown before anything is stored.

"Check" says what placing the person would break: skills they lack, time outside their
free hours (both may be overridden with a stated reason), or a place they hold at the
same time (never overridden). "Assign" stores the signup as proposed (the volunteer
accepts or declines it in My schedule) or, ticked, as confirmed.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.enums import TaskKind
from volunteer_app.gui import errors, i18n
from volunteer_app.gui.background import run_in_background
from volunteer_app.gui.style import Retranslating, Tone, error_label, make_note, show_status, subheading_label
from volunteer_app.services import browse, hand_assign
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.hand_assign import HandCheck, MissingSkill
from volunteer_app.services.roster import Roster
from volunteer_app.services.signups import flexible_starts
from volunteer_app.services.storage import Database

#: People offered in the volunteer field's completion list at most.
SUGGESTED_PEOPLE = 500
_EMAIL_IN_BRACKETS = re.compile(r"<([^<>\s]+@[^<>\s]+)>\s*$")


def email_of(text: str) -> str:
    """The email in "Name <email>" (as the completion list writes it), or the text itself."""
    found = _EMAIL_IN_BRACKETS.search(text.strip())
    return found.group(1) if found else text.strip()


def skill_label(skill: MissingSkill) -> str:
    return skill.label_zh if i18n.current() == i18n.CHINESE and skill.label_zh else skill.label


class HandAssignDialog(Retranslating, QDialog):
    """Place a person on ``roster``'s occurrence by hand. ``signup_id`` holds the new signup once stored."""

    def __init__(self, db: Database, actor: Actor, roster: Roster, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.roster = db, actor, roster
        self.signup_id: int | None = None
        self.last_check: HandCheck | None = None
        self.setObjectName("handAssignDialog")
        self.heading = subheading_label(self)
        self.heading.setWordWrap(True)
        self.when = make_note(QLabel(self))

        self.person_edit = QLineEdit(self)
        self.person_edit.setObjectName("handAssignPerson")
        self.people = QStringListModel(self)
        completer = QCompleter(self.people, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person_edit.setCompleter(completer)
        self.person_label = QLabel(self)
        self.person_label.setBuddy(self.person_edit)
        self.check_button = QPushButton(self)
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.run_check)

        self.start_box = QComboBox(self)
        self.start_box.setObjectName("handAssignStart")
        self.start_label = QLabel(self)
        self.start_label.setBuddy(self.start_box)
        self.starts: list[datetime | None] = [None]
        if roster.kind is TaskKind.FLEXIBLE and roster.minutes:
            self.starts += flexible_starts(roster.starts_at, roster.ends_at, roster.minutes)

        self.findings = QLabel(self)
        self.findings.setObjectName("handAssignFindings")
        self.findings.setWordWrap(True)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings.hide()
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("handAssignReason")
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_note = make_note(QLabel(self))
        self.confirmed_box = QCheckBox(self)
        self.confirmed_box.setObjectName("handAssignConfirmed")
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.assign_button = QPushButton(self)
        self.assign_button.setObjectName("handAssignButton")
        self.buttons.addButton(self.assign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        person_row = QHBoxLayout()
        person_row.addWidget(self.person_edit, 1)
        person_row.addWidget(self.check_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.person_label, person_row)
        if len(self.starts) > 1:
            form.addRow(self.start_label, self.start_box)
        else:
            self.start_box.hide()
            self.start_label.hide()
        form.addRow("", self.findings)
        form.addRow(self.reason_label, self.reason_edit)
        form.addRow("", self.reason_note)
        form.addRow("", self.confirmed_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.when)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.person_edit.textChanged.connect(self._forget_check)
        self.start_box.currentIndexChanged.connect(self._forget_check)
        self.retranslate()
        self.person_edit.setFocus()
        run_in_background(self, self._load_people, self._people_loaded, lambda _exc: None)

    # -- people to complete from (a convenience: failing to load them changes nothing else)

    def _load_people(self, _job: object) -> list[str]:
        rows = browse.fetch_volunteers(self.db, self.actor, limit=SUGGESTED_PEOPLE)
        return [f"{row.name} <{row.email}>" for row in rows]

    def _people_loaded(self, entries: list[str]) -> None:
        self.people.setStringList(entries)

    # -- texts

    def retranslate(self) -> None:
        tr = QCoreApplication.translate
        self.setWindowTitle(self.tr("Assign by hand"))
        self.heading.setText(self.tr("Assign someone to {title}").format(title=self.roster.title))
        self.when.setText(self.roster.time_text(tr))
        self.person_label.setText(self.tr("&Volunteer:"))
        self.person_edit.setPlaceholderText(self.tr("Type a name or an email"))
        self.person_edit.setAccessibleName(self.tr("Volunteer to assign"))
        self.check_button.setText(self.tr("C&heck"))
        self.check_button.setAccessibleName(self.tr("Check skills, free time and clashes"))
        self.start_label.setText(self.tr("&Starts:"))
        self.start_box.setAccessibleName(self.tr("Start of their stint"))
        current = self.start_box.currentIndex()
        self.start_box.clear()
        for start in self.starts:
            if start is None:
                self.start_box.addItem(self.tr("The first start that fits them"))
            else:
                self.start_box.addItem(timefmt.moment_text(start, self.roster.timezone, tr=tr))
        self.start_box.setCurrentIndex(max(0, current))
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.setPlaceholderText(self.tr("Why they may go although a rule says no"))
        self.reason_edit.setAccessibleName(self.tr("Reason for overriding skills or free time"))
        self.reason_note.setText(
            self.tr(
                "Needed only when they lack a skill the task asks for or are not free then; it is kept with "
                "the signup. A clash with another place they hold is never allowed."
            )
        )
        self.confirmed_box.setText(self.tr("They have agreed already (&confirm instead of proposing)"))
        self.confirmed_box.setAccessibleName(self.tr("They have agreed already"))
        self.assign_button.setText(self.tr("&Assign"))
        self.assign_button.setAccessibleName(self.tr("Assign"))
        if self.last_check is not None:
            self._show_check(self.last_check)

    # -- check

    @property
    def email(self) -> str:
        return email_of(self.person_edit.text())

    @property
    def start(self) -> datetime | None:
        return self.starts[self.start_box.currentIndex()] if self.start_box.currentIndex() >= 0 else None

    def _forget_check(self, *_args: object) -> None:
        self.last_check = None
        self.findings.hide()
        self.assign_button.setEnabled(True)

    def run_check(self) -> None:
        email, start = self.email, self.start
        if not email:
            show_status(self.error, self.tr("Type who to assign."), Tone.ERROR)
            return
        show_status(self.error, "")
        run_in_background(
            self,
            lambda _job: hand_assign.check_hand_assignment(self.db, self.actor, self.roster.occurrence_id, email, start),
            self._checked,
            self._failed,
        )

    def _checked(self, check: HandCheck) -> None:
        self.last_check = check
        self._show_check(check)

    def _show_check(self, check: HandCheck) -> None:
        tr = QCoreApplication.translate
        lines = []
        if check.already is not None:
            lines.append(self.tr("{name} is on this task already.").format(name=check.name))
        if check.clash is not None:
            c = check.clash
            lines.append(
                self.tr("{name} already holds a place on {other} ({when}): a clash cannot be overridden.").format(
                    name=check.name, other=c.title,
                    when=timefmt.task_time_text(c.starts_at, c.ends_at, c.timezone, tr=tr),
                )
            )
        if check.missing_skills:
            parts = [
                self.tr("{skill} (has {has}, needs {needs})").format(skill=skill_label(m), has=m.has, needs=m.needs)
                for m in check.missing_skills
            ]
            lines.append(self.tr("Lacks skills the task needs: {skills}.").format(skills=", ".join(parts)))
        if check.not_free:
            lines.append(self.tr("Not free then (outside their free hours)."))
        when = timefmt.task_time_text(check.start, check.end, check.timezone, tr=tr)
        if not lines:
            text, tone = self.tr("{name} fits: skills, free time and no clash ({when}).").format(
                name=check.name, when=when
            ), Tone.SUCCESS
        elif check.allowed:
            text = " ".join(lines) + " " + self.tr("Give a reason to assign them anyway.")
            tone = Tone.WARNING
        else:
            text, tone = " ".join(lines), Tone.ERROR
        show_status(self.findings, text, tone)
        self.assign_button.setEnabled(check.allowed)

    # -- assign

    def submit(self) -> None:
        email, start = self.email, self.start
        if not email:
            show_status(self.error, self.tr("Type who to assign."), Tone.ERROR)
            self.person_edit.setFocus()
            return
        reason, confirmed = self.reason_edit.text(), self.confirmed_box.isChecked()
        show_status(self.error, "")
        self.assign_button.setEnabled(False)
        run_in_background(
            self,
            lambda _job: hand_assign.assign_by_hand(
                self.db, self.actor, self.roster.occurrence_id, email, start=start,
                override_reason=reason, confirmed=confirmed,
            ),
            self._assigned,
            self._failed,
        )

    def _assigned(self, signup_id: int) -> None:
        self.signup_id = signup_id
        self.assign_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.assign_button.setEnabled(True)
        if isinstance(exc, ServiceError):
            show_status(self.error, errors.translate_service_error(exc), Tone.ERROR)
            if getattr(exc, "field", None) == "override_reason":
                self.reason_edit.setFocus()
            return
        report = errors.show_error(self, exc)
        show_status(self.error, report.text, Tone.ERROR)
