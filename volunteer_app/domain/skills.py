"""Skill levels and the fit rule."""

from __future__ import annotations

from collections.abc import Mapping

MIN_LEVEL = 1
MAX_LEVEL = 5


def is_valid_level(level: object) -> bool:
    return isinstance(level, int) and not isinstance(level, bool) and MIN_LEVEL <= level <= MAX_LEVEL


def fits(has: Mapping[str, int], requires: Mapping[str, int]) -> bool:
    """A volunteer fits when every required skill is held at that level or higher."""
    return all(has.get(skill, 0) >= level for skill, level in requires.items())
