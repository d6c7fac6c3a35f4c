"""The Activity screen (6): who did what, newest first, live, filterable."""

from __future__ import annotations

from textual.pilot import Pilot
from ui_helpers import (
    make_app,
    other_person,
    press,
    screen_text,
    settle,
    type_text,
    wait_until_shown,
)

from kanban_tui.dialogs.card_history import HistoryDialog
from kanban_tui.screens.activity import screen as activity_screen
from kanban_tui.screens.activity.screen import ActivityScreen
from kanban_tui.services import boards, cards
from kanban_tui.widgets.activity_table import ActivityTable


def table(app) -> ActivityTable:
    return app.screen.query_one(ActivityTable)


async def open_activity(pilot: Pilot) -> ActivityScreen:
    await settle(pilot)
    await press(pilot, "6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ActivityScreen)
    return screen


async def test_the_newest_events_come_first_with_when_and_who(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_activity(pilot)
        text = screen_text(app)
        assert "WEB  Website relaunch · Activity" in text
        lines = text.splitlines()
        assert lines[1].split() == ["When", "Who", "What"]
        assert lines[2].strip().split(None, 3) == [
            "Tue",
            "11:24",
            "dana",
            "moved WEB-20 from Review to Done",
        ]
        assert "Mon 16:12     emeka  blocked WEB-23: Waiting for CI runners" in text
        events = table(app).events
        assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
        assert len(events) == len(screen.events) > 100


async def test_someone_elses_move_appears_by_itself_and_the_cursor_stays(ctx, demo_board) -> None:
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_activity(pilot)
        await press(pilot, "j", "j", "j")
        watched = table(app).current
        assert watched is not None
        row = table(app).cursor_row
        cards.move_card(bob, "WEB-21", "Done")
        await wait_until_shown(pilot, "bob    moved WEB-21 from Review to Done")
        assert "today 09:30" in screen_text(app)
        assert table(app).events[0].actor == "bob"
        assert table(app).current == watched  # same event, one row further down
        assert table(app).cursor_row == row + 1
    bob.db.close()


async def test_at_the_top_on_the_newest_the_newest_stay_in_view(ctx, demo_board) -> None:
    """Watching the top, five edits by someone else come in above: the cursor
    stays on the newest and the view on the top, where they are."""
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        assert table(app).cursor_row == 0 and table(app).scroll_y == 0
        for number in range(5):
            cards.edit_card(bob, "WEB-31", {"title": f"Search the public API, take {number} " * 3})
        await wait_until_shown(pilot, "take 4")
        assert table(app).events[0].actor == "bob"
        assert table(app).cursor_row == 0 and table(app).scroll_y == 0
    bob.db.close()


async def test_my_own_change_is_there_when_i_come_back(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_activity(pilot)
        await press(pilot, "1")
        await settle(pilot)
        await press(pilot, "a")  # WEB-25, the first card of To Do, is mine: unassign it
        await settle(pilot)
        await press(pilot, "6")
        await settle(pilot)
        assert table(app).events[0].actor == "alice"
        assert "today 09:30   alice  unassigned WEB-25 (was alice)" in screen_text(app)


async def test_the_filter_narrows_to_one_card_or_person(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_activity(pilot)
        total = len(table(app).events)
        await press(pilot, "slash")
        await type_text(pilot, "web-41")
        await settle(pilot)
        shown = table(app).events
        assert [e.action for e in shown] == ["moved", "linked", "created"]
        assert all("WEB-41" in (e.key, e.data.get("card")) for e in shown)
        assert "3 events about WEB-41" in screen_text(app)
        await press(pilot, "enter")  # keeps the filter, back to the list
        assert table(app).has_focus
        await press(pilot, "escape")
        await settle(pilot)
        assert len(table(app).events) == total
        await press(pilot, "slash")
        await type_text(pilot, "@emeka moved")
        await settle(pilot)
        shown = table(app).events
        assert shown and all(e.actor == "emeka" and e.action == "moved" for e in shown)
        # Of the events held (a page more may have been read meanwhile: the
        # cursor stood on the last row an unfinished filter showed).
        counted = (
            f"of the newest {len(screen.events)}" if screen.more else f"of {len(screen.events)}"
        )
        assert f"filter: {len(shown)} {counted}" in screen_text(app)
        assert screen.filter.people == ("emeka",)


async def test_enter_opens_the_cards_history_with_who(ctx, demo_board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_activity(pilot)
        assert table(app).current.key == "WEB-20"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        text = screen_text(app)
        assert "History of WEB-20 · Newsletter unsubscribe link" in text
        assert "dana   moved WEB-20 from Review to Done" in text
        assert "dana   moved WEB-20 from In Progress to Review" in text
        assert "dana   moved WEB-20 from To Do to In Progress" in text
        assert "5 events, newest first" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ActivityScreen)


async def test_older_events_load_with_m(ctx, demo_board, monkeypatch) -> None:
    monkeypatch.setattr(activity_screen, "PAGE", 50)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_activity(pilot)
        assert len(table(app).events) == 50 and screen.more
        assert "50+ events" in screen_text(app)
        await press(pilot, "m")
        await settle(pilot)
        assert len(table(app).events) == 100
        await press(pilot, "m", "m", "m", "m")  # the demo's 273 events: six pages
        await settle(pilot)
        assert not screen.more and len(table(app).events) < 300
        assert app.screen.check_action("more", ()) is False


async def test_user_text_is_shown_literally(ctx, demo_board) -> None:
    new = cards.add_card(ctx, "WEB", "[@click=app.quit]x[/] \x1b[2J")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_activity(pilot)
        assert f"created {new.key} in To Do: [@click=app.quit]x[/] ␛[2J" in screen_text(app)
        await pilot.click(ActivityTable, offset=(40, 2))
        await settle(pilot)
        assert app.is_running


async def test_another_board_shows_its_own_events(ctx, demo_board) -> None:
    boards.create_board(ctx, "OPS", "Operations")
    cards.add_card(ctx, "OPS", "Rotate the keys")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_activity(pilot)
        app.open_board("OPS")
        await settle(pilot)
        assert [e.key for e in table(app).events] == ["OPS-1", "OPS"]
        assert "OPS  Operations · Activity" in screen_text(app)


async def test_at_80_columns_long_lines_keep_their_reason_and_undo_mark(ctx, board) -> None:
    # The end of a line says the most (why a limit was broken, "(undo)"):
    # a long sentence takes a second line instead of losing it.
    boards.set_wip_limit(ctx, "WEB", "In Progress", 1)
    cards.add_card(ctx, "WEB", "One", column="In Progress")
    cards.add_card(ctx, "WEB", "Two")
    reason = "the release train leaves at noon sharp"
    cards.move_card(ctx, "WEB-2", "In Progress", force=True, reason=reason)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        text = " ".join(screen_text(app).split())
        assert "leaves at noon sharp" in text


async def test_scrolling_to_the_last_event_read_reads_the_next_page(
    ctx, demo_board, monkeypatch
) -> None:
    monkeypatch.setattr(activity_screen, "PAGE", 50)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_activity(pilot)
        assert len(table(app).events) == 50 and screen.more
        last = table(app).events[-1]
        await press(pilot, "G")
        await settle(pilot)
        assert len(table(app).events) == 100
        assert table(app).current == last  # the cursor stayed on its event


async def test_one_event_is_counted_in_the_singular(ctx, board) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_activity(pilot)
        assert "1 event · newest first" in screen_text(app)
        cards.add_card(ctx, "WEB", "Second")
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert "2 events · newest first" in screen_text(app)


async def test_a_word_filter_says_it_searched_the_events_read_so_far(
    ctx, demo_board, monkeypatch
) -> None:
    monkeypatch.setattr(activity_screen, "PAGE", 50)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_activity(pilot)
        await type_text(pilot, "/moved")
        await settle(pilot)
        shown = len(screen.table.events)
        assert f"filter: {shown} of the newest 50 · m older" in screen_text(app)
        await press(pilot, "enter", "m")
        await settle(pilot)
        assert len(screen.table.events) > shown  # older ones read, and filtered too
