"""The Board holds a window of each column: read by page, more as the person
scrolls, ``G`` reads the last page only, a move across pages, the filter in
the database (600 cards, pages of 20)."""

from __future__ import annotations

from storehelp import bulk_cards
from ui_helpers import (
    card_list,
    make_app,
    other_person,
    press,
    screen_text,
    settle,
    wait_until_shown,
)

from kanban_tui.screens.board.paging import Paging
from kanban_tui.services import board_pages, boards, cards

CARDS = 600  # 150 a column


def paged_board(ctx) -> None:
    boards.create_board(ctx, "PG", "Paged", "To Do,In Progress,Review,Done")
    bulk_cards(
        ctx,
        "PG",
        CARDS,
        lambda n, columns: {
            "title": f"{'Alpha' if n % 3 else 'Beta'} card {n}",
            "column_id": columns[(n - 1) % 4],
        },
    )


async def test_the_board_reads_pages_scrolls_jumps_moves_and_filters(ctx, monkeypatch):
    monkeypatch.setattr(Paging, "PAGE_SIZE", 20)
    read: list[int] = []
    page_after = board_pages.page_after

    def counted(*args, **kwargs):
        found = page_after(*args, **kwargs)
        read.append(len(found))
        return found

    monkeypatch.setattr(board_pages, "page_after", counted)
    paged_board(ctx)
    app = make_app(ctx, "PG")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        todo = card_list(app)
        # Only a window is held (a page, and the next as a margin), yet the
        # header counts the whole column.
        assert (todo.start, todo.total) == (0, 150) and len(todo.cards) <= 40
        assert "To Do 150" in screen_text(app)

        # Stepping down past the window reads the next page (keyset).
        for _ in range(25):
            await press(pilot, "j")
        await settle(pilot)
        assert read and todo.current is not None and todo.current.key == "PG-101"
        assert len(todo.cards) > 20

        # G reads the last page backwards, not everything in between; g goes back.
        await press(pilot, "G")
        await settle(pilot)
        assert todo.current is not None and todo.current.key == "PG-597"
        assert todo.start + len(todo.cards) == 150 and len(todo.cards) <= 40
        await press(pilot, "g")
        await settle(pilot)
        assert todo.current is not None and todo.current.key == "PG-1"

        # A card from the end of To Do moves to In Progress, past its window:
        # the cursor follows it there, the counts change, the database holds it.
        await press(pilot, "G")
        await settle(pilot)
        await press(pilot, "L")
        await settle(pilot)
        doing = card_list(app)
        assert doing is not todo and doing.current is not None
        assert doing.current.key == "PG-597"
        assert cards.get_card(ctx, "PG-597").column == "In Progress"
        text = screen_text(app)
        assert "To Do 149" in text and "In Progress 151" in text

        # Someone else moves a card this screen does not hold: the counts follow.
        bob = other_person(ctx)
        cards.move_card(bob, "PG-401", "Done")
        await wait_until_shown(pilot, "To Do 148")
        assert "Done 151" in screen_text(app)
        bob.db.close()

        # Undo puts it back at the end of To Do, past the window: read there.
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert cards.get_card(ctx, "PG-597").column == "To Do"
        back = card_list(app)
        assert back.current is not None and back.current.key == "PG-597"
        assert back.start > 0

        # The filter runs in the database: the headers count what matches.
        await press(pilot, "slash", *"beta", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "filter: 200 of 600 cards" in text
        assert all(card.title.startswith("Beta") for card in card_list(app).cards)


async def test_the_selected_card_stays_selected_through_a_filter_far_down_a_column(
    ctx, monkeypatch
):
    """The card under the cursor, past the first page, is read back with its
    page when a filter it passes is typed, and when the filter clears (the
    card chosen while filtered stays chosen), instead of the cursor keeping
    only its row number, on another card."""
    monkeypatch.setattr(Paging, "PAGE_SIZE", 20)
    paged_board(ctx)
    app = make_app(ctx, "PG")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(77):  # To Do holds PG-1, PG-5, ...: the 78th is PG-309
            await press(pilot, "j")
        await settle(pilot)
        assert card_list(app).current.key == "PG-309"
        # PG-309 is To Do's 26th Beta card: neither on the first page of the
        # filtered column nor on the one the 78th row would read.
        await press(pilot, "slash", *"beta", "enter")
        await settle(pilot)
        assert "filter: 200 of 600 cards" in screen_text(app)
        assert card_list(app).current.key == "PG-309"
        await press(pilot, "j")  # the next Beta card of To Do
        await settle(pilot)
        assert card_list(app).current.key == "PG-321"
        await press(pilot, "escape")
        await settle(pilot)
        assert "600 cards" in screen_text(app)
        todo = card_list(app)
        assert todo.current is not None and todo.current.key == "PG-321"
        assert todo.start > 0  # its page was read, not the first
