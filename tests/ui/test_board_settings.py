"""Board settings (S on the Board): set a board up without the command line."""

from __future__ import annotations

from textual.widgets import DataTable
from ui_helpers import (
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
    wait_until_shown,
)

from kanban_tui.dialogs.board_forms import NewBoardDialog, NewColumnDialog, PickDialog
from kanban_tui.dialogs.board_switcher import BoardSwitcher
from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.risk_prompts import PromptDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.screens.board.screen import BoardScreen
from kanban_tui.screens.board.settings import BoardSettings
from kanban_tui.services import Context, boards, cards
from kanban_tui.services.activity import describe, recent_events


def _layout(ctx: Context, key: str = "WEB") -> list[tuple[str, str, int | None, int]]:
    return [(c.name, c.category.value, c.wip_limit, c.count) for c in boards.columns(ctx, key)]


def _row(app, name: str) -> int:
    screen = app.screen
    assert isinstance(screen, BoardSettings) and screen.data is not None
    return [c.name for c in screen.data.columns].index(name)


async def _to(pilot, name: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=_row(pilot.app, name))
    await pilot.pause()


async def test_set_up_a_board_from_the_settings_screen(ctx: Context, board) -> None:
    for title in ("One", "Two"):
        cards.add_card(ctx, "WEB", title, column="Review")
    for title in ("Three", "Four", "Five"):
        cards.add_card(ctx, "WEB", title, column="In Progress")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        text = screen_text(app)
        assert "In Progress" in text and "in_progress" in text and "Review" in text

        # Rename a column.
        await _to(pilot, "To Do")
        await press(pilot, "r")
        assert isinstance(app.screen, PromptDialog)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Ideas")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert _layout(ctx)[0][0] == "Ideas"
        assert "Ideas" in screen_text(app)

        # Add one with a limit.
        await press(pilot, "a")
        assert isinstance(app.screen, NewColumnDialog)
        await type_text(pilot, "QA")
        app.screen.query_one("#limit").value = "2"
        await press(pilot, "enter")
        await settle(pilot)
        assert ("QA", "in_progress", 2, 0) in _layout(ctx)

        # Move one left.
        await _to(pilot, "QA")
        await press(pilot, "H")
        await settle(pilot)
        assert [c[0] for c in _layout(ctx)] == ["Ideas", "In Progress", "QA", "Review", "Done"]

        # Delete one with cards: they go to a full column, over its limit.
        await _to(pilot, "Review")
        await press(pilot, "x")
        assert isinstance(app.screen, PickDialog)
        assert "Review holds 2 cards." in screen_text(app)
        await press(pilot, "down", "enter")  # Ideas, then In Progress (full)
        await settle(pilot)
        assert isinstance(app.screen, WipOverrideDialog)
        await type_text(pilot, "release day")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert [c[0] for c in _layout(ctx)] == ["Ideas", "In Progress", "QA", "Done"]
        assert _layout(ctx)[1][3] == 5
        shown = screen_text(app)
        assert "Review" not in shown.split("Done")[0]
        assert any("2 cards moved to In Progress" in n for n in notifications(app))
        assert not any("WIP limit reached" in n for n in notifications(app))

        # One event each, the delete one for both cards.
        logged = [describe(e) for e in recent_events(ctx, "WEB", limit=10)]
        assert "renamed the column To Do to Ideas" in logged
        assert "added the column QA (in progress, WIP 2)" in logged
        assert any(t.startswith("moved the column QA from position 4 to 3") for t in logged)
        assert any(t.startswith("deleted the column Review, its 2 cards") for t in logged)

        # Back on the board, the new columns show.
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        text = screen_text(app)
        assert "Ideas" in text and "QA" in text and "Review" not in text


