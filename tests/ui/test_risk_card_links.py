"""A card linked to a risk shows the link: a mark on the board, the risks in its editor."""

from __future__ import annotations

from test_risk_screen import open_risks
from textual.widgets import Static
from ui_helpers import make_app, press, screen_text, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import cards, risks
from kanban_tui.widgets.card_list import RISK_MARK, CardList, card_lines


def test_card_lines_put_the_mark_first_on_the_meta_line(ctx, board):
    card = cards.add_card(ctx, "WEB", "Second provider", priority="high", labels=("risk",))
    plain = card_lines(card, 30, "alice")[3][0]
    marked = card_lines(card, 30, "alice", linked=True)[3][0]
    assert marked[0] == (RISK_MARK, "risk") and marked[2:] == plain


async def test_linked_cards_carry_the_mark_on_the_board(ctx, board):
    risk = risks.add_risk(ctx, "WEB", "Payment provider outage", 4, 5)
    linked = cards.add_card(ctx, "WEB", "Second provider")
    cards.add_card(ctx, "WEB", "Unrelated work")
    risks.link_card(ctx, risk.key, linked.key)
    assert risks.linked_card_keys(ctx, "WEB") == {linked.key}
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        card_list = app.screen.query(CardList).first()
        assert card_list.linked == {linked.key}
        text = screen_text(app)
        assert text.count(RISK_MARK) == 1
        assert "⚠ linked to a risk" in " ".join(app.screen.HELP_NOTES)


async def test_a_mitigation_card_made_on_the_risks_screen_shows_on_the_board(ctx, board):
    risks.add_risk(ctx, "WEB", "Payment provider outage", 4, 5)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "m", "enter")
        await settle(pilot)
        await press(pilot, "1")
        await settle(pilot)
        text = screen_text(app)
        assert "WEB-1" in text and RISK_MARK in text, text


async def test_the_card_editor_names_the_linked_risks(ctx, board):
    risk = risks.add_risk(ctx, "WEB", "Payment provider outage", 4, 5)
    card = risks.create_mitigation_card(ctx, risk.key)[1]
    other = cards.add_card(ctx, "WEB", "Unrelated work")
    app = make_app(ctx)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, CardEditor) and app.screen.card.key == card.key
        line = app.screen.query_one("#card-risks", Static)
        assert line.display and "⚠ WEB-R1 critical" in screen_text(app)
        await press(pilot, "escape", "j", "e")
        await pilot.pause()
        assert app.screen.card.key == other.key
        assert not app.screen.query_one("#card-risks", Static).display
        await type_text(pilot, "!")
        assert "⚠ WEB-R1" not in screen_text(app)
