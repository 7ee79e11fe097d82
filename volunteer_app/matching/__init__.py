"""Pure matching engine: volunteers to tasks, no database, no Qt.

Public API: build an ``Instance`` (in code or with ``parse_instance``/``load_instance``), then
``assign`` (global proposal) or ``suggest`` (ranked tasks for one volunteer).
"""

from .assign import assign
from .explain import EXPLAIN_CODES, ExplainError, Explanation, explain
from .instance import (
    Cap,
    Exclusion,
    Instance,
    InstanceError,
    Placement,
    Task,
    Volunteer,
    decode_instance,
    instance_to_json,
    load_instance,
    parse_instance,
)
from .reasons import Reason
from .result import Assignment, MatchResult, result_to_json
from .suggest import Suggestion, suggest

__all__ = [
    "Assignment",
    "Cap",
    "EXPLAIN_CODES",
    "ExplainError",
    "Explanation",
    "Exclusion",
    "Instance",
    "InstanceError",
    "MatchResult",
    "Placement",
    "Reason",
    "Suggestion",
    "Task",
    "Volunteer",
    "assign",
    "decode_instance",
    "explain",
    "instance_to_json",
    "load_instance",
    "parse_instance",
    "result_to_json",
    "suggest",
]
