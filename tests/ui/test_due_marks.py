"""Due dates you can see: the mark on a board card and a backlog row, and ``due:`` in ``/``."""

from __future__ import annotations

from datetime import UTC, date, datetime

from backlog_helpers import open_backlog, press_settled
from rich.cells import cell_len
from ui_helpers import make_app, screen_text, settle, type_text

from kanban_tui.domain.model import Card, Priority
from kanban_tui.widgets.backlog_rows import card_parts, width_of
from kanban_tui.widgets.card_lines import compact_lines
from kanban_tui.widgets.card_list import BLOCKED_MARK, CardList, card_lines
from kanban_tui.widgets.column import ColumnView

TODAY = date(2026, 11, 25)  # FIXED_NOW's day


def make(**fields) -> Card:
    return Card(id=1, board_key="WEB", number=12, title="Fix login", column_id=1, column="To Do",
                rank=10, **fields)  # fmt: skip


def meta(card: Card, width: int, linked: bool = False) -> list[tuple[str, str]]:
    parts = card_lines(card, width, "alice", linked, TODAY)[3][0]
    return [part for part in parts if part[1]]


def test_the_mark_follows_the_state_in_words_and_class() -> None:
    assert meta(make(due=date(2026, 12, 5)), 30) == [("due 5 Dec", "due")]
    assert meta(make(due=date(2026, 11, 27)), 30) == [("due 27 Nov", "due-soon")]
    assert meta(make(due=TODAY), 30) == [("due 25 Nov", "due-soon")]
    assert meta(make(due=date(2026, 11, 24)), 30) == [("overdue 24 Nov", "due-overdue")]
    assert meta(make(due=date(2027, 1, 5)), 30) == [("due 5 Jan 2027", "due")]
    assert meta(make(), 30) == []
    # A done card shows no mark: its date no longer asks anything.
    done = make(due=date(2026, 11, 1), done_at=datetime(2026, 11, 2, tzinfo=UTC))
    assert meta(done, 30) == []
    # Without a day to read it against (a caller that passes none), no mark.
    assert [p for p in card_lines(make(due=TODAY), 30, "alice")[3][0] if p[1]] == []


def test_the_mark_comes_before_the_labels_which_give_way() -> None:
    card = make(
        due=date(2026, 11, 20),
        priority=Priority.HIGH,
        points=3,
        labels=("frontend", "backend", "api"),
        blocked="waiting",
    )
    wide = meta(card, 60)
    assert [cls for _, cls in wide] == [
        "blocked", "priority-high", "points", "due-overdue", "label", "label", "label",
    ]  # fmt: skip
    for width in range(12, 40):
        parts = card_lines(card, width, "alice", True, TODAY)[3][0]
        texts = [text for text, _ in parts]
        # What is drawn fits, and the due mark is never dropped for a label.
        assert sum(cell_len(text) for text in texts) <= width or width < 20, width
        classes = [cls for text, cls in parts if cls and not text.startswith("+")]
        if "label" in classes:  # a whole label, not the "+3" that counts them
            assert "due-overdue" in classes
            assert classes.index("due-overdue") < classes.index("label")
    # Short of room, ⊘ blocked gives way first, then the short form: the sign stays in words.
    assert meta(card, len(BLOCKED_MARK) + 14)[0] == ("⊘", "blocked")
    assert ("overdue 20 Nov", "due-overdue") in meta(card, len(BLOCKED_MARK) + 14)
    assert ("overdue", "due-overdue") in meta(card, 15)


def test_a_blocked_card_keeps_the_word_due_with_its_date() -> None:
    """``⊘ blocked 1 Dec`` read as "blocked since 1 Dec": the date keeps its word."""
    card = make(due=date(2026, 12, 1), blocked="waiting", priority=Priority.HIGH, points=5)
    for width in range(8, 40):
        for lines in (card_lines, compact_lines):
            parts = [p for p in lines(card, width, "alice", False, TODAY)[-1][0] if p[1]]
            dues = [text for text, cls in parts if cls.startswith("due")]
            assert all(text.startswith("due ") for text in dues), (width, parts)
            if lines is card_lines and ("⊘", "blocked") in parts:
                assert dues == ["due 1 Dec"], (width, parts)  # shortened for the due mark only
    # Where both fit whole they both show; where not, ⊘ blocked shortens first.
    assert meta(card, 30)[:1] == [("⊘ blocked", "blocked")]
    assert meta(card, 30)[-1] == ("due 1 Dec", "due")
    assert meta(card, 18) == [
        ("⊘", "blocked"), ("↑", "priority-high"), (" 5 ", "points"), ("due 1 Dec", "due"),
    ]  # fmt: skip


