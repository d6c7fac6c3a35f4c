"""A compact card's two lines (plain data): key, type and title; then the
marks and the assignee, all within the width."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from kanban_tui.domain.model import Card, CardType, Priority
from kanban_tui.widgets.card_lines import compact_lines

TODAY = date(2026, 11, 25)


def make(**fields) -> Card:
    fields.setdefault("title", "Fix the login page")
    fields.setdefault("number", 12)
    return Card(id=1, board_key="WEB", column_id=1, column="To Do", rank=10, **fields)


def text(parts) -> str:
    return "".join(t for t, _ in parts)


def test_a_wide_compact_card_reads_key_type_title_then_marks_and_assignee():
    card = make(type=CardType.BUG, priority=Priority.HIGH, points=3, assignee="bob",
                blocked="CI down", due=date(2026, 12, 5))  # fmt: skip
    (left1, _), (left2, right2) = compact_lines(card, 40, "alice", today=TODAY)
    assert text(left1) == "WEB-12 bug Fix the login page"
    assert text(left2) == "⊘ blocked ↑  3  due 5 Dec"
    assert text(right2) == "@bob"


def test_a_narrow_one_moves_the_type_down_and_shortens_the_blocked_mark():
    card = make(type=CardType.STORY, points=5, assignee="bob", blocked="CI down")
    (left1, _), (left2, right2) = compact_lines(card, 16, "alice", today=TODAY)
    assert text(left1) == "WEB-12 Fix the …"
    assert "⊘" in text(left2) and "blocked" not in text(left2)
    assert text(right2) == "@bob"


@given(
    width=st.integers(8, 80),
    title=st.text(min_size=1, max_size=60),
    points=st.none() | st.integers(0, 100),
    who=st.none() | st.text("abcdefghij", min_size=1, max_size=30),
    blocked=st.none() | st.just("why"),
    kind=st.sampled_from(list(CardType)),
    due=st.none() | st.dates(date(2026, 1, 1), date(2028, 1, 1)),
)
def test_compact_lines_fit_their_width(width, title, points, who, blocked, kind, due):
    card = make(title=title, points=points, assignee=who, blocked=blocked, type=kind, due=due)
    for left, right in compact_lines(card, width, "alice", True, TODAY):
        used = cell_len(text(left))
        assert used <= width
        if right:
            assert used + 1 + cell_len(text(right)) <= width


def test_the_due_mark_stays_beside_an_assignee_who_shortens_or_goes():
    # 80x24 with five columns: some 14 cells a card.
    card = make(points=5, assignee="alice", blocked="CI down", due=date(2026, 11, 26))
    (_, _), (left2, right2) = compact_lines(card, 16, "bob", today=TODAY)
    assert "due 26 Nov" in text(left2)
    plain = make(points=5, assignee="alice", due=date(2026, 11, 26))
    (_, _), (left2, right2) = compact_lines(plain, 19, "bob", today=TODAY)
    assert text(left2) == " 5  due 26 Nov" and text(right2) == "@al…"
    (_, _), (left2, right2) = compact_lines(plain, 14, "bob", today=TODAY)
    assert "due 26 Nov" in text(left2) and not right2


@given(
    width=st.integers(12, 40),
    who=st.none() | st.text("abcdefghij", min_size=1, max_size=30),
    blocked=st.none() | st.just("why"),
    points=st.none() | st.integers(0, 100),
)
def test_a_due_mark_that_fits_alone_is_never_dropped_for_the_assignee(width, who, blocked, points):
    card = make(points=points, assignee=who, blocked=blocked, due=date(2026, 11, 27))
    bare = make(points=points, blocked=blocked, due=date(2026, 11, 27))
    (_, _), (alone, _) = compact_lines(bare, width, "bob", today=TODAY)
    (_, _), (left2, _) = compact_lines(card, width, "bob", today=TODAY)
    assert ("due" in text(alone)) <= ("due" in text(left2))


def test_the_assignee_stays_where_the_due_mark_could_not_show_anyway():
    card = make(points=2, assignee="emeka", blocked="CI", priority=Priority.HIGH,
                due=date(2026, 11, 26))  # fmt: skip
    (_, _), (left2, right2) = compact_lines(card, 14, "bob", today=TODAY)
    assert "due" not in text(left2) and text(right2) == "@emeka"


def test_a_long_board_key_gives_its_prefix_to_the_title_in_a_narrow_column():
    card = Card(id=1, board_key="SCRUM", number=10, column_id=1, column="To Do", rank=10,
                title="Extract the payment service")  # fmt: skip
    (left1, _), _ = compact_lines(card, 16, "alice", today=TODAY)  # 80x24
    assert text(left1).startswith("-10 Extract the")  # not "SCRUM-10 Extrac…"
    (left1, _), _ = compact_lines(card, 24, "alice", today=TODAY)
    assert text(left1).startswith("SCRUM-10 Extract")
    (left1, _), _ = compact_lines(make(), 17, "alice", today=TODAY)
    assert text(left1).startswith("WEB-12 Fix")  # a short key leaves the title room


def test_every_card_of_a_column_makes_the_same_choice_of_key():
    for width in range(8, 30):
        firsts = {
            text(compact_lines(make(number=n), width, "a")[0][0]).startswith("-")
            for n in (1, 12, 123)
        }
        assert len(firsts) == 1, width


def test_the_row_s_key_width_decides_for_every_column():
    card = Card(id=1, board_key="SCRUM", number=9, column_id=1, column="To Do", rank=10,
                title="Extract the payment service")  # fmt: skip
    # A column one cell wider than the others still shows the short key.
    (left1, _), _ = compact_lines(card, 17, "alice", today=TODAY, key_width=15)
    assert text(left1).startswith("-9 Extract")
    (left1, _), _ = compact_lines(card, 16, "alice", today=TODAY, key_width=20)
    assert text(left1).startswith("SCRUM-9 ")
