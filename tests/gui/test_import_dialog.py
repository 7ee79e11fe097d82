"""The import dialog (gui/import_dialog.py): file -> columns -> preview -> import, driven by qtbot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.support.community import Community
from volunteer_app.gui import import_dialog
from volunteer_app.gui.import_dialog import ImportDialog, open_import_dialog
from volunteer_app.store.database import Database
from volunteer_app.store.models import Person, Task

NYC = Path(__file__).resolve().parents[1] / "data" / "nyc-service-volunteer-opportunities.csv"
NYC_COLUMNS = {
    "description": "summary", "category": "category_desc", "location": "locality", "start": "start_date_date",
    "end": "end_date_date", "slots": "vol_requests", "priority": "is_priority",
}  # fmt: skip


def tasks_in(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Task)) or 0)


def to_preview(qtbot: QtBot, dialog: ImportDialog, path: Path, columns: dict[str, str | None]) -> None:
    dialog.set_file(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == import_dialog.MAPPING_STEP, dialog.status.text()
    for field, header in columns.items():
        dialog.set_column(field, header)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == import_dialog.PREVIEW_STEP, dialog.status.text()


def test_import_the_nyc_file_through_the_mapping(qtbot: QtBot, db: Database, community: Community) -> None:
    dialog = open_import_dialog(None, db, community.coord_a, "tasks")
    qtbot.addWidget(dialog)
    assert dialog.org_combo.currentText() == "Riverside Community Centre"
    dialog.zone_edit.setText("America/New_York")
    dialog.set_file(NYC)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    # Headers that name a field are pre-filled.
    assert dialog.field_combos["title"].currentText() == "title"
    assert dialog.field_combos["latitude"].currentText() == "Latitude"
    assert dialog.field_combos["location"].currentData() is None
    for field, header in NYC_COLUMNS.items():
        dialog.set_column(field, header)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.plan is not None and len(dialog.plan.rows) == 665 and not dialog.plan.problems
    assert dialog.preview.rowCount() == import_dialog.PREVIEW_ROWS
    assert dialog.preview.item(0, 1).text() == "Health Insurance Claims Manager"
    assert "weekly until" in dialog.preview.item(0, 3).text()
    assert any(value == "9999" and "as many as possible" in what for _, _, value, what in dialog.problem_rows())
    assert not dialog.skip_check.isEnabled()  # nothing to skip
    dialog.resize(1024, 700)
    dialog.grab().save("/tmp/import-dialog-preview.png")

    before = tasks_in(db)
    with qtbot.waitSignal(dialog.imported, timeout=1000, raising=False) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.signal_triggered, (dialog.status.text(), dialog.import_button.isVisible(), dialog.import_button.isEnabled(), dialog.job)
    assert imported.args[0].written == 665
    assert tasks_in(db) == before + 665
    assert "Imported 665 tasks" in dialog.status.text()
    assert dialog.close_button.text() == "Close" and not dialog.import_button.isEnabled()


def test_a_broken_spreadsheet_is_refused_naming_its_row(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text("Title,Start,Slots\nSort,2030-06-01 10:00,2\nPaint,2030-13-45,2\n", encoding="utf-8")
    dialog = ImportDialog(db, community.coord_a, "tasks")
    qtbot.addWidget(dialog)
    dialog.show()
    to_preview(qtbot, dialog, path, {})
    rows = dialog.problem_rows()
    assert rows[0][:3] == ("3", "Start", "2030-13-45") and rows[0][3].startswith("Problem:")
    assert dialog.skip_check.isEnabled()
    before = tasks_in(db)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "nothing was imported" in dialog.status.text()
    assert tasks_in(db) == before
    dialog.skip_check.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Imported 1 tasks" in dialog.status.text() and "Skipped 1 rows" in dialog.status.text()
    assert tasks_in(db) == before + 1


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot, db: Database, community: Community, tmp_path: Path
) -> None:
    path = tmp_path / "many.csv"
    path.write_text("title,start\n" + "".join(f"Shift {i},2030-07-01 10:00\n" for i in range(30)),
                    encoding="utf-8")
    dialog = ImportDialog(db, community.coord_a, "tasks")
    qtbot.addWidget(dialog)
    to_preview(qtbot, dialog, path, {})
    before = tasks_in(db)
    dialog.chunk_rows = 10
    seen: list[int] = []

    def press_cancel_midway(done: int, total: int, _text: str) -> None:
        seen.append(done)
        if done == 10:  # the first chunk is written (inside the transaction): the person presses Cancel
            assert dialog.close_button.text() == "Cancel"
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    dialog._progressed = press_cancel_midway  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert seen == [0, 10]
    assert "Cancelled: nothing was imported" in dialog.status.text()
    assert tasks_in(db) == before


def test_volunteers_get_passwords_shown_once(qtbot: QtBot, db: Database, community: Community, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Email,Full name\nann@example.org,Ann\n", encoding="utf-8")
    dialog = ImportDialog(db, community.coord_a, "volunteers")
    qtbot.addWidget(dialog)
    to_preview(qtbot, dialog, path, {})
    assert dialog.preview.item(0, 1).text() == "ann@example.org"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.passwords.isVisibleTo(dialog) and "ann@example.org\t" in dialog.passwords.toPlainText()
    with db.read() as s:
        assert s.scalar(select(Person.display_name).where(Person.email == "ann@example.org")) == "Ann"