async def test_an_empty_column_is_deleted_after_asking_and_category_set(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        await _to(pilot, "Review")
        await press(pilot, "t")
        assert isinstance(app.screen, PickDialog)
        await press(pilot, "down", "enter")  # in_progress -> done
        await settle(pilot)
        assert ("Review", "done", 2, 0) in _layout(ctx)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        await settle(pilot)
        assert [c[0] for c in _layout(ctx)] == ["To Do", "In Progress", "Done"]


async def test_new_board_from_the_switcher_then_rename_and_delete_it(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, BoardSwitcher)
        await press(pilot, "n")
        await settle(pilot)
        assert isinstance(app.screen, NewBoardDialog)
        await type_text(pilot, "web")
        await press(pilot, "tab")
        await type_text(pilot, "Scrum team")
        app.screen.query_one("#template").value = "scrum"
        await press(pilot, "enter")
        await settle(pilot)
        # WEB exists: the dialog comes back with the text and the sentence.
        assert isinstance(app.screen, NewBoardDialog)
        assert "A board with key WEB exists already." in screen_text(app)
        # Said under Key, like the field's other sentences, not at the top.
        said = app.screen.query_one("#key-error").render()
        assert "A board with key WEB exists already." in str(said)
        assert not app.screen.query_one("#form-note").display
        key = app.screen.query_one("#key")
        key.value = "A B"
        await settle(pilot)
        text = screen_text(app)  # the old sentence goes; the new one says what is wrong now
        assert "exists already" not in text and "Board key 'A B' is not valid" in text
        key.value = "SCR"
        await settle(pilot)
        text = screen_text(app)
        assert "not valid" not in text and "exists already" not in text
        assert "Cards get keys SCR-1, SCR-2, …" in text
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        assert app.board_key == "SCR"
        assert [c[0] for c in _layout(ctx, "SCR")] == [
            "Backlog",
            "To Do",
            "In Progress",
            "Review",
            "Done",
        ]
        await press(pilot, "R")
        assert isinstance(app.screen, PromptDialog)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Sprints")
        await press(pilot, "enter")
        await settle(pilot)
        assert boards.resolve_board(ctx, "SCR").name == "Sprints"
        await press(pilot, "X")
        await settle(pilot)  # read first: an empty board is asked about
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.board_key == "WEB"
        assert [b.key for b in boards.list_boards(ctx)] == ["WEB"]
        # The only board left is not deleted from here.
        await press(pilot, "S")
        await settle(pilot)
        await press(pilot, "X")
        assert isinstance(app.screen, BoardSettings)
        assert any("WEB is the only board" in n for n in notifications(app))


async def test_a_board_with_cards_is_refused_before_any_question(ctx, board) -> None:
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "WEB", "Keep me")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        await press(pilot, "X")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)  # no "Delete the board WEB?" first
        said = "Board WEB holds 1 card: only an empty board can be deleted."
        assert said in notifications(app)
    assert [b.key for b in boards.list_boards(ctx)] == ["OPS", "WEB"]


async def test_palette_opens_board_settings(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "New board")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewBoardDialog)
        assert app.current_mode == "board"


async def test_a_column_added_by_someone_else_shows_in_settings(ctx, board) -> None:
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        boards.add_column(bob, "WEB", "Bobs column", "todo")
        await wait_until_shown(pilot, "Bobs column")
    bob.db.close()


async def test_settings_on_a_read_only_file_offer_no_writes(ctx, board, monkeypatch) -> None:
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        assert isinstance(app.screen, BoardSettings)
        footer = screen_text(app).splitlines()[-1]
        assert "Back" in footer and "Add" not in footer and "Rename" not in footer
        await press(pilot, "a")
        assert isinstance(app.screen, BoardSettings)
        assert "The file is read-only." in notifications(app)


async def test_the_category_pickers_meanings_wrap_under_themselves(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await settle(pilot)
        await press(pilot, "t")
        await settle(pilot)
        assert isinstance(app.screen, PickDialog)
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "being worked on" in line)
        wrapped = lines[first + 1]
        column = lines[first].index("being worked on")
        # The wrapped words start under "being", not at the option's left edge.
        assert wrapped[column - 1] == " " and wrapped[column].isalpha(), wrapped
