"""How times read, for the window, the CLI and certificates alike: one set of functions.

A task happens in its own place's time, so every task time is shown on the clock of
the task's time zone, and the zone is named when it differs from the viewer's clock
(the computer's, unless told). A flexible task reads as its window plus its length
("between 09:00 and 17:00, 1 h"), never as a fixed shift.

Below the GUI there is no Qt, so the words come through ``tr(context, text)``: the
window passes ``QCoreApplication.translate`` (templates are marked with
``QT_TRANSLATE_NOOP`` so lupdate finds them), the CLI the default (English).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]
CONTEXT = "TimeFormat"


def english(_context: str, text: str) -> str:
    return text


WEEKDAYS = (
    QT_TRANSLATE_NOOP("TimeFormat", "Mon"),
    QT_TRANSLATE_NOOP("TimeFormat", "Tue"),
    QT_TRANSLATE_NOOP("TimeFormat", "Wed"),
    QT_TRANSLATE_NOOP("TimeFormat", "Thu"),
    QT_TRANSLATE_NOOP("TimeFormat", "Fri"),
    QT_TRANSLATE_NOOP("TimeFormat", "Sat"),
    QT_TRANSLATE_NOOP("TimeFormat", "Sun"),
)
MONTHS = (
    QT_TRANSLATE_NOOP("TimeFormat", "Jan"),
    QT_TRANSLATE_NOOP("TimeFormat", "Feb"),
    QT_TRANSLATE_NOOP("TimeFormat", "Mar"),
    QT_TRANSLATE_NOOP("TimeFormat", "Apr"),
    QT_TRANSLATE_NOOP("TimeFormat", "May"),
    QT_TRANSLATE_NOOP("TimeFormat", "Jun"),
    QT_TRANSLATE_NOOP("TimeFormat", "Jul"),
    QT_TRANSLATE_NOOP("TimeFormat", "Aug"),
    QT_TRANSLATE_NOOP("TimeFormat", "Sep"),
    QT_TRANSLATE_NOOP("TimeFormat", "Oct"),
    QT_TRANSLATE_NOOP("TimeFormat", "Nov"),
    QT_TRANSLATE_NOOP("TimeFormat", "Dec"),
)
# {weekday} Mon, {day} 30, {month} Nov, {month_number} 11, {year} 2026
DATE = QT_TRANSLATE_NOOP("TimeFormat", "{weekday} {day} {month} {year}")
SHORT_DATE = QT_TRANSLATE_NOOP("TimeFormat", "{weekday} {day} {month}")
MONTH_YEAR = QT_TRANSLATE_NOOP("TimeFormat", "{month} {year}")
SHIFT = QT_TRANSLATE_NOOP("TimeFormat", "{date}, {start}–{end}")
OVERNIGHT = QT_TRANSLATE_NOOP("TimeFormat", "{date}, {start} – {end_date}, {end}")
WINDOW = QT_TRANSLATE_NOOP("TimeFormat", "{date}, between {start} and {end}, {length}")
LONG_WINDOW = QT_TRANSLATE_NOOP("TimeFormat", "between {date}, {start} and {end_date}, {end}, {length}")
ZONE = QT_TRANSLATE_NOOP("TimeFormat", "{text} ({place} time, {utc})")
SHORT_ZONE = QT_TRANSLATE_NOOP("TimeFormat", "{text} ({utc})")
HOURS_MINUTES = QT_TRANSLATE_NOOP("TimeFormat", "{hours} h {minutes} min")
HOURS = QT_TRANSLATE_NOOP("TimeFormat", "{hours} h")
MINUTES = QT_TRANSLATE_NOOP("TimeFormat", "{minutes} min")


def zone_of(name: str | None) -> tzinfo:
    """The time zone called ``name`` (IANA), or the computer's when None or unknown."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return local


def same_clock(moment: datetime, zone: tzinfo, viewer: tzinfo | None = None) -> bool:
    """Whether ``zone`` and the viewer's zone (default: the computer's) read the same at ``moment``."""
    here = moment.astimezone(viewer) if viewer is not None else moment.astimezone()
    return moment.astimezone(zone).utcoffset() == here.utcoffset()


def date_text(moment: datetime, tr: Translate = english, *, with_year: bool = True) -> str:
    """``moment`` (already on the wanted clock) as a date: "Mon 30 Nov 2026" / "2026年11月30日 周一"."""
    return tr(CONTEXT, DATE if with_year else SHORT_DATE).format(
        weekday=tr(CONTEXT, WEEKDAYS[moment.weekday()]),
        day=moment.day,
        month=tr(CONTEXT, MONTHS[moment.month - 1]),
        month_number=moment.month,
        year=moment.year,
    )


