"""An address field that finds places: typed coordinates, saved answers, the online map, built-in cities.

``PlaceField`` is the one address control of the app (the home dialog now, the
profile and task editors later). A search has two steps:

1. an instant answer on the UI thread from what needs neither the database nor
   the network: typed coordinates and the built-in city list (only once that
   list is loaded: the field loads it in the background when it is created,
   because the first read takes about half a second);
2. the full chain (cache, online map, built-in cities) in a worker through
   ``run_in_background``, with a busy line and a Stop button. A newer search
   supersedes an older one: late answers of an older search are dropped.

The person picks a candidate with the mouse or the arrow keys (also from the
address box); ``place()`` then gives ``(address, latitude, longitude)`` and
``place_changed`` carries the chosen ``Place`` (or None). Failures never take
the list away: a warning says what went wrong, and cities and coordinates still work.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.gui import style
from volunteer_app.gui.background import BackgroundTask, run_in_background
from volunteer_app.gui.style import Retranslating, Tone
from volunteer_app.services import places
from volunteer_app.services.places import GeocodeAnswer, Geocoder, Place

log = logging.getLogger(__name__)

CONTEXT = "PlaceField"
GEO_CONTEXT = "geo"

SOURCE_LABELS = {
    "cache": QT_TRANSLATE_NOOP("PlaceField", "saved"),
    "nominatim": QT_TRANSLATE_NOOP("PlaceField", "online map"),
    "gazetteer": QT_TRANSLATE_NOOP("PlaceField", "built-in city list"),
    "coordinates": QT_TRANSLATE_NOOP("PlaceField", "typed coordinates"),
}
PRECISION_LABELS = {
    "exact": QT_TRANSLATE_NOOP("PlaceField", "exact"),
    "street": QT_TRANSLATE_NOOP("PlaceField", "street"),
    "district": QT_TRANSLATE_NOOP("PlaceField", "district"),
    "city": QT_TRANSLATE_NOOP("PlaceField", "city"),
    "region": QT_TRANSLATE_NOOP("PlaceField", "region"),
    "country": QT_TRANSLATE_NOOP("PlaceField", "country"),
}


def source_label(source: str) -> str:
    """Where a candidate came from, in the window's language."""
    return QCoreApplication.translate(CONTEXT, SOURCE_LABELS.get(source, source))


def precision_label(precision: str) -> str:
    """How precise a candidate is, in the window's language."""
    return QCoreApplication.translate(CONTEXT, PRECISION_LABELS.get(precision, precision))


def generic_warning() -> str:
    return QCoreApplication.translate(
        "PlaceField",
        "The online map could not be reached; showing cities from the built-in list. "
        "You can also type coordinates as 'latitude, longitude'.",
    )


def warning_text(answer: GeocodeAnswer) -> str:
    """The answer's warning for people: its template translated (context ``geo``), then what still works."""
    if not answer.warning and not answer.warning_template:
        return ""
    if not answer.warning_template:
        return generic_warning()
    try:
        text = QCoreApplication.translate(GEO_CONTEXT, answer.warning_template).format(**answer.warning_params)
    except (KeyError, IndexError, ValueError):
        text = answer.warning or generic_warning()  # a translation with a mistyped field: the English sentence
    if not _about_the_online_map(answer):
        return text
    if answer.candidates:
        what_now = QCoreApplication.translate(
            "PlaceField",
            "Showing cities from the built-in list. You can also type coordinates as 'latitude, longitude'.",
        )
    else:
        what_now = QCoreApplication.translate(
            "PlaceField", "Try a city name, or type coordinates as 'latitude, longitude'."
        )
    # Two sentences: English puts a space between them, Chinese does not.
    return QCoreApplication.translate("PlaceField", "{problem} {what_now}").format(problem=text, what_now=what_now)


def _about_the_online_map(answer: GeocodeAnswer) -> bool:
    # The answer keeps the template, not the reason code. Two notices are about what was typed
    # (nothing, or coordinates out of range); every other one says the online map did not help.
    template = answer.warning_template or ""
    return not template.startswith(("Type an address", "Coordinates need"))


