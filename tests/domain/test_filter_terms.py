"""The ``/`` text read term by term: one reading for the card views and the Archive."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.card_filter import Filter, Terms, read_terms


def test_each_kind_of_term_lands_in_its_own_place() -> None:
    terms = read_terms("Login @Bob #UI !blocked due:over", "alice")
    assert terms == Terms(("login",), ("bob",), ("ui",), True, ("overdue",))


def test_at_me_is_the_person_reading() -> None:
    assert read_terms("@me", "Dana").people == ("dana",)


def test_a_lone_mark_is_no_term_and_an_unknown_due_is_a_word() -> None:
    assert read_terms("@ # due:", "alice") == Terms((), (), (), False, ())
    assert read_terms("due:someday", "alice").words == ("due:someday",)


def test_without_flags_blocked_and_due_are_words_as_the_archive_reads_them() -> None:
    terms = read_terms("!blocked due:overdue due: @bob", "alice", flags=False)
    assert terms == Terms(("!blocked", "due:overdue", "due:"), ("bob",), (), False, ())


def test_the_card_filter_holds_what_the_terms_read() -> None:
    wanted = Filter("fix @me #api is:blocked due:soon", "chen")
    assert (wanted.words, wanted.people, wanted.labels, wanted.blocked, wanted.due) == (
        read_terms("fix @me #api is:blocked due:soon", "chen")
    )


@given(st.lists(st.sampled_from(["a", "@b", "#c", "!blocked", "due:week", "@", "x y"])))
def test_with_or_without_flags_names_and_labels_read_the_same(parts: list[str]) -> None:
    text = " ".join(parts)
    flagged, plain = read_terms(text, "me"), read_terms(text, "me", flags=False)
    assert (flagged.people, flagged.labels) == (plain.people, plain.labels)
    assert not plain.blocked and plain.due == ()
    assert set(flagged.words) <= set(plain.words)
