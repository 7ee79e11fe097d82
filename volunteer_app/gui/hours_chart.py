"""A bar chart of verified hours by month, painted with QPainter.

Why not QtCharts: it lives in PySide6-Addons, which adds about 200 MB to the
installed bundle for this one chart. A dozen bars, their values and a light grid
are a few dozen lines of QPainter, and they follow the palette (dark too) and the
style module's accent colour.

For screen readers the chart has an accessible name and a description that says
the figures in words (``summary()``); the page shows the same sentence below it.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from volunteer_app.domain import timefmt
from volunteer_app.domain.timefmt import MONTHS
from volunteer_app.gui.hours_tables import hours_text
from volunteer_app.gui.style import Retranslating, accent

STEPS = (0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def month_name(first: date) -> str:
    return QCoreApplication.translate("TimeFormat", MONTHS[first.month - 1])


def month_year(first: date) -> str:
    return timefmt.month_year_text(first.year, first.month, QCoreApplication.translate)


def axis_step(top_hours: float, lines: int = 4) -> float:
    """A round grid step so that about ``lines`` lines cover ``top_hours``."""
    for step in STEPS:
        if step * lines >= top_hours:
            return float(step)
    return float(10 ** math.ceil(math.log10(top_hours / lines)))


class HoursChart(Retranslating, QWidget):
    """Verified hours per month: one bar a month, the value above each bar, the year under January."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[tuple[date, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 170)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can land on it and read the summary
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(560, 220)

    def set_months(self, months: list[tuple[date, int]]) -> None:
        """Minutes per month, oldest first (the first of each month)."""
        self._months = list(months)
        self._describe()
        self.update()

    def months(self) -> list[tuple[date, int]]:
        return list(self._months)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Verified hours by month"))
        self._describe()
        self.update()

    def summary(self) -> str:
        """The chart in one or two sentences."""
        total = sum(m for _d, m in self._months)
        if not self._months or total == 0:
            return self.tr("No verified hours in the last {count} months.").format(count=len(self._months) or 12)
        best, minutes = max(self._months, key=lambda item: (item[1], item[0]))
        first, last = self._months[0][0], self._months[-1][0]
        return self.tr(
            "{total} verified from {first} to {last}; the most in {month} ({best})."
        ).format(
            total=hours_text(total),
            first=month_year(first),
            last=month_year(last),
            month=month_year(best),
            best=hours_text(minutes),
        )

    def _describe(self) -> None:
        per_month = "; ".join(f"{month_year(d)}: {hours_text(m)}" for d, m in self._months)
        self.setAccessibleDescription(f"{self.summary()} {per_month}".strip())

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(45)
        faint = QColor(text)
        faint.setAlpha(150)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        months = self._months or [(date.today().replace(day=1), 0)]
        top_hours = max(m for _d, m in months) / 60
        step = axis_step(max(top_hours, 1.0))
        top = step * max(1, math.ceil(top_hours / step)) if top_hours else step * 2
        locale = QLocale()

        def number(value: float) -> str:
            return locale.toString(value, "f", 0 if value == int(value) else 1)

        label_width = max(metrics.horizontalAdvance(number(top)), metrics.horizontalAdvance("0")) + 8
        # Above: the unit. Below: month names and, under the first month and each January, the year.
        plot = QRectF(label_width, line + 8, self.width() - label_width - 8, self.height() - 3 * line - 18)
        if plot.width() < 40 or plot.height() < 30:
            painter.end()
            return

        # Grid lines with their hour values on the left.
        painter.setPen(QPen(grid, 1))
        value = 0.0
        while value <= top + 1e-9:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(faint)
            painter.drawText(
                QRectF(0, y - line / 2, label_width - 6, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number(value),
            )
            value += step
        painter.setPen(faint)
        painter.drawText(QRectF(0, 0, self.width(), line), int(Qt.AlignmentFlag.AlignLeft), self.tr("hours"))

        slot = plot.width() / len(months)
        bar_width = max(4.0, min(48.0, slot * 0.62))
        bar_colour = QColor(accent())
        for i, (first, minutes) in enumerate(months):
            centre = plot.left() + slot * (i + 0.5)
            height = plot.height() * (minutes / 60) / top
            if minutes:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(bar_colour)
                painter.drawRoundedRect(QRectF(centre - bar_width / 2, plot.bottom() - height, bar_width, height), 2, 2)
                painter.setPen(text)
                value_label = number(round(minutes / 60, 1))
                painter.drawText(
                    QRectF(centre - slot / 2, plot.bottom() - height - line - 2, slot, line),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), value_label,
                )
            painter.setPen(text)
            painter.drawText(
                QRectF(centre - slot / 2, plot.bottom() + 4, slot, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), month_name(first),
            )
            if i == 0 or first.month == 1:
                painter.setPen(faint)
                painter.drawText(
                    QRectF(centre - slot, plot.bottom() + 4 + line, slot * 2, line),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(first.year),
                )
        painter.setPen(QPen(faint, 1))
        painter.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        painter.end()


__all__ = ["HoursChart", "axis_step"]
