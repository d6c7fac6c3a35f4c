"""Risks screen keys: add (n), edit (e / enter), status (s), mitigation card (m), link (l)."""

from __future__ import annotations

from dataclasses import replace

from test_risk_screen import open_risks, rows
from textual.widgets import Input, Static
from ui_helpers import make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.risk_editor import RiskEditor
from kanban_tui.dialogs.risk_prompts import PromptDialog, StatusPicker
from kanban_tui.domain.model import Category
from kanban_tui.domain.risks import RiskStatus
from kanban_tui.services import boards, cards, risks
from kanban_tui.widgets.heat_map import HeatMap


async def test_n_adds_a_risk_that_lands_in_the_database_and_by_score_in_the_table(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, RiskEditor)
        await type_text(pilot, "Hosting contract ends mid-launch")
        await press(pilot, "tab", "tab", "tab")  # category, owner, probability
        assert app.focused.id == "probability"
        await type_text(pilot, "almost certain")
        await press(pilot, "tab")
        await type_text(pilot, "4")
        assert "= 5" in screen_text(app) and "20 critical" in screen_text(app)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RiskEditor)
        risk = risks.get_risk(ctx, "WEB-R9")
        assert (risk.title, risk.probability, risk.impact, risk.owner) == (
            "Hosting contract ends mid-launch",
            5,
            4,
            "alice",
        )
        expected = [r.key for r in risks.list_risks(ctx, "WEB")]
        assert rows(screen) == expected and expected.index("WEB-R9") == 1  # after WEB-R1's 20
        assert screen.table.current.key == "WEB-R9"
        assert "Added WEB-R9: score 20, critical." in notifications(app)
        assert screen.query_one(HeatMap).grid[4][3] == 1


async def test_probability_6_is_refused_in_place_and_nothing_is_saved(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Too likely")
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "6")
        await press(pilot, "tab")
        await type_text(pilot, "3")
        error = app.screen.query_one("#probability-error", Static)
        assert error.has_class("-shown")
        assert "Probability must be 1-5" in screen_text(app) and "(got 6)." in screen_text(app)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RiskEditor), "an invalid risk must not be saved"
        assert app.focused.id == "probability"
        assert len(risks.list_risks(ctx, "WEB")) == 8
        # A residual probability without its impact is refused too, at save.
        await press(pilot, "backspace")
        await type_text(pilot, "likely")
        assert not error.has_class("-shown")
        app.screen.query_one("#residual_probability", Input).value = "2"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RiskEditor)
        assert "residual impact go" in screen_text(app)
        assert len(risks.list_risks(ctx, "WEB")) == 8
        await press(pilot, "escape")
        await settle(pilot)
        assert len(risks.list_risks(ctx, "WEB")) == 8


async def test_a_residual_score_above_the_inherent_one_is_refused_in_place(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Worse after")
        editor = app.screen
        for name, value in (
            ("probability", "2"),
            ("impact", "2"),
            ("residual_probability", "3"),
            ("residual_impact", "3"),
        ):
            editor.query_one(f"#{name}", Input).value = value
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is editor, "a residual above the inherent score must not be saved"
        error = str(editor.query_one("#residual_impact-error", Static).render())
        assert "The residual score (9) cannot be above the inherent score (4)" in error
        assert len(risks.list_risks(ctx, "WEB")) == 8


async def test_editing_probability_and_impact_rescores_and_resorts(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        assert rows(screen)[-1] == "WEB-R7"
        await press(pilot, *["down"] * 7)
        assert screen.table.current.key == "WEB-R7"
        await press(pilot, "enter")  # enter on the table edits
        assert isinstance(app.screen, RiskEditor)
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "5")  # the old value is selected: typing replaces it
        await press(pilot, "tab")
        await type_text(pilot, "severe")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        risk = risks.get_risk(ctx, "WEB-R7")
        assert (risk.probability, risk.impact, risk.score) == (5, 5, 25)
        assert rows(screen)[0] == "WEB-R7" and screen.table.current.key == "WEB-R7"
        assert [p.score for p in risks.score_history(ctx, "WEB-R7")][-1] == 25


async def test_a_stale_edit_shows_the_sentence_and_reloads(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, RiskEditor)
        # Meanwhile bob lowers the impact of WEB-R1 in another process.
        risks.edit_risk(
            replace(ctx, actor="bob"),
            "WEB-R1",
            {"impact": 1, "residual_probability": 1, "residual_impact": 1},
        )
        await press(pilot, "end")
        await type_text(pilot, " (again)")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RiskEditor)  # again, the sentence above the fields
        assert "WEB-R1 was changed by bob at" in str(
            app.screen.query_one("#editor-note", Static).render()
        )
        risk = risks.get_risk(ctx, "WEB-R1")
        assert risk.impact == 1 and "(again)" not in risk.title
        assert rows(screen) == [r.key for r in risks.list_risks(ctx, "WEB")]
        assert rows(screen)[0] != "WEB-R1"  # reloaded: its score is 4 now


