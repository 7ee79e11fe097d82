"""A weekly grid where a volunteer paints their free time: Monday..Sunday × half hours.

Mouse: a drag that starts on an empty cell makes the rectangle it spans free;
one that starts on a free cell clears it. Keyboard: the arrows move a focus
cell, Space toggles it, Shift+arrows stretch a selection from where it began,
and Space then sets the whole selection to the opposite of that first cell.
PageUp/PageDown move four hours, Home/End go to the start and end of the day.

The grid keeps quarter hours inside, so a pattern typed on the command line
(09:15-10:00) survives a visit to the window untouched; a half-hour cell with
only one free quarter reads "partly free" and is drawn half filled.
Rows from 00:00 to 24:00 exist; 06:00-23:00 fits the first view, the rest
scrolls. Colours come from the style module and the palette (dark too).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QWidget

from volunteer_app.domain.availability import WeeklySlot
from volunteer_app.gui import style

DAYS = 7
ROWS = 48  # half hours
QUARTERS = 96
FIRST_VISIBLE_ROW = 12  # 06:00
VISIBLE_ROWS = 34  # 06:00-23:00


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def day_name(day: int, long: bool = True) -> str:
    """Monday..Sunday (0..6) in the window's language."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().dayName(day + 1, fmt)  # Qt counts Monday as 1


