"""b blocks the selected card asking why, or unblocks it (asked first); the
card view shows the reason and the comments, newest last."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import (
    PollWatch,
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.services import cards, comments


async def wait_for(pilot: Pilot, condition, what: str, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}\n{screen_text(pilot.app)}")


async def test_b_blocks_with_a_reason_and_b_again_unblocks(ctx, board):
    cards.add_card(ctx, "WEB", "Login")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        assert isinstance(app.screen, PromptDialog)
        await press(pilot, "enter")  # empty: refused in place, nothing written
        assert isinstance(app.screen, PromptDialog)
        assert "A reason is required to block a card." in screen_text(app)
        await type_text(pilot, "Waiting for [b]CI[/b]")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: cards.get_card(ctx, "WEB-1").blocked is not None, "block")
        assert cards.get_card(ctx, "WEB-1").blocked == "Waiting for [b]CI[/b]"
        await wait_for(pilot, lambda: any("blocked" in n for n in notifications(app)), "note")
        await settle(pilot)
        await press(pilot, "b")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Waiting for [b]CI[/b]" in screen_text(app)
        await press(pilot, "y")
        await wait_for(pilot, lambda: cards.get_card(ctx, "WEB-1").blocked is None, "unblock")


async def test_a_refused_block_keeps_the_typed_reason(ctx, board):
    card = cards.add_card(ctx, "WEB", "Login")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        cards.delete_card(ctx, card.key)  # gone before the write
        await type_text(pilot, "CI down")
        await press(pilot, "enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PromptDialog) and "No card" in screen_text(app),
            "the prompt again",
        )
        assert app.screen.query_one("#answer", Input).value == "CI down"


async def test_the_card_view_shows_the_reason_and_comments_newest_last(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Login")
    cards.block_card(ctx, "WEB-1", "Waiting for CI")
    comments.add_comment(ctx, "WEB-1", "first [@click=app.quit]x[/]")
    comments.add_comment(ctx, "WEB-1", "second")
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CardViewDialog), "the card view")
        await wait_for(pilot, lambda: "Comments (2)" in screen_text(app), "the comments")
        text = screen_text(app)
        assert "Waiting for CI" in text
        assert text.index("first [@click=app.quit]x[/]") < text.index("second")
        assert "alice ·" in text
        await press(pilot, "c")  # a file this person may only read takes no comment
        assert isinstance(app.screen, CardViewDialog)
        await pilot.pause()
        assert "read-only." in screen_text(app)  # said in place, not in a toast for later


async def test_a_card_deleted_under_its_view_offers_no_changes(ctx, board):
    cards.add_card(ctx, "WEB", "Login")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CardViewDialog), "the card view")
        assert "e edit" in screen_text(app)
        cards.delete_card(bob, "WEB-1")
        await polls.next_poll(pilot)
        await settle(pilot)
        text = screen_text(app)
        assert "WEB-1 was deleted meanwhile." in text
        assert "c comment" not in text and "e edit" not in text
        await press(pilot, "e")
        assert isinstance(app.screen, CardViewDialog)  # no editor on a card that is gone
    bob.db.close()
