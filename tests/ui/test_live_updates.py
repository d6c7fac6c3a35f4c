"""Two people on one file: what one commits shows up in the other's TUI by itself."""

from __future__ import annotations

from ui_helpers import (
    card_list,
    make_app,
    other_person,
    poll_watch,
    press,
    screen_text,
    settle,
    wait_until_shown,
)

from kanban_tui import live
from kanban_tui.services import card_rank, cards


def test_the_feed_is_polled_four_times_a_second() -> None:
    """The bound on how late another process's change shows: the tests below prove
    it is on screen once the first poll after the commit has landed."""
    assert live.POLL_SECONDS <= 0.25


async def test_a_change_by_someone_else_appears_without_a_key_press(ctx, demo_board) -> None:
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Review 1/2" in screen_text(app)
        cards.move_card(bob, "WEB-21", "Done")
        new = cards.add_card(bob, "WEB", "Card from another terminal")
        card_rank.rank_card(bob, new.key, "top")
        await wait_until_shown(pilot, "Card from another terminal")
        text = screen_text(app)
        assert "Review 0/2" in text and "To Do 18" in text and new.key in text
    bob.db.close()


async def test_two_tuis_on_one_file(ctx, demo_board) -> None:
    """A move in one TUI appears in the other at its next poll."""
    bob = other_person(ctx)
    mine, theirs = make_app(ctx), make_app(bob)
    async with mine.run_test(size=(120, 40)) as me, theirs.run_test(size=(120, 40)) as them:
        await settle(me)
        await settle(them)
        assert "Review 1/2" in screen_text(theirs)
        await me.press("l", "l")  # focus Review (its card WEB-21)
        await me.press("L")  # move it to Done
        await settle(me)
        assert cards.get_card(ctx, "WEB-21").column == "Done"
        await wait_until_shown(them, "Review 0/2")
    bob.db.close()


async def test_own_changes_do_not_reload_the_board(ctx, demo_board) -> None:
    """The feed leaves out this process's own commits: no reload after one's own move."""
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        reloads = []
        original = screen.reload
        screen.reload = lambda *a, **k: (reloads.append(1), original(*a, **k))  # type: ignore[method-assign]
        polls = poll_watch(app)
        await press(pilot, "L")
        await settle(pilot)
        await polls.next_poll(pilot)  # a poll has seen the commit (and left it out)
        assert reloads == []


async def test_card_changes_by_others_are_patched_in_without_a_full_reload(ctx, demo_board):
    """Only the changed cards are read back: the board is not re-read for them."""
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        reloads = []
        original = screen.reload
        screen.reload = lambda *a, **k: (reloads.append(1), original(*a, **k))  # type: ignore[method-assign]
        cards.move_card(bob, "WEB-21", "Done")
        cards.edit_card(bob, "WEB-22", {"title": "Renamed by bob"})
        cards.delete_card(bob, "WEB-25")
        await wait_until_shown(pilot, "Renamed by bob")
        text = screen_text(app)
        assert "Review 0/2" in text and "Done 22" in text and "To Do 16" in text
        assert "WEB-25 " not in text
        assert reloads == []
        # A column change is not a card change: that one reloads the board.
        from kanban_tui.services import boards

        boards.set_wip_limit(bob, "WEB", "Review", 5)
        await wait_until_shown(pilot, "Review 0/5")
        assert reloads
    bob.db.close()


async def test_a_change_made_on_another_view_shows_when_the_board_is_next_shown(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # the Risks screen
        await settle(pilot)
        polls = poll_watch(app)
        # As the Risks screen's own actions do: a card made in this process.
        new = cards.add_card(ctx, "WEB", "Made on another view")
        card_rank.rank_card(ctx, new.key, "top")
        await polls.next_poll(pilot)  # a poll notices this process's own commit
        assert "Made on another view" not in screen_text(app)
        await press(pilot, "1")
        await settle(pilot)
        assert "Made on another view" in screen_text(app)


async def test_a_card_taken_out_above_the_cursor_leaves_the_cursor_on_its_card(ctx, demo_board):
    """Someone moves a card that sits above the selected one: the selection
    stays on the same card (a key pressed next acts on it), not the one that
    slid into its row."""
    bob = other_person(ctx)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j")
        above = card_list(app).cards[0].key
        chosen = card_list(app).current.key
        cards.move_card(bob, above, "Done")
        await wait_until_shown(pilot, "To Do 16")
        assert card_list(app).current.key == chosen
    bob.db.close()
