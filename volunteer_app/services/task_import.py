"""Spreadsheet rows -> tasks (``services.tasks.TaskInput``), and their bulk write.

How a row's times become a task (the README's import section says the same):

* ``window_start``/``window_end``: a flexible window; ``minutes`` (or ``hours``) each, default 120.
* ``recurrence`` ongoing/weekly (without ``repeat_until``): a role open for months, not a
  shift. It becomes ONE task repeating weekly on the start date's weekday from the start
  date until the end date: with times of day (in ``start``/``end`` or ``start_time``/
  ``end_time``) a weekly shift, otherwise a flexible window 09:00-17:00 with the row's
  minutes (default 120). Repeats stop at ``domain.recurrence.MAX_OCCURRENCES`` weeks.
* otherwise (onetime, blank): one task on the start date. With a start time: a shift to the
  end time (or start + minutes, default 120); a day only: a flexible window 09:00-17:00 that
  day (to the end date's 17:00 for a range up to 7 days; a longer range without times of
  day is treated as ongoing, with a warning). ``repeat_until`` makes it weekly.

Rows go through ``tasks.validate``; the write is Core ``insert`` executemany (tasks with
RETURNING, then occurrences and skill requirements), with each occurrence's suggestion
index (``tasks.grid_cell``/``tasks.span_class``) filled as ``tasks.sync_occurrences`` does.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table as SqlTable
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from volunteer_app.domain import recurrence
from volunteer_app.domain.enums import TaskKind, TaskStatus
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.spreadsheet_values import (
    WEEKLY,
    Moment,
    detect_date_order,
    parse_float,
    parse_location,
    parse_moment,
    parse_priority,
    parse_recurrence,
    parse_skills,
    parse_slots,
    parse_time,
    parse_yes_no,
)
from volunteer_app.services import tasks
from volunteer_app.services.accounts import Actor
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.import_rows import (
    OrganisationLookup,
    RowReader,
    SkillLookup,
    column_indexes,
    default_timezone,
    zone_problem,
)
from volunteer_app.services.imports import (
    Cancelled,
    ImportOptions,
    ImportPlan,
    ImportResult,
    OrgInfo,
    PreparedRow,
    Progress,
    check_cancel,
)
from volunteer_app.services.spreadsheets import Table
from volunteer_app.store.models import Skill, Task, TaskOccurrence, TaskSkill
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
DAY_START, DAY_END = time(9, 0), time(17, 0)
DEFAULT_MINUTES = 120
#: A onetime listing over more days than this, without times of day, is treated as ongoing.
LONGEST_ONE_OFF_DAYS = 7
MAX_TITLE, MAX_CATEGORY = 300, 100
DATE_FIELDS = ("start", "end", "window_start", "window_end", "repeat_until")
REMOTE_WORDS = {"remote", "online", "线上", "远程"}
#: TaskInput's field -> the import field its problems are reported under.
INPUT_FIELDS = {
    "starts_at": "start", "ends_at": "end", "requires": "skills", "repeat_weekly_until": "repeat_until",
    "title": "title", "minutes": "minutes", "latitude": "latitude", "longitude": "longitude",
    "slots": "slots", "priority": "priority", "timezone": "timezone",
}  # fmt: skip


TASK, OCCURRENCE, REQUIREMENT = (cast(SqlTable, m.__table__) for m in (Task, TaskOccurrence, TaskSkill))


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _at(day: date, clock: time, moment: Moment | None, zone: str) -> datetime:
    if moment is not None and moment.zone is not None:
        return datetime.combine(day, clock, tzinfo=moment.zone)
    return datetime.combine(day, clock, tzinfo=_zone(zone))


def _minutes(row: RowReader) -> int | None:
    """``minutes``, or ``hours`` x 60; 0 means "not stated" (open data writes 0 for unknown)."""
    minutes = row.parse("minutes", parse_float)
    if minutes is None and row.text("hours") is not None:
        hours = row.parse("hours", parse_float)
        minutes = None if hours is None else hours * 60
    if minutes is None or minutes == 0:
        return None
    if minutes < 0 or minutes > tasks.MAX_TASK_MINUTES:
        row.problem("minutes" if row.text("minutes") is not None else "hours",
                    T("errors", "{value!r}: a volunteer's part must be more than 0 and at most 12 hours."))
        return None
    return round(minutes)


def _flexible_window(
    day: date, end_day: date, clock_start: time | None, clock_end: time | None, minutes: int,
    start: Moment | None, end: Moment | None, zone: str,
) -> tuple[datetime, datetime]:
    starts = _at(day, clock_start or DAY_START, start, zone)
    ends = _at(end_day, clock_end or DAY_END, end, zone)
    if ends - starts < timedelta(minutes=minutes):
        ends = starts + timedelta(minutes=minutes)  # the window holds at least one volunteer's part
    return starts, ends


class _TaskRow:
    """Builds one TaskInput from a row; problems go to the plan."""

    def __init__(self, row: RowReader, orders: dict[str, str | None], options: ImportOptions) -> None:
        self.row, self.orders, self.options = row, orders, options

    def moment(self, name: str) -> Moment | None:
        return self.row.parse(name, parse_moment, self.orders.get(name))

    def times(self, zone: str) -> tuple[Any, ...] | None:
        """(kind, starts_at, ends_at, minutes, repeat_until) or None after a problem."""
        row = self.row
        start, end = self.moment("start"), self.moment("end")
        window_start, window_end = self.moment("window_start"), self.moment("window_end")
        until = self.moment("repeat_until")
        start_clock, end_clock = row.parse("start_time", parse_time), row.parse("end_time", parse_time)
        repeat = row.parse("recurrence", parse_recurrence)
        minutes = _minutes(row)
        if not row.ok:
            return None
        part = minutes or DEFAULT_MINUTES

        if window_start is not None or window_end is not None:
            if window_start is None or window_end is None:
                missing = "window_start" if window_start is None else "window_end"
                row.problem(missing, T("errors", "A window needs both its start and its end."))
                return None
            starts, ends = _flexible_window(
                window_start.day, window_end.day, window_start.clock or start_clock,
                window_end.clock or end_clock, part, window_start, window_end, zone,
            )
            return TaskKind.FLEXIBLE, starts, ends, part, until.day if until else None

        if start is None:
            row.problem("start", T("errors", "The row has no start date."))
            return None
        first_day = start.day
        clock_start = start.clock or start_clock
        clock_end = (end.clock if end is not None else None) or end_clock
        last_day = end.day if end is not None else None
        days = (last_day - first_day).days if last_day is not None else 0
        if days < 0:
            row.problem("end", T("errors", "The end ({value}) comes before the start."))
            return None

        ongoing = until is None and (repeat == WEEKLY or (
            repeat is None and days > LONGEST_ONE_OFF_DAYS and clock_start is None and clock_end is None))
        if until is None and repeat is None and ongoing:
            row.warn("end", T("errors", "{days} days with no times of day: imported as a weekly role "
                                        "(one window a week), not one long window."), days=days)
        if ongoing:
            series_end = last_day if last_day is not None and last_day > first_day else None
            if clock_start is not None and clock_end is not None and minutes is None:
                starts = _at(first_day, clock_start, start, zone)
                ends = _at(first_day, clock_end, end, zone)
                if ends <= starts:
                    ends += timedelta(days=1)  # an overnight shift
                return TaskKind.FIXED, starts, ends, None, series_end or self._no_end(first_day)
            starts, ends = _flexible_window(first_day, first_day, clock_start, clock_end, part, start, end, zone)
            return TaskKind.FLEXIBLE, starts, ends, part, series_end or self._no_end(first_day)

        repeat_until = until.day if until else None
        if clock_start is not None:
            starts = _at(first_day, clock_start, start, zone)
            if clock_end is not None:
                ends = _at(last_day or first_day, clock_end, end, zone)
                if ends <= starts and (end is None or end.clock is None):
                    ends += timedelta(days=1)  # only an end time, earlier than the start: overnight
                span = int((ends - starts).total_seconds() // 60)
                if minutes is not None and minutes < span:
                    return TaskKind.FLEXIBLE, starts, ends, minutes, repeat_until
                return TaskKind.FIXED, starts, ends, None, repeat_until
            return TaskKind.FIXED, starts, starts + timedelta(minutes=part), None, repeat_until
        starts, ends = _flexible_window(first_day, last_day or first_day, None, clock_end, part, start, end, zone)
        return TaskKind.FLEXIBLE, starts, ends, part, repeat_until

    def _no_end(self, first_day: date) -> date:
        weeks = recurrence.MAX_OCCURRENCES
        self.row.warn("end", T("errors", "An ongoing role with no end date: it repeats weekly for {weeks} weeks."),
                      weeks=weeks)
        return first_day + timedelta(weeks=weeks - 1)


def _place(row: RowReader) -> tuple[float | None, float | None, str | None]:
    latitude, longitude = row.parse("latitude", parse_float), row.parse("longitude", parse_float)
    address = row.text("address")
    if row.text("location") is not None and (address is None or (latitude is None and longitude is None)):
        place = row.parse("location", parse_location)
        if place is not None:
            if latitude is None and longitude is None:
                latitude, longitude = place.latitude, place.longitude
            address = address or place.address
    return latitude, longitude, address


def _occurrence_count(data: tasks.TaskInput) -> int:
    return sum(1 for _ in recurrence.weekly(data.starts_at, data.ends_at, data.repeat_weekly_until, data.timezone))


def _cap_repeats(row: RowReader, data: tasks.TaskInput) -> None:
    if data.repeat_weekly_until is None:
        return
    local_start = data.starts_at.astimezone(_zone(data.timezone)).date()
    last = local_start + timedelta(weeks=recurrence.MAX_OCCURRENCES - 1)
    if data.repeat_weekly_until > last:
        row.warn("end" if row.text("repeat_until") is None else "repeat_until",
                 T("errors", "Weekly repeats stop after {weeks} weeks, on {last}, not {until}."),
                 weeks=recurrence.MAX_OCCURRENCES, last=last.isoformat(),
                 until=data.repeat_weekly_until.isoformat())
        data.repeat_weekly_until = last
    if data.repeat_weekly_until <= local_start:
        data.repeat_weekly_until = None  # a single occurrence


def prepare_rows(
    session: Session,
    plan: ImportPlan,
    table: Table,
    options: ImportOptions,
    default: OrgInfo | None,
    managed: dict[int, OrgInfo],
    progress: Progress | None,
) -> None:
    columns = column_indexes(plan)
    orders: dict[str, str | None] = {}
    for name in DATE_FIELDS:
        if name in columns:
            index = columns[name]
            orders[name] = options.date_order or detect_date_order(r[index] for r in table.rows)
    organisations = OrganisationLookup(session, managed, default)
    skills = SkillLookup(session)
    zone_default = default_timezone(options)
    status = TaskStatus.DRAFT if options.draft else TaskStatus.OPEN
    total = len(table.rows)
    for done, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True), start=1):
        row = RowReader(plan, columns, number, cells)
        data = _task_input(row, orders, options, organisations, skills, zone_default, status)
        if data is not None and row.ok:
            plan.rows.append(PreparedRow(number, data, organisations.name_of(data.organisation_id),
                                         _occurrence_count(data)))
        if progress is not None and done % 5000 == 0:
            progress(done, total)


def _task_input(
    row: RowReader,
    orders: dict[str, str | None],
    options: ImportOptions,
    organisations: OrganisationLookup,
    skills: SkillLookup,
    zone_default: str | None,
    status: TaskStatus,
) -> tasks.TaskInput | None:
    title = row.text("title")
    if title is None:
        row.problem("title", T("errors", "The title is empty."))
    elif len(title) > MAX_TITLE:
        row.problem("title", T("errors", "The title is longer than {maximum} characters."), maximum=MAX_TITLE)
    category = row.text("category")
    if category is not None and len(category) > MAX_CATEGORY:
        row.problem("category", T("errors", "The category is longer than {maximum} characters."),
                    maximum=MAX_CATEGORY)
    org = organisations.for_row(row)
    zone = row.text("timezone") or zone_default or (org.timezone if org else "UTC")
    if row.text("timezone") is not None and zone_problem(row, "timezone", zone):
        return None
    shape = _TaskRow(row, orders, options).times(zone)
    latitude, longitude, address = _place(row)
    remote = row.parse("remote", parse_yes_no)
    if remote is None and address is not None and address.casefold() in REMOTE_WORDS:
        remote = True
    slots = row.parse("slots", parse_slots, options.max_slots)
    if slots is not None and slots.requested is not None:
        if slots.unlimited:
            row.warn("slots", T("errors", "{value} places means \"as many as possible\": stored as {maximum}."),
                     maximum=slots.count)
        else:
            row.warn("slots", T("errors", "{value} places is more than {maximum}: stored as {maximum}."),
                     maximum=slots.count)
    priority = row.parse("priority", parse_priority)
    written = row.parse("skills", parse_skills) or {}
    requires = skills.resolve(row, "skills", written) if written else {}
    if not row.ok or org is None or shape is None or title is None or requires is None:
        return None
    kind, starts, ends, minutes, until = shape
    data = tasks.TaskInput(
        organisation_id=org.id, title=title, starts_at=starts, ends_at=ends, kind=kind, minutes=minutes,
        description=row.text("description") or "", category=category, address=address,
        latitude=latitude, longitude=longitude, is_remote=bool(remote), requires=requires,
        slots=slots.count if slots else 1, priority=priority or tasks.TaskInput.priority,
        status=status, repeat_weekly_until=until, timezone=zone,
    )
    _cap_repeats(row, data)
    try:
        tasks.validate(data)
    except InvalidInput as exc:
        row.invalid_input(exc, INPUT_FIELDS)
        return None
    return data


# --------------------------------------------------------------------------- writing


def task_values(data: tasks.TaskInput, created_by: int, now: datetime) -> dict[str, Any]:
    """The ``task`` row of a TaskInput: the columns ``tasks.apply_input`` sets."""
    return {
        "organisation_id": data.organisation_id, "title": data.title.strip(), "description": data.description,
        "category": data.category, "address": data.address, "latitude": data.latitude,
        "longitude": data.longitude, "is_remote": data.is_remote, "kind": data.kind,
        "starts_at": data.starts_at, "ends_at": data.ends_at, "minutes": data.minutes, "slots": data.slots,
        "priority": data.priority, "status": data.status, "contact_person_id": data.contact_person_id,
        "repeat_weekly_until": data.repeat_weekly_until, "timezone": data.timezone,
        "created_by_id": created_by, "created_at": now, "updated_at": now,
    }  # fmt: skip


def occurrence_values(task_id: int, data: tasks.TaskInput) -> list[dict[str, Any]]:
    """The occurrences ``tasks.sync_occurrences`` would make for a new task, index columns included."""
    cell = tasks.grid_cell(data.is_remote, data.latitude, data.longitude)
    return [
        {"task_id": task_id, "starts_at": start, "ends_at": end, "is_cancelled": False,
         "grid_cell": cell, "span_class": tasks.span_class(data.kind, start, end)}
        for start, end in recurrence.weekly(data.starts_at, data.ends_at, data.repeat_weekly_until, data.timezone)
    ]  # fmt: skip


def write_rows(
    session: Session,
    actor: Actor,
    plan: ImportPlan,
    result: ImportResult,
    progress: Progress | None,
    cancelled: Cancelled | None,
    chunk_rows: int,
) -> None:
    skill_ids = {key: sid for key, sid in session.execute(select(Skill.key, Skill.id))}
    now = utcnow()
    total = len(plan.rows)
    if progress is not None:
        progress(0, total)
    for first in range(0, total, chunk_rows):
        check_cancel(cancelled)
        chunk = plan.rows[first : first + chunk_rows]
        # Core statements on the tables (the ORM's bulk path is far slower with RETURNING).
        ids = session.scalars(
            insert(TASK).returning(TASK.c.id, sort_by_parameter_order=True),
            [task_values(r.data, actor.person_id, now) for r in chunk],
        ).all()
        occurrences: list[dict[str, Any]] = []
        requirements: list[dict[str, Any]] = []
        for task_id, prepared in zip(ids, chunk, strict=True):
            data: tasks.TaskInput = prepared.data
            occurrences.extend(occurrence_values(task_id, data))
            requirements.extend(
                {"task_id": task_id, "skill_id": skill_ids[key], "min_level": level}
                for key, level in sorted(data.requires.items())
            )
        session.execute(insert(OCCURRENCE), occurrences)
        if requirements:
            session.execute(insert(REQUIREMENT), requirements)
        result.ids.extend(ids)
        result.written += len(chunk)
        result.occurrences += len(occurrences)
        if progress is not None:
            progress(result.written, total)
    check_cancel(cancelled)