class PlaceField(Retranslating, QWidget):
    """Address box + Find, candidates with their source and precision, a warning line.

    ``allow_remote=True`` adds a "Remote / no place" box (task editors): when it is
    ticked, ``place()`` is None and ``is_remote()`` is True.
    """

    #: The chosen ``Place`` (None when nothing is chosen or "Remote / no place" is ticked).
    place_changed = Signal(object)
    #: The background part of a search ended (answered, failed, stopped or superseded).
    search_finished = Signal()
    remote_changed = Signal(bool)

    def __init__(
        self,
        geocoder: Geocoder,
        parent: QWidget | None = None,
        *,
        allow_remote: bool = False,
        limit: int = 5,
    ) -> None:
        super().__init__(parent)
        self._geocoder = geocoder
        self._limit = limit
        self._generation = 0
        self._task: BackgroundTask | None = None
        self._candidates: list[Place] = []
        self._chosen: Place | None = None
        self._address = ""
        self._answer: GeocodeAnswer | None = None
        self._warning_answer: GeocodeAnswer | None = None
        self._warning_override: str | None = None  # a message of the field itself (stopped, failed)
        self._picked_by_hand = False
        self._populating = False

        self.edit = QLineEdit(self)
        self.edit.setObjectName("placeEdit")
        self.edit.setClearButtonEnabled(True)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("placeFindButton")
        self.find_button.setAutoDefault(False)  # Enter in a dialog must search, not press OK
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("placeStopButton")
        self.stop_button.setAutoDefault(False)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("placeBusyBar")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_label = style.make_note(QLabel(self))
        self.busy_label.setObjectName("placeBusyLabel")
        self.busy_label.setWordWrap(False)
        self.list = QTreeWidget(self)
        self.list.setObjectName("placeCandidates")
        self.list.setColumnCount(3)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Room for the header and about six rows (a search shows five candidates at most, by default).
        rows = max(limit, 3) + 2
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 5)
        self.list.setMaximumHeight(int(self.list.fontMetrics().height() * rows * 1.5))
        # A notice in amber, not an error: the field still works (cities, coordinates).
        self.warning_label = style.error_label(self)
        self.warning_label.setObjectName("placeWarning")
        style.set_tone(self.warning_label, Tone.WARNING)
        self.remote_box: QCheckBox | None = None
        if allow_remote:
            self.remote_box = QCheckBox(self)
            self.remote_box.setObjectName("placeRemoteBox")

        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.edit, 1)
        search_row.addWidget(self.find_button)
        busy_row = QHBoxLayout()
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(self.busy_bar)
        busy_row.addWidget(self.busy_label, 1)
        busy_row.addWidget(self.stop_button)
        self._busy_widgets = (self.busy_bar, self.busy_label, self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addLayout(busy_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.warning_label)
        if self.remote_box is not None:
            layout.addWidget(self.remote_box)
        layout.addStretch(1)  # the list has a maximum height: spare room goes below, not between the rows
        self._set_busy(False)

        self.setFocusProxy(self.edit)
        QWidget.setTabOrder(self.edit, self.find_button)
        QWidget.setTabOrder(self.find_button, self.stop_button)
        QWidget.setTabOrder(self.stop_button, self.list)
        if self.remote_box is not None:
            QWidget.setTabOrder(self.list, self.remote_box)

        self.edit.installEventFilter(self)
        self.find_button.clicked.connect(lambda: self.search())
        self.stop_button.clicked.connect(self.stop_search)
        self.list.currentItemChanged.connect(self._current_item_changed)
        if self.remote_box is not None:
            self.remote_box.toggled.connect(self._remote_toggled)

        self.retranslate()
        self._warm_up_gazetteer()

    # ------------------------------------------------------------------ public API

    def text(self) -> str:
        return self.edit.text()

    def place(self) -> tuple[str, float, float] | None:
        """``(address, latitude, longitude)`` of the chosen candidate, or None.

        The address is the map's full label when it has one (``display_name``),
        else the candidate's name; for typed coordinates it is what was typed.
        """
        if self._chosen is None or self.is_remote():
            return None
        return self._address, self._chosen.latitude, self._chosen.longitude

    def chosen(self) -> Place | None:
        """The chosen candidate itself (source and precision included), or None."""
        return None if self.is_remote() else self._chosen

    def candidates(self) -> list[Place]:
        return list(self._candidates)

    def is_searching(self) -> bool:
        return self._task is not None

    def is_remote(self) -> bool:
        return self.remote_box is not None and self.remote_box.isChecked()

    def set_remote(self, remote: bool) -> None:
        if self.remote_box is None:
            raise ValueError("this PlaceField was made without allow_remote=True")
        self.remote_box.setChecked(remote)

    def warning(self) -> str:
        """The warning line's text ("" when it is hidden)."""
        return "" if self.warning_label.isHidden() else self.warning_label.text()

    def set_place(self, address: str | None, latitude: float | None, longitude: float | None) -> None:
        """Show a stored place (an editor opening a record): the address in the box, the point chosen."""
        self._cancel_task()
        self._generation += 1
        self.edit.setText(address or "")
        self._warning_answer, self._warning_override = None, None
        self._picked_by_hand = False
        self._fill([])  # a stored point is no search result: the list stays empty until the next search
        if latitude is None or longitude is None:
            self._set_chosen(None, "")
        else:
            # Labelled as typed coordinates: the stored point is what the record says, not a lookup.
            name = address or f"{latitude:.6f}, {longitude:.6f}"
            self._set_chosen(Place(name, latitude, longitude, "coordinates", "exact"), address or "")
        self._update_warning()

    def clear(self) -> None:
        self._cancel_task()
        self._generation += 1
        self.edit.clear()
        self._warning_answer, self._warning_override = None, None
        self._fill([])
        self._set_chosen(None, "")
        self._update_warning()

    def search(self, text: str | None = None) -> None:
        """Look up ``text`` (default: what is in the box): an instant answer now, the full one in the background."""
        if text is not None:
            self.edit.setText(text)
        query = " ".join(self.edit.text().split())
        self._cancel_task()  # a newer search supersedes an older one
        self._generation += 1
        generation = self._generation
        self._picked_by_hand = False
        self._warning_override = None

        instant = places.quick_answer(self._geocoder, query, limit=self._limit)  # no database, no network
        self._show_answer(instant)
        if not query or places.looks_like_coordinates(query):
            return  # typed coordinates (or nothing): the instant answer is the whole answer

        geocoder, limit = self._geocoder, self._limit
        self._set_busy(True)
        task = run_in_background(
            self,
            lambda job: PlaceField._lookup(job, geocoder, query, limit),
            on_success=lambda answer: self._full_answer(generation, answer),
            on_failure=lambda exc: self._full_failed(generation, exc),
            on_cancelled=lambda: self._full_cancelled(generation),
        )
        if not task.done and generation == self._generation:
            self._task = task

    def stop_search(self) -> None:
        """Stop waiting for the online map; what is listed stays."""
        if self._task is None:
            return
        self._cancel_task()
        self._generation += 1
        self._warning_override = self.tr(
            "Search stopped. The list shows what was found on this computer; "
            "you can also type coordinates as 'latitude, longitude'."
        )
        self._update_warning()
        self.search_finished.emit()

    # ------------------------------------------------------------------ searching

    @staticmethod
    def _lookup(job: Any, geocoder: Geocoder, query: str, limit: int) -> GeocodeAnswer:
        # In the worker: no widgets here.
        answer = places.find_places(geocoder, query, limit=limit)
        job.check()
        return answer

    def _warm_up_gazetteer(self) -> None:
        # The built-in cities join the instant answer once their list is read (about half a second).
        if places.city_list_loaded(self._geocoder):
            return
        geocoder = self._geocoder
        run_in_background(self, lambda _job: places.load_city_list(geocoder), on_failure=self._warm_up_failed)

    @staticmethod
    def _warm_up_failed(exc: BaseException) -> None:
        log.error("cannot load the built-in city list", exc_info=(type(exc), exc, exc.__traceback__))

    def _full_answer(self, generation: int, answer: GeocodeAnswer) -> None:
        if generation != self._generation:
            return  # a newer search (or Stop) came since
        self._task = None
        self._set_busy(False)
        if not answer.candidates and not answer.warning:
            # Offline by choice and not a city of the built-in list: an empty list needs a word too.
            self._warning_override = self.tr(
                "Nothing found on this computer. Try a city name, or type coordinates as 'latitude, longitude'."
            )
        self._show_answer(answer)
        self.search_finished.emit()

    def _full_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        # geocode() reports network trouble in its answer; an exception here is a bug. Keep the instant list.
        log.error("place search failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._task = None
        self._set_busy(False)
        self._warning_override = generic_warning()
        self._update_warning()
        self.search_finished.emit()

    def _full_cancelled(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._set_busy(False)
        self.search_finished.emit()

    def _cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._set_busy(False)

    # ------------------------------------------------------------------ showing answers

    def _show_answer(self, answer: GeocodeAnswer) -> None:
        self._answer = answer
        self._warning_answer = answer
        places = list(answer.candidates)
        keep = self._chosen if self._picked_by_hand else None
        if keep is not None and keep not in places:
            places.insert(0, keep)  # the person picked one while the online map answered: keep it
        self._fill(places)
        if keep is not None:
            self._select_row(places.index(keep))
        elif places:
            self._select_row(0)
        else:
            self._set_chosen(None, "")
        self._update_warning()

    def _fill(self, places: list[Place]) -> None:
        self._populating = True
        try:
            self._candidates = places
            self.list.clear()
            for place in places:
                item = QTreeWidgetItem(self.list)
                self._label_item(item, place)
        finally:
            self._populating = False

    def _label_item(self, item: QTreeWidgetItem, place: Place) -> None:
        source, precision = source_label(place.source), precision_label(place.precision)
        where = f"{place.latitude:.5f}, {place.longitude:.5f}"
        label = place.display_name or place.name
        item.setText(0, label)
        item.setText(1, source)
        item.setText(2, precision)
        details = self.tr("{coordinates} · found in: {source} · precision: {precision}")
        tip = f"{label}\n{details.format(coordinates=where, source=source, precision=precision)}"
        for column in range(3):
            item.setToolTip(column, tip)
        # Screen readers read the row as one sentence.
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, tip.replace("\n", ", "))

    def _select_row(self, row: int) -> None:
        item = self.list.topLevelItem(row)
        self._populating = True
        try:
            if item is not None:
                self.list.setCurrentItem(item)
        finally:
            self._populating = False
        self._choose(row)

    def _current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if self._populating:
            return
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        if row >= 0:
            self._picked_by_hand = True
        self._choose(row)

    def _choose(self, row: int) -> None:
        if not 0 <= row < len(self._candidates):
            self._set_chosen(None, "")
            return
        place = self._candidates[row]
        if place.source == "coordinates":
            address = " ".join(self.edit.text().split()) or place.name
        else:
            address = place.display_name or place.name
        self._set_chosen(place, address)

    def _set_chosen(self, place: Place | None, address: str) -> None:
        changed = place != self._chosen or address != self._address
        self._chosen, self._address = place, address
        if changed and not self.is_remote():
            self.place_changed.emit(place)

    def _update_warning(self) -> None:
        text = self._warning_override
        if text is None and self._warning_answer is not None:
            text = warning_text(self._warning_answer)
        style.show_status(self.warning_label, text or "", Tone.WARNING)

    def _set_busy(self, busy: bool) -> None:
        for widget in self._busy_widgets:
            widget.setVisible(busy)

    # ------------------------------------------------------------------ remote

    def _remote_toggled(self, remote: bool) -> None:
        if remote:
            self._cancel_task()
            self._generation += 1
        for widget in (self.edit, self.find_button, self.list):
            widget.setEnabled(not remote)
        self.remote_changed.emit(remote)
        self.place_changed.emit(None if remote else self._chosen)

    # ------------------------------------------------------------------ keyboard and language

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search()
                return True  # do not let a dialog's default button take it too
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._candidates:
                current = self.list.currentItem()
                row = self.list.indexOfTopLevelItem(current) if current is not None else -1
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(len(self._candidates) - 1, row + step if row >= 0 else 0))
                item = self.list.topLevelItem(row)
                if item is not None:
                    self.list.setCurrentItem(item)
                return True
            if key == Qt.Key.Key_Escape and self._task is not None:
                self.stop_search()
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Street and city, a city, or coordinates such as 30.27, 120.15"))
        self.edit.setAccessibleName(self.tr("Address"))
        self.edit.setAccessibleDescription(
            self.tr("Type an address, a city or coordinates, then press Enter to find it.")
        )
        self.find_button.setText(self.tr("&Find"))
        self.find_button.setAccessibleName(self.tr("Find the address"))
        self.find_button.setToolTip(self.tr("Find the address (Enter)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop searching the online map"))
        self.busy_bar.setAccessibleName(self.tr("Searching"))
        self.busy_label.setText(
            self.tr("Searching the online map…") if places.searches_online(self._geocoder) else self.tr("Searching…")
        )
        self.list.setHeaderLabels([self.tr("Place"), self.tr("Found in"), self.tr("Precision")])
        self.list.setAccessibleName(self.tr("Places found"))
        self.list.setAccessibleDescription(self.tr("Use the arrow keys to choose a place."))
        if self.remote_box is not None:
            self.remote_box.setText(self.tr("Remote / no place"))
            self.remote_box.setAccessibleName(self.tr("Remote / no place"))
        for row, place in enumerate(self._candidates):
            item = self.list.topLevelItem(row)
            if item is not None:
                self._label_item(item, place)
        if self._warning_override is None:
            self._update_warning()


__all__ = ["PlaceField", "generic_warning", "precision_label", "source_label", "warning_text"]
