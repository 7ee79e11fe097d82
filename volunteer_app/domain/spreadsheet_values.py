"""Values as people type them into spreadsheets: dates, times, places, counts, skills.

Pure functions, no database: each takes one cell (text from a CSV, or the typed
value an XLSX cell holds) and returns a plain value, ``None`` for a blank cell,
or raises ``ValueProblem`` with a translatable sentence naming the value.

Dates understood: ISO 8601 (``2026-12-05``, ``2026-12-05T09:30+08:00``),
``2026/12/05``, ``12/05/2026`` and ``05/12/2026`` (the order from ``mdy``/``dmy``,
or from the value itself when a part is above 12), ``February 24 2011``,
``24 Feb 2011``, ``Saturday, February 24, 2011 10:00 AM``, ``2026年12月5日`` and
date cells. Places understood: see ``parse_location``.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP

T = QT_TRANSLATE_NOOP

MDY, DMY = "mdy", "dmy"
DATE_ORDERS = (MDY, DMY)


class ValueProblem(ValueError):
    """A cell that cannot be read; ``template`` (``errors`` context) is filled with ``params``."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class AmbiguousDate(ValueProblem):
    """``05/06/2026``: the fifth of June or the sixth of May; the date order must be stated."""


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or text.casefold() in ("nan", "null", "none", "n/a", "#n/a")
    return False


def text_of(value: object) -> str | None:
    """A cell as trimmed text, ``None`` when blank (never "nan" or "")."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------- headers


def normalise_header(header: object) -> str:
    """``"Start Date"``, ``"start_date"``, ``" START-date "`` all become ``"start_date"``."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header)).casefold().strip()
    return re.sub(r"[\s_\-]+", "_", text).strip("_")


