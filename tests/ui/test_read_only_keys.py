"""On a file this person may only read, the footer offers no change; a change key still says why."""

from __future__ import annotations

import pytest
from ui_helpers import make_app, notifications, press, screen_text, settle

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.risk_editor import RiskEditor

REASON = "The file is read-only."

WRITES = {
    "board": ("n New", "e Edit", "H L Move", "d Archive", "w WIP"),
    "sprint": ("n New", "e Edit", "H L Move", "d Archive", "C Complete"),
    "backlog": ("n New", "p Points", "> Sprint", "s Start", "C Complete"),
    "risks": ("n New", "e Edit", "s Status", "m Mitigate"),
}
"""What each view's footer shows of its change keys when the file is writable."""


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.mark.parametrize(
    ("view", "key"), [("board", "1"), ("sprint", "2"), ("backlog", "3"), ("risks", "4")]
)
async def test_change_keys_leave_the_footer_and_still_say_why(
    ctx, demo_board, monkeypatch, view, key
):
    app = make_app(ctx)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        await settle(pilot)
        shown = footer(app)
        assert all(label in shown for label in WRITES[view]), shown

    monkeypatch.setattr(ctx.db, "read_only_reason", REASON)
    app = make_app(ctx)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        await settle(pilot)
        shown = footer(app)
        assert not any(label in shown for label in WRITES[view]), shown
        # The Sprint and Backlog views keep / in help (room for ? and q at 80 columns).
        assert "/ Filter" in shown or view in ("sprint", "backlog")
        assert "q Quit" in shown and "? Help" in shown
        # The key itself still answers, with the one sentence.
        await press(pilot, "n")
        await pilot.pause()
        assert notifications(app) == [REASON]
        assert not isinstance(app.screen, CardEditor | RiskEditor)
        # Moving around and reading still work.
        await press(pilot, "j", "question_mark")
        await pilot.pause()
        assert "Keys" in screen_text(app)
        # Help lists what works, as the footer does (test_board_app: it lists these
        # on a writable board).
        if view == "board":
            assert "New card in the focused column" not in screen_text(app)
            assert "Move to next column" not in screen_text(app)


async def test_a_key_a_focused_widget_takes_is_not_a_refusal(ctx, demo_board, monkeypatch):
    """Typing an `n` in the filter field is typing, not the New key."""
    monkeypatch.setattr(ctx.db, "read_only_reason", REASON)
    app = make_app(ctx)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "n", "e")
        await settle(pilot)
        assert notifications(app) == []
