"""The velocity chart's drawing for a known series."""

from __future__ import annotations

from kanban_tui.domain.sprint_metrics import Velocity
from kanban_tui.widgets.velocity import draw_velocity, mean_text

SERIES = Velocity(
    numbers=(1, 2, 3, 4),
    names=("Sprint 1", "Sprint 2", "Sprint 3", "Sprint 4"),
    committed=(40, 40, 40, 40),
    completed=(10, 20, 30, 40),
)


def test_two_bars_per_sprint_with_their_values_and_the_mean_of_the_last_three():
    canvas = draw_velocity(SERIES, 80, 12)
    text = canvas.plain()
    assert SERIES.mean == 30
    assert "mean 30" in text and "mean of the last 3: 30 pt" in canvas.line(0)
    labels = canvas.line(11)
    assert [word for word in labels.split() if word.isdigit()] == ["1", "2", "3", "4"]
    # The mean line spans sprints 2-4 only.
    mean_cells = [
        x
        for y in range(canvas.height)
        for x in range(canvas.width)
        if canvas.rows[y][x].part == "mean"
    ]
    first_group = labels.index("Sprint 1")
    second_group = labels.index("Sprint 2")
    assert min(mean_cells) >= second_group - 2 and min(mean_cells) > first_group + 4
    # Completed bars grow sprint by sprint: count their filled cells.
    heights = []
    for number in range(4):
        x = labels.index(f"Sprint {number + 1}")
        column = [
            canvas.rows[y][x + dx].fill
            for y in range(canvas.height)
            for dx in range(0, 8)
            if canvas.rows[y][x + dx].fill == "completed"
        ]
        heights.append(len(column))
    assert heights == sorted(heights) and heights[0] < heights[-1]


def test_no_completed_sprint_says_so():
    text = draw_velocity(Velocity(), 60, 8).plain()
    assert "No completed sprint yet." in text


def test_mean_text():
    assert (mean_text(27.5), mean_text(28.0), mean_text(None)) == ("27.5", "28", "-")
