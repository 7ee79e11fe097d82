"""The volunteer's schedule as an iCalendar file (RFC 5545) that calendar programs import.

One VEVENT per confirmed signup. Times carry the task's own zone (``TZID`` with a
``VTIMEZONE`` describing it), so a calendar shows the stint at the right local time
wherever the reader is. The UID is stable per signup, so importing a newer export
updates events instead of duplicating them; a stint whose task was cancelled since
comes out as ``STATUS:CANCELLED`` under the same UID.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from volunteer_app import __version__
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import Translate, english
from volunteer_app.services.accounts import Actor
from volunteer_app.services.schedule import ScheduleItem, contact_text, my_schedule, when_text, where_text, window_text
from volunteer_app.store.database import Database

CONTEXT = "CalendarExport"
T = QT_TRANSLATE_NOOP
UID_DOMAIN = "volunteer-app"
DEFAULT_FILE_NAME = "volunteer-schedule.ics"
PRODID = f"-//volunteer-app//volunteer-app {__version__}//EN"
CALENDAR_NAME = T("CalendarExport", "My volunteering")
ORGANISATION = T("CalendarExport", "Organisation: {name}")
ASK = T("CalendarExport", "Whom to ask: {contact}")
WHEN = T("CalendarExport", "When: {when}")


def uid(signup_id: int) -> str:
    """The event's stable UID: the same signup always gives the same event."""
    return f"signup-{signup_id}@{UID_DOMAIN}"


def _zoned(moment: datetime, zone_name: str) -> datetime:
    try:
        return moment.astimezone(ZoneInfo(zone_name))
    except (ValueError, KeyError, OSError):  # an unknown zone name: UTC is still the right instant
        return moment.astimezone(UTC)


def _description(item: ScheduleItem, tr: Translate) -> str:
    lines = [tr(CONTEXT, ORGANISATION).format(name=item.organisation)]
    lines.append(tr(CONTEXT, WHEN).format(when=when_text(item, tr)))
    window = window_text(item, tr)
    if window:
        lines.append(window)
    contact = contact_text(item, tr)
    if contact:
        lines.append(tr(CONTEXT, ASK).format(contact=contact))
    if item.description.strip():
        lines += ["", item.description.strip()]
    return "\n".join(lines)


def event_for(item: ScheduleItem, stamp: datetime, tr: Translate = english) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid(item.signup_id))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", _zoned(item.starts_at, item.timezone))
    event.add("dtend", _zoned(item.ends_at, item.timezone))
    event.add("summary", item.title)
    event.add("location", where_text(item, tr))
    event.add("description", _description(item, tr))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if not item.is_remote and item.latitude is not None and item.longitude is not None:
        event.add("geo", (item.latitude, item.longitude))
    contact = item.contact
    if contact is not None and contact.email:
        organizer = icalendar.vCalAddress(f"mailto:{contact.email}")
        name = contact.name if contact.for_task or not contact.name else f"{contact.name} ({item.organisation})"
        organizer.params["cn"] = icalendar.vText(name or item.organisation)
        event.add("organizer", organizer)
    return event


def schedule_ics(
    db: Database, actor: Actor | None, now: datetime, *, tr: Translate = english, include_past: bool = False
) -> bytes:
    """The signed-in person's confirmed signups (upcoming; past ones too when asked) as an .ics file."""
    schedule = my_schedule(db, actor, now, include_past=include_past)
    items = schedule.upcoming + (schedule.past if include_past else [])
    return calendar_bytes(items, now, tr)


def calendar_bytes(items: list[ScheduleItem], now: datetime, tr: Translate = english) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", tr(CONTEXT, CALENDAR_NAME))
    for item in sorted(items, key=lambda i: (i.starts_at, i.signup_id)):
        cal.add_component(event_for(item, now, tr))
    if items:
        # VTIMEZONE rules only for the years the events span (a year either side for safety).
        first = min(i.starts_at for i in items).date() - timedelta(days=366)
        last = max(i.ends_at for i in items).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=max(first, date(1970, 1, 1)), last_date=last)
    return bytes(cal.to_ical())


__all__ = ["DEFAULT_FILE_NAME", "calendar_bytes", "event_for", "schedule_ics", "uid"]
