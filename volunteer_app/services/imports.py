"""Importing tasks and volunteers from spreadsheets (CSV or XLSX).

The flow, shared by the window and the CLI:

1. ``read_file(path)``: the header row and the rows (``services.spreadsheets``).
2. ``suggest_mapping(db, kind, headers)``: which column feeds which field, remembered
   per header row (``ImportMapping``) or else found by name (any case, spaces or underscores).
3. ``prepare(db, actor, kind, table, options)``: every row read and checked; gives an
   ``ImportPlan`` with the rows as they will be stored and every problem (row, column, value).
   Nothing is written.
4. ``execute(db, actor, plan, ...)``: writes the plan's rows in ONE transaction. Without
   ``skip_invalid`` a plan with any problem is refused (``ImportRefused``) and nothing is
   written; with it, only the rows without problems are. A cancel (``cancelled()``), a
   crash or an error during the write rolls everything back. ``dry_run`` does the whole
   write and rolls it back, so it checks what the database would say too.

``import_file`` runs the four steps for the CLI.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.enums import Role
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.spreadsheet_values import DATE_ORDERS, header_key, normalise_header
from volunteer_app.services import audit
from volunteer_app.services.accounts import Actor, require_role, require_signed_in
from volunteer_app.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from volunteer_app.services.spreadsheets import Table, read_table
from volunteer_app.store.database import Database
from volunteer_app.store.models import ImportMapping, Membership, Organisation
from volunteer_app.store.types import utcnow

T = QT_TRANSLATE_NOOP
TASKS, VOLUNTEERS = "tasks", "volunteers"
KINDS = (TASKS, VOLUNTEERS)
MANAGERS = (Role.COORDINATOR, Role.ADMIN)
#: Rows written per step between cancel checks and progress reports.
CHUNK_ROWS = 2000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str  # translatable, context "ImportFields"
    required: bool = False
    aliases: tuple[str, ...] = ()  # other normalised headers that name it


def _f(name: str, label: str, *aliases: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, label, required, aliases)


TASK_FIELDS: tuple[FieldSpec, ...] = (
    _f("title", T("ImportFields", "Title"), "name", "task", required=True),
    _f("description", T("ImportFields", "Description"), "details"),
    _f("organisation", T("ImportFields", "Organisation"), "organization", "org"),
    _f("category", T("ImportFields", "Category")),
    _f("address", T("ImportFields", "Address")),
    _f("latitude", T("ImportFields", "Latitude"), "lat"),
    _f("longitude", T("ImportFields", "Longitude"), "lon", "lng", "long"),
    _f("location", T("ImportFields", "Location (latitude and longitude in one column)"), "coordinates", "point"),
    _f("remote", T("ImportFields", "Remote (yes/no)"), "is_remote", "online"),
    _f("start", T("ImportFields", "Start (date, maybe time)"), "starts_at", "start_date", "date"),
    _f("end", T("ImportFields", "End (date, maybe time)"), "ends_at", "end_date"),
    _f("start_time", T("ImportFields", "Start time")),
    _f("end_time", T("ImportFields", "End time")),
    _f("window_start", T("ImportFields", "Window start (flexible tasks)")),
    _f("window_end", T("ImportFields", "Window end (flexible tasks)")),
    _f("minutes", T("ImportFields", "Minutes per volunteer"), "duration_minutes", "length_minutes"),
    _f("hours", T("ImportFields", "Hours per volunteer"), "duration_hours"),
    _f("recurrence", T("ImportFields", "Recurrence (ongoing or onetime)"), "recurrence_type", "repeats"),
    _f("repeat_until", T("ImportFields", "Repeat weekly until"), "repeat_weekly_until", "until"),
    _f("slots", T("ImportFields", "Places"), "places", "volunteers_needed", "capacity"),
    _f("priority", T("ImportFields", "Priority (1-5)")),
    _f("skills", T("ImportFields", "Required skills (key:level; ...)"), "required_skills", "requires"),
    _f("timezone", T("ImportFields", "Time zone"), "time_zone", "tz"),
)
VOLUNTEER_FIELDS: tuple[FieldSpec, ...] = (
    _f("email", T("ImportFields", "Email"), "e_mail", "mail", "email_address", required=True),
    _f("name", T("ImportFields", "Name"), "full_name", "display_name", required=True),
    _f("phone", T("ImportFields", "Phone"), "telephone", "mobile", "phone_number"),
    _f("address", T("ImportFields", "Home address"), "home_address"),
    _f("latitude", T("ImportFields", "Latitude"), "lat", "home_latitude"),
    _f("longitude", T("ImportFields", "Longitude"), "lon", "lng", "long", "home_longitude"),
    _f("location", T("ImportFields", "Location (latitude and longitude in one column)"), "coordinates", "point"),
    _f("radius_km", T("ImportFields", "Travel radius (km)"), "radius", "travel_radius"),
    _f("skills", T("ImportFields", "Skills (key:level; ...)")),
    _f("languages", T("ImportFields", "Languages (en, zh, ...)"), "language"),
    _f("timezone", T("ImportFields", "Time zone"), "time_zone", "tz"),
)


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    if kind == TASKS:
        return TASK_FIELDS
    if kind == VOLUNTEERS:
        return VOLUNTEER_FIELDS
    raise InvalidInput("kind", T("errors", "Import {value!r}? Choose tasks or volunteers."), value=kind)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One cell (or row) that cannot be imported as it is, or a change made to it (a warning)."""

    row: int  # as a spreadsheet shows it: the header is row 1
    column: str | None  # the file's header
    value: str
    template: str  # ``errors`` context, filled with ``params``
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class PreparedRow:
    """One row as it will be stored: a ``tasks.TaskInput`` or a ``VolunteerRow``."""

    row: int
    data: Any
    organisation: str  # the organisation's name
    occurrences: int = 1  # tasks: dated occurrences the row makes


