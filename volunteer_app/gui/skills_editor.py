"""Picking skills from the catalogue, each with a level 1..5 and a plain sentence for what the level means.

A filter box narrows the list (by the name in either language, or the key);
ticking a skill adds it, the level box sets its level, and the sentence under
it says what that level means in everyday words. Names are shown in the
window's language (the catalogue's Chinese label in Chinese).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.gui.style import Retranslating, make_note
from volunteer_app.services.profiles import LEVEL_CONTEXT, LEVEL_DESCRIPTIONS, CatalogueSkill

KEY_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_LEVEL = 1


def level_words(level: int) -> str:
    return QCoreApplication.translate(LEVEL_CONTEXT, LEVEL_DESCRIPTIONS[level])


def skill_name(skill: CatalogueSkill) -> str:
    """The skill's name in the window's language."""
    # QLocale's default, not i18n.current(): during the language change it is already the new one.
    if QLocale().language() == QLocale.Language.Chinese and skill.label_zh:
        return skill.label_zh
    return skill.label


class SkillsEditor(Retranslating, QWidget):
    #: The ticked skills or a level changed.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: list[CatalogueSkill] = []
        self._filling = False
        self.filter_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("skillFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("skillsList")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 200)
        self.level_label = QLabel(self)
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("skillLevel")
        self.level_label.setBuddy(self.level_combo)
        self.level_note = make_note(QLabel(self))
        self.level_note.setObjectName("skillLevelNote")
        self.empty_note = make_note(QLabel(self))
        self.empty_note.hide()

        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_edit, 1)
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_label)
        level_row.addWidget(self.level_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_note)
        layout.addLayout(level_row)
        layout.addWidget(self.level_note)
        QWidget.setTabOrder(self.filter_edit, self.tree)
        QWidget.setTabOrder(self.tree, self.level_combo)

        self.filter_edit.textChanged.connect(self._apply_filter)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemChanged.connect(self._item_changed)
        self.level_combo.activated.connect(self._level_chosen)
        self.retranslate()
        self._current_changed(None, None)

    # ------------------------------------------------------------------ data

    def set_skills(self, catalogue: Sequence[CatalogueSkill], held: Mapping[str, int]) -> None:
        self._catalogue = list(catalogue)
        self._filling = True
        self.tree.clear()
        for skill in self._catalogue:
            item = QTreeWidgetItem(self.tree)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(0, KEY_ROLE, skill.key)
            level = held.get(skill.key)
            item.setData(0, LEVEL_ROLE, level or DEFAULT_LEVEL)
            item.setCheckState(0, Qt.CheckState.Checked if level else Qt.CheckState.Unchecked)
        self._filling = False
        self.empty_note.setVisible(not self._catalogue)
        self._label_items()
        self._apply_filter(self.filter_edit.text())
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._current_changed(self.tree.currentItem(), None)

    def skills(self) -> dict[str, int]:
        """Ticked skills with their levels."""
        out: dict[str, int] = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out[str(item.data(0, KEY_ROLE))] = int(item.data(0, LEVEL_ROLE))
        return out

    def item_for(self, key: str) -> QTreeWidgetItem:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, KEY_ROLE) == key:
                return item
        raise KeyError(key)

    def set_level(self, key: str, level: int) -> None:
        """Tick ``key`` at ``level`` (as choosing it in the level box does)."""
        item = self.item_for(key)
        self.tree.setCurrentItem(item)
        self.level_combo.setCurrentIndex(level - 1)
        self._level_chosen(level - 1)

    # ------------------------------------------------------------------ reacting

    def _apply_filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        by_key = {s.key: s for s in self._catalogue}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            skill = by_key[str(item.data(0, KEY_ROLE))]
            haystack = " ".join([skill.key, skill.label, skill.label_zh or ""]).casefold()
            item.setHidden(bool(wanted) and wanted not in haystack)
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            first = next(
                (
                    self.tree.topLevelItem(i)
                    for i in range(self.tree.topLevelItemCount())
                    if not self.tree.topLevelItem(i).isHidden()
                ),
                None,
            )
            self.tree.setCurrentItem(first)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.level_combo.setEnabled(item is not None)
        if item is not None:
            self.level_combo.setCurrentIndex(int(item.data(0, LEVEL_ROLE)) - 1)
        self._describe_level()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        self._label_item(item)
        if item is self.tree.currentItem():
            self._describe_level()
        self.changed.emit()

    def _level_chosen(self, index: int) -> None:
        item = self.tree.currentItem()
        if item is None or index < 0:
            return
        self._filling = True
        item.setData(0, LEVEL_ROLE, index + 1)
        item.setCheckState(0, Qt.CheckState.Checked)  # choosing a level means having the skill
        self._filling = False
        self._label_item(item)
        self._describe_level()
        self.changed.emit()

    # ------------------------------------------------------------------ texts

    def _label_item(self, item: QTreeWidgetItem) -> None:
        skill = next((s for s in self._catalogue if s.key == item.data(0, KEY_ROLE)), None)
        if skill is None:
            return
        self._filling = True
        item.setText(0, skill_name(skill))
        level = int(item.data(0, LEVEL_ROLE))
        ticked = item.checkState(0) == Qt.CheckState.Checked
        item.setText(1, self.tr("{level} · {words}").format(level=level, words=level_words(level)) if ticked else "")
        item.setToolTip(0, skill.key)
        self._filling = False

    def _label_items(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            self._label_item(self.tree.topLevelItem(i))

    def _describe_level(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            self.level_note.setText(self.tr("Choose a skill in the list to set your level."))
            return
        level = int(item.data(0, LEVEL_ROLE))
        name = item.text(0)
        if item.checkState(0) == Qt.CheckState.Checked:
            text = self.tr(
                "{skill} at level {level}: “{words}”. Tasks that ask for level {level} or lower can come to you."
            ).format(skill=name, level=level, words=level_words(level))
        else:
            text = self.tr("Tick {skill}, or choose a level, to add it to your skills.").format(skill=name)
        self.level_note.setText(text)
        self.level_note.setAccessibleName(text)

    def retranslate(self) -> None:
        self.filter_label.setText(self.tr("&Find a skill:"))
        self.filter_edit.setPlaceholderText(self.tr("Type part of its name"))
        self.filter_edit.setAccessibleName(self.tr("Find a skill"))
        self.tree.setHeaderLabels([self.tr("Skill"), self.tr("Your level")])
        self.tree.setAccessibleName(self.tr("Skills"))
        self.tree.setAccessibleDescription(self.tr("Space ticks or unticks the skill under the cursor."))
        self.level_label.setText(self.tr("&Level:"))
        self.level_combo.setAccessibleName(self.tr("Level of the selected skill"))
        current = self.level_combo.currentIndex()
        self.level_combo.clear()
        for level in sorted(LEVEL_DESCRIPTIONS):
            self.level_combo.addItem(self.tr("{level} · {words}").format(level=level, words=level_words(level)), level)
        self.level_combo.setCurrentIndex(max(0, current))
        self.empty_note.setText(self.tr("The skills catalogue is empty: an administrator adds skills to it."))
        self._label_items()
        self._describe_level()


__all__ = ["SkillsEditor", "level_words", "skill_name"]
