"""Charts draw wide characters (Japanese column names, emoji) as they are:
each takes two cells of the canvas, and a row stays as wide as the chart."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from kanban_tui.domain.flow_metrics import CumulativeFlow
from kanban_tui.widgets.chart_canvas import Canvas
from kanban_tui.widgets.flow_charts import draw_flow
from kanban_tui.widgets.numbers import Items

WIDTH = 12
texts = st.text(alphabet="ab日本語🎉\u0301 ", max_size=8)
steps = st.lists(
    st.tuples(st.sampled_from(["text", "put", "fill"]), st.integers(-2, WIDTH + 1), texts),
    max_size=25,
)


@given(steps)
def test_a_row_is_as_wide_as_the_canvas_whatever_is_written_over_what(ops) -> None:
    canvas = Canvas(WIDTH, 1)
    for op, x, text in ops:
        if op == "text":
            canvas.text(x, 0, text, "label")
        elif op == "put":
            canvas.put(x, 0, text[:1] if cell_len(text[:1]) == 1 else "x", "label")
        else:
            canvas.fill(x, 0, "bar")
        assert sum(cell_len(cell.char) for cell in canvas.rows[0]) == WIDTH
        assert cell_len("".join(text for text, _, _ in canvas.runs(0))) == WIDTH


def test_japanese_column_names_are_drawn_in_the_legend() -> None:
    names = ("やりたいこと", "やること", "作業中", "クローズ")
    days = tuple(date(2026, 11, 1) + timedelta(days=n) for n in range(5))
    flow = CumulativeFlow(days, names, tuple((1, 2, 3, 4) for _ in days))
    canvas = draw_flow(flow, frozenset({"クローズ"}), 60, 12)
    legend = canvas.line(0)
    assert all(name in legend for name in names), legend
    assert "?" not in legend
    assert cell_len(legend) == 60
    narrow = draw_flow(flow, frozenset({"クローズ"}), 24, 12)  # the legend folds
    folded = narrow.line(0) + narrow.line(1)
    assert all(name in folded for name in names[:3]), folded


@given(
    st.lists(st.text(st.sampled_from("ab 日x"), min_size=1, max_size=60), min_size=1, max_size=6),
    st.integers(min_value=12, max_value=100),
)
def test_folded_numbers_never_run_past_the_width(names, width) -> None:
    """Each item keeps to one line: one wider than the room ends in an ellipsis
    rather than wrapping inside itself (a very long column name)."""
    items = Items(Content("Today  "), tuple(Content(f"{name} 3") for name in names))
    lines = items.folded(width).plain.split("\n")
    assert all(cell_len(line) <= width for line in lines), lines
    assert len(lines) <= len(names)
