"""At 80x24 the Board and Sprint show compact two-line cards, eight and more a
column; z switches compact and full at any size and the config remembers it;
the headers keep their counts; a blocked card's tooltip says why."""

from __future__ import annotations

from ui_helpers import make_app, press, screen_text, settle

from kanban_tui import config, paths
from kanban_tui.app import create_app
from kanban_tui.screens.sprint.screen import SprintScreen
from kanban_tui.services import boards, cards
from kanban_tui.widgets.card_list import COMPACT_HEIGHT, CardList
from kanban_tui.widgets.column import ColumnView


def visible_keys(app, view: ColumnView) -> list[str]:
    """The card keys the column shows on screen, read back from the terminal."""
    lines = screen_text(app).splitlines()
    region = view.cards.region
    keys = []
    for y in range(region.y, region.bottom):
        cell = lines[y][region.x : region.right].split()
        if cell and "-" in cell[0].lstrip("▌") and cell[0].lstrip("▌")[:3] == "WEB":
            keys.append(cell[0].lstrip("▌"))
    return keys


async def test_the_board_at_80x24_shows_eight_compact_cards_a_column(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        views = list(app.screen.query(ColumnView))
        assert all(view.cards.compact for view in views)
        for view in views:
            assert view.cards.size.height // COMPACT_HEIGHT >= 8
        to_do, done = views[0], views[-1]
        assert len(visible_keys(app, to_do)) >= 8, screen_text(app)
        assert len(visible_keys(app, done)) >= 8, screen_text(app)


async def test_the_sprint_at_80x24_has_room_for_eight_cards_a_column(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        assert isinstance(app.screen, SprintScreen)
        for card_list in app.screen.query(CardList):
            assert card_list.compact
            assert card_list.size.height // COMPACT_HEIGHT >= 8
        done = list(app.screen.query(ColumnView))[-1]
        assert len(visible_keys(app, done)) == len(done.cards.cards) == 6


async def test_a_tall_terminal_shows_full_cards(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not any(view.cards.compact for view in app.screen.query(ColumnView))


async def test_z_switches_and_the_config_remembers_it(ctx, demo_board, isolated_dirs, monkeypatch):
    monkeypatch.delenv("KANBAN_CARD_LAYOUT", raising=False)
    assert paths.config_path().is_relative_to(isolated_dirs)
    app = create_app(ctx, "WEB", config=config.Config(cursor_blink=False, animations=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        card_list = app.screen.query(ColumnView).first().cards
        assert card_list.compact
        await press(pilot, "z")
        await settle(pilot)
        assert not card_list.compact
        assert "Password reset" in screen_text(app)  # a full card's second line
        assert config.load().card_layout == "full"
        await press(pilot, "2")  # the Sprint screen follows
        await settle(pilot)
        assert not any(c.compact for c in app.screen.query(CardList))
        await press(pilot, "z", "1")
        await settle(pilot)
        assert card_list.compact
    assert config.load().card_layout == "compact"
    again = create_app(ctx, "WEB", config=config.load())
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Chosen: compact even on a tall terminal.
        assert again.screen.query(ColumnView).first().cards.compact


async def test_headers_keep_the_count_and_limit_before_the_points(ctx, demo_board):
    boards.set_wip_limit(ctx, "WEB", "To Do", 5)
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[1]
        assert "To Do 17/5 ▲" in header, header
        assert "55 pt" not in header
        assert "Done 21" in header and "72 pt" in header


async def test_the_sprint_header_shows_its_own_cards_beside_the_wip_count(ctx, demo_board):
    cards.move_card(ctx, "WEB-26", "Review")  # not in the sprint; the limit counts it
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        text = screen_text(app)
        assert "In Progress 3 · WIP 3/3" in text and "Review 1 · WIP 2/2" in text


async def test_a_blocked_cards_tooltip_says_why(ctx, board):
    cards.add_card(ctx, "WEB", "Free")
    cards.add_card(ctx, "WEB", "Stuck")
    cards.block_card(ctx, "WEB-2", "Waiting for [b]legal[/b]")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        card_list = app.screen.query(ColumnView).first().cards
        await pilot.hover(card_list, offset=(4, COMPACT_HEIGHT))  # the second card
        await pilot.pause()
        assert card_list.tooltip is not None
        assert "Waiting for [b]legal[/b]" in str(card_list.tooltip)  # literally
        await pilot.hover(card_list, offset=(4, 0))
        await pilot.pause()
        assert card_list.tooltip is None


def test_the_card_layout_setting_keeps_the_others_and_falls_back_to_auto(tmp_path):
    path = tmp_path / "config.toml"
    config.save(config.Config(theme="nord"), path)
    config.remember_card_layout("compact", path)
    saved = config.load(path, environ={})
    assert saved == config.Config(theme="nord", card_layout="compact")
    assert config.card_layout(saved) == "compact"
    assert config.card_layout(config.Config(card_layout="tiny")) == "auto"
    env = config.load(path, environ={"KANBAN_CARD_LAYOUT": "full"})
    assert config.card_layout(env) == "full"