def test_a_backlog_row_ends_its_title_with_the_mark() -> None:
    card = make(due=date(2026, 11, 24), points=2)
    for width in (40, 80, 120):
        parts = card_parts(card, width, key_width=6, status_width=5, me="alice", done=False,
                           today=TODAY)  # fmt: skip
        assert width_of(parts) == width
        assert ("overdue 24 Nov", "due-overdue") in parts or ("overdue", "due-overdue") in parts
    parts = card_parts(make(due=date(2026, 11, 26)), 80, key_width=6, status_width=5, me="alice",
                       done=False, today=TODAY)  # fmt: skip
    assert ("due 26 Nov", "due-soon") in parts
    # A done row has no mark; a very narrow one keeps its title instead.
    parts = card_parts(card, 80, key_width=6, status_width=5, me="alice", done=True, today=TODAY)
    assert not any(cls.startswith("due") for _, cls in parts)
    parts = card_parts(card, 24, key_width=6, status_width=5, me="alice", done=False, today=TODAY)
    assert not any(cls.startswith("due") for _, cls in parts)


def _review_list(app) -> CardList:
    view = next(v for v in app.screen.query(ColumnView) if v.column.name == "Review")
    return view.cards


async def test_the_board_shows_the_marks_in_their_colours(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "overdue 23 Nov" in text  # WEB-21, in Review
        assert "due 26 Nov" in text  # WEB-23, in progress and blocked
        cards = _review_list(app)
        strip = cards.render_line(3)  # the first card's meta line
        segment = next(s for s in strip if "overdue" in s.text)
        error = cards.get_component_rich_style("card-list--due-overdue")
        assert segment.style is not None and segment.style.color == error.color
        assert error.color != cards.get_component_rich_style("card-list--due-soon").color


async def test_the_board_filter_keeps_the_cards_due_this_week(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_settled(pilot, "slash")
        await type_text(pilot, "due:overdue")
        await press_settled(pilot, "enter")
        text = screen_text(app)
        assert "WEB-21" in text and "WEB-23" not in text
        assert "filter: 2 of" in text  # WEB-21 and WEB-33
        await press_settled(pilot, "slash", "ctrl+u")
        await type_text(pilot, "due:week")
        await press_settled(pilot, "enter")
        assert "WEB-23" in screen_text(app)


async def test_the_backlog_shows_the_marks_and_filters_by_them(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        text = screen_text(app)
        assert "overdue 24 Nov" in text  # WEB-33
        assert "due 25 Nov" in text  # WEB-28, due today: soon
        await press_settled(pilot, "slash")
        await type_text(pilot, "due:overdue")
        await press_settled(pilot, "enter")
        text = screen_text(app)
        assert "WEB-33" in text and "WEB-28" not in text


def test_the_blocked_mark_keeps_its_word_when_shortening_shows_no_more_due() -> None:
    card = make(due=date(2026, 12, 1), blocked="waiting", priority=Priority.HIGH, points=5)
    # 12 cells: "⊘ blocked ↑" and no room for a due mark either way.
    assert meta(card, 12)[0] == ("⊘ blocked", "blocked")
    assert not [part for part in meta(card, 12) if part[1].startswith("due")]


def test_labels_left_out_are_counted_in_words_or_not_at_all() -> None:
    card = make(due=date(2026, 12, 2), labels=("frontend-work", "api"))
    assert [t for t, _ in meta(card, 24)] == ["due 2 Dec", "#frontend-work"]
    assert [t for t, _ in meta(card, 20)] == ["due 2 Dec", "+2 labels"]
    assert [t for t, _ in meta(card, 14)] == ["due 2 Dec"]  # no cryptic "+2"
    one = make(due=date(2026, 12, 2), labels=("frontend-and-more",))
    assert [t for t, _ in meta(one, 20)] == ["due 2 Dec", "+1 label"]


def test_the_card_view_shows_the_cards_due_mark_beside_the_date() -> None:
    from kanban_tui.dialogs.card_view import card_text, due_text

    soon = due_text(make(due=date(2026, 11, 26)), TODAY)
    assert soon.plain == "2026-11-26  due 26 Nov"
    assert any("warning" in str(span.style) for span in soon.spans)
    late = due_text(make(due=date(2026, 11, 20)), TODAY)
    assert late.plain == "2026-11-20  overdue 20 Nov"
    assert any("error" in str(span.style) for span in late.spans)
    assert due_text(make(due=date(2026, 12, 20)), TODAY).plain == "2026-12-20  due 20 Dec"
    done = make(due=date(2026, 11, 20), done_at=datetime(2026, 11, 21, tzinfo=UTC))
    assert due_text(done, TODAY).plain == "2026-11-20"
    assert "overdue 20 Nov" in card_text(make(due=date(2026, 11, 20)), [], today=TODAY).plain
