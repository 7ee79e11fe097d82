"""The hour-crediting rule: how many minutes a stint earns (pure: no database, no Qt).

An organisation decides three things (stored on ``Organisation``):

- a **rounding step**: credit is rounded *down* to a multiple of ``step_minutes``
  (6 minutes gives tenths of an hour, as the big volunteering platforms count);
- a **least attendance**: below ``min_attendance_percent`` of the stint, no credit at all;
- a **cap**: with ``cap_to_stint``, credit never exceeds the stint's length
  (staying late earns nothing extra unless the organisation says so).

``credit`` applies them and returns the minutes together with a description of the
rule that applied (stored as ``ServiceRecord.credit_rule``, so a record always says
why it holds the minutes it holds). ``describe_rules`` says the rules in words for
volunteers; ``explain_credit`` says what happened to one stint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.domain.timefmt import Translate, duration_text, english

CONTEXT = "Crediting"
MIN_STEP, MAX_STEP = 1, 60  # the database's check constraint agrees

# Outcomes, stored in the rule dict.
CREDITED = "credited"
BELOW_ATTENDANCE = "below_attendance"


@dataclass(frozen=True)
class CreditRules:
    """An organisation's crediting rules. Invalid values raise ``ValueError``."""

    step_minutes: int = 1
    min_attendance_percent: int = 0
    cap_to_stint: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.step_minutes, bool) or not isinstance(self.step_minutes, int):
            raise ValueError(f"step_minutes must be a whole number, not {self.step_minutes!r}")
        if not MIN_STEP <= self.step_minutes <= MAX_STEP:
            raise ValueError(f"step_minutes must be between {MIN_STEP} and {MAX_STEP}, not {self.step_minutes}")
        percent = self.min_attendance_percent
        if isinstance(percent, bool) or not isinstance(percent, int):
            raise ValueError(f"min_attendance_percent must be a whole number, not {percent!r}")
        if not 0 <= percent <= 100:
            raise ValueError(f"min_attendance_percent must be between 0 and 100, not {percent}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "step_minutes": self.step_minutes,
            "min_attendance_percent": self.min_attendance_percent,
            "cap_to_stint": self.cap_to_stint,
        }


@dataclass(frozen=True)
class Credit:
    minutes: int
    rule: dict[str, Any]


def credit(stint_minutes: int, attended_minutes: int, rules: CreditRules) -> Credit:
    """Credited minutes for attending ``attended_minutes`` of a ``stint_minutes`` stint.

    Negative inputs count as zero. A stint of zero minutes (a walk-in with no
    planned length) has no attendance share to meet and no length to cap at.
    """
    stint = max(0, int(stint_minutes))
    attended = max(0, int(attended_minutes))
    rule: dict[str, Any] = {
        **rules.as_dict(),
        "stint_minutes": stint,
        "attended_minutes": attended,
    }
    # Integer arithmetic, so 60 % of 175 minutes is exactly 105 minutes, never 104.99.
    if stint and attended * 100 < rules.min_attendance_percent * stint:
        rule.update(outcome=BELOW_ATTENDANCE, capped=False, credited_minutes=0)
        return Credit(0, rule)
    counted = attended
    capped = bool(stint) and rules.cap_to_stint and attended > stint
    if capped:
        counted = stint
    minutes = counted - counted % rules.step_minutes
    rule.update(outcome=CREDITED, capped=capped, credited_minutes=minutes)
    return Credit(minutes, rule)