async def test_s_changes_the_status(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StatusPicker)
        await press(pilot, "down", "enter")  # mitigating -> closed
        await settle(pilot)
        assert risks.get_risk(ctx, "WEB-R1").status is RiskStatus.CLOSED
        assert "WEB-R1 is now closed." in notifications(app)
        assert screen.query_one(HeatMap).total == 6
        assert screen.table.current.key == "WEB-R1"


async def test_m_creates_a_linked_mitigation_card_in_the_backlog(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_risks(pilot)
        await press(pilot, "down")
        assert screen.table.current.key == "WEB-R3"
        await press(pilot, "m")
        assert isinstance(app.screen, PromptDialog)
        title = "Mitigate WEB-R3: Checkout redesign slips past the launch date"
        assert app.screen.query_one("#answer", Input).value == title
        await press(pilot, "enter")
        await settle(pilot)
        risk = risks.get_risk(ctx, "WEB-R3")
        [key] = risk.cards
        card = cards.get_card(ctx, key)
        assert card.title == title and card.sprint is None
        column = next(c for c in boards.columns(ctx, "WEB") if c.name == card.column)
        assert column.category is Category.TODO
        assert f"Created {key} in To Do (backlog), linked to WEB-R3." in notifications(app)
        assert "0/1" in screen_text(app)


async def test_m_takes_a_title_and_a_refusal_shows_in_the_dialog(ctx, demo_board):
    boards.set_wip_limit(ctx, "WEB", "To Do", 1)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "m")
        await settle(pilot)
        app.screen.query_one("#answer", Input).value = "Second payment provider contract"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        assert "WIP limit reached: To Do holds" in screen_text(app)
        assert len(risks.get_risk(ctx, "WEB-R1").cards) == 2
        await press(pilot, "escape")
        await settle(pilot)
        boards.set_wip_limit(ctx, "WEB", "To Do", None)
        await press(pilot, "m")
        await settle(pilot)
        app.screen.query_one("#answer", Input).value = "Second payment provider contract"
        await press(pilot, "enter")
        await settle(pilot)
        [card] = [cards.get_card(ctx, k) for k in risks.get_risk(ctx, "WEB-R1").cards[2:]]
        assert card.title == "Second payment provider contract"


async def test_l_links_a_card_by_key_or_number_and_refuses_unknown_ones(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "down", "down")
        await press(pilot, "l")
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "999")
        await press(pilot, "enter")
        await settle(pilot)
        assert "No card WEB-999." in screen_text(app)
        await press(pilot, *["backspace"] * 3)
        await type_text(pilot, "7")
        await press(pilot, "enter")
        await settle(pilot)
        assert risks.get_risk(ctx, "WEB-R2").cards == ("WEB-7",)
        assert "Linked WEB-7 to WEB-R2." in notifications(app)
        await press(pilot, "u", "enter")
        await settle(pilot)
        assert risks.get_risk(ctx, "WEB-R2").cards == ()


async def test_a_refused_link_comes_back_with_the_typing_and_the_sentence(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_risks(pilot)
        await press(pilot, "down", "down", "l")
        await type_text(pilot, "web-999")
        await press(pilot, "enter")
        await settle(pilot)  # the link is tried in a worker; the card is not there
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one("#answer", Input).value == "web-999"
        assert "No card WEB-999." in str(app.screen.query_one("#answer-error", Static).render())
        assert "No card WEB-999." in screen_text(app)
        await type_text(pilot, "9")  # the sentence was about the text before
        assert not str(app.screen.query_one("#answer-error", Static).render())
        assert risks.get_risk(ctx, "WEB-R2").cards == ()


async def test_risk_keys_are_disabled_without_a_risk(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_risks(pilot)
        for action in ("edit_risk", "set_status", "mitigation_card", "link_card", "details"):
            assert screen.check_action(action, ()) is None, action
        await press(pilot, "e", "s", "m", "l")
        assert not isinstance(app.screen, RiskEditor | StatusPicker | PromptDialog)
        assert screen.check_action("new_risk", ()) is True
