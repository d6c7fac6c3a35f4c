"""On a file this person may only read, enter opens a card to read it; nothing can be saved."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select, TextArea
from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.services import cards, risks

REASON = "The file is read-only."


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def to_a_card(pilot, key: str | None = None) -> None:
    """On the Backlog, down to a card's row (the first rows are headings), or to card ``key``."""
    plan = pilot.app.screen.plan_list
    for _ in range(60):
        row = plan.current
        if row is not None and row.card is not None and key in (None, row.card.key):
            return
        await press(pilot, "down")
    raise AssertionError(f"no card row {key or ''}")


@pytest.mark.parametrize("key", ["1", "2", "3"])
async def test_enter_opens_the_card_to_read_and_nothing_can_be_saved(
    ctx, demo_board, monkeypatch, key
):
    before = {card.key: card.version for card in cards.list_cards(ctx, "WEB")}
    monkeypatch.setattr(ctx.db, "read_only_reason", REASON)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        await settle(pilot)
        assert "⏎ Open" in footer(app) or "enter Open" in footer(app), footer(app)
        await press(pilot, "question_mark")
        await pilot.pause()
        listed = app.screen.query_one("#help-text").render().plain
        assert "Open the selected card to read it" in listed, listed
        await press(pilot, "escape")
        if key == "3":
            await to_a_card(pilot)
        await press(pilot, "e")  # edit stays refused, with the one sentence
        await pilot.pause()
        assert notifications(app) == [REASON]
        assert not isinstance(app.screen, CardEditor)
        await press(pilot, "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CardViewDialog)
        card = dialog.card
        text = screen_text(app)
        assert f"{card.key} · read-only" in text
        assert "Description" in text and "Priority" in text
        # Nothing to type into, nothing to press that saves.
        for kind in (Input, TextArea, Select, Button):
            assert not dialog.query(kind), kind
        await type_text(pilot, "xyz")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CardViewDialog)
    assert {card.key: card.version for card in cards.list_cards(ctx, "WEB")} == before


async def test_the_card_to_read_shows_its_description_and_linked_risks(
    ctx, demo_board, monkeypatch
):
    risk = risks.add_risk(ctx, "WEB", "Payment provider outage", 4, 5)
    card = risks.create_mitigation_card(ctx, risk.key)[1]
    cards.edit_card(ctx, card.key, {"description": "[b]Call[/b] the second provider."})
    monkeypatch.setattr(ctx.db, "read_only_reason", REASON)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        await to_a_card(pilot, card.key)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)
        text = screen_text(app)
        assert f"⚠ {risk.key} critical" in text
        await press(pilot, "end")  # the description is below, at 80x24
        for _ in range(20):  # the scroll may take a few frames under load
            text = screen_text(app)
            if "second provider" in text:
                break
            await settle(pilot)
        assert "[b]Call[/b] the second provider." in text  # literally, no markup
        assert "esc close" in text


async def test_writable_files_open_the_card_view_on_enter_and_the_editor_on_e(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)
        assert "read-only" not in screen_text(app)
        await press(pilot, "e")  # from the card view, the editor
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, CardViewDialog)
        await press(pilot, "escape")
        await press(pilot, "e")  # on the board, the editor at once
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
