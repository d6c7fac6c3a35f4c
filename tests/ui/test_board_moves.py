"""H/L move cards between columns (under WIP limits, with the override); J/K/T/B rank."""

from __future__ import annotations

import json

from sqlmodel import select
from ui_helpers import card_list, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.services import cards
from kanban_tui.storage.tables import EventRow


def columns_of(ctx):
    return {card.key: card.column for card in cards.list_cards(ctx, "WEB")}


async def test_l_and_h_move_the_card_and_focus_follows_it(ctx, board):
    cards.add_card(ctx, "WEB", "Build the thing")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The move is drawn at once; its write runs in a worker, waited for
        # (``settle``) before the file is read.
        await press(pilot, "L")
        assert card_list(app).current.key == "WEB-1"
        assert "In Progress 1/3" in screen_text(app)
        await settle(pilot)
        assert columns_of(ctx) == {"WEB-1": "In Progress"}
        await press(pilot, "shift+right")
        await settle(pilot)
        assert columns_of(ctx) == {"WEB-1": "Review"}
        await press(pilot, "H")
        await settle(pilot)
        assert columns_of(ctx) == {"WEB-1": "In Progress"}
        await press(pilot, "shift+left")
        await settle(pilot)
        assert columns_of(ctx) == {"WEB-1": "To Do"}
        text = screen_text(app)
        assert "To Do 1" in text and "In Progress 0/3" in text


async def test_h_in_the_first_column_says_so(ctx, board):
    cards.add_card(ctx, "WEB", "Going nowhere")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "H")
        assert "WEB-1 is already in the first column." in notifications(app)


async def test_a_full_column_refuses_with_a_notification_and_offers_the_override(ctx, board):
    for number in range(4):
        cards.add_card(ctx, "WEB", f"Card {number}")
    for key in ("WEB-1", "WEB-2", "WEB-3"):
        cards.move_card(ctx, key, "In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await pilot.pause()
        # The question says why; no toast says it too (it would wait for the
        # dialog and then read as a failure next to the success line).
        assert not any("WIP limit reached" in note for note in notifications(app))
        assert isinstance(app.screen, WipOverrideDialog)
        text = screen_text(app)
        assert "WIP limit reached: In Progress holds 3 of 3." in text
        assert "Move WEB-4 into In Progress anyway?" in text
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, WipOverrideDialog)
        assert columns_of(ctx)["WEB-4"] == "To Do"


async def test_the_override_needs_a_reason_and_logs_one_event_with_the_breach(ctx, board):
    for number in range(4):
        cards.add_card(ctx, "WEB", f"Card {number}")
    for key in ("WEB-1", "WEB-2", "WEB-3"):
        cards.move_card(ctx, key, "In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await pilot.pause()
        await press(pilot, "enter")  # an empty reason is refused in place
        await pilot.pause()
        assert isinstance(app.screen, WipOverrideDialog)
        assert "A reason is required to go over a WIP limit." in screen_text(app)
        assert columns_of(ctx)["WEB-4"] == "To Do"
        await type_text(pilot, "prod incident")
        await press(pilot, "enter")
        await pilot.pause()
        assert columns_of(ctx)["WEB-4"] == "In Progress"
        assert "In Progress 4/3" in screen_text(app)
        assert card_list(app).current.key == "WEB-4"
        assert not any("WIP limit reached" in note for note in notifications(app))
        assert any("over its WIP limit" in note for note in notifications(app))
    with ctx.db.read() as session:
        written = session.exec(select(EventRow).where(EventRow.key == "WEB-4")).all()
    # One override, one event: the move with its reason and the limit it broke.
    assert [event.action for event in written] == ["created", "moved"]
    data = json.loads(written[1].data)
    assert (data["forced"], data["reason"]) == (True, "prod incident")
    assert data["breach"] == {"column": "In Progress", "count": 4, "limit": 3}


async def test_j_k_t_b_rank_the_card_within_its_column(ctx, board):
    for title in ("One", "Two", "Three", "Four"):
        cards.add_card(ctx, "WEB", title)

    def order():
        return [card.title for card in cards.list_cards(ctx, "WEB", column="To Do")]

    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "J")
        assert order() == ["Two", "One", "Three", "Four"]
        assert card_list(app).current.title == "One" and card_list(app).cursor == 1
        await press(pilot, "shift+down")
        assert order() == ["Two", "Three", "One", "Four"]
        await press(pilot, "K")
        assert order() == ["Two", "One", "Three", "Four"]
        await press(pilot, "shift+up")
        assert order() == ["One", "Two", "Three", "Four"]
        await press(pilot, "B")
        assert order() == ["Two", "Three", "Four", "One"]
        assert card_list(app).cursor == 3
        await press(pilot, "k", "T")
        assert order() == ["Four", "Two", "Three", "One"]
        assert [card.title for card in card_list(app).cards] == order()
        await press(pilot, "K")  # already on top: nothing changes
        assert order() == ["Four", "Two", "Three", "One"]


async def test_ranking_many_times_into_one_gap_renumbers_and_stays_right(ctx, board):
    for title in ("A", "B", "C"):
        cards.add_card(ctx, "WEB", title)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Bounce C between A and B until the gap runs out and the board renumbers.
        await press(pilot, "j", "j")
        for _ in range(20):
            await press(pilot, "K", "J")
        await settle(pilot)
        stored = [card.title for card in cards.list_cards(ctx, "WEB")]
        assert stored == ["A", "B", "C"]
        assert [card.title for card in card_list(app).cards] == stored
        await press(pilot, "L")
        await settle(pilot)
        assert columns_of(ctx)["WEB-3"] == "In Progress"
