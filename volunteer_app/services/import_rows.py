"""Reading one spreadsheet row field by field, collecting problems instead of stopping."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.spreadsheet_values import ValueProblem, text_of
from volunteer_app.domain.validation import preview
from volunteer_app.services.errors import InvalidInput
from volunteer_app.services.imports import ImportOptions, ImportPlan, OrgInfo, Problem
from volunteer_app.store.models import Organisation, Skill

T = QT_TRANSLATE_NOOP
V = TypeVar("V")


class RowReader:
    """The cells of one row by field name; parse problems become ``Problem`` entries."""

    def __init__(self, plan: ImportPlan, columns: Mapping[str, int], number: int, cells: list[Any]) -> None:
        self.plan, self.columns, self.number, self.cells = plan, columns, number, cells
        self.ok = True

    def raw(self, name: str) -> Any:
        index = self.columns.get(name)
        return None if index is None else self.cells[index]

    def has(self, name: str) -> bool:
        return name in self.columns

    def text(self, name: str) -> str | None:
        return text_of(self.raw(name))

    def parse(self, name: str, parser: Callable[..., V], *args: Any) -> V | None:
        try:
            return parser(self.raw(name), *args)
        except ValueProblem as exc:
            self.problem(name, exc.template, **exc.params)
            return None

    def _entry(self, name: str | None, template: str, params: dict[str, Any]) -> Problem:
        column = self.plan.mapping.get(name) if name else None
        value = _shown(self.raw(name)) if name else ""
        params.setdefault("value", value)
        return Problem(self.number, column, value, template, params)

    def problem(self, name: str | None, template: str, **params: Any) -> None:
        self.ok = False
        self.plan.problems.append(self._entry(name, template, params))

    def warn(self, name: str | None, template: str, **params: Any) -> None:
        self.plan.warnings.append(self._entry(name, template, params))

    def invalid_input(self, exc: InvalidInput, fields: Mapping[str, str]) -> None:
        """A service's InvalidInput, named after the import field (and so the file's column)."""
        name = fields.get(exc.field, exc.field)
        params = {k: v for k, v in exc.params.items() if k != "field"}
        params["field"] = self.plan.mapping.get(name, name)
        column_value = _shown(self.raw(name))
        params.setdefault("value", column_value)
        self.ok = False
        self.plan.problems.append(Problem(self.number, self.plan.mapping.get(name), column_value,
                                          exc.template, params))


def _shown(cell: Any) -> str:
    """A cell as a problem shows it: cut to a readable length, invisible characters escaped."""
    text = text_of(cell)
    return "" if text is None else preview(text)


def column_indexes(plan: ImportPlan) -> dict[str, int]:
    position = {header: i for i, header in reversed(list(enumerate(plan.headers)))}
    return {name: position[header] for name, header in plan.mapping.items()}


class OrganisationLookup:
    """Resolves an ``organisation`` cell to an organisation the actor coordinates."""

    def __init__(self, session: Session, managed: Mapping[int, OrgInfo], default: OrgInfo | None) -> None:
        self.default = default
        self.managed = {info.name.casefold(): info for info in managed.values()}
        self.names = {info.id: info.name for info in managed.values()}
        if default is not None:
            self.names[default.id] = default.name
        self.all_names = {name.casefold() for name in session.scalars(select(Organisation.name))}

    def name_of(self, organisation_id: int) -> str:
        return self.names.get(organisation_id, "")

    def for_row(self, row: RowReader) -> OrgInfo | None:
        name = row.text("organisation")
        if name is None:
            if self.default is None:
                row.problem("organisation" if row.has("organisation") else None,
                            T("errors", "The row names no organisation: choose one (--organisation) "
                                        "or fill the organisation column."))
            return self.default
        found = self.managed.get(name.casefold())
        if found is None:
            if name.casefold() in self.all_names:
                row.problem("organisation", T("errors", "You are not a coordinator of {value!r}."))
            else:
                row.problem("organisation", T("errors", "No organisation named {value!r}."))
        return found


class SkillLookup:
    """Skill names as people write them (key, label, Chinese label; any case) -> catalogue keys."""

    def __init__(self, session: Session) -> None:
        self.keys: dict[str, str] = {}
        for key, label, label_zh in session.execute(select(Skill.key, Skill.label, Skill.label_zh)):
            for name in (key, label, label_zh, key.replace("_", " ")):
                if name:
                    self.keys.setdefault(name.strip().casefold(), key)

    def resolve(self, row: RowReader, name: str, written: Mapping[str, int]) -> dict[str, int] | None:
        result: dict[str, int] = {}
        for skill, level in written.items():
            key = self.keys.get(skill.casefold()) or self.keys.get(skill.casefold().replace(" ", "_"))
            if key is None:
                row.problem(name, T("errors", "Unknown skill {skill!r} (known: {known})."),
                            skill=preview(skill), known=", ".join(sorted(set(self.keys.values()))) or "none")
                return None
            result[key] = max(level, result.get(key, 0))
        return result


def default_timezone(options: ImportOptions) -> str | None:
    """``options.timezone`` checked, or None (each row's organisation's zone)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not options.timezone:
        return None
    try:
        ZoneInfo(options.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        raise InvalidInput(
            "timezone", T("errors", "Unknown time zone {value!r}."), value=preview(options.timezone)
        ) from None
    return options.timezone


def zone_problem(row: RowReader, name: str, zone: str) -> bool:
    """True (and a problem) when ``zone`` is not a known IANA time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        row.problem(name, T("errors", "Unknown time zone {value!r}."), value=preview(zone))
        return True
    return False
