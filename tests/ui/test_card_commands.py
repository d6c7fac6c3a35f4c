"""The one card-command path: nothing typed is lost, the screen never waits."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import (
    card_list,
    file_held,
    make_app,
    notifications,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.services import boards, cards
from kanban_tui.widgets.top_bar import TopBar


async def wait_for(pilot: Pilot, condition, what: str, tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (bounded by tries, not a clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}\n{screen_text(pilot.app)}")


async def test_cancelling_the_override_returns_to_the_editor_as_typed(ctx, board):
    for number in range(2):
        cards.add_card(ctx, "WEB", f"Review {number}", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "n")
        await type_text(pilot, "Urgent review")
        app.screen.query_one("#labels", Input).value = "ops"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WipOverrideDialog), "the offer")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CardEditor), "the editor again")
        editor = app.screen
        assert editor.query_one("#title", Input).value == "Urgent review"
        assert editor.query_one("#labels", Input).value == "ops"
        assert len(cards.list_cards(ctx, "WEB")) == 2


async def test_esc_in_a_changed_editor_asks_and_keep_editing_keeps_the_text(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await type_text(pilot, " twice")
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard changes to WEB-1?" in screen_text(app)
        await press(pilot, "escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, CardEditor)
        assert app.screen.query_one("#title", Input).value == "Shared card twice"
        await press(pilot, "escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor | ConfirmDialog)
        assert cards.get_card(ctx, "WEB-1").title == "Shared card"


async def test_esc_in_an_unchanged_editor_leaves_at_once(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor | ConfirmDialog)


async def test_a_person_wip_refusal_on_the_backlog_offers_the_override(ctx, board):
    cards.add_card(ctx, "WEB", "Started", assignee="alice", column="In Progress")
    cards.add_card(ctx, "WEB", "Also started", column="In Progress")
    boards.set_person_wip_limit(ctx, "WEB", 1)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await settle(pilot)
        await wait_for(
            pilot, lambda: "Also started" in screen_text(app), "the backlog shows the card"
        )
        for _ in range(10):
            row = app.screen.plan_list.current
            if row is not None and row.card is not None and row.card.key == "WEB-2":
                break
            await press(pilot, "j")
        await press(pilot, "a")
        await wait_for(pilot, lambda: isinstance(app.screen, WipOverrideDialog), "the offer")
        assert "Assign WEB-2 to yourself anyway?" in screen_text(app)
        await type_text(pilot, "pairing")
        await press(pilot, "enter")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-2").assignee == "alice"


async def test_keys_answer_while_another_process_holds_the_write_lock(ctx, board):
    cards.add_card(ctx, "WEB", "Move me")
    for number in range(2):
        cards.add_card(ctx, "WEB", f"Busy {number}", column="In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx):
            await press(pilot, "L", workers=False)
            # Drawn at once, before the database has it.
            assert card_list(app).current.key == "WEB-1"
            assert card_list(app).current.column == "In Progress"
            top = app.screen.query_one(TopBar)
            await wait_for(pilot, lambda: top.status == "saving…", "saving… shown")
            await press(pilot, "question_mark", workers=False)
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            await press(pilot, "escape", workers=False)
            await pilot.pause()
            await press(pilot, "j", workers=False)
            await pilot.pause()
            assert card_list(app).current.key != "WEB-1"
            assert cards.get_card(ctx, "WEB-1").column == "To Do"
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").column == "In Progress"
        assert top.status != "saving…"
        # The move's late result does not pull the cursor back to the card.
        assert card_list(app).current.key != "WEB-1"


async def test_a_refused_move_is_drawn_then_taken_back_with_the_sentence(ctx, board):
    cards.add_card(ctx, "WEB", "Move me")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx) as lock:
            await press(pilot, "L", workers=False)
            assert app.screen.state.find("WEB-1").column == "In Progress"
            # Someone else changes the card before our move gets its turn.
            lock.execute("UPDATE card SET version = version + 1, updated_by = 'bob'")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").column == "To Do"
        await wait_for(
            pilot, lambda: app.screen.state.find("WEB-1").column == "To Do", "taken back"
        )
        assert any("was changed by bob" in m for m in notifications(app))


async def test_a_read_only_board_opens_no_editor(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Shared card")
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor)
        await press(pilot, "e")
        await pilot.pause()
        assert not isinstance(app.screen, CardEditor)
        assert "The file is read-only." in notifications(app)


async def test_a_write_that_finds_the_database_busy_is_tried_again(ctx, board, monkeypatch):
    """A busy database wrote nothing: the worker tries again (another process
    may hold the lock for longer than one busy timeout) and the move lands."""
    from kanban_tui.domain.errors import DatabaseBusy
    from kanban_tui.screens.board import cards as board_cards

    cards.add_card(ctx, "WEB", "Move me")
    real, tries = board_cards.cards.step_card, []

    def busy_twice(*args, **kwargs):
        tries.append(1)
        if len(tries) <= 2:
            raise DatabaseBusy("The database is busy.")
        return real(*args, **kwargs)

    monkeypatch.setattr(board_cards.cards, "step_card", busy_twice)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await settle(pilot)
        assert len(tries) == 3
        assert cards.get_card(ctx, "WEB-1").column == "In Progress"
        assert card_list(app).current.column == "In Progress"
        assert not any("busy" in message for message in notifications(app))


async def test_an_edit_opened_while_my_assign_waits_does_not_take_the_assign_back(ctx, board):
    cards.add_card(ctx, "WEB", "Search results", assignee="emeka")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx):
            # `a` waits for the file; `e` reads the card as stored: still emeka's.
            await press(pilot, "a", "e", workers=False)
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, CardEditor) and app.screen.query("#assignee"),
                "the editor",
            )
            assert app.screen.query_one("#assignee", Input).value == "emeka"
            await type_text(pilot, " v2", workers=False)
            await press(pilot, "ctrl+s", workers=False)
        await settle(pilot)
        card = cards.get_card(ctx, "WEB-1")
        assert (card.title, card.assignee) == ("Search results v2", "alice")


async def test_my_writes_from_two_views_land_in_order_while_the_file_is_busy(ctx, board):
    cards.add_card(ctx, "WEB", "Search results")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with file_held(ctx):
            await press(pilot, "a", workers=False)  # the Board's write waits for the file
            await press(pilot, "3", workers=False)  # the Backlog, on the same card
            await wait_for(
                pilot,
                lambda: "Backlog" in screen_text(app) and "Search results" in screen_text(app),
                "the card in the backlog",
            )
            await press(pilot, "j", "e", workers=False)  # from the heading to the card
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, CardEditor) and app.screen.query("#title"),
                "the editor",
            )
            await type_text(pilot, " v2", workers=False)
            await press(pilot, "ctrl+s", workers=False)
        await settle(pilot)
        card = cards.get_card(ctx, "WEB-1")
        assert (card.title, card.assignee) == ("Search results v2", "alice")
        assert not any("was changed by" in note for note in notifications(app))


async def test_a_card_created_over_the_limit_says_so(ctx, board):
    for number in range(2):
        cards.add_card(ctx, "WEB", f"Review {number}", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "n")
        await type_text(pilot, "Urgent review")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, WipOverrideDialog), "the offer")
        await type_text(pilot, "prod incident")
        await press(pilot, "enter")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-3").column == "Review"
        assert "Created WEB-3 in Review over its WIP limit; the breach is logged." in (
            notifications(app)
        )
