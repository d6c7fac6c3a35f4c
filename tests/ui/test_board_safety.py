"""User text is shown literally: never run as markup, never sent as terminal escapes."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import card_list, make_app, press, screen_text, settle

from kanban_tui.dialogs.card_view import CardViewDialog
from kanban_tui.services import boards, cards
from kanban_tui.widgets.text import safe

HOSTILE = "[@click=app.quit]x[/] [bold]\x1b[31mred\x07"


async def test_markup_and_escapes_in_a_title_are_shown_not_run(ctx):
    boards.create_board(ctx, "WEB", "[@click=app.quit]Board[/]", "To Do,[b]Doing[/b]:2,Done")
    cards.add_card(ctx, "WEB", HOSTILE, labels="[i]x", assignee="[u]bob")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [bold]␛[31mred␇" in text
        assert "[@click=app.quit]Board[/]" in text
        assert "[b]Doing[/b] 0/2" in text
        assert "#[i]x" in text and "@[u]bob" in text
        assert "\x1b[31m" not in text

        # Clicking the card and its title and pressing keys never quits the app.
        shown = card_list(app)
        for offset in ((2, 0), (4, 1), (10, 1), (20, 1), (3, 3)):
            await pilot.click(shown, offset=offset)
        await press(pilot, "j", "k", "l", "h", "enter")
        await settle(pilot)
        assert app.is_running
        # The card view shows the title as text; e there opens the editor.
        assert isinstance(app.screen, CardViewDialog)
        assert "[@click=app.quit]x[/] [bold]␛[31mred␇" in screen_text(app)
        await press(pilot, "e")
        await settle(pilot)
        # The editor shows the stand-ins too; saving unchanged keeps the stored title.
        title = app.screen.query_one("#title", Input)
        assert title.value == safe(HOSTILE) and "\x1b" not in title.value
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert cards.get_card(ctx, "WEB-1").title == HOSTILE
        await press(pilot, "escape")  # the card view, back to the board
        await press(pilot, "L")
        await settle(pilot)
        assert app.is_running
        assert cards.get_card(ctx, "WEB-1").column == "[b]Doing[/b]"
        # Dialogs and notifications that name the card or column show it as text too.
        await press(pilot, "D")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await press(pilot, "escape", "w")
        await pilot.pause()
        assert "WIP limit for [b]Doing[/b]" in screen_text(app)
        await press(pilot, "escape")
        await pilot.pause()
        assert app.is_running


async def test_notifications_show_names_literally(ctx):
    boards.create_board(ctx, "WEB", "Web", "To Do,[red]Full[/red]:1,Done")
    cards.add_card(ctx, "WEB", "One", column="[red]Full[/red]")
    cards.add_card(ctx, "WEB", "Two")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        await pilot.pause()
        assert "WIP limit reached: [red]Full[/red] holds 1 of 1." in screen_text(app)


def test_safe_replaces_every_control_character():
    text = "".join(chr(code) for code in range(32)) + "\x7f\x9b\u202e"
    shown = safe(text)
    assert all(ord(char) >= 32 and not 0x7F <= ord(char) <= 0x9F for char in shown)
    assert shown.startswith("␀␁") and "␛" in shown and shown.endswith("?")
    assert safe("plain [b]text[/b]") == "plain [b]text[/b]"
