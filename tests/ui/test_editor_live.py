"""The card editor while others change the card: it says so at once and keeps the typing.

Also: the editor's opening read runs in a worker, so a held database never
freezes the keys, and a card gone before it opens gets one sentence.
"""

from __future__ import annotations

import sqlite3

from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_helpers import (
    PollWatch,
    card_list,
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
)

from kanban_tui.app import KanbanApp
from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import archive, cards


async def wait_for(pilot: Pilot, condition, what: str, tries: int = 300) -> None:
    """Let the app run until ``condition()`` holds (bounded by tries, not a clock)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}\n{screen_text(pilot.app)}")


async def open_editor(pilot: Pilot) -> CardEditor:
    await press(pilot, "e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CardEditor), "the editor")
    await settle(pilot)  # mounted, its risks line read
    return pilot.app.screen


def note(editor: CardEditor) -> str:
    line = editor.query_one("#editor-note", Static)
    return str(line.render()) if line.display else ""


async def test_a_delete_by_someone_else_shows_at_once_and_saving_makes_a_new_card(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card", points=3)
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        editor = await open_editor(pilot)
        await press(pilot, *" twice")
        cards.delete_card(bob, "WEB-1")
        await polls.next_poll(pilot)
        # At once, without a key: the editor says it, the fields are as typed.
        assert app.screen is editor
        expected = "bob deleted WEB-1 meanwhile; saving makes your text a new card in To Do."
        assert note(editor) == expected
        assert expected not in notifications(app)  # said in place, not over the buttons
        assert editor.query_one("#title", Input).value == "Shared card twice"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardEditor)
        made = cards.get_card(ctx, "WEB-2")
        assert (made.title, made.points, made.column) == ("Shared card twice", 3, "To Do")
        assert "WEB-1 was deleted; your text is now WEB-2 in To Do." in notifications(app)
    bob.db.close()


async def test_a_change_by_someone_else_is_named_and_taken_into_the_untouched_fields(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        editor = await open_editor(pilot)
        await press(pilot, *" twice")
        cards.edit_card(bob, "WEB-1", {"points": 5, "labels": "ops"})
        await polls.next_poll(pilot)
        await wait_for(pilot, lambda: note(editor), "the note")
        assert note(editor) == "bob changed WEB-1 meanwhile: points, labels."
        # Said in place only: a toast would cover the editor's buttons at 80x24.
        assert not any("bob changed WEB-1 meanwhile" in n for n in notifications(app))
        assert editor.query_one("#title", Input).value == "Shared card twice"
        assert editor.query_one("#points", Input).value == "5"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        # Saved onto their version at once: no conflict, both changes kept.
        assert not isinstance(app.screen, CardEditor)
        saved = cards.get_card(ctx, "WEB-1")
        assert (saved.title, saved.points, saved.labels) == ("Shared card twice", 5, ("ops",))
    bob.db.close()


async def test_a_field_both_changed_keeps_mine_and_says_so(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        editor = await open_editor(pilot)
        await press(pilot, *" twice")
        cards.edit_card(bob, "WEB-1", {"title": "Bob's [b]title[/b]"})
        await polls.next_poll(pilot)
        await wait_for(pilot, lambda: note(editor), "the note")
        assert note(editor) == (
            "bob changed WEB-1 meanwhile: title. "
            "Your title (theirs: “Bob's [b]title[/b]”) is kept; saving replaces theirs."
        )
        assert editor.query_one("#title", Input).value == "Shared card twice"
    bob.db.close()


async def test_a_save_refused_as_stale_names_their_value_of_a_field_both_changed(
    ctx, board, monkeypatch
):
    """The feed has not said it yet (here: it never does): the save finds out."""
    monkeypatch.setattr(KanbanApp, "_poll", lambda self: None)
    cards.add_card(ctx, "WEB", "Shared card", points=3)
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await press(pilot, *" twice")
        cards.edit_card(bob, "WEB-1", {"title": "Bob's title", "points": 5})
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CardEditor), "the editor again")
        await settle(pilot)
        editor = app.screen
        assert editor.query_one("#title", Input).value == "Shared card twice"
        assert editor.query_one("#points", Input).value == "5"  # theirs, not typed in
        said = note(editor)
        assert said.startswith("WEB-1 was changed by bob at "), said
        assert said.endswith(
            ": title, points. Your title (theirs: “Bob's title”) is kept; saving replaces theirs."
        ), said
    bob.db.close()


async def test_a_save_refused_because_the_card_is_gone_brings_the_text_back(
    ctx, board, monkeypatch
):
    """The feed has not said it yet (here: it never does): the save finds out."""
    monkeypatch.setattr(KanbanApp, "_poll", lambda self: None)
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_editor(pilot)
        await press(pilot, *" twice")
        cards.delete_card(bob, "WEB-1")
        await press(pilot, "ctrl+s")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CardEditor) and app.screen.deleted,
            "the editor again, on a deleted card",
        )
        editor = app.screen
        assert editor.query_one("#title", Input).value == "Shared card twice"
        assert (
            note(editor)
            == "WEB-1 was deleted meanwhile; saving makes your text a new card in To Do."
        )
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-2").title == "Shared card twice"
    bob.db.close()


async def test_the_editor_opens_from_a_worker_while_the_file_is_held(ctx, board):
    """The opening read waits on the database in a thread: keys keep answering."""
    cards.add_card(ctx, "WEB", "First")
    cards.add_card(ctx, "WEB", "Second")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lock = sqlite3.connect(ctx.db.path, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # not even a reader gets in
        try:
            await press(pilot, "e", workers=False)
            await press(pilot, "j", workers=False)
            await pilot.pause()
            assert not isinstance(app.screen, CardEditor)
            assert card_list(app).current.key == "WEB-2"  # the cursor moved meanwhile
        finally:
            lock.execute("COMMIT")
            lock.close()
        await wait_for(pilot, lambda: isinstance(app.screen, CardEditor), "the editor")
        await settle(pilot)
        assert app.screen.card.key == "WEB-1"  # the card e was pressed on


async def test_a_card_gone_before_the_editor_opens_gets_the_sentence(ctx, board, monkeypatch):
    monkeypatch.setattr(KanbanApp, "_poll", lambda self: None)  # the board still shows it
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cards.delete_card(bob, "WEB-1")
        await press(pilot, "e")
        await settle(pilot)
        assert not isinstance(app.screen, CardEditor)
        assert "No card WEB-1." in notifications(app)
        assert "WEB-1" not in screen_text(app)  # read again: it is gone here too
    bob.db.close()


async def test_a_change_taken_in_saves_even_after_own_writes_to_the_card(ctx, board):
    """Our own earlier save of the card does not make the taken-in version look old."""
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        await open_editor(pilot)
        await press(pilot, *" once", "ctrl+s")
        await settle(pilot)
        editor = await open_editor(pilot)
        await press(pilot, *" twice")
        cards.edit_card(bob, "WEB-1", {"points": 5})
        await polls.next_poll(pilot)
        await wait_for(pilot, lambda: note(editor), "the note")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardEditor)
        saved = cards.get_card(ctx, "WEB-1")
        assert (saved.title, saved.points) == ("Shared card once twice", 5)
    bob.db.close()


async def test_an_archive_by_someone_else_shows_at_once(ctx, board):
    cards.add_card(ctx, "WEB", "Shared card")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        polls = PollWatch(app)
        editor = await open_editor(pilot)
        await press(pilot, *" twice")
        archive.archive_cards(bob, "WEB", ["WEB-1"])
        await polls.next_poll(pilot)
        assert app.screen is editor
        assert note(editor) == (
            "bob archived WEB-1 meanwhile; it cannot be saved until it is restored "
            "(r in the Archive view)."
        )
        assert editor.query_one("#title", Input).value == "Shared card twice"  # kept
    bob.db.close()
