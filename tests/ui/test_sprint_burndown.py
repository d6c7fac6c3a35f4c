"""The burndown chart's drawing for a known series: bars, the ideal line, today, scope."""

from __future__ import annotations

from datetime import date, timedelta

from kanban_tui.domain.sprint_metrics import Burndown
from kanban_tui.widgets.burndown import draw_burndown

START = date(2026, 11, 2)
DAYS = tuple(START + timedelta(days=i) for i in range(4))
END = DAYS[-1]

# 6 points over 4 days; 3 left after day 2 (today); days 3 and 4 still to come.
SERIES = Burndown(
    days=DAYS,
    committed=6,
    ideal=(6.0, 4.5, 3.0, 1.5, 0.0),
    remaining=(6, 6, 3, None, None),
    scope=(6, 6, 6, None, None),
    added=(0, 0, 0, 0),
    removed=(0, 0, 0, 0),
    completed=(0, 3, 0, 0),
)

# 40 x 10: a legend (row 0), plot rows 1-7 with one row of headroom, so one
# point is one row (6 points reach row 2), the base line (row 8), day labels (row 9).
# Slots are 7 cells wide from x=3 (after "6 ┤"): slot k starts at 3 + 7k, bars are 6 wide.
WIDTH, HEIGHT = 40, 10


def slot_x(k: int) -> int:
    return 3 + 7 * k


def bar_rows(canvas, k: int) -> list[int]:
    """The rows where slot ``k``'s bar fills the cell."""
    return [y for y in range(HEIGHT) if canvas.rows[y][slot_x(k) + 2].fill]


def test_bars_are_the_points_left_at_the_right_height():
    canvas = draw_burndown(SERIES, WIDTH, HEIGHT, today=DAYS[1], end=END)
    assert bar_rows(canvas, 0) == [2, 3, 4, 5, 6, 7]  # 6 points: six rows
    assert bar_rows(canvas, 1) == [2, 3, 4, 5, 6, 7]
    assert bar_rows(canvas, 2) == [5, 6, 7]  # 3 points left
    assert bar_rows(canvas, 3) == [] and bar_rows(canvas, 4) == []  # still to come
    assert canvas.rows[7][slot_x(3) + 3].char == "·"
    assert canvas.rows[7][slot_x(1)].fill == "remaining"


def test_the_ideal_line_runs_from_the_commitment_to_zero():
    canvas = draw_burndown(SERIES, WIDTH, HEIGHT, today=DAYS[1], end=END)

    def ideal_row(k: int) -> tuple[int, str]:
        [(row, char)] = {
            (y, canvas.rows[y][slot_x(k) + 1].char)
            for y in range(1, 8)
            if canvas.rows[y][slot_x(k) + 1].part == "ideal"
        }
        return row, char

    # 6.0 sits on the top of row 2 (drawn low in row 1), 4.5 in the middle of
    # row 3, 3.0 on the top of row 5, 1.5 in the middle of row 6, 0 at the bottom.
    assert [ideal_row(k) for k in range(5)] == [
        (1, "▁"),
        (3, "━"),
        (4, "▁"),
        (6, "━"),
        (7, "▁"),
    ]
    # Over a bar the line keeps the bar's colour behind it.
    assert canvas.rows[3][slot_x(1) + 1].fill == "remaining"


def test_today_is_marked_on_its_bar_and_its_label():
    canvas = draw_burndown(SERIES, WIDTH, HEIGHT, today=DAYS[1], end=END)
    assert canvas.rows[7][slot_x(2)].fill == "today"
    labels = canvas.line(HEIGHT - 1)
    assert "start" in labels and " 2 " in labels and "5" in labels
    assert canvas.parts_at(HEIGHT - 1)["today-label"] == "3"
    assert "remaining" in canvas.line(0) and "ideal" in canvas.line(0)


def test_scope_added_shows_as_a_step_and_a_plus():
    grown = Burndown(
        days=DAYS,
        committed=6,
        ideal=(6.0, 4.5, 3.0, 1.5, 0.0),
        remaining=(6, 6, 5, 2, 0),
        scope=(6, 6, 8, 8, 8),
        added=(0, 2, 0, 0),
        removed=(0, 0, 0, 0),
        completed=(0, 3, 3, 2),
    )
    canvas = draw_burndown(grown, WIDTH, HEIGHT, today=None, end=END)
    marks = {y: canvas.line(y) for y in range(HEIGHT) if "+2" in canvas.line(y)}
    assert len(marks) == 1
    [row] = marks
    assert canvas.line(row).index("+2") == slot_x(2)
    scope_rows = {
        y
        for y in range(HEIGHT)
        for x in range(slot_x(3), slot_x(4))
        if canvas.rows[y][x].part == "scope"
    }
    assert scope_rows and max(scope_rows) < min(bar_rows(canvas, 3) or [HEIGHT])


def test_days_past_the_end_are_drawn_as_late():
    late = Burndown(
        days=(*DAYS, END + timedelta(days=1)),
        committed=6,
        ideal=(6.0, 4.5, 3.0, 1.5, 0.0, 0.0),
        remaining=(6, 6, 3, 2, 1, 1),
        scope=(6, 6, 6, 6, 6, 6),
        added=(0,) * 5,
        removed=(0,) * 5,
        completed=(0, 3, 1, 1, 0),
    )
    canvas = draw_burndown(late, WIDTH, HEIGHT, end=END)
    parts = canvas.parts_at(7)
    assert "late" in parts and "remaining" in parts


def test_a_short_strip_keeps_bars_and_labels():
    canvas = draw_burndown(SERIES, WIDTH, 3, today=DAYS[1], end=END)
    assert canvas.height == 3
    assert "remaining" in canvas.parts_at(1)  # the bars' bottom row
    assert "ideal" in {**canvas.parts_at(0), **canvas.parts_at(1)}
    assert "3" in canvas.line(2)  # day labels on the last row


def test_too_small_draws_nothing():
    assert draw_burndown(SERIES, 8, 10).plain().strip() == ""
    assert draw_burndown(SERIES, 40, 1).plain().strip() == ""