def month_year_text(year: int, month: int, tr: Translate = english) -> str:
    """"Nov 2026" / "2026年11月"."""
    return tr(CONTEXT, MONTH_YEAR).format(month=tr(CONTEXT, MONTHS[month - 1]), month_number=month, year=year)


def clock_text(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def duration_text(minutes: int, tr: Translate = english) -> str:
    """Whole minutes as "1 h 30 min", "2 h", "45 min"."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return tr(CONTEXT, HOURS_MINUTES).format(hours=hours, minutes=rest)
    if hours:
        return tr(CONTEXT, HOURS).format(hours=hours)
    return tr(CONTEXT, MINUTES).format(minutes=rest)


def zone_label(zone: tzinfo, moment: datetime) -> tuple[str, str]:
    """("Shanghai", "UTC+8"): the zone's city (from its IANA name) and its offset at ``moment``."""
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    utc = f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
    name = getattr(zone, "key", None) or utc
    return name.rsplit("/", 1)[-1].replace("_", " "), utc


# Cities of the time zones people here meet most, so a Chinese window reads 上海时间, not Shanghai时间.
ZONE_CITIES = (
    QT_TRANSLATE_NOOP("TimeZones", "Shanghai"),
    QT_TRANSLATE_NOOP("TimeZones", "Hong Kong"),
    QT_TRANSLATE_NOOP("TimeZones", "Macau"),
    QT_TRANSLATE_NOOP("TimeZones", "Taipei"),
    QT_TRANSLATE_NOOP("TimeZones", "Urumqi"),
    QT_TRANSLATE_NOOP("TimeZones", "Tokyo"),
    QT_TRANSLATE_NOOP("TimeZones", "Seoul"),
    QT_TRANSLATE_NOOP("TimeZones", "Singapore"),
    QT_TRANSLATE_NOOP("TimeZones", "London"),
    QT_TRANSLATE_NOOP("TimeZones", "Paris"),
    QT_TRANSLATE_NOOP("TimeZones", "Berlin"),
    QT_TRANSLATE_NOOP("TimeZones", "New York"),
    QT_TRANSLATE_NOOP("TimeZones", "Los Angeles"),
    QT_TRANSLATE_NOOP("TimeZones", "Sydney"),
)


def _with_zone(text: str, tz: tzinfo, moment: datetime, tr: Translate, *, compact: bool = False) -> str:
    place, utc = zone_label(tz, moment)
    place = tr("TimeZones", place) if place in ZONE_CITIES else place
    return tr(CONTEXT, SHORT_ZONE if compact else ZONE).format(text=text, place=place, utc=utc)


def task_time_text(
    start: datetime,
    end: datetime,
    zone: str | None,
    *,
    minutes: int | None = None,
    tr: Translate = english,
    viewer: tzinfo | None = None,
    compact: bool = False,
) -> str:
    """When a task happens, on its own clock, naming its zone when the viewer's clock differs.

    ``start``/``end`` are aware (stored UTC is fine). ``minutes`` given means a flexible
    task: ``start``-``end`` is then the window and ``minutes`` each person's length.
    ``compact`` (list cells): no year when it is this year, the zone as its UTC offset only.
    """
    tz = zone_of(zone)
    s, e = start.astimezone(tz), end.astimezone(tz)
    this_year = datetime.now(tz).year
    same_day = s.date() == e.date() or (e - s <= timedelta(hours=24) and e.hour == 0 and e.minute == 0
                                        and e.date() == s.date() + timedelta(days=1))
    params = {
        "date": date_text(s, tr, with_year=not (compact and s.year == this_year)),
        "start": clock_text(s),
        "end": clock_text(e) if not (same_day and e.date() != s.date()) else "24:00",
        "end_date": date_text(e, tr, with_year=e.year != s.year),
    }
    if minutes is not None:
        params["length"] = duration_text(minutes, tr)
        text = tr(CONTEXT, WINDOW if same_day else LONG_WINDOW).format(**params)
    else:
        text = tr(CONTEXT, SHIFT if same_day else OVERNIGHT).format(**params)
    if not same_clock(start, tz, viewer):
        text = _with_zone(text, tz, start, tr, compact=compact)
    return text


def moment_text(moment: datetime, zone: str | None, *, tr: Translate = english, viewer: tzinfo | None = None) -> str:
    """One point in time ("Mon 30 Nov 2026, 16:00") on ``zone``'s clock, naming the zone when it differs."""
    tz = zone_of(zone)
    local = moment.astimezone(tz)
    text = f"{date_text(local, tr)}, {clock_text(local)}"
    if not same_clock(moment, tz, viewer):
        text = _with_zone(text, tz, moment, tr)
    return text


__all__ = [
    "Translate",
    "clock_text",
    "date_text",
    "duration_text",
    "english",
    "month_year_text",
    "moment_text",
    "same_clock",
    "task_time_text",
    "zone_label",
    "zone_of",
]
