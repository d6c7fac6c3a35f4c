"""A card's history: `i` on the board, ctrl+o in the editor, enter on the Activity screen."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import (
    make_app,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
    wait_until_shown,
)

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.card_history import HistoryDialog
from kanban_tui.services import cards, risks
from kanban_tui.widgets.activity_table import ActivityTable


def rows(app) -> list[str]:
    """The history dialog's rows as (who, what)."""
    table = app.screen.query_one(ActivityTable)
    return [(e.actor, table.lines[e.id]) for e in table.events]


async def test_i_on_the_board_shows_the_cards_moves_with_who(ctx, demo_board) -> None:
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l")  # Review: WEB-21
        await press(pilot, "L")  # to Done, as alice
        await settle(pilot)
        await press(pilot, "i")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        assert rows(app)[:3] == [
            ("alice", "moved WEB-21 from Review to Done"),
            ("chen", "moved WEB-21 from In Progress to Review"),
            ("chen", "moved WEB-21 from To Do to In Progress"),
        ]
        text = screen_text(app)
        assert "History of WEB-21 · Order confirmation e-mail template" in text
        assert "today 09:30   alice  moved WEB-21 from Review to Done" in text
        # While it is open, someone else's change to the card shows up by itself.
        cards.move_card(bob, "WEB-21", "Review")
        await wait_until_shown(pilot, "bob    moved WEB-21 from Done to Review")
        await press(pilot, "escape")
        assert not isinstance(app.screen, HistoryDialog)
    bob.db.close()


async def test_ctrl_o_in_the_editor_shows_the_history_and_keeps_what_was_typed(
    ctx, demo_board
) -> None:
    risk = risks.add_risk(ctx, "WEB", "Flaky CI", probability=3, impact=2)
    risks.link_card(ctx, risk.key, "WEB-25")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")  # WEB-25
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        assert "ctrl+s save · ctrl+o history" in screen_text(app)
        await type_text(pilot, " now")
        await press(pilot, "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        assert rows(app) == [
            ("alice", "linked WEB-25 to the risk WEB-R9"),
            ("dana", "added WEB-25 to Sprint 3 (scope change)"),
            ("alice", "created WEB-25 in To Do: Password reset e-mail links expire too early"),
        ]
        await press(pilot, "escape")
        assert isinstance(app.screen, CardEditor)
        title = app.screen.query_one("#title", Input).value
        assert title.endswith("too early now")


async def test_a_new_card_has_no_history_key(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await settle(pilot)
        assert "ctrl+o" not in screen_text(app)
        await press(pilot, "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)


async def test_a_deleted_card_still_has_its_history(ctx, demo_board) -> None:
    cards.delete_card(ctx, "WEB-40")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        await settle(pilot)
        assert app.screen.query_one(ActivityTable).current.action == "deleted"
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "History of WEB-40 · deleted" in text
        assert "deleted WEB-40 from To Do: Sitemap.xml misses category pages" in text
        assert "added WEB-40 to Sprint 4" in text


async def test_a_risk_events_history_is_the_risks(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "closed")
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "History of WEB-R8 · Staging environment differs from production" in text
        assert "closed WEB-R8 (was open)" in text
        assert "re-scored WEB-R8: 12 → 4" in text
