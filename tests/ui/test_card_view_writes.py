"""enter opens the card view on every file; there c comments, e edits and b
blocks through the screen's CardCommands (off the UI thread), and the view
shows what was saved. On a read-only file c, e and b say why not."""

from __future__ import annotations

import pytest
from test_block_key_and_card_view import wait_for
from textual.widgets import Input
from ui_helpers import (
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.services import cards, comments


async def open_view(pilot, view_key: str = "1") -> CardViewDialog:
    app = pilot.app
    await settle(pilot)
    await press(pilot, view_key)
    await settle(pilot)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CardViewDialog), "the card view")
    await settle(pilot)
    return app.screen


async def test_enter_c_adds_a_comment_saved_and_shown(ctx, board):
    cards.add_card(ctx, "WEB", "Login")
    app = make_app(ctx)
    async with app.run_test(size=(80, 40)) as pilot:
        view = await open_view(pilot)
        assert "read-only" not in screen_text(app)
        assert "Comments (0)" in screen_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "Ship it on [b]Friday[/b]")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is view  # back on the card, not the board
        saved = comments.comments(ctx, "WEB-1")
        assert [(c.author, c.text) for c in saved] == [("alice", "Ship it on [b]Friday[/b]")]
        await wait_for(pilot, lambda: "Comments (1)" in screen_text(app), "the new comment")
        assert "Ship it on [b]Friday[/b]" in screen_text(app)


async def test_a_refused_comment_reopens_the_prompt_with_the_text(ctx, board):
    cards.add_card(ctx, "WEB", "Login")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        await press(pilot, "c")
        await type_text(pilot, "Looks done")
        cards.delete_card(bob, "WEB-1")  # gone before the comment lands
        await press(pilot, "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, PromptDialog), "the prompt again")
        assert app.screen.query_one(Input).value == "Looks done"
        assert "WEB-1" in screen_text(app)
    bob.db.close()


async def test_e_edits_and_b_blocks_from_the_card_view(ctx, board):
    cards.add_card(ctx, "WEB", "Login")
    app = make_app(ctx)
    async with app.run_test(size=(80, 40)) as pilot:
        view = await open_view(pilot, "1")
        await press(pilot, "b")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "Waiting for legal")
        await press(pilot, "enter")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").blocked == "Waiting for legal"
        await wait_for(pilot, lambda: "Waiting for legal" in screen_text(app), "the reason")
        assert app.screen is view
        await press(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, CardEditor), "the editor")
        await type_text(pilot, " page")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").title == "Login page"
        await wait_for(pilot, lambda: "Login page" in screen_text(app), "the new title")
        assert app.screen is view


@pytest.mark.parametrize("key", ["c", "e", "b"])
async def test_on_a_read_only_file_the_card_view_keys_say_why(ctx, board, monkeypatch, key):
    cards.add_card(ctx, "WEB", "Login")
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        await press(pilot, key)
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)
        assert "The file is read-only." in screen_text(app)  # in place, not a toast for later
        assert "The file is read-only." not in notifications(app)


async def test_writes_from_the_card_view_leave_no_toast_for_later(ctx, board):
    # The view shows the comment and the blocked mark itself; a note held
    # while it is open would only come once it closed, long after.
    cards.add_card(ctx, "WEB", "Login")
    app = make_app(ctx)
    async with app.run_test(size=(80, 40)) as pilot:
        view = await open_view(pilot)
        await press(pilot, "c")
        await type_text(pilot, "Looks done")
        await press(pilot, "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: "Comments (1)" in screen_text(app), "the comment")
        await press(pilot, "b")
        await type_text(pilot, "Waiting for legal")
        await press(pilot, "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: "Waiting for legal" in screen_text(app), "the reason")
        await press(pilot, "b")
        await press(pilot, "enter")  # Unblock? yes
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").blocked is None
        assert app.screen is view
        await press(pilot, "escape")
        await settle(pilot)
        said = notifications(app)
        assert not any("Comment added" in note for note in said)
        assert not any("blocked" in note for note in said)