@dataclass
class ImportPlan:
    kind: str
    file_name: str
    headers: list[str]
    mapping: dict[str, str]  # field -> header
    mapping_source: str  # "chosen", "remembered" or "automatic"
    header_key: str
    total_rows: int
    rows: list[PreparedRow]  # the rows without problems
    problems: list[Problem]
    warnings: list[Problem]
    organisation_ids: list[int]  # every organisation a row goes to

    @property
    def rows_with_problems(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file_name,
            "mapping": self.mapping,
            "mapping_source": self.mapping_source,
            "rows": self.total_rows,
            "valid_rows": len(self.rows),
            "rows_with_problems": self.rows_with_problems,
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [w.as_dict() for w in self.warnings],
        }


@dataclass
class ImportResult:
    plan: ImportPlan
    written: int  # rows stored (tasks or volunteers); 0 on a dry run
    occurrences: int = 0  # tasks: dated occurrences stored
    dry_run: bool = False
    skipped_rows: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # new task ids / person ids
    #: volunteers: the generated passwords of new accounts, shown once (email, password)
    passwords: list[tuple[str, str]] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)  # volunteers who had an account already

    def as_dict(self) -> dict[str, Any]:
        data = self.plan.as_dict()
        data.update(
            dry_run=self.dry_run,
            written=self.written,
            skipped_rows=self.skipped_rows,
        )
        if self.plan.kind == TASKS:
            data.update(occurrences=self.occurrences, task_ids=self.ids)
        else:
            data.update(
                person_ids=self.ids,
                existing_accounts=self.existing,
                new_accounts=[{"email": e, "password": p} for e, p in self.passwords],
            )
        return data


class ImportRefused(ServiceError):
    """The file has problems and the person did not choose to skip those rows: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(
            T("errors", "{file}: {count} problem(s) in {rows} row(s); nothing was imported. "
                        "Fix the file or the mapping, or import only the rows without problems."),
            file=plan.file_name, count=len(plan.problems), rows=len(plan.rows_with_problems),
        )


class ImportCancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__(T("errors", "The import was cancelled; nothing was written."))


class _DryRun(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised inside the write transaction of a dry run, so it rolls back."""


@dataclass
class ImportOptions:
    organisation: str | None = None  # by name (the CLI's --organisation), case-insensitive
    organisation_id: int | None = None
    columns: dict[str, str | None] = field(default_factory=dict)  # field -> header; None or "" = not used
    date_order: str | None = None  # "mdy" or "dmy"; None = detect per column
    timezone: str | None = None  # for rows without one; default: the organisation's
    draft: bool = False  # tasks: store as drafts instead of open
    max_slots: int = 50  # tasks: places above this (and "as many as possible") become this


# --------------------------------------------------------------------------- reading and mapping


def read_file(path: str | os.PathLike[str]) -> Table:
    """The header row and rows of a CSV or XLSX file (``InvalidInput`` if unreadable)."""
    if not Path(path).is_file():
        raise NotFound(T("errors", "No file {value}."), value=str(path))
    return read_table(path)