class FreeHoursGrid(style.Retranslating, QAbstractScrollArea):
    #: The painted pattern changed (a drag ended, Space was pressed, or ``set_pattern``).
    pattern_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quarters = [[False] * QUARTERS for _ in range(DAYS)]
        self._focus = (0, 18)  # Monday 09:00
        self._anchor: tuple[int, int] | None = None  # Shift selection start (None: just the focus cell)
        self._drag: tuple[tuple[int, int], bool, list[list[bool]]] | None = None  # start, value, snapshot
        self._scrolled_once = False
        self._last_row_height = 12
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(False)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self.setMinimumSize(360, 200)
        self.retranslate()

    # ------------------------------------------------------------------ geometry

    def min_row_height(self) -> int:
        return max(12, self.fontMetrics().height() - 2)

    def row_height(self) -> int:
        # Tall enough to read, and as tall as fits 06:00-23:00 into the view.
        room = self.viewport().height() - self.header_height()
        return max(self.min_row_height(), min(2 * self.min_row_height(), room // VISIBLE_ROWS))

    def header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def time_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 12

    def column_width(self) -> float:
        return max(1.0, (self.viewport().width() - self.time_width() - 1) / DAYS)

    def sizeHint(self) -> QSize:
        height = self.header_height() + VISIBLE_ROWS * self.min_row_height() + 2 * self.frameWidth() + 1
        width = self.time_width() + DAYS * max(56, self.fontMetrics().horizontalAdvance("Wednesday") // 2 + 24)
        return QSize(width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth(), height)

    def cell_rect(self, day: int, row: int) -> QRect:
        """Where a cell is in the viewport (it may be scrolled out of sight)."""
        width = self.column_width()
        left = self.time_width() + round(day * width)
        right = self.time_width() + round((day + 1) * width)
        top = self.header_height() + row * self.row_height() - self.verticalScrollBar().value()
        return QRect(left, top, right - left, self.row_height())

    def cell_center(self, day: int, row: int) -> QPoint:
        """The centre of a cell in viewport coordinates, scrolled into view first (for tests and tools)."""
        self.ensure_visible(row)
        return self.cell_rect(day, row).center()

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        x, y = pos.x() - self.time_width(), pos.y() - self.header_height()
        if x < 0 or y < 0:
            return None
        day = int(x // self.column_width())
        row = (y + self.verticalScrollBar().value()) // self.row_height()
        if not (0 <= day < DAYS and 0 <= row < ROWS):
            return None
        return day, row

    def _clamped_cell(self, pos: QPoint) -> tuple[int, int]:
        x = pos.x() - self.time_width()
        y = pos.y() - self.header_height() + self.verticalScrollBar().value()
        day = min(DAYS - 1, max(0, int(x // self.column_width())))
        row = min(ROWS - 1, max(0, y // self.row_height()))
        return day, row

    def _update_scroll_range(self) -> None:
        visible = max(0, self.viewport().height() - self.header_height())
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, ROWS * self.row_height() - visible))
        bar.setPageStep(visible)
        bar.setSingleStep(self.row_height())

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - QResizeEvent
        # Keep the same hour at the top when the rows change height.
        top_row = self.verticalScrollBar().value() / max(1, self._last_row_height)
        super().resizeEvent(event)
        self._update_scroll_range()
        self._last_row_height = self.row_height()
        self.verticalScrollBar().setValue(round(top_row * self._last_row_height))

    def showEvent(self, event) -> None:  # noqa: ANN001 - QShowEvent
        super().showEvent(event)
        self._update_scroll_range()
        if not self._scrolled_once:
            self._scrolled_once = True
            self.scroll_to_row(FIRST_VISIBLE_ROW)

    def scroll_to_row(self, row: int) -> None:
        self._update_scroll_range()
        self.verticalScrollBar().setValue(row * self.row_height())

    def ensure_visible(self, row: int) -> None:
        self._update_scroll_range()
        bar = self.verticalScrollBar()
        top = row * self.row_height()
        visible = max(self.row_height(), self.viewport().height() - self.header_height())
        if top < bar.value():
            bar.setValue(top)
        elif top + self.row_height() > bar.value() + visible:
            bar.setValue(top + self.row_height() - visible)

    # ------------------------------------------------------------------ the pattern

    def pattern(self) -> list[WeeklySlot]:
        """The painted free time as merged weekly slots (quarter-hour precise), Monday first."""
        out: list[WeeklySlot] = []
        for day in range(DAYS):
            start = None
            for q in range(QUARTERS + 1):
                free = q < QUARTERS and self._quarters[day][q]
                if free and start is None:
                    start = q
                elif not free and start is not None:
                    out.append(WeeklySlot(day, start * 15, q * 15))
                    start = None
        return out

    def set_pattern(self, slots: Iterable[WeeklySlot]) -> None:
        """Show stored slots (minutes are rounded to quarter hours)."""
        self._quarters = [[False] * QUARTERS for _ in range(DAYS)]
        for slot in slots:
            for q in range(slot.start_minute // 15, min(QUARTERS, -(-slot.end_minute // 15))):
                self._quarters[slot.weekday][q] = True
        self._drag = None
        self.viewport().update()
        self._describe_focus()
        self.pattern_changed.emit()

    def cell_state(self, day: int, row: int) -> int:
        """0 not free, 1 partly free, 2 free."""
        return self._quarters[day][2 * row] + self._quarters[day][2 * row + 1]

    def is_free(self, day: int, row: int) -> bool:
        return self.cell_state(day, row) == 2

    def free_minutes(self) -> int:
        return 15 * sum(sum(day) for day in self._quarters)

    def focus_cell(self) -> tuple[int, int]:
        return self._focus

    def selection(self) -> tuple[int, int, int, int]:
        """(first day, last day, first row, last row) of the selection (the focus cell alone without one)."""
        a = self._anchor or self._focus
        f = self._focus
        return min(a[0], f[0]), max(a[0], f[0]), min(a[1], f[1]), max(a[1], f[1])

    def _fill(self, rect: tuple[int, int, int, int], value: bool) -> None:
        d0, d1, r0, r1 = rect
        for day in range(d0, d1 + 1):
            for q in range(2 * r0, 2 * r1 + 2):
                self._quarters[day][q] = value

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        value = not self.is_free(*cell)  # starting on an empty (or partly free) cell adds, on a free one removes
        self._drag = (cell, value, [list(day) for day in self._quarters])
        self._focus, self._anchor = cell, None
        self._fill((cell[0], cell[0], cell[1], cell[1]), value)
        self.viewport().update()
        self._describe_focus()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        start, value, snapshot = self._drag
        cell = self._clamped_cell(event.position().toPoint())
        self._quarters = [list(day) for day in snapshot]
        self._fill(
            (min(start[0], cell[0]), max(start[0], cell[0]), min(start[1], cell[1]), max(start[1], cell[1])), value
        )
        self._focus = cell
        self.ensure_visible(cell[1])
        self.viewport().update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self.mouseMoveEvent(event)
        self._drag = None
        self._describe_focus()
        self.pattern_changed.emit()
        event.accept()

    # ------------------------------------------------------------------ keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        day, row = self._focus
        moves = {
            Qt.Key.Key_Left: (day - 1, row),
            Qt.Key.Key_Right: (day + 1, row),
            Qt.Key.Key_Up: (day, row - 1),
            Qt.Key.Key_Down: (day, row + 1),
            Qt.Key.Key_PageUp: (day, row - 8),
            Qt.Key.Key_PageDown: (day, row + 8),
            Qt.Key.Key_Home: (day, 0),
            Qt.Key.Key_End: (day, ROWS - 1),
        }
        if key in moves:
            target = (min(DAYS - 1, max(0, moves[key][0])), min(ROWS - 1, max(0, moves[key][1])))
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                if self._anchor is None:
                    self._anchor = self._focus
            else:
                self._anchor = None
            self._focus = target
            self.ensure_visible(target[1])
            self.viewport().update()
            self._describe_focus()
            event.accept()
            return
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            anchor = self._anchor or self._focus
            self._fill(self.selection(), not self.is_free(*anchor))
            self.viewport().update()
            self._describe_focus()
            self.pattern_changed.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self._anchor is not None:
            self._anchor = None
            self.viewport().update()
            self._describe_focus()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    # ------------------------------------------------------------------ words

    def cell_text(self, day: int, row: int) -> str:
        state = (self.tr("not free"), self.tr("partly free"), self.tr("free"))[self.cell_state(day, row)]
        return self.tr("{day} {start}–{end}, {state}").format(
            day=day_name(day), start=clock(row * 30), end=clock(row * 30 + 30), state=state
        )

    def current_description(self) -> str:
        day, row = self._focus
        text = self.cell_text(day, row)
        if self._anchor is not None and self._anchor != self._focus:
            d0, d1, r0, r1 = self.selection()
            text += " " + self.tr("Selected: {first}–{last}, {start}–{end}. Space sets them all.").format(
                first=day_name(d0), last=day_name(d1), start=clock(r0 * 30), end=clock(r1 * 30 + 30)
            )
        return text

    def _describe_focus(self) -> None:
        text = self.current_description()
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Weekly free hours"))
        self.setWhatsThis(
            self.tr(
                "Drag over empty cells to mark them free, over free cells to clear them. With the keyboard: "
                "arrows move, Space switches a cell, Shift+arrows select several, then Space sets them all."
            )
        )
        self._describe_focus()
        self.viewport().update()

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        window = palette.color(QPalette.ColorRole.Window)
        line = palette.color(QPalette.ColorRole.Mid)
        faint = QColor(line)
        faint.setAlpha(90)
        accent = QColor(style.accent())
        highlight = palette.color(QPalette.ColorRole.Highlight)
        overlay = QColor(highlight)
        overlay.setAlpha(70)
        rows, header, width = self.row_height(), self.header_height(), self.viewport().width()
        painter.fillRect(self.viewport().rect(), base)

        first = max(0, self.verticalScrollBar().value() // rows)
        last = min(ROWS - 1, first + (self.viewport().height() - header) // rows + 1)
        painter.save()
        painter.setClipRect(QRect(0, header, width, self.viewport().height() - header))
        d0, d1, r0, r1 = self.selection()
        show_selection = self._anchor is not None and self._anchor != self._focus
        for row in range(first, last + 1):
            for day in range(DAYS):
                rect = self.cell_rect(day, row)
                state = self.cell_state(day, row)
                if state == 2:
                    painter.fillRect(rect, accent)
                elif state == 1:
                    half = QRect(rect)
                    half.setHeight(rect.height() // 2)
                    if not self._quarters[day][2 * row]:
                        half.moveTop(rect.top() + rect.height() - half.height())
                    painter.fillRect(half, accent)
                if show_selection and d0 <= day <= d1 and r0 <= row <= r1:
                    painter.fillRect(rect, overlay)
            top = self.cell_rect(0, row).top()
            painter.setPen(QPen(line if row % 2 == 0 else faint))
            painter.drawLine(self.time_width(), top, width, top)
        for day in range(DAYS + 1):
            x = self.cell_rect(min(day, DAYS - 1), 0).left() if day < DAYS else self.cell_rect(DAYS - 1, 0).right() + 1
            painter.setPen(QPen(line))
            painter.drawLine(x, header, x, self.viewport().height())
        # Hour labels in the time column.
        painter.setPen(QPen(text))
        for row in range(first, last + 1):
            if row % 2 == 0:
                rect = QRect(0, self.cell_rect(0, row).top(), self.time_width() - 6, rows)
                painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, clock(row * 30))
        # The focus cell.
        if self.hasFocus():
            focus_pen = QPen(text)
            focus_pen.setWidth(2)
            painter.setPen(focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._focus).adjusted(1, 1, -1, -1))
        painter.restore()

        # The day header stays in place while the hours scroll.
        painter.fillRect(QRect(0, 0, width, header), window)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText)))
        long_fits = all(
            self.fontMetrics().horizontalAdvance(day_name(d)) + 6 <= self.column_width() for d in range(DAYS)
        )
        for day in range(DAYS):
            rect = self.cell_rect(day, 0)
            painter.drawText(
                QRect(rect.left(), 0, rect.width(), header), Qt.AlignmentFlag.AlignCenter, day_name(day, long=long_fits)
            )
        painter.setPen(QPen(line))
        painter.drawLine(0, header - 1, width, header - 1)
        painter.end()


__all__ = ["FreeHoursGrid", "day_name"]