# The sentences volunteers read, one for each rule, joined as the language joins sentences
# (English with a space, Chinese without).
THREE_SENTENCES = QT_TRANSLATE_NOOP("Crediting", "{first} {second} {third}")
STEP_EXACT = QT_TRANSLATE_NOOP("Crediting", "Hours are counted to the minute.")
STEP_NAMED = {
    6: QT_TRANSLATE_NOOP("Crediting", "Hours are rounded down to 6 minutes (tenths of an hour)."),
    15: QT_TRANSLATE_NOOP("Crediting", "Hours are rounded down to 15 minutes (quarters of an hour)."),
    30: QT_TRANSLATE_NOOP("Crediting", "Hours are rounded down to 30 minutes (half hours)."),
    60: QT_TRANSLATE_NOOP("Crediting", "Hours are rounded down to whole hours."),
}
STEP_OTHER = QT_TRANSLATE_NOOP("Crediting", "Hours are rounded down to {step} minutes.")
ATTEND_ANY = QT_TRANSLATE_NOOP("Crediting", "Any time you attend counts.")
ATTEND_SHARE = QT_TRANSLATE_NOOP("Crediting", "You need to attend at least {percent}% of a stint to get credit.")
CAP_ON = QT_TRANSLATE_NOOP("Crediting", "Credit never exceeds the stint's length.")
CAP_OFF = QT_TRANSLATE_NOOP("Crediting", "Time you stay beyond the stint counts too.")

EXPLAIN_BELOW = QT_TRANSLATE_NOOP(
    "Crediting", "Attended {attended} of {stint}, less than the {percent}% needed: no credit."
)
EXPLAIN_CAPPED = QT_TRANSLATE_NOOP("Crediting", "Attended {attended}, capped at the stint's {stint}: {credited} credited.")
EXPLAIN_ROUNDED = QT_TRANSLATE_NOOP("Crediting", "Attended {attended}, rounded down to {step} min: {credited} credited.")
EXPLAIN_PLAIN = QT_TRANSLATE_NOOP("Crediting", "Attended {attended}: {credited} credited.")
EXPLAIN_CAPPED_ROUNDED = QT_TRANSLATE_NOOP(
    "Crediting", "Attended {attended}, capped at the stint's {stint} and rounded down to {step} min: {credited} credited."
)


def describe_rules(rules: CreditRules, tr: Translate = english) -> str:
    """The rules in words, e.g. "Hours are rounded down to 6 minutes (tenths of an hour).
    You need to attend at least 60% of a stint to get credit. Credit never exceeds the stint's length."
    """
    step = rules.step_minutes
    if step == 1:
        first = tr(CONTEXT, STEP_EXACT)
    elif step in STEP_NAMED:
        first = tr(CONTEXT, STEP_NAMED[step])
    else:
        first = tr(CONTEXT, STEP_OTHER).format(step=step)
    if rules.min_attendance_percent:
        second = tr(CONTEXT, ATTEND_SHARE).format(percent=rules.min_attendance_percent)
    else:
        second = tr(CONTEXT, ATTEND_ANY)
    third = tr(CONTEXT, CAP_ON if rules.cap_to_stint else CAP_OFF)
    return tr(CONTEXT, THREE_SENTENCES).format(first=first, second=second, third=third)


def explain_credit(rule: dict[str, Any], tr: Translate = english) -> str:
    """What a stored ``credit_rule`` did to one stint, in one sentence."""
    attended = int(rule.get("attended_minutes", 0))
    stint = int(rule.get("stint_minutes", 0))
    step = int(rule.get("step_minutes", 1))
    credited = int(rule.get("credited_minutes", 0))
    params = {
        "attended": duration_text(attended, tr),
        "stint": duration_text(stint, tr),
        "credited": duration_text(credited, tr),
        "step": step,
        "percent": rule.get("min_attendance_percent", 0),
    }
    if rule.get("outcome") == BELOW_ATTENDANCE:
        return tr(CONTEXT, EXPLAIN_BELOW).format(**params)
    capped = bool(rule.get("capped"))
    counted = stint if capped else attended
    rounded = counted != credited
    if capped and rounded:
        template = EXPLAIN_CAPPED_ROUNDED
    elif capped:
        template = EXPLAIN_CAPPED
    elif rounded:
        template = EXPLAIN_ROUNDED
    else:
        template = EXPLAIN_PLAIN
    return tr(CONTEXT, template).format(**params)


__all__ = [
    "BELOW_ATTENDANCE",
    "CREDITED",
    "Credit",
    "CreditRules",
    "credit",
    "describe_rules",
    "explain_credit",
]
