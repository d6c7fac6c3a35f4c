"""Creating a card (n) and editing one (enter / e) through the card editor."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea
from ui_helpers import card_list, make_app, notifications, press, screen_text, settle, type_text

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import cards


async def test_n_title_ctrl_s_creates_a_card_in_the_focused_column(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l")  # In Progress
        await press(pilot, "n")
        assert isinstance(app.screen, CardEditor)
        await type_text(pilot, "Write the release notes")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor)
        [card] = cards.list_cards(ctx, "WEB")
        assert (card.title, card.column) == ("Write the release notes", "In Progress")
        text = screen_text(app)
        assert "WEB-1" in text and "Write the" in text
        assert "In Progress 1/3" in text
        assert card_list(app).current.key == "WEB-1"


async def test_the_footer_offers_the_card_keys_once_there_is_a_card(ctx, board):
    """Dimmed with no card under the cursor; live once the first card is made."""
    app = make_app(ctx)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)

        def live(key: str) -> bool:
            return app.screen.active_bindings[key].enabled

        assert live("n") and not live("e") and not live("L")
        await press(pilot, "n")
        await type_text(pilot, "First card")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert live("e") and live("L")


async def test_enter_in_the_title_saves_too_with_every_field(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        editor = app.screen
        await type_text(pilot, "Checkout button")
        editor.query_one("#points", Input).value = "5"
        editor.query_one("#assignee", Input).value = "bob"
        editor.query_one("#labels", Input).value = "ui, checkout"
        editor.query_one("#due", Input).value = "2026-12-01"
        editor.query_one("#blocked", Input).value = "Waiting for design"
        editor.query_one("#description", TextArea).text = "Make it *green*."
        editor.query_one("#priority").value = "high"
        editor.query_one("#type").value = "story"
        editor.query_one("#title", Input).focus()
        await press(pilot, "enter")
        await pilot.pause()
        card = cards.get_card(ctx, "WEB-1")
        assert card.points == 5 and card.assignee == "bob"
        assert card.labels == ("ui", "checkout") and card.due.isoformat() == "2026-12-01"
        assert card.blocked == "Waiting for design" and card.description == "Make it *green*."
        assert (card.priority.value, card.type.value) == ("high", "story")
        text = screen_text(app)
        # The due mark keeps its place before the labels, which give way.
        assert "⊘ blocked" in text and "@bob" in text and "due 1 Dec" in text, text


async def test_points_1000_shows_an_error_beside_the_field_and_saves_nothing(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Estimate me")
        await press(pilot, "tab", "tab", "tab")  # type, priority, points
        assert app.focused.id == "points"
        await type_text(pilot, "1000")
        error = app.screen.query_one("#points-error", Static)
        assert error.has_class("-shown")
        text = screen_text(app)
        assert "Points must be between 0" in text and "(got 1000)." in text
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CardEditor), "an invalid card must not be saved"
        assert app.focused.id == "points"
        assert cards.list_cards(ctx, "WEB") == []
        # Fixing the value clears the error and then saves.
        await press(pilot, *["backspace"] * 4)
        await type_text(pilot, "13")
        assert not error.has_class("-shown")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert [card.points for card in cards.list_cards(ctx, "WEB")] == [13]


async def test_points_up_and_down_step_through_the_usual_estimates(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        points = app.screen.query_one("#points", Input)
        points.focus()
        await press(pilot, "up", "up", "up", "up")
        assert points.value == "3"
        await press(pilot, "down")
        assert points.value == "2"
        points.value = "4"
        await press(pilot, "up")
        assert points.value == "5"


async def test_empty_title_is_refused_in_place(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CardEditor)
        assert "Title must not be empty." in screen_text(app)
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor)
        assert cards.list_cards(ctx, "WEB") == []


async def test_edit_changes_the_card_and_keeps_it_selected(ctx, board):
    cards.add_card(ctx, "WEB", "First")
    cards.add_card(ctx, "WEB", "Second", points=3)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "e")
        editor = app.screen
        assert isinstance(editor, CardEditor)
        assert editor.query_one("#title", Input).value == "Second"
        assert editor.query_one("#points", Input).value == "3"
        await type_text(pilot, ", renamed")  # the cursor starts at the end of the title
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert cards.get_card(ctx, "WEB-2").title == "Second, renamed"
        assert cards.get_card(ctx, "WEB-2").points == 3
        assert card_list(app).current.key == "WEB-2"
        assert "Second, r" in screen_text(app)  # compact at 80x24


async def test_a_stale_save_reopens_the_editor_on_the_fresh_card_with_what_was_typed(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, CardEditor)
        # Someone else changes the card while the editor is open.
        cards.edit_card(ctx.__class__(ctx.db, actor="bob", clock=ctx.clock), "WEB-1", {"points": 8})
        await type_text(pilot, "Mine")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").title == "Shared card"
        # The editor again, on bob's card, with the title as typed; bob's change named.
        editor = app.screen
        assert isinstance(editor, CardEditor)
        assert editor.query_one("#title", Input).value == "Shared cardMine"
        assert editor.query_one("#points", Input).value == "8"
        # Said above the fields (a toast would cover the editor's buttons).
        message = str(editor.query_one("#editor-note", Static).render())
        assert "was changed by bob" in message and "points" in message
        assert not any("was changed by bob" in m for m in notifications(app))
        await press(pilot, "ctrl+s")
        await settle(pilot)
        saved = cards.get_card(ctx, "WEB-1")
        assert (saved.title, saved.points) == ("Shared cardMine", 8)
        assert card_list(app).current.title == "Shared cardMine"


async def test_new_card_into_a_full_column_offers_the_override(ctx, board):
    for number in range(2):
        cards.add_card(ctx, "WEB", f"Review {number}", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "n")
        await type_text(pilot, "Urgent review")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert "WIP limit reached: Review holds 2 of 2." in screen_text(app)
        assert "Create the card in Review anyway?" in screen_text(app)
        await type_text(pilot, "hotfix")
        await press(pilot, "enter")
        await pilot.pause()
        assert [card.title for card in cards.list_cards(ctx, "WEB", column="Review")][-1] == (
            "Urgent review"
        )
        assert "Review 3/2" in screen_text(app)


async def test_a_label_with_a_space_is_refused_in_place_never_split(ctx, board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Labelled")
        app.screen.query_one("#labels", Input).value = "ui, front end"
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CardEditor), "a label with a space must not be saved"
        error = app.screen.query_one("#labels-error", Static)
        assert error.has_class("-shown")
        assert "Label 'front end' is not valid" in str(error.render())
        assert cards.list_cards(ctx, "WEB") == []
        app.screen.query_one("#labels", Input).value = "ui, front-end"
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert cards.get_card(ctx, "WEB-1").labels == ("ui", "front-end")
