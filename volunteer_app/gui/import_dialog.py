"""Import tasks or volunteers from a spreadsheet: file -> columns -> preview -> import.

Three steps in one dialog:

1. **File**: a CSV or XLSX file, the organisation, the time zone of rows without one,
   and how to read dates such as 05/06/2026.
2. **Columns**: a combo per field listing the file's headers, pre-filled with the
   mapping remembered for this header row, or else the headers that name a field.
3. **Preview**: the first rows as they will be stored, every problem (row, column,
   value) and every change made (capped places, ...), the choice "Import only the rows
   without problems", then the import in the background with a progress bar and Cancel.
   The write is one transaction: Cancel or an error leaves nothing written.

Reading, checking and writing go through ``services.imports`` in the background.
``open_import_dialog(parent, db, actor, kind)`` is what the Tasks page calls.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain import timefmt
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import errors, style
from volunteer_app.gui.background import BackgroundTask, Job, run_in_background
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import imports
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import ServiceError
from volunteer_app.services.storage import Database

PREVIEW_ROWS = 50
MAX_COLUMN_WIDTH = 280
FILE_STEP, MAPPING_STEP, PREVIEW_STEP = range(3)
TASK_PREVIEW = (
    QT_TRANSLATE_NOOP("ImportDialog", "Row"), QT_TRANSLATE_NOOP("ImportDialog", "Title"),
    QT_TRANSLATE_NOOP("ImportDialog", "When"), QT_TRANSLATE_NOOP("ImportDialog", "Repeats"),
    QT_TRANSLATE_NOOP("ImportDialog", "Places"), QT_TRANSLATE_NOOP("ImportDialog", "Priority"),
    QT_TRANSLATE_NOOP("ImportDialog", "Category"), QT_TRANSLATE_NOOP("ImportDialog", "Place"),
    QT_TRANSLATE_NOOP("ImportDialog", "Organisation"),
)  # fmt: skip
VOLUNTEER_PREVIEW = (
    QT_TRANSLATE_NOOP("ImportDialog", "Row"), QT_TRANSLATE_NOOP("ImportDialog", "Email"),
    QT_TRANSLATE_NOOP("ImportDialog", "Name"), QT_TRANSLATE_NOOP("ImportDialog", "Account"),
    QT_TRANSLATE_NOOP("ImportDialog", "Home"), QT_TRANSLATE_NOOP("ImportDialog", "Skills"),
    QT_TRANSLATE_NOOP("ImportDialog", "Organisation"),
)  # fmt: skip
PROBLEM_COLUMNS = (
    QT_TRANSLATE_NOOP("ImportDialog", "Row"), QT_TRANSLATE_NOOP("ImportDialog", "Column"),
    QT_TRANSLATE_NOOP("ImportDialog", "Value"), QT_TRANSLATE_NOOP("ImportDialog", "What"),
)  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def problem_text(problem: imports.Problem) -> str:
    """A problem's sentence in the window's language (English if a translation is broken)."""
    try:
        return QCoreApplication.translate("errors", problem.template).format(**problem.params)
    except (KeyError, IndexError, ValueError):
        return problem.message


def _table(parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(parent)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class ImportDialog(Retranslating, QDialog):
    """The import flow for ``kind`` ("tasks" or "volunteers"); ``imported`` carries the ImportResult."""

    imported = Signal(object)

    def __init__(self, db: Database, actor: Actor, kind: str = imports.TASKS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.kind = db, actor, kind
        self.table: Any = None  # services.spreadsheets.Table of the chosen file
        self.plan: imports.ImportPlan | None = None
        self.result: imports.ImportResult | None = None
        self.job: BackgroundTask | None = None
        self.busy = False  # reading, checking or importing in the background
        self.cancel_requested = False  # read by the worker between chunks
        self.chunk_rows = imports.CHUNK_ROWS
        self.mapping_source = ""
        self.field_combos: dict[str, QComboBox] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.organisations: list[imports.OrgInfo] = []
        self.setMinimumSize(760, 520)

        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._file_step())
        self.steps.addWidget(self._mapping_step())
        self.steps.addWidget(self._preview_step())

        self.status = style.error_label(self)
        self.status.setWordWrap(True)
        self.back_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for button, handler in (
            (self.back_button, self._back), (self.next_button, self._next),
            (self.import_button, self._import), (self.close_button, self._close_or_cancel),
        ):  # fmt: skip
            button.clicked.connect(handler)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        self.heading = style.heading_label(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._load_organisations()
        self.retranslate()
        self._show_step(FILE_STEP)

    # ------------------------------------------------------------------ step 1: the file

    def _file_step(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.path_edit = QLineEdit(page)
        self.browse_button = QPushButton(page)
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.path_label = QLabel(page)
        self.path_label.setBuddy(self.path_edit)
        form.addRow(self.path_label, row)
        self.org_combo = QComboBox(page)
        self.org_label = QLabel(page)
        self.org_label.setBuddy(self.org_combo)
        form.addRow(self.org_label, self.org_combo)
        self.zone_edit = QLineEdit(page)
        self.zone_label = QLabel(page)
        self.zone_label.setBuddy(self.zone_edit)
        form.addRow(self.zone_label, self.zone_edit)
        self.order_combo = QComboBox(page)
        self.order_combo.addItems(["", "", ""])
        self.order_label = QLabel(page)
        self.order_label.setBuddy(self.order_combo)
        form.addRow(self.order_label, self.order_combo)
        self.draft_check = QCheckBox(page)
        form.addRow("", self.draft_check)
        self.draft_check.setVisible(self.kind == imports.TASKS)
        self.file_note = style.make_note(QLabel(page))
        self.file_note.setWordWrap(True)
        form.addRow(self.file_note)
        return page

    def _load_organisations(self) -> None:
        try:
            self.organisations = imports.organisations_to_import_into(self.db, self.actor)
        except ServiceError as exc:
            self.organisations = []
            style.show_status(self.status, errors.describe(exc).text, Tone.ERROR)
        self.org_combo.clear()
        for org in self.organisations:
            self.org_combo.addItem(org.name, org.id)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, _tr("Choose a spreadsheet"), self.path_edit.text(),
            _tr("Spreadsheets (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def set_file(self, path: str | Path) -> None:
        """Choose the file (as Browse does)."""
        self.path_edit.setText(str(path))

    def _read_file(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            style.show_status(self.status, _tr("Choose a CSV or XLSX file first."), Tone.ERROR)
            return
        db, kind = self.db, self.kind

        def work(_job: Job) -> tuple[Any, imports.MappingSuggestion]:
            table = imports.read_file(path)
            return table, imports.suggest_mapping(db, kind, table.headers)

        style.show_status(self.status, _tr("Reading the file…"), Tone.NOTE)
        self._start(work, self._file_read)

    def _file_read(self, outcome: tuple[Any, imports.MappingSuggestion]) -> None:
        self.job, self.busy = None, False
        self.table, suggestion = outcome
        self.mapping_source = suggestion.source
        self._fill_mapping(suggestion.mapping)
        self.status.clear()
        self._show_step(MAPPING_STEP)

    # ------------------------------------------------------------------ step 2: the columns

    def _mapping_step(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.mapping_note = style.make_note(QLabel(page))
        self.mapping_note.setWordWrap(True)
        layout.addWidget(self.mapping_note)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        self.mapping_form = QFormLayout(inner)
        for spec in imports.fields_of(self.kind):
            combo = QComboBox(inner)
            label = QLabel(inner)
            label.setBuddy(combo)
            self.mapping_form.addRow(label, combo)
            self.field_combos[spec.name] = combo
            self.field_labels[spec.name] = label
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        return page

    def _fill_mapping(self, mapping: dict[str, str]) -> None:
        headers = list(self.table.headers) if self.table is not None else []
        for name, combo in self.field_combos.items():
            combo.clear()
            combo.addItem(_tr("(not used)"), None)
            for header in headers:
                combo.addItem(header, header)
            chosen = mapping.get(name)
            combo.setCurrentIndex(headers.index(chosen) + 1 if chosen in headers else 0)
        self._retranslate_mapping_note()

    def set_column(self, field: str, header: str | None) -> None:
        """Choose the column of ``field`` (None: not used), as picking it in its combo does."""
        combo = self.field_combos[field]
        combo.setCurrentIndex(max(0, combo.findData(header)) if header else 0)

    def chosen_mapping(self) -> dict[str, str | None]:
        return {name: combo.currentData() for name, combo in self.field_combos.items()}

    def _options(self) -> imports.ImportOptions:
        order = (None, "mdy", "dmy")[self.order_combo.currentIndex()]
        org_id = self.org_combo.currentData()
        return imports.ImportOptions(
            organisation_id=org_id if isinstance(org_id, int) else None,
            columns=self.chosen_mapping(), date_order=order,
            timezone=self.zone_edit.text().strip() or None, draft=self.draft_check.isChecked(),
        )

    def _check_rows(self) -> None:
        db, actor, kind, table = self.db, self.actor, self.kind, self.table
        options, name = self._options(), Path(self.path_edit.text().strip()).name

        def work(job: Job) -> imports.ImportPlan:
            return imports.prepare(db, actor, kind, table, options, file_name=name,
                                   progress=lambda done, total: job.report(done, total))

        style.show_status(self.status, _tr("Checking every row…"), Tone.NOTE)
        self._start(work, self._checked)

    def _checked(self, plan: imports.ImportPlan) -> None:
        self.job, self.busy = None, False
        self.plan = plan
        self.result = None
        self._fill_preview()
        self.status.clear()
        self._show_step(PREVIEW_STEP)

    # ------------------------------------------------------------------ step 3: preview and import

    def _preview_step(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.preview_heading = style.subheading_label(page)
        layout.addWidget(self.preview_heading)
        self.preview = _table(page, "")
        layout.addWidget(self.preview, 3)
        self.problems_heading = style.subheading_label(page)
        layout.addWidget(self.problems_heading)
        self.problems = _table(page, "")
        layout.addWidget(self.problems, 2)
        self.skip_check = QCheckBox(page)
        layout.addWidget(self.skip_check)
        self.progress = QProgressBar(page)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.passwords = QPlainTextEdit(page)
        self.passwords.setReadOnly(True)
        self.passwords.setVisible(False)
        layout.addWidget(self.passwords, 1)
        return page

    def _preview_cells(self, prepared: imports.PreparedRow) -> list[str]:
        data = prepared.data
        translate = QCoreApplication.translate
        if self.kind == imports.TASKS:
            when = timefmt.task_time_text(data.starts_at, data.ends_at, data.timezone, minutes=data.minutes,
                                          tr=translate)
            repeats = ""
            if data.repeat_weekly_until is not None:
                repeats = _tr("weekly until {date} ({count} dates)").format(
                    date=timefmt.date_text(datetime.combine(data.repeat_weekly_until, time()), tr=translate), count=prepared.occurrences)
            if data.is_remote:
                place = _tr("Remote")
            elif data.latitude is not None:
                place = data.address or f"{data.latitude:.5f}, {data.longitude:.5f}"
            else:
                place = data.address or _tr("no place")
            return [str(prepared.row), data.title, when, repeats, str(data.slots), str(data.priority),
                    data.category or "", place, prepared.organisation]
        account = _tr("has an account: gets the volunteer role") if data.existing else _tr("new account")
        home = data.address or (f"{data.latitude:.3f}, {data.longitude:.3f}" if data.latitude is not None else "")
        skills = "; ".join(f"{k}:{v}" for k, v in sorted(data.skills.items()))
        return [str(prepared.row), data.email, data.name, account, home, skills, prepared.organisation]

    def _fill_preview(self) -> None:
        plan = self.plan
        if plan is None:
            return
        columns = TASK_PREVIEW if self.kind == imports.TASKS else VOLUNTEER_PREVIEW
        rows = plan.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(columns))
        self.preview.setHorizontalHeaderLabels([_tr(c) for c in columns])
        self.preview.setRowCount(len(rows))
        for r, prepared in enumerate(rows):
            for c, text in enumerate(self._preview_cells(prepared)):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), MAX_COLUMN_WIDTH))
        entries = [(p, _tr("Problem")) for p in plan.problems] + [(w, _tr("Changed")) for w in plan.warnings]
        entries.sort(key=lambda e: e[0].row)
        self.problems.clear()
        self.problems.setColumnCount(len(PROBLEM_COLUMNS))
        self.problems.setHorizontalHeaderLabels([_tr(c) for c in PROBLEM_COLUMNS])
        self.problems.setRowCount(len(entries))
        for r, (entry, kind) in enumerate(entries):
            cells = [str(entry.row), entry.column or "", entry.value, f"{kind}: {problem_text(entry)}"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems.setItem(r, c, item)
        self.problems.resizeColumnsToContents()
        self.skip_check.setChecked(False)
        self.skip_check.setEnabled(bool(plan.problems))
        self.passwords.setVisible(False)
        self.progress.setVisible(False)
        self._retranslate_preview()

    def problem_rows(self) -> list[tuple[str, str, str, str]]:
        """The problems table as text (row, column, value, what), for tests and accessibility checks."""
        return [
            tuple(self.problems.item(r, c).text() for c in range(4))  # type: ignore[misc]
            for r in range(self.problems.rowCount())
        ]

    def _import(self) -> None:
        plan = self.plan
        if plan is None or self.busy:
            return
        db, actor, skip, chunk = self.db, self.actor, self.skip_check.isChecked(), self.chunk_rows
        self.cancel_requested = False

        def work(job: Job) -> imports.ImportResult:
            return imports.execute(db, actor, plan, skip_invalid=skip, chunk_rows=chunk,
                                   progress=lambda done, total: job.report(done, total),
                                   cancelled=lambda: job.cancelled or self.cancel_requested)

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        style.show_status(self.status, _tr("Importing… Cancel stops it and writes nothing."), Tone.NOTE)
        self._start(work, self._imported, on_progress=self._progressed, on_cancelled=self._cancelled)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)

    def _imported(self, result: imports.ImportResult) -> None:
        self.job, self.busy = None, False
        self.result = result
        self.progress.setVisible(False)
        if self.kind == imports.TASKS:
            text = _tr("Imported {count} tasks ({dates} dates).").format(count=result.written,
                                                                          dates=result.occurrences)
        else:
            text = _tr("Imported {count} volunteers.").format(count=result.written)
        if result.skipped_rows:
            text += " " + _tr("Skipped {count} rows with problems.").format(count=len(result.skipped_rows))
        style.show_status(self.status, text, Tone.SUCCESS)
        if result.passwords:
            lines = [_tr("New accounts and their passwords, shown only now: give each person theirs.")]
            lines += [f"{email}\t{password}" for email, password in result.passwords]
            self.passwords.setPlainText("\n".join(lines))
            self.passwords.setVisible(True)
        self.imported.emit(result)
        self._update_buttons()

    def _cancelled(self) -> None:
        self.job, self.busy = None, False
        self.progress.setVisible(False)
        style.show_status(self.status, _tr("Cancelled: nothing was imported."), Tone.WARNING)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.job, self.busy = None, False
        self.progress.setVisible(False)
        if isinstance(exc, imports.ImportCancelled):
            self._cancelled()
            return
        if isinstance(exc, imports.ImportRefused):
            text = _tr("{count} problems in {rows} rows: nothing was imported. Fix the file or the columns, or "
                       "tick “Import only the rows without problems”.").format(
                count=len(exc.plan.problems), rows=len(exc.plan.rows_with_problems))
            style.show_status(self.status, text, Tone.ERROR)
        elif isinstance(exc, ServiceError) or not errors.describe(exc).is_bug:
            style.show_status(self.status, errors.describe(exc).text, Tone.ERROR)
        else:
            errors.show_error(self, exc)
        self._update_buttons()

    # ------------------------------------------------------------------ navigation

    def _start(self, work: Any, on_success: Any, **kwargs: Any) -> None:
        self.busy = True
        self._update_buttons()
        task = run_in_background(self, work, on_success, self._failed, **kwargs)
        # Synchronous runs (tests) have finished and called back already.
        self.job = None if task.done else task
        self._update_buttons()

    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self._update_buttons()
        self.retranslate()

    def _update_buttons(self) -> None:
        step = self.steps.currentIndex()
        busy = self.busy
        done = self.result is not None
        self.back_button.setEnabled(step > FILE_STEP and not busy and not done)
        self.next_button.setVisible(step < PREVIEW_STEP)
        self.next_button.setEnabled(not busy and (step != FILE_STEP or bool(self.organisations)))
        self.import_button.setVisible(step == PREVIEW_STEP)
        self.import_button.setEnabled(not busy and not done)
        self.skip_check.setEnabled(not busy and not done and bool(self.plan and self.plan.problems))
        self.close_button.setText(_tr("Cancel") if busy or not done else _tr("Close"))

    def _next(self) -> None:
        if self.steps.currentIndex() == FILE_STEP:
            self._read_file()
        elif self.steps.currentIndex() == MAPPING_STEP:
            self._check_rows()

    def _back(self) -> None:
        self.status.clear()
        self._show_step(max(FILE_STEP, self.steps.currentIndex() - 1))

    def _cancel(self) -> None:
        self.cancel_requested = True
        if self.job is not None:
            self.job.cancel()

    def _close_or_cancel(self) -> None:
        if self.busy:
            self._cancel()
            return
        if self.result is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self.busy:  # Escape while importing: stop the import, keep the dialog
            self._cancel()
            return
        super().reject()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        tasks = self.kind == imports.TASKS
        self.setWindowTitle(self.tr("Import tasks") if tasks else self.tr("Import volunteers"))
        titles = (self.tr("1. Choose the file"), self.tr("2. Which column is which"),
                  self.tr("3. Check and import"))
        self.heading.setText(titles[self.steps.currentIndex()])
        self.path_label.setText(self.tr("&File:"))
        self.path_edit.setAccessibleName(self.tr("Spreadsheet file"))
        self.path_edit.setPlaceholderText(self.tr("A .csv or .xlsx file"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose the spreadsheet file"))
        self.org_label.setText(self.tr("&Organisation:"))
        self.org_combo.setAccessibleName(self.tr("Organisation to import into"))
        self.zone_label.setText(self.tr("&Time zone:"))
        self.zone_edit.setAccessibleName(self.tr("Time zone of rows without one"))
        self.zone_edit.setPlaceholderText(self.tr("The organisation's, e.g. Asia/Shanghai or America/New_York"))
        self.order_label.setText(self.tr("&Dates like 05/06/2026:"))
        self.order_combo.setAccessibleName(self.tr("How to read dates such as 05/06/2026"))
        for index, text in enumerate((self.tr("Detect from the file"), self.tr("Month first (mdy)"),
                                      self.tr("Day first (dmy)"))):
            self.order_combo.setItemText(index, text)
        self.draft_check.setText(self.tr("Import tasks as d&rafts (publish them later)"))
        self.draft_check.setAccessibleName(self.tr("Import tasks as drafts"))
        if not self.organisations:
            self.file_note.setText(self.tr("You coordinate no organisation, so there is nowhere to import to."))
        elif tasks:
            self.file_note.setText(self.tr(
                "CSV in any common encoding, or XLSX. Next you say which column is which; nothing is "
                "stored before the last step. Ongoing roles become a weekly window, not one long one; "
                "places such as 9999 (\"as many as possible\") are capped at 50."))
        else:
            self.file_note.setText(self.tr(
                "CSV in any common encoding, or XLSX. Each new volunteer gets an account with a generated "
                "password, shown once after the import; people who have an account already only get the "
                "volunteer role."))
        for spec in imports.fields_of(self.kind):
            text = QCoreApplication.translate("ImportFields", spec.label)
            self.field_labels[spec.name].setText(text + (" *" if spec.required else "") + ":")
            self.field_combos[spec.name].setAccessibleName(self.tr("Column for {field}").format(field=text))
        self._retranslate_mapping_note()
        self._retranslate_preview()
        self.back_button.setText(self.tr("< &Back"))
        self.next_button.setText(self.tr("&Next >"))
        self.import_button.setText(self.tr("&Import"))
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self._update_buttons()

    def _retranslate_mapping_note(self) -> None:
        source = {
            "remembered": self.tr("Filled in as you chose last time for a file with these columns."),
            "automatic": self.tr("Columns whose header names a field are filled in; choose the others."),
        }.get(self.mapping_source, "")
        self.mapping_note.setText(
            source + " " + self.tr("Fields marked * are needed. The choice is remembered for files with the "
                                   "same columns."))

    def _retranslate_preview(self) -> None:
        plan = self.plan
        self.preview_heading.setText(self.tr("As they will be stored (first {count})").format(count=PREVIEW_ROWS))
        self.preview.setAccessibleName(self.tr("Rows as they will be stored"))
        self.problems_heading.setText(self.tr("Problems and changes"))
        self.problems.setAccessibleName(self.tr("Problems (row, column, value) and changes made"))
        self.skip_check.setText(self.tr("Import only the rows &without problems"))
        self.skip_check.setAccessibleName(self.tr("Import only the rows without problems"))
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.passwords.setAccessibleName(self.tr("New accounts and passwords"))
        if plan is None:
            self.summary.setText("")
            return
        text = self.tr("{file}: {rows} rows; {valid} can be imported, {bad} have problems, {changed} changes made."
                       ).format(file=plan.file_name, rows=plan.total_rows, valid=len(plan.rows),
                                bad=len(plan.rows_with_problems), changed=len(plan.warnings))
        self.summary.setText(text)


def open_import_dialog(parent: QWidget | None, db: Database, actor: Actor, kind: str = imports.TASKS) -> ImportDialog:
    """Open the import dialog (window-modal over ``parent``) and return it; ``imported`` says when rows arrived."""
    dialog = ImportDialog(db, actor, kind, parent)
    dialog.setModal(True)
    dialog.show()
    return dialog


__all__ = ["ImportDialog", "open_import_dialog", "problem_text"]
