"""`demo --lang auto`: the demo speaks the window's language, decided without Qt."""

from __future__ import annotations

import pytest

from volunteer_app.demo import language
from volunteer_app.settings import Settings


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, "zh"),
        ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # a C locale ignores LANGUAGE, as Qt does
        ({}, "en"),
    ],
)
def test_the_system_language_as_qt_reads_it(env: dict[str, str], expected: str) -> None:
    assert language.system_language(env) == expected


def test_the_settings_language_wins_over_the_system() -> None:
    chinese_system = {"LANG": "zh_CN.UTF-8"}
    assert language.window_language(Settings(language="en"), chinese_system) == "en"
    assert language.window_language(Settings(language="zh_CN"), {"LANG": "en_US.UTF-8"}) == "zh"
    assert language.window_language(Settings(language=""), chinese_system) == "zh"


def test_auto_reads_the_settings_file(app_home: object) -> None:
    Settings(language="zh_CN").save()
    assert language.resolve("auto", env={"LANG": "en_US.UTF-8"}) == "zh"
    assert language.resolve("en", env={"LANG": "zh_CN.UTF-8"}) == "en"
