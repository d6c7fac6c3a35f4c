"""The Activity screen's filter, without a screen: keys, @people and words."""

from __future__ import annotations

from datetime import UTC, datetime

from kanban_tui.domain.model import Event
from kanban_tui.screens.activity.filter import EventFilter, normal_key


def event(key: str, actor: str = "bob", data: dict | None = None) -> Event:
    return Event(1, datetime(2026, 11, 25, tzinfo=UTC), actor, "card", key, "moved", data or {})


def test_parse() -> None:
    parsed = EventFilter.parse("web-012  @Bob @me  Moved WEB-r3 @", "alice")
    assert parsed.keys == ("WEB-12", "WEB-R3")
    assert parsed.people == ("bob", "=alice")
    assert parsed.words == ("moved",)
    assert parsed.key is None  # two keys: read the window, filter it here
    assert EventFilter.parse("web-s2", "alice").key == "WEB-S2"
    assert not EventFilter.parse("  @ ", "alice").active
    assert normal_key("ops2-r07") == "OPS2-R7"


def test_a_key_matches_the_events_about_it_and_those_naming_it() -> None:
    only = EventFilter.parse("WEB-4", "alice")
    assert only.matches(event("WEB-4"), "")
    assert only.matches(event("In Progress", data={"card": "WEB-4"}), "")
    assert not only.matches(event("WEB-40"), "moved WEB-40")
    either = EventFilter.parse("WEB-4 WEB-5", "alice")
    assert either.matches(event("WEB-5"), "") and either.matches(event("WEB-4"), "")


def test_people_by_prefix_and_me_exactly() -> None:
    assert EventFilter.parse("@bo", "alice").matches(event("WEB-1", "bob"), "")
    assert not EventFilter.parse("@bo", "alice").matches(event("WEB-1", "al"), "")
    mine = EventFilter.parse("@me", "al")
    assert mine.matches(event("WEB-1", "al"), "")
    assert not mine.matches(event("WEB-1", "alice"), "")


def test_every_word_must_match_the_line_who_or_key() -> None:
    words = EventFilter.parse("review DONE", "alice")
    assert words.matches(event("WEB-1"), "moved WEB-1 from Review to Done")
    assert not words.matches(event("WEB-1"), "moved WEB-1 from To Do to Review")
    assert EventFilter.parse("bob", "alice").matches(event("WEB-1", "bob"), "moved")


def test_people_compare_in_canonical_form_even_for_actors_logged_before_it() -> None:
    # The log is append-only: an actor written as "Bob " before names were
    # normalised stays so, and the filter still finds it as bob.
    for actor in ("bob", "Bob ", "ＢＯＢ", "@Bob"):
        assert EventFilter.parse("@BOB", "alice").matches(event("WEB-1", actor), ""), actor
        assert EventFilter.parse("@me", " Bob").matches(event("WEB-1", actor), ""), actor
        assert EventFilter.parse("@ｂｏ", "alice").matches(event("WEB-1", actor), ""), actor
    assert not EventFilter.parse("@me", "bob").matches(event("WEB-1", "bobby"), "")


def test_a_key_matches_the_column_delete_that_moved_its_card() -> None:
    # As kanban log --card: the one event that moved the column's cards.
    moved = Event(
        2,
        datetime(2026, 11, 25, tzinfo=UTC),
        "bob",
        "column",
        "Code review",
        "deleted",
        {"cards": ["SCRUM-5", "SCRUM-6"]},
    )
    assert EventFilter.parse("SCRUM-5", "alice").matches(moved, "deleted the column")
    assert not EventFilter.parse("SCRUM-7", "alice").matches(moved, "deleted the column")
