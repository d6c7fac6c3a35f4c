"""Nothing typed is lost in the risk editor and the sprint dialogs either.

esc (or Cancel) with changes asks first; a save someone else's change
refused opens the editor again with what was typed. The sprint writes run
in a worker, like the card writes.
"""

from __future__ import annotations

from backlog_helpers import open_backlog, press_settled
from test_risk_screen import open_risks
from textual.widgets import Input
from ui_helpers import (
    file_held,
    make_app,
    notifications,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.confirm import DiscardDialog
from kanban_tui.dialogs.help import HelpDialog
from kanban_tui.dialogs.risk_editor import RiskEditor
from kanban_tui.dialogs.sprint_edit import SprintDialog
from kanban_tui.dialogs.sprint_start import StartSprintDialog
from kanban_tui.services import risks, sprints


async def test_esc_in_a_changed_risk_editor_asks(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_risks(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Hosting contract ends")
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardDialog)
        assert "Discard changes to the new risk?" in screen_text(app)
        await press(pilot, "escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, RiskEditor)
        assert app.screen.query_one("#title", Input).value == "Hosting contract ends"
        await press(pilot, "escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, RiskEditor | DiscardDialog)


async def test_esc_in_an_unchanged_risk_editor_leaves_at_once(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_risks(pilot)
        await press(pilot, "e", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, RiskEditor | DiscardDialog)


async def test_a_risk_save_refused_as_stale_reopens_on_theirs_with_mine_kept(ctx, demo_board):
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_risks(pilot)
        key = screen.table.current.key
        await press(pilot, "e")
        await pilot.pause()
        await type_text(pilot, " (again)")
        risks.edit_risk(bob, key, {"trigger": "bob's trigger"})
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RiskEditor)
        editor = app.screen
        assert editor.query_one("#title", Input).value.endswith(" (again)")
        assert editor.query_one("#trigger", Input).value == "bob's trigger"
        # The sentence is in the editor, not in a toast over its buttons.
        assert f"{key} was changed by bob" in screen_text(app)
        assert not any(f"{key} was changed by bob" in n for n in notifications(app))
        await press(pilot, "ctrl+s")
        await settle(pilot)
        saved = risks.get_risk(ctx, key)
        assert saved.title.endswith(" (again)") and saved.trigger == "bob's trigger"
    bob.db.close()


async def test_esc_in_the_sprint_dialogs_with_changes_asks(ctx, board):
    sprints.create_sprint(ctx, "WEB")
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "c")
        assert isinstance(app.screen, SprintDialog)
        await type_text(pilot, "Launch")
        await press_settled(pilot, "escape")
        assert "Discard changes to the new sprint?" in screen_text(app)
        await press_settled(pilot, "y")
        await press_settled(pilot, "c", "escape")  # nothing typed: leaves at once
        assert not isinstance(app.screen, SprintDialog | DiscardDialog)
        await press_settled(pilot, "s")
        assert isinstance(app.screen, StartSprintDialog)
        await type_text(pilot, "Ship the checkout")
        await press_settled(pilot, "escape")
        assert isinstance(app.screen, DiscardDialog)
        await press_settled(pilot, "escape")
        assert app.screen.query_one("#goal", Input).value == "Ship the checkout"


async def test_sprint_writes_wait_in_a_worker_while_another_process_holds_the_file(ctx, board):
    """A sprint planned while the write lock is held: keys still answer, then it lands."""
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "c")
        await type_text(pilot, "Launch")
        with file_held(ctx):
            await press(pilot, "ctrl+s", workers=False)
            await press(pilot, "question_mark", workers=False)
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)  # not frozen behind the lock
            assert sprints.list_sprints(ctx, "WEB") == []
            await press(pilot, "escape", workers=False)
        await settle(pilot)
        assert [s.name for s in sprints.list_sprints(ctx, "WEB")] == ["Launch"]
        assert any(n.startswith("Launch planned") for n in notifications(app))


async def test_a_sprint_edit_refused_as_stale_reopens_on_theirs_with_mine_kept(ctx, board):
    sprints.create_sprint(ctx, "WEB", goal="First goal")
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "g", "E")  # the sprint's heading, edit it
        assert isinstance(app.screen, SprintDialog)
        app.screen.query_one("#name", Input).value = "Launch"
        sprints.edit_sprint(bob, "WEB", 1, goal="Bob's goal")
        await press_settled(pilot, "ctrl+s")
        assert isinstance(app.screen, SprintDialog)
        dialog = app.screen
        assert dialog.query_one("#name", Input).value == "Launch"
        assert dialog.query_one("#goal", Input).value == "Bob's goal"
        said = "Sprint 1 was changed by someone else; reloaded - try again."
        assert said in screen_text(app) and said not in notifications(app)  # in place
        await press_settled(pilot, "ctrl+s")
        saved = sprints.get_sprint(ctx, "WEB", 1)
        assert (saved.name, saved.goal) == ("Launch", "Bob's goal")
    bob.db.close()