@dataclass(frozen=True)
class MappingSuggestion:
    mapping: dict[str, str]  # field -> header
    source: str  # "remembered" or "automatic"


def automatic_mapping(kind: str, headers: Sequence[str]) -> dict[str, str]:
    """Headers that name a field (or a common other name for it) map themselves."""
    by_name: dict[str, str] = {}
    for header in headers:
        by_name.setdefault(normalise_header(header), header)
    mapping: dict[str, str] = {}
    for spec in fields_of(kind):
        for name in (spec.name, *spec.aliases):
            if name in by_name:
                mapping[spec.name] = by_name[name]
                break
    return mapping


def suggest_mapping(db: Database, kind: str, headers: Sequence[str]) -> MappingSuggestion:
    """The mapping remembered for this header row, else the automatic one."""
    fields_of(kind)
    key = header_key(headers)
    with db.read() as session:
        stored = session.scalar(
            select(ImportMapping.mapping).where(ImportMapping.kind == kind, ImportMapping.header_key == key)
        )
    known = {spec.name for spec in fields_of(kind)}
    if stored and all(h in headers for h in stored.values()):
        return MappingSuggestion({f: h for f, h in stored.items() if f in known}, "remembered")
    return MappingSuggestion(automatic_mapping(kind, headers), "automatic")


def _find_header(headers: Sequence[str], wanted: str) -> str | None:
    if wanted in headers:
        return wanted
    target = normalise_header(wanted)
    return next((h for h in headers if normalise_header(h) == target), None)


def resolve_mapping(
    db: Database, kind: str, headers: Sequence[str], columns: Mapping[str, str | None]
) -> tuple[dict[str, str], str]:
    """The suggested mapping with the chosen ``columns`` (field -> header, None = not used) applied."""
    specs = {spec.name: spec for spec in fields_of(kind)}
    suggestion = suggest_mapping(db, kind, headers)
    mapping = dict(suggestion.mapping)
    for name, header in columns.items():
        if name not in specs:
            raise InvalidInput(
                "column", T("errors", "There is no field {value!r} to map; the fields are: {fields}."),
                value=name, fields=", ".join(specs),
            )
        if header is None or not header.strip():
            mapping.pop(name, None)
            continue
        found = _find_header(headers, header)
        if found is None:
            raise InvalidInput(
                "column", T("errors", "The file has no column {value!r}; its columns are: {headers}."),
                value=header, headers=", ".join(headers),
            )
        mapping[name] = found
    for spec in specs.values():
        if spec.required and spec.name not in mapping:
            raise InvalidInput(
                "column",
                T("errors", "No column is mapped to {value}: name it with --column {value}=HEADER "
                            "(the file's columns are: {headers})."),
                value=spec.name, headers=", ".join(headers),
            )
    return mapping, ("chosen" if columns else suggestion.source)


# --------------------------------------------------------------------------- organisations


@dataclass(frozen=True)
class OrgInfo:
    id: int
    name: str
    timezone: str


def managed_organisations(session: Session, actor: Actor) -> dict[int, OrgInfo]:
    """The organisations the actor coordinates (or administers), as of now."""
    rows = session.execute(
        select(Organisation.id, Organisation.name, Organisation.timezone)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.person_id == actor.person_id, Membership.role.in_(MANAGERS))
        .distinct()
    )
    return {oid: OrgInfo(oid, name, tz) for oid, name, tz in rows}


def organisations_to_import_into(db: Database, actor: Actor | None) -> list[OrgInfo]:
    """The organisations the actor may import into (coordinator or admin), by name."""
    with db.read() as session:
        actor = require_signed_in(actor)
        return sorted(managed_organisations(session, actor).values(), key=lambda o: o.name.casefold())


def default_organisation(session: Session, actor: Actor, options: ImportOptions) -> OrgInfo | None:
    """``--organisation`` (a coordinator of it required), else the one organisation the actor coordinates."""
    if options.organisation_id is not None or options.organisation:
        if options.organisation_id is not None:
            org = session.get(Organisation, options.organisation_id)
        else:
            wanted = (options.organisation or "").strip().casefold()
            org = next(
                (o for o in session.scalars(select(Organisation)) if o.name.casefold() == wanted), None
            )
        if org is None:
            raise NotFound(T("errors", "No organisation named {name!r}."),
                           name=options.organisation or options.organisation_id)
        require_role(session, actor, org.id, *MANAGERS)
        return OrgInfo(org.id, org.name, org.timezone)
    managed = managed_organisations(session, actor)
    if len(managed) == 1:
        return next(iter(managed.values()))
    if not managed:
        raise PermissionDenied(T("errors", "Only coordinators of an organisation may import."))
    return None  # the rows must name theirs


