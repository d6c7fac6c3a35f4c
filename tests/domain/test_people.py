"""One person is one name: the canonical form, what is refused, what is the same."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kanban_tui.domain import people, risk_fields, validation
from kanban_tui.domain.errors import InvalidInput

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROL = "".join(chr(n) for n in [*range(32), *range(127, 160)])
FORBIDDEN = ZERO_WIDTH + BIDI + CONTROL

FULLWIDTH = {n: n + 0xFEE0 for n in range(0x21, 0x7F)}
"""ASCII -> its fullwidth form (``B`` -> ``Ｂ``), which NFKC maps back."""

# Letters whose upper and lower case fold to one form ("ı"/"İ" do not, by design
# of Unicode case folding, so they are left out of the case property).
NAME_CHARS = string.ascii_letters + string.digits + "._-éèøåñüßçäöσςж"


def refusal(value: str, what: str = "Assignee") -> str:
    with pytest.raises(InvalidInput) as caught:
        people.user_name(value, what)
    assert caught.value.exit_code == 2
    message = caught.value.message
    assert message.startswith(what) and message.endswith(".") and "\n" not in message
    return message


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("bob", "bob"),
        ("Bob", "bob"),
        (" bob ", "bob"),
        ("ＢＯＢ", "bob"),  # fullwidth: NFKC makes it BOB
        ("@Bob", "bob"),
        ("＠bob", "bob"),  # a fullwidth @ is an @ after NFKC
        ("\u00a0bob\u3000", "bob"),  # no-break and ideographic spaces are spaces
        ("e\u0301mile", "émile"),  # decomposed é
        ("ﬁona", "fiona"),  # the fi ligature
        ("Straße", "strasse"),
        ("", ""),
        ("  @ ", ""),
    ],
)
def test_a_name_is_kept_in_its_canonical_form(typed: str, kept: str) -> None:
    assert people.user_name(typed) == kept


def test_same_person() -> None:
    assert people.same("Bob", "ＢＯＢ")
    assert people.same(" bob ", "@BOB")
    assert not people.same("bob", "bobby")
    assert not people.same(None, "bob")
    assert not people.same(None, None)


def test_roster_names_each_person_once() -> None:
    assert people.roster(["Bob", "alice", None, "bob ", "ＢＯＢ", ""]) == ["alice", "bob"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "bob\u200b",
            "Assignee must be visible text: it contains the invisible character "
            "U+200B ZERO WIDTH SPACE (got 'bob\\u200b').",
        ),
        (
            "bo\u00adb",
            "Assignee must be visible text: it contains the invisible character "
            "U+00AD SOFT HYPHEN (got 'bo\\xadb').",
        ),
        (
            "\ufeffbob",
            "Assignee must be visible text: it contains the invisible character "
            "U+FEFF ZERO WIDTH NO-BREAK SPACE (got '\\ufeffbob').",
        ),
        (
            "bob\u202egpj.exe",
            "Assignee must not change the text direction: it contains the bidi control "
            "U+202E RIGHT-TO-LEFT OVERRIDE (got 'bob\\u202egpj.exe').",
        ),
        (
            "bob\x07",
            "Assignee must be one line of visible text: it contains the control character "
            "U+0007 (got 'bob\\x07').",
        ),
        (
            "bob\n",
            "Assignee must be one line of visible text: it contains the control character "
            "U+000A (got 'bob\\n').",
        ),
        ("b" * 65, "Assignee must be at most 64 characters (got 65)."),
        ("bob smith", "Assignee must be one user name without spaces or commas (got 'bob smith')."),
        ("bob,chen", "Assignee must be one user name without spaces or commas (got 'bob,chen')."),
    ],
)
def test_each_refusal_is_one_sentence_naming_the_rule(value: str, message: str) -> None:
    assert refusal(value) == message


def test_64_characters_are_kept() -> None:
    assert people.user_name("B" * 64) == "b" * 64
    # The length is the kept name's: NFKC may lengthen what was typed.
    assert refusal("ﬃ" * 22) == "Assignee must be at most 64 characters (got 66)."


def test_a_long_refused_value_is_shown_shortened() -> None:
    message = refusal("\u200b" + "b" * 200)
    assert len(message) < 200 and "...'" in message


def test_every_role_uses_the_one_rule() -> None:
    assert validation.assignee(" ＢＯＢ ") == "bob"
    assert validation.assignee("@None") is None
    assert risk_fields.owner("@Alice") == "alice"
    assert refusal("dana\u200d", "Risk owner").startswith("Risk owner must be visible text")
    with pytest.raises(InvalidInput, match="^Assignee must be visible text"):
        validation.assignee("dana\u200d")
    with pytest.raises(InvalidInput, match="^Risk owner must be visible text"):
        risk_fields.owner("dana\u200d")


# --- properties -----------------------------------------------------------------


@given(st.text())
def test_the_canonical_form_is_idempotent(text: str) -> None:
    once = people.canonical(text)
    assert people.canonical(once) == once


@given(st.text(max_size=70))
def test_normalising_a_kept_name_again_keeps_it(text: str) -> None:
    try:
        name = people.user_name(text)
    except InvalidInput:
        return
    assert people.user_name(name) == name
    assert people.same(name, text)


@given(st.text(NAME_CHARS, min_size=1, max_size=30).filter(lambda n: n.casefold() != people.ME))
def test_kept_names_are_idempotent_and_fold_case(name: str) -> None:
    """Any name but ``me`` (the acting user, refused where no one is acting)."""
    kept = people.user_name(name)
    assert people.user_name(kept) == kept
    assert kept == people.canonical(kept.upper())


@given(st.text(max_size=20), st.sampled_from(FORBIDDEN), st.text(max_size=20))
def test_any_name_with_an_invisible_bidi_or_control_character_is_refused(
    before: str, bad: str, after: str
) -> None:
    value = before + bad + after
    with pytest.raises(InvalidInput):
        people.user_name(value)
    with pytest.raises(InvalidInput):
        validation.assignee(value)
    with pytest.raises(InvalidInput):
        risk_fields.owner(value)


@given(st.text(NAME_CHARS, min_size=1, max_size=30))
def test_names_differing_only_by_case_or_nfkc_are_one_person(name: str) -> None:
    # "me" in any spelling is the acting user, refused where no one acts (its own test).
    assume(people.canonical(name) != people.ME)
    variants = [
        name.upper(),
        name.lower(),
        name.swapcase(),
        name.translate(FULLWIDTH),
        unicodedata.normalize("NFD", name),
        unicodedata.normalize("NFKD", name.upper()),
        f" @{name} ",
    ]
    for variant in variants:
        assert people.same(name, variant), variant
        assert people.user_name(variant) == people.user_name(name), variant
        assert validation.assignee(variant) == validation.assignee(name), variant


@pytest.mark.parametrize(
    "ch", ["\u3164", "\u1160", "\uffa0", "\u034f", "\ufe0f", "\ufe00", "\u180b", "\U000e0100"]
)
def test_characters_that_draw_nothing_are_refused(ch: str) -> None:
    with pytest.raises(InvalidInput, match="must be visible text: it contains the invisible"):
        people.user_name(f"bob{ch}", "Assignee")


def test_me_is_never_stored_as_a_name() -> None:
    with pytest.raises(InvalidInput, match="'me' stands for the acting user"):
        validation.assignee("@Me")
    with pytest.raises(InvalidInput, match="'me' stands for the acting user"):
        risk_fields.owner("me")
