"""Skill levels and the fit rule."""

from __future__ import annotations

import re
from collections.abc import Mapping

MIN_LEVEL = 1
MAX_LEVEL = 5
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def is_valid_level(level: object) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and MIN_LEVEL <= level <= MAX_LEVEL


def is_valid_key(key: str) -> bool:
    """Skill keys are short snake_case identifiers such as ``first_aid``."""
    return bool(_KEY.match(key))


def fits(has: Mapping[str, int], requires: Mapping[str, int]) -> bool:
    """A volunteer fits when every required skill is held at that level or higher."""
    return all(has.get(skill, 0) >= level for skill, level in requires.items())
