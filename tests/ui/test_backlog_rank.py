"""Ranking on the Backlog screen: J K T B move only the selected card, within its section."""

from __future__ import annotations

from backlog_helpers import cursor_key, open_backlog, press_settled, ranks
from ui_helpers import make_app, screen_text

from kanban_tui.services import cards, sprints


def backlog_keys(ctx) -> list[str]:
    return [card.key for card in sprints.backlog(ctx, "WEB")]


async def test_j_k_t_b_change_only_the_moved_cards_rank(ctx, board):
    for n in range(1, 6):
        cards.add_card(ctx, "WEB", f"Card {n}")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "j", "j", "j")
        assert cursor_key(app) == "WEB-3"

        for key, order in (
            ("K", ["WEB-1", "WEB-3", "WEB-2", "WEB-4", "WEB-5"]),
            ("J", ["WEB-1", "WEB-2", "WEB-3", "WEB-4", "WEB-5"]),
            ("T", ["WEB-3", "WEB-1", "WEB-2", "WEB-4", "WEB-5"]),
            ("B", ["WEB-1", "WEB-2", "WEB-4", "WEB-5", "WEB-3"]),
            ("shift+up", ["WEB-1", "WEB-2", "WEB-4", "WEB-3", "WEB-5"]),
            ("shift+down", ["WEB-1", "WEB-2", "WEB-4", "WEB-5", "WEB-3"]),
        ):
            before = ranks(ctx)
            await press_settled(pilot, key)
            after = ranks(ctx)
            assert backlog_keys(ctx) == order, key
            assert {n for n in after if after[n] != before[n]} == {3}, key
            assert cursor_key(app) == "WEB-3"  # the cursor follows the card
            lines = [line for line in screen_text(app).splitlines() if "WEB-" in line]
            assert [line.split()[0].strip("▌") or line.split()[1] for line in lines] == order

        before = ranks(ctx)
        await press_settled(pilot, "J")  # at the bottom already: nothing moves
        assert ranks(ctx) == before


async def test_ranking_inside_a_sprint_section_keeps_to_the_sprint(ctx, board):
    for n in range(1, 5):
        cards.add_card(ctx, "WEB", f"Card {n}")
    sprints.create_sprint(ctx, "WEB", goal="g")
    sprints.add_cards(ctx, "WEB", 1, ["WEB-2", "WEB-4"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "g", "j", "j")
        assert cursor_key(app) == "WEB-4"
        before = ranks(ctx)
        await press_settled(pilot, "T")
        assert [c.key for c in cards.list_cards(ctx, "WEB", sprint=1)] == ["WEB-4", "WEB-2"]
        after = ranks(ctx)
        assert {n for n in after if after[n] != before[n]} == {4}
        assert backlog_keys(ctx) == ["WEB-1", "WEB-3"]
        assert cursor_key(app) == "WEB-4"