def header_key(headers: Iterable[object]) -> str:
    """SHA-256 of the normalised header row: the same spreadsheet layout gives the same key."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- numbers


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_float(value: object) -> float | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(T("errors", "{value!r} is not a number."), value=str(value))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise ValueProblem(T("errors", "{value!r} is not a number."), value=text) from None
    if not math.isfinite(number):
        raise ValueProblem(T("errors", "{value!r} is not a number."), value=str(value))
    return number


def parse_int(value: object) -> int | None:
    number = parse_float(value)
    if number is None:
        return None
    if not number.is_integer():
        raise ValueProblem(T("errors", "{value!r} is not a whole number."), value=text_of(value))
    return int(number)


_YES = {"y", "yes", "true", "1", "x", "是", "✓", "remote", "online", "线上"}
_NO = {"n", "no", "false", "0", "否", "-"}


def parse_yes_no(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueProblem(T("errors", "{value!r} is neither yes nor no."), value=str(value).strip())


#: Words people write where a number of places would go, meaning "as many as come".
UNLIMITED_WORDS = {"unlimited", "any", "as many as possible", "no limit", "不限", "若干"}
#: Spreadsheet conventions for "as many as possible" (NYC Service uses 9999).
UNLIMITED_NUMBERS = {999, 9999, 99999}


@dataclass(frozen=True)
class Slots:
    count: int
    requested: str | None = None  # the value as written, when it was capped
    unlimited: bool = False


def parse_slots(value: object, maximum: int) -> Slots | None:
    """Places on a task; "as many as possible" (``9999``, "unlimited") and counts above
    ``maximum`` become ``maximum`` (the caller reports that)."""
    if is_blank(value):
        return None
    text = text_of(value) or ""
    if text.casefold() in UNLIMITED_WORDS:
        return Slots(maximum, text, unlimited=True)
    try:
        count = parse_int(value)
    except ValueProblem:
        raise ValueProblem(T("errors", "{value!r} is not a number of places."), value=text) from None
    assert count is not None
    if count < 1:
        raise ValueProblem(T("errors", "A task needs at least 1 place, not {value}."), value=count)
    if count in UNLIMITED_NUMBERS:
        return Slots(maximum, text, unlimited=True)
    if count > maximum:
        return Slots(maximum, text)
    return Slots(count)


_PRIORITY_WORDS = {
    "low": 1, "normal": 2, "medium": 3, "high": 4, "urgent": 5,
    "y": 4, "yes": 4, "true": 4, "n": 1, "no": 1, "false": 1,
    "低": 1, "中": 3, "高": 4, "紧急": 5,
}  # fmt: skip


def parse_priority(value: object) -> int | None:
    """1 (nice to have) .. 5 (urgent), or low/normal/medium/high/urgent, or a yes/no "is priority" flag."""
    if is_blank(value):
        return None
    text = (text_of(value) or "").casefold()
    if text in _PRIORITY_WORDS:
        return _PRIORITY_WORDS[text]
    try:
        number = parse_int(value)
    except ValueProblem:
        number = None
    if number is None or not 1 <= number <= 5:
        raise ValueProblem(T("errors", "Priority must be 1 to 5 (or low, normal, high, urgent), not {value!r}."),
                           value=text_of(value))
    return number


# --------------------------------------------------------------------------- skills and languages


_SKILL_ITEM = re.compile(r"^(?P<key>.+?)\s*(?:[:=]\s*(?P<level>\S+))?$")


def parse_skills(value: object) -> dict[str, int]:
    """``"first_aid:2; driving"`` -> ``{"first_aid": 2, "driving": 1}`` (names as written, trimmed)."""
    result: dict[str, int] = {}
    text = text_of(value)
    if text is None:
        return result
    for item in re.split(r"[;,\n]+", text):
        item = item.strip()
        if not item:
            continue
        match = _SKILL_ITEM.match(item)
        assert match is not None
        key, level_text = match.group("key").strip(), match.group("level")
        level = 1
        if level_text is not None:
            try:
                level = int(level_text)
            except ValueError:
                level = 0
            if not 1 <= level <= 5:
                raise ValueProblem(
                    T("errors", "Skill {skill}: level must be 1 to 5, not {value!r}."), skill=key, value=level_text
                )
        result[key] = max(level, result.get(key, 0))
    return result


def format_skills(requires: dict[str, int]) -> str:
    return "; ".join(f"{key}:{level}" for key, level in sorted(requires.items()))


_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def parse_languages(value: object) -> list[str]:
    """``"zh, en-GB"`` -> ``["zh", "en-GB"]`` (BCP 47 tags)."""
    text = text_of(value)
    if text is None:
        return []
    tags: list[str] = []
    for item in re.split(r"[;,/\s]+", text):
        if not item:
            continue
        if not _LANGUAGE_TAG.match(item):
            raise ValueProblem(T("errors", "{value!r} is not a language tag such as en or zh-CN."), value=item)
        if item not in tags:
            tags.append(item)
    return tags


# --------------------------------------------------------------------------- recurrence


WEEKLY, ONCE = "weekly", "once"
_WEEKLY_WORDS = {"ongoing", "weekly", "recurring", "repeating", "every week", "每周", "长期"}
_ONCE_WORDS = {"onetime", "one-time", "one time", "once", "single", "one-off", "一次", "单次"}


def parse_recurrence(value: object) -> str | None:
    """``ongoing``/``weekly`` -> WEEKLY; ``onetime``/``once`` -> ONCE; blank -> None."""
    text = text_of(value)
    if text is None:
        return None
    folded = text.casefold()
    if folded in _WEEKLY_WORDS:
        return WEEKLY
    if folded in _ONCE_WORDS:
        return ONCE
    raise ValueProblem(T("errors", "{value!r} is neither ongoing/weekly nor onetime/once."), value=text)


# --------------------------------------------------------------------------- dates and times


@dataclass(frozen=True)
class Moment:
    """A date, maybe a time of day, maybe an explicit UTC offset, as written in a cell."""

    day: date
    clock: time | None = None  # None: the cell names a day only
    zone: tzinfo | None = None  # an offset written in the value ("+08:00", "Z")


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAY_NAMES = re.compile(
    r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\.?,?\s+", re.IGNORECASE
)
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ].*)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T\s]+(.*))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[T\s]+(.*))?$")
_CHINESE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
_TEXT_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(.*))?$")
_TEXT_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:,?\s+(.*))?$")
_TIME = re.compile(
    r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*([ap])?\.?\s*(m\.?)?$", re.IGNORECASE
)


def _day(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(T("errors", "{value!r} is not a date in the calendar."), value=raw) from None


def parse_time(value: object) -> time | None:
    """``14:30``, ``14:30:00``, ``2:30 PM``, ``2pm``, ``9.30``, or a time cell."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.time().replace(tzinfo=None)
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    text = str(value).strip()
    match = _TIME.match(text)
    if match is None or (match.group(2) is None and match.group(4) is None):
        raise ValueProblem(T("errors", "{value!r} is not a time of day such as 14:30 or 2:30 PM."), value=text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    second = int(match.group(3) or 0)
    half = (match.group(4) or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            raise ValueProblem(T("errors", "{value!r} is not a time of day such as 14:30 or 2:30 PM."), value=text)
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour == 24 and minute == 0 and second == 0:
        hour, minute = 23, 59  # "24:00": the end of the day, one minute short
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise ValueProblem(T("errors", "{value!r} is not a time of day such as 14:30 or 2:30 PM."), value=text)
    return time(hour, minute, second)


def _with_clock(day: date, rest: str | None, raw: str) -> Moment:
    if not rest or not rest.strip():
        return Moment(day)
    try:
        clock = parse_time(rest.strip())
    except ValueProblem:
        raise ValueProblem(T("errors", "{value!r} is not a date (and time) this importer understands."),
                           value=raw) from None
    return Moment(day, clock)


def numeric_parts(value: object) -> tuple[int, int] | None:
    """The first two numbers of ``12/05/2026``-style text (for detecting the date order)."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC.match(value.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def detect_date_order(values: Iterable[object]) -> str | None:
    """``mdy`` or ``dmy`` when some value settles it (a part above 12) and none contradicts it."""
    month_first = day_first = False
    for value in values:
        parts = numeric_parts(value)
        if parts is None:
            continue
        first, second = parts
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
    if month_first != day_first:
        return MDY if month_first else DMY
    return None


def parse_moment(value: object, order: str | None = None) -> Moment | None:
    """A date (and maybe a time) from a cell; ``order`` settles ``05/06/2026`` (``mdy``/``dmy``)."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return Moment(value.date(), value.time().replace(tzinfo=None), value.tzinfo)
    if isinstance(value, date):
        return Moment(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueProblem(T("errors", "{value!r} is a number, not a date."), value=text_of(value))
    raw = str(value).strip()
    text = _WEEKDAY_NAMES.sub("", raw)
    if _ISO.match(text):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueProblem(T("errors", "{value!r} is not a date in the calendar."), value=raw) from None
        if "T" not in text and " " not in text:
            return Moment(parsed.date())
        return Moment(parsed.date(), parsed.time(), parsed.tzinfo)
    if match := _YMD.match(text):
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        return _with_clock(_day(year, month, day, raw), match.group(4), raw)
    if match := _CHINESE.match(text):
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        return _with_clock(_day(year, month, day, raw), match.group(4), raw)
    if match := _NUMERIC.match(text):
        first, second, year = (int(match.group(i)) for i in (1, 2, 3))
        if order is None:
            if first > 12 >= second:
                order = DMY
            elif second > 12 >= first or first == second:
                order = MDY
            else:
                raise AmbiguousDate(
                    T("errors", "{value!r} could be month/day or day/month: choose the date order (mdy or dmy)."),
                    value=raw,
                )
        month, day = (first, second) if order == MDY else (second, first)
        return _with_clock(_day(year, month, day, raw), match.group(4), raw)
    for pattern, month_group, day_group in ((_TEXT_MDY, 1, 2), (_TEXT_DMY, 2, 1)):
        match = pattern.match(text)
        if match and match.group(month_group).casefold() in _MONTHS:
            month = _MONTHS[match.group(month_group).casefold()]
            found = _day(int(match.group(3)), month, int(match.group(day_group)), raw)
            return _with_clock(found, match.group(4), raw)
    raise ValueProblem(T("errors", "{value!r} is not a date (and time) this importer understands."), value=raw)


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    address: str | None = None  # an address found inside the value (open-data dicts, multi-line)


_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_PAIR = re.compile(rf"^\(?\s*({_NUMBER})\s*[,;]\s*({_NUMBER})\s*\)?$")
_TRAILING_PAIR = re.compile(rf"\(\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\)\s*$")
_WKT = re.compile(rf"^POINT\s*(?:Z\s*)?\(\s*({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER})?\s*\)$", re.IGNORECASE)


def check_coordinates(latitude: float, longitude: float, raw: str) -> Place:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueProblem(
            T("errors", "{value!r} is not a place: latitude must be -90..90 and longitude -180..180."), value=raw
        )
    return Place(latitude, longitude)


def _address_from(data: object) -> str | None:
    """The text of an open-data ``human_address`` (a JSON object as text, or a dict)."""
    if isinstance(data, str):
        text = data
        try:
            data = json.loads(text)
        except ValueError:
            return text.strip() or None
    if not isinstance(data, dict):
        return None
    street = str(data.get("address") or "").strip()
    city = str(data.get("city") or "").strip()
    region = " ".join(p for p in (str(data.get("state") or "").strip(), str(data.get("zip") or "").strip()) if p)
    return ", ".join(p for p in (street, city, region) if p) or None


def _place_from_mapping(data: dict[str, Any], raw: str) -> Place:
    keys = {str(k).casefold(): v for k, v in data.items()}
    if keys.get("type") == "Point" and isinstance(keys.get("coordinates"), list):  # GeoJSON: [lon, lat]
        lon, lat = keys["coordinates"][:2]
        return check_coordinates(float(lat), float(lon), raw)
    lat = next((keys[k] for k in ("latitude", "lat") if keys.get(k) not in (None, "")), None)
    lon = next((keys[k] for k in ("longitude", "lng", "lon", "long") if keys.get(k) not in (None, "")), None)
    if lat is None or lon is None:
        raise ValueProblem(T("errors", "{value!r} holds no latitude and longitude."), value=raw)
    try:
        place = check_coordinates(float(lat), float(lon), raw)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(T("errors", "{value!r} holds no latitude and longitude."), value=raw) from None
    address = _address_from(keys.get("human_address") or keys.get("address"))
    return Place(place.latitude, place.longitude, address)


def parse_location(value: object) -> Place | None:
    """A place from one cell holding both coordinates, in any of the common shapes:

    * ``40.72, -73.99`` and ``(40.72, -73.99)`` (latitude first);
    * a multi-line address ending in ``(40.72, -73.99)``: the lines before are the address;
    * ``POINT (-73.99 40.72)`` (WKT: longitude first);
    * JSON or a Python-dict-like text with ``latitude``/``longitude`` (or ``lat``/``lng``/``lon``),
      such as NYC Open Data's ``{'longitude': '-73.99', 'latitude': '40.72', 'human_address':
      '{"address": "407 Broome Street", "city": "New York", "state": "NY", "zip": "10013"}'}``,
      whose address is kept; and GeoJSON points.
    """
    if is_blank(value):
        return None
    raw = str(value).strip()
    if match := _PAIR.match(raw):
        return check_coordinates(float(match.group(1)), float(match.group(2)), raw)
    if match := _WKT.match(raw):
        return check_coordinates(float(match.group(2)), float(match.group(1)), raw)
    if raw.startswith("{"):
        data: object = None
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = ast.literal_eval(raw)  # literals only: never runs code
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                data = None
        if isinstance(data, dict):
            return _place_from_mapping(data, raw)
    if match := _TRAILING_PAIR.search(raw):
        place = check_coordinates(float(match.group(1)), float(match.group(2)), raw)
        before = raw[: match.start()]
        address = ", ".join(line.strip().rstrip(",") for line in before.splitlines() if line.strip())
        return Place(place.latitude, place.longitude, address or None)
    raise ValueProblem(T("errors", "{value!r} is not a place this importer understands (latitude, longitude)."),
                       value=raw)
