"""The hour-crediting rule (pure): rounding, attendance threshold, cap, and the words."""

from __future__ import annotations

import pytest

from volunteer_app.domain.crediting import (
    BELOW_ATTENDANCE,
    CREDITED,
    CreditRules,
    credit,
    describe_rules,
    explain_credit,
)

TENTHS_60_CAPPED = CreditRules(step_minutes=6, min_attendance_percent=60, cap_to_stint=True)


def test_defaults_credit_every_attended_minute_up_to_the_stint() -> None:
    rules = CreditRules()
    assert credit(180, 173, rules).minutes == 173
    assert credit(180, 200, rules).minutes == 180
    assert credit(180, 0, rules).minutes == 0


def test_rounding_is_down_to_the_step() -> None:
    rules = CreditRules(step_minutes=6)
    assert credit(180, 179, rules).minutes == 174
    assert credit(180, 180, rules).minutes == 180
    assert credit(180, 5, rules).minutes == 0
    assert credit(120, 119, CreditRules(step_minutes=15)).minutes == 105
    assert credit(120, 119, CreditRules(step_minutes=60)).minutes == 60


def test_attendance_threshold_is_inclusive_and_exact() -> None:
    rules = CreditRules(min_attendance_percent=60)
    # 60 % of 175 minutes is exactly 105: 105 counts, 104 does not.
    assert credit(175, 105, rules).minutes == 105
    below = credit(175, 104, rules)
    assert below.minutes == 0
    assert below.rule["outcome"] == BELOW_ATTENDANCE
    assert below.rule["credited_minutes"] == 0


def test_cap_to_stint_and_without_it() -> None:
    capped = credit(120, 150, CreditRules(cap_to_stint=True))
    assert capped.minutes == 120
    assert capped.rule["capped"] is True
    uncapped = credit(120, 150, CreditRules(cap_to_stint=False))
    assert uncapped.minutes == 150
    assert uncapped.rule["capped"] is False


def test_all_three_rules_together_and_the_rule_dict() -> None:
    result = credit(180, 200, TENTHS_60_CAPPED)
    assert result.minutes == 180
    assert result.rule == {
        "step_minutes": 6,
        "min_attendance_percent": 60,
        "cap_to_stint": True,
        "stint_minutes": 180,
        "attended_minutes": 200,
        "outcome": CREDITED,
        "capped": True,
        "credited_minutes": 180,
    }
    assert credit(180, 113, TENTHS_60_CAPPED).minutes == 108
    assert credit(180, 107, TENTHS_60_CAPPED).minutes == 0


def test_zero_length_stint_and_negative_inputs() -> None:
    # A walk-in without a planned length: no share to meet and nothing to cap at.
    assert credit(0, 47, TENTHS_60_CAPPED).minutes == 42
    assert credit(60, -5, CreditRules()).minutes == 0
    assert credit(-60, 30, CreditRules()).minutes == 30


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"step_minutes": 0}, "step_minutes"),
        ({"step_minutes": 61}, "step_minutes"),
        ({"step_minutes": True}, "step_minutes"),
        ({"min_attendance_percent": -1}, "min_attendance_percent"),
        ({"min_attendance_percent": 101}, "min_attendance_percent"),
        ({"min_attendance_percent": 5.5}, "min_attendance_percent"),
    ],
)
def test_invalid_rules_are_refused(kwargs: dict[str, object], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        CreditRules(**kwargs)  # type: ignore[arg-type]


def test_rules_in_words() -> None:
    assert describe_rules(TENTHS_60_CAPPED) == (
        "Hours are rounded down to 6 minutes (tenths of an hour). "
        "You need to attend at least 60% of a stint to get credit. "
        "Credit never exceeds the stint's length."
    )
    assert describe_rules(CreditRules(step_minutes=1, min_attendance_percent=0, cap_to_stint=False)) == (
        "Hours are counted to the minute. Any time you attend counts. Time you stay beyond the stint counts too."
    )
    assert describe_rules(CreditRules(step_minutes=10)).startswith("Hours are rounded down to 10 minutes.")


def test_words_go_through_the_translator() -> None:
    seen: list[tuple[str, str]] = []

    def tr(context: str, text: str) -> str:
        seen.append((context, text))
        return "«" + text + "»"

    text = describe_rules(TENTHS_60_CAPPED, tr)
    assert "«Hours are rounded down to 6 minutes (tenths of an hour).»" in text
    assert text.startswith("«") and text.endswith("»")  # the sentences are joined as the language joins them
    assert {context for context, _ in seen} == {"Crediting"}


def test_explain_one_stint() -> None:
    assert explain_credit(credit(180, 107, TENTHS_60_CAPPED).rule) == (
        "Attended 1 h 47 min of 3 h, less than the 60% needed: no credit."
    )
    assert explain_credit(credit(180, 200, TENTHS_60_CAPPED).rule) == (
        "Attended 3 h 20 min, capped at the stint's 3 h: 3 h credited."
    )
    assert explain_credit(credit(180, 113, TENTHS_60_CAPPED).rule) == (
        "Attended 1 h 53 min, rounded down to 6 min: 1 h 48 min credited."
    )
    assert explain_credit(credit(180, 120, CreditRules()).rule) == "Attended 2 h: 2 h credited."
    assert explain_credit(credit(60, 70, CreditRules(step_minutes=7)).rule) == (
        "Attended 1 h 10 min, capped at the stint's 1 h and rounded down to 7 min: 56 min credited."
    )
