"""The text rules (domain/validation.py) and the sign-in hashes they sit next to: no database, no Qt."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from volunteer_app.domain import validation
from volunteer_app.domain.validation import TextProblem
from volunteer_app.services import accounts


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ann@Example.ORG", "ann@example.org"),
        ("  ann@example.org\n", "ann@example.org"),  # what a terminal or a paste leaves around it
        ("李明@例子.中国", "李明@例子.中国"),
        ("a.b+tag@sub.example.org", "a.b+tag@sub.example.org"),
    ],
)
def test_an_email_is_stored_trimmed_and_in_lower_case(typed: str, stored: str) -> None:
    assert validation.email(typed) == stored


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("a" * 394 + "@example.org", "406 characters long; at most 254"),
        ("ann\n@example.org", "line break"),
        ("ann@exa\nmple.org", "line break"),
        ("ann\u202e@example.org", "override"),
        ("ann@example\u2066.org", "override"),
        ("ann\x1b]0;x\x07@example.org", "U\\+001B"),
        ("ann@@example.org", "not an email"),
        ("ann@bob@example.org", "not an email"),
        ("ann example@example.org", "not an email"),
        ("ann", "not an email"),
        ("@example.org", "not an email"),
        ("ann@", "not an email"),
        ("ann@.example.org", "not an email"),
        ("ann@example..org", "not an email"),
        ('"ann"@example.org', "not an email"),
        ("a" * 65 + "@example.org", "not an email"),
        ("ann\u200b@example.org", "zero width space"),
        ("ann\udc80@example.org", "broken character"),
    ],
)
def test_what_is_not_one_email_address_is_refused_naming_it(typed: str, why: str) -> None:
    with pytest.raises(TextProblem, match=why) as caught:
        validation.email(typed)
    problem = caught.value
    assert problem.field == "email"
    message = str(problem)
    # One printable line, never longer than the preview allows, whatever was typed.
    assert "\n" not in message and "\u202e" not in message and "\x1b" not in message
    assert len(message) < 200


def test_a_huge_value_is_named_with_its_length_and_a_short_preview() -> None:
    with pytest.raises(TextProblem) as caught:
        validation.name("name", "x" * 100_000)
    message = str(caught.value)
    assert "100000 characters" in message and "at most 200" in message
    assert message.endswith("x" * validation.PREVIEW_CHARS + "…")


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("Ann\u202eeeL", "override"),
        ("Ann\nLee", "line break"),
        ("Ann\x00Lee", "U\\+0000"),
        ("   ", "must not be empty"),
        ("\u200b\u200b", "zero width space"),
        ("\u0301\u0301", "must not be empty"),  # combining marks only: nothing to see
        ("x" * 201, "at most 200"),
    ],
)
def test_a_name_needs_visible_characters_on_one_line(typed: str, why: str) -> None:
    with pytest.raises(TextProblem, match=why):
        validation.name("name", typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("  Ann   Lee ", "Ann Lee"), ("王\u00a0小明", "王 小明"), ("مريم\u200c", "مريم\u200c"), ("e\u0301", "é")],
)
def test_a_name_is_trimmed_collapsed_and_normalised(typed: str, stored: str) -> None:
    assert validation.name("name", typed) == stored


def test_a_longer_text_keeps_line_breaks_but_not_escapes() -> None:
    assert validation.text("description", " Bring gloves.\n\tAnd water. ", 100) == "Bring gloves.\n\tAnd water."
    assert validation.text("description", "   ", 100) is None
    for bad in ("Title \x1b[2J", "abc\u202edef", "a\x00b"):
        with pytest.raises(TextProblem, match="description may not hold"):
            validation.text("description", bad, 100)


def test_a_one_line_field_refuses_line_breaks_and_is_optional_when_blank() -> None:
    assert validation.line("category", "  Food  ", 100) == "Food"
    assert validation.line("category", "", 100) is None
    with pytest.raises(TextProblem, match="must not be empty"):
        validation.line("title", " ", 100, required=True)
    for bad in ("a\nb", "a\u2028b", "a\rb"):
        with pytest.raises(TextProblem, match="category may not hold"):
            validation.line("category", bad, 100)


def test_the_preview_is_short_and_shows_invisible_characters_as_escapes() -> None:
    assert validation.preview("abc") == "abc"
    assert validation.preview("a\nb\u202ec\x1b") == "a\\nb\\u202ec\\x1b"
    assert validation.preview("y" * 50) == "y" * 40 + "…"
    assert validation.preview(12) == "12"


def test_a_value_that_is_not_text_is_refused() -> None:
    with pytest.raises(TextProblem, match="must be text"):
        validation.line("title", 12, 100)


# --------------------------------------------------------------------------- sign-in hashes


def test_the_dummy_hashes_have_the_parameters_of_the_real_ones() -> None:
    full = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)
    assert not accounts._hasher.check_needs_rehash(accounts._DUMMY_FULL)
    assert not accounts._demo_hasher.check_needs_rehash(accounts._DUMMY_LIGHT)
    assert not full.check_needs_rehash(accounts._DUMMY_FULL)
    # The light one is weaker than the full settings, so it pads the other side.
    assert accounts._hasher.check_needs_rehash(accounts._DUMMY_LIGHT)
    for dummy in (accounts._DUMMY_FULL, accounts._DUMMY_LIGHT):
        with pytest.raises(VerificationError):
            accounts._hasher.verify(dummy, "anything else")


def test_a_demo_hash_is_seen_as_needing_the_full_settings() -> None:
    light = accounts.hash_demo_password("demo-password-1")
    assert accounts.is_light_hash(light)
    assert accounts._hasher.check_needs_rehash(light)
    assert not accounts.is_light_hash(accounts.hash_password("a real password"))
    assert accounts.is_light_hash("not a hash at all")
