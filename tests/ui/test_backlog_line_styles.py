"""The Backlog's lines keep the component styles they were drawn with only
while the lines themselves are kept: a theme or the focus changing draws them
with the new ones."""

from __future__ import annotations

from ui_helpers import make_app, press, settle

from kanban_tui.widgets.backlog_list import PlanList
from kanban_tui.widgets.backlog_rows import CARD


def drawn_styles(plan: PlanList) -> tuple[object, object]:
    """The edge's style on a card row away from the cursor and on the cursor's row."""
    top = int(plan.scroll_y)
    other = next(
        i for i, row in enumerate(plan.rows) if row.kind == CARD and i != plan.cursor and i >= top
    )
    return (
        next(iter(plan.render_line(other - top))).style,
        next(iter(plan.render_line(plan.cursor - top))).style,
    )


def expected(plan: PlanList) -> tuple[object, object]:
    cursor = "cursor" if plan.has_focus else "cursor-blurred"
    row = plan.get_visual_style("plan-list--row").rich_style
    on_cursor = plan.get_visual_style("plan-list--row", f"plan-list--{cursor}").rich_style
    if plan.has_focus:
        on_cursor = plan.get_visual_style(
            "plan-list--row", "plan-list--cursor", "plan-list--stripe"
        ).rich_style
    return row, on_cursor


async def test_theme_and_focus_changes_redraw_the_lines_in_their_styles(demo_board, ctx):
    app = make_app(ctx)
    async with app.run_test(size=(120, 30)) as pilot:
        await press(pilot, "3")
        await settle(pilot)
        plan = app.screen.query_one(PlanList)
        plan.select_row(next(i for i, row in enumerate(plan.rows) if row.kind == CARD))
        await settle(pilot)
        before = drawn_styles(plan)
        assert before == expected(plan)

        app.theme = "dracula"
        await settle(pilot)
        assert drawn_styles(plan) == expected(plan) != before

        await press(pilot, "slash")  # the filter takes the focus: the cursor dims
        await settle(pilot)
        assert not plan.has_focus
        assert drawn_styles(plan) == expected(plan)