# --------------------------------------------------------------------------- the steps


def prepare(
    db: Database,
    actor: Actor | None,
    kind: str,
    table: Table,
    options: ImportOptions | None = None,
    *,
    file_name: str = "",
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and check every row; nothing is written. Problems are listed, not raised."""
    from volunteer_app.services import task_import, volunteer_import

    options = options or ImportOptions()
    actor = require_signed_in(actor)
    if options.date_order is not None and options.date_order not in DATE_ORDERS:
        raise InvalidInput("date_order", T("errors", "The date order is mdy or dmy, not {value!r}."),
                           value=options.date_order)
    mapping, source = resolve_mapping(db, kind, table.headers, options.columns)
    plan = ImportPlan(
        kind=kind, file_name=file_name, headers=list(table.headers), mapping=mapping, mapping_source=source,
        header_key=header_key(table.headers), total_rows=len(table.rows), rows=[], problems=[], warnings=[],
        organisation_ids=[],
    )
    with db.read() as session:
        default = default_organisation(session, actor, options)
        managed = managed_organisations(session, actor)
        reader = task_import if kind == TASKS else volunteer_import
        reader.prepare_rows(session, plan, table, options, default, managed, progress)
    plan.organisation_ids = sorted({getattr(r.data, "organisation_id", 0) for r in plan.rows} - {0})
    return plan


def execute(
    db: Database,
    actor: Actor | None,
    plan: ImportPlan,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportResult:
    """Write the plan's rows in one transaction (see the module docstring)."""
    from volunteer_app.services import task_import, volunteer_import

    actor = require_signed_in(actor)
    if plan.problems and not skip_invalid:
        raise ImportRefused(plan)
    result = ImportResult(plan=plan, written=0, dry_run=dry_run, skipped_rows=plan.rows_with_problems)
    writer = task_import if plan.kind == TASKS else volunteer_import
    try:
        with db.transaction() as session:
            for org_id in plan.organisation_ids:
                require_role(session, actor, org_id, *MANAGERS)
            writer.write_rows(session, actor, plan, result, progress, cancelled, max(1, chunk_rows))
            _remember_mapping(session, plan)
            audit.record(
                session, actor.person_id, f"import.{plan.kind}", "import", plan.header_key[:16],
                file=plan.file_name, rows=plan.total_rows, written=result.written,
                skipped_rows=len(plan.rows_with_problems), organisations=plan.organisation_ids,
            )
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    if dry_run:
        result.ids = []
        result.passwords = []
    return result


def check_cancel(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()


def _remember_mapping(session: Session, plan: ImportPlan) -> None:
    stored = session.scalar(
        select(ImportMapping).where(ImportMapping.kind == plan.kind, ImportMapping.header_key == plan.header_key)
    )
    if stored is None:
        session.add(ImportMapping(kind=plan.kind, header_key=plan.header_key, mapping=dict(plan.mapping)))
    elif stored.mapping != plan.mapping:
        stored.mapping = dict(plan.mapping)
        stored.updated_at = utcnow()


def import_file(
    db: Database,
    actor: Actor | None,
    kind: str,
    path: str | os.PathLike[str],
    options: ImportOptions | None = None,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Read, check and (unless refused) write a file: what ``volunteer-app import`` does."""
    fields_of(kind)
    require_signed_in(actor)
    table = read_file(path)
    plan = prepare(db, actor, kind, table, options, file_name=Path(path).name)
    return execute(db, actor, plan, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress,
                   cancelled=cancelled)


__all__ = [
    "KINDS", "TASKS", "VOLUNTEERS", "TASK_FIELDS", "VOLUNTEER_FIELDS", "FieldSpec", "ImportOptions",
    "ImportPlan", "ImportResult", "ImportRefused", "ImportCancelled", "PreparedRow", "Problem",
    "MappingSuggestion", "automatic_mapping", "suggest_mapping", "resolve_mapping", "fields_of",
    "read_file", "prepare", "execute", "import_file", "organisations_to_import_into", "OrgInfo",
]
