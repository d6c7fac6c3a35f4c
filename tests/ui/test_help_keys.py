"""``?`` help: only this app's keys, each once, one meaning each; wrapped lines align."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.content import Content
from ui_helpers import make_app, press, settle

from kanban_tui.dialogs.help import HelpDialog, HelpText, help_lines
from kanban_tui.dialogs.risk_prompts import PromptDialog

GENERIC = (
    "Focus Next",
    "Focus Previous",
    "Copy selected text",
    "Quit the app and return to the command prompt",
    "Cursor up",
    "Scroll Left",
    "Page Left",
    "Select",
)

MODES = ["board", "sprint", "backlog", "risks", "reports", "activity", "archive"]


async def open_help(pilot, mode: str) -> HelpDialog:
    pilot.app.switch_mode(mode)
    await settle(pilot)
    await press(pilot, "question_mark")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpDialog)
    return pilot.app.screen


@pytest.mark.parametrize("mode", MODES)
async def test_help_lists_each_key_of_the_app_once_and_nothing_generic(ctx, demo_board, mode):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_help(pilot, mode)
        keys = Counter(
            key for _, rows in dialog.sections for shown, _ in rows for key in shown.split(" ")
        )
        assert [key for key, times in keys.items() if times > 1] == []
        descriptions = [text for _, rows in dialog.sections for _, text in rows]
        for generic in GENERIC:
            assert generic not in descriptions, generic
        assert "tab" not in keys or mode == "risks"  # there: the screen's own pane switch
        assert keys["^p"] == 1 and keys["?"] == 1 and keys["q"] == 1


async def test_wrapped_descriptions_hang_under_their_first_line(ctx, demo_board):
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot, "board")
        lines = app.screen.query_one(HelpText).render().plain.splitlines()
        first = next(i for i, line in enumerate(lines) if "Block the card" in line)
        column = lines[first].index("Block the card")
        follow = lines[first + 1]
        assert follow[:column].strip() == "" and follow[column] != " ", (lines[first], follow)
        assert len(follow) - len(follow.lstrip()) == column


def test_help_lines_wrap_each_description_past_the_keys() -> None:
    sections = [("This view", [("a", "word " * 20), ("shift+→", "short")])]
    lines = [line.plain for line in help_lines(sections, ["Filter: " + "term " * 20], 40)]
    assert all(len(line) <= 40 for line in lines), lines
    assert lines[1].startswith("  a        word")
    for line in lines[2:4]:
        assert line.startswith(" " * 11 + "word")
    note = lines[lines.index("") + 1 :]
    assert note[0].startswith("Filter: term") and note[1].startswith(" " * 8 + "term")
    assert isinstance(help_lines(sections, [], 40)[0], Content)


async def test_l_on_the_heat_map_links_a_card_and_never_moves(ctx, demo_board):
    from kanban_tui.widgets.heat_map import HeatMap

    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        app.switch_mode("risks")
        await settle(pilot)
        await press(pilot, "tab")
        assert isinstance(app.focused, HeatMap)
        cursor = app.focused.cursor
        await press(pilot, "l")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        await press(pilot, "escape")
        await settle(pilot)
        assert app.focused.cursor == cursor
